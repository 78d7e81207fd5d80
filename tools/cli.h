/* cli: what every subcommand shares: the global options, messages on
 * stderr, the map from library errors to <sysexits.h> codes, and opening
 * the dataset. Commands stay thin: parse options, call the library, print. */
#ifndef IND_TOOLS_CLI_H
#define IND_TOOLS_CLI_H

#include <getopt.h>
#include <stdio.h>
#include <sysexits.h>
#include <time.h>

#include "indicators/indicators.h"
#include "indicators/dataset.h"
#include "output.h"

#define CLI_PROGRAM "indicators"
#define CLI_DEFAULT_DATASET "datasets/china-standardization.csv"

/* State shared by the subcommands. */
typedef struct cli {
    const char *dataset;   /* -d, $INDICATORS_DATASET or the default */
    int argc;              /* the whole command line, for provenance */
    char **argv;
} cli;

/* What a command's arguments are, for completion and global options. */
#define CLI_TAKES_ID    0x1u  /* its arguments are indicator ids */
#define CLI_PRINTS_DATA 0x2u  /* it takes --format */

/* A subcommand: its name, one-line summary, usage text (the --help text
 * and the man page's section: every option is explained there), option
 * table and entry point. */
typedef struct cli_command {
    const char *name;
    const char *summary;
    const char *usage;
    const struct option *options;  /* ends with a zero entry */
    const char *short_options;     /* getopt's, "o:" for -o FILE; NULL */
    unsigned flags;                /* CLI_TAKES_ID, CLI_PRINTS_DATA */
    int (*run)(const cli *c, int argc, char **argv);
} cli_command;

/* --vintage DATE, taken by every command that reads figures: the dataset
 * as it stood at the end of that day, rebuilt from the history. */
#define CLI_OPT_VINTAGE 0x100
#define CLI_VINTAGE_OPTION \
    { "vintage", required_argument, NULL, CLI_OPT_VINTAGE }
#define CLI_VINTAGE_HELP \
    "  --vintage DATE     the dataset as it stood at the end of DATE\n" \
    "                     (YYYY-MM-DD, UTC), rebuilt from the history\n"

/* --entities A,B,...: one indicator compared across entities. */
#define CLI_OPT_ENTITIES 0x101
#define CLI_ENTITIES_OPTION \
    { "entities", required_argument, NULL, CLI_OPT_ENTITIES }

/* A comma-separated list, split: *items (to free with cli_list_free)
 * holds *n words, none empty. Returns 0, or -1 for an empty word or out
 * of memory (the message printed, for --option). */
typedef struct cli_list {
    char *text;
    const char **items;
    size_t n;
} cli_list;

int cli_list_parse(const cli_command *cmd, const char *option,
                   const char *text, cli_list *out);
void cli_list_free(cli_list *l);
/* Every command, in the order --help lists them (main.c). */
extern const cli_command *const cli_commands[];
extern const size_t cli_ncommands;

/* A global option: taken anywhere on the line, before or after the
 * command (main.c). */
typedef struct cli_global_option {
    const char *name;      /* long name */
    char short_name;       /* 0 for none */
    const char *argument;  /* "FILE", or NULL for a flag */
    const char *help;      /* one line */
} cli_global_option;

extern const cli_global_option cli_global_options[];
extern const size_t cli_nglobal_options;

/* Options every data-printing command takes. */
#define CLI_COMMON_OPTIONS \
    { "format", required_argument, NULL, 'f' }, \
    { "help", no_argument, NULL, 'h' }

/* getopt_long over long options only (their `val` is the short code);
 * returns ':' for a missing argument and '?' for an unknown option. */
int cli_getopt(int argc, char **argv, const struct option *options);

/* Report the option getopt rejected ('?' or ':'); returns EX_USAGE. */
int cli_bad_option(const cli_command *cmd, int opt, char **argv);

/* Put a command's arguments in the order getopt wants: its options (with
 * their values) first, then `--`, then the positional arguments in their
 * order. A word that reads as a negative number ("-3.5") is positional,
 * so a negative figure needs no `--`. Fills *out (argv[0] the command,
 * NULL-terminated, to free()) and *outc; returns 0 or -1 (no memory). */
int cli_arrange(const cli_command *cmd, int argc, char **argv,
                char ***out, int *outc);

/* 1 when the word arg is an option of cmd whose value is the next word
 * ("--to" but not "--to=2030", "-o" but not "-ofile"), else 0. */
int cli_takes_next(const cli_command *cmd, const char *arg);

/* The long option of a table that `name` (without "--", up to any "=")
 * names, exactly or as an unambiguous prefix, as getopt_long reads it;
 * NULL when none. */
const struct option *cli_find_option(const struct option *options,
                                     const char *name, size_t len);

/* Print "indicators: message" to stderr. */
void cli_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print "indicators: warning: message" to stderr. */
void cli_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Print "indicators CMD: message; see `indicators CMD --help`" (one line)
 * to stderr; returns EX_USAGE. */
int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Print the command's usage to stdout (for --help); returns EX_OK. */
int cli_help(const cli_command *cmd);

/* The exit codes the program uses, with their meaning (cli.c). */
typedef struct cli_exit_status {
    int code;
    const char *meaning;
} cli_exit_status;

extern const cli_exit_status cli_exit_statuses[];
extern const size_t cli_nexit_statuses;

/* The exit code for a library error code. */
int cli_exit_code(int ind_code);

/* Report a library error (its message) and return its exit code. */
int cli_fail(int code, const char *message);

/* Report a library error record: its message, then on the same line how
 * to fix it on the command line when its detail says (an unknown
 * indicator, an existing reading, an undecided conflict...). Returns the
 * exit code of err->code. */
int cli_fail_error(const ind_error *err);

/* Report a failure to find or load indicator `id` of ds: as
 * cli_fail_error(), and for an unknown id the closest ids of the catalog
 * ("did you mean certification_bodies?"). Returns the exit code (65 for
 * an unknown id). */
int cli_fail_id(const ind_dataset *ds, const char *id, const ind_error *err);

/* err's message followed, when its detail says, by "; " and how to fix
 * it on the command line; written into buf, which is returned. */
const char *cli_error_text(char *buf, size_t size, const ind_error *err);

/* How to fix a failure or finding of this detail with a command, or NULL
 * ("to replace it, repeat with --revise"); id and year fill the command
 * (id "" or year 0: placeholders). Written into buf. */
const char *cli_fix_hint(char *buf, size_t size, int detail, const char *id,
                         int year);

/* Parse --format's argument; on failure report and return EX_USAGE. */
int cli_format(const cli_command *cmd, const char *text, out_format *out);

/* Parse a whole number option (a year, a size); EX_USAGE on failure. */
int cli_int(const cli_command *cmd, const char *option, const char *text,
            int *out);

/* Parse a figure option with the library's strict grammar. */
int cli_number(const cli_command *cmd, const char *option, const char *text,
               double *out);

/* Open the dataset; on failure print the reason (and, for a malformed
 * file, a hint to run check) and return the exit code, else EX_OK. */
int cli_open(const cli *c, unsigned flags, ind_dataset **out);

/* Finish a change: when rc (the change's code) is IND_OK, commit; report
 * a failure of either. Returns EX_OK or the exit code; the caller still
 * frees the dataset. */
int cli_commit(ind_dataset *ds, int rc, const ind_error *change_err);

/* Open the dataset to read, as it stood at the end of the day `vintage`
 * (NULL: as it is now); on failure print why and return the exit code. */
int cli_open_read(const cli *c, const char *vintage, ind_dataset **out);

/* Find the series of an indicator (entity "" by default); print why not
 * and return an exit code, else EX_OK with its index. */
int cli_series(ind_dataset *ds, const char *indicator, const char *entity,
               size_t *out);

/* Print a document or table to stdout; EX_IOERR if that fails. */
int cli_print(const out_doc *doc, out_format format);

/* Print a document built by the caller and free it; a NULL document
 * (building it ran out of memory) is reported as such (EX_OSERR). */
int cli_print_doc(out_doc *doc, out_format format);

/* Decimals that show four significant digits of the largest magnitude
 * among values[0..n) in a human table, 0..6. */
int cli_figure_decimals(const double *values, size_t n);

/* The time written in charts and reports: $SOURCE_DATE_EPOCH when set,
 * else now (0). EX_USAGE (said) when it is not a number of seconds. */
int cli_created_time(time_t *out);

/* The man page indicators(1), as roff, from the command table and the
 * usage texts (manpage.c). Returns 0 or -1 on a write error. */
int cli_manpage(FILE *out);

/* Words for shell completion (hidden option --complete): with cmd NULL,
 * the commands and global options; with option NULL, the command's
 * options (those that take a value printed "--name="), then "ids" when
 * its arguments are indicator ids; else the values that option takes,
 * when they are a fixed list (models, kinds, formats...). */
void cli_complete(FILE *out, const cli_command *cmd, const char *option);

/* The subcommands (cmd_*.c). */
extern const cli_command cli_cmd_list, cli_cmd_show, cli_cmd_append,
    cli_cmd_define, cli_cmd_check, cli_cmd_history, cli_cmd_growth,
    cli_cmd_project, cli_cmd_backtest, cli_cmd_chart, cli_cmd_remove,
    cli_cmd_import, cli_cmd_export, cli_cmd_report;

#endif
