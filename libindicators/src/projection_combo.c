/* projection_combo: the equal-weight mean of drift, damped trend and
 * Theta forecasts.
 *
 * Why these three: on the yearly series of the M3 and M4 competitions
 * each is among the best simple methods, and they err differently (drift
 * carries the whole average slope on, damped a slope that fades, Theta half
 * the long-run slope from a smoothed level); an equal-weight mean of
 * such methods is one of the most reliable findings of the forecasting
 * literature (the "combination puzzle": estimated weights rarely beat equal
 * ones on short series). A component that cannot be fitted to the series
 * (damped needs 5 points) is left out and the method line says so; at
 * least two components are needed.
 *
 * The model interval of the combination averages the components' bounds
 * level by level (quantile averaging, Lichtendahl, Grushka-Cockayne and
 * Winkler 2013), over the components that have one. The calibrated
 * interval (projection_calibrate.c) replaces it by default. */
#include "projection_internal.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const ind_model ind_proj_combo_parts[IND_PROJ_COMBO_NPARTS] = {
    IND_MODEL_DRIFT, IND_MODEL_DAMPED, IND_MODEL_THETA
};
#define components ind_proj_combo_parts
#define NCOMP IND_PROJ_COMBO_NPARTS

/* The mean of the finite entries v[k * stride], NaN when none. */
static double finite_mean(const double *const *v, size_t count, size_t at)
{
    double sum = 0.0;
    size_t k, used = 0;

    for (k = 0; k < count; k++) {
        if (isfinite(v[k][at])) {
            sum += v[k][at];
            used++;
        }
    }
    return used > 0 ? sum / (double)used : NAN;
}

void ind_proj_combine(ind_projection *p, ind_projection *const *parts,
                      size_t count)
{
    const double *col[IND_PROJ_MAX_COMPONENTS];
    size_t i, j, k;
    double df = INFINITY, rss = 0.0;

    for (i = 0; i < p->h; i++) {
        double sum = 0.0;

        for (k = 0; k < count; k++)
            sum += parts[k]->mean[i];
        p->mean[i] = sum / (double)count;
    }
    for (j = 0; j < p->nlevels * p->h; j++) {
        for (k = 0; k < count; k++)
            col[k] = parts[k]->lower;
        p->lower[j] = finite_mean(col, count, j);
        for (k = 0; k < count; k++)
            col[k] = parts[k]->upper;
        p->upper[j] = finite_mean(col, count, j);
    }
    for (i = 0; i < p->n; i++) {
        double sum = 0.0;

        for (k = 0; k < count; k++)
            sum += parts[k]->fitted[i];
        p->fitted[i] = sum / (double)count;   /* NaN where one has none */
        p->resid[i] = p->values[i] - p->fitted[i];
        if (isfinite(p->resid[i]))
            rss += p->resid[i] * p->resid[i];
    }
    for (k = 0; k < count; k++)
        df = fmin(df, parts[k]->stats.df);
    p->stats.df = df;
    p->stats.rss = rss;
    p->stats.n_lik = p->n;
}

/* The components' parameters, under names that say whose they are. */
static void copy_coefficients(ind_projection *p, ind_projection *const *parts,
                              const ind_model *models, size_t count)
{
    static const struct { ind_model model; const char *from, *to; } names[] = {
        { IND_MODEL_DRIFT, "drift", "drift: drift" },
        { IND_MODEL_DAMPED, "alpha", "damped: alpha" },
        { IND_MODEL_DAMPED, "beta", "damped: beta" },
        { IND_MODEL_DAMPED, "phi", "damped: phi" },
        { IND_MODEL_THETA, "alpha", "theta: alpha" },
        { IND_MODEL_THETA, "drift", "theta: drift" }
    };
    size_t k, i, j;

    for (k = 0; k < count; k++) {
        for (i = 0; i < parts[k]->ncoef; i++) {
            const ind_projection_coef *c = &parts[k]->coef[i];

            for (j = 0; j < sizeof names / sizeof names[0]; j++) {
                if (names[j].model == models[k]
                    && strcmp(names[j].from, c->name) == 0)
                    ind_proj_coef(p, names[j].to, c->estimate, c->se);
            }
        }
    }
}

/* "drift, damped and Theta" or the subset fitted. */
static void name_parts(char *buf, size_t size, const ind_model *models,
                       size_t count)
{
    size_t k, used = 0;

    buf[0] = '\0';
    for (k = 0; k < count && used < size; k++) {
        int w = snprintf(buf + used, size - used, "%s%s",
                         k == 0 ? "" : k + 1 == count ? " and " : ", ",
                         ind_model_name(models[k]));
        used += w > 0 ? (size_t)w : 0;
    }
}

int ind_proj_fit_combo(ind_projection *p, const ind_proj_input *in,
                       ind_error *err)
{
    ind_projection *parts[NCOMP] = { NULL };
    ind_model used[NCOMP];
    ind_proj_input sub = *in;
    char names[96], left_out[160] = "";
    size_t k, count = 0;
    int rc = ind_proj_need_consecutive(in, IND_MODEL_COMBO, err);

    for (k = 0; k < NCOMP && rc == IND_OK; k++) {
        ind_error e = IND_ERROR_INIT;

        sub.opts.model = components[k];
        if (in->n < ind_projection_min_points(components[k], &sub.opts)) {
            snprintf(left_out, sizeof left_out, " (%s needs %zu points, "
                     "the series has %zu)", ind_model_name(components[k]),
                     ind_projection_min_points(components[k], &sub.opts),
                     in->n);
            continue;
        }
        rc = ind_proj_alloc(&parts[count], &sub, &e);
        if (rc == IND_OK)
            rc = ind_proj_fit_model(parts[count], &sub, components[k], &e);
        if (rc == IND_OK) {
            used[count++] = components[k];
        } else if (rc != IND_ENOMEM) {
            /* A component that fails is left out like a short one. */
            snprintf(left_out, sizeof left_out, " (%s: %.100s)",
                     ind_model_name(components[k]), e.message);
            ind_projection_free(parts[count]);
            parts[count] = NULL;
            rc = IND_OK;
        } else {
            ind_error_set(err, rc, "out of memory");
        }
    }
    if (rc == IND_OK && count < 2)
        rc = ind_error_set(err, IND_EDOMAIN,
                           "combo needs at least two of drift, damped and "
                           "theta%s", left_out);
    if (rc == IND_OK) {
        ind_proj_combine(p, parts, count);
        copy_coefficients(p, parts, used, count);
        name_parts(names, sizeof names, used, count);
        ind_proj_method(p, "combination: the mean of the %s forecasts%s",
                        names, left_out);
    }
    for (k = 0; k < NCOMP; k++)
        ind_projection_free(parts[k]);
    return rc;
}
