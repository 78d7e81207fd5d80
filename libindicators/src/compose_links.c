/* compose_links: a rate declared (catalog growth_of) as the growth of a
 * stock, paired with that stock, and the levels the rate implies. */
#include "indicators/compose.h"
#include "array.h"
#include "error_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct link {
    const ind_series *rate;
    const ind_series *level;
    ind_series *owned;     /* the other series, loaded for the link */
    ind_series *implied;   /* level plus derived points, or NULL */
} link;

struct ind_links {
    link *items;
    size_t n, cap;
    ind_error *problems;
    size_t nproblems, problems_cap;
};

void ind_links_free(ind_links *l)
{
    size_t i;

    if (l == NULL)
        return;
    for (i = 0; i < l->n; i++) {
        ind_series_free(l->items[i].owned);
        ind_series_free(l->items[i].implied);
    }
    free(l->items);
    free(l->problems);
    free(l);
}

/* Keep a problem record: `what` and the reason. Returns 0 or -1. */
static int add_problem(ind_links *l, const char *what, const ind_error *why)
{
    ind_error *p;

    if (IND_ARRAY_RESERVE(l->problems, l->problems_cap, l->nproblems + 1))
        return -1;
    p = &l->problems[l->nproblems++];
    ind_error_set(p, why->code, "%s: %s", what, why->message);
    ind_error_about(p, why->detail, why->subject, why->year);
    return 0;
}

/* Load the series of `other` and pair it with s (s is the rate when
 * `s_is_rate`). A missing series is no link; an undecided one is a
 * problem. Returns IND_OK or IND_ENOMEM. */
static int add_link(ind_links *l, ind_dataset *ds, const ind_series *s,
                    const char *other, int s_is_rate, ind_error *err)
{
    ind_error why = IND_ERROR_INIT;
    ind_series *o = NULL;
    char what[256];
    size_t at;
    int rc;

    if (ind_dataset_find_series(ds, other, ind_series_entity(s), &at, NULL)
            != IND_OK)
        return IND_OK;
    rc = ind_dataset_series(ds, at, &o, &why);
    if (rc == IND_ENOMEM)
        return ind_error_copy(err, &why);
    if (rc != IND_OK) {
        snprintf(what, sizeof what, "no check of %s against %s",
                 s_is_rate ? ind_series_indicator(s) : other,
                 s_is_rate ? other : ind_series_indicator(s));
        return add_problem(l, what, &why) == 0
               ? IND_OK : ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    if (IND_ARRAY_RESERVE(l->items, l->cap, l->n + 1) != 0) {
        ind_series_free(o);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    l->items[l->n].rate = s_is_rate ? s : o;
    l->items[l->n].level = s_is_rate ? o : s;
    l->items[l->n].owned = o;
    l->items[l->n].implied = NULL;
    l->n++;
    return IND_OK;
}

/* For a rate: its level. For a level: every rate declared its growth. */
static int find_links(ind_links *l, ind_dataset *ds, const ind_series *s,
                      ind_error *err)
{
    size_t i, n = ind_dataset_indicator_count(ds);
    const char *id = ind_series_indicator(s);
    ind_indicator ind;
    int rc = IND_OK;

    for (i = 0; rc == IND_OK && i < n; i++) {
        if (ind_dataset_indicator(ds, i, &ind, NULL) != IND_OK ||
            ind.kind != IND_KIND_RATE || !*ind.growth_of)
            continue;
        if (ind_series_kind(s) == IND_KIND_RATE) {
            if (strcmp(ind.id, id) == 0)
                return add_link(l, ds, s, ind.growth_of, 1, err);
        } else if (strcmp(ind.growth_of, id) == 0) {
            rc = add_link(l, ds, s, ind.id, 0, err);
        }
    }
    return rc;
}

/* The levels each rate implies for the year before. A rate the growth
 * engine cannot use (-100% or less) is a problem. */
static int derive(ind_links *l, ind_error *err)
{
    ind_error why = IND_ERROR_INIT;
    size_t i;
    int rc;

    for (i = 0; i < l->n; i++) {
        rc = ind_growth_implied_levels(&l->items[i].implied, l->items[i].rate,
                                       l->items[i].level, &why);
        if (rc == IND_ENOMEM)
            return ind_error_copy(err, &why);
        if (rc != IND_OK && add_problem(l, "no levels derived", &why) != 0)
            return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    return IND_OK;
}

int ind_links_find(ind_links **out, ind_dataset *ds, const ind_series *s,
                   ind_error *err)
{
    ind_links *l;
    int rc;

    if (out == NULL || ds == NULL || s == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_links_find: NULL "
                             "argument");
    *out = NULL;
    l = calloc(1, sizeof *l);
    if (l == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    rc = find_links(l, ds, s, err);
    if (rc == IND_OK)
        rc = derive(l, err);
    if (rc != IND_OK) {
        ind_links_free(l);
        return rc;
    }
    *out = l;
    return IND_OK;
}

size_t ind_links_count(const ind_links *l)
{
    return l ? l->n : 0;
}

const ind_series *ind_links_rate(const ind_links *l, size_t i)
{
    return l && i < l->n ? l->items[i].rate : NULL;
}

const ind_series *ind_links_level(const ind_links *l, size_t i)
{
    return l && i < l->n ? l->items[i].level : NULL;
}

const ind_series *ind_links_implied(const ind_links *l, size_t i)
{
    return l && i < l->n ? l->items[i].implied : NULL;
}

size_t ind_links_nproblems(const ind_links *l)
{
    return l ? l->nproblems : 0;
}

const ind_error *ind_links_problem(const ind_links *l, size_t i)
{
    return l && i < l->nproblems ? &l->problems[i] : NULL;
}

int ind_links_with_derived(ind_series **out, const ind_series *s,
                           const ind_links *l, ind_error *err)
{
    size_t i, k;
    int rc;

    if (out == NULL || s == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_links_with_derived: NULL "
                             "argument");
    rc = ind_series_new(out, ind_series_indicator(s), ind_series_entity(s),
                        ind_series_unit(s), ind_series_kind(s), err);
    for (k = 0; rc == IND_OK && k < ind_series_length(s); k++)
        rc = ind_series_add(*out, ind_series_point(s, k), err);
    for (i = 0; rc == IND_OK && l != NULL && i < l->n; i++) {
        const ind_series *imp = l->items[i].implied;
        for (k = 0; rc == IND_OK && k < ind_series_length(imp); k++) {
            const ind_point *p = ind_series_point(imp, k);
            if ((p->flags & IND_POINT_DERIVED) &&
                ind_series_find(*out, p->year) < 0)
                rc = ind_series_add(*out, p, err);
        }
    }
    if (rc != IND_OK) {
        ind_series_free(*out);
        *out = NULL;
    }
    return rc;
}
