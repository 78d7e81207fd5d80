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

#include "chart_metrics.h"

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

char *chart_text_clean(const char *in)
{
    char *clean = ind_text_sanitize(in, IND_CHART_TEXT_MAX, 1), *out;
    size_t i, n = 0, len;

    if (clean == NULL)
        return NULL;
    /* "]]>" may not appear in XML text, and gnuplot's SVG terminal writes
     * ">" as it is: a zero-width space goes before the ">". */
    len = strlen(clean);
    out = malloc(len * 2 + 1);
    if (out == NULL) {
        free(clean);
        return NULL;
    }
    for (i = 0; i < len; i++) {
        if (clean[i] == '>' && i >= 2 && clean[i - 1] == ']' &&
            clean[i - 2] == ']') {
            memcpy(out + n, ZWSP, 3);
            n += 3;
        }
        out[n++] = clean[i];
    }
    out[n] = '\0';
    free(clean);
    return out;
}

/* Advance width of a character in em: the chart fonts' own (a binary
 * search of chart_metrics.h), one em for a character neither has. */
static double char_width(unsigned long cp)
{
    size_t lo = 0, hi = sizeof chart_metrics / sizeof chart_metrics[0];

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (cp < chart_metrics[mid].first)
            hi = mid;
        else if (cp > chart_metrics[mid].last)
            lo = mid + 1;
        else
            return chart_metrics[mid].width / (double)CHART_METRICS_UNITS;
    }
    return cp < 0x20 ? 0.0 : 1.0;
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
    return w * CHART_TEXT_SLACK;
}

double chart_text_width(const char *text)
{
    return text ? span_width(text, strlen(text)) : 0.0;
}

int chart_cat(char **buf, size_t *len, const char *s)
{
    size_t n = strlen(s);
    char *grown = realloc(*buf, *len + n + 1);

    if (grown == NULL)
        return -1;
    memcpy(grown + *len, s, n + 1);
    *buf = grown;
    *len += n;
    return 0;
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

/* ---- Wrapping ----------------------------------------------------------- */

/* East Asian wide and fullwidth ranges: a line may break between any two
 * of their characters (no spaces separate Chinese words). */
static int is_wide(unsigned long cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
           (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* Is cp one of list[0..n)? */
static int in_set(unsigned long cp, const unsigned long *list, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (list[i] == cp)
            return 1;
    return 0;
}

/* Characters a line must not start with (closing punctuation) or end
 * with (opening punctuation), from the Chinese and Japanese rules. */
static int is_closing(unsigned long cp)
{
    static const unsigned long closing[] = {
        ',', '.', ';', ':', '!', '?', ')', ']', '}', '%',
        0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF1A, 0xFF1B, 0xFF01, 0xFF1F,
        0xFF09, 0x300D, 0x300F, 0x3011, 0x300B, 0x3009, 0x3015, 0xFF3D,
        0xFF5D, 0x2026, 0x00B7, 0x30FB, 0x30FC, 0x3005, 0x201D, 0x2019,
        0xFF05
    };

    return in_set(cp, closing, sizeof closing / sizeof closing[0]);
}

static int is_opening(unsigned long cp)
{
    static const unsigned long opening[] = {
        '(', '[', '{', 0xFF08, 0x300C, 0x300E, 0x3010, 0x300A, 0x3008,
        0x3014, 0xFF3B, 0xFF5B, 0x201C, 0x2018
    };

    return in_set(cp, opening, sizeof opening / sizeof opening[0]);
}

/* Where a word wider than a line (a URL, a path) may break: after one of
 * these, before a character that is not. */
static int is_url_break(unsigned long cp)
{
    return cp == '/' || cp == '-' || cp == '.' || cp == '_' || cp == '?' ||
           cp == '&' || cp == '=' || cp == '#';
}

/* May a line break between characters a and b of one word? */
static int may_break(unsigned long a, unsigned long b, int overlong)
{
    if ((is_wide(a) || is_wide(b)) && !is_closing(b) && !is_opening(a))
        return 1;
    return overlong && is_url_break(a) && !is_url_break(b);
}

/* A piece of text between two break opportunities. */
typedef struct piece {
    size_t start, end;   /* bytes of the text */
    int space;           /* a space comes before it (none at a line's start) */
    double w;            /* its width in em */
} piece;

typedef struct pieces {
    piece *p;
    size_t n, cap;
} pieces;

static int push_piece(pieces *ps, const char *t, size_t start, size_t end,
                      int space)
{
    if (IND_ARRAY_RESERVE(ps->p, ps->cap, ps->n + 1) != 0)
        return -1;
    ps->p[ps->n].start = start;
    ps->p[ps->n].end = end;
    ps->p[ps->n].space = space;
    ps->p[ps->n].w = span_width(t + start, end - start);
    ps->n++;
    return 0;
}

/* Cut text into pieces at its break opportunities. */
static int split_pieces(pieces *ps, const char *t, double max_em)
{
    size_t len = strlen(t), i = 0, j, k, start, step;
    unsigned long prev, cp;
    int space = 0, overlong;

    while (i < len) {
        if (t[i] == ' ') {
            space = 1;
            i++;
            continue;
        }
        for (j = i; j < len && t[j] != ' '; j++)
            ;
        overlong = span_width(t + i, j - i) > max_em;
        prev = 0;
        for (k = start = i; k < j; k += step) {
            step = next_char(t + k, j - k, &cp);
            if (k > start && may_break(prev, cp, overlong)) {
                if (push_piece(ps, t, start, k, space) != 0)
                    return -1;
                space = 0;
                start = k;
            }
            prev = cp;
        }
        if (push_piece(ps, t, start, j, space) != 0)
            return -1;
        space = 0;
        i = j;
    }
    return 0;
}

/* A line: pieces first..last (inclusive). */
typedef struct line_span {
    size_t first, last;
} line_span;

/* Greedy filling: as many pieces on each line as fit. A piece wider than
 * a line gets a line of its own. Returns the number of lines; spans (room
 * for ps->n) receives them, when not NULL. */
static size_t fill_lines(const pieces *ps, double max_em, double space_em,
                         line_span *spans)
{
    size_t k, n = 0, first = 0;
    double w = 0;

    for (k = 0; k < ps->n; k++) {
        double add = (ps->p[k].space ? space_em : 0) + ps->p[k].w;
        if (k > first && w + add > max_em) {
            if (spans)
                spans[n].first = first, spans[n].last = k - 1;
            n++;
            first = k;
            w = ps->p[k].w;
        } else {
            w = k > first ? w + add : ps->p[k].w;
        }
    }
    if (ps->n > 0) {
        if (spans)
            spans[n].first = first, spans[n].last = ps->n - 1;
        n++;
    }
    return n;
}

/* Width of the line of pieces first..last. */
static double line_width(const pieces *ps, size_t first, size_t last,
                         double space_em)
{
    double w = 0;
    size_t k;

    for (k = first; k <= last; k++)
        w += (k > first && ps->p[k].space ? space_em : 0) + ps->p[k].w;
    return w;
}

/* Bytes of the longest prefix of s[0..len) (whole characters) no wider
 * than max_em. */
static size_t fitting_prefix(const char *s, size_t len, double max_em)
{
    size_t i = 0, step;
    double w = 0;
    unsigned long cp;

    while (i < len) {
        step = next_char(s + i, len - i, &cp);
        w += char_width(cp) * CHART_TEXT_SLACK;
        if (w > max_em)
            break;
        i += step;
    }
    return i;
}

/* Write the line of pieces first..last into buf, ending with "…" when
 * `ellipsis`; a single piece too wide for the line is shortened. */
static void put_line(char *buf, const char *t, const pieces *ps, size_t first,
                     size_t last, double max_em, int ellipsis)
{
    double dots = ellipsis ? span_width(ELLIPSIS, 3) : 0;
    size_t n = 0, k, take;

    if (first == last && ps->p[first].w + dots > max_em) {
        const piece *p = &ps->p[first];
        take = fitting_prefix(t + p->start, p->end - p->start,
                              max_em - span_width(ELLIPSIS, 3));
        memcpy(buf, t + p->start, take);
        memcpy(buf + take, ELLIPSIS, sizeof ELLIPSIS);
        return;
    }
    for (k = first; k <= last; k++) {
        if (k > first && ps->p[k].space)
            buf[n++] = ' ';
        memcpy(buf + n, t + ps->p[k].start, ps->p[k].end - ps->p[k].start);
        n += ps->p[k].end - ps->p[k].start;
    }
    if (ellipsis) {
        memcpy(buf + n, ELLIPSIS, 3);
        n += 3;
    }
    buf[n] = '\0';
}

int chart_text_wrap(chart_lines *out, const char *text, double max_em,
                    size_t max_lines)
{
    double space_em = span_width(" ", 1), dots = span_width(ELLIPSIS, 3);
    pieces ps = { NULL, 0, 0 };
    line_span *spans = NULL;
    char *buf = malloc(strlen(text) + 8);
    size_t n = 0, i;
    int bad = buf == NULL || split_pieces(&ps, text, max_em) != 0;

    if (!bad && ps.n > 0) {
        spans = malloc(ps.n * sizeof *spans);
        bad = spans == NULL;
    }
    if (!bad && ps.n > 0)
        n = fill_lines(&ps, max_em, space_em, spans);
    for (i = 0; !bad && i < n; i++) {
        int cut = max_lines > 0 && n > max_lines && i + 1 == max_lines;
        if (cut)
            /* The last line that shows: whole pieces and "…". */
            while (spans[i].last > spans[i].first &&
                   line_width(&ps, spans[i].first, spans[i].last, space_em) +
                   dots > max_em)
                spans[i].last--;
        put_line(buf, text, &ps, spans[i].first, spans[i].last, max_em, cut);
        bad = chart_lines_push(out, buf) != 0;
        if (cut)
            break;
    }
    free(buf);
    free(spans);
    free(ps.p);
    if (bad) {
        chart_lines_clear(out);
        return -1;
    }
    return 0;
}

size_t chart_text_count_lines(const char *text, double max_em)
{
    pieces ps = { NULL, 0, 0 };
    size_t n;

    if (split_pieces(&ps, text, max_em) != 0) {
        free(ps.p);
        return (size_t)-1;
    }
    n = fill_lines(&ps, max_em, span_width(" ", 1), NULL);
    free(ps.p);
    return n;
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
