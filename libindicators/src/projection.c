/* projection: model names, option and input checks, and the dispatch to
 * the model families (the result handle is in projection_result.c). */
#include "projection_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Years beyond this are not calendar years; the bound also keeps every
 * year exactly convertible to int. */
#define YEAR_LIMIT 1000000.0

static const char *const model_names[IND_MODEL_COUNT] = {
    "auto", "linear", "exponential", "polynomial", "drift",
    "holt", "damped", "logistic", "naive", "theta", "combo"
};

const char *ind_model_name(ind_model model)
{
    if ((int)model < 0 || (int)model >= IND_MODEL_COUNT)
        return "unknown";
    return model_names[model];
}

int ind_model_parse(ind_model *out, const char *text, ind_error *err)
{
    int m;

    if (out == NULL || text == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_model_parse: NULL "
                                              "argument");
    for (m = 0; m < IND_MODEL_COUNT; m++) {
        if (strcmp(text, model_names[m]) == 0) {
            *out = (ind_model)m;
            return IND_OK;
        }
    }
    if (strcmp(text, "quadratic") == 0) {
        *out = IND_MODEL_POLYNOMIAL;
        return IND_OK;
    }
    return ind_error_set(err, IND_EPARSE,
                         "unknown model '%.64s': expected auto, combo, "
                         "theta, drift, damped, holt, naive, linear, "
                         "exponential, polynomial (or quadratic) or "
                         "logistic", text);
}

static int is_estimated(double v)
{
    return v == IND_PROJECTION_ESTIMATE;
}

static size_t estimated_count(ind_model model,
                              const ind_projection_options *o)
{
    size_t k = (size_t)is_estimated(o->alpha) + (size_t)is_estimated(o->beta);

    if (model == IND_MODEL_DAMPED)
        k += (size_t)is_estimated(o->phi);
    return k;
}

size_t ind_projection_min_points(ind_model model,
                                 const ind_projection_options *opts)
{
    ind_projection_options defaults = IND_PROJECTION_OPTIONS_INIT;
    const ind_projection_options *o = opts != NULL ? opts : &defaults;
    int degree = o->degree > 0 ? o->degree : 2;

    switch (model) {
    case IND_MODEL_LINEAR:
    case IND_MODEL_EXPONENTIAL:
    case IND_MODEL_DRIFT:
    case IND_MODEL_NAIVE:
        return 2;
    case IND_MODEL_POLYNOMIAL:
        return (size_t)degree + 1;
    case IND_MODEL_HOLT:
    case IND_MODEL_DAMPED:
        /* Two points set the initial state; each estimated weight needs
         * one more one-step error to be identified. */
        return 2 + estimated_count(model, o);
    case IND_MODEL_LOGISTIC:
        return 4;
    case IND_MODEL_THETA:
    case IND_MODEL_COMBO:
        /* theta: alpha and the initial level, and one error to spare;
         * combo: drift and theta at least. */
        return 3;
    case IND_MODEL_AUTO:
    default:
        return 0;
    }
}

static int check_levels(ind_projection_options *o, ind_error *err)
{
    size_t j;

    if (o->nlevels == 0) {
        o->nlevels = 2;
        o->levels[0] = 80.0;
        o->levels[1] = 95.0;
    }
    if (o->nlevels > IND_PROJECTION_MAX_LEVELS)
        return ind_error_set(err, IND_EINVAL,
                             "%zu interval levels given, at most %d",
                             o->nlevels, IND_PROJECTION_MAX_LEVELS);
    for (j = 0; j < o->nlevels; j++) {
        if (!(o->levels[j] > 0.0 && o->levels[j] < 100.0))
            return ind_error_set(err, IND_EINVAL,
                                 "interval level %g is not strictly between "
                                 "0 and 100 (percent)", o->levels[j]);
    }
    return IND_OK;
}

static int check_weight(double v, const char *name, double lo, int lo_open,
                        ind_error *err)
{
    if (is_estimated(v))
        return IND_OK;
    if (!isfinite(v) || v > 1.0 || v < lo || (lo_open && v == lo))
        return ind_error_set(err, IND_EINVAL,
                             "%s = %g is outside %s%g, 1]", name, v,
                             lo_open ? "(" : "[", lo);
    return IND_OK;
}

static int uses(ind_model model, ind_model a, ind_model b)
{
    return model == IND_MODEL_AUTO || model == a || model == b;
}

/* Options a model cannot use are caller mistakes, not silent no-ops. */
static int check_model_options(const ind_projection_options *o,
                               ind_error *err)
{
    ind_model m = o->model;
    const char *name = ind_model_name(m);

    if (o->degree != 0 && !uses(m, IND_MODEL_POLYNOMIAL, IND_MODEL_POLYNOMIAL))
        return ind_error_set(err, IND_EINVAL,
                             "a degree applies to the polynomial model, "
                             "not to %s", name);
    if ((!is_estimated(o->alpha) || !is_estimated(o->beta))
        && !uses(m, IND_MODEL_HOLT, IND_MODEL_DAMPED))
        return ind_error_set(err, IND_EINVAL,
                             "alpha and beta apply to holt and damped, "
                             "not to %s", name);
    if (!is_estimated(o->phi) && !uses(m, IND_MODEL_DAMPED,
                                       IND_MODEL_DAMPED))
        return ind_error_set(err, IND_EINVAL,
                             "phi applies to the damped model, not to %s",
                             name);
    if (o->log_scale && m != IND_MODEL_DRIFT && m != IND_MODEL_NAIVE)
        return ind_error_set(err, IND_EINVAL,
                             "the log scale option applies to drift and "
                             "naive, not to %s", name);
    if (o->bias_adjust && m != IND_MODEL_AUTO && m != IND_MODEL_EXPONENTIAL
        && !o->log_scale)
        return ind_error_set(err, IND_EINVAL,
                             "bias adjustment applies to models on the log "
                             "scale (exponential, drift or naive on the "
                             "log), not to %s", name);
    return IND_OK;
}

static int check_options(ind_projection_options *o, ind_error *err)
{
    int rc;

    if (o->version != IND_PROJECTION_OPTIONS_VERSION)
        return ind_error_set(err, IND_EINVAL,
                             "projection options version %u is not %d",
                             o->version, IND_PROJECTION_OPTIONS_VERSION);
    if ((int)o->model < 0 || (int)o->model >= IND_MODEL_COUNT)
        return ind_error_set(err, IND_EINVAL, "unknown model %d",
                             (int)o->model);
    if (o->degree < 0 || o->degree > IND_POLYFIT_MAX_DEGREE)
        return ind_error_set(err, IND_EINVAL,
                             "polynomial degree %d is outside 1..%d",
                             o->degree, IND_POLYFIT_MAX_DEGREE);
    if ((int)o->kind < IND_KIND_UNSPECIFIED || (int)o->kind > IND_KIND_RATE)
        return ind_error_set(err, IND_EINVAL, "unknown kind %d",
                             (int)o->kind);
    if ((int)o->intervals < IND_INTERVALS_DEFAULT
        || (int)o->intervals > IND_INTERVALS_CALIBRATED)
        return ind_error_set(err, IND_EINVAL, "unknown interval method %d",
                             (int)o->intervals);
    rc = check_levels(o, err);
    if (rc == IND_OK)
        rc = check_weight(o->alpha, "alpha", 0.0, 0, err);
    if (rc == IND_OK)
        rc = check_weight(o->beta, "beta", 0.0, 0, err);
    if (rc == IND_OK)
        rc = check_weight(o->phi, "phi", 0.0, 1, err);
    if (rc == IND_OK)
        rc = check_model_options(o, err);
    return rc;
}

int ind_proj_check_data(const double *years, const double *values, size_t n,
                        ind_error *err)
{
    size_t i;

    if (n == 0)
        return ind_error_set(err, IND_EDOMAIN, "the series has no points");
    for (i = 0; i < n; i++) {
        if (!isfinite(years[i]) || floor(years[i]) != years[i]
            || fabs(years[i]) > YEAR_LIMIT)
            return ind_error_set(err, IND_EDATA,
                                 "year %g (point %zu) is not a whole "
                                 "calendar year", years[i], i + 1);
        if (!isfinite(values[i]))
            return ind_error_set(err, IND_EDATA,
                                 "the value for %.0f is not finite",
                                 years[i]);
        if (i > 0 && !(years[i] > years[i - 1]))
            return ind_error_set(err, IND_EDATA,
                                 "years must be strictly ascending: %.0f "
                                 "follows %.0f", years[i], years[i - 1]);
    }
    return IND_OK;
}

int ind_proj_skip_before(const double **years, const double **values,
                         size_t *n, int from_year, ind_error *err)
{
    size_t i = 0;

    if (from_year == 0)
        return IND_OK;
    while (i < *n && (*years)[i] < (double)from_year)
        i++;
    if (i == *n)
        return ind_error_set(err, IND_EDOMAIN, "the series has no point "
                             "from %d on", from_year);
    *years += i;
    *values += i;
    *n -= i;
    return IND_OK;
}

int ind_proj_first_gap(const double *years, size_t n)
{
    size_t i;

    for (i = 1; i < n; i++) {
        if (years[i] != years[i - 1] + 1.0)
            return (int)years[i - 1] + 1;
    }
    return 0;
}

/* Index of the first year of the last run of consecutive years. */
static size_t last_run_start(const double *years, size_t n)
{
    size_t i = n - 1;

    while (i > 0 && years[i - 1] == years[i] - 1.0)
        i--;
    return i;
}

int ind_proj_need_consecutive(const ind_proj_input *in, ind_model model,
                              ind_error *err)
{
    int gap = ind_proj_first_gap(in->years, in->n);

    if (gap == 0)
        return IND_OK;
    return ind_error_set(err, IND_EDOMAIN,
                         "%s needs consecutive years and %d is missing; "
                         "missing years are never filled in (use a "
                         "regression model such as linear, or --from %.0f "
                         "to start after the last gap)",
                         ind_model_name(model), gap,
                         in->years[last_run_start(in->years, in->n)]);
}

int ind_proj_need_log(const ind_proj_input *in, ind_model model,
                      ind_error *err)
{
    if (in->opts.kind == IND_KIND_RATE)
        return ind_error_set(err, IND_EDOMAIN,
                             "a rate is projected as a level, not "
                             "compounded: %s%s is refused",
                             ind_model_name(model),
                             model == IND_MODEL_EXPONENTIAL ? ""
                                                            : " on the log");
    return ind_proj_need_positive(in, model, err);
}

int ind_proj_need_positive(const ind_proj_input *in, ind_model model,
                           ind_error *err)
{
    size_t i;

    for (i = 0; i < in->n; i++) {
        if (!(in->values[i] > 0.0))
            return ind_error_set(err, IND_EDOMAIN,
                                 "%s works on log(value) and the value for "
                                 "%.0f is %g: every value must be positive",
                                 ind_model_name(model), in->years[i],
                                 in->values[i]);
    }
    return IND_OK;
}

static int check_min_points(const ind_proj_input *in, ind_model model,
                            ind_error *err)
{
    size_t need = ind_projection_min_points(model, &in->opts);

    if (in->n >= need)
        return IND_OK;
    if (model == IND_MODEL_HOLT || model == IND_MODEL_DAMPED)
        return ind_error_set(err, IND_EDOMAIN,
                             "%s needs at least %zu points (2 for the "
                             "initial state, 1 per estimated parameter), "
                             "the series has %zu", ind_model_name(model),
                             need, in->n);
    return ind_error_set(err, IND_EDOMAIN,
                         "%s needs at least %zu points, the series has %zu",
                         ind_model_name(model), need, in->n);
}

int ind_proj_fit_model(ind_projection *p, const ind_proj_input *in,
                       ind_model model, ind_error *err)
{
    int rc = check_min_points(in, model, err);

    if (rc != IND_OK)
        return rc;
    p->model = model;
    switch (model) {
    case IND_MODEL_LINEAR:
    case IND_MODEL_EXPONENTIAL:
        rc = ind_proj_fit_trend(p, in, model, err);
        break;
    case IND_MODEL_POLYNOMIAL:
        rc = ind_proj_fit_polynomial(p, in, err);
        break;
    case IND_MODEL_DRIFT:
    case IND_MODEL_NAIVE:
        rc = ind_proj_fit_walk(p, in, model, err);
        break;
    case IND_MODEL_HOLT:
    case IND_MODEL_DAMPED:
        rc = ind_proj_fit_holt(p, in, model, err);
        break;
    case IND_MODEL_LOGISTIC:
        rc = ind_proj_fit_logistic(p, in, err);
        break;
    case IND_MODEL_THETA:
        rc = ind_proj_fit_theta(p, in, err);
        break;
    case IND_MODEL_COMBO:
        rc = ind_proj_fit_combo(p, in, err);
        break;
    case IND_MODEL_AUTO:
    default:
        return ind_error_set(err, IND_EINVAL, "no model to fit");
    }
    if (rc != IND_OK)
        return rc;
    return ind_proj_check_finite(p, err);
}

static int prepare(ind_proj_input *in, const double *years,
                   const double *values, size_t n, int to_year,
                   const ind_projection_options *opts, ind_error *err)
{
    ind_projection_options defaults = IND_PROJECTION_OPTIONS_INIT;
    double horizon;
    int rc;

    in->opts = opts != NULL ? *opts : defaults;
    rc = check_options(&in->opts, err);
    if (rc == IND_OK)
        rc = ind_proj_skip_before(&years, &values, &n, in->opts.from_year,
                                  err);
    if (rc == IND_OK)
        rc = ind_proj_check_data(years, values, n, err);
    if (rc != IND_OK)
        return rc;
    horizon = (double)to_year - years[n - 1];
    if (horizon < 1.0)
        return ind_error_set(err, IND_EINVAL,
                             "target year %d is not after the last "
                             "observed year %.0f", to_year, years[n - 1]);
    if (horizon > IND_PROJECTION_MAX_HORIZON)
        return ind_error_set(err, IND_EINVAL,
                             "target year %d is more than %d years after "
                             "the last observed year %.0f", to_year,
                             IND_PROJECTION_MAX_HORIZON, years[n - 1]);
    in->years = years;
    in->values = values;
    in->n = n;
    in->to_year = to_year;
    in->max_origins = IND_PROJ_RECENT_ORIGINS;
    in->rolling = 0;
    in->auto_margin = -1.0;
    return IND_OK;
}

int ind_projection_fit(ind_projection **out, const double *years,
                       const double *values, size_t n, int to_year,
                       const ind_projection_options *opts, ind_error *err)
{
    ind_proj_input in;
    ind_projection *p;
    int rc;

    if (out == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_projection_fit: NULL "
                                              "output");
    *out = NULL;
    if (years == NULL || values == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_projection_fit: NULL "
                                              "years or values");
    rc = prepare(&in, years, values, n, to_year, opts, err);
    if (rc != IND_OK)
        return rc;
    if (in.opts.model == IND_MODEL_AUTO) {
        rc = ind_proj_fit_auto(out, &in, err);
        if (rc == IND_OK) {
            ind_proj_warn_reading(*out, &in);
            ind_proj_hold_at_zero(*out, &in);
        }
        return rc;
    }
    rc = ind_proj_alloc(&p, &in, err);
    if (rc != IND_OK)
        return rc;
    rc = ind_proj_fit_model(p, &in, in.opts.model, err);
    if (rc == IND_OK
        && (in.opts.intervals == IND_INTERVALS_CALIBRATED
            || (in.opts.intervals == IND_INTERVALS_DEFAULT
                && in.opts.model == IND_MODEL_COMBO)))
        rc = ind_proj_calibrate_fit(p, &in, err);
    if (rc == IND_OK && !p->calibrated)
        ind_proj_warn_df(p);
    if (rc == IND_OK) {
        ind_proj_warn_reading(p, &in);
        ind_proj_hold_at_zero(p, &in);
    }
    if (rc != IND_OK) {
        ind_projection_free(p);
        return rc;
    }
    *out = p;
    return IND_OK;
}

int ind_proj_series_arrays(double **out, size_t *n, const ind_series *s,
                           const char *caller, ind_error *err)
{
    double *buf;
    size_t i;

    *out = NULL;
    if (s == NULL)
        return ind_error_set(err, IND_EINVAL, "%s: NULL series", caller);
    *n = ind_series_length(s);
    buf = malloc((2 * *n + 1) * sizeof *buf);
    if (buf == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    for (i = 0; i < *n; i++) {
        buf[i] = (double)ind_series_years(s)[i];
        buf[*n + i] = ind_series_values(s)[i];
    }
    *out = buf;
    return IND_OK;
}

int ind_projection_fit_series(ind_projection **out, const ind_series *series,
                              int to_year, const ind_projection_options *opts,
                              ind_error *err)
{
    ind_projection_options o = IND_PROJECTION_OPTIONS_INIT;
    double *buf;
    size_t n = 0;
    int rc;

    if (out != NULL)
        *out = NULL;
    rc = ind_proj_series_arrays(&buf, &n, series, "ind_projection_fit_series",
                                err);
    if (rc != IND_OK)
        return rc;
    if (n == 0) {
        free(buf);
        return ind_error_set(err, IND_EDOMAIN, "series %s has no points",
                             ind_series_indicator(series));
    }
    if (opts != NULL)
        o = *opts;
    o.kind = ind_series_kind(series);
    rc = ind_projection_fit(out, buf, buf + n, n, to_year, &o, err);
    free(buf);
    if (rc == IND_OK)
        ind_proj_warn_series(*out, series, o.from_year);
    return rc;
}
