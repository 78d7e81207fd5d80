/* text: UTF-8 validity, control characters, spreadsheet formulas, and
 * untrusted text made fit to show. */
#include "text.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

size_t ind_utf8_decode(const char *s, size_t len, unsigned long *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    unsigned long value, min;
    size_t need, i;

    if (len == 0)
        return 0;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    if ((u[0] & 0xE0) == 0xC0) {
        need = 2; value = u[0] & 0x1Fu; min = 0x80;
    } else if ((u[0] & 0xF0) == 0xE0) {
        need = 3; value = u[0] & 0x0Fu; min = 0x800;
    } else if ((u[0] & 0xF8) == 0xF0) {
        need = 4; value = u[0] & 0x07u; min = 0x10000;
    } else {
        return 0;
    }
    if (len < need)
        return 0;
    for (i = 1; i < need; i++) {
        if ((u[i] & 0xC0) != 0x80)
            return 0;
        value = (value << 6) | (u[i] & 0x3Fu);
    }
    if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF))
        return 0;
    *cp = value;
    return need;
}

int ind_text_is_control(unsigned long cp)
{
    return cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) ||
           cp == 0x2028 || cp == 0x2029;
}

int ind_text_check(const char *s, size_t len, unsigned rules, size_t *offset,
                   char *why, size_t whysize)
{
    size_t i = 0, step;
    unsigned long cp;

    if ((rules & IND_TEXT_NO_FORMULA) && len > 0 &&
        ind_text_formula_start(s[0])) {
        *offset = 0;
        snprintf(why, whysize, "it starts with '%c', which a spreadsheet would "
                 "run as a formula", s[0]);
        return -1;
    }
    while (i < len) {
        unsigned char ch = (unsigned char)s[i];
        if (ch >= 0x20 && ch < 0x7F) {
            i++; /* printable ASCII: the common case, nothing to check */
            continue;
        }
        step = ind_utf8_decode(s + i, len - i, &cp);
        if (step == 0) {
            if (rules & IND_TEXT_UTF8) {
                *offset = i;
                snprintf(why, whysize, "invalid UTF-8 (byte 0x%02X)",
                         (unsigned)(unsigned char)s[i]);
                return -1;
            }
            step = 1;
            cp = (unsigned char)s[i];
        }
        if ((rules & IND_TEXT_NO_CONTROL) && ind_text_is_control(cp)) {
            *offset = i;
            snprintf(why, whysize, "a control character (U+%04lX)", cp);
            return -1;
        }
        if ((rules & IND_TEXT_NO_BIDI) && ind_text_is_bidi_control(cp)) {
            *offset = i;
            snprintf(why, whysize, "a bidirectional control (U+%04lX), "
                     "which would show the text reordered", cp);
            return -1;
        }
        i += step;
    }
    return 0;
}

/* Copy printable characters of s[0..len) to buf while they fit in
 * limit bytes; returns the bytes of s consumed and sets *used. */
static size_t excerpt_fill(char *buf, size_t limit, const char *s, size_t len,
                           size_t *used)
{
    size_t i = 0, n = 0, step, width;
    unsigned long cp = 0;
    int bad;

    while (i < len) {
        step = ind_utf8_decode(s + i, len - i, &cp);
        bad = step == 0 || ind_text_is_control(cp);
        step = step ? step : 1;
        width = bad ? 1 : step;
        if (n + width > limit)
            break;
        if (bad)
            buf[n] = '?';
        else
            memcpy(buf + n, s + i, step);
        n += width;
        i += step;
    }
    *used = n;
    return i;
}

void ind_text_excerpt(char *buf, size_t size, const char *s, size_t len)
{
    size_t n;

    /* All of it if it fits, else as much as leaves room for "...". */
    if (excerpt_fill(buf, size - 1, s, len, &n) < len) {
        excerpt_fill(buf, size - 4, s, len, &n);
        memcpy(buf + n, "...", 3);
        n += 3;
    }
    buf[n] = '\0';
}

int ind_text_is_bidi_control(unsigned long cp)
{
    return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

static size_t put_bytes(char *dst, size_t at, const char *src, size_t n)
{
    memcpy(dst + at, src, n);
    return at + n;
}

char *ind_text_sanitize(const char *in, size_t max_chars, int trim)
{
    static const char replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */
    static const char ellipsis[] = "\xE2\x80\xA6";    /* U+2026 */
    size_t len, i = 0, n = 0, chars = 0, step, start, end;
    unsigned long cp;
    char *out;

    if (in == NULL)
        in = "";
    len = strlen(in);
    /* An input byte yields at most 3 output bytes (U+FFFD); the ellipsis
     * adds 3. */
    if (len > (SIZE_MAX - 8) / 3)
        return NULL;
    out = malloc(len * 3 + 8);
    if (out == NULL)
        return NULL;
    while (i < len) {
        if (max_chars > 0 && chars == max_chars) {
            n = put_bytes(out, n, ellipsis, 3);
            break;
        }
        step = ind_utf8_decode(in + i, len - i, &cp);
        if (step == 0) {
            step = 1;
            n = put_bytes(out, n, replacement, 3);
        } else if (ind_text_is_control(cp)) {
            out[n++] = ' ';
        } else if (ind_text_is_bidi_control(cp)) {
            n = put_bytes(out, n, replacement, 3);
        } else {
            n = put_bytes(out, n, in + i, step);
        }
        i += step;
        chars++;
    }
    for (start = 0; trim && start < n && out[start] == ' '; start++)
        ;
    for (end = n; trim && end > start && out[end - 1] == ' '; end--)
        ;
    memmove(out, out + start, end - start);
    out[end - start] = '\0';
    return out;
}

/* One character of s[0..len): its length, an invalid byte as U+FFFD. */
static size_t printable_char(const char *s, size_t len, unsigned long *cp)
{
    size_t step = ind_utf8_decode(s, len, cp);

    if (step > 0)
        return step;
    *cp = 0xFFFD;
    return 1;
}

void ind_text_printable(char *buf, size_t size, const char *s, size_t len,
                     int newlines)
{
    size_t i = 0, n = 0, step;
    unsigned long cp;

    while (i < len && n + 1 < size) {
        step = printable_char(s + i, len - i, &cp);
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
