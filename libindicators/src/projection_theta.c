/* projection_theta: the standard Theta method of Assimakopoulos and
 * Nikolopoulos (2000) in the form Hyndman and Billah (2003) showed it to
 * be, simple exponential smoothing with a drift of half the OLS slope, as
 * R's forecast::thetaf computes it (forecast 8.20):
 *
 *   SES   yhat_1 = l0, e_t = y_t - yhat_t, l_t = alpha y_t + (1 - alpha)
 *         l_{t-1}, yhat_{t+1} = l_t; alpha and l0 minimise the mean of
 *         e_1^2 .. e_n^2 (R: ets(y, "ANN", opt.crit = "mse")), alpha in
 *         [1e-4, 0.9999] (ets's bounds);
 *   theta forecast h steps ahead: l_n + (b / 2) (h - 1 + (1 - (1 -
 *         alpha)^n) / alpha), b = the OLS slope of y on 0..n-1;
 *   model interval: normal, se_h = sigma sqrt(1 + (h - 1) alpha^2),
 *         sigma^2 = SSE / (n - 2) (ets: alpha and l0 estimated).
 *
 * The one-step errors are linear in l0 for a given alpha
 * (e_t = d_t - (1 - alpha)^(t-1) l0, d_t the errors started from l0 = 0),
 * so l0 has a closed form and the search is over alpha alone: a grid over
 * [1e-4, 0.9999], then Brent's method (GSL) in the bracket around the best
 * grid point (projection_profile.c). That finds the global minimum of the
 * profile where R's Nelder-Mead over (alpha, l0) may stop near it. */
#include "projection_internal.h"

#include <math.h>

#define THETA_ALPHA_LO 1e-4
#define THETA_ALPHA_HI 0.9999

typedef struct ses_fit {
    double alpha;
    double l0;
    double sse;
    double level;   /* l_n */
} ses_fit;

/* SSE at alpha with the optimal l0; fills fit when non-NULL. */
static double ses_profile(const double *y, size_t n, double alpha,
                          ses_fit *fit)
{
    long double sw2 = 0.0L, swd = 0.0L, sdd = 0.0L, w = 1.0L, l = 0.0L;
    double l0, sse;
    size_t t;

    for (t = 0; t < n; t++) {
        long double d = (long double)y[t] - l;  /* error with l0 = 0 */

        sw2 += w * w;
        swd += w * d;
        sdd += d * d;
        l = (long double)alpha * y[t] + (1.0L - alpha) * l;
        w *= 1.0L - alpha;
    }
    l0 = (double)(swd / sw2);
    sse = (double)(sdd - swd * swd / sw2);
    if (sse < 0.0)
        sse = 0.0;
    if (fit != NULL) {
        fit->alpha = alpha;
        fit->l0 = l0;
        fit->sse = sse;
        /* l_n = (the level from 0) + (1 - alpha)^n l0 */
        fit->level = (double)(l + w * (long double)l0);
    }
    return sse;
}

typedef struct profile_problem {
    const double *y;
    size_t n;
} profile_problem;

static double profile_fn(double alpha, void *params)
{
    const profile_problem *pp = params;

    return ses_profile(pp->y, pp->n, alpha, NULL);
}

static int ses_estimate(const double *y, size_t n, ses_fit *out,
                        ind_error *err)
{
    profile_problem pp = { y, n };
    double alpha;
    int rc = ind_proj_profile_min(profile_fn, &pp, THETA_ALPHA_LO,
                                  THETA_ALPHA_HI, 0, &alpha,
                                  "SES weight search", err);

    if (rc == IND_OK)
        ses_profile(y, n, alpha, out);
    return rc;
}

/* OLS slope of y on 0..n-1. */
static double ols_slope(const double *y, size_t n)
{
    double xbar = 0.5 * (double)(n - 1), ybar = 0.0, sxy = 0.0, sxx = 0.0;
    size_t t;

    for (t = 0; t < n; t++)
        ybar += y[t] / (double)n;
    for (t = 0; t < n; t++) {
        sxy += ((double)t - xbar) * (y[t] - ybar);
        sxx += ((double)t - xbar) * ((double)t - xbar);
    }
    return sxy / sxx;
}

static void theta_in_sample(ind_projection *p, const ses_fit *f)
{
    double l = f->l0;
    size_t t;

    for (t = 0; t < p->n; t++) {
        p->fitted[t] = l;
        p->resid[t] = p->values[t] - l;
        l = f->alpha * p->values[t] + (1.0 - f->alpha) * l;
    }
    /* alpha, l0, the drift and sigma */
    ind_proj_smoothing_stats(p, p->n, f->sse, (double)p->n - 2.0, 4);
}

int ind_proj_fit_theta(ind_projection *p, const ind_proj_input *in,
                       ind_error *err)
{
    double q[IND_PROJECTION_MAX_LEVELS];
    double half_slope, lift;
    ses_fit f = { 0.0, 0.0, 0.0, 0.0 };
    size_t i;
    int rc = ind_proj_need_consecutive(in, IND_MODEL_THETA, err);

    if (rc == IND_OK)
        rc = ses_estimate(in->values, in->n, &f, err);
    if (rc != IND_OK)
        return rc;
    half_slope = 0.5 * ols_slope(in->values, in->n);
    theta_in_sample(p, &f);
    ind_proj_quantiles(p, p->stats.df > 0.0 ? INFINITY : 0.0, q);
    lift = (1.0 - pow(1.0 - f.alpha, (double)in->n)) / f.alpha;
    for (i = 0; i < p->h; i++) {
        double h = (double)i;   /* h - 1 */
        double se = p->stats.sigma * sqrt(1.0 + h * f.alpha * f.alpha);

        ind_proj_forecast(p, i, f.level + half_slope * (h + lift), se, q,
                          0, 0);
    }
    ind_proj_coef(p, "alpha", f.alpha, NAN);
    ind_proj_coef(p, "initial level", f.l0, NAN);
    ind_proj_coef(p, "drift", half_slope, NAN);
    ind_proj_method(p, "Theta method (Hyndman and Billah's SES with drift, "
                       "as R thetaf): SES weight %.3g, drift = half the "
                       "OLS slope", f.alpha);
    return IND_OK;
}
