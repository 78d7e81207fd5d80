/* fuzz_chart: the chart script writer never lets a text become gnuplot
 * code.
 *
 * Input: parts separated by FUZZ_PART_SEPARATOR (0x1E). Part 0 holds the
 * shape (kind, layout, size, series, years, values, marks, projections),
 * read a byte at a time; then the texts: title, note, dataset path, the
 * command line (words separated by 0x1F), subtitle, source line, y label,
 * and for each series its name, unit, sources (separated by 0x1F), model
 * name and source name.
 *
 * The chart is written twice: with the fuzzed texts, and with neutral ones
 * ("t1", "t2", ...) in their place. A lexer of the gnuplot language
 * written here reads both scripts and requires of the fuzzed one:
 * - valid UTF-8, no control characters but the line end;
 * - every string literal closes on its line and holds no backtick but
 *   an escaped one (gnuplot runs a backtick's text even inside double
 *   quotes); no backtick in code; no comment ends in a backslash (which
 *   would continue it onto the next line);
 * - datablocks hold only numbers, NaN and blank lines, and no line of one
 *   starts with its terminator;
 * - the code outside strings and comments uses no word that the neutral
 *   script does not use (so no text became a command, an option or a
 *   variable), and none of system, eval, load, call, import, print,
 *   output, pipe, exit, cd, shell, save; tic labels are format strings,
 *   so each '%' in them is doubled; a `set format` string is one the
 *   neutral script has too. */
#include "fuzz_util.h"
#include "indicators/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_SERIES 3
#define MAX_POINTS 12
#define MAX_WORDS 512

/* A cursor over the shape bytes; past the end it reads zeros. */
typedef struct bytes {
    const unsigned char *p;
    size_t len, at;
} bytes;

static unsigned take(bytes *b)
{
    return b->at < b->len ? b->p[b->at++] : 0;
}

/* The texts of one chart, fuzzed or neutral. */
typedef struct texts {
    char *title, *note, *path, *subtitle, *source_line, *ylabel;
    char *argv[8];
    int argc;
    char *name[MAX_SERIES], *unit[MAX_SERIES], *model[MAX_SERIES],
         *source_name[MAX_SERIES];
    char *sources[MAX_SERIES][6];
    size_t nsources[MAX_SERIES];
} texts;

static char *text_of(const fuzz_part *p, size_t from, size_t len)
{
    char *s = malloc(len + 1);

    if (s == NULL)
        fuzz_fail("out of memory");
    if (len > 0)
        memcpy(s, p->data + from, len);
    s[len] = '\0';
    return s;
}

static char *whole(const fuzz_part *p)
{
    return p->present ? text_of(p, 0, p->len) : text_of(p, 0, 0);
}

/* Split a part at 0x1F into at most max words. */
static size_t words_of(const fuzz_part *p, char **out, size_t max)
{
    size_t n = 0, start = 0, i;

    if (!p->present)
        return 0;
    for (i = 0; i <= p->len && n < max; i++)
        if (i == p->len || p->data[i] == 0x1f) {
            out[n++] = text_of(p, start, i - start);
            start = i + 1;
        }
    return n;
}

/* A text as the chart keeps it, near enough to tell which texts it takes
 * for equal (units decide the layout) or empty (a series needs a name):
 * control characters become spaces, invalid bytes and bidirectional
 * controls one mark, and spaces are trimmed at both ends. */
static char *normalized(const char *s)
{
    size_t n = strlen(s), i = 0, o = 0, step;
    char *t = malloc(n * 3 + 1);
    unsigned char c;

    if (t == NULL)
        fuzz_fail("out of memory");
    while (i < n) {
        c = (unsigned char)s[i];
        step = c < 0x80 ? 1 : c >= 0xc2 && c <= 0xdf ? 2
               : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
        if (step > 1 && (i + step > n || !fuzz_printable_utf8(s + i, step) ||
                         (step == 3 && c == 0xe2 && (unsigned char)s[i + 1] == 0x80 &&
                          (unsigned char)s[i + 2] >= 0xaa &&
                          (unsigned char)s[i + 2] <= 0xae) ||
                         (step == 3 && c == 0xe2 && (unsigned char)s[i + 1] == 0x81 &&
                          (unsigned char)s[i + 2] >= 0xa6 &&
                          (unsigned char)s[i + 2] <= 0xa9)))
            step = 0;
        if (step == 0) {
            t[o++] = '?';
            i++;
        } else if (step == 1) {
            t[o++] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
            i++;
        } else {
            memcpy(t + o, s + i, step);
            o += step;
            i += step;
        }
    }
    t[o] = '\0';
    for (i = 0; t[i] == ' '; i++)
        ;
    memmove(t, t + i, o - i + 1);
    for (o = strlen(t); o > 0 && t[o - 1] == ' '; o--)
        t[o - 1] = '\0';
    return t;
}

/* Neutral twins given so far: equal texts get the same twin. */
typedef struct twins {
    char *key[64], *twin[64];
    size_t n;
    unsigned counter;
} twins;

/* The neutral twin of a text: "" for "", a space for one the chart
 * cleans to nothing (it is given, but blank), else tN, the same N for
 * texts the chart takes as equal. */
static char *neutral(const char *s, twins *tw)
{
    char *key = normalized(s), *t = malloc(16);
    size_t i;

    if (t == NULL)
        fuzz_fail("out of memory");
    t[0] = '\0';
    if (s[0] != '\0' && key[0] == '\0')
        memcpy(t, " ", 2);
    for (i = 0; key[0] != '\0' && i < tw->n; i++)
        if (strcmp(tw->key[i], key) == 0) {
            snprintf(t, 16, "%s", tw->twin[i]);
            free(key);
            return t;
        }
    if (key[0] != '\0') {
        snprintf(t, 16, "t%u", ++tw->counter);
        if (tw->n < 64) {
            tw->key[tw->n] = key;
            tw->twin[tw->n] = strdup(t);
            tw->n++;
            return t;
        }
    }
    free(key);
    return t;
}

static void make_neutral(const texts *in, texts *out)
{
    twins tw;
    twins *n = &tw;
    size_t s, k;
    int i;

    memset(&tw, 0, sizeof tw);

    out->title = neutral(in->title, n);
    out->note = neutral(in->note, n);
    out->path = neutral(in->path, n);
    out->subtitle = neutral(in->subtitle, n);
    out->source_line = neutral(in->source_line, n);
    out->ylabel = neutral(in->ylabel, n);
    out->argc = in->argc;
    for (i = 0; i < in->argc; i++)
        out->argv[i] = neutral(in->argv[i], n);
    for (s = 0; s < MAX_SERIES; s++) {
        out->name[s] = neutral(in->name[s], n);
        out->unit[s] = neutral(in->unit[s], n);
        out->model[s] = neutral(in->model[s], n);
        out->source_name[s] = neutral(in->source_name[s], n);
        out->nsources[s] = in->nsources[s];
        for (k = 0; k < in->nsources[s]; k++)
            out->sources[s][k] = neutral(in->sources[s][k], n);
    }
    for (k = 0; k < tw.n; k++) {
        free(tw.key[k]);
        free(tw.twin[k]);
    }
}

static void free_texts(texts *t)
{
    size_t s, k;
    int i;

    free(t->title);
    free(t->note);
    free(t->path);
    free(t->subtitle);
    free(t->source_line);
    free(t->ylabel);
    for (i = 0; i < t->argc; i++)
        free(t->argv[i]);
    for (s = 0; s < MAX_SERIES; s++) {
        free(t->name[s]);
        free(t->unit[s]);
        free(t->model[s]);
        free(t->source_name[s]);
        for (k = 0; k < t->nsources[s]; k++)
            free(t->sources[s][k]);
    }
}

/* The numbers of a chart, read from the shape bytes. */
typedef struct shape {
    ind_chart_kind kind;
    ind_chart_layout layout;
    ind_lang lang;
    unsigned width, height;
    size_t nseries;
    size_t length[MAX_SERIES];
    int years[MAX_SERIES][MAX_POINTS];
    double values[MAX_SERIES][MAX_POINTS];
    ind_chart_mark marks[MAX_SERIES][MAX_POINTS];
    size_t plength[MAX_SERIES];
    int pyears[MAX_SERIES][6];
    double mean[MAX_SERIES][6], lo80[MAX_SERIES][6], hi80[MAX_SERIES][6],
           lo95[MAX_SERIES][6], hi95[MAX_SERIES][6];
    int bands[MAX_SERIES];
} shape;

static void read_shape(bytes *b, shape *sh)
{
    static const unsigned widths[] = { 0, 480, 640, 1200, 3000 };
    static const unsigned heights[] = { 0, 320, 480, 900, 2000 };
    size_t s, i, n;
    int year;

    memset(sh, 0, sizeof *sh);
    sh->kind = (ind_chart_kind)(take(b) % 3);
    sh->layout = (ind_chart_layout)(take(b) % 3);
    sh->lang = take(b) % 2 ? IND_LANG_ZH : IND_LANG_EN;
    sh->width = widths[take(b) % 5];
    sh->height = heights[take(b) % 5];
    sh->nseries = 1 + take(b) % MAX_SERIES;
    n = 1 + take(b) % MAX_POINTS;
    year = 1960 + (int)(take(b) % 60);
    for (s = 0; s < sh->nseries; s++) {
        int y = year;
        double scale = pow(10, (double)(take(b) % 9) - 2);
        sh->length[s] = n;
        for (i = 0; i < n; i++) {
            unsigned v = take(b) | take(b) << 8;
            sh->years[s][i] = y;
            y += 1 + (sh->kind == IND_CHART_INDEX ? 0 : (int)(take(b) % 3 == 0));
            sh->values[s][i] = ((double)(int)(v % 20001) - 10000) * scale;
            sh->marks[s][i] = (ind_chart_mark)(take(b) % 4);
        }
        if (sh->kind == IND_CHART_INDEX)
            sh->values[s][0] = 100;
        if (sh->kind != IND_CHART_GROWTH && take(b) % 2) {
            double m = sh->values[s][n - 1];
            sh->plength[s] = 1 + take(b) % 6;
            sh->bands[s] = take(b) % 2;
            for (i = 0; i < sh->plength[s]; i++) {
                double w = (1 + take(b) % 50) * scale;
                sh->pyears[s][i] = y + (int)i;
                sh->mean[s][i] = m + ((double)(take(b) % 21) - 10) * scale;
                sh->lo80[s][i] = sh->mean[s][i] - w;
                sh->hi80[s][i] = sh->mean[s][i] + w;
                sh->lo95[s][i] = sh->mean[s][i] - 2 * w;
                sh->hi95[s][i] = sh->mean[s][i] + 2 * w;
            }
        }
    }
}

/* Write the chart to memory; returns the script (caller frees) or NULL
 * when the library refused the chart. */
static char *write_chart(const shape *sh, const texts *t, size_t *len)
{
    ind_chart_options opts = IND_CHART_OPTIONS_INIT;
    ind_chart *chart = NULL;
    char *script = NULL;
    FILE *out;
    size_t s;
    int rc;

    opts.kind = sh->kind;
    opts.layout = sh->layout;
    opts.title = t->title;
    opts.note = t->note;
    opts.width = sh->width;
    opts.height = sh->height;
    opts.base_year = sh->years[0][0];
    opts.dataset_path = t->path;
    opts.dataset_sha256 =
        "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    opts.argc = t->argc;
    opts.argv = (const char *const *)t->argv;
    opts.created = 1700000000;
    opts.subtitle = t->subtitle;
    opts.source_line = t->source_line;
    opts.ylabel = t->ylabel;
    opts.lang = sh->lang;
    if (ind_chart_new(&chart, &opts, NULL) != IND_OK)
        return NULL;
    for (s = 0; s < sh->nseries; s++) {
        ind_chart_series cs = IND_CHART_SERIES_INIT;
        cs.name = t->name[s];
        cs.unit = t->unit[s];
        cs.length = sh->length[s];
        cs.years = sh->years[s];
        cs.values = sh->values[s];
        cs.marks = sh->marks[s];
        cs.sources = (const char *const *)t->sources[s];
        cs.n_sources = t->nsources[s];
        cs.source_name = t->source_name[s];
        if (sh->plength[s] > 0) {
            cs.projection.model = t->model[s];
            cs.projection.length = sh->plength[s];
            cs.projection.years = sh->pyears[s];
            cs.projection.mean = sh->mean[s];
            if (sh->bands[s]) {
                cs.projection.nbands = 2;
                cs.projection.bands[0].level = 80;
                cs.projection.bands[0].lower = sh->lo80[s];
                cs.projection.bands[0].upper = sh->hi80[s];
                cs.projection.bands[1].level = 95;
                cs.projection.bands[1].lower = sh->lo95[s];
                cs.projection.bands[1].upper = sh->hi95[s];
            }
        }
        if (ind_chart_add(chart, &cs, NULL) != IND_OK)
            break;
    }
    out = open_memstream(&script, len);
    if (out == NULL)
        fuzz_fail("open_memstream");
    rc = ind_chart_count(chart) > 0 ? ind_chart_write_stream(chart, out, NULL)
                                    : IND_EINVAL;
    fclose(out);
    ind_chart_free(chart);
    if (rc != IND_OK) {
        free(script);
        return NULL;
    }
    return script;
}

/* ---- a lexer of gnuplot scripts ---- */

typedef struct lexed {
    char *words[MAX_WORDS];        /* distinct code words */
    size_t nwords;
    char *formats[64];             /* `set format` strings */
    size_t nformats;
} lexed;

static int is_word_start(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
           c == '$';
}

static int is_word_char(char c)
{
    return is_word_start(c) || (c >= '0' && c <= '9');
}

static void add_word(lexed *lx, const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < lx->nwords; i++)
        if (strlen(lx->words[i]) == n && memcmp(lx->words[i], s, n) == 0)
            return;
    if (lx->nwords < MAX_WORDS)
        lx->words[lx->nwords++] = text_of(&(fuzz_part){ s, n, 1 }, 0, n);
}

static int has_word(const lexed *lx, const char *w)
{
    size_t i;

    for (i = 0; i < lx->nwords; i++)
        if (strcmp(lx->words[i], w) == 0)
            return 1;
    return 0;
}

static void free_lexed(lexed *lx)
{
    size_t i;

    for (i = 0; i < lx->nwords; i++)
        free(lx->words[i]);
    for (i = 0; i < lx->nformats; i++)
        free(lx->formats[i]);
}

/* Scan a quoted string starting at line[*i] (the quote); returns its end
 * (past the closing quote). Fails when it does not close on the line or
 * holds a backtick that is not escaped. */
static size_t scan_string(const char *line, size_t len, size_t i, size_t no)
{
    char q = line[i++];

    while (i < len && line[i] != q) {
        if (q == '"' && line[i] == '\\' && i + 1 < len)
            i += 2;
        else if (q == '\'' && line[i] == '\'' && i + 1 < len &&
                 line[i + 1] == '\'')
            i += 2;
        else {
            FUZZ_CHECK(line[i] != '`', "line %zu: a bare backtick in a "
                       "string: %.*s", no, (int)len, line);
            i++;
        }
    }
    FUZZ_CHECK(i < len, "line %zu: a string does not close on its line: "
               "%.*s", no, (int)len, line);
    return i + 1;
}

/* '%' in a tic label must come in pairs (tic labels are formats). */
static void check_doubled_percent(const char *s, size_t n, size_t no)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (s[i] != '%')
            continue;
        FUZZ_CHECK(i + 1 < n && s[i + 1] == '%', "line %zu: a lone %% in a "
                   "tic label", no);
        i++;
    }
}

static void lex_code_line(lexed *lx, const char *line, size_t len, size_t no)
{
    size_t i = 0, start, prev_word = 0, prev_len = 0;
    int tics_list = 0;

    while (i < len && (line[i] == ' ' || line[i] == '\t'))
        i++;
    FUZZ_CHECK(i >= len || line[i] != '!', "line %zu runs a shell command",
               no);
    if (len - i > 4 && memcmp(line + i, "set ", 4) == 0) {
        /* "set xtics (" and the like: the list's labels are formats. */
        size_t k = i + 4;
        while (k < len && is_word_char(line[k]))
            k++;
        tics_list = k - i >= 8 && memcmp(line + k - 4, "tics", 4) == 0 &&
                    len - k >= 2 && memcmp(line + k, " (", 2) == 0;
    }
    while (i < len) {
        char c = line[i];
        if (c == '"' || c == '\'') {
            start = i;
            i = scan_string(line, len, i, no);
            if (tics_list)
                check_doubled_percent(line + start + 1, i - start - 2, no);
            if (prev_len == 6 && memcmp(line + prev_word, "format", 6) == 0 &&
                lx->nformats < 64)
                lx->formats[lx->nformats++] =
                    text_of(&(fuzz_part){ line + start, i - start, 1 }, 0,
                            i - start);
        } else if (c == '#') {
            /* A comment: nothing in it runs, but a final backslash would
             * make the next line part of it. */
            FUZZ_CHECK(line[len - 1] != '\\', "line %zu: a comment ends in a "
                       "backslash", no);
            /* gnuplot 5.4 runs no backtick in a comment (tried). */
            i = len;
        } else if (c >= '0' && c <= '9') {
            while (i < len && (is_word_char(line[i]) || line[i] == '.'))
                i++;
        } else if (is_word_start(c)) {
            start = i;
            while (i < len && is_word_char(line[i]))
                i++;
            /* A word that only follows "format x" keeps the last word. */
            if (!(prev_len == 6 && memcmp(line + prev_word, "format", 6) == 0)) {
                prev_word = start;
                prev_len = i - start;
            }
            add_word(lx, line + start, i - start);
        } else {
            FUZZ_CHECK(c != '`', "line %zu: a backtick in code", no);
            i++;
        }
    }
}

/* Lex a whole script into lx, checking the rules of the file comment. */
static void lex_script(const char *script, size_t len, lexed *lx)
{
    size_t at = 0, no = 0, n;
    char end[64] = "";

    while (at < len) {
        const char *line = script + at, *nl = memchr(line, '\n', len - at);
        n = nl ? (size_t)(nl - line) : len - at;
        at += n + 1;
        no++;
        FUZZ_CHECK(fuzz_printable_utf8(line, n), "line %zu is not printable "
                   "UTF-8", no);
        if (end[0] != '\0') {
            size_t i;
            if (n == strlen(end) && memcmp(line, end, n) == 0) {
                end[0] = '\0';
                continue;
            }
            FUZZ_CHECK(n < strlen(end) || memcmp(line, end, strlen(end)) != 0,
                       "line %zu starts with the datablock's terminator", no);
            for (i = 0; i < n; i++)
                FUZZ_CHECK(strchr("0123456789.-+eE NaN", line[i]) != NULL,
                           "line %zu: a datablock holds text: %.*s", no,
                           (int)n, line);
            continue;
        }
        if (n > 0 && line[0] == '$') {
            const char *mark = strstr(line, " << ");
            if (mark != NULL && mark < line + n) {
                size_t k = (size_t)(line + n - (mark + 4));
                FUZZ_CHECK(k > 0 && k < sizeof end, "datablock terminator");
                memcpy(end, mark + 4, k);
                end[k] = '\0';
                add_word(lx, line, (size_t)(mark - line));
                continue;
            }
        }
        lex_code_line(lx, line, n, no);
    }
    FUZZ_CHECK(end[0] == '\0', "a datablock is not closed");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const forbidden[] = {
        "system", "eval", "load", "call", "import", "print", "output", "pipe",
        "exit", "quit", "cd", "shell", "save", "evaluate", "fit", "history"
    };
    fuzz_part part[8 + 5 * MAX_SERIES];
    texts t, nt;
    shape sh;
    bytes b;
    lexed lx, nlx;
    char *script, *nscript;
    size_t len, nlen, s, i, k;

    memset(&t, 0, sizeof t);
    memset(&nt, 0, sizeof nt);
    memset(&lx, 0, sizeof lx);
    memset(&nlx, 0, sizeof nlx);
    fuzz_split(data, size, part, sizeof part / sizeof part[0]);
    b.p = (const unsigned char *)part[0].data;
    b.len = part[0].present ? part[0].len : 0;
    b.at = 0;
    read_shape(&b, &sh);
    t.title = whole(&part[1]);
    t.note = whole(&part[2]);
    t.path = whole(&part[3]);
    t.argc = (int)words_of(&part[4], t.argv, 8);
    t.subtitle = whole(&part[5]);
    t.source_line = whole(&part[6]);
    t.ylabel = whole(&part[7]);
    for (s = 0; s < MAX_SERIES; s++) {
        t.name[s] = whole(&part[8 + 5 * s]);
        t.unit[s] = whole(&part[9 + 5 * s]);
        t.nsources[s] = words_of(&part[10 + 5 * s], t.sources[s], 6);
        t.model[s] = whole(&part[11 + 5 * s]);
        t.source_name[s] = whole(&part[12 + 5 * s]);
    }
    make_neutral(&t, &nt);

    script = write_chart(&sh, &t, &len);
    if (script != NULL && getenv("FUZZ_CHART_DUMP") != NULL)
        fwrite(script, 1, len, stderr);
    nscript = script ? write_chart(&sh, &nt, &nlen) : NULL;
    if (nscript != NULL && getenv("FUZZ_CHART_DUMP") != NULL)
        fwrite(nscript, 1, nlen, stderr);
    if (script != NULL)
        lex_script(script, len, &lx);
    if (nscript != NULL) {
        lex_script(nscript, nlen, &nlx);
        for (i = 0; i < lx.nwords; i++)
            FUZZ_CHECK(has_word(&nlx, lx.words[i]), "the word '%s' reached "
                       "the script's code", lx.words[i]);
        for (i = 0; i < lx.nformats; i++) {
            int found = 0;
            for (k = 0; k < nlx.nformats && !found; k++)
                found = strcmp(lx.formats[i], nlx.formats[k]) == 0;
            FUZZ_CHECK(found, "format string %s comes from a text",
                       lx.formats[i]);
        }
    }
    for (i = 0; i < sizeof forbidden / sizeof forbidden[0]; i++)
        FUZZ_CHECK(!has_word(&lx, forbidden[i]), "the script uses '%s'",
                   forbidden[i]);
    free(script);
    free(nscript);
    free_lexed(&lx);
    free_lexed(&nlx);
    free_texts(&t);
    free_texts(&nt);
    return 0;
}
