/* Unit tests of the number module: the strict figure grammar (45 texts it
 * accepts, 52 it refuses, each refusal with the reason it must give), the
 * conversion against glibc's strtod on 400,000 random figures (the fast
 * path and the slow one), the year grammar, round-trip and human
 * formatting, and independence from the process locale. The shortest
 * round trip is also checked against Python's repr() on millions of
 * doubles by number_shortest.c / number_shortest.py.
 *
 * References, none produced by this code: expected values are C literals
 * (converted by the compiler); expected round-trip texts are the shortest
 * decimal forms (the digits of Python's repr(), which is David Gay's
 * shortest round trip, written in C's %g style); human texts are written
 * out by hand. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/number.h"
#include "store_locale.h"

#define PCT IND_NUMBER_ALLOW_PERCENT

typedef struct good_text {
    const char *text;
    unsigned flags;
    double want;
} good_text;

static const good_text good[] = {
    { "12195", 0, 12195.0 },
    { "0", 0, 0.0 },
    { "-0", 0, -0.0 },
    { "7", 0, 7.0 },
    { "-3.5", 0, -3.5 },
    { "0.1", 0, 0.1 },
    { "11.46", 0, 11.46 },
    { "0012", 0, 12.0 },
    { "00.50", 0, 0.5 },
    { "1.2e3", 0, 1200.0 },
    { "1E3", 0, 1000.0 },
    { "1e-3", 0, 0.001 },
    { "2.5E+2", 0, 250.0 },
    { "-4e-2", 0, -0.04 },
    { "1e0", 0, 1.0 },
    { "1,164,000", 0, 1164000.0 },
    { "1,000", 0, 1000.0 },
    { "999", 0, 999.0 },
    { "12,195", 0, 12195.0 },
    { "-1,234.5", 0, -1234.5 },
    { "123,456.789", 0, 123456.789 },
    { "999,999,999,999", 0, 999999999999.0 },
    { "4,158,000", 0, 4158000.0 },
    { "557.44", 0, 557.44 },
    { "9007199254740993", 0, 9007199254740992.0 }, /* rounds to even */
    { "1.7976931348623157e308", 0, DBL_MAX },
    { "2.2250738585072014e-308", 0, DBL_MIN },
    { "0.30000000000000004", 0, 0.30000000000000004 },
    { "123456789012345678901234567890", 0, 1.2345678901234568e29 },
    { "21.5%", PCT, 21.5 },
    { "-3.2%", PCT, -3.2 },
    { "10.61%", PCT, 10.61 },
    { "1,164,000%", PCT, 1164000.0 },
    { "1e2%", PCT, 100.0 },
    { "12", PCT, 12.0 },           /* the % stays optional */
    { "0%", PCT, 0.0 },
    { "760.", 0, 760.0 },          /* NIST writes figures so */
    { ".5", 0, 0.5 },
    { "-.5", 0, -0.5 },
    { "5.e3", 0, 5000.0 },
    { "1,164,000.", 0, 1164000.0 },
    { ".5%", PCT, 0.5 },
    { "431.330", 0, 431.33 },
    { "0.000000000000000000000001", 0, 1e-24 },  /* past Clinger's 22 */
    { "9007199254740993.5", 0, 9007199254740994.0 },
};

#define NGOOD (sizeof good / sizeof good[0])

typedef struct bad_text {
    const char *text;
    unsigned flags;
    const char *why;   /* a fixed part of the message */
} bad_text;

static const bad_text bad[] = {
    { "", 0, "empty value" },
    { "1164,000", 0, "misplaced thousands separators" },
    { "1164,000", 0, "(1,164,000)" },
    { "12 195", 0, "contains a space" },
    { " 12", 0, "contains a space" },
    { "12\t", 0, "contains a space" },
    { "1.164.000", 0, "more than one decimal point" },
    { "nan", 0, "is not a finite number" },
    { "NaN", 0, "is not a finite number" },
    { "-nan", 0, "is not a finite number" },
    { "inf", 0, "is not a finite number" },
    { "-Infinity", 0, "is not a finite number" },
    { "INF%", PCT, "is not a finite number" },
    { "0x10", 0, "hexadecimal is not accepted" },
    { "-0X1A", 0, "hexadecimal is not accepted" },
    { "0x1p3", 0, "hexadecimal is not accepted" },
    { "+5", 0, "a leading '+' is not accepted" },
    { "1e", 0, "exponent without digits" },
    { "1e+", 0, "exponent without digits" },
    { "2E-", 0, "exponent without digits" },
    { ".", 0, "is not a number" },
    { "-.", 0, "is not a number" },
    { ".e5", 0, "is not a number" },
    { "..5", 0, "is not a number" },
    { ".%", PCT, "is not a number" },
    { "5..", 0, "more than one decimal point" },
    { "1,2345", 0, "misplaced thousands separators" },
    { "1,000,00", 0, "misplaced thousands separators" },
    { "1234,567", 0, "misplaced thousands separators" },
    { ",123", 0, "misplaced thousands separators" },
    { "1,,000", 0, "misplaced thousands separators" },
    { "1,000,", 0, "misplaced thousands separators" },
    { "0,500", 0, "cannot start with 0" },
    { "00,123", 0, "cannot start with 0" },
    { "1,000e3", 0, "grouped digits cannot take an exponent" },
    { "1.5,000", 0, "a comma after the decimal point" },
    { "12%", 0, "a percent sign is accepted only for a rate" },
    { "%", PCT, "has no digits" },
    { "12%%", PCT, "unexpected text '%'" },
    { "12abc", 0, "unexpected text 'abc' after the number" },
    { "1e3.5", 0, "unexpected text '.5'" },
    { "12-3", 0, "unexpected text '-3'" },
    { "-", 0, "is not a number" },
    { "--5", 0, "is not a number" },
    { "e5", 0, "is not a number" },
    { "\xef\xbc\x91\xef\xbc\x92", 0, "non-ASCII character" }, /* fullwidth 12 */
    { "1\x01", 0, "contains a control character" },
    { "1e400", 0, "out of the range of a number" },
    { "-1e400", 0, "out of the range of a number" },
    { "1e-400", 0, "out of the range of a number" },
    { "1e-310", 0, "out of the range of a number" },  /* subnormal */
    { "1234567890123456789012345678901234567890123456789012345678901234567",
      0, "too long for a figure (67 characters)" },
};

#define NBAD (sizeof bad / sizeof bad[0])

/* Same double, bit for bit (tells 0 from -0). */
static int same_double(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

static void check_good_texts(void)
{
    size_t i;

    for (i = 0; i < NGOOD; i++) {
        ind_error err = IND_ERROR_INIT;
        double v = 12345.678;
        int rc = ind_number_parse(&v, good[i].text, strlen(good[i].text),
                                  good[i].flags, &err);
        if (rc != IND_OK)
            fail_msg("'%s' refused: %s", good[i].text, err.message);
        if (!same_double(v, good[i].want))
            fail_msg("'%s' read as %.17g, want %.17g", good[i].text, v,
                     good[i].want);
    }
}

static void check_bad_texts(void)
{
    size_t i, k;

    for (i = 0; i < NBAD; i++) {
        ind_error err = IND_ERROR_INIT;
        double v = 12345.678;
        int rc = ind_number_parse(&v, bad[i].text, strlen(bad[i].text),
                                  bad[i].flags, &err);
        if (rc != IND_EPARSE)
            fail_msg("'%s' gave %d (value %.17g), want IND_EPARSE",
                     bad[i].text, rc, v);
        assert_true(same_double(v, 12345.678)); /* untouched */
        assert_int_equal(err.code, IND_EPARSE);
        if (strstr(err.message, bad[i].why) == NULL)
            fail_msg("'%s': message '%s' lacks '%s'", bad[i].text,
                     err.message, bad[i].why);
        for (k = 0; err.message[k] != '\0'; k++)
            assert_true((unsigned char)err.message[k] >= 0x20);
    }
}

static void test_grammar_good(void **state)
{
    (void)state;
    assert_true(NGOOD >= 30);
    check_good_texts();
}

static void test_grammar_bad(void **state)
{
    (void)state;
    assert_true(NBAD >= 30);
    check_bad_texts();
}

/* The text need not be NUL-terminated: only len bytes count. */
/* xorshift64*: a fixed, portable sequence of bit patterns. */
static uint64_t next_bits(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717u;
}

/* Random figures as data has them (1 to 22 digits, a point anywhere or
 * none, sometimes an exponent) convert exactly as glibc's strtod does in
 * the C locale: Clinger's fast path where it applies, strtod elsewhere. */
static void test_parse_matches_strtod(void **state)
{
    uint64_t seed = 0x2545F4914F6CDD1Du;
    char text[64];
    size_t i, fast = 0;
    double v, want;

    (void)state;
    for (i = 0; i < 400000; i++) {
        uint64_t r = next_bits(&seed);
        int ndigits = 1 + (int)(r % 22), point = (int)((r >> 8) % 24), n = 0;
        int k;
        if ((r >> 16) % 2)
            text[n++] = '-';
        for (k = 0; k < ndigits; k++) {
            if (k == point)
                text[n++] = '.';
            text[n++] = (char)('0' + next_bits(&seed) % 10);
        }
        if ((r >> 20) % 5 == 0)
            n += snprintf(text + n, sizeof text - (size_t)n, "e%d",
                          (int)((r >> 24) % 61) - 30);
        text[n] = '\0';
        want = strtod(text, NULL);
        if (want != 0 && fabs(want) < DBL_MIN)
            continue; /* subnormal: refused, see test_format_subnormal */
        if (ind_number_parse(&v, text, (size_t)n, 0, NULL) != IND_OK)
            fail_msg("'%s' refused", text);
        if (!same_double(v, want))
            fail_msg("'%s' gave %a, strtod %a", text, v, want);
        fast += ndigits <= 15 && (r >> 20) % 5 != 0;
    }
    assert_true(fast > 100000);
}

static void test_length_bounded(void **state)
{
    ind_error err = IND_ERROR_INIT;
    double v = 0;

    (void)state;
    assert_int_equal(ind_number_parse(&v, "12345", 3, 0, NULL), IND_OK);
    assert_true(v == 123.0);
    assert_int_equal(ind_number_parse(&v, "1,164,000xyz", 9, 0, NULL), IND_OK);
    assert_true(v == 1164000.0);
    assert_int_equal(ind_number_parse(&v, "12\0003", 4, 0, &err), IND_EPARSE);
    assert_non_null(strstr(err.message, "control character"));
    assert_non_null(strstr(err.message, "'12?3'"));
    assert_int_equal(ind_number_parse(NULL, "1", 1, 0, &err), IND_EINVAL);
    assert_int_equal(ind_number_parse(&v, NULL, 1, 0, &err), IND_EINVAL);
}

/* Texts without a terminator, in buffers of exactly their length (the
 * sanitizers see a read past the end), that start with a point or a sign:
 * once an error message printed such a text with %s, reading past its
 * length (issue 13, defect 2). */
static void test_unterminated_point(void **state)
{
    static const struct { const char *text; int rc; double value; } cases[] = {
        { ".5", IND_OK, 0.5 }, { "-.5", IND_OK, -0.5 }, { ".", IND_EPARSE, 0 },
        { ".x", IND_EPARSE, 0 }, { "-.", IND_EPARSE, 0 },
        { "-", IND_EPARSE, 0 }, { ".5%", IND_EPARSE, 0 },
        { "..5", IND_EPARSE, 0 }, { ".e5", IND_EPARSE, 0 }
    };
    size_t i, n;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ind_error err = IND_ERROR_INIT;
        double v = 0;
        char *text;
        n = strlen(cases[i].text);
        text = malloc(n);
        assert_non_null(text);
        memcpy(text, cases[i].text, n);
        assert_int_equal(ind_number_parse(&v, text, n, 0, &err), cases[i].rc);
        if (cases[i].rc == IND_OK)
            assert_true(v == cases[i].value);
        else
            assert_true(strlen(err.message) > 0);
        free(text);
    }
}

/* The message quotes at most about 40 characters of a long text. */
static void test_message_quotes_briefly(void **state)
{
    char text[200];
    ind_error err = IND_ERROR_INIT;
    double v;

    (void)state;
    memset(text, '9', sizeof text);
    assert_int_equal(ind_number_parse(&v, text, sizeof text, 0, &err),
                     IND_EPARSE);
    assert_non_null(strstr(err.message, "999..."));
    assert_true(strlen(err.message) < 120);
}

static void test_year(void **state)
{
    static const struct { const char *text; int want; } ok[] = {
        { "2019", 2019 }, { "1900", 1900 }, { "0", 0 }, { "-5", -5 },
        { "123456", 123456 }, { "-999999", -999999 }, { "02019", 2019 },
    };
    static const struct { const char *text; const char *why; } no[] = {
        { "", "empty year" },
        { "+2019", "not a whole number" },
        { "2019.0", "not a whole number" },
        { " 2019", "not a whole number" },
        { "2019 ", "not a whole number" },
        { "20l9", "not a whole number" },
        { "2,019", "not a whole number" },
        { "1234567", "at most 6 digits" },
        { "-", "at most 6 digits" },
        { "2e3", "not a whole number" },
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        int y = -1;
        assert_int_equal(ind_number_parse_year(&y, ok[i].text,
                                               strlen(ok[i].text), NULL),
                         IND_OK);
        assert_int_equal(y, ok[i].want);
    }
    for (i = 0; i < sizeof no / sizeof no[0]; i++) {
        ind_error err = IND_ERROR_INIT;
        int y = 77;
        assert_int_equal(ind_number_parse_year(&y, no[i].text,
                                               strlen(no[i].text), &err),
                         IND_EPARSE);
        assert_int_equal(y, 77);
        if (strstr(err.message, no[i].why) == NULL)
            fail_msg("year '%s': '%s' lacks '%s'", no[i].text, err.message,
                     no[i].why);
    }
    assert_int_equal(ind_number_parse_year(NULL, "1", 1, NULL), IND_EINVAL);
}

static void expect_format(double v, const char *want)
{
    char buf[IND_NUMBER_BUFSIZE];

    assert_int_equal(ind_number_format(buf, sizeof buf, v, NULL), IND_OK);
    assert_string_equal(buf, want);
}

static void test_format_shortest(void **state)
{
    char buf[IND_NUMBER_BUFSIZE];

    (void)state;
    expect_format(12195, "12195");
    expect_format(11.46, "11.46");
    expect_format(1e300, "1e+300");
    expect_format(-0.1, "-0.1");
    expect_format(0.0, "0");
    expect_format(-0.0, "-0");
    expect_format(0.1 + 0.2, "0.30000000000000004");
    expect_format(1.0 / 3.0, "0.3333333333333333");
    expect_format(2.0 / 3.0, "0.6666666666666666");
    expect_format(1164000, "1164000");
    expect_format(557.44, "557.44");
    expect_format(1e21, "1e+21");
    expect_format(1e-7, "1e-07");
    expect_format(123456789012345680.0, "1.2345678901234568e+17");
    expect_format(9007199254740992.0, "9007199254740992");
    expect_format(DBL_MAX, "1.7976931348623157e+308");
    expect_format(DBL_MIN, "2.2250738585072014e-308");
    expect_format(-DBL_MAX, "-1.7976931348623157e+308");
    /* Not a number: nothing written, a domain error. */
    memset(buf, 'x', sizeof buf);
    assert_int_equal(ind_number_format(buf, sizeof buf, NAN, NULL), IND_EDOMAIN);
    assert_string_equal(buf, "");
    assert_int_equal(ind_number_format(buf, sizeof buf, -INFINITY, NULL),
                     IND_EDOMAIN);
    assert_int_equal(ind_number_format(buf, IND_NUMBER_BUFSIZE - 1, 1.0, NULL),
                     IND_EINVAL);
    assert_int_equal(ind_number_format(NULL, 64, 1.0, NULL), IND_EINVAL);
}

/* Significant digits of a %g text (trailing zeros of the digits do not
 * count: "236040" has five). */
static int significant_digits(const char *s)
{
    int n = 0, zeros = 0, started = 0;

    for (; *s && *s != 'e'; s++) {
        if (*s < '0' || *s > '9')
            continue;
        if (*s != '0')
            started = 1;
        if (!started)
            continue;
        n++;
        zeros = *s == '0' ? zeros + 1 : 0;
    }
    return n - zeros;
}

/* Every normal double (and a sample of plain figures) written by
 * ind_number_format reads back bit for bit, through strtod and through
 * ind_number_parse, and no text with one digit fewer would. */
static void test_format_round_trip(void **state)
{
    char buf[IND_NUMBER_BUFSIZE], shorter[400];
    uint64_t seed = 0x9E3779B97F4A7C15u, bits;
    size_t i, tried = 0;
    double v, back;
    int p;

    (void)state;
    for (i = 0; i < 200000; i++) {
        bits = next_bits(&seed);
        if (i % 2 == 0) {
            memcpy(&v, &bits, sizeof v);
        } else {
            /* Figures as they come: a few digits, two decimals. */
            v = (double)(bits % 100000000u) / 100.0;
        }
        if (!isnormal(v) && v != 0.0)
            continue;
        tried++;
        assert_int_equal(ind_number_format(buf, sizeof buf, v, NULL), IND_OK);
        back = strtod(buf, NULL);
        if (!same_double(back, v))
            fail_msg("%a written as '%s' reads back as %a", v, buf, back);
        back = 0;
        if (ind_number_parse(&back, buf, strlen(buf), 0, NULL) != IND_OK ||
            !same_double(back, v))
            fail_msg("'%s' does not parse back to %a", buf, v);
        p = significant_digits(buf);
        if (p > 1) {
            snprintf(shorter, sizeof shorter, "%.*g", p - 1, v);
            if (strtod(shorter, NULL) == v)
                fail_msg("'%s' is shorter than '%s'", shorter, buf);
        }
    }
    assert_true(tried > 150000);
}

/* Subnormal values are written (they read back through strtod) but the
 * strict parser refuses them as out of range, like any input figure. */
static void test_format_subnormal(void **state)
{
    char buf[IND_NUMBER_BUFSIZE];
    double v = 5e-324, back = 0;

    (void)state;
    assert_int_equal(ind_number_format(buf, sizeof buf, v, NULL), IND_OK);
    assert_true(strtod(buf, NULL) == v);
    assert_int_equal(ind_number_parse(&back, buf, strlen(buf), 0, NULL),
                     IND_EPARSE);
}

static void expect_human(double v, int decimals, const char *want)
{
    char buf[IND_NUMBER_HUMAN_BUFSIZE];

    assert_int_equal(ind_number_format_human(buf, sizeof buf, v, decimals, NULL),
                     IND_OK);
    if (strcmp(buf, want) != 0)
        fail_msg("%.17g with %d decimals: '%s', want '%s'", v, decimals, buf,
                 want);
}

static void test_format_human(void **state)
{
    char buf[IND_NUMBER_HUMAN_BUFSIZE];

    (void)state;
    expect_human(1164000, -1, "1,164,000");
    expect_human(4158000, 0, "4,158,000");
    expect_human(12195, 2, "12,195.00");
    expect_human(11.456, -1, "11.46");
    expect_human(11.4, -1, "11.4");
    expect_human(21.5, -1, "21.5");
    expect_human(-3.5, -1, "-3.5");
    expect_human(0, -1, "0");
    expect_human(100, -1, "100");
    expect_human(999, -1, "999");
    expect_human(1000, -1, "1,000");
    expect_human(999.999, -1, "1,000");
    expect_human(0.001234, -1, "0.00123");
    expect_human(0.0049, -1, "0.0049");
    expect_human(-0.001, 2, "0.00");          /* no "-0.00" */
    expect_human(-1234567.891, 1, "-1,234,567.9");
    expect_human(123456789.126, 2, "123,456,789.13");
    expect_human(557.44, 6, "557.440000");
    expect_human(1e15, -1, "1e+15");
    expect_human(NAN, -1, "n/a");
    expect_human(-INFINITY, 2, "n/a");
    assert_int_equal(ind_number_format_human(buf, sizeof buf, 1, 7, NULL),
                     IND_EINVAL);
    assert_int_equal(ind_number_format_human(buf, 5, 1164000, 0, NULL), IND_EINVAL);
    assert_string_equal(buf, "");
    assert_int_equal(ind_number_format_human(buf, 10, 1164000, 0, NULL), IND_OK);
    assert_string_equal(buf, "1,164,000");
    assert_int_equal(ind_number_format_human(NULL, 10, 1, 0, NULL), IND_EINVAL);
}

/* Under a decimal-comma locale (where strtod("1164,000") is 1164 and
 * printf writes "1,5") parsing and formatting give exactly what they give
 * under C, and the caller's locale is left as it was. */
static void test_locale_independence(void **state)
{
    char made[128], why[160], buf[IND_NUMBER_HUMAN_BUFSIZE];
    double v = 0;

    (void)state;
    if (!store_locale_enter(made, sizeof made, why, sizeof why)) {
        store_locale_leave(made);
        printf("skipped: no decimal-comma locale (%s)\n", why);
        skip();
    }
    /* The hazard is live: the C library follows the locale. */
    assert_true(strtod("1,5", NULL) == 1.5);
    check_good_texts();
    check_bad_texts();
    assert_int_equal(ind_number_format(buf, sizeof buf, 1.5, NULL), IND_OK);
    assert_string_equal(buf, "1.5");
    assert_int_equal(ind_number_format(buf, sizeof buf, 0.1 + 0.2, NULL), IND_OK);
    assert_string_equal(buf, "0.30000000000000004");
    assert_int_equal(ind_number_format_human(buf, sizeof buf, 1164000.5, 1, NULL),
                     IND_OK);
    assert_string_equal(buf, "1,164,000.5");
    assert_int_equal(ind_number_format_human(buf, sizeof buf, 0.00123, -1, NULL),
                     IND_OK);
    assert_string_equal(buf, "0.00123");
    assert_int_equal(ind_number_parse(&v, "1164,000", 8, 0, NULL), IND_EPARSE);
    /* The thread's locale is still the decimal-comma one. */
    assert_string_equal(localeconv()->decimal_point, ",");
    store_locale_leave(made);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_grammar_good),
        cmocka_unit_test(test_grammar_bad),
        cmocka_unit_test(test_parse_matches_strtod),
        cmocka_unit_test(test_length_bounded),
        cmocka_unit_test(test_unterminated_point),
        cmocka_unit_test(test_message_quotes_briefly),
        cmocka_unit_test(test_year),
        cmocka_unit_test(test_format_shortest),
        cmocka_unit_test(test_format_round_trip),
        cmocka_unit_test(test_format_subnormal),
        cmocka_unit_test(test_format_human),
        cmocka_unit_test(test_locale_independence),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
