/* fuzz_csvpaths: the CSV reader's two paths on any input, compared.
 *
 * The input is a file's bytes. It is read twice from memory, with the
 * fast path for common rows (csvfile_fast.c) and with IND_CSV_STRICT_ONLY
 * (libcsv for every row). Checked:
 * - both give the same return code and, on failure, the same message at
 *   the same line and column;
 * - both give the same file facts (BOM, CR LF, final newline, size, rows);
 * - both give the same rows: index, line, byte offset and length, and
 *   every field's bytes;
 * - every field is NUL-terminated at its length;
 * - a row marked plain (read by the fast path) holds no quote and no byte
 *   outside printable ASCII, so that the loader may skip its UTF-8 and
 *   control-character checks; the strict path marks no row plain. */
#include "fuzz_util.h"
#include "csvfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct capture {
    char *s;
    size_t len, cap;
    size_t plain;
} capture;

static void put(capture *c, const void *bytes, size_t n)
{
    if (c->len + n > c->cap) {
        size_t cap = c->cap ? c->cap : 1024;
        while (cap < c->len + n)
            cap *= 2;
        c->s = realloc(c->s, cap);
        FUZZ_CHECK(c->s != NULL, "out of memory");
        c->cap = cap;
    }
    memcpy(c->s + c->len, bytes, n);
    c->len += n;
}

static int on_row(void *ctx, const ind_csv_row *row, ind_error *err)
{
    capture *c = ctx;
    char head[160];
    size_t i, k;

    (void)err;
    snprintf(head, sizeof head, "%zu %lu %llu %llu %zu|", row->index,
             row->line, (unsigned long long)row->offset,
             (unsigned long long)row->length, row->count);
    put(c, head, strlen(head));
    for (i = 0; i < row->count; i++) {
        FUZZ_CHECK(row->field[i][row->field_len[i]] == '\0',
                   "row %zu field %zu is not NUL-terminated", row->index, i);
        snprintf(head, sizeof head, "%zu:", row->field_len[i]);
        put(c, head, strlen(head));
        put(c, row->field[i], row->field_len[i]);
        if (!row->plain)
            continue;
        for (k = 0; k < row->field_len[i]; k++) {
            unsigned char ch = (unsigned char)row->field[i][k];
            FUZZ_CHECK(ch >= 0x20 && ch < 0x7f && ch != '"',
                       "plain row %zu holds byte 0x%02X", row->index, ch);
        }
    }
    c->plain += row->plain != 0;
    return IND_OK;
}

/* Read data both ways from memory. */
static FILE *open_input(const uint8_t *data, size_t size)
{
    /* fmemopen refuses an empty buffer: an empty file is /dev/null. */
    FILE *f = size > 0 ? fmemopen((void *)data, size, "rb")
                       : fopen("/dev/null", "rb");

    FUZZ_CHECK(f != NULL, "cannot open the input in memory");
    return f;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    capture fast = { NULL, 0, 0, 0 }, strict = { NULL, 0, 0, 0 };
    ind_csv_info fi, si;
    ind_error fe = IND_ERROR_INIT, se = IND_ERROR_INIT;
    FILE *f;
    int frc, src;

    f = open_input(data, size);
    frc = ind_csv_read_stream(f, "input.csv", 0, on_row, &fast, &fi, &fe);
    fclose(f);
    f = open_input(data, size);
    src = ind_csv_read_stream(f, "input.csv", IND_CSV_STRICT_ONLY, on_row,
                              &strict, &si, &se);
    fclose(f);
    FUZZ_CHECK(frc == src, "fast path %d '%s', strict %d '%s'", frc,
               fe.message, src, se.message);
    FUZZ_CHECK(frc == IND_OK || (strcmp(fe.message, se.message) == 0 &&
                                 fe.line == se.line &&
                                 fe.column == se.column),
               "fast path says '%s', strict '%s'", fe.message, se.message);
    FUZZ_CHECK(fi.has_bom == si.has_bom && fi.crlf == si.crlf &&
               fi.ends_with_newline == si.ends_with_newline &&
               fi.size == si.size && fi.rows == si.rows,
               "the file facts differ (rows %zu and %zu)", fi.rows, si.rows);
    FUZZ_CHECK(fast.len == strict.len &&
               (fast.len == 0 || memcmp(fast.s, strict.s, fast.len) == 0),
               "the rows differ (%zu and %zu bytes of description)",
               fast.len, strict.len);
    FUZZ_CHECK(strict.plain == 0, "the strict path marked a row plain");
    free(fast.s);
    free(strict.s);
    return 0;
}
