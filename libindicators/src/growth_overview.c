/* growth_overview: one summary row per series, for `growth --all`.
 * Linear in the points and free of allocation, for panels of 100,000
 * series. */
#include "growth_internal.h"
#include "error_internal.h"

#include <math.h>

static void overview_empty(ind_growth_overview_row *r, const ind_series *s)
{
    r->indicator = ind_series_indicator(s);
    r->entity = ind_series_entity(s);
    r->kind = ind_series_kind(s);
    r->points = 0;
    r->first_year = IND_GROWTH_NO_YEAR;
    r->last_year = IND_GROWTH_NO_YEAR;
    r->missing_years = 0;
    r->first_value = NAN;
    r->latest_value = NAN;
    r->latest_status = 0;
    r->latest_flags = 0;
    r->prev_year = IND_GROWTH_NO_YEAR;
    r->yoy_pct = NAN;
    r->yoy_why = IND_GROWTH_NO_PREVIOUS;
    r->cagr_pct = NAN;
    r->cagr_why = IND_GROWTH_SINGLE_YEAR;
}

int ind_growth_overview(ind_growth_overview_row *out, const ind_series *s,
                        ind_error *err)
{
    const ind_point *last;
    const double *values;
    const int *years;
    size_t n;
    char name[180];

    if (out == NULL || s == NULL)
        return ind_error_set(err, IND_EINVAL,
                             "ind_growth_overview: NULL argument");
    overview_empty(out, s);
    n = ind_series_length(s);
    if (n == 0) {
        ind_growth_name(name, sizeof name, s);
        return ind_error_set(err, IND_EDOMAIN, "%s has no values", name);
    }
    years = ind_series_years(s);
    values = ind_series_values(s);
    last = ind_series_point(s, n - 1);
    out->points = n;
    out->first_year = years[0];
    out->last_year = years[n - 1];
    out->missing_years = years[n - 1] - years[0] + 1 - (int)n;
    out->first_value = values[0];
    out->latest_value = values[n - 1];
    out->latest_status = last->status;
    out->latest_flags = last->flags;
    if (out->kind == IND_KIND_RATE) {
        out->yoy_why = IND_GROWTH_RATE;
        out->cagr_why = IND_GROWTH_RATE;
        out->prev_year = n > 1 ? years[n - 2] : IND_GROWTH_NO_YEAR;
        return IND_OK;
    }
    out->cagr_why = ind_growth_cagr_values(&out->cagr_pct, values[0],
                                           values[n - 1],
                                           years[n - 1] - years[0]);
    if (n > 1) {
        out->prev_year = years[n - 2];
        out->yoy_why = ind_growth_pct_change(&out->yoy_pct, values[n - 2],
                                             values[n - 1],
                                             years[n - 1] - years[n - 2]);
    }
    return IND_OK;
}
