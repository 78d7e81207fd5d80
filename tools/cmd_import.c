/* import: figures from the World Bank, Our World in Data or SDMX-CSV, in
 * their sources' own layouts, into a new or an existing dataset. */
#include "cli.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

static int run(const cli *c, int argc, char **argv);

static const struct option options[] = {
    { "indicators", required_argument, NULL, 'i' },
    CLI_ENTITIES_OPTION,
    { "kind", required_argument, NULL, 'k' },
    { "area", required_argument, NULL, 'a' },
    { "prefix", required_argument, NULL, 'p' },
    { "dry-run", no_argument, NULL, 'n' },
    { "help", no_argument, NULL, 'h' },
    { 0, 0, 0, 0 }
};

const cli_command cli_cmd_import = {
    "import", "import World Bank (WDI), Our World in Data or SDMX-CSV "
    "figures",
    "usage: indicators [-d DATASET] import wdi|owid|sdmx FILE\n"
    "           [--indicators CODE,...] [--entities CODE,...]\n"
    "           [--kind stock|flow|rate] [--area DIM] [--prefix TEXT]\n"
    "           [--dry-run]\n"
    "\nReads FILE in its source's own layout and brings its figures into\n"
    "DATASET, created when it does not exist: one lock, every figure checked\n"
    "first, all or nothing (a refusal names FILE:line:column and changes\n"
    "nothing). A figure the dataset holds is left alone when it is the same\n"
    "and revised when it changed (the old one kept in the history); the\n"
    "others are added, so the same file imported again changes nothing.\n"
    "Indicators the catalog lacks are defined from the file's metadata;\n"
    "entities are stored as their codes (CHN, OWID_WRL, FR), their names\n"
    "kept in NAME.entities.csv.\n"
    "\n  wdi    the World Bank's CSV: the API download (API_*.csv, with\n"
    "         Metadata_Indicator_*.csv beside it for titles, source notes\n"
    "         and organisations) or the bulk WDICSV.csv (WDISeries.csv)\n"
    "  owid   Our World in Data's grapher CSV (Entity,Code,Year,...), with\n"
    "         NAME.metadata.json beside it for ids, titles, units, spans\n"
    "         and citations; daily data (a Day column) is refused\n"
    "  sdmx   SDMX-CSV 1.0 (DATAFLOW,...) or 2.0 (STRUCTURE,STRUCTURE_ID,\n"
    "         ...): the area dimension is the entity, the other dimensions\n"
    "         name the indicator (DATAFLOW.CODE.CODE), OBS_STATUS and\n"
    "         OBS_FLAG give the status letters; other frequencies than\n"
    "         annual are left out\n"
    "\n  --indicators CODE,...  only these indicators (the source's codes)\n"
    "  --entities CODE,...    only these entities\n"
    "  --kind K               the kind of the indicators it defines when\n"
    "                         the source does not say (a WDI annual-growth\n"
    "                         code is a rate); default: unspecified\n"
    "  --area DIM             sdmx: the area dimension (default REF_AREA,\n"
    "                         GEO, COUNTRY, LOCATION or AREA)\n"
    "  --prefix TEXT          sdmx: what names the indicators before the\n"
    "                         codes (default: the dataflow's id)\n"
    "  --dry-run              say what it would do, write nothing\n",
    options, NULL, 0,
    run
};

static int parse_format(const char *word, ind_import_format *out)
{
    if (strcmp(word, "wdi") == 0)
        *out = IND_IMPORT_WDI;
    else if (strcmp(word, "owid") == 0)
        *out = IND_IMPORT_OWID;
    else if (strcmp(word, "sdmx") == 0)
        *out = IND_IMPORT_SDMX;
    else
        return -1;
    return 0;
}

/* What was done, on stderr. */
static void report(const char *file, const ind_import_summary *s, int dry)
{
    fprintf(stderr, "%s: %s: %zu figure%s of %zu indicator%s for %zu "
            "entit%s: %zu %s, %zu %s, %zu unchanged", CLI_PROGRAM, file,
            s->figures, s->figures == 1 ? "" : "s", s->indicators,
            s->indicators == 1 ? "" : "s", s->entities,
            s->entities == 1 ? "y" : "ies", s->added,
            dry ? "to add" : "added", s->revised,
            dry ? "to revise" : "revised", s->unchanged);
    if (s->indicators_defined || s->entities_titled)
        fprintf(stderr, "; %zu indicator%s %s the catalog, %zu entity "
                "title%s", s->indicators_defined,
                s->indicators_defined == 1 ? "" : "s",
                dry ? "to define in" : "defined in", s->entities_titled,
                s->entities_titled == 1 ? "" : "s");
    fputc('\n', stderr);
    if (s->gaps || s->filtered || s->beyond_years || s->not_yearly)
        fprintf(stderr, "%s: left out: %zu empty cell%s, %zu filtered, %zu "
                "of years beyond -9999..9999, %zu of other frequencies\n",
                CLI_PROGRAM, s->gaps, s->gaps == 1 ? "" : "s", s->filtered,
                s->beyond_years, s->not_yearly);
}

static int run(const cli *c, int argc, char **argv)
{
    const cli_command *cmd = &cli_cmd_import;
    ind_import_options o = IND_IMPORT_OPTIONS_INIT;
    ind_import_format format;
    ind_import_summary sum;
    ind_dataset *ds = NULL;
    ind_error err = IND_ERROR_INIT;
    cli_list indicators = { NULL, NULL, 0 }, entities = { NULL, NULL, 0 };
    const char *ind_text = NULL, *ent_text = NULL;
    int opt, rc, dry = 0;

    for (opt = cli_getopt(argc, argv, options); opt != -1;
         opt = cli_getopt(argc, argv, options)) {
        switch (opt) {
        case 'i': ind_text = optarg; break;
        case CLI_OPT_ENTITIES: ent_text = optarg; break;
        case 'a': o.area = optarg; break;
        case 'p': o.prefix = optarg; break;
        case 'n': dry = 1; break;
        case 'k':
            if (ind_kind_parse(&o.kind, optarg, &err) != IND_OK ||
                o.kind == IND_KIND_UNSPECIFIED)
                return cli_usage_error(cmd, "--kind is stock, flow or rate");
            break;
        case 'h': return cli_help(cmd);
        default: return cli_bad_option(cmd, opt, argv);
        }
    }
    if (argc - optind != 2)
        return cli_usage_error(cmd, "give the format (wdi, owid or sdmx) and "
                               "the file");
    if (parse_format(argv[optind], &format) != 0)
        return cli_usage_error(cmd, "format '%s': use wdi, owid or sdmx",
                               argv[optind]);
    if (ind_text != NULL &&
        cli_list_parse(cmd, "indicators", ind_text, &indicators) != 0)
        return EX_USAGE;
    if (ent_text != NULL &&
        cli_list_parse(cmd, "entities", ent_text, &entities) != 0) {
        cli_list_free(&indicators);
        return EX_USAGE;
    }
    if (access(argv[optind + 1], R_OK) != 0) {
        cli_error("%s: cannot read it: %s", argv[optind + 1],
                  strerror(errno));
        cli_list_free(&indicators);
        cli_list_free(&entities);
        return EX_NOINPUT;
    }
    o.indicators = indicators.items;
    o.nindicators = indicators.n;
    o.entities = entities.items;
    o.nentities = entities.n;
    rc = cli_open(c, IND_OPEN_WRITE | IND_OPEN_CREATE, &ds);
    if (rc == EX_OK) {
        int lib = ind_dataset_import(ds, format, argv[optind + 1], &o, &sum,
                                     &err);
        if (lib == IND_OK && dry) {
            report(argv[optind + 1], &sum, 1);
        } else {
            rc = cli_commit(ds, lib, &err);
            if (rc == EX_OK)
                report(argv[optind + 1], &sum, 0);
        }
    }
    ind_dataset_free(ds);
    cli_list_free(&indicators);
    cli_list_free(&entities);
    return rc;
}
