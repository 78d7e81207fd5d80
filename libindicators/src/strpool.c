/* strpool: string interning with an open-addressing hash table, over
 * chunks that never move (see strpool.h). */
#include "strpool.h"

#include <stdlib.h>
#include <string.h>

#define FIRST_CHUNK 4096u
#define LAST_CHUNK (1u << IND_STRPOOL_OFFSET_BITS)   /* 16 MiB */

/* FNV-1a: simple and good enough for identifiers and short text. */
static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603u;
    size_t i;

    for (i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211u;
    }
    return h;
}

static int equals(const ind_strpool *p, ind_strid id, const char *s, size_t len)
{
    const char *t = ind_strpool_get(p, id);

    return strncmp(t, s, len) == 0 && t[len] == '\0';
}

static size_t probe(const ind_strpool *p, const char *s, size_t len)
{
    size_t mask = p->nslots - 1, i = (size_t)hash_bytes(s, len) & mask;

    while (p->slots[i] != IND_STRID_NONE && !equals(p, p->slots[i], s, len))
        i = (i + 1) & mask;
    return i;
}

static int rehash(ind_strpool *p, size_t nslots)
{
    ind_strid *old = p->slots;
    size_t oldn = p->nslots, i;

    p->slots = malloc(nslots * sizeof *p->slots);
    if (p->slots == NULL) {
        p->slots = old;
        return -1;
    }
    memset(p->slots, 0xff, nslots * sizeof *p->slots);
    p->nslots = nslots;
    for (i = 0; i < oldn; i++) {
        if (old[i] != IND_STRID_NONE) {
            const char *t = ind_strpool_get(p, old[i]);
            p->slots[probe(p, t, strlen(t))] = old[i];
        }
    }
    free(old);
    return 0;
}

/* Room for need bytes: in the last chunk, or in a new one (twice the last,
 * at most 16 MiB, at least need). The rest of the last chunk is left
 * unused: nothing already in it ever moves. Returns 0 or -1. */
static int room(ind_strpool *p, size_t need)
{
    size_t cap;
    char *chunk;

    if (p->nchunks > 0 && p->cap - p->used >= need)
        return 0;
    if (need > LAST_CHUNK || p->nchunks == IND_STRPOOL_MAX_CHUNKS)
        return -1;
    cap = p->nchunks == 0 ? FIRST_CHUNK : p->cap * 2;
    if (cap > LAST_CHUNK)
        cap = LAST_CHUNK;
    while (cap < need)
        cap *= 2;
    chunk = malloc(cap);
    if (chunk == NULL)
        return -1;
    p->chunk[p->nchunks++] = chunk;
    p->cap = cap;
    p->used = 0;
    return 0;
}

int ind_strpool_init(ind_strpool *p)
{
    memset(p, 0, sizeof *p);
    if (room(p, 1) != 0)
        return -1;
    p->chunk[0][0] = '\0';        /* id 0: the empty string */
    p->used = 1;
    if (rehash(p, 1024) != 0) {
        ind_strpool_free(p);
        return -1;
    }
    p->slots[probe(p, "", 0)] = 0;
    p->count = 1;
    return 0;
}

void ind_strpool_free(ind_strpool *p)
{
    size_t i;

    for (i = 0; i < p->nchunks; i++)
        free(p->chunk[i]);
    free(p->slots);
    memset(p, 0, sizeof *p);
}

ind_strid ind_strpool_find(const ind_strpool *p, const char *s, size_t len)
{
    return p->slots[probe(p, s, len)];
}

ind_strid ind_strpool_intern(ind_strpool *p, const char *s, size_t len)
{
    size_t slot = probe(p, s, len);
    ind_strid id;
    char *at;

    if (p->slots[slot] != IND_STRID_NONE)
        return p->slots[slot];
    if (len >= LAST_CHUNK || room(p, len + 1) != 0)
        return IND_STRID_NONE;
    id = (ind_strid)((p->nchunks - 1) << IND_STRPOOL_OFFSET_BITS | p->used);
    at = p->chunk[p->nchunks - 1] + p->used;
    memcpy(at, s, len);
    at[len] = '\0';
    p->used += len + 1;
    p->slots[slot] = id;
    p->count++;
    if (p->count * 2 > p->nslots && rehash(p, p->nslots * 2) != 0)
        return IND_STRID_NONE;
    return id;
}
