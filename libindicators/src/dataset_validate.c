/* dataset_validate: the rules that span rows: duplicates, conflicts,
 * units against the catalog, catalog consistency, and whether the last
 * history entry reached the observations. Linear in the rows. */
#include "dataset_internal.h"
#include "error_internal.h"
#include "indicators/number.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* Column (1-based) of a known observations column, 0 if absent. */
static unsigned column_of(const ind_dataset *ds, size_t k)
{
    return ds->col[k] == NO_COLUMN ? 0 : (unsigned)ds->col[k] + 1;
}

static void reading_text(const ind_dataset *ds, size_t r, char *buf,
                         size_t n)
{
    const char *as_of = ds_str(ds, rd_as_of(ds, r));
    char v[IND_NUMBER_HUMAN_BUFSIZE];

    ind_number_format_human(v, sizeof v, rd_value(ds, r), -1, NULL);
    snprintf(buf, n, "%s%s%s (line %u)", v, *as_of ? " as of " : "", as_of,
             (unsigned)rd_line(ds, r));
}

/* How far back a reading is compared for an exact duplicate: readings
 * with one key sit together in the order, so a short look suffices and
 * the check stays linear on any file. */
#define DUPLICATE_LOOKBACK 64

/* Two live readings with the same key (year, as_of). */
static int same_key(const ind_dataset *ds, size_t a, size_t b)
{
    return rd_year(ds, a) == rd_year(ds, b) &&
           rd_as_of(ds, a) == rd_as_of(ds, b);
}

/* Two readings say the same: figure, source, note and role. */
static int same_reading(const ind_dataset *ds, size_t a, size_t b)
{
    return rd_value(ds, a) == rd_value(ds, b) &&
           rd_source(ds, a) == rd_source(ds, b) &&
           rd_note(ds, a) == rd_note(ds, b) && rd_role(ds, a) == rd_role(ds, b);
}

/* Duplicates and conflicts within one year's readings, the view run. */
static void check_year(ind_dataset *ds, const series_rec *s,
                       const reading_view *run)
{
    const char *id = ds_str(ds, s->indicator);
    char a[160], b[160];
    size_t i, j, tie = 0, duplicates = 0;
    long pick;

    for (i = 1; i < run->count; i++) {
        size_t r = rv_at(run, i);
        if (rd_replaced(ds, r))
            continue;
        for (j = i; j-- > 0 && i - j <= DUPLICATE_LOOKBACK;) {
            size_t q = rv_at(run, j);
            if (rd_replaced(ds, q) || !same_key(ds, q, r))
                continue;
            if (same_reading(ds, q, r)) {
                ind_dataset_diag(ds, IND_SEVERITY_ERROR, ds->path,
                                 rd_line(ds, r), column_of(ds, COL_VALUE),
                                 "duplicate of line %u (%s %d)",
                                 (unsigned)rd_line(ds, q), id, rd_year(ds, r));
                duplicates++;
                break;
            }
        }
    }
    pick = ind_choose_reading(ds, run, &tie);
    /* A tie between copies of one row is the duplicate, said once. */
    if (pick != -2 || duplicates > 0)
        return;
    {
        size_t r = rv_at(run, tie), q = r;
        int year = rd_year(ds, r);
        for (j = 0; j < tie; j++) {
            size_t c = rv_at(run, j);
            if (!rd_replaced(ds, c) && rd_role(ds, c) != IND_ROLE_ALTERNATE &&
                (rd_role(ds, r) != IND_ROLE_PRIMARY ||
                 rd_role(ds, c) == IND_ROLE_PRIMARY))
                q = c;
        }
        reading_text(ds, q, a, sizeof a);
        reading_text(ds, r, b, sizeof b);
        if (rd_role(ds, r) == IND_ROLE_PRIMARY)
            ind_dataset_diag(ds, IND_SEVERITY_ERROR, ds->path, rd_line(ds, r),
                             column_of(ds, COL_ROLE),
                             "%s %d has two readings marked primary: %s and %s; "
                             "keep one", id, year, a, b);
        else if (ind_dataset_diag(ds, IND_SEVERITY_ERROR, ds->path,
                                  rd_line(ds, r), column_of(ds, COL_VALUE),
                                  "conflict: %s %d has readings that tie "
                                  "under the choice rule: %s and %s; mark "
                                  "the one to use with role 'primary' (or "
                                  "the others 'alternate')",
                                  id, year, a, b) == 0)
            ind_dataset_diag_about(ds, IND_DETAIL_CONFLICT, id);
    }
}

/* Unit against the catalog, and dates long after the year. */
static void check_reading(ind_dataset *ds, size_t r)
{
    const series_rec *s = &ds->series[rd_series(ds, r)];
    const indicator_rec *ind = &ds->indicators[s->indicator_index];
    const char *unit = ds_str(ds, rd_unit(ds, r)), *cat_unit = ds_str(ds, ind->unit);
    int year = rd_year(ds, r);
    long end = ind_as_of_end(ds_str(ds, rd_as_of(ds, r)), year);

    if (ind->declared && *unit && *cat_unit && rd_unit(ds, r) != ind->unit)
        ind_dataset_diag(ds, IND_SEVERITY_ERROR, ds->path, rd_line(ds, r),
                         column_of(ds, COL_UNIT),
                         "unit '%s' contradicts the catalog's '%s' for %s",
                         unit, cat_unit, ds_str(ds, s->indicator));
    else if (ind->kind == IND_KIND_RATE && *unit && strcmp(unit, "percent") != 0)
        ind_dataset_diag(ds, IND_SEVERITY_ERROR, ds->path, rd_line(ds, r),
                         column_of(ds, COL_UNIT),
                         "unit '%s': %s is a rate, its unit is 'percent'",
                         unit, ds_str(ds, s->indicator));
    if (end / 10000 > year + 1)
        ind_dataset_diag(ds, IND_SEVERITY_WARNING, ds->path, rd_line(ds, r),
                         column_of(ds, COL_AS_OF),
                         "as_of '%s' is more than a year after %d",
                         ds_str(ds, rd_as_of(ds, r)), year);
}

static void check_catalog(ind_dataset *ds)
{
    size_t i;
    unsigned unit_col = ds->cat_col[CAT_UNIT] == NO_COLUMN ? 0
                        : (unsigned)ds->cat_col[CAT_UNIT] + 1;
    unsigned kind_col = ds->cat_col[CAT_KIND] == NO_COLUMN ? 0
                        : (unsigned)ds->cat_col[CAT_KIND] + 1;
    unsigned growth_col = ds->cat_col[CAT_GROWTH_OF] == NO_COLUMN ? 0
                          : (unsigned)ds->cat_col[CAT_GROWTH_OF] + 1;

    for (i = 0; i < ds->nindicators; i++) {
        const indicator_rec *ind = &ds->indicators[i];
        const char *id = ds_str(ds, ind->id);
        if (!ind->declared)
            continue;
        if (ind->kind == IND_KIND_UNSPECIFIED)
            ind_dataset_diag(ds, IND_SEVERITY_WARNING, ds->catalog_path,
                             ind->line, kind_col, "%s has no kind (stock, "
                             "flow or rate): growth treats it as a level", id);
        if (ind->kind == IND_KIND_RATE &&
            strcmp(ds_str(ds, ind->unit), "percent") != 0)
            ind_dataset_diag(ds, IND_SEVERITY_ERROR, ds->catalog_path,
                             ind->line, unit_col, "%s is a rate: its unit must "
                             "be 'percent', not '%s'", id, ds_str(ds, ind->unit));
        if (ind->growth_of != 0) {
            uint32_t target = ind_index_map_get(&ds->indicator_by_id,
                                                ind->growth_of);
            if (ind->kind != IND_KIND_RATE)
                ind_dataset_diag(ds, IND_SEVERITY_ERROR, ds->catalog_path,
                                 ind->line, growth_col, "%s has growth_of but "
                                 "is not a rate", id);
            else if (target == UINT32_MAX || !ds->indicators[target].declared ||
                     ds->indicators[target].kind != IND_KIND_STOCK)
                ind_dataset_diag(ds, IND_SEVERITY_ERROR, ds->catalog_path,
                                 ind->line, growth_col, "growth_of '%s' is not "
                                 "a stock indicator of the catalog",
                                 ds_str(ds, ind->growth_of));
        }
    }
}

/* Observations of indicators the catalog does not declare. */
static void check_undeclared(ind_dataset *ds)
{
    size_t i;

    if (!ds->catalog_exists)
        return;
    for (i = 0; i < ds->nseries; i++) {
        const series_rec *s = &ds->series[i];
        reading_view v;
        uint32_t first;
        size_t k;
        if (ds->indicators[s->indicator_index].declared || s->count == 0 ||
            ind_dataset_series_view(ds, i, &v, NULL) != IND_OK)
            continue;
        /* Name the earliest line of the series in the file. */
        first = rd_line(ds, rv_at(&v, 0));
        for (k = 1; k < v.count; k++)
            if (rd_line(ds, rv_at(&v, k)) < first)
                first = rd_line(ds, rv_at(&v, k));
        if (ind_dataset_diag(ds, IND_SEVERITY_ERROR, ds->path, first,
                             column_of(ds, COL_INDICATOR),
                             "indicator '%s' is not in the catalog %s",
                             ds_str(ds, s->indicator), ds->catalog_path) == 0)
            ind_dataset_diag_about(ds, IND_DETAIL_UNDECLARED,
                                   ds_str(ds, s->indicator));
    }
}

static int ignore_entry(void *ctx, const ind_change *change)
{
    (void)ctx;
    (void)change;
    return IND_OK;
}

/* The history must be readable (a change is refused otherwise), and its
 * last entry should have reached the observations. */
static void check_history(ind_dataset *ds)
{
    unsigned long line;
    ind_error read_error = IND_ERROR_INIT;

    if (ind_dataset_history(ds, ignore_entry, NULL, &read_error) != IND_OK)
        ind_dataset_diag_from_reader(ds, ds->history_path, &read_error);
    else if (ind_dataset_history_pending(ds, &line) &&
             ind_dataset_diag(ds, IND_SEVERITY_WARNING, ds->history_path,
                              line, 0, "the last entry records a change that "
                              "the observations do not hold: a write was "
                              "interrupted; repeat the change") == 0)
        ind_dataset_diag_about(ds, IND_DETAIL_HISTORY_PENDING, NULL);
}

int ind_dataset_validate(ind_dataset *ds, ind_error *err)
{
    size_t i, k;
    int rc;

    if (ds == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_validate: NULL "
                             "dataset");
    /* Rules across rows mean nothing on rows that did not load: the
     * loading diagnostics stand. */
    if (ds->load_rc != IND_OK)
        return ind_dataset_not_loaded(ds, err);
    rc = ind_dataset_ensure_order(ds, err);
    if (rc != IND_OK)
        return rc;
    check_catalog(ds);
    check_undeclared(ds);
    for (i = 0; i < ds->nseries; i++) {
        reading_view v, run;
        ind_dataset_series_view(ds, i, &v, NULL);
        for (k = 0; k < v.count; k += run.count) {
            int year = rd_year(ds, rv_at(&v, k));
            run = rv_sub(&v, k, 1);
            while (k + run.count < v.count &&
                   rd_year(ds, rv_at(&v, k + run.count)) == year)
                run.count++;
            if (run.count > 1)
                check_year(ds, &ds->series[i], &run);
        }
    }
    for (i = 0; i < ds->nreadings; i++)
        if (!rd_replaced(ds, i))
            check_reading(ds, i);
    ind_dataset_check_spans(ds);
    check_history(ds);
    ind_dataset_check_history_against_file(ds);
    return ds->nerrors > 0 ? ind_dataset_first_error(ds, IND_EDATA, err)
                           : IND_OK;
}
