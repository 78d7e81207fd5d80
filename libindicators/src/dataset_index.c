/* dataset_index: a 64-bit key to 32-bit index map (open addressing). */
#include "dataset_internal.h"

#include <stdlib.h>
#include <string.h>

#define EMPTY_KEY UINT64_MAX

static size_t slot_of(uint64_t key, size_t cap)
{
    /* splitmix64's finaliser: every key bit reaches the low bits we keep
     * (series keys have their entity in the low half, often zero). */
    key ^= key >> 30;
    key *= 0xbf58476d1ce4e5b9u;
    key ^= key >> 27;
    key *= 0x94d049bb133111ebu;
    key ^= key >> 31;
    return (size_t)key & (cap - 1);
}

int ind_index_map_init(ind_index_map *m, size_t expected)
{
    size_t cap = 64;

    while (cap < expected * 2)
        cap *= 2;
    m->keys = malloc(cap * sizeof *m->keys);
    m->values = malloc(cap * sizeof *m->values);
    if (m->keys == NULL || m->values == NULL) {
        free(m->keys);
        free(m->values);
        memset(m, 0, sizeof *m);
        return -1;
    }
    memset(m->keys, 0xff, cap * sizeof *m->keys);
    m->cap = cap;
    m->count = 0;
    return 0;
}

void ind_index_map_free(ind_index_map *m)
{
    free(m->keys);
    free(m->values);
    memset(m, 0, sizeof *m);
}

uint32_t ind_index_map_get(const ind_index_map *m, uint64_t key)
{
    size_t i;

    if (m->cap == 0)
        return UINT32_MAX;
    for (i = slot_of(key, m->cap); m->keys[i] != EMPTY_KEY;
         i = (i + 1) & (m->cap - 1))
        if (m->keys[i] == key)
            return m->values[i];
    return UINT32_MAX;
}

static int map_grow(ind_index_map *m)
{
    ind_index_map bigger;
    size_t i;

    if (ind_index_map_init(&bigger, m->cap) != 0)
        return -1;
    for (i = 0; i < m->cap; i++)
        if (m->keys[i] != EMPTY_KEY)
            ind_index_map_put(&bigger, m->keys[i], m->values[i]);
    ind_index_map_free(m);
    *m = bigger;
    return 0;
}

int ind_index_map_put(ind_index_map *m, uint64_t key, uint32_t value)
{
    size_t i;

    if (m->cap == 0 && ind_index_map_init(m, 16) != 0)
        return -1;
    if ((m->count + 1) * 2 > m->cap && map_grow(m) != 0)
        return -1;
    for (i = slot_of(key, m->cap); m->keys[i] != EMPTY_KEY;
         i = (i + 1) & (m->cap - 1)) {
        if (m->keys[i] == key) {
            m->values[i] = value;
            return 0;
        }
    }
    m->keys[i] = key;
    m->values[i] = value;
    m->count++;
    return 0;
}
