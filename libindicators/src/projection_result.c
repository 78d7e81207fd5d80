/* projection_result: the result handle: its single allocation, the
 * helpers the model families fill it with (coefficients, warnings,
 * forecasts and their intervals), the final checks, and the accessors. */
#include "projection_internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int ind_proj_alloc(ind_projection **out, const ind_proj_input *in,
                   ind_error *err)
{
    size_t n = in->n;
    size_t h = (size_t)((double)in->to_year - in->years[n - 1]);
    size_t nl = in->opts.nlevels;
    size_t count = 4 * n + h + 2 * nl * h;
    ind_projection *p = malloc(sizeof *p + count * sizeof(double));
    size_t i;

    *out = NULL;
    if (p == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    memset(p, 0, sizeof *p);
    p->model = in->opts.model;
    p->n = n;
    p->h = h;
    p->nlevels = nl;
    p->first_year = (int)in->years[n - 1] + 1;
    p->quantiles = in->opts.quantiles;
    memcpy(p->levels, in->opts.levels, nl * sizeof *p->levels);
    p->years = (double *)(void *)(p + 1);
    p->values = p->years + n;
    p->fitted = p->values + n;
    p->resid = p->fitted + n;
    p->mean = p->resid + n;
    p->lower = p->mean + h;
    p->upper = p->lower + nl * h;
    for (i = 2 * n; i < count; i++)
        p->years[i] = NAN;
    memcpy(p->years, in->years, n * sizeof *p->years);
    memcpy(p->values, in->values, n * sizeof *p->values);
    p->stats.n = n;
    p->stats.df = p->stats.rss = p->stats.sigma = NAN;
    p->stats.r_squared = p->stats.loglik = p->stats.aicc = NAN;
    p->stats.aicc_level = p->stats.growth_rate = NAN;
    p->stats.origin = in->years[n - 1];
    *out = p;
    return IND_OK;
}

void ind_proj_vline(char *rows, size_t width, size_t max, size_t *count,
                    const char *fmt, va_list ap)
{
    if (*count >= max)
        return;
    vsnprintf(rows + *count * width, width, fmt, ap);
    (*count)++;
}

void ind_proj_warn(ind_projection *p, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    ind_proj_vline(p->warnings[0], IND_PROJ_WARNING_SIZE,
                   IND_PROJ_MAX_WARNINGS, &p->nwarnings, fmt, ap);
    va_end(ap);
}

void ind_proj_warn_as(ind_projection *p, ind_projection_warning_kind kind,
                      const char *fmt, ...)
{
    size_t at = p->nwarnings;
    va_list ap;

    va_start(ap, fmt);
    ind_proj_vline(p->warnings[0], IND_PROJ_WARNING_SIZE,
                   IND_PROJ_MAX_WARNINGS, &p->nwarnings, fmt, ap);
    va_end(ap);
    if (at < p->nwarnings)
        p->warning_kinds[at] = kind;
}

void ind_proj_method(ind_projection *p, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(p->method, sizeof p->method, fmt, ap);
    va_end(ap);
}

void ind_proj_coef(ind_projection *p, const char *name, double estimate,
                   double se)
{
    if (p->ncoef >= IND_PROJ_MAX_COEF)
        return;
    p->coef[p->ncoef].name = name;
    p->coef[p->ncoef].estimate = estimate;
    p->coef[p->ncoef].se = se;
    p->ncoef++;
}

void ind_proj_quantiles(const ind_projection *p, double df, double *q)
{
    size_t j;

    for (j = 0; j < p->nlevels; j++)
        q[j] = ind_proj_quantile(p->quantiles, 0.5 + p->levels[j] / 200.0,
                                 df);
}

void ind_proj_forecast(ind_projection *p, size_t i, double centre, double se,
                       const double *q, int log_scale, int bias_adjust)
{
    size_t j;

    if (!log_scale)
        p->mean[i] = centre;
    else if (bias_adjust && isfinite(se))
        p->mean[i] = exp(centre + 0.5 * se * se);
    else
        p->mean[i] = exp(centre);
    for (j = 0; j < p->nlevels; j++) {
        double lo = centre - q[j] * se;
        double hi = centre + q[j] * se;

        p->lower[j * p->h + i] = log_scale ? exp(lo) : lo;
        p->upper[j * p->h + i] = log_scale ? exp(hi) : hi;
    }
}

/* The first forecast (index) below zero in v[0..h), h when none. */
static size_t first_below_zero(const double *v, size_t h)
{
    size_t i;

    for (i = 0; i < h && !(v[i] < 0.0); i++)
        ;
    return i;
}

static void floor_at_zero(double *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (v[i] < 0.0) /* NaN (no interval) stays NaN */
            v[i] = 0.0;
}

/* The forecast's line in words, for "the linear trend reaches zero". */
static const char *trend_words(ind_model m)
{
    switch (m) {
    case IND_MODEL_LINEAR: return "linear trend";
    case IND_MODEL_POLYNOMIAL: return "polynomial trend";
    case IND_MODEL_DRIFT: return "drift line";
    case IND_MODEL_HOLT: return "Holt trend";
    case IND_MODEL_DAMPED: return "damped trend";
    case IND_MODEL_THETA: return "Theta forecast";
    case IND_MODEL_COMBO: return "combined forecast";
    default: return "forecast";
    }
}

void ind_proj_hold_at_zero(ind_projection *p, const ind_proj_input *in)
{
    size_t i, j, mean_at, range_at = p->h;
    const char *model = trend_words(p->model);

    if (p->h == 0 ||
        (in->opts.kind != IND_KIND_STOCK && in->opts.kind != IND_KIND_FLOW))
        return;
    for (i = 0; i < in->n; i++)
        if (in->values[i] < 0.0)
            return;
    mean_at = first_below_zero(p->mean, p->h);
    for (j = 0; j < p->nlevels; j++) {
        i = first_below_zero(p->lower + j * p->h, p->h);
        range_at = i < range_at ? i : range_at;
    }
    if (mean_at == p->h && range_at == p->h)
        return;
    /* The trend reaches zero where it first stops above it. */
    for (i = 0; i < mean_at && p->mean[i] > 0.0; i++)
        ;
    mean_at = mean_at < p->h ? i : mean_at;
    floor_at_zero(p->mean, p->h);
    floor_at_zero(p->lower, p->nlevels * p->h);
    floor_at_zero(p->upper, p->nlevels * p->h);
    if (mean_at < p->h)
        ind_proj_warn_as(p, IND_PROJECTION_WARN_AT_ZERO,
                         "the %s reaches zero in %d; a count cannot "
                         "fall below zero, so the projection is held at 0 "
                         "from then and its ranges stop at 0", model,
                         p->first_year + (int)mean_at);
    else
        ind_proj_warn_as(p, IND_PROJECTION_WARN_AT_ZERO,
                         "from %d the ranges would reach below zero; a "
                         "count cannot fall below zero, so they stop at 0",
                         p->first_year + (int)range_at);
}

static int all_finite_or_nan(const double *v, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        if (isinf(v[i]))
            return 0;
    }
    return 1;
}

int ind_proj_check_finite(const ind_projection *p, ind_error *err)
{
    size_t i, band = p->nlevels * p->h;

    for (i = 0; i < p->h; i++) {
        if (!isfinite(p->mean[i]))
            return ind_error_set(err, IND_ENUMERIC,
                                 "the %s forecast for %d is not finite",
                                 ind_model_name(p->model),
                                 p->first_year + (int)i);
    }
    if (!all_finite_or_nan(p->fitted, p->n)
        || !all_finite_or_nan(p->resid, p->n)
        || !all_finite_or_nan(p->lower, band)
        || !all_finite_or_nan(p->upper, band))
        return ind_error_set(err, IND_ENUMERIC,
                             "the %s fit overflowed (a fitted value or "
                             "interval bound is infinite)",
                             ind_model_name(p->model));
    for (i = 0; i < p->ncoef; i++) {
        if (!isfinite(p->coef[i].estimate) || isinf(p->coef[i].se))
            return ind_error_set(err, IND_ENUMERIC,
                                 "the %s coefficient %s is not finite",
                                 ind_model_name(p->model), p->coef[i].name);
    }
    return IND_OK;
}

static int intervals_missing(const ind_projection *p)
{
    return p->h > 0 && p->nlevels > 0 && isnan(p->lower[0]);
}

void ind_proj_warn_df(ind_projection *p)
{
    double df = p->stats.df;
    size_t k = p->stats.nparams > 0 ? p->stats.nparams - 1 : 0;

    if (!(df > 0.0) && intervals_missing(p))
        ind_proj_warn_as(p, IND_PROJECTION_WARN_NO_DF,
                         "no residual degrees of freedom are left (%zu "
                         "points, %zu parameter%s): no prediction interval "
                         "can be given", p->n, k, k == 1 ? "" : "s");
    else if (!(df > 0.0))
        ind_proj_warn_as(p, IND_PROJECTION_WARN_NO_DF,
                         "no residual degrees of freedom are left (%zu "
                         "points, %zu parameter%s): the intervals "
                         "understate the uncertainty", p->n, k,
                         k == 1 ? "" : "s");
    else if (df < IND_PROJECTION_FEW_DF)
        ind_proj_warn_as(p, IND_PROJECTION_WARN_FEW_DF,
                         "only %g residual degree%s of freedom: the "
                         "intervals are wide and lean heavily on the "
                         "model's assumptions", df, df == 1.0 ? "" : "s");
}

void ind_projection_free(ind_projection *p)
{
    free(p);
}

ind_model ind_projection_model(const ind_projection *p)
{
    return p->model;
}

const char *ind_projection_method(const ind_projection *p)
{
    return p->method;
}

size_t ind_projection_length(const ind_projection *p)
{
    return p->n;
}

const double *ind_projection_years(const ind_projection *p)
{
    return p->years;
}

const double *ind_projection_values(const ind_projection *p)
{
    return p->values;
}

const double *ind_projection_fitted(const ind_projection *p)
{
    return p->fitted;
}

const double *ind_projection_residuals(const ind_projection *p)
{
    return p->resid;
}

size_t ind_projection_horizon(const ind_projection *p)
{
    return p->h;
}

int ind_projection_first_year(const ind_projection *p)
{
    return p->first_year;
}

const double *ind_projection_mean(const ind_projection *p)
{
    return p->mean;
}

size_t ind_projection_nlevels(const ind_projection *p)
{
    return p->nlevels;
}

double ind_projection_level(const ind_projection *p, size_t j)
{
    return j < p->nlevels ? p->levels[j] : NAN;
}

const double *ind_projection_lower(const ind_projection *p, size_t j)
{
    return j < p->nlevels ? p->lower + j * p->h : NULL;
}

const double *ind_projection_upper(const ind_projection *p, size_t j)
{
    return j < p->nlevels ? p->upper + j * p->h : NULL;
}

const ind_fit_stats *ind_projection_stats(const ind_projection *p)
{
    return &p->stats;
}

size_t ind_projection_ncoef(const ind_projection *p)
{
    return p->ncoef;
}

const ind_projection_coef *ind_projection_coef_at(const ind_projection *p,
                                                  size_t i)
{
    return i < p->ncoef ? &p->coef[i] : NULL;
}

int ind_projection_calibrated(const ind_projection *p)
{
    return p->calibrated;
}

size_t ind_projection_nwarnings(const ind_projection *p)
{
    return p->nwarnings;
}

const char *ind_projection_warning(const ind_projection *p, size_t i)
{
    return i < p->nwarnings ? p->warnings[i] : NULL;
}

ind_projection_warning_kind
ind_projection_warning_kind_at(const ind_projection *p, size_t i)
{
    return i < p->nwarnings ? p->warning_kinds[i] : IND_PROJECTION_WARN_OTHER;
}

const char *ind_projection_choice(const ind_projection *p)
{
    return p->choice;
}

size_t ind_projection_ncandidates(const ind_projection *p)
{
    return p->ncandidates;
}

const ind_projection_candidate *
ind_projection_candidate_at(const ind_projection *p, size_t i)
{
    return i < p->ncandidates ? &p->candidates[i] : NULL;
}
