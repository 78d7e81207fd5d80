/* compose_report_parts: the report's parts, in the order they appear: the
 * opening (what, when, from which dataset), the summary table, a section
 * per indicator (chart, figures by year, projection, what to know), the
 * data-quality findings, the methods; the sources list closes it. Every
 * figure is written with the number of its source. */
#include "compose_report_internal.h"
#include "indicators/number.h"
#include "indicators/version.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define TEXT 4096

/* ---- Small writers ------------------------------------------------------ */

/* A sentence from the engines ends with a full stop: add one. */
static const char *sentence(char *buf, size_t size, const char *t)
{
    size_t n = strlen(t);

    snprintf(buf, size, "%s%s", t, n > 0 && strchr(".!?", t[n - 1]) == NULL
                                       ? "." : "");
    return buf;
}

static const char *w(const report_ctx *x, compose_word id)
{
    return report_word_of(x->lang, id);
}

static void text(report_ctx *x, ind_report_style style, const char *t)
{
    report_ok(x, ind_report_text(x->r, style, t, x->err));
}

static void end(report_ctx *x)
{
    report_ok(x, ind_report_end(x->r, x->err));
}

static void paragraph(report_ctx *x, const char *t)
{
    report_ok(x, ind_report_begin_paragraph(x->r, x->err));
    text(x, IND_REPORT_PLAIN, t);
    end(x);
}

static void cell(report_ctx *x, const char *t)
{
    report_ok(x, ind_report_begin_cell(x->r, x->err));
    text(x, IND_REPORT_PLAIN, t);
    end(x);
}

/* A citation of a point's source (nothing for a point without one). */
static void cite_source(report_ctx *x, const char *source)
{
    size_t n;

    if (source == NULL || source[0] == '\0')
        return;
    report_ok(x, ind_report_source(x->r, source, &n, x->err));
    if (x->rc == IND_OK)
        report_ok(x, ind_report_cite(x->r, n, x->err));
}

static const char *year_text(char *buf, size_t size, int year)
{
    snprintf(buf, size, "%d", year);
    return buf;
}

/* A figure as the dataset gives it: grouped, its own precision. */
static const char *value_text(char *buf, size_t size, double v)
{
    if (ind_number_format_human(buf, size, v, -1, NULL) != IND_OK)
        snprintf(buf, size, "?");
    return buf;
}

const char *report_about_text(char *buf, size_t size, double v)
{
    int e, d;

    if (!isfinite(v) || v == 0.0) {
        ind_number_format_human(buf, size, v, 0, NULL);
        return buf;
    }
    /* The digits are decided after rounding: 0.9996 rounds to 1.00, three
     * digits, not to 1.000 (its power of ten before rounding). */
    e = (int)floor(log10(fabs(v)));
    if (fabs(round(v / pow(10.0, (double)(e - 2)))) >= 1000.0)
        e++;
    if (e >= 2) {
        double unit = pow(10.0, (double)(e - 2));
        ind_number_format_human(buf, size, round(v / unit) * unit, 0, NULL);
    } else {
        d = 2 - e;
        ind_number_format_human(buf, size, v, d > 6 ? 6 : d, NULL);
    }
    return buf;
}



/* "+10.6%", one decimal; "—" for NaN. */
static const char *pct_text(const report_ctx *x, char *buf, size_t size,
                            double v)
{
    char num[64];

    if (!isfinite(v))
        return snprintf(buf, size, "%s", w(x, CW_NONE)), buf;
    ind_number_format_human(num, sizeof num, v, 1, NULL);
    snprintf(buf, size, "%s%s%%", v > 0 && strcmp(num, "0.0") ? "+" : "",
             num);
    return buf;
}

/* "+1,234" or, for a rate, "+1.2 pp"; "—" for NaN. */
static const char *change_text(const report_ctx *x, char *buf, size_t size,
                               double v, int rate)
{
    char num[64], signed_num[72];

    if (!isfinite(v))
        return snprintf(buf, size, "%s", w(x, CW_NONE)), buf;
    ind_number_format_human(num, sizeof num, v, rate ? 2 : -1, NULL);
    snprintf(signed_num, sizeof signed_num, "%s%s",
             v > 0 && strspn(num, "0.,") != strlen(num) ? "+" : "", num);
    if (rate)
        report_fill(buf, size, w(x, CW_PP), signed_num, NULL, NULL, NULL,
                    NULL);
    else
        snprintf(buf, size, "%s", signed_num);
    return buf;
}

/* The marks after a point's value: "†" partial-year, "‡" estimated. */
static const char *point_marks(const ind_point *p)
{
    int partial = (p->flags & IND_POINT_PARTIAL_YEAR) != 0;
    int estimated = p->status == 'E' || p->status == 'P' || p->status == 'F';

    return partial && estimated ? " " MARK_PARTIAL MARK_ESTIMATED
           : partial            ? " " MARK_PARTIAL
           : estimated          ? " " MARK_ESTIMATED : "";
}

/* A point's value with its marks (a rate's with "%"). */
static const char *point_text(char *buf, size_t size, const ind_point *p,
                              int rate)
{
    char num[64];

    value_text(num, sizeof num, p->value);
    snprintf(buf, size, "%s%s%s", num, rate ? "%" : "", point_marks(p));
    return buf;
}

static int is_rate(const report_item *it)
{
    return it->series != NULL && ind_series_kind(it->series) == IND_KIND_RATE;
}

/* A projected figure: three digits, a rate's with its "%" as the latest
 * figure has it. */
static const char *about_text(const report_item *it, char *buf, size_t size,
                              double v)
{
    size_t n;

    report_about_text(buf, size, v);
    n = strlen(buf);
    if (is_rate(it) && isfinite(v) && n + 2 <= size)
        memcpy(buf + n, "%", 2);
    return buf;
}

/* The section anchor of item i: "ind-" and the id ('.' as '-'). */
static void item_anchor(char *buf, size_t size, const report_item *it)
{
    size_t n;

    snprintf(buf, size, "ind-%s", it->ind.id);
    for (n = 0; buf[n] != '\0'; n++)
        if (buf[n] == '.')
            buf[n] = '-';
}

/* The model's label in the report's language, "auto: " prefixed when the
 * model was chosen. */
static const char *model_text(const report_ctx *x, char *buf, size_t size,
                              const ind_projection *p)
{
    snprintf(buf, size, "%s", ind_compose_model_label_in(
                                  ind_projection_model(p), x->lang));
    return buf;
}

/* The projected mean and 80% bounds in the report's year. */
static void projected(const report_ctx *x, const ind_projection *p,
                      double *mean, double *lo, double *hi)
{
    size_t h = (size_t)(x->project_to - ind_projection_first_year(p));
    const double *l = ind_projection_lower(p, 0);
    const double *u = ind_projection_upper(p, 0);

    *mean = ind_projection_mean(p)[h];
    *lo = l ? l[h] : NAN;
    *hi = u ? u[h] : NAN;
}

/* Whether the projection has its intervals (not with no degree of
 * freedom left). */
static int has_range(const report_ctx *x, const ind_projection *p)
{
    double mean, lo, hi;

    projected(x, p, &mean, &lo, &hi);
    return isfinite(lo) && isfinite(hi);
}

/* ---- Opening ------------------------------------------------------------ */

static void fact(report_ctx *x, compose_word term, ind_report_style style,
                 const char *value)
{
    report_ok(x, ind_report_begin_fact(x->r, w(x, term), x->err));
    text(x, style, value);
    end(x);
}

void report_opening(report_ctx *x)
{
    char buf[TEXT], a[64], b[64], date[32];
    time_t t = x->o->created ? x->o->created : time(NULL);
    struct tm tm;

    report_ok(x, ind_report_heading(x->r, 1, x->title, "top", x->err));
    if (gmtime_r(&t, &tm) == NULL ||
        strftime(date, sizeof date, "%Y-%m-%d", &tm) == 0)
        snprintf(date, sizeof date, "?");
    report_ok(x, ind_report_begin_facts(x->r, x->err));
    fact(x, CW_DATE, IND_REPORT_PLAIN, date);
    fact(x, CW_DATASET, IND_REPORT_CODE, x->label);
    fact(x, CW_DIGEST, IND_REPORT_CODE, x->sha);
    snprintf(a, sizeof a, "%zu", ind_dataset_reading_count(x->ds));
    snprintf(b, sizeof b, "%zu", ind_dataset_indicator_count(x->ds));
    fact(x, CW_ROWS, IND_REPORT_PLAIN,
         report_fill(buf, sizeof buf, w(x, CW_ROWS_TEXT), a, b, NULL, NULL,
                     NULL));
    year_text(a, sizeof a, x->first_year);
    year_text(b, sizeof b, x->last_year);
    fact(x, CW_SPAN, IND_REPORT_PLAIN,
         report_fill(buf, sizeof buf, w(x, CW_YEARS_RANGE), a, b, NULL,
                     NULL, NULL));
    if (x->o->vintage != NULL && x->o->vintage[0] != '\0')
        fact(x, CW_VINTAGE, IND_REPORT_PLAIN, x->o->vintage);
    year_text(a, sizeof a, x->project_to);
    fact(x, CW_PROJECTIONS, IND_REPORT_PLAIN,
         report_fill(buf, sizeof buf, w(x, CW_PROJECTIONS_TEXT), a,
                     ind_model_name(x->o->projection.model), NULL, NULL,
                     NULL));
    snprintf(buf, sizeof buf, "%s%slibindicators %s",
             x->o->program ? x->o->program : "", x->o->program ? ", " : "",
             IND_VERSION);
    fact(x, CW_PROGRAM, IND_REPORT_PLAIN, buf);
    end(x);
    snprintf(a, sizeof a, "%zu", x->n);
    paragraph(x, report_fill(buf, sizeof buf, w(x, CW_INTRO), a, NULL, NULL,
                             NULL, NULL));
    paragraph(x, report_fill(buf, sizeof buf, w(x, CW_MARKS), MARK_PARTIAL,
                             MARK_ESTIMATED, MARK_ANNUALISED, NULL, NULL));
    report_ok(x, ind_report_contents_here(x->r, 2, x->err));
}

/* ---- Summary ------------------------------------------------------------ */

/* The last growth row of an item (NULL when none). */
static const ind_growth_row *last_row(const report_item *it)
{
    size_t n = it->growth ? ind_growth_length(it->growth) : 0;

    return n ? ind_growth_row_at(it->growth, n - 1) : NULL;
}

static void summary_row(report_ctx *x, const report_item *it)
{
    const ind_growth_row *row = last_row(it);
    const ind_growth_summary *sum = it->growth
                                    ? ind_growth_get_summary(it->growth)
                                    : NULL;
    char buf[TEXT], a[96], b[96], anchor[128];
    const ind_point *pt;
    int rate = is_rate(it);

    report_ok(x, ind_report_begin_row(x->r, 0, x->err));
    item_anchor(anchor, sizeof anchor, it);
    report_ok(x, ind_report_begin_cell(x->r, x->err));
    report_ok(x, ind_report_ref(x->r, it->name, anchor, x->err));
    end(x);
    if (row == NULL) {
        int k;
        for (k = 0; k < 7; k++)
            cell(x, w(x, CW_NONE));
        end(x);
        return;
    }
    pt = ind_series_point(it->series, row->point);
    report_ok(x, ind_report_begin_cell(x->r, x->err));
    text(x, IND_REPORT_PLAIN, point_text(buf, sizeof buf, pt, rate));
    cite_source(x, pt->source);
    end(x);
    cell(x, year_text(buf, sizeof buf, row->year));
    /* The change on the year before: percent, or points for a rate. */
    if (rate)
        change_text(x, a, sizeof a, row->abs_change_per_year, 1);
    else
        pct_text(x, a, sizeof a, row->yoy_pct);
    snprintf(buf, sizeof buf, "%s%s", a, row->annualised &&
             (rate ? isfinite(row->abs_change) : isfinite(row->yoy_pct))
             ? " " MARK_ANNUALISED : "");
    cell(x, buf);
    if (sum != NULL && isfinite(sum->cagr_pct)) {
        char y0[16], y1[16];
        pct_text(x, a, sizeof a, sum->cagr_pct);
        report_fill(b, sizeof b, w(x, CW_YEARS_RANGE),
                    year_text(y0, sizeof y0, sum->from),
                    year_text(y1, sizeof y1, sum->to), NULL, NULL, NULL);
        snprintf(buf, sizeof buf, "%s (%s)", a, b);
        cell(x, buf);
    } else {
        cell(x, w(x, CW_NONE));
    }
    if (it->proj != NULL) {
        double mean, lo, hi;
        projected(x, it->proj, &mean, &lo, &hi);
        if (isfinite(lo) && isfinite(hi)) {
            cell(x, about_text(it, buf, sizeof buf, mean));
            about_text(it, a, sizeof a, lo);
            about_text(it, b, sizeof b, hi);
            snprintf(buf, sizeof buf, "%s\xE2\x80\x93%s", a, b);
            cell(x, buf);
        } else {
            /* No range, no figure: a bare number would read as a
             * forecast (the section gives the line's value, labelled). */
            snprintf(a, sizeof a, "%zu", ind_series_length(it->series));
            cell(x, report_fill(buf, sizeof buf, w(x, CW_NO_RANGE_SHORT), a,
                                NULL, NULL, NULL, NULL));
            cell(x, w(x, CW_NONE));
        }
        cell(x, model_text(x, buf, sizeof buf, it->proj));
    } else {
        cell(x, w(x, CW_NONE));
        cell(x, w(x, CW_NONE));
        cell(x, w(x, CW_NONE));
    }
    end(x);
}

void report_summary(report_ctx *x)
{
    static const ind_report_align align[] = {
        IND_REPORT_LEFT, IND_REPORT_RIGHT, IND_REPORT_RIGHT, IND_REPORT_RIGHT,
        IND_REPORT_RIGHT, IND_REPORT_RIGHT, IND_REPORT_RIGHT, IND_REPORT_LEFT
    };
    static const compose_word heads[] = {
        CW_COL_INDICATOR, CW_COL_LATEST, CW_COL_YEAR, CW_COL_YOY,
        CW_COL_CAGR, CW_COL_PROJECTION, CW_COL_RANGE, CW_COL_MODEL
    };
    char buf[TEXT], year[16];
    size_t i;

    report_ok(x, ind_report_heading(x->r, 2, w(x, CW_H_SUMMARY), "summary",
                                    x->err));
    report_ok(x, ind_report_begin_table(x->r, 8, align,
                                        w(x, CW_SUMMARY_CAPTION), x->err));
    report_ok(x, ind_report_begin_row(x->r, 1, x->err));
    for (i = 0; i < 8; i++)
        cell(x, report_fill(buf, sizeof buf, w(x, heads[i]),
                            year_text(year, sizeof year, x->project_to),
                            NULL, NULL, NULL, NULL));
    end(x);
    for (i = 0; i < x->n; i++)
        summary_row(x, &x->items[i]);
    end(x);
}

/* ---- One indicator ------------------------------------------------------- */

static void describe(report_ctx *x, const report_item *it)
{
    static const compose_word kinds[] = {
        CW_COUNT, CW_KIND_STOCK, CW_KIND_FLOW, CW_KIND_RATE
    };
    char buf[TEXT];

    if (it->ind.description[0] != '\0')
        paragraph(x, it->ind.description);
    report_ok(x, ind_report_begin_paragraph(x->r, x->err));
    if (it->ind.unit[0] != '\0') {
        text(x, IND_REPORT_PLAIN, report_fill(buf, sizeof buf, w(x, CW_UNIT),
                                              it->ind.unit, NULL, NULL, NULL,
                                              NULL));
        text(x, IND_REPORT_PLAIN, " ");
    }
    if ((unsigned)it->ind.kind < 4 && kinds[it->ind.kind] != CW_COUNT) {
        text(x, IND_REPORT_PLAIN, w(x, kinds[it->ind.kind]));
        text(x, IND_REPORT_PLAIN, " ");
    }
    text(x, IND_REPORT_PLAIN, w(x, CW_ID));
    text(x, IND_REPORT_PLAIN, " ");
    text(x, IND_REPORT_CODE, it->ind.id);
    end(x);
}

static void figure(report_ctx *x, const report_item *it)
{
    ind_report_figure f = IND_REPORT_FIGURE_INIT;
    char alt[TEXT], caption[TEXT], span[64], y0[16], y1[16], n[16];
    char proj[256], model[128], year[16];
    size_t len = ind_series_length(it->series);
    int ranged;

    if (it->image == NULL && it->svg == NULL) {
        paragraph(x, it->chart_problem ? it->chart_problem
                                       : w(x, CW_NO_CHART));
        return;
    }
    report_fill(span, sizeof span, w(x, CW_YEARS_RANGE),
                year_text(y0, sizeof y0, ind_series_point(it->series,
                                                          0)->year),
                year_text(y1, sizeof y1, ind_series_point(it->series,
                                                          len - 1)->year),
                NULL, NULL, NULL);
    snprintf(n, sizeof n, "%zu", len);
    year_text(year, sizeof year, x->project_to);
    /* Say the intervals are shaded only when they are drawn. */
    ranged = it->proj != NULL && has_range(x, it->proj);
    if (it->proj != NULL)
        report_fill(proj, sizeof proj, w(x, ranged ? CW_ALT_PROJECTED
                                                   : CW_ALT_LINE),
                    year, NULL, NULL, NULL, NULL);
    else
        proj[0] = '\0';
    report_fill(alt, sizeof alt, w(x, CW_ALT), it->name, span, n, proj,
                NULL);
    if (it->proj != NULL)
        report_fill(caption, sizeof caption,
                    w(x, ranged ? CW_CAPTION_PROJECTED : CW_CAPTION_LINE),
                    it->name, span, year,
                    model_text(x, model, sizeof model, it->proj), NULL);
    else
        report_fill(caption, sizeof caption, w(x, CW_CAPTION), it->name, span,
                    NULL, NULL, NULL);
    f.image = it->image;
    f.svg = it->svg;
    f.svg_length = it->svg_len;
    f.alt = alt;
    f.caption = caption;
    report_ok(x, ind_report_add_figure(x->r, &f, x->err));
}

/* The rows shown: all, or the first and the latest (shown - 1). */
static int row_shown(size_t k, size_t n, size_t shown)
{
    return n <= shown || k == 0 || k >= n - (shown - 1);
}

static void figures_table(report_ctx *x, const report_item *it)
{
    static const ind_report_align align[] = {
        IND_REPORT_LEFT, IND_REPORT_RIGHT, IND_REPORT_RIGHT, IND_REPORT_RIGHT,
        IND_REPORT_CENTER
    };
    static const compose_word heads[] = {
        CW_COL_YEAR, CW_COL_VALUE, CW_COL_CHANGE, CW_COL_CHANGE_PCT,
        CW_COL_SOURCE
    };
    size_t n = ind_growth_length(it->growth), k;
    size_t shown = x->o->years_shown ? x->o->years_shown : 12;
    char buf[TEXT], a[96], b[96];
    int rate = is_rate(it);

    if (shown < 2)
        shown = 2;
    report_ok(x, ind_report_begin_table(x->r, 5, align,
                                        report_fill(buf, sizeof buf,
                                                    w(x, CW_TABLE_CAPTION),
                                                    it->name, NULL, NULL,
                                                    NULL, NULL), x->err));
    report_ok(x, ind_report_begin_row(x->r, 1, x->err));
    for (k = 0; k < 5; k++)
        cell(x, w(x, heads[k]));
    end(x);
    for (k = 0; k < n; k++) {
        const ind_growth_row *row = ind_growth_row_at(it->growth, k);
        const ind_point *pt = ind_series_point(it->series, row->point);
        const char *gap = row->annualised ? " " MARK_ANNUALISED : "";
        if (!row_shown(k, n, shown))
            continue;
        report_ok(x, ind_report_begin_row(x->r, 0, x->err));
        cell(x, year_text(buf, sizeof buf, row->year));
        cell(x, point_text(buf, sizeof buf, pt, rate));
        change_text(x, a, sizeof a, row->abs_change_per_year, rate);
        snprintf(buf, sizeof buf, "%s%s", a,
                 isfinite(row->abs_change_per_year) ? gap : "");
        cell(x, buf);
        pct_text(x, b, sizeof b, row->yoy_pct);
        snprintf(buf, sizeof buf, "%s%s", b,
                 isfinite(row->yoy_pct) ? gap : "");
        cell(x, buf);
        report_ok(x, ind_report_begin_cell(x->r, x->err));
        cite_source(x, pt->source);
        end(x);
        end(x);
    }
    end(x);
    if (n > shown) {
        snprintf(a, sizeof a, "%zu", shown - 1);
        snprintf(b, sizeof b, "%zu", n);
        paragraph(x, report_fill(buf, sizeof buf, w(x, CW_TABLE_CUT), a, b,
                                 NULL, NULL, NULL));
    }
}

static void projection(report_ctx *x, const report_item *it)
{
    char buf[TEXT], m[96], lo[96], hi[96], year[16], model[128];
    const ind_projection *p = it->proj;
    double mean, l, h;

    if (p == NULL) {
        /* One figure: the caveats say there is no projection. */
        if (it->not_projected != NULL && ind_series_length(it->series) > 1)
            paragraph(x, it->not_projected);
        return;
    }
    projected(x, p, &mean, &l, &h);
    about_text(it, m, sizeof m, mean);
    year_text(year, sizeof year, x->project_to);
    model_text(x, model, sizeof model, p);
    if (isfinite(l) && isfinite(h)) {
        report_fill(buf, sizeof buf, w(x, CW_PROJECTION), m, year,
                    about_text(it, lo, sizeof lo, l),
                    about_text(it, hi, sizeof hi, h), model);
    } else {
        char count[16];
        snprintf(count, sizeof count, "%zu", ind_series_length(it->series));
        report_fill(buf, sizeof buf, w(x, CW_PROJECTION_NO_RANGE), m, year,
                    model, count, NULL);
    }
    report_ok(x, ind_report_begin_paragraph(x->r, x->err));
    text(x, IND_REPORT_PLAIN, buf);
    if (ind_projection_choice(p)[0] != '\0') {
        char s[TEXT];
        text(x, IND_REPORT_PLAIN, " ");
        text(x, IND_REPORT_PLAIN,
             report_fill(buf, sizeof buf, w(x, CW_CHOICE),
                         sentence(s, sizeof s, ind_projection_choice(p)),
                         NULL, NULL, NULL, NULL));
    }
    if (ind_projection_calibrated(p)) {
        text(x, IND_REPORT_PLAIN, " ");
        text(x, IND_REPORT_PLAIN, w(x, CW_CALIBRATED));
    }
    text(x, IND_REPORT_PLAIN, " ");
    {
        char s[TEXT];
        text(x, IND_REPORT_PLAIN,
             report_fill(buf, sizeof buf, w(x, CW_METHOD),
                         sentence(s, sizeof s, ind_projection_method(p)),
                         NULL, NULL, NULL, NULL));
    }
    end(x);
}

/* ---- What a reader must know ---------------------------------------------- */

typedef struct caveats {
    report_ctx *x;
    int open;       /* the note and its list are open */
} caveats;

/* Open the caveat note on the first item. */
static void caveat_item(caveats *c)
{
    report_ctx *x = c->x;

    if (!c->open) {
        report_ok(x, ind_report_begin_note(x->r, IND_REPORT_NOTE_CAVEAT,
                                           x->err));
        report_ok(x, ind_report_begin_list(x->r, 0, x->err));
        c->open = 1;
    }
    report_ok(x, ind_report_begin_item(x->r, x->err));
}

static void caveat(caveats *c, const char *t)
{
    caveat_item(c);
    text(c->x, IND_REPORT_PLAIN, t);
    end(c->x);
}

/* A sentence for a list: its first letter a capital, a full stop at the
 * end (the engines' messages start lower case, to follow a colon). */
static const char *capitalised(char *buf, size_t size, const char *t)
{
    sentence(buf, size, t);
    if (buf[0] >= 'a' && buf[0] <= 'z')
        buf[0] = (char)(buf[0] - 'a' + 'A');
    return buf;
}

/* A reading in words: "9,790 (2019-09-11)" or "(year-end)"; with `early`,
 * "(2017-12-11, before the end of the year)". */
static const char *reading_text(const report_ctx *x, char *buf, size_t size,
                                const ind_reading *r, int early)
{
    char num[64], date[128];

    value_text(num, sizeof num, r->value);
    if (early)
        report_fill(date, sizeof date, w(x, CW_BEFORE_END), r->as_of, NULL,
                    NULL, NULL, NULL);
    else
        snprintf(date, sizeof date, "%s", r->as_of[0] ? r->as_of
                                                      : w(x, CW_YEAR_END));
    snprintf(buf, size, "%s (%s)", num, date);
    return buf;
}

/* Reading k of the item's series, when it is of `year`; 0 otherwise. */
static int reading_of_year(const report_ctx *x, const report_item *it,
                           size_t k, int year, size_t *index,
                           ind_reading *r)
{
    return ind_dataset_series_reading(x->ds, it->series_index, k, index,
                                      NULL) == IND_OK &&
           ind_dataset_reading(x->ds, *index, r, NULL) == IND_OK &&
           r->year == year;
}

/* A year with several readings: which was used and why (and, for a
 * part-year one, that it is), the others. */
static void decided(caveats *c, const report_item *it, const ind_point *pt)
{
    report_ctx *x = c->x;
    size_t count = ind_dataset_series_reading_count(x->ds, it->series_index);
    size_t k, same = 0, index;
    char buf[TEXT], used[256], other[256], year[16], n[16];
    ind_reading r, chosen;

    if (pt->reading == IND_NO_READING ||
        ind_dataset_reading(x->ds, pt->reading, &chosen, NULL) != IND_OK)
        return;
    for (k = 0; k < count; k++)
        same += (size_t)reading_of_year(x, it, k, pt->year, &index, &r);
    snprintf(n, sizeof n, "%zu", same);
    reading_text(x, used, sizeof used, &chosen,
                 (pt->flags & IND_POINT_PARTIAL_YEAR) != 0);
    caveat_item(c);
    text(x, IND_REPORT_PLAIN,
         report_fill(buf, sizeof buf, w(x, CW_DECIDED),
                     year_text(year, sizeof year, pt->year), n, used,
                     pt->flags & IND_POINT_EXPLICIT ? w(x, CW_BY_ROLE)
                                                    : w(x, CW_BY_DATE),
                     NULL));
    cite_source(x, chosen.source);
    for (k = 0, same = 0; k < count; k++) {
        if (!reading_of_year(x, it, k, pt->year, &index, &r) ||
            index == pt->reading)
            continue;
        /* "; not used: A[1], B[2]" */
        reading_text(x, other, sizeof other, &r, 0);
        text(x, IND_REPORT_PLAIN, same++ ? w(x, CW_LIST_SEP) : "; ");
        text(x, IND_REPORT_PLAIN,
             same > 1 ? other : report_fill(buf, sizeof buf, w(x, CW_ALSO),
                                            other, NULL, NULL, NULL, NULL));
        cite_source(x, r.source);
    }
    text(x, IND_REPORT_PLAIN, ".");
    end(x);
}

static const char *status_word(const report_ctx *x, char status)
{
    static const char letters[] = "EPFBDGIUV";
    static const compose_word words[] = {
        CW_S_E, CW_S_P, CW_S_F, CW_S_B, CW_S_D, CW_S_G, CW_S_I, CW_S_U, CW_S_V
    };
    const char *at = status ? strchr(letters, status) : NULL;

    return at ? w(x, words[at - letters]) : NULL;
}

/* The years missing between the first and the last, as "2018, 2020–2021";
 * their count in *missing. */
static void missing_years(const report_ctx *x, const report_item *it,
                          char *buf, size_t size, int *missing)
{
    size_t n = ind_series_length(it->series), k, used = 0;
    const char *sep = w(x, CW_LIST_SEP);

    buf[0] = '\0';
    *missing = 0;
    for (k = 1; k < n && used + 32 < size; k++) {
        int a = ind_series_point(it->series, k - 1)->year + 1;
        int b = ind_series_point(it->series, k)->year - 1;
        if (a > b)
            continue;
        *missing += b - a + 1;
        used += (size_t)snprintf(buf + used, size - used, "%s", used ? sep
                                                                    : "");
        if (a == b)
            used += (size_t)snprintf(buf + used, size - used, "%d", a);
        else
            used += (size_t)snprintf(buf + used, size - used,
                                     "%d\xE2\x80\x93%d", a, b);
    }
}

/* Whether the projection carries a warning of this kind. */
static int warned(const report_item *it, ind_projection_warning_kind kind)
{
    size_t k;

    for (k = 0; it->proj != NULL && k < ind_projection_nwarnings(it->proj);
         k++)
        if (ind_projection_warning_kind_at(it->proj, k) == kind)
            return 1;
    return 0;
}

/* Missing years, once: the gaps, how many, and (when the projection's
 * trend is fitted across them) what the fit uses. */
static void missing_caveat(caveats *c, const report_item *it)
{
    report_ctx *x = c->x;
    size_t len = ind_series_length(it->series);
    char years[TEXT / 2], share[256], buf[TEXT], a[16], b[16], y0[16], y1[16];
    int missing, first = ind_series_point(it->series, 0)->year;
    int last = ind_series_point(it->series, len - 1)->year;

    missing_years(x, it, years, sizeof years, &missing);
    if (years[0] == '\0')
        return;
    snprintf(a, sizeof a, "%d", missing);
    snprintf(b, sizeof b, "%d", last - first + 1);
    report_fill(share, sizeof share, w(x, CW_MISSING_SHARE), a, b,
                year_text(y0, sizeof y0, first),
                year_text(y1, sizeof y1, last), NULL);
    if (warned(it, IND_PROJECTION_WARN_GAPS)) {
        snprintf(a, sizeof a, "%zu", len);
        caveat(c, report_fill(buf, sizeof buf, w(x, CW_MISSING_FITTED), years,
                              share, a, NULL, NULL));
    } else {
        caveat(c, report_fill(buf, sizeof buf, w(x, CW_MISSING), years, share,
                              NULL, NULL, NULL));
    }
}

/* Few figures, once, with what the projection's degrees of freedom mean
 * for its intervals. */
static void few_caveat(caveats *c, const report_item *it)
{
    report_ctx *x = c->x;
    size_t len = ind_series_length(it->series);
    double df = ind_projection_stats(it->proj)->df;
    char buf[TEXT], n[16], d[64], count[16];

    snprintf(n, sizeof n, "%zu", len);
    if (warned(it, IND_PROJECTION_WARN_NO_DF)) {
        caveat(c, report_fill(buf, sizeof buf,
                              w(x, has_range(x, it->proj) ? CW_FEW_NO_DF
                                                          : CW_FEW_NO_RANGE),
                              n, NULL, NULL, NULL, NULL));
    } else if (warned(it, IND_PROJECTION_WARN_FEW_DF) && isfinite(df)) {
        snprintf(count, sizeof count, "%g", df);
        report_fill(d, sizeof d, w(x, df == 1.0 ? CW_DF_ONE : CW_DF_MANY),
                    count, NULL, NULL, NULL, NULL);
        caveat(c, report_fill(buf, sizeof buf, w(x, CW_FEW_DF), n, d, NULL,
                              NULL, NULL));
    } else {
        caveat(c, report_fill(buf, sizeof buf, w(x, CW_FEW), n, NULL, NULL,
                              NULL, NULL));
    }
}

/* Part-year figures in the fit, once: which, and whether the forecast
 * starts from one. */
static void partial_fit_caveat(caveats *c, const report_item *it)
{
    report_ctx *x = c->x;
    size_t len = ind_series_length(it->series), k, n, count = 0, used = 0;
    char years[TEXT / 2], buf[TEXT], starts[128], last[16];
    int from = x->o->projection.from_year;
    const ind_point *latest = ind_series_point(it->series, len - 1);
    int last_partial = (latest->flags & IND_POINT_PARTIAL_YEAR) != 0;

    if (!warned(it, IND_PROJECTION_WARN_PARTIAL) &&
        !warned(it, IND_PROJECTION_WARN_LAST_PARTIAL))
        return;
    years[0] = '\0';
    for (k = 0; k < len; k++) {
        const ind_point *pt = ind_series_point(it->series, k);
        count += (pt->flags & IND_POINT_PARTIAL_YEAR) && pt->year >= from;
    }
    /* "2012, 2016 and 2019" */
    for (k = 0, n = 0; k < len && used + 32 < sizeof years; k++) {
        const ind_point *pt = ind_series_point(it->series, k);
        if ((pt->flags & IND_POINT_PARTIAL_YEAR) == 0 || pt->year < from)
            continue;
        used += (size_t)snprintf(years + used, sizeof years - used, "%s%d",
                                 n == 0 ? "" : n + 1 == count
                                 ? w(x, CW_LIST_AND) : w(x, CW_LIST_SEP),
                                 pt->year);
        n++;
    }
    year_text(last, sizeof last, latest->year);
    if (count == 1 && last_partial)
        caveat(c, report_fill(buf, sizeof buf, w(x, CW_FIT_LAST_PARTIAL),
                              last, NULL, NULL, NULL, NULL));
    else if (count == 1)
        caveat(c, report_fill(buf, sizeof buf, w(x, CW_FIT_PARTIAL_ONE),
                              years, NULL, NULL, NULL, NULL));
    else if (count > 1)
        caveat(c, report_fill(buf, sizeof buf, w(x, CW_FIT_PARTIAL_MANY),
                              years,
                              last_partial
                              ? report_fill(starts, sizeof starts,
                                            w(x, CW_FIT_STARTS), last, NULL,
                                            NULL, NULL, NULL)
                              : "", NULL, NULL, NULL));
}

/* What a reader must know, each fact once: first the data's (several
 * readings, part-year and flagged figures, missing years, the check's
 * findings), then the projection's (few figures and what they leave for
 * the intervals, the model's warnings, part-year figures fitted as
 * year-end levels, a flagged figure the forecast starts from). */
static void what_to_know(report_ctx *x, const report_item *it)
{
    caveats c = { x, 0 };
    char buf[TEXT], year[16];
    size_t len = ind_series_length(it->series), k;
    const ind_point *latest = ind_series_point(it->series, len - 1);

    if (len == 1)
        caveat(&c, w(x, CW_ONE));
    for (k = 0; k < len; k++) {
        const ind_point *pt = ind_series_point(it->series, k);
        const char *status = status_word(x, pt->status);
        int chosen = (pt->flags & IND_POINT_CHOSEN) != 0 &&
                     pt->reading != IND_NO_READING;
        if (chosen)
            decided(&c, it, pt);
        if ((pt->flags & IND_POINT_PARTIAL_YEAR) && !chosen)
            caveat(&c, report_fill(buf, sizeof buf, w(x, CW_PARTIAL),
                                   year_text(year, sizeof year, pt->year),
                                   pt->as_of, NULL, NULL, NULL));
        if (status != NULL)
            caveat(&c, report_fill(buf, sizeof buf, w(x, CW_STATUS),
                                   year_text(year, sizeof year, pt->year),
                                   status, NULL, NULL, NULL));
    }
    missing_caveat(&c, it);
    for (k = 0; k < ind_findings_count(x->findings); k++) {
        const ind_diagnostic *d = ind_findings_at(x->findings, k);
        if (d->severity != IND_SEVERITY_NOTE &&
            strcmp(d->subject, it->ind.id) == 0)
            caveat(&c, capitalised(buf, sizeof buf, d->message));
    }
    if (it->proj != NULL && len < 5)
        few_caveat(&c, it);
    for (k = 0; it->proj != NULL && k < ind_projection_nwarnings(it->proj);
         k++) {
        switch (ind_projection_warning_kind_at(it->proj, k)) {
        case IND_PROJECTION_WARN_GAPS:         /* with the missing years */
        case IND_PROJECTION_WARN_PARTIAL:      /* below, in one sentence */
        case IND_PROJECTION_WARN_LAST_PARTIAL:
        case IND_PROJECTION_WARN_LAST_STATUS:
            continue;
        case IND_PROJECTION_WARN_FEW_DF:       /* with the few figures */
        case IND_PROJECTION_WARN_NO_DF:
            if (len < 5)
                continue;
            break;
        default:
            break;
        }
        caveat(&c, capitalised(buf, sizeof buf,
                               ind_projection_warning(it->proj, k)));
    }
    partial_fit_caveat(&c, it);
    if (warned(it, IND_PROJECTION_WARN_LAST_STATUS))
        caveat(&c, report_fill(buf, sizeof buf, w(x, CW_FIT_LAST_STATUS),
                               year_text(year, sizeof year, latest->year), NULL,
                               NULL, NULL, NULL));
    if (c.open) {
        end(x); /* the list */
        end(x); /* the note */
    } else {
        paragraph(x, w(x, CW_NO_CAVEAT));
    }
}

static void section(report_ctx *x, const report_item *it)
{
    char anchor[128], buf[TEXT];

    item_anchor(anchor, sizeof anchor, it);
    report_ok(x, ind_report_heading(x->r, 3, it->name, anchor, x->err));
    describe(x, it);
    if (it->series == NULL) {
        report_ok(x, ind_report_begin_note(x->r, IND_REPORT_NOTE_CAVEAT,
                                           x->err));
        paragraph(x, report_fill(buf, sizeof buf, w(x, CW_UNDECIDED),
                                 it->series_err.message, NULL, NULL, NULL,
                                 NULL));
        end(x);
        return;
    }
    figure(x, it);
    figures_table(x, it);
    projection(x, it);
    what_to_know(x, it);
}

void report_sections(report_ctx *x)
{
    size_t i;

    report_ok(x, ind_report_heading(x->r, 2, w(x, CW_H_INDICATORS),
                                    "indicators", x->err));
    for (i = 0; i < x->n && x->rc == IND_OK; i++)
        section(x, &x->items[i]);
}

/* ---- Data quality ---------------------------------------------------------- */

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');

    return slash ? slash + 1 : path;
}

void report_quality(report_ctx *x)
{
    char buf[TEXT], a[16], b[16], c[16], line[32];
    size_t k, n = ind_findings_count(x->findings);

    report_ok(x, ind_report_heading(x->r, 2, w(x, CW_H_QUALITY), "quality",
                                    x->err));
    if (n == 0) {
        paragraph(x, w(x, CW_QUALITY_NONE));
        return;
    }
    snprintf(a, sizeof a, "%zu", ind_findings_with(x->findings,
                                                   IND_SEVERITY_ERROR));
    snprintf(b, sizeof b, "%zu", ind_findings_with(x->findings,
                                                   IND_SEVERITY_WARNING));
    snprintf(c, sizeof c, "%zu", ind_findings_with(x->findings,
                                                   IND_SEVERITY_NOTE));
    paragraph(x, report_fill(buf, sizeof buf, w(x, CW_QUALITY_COUNTS), a, b,
                             c, NULL, NULL));
    report_ok(x, ind_report_begin_list(x->r, 0, x->err));
    for (k = 0; k < n; k++) {
        const ind_diagnostic *d = ind_findings_at(x->findings, k);
        report_ok(x, ind_report_begin_item(x->r, x->err));
        text(x, IND_REPORT_STRONG, w(x, d->severity == IND_SEVERITY_ERROR
                                            ? CW_ERROR
                                        : d->severity == IND_SEVERITY_WARNING
                                            ? CW_WARNING : CW_NOTE));
        text(x, IND_REPORT_PLAIN, " (");
        if (d->line > 0) {
            snprintf(line, sizeof line, "%lu", d->line);
            text(x, IND_REPORT_PLAIN, report_fill(buf, sizeof buf,
                                                  w(x, CW_AT_LINE), line,
                                                  base_name(d->path), NULL,
                                                  NULL, NULL));
        } else {
            text(x, IND_REPORT_PLAIN, base_name(d->path));
        }
        text(x, IND_REPORT_PLAIN, "): ");
        text(x, IND_REPORT_PLAIN, d->message);
        end(x);
    }
    end(x);
}

/* ---- Methods, sources -------------------------------------------------------- */

void report_methods(report_ctx *x)
{
    char buf[TEXT];

    report_ok(x, ind_report_heading(x->r, 2, w(x, CW_H_METHODS), "methods",
                                    x->err));
    paragraph(x, w(x, CW_M_CHOICE));
    paragraph(x, report_fill(buf, sizeof buf, w(x, CW_M_GROWTH),
                             MARK_ANNUALISED, NULL, NULL, NULL, NULL));
    if (x->o->projection.model == IND_MODEL_AUTO)
        paragraph(x, w(x, CW_M_PROJECTION));
    else
        paragraph(x, report_fill(buf, sizeof buf, w(x, CW_M_NAMED),
                                 ind_compose_model_label_in(
                                     x->o->projection.model, x->lang),
                                 NULL, NULL, NULL, NULL));
    paragraph(x, w(x, CW_M_INTERVALS));
    paragraph(x, w(x, CW_M_SOURCES));
    report_ok(x, ind_report_heading(x->r, 2, w(x, CW_H_SOURCES), "sources",
                                    x->err));
    report_ok(x, ind_report_sources_here(x->r, x->err));
}
