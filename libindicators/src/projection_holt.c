/* projection_holt: Holt's linear exponential smoothing, plain and damped,
 * as R's forecast::holt(y, initial = "simple") computes it (through
 * HoltWintersZZ and zzhw):
 *
 *   initial state  l0 = y1, b0 = y2 - y1
 *   for t = 1..n   yhat_t = l + phi b,  e_t = y_t - yhat_t,
 *                  l' = alpha y_t + (1 - alpha)(l + phi b)
 *                  b' = beta (l' - l) + (1 - beta) phi b
 *   SSE = sum e_t^2 over all n steps (the first error is -(y2 - y1) phi
 *   whatever the weights; R keeps it, so do we).
 *
 * alpha and beta (beta in the classical form, smoothing the level's
 * changes) not fixed by the caller minimise the SSE over [0, 1]; R does it
 * with L-BFGS-B from alpha = 0.2, beta = 0.1 alpha. We use GSL's
 * Nelder-Mead from the same start, on the SSE at the parameters clamped
 * into their box plus a penalty proportional to the distance outside it:
 * the clamped SSE is flat along the outward normal, so any positive slope
 * keeps the minimum on the box, and a linear (not quadratic) one makes the
 * simplex contract onto a bound instead of drifting. Two coarse searches
 * run, from R's start and from the best point of a coarse grid (R's
 * search can stop at a poor local minimum: alpha 0.024 instead of 0.994
 * on certification_bodies, SSE 77852 instead of 55765; ours looks for the
 * global one), and the lower is polished to the fine tolerance: near a
 * bound (common: beta = 1 on two fifths of a large panel's series) as a
 * minimum on it, with the weights there fixed, kept when no weight lowers
 * the SSE by moving inside; else by Nelder-Mead restarted from its result
 * until it stops improving, then on the bounds it reached. This finds the
 * same minima as searching from both starts to the end (or lower ones: a
 * simplex alone can stop short on a bound, the kink, at a relative SSE
 * about 1e-8 too high) with less than half the simplex's evaluations. phi, when estimated, is searched in
 * [0.8, 0.98] (the bounds of R's ets()).
 *
 * Forecasts h steps ahead: l_n + (phi + ... + phi^h) b_n. Intervals: the
 * ETS(A,Ad,N) analytic variance (Hyndman et al. 2008, class 1) with the
 * state-space trend weight beta* = alpha beta:
 *   v_h = sigma^2 (1 + sum_{j=1}^{h-1} c_j^2),
 *   c_j = alpha + alpha beta (phi + ... + phi^j)   (= alpha (1 + j beta)
 *   without damping), sigma^2 = SSE / n as R (no degrees-of-freedom
 *   correction), normal quantiles. R's forecast() of a HoltWintersZZ fit
 *   plugs the classical beta into the state-space formula where alpha beta
 *   belongs, so R's own holt(initial = "simple") intervals are wider than
 *   these from two steps ahead whenever alpha < 1 (alpha 0.6, beta 0.3 on
 *   certified_organisations: 80% upper bound 1349785 instead of 1342996
 *   two years ahead); the point forecasts agree. */
#include "projection_internal.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multimin.h>
#include <math.h>
#include <string.h>

#define HOLT_TOL 1e-10       /* simplex size at which a search stops */
/* The fits of a rolling origin (auto, calibration, backtest) only feed
 * error statistics: a looser stop (weights to about 1e-6) halves their
 * cost without moving any figure they produce by more than rounding. */
#define HOLT_TOL_ROLLING 1e-6
#define HOLT_MAX_ITER 2000   /* iterations per search */
#define HOLT_STEP 0.1        /* first simplex of a coarse search */
#define HOLT_TOL_COARSE 1e-3 /* where a coarse search stops */
#define HOLT_TIE 1e-3        /* coarse objectives this close: polish both */
#define HOLT_STEP_POLISH 1e-2 /* first simplex of a polish */
#define HOLT_STEP_RESTART 1e-6 /* a restart's simplex: it grows if it must */
#define HOLT_NEAR_COARSE 1e-2 /* a coarse point this near a bound: try it */
#define HOLT_NEAR 1e-6       /* a fine point this near a bound: try it */
#define HOLT_INWARD 1e-6     /* the step inside that tests a bound */
#define HOLT_RESTARTS 6      /* restarts from the best point */
#define HOLT_GRID 9          /* coarse grid per free parameter */
#define HOLT_LANES 4         /* grid points evaluated together */
#define PHI_LO 0.8
#define PHI_HI 0.98

enum { P_ALPHA, P_BETA, P_PHI, NPAR };

typedef struct holt_problem {
    const double *y;
    size_t n;
    double par[NPAR];      /* fixed values, or the current point */
    double lo[NPAR];
    double hi[NPAR];
    int free_index[NPAR];  /* which of par[] the search moves */
    size_t nfree;
    double penalty;        /* objective added per unit of distance outside */
    double tol;            /* simplex size at which a search stops */
} holt_problem;

typedef struct holt_run {
    double sse;
    double level;          /* final state */
    double trend;
} holt_run;

/* One pass of the recursion; fitted/resid may be NULL. */
static holt_run holt_filter(const double *y, size_t n, const double *par,
                            double *fitted, double *resid)
{
    double alpha = par[P_ALPHA], beta = par[P_BETA], phi = par[P_PHI];
    double level = y[0], trend = y[1] - y[0];
    holt_run run = { 0.0, 0.0, 0.0 };
    size_t i;

    for (i = 0; i < n; i++) {
        double yhat = level + phi * trend;
        double e = y[i] - yhat;
        double next = alpha * y[i] + (1.0 - alpha) * yhat;

        trend = beta * (next - level) + (1.0 - beta) * phi * trend;
        level = next;
        run.sse += e * e;
        if (fitted != NULL)
            fitted[i] = yhat;
        if (resid != NULL)
            resid[i] = e;
    }
    run.level = level;
    run.trend = trend;
    return run;
}

/* The SSE alone, for the search: holt_filter's recursion rearranged
 * exactly (l' - l = phi b + alpha e, so b' = phi b + alpha beta e) and
 * written on the one-step forecast f = l + phi b and the damped trend
 * d = phi b:
 *   e = y - f,  d' = phi (d + alpha beta e),  f' = (f + phi d) + (alpha +
 *   phi alpha beta) e
 * Nearly all of a fit's time is spent here, each step waiting on the one
 * before; this form's chain from one step to the next is a difference, a
 * product and a sum (12 cycles on x86-64, against 28 for the classical
 * form), and it stores nothing. The SSE agrees with holt_filter's to
 * rounding. */
typedef struct holt_chain {
    double phi, gain, dgain;   /* phi, alpha + phi alpha beta, phi alpha beta */
    double f, d, sse;
} holt_chain;

static inline void chain_init(holt_chain *c, const double *y,
                              const double *par)
{
    double ab = par[P_ALPHA] * par[P_BETA];

    c->phi = par[P_PHI];
    c->gain = par[P_ALPHA] + c->phi * ab;
    c->dgain = c->phi * ab;
    c->f = y[0] + c->phi * (y[1] - y[0]);
    c->d = c->phi * (y[1] - y[0]);
    c->sse = 0.0;
}

static inline void chain_step(holt_chain *c, double y)
{
    double e = y - c->f;

    c->f = (c->f + c->phi * c->d) + c->gain * e;
    c->d = c->phi * c->d + c->dgain * e;
    c->sse += e * e;
}

static double holt_sse(const double *y, size_t n, const double *par)
{
    holt_chain c;
    size_t i;

    chain_init(&c, y, par);
    for (i = 0; i < n; i++)
        chain_step(&c, y[i]);
    return c.sse;
}

/* holt_sse of HOLT_LANES weight sets in one pass: their chains do not
 * wait on each other, so the processor runs them side by side (the grid's
 * evaluations cost about a third as much). Each SSE is bit for bit
 * holt_sse's. */
static void holt_sse_lanes(const double *y, size_t n,
                           double par[HOLT_LANES][NPAR],
                           double sse[HOLT_LANES])
{
    holt_chain c[HOLT_LANES];
    size_t i, l;

    for (l = 0; l < HOLT_LANES; l++)
        chain_init(&c[l], y, par[l]);
    for (i = 0; i < n; i++)
        for (l = 0; l < HOLT_LANES; l++)
            chain_step(&c[l], y[i]);
    for (l = 0; l < HOLT_LANES; l++)
        sse[l] = c[l].sse;
}

static double clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Move the free parameters to x, clamped; returns the distance (1-norm)
 * from x to the box. */
static double place(holt_problem *hp, const gsl_vector *x)
{
    double outside = 0.0;
    size_t k;

    for (k = 0; k < hp->nfree; k++) {
        int i = hp->free_index[k];
        double v = gsl_vector_get(x, k);
        double c = clamp(v, hp->lo[i], hp->hi[i]);

        outside += fabs(v - c);
        hp->par[i] = c;
    }
    return outside;
}

static double objective(const gsl_vector *x, void *params)
{
    holt_problem *hp = params;
    double outside = place(hp, x);
    double sse = holt_sse(hp->y, hp->n, hp->par);

    if (!isfinite(sse))
        return GSL_POSINF;
    return sse + hp->penalty * outside;
}

/* One Nelder-Mead search from `start` (nfree entries) with simplex steps
 * `step`, until the simplex is smaller than `tol`; on success `start`
 * holds the best point and *best its objective. */
static int search(gsl_multimin_fminimizer *s, holt_problem *hp,
                  double *start, double step, double tol, double *best)
{
    gsl_multimin_function fn = { objective, hp->nfree, hp };
    gsl_vector_view x = gsl_vector_view_array(start, hp->nfree);
    double steps[NPAR] = { step, step, step };
    gsl_vector_view sv = gsl_vector_view_array(steps, hp->nfree);
    int status, iter = 0;
    size_t k;

    status = gsl_multimin_fminimizer_set(s, &fn, &x.vector, &sv.vector);
    while (status == GSL_SUCCESS && iter++ < HOLT_MAX_ITER) {
        status = gsl_multimin_fminimizer_iterate(s);
        if (status == GSL_SUCCESS
            && gsl_multimin_test_size(gsl_multimin_fminimizer_size(s),
                                      tol) == GSL_SUCCESS)
            break;
    }
    if (status == GSL_SUCCESS) {
        for (k = 0; k < hp->nfree; k++)
            start[k] = gsl_vector_get(gsl_multimin_fminimizer_x(s), k);
        *best = gsl_multimin_fminimizer_minimum(s);
    }
    return status;
}

/* A simplex creeps along a bound (the penalty's kink) and can stop short
 * of the minimum there, at a relative SSE about 1e-8 too high, so a
 * minimum on a bound is searched for with the weights there fixed on it:
 * those of `point` within `near` (a share of their range) of a bound are
 * put on it, the others searched alone to the fine tolerance. *fixed
 * counts the weights fixed (none: nothing done). `point` and *best are
 * replaced only by a lower objective. */
static int search_on_bounds(holt_problem *hp, double *point, double *best,
                            double near, size_t *fixed)
{
    holt_problem sub = *hp;
    gsl_vector_view pv = gsl_vector_view_array(point, hp->nfree);
    double x[NPAR], value;
    int status = GSL_SUCCESS;
    size_t k, m;

    place(hp, &pv.vector);
    sub.nfree = 0;
    for (k = 0; k < hp->nfree; k++) {
        int i = hp->free_index[k];
        double tol = near * (hp->hi[i] - hp->lo[i]);

        if (hp->par[i] - hp->lo[i] < tol)
            sub.par[i] = hp->lo[i];
        else if (hp->hi[i] - hp->par[i] < tol)
            sub.par[i] = hp->hi[i];
        else {
            sub.free_index[sub.nfree] = i;
            x[sub.nfree++] = hp->par[i];
        }
    }
    *fixed = hp->nfree - sub.nfree;
    if (*fixed == 0)
        return GSL_SUCCESS;
    if (sub.nfree > 0) {
        gsl_multimin_fminimizer *s = gsl_multimin_fminimizer_alloc(
            gsl_multimin_fminimizer_nmsimplex2, sub.nfree);

        if (s == NULL)
            return GSL_ENOMEM;
        status = search(s, &sub, x, HOLT_STEP_POLISH, hp->tol, &value);
        gsl_multimin_fminimizer_free(s);
    } else {
        value = holt_sse(sub.y, sub.n, sub.par);
    }
    if (status != GSL_SUCCESS || !(value < *best))
        return status;
    for (k = 0, m = 0; k < hp->nfree; k++) {
        int i = hp->free_index[k];

        if (m < sub.nfree && sub.free_index[m] == i)
            point[k] = x[m++];
        else
            point[k] = sub.par[i];
    }
    *best = value;
    return GSL_SUCCESS;
}

/* Whether `point`, of objective `value`, is a minimum with respect to the
 * weights on its bounds too: no one of them moved a little inside the box
 * lowers the SSE. */
static int bounds_hold(holt_problem *hp, const double *point, double value)
{
    double trial[NPAR];
    gsl_vector_view tv = gsl_vector_view_array(trial, hp->nfree);
    size_t k, j;

    for (k = 0; k < hp->nfree; k++) {
        int i = hp->free_index[k];
        double inward = HOLT_INWARD * (hp->hi[i] - hp->lo[i]);

        if (point[k] != hp->lo[i] && point[k] != hp->hi[i])
            continue;
        for (j = 0; j < hp->nfree; j++)
            trial[j] = point[j];
        trial[k] += point[k] == hp->lo[i] ? inward : -inward;
        if (objective(&tv.vector, hp) < value)
            return 0;
    }
    return 1;
}

/* Polish a point found by a coarse search to the fine tolerance. Near a
 * bound, first as a minimum on it, kept if no weight wants to leave it;
 * otherwise (and in the interior) by a search from a small simplex,
 * restarted from its result with a fresh one until the objective stops
 * improving (Nelder-Mead can stall on a ridge), and then on the bounds
 * the result lies on. */
static int polish(gsl_multimin_fminimizer *s, holt_problem *hp,
                  double *point, double *best)
{
    double value = *best, previous;
    size_t fixed;
    int status, r;

    status = search_on_bounds(hp, point, &value, HOLT_NEAR_COARSE, &fixed);
    if (status == GSL_SUCCESS && fixed > 0 && value < *best
        && bounds_hold(hp, point, value)) {
        *best = value;
        return GSL_SUCCESS;
    }
    if (status == GSL_SUCCESS)
        status = search(s, hp, point, HOLT_STEP_POLISH, hp->tol, &value);
    for (r = 0; status == GSL_SUCCESS && r < HOLT_RESTARTS; r++) {
        previous = value;
        status = search(s, hp, point, HOLT_STEP_RESTART, hp->tol, &value);
        if (!(value < previous * (1.0 - 1e-10)))
            break;
    }
    if (status == GSL_SUCCESS)
        status = search_on_bounds(hp, point, &value, HOLT_NEAR, &fixed);
    *best = value;
    return status;
}

/* R's starting point (initparam): alpha 0.2, beta 0.1 min(1, alpha),
 * phi 0.8 + 0.99 (0.98 - 0.8). */
static void r_start(const holt_problem *hp, double *point)
{
    double alpha = hp->par[P_ALPHA];
    double start[NPAR];
    size_t k;

    start[P_ALPHA] = 0.2;
    if (hp->free_index[0] == P_ALPHA)
        alpha = 0.2;
    start[P_BETA] = 0.1 * fmin(1.0, alpha);
    start[P_PHI] = PHI_LO + 0.99 * (PHI_HI - PHI_LO);
    for (k = 0; k < hp->nfree; k++)
        point[k] = start[hp->free_index[k]];
}

/* The best point of a coarse grid over the free parameters' box. */
static void grid_start(holt_problem *hp, double *point)
{
    double best = GSL_POSINF, par[HOLT_LANES][NPAR], sse[HOLT_LANES];
    size_t cells = 1, c, k, l, lanes;

    for (k = 0; k < hp->nfree; k++) {
        int i = hp->free_index[k];

        point[k] = 0.5 * (hp->lo[i] + hp->hi[i]);   /* if no SSE is finite */
        cells *= HOLT_GRID;
    }
    for (c = 0; c < cells; c += lanes) {
        lanes = cells - c < HOLT_LANES ? cells - c : HOLT_LANES;
        for (l = 0; l < HOLT_LANES; l++) {
            size_t rest = c + (l < lanes ? l : 0);

            memcpy(par[l], hp->par, sizeof par[l]);
            for (k = 0; k < hp->nfree; k++) {
                int i = hp->free_index[k];
                double u = ((double)(rest % HOLT_GRID) + 0.5) / HOLT_GRID;

                par[l][i] = hp->lo[i] + u * (hp->hi[i] - hp->lo[i]);
                rest /= HOLT_GRID;
            }
        }
        holt_sse_lanes(hp->y, hp->n, par, sse);
        for (l = 0; l < lanes; l++) {
            if (!(sse[l] < best))   /* NaN and infinities never win */
                continue;
            best = sse[l];
            for (k = 0; k < hp->nfree; k++)
                point[k] = par[l][hp->free_index[k]];
        }
    }
}

/* A weight within 1e-6 of a bound is put on it when that does not raise
 * the SSE by more than rounding: "alpha = 1" rather than 0.99999999. */
static void snap_to_bounds(holt_problem *hp)
{
    double before = holt_sse(hp->y, hp->n, hp->par);
    size_t k;

    for (k = 0; k < hp->nfree; k++) {
        int i = hp->free_index[k];
        double keep = hp->par[i], tol = 1e-6 * (hp->hi[i] - hp->lo[i]);
        double after;

        if (keep - hp->lo[i] < tol)
            hp->par[i] = hp->lo[i];
        else if (hp->hi[i] - keep < tol)
            hp->par[i] = hp->hi[i];
        else
            continue;
        after = holt_sse(hp->y, hp->n, hp->par);
        if (after > before * (1.0 + 1e-12))
            hp->par[i] = keep;
        else
            before = after;
    }
}

/* Two starts, R's and the best point of a grid, each searched coarsely;
 * the better one is polished to the fine tolerance. Where the two coarse
 * minima are distinct points with objectives too close for a coarse
 * search to rank, both are polished and the lower kept. */
static int estimate(holt_problem *hp, ind_error *err)
{
    double a[NPAR], b[NPAR], fa, fb;
    gsl_multimin_fminimizer *s;
    gsl_vector_view best;
    int status;
    size_t k;

    s = gsl_multimin_fminimizer_alloc(gsl_multimin_fminimizer_nmsimplex2,
                                      hp->nfree);
    if (s == NULL)
        return ind_error_from_gsl(err, GSL_ENOMEM, "Holt parameter search");
    r_start(hp, a);
    status = search(s, hp, a, HOLT_STEP, HOLT_TOL_COARSE, &fa);
    if (status == GSL_SUCCESS) {
        grid_start(hp, b);
        status = search(s, hp, b, HOLT_STEP, HOLT_TOL_COARSE, &fb);
    }
    if (status == GSL_SUCCESS) {
        double apart = 0.0;

        for (k = 0; k < hp->nfree; k++)
            apart = fmax(apart, fabs(a[k] - b[k]));
        if (apart > 10.0 * HOLT_TOL_COARSE
            && fabs(fa - fb) <= HOLT_TIE * fmin(fa, fb)) {
            status = polish(s, hp, a, &fa);
            if (status == GSL_SUCCESS)
                status = polish(s, hp, b, &fb);
        } else if (fb < fa) {
            status = polish(s, hp, b, &fb);
        } else {
            status = polish(s, hp, a, &fa);
            fb = GSL_POSINF;
        }
    }
    gsl_multimin_fminimizer_free(s);
    if (status != GSL_SUCCESS)
        return ind_error_from_gsl(err, status, "Holt parameter search");
    best = gsl_vector_view_array(fb < fa ? b : a, hp->nfree);
    place(hp, &best.vector);
    snap_to_bounds(hp);
    return IND_OK;
}

static void problem_init(holt_problem *hp, const ind_proj_input *in,
                         ind_model model)
{
    const ind_projection_options *o = &in->opts;
    double given[NPAR];
    double mean = 0.0, scale = 0.0;
    int i;
    size_t t;

    given[P_ALPHA] = o->alpha;
    given[P_BETA] = o->beta;
    given[P_PHI] = model == IND_MODEL_DAMPED ? o->phi : 1.0;
    hp->y = in->values;
    hp->n = in->n;
    hp->nfree = 0;
    for (i = 0; i < NPAR; i++) {
        hp->lo[i] = i == P_PHI ? PHI_LO : 0.0;
        hp->hi[i] = i == P_PHI ? PHI_HI : 1.0;
        hp->par[i] = given[i];
        if (given[i] == IND_PROJECTION_ESTIMATE)
            hp->free_index[hp->nfree++] = i;
    }
    /* The penalty's slope: the total sum of squares, so that leaving the
     * box by 0.1 costs a tenth of the spread of the data. */
    for (t = 0; t < in->n; t++)
        mean += in->values[t] / (double)in->n;
    for (t = 0; t < in->n; t++)
        scale += (in->values[t] - mean) * (in->values[t] - mean);
    hp->penalty = scale > 0.0 ? scale : 1.0;
}

static void holt_forecasts(ind_projection *p, const double *par,
                           const holt_run *run)
{
    double q[IND_PROJECTION_MAX_LEVELS];
    double alpha = par[P_ALPHA], beta = par[P_BETA], phi = par[P_PHI];
    double s2 = p->stats.sigma * p->stats.sigma;
    double phisum = 0.0, cj2 = 0.0;
    size_t i;

    ind_proj_quantiles(p, INFINITY, q);
    for (i = 0; i < p->h; i++) {
        double c;

        /* c_i for the next step uses phi + ... + phi^i (i >= 1). */
        phisum = phi * (1.0 + phisum);
        ind_proj_forecast(p, i, run->level + phisum * run->trend,
                          sqrt(s2 * (1.0 + cj2)), q, 0, 0);
        c = alpha + alpha * beta * phisum;
        cj2 += c * c;
    }
}

static void holt_stats(ind_projection *p, const holt_run *run, size_t nfree)
{
    ind_fit_stats *s = &p->stats;
    double mean = 0.0, tss = 0.0;
    size_t i;

    for (i = 0; i < p->n; i++)
        mean += p->values[i];
    mean /= (double)p->n;
    for (i = 0; i < p->n; i++)
        tss += (p->values[i] - mean) * (p->values[i] - mean);
    s->n_lik = p->n;
    s->rss = run->sse;
    s->sigma = sqrt(run->sse / (double)p->n);
    s->df = (double)p->n - 2.0 - (double)nfree;
    s->r_squared = tss > 0.0 ? 1.0 - run->sse / tss : NAN;
    /* Smoothing weights estimated, the two initial states, and sigma. */
    ind_fit_information(s, nfree + 3);
    s->aicc_level = s->aicc;
}

/* A weight estimated on a bound, in words: what it means for the
 * forecast, not "estimated at its bound". */
static void warn_bounds(ind_projection *p, const holt_problem *hp)
{
    static const char *const words[NPAR][2] = {
        { "the level weight came out at its limit 0: the level is never "
          "updated from the data after the first years",
          "the level weight came out at its limit 1: the forecast starts "
          "from the latest value alone, ignoring the years before it" },
        { "the trend weight came out at its limit 0: the trend is the "
          "first year's change, never updated",
          "the trend weight came out at its limit 1: the trend is the "
          "latest year's change alone" },
        { "the damping came out at its limit 0.8: the trend fades within "
          "a few years",
          "the damping came out at its limit 0.98: the trend fades only "
          "slowly" }
    };
    size_t k;

    for (k = 0; k < hp->nfree; k++) {
        int i = hp->free_index[k];
        double v = hp->par[i];

        if (v == hp->lo[i] || v == hp->hi[i])
            ind_proj_warn(p, "%s", words[i][v == hp->hi[i]]);
    }
}

static void holt_describe(ind_projection *p, const holt_problem *hp,
                          int damped)
{
    double l0 = hp->y[0], b0 = hp->y[1] - hp->y[0];

    ind_proj_coef(p, "alpha", hp->par[P_ALPHA], NAN);
    ind_proj_coef(p, "beta", hp->par[P_BETA], NAN);
    if (damped)
        ind_proj_coef(p, "phi", hp->par[P_PHI], NAN);
    ind_proj_coef(p, "initial level", l0, NAN);
    ind_proj_coef(p, "initial trend", b0, NAN);
    ind_proj_method(p, "%s: initial level = first value, initial trend = "
                       "first difference, %s; ETS(A,%s,N) normal "
                       "intervals with sigma^2 = SSE/n",
                    damped ? "damped Holt's method" : "Holt's linear method",
                    hp->nfree > 0 ? "weights minimise the one-step SSE"
                                  : "weights given",
                    damped ? "Ad" : "A");
}

int ind_proj_fit_holt(ind_projection *p, const ind_proj_input *in,
                      ind_model model, ind_error *err)
{
    int damped = model == IND_MODEL_DAMPED;
    holt_problem hp;
    holt_run run;
    int rc;

    rc = ind_proj_need_consecutive(in, model, err);
    if (rc != IND_OK)
        return rc;
    problem_init(&hp, in, model);
    hp.tol = in->rolling ? HOLT_TOL_ROLLING : HOLT_TOL;
    if (hp.nfree > 0) {
        rc = estimate(&hp, err);
        if (rc != IND_OK)
            return rc;
    }
    run = holt_filter(in->values, in->n, hp.par, p->fitted, p->resid);
    if (!isfinite(run.sse) || !isfinite(run.level) || !isfinite(run.trend))
        return ind_error_set(err, IND_ENUMERIC,
                             "%s recursion overflowed",
                             ind_model_name(model));
    holt_stats(p, &run, hp.nfree);
    holt_forecasts(p, hp.par, &run);
    holt_describe(p, &hp, damped);
    warn_bounds(p, &hp);
    return IND_OK;
}
