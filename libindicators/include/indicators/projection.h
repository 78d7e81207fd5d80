/**
 * @file indicators/projection.h
 * @brief Trend models, forecasts with prediction intervals, model choice,
 *        rolling-origin backtests, and a general polynomial fit.
 *
 * A projection fits one model to a yearly series and forecasts every year
 * from the one after the last observation up to a target year, with a
 * point forecast and a prediction interval at each requested level
 * (80% and 95% unless told otherwise).
 *
 * ## Models
 *
 * - `linear`: OLS of value on year; t prediction intervals that include
 *   the parameter uncertainty (R `predict.lm(interval = "prediction")`).
 * - `exponential`: OLS of log(value) on year; the log-scale t interval
 *   back-transformed; point forecast = the median exp(trend), or with
 *   `bias_adjust` the log-normal mean exp(trend + v/2).
 * - `polynomial`: OLS on powers of the year, degree k (2 unless told);
 *   intervals as linear.
 * - `drift`: random walk with drift on the value or (`log_scale`) its log,
 *   as R `rwf(drift = TRUE)`, normal intervals.
 * - `naive`: random walk without drift (a benchmark), as R `rwf()`.
 * - `holt`: Holt's linear exponential smoothing as R
 *   `holt(initial = "simple")`; ETS(A,A,N) analytic variance.
 * - `damped`: Holt with a damped trend (phi); ETS(A,Ad,N) variance.
 * - `logistic`: K / (1 + exp(-r (year - m))) by nonlinear least squares;
 *   t intervals by the delta method.
 *
 * - `theta`: the standard Theta method (Assimakopoulos and Nikolopoulos
 *   2000) as Hyndman and Billah (2003) wrote it and R `thetaf` computes it:
 *   simple exponential smoothing (weight and initial level minimising the
 *   one-step MSE) plus a drift of half the OLS slope; R's normal intervals
 *   with sigma^2 = SSE / (n - 2).
 * - `combo`: the equal-weight mean of the drift, damped and theta
 *   forecasts (drift and theta alone below damped's 5 points); its model
 *   interval averages the components' bounds.
 *
 * `auto` chooses by how the models have forecast this series: combo and
 * its three components are run over the series' own history by the
 * rolling origin of ind_backtest_run() and compared on their past
 * forecasts (mean absolute relative error for a positive series); combo is
 * kept unless a single model beat it by 10% on at least 10 common past
 * forecasts. A series with a gap gets linear (the recursive models need
 * consecutive years), a 2-point one drift. ind_projection_choice() says
 * which and why in one sentence with the figures;
 * ind_projection_candidate_at() gives them.
 *
 * Intervals are calibrated on the series' own past errors for auto and
 * combo, the model's own (as R) for a named model, unless
 * ind_projection_options::intervals says otherwise (::ind_interval_method).
 *
 * ## Input rules (all checked before any numerical code runs)
 *
 * - Years strictly ascending, finite, whole numbers; values finite. Gaps
 *   (missing years) are allowed and are never filled in.
 * - The regression models (linear, exponential, polynomial, logistic) use
 *   the actual years, so gaps need no special care.
 * - drift, naive, holt and damped are recursions over consecutive years; a
 *   gap has no principled one-step value. They refuse a series with a gap
 *   (::IND_EDOMAIN, naming the first missing year) rather than fill it.
 * - exponential, drift on the log and logistic need every value > 0
 *   (::IND_EDOMAIN otherwise, naming the first offending year).
 * - A series of kind ::IND_KIND_RATE (a percentage change) is projected as a
 *   level: linear, polynomial, drift, holt... on the rate itself. Models
 *   that compound it (exponential, drift on the log) are refused with
 *   ::IND_EDOMAIN, and `auto` leaves them out.
 * - Each model needs a minimum number of points (ind_projection_min_points()):
 *   linear 2, exponential 2, polynomial k + 1, drift 2, naive 2, logistic 4,
 *   holt and damped 2 (the initial state) plus one per estimated weight:
 *   holt 4 and damped 5 when everything is estimated, 2 when alpha, beta
 *   (and phi) are given. Below it the fit fails with ::IND_EDOMAIN and a
 *   message naming the minimum.
 * - At the minimum of a regression or drift model no residual degree of
 *   freedom is left (a quadratic through 3 points, drift through 2): the
 *   fit succeeds with its point forecasts, the intervals are NaN, and a
 *   warning says that no interval can be given. With fewer than
 *   ::IND_PROJECTION_FEW_DF residual degrees of freedom a warning says so.
 *   Holt's variance (SSE / n) exists even then; the warning says that its
 *   intervals understate the uncertainty.
 * - Warnings are data: sentences on the result (ind_projection_warning()),
 *   never printed by the library.
 *
 * ## Numerics
 *
 * Years are centred before any regression (a quintic on raw years
 * 2000-2020 would otherwise lose most of its digits): on the last year for
 * the straight lines (gsl_fit_linear, exact for whole years), on their
 * midrange and scaled to [-1, 1] for polynomials, whose fit uses
 * Householder QR (GSL) followed by iterative refinement
 * of the augmented least-squares system with residuals accumulated in
 * `long double` (Björck's method), which recovers the digits plain QR
 * loses on the hardest NIST problems. Every GSL status is checked and every
 * output tested with isfinite(); a failure is ::IND_ENUMERIC.
 *
 * ## Memory and threads
 *
 * Handles are independent; nothing is shared between calls, so different
 * handles may be used from different threads. Accessors take a valid
 * (non-NULL) handle; the pointers they return belong to the handle and
 * stay valid until it is freed.
 */
#ifndef INDICATORS_PROJECTION_H
#define INDICATORS_PROJECTION_H

#include <stddef.h>
#include "indicators/export.h"
#include "indicators/error.h"
#include "indicators/series.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* Models                                                              */
/* ------------------------------------------------------------------ */

/** The trend models. The names of ind_model_name() are what `--model` takes. */
typedef enum ind_model {
    IND_MODEL_AUTO = 0,     /**< "auto": lowest AICc among candidates. */
    IND_MODEL_LINEAR,       /**< "linear": OLS on the year. */
    IND_MODEL_EXPONENTIAL,  /**< "exponential": OLS of log(value). */
    /** "polynomial" (also read from "quadratic"): OLS on powers of the year. */
    IND_MODEL_POLYNOMIAL,
    IND_MODEL_DRIFT,        /**< "drift": random walk with drift. */
    IND_MODEL_HOLT,         /**< "holt": Holt's linear exponential smoothing. */
    IND_MODEL_DAMPED,       /**< "damped": Holt's method with a damped trend. */
    IND_MODEL_LOGISTIC,     /**< "logistic": saturating trend. */
    IND_MODEL_NAIVE,        /**< "naive": random walk, no drift (benchmark). */
    IND_MODEL_THETA,        /**< "theta": the standard Theta method. */
    IND_MODEL_COMBO         /**< "combo": mean of drift, damped and theta. */
} ind_model;

/** Number of ::ind_model values (for tables indexed by model). */
#define IND_MODEL_COUNT 11

/**
 * The name of a model ("linear", ...). Never NULL; an unknown value gives
 * "unknown".
 */
IND_EXTERN const char *ind_model_name(ind_model model);

/**
 * Parse a model name as ind_model_name() writes it; "quadratic" is read as
 * ::IND_MODEL_POLYNOMIAL (whose degree defaults to 2). Case matters.
 *
 * @return IND_OK, ::IND_EINVAL if out or text is NULL, ::IND_EPARSE for an
 *         unknown name (err lists the accepted names).
 */
IND_EXTERN int ind_model_parse(ind_model *out, const char *text, ind_error *err);

/* ------------------------------------------------------------------ */
/* Options                                                             */
/* ------------------------------------------------------------------ */

/** Largest number of interval levels one projection carries. */
#define IND_PROJECTION_MAX_LEVELS 8
/** Largest polynomial degree (ind_polyfit_fit() and `--degree`). */
#define IND_POLYFIT_MAX_DEGREE 12
/** Largest forecast horizon in years. */
#define IND_PROJECTION_MAX_HORIZON 1000
/** Below this many residual degrees of freedom a fit carries a warning. */
#define IND_PROJECTION_FEW_DF 5
/** Value of ind_projection_options::alpha, beta, phi meaning "estimate it". */
#define IND_PROJECTION_ESTIMATE (-1.0)

/** Version of ::ind_projection_options this header describes. */
#define IND_PROJECTION_OPTIONS_VERSION 3

/**
 * Where the prediction intervals come from.
 *
 * - ::IND_INTERVALS_MODEL: the model's own formula (R's, for the models
 *   that agree with R). On real yearly series these cover far less than
 *   they claim (R's 80% intervals cover 46-58% of the M1 yearly outcomes).
 * - ::IND_INTERVALS_CALIBRATED: from the model's own past forecast errors
 *   on the series: every origin of a rolling-origin backtest (the
 *   ind_backtest_run() machinery) forecasts 1..h years ahead; at horizon h
 *   the interval is the forecast times exp(+-q s_h) (values all > 0:
 *   errors measured as log(actual / forecast)) or the forecast +- q s_h
 *   (otherwise), s_h the root mean square of the horizon-h errors, q the
 *   Student t quantile with as many degrees of freedom as errors. Beyond
 *   the longest horizon with at least ::IND_CALIBRATION_MIN_ERRORS errors,
 *   s_h grows in proportion to h. With fewer errors than that even one
 *   year ahead, the model's interval is widened by
 *   ::IND_CALIBRATION_FALLBACK_WIDEN and a warning says so.
 * - ::IND_INTERVALS_DEFAULT: calibrated for auto and combo, the model's
 *   own for a named model (so that those agree with R).
 */
typedef enum ind_interval_method {
    IND_INTERVALS_DEFAULT = 0,  /**< Calibrated for auto/combo, else model. */
    IND_INTERVALS_MODEL,        /**< The model's own formula. */
    IND_INTERVALS_CALIBRATED    /**< From the series' past forecast errors. */
} ind_interval_method;

/** Fewest past errors at a horizon for its calibrated scale. */
#define IND_CALIBRATION_MIN_ERRORS 3
/** Widening of the model interval when too few errors exist to calibrate. */
#define IND_CALIBRATION_FALLBACK_WIDEN 1.5

/**
 * Interval quantiles remembered across fits (opaque). Fitting many series
 * with one set of options (a whole panel), point
 * ind_projection_options::quantiles at one: each Student t quantile is then
 * computed once per degrees of freedom and level instead of once a fit; the
 * results are the same to the last bit. A cache serves one thread at a
 * time.
 */
typedef struct ind_quantile_cache ind_quantile_cache;

/** A new, empty cache. @return IND_OK or ::IND_ENOMEM. */
IND_EXTERN int ind_quantile_cache_new(ind_quantile_cache **out,
                                      ind_error *err);

/** Release a cache. NULL is a no-op. */
IND_EXTERN void ind_quantile_cache_free(ind_quantile_cache *cache);

/**
 * How to fit and forecast. Start from ::IND_PROJECTION_OPTIONS_INIT and
 * change what you need.
 *
 * An option that the chosen model cannot use is a caller mistake
 * (::IND_EINVAL): `degree` other than 0 without polynomial, alpha/beta
 * without holt or damped, phi without damped, bias_adjust without a log
 * model, log_scale without drift or naive. Under `auto` each option goes to
 * the candidates that use it (degree to polynomial, alpha/beta to holt and
 * damped, phi to damped, bias_adjust to exponential).
 */
typedef struct ind_projection_options {
    unsigned version;   /**< ::IND_PROJECTION_OPTIONS_VERSION. */
    ind_model model;    /**< The model; ::IND_MODEL_AUTO by default. */
    /** Polynomial degree 1..::IND_POLYFIT_MAX_DEGREE; 0 means 2. */
    int degree;
    size_t nlevels;     /**< Entries used in `levels`; 0 means {80, 95}. */
    /** Interval levels in percent, each strictly between 0 and 100. */
    double levels[IND_PROJECTION_MAX_LEVELS];
    /** Holt level weight in [0, 1], or ::IND_PROJECTION_ESTIMATE. */
    double alpha;
    /** Holt trend weight in [0, 1] in the classical form (smoothing the
     *  level's changes), or ::IND_PROJECTION_ESTIMATE. */
    double beta;
    /** Damping in (0, 1], or ::IND_PROJECTION_ESTIMATE (then searched in
     *  [0.8, 0.98], the bounds of R's ets()). */
    double phi;
    int bias_adjust;    /**< Non-zero: log models forecast the mean. */
    int log_scale;      /**< Non-zero: drift/naive work on log(value). */
    ind_kind kind;      /**< ::IND_KIND_RATE refuses compounding models. */
    ind_interval_method intervals;  /**< Where the intervals come from. */
    /** Fit only the points of this year and later; 0: every point. */
    int from_year;
    /** NULL, or quantiles shared by the fits (see ::ind_quantile_cache). */
    ind_quantile_cache *quantiles;
} ind_projection_options;

/** Default options: auto, degree 2, levels 80 and 95, parameters estimated. */
#define IND_PROJECTION_OPTIONS_INIT                                         \
    { IND_PROJECTION_OPTIONS_VERSION, IND_MODEL_AUTO, 0, 2, { 80.0, 95.0 }, \
      IND_PROJECTION_ESTIMATE, IND_PROJECTION_ESTIMATE,                     \
      IND_PROJECTION_ESTIMATE, 0, 0, IND_KIND_UNSPECIFIED,                  \
      IND_INTERVALS_DEFAULT, 0, NULL }

/**
 * The fewest points `model` can be fitted to with these options (degree,
 * fixed or estimated Holt parameters). 0 for ::IND_MODEL_AUTO or an unknown
 * model. `opts` may be NULL (defaults).
 */
IND_EXTERN size_t ind_projection_min_points(ind_model model,
                                 const ind_projection_options *opts);

/* ------------------------------------------------------------------ */
/* Results                                                             */
/* ------------------------------------------------------------------ */

/**
 * A fitted coefficient.
 *
 * Names by model (static strings):
 * - linear: "level", "slope"; exponential: "log level", "log slope";
 *   polynomial: "b0" .. "bk". These are coefficients of powers of
 *   (year - origin), origin = the last observed year
 *   (ind_fit_stats::origin): "level" / "b0" is the trend's value in the
 *   last observed year, "slope" / "b1" its yearly change there. Standard
 *   errors as R's summary.lm (NaN when df = 0).
 * - drift: "drift" (or "log drift"), with R's standard error sd / sqrt(m);
 *   naive: none.
 * - holt: "alpha", "beta", then "initial level", "initial trend"; damped
 *   adds "phi" after "beta". No standard errors (NaN), as in R.
 * - logistic: "asymptote" (K), "rate" (r), "midpoint" (m, a year), with
 *   standard errors from sigma^2 (J'J)^-1 as R's summary.nls.
 * - theta: "alpha" (the SES weight), "initial level", "drift" (half the
 *   OLS slope, the theta line's yearly step); no standard errors.
 * - combo: the components' parameters, named "drift: drift",
 *   "damped: alpha", "damped: beta", "damped: phi", "theta: alpha",
 *   "theta: drift" (those of the components fitted).
 */
typedef struct ind_projection_coef {
    const char *name;  /**< Static text: "level", "b2", "alpha", ... */
    double estimate;   /**< The estimate. */
    double se;         /**< Its standard error; NaN when there is none. */
} ind_projection_coef;

/**
 * Fit statistics. A quantity a model does not define is NaN.
 *
 * - Regression models: sigma = sqrt(rss / df), df = n - coefficients,
 *   R² = 1 - rss / sum((y - mean y)^2), all on the fitted scale (the log
 *   for exponential), as R's summary.lm.
 * - drift/naive: the residuals are the n - 1 year-to-year changes minus the
 *   drift; sigma as R's rwf (df = n - 2 with drift, n - 1 without); R² NaN.
 * - holt/damped: rss is the sum of the n one-step errors of the recursion
 *   started at level = first value, trend = first difference (R's
 *   HoltWintersZZ: the first error is phi (y1 - y2) by construction);
 *   sigma² = rss / n exactly as R (no degrees-of-freedom correction; the
 *   intervals use normal quantiles). df = n - 2 - (number of estimated
 *   smoothing parameters), the two initial states counted as used up.
 *   R² = 1 - rss / total sum of squares.
 * - aicc = -2 log L + 2k + 2k(k+1)/(n_lik - k - 1) with the Gaussian
 *   likelihood at sigma² = rss / n_lik and k = nparams (sigma included);
 *   NaN when n_lik <= k + 1. For regressions it equals R's
 *   AIC(lm) + 2k(k+1)/(n-k-1).
 * - aicc_level: the AICc of the model as a density for the values
 *   themselves: equal to aicc for level models; for exponential
 *   aicc + 2 sum(log y) (the log-normal Jacobian), which makes it comparable
 *   with the level models; NaN for drift and naive (their likelihood is of
 *   the n - 1 changes, not the n values).
 */
typedef struct ind_fit_stats {
    size_t n;            /**< Points fitted. */
    size_t n_lik;        /**< Residuals in the likelihood (n; drift n - 1). */
    size_t nparams;      /**< Parameters counted in AICc, sigma included. */
    double df;           /**< Residual degrees of freedom. */
    double rss;          /**< Residual sum of squares (fitted scale). */
    double sigma;        /**< Residual standard error (fitted scale). */
    double r_squared;    /**< Coefficient of determination (fitted scale). */
    double loglik;       /**< Gaussian log-likelihood. */
    double aicc;         /**< Corrected AIC on the fitted response. */
    double aicc_level;   /**< Corrected AIC of the values themselves. */
    double growth_rate;  /**< exponential, log drift: exp(slope) - 1. */
    double origin;       /**< Year the coefficients are centred on. */
} ind_fit_stats;

/**
 * One candidate that `auto` considered: how far off its past forecasts of
 * this series were (the rolling-origin backtest over the forecasts every
 * compared candidate made).
 */
typedef struct ind_projection_candidate {
    ind_model model;     /**< The candidate. */
    int fitted;          /**< Non-zero when some window could be fitted. */
    int compared;        /**< Non-zero when it took part in the choice. */
    /** Mean absolute error of its past forecasts: in percent (of
     *  log(actual / forecast), a relative error) when `relative`, else in
     *  the series' units; NaN when not compared. */
    double error;
    int relative;        /**< Non-zero: `error` is in percent. */
    size_t nforecasts;   /**< Past forecasts behind `error`. */
    const char *note;    /**< Why not compared, else "". */
} ind_projection_candidate;

/** A fitted model with its forecasts; opaque. */
typedef struct ind_projection ind_projection;

/**
 * Fit a model to (years[i], values[i]), i < n, and forecast every year
 * from years[n-1] + 1 to `to_year`.
 *
 * A count cannot be negative: when `opts->kind` is ::IND_KIND_STOCK or
 * ::IND_KIND_FLOW and no value is below zero, forecasts and interval
 * limits below zero are held at 0, and a warning
 * (::IND_PROJECTION_WARN_AT_ZERO) names the year the trend reaches zero.
 * A rate, or a series of unspecified kind, is left unbounded.
 *
 * @param out     receives the projection, to be freed with
 *                ind_projection_free(); set to NULL on failure
 * @param years   ascending whole years (as doubles), n entries
 * @param values  finite values, n entries
 * @param to_year last year to forecast, after years[n-1] and at most
 *                ::IND_PROJECTION_MAX_HORIZON years later
 * @param opts    options, NULL for ::IND_PROJECTION_OPTIONS_INIT
 * @return IND_OK;
 *   ::IND_EINVAL (NULL pointer, bad option or level, to_year out of range,
 *   an option the model cannot use, options version unknown);
 *   ::IND_EDATA (years not strictly ascending or not whole, a non-finite
 *   year or value);
 *   ::IND_EDOMAIN (too few points for the model, naming its minimum; a gap
 *   for drift/naive/holt/damped, naming the missing year; a value <= 0 for
 *   a log model or logistic; a rate given to a compounding model; a
 *   logistic fit that does not level off; under auto: not even linear
 *   could be fitted);
 *   ::IND_ENUMERIC (GSL failed, an optimiser did not converge, a non-finite
 *   result); ::IND_ENOMEM.
 */
IND_EXTERN int ind_projection_fit(ind_projection **out, const double *years,
                       const double *values, size_t n, int to_year,
                       const ind_projection_options *opts, ind_error *err);

/**
 * As ind_projection_fit() on a series' points. The series' kind replaces
 * `opts->kind`, and a point read before the end of its year
 * (::IND_POINT_PARTIAL_YEAR) adds a warning naming it. Same errors, plus
 * ::IND_EINVAL for a NULL series.
 */
IND_EXTERN int ind_projection_fit_series(ind_projection **out, const ind_series *series,
                              int to_year, const ind_projection_options *opts,
                              ind_error *err);

/** Release a projection. NULL is a no-op. */
IND_EXTERN void ind_projection_free(ind_projection *p);

/** The model that was fitted (under auto: the chosen one). */
IND_EXTERN ind_model ind_projection_model(const ind_projection *p);

/**
 * One line saying what was fitted, e.g. "exponential trend (OLS on
 * log(value)), point forecast = median". Never NULL.
 */
IND_EXTERN const char *ind_projection_method(const ind_projection *p);

/** Number of points fitted (n). */
IND_EXTERN size_t ind_projection_length(const ind_projection *p);

/** The fitted years (n entries), a copy of the input. */
IND_EXTERN const double *ind_projection_years(const ind_projection *p);

/** The fitted values (n entries), a copy of the input. */
IND_EXTERN const double *ind_projection_values(const ind_projection *p);

/**
 * In-sample fitted values on the value scale (n entries; for log models the
 * median exp(fit)). NaN where the model has none (the first year of drift
 * and naive).
 */
IND_EXTERN const double *ind_projection_fitted(const ind_projection *p);

/**
 * Residuals on the fitted scale (the log for exponential and log drift),
 * n entries, NaN where the model has none.
 */
IND_EXTERN const double *ind_projection_residuals(const ind_projection *p);

/** Number of forecast years h = to_year - last year. */
IND_EXTERN size_t ind_projection_horizon(const ind_projection *p);

/** The first forecast year (last observed year + 1). */
IND_EXTERN int ind_projection_first_year(const ind_projection *p);

/** Point forecasts, h entries (year first_year + i at index i). */
IND_EXTERN const double *ind_projection_mean(const ind_projection *p);

/** Number of interval levels. */
IND_EXTERN size_t ind_projection_nlevels(const ind_projection *p);

/** The j-th level in percent (in the order given), NaN if j is out of range. */
IND_EXTERN double ind_projection_level(const ind_projection *p, size_t j);

/**
 * Lower / upper bounds of the j-th level, h entries each, NaN where no
 * interval can be given (no residual degrees of freedom). NULL when j is
 * out of range.
 */
IND_EXTERN const double *ind_projection_lower(const ind_projection *p, size_t j);
/** See ind_projection_lower(). */
IND_EXTERN const double *ind_projection_upper(const ind_projection *p, size_t j);

/** Fit statistics; never NULL for a valid handle. */
IND_EXTERN const ind_fit_stats *ind_projection_stats(const ind_projection *p);

/** Number of coefficients. */
IND_EXTERN size_t ind_projection_ncoef(const ind_projection *p);

/** The i-th coefficient, NULL when out of range. */
IND_EXTERN const ind_projection_coef *ind_projection_coef_at(const ind_projection *p,
                                                  size_t i);

/**
 * Non-zero when the intervals were calibrated on the series' past forecast
 * errors, 0 when they are the model's own (or its widened fallback).
 */
IND_EXTERN int ind_projection_calibrated(const ind_projection *p);

/** Number of warnings (short series, few degrees of freedom, ...). */
IND_EXTERN size_t ind_projection_nwarnings(const ind_projection *p);

/** The i-th warning, one sentence without a newline; NULL if out of range. */
IND_EXTERN const char *ind_projection_warning(const ind_projection *p, size_t i);

/**
 * What a warning is about, so that a program saying the same fact of the
 * data in its own words (a report's caveats) can say it once.
 */
typedef enum ind_projection_warning_kind {
    IND_PROJECTION_WARN_OTHER = 0,   /**< none of those below */
    IND_PROJECTION_WARN_GAPS,        /**< years missing inside the span */
    IND_PROJECTION_WARN_FEW_DF,      /**< few residual degrees of freedom */
    IND_PROJECTION_WARN_NO_DF,       /**< none left (no interval, or one
                                          that understates) */
    IND_PROJECTION_WARN_UNCALIBRATED, /**< too few past forecasts to
                                          calibrate the intervals on */
    IND_PROJECTION_WARN_HORIZON,     /**< further ahead than the history */
    IND_PROJECTION_WARN_CONTRADICTED, /**< recent years move the other way */
    IND_PROJECTION_WARN_OUTSIDE,     /**< compounds far outside the history */
    IND_PROJECTION_WARN_LAST_STATUS, /**< the last value is provisional... */
    IND_PROJECTION_WARN_LAST_PARTIAL, /**< the last value is part-year */
    IND_PROJECTION_WARN_PARTIAL,     /**< earlier part-year values */
    IND_PROJECTION_WARN_AT_ZERO      /**< a count held at 0 (see
                                          ind_projection_fit()) */
} ind_projection_warning_kind;

/** The kind of the i-th warning; ::IND_PROJECTION_WARN_OTHER if out of
 * range. */
IND_EXTERN ind_projection_warning_kind
ind_projection_warning_kind_at(const ind_projection *p, size_t i);

/**
 * Under auto, why the model was chosen: the AICc of every compared
 * candidate and why the others were left out. "" when a model was named.
 */
IND_EXTERN const char *ind_projection_choice(const ind_projection *p);

/** Number of candidates auto considered (0 when a model was named). */
IND_EXTERN size_t ind_projection_ncandidates(const ind_projection *p);

/** The i-th candidate, NULL if out of range. */
IND_EXTERN const ind_projection_candidate *
ind_projection_candidate_at(const ind_projection *p, size_t i);

/* ------------------------------------------------------------------ */
/* Backtest                                                            */
/* ------------------------------------------------------------------ */

/** Fewest points a backtest needs (two to fit, two origins to test). */
#define IND_BACKTEST_MIN_POINTS 4
/** Largest horizon a backtest may use. */
#define IND_BACKTEST_MAX_HORIZON 10

/** Version of ::ind_backtest_options this header describes. */
#define IND_BACKTEST_OPTIONS_VERSION 2

/** Backtest settings; start from ::IND_BACKTEST_OPTIONS_INIT. */
typedef struct ind_backtest_options {
    unsigned version;  /**< ::IND_BACKTEST_OPTIONS_VERSION. */
    int max_horizon;   /**< Horizons 1..max_horizon; 0 means 3. */
    int degree;        /**< Polynomial degree; 0 means 2. */
    ind_kind kind;     /**< ::IND_KIND_RATE leaves the exponential model out. */
    /** Intervals scored for coverage: ::IND_INTERVALS_DEFAULT scores each
     *  model's default (calibrated for combo, the model's own for the
     *  others). A calibrated interval at an origin uses only the errors
     *  of forecasts whose target year is at or before that origin. */
    ind_interval_method intervals;
    /** Use only the points of this year and later; 0: every point. */
    int from_year;
} ind_backtest_options;

/** Default backtest options: horizons 1 to 3, quadratic polynomial. */
#define IND_BACKTEST_OPTIONS_INIT \
    { IND_BACKTEST_OPTIONS_VERSION, 0, 0, IND_KIND_UNSPECIFIED, \
      IND_INTERVALS_DEFAULT, 0 }

/**
 * One row of the backtest table: one model at one horizon.
 *
 * Errors are actual - forecast over every origin whose target year was
 * observed. MAPE is in percent (NaN if an actual is 0). MASE divides the
 * MAE by the in-sample mean absolute one-step error of the naive forecast
 * (mase_naive) and of the drift forecast (mase_drift), both over the
 * whole series' consecutive-year pairs (Hyndman and Koehler 2006); below 1
 * the model beats that benchmark's typical one-step error.
 */
typedef struct ind_backtest_row {
    ind_model model;     /**< The model. */
    int horizon;         /**< Years ahead, 1..max_horizon. */
    size_t nforecasts;   /**< Forecasts scored (0: figures NaN). */
    double mae;          /**< Mean absolute error. */
    double mape;         /**< Mean absolute percentage error, percent. */
    double mase_naive;   /**< MAE / in-sample naive MAE. */
    double mase_drift;   /**< MAE / in-sample drift MAE. */
    size_t nintervals;   /**< Scored forecasts that had an interval. */
    double cover80;      /**< Percent of them inside the 80% interval. */
    double cover95;      /**< Percent of them inside the 95% interval. */
} ind_backtest_row;

/** A finished backtest; opaque. */
typedef struct ind_backtest ind_backtest;

/**
 * Rolling-origin backtest of every model with an expanding window: for
 * each origin (every observed year from the second to the one before the
 * last), fit each model on every point up to it and forecast origin +
 * 1..max_horizon years; a forecast is scored when its target year was
 * observed. Parameters are re-estimated at each origin, with the models'
 * default options (polynomial of `degree`, Holt weights estimated, levels
 * not log). A fit that fails at an origin (too few points, a gap for the
 * recursive models, a non-positive value for exponential, a logistic fit
 * that does not level off) scores nothing there; the notes say which
 * models scored nothing at all and why (the reason at the widest window).
 *
 * Rows come model by model in the order linear, exponential, polynomial,
 * drift, naive, holt, damped, logistic, theta, combo, auto, each with
 * horizons 1..max_horizon. The auto row is what `auto` would have
 * forecast at each origin: its choice made with only the errors known
 * there (combo unless a component was 10% better on 10 common past
 * forecasts, linear after a gap, drift on 2 points) and the calibrated
 * interval it would have drawn (the chosen model's own with
 * ::IND_INTERVALS_MODEL);
 * every row is present, with nforecasts = 0 and NaN figures when nothing
 * could be scored. A rate (opts->kind) leaves exponential out (0 rows
 * scored, and a note).
 *
 * @param out  receives the table, to be freed with ind_backtest_free()
 * @return IND_OK; ::IND_EINVAL (NULL pointer, bad option);
 *   ::IND_EDATA (years not ascending whole numbers, non-finite input);
 *   ::IND_EDOMAIN (fewer than ::IND_BACKTEST_MIN_POINTS points: the message
 *   names the minimum); ::IND_ENOMEM.
 */
IND_EXTERN int ind_backtest_run(ind_backtest **out, const double *years,
                     const double *values, size_t n,
                     const ind_backtest_options *opts, ind_error *err);

/** As ind_backtest_run() on a series; its kind replaces `opts->kind`. */
IND_EXTERN int ind_backtest_run_series(ind_backtest **out, const ind_series *series,
                            const ind_backtest_options *opts, ind_error *err);

/** Release a backtest. NULL is a no-op. */
IND_EXTERN void ind_backtest_free(ind_backtest *b);

/** Number of rows: 11 models x max_horizon. */
IND_EXTERN size_t ind_backtest_nrows(const ind_backtest *b);

/** The i-th row, NULL if out of range. */
IND_EXTERN const ind_backtest_row *ind_backtest_row_at(const ind_backtest *b, size_t i);

/** In-sample mean absolute one-step error of the naive forecast; NaN when
 *  no two years are consecutive. */
IND_EXTERN double ind_backtest_scale_naive(const ind_backtest *b);

/** In-sample mean absolute one-step error of the drift forecast; NaN with
 *  fewer than two consecutive-year changes. */
IND_EXTERN double ind_backtest_scale_drift(const ind_backtest *b);

/** Number of notes (models that scored nothing, undefined MASE, ...). */
IND_EXTERN size_t ind_backtest_nnotes(const ind_backtest *b);

/** The i-th note, one sentence; NULL if out of range. */
IND_EXTERN const char *ind_backtest_note(const ind_backtest *b, size_t i);

/* ------------------------------------------------------------------ */
/* Polynomial fit on arbitrary (x, y)                                  */
/* ------------------------------------------------------------------ */

/** A least-squares polynomial fit; opaque. */
typedef struct ind_polyfit ind_polyfit;

/**
 * Fit y = b0 + b1 x + ... + bk x^k by least squares, intercept included.
 *
 * x is centred and scaled to [-1, 1] internally (centre = midrange), solved
 * by Householder QR with iterative refinement; coefficients in any basis
 * (x - origin)^j are obtained afterwards with ind_polyfit_coefficients().
 * x need not be sorted; repeated x values are fine as long as at least
 * degree + 1 of them are distinct.
 *
 * @param out     receives the fit, to be freed with ind_polyfit_free()
 * @param degree  0..::IND_POLYFIT_MAX_DEGREE
 * @return IND_OK; ::IND_EINVAL (NULL pointer, degree out of range);
 *   ::IND_EDATA (a non-finite x or y); ::IND_EDOMAIN (n < degree + 1, or
 *   fewer than degree + 1 distinct x values; the message says which);
 *   ::IND_ENUMERIC (GSL failure or a non-finite result); ::IND_ENOMEM.
 */
IND_EXTERN int ind_polyfit_fit(ind_polyfit **out, const double *x, const double *y,
                    size_t n, int degree, ind_error *err);

/** Release a fit. NULL is a no-op. */
IND_EXTERN void ind_polyfit_free(ind_polyfit *fit);

/** The degree k. */
IND_EXTERN int ind_polyfit_degree(const ind_polyfit *fit);

/**
 * Summary statistics as R's summary.lm: n, df = n - k - 1, rss, sigma
 * (NaN when df = 0), r_squared (1 - rss / centred total sum of squares; NaN
 * when every y is equal), loglik and aicc (k + 2 parameters with sigma);
 * aicc_level = aicc; growth_rate NaN; origin = the centre used internally.
 */
IND_EXTERN void ind_polyfit_stats(const ind_polyfit *fit, ind_fit_stats *out);

/**
 * The coefficients in powers of (x - origin): value(x) =
 * sum_j coef[j] (x - origin)^j, degree + 1 entries each; origin = 0 gives
 * the ordinary b0..bk. `se` (may be NULL) receives their standard errors,
 * NaN when df = 0. Conversions are exact algebra carried out in long
 * double; choose an origin inside the data (e.g. the last year) for
 * coefficients that stay meaningful in double precision.
 *
 * @return IND_OK, ::IND_EINVAL (NULL fit or coef, non-finite origin),
 *   ::IND_ENUMERIC (a coefficient overflowed).
 */
IND_EXTERN int ind_polyfit_coefficients(const ind_polyfit *fit, double origin,
                             double *coef, double *se, ind_error *err);

/**
 * The fitted polynomial at x and the standard error of that fit (R's
 * predict.lm(se.fit = TRUE)); `se_fit` may be NULL and is NaN when df = 0.
 *
 * @return IND_OK, ::IND_EINVAL (NULL fit or value, non-finite x),
 *   ::IND_ENUMERIC (overflow far outside the data).
 */
IND_EXTERN int ind_polyfit_predict(const ind_polyfit *fit, double x, double *value,
                        double *se_fit, ind_error *err);

/** In-sample fitted values, n entries in input order. */
IND_EXTERN const double *ind_polyfit_fitted(const ind_polyfit *fit);

/** Residuals y - fitted, n entries in input order. */
IND_EXTERN const double *ind_polyfit_residuals(const ind_polyfit *fit);

#ifdef __cplusplus
}
#endif

#endif /* INDICATORS_PROJECTION_H */
