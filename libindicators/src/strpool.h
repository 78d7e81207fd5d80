/* strpool: interned strings named by 32-bit ids, so that millions of rows
 * repeating the same indicator, unit or source cost one copy each.
 * Id 0 is always the empty string. Internal.
 *
 * The strings never move: they live in chunks that are only ever added,
 * never reallocated, so a pointer to one (a reading handed out by
 * ind_dataset_reading()) stays valid until the pool is freed, whatever is
 * interned meanwhile. An id names a chunk (its top 8 bits) and an offset
 * in it (the low 24): chunks double from 4 KiB to 16 MiB, up to 255 of
 * them (about 4 GiB in all). */
#ifndef IND_STRPOOL_H
#define IND_STRPOOL_H

#include <stddef.h>
#include <stdint.h>

typedef uint32_t ind_strid;

#define IND_STRID_NONE ((ind_strid)UINT32_MAX)

/* The split of an id: chunk << IND_STRPOOL_OFFSET_BITS | offset. */
#define IND_STRPOOL_OFFSET_BITS 24
#define IND_STRPOOL_MAX_CHUNKS 255

typedef struct ind_strpool {
    char *chunk[IND_STRPOOL_MAX_CHUNKS]; /* strings, each NUL-terminated */
    size_t nchunks;
    size_t used, cap;    /* bytes used and held by the last chunk */
    ind_strid *slots;    /* open-addressing table of ids, NONE when free */
    size_t nslots, count;
} ind_strpool;

/* Prepare an empty pool. Returns 0 or -1 (out of memory). */
int ind_strpool_init(ind_strpool *p);

/* Release the pool's memory. */
void ind_strpool_free(ind_strpool *p);

/* The id of s[0..len), added if new. IND_STRID_NONE when memory runs out,
 * the text passes 16 MiB or the pool would pass its 255 chunks. */
ind_strid ind_strpool_intern(ind_strpool *p, const char *s, size_t len);

/* The id of s[0..len) if present, else IND_STRID_NONE. */
ind_strid ind_strpool_find(const ind_strpool *p, const char *s, size_t len);

/* The text of an id, valid until the pool is freed. */
static inline const char *ind_strpool_get(const ind_strpool *p, ind_strid id)
{
    return p->chunk[id >> IND_STRPOOL_OFFSET_BITS] +
           (id & ((1u << IND_STRPOOL_OFFSET_BITS) - 1));
}

#endif
