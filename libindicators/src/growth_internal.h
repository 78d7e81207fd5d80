/* Internal helpers shared by the growth sources; not part of the API. */
#ifndef IND_GROWTH_INTERNAL_H
#define IND_GROWTH_INTERNAL_H

#include "indicators/growth.h"

/* Percent change from prev to value over k >= 1 years, annualised when
 * k > 1; NaN in *out and the reason when undefined (see growth.h). */
ind_growth_why ind_growth_pct_change(double *out, double prev, double value,
                                     int k);

/* CAGR in percent from v0 to v1 over k years: undefined for k < 1, a
 * start <= 0 or an end < 0 (see growth.h). */
ind_growth_why ind_growth_cagr_values(double *out, double v0, double v1,
                                      int k);

/* ln(value / prev) / k; NaN and the reason unless both are > 0. */
ind_growth_why ind_growth_log_change(double *out, double prev, double value,
                                     int k);

/* Years for a CAGR of cagr_pct to double / halve the value. */
ind_growth_why ind_growth_doubling(double *out, double cagr_pct);
ind_growth_why ind_growth_halving(double *out, double cagr_pct);

/* Resolve a span of s: a given year must have a value (IND_ENOTFOUND with
 * the nearest years otherwise), IND_GROWTH_NO_YEAR takes the first / last
 * point. On success *out_i0 / *out_i1 are point indices, i0 <= i1.
 * 'what' names the caller in messages ("--from"). */
int ind_growth_span(size_t *out_i0, size_t *out_i1, const ind_series *s,
                    int from, int to, ind_error *err);

/* Index of the point of `year` or IND_ENOTFOUND naming the nearest years;
 * 'label' says what the year was for ("base year"). */
int ind_growth_year_index(size_t *out, const ind_series *s, int year,
                          const char *label, ind_error *err);

/* x when finite, else NaN: no figure leaves the module infinite. */
double ind_growth_finite(double x);

/* Human text of a figure for messages ("1,164,000", "39.91"): automatic
 * precision; never fails (writes "n/a" when it cannot be shown). */
void ind_growth_fmt(char *buf, size_t size, double value);

/* IND_OK when count records fit in capacity, else IND_EINVAL saying how
 * many `fn` needs. */
int ind_growth_room(ind_error *err, const char *fn, size_t count,
                    size_t capacity);

/* A series' name for messages: "indicator" or "indicator (entity)". */
void ind_growth_name(char *buf, size_t size, const ind_series *s);

#endif
