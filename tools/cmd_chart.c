/* chart: a gnuplot script of one or several series (levels, year-on-year
 * growth bars, or an index), optionally with a projection, and its
 * pictures drawn by the external gnuplot. The library writes the script;
 * this file only turns dataset series into chart series. */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int run(const cli *c, int argc, char **argv);

static const struct option options[] = {
    { "output", required_argument, NULL, 'o' },
    { "kind", required_argument, NULL, 'k' },
    { "project", required_argument, NULL, 'p' },
    { "model", required_argument, NULL, 'm' },
    { "base", required_argument, NULL, 'b' },
    { "render", required_argument, NULL, 'r' },
    { "size", required_argument, NULL, 's' },
    { "title", required_argument, NULL, 't' },
    { "note", required_argument, NULL, 'n' },
    { "entity", required_argument, NULL, 'e' },
    { "layout", required_argument, NULL, 'l' },
    CLI_VINTAGE_OPTION, CLI_ENTITIES_OPTION,
    CLI_COMMON_OPTIONS, { 0, 0, 0, 0 }
};

const cli_command cli_cmd_chart = {
    "chart", "a report-quality gnuplot chart (line, growth bars, index), "
    "drawn as PNG/SVG/PDF",
    "usage: indicators [-d DATASET] chart ID... -o FILE.gp [--kind KIND]\n"
    "           [--project YEAR [--model M]] [--base YEAR] [--render FMT]\n"
    "           [--size WxH] [--title TEXT] [--note TEXT] [--entity E]\n"
    "           [--layout auto|shared|panels] [--entities E1,E2,...]\n"
    "           [--vintage DATE] [--format table|csv|json]\n"
    "\nWrites a gnuplot script that stands alone (the figures inline, a\n"
    "header with the dataset's path and SHA-256, this command, the library\n"
    "version and the time) and, with --render, draws it with gnuplot into\n"
    "the file of the same stem: FILE.png, FILE.svg, FILE.pdf.\n"
    "\n  -o, --output FILE.gp  the script to write (must end in .gp)\n"
    "  --kind line           levels, one line per indicator (default)\n"
    "  --kind growth         year-on-year change in %, as bars (falls in a\n"
    "                        second colour); across a missing year the change\n"
    "                        is annualised and drawn as derived; a rate is\n"
    "                        drawn as stated\n"
    "  --kind index          every indicator rebased to 100 in --base YEAR\n"
    "                        (default: the latest year all of them share)\n"
    "  --project YEAR        add a projection to YEAR with 80% and 95% bands\n"
    "                        (line and index charts); --model auto|combo|\n"
    "                        theta|drift|damped|holt|linear|exponential|\n"
    "                        quadratic|logistic (default auto: by how the\n"
    "                        models have forecast the series' past)\n"
    "  --render png,svg,pdf  draw the pictures (repeat or list with commas)\n"
    "  --size WxH            pixels, default 960x600 (PDF at 96 per inch)\n"
    "  --title TEXT          the title (default: the indicators' titles)\n"
    "  --note TEXT           a line for the footer, under the sources\n"
    "  --entity E            the entity of every series (default: the\n"
    "                        dataset's own subject)\n"
    "  --entities E1,E2      one indicator across entities, a series each\n"
    "                        (named by the entity's title when it has one)\n"
    "  --vintage DATE        the dataset as it stood at the end of DATE\n"
    "                        (YYYY-MM-DD, UTC), rebuilt from the history\n"
    "  --layout              several indicators on a line chart share one\n"
    "                        axis when their units agree and magnitudes are\n"
    "                        within 10x; otherwise small multiples (auto)\n"
    "\nUp to 7 indicators on one chart. The files written are named on\n"
    "stderr; stdout stays empty unless --format is given, which prints the\n"
    "files and the series drawn (csv: the files only). $SOURCE_DATE_EPOCH,\n"
    "when set, is the time written in the header (reproducible charts).\n"
    "\nExit codes: 64 bad usage, 65 a series cannot be drawn as asked,\n"
    "66 no dataset, 69 gnuplot missing (the script is still written),\n"
    "70 gnuplot failed, 73 cannot write a file.\n",
    options, "o:", CLI_TAKES_ID | CLI_PRINTS_DATA,
    run
};

typedef struct chart_args {
    ind_chart_options opts;    /* kind, layout, title, note, size */
    const char *output;        /* -o */
    const char *entity;        /* --entity, "" for the subject */
    const char *vintage;       /* --vintage, or NULL */
    const char *entities_text; /* --entities, or NULL */
    cli_list entities;         /* its words: one series each */
    char **entity_ids;         /* the one id, once per entity */
    unsigned render;           /* formats to draw, bits 1 << format */
    int project_to;            /* --project, 0 for none */
    ind_projection_options popts;
    int model_given;
    int base_given;            /* --base was given (opts.base_year) */
    int format_given;
    out_format format;
    char **ids;
    int nids;
} chart_args;

/* One indicator on its way to the chart. The arrays are the chart
 * series' and are released once ind_chart_add() has copied them. */
typedef struct chart_input {
    const char *id;
    ind_indicator ind;         /* strings owned by the dataset */
    ind_series *series;
    ind_projection *proj;      /* NULL when not projected */
    char *name;                /* title, with the entity when one is given */
    size_t n;
    int *years;
    double *values;
    ind_chart_mark *marks;
    const char **sources;
    unsigned bar_notes;        /* growth: marks of the bars, as bits */
    double *pband;             /* index: rebased mean and bounds, 5 x h */
} chart_input;

/* ---- Options ------------------------------------------------------------ */

/* Add the formats of a --render value ("png", "png,svg"); EX_USAGE on an
 * unknown name. */
static int parse_render(const char *text, unsigned *bits)
{
    char word[16];
    const char *p = text, *end;
    ind_chart_format f;
    size_t len;

    for (;;) {
        end = strchr(p, ',');
        len = end ? (size_t)(end - p) : strlen(p);
        if (len >= sizeof word)
            len = sizeof word - 1;
        memcpy(word, p, len);
        word[len] = '\0';
        if (ind_chart_format_parse(&f, word, NULL) != IND_OK)
            return cli_usage_error(&cli_cmd_chart, "--render '%s': use png, "
                                   "svg or pdf (or a list: png,svg)", text);
        *bits |= 1u << f;
        if (end == NULL)
            return EX_OK;
        p = end + 1;
    }
}

/* One option of the command; EX_OK or an exit code. */
static int parse_option(chart_args *a, int opt, char **argv)
{
    const cli_command *cmd = &cli_cmd_chart;
    ind_error err = IND_ERROR_INIT;
    int rc = EX_OK;

    switch (opt) {
    case 'o': a->output = optarg; break;
    case 't': a->opts.title = optarg; break;
    case 'n': a->opts.note = optarg; break;
    case 'e': a->entity = optarg; break;
    case CLI_OPT_VINTAGE: a->vintage = optarg; break;
    case CLI_OPT_ENTITIES: a->entities_text = optarg; break;
    case 'r': rc = parse_render(optarg, &a->render); break;
    case 'p': rc = cli_int(cmd, "project", optarg, &a->project_to); break;
    case 'b':
        a->base_given = 1;
        rc = cli_int(cmd, "base", optarg, &a->opts.base_year);
        break;
    case 'k':
        if (ind_chart_kind_parse(&a->opts.kind, optarg, &err) != IND_OK)
            rc = cli_usage_error(cmd, "--kind: %s", err.message);
        break;
    case 'm':
        a->model_given = 1;
        if (ind_model_parse(&a->popts.model, optarg, &err) != IND_OK)
            rc = cli_usage_error(cmd, "--model: %s", err.message);
        break;
    case 's':
        if (ind_chart_size_parse(&a->opts.width, &a->opts.height, optarg,
                                 &err) != IND_OK)
            rc = cli_usage_error(cmd, "--size: %s", err.message);
        break;
    case 'l':
        if (strcmp(optarg, "auto") == 0)
            a->opts.layout = IND_CHART_LAYOUT_AUTO;
        else if (strcmp(optarg, "shared") == 0)
            a->opts.layout = IND_CHART_LAYOUT_SHARED;
        else if (strcmp(optarg, "panels") == 0)
            a->opts.layout = IND_CHART_LAYOUT_PANELS;
        else
            rc = cli_usage_error(cmd, "--layout: use auto, shared or panels");
        break;
    case 'f':
        a->format_given = 1;
        rc = cli_format(cmd, optarg, &a->format);
        break;
    default:
        rc = cli_bad_option(cmd, opt, argv);
    }
    return rc;
}

/* Checks across options, once all are read. */
static int check_args(const chart_args *a)
{
    const cli_command *cmd = &cli_cmd_chart;
    size_t len = a->output ? strlen(a->output) : 0;

    if (a->nids < 1)
        return cli_usage_error(cmd, "give at least one indicator id");
    if (a->nids > IND_CHART_MAX_SERIES)
        return cli_usage_error(cmd, "a chart holds at most %d indicators "
                               "(%d given)", IND_CHART_MAX_SERIES, a->nids);
    if (a->output == NULL)
        return cli_usage_error(cmd, "-o FILE.gp is required: the script to "
                               "write");
    if (len < 4 || strcmp(a->output + len - 3, ".gp") != 0 ||
        a->output[len - 4] == '/')
        return cli_usage_error(cmd, "-o '%s': the script's name must end in "
                               ".gp (the pictures take the same stem)",
                               a->output);
    if (a->project_to != 0 && a->opts.kind == IND_CHART_GROWTH)
        return cli_usage_error(cmd, "--project draws on line and index "
                               "charts, not on growth bars");
    if (a->model_given && a->project_to == 0)
        return cli_usage_error(cmd, "--model needs --project YEAR");
    if (a->base_given && a->opts.kind != IND_CHART_INDEX)
        return cli_usage_error(cmd, "--base is for --kind index");
    return EX_OK;
}

/* --entities: one indicator, a series per entity (ids repeated). */
static int expand_entities(chart_args *a)
{
    const cli_command *cmd = &cli_cmd_chart;
    size_t i;

    if (a->nids != 1 || *a->entity != '\0')
        return cli_usage_error(cmd, "--entities compares one indicator: give "
                               "one ID and no --entity");
    if (cli_list_parse(cmd, "entities", a->entities_text, &a->entities) != 0)
        return EX_USAGE;
    a->entity_ids = malloc(a->entities.n * sizeof *a->entity_ids);
    if (a->entity_ids == NULL)
        return cli_fail(IND_ENOMEM, NULL);
    for (i = 0; i < a->entities.n; i++)
        a->entity_ids[i] = a->ids[0];
    a->ids = a->entity_ids;
    a->nids = (int)a->entities.n;
    return EX_OK;
}

/* The time for the header: $SOURCE_DATE_EPOCH when set, else now (0). */
static int created_time(time_t *out)
{
    const char *text = getenv("SOURCE_DATE_EPOCH");
    long long v = 0;
    const char *p;

    *out = 0;
    if (text == NULL || *text == '\0')
        return EX_OK;
    for (p = text; *p >= '0' && *p <= '9' && v < 1000000000000LL; p++)
        v = v * 10 + (*p - '0');
    if (*p != '\0' || p == text) {
        cli_error("SOURCE_DATE_EPOCH='%s' is not a number of seconds", text);
        return EX_USAGE;
    }
    *out = (time_t)v;
    return EX_OK;
}

static int parse_args(chart_args *a, int argc, char **argv)
{
    static const ind_chart_options defaults = IND_CHART_OPTIONS_INIT;
    static const ind_projection_options pdefaults =
        IND_PROJECTION_OPTIONS_INIT;
    int opt, rc;

    memset(a, 0, sizeof *a);
    a->opts = defaults;
    a->popts = pdefaults;
    a->entity = "";
    opterr = 0;
    for (opt = getopt_long(argc, argv, ":o:", options, NULL); opt != -1;
         opt = getopt_long(argc, argv, ":o:", options, NULL)) {
        if (opt == 'h')
            return cli_help(&cli_cmd_chart) == EX_OK ? -1 : EX_IOERR;
        rc = parse_option(a, opt, argv);
        if (rc != EX_OK)
            return rc;
    }
    a->ids = argv + optind;
    a->nids = argc - optind;
    rc = a->entities_text != NULL ? expand_entities(a) : EX_OK;
    if (rc == EX_OK)
        rc = check_args(a);
    if (rc == EX_OK)
        rc = created_time(&a->opts.created);
    return rc;
}

/* ---- Series ------------------------------------------------------------- */

static void input_release(chart_input *in)
{
    ind_series_free(in->series);
    ind_projection_free(in->proj);
    free(in->name);
    free(in->years);
    free(in->values);
    free(in->marks);
    free(in->sources);
    free(in->pband);
    memset(in, 0, sizeof *in);
}

/* "Title" or "Title (ENTITY)", the entity by its title when it has one;
 * the id when the catalog has no title. */
static char *series_name(const ind_dataset *ds, const ind_indicator *ind,
                         const char *entity)
{
    const char *title = ind->title[0] ? ind->title : ind->id;
    size_t len;
    char *name;

    if (*ind_dataset_entity_title(ds, entity) != '\0')
        entity = ind_dataset_entity_title(ds, entity);
    len = strlen(title) + strlen(entity) + 4;
    name = malloc(len);

    if (name == NULL)
        return NULL;
    if (entity[0] != '\0')
        snprintf(name, len, "%s (%s)", title, entity);
    else
        snprintf(name, len, "%s", title);
    return name;
}

/* Find an indicator's series and build it by the choice rule. */
static int load_input(ind_dataset *ds, const char *id, const char *entity,
                      chart_input *in)
{
    ind_error err = IND_ERROR_INIT;
    size_t at, series;
    int rc;

    in->id = id;
    rc = cli_series(ds, id, entity, &series);
    if (rc != EX_OK)
        return rc;
    ind_dataset_find_indicator(ds, id, &at, NULL);
    ind_dataset_indicator(ds, at, &in->ind, NULL);
    rc = ind_dataset_series(ds, series, &in->series, &err);
    if (rc != IND_OK)
        return cli_fail_error(&err);
    in->name = series_name(ds, &in->ind, entity);
    return in->name ? EX_OK : cli_fail(IND_ENOMEM, NULL);
}

/* Room for n points; the sources of every point of the series (the chart
 * drops empty and repeated ones: each point feeds the chart, also as the
 * earlier value of a change or as an index base). */
static int alloc_points(chart_input *in, size_t n)
{
    size_t k, len = ind_series_length(in->series);

    in->years = calloc(n ? n : 1, sizeof *in->years);
    in->values = calloc(n ? n : 1, sizeof *in->values);
    in->marks = calloc(n ? n : 1, sizeof *in->marks);
    in->sources = calloc(len ? len : 1, sizeof *in->sources);
    if (!in->years || !in->values || !in->marks || !in->sources)
        return -1;
    for (k = 0; k < len; k++)
        in->sources[k] = ind_series_point(in->series, k)->source;
    return 0;
}

/* Levels as they are (line charts; a rate on a growth chart). */
static int build_levels(chart_input *in)
{
    size_t k, n = ind_series_length(in->series);

    if (alloc_points(in, n) != 0)
        return cli_fail(IND_ENOMEM, NULL);
    for (k = 0; k < n; k++) {
        const ind_point *pt = ind_series_point(in->series, k);
        in->years[k] = pt->year;
        in->values[k] = pt->value;
        in->marks[k] = ind_chart_mark_of(pt);
    }
    in->n = n;
    return EX_OK;
}

/* How strongly a mark warns: partial-year, then estimated, then derived
 * (the order of ind_chart_mark_of()). */
static int mark_rank(ind_chart_mark m)
{
    static const int rank[] = { 0, 2, 1, 3 };

    return rank[m];
}

/* The mark of a bar: the stronger of its two ends' marks (a change from a
 * mid-year level misleads as much as one to it); a change annualised
 * across missing years is at least derived. */
static ind_chart_mark change_mark(const ind_series *s,
                                  const ind_growth_row *row)
{
    ind_chart_mark m = ind_chart_mark_of(ind_series_point(s, row->point));
    long prev = ind_series_find(s, row->prev_year);
    ind_chart_mark pm = prev >= 0
        ? ind_chart_mark_of(ind_series_point(s, (size_t)prev))
        : IND_CHART_MARK_NORMAL;

    if (mark_rank(pm) > mark_rank(m))
        m = pm;
    if (row->annualised && m == IND_CHART_MARK_NORMAL)
        m = IND_CHART_MARK_DERIVED;
    return m;
}

/* Growth bars: the defined year-on-year changes, marked by change_mark();
 * in->bar_notes collects the marks used (bits), for the footer. */
static int build_growth(chart_input *in)
{
    ind_error err = IND_ERROR_INIT;
    ind_growth *g = NULL;
    ind_growth_why why = IND_GROWTH_NO_PREVIOUS;
    size_t k, n;
    int rc;

    if (in->ind.kind == IND_KIND_RATE)
        return build_levels(in);
    rc = ind_growth_compute(&g, in->series, NULL, &err);
    if (rc != IND_OK)
        return cli_fail(rc, err.message);
    n = ind_growth_length(g);
    if (alloc_points(in, n) != 0) {
        ind_growth_free(g);
        return cli_fail(IND_ENOMEM, NULL);
    }
    for (k = 0; k < n; k++) {
        const ind_growth_row *row = ind_growth_row_at(g, k);
        if (isnan(row->yoy_pct)) {
            if (row->yoy_why != IND_GROWTH_NO_PREVIOUS)
                why = row->yoy_why;
            continue;
        }
        in->years[in->n] = row->year;
        in->values[in->n] = row->yoy_pct;
        in->marks[in->n] = change_mark(in->series, row);
        in->bar_notes |= 1u << in->marks[in->n];
        in->n++;
    }
    ind_growth_free(g);
    if (in->n == 0) {
        cli_error("%s: no year-on-year change to draw (%s)", in->id,
                  ind_growth_why_text(why));
        return EX_DATAERR;
    }
    return EX_OK;
}

/* Index: 100 * value / value in the base year. */
static int build_index(chart_input *in, int base)
{
    ind_growth_options o = IND_GROWTH_OPTIONS_INIT;
    ind_error err = IND_ERROR_INIT;
    ind_growth *g = NULL;
    size_t k, n;
    int rc;

    if (in->ind.kind == IND_KIND_RATE) {
        cli_error("%s is a rate (a percent change): an index of it has no "
                  "meaning; draw it with --kind line or growth", in->id);
        return EX_DATAERR;
    }
    o.base = base;
    rc = ind_growth_compute(&g, in->series, &o, &err);
    if (rc != IND_OK) {
        cli_error("%s: %s", in->id, err.message);
        ind_growth_free(g);
        return cli_exit_code(rc);
    }
    n = ind_growth_length(g);
    if (alloc_points(in, n) != 0) {
        ind_growth_free(g);
        return cli_fail(IND_ENOMEM, NULL);
    }
    for (k = 0; k < n; k++) {
        const ind_growth_row *row = ind_growth_row_at(g, k);
        if (isnan(row->index)) {
            cli_error("%s: no index to base year %d: %s", in->id, base,
                      ind_growth_why_text(row->index_why));
            ind_growth_free(g);
            return EX_DATAERR;
        }
        in->years[k] = row->year;
        in->values[k] = row->index;
        in->marks[k] = ind_chart_mark_of(ind_series_point(in->series,
                                                          row->point));
    }
    in->n = n;
    ind_growth_free(g);
    return EX_OK;
}

/* The latest year every series has a value for; 0 when none. */
static int common_base(chart_input *in, int n)
{
    const ind_series *first = in[0].series;
    size_t k = ind_series_length(first);
    int i, shared;

    while (k-- > 0) {
        int year = ind_series_point(first, k)->year;
        for (i = 1, shared = 1; i < n && shared; i++)
            shared = ind_series_find(in[i].series, year) >= 0;
        if (shared)
            return year;
    }
    return 0;
}

/* Settle the index base year: --base, else the latest shared year. */
static int choose_base(chart_args *a, chart_input *in)
{
    if (a->opts.kind != IND_CHART_INDEX || a->base_given)
        return EX_OK;
    a->opts.base_year = common_base(in, a->nids);
    if (a->opts.base_year == 0) {
        cli_error("the indicators share no year with a value, so none can "
                  "be the index base (= 100); chart them apart");
        return EX_DATAERR;
    }
    fprintf(stderr, "%s: index base year %d = 100: the latest year every "
            "indicator has a value for (--base YEAR to choose)\n",
            CLI_PROGRAM, a->opts.base_year);
    return EX_OK;
}

/* ---- Projections ------------------------------------------------------- */

/* Short model names for the legend and subtitle. */
static const char *model_label(ind_model m)
{
    switch (m) {
    case IND_MODEL_LINEAR: return "linear trend";
    case IND_MODEL_EXPONENTIAL: return "exponential trend";
    case IND_MODEL_POLYNOMIAL: return "quadratic trend";
    case IND_MODEL_DRIFT: return "random walk with drift";
    case IND_MODEL_HOLT: return "Holt's linear trend";
    case IND_MODEL_DAMPED: return "damped trend";
    case IND_MODEL_LOGISTIC: return "logistic trend";
    case IND_MODEL_NAIVE: return "random walk";
    case IND_MODEL_THETA: return "Theta method";
    case IND_MODEL_COMBO: return "mean of drift, damped and Theta";
    default: return "trend";
    }
}

/* Fit the projection of one series, saying which model and what to mind. */
static int fit_projection(const chart_args *a, chart_input *in)
{
    ind_error err = IND_ERROR_INIT;
    int last = ind_series_point(in->series,
                                ind_series_length(in->series) - 1)->year;
    size_t i;
    int rc;

    if (a->project_to <= last) {
        cli_warn("%s: not projected: its figures already reach %d", in->id,
                 last);
        return EX_OK;
    }
    rc = ind_projection_fit_series(&in->proj, in->series, a->project_to,
                                   &a->popts, &err);
    if (rc != IND_OK) {
        cli_error("%s: cannot project to %d: %s", in->id, a->project_to,
                  err.message);
        return cli_exit_code(rc);
    }
    fprintf(stderr, "%s: %s: projected %d-%d with the %s%s\n", CLI_PROGRAM,
            in->id, last + 1, a->project_to,
            model_label(ind_projection_model(in->proj)), "");
    if (*ind_projection_choice(in->proj) != '\0')
        fprintf(stderr, "%s: %s: %s\n", CLI_PROGRAM, in->id,
                ind_projection_choice(in->proj));
    for (i = 0; i < ind_projection_nwarnings(in->proj); i++)
        cli_warn("%s: %s", in->id, ind_projection_warning(in->proj, i));
    return EX_OK;
}

/* Fit every series that ends before --project; at least one must. */
static int fit_projections(const chart_args *a, chart_input *in)
{
    int i, rc = EX_OK, any = 0;

    for (i = 0; rc == EX_OK && i < a->nids; i++) {
        rc = fit_projection(a, &in[i]);
        any |= in[i].proj != NULL;
    }
    if (rc == EX_OK && !any) {
        cli_error("--project %d: every indicator already has figures for "
                  "%d; give a later year", a->project_to, a->project_to);
        rc = EX_DATAERR;
    }
    return rc;
}

/* 1 when every bound of a band is a number (none where no interval can
 * be given). */
static int band_usable(const double *lo, const double *hi, size_t h)
{
    size_t k;

    for (k = 0; lo != NULL && hi != NULL && k < h; k++)
        if (!isfinite(lo[k]) || !isfinite(hi[k]))
            return 0;
    return lo != NULL && hi != NULL;
}

/* Copy src scaled by f into dst[0..h). */
static const double *scaled(double *dst, const double *src, size_t h,
                            double f)
{
    size_t k;

    for (k = 0; k < h; k++)
        dst[k] = src[k] * f;
    return dst;
}

/* Put the fitted projection on the chart series; an index chart rebases
 * it by the same factor as the history. */
static int attach_projection(const chart_args *a, chart_input *in,
                             ind_chart_series *s, int *years)
{
    const ind_projection *p = in->proj;
    size_t h = ind_projection_horizon(p), k;
    const double *b[5];
    double f = 1.0;
    int i;

    b[0] = ind_projection_mean(p);
    b[1] = ind_projection_lower(p, 0);
    b[2] = ind_projection_upper(p, 0);
    b[3] = ind_projection_lower(p, 1);
    b[4] = ind_projection_upper(p, 1);
    if (a->opts.kind == IND_CHART_INDEX) {
        long at = ind_series_find(in->series, a->opts.base_year);
        f = 100.0 / ind_series_point(in->series, (size_t)at)->value;
        in->pband = malloc(5 * h * sizeof *in->pband);
        if (in->pband == NULL)
            return -1;
        for (i = 0; i < 5; i++)
            b[i] = scaled(in->pband + (size_t)i * h, b[i], h, f);
    }
    for (k = 0; k < h; k++)
        years[k] = ind_projection_first_year(p) + (int)k;
    s->projection.model = model_label(ind_projection_model(p));
    s->projection.length = h;
    s->projection.years = years;
    s->projection.mean = b[0];
    if (band_usable(b[1], b[2], h)) {
        s->projection.lower80 = b[1];
        s->projection.upper80 = b[2];
    }
    if (band_usable(b[3], b[4], h)) {
        s->projection.lower95 = b[3];
        s->projection.upper95 = b[4];
    }
    return 0;
}

/* ---- The chart --------------------------------------------------------- */

/* Build one indicator's points for the chart's kind. */
static int build_input(const chart_args *a, chart_input *in)
{
    if (a->opts.kind == IND_CHART_GROWTH)
        return build_growth(in);
    if (a->opts.kind == IND_CHART_INDEX)
        return build_index(in, a->opts.base_year);
    return build_levels(in);
}

/* Add one built indicator, and its projection, to the chart. */
static int add_input(const chart_args *a, chart_input *in, ind_chart *chart)
{
    ind_chart_series s = IND_CHART_SERIES_INIT;
    ind_error err = IND_ERROR_INIT;
    int *pyears = NULL, rc;

    s.name = in->name;
    s.unit = in->ind.unit;
    s.length = in->n;
    s.years = in->years;
    s.values = in->values;
    s.marks = in->marks;
    s.sources = in->sources;
    s.n_sources = ind_series_length(in->series);
    if (in->proj != NULL) {
        pyears = malloc(ind_projection_horizon(in->proj) * sizeof *pyears);
        if (pyears == NULL || attach_projection(a, in, &s, pyears) != 0) {
            free(pyears);
            return cli_fail(IND_ENOMEM, NULL);
        }
    }
    rc = ind_chart_add(chart, &s, &err);
    free(pyears);
    return rc == IND_OK ? EX_OK : cli_fail(rc, err.message);
}

/* The footer note: the user's, then what marked bars mean. */
static char *footer_note(const chart_args *a, const chart_input *in)
{
    static const char *const says[] = {
        NULL,
        "Estimated bars: a change to or from an estimated or provisional "
        "figure.",
        "Derived bars: the average yearly change across missing years "
        "(annualised).",
        "Partial-year bars: a change to or from a reading dated before the "
        "end of its year."
    };
    const char *user = a->opts.note ? a->opts.note : "";
    size_t len = strlen(user) + 1, used;
    unsigned bits = 0;
    char *note;
    int i;

    for (i = 0; i < a->nids; i++)
        bits |= in[i].bar_notes;
    for (i = 1; i < 4; i++)
        len += bits & (1u << i) ? strlen(says[i]) + 1 : 0;
    note = malloc(len);
    if (note == NULL)
        return NULL;
    used = (size_t)snprintf(note, len, "%s", user);
    for (i = 1; i < 4; i++)
        if (bits & (1u << i))
            used += (size_t)snprintf(note + used, len - used, "%s%s",
                                     used ? " " : "", says[i]);
    return note;
}

/* The command line for the header, copied before getopt reorders it,
 * with the program's name without its folder: the build path says
 * nothing about the chart and would make the gallery differ by machine.
 * Returns the copy (c->argc + 1 entries) to free, or NULL. */
static const char **command_words(const cli *c)
{
    const char **argv = malloc(((size_t)c->argc + 1) * sizeof *argv);
    const char *slash = strrchr(c->argv[0], '/');
    int i;

    if (argv == NULL)
        return NULL;
    argv[0] = slash ? slash + 1 : c->argv[0];
    for (i = 1; i <= c->argc; i++)
        argv[i] = c->argv[i];
    return argv;
}

/* Make the chart from the inputs and write the script. */
static int write_chart(chart_args *a, chart_input *in)
{
    ind_error err = IND_ERROR_INIT;
    ind_chart *chart = NULL;
    char *note = footer_note(a, in);
    int i, rc;

    if (note == NULL)
        return cli_fail(IND_ENOMEM, NULL);
    a->opts.note = note;
    rc = ind_chart_new(&chart, &a->opts, &err);
    rc = rc == IND_OK ? EX_OK : cli_fail(rc, err.message);
    for (i = 0; rc == EX_OK && i < a->nids; i++)
        rc = add_input(a, &in[i], chart);
    if (rc == EX_OK && ind_chart_write(chart, a->output, &err) != IND_OK)
        rc = cli_fail(err.code, err.message);
    if (rc == EX_OK)
        fprintf(stderr, "%s: wrote %s\n", CLI_PROGRAM, a->output);
    ind_chart_free(chart);
    free(note);
    return rc;
}

/* Draw the pictures asked for; stop at the first failure. The script
 * stays in place whatever happens here. */
static int render_all(const chart_args *a, unsigned *drawn)
{
    ind_error err = IND_ERROR_INIT;
    char *path = NULL;
    int f, rc;

    for (f = IND_CHART_PNG; f <= IND_CHART_PDF; f++) {
        if (!(a->render & (1u << f)))
            continue;
        rc = ind_chart_output_path(&path, a->output, (ind_chart_format)f,
                                   &err);
        if (rc == IND_OK)
            rc = ind_chart_render(a->output, (ind_chart_format)f, NULL, &err);
        if (rc != IND_OK) {
            free(path);
            cli_error("%s (the script %s is written)", err.message,
                      a->output);
            return cli_exit_code(rc);
        }
        fprintf(stderr, "%s: drew %s\n", CLI_PROGRAM, path);
        *drawn |= 1u << f;
        free(path);
        path = NULL;
    }
    return EX_OK;
}

/* ---- Output (--format) ------------------------------------------------- */

static int files_table(const chart_args *a, unsigned drawn, out_doc *doc)
{
    static const char *const columns[] = { "file", "format" };
    out_table *t = out_table_new(columns, 2);
    char *path;
    int f, bad = t == NULL;

    if (!bad) {
        out_text(t, a->output);
        bad |= out_text(t, "gnuplot");
    }
    for (f = IND_CHART_PNG; !bad && f <= IND_CHART_PDF; f++) {
        if (!(drawn & (1u << f)))
            continue;
        if (ind_chart_output_path(&path, a->output, (ind_chart_format)f,
                                  NULL) != IND_OK)
            bad = 1;
        else {
            out_text(t, path);
            bad |= out_text(t, ind_chart_format_extension(
                                   (ind_chart_format)f));
            free(path);
        }
    }
    return bad ? (out_table_free(t), -1)
               : out_doc_table(doc, "files", "Files", t);
}

static int series_table(const chart_args *a, const chart_input *in,
                        out_doc *doc)
{
    static const char *const columns[] = {
        "indicator", "title", "unit", "points", "first_year", "last_year",
        "model", "projected_to"
    };
    out_table *t = out_table_new(columns, 8);
    int i, bad = t == NULL;

    for (i = 0; !bad && i < a->nids; i++) {
        out_text(t, in[i].id);
        out_text(t, in[i].name);
        out_text(t, in[i].ind.unit);
        out_int(t, (long long)in[i].n);
        out_int(t, in[i].years[0]);
        out_int(t, in[i].years[in[i].n - 1]);
        if (in[i].proj != NULL) {
            out_text(t, ind_model_name(ind_projection_model(in[i].proj)));
            bad |= out_int(t, a->project_to);
        } else {
            out_null(t);
            bad |= out_null(t);
        }
    }
    return bad ? (out_table_free(t), -1)
               : out_doc_table(doc, "series", "Series", t);
}

/* With --format: what was written and drawn. */
static int print_result(const chart_args *a, const chart_input *in,
                        unsigned drawn)
{
    static const char *const kinds[] = { "line", "growth", "index" };
    out_doc *doc = out_doc_new();
    int rc = EX_OSERR;

    if (doc != NULL && files_table(a, drawn, doc) == 0 &&
        out_doc_text(doc, "kind", NULL, kinds[a->opts.kind]) == 0 &&
        (a->opts.kind == IND_CHART_INDEX
             ? out_doc_int(doc, "base_year", "base year", a->opts.base_year)
             : out_doc_null(doc, "base_year", "base year")) == 0 &&
        series_table(a, in, doc) == 0)
        rc = cli_print(doc, a->format);
    else
        cli_error("out of memory");
    out_doc_free(doc);
    return rc;
}

static int run(const cli *c, int argc, char **argv)
{
    chart_input in[IND_CHART_MAX_SERIES];
    chart_args a;
    const char **words;
    ind_dataset *ds = NULL;
    unsigned drawn = 0;
    int i, rc;

    memset(in, 0, sizeof in);
    words = command_words(c);
    if (words == NULL)
        return cli_fail(IND_ENOMEM, NULL);
    rc = parse_args(&a, argc, argv);
    if (rc != EX_OK) {
        free(words);
        free(a.entity_ids);
        cli_list_free(&a.entities);
        return rc < 0 ? EX_OK : rc;
    }
    a.opts.dataset_path = c->dataset;
    a.opts.argc = c->argc;
    a.opts.argv = words;
    rc = cli_open_read(c, a.vintage, &ds);
    for (i = 0; rc == EX_OK && i < a.nids; i++)
        rc = load_input(ds, a.ids[i], a.entities_text
                        ? a.entities.items[i] : a.entity, &in[i]);
    if (rc == EX_OK)
        rc = choose_base(&a, in);
    if (rc == EX_OK && a.project_to)
        rc = fit_projections(&a, in);
    for (i = 0; rc == EX_OK && i < a.nids; i++)
        rc = build_input(&a, &in[i]);
    if (rc == EX_OK)
        rc = write_chart(&a, in);
    if (rc == EX_OK)
        rc = render_all(&a, &drawn);
    if (rc == EX_OK && a.format_given)
        rc = print_result(&a, in, drawn);
    for (i = 0; i < a.nids && i < IND_CHART_MAX_SERIES; i++)
        input_release(&in[i]);
    ind_dataset_free(ds);
    free(words);
    free(a.entity_ids);
    cli_list_free(&a.entities);
    return rc;
}
