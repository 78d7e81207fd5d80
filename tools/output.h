/* output: print tables and documents as a human table, CSV or JSON.
 *
 * Commands build their results as typed cells (text, number, integer,
 * null) and never format them by hand, so the three formats agree:
 * - table: aligned columns, numbers rounded to the cell's decimals with
 *   thousands grouped, null as blank, fitted to the terminal's width
 *   (out_table_give_up);
 * - csv:   the first table only, a header then rows; numbers in their
 *   shortest round-trip form, null as an empty field, texts quoted by
 *   libcsv and guarded against spreadsheet formulas;
 * - json:  an object of the document's fields and tables (an array when
 *   the document is one unnamed table), numbers round-trip, null as null. */
#ifndef IND_TOOLS_OUTPUT_H
#define IND_TOOLS_OUTPUT_H

#include <stdio.h>

typedef enum out_format { OUT_TABLE, OUT_CSV, OUT_JSON } out_format;

typedef struct out_table out_table;
typedef struct out_doc out_doc;

/* Parse "table", "csv" or "json". Returns 0 or -1. */
int out_format_parse(const char *text, out_format *out);

/* A table with the given column names (copied). NULL on out of memory. */
out_table *out_table_new(const char *const *columns, size_t ncolumns);
void out_table_free(out_table *t);

/* Append a cell to the current row; a row is complete after ncolumns
 * cells. Each returns 0, or -1 on out of memory (the table then prints
 * nothing). NaN or infinite numbers become null. */
int out_text(out_table *t, const char *text);
int out_num(out_table *t, double value, int decimals);
int out_int(out_table *t, long long value);
int out_null(out_table *t);
int out_bool(out_table *t, int value);

/* The first n columns name the row's subject (indicator, entity...):
 * CSV and JSON print them in every row so outputs concatenate; a human
 * table in a document that names the subject leaves out those that are
 * the same in every row. */
void out_table_keys(out_table *t, size_t n);

/* A table with n text columns `names` put first, holding `values` in
 * every row, as keys (out_table_keys): `indicator` and `entity` for a
 * table built without them. Takes t over (freed, also on failure);
 * NULL when out of memory. */
out_table *out_table_prefix(out_table *t, const char *const *names,
                            const char *const *values, size_t n);

/* How a human table fits a narrow width ($COLUMNS, else the terminal's;
 * no limit for a file or a pipe), in bytes and in columns alike: headers
 * wider than their values break in two at a '_'; free texts (titles,
 * sources, notes) are shortened with a mark; then whole columns are left
 * out, said once on stderr: those named by out_table_give_up first, in
 * its order, then the others from the right. Figures and short texts
 * (codes, dates) are never cut. The key columns, the first column shown
 * (the row's name) and those named by out_table_keep are never cut nor
 * left out: when they alone are too wide, lines are long. */
void out_table_give_up(out_table *t, const char *const *names, size_t n);
void out_table_keep(out_table *t, const char *const *names, size_t n);

/* Number of complete rows. */
size_t out_table_rows(const out_table *t);

/* A document: named fields and tables, printed in the order added. */
out_doc *out_doc_new(void);
void out_doc_free(out_doc *d);
/* 'key' names the field in JSON; 'label' is shown in tables (NULL = key). */
int out_doc_text(out_doc *d, const char *key, const char *label,
                 const char *value);
int out_doc_num(out_doc *d, const char *key, const char *label, double value,
                int decimals);
int out_doc_int(out_doc *d, const char *key, const char *label,
                long long value);
int out_doc_null(out_doc *d, const char *key, const char *label);
/* Add a table (the document takes it over, also on failure). 'key' NULL
 * for the document's only table; 'title' is printed above it in tables. */
int out_doc_table(out_doc *d, const char *key, const char *title,
                  out_table *t);

/* Print in a format. Returns 0, or -1 on a write error or if building
 * the document ran out of memory. */
int out_doc_print(const out_doc *d, out_format format, FILE *stream);

/* Print one table alone (the table is not freed). */
int out_table_print(const out_table *t, out_format format, FILE *stream);

/* Print the table's rows as CSV (after the header when 'header' is set)
 * and drop them, keeping the columns: a long table streams in chunks.
 * Returns 0, or -1 on a write error or if building ran out of memory. */
int out_table_flush_csv(out_table *t, FILE *f, int header);

/* Write one text as a CSV cell exactly as the CSV format does (quoted,
 * inner quotes doubled, a formula guarded). Returns 0 or -1. For a
 * command that streams its rows without a table. */
int out_csv_text(FILE *f, const char *text);

/* Display width of UTF-8 text in a terminal (East Asian wide = 2). */
size_t out_display_width(const char *text);

/* Rows of a large table (--all) written either into an out_table (the
 * human table and JSON, built whole) or, with t NULL, straight to f as CSV
 * a line at a time, in the bytes out_table_flush_csv would write: building
 * cells costs a copy of every text and a printf of every whole number, a
 * tenth of the whole command on a large panel. Zero it, set t or f. */
typedef struct out_sink {
    out_table *t;             /* NULL: CSV lines to f */
    FILE *f;
    char line[4096];          /* the line being written, line[0..len) */
    size_t len, cells;        /* bytes, and cells in the line so far */
    int failed;               /* a write failed or memory ran out */
} out_sink;

/* One cell of the row: as out_text, out_null, out_int, out_num (decimals
 * are for people: CSV figures round-trip) and out_bool write it. */
void out_sink_text(out_sink *k, const char *s);
void out_sink_null(out_sink *k);
void out_sink_int(out_sink *k, long long v);
void out_sink_num(out_sink *k, double v, int decimals);
void out_sink_bool(out_sink *k, int v);
/* A CSV header cell: a column name as it is. */
void out_sink_name(out_sink *k, const char *name);
/* End the row. 0, or -1 when a write failed or memory ran out. */
int out_sink_end(out_sink *k);
/* Write out what the line holds: 0, or -1 when any write failed. */
int out_sink_flush(out_sink *k);

#endif
