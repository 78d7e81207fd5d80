/* compose_report_internal: the report composer's shared pieces:
 *   compose_report.c        the driver: indicators, files, the document
 *   compose_report_parts.c  the opening, summary, sections, data quality,
 *                           methods
 *   compose_report_words.c  its words and sentences in each language
 * Not part of the public API. */
#ifndef IND_COMPOSE_REPORT_INTERNAL_H
#define IND_COMPOSE_REPORT_INTERNAL_H

#include "indicators/compose.h"
#include "indicators/report.h"
#include "sha256.h"

/* ---- Words (compose_report_words.c) ------------------------------------- */

typedef enum compose_word {
    CW_TITLE, CW_DATE, CW_DATASET, CW_DIGEST, CW_ROWS, CW_ROWS_TEXT, CW_SPAN,
    CW_PROGRAM, CW_VINTAGE, CW_PROJECTIONS, CW_PROJECTIONS_TEXT, CW_INTRO,
    CW_MARKS, CW_H_SUMMARY, CW_H_INDICATORS, CW_H_QUALITY, CW_H_METHODS,
    CW_H_SOURCES, CW_COL_INDICATOR, CW_COL_LATEST, CW_COL_YEAR, CW_COL_YOY,
    CW_COL_CAGR, CW_COL_PROJECTION, CW_COL_RANGE, CW_COL_MODEL,
    CW_COL_VALUE, CW_COL_CHANGE, CW_COL_CHANGE_PCT, CW_COL_SOURCE,
    CW_SUMMARY_CAPTION, CW_TABLE_CAPTION, CW_TABLE_CUT, CW_UNIT,
    CW_KIND_STOCK, CW_KIND_FLOW, CW_KIND_RATE, CW_ID, CW_ALT,
    CW_ALT_PROJECTED, CW_CAPTION, CW_CAPTION_PROJECTED, CW_NO_CHART,
    CW_NO_GNUPLOT, CW_PROJECTION, CW_PROJECTION_NO_RANGE, CW_NOT_PROJECTED,
    CW_ALREADY, CW_CHOICE, CW_METHOD, CW_CALIBRATED, CW_H_CAVEATS,
    CW_DECIDED, CW_BY_ROLE, CW_BY_DATE, CW_ALSO, CW_YEAR_END, CW_PARTIAL,
    CW_STATUS, CW_MISSING, CW_FEW, CW_ONE, CW_UNDECIDED, CW_NO_CAVEAT,
    CW_QUALITY_COUNTS, CW_QUALITY_NONE, CW_ERROR, CW_WARNING, CW_NOTE,
    CW_AT_LINE, CW_IN_FILE, CW_M_CHOICE, CW_M_GROWTH, CW_M_PROJECTION,
    CW_M_NAMED, CW_M_INTERVALS, CW_M_SOURCES, CW_S_E, CW_S_P, CW_S_F, CW_S_B, CW_S_D,
    CW_S_G, CW_S_I, CW_S_U, CW_S_V, CW_LIST_SEP, CW_YEARS_RANGE,
    CW_PER_YEAR, CW_PP, CW_NONE, CW_BEFORE_END, CW_MISSING_SHARE,
    CW_MISSING_FITTED, CW_FEW_DF, CW_DF_ONE, CW_DF_MANY, CW_FEW_NO_RANGE,
    CW_FEW_NO_DF, CW_FIT_PARTIAL_ONE, CW_FIT_PARTIAL_MANY, CW_FIT_STARTS,
    CW_FIT_LAST_PARTIAL, CW_FIT_LAST_STATUS, CW_NO_RANGE_SHORT,
    CW_ALT_LINE, CW_CAPTION_LINE, CW_LIST_AND, CW_COUNT
} compose_word;

/* The word in a language (English for an unknown one). */
const char *report_word_of(ind_lang lang, compose_word w);

/* Fill "{1}".."{5}" of tpl with the arguments (NULL: empty) into buf;
 * returns buf. */
const char *report_fill(char *buf, size_t size, const char *tpl,
                        const char *a1, const char *a2, const char *a3,
                        const char *a4, const char *a5);

/* A forecast to three significant digits (more would be spurious),
 * grouped: "1.00" for 0.9996, "-32.7", "914,000"; "0" for zero. Returns
 * buf. */
const char *report_about_text(char *buf, size_t size, double v);

/* Marks written after a figure. */
#define MARK_PARTIAL "\xE2\x80\xA0"   /* † */
#define MARK_ESTIMATED "\xE2\x80\xA1" /* ‡ */
#define MARK_ANNUALISED "\xC2\xA7"    /* § */

/* ---- One indicator -------------------------------------------------------- */

typedef struct report_item {
    ind_indicator ind;        /* the catalog's (strings owned by the dataset) */
    char *name;               /* its title, or the id */
    size_t series_index;      /* in the dataset */
    ind_series *series;       /* NULL when it cannot be built */
    ind_error series_err;     /* why not */
    ind_growth *growth;       /* NULL for no values */
    ind_projection *proj;     /* NULL when not projected */
    char *not_projected;      /* why not, or NULL */
    char *image;              /* Markdown: its picture, relative; or NULL */
    char *svg;                /* HTML: its picture's SVG; or NULL */
    size_t svg_len;
    char *chart_problem;      /* why there is no picture, or NULL */
} report_item;

/* ---- The composer's state ----------------------------------------------- */

struct ind_report_composition {
    char **files;             /* the document, then its pictures */
    size_t nfiles, files_cap;
    ind_compose_note *notes;
    size_t nnotes, notes_cap;
    size_t indicators, charts, sources;
};

typedef struct report_ctx {
    ind_dataset *ds;
    const ind_compose_report_options *o;
    ind_report_format format;
    ind_lang lang;
    ind_report *r;
    ind_report_composition *res;
    report_item *items;
    size_t n;
    ind_findings *findings;
    int project_to;
    int first_year, last_year; /* of the whole dataset */
    char sha[IND_SHA256_HEX_SIZE];
    const char *label;         /* the dataset as shown */
    const char *title;         /* the report's title */
    int rc;                    /* the first failure while building */
    ind_error gnuplot;         /* why no chart could be drawn, when so */
    ind_error *err;
} report_ctx;

/* Record the result of a builder call: the first failure stays. */
void report_ok(report_ctx *x, int rc);

/* Add a note for the caller (a series not projected, a chart not drawn). */
void report_note(report_ctx *x, ind_severity sev, size_t item,
                 const char *text);

/* The document's parts (compose_report_parts.c). */
void report_opening(report_ctx *x);
void report_summary(report_ctx *x);
void report_sections(report_ctx *x);
void report_quality(report_ctx *x);
void report_methods(report_ctx *x);

#endif
