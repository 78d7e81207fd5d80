/* append: add a yearly figure with its source, or revise one; then warn if
 * the figure breaks its series. */
#include "cli.h"

#include <math.h>
#include <string.h>

static int run(const cli *c, int argc, char **argv);

static const struct option options[] = {
    { "source", required_argument, NULL, 's' },
    { "note", required_argument, NULL, 'n' },
    { "status", required_argument, NULL, 'S' },
    { "as-of", required_argument, NULL, 'a' },
    { "unit", required_argument, NULL, 'u' },
    { "entity", required_argument, NULL, 'e' },
    { "role", required_argument, NULL, 'r' },
    { "revise", no_argument, NULL, 'R' },
    { "from", required_argument, NULL, 'F' },
    { "help", no_argument, NULL, 'h' },
    { 0, 0, 0, 0 }
};

const cli_command cli_cmd_append = {
    "append", "add a figure with its source, or revise one (--revise)",
    "usage: indicators [-d DATASET] append ID YEAR VALUE --source TEXT\n"
    "           [--as-of DATE] [--note TEXT] [--status LETTER] [--unit U]\n"
    "           [--entity E] [--role primary|alternate] [--revise]\n"
    "       indicators [-d DATASET] append --from BULLETIN.csv [--revise]\n"
    "           [--source TEXT] [--as-of DATE] [--entity E] ...\n"
    "\nVALUE uses the strict grammar: 12195, 1,164,000, -3.5, 1.2e3 (a trailing\n"
    "% only for a rate); a negative value needs no `--`. DATE is YYYY,\n"
    "YYYY-MM or YYYY-MM-DD: the date the figure refers to. A reading with the\n"
    "same indicator, entity, year and as_of is refused unless --revise, which\n"
    "replaces it and moves the old figure to NAME.history.csv; what it does\n"
    "not restate (status, note, unit, as_of, role) carries over, and without\n"
    "--as-of it revises the year's only reading. --role primary decides which\n"
    "reading a year uses when it has several. A new figure without --unit\n"
    "takes the catalog's.\n"
    "\n--from BULLETIN.csv adds a whole bulletin in one change, all or nothing:\n"
    "a CSV file with the observations' columns (indicator,year,value required;\n"
    "source, entity, as_of, status, note, unit, role as they like). Every row\n"
    "is checked first; a refusal names BULLETIN.csv:line:column and changes\n"
    "nothing. An empty cell takes the option given (--source for all rows...);\n"
    "with --revise, rows whose figure exists revise it (rows restating it\n"
    "exactly are left alone), the others are added. One history entry per\n"
    "figure.\n"
    "\nThe change is written atomically under a lock; a refused change leaves\n"
    "every file as it was (exit 65). A figure that breaks its series is stored\n"
    "with a warning.\n",
    options, NULL, CLI_TAKES_ID,
    run
};

typedef struct append_args {
    ind_reading r;
    const char *value_text;
    const char *role_text;
    const char *from;         /* --from BULLETIN.csv */
    unsigned flags;
} append_args;

static int parse(append_args *a, int argc, char **argv)
{
    const cli_command *cmd = &cli_cmd_append;
    int opt;

    memset(a, 0, sizeof *a);
    a->r.entity = a->r.unit = a->r.as_of = a->r.note = a->r.source = "";
    for (opt = cli_getopt(argc, argv, options); opt != -1;
         opt = cli_getopt(argc, argv, options)) {
        switch (opt) {
        case 's': a->r.source = optarg; break;
        case 'n': a->r.note = optarg; break;
        case 'a': a->r.as_of = optarg; break;
        case 'u': a->r.unit = optarg; break;
        case 'e': a->r.entity = optarg; break;
        case 'r': a->role_text = optarg; break;
        case 'R': a->flags |= IND_ADD_REVISE; break;
        case 'F': a->from = optarg; break;
        case 'S':
            if (strlen(optarg) != 1)
                return cli_usage_error(cmd, "--status takes one letter "
                                       "(E, P, F, B, ...)");
            a->r.status = optarg[0]; /* 'A' restates normal */
            break;
        case 'h': return cli_help(cmd) == EX_OK ? -1 : EX_USAGE;
        default: return cli_bad_option(cmd, opt, argv);
        }
    }
    if (a->from != NULL && argc - optind != 0)
        return cli_usage_error(cmd, "--from takes its figures from the file: "
                               "give no ID, YEAR or VALUE");
    if (a->from == NULL && argc - optind != 3)
        return cli_usage_error(cmd, "give ID, YEAR and VALUE");
    if (a->from == NULL && *a->r.source == '\0')
        return cli_usage_error(cmd, "--source is required: say where the "
                               "figure comes from (a URL or a citation)");
    if (a->role_text != NULL) {
        if (strcmp(a->role_text, "primary") == 0)
            a->r.role = IND_ROLE_PRIMARY;
        else if (strcmp(a->role_text, "alternate") == 0)
            a->r.role = IND_ROLE_ALTERNATE;
        else
            return cli_usage_error(cmd, "--role is primary or alternate");
    }
    if (a->from != NULL)
        return EX_OK;
    a->r.indicator = argv[optind];
    a->value_text = argv[optind + 2];
    return EX_OK;
}

/* append --from: the bulletin in one change. */
static int add_bulletin(const cli *c, const append_args *a)
{
    ind_dataset *ds = NULL;
    ind_error err = IND_ERROR_INIT;
    ind_add_summary sum;
    int rc = cli_open(c, IND_OPEN_WRITE, &ds);

    if (rc != EX_OK) {
        ind_dataset_free(ds);
        return rc;
    }
    rc = cli_commit(ds, ind_dataset_add_csv(ds, a->from, &a->r, a->flags,
                                            &sum, &err), &err);
    if (rc != EX_OK) {
        ind_dataset_free(ds);
        return rc;
    }
    fprintf(stderr, "%s: %s: %zu row%s: %zu added, %zu revised, %zu "
            "unchanged%s%s\n", CLI_PROGRAM, a->from, sum.rows,
            sum.rows == 1 ? "" : "s", sum.added, sum.revised, sum.unchanged,
            sum.revised ? "; the old figures are kept in " : "",
            sum.revised ? ind_dataset_history_path(ds) : "");
    ind_dataset_free(ds);
    return EX_OK;
}

/* The reading with the same key, if any (its value for the message). */
static int find_same(ind_dataset *ds, const ind_reading *in, ind_reading *old)
{
    size_t series, n, k, at;

    if (ind_dataset_find_series(ds, in->indicator, in->entity, &series, NULL) != IND_OK)
        return 0;
    n = ind_dataset_series_reading_count(ds, series);
    for (k = 0; k < n; k++) {
        if (ind_dataset_series_reading(ds, series, k, &at, NULL) != IND_OK ||
            ind_dataset_reading(ds, at, old, NULL) != IND_OK)
            return 0;
        if (old->year == in->year && strcmp(old->as_of, in->as_of) == 0)
            return 1;
    }
    return 0;
}

/* After storing: does the figure break its series? */
static void warn_break(ind_dataset *ds, const ind_reading *in, double value)
{
    ind_growth_break verdict;
    ind_series *s = NULL;
    size_t series;

    if (ind_dataset_find_series(ds, in->indicator, in->entity, &series, NULL) != IND_OK ||
        ind_dataset_series(ds, series, &s, NULL) != IND_OK)
        return;
    if (ind_growth_break_test(&verdict, s, in->year, value, in->status, NULL,
                              NULL) == IND_OK && verdict.rule != IND_BREAK_NONE)
        cli_warn("%s: possible break in the series: %s (stored anyway; if "
                 "the series really breaks here, mark it with --status B)",
                 in->indicator, verdict.reason);
    ind_series_free(s);
}

static void report(const ind_reading *in, double value, int revised,
                   const ind_reading *old, const char *history)
{
    char v[IND_NUMBER_HUMAN_BUFSIZE], o[IND_NUMBER_HUMAN_BUFSIZE];

    ind_number_format_human(v, sizeof v, value, -1, NULL);
    if (revised) {
        ind_number_format_human(o, sizeof o, old->value, -1, NULL);
        fprintf(stderr, "%s: revised %s %d%s%s from %s to %s; the old figure "
                "is kept in %s\n", CLI_PROGRAM, in->indicator, in->year,
                *in->as_of ? " as of " : "", in->as_of, o, v, history);
    } else {
        fprintf(stderr, "%s: appended %s %d%s%s = %s\n", CLI_PROGRAM,
                in->indicator, in->year, *in->as_of ? " as of " : "",
                in->as_of, v);
    }
}

static int run(const cli *c, int argc, char **argv)
{
    append_args a;
    ind_reading old;
    ind_dataset *ds = NULL;
    ind_error err = IND_ERROR_INIT;
    const char *year_text;
    int rc, revised;

    rc = parse(&a, argc, argv);
    if (rc != EX_OK)
        return rc < 0 ? EX_OK : rc;
    if (a.from != NULL)
        return add_bulletin(c, &a);
    year_text = argv[optind + 1];
    if (ind_number_parse_year(&a.r.year, year_text, strlen(year_text), &err)
            != IND_OK)
        return cli_fail(IND_EPARSE, err.message);
    rc = cli_open(c, IND_OPEN_WRITE, &ds);
    if (rc != EX_OK) {
        ind_dataset_free(ds);
        return rc;
    }
    revised = (a.flags & IND_ADD_REVISE) && find_same(ds, &a.r, &old);
    rc = cli_commit(ds, ind_dataset_add(ds, &a.r, a.value_text, a.flags,
                                        &err), &err);
    if (rc != EX_OK) {
        ind_dataset_free(ds);
        return rc;
    }
    {
        double value;
        ind_number_parse(&value, a.value_text, strlen(a.value_text),
                         IND_NUMBER_ALLOW_PERCENT, NULL);
        report(&a.r, value, revised, &old, ind_dataset_history_path(ds));
        warn_break(ds, &a.r, value);
    }
    ind_dataset_free(ds);
    return EX_OK;
}
