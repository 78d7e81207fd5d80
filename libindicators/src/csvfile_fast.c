/* csvfile_fast: the CSV reader's fast path for the common row.
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
#include "csvfile_fast.h"
#include "array.h"
#include "csvfile.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

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

/* Sixteen bytes at a time with SSE2 (every x86-64 has it): the commas and
 * the other bytes that are not B_PLAIN as two bit masks. */
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#define FAST_SSE2 1
#else
#define FAST_SSE2 0
#endif

/* Eight bytes at a time (SWAR) where the byte order allows: a word's commas
 * and other bytes that are not B_PLAIN, found exactly (a high bit in each
 * such byte), and visited with counts of trailing zeros. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define FAST_WORDS 1
#define ONES 0x0101010101010101u
#define HIGHS 0x8080808080808080u
#define LOWS 0x7f7f7f7f7f7f7f7fu

/* The high bit of every byte of t that is zero, and of no other. */
static inline uint64_t zero_bytes(uint64_t t)
{
    return ~(((t & LOWS) + LOWS) | t) & HIGHS;
}

/* The high bit of every byte of x that is neither plain nor a comma:
 * 0x80 and above, below 0x20, DEL and '"'. */
static inline uint64_t odd_bytes(uint64_t x)
{
    uint64_t at_least_space = (x & LOWS) + ONES * (0x80 - 0x20);

    return (x & HIGHS) | (~at_least_space & HIGHS) |
           zero_bytes(x ^ (ONES * 0x7f)) | zero_bytes(x ^ (ONES * '"'));
}
/* The high bits of the eight bytes of m (the only bits set) as the low
 * eight bits of the result, byte j to bit j: one multiplication lands
 * each on bit 56 + j, and no two products overlap. */
static inline unsigned high_bits(uint64_t m)
{
    return (unsigned)(((m >> 7) * 0x0102040810204080u) >> 56);
}
#else
#define FAST_WORDS 0
#endif

/* What the byte at s[i] (not B_PLAIN) does to the scan: record a field end
 * and go on (-1), or end it with the result returned. */
static int at_odd_byte(ind_csv_fast *f, const unsigned char *u, size_t i,
                       size_t avail, int eof, size_t *n, size_t *row_len)
{
    switch (byte_class[u[i]]) {
    case B_COMMA:
        if (add_end(f, (*n)++, i) != 0)
            return IND_CSV_FAST_NOMEM;
        return -1;
    case B_CR:
        if (i + 1 == avail && !eof)
            return IND_CSV_FAST_MORE;
        if (i + 1 == avail || u[i + 1] != '\n')
            return IND_CSV_FAST_STRICT;    /* a lone CR */
        *row_len = i + 2;
        return IND_CSV_FAST_ROW;
    case B_LF:
        *row_len = i + 1;
        return IND_CSV_FAST_ROW;
    default:
        return IND_CSV_FAST_STRICT;
    }
}

/* The row ends at u[i]: its last field, or a blank line. */
static int finish_row(ind_csv_fast *f, size_t i, size_t n, size_t *nfields,
                      size_t *content_len)
{
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

#if FAST_SSE2 || FAST_WORDS
/* A block of 8 or 16 bytes from u[i], as two masks (bit j: the byte
 * u[i + j]): its commas and its other bytes that are not plain. Record the
 * commas before the first other odd byte and judge that byte: -1 when the
 * block holds none (the scan goes on), else the scan's result. */
static int take_block(ind_csv_fast *f, const unsigned char *u, size_t i,
                      unsigned commas, unsigned odd, size_t avail, int eof,
                      size_t *n, size_t *row_len, size_t *nfields,
                      size_t *content_len)
{
    size_t at;
    int k;

    if (odd != 0)
        commas &= (odd & -odd) - 1;
    if (commas != 0) {
        if (*n + 16 > f->cap &&
            IND_ARRAY_RESERVE(f->ends, f->cap, *n + 16) != 0)
            return IND_CSV_FAST_NOMEM;
        for (; commas != 0; commas &= commas - 1)
            f->ends[(*n)++] = i + (size_t)__builtin_ctz(commas);
    }
    if (odd == 0)
        return -1;
    at = i + (size_t)__builtin_ctz(odd);
    k = at_odd_byte(f, u, at, avail, eof, n, row_len);
    return k == IND_CSV_FAST_ROW ? finish_row(f, at, *n, nfields, content_len)
                                 : k;   /* no comma reaches here */
}
#endif

int ind_csv_fast_scan(ind_csv_fast *f, const char *s, size_t avail, int eof,
                      size_t *row_len, size_t *nfields, size_t *content_len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, n = 0, limit = avail;
    int k;

    /* Rows near the size limits are the strict path's to judge. */
    if (limit > IND_CSV_FIELD_MAX)
        limit = IND_CSV_FIELD_MAX;
#if FAST_SSE2
    for (; i + 16 <= limit; i += 16) {
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(u + i));
        /* Signed bytes: below 0x20 is below ' ' or at 0x80 and above. */
        __m128i odd = _mm_or_si128(
            _mm_or_si128(_mm_cmplt_epi8(x, _mm_set1_epi8(0x20)),
                         _mm_cmpeq_epi8(x, _mm_set1_epi8(0x7f))),
            _mm_cmpeq_epi8(x, _mm_set1_epi8('"')));
        k = take_block(f, u, i, (unsigned)_mm_movemask_epi8(
                           _mm_cmpeq_epi8(x, _mm_set1_epi8(','))),
                       (unsigned)_mm_movemask_epi8(odd), avail, eof, &n,
                       row_len, nfields, content_len);
        if (k >= 0)
            return k;
    }
#endif
#if FAST_WORDS
    for (; i + 8 <= limit; i += 8) {
        uint64_t x;
        memcpy(&x, u + i, 8);
        k = take_block(f, u, i, high_bits(zero_bytes(x ^ (ONES * ','))),
                       high_bits(odd_bytes(x)), avail, eof, &n, row_len,
                       nfields, content_len);
        if (k >= 0)
            return k;
    }
#endif
    for (; i < limit; i++) {
        if (byte_class[u[i]] == B_PLAIN)
            continue;
        k = at_odd_byte(f, u, i, avail, eof, &n, row_len);
        if (k == IND_CSV_FAST_ROW)
            return finish_row(f, i, n, nfields, content_len);
        if (k >= 0)
            return k;
    }
    if (limit < avail || avail == 0)
        return avail == 0 && !eof ? IND_CSV_FAST_MORE : IND_CSV_FAST_STRICT;
    if (!eof)
        return IND_CSV_FAST_MORE;
    *row_len = avail;                /* the last row, without a line end */
    return finish_row(f, avail, n, nfields, content_len);
}
