/* projection_calibrate: prediction intervals from a model's own past
 * forecast errors on the series (empirical intervals: Williams and Goodman
 * 1971; Chatfield 1993 recommends them where model intervals are too
 * narrow, as they are on real yearly series).
 *
 * The errors come from the rolling-origin forecasts (projection_rolling.c):
 * at horizon h, e = log(actual / forecast) when the series is positive
 * (errors of growing series scale with their level; a log error is a
 * relative one), else actual - forecast. Only errors whose target year is
 * at or before the last point used are taken, so a backtest can score the
 * calibrated interval an origin would have had. The scale at horizon h is
 * the root mean square of its errors (the bias of the model counts as
 * error), the quantile Student's t with as many degrees of freedom as
 * errors; beyond the longest horizon with IND_CALIBRATION_MIN_ERRORS errors
 * the scale grows in proportion to the horizon (the trend's error
 * dominates long yearly horizons) and keeps that horizon's degrees of
 * freedom. Neither the scale nor the interval shrinks with the horizon. */
#include "projection_internal.h"

#include <gsl/gsl_cdf.h>
#include <math.h>
#include <string.h>

void ind_proj_calib_compute(ind_proj_calib *c, const ind_proj_rolling *r,
                            const double *years, const double *values,
                            size_t upto)
{
    double ss[IND_BACKTEST_MAX_HORIZON] = { 0.0 };
    size_t k[IND_BACKTEST_MAX_HORIZON] = { 0 };
    size_t o, i;
    int h;

    memset(c, 0, sizeof *c);
    c->log_scale = 1;
    for (i = 0; i <= upto; i++) {
        if (!(values[i] > 0.0))
            c->log_scale = 0;
    }
    for (o = 0; o + 1 <= upto; o++) {
        for (h = 1; h <= r->max_h; h++) {
            double f = r->mean[o * (size_t)r->max_h + (size_t)h - 1];
            long j = ind_proj_find_year(years, upto + 1, o, years[o] + h);
            double e;

            if (j < 0 || !isfinite(f) || (c->log_scale && !(f > 0.0)))
                continue;
            e = c->log_scale ? log(values[j] / f) : values[j] - f;
            ss[h - 1] += e * e;
            k[h - 1]++;
        }
    }
    c->max_h = r->max_h;
    c->k1 = k[0];
    c->h_star = 0;
    for (h = 1; h <= r->max_h; h++) {
        c->count[h - 1] = k[h - 1];
        if (k[h - 1] >= IND_CALIBRATION_MIN_ERRORS
            && (size_t)h == c->h_star + 1) {
            double s = sqrt(ss[h - 1] / (double)k[h - 1]);

            c->scale[h - 1] = h > 1 ? fmax(s, c->scale[h - 2]) : s;
            /* Never more degrees of freedom than a shorter horizon (with
             * gaps a longer one can have more errors): the interval
             * then never narrows with the horizon. */
            c->df[h - 1] = h > 1 ? fmin((double)k[h - 1], c->df[h - 2])
                                 : (double)k[h - 1];
            c->h_star = (size_t)h;
        }
    }
}

int ind_proj_calib_usable(const ind_proj_calib *c)
{
    return c->h_star > 0 && c->scale[0] > 0.0;
}

/* Scale and degrees of freedom at horizon h (1-based). */
static void scale_at(const ind_proj_calib *c, size_t h, double *s,
                     double *df)
{
    if (h <= c->h_star) {
        *s = c->scale[h - 1];
        *df = c->df[h - 1];
    } else {
        *s = c->scale[c->h_star - 1] * (double)h / (double)c->h_star;
        *df = c->df[c->h_star - 1];
    }
}

void ind_proj_calib_bounds(const ind_proj_calib *c, size_t h, double mean,
                           double level, double *lo, double *hi)
{
    double s, df, q;

    scale_at(c, h, &s, &df);
    q = gsl_cdf_tdist_Pinv(0.5 + level / 200.0, df);
    if (c->log_scale && mean > 0.0) {
        *lo = mean * exp(-q * s);
        *hi = mean * exp(q * s);
    } else if (c->log_scale) {
        /* A non-positive forecast of a positive series: the relative
         * error has no meaning there. */
        *lo = *hi = NAN;
    } else {
        *lo = mean - q * s;
        *hi = mean + q * s;
    }
}

void ind_proj_calibrate(ind_projection *p, const ind_proj_calib *c)
{
    size_t i, j;

    if (!ind_proj_calib_usable(c)) {
        /* No interval at all (no degree of freedom left): nothing to
         * widen, and the warning about intervals would have none to be
         * about (another warning says why there are none). */
        if (p->nlevels > 0 && p->h > 0 && isnan(p->lower[0])) {
            p->calibrated = 0;
            return;
        }
        for (j = 0; j < p->nlevels * p->h; j++) {
            double m = p->mean[j % p->h];

            p->lower[j] = m - IND_CALIBRATION_FALLBACK_WIDEN
                              * (m - p->lower[j]);
            p->upper[j] = m + IND_CALIBRATION_FALLBACK_WIDEN
                              * (p->upper[j] - m);
            if (!isfinite(p->lower[j]) || !isfinite(p->upper[j]))
                p->lower[j] = p->upper[j] = NAN;
        }
        ind_proj_warn_as(p, IND_PROJECTION_WARN_UNCALIBRATED,
                         "too few past forecasts to measure how far off "
                         "this model has been (%zu one year ahead, %d "
                         "needed): the intervals are the model's own, "
                         "widened by half, and less reliable",
                      c->k1, IND_CALIBRATION_MIN_ERRORS);
        p->calibrated = 0;
        return;
    }
    for (i = 0; i < p->h; i++) {
        for (j = 0; j < p->nlevels; j++) {
            double *lo = &p->lower[j * p->h + i];
            double *hi = &p->upper[j * p->h + i];

            ind_proj_calib_bounds(c, i + 1, p->mean[i], p->levels[j], lo,
                                  hi);
            if (!isfinite(*lo) || !isfinite(*hi))
                *lo = *hi = NAN;   /* beyond a double: no interval */
        }
    }
    p->calibrated = 1;
    p->calib_errors = c->k1;
}

int ind_proj_calibrate_fit(ind_projection *p, const ind_proj_input *in,
                           ind_error *err)
{
    ind_proj_rolling r;
    ind_proj_calib c;
    int max_h = p->h > IND_BACKTEST_MAX_HORIZON ? IND_BACKTEST_MAX_HORIZON
                                                : (int)p->h;
    int rc = ind_proj_rolling_model(&r, in, p->model, max_h);

    if (rc == IND_OK) {
        ind_proj_calib_compute(&c, &r, in->years, in->values, in->n - 1);
        ind_proj_calibrate(p, &c);
    }
    ind_proj_rolling_free(&r);
    return rc == IND_OK ? IND_OK : ind_error_set(err, rc, "out of memory");
}
