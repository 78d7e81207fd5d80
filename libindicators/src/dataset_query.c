/* dataset_query: the choice rule's queries on a loaded dataset: the
 * reading used for a year, the series of chosen values, a series' summary,
 * and the message that names an undecided conflict. */
#include "dataset_internal.h"
#include "error_internal.h"
#include "indicators/number.h"
#include "series_internal.h"
#include "text.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Length of the run of readings at the start of v sharing one year. */
static size_t year_run(const ind_dataset *ds, const reading_view *v)
{
    int year = rd_year(ds, rv_at(v, 0));
    size_t k = 1;

    while (k < v->count && rd_year(ds, rv_at(v, k)) == year)
        k++;
    return k;
}

/* Live readings (not superseded) in a run. */
static size_t live_count(const ind_dataset *ds, const reading_view *v)
{
    size_t k, live = 0;

    if (ds->rd.nreplaced == 0)
        return v->count;
    for (k = 0; k < v->count; k++)
        live += !rd_replaced(ds, rv_at(v, k));
    return live;
}

/* Describe a reading for messages: "line 5: 9,790 as of 2019-09-11". */
static void describe(const ind_dataset *ds, size_t i, char *buf, size_t n)
{
    const char *as_of = ds_str(ds, rd_as_of(ds, i));
    char v[IND_NUMBER_HUMAN_BUFSIZE];

    ind_number_format_human(v, sizeof v, rd_value(ds, i), -1, NULL);
    if (rd_state(ds, i) == READING_LOADED)
        snprintf(buf, n, "line %u: %s%s%s", (unsigned)rd_line(ds, i), v,
                 *as_of ? " as of " : "", as_of);
    else
        snprintf(buf, n, "new: %s%s%s", v, *as_of ? " as of " : "", as_of);
}

static int conflict_error(const ind_dataset *ds, size_t series,
                          const reading_view *v, size_t tie, ind_error *err)
{
    const series_rec *s = &ds->series[series];
    size_t r = rv_at(v, tie), k, first_i = 0;
    char a[160], b[160];

    /* Name another tied reading: the first live non-alternate (a primary
     * beside a primary). */
    for (k = 0; k < tie; k++) {
        size_t q = rv_at(v, k);
        if (!rd_replaced(ds, q) && rd_role(ds, q) != IND_ROLE_ALTERNATE) {
            first_i = k;
            if (rd_role(ds, r) == IND_ROLE_PRIMARY
                    ? rd_role(ds, q) == IND_ROLE_PRIMARY : 1)
                break;
        }
    }
    describe(ds, rv_at(v, first_i), a, sizeof a);
    describe(ds, r, b, sizeof b);
    ind_error_set(err, IND_EDATA, "%s: %s %d has conflicting readings (%s; "
                  "%s) and no decision", ds->path,
                  ds_str(ds, s->indicator), rd_year(ds, r), a, b);
    ind_error_about(err, IND_DETAIL_CONFLICT, ds_str(ds, s->indicator),
                    rd_year(ds, r));
    return IND_EDATA;
}

int ind_dataset_chosen_reading(ind_dataset *ds, size_t i, int year,
                               size_t *out, ind_error *err)
{
    reading_view v, run;
    size_t k = 0, tie = 0;
    long pick;
    int rc;

    if (ds == NULL || out == NULL || i >= ds->nseries)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_chosen_reading: "
                             "no series %zu", i);
    rc = ind_dataset_series_view(ds, i, &v, err);
    if (rc != IND_OK)
        return rc;
    while (k < v.count && rd_year(ds, rv_at(&v, k)) < year)
        k++;
    if (k == v.count || rd_year(ds, rv_at(&v, k)) != year)
        return ind_error_set(err, IND_ENOTFOUND, "no reading for %d", year);
    run = rv_sub(&v, k, v.count - k);
    run.count = year_run(ds, &run);
    pick = ind_choose_reading(ds, &run, &tie);
    if (pick == -2)
        return conflict_error(ds, i, &run, tie, err);
    if (pick < 0)
        return ind_error_set(err, IND_ENOTFOUND, "%d has only alternate "
                             "readings", year);
    *out = rv_at(&run, (size_t)pick);
    return IND_OK;
}

/* Flags telling how a year's value was chosen. */
static unsigned choice_flags(const ind_dataset *ds, const reading_view *run,
                             size_t pick)
{
    size_t r = rv_at(run, pick), k;
    unsigned flags = 0;

    if (live_count(ds, run) > 1) {
        flags |= IND_POINT_CHOSEN;
        for (k = 0; k < run->count; k++)
            if (!rd_replaced(ds, rv_at(run, k)) &&
                rd_role(ds, rv_at(run, k)) != IND_ROLE_NONE)
                flags |= IND_POINT_EXPLICIT;
    }
    /* An empty as_of (the pool's id 0) is the year's end: not partial. */
    if (rd_as_of(ds, r) != 0 &&
        ind_as_of_end(ds_str(ds, rd_as_of(ds, r)), rd_year(ds, r)) <
            (long)rd_year(ds, r) * 10000 + 1231)
        flags |= IND_POINT_PARTIAL_YEAR;
    return flags;
}

int ind_dataset_series(ind_dataset *ds, size_t i, ind_series **out,
                       ind_error *err)
{
    const series_rec *s;
    const indicator_rec *ind;
    ind_series *series;
    reading_view v, run;
    size_t k, tie = 0;
    int rc, plain;

    if (ds == NULL || out == NULL || i >= ds->nseries)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_series: no series "
                             "%zu", i);
    *out = NULL;
    rc = ind_dataset_series_view(ds, i, &v, err);
    if (rc != IND_OK)
        return rc;
    s = &ds->series[i];
    ind = &ds->indicators[s->indicator_index];
    rc = ind_series_new(&series, ds_str(ds, s->indicator), ds_str(ds, s->entity),
                        ds_str(ds, ind->unit), ind->kind, err);
    if (rc != IND_OK)
        return rc;
    if (ind_series_reserve(series, v.count) != IND_OK) {
        ind_series_free(series);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    plain = ds->rd.nmarks == 0 && ds->rd.nreplaced == 0;
    /* The view is in year order and each year gives one point at most:
     * every point goes after the last, room reserved above. */
    for (k = 0; k < v.count; k += run.count) {
        size_t r;
        long pick;
        ind_point p;
        run = rv_sub(&v, k, v.count - k);
        run.count = year_run(ds, &run);
        /* A panel's case, decided without the rules: one reading, no
         * role, status or replaced reading in the dataset. */
        pick = run.count == 1 && plain ? 0
                                       : ind_choose_reading(ds, &run, &tie);
        if (pick == -2) {
            ind_series_free(series);
            return conflict_error(ds, i, &run, tie, err);
        }
        if (pick < 0)
            continue;
        r = rv_at(&run, (size_t)pick);
        memset(&p, 0, sizeof p);
        p.year = rd_year(ds, r);
        p.value = rd_value(ds, r);
        p.status = plain ? 0 : rd_status(ds, r);
        p.flags = choice_flags(ds, &run, (size_t)pick);
        p.as_of = ds_str(ds, rd_as_of(ds, r));
        p.source = ds_str(ds, rd_source(ds, r));
        p.reading = r;
        rc = isfinite(p.value) ? ind_series_append(series, &p)
                               : ind_series_add(series, &p, err);
        if (rc == IND_ENOMEM)
            rc = ind_error_set(err, IND_ENOMEM, "out of memory");
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
    reading_view v, run;
    size_t k, tie;
    int rc;

    if (ds == NULL || out == NULL || i >= ds->nseries)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_series_info: no "
                             "series %zu", i);
    rc = ind_dataset_series_view(ds, i, &v, err);
    if (rc != IND_OK)
        return rc;
    s = &ds->series[i];
    memset(out, 0, sizeof *out);
    out->indicator = ds_str(ds, s->indicator);
    out->entity = ds_str(ds, s->entity);
    for (k = 0; k < v.count; k += run.count) {
        size_t live;
        run = rv_sub(&v, k, v.count - k);
        run.count = year_run(ds, &run);
        live = live_count(ds, &run);
        if (live == 0)
            continue;
        if (out->years == 0)
            out->first_year = rd_year(ds, rv_at(&run, 0));
        out->last_year = rd_year(ds, rv_at(&run, 0));
        out->years++;
        out->readings += live;
        if (ind_choose_reading(ds, &run, &tie) == -2)
            out->conflicts++;
    }
    return IND_OK;
}
