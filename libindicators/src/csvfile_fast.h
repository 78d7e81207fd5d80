/* csvfile_fast: the CSV reader's fast path for the common row (csvfile_fast.c):
 * no quote, every byte printable ASCII, ended by LF or CR LF. Internal to
 * csvfile.c. */
#ifndef IND_CSVFILE_FAST_H
#define IND_CSVFILE_FAST_H

#include <stddef.h>

/* Field ends found by the scan, reused from row to row. */
typedef struct ind_csv_fast {
    size_t *ends;        /* offset of each field's end (its separator) */
    size_t cap;
} ind_csv_fast;

/* What ind_csv_fast_scan found at the start of the bytes. */
enum ind_csv_fast_result {
    IND_CSV_FAST_ROW,     /* a row: *nfields fields, ends in f->ends */
    IND_CSV_FAST_BLANK,   /* an empty line (skipped, as the strict path does) */
    IND_CSV_FAST_MORE,    /* the row goes on past the bytes read: read more */
    IND_CSV_FAST_STRICT,  /* not a common row: the strict path reads it */
    IND_CSV_FAST_NOMEM
};

/* Scan the row that starts at s[0..avail) ('eof': nothing follows). On
 * IND_CSV_FAST_ROW and IND_CSV_FAST_BLANK, *row_len is the row's length
 * with its line end and *content_len without it; field k is
 * s[(k ? ends[k-1] + 1 : 0) .. ends[k]). */
int ind_csv_fast_scan(ind_csv_fast *f, const char *s, size_t avail, int eof,
                      size_t *row_len, size_t *nfields, size_t *content_len);

void ind_csv_fast_free(ind_csv_fast *f);

#endif
