/* strpool: interned strings named by 32-bit ids, so that millions of rows
 * repeating the same indicator, unit or source cost one copy each.
 * Id 0 is always the empty string. Internal. */
#ifndef IND_STRPOOL_H
#define IND_STRPOOL_H

#include <stddef.h>
#include <stdint.h>

typedef uint32_t ind_strid;

#define IND_STRID_NONE ((ind_strid)UINT32_MAX)

typedef struct ind_strpool {
    char *data;          /* the strings, each NUL-terminated; id = offset */
    size_t len, cap;
    ind_strid *slots;    /* open-addressing table of ids, NONE when free */
    size_t nslots, count;
} ind_strpool;

/* Prepare an empty pool. Returns 0 or -1 (out of memory). */
int ind_strpool_init(ind_strpool *p);

/* Release the pool's memory. */
void ind_strpool_free(ind_strpool *p);

/* The id of s[0..len), added if new. IND_STRID_NONE when memory runs out
 * or the pool would pass 4 GiB. */
ind_strid ind_strpool_intern(ind_strpool *p, const char *s, size_t len);

/* The id of s[0..len) if present, else IND_STRID_NONE. */
ind_strid ind_strpool_find(const ind_strpool *p, const char *s, size_t len);

/* The text of an id (valid until the next intern, which may move it). */
static inline const char *ind_strpool_get(const ind_strpool *p, ind_strid id)
{
    return p->data + id;
}

#endif
