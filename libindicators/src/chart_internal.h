/* chart_internal: the chart module's private types, shared by its files:
 *   chart.c         the handle: options, validation, copies of the data
 *   chart_text.c    cleaning, measuring, wrapping and quoting text, and
 *                   the human text of a value for labels
 *   chart_words.c   the fixed words in each language
 *   chart_sources.c the footer's short source line
 *   chart_scale.c   axis ranges and tick steps
 *   chart_layout.c  where everything goes on the canvas (the plan)
 *   chart_script.c  the script: header, output, style and data sections
 *   chart_plot.c    the script: the plot commands of each kind
 *   chart_render.c  running gnuplot
 * Not part of the public API. */
#ifndef IND_CHART_INTERNAL_H
#define IND_CHART_INTERNAL_H

#include <stdio.h>
#include <time.h>
#include "indicators/chart.h"
#include "sha256.h"

/* ---- The data, as copied and cleaned by chart.c ------------------------ */

typedef struct chart_series {
    char *name;              /* cleaned */
    char *unit;              /* cleaned, "" for none */
    char *model;             /* cleaned, "" for none */
    size_t n;                /* points */
    int *years;
    double *values;
    unsigned char *marks;    /* ind_chart_mark values */
    size_t pn;               /* projected years, 0 for none */
    int *pyears;
    double *pmean;
    size_t pbands;           /* intervals, narrowest first */
    double plevel[IND_CHART_MAX_BANDS];
    double *plo[IND_CHART_MAX_BANDS], *phi[IND_CHART_MAX_BANDS];
} chart_series;

struct ind_chart {
    ind_chart_kind kind;
    ind_chart_layout layout;
    ind_lang lang;
    char *title;             /* cleaned, "" when the names make it */
    char *subtitle;          /* cleaned, "" when the plan makes it */
    char *source_line;       /* cleaned, "" when made from source_names */
    char *ylabel;            /* cleaned, "" for the default */
    char *note;              /* cleaned, "" for none */
    int base_year;
    unsigned width, height;
    char *dataset_path;      /* cleaned, "" for none */
    char *command;           /* cleaned and shell-quoted, "" for none */
    char sha256[IND_SHA256_HEX_SIZE]; /* "" for none */
    time_t created;
    chart_series series[IND_CHART_MAX_SERIES];
    size_t n_series;
    char **sources;          /* cleaned, without duplicates */
    size_t n_sources, sources_cap;
    char **source_names;     /* short names for the footer, cleaned,
                              * without duplicates, in order */
    size_t n_source_names, source_names_cap;
};

/* ---- Fixed words (chart_words.c) ---------------------------------------- */

typedef enum chart_word_id {
    W_YEAR, W_ACTUAL, W_PROJECTION, W_PROJECTION_MODEL, W_INTERVAL,
    W_MARK_ESTIMATED, W_MARK_DERIVED, W_MARK_PARTIAL,
    W_INCREASE, W_DECREASE, W_SOURCE, W_SOURCES, W_LIST_SEP,
    W_LIST_SEP_LONG, W_AND, W_MORE, W_GROWTH_SUB, W_INDEX_SUB, W_UNIT_SEP,
    W_PART_SEP, W_PROJECTED_TO, W_MODEL_OPEN, W_MODEL_CLOSE, W_GROWTH_AXIS,
    W_INDEX_AXIS, W_VALUE, CHART_WORD_COUNT
} chart_word_id;

/* The word in a language (English for an unknown one); never NULL. */
const char *chart_word(ind_lang lang, chart_word_id id);

/* The word with its "%s" replaced by arg, into buf; returns buf. */
const char *chart_word_fill(char *buf, size_t size, ind_lang lang,
                            chart_word_id id, const char *arg);

/* ---- Text (chart_text.c) ------------------------------------------------ */

/* A growable list of strings, each owned by the list. */
typedef struct chart_lines {
    char **line;
    size_t n, cap;
} chart_lines;

/* Clean untrusted text (see chart.h): a new string, or NULL when out of
 * memory. NULL input gives "". */
char *chart_text_clean(const char *in);

/* Width of clean text in em (font sizes), from the advance widths of the
 * chart fonts (chart_metrics.h) widened by CHART_TEXT_SLACK: hinting
 * rounds each advance to whole pixels, so drawn text can be a little
 * wider than the sum. */
double chart_text_width(const char *text);

/* The widening of chart_text_width(), as a factor. */
#define CHART_TEXT_SLACK 1.03

/* Break clean text into lines no wider than max_em (see chart.h): at
 * spaces, between Chinese characters, and in a word wider than a line
 * after '/', '-', '.', '_'. At most max_lines lines (0: no limit); when
 * text is left over the last line ends with "…" after a whole piece. A
 * piece wider than a line is shortened with "…". Returns 0, or -1 when out
 * of memory (out is then emptied). */
int chart_text_wrap(chart_lines *out, const char *text, double max_em,
                    size_t max_lines);

/* The number of lines chart_text_wrap() makes without a limit; 0 for an
 * empty text, (size_t)-1 when out of memory. */
size_t chart_text_count_lines(const char *text, double max_em);

/* ---- The footer's source line (chart_sources.c) ------------------------ */

/* The short name of a source for the footer: the host of an http, https
 * or ftp URL without "www.", else the text. A new string, or NULL. */
char *chart_source_site(const char *source);

/* The source line of a chart ("Sources: a, b and 3 more"), at most
 * max_lines lines of max_em each: as many names as fit, the others
 * counted. A new string ("" when there are none), or NULL. */
char *chart_source_line(const ind_chart *c, double max_em, size_t max_lines);


/* Append s to a growing string (*buf may be NULL, *len its length);
 * returns 0, or -1 when out of memory (*buf is kept). */
int chart_cat(char **buf, size_t *len, const char *s);

/* Append a copy of s; returns 0 or -1 when out of memory. */
int chart_lines_push(chart_lines *l, const char *s);

/* Free every line; the list can be reused. */
void chart_lines_clear(chart_lines *l);

/* Write clean text as a gnuplot double-quoted string: `\`, `"` and the
 * backtick escaped. */
void chart_put_string(FILE *out, const char *text);

/* Same, for a position that gnuplot reads as a format (explicit tic
 * labels): `%` doubled too. */
void chart_put_format_string(FILE *out, const char *text);

/* Append a word to a command text (*cmd may be NULL, *len its length),
 * single-quoted unless every character is one the shell leaves alone, so
 * the text never ends with a backslash. Returns 0 or -1 (out of memory). */
int chart_shell_append(char **cmd, size_t *len, const char *word);

/* Human text of a value for a label ("74,240", "+21.5%"). */
void chart_value_text(char *buf, size_t size, double value,
                      ind_chart_kind kind);

/* A number in the C locale, shortest round-trip form (never NaN here). */
void chart_put_number(FILE *out, double value);

/* A coordinate or size in the C locale, rounded to 5 decimals. */
void chart_put_fixed(FILE *out, double value);

/* A plot coordinate in the C locale, to six significant digits. */
void chart_put_coordinate(FILE *out, double value);

/* ---- Scales (chart_scale.c) -------------------------------------------- */

typedef struct chart_axis {
    double lo, hi;   /* the range drawn, multiples of step */
    double step;     /* distance between ticks */
    int decimals;    /* places in tick labels */
} chart_axis;

/* A range [lo, hi] of data (lo <= hi, finite) made nice: about `ticks`
 * steps of 1, 2, 2.5 or 5 times a power of ten, the ends on multiples of
 * the step. `headroom` (fraction of the span) is kept above hi. */
void chart_axis_make(chart_axis *axis, double lo, double hi, int ticks,
                     double headroom);

/* Widest tick label of an axis, in em. */
double chart_axis_label_width(const chart_axis *axis);

/* Write `set <name>tics (...)` with every tick labelled, thousands
 * grouped, and `set <name>range`. */
void chart_axis_put(FILE *out, const char *name, const chart_axis *axis);

/* The year step for ticks so that labels are at least min_gap_px apart. */
int chart_year_step(double px_per_year, double min_gap_px);

/* ---- The plan (chart_layout.c) ----------------------------------------- */

/* A rectangle in screen fractions (0 at the bottom left, 1 at the top
 * right), as gnuplot's `set lmargin at screen` wants it. */
typedef struct chart_box {
    double left, right, bottom, top;
} chart_box;

/* What a key entry's sample looks like. */
typedef enum chart_sample {
    SAMPLE_LINE,        /* solid line in a series colour */
    SAMPLE_PROJECTION,  /* dashed line */
    SAMPLE_BAND_INNER,  /* shaded box, darker: the narrowest interval */
    SAMPLE_BAND_OUTER,  /* shaded box, lighter: the widest */
    SAMPLE_MARK,        /* a point symbol; `mark` says which */
    SAMPLE_RISE,        /* bar in the rise colour */
    SAMPLE_FALL,        /* bar in the fall colour */
    SAMPLE_BAR_MARK     /* a bar fill for a mark */
} chart_sample;

typedef struct chart_key_entry {
    chart_sample sample;
    int colour;          /* series index, or -1 for the neutral colour */
    int mark;            /* a mark flag, for SAMPLE_MARK / SAMPLE_BAR_MARK */
    char *text;          /* owned */
    double x;            /* screen x where the sample starts */
    size_t row;          /* key row, 0 at the top */
} chart_key_entry;

typedef struct chart_plan {
    double font;         /* base font size, pt (= px on our terminals) */
    double title_font, subtitle_font, footer_font, label_font;
    chart_lines title, subtitle, footer;
    double title_y0, subtitle_y0, footer_y0; /* first line's middle */
    double title_step, subtitle_step, footer_step; /* between lines */
    double text_left;    /* x of the left-aligned texts */
    int shared;          /* 1: one plot; 0: one panel per series */
    size_t panels;       /* plots drawn */
    size_t cols, rows;
    chart_box box[IND_CHART_MAX_SERIES];
    chart_axis y[IND_CHART_MAX_SERIES];     /* one per panel */
    char *ylabel;        /* shared plot only, owned */
    chart_lines panel_title;                /* one per panel */
    double xlo, xhi;     /* year range drawn */
    int xstep;           /* tick step in years */
    int xfirst;          /* first tick */
    int dots;            /* draw every normal point as a dot */
    double labels_right; /* em of the widest last-value label when those
                          * go right of the last year, else 0 */
    int bar_labels;      /* growth: 0 none, 1 horizontal, 2 rotated */
    /* The key is drawn by the script itself (labels, arrows and
     * rectangles), so that its rows are exactly where the plan says. */
    chart_key_entry *key;
    size_t n_key;
    double key_em;       /* widest key text, in em */
    size_t key_rows;
    double key_top;      /* screen y of the key's top */
    double key_step;     /* screen height of a key row */
    double key_sample;   /* screen width of a sample */
    double key_gap;      /* screen gap between sample and text */
} chart_plan;

/* Decide the layout of a chart. Returns IND_OK, IND_EINVAL (with err)
 * for a chart that cannot be drawn as asked, or IND_ENOMEM. */
int chart_plan_make(chart_plan *plan, const ind_chart *chart, ind_error *err);

/* Release what a plan owns. */
void chart_plan_free(chart_plan *plan);

/* ---- The script (chart_script.c, chart_plot.c) ------------------------- */

/* The Okabe-Ito colours, in the order series take them. */
extern const char *const chart_palette[IND_CHART_MAX_SERIES];

/* Write the whole script; path (may be NULL) names the file in the usage
 * lines of the header. Returns IND_OK or an error with err set. */
int chart_script_write(FILE *out, const ind_chart *chart, const char *path,
                       ind_error *err);

/* Write the plot section (every panel) of a planned chart. */
void chart_plot_write(FILE *out, const ind_chart *chart,
                      const chart_plan *plan);

#endif
