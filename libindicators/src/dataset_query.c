/* dataset_query: read access to a loaded dataset: readings, indicators,
 * series, and the series of chosen values per year. */
#include "dataset_internal.h"
#include "error_internal.h"
#include "indicators/number.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *ind_dataset_errmsg(const ind_dataset *ds)
{
    return ds ? ds->error.message : "out of memory";
}

const ind_error *ind_dataset_error(const ind_dataset *ds)
{
    return ds ? &ds->error : NULL;
}

const char *ind_dataset_path(const ind_dataset *ds)
{
    return ds ? ds->path : "";
}

const char *ind_dataset_catalog_path(const ind_dataset *ds)
{
    return ds ? ds->catalog_path : "";
}

const char *ind_dataset_history_path(const ind_dataset *ds)
{
    return ds ? ds->history_path : "";
}

size_t ind_dataset_diagnostic_count(const ind_dataset *ds)
{
    return ds ? ds->ndiags : 0;
}

const ind_diagnostic *ind_dataset_diagnostic(const ind_dataset *ds, size_t i)
{
    return (ds != NULL && i < ds->ndiags) ? &ds->diags[i] : NULL;
}

/* ---- ordering ---- */

/* Sort key: year, then effective date, then file order (61 bits). */
static uint64_t order_key(const ind_dataset *ds, size_t i)
{
    const reading_rec *r = &ds->readings[i];
    long end = ind_as_of_end(ds_str(ds, rd_as_of(ds, r)), r->year) - 19000000L;

    if (end < 0)
        end = 0;
    return ((uint64_t)(r->year - 1900) << 53) | ((uint64_t)end << 32) | i;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return (x > y) - (x < y);
}

/* Sort one series' bucket of reading indices by order_key. Buckets are
 * usually in order already (files are written by year); only the others
 * pay for a key array. Returns IND_OK or IND_ENOMEM. */
static int sort_bucket(const ind_dataset *ds, size_t *idx, size_t n)
{
    uint64_t *keys;
    size_t k;

    for (k = 1; k < n; k++)
        if (order_key(ds, idx[k - 1]) > order_key(ds, idx[k]))
            break;
    if (k >= n)
        return IND_OK;
    keys = malloc(n * sizeof *keys);
    if (keys == NULL)
        return IND_ENOMEM;
    for (k = 0; k < n; k++)
        keys[k] = order_key(ds, idx[k]);
    qsort(keys, n, sizeof *keys, compare_u64);
    for (k = 0; k < n; k++)
        idx[k] = (size_t)(keys[k] & 0xffffffffu);
    free(keys);
    return IND_OK;
}

int ind_dataset_build_order(ind_dataset *ds)
{
    size_t *fill, i, pos = 0;

    free(ds->order);
    ds->order = malloc((ds->nreadings ? ds->nreadings : 1) * sizeof *ds->order);
    fill = calloc(ds->nseries ? ds->nseries : 1, sizeof *fill);
    if (ds->order == NULL || fill == NULL) {
        free(fill);
        return IND_ENOMEM;
    }
    for (i = 0; i < ds->nseries; i++) {
        ds->series[i].first = pos;
        pos += ds->series[i].count;
    }
    /* Bucket by series in one pass (file order within a bucket). */
    for (i = 0; i < ds->nreadings; i++) {
        uint32_t s = ds->readings[i].series;
        ds->order[ds->series[s].first + fill[s]++] = i;
    }
    free(fill);
    for (i = 0; i < ds->nseries; i++)
        if (sort_bucket(ds, ds->order + ds->series[i].first,
                        ds->series[i].count) != IND_OK)
            return IND_ENOMEM;
    ds->order_valid = 1;
    return IND_OK;
}

/* ---- readings and indicators ---- */

size_t ind_dataset_reading_count(const ind_dataset *ds)
{
    return ds ? ds->nreadings : 0;
}

int ind_dataset_reading(const ind_dataset *ds, size_t i, ind_reading *out)
{
    const reading_rec *r;
    const series_rec *s;

    if (ds == NULL || out == NULL || i >= ds->nreadings)
        return IND_EINVAL;
    r = &ds->readings[i];
    s = &ds->series[r->series];
    out->indicator = ds_str(ds, s->indicator);
    out->entity = ds_str(ds, s->entity);
    out->year = r->year;
    out->value = r->value;
    out->unit = ds_str(ds, rd_unit(ds, r));
    out->status = r->status;
    out->as_of = ds_str(ds, rd_as_of(ds, r));
    out->source = ds_str(ds, rd_source(ds, r));
    out->note = ds_str(ds, rd_note(ds, r));
    out->role = (ind_role)r->role;
    out->line = r->state == READING_LOADED ? r->line : 0;
    return IND_OK;
}

size_t ind_dataset_indicator_count(const ind_dataset *ds)
{
    return ds ? ds->nindicators : 0;
}

int ind_dataset_indicator(const ind_dataset *ds, size_t i, ind_indicator *out)
{
    const indicator_rec *r;

    if (ds == NULL || out == NULL || i >= ds->nindicators)
        return IND_EINVAL;
    r = &ds->indicators[i];
    out->id = ds_str(ds, r->id);
    out->title = ds_str(ds, r->title);
    out->unit = ds_str(ds, r->unit);
    out->kind = r->kind;
    out->description = ds_str(ds, r->description);
    out->growth_of = ds_str(ds, r->growth_of);
    out->declared = r->declared;
    return IND_OK;
}

int ind_dataset_find_indicator(ind_dataset *ds, const char *id, size_t *out)
{
    char q[72];
    ind_strid sid;
    uint32_t at;

    if (ds == NULL || id == NULL || out == NULL)
        return IND_EINVAL;
    sid = ind_strpool_find(&ds->pool, id, strlen(id));
    at = sid == IND_STRID_NONE ? UINT32_MAX
                               : ind_index_map_get(&ds->indicator_by_id, sid);
    if (at == UINT32_MAX) {
        ind_text_excerpt(q, sizeof q, id, strlen(id));
        return ind_dataset_fail(ds, IND_ENOTFOUND,
                                "unknown indicator '%s' in %s; list them "
                                "with `indicators list`, or add it with "
                                "`indicators define %s --title T --unit U "
                                "--kind stock|flow|rate`", q, ds->path, q);
    }
    *out = at;
    return IND_OK;
}

/* ---- series ---- */

size_t ind_dataset_series_count(const ind_dataset *ds)
{
    return ds ? ds->nseries : 0;
}

static int ensure_order(ind_dataset *ds)
{
    if (ds->order_valid)
        return IND_OK;
    if (ind_dataset_build_order(ds) != IND_OK)
        return ind_dataset_fail(ds, IND_ENOMEM, "out of memory");
    return IND_OK;
}

int ind_dataset_find_series(ind_dataset *ds, const char *indicator,
                            const char *entity, size_t *out)
{
    char qi[72], qe[44];
    ind_strid ind, ent;
    uint32_t at = UINT32_MAX;

    if (ds == NULL || indicator == NULL || out == NULL)
        return IND_EINVAL;
    if (entity == NULL)
        entity = "";
    ind = ind_strpool_find(&ds->pool, indicator, strlen(indicator));
    ent = ind_strpool_find(&ds->pool, entity, strlen(entity));
    if (ind != IND_STRID_NONE && ent != IND_STRID_NONE)
        at = ind_index_map_get(&ds->series_by_key, ((uint64_t)ind << 32) | ent);
    if (at == UINT32_MAX) {
        ind_text_excerpt(qi, sizeof qi, indicator, strlen(indicator));
        ind_text_excerpt(qe, sizeof qe, entity, strlen(entity));
        return ind_dataset_fail(ds, IND_ENOTFOUND,
                                "no readings of '%s'%s%s%s in %s", qi,
                                *entity ? " (entity '" : "", qe,
                                *entity ? "')" : "", ds->path);
    }
    *out = at;
    return IND_OK;
}

int ind_dataset_series_readings(const ind_dataset *ds, size_t i,
                                const size_t **out, size_t *count)
{
    if (ds == NULL || out == NULL || count == NULL || i >= ds->nseries ||
        ensure_order((ind_dataset *)ds) != IND_OK)
        return IND_EINVAL;
    *out = ds->order + ds->series[i].first;
    *count = ds->series[i].count;
    return IND_OK;
}

/* Length of the run of readings sharing idx[0]'s year. */
static size_t year_run(const ind_dataset *ds, const size_t *idx, size_t n)
{
    size_t k = 1;

    while (k < n && ds->readings[idx[k]].year == ds->readings[idx[0]].year)
        k++;
    return k;
}

/* Live readings (not superseded) in a run. */
static size_t live_count(const ind_dataset *ds, const size_t *idx, size_t n)
{
    size_t k, live = 0;

    for (k = 0; k < n; k++)
        live += ds->readings[idx[k]].state != READING_REPLACED;
    return live;
}

/* Describe a reading for messages: "line 5: 9,790 as of 2019-09-11". */
static void describe(const ind_dataset *ds, size_t i, char *buf, size_t n)
{
    const reading_rec *r = &ds->readings[i];
    char v[IND_NUMBER_HUMAN_BUFSIZE];

    ind_number_format_human(v, sizeof v, r->value, -1);
    if (r->state == READING_LOADED)
        snprintf(buf, n, "line %u: %s%s%s", (unsigned)r->line, v,
                 *ds_str(ds, rd_as_of(ds, r)) ? " as of " : "", ds_str(ds, rd_as_of(ds, r)));
    else
        snprintf(buf, n, "new: %s%s%s", v, *ds_str(ds, rd_as_of(ds, r)) ? " as of " : "",
                 ds_str(ds, rd_as_of(ds, r)));
}

static int conflict_error(ind_dataset *ds, size_t series, const size_t *idx,
                          long first, size_t tie)
{
    const series_rec *s = &ds->series[series];
    const reading_rec *r = &ds->readings[idx[tie]];
    char a[160], b[160];
    size_t k, first_i = 0;

    if (first >= 0) {
        first_i = (size_t)first;
    } else {
        /* Find another tied reading to name: the first live non-alternate. */
        for (k = 0; k < tie; k++) {
            const reading_rec *q = &ds->readings[idx[k]];
            if (q->state != READING_REPLACED && q->role != IND_ROLE_ALTERNATE) {
                first_i = k;
                if (r->role == IND_ROLE_PRIMARY ? q->role == IND_ROLE_PRIMARY : 1)
                    break;
            }
        }
    }
    describe(ds, idx[first_i], a, sizeof a);
    describe(ds, idx[tie], b, sizeof b);
    return ind_dataset_fail(ds, IND_EDATA,
                            "%s: %s %d has conflicting readings (%s; %s) and no "
                            "decision; set role 'primary' on the one to use "
                            "(or 'alternate' on the others), e.g. with "
                            "`indicators append %s %d VALUE --as-of DATE "
                            "--role primary --revise`",
                            ds->path, ds_str(ds, s->indicator), r->year, a, b,
                            ds_str(ds, s->indicator), r->year);
}

int ind_dataset_chosen_reading(ind_dataset *ds, size_t i, int year, size_t *out)
{
    const size_t *idx;
    size_t n, k = 0, run, tie = 0;
    long pick;

    if (ds == NULL || out == NULL || i >= ds->nseries)
        return IND_EINVAL;
    if (ensure_order(ds) != IND_OK)
        return IND_ENOMEM;
    idx = ds->order + ds->series[i].first;
    n = ds->series[i].count;
    while (k < n && ds->readings[idx[k]].year < year)
        k++;
    if (k == n || ds->readings[idx[k]].year != year)
        return ind_dataset_fail(ds, IND_ENOTFOUND, "no reading for %d", year);
    run = year_run(ds, idx + k, n - k);
    pick = ind_choose_reading(ds, idx + k, run, &tie);
    if (pick == -2)
        return conflict_error(ds, i, idx + k, -1, tie);
    if (pick < 0)
        return ind_dataset_fail(ds, IND_ENOTFOUND, "%d has only alternate "
                                "readings", year);
    *out = idx[k + (size_t)pick];
    return IND_OK;
}

/* Flags telling how a year's value was chosen. */
static unsigned choice_flags(const ind_dataset *ds, const size_t *idx,
                             size_t run, size_t pick)
{
    const reading_rec *r = &ds->readings[idx[pick]];
    unsigned flags = 0;
    size_t k;

    if (live_count(ds, idx, run) > 1) {
        flags |= IND_POINT_CHOSEN;
        for (k = 0; k < run; k++)
            if (ds->readings[idx[k]].state != READING_REPLACED &&
                ds->readings[idx[k]].role != IND_ROLE_NONE)
                flags |= IND_POINT_EXPLICIT;
    }
    if (ind_as_of_end(ds_str(ds, rd_as_of(ds, r)), r->year) < (long)r->year * 10000 + 1231)
        flags |= IND_POINT_PARTIAL_YEAR;
    return flags;
}

int ind_dataset_series(ind_dataset *ds, size_t i, ind_series **out)
{
    const series_rec *s;
    const indicator_rec *ind;
    ind_series *series;
    const size_t *idx;
    size_t n, k, run, tie = 0;
    int rc;

    if (ds == NULL || out == NULL || i >= ds->nseries)
        return IND_EINVAL;
    *out = NULL;
    if (ensure_order(ds) != IND_OK)
        return IND_ENOMEM;
    s = &ds->series[i];
    ind = &ds->indicators[s->indicator_index];
    rc = ind_series_new(&series, ds_str(ds, s->indicator), ds_str(ds, s->entity),
                        ds_str(ds, ind->unit), ind->kind);
    if (rc != IND_OK)
        return ind_dataset_fail(ds, rc, "out of memory");
    idx = ds->order + s->first;
    n = s->count;
    for (k = 0; k < n; k += run) {
        long pick;
        const reading_rec *r;
        ind_point p;
        run = year_run(ds, idx + k, n - k);
        pick = ind_choose_reading(ds, idx + k, run, &tie);
        if (pick == -2) {
            ind_series_free(series);
            return conflict_error(ds, i, idx + k, -1, tie);
        }
        if (pick < 0)
            continue;
        r = &ds->readings[idx[k + (size_t)pick]];
        memset(&p, 0, sizeof p);
        p.year = r->year;
        p.value = r->value;
        p.status = r->status;
        p.flags = choice_flags(ds, idx + k, run, (size_t)pick);
        p.as_of = ds_str(ds, rd_as_of(ds, r));
        p.source = ds_str(ds, rd_source(ds, r));
        p.reading = idx[k + (size_t)pick];
        rc = ind_series_add(series, &p, &ds->error);
        if (rc != IND_OK) {
            ind_series_free(series);
            return rc;
        }
    }
    *out = series;
    return IND_OK;
}

int ind_dataset_series_info(const ind_dataset *ds, size_t i,
                            ind_series_info *out)
{
    const series_rec *s;
    const size_t *idx;
    size_t n, k, run, tie;

    if (ds == NULL || out == NULL || i >= ds->nseries ||
        ensure_order((ind_dataset *)ds) != IND_OK)
        return IND_EINVAL;
    s = &ds->series[i];
    memset(out, 0, sizeof *out);
    out->indicator = ds_str(ds, s->indicator);
    out->entity = ds_str(ds, s->entity);
    idx = ds->order + s->first;
    n = s->count;
    for (k = 0; k < n; k += run) {
        run = year_run(ds, idx + k, n - k);
        if (live_count(ds, idx + k, run) == 0)
            continue;
        if (out->years == 0)
            out->first_year = ds->readings[idx[k]].year;
        out->last_year = ds->readings[idx[k]].year;
        out->years++;
        out->readings += live_count(ds, idx + k, run);
        if (ind_choose_reading(ds, idx + k, run, &tie) == -2)
            out->conflicts++;
    }
    return IND_OK;
}
