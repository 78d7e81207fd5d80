/**
 * @file indicators/compose.h
 * @brief Operations that combine the engines: an indicator's series with
 *        its display name, a chart of series and their projections, a
 *        rate linked to the level it is the growth of, and a dataset's
 *        whole check (rules and breaks) as findings.
 *
 * The library is layered. Core (error.h, number.h, series.h) depends on
 * nothing else; the engines (dataset.h, growth.h, projection.h, chart.h)
 * depend only on core and never on each other; this compose layer sits on
 * top and is where engines meet. Everything a program needs to do the
 * command-line tool's work is here or in an engine: the `indicators`
 * program only parses its arguments, calls these functions and prints.
 *
 * A report (one chart with its projection per indicator, tables of growth
 * and projections) calls, per indicator: ind_compose_series() for the
 * series and its name, ind_projection_fit_series() and ind_growth_compute()
 * for the tables, and ind_compose_chart() with that one series for the
 * chart; ind_compose_check() gives the caveats.
 *
 * Errors follow error.h: every fallible function returns an
 * ::ind_error_code and takes the `ind_error *err` record last.
 */
#ifndef INDICATORS_COMPOSE_H
#define INDICATORS_COMPOSE_H

#include <stddef.h>
#include "indicators/export.h"
#include "indicators/error.h"
#include "indicators/series.h"
#include "indicators/dataset.h"
#include "indicators/growth.h"
#include "indicators/projection.h"
#include "indicators/chart.h"
#include "indicators/report.h"
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ------------------------------------------------------------------ */
/* An indicator's series                                               */
/* ------------------------------------------------------------------ */

/**
 * The series of indicator `id` (entity NULL or "" for the dataset's
 * subject) by the choice rule, and its display name: the catalog's title,
 * "Title (ENTITY)" for an entity (by its title, "Title (China)", when the
 * dataset has one), the id when the catalog has no title.
 *
 * @param out   receives the series; free it with ind_series_free()
 * @param name  receives the name (may be NULL); free() it
 * @return IND_OK; ::IND_ENOTFOUND (an unknown indicator, detail
 *         ::IND_DETAIL_UNKNOWN_INDICATOR, or no readings of it,
 *         ::IND_DETAIL_NO_SERIES); ::IND_EDATA (an undecided conflict,
 *         ::IND_DETAIL_CONFLICT); ::IND_EINVAL; ::IND_ENOMEM.
 */
IND_EXTERN int ind_compose_series(ind_series **out, char **name,
                                  ind_dataset *ds, const char *id,
                                  const char *entity, ind_error *err);

/**
 * The ids of the catalog closest to `id` by edit distance (typing
 * mistakes: "certification_bodys" is one letter from
 * "certification_bodies"), closest first, at most `capacity`, only those
 * within a third of the id's length. The strings belong to the dataset.
 * @return the number written to out.
 */
IND_EXTERN size_t ind_compose_closest_ids(const char **out, size_t capacity,
                                          const ind_dataset *ds,
                                          const char *id);

/* ------------------------------------------------------------------ */
/* Charts of series with their projections                             */
/* ------------------------------------------------------------------ */

/** Version of ::ind_compose_chart_options this header describes. */
#define IND_COMPOSE_CHART_OPTIONS_VERSION 1

/** What to draw. */
typedef struct ind_compose_chart_options {
    unsigned version;   /**< ::IND_COMPOSE_CHART_OPTIONS_VERSION. */
    /** The chart: kind, layout, title, note, size, provenance, language.
     *  For an index chart, `base_year` 0 means the first year every series
     *  has a value for. */
    ind_chart_options chart;
    /** Project each series that ends before this year to it; 0: none.
     *  Not for growth charts. */
    int project_to;
    /** How to project (model, levels...). The intervals drawn are the
     *  projection's own levels (at most ::IND_CHART_MAX_BANDS: the
     *  narrowest and the widest). */
    ind_projection_options projection;
} ind_compose_chart_options;

/** Defaults: a line chart without projection. */
#define IND_COMPOSE_CHART_OPTIONS_INIT \
    { IND_COMPOSE_CHART_OPTIONS_VERSION, IND_CHART_OPTIONS_INIT, 0, \
      IND_PROJECTION_OPTIONS_INIT }

/** One series to draw. */
typedef struct ind_compose_input {
    const ind_series *series; /**< Its kind decides growth bars and index. */
    const char *name;         /**< Legend and panel title; NULL: the id. */
    const char *source_name;  /**< Short name of its sources for the footer
                                   (the catalog's `source_name`), or NULL:
                                   the sources' sites. */
} ind_compose_input;

/** What ind_compose_chart() did that a reader should know. */
typedef struct ind_compose_note {
    ind_severity severity;    /**< ::IND_SEVERITY_NOTE or _WARNING. */
    size_t series;            /**< The input it is about, (size_t)-1 for all. */
    const char *text;         /**< One sentence, naming the indicator. */
} ind_compose_note;

/** Opaque result of ind_compose_chart(). */
typedef struct ind_chart_composition ind_chart_composition;

/**
 * Compose a chart of up to ::IND_CHART_MAX_SERIES series: levels for a
 * line chart (a rate too); year-on-year changes as bars for a growth
 * chart (a rate's values as stated), each bar carrying the marks of both
 * its ends and, annualised across missing years, derived (the bar shows
 * them all), the footer saying what marked bars mean; values
 * rebased to 100 in the base year for an index chart. With `project_to`,
 * each series ending before it is projected and drawn with its intervals
 * (rebased with the series on an index chart); the chart's subtitle and
 * legend name the model.
 *
 * @param out   receives the composition; ind_chart_composition_chart()
 *              gives the chart to write and render
 * @return IND_OK;
 *   ::IND_EINVAL for no series or more than ::IND_CHART_MAX_SERIES, a
 *   projection on a growth chart, bad options (as ind_chart_new());
 *   ::IND_EDOMAIN when a series has nothing to draw (no year-on-year
 *   change, no index for the base year), a rate on an index chart, no
 *   year shared by every series for an index base, or no series ending
 *   before `project_to`;
 *   a projection's error for a series that cannot be projected (the
 *   message names the indicator); ::IND_ENOMEM.
 */
IND_EXTERN int ind_compose_chart(ind_chart_composition **out,
                                 const ind_compose_input *inputs, size_t n,
                                 const ind_compose_chart_options *opts,
                                 ind_error *err);

/** Release a composition, its chart and projections. NULL is a no-op. */
IND_EXTERN void ind_chart_composition_free(ind_chart_composition *c);

/** The chart, to give ind_chart_write() and ind_chart_render(). */
IND_EXTERN const ind_chart *
ind_chart_composition_chart(const ind_chart_composition *c);

/** The index base year used (chosen or given); 0 for other kinds. */
IND_EXTERN int ind_chart_composition_base_year(const ind_chart_composition *c);

/** The projection of input i, or NULL when it was not projected. */
IND_EXTERN const ind_projection *
ind_chart_composition_projection(const ind_chart_composition *c, size_t i);

/**
 * The points drawn for input i (bars of a growth chart, levels or index
 * values otherwise) and their first and last year.
 * @return the number of points; 0 when i is out of range.
 */
IND_EXTERN size_t ind_chart_composition_span(const ind_chart_composition *c,
                                             size_t i, int *first,
                                             int *last);

/** Number of notes (a series not projected, a projection's warnings). */
IND_EXTERN size_t ind_chart_composition_nnotes(const ind_chart_composition *c);

/** The i-th note, NULL when out of range. */
IND_EXTERN const ind_compose_note *
ind_chart_composition_note(const ind_chart_composition *c, size_t i);

/** A short name of a model for a chart's legend ("linear trend",
 *  "Holt's linear trend"). Never NULL. */
IND_EXTERN const char *ind_compose_model_label(ind_model model);

/** The same in a language ("线性趋势"); English for an unknown one. */
IND_EXTERN const char *ind_compose_model_label_in(ind_model model,
                                                  ind_lang lang);

/* ------------------------------------------------------------------ */
/* Rates and the levels they are the growth of                         */
/* ------------------------------------------------------------------ */

/** Opaque set of links of one series (see ind_links_find()). */
typedef struct ind_links ind_links;

/**
 * The links of series `s` of dataset `ds` through the catalog's
 * `growth_of`: for a rate, the level it is the growth of; for a level,
 * every rate declared as its growth; each with the same entity. The
 * other series is loaded, and the levels each rate implies for the year
 * before its figures are derived (ind_growth_implied_levels()). A linked
 * series that cannot be used (no readings, an undecided conflict, a rate
 * of -100% or less) is left out or left without implied levels, with a
 * problem record saying why: the links never fail for the data.
 *
 * @param out receives the links (maybe none); free with ind_links_free()
 * @return IND_OK; ::IND_EINVAL; ::IND_ENOMEM.
 */
IND_EXTERN int ind_links_find(ind_links **out, ind_dataset *ds,
                              const ind_series *s, ind_error *err);

/** Release links and the series they loaded. NULL is a no-op. */
IND_EXTERN void ind_links_free(ind_links *l);

/** Number of (rate, level) pairs. */
IND_EXTERN size_t ind_links_count(const ind_links *l);

/** The rate of pair i (NULL when out of range). */
IND_EXTERN const ind_series *ind_links_rate(const ind_links *l, size_t i);

/** The level of pair i (NULL when out of range). */
IND_EXTERN const ind_series *ind_links_level(const ind_links *l, size_t i);

/** The level of pair i with the levels its rate implies added (flagged
 *  ::IND_POINT_DERIVED), or NULL when none could be derived. */
IND_EXTERN const ind_series *ind_links_implied(const ind_links *l, size_t i);

/** Number of problems met (a linked series left out, no levels derived). */
IND_EXTERN size_t ind_links_nproblems(const ind_links *l);

/** The i-th problem as an error record (its detail, e.g. a conflict, says
 *  what would fix it), or NULL when out of range. */
IND_EXTERN const ind_error *ind_links_problem(const ind_links *l, size_t i);

/**
 * A copy of `s` with every derived level of the links added; a year `s`
 * has keeps its own figure.
 * @param out receives the copy; free with ind_series_free()
 * @return IND_OK; ::IND_EINVAL; ::IND_ENOMEM.
 */
IND_EXTERN int ind_links_with_derived(ind_series **out, const ind_series *s,
                                      const ind_links *l, ind_error *err);

/* ------------------------------------------------------------------ */
/* Checking a whole dataset                                            */
/* ------------------------------------------------------------------ */

/** Opaque list of findings (see ind_compose_check()). */
typedef struct ind_findings ind_findings;

/**
 * Every finding about a dataset: what loading and ind_dataset_validate()
 * report, then, when it loaded cleanly, the breaks of every series as
 * warnings (ind_growth_breaks() on the chosen values, and a reading not
 * used that would break its series, such as a rival year-end figure).
 * A dataset that did not load keeps its loading findings, with at least
 * one error.
 *
 * @param out receives the findings; free with ind_findings_free()
 * @return IND_OK (whatever was found: count the errors); ::IND_EINVAL;
 *         ::IND_ENOMEM.
 */
IND_EXTERN int ind_compose_check(ind_findings **out, ind_dataset *ds,
                                 ind_error *err);

/** Release findings. NULL is a no-op. */
IND_EXTERN void ind_findings_free(ind_findings *f);

/** Number of findings. */
IND_EXTERN size_t ind_findings_count(const ind_findings *f);

/** Number of findings of a severity. */
IND_EXTERN size_t ind_findings_with(const ind_findings *f,
                                    ind_severity severity);

/** The i-th finding (its path is the dataset's file when it has no other
 *  place), NULL when out of range. Valid until ind_findings_free(). */
IND_EXTERN const ind_diagnostic *ind_findings_at(const ind_findings *f,
                                                 size_t i);

/* ------------------------------------------------------------------ */
/* A report of a dataset                                               */
/* ------------------------------------------------------------------ */

/** Version of ::ind_compose_report_options this header describes. */
#define IND_COMPOSE_REPORT_OPTIONS_VERSION 1

/** What the report covers and how it is made. */
typedef struct ind_compose_report_options {
    unsigned version;          /**< ::IND_COMPOSE_REPORT_OPTIONS_VERSION. */
    const char *title;         /**< NULL or "": "Yearly indicators: NAME",
                                    NAME the dataset's file name. */
    ind_lang lang;             /**< The report's own words and its charts'. */
    const char *const *ids;    /**< The indicators, in this order; NULL:
                                    every indicator of the catalog that has
                                    a series (for the entity). */
    size_t n_ids;              /**< Entries in ids. */
    const char *entity;        /**< NULL or "": the dataset's own subject. */
    int project_to;            /**< The year projected to; 0: five years
                                    after the dataset's latest year. */
    ind_projection_options projection; /**< How to project (model...). */
    size_t years_shown;        /**< Rows of each indicator's table of
                                    figures; 0: 12 (with more years, the
                                    first and the latest 11). */
    const char *dataset_label; /**< The dataset as the report names it (a
                                    path relative to the repository);
                                    NULL: the path it was opened with. */
    const char *program;       /**< What made the report ("indicators
                                    0.1.0"), or NULL. */
    const char *vintage;       /**< The date the dataset stands as of,
                                    when it is a vintage, or NULL. */
    time_t created;            /**< The report's date; 0: now. */
    ind_chart_render_options render; /**< How to run gnuplot. */
} ind_compose_report_options;

/** Defaults: every indicator, English, projected five years ahead by
 *  auto, made now. */
#define IND_COMPOSE_REPORT_OPTIONS_INIT \
    { IND_COMPOSE_REPORT_OPTIONS_VERSION, NULL, IND_LANG_EN, NULL, 0, NULL, \
      0, IND_PROJECTION_OPTIONS_INIT, 0, NULL, NULL, NULL, 0, \
      IND_CHART_RENDER_OPTIONS_INIT }

/** Opaque result of ind_compose_report(). */
typedef struct ind_report_composition ind_report_composition;

/**
 * Write the report of a dataset to `path`, the document a reader is sent:
 * its opening (title, date, the dataset's path, SHA-256, rows and span,
 * the program), a summary table (each indicator's latest figure with its
 * marks, the change on the year before, the CAGR over its span, its
 * projection with the 80% range and the model), a section per indicator
 * (its chart with the projection, its figures by year with their changes,
 * the projection and why its model, and in plain words what a reader must
 * know: years decided among several readings, partial-year or provisional
 * figures, missing years, breaks, few points), every finding of
 * ind_compose_check(), the methods, and the numbered sources every figure
 * cites.
 *
 * Figures come from the engines as the command-line tool prints them:
 * ind_compose_series() (the choice rule), ind_growth_compute(),
 * ind_projection_fit_series() with `opts->projection`.
 *
 * Markdown: the charts are PNG pictures in the folder `STEM-files` beside
 * `path` (made when missing; pictures of the same name are replaced),
 * linked by relative paths. HTML: one file, the charts inline as SVG.
 * Each file is replaced atomically.
 *
 * @param out receives the result (files written, notes); free it with
 *        ind_report_composition_free(). Set also for ::IND_EUNAVAILABLE.
 * @return IND_OK; ::IND_EUNAVAILABLE when gnuplot is not installed: the
 *   report is written without its charts (each says why) and the message
 *   says how to install gnuplot; ::IND_EDOMAIN when there is nothing to
 *   report; ::IND_ENOTFOUND for an unknown indicator in `ids` (detail
 *   ::IND_DETAIL_UNKNOWN_INDICATOR) or one without a series;
 *   ::IND_EWRITE, ::IND_EIO; ::IND_EINVAL; ::IND_ENOMEM. An indicator that
 *   cannot be reported (an undecided conflict) or projected is not an
 *   error: the report says why, and a note too.
 */
IND_EXTERN int ind_compose_report(ind_report_composition **out,
                                  ind_dataset *ds, const char *path,
                                  ind_report_format format,
                                  const ind_compose_report_options *opts,
                                  ind_error *err);

/** Release a result. NULL is a no-op. */
IND_EXTERN void ind_report_composition_free(ind_report_composition *c);

/** Number of files written: the document first, then its pictures. */
IND_EXTERN size_t ind_report_composition_nfiles(const ind_report_composition *c);

/** The i-th file written, NULL when out of range. */
IND_EXTERN const char *
ind_report_composition_file(const ind_report_composition *c, size_t i);

/** Number of indicators reported. */
IND_EXTERN size_t
ind_report_composition_nindicators(const ind_report_composition *c);

/** Number of charts drawn (pictures beside a Markdown report, inline in
 *  an HTML one). */
IND_EXTERN size_t ind_report_composition_ncharts(const ind_report_composition *c);

/** Number of sources listed. */
IND_EXTERN size_t ind_report_composition_nsources(const ind_report_composition *c);

/** Number of notes (an indicator not projected, not reported, a chart
 *  not drawn). */
IND_EXTERN size_t ind_report_composition_nnotes(const ind_report_composition *c);

/** The i-th note, NULL when out of range. */
IND_EXTERN const ind_compose_note *
ind_report_composition_note(const ind_report_composition *c, size_t i);

#ifdef __cplusplus
}
#endif

#endif /* INDICATORS_COMPOSE_H */
