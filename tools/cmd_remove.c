/* remove: withdraw a figure. It leaves the observations and goes, whole,
 * into the history with the reason; a vintage still shows it. */
#include "cli.h"

#include <string.h>

static int run(const cli *c, int argc, char **argv);

static const struct option options[] = {
    { "as-of", required_argument, NULL, 'a' },
    { "entity", required_argument, NULL, 'e' },
    { "reason", required_argument, NULL, 'r' },
    { "help", no_argument, NULL, 'h' },
    { 0, 0, 0, 0 }
};

const cli_command cli_cmd_remove = {
    "remove", "withdraw a figure (kept in the history with the reason)",
    "usage: indicators [-d DATASET] remove ID YEAR --reason TEXT\n"
    "           [--as-of DATE] [--entity E]\n"
    "\nThe reading of ID for YEAR leaves the observations and goes, whole\n"
    "(figure, source, status, note, role, unit), into NAME.history.csv as a\n"
    "'remove' entry with the reason; `show ID --vintage DATE` still shows it\n"
    "for a date before the removal. A year with several readings needs\n"
    "--as-of to say which (--as-of '' for the undated one). A removal that\n"
    "would leave the year's other readings tied is refused: decide with a\n"
    "role first. The change is written atomically under the lock; a refusal\n"
    "leaves every file as it was.\n",
    options, NULL, CLI_TAKES_ID,
    run
};

static int run(const cli *c, int argc, char **argv)
{
    const cli_command *cmd = &cli_cmd_remove;
    const char *as_of = NULL, *entity = "", *reason = NULL;
    char v[IND_NUMBER_HUMAN_BUFSIZE];
    ind_dataset *ds = NULL;
    ind_error err = IND_ERROR_INIT;
    ind_reading r;
    size_t at;
    int opt, rc, year;

    for (opt = cli_getopt(argc, argv, options); opt != -1;
         opt = cli_getopt(argc, argv, options)) {
        switch (opt) {
        case 'a': as_of = optarg; break;
        case 'e': entity = optarg; break;
        case 'r': reason = optarg; break;
        case 'h': return cli_help(cmd);
        default: return cli_bad_option(cmd, opt, argv);
        }
    }
    if (argc - optind != 2)
        return cli_usage_error(cmd, "give ID and YEAR");
    if (reason == NULL || *reason == '\0')
        return cli_usage_error(cmd, "--reason is required: say why the "
                               "figure is withdrawn (it is kept with it)");
    if (ind_number_parse_year(&year, argv[optind + 1],
                              strlen(argv[optind + 1]), &err) != IND_OK)
        return cli_fail(IND_EPARSE, err.message);
    rc = cli_open(c, IND_OPEN_WRITE, &ds);
    if (rc != EX_OK) {
        ind_dataset_free(ds);
        return rc;
    }
    /* What goes, for the report: copied before the change. */
    rc = ind_dataset_find_reading(ds, argv[optind], entity, year, as_of, &at,
                                  &err);
    if (rc == IND_OK)
        rc = ind_dataset_reading(ds, at, &r, &err);
    if (rc == IND_OK)
        ind_number_format_human(v, sizeof v, r.value, -1, NULL);
    if (rc == IND_OK)
        rc = ind_dataset_remove(ds, argv[optind], entity, year, as_of, reason,
                                &err);
    rc = cli_commit(ds, rc, &err);
    if (rc != EX_OK) {
        ind_dataset_free(ds);
        return rc;
    }
    fprintf(stderr, "%s: removed %s %d%s%s = %s; it is kept in %s with the "
            "reason\n", CLI_PROGRAM, argv[optind], year,
            as_of && *as_of ? " as of " : "", as_of ? as_of : "", v,
            ind_dataset_history_path(ds));
    ind_dataset_free(ds);
    return EX_OK;
}
