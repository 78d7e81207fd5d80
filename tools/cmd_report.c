/* report: the document an analyst sends: every indicator's latest figure,
 * growth and projection, a chart and the caveats of each, the dataset's
 * check, the methods and the sources, as Markdown with its pictures or
 * as one HTML file (and, with --pdf, printed by Chromium). The library
 * writes it; this file parses options and says what was written. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int run(const cli *c, int argc, char **argv);

static const struct option options[] = {
    { "output", required_argument, NULL, 'o' },
    { "html", no_argument, NULL, 'H' },
    { "pdf", no_argument, NULL, 'P' },
    { "project", required_argument, NULL, 'p' },
    { "model", required_argument, NULL, 'm' },
    { "title", required_argument, NULL, 't' },
    { "lang", required_argument, NULL, 'g' },
    { "entity", required_argument, NULL, 'e' },
    { "years", required_argument, NULL, 'y' },
    CLI_VINTAGE_OPTION,
    CLI_COMMON_OPTIONS, { 0, 0, 0, 0 }
};

const cli_command cli_cmd_report = {
    "report", "the whole report: summary, a chart and caveats per "
    "indicator, data quality, methods, sources (Markdown, HTML, PDF)",
    "usage: indicators [-d DATASET] report [ID...] -o FILE.md|FILE.html\n"
    "           [--html] [--pdf] [--project YEAR] [--model M] [--title TEXT]\n"
    "           [--lang en|zh] [--entity E] [--years N] [--vintage DATE]\n"
    "           [--format table|csv|json]\n"
    "\nWrites the report of the dataset (or of the indicators named): its\n"
    "date, the dataset's path, SHA-256, rows and span, and the program; a\n"
    "summary table (each indicator's latest figure, the change on the year\n"
    "before, the CAGR over its span, its projection with the 80% range and\n"
    "the model); a section per indicator (a chart with the projection, the\n"
    "figures by year with their changes, and what a reader must know:\n"
    "years decided among several readings, partial-year or provisional\n"
    "figures, missing years, breaks, few points); everything `check`\n"
    "finds; the methods; and the numbered sources every figure cites.\n"
    "\n  -o, --output FILE     FILE.md: Markdown, the charts as PNG in the\n"
    "                        folder FILE-files beside it (relative links);\n"
    "                        FILE.html: one file, charts inline as SVG,\n"
    "                        nothing fetched, printable on A4\n"
    "  --html                the HTML (-o must end in .html)\n"
    "  --pdf                 also print the HTML to FILE.pdf with headless\n"
    "                        Chromium (exit 69 when it is not installed)\n"
    "  --project YEAR        the year projected to (default: five years\n"
    "                        after the dataset's latest)\n"
    "  --model M             auto (default), combo, theta, dotm, drift,\n"
    "                        damped, holt, linear, exponential, quadratic,\n"
    "                        logistic\n"
    "  --title TEXT          the title (default: from the dataset's name)\n"
    "  --lang en|zh          the report's and the charts' own words\n"
    "  --entity E            the entity of every series (default: the\n"
    "                        dataset's own subject)\n"
    "  --years N             rows of each indicator's table (default 12)\n"
    CLI_VINTAGE_HELP
    "\nThe files written are named on stderr, with what to mind (an\n"
    "indicator not projected, a chart not drawn); stdout stays empty\n"
    "unless --format is given, which prints the files. $SOURCE_DATE_EPOCH,\n"
    "when set, is the report's date (reproducible reports).\n"
    "\nExit codes: 64 bad usage, 65 an indicator unknown or nothing to\n"
    "report, 66 no dataset, 69 gnuplot or Chromium missing (the report is\n"
    "still written, without its charts or its PDF), 70 gnuplot or Chromium\n"
    "failed, 73 cannot write a file.\n",
    options, "o:", CLI_TAKES_ID | CLI_PRINTS_DATA,
    run
};

typedef struct report_args {
    ind_compose_report_options opts;
    const char *output;
    ind_report_format doc_format;
    int html, pdf, model_given, format_given;
    const char *vintage;
    out_format format;
    char **ids;
    int nids;
} report_args;

static int parse_option(report_args *a, int opt, char **argv)
{
    const cli_command *cmd = &cli_cmd_report;
    ind_error err = IND_ERROR_INIT;
    int rc = EX_OK, years;

    switch (opt) {
    case 'o': a->output = optarg; break;
    case 'H': a->html = 1; break;
    case 'P': a->pdf = 1; break;
    case 't': a->opts.title = optarg; break;
    case 'e': a->opts.entity = optarg; break;
    case CLI_OPT_VINTAGE: a->vintage = optarg; break;
    case 'p': rc = cli_int(cmd, "project", optarg, &a->opts.project_to); break;
    case 'y':
        rc = cli_int(cmd, "years", optarg, &years);
        if (rc == EX_OK && (years < 2 || years > 1000))
            rc = cli_usage_error(cmd, "--years %d: give 2 to 1000", years);
        a->opts.years_shown = (size_t)years;
        break;
    case 'm':
        a->model_given = 1;
        if (ind_model_parse(&a->opts.projection.model, optarg, &err) !=
            IND_OK)
            rc = cli_usage_error(cmd, "--model: %s", err.message);
        break;
    case 'g':
        if (ind_lang_parse(&a->opts.lang, optarg, &err) != IND_OK)
            rc = cli_usage_error(cmd, "--lang: %s", err.message);
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

static int check_args(report_args *a)
{
    const cli_command *cmd = &cli_cmd_report;

    if (a->output == NULL)
        return cli_usage_error(cmd, "-o FILE.md or -o FILE.html is "
                               "required: the report to write");
    if (ind_report_format_of_path(&a->doc_format, a->output, NULL) != IND_OK)
        return cli_usage_error(cmd, "-o '%s': the name must end in .md "
                               "(Markdown) or .html", a->output);
    if ((a->html || a->pdf) && a->doc_format != IND_REPORT_HTML)
        return cli_usage_error(cmd, "--%s writes HTML: give -o FILE.html",
                               a->html ? "html" : "pdf");
    return EX_OK;
}

static int parse_args(report_args *a, int argc, char **argv)
{
    static const ind_compose_report_options defaults =
        IND_COMPOSE_REPORT_OPTIONS_INIT;
    int opt, rc;

    memset(a, 0, sizeof *a);
    a->opts = defaults;
    opterr = 0;
    while ((opt = getopt_long(argc, argv, ":o:", options, NULL)) != -1) {
        if (opt == 'h')
            return cli_help(&cli_cmd_report) == EX_OK ? -1 : EX_IOERR;
        rc = parse_option(a, opt, argv);
        if (rc != EX_OK)
            return rc;
    }
    a->ids = argv + optind;
    a->nids = argc - optind;
    rc = check_args(a);
    if (rc == EX_OK)
        rc = cli_created_time(&a->opts.created);
    return rc;
}

/* FILE.html -> FILE.pdf. */
static char *pdf_path(const char *html)
{
    const char *dot = strrchr(html, '.');
    size_t stem = (size_t)(dot - html);
    char *path = malloc(stem + 5);

    if (path != NULL) {
        memcpy(path, html, stem);
        memcpy(path + stem, ".pdf", 5);
    }
    return path;
}

static void tell(const ind_report_composition *comp)
{
    size_t i, n = ind_report_composition_nfiles(comp);

    for (i = 0; i < ind_report_composition_nnotes(comp); i++) {
        const ind_compose_note *note = ind_report_composition_note(comp, i);
        if (note->severity == IND_SEVERITY_WARNING)
            cli_warn("%s", note->text);
        else
            fprintf(stderr, "%s: %s\n", CLI_PROGRAM, note->text);
    }
    if (n > 0)
        fprintf(stderr, "%s: wrote %s (%zu indicators, %zu charts, %zu "
                "sources)\n", CLI_PROGRAM,
                ind_report_composition_file(comp, 0),
                ind_report_composition_nindicators(comp),
                ind_report_composition_ncharts(comp),
                ind_report_composition_nsources(comp));
}

/* With --format: the files written. */
static int print_files(const report_args *a,
                       const ind_report_composition *comp, const char *pdf)
{
    static const char *const columns[] = { "file", "format" };
    out_table *t = out_table_new(columns, 2);
    out_doc *doc = out_doc_new();
    size_t i, n = ind_report_composition_nfiles(comp);
    int bad = t == NULL || doc == NULL, rc = EX_OSERR;

    for (i = 0; !bad && i < n; i++) {
        out_text(t, ind_report_composition_file(comp, i));
        bad |= out_text(t, i == 0 ? (a->doc_format == IND_REPORT_HTML
                                         ? "html" : "markdown")
                                  : "png");
    }
    if (!bad && pdf != NULL) {
        out_text(t, pdf);
        bad |= out_text(t, "pdf");
    }
    if (!bad && out_doc_table(doc, "files", "Files", t) == 0) {
        t = NULL;
        rc = cli_print(doc, a->format);
    } else {
        cli_error("out of memory");
    }
    out_table_free(t);
    out_doc_free(doc);
    return rc;
}

static int run(const cli *c, int argc, char **argv)
{
    ind_report_composition *comp = NULL;
    ind_error err = IND_ERROR_INIT;
    ind_dataset *ds = NULL;
    char program[64], *pdf = NULL;
    report_args a;
    int rc, lib;

    rc = parse_args(&a, argc, argv);
    if (rc != EX_OK)
        return rc < 0 ? EX_OK : rc;
    snprintf(program, sizeof program, "%s %s", CLI_PROGRAM, IND_VERSION);
    a.opts.program = program;
    a.opts.dataset_label = c->dataset;
    a.opts.vintage = a.vintage;
    if (a.nids > 0) {
        a.opts.ids = (const char *const *)a.ids;
        a.opts.n_ids = (size_t)a.nids;
    }
    rc = cli_open_read(c, a.vintage, &ds);
    if (rc == EX_OK) {
        lib = ind_compose_report(&comp, ds, a.output, a.doc_format, &a.opts,
                                 &err);
        tell(comp);
        if (lib != IND_OK)
            rc = lib == IND_ENOTFOUND && err.subject[0]
                     ? cli_fail_id(ds, err.subject, &err)
                     : cli_fail_error(&err);
    }
    if (rc == EX_OK && a.pdf) {
        pdf = pdf_path(a.output);
        if (pdf == NULL) {
            rc = cli_fail(IND_ENOMEM, NULL);
        } else if (ind_report_print_pdf(a.output, pdf, NULL, &err) !=
                   IND_OK) {
            if (err.code == IND_EUNAVAILABLE)
                cli_error("%s", err.message);
            else
                cli_error("%s (the HTML %s is written)", err.message,
                          a.output);
            rc = cli_exit_code(err.code);
        } else {
            fprintf(stderr, "%s: printed %s\n", CLI_PROGRAM, pdf);
        }
    }
    if (rc == EX_OK && a.format_given)
        rc = print_files(&a, comp, a.pdf ? pdf : NULL);
    free(pdf);
    ind_report_composition_free(comp);
    ind_dataset_free(ds);
    return rc;
}
