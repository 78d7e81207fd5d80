/* projection_logistic: the saturating trend
 *     value = K / (1 + exp(-r (year - m)))
 * fitted by nonlinear least squares (GSL trust-region Levenberg-Marquardt)
 * on years centred at their midrange. It is R's
 * nls(y ~ SSlogis(year, Asym = K, xmid = m, scal = 1 / r)).
 *
 * Starting points come from the linearisation log(K0 / y - 1) =
 * -r (year - m) for several trial asymptotes K0 above the largest value;
 * the converged fit with the smallest SSE is kept. A series that does not
 * level off drives K to infinity: a fit whose asymptote is beyond
 * SATURATION_LIMIT times the largest value, or that does not converge, is
 * refused with IND_EDOMAIN rather than reported.
 *
 * Standard errors: sigma^2 (J'J)^-1 with sigma^2 = SSE / (n - 3), as
 * summary.nls. Prediction intervals use the delta method,
 *     fit +- qt(., n - 3) sqrt(sigma^2 + g' Cov g),
 * g the gradient of the curve in (K, r, m) at the forecast year. */
#include "projection_internal.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <math.h>

#define NPAR 3
#define MAX_ITER 500
#define SATURATION_LIMIT 100.0
#define EXP_LIMIT 700.0

enum { P_K, P_R, P_M };

typedef struct logistic_data {
    const double *x;   /* years - centre */
    const double *y;
    size_t n;
} logistic_data;

static double curve_exp(double r, double m, double x)
{
    double a = -r * (x - m);

    if (a > EXP_LIMIT)
        a = EXP_LIMIT;
    if (a < -EXP_LIMIT)
        a = -EXP_LIMIT;
    return exp(a);
}

/* The curve's gradient with respect to (K, r, m) at x. */
static void curve_gradient(const double *par, double x, double *g)
{
    double e = curve_exp(par[P_R], par[P_M], x);
    double d = 1.0 + e;

    g[P_K] = 1.0 / d;
    g[P_R] = par[P_K] * (x - par[P_M]) * e / (d * d);
    g[P_M] = -par[P_K] * par[P_R] * e / (d * d);
}

static int residuals(const gsl_vector *par, void *params, gsl_vector *f)
{
    const logistic_data *d = params;
    double k = gsl_vector_get(par, P_K);
    double r = gsl_vector_get(par, P_R);
    double m = gsl_vector_get(par, P_M);
    size_t i;

    for (i = 0; i < d->n; i++)
        gsl_vector_set(f, i, k / (1.0 + curve_exp(r, m, d->x[i])) - d->y[i]);
    return GSL_SUCCESS;
}

static int jacobian(const gsl_vector *par, void *params, gsl_matrix *jac)
{
    const logistic_data *d = params;
    double p[NPAR], g[NPAR];
    size_t i, j;

    for (j = 0; j < NPAR; j++)
        p[j] = gsl_vector_get(par, j);
    for (i = 0; i < d->n; i++) {
        curve_gradient(p, d->x[i], g);
        for (j = 0; j < NPAR; j++)
            gsl_matrix_set(jac, i, j, g[j]);
    }
    return GSL_SUCCESS;
}

/* Linearised start for a trial asymptote k0 > max(y). */
static void start_point(const logistic_data *d, double k0, double *par)
{
    double sx = 0.0, sz = 0.0, sxx = 0.0, sxz = 0.0, n = (double)d->n;
    double slope, icept;
    size_t i;

    for (i = 0; i < d->n; i++) {
        double z = log(k0 / d->y[i] - 1.0);

        sx += d->x[i];
        sz += z;
        sxx += d->x[i] * d->x[i];
        sxz += d->x[i] * z;
    }
    slope = (n * sxz - sx * sz) / (n * sxx - sx * sx);
    icept = (sz - slope * sx) / n;
    par[P_K] = k0;
    par[P_R] = -slope;
    par[P_M] = slope != 0.0 ? -icept / slope : 0.0;
}

typedef struct logistic_fit {
    double par[NPAR];
    double cov[NPAR * NPAR];   /* (J'J)^-1, unscaled */
    double sse;
} logistic_fit;

static int solve_from(gsl_multifit_nlinear_workspace *w,
                      gsl_multifit_nlinear_fdf *fdf, const double *start,
                      logistic_fit *out)
{
    double x0[NPAR];
    gsl_vector_view xv = gsl_vector_view_array(x0, NPAR);
    gsl_matrix_view cv = gsl_matrix_view_array(out->cov, NPAR, NPAR);
    int status, info;
    size_t j;

    for (j = 0; j < NPAR; j++)
        x0[j] = start[j];
    status = gsl_multifit_nlinear_init(&xv.vector, fdf, w);
    if (status == GSL_SUCCESS)
        status = gsl_multifit_nlinear_driver(MAX_ITER, 1e-12, 1e-12, 0.0,
                                             NULL, NULL, &info, w);
    if (status != GSL_SUCCESS)
        return status;
    status = gsl_multifit_nlinear_covar(gsl_multifit_nlinear_jac(w), 0.0,
                                        &cv.matrix);
    for (j = 0; j < NPAR; j++)
        out->par[j] = gsl_vector_get(gsl_multifit_nlinear_position(w), j);
    out->sse = pow(gsl_blas_dnrm2(gsl_multifit_nlinear_residual(w)), 2);
    return status;
}

static int usable(const logistic_fit *f, double ymax)
{
    size_t j;

    for (j = 0; j < NPAR * NPAR; j++) {
        if (!isfinite(f->cov[j]))
            return 0;
    }
    return isfinite(f->sse) && isfinite(f->par[P_R]) && isfinite(f->par[P_M])
           && f->par[P_K] > 0.0 && f->par[P_K] < SATURATION_LIMIT * ymax;
}

static int best_fit(const logistic_data *d, double ymax, logistic_fit *best,
                    ind_error *err)
{
    static const double trials[] = { 1.01, 1.1, 1.25, 1.5, 2.0, 3.0, 5.0 };
    gsl_multifit_nlinear_parameters params =
        gsl_multifit_nlinear_default_parameters();
    gsl_multifit_nlinear_fdf fdf;
    gsl_multifit_nlinear_workspace *w;
    logistic_fit f = { { 0 }, { 0 }, 0.0 };
    size_t t;
    int found = 0;

    fdf.f = residuals;
    fdf.df = jacobian;
    fdf.fvv = NULL;
    fdf.n = d->n;
    fdf.p = NPAR;
    fdf.params = (void *)d;
    w = gsl_multifit_nlinear_alloc(gsl_multifit_nlinear_trust, &params,
                                   d->n, NPAR);
    if (w == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    for (t = 0; t < sizeof trials / sizeof trials[0]; t++) {
        double start[NPAR];

        start_point(d, trials[t] * ymax, start);
        if (solve_from(w, &fdf, start, &f) == GSL_SUCCESS
            && usable(&f, ymax) && (!found || f.sse < best->sse)) {
            *best = f;
            found = 1;
        }
    }
    gsl_multifit_nlinear_free(w);
    if (!found)
        return ind_error_set(err, IND_EDOMAIN,
                             "the logistic fit did not converge to a finite "
                             "asymptote: the series shows no sign of "
                             "levelling off");
    return IND_OK;
}

/* Standard error of g' par, g on the centred scale. */
static double gradient_se(const logistic_fit *f, const double *g, double s2)
{
    double v = 0.0;
    size_t i, j;

    for (i = 0; i < NPAR; i++)
        for (j = 0; j < NPAR; j++)
            v += g[i] * f->cov[i * NPAR + j] * g[j];
    return sqrt(s2 * v);
}

static void logistic_store(ind_projection *p, const logistic_fit *f,
                           const double *x, double centre)
{
    ind_fit_stats *s = &p->stats;
    double q[IND_PROJECTION_MAX_LEVELS], g[NPAR];
    double mean = 0.0, tss = 0.0, s2;
    size_t i;

    for (i = 0; i < p->n; i++)
        mean += p->values[i] / (double)p->n;
    /* x may be p->fitted itself: each x[i] is read before fitted[i] is
     * written. */
    for (i = 0; i < p->n; i++) {
        p->fitted[i] = f->par[P_K]
                       / (1.0 + curve_exp(f->par[P_R], f->par[P_M], x[i]));
        p->resid[i] = p->values[i] - p->fitted[i];
        tss += (p->values[i] - mean) * (p->values[i] - mean);
    }
    s->n_lik = p->n;
    s->df = (double)p->n - NPAR;
    s->rss = f->sse;
    s->sigma = sqrt(f->sse / s->df);
    s->r_squared = tss > 0.0 ? 1.0 - f->sse / tss : NAN;
    ind_fit_information(s, NPAR + 1);
    s->aicc_level = s->aicc;
    s2 = s->sigma * s->sigma;
    ind_proj_quantiles(p, s->df, q);
    for (i = 0; i < p->h; i++) {
        double xi = (double)(p->first_year + (int)i) - centre;
        double fit = f->par[P_K]
                     / (1.0 + curve_exp(f->par[P_R], f->par[P_M], xi));
        double se_fit;

        curve_gradient(f->par, xi, g);
        se_fit = gradient_se(f, g, s2);
        ind_proj_forecast(p, i, fit, sqrt(s2 + se_fit * se_fit), q, 0, 0);
    }
    ind_proj_coef(p, "asymptote", f->par[P_K], sqrt(s2 * f->cov[0]));
    ind_proj_coef(p, "rate", f->par[P_R], sqrt(s2 * f->cov[4]));
    ind_proj_coef(p, "midpoint", f->par[P_M] + centre, sqrt(s2 * f->cov[8]));
    ind_proj_method(p, "logistic trend K / (1 + exp(-r (year - m))) by "
                       "nonlinear least squares; t intervals by the delta "
                       "method");
}

int ind_proj_fit_logistic(ind_projection *p, const ind_proj_input *in,
                          ind_error *err)
{
    double centre = (in->years[0] + in->years[in->n - 1]) / 2.0;
    double ymax = in->values[0];
    logistic_data d;
    logistic_fit f = { { 0 }, { 0 }, 0.0 };
    size_t i;
    int rc;

    rc = ind_proj_need_positive(in, IND_MODEL_LOGISTIC, err);
    if (rc != IND_OK)
        return rc;
    /* The centred years live in resid[] until the fit is stored. */
    for (i = 0; i < in->n; i++) {
        p->resid[i] = in->years[i] - centre;
        if (in->values[i] > ymax)
            ymax = in->values[i];
    }
    d.x = p->resid;
    d.y = in->values;
    d.n = in->n;
    rc = best_fit(&d, ymax, &f, err);
    if (rc != IND_OK)
        return rc;
    for (i = 0; i < in->n; i++)
        p->fitted[i] = p->resid[i];
    logistic_store(p, &f, p->fitted, centre);
    return IND_OK;
}
