/* chart_script: the script's header, output, style and data sections. The
 * plot commands are chart_plot.c's. */
#include "chart_internal.h"
#include "error_internal.h"
#include "indicators/version.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Okabe & Ito (2008), "Color Universal Design": blue, vermillion, bluish
 * green, reddish purple, orange, sky blue, black. Yellow is left out: it
 * vanishes on white. */
const char *const chart_palette[IND_CHART_MAX_SERIES] = {
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
    "#000000"
};

/* Ends every datablock. Data lines start with a digit, "-", "N" (NaN) or
 * are empty, so none can start with this word. */
#define TERMINATOR "IND_END_OF_DATA"

static void put_rule(FILE *out, const char *title)
{
    size_t n = strlen(title);

    fprintf(out, "\n# ---- %s ", title);
    for (; n < 70; n++)
        fputc('-', out);
    fputc('\n', out);
}

/* "# <label><quoted text>" on its own line. The quotes keep a text that
 * ends with a backslash from joining the next line to the comment. */
static void put_comment_text(FILE *out, const char *label, const char *text)
{
    fprintf(out, "# %s", label);
    chart_put_string(out, text);
    fputc('\n', out);
}

static void put_header(FILE *out, const ind_chart *c, const char *name,
                       const char *stem)
{
    char when[32];
    struct tm tm;
    size_t i;

    if (gmtime_r(&c->created, &tm) == NULL ||
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        memcpy(when, "unknown time", 13);
    fprintf(out, "# Chart written by libindicators %s on %s\n#\n",
            IND_VERSION, when);
    if (c->title[0] != '\0')
        put_comment_text(out, "Title:   ", c->title);
    if (c->dataset_path[0] != '\0')
        put_comment_text(out, "Dataset: ", c->dataset_path);
    if (c->sha256[0] != '\0')
        fprintf(out, "# Dataset SHA-256: %s\n", c->sha256);
    if (c->command[0] != '\0')
        fprintf(out, "# Command: %s\n", c->command);
    for (i = 0; i < c->n_sources; i++)
        put_comment_text(out, i == 0 ? "Sources: " : "         ",
                         c->sources[i]);
    fprintf(out,
            "#\n"
            "# The script stands alone: the figures are in the datablocks "
            "below, and it\n"
            "# reads no file and names no output file, so it draws the "
            "same picture from\n"
            "# any folder. The picture goes to standard output:\n"
            "#   gnuplot %s > %s.png\n"
            "#   gnuplot -e 'ind_format=\"svg\"' %s > %s.svg\n"
            "#   gnuplot -e 'ind_format=\"pdf\"' %s > %s.pdf\n"
            "#\n"
            "# Texts from the dataset are untrusted: below they appear only "
            "in double\n"
            "# quotes with backslash, double quote and backtick escaped, "
            "drawn noenhanced,\n"
            "# so none of them can run as a command or as markup. The "
            "datablocks hold\n"
            "# numbers only.\n", name, stem, name, stem, name, stem);
}

static void put_output(FILE *out, const ind_chart *c, double font)
{
    put_rule(out, "Output: PNG by default, -e 'ind_format=\"svg\"' or \"pdf\"");
    fputs("if (!exists(\"ind_format\")) ind_format = \"png\"\n"
          "set encoding utf8\n"
          "# The texts were measured and wrapped for DejaVu Sans (Debian: "
          "fonts-dejavu-core),\n"
          "# and Droid Sans Fallback for Chinese (fonts-droid-fallback): "
          "another font\n"
          "# may make a line longer than its place. Cairo terminals take "
          "one family;\n"
          "# fontconfig supplies missing glyphs (Chinese, for one) from any "
          "installed\n"
          "# font that has them. SVG viewers take the list as it is. SVG "
          "sizes are\n"
          "# pixels: fontscale turns them into points at 96 per inch, as "
          "the other\n"
          "# terminals draw them.\n"
          "ind_font_cairo = \"DejaVu Sans,", out);
    chart_put_number(out, font);
    fputs("\"\nind_font_svg = \"DejaVu Sans,Bitstream Vera Sans,Verdana,"
          "Droid Sans Fallback,Noto Sans CJK SC,sans-serif,", out);
    chart_put_number(out, font);
    fprintf(out, "\"\nif (ind_format eq \"svg\") {\n"
            "    set terminal svg size %u,%u noenhanced font ind_font_svg "
            "fontscale 1.3333 "
            "background \"#ffffff\"\n"
            "} else {\n"
            "    if (ind_format eq \"pdf\") {\n"
            "        # %u x %u pixels at 96 per inch; fontscale keeps text "
            "the same share of it\n"
            "        set terminal pdfcairo size ", c->width, c->height,
            c->width, c->height);
    chart_put_fixed(out, c->width / 96.0);
    fputs("in,", out);
    chart_put_fixed(out, c->height / 96.0);
    fprintf(out, "in noenhanced font ind_font_cairo fontscale 0.75 "
            "linewidth 0.75 background \"#ffffff\"\n"
            "    } else {\n"
            "        set terminal pngcairo size %u,%u noenhanced font "
            "ind_font_cairo background \"#ffffff\"\n"
            "    }\n"
            "}\n"
            "set termoption noenhanced\n", c->width, c->height);
}

/* "name = value\n" with the value in the C locale. */
static void put_setting(FILE *out, const char *name, double value,
                        const char *prefix)
{
    fprintf(out, "%s = %s", name, prefix ? "\"" : "");
    if (prefix)
        fputs(prefix, out);
    chart_put_number(out, value);
    fputs(prefix ? "\"\n" : "\n", out);
}

static void put_style(FILE *out, const ind_chart *c, const chart_plan *p)
{
    size_t i;

    put_rule(out, "Style: edit colours, widths and sizes here");
    fputs("# Okabe-Ito colours, told apart by readers with the common "
          "colour-vision\n# deficiencies. One per series:\n", out);
    for (i = 0; i < c->n_series; i++) {
        fprintf(out, "ind_colour_%zu = \"%s\"  # ", i + 1, chart_palette[i]);
        chart_put_string(out, c->series[i].name);
        fputc('\n', out);
    }
    fprintf(out,
            "ind_colour_rise = \"%s\"      # growth bars: increases\n"
            "ind_colour_fall = \"%s\"      # growth bars: decreases\n"
            "ind_colour_text = \"#222222\"\n"
            "ind_colour_muted = \"#666666\"     # subtitle, footer, notes\n"
            "ind_colour_axis = \"#555555\"\n"
            "ind_colour_grid = \"#e4e4e4\"\n"
            "ind_colour_region = \"#f1f1f1\"    # the projection region\n"
            "ind_colour_neutral = \"#444444\"   # key samples shared by all "
            "series\n", chart_palette[0], chart_palette[1]);
    put_setting(out, "ind_line_width", p->font >= 14 ? 3.0 : 2.5, NULL);
    put_setting(out, "ind_point_size", p->font >= 14 ? 1.3 : 1.1, NULL);
    put_setting(out, "ind_font_title", p->title_font, ",");
    put_setting(out, "ind_font_subtitle", p->subtitle_font, ",");
    put_setting(out, "ind_font_footer", p->footer_font, ",");
    put_setting(out, "ind_font_panel", p->font, ",");
    put_setting(out, "ind_font_label", p->label_font, ",");
    fputs("# Line styles: 1-7 history, 11-17 projection (dashed), 21-27 "
          "dots of\n# normal points, of series 1-7; 9 the key's projection "
          "sample shared by all.\n"
          "set style line 9 lc rgb ind_colour_neutral lw ind_line_width "
          "dt (9,5)\n", out);
    for (i = 1; i <= c->n_series; i++) {
        fprintf(out, "set style line %zu lc rgb ind_colour_%zu lw "
                "ind_line_width\n", i, i);
        fprintf(out, "set style line %zu lc rgb ind_colour_%zu lw "
                "ind_line_width dt (9,5)\n", i + 10, i);
        fprintf(out, "set style line %zu lc rgb ind_colour_%zu pt 7 ps "
                "ind_point_size\n", i + 20, i);
    }
    fputs("set border 3 back lc rgb ind_colour_axis lw 1\n"
          "set tics nomirror out scale 0.5 textcolor rgb ind_colour_text\n"
          "set grid ytics back lt 1 lc rgb ind_colour_grid lw 1\n"
          "set format x \"%.0f\"\n", out);
}

/* One point row: year, value, mark, dot (1 when a normal point gets a
 * dot: always when dots are on, else only when it stands alone). */
static void put_point(FILE *out, const chart_series *s, size_t i, int dots)
{
    int alone = (i == 0 || s->years[i - 1] != s->years[i] - 1) &&
                (i + 1 == s->n || s->years[i + 1] != s->years[i] + 1);

    fprintf(out, "%d ", s->years[i]);
    chart_put_number(out, s->values[i]);
    fprintf(out, " %d %d\n", s->marks[i], dots || alone);
}

/* Bound i of band j (or the last actual figure, for the first row), NaN
 * for a band the series does not have. */
static void put_band_value(FILE *out, const chart_series *s, size_t j,
                           const double *bound, size_t i, int first_row)
{
    fputc(' ', out);
    if (j >= s->pbands)
        fputs("NaN", out);
    else
        chart_put_number(out, first_row ? s->values[s->n - 1] : bound[i]);
}

/* The columns of the projection block: a lower and an upper bound per
 * band, named by level ("lower 80%"). */
static void put_band_names(FILE *out, const chart_series *s)
{
    size_t j;

    for (j = 0; j < IND_CHART_MAX_BANDS; j++) {
        if (j < s->pbands)
            fprintf(out, ", lower %.15g%%, upper %.15g%%", s->plevel[j],
                    s->plevel[j]);
        else
            fputs(", lower (none), upper (none)", out);
    }
}

static void put_projection(FILE *out, const chart_series *s, size_t k)
{
    size_t i, j;

    fprintf(out, "# Projection of series %zu: year, mean", k);
    put_band_names(out, s);
    fprintf(out, "\n# (NaN: no interval). The first row repeats the last "
            "actual figure so the\n# dashed line and the bands start from "
            "it.\n$ind_projection_%zu << " TERMINATOR "\n%d ", k,
            s->years[s->n - 1]);
    chart_put_number(out, s->values[s->n - 1]);
    for (j = 0; j < IND_CHART_MAX_BANDS; j++) {
        put_band_value(out, s, j, NULL, 0, 1);
        put_band_value(out, s, j, NULL, 0, 1);
    }
    fputc('\n', out);
    for (i = 0; i < s->pn; i++) {
        fprintf(out, "%d ", s->pyears[i]);
        chart_put_number(out, s->pmean[i]);
        for (j = 0; j < IND_CHART_MAX_BANDS; j++) {
            put_band_value(out, s, j, s->plo[j], i, 0);
            put_band_value(out, s, j, s->phi[j], i, 0);
        }
        fputc('\n', out);
    }
    fputs(TERMINATOR "\n", out);
}

static void put_data(FILE *out, const ind_chart *c, const chart_plan *p)
{
    size_t k, i;

    put_rule(out, "Data");
    fputs("# Columns: year, value, marks (0 normal, or the sum of 1 "
          "estimated or\n# provisional, 2 derived, 4 partial-year reading), "
          "dot (1: draw a dot on a\n# normal point). A blank line is a gap: "
          "the years between have no figure.\n", out);
    for (k = 0; k < c->n_series; k++) {
        const chart_series *s = &c->series[k];
        put_comment_text(out, "", s->name);
        fprintf(out, "$ind_series_%zu << " TERMINATOR "\n", k + 1);
        for (i = 0; i < s->n; i++) {
            if (i > 0 && s->years[i] != s->years[i - 1] + 1)
                fputc('\n', out);
            put_point(out, s, i, p->dots);
        }
        fputs(TERMINATOR "\n", out);
        if (s->pn > 0)
            put_projection(out, s, k + 1);
    }
}

/* The base name of a path, for the usage lines of the header. */
static const char *base_name(const char *path)
{
    const char *slash = path ? strrchr(path, '/') : NULL;

    return slash ? slash + 1 : path;
}

/* The script's file name and its stem, shell-quoted, for the header's
 * usage lines. Returns -1 when out of memory. */
static int usage_names(const char *path, char **name, char **stem)
{
    char *clean = chart_text_clean(path ? base_name(path) : NULL);
    size_t len, nlen = 0, slen = 0;
    int bad;

    *name = *stem = NULL;
    if (clean == NULL)
        return -1;
    len = strlen(clean);
    if (len == 0 || strcmp(clean, ".gp") == 0) {
        free(clean);
        clean = strdup("chart.gp");
        if (clean == NULL)
            return -1;
        len = strlen(clean);
    }
    bad = chart_shell_append(name, &nlen, clean);
    if (len > 3 && strcmp(clean + len - 3, ".gp") == 0)
        clean[len - 3] = '\0';
    bad |= chart_shell_append(stem, &slen, clean);
    free(clean);
    return bad ? -1 : 0;
}

int chart_script_write(FILE *out, const ind_chart *c, const char *path,
                       ind_error *err)
{
    char *name, *stem;
    chart_plan plan;
    int rc;

    if (usage_names(path, &name, &stem) != 0) {
        free(name);
        free(stem);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    rc = chart_plan_make(&plan, c, err);
    if (rc == IND_OK) {
        put_header(out, c, name, stem);
        put_output(out, c, plan.font);
        put_style(out, c, &plan);
        put_data(out, c, &plan);
        chart_plot_write(out, c, &plan);
        chart_plan_free(&plan);
    }
    free(name);
    free(stem);
    if (rc == IND_OK && ferror(out))
        rc = ind_error_set(err, IND_EWRITE, "cannot write the chart script");
    return rc;
}
