/* projection_warn: warnings about what a forecast rests on, in plain
 * words, added once to the final projection (never to the fits of a
 * backtest or of auto's comparison):
 *
 * - the forecast runs further ahead than the history behind it;
 * - the last two years moved against the direction the forecast takes;
 * - a compounding model (exponential, drift on the log) ends far outside
 *   the range of the history;
 * - (series only) the last value is provisional, estimated, ... or dated
 *   before the end of its year, and mid-year readings elsewhere. */
#include "projection_internal.h"
#include "indicators/number.h"

#include <math.h>
#include <stdio.h>

/* How far outside the history a compounded forecast may go unremarked. */
#define OUTSIDE_FACTOR 3.0

static void human(char *buf, size_t size, double v)
{
    if (ind_number_format_human(buf, size, v, fabs(v) >= 100.0 ? 0 : 2,
                                NULL) != IND_OK)
        snprintf(buf, size, "%g", v);
}

static void warn_horizon(ind_projection *p)
{
    if (p->h > p->n)
        ind_proj_warn_as(p, IND_PROJECTION_WARN_HORIZON,
                         "the forecast runs %zu years ahead, further than "
                         "the %zu years of history it rests on: read its "
                         "later years as a rough guide", p->h, p->n);
}

/* Two falls (rises) in the last two years while the forecast rises
 * (falls) from the last value. */
static void warn_contradiction(ind_projection *p)
{
    const double *y = p->values, *t = p->years;
    size_t n = p->n;
    double d1, d2, ahead;
    char a[IND_NUMBER_HUMAN_BUFSIZE], b[IND_NUMBER_HUMAN_BUFSIZE];
    char c[IND_NUMBER_HUMAN_BUFSIZE];

    if (n < 3 || t[n - 1] != t[n - 2] + 1.0 || t[n - 2] != t[n - 3] + 1.0)
        return;
    d1 = y[n - 2] - y[n - 3];
    d2 = y[n - 1] - y[n - 2];
    ahead = p->mean[p->h - 1] - y[n - 1];
    if (!((d1 < 0.0 && d2 < 0.0 && ahead > 0.0)
          || (d1 > 0.0 && d2 > 0.0 && ahead < 0.0)))
        return;
    human(a, sizeof a, y[n - 3]);
    human(b, sizeof b, y[n - 2]);
    human(c, sizeof c, y[n - 1]);
    /* The years are whole: %d prints them without printf's float path. */
    ind_proj_warn_as(p, IND_PROJECTION_WARN_CONTRADICTED,
                  "the last two years %s, from %s in %d to %s in %d "
                     "and %s in %d, but the forecast %s: the model "
                     "carries on a trend that recent years contradict",
                  d2 < 0.0 ? "fell" : "rose", a, (int)t[n - 3], b,
                  (int)t[n - 2], c, (int)t[n - 1],
                  d2 < 0.0 ? "rises" : "falls");
}

static int compounds(const ind_projection *p, const ind_proj_input *in)
{
    return p->model == IND_MODEL_EXPONENTIAL
           || (p->model == IND_MODEL_DRIFT && in->opts.log_scale);
}

static void warn_outside(ind_projection *p, const ind_proj_input *in)
{
    double lo = INFINITY, hi = -INFINITY, last = p->mean[p->h - 1];
    size_t i;

    if (!compounds(p, in))
        return;
    for (i = 0; i < p->n; i++) {
        lo = fmin(lo, p->values[i]);
        hi = fmax(hi, p->values[i]);
    }
    if (last > OUTSIDE_FACTOR * hi)
        ind_proj_warn_as(p, IND_PROJECTION_WARN_OUTSIDE,
                      "by %d the forecast is %.3g times the highest "
                         "value observed: a constant growth rate "
                         "compounds, so check that growth that far is "
                         "plausible", p->first_year + (int)p->h - 1,
                      last / hi);
    else if (last < lo / OUTSIDE_FACTOR)
        ind_proj_warn_as(p, IND_PROJECTION_WARN_OUTSIDE,
                      "by %d the forecast falls to %.2g%% of the lowest "
                         "value observed: a constant rate of decline "
                         "compounds, so check that a fall that far is "
                         "plausible", p->first_year + (int)p->h - 1,
                      100.0 * last / lo);
}

void ind_proj_warn_reading(ind_projection *p, const ind_proj_input *in)
{
    if (p->h == 0)
        return;
    warn_horizon(p);
    warn_contradiction(p);
    warn_outside(p, in);
}

static const char *status_words(char status)
{
    switch (status) {
    case 'P': return "provisional";
    case 'E': return "an estimate";
    case 'F': return "itself a forecast";
    case 'I': return "imputed";
    case 'U': return "of low reliability";
    case 'V': return "not yet validated";
    case 'G': return "experimental";
    default: return NULL;
    }
}

void ind_proj_warn_series(ind_projection *p, const ind_series *s,
                          int from_year)
{
    size_t n = ind_series_length(s), i, count = 0;
    const ind_point *last = ind_series_point(s, n - 1), *first = NULL;
    const char *words = status_words(last->status);
    char v[IND_NUMBER_HUMAN_BUFSIZE];

    /* The last value in words, only when a warning will say it. */
    if (words != NULL || (last->flags & IND_POINT_PARTIAL_YEAR))
        human(v, sizeof v, last->value);
    if (words != NULL)
        ind_proj_warn_as(p, IND_PROJECTION_WARN_LAST_STATUS,
                      "the last value (%d: %s) is %s (status %c): every "
                         "forecast starts from it and moves if it is "
                         "revised", last->year, v, words, last->status);
    if (last->flags & IND_POINT_PARTIAL_YEAR)
        ind_proj_warn_as(p, IND_PROJECTION_WARN_LAST_PARTIAL,
                      "the last value (%d: %s) is dated %.32s, before "
                         "the end of its year, and is fitted as a year-end "
                         "level: the forecast starts from a part-year "
                         "figure", last->year, v, last->as_of);
    /* Mid-year readings before the last one. */
    for (i = 0; i + 1 < n; i++) {
        const ind_point *pt = ind_series_point(s, i);

        if ((pt->flags & IND_POINT_PARTIAL_YEAR) == 0 || pt->year < from_year)
            continue;
        if (first == NULL)
            first = pt;
        count++;
    }
    if (count == 1)
        ind_proj_warn_as(p, IND_PROJECTION_WARN_PARTIAL,
                      "the value for %d is dated %.32s, before the end of "
                         "its year, and is fitted as a year-end level",
                      first->year, first->as_of);
    else if (count > 1)
        ind_proj_warn_as(p, IND_PROJECTION_WARN_PARTIAL,
                      "%zu values are dated before the end of their year "
                         "(the first: %d, %.32s) and are fitted as year-end "
                         "levels", count, first->year, first->as_of);
}
