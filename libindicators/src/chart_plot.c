/* chart_plot: the texts, axes and plot commands of a planned chart. All
 * positions come from the plan; every text goes through chart_put_string.
 */
#include "chart_internal.h"
#include "indicators/number.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The point type of a mark flag on a line: open circle (estimated), open
 * triangle (derived), open square (partial-year). */
static int mark_point(int flag)
{
    return flag == IND_CHART_MARK_ESTIMATED ? 6
           : flag == IND_CHART_MARK_DERIVED ? 8 : 4;
}

/* How each mark flag shows on a bar, and how a bar without any does;
 * a bar with several flags shows each (they are drawn in layers): */
#define BAR_SOLID "fs solid 0.9 noborder"          /* no flag */
#define BAR_PALE "fs transparent solid 0.35 noborder" /* estimated */
#define BAR_HATCH "fs transparent pattern 5 noborder" /* derived */
#define BAR_OUTLINE "lw 1.5 dt (4,3) fs empty border" /* partial-year */

/* The layer of flag `flag` (0: the solid bar of unmarked figures). */
static const char *bar_layer(int flag)
{
    return flag == IND_CHART_MARK_ESTIMATED ? BAR_PALE
           : flag == IND_CHART_MARK_DERIVED ? BAR_HATCH
           : flag == IND_CHART_MARK_PARTIAL ? BAR_OUTLINE : BAR_SOLID;
}

typedef struct writer {
    FILE *out;
    int tag;        /* next label number */
    int object;     /* next rectangle number (1 is the projection region) */
    int arrow;      /* next arrow number (1 is the index's 100 line) */
    int elements;   /* plot elements written in the current command */
} writer;

/* Start the next element of a plot command. */
static void element(writer *w)
{
    fputs(w->elements++ ? ", \\\n     " : "plot ", w->out);
}

static void put_screen(FILE *out, double x, double y)
{
    fputs(" at screen ", out);
    chart_put_fixed(out, x);
    fputs(", screen ", out);
    chart_put_fixed(out, y);
}

/* A label with screen coordinates; font and colour are script variables. */
static void screen_label(writer *w, const char *text, double x, double y,
                         const char *font, const char *colour)
{
    fprintf(w->out, "set label %d ", w->tag++);
    chart_put_string(w->out, text);
    put_screen(w->out, x, y);
    fprintf(w->out, " left font %s tc rgb %s noenhanced front\n", font,
            colour);
}

/* ---- Chart-wide texts and key ------------------------------------------ */


static void put_texts(writer *w, const chart_plan *p)
{
    size_t i;

    fputs("\n# ---- Title, subtitle, sources "
          "-----------------------------------------\n", w->out);
    for (i = 0; i < p->title.n; i++)
        screen_label(w, p->title.line[i], p->text_left,
                     p->title_y0 - (double)i * p->title_step,
                     "ind_font_title", "ind_colour_text");
    for (i = 0; i < p->subtitle.n; i++)
        screen_label(w, p->subtitle.line[i], p->text_left,
                     p->subtitle_y0 - (double)i * p->subtitle_step,
                     "ind_font_subtitle", "ind_colour_muted");
    for (i = 0; i < p->footer.n; i++)
        screen_label(w, p->footer.line[i], p->text_left,
                     p->footer_y0 - (double)i * p->footer_step,
                     "ind_font_footer", "ind_colour_muted");
}

/* The colour variable of key entry e: a series' colour, the neutral one
 * (-1), or for a bar's mark the rise (-1) or fall (-2) colour. */
static void key_colour(char *buf, size_t size, const chart_key_entry *e)
{
    if (e->sample == SAMPLE_BAR_MARK)
        snprintf(buf, size, e->colour == -2 ? "ind_colour_fall"
                                            : "ind_colour_rise");
    else if (e->colour < 0)
        snprintf(buf, size, "ind_colour_neutral");
    else
        snprintf(buf, size, "ind_colour_%d", e->colour + 1);
}

/* "from screen x0, screen y0 to screen x1, screen y1" */
static void put_span(FILE *out, double x0, double y0, double x1, double y1)
{
    fputs(" from screen ", out);
    chart_put_fixed(out, x0);
    fputs(", screen ", out);
    chart_put_fixed(out, y0);
    fputs(" to screen ", out);
    chart_put_fixed(out, x1);
    fputs(", screen ", out);
    chart_put_fixed(out, y1);
}

/* A key sample drawn as a rectangle: a band or a bar. */
static void key_rect(writer *w, const chart_plan *p, const chart_key_entry *e,
                     double y, double half)
{
    fprintf(w->out, "set object %d rect", w->object++);
    put_span(w->out, e->x, y - half, e->x + p->key_sample, y + half);
    fputs(" front ", w->out);
}

static void key_line(writer *w, const chart_plan *p, const chart_key_entry *e,
                     double y)
{
    fprintf(w->out, "set arrow %d", w->arrow++);
    put_span(w->out, e->x, y, e->x + p->key_sample, y);
    fputs(" nohead front ", w->out);
}

static void key_sample(writer *w, const chart_plan *p,
                       const chart_key_entry *e, double y, double half)
{
    char colour[32];

    key_colour(colour, sizeof colour, e);
    switch (e->sample) {
    case SAMPLE_LINE:
        key_line(w, p, e, y);
        fprintf(w->out, "ls %d\n", e->colour + 1);
        break;
    case SAMPLE_PROJECTION:
        /* A line style, not inline attributes: the SVG terminal merges
         * arrows of one colour into one path and drops an inline dash. */
        key_line(w, p, e, y);
        fprintf(w->out, "ls %d\n", e->colour < 0 ? 9 : e->colour + 11);
        break;
    case SAMPLE_BAND_INNER:
    case SAMPLE_BAND_OUTER:
        key_rect(w, p, e, y, half);
        fprintf(w->out, "fc rgb %s fs transparent solid %s noborder\n",
                colour, e->sample == SAMPLE_BAND_INNER ? "0.42" : "0.18");
        break;
    case SAMPLE_MARK:
        fprintf(w->out, "set label %d \"\"", w->tag++);
        put_screen(w->out, e->x + p->key_sample / 2, y);
        fprintf(w->out, " point pt %d ps ind_point_size lw 1.5 lc rgb %s "
                "front\n", mark_point(e->mark), colour);
        break;
    case SAMPLE_RISE:
    case SAMPLE_FALL:
        key_rect(w, p, e, y, half);
        fprintf(w->out, "fc rgb %s fs solid 0.9 noborder\n",
                e->sample == SAMPLE_RISE ? "ind_colour_rise"
                                         : "ind_colour_fall");
        break;
    case SAMPLE_BAR_MARK:
        key_rect(w, p, e, y, half);
        /* an object's border takes the line's colour and dashes */
        fprintf(w->out, "fc rgb %s lc rgb %s %s\n", colour, colour,
                bar_layer(e->mark));
        break;
    }
}

/* The key: samples and texts in the rows the plan laid out. gnuplot's own
 * key is off: it chooses its columns itself, which the plan cannot
 * predict. */
static void put_key(writer *w, const ind_chart *c, const chart_plan *p)
{
    double half = 0.3 * p->font * 4.0 / 3.0 / c->height;
    size_t i;

    fputs("unset key\n", w->out);
    if (p->n_key == 0)
        return;
    fputs("\n# ---- Key -------------------------------------------------"
          "------------------\n", w->out);
    for (i = 0; i < p->n_key; i++) {
        const chart_key_entry *e = &p->key[i];
        double y = p->key_top - ((double)e->row + 0.5) * p->key_step;
        key_sample(w, p, e, y, half);
        screen_label(w, e->text, e->x + p->key_sample + p->key_gap, y,
                     "ind_font_panel", "ind_colour_text");
    }
}

/* ---- One panel ----------------------------------------------------------- */

static void put_margins(writer *w, const chart_box *b)
{
    fputs("set lmargin at screen ", w->out);
    chart_put_fixed(w->out, b->left);
    fputs("\nset rmargin at screen ", w->out);
    chart_put_fixed(w->out, b->right);
    fputs("\nset tmargin at screen ", w->out);
    chart_put_fixed(w->out, b->top);
    fputs("\nset bmargin at screen ", w->out);
    chart_put_fixed(w->out, b->bottom);
    fputc('\n', w->out);
}

static int bottom_row(const chart_plan *p, size_t i)
{
    return p->shared || i + p->cols >= p->panels;
}

static void put_axes(writer *w, const ind_chart *c, const chart_plan *p,
                     size_t i)
{
    put_margins(w, &p->box[i]);
    fputs("set xrange [", w->out);
    chart_put_number(w->out, p->xlo);
    fputs(":", w->out);
    chart_put_number(w->out, p->xhi);
    fprintf(w->out, "]\nset xtics %d, %d\nunset mxtics\n", p->xfirst,
            p->xstep);
    if (bottom_row(p, i)) {
        fputs("set xlabel ", w->out);
        chart_put_string(w->out, chart_word(c->lang, W_YEAR));
        fputs(" tc rgb ind_colour_text\n", w->out);
    } else {
        fputs("unset xlabel\n", w->out);
    }
    if (p->shared && p->ylabel != NULL) {
        fputs("set ylabel ", w->out);
        chart_put_string(w->out, p->ylabel);
        fputs(" tc rgb ind_colour_text\n", w->out);
    } else {
        fputs("unset ylabel\n", w->out);
    }
    chart_axis_put(w->out, "y", &p->y[i]);
}

/* Is series k drawn in panel i? */
static int in_panel(const chart_plan *p, size_t i, size_t k)
{
    return p->shared || i == k;
}

/* The shaded "projection" region, from the earliest last actual year of
 * the projected series in panel i to the right edge. */
static void put_region(writer *w, const ind_chart *c, const chart_plan *p,
                       size_t i)
{
    int start = 0, any = 0;
    size_t k;

    for (k = 0; k < c->n_series; k++) {
        const chart_series *s = &c->series[k];
        if (!in_panel(p, i, k) || s->pn == 0)
            continue;
        if (!any || s->years[s->n - 1] < start)
            start = s->years[s->n - 1];
        any = 1;
    }
    if (!any)
        return;
    fprintf(w->out, "set object 1 rect from first %d, graph 0 to graph 1, "
            "graph 1 behind fc rgb ind_colour_region fs solid 1.0 "
            "noborder\n", start);
    fprintf(w->out, "set label %d ", w->tag++);
    chart_put_string(w->out, chart_word(c->lang, W_PROJECTION));
    fprintf(w->out, " at first %d, graph 1 left offset char 0.6, char -0.9 "
            "font ind_font_label tc rgb ind_colour_muted noenhanced front\n",
            start);
}

/* A label on the data, at (x, y) in plot coordinates. */
static void data_label(writer *w, const char *text, double x, double y,
                       const char *placement, const char *colour)
{
    fprintf(w->out, "set label %d ", w->tag++);
    chart_put_string(w->out, text);
    fputs(" at first ", w->out);
    chart_put_number(w->out, x);
    fputs(", first ", w->out);
    chart_put_coordinate(w->out, y);
    fprintf(w->out, " %s font ind_font_label tc rgb %s noenhanced front\n",
            placement, colour);
}

/* A last-value label: the series, its text and where its middle goes, in
 * pixels from the bottom of the canvas. */
typedef struct value_label {
    size_t k;
    double want;   /* where it would like to be */
    double at;     /* where it goes */
} value_label;

static int by_want(const void *a, const void *b)
{
    double d = ((const value_label *)a)->want - ((const value_label *)b)->want;

    return d < 0 ? -1 : d > 0;
}

/* Pixel height of value v in panel i, from the bottom of the canvas. */
static double value_px(const ind_chart *c, const chart_plan *p, size_t i,
                       double v)
{
    const chart_box *b = &p->box[i];
    const chart_axis *y = &p->y[i];

    return (b->bottom + (v - y->lo) / (y->hi - y->lo) * (b->top - b->bottom))
           * c->height;
}

/* Spread labels sorted by `want` so that none are closer than gap and all
 * stay between lo and hi (when they fit). */
static void spread(value_label *l, size_t n, double gap, double lo, double hi)
{
    size_t i;

    for (i = 0; i < n; i++) {
        l[i].at = l[i].want < lo ? lo : l[i].want;
        if (i > 0 && l[i].at < l[i - 1].at + gap)
            l[i].at = l[i - 1].at + gap;
    }
    for (i = n; i-- > 0;) {
        if (l[i].at > hi)
            l[i].at = hi;
        if (i + 1 < n && l[i].at > l[i + 1].at - gap)
            l[i].at = l[i + 1].at - gap;
    }
}

/* The last actual value of each series, above-left of a rise and
 * below-left of a fall (away from the line and from the projection), kept
 * inside the plot and apart from each other. */
static void put_last_values(writer *w, const ind_chart *c,
                            const chart_plan *p, size_t i)
{
    char text[IND_NUMBER_HUMAN_BUFSIZE + 8], colour[32];
    double lh = p->label_font * 4.0 / 3.0 * 1.25, v;
    double lo = p->box[i].bottom * c->height + 0.6 * lh;
    double hi = p->box[i].top * c->height - 0.6 * lh;
    value_label l[IND_CHART_MAX_SERIES];
    size_t k, n = 0;

    for (k = 0; k < c->n_series; k++) {
        const chart_series *s = &c->series[k];
        size_t last = s->n - 1;
        int falls = last > 0 && s->values[last] < s->values[last - 1];
        double at = value_px(c, p, i, s->values[last]);
        if (!in_panel(p, i, k))
            continue;
        /* Above a rise, below a fall; the other side when that side has
         * no room. Right of the last year: level with the point. */
        if ((falls && at - 0.95 * lh < lo) || (!falls && at + 0.95 * lh > hi))
            falls = !falls;
        l[n].k = k;
        l[n++].want = p->labels_right > 0 ? at
                      : at + (falls ? -0.95 : 0.95) * lh;
    }
    qsort(l, n, sizeof l[0], by_want);
    spread(l, n, lh, lo, hi);
    for (k = 0; k < n; k++) {
        const chart_series *s = &c->series[l[k].k];
        v = p->y[i].lo + (l[k].at / c->height - p->box[i].bottom) /
            (p->box[i].top - p->box[i].bottom) * (p->y[i].hi - p->y[i].lo);
        chart_value_text(text, sizeof text, s->values[s->n - 1], c->kind);
        snprintf(colour, sizeof colour, "ind_colour_%zu", l[k].k + 1);
        data_label(w, text, s->years[s->n - 1], v, p->labels_right > 0
                   ? "left offset char 0.9, char 0"
                   : "right offset char -0.7, char 0", colour);
    }
}

static void put_index_line(writer *w, const ind_chart *c)
{
    fputs("set arrow 1 from graph 0, first 100 to graph 1, first 100 nohead "
          "back lc rgb ind_colour_axis lw 1 dt (4,4)\n", w->out);
    fprintf(w->out, "set label %d \"%d = 100\" at graph 0, first 100 left "
            "offset char 0.6, char 0.7 font ind_font_label tc rgb "
            "ind_colour_muted noenhanced front\n", w->tag++, c->base_year);
}

static void put_panel_title(writer *w, const ind_chart *c,
                            const chart_plan *p, size_t i)
{
    char colour[32];
    double gap = 0.85 * p->font / c->height;

    snprintf(colour, sizeof colour, "ind_colour_%zu", i + 1);
    screen_label(w, p->panel_title.line[i], p->box[i].left,
                 p->box[i].top + gap, "ind_font_panel", colour);
}

/* ---- Plot elements: lines -------------------------------------------- */

/* The widest band first, lighter, then the narrower one over it. */
static void put_bands(writer *w, const chart_series *s, size_t k)
{
    size_t j;

    for (j = s->pbands; j-- > 0;) {
        element(w);
        fprintf(w->out, "$ind_projection_%zu using 1:%zu:%zu with "
                "filledcurves fc rgb ind_colour_%zu fs transparent solid %s "
                "noborder", k + 1, 3 + 2 * j, 4 + 2 * j, k + 1,
                j == 0 ? "0.30" : "0.18");
    }
}

static void put_marks(writer *w, size_t k)
{
    int m;

    element(w);
    fprintf(w->out, "$ind_series_%zu using 1:($3==0 && $4==1 ? $2 : NaN) "
            "with points ls %zu", k + 1, k + 21);
    /* A white disc first, so the line does not show through the open
     * symbol. */
    element(w);
    fprintf(w->out, "$ind_series_%zu using 1:($3>0 ? $2 : NaN) with points "
            "pt 7 ps ind_point_size*1.15 lc rgb \"#ffffff\"", k + 1);
    /* One symbol a point, its strongest flag's (the flags above it in
     * ind_chart_mark_stronger()'s order are masked: 4, then 1, then 2). */
    for (m = 0; m < 3; m++) {
        static const int flag[] = { IND_CHART_MARK_PARTIAL,
                                    IND_CHART_MARK_ESTIMATED,
                                    IND_CHART_MARK_DERIVED };
        static const int mask[] = { 4, 5, 7 };
        element(w);
        fprintf(w->out, "$ind_series_%zu using 1:((int($3)&%d)==%d ? $2 : "
                "NaN) with points pt %d lw 1.5 ps ind_point_size*1.15 lc rgb "
                "ind_colour_%zu", k + 1, mask[m], flag[m],
                mark_point(flag[m]), k + 1);
    }
}

static void put_line_plot(writer *w, const ind_chart *c, const chart_plan *p,
                          size_t i)
{
    size_t k;

    for (k = 0; k < c->n_series; k++)
        if (in_panel(p, i, k))
            put_bands(w, &c->series[k], k);
    for (k = 0; k < c->n_series; k++) {
        if (!in_panel(p, i, k))
            continue;
        element(w);
        fprintf(w->out, "$ind_series_%zu using 1:2 with lines ls %zu", k + 1,
                k + 1);
        if (c->series[k].pn > 0) {
            element(w);
            fprintf(w->out, "$ind_projection_%zu using 1:2 with lines ls %zu",
                    k + 1, k + 11);
        }
    }
    for (k = 0; k < c->n_series; k++)
        if (in_panel(p, i, k))
            put_marks(w, k);
}

/* ---- Plot elements: bars ----------------------------------------------- */

static void put_bar_labels(writer *w, const ind_chart *c, const chart_plan *p,
                           size_t k)
{
    const chart_series *s = &c->series[k];
    char text[IND_NUMBER_HUMAN_BUFSIZE + 8];
    size_t i;

    if (p->bar_labels == 0)
        return;
    for (i = 0; i < s->n; i++) {
        int up = s->values[i] >= 0;
        chart_value_text(text, sizeof text, s->values[i], c->kind);
        if (p->bar_labels == 1)
            data_label(w, text, s->years[i], s->values[i],
                       up ? "center offset 0, char 0.7"
                          : "center offset 0, char -0.7", "ind_colour_text");
        else
            data_label(w, text, s->years[i], s->values[i],
                       up ? "left rotate by 90 offset 0, char 0.4"
                          : "right rotate by 90 offset 0, char -0.4",
                       "ind_colour_text");
    }
}

/* The bars of series k in layers, rises and falls in their colours:
 * solid bars of unmarked figures, then a pale fill for estimated ones, a
 * hatch for derived ones and a dashed outline for partial-year ones, so
 * that a bar with several marks shows them all. */
static void put_bar_plot(writer *w, size_t k)
{
    static const char *const side[] = { ">=0", "<0" };
    static const char *const colour[] = { "ind_colour_rise",
                                          "ind_colour_fall" };
    static const int flags[] = { 0, IND_CHART_MARK_ESTIMATED,
                                 IND_CHART_MARK_DERIVED,
                                 IND_CHART_MARK_PARTIAL };
    int m, d;

    for (m = 0; m < 4; m++) {
        for (d = 0; d < 2; d++) {
            element(w);
            if (flags[m] == 0)
                fprintf(w->out, "$ind_series_%zu using 1:((int($3)&7)==0 && "
                        "$2%s ? $2 : NaN)", k + 1, side[d]);
            else
                fprintf(w->out, "$ind_series_%zu using 1:((int($3)&%d) && "
                        "$2%s ? $2 : NaN)", k + 1, flags[m], side[d]);
            fprintf(w->out, " with boxes fc rgb %s lc rgb %s %s", colour[d],
                    colour[d], bar_layer(flags[m]));
        }
    }
}

/* ---- Panels ------------------------------------------------------------ */

static void put_panel(writer *w, const ind_chart *c, const chart_plan *p,
                      size_t i)
{
    size_t k;

    fprintf(w->out, "\n# ---- %s %zu ", p->shared ? "Plot" : "Panel", i + 1);
    fputs("-----------------------------------------------------------\n",
          w->out);
    put_axes(w, c, p, i);
    if (!p->shared)
        put_panel_title(w, c, p, i);
    put_region(w, c, p, i);
    if (c->kind == IND_CHART_INDEX)
        put_index_line(w, c);
    if (c->kind == IND_CHART_GROWTH) {
        fputs("set boxwidth 0.7 absolute\n"
              "set xzeroaxis lt 1 lc rgb ind_colour_axis lw 1\n", w->out);
        for (k = 0; k < c->n_series; k++)
            if (in_panel(p, i, k))
                put_bar_labels(w, c, p, k);
    } else {
        put_last_values(w, c, p, i);
    }
    w->elements = 0;
    if (c->kind == IND_CHART_GROWTH) {
        for (k = 0; k < c->n_series; k++)
            if (in_panel(p, i, k))
                put_bar_plot(w, k);
    } else {
        put_line_plot(w, c, p, i);
    }
    fputc('\n', w->out);
    if (!p->shared && i + 1 < p->panels)
        fputs("# The next panel sets its own texts; title, footer and key "
              "are drawn once.\nunset label\nunset object\nunset arrow\n",
              w->out);
}

void chart_plot_write(FILE *out, const ind_chart *c, const chart_plan *p)
{
    writer w = { out, 1, 100, 100, 0 };
    size_t i;

    put_texts(&w, p);
    put_key(&w, c, p);
    if (!p->shared)
        fputs("set multiplot\n", out);
    for (i = 0; i < p->panels; i++)
        put_panel(&w, c, p, i);
    if (!p->shared)
        fputs("unset multiplot\n", out);
}
