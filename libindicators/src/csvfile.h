/* csvfile: strict streaming reader of RFC 4180 files over libcsv, with the
 * positions libcsv does not give: the line of each row, its byte range in
 * the file (for byte-preserving rewrites) and the field of each problem.
 *
 * It enforces what libcsv leaves lenient (HAZARDS.md): a UTF-8 BOM is
 * skipped and reported, NUL bytes, invalid UTF-8, unterminated quotes and
 * stray quotes are errors, spaces around fields are kept as data (so a
 * figure " 12" is rejected by the number grammar, not silently trimmed),
 * and fields and rows have a size limit. Ragged rows are the caller's
 * check (it knows the header). Blank lines are skipped. Internal.
 *
 * Rows without a quote whose every byte is printable ASCII are read by a
 * fast path (csvfile_fast.c) that gives the same fields, positions and errors
 * without libcsv or a copy; IND_CSV_STRICT_ONLY turns it off. */
#ifndef IND_CSVFILE_H
#define IND_CSVFILE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "indicators/error.h"

/* Longest field and row accepted. */
#define IND_CSV_FIELD_MAX (64u * 1024u)
#define IND_CSV_ROW_MAX (1024u * 1024u)
/* Largest file read: a bigger one is refused, naming its size and the
 * limit, before a byte is read, so that no file can exhaust memory. */
#define IND_CSV_FILE_MAX (1024ull * 1024u * 1024u)

/* One parsed row; valid only during the callback. Fields are
 * NUL-terminated copies; field_len excludes the terminator. They lie one
 * after another in one buffer, each followed by its NUL (field[i + 1] ==
 * field[i] + field_len[i] + 1), on both paths: a caller may compare a run
 * of fields as one range of bytes. */
typedef struct ind_csv_row {
    size_t count;             /* number of fields */
    char **field;             /* field[i], NUL-terminated */
    size_t *field_len;
    unsigned long line;       /* line where the row starts (1-based) */
    uint64_t offset;          /* byte offset of the row in the file */
    uint64_t length;          /* bytes of the row, its line end included */
    size_t index;             /* 0 for the header, then 1, 2, ... */
    int plain;                /* 1: every byte printable ASCII, no quote
                               * (so valid UTF-8 without a control
                               * character); read by the fast path */
} ind_csv_row;

/* What the reader learnt about the file as a whole. */
typedef struct ind_csv_info {
    int has_bom;              /* the file starts with EF BB BF */
    int crlf;                 /* the first line ends with CR LF */
    int ends_with_newline;    /* the last byte is LF (or the file is empty) */
    uint64_t size;            /* bytes read */
    size_t rows;              /* rows passed to the callback, header included */
} ind_csv_info;

/* Called once per row, header first. Return IND_OK to go on; any other code
 * stops the read and is returned by ind_csv_read (the callback fills err). */
typedef int (*ind_csv_row_fn)(void *ctx, const ind_csv_row *row,
                              ind_error *err);

/* Read the file at 'path' (reported as 'display' in messages, usually the
 * same text). Returns IND_OK, the callback's code, IND_ENOTFOUND (no such
 * file), IND_EIO (cannot read), IND_EPARSE (syntax, encoding, size; err
 * holds "display:line:column: what"), IND_ENOMEM. 'info' may be NULL. */
int ind_csv_read(const char *path, const char *display, ind_csv_row_fn fn,
                 void *ctx, ind_csv_info *info, ind_error *err);

/* Options of ind_csv_read_with() and ind_csv_read_stream(). */
#define IND_CSV_STRICT_ONLY 0x1u  /* every row through libcsv, none through
                                   * the fast path (the two-path tests) */

/* ind_csv_read with options. */
int ind_csv_read_with(const char *path, const char *display, unsigned options,
                      ind_csv_row_fn fn, void *ctx, ind_csv_info *info,
                      ind_error *err);

/* The same on an open stream (read to its end, not closed), reported as
 * 'display'. */
int ind_csv_read_stream(FILE *f, const char *display, unsigned options,
                        ind_csv_row_fn fn, void *ctx, ind_csv_info *info,
                        ind_error *err);

/* Fields of one line of CSV text, owned by the caller: free with
 * ind_csv_fields_free(). */
typedef struct ind_csv_fields {
    size_t count;
    char **field;
} ind_csv_fields;

/* Split one row s[0..len) (its line end optional) into fields with the
 * same strict rules as ind_csv_read. Returns IND_OK, IND_EPARSE, IND_ENOMEM. */
int ind_csv_split(const char *s, size_t len, ind_csv_fields *out);
void ind_csv_fields_free(ind_csv_fields *f);

/* Write one field to 'out' as CSV: quoted by libcsv (inner quotes doubled)
 * when it holds a comma, quote, CR, LF or leading/trailing space, else
 * as is. Returns 0, or -1 on a write error. */
int ind_csv_write_field(FILE *out, const char *text, size_t len);

#endif
