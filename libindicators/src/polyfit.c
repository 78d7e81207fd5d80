/* polyfit: least-squares polynomials on arbitrary (x, y), accurate enough
 * for the NIST StRD polynomial problems (Filip, Wampler1-5).
 *
 * Three things carry the accuracy:
 * 1. x is mapped to t = (x - centre) / scale in [-1, 1], so the design
 *    matrix of powers of t is well conditioned (a quintic on raw years
 *    2000-2020 has columns of size 1 and 3e16 and loses every digit);
 * 2. the least-squares problem is solved by Householder QR (GSL);
 * 3. the solution is refined on the augmented system
 *        [ I  A ] [r]   [y]
 *        [ A' 0 ] [b] = [0]
 *    (Björck 1967) with the residuals f = y - r - A b and g = -A' r
 *    accumulated in long double. Plain refinement of b alone stalls on
 *    large-residual problems such as Wampler5, whose residuals are 2e7
 *    while every coefficient is 1; refining r and b together does not.
 * Coefficients in powers of (x - origin) are exact algebra on the refined
 * t-basis coefficients, also carried out in long double. */
#include "indicators/projection.h"
#include "error_internal.h"
#include "fitstats.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Refinement stops after this many rounds or when a correction no longer
 * shrinks; three rounds are usually enough for double-precision results. */
#define REFINE_MAX_ROUNDS 8
/* A QR diagonal this much smaller than the largest one means the design
 * is numerically singular even after scaling: refuse rather than guess. */
#define RANK_TOLERANCE 1e-13

struct ind_polyfit {
    size_t n;
    int degree;
    size_t p;
    long double centre;
    long double scale;
    long double coef_t[IND_POLYFIT_MAX_DEGREE + 1];
    double r[(IND_POLYFIT_MAX_DEGREE + 1) * (IND_POLYFIT_MAX_DEGREE + 1)];
    ind_fit_stats stats;
    double *fitted;
    double *resid;
};

/* Scratch for one fit, carved out of a single allocation. */
typedef struct work {
    double *a;          /* n x p design, then its QR */
    double *tau;        /* p Householder scalars */
    double *f;          /* n: residual of the first block row */
    double *g;          /* p: residual of the second block row */
    double *sorted;     /* n: sorted x, for counting distinct values */
    long double *t;     /* n: scaled x */
    long double *res;   /* n: refined residual r */
} work;

static int compare_double(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;

    return (x > y) - (x < y);
}

static int check_input(const double *x, const double *y, size_t n,
                       int degree, ind_error *err)
{
    size_t i;

    if (degree < 0 || degree > IND_POLYFIT_MAX_DEGREE)
        return ind_error_set(err, IND_EINVAL,
                             "polynomial degree %d is outside 0..%d", degree,
                             IND_POLYFIT_MAX_DEGREE);
    if ((size_t)degree + 1 > n)
        return ind_error_set(err, IND_EDOMAIN,
                             "a degree-%d polynomial needs at least %d "
                             "points, got %zu", degree, degree + 1, n);
    for (i = 0; i < n; i++) {
        if (!isfinite(x[i]) || !isfinite(y[i]))
            return ind_error_set(err, IND_EDATA,
                                 "point %zu is not finite (x = %g, y = %g)",
                                 i + 1, x[i], y[i]);
    }
    return IND_OK;
}

static size_t count_distinct(const double *x, size_t n, double *sorted)
{
    size_t i, distinct = n > 0 ? 1 : 0;

    memcpy(sorted, x, n * sizeof *sorted);
    qsort(sorted, n, sizeof *sorted, compare_double);
    for (i = 1; i < n; i++) {
        if (sorted[i] != sorted[i - 1])
            distinct++;
    }
    return distinct;
}

static int work_alloc(work *w, size_t n, size_t p)
{
    size_t doubles = n * p + p + n + p + n;
    size_t bytes = doubles * sizeof(double) + 2 * n * sizeof(long double);
    char *block = malloc(bytes);

    if (block == NULL)
        return IND_ENOMEM;
    /* long doubles first: the block is suitably aligned for them. */
    w->t = (long double *)(void *)block;
    w->res = w->t + n;
    w->a = (double *)(void *)(w->res + n);
    w->tau = w->a + n * p;
    w->f = w->tau + p;
    w->g = w->f + n;
    w->sorted = w->g + p;
    return IND_OK;
}

static void work_free(work *w)
{
    free(w->t);
}

/* Map x to [-1, 1] around its midrange; a constant x keeps scale 1. */
static void scale_x(ind_polyfit *fit, const double *x, work *w)
{
    size_t i;
    double lo = x[0], hi = x[0];

    for (i = 1; i < fit->n; i++) {
        if (x[i] < lo)
            lo = x[i];
        if (x[i] > hi)
            hi = x[i];
    }
    fit->centre = ((long double)lo + (long double)hi) / 2.0L;
    fit->scale = ((long double)hi - (long double)lo) / 2.0L;
    if (fit->scale == 0.0L)
        fit->scale = 1.0L;
    for (i = 0; i < fit->n; i++)
        w->t[i] = ((long double)x[i] - fit->centre) / fit->scale;
}

static void build_design(const ind_polyfit *fit, work *w)
{
    size_t i, j;

    for (i = 0; i < fit->n; i++) {
        long double power = 1.0L;

        for (j = 0; j < fit->p; j++) {
            w->a[i * fit->p + j] = (double)power;
            power *= w->t[i];
        }
    }
}

/* sum_j c[j] t^j by Horner's rule in long double. */
static long double horner(const long double *c, size_t p, long double t)
{
    long double v = 0.0L;
    size_t j = p;

    while (j-- > 0)
        v = v * t + c[j];
    return v;
}

static int check_rank(const ind_polyfit *fit, const work *w, ind_error *err)
{
    size_t j;
    double big = 0.0;

    for (j = 0; j < fit->p; j++) {
        double d = fabs(w->a[j * fit->p + j]);

        if (d > big)
            big = d;
    }
    for (j = 0; j < fit->p; j++) {
        if (!(fabs(w->a[j * fit->p + j]) > RANK_TOLERANCE * big))
            return ind_error_set(err, IND_ENUMERIC,
                                 "the degree-%d design is numerically "
                                 "singular even after scaling x",
                                 fit->degree);
    }
    return IND_OK;
}

/* The residuals of the augmented system at (res, coef_t), in long double,
 * rounded to double for the correction solve. */
static void augmented_residual(const ind_polyfit *fit, const double *y,
                               work *w)
{
    size_t i, j;
    long double g[IND_POLYFIT_MAX_DEGREE + 1] = { 0 };

    for (i = 0; i < fit->n; i++) {
        long double power = 1.0L;

        w->f[i] = (double)((long double)y[i] - w->res[i]
                           - horner(fit->coef_t, fit->p, w->t[i]));
        for (j = 0; j < fit->p; j++) {
            g[j] -= power * w->res[i];
            power *= w->t[i];
        }
    }
    for (j = 0; j < fit->p; j++)
        w->g[j] = (double)g[j];
}

/* One correction of the augmented system with the QR of A:
 *   R' h = g,  d = Q' f,  db = R^-1 (d1 - h),  dr = Q [h; d2].
 * Adds the corrections and returns the size of db relative to b. */
static int refine_once(ind_polyfit *fit, work *w, double *change)
{
    gsl_matrix_view qr = gsl_matrix_view_array(w->a, fit->n, fit->p);
    gsl_matrix_const_view rr = gsl_matrix_const_submatrix(&qr.matrix, 0, 0,
                                                          fit->p, fit->p);
    gsl_vector_view tau = gsl_vector_view_array(w->tau, fit->p);
    gsl_vector_view f = gsl_vector_view_array(w->f, fit->n);
    gsl_vector_view g = gsl_vector_view_array(w->g, fit->p);
    long double norm_b = 0.0L, norm_db = 0.0L;
    int status;
    size_t j;

    status = gsl_blas_dtrsv(CblasUpper, CblasTrans, CblasNonUnit,
                            &rr.matrix, &g.vector);
    if (status == GSL_SUCCESS)
        status = gsl_linalg_QR_QTvec(&qr.matrix, &tau.vector, &f.vector);
    if (status != GSL_SUCCESS)
        return status;
    for (j = 0; j < fit->p; j++) {
        double h = w->g[j];

        w->g[j] = w->f[j] - h;   /* d1 - h, solved below */
        w->f[j] = h;             /* [h; d2], mapped back by Q */
    }
    status = gsl_blas_dtrsv(CblasUpper, CblasNoTrans, CblasNonUnit,
                            &rr.matrix, &g.vector);
    if (status == GSL_SUCCESS)
        status = gsl_linalg_QR_Qvec(&qr.matrix, &tau.vector, &f.vector);
    if (status != GSL_SUCCESS)
        return status;
    for (j = 0; j < fit->p; j++) {
        fit->coef_t[j] += w->g[j];
        norm_b += fabsl(fit->coef_t[j]);
        norm_db += fabsl((long double)w->g[j]);
    }
    for (j = 0; j < fit->n; j++)
        w->res[j] += w->f[j];
    *change = norm_b > 0.0L ? (double)(norm_db / norm_b) : (double)norm_db;
    return GSL_SUCCESS;
}

/* Start from b = 0, r = 0: the first correction is the plain QR solution,
 * the following ones refine it until the corrections stop shrinking. */
static int solve(ind_polyfit *fit, const double *y, work *w, ind_error *err)
{
    double change, previous = HUGE_VAL;
    int round, status;
    size_t i;

    for (i = 0; i < fit->n; i++)
        w->res[i] = 0.0L;
    for (i = 0; i < fit->p; i++)
        fit->coef_t[i] = 0.0L;
    for (round = 0; round < REFINE_MAX_ROUNDS; round++) {
        augmented_residual(fit, y, w);
        status = refine_once(fit, w, &change);
        if (status != GSL_SUCCESS)
            return ind_error_from_gsl(err, status, "polynomial fit");
        if (change == 0.0 || (round > 0 && change > 0.5 * previous))
            break;
        previous = change;
    }
    for (i = 0; i < fit->p; i++) {
        if (!isfinite((double)fit->coef_t[i]))
            return ind_error_set(err, IND_ENUMERIC,
                                 "polynomial fit gave a non-finite "
                                 "coefficient");
    }
    return IND_OK;
}

static void keep_r(ind_polyfit *fit, const work *w)
{
    size_t i, j;

    for (i = 0; i < fit->p; i++)
        for (j = 0; j < fit->p; j++)
            fit->r[i * fit->p + j] = j >= i ? w->a[i * fit->p + j] : 0.0;
}

static int finish_stats(ind_polyfit *fit, const double *y, work *w,
                        ind_error *err)
{
    long double mean = 0.0L, rss = 0.0L, tss = 0.0L;
    ind_fit_stats *s = &fit->stats;
    size_t i;

    for (i = 0; i < fit->n; i++)
        mean += y[i];
    mean /= (long double)fit->n;
    for (i = 0; i < fit->n; i++) {
        long double value = horner(fit->coef_t, fit->p, w->t[i]);
        long double e = (long double)y[i] - value;

        fit->fitted[i] = (double)value;
        fit->resid[i] = (double)e;
        rss += e * e;
        tss += ((long double)y[i] - mean) * ((long double)y[i] - mean);
        if (!isfinite(fit->fitted[i]))
            return ind_error_set(err, IND_ENUMERIC,
                                 "polynomial fit gave a non-finite value");
    }
    memset(s, 0, sizeof *s);
    s->n = fit->n;
    s->n_lik = fit->n;
    s->df = (double)(fit->n - fit->p);
    s->rss = (double)rss;
    s->sigma = s->df > 0.0 ? sqrt(s->rss / s->df) : NAN;
    s->r_squared = tss > 0.0L ? (double)(1.0L - rss / tss) : NAN;
    s->growth_rate = NAN;
    s->origin = (double)fit->centre;
    ind_fit_information(s, fit->p + 1);
    s->aicc_level = s->aicc;
    return IND_OK;
}

static int fit_alloc(ind_polyfit **out, size_t n, int degree)
{
    ind_polyfit *fit = calloc(1, sizeof *fit + 2 * n * sizeof(double));

    if (fit == NULL)
        return IND_ENOMEM;
    fit->n = n;
    fit->degree = degree;
    fit->p = (size_t)degree + 1;
    fit->fitted = (double *)(void *)(fit + 1);
    fit->resid = fit->fitted + n;
    *out = fit;
    return IND_OK;
}

static int fit_run(ind_polyfit *fit, const double *x, const double *y,
                   work *w, ind_error *err)
{
    gsl_matrix_view a = gsl_matrix_view_array(w->a, fit->n, fit->p);
    gsl_vector_view tau = gsl_vector_view_array(w->tau, fit->p);
    size_t distinct = count_distinct(x, fit->n, w->sorted);
    int rc;

    if (distinct < fit->p)
        return ind_error_set(err, IND_EDOMAIN,
                             "a degree-%d polynomial needs at least %zu "
                             "distinct x values, got %zu", fit->degree,
                             fit->p, distinct);
    scale_x(fit, x, w);
    build_design(fit, w);
    rc = ind_error_from_gsl(err, gsl_linalg_QR_decomp(&a.matrix, &tau.vector),
                            "QR decomposition");
    if (rc == IND_OK)
        rc = check_rank(fit, w, err);
    if (rc == IND_OK)
        rc = solve(fit, y, w, err);
    if (rc == IND_OK)
        keep_r(fit, w);
    if (rc == IND_OK)
        rc = finish_stats(fit, y, w, err);
    return rc;
}

int ind_polyfit_fit(ind_polyfit **out, const double *x, const double *y,
                    size_t n, int degree, ind_error *err)
{
    ind_polyfit *fit = NULL;
    work w;
    int rc;

    if (out == NULL || x == NULL || y == NULL)
        return ind_error_set(err, IND_EINVAL,
                             "ind_polyfit_fit: NULL argument");
    *out = NULL;
    rc = check_input(x, y, n, degree, err);
    if (rc != IND_OK)
        return rc;
    if (fit_alloc(&fit, n, degree) != IND_OK
        || work_alloc(&w, n, (size_t)degree + 1) != IND_OK) {
        free(fit);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    rc = fit_run(fit, x, y, &w, err);
    work_free(&w);
    if (rc != IND_OK) {
        free(fit);
        return rc;
    }
    *out = fit;
    return IND_OK;
}

void ind_polyfit_free(ind_polyfit *fit)
{
    free(fit);
}

int ind_polyfit_degree(const ind_polyfit *fit)
{
    return fit != NULL ? fit->degree : -1;
}

void ind_polyfit_stats(const ind_polyfit *fit, ind_fit_stats *out)
{
    if (fit != NULL && out != NULL)
        *out = fit->stats;
}

const double *ind_polyfit_fitted(const ind_polyfit *fit)
{
    return fit != NULL ? fit->fitted : NULL;
}

const double *ind_polyfit_residuals(const ind_polyfit *fit)
{
    return fit != NULL ? fit->resid : NULL;
}

/* sigma * || R^-T v ||: the standard error of the linear combination v'b
 * of the t-basis coefficients (R's se.fit when v holds powers of t). */
static double combination_se(const ind_polyfit *fit, const long double *v)
{
    double z[IND_POLYFIT_MAX_DEGREE + 1];
    gsl_matrix_const_view rr = gsl_matrix_const_view_array(fit->r, fit->p,
                                                           fit->p);
    gsl_vector_view zv = gsl_vector_view_array(z, fit->p);
    size_t j;

    if (!(fit->stats.df > 0.0))
        return NAN;
    for (j = 0; j < fit->p; j++)
        z[j] = (double)v[j];
    if (gsl_blas_dtrsv(CblasUpper, CblasTrans, CblasNonUnit, &rr.matrix,
                       &zv.vector) != GSL_SUCCESS)
        return NAN;
    return fit->stats.sigma * gsl_blas_dnrm2(&zv.vector);
}

/* Binomial coefficient C(j, k) for j <= IND_POLYFIT_MAX_DEGREE, exact. */
static long double binomial(size_t j, size_t k)
{
    long double c = 1.0L;
    size_t i;

    for (i = 1; i <= k; i++)
        c = c * (long double)(j - k + i) / (long double)i;
    return c;
}

/* Row k of the map from t-basis coefficients to powers of (x - origin):
 *   coef_k = sum_{j>=k} C(j,k) d^(j-k) / s^j  coef_t[j],  d = origin - c. */
static void basis_row(const ind_polyfit *fit, long double d, size_t k,
                      long double *row)
{
    size_t j;

    for (j = 0; j < fit->p; j++) {
        row[j] = 0.0L;
        if (j >= k)
            row[j] = binomial(j, k) * powl(d, (long double)(j - k))
                     / powl(fit->scale, (long double)j);
    }
}

int ind_polyfit_coefficients(const ind_polyfit *fit, double origin,
                             double *coef, double *se, ind_error *err)
{
    long double row[IND_POLYFIT_MAX_DEGREE + 1];
    long double d;
    size_t j, k;

    if (fit == NULL || coef == NULL || !isfinite(origin))
        return ind_error_set(err, IND_EINVAL,
                             "ind_polyfit_coefficients: NULL fit or "
                             "coefficients, or a non-finite origin");
    d = (long double)origin - fit->centre;
    for (k = 0; k < fit->p; k++) {
        long double sum = 0.0L;

        basis_row(fit, d, k, row);
        for (j = k; j < fit->p; j++)
            sum += row[j] * fit->coef_t[j];
        coef[k] = (double)sum;
        if (se != NULL)
            se[k] = combination_se(fit, row);
        if (!isfinite(coef[k]))
            return ind_error_set(err, IND_ENUMERIC,
                                 "coefficient %zu about %g overflows", k,
                                 origin);
    }
    return IND_OK;
}

int ind_polyfit_predict(const ind_polyfit *fit, double x, double *value,
                        double *se_fit, ind_error *err)
{
    long double v[IND_POLYFIT_MAX_DEGREE + 1];
    long double t, power = 1.0L;
    size_t j;

    if (fit == NULL || value == NULL || !isfinite(x))
        return ind_error_set(err, IND_EINVAL,
                             "ind_polyfit_predict: NULL fit or value, or "
                             "a non-finite x");
    t = ((long double)x - fit->centre) / fit->scale;
    for (j = 0; j < fit->p; j++) {
        v[j] = power;
        power *= t;
    }
    *value = (double)horner(fit->coef_t, fit->p, t);
    if (se_fit != NULL)
        *se_fit = combination_se(fit, v);
    if (!isfinite(*value))
        return ind_error_set(err, IND_ENUMERIC,
                             "the polynomial overflows at x = %g", x);
    return IND_OK;
}
