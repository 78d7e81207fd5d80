/* dataset_query: the choice rule's queries on a loaded dataset: the
 * reading used for a year, the series of chosen values, a series' summary,
 * and the message that names an undecided conflict. */
#include "dataset_internal.h"
#include "error_internal.h"
#include "indicators/number.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

    ind_number_format_human(v, sizeof v, r->value, -1, NULL);
    if (r->state == READING_LOADED)
        snprintf(buf, n, "line %u: %s%s%s", (unsigned)r->line, v,
                 *ds_str(ds, rd_as_of(ds, r)) ? " as of " : "", ds_str(ds, rd_as_of(ds, r)));
    else
        snprintf(buf, n, "new: %s%s%s", v, *ds_str(ds, rd_as_of(ds, r)) ? " as of " : "",
                 ds_str(ds, rd_as_of(ds, r)));
}

static int conflict_error(const ind_dataset *ds, size_t series,
                          const size_t *idx, long first, size_t tie,
                          ind_error *err)
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
    ind_error_set(err, IND_EDATA, "%s: %s %d has conflicting readings (%s; "
                  "%s) and no decision", ds->path,
                  ds_str(ds, s->indicator), r->year, a, b);
    ind_error_about(err, IND_DETAIL_CONFLICT, ds_str(ds, s->indicator),
                    r->year);
    return IND_EDATA;
}

int ind_dataset_chosen_reading(ind_dataset *ds, size_t i, int year,
                               size_t *out, ind_error *err)
{
    const size_t *idx;
    size_t n, k = 0, run, tie = 0;
    long pick;
    int rc;

    if (ds == NULL || out == NULL || i >= ds->nseries)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_chosen_reading: "
                             "no series %zu", i);
    rc = ind_dataset_ensure_order(ds, err);
    if (rc != IND_OK)
        return rc;
    idx = ds->order + ds->series[i].first;
    n = ds->series[i].count;
    while (k < n && ds->readings[idx[k]].year < year)
        k++;
    if (k == n || ds->readings[idx[k]].year != year)
        return ind_error_set(err, IND_ENOTFOUND, "no reading for %d", year);
    run = year_run(ds, idx + k, n - k);
    pick = ind_choose_reading(ds, idx + k, run, &tie);
    if (pick == -2)
        return conflict_error(ds, i, idx + k, -1, tie, err);
    if (pick < 0)
        return ind_error_set(err, IND_ENOTFOUND, "%d has only alternate "
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

int ind_dataset_series(ind_dataset *ds, size_t i, ind_series **out,
                       ind_error *err)
{
    const series_rec *s;
    const indicator_rec *ind;
    ind_series *series;
    const size_t *idx;
    size_t n, k, run, tie = 0;
    int rc;

    if (ds == NULL || out == NULL || i >= ds->nseries)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_series: no series "
                             "%zu", i);
    *out = NULL;
    rc = ind_dataset_ensure_order(ds, err);
    if (rc != IND_OK)
        return rc;
    s = &ds->series[i];
    ind = &ds->indicators[s->indicator_index];
    rc = ind_series_new(&series, ds_str(ds, s->indicator), ds_str(ds, s->entity),
                        ds_str(ds, ind->unit), ind->kind, err);
    if (rc != IND_OK)
        return rc;
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
            return conflict_error(ds, i, idx + k, -1, tie, err);
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
        rc = ind_series_add(series, &p, err);
        if (rc != IND_OK) {
            ind_series_free(series);
            return rc;
        }
    }
    *out = series;
    return IND_OK;
}

int ind_dataset_series_info(const ind_dataset *ds, size_t i,
                            ind_series_info *out, ind_error *err)
{
    const series_rec *s;
    const size_t *idx;
    size_t n, k, run, tie;
    int rc;

    if (ds == NULL || out == NULL || i >= ds->nseries)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_series_info: no "
                             "series %zu", i);
    rc = ind_dataset_ensure_order(ds, err);
    if (rc != IND_OK)
        return rc;
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
