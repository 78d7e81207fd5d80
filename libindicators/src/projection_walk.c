/* projection_walk: random walks, with drift (R's rwf(drift = TRUE)) and
 * without (rwf()), on the value or on its log.
 *
 * On z = value or log(value), with the m = n - 1 changes d_t = z_t - z_{t-1}:
 *   drift  b = mean(d), sigma = sd(d) (m - 1 degrees of freedom),
 *          se(b) = sigma / sqrt(m), forecast z_n + h b,
 *          se_h = sqrt(sigma^2 h + (h se(b))^2)   (R's forecast.lagwalk);
 *   naive  b = 0, sigma^2 = mean(d^2) (m degrees of freedom),
 *          se_h = sigma sqrt(h).
 * Intervals use normal quantiles, as R does. One difference from R: when
 * the mean change is exactly 0, R's forecast.lagwalk divides by m instead
 * of m - 1 (it tests `drift != 0` to count the parameter); we always count
 * it. */
#include "projection_internal.h"

#include <gsl/gsl_statistics_double.h>
#include <math.h>

typedef struct walk {
    double drift;
    double drift_se;
    double sigma;
    double df;
} walk;

/* Changes into p->resid[1..n-1] (scratch), then the walk's parameters. */
static void walk_estimate(ind_projection *p, walk *w, int with_drift,
                          int log_scale)
{
    double *d = p->resid + 1;
    size_t m = p->n - 1, i;

    for (i = 1; i < p->n; i++) {
        double a = log_scale ? log(p->values[i - 1]) : p->values[i - 1];
        double b = log_scale ? log(p->values[i]) : p->values[i];

        p->resid[i] = b - a;
    }
    w->drift = 0.0;
    w->drift_se = 0.0;
    w->sigma = NAN;
    w->df = with_drift ? (double)m - 1.0 : (double)m;
    if (with_drift) {
        w->drift = gsl_stats_mean(d, 1, m);
        if (m >= 2) {
            w->sigma = gsl_stats_sd_m(d, 1, m, w->drift);
            w->drift_se = w->sigma / sqrt((double)m);
        } else {
            w->drift_se = NAN;
        }
    } else {
        double ss = 0.0;

        for (i = 0; i < m; i++)
            ss += d[i] * d[i];
        w->sigma = sqrt(ss / (double)m);
    }
}

static void walk_stats(ind_projection *p, const walk *w, int with_drift,
                       int log_scale)
{
    ind_fit_stats *s = &p->stats;
    double rss = 0.0;
    size_t i;

    p->resid[0] = NAN;
    p->fitted[0] = NAN;
    for (i = 1; i < p->n; i++) {
        double prev = log_scale ? log(p->values[i - 1]) : p->values[i - 1];

        p->resid[i] -= w->drift;
        rss += p->resid[i] * p->resid[i];
        p->fitted[i] = log_scale ? exp(prev + w->drift) : prev + w->drift;
    }
    s->n_lik = p->n - 1;
    s->df = w->df;
    s->rss = rss;
    s->sigma = w->sigma;
    ind_fit_information(s, with_drift ? 2 : 1);
    s->aicc_level = NAN;
    s->growth_rate = log_scale && with_drift ? expm1(w->drift) : NAN;
}

static void walk_forecasts(ind_projection *p, const walk *w, int log_scale,
                           int bias_adjust)
{
    double q[IND_PROJECTION_MAX_LEVELS];
    double last = p->values[p->n - 1];
    size_t i;

    if (log_scale)
        last = log(last);
    ind_proj_quantiles(p, w->df > 0.0 ? INFINITY : 0.0, q);
    for (i = 0; i < p->h; i++) {
        double h = (double)(i + 1);
        double se = sqrt(w->sigma * w->sigma * h
                         + h * h * w->drift_se * w->drift_se);

        ind_proj_forecast(p, i, last + h * w->drift, se, q, log_scale,
                          bias_adjust);
    }
}

int ind_proj_fit_walk(ind_projection *p, const ind_proj_input *in,
                      ind_model model, ind_error *err)
{
    int with_drift = model == IND_MODEL_DRIFT;
    int log_scale = in->opts.log_scale != 0;
    int bias_adjust = log_scale && in->opts.bias_adjust;
    walk w;
    int rc;

    rc = log_scale ? ind_proj_need_log(in, model, err) : IND_OK;
    if (rc == IND_OK)
        rc = ind_proj_need_consecutive(in, model, err);
    if (rc != IND_OK)
        return rc;
    walk_estimate(p, &w, with_drift, log_scale);
    walk_stats(p, &w, with_drift, log_scale);
    walk_forecasts(p, &w, log_scale, bias_adjust);
    if (with_drift)
        ind_proj_coef(p, log_scale ? "log drift" : "drift", w.drift,
                      w.drift_se);
    ind_proj_method(p, "random walk%s%s, as R rwf(%s); normal prediction "
                       "intervals%s", with_drift ? " with drift" : "",
                    log_scale ? " on log(value)" : "",
                    with_drift ? "drift = TRUE" : "",
                    bias_adjust ? "; point forecast = log-normal mean"
                    : log_scale ? "; point forecast = median" : "");
    if (bias_adjust && !(w.df > 0.0))
        ind_proj_warn(p, "no residual variance to adjust with: the point "
                         "forecast is the median, not the mean");
    return IND_OK;
}
