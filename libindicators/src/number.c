/* number: the strict figure grammar, and locale-independent formatting.
 *
 * Parsing takes a fast path for the common figure (digits, an optional
 * decimal point, at most 15 or so significant digits: "431.330"), converted
 * exactly by Clinger's method; anything else goes through the full grammar
 * check and, when Clinger's conditions fail, strtod under the C locale.
 * Messages are built only when a text is refused. Round-trip formatting
 * is Schubfach's shortest decimal (number_shortest.c). */
#include "indicators/number.h"
#include "error_internal.h"
#include "number_internal.h"
#include "text.h"

#include <errno.h>
#include <float.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Longest figure we read; anything longer is not a yearly indicator. */
#define NUMBER_MAX_LEN 64

/* Quotations of bad text in messages: about 40 bytes and "...". */
#define QUOTE_SIZE 44

/* Clinger's fast path: an integer w <= 2^53 is a double exactly, so are
 * 10^0 .. 10^22, and one IEEE multiplication or division rounds once:
 * w * 10^e and w / 10^e are then correctly rounded. It needs doubles
 * evaluated as doubles (not in x87 extended precision). */
#define CLINGER_MAX_W ((uint64_t)1 << 53)
#define CLINGER_MAX_E 22
#if FLT_EVAL_METHOD == 0
#define CLINGER_USABLE 1
#else
#define CLINGER_USABLE 0
#endif

static const double powers_of_ten[CLINGER_MAX_E + 1] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

/* The C numeric locale, made once for the process and never changed or
 * freed (strtod and snprintf read the decimal point from the thread's
 * locale; making one per call cost more than the conversion). */
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static locale_t c_locale_made = (locale_t)0;

static void make_c_locale(void)
{
    c_locale_made = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

/* Switch this thread to the C numeric locale; *saved receives the locale to
 * restore with c_locale_leave(). Returns 0, or -1 if no locale could be made. */
static int c_locale_enter(locale_t *saved)
{
    pthread_once(&c_locale_once, make_c_locale);
    if (c_locale_made == (locale_t)0)
        return -1;
    *saved = uselocale(c_locale_made);
    return 0;
}

static void c_locale_leave(locale_t saved)
{
    uselocale(saved);
}

/* Refuse 'text': the message is "value 'QUOTE'" and the formatted rest.
 * The quotation is made here, on the error path only, and not at all
 * when the caller does not want the reason. */
static int refuse(ind_error *err, const char *text, size_t len,
                  const char *fmt, ...) IND_PRINTF(4, 5);
static int refuse(ind_error *err, const char *text, size_t len,
                  const char *fmt, ...)
{
    char q[QUOTE_SIZE], rest[IND_ERROR_MESSAGE_SIZE];
    va_list ap;

    if (err == NULL)
        return IND_EPARSE;
    ind_text_excerpt(q, sizeof q, text, len);
    va_start(ap, fmt);
    vsnprintf(rest, sizeof rest, fmt, ap);
    va_end(ap);
    return ind_error_set(err, IND_EPARSE, "value '%s'%s", q, rest);
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
    char hint[NUMBER_MAX_LEN * 2];
    size_t i = 0, int_start, int_end, n = 0;
    int grouped;

    if (len == 0)
        return ind_error_set(err, IND_EPARSE, "empty value: a figure is required");
    if (len > NUMBER_MAX_LEN)
        return refuse(err, text, len, " is too long for a figure (%zu "
                      "characters)", len);
    for (i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)text[i];
        if (ch == ' ' || ch == '\t')
            return refuse(err, text, len, " contains a space; write digits "
                          "only, grouped with commas if you like (1,164,000)");
        if (ch >= 0x80)
            return refuse(err, text, len, " contains a non-ASCII character; "
                          "use ASCII digits, '-' and '.'");
        if (ch < 0x20 || ch == 0x7f)
            return refuse(err, text, len, " contains a control character");
    }
    if (text[len - 1] == '%') {
        if (!(flags & IND_NUMBER_ALLOW_PERCENT))
            return refuse(err, text, len, ": a percent sign is accepted only "
                          "for a rate indicator");
        if (len == 1)
            return refuse(err, text, len, " has no digits");
        len--;
    }
    if (spells_non_finite(text, len))
        return refuse(err, text, len, " is not a finite number");
    i = 0;
    if (text[0] == '+')
        return refuse(err, text, len, ": a leading '+' is not accepted");
    if (text[0] == '-')
        clean[n++] = text[i++];
    if (len - i >= 2 && text[i] == '0' && lower(text[i + 1]) == 'x')
        return refuse(err, text, len, ": hexadecimal is not accepted");
    int_start = i;
    while (i < len && (is_digit(text[i]) || text[i] == ','))
        i++;
    int_end = i;
    if (int_end == int_start && !(i + 1 < len && text[i] == '.' &&
                                  is_digit(text[i + 1])))
        return refuse(err, text, len, " is not a number");
    if (check_integer_part(text + int_start, int_end - int_start,
                           &grouped) != 0) {
        regroup(hint, sizeof hint, text + int_start, int_end - int_start);
        return refuse(err, text, len, " has misplaced thousands separators: "
                      "commas must split the digits into groups of three "
                      "(%s%s), and decimals take a point",
                      text[0] == '-' ? "-" : "", hint);
    }
    if (grouped && text[int_start] == '0')
        return refuse(err, text, len, ": a number grouped in thousands "
                      "cannot start with 0 (a decimal comma? decimals take "
                      "a point)");
    for (size_t k = int_start; k < int_end; k++)
        if (text[k] != ',')
            clean[n++] = text[k];
    if (i < len && text[i] == '.') {
        /* "760." and ".5" are figures too (one side may be empty). */
        clean[n++] = text[i++];
        while (i < len && is_digit(text[i]))
            clean[n++] = text[i++];
        if (i < len && text[i] == '.')
            return refuse(err, text, len, " has more than one decimal point; "
                          "thousands are grouped with commas (1,164,000)");
        if (i < len && text[i] == ',')
            return refuse(err, text, len, " has a comma after the decimal "
                          "point");
    }
    if (i < len && lower(text[i]) == 'e') {
        size_t exp_start;
        if (grouped)
            return refuse(err, text, len, ": grouped digits cannot take an "
                          "exponent");
        clean[n++] = text[i++];
        if (i < len && (text[i] == '+' || text[i] == '-'))
            clean[n++] = text[i++];
        exp_start = i;
        while (i < len && is_digit(text[i]))
            clean[n++] = text[i++];
        if (i == exp_start)
            return refuse(err, text, len, " has an exponent without digits");
    }
    if (i < len)
        return refuse(err, text, len, " has unexpected text '%.*s' after the "
                      "number", (int)(len - i > 20 ? 20 : len - i), text + i);
    clean[n] = '\0';
    return IND_OK;
}

/* A zero mantissa is zero at any exponent ("0e-400"), keeping its sign. */
static int clinger_zero(int negative, double *out)
{
    *out = negative ? -0.0 : 0.0;
    return 1;
}

/* w x 10^e10 (with its sign) by Clinger's fast path: 1 with the exact
 * double in *out, or 0 when w or e10 is beyond it. */
static int clinger_value(uint64_t w, long e10, int negative, double *out)
{
    double v;

    if (w == 0)
        return clinger_zero(negative, out);
    if (!CLINGER_USABLE || w > CLINGER_MAX_W || e10 < -CLINGER_MAX_E ||
        e10 > CLINGER_MAX_E)
        return 0;
    v = (double)w;
    v = e10 < 0 ? v / powers_of_ten[-e10] : v * powers_of_ten[e10];
    *out = negative ? -v : v;
    return 1;
}

/* Digit d of a mantissa into w (leading zeros skipped); 0 once w would
 * pass 19 digits, the most a uint64_t holds. */
static int add_digit(uint64_t *w, size_t *significant, unsigned d)
{
    if (*w == 0 && d == 0)
        return 1;
    if (++*significant > 19)
        return 0;
    *w = *w * 10 + d;
    return 1;
}

/* Clinger's conversion of [-]digits[.digits][e[+-]digits] s[0..len), which
 * the caller has checked: 1 with the exact double in *out, or 0 when the
 * text is beyond the fast path (too many digits, too large an exponent). */
static int clinger(const char *s, size_t len, double *out)
{
    uint64_t w = 0;
    size_t i = 0, significant = 0;
    long e10 = 0, exponent = 0;
    int negative = 0, after_point = 0, exp_negative = 0;

    if (i < len && s[i] == '-') {
        negative = 1;
        i++;
    }
    for (; i < len; i++) {
        if (s[i] == '.') {
            after_point = 1;
            continue;
        }
        if (!is_digit(s[i]))
            break;
        if (!add_digit(&w, &significant, (unsigned)(s[i] - '0')))
            return 0;
        e10 -= after_point;
    }
    if (i < len && lower(s[i]) == 'e') {
        i++;
        if (i < len && (s[i] == '+' || s[i] == '-'))
            exp_negative = s[i++] == '-';
        for (; i < len; i++) {
            if (exponent > 10000)
                return 0;
            exponent = exponent * 10 + (s[i] - '0');
        }
        e10 += exp_negative ? -exponent : exponent;
    }
    return clinger_value(w, e10, negative, out);
}

/* The common figure, checked and converted in one pass: [-]digits[.digits]
 * or [-].digits, nothing else, at most NUMBER_MAX_LEN bytes. 1 with the
 * value in *out when Clinger's path converts it; 0 sends the text through
 * the full grammar (which also words every refusal). */
static int parse_plain(const char *s, size_t len, double *out)
{
    uint64_t w = 0;
    size_t i = 0, digits = 0, significant = 0;
    long fraction = 0;
    int point = 0, negative = s[0] == '-';

    if (len <= 20) {
        /* At most 19 digits: w cannot overflow, no count needed. The
         * digits before the point, then those after it. */
        unsigned d;
        size_t at_point;
        for (i = (size_t)negative;
             i < len && (d = (unsigned)(unsigned char)s[i] - '0') < 10; i++)
            w = w * 10 + d;
        at_point = i;
        if (i < len && s[i] == '.') {
            point = 1;
            for (i++; i < len && (d = (unsigned)(unsigned char)s[i] - '0') < 10;
                 i++)
                w = w * 10 + d;
        }
        if (i != len)
            return 0;
        digits = len - (size_t)negative - (size_t)point;
        fraction = point ? (long)(len - 1 - at_point) : 0;
        return digits > 0 && digits <= 19 &&
               clinger_value(w, -fraction, negative, out);
    }
    if (len > NUMBER_MAX_LEN)
        return 0;
    for (i = (size_t)negative; i < len; i++) {
        unsigned d = (unsigned)(unsigned char)s[i] - '0';
        if (d < 10) {
            digits++;
            fraction += point;
            if (!add_digit(&w, &significant, d))
                return 0;
        } else if (s[i] == '.' && !point) {
            point = 1;
        } else {
            return 0;
        }
    }
    return digits > 0 && clinger_value(w, -fraction, negative, out);
}

int ind_number_parse(double *out, const char *text, size_t len,
                     unsigned flags, ind_error *err)
{
    char clean[NUMBER_MAX_LEN + 1], *end = NULL;
    locale_t saved;
    double value;
    int rc, saved_errno;

    if (out == NULL || text == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_number_parse: NULL argument");
    if (len > 0 && parse_plain(text, len, out))
        return IND_OK;
    rc = number_check_grammar(text, len, flags, clean, err);
    if (rc != IND_OK)
        return rc;
    if (clinger(clean, strlen(clean), out))
        return IND_OK;
    if (c_locale_enter(&saved) != 0)
        return ind_error_set(err, IND_ENOMEM, "cannot create the C locale");
    errno = 0;
    value = strtod(clean, &end);
    saved_errno = errno;
    c_locale_leave(saved);
    if (end == NULL || *end != '\0')
        return refuse(err, text, len, " is not a number");
    if (saved_errno == ERANGE || !isfinite(value))
        return refuse(err, text, len, " is out of the range of a number");
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
    if (len == 4 && ind_number_year4(text, out))
        return IND_OK;   /* the common year, without a loop */
    if (len == 0)
        return ind_error_set(err, IND_EPARSE, "empty year: a year is required");
    if (text[0] == '-')
        i++;
    if (i == len || len - i > 6) {
        ind_text_excerpt(q, sizeof q, text, len);
        return ind_error_set(err, IND_EPARSE,
                             "year '%s' is not a whole number of at most 6 digits",
                             q);
    }
    for (; i < len; i++) {
        if (!is_digit(text[i])) {
            ind_text_excerpt(q, sizeof q, text, len);
            return ind_error_set(err, IND_EPARSE,
                                 "year '%s' is not a whole number", q);
        }
        year = year * 10 + (text[i] - '0');
    }
    *out = (int)(text[0] == '-' ? -year : year);
    return IND_OK;
}

/* Write digits x 10^exp10 (digits > 0) in C's %g style at the precision
 * the digits need (at least 15, as "%.15g" would): plain notation for
 * decimal exponents from -4 to below that precision, else d.ddde+XX. */
static void write_decimal(char *buf, uint64_t digits, int exp10)
{
    static const char pairs[] =
        "00010203040506070809101112131415161718192021222324252627282930313233"
        "34353637383940414243444546474849505152535455565758596061626364656667"
        "6869707172737475767778798081828384858687888990919293949596979899";
    char d[20] = "", *p = d + sizeof d;
    int nd, x, precision, i, n = 0;

    while (digits % 10 == 0) {
        digits /= 10;
        exp10++;
    }
    /* The digits, two at a time, from the right. */
    for (; digits >= 100; digits /= 100) {
        p -= 2;
        memcpy(p, pairs + 2 * (digits % 100), 2);
    }
    if (digits >= 10) {
        p -= 2;
        memcpy(p, pairs + 2 * digits, 2);
    } else {
        *--p = (char)('0' + digits);
    }
    nd = (int)(d + sizeof d - p);
    memmove(d, p, (size_t)nd);
    x = exp10 + nd - 1;              /* the exponent of the first digit */
    precision = nd > 15 ? nd : 15;
    if (x < -4 || x >= precision) {
        int e = x < 0 ? -x : x;
        buf[n++] = d[0];
        if (nd > 1) {
            buf[n++] = '.';
            memcpy(buf + n, d + 1, (size_t)nd - 1);
            n += nd - 1;
        }
        buf[n++] = 'e';
        buf[n++] = x < 0 ? '-' : '+';
        if (e >= 100)
            buf[n++] = (char)('0' + e / 100);
        buf[n++] = (char)('0' + e / 10 % 10);
        buf[n++] = (char)('0' + e % 10);
    } else if (x < 0) {
        buf[n++] = '0';
        buf[n++] = '.';
        for (i = 0; i < -x - 1; i++)
            buf[n++] = '0';
        memcpy(buf + n, d, (size_t)nd);
        n += nd;
    } else if (x >= nd - 1) {
        memcpy(buf + n, d, (size_t)nd);
        n += nd;
        for (i = 0; i < x - (nd - 1); i++)
            buf[n++] = '0';
    } else {
        memcpy(buf + n, d, (size_t)x + 1);
        n += x + 1;
        buf[n++] = '.';
        memcpy(buf + n, d + x + 1, (size_t)(nd - x - 1));
        n += nd - x - 1;
    }
    buf[n] = '\0';
}

/* ind_number_format without the message (the public wrapper adds it). */
static int number_format(char *buf, size_t size, double value)
{
    uint64_t bits, digits;
    int exp10;
    size_t n = 0;

    if (buf == NULL || size < IND_NUMBER_BUFSIZE)
        return IND_EINVAL;
    buf[0] = '\0';
    if (!isfinite(value))
        return IND_EDOMAIN;
    memcpy(&bits, &value, sizeof bits);
    if (bits >> 63)
        buf[n++] = '-';
    bits &= ~((uint64_t)1 << 63);
    if (bits == 0) {
        memcpy(buf + n, "0", 2);
        return IND_OK;
    }
    ind_number_shortest(bits, &digits, &exp10);
    write_decimal(buf + n, digits, exp10);
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
    locale_t saved;

    if (buf == NULL || size == 0 || decimals > 6)
        return IND_EINVAL;
    buf[0] = '\0';
    if (!isfinite(value)) {
        if (size < 4)
            return IND_EINVAL;
        memcpy(buf, "n/a", 4);
        return IND_OK;
    }
    if (c_locale_enter(&saved) != 0)
        return IND_ENOMEM;
    if (mag >= 1e15 || (automatic && mag > 0 && mag < 0.01)) {
        /* Beyond grouping's use: scientific or significant digits. */
        snprintf(plain, sizeof plain, "%.3g", value);
        c_locale_leave(saved);
        if (strlen(plain) + 1 > size)
            return IND_EINVAL;
        memcpy(buf, plain, strlen(plain) + 1);
        return IND_OK;
    }
    if (automatic) {
        decimals = value == nearbyint(value) ? 0 : 2;
        trim = 1;
    }
    if (decimals == 0) {
        /* Below 1e15 "%.0f" is the nearest integer, ties to even: what
         * nearbyint gives in the default rounding, written without
         * printf. */
        snprintf(plain, sizeof plain, "%llu",
                 (unsigned long long)nearbyint(mag));
    } else {
        snprintf(plain, sizeof plain, "%.*f", decimals, mag);
    }
    c_locale_leave(saved);
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
