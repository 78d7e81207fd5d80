/* define: add an indicator to the catalog. */
#include "cli.h"

#include <string.h>

static int run(const cli *c, int argc, char **argv);

static const struct option options[] = {
    { "kind", required_argument, NULL, 'k' },
    { "title", required_argument, NULL, 't' },
    { "unit", required_argument, NULL, 'u' },
    { "description", required_argument, NULL, 'D' },
    { "growth-of", required_argument, NULL, 'g' },
    { "help", no_argument, NULL, 'h' },
    { 0, 0, 0, 0 }
};

const cli_command cli_cmd_define = {
    "define", "add an indicator to the catalog",
    "usage: indicators [-d DATASET] define ID --kind stock|flow|rate --title TEXT\n"
    "           --unit UNIT [--description TEXT] [--growth-of STOCK_ID]\n"
    "\nkind: stock (a level at a date), flow (a count during the year), rate (a\n"
    "percentage change; its unit is 'percent'). --growth-of declares a rate as\n"
    "the growth of a stock indicator, so growth can derive and cross-check\n"
    "levels. The catalog is NAME.indicators.csv; the change is recorded in\n"
    "NAME.history.csv.\n",
    options, NULL, 0,
    run
};

static int run(const cli *c, int argc, char **argv)
{
    const cli_command *cmd = &cli_cmd_define;
    ind_indicator ind;
    ind_dataset *ds = NULL;
    ind_error err = IND_ERROR_INIT;
    const char *kind = NULL;
    int opt, rc;

    memset(&ind, 0, sizeof ind);
    ind.title = ind.unit = ind.description = ind.growth_of = "";
    for (opt = cli_getopt(argc, argv, options); opt != -1;
         opt = cli_getopt(argc, argv, options)) {
        switch (opt) {
        case 'k': kind = optarg; break;
        case 't': ind.title = optarg; break;
        case 'u': ind.unit = optarg; break;
        case 'D': ind.description = optarg; break;
        case 'g': ind.growth_of = optarg; break;
        case 'h': return cli_help(cmd);
        default: return cli_bad_option(cmd, opt, argv);
        }
    }
    if (argc - optind != 1)
        return cli_usage_error(cmd, "give one indicator id");
    if (kind == NULL || *ind.title == '\0' || *ind.unit == '\0')
        return cli_usage_error(cmd, "--kind, --title and --unit are required");
    if (ind_kind_parse(&ind.kind, kind, &err) != IND_OK ||
        ind.kind == IND_KIND_UNSPECIFIED)
        return cli_usage_error(cmd, "--kind is stock, flow or rate");
    ind.id = argv[optind];
    rc = cli_open(c, IND_OPEN_WRITE, &ds);
    if (rc == EX_OK) {
        rc = ind_dataset_define(ds, &ind, &err);
        if (rc == IND_OK)
            rc = ind_dataset_commit(ds, &err);
        if (rc == IND_OK)
            fprintf(stderr, "%s: defined %s (%s, %s) in %s\n", CLI_PROGRAM,
                    ind.id, kind, ind.unit, ind_dataset_catalog_path(ds));
        rc = rc == IND_OK ? EX_OK : cli_fail_error(&err);
    }
    ind_dataset_free(ds);
    return rc;
}
