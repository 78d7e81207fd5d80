/* output: typed cells printed as an aligned table, CSV or JSON. */
#include "output.h"

#include <csv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "indicators/number.h"
/* The library's one array-growth helper, compiled into the program too
 * (tools/CMakeLists.txt): a core utility, not part of the library's API. */
#include "array.h"

/* Longest text shown in a human table before it is shortened. */
#define TABLE_TEXT_MAX 48
/* Narrowest a text column is shortened to when a table must fit. */
#define TABLE_TEXT_MIN 6

enum cell_type { CELL_NULL, CELL_TEXT, CELL_NUM, CELL_INT, CELL_BOOL };

typedef struct cell {
    enum cell_type type;
    int decimals;
    double num;
    long long integer;
    char *text;
} cell;

struct out_table {
    char **columns;
    size_t ncolumns;
    size_t nkeys;        /* leading columns naming the row's subject */
    cell *cells;
    size_t ncells, cap;
    int failed;
};

typedef struct item {
    char *key, *label, *title;
    cell value;
    out_table *table;    /* NULL for a field */
} item;

struct out_doc {
    item *items;
    size_t nitems, cap;
    int failed;
};

int out_format_parse(const char *text, out_format *out)
{
    if (strcmp(text, "table") == 0)
        *out = OUT_TABLE;
    else if (strcmp(text, "csv") == 0)
        *out = OUT_CSV;
    else if (strcmp(text, "json") == 0)
        *out = OUT_JSON;
    else
        return -1;
    return 0;
}

/* ---- building ---- */

static char *copy(const char *s)
{
    return strdup(s ? s : "");
}

out_table *out_table_new(const char *const *columns, size_t ncolumns)
{
    out_table *t = calloc(1, sizeof *t);
    size_t i;

    if (t == NULL)
        return NULL;
    t->columns = calloc(ncolumns ? ncolumns : 1, sizeof *t->columns);
    t->ncolumns = ncolumns;
    if (t->columns == NULL) {
        free(t);
        return NULL;
    }
    for (i = 0; i < ncolumns; i++) {
        t->columns[i] = copy(columns[i]);
        if (t->columns[i] == NULL) {
            out_table_free(t);
            return NULL;
        }
    }
    return t;
}

void out_table_free(out_table *t)
{
    size_t i;

    if (t == NULL)
        return;
    for (i = 0; i < t->ncolumns; i++)
        free(t->columns[i]);
    for (i = 0; i < t->ncells; i++)
        free(t->cells[i].text);
    free(t->columns);
    free(t->cells);
    free(t);
}

static int push(out_table *t, cell c)
{
    if (t->failed)
        return -1;
    if (IND_ARRAY_RESERVE(t->cells, t->cap, t->ncells + 1) != 0) {
        free(c.text);
        t->failed = 1;
        return -1;
    }
    t->cells[t->ncells++] = c;
    return 0;
}

int out_text(out_table *t, const char *text)
{
    cell c = { CELL_TEXT, 0, 0, 0, copy(text) };

    if (c.text == NULL) {
        t->failed = 1;
        return -1;
    }
    return push(t, c);
}

int out_num(out_table *t, double value, int decimals)
{
    cell c = { isfinite(value) ? CELL_NUM : CELL_NULL, decimals, value, 0, NULL };

    return push(t, c);
}

int out_int(out_table *t, long long value)
{
    cell c = { CELL_INT, 0, 0, value, NULL };

    return push(t, c);
}

int out_null(out_table *t)
{
    cell c = { CELL_NULL, 0, 0, 0, NULL };

    return push(t, c);
}

int out_bool(out_table *t, int value)
{
    cell c = { CELL_BOOL, 0, 0, value != 0, NULL };

    return push(t, c);
}

out_table *out_table_prefix(out_table *t, const char *const *names,
                            const char *const *values, size_t n)
{
    const char *cols[64];
    out_table *out;
    size_t c, r, rows;

    if (t == NULL || t->failed || n + t->ncolumns > 64) {
        out_table_free(t);
        return NULL;
    }
    for (c = 0; c < n; c++)
        cols[c] = names[c];
    for (c = 0; c < t->ncolumns; c++)
        cols[n + c] = t->columns[c];
    out = out_table_new(cols, n + t->ncolumns);
    rows = out_table_rows(t);
    for (r = 0; out != NULL && r < rows; r++) {
        for (c = 0; c < n; c++)
            out_text(out, values[c]);
        for (c = 0; c < t->ncolumns; c++) {
            cell x = t->cells[r * t->ncolumns + c];
            if (x.type == CELL_TEXT && (x.text = copy(x.text)) == NULL)
                out->failed = 1;
            else if (push(out, x) != 0)
                break;
        }
    }
    if (out != NULL)
        out->nkeys = n + t->nkeys;
    out_table_free(t);
    return out;
}

void out_table_keys(out_table *t, size_t n)
{
    if (t != NULL)
        t->nkeys = n;
}

size_t out_table_rows(const out_table *t)
{
    return t->ncolumns ? t->ncells / t->ncolumns : 0;
}

out_doc *out_doc_new(void)
{
    return calloc(1, sizeof(out_doc));
}

void out_doc_free(out_doc *d)
{
    size_t i;

    if (d == NULL)
        return;
    for (i = 0; i < d->nitems; i++) {
        free(d->items[i].key);
        free(d->items[i].label);
        free(d->items[i].title);
        free(d->items[i].value.text);
        out_table_free(d->items[i].table);
    }
    free(d->items);
    free(d);
}

static int add_item(out_doc *d, const char *key, const char *label, cell value,
                    out_table *table, const char *title)
{
    item *it;

    if (d->failed)
        goto fail;
    if (IND_ARRAY_RESERVE(d->items, d->cap, d->nitems + 1) != 0)
        goto fail;
    it = &d->items[d->nitems];
    it->key = key ? strdup(key) : NULL;
    it->label = strdup(label ? label : (key ? key : ""));
    it->title = title ? strdup(title) : NULL;
    it->value = value;
    it->table = table;
    d->nitems++;
    if ((key && it->key == NULL) || it->label == NULL || (title && !it->title)) {
        d->failed = 1;
        return -1;
    }
    return 0;
fail:
    d->failed = 1;
    free(value.text);
    out_table_free(table);
    return -1;
}

int out_doc_text(out_doc *d, const char *key, const char *label,
                 const char *value)
{
    cell c = { CELL_TEXT, 0, 0, 0, copy(value) };

    if (c.text == NULL) {
        d->failed = 1;
        return -1;
    }
    return add_item(d, key, label, c, NULL, NULL);
}

int out_doc_num(out_doc *d, const char *key, const char *label, double value,
                int decimals)
{
    cell c = { isfinite(value) ? CELL_NUM : CELL_NULL, decimals, value, 0, NULL };

    return add_item(d, key, label, c, NULL, NULL);
}

int out_doc_int(out_doc *d, const char *key, const char *label,
                long long value)
{
    cell c = { CELL_INT, 0, 0, value, NULL };

    return add_item(d, key, label, c, NULL, NULL);
}

int out_doc_null(out_doc *d, const char *key, const char *label)
{
    cell c = { CELL_NULL, 0, 0, 0, NULL };

    return add_item(d, key, label, c, NULL, NULL);
}

int out_doc_table(out_doc *d, const char *key, const char *title, out_table *t)
{
    cell none = { CELL_NULL, 0, 0, 0, NULL };

    if (t == NULL || t->failed) {
        out_table_free(t);
        d->failed = 1;
        return -1;
    }
    return add_item(d, key, key, none, t, title);
}

/* ---- text width ---- */

static int is_wide(unsigned long cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* Decode the character at s (text is valid UTF-8: the library checks it);
 * returns its byte length. */
static size_t next_char(const char *s, unsigned long *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = u[0] < 0x80 ? 1 : u[0] < 0xE0 ? 2 : u[0] < 0xF0 ? 3 : 4, i;

    *cp = n == 1 ? u[0] : u[0] & (0x7Fu >> n);
    for (i = 1; i < n && u[i] != '\0'; i++)
        *cp = (*cp << 6) | (u[i] & 0x3Fu);
    return i;
}

size_t out_display_width(const char *text)
{
    size_t width = 0;
    unsigned long cp;

    while (*text) {
        text += next_char(text, &cp);
        width += is_wide(cp) ? 2 : 1;
    }
    return width;
}

/* Copy at most 'max' columns of text into buf, ending with "…" if cut. */
static void shorten(char *buf, size_t size, const char *text, size_t max)
{
    size_t width = 0, used = 0, step;
    unsigned long cp;
    const char *p = text;

    if (out_display_width(text) <= max) {
        snprintf(buf, size, "%s", text);
        return;
    }
    while (*p) {
        step = next_char(p, &cp);
        if (width + (is_wide(cp) ? 2 : 1) > max - 1 || used + step + 4 > size)
            break;
        memcpy(buf + used, p, step);
        used += step;
        width += is_wide(cp) ? 2 : 1;
        p += step;
    }
    memcpy(buf + used, "\xE2\x80\xA6", 4); /* … and NUL */
}

/* ---- rendering cells ---- */

/* A cell as a table shows it; texts at most `text_max` columns wide. */
static void human(const cell *c, char *buf, size_t size, size_t text_max)
{
    switch (c->type) {
    case CELL_TEXT: shorten(buf, size, c->text, text_max); break;
    case CELL_NUM: ind_number_format_human(buf, size, c->num, c->decimals, NULL); break;
    case CELL_INT: snprintf(buf, size, "%lld", c->integer); break;
    case CELL_BOOL: snprintf(buf, size, "%s", c->integer ? "yes" : "no"); break;
    default: buf[0] = '\0'; break;
    }
}

static void machine(const cell *c, char *buf, size_t size)
{
    switch (c->type) {
    case CELL_NUM: ind_number_format(buf, size, c->num, NULL); break;
    case CELL_INT: snprintf(buf, size, "%lld", c->integer); break;
    case CELL_BOOL: snprintf(buf, size, "%s", c->integer ? "true" : "false"); break;
    default: buf[0] = '\0'; break;
    }
}

static int is_numeric(const cell *c)
{
    return c->type == CELL_NUM || c->type == CELL_INT;
}

/* ---- table format ---- */

static void put_padded(FILE *f, const char *s, size_t width, int right)
{
    size_t w = out_display_width(s), pad = width > w ? width - w : 0;

    if (right)
        fprintf(f, "%*s%s", (int)pad, "", s);
    else
        fprintf(f, "%s%*s", s, (int)pad, "");
}

/* True when a cell prints as nothing in a table. */
static int is_blank(const cell *c)
{
    return c->type == CELL_NULL || (c->type == CELL_TEXT && c->text[0] == '\0');
}

/* Print one line of a table: the shown columns of 'texts', padded. */
static void put_table_line(FILE *f, const out_table *t, char **texts,
                           const size_t *width, const size_t *numeric,
                           const int *shown)
{
    size_t c, last = 0;
    int first = 1;

    for (c = 0; c < t->ncolumns; c++)
        if (shown[c])
            last = c;
    for (c = 0; c < t->ncolumns; c++) {
        if (!shown[c])
            continue;
        fputs(first ? "" : "  ", f);
        first = 0;
        put_padded(f, texts[c], c < last || numeric[c] ? width[c] : 0,
                   numeric[c] > 0);
    }
    fputc('\n', f);
}

/* The width a table must fit: $COLUMNS when set, else the terminal's
 * when f is one, else 0 (no limit: a file or a pipe takes any width). */
static size_t width_limit(FILE *f)
{
    const char *env = getenv("COLUMNS");
    struct winsize ws;
    char *end;
    long n;

    if (env != NULL && *env != '\0') {
        n = strtol(env, &end, 10);
        if (*end == '\0' && n > 0)
            return (size_t)n;
    }
    if (isatty(fileno(f)) && ioctl(fileno(f), TIOCGWINSZ, &ws) == 0 &&
        ws.ws_col > 0)
        return ws.ws_col;
    return 0;
}

/* Where a header may break in two: the '_' that leaves the longer part
 * shortest; 0 when it has none. The width of the longer part in *w. */
static size_t header_break(const char *name, size_t *w)
{
    size_t len = strlen(name), i, best = 0, best_w = len;

    for (i = 1; i + 1 < len; i++) {
        size_t part;
        if (name[i] != '_')
            continue;
        part = i > len - i - 1 ? i : len - i - 1;
        if (part < best_w) {
            best = i;
            best_w = part;
        }
    }
    *w = best_w;
    return best;
}

/* The layout of a human table: widths, which columns are figures, which
 * are shown, and headers broken in two lines (at split[c], 0 for none). */
typedef struct layout {
    size_t *width, *values, *numeric, *split;
    int *shown;
} layout;

/* Sum of the shown widths with 2 spaces between columns. */
static size_t total_width(const out_table *t, const layout *l)
{
    size_t c, total = 0;

    for (c = 0; c < t->ncolumns; c++)
        if (l->shown[c])
            total += l->width[c] + (total ? 2 : 0);
    return total;
}

/* The shown text column, other than the first shown one unless `first`,
 * that is widest above its narrowest (its header's width or
 * TABLE_TEXT_MIN); t->ncolumns when none can shrink. */
static size_t widest_text(const out_table *t, const layout *l, int first)
{
    size_t c, pick = t->ncolumns, first_shown = t->ncolumns;

    for (c = 0; c < t->ncolumns; c++) {
        size_t floor_width = out_display_width(t->columns[c]);
        if (!l->shown[c])
            continue;
        if (first_shown == t->ncolumns)
            first_shown = c;
        if (floor_width < TABLE_TEXT_MIN)
            floor_width = TABLE_TEXT_MIN;
        if (l->numeric[c] > 0 || l->width[c] <= floor_width ||
            (c == first_shown && !first))
            continue;
        if (pick == t->ncolumns || l->width[c] > l->width[pick])
            pick = c;
    }
    return pick;
}

/* Fit the table in `limit` columns (0: no limit): first the headers of
 * figures wider than their figures break in two lines at a '_', then
 * text columns are shortened, the widest first and the first column (the
 * row's name) last. Figures are never shortened. */
static void fit_width(const out_table *t, layout *l, size_t limit)
{
    size_t c, w;

    if (limit == 0 || total_width(t, l) <= limit)
        return;
    for (c = 0; c < t->ncolumns; c++) {
        size_t at = header_break(t->columns[c], &w);
        if (l->numeric[c] == 0 || at == 0 || l->values[c] >= l->width[c])
            continue;
        l->split[c] = at;
        l->width[c] = l->values[c] > w ? l->values[c] : w;
    }
    for (;;) {
        if (total_width(t, l) <= limit)
            return;
        c = widest_text(t, l, 0);
        if (c == t->ncolumns)
            c = widest_text(t, l, 1);
        if (c == t->ncolumns)
            return;
        l->width[c]--;
    }
}

/* The header lines: with a broken header, the upper line holds the first
 * parts (blank elsewhere) and the lower one the rest. */
static void put_headers(FILE *f, const out_table *t, const layout *l,
                        char **texts)
{
    size_t c;
    int any = 0;

    for (c = 0; c < t->ncolumns; c++)
        any |= l->shown[c] && l->split[c] > 0;
    if (any) {
        for (c = 0; c < t->ncolumns; c++)
            snprintf(texts[c], 256, "%.*s", (int)l->split[c],
                     t->columns[c]);
        put_table_line(f, t, texts, l->width, l->numeric, l->shown);
    }
    for (c = 0; c < t->ncolumns; c++)
        snprintf(texts[c], 256, "%s", t->columns[c] + (l->split[c]
                                                       ? l->split[c] + 1
                                                       : 0));
    put_table_line(f, t, texts, l->width, l->numeric, l->shown);
}

/* 1 when column c holds the same cell in every row. */
static int constant_column(const out_table *t, size_t c)
{
    size_t rows = out_table_rows(t), r;
    const cell *a, *b;

    for (r = 1; r < rows; r++) {
        a = &t->cells[c];
        b = &t->cells[r * t->ncolumns + c];
        if (a->type != b->type ||
            (a->type == CELL_TEXT && strcmp(a->text, b->text) != 0) ||
            ((a->type == CELL_INT || a->type == CELL_BOOL) &&
             a->integer != b->integer))
            return 0;
    }
    return 1;
}

/* Columns blank in every row are left out: a table is for reading; so are
 * key columns the same in every row when the document around the table
 * says them (`in_doc`). */
static int print_human_table(const out_table *t, FILE *f, int in_doc)
{
    size_t rows = out_table_rows(t), r, c, n = t->ncolumns ? t->ncolumns : 1;
    layout l;
    int rc = -1;
    char **texts = calloc(n, sizeof *texts);

    l.width = calloc(n, sizeof *l.width);
    l.values = calloc(n, sizeof *l.values);
    l.numeric = calloc(n, sizeof *l.numeric);
    l.split = calloc(n, sizeof *l.split);
    l.shown = calloc(n, sizeof *l.shown);
    for (c = 0; texts != NULL && c < t->ncolumns; c++) {
        texts[c] = malloc(256);
        if (texts[c] == NULL)
            break;
    }
    if (l.width == NULL || l.values == NULL || l.numeric == NULL ||
        l.split == NULL || l.shown == NULL || texts == NULL ||
        c < t->ncolumns)
        goto done;
    for (c = 0; c < t->ncolumns; c++)
        l.shown[c] = rows == 0;
    for (r = 0; r < rows; r++) {
        for (c = 0; c < t->ncolumns; c++) {
            const cell *x = &t->cells[r * t->ncolumns + c];
            human(x, texts[c], 256, TABLE_TEXT_MAX);
            if (out_display_width(texts[c]) > l.values[c])
                l.values[c] = out_display_width(texts[c]);
            l.numeric[c] += is_numeric(x);
            l.shown[c] |= !is_blank(x);
        }
    }
    for (c = 0; c < t->ncolumns; c++) {
        l.width[c] = out_display_width(t->columns[c]);
        if (l.values[c] > l.width[c])
            l.width[c] = l.values[c];
    }
    for (c = 0; in_doc && rows > 0 && c < t->nkeys && c < t->ncolumns; c++)
        if (constant_column(t, c))
            l.shown[c] = 0;
    fit_width(t, &l, width_limit(f));
    put_headers(f, t, &l, texts);
    for (c = 0; c < t->ncolumns; c++) {
        size_t k, w = l.width[c] < 255 ? l.width[c] : 255;
        for (k = 0; k < w; k++)
            texts[c][k] = '-';
        texts[c][w] = '\0';
    }
    put_table_line(f, t, texts, l.width, l.numeric, l.shown);
    for (r = 0; r < rows; r++) {
        for (c = 0; c < t->ncolumns; c++)
            human(&t->cells[r * t->ncolumns + c], texts[c], 256, l.width[c]);
        put_table_line(f, t, texts, l.width, l.numeric, l.shown);
    }
    rc = ferror(f) ? -1 : 0;
done:
    for (c = 0; texts != NULL && c < t->ncolumns; c++)
        free(texts[c]);
    free(texts);
    free(l.width);
    free(l.values);
    free(l.numeric);
    free(l.split);
    free(l.shown);
    return rc;
}

/* Text from column `indent` on, broken at spaces so that lines stay
 * within `limit` columns (0: one line); continuation lines are indented.
 * A word longer than a line is left whole. */
static void put_wrapped(FILE *f, const char *text, size_t indent,
                        size_t limit)
{
    size_t column = indent, word;
    char one[512];

    if (limit == 0 || limit <= indent + 10 ||
        indent + out_display_width(text) <= limit) {
        fprintf(f, "%s\n", text);
        return;
    }
    while (*text) {
        size_t wlen = strcspn(text, " ");
        snprintf(one, sizeof one, "%.*s", (int)(wlen < sizeof one - 1
                                                ? wlen : sizeof one - 1),
                 text);
        word = out_display_width(one);
        if (column > indent && column + 1 + word > limit) {
            fprintf(f, "\n%*s", (int)indent, "");
            column = indent;
        } else if (column > indent) {
            fputc(' ', f);
            column++;
        }
        fwrite(text, 1, wlen, f);
        column += word;
        text += wlen;
        while (*text == ' ')
            text++;
    }
    fputc('\n', f);
}

/* ---- CSV format ---- */

static int put_csv_text(FILE *f, const char *s)
{
    /* A text a spreadsheet would run as a formula is defused with a quote
     * mark, the usual convention. */
    if (strchr("=+-@\t\r", s[0]) != NULL && s[0] != '\0') {
        char *guarded = malloc(strlen(s) + 2);
        int rc;
        if (guarded == NULL)
            return -1;
        guarded[0] = '\'';
        memcpy(guarded + 1, s, strlen(s) + 1);
        rc = csv_fwrite(f, guarded, strlen(guarded));
        free(guarded);
        return rc;
    }
    /* libcsv quotes every field and writes it a character at a time; a
     * text without a quote to double comes out the same in one write. */
    if (strchr(s, '"') == NULL) {
        size_t n = strlen(s);
        return fputc('"', f) == EOF || fwrite(s, 1, n, f) != n ||
               fputc('"', f) == EOF ? -1 : 0;
    }
    return csv_fwrite(f, s, strlen(s));
}

static void print_csv_header(const out_table *t, FILE *f)
{
    size_t c;

    for (c = 0; c < t->ncolumns; c++) {
        fputs(c ? "," : "", f);
        fputs(t->columns[c], f);
    }
    fputc('\n', f);
}

static int print_csv_rows(const out_table *t, FILE *f)
{
    size_t rows = out_table_rows(t), r, c;
    char buf[64];

    for (r = 0; r < rows; r++) {
        for (c = 0; c < t->ncolumns; c++) {
            const cell *x = &t->cells[r * t->ncolumns + c];
            fputs(c ? "," : "", f);
            if (x->type == CELL_TEXT) {
                if (put_csv_text(f, x->text) != 0)
                    return -1;
            } else {
                machine(x, buf, sizeof buf);
                fputs(buf, f);
            }
        }
        fputc('\n', f);
    }
    return ferror(f) ? -1 : 0;
}

static int print_csv_table(const out_table *t, FILE *f)
{
    print_csv_header(t, f);
    return print_csv_rows(t, f);
}

int out_table_flush_csv(out_table *t, FILE *f, int header)
{
    size_t i;
    int rc;

    if (t->failed)
        return -1;
    if (header)
        print_csv_header(t, f);
    rc = print_csv_rows(t, f);
    for (i = 0; i < t->ncells; i++)
        free(t->cells[i].text);
    t->ncells = 0;
    return rc;
}

/* ---- JSON format ---- */

static void put_json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char ch = (unsigned char)*s;
        if (ch == '"' || ch == '\\')
            fprintf(f, "\\%c", ch);
        else if (ch == '\n')
            fputs("\\n", f);
        else if (ch < 0x20 || ch == 0x7f)
            fprintf(f, "\\u%04x", ch);
        else
            fputc(ch, f);
    }
    fputc('"', f);
}

static void put_json_cell(FILE *f, const cell *c)
{
    char buf[64];

    if (c->type == CELL_TEXT) {
        put_json_string(f, c->text);
    } else if (c->type == CELL_NULL) {
        fputs("null", f);
    } else {
        machine(c, buf, sizeof buf);
        fputs(buf, f);
    }
}

static void print_json_table(const out_table *t, FILE *f, const char *indent)
{
    size_t rows = out_table_rows(t), r, c;

    fputs("[", f);
    for (r = 0; r < rows; r++) {
        fprintf(f, "%s\n%s  {", r ? "," : "", indent);
        for (c = 0; c < t->ncolumns; c++) {
            fputs(c ? ", " : "", f);
            put_json_string(f, t->columns[c]);
            fputs(": ", f);
            put_json_cell(f, &t->cells[r * t->ncolumns + c]);
        }
        fputc('}', f);
    }
    if (rows)
        fprintf(f, "\n%s", indent);
    fputc(']', f);
}

static int print_json_doc(const out_doc *d, FILE *f)
{
    size_t i;

    if (d->nitems == 1 && d->items[0].table && d->items[0].key == NULL) {
        print_json_table(d->items[0].table, f, "");
        fputc('\n', f);
        return ferror(f) ? -1 : 0;
    }
    fputs("{", f);
    for (i = 0; i < d->nitems; i++) {
        const item *it = &d->items[i];
        fprintf(f, "%s\n  ", i ? "," : "");
        put_json_string(f, it->key ? it->key : "rows");
        fputs(": ", f);
        if (it->table)
            print_json_table(it->table, f, "  ");
        else
            put_json_cell(f, &it->value);
    }
    fputs("\n}\n", f);
    return ferror(f) ? -1 : 0;
}

/* ---- documents ---- */

static int print_human_doc(const out_doc *d, FILE *f)
{
    size_t i, j, label_width = 0, limit = width_limit(f);
    int has_fields = 0;
    char buf[256];

    for (i = 0; i < d->nitems; i++) {
        has_fields |= d->items[i].table == NULL;
        if (!d->items[i].table && out_display_width(d->items[i].label) > label_width)
            label_width = out_display_width(d->items[i].label);
    }
    for (i = 0; i < d->nitems; i++) {
        const item *it = &d->items[i];
        if (it->table) {
            if (i > 0)
                fputc('\n', f);
            if (it->title)
                fprintf(f, "%s\n", it->title);
            if (print_human_table(it->table, f, has_fields) != 0)
                return -1;
            continue;
        }
        if (it->value.type == CELL_TEXT && it->value.text[0] == '\0')
            continue; /* nothing to say */
        if (i > 0 && d->items[i - 1].table)
            fputc('\n', f);
        human(&it->value, buf, sizeof buf, TABLE_TEXT_MAX);
        fprintf(f, "%s:", it->label);
        for (j = out_display_width(it->label); j < label_width + 1; j++)
            fputc(' ', f);
        /* Text fields are shown whole, whatever their length: wrapped to
         * the width when there is one. */
        put_wrapped(f, it->value.type == CELL_NULL ? "n/a"
                    : it->value.type == CELL_TEXT ? it->value.text : buf,
                    label_width + 2, limit);
    }
    return ferror(f) ? -1 : 0;
}

int out_doc_print(const out_doc *d, out_format format, FILE *f)
{
    size_t i;

    if (d->failed)
        return -1;
    switch (format) {
    case OUT_JSON:
        return print_json_doc(d, f);
    case OUT_CSV:
        for (i = 0; i < d->nitems; i++)
            if (d->items[i].table)
                return print_csv_table(d->items[i].table, f);
        return 0;
    default:
        return print_human_doc(d, f);
    }
}

int out_table_print(const out_table *t, out_format format, FILE *f)
{
    if (t->failed)
        return -1;
    switch (format) {
    case OUT_JSON:
        print_json_table(t, f, "");
        fputc('\n', f);
        return ferror(f) ? -1 : 0;
    case OUT_CSV:
        return print_csv_table(t, f);
    default:
        return print_human_table(t, f, 0);
    }
}
