/* show: every reading of one series, marking the one used for each year. */
#include "cli.h"

#include <string.h>

static int run(const cli *c, int argc, char **argv);

static const struct option options[] = {
    { "entity", required_argument, NULL, 'e' },
    CLI_VINTAGE_OPTION, CLI_COMMON_OPTIONS, { 0, 0, 0, 0 }
};

const cli_command cli_cmd_show = {
    "show", "every reading of an indicator, and which one each year uses",
    "usage: indicators [-d DATASET] show ID [--entity E] [--vintage DATE]\n"
    "           [--format table|csv|json]\n"
    "\nOne row per reading: indicator, entity, year, value, unit, status, as_of,\n"
    "role, used (the figure used for its year), conflict (the year's\n"
    "readings tie and none is used until one is marked), source, note, line\n"
    "(in the observations file). Tables say yes/no; CSV and JSON true/false.\n"
    "\nThe figure used for a year: a reading marked role=primary; otherwise the\n"
    "latest as_of within the year (an empty as_of counts as the year's end);\n"
    "readings dated after the year come last; a tie is a conflict that the\n"
    "data must decide (role=primary or role=alternate).\n"
    "\n" CLI_VINTAGE_HELP,
    options, NULL, CLI_TAKES_ID | CLI_PRINTS_DATA,
    run
};

static const char *const columns[] = {
    "indicator", "entity", "year", "value", "unit", "status", "as_of", "role",
    "used", "conflict", "source", "note", "line"
};

/* A narrow terminal gives up the line, the note and the source first
 * (shortened, then left out); the year, the figure and whether it is
 * used are never cut. */
static const char *const give_up[] = {
    "line", "note", "source", "conflict", "unit", "status", "as_of", "role"
};
static const char *const keep[] = { "year", "value", "used" };

/* Whether reading idx is the one its year uses, and whether the year is
 * an undecided conflict (then none is used). */
static void used_cells(out_table *t, ind_dataset *ds, size_t series,
                       size_t idx, int year)
{
    size_t chosen;
    int rc = ind_dataset_chosen_reading(ds, series, year, &chosen, NULL);

    out_bool(t, rc == IND_OK && chosen == idx);
    out_bool(t, rc == IND_EDATA);
}

static int fill(ind_dataset *ds, size_t series, out_table *t)
{
    size_t n = ind_dataset_series_reading_count(ds, series), k, at;
    char status[2] = { 0, 0 };

    for (k = 0; k < n; k++) {
        ind_reading r;
        if (ind_dataset_series_reading(ds, series, k, &at, NULL) != IND_OK ||
            ind_dataset_reading(ds, at, &r, NULL) != IND_OK)
            return -1;
        status[0] = r.status;
        out_text(t, r.indicator);
        out_text(t, r.entity);
        out_int(t, r.year);
        out_num(t, r.value, -1);
        out_text(t, r.unit);
        out_text(t, status);
        out_text(t, r.as_of);
        out_text(t, ind_role_name(r.role));
        used_cells(t, ds, series, at, r.year);
        out_text(t, r.source);
        out_text(t, r.note);
        if (out_int(t, (long long)r.line) != 0)
            return -1;
    }
    return 0;
}

static int describe(ind_dataset *ds, const char *id, out_doc *doc)
{
    ind_indicator ind;
    size_t at;

    ind_dataset_find_indicator(ds, id, &at, NULL);
    ind_dataset_indicator(ds, at, &ind, NULL);
    out_doc_text(doc, "indicator", NULL, ind.id);
    out_doc_text(doc, "title", NULL, ind.title);
    out_doc_text(doc, "kind", NULL, ind_kind_name(ind.kind));
    out_doc_text(doc, "unit", NULL, ind.unit);
    out_doc_text(doc, "description", NULL, ind.description);
    return out_doc_text(doc, "growth_of", "growth of", ind.growth_of);
}

static int run(const cli *c, int argc, char **argv)
{
    out_format format = OUT_TABLE;
    const char *entity = "", *vintage = NULL;
    ind_dataset *ds = NULL;
    out_doc *doc = NULL;
    out_table *t = NULL;
    size_t series;
    int opt, rc;

    for (opt = cli_getopt(argc, argv, options); opt != -1;
         opt = cli_getopt(argc, argv, options)) {
        if (opt == 'e') {
            entity = optarg;
        } else if (opt == CLI_OPT_VINTAGE) {
            vintage = optarg;
        } else if (opt == 'f') {
            rc = cli_format(&cli_cmd_show, optarg, &format);
            if (rc != EX_OK)
                return rc;
        } else if (opt == 'h') {
            return cli_help(&cli_cmd_show);
        } else {
            return cli_bad_option(&cli_cmd_show, opt, argv);
        }
    }
    if (argc - optind != 1)
        return cli_usage_error(&cli_cmd_show, "give one indicator id");
    rc = cli_open_read(c, vintage, &ds);
    if (rc == EX_OK)
        rc = cli_series(ds, argv[optind], entity, &series);
    if (rc == EX_OK) {
        doc = out_doc_new();
        t = out_table_new(columns, sizeof columns / sizeof columns[0]);
        out_table_keys(t, 2);
        out_table_give_up(t, give_up, sizeof give_up / sizeof give_up[0]);
        out_table_keep(t, keep, sizeof keep / sizeof keep[0]);
        rc = EX_OSERR;
        if (doc != NULL && t != NULL && describe(ds, argv[optind], doc) == 0 &&
            fill(ds, series, t) == 0) {
            rc = out_doc_table(doc, "readings", NULL, t) == 0
                 ? cli_print(doc, format) : EX_OSERR;
            t = NULL;
        }
        if (rc == EX_OSERR)
            cli_error("out of memory");
    }
    out_table_free(t);
    out_doc_free(doc);
    ind_dataset_free(ds);
    return rc;
}
