/* backtest: how well each model would have forecast the series, by a
 * rolling-origin backtest with an expanding window. */
#include "cli.h"

#include <math.h>
#include <string.h>

static int run(const cli *c, int argc, char **argv);

static const struct option options[] = {
    { "horizon", required_argument, NULL, 'H' },
    { "degree", required_argument, NULL, 'k' },
    { "entity", required_argument, NULL, 'e' },
    { "from", required_argument, NULL, 'r' },
    { "intervals", required_argument, NULL, 'I' },
    CLI_COMMON_OPTIONS, { 0, 0, 0, 0 }
};

const cli_command cli_cmd_backtest = {
    "backtest", "score every model's past forecasts of a series (MAE, MASE)",
    "usage: indicators [-d DATASET] backtest ID [--entity E] [--horizon H]\n"
    "           [--degree K] [--from YEAR] [--intervals calibrated|model]\n"
    "           [--format table|csv|json]\n"
    "\nFor every origin (each observed year from the second to the one\n"
    "before the last) every model is fitted to the years up to it and\n"
    "forecasts 1 to H years ahead (H = 3 unless told, at most 10); each\n"
    "forecast of an observed year is scored. Weights are re-estimated at\n"
    "every origin; polynomial has degree K (2).\n"
    "\nOne row per model and horizon: model, horizon, forecasts (how many\n"
    "were scored), mae (mean absolute error), mape (mean absolute error in\n"
    "percent of the actual), mase_naive and mase_drift (the MAE divided by\n"
    "the in-sample mean absolute one-step error of the naive and of the\n"
    "drift forecast; below 1 the model beats that benchmark's typical\n"
    "one-step error), intervals (forecasts that had an interval), cover80\n"
    "and cover95 (percent of them inside the 80% and 95% interval: the\n"
    "model's own, calibrated for combo, or as --intervals says; a\n"
    "calibrated interval at an origin uses only the errors known there).\n"
    "Models: linear, exponential, polynomial, drift, naive, holt, damped,\n"
    "logistic, theta, combo, and auto: what `project` would have chosen and\n"
    "forecast at each origin, with only the errors known there. --from\n"
    "YEAR uses the years from YEAR on.\n"
    "A model that could not be fitted at\n"
    "any origin (a gap for the recursive models, too few points, values\n"
    "<= 0 for exponential, a rate for exponential) has no figures; the notes\n"
    "say why (stderr; `notes` in json). csv: the rows only.\n"
    "\nExit codes: 64 a bad option, 65 the series is too short (fewer than\n"
    "4 points) or has an undecided reading, 66 no dataset.\n",
    options, NULL, CLI_TAKES_ID | CLI_PRINTS_DATA,
    run
};

typedef struct backtest_args {
    const char *id;
    const char *entity;
    int help;
    out_format format;
    ind_backtest_options opts;
} backtest_args;

static int parse_bounded(const char *option, const char *text, int max,
                         int *out)
{
    int rc = cli_int(&cli_cmd_backtest, option, text, out);

    if (rc == EX_OK && (*out < 1 || *out > max))
        return cli_usage_error(&cli_cmd_backtest, "--%s %s is outside 1..%d",
                               option, text, max);
    return rc;
}

static int parse_args(int argc, char **argv, backtest_args *a)
{
    const cli_command *cmd = &cli_cmd_backtest;
    ind_backtest_options defaults = IND_BACKTEST_OPTIONS_INIT;
    int opt, rc = EX_OK;

    memset(a, 0, sizeof *a);
    a->entity = "";
    a->format = OUT_TABLE;
    a->opts = defaults;
    for (opt = cli_getopt(argc, argv, options); opt != -1 && rc == EX_OK;
         opt = cli_getopt(argc, argv, options)) {
        if (opt == 'H')
            rc = parse_bounded("horizon", optarg, IND_BACKTEST_MAX_HORIZON,
                               &a->opts.max_horizon);
        else if (opt == 'k')
            rc = parse_bounded("degree", optarg, IND_POLYFIT_MAX_DEGREE,
                               &a->opts.degree);
        else if (opt == 'e')
            a->entity = optarg;
        else if (opt == 'r')
            rc = cli_int(cmd, "from", optarg, &a->opts.from_year);
        else if (opt == 'I' && strcmp(optarg, "calibrated") == 0)
            a->opts.intervals = IND_INTERVALS_CALIBRATED;
        else if (opt == 'I' && strcmp(optarg, "model") == 0)
            a->opts.intervals = IND_INTERVALS_MODEL;
        else if (opt == 'I')
            rc = cli_usage_error(cmd, "--intervals '%s': expected "
                                 "calibrated or model", optarg);
        else if (opt == 'f')
            rc = cli_format(cmd, optarg, &a->format);
        else if (opt == 'h')
            a->help = 1;
        else
            rc = cli_bad_option(cmd, opt, argv);
        if (a->help)
            return EX_OK;
    }
    if (rc != EX_OK)
        return rc;
    if (argc - optind != 1)
        return cli_usage_error(cmd, "give one indicator id");
    a->id = argv[optind];
    return EX_OK;
}

static out_table *score_table(const ind_backtest *b, int decimals)
{
    static const char *const cols[] = {
        "model", "horizon", "forecasts", "mae", "mape", "mase_naive",
        "mase_drift", "intervals", "cover80", "cover95"
    };
    out_table *t = out_table_new(cols, 10);
    size_t i;

    for (i = 0; t != NULL && i < ind_backtest_nrows(b); i++) {
        const ind_backtest_row *r = ind_backtest_row_at(b, i);

        out_text(t, ind_model_name(r->model));
        out_int(t, r->horizon);
        out_int(t, (long long)r->nforecasts);
        out_num(t, r->mae, decimals);
        out_num(t, r->mape, 2);
        out_num(t, r->mase_naive, 3);
        out_num(t, r->mase_drift, 3);
        out_int(t, (long long)r->nintervals);
        out_num(t, r->cover80, 1);
        out_num(t, r->cover95, 1);
    }
    return t;
}

static out_table *note_table(const ind_backtest *b)
{
    static const char *const cols[] = { "message" };
    out_table *t = out_table_new(cols, 1);
    size_t i;

    for (i = 0; t != NULL && i < ind_backtest_nnotes(b); i++)
        out_text(t, ind_backtest_note(b, i));
    return t;
}

/* The document: what was tested and the scale of the errors, then the
 * table (csv prints the table alone). */
static out_doc *backtest_doc(const backtest_args *a, const ind_series *s,
                             const ind_backtest *b)
{
    static const char *const keys[] = { "indicator", "entity" };
    const char *const subject[] = { a->id, a->entity };
    int decimals = cli_figure_decimals(ind_series_values(s), ind_series_length(s));
    size_t n = ind_series_length(s), first = 0;
    out_doc *doc = out_doc_new();

    if (doc == NULL)
        return NULL;
    /* --from: the span the backtest used. */
    while (first + 1 < n && ind_series_years(s)[first] < a->opts.from_year)
        first++;
    if (a->format != OUT_CSV) {
        out_doc_text(doc, "indicator", NULL, a->id);
        if (a->format != OUT_TABLE || *a->entity != '\0')
            out_doc_text(doc, "entity", NULL, a->entity);
        out_doc_text(doc, "unit", NULL, ind_series_unit(s));
        out_doc_int(doc, "points", NULL, (long long)(n - first));
        out_doc_int(doc, "first_year", "first year",
                    ind_series_years(s)[first]);
        out_doc_int(doc, "last_year", "last year",
                    ind_series_years(s)[n - 1]);
        out_doc_int(doc, "max_horizon", "horizons up to",
                    a->opts.max_horizon ? a->opts.max_horizon : 3);
        out_doc_num(doc, "scale_naive", "naive one-step MAE (in-sample)",
                    ind_backtest_scale_naive(b), decimals);
        out_doc_num(doc, "scale_drift", "drift one-step MAE (in-sample)",
                    ind_backtest_scale_drift(b), decimals);
    }
    if (a->format == OUT_JSON)
        out_doc_table(doc, "notes", NULL,
                      out_table_prefix(note_table(b), keys, subject, 2));
    out_doc_table(doc, "rows", "rolling-origin backtest, expanding window",
                  out_table_prefix(score_table(b, decimals), keys, subject,
                                   2));
    return doc;
}

/* Run the backtest of a built series and print it. */
static int backtest_series(const backtest_args *a, const ind_series *s)
{
    ind_error err = IND_ERROR_INIT;
    ind_backtest *b = NULL;
    size_t i;
    int rc = ind_backtest_run_series(&b, s, &a->opts, &err);

    if (rc != IND_OK) {
        cli_error("%s%s%s: %s", a->id, *a->entity ? "/" : "", a->entity,
                  err.message);
        return cli_exit_code(rc);
    }
    for (i = 0; i < ind_backtest_nnotes(b); i++)
        fprintf(stderr, "%s: note: %s\n", CLI_PROGRAM,
                ind_backtest_note(b, i));
    rc = cli_print_doc(backtest_doc(a, s, b), a->format);
    ind_backtest_free(b);
    return rc;
}

static int run(const cli *c, int argc, char **argv)
{
    backtest_args a;
    ind_dataset *ds = NULL;
    ind_series *s = NULL;
    size_t series;
    int rc = parse_args(argc, argv, &a);

    if (rc != EX_OK || a.help)
        return a.help ? cli_help(&cli_cmd_backtest) : rc;
    rc = cli_open(c, IND_OPEN_READ, &ds);
    if (rc == EX_OK)
        rc = cli_series(ds, a.id, a.entity, &series);
    if (rc == EX_OK) {
        ind_error err = IND_ERROR_INIT;
        int code = ind_dataset_series(ds, series, &s, &err);
        rc = code == IND_OK ? backtest_series(&a, s) : cli_fail_error(&err);
    }
    ind_series_free(s);
    ind_dataset_free(ds);
    return rc;
}
