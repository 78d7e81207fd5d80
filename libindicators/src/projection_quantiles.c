/* projection_quantiles: the interval quantiles, computed by GSL and
 * remembered in a caller's cache (ind_quantile_cache in projection.h):
 * a panel's fits share a few degrees of freedom, and the t quantile is the
 * dearest part of a linear fit. */
#include "projection_internal.h"
#include "error_internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Open addressing on (prob, df), both doubles compared bit for bit. */
typedef struct quantile_entry {
    double prob, df, q;
    int used;
} quantile_entry;

struct ind_quantile_cache {
    quantile_entry *slots;
    size_t cap, count;
};

int ind_quantile_cache_new(ind_quantile_cache **out, ind_error *err)
{
    ind_quantile_cache *c;

    if (out == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_quantile_cache_new: "
                             "NULL argument");
    *out = NULL;
    c = calloc(1, sizeof *c);
    if (c == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    *out = c;
    return IND_OK;
}

void ind_quantile_cache_free(ind_quantile_cache *cache)
{
    if (cache == NULL)
        return;
    free(cache->slots);
    free(cache);
}

static uint64_t bits_of(double x)
{
    uint64_t b;

    memcpy(&b, &x, sizeof b);
    return b;
}

static size_t slot_of(const ind_quantile_cache *c, double prob, double df)
{
    uint64_t h = bits_of(prob) * 0x9E3779B97F4A7C15u ^ bits_of(df);

    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9u;
    h ^= h >> 32;
    return (size_t)h & (c->cap - 1);
}

static quantile_entry *find(ind_quantile_cache *c, double prob, double df)
{
    size_t i = slot_of(c, prob, df);

    while (c->slots[i].used && (bits_of(c->slots[i].prob) != bits_of(prob) ||
                                bits_of(c->slots[i].df) != bits_of(df)))
        i = (i + 1) & (c->cap - 1);
    return &c->slots[i];
}

/* Double the table (or make the first). Returns 0 or -1. */
static int grow(ind_quantile_cache *c)
{
    ind_quantile_cache bigger = { NULL, c->cap ? 2 * c->cap : 64, 0 };
    size_t i;

    bigger.slots = calloc(bigger.cap, sizeof *bigger.slots);
    if (bigger.slots == NULL)
        return -1;
    for (i = 0; i < c->cap; i++)
        if (c->slots[i].used)
            *find(&bigger, c->slots[i].prob, c->slots[i].df) = c->slots[i];
    bigger.count = c->count;
    free(c->slots);
    *c = bigger;
    return 0;
}

static double compute(double prob, double df)
{
    /* gsl_cdf_tdist_Pinv aborts (or returns NaN) at df = 0. */
    if (isinf(df) && df > 0.0)
        return gsl_cdf_ugaussian_Pinv(prob);
    if (df > 0.0)
        return gsl_cdf_tdist_Pinv(prob, df);
    return NAN;
}

double ind_proj_quantile(ind_quantile_cache *c, double prob, double df)
{
    quantile_entry *e;

    /* Without a cache, or without room for one more, compute. */
    if (c == NULL || ((c->count + 1) * 2 > c->cap && grow(c) != 0))
        return compute(prob, df);
    e = find(c, prob, df);
    if (!e->used) {
        e->prob = prob;
        e->df = df;
        e->q = compute(prob, df);
        e->used = 1;
        c->count++;
    }
    return e->q;
}
