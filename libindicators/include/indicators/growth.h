/**
 * @file indicators/growth.h
 * @brief Growth figures of one series: year-on-year change, log growth,
 *        index, CAGR, targets, kinds, and breaks in a series.
 *
 * Everything here reads an ::ind_series (one value per year, gaps left as
 * gaps) and its ::ind_kind. Nothing is ever filled in: a missing year stays
 * missing, and a change across it is *annualised* and marked as such.
 *
 * ## Undefined figures
 *
 * A figure that does not exist for the data is NaN in its field *and* has
 * a reason (::ind_growth_why, never ::IND_GROWTH_DEFINED) in the matching
 * `*_why` field; ind_growth_why_text() says it in words. A caller prints
 * NaN as null (JSON) or blank (CSV, table) and may print the reason. The
 * rules, each chosen so that no number is reported that could mislead:
 *
 * | figure | defined when | otherwise |
 * |---|---|---|
 * | abs_change | an earlier value exists | ::IND_GROWTH_NO_PREVIOUS |
 * | yoy_pct, gap of 1 year | earlier value > 0 | ::IND_GROWTH_PREVIOUS_ZERO, ::IND_GROWTH_PREVIOUS_NEGATIVE |
 * | yoy_pct, gap of k > 1 | earlier > 0 and value >= 0 | also ::IND_GROWTH_NEGATIVE_VALUE |
 * | log_growth | both values > 0 | ::IND_GROWTH_NONPOSITIVE |
 * | index | base value > 0 | ::IND_GROWTH_BASE_NONPOSITIVE |
 * | CAGR | start > 0, end >= 0, end year > start year | as yoy_pct, or ::IND_GROWTH_SINGLE_YEAR |
 * | any ratio figure of a rate series | never | ::IND_GROWTH_RATE |
 *
 * A value falling to exactly zero has a change of -100% (everything was
 * lost), but no log growth. A percent change from a negative base has no
 * clear sign, so it is undefined rather than misleading. A figure beyond
 * the range of a double is NaN with ::IND_GROWTH_OVERFLOW: nothing this
 * module returns is ever infinite.
 *
 * ## Changes across a gap
 *
 * When the previous value is k > 1 years back (`gap_years` = k):
 * - `abs_change` is the *total* change over the k years, and
 *   `abs_change_per_year` is abs_change / k;
 * - `yoy_pct` is *annualised*, `((v_t / v_{t-k})^(1/k) - 1) * 100`, and
 *   `annualised` is 1;
 * - `log_growth` is per year, `ln(v_t / v_{t-k}) / k`, so that
 *   `log_growth == ln(1 + yoy_pct / 100)` wherever both are defined.
 * With k = 1 these are the plain year-on-year figures.
 *
 * ## Kinds
 *
 * - `stock` and unspecified: levels. `abs_change_per_year` of a cumulative
 *   stock is the implied additions per year (net of removals).
 * - `flow`: a count during a year; the summary adds the values of a span
 *   (ind_growth_summary::flow_total), saying how many years are missing.
 * - `rate`: a percent change as stated. Values are shown as they are,
 *   abs_change is in percentage points, and every ratio figure (yoy_pct,
 *   log_growth, index, CAGR, doubling time) is undefined with
 *   ::IND_GROWTH_RATE: compounding percentages as if they were levels has
 *   no meaning. ind_growth_cagr() refuses a rate with ::IND_EDOMAIN.
 *   A rate declared as the growth of a level is linked to it by
 *   ind_growth_implied_levels() and ind_growth_rate_check().
 *
 * ## Readings
 *
 * When a year has several readings the series holds the chosen one; each
 * row copies the point's index, status and flags, so a caller can show
 * which reading was used (::IND_POINT_CHOSEN, ::IND_POINT_PARTIAL_YEAR,
 * `as_of` via ind_series_point()). Years are whole: a March reading counts
 * as its year, it is not placed at a fraction of it.
 *
 * Numbers are computed with expm1/log1p so that small growth rates keep
 * their relative precision (checked against R to 1e-9 relative).
 */
#ifndef INDICATORS_GROWTH_H
#define INDICATORS_GROWTH_H

#include <limits.h>
#include <stddef.h>
#include "indicators/export.h"
#include "indicators/error.h"
#include "indicators/series.h"

#ifdef __cplusplus
extern "C" {
#endif

/** A year field that holds no year (none given, or none exists). */
#define IND_GROWTH_NO_YEAR INT_MIN

/** Why a figure is undefined; ::IND_GROWTH_DEFINED when it is not. */
typedef enum ind_growth_why {
    IND_GROWTH_DEFINED = 0,       /**< The figure is defined. */
    IND_GROWTH_NO_PREVIOUS,       /**< First value: nothing earlier to compare with. */
    IND_GROWTH_PREVIOUS_ZERO,     /**< The earlier value is zero: no percent change from zero. */
    IND_GROWTH_PREVIOUS_NEGATIVE, /**< The earlier value is negative: a percent change has no clear sign. */
    IND_GROWTH_NEGATIVE_VALUE,    /**< The value is negative: no yearly rate compounds to it. */
    IND_GROWTH_NONPOSITIVE,       /**< A logarithm needs both values above zero. */
    IND_GROWTH_BASE_NONPOSITIVE,  /**< The index base value is zero or negative. */
    IND_GROWTH_RATE,              /**< The series is a rate: shown as stated, never compounded. */
    IND_GROWTH_SINGLE_YEAR,       /**< The span holds one year: no change over zero years. */
    IND_GROWTH_NO_GROWTH,         /**< The growth rate is zero: it never doubles nor halves. */
    IND_GROWTH_NOT_RISING,        /**< The value falls: it does not double. */
    IND_GROWTH_NOT_FALLING,       /**< The value rises: it does not halve. */
    IND_GROWTH_FELL_TO_ZERO,      /**< The value falls to zero: halving time has no meaning. */
    IND_GROWTH_NO_RISE,           /**< No year in the span rose. */
    IND_GROWTH_NO_FALL,           /**< No year in the span fell. */
    IND_GROWTH_NOT_FLOW,          /**< Only a flow can be summed over years. */
    IND_GROWTH_NEVER,             /**< At the present pace the target is never reached. */
    IND_GROWTH_TOO_FAR,           /**< At the present pace the target lies over 10,000 years away. */
    IND_GROWTH_OVERFLOW           /**< The result would not be a finite number. */
} ind_growth_why;

/** The reason in words ("the earlier value is zero: ..."). Never NULL. */
IND_EXTERN const char *ind_growth_why_text(ind_growth_why why);

/* ------------------------------------------------------------------ */
/* Per-year table and summary                                          */
/* ------------------------------------------------------------------ */

/** Version of ::ind_growth_options this header describes. */
#define IND_GROWTH_OPTIONS_VERSION 1

/** Which years ind_growth_compute() covers and which year is the base. */
typedef struct ind_growth_options {
    unsigned version; /**< ::IND_GROWTH_OPTIONS_VERSION. */
    int from;  /**< First year of the span, or ::IND_GROWTH_NO_YEAR for the first year with a value. */
    int to;    /**< Last year of the span, or ::IND_GROWTH_NO_YEAR for the last year with a value. */
    int base;  /**< Index base year (= 100), or ::IND_GROWTH_NO_YEAR for the span's first year. */
} ind_growth_options;

/** Default options: the whole series, base = its first year. */
#define IND_GROWTH_OPTIONS_INIT \
    { IND_GROWTH_OPTIONS_VERSION, IND_GROWTH_NO_YEAR, IND_GROWTH_NO_YEAR, \
      IND_GROWTH_NO_YEAR }

/** One year of a growth table. NaN fields come with a reason. */
typedef struct ind_growth_row {
    int year;                   /**< The year. */
    double value;               /**< The value used (the series' point). */
    size_t point;               /**< Index of that point in the series. */
    char status;                /**< The point's status letter, 0 when normal. */
    unsigned flags;             /**< The point's IND_POINT_* flags. */
    int prev_year;              /**< Year of the earlier value compared with, or ::IND_GROWTH_NO_YEAR.
                                     It may lie before ind_growth_summary::from. */
    double prev_value;          /**< That value, NaN when none. */
    int gap_years;              /**< year - prev_year; 0 when no earlier value. */
    int annualised;             /**< 1 when gap_years > 1: yoy_pct and log_growth are per year. */
    double abs_change;          /**< value - prev_value: the TOTAL change over the gap. */
    double abs_change_per_year; /**< abs_change / gap_years. */
    ind_growth_why change_why;  /**< Reason when abs_change is NaN. */
    double yoy_pct;             /**< Change in percent, annualised over a gap. */
    ind_growth_why yoy_why;     /**< Reason when yoy_pct is NaN. */
    double log_growth;          /**< ln(value / prev_value) / gap_years. */
    ind_growth_why log_why;     /**< Reason when log_growth is NaN. */
    double index;               /**< 100 * value / base value. */
    ind_growth_why index_why;   /**< Reason when index is NaN. */
} ind_growth_row;

/** The largest rise or fall of a span, judged per year. */
typedef struct ind_growth_extreme {
    int year;                   /**< The year, or ::IND_GROWTH_NO_YEAR when none. */
    int prev_year;              /**< The earlier year it is measured from. */
    double abs_change_per_year; /**< Change per year (total / gap). */
    double yoy_pct;             /**< Change in percent (annualised), NaN if undefined. */
    ind_growth_why why;         /**< ::IND_GROWTH_NO_RISE, ::IND_GROWTH_NO_FALL, ::IND_GROWTH_RATE... */
} ind_growth_extreme;

/** Figures over the span [from, to] of a growth table. */
typedef struct ind_growth_summary {
    int from;                   /**< First year of the span (has a value). */
    int to;                     /**< Last year of the span (has a value). */
    double from_value;          /**< Value in `from`. */
    double to_value;            /**< Value in `to`. */
    int span_years;             /**< to - from. */
    size_t points;              /**< Years with a value in [from, to]. */
    int missing_years;          /**< Years without a value in [from, to]. */
    int base_year;              /**< The index base year. */
    double base_value;          /**< Its value. */
    double change_total;        /**< to_value - from_value (for a stock: net additions). */
    double abs_change_per_year; /**< change_total / span_years. */
    ind_growth_why abs_why;     /**< ::IND_GROWTH_SINGLE_YEAR when span_years is 0. */
    double cagr_pct;            /**< ((to_value / from_value)^(1/span_years) - 1) * 100. */
    ind_growth_why cagr_why;    /**< Reason when cagr_pct is NaN. */
    double doubling_years;      /**< ln 2 / ln(1 + CAGR), when CAGR > 0. */
    ind_growth_why doubling_why;/**< Reason when doubling_years is NaN. */
    double halving_years;       /**< ln 2 / -ln(1 + CAGR), when -100% < CAGR < 0. */
    ind_growth_why halving_why; /**< Reason when halving_years is NaN. */
    /** Largest and smallest yoy_pct among rows whose earlier year is in
     *  the span (a rise must be > 0, a fall < 0; the earliest wins a tie). */
    ind_growth_extreme rise_pct, fall_pct;
    /** The same judged by abs_change_per_year (percentage points for a rate). */
    ind_growth_extreme rise_abs, fall_abs;
    double flow_total;          /**< Sum of the values in [from, to], for a flow only. */
    ind_growth_why flow_why;    /**< ::IND_GROWTH_NOT_FLOW for other kinds. */
} ind_growth_summary;

/** Opaque result of ind_growth_compute(): rows plus a summary. */
typedef struct ind_growth ind_growth;

/**
 * Compute the growth table of `s` over a span: one row per year with a
 * value in [from, to], each compared with the previous point of the whole
 * series (which may lie before `from`), and the summary of the span.
 * The result keeps no pointer into `s`.
 *
 * @param out   receives the table, to be freed with ind_growth_free();
 *              NULL on failure
 * @param s     the series
 * @param opts  span and base; NULL means ::IND_GROWTH_OPTIONS_INIT
 * @param err   receives the reason on failure (may be NULL)
 * @return IND_OK;
 *         ::IND_EINVAL for a NULL argument, an unknown options version,
 *         or `from` after `to`;
 *         ::IND_EDOMAIN when the series has no values at all;
 *         ::IND_ENOTFOUND when `from`, `to` or `base` is given and has no
 *         value (the message names the nearest years that have one);
 *         ::IND_ENOMEM.
 *         A one-point series or a one-year span is not an error: its
 *         figures are undefined with ::IND_GROWTH_SINGLE_YEAR.
 */
IND_EXTERN int ind_growth_compute(ind_growth **out, const ind_series *s,
                                  const ind_growth_options *opts,
                                  ind_error *err);

/** Release a table. NULL is a no-op. */
IND_EXTERN void ind_growth_free(ind_growth *g);

/** Number of rows (at least 1 for a table that was computed). */
IND_EXTERN size_t ind_growth_length(const ind_growth *g);

/** The i-th row in year order, or NULL when i is out of range. Valid
 *  until ind_growth_free(). */
IND_EXTERN const ind_growth_row *ind_growth_row_at(const ind_growth *g,
                                                   size_t i);

/** The summary of the span. Valid until ind_growth_free(). NULL for NULL. */
IND_EXTERN const ind_growth_summary *
ind_growth_get_summary(const ind_growth *g);

/** The kind of the series the table was computed from. */
IND_EXTERN ind_kind ind_growth_kind(const ind_growth *g);

/**
 * CAGR in percent between two years of a series.
 *
 * @param out_pct  receives ((v_to / v_from)^(1/(to - from)) - 1) * 100
 * @param from     a year with a value, or ::IND_GROWTH_NO_YEAR for the first
 * @param to       a year with a value, or ::IND_GROWTH_NO_YEAR for the last
 * @return IND_OK;
 *         ::IND_EINVAL for NULL arguments or `from` after `to`;
 *         ::IND_ENOTFOUND when a given year has no value;
 *         ::IND_EDOMAIN when it is undefined, with the reason: a rate
 *         series (refused: its values are already percent changes), an
 *         empty series, a single year, a start value <= 0, an end value < 0.
 */
IND_EXTERN int ind_growth_cagr(double *out_pct, const ind_series *s, int from,
                               int to, ind_error *err);

/* ------------------------------------------------------------------ */
/* Targets                                                             */
/* ------------------------------------------------------------------ */

/** What it takes to reach a target, and whether the present pace does. */
typedef struct ind_growth_target_result {
    int latest_year;          /**< Year of the latest figure. */
    double latest_value;      /**< The latest figure. */
    double target;            /**< The target value. */
    int by;                   /**< The year it is wanted by. */
    double required_cagr_pct; /**< CAGR needed from the latest figure to the target by `by`. */
    int pace_from;            /**< Span of the present pace (the options' from/to). */
    int pace_to;              /**< End of that span. */
    double pace_cagr_pct;     /**< CAGR so far over [pace_from, pace_to]. */
    ind_growth_why pace_why;  /**< Reason when pace_cagr_pct is NaN. */
    double value_at_by;       /**< latest_value compounded at the pace to `by`
                                   (NaN when the pace is undefined or it overflows). */
    int reaches;              /**< 1 reached by `by`, 0 not, -1 cannot tell (pace undefined). */
    int reach_year;           /**< Year the target was or will be reached at the pace, or ::IND_GROWTH_NO_YEAR. */
    ind_growth_why reach_why; /**< ::IND_GROWTH_NEVER, ::IND_GROWTH_TOO_FAR, or the pace's reason. */
} ind_growth_target_result;

/**
 * Required CAGR to go from the latest figure to `target` by year `by`,
 * beside the CAGR so far, and whether (and when) the present pace gets
 * there. The latest figure is the series' last point, whatever the
 * options' `to` (which only bounds the span of the pace). The target's
 * direction is set by where the pace's span starts: a target above its
 * first figure is one to rise to, a target below it one to fall to. A
 * target the series has already reached in that direction is met
 * whatever the pace: reaches = 1 and reach_year is the first year of the
 * latest unbroken stretch of figures at or past it (4,000,000 for a series
 * rising from 1,937,000 to 4,158,000 in 2024, past 4,000,000 since 2024:
 * reached in 2024). Otherwise the pace decides: a target ahead in the
 * direction the pace moves is reached in the first year the compounded
 * value gets within 1e-9 relative of it; one behind is never reached.
 *
 * @param opts  `from`/`to` choose the span of the pace (default: all);
 *              `base` is ignored; NULL means defaults
 * @return IND_OK;
 *         ::IND_EINVAL for NULL, a non-finite target, or `by` not after the
 *         latest year;
 *         ::IND_EDOMAIN for a rate series, an empty series, a target <= 0,
 *         a latest figure <= 0, or a required growth beyond a double;
 *         ::IND_ENOTFOUND when from/to are given without a value.
 */
IND_EXTERN int ind_growth_target(ind_growth_target_result *out,
                                 const ind_series *s, double target, int by,
                                 const ind_growth_options *opts,
                                 ind_error *err);

/* ------------------------------------------------------------------ */
/* One row per series, for --all                                       */
/* ------------------------------------------------------------------ */

/** A summary-table row for one series. O(n) time, no allocation. */
typedef struct ind_growth_overview_row {
    const char *indicator;   /**< The series' indicator (owned by the series). */
    const char *entity;      /**< Its entity, "" for the dataset's own subject. */
    ind_kind kind;           /**< Its kind. */
    size_t points;           /**< Years with a value. */
    int first_year;          /**< First year, ::IND_GROWTH_NO_YEAR when empty. */
    int last_year;           /**< Latest year. */
    int missing_years;       /**< Years without a value between first and last. */
    double first_value;      /**< Value in first_year. */
    double latest_value;     /**< Value in last_year. */
    char latest_status;      /**< Status letter of the latest point. */
    unsigned latest_flags;   /**< IND_POINT_* flags of the latest point. */
    int prev_year;           /**< Year before the latest with a value, or ::IND_GROWTH_NO_YEAR. */
    double yoy_pct;          /**< Latest change in percent, annualised across a gap. */
    ind_growth_why yoy_why;  /**< Reason when yoy_pct is NaN. */
    double cagr_pct;         /**< CAGR from first_year to last_year. */
    ind_growth_why cagr_why; /**< Reason when cagr_pct is NaN. */
} ind_growth_overview_row;

/**
 * Fill one summary row for a series.
 *
 * @return IND_OK; ::IND_EINVAL for NULL; ::IND_EDOMAIN when the series has
 *         no values (the row then says points = 0 and every figure NaN).
 */
IND_EXTERN int ind_growth_overview(ind_growth_overview_row *out,
                                   const ind_series *s, ind_error *err);

/* ------------------------------------------------------------------ */
/* A rate declared as the growth of a level                            */
/* ------------------------------------------------------------------ */

/** Pass to ind_growth_rate_check() to judge by the figures' precision. */
#define IND_GROWTH_TOLERANCE_AUTO (-1.0)

/** How a stated growth rate compares with the levels it describes. */
typedef struct ind_growth_agreement {
    int year;                   /**< Year of the rate (and of `level`). */
    double stated_pct;          /**< The rate as stated. */
    double level;               /**< The level in `year`. */
    double prev_level;          /**< The level in year - 1. */
    double actual_pct;          /**< (level / prev_level - 1) * 100. */
    double diff_pp;             /**< stated_pct - actual_pct, percentage points. */
    double implied_prev_level;  /**< level / (1 + stated_pct / 100). */
    double implied_prev_diff_pct; /**< (implied_prev_level / prev_level - 1) * 100. */
    double stated_low_pct;      /**< stated_pct less half a unit of its last digit. */
    double stated_high_pct;     /**< stated_pct plus half a unit of its last digit. */
    double actual_low_pct;      /**< Lowest growth the levels allow, each taken
                                     +- half a unit of its last non-zero digit. */
    double actual_high_pct;     /**< Highest such growth; NaN when unbounded
                                     (the earlier level's range reaches 0). */
    int agrees;                 /**< 1 when they agree (see ind_growth_rate_check()). */
    ind_growth_why why;         /**< Reason when actual_pct is NaN (prev_level <= 0). */
} ind_growth_agreement;

/**
 * The levels a rate implies for the year before: for each year t where the
 * rate has r_t and the level series has level_t but no level for t - 1,
 * a point level_{t-1} = level_t / (1 + r_t / 100) flagged
 * ::IND_POINT_DERIVED (reading ::IND_NO_READING, source naming both
 * indicators). Derived levels are not used to derive further ones: each
 * rests on a figure read from a source.
 *
 * @param out    receives a new series: the level series' own points plus
 *               the derived ones, same indicator, entity, unit and kind;
 *               free with ind_series_free(); NULL on failure
 * @param rate   the rate series (kind ::IND_KIND_RATE)
 * @param level  the series it is the growth of (not a rate)
 * @return IND_OK; ::IND_EINVAL for NULL; ::IND_EDATA when `rate` is not a
 *         rate or `level` is one; ::IND_EDOMAIN when a rate of -100% or
 *         less would be used (no level before it is defined) or a derived
 *         level would overflow, naming the year; ::IND_ENOMEM.
 */
IND_EXTERN int ind_growth_implied_levels(ind_series **out,
                                         const ind_series *rate,
                                         const ind_series *level,
                                         ind_error *err);

/**
 * Compare a stated rate with the levels wherever both the level of the
 * year and of the year before exist. Stated figures are usually rounded
 * ("12%", "about 3.76 million"), so by default (tolerance_pp < 0, e.g.
 * ::IND_GROWTH_TOLERANCE_AUTO) a year agrees when the stated rate, widened
 * by half a unit of its last decimal (12 -> [11.5, 12.5], 11.46 ->
 * [11.455, 11.465]), overlaps the range of growth the two levels allow when
 * each is widened by half a unit of its last non-zero digit (3760000 ->
 * +-5000, 2701200 -> +-50). With tolerance_pp >= 0 a year agrees when
 * |diff_pp| <= tolerance_pp. The difference is always reported: this is a
 * check to show, not a failure.
 *
 * @param out        array of `capacity` records; ind_series_length(rate)
 *                   records always suffice
 * @param out_count  receives the number of records written (or needed,
 *                   when the array is too small)
 * @return IND_OK; ::IND_EINVAL for NULL, a too small array, or a NaN
 *         tolerance; ::IND_EDATA when `rate` is not a rate or `level` is one.
 */
IND_EXTERN int ind_growth_rate_check(ind_growth_agreement *out, size_t capacity,
                                     size_t *out_count, const ind_series *rate,
                                     const ind_series *level,
                                     double tolerance_pp, ind_error *err);

/* ------------------------------------------------------------------ */
/* Breaks in a series                                                  */
/* ------------------------------------------------------------------ */

/**
 * How a new figure is judged against the series' own history.
 *
 * A step goes from an accepted figure v0 (year y0) to the next v1 (y1),
 * k = y1 - y0 years on; its annual ratio is (v1 / v0)^(1/k). A step is a
 * break when, in this order:
 *
 * 1. *Stock fall* (kind stock or unspecified, v0 > 0): the annual ratio is
 *    below 1 - stock_fall (default: falls by more than a third a year), or
 *    v1 <= 0. A count of things in force rarely loses a third in a year;
 *    a smaller or differently scoped figure does.
 * 2. *Factor* (stock, flow, unspecified; both > 0): the annual ratio is at
 *    least `factor` or at most 1/factor (default 10): a unit slip
 *    (thousands for units, 415.8 for 4,158,000) whatever the history.
 * 3. *Outlier*: with at least `min_history` earlier measures in the
 *    current segment (the last `window` of them), the step's measure lies
 *    more than max(spread_k * s, floor) from their median m, where s is
 *    1.4826 * the median absolute deviation (a robust standard deviation).
 *    The measure is the annual log growth ln(ratio) for levels (floor
 *    `floor_log`, default 0.25, i.e. about 28% off the usual pace) and the
 *    value itself for a rate (floor `floor_rate_pp` percentage points).
 *    The floor keeps a flat or very steady history from flagging every
 *    wobble, and min_history keeps short series to rules 1 and 2.
 *
 * Walking a series in year order:
 * - a point with status 'B' (break acknowledged in the data) is never
 *   reported, and starts a new segment: history before it is not used;
 * - after a flagged point p, the next point is judged first against the
 *   last accepted point before p (p was a one-off outlier); if that fails,
 *   against p with no history (p began a new level: the segment restarts
 *   at p); only if both fail is it flagged too. So one bad figure gives one
 *   break, not two (the fall and the return).
 * Non-positive values of a level series add nothing to the history.
 *
 * Cost: O(n * window) per series with no allocation (0.9 s for 100,000
 * series of 60 years on the development machine).
 */
typedef struct ind_growth_break_options {
    unsigned version;       /**< ::IND_GROWTH_BREAK_OPTIONS_VERSION. */
    double stock_fall;      /**< Fraction a stock may lose in a year (0..1), default 1/3. */
    double factor;          /**< Yearly factor always taken as a break (> 1), default 10. */
    double spread_k;        /**< Robust spreads off the median for an outlier (> 0), default 4. */
    double floor_log;       /**< Least log-growth deviation flagged (>= 0), default 0.25. */
    double floor_rate_pp;   /**< Least deviation of a rate flagged, default 10 points. */
    unsigned min_history;   /**< Earlier measures needed for rule 3 (>= 2), default 3. */
    unsigned window;        /**< Most recent measures used (min_history..32), default 10. */
} ind_growth_break_options;

/** Version of ::ind_growth_break_options this header describes. */
#define IND_GROWTH_BREAK_OPTIONS_VERSION 1
/** Largest ind_growth_break_options::window. */
#define IND_GROWTH_BREAK_WINDOW_MAX 32
/** The documented defaults. */
#define IND_GROWTH_BREAK_OPTIONS_INIT \
    { IND_GROWTH_BREAK_OPTIONS_VERSION, 1.0 / 3.0, 10.0, 4.0, 0.25, 10.0, 3, 10 }

/** Which rule found a break. */
typedef enum ind_growth_break_rule {
    IND_BREAK_NONE = 0,   /**< Not a break. */
    IND_BREAK_STOCK_FALL, /**< Rule 1: a stock fell too far. */
    IND_BREAK_FACTOR,     /**< Rule 2: a change by a factor of ten or more. */
    IND_BREAK_OUTLIER     /**< Rule 3: far outside the series' usual growth. */
} ind_growth_break_rule;

/** Size of ind_growth_break::reason, terminator included. */
#define IND_GROWTH_REASON_SIZE 400

/** A figure that breaks its series. */
typedef struct ind_growth_break {
    int year;                 /**< Year of the suspect figure. */
    double value;             /**< The suspect figure. */
    int prev_year;            /**< Year of the figure it was judged against. */
    double prev_value;        /**< That figure. */
    int against_next;         /**< 1 when that figure FOLLOWS it (see ind_growth_break_test()). */
    double change_pct;        /**< (value / prev_value - 1) * 100; NaN when prev_value <= 0,
                                   and for a rate (its change is value - prev_value points). */
    double annual_pct;        /**< The step's change in percent a year, from the earlier
                                   figure to the later (for against_next: from this figure
                                   to the next); NaN if undefined or for a rate. */
    ind_growth_break_rule rule; /**< The rule, ::IND_BREAK_NONE when not a break. */
    double typical;           /**< Outlier: median of the history, as percent a year
                                   (expm1 of the median log growth) for a level, as a
                                   value for a rate; NaN for other rules. */
    double spread;            /**< Outlier: robust spread, 100 * the log-growth spread
                                   (about percentage points) for a level, points for a
                                   rate; NaN for other rules. */
    size_t history;           /**< Outlier: measures used; 0 for other rules. */
    char reason[IND_GROWTH_REASON_SIZE]; /**< A sentence with the numbers; "" when not a break. */
} ind_growth_break;

/**
 * Find every break in a series (for `check`), in year order.
 *
 * @param out        array of `capacity` records; ind_series_length(s)
 *                   records always suffice (at most one per point)
 * @param out_count  receives how many were found (or needed, when the
 *                   array is too small)
 * @param opts       NULL means ::IND_GROWTH_BREAK_OPTIONS_INIT
 * @return IND_OK; ::IND_EINVAL for NULL, bad options, or a too small array.
 */
IND_EXTERN int ind_growth_breaks(ind_growth_break *out, size_t capacity,
                                 size_t *out_count, const ind_series *s,
                                 const ind_growth_break_options *opts,
                                 ind_error *err);

/**
 * Would the figure (year, value) break the series? For `append` (after
 * storing: a point the series already holds for `year` is set aside and
 * the figure takes its place) and for `check` (a reading that was not
 * chosen, e.g. 1,164,000 for 2019 against a series holding 1,970,000).
 *
 * The figure is judged against the series' points before `year` exactly
 * as ind_growth_breaks() would judge it there. If that finds nothing and a
 * point follows, the step from the figure to the following point is judged
 * too (with the history, the figure's own step included); a break there
 * is reported on the figure with `against_next` = 1 (the figure, not the
 * one after, is the suspect). A figure with no earlier point is judged
 * only that way.
 *
 * @param out     receives the verdict: out->rule is ::IND_BREAK_NONE when
 *                the figure fits (or its status is 'B')
 * @param status  the figure's status letter (0 when normal)
 * @return IND_OK; ::IND_EINVAL for NULL, bad options or a non-finite value.
 */
IND_EXTERN int ind_growth_break_test(ind_growth_break *out, const ind_series *s,
                                     int year, double value, char status,
                                     const ind_growth_break_options *opts,
                                     ind_error *err);

#ifdef __cplusplus
}
#endif

#endif /* INDICATORS_GROWTH_H */
