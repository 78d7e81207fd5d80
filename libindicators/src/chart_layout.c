/* chart_layout: the plan of a chart. Everything is measured in pixels of
 * the canvas (font sizes in points, 96 pixels per inch) and
 * turned into screen fractions, so that gnuplot has nothing left to guess:
 * texts, key and plot boxes cannot overlap whatever the text lengths. */
#include "chart_internal.h"
#include "error_internal.h"
#include "indicators/number.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define KEY_MAX (IND_CHART_MAX_SERIES + 8)
#define EN_DASH "\xE2\x80\x93"

static double clampd(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Pixels of a font size in points: cairo and SVG draw at 96 per inch. */
static double px(double pt)
{
    return pt * 4.0 / 3.0;
}

static void plan_fonts(chart_plan *p, const ind_chart *c)
{
    double s = fmin(c->width / 960.0, c->height / 600.0);

    p->font = clampd(nearbyint(10.0 * s), 9, 28);
    p->title_font = nearbyint(p->font * 1.5);
    p->subtitle_font = p->font;
    p->footer_font = fmax(8, nearbyint(p->font * 0.82));
    p->label_font = fmax(8, nearbyint(p->font * 0.9));
}

/* ---- Facts about the data -------------------------------------------- */

static int first_year(const ind_chart *c)
{
    int y = c->series[0].years[0];
    size_t i;

    for (i = 1; i < c->n_series; i++)
        if (c->series[i].years[0] < y)
            y = c->series[i].years[0];
    return y;
}

/* Last year with a figure; with `projected`, projections count too. */
static int last_year(const ind_chart *c, int projected)
{
    int y = c->series[0].years[c->series[0].n - 1], v;
    size_t i;

    for (i = 0; i < c->n_series; i++) {
        const chart_series *s = &c->series[i];
        v = projected && s->pn ? s->pyears[s->pn - 1] : s->years[s->n - 1];
        if (v > y)
            y = v;
    }
    return y;
}

/* The unit every series shares, or NULL when they differ or have none. */
static const char *common_unit(const ind_chart *c)
{
    size_t i;

    for (i = 1; i < c->n_series; i++)
        if (strcmp(c->series[i].unit, c->series[0].unit) != 0)
            return NULL;
    return c->series[0].unit[0] ? c->series[0].unit : NULL;
}

/* The model every projected series shares, "" when none or they differ. */
static const char *common_model(const ind_chart *c)
{
    const char *m = NULL;
    size_t i;

    for (i = 0; i < c->n_series; i++) {
        if (c->series[i].pn == 0)
            continue;
        if (m != NULL && strcmp(m, c->series[i].model) != 0)
            return "";
        m = c->series[i].model;
    }
    return m ? m : "";
}

static int has_projection(const ind_chart *c)
{
    size_t i;

    for (i = 0; i < c->n_series; i++)
        if (c->series[i].pn > 0)
            return 1;
    return 0;
}

/* Extend [*lo, *hi] by the figures of one series, projections included. */
static void series_range(const chart_series *s, double *lo, double *hi)
{
    size_t i;

    for (i = 0; i < s->n; i++) {
        *lo = fmin(*lo, s->values[i]);
        *hi = fmax(*hi, s->values[i]);
    }
    for (i = 0; i < s->pn; i++) {
        *lo = fmin(*lo, s->pbands ? s->plo[s->pbands - 1][i] : s->pmean[i]);
        *hi = fmax(*hi, s->pbands ? s->phi[s->pbands - 1][i] : s->pmean[i]);
    }
}

/* Largest magnitude of a series' figures (history and means). */
static double magnitude(const chart_series *s)
{
    double m = 0;
    size_t i;

    for (i = 0; i < s->n; i++)
        m = fmax(m, fabs(s->values[i]));
    for (i = 0; i < s->pn; i++)
        m = fmax(m, fabs(s->pmean[i]));
    return m;
}

/* Line charts: one axis only when units agree and the largest series is
 * at most ten times the smallest; beyond that the small one is a flat
 * line at the bottom and its movements are invisible. */
static int line_fits_one_axis(const ind_chart *c)
{
    double small = INFINITY, big = 0;
    size_t i;

    for (i = 1; i < c->n_series; i++)
        if (strcmp(c->series[i].unit, c->series[0].unit) != 0)
            return 0;
    for (i = 0; i < c->n_series; i++) {
        small = fmin(small, magnitude(&c->series[i]));
        big = fmax(big, magnitude(&c->series[i]));
    }
    return big == 0 || (small > 0 && big / small <= 10.0);
}

static int plan_sharing(chart_plan *p, const ind_chart *c, ind_error *err)
{
    if (c->n_series == 1)
        p->shared = 1;
    else if (c->layout == IND_CHART_LAYOUT_SHARED) {
        if (c->kind == IND_CHART_GROWTH)
            return ind_error_set(err, IND_EINVAL, "a growth chart of several "
                                 "series needs panels, not a shared axis");
        p->shared = 1;
    } else if (c->layout == IND_CHART_LAYOUT_PANELS)
        p->shared = 0;
    else if (c->kind == IND_CHART_GROWTH)
        p->shared = 0;
    else if (c->kind == IND_CHART_INDEX)
        p->shared = 1;
    else
        p->shared = line_fits_one_axis(c);
    p->panels = p->shared ? 1 : c->n_series;
    p->cols = p->panels <= 3 ? 1 : 2;
    p->rows = (p->panels + p->cols - 1) / p->cols;
    return IND_OK;
}

/* ---- Texts ------------------------------------------------------------ */


/* "A", "A and B", "A, B and C". */
static char *names_title(const ind_chart *c)
{
    char *t = NULL;
    size_t len = 0, i;
    int bad = 0;

    for (i = 0; i < c->n_series; i++) {
        if (i > 0)
            bad |= chart_cat(&t, &len, chart_word(c->lang, i + 1 == c->n_series
                                                         ? W_AND
                                                         : W_LIST_SEP));
        bad |= chart_cat(&t, &len, c->series[i].name);
    }
    if (bad) {
        free(t);
        return NULL;
    }
    return t;
}

/* Write a fixed word with one number (a year) into buf. */
static const char *word_year(char *buf, size_t size, const ind_chart *c,
                             chart_word_id id, int year)
{
    char num[16];

    snprintf(num, sizeof num, "%d", year);
    return chart_word_fill(buf, size, c->lang, id, num);
}

static char *subtitle_text(const ind_chart *c)
{
    char span[64], proj[64];
    const char *unit = common_unit(c), *model = common_model(c);
    const char *part_sep = chart_word(c->lang, W_PART_SEP);
    int y0 = first_year(c), y1 = last_year(c, 0), bad = 0;
    char *t = NULL;
    size_t len = 0;

    if (y0 == y1)
        snprintf(span, sizeof span, "%d", y0);
    else
        snprintf(span, sizeof span, "%d" EN_DASH "%d", y0, y1);
    if (c->kind == IND_CHART_GROWTH) {
        bad |= chart_cat(&t, &len, chart_word(c->lang, W_GROWTH_SUB));
        bad |= chart_cat(&t, &len, part_sep);
    } else if (c->kind == IND_CHART_INDEX) {
        bad |= chart_cat(&t, &len, word_year(proj, sizeof proj, c, W_INDEX_SUB,
                                       c->base_year));
        bad |= chart_cat(&t, &len, part_sep);
    } else if (unit != NULL) {
        bad |= chart_cat(&t, &len, unit);
        bad |= chart_cat(&t, &len, chart_word(c->lang, W_UNIT_SEP));
    }
    bad |= chart_cat(&t, &len, span);
    if (has_projection(c)) {
        bad |= chart_cat(&t, &len, part_sep);
        bad |= chart_cat(&t, &len, word_year(proj, sizeof proj, c, W_PROJECTED_TO,
                                       last_year(c, 1)));
        if (model[0] != '\0') {
            bad |= chart_cat(&t, &len, chart_word(c->lang, W_MODEL_OPEN));
            bad |= chart_cat(&t, &len, model);
            bad |= chart_cat(&t, &len, chart_word(c->lang, W_MODEL_CLOSE));
        }
    }
    if (bad) {
        free(t);
        return NULL;
    }
    return t;
}

/* How much room texts may take; the plan squeezes them step by step when
 * the canvas is too small for the plots to keep a readable size. */
typedef struct squeeze {
    size_t title, subtitle, sources, note; /* most lines of each */
    double key_em;                         /* widest key text */
} squeeze;

static const squeeze squeezes[] = {
    { 2, 2, 3, 2, 40.0 },
    { 1, 1, 2, 1, 28.0 },
    { 1, 1, 1, 1, 0.0 }  /* key texts: half the width, two columns */
};

/* Wrap title, subtitle and footer to the canvas width. */
static int plan_texts(chart_plan *p, const ind_chart *c, const squeeze *q)
{
    double avail = c->width - 2.4 * px(p->font);
    double footer_em = avail / px(p->footer_font);
    char *title = c->title[0] ? strdup(c->title) : names_title(c);
    char *sub = c->subtitle[0] ? strdup(c->subtitle) : subtitle_text(c);
    char *src = c->source_line[0] ? strdup(c->source_line)
                                  : chart_source_line(c, footer_em,
                                                      q->sources);
    int bad = title == NULL || sub == NULL || src == NULL;

    if (!bad)
        bad = chart_text_wrap(&p->title, title, avail / px(p->title_font),
                              q->title) ||
              chart_text_wrap(&p->subtitle, sub,
                              avail / px(p->subtitle_font), q->subtitle) ||
              chart_text_wrap(&p->footer, src, footer_em, q->sources);
    if (!bad && c->note[0] != '\0') {
        chart_lines note = { NULL, 0, 0 };
        size_t i;
        bad = chart_text_wrap(&note, c->note, avail / px(p->footer_font),
                              q->note);
        for (i = 0; !bad && i < note.n; i++)
            bad = chart_lines_push(&p->footer, note.line[i]);
        chart_lines_clear(&note);
    }
    free(title);
    free(sub);
    free(src);
    return bad ? -1 : 0;
}

static char *ylabel_text(const ind_chart *c)
{
    char buf[64];
    const char *unit = common_unit(c);

    if (c->ylabel[0] != '\0')
        return strdup(c->ylabel);
    if (c->kind == IND_CHART_GROWTH)
        return strdup(chart_word(c->lang, W_GROWTH_AXIS));
    if (c->kind == IND_CHART_INDEX)
        return strdup(word_year(buf, sizeof buf, c, W_INDEX_AXIS,
                                c->base_year));
    return strdup(unit ? unit : chart_word(c->lang, W_VALUE));
}

/* Panel titles: "Name (unit)", cut to one line of the panel's width. */
static int plan_panel_titles(chart_plan *p, const ind_chart *c, double em)
{
    size_t i;

    for (i = 0; i < p->panels; i++) {
        const chart_series *s = &c->series[i];
        size_t len = strlen(s->name) + strlen(s->unit) + 4;
        chart_lines one = { NULL, 0, 0 };
        char *t = malloc(len);
        int bad;

        if (t == NULL)
            return -1;
        if (s->unit[0] != '\0' && c->kind == IND_CHART_LINE)
            snprintf(t, len, "%s (%s)", s->name, s->unit);
        else
            snprintf(t, len, "%s", s->name);
        bad = chart_text_wrap(&one, t, em, 1) ||
              chart_lines_push(&p->panel_title, one.n ? one.line[0] : "");
        free(t);
        chart_lines_clear(&one);
        if (bad)
            return -1;
    }
    return 0;
}

/* ---- Key ---------------------------------------------------------------- */

static int key_add(chart_plan *p, chart_sample sample, int colour, int mark,
                   const char *text)
{
    chart_key_entry *e = &p->key[p->n_key];
    chart_lines one = { NULL, 0, 0 };

    if (chart_text_wrap(&one, text, p->key_em, 1) != 0)
        return -1;
    e->text = strdup(one.n ? one.line[0] : "");
    chart_lines_clear(&one);
    if (e->text == NULL)
        return -1;
    e->sample = sample;
    e->colour = colour;
    e->mark = mark;
    p->n_key++;
    return 0;
}

/* The mark flags of every point, combined (bars show all of a point's). */
static unsigned flags_present(const ind_chart *c)
{
    unsigned bits = 0;
    size_t i, k;

    for (i = 0; i < c->n_series; i++)
        for (k = 0; k < c->series[i].n; k++)
            bits |= c->series[i].marks[k];
    return bits;
}

/* The symbols drawn on lines: each point's strongest flag. */
static unsigned symbols_present(const ind_chart *c)
{
    unsigned bits = 0;
    size_t i, k;

    for (i = 0; i < c->n_series; i++)
        for (k = 0; k < c->series[i].n; k++)
            bits |= (unsigned)ind_chart_mark_stronger(
                (ind_chart_mark)c->series[i].marks[k], IND_CHART_MARK_NORMAL);
    return bits;
}

/* The first series with a band of this rank (0 innermost), or NULL. */
static const chart_series *band_series(const ind_chart *c, size_t band)
{
    size_t i;

    for (i = 0; i < c->n_series; i++)
        if (c->series[i].pbands > band)
            return &c->series[i];
    return NULL;
}

/* The mark flags in the key's order, and their words. */
static const int key_flags[] = { IND_CHART_MARK_ESTIMATED,
                                 IND_CHART_MARK_DERIVED,
                                 IND_CHART_MARK_PARTIAL };
static const chart_word_id key_flag_words[] = {
    W_MARK_ESTIMATED, W_MARK_DERIVED, W_MARK_PARTIAL
};

static int key_lines(chart_plan *p, const ind_chart *c)
{
    int one = p->shared && c->n_series == 1, colour = one ? 0 : -1, bad = 0;
    const char *model = common_model(c);
    char proj[IND_CHART_TEXT_MAX * 4 + 32];
    size_t i;

    if (p->shared && (!one || has_projection(c)))
        for (i = 0; i < c->n_series; i++)
            bad |= key_add(p, SAMPLE_LINE, (int)i, 0,
                           one ? chart_word(c->lang, W_ACTUAL)
                               : c->series[i].name);
    if (has_projection(c)) {
        chart_word_fill(proj, sizeof proj, c->lang, model[0]
                        ? W_PROJECTION_MODEL : W_PROJECTION, model);
        bad |= key_add(p, SAMPLE_PROJECTION, colour, 0, proj);
    }
    for (i = 0; i < IND_CHART_MAX_BANDS; i++) {
        const chart_series *s = band_series(c, i);
        char level[32], text[96];
        if (s == NULL)
            continue;
        snprintf(level, sizeof level, "%.15g", s->plevel[i]);
        chart_word_fill(text, sizeof text, c->lang, W_INTERVAL, level);
        bad |= key_add(p, i == 0 ? SAMPLE_BAND_INNER : SAMPLE_BAND_OUTER,
                       colour, 0, text);
    }
    /* The marks are drawn in the series' colour: so is their sample when
     * there is one series; with several, the shape tells them apart. */
    for (i = 0; i < 3; i++)
        if (symbols_present(c) & (unsigned)key_flags[i])
            bad |= key_add(p, SAMPLE_MARK, c->n_series == 1 ? 0 : -1,
                           key_flags[i],
                           chart_word(c->lang, key_flag_words[i]));
    return bad ? -1 : 0;
}

/* Does some bar with mark flag m rise (or stay level)? */
static int marked_bar_rises(const ind_chart *c, int m)
{
    size_t i, k;

    for (i = 0; i < c->n_series; i++)
        for (k = 0; k < c->series[i].n; k++)
            if ((c->series[i].marks[k] & m) && c->series[i].values[k] >= 0)
                return 1;
    return 0;
}

static int key_bars(chart_plan *p, const ind_chart *c)
{
    int falls = 0, bad = 0;
    size_t i, k;

    for (i = 0; i < c->n_series; i++)
        for (k = 0; k < c->series[i].n; k++)
            falls |= c->series[i].values[k] < 0;
    if (falls) {
        bad |= key_add(p, SAMPLE_RISE, -1, 0,
                       chart_word(c->lang, W_INCREASE));
        bad |= key_add(p, SAMPLE_FALL, -1, 0,
                       chart_word(c->lang, W_DECREASE));
    }
    /* A marked bar is drawn in the colour of its direction: the sample
     * takes the rise colour when some marked bar rises, else the fall
     * colour (colour -2). */
    for (i = 0; i < 3; i++)
        if (flags_present(c) & (unsigned)key_flags[i])
            bad |= key_add(p, SAMPLE_BAR_MARK,
                           marked_bar_rises(c, key_flags[i]) ? -1 : -2,
                           key_flags[i],
                           chart_word(c->lang, key_flag_words[i]));
    return bad ? -1 : 0;
}

/* Entries, then their places: they flow left to right in rows no wider
 * than the canvas, each row centred. Widths are estimated erring wide. */
static int plan_key(chart_plan *p, const ind_chart *c)
{
    double em = px(p->font), avail = c->width - 2.4 * em;
    double sample = 2.2 * em, gap = 0.5 * em, after = 1.6 * em;
    double row_w = 0, w;
    size_t i, first = 0, k;

    p->key = calloc(KEY_MAX, sizeof *p->key);
    if (p->key == NULL)
        return -1;
    if ((c->kind == IND_CHART_GROWTH ? key_bars(p, c) : key_lines(p, c)))
        return -1;
    p->key_sample = sample / c->width;
    p->key_gap = gap / c->width;
    p->key_rows = p->n_key ? 1 : 0;
    for (i = 0; i <= p->n_key; i++) {
        w = i < p->n_key ? sample + gap +
                           chart_text_width(p->key[i].text) * em : 0;
        if (i == p->n_key || (i > first && row_w + after + w > avail)) {
            /* Close the row first..i-1: centre it. */
            double x = (c->width - row_w) / 2;
            for (k = first; k < i; k++) {
                p->key[k].x = x / c->width;
                p->key[k].row = p->key_rows - 1;
                x += sample + gap + chart_text_width(p->key[k].text) * em +
                     after;
            }
            if (i == p->n_key)
                break;
            first = i;
            row_w = 0;
            p->key_rows++;
        }
        row_w += (row_w > 0 ? after : 0) + w;
    }
    return 0;
}

/* ---- Geometry --------------------------------------------------------- */

/* Vertical bands from the top and bottom edges; returns the pixel rows
 * between which the plots go. */
static void plan_vertical(chart_plan *p, const ind_chart *c, double *top,
                          double *bottom)
{
    double H = c->height, F = px(p->font), y;

    p->title_step = 1.25 * px(p->title_font) / H;
    p->subtitle_step = 1.3 * px(p->subtitle_font) / H;
    p->footer_step = 1.3 * px(p->footer_font) / H;
    y = 0.9 * F + 0.625 * px(p->title_font);
    p->title_y0 = 1 - y / H;
    y += 1.25 * px(p->title_font) * ((double)p->title.n - 0.5) + 0.5 * F +
         0.65 * px(p->subtitle_font);
    p->subtitle_y0 = 1 - y / H;
    y += 1.3 * px(p->subtitle_font) * ((double)p->subtitle.n - 0.5);
    *top = y + (p->shared ? 1.6 : 1.0) * F;

    y = 0.7 * F + 1.3 * px(p->footer_font) * ((double)p->footer.n - 0.5);
    p->footer_y0 = y / H;
    y += 0.65 * px(p->footer_font) + (p->footer.n ? 0.7 * F : 0);
    p->key_step = 1.35 * F / H;
    y += (double)p->key_rows * 1.35 * F;
    p->key_top = y / H;
    y += (p->key_rows ? 0.6 : 0.2) * F;
    /* Room for the year labels and the "Year" axis label under the plot;
     * panels keep their year labels inside their cells. */
    y += (p->shared ? 3.4 : 1.6) * F;
    *bottom = y;
}

/* Place the panel boxes: cells of equal size, each with room for its
 * title above and its year labels below. */
static void plan_boxes(chart_plan *p, const ind_chart *c, double top,
                       double bottom, double tick_em)
{
    double W = c->width, H = c->height, F = px(p->font);
    double left_pad = 1.2 * F, right_pad = 1.2 * F;
    double label = p->shared && p->ylabel ? 2.0 * F : 0.0;
    double cell_w = (W - left_pad - right_pad) / (double)p->cols;
    double head = p->shared ? 0.0 : 1.7 * F, foot = 2.2 * F;
    double cell_h = (H - top - bottom) / (double)p->rows;
    size_t i;

    for (i = 0; i < p->panels; i++) {
        size_t col = i % p->cols, row = i / p->cols;
        double x0 = left_pad + (double)col * cell_w;
        double y0 = H - top - (double)row * cell_h; /* from the bottom */
        chart_box *b = &p->box[i];
        b->left = (x0 + label + tick_em * F + 0.9 * F) / W;
        b->right = (x0 + cell_w - (p->cols > 1 && col == 0 ? 2.0 : 0.8) *
                    F) / W;
        b->top = (y0 - head) / H;
        b->bottom = (y0 - cell_h + foot) / H;
    }
}

/* ---- Scales ----------------------------------------------------------- */

static void panel_range(const chart_plan *p, const ind_chart *c, size_t i,
                        double *lo, double *hi)
{
    size_t k;

    *lo = INFINITY;
    *hi = -INFINITY;
    for (k = 0; k < c->n_series; k++)
        if (!p->shared ? k == i : 1)
            series_range(&c->series[k], lo, hi);
    if (c->kind == IND_CHART_GROWTH) {
        *lo = fmin(*lo, 0);
        *hi = fmax(*hi, 0);
    } else if (c->kind == IND_CHART_INDEX) {
        *lo = fmin(*lo, 100);
        *hi = fmax(*hi, 100);
    } else if (*lo >= 0 && (*lo <= 0.5 * *hi || *lo == *hi)) {
        /* Most of the way to zero already, or a single level: show zero,
         * it keeps the proportions honest. */
        *lo = 0;
    }
}

/* Pick each panel's y axis for a plot `height_px` tall. */
static void plan_axes(chart_plan *p, const ind_chart *c, double height_px)
{
    int ticks = (int)clampd(floor(height_px / (p->shared ? 4.5 : 3.0) /
                                  px(p->font)), 2, 7);
    double lo, hi, head;
    size_t i;

    for (i = 0; i < p->panels; i++) {
        panel_range(p, c, i, &lo, &hi);
        head = 0.07;
        if (lo != 0 && c->kind != IND_CHART_GROWTH) {
            /* a point on the bottom edge hides; but the pad must not
             * take an axis of positive values below zero */
            double padded = lo - (hi - lo) * 0.04;
            lo = lo > 0 && padded < 0 ? 0 : padded;
        }
        if (c->kind == IND_CHART_GROWTH && p->bar_labels) {
            /* room for the value labels beyond the bar ends */
            double span = hi - lo > 0 ? hi - lo : 1;
            head = 0.12;
            if (lo < 0)
                lo -= span * 0.12;
        }
        chart_axis_make(&p->y[i], lo, hi, ticks, head);
    }
}

static double widest_tick(const chart_plan *p)
{
    double w = 0;
    size_t i;

    for (i = 0; i < p->panels; i++)
        w = fmax(w, chart_axis_label_width(&p->y[i]));
    return w;
}

/* Several lines of a shared plot, all ending in the same year, with no
 * projection: their last values go right of that year, where no line
 * runs (left of it they would sit on the lines converging there). Sets
 * labels_right to the widest label's em, or 0. */
static void plan_labels_right(chart_plan *p, const ind_chart *c)
{
    char text[IND_NUMBER_HUMAN_BUFSIZE + 8];
    int y1 = last_year(c, 0);
    size_t i;

    p->labels_right = 0;
    if (!p->shared || c->n_series < 2 || c->kind == IND_CHART_GROWTH ||
        has_projection(c))
        return;
    for (i = 0; i < c->n_series; i++)
        if (c->series[i].years[c->series[i].n - 1] != y1)
            return;
    for (i = 0; i < c->n_series; i++) {
        const chart_series *s = &c->series[i];
        chart_value_text(text, sizeof text, s->values[s->n - 1], c->kind);
        p->labels_right = fmax(p->labels_right, chart_text_width(text));
    }
}

static void plan_years(chart_plan *p, const ind_chart *c, double width_px)
{
    double pad = c->kind == IND_CHART_GROWTH ? 0.6 : 0.5, right;
    int y0 = first_year(c), y1 = last_year(c, 1);
    double per_year, label_px;

    if (y1 - y0 < 3)
        pad = 1.0;
    right = pad;
    if (p->labels_right > 0) {
        /* the label, its offset from the point and a little air */
        label_px = (p->labels_right + 1.6) * px(p->label_font);
        per_year = (width_px - label_px) / (y1 - y0 + pad);
        if (per_year > 0)
            right = fmax(pad, label_px / per_year);
    }
    p->xlo = y0 - pad;
    p->xhi = y1 + right;
    per_year = width_px / (p->xhi - p->xlo);
    p->xstep = chart_year_step(per_year, 3.6 * px(p->font));
    p->xfirst = (int)(ceil(p->xlo / p->xstep) * p->xstep);
    p->dots = per_year >= 1.6 * px(p->font);
    p->bar_labels = per_year >= 3.4 * px(p->font) ? 1 :
                    per_year >= 1.3 * px(p->font) ? 2 : 0;
}

/* Cut the y axis label to the plot's height. */
static int fit_ylabel(chart_plan *p, const ind_chart *c)
{
    double em = (p->box[0].top - p->box[0].bottom) * c->height /
                px(p->font) - 0.5;
    chart_lines one = { NULL, 0, 0 };

    if (chart_text_width(p->ylabel) <= em)
        return 0;
    if (chart_text_wrap(&one, p->ylabel, em, 1) != 0)
        return -1;
    free(p->ylabel);
    p->ylabel = strdup(one.n ? one.line[0] : "");
    chart_lines_clear(&one);
    return p->ylabel ? 0 : -1;
}

/* Release the texts and key of a plan, to plan them again tighter. */
static void release_texts(chart_plan *p)
{
    size_t i;

    chart_lines_clear(&p->title);
    chart_lines_clear(&p->subtitle);
    chart_lines_clear(&p->footer);
    for (i = 0; i < p->n_key; i++)
        free(p->key[i].text);
    free(p->key);
    p->key = NULL;
    p->n_key = p->key_rows = 0;
}

/* Texts, key and the vertical bands, squeezed until each plot keeps at
 * least a readable height. Returns IND_OK, IND_EINVAL (too small) or
 * IND_ENOMEM. */
static int plan_room(chart_plan *p, const ind_chart *c, double *top,
                     double *bottom, ind_error *err)
{
    double need = (p->shared ? 6.0 : 7.0) * px(p->font), plot_h = 0;
    size_t level;

    for (level = 0; level < sizeof squeezes / sizeof squeezes[0]; level++) {
        release_texts(p);
        p->key_em = squeezes[level].key_em;
        if (p->key_em == 0)
            p->key_em = fmax(6.0, (c->width - 2.4 * px(p->font)) /
                                  px(p->font) / 2 - 5.5);
        if (plan_texts(p, c, &squeezes[level]) != 0 || plan_key(p, c) != 0)
            return ind_error_set(err, IND_ENOMEM, "out of memory");
        plan_vertical(p, c, top, bottom);
        plot_h = (c->height - *top - *bottom) / (double)p->rows;
        if (plot_h >= need)
            return IND_OK;
    }
    return ind_error_set(err, IND_EINVAL, "a %ux%u chart has no room for "
                         "its plots beside its texts: give a larger size",
                         c->width, c->height);
}

int chart_plan_make(chart_plan *p, const ind_chart *c, ind_error *err)
{
    double top = 0.0, bottom = 0.0, tick_em, plot_h, plot_w;
    int rc;

    memset(p, 0, sizeof *p);
    if (c->n_series == 0)
        return ind_error_set(err, IND_EINVAL, "a chart needs at least one "
                             "series");
    rc = plan_sharing(p, c, err);
    if (rc != IND_OK)
        return rc;
    plan_fonts(p, c);
    plan_labels_right(p, c);
    p->text_left = 1.2 * px(p->font) / c->width;
    p->ylabel = p->shared ? ylabel_text(c) : NULL;
    if (p->shared && p->ylabel == NULL)
        rc = ind_error_set(err, IND_ENOMEM, "out of memory");
    if (rc == IND_OK)
        rc = plan_room(p, c, &top, &bottom, err);
    if (rc != IND_OK) {
        chart_plan_free(p);
        return rc;
    }
    /* The plot size depends on the tick labels' width and the ticks on the
     * plot size: a first guess, then the real boxes. */
    plot_h = (c->height - top - bottom) / (double)p->rows -
             (p->shared ? 0.0 : 3.9) * px(p->font);
    plot_w = c->width / (double)p->cols - 8.0 * px(p->font);
    plan_years(p, c, plot_w);
    plan_axes(p, c, plot_h);
    tick_em = widest_tick(p);
    plan_boxes(p, c, top, bottom, tick_em);
    plan_years(p, c, (p->box[0].right - p->box[0].left) * c->width);
    plan_axes(p, c, (p->box[0].top - p->box[0].bottom) * c->height);
    if (widest_tick(p) > tick_em)
        plan_boxes(p, c, top, bottom, widest_tick(p));
    if ((p->box[0].right - p->box[0].left) * c->width < 8.0 * px(p->font)) {
        chart_plan_free(p);
        return ind_error_set(err, IND_EINVAL, "a %ux%u chart is too narrow "
                             "for %zu panels side by side: give a larger "
                             "size", c->width, c->height, p->cols);
    }
    if (p->shared && fit_ylabel(p, c) != 0) {
        chart_plan_free(p);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    /* A panel title may run on over the panel's right margin, to the end
     * of its cell (the canvas' right margin for the last column). */
    if (!p->shared &&
        plan_panel_titles(p, c, ((c->width - 2.4 * px(p->font)) /
                                 (double)p->cols + 1.2 * px(p->font) -
                                 p->box[0].left * c->width) /
                                px(p->font)) != 0) {
        chart_plan_free(p);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    return IND_OK;
}

void chart_plan_free(chart_plan *p)
{
    release_texts(p);
    chart_lines_clear(&p->panel_title);
    free(p->ylabel);
    memset(p, 0, sizeof *p);
}
