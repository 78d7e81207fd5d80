/* growth_rate: a rate declared as the growth of a level. Derives the level
 * of the year before, and checks stated rates against the levels. */
#include "growth_internal.h"
#include "error_internal.h"

#include <math.h>
#include <stdio.h>

static int kinds_check(const ind_series *rate, const ind_series *level,
                       ind_error *err)
{
    char name[180];

    if (ind_series_kind(rate) != IND_KIND_RATE) {
        ind_growth_name(name, sizeof name, rate);
        return ind_error_set(err, IND_EDATA,
                             "%s is declared as a growth rate but its kind "
                             "is '%s', not 'rate'", name,
                             ind_kind_name(ind_series_kind(rate)));
    }
    if (ind_series_kind(level) == IND_KIND_RATE) {
        ind_growth_name(name, sizeof name, level);
        return ind_error_set(err, IND_EDATA,
                             "%s is a rate: a rate can only be the growth "
                             "of a level", name);
    }
    return IND_OK;
}

static int copy_points(ind_series *dst, const ind_series *src, ind_error *err)
{
    size_t i, n = ind_series_length(src);
    int rc;

    for (i = 0; i < n; i++) {
        rc = ind_series_add(dst, ind_series_point(src, i), err);
        if (rc != IND_OK)
            return rc;
    }
    return IND_OK;
}

/* Add level_t / (1 + r_t / 100) as the derived level of t - 1. */
static int add_derived(ind_series *dst, const ind_series *rate,
                       const ind_point *r, double level, ind_error *err)
{
    char source[400], name[180];
    ind_point p;

    if (r->value <= -100.0) {
        ind_growth_name(name, sizeof name, rate);
        return ind_error_set(err, IND_EDOMAIN,
                             "%s %d: a growth of -100%% or less leaves no "
                             "level for %d to derive", name, r->year,
                             r->year - 1);
    }
    snprintf(source, sizeof source,
             "derived: %.150s %d / (1 + %.150s %d / 100)",
             ind_series_indicator(dst), r->year, ind_series_indicator(rate),
             r->year);
    p.year = r->year - 1;
    p.value = level / (1.0 + r->value / 100.0);
    if (!isfinite(p.value))
        return ind_error_set(err, IND_EDOMAIN,
                             "%s %d: the level implied for %d is too large "
                             "to compute", ind_series_indicator(rate),
                             r->year, r->year - 1);
    p.status = 0;
    p.flags = IND_POINT_DERIVED;
    p.as_of = "";
    p.source = source;
    p.reading = IND_NO_READING;
    return ind_series_add(dst, &p, err);
}

static int derive_all(ind_series *dst, const ind_series *rate,
                      const ind_series *level, ind_error *err)
{
    size_t i, n = ind_series_length(rate);
    long at;
    int rc;

    for (i = 0; i < n; i++) {
        const ind_point *r = ind_series_point(rate, i);
        at = ind_series_find(level, r->year);
        if (at < 0 || ind_series_find(level, r->year - 1) >= 0)
            continue;
        rc = add_derived(dst, rate, r, ind_series_values(level)[at], err);
        if (rc != IND_OK)
            return rc;
    }
    return IND_OK;
}

int ind_growth_implied_levels(ind_series **out, const ind_series *rate,
                              const ind_series *level, ind_error *err)
{
    ind_series *s;
    int rc;

    if (out == NULL || rate == NULL || level == NULL)
        return ind_error_set(err, IND_EINVAL,
                             "ind_growth_implied_levels: NULL argument");
    *out = NULL;
    rc = kinds_check(rate, level, err);
    if (rc != IND_OK)
        return rc;
    rc = ind_series_new(&s, ind_series_indicator(level),
                        ind_series_entity(level), ind_series_unit(level),
                        ind_series_kind(level), NULL);
    if (rc != IND_OK)
        return ind_error_set(err, rc, "out of memory");
    rc = copy_points(s, level, err);
    if (rc == IND_OK)
        rc = derive_all(s, rate, level, err);
    if (rc != IND_OK) {
        ind_series_free(s);
        return rc;
    }
    *out = s;
    return IND_OK;
}

/* Half a unit of the last stated digit: 11.46 -> 0.005, 12 -> 0.5,
 * 3760000 -> 5000 (trailing zeros of a whole number read as rounding).
 * A value with more than 9 decimals is taken as exact. */
static double half_unit(double v)
{
    double a = fabs(v), scale = 1.0, unit = 1.0;
    int d;

    if (a == 0.0)
        return 0.5;
    for (d = 0; d <= 9; d++, scale *= 10.0) {
        double x = a * scale;
        if (fabs(x - nearbyint(x)) <= 1e-9 * x)
            break;
    }
    if (d > 9)
        return 0.0;
    if (d > 0)
        return 0.5 / scale;
    while (unit < 1e15 && fmod(a, unit * 10.0) == 0.0)
        unit *= 10.0;
    return 0.5 * unit;
}

/* Half a unit of the last decimal of a stated rate: 11.46 -> 0.005, and
 * 0.5 for a whole number, also one ending in zero (10 -> [9.5, 10.5]):
 * trailing zeros of a percentage are digits, not rounding. */
static double half_unit_rate(double v)
{
    double h = half_unit(v);

    return h > 0.5 ? 0.5 : h;
}

/* The growth range the two levels allow within their rounding. */
static void actual_range(ind_growth_agreement *a)
{
    double hl = half_unit(a->level), hp = half_unit(a->prev_level);

    a->actual_low_pct = ((a->level - hl) / (a->prev_level + hp) - 1.0) * 100.0;
    a->actual_high_pct = NAN; /* unbounded: the earlier level may be 0 */
    if (a->prev_level - hp > 0.0)
        a->actual_high_pct =
            ((a->level + hl) / (a->prev_level - hp) - 1.0) * 100.0;
    a->actual_low_pct = ind_growth_finite(a->actual_low_pct);
    a->actual_high_pct = ind_growth_finite(a->actual_high_pct);
}

static void agreement_fill(ind_growth_agreement *a, const ind_point *r,
                           double level, double prev, double tolerance_pp)
{
    double hr = half_unit_rate(r->value);

    a->year = r->year;
    a->stated_pct = r->value;
    a->level = level;
    a->prev_level = prev;
    a->stated_low_pct = r->value - hr;
    a->stated_high_pct = r->value + hr;
    a->implied_prev_level = NAN;
    if (r->value > -100.0)
        a->implied_prev_level =
            ind_growth_finite(level / (1.0 + r->value / 100.0));
    a->why = ind_growth_pct_change(&a->actual_pct, prev, level, 1);
    a->diff_pp = NAN;
    a->implied_prev_diff_pct = NAN;
    a->actual_low_pct = NAN;
    a->actual_high_pct = NAN;
    a->agrees = 0;
    if (a->why != IND_GROWTH_DEFINED)
        return;
    a->diff_pp = ind_growth_finite(r->value - a->actual_pct);
    a->implied_prev_diff_pct =
        ind_growth_finite((a->implied_prev_level / prev - 1.0) * 100.0);
    actual_range(a);
    if (tolerance_pp >= 0.0)
        a->agrees = fabs(a->diff_pp) <= tolerance_pp;
    else
        a->agrees = !(a->stated_high_pct < a->actual_low_pct) &&
                    !(a->stated_low_pct > a->actual_high_pct);
}

int ind_growth_rate_check(ind_growth_agreement *out, size_t capacity,
                          size_t *out_count, const ind_series *rate,
                          const ind_series *level, double tolerance_pp,
                          ind_error *err)
{
    const double *levels;
    size_t i, count = 0, n;
    long at, before;
    int rc;

    if (out_count == NULL || rate == NULL || level == NULL ||
        (out == NULL && capacity > 0) || isnan(tolerance_pp))
        return ind_error_set(err, IND_EINVAL,
                             "ind_growth_rate_check: NULL argument or NaN "
                             "tolerance");
    *out_count = 0;
    rc = kinds_check(rate, level, err);
    if (rc != IND_OK)
        return rc;
    levels = ind_series_values(level);
    n = ind_series_length(rate);
    for (i = 0; i < n; i++) {
        const ind_point *r = ind_series_point(rate, i);
        at = ind_series_find(level, r->year);
        before = ind_series_find(level, r->year - 1);
        if (at < 0 || before < 0)
            continue;
        if (count < capacity)
            agreement_fill(&out[count], r, levels[at], levels[before],
                           tolerance_pp);
        count++;
    }
    *out_count = count;
    return ind_growth_room(err, "ind_growth_rate_check", count, capacity);
}
