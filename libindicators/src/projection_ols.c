/* projection_ols: the regression trends on the year: linear and
 * exponential (gsl_fit_linear on years centred at the last one) and
 * polynomial (ind_polyfit). Prediction intervals are R's
 * predict.lm(interval = "prediction"):
 *     fit +- qt((1 + level) / 2, df) * sqrt(sigma^2 + se.fit^2). */
#include "projection_internal.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_fit.h>
#include <math.h>

static const char *const power_names[IND_PROJ_MAX_COEF] = {
    "b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10",
    "b11", "b12"
};

/* Say how many years are missing: the fit uses the years present. */
static void warn_gaps(ind_projection *p)
{
    int first = ind_proj_first_gap(p->years, p->n);
    double span = p->years[p->n - 1] - p->years[0] + 1.0;

    if (first == 0)
        return;
    ind_proj_warn_as(p, IND_PROJECTION_WARN_GAPS,
                     "%.0f of the %.0f years from %.0f to %.0f %s missing "
                     "(the first is %d); the trend is fitted to the %zu "
                     "years present, nothing is filled in",
                     span - (double)p->n, span, p->years[0],
                     p->years[p->n - 1],
                     span - (double)p->n == 1.0 ? "is" : "are", first, p->n);
}

/* The straight-line fit on x = year - origin (exact for whole years). */
typedef struct line {
    double c0, c1, cov00, cov01, cov11;
    double df, sigma;
} line;

static int fit_line(ind_projection *p, line *l, int log_scale,
                    ind_error *err)
{
    double *x = p->fitted, *z = p->resid;   /* scratch until overwritten */
    double sumsq;
    size_t i;
    int status;

    for (i = 0; i < p->n; i++) {
        x[i] = p->years[i] - p->stats.origin;
        z[i] = log_scale ? log(p->values[i]) : p->values[i];
    }
    status = gsl_fit_linear(x, 1, z, 1, p->n, &l->c0, &l->c1, &l->cov00,
                            &l->cov01, &l->cov11, &sumsq);
    if (status != GSL_SUCCESS)
        return ind_error_from_gsl(err, status, "straight-line fit");
    if (!isfinite(l->c0) || !isfinite(l->c1))
        return ind_error_set(err, IND_ENUMERIC,
                             "straight-line fit gave a non-finite "
                             "coefficient");
    l->df = (double)p->n - 2.0;
    return IND_OK;
}

/* Fitted values, residuals and the fit statistics on the fitted scale. */
static void line_stats(ind_projection *p, line *l, int log_scale)
{
    ind_fit_stats *s = &p->stats;
    double mean = 0.0, rss = 0.0, tss = 0.0, logsum = 0.0;
    size_t i;

    for (i = 0; i < p->n; i++)
        mean += p->resid[i];
    mean /= (double)p->n;
    for (i = 0; i < p->n; i++) {
        double z = p->resid[i];
        double fit = l->c0 + l->c1 * p->fitted[i];

        p->resid[i] = z - fit;
        p->fitted[i] = log_scale ? exp(fit) : fit;
        rss += p->resid[i] * p->resid[i];
        tss += (z - mean) * (z - mean);
        logsum += log_scale ? z : 0.0;
    }
    s->n_lik = p->n;
    s->df = l->df;
    s->rss = rss;
    s->sigma = l->df > 0.0 ? sqrt(rss / l->df) : NAN;
    l->sigma = s->sigma;
    s->r_squared = tss > 0.0 ? 1.0 - rss / tss : NAN;
    ind_fit_information(s, 3);
    /* The log-normal density of y is the normal density of log y divided
     * by y: the Jacobian puts this AICc on the scale of the values. */
    s->aicc_level = s->aicc + 2.0 * logsum;
    s->growth_rate = log_scale ? expm1(l->c1) : NAN;
}

static void line_forecasts(ind_projection *p, const line *l, int log_scale,
                           int bias_adjust)
{
    double q[IND_PROJECTION_MAX_LEVELS];
    double s2 = l->sigma * l->sigma;
    size_t i;

    ind_proj_quantiles(p, l->df, q);
    for (i = 0; i < p->h; i++) {
        double x = (double)(p->first_year + (int)i) - p->stats.origin;
        double centre = l->c0 + l->c1 * x;
        double se = NAN;

        if (l->df > 0.0)
            se = sqrt(s2 + l->cov00 + 2.0 * x * l->cov01
                      + x * x * l->cov11);
        ind_proj_forecast(p, i, centre, se, q, log_scale, bias_adjust);
    }
}

static void trend_describe(ind_projection *p, const line *l, int log_scale,
                           int bias_adjust)
{
    double se0 = l->df > 0.0 ? sqrt(l->cov00) : NAN;
    double se1 = l->df > 0.0 ? sqrt(l->cov11) : NAN;

    if (!log_scale) {
        ind_proj_method(p, "linear trend: OLS of value on year; t "
                           "prediction intervals as R predict.lm");
        ind_proj_coef(p, "level", l->c0, se0);
        ind_proj_coef(p, "slope", l->c1, se1);
        return;
    }
    ind_proj_method(p, "exponential trend: OLS of log(value) on year, "
                       "constant growth %.4g%% a year; point forecast = "
                       "%s", 100.0 * p->stats.growth_rate,
                    bias_adjust ? "log-normal mean exp(fit + v/2)"
                                : "median exp(fit)");
    ind_proj_coef(p, "log level", l->c0, se0);
    ind_proj_coef(p, "log slope", l->c1, se1);
    if (bias_adjust && !(l->df > 0.0))
        ind_proj_warn(p, "no residual variance to adjust with: the point "
                         "forecast is the median, not the mean");
}

int ind_proj_fit_trend(ind_projection *p, const ind_proj_input *in,
                       ind_model model, ind_error *err)
{
    int log_scale = model == IND_MODEL_EXPONENTIAL;
    int bias_adjust = log_scale && in->opts.bias_adjust;
    line l;
    int rc;

    rc = log_scale ? ind_proj_need_log(in, model, err) : IND_OK;
    if (rc == IND_OK)
        rc = fit_line(p, &l, log_scale, err);
    if (rc != IND_OK)
        return rc;
    line_stats(p, &l, log_scale);
    line_forecasts(p, &l, log_scale, bias_adjust);
    trend_describe(p, &l, log_scale, bias_adjust);
    warn_gaps(p);
    return IND_OK;
}

static void polynomial_forecasts(ind_projection *p, const ind_polyfit *fit)
{
    double q[IND_PROJECTION_MAX_LEVELS];
    double s2 = p->stats.sigma * p->stats.sigma;
    size_t i;

    ind_proj_quantiles(p, p->stats.df, q);
    for (i = 0; i < p->h; i++) {
        double value, se_fit, se = NAN;

        /* Cannot fail: the year is finite and the fit valid; an overflow
         * shows as a non-finite forecast, caught by the final check. */
        ind_polyfit_predict(fit, (double)(p->first_year + (int)i), &value,
                            &se_fit, NULL);
        if (p->stats.df > 0.0)
            se = sqrt(s2 + se_fit * se_fit);
        ind_proj_forecast(p, i, value, se, q, 0, 0);
    }
}

static int polynomial_store(ind_projection *p, const ind_polyfit *fit,
                            int degree, ind_error *err)
{
    double coef[IND_PROJ_MAX_COEF], se[IND_PROJ_MAX_COEF];
    double origin = p->stats.origin;
    size_t i;
    int rc;

    rc = ind_polyfit_coefficients(fit, origin, coef, se, err);
    if (rc != IND_OK)
        return rc;
    ind_polyfit_stats(fit, &p->stats);
    p->stats.origin = origin;
    for (i = 0; i < p->n; i++) {
        p->fitted[i] = ind_polyfit_fitted(fit)[i];
        p->resid[i] = ind_polyfit_residuals(fit)[i];
    }
    for (i = 0; i <= (size_t)degree; i++)
        ind_proj_coef(p, power_names[i], coef[i], se[i]);
    ind_proj_method(p, "polynomial trend of degree %d: OLS on powers of "
                       "the year; t prediction intervals as R predict.lm",
                    degree);
    return IND_OK;
}

int ind_proj_fit_polynomial(ind_projection *p, const ind_proj_input *in,
                            ind_error *err)
{
    int degree = in->opts.degree > 0 ? in->opts.degree : 2;
    ind_polyfit *fit;
    int rc;

    rc = ind_polyfit_fit(&fit, in->years, in->values, in->n, degree, err);
    if (rc != IND_OK)
        return rc;
    rc = polynomial_store(p, fit, degree, err);
    if (rc == IND_OK)
        polynomial_forecasts(p, fit);
    ind_polyfit_free(fit);
    if (rc == IND_OK)
        warn_gaps(p);
    return rc;
}
