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

/* ---- text tuples ---- */

static size_t tuple_slot(const text_rec *t, size_t n)
{
    uint64_t h = ((uint64_t)t->unit << 32) ^ t->as_of;

    h = h * 0x9E3779B97F4A7C15u ^ ((uint64_t)t->source << 32 | t->note);
    return slot_of(h, n);
}

static int same_tuple(const text_rec *a, const text_rec *b)
{
    return a->unit == b->unit && a->as_of == b->as_of &&
           a->source == b->source && a->note == b->note;
}

static int tuples_rehash(ind_dataset *ds, size_t n)
{
    uint32_t *slots = malloc(n * sizeof *slots);
    size_t i, k;

    if (slots == NULL)
        return -1;
    memset(slots, 0xff, n * sizeof *slots);
    for (i = 0; i < ds->ntexts; i++) {
        for (k = tuple_slot(&ds->texts[i], n); slots[k] != UINT32_MAX;
             k = (k + 1) & (n - 1))
            ;
        slots[k] = (uint32_t)i;
    }
    free(ds->text_slots);
    ds->text_slots = slots;
    ds->ntext_slots = n;
    return 0;
}

uint32_t ind_dataset_text_of(ind_dataset *ds, const text_rec *t)
{
    size_t k;

    if ((ds->ntexts + 1) * 2 > ds->ntext_slots &&
        tuples_rehash(ds, ds->ntext_slots ? ds->ntext_slots * 2 : 256) != 0)
        return UINT32_MAX;
    for (k = tuple_slot(t, ds->ntext_slots); ds->text_slots[k] != UINT32_MAX;
         k = (k + 1) & (ds->ntext_slots - 1))
        if (same_tuple(&ds->texts[ds->text_slots[k]], t))
            return ds->text_slots[k];
    if (ds->ntexts >= UINT32_MAX - 1 ||
        IND_ARRAY_RESERVE(ds->texts, ds->texts_cap, ds->ntexts + 1) != 0)
        return UINT32_MAX;
    ds->texts[ds->ntexts] = *t;
    ds->text_slots[k] = (uint32_t)ds->ntexts;
    return (uint32_t)ds->ntexts++;
}
