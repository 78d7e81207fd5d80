/* projection_rolling: rolling-origin forecasts of one model over a series,
 * the machinery under ind_backtest_run(), auto's choice and the
 * calibrated intervals.
 *
 * For every origin o (index of the window's last point, from 1 to n - 2,
 * or the last in->max_origins of them)
 * the model is fitted to points 0..o with the caller's options and
 * forecasts years[o] + 1 .. years[o] + max_h; the forecasts and the
 * model's bounds are kept. A fit that fails at an origin (too few points,
 * a gap, ...) leaves NaN there. A combination is built from its
 * components' rolling forecasts, exactly as ind_proj_combine() builds it
 * from their fits, so that the damped search is not run twice. */
#include "projection_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int ind_proj_rolling_alloc(ind_proj_rolling *r, const ind_proj_input *in,
                           ind_model model, int max_h)
{
    size_t cells = in->n * (size_t)max_h, i;
    size_t nl = in->opts.nlevels;

    memset(r, 0, sizeof *r);
    r->model = model;
    r->n = in->n;
    r->max_h = max_h;
    r->nlevels = nl;
    r->mean = malloc((1 + 2 * nl) * cells * sizeof *r->mean);
    if (r->mean == NULL)
        return IND_ENOMEM;
    r->lower = r->mean + cells;
    r->upper = r->lower + nl * cells;
    for (i = 0; i < (1 + 2 * nl) * cells; i++)
        r->mean[i] = NAN;
    return IND_OK;
}

void ind_proj_rolling_free(ind_proj_rolling *r)
{
    if (r != NULL) {
        free(r->mean);
        r->mean = NULL;
    }
}

/* Keep the forecasts of fit p made at origin o. */
static void keep(ind_proj_rolling *r, const ind_projection *p, size_t o)
{
    size_t h, j, cells = r->n * (size_t)r->max_h;

    for (h = 0; h < (size_t)r->max_h && h < p->h; h++) {
        size_t at = o * (size_t)r->max_h + h;

        r->mean[at] = p->mean[h];
        for (j = 0; j < r->nlevels; j++) {
            r->lower[j * cells + at] = p->lower[j * p->h + h];
            r->upper[j * cells + at] = p->upper[j * p->h + h];
        }
    }
}

int ind_proj_rolling_fit(ind_proj_rolling *r, const ind_proj_input *all,
                         ind_model model, int max_h)
{
    ind_proj_input in = *all;
    size_t o;
    int rc = ind_proj_rolling_alloc(r, all, model, max_h);

    if (rc != IND_OK)
        return rc;
    in.opts.model = model;
    in.rolling = 1;
    o = 1;
    if (all->max_origins > 0 && all->n > all->max_origins + 2)
        o = all->n - 1 - all->max_origins;
    for (; o + 1 < all->n; o++) {
        ind_error e = IND_ERROR_INIT;
        ind_projection *p = NULL;

        in.n = o + 1;
        in.to_year = (int)all->years[o] + max_h;
        rc = ind_proj_alloc(&p, &in, &e);
        if (rc == IND_OK)
            rc = ind_proj_fit_model(p, &in, model, &e);
        if (rc == IND_OK) {
            r->fits++;
            keep(r, p, o);
        } else {
            /* The widest window's failure is the telling one. */
            memcpy(r->last_error, e.message, sizeof r->last_error);
        }
        ind_projection_free(p);
        if (rc == IND_ENOMEM)
            return rc;
    }
    return IND_OK;
}

int ind_proj_rolling_combine(ind_proj_rolling *r, const ind_proj_input *in,
                             const ind_proj_rolling *parts, size_t count)
{
    size_t cells = in->n * (size_t)parts[0].max_h, at, j, k;
    int rc = ind_proj_rolling_alloc(r, in, IND_MODEL_COMBO, parts[0].max_h);

    if (rc != IND_OK)
        return rc;
    for (at = 0; at < cells; at++) {
        double sum = 0.0, lo, hi;
        size_t used = 0;

        for (k = 0; k < count; k++) {
            if (isfinite(parts[k].mean[at])) {
                sum += parts[k].mean[at];
                used++;
            }
        }
        /* The combination's own rule: at least two components. */
        if (used < 2)
            continue;
        r->mean[at] = sum / (double)used;
        for (j = 0; j < r->nlevels; j++) {
            size_t nb = 0;

            lo = hi = 0.0;
            for (k = 0; k < count; k++) {
                double l = parts[k].lower[j * cells + at];
                double u = parts[k].upper[j * cells + at];

                if (isfinite(parts[k].mean[at]) && isfinite(l)
                    && isfinite(u)) {
                    lo += l;
                    hi += u;
                    nb++;
                }
            }
            if (nb > 0) {
                r->lower[j * cells + at] = lo / (double)nb;
                r->upper[j * cells + at] = hi / (double)nb;
            }
        }
    }
    for (k = 0; k < count; k++)
        r->fits = parts[k].fits > r->fits ? parts[k].fits : r->fits;
    return IND_OK;
}

long ind_proj_find_year(const double *years, size_t n, size_t from,
                        double year)
{
    size_t i;

    for (i = from + 1; i < n && years[i] <= year; i++) {
        if (years[i] == year)
            return (long)i;
    }
    return -1;
}

int ind_proj_rolling_model(ind_proj_rolling *r, const ind_proj_input *in,
                           ind_model model, int max_h)
{
    ind_proj_rolling parts[IND_PROJ_COMBO_NPARTS];
    size_t k;
    int rc = IND_OK;

    if (model != IND_MODEL_COMBO)
        return ind_proj_rolling_fit(r, in, model, max_h);
    memset(parts, 0, sizeof parts);
    for (k = 0; k < IND_PROJ_COMBO_NPARTS && rc == IND_OK; k++)
        rc = ind_proj_rolling_fit(&parts[k], in, ind_proj_combo_parts[k],
                                  max_h);
    if (rc == IND_OK)
        rc = ind_proj_rolling_combine(r, in, parts, IND_PROJ_COMBO_NPARTS);
    for (k = 0; k < IND_PROJ_COMBO_NPARTS; k++)
        ind_proj_rolling_free(&parts[k]);
    return rc;
}
