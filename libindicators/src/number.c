/* number: the strict figure grammar, and locale-independent formatting. */
#include "indicators/number.h"
#include "error_internal.h"
#include "text.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest figure we read; anything longer is not a yearly indicator. */
#define NUMBER_MAX_LEN 64

/* Quotations of bad text in messages: about 40 bytes and "...". */
#define QUOTE_SIZE 44

/* Switch this thread to the C numeric locale; *saved receives the locale to
 * restore with c_locale_leave(). Returns 0, or -1 if no locale could be made. */
static int c_locale_enter(locale_t *saved, locale_t *c)
{
    *c = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
    if (*c == (locale_t)0)
        return -1;
    *saved = uselocale(*c);
    return 0;
}

static void c_locale_leave(locale_t saved, locale_t c)
{
    uselocale(saved);
    freelocale(c);
}

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int lower(char c)
{
    return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

/* True when text (without sign) spells nan/inf/infinity in any case. */
static int spells_non_finite(const char *s, size_t len)
{
    static const char *const words[] = { "nan", "inf", "infinity" };
    size_t w, i;

    if (len > 0 && (s[0] == '-' || s[0] == '+')) {
        s++;
        len--;
    }
    for (w = 0; w < sizeof words / sizeof words[0]; w++) {
        if (strlen(words[w]) != len)
            continue;
        for (i = 0; i < len && lower(s[i]) == words[w][i]; i++)
            ;
        if (i == len)
            return 1;
    }
    return 0;
}

/* Write the digits of s[0..len) (commas dropped) regrouped by three. */
static void regroup(char *dst, size_t size, const char *s, size_t len)
{
    char digits[NUMBER_MAX_LEN + 1];
    size_t nd = 0, i, n = 0;

    for (i = 0; i < len && nd < NUMBER_MAX_LEN; i++)
        if (is_digit(s[i]))
            digits[nd++] = s[i];
    for (i = 0; i < nd && n + 2 < size; i++) {
        if (i > 0 && (nd - i) % 3 == 0)
            dst[n++] = ',';
        dst[n++] = digits[i];
    }
    dst[n] = '\0';
}

/* Check the integer part s[0..len) (digits and commas). Returns 0 when it
 * is plain or correctly grouped; *grouped tells which. */
static int check_integer_part(const char *s, size_t len, int *grouped)
{
    size_t i, run = 0, groups = 0;

    *grouped = memchr(s, ',', len) != NULL;
    if (!*grouped)
        return 0;
    for (i = 0; i <= len; i++) {
        if (i == len || s[i] == ',') {
            if (run == 0 || run > 3 || (groups > 0 && run != 3))
                return -1;
            groups++;
            run = 0;
        } else {
            run++;
        }
    }
    return 0;
}

/* Validate the grammar; on success copy the plain form (no commas, no %) to
 * clean. Returns IND_OK or IND_EPARSE with the reason in err. */
static int number_check_grammar(const char *text, size_t len, unsigned flags,
                                char *clean, ind_error *err)
{
    char q[QUOTE_SIZE], hint[NUMBER_MAX_LEN * 2];
    size_t i = 0, int_start, int_end, n = 0;
    int grouped;

    ind_text_excerpt(q, sizeof q, text, len);
    if (len == 0)
        return ind_error_set(err, IND_EPARSE, "empty value: a figure is required");
    if (len > NUMBER_MAX_LEN)
        return ind_error_set(err, IND_EPARSE,
                             "value '%s' is too long for a figure (%zu characters)",
                             q, len);
    for (i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == ' ' || ch == '\t')
            return ind_error_set(err, IND_EPARSE,
                                 "value '%s' contains a space; write digits only, "
                                 "grouped with commas if you like (1,164,000)", q);
        if (ch >= 0x80)
            return ind_error_set(err, IND_EPARSE,
                                 "value '%s' contains a non-ASCII character; use "
                                 "ASCII digits, '-' and '.'", q);
        if (ch < 0x20 || ch == 0x7f)
            return ind_error_set(err, IND_EPARSE,
                                 "value '%s' contains a control character", q);
    }
    if (text[len - 1] == '%') {
        if (!(flags & IND_NUMBER_ALLOW_PERCENT))
            return ind_error_set(err, IND_EPARSE,
                                 "value '%s': a percent sign is accepted only for "
                                 "a rate indicator", q);
        len--;
        if (len == 0)
            return ind_error_set(err, IND_EPARSE, "value '%s' has no digits", q);
    }
    if (spells_non_finite(text, len))
        return ind_error_set(err, IND_EPARSE,
                             "value '%s' is not a finite number", q);
    i = 0;
    if (text[0] == '+')
        return ind_error_set(err, IND_EPARSE,
                             "value '%s': a leading '+' is not accepted", q);
    if (text[0] == '-')
        clean[n++] = text[i++];
    if (len - i >= 2 && text[i] == '0' && lower(text[i + 1]) == 'x')
        return ind_error_set(err, IND_EPARSE,
                             "value '%s': hexadecimal is not accepted", q);
    int_start = i;
    while (i < len && (is_digit(text[i]) || text[i] == ','))
        i++;
    int_end = i;
    if (int_end == int_start || !is_digit(text[int_start])) {
        if (int_end == int_start && i < len && text[i] == '.')
            return ind_error_set(err, IND_EPARSE,
                                 "value '%s' needs a digit before the decimal "
                                 "point (0%s)", q, text + i);
        if (int_end == int_start)
            return ind_error_set(err, IND_EPARSE,
                                 "value '%s' is not a number", q);
    }
    if (check_integer_part(text + int_start, int_end - int_start,
                           &grouped) != 0) {
        regroup(hint, sizeof hint, text + int_start, int_end - int_start);
        return ind_error_set(err, IND_EPARSE,
                             "value '%s' has misplaced thousands separators: "
                             "commas must split the digits into groups of three "
                             "(%s%s), and decimals take a point",
                             q, text[0] == '-' ? "-" : "", hint);
    }
    if (grouped && text[int_start] == '0')
        return ind_error_set(err, IND_EPARSE,
                             "value '%s': a number grouped in thousands cannot "
                             "start with 0 (a decimal comma? decimals take a "
                             "point)", q);
    for (size_t k = int_start; k < int_end; k++)
        if (text[k] != ',')
            clean[n++] = text[k];
    if (i < len && text[i] == '.') {
        size_t frac_start = ++i;
        clean[n++] = '.';
        while (i < len && is_digit(text[i]))
            clean[n++] = text[i++];
        if (i == frac_start)
            return ind_error_set(err, IND_EPARSE,
                                 "value '%s' needs a digit after the decimal "
                                 "point", q);
        if (i < len && text[i] == '.')
            return ind_error_set(err, IND_EPARSE,
                                 "value '%s' has more than one decimal point; "
                                 "thousands are grouped with commas (1,164,000)",
                                 q);
        if (i < len && text[i] == ',')
            return ind_error_set(err, IND_EPARSE,
                                 "value '%s' has a comma after the decimal point",
                                 q);
    }
    if (i < len && lower(text[i]) == 'e') {
        size_t exp_start;
        if (grouped)
            return ind_error_set(err, IND_EPARSE,
                                 "value '%s': grouped digits cannot take an "
                                 "exponent", q);
        clean[n++] = text[i++];
        if (i < len && (text[i] == '+' || text[i] == '-'))
            clean[n++] = text[i++];
        exp_start = i;
        while (i < len && is_digit(text[i]))
            clean[n++] = text[i++];
        if (i == exp_start)
            return ind_error_set(err, IND_EPARSE,
                                 "value '%s' has an exponent without digits", q);
    }
    if (i < len)
        return ind_error_set(err, IND_EPARSE,
                             "value '%s' has unexpected text '%.*s' after the "
                             "number", q, (int)(len - i > 20 ? 20 : len - i),
                             text + i);
    clean[n] = '\0';
    return IND_OK;
}

int ind_number_parse(double *out, const char *text, size_t len,
                     unsigned flags, ind_error *err)
{
    char clean[NUMBER_MAX_LEN + 1], q[QUOTE_SIZE], *end = NULL;
    locale_t saved, c;
    double value;
    int rc, saved_errno;

    if (out == NULL || text == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_number_parse: NULL argument");
    rc = number_check_grammar(text, len, flags, clean, err);
    if (rc != IND_OK)
        return rc;
    if (c_locale_enter(&saved, &c) != 0)
        return ind_error_set(err, IND_ENOMEM, "cannot create the C locale");
    errno = 0;
    value = strtod(clean, &end);
    saved_errno = errno;
    c_locale_leave(saved, c);
    ind_text_excerpt(q, sizeof q, text, len);
    if (end == NULL || *end != '\0')
        return ind_error_set(err, IND_EPARSE, "value '%s' is not a number", q);
    if (saved_errno == ERANGE || !isfinite(value))
        return ind_error_set(err, IND_EPARSE,
                             "value '%s' is out of the range of a number", q);
    *out = value;
    return IND_OK;
}

int ind_number_parse_year(int *out, const char *text, size_t len,
                          ind_error *err)
{
    char q[QUOTE_SIZE];
    size_t i = 0;
    long year = 0;

    if (out == NULL || text == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_number_parse_year: NULL argument");
    ind_text_excerpt(q, sizeof q, text, len);
    if (len == 0)
        return ind_error_set(err, IND_EPARSE, "empty year: a year is required");
    if (text[0] == '-')
        i++;
    if (i == len || len - i > 6)
        return ind_error_set(err, IND_EPARSE,
                             "year '%s' is not a whole number of at most 6 digits",
                             q);
    for (; i < len; i++) {
        if (!is_digit(text[i]))
            return ind_error_set(err, IND_EPARSE,
                                 "year '%s' is not a whole number", q);
        year = year * 10 + (text[i] - '0');
    }
    *out = (int)(text[0] == '-' ? -year : year);
    return IND_OK;
}

/* ind_number_format without the message (the public wrapper adds it). */
static int number_format(char *buf, size_t size, double value)
{
    locale_t saved, c;
    int precision;

    if (buf == NULL || size < IND_NUMBER_BUFSIZE)
        return IND_EINVAL;
    buf[0] = '\0';
    if (!isfinite(value))
        return IND_EDOMAIN;
    if (c_locale_enter(&saved, &c) != 0)
        return IND_ENOMEM;
    /* The first precision that reads back exactly is the shortest. */
    for (precision = 15; precision <= 17; precision++) {
        snprintf(buf, size, "%.*g", precision, value);
        if (strtod(buf, NULL) == value)
            break;
    }
    c_locale_leave(saved, c);
    return IND_OK;
}

/* Insert commas into the integer digits of a plain "%f" text. */
static int group_thousands(char *dst, size_t size, const char *plain,
                           int negative)
{
    const char *dot = strchr(plain, '.');
    size_t int_len = dot ? (size_t)(dot - plain) : strlen(plain);
    size_t i, n = 0, need;

    need = (size_t)negative + int_len + (int_len - 1) / 3 + strlen(plain + int_len) + 1;
    if (need > size)
        return -1;
    if (negative)
        dst[n++] = '-';
    for (i = 0; i < int_len; i++) {
        if (i > 0 && (int_len - i) % 3 == 0)
            dst[n++] = ',';
        dst[n++] = plain[i];
    }
    memcpy(dst + n, plain + int_len, strlen(plain + int_len) + 1);
    return 0;
}

/* Drop trailing zeros of a fraction, and the point if nothing is left. */
static void trim_fraction(char *s)
{
    char *dot = strchr(s, '.'), *end;

    if (dot == NULL)
        return;
    end = s + strlen(s);
    while (end > dot + 1 && end[-1] == '0')
        *--end = '\0';
    if (end == dot + 1)
        *dot = '\0';
}

/* True when every digit of s is zero ("0.00"): such a value takes no sign. */
static int all_zero(const char *s)
{
    for (; *s; s++)
        if (is_digit(*s) && *s != '0')
            return 0;
    return 1;
}

/* ind_number_format_human without the message. */
static int number_format_human(char *buf, size_t size, double value,
                               int decimals)
{
    char plain[IND_NUMBER_HUMAN_BUFSIZE + 320];
    double mag = fabs(value);
    int automatic = decimals < 0, trim = 0;
    locale_t saved, c;

    if (buf == NULL || size == 0 || decimals > 6)
        return IND_EINVAL;
    buf[0] = '\0';
    if (!isfinite(value)) {
        if (size < 4)
            return IND_EINVAL;
        memcpy(buf, "n/a", 4);
        return IND_OK;
    }
    if (c_locale_enter(&saved, &c) != 0)
        return IND_ENOMEM;
    if (mag >= 1e15 || (automatic && mag > 0 && mag < 0.01)) {
        /* Beyond grouping's use: scientific or significant digits. */
        snprintf(plain, sizeof plain, "%.3g", value);
        c_locale_leave(saved, c);
        if (strlen(plain) + 1 > size)
            return IND_EINVAL;
        memcpy(buf, plain, strlen(plain) + 1);
        return IND_OK;
    }
    if (automatic) {
        decimals = value == nearbyint(value) ? 0 : 2;
        trim = 1;
    }
    snprintf(plain, sizeof plain, "%.*f", decimals, mag);
    c_locale_leave(saved, c);
    if (trim)
        trim_fraction(plain);
    if (group_thousands(buf, size, plain, value < 0 && !all_zero(plain)) != 0) {
        buf[0] = '\0';
        return IND_EINVAL;
    }
    return IND_OK;
}

/* The message of a formatting failure, from its code. */
static int format_failed(ind_error *err, int code, const char *what)
{
    switch (code) {
    case IND_OK:
        return IND_OK;
    case IND_EDOMAIN:
        return ind_error_set(err, code, "%s: the value is not finite", what);
    case IND_ENOMEM:
        return ind_error_set(err, code, "%s: the C locale cannot be "
                             "obtained", what);
    default:
        return ind_error_set(err, code, "%s: no buffer, a buffer too small "
                             "or more than 6 decimals", what);
    }
}

int ind_number_format(char *buf, size_t size, double value, ind_error *err)
{
    return format_failed(err, number_format(buf, size, value),
                         "ind_number_format");
}

int ind_number_format_human(char *buf, size_t size, double value,
                            int decimals, ind_error *err)
{
    return format_failed(err, number_format_human(buf, size, value, decimals),
                         "ind_number_format_human");
}
