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
    int *rank;           /* per column: > 0 given up in this order when a
                            table must fit, < 0 kept, 0 from the right */
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
    t->rank = calloc(ncolumns ? ncolumns : 1, sizeof *t->rank);
    t->ncolumns = ncolumns;
    if (t->columns == NULL || t->rank == NULL) {
        free(t->columns);
        free(t->rank);
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
    free(t->rank);
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
    if (out != NULL) {
        out->nkeys = n + t->nkeys;
        memcpy(out->rank + n, t->rank, t->ncolumns * sizeof *t->rank);
    }
    out_table_free(t);
    return out;
}

void out_table_keys(out_table *t, size_t n)
{
    if (t != NULL)
        t->nkeys = n;
}

/* Set rank[c] for the named columns: `first` for the first name,
 * counting up by `step`. */
static void rank_columns(out_table *t, const char *const *names, size_t n,
                         int first, int step)
{
    size_t i, c;

    for (i = 0; t != NULL && i < n; i++)
        for (c = 0; c < t->ncolumns; c++)
            if (strcmp(t->columns[c], names[i]) == 0)
                t->rank[c] = first + step * (int)i;
}

void out_table_give_up(out_table *t, const char *const *names, size_t n)
{
    rank_columns(t, names, n, 1, 1);
}

void out_table_keep(out_table *t, const char *const *names, size_t n)
{
    rank_columns(t, names, n, -1, 0);
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

/* Text from column `start` on, broken at spaces so that lines stay
 * within `limit` bytes, and so columns (0: one line); continuation lines
 * are indented by `indent`. A word longer than a whole line (a URL, a
 * text without spaces such as Chinese) is broken between characters. */
static void put_wrapped(FILE *f, const char *text, size_t start,
                        size_t indent, size_t limit)
{
    size_t column = start, word, room;
    unsigned long cp;

    if (limit == 0 || limit <= indent + 10 || start + strlen(text) <= limit) {
        fprintf(f, "%s\n", text);
        return;
    }
    room = limit - indent;
    while (*text) {
        word = strcspn(text, " ");
        if (column > start && (column + 1 + word > limit || word > room)) {
            fprintf(f, "\n%*s", (int)indent, "");
            column = start = indent;
        } else if (column > start) {
            fputc(' ', f);
            column++;
        }
        while (word > 0) {
            size_t step = next_char(text, &cp);
            if (column + step > limit && column > indent) {
                fprintf(f, "\n%*s", (int)indent, "");
                column = start = indent;
            }
            fwrite(text, 1, step, f);
            column += step;
            text += step;
            word -= step < word ? step : word;
        }
        while (*text == ' ')
            text++;
    }
    fputc('\n', f);
}

/* ---- table format ---- */

static void put_padded(FILE *f, const char *s, size_t width, int right,
                       size_t *pending)
{
    size_t w = out_display_width(s), pad = width > w ? width - w : 0;

    /* Spaces are written only before something visible: no line ends in
     * blanks. */
    if (right)
        *pending += pad;
    if (*s != '\0') {
        fprintf(f, "%*s%s", (int)*pending, "", s);
        *pending = 0;
    }
    if (!right)
        *pending += pad;
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
    size_t c, pending = 0;
    int first = 1;

    for (c = 0; c < t->ncolumns; c++) {
        if (!shown[c])
            continue;
        pending += first ? 0 : 2;
        first = 0;
        put_padded(f, texts[c], width[c], numeric[c] > 0, &pending);
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

/* The layout of a human table. Per column: width, widest value, how many
 * figures, where the header breaks in two (0: it does not), whether it
 * is shown, whether it may be shortened (a long free text), whether it
 * must stay (never shortened nor left out). Per cell: the bytes its text
 * takes beyond its display width (UTF-8), which a line's byte count
 * must budget. */
typedef struct layout {
    size_t *width, *values, *numeric, *split;
    int *shown, *shrinks, *stays;
    unsigned char *extra;
} layout;

/* A text column whose values reach this width is a free text (a title,
 * a source, a note) that may be shortened; shorter texts (codes, dates,
 * units) are shown whole or left out whole. */
#define TABLE_TEXT_LONG 17
/* Narrowest a free text is shortened to: below it is left out. */
#define TABLE_TEXT_FLOOR 12
/* The bytes a shortening mark "…" takes beyond its one column. */
#define MARK_EXTRA 2

/* The width a line takes, in bytes (never less than its display width):
 * shown widths, 2 spaces between columns, and the widest row's bytes
 * beyond its display width, a shortened text counting its mark's. */
static size_t line_bytes(const out_table *t, const layout *l)
{
    size_t c, r, rows = out_table_rows(t), total = 0, extra = 0, marks = 0;

    for (c = 0; c < t->ncolumns; c++) {
        if (!l->shown[c])
            continue;
        total += l->width[c] + (total ? 2 : 0);
        if (l->shrinks[c] && l->width[c] < l->values[c])
            marks += MARK_EXTRA;
    }
    for (r = 0; r < rows; r++) {
        size_t e = 0;
        for (c = 0; c < t->ncolumns; c++)
            if (l->shown[c])
                e += l->extra[r * t->ncolumns + c];
        if (e > extra)
            extra = e;
    }
    return total + extra + marks;
}

/* The narrowest a column may become: its (broken) header, and for a free
 * text TABLE_TEXT_FLOOR. */
static size_t floor_width(const out_table *t, const layout *l, size_t c)
{
    size_t w = out_display_width(t->columns[c]), part;

    if (l->split[c] > 0 && header_break(t->columns[c], &part) > 0)
        w = part;
    return w > TABLE_TEXT_FLOOR ? w : TABLE_TEXT_FLOOR;
}

/* The shown free text widest above its floor; t->ncolumns when none
 * can shrink. */
static size_t widest_text(const out_table *t, const layout *l)
{
    size_t c, pick = t->ncolumns;

    for (c = 0; c < t->ncolumns; c++) {
        if (!l->shown[c] || !l->shrinks[c] || l->width[c] <= floor_width(t, l, c))
            continue;
        if (pick == t->ncolumns || l->width[c] > l->width[pick])
            pick = c;
    }
    return pick;
}

/* The next column to leave out: the lowest given-up rank first, then
 * the rest from the right; t->ncolumns when every shown column stays. */
static size_t next_to_leave(const out_table *t, const layout *l)
{
    size_t c, pick = t->ncolumns;

    for (c = t->ncolumns; c-- > 0;) {
        if (!l->shown[c] || l->stays[c])
            continue;
        if (t->rank[c] > 0 &&
            (pick == t->ncolumns || t->rank[pick] == 0 ||
             t->rank[c] < t->rank[pick]))
            pick = c;
        else if (pick == t->ncolumns)
            pick = c;
    }
    return pick;
}

/* The columns' natural widths: the header or the widest value. */
static void natural_widths(const out_table *t, layout *l)
{
    size_t c, w;

    for (c = 0; c < t->ncolumns; c++) {
        l->width[c] = out_display_width(t->columns[c]);
        if (l->split[c] > 0 && header_break(t->columns[c], &w) > 0)
            l->width[c] = w;
        if (l->values[c] > l->width[c])
            l->width[c] = l->values[c];
    }
}

/* Fit the table in `limit` bytes and columns (0: no limit): headers
 * wider than their values break in two lines at a '_'; free texts are
 * shortened, the widest first, to TABLE_TEXT_FLOOR; then whole columns
 * are left out (the given-up ones first, then from the right) and the
 * free texts widened again into the room made. Figures, ids and the
 * columns that stay are never cut: when they alone are too wide the
 * lines are long. Returns the number of columns left out. */
static size_t fit_width(const out_table *t, layout *l, size_t limit)
{
    size_t c, w, left_out = 0;

    if (limit == 0 || line_bytes(t, l) <= limit)
        return 0;
    for (c = 0; c < t->ncolumns; c++)
        if (l->values[c] < l->width[c])
            l->split[c] = header_break(t->columns[c], &w);
    for (;;) {
        natural_widths(t, l);
        while (line_bytes(t, l) > limit &&
               (c = widest_text(t, l)) < t->ncolumns)
            l->width[c]--;
        if (line_bytes(t, l) <= limit ||
            (c = next_to_leave(t, l)) == t->ncolumns)
            return left_out;
        l->shown[c] = 0;
        left_out++;
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

/* Names of the columns left out to fit, gathered over a document's
 * tables so that one message says them all. */
typedef struct left_out {
    char names[512];
    size_t count;
    int beyond_first;    /* some were in a table CSV does not print */
} left_out;

static void note_left_out(left_out *lo, const out_table *t, const int *shown,
                          size_t table_index)
{
    size_t c, used;

    for (c = 0; lo != NULL && c < t->ncolumns; c++) {
        if (shown[c] >= 0)
            continue; /* -1: left out */
        used = strlen(lo->names);
        snprintf(lo->names + used, sizeof lo->names - used, "%s%s",
                 used ? ", " : "", t->columns[c]);
        lo->count++;
        lo->beyond_first |= table_index > 0;
    }
}

static void say_left_out(const left_out *lo, size_t limit)
{
    if (lo->count == 0)
        return;
    fprintf(stderr, "indicators: %zu column%s left out to fit %zu columns "
            "(%s); --format %s has all\n", lo->count, lo->count == 1 ? "" : "s",
            limit, lo->names, lo->beyond_first ? "json" : "csv");
}

/* Columns blank in every row are left out: a table is for reading; so are
 * key columns the same in every row when the document around the table
 * says them (`in_doc`). Columns left out to fit the width are added to
 * `lo` (NULL: not said). */
static int print_human_table(const out_table *t, FILE *f, int in_doc,
                             left_out *lo, size_t table_index)
{
    size_t rows = out_table_rows(t), r, c, n = t->ncolumns ? t->ncolumns : 1;
    size_t first_shown = t->ncolumns, wrap, limit = width_limit(f);
    layout l;
    int rc = -1, *said = NULL;
    char **texts = calloc(n, sizeof *texts);

    l.width = calloc(n, sizeof *l.width);
    l.values = calloc(n, sizeof *l.values);
    l.numeric = calloc(n, sizeof *l.numeric);
    l.split = calloc(n, sizeof *l.split);
    l.shown = calloc(n, sizeof *l.shown);
    l.shrinks = calloc(n, sizeof *l.shrinks);
    l.stays = calloc(n, sizeof *l.stays);
    l.extra = calloc(rows * n + 1, 1);
    said = calloc(n, sizeof *said);
    for (c = 0; texts != NULL && c < t->ncolumns; c++) {
        texts[c] = malloc(256);
        if (texts[c] == NULL)
            break;
    }
    if (l.width == NULL || l.values == NULL || l.numeric == NULL ||
        l.split == NULL || l.shown == NULL || l.shrinks == NULL ||
        l.stays == NULL || l.extra == NULL || said == NULL || texts == NULL ||
        c < t->ncolumns)
        goto done;
    /* said[c]: the column has something to say (-1: a key the document
     * says). The key columns, the row's name (the first column said) and
     * the columns the command keeps stay whole. */
    for (c = 0; c < t->ncolumns; c++) {
        said[c] = rows == 0;
        if (in_doc && rows > 0 && c < t->nkeys && constant_column(t, c))
            said[c] = -1;
        for (r = 0; said[c] == 0 && r < rows; r++)
            said[c] = !is_blank(&t->cells[r * t->ncolumns + c]);
        if (said[c] > 0 && first_shown == t->ncolumns)
            first_shown = c;
        l.stays[c] = c < t->nkeys || c == first_shown || t->rank[c] < 0;
        l.shown[c] = said[c] > 0;
    }
    for (r = 0; r < rows; r++) {
        for (c = 0; c < t->ncolumns; c++) {
            const cell *x = &t->cells[r * t->ncolumns + c];
            size_t w, bytes;
            human(x, texts[c], 256, 255);
            w = out_display_width(texts[c]);
            bytes = strlen(texts[c]);
            if (w > l.values[c])
                l.values[c] = w;
            l.extra[r * t->ncolumns + c] =
                (unsigned char)(bytes - w < 255 ? bytes - w : 255);
            l.numeric[c] += is_numeric(x);
        }
    }
    for (c = 0; c < t->ncolumns; c++)
        l.shrinks[c] = !l.stays[c] && l.numeric[c] == 0 &&
                       l.values[c] >= TABLE_TEXT_LONG;
    natural_widths(t, &l);
    if (fit_width(t, &l, limit) > 0) {
        for (c = 0; c < t->ncolumns; c++)
            said[c] = said[c] > 0 && !l.shown[c] ? -1 : 0;
        note_left_out(lo, t, said, table_index);
    }
    put_headers(f, t, &l, texts);
    for (c = 0; c < t->ncolumns; c++) {
        size_t k, w = l.width[c] < 255 ? l.width[c] : 255;
        for (k = 0; k < w; k++)
            texts[c][k] = '-';
        texts[c][w] = '\0';
    }
    put_table_line(f, t, texts, l.width, l.numeric, l.shown);
    for (c = 0, wrap = t->ncolumns; c < t->ncolumns; c++)
        if (l.shown[c])
            wrap = wrap == t->ncolumns && l.numeric[c] == 0 ? c
                                                            : t->ncolumns + 1;
    for (r = 0; r < rows; r++) {
        const cell *x = &t->cells[r * t->ncolumns + wrap];
        if (wrap < t->ncolumns && x->type == CELL_TEXT) {
            /* A table of messages alone: each wrapped, never cut. */
            put_wrapped(f, x->text, 0, 2, limit);
            continue;
        }
        for (c = 0; c < t->ncolumns; c++)
            human(&t->cells[r * t->ncolumns + c], texts[c], 256,
                  l.shrinks[c] ? l.width[c] : 255);
        put_table_line(f, t, texts, l.width, l.numeric, l.shown);
    }
    rc = ferror(f) ? -1 : 0;
done:
    for (c = 0; texts != NULL && c < t->ncolumns; c++)
        free(texts[c]);
    free(texts);
    free(said);
    free(l.width);
    free(l.values);
    free(l.numeric);
    free(l.split);
    free(l.shown);
    free(l.shrinks);
    free(l.stays);
    free(l.extra);
    return rc;
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

int out_csv_text(FILE *f, const char *text)
{
    return put_csv_text(f, text != NULL ? text : "");
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
    size_t i, j, label_width = 0, limit = width_limit(f), tables = 0;
    int has_fields = 0;
    char buf[256];
    const char *text;
    left_out lo = { "", 0, 0 };

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
                put_wrapped(f, it->title, 0, 2, limit);
            if (print_human_table(it->table, f, has_fields, &lo, tables++) != 0)
                return -1;
            continue;
        }
        if (it->value.type == CELL_TEXT && it->value.text[0] == '\0')
            continue; /* nothing to say */
        if (i > 0 && d->items[i - 1].table)
            fputc('\n', f);
        human(&it->value, buf, sizeof buf, 255);
        text = it->value.type == CELL_NULL ? "n/a"
               : it->value.type == CELL_TEXT ? it->value.text : buf;
        fprintf(f, "%s:", it->label);
        /* Text fields are shown whole, whatever their length: wrapped to
         * the width when there is one; under their label, indented, when
         * their first word (an id) does not fit beside it. */
        if (limit > 0 && label_width + 2 + strcspn(text, " ") > limit &&
            2 + strcspn(text, " ") <= limit) {
            fputs("\n  ", f);
            put_wrapped(f, text, 2, 2, limit);
            continue;
        }
        for (j = out_display_width(it->label); j < label_width + 1; j++)
            fputc(' ', f);
        put_wrapped(f, text, label_width + 2, label_width + 2, limit);
    }
    say_left_out(&lo, limit);
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
    default: {
        left_out lo = { "", 0, 0 };
        int rc = print_human_table(t, f, 0, &lo, 0);
        say_left_out(&lo, width_limit(f));
        return rc;
    }
    }
}

/* Room for n more bytes in the line (flushing what it holds): 0, or -1
 * when n is more than a line holds. */
static int sink_room(out_sink *k, size_t n)
{
    if (k->len + n <= sizeof k->line)
        return 0;
    if (k->len > 0 && fwrite(k->line, 1, k->len, k->f) != k->len)
        k->failed = 1;
    k->len = 0;
    return n <= sizeof k->line ? 0 : -1;
}

/* Start a cell of a CSV line: its separator. */
static void sink_cell(out_sink *k)
{
    if (k->cells++ > 0) {
        sink_room(k, 1);
        k->line[k->len++] = ',';
    }
}

static void sink_bytes(out_sink *k, const char *s, size_t n)
{
    if (sink_room(k, n) == 0) {
        memcpy(k->line + k->len, s, n);
        k->len += n;
    } else if (fwrite(s, 1, n, k->f) != n) {
        k->failed = 1;
    }
}

void out_sink_text(out_sink *k, const char *s)
{
    size_t n;

    if (k->t != NULL) {
        k->failed |= out_text(k->t, s) != 0;
        return;
    }
    sink_cell(k);
    if (s == NULL)
        s = "";
    n = strlen(s);
    /* What out_csv_text writes for a text with no quote and no formula
     * start; any other goes through it. */
    if (memchr(s, '"', n) == NULL &&
        (s[0] == '\0' || strchr("=+-@\t\r", s[0]) == NULL) &&
        sink_room(k, n + 2) == 0) {
        k->line[k->len++] = '"';
        memcpy(k->line + k->len, s, n);
        k->len += n;
        k->line[k->len++] = '"';
        return;
    }
    sink_room(k, sizeof k->line);   /* flush the line */
    if (out_csv_text(k->f, s) != 0)
        k->failed = 1;
}

void out_sink_null(out_sink *k)
{
    if (k->t != NULL)
        k->failed |= out_null(k->t) != 0;
    else
        sink_cell(k);
}

/* A whole number as %lld writes it. */
void out_sink_int(out_sink *k, long long v)
{
    char digits[24];
    size_t n = sizeof digits;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v
                                 : (unsigned long long)v;

    if (k->t != NULL) {
        k->failed |= out_int(k->t, v) != 0;
        return;
    }
    sink_cell(k);
    do {
        digits[--n] = (char)('0' + u % 10);
        u /= 10;
    } while (u > 0);
    if (v < 0)
        digits[--n] = '-';
    sink_bytes(k, digits + n, sizeof digits - n);
}

/* A figure as the CSV format writes it: shortest round trip, blank when
 * not finite. */
void out_sink_num(out_sink *k, double v, int decimals)
{
    char buf[IND_NUMBER_BUFSIZE];

    if (k->t != NULL) {
        k->failed |= out_num(k->t, v, decimals) != 0;
        return;
    }
    sink_cell(k);
    if (!isfinite(v))
        return;
    ind_number_format(buf, sizeof buf, v, NULL);
    sink_bytes(k, buf, strlen(buf));
}

void out_sink_bool(out_sink *k, int v)
{
    if (k->t != NULL) {
        k->failed |= out_bool(k->t, v) != 0;
        return;
    }
    sink_cell(k);
    sink_bytes(k, v ? "true" : "false", v ? 4 : 5);
}

/* End a row: a CSV line's line end. Returns 0 or -1 (k->failed). */
int out_sink_end(out_sink *k)
{
    if (k->t == NULL) {
        sink_room(k, 1);
        k->line[k->len++] = '\n';
        k->cells = 0;
    }
    return k->failed ? -1 : 0;
}

/* A header cell: the column name as it is (names need no quoting). */
void out_sink_name(out_sink *k, const char *name)
{
    sink_cell(k);
    sink_bytes(k, name, strlen(name));
}

int out_sink_flush(out_sink *k)
{
    sink_room(k, sizeof k->line);
    return k->failed ? -1 : 0;
}
