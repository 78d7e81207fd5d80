/* Internal pieces shared by the projection sources; not public API. */
#ifndef IND_PROJECTION_INTERNAL_H
#define IND_PROJECTION_INTERNAL_H

#include "indicators/projection.h"
#include "error_internal.h"
#include "fitstats.h"

#include <stdarg.h>

#define IND_PROJ_MAX_COEF (IND_POLYFIT_MAX_DEGREE + 1)
#define IND_PROJ_MAX_WARNINGS 8
#define IND_PROJ_WARNING_SIZE 256
#define IND_PROJ_METHOD_SIZE 192
#define IND_PROJ_CHOICE_SIZE 1024
#define IND_PROJ_NOTE_SIZE 160
/* auto's candidates: linear, exponential, polynomial, holt, damped,
 * logistic, plus drift and naive listed as not comparable. */
#define IND_PROJ_MAX_CANDIDATES 12
/* Most components a combination averages. */
#define IND_PROJ_MAX_COMPONENTS 4

/* The checked, defaulted inputs every model fit works from. */
typedef struct ind_proj_input {
    const double *years;          /* n ascending whole years */
    const double *values;         /* n finite values */
    size_t n;
    int to_year;                  /* last forecast year */
    ind_projection_options opts;  /* degree and levels filled in */
    size_t max_origins;           /* rolling origins: the last this many
                                     (0: all) */
    int rolling;                  /* a fit at a rolling origin: searches
                                     may stop sooner */
    double auto_margin;           /* auto's margin; < 0: the default (the
                                     benchmark's tuning check sets it) */
} ind_proj_input;

/* auto and the calibrated intervals look at the most recent origins only:
 * the series' recent behaviour, and a bounded cost on long series. */
#define IND_PROJ_RECENT_ORIGINS 30

struct ind_projection {
    ind_model model;
    size_t n;
    size_t h;
    size_t nlevels;
    int first_year;
    double levels[IND_PROJECTION_MAX_LEVELS];
    double *years;
    double *values;
    double *fitted;
    double *resid;
    double *mean;
    double *lower;                /* nlevels rows of h */
    double *upper;
    ind_fit_stats stats;
    size_t ncoef;
    ind_projection_coef coef[IND_PROJ_MAX_COEF];
    char method[IND_PROJ_METHOD_SIZE];
    size_t nwarnings;
    char warnings[IND_PROJ_MAX_WARNINGS][IND_PROJ_WARNING_SIZE];
    ind_projection_warning_kind warning_kinds[IND_PROJ_MAX_WARNINGS];
    char choice[IND_PROJ_CHOICE_SIZE];
    size_t ncandidates;
    ind_projection_candidate candidates[IND_PROJ_MAX_CANDIDATES];
    char notes[IND_PROJ_MAX_CANDIDATES][IND_PROJ_NOTE_SIZE];
    int calibrated;               /* intervals from past errors */
    size_t calib_errors;          /* errors one year ahead behind them */
    ind_quantile_cache *quantiles; /* the options' cache, or NULL */
};

/* Check the series (ascending whole finite years, finite values). */
int ind_proj_check_data(const double *years, const double *values, size_t n,
                        ind_error *err);

/* A fresh projection for in->n points forecasting to in->to_year, with
 * every number NaN and the input copied. */
int ind_proj_alloc(ind_projection **out, const ind_proj_input *in,
                   ind_error *err);

/* Fit `model` into p (allocated by ind_proj_alloc for the same input).
 * Does not run auto, calibrate, or warn about degrees of freedom (the
 * caller does, once the intervals are final). */
int ind_proj_fit_model(ind_projection *p, const ind_proj_input *in,
                       ind_model model, ind_error *err);

/* Format a line into row *count of a table of `max` rows of `width`
 * chars and count it; past the last row the line is dropped. */
void ind_proj_vline(char *rows, size_t width, size_t max, size_t *count,
                    const char *fmt, va_list ap) IND_PRINTF(5, 0);

/* The series' years and values as doubles in one allocation of 2n (years
 * first) at *out, to free(); their count in *n. IND_EINVAL for a NULL
 * series (the message names 'caller'), IND_ENOMEM. */
int ind_proj_series_arrays(double **out, size_t *n, const ind_series *s,
                           const char *caller, ind_error *err);

/* Append a warning (silently dropped past IND_PROJ_MAX_WARNINGS), of
 * kind IND_PROJECTION_WARN_OTHER or `kind`. */
void ind_proj_warn(ind_projection *p, const char *fmt, ...)
    IND_PRINTF(2, 3);
void ind_proj_warn_as(ind_projection *p, ind_projection_warning_kind kind,
                      const char *fmt, ...) IND_PRINTF(3, 4);

/* Set the method line. */
void ind_proj_method(ind_projection *p, const char *fmt, ...)
    IND_PRINTF(2, 3);

/* Add a coefficient (name must be static text). */
void ind_proj_coef(ind_projection *p, const char *name, double estimate,
                   double se);

/* Quantiles for every level: Student t with df degrees of freedom, or the
 * normal when df is infinite; NaN when df is not positive. */
void ind_proj_quantiles(const ind_projection *p, double df, double *q);

/* The quantile at probability prob of Student's t with df degrees of
 * freedom (the normal for an infinite df), remembered in c (may be NULL);
 * NaN for df <= 0 (projection_quantiles.c). */
double ind_proj_quantile(ind_quantile_cache *c, double prob, double df);

/* Forecast i: point `centre` with prediction standard error `se`, both on
 * the fitted scale; log_scale back-transforms (median, or the log-normal
 * mean exp(centre + se^2/2) with bias_adjust). */
void ind_proj_forecast(ind_projection *p, size_t i, double centre, double se,
                       const double *q, int log_scale, int bias_adjust);

/* Drop the points before from_year (0: none); IND_EDOMAIN when no point
 * is left. */
int ind_proj_skip_before(const double **years, const double **values,
                         size_t *n, int from_year, ind_error *err);

/* The first missing year when the years are not consecutive, 0 if none. */
int ind_proj_first_gap(const double *years, size_t n);

/* Refuse a gap for a recursive model, naming the missing year. */
int ind_proj_need_consecutive(const ind_proj_input *in, ind_model model,
                              ind_error *err);

/* Refuse a value <= 0 for a log model, naming the year. */
int ind_proj_need_positive(const ind_proj_input *in, ind_model model,
                           ind_error *err);

/* A model on log(value): refuse a rate (it is not compounded) and any
 * value <= 0. */
int ind_proj_need_log(const ind_proj_input *in, ind_model model,
                      ind_error *err);

/* Check every output number is finite where it must be. */
int ind_proj_check_finite(const ind_projection *p, ind_error *err);

/* Model families. */
int ind_proj_fit_trend(ind_projection *p, const ind_proj_input *in,
                       ind_model model, ind_error *err);
int ind_proj_fit_polynomial(ind_projection *p, const ind_proj_input *in,
                            ind_error *err);
int ind_proj_fit_walk(ind_projection *p, const ind_proj_input *in,
                      ind_model model, ind_error *err);
int ind_proj_fit_holt(ind_projection *p, const ind_proj_input *in,
                      ind_model model, ind_error *err);
int ind_proj_fit_logistic(ind_projection *p, const ind_proj_input *in,
                          ind_error *err);
int ind_proj_fit_theta(ind_projection *p, const ind_proj_input *in,
                       ind_error *err);
int ind_proj_fit_combo(ind_projection *p, const ind_proj_input *in,
                       ind_error *err);
int ind_proj_fit_dotm(ind_projection *p, const ind_proj_input *in,
                      ind_error *err);

/* The minimum *x over [lo, hi] of fn (a profile over a smoothing weight):
 * a grid, then Brent's method; refine_ends: search the end intervals of
 * the grid more closely; `what` names the search in a GSL error. */
int ind_proj_profile_min(double (*fn)(double, void *), void *params,
                         double lo, double hi, int refine_ends, double *x,
                         const char *what, ind_error *err);

/* The fit statistics of an SES-based model from its n_errors one-step
 * errors: sse, df residual degrees of freedom, nparams for the information
 * criteria (sigma counted). */
void ind_proj_smoothing_stats(ind_projection *p, size_t n_errors, double sse,
                              double df, int nparams);

/* Combine fitted projections of the same input into p (allocated for it):
 * the mean of their forecasts and fitted values, their bounds averaged
 * level by level over the parts that have them. */
void ind_proj_combine(ind_projection *p, ind_projection *const *parts,
                      size_t count);

/* auto: fit the candidates, keep the best in *out. */
int ind_proj_fit_auto(ind_projection **out, const ind_proj_input *in,
                      ind_error *err);

/* Rolling-origin forecasts of one model (projection_rolling.c): for
 * origin o (index of the window's last point) and horizon h (1..max_h),
 * mean[o * max_h + h - 1], and the model's bounds at level j in
 * lower/upper[j * n * max_h + o * max_h + h - 1]; NaN where none. */
typedef struct ind_proj_rolling {
    ind_model model;
    size_t n;
    int max_h;
    size_t nlevels;
    double *mean;
    double *lower;
    double *upper;
    size_t fits;                  /* origins where the fit succeeded */
    char last_error[IND_ERROR_MESSAGE_SIZE];
} ind_proj_rolling;

int ind_proj_rolling_alloc(ind_proj_rolling *r, const ind_proj_input *in,
                           ind_model model, int max_h);
/* Fit `model` at every origin 1..n-2 of `in` (its opts, levels included).
 * IND_OK or IND_ENOMEM; failures at an origin leave NaN. */
int ind_proj_rolling_fit(ind_proj_rolling *r, const ind_proj_input *in,
                         ind_model model, int max_h);
/* The combination of component rollings, as ind_proj_combine. */
int ind_proj_rolling_combine(ind_proj_rolling *r, const ind_proj_input *in,
                             const ind_proj_rolling *parts, size_t count);
/* Any model, a combination through its components. */
int ind_proj_rolling_model(ind_proj_rolling *r, const ind_proj_input *in,
                           ind_model model, int max_h);
void ind_proj_rolling_free(ind_proj_rolling *r);
/* Index of `year` after position `from`, or -1. */
long ind_proj_find_year(const double *years, size_t n, size_t from,
                        double year);

/* Calibrated interval scales (projection_calibrate.c). */
typedef struct ind_proj_calib {
    int log_scale;                /* errors are log(actual / forecast) */
    int max_h;
    size_t h_star;                /* longest horizon with a scale */
    size_t k1;                    /* errors one year ahead */
    size_t count[IND_BACKTEST_MAX_HORIZON];
    double scale[IND_BACKTEST_MAX_HORIZON];
    double df[IND_BACKTEST_MAX_HORIZON];
} ind_proj_calib;

/* Scales from the errors of r whose target index is <= upto. */
void ind_proj_calib_compute(ind_proj_calib *c, const ind_proj_rolling *r,
                            const double *years, const double *values,
                            size_t upto);
int ind_proj_calib_usable(const ind_proj_calib *c);
/* The interval of `level` percent around `mean`, h years ahead. */
void ind_proj_calib_bounds(const ind_proj_calib *c, size_t h, double mean,
                           double level, double *lo, double *hi);
/* Replace p's intervals: calibrated, or the widened model interval with
 * a warning when c is not usable. */
void ind_proj_calibrate(ind_projection *p, const ind_proj_calib *c);

/* Calibrate a fitted p (not auto) on its model's rolling errors over in;
 * IND_OK or IND_ENOMEM. */
int ind_proj_calibrate_fit(ind_projection *p, const ind_proj_input *in,
                           ind_error *err);

/* auto's candidates, in the order ind_proj_auto_at() takes their
 * rollings: combo, drift, damped, theta. */
#define IND_PROJ_AUTO_NCAND 4
extern const ind_model ind_proj_auto_candidates[IND_PROJ_AUTO_NCAND];

/* auto's choice for the window ending at index upto, from the candidates'
 * rollings over the whole series (only forecasts of targets up to upto
 * count): the index of the candidate it keeps, and in *c the calibration
 * its interval would have (projection_auto.c). */
size_t ind_proj_auto_at(const ind_proj_rolling *roll, const double *years,
                        const double *values, size_t upto,
                        ind_proj_calib *c);

/* The components of combo, in order. */
extern const ind_model ind_proj_combo_parts[3];
#define IND_PROJ_COMBO_NPARTS 3

/* A count held at zero (projection_result.c): for a stock or a flow whose
 * history is never negative, the forecasts and interval limits below 0
 * become 0, and a warning names the year the trend reaches zero (or when
 * only the ranges would). Rates and other series are left as they are. */
void ind_proj_hold_at_zero(ind_projection *p, const ind_proj_input *in);

/* Plain-word warnings on a final projection (projection_warn.c): the
 * horizon against the history, recent years against the forecast, a
 * compounded forecast far outside the history; and, for a series, the
 * last value's status or part-year date, and mid-year readings. */
void ind_proj_warn_reading(ind_projection *p, const ind_proj_input *in);
void ind_proj_warn_series(ind_projection *p, const ind_series *s,
                          int from_year);

/* Warnings about degrees of freedom, common to every model. */
void ind_proj_warn_df(ind_projection *p);

#endif
