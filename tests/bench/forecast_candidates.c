/* forecast_candidates: the candidate defaults for `auto` that the
 * benchmark compares on every development set (point forecasts only; the
 * chosen one's intervals are scored in the main table).
 *
 * The list was fixed before any of them was scored on the second
 * development set: single methods with good published records on yearly
 * data (drift, damped, theta), their equal-weight means and median (the
 * combinations of the M4 competition's best entries and of SCUM were
 * equal-weight means or medians), the same combinations on the log scale
 * for positive series (a combination of growth paths rather than of
 * levels), and auto's selection from the past forecasts at three margins.
 * A candidate whose component cannot be fitted forecasts with those that
 * can (naive when none can).
 *
 * Added in a third round (2026-12-02), before any of them was scored:
 * dotm (the dynamic optimised Theta model) alone, in theta's place, beside
 * theta as a fourth member, and the median of the four. */
#include "forecast_bench.h"
#include "projection_internal.h"
#include "indicators/projection.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

enum part { P_DRIFT, P_DAMPED, P_THETA, P_DOTM, NBASE,
            P_DRIFT_LOG = NBASE, P_DAMPED_LOG, P_THETA_LOG, P_DOTM_LOG,
            NPARTS };

typedef struct candidate {
    const char *name;
    const char *text;
    int parts;          /* bit set of enum part */
    int median;         /* median instead of mean */
    int logged;         /* the parts fitted to log(value) when positive */
    double margin;      /* >= 0: auto with this margin (parts unused) */
} candidate;

#define B(p) (1 << (p))

static const candidate candidates[] = {
    { "drift", "random walk with drift", B(P_DRIFT), 0, 0, -1.0 },
    { "damped", "damped trend", B(P_DAMPED), 0, 0, -1.0 },
    { "theta", "standard Theta", B(P_THETA), 0, 0, -1.0 },
    { "drift-log", "drift on log(value)", B(P_DRIFT), 0, 1, -1.0 },
    { "mean(d,D,T)", "mean of drift, damped, theta (combo today)",
      B(P_DRIFT) | B(P_DAMPED) | B(P_THETA), 0, 0, -1.0 },
    { "median(d,D,T)", "median of drift, damped, theta",
      B(P_DRIFT) | B(P_DAMPED) | B(P_THETA), 1, 0, -1.0 },
    { "mean(d,T)", "mean of drift and theta", B(P_DRIFT) | B(P_THETA), 0, 0,
      -1.0 },
    { "mean(d,D)", "mean of drift and damped", B(P_DRIFT) | B(P_DAMPED), 0,
      0, -1.0 },
    { "log mean(d,D,T)", "mean of drift, damped, theta on log(value)",
      B(P_DRIFT) | B(P_DAMPED) | B(P_THETA), 0, 1, -1.0 },
    { "log mean(d,T)", "mean of drift and theta on log(value)",
      B(P_DRIFT) | B(P_THETA), 0, 1, -1.0 },
    { "dotm", "dynamic optimised Theta", B(P_DOTM), 0, 0, -1.0 },
    { "mean(d,D,O)", "mean of drift, damped, dotm",
      B(P_DRIFT) | B(P_DAMPED) | B(P_DOTM), 0, 0, -1.0 },
    { "mean(d,D,T,O)", "mean of drift, damped, theta, dotm",
      B(P_DRIFT) | B(P_DAMPED) | B(P_THETA) | B(P_DOTM), 0, 0, -1.0 },
    { "median(d,D,T,O)", "median of drift, damped, theta, dotm",
      B(P_DRIFT) | B(P_DAMPED) | B(P_THETA) | B(P_DOTM), 1, 0, -1.0 },
    { "auto 0%", "auto: the best past forecaster, any margin", 0, 0, 0,
      0.0 },
    { "auto 10%", "auto today: combo unless one is 10% better", 0, 0, 0,
      0.10 },
    { "auto 20%", "auto: combo unless one is 20% better", 0, 0, 0, 0.20 }
};
#define NCAND (sizeof candidates / sizeof candidates[0])

size_t fb_ncandidates(void) { return NCAND; }
const char *fb_candidate_name(size_t k) { return candidates[k].name; }
const char *fb_candidate_text(size_t k) { return candidates[k].text; }

/* Point forecasts of one part; 0 when it cannot be fitted. */
static int part_forecast(double *f, const fb_task *t, enum part p)
{
    static const ind_model models[NBASE] = { IND_MODEL_DRIFT,
                                             IND_MODEL_DAMPED,
                                             IND_MODEL_THETA, IND_MODEL_DOTM };
    ind_projection_options o = IND_PROJECTION_OPTIONS_INIT;
    ind_projection *pr = NULL;
    double v[FB_MAX_POINTS];
    int logged = p >= P_DRIFT_LOG, ok;
    size_t i;

    o.model = models[p % NBASE];
    o.intervals = IND_INTERVALS_MODEL;
    for (i = 0; i < t->n; i++) {
        if (logged && !(t->values[i] > 0.0))
            return 0;
        v[i] = logged ? log(t->values[i]) : t->values[i];
    }
    ok = ind_projection_fit(&pr, t->years, v, t->n,
                            (int)t->years[t->n - 1] + FB_H, &o, NULL)
         == IND_OK;
    for (i = 0; ok && i < FB_H; i++) {
        double m = ind_projection_mean(pr)[i];

        f[i] = logged ? exp(m) : m;
        ok = isfinite(f[i]);
    }
    ind_projection_free(pr);
    return ok;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

int fb_fit_auto(ind_projection **out, const fb_task *t, double margin,
                int calibrated)
{
    ind_proj_input in;

    memset(&in, 0, sizeof in);
    in.years = t->years;
    in.values = t->values;
    in.n = t->n;
    in.to_year = (int)t->years[t->n - 1] + FB_H;
    in.opts = (ind_projection_options)IND_PROJECTION_OPTIONS_INIT;
    if (!calibrated)
        in.opts.intervals = IND_INTERVALS_MODEL;
    in.max_origins = IND_PROJ_RECENT_ORIGINS;
    in.auto_margin = margin;
    return ind_proj_fit_auto(out, &in, NULL) == IND_OK;
}

/* auto's point forecasts with its margin set. */
static void run_auto(fb_result *r, const fb_task *t, double margin)
{
    ind_projection *p = NULL;
    double f[FB_H];
    size_t h;

    if (!fb_fit_auto(&p, t, margin, 0)) {
        for (h = 0; h < FB_H; h++)
            f[h] = t->values[t->n - 1];
        fb_score(r, t, f, NULL, NULL, NULL, NULL);
        r->failed = 1;
        return;
    }
    fb_score(r, t, ind_projection_mean(p), NULL, NULL, NULL, NULL);
    r->chosen = (int)ind_projection_model(p);
    ind_projection_free(p);
}

void fb_candidates_run(fb_result *r, const fb_task *t)
{
    double part[NPARTS][FB_H];
    int have[NPARTS], positive = 1;
    size_t k, i, h;

    for (i = 0; i < t->n; i++)
        positive = positive && t->values[i] > 0.0;
    for (k = 0; k < NPARTS; k++)
        have[k] = (k < P_DRIFT_LOG || positive)
                  && part_forecast(part[k], t, (enum part)k);
    for (k = 0; k < NCAND; k++) {
        const candidate *c = &candidates[k];
        double f[FB_H], vals[NPARTS];

        if (c->margin >= 0.0) {
            run_auto(&r[k], t, c->margin);
            continue;
        }
        for (h = 0; h < FB_H; h++) {
            size_t used = 0;
            double sum = 0.0;

            for (i = 0; i < NBASE; i++) {
                size_t q = i + (c->logged && positive ? NBASE : 0);

                if ((c->parts & B(i)) && have[q]) {
                    vals[used++] = part[q][h];
                    sum += c->logged && positive ? log(part[q][h])
                                                 : part[q][h];
                }
            }
            if (used == 0) {
                f[h] = t->values[t->n - 1];
            } else if (c->median) {
                qsort(vals, used, sizeof vals[0], cmp_double);
                f[h] = used % 2 ? vals[used / 2]
                                : 0.5 * (vals[used / 2 - 1] + vals[used / 2]);
            } else {
                /* on the log scale: the geometric mean of the parts */
                f[h] = c->logged && positive ? exp(sum / (double)used)
                                             : sum / (double)used;
            }
        }
        fb_score(&r[k], t, f, NULL, NULL, NULL, NULL);
    }
}
