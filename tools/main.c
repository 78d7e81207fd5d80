/* indicators: the command-line program. main only dispatches: it takes
 * the global options from anywhere on the line, finds the subcommand,
 * puts its arguments in getopt's order and returns its exit code. */
#include "cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const cli_command *const cli_commands[] = {
    &cli_cmd_list, &cli_cmd_show, &cli_cmd_append, &cli_cmd_remove,
    &cli_cmd_define, &cli_cmd_check, &cli_cmd_history, &cli_cmd_growth,
    &cli_cmd_project, &cli_cmd_backtest, &cli_cmd_chart, &cli_cmd_import,
    &cli_cmd_export, &cli_cmd_report
};
const size_t cli_ncommands = sizeof cli_commands / sizeof cli_commands[0];

const cli_global_option cli_global_options[] = {
    { "dataset", 'd', "FILE", "the observations file (default: "
      "$INDICATORS_DATASET, else " CLI_DEFAULT_DATASET ")" },
    { "format", 0, "table|csv|json", "how a command that prints data "
      "prints it (default table)" },
    { "version", 'V', NULL, "print the program's and the library's version" },
    { "help", 'h', NULL, "this help; `" CLI_PROGRAM " COMMAND --help` for "
      "a command" },
};
const size_t cli_nglobal_options =
    sizeof cli_global_options / sizeof cli_global_options[0];

/* Text from column `indent` to column 79, broken at spaces. */
static void put_wrapped(FILE *f, const char *text, int indent)
{
    int column = indent;

    while (*text) {
        size_t word = strcspn(text, " ");
        if (column > indent && column + 1 + (int)word > 79) {
            fprintf(f, "\n%*s", indent, "");
            column = indent;
        } else if (column > indent) {
            fputc(' ', f);
            column++;
        }
        fwrite(text, 1, word, f);
        column += (int)word;
        text += word;
        while (*text == ' ')
            text++;
    }
    fputc('\n', f);
}

static void usage(FILE *f)
{
    size_t i;

    fprintf(f, "usage: %s [-d DATASET] [--format table|csv|json] COMMAND "
            "[ARGS]\n\nYearly indicators: a safe store, growth, projections "
            "and charts.\n\nCommands:\n", CLI_PROGRAM);
    for (i = 0; i < cli_ncommands; i++) {
        fprintf(f, "  %-10s ", cli_commands[i]->name);
        put_wrapped(f, cli_commands[i]->summary, 13);
    }
    fprintf(f, "\nOptions (anywhere on the line):\n");
    for (i = 0; i < cli_nglobal_options; i++) {
        const cli_global_option *o = &cli_global_options[i];
        char left[48], shortname[8] = "    ";
        if (o->short_name)
            snprintf(shortname, sizeof shortname, "-%c, ", o->short_name);
        snprintf(left, sizeof left, "%s--%s%s%s", shortname, o->name,
                 o->argument ? " " : "", o->argument ? o->argument : "");
        fprintf(f, "  %-28s ", left);
        put_wrapped(f, o->help, 31);
    }
    fprintf(f, "\nExit codes:\n");
    for (i = 0; i < cli_nexit_statuses; i++)
        fprintf(f, "  %3d  %s\n", cli_exit_statuses[i].code,
                cli_exit_statuses[i].meaning);
}

static int usage_error(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

/* "indicators: what; see `indicators --help`", one line; EX_USAGE. */
static int usage_error(const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s: ", CLI_PROGRAM);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "; see `%s --help`\n", CLI_PROGRAM);
    return EX_USAGE;
}

static const cli_command *find_command(const char *name)
{
    size_t i;

    for (i = 0; i < cli_ncommands; i++)
        if (strcmp(name, cli_commands[i]->name) == 0)
            return cli_commands[i];
    return NULL;
}

/* The options of the line before the command. */
typedef struct globals {
    const char *format;   /* --format's value, or NULL */
    int help, version, manpage, complete;
} globals;

/* Take -d FILE, -dFILE, --dataset FILE, --dataset=FILE at argv[*i] into
 * c->dataset. Returns 1 when taken, 0 when argv[*i] is something else,
 * -1 when the value is missing. */
static int take_dataset(cli *c, int argc, char **argv, int *i)
{
    const char *arg = argv[*i];

    if (strcmp(arg, "-d") == 0 || strcmp(arg, "--dataset") == 0) {
        if (*i + 1 >= argc)
            return -1;
        c->dataset = argv[++*i];
        return 1;
    }
    if (strncmp(arg, "--dataset=", 10) == 0) {
        c->dataset = arg + 10;
        return 1;
    }
    if (strncmp(arg, "-d", 2) == 0 && arg[1] == 'd' && arg[2] != '\0') {
        c->dataset = arg + 2;
        return 1;
    }
    return 0;
}

/* Read the global options before the command; returns the command's
 * index in argv, argc when there is none, or -1 after a usage error. */
static int read_leading(cli *c, int argc, char **argv, globals *g)
{
    int i;

    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int taken = take_dataset(c, argc, argv, &i);
        if (taken < 0)
            return usage_error("option '%s' needs a value", arg), -1;
        if (taken)
            continue;
        if (strcmp(arg, "--format") == 0) {
            if (i + 1 >= argc)
                return usage_error("option '%s' needs a value", arg), -1;
            g->format = argv[++i];
        } else if (strncmp(arg, "--format=", 9) == 0) {
            g->format = arg + 9;
        } else if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            g->help = 1;
        } else if (strcmp(arg, "-V") == 0 || strcmp(arg, "--version") == 0) {
            g->version = 1;
        } else if (strcmp(arg, "--manpage") == 0) {
            g->manpage = 1;
        } else if (strcmp(arg, "--complete") == 0) {
            g->complete = 1;
        } else if (arg[0] == '-') {
            return usage_error("unknown option '%s'", arg), -1;
        } else {
            return i;
        }
    }
    return argc;
}

/* The command's arguments without the global options found among them
 * (the values of the command's own options are skipped, so `--note -d`
 * keeps "-d" as a note), with --format put first when it came before the
 * command. Returns the new argc, or -1 (a message was printed). */
static int take_trailing(cli *c, const cli_command *cmd, const globals *g,
                         int argc, char **argv, char **out)
{
    static char format_option[] = "--format";
    int i, n = 0;

    out[n++] = argv[0];
    if (g->format != NULL) {
        if (!(cmd->flags & CLI_PRINTS_DATA))
            return cli_usage_error(cmd, "%s prints no data: --format does "
                                   "not apply", cmd->name), -1;
        out[n++] = format_option;
        out[n++] = (char *)g->format;
    }
    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];
        int taken;
        if (strcmp(arg, "--") == 0) {
            while (i < argc)
                out[n++] = argv[i++];
            break;
        }
        taken = take_dataset(c, argc, argv, &i);
        if (taken < 0)
            return cli_usage_error(cmd, "option '%s' needs a value", arg), -1;
        if (taken)
            continue;
        out[n++] = argv[i];
        if (cli_takes_next(cmd, arg) && i + 1 < argc)
            out[n++] = argv[++i];
    }
    out[n] = NULL;
    return n;
}

static int run_command(cli *c, const cli_command *cmd, const globals *g,
                       int argc, char **argv)
{
    char **plain = calloc((size_t)argc + 3, sizeof *plain), **arranged = NULL;
    int n, rc;

    if (plain == NULL) {
        cli_error("out of memory");
        return EX_OSERR;
    }
    n = take_trailing(c, cmd, g, argc, argv, plain);
    if (n < 0) {
        free(plain);
        return EX_USAGE;
    }
    if (cli_arrange(cmd, n, plain, &arranged, &n) != 0) {
        free(plain);
        cli_error("out of memory");
        return EX_OSERR;
    }
    optind = 0; /* let getopt start afresh on the subcommand */
    rc = cmd->run(c, n, arranged);
    free(arranged);
    free(plain);
    return rc;
}

int main(int argc, char **argv)
{
    const char *env = getenv("INDICATORS_DATASET");
    const cli_command *cmd = NULL;
    globals g = { NULL, 0, 0, 0, 0 };
    cli c;
    int at;

    ind_library_init();
    c.dataset = env && *env ? env : CLI_DEFAULT_DATASET;
    c.argc = argc;
    c.argv = argv;
    at = read_leading(&c, argc, argv, &g);
    if (at < 0)
        return EX_USAGE;
    if (at < argc) {
        cmd = find_command(argv[at]);
        if (cmd == NULL && !g.complete)
            return usage_error("'%s' is not a command", argv[at]);
    }
    if (g.version) {
        printf("%s %s (libindicators %s)\n", CLI_PROGRAM, IND_VERSION,
               ind_version());
        return EX_OK;
    }
    if (g.manpage)
        return cli_manpage(stdout) == 0 ? EX_OK : EX_IOERR;
    if (g.complete) {
        cli_complete(stdout, cmd, cmd != NULL && at + 1 < argc
                                  ? argv[at + 1] : NULL);
        return EX_OK;
    }
    if (g.help && cmd == NULL) {
        usage(stdout);
        return EX_OK;
    }
    if (cmd == NULL)
        return usage_error("no command given");
    if (g.help)
        return cli_help(cmd);
    return run_command(&c, cmd, &g, argc - at, argv + at);
}
