/* growth_table: the per-year growth table of a span and its summary. */
#include "growth_internal.h"
#include "error_internal.h"

#include <math.h>
#include <stdlib.h>

struct ind_growth {
    ind_kind kind;
    size_t length;
    ind_growth_row *rows;
    ind_growth_summary summary;
};

/* A row with every figure undefined for `why`. */
static void row_clear(ind_growth_row *r, ind_growth_why why)
{
    r->prev_year = IND_GROWTH_NO_YEAR;
    r->prev_value = NAN;
    r->gap_years = 0;
    r->annualised = 0;
    r->abs_change = NAN;
    r->abs_change_per_year = NAN;
    r->change_why = why;
    r->yoy_pct = NAN;
    r->yoy_why = why;
    r->log_growth = NAN;
    r->log_why = why;
}

/* Fill the change figures of row r from the point before it, if any. */
static void row_changes(ind_growth_row *r, const ind_series *s, size_t i,
                        ind_kind kind)
{
    const ind_point *prev;

    row_clear(r, IND_GROWTH_NO_PREVIOUS);
    if (i == 0)
        return;
    prev = ind_series_point(s, i - 1);
    r->prev_year = prev->year;
    r->prev_value = prev->value;
    r->gap_years = r->year - prev->year;
    r->annualised = r->gap_years > 1;
    r->abs_change = r->value - prev->value;
    r->abs_change_per_year = r->abs_change / r->gap_years;
    r->change_why = IND_GROWTH_DEFINED;
    if (!isfinite(r->abs_change)) {
        /* values near the largest double: their difference overflows */
        r->abs_change = NAN;
        r->abs_change_per_year = NAN;
        r->change_why = IND_GROWTH_OVERFLOW;
    }
    if (kind == IND_KIND_RATE) {
        r->yoy_why = IND_GROWTH_RATE;
        r->log_why = IND_GROWTH_RATE;
        return;
    }
    r->yoy_why = ind_growth_pct_change(&r->yoy_pct, prev->value, r->value,
                                       r->gap_years);
    r->log_why = ind_growth_log_change(&r->log_growth, prev->value,
                                       r->value, r->gap_years);
}

static void row_index(ind_growth_row *r, double base, ind_kind kind)
{
    r->index = NAN;
    if (kind == IND_KIND_RATE) {
        r->index_why = IND_GROWTH_RATE;
    } else if (!(base > 0.0)) {
        r->index_why = IND_GROWTH_BASE_NONPOSITIVE;
    } else {
        r->index = 100.0 * r->value / base;
        r->index_why = isfinite(r->index) ? IND_GROWTH_DEFINED
                                          : IND_GROWTH_OVERFLOW;
        if (r->index_why != IND_GROWTH_DEFINED)
            r->index = NAN;
    }
}

static void extreme_none(ind_growth_extreme *e, ind_growth_why why)
{
    e->year = IND_GROWTH_NO_YEAR;
    e->prev_year = IND_GROWTH_NO_YEAR;
    e->abs_change_per_year = NAN;
    e->yoy_pct = NAN;
    e->why = why;
}

static void extreme_take(ind_growth_extreme *e, const ind_growth_row *r)
{
    e->year = r->year;
    e->prev_year = r->prev_year;
    e->abs_change_per_year = r->abs_change_per_year;
    e->yoy_pct = r->yoy_pct;
    e->why = IND_GROWTH_DEFINED;
}

/* Keep r in e when `better` says it beats what e holds (sign > 0: a rise
 * must be positive and larger; sign < 0: a fall negative and smaller). */
static void extreme_offer(ind_growth_extreme *e, const ind_growth_row *r,
                          double x, double held, int sign)
{
    if (isnan(x) || x * sign <= 0.0)
        return;
    if (e->year == IND_GROWTH_NO_YEAR || x * sign > held * sign)
        extreme_take(e, r);
}

static void summary_extremes(ind_growth_summary *m, const ind_growth *g)
{
    ind_growth_why pct_why = g->kind == IND_KIND_RATE ? IND_GROWTH_RATE
                                                      : IND_GROWTH_NO_RISE;
    size_t i;

    extreme_none(&m->rise_pct, pct_why);
    extreme_none(&m->fall_pct, g->kind == IND_KIND_RATE ? IND_GROWTH_RATE
                                                        : IND_GROWTH_NO_FALL);
    extreme_none(&m->rise_abs, IND_GROWTH_NO_RISE);
    extreme_none(&m->fall_abs, IND_GROWTH_NO_FALL);
    for (i = 0; i < g->length; i++) {
        const ind_growth_row *r = &g->rows[i];
        if (r->prev_year == IND_GROWTH_NO_YEAR || r->prev_year < m->from)
            continue;
        extreme_offer(&m->rise_pct, r, r->yoy_pct, m->rise_pct.yoy_pct, 1);
        extreme_offer(&m->fall_pct, r, r->yoy_pct, m->fall_pct.yoy_pct, -1);
        extreme_offer(&m->rise_abs, r, r->abs_change_per_year,
                      m->rise_abs.abs_change_per_year, 1);
        extreme_offer(&m->fall_abs, r, r->abs_change_per_year,
                      m->fall_abs.abs_change_per_year, -1);
    }
}

static void summary_flow(ind_growth_summary *m, const ind_growth *g)
{
    double total = 0.0;
    size_t i;

    m->flow_total = NAN;
    m->flow_why = IND_GROWTH_NOT_FLOW;
    if (g->kind != IND_KIND_FLOW)
        return;
    for (i = 0; i < g->length; i++)
        total += g->rows[i].value;
    m->flow_why = isfinite(total) ? IND_GROWTH_DEFINED : IND_GROWTH_OVERFLOW;
    if (m->flow_why == IND_GROWTH_DEFINED)
        m->flow_total = total;
}

/* CAGR over the span and the doubling / halving times at that pace. */
static void summary_rates(ind_growth_summary *m, ind_kind kind)
{
    m->cagr_pct = NAN;
    m->doubling_years = NAN;
    m->halving_years = NAN;
    if (kind == IND_KIND_RATE)
        m->cagr_why = IND_GROWTH_RATE;
    else
        m->cagr_why = ind_growth_cagr_values(&m->cagr_pct, m->from_value,
                                             m->to_value, m->span_years);
    m->doubling_why = m->cagr_why;
    m->halving_why = m->cagr_why;
    if (m->cagr_why != IND_GROWTH_DEFINED)
        return;
    m->doubling_why = ind_growth_doubling(&m->doubling_years, m->cagr_pct);
    m->halving_why = ind_growth_halving(&m->halving_years, m->cagr_pct);
}

static void summary_fill(ind_growth *g)
{
    ind_growth_summary *m = &g->summary;
    const ind_growth_row *first = &g->rows[0];
    const ind_growth_row *last = &g->rows[g->length - 1];

    m->from = first->year;
    m->to = last->year;
    m->from_value = first->value;
    m->to_value = last->value;
    m->span_years = m->to - m->from;
    m->points = g->length;
    m->missing_years = m->span_years + 1 - (int)g->length;
    m->change_total = m->to_value - m->from_value;
    m->abs_change_per_year = NAN;
    m->abs_why = IND_GROWTH_SINGLE_YEAR;
    if (!isfinite(m->change_total)) {
        m->change_total = NAN;
        m->abs_why = IND_GROWTH_OVERFLOW;
    } else if (m->span_years > 0) {
        m->abs_change_per_year = m->change_total / m->span_years;
        m->abs_why = IND_GROWTH_DEFINED;
    }
    summary_rates(m, g->kind);
    summary_extremes(m, g);
    summary_flow(m, g);
}

static int options_check(const ind_growth_options *o, ind_error *err)
{
    if (o->version != IND_GROWTH_OPTIONS_VERSION)
        return ind_error_set(err, IND_EINVAL,
                             "growth options version %u, expected %u",
                             o->version, IND_GROWTH_OPTIONS_VERSION);
    return IND_OK;
}

static void rows_fill(ind_growth *g, const ind_series *s, size_t i0,
                      double base)
{
    size_t k;

    for (k = 0; k < g->length; k++) {
        const ind_point *p = ind_series_point(s, i0 + k);
        ind_growth_row *r = &g->rows[k];
        r->year = p->year;
        r->value = p->value;
        r->point = i0 + k;
        r->status = p->status;
        r->flags = p->flags;
        row_changes(r, s, i0 + k, g->kind);
        row_index(r, base, g->kind);
    }
}

int ind_growth_compute(ind_growth **out, const ind_series *s,
                       const ind_growth_options *opts, ind_error *err)
{
    static const ind_growth_options defaults = IND_GROWTH_OPTIONS_INIT;
    size_t i0, i1, ib;
    ind_growth *g;
    int rc;

    if (out == NULL || s == NULL)
        return ind_error_set(err, IND_EINVAL,
                             "ind_growth_compute: NULL argument");
    *out = NULL;
    if (opts == NULL)
        opts = &defaults;
    rc = options_check(opts, err);
    if (rc == IND_OK)
        rc = ind_growth_span(&i0, &i1, s, opts->from, opts->to, err);
    if (rc != IND_OK)
        return rc;
    ib = i0;
    if (opts->base != IND_GROWTH_NO_YEAR) {
        rc = ind_growth_year_index(&ib, s, opts->base, "base year", err);
        if (rc != IND_OK)
            return rc;
    }
    g = calloc(1, sizeof *g);
    if (g != NULL)
        g->rows = calloc(i1 - i0 + 1, sizeof *g->rows);
    if (g == NULL || g->rows == NULL) {
        ind_growth_free(g);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    g->kind = ind_series_kind(s);
    g->length = i1 - i0 + 1;
    rows_fill(g, s, i0, ind_series_values(s)[ib]);
    summary_fill(g);
    g->summary.base_year = ind_series_years(s)[ib];
    g->summary.base_value = ind_series_values(s)[ib];
    *out = g;
    return IND_OK;
}

void ind_growth_free(ind_growth *g)
{
    if (g == NULL)
        return;
    free(g->rows);
    free(g);
}

size_t ind_growth_length(const ind_growth *g)
{
    return g ? g->length : 0;
}

const ind_growth_row *ind_growth_row_at(const ind_growth *g, size_t i)
{
    return (g != NULL && i < g->length) ? &g->rows[i] : NULL;
}

const ind_growth_summary *ind_growth_get_summary(const ind_growth *g)
{
    return g ? &g->summary : NULL;
}

ind_kind ind_growth_kind(const ind_growth *g)
{
    return g ? g->kind : IND_KIND_UNSPECIFIED;
}
