/* projection_auto: choose a model by AICc among candidates that describe
 * the same response, the values themselves.
 *
 * Candidates: linear, exponential, polynomial, holt, damped, logistic.
 * Their AICc are comparable because each is a Gaussian likelihood of the
 * n values: the level models directly, exponential through the log-normal
 * Jacobian (ind_fit_stats::aicc_level). drift and naive are listed but
 * never compared: their likelihood is of the n - 1 year-to-year changes,
 * a different response. A candidate that cannot be fitted (too few points,
 * a gap for the recursive models, a value <= 0 for exponential, a rate for
 * a compounding model, no convergence) or whose AICc is undefined (fewer
 * than k + 2 points) is listed with the reason. If no candidate has an
 * AICc, linear is kept when it fits (the simplest trend, and the one
 * with the fewest points needed for an interval), and the choice says so. */
#include "projection_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const ind_model fitted_models[] = {
    IND_MODEL_LINEAR, IND_MODEL_EXPONENTIAL, IND_MODEL_POLYNOMIAL,
    IND_MODEL_HOLT, IND_MODEL_DAMPED, IND_MODEL_LOGISTIC
};
#define NFITTED (sizeof fitted_models / sizeof fitted_models[0])

typedef struct auto_state {
    ind_projection *fits[NFITTED];
    ind_projection_candidate cand[IND_PROJ_MAX_CANDIDATES];
    char notes[IND_PROJ_MAX_CANDIDATES][IND_PROJ_NOTE_SIZE];
    size_t ncand;
} auto_state;

static void note(auto_state *st, size_t i, const char *text)
{
    snprintf(st->notes[i], IND_PROJ_NOTE_SIZE, "%.*s",
             IND_PROJ_NOTE_SIZE - 1, text);
}

static int try_candidate(auto_state *st, const ind_proj_input *in, size_t i)
{
    ind_model model = fitted_models[i];
    ind_projection_candidate *c = &st->cand[i];
    ind_error e = IND_ERROR_INIT;
    ind_projection *p;
    int rc;

    c->model = model;
    c->aicc_level = NAN;
    rc = ind_proj_alloc(&p, in, &e);
    if (rc == IND_OK)
        rc = ind_proj_fit_model(p, in, model, &e);
    if (rc == IND_ENOMEM) {
        ind_projection_free(p);
        return rc;
    }
    if (rc != IND_OK) {
        ind_projection_free(p);
        note(st, i, e.message);
        return IND_OK;
    }
    st->fits[i] = p;
    c->fitted = 1;
    c->aicc_level = p->stats.aicc_level;
    c->compared = isfinite(c->aicc_level);
    if (!c->compared)
        snprintf(st->notes[i], IND_PROJ_NOTE_SIZE,
                 "AICc undefined: %zu parameters need at least %zu points%s",
                 p->stats.nparams, p->stats.nparams + 2,
                 p->stats.rss > 0.0 ? "" : " and a non-zero residual");
    return IND_OK;
}

static void list_walks(auto_state *st)
{
    static const ind_model walks[] = { IND_MODEL_DRIFT, IND_MODEL_NAIVE };
    size_t k;

    for (k = 0; k < 2; k++) {
        size_t i = NFITTED + k;

        st->cand[i].model = walks[k];
        st->cand[i].aicc_level = NAN;
        note(st, i, "they model the year-to-year changes, a different "
                    "response");
    }
    st->ncand = NFITTED + 2;
}

/* Index of the lowest AICc, or of linear when none is defined, or -1. */
static long choose(const auto_state *st, int *by_aicc)
{
    long best = -1;
    size_t i;

    *by_aicc = 1;
    for (i = 0; i < NFITTED; i++) {
        if (st->cand[i].compared
            && (best < 0
                || st->cand[i].aicc_level < st->cand[best].aicc_level))
            best = (long)i;
    }
    if (best >= 0)
        return best;
    *by_aicc = 0;
    return st->fits[0] != NULL ? 0 : -1;
}

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

/* The first clause of a note, for the one-line summary. */
static int clause_length(const char *note)
{
    size_t n = strcspn(note, ";");

    return n > 120 ? 120 : (int)n;
}

static void explain(ind_projection *p, const auto_state *st, long best,
                    int by_aicc)
{
    size_t i, size = sizeof p->choice;
    const char *sep = "";

    p->choice[0] = '\0';
    if (by_aicc)
        append(p->choice, size, "auto chose %s: lowest AICc on the level "
               "scale among", ind_model_name(st->cand[best].model));
    else
        append(p->choice, size, "auto chose linear: no candidate has a "
               "defined AICc with %zu points, and linear is the simplest "
               "trend that fits", p->n);
    for (i = 0; i < NFITTED && by_aicc; i++) {
        if (!st->cand[i].compared)
            continue;
        append(p->choice, size, "%s %s %.6g", sep,
               ind_model_name(st->cand[i].model), st->cand[i].aicc_level);
        sep = ",";
    }
    append(p->choice, size, "; not compared:");
    sep = "";
    for (i = 0; i < NFITTED; i++) {
        if (st->cand[i].compared)
            continue;
        append(p->choice, size, "%s %s (%.*s)", sep,
               ind_model_name(st->cand[i].model),
               clause_length(st->notes[i]), st->notes[i]);
        sep = ";";
    }
    append(p->choice, size, "%s drift and naive (%s)", sep,
           st->notes[NFITTED]);
}

static void adopt(ind_projection *p, const auto_state *st)
{
    size_t i;

    p->ncandidates = st->ncand;
    for (i = 0; i < st->ncand; i++) {
        p->candidates[i] = st->cand[i];
        memcpy(p->notes[i], st->notes[i], IND_PROJ_NOTE_SIZE);
        p->candidates[i].note = p->notes[i];
    }
}

static int no_candidate(const auto_state *st, const ind_proj_input *in,
                        ind_error *err)
{
    return ind_error_set(err, IND_EDOMAIN,
                         "auto: no model can be fitted to %zu point%s "
                         "(linear: %s)", in->n, in->n == 1 ? "" : "s",
                         st->notes[0]);
}

int ind_proj_fit_auto(ind_projection **out, const ind_proj_input *in,
                      ind_error *err)
{
    auto_state st;
    long best;
    int by_aicc, rc = IND_OK;
    size_t i;

    memset(&st, 0, sizeof st);
    for (i = 0; i < NFITTED && rc == IND_OK; i++)
        rc = try_candidate(&st, in, i);
    list_walks(&st);
    best = rc == IND_OK ? choose(&st, &by_aicc) : -1;
    if (rc == IND_OK && best < 0)
        rc = no_candidate(&st, in, err);
    else if (rc != IND_OK)
        rc = ind_error_set(err, rc, "out of memory");
    if (rc == IND_OK) {
        *out = st.fits[best];
        st.fits[best] = NULL;
        explain(*out, &st, best, by_aicc);
        adopt(*out, &st);
    }
    for (i = 0; i < NFITTED; i++)
        ind_projection_free(st.fits[i]);
    return rc;
}
