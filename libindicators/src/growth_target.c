/* growth_target: CAGR between two years, and what reaching a target
 * takes compared with the pace so far. */
#include "growth_internal.h"
#include "error_internal.h"

#include <math.h>

/* Years further than this are "too far": no int overflow, no silly years. */
#define TARGET_HORIZON 10000.0
/* Relative distance to the target that counts as reaching it. */
#define TARGET_REACHED 1e-9

static int refuse_rate(const ind_series *s, const char *what, ind_error *err)
{
    char name[180];

    ind_growth_name(name, sizeof name, s);
    return ind_error_set(err, IND_EDOMAIN,
                         "%s: no %s for a rate: %s", name, what,
                         ind_growth_why_text(IND_GROWTH_RATE));
}

int ind_growth_cagr(double *out_pct, const ind_series *s, int from, int to,
                    ind_error *err)
{
    const int *years;
    const double *values;
    size_t i0, i1;
    ind_growth_why why;
    char name[180];
    int rc;

    if (out_pct == NULL || s == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_growth_cagr: NULL argument");
    *out_pct = NAN;
    if (ind_series_kind(s) == IND_KIND_RATE)
        return refuse_rate(s, "CAGR", err);
    rc = ind_growth_span(&i0, &i1, s, from, to, err);
    if (rc != IND_OK)
        return rc;
    years = ind_series_years(s);
    values = ind_series_values(s);
    why = ind_growth_cagr_values(out_pct, values[i0], values[i1],
                                 years[i1] - years[i0]);
    if (why == IND_GROWTH_DEFINED)
        return IND_OK;
    ind_growth_name(name, sizeof name, s);
    return ind_error_set(err, IND_EDOMAIN, "%s: CAGR from %d to %d: %s",
                         name, years[i0], years[i1], ind_growth_why_text(why));
}

/* latest * (1 + g)^n, written so that it stays precise for small g. */
static double compound(double latest, double g, double n)
{
    if (g <= -1.0)
        return 0.0;
    return latest * exp(n * log1p(g));
}

/* First whole number of years after which the pace reaches the target. */
static ind_growth_why years_to_reach(double *out, double latest,
                                     double target, double g)
{
    double ratio = target / latest, n, c;
    int dir = ratio > 1.0 ? 1 : -1;

    *out = NAN;
    if (fabs(ratio - 1.0) <= TARGET_REACHED) {
        *out = 0.0;
        return IND_GROWTH_DEFINED;
    }
    if (g == 0.0 || (g > 0.0 ? 1 : -1) != dir)
        return IND_GROWTH_NEVER;
    if (g <= -1.0) {
        *out = 1.0;
        return IND_GROWTH_DEFINED;
    }
    n = log(ratio) / log1p(g);
    if (!(n <= TARGET_HORIZON))
        return IND_GROWTH_TOO_FAR;
    c = ceil(n);
    if (c > 1.0 &&
        fabs(compound(latest, g, c - 1.0) / target - 1.0) <= TARGET_REACHED)
        c -= 1.0;
    *out = c < 1.0 ? 1.0 : c;
    return IND_GROWTH_DEFINED;
}

static int target_check(const ind_series *s, double target, int by,
                        int latest_year, double latest, ind_error *err)
{
    char name[180];

    ind_growth_name(name, sizeof name, s);
    if (by <= latest_year)
        return ind_error_set(err, IND_EINVAL,
                             "%s: the target year %d is not after the "
                             "latest figure (%d)", name, by, latest_year);
    if (!(target > 0.0))
        return ind_error_set(err, IND_EDOMAIN,
                             "%s: a target must be above zero for a "
                             "compound growth rate", name);
    if (!(latest > 0.0))
        return ind_error_set(err, IND_EDOMAIN,
                             "%s: the latest figure (%d) is not above zero: "
                             "no compound growth rate starts from it",
                             name, latest_year);
    return IND_OK;
}

/* The pace so far and where it leads. */
static void target_pace(ind_growth_target_result *r, const ind_series *s,
                        size_t i0, size_t i1)
{
    const int *years = ind_series_years(s);
    const double *values = ind_series_values(s);
    double g, n;

    r->pace_from = years[i0];
    r->pace_to = years[i1];
    r->pace_why = ind_growth_cagr_values(&r->pace_cagr_pct, values[i0],
                                         values[i1], years[i1] - years[i0]);
    r->value_at_by = NAN;
    r->reaches = -1;
    r->reach_year = IND_GROWTH_NO_YEAR;
    r->reach_why = r->pace_why;
    if (r->pace_why != IND_GROWTH_DEFINED)
        return;
    g = r->pace_cagr_pct / 100.0;
    r->value_at_by = compound(r->latest_value, g, r->by - r->latest_year);
    if (!isfinite(r->value_at_by))
        r->value_at_by = NAN; /* beyond a double; reach_year still says */
    r->reach_why = years_to_reach(&n, r->latest_value, r->target, g);
    r->reaches = 0;
    if (r->reach_why != IND_GROWTH_DEFINED)
        return;
    r->reach_year = r->latest_year + (int)n;
    r->reaches = r->reach_year <= r->by;
}

/* A target the series has already reached, coming from the side where the
 * pace's span starts, is met whatever the pace: reaches = 1 and
 * reach_year = the first year of the latest unbroken stretch of points at
 * or past it. */
static void target_met(ind_growth_target_result *r, const ind_series *s,
                       size_t i0)
{
    const int *years = ind_series_years(s);
    const double *values = ind_series_values(s);
    size_t i = ind_series_length(s) - 1;
    int up = values[i0] < r->target
             || (values[i0] == r->target && r->latest_value >= values[i0]);

#define PAST(v) (up ? (v) >= r->target : (v) <= r->target)
    if (!PAST(r->latest_value))
        return;
    while (i > i0 && PAST(values[i - 1]))
        i--;
#undef PAST
    r->reaches = 1;
    r->reach_year = years[i];
    r->reach_why = IND_GROWTH_DEFINED;
}

int ind_growth_target(ind_growth_target_result *out, const ind_series *s,
                      double target, int by, const ind_growth_options *opts,
                      ind_error *err)
{
    static const ind_growth_options defaults = IND_GROWTH_OPTIONS_INIT;
    size_t n, i0, i1;
    int rc;

    if (out == NULL || s == NULL || !isfinite(target))
        return ind_error_set(err, IND_EINVAL, "ind_growth_target: %s",
                             isfinite(target) ? "NULL argument"
                                              : "the target is not a number");
    if (opts == NULL)
        opts = &defaults;
    if (opts->version != IND_GROWTH_OPTIONS_VERSION)
        return ind_error_set(err, IND_EINVAL, "growth options version %u, "
                             "expected %u", opts->version,
                             IND_GROWTH_OPTIONS_VERSION);
    if (ind_series_kind(s) == IND_KIND_RATE)
        return refuse_rate(s, "target growth", err);
    rc = ind_growth_span(&i0, &i1, s, opts->from, opts->to, err);
    if (rc != IND_OK)
        return rc;
    n = ind_series_length(s);
    out->latest_year = ind_series_years(s)[n - 1];
    out->latest_value = ind_series_values(s)[n - 1];
    out->target = target;
    out->by = by;
    rc = target_check(s, target, by, out->latest_year, out->latest_value,
                      err);
    if (rc != IND_OK)
        return rc;
    if (ind_growth_cagr_values(&out->required_cagr_pct, out->latest_value,
                               target, by - out->latest_year) !=
        IND_GROWTH_DEFINED)
        return ind_error_set(err, IND_EDOMAIN,
                             "the growth needed to reach the target is too "
                             "large to compute");
    target_pace(out, s, i0, i1);
    target_met(out, s, i0);
    return IND_OK;
}
