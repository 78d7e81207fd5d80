/* csvfast: the CSV reader's fast path for the common row.
 *
 * A row with no quote whose every byte is printable ASCII, ended by LF or
 * CR LF (or by the end of the file), means the same to RFC 4180, to libcsv
 * and to our strict rules: its fields are the bytes between commas, valid
 * UTF-8 without a control character. One pass over the bytes finds the
 * field ends and checks that; any other byte (a quote, a control
 * character, a lone CR, NUL, anything beyond ASCII) sends the row to the
 * strict path, libcsv's, which reads it as it always has. So both paths
 * give the same fields and the same errors (tests/test_csvfile.c runs
 * every file in the test suite both ways; tests/fuzz/fuzz_csvpaths.c
 * compares them on any input). */
#include "csvfast.h"
#include "array.h"
#include "csvfile.h"

#include <stdlib.h>

/* What a byte means to the scan. */
enum {
    B_PLAIN,   /* printable ASCII but for ',' and '"': part of a field */
    B_COMMA,   /* ends a field */
    B_LF,      /* ends the row */
    B_CR,      /* ends the row when LF follows */
    B_ODD      /* anything else: the row takes the strict path */
};

#define P B_PLAIN
#define O B_ODD
static const unsigned char byte_class[256] = {
    O, O, O, O, O, O, O, O, O, O, B_LF, O, O, B_CR, O, O,   /* 0x00 */
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,         /* 0x10 */
    P, P, O, P, P, P, P, P, P, P, P, P, B_COMMA, P, P, P,   /* 0x20 " */
    P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,         /* 0x30 */
    P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,         /* 0x40 */
    P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,         /* 0x50 */
    P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, P,         /* 0x60 */
    P, P, P, P, P, P, P, P, P, P, P, P, P, P, P, O,         /* 0x70 DEL */
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,         /* 0x80 */
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
    O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
};
#undef P
#undef O

void ind_csv_fast_free(ind_csv_fast *f)
{
    free(f->ends);
    f->ends = NULL;
    f->cap = 0;
}

/* Record the end of field number n (0-based) at offset 'at'. */
static int add_end(ind_csv_fast *f, size_t n, size_t at)
{
    if (n >= f->cap && IND_ARRAY_RESERVE(f->ends, f->cap, n + 1) != 0)
        return -1;
    f->ends[n] = at;
    return 0;
}

int ind_csv_fast_scan(ind_csv_fast *f, const char *s, size_t avail, int eof,
                      size_t *row_len, size_t *nfields, size_t *content_len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i, n = 0, limit = avail;

    /* Rows near the size limits are the strict path's to judge. */
    if (limit > IND_CSV_FIELD_MAX)
        limit = IND_CSV_FIELD_MAX;
    for (i = 0; i < limit; i++) {
        switch (byte_class[u[i]]) {
        case B_PLAIN:
            continue;
        case B_COMMA:
            if (add_end(f, n++, i) != 0)
                return IND_CSV_FAST_NOMEM;
            continue;
        case B_CR:
            if (i + 1 == avail && !eof)
                return IND_CSV_FAST_MORE;
            if (i + 1 == avail || u[i + 1] != '\n')
                return IND_CSV_FAST_STRICT;    /* a lone CR */
            *row_len = i + 2;
            break;
        case B_LF:
            *row_len = i + 1;
            break;
        default:
            return IND_CSV_FAST_STRICT;
        }
        break;
    }
    if (i == limit) {
        if (limit < avail || avail == 0)
            return avail == 0 && !eof ? IND_CSV_FAST_MORE
                                      : IND_CSV_FAST_STRICT;
        if (!eof)
            return IND_CSV_FAST_MORE;
        *row_len = avail;            /* the last row, without a line end */
    }
    *content_len = i;
    if (i == 0) {
        *nfields = 0;
        return IND_CSV_FAST_BLANK;   /* an empty line: skipped */
    }
    if (add_end(f, n++, i) != 0)
        return IND_CSV_FAST_NOMEM;
    *nfields = n;
    return IND_CSV_FAST_ROW;
}
