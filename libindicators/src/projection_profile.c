/* projection_profile: what the SES-based models (theta, dotm) share: the
 * minimum of a one-parameter profile over [lo, hi] (their other parameters
 * have a closed form once the smoothing weight is fixed), and their fit
 * statistics.
 *
 * A grid of PROFILE_GRID points, then Brent's method (GSL) in the bracket
 * around the best grid point; a best point on a bound of the grid is
 * polished on that side only when the midpoint next to it is lower. The
 * grid guards against the local minima a profile of a short series can
 * have; Brent makes the result exact to PROFILE_TOL. A profile flat to
 * rounding (a constant series) has no bracket: the best grid point is the
 * answer.
 *
 * With refine_ends, a best point on a bound is first looked at more
 * closely: PROFILE_SUBGRID points across the last grid interval, and an
 * interior one that beats the bound is polished by Brent between its
 * neighbours (a minimum just inside a bound, where the midpoint test
 * alone would stop at the bound). theta keeps the plain rule, with which
 * its agreement with R was measured. */
#include "projection_internal.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>
#include <math.h>

#define PROFILE_GRID 40
#define PROFILE_TOL 1e-10
#define PROFILE_MAX_ITER 200
#define PROFILE_SUBGRID 16

/* The best of PROFILE_SUBGRID points strictly inside (a, b) and its
 * neighbours; 0 when none beats fbest. */
static int sub_bracket(double (*fn)(double, void *), void *params, double a,
                       double b, double fbest, double *lo, double *mid,
                       double *fmid, double *hi)
{
    double x[PROFILE_SUBGRID + 2], fx[PROFILE_SUBGRID + 2];
    size_t i, best = 0;

    for (i = 0; i < PROFILE_SUBGRID + 2; i++) {
        x[i] = a + (b - a) * (double)i / (PROFILE_SUBGRID + 1);
        fx[i] = i == 0 || i == PROFILE_SUBGRID + 1 ? INFINITY
                                                    : fn(x[i], params);
        if (fx[i] < fx[best])
            best = i;
    }
    if (!(fx[best] < fbest))
        return 0;
    *lo = x[best - 1];
    *mid = x[best];
    *fmid = fx[best];
    *hi = x[best + 1];
    return 1;
}

int ind_proj_profile_min(double (*fn)(double, void *), void *params,
                         double lo, double hi, int refine_ends, double *x,
                         const char *what, ind_error *err)
{
    gsl_function f = { fn, params };
    double grid[PROFILE_GRID], value[PROFILE_GRID];
    double a, b, m, fm, fa, fb;
    size_t i, best = 0;
    int status, iter = 0;
    gsl_min_fminimizer *s;

    for (i = 0; i < PROFILE_GRID; i++) {
        grid[i] = lo + (hi - lo) * (double)i / (PROFILE_GRID - 1);
        value[i] = fn(grid[i], params);
        if (value[i] < value[best])
            best = i;
    }
    if (best == 0 || best == PROFILE_GRID - 1) {
        /* A minimum on a bound of the grid: polish it on that side. */
        a = best == 0 ? grid[0] : grid[PROFILE_GRID - 2];
        b = best == 0 ? grid[1] : grid[PROFILE_GRID - 1];
        m = 0.5 * (a + b);
        fm = fn(m, params);
        if (!(fm < value[best])
            && !(refine_ends && sub_bracket(fn, params, a, b, value[best],
                                            &a, &m, &fm, &b))) {
            *x = grid[best];
            return IND_OK;
        }
    } else {
        a = grid[best - 1];
        b = grid[best + 1];
        m = grid[best];
        fm = value[best];
    }
    fa = fn(a, params);
    fb = fn(b, params);
    if (!(fm < fa && fm < fb)) {
        /* flat to rounding: no bracket to polish */
        *x = m;
        return IND_OK;
    }
    s = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    if (s == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    status = gsl_min_fminimizer_set_with_values(s, &f, m, fm, a, fa, b, fb);
    while (status == GSL_SUCCESS && iter++ < PROFILE_MAX_ITER) {
        status = gsl_min_fminimizer_iterate(s);
        if (status != GSL_SUCCESS)
            break;
        if (gsl_min_test_interval(gsl_min_fminimizer_x_lower(s),
                                  gsl_min_fminimizer_x_upper(s), PROFILE_TOL,
                                  0.0) == GSL_SUCCESS)
            break;
    }
    m = gsl_min_fminimizer_x_minimum(s);
    gsl_min_fminimizer_free(s);
    if (status != GSL_SUCCESS)
        return ind_error_from_gsl(err, status, what);
    *x = m;
    return IND_OK;
}

void ind_proj_smoothing_stats(ind_projection *p, size_t n_errors, double sse,
                              double df, int nparams)
{
    ind_fit_stats *s = &p->stats;
    double mean = 0.0, tss = 0.0;
    size_t t;

    for (t = 0; t < p->n; t++)
        mean += p->values[t] / (double)p->n;
    for (t = 0; t < p->n; t++)
        tss += (p->values[t] - mean) * (p->values[t] - mean);
    s->n_lik = n_errors;
    s->rss = sse;
    s->df = df;
    s->sigma = df > 0.0 ? sqrt(sse / df) : NAN;
    s->r_squared = tss > 0.0 ? 1.0 - sse / tss : NAN;
    ind_fit_information(s, nparams);
    s->aicc_level = s->aicc;
}
