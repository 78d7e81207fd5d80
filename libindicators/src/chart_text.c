/* chart_text: untrusted text made safe for a gnuplot script, measured and
 * wrapped for the canvas. */
#include "chart_internal.h"
#include "array.h"
#include "text.h"
#include "indicators/number.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char REPLACEMENT[] = "\xEF\xBF\xBD"; /* U+FFFD */
static const char ZWSP[] = "\xE2\x80\x8B";        /* U+200B */
static const char ELLIPSIS[] = "\xE2\x80\xA6";    /* U+2026 */

/* Decode the character at s[0..len): its length, with an invalid or cut
 * sequence read as one byte standing for U+FFFD. len must be > 0. */
static size_t next_char(const char *s, size_t len, unsigned long *cp)
{
    size_t step = ind_utf8_decode(s, len, cp);

    if (step > 0)
        return step;
    *cp = 0xFFFD;
    return 1;
}

/* Bidirectional embedding, override and isolate controls: harmless to
 * gnuplot, but they can reorder what a reader sees. */
static int is_bidi_control(unsigned long cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static size_t put_bytes(char *dst, size_t at, const char *src, size_t n)
{
    memcpy(dst + at, src, n);
    return at + n;
}

/* Drop ASCII spaces at both ends, in place. */
static void trim_spaces(char *s)
{
    size_t start = 0, end = strlen(s);

    while (s[start] == ' ')
        start++;
    while (end > start && s[end - 1] == ' ')
        end--;
    memmove(s, s + start, end - start);
    s[end - start] = '\0';
}

char *chart_text_clean(const char *in)
{
    size_t len, i = 0, n = 0, chars = 0, step;
    unsigned long cp;
    char *out;

    if (in == NULL)
        in = "";
    len = strlen(in);
    if (len > (SIZE_MAX - 16) / 4)
        return NULL;
    /* Each input byte yields at most 3 output bytes (U+FFFD), and a ">"
     * at most 4 (ZWSP + ">"); the ellipsis adds 3. */
    out = malloc(len * 4 + 8);
    if (out == NULL)
        return NULL;
    while (i < len) {
        if (chars == IND_CHART_TEXT_MAX) {
            n = put_bytes(out, n, ELLIPSIS, 3);
            break;
        }
        step = next_char(in + i, len - i, &cp);
        if (cp == 0xFFFD) {
            n = put_bytes(out, n, REPLACEMENT, 3);
        } else if (ind_text_is_control(cp)) {
            out[n++] = ' ';
        } else if (is_bidi_control(cp)) {
            n = put_bytes(out, n, REPLACEMENT, 3);
        } else {
            /* "]]>" may not appear in XML text, and gnuplot's SVG
             * terminal writes ">" as it is. */
            if (cp == '>' && n >= 2 && out[n - 1] == ']' && out[n - 2] == ']')
                n = put_bytes(out, n, ZWSP, 3);
            n = put_bytes(out, n, in + i, step);
        }
        i += step;
        chars++;
    }
    out[n] = '\0';
    trim_spaces(out);
    return out;
}

/* Width of an ASCII character in em, from Liberation Sans / Arial metrics
 * rounded up. */
static double ascii_width(unsigned char c)
{
    if (c == ' ')
        return 0.28;
    if (strchr("il.,:;!|'`", c) != NULL)
        return 0.28;
    if (strchr("fjtrI()[]{}/\\-\"*", c) != NULL)
        return 0.36;
    if (strchr("mwMW@%", c) != NULL)
        return 0.95;
    if (c >= 'A' && c <= 'Z')
        return 0.70;
    if (c >= '0' && c <= '9')
        return 0.56;
    if (c >= 'a' && c <= 'z')
        return 0.56;
    return 0.60;
}

/* East Asian wide and fullwidth ranges, emoji: one em. */
static int is_wide(unsigned long cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
           (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x1F300 && cp <= 0x1FAFF) ||
           (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* Combining marks and zero-width characters take no room. */
static int is_zero_width(unsigned long cp)
{
    return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x200B && cp <= 0x200F) ||
           cp == 0xFEFF || (cp >= 0xFE00 && cp <= 0xFE0F);
}

static double char_width(unsigned long cp)
{
    if (cp < 0x80)
        return ascii_width((unsigned char)cp);
    if (is_zero_width(cp))
        return 0.0;
    if (is_wide(cp))
        return 1.0;
    return 0.65;
}

/* Width of s[0..len) in em; invalid bytes count as replacement glyphs. */
static double span_width(const char *s, size_t len)
{
    double w = 0;
    size_t i = 0, step;
    unsigned long cp;

    while (i < len) {
        step = next_char(s + i, len - i, &cp);
        w += char_width(cp);
        i += step;
    }
    return w;
}

double chart_text_width(const char *text)
{
    return text ? span_width(text, strlen(text)) : 0.0;
}

void chart_printable(char *buf, size_t size, const char *s, size_t len,
                     int newlines)
{
    size_t i = 0, n = 0, step;
    unsigned long cp;

    while (i < len && n + 1 < size) {
        step = next_char(s + i, len - i, &cp);
        if (cp == 0xFFFD || (ind_text_is_control(cp) && !(newlines && cp == '\n'))) {
            buf[n++] = '?';
        } else if (n + step < size) {
            memcpy(buf + n, s + i, step);
            n += step;
        } else {
            break;
        }
        i += step;
    }
    buf[n] = '\0';
}

int chart_lines_push(chart_lines *l, const char *s)
{
    char *copy;

    if (IND_ARRAY_RESERVE(l->line, l->cap, l->n + 1) != 0)
        return -1;
    copy = strdup(s);
    if (copy == NULL)
        return -1;
    l->line[l->n++] = copy;
    return 0;
}

void chart_lines_clear(chart_lines *l)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        free(l->line[i]);
    free(l->line);
    l->line = NULL;
    l->n = l->cap = 0;
}

/* Bytes of the longest prefix of s[0..len) (whole characters, at least one)
 * no wider than max_em. */
static size_t fitting_prefix(const char *s, size_t len, double max_em)
{
    size_t i = 0, step;
    double w = 0;
    unsigned long cp;

    while (i < len) {
        step = next_char(s + i, len - i, &cp);
        w += char_width(cp);
        if (w > max_em && i > 0)
            break;
        i += step;
    }
    return i;
}

/* Cut the last line so that it and an ellipsis fit in max_em. */
static int end_with_ellipsis(chart_lines *l, double max_em)
{
    char *last = l->line[l->n - 1], *grown;
    size_t keep = fitting_prefix(last, strlen(last), max_em - 1.0);

    while (keep > 0 && last[keep - 1] == ' ')
        keep--;
    grown = realloc(last, keep + sizeof ELLIPSIS);
    if (grown == NULL)
        return -1;
    memcpy(grown + keep, ELLIPSIS, sizeof ELLIPSIS);
    l->line[l->n - 1] = grown;
    return 0;
}

/* Greedy wrapping into l without a line limit. */
static int wrap_all(chart_lines *l, const char *text, char *line,
                    double max_em)
{
    size_t len = strlen(text), i = 0, j, n = 0, take;
    double w = 0, ww;

    while (i < len) {
        while (i < len && text[i] == ' ')
            i++;
        if (i == len)
            break;
        for (j = i; j < len && text[j] != ' '; j++)
            ;
        ww = span_width(text + i, j - i);
        if (n > 0 && w + 0.28 + ww <= max_em) {
            line[n++] = ' ';
            memcpy(line + n, text + i, j - i);
            n += j - i;
            w += 0.28 + ww;
            i = j;
        } else if (n > 0) {
            line[n] = '\0';
            if (chart_lines_push(l, line) != 0)
                return -1;
            n = 0;
            w = 0;
        } else {
            take = ww <= max_em ? j - i : fitting_prefix(text + i, j - i,
                                                         max_em);
            memcpy(line, text + i, take);
            n = take;
            w = span_width(text + i, take);
            i += take;
        }
    }
    line[n] = '\0';
    if (n > 0 && chart_lines_push(l, line) != 0)
        return -1;
    return 0;
}

int chart_text_wrap(chart_lines *out, const char *text, double max_em,
                    size_t max_lines)
{
    char *line = malloc(strlen(text) + 1);

    if (line == NULL || wrap_all(out, text, line, max_em) != 0) {
        free(line);
        chart_lines_clear(out);
        return -1;
    }
    free(line);
    if (max_lines > 0 && out->n > max_lines) {
        while (out->n > max_lines)
            free(out->line[--out->n]);
        if (end_with_ellipsis(out, max_em) != 0) {
            chart_lines_clear(out);
            return -1;
        }
    }
    return 0;
}

static void put_escaped(FILE *out, const char *text, int format)
{
    const char *p;

    fputc('"', out);
    for (p = text; *p != '\0'; p++) {
        if (*p == '\\' || *p == '"' || *p == '`')
            fputc('\\', out);
        else if (format && *p == '%')
            fputc('%', out);
        fputc(*p, out);
    }
    fputc('"', out);
}

void chart_put_string(FILE *out, const char *text)
{
    put_escaped(out, text, 0);
}

void chart_put_format_string(FILE *out, const char *text)
{
    put_escaped(out, text, 1);
}

void chart_value_text(char *buf, size_t size, double value,
                      ind_chart_kind kind)
{
    char num[IND_NUMBER_HUMAN_BUFSIZE];
    int decimals = kind != IND_CHART_LINE ? 1 : fabs(value) >= 100 ? 0 : -1;

    if (ind_number_format_human(num, sizeof num, value, decimals,
                                NULL) != IND_OK)
        memcpy(num, "?", 2);
    if (kind == IND_CHART_GROWTH)
        snprintf(buf, size, "%s%s%%", value > 0 && strcmp(num, "0.0") ? "+"
                 : "", num);
    else
        snprintf(buf, size, "%s", num);
}

void chart_put_number(FILE *out, double value)
{
    char buf[IND_NUMBER_BUFSIZE];

    if (ind_number_format(buf, sizeof buf, value, NULL) != IND_OK)
        memcpy(buf, "NaN", 4);
    fputs(buf, out);
}

void chart_put_fixed(FILE *out, double value)
{
    chart_put_number(out, nearbyint(value * 1e5) / 1e5 + 0.0);
}

void chart_put_coordinate(FILE *out, double value)
{
    int e;
    double scale;

    if (value == 0 || !isfinite(value)) {
        chart_put_number(out, value);
        return;
    }
    /* Six significant digits; dividing a whole number by a power of ten
     * gives the double nearest the decimal, which prints short. */
    e = (int)floor(log10(fabs(value))) - 5;
    scale = pow(10.0, abs(e));
    chart_put_number(out, e < 0 ? nearbyint(value * scale) / scale
                                : nearbyint(value / scale) * scale);
}

int chart_shell_append(char **cmd, size_t *len, const char *word)
{
    static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN"
                               "OPQRSTUVWXYZ0123456789_./:=,+@%^-";
    size_t n = *len, wlen = strlen(word);
    int quote = wlen == 0 || strspn(word, safe) != wlen;
    const char *p;
    char *grown;

    if (wlen > (SIZE_MAX - n - 8) / 4)
        return -1;
    grown = realloc(*cmd, n + wlen * 4 + 8);
    if (grown == NULL)
        return -1;
    if (n > 0)
        grown[n++] = ' ';
    if (quote)
        grown[n++] = '\'';
    for (p = word; *p != '\0'; p++) {
        if (*p == '\'') {
            memcpy(grown + n, "'\\''", 4);
            n += 4;
        } else {
            grown[n++] = *p;
        }
    }
    if (quote)
        grown[n++] = '\'';
    grown[n] = '\0';
    *cmd = grown;
    *len = n;
    return 0;
}
