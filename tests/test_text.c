/* Unit tests of the text module: the UTF-8 decoder, the rules every text
 * field obeys (valid UTF-8, no control characters, no spreadsheet formula)
 * and the printable excerpt used to quote bad text in messages.
 *
 * References: the code points below are written out by hand from the
 * Unicode tables (U+00E9 = C3 A9, U+4E2D = E4 B8 AD, U+1F600 = F0 9F 98 80,
 * U+10FFFF = F4 8F BF BF) and the malformed sequences are those of Markus
 * Kuhn's UTF-8 decoder stress test (overlong '/', surrogates, 0xFE). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>

#include "text.h"

/* Decode s (NUL-terminated) and expect len bytes and code point cp. */
static void expect_decode(const char *s, size_t want_len, unsigned long want_cp)
{
    unsigned long cp = 0xDEAD;
    size_t n = ind_utf8_decode(s, strlen(s), &cp);

    assert_int_equal(n, want_len);
    if (want_len > 0)
        assert_int_equal(cp, want_cp);
}

static void test_decode_valid(void **state)
{
    (void)state;
    expect_decode("A", 1, 0x41);
    expect_decode("\x7f", 1, 0x7f);
    expect_decode("\xc2\x80", 2, 0x80);
    expect_decode("\xc3\xa9", 2, 0xe9);
    expect_decode("\xdf\xbf", 2, 0x7ff);
    expect_decode("\xe0\xa0\x80", 3, 0x800);
    expect_decode("\xe4\xb8\xad", 3, 0x4e2d);
    expect_decode("\xe2\x80\xa8", 3, 0x2028);
    expect_decode("\xef\xbb\xbf", 3, 0xfeff);
    expect_decode("\xed\x9f\xbf", 3, 0xd7ff);
    expect_decode("\xee\x80\x80", 3, 0xe000);
    expect_decode("\xf0\x9f\x98\x80", 4, 0x1f600);
    expect_decode("\xf4\x8f\xbf\xbf", 4, 0x10ffff);
    /* Only the first character is decoded. */
    expect_decode("\xc3\xa9xyz", 2, 0xe9);
}

static void test_decode_invalid(void **state)
{
    unsigned long cp;

    (void)state;
    expect_decode("\xc0\xaf", 0, 0);             /* overlong '/' */
    expect_decode("\xc1\xbf", 0, 0);             /* overlong */
    expect_decode("\xe0\x80\xaf", 0, 0);         /* overlong '/' */
    expect_decode("\xe0\x9f\xbf", 0, 0);         /* overlong U+07FF */
    expect_decode("\xf0\x80\x80\xaf", 0, 0);     /* overlong '/' */
    expect_decode("\xf0\x8f\xbf\xbf", 0, 0);     /* overlong U+FFFF */
    expect_decode("\xed\xa0\x80", 0, 0);         /* surrogate U+D800 */
    expect_decode("\xed\xbf\xbf", 0, 0);         /* surrogate U+DFFF */
    expect_decode("\xf4\x90\x80\x80", 0, 0);     /* U+110000 */
    expect_decode("\xf8\x88\x80\x80\x80", 0, 0); /* 5-byte form */
    expect_decode("\xfe", 0, 0);
    expect_decode("\xff", 0, 0);
    expect_decode("\x80", 0, 0);                 /* lone continuation */
    expect_decode("\xbf", 0, 0);
    expect_decode("\xe2\x28\xa1", 0, 0);         /* bad continuation */
    expect_decode("\xc3(", 0, 0);
    /* Truncated sequences: the length given stops inside them. */
    assert_int_equal(ind_utf8_decode("\xe4\xb8\xad", 2, &cp), 0);
    assert_int_equal(ind_utf8_decode("\xf0\x9f\x98\x80", 3, &cp), 0);
    assert_int_equal(ind_utf8_decode("\xc3\xa9", 1, &cp), 0);
    assert_int_equal(ind_utf8_decode("", 0, &cp), 0);
}

/* Check s[0..len) with rules; expect failure at byte 'at' with 'why'
 * containing want, or success when want is NULL. */
static void expect_rules(const char *s, size_t len, unsigned rules,
                         const char *want, size_t at)
{
    char why[128] = "untouched";
    size_t offset = 999;
    int rc = ind_text_check(s, len, rules, &offset, why, sizeof why);

    if (want == NULL) {
        assert_int_equal(rc, 0);
        return;
    }
    assert_int_equal(rc, -1);
    assert_int_equal(offset, at);
    if (strstr(why, want) == NULL)
        fail_msg("reason '%s' lacks '%s'", why, want);
}

#define CHECK_ALL(lit, want, at) \
    expect_rules(lit, sizeof lit - 1, IND_TEXT_ALL, want, at)

static void test_check_accepts(void **state)
{
    (void)state;
    CHECK_ALL("", NULL, 0);
    CHECK_ALL("plain text, with commas; and \"quotes\"", NULL, 0);
    CHECK_ALL("Z\xc3\xbcrich \xe4\xb8\xad\xe5\x9b\xbd \xf0\x9f\x98\x80",
              NULL, 0);
    CHECK_ALL("a=b", NULL, 0);          /* formula signs are fine inside */
    CHECK_ALL("x-y+z@w", NULL, 0);
    CHECK_ALL("http://example.org/?q=1&r=-2", NULL, 0);
    CHECK_ALL("\xef\xbb\xbfwith a BOM", NULL, 0); /* U+FEFF is not a control */
    CHECK_ALL("~ \x7e", NULL, 0);
}

static void test_check_refuses(void **state)
{
    (void)state;
    CHECK_ALL("=SUM(A1)", "starts with '='", 0);
    CHECK_ALL("+1", "starts with '+'", 0);
    CHECK_ALL("-1", "starts with '-'", 0);
    CHECK_ALL("@cmd", "starts with '@'", 0);
    CHECK_ALL("=", "a spreadsheet would run as a formula", 0);
    CHECK_ALL("tab\there", "control character (U+0009)", 3);
    CHECK_ALL("line\nbreak", "control character (U+000A)", 4);
    CHECK_ALL("cr\r", "control character (U+000D)", 2);
    CHECK_ALL("esc\x1b[31m", "control character (U+001B)", 3);
    CHECK_ALL("bell\x07", "control character (U+0007)", 4);
    CHECK_ALL("del\x7f", "control character (U+007F)", 3);
    CHECK_ALL("nel\xc2\x85", "control character (U+0085)", 3);
    CHECK_ALL("c1\xc2\x9f", "control character (U+009F)", 2);
    CHECK_ALL("ls\xe2\x80\xa8", "control character (U+2028)", 2);
    CHECK_ALL("ps\xe2\x80\xa9", "control character (U+2029)", 2);
    CHECK_ALL("caf\xe9", "invalid UTF-8 (byte 0xE9)", 3);
    CHECK_ALL("ok \xc0\xaf", "invalid UTF-8 (byte 0xC0)", 3);
    CHECK_ALL("\xed\xa0\x80", "invalid UTF-8 (byte 0xED)", 0);
    CHECK_ALL("trunc\xe4\xb8", "invalid UTF-8 (byte 0xE4)", 5);
    /* A NUL inside the length is a control character. */
    expect_rules("a\0b", 3, IND_TEXT_ALL, "control character (U+0000)", 1);
}

/* Each rule works alone. */
static void test_check_rules_apart(void **state)
{
    (void)state;
    expect_rules("=x", 2, IND_TEXT_UTF8 | IND_TEXT_NO_CONTROL, NULL, 0);
    expect_rules("=x", 2, IND_TEXT_NO_FORMULA, "starts with '='", 0);
    expect_rules("a\tb", 3, IND_TEXT_UTF8 | IND_TEXT_NO_FORMULA, NULL, 0);
    expect_rules("a\tb", 3, IND_TEXT_NO_CONTROL, "U+0009", 1);
    expect_rules("caf\xe9", 4, IND_TEXT_NO_CONTROL, NULL, 0);
    expect_rules("caf\xe9", 4, IND_TEXT_UTF8, "invalid UTF-8", 3);
    /* Without the UTF-8 rule a raw C1 byte still counts as a control. */
    expect_rules("x\x85", 2, IND_TEXT_NO_CONTROL, "U+0085", 1);
    expect_rules("anything \xff\x01", 11, 0, NULL, 0);
}

/* The reason is cut to the buffer and always terminated. */
static void test_check_small_buffer(void **state)
{
    char why[8];
    size_t at;

    (void)state;
    memset(why, 'x', sizeof why);
    assert_int_equal(ind_text_check("=x", 2, IND_TEXT_ALL, &at, why,
                                    sizeof why), -1);
    assert_int_equal(strlen(why), sizeof why - 1);
}

/* U+4E2D U+56FD, six bytes. */
#define ZHONGGUO "\xe4\xb8\xad\xe5\x9b\xbd"

/* Excerpt s into a buffer of size n and expect want. */
static void expect_excerpt(const char *s, size_t len, size_t n,
                           const char *want)
{
    char buf[128];

    assert_true(n <= sizeof buf);
    memset(buf, 'Z', sizeof buf);
    ind_text_excerpt(buf, n, s, len);
    assert_string_equal(buf, want);
    assert_true(strlen(buf) < n);
}

static void test_excerpt(void **state)
{
    (void)state;
    expect_excerpt("", 0, 44, "");
    expect_excerpt("1164,000", 8, 44, "1164,000");
    expect_excerpt("two\nlines", 9, 44, "two?lines");
    expect_excerpt("esc\x1b[31m", 8, 44, "esc?[31m");
    expect_excerpt("nel\xc2\x85!", 6, 44, "nel?!");
    expect_excerpt("caf\xe9!", 5, 44, "caf?!");
    expect_excerpt(ZHONGGUO, 6, 44, ZHONGGUO);
    expect_excerpt("a\0b", 3, 44, "a?b");
    /* Cut to the buffer, with "...", never inside a character. */
    expect_excerpt("abcdefghij", 10, 8, "abcd...");
    expect_excerpt("abcdefg", 7, 8, "abcdefg");
    expect_excerpt("abcdefgh", 8, 8, "abcd...");
    expect_excerpt("abcd", 4, 8, "abcd");
    expect_excerpt("ab\xe4\xb8\xad", 5, 8, "ab\xe4\xb8\xad");
    expect_excerpt("abc\xe4\xb8\xad\xe5", 7, 8, "abc\xe4\xb8\xad?");
    expect_excerpt("abc\xe4\xb8\xad\xe5\x9b", 8, 8, "abc...");
    expect_excerpt(ZHONGGUO, 6, 8, ZHONGGUO);
    expect_excerpt(ZHONGGUO "\xe4\xba\xba", 9, 8, "\xe4\xb8\xad...");
    expect_excerpt("anything", 8, 4, "...");
    expect_excerpt("abc", 3, 4, "abc");
    expect_excerpt("", 0, 4, "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_decode_valid),
        cmocka_unit_test(test_decode_invalid),
        cmocka_unit_test(test_check_accepts),
        cmocka_unit_test(test_check_refuses),
        cmocka_unit_test(test_check_rules_apart),
        cmocka_unit_test(test_check_small_buffer),
        cmocka_unit_test(test_excerpt),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
