/* growth: reasons for undefined figures and the arithmetic every growth
 * figure shares. */
#include "growth_internal.h"
#include "error_internal.h"
#include "indicators/number.h"

#include <math.h>
#include <stdio.h>

const char *ind_growth_why_text(ind_growth_why why)
{
    switch (why) {
    case IND_GROWTH_DEFINED: return "defined";
    case IND_GROWTH_NO_PREVIOUS: return "no earlier value to compare with";
    case IND_GROWTH_PREVIOUS_ZERO:
        return "the earlier value is zero: a percent change from zero "
               "has no value";
    case IND_GROWTH_PREVIOUS_NEGATIVE:
        return "the earlier value is negative: a percent change from it "
               "has no clear sign";
    case IND_GROWTH_NEGATIVE_VALUE:
        return "the value is negative: no yearly rate compounds to it";
    case IND_GROWTH_NONPOSITIVE:
        return "a logarithm needs both values above zero";
    case IND_GROWTH_BASE_NONPOSITIVE:
        return "the base-year value is zero or negative: no index";
    case IND_GROWTH_RATE:
        return "the series is a rate (a percent change each year): it is "
               "shown as stated, and compounding percentages as if they "
               "were levels has no meaning";
    case IND_GROWTH_SINGLE_YEAR:
        return "the span holds a single year: there is no change over "
               "zero years";
    case IND_GROWTH_NO_GROWTH:
        return "the growth rate is zero: the value never doubles or halves";
    case IND_GROWTH_NOT_RISING: return "the value falls: it does not double";
    case IND_GROWTH_NOT_FALLING: return "the value rises: it does not halve";
    case IND_GROWTH_FELL_TO_ZERO:
        return "the value falls to zero: a halving time has no meaning";
    case IND_GROWTH_NO_RISE: return "no year of the span rose";
    case IND_GROWTH_NO_FALL: return "no year of the span fell";
    case IND_GROWTH_NOT_FLOW:
        return "only a flow (a count during each year) can be summed over "
               "years";
    case IND_GROWTH_NEVER:
        return "at the present pace the value moves away from the target "
               "or stands still: never reached";
    case IND_GROWTH_TOO_FAR:
        return "at the present pace the target lies more than 10,000 years "
               "away";
    case IND_GROWTH_OVERFLOW:
        return "the result is too large to be a finite number";
    }
    return "undefined";
}

/* ln(value / prev) for positive values: log1p of the relative change keeps
 * small changes precise; a ratio beyond a double (1e300 / 1e-300) falls
 * back to a difference of logarithms. */
static double log_ratio(double prev, double value)
{
    double x = (value - prev) / prev;

    return isfinite(x) ? log1p(x) : log(value) - log(prev);
}

/* The k = 1 case keeps (v - p) / p exact to rounding; across a gap,
 * expm1(log1p(x) / k) keeps small rates precise where pow() - 1 would
 * cancel. */
ind_growth_why ind_growth_pct_change(double *out, double prev, double value,
                                     int k)
{
    double r;

    *out = NAN;
    if (prev == 0.0)
        return IND_GROWTH_PREVIOUS_ZERO;
    if (prev < 0.0)
        return IND_GROWTH_PREVIOUS_NEGATIVE;
    if (k <= 1) {
        r = (value - prev) / prev * 100.0;
    } else if (value < 0.0) {
        return IND_GROWTH_NEGATIVE_VALUE;
    } else if (value == 0.0) {
        r = -100.0;
    } else {
        r = expm1(log_ratio(prev, value) / k) * 100.0;
    }
    if (!isfinite(r))
        return IND_GROWTH_OVERFLOW;
    *out = r;
    return IND_GROWTH_DEFINED;
}

ind_growth_why ind_growth_cagr_values(double *out, double v0, double v1,
                                      int k)
{
    *out = NAN;
    if (k < 1)
        return IND_GROWTH_SINGLE_YEAR;
    if (v0 > 0.0 && v1 < 0.0)
        return IND_GROWTH_NEGATIVE_VALUE;
    return ind_growth_pct_change(out, v0, v1, k);
}

ind_growth_why ind_growth_log_change(double *out, double prev, double value,
                                     int k)
{
    double r;

    *out = NAN;
    if (prev <= 0.0 || value <= 0.0)
        return IND_GROWTH_NONPOSITIVE;
    r = log_ratio(prev, value) / (k < 1 ? 1 : k);
    if (!isfinite(r))
        return IND_GROWTH_OVERFLOW;
    *out = r;
    return IND_GROWTH_DEFINED;
}

ind_growth_why ind_growth_doubling(double *out, double cagr_pct)
{
    *out = NAN;
    if (cagr_pct == 0.0)
        return IND_GROWTH_NO_GROWTH;
    if (cagr_pct < 0.0)
        return IND_GROWTH_NOT_RISING;
    *out = M_LN2 / log1p(cagr_pct / 100.0);
    return isfinite(*out) ? IND_GROWTH_DEFINED : IND_GROWTH_OVERFLOW;
}

ind_growth_why ind_growth_halving(double *out, double cagr_pct)
{
    *out = NAN;
    if (cagr_pct == 0.0)
        return IND_GROWTH_NO_GROWTH;
    if (cagr_pct > 0.0)
        return IND_GROWTH_NOT_FALLING;
    if (cagr_pct <= -100.0)
        return IND_GROWTH_FELL_TO_ZERO;
    *out = -M_LN2 / log1p(cagr_pct / 100.0);
    return isfinite(*out) ? IND_GROWTH_DEFINED : IND_GROWTH_OVERFLOW;
}

double ind_growth_finite(double x)
{
    return isfinite(x) ? x : NAN;
}

void ind_growth_fmt(char *buf, size_t size, double value)
{
    if (ind_number_format_human(buf, size, value, -1, NULL) != IND_OK)
        snprintf(buf, size, "n/a");
}

int ind_growth_room(ind_error *err, const char *fn, size_t count,
                    size_t capacity)
{
    if (count <= capacity)
        return IND_OK;
    return ind_error_set(err, IND_EINVAL, "%s: %zu records needed, room for "
                         "%zu", fn, count, capacity);
}

void ind_growth_name(char *buf, size_t size, const ind_series *s)
{
    const char *entity = ind_series_entity(s);

    if (*entity != '\0')
        snprintf(buf, size, "%.120s (%.40s)", ind_series_indicator(s),
                 entity);
    else
        snprintf(buf, size, "%.120s", ind_series_indicator(s));
}

/* Say which years nearest to `year` do have a value. */
static int year_missing(ind_error *err, const ind_series *s, int year,
                        const char *label)
{
    const int *years = ind_series_years(s);
    size_t n = ind_series_length(s), i = 0;
    char name[180];

    ind_growth_name(name, sizeof name, s);
    while (i < n && years[i] < year)
        i++;
    if (i == 0)
        return ind_error_set(err, IND_ENOTFOUND,
                             "%s: %s %d has no value; the first year with "
                             "one is %d", name, label, year, years[0]);
    if (i == n)
        return ind_error_set(err, IND_ENOTFOUND,
                             "%s: %s %d has no value; the last year with "
                             "one is %d", name, label, year, years[n - 1]);
    return ind_error_set(err, IND_ENOTFOUND,
                         "%s: %s %d has no value; the nearest years with "
                         "one are %d and %d", name, label, year,
                         years[i - 1], years[i]);
}

int ind_growth_year_index(size_t *out, const ind_series *s, int year,
                          const char *label, ind_error *err)
{
    long at = ind_series_find(s, year);

    if (at < 0)
        return year_missing(err, s, year, label);
    *out = (size_t)at;
    return IND_OK;
}

int ind_growth_span(size_t *out_i0, size_t *out_i1, const ind_series *s,
                    int from, int to, ind_error *err)
{
    size_t n = ind_series_length(s);
    char name[180];
    int rc;

    ind_growth_name(name, sizeof name, s);
    if (n == 0)
        return ind_error_set(err, IND_EDOMAIN, "%s has no values", name);
    if (from != IND_GROWTH_NO_YEAR && to != IND_GROWTH_NO_YEAR && from > to)
        return ind_error_set(err, IND_EINVAL,
                             "%s: the span starts in %d, after its end "
                             "in %d", name, from, to);
    *out_i0 = 0;
    *out_i1 = n - 1;
    if (from != IND_GROWTH_NO_YEAR) {
        rc = ind_growth_year_index(out_i0, s, from, "start year", err);
        if (rc != IND_OK)
            return rc;
    }
    if (to != IND_GROWTH_NO_YEAR) {
        rc = ind_growth_year_index(out_i1, s, to, "end year", err);
        if (rc != IND_OK)
            return rc;
    }
    if (*out_i0 > *out_i1)
        return ind_error_set(err, IND_EINVAL,
                             "%s: the span starts in %d, after its end "
                             "in %d", name, ind_series_years(s)[*out_i0],
                             ind_series_years(s)[*out_i1]);
    return IND_OK;
}
