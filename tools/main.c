/* indicators: the command-line program. main only dispatches: global
 * options, then the subcommand, whose exit code it returns. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const cli_command *const commands[] = {
    &cli_cmd_list, &cli_cmd_show, &cli_cmd_append, &cli_cmd_remove,
    &cli_cmd_define, &cli_cmd_check, &cli_cmd_history, &cli_cmd_growth,
    &cli_cmd_project, &cli_cmd_backtest, &cli_cmd_chart
};

#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage(FILE *f)
{
    size_t i;

    fprintf(f, "usage: %s [-d DATASET] COMMAND [ARGS] [--format table|csv|json]\n\n"
            "Yearly indicators: a safe store, growth, projections and charts.\n\n"
            "Commands:\n", CLI_PROGRAM);
    for (i = 0; i < NCOMMANDS; i++)
        fprintf(f, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fprintf(f, "\nOptions:\n"
            "  -d, --dataset FILE  observations file (default: $INDICATORS_DATASET,\n"
            "                      else %s)\n"
            "  -V, --version       print the version\n"
            "  -h, --help          this help; `%s COMMAND --help` for a command\n\n"
            "Exit codes: 0 ok, 64 usage, 65 bad data, 66 missing input, "
            "69 gnuplot missing,\n73 cannot create, 74 I/O error, 75 dataset "
            "locked by another process.\n", CLI_DEFAULT_DATASET, CLI_PROGRAM);
}

int main(int argc, char **argv)
{
    static const struct option options[] = {
        { "dataset", required_argument, NULL, 'd' },
        { "version", no_argument, NULL, 'V' },
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 }
    };
    cli c;
    const char *env = getenv("INDICATORS_DATASET");
    size_t i;
    int opt;

    ind_library_init();
    c.dataset = env && *env ? env : CLI_DEFAULT_DATASET;
    c.argc = argc;
    c.argv = argv;
    opterr = 0;
    for (opt = getopt_long(argc, argv, "+d:Vh", options, NULL); opt != -1;
         opt = getopt_long(argc, argv, "+d:Vh", options, NULL)) {
        switch (opt) {
        case 'd': c.dataset = optarg; break;
        case 'V': printf("%s %s\n", CLI_PROGRAM, IND_VERSION); return EX_OK;
        case 'h': usage(stdout); return EX_OK;
        default:
            cli_error("unknown option '%s'", argv[optind - 1]);
            usage(stderr);
            return EX_USAGE;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return EX_USAGE;
    }
    for (i = 0; i < NCOMMANDS; i++) {
        if (strcmp(argv[optind], commands[i]->name) == 0) {
            int sub_argc = argc - optind;
            char **sub_argv = argv + optind;
            optind = 0; /* let getopt start afresh on the subcommand */
            return commands[i]->run(&c, sub_argc, sub_argv);
        }
    }
    cli_error("'%s' is not a command; see `%s --help`", argv[optind],
              CLI_PROGRAM);
    return EX_USAGE;
}
