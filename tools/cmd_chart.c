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
    { "subtitle", required_argument, NULL, 'S' },
    { "source-line", required_argument, NULL, 'L' },
    { "y-label", required_argument, NULL, 'Y' },
    { "lang", required_argument, NULL, 'g' },
    { "script", no_argument, NULL, 'K' },
    CLI_VINTAGE_OPTION, CLI_ENTITIES_OPTION,
    CLI_COMMON_OPTIONS, { 0, 0, 0, 0 }
};

const cli_command cli_cmd_chart = {
    "chart", "a report-quality gnuplot chart (line, growth bars, index), "
    "drawn as PNG/SVG/PDF",
    "usage: indicators [-d DATASET] chart ID... -o FILE.gp|.png|.svg|.pdf\n"
    "           [--kind KIND] [--project YEAR [--model M]] [--base YEAR]\n"
    "           [--render FMT] [--script] [--size WxH] [--title TEXT]\n"
    "           [--subtitle TEXT] [--source-line TEXT] [--y-label TEXT]\n"
    "           [--note TEXT] [--lang en|zh] [--entity E]\n"
    "           [--entities E1,E2,...] [--vintage DATE]\n"
    "           [--layout auto|shared|panels] [--format table|csv|json]\n"
    "\nWrites a gnuplot script that stands alone (the figures inline, a\n"
    "header with the dataset's path and SHA-256, this command, the library\n"
    "version and the time) and, with --render, draws it with gnuplot into\n"
    "the file of the same stem: FILE.png, FILE.svg, FILE.pdf. Or draws the\n"
    "picture straight away: -o FILE.png (.svg, .pdf), the script beside it\n"
    "only with --script.\n"
    "\n  -o, --output FILE     the script (.gp) or the picture to write\n"
    "  --kind line           levels, one line per indicator (default)\n"
    "  --kind growth         year-on-year change in %, as bars (falls in a\n"
    "                        second colour); across a missing year the change\n"
    "                        is annualised and drawn as derived; a rate is\n"
    "                        drawn as stated\n"
    "  --kind index          every indicator rebased to 100 in --base YEAR\n"
    "                        (default: the first year all of them share)\n"
    "  --project YEAR        add a projection to YEAR with 80% and 95% bands\n"
    "                        (line and index charts); --model auto|combo|\n"
    "                        theta|dotm|drift|damped|holt|linear|exponential|\n"
    "                        quadratic|logistic (default auto: by how the\n"
    "                        models have forecast the series' past)\n"
    "  --render png,svg,pdf  draw the pictures (repeat or list with commas)\n"
    "  --script              with -o FILE.png: keep the script, FILE.gp\n"
    "  --size WxH            pixels, default 960x600 (PDF at 96 per inch)\n"
    "  --title TEXT          the title (default: the indicators' titles)\n"
    "  --subtitle TEXT       the subtitle (default: unit, years, projection)\n"
    "  --source-line TEXT    the footer's source line as drawn (default:\n"
    "                        the sources' sites, \"Sources: sesec.eu, ...\";\n"
    "                        the script's header lists every source)\n"
    "  --y-label TEXT        the y axis label (default: the unit)\n"
    "  --note TEXT           a line for the footer, under the sources\n"
    "  --lang en|zh          the language of the chart's own words (Year,\n"
    "                        projection, 80% interval...; default en)\n"
    "  --entities E1,E2      one indicator across entities, a series each\n"
    "                        (named by the entity's title when it has one)\n"
    "  --vintage DATE        the dataset as it stood at the end of DATE\n"
    "                        (YYYY-MM-DD, UTC), rebuilt from the history\n"
    "  --entity E            the entity of every series (default: the\n"
    "                        dataset's own subject)\n"
    "  --layout              several indicators on a line chart share one\n"
    "                        axis when their units agree and magnitudes are\n"
    "                        within 10x; otherwise small multiples (auto)\n"
    "\nUp to 7 indicators on one chart; an id given twice is drawn once.\n"
    "The files written are named on\n"
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
    ind_compose_chart_options opts; /* chart (kind, layout, texts, size,
                                     * language), projection year, model */
    const char *output;        /* -o */
    int picture;               /* -o names a picture: its format + 1 */
    int keep_script;           /* --script */
    char *script;              /* the script's path (owned when drawn
                                * straight away) */
    const char *entity;        /* --entity, "" for the subject */
    const char *vintage;       /* --vintage, or NULL */
    const char *entities_text; /* --entities, or NULL */
    cli_list entities;         /* its words: one series each */
    char **entity_ids;         /* the one id, once per entity */
    unsigned render;           /* formats to draw, bits 1 << format */
    int model_given;
    int base_given;            /* --base was given (opts.chart.base_year) */
    int format_given;
    out_format format;
    char **ids;
    int nids;
} chart_args;

/* The indicators to draw: their series and names, by the choice rule. */
typedef struct chart_inputs {
    ind_compose_input in[IND_CHART_MAX_SERIES];
    ind_series *series[IND_CHART_MAX_SERIES];
    char *name[IND_CHART_MAX_SERIES];
    int n;
} chart_inputs;

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
    case 't': a->opts.chart.title = optarg; break;
    case 'S': a->opts.chart.subtitle = optarg; break;
    case 'L': a->opts.chart.source_line = optarg; break;
    case 'Y': a->opts.chart.ylabel = optarg; break;
    case 'K': a->keep_script = 1; break;
    case 'g':
        if (ind_lang_parse(&a->opts.chart.lang, optarg, &err) != IND_OK)
            rc = cli_usage_error(cmd, "--lang: %s", err.message);
        break;
    case 'n': a->opts.chart.note = optarg; break;
    case 'e': a->entity = optarg; break;
    case CLI_OPT_VINTAGE: a->vintage = optarg; break;
    case CLI_OPT_ENTITIES: a->entities_text = optarg; break;
    case 'r': rc = parse_render(optarg, &a->render); break;
    case 'p': rc = cli_int(cmd, "project", optarg, &a->opts.project_to); break;
    case 'b':
        a->base_given = 1;
        rc = cli_int(cmd, "base", optarg, &a->opts.chart.base_year);
        break;
    case 'k':
        if (ind_chart_kind_parse(&a->opts.chart.kind, optarg, &err) != IND_OK)
            rc = cli_usage_error(cmd, "--kind: %s", err.message);
        break;
    case 'm':
        a->model_given = 1;
        if (ind_model_parse(&a->opts.projection.model, optarg, &err) != IND_OK)
            rc = cli_usage_error(cmd, "--model: %s", err.message);
        break;
    case 's':
        if (ind_chart_size_parse(&a->opts.chart.width, &a->opts.chart.height, optarg,
                                 &err) != IND_OK)
            rc = cli_usage_error(cmd, "--size: %s", err.message);
        break;
    case 'l':
        if (strcmp(optarg, "auto") == 0)
            a->opts.chart.layout = IND_CHART_LAYOUT_AUTO;
        else if (strcmp(optarg, "shared") == 0)
            a->opts.chart.layout = IND_CHART_LAYOUT_SHARED;
        else if (strcmp(optarg, "panels") == 0)
            a->opts.chart.layout = IND_CHART_LAYOUT_PANELS;
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
        return cli_usage_error(cmd, "-o FILE is required: the script (.gp) "
                               "or the picture (.png, .svg, .pdf) to write");
    if (a->picture && a->render)
        return cli_usage_error(cmd, "-o '%s' is the picture: --render is for "
                               "a script (-o FILE.gp)", a->output);
    if (a->keep_script && !a->picture)
        return cli_usage_error(cmd, "--script is for -o FILE.png (.svg, "
                               ".pdf): with -o FILE.gp the script is what "
                               "is written");
    if (!a->picture && (len < 4 || strcmp(a->output + len - 3, ".gp") != 0 ||
                        a->output[len - 4] == '/'))
        return cli_usage_error(cmd, "-o '%s': the name must end in .gp (the "
                               "script; pictures take the same stem) or in "
                               ".png, .svg or .pdf (the picture)", a->output);
    if (a->opts.project_to != 0 && a->opts.chart.kind == IND_CHART_GROWTH)
        return cli_usage_error(cmd, "--project draws on line and index "
                               "charts, not on growth bars");
    if (a->model_given && a->opts.project_to == 0)
        return cli_usage_error(cmd, "--model needs --project YEAR");
    if (a->base_given && a->opts.chart.kind != IND_CHART_INDEX)
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

static int parse_args(chart_args *a, int argc, char **argv)
{
    static const ind_compose_chart_options defaults =
        IND_COMPOSE_CHART_OPTIONS_INIT;
    int opt, rc;

    memset(a, 0, sizeof *a);
    a->opts = defaults;
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
    if (a->output != NULL) {
        ind_chart_format f;
        if (ind_chart_format_of_path(&f, a->output, NULL) == IND_OK)
            a->picture = (int)f + 1;
    }
    rc = a->entities_text != NULL ? expand_entities(a) : EX_OK;
    if (rc == EX_OK)
        rc = check_args(a);
    if (rc == EX_OK)
        rc = cli_created_time(&a->opts.chart.created);
    return rc;
}

/* ---- Series and chart ------------------------------------------------- */

static void inputs_release(chart_inputs *in)
{
    int i;

    for (i = 0; i < in->n; i++) {
        ind_series_free(in->series[i]);
        free(in->name[i]);
    }
    memset(in, 0, sizeof *in);
}

/* The catalog's short name of an indicator's sources, or NULL. */
static const char *catalog_source_name(const ind_dataset *ds, const char *id)
{
    ind_indicator ind;
    size_t at;

    if (ind_dataset_find_indicator(ds, id, &at, NULL) != IND_OK ||
        ind_dataset_indicator(ds, at, &ind, NULL) != IND_OK)
        return NULL;
    return ind.source_name[0] ? ind.source_name : NULL;
}

/* Every indicator's series and name; an id given again is drawn once. */
static int load_inputs(ind_dataset *ds, const chart_args *a, chart_inputs *in)
{
    ind_error err = IND_ERROR_INIT;
    int i, k;

    for (i = 0; i < a->nids; i++) {
        const char *entity = a->entities_text ? a->entities.items[i]
                                              : a->entity;
        for (k = 0; k < i; k++)
            if (strcmp(a->ids[k], a->ids[i]) == 0 &&
                (a->entities_text == NULL ||
                 strcmp(a->entities.items[k], entity) == 0))
                break;
        if (k < i) {
            cli_warn("%s%s%s is given twice: drawn once", a->ids[i],
                     entity[0] ? " " : "", entity);
            continue;
        }
        if (ind_compose_series(&in->series[in->n], &in->name[in->n], ds,
                               a->ids[i], entity, &err) != IND_OK)
            return cli_fail_id(ds, a->ids[i], &err);
        in->in[in->n].series = in->series[in->n];
        in->in[in->n].name = in->name[in->n];
        in->in[in->n].source_name = catalog_source_name(ds, a->ids[i]);
        in->n++;
    }
    return EX_OK;
}

/* What composing did: the base year chosen, projections, warnings. */
static void tell(const chart_args *a, const ind_chart_composition *comp)
{
    size_t i;

    if (a->opts.chart.kind == IND_CHART_INDEX && !a->base_given)
        fprintf(stderr, "%s: index base year %d = 100: the first year every "
                "indicator has a value for (--base YEAR to choose)\n",
                CLI_PROGRAM, ind_chart_composition_base_year(comp));
    for (i = 0; i < ind_chart_composition_nnotes(comp); i++) {
        const ind_compose_note *n = ind_chart_composition_note(comp, i);
        if (n->severity == IND_SEVERITY_WARNING)
            cli_warn("%s", n->text);
        else
            fprintf(stderr, "%s: %s\n", CLI_PROGRAM, n->text);
    }
}

/* Compose the chart and write its script. */
/* FILE.png -> FILE.gp: the script kept beside a picture. */
static char *script_beside(const char *picture)
{
    size_t len = strlen(picture);
    char *path = malloc(len + 1);

    if (path != NULL) {
        memcpy(path, picture, len - 4);
        memcpy(path + len - 4, ".gp", 4);
    }
    return path;
}

/* Compose the chart and write its script, or draw the picture (with the
 * script beside it on request). */
static int write_chart(chart_args *a, const chart_inputs *in,
                       ind_chart_composition **comp, unsigned *drawn)
{
    ind_error err = IND_ERROR_INIT;
    const ind_chart *chart;

    if (ind_compose_chart(comp, in->in, (size_t)in->n, &a->opts, &err)
            != IND_OK)
        return cli_fail_error(&err);
    tell(a, *comp);
    chart = ind_chart_composition_chart(*comp);
    if (!a->picture || a->keep_script) {
        const char *path = a->picture ? (a->script = script_beside(a->output))
                                      : a->output;
        if (path == NULL)
            return cli_fail(IND_ENOMEM, NULL);
        if (ind_chart_write(chart, path, &err) != IND_OK)
            return cli_fail_error(&err);
        fprintf(stderr, "%s: wrote %s\n", CLI_PROGRAM, path);
    }
    if (a->picture) {
        if (ind_chart_draw(chart, a->output,
                           (ind_chart_format)(a->picture - 1), NULL, &err)
                != IND_OK) {
            cli_error("%s", err.message);
            return cli_exit_code(err.code);
        }
        *drawn |= 1u << (a->picture - 1);
        fprintf(stderr, "%s: drew %s\n", CLI_PROGRAM, a->output);
    }
    return EX_OK;
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

    if (!bad && (!a->picture || a->script != NULL)) {
        out_text(t, a->picture ? a->script : a->output);
        bad |= out_text(t, "gnuplot");
    }
    if (!bad && a->picture) {
        out_text(t, a->output);
        bad |= out_text(t, ind_chart_format_extension(
                               (ind_chart_format)(a->picture - 1)));
        drawn = 0;
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

static int series_table(const chart_args *a, const chart_inputs *in,
                        const ind_chart_composition *comp, out_doc *doc)
{
    static const char *const columns[] = {
        "indicator", "entity", "title", "unit", "points", "first_year",
        "last_year", "model", "projected_to"
    };
    out_table *t = out_table_new(columns, 9);
    int i, first, last, bad = t == NULL;

    for (i = 0; !bad && i < in->n; i++) {
        const ind_projection *p = ind_chart_composition_projection(
            comp, (size_t)i);
        size_t n = ind_chart_composition_span(comp, (size_t)i, &first, &last);
        out_text(t, ind_series_indicator(in->series[i]));
        out_text(t, ind_series_entity(in->series[i]));
        out_text(t, in->name[i]);
        out_text(t, ind_series_unit(in->series[i]));
        out_int(t, (long long)n);
        out_int(t, first);
        out_int(t, last);
        if (p != NULL) {
            out_text(t, ind_model_name(ind_projection_model(p)));
            bad |= out_int(t, a->opts.project_to);
        } else {
            out_null(t);
            bad |= out_null(t);
        }
    }
    return bad ? (out_table_free(t), -1)
               : out_doc_table(doc, "series", "Series", t);
}

/* With --format: what was written and drawn. */
static int print_result(const chart_args *a, const chart_inputs *in,
                        const ind_chart_composition *comp, unsigned drawn)
{
    static const char *const kinds[] = { "line", "growth", "index" };
    out_doc *doc = out_doc_new();
    int rc = EX_OSERR;

    if (doc != NULL && files_table(a, drawn, doc) == 0 &&
        out_doc_text(doc, "kind", NULL, kinds[a->opts.chart.kind]) == 0 &&
        (a->opts.chart.kind == IND_CHART_INDEX
             ? out_doc_int(doc, "base_year", "base year",
                           ind_chart_composition_base_year(comp))
             : out_doc_null(doc, "base_year", "base year")) == 0 &&
        series_table(a, in, comp, doc) == 0)
        rc = cli_print(doc, a->format);
    else
        cli_error("out of memory");
    out_doc_free(doc);
    return rc;
}

static int run(const cli *c, int argc, char **argv)
{
    ind_chart_composition *comp = NULL;
    chart_inputs in;
    chart_args a;
    const char **words;
    ind_dataset *ds = NULL;
    unsigned drawn = 0;
    int rc;

    memset(&in, 0, sizeof in);
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
    a.opts.chart.dataset_path = c->dataset;
    a.opts.chart.argc = c->argc;
    a.opts.chart.argv = words;
    rc = cli_open_read(c, a.vintage, &ds);
    if (rc == EX_OK)
        rc = load_inputs(ds, &a, &in);
    if (rc == EX_OK)
        rc = write_chart(&a, &in, &comp, &drawn);
    if (rc == EX_OK && !a.picture)
        rc = render_all(&a, &drawn);
    if (rc == EX_OK && a.format_given)
        rc = print_result(&a, &in, comp, drawn);
    ind_chart_composition_free(comp);
    inputs_release(&in);
    ind_dataset_free(ds);
    free(a.script);
    free(words);
    free(a.entity_ids);
    cli_list_free(&a.entities);
    return rc;
}
