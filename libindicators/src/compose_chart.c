/* compose_chart: series and their projections made into a chart: levels,
 * growth bars with their marks, or an index, each with its projection and
 * the projection's own intervals. */
#include "indicators/compose.h"
#include "array.h"
#include "error_internal.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ind_chart_composition {
    ind_chart *chart;
    int base_year;
    size_t n;
    ind_projection *proj[IND_CHART_MAX_SERIES];
    size_t points[IND_CHART_MAX_SERIES];
    int first[IND_CHART_MAX_SERIES], last[IND_CHART_MAX_SERIES];
    ind_compose_note *notes;
    size_t nnotes, notes_cap;
};

/* One input on its way to the chart: the points drawn and, projected,
 * its rebased means and bounds. Released once ind_chart_add() copied. */
typedef struct chart_points {
    size_t n;
    int *years;
    double *values;
    ind_chart_mark *marks;
    const char **sources;     /* every point's source */
    unsigned bar_marks;       /* growth: the marks of the bars, as bits */
    int *pyears;
    double *pvalues;          /* mean, then lower and upper per band */
} chart_points;

static void points_release(chart_points *p)
{
    free(p->years);
    free(p->values);
    free(p->marks);
    free(p->sources);
    free(p->pyears);
    free(p->pvalues);
    memset(p, 0, sizeof *p);
}

const char *ind_compose_model_label(ind_model m)
{
    return ind_compose_model_label_in(m, IND_LANG_EN);
}

const char *ind_compose_model_label_in(ind_model m, ind_lang lang)
{
    static const char *const labels[][IND_LANG_COUNT] = {
        [IND_MODEL_LINEAR] = { "linear trend", "线性趋势" },
        [IND_MODEL_EXPONENTIAL] = { "exponential trend", "指数趋势" },
        [IND_MODEL_POLYNOMIAL] = { "quadratic trend", "二次趋势" },
        [IND_MODEL_DRIFT] = { "random walk with drift", "带漂移的随机游走" },
        [IND_MODEL_HOLT] = { "Holt's linear trend", "Holt 线性趋势" },
        [IND_MODEL_DAMPED] = { "damped trend", "阻尼趋势" },
        [IND_MODEL_LOGISTIC] = { "logistic trend", "逻辑斯蒂趋势" },
        [IND_MODEL_NAIVE] = { "random walk", "随机游走" },
        [IND_MODEL_THETA] = { "Theta method", "Theta 方法" },
        [IND_MODEL_COMBO] = { "mean of drift, damped and Theta",
                              "漂移、阻尼与 Theta 的平均" },
        [IND_MODEL_DOTM] = { "dynamic optimised Theta",
                             "动态优化 Theta 模型" },
    };
    int l = (unsigned)lang < IND_LANG_COUNT ? (int)lang : 0;

    if ((unsigned)m < sizeof labels / sizeof labels[0] &&
        labels[m][l] != NULL)
        return labels[m][l];
    return l == IND_LANG_ZH ? "趋势" : "trend";
}

/* ---- notes ---- */

static int add_note(ind_chart_composition *c, ind_severity sev, size_t series,
                    const char *fmt, ...) IND_PRINTF(4, 5);

static int add_note(ind_chart_composition *c, ind_severity sev, size_t series,
                    const char *fmt, ...)
{
    char text[IND_ERROR_MESSAGE_SIZE];
    ind_compose_note *note;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (IND_ARRAY_RESERVE(c->notes, c->notes_cap, c->nnotes + 1) != 0)
        return -1;
    note = &c->notes[c->nnotes];
    note->text = strdup(text);
    if (note->text == NULL)
        return -1;
    note->severity = sev;
    note->series = series;
    c->nnotes++;
    return 0;
}

/* ---- points of each kind ---- */

/* Room for n points, and the sources of every point of the series. */
static int alloc_points(chart_points *p, const ind_series *s, size_t n)
{
    size_t k, len = ind_series_length(s);

    p->years = calloc(n ? n : 1, sizeof *p->years);
    p->values = calloc(n ? n : 1, sizeof *p->values);
    p->marks = calloc(n ? n : 1, sizeof *p->marks);
    p->sources = calloc(len ? len : 1, sizeof *p->sources);
    if (!p->years || !p->values || !p->marks || !p->sources)
        return -1;
    for (k = 0; k < len; k++)
        p->sources[k] = ind_series_point(s, k)->source;
    return 0;
}

/* Levels as they are (line charts; a rate on a growth chart). */
static int build_levels(chart_points *p, const ind_series *s, ind_error *err)
{
    size_t k, n = ind_series_length(s);

    if (alloc_points(p, s, n) != 0)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    for (k = 0; k < n; k++) {
        const ind_point *pt = ind_series_point(s, k);
        p->years[k] = pt->year;
        p->values[k] = pt->value;
        p->marks[k] = ind_chart_mark_of(pt);
    }
    p->n = n;
    return IND_OK;
}

/* The marks of a bar: those of both its ends (a change from a mid-year
 * level misleads as much as one to it), and derived for a change
 * annualised across missing years; the bar shows them all. */
static ind_chart_mark change_mark(const ind_series *s,
                                  const ind_growth_row *row)
{
    long prev = ind_series_find(s, row->prev_year);
    unsigned m = ind_chart_mark_of(ind_series_point(s, row->point));

    if (prev >= 0)
        m |= ind_chart_mark_of(ind_series_point(s, (size_t)prev));
    if (row->annualised)
        m |= IND_CHART_MARK_DERIVED;
    return (ind_chart_mark)m;
}

/* Growth bars: the defined year-on-year changes. */
static int build_growth(chart_points *p, const ind_series *s, ind_error *err)
{
    ind_growth_why why = IND_GROWTH_NO_PREVIOUS;
    ind_growth *g = NULL;
    size_t k, n;
    int rc;

    if (ind_series_kind(s) == IND_KIND_RATE)
        return build_levels(p, s, err);
    rc = ind_growth_compute(&g, s, NULL, err);
    if (rc != IND_OK)
        return rc;
    n = ind_growth_length(g);
    if (alloc_points(p, s, n) != 0) {
        ind_growth_free(g);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    for (k = 0; k < n; k++) {
        const ind_growth_row *row = ind_growth_row_at(g, k);
        if (isnan(row->yoy_pct)) {
            if (row->yoy_why != IND_GROWTH_NO_PREVIOUS)
                why = row->yoy_why;
            continue;
        }
        p->years[p->n] = row->year;
        p->values[p->n] = row->yoy_pct;
        p->marks[p->n] = change_mark(s, row);
        p->bar_marks |= (unsigned)p->marks[p->n];
        p->n++;
    }
    ind_growth_free(g);
    if (p->n == 0)
        return ind_error_set(err, IND_EDOMAIN, "%s: no year-on-year change "
                             "to draw (%s)", ind_series_indicator(s),
                             ind_growth_why_text(why));
    return IND_OK;
}

/* Index: 100 * value / value in the base year. */
static int build_index(chart_points *p, const ind_series *s, int base,
                       ind_error *err)
{
    ind_growth_options o = IND_GROWTH_OPTIONS_INIT;
    ind_error gerr = IND_ERROR_INIT;
    ind_growth *g = NULL;
    size_t k, n;
    int rc;

    if (ind_series_kind(s) == IND_KIND_RATE)
        return ind_error_set(err, IND_EDOMAIN, "%s is a rate (a percent "
                             "change): an index of it has no meaning; draw "
                             "it as levels or growth bars",
                             ind_series_indicator(s));
    o.base = base;
    rc = ind_growth_compute(&g, s, &o, &gerr);
    if (rc != IND_OK) {
        ind_growth_free(g);
        return ind_error_set(err, rc, "%s: %s", ind_series_indicator(s),
                             gerr.message);
    }
    n = ind_growth_length(g);
    rc = alloc_points(p, s, n) == 0 ? IND_OK
         : ind_error_set(err, IND_ENOMEM, "out of memory");
    for (k = 0; rc == IND_OK && k < n; k++) {
        const ind_growth_row *row = ind_growth_row_at(g, k);
        if (isnan(row->index)) {
            rc = ind_error_set(err, IND_EDOMAIN, "%s: no index to base year "
                               "%d: %s", ind_series_indicator(s), base,
                               ind_growth_why_text(row->index_why));
            break;
        }
        p->years[k] = row->year;
        p->values[k] = row->index;
        p->marks[k] = ind_chart_mark_of(ind_series_point(s, row->point));
    }
    p->n = rc == IND_OK ? n : 0;
    ind_growth_free(g);
    return rc;
}

/* The first year every series has a value for; 0 when none. The lines
 * start together at 100 and spread apart, each label at its own height
 * (a base in the latest year would stack every label at 100). */
static int common_base(const ind_compose_input *in, size_t n)
{
    const ind_series *first = in[0].series;
    size_t k, len = ind_series_length(first), i;
    int shared;

    for (k = 0; k < len; k++) {
        int year = ind_series_point(first, k)->year;
        for (i = 1, shared = 1; i < n && shared; i++)
            shared = ind_series_find(in[i].series, year) >= 0;
        if (shared)
            return year;
    }
    return 0;
}

/* ---- projections ---- */

static int last_year(const ind_series *s)
{
    size_t n = ind_series_length(s);

    return n ? ind_series_point(s, n - 1)->year : 0;
}

/* Fit input i when it ends before the year, and say what was done. */
static int fit_one(ind_chart_composition *c, size_t i, const ind_series *s,
                   const ind_compose_chart_options *o, ind_error *err)
{
    ind_error perr = IND_ERROR_INIT;
    const char *id = ind_series_indicator(s);
    int last = last_year(s), rc;
    size_t w;

    if (o->project_to <= last)
        return add_note(c, IND_SEVERITY_WARNING, i, "%s: not projected: its "
                        "figures already reach %d", id, last) == 0
               ? IND_OK : ind_error_set(err, IND_ENOMEM, "out of memory");
    rc = ind_projection_fit_series(&c->proj[i], s, o->project_to,
                                   &o->projection, &perr);
    if (rc != IND_OK) {
        ind_error_set(err, rc, "%s: cannot project to %d: %s", id,
                      o->project_to, perr.message);
        ind_error_about(err, perr.detail, perr.subject, perr.year);
        return rc;
    }
    rc = add_note(c, IND_SEVERITY_NOTE, i, "%s: projected %d-%d with the "
                  "%s", id, last + 1, o->project_to,
                  ind_compose_model_label(ind_projection_model(c->proj[i])));
    if (rc == 0 && *ind_projection_choice(c->proj[i]) != '\0')
        rc = add_note(c, IND_SEVERITY_NOTE, i, "%s: %s", id,
                      ind_projection_choice(c->proj[i]));
    for (w = 0; rc == 0 && w < ind_projection_nwarnings(c->proj[i]); w++)
        rc = add_note(c, IND_SEVERITY_WARNING, i, "%s: %s", id,
                      ind_projection_warning(c->proj[i], w));
    return rc == 0 ? IND_OK : ind_error_set(err, IND_ENOMEM, "out of memory");
}

static int fit_all(ind_chart_composition *c, const ind_compose_input *in,
                   const ind_compose_chart_options *o, ind_error *err)
{
    size_t i;
    int rc = IND_OK, any = 0;

    for (i = 0; rc == IND_OK && i < c->n; i++) {
        rc = fit_one(c, i, in[i].series, o, err);
        any |= c->proj[i] != NULL;
    }
    if (rc == IND_OK && !any) {
        rc = ind_error_set(err, IND_EDOMAIN, "nothing to project to %d: "
                           "every indicator already has figures for %d",
                           o->project_to, o->project_to);
        ind_error_about(err, IND_DETAIL_NOTHING_TO_PROJECT, NULL,
                        o->project_to);
    }
    return rc;
}

/* 1 when every bound of interval j is a number (none where no interval
 * can be given). */
static int band_usable(const ind_projection *p, size_t j)
{
    const double *lo = ind_projection_lower(p, j);
    const double *hi = ind_projection_upper(p, j);
    size_t k, h = ind_projection_horizon(p);

    for (k = 0; lo != NULL && hi != NULL && k < h; k++)
        if (!isfinite(lo[k]) || !isfinite(hi[k]))
            return 0;
    return lo != NULL && hi != NULL;
}

/* The projection's intervals to draw, narrowest first: all of them when
 * they fit, else the narrowest and the widest. Returns how many. */
static size_t choose_bands(const ind_projection *p, size_t *pick)
{
    size_t usable[IND_PROJECTION_MAX_LEVELS], n = 0, j, k, t;

    for (j = 0; j < ind_projection_nlevels(p) &&
                j < IND_PROJECTION_MAX_LEVELS; j++)
        if (band_usable(p, j))
            usable[n++] = j;
    /* By level, ascending (levels may be given in any order). */
    for (j = 1; j < n; j++)
        for (k = j; k > 0 && ind_projection_level(p, usable[k]) <
                             ind_projection_level(p, usable[k - 1]); k--) {
            t = usable[k];
            usable[k] = usable[k - 1];
            usable[k - 1] = t;
        }
    if (n <= IND_CHART_MAX_BANDS) {
        for (j = 0; j < n; j++)
            pick[j] = usable[j];
        return n;
    }
    pick[0] = usable[0];
    pick[1] = usable[n - 1];
    return 2;
}

/* Put the projection on the chart series; an index chart rebases it by
 * the factor of the history (`scale`). */
static int attach_projection(chart_points *pts, const ind_projection *p,
                             double scale, ind_lang lang,
                             ind_chart_series *cs)
{
    size_t h = ind_projection_horizon(p), pick[IND_CHART_MAX_BANDS];
    size_t nb = choose_bands(p, pick), j, k;
    const double *src[1 + 2 * IND_CHART_MAX_BANDS];
    double *dst;

    pts->pyears = malloc((h ? h : 1) * sizeof *pts->pyears);
    pts->pvalues = malloc((h ? h : 1) * (1 + 2 * nb) * sizeof *pts->pvalues);
    if (pts->pyears == NULL || pts->pvalues == NULL)
        return -1;
    src[0] = ind_projection_mean(p);
    for (j = 0; j < nb; j++) {
        src[1 + 2 * j] = ind_projection_lower(p, pick[j]);
        src[2 + 2 * j] = ind_projection_upper(p, pick[j]);
    }
    for (j = 0; j < 1 + 2 * nb; j++)
        for (k = 0, dst = pts->pvalues + j * h; k < h; k++)
            dst[k] = src[j][k] * scale;
    for (k = 0; k < h; k++)
        pts->pyears[k] = ind_projection_first_year(p) + (int)k;
    cs->projection.model = ind_compose_model_label_in(ind_projection_model(p),
                                                      lang);
    cs->projection.length = h;
    cs->projection.years = pts->pyears;
    cs->projection.mean = pts->pvalues;
    cs->projection.nbands = nb;
    for (j = 0; j < nb; j++) {
        cs->projection.bands[j].level = ind_projection_level(p, pick[j]);
        cs->projection.bands[j].lower = pts->pvalues + (1 + 2 * j) * h;
        cs->projection.bands[j].upper = pts->pvalues + (2 + 2 * j) * h;
    }
    return 0;
}

/* ---- the chart ---- */

/* The footer note: the caller's, then what marked bars mean (`bits`:
 * the mark flags of the bars), in the chart's language. */
static char *footer_note(const char *user, unsigned bits, ind_lang lang)
{
    static const int flags[] = { IND_CHART_MARK_ESTIMATED,
                                 IND_CHART_MARK_DERIVED,
                                 IND_CHART_MARK_PARTIAL };
    static const char *const says[][IND_LANG_COUNT] = {
        { "Pale bars: a change to or from an estimated or provisional "
          "figure.", "浅色柱：与估计值或初步数相比的变化。" },
        { "Hatched bars: the average yearly change across missing years "
          "(annualised).", "斜线柱：跨越缺失年份的年均变化（年化）。" },
        { "Outlined bars: a change to or from a reading dated before the "
          "end of its year.", "虚线框柱：与年内（非年末）读数相比的变化。" }
    };
    int l = (unsigned)lang < IND_LANG_COUNT ? (int)lang : 0;
    size_t len, used;
    char *note;
    int i;

    user = user ? user : "";
    len = strlen(user) + 1;
    for (i = 0; i < 3; i++)
        len += bits & (unsigned)flags[i] ? strlen(says[i][l]) + 1 : 0;
    note = malloc(len);
    if (note == NULL)
        return NULL;
    used = (size_t)snprintf(note, len, "%s", user);
    for (i = 0; i < 3; i++)
        if (bits & (unsigned)flags[i])
            used += (size_t)snprintf(note + used, len - used, "%s%s",
                                     used ? " " : "", says[i][l]);
    return note;
}

static int build_points(chart_points *pts, const ind_series *s,
                        const ind_chart_options *co, ind_error *err)
{
    if (co->kind == IND_CHART_GROWTH)
        return build_growth(pts, s, err);
    if (co->kind == IND_CHART_INDEX)
        return build_index(pts, s, co->base_year, err);
    return build_levels(pts, s, err);
}

/* The chart series of input i. */
static int add_series(ind_chart_composition *c, size_t i,
                      const ind_compose_input *in, chart_points *pts,
                      const ind_chart_options *co, ind_error *err)
{
    ind_chart_series cs = IND_CHART_SERIES_INIT;
    const ind_series *s = in->series;
    double scale = 1.0;

    cs.name = in->name ? in->name : ind_series_indicator(s);
    cs.unit = ind_series_unit(s);
    cs.length = pts->n;
    cs.years = pts->years;
    cs.values = pts->values;
    cs.marks = pts->marks;
    cs.sources = pts->sources;
    cs.n_sources = ind_series_length(s);
    cs.source_name = in->source_name;
    if (c->proj[i] != NULL) {
        if (co->kind == IND_CHART_INDEX)
            scale = 100.0 / ind_series_point(s, (size_t)ind_series_find(
                                                    s, co->base_year))->value;
        if (attach_projection(pts, c->proj[i], scale, co->lang, &cs) != 0)
            return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    c->points[i] = pts->n;
    c->first[i] = pts->n ? pts->years[0] : 0;
    c->last[i] = pts->n ? pts->years[pts->n - 1] : 0;
    return ind_chart_add(c->chart, &cs, err);
}

static int compose(ind_chart_composition *c, const ind_compose_input *in,
                   const ind_compose_chart_options *o, ind_error *err)
{
    chart_points pts[IND_CHART_MAX_SERIES];
    ind_chart_options co = o->chart;
    unsigned bars = 0;
    char *note = NULL;
    size_t i;
    int rc = IND_OK;

    memset(pts, 0, sizeof pts);
    if (co.kind == IND_CHART_INDEX && co.base_year == 0) {
        co.base_year = common_base(in, c->n);
        if (co.base_year == 0)
            return ind_error_set(err, IND_EDOMAIN, "the indicators share no "
                                 "year with a value, so none can be the "
                                 "index base (= 100); chart them apart");
    }
    c->base_year = co.kind == IND_CHART_INDEX ? co.base_year : 0;
    if (o->project_to != 0)
        rc = fit_all(c, in, o, err);
    for (i = 0; rc == IND_OK && i < c->n; i++) {
        rc = build_points(&pts[i], in[i].series, &co, err);
        bars |= pts[i].bar_marks;
    }
    if (rc == IND_OK) {
        note = footer_note(co.note, bars, co.lang);
        co.note = note;
        rc = note != NULL ? ind_chart_new(&c->chart, &co, err)
                          : ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    for (i = 0; rc == IND_OK && i < c->n; i++)
        rc = add_series(c, i, &in[i], &pts[i], &co, err);
    for (i = 0; i < c->n; i++)
        points_release(&pts[i]);
    free(note);
    return rc;
}

int ind_compose_chart(ind_chart_composition **out,
                      const ind_compose_input *inputs, size_t n,
                      const ind_compose_chart_options *opts, ind_error *err)
{
    static const ind_compose_chart_options defaults =
        IND_COMPOSE_CHART_OPTIONS_INIT;
    ind_chart_composition *c;
    size_t i;
    int rc;

    if (out == NULL || inputs == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_compose_chart: NULL "
                             "argument");
    *out = NULL;
    if (opts == NULL)
        opts = &defaults;
    if (opts->version != IND_COMPOSE_CHART_OPTIONS_VERSION)
        return ind_error_set(err, IND_EINVAL, "ind_compose_chart: options "
                             "version %u, this library knows %d",
                             opts->version,
                             IND_COMPOSE_CHART_OPTIONS_VERSION);
    if (n < 1 || n > IND_CHART_MAX_SERIES)
        return ind_error_set(err, IND_EINVAL, "a chart holds 1 to %d series "
                             "(%zu given)", IND_CHART_MAX_SERIES, n);
    for (i = 0; i < n; i++)
        if (inputs[i].series == NULL || ind_series_length(inputs[i].series)
                                            == 0)
            return ind_error_set(err, IND_EINVAL, "series %zu of the chart "
                                 "has no points", i + 1);
    if (opts->project_to != 0 && opts->chart.kind == IND_CHART_GROWTH)
        return ind_error_set(err, IND_EINVAL, "a projection draws on line "
                             "and index charts, not on growth bars");
    c = calloc(1, sizeof *c);
    if (c == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    c->n = n;
    rc = compose(c, inputs, opts, err);
    if (rc != IND_OK) {
        ind_chart_composition_free(c);
        return rc;
    }
    *out = c;
    return IND_OK;
}

void ind_chart_composition_free(ind_chart_composition *c)
{
    size_t i;

    if (c == NULL)
        return;
    ind_chart_free(c->chart);
    for (i = 0; i < c->n; i++)
        ind_projection_free(c->proj[i]);
    for (i = 0; i < c->nnotes; i++)
        free((char *)c->notes[i].text);
    free(c->notes);
    free(c);
}

const ind_chart *ind_chart_composition_chart(const ind_chart_composition *c)
{
    return c ? c->chart : NULL;
}

int ind_chart_composition_base_year(const ind_chart_composition *c)
{
    return c ? c->base_year : 0;
}

const ind_projection *
ind_chart_composition_projection(const ind_chart_composition *c, size_t i)
{
    return c && i < c->n ? c->proj[i] : NULL;
}

size_t ind_chart_composition_span(const ind_chart_composition *c, size_t i,
                                  int *first, int *last)
{
    if (c == NULL || i >= c->n)
        return 0;
    if (first != NULL)
        *first = c->first[i];
    if (last != NULL)
        *last = c->last[i];
    return c->points[i];
}

size_t ind_chart_composition_nnotes(const ind_chart_composition *c)
{
    return c ? c->nnotes : 0;
}

const ind_compose_note *
ind_chart_composition_note(const ind_chart_composition *c, size_t i)
{
    return c && i < c->nnotes ? &c->notes[i] : NULL;
}
