/* fuzz_number: the figure parser against an independent reading of the
 * grammar in number.h, and the printers' round trip.
 *
 * Input: one flags byte (bit 0: IND_NUMBER_ALLOW_PERCENT), then the text,
 * passed without a terminator in a buffer of exactly its length. Checked:
 * - ind_number_parse() accepts the text exactly when the grammar of
 *   number.h does (recognised here by a hand-written matcher) and the
 *   value is within the range of a double, and then gives the value that
 *   strtod() gives for the digits in the C locale, to the last bit;
 *   values that underflow may be refused or read exactly;
 * - a refusal's message is one printable line;
 * - ind_number_parse_year() accepts exactly "-"? and 1 to 6 digits;
 * - ind_number_format() of the value (and of the input's first 8 bytes as
 *   a double) reads back to the same bits;
 * - ind_number_format_human() writes text in the grammar whose value is
 *   the figure rounded to the decimals asked for. */
#include "fuzz_util.h"
#include "indicators/error.h"
#include "indicators/number.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_FIGURE 64  /* number.c refuses longer texts */

static int digit(char c)
{
    return c >= '0' && c <= '9';
}

/* The grammar of number.h; on a match, the plain digits (no commas, no %)
 * go to clean. Returns 1 on a match. */
static int grammar(const char *s, size_t len, int percent, char *clean)
{
    size_t i = 0, n = 0, run, groups = 0;
    int grouped = 0;

    if (len == 0 || len > MAX_FIGURE)
        return 0;
    if (s[len - 1] == '%') {
        if (!percent)
            return 0;
        len--;
    }
    if (i < len && s[i] == '-')
        clean[n++] = s[i++];
    /* mantissa: digits ["." *DIGIT], or "." 1*DIGIT */
    if (i + 1 < len && s[i] == '.' && digit(s[i + 1])) {
        clean[n++] = s[i++];
        while (i < len && digit(s[i]))
            clean[n++] = s[i++];
        goto exponent;
    }
    if (i >= len || !digit(s[i]))
        return 0;
    /* digits: 1*DIGIT, or NZDIGIT *2DIGIT 1*("," 3DIGIT) */
    run = 0;
    while (i < len && (digit(s[i]) || s[i] == ',')) {
        if (s[i] == ',') {
            if (run == 0 || run > 3 || (groups > 0 && run != 3))
                return 0;
            grouped = 1;
            groups++;
            run = 0;
        } else {
            clean[n++] = s[i];
            run++;
        }
        i++;
    }
    if (grouped && (run != 3 || clean[s[0] == '-'] == '0'))
        return 0;
    if (i < len && s[i] == '.') {
        clean[n++] = s[i++];
        while (i < len && digit(s[i]))
            clean[n++] = s[i++];
    }
exponent:
    if (i < len && (s[i] == 'e' || s[i] == 'E')) {
        if (grouped)
            return 0;
        clean[n++] = s[i++];
        if (i < len && (s[i] == '+' || s[i] == '-'))
            clean[n++] = s[i++];
        if (i >= len || !digit(s[i]))
            return 0;
        while (i < len && digit(s[i]))
            clean[n++] = s[i++];
    }
    clean[n] = '\0';
    return i == len;
}

/* strtod in the C locale; *range is set when it underflows or overflows. */
static double c_strtod(const char *s, int *range)
{
    locale_t c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0), old;
    double v;

    FUZZ_CHECK(c != (locale_t)0, "no C locale");
    old = uselocale(c);
    errno = 0;
    v = strtod(s, NULL);
    *range = errno == ERANGE || !isfinite(v);
    uselocale(old);
    freelocale(c);
    return v;
}

static int same_bits(double a, double b)
{
    return memcmp(&a, &b, sizeof a) == 0;
}

/* ind_number_format() reads back exactly for every normal or zero value. */
static void check_format(double v)
{
    char buf[IND_NUMBER_BUFSIZE];
    double back;
    int rc;

    rc = ind_number_format(buf, sizeof buf, v, NULL);
    if (!isfinite(v)) {
        FUZZ_CHECK(rc == IND_EDOMAIN, "format of a non-finite value: %d", rc);
        return;
    }
    FUZZ_CHECK(rc == IND_OK, "format of %a failed: %d", v, rc);
    FUZZ_CHECK(strlen(buf) < sizeof buf, "format overran");
    rc = ind_number_parse(&back, buf, strlen(buf), 0, NULL);
    if (fpclassify(v) == FP_SUBNORMAL)
        return; /* refused as out of range (dataset.h says so) */
    FUZZ_CHECK(rc == IND_OK && same_bits(back, v),
               "'%s' does not read back as %a", buf, v);
}

/* The human form is in the grammar and rounds the value correctly. */
static void check_human(double v, int decimals)
{
    char buf[IND_NUMBER_HUMAN_BUFSIZE], clean[MAX_FIGURE + 2];
    double back, tolerance;
    int rc, range;

    rc = ind_number_format_human(buf, sizeof buf, v, decimals, NULL);
    if (rc != IND_OK) {
        /* Only a figure too wide for the buffer may fail. */
        FUZZ_CHECK(rc == IND_EINVAL && fabs(v) >= 1e15 - 1 && decimals >= 0,
                   "human format of %a with %d decimals failed", v, decimals);
        return;
    }
    FUZZ_CHECK(fuzz_printable_utf8(buf, strlen(buf)), "human text unprintable");
    FUZZ_CHECK(grammar(buf, strlen(buf), 0, clean),
               "human text '%s' of %a is not in the grammar", buf, v);
    if (fabs(v) >= 1e15 || (decimals < 0 && v != 0 && fabs(v) < 0.01)) {
        /* Three significant digits, m e E: compare m with v / 10^E (a
         * rounding of the largest doubles, "1.8e+308", is beyond a
         * double's range, not beyond the truth). */
        const char *e = strchr(clean, 'e');
        int exp10 = e != NULL ? atoi(e + 1) : 0;
        double m = c_strtod(clean, &range), scaled;
        if (e != NULL) {
            char mant[MAX_FIGURE + 2];
            snprintf(mant, sizeof mant, "%.*s", (int)(e - clean), clean);
            m = c_strtod(mant, &range);
        }
        scaled = v / pow(10, exp10 / 2) / pow(10, exp10 - exp10 / 2);
        FUZZ_CHECK(fabs(m - scaled) <= fabs(scaled) * 5e-3 * (1 + 1e-9),
                   "human text '%s' is not %.17g rounded", buf, v);
        return;
    }
    back = c_strtod(clean, &range);
    tolerance = 0.5 * pow(10, -(decimals < 0 ? 2 : decimals)) +
                fabs(v) * 1e-15;
    FUZZ_CHECK(fabs(back - v) <= tolerance * (1 + 1e-9),
               "human text '%s' is not %.17g rounded", buf, v);
}

static void check_year(const char *s, size_t len)
{
    size_t i = len > 0 && s[0] == '-';
    int want = len > i && len - i <= 6, year = 0, rc;
    long value = 0;
    ind_error err = IND_ERROR_INIT;

    for (size_t k = i; k < len; k++) {
        if (!digit(s[k]))
            want = 0;
        else if (k - i < 7)
            value = value * 10 + (s[k] - '0');
    }
    rc = ind_number_parse_year(&year, s, len, &err);
    FUZZ_CHECK((rc == IND_OK) == want, "year grammar disagrees (%d)", rc);
    if (want)
        FUZZ_CHECK(year == (s[0] == '-' ? -value : value), "year value");
    else
        FUZZ_CHECK(fuzz_printable_utf8(err.message, strlen(err.message)),
                   "year message unprintable");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char clean[MAX_FIGURE + 2], *text;
    double value = 0, want, raw;
    ind_error err = IND_ERROR_INIT;
    unsigned flags;
    size_t len;
    int rc, match, range = 0;

    if (size == 0)
        return 0;
    flags = data[0] & 1 ? IND_NUMBER_ALLOW_PERCENT : 0;
    len = size - 1;
    /* Exactly len bytes, no terminator: number.h allows that. */
    text = malloc(len ? len : 1);
    if (text == NULL)
        return 0;
    memcpy(text, data + 1, len);
    rc = ind_number_parse(&value, text, len, flags, &err);
    match = grammar(text, len, flags != 0, clean);
    want = match ? c_strtod(clean, &range) : 0;
    if (!match || (range && (isinf(want) || fabs(want) > 1)))
        FUZZ_CHECK(rc == IND_EPARSE, "accepted '%.*s' outside the grammar or "
                   "range", (int)len, text);
    else if (range)
        FUZZ_CHECK(rc == IND_EPARSE || (rc == IND_OK && same_bits(value, want)),
                   "underflow '%.*s' misread", (int)len, text);
    else
        FUZZ_CHECK(rc == IND_OK && same_bits(value, want),
                   "'%.*s' read as %a, strtod says %a (rc %d: %s)", (int)len,
                   text, value, want, rc, err.message);
    if (rc == IND_OK) {
        check_format(value);
        check_human(value, -1);
        check_human(value, data[0] >> 1 & 7 ? (data[0] >> 1 & 7) - 1 : 0);
    } else {
        FUZZ_CHECK(err.message[0] != '\0' &&
                   fuzz_printable_utf8(err.message, strlen(err.message)),
                   "refusal message empty or unprintable: %s", err.message);
    }
    check_year(text, len);
    if (len >= sizeof raw) {
        memcpy(&raw, text, sizeof raw);
        check_format(raw);
        if (isfinite(raw))
            check_human(raw, data[0] >> 1 & 7 ? (data[0] >> 1 & 7) - 1 : -1);
    }
    free(text);
    return 0;
}
