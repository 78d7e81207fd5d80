/* export: the figures used for each year, out to Our World in Data's
 * layout, SDMX-CSV, a wide table, or a Frictionless Data Package. */
#include "cli.h"

#include <string.h>

static int run(const cli *c, int argc, char **argv);

static const struct option options[] = {
    { "output", required_argument, NULL, 'o' },
    { "indicators", required_argument, NULL, 'i' },
    CLI_ENTITIES_OPTION,
    { "subject", required_argument, NULL, 's' },
    { "dataflow", required_argument, NULL, 'D' },
    { "sdmx-version", required_argument, NULL, 'S' },
    { "name", required_argument, NULL, 'N' },
    CLI_VINTAGE_OPTION,
    { "help", no_argument, NULL, 'h' },
    { 0, 0, 0, 0 }
};

const cli_command cli_cmd_export = {
    "export", "export to Our World in Data's layout, SDMX-CSV, a wide table "
    "or a Frictionless Data Package",
    "usage: indicators [-d DATASET] export owid|sdmx|wide -o FILE\n"
    "       indicators [-d DATASET] export datapackage -o DIR\n"
    "           [--indicators ID,...] [--entities E,...] [--subject CODE[:NAME]]\n"
    "           [--dataflow AGENCY:ID(VERSION)] [--sdmx-version 1|2]\n"
    "           [--name NAME] [--vintage DATE]\n"
    "\nWrites the figure used for each year (the choice rule; a year left\n"
    "undecided is refused), each file atomically:\n"
    "  owid         FILE: Entity,Code,Year, a column per indicator (its id),\n"
    "               and FILE's stem.metadata.json beside it (titles, units,\n"
    "               descriptions, spans, citations), as Our World in Data's\n"
    "               grapher downloads are; `import owid` reads it back\n"
    "  sdmx         SDMX-CSV 2.0 (--sdmx-version 1: 1.0): INDICATOR,\n"
    "               REF_AREA, FREQ, TIME_PERIOD, OBS_VALUE, OBS_STATUS,\n"
    "               UNIT_MEASURE (and OBS_COMMENT for the notes)\n"
    "  wide         a row per series, a column per year, as spreadsheets\n"
    "               want\n"
    "  datapackage  DIR/values.csv (the figure used per year),\n"
    "               readings.csv (every reading), indicators.csv,\n"
    "               entities.csv and datapackage.json: a Frictionless\n"
    "               Tabular Data Package with their Table Schemas, primary\n"
    "               and foreign keys, and the sources\n"
    "\n  -o, --output PATH     the file (the folder for datapackage)\n"
    "  --indicators ID,...   only these indicators\n"
    "  --entities E,...      only these entities\n"
    "  --subject CODE[:NAME] the code of the dataset's own subject (its\n"
    "                        empty entity): OWID's Code (and NAME its\n"
    "                        Entity), SDMX's REF_AREA (default: none;\n"
    "                        SDMX writes _Z, not applicable)\n"
    "  --dataflow ID         sdmx: the structure (default IND:NAME(1.0))\n"
    "  --name NAME           datapackage: the package's name\n"
    "  --vintage DATE        the dataset as it stood at the end of DATE\n"
    "                        (YYYY-MM-DD, UTC), rebuilt from the history\n",
    options, "o:", 0,
    run
};

typedef struct export_args {
    ind_export_options o;
    ind_export_format format;
    const char *output, *vintage, *ind_text, *ent_text;
} export_args;

static int parse_format(const char *word, ind_export_format *out)
{
    static const struct { const char *name; ind_export_format f; } names[] = {
        { "owid", IND_EXPORT_OWID }, { "sdmx", IND_EXPORT_SDMX },
        { "wide", IND_EXPORT_WIDE }, { "datapackage", IND_EXPORT_DATAPACKAGE }
    };
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(word, names[i].name) == 0) {
            *out = names[i].f;
            return 0;
        }
    return -1;
}

static int parse(export_args *a, int argc, char **argv)
{
    const cli_command *cmd = &cli_cmd_export;
    ind_export_options defaults = IND_EXPORT_OPTIONS_INIT;
    int opt;

    memset(a, 0, sizeof *a);
    a->o = defaults;
    opterr = 0;
    for (opt = getopt_long(argc, argv, ":o:", options, NULL); opt != -1;
         opt = getopt_long(argc, argv, ":o:", options, NULL)) {
        switch (opt) {
        case 'o': a->output = optarg; break;
        case 'i': a->ind_text = optarg; break;
        case CLI_OPT_ENTITIES: a->ent_text = optarg; break;
        case 's': {
            /* CODE, or CODE:NAME (OWID's Entity). */
            char *colon = strchr(optarg, ':');
            a->o.subject = optarg;
            if (colon != NULL) {
                *colon = '\0';
                a->o.subject_name = colon + 1;
            }
            break;
        }
        case 'D': a->o.dataflow = optarg; break;
        case 'N': a->o.name = optarg; break;
        case CLI_OPT_VINTAGE: a->vintage = optarg; break;
        case 'S':
            if (strcmp(optarg, "1") != 0 && strcmp(optarg, "2") != 0)
                return cli_usage_error(cmd, "--sdmx-version is 1 or 2");
            a->o.sdmx_version = optarg[0] - '0';
            break;
        case 'h': return cli_help(cmd) == EX_OK ? -1 : EX_IOERR;
        default: return cli_bad_option(cmd, opt, argv);
        }
    }
    if (argc - optind != 1)
        return cli_usage_error(cmd, "give the format: owid, sdmx, wide or "
                               "datapackage");
    if (parse_format(argv[optind], &a->format) != 0)
        return cli_usage_error(cmd, "format '%s': use owid, sdmx, wide or "
                               "datapackage", argv[optind]);
    if (a->output == NULL)
        return cli_usage_error(cmd, "-o %s is required",
                               a->format == IND_EXPORT_DATAPACKAGE ? "DIR"
                                                                   : "FILE");
    return EX_OK;
}

static int run(const cli *c, int argc, char **argv)
{
    const cli_command *cmd = &cli_cmd_export;
    cli_list indicators = { NULL, NULL, 0 }, entities = { NULL, NULL, 0 };
    ind_export_summary sum;
    ind_dataset *ds = NULL;
    ind_error err = IND_ERROR_INIT;
    export_args a;
    int rc = parse(&a, argc, argv);

    if (rc != EX_OK)
        return rc < 0 ? EX_OK : rc;
    if ((a.ind_text != NULL &&
         cli_list_parse(cmd, "indicators", a.ind_text, &indicators) != 0) ||
        (a.ent_text != NULL &&
         cli_list_parse(cmd, "entities", a.ent_text, &entities) != 0)) {
        cli_list_free(&indicators);
        return EX_USAGE;
    }
    a.o.indicators = indicators.items;
    a.o.nindicators = indicators.n;
    a.o.entities = entities.items;
    a.o.nentities = entities.n;
    rc = cli_open_read(c, a.vintage, &ds);
    if (rc == EX_OK) {
        if (ind_dataset_export(ds, a.format, a.output, &a.o, &sum, &err)
                != IND_OK)
            rc = cli_fail_error(&err);
        else
            fprintf(stderr, "%s: wrote %s: %zu series, %zu figures, %zu "
                    "file%s\n", CLI_PROGRAM, a.output, sum.series,
                    sum.values, sum.files, sum.files == 1 ? "" : "s");
    }
    ind_dataset_free(ds);
    cli_list_free(&indicators);
    cli_list_free(&entities);
    return rc;
}
