/* projection_backtest: rolling-origin evaluation with an expanding window.
 *
 * For every origin (each observed year from the second to the one before
 * the last), every model is re-fitted to the points up to the origin and
 * forecasts origin + 1..H; each forecast whose target year was observed
 * is scored. Horizons are in years, so with gaps a target may be missing
 * and is simply not scored. MASE scales come from the whole series'
 * consecutive-year pairs: naive = mean |y_t - y_{t-1}|, drift = mean
 * |(y_t - y_{t-1}) - mean change|. */
#include "projection_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define BT_MAX_NOTES 16
#define BT_NOTE_SIZE 256

/* combo after drift, damped and theta, from whose rolling forecasts it
 * is built; auto last, from all of them. */
static const ind_model bt_models[] = {
    IND_MODEL_LINEAR, IND_MODEL_EXPONENTIAL, IND_MODEL_POLYNOMIAL,
    IND_MODEL_DRIFT, IND_MODEL_NAIVE, IND_MODEL_HOLT, IND_MODEL_DAMPED,
    IND_MODEL_LOGISTIC, IND_MODEL_THETA, IND_MODEL_COMBO, IND_MODEL_AUTO
};
#define BT_NMODELS (sizeof bt_models / sizeof bt_models[0])

struct ind_backtest {
    size_t nrows;
    ind_backtest_row rows[BT_NMODELS * IND_BACKTEST_MAX_HORIZON];
    double scale_naive;
    double scale_drift;
    size_t nnotes;
    char notes[BT_MAX_NOTES][BT_NOTE_SIZE];
};

/* Running sums for one model and horizon. */
typedef struct score {
    double abs_sum;
    double pct_sum;
    size_t count;
    int zero_actual;
    size_t with_interval;      /* forecasts that had an interval */
    size_t inside[2];          /* of them, inside the 80% / 95% one */
} score;

typedef struct bt_model_state {
    score by_h[IND_BACKTEST_MAX_HORIZON];
    size_t fits;
    char last_error[IND_ERROR_MESSAGE_SIZE];
} bt_model_state;

static void bt_note(ind_backtest *b, const char *fmt, ...) IND_PRINTF(2, 3);

static void bt_note(ind_backtest *b, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    ind_proj_vline(b->notes[0], BT_NOTE_SIZE, BT_MAX_NOTES, &b->nnotes, fmt,
                   ap);
    va_end(ap);
}

static int check_options(ind_backtest_options *o, ind_error *err)
{
    if (o->version != IND_BACKTEST_OPTIONS_VERSION)
        return ind_error_set(err, IND_EINVAL,
                             "backtest options version %u is not %d",
                             o->version, IND_BACKTEST_OPTIONS_VERSION);
    if (o->max_horizon == 0)
        o->max_horizon = 3;
    if (o->degree == 0)
        o->degree = 2;
    if (o->max_horizon < 1 || o->max_horizon > IND_BACKTEST_MAX_HORIZON)
        return ind_error_set(err, IND_EINVAL,
                             "backtest horizon %d is outside 1..%d",
                             o->max_horizon, IND_BACKTEST_MAX_HORIZON);
    if (o->degree < 1 || o->degree > IND_POLYFIT_MAX_DEGREE)
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
    return IND_OK;
}

/* MASE denominators from consecutive-year pairs. */
static void scales(ind_backtest *b, const double *years, const double *y,
                   size_t n)
{
    double sum = 0.0, mean, dev = 0.0;
    size_t i, pairs = 0;

    for (i = 1; i < n; i++) {
        if (years[i] == years[i - 1] + 1.0) {
            sum += y[i] - y[i - 1];
            dev += fabs(y[i] - y[i - 1]);
            pairs++;
        }
    }
    b->scale_naive = pairs > 0 ? dev / (double)pairs : NAN;
    b->scale_drift = NAN;
    if (pairs < 2)
        return;
    mean = sum / (double)pairs;
    dev = 0.0;
    for (i = 1; i < n; i++) {
        if (years[i] == years[i - 1] + 1.0)
            dev += fabs(y[i] - y[i - 1] - mean);
    }
    b->scale_drift = dev / (double)pairs;
}

/* Whether forecast `at` of rolling r lies in its interval of level j:
 * the model's bounds, or the calibrated ones the origin would have had
 * (errors of targets up to the origin only). -1: no interval. */
static int inside(const ind_proj_rolling *r, const ind_proj_calib *c,
                  size_t at, size_t j, double y)
{
    size_t cells = r->n * (size_t)r->max_h, h = at % (size_t)r->max_h + 1;
    double lo = r->lower[j * cells + at], hi = r->upper[j * cells + at];
    double m = r->mean[at];
    static const double levels[2] = { 80.0, 95.0 };

    if (c != NULL && ind_proj_calib_usable(c)) {
        ind_proj_calib_bounds(c, h, m, levels[j], &lo, &hi);
    } else if (c != NULL) {
        lo = m - IND_CALIBRATION_FALLBACK_WIDEN * (m - lo);
        hi = m + IND_CALIBRATION_FALLBACK_WIDEN * (hi - m);
    }
    if (!isfinite(lo) || !isfinite(hi))
        return -1;
    return y >= lo && y <= hi;
}

static void score_rolling(bt_model_state *ms, const ind_proj_rolling *r,
                          const ind_proj_input *in, int calibrated)
{
    size_t o, j;
    int h;

    ms->fits = r->fits;
    memcpy(ms->last_error, r->last_error, sizeof ms->last_error);
    for (o = 1; o + 1 < in->n; o++) {
        ind_proj_calib c;

        if (calibrated)
            ind_proj_calib_compute(&c, r, in->years, in->values, o);
        for (h = 1; h <= r->max_h; h++) {
            long t = ind_proj_find_year(in->years, in->n, o,
                                        in->years[o] + h);
            size_t at = o * (size_t)r->max_h + (size_t)h - 1;
            score *s = &ms->by_h[h - 1];
            double e, y;

            if (t < 0 || !isfinite(r->mean[at]))
                continue;
            y = in->values[t];
            e = y - r->mean[at];
            s->abs_sum += fabs(e);
            if (y == 0.0)
                s->zero_actual = 1;
            else
                s->pct_sum += fabs(e / y);
            s->count++;
            if (inside(r, calibrated ? &c : NULL, at, 0, y) >= 0) {
                s->with_interval++;
                for (j = 0; j < 2; j++)
                    s->inside[j] += (size_t)inside(r, calibrated ? &c : NULL,
                                                   at, j, y);
            }
        }
    }
}

static void fill_rows(ind_backtest *b, const bt_model_state *ms,
                      ind_model model, int max_h)
{
    int h;

    for (h = 1; h <= max_h; h++) {
        const score *s = &ms->by_h[h - 1];
        ind_backtest_row *row = &b->rows[b->nrows++];
        double n = (double)s->count;

        row->model = model;
        row->horizon = h;
        row->nforecasts = s->count;
        row->mae = s->count > 0 ? s->abs_sum / n : NAN;
        row->mape = s->count > 0 && !s->zero_actual
                    ? 100.0 * s->pct_sum / n : NAN;
        row->mase_naive = b->scale_naive > 0.0 ? row->mae / b->scale_naive
                                               : NAN;
        row->mase_drift = b->scale_drift > 0.0 ? row->mae / b->scale_drift
                                               : NAN;
        row->nintervals = s->with_interval;
        row->cover80 = s->with_interval > 0
                       ? 100.0 * (double)s->inside[0] / s->with_interval : NAN;
        row->cover95 = s->with_interval > 0
                       ? 100.0 * (double)s->inside[1] / s->with_interval : NAN;
    }
}

static void model_notes(ind_backtest *b, const bt_model_state *ms,
                        ind_model model, const ind_proj_input *in)
{
    size_t h, scored = 0, need = ind_projection_min_points(model, &in->opts);

    for (h = 0; h < IND_BACKTEST_MAX_HORIZON; h++)
        scored += ms->by_h[h].count;
    /* The widest window holds all but the last point: say so rather than
     * quote a fit's "the series has n - 1". */
    if (scored == 0 && ms->fits == 0 && in->n - 1 < need)
        bt_note(b, "%s: no forecast scored (it needs at least %zu points; "
                   "the widest window, which leaves out the last point to "
                   "forecast it, has %zu of the series' %zu)",
                ind_model_name(model), need, in->n - 1, in->n);
    else if (scored == 0 && ms->fits == 0)
        bt_note(b, "%s: no forecast scored (%s)", ind_model_name(model),
                ms->last_error);
    else if (scored == 0)
        bt_note(b, "%s: no forecast scored (no target year was observed)",
                ind_model_name(model));
}

static int calibrated_for(const ind_backtest_options *o, ind_model m)
{
    if (o->intervals == IND_INTERVALS_DEFAULT)
        return m == IND_MODEL_COMBO;
    return o->intervals == IND_INTERVALS_CALIBRATED;
}

static const ind_proj_rolling *rolling_of(const ind_proj_rolling *roll,
                                          ind_model model)
{
    size_t m;

    for (m = 0; m < BT_NMODELS && bt_models[m] != model; m++)
        ;
    return &roll[m];
}

/* What auto would have forecast at every origin, from the other models'
 * rolling forecasts: its choice with only the errors known there (combo
 * unless a component was clearly better, linear after a gap, drift on 2
 * points), and the calibrated interval it would have drawn, kept as the
 * row's bounds (or, unless told otherwise, the chosen model's own). */
static int auto_rolling(ind_proj_rolling *ra, const ind_proj_rolling *roll,
                        const ind_proj_input *in, int calibrated)
{
    ind_proj_rolling cand[IND_PROJ_AUTO_NCAND];
    size_t o, k, j, cells = in->n * (size_t)roll[0].max_h;
    int h, rc = ind_proj_rolling_alloc(ra, in, IND_MODEL_AUTO,
                                       roll[0].max_h);
    static const double levels[2] = { 80.0, 95.0 };

    if (rc != IND_OK)
        return rc;
    for (k = 0; k < IND_PROJ_AUTO_NCAND; k++)
        cand[k] = *rolling_of(roll, ind_proj_auto_candidates[k]);
    for (o = 1; o + 1 < in->n; o++) {
        const ind_proj_rolling *pick;
        ind_proj_calib c;

        if (ind_proj_first_gap(in->years, o + 1) != 0
            || o + 1 < ind_projection_min_points(IND_MODEL_COMBO, NULL)) {
            pick = rolling_of(roll, ind_proj_first_gap(in->years, o + 1)
                                    ? IND_MODEL_LINEAR : IND_MODEL_DRIFT);
            ind_proj_calib_compute(&c, pick, in->years, in->values, o);
        } else {
            pick = &cand[ind_proj_auto_at(cand, in->years, in->values, o,
                                          &c)];
        }
        if (isfinite(pick->mean[o * (size_t)ra->max_h]))
            ra->fits++;
        for (h = 1; h <= ra->max_h; h++) {
            size_t at = o * (size_t)ra->max_h + (size_t)h - 1;
            double m = pick->mean[at];

            ra->mean[at] = m;
            for (j = 0; j < 2 && isfinite(m); j++) {
                double lo = pick->lower[j * cells + at];
                double hi = pick->upper[j * cells + at];

                if (calibrated && ind_proj_calib_usable(&c)) {
                    ind_proj_calib_bounds(&c, (size_t)h, m, levels[j], &lo,
                                          &hi);
                } else if (calibrated) {
                    lo = m - IND_CALIBRATION_FALLBACK_WIDEN * (m - lo);
                    hi = m + IND_CALIBRATION_FALLBACK_WIDEN * (hi - m);
                }
                ra->lower[j * cells + at] = lo;
                ra->upper[j * cells + at] = hi;
            }
        }
    }
    return IND_OK;
}

static int run_all(ind_backtest *b, const ind_proj_input *in,
                   const ind_backtest_options *o)
{
    bt_model_state *ms = calloc(BT_NMODELS, sizeof *ms);
    ind_proj_rolling roll[BT_NMODELS];
    ind_proj_rolling parts[IND_PROJ_COMBO_NPARTS];
    size_t m, k;
    int rc = IND_OK;

    memset(roll, 0, sizeof roll);
    if (ms == NULL)
        return IND_ENOMEM;
    for (m = 0; m < BT_NMODELS && rc == IND_OK; m++) {
        if (bt_models[m] == IND_MODEL_AUTO) {
            rc = auto_rolling(&roll[m], roll, in,
                              o->intervals != IND_INTERVALS_MODEL);
        } else if (bt_models[m] != IND_MODEL_COMBO) {
            rc = ind_proj_rolling_fit(&roll[m], in, bt_models[m],
                                      o->max_horizon);
        } else {
            for (k = 0; k < IND_PROJ_COMBO_NPARTS; k++)
                parts[k] = *rolling_of(roll, ind_proj_combo_parts[k]);
            rc = ind_proj_rolling_combine(&roll[m], in, parts,
                                          IND_PROJ_COMBO_NPARTS);
        }
    }
    for (m = 0; m < BT_NMODELS && rc == IND_OK; m++) {
        /* auto's rolling already holds the bounds it would have drawn. */
        score_rolling(&ms[m], &roll[m], in,
                      bt_models[m] != IND_MODEL_AUTO
                      && calibrated_for(o, bt_models[m]));
        fill_rows(b, &ms[m], bt_models[m], o->max_horizon);
        model_notes(b, &ms[m], bt_models[m], in);
    }
    for (m = 0; m < BT_NMODELS; m++)
        ind_proj_rolling_free(&roll[m]);
    free(ms);
    return rc;
}

static void scale_notes(ind_backtest *b)
{
    if (isnan(b->scale_naive))
        bt_note(b, "MASE is undefined: the series has no two consecutive "
                   "years to scale by");
    else if (isnan(b->scale_drift))
        bt_note(b, "MASE against drift is undefined: fewer than two "
                   "consecutive-year changes");
    else if (b->scale_naive == 0.0 || b->scale_drift == 0.0)
        bt_note(b, "a MASE scale is zero (constant changes): that MASE is "
                   "undefined");
}

int ind_backtest_run(ind_backtest **out, const double *years,
                     const double *values, size_t n,
                     const ind_backtest_options *opts, ind_error *err)
{
    ind_backtest_options o = IND_BACKTEST_OPTIONS_INIT;
    ind_projection_options po = IND_PROJECTION_OPTIONS_INIT;
    ind_proj_input in;
    ind_backtest *b;
    int rc;

    if (out == NULL || years == NULL || values == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_backtest_run: NULL "
                                              "argument");
    *out = NULL;
    if (opts != NULL)
        o = *opts;
    rc = check_options(&o, err);
    if (rc == IND_OK)
        rc = ind_proj_skip_before(&years, &values, &n, o.from_year, err);
    if (rc == IND_OK)
        rc = ind_proj_check_data(years, values, n, err);
    if (rc != IND_OK)
        return rc;
    if (n < IND_BACKTEST_MIN_POINTS)
        return ind_error_set(err, IND_EDOMAIN,
                             "a backtest needs at least %d points (2 to fit "
                             "the simplest model, 2 origins to forecast "
                             "from), the series has %zu",
                             IND_BACKTEST_MIN_POINTS, n);
    b = calloc(1, sizeof *b);
    if (b == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    po.degree = o.degree;
    po.kind = o.kind;
    in.years = years;
    in.values = values;
    in.n = n;
    in.to_year = 0;
    in.max_origins = 0;
    in.rolling = 0;
    in.auto_margin = -1.0;
    in.opts = po;
    scales(b, years, values, n);
    rc = run_all(b, &in, &o);
    if (rc != IND_OK) {
        free(b);
        return ind_error_set(err, rc, "out of memory");
    }
    scale_notes(b);
    *out = b;
    return IND_OK;
}

int ind_backtest_run_series(ind_backtest **out, const ind_series *series,
                            const ind_backtest_options *opts, ind_error *err)
{
    ind_backtest_options o = IND_BACKTEST_OPTIONS_INIT;
    double *buf;
    size_t n = 0;
    int rc;

    if (out != NULL)
        *out = NULL;
    rc = ind_proj_series_arrays(&buf, &n, series, "ind_backtest_run_series",
                                err);
    if (rc != IND_OK)
        return rc;
    if (opts != NULL)
        o = *opts;
    o.kind = ind_series_kind(series);
    rc = ind_backtest_run(out, buf, buf + n, n, &o, err);
    free(buf);
    return rc;
}

void ind_backtest_free(ind_backtest *b)
{
    free(b);
}

size_t ind_backtest_nrows(const ind_backtest *b)
{
    return b->nrows;
}

const ind_backtest_row *ind_backtest_row_at(const ind_backtest *b, size_t i)
{
    return i < b->nrows ? &b->rows[i] : NULL;
}

double ind_backtest_scale_naive(const ind_backtest *b)
{
    return b->scale_naive;
}

double ind_backtest_scale_drift(const ind_backtest *b)
{
    return b->scale_drift;
}

size_t ind_backtest_nnotes(const ind_backtest *b)
{
    return b->nnotes;
}

const char *ind_backtest_note(const ind_backtest *b, size_t i)
{
    return i < b->nnotes ? b->notes[i] : NULL;
}
