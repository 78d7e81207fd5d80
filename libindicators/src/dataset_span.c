/* dataset_span: the years a series may be expected to hold. A reading's
 * year may be anything from -9999 to 9999 (long-run series reach back
 * thousands of years), so a typo such as 20019 for 2019 is refused while
 * loading, and the more plausible slips are warnings of
 * ind_dataset_validate(): a year outside the span the catalog declares for
 * the indicator (column `years`, "1543..2021"), or, without one, outside
 * 1800-2100 or far from the rest of its series. */
#include "dataset_internal.h"
#include "indicators/number.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Without a declared span: the years most yearly indicators have. */
#define USUAL_FIRST 1800
#define USUAL_LAST 2100

/* A first or last year this far from the next one, and this many times the
 * widest gap among the others, is taken for a slip. */
#define FAR_YEARS 20
#define FAR_TIMES 5

static int span_side(const char *s, size_t len, int open, int *out, char *why,
                     size_t n)
{
    ind_error err;

    if (len == 0) {
        *out = open;
        return IND_OK;
    }
    /* A bound may lie beyond the years a reading can have (a source
     * whose span starts in 10000 BCE). */
    if (ind_number_parse_year(out, s, len, &err) != IND_OK) {
        snprintf(why, n, "years '%.*s': a span is FROM..TO, two whole "
                 "years (either may be left out: 1800..)",
                 (int)(len > 40 ? 40 : len), s);
        return IND_EPARSE;
    }
    return IND_OK;
}

int ind_check_span(const char *s, size_t len, int *from, int *to, char *why,
                   size_t n)
{
    const char *dots = NULL;
    size_t i;

    for (i = 0; i + 1 < len && dots == NULL; i++)
        if (s[i] == '.' && s[i + 1] == '.')
            dots = s + i;
    if (dots == NULL || len == 2) {
        snprintf(why, n, "years '%.*s' is not a span FROM..TO (as 1543..2021)",
                 (int)(len > 40 ? 40 : len), s);
        return IND_EPARSE;
    }
    if (span_side(s, (size_t)(dots - s), INT_MIN, from, why, n) != IND_OK ||
        span_side(dots + 2, len - (size_t)(dots - s) - 2, INT_MAX, to, why, n)
            != IND_OK)
        return IND_EPARSE;
    if (*from > *to) {
        snprintf(why, n, "years '%.*s': the span ends before it starts",
                 (int)(len > 40 ? 40 : len), s);
        return IND_EPARSE;
    }
    return IND_OK;
}

static unsigned year_column(const ind_dataset *ds)
{
    return ds->col[COL_YEAR] == NO_COLUMN ? 0 : (unsigned)ds->col[COL_YEAR] + 1;
}

/* Live readings of the series outside [from, to]: one warning for all,
 * at the first of them. */
static void check_outside(ind_dataset *ds, const series_rec *s,
                          const reading_view *v, int from, int to,
                          const char *declared)
{
    const char *id = ds_str(ds, s->indicator);
    size_t k, first = 0, outside = 0;
    int lo = 0, hi = 0, first_year = 0, last_year = 0, any = 0;

    for (k = 0; k < v->count; k++) {
        size_t r = rv_at(v, k);
        int year = rd_year(ds, r);
        if (rd_replaced(ds, r))
            continue;
        if (!any || year < first_year)
            first_year = year;
        if (!any || year > last_year)
            last_year = year;
        any = 1;
        if (year >= from && year <= to)
            continue;
        if (outside == 0 || rd_line(ds, r) < rd_line(ds, first))
            first = r;
        if (outside == 0 || year < lo)
            lo = year;
        if (outside == 0 || year > hi)
            hi = year;
        outside++;
    }
    if (outside == 0)
        return;
    if (declared != NULL)
        ind_dataset_diag(ds, IND_SEVERITY_WARNING, ds->path,
                         rd_line(ds, first), year_column(ds), "year %d of %s "
                         "is outside the span %s the catalog declares (%zu "
                         "reading%s from %d to %d)", rd_year(ds, first), id,
                         declared, outside, outside == 1 ? "" : "s", lo, hi);
    else
        ind_dataset_diag(ds, IND_SEVERITY_WARNING, ds->path,
                         rd_line(ds, first), year_column(ds), "year %d of %s "
                         "is outside %d-%d "
                         "(%zu reading%s from %d to %d): a slip, or a long "
                         "series whose span the catalog should declare "
                         "(column years, as %d..%d)", rd_year(ds, first), id,
                         USUAL_FIRST, USUAL_LAST, outside,
                         outside == 1 ? "" : "s", lo, hi, first_year,
                         last_year);
    ind_dataset_diag_about(ds, IND_DETAIL_NONE, id);
}

/* A first or last year far from the rest of the series (2204 among
 * 2010-2024): years[0..n) are its distinct years, ascending, and lines
 * the line of a reading of each. */
static void check_far(ind_dataset *ds, const series_rec *s, const int *years,
                      const uint32_t *lines, size_t n)
{
    const char *id = ds_str(ds, s->indicator);
    int widest = 1, head, tail;
    size_t k;

    if (n < 3)
        return;
    for (k = 2; k + 1 < n; k++)
        if (years[k] - years[k - 1] > widest)
            widest = years[k] - years[k - 1];
    head = years[1] - years[0];
    tail = years[n - 1] - years[n - 2];
    /* A year outside 1800-2100 has had its warning. */
    if (head > FAR_YEARS && head > FAR_TIMES * widest &&
        years[0] >= USUAL_FIRST)
        ind_dataset_diag(ds, IND_SEVERITY_WARNING, ds->path, lines[0],
                         year_column(ds), "year %d of %s is %d years before "
                         "the rest of the series (from %d): a slip?",
                         years[0], id, head, years[1]);
    if (tail > FAR_YEARS && tail > FAR_TIMES * widest &&
        years[n - 1] <= USUAL_LAST)
        ind_dataset_diag(ds, IND_SEVERITY_WARNING, ds->path, lines[n - 1],
                         year_column(ds), "year %d of %s is %d years after "
                         "the rest of the series (to %d): a slip?",
                         years[n - 1], id, tail, years[n - 2]);
}

/* The distinct years of the series' live readings into years[] (room for
 * s->count), with a line of each. Returns how many. */
static size_t distinct_years(const ind_dataset *ds, const reading_view *v,
                             int *years, uint32_t *lines)
{
    size_t k, n = 0;

    for (k = 0; k < v->count; k++) {
        size_t r = rv_at(v, k);
        if (rd_replaced(ds, r))
            continue;
        if (n > 0 && years[n - 1] == rd_year(ds, r))
            continue;
        years[n] = rd_year(ds, r);
        lines[n++] = rd_line(ds, r);
    }
    return n;
}

void ind_dataset_check_spans(ind_dataset *ds)
{
    int *years = NULL;
    uint32_t *lines = NULL;
    size_t i, cap = 0, lines_cap = 0;

    for (i = 0; i < ds->nseries; i++) {
        const series_rec *s = &ds->series[i];
        const indicator_rec *ind = &ds->indicators[s->indicator_index];
        int from, to;
        char why[128];
        const char *span = ds_str(ds, ind->years);
        reading_view v;

        if (ind_dataset_series_view(ds, i, &v, NULL) != IND_OK)
            break; /* out of memory: a warning less */
        if (ind->years != 0 &&
            ind_check_span(span, strlen(span), &from, &to, why, sizeof why)
                == IND_OK) {
            check_outside(ds, s, &v, from, to, span);
            continue;
        }
        check_outside(ds, s, &v, USUAL_FIRST, USUAL_LAST, NULL);
        if (IND_ARRAY_RESERVE(years, cap, s->count) != 0 ||
            IND_ARRAY_RESERVE(lines, lines_cap, s->count) != 0)
            break; /* out of memory: a warning less */
        check_far(ds, s, years, lines, distinct_years(ds, &v, years, lines));
    }
    free(years);
    free(lines);
}
