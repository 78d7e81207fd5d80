/* projection_auto: choose a model by how it has forecast this series, not
 * by how it fits it.
 *
 * Candidates: combo (the mean of drift, damped and theta) and its three
 * components. Each is run over the series' own history by the rolling
 * origin of ind_backtest_run() (every origin, forecasts 1..min(h, 10)
 * years ahead); they are compared on the forecasts that every compared
 * candidate made of an observed year, by their mean absolute error (of
 * log(actual / forecast) when the series is positive: a relative error,
 * so early low levels weigh as much as late high ones; else in units).
 *
 * The combination is the default. A single model replaces it only when it
 * beat the combination by AUTO_MARGIN on at least AUTO_MIN_FORECASTS
 * common forecasts: equal-weight combinations are hard to beat out of
 * sample, and a series' few past forecasts are a noisy guide, so a small
 * lead is not evidence. Tuned on either half of the M1 development set
 * the margin comes out at 5 or 10%, and either scores within 0.3% of the
 * other on the other half (docs/FORECASTING.md).
 *
 * Series the candidates cannot take: with a gap (they are recursions over
 * consecutive years) auto fits the linear trend to the years present; with
 * two points, drift (the line through them). The chosen model's intervals
 * are calibrated on its own rolling-origin errors (projection_calibrate.c)
 * unless the options ask for the model's. */
#include "projection_internal.h"
#include "indicators/number.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#define AUTO_MARGIN 0.10
#define AUTO_MIN_FORECASTS 10

const ind_model ind_proj_auto_candidates[IND_PROJ_AUTO_NCAND] = {
    IND_MODEL_COMBO, IND_MODEL_DRIFT, IND_MODEL_DAMPED, IND_MODEL_THETA
};
#define cand_models ind_proj_auto_candidates
#define NCAND ((size_t)IND_PROJ_AUTO_NCAND)

typedef struct auto_state {
    ind_proj_rolling roll[NCAND];
    ind_projection_candidate cand[NCAND];
    char notes[NCAND][IND_PROJ_NOTE_SIZE];
    int relative;
    size_t common;            /* forecasts every compared candidate made */
    int longest;              /* longest horizon among them */
    double margin;            /* AUTO_MARGIN unless the input says */
    int horizon;              /* rolling horizons 1..horizon */
} auto_state;

static void append(char *buf, size_t size, const char *fmt, ...)
    IND_PRINTF(3, 4);

static void append(char *buf, size_t size, const char *fmt, ...)
{
    size_t used = strlen(buf);
    va_list ap;

    if (used + 1 >= size)
        return;
    va_start(ap, fmt);
    vsnprintf(buf + used, size - used, fmt, ap);
    va_end(ap);
}

/* Rolling forecasts of every candidate; combo from the components. */
static int run_candidates(auto_state *st, const ind_proj_input *in)
{
    size_t k;
    int rc = IND_OK;

    for (k = 1; k < NCAND && rc == IND_OK; k++)
        rc = ind_proj_rolling_fit(&st->roll[k], in, cand_models[k],
                                  st->horizon);
    if (rc == IND_OK)
        rc = ind_proj_rolling_combine(&st->roll[0], in, &st->roll[1],
                                      NCAND - 1);
    return rc;
}

/* Whether r forecast anything from the origins first..upto - 1. */
static int has_forecast(const ind_proj_rolling *r, size_t first,
                        size_t upto)
{
    size_t o, h;

    for (o = first; o < upto; o++) {
        for (h = 0; h < (size_t)r->max_h; h++) {
            if (isfinite(r->mean[o * (size_t)r->max_h + h]))
                return 1;
        }
    }
    return 0;
}

/* The error of forecast f of actual y, on auto's scale. */
static double error_of(const auto_state *st, double y, double f)
{
    return st->relative ? fabs(log(y / f)) : fabs(y - f);
}

/* The first origin auto looks at when the window ends at index upto. */
static size_t first_origin(size_t upto)
{
    return upto > IND_PROJ_RECENT_ORIGINS + 1 ? upto - IND_PROJ_RECENT_ORIGINS
                                              : 1;
}

/* Mean absolute errors on the forecasts every compared candidate made
 * from the origins before index upto of targets at or before it. */
static void score(auto_state *st, const double *years, const double *values,
                  size_t upto)
{
    double sum[NCAND] = { 0.0 };
    size_t o, k, i, first = first_origin(upto);
    int h;

    st->relative = 1;
    for (i = 0; i <= upto; i++) {
        if (!(values[i] > 0.0))
            st->relative = 0;
    }
    for (k = 0; k < NCAND; k++) {
        st->cand[k].model = cand_models[k];
        st->cand[k].fitted = has_forecast(&st->roll[k], first, upto);
        st->cand[k].compared = st->cand[k].fitted;
        st->cand[k].error = NAN;
        st->cand[k].relative = st->relative;
    }
    st->common = 0;
    st->longest = 0;
    for (o = first; o < upto; o++) {
        for (h = 1; h <= st->horizon; h++) {
            long j = ind_proj_find_year(years, upto + 1, o, years[o] + h);
            size_t at = o * (size_t)st->horizon + (size_t)h - 1;
            int all = j >= 0;

            for (k = 0; k < NCAND && all; k++) {
                double f = st->roll[k].mean[at];

                if (st->cand[k].compared
                    && (!isfinite(f) || (st->relative && !(f > 0.0))))
                    all = 0;
            }
            if (!all)
                continue;
            for (k = 0; k < NCAND; k++) {
                if (st->cand[k].compared)
                    sum[k] += error_of(st, values[j], st->roll[k].mean[at]);
            }
            st->common++;
            if (h > st->longest)
                st->longest = h;
        }
    }
    for (k = 0; k < NCAND; k++) {
        st->cand[k].nforecasts = st->cand[k].compared ? st->common : 0;
        if (st->cand[k].compared && st->common > 0)
            st->cand[k].error = sum[k] / (double)st->common
                                * (st->relative ? 100.0 : 1.0);
        if (!st->cand[k].fitted)
            snprintf(st->notes[k], IND_PROJ_NOTE_SIZE, "%.*s",
                     IND_PROJ_NOTE_SIZE - 1,
                     st->roll[k].last_error[0] ? st->roll[k].last_error
                     : "no window of the series could be fitted");
    }
}

/* Index of the candidate to keep: combo unless one beats it clearly. */
static size_t choose(const auto_state *st, int *decided)
{
    size_t k, best = 0;

    *decided = st->common >= AUTO_MIN_FORECASTS && st->cand[0].compared;
    if (!*decided)
        return 0;
    for (k = 1; k < NCAND; k++) {
        if (st->cand[k].compared
            && st->cand[k].error < st->cand[best].error)
            best = k;
    }
    if (best != 0
        && !(st->cand[best].error < (1.0 - st->margin) * st->cand[0].error))
        best = 0;
    return best;
}

static void error_text(char *buf, size_t size, const auto_state *st,
                       double e)
{
    if (st->relative)
        snprintf(buf, size, "%.2g%%", e);
    else if (ind_number_format_human(buf, size, e,
                                     fabs(e) >= 100.0 ? 0
                                     : fabs(e) >= 1.0 ? 2 : 4, NULL)
             != IND_OK)
        snprintf(buf, size, "%g", e);
}

static void explain(ind_projection *p, const auto_state *st, size_t best,
                    int decided)
{
    size_t k, size = sizeof p->choice;
    char e[IND_NUMBER_HUMAN_BUFSIZE];
    const char *sep = "";

    p->choice[0] = '\0';
    if (!decided && st->common == 0) {
        append(p->choice, size, "auto chose combo (the mean of drift, "
               "damped and theta), the default: the series is too short "
               "for any past forecast to compare the models on");
        return;
    }
    if (!decided) {
        append(p->choice, size, "auto chose combo (the mean of drift, "
               "damped and theta), the default: the series allows %zu past "
               "forecast%s 1 to %d year%s ahead to compare the models on, "
               "too few to tell them apart (%d needed)", st->common,
               st->common == 1 ? "" : "s", st->longest,
               st->longest == 1 ? "" : "s", AUTO_MIN_FORECASTS);
        return;
    }
    error_text(e, sizeof e, st, st->cand[best].error);
    append(p->choice, size, "auto chose %s%s: over the %zu past forecasts "
           "1 to %d year%s ahead that every model made, it was off by %s "
           "on average", ind_model_name(cand_models[best]),
           best == 0 ? " (the mean of drift, damped and theta)" : "",
           st->common, st->longest, st->longest == 1 ? "" : "s", e);
    if (best != 0) {
        error_text(e, sizeof e, st, st->cand[0].error);
        append(p->choice, size, ", %.0f%% less than the combination (%s)",
               100.0 * (1.0 - st->cand[best].error / st->cand[0].error), e);
    }
    append(p->choice, size, best == 0 ? ", against" : ";");
    for (k = 1; k < NCAND; k++) {
        if (k == best || !st->cand[k].compared)
            continue;
        error_text(e, sizeof e, st, st->cand[k].error);
        append(p->choice, size, "%s %s %s", sep,
               ind_model_name(cand_models[k]), e);
        sep = ",";
    }
    if (best == 0)
        append(p->choice, size, "; a single model replaces the "
               "combination only when it is at least %.0f%% better",
               100.0 * st->margin);
    for (k = 1; k < NCAND; k++) {
        if (!st->cand[k].compared)
            append(p->choice, size, "; %s not compared (%s)",
                   ind_model_name(cand_models[k]), st->notes[k]);
    }
}

static void adopt(ind_projection *p, const auto_state *st)
{
    size_t k;

    p->ncandidates = NCAND;
    for (k = 0; k < NCAND; k++) {
        p->candidates[k] = st->cand[k];
        memcpy(p->notes[k], st->notes[k], IND_PROJ_NOTE_SIZE);
        p->candidates[k].note = p->notes[k];
    }
}

/* A model chosen for its smaller past errors has them smaller partly by
 * luck (the winner of a comparison is flattered by it): its intervals are
 * never narrower than those of the combination it displaced. */
static void widen_to_combo(ind_proj_calib *c, const auto_state *st,
                           const double *years, const double *values,
                           size_t upto)
{
    ind_proj_calib combo;
    size_t h;

    ind_proj_calib_compute(&combo, &st->roll[0], years, values, upto);
    if (!ind_proj_calib_usable(&combo) || !ind_proj_calib_usable(c)
        || combo.log_scale != c->log_scale)
        return;
    for (h = 0; h < c->h_star && h < combo.h_star; h++)
        c->scale[h] = fmax(c->scale[h], combo.scale[h]);
}

/* Fit `model` on the whole series into *out. */
static int fit_final(ind_projection **out, const ind_proj_input *in,
                     ind_model model, ind_error *err)
{
    int rc = ind_proj_alloc(out, in, err);

    if (rc == IND_OK)
        rc = ind_proj_fit_model(*out, in, model, err);
    if (rc != IND_OK) {
        ind_projection_free(*out);
        *out = NULL;
    }
    return rc;
}

/* Series the candidates cannot take: a gap, or two points. */
static int fit_fallback(ind_projection **out, const ind_proj_input *in,
                        int gap, ind_error *err)
{
    ind_model m = gap ? IND_MODEL_LINEAR : IND_MODEL_DRIFT;
    ind_error e = IND_ERROR_INIT;
    int rc = fit_final(out, in, m, &e);

    if (rc != IND_OK && in->n == 1)
        return ind_error_set(err, rc, "1 figure (%.0f); a projection needs "
                             "%zu", in->years[0],
                             ind_projection_min_points(m, &in->opts));
    if (rc != IND_OK)
        return ind_error_set(err, rc, "no model can be fitted to the %zu "
                             "figures: %s", in->n, e.message);
    if (gap)
        snprintf((*out)->choice, sizeof (*out)->choice,
                 "auto chose linear: %d is missing, and combo, drift, "
                 "damped and theta need consecutive years; the linear trend "
                 "is fitted to the %zu years present", gap, in->n);
    else
        snprintf((*out)->choice, sizeof (*out)->choice,
                 "auto chose drift: with %zu points the combination (it "
                 "needs 3) cannot be formed, and drift is the line through "
                 "them", in->n);
    return IND_OK;
}

int ind_proj_fit_auto(ind_projection **out, const ind_proj_input *in,
                      ind_error *err)
{
    auto_state st;
    ind_proj_calib c;
    size_t best = 0, k;
    int decided = 0, rc, gap = ind_proj_first_gap(in->years, in->n);
    int model_intervals = in->opts.intervals == IND_INTERVALS_MODEL;

    *out = NULL;
    if (gap != 0 || in->n < ind_projection_min_points(IND_MODEL_COMBO,
                                                      &in->opts)) {
        rc = fit_fallback(out, in, gap, err);
        if (rc == IND_OK && !model_intervals)
            rc = ind_proj_calibrate_fit(*out, in, err);
        if (rc == IND_OK && !(*out)->calibrated)
            ind_proj_warn_df(*out);
        return rc;
    }
    memset(&st, 0, sizeof st);
    st.margin = in->auto_margin >= 0.0 ? in->auto_margin : AUTO_MARGIN;
    st.horizon = (int)(in->to_year - in->years[in->n - 1]);
    if (st.horizon > IND_BACKTEST_MAX_HORIZON)
        st.horizon = IND_BACKTEST_MAX_HORIZON;
    rc = run_candidates(&st, in);
    if (rc == IND_OK) {
        score(&st, in->years, in->values, in->n - 1);
        best = choose(&st, &decided);
        rc = fit_final(out, in, cand_models[best], err);
    } else {
        rc = ind_error_set(err, rc, "out of memory");
    }
    if (rc == IND_OK) {
        explain(*out, &st, best, decided);
        adopt(*out, &st);
        if (!model_intervals) {
            ind_proj_calib_compute(&c, &st.roll[best], in->years,
                                   in->values, in->n - 1);
            if (best != 0)
                widen_to_combo(&c, &st, in->years, in->values, in->n - 1);
            ind_proj_calibrate(*out, &c);
        }
        if (!(*out)->calibrated)
            ind_proj_warn_df(*out);
    }
    for (k = 0; k < NCAND; k++)
        ind_proj_rolling_free(&st.roll[k]);
    return rc;
}

size_t ind_proj_auto_at(const ind_proj_rolling *roll, const double *years,
                        const double *values, size_t upto,
                        ind_proj_calib *c)
{
    auto_state st;
    size_t k, best;
    int decided;

    memset(&st, 0, sizeof st);
    for (k = 0; k < NCAND; k++)
        st.roll[k] = roll[k];   /* shared, not freed here */
    st.horizon = roll[0].max_h;
    st.margin = AUTO_MARGIN;
    score(&st, years, values, upto);
    best = choose(&st, &decided);
    ind_proj_calib_compute(c, &roll[best], years, values, upto);
    if (best != 0)
        widen_to_combo(c, &st, years, values, upto);
    return best;
}
