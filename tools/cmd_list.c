/* list: one row per series (and per catalog indicator without readings). */
#include "cli.h"

#include <math.h>
#include <stdlib.h>

static int run(const cli *c, int argc, char **argv);

static const struct option options[] = {
    CLI_VINTAGE_OPTION, CLI_COMMON_OPTIONS, { 0, 0, 0, 0 }
};

const cli_command cli_cmd_list = {
    "list", "the series of the dataset, with their span and latest figure",
    "usage: indicators [-d DATASET] list [--vintage DATE] [--format table|csv|json]\n"
    "\nColumns: indicator, entity, title, kind, unit, first_year, last_year,\n"
    "years (with a reading), readings (all roles), conflicts (years whose\n"
    "choice is undecided), latest_year, latest_value (the reading used).\n"
    "\n" CLI_VINTAGE_HELP,
    options, NULL, CLI_PRINTS_DATA,
    run
};

static const char *const columns[] = {
    "indicator", "entity", "title", "kind", "unit", "first_year", "last_year",
    "years", "readings", "conflicts", "latest_year", "latest_value"
};

/* What a narrow terminal gives up first: the id stays whole (the thing a
 * user types next), the latest figure and its year go last. */
static const char *const give_up[] = {
    "title", "unit", "kind", "conflicts", "readings", "years", "first_year",
    "last_year", "latest_year", "latest_value"
};

/* The figure used for the series' last year, NaN if undecided. */
static double latest_value(ind_dataset *ds, size_t series, int year)
{
    ind_reading r;
    size_t at;

    if (ind_dataset_chosen_reading(ds, series, year, &at, NULL) != IND_OK ||
        ind_dataset_reading(ds, at, &r, NULL) != IND_OK)
        return NAN;
    return r.value;
}

static int add_series_rows(ind_dataset *ds, out_table *t, char *has_series)
{
    size_t i, n = ind_dataset_series_count(ds);

    for (i = 0; i < n; i++) {
        ind_series_info info;
        ind_indicator ind;
        size_t at;
        ind_dataset_series_info(ds, i, &info, NULL);
        ind_dataset_find_indicator(ds, info.indicator, &at, NULL);
        ind_dataset_indicator(ds, at, &ind, NULL);
        has_series[at] = 1;
        out_text(t, info.indicator);
        out_text(t, info.entity);
        out_text(t, ind.title);
        out_text(t, ind_kind_name(ind.kind));
        out_text(t, ind.unit);
        out_int(t, info.first_year);
        out_int(t, info.last_year);
        out_int(t, (long long)info.years);
        out_int(t, (long long)info.readings);
        out_int(t, (long long)info.conflicts);
        out_int(t, info.last_year);
        if (out_num(t, latest_value(ds, i, info.last_year), -1) != 0)
            return -1;
    }
    return 0;
}

static int add_empty_indicators(ind_dataset *ds, out_table *t,
                                const char *has_series)
{
    size_t i, n = ind_dataset_indicator_count(ds);

    for (i = 0; i < n; i++) {
        ind_indicator ind;
        size_t k;
        if (has_series[i])
            continue;
        ind_dataset_indicator(ds, i, &ind, NULL);
        out_text(t, ind.id);
        out_text(t, "");
        out_text(t, ind.title);
        out_text(t, ind_kind_name(ind.kind));
        out_text(t, ind.unit);
        for (k = 0; k < 2; k++)
            out_null(t);
        for (k = 0; k < 3; k++)
            out_int(t, 0);
        out_null(t);
        if (out_null(t) != 0)
            return -1;
    }
    return 0;
}

static int run(const cli *c, int argc, char **argv)
{
    const char *vintage = NULL;
    out_format format = OUT_TABLE;
    ind_dataset *ds = NULL;
    out_doc *doc;
    out_table *t;
    char *has_series;
    int opt, rc;

    for (opt = cli_getopt(argc, argv, options); opt != -1;
         opt = cli_getopt(argc, argv, options)) {
        if (opt == CLI_OPT_VINTAGE) {
            vintage = optarg;
        } else if (opt == 'f') {
            rc = cli_format(&cli_cmd_list, optarg, &format);
            if (rc != EX_OK)
                return rc;
        } else if (opt == 'h') {
            return cli_help(&cli_cmd_list);
        } else {
            return cli_bad_option(&cli_cmd_list, opt, argv);
        }
    }
    if (optind < argc)
        return cli_usage_error(&cli_cmd_list, "unexpected argument '%s'",
                               argv[optind]);
    rc = cli_open_read(c, vintage, &ds);
    if (rc != EX_OK) {
        ind_dataset_free(ds);
        return rc;
    }
    doc = out_doc_new();
    t = out_table_new(columns, sizeof columns / sizeof columns[0]);
    out_table_give_up(t, give_up, sizeof give_up / sizeof give_up[0]);
    has_series = calloc(ind_dataset_indicator_count(ds) + 1, 1);
    rc = EX_OSERR;
    if (doc != NULL && t != NULL && has_series != NULL &&
        add_series_rows(ds, t, has_series) == 0 &&
        add_empty_indicators(ds, t, has_series) == 0) {
        rc = out_doc_table(doc, NULL, NULL, t) == 0 ? cli_print(doc, format)
                                                    : EX_OSERR;
        t = NULL;
    }
    if (rc == EX_OSERR)
        cli_error("out of memory");
    out_table_free(t);
    out_doc_free(doc);
    free(has_series);
    ind_dataset_free(ds);
    return rc;
}
