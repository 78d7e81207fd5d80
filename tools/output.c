/* output: typed cells printed as an aligned table, CSV or JSON. */
#include "output.h"

#include <csv.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/number.h"

/* Longest text shown in a human table before it is shortened. */
#define TABLE_TEXT_MAX 48

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
    if (t->ncells == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 64;
        cell *p = realloc(t->cells, cap * sizeof *p);
        if (p == NULL) {
            free(c.text);
            t->failed = 1;
            return -1;
        }
        t->cells = p;
        t->cap = cap;
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
    if (d->nitems == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        item *p = realloc(d->items, cap * sizeof *p);
        if (p == NULL)
            goto fail;
        d->items = p;
        d->cap = cap;
    }
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

static void human(const cell *c, char *buf, size_t size)
{
    switch (c->type) {
    case CELL_TEXT: shorten(buf, size, c->text, TABLE_TEXT_MAX); break;
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

/* Columns blank in every row are left out: a table is for reading. */
static int print_human_table(const out_table *t, FILE *f)
{
    size_t rows = out_table_rows(t), r, c, n = t->ncolumns ? t->ncolumns : 1;
    size_t *width = calloc(n, sizeof *width), *numeric = calloc(n, sizeof *numeric);
    int *shown = calloc(n, sizeof *shown), rc = -1;
    char **texts = calloc(n, sizeof *texts);

    for (c = 0; texts != NULL && c < t->ncolumns; c++) {
        texts[c] = malloc(256);
        if (texts[c] == NULL)
            break;
    }
    if (width == NULL || numeric == NULL || shown == NULL || texts == NULL ||
        c < t->ncolumns)
        goto done;
    for (c = 0; c < t->ncolumns; c++) {
        width[c] = out_display_width(t->columns[c]);
        shown[c] = rows == 0;
    }
    for (r = 0; r < rows; r++) {
        for (c = 0; c < t->ncolumns; c++) {
            const cell *x = &t->cells[r * t->ncolumns + c];
            human(x, texts[c], 256);
            if (out_display_width(texts[c]) > width[c])
                width[c] = out_display_width(texts[c]);
            numeric[c] += is_numeric(x);
            shown[c] |= !is_blank(x);
        }
    }
    for (c = 0; c < t->ncolumns; c++)
        snprintf(texts[c], 256, "%s", t->columns[c]);
    put_table_line(f, t, texts, width, numeric, shown);
    for (c = 0; c < t->ncolumns; c++) {
        size_t k, w = width[c] < 255 ? width[c] : 255;
        for (k = 0; k < w; k++)
            texts[c][k] = '-';
        texts[c][w] = '\0';
    }
    put_table_line(f, t, texts, width, numeric, shown);
    for (r = 0; r < rows; r++) {
        for (c = 0; c < t->ncolumns; c++)
            human(&t->cells[r * t->ncolumns + c], texts[c], 256);
        put_table_line(f, t, texts, width, numeric, shown);
    }
    rc = ferror(f) ? -1 : 0;
done:
    for (c = 0; texts != NULL && c < t->ncolumns; c++)
        free(texts[c]);
    free(texts);
    free(width);
    free(numeric);
    free(shown);
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
    size_t i, j, label_width = 0;
    char buf[256];

    for (i = 0; i < d->nitems; i++)
        if (!d->items[i].table && out_display_width(d->items[i].label) > label_width)
            label_width = out_display_width(d->items[i].label);
    for (i = 0; i < d->nitems; i++) {
        const item *it = &d->items[i];
        if (it->table) {
            if (i > 0)
                fputc('\n', f);
            if (it->title)
                fprintf(f, "%s\n", it->title);
            if (print_human_table(it->table, f) != 0)
                return -1;
            continue;
        }
        if (it->value.type == CELL_TEXT && it->value.text[0] == '\0')
            continue; /* nothing to say */
        if (i > 0 && d->items[i - 1].table)
            fputc('\n', f);
        human(&it->value, buf, sizeof buf);
        fprintf(f, "%s:", it->label);
        for (j = out_display_width(it->label); j < label_width + 1; j++)
            fputc(' ', f);
        /* Text fields are shown whole, whatever their length. */
        fprintf(f, "%s\n", it->value.type == CELL_NULL ? "n/a"
                : it->value.type == CELL_TEXT ? it->value.text : buf);
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
        return print_human_table(t, f);
    }
}
