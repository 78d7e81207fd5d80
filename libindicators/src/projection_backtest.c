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

static const ind_model bt_models[] = {
    IND_MODEL_LINEAR, IND_MODEL_EXPONENTIAL, IND_MODEL_POLYNOMIAL,
    IND_MODEL_DRIFT, IND_MODEL_NAIVE, IND_MODEL_HOLT, IND_MODEL_DAMPED,
    IND_MODEL_LOGISTIC
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

/* Index of `year` after position `from`, or -1. */
static long find_year(const double *years, size_t n, size_t from,
                      double year)
{
    size_t i;

    for (i = from + 1; i < n && years[i] <= year; i++) {
        if (years[i] == year)
            return (long)i;
    }
    return -1;
}

static void score_forecasts(bt_model_state *ms, const ind_projection *p,
                            const double *years, const double *y, size_t n,
                            size_t origin, int max_h)
{
    int h;

    for (h = 1; h <= max_h; h++) {
        long j = find_year(years, n, origin, years[origin] + h);
        score *s = &ms->by_h[h - 1];
        double e;

        if (j < 0)
            continue;
        e = y[j] - p->mean[h - 1];
        s->abs_sum += fabs(e);
        if (y[j] == 0.0)
            s->zero_actual = 1;
        else
            s->pct_sum += fabs(e / y[j]);
        s->count++;
    }
}

/* Fit one model on the first origin + 1 points and score it. */
static int run_one(bt_model_state *ms, ind_model model,
                   const ind_proj_input *all, size_t origin, int max_h)
{
    ind_proj_input in = *all;
    ind_error e = IND_ERROR_INIT;
    ind_projection *p;
    int rc;

    in.n = origin + 1;
    in.to_year = (int)all->years[origin] + max_h;
    in.opts.model = model;
    rc = ind_proj_alloc(&p, &in, &e);
    if (rc == IND_OK)
        rc = ind_proj_fit_model(p, &in, model, &e);
    if (rc == IND_OK) {
        ms->fits++;
        score_forecasts(ms, p, all->years, all->values, all->n, origin,
                        max_h);
    } else {
        /* The widest window's failure is the telling one. */
        memcpy(ms->last_error, e.message, sizeof ms->last_error);
    }
    ind_projection_free(p);
    return rc == IND_ENOMEM ? rc : IND_OK;
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
    }
}

static void model_notes(ind_backtest *b, const bt_model_state *ms,
                        ind_model model)
{
    size_t h, scored = 0;

    for (h = 0; h < IND_BACKTEST_MAX_HORIZON; h++)
        scored += ms->by_h[h].count;
    if (scored == 0 && ms->fits == 0)
        bt_note(b, "%s: no forecast scored (%s)", ind_model_name(model),
                ms->last_error);
    else if (scored == 0)
        bt_note(b, "%s: no forecast scored (no target year was observed)",
                ind_model_name(model));
}

static int run_all(ind_backtest *b, const ind_proj_input *in,
                   const ind_backtest_options *o)
{
    bt_model_state *ms = calloc(BT_NMODELS, sizeof *ms);
    size_t m, origin;
    int rc = IND_OK;

    if (ms == NULL)
        return IND_ENOMEM;
    for (m = 0; m < BT_NMODELS; m++) {
        for (origin = 1; origin + 1 < in->n && rc == IND_OK; origin++)
            rc = run_one(&ms[m], bt_models[m], in, origin, o->max_horizon);
    }
    for (m = 0; m < BT_NMODELS && rc == IND_OK; m++) {
        fill_rows(b, &ms[m], bt_models[m], o->max_horizon);
        model_notes(b, &ms[m], bt_models[m]);
    }
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
