/**
 * @file indicators/series.h
 * @brief One indicator's yearly points for one entity, in year order.
 *
 * A series is what growth, projection and chart code work on: at most one
 * value per year, years ascending, gaps left as gaps (a missing year has no
 * point; nothing is filled in). A dataset builds series from its readings
 * (ind_dataset_series()), choosing one reading per year by its documented
 * rule, and records on each point which reading it took.
 */
#ifndef INDICATORS_SERIES_H
#define INDICATORS_SERIES_H

#include <stddef.h>
#include "indicators/export.h"
#include "indicators/error.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a figure measures, which decides the growth figures that apply. */
typedef enum ind_kind {
    IND_KIND_UNSPECIFIED = 0, /**< Not declared (no catalog): treated as a level. */
    IND_KIND_STOCK,           /**< A level at a date (a cumulative count, things in force). */
    IND_KIND_FLOW,            /**< A count during the year; can be summed over years. */
    IND_KIND_RATE             /**< A percentage change; shown as stated, never compounded. */
} ind_kind;

/** The point is derived by arithmetic, not read from a source. */
#define IND_POINT_DERIVED      0x1u
/** The reading is dated before the end of its year (a mid-year level). */
#define IND_POINT_PARTIAL_YEAR 0x2u
/** The year had several readings and this one was chosen. */
#define IND_POINT_CHOSEN       0x4u
/** The choice among several readings was an explicit decision in the data. */
#define IND_POINT_EXPLICIT     0x8u

/** ::ind_point.reading when the point comes from no dataset reading. */
#define IND_NO_READING ((size_t)-1)

/** One year of a series. */
typedef struct ind_point {
    int year;            /**< Calendar year. */
    double value;        /**< The figure; always finite. */
    char status;         /**< SDMX OBS_STATUS letter ('E', 'P', 'F', 'B', ...), 0 when normal. */
    unsigned flags;      /**< IND_POINT_* bits. */
    const char *as_of;   /**< Date the reading refers to ("2019-09-11"), "" if none. */
    const char *source;  /**< Where the figure comes from, "" if none. */
    size_t reading;      /**< Index of the dataset reading used, or ::IND_NO_READING. */
} ind_point;

/** Opaque series handle; create with ind_series_new(), release with ind_series_free(). */
typedef struct ind_series ind_series;

/** Name of a kind ("stock", "flow", "rate", "" for unspecified). Never NULL. */
IND_EXTERN const char *ind_kind_name(ind_kind kind);

/**
 * Parse a kind name: "stock", "flow", "rate", or "" for unspecified.
 * @return IND_OK or ::IND_EPARSE (err says which names are accepted).
 */
IND_EXTERN int ind_kind_parse(ind_kind *out, const char *text, ind_error *err);

/**
 * Create an empty series. The strings are copied; `entity` and `unit` may be
 * NULL or "" (the dataset's own subject, no unit).
 *
 * @param out  receives the handle, to be freed with ind_series_free()
 * @return IND_OK, ::IND_EINVAL if out or indicator is NULL, ::IND_ENOMEM.
 */
IND_EXTERN int ind_series_new(ind_series **out, const char *indicator,
                              const char *entity, const char *unit,
                              ind_kind kind, ind_error *err);

/** Release a series and every string it copied. NULL is a no-op. */
IND_EXTERN void ind_series_free(ind_series *s);

/**
 * Add a point, keeping years ascending. The point's `as_of` and `source`
 * are copied (NULL reads as "").
 *
 * @return IND_OK; ::IND_EEXISTS if the year already has a point;
 *         ::IND_EINVAL if the value is not finite or an argument is NULL;
 *         ::IND_ENOMEM.
 */
IND_EXTERN int ind_series_add(ind_series *s, const ind_point *point,
                              ind_error *err);

/** Number of points. 0 for NULL. */
IND_EXTERN size_t ind_series_length(const ind_series *s);

/** The i-th point in year order, or NULL when i is out of range. The
 *  pointer is valid until the next ind_series_add() or ind_series_free(). */
IND_EXTERN const ind_point *ind_series_point(const ind_series *s, size_t i);

/** The years of all points, ascending, as one array of ind_series_length()
 *  entries (NULL when empty). Valid until the series changes. */
IND_EXTERN const int *ind_series_years(const ind_series *s);

/** The values of all points, in year order (NULL when empty). */
IND_EXTERN const double *ind_series_values(const ind_series *s);

/** Index of the point for `year`, or -1 when the year has none. */
IND_EXTERN long ind_series_find(const ind_series *s, int year);

/** The indicator id. Never NULL for a valid handle. */
IND_EXTERN const char *ind_series_indicator(const ind_series *s);

/** The entity code, "" for the dataset's own subject. */
IND_EXTERN const char *ind_series_entity(const ind_series *s);

/** The unit, "" when none was given. */
IND_EXTERN const char *ind_series_unit(const ind_series *s);

/** The kind declared for the indicator. */
IND_EXTERN ind_kind ind_series_kind(const ind_series *s);

#ifdef __cplusplus
}
#endif

#endif /* INDICATORS_SERIES_H */
