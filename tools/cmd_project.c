/* project: fit a trend model to a series and forecast it with prediction
 * intervals; --all does it for every series of the dataset. */
#include "cli.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static int run(const cli *c, int argc, char **argv);

static const struct option options[] = {
    { "to", required_argument, NULL, 't' },
    { "model", required_argument, NULL, 'm' },
    { "degree", required_argument, NULL, 'k' },
    { "level", required_argument, NULL, 'l' },
    { "alpha", required_argument, NULL, 'a' },
    { "beta", required_argument, NULL, 'b' },
    { "phi", required_argument, NULL, 'p' },
    { "bias-adjust", no_argument, NULL, 'B' },
    { "log", no_argument, NULL, 'L' },
    { "fitted", no_argument, NULL, 'F' },
    { "intervals", required_argument, NULL, 'I' },
    { "from", required_argument, NULL, 'r' },
    { "all", no_argument, NULL, 'A' },
    { "entity", required_argument, NULL, 'e' },
    CLI_ENTITIES_OPTION, CLI_VINTAGE_OPTION,
    CLI_COMMON_OPTIONS, { 0, 0, 0, 0 }
};

const cli_command cli_cmd_project = {
    "project", "forecast a series to a year, with 80% and 95% ranges",
    "usage: indicators [-d DATASET] project ID --to YEAR [--entity E]\n"
    "           [--model M] [--degree K] [--level 80,95] [--alpha A]\n"
    "           [--beta B] [--phi P] [--bias-adjust] [--log] [--fitted]\n"
    "           [--intervals calibrated|model] [--from YEAR]\n"
    "           [--vintage DATE] [--format table|csv|json]\n"
    "       indicators [-d DATASET] project ID --entities E1,E2,... --to YEAR\n"
    "       indicators [-d DATASET] project --all --to YEAR [same options]\n"
    "\nFits a model to the series and forecasts every year after its last\n"
    "one up to --to, each with a prediction interval per --level (percent).\n"
    "\nModels (--model, default auto):\n"
    "  auto         combo, unless drift, damped or theta forecast the\n"
    "               series' own past 10% better (rolling origin, at least\n"
    "               10 past forecasts); the `choice` line says which and why\n"
    "  combo        mean of the drift, damped and theta forecasts\n"
    "  theta        the Theta method (SES with half the OLS slope), as R\n"
    "               thetaf\n"
    "  dotm         the dynamic optimised Theta model (Fiorucci et al.\n"
    "               2016): the theta line chosen by fit, the trend line\n"
    "               refitted each year\n"
    "  linear       OLS of value on year; t intervals as R predict.lm\n"
    "  exponential  OLS of log(value) on year (constant growth); forecasts\n"
    "               the median, the mean with --bias-adjust; needs values > 0\n"
    "  polynomial   (or quadratic) OLS on powers of the year, --degree K (2)\n"
    "  drift        random walk with drift, as R rwf; --log: on log(value)\n"
    "  naive        random walk without drift (a benchmark)\n"
    "  holt         Holt's linear exponential smoothing (ETS(A,A,N)\n"
    "               intervals); --alpha and --beta fix its weights\n"
    "  damped       Holt with a damped trend; --phi fixes the damping\n"
    "  logistic     saturating trend K / (1 + exp(-r (year - m)))\n"
    "drift, naive, holt, damped, theta, dotm and combo need consecutive\n"
    "years: a gap is never filled in (auto then takes linear). Each model\n"
    "needs a minimum number of points (linear 2, polynomial K + 1, holt 4 or\n"
    "2 with its weights given, damped and dotm 5, logistic 4, theta and\n"
    "combo 3). A rate is projected as a level, never compounded.\n"
    "\nIntervals (--intervals): calibrated (the default for auto and combo)\n"
    "from the model's own past forecast errors on the series, so that 80%\n"
    "holds about 80% of outcomes; model (the default for a named model)\n"
    "from the model's formula, as R, which on real yearly series covers\n"
    "far less than it claims.\n"
    "\nOutput. table: the model, its fit (coefficients with standard errors,\n"
    "sigma, R², AICc, residual degrees of freedom), a one-line summary, and\n"
    "one row per year: year, mean, lo80, hi80, lo95, hi95 (lo{L}, hi{L} for\n"
    "each level). csv: those rows only. json: the same fields, the\n"
    "coefficients, warnings, the auto choice and its candidates, and `rows`.\n"
    "--from YEAR fits only the years from YEAR on (a shorter span).\n"
    "--fitted adds the history as rows with value, fitted and residual (the\n"
    "residual is on the log scale for exponential and drift --log).\n"
    "Warnings (few degrees of freedom, no interval, gaps, mid-year figures)\n"
    "go to stderr as well; with csv, so does the auto choice.\n"
    "\n--all: one row per series: indicator, entity, model, points,\n"
    "last_year, last_value, the forecast for --to with its bounds, warnings,\n"
    "and error (why the series could not be projected). Exit 0 when at\n"
    "least one series was projected. --entities E1,E2: the same rows for\n"
    "one indicator across those entities, in their order.\n"
    "\n" CLI_VINTAGE_HELP
    "\nExit codes: 64 a bad option (unknown model, --to not after the last\n"
    "year, bad --level, an option the model does not use), 65 the series\n"
    "cannot be projected (too few points, a gap, a value <= 0 for a log\n"
    "model, an undecided reading), 66 no dataset.\n",
    options, NULL, CLI_TAKES_ID | CLI_PRINTS_DATA,
    run
};

/* Longest column name: "lo" or "hi" and a level in round-trip form. */
#define LEVEL_NAME_SIZE (IND_NUMBER_BUFSIZE + 3)
/* Longest text of the joined warnings of one series in --all. */
#define WARNINGS_TEXT_SIZE 2048
/* Columns around the level bounds: --all has seven before, two after. */
#define MAX_LEAD_COLUMNS 7
#define MAX_TRAIL_COLUMNS 2

typedef struct project_args {
    const char *id;
    const char *entity;
    const char *entities;     /* --entities, or NULL */
    const char *vintage;      /* --vintage, or NULL */
    int to;
    int have_to;
    int all;
    int fitted;
    int help;
    out_format format;
    ind_projection_options opts;
} project_args;

/* Column names of the bounds: lo{L} and hi{L} for each level, in order. */
typedef struct level_names {
    char text[2 * IND_PROJECTION_MAX_LEVELS][LEVEL_NAME_SIZE];
    size_t count;
} level_names;

/* ---- options ---- */

/* Parse "80,95" (each level in percent, a trailing % allowed) into opts. */
static int parse_levels(const char *text, ind_projection_options *o)
{
    const cli_command *cmd = &cli_cmd_project;
    const char *p = text;
    size_t n = 0, j;

    for (;;) {
        const char *comma = strchr(p, ',');
        size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
        ind_error err = IND_ERROR_INIT;
        double v;

        if (n == IND_PROJECTION_MAX_LEVELS)
            return cli_usage_error(cmd, "--level '%s': at most %d levels",
                                   text, IND_PROJECTION_MAX_LEVELS);
        if (ind_number_parse(&v, p, len, IND_NUMBER_ALLOW_PERCENT, &err)
            != IND_OK)
            return cli_usage_error(cmd, "--level '%s': %s", text,
                                   err.message);
        if (!(v > 0.0 && v < 100.0))
            return cli_usage_error(cmd, "--level '%s': %g is not strictly "
                                   "between 0 and 100 (percent)", text, v);
        for (j = 0; j < n; j++) {
            if (o->levels[j] == v)
                return cli_usage_error(cmd, "--level '%s': %g is given "
                                       "twice", text, v);
        }
        o->levels[n++] = v;
        if (comma == NULL)
            break;
        p = comma + 1;
    }
    o->nlevels = n;
    return EX_OK;
}

/* A smoothing weight: a figure that is not negative (the library reads -1
 * as "estimate it"); the upper bounds are the library's to check. */
static int parse_weight(const char *option, const char *text, double *out)
{
    int rc = cli_number(&cli_cmd_project, option, text, out);

    if (rc == EX_OK && *out < 0.0)
        return cli_usage_error(&cli_cmd_project, "--%s: %s is negative; "
                               "a weight is in [0, 1]", option, text);
    return rc;
}

static int parse_model(const char *text, ind_model *out)
{
    ind_error err = IND_ERROR_INIT;

    if (ind_model_parse(out, text, &err) != IND_OK)
        return cli_usage_error(&cli_cmd_project, "--model: %s", err.message);
    return EX_OK;
}

static int parse_intervals(const char *text, ind_interval_method *out)
{
    if (strcmp(text, "calibrated") == 0)
        *out = IND_INTERVALS_CALIBRATED;
    else if (strcmp(text, "model") == 0)
        *out = IND_INTERVALS_MODEL;
    else
        return cli_usage_error(&cli_cmd_project, "--intervals '%s': "
                               "expected calibrated or model", text);
    return EX_OK;
}

static int parse_degree(const char *text, int *out)
{
    int rc = cli_int(&cli_cmd_project, "degree", text, out);

    if (rc == EX_OK && (*out < 1 || *out > IND_POLYFIT_MAX_DEGREE))
        return cli_usage_error(&cli_cmd_project, "--degree %s is outside "
                               "1..%d", text, IND_POLYFIT_MAX_DEGREE);
    return rc;
}

/* Apply one option returned by cli_getopt. */
static int parse_option(int opt, char **argv, project_args *a)
{
    const cli_command *cmd = &cli_cmd_project;
    ind_projection_options *o = &a->opts;

    switch (opt) {
    case 't': a->have_to = 1; return cli_int(cmd, "to", optarg, &a->to);
    case 'm': return parse_model(optarg, &o->model);
    case 'k': return parse_degree(optarg, &o->degree);
    case 'l': return parse_levels(optarg, o);
    case 'a': return parse_weight("alpha", optarg, &o->alpha);
    case 'b': return parse_weight("beta", optarg, &o->beta);
    case 'p': return parse_weight("phi", optarg, &o->phi);
    case 'B': o->bias_adjust = 1; return EX_OK;
    case 'L': o->log_scale = 1; return EX_OK;
    case 'F': a->fitted = 1; return EX_OK;
    case 'I': return parse_intervals(optarg, &o->intervals);
    case 'r': return cli_int(&cli_cmd_project, "from", optarg,
                             &o->from_year);
    case 'A': a->all = 1; return EX_OK;
    case 'e': a->entity = optarg; return EX_OK;
    case CLI_OPT_ENTITIES: a->entities = optarg; return EX_OK;
    case CLI_OPT_VINTAGE: a->vintage = optarg; return EX_OK;
    case 'f': return cli_format(cmd, optarg, &a->format);
    case 'h': a->help = 1; return EX_OK;
    default: return cli_bad_option(cmd, opt, argv);
    }
}

/* The options the library refuses whatever the data (an option the model
 * does not use, a weight above 1) are usage errors, found before the
 * dataset is read: a one-point series passes every option check and then
 * fails for want of points, so only ::IND_EINVAL speaks of the options. */
static int check_options(const project_args *a)
{
    ind_error err = IND_ERROR_INIT;
    ind_projection *p = NULL;
    double year = (double)a->to - 1.0, value = 1.0;
    int rc = ind_projection_fit(&p, &year, &value, 1, a->to, &a->opts,
                                &err);

    ind_projection_free(p);
    if (rc == IND_EINVAL)
        return cli_usage_error(&cli_cmd_project, "%s", err.message);
    return EX_OK;
}

static int parse_args(int argc, char **argv, project_args *a)
{
    const cli_command *cmd = &cli_cmd_project;
    ind_projection_options defaults = IND_PROJECTION_OPTIONS_INIT;
    int opt, rc;

    memset(a, 0, sizeof *a);
    a->entity = "";
    a->format = OUT_TABLE;
    a->opts = defaults;
    for (opt = cli_getopt(argc, argv, options); opt != -1;
         opt = cli_getopt(argc, argv, options)) {
        rc = parse_option(opt, argv, a);
        if (rc != EX_OK || a->help)
            return rc;
    }
    if (a->all && argc - optind != 0)
        return cli_usage_error(cmd, "--all projects every series: give no "
                               "indicator id");
    if (a->all && *a->entity != '\0')
        return cli_usage_error(cmd, "--all covers every entity: drop "
                               "--entity");
    if (a->all && a->fitted)
        return cli_usage_error(cmd, "--fitted shows one series: drop --all");
    if (a->entities != NULL && (a->all || a->fitted || *a->entity))
        return cli_usage_error(cmd, "--entities gives one row per entity: "
                               "drop --all, --fitted and --entity");
    if (!a->all && argc - optind != 1)
        return cli_usage_error(cmd, "give one indicator id (or --all)");
    if (!a->have_to)
        return cli_usage_error(cmd, "--to YEAR is required: the last year "
                               "to forecast");
    a->id = a->all ? NULL : argv[optind];
    return check_options(a);
}

/* ---- numbers for people ---- */

/* Decimals that show about `digits` significant digits of |v|, 0..6. */
static int sig_decimals(double v, int digits)
{
    int d;

    if (!isfinite(v) || v == 0.0)
        return 0;
    d = digits - 1 - (int)floor(log10(fabs(v)));
    return d < 0 ? 0 : d > 6 ? 6 : d;
}

/* Write v rounded to three significant digits, thousands grouped. */
static void about(char *buf, size_t size, double v)
{
    int e = isfinite(v) && v != 0.0 ? (int)floor(log10(fabs(v))) : 0;

    if (e >= 2) {
        double unit = pow(10.0, (double)(e - 2));
        ind_number_format_human(buf, size, round(v / unit) * unit, 0, NULL);
    } else {
        ind_number_format_human(buf, size, v, sig_decimals(v, 3), NULL);
    }
}

/* ---- output columns ---- */

static void make_level_names(const ind_projection_options *o,
                             level_names *names)
{
    size_t n = o->nlevels ? o->nlevels : 2, j;
    double defaults[2] = { 80.0, 95.0 };
    const double *levels = o->nlevels ? o->levels : defaults;
    char num[IND_NUMBER_BUFSIZE];

    for (j = 0; j < n; j++) {
        ind_number_format(num, sizeof num, levels[j], NULL);
        snprintf(names->text[2 * j], LEVEL_NAME_SIZE, "lo%s", num);
        snprintf(names->text[2 * j + 1], LEVEL_NAME_SIZE, "hi%s", num);
    }
    names->count = 2 * n;
}

/* A table whose columns are `lead`, then the bounds, then `trail`. */
static out_table *new_table(const char *const *lead, size_t nlead,
                            const level_names *names,
                            const char *const *trail, size_t ntrail)
{
    const char *cols[MAX_LEAD_COLUMNS + 2 * IND_PROJECTION_MAX_LEVELS
                     + MAX_TRAIL_COLUMNS];
    size_t n = 0, j;

    for (j = 0; j < nlead; j++)
        cols[n++] = lead[j];
    for (j = 0; j < names->count; j++)
        cols[n++] = names->text[j];
    for (j = 0; j < ntrail; j++)
        cols[n++] = trail[j];
    return out_table_new(cols, n);
}

/* The bounds of forecast i at every level; returns the last push's code. */
static int add_bounds(out_table *t, const ind_projection *p, size_t i,
                      int decimals)
{
    size_t j;
    int rc = 0;

    for (j = 0; j < ind_projection_nlevels(p); j++) {
        out_num(t, ind_projection_lower(p, j)[i], decimals);
        rc = out_num(t, ind_projection_upper(p, j)[i], decimals);
    }
    return rc;
}

/* Pad a row of the --fitted table with `count` nulls. */
static int add_nulls(out_table *t, size_t count)
{
    int rc = 0;

    while (count-- > 0)
        rc = out_null(t);
    return rc;
}

/* The history rows of --fitted: year, value, fitted, residual. */
static int add_history_rows(out_table *t, const ind_projection *p,
                            int decimals)
{
    size_t i, n = ind_projection_length(p);
    size_t bounds = 2 * ind_projection_nlevels(p);
    int resid_decimals = cli_figure_decimals(ind_projection_residuals(p), n);

    for (i = 0; i < n; i++) {
        out_int(t, (long long)ind_projection_years(p)[i]);
        out_num(t, ind_projection_values(p)[i], -1);
        out_num(t, ind_projection_fitted(p)[i], decimals);
        out_num(t, ind_projection_residuals(p)[i], resid_decimals);
        if (add_nulls(t, 1 + bounds) != 0)
            return -1;
    }
    return 0;
}

/* The forecast table: one row per year (after the history with --fitted). */
static out_table *forecast_table(const ind_projection *p,
                                 const level_names *names, int fitted)
{
    static const char *const plain[] = { "year", "mean" };
    static const char *const full[] = {
        "year", "value", "fitted", "residual", "mean"
    };
    int decimals = cli_figure_decimals(ind_projection_values(p),
                                   ind_projection_length(p));
    size_t i, h = ind_projection_horizon(p);
    out_table *t = fitted ? new_table(full, 5, names, NULL, 0)
                          : new_table(plain, 2, names, NULL, 0);

    if (t == NULL || (fitted && add_history_rows(t, p, decimals) != 0))
        goto fail;
    for (i = 0; i < h; i++) {
        out_int(t, ind_projection_first_year(p) + (long long)i);
        if (fitted)
            add_nulls(t, 3);
        out_num(t, ind_projection_mean(p)[i], decimals);
        if (add_bounds(t, p, i, decimals) != 0)
            goto fail;
    }
    return t;
fail:
    out_table_free(t);
    return NULL;
}

static out_table *coefficient_table(const ind_projection *p,
                                    out_format format)
{
    static const char *const cols[] = { "name", "estimate", "se" };
    out_table *t = out_table_new(cols, 3);
    size_t i;

    for (i = 0; t != NULL && i < ind_projection_ncoef(p); i++) {
        const ind_projection_coef *k = ind_projection_coef_at(p, i);
        char year[32];

        out_text(t, k->name);
        /* A year (logistic's midpoint) reads 2019.3, not 2,019.3. */
        if (format == OUT_TABLE && strcmp(k->name, "midpoint") == 0) {
            snprintf(year, sizeof year, "%.1f", k->estimate);
            out_text(t, year);
        } else {
            out_num(t, k->estimate, sig_decimals(k->estimate, 5));
        }
        out_num(t, k->se, sig_decimals(k->se, 4));
    }
    return t;
}

static out_table *candidate_table(const ind_projection *p)
{
    static const char *const cols[] = {
        "model", "fitted", "compared", "error", "error_in", "forecasts",
        "note"
    };
    out_table *t = out_table_new(cols, 7);
    size_t i;

    for (i = 0; t != NULL && i < ind_projection_ncandidates(p); i++) {
        const ind_projection_candidate *k = ind_projection_candidate_at(p, i);

        out_text(t, ind_model_name(k->model));
        out_bool(t, k->fitted);
        out_bool(t, k->compared);
        out_num(t, k->error, 3);
        out_text(t, k->relative ? "percent" : "units");
        out_int(t, (long long)k->nforecasts);
        out_text(t, k->note);
    }
    return t;
}

static out_table *warning_table(const ind_projection *p)
{
    static const char *const cols[] = { "message" };
    out_table *t = out_table_new(cols, 1);
    size_t i;

    for (i = 0; t != NULL && i < ind_projection_nwarnings(p); i++)
        out_text(t, ind_projection_warning(p, i));
    return t;
}

/* ---- one series ---- */

/* How the summary sentence opens: the pace of a linear trend, the growth
 * rate of an exponential one, else the model's name. */
static void summary_lead(char *buf, size_t size, const ind_projection *p)
{
    const ind_projection_coef *slope = ind_projection_coef_at(p, 1);
    ind_model m = ind_projection_model(p);
    char pace[64];

    if (m == IND_MODEL_LINEAR && slope != NULL) {
        about(pace, sizeof pace, slope->estimate);
        snprintf(buf, size, "At the trend's pace (%s%s a year)",
                 slope->estimate >= 0.0 ? "+" : "", pace);
    } else if (m == IND_MODEL_EXPONENTIAL) {
        double g = 100.0 * ind_projection_stats(p)->growth_rate;
        snprintf(buf, size, "At the trend's growth rate (%s%.3g%% a year)",
                 g >= 0.0 ? "+" : "", g);
    } else if (m == IND_MODEL_COMBO) {
        snprintf(buf, size, "By the mean of the drift, damped and theta "
                 "forecasts");
    } else if (m == IND_MODEL_DOTM) {
        snprintf(buf, size, "By the dynamic optimised Theta model");
    } else {
        snprintf(buf, size, "By the %s model", ind_model_name(m));
    }
}

/* One sentence a reader wants: where the series is heading by the target
 * year, with the range of the first level, figures to three digits. */
static void summary(char *buf, size_t size, const ind_projection *p,
                    const char *unit)
{
    size_t last = ind_projection_horizon(p) - 1;
    double lo = ind_projection_lower(p, 0)[last];
    double hi = ind_projection_upper(p, 0)[last];
    char lead[160], mean[64], lo_text[64], hi_text[64], range[200];

    summary_lead(lead, sizeof lead, p);
    about(mean, sizeof mean, ind_projection_mean(p)[last]);
    about(lo_text, sizeof lo_text, lo);
    about(hi_text, sizeof hi_text, hi);
    if (isfinite(lo) && isfinite(hi))
        snprintf(range, sizeof range, "%g%% range %s to %s",
                 ind_projection_level(p, 0), lo_text, hi_text);
    else
        snprintf(range, sizeof range, "no interval can be given");
    snprintf(buf, size, "%s, about %s%s%s in %d (%s).", lead, mean,
             *unit ? " " : "", unit,
             ind_projection_first_year(p) + (int)last, range);
}

/* What the series is: indicator, entity (in a human table only when
 * there is one), title, kind, unit, span. */
static void describe_series(out_doc *doc, const project_args *a,
                            const ind_indicator *ind, const ind_projection *p)
{
    size_t n = ind_projection_length(p);
    const double *values = ind_projection_values(p);

    out_doc_text(doc, "indicator", NULL, ind->id);
    if (a->format != OUT_TABLE || *a->entity != '\0')
        out_doc_text(doc, "entity", NULL, a->entity);
    out_doc_text(doc, "title", NULL, ind->title);
    out_doc_text(doc, "kind", NULL, ind_kind_name(ind->kind));
    out_doc_text(doc, "unit", NULL, ind->unit);
    out_doc_int(doc, "points", NULL, (long long)n);
    out_doc_int(doc, "first_year", "first year",
                (long long)ind_projection_years(p)[0]);
    out_doc_int(doc, "last_year", "last year",
                (long long)ind_projection_years(p)[n - 1]);
    out_doc_num(doc, "last_value", "last value", values[n - 1], -1);
}

/* Whether the model's coefficients are of powers of (year - origin). */
static int centred(ind_model m)
{
    return m == IND_MODEL_LINEAR || m == IND_MODEL_EXPONENTIAL
           || m == IND_MODEL_POLYNOMIAL;
}

/* The model and its fit statistics; a human table leaves out the
 * level-scale AICc where it equals the AICc. */
static void describe_fit(out_doc *doc, out_format format,
                         const ind_projection *p)
{
    const ind_fit_stats *s = ind_projection_stats(p);
    ind_model m = ind_projection_model(p);

    out_doc_text(doc, "model", NULL, ind_model_name(m));
    out_doc_text(doc, "method", NULL, ind_projection_method(p));
    if (*ind_projection_choice(p) != '\0')
        out_doc_text(doc, "choice", NULL, ind_projection_choice(p));
    out_doc_num(doc, "df", "residual df", s->df, -1);
    out_doc_num(doc, "sigma", NULL, s->sigma, sig_decimals(s->sigma, 4));
    out_doc_num(doc, "r_squared", "R²", s->r_squared, 4);
    out_doc_num(doc, "aicc", "AICc", s->aicc, 2);
    if (format != OUT_TABLE
        || (isfinite(s->aicc_level) && s->aicc_level != s->aicc))
        out_doc_num(doc, "aicc_level", "AICc (level scale)", s->aicc_level,
                    2);
    if (isfinite(s->growth_rate))
        out_doc_num(doc, "growth_rate_pct", "growth, % a year",
                    100.0 * s->growth_rate, 2);
    if (centred(m))
        out_doc_int(doc, "origin", "coefficients centred on",
                    (long long)s->origin);
}

/* The whole document of one projection; tables only where the format
 * shows them (csv prints the first table: the forecast rows alone). */
static out_doc *projection_doc(const project_args *a, const ind_indicator *ind,
                               const ind_projection *p)
{
    static const char *const keys[] = { "indicator", "entity" };
    const char *const subject[] = { a->id, a->entity };
    level_names names;
    char sentence[512];
    out_doc *doc = out_doc_new();

    if (doc == NULL)
        return NULL;
    make_level_names(&a->opts, &names);
    if (a->format != OUT_CSV) {
        describe_series(doc, a, ind, p);
        out_doc_int(doc, "to", "projected to", a->to);
        describe_fit(doc, a->format, p);
        summary(sentence, sizeof sentence, p, ind->unit);
        out_doc_text(doc, "summary", NULL, sentence);
        out_doc_table(doc, "coefficients", "coefficients",
                      out_table_prefix(coefficient_table(p, a->format), keys,
                                       subject, 2));
    }
    if (a->format == OUT_JSON) {
        if (ind_projection_ncandidates(p) > 0)
            out_doc_table(doc, "candidates", NULL,
                          out_table_prefix(candidate_table(p), keys, subject,
                                           2));
        out_doc_table(doc, "warnings", NULL,
                      out_table_prefix(warning_table(p), keys, subject, 2));
    }
    out_doc_table(doc, "rows", a->fitted ? "history and forecast"
                                         : "forecast",
                  out_table_prefix(forecast_table(p, &names, a->fitted),
                                   keys, subject, 2));
    return doc;
}

/* Warnings go to stderr whatever the format; the auto choice too when the
 * output (csv) has no room for it. */
static void report_warnings(const project_args *a, const ind_projection *p)
{
    size_t i;

    for (i = 0; i < ind_projection_nwarnings(p); i++)
        cli_warn("%s", ind_projection_warning(p, i));
    if (a->format == OUT_CSV && *ind_projection_choice(p) != '\0')
        fprintf(stderr, "%s: %s\n", CLI_PROGRAM, ind_projection_choice(p));
}

/* Build the series `index` with the choice rule and fit it. On failure
 * `why` holds the reason and the return value is the library's code. */
static int fit_series(ind_dataset *ds, size_t index, const project_args *a,
                      ind_projection **out, ind_error *why)
{
    ind_series *s = NULL;
    int rc = ind_dataset_series(ds, index, &s, why);

    *out = NULL;
    if (rc != IND_OK)
        return rc;
    rc = ind_projection_fit_series(out, s, a->to, &a->opts, why);
    ind_series_free(s);
    return rc;
}

static int project_one(ind_dataset *ds, const project_args *a)
{
    ind_error why = IND_ERROR_INIT;
    ind_projection *p = NULL;
    ind_indicator ind;
    size_t series, at;
    int rc = cli_series(ds, a->id, a->entity, &series);

    if (rc != EX_OK)
        return rc;
    ind_dataset_find_indicator(ds, a->id, &at, NULL);
    ind_dataset_indicator(ds, at, &ind, NULL);
    rc = fit_series(ds, series, a, &p, &why);
    if (rc != IND_OK) {
        cli_error("%s%s%s: %s", a->id, *a->entity ? "/" : "", a->entity,
                  why.message);
        return cli_exit_code(rc);
    }
    report_warnings(a, p);
    rc = cli_print_doc(projection_doc(a, &ind, p), a->format);
    ind_projection_free(p);
    return rc;
}

/* ---- every series ---- */

typedef struct all_counts {
    size_t projected, failed, warned;
} all_counts;

/* The warnings of a projection joined by "; ". */
static void join_warnings(char *buf, size_t size, const ind_projection *p)
{
    size_t i, used = 0;

    buf[0] = '\0';
    for (i = 0; i < ind_projection_nwarnings(p) && used + 1 < size; i++) {
        int k = snprintf(buf + used, size - used, "%s%s", i ? "; " : "",
                         ind_projection_warning(p, i));
        used += k > 0 ? (size_t)k : 0;
    }
}

/* The figure used for a series' last year, NaN if undecided. */
static double last_value(ind_dataset *ds, size_t series, int year)
{
    ind_reading r;
    size_t at;

    if (ind_dataset_chosen_reading(ds, series, year, &at, NULL) != IND_OK
        || ind_dataset_reading(ds, at, &r, NULL) != IND_OK)
        return NAN;
    return r.value;
}

/* The row of a series that could not be projected: what is known of it
 * (from the series when it was built, else from the dataset's summary,
 * for an undecided conflict), figures blank, and the reason. */
static int add_failed_row(out_sink *k, ind_dataset *ds, size_t index,
                          const ind_series *s, const project_args *a,
                          const char *why)
{
    size_t j, nbounds = 2 * (a->opts.nlevels ? a->opts.nlevels : 2);
    size_t n = s ? ind_series_length(s) : 0;
    ind_series_info info;

    if (s == NULL) {
        ind_dataset_series_info(ds, index, &info, NULL);
        out_sink_text(k, info.indicator);
        out_sink_text(k, info.entity);
        out_sink_text(k, ind_model_name(a->opts.model));
        out_sink_int(k, (long long)info.years);
        out_sink_int(k, info.last_year);
        out_sink_num(k, last_value(ds, index, info.last_year), -1);
    } else {
        out_sink_text(k, ind_series_indicator(s));
        out_sink_text(k, ind_series_entity(s));
        out_sink_text(k, ind_model_name(a->opts.model));
        out_sink_int(k, (long long)n);
        if (n > 0) {
            out_sink_int(k, ind_series_years(s)[n - 1]);
            out_sink_num(k, ind_series_values(s)[n - 1], -1);
        } else {
            out_sink_null(k);
            out_sink_null(k);
        }
    }
    for (j = 0; j < 1 + nbounds; j++)
        out_sink_null(k);
    out_sink_text(k, "");
    out_sink_text(k, why);
    return out_sink_end(k);
}

/* One row of --all: the projection at --to, or the reason there is none.
 * The series is built once (each year's reading chosen once) and gives
 * the row's indicator, entity, last year and last value. */
static int add_all_row(out_sink *k, ind_dataset *ds, size_t index,
                       const project_args *a, all_counts *counts)
{
    char warnings[WARNINGS_TEXT_SIZE];
    ind_error why = IND_ERROR_INIT;
    ind_projection *p = NULL;
    ind_series *s = NULL;
    size_t n, j, at;
    int rc = ind_dataset_series(ds, index, &s, &why), decimals;

    if (rc == IND_OK)
        rc = ind_projection_fit_series(&p, s, a->to, &a->opts, &why);
    if (rc != IND_OK) {
        counts->failed++;
        rc = add_failed_row(k, ds, index, s, a, why.message);
        ind_series_free(s);
        return rc;
    }
    counts->projected++;
    counts->warned += ind_projection_nwarnings(p) > 0;
    n = ind_projection_length(p);
    at = ind_projection_horizon(p) - 1;
    decimals = cli_figure_decimals(ind_projection_values(p), n);
    join_warnings(warnings, sizeof warnings, p);
    out_sink_text(k, ind_series_indicator(s));
    out_sink_text(k, ind_series_entity(s));
    out_sink_text(k, ind_model_name(ind_projection_model(p)));
    out_sink_int(k, (long long)n);
    out_sink_int(k, ind_series_years(s)[ind_series_length(s) - 1]);
    out_sink_num(k, ind_projection_values(p)[n - 1], -1);
    out_sink_num(k, ind_projection_mean(p)[at], decimals);
    for (j = 0; j < ind_projection_nlevels(p); j++) {
        out_sink_num(k, ind_projection_lower(p, j)[at], decimals);
        out_sink_num(k, ind_projection_upper(p, j)[at], decimals);
    }
    out_sink_text(k, warnings);
    out_sink_text(k, "");
    rc = out_sink_end(k);
    ind_projection_free(p);
    ind_series_free(s);
    return rc;
}

/* Every row, one per series or per series of `pick` (npick of them): into
 * t (JSON and tables need the whole table: the counts come first, the
 * widths from every row), or, for CSV, t's header and then each line
 * straight to stdout. Returns EX_OK, EX_OSERR or EX_IOERR. */
static int fill_all(out_table *t, ind_dataset *ds, const project_args *a,
                    const size_t *pick, size_t npick, all_counts *counts)
{
    out_sink *k = calloc(1, sizeof *k);
    size_t i;
    int rc = EX_OK;

    if (k == NULL)
        return EX_OSERR;
    k->t = a->format == OUT_CSV ? NULL : t;
    k->f = stdout;
    /* The header, as out_table_flush_csv writes it (t holds no rows). */
    if (a->format == OUT_CSV && out_table_flush_csv(t, stdout, 1) != 0)
        rc = EX_IOERR;
    if (pick == NULL)
        npick = ind_dataset_series_count(ds);
    for (i = 0; i < npick && rc == EX_OK; i++)
        if (add_all_row(k, ds, pick ? pick[i] : i, a, counts) != 0)
            rc = k->t != NULL || !ferror(stdout) ? EX_OSERR : EX_IOERR;
    if (rc == EX_OK && a->format == OUT_CSV &&
        (out_sink_flush(k) != 0 ||
         fflush(stdout) != 0 || ferror(stdout)))
        rc = EX_IOERR;
    free(k);
    return rc;
}

/* What a narrow terminal gives up first in `project --all`: the id stays
 * whole; the widest range goes before the narrower ones, the projected
 * figure last. */
static void give_up_all(out_table *t, const level_names *names)
{
    const char *order[8 + 2 * IND_PROJECTION_MAX_LEVELS];
    size_t n = 0, j;

    order[n++] = "warnings";
    order[n++] = "points";
    order[n++] = "last_year";
    order[n++] = "model";
    for (j = names->count; j >= 2; j -= 2) {
        order[n++] = names->text[j - 2];
        order[n++] = names->text[j - 1];
    }
    order[n++] = "last_value";
    order[n++] = "error";
    out_table_give_up(t, order, n);
}

/* One row per series, or per series of `pick` (npick of them). */
static int project_all(ind_dataset *ds, const project_args *a,
                       const size_t *pick, size_t npick)
{
    static const char *const lead[] = {
        "indicator", "entity", "model", "points", "last_year", "last_value",
        "mean"
    };
    static const char *const trail[] = { "warnings", "error" };
    all_counts counts = { 0, 0, 0 };
    level_names names;
    out_table *t;
    out_doc *doc = out_doc_new();
    project_args shared = *a;
    int rc = EX_OSERR;

    /* One set of options for every series: their fits share quantiles. */
    if (ind_quantile_cache_new(&shared.opts.quantiles, NULL) != IND_OK)
        shared.opts.quantiles = NULL;
    make_level_names(&a->opts, &names);
    t = new_table(lead, 7, &names, trail, 2);
    give_up_all(t, &names);
    if (doc != NULL && t != NULL)
        rc = fill_all(t, ds, &shared, pick, npick, &counts);
    ind_quantile_cache_free(shared.opts.quantiles);
    if (rc == EX_OK && a->format != OUT_CSV) {
        out_doc_int(doc, "to", "projected to", a->to);
        out_doc_text(doc, "model", NULL, ind_model_name(a->opts.model));
        out_doc_int(doc, "projected", NULL, (long long)counts.projected);
        out_doc_int(doc, "failed", "could not be projected",
                    (long long)counts.failed);
        rc = out_doc_table(doc, "rows", NULL, t) == 0
             ? cli_print(doc, a->format) : EX_OSERR;
        t = NULL;
    }
    if (rc == EX_OSERR)
        cli_error("out of memory");
    else if (rc == EX_IOERR)
        cli_error("cannot write the output");
    out_table_free(t);
    out_doc_free(doc);
    if (rc != EX_OK)
        return rc;
    if (counts.warned > 0)
        cli_warn("%zu series carry warnings (see the warnings column)",
                 counts.warned);
    fprintf(stderr, "%s: projected %zu of %zu series to %d; %zu could not "
            "be projected%s\n", CLI_PROGRAM, counts.projected,
            counts.projected + counts.failed, a->to, counts.failed,
            counts.failed ? " (see the error column)" : "");
    return counts.projected > 0 ? EX_OK : EX_DATAERR;
}

/* --entities: the rows of --all for one indicator's entities. */
static int project_entities(ind_dataset *ds, const project_args *a)
{
    cli_list list;
    size_t *pick, i;
    int rc = EX_OK;

    if (cli_list_parse(&cli_cmd_project, "entities", a->entities, &list) != 0)
        return EX_USAGE;
    pick = malloc(list.n * sizeof *pick);
    if (pick == NULL) {
        cli_list_free(&list);
        return cli_fail(IND_ENOMEM, "out of memory");
    }
    for (i = 0; rc == EX_OK && i < list.n; i++)
        rc = cli_series(ds, a->id, list.items[i], &pick[i]);
    if (rc == EX_OK)
        rc = project_all(ds, a, pick, list.n);
    free(pick);
    cli_list_free(&list);
    return rc;
}

static int run(const cli *c, int argc, char **argv)
{
    project_args a;
    ind_dataset *ds = NULL;
    int rc = parse_args(argc, argv, &a);

    if (rc != EX_OK || a.help)
        return a.help ? cli_help(&cli_cmd_project) : rc;
    rc = cli_open_read(c, a.vintage, &ds);
    if (rc == EX_OK && a.entities != NULL)
        rc = project_entities(ds, &a);
    else if (rc == EX_OK)
        rc = a.all ? project_all(ds, &a, NULL, 0) : project_one(ds, &a);
    ind_dataset_free(ds);
    return rc;
}
