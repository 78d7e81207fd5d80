/* strpool: string interning with an open-addressing hash table. */
#include "strpool.h"
#include "array.h"

#include <stdlib.h>
#include <string.h>

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
    const char *t = p->data + id;

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
            const char *t = p->data + old[i];
            p->slots[probe(p, t, strlen(t))] = old[i];
        }
    }
    free(old);
    return 0;
}

int ind_strpool_init(ind_strpool *p)
{
    memset(p, 0, sizeof *p);
    p->cap = 4096;
    p->data = malloc(p->cap);
    if (p->data == NULL)
        return -1;
    p->data[0] = '\0';
    p->len = 1;
    if (rehash(p, 1024) != 0) {
        free(p->data);
        return -1;
    }
    p->slots[probe(p, "", 0)] = 0;
    p->count = 1;
    return 0;
}

void ind_strpool_free(ind_strpool *p)
{
    free(p->data);
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

    if (p->slots[slot] != IND_STRID_NONE)
        return p->slots[slot];
    if (p->len + len + 1 > UINT32_MAX - 1)
        return IND_STRID_NONE;
    if (IND_ARRAY_RESERVE(p->data, p->cap, p->len + len + 1) != 0)
        return IND_STRID_NONE;
    id = (ind_strid)p->len;
    memcpy(p->data + p->len, s, len);
    p->data[p->len + len] = '\0';
    p->len += len + 1;
    p->slots[slot] = id;
    p->count++;
    if (p->count * 2 > p->nslots && rehash(p, p->nslots * 2) != 0)
        return IND_STRID_NONE;
    return id;
}
