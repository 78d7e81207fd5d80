/* growth_break: figures that break their series, judged against the
 * series' own recent history (rules documented in growth.h). */
#include "growth_internal.h"
#include "error_internal.h"
#include "indicators/number.h"

#include <gsl/gsl_statistics_double.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

/* 1.4826 * MAD estimates a standard deviation for normal data. */
#define MAD_TO_SD 1.4826
/* Room for a figure and its year in a reason, and for a percentage (a
 * number that does not fit is written "n/a"); the reason always fits. */
#define FIG 56
#define NUM 24

/* The last `window` measures of the current segment, as a ring, and the
 * same values kept sorted as they come and go (the median of every step
 * of a panel then needs no sort). */
typedef struct history {
    double x[IND_GROWTH_BREAK_WINDOW_MAX];
    double sorted[IND_GROWTH_BREAK_WINDOW_MAX];
    size_t n;
    size_t next;
    size_t window;
} history;

/* What a walk through a series remembers: the last accepted figure
 * (anchor), the history since the segment began, and the last figure
 * flagged after the anchor (pending), if any. */
typedef struct walk {
    const ind_growth_break_options *o;
    ind_kind kind;
    double log_keep;   /* log(1 - stock_fall): least annual log growth */
    double log_factor; /* log(factor) */
    history h;
    int have_anchor;
    int ay;
    double av;
    int have_pending;
    int py;
    double pv;
} walk;

static void hist_reset(history *h, size_t window)
{
    h->n = 0;
    h->next = 0;
    h->window = window;
}

static void hist_push(history *h, double x)
{
    size_t i;

    if (h->n == h->window) {
        /* The oldest measure leaves the sorted copy (found bit for bit). */
        const double old = h->x[h->next];
        for (i = 0; i + 1 < h->n &&
                    memcmp(&h->sorted[i], &old, sizeof old) != 0; i++)
            ;
        memmove(&h->sorted[i], &h->sorted[i + 1],
                (h->n - i - 1) * sizeof h->sorted[0]);
        h->n--;
    }
    for (i = h->n; i > 0 && h->sorted[i - 1] > x; i--)
        h->sorted[i] = h->sorted[i - 1];
    h->sorted[i] = x;
    h->n++;
    h->x[h->next] = x;
    h->next = (h->next + 1) % h->window;
}

/* Insertion sort: the window holds at most 32 values, where it beats
 * GSL's heapsort several times over (it runs once per point of a panel). */
static void sort_small(double *a, size_t n)
{
    size_t i, j;

    for (i = 1; i < n; i++) {
        double x = a[i];
        for (j = i; j > 0 && a[j - 1] > x; j--)
            a[j] = a[j - 1];
        a[j] = x;
    }
}

/* Median of the history. */
static double hist_median(const history *h)
{
    return gsl_stats_median_from_sorted_data(h->sorted, 1, h->n);
}

/* Robust spread (1.4826 MAD) around the median; a is scratch. */
static double hist_spread(const history *h, double median, double *a)
{
    size_t i;

    for (i = 0; i < h->n; i++)
        a[i] = fabs(h->x[i] - median);
    sort_small(a, h->n);
    return MAD_TO_SD * gsl_stats_median_from_sorted_data(a, 1, h->n);
}

static int is_level(ind_kind kind)
{
    return kind != IND_KIND_RATE;
}

static int is_stock(ind_kind kind)
{
    return kind == IND_KIND_STOCK || kind == IND_KIND_UNSPECIFIED;
}

/* The measure a step adds to the history: annual log growth of a level,
 * the new value of a rate; ok is 0 when it has none (a value <= 0). */
typedef struct measure {
    double x;
    int ok;
} measure;

static measure step_measure(ind_kind kind, int y0, double v0, int y1,
                            double v1)
{
    measure m;

    if (!is_level(kind)) {
        m.x = v1;
        m.ok = 1;
    } else {
        m.ok = ind_growth_log_change(&m.x, v0, v1, y1 - y0) ==
               IND_GROWTH_DEFINED;
    }
    return m;
}

/* ------------------------------------------------------------------ */
/* One step judged by the three rules                                   */
/* ------------------------------------------------------------------ */

/* Set the fields of a verdict; the percentages, needed only for a break,
 * come later from step_figures(). No memset: this runs for every point
 * of a panel and the record is mostly reason text. */
static void step_init(ind_growth_break *b, int y0, double v0, int y1,
                      double v1)
{
    b->year = y1;
    b->value = v1;
    b->prev_year = y0;
    b->prev_value = v0;
    b->against_next = 0;
    b->change_pct = NAN;
    b->annual_pct = NAN;
    b->rule = IND_BREAK_NONE;
    b->typical = NAN;
    b->spread = NAN;
    b->history = 0;
    b->reason[0] = '\0';
}

static void step_figures(ind_growth_break *b, ind_kind kind)
{
    if (!is_level(kind))
        return;
    if (b->prev_value > 0.0)
        b->change_pct = ind_growth_finite((b->value - b->prev_value) /
                                          b->prev_value * 100.0);
    ind_growth_pct_change(&b->annual_pct, b->prev_value, b->value,
                          b->year - b->prev_year);
}

/* "1,164,000 in 2019" */
static void figure(char *buf, size_t size, double v, int year)
{
    char num[40];

    ind_growth_fmt(num, sizeof num, v);
    snprintf(buf, size, "%s in %d", num, year);
}

static void reason_fall(ind_growth_break *b, const ind_growth_break_options *o)
{
    char now[FIG], before[FIG], pct[NUM], annual[NUM], limit[NUM];
    int k = b->year - b->prev_year;

    figure(now, sizeof now, b->value, b->year);
    figure(before, sizeof before, b->prev_value, b->prev_year);
    ind_growth_fmt(limit, sizeof limit, o->stock_fall * 100.0);
    if (!(b->value > 0.0)) {
        snprintf(b->reason, sizeof b->reason,
                 "%s after %s: a stock does not fall to zero or below",
                 now, before);
        return;
    }
    ind_growth_fmt(pct, sizeof pct, -b->change_pct);
    ind_growth_fmt(annual, sizeof annual, -b->annual_pct);
    if (k > 1)
        snprintf(b->reason, sizeof b->reason,
                 "%s is %s%% below %s (%s%% a year over %d years): a stock "
                 "losing more than %s%% in a year is taken as a break",
                 now, pct, before, annual, k, limit);
    else
        snprintf(b->reason, sizeof b->reason,
                 "%s is %s%% below %s: a stock losing more than %s%% in a "
                 "year is taken as a break", now, pct, before, limit);
}

static void reason_factor(ind_growth_break *b,
                          const ind_growth_break_options *o)
{
    char now[FIG], before[FIG], times[NUM], limit[NUM];
    double ratio = b->value / b->prev_value;

    figure(now, sizeof now, b->value, b->year);
    figure(before, sizeof before, b->prev_value, b->prev_year);
    ind_growth_fmt(times, sizeof times, ratio >= 1.0 ? ratio : 1.0 / ratio);
    ind_growth_fmt(limit, sizeof limit, o->factor);
    if (ratio >= 1.0) {
        snprintf(b->reason, sizeof b->reason,
                 "%s is %s times %s: a change by a factor of %s or more in "
                 "a year is taken as a slip of unit or scope",
                 now, times, before, limit);
    } else {
        snprintf(b->reason, sizeof b->reason,
                 "%s is 1/%s of %s: a change by a factor of %s or more in "
                 "a year is taken as a slip of unit or scope",
                 now, times, before, limit);
    }
}

static void reason_outlier(ind_growth_break *b, ind_kind kind,
                           double deviation, double limit)
{
    char now[FIG], before[FIG], g[NUM], t[NUM], d[NUM], l[NUM];

    figure(now, sizeof now, b->value, b->year);
    figure(before, sizeof before, b->prev_value, b->prev_year);
    ind_growth_fmt(d, sizeof d, deviation);
    ind_growth_fmt(l, sizeof l, limit);
    ind_growth_fmt(t, sizeof t, b->typical);
    if (!is_level(kind)) {
        snprintf(b->reason, sizeof b->reason,
                 "%s is far from the usual %s (median of the last %zu "
                 "values): %s points away, the limit is %s", now, t,
                 b->history, d, l);
        return;
    }
    ind_growth_fmt(g, sizeof g, b->annual_pct);
    snprintf(b->reason, sizeof b->reason,
             "%s means %s%% a year from %s, against a usual %s%% a year "
             "(median of the last %zu steps): its log growth is %s off, "
             "the limit is %s", now, g, before, t, b->history, d, l);
}

/* Both values > 0 give a level's step its measure, so m->ok stands for
 * "v1 > 0" once v0 > 0 is known. */
static ind_growth_break_rule rule_stock_fall(ind_growth_break *b,
                                             const walk *w, const measure *m)
{
    if (!is_stock(w->kind) || !(b->prev_value > 0.0))
        return IND_BREAK_NONE;
    if (m->ok && !(m->x < w->log_keep))
        return IND_BREAK_NONE;
    step_figures(b, w->kind);
    reason_fall(b, w->o);
    return IND_BREAK_STOCK_FALL;
}

static ind_growth_break_rule rule_factor(ind_growth_break *b, const walk *w,
                                         const measure *m)
{
    if (!is_level(w->kind) || !m->ok || fabs(m->x) < w->log_factor)
        return IND_BREAK_NONE;
    step_figures(b, w->kind);
    reason_factor(b, w->o);
    return IND_BREAK_FACTOR;
}

static ind_growth_break_rule rule_outlier(ind_growth_break *b, const walk *w,
                                          const history *h, const measure *m)
{
    double a[IND_GROWTH_BREAK_WINDOW_MAX], median, spread, limit, floor;

    if (h->n < w->o->min_history || !m->ok)
        return IND_BREAK_NONE;
    median = hist_median(h);
    floor = is_level(w->kind) ? w->o->floor_log : w->o->floor_rate_pp;
    /* Within the floor nothing is flagged whatever the spread: the usual
     * case, and it spares the second sort. */
    if (!(fabs(m->x - median) > floor))
        return IND_BREAK_NONE;
    spread = hist_spread(h, median, a);
    limit = fmax(w->o->spread_k * spread, floor);
    if (!(fabs(m->x - median) > limit))
        return IND_BREAK_NONE;
    step_figures(b, w->kind);
    b->history = h->n;
    b->typical = ind_growth_finite(is_level(w->kind) ? expm1(median) * 100.0
                                                     : median);
    b->spread = ind_growth_finite(is_level(w->kind) ? spread * 100.0
                                                    : spread);
    reason_outlier(b, w->kind, fabs(m->x - median), limit);
    return IND_BREAK_OUTLIER;
}

/* Judge the step (y0, v0) -> (y1, v1) against history h; *m receives
 * the step's measure, for the history if the step is accepted. */
static ind_growth_break_rule judge_step(const walk *w, const history *h,
                                        int y0, double v0, int y1, double v1,
                                        ind_growth_break *b, measure *m)
{
    ind_growth_break_rule rule;

    step_init(b, y0, v0, y1, v1);
    *m = step_measure(w->kind, y0, v0, y1, v1);
    rule = rule_stock_fall(b, w, m);
    if (rule == IND_BREAK_NONE)
        rule = rule_factor(b, w, m);
    if (rule == IND_BREAK_NONE)
        rule = rule_outlier(b, w, h, m);
    b->rule = rule;
    return rule;
}

/* ------------------------------------------------------------------ */
/* Walking a series in year order                                       */
/* ------------------------------------------------------------------ */

static void walk_init(walk *w, const ind_growth_break_options *o,
                      ind_kind kind)
{
    memset(w, 0, sizeof *w);
    w->o = o;
    w->kind = kind;
    w->log_keep = log1p(-o->stock_fall);
    w->log_factor = log(o->factor);
    hist_reset(&w->h, o->window);
}

/* (y, v) begins a segment: earlier history no longer applies. */
static void walk_segment(walk *w, int y, double v)
{
    hist_reset(&w->h, w->o->window);
    if (!is_level(w->kind))
        hist_push(&w->h, v);
    w->have_anchor = 1;
    w->ay = y;
    w->av = v;
    w->have_pending = 0;
}

static void walk_accept(walk *w, int y, double v, const measure *m)
{
    if (m->ok)
        hist_push(&w->h, m->x);
    w->ay = y;
    w->av = v;
    w->have_pending = 0;
}

/* Judge the next figure of the walk; b receives the verdict. */
static ind_growth_break_rule walk_judge(walk *w, int y, double v,
                                        char status, ind_growth_break *b)
{
    ind_growth_break shift;
    ind_growth_break_rule rule;
    history empty;
    measure m;

    if (!w->have_anchor || status == 'B') {
        step_init(b, IND_GROWTH_NO_YEAR, NAN, y, v);
        walk_segment(w, y, v);
        return IND_BREAK_NONE;
    }
    rule = judge_step(w, &w->h, w->ay, w->av, y, v, b, &m);
    if (rule == IND_BREAK_NONE) {
        walk_accept(w, y, v, &m);
        return rule;
    }
    if (w->have_pending) {
        hist_reset(&empty, w->o->window);
        if (judge_step(w, &empty, w->py, w->pv, y, v, &shift, &m) ==
            IND_BREAK_NONE) {
            walk_segment(w, w->py, w->pv);
            walk_accept(w, y, v, &m);
            step_init(b, IND_GROWTH_NO_YEAR, NAN, y, v);
            return IND_BREAK_NONE;
        }
    }
    w->have_pending = 1;
    w->py = y;
    w->pv = v;
    return rule;
}

/* ------------------------------------------------------------------ */
/* Public entry points                                                  */
/* ------------------------------------------------------------------ */

static int options_check(const ind_growth_break_options *o, ind_error *err)
{
    if (o->version != IND_GROWTH_BREAK_OPTIONS_VERSION)
        return ind_error_set(err, IND_EINVAL,
                             "break options version %u, expected %u",
                             o->version, IND_GROWTH_BREAK_OPTIONS_VERSION);
    if (!(o->stock_fall > 0.0 && o->stock_fall < 1.0) ||
        !(o->factor > 1.0 && isfinite(o->factor)) ||
        !(o->spread_k > 0.0 && isfinite(o->spread_k)) ||
        !(o->floor_log >= 0.0 && isfinite(o->floor_log)) ||
        !(o->floor_rate_pp >= 0.0 && isfinite(o->floor_rate_pp)))
        return ind_error_set(err, IND_EINVAL,
                             "break options: stock_fall must lie in (0, 1), "
                             "factor above 1, spread_k above 0, floors 0 or "
                             "more, all finite");
    if (o->min_history < 2 || o->window < o->min_history ||
        o->window > IND_GROWTH_BREAK_WINDOW_MAX)
        return ind_error_set(err, IND_EINVAL,
                             "break options: min_history %u must be 2 or "
                             "more and window %u between it and %d",
                             o->min_history, o->window,
                             IND_GROWTH_BREAK_WINDOW_MAX);
    return IND_OK;
}

static int options_get(const ind_growth_break_options **o,
                       ind_growth_break_options *storage, ind_error *err)
{
    static const ind_growth_break_options defaults =
        IND_GROWTH_BREAK_OPTIONS_INIT;

    if (*o == NULL) {
        *storage = defaults;
        *o = storage;
    }
    return options_check(*o, err);
}

int ind_growth_breaks(ind_growth_break *out, size_t capacity,
                      size_t *out_count, const ind_series *s,
                      const ind_growth_break_options *opts, ind_error *err)
{
    ind_growth_break_options storage;
    ind_growth_break b;
    size_t i, n, count = 0;
    walk w;
    int rc;

    if (out_count == NULL || s == NULL || (out == NULL && capacity > 0))
        return ind_error_set(err, IND_EINVAL,
                             "ind_growth_breaks: NULL argument");
    *out_count = 0;
    rc = options_get(&opts, &storage, err);
    if (rc != IND_OK)
        return rc;
    walk_init(&w, opts, ind_series_kind(s));
    n = ind_series_length(s);
    for (i = 0; i < n; i++) {
        const ind_point *p = ind_series_point(s, i);
        if (walk_judge(&w, p->year, p->value, p->status, &b) ==
            IND_BREAK_NONE)
            continue;
        if (count < capacity)
            out[count] = b;
        count++;
    }
    *out_count = count;
    return ind_growth_room(err, "ind_growth_breaks", count, capacity);
}

/* The figure fits its predecessors; does the one after it fit the figure,
 * while fitting what came before the figure? Then it is not the suspect. */
static void test_next(ind_growth_break *out, const walk *before,
                      const walk *after, const ind_point *next)
{
    ind_growth_break fb, skip;
    measure unused;
    size_t len;

    if (judge_step(after, &after->h, out->year, out->value, next->year,
                   next->value, &fb, &unused) == IND_BREAK_NONE)
        return;
    if (before->have_anchor &&
        judge_step(before, &before->h, before->ay, before->av, next->year,
                   next->value, &skip, &unused) != IND_BREAK_NONE)
        return;
    out->prev_year = next->year;
    out->prev_value = next->value;
    out->against_next = 1;
    out->change_pct = NAN;
    if (next->value > 0.0 && is_level(after->kind))
        out->change_pct = ind_growth_finite((out->value - next->value) /
                                            next->value * 100.0);
    out->annual_pct = fb.annual_pct;
    out->rule = fb.rule;
    out->typical = fb.typical;
    out->spread = fb.spread;
    out->history = fb.history;
    len = (size_t)snprintf(out->reason, sizeof out->reason,
                           "the figure after it breaks from it: ");
    /* The reason may be cut short: it is a message, not data. */
    if (len < sizeof out->reason)
        snprintf(out->reason + len, sizeof out->reason - len, "%.*s",
                 (int)(sizeof out->reason - len - 1), fb.reason);
}

int ind_growth_break_test(ind_growth_break *out, const ind_series *s,
                          int year, double value, char status,
                          const ind_growth_break_options *opts,
                          ind_error *err)
{
    ind_growth_break_options storage;
    size_t i, n;
    walk w, before;
    int rc;

    if (out == NULL || s == NULL || !isfinite(value))
        return ind_error_set(err, IND_EINVAL, "ind_growth_break_test: %s",
                             isfinite(value) ? "NULL argument"
                                             : "the value is not finite");
    rc = options_get(&opts, &storage, err);
    if (rc != IND_OK)
        return rc;
    walk_init(&w, opts, ind_series_kind(s));
    n = ind_series_length(s);
    for (i = 0; i < n && ind_series_point(s, i)->year < year; i++) {
        const ind_point *p = ind_series_point(s, i);
        ind_growth_break ignored;
        walk_judge(&w, p->year, p->value, p->status, &ignored);
    }
    while (i < n && ind_series_point(s, i)->year == year)
        i++;
    before = w;
    if (walk_judge(&w, year, value, status, out) != IND_BREAK_NONE ||
        status == 'B')
        return IND_OK;
    step_init(out, IND_GROWTH_NO_YEAR, NAN, year, value);
    if (i < n)
        test_next(out, &before, &w, ind_series_point(s, i));
    return IND_OK;
}
