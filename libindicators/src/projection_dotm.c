/* projection_dotm: the Dynamic Optimised Theta Model of Fiorucci,
 * Pellegrini, Louzada, Petropoulos and Koehler (2016, IJF 32:1151-1161).
 *
 * With t = 1..n, a theta line of weight theta extrapolated by SES and the
 * OLS line A_t + B_t t of y_1..y_t as the long-run component, the one-step
 * forecast is
 *
 *   mu_t = l_{t-1} + (1 - 1/theta) [ (1 - alpha)^(t-1) A_{t-1}
 *                                    + ((1 - (1 - alpha)^t) / alpha) B_{t-1} ]
 *   l_t  = alpha y_t + (1 - alpha) l_{t-1}          (SES of y from l_0)
 *
 * and A_t, B_t are revised each year by the exact recursive OLS update
 *
 *   ybar_t = ((t - 1) ybar_{t-1} + y_t) / t
 *   B_t    = ((t - 2) B_{t-1} + (6 / t) (y_t - ybar_{t-1})) / (t + 1)
 *   A_t    = ybar_t - (t + 1) B_t / 2,     A_1 = y_1, B_1 = 0,
 *
 * so mu_1 has no regression behind it and the errors counted are those of
 * t = 2..n. The forecast h years ahead of n is
 *
 *   l_n + (1 - 1/theta) [ (1 - alpha)^n A_n
 *                         + (h - 1 + (1 - (1 - alpha)^(n+1)) / alpha) B_n ].
 *
 * (The bracket is what SES does to the line when its smoothing starts from
 * 0: theta = 2 with a fixed A, B is the standard Theta method up to the
 * initial level.) The parameters l_0, alpha in [0.1, 0.99] and theta >= 1
 * (the paper's space) minimise the mean squared one-step error.
 *
 * The errors are linear in l_0 and in c = 1 - 1/theta for a given alpha:
 * e_t = r_t - (1 - alpha)^(t-1) l_0 - c D_t, r_t the error of SES started
 * from 0 and D_t the bracket. So for each alpha, l_0 and c are a
 * two-variable least-squares problem, c clamped to [0, 1) (a convex
 * quadratic, so clamping the free optimum is exact), and the search is
 * over alpha alone: a grid, then Brent's method (projection_profile.c).
 * That is the global optimum where a Nelder-Mead over three parameters
 * (forecTheta's) may stop short of it.
 *
 * Model interval: as for SES with drift, se_h = sigma sqrt(1 + (h - 1)
 * alpha^2), sigma^2 = SSE / (m - 3) over the m = n - 1 errors, Student t
 * with m - 3 degrees of freedom; the calibrated interval replaces it by
 * default where auto or combo use the model. */
#include "projection_internal.h"

#include <math.h>

#define DOTM_ALPHA_LO 0.1
#define DOTM_ALPHA_HI 0.99
/* theta at most 1e10 (the paper's software bound): c below 1 */
#define DOTM_C_MAX (1.0 - 1e-10)

typedef struct dotm_fit {
    double alpha;
    double l0;
    double c;           /* 1 - 1/theta */
    double sse;
    size_t m;           /* errors counted */
    double level;       /* l_n */
    double a, b;        /* A_n, B_n */
} dotm_fit;

/* The recursive OLS state of y_1..y_t. */
typedef struct ols_state {
    double ybar, a, b;
} ols_state;

static void ols_update(ols_state *s, double y, size_t t)
{
    double tt = (double)t;

    if (t == 1) {
        s->ybar = y;
        s->b = 0.0;
    } else {
        s->b = ((tt - 2.0) * s->b + 6.0 / tt * (y - s->ybar)) / (tt + 1.0);
        s->ybar = ((tt - 1.0) * s->ybar + y) / tt;
    }
    s->a = s->ybar - 0.5 * (tt + 1.0) * s->b;
}

/* SSE at alpha with the best l0 and c; fills fit when non-NULL. */
static double dotm_profile(const double *y, size_t n, double alpha,
                           dotm_fit *fit)
{
    long double sww = 0, swd = 0, sdd = 0, swr = 0, sdr = 0, srr = 0;
    long double det, c, a, sse;
    double l = 0.0, w = 1.0, g = 1.0 - alpha;
    ols_state s = { 0.0, 0.0, 0.0 };
    size_t t;

    for (t = 1; t <= n; t++) {
        double yt = y[t - 1];

        if (t >= 2) {
            /* w = (1 - alpha)^(t-1) */
            long double d = (long double)w * s.a
                            + (1.0L - (long double)w * g) / alpha * s.b;
            long double r = (long double)yt - l;

            sww += (long double)w * w;
            swd += (long double)w * d;
            sdd += d * d;
            swr += (long double)w * r;
            sdr += d * r;
            srr += r * r;
        }
        l = alpha * yt + g * l;
        w *= g;
        ols_update(&s, yt, t);
    }
    det = sww * sdd - swd * swd;
    if (det > 1e-12L * sww * sdd)
        c = (sww * sdr - swd * swr) / det;
    else
        c = 0.5L;   /* D proportional to the l0 weight: theta = 2 */
    if (c < 0.0L)
        c = 0.0L;
    if (c > DOTM_C_MAX)
        c = DOTM_C_MAX;
    a = (swr - c * swd) / sww;
    sse = srr - 2.0L * a * swr - 2.0L * c * sdr + a * a * sww
          + 2.0L * a * c * swd + c * c * sdd;
    if (sse < 0.0L)
        sse = 0.0L;
    if (fit != NULL) {
        fit->alpha = alpha;
        fit->l0 = (double)a;
        fit->c = (double)c;
        fit->sse = (double)sse;
        fit->m = n - 1;
        fit->level = l + w * (double)a;   /* w = (1 - alpha)^n */
        fit->a = s.a;
        fit->b = s.b;
    }
    return (double)sse;
}

typedef struct dotm_problem {
    const double *y;
    size_t n;
} dotm_problem;

static double profile_fn(double alpha, void *params)
{
    const dotm_problem *pp = params;

    return dotm_profile(pp->y, pp->n, alpha, NULL);
}

static void dotm_in_sample(ind_projection *p, const dotm_fit *f)
{
    double l = f->l0, w = 1.0, g = 1.0 - f->alpha;
    ols_state o = { 0.0, 0.0, 0.0 };
    size_t t;

    p->fitted[0] = NAN;
    p->resid[0] = NAN;
    for (t = 1; t <= p->n; t++) {
        double yt = p->values[t - 1];

        if (t >= 2) {
            double d = w * o.a + (1.0 - w * g) / f->alpha * o.b;

            p->fitted[t - 1] = l + f->c * d;
            p->resid[t - 1] = yt - p->fitted[t - 1];
        }
        l = f->alpha * yt + g * l;
        w *= g;
        ols_update(&o, yt, t);
    }
    /* l0, alpha, theta and sigma */
    ind_proj_smoothing_stats(p, f->m, f->sse, (double)f->m - 3.0, 4);
}

int ind_proj_fit_dotm(ind_projection *p, const ind_proj_input *in,
                      ind_error *err)
{
    double q[IND_PROJECTION_MAX_LEVELS];
    dotm_problem pp = { in->values, in->n };
    dotm_fit f;
    double alpha, g, lift, theta;
    size_t i;
    int rc = ind_proj_need_consecutive(in, IND_MODEL_DOTM, err);

    if (rc == IND_OK)
        rc = ind_proj_profile_min(profile_fn, &pp, DOTM_ALPHA_LO,
                                  DOTM_ALPHA_HI, 1, &alpha,
                                  "DOTM weight search", err);
    if (rc != IND_OK)
        return rc;
    dotm_profile(in->values, in->n, alpha, &f);
    dotm_in_sample(p, &f);
    ind_proj_quantiles(p, p->stats.df > 0.0 ? p->stats.df : 0.0, q);
    g = 1.0 - f.alpha;
    lift = pow(g, (double)in->n) * f.a
           + (1.0 - pow(g, (double)in->n + 1.0)) / f.alpha * f.b;
    for (i = 0; i < p->h; i++) {
        double h1 = (double)i;   /* h - 1 */
        double se = p->stats.sigma * sqrt(1.0 + h1 * f.alpha * f.alpha);

        ind_proj_forecast(p, i, f.level + f.c * (lift + h1 * f.b), se, q, 0,
                          0);
    }
    theta = 1.0 / (1.0 - f.c);
    ind_proj_coef(p, "alpha", f.alpha, NAN);
    ind_proj_coef(p, "theta", theta, NAN);
    ind_proj_coef(p, "initial level", f.l0, NAN);
    ind_proj_coef(p, "slope", f.b, NAN);
    ind_proj_method(p, "dynamic optimised Theta (Fiorucci et al. 2016): SES "
                       "weight %.3g, theta %.3g, the trend line refitted "
                       "each year", f.alpha, theta);
    return IND_OK;
}
