/**
 * @file indicators/chart.h
 * @brief Chart scripts for gnuplot: self-contained, report quality, safe.
 *
 * A chart is built from plain data (years, values, per-point marks, optional
 * projections) and written as one gnuplot script that stands alone:
 *
 * - the data are inline, in datablocks; the script reads no other file and
 *   names no output file, so it draws the same picture from any folder:
 *   `gnuplot chart.gp > chart.png`, or with `-e 'ind_format="svg"'` or
 *   `-e 'ind_format="pdf"'` for the other formats;
 * - a header comment records the dataset's path and SHA-256, the command
 *   line, the library version and the time;
 * - colours, fonts and sizes are named variables and numbered line styles
 *   in a commented "Style" section, so a person can restyle it by hand.
 *
 * Report quality by default: title, subtitle with unit and span, labelled
 * axes, thousands separators, the Okabe-Ito palette (safe for colour-blind
 * readers), a short source line in the footer (the full sources are in the
 * script's header); history solid, projections dashed in the
 * same colour with shaded 80% and 95% bands in a lightly shaded, labelled
 * "projection" region; the last actual value labelled; missing years drawn
 * as gaps; estimated, derived and partial-year points marked apart.
 *
 * Texts fit the picture. Every text is measured with the advance widths of
 * the fonts it is drawn in (DejaVu Sans, and Droid Sans Fallback for
 * Chinese, Japanese and Korean; a table made from the fonts by
 * `src/chart_metrics.py`), and wrapped at spaces, between Chinese
 * characters, or, in a word longer than a line (a URL), after `/`, `-`,
 * `.` or `_`; never past the right edge. A text with more lines than its
 * place holds ends its last line with "…" after a whole word; the footer's
 * list of sources ends with "and N more" instead. Only a piece without any
 * such break that is wider than a whole line is itself shortened with "…".
 * Fixed words ("Year", "projection", "80% interval"...) are written in the
 * chart's language (::ind_lang).
 *
 * Several indicators on a line chart: one shared axis when they have the
 * same unit and their magnitudes are within a factor of 10 of each other;
 * otherwise small multiples, one panel per indicator with its own axis, on a
 * common year axis. We chose panels over a second y axis because a second
 * axis works for two series only and its scale is arbitrary: where the two
 * lines cross, and how steep each looks, depends on a choice the reader
 * cannot see. ::ind_chart_layout overrides the choice.
 *
 * Safety: every text given to this module (names, units, sources, notes,
 * the title, the command line, the dataset path) is untrusted. It is
 * cleaned when it is added: invalid UTF-8 becomes U+FFFD, control
 * characters (C0, DEL, C1, U+2028, U+2029) become spaces, bidirectional
 * override and isolate controls become U+FFFD, "]]>" gets a zero-width
 * space before its ">" (the SVG terminal does not escape it), and texts
 * longer than ::IND_CHART_TEXT_MAX characters are cut with an ellipsis.
 * Replacing rather than refusing means a stray newline in a title does not
 * stop a chart. In the script the text is written only inside double quotes
 * with `\`, `"` and the backtick escaped, drawn with `noenhanced`, and never
 * in a format position; the datablocks hold only numbers written by the
 * library (C locale) and end with a terminator no number line can start
 * with. Header comments quote text the same way, the command line is
 * shell-quoted: a comment ending in `\` would swallow the next line. The
 * key is drawn by the script itself (labels, short arrows, rectangles) at
 * places the library computed, like every other text, so nothing overlaps
 * whatever the lengths of the texts.
 *
 * Lifecycle: ind_chart_new(), ind_chart_add() for each series,
 * ind_chart_write(), then optionally ind_chart_render(); ind_chart_free().
 */
#ifndef INDICATORS_CHART_H
#define INDICATORS_CHART_H

#include <stddef.h>
#include "indicators/export.h"
#include <stdio.h>
#include <time.h>
#include "indicators/error.h"
#include "indicators/lang.h"
#include "indicators/series.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Most series one chart holds (the palette has this many colours). */
#define IND_CHART_MAX_SERIES 7

/** Longest text kept, in characters (code points); longer is cut with "…". */
#define IND_CHART_TEXT_MAX 400

/** Default size in pixels (PNG and SVG; PDF at 96 pixels per inch). */
#define IND_CHART_DEFAULT_WIDTH 960
#define IND_CHART_DEFAULT_HEIGHT 600
/** Accepted sizes, in pixels. */
#define IND_CHART_MIN_WIDTH 480
#define IND_CHART_MIN_HEIGHT 320
#define IND_CHART_MAX_SIDE 8000

/** What the chart draws. */
typedef enum ind_chart_kind {
    IND_CHART_LINE = 0, /**< Levels over the years, one line per series. */
    IND_CHART_GROWTH,   /**< Year-on-year change in %, as bars; falls in a second colour. */
    IND_CHART_INDEX     /**< Values rebased to 100 in a common year, on one axis. */
} ind_chart_kind;

/** How several series share the drawing area. */
typedef enum ind_chart_layout {
    IND_CHART_LAYOUT_AUTO = 0, /**< Line: shared when units agree and magnitudes are within 10x, else panels. Growth: panels. Index: shared. */
    IND_CHART_LAYOUT_SHARED,   /**< One plot, one y axis (not for several growth series). */
    IND_CHART_LAYOUT_PANELS    /**< Small multiples: one panel per series, each with its own y axis. */
} ind_chart_layout;

/**
 * How one point is drawn: flags, combined with `|` (a change across
 * missing years to a provisional figure is derived and estimated).
 *
 * On a line a point shows one symbol, that of its strongest flag
 * (ind_chart_mark_stronger()). A growth bar shows every flag at once: an
 * estimated bar is pale, a partial-year one outlined with a dashed
 * border and no fill, a derived one hatched; the key shows each flag's
 * sample as it is drawn.
 */
typedef enum ind_chart_mark {
    IND_CHART_MARK_NORMAL = 0,    /**< A figure read from a source: filled dot, solid bar. */
    IND_CHART_MARK_ESTIMATED = 1, /**< Estimated, provisional or forecast by the source: open circle, pale bar. */
    IND_CHART_MARK_DERIVED = 2,   /**< Computed from other figures (a change annualised across a gap): open triangle, hatched bar. */
    IND_CHART_MARK_PARTIAL = 4    /**< A reading dated before the end of its year: open square, outlined bar. */
} ind_chart_mark;

/** Every mark flag together: marks are 0 to this. */
#define IND_CHART_MARK_ALL 7

/** Picture formats ind_chart_render() makes. */
typedef enum ind_chart_format {
    IND_CHART_PNG = 0, /**< pngcairo, `.png`. */
    IND_CHART_SVG,     /**< svg, `.svg`. */
    IND_CHART_PDF      /**< pdfcairo, `.pdf`. */
} ind_chart_format;

/** Version of ::ind_chart_options this header describes. */
#define IND_CHART_OPTIONS_VERSION 2

/** What to draw and where the figures came from. */
typedef struct ind_chart_options {
    unsigned version;          /**< ::IND_CHART_OPTIONS_VERSION. */
    ind_chart_kind kind;       /**< The chart kind. */
    ind_chart_layout layout;   /**< Shared axis or panels. */
    const char *title;         /**< Title; NULL or "": the series names. */
    const char *note;          /**< A note for the footer, under the sources; NULL for none. */
    int base_year;             /**< ::IND_CHART_INDEX: the year whose value is 100 (required). */
    unsigned width;            /**< Pixels; 0: ::IND_CHART_DEFAULT_WIDTH. */
    unsigned height;           /**< Pixels; 0: ::IND_CHART_DEFAULT_HEIGHT. */
    const char *dataset_path;  /**< The dataset file the figures come from, or NULL. */
    const char *dataset_sha256;/**< Its SHA-256 in hex; NULL: computed from dataset_path. */
    int argc;                  /**< Words of the command that made the chart ... */
    const char *const *argv;   /**< ... written shell-quoted in the header; NULL for none. */
    time_t created;            /**< Time written in the header; 0: now. */
    const char *subtitle;      /**< Subtitle; NULL or "": unit, span and projection. */
    const char *source_line;   /**< The footer's source line as it is drawn
                                    ("Sources: SAMR, CNCA"); NULL or "": made
                                    from the series' source names (see
                                    ind_chart_series::source_name). */
    const char *ylabel;        /**< Label of the y axis of a shared plot; NULL or "": the unit. */
    ind_lang lang;             /**< Language of the fixed words. */
} ind_chart_options;

/** Defaults: a line chart, automatic layout, 960 x 600, made now, English. */
#define IND_CHART_OPTIONS_INIT \
    { IND_CHART_OPTIONS_VERSION, IND_CHART_LINE, IND_CHART_LAYOUT_AUTO, \
      NULL, NULL, 0, 0, 0, NULL, NULL, 0, NULL, 0, NULL, NULL, NULL, \
      IND_LANG_EN }

/** Most prediction intervals drawn around a projection: an inner, darker
 *  band and an outer, lighter one. */
#define IND_CHART_MAX_BANDS 2

/** One prediction interval of a projection: `length` bounds each. */
typedef struct ind_chart_band {
    double level;           /**< Its coverage in percent, in (0, 100): 80 for an 80% interval. */
    const double *lower;    /**< Lower bounds, finite. */
    const double *upper;    /**< Upper bounds, finite. */
} ind_chart_band;

/**
 * A projection of a series: a mean per future year and up to
 * ::IND_CHART_MAX_BANDS prediction intervals, narrowest first (levels
 * ascending). Arrays have `length` entries.
 */
typedef struct ind_chart_projection {
    const char *model;      /**< Model name for subtitle and legend ("linear trend"), or NULL. */
    size_t length;          /**< Future years; 0: no projection. */
    const int *years;       /**< Ascending, all after the series' last year. */
    const double *mean;     /**< Point forecasts, finite. */
    size_t nbands;          /**< Intervals in `bands`, 0 to ::IND_CHART_MAX_BANDS. */
    ind_chart_band bands[IND_CHART_MAX_BANDS]; /**< Narrowest first. */
} ind_chart_projection;

/** Version of ::ind_chart_series this header describes (2: projections
 *  carry their intervals with their levels; a series its source name). */
#define IND_CHART_SERIES_VERSION 2

/**
 * One indicator to draw. The chart copies everything it needs; the caller
 * keeps ownership of the arrays and strings.
 */
typedef struct ind_chart_series {
    unsigned version;              /**< ::IND_CHART_SERIES_VERSION. */
    const char *name;              /**< Legend and panel title; required, non-empty. */
    const char *unit;              /**< Unit ("standards"), or NULL / "". */
    size_t length;                 /**< Points, at least 1. */
    const int *years;              /**< Strictly ascending; missing years are gaps. */
    const double *values;          /**< Finite. Growth: % change. Index: base year = 100. */
    const ind_chart_mark *marks;   /**< One per point, or NULL for all normal. */
    const char *const *sources;    /**< Source texts (URLs or citations) for the script's
                                        header, duplicates dropped; or NULL. */
    size_t n_sources;              /**< Entries in sources. */
    ind_chart_projection projection; /**< Optional; length 0 for none. Not for growth charts. */
    /** Short name of the series' sources for the footer ("SAMR"), such as
     *  a catalog's `source_name`; NULL or "": the footer names the sites
     *  of `sources` instead (the host of a URL without "www.", or a
     *  citation as it is). */
    const char *source_name;
} ind_chart_series;

/** An empty series, for `ind_chart_series s = IND_CHART_SERIES_INIT;`. */
#define IND_CHART_SERIES_INIT \
    { IND_CHART_SERIES_VERSION, NULL, NULL, 0, NULL, NULL, NULL, NULL, 0, \
      { NULL, 0, NULL, NULL, 0, { { 0, NULL, NULL }, { 0, NULL, NULL } } }, \
      NULL }

/** Version of ::ind_chart_render_options this header describes. */
#define IND_CHART_RENDER_OPTIONS_VERSION 1

/** How to run gnuplot. */
typedef struct ind_chart_render_options {
    unsigned version;         /**< ::IND_CHART_RENDER_OPTIONS_VERSION. */
    const char *gnuplot;      /**< Program name or path; NULL: "gnuplot" searched on PATH. */
    unsigned timeout_seconds; /**< gnuplot is killed after this long; 0: 60 seconds. */
} ind_chart_render_options;

/** Defaults: "gnuplot" from PATH, 60 seconds. */
#define IND_CHART_RENDER_OPTIONS_INIT \
    { IND_CHART_RENDER_OPTIONS_VERSION, NULL, 0 }

/** Opaque chart; ind_chart_new() makes one, ind_chart_free() releases it. */
typedef struct ind_chart ind_chart;

/**
 * Start a chart.
 *
 * @param out   receives the handle, to be released with ind_chart_free()
 * @param opts  options, or NULL for ::IND_CHART_OPTIONS_INIT; every string
 *              is copied (and cleaned, see the file comment)
 * @param err   receives the reason on failure (may be NULL)
 * @return IND_OK;
 *   ::IND_EINVAL for a NULL out, an unknown options version, kind, layout
 *   or language,
 *   a size outside the accepted range, an index chart without a base year,
 *   a dataset_sha256 that is not 64 hex digits, or argc < 0;
 *   ::IND_ENOTFOUND or ::IND_EIO when the dataset's digest must be computed
 *   and the file cannot be read; ::IND_ENOMEM.
 */
IND_EXTERN int ind_chart_new(ind_chart **out, const ind_chart_options *opts,
                             ind_error *err);

/** Release a chart and everything it copied. NULL is a no-op. */
IND_EXTERN void ind_chart_free(ind_chart *chart);

/**
 * Add a series (its data are copied).
 *
 * @return IND_OK;
 *   ::IND_EINVAL for a NULL argument, an unknown series version, an empty
 *   name, no points, years not strictly ascending or outside -9999..9999,
 *   a non-finite value, an unknown mark, more than ::IND_CHART_MAX_SERIES
 *   series, a projection on a growth chart, a projection whose years do not
 *   follow the series, a non-finite or disordered projection (with bands
 *   narrowest first, every year must satisfy outer lower <= inner lower <=
 *   mean <= inner upper <= outer upper), a band without both bounds, more
 *   than ::IND_CHART_MAX_BANDS bands or levels not ascending in (0, 100),
 *   or an index series whose base-year value is not 100 (within 1e-6);
 *   ::IND_ENOMEM. On failure the chart is unchanged.
 */
IND_EXTERN int ind_chart_add(ind_chart *chart, const ind_chart_series *series,
                             ind_error *err);

/** Number of series added so far; 0 for NULL. */
IND_EXTERN size_t ind_chart_count(const ind_chart *chart);

/**
 * Write the script to `path`, atomically: a temporary file beside it,
 * flushed, synced and renamed, so a failure never leaves a half-written
 * script in place of a good one.
 *
 * @return IND_OK;
 *   ::IND_EINVAL for NULL arguments, a chart without series, a shared
 *   layout asked for several growth series, or a size too small for the
 *   plots beside the texts (titles, footer and key are first cut to fewer
 *   lines; the message asks for a larger size);
 *   ::IND_EWRITE when the file cannot be created, written or renamed;
 *   ::IND_ENOMEM.
 */
IND_EXTERN int ind_chart_write(const ind_chart *chart, const char *path,
                               ind_error *err);

/**
 * Write the script to an open stream (standard output, a memory stream).
 * The caller keeps the stream; nothing is closed.
 *
 * @return as ind_chart_write(), with ::IND_EWRITE when the stream fails.
 */
IND_EXTERN int ind_chart_write_stream(const ind_chart *chart, FILE *stream,
                                      ind_error *err);

/**
 * The picture's path for a script: `script_path` with a final ".gp"
 * replaced by ".png", ".svg" or ".pdf" (appended when there is no ".gp").
 *
 * @param out  receives a newly allocated string; free() it
 * @return IND_OK, ::IND_EINVAL for NULL arguments or an unknown format,
 *         ::IND_ENOMEM.
 */
IND_EXTERN int ind_chart_output_path(char **out, const char *script_path,
                                     ind_chart_format format, ind_error *err);

/**
 * Draw a script with the external gnuplot into the file
 * ind_chart_output_path() names.
 *
 * gnuplot runs without a shell (posix_spawnp), with the script as a file
 * argument, `-d` (no initialisation files, so a user's ~/.gnuplot cannot
 * change the picture) and `-e` choosing the terminal; the picture arrives
 * on its standard output, which goes to a temporary file renamed over the
 * target only when gnuplot succeeds, so no path reaches gnuplot as text.
 * Its standard error is captured into the error message.
 *
 * @param opts  NULL for ::IND_CHART_RENDER_OPTIONS_INIT
 * @return IND_OK;
 *   ::IND_EUNAVAILABLE when gnuplot cannot be found or run (the message
 *   says how to install it; the script itself is untouched);
 *   ::IND_EEXTERNAL when gnuplot fails, is killed, runs past the timeout
 *   or writes nothing (the message quotes its error output);
 *   ::IND_ENOTFOUND when the script does not exist;
 *   ::IND_EINVAL for NULL arguments or unknown versions or formats;
 *   ::IND_EWRITE when the picture cannot be written; ::IND_ENOMEM;
 *   ::IND_ERROR when a pipe or process cannot be made.
 */
IND_EXTERN int ind_chart_render(const char *script_path,
                                ind_chart_format format,
                                const ind_chart_render_options *opts,
                                ind_error *err);

/**
 * Draw a chart straight into a picture, with no script left behind: the
 * script is written to a temporary file beside `picture_path`, drawn by
 * gnuplot as ind_chart_render() does, and removed. The picture is
 * replaced atomically, only when gnuplot succeeds.
 *
 * @param picture_path  the file to write (any name; see
 *                      ind_chart_format_of_path() to choose the format
 *                      from it)
 * @return as ind_chart_write() and ind_chart_render(); ::IND_EUNAVAILABLE
 *   when gnuplot is missing (nothing is written).
 */
IND_EXTERN int ind_chart_draw(const ind_chart *chart, const char *picture_path,
                              ind_chart_format format,
                              const ind_chart_render_options *opts,
                              ind_error *err);

/**
 * The picture format a file name asks for: ".png", ".svg" or ".pdf" at
 * its end (any case).
 * @return IND_OK, or ::IND_EINVAL for NULL or another ending.
 */
IND_EXTERN int ind_chart_format_of_path(ind_chart_format *out,
                                        const char *path, ind_error *err);

/**
 * The marks of a dataset point, combined: ::IND_CHART_MARK_PARTIAL for a
 * reading dated before the end of its year, ::IND_CHART_MARK_ESTIMATED for
 * status E (estimated), P (provisional) or F (forecast),
 * ::IND_CHART_MARK_DERIVED for a derived point; normal (0) for none and
 * for NULL.
 */
IND_EXTERN ind_chart_mark ind_chart_mark_of(const ind_point *point);

/**
 * The single flag that warns most among those of `a` and `b` (either may
 * be a combination): partial-year, then estimated, then derived, then
 * normal (a partial-year level misleads most when read as a year-end one).
 * The symbol a point shows on a line.
 */
IND_EXTERN ind_chart_mark ind_chart_mark_stronger(ind_chart_mark a,
                                                  ind_chart_mark b);

/** Parse "line", "growth" or "index". @return IND_OK or ::IND_EINVAL. */
IND_EXTERN int ind_chart_kind_parse(ind_chart_kind *out, const char *text,
                                    ind_error *err);

/** Parse "png", "svg" or "pdf". @return IND_OK or ::IND_EINVAL. */
IND_EXTERN int ind_chart_format_parse(ind_chart_format *out, const char *text,
                                      ind_error *err);

/**
 * Parse a size "WIDTHxHEIGHT" in pixels ("1200x750"), within the accepted
 * range. @return IND_OK or ::IND_EINVAL (nothing is stored).
 */
IND_EXTERN int ind_chart_size_parse(unsigned *width, unsigned *height,
                                    const char *text, ind_error *err);

/** File extension of a format without the dot ("png"); "" if unknown. */
IND_EXTERN const char *ind_chart_format_extension(ind_chart_format format);

#ifdef __cplusplus
}
#endif

#endif /* INDICATORS_CHART_H */
