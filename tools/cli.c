/* cli: messages, exit codes and shared option parsing for the subcommands. */
#include "cli.h"

#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static void vmessage(const char *prefix, const char *fmt, va_list ap)
{
    fprintf(stderr, "%s: %s", CLI_PROGRAM, prefix);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void cli_error(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmessage("", fmt, ap);
    va_end(ap);
}

void cli_warn(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vmessage("warning: ", fmt, ap);
    va_end(ap);
}

int cli_usage_error(const cli_command *cmd, const char *fmt, ...)
{
    va_list ap;

    fprintf(stderr, "%s %s: ", CLI_PROGRAM, cmd->name);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "; see `%s %s --help`\n", CLI_PROGRAM, cmd->name);
    return EX_USAGE;
}

int cli_help(const cli_command *cmd)
{
    printf("%s %s: %s\n\n%s", CLI_PROGRAM, cmd->name, cmd->summary, cmd->usage);
    return EX_OK;
}

int cli_getopt(int argc, char **argv, const struct option *options)
{
    opterr = 0;
    return getopt_long(argc, argv, ":", options, NULL);
}

int cli_bad_option(const cli_command *cmd, int opt, char **argv)
{
    if (opt == ':')
        return cli_usage_error(cmd, "option '%s' needs a value",
                               argv[optind - 1]);
    return cli_usage_error(cmd, "unknown option '%s'", argv[optind - 1]);
}

const struct option *cli_find_option(const struct option *options,
                                     const char *name, size_t len)
{
    const struct option *o, *found = NULL;
    size_t matches = 0;

    for (o = options; o->name != NULL; o++) {
        if (strncmp(o->name, name, len) != 0)
            continue;
        if (o->name[len] == '\0')
            return o; /* exact */
        found = o;
        matches++;
    }
    return matches == 1 ? found : NULL;
}

int cli_takes_next(const cli_command *cmd, const char *arg)
{
    const struct option *o;
    const char *at;

    if (arg[0] != '-' || arg[1] == '\0')
        return 0;
    if (arg[1] == '-') {
        if (strchr(arg, '=') != NULL)
            return 0;
        o = cli_find_option(cmd->options, arg + 2, strlen(arg + 2));
        return o != NULL && o->has_arg == required_argument;
    }
    /* A short option: its value is the next word when nothing follows
     * the letter. */
    if (cmd->short_options == NULL || arg[2] != '\0' || arg[1] == ':')
        return 0;
    at = strchr(cmd->short_options, arg[1]);
    return at != NULL && at[1] == ':';
}

/* "-3.5", "-.5": a negative figure, not an option. */
static int is_negative_number(const char *arg)
{
    return arg[0] == '-' &&
           ((arg[1] >= '0' && arg[1] <= '9') ||
            (arg[1] == '.' && arg[2] >= '0' && arg[2] <= '9'));
}

int cli_arrange(const cli_command *cmd, int argc, char **argv, char ***out,
                int *outc)
{
    char **opts = calloc((size_t)argc + 2, sizeof *opts);
    char **pos = calloc((size_t)argc + 1, sizeof *pos);
    int i, nopts = 0, npos = 0, k;

    if (opts == NULL || pos == NULL) {
        free(opts);
        free(pos);
        return -1;
    }
    opts[nopts++] = argv[0];
    for (i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "--") == 0) {
            while (++i < argc)
                pos[npos++] = argv[i];
            break;
        }
        if (arg[0] != '-' || arg[1] == '\0' || is_negative_number(arg)) {
            pos[npos++] = argv[i];
            continue;
        }
        opts[nopts++] = argv[i];
        if (cli_takes_next(cmd, arg) && i + 1 < argc)
            opts[nopts++] = argv[++i];
    }
    opts[nopts++] = "--";
    for (k = 0; k < npos; k++)
        opts[nopts++] = pos[k];
    opts[nopts] = NULL;
    free(pos);
    *out = opts;
    *outc = nopts;
    return 0;
}

const cli_exit_status cli_exit_statuses[] = {
    { EX_OK, "success" },
    { EX_USAGE, "usage: an unknown command or option, a bad argument" },
    { EX_DATAERR, "bad data: a refused figure, an unknown indicator, a "
      "broken rule" },
    { EX_NOINPUT, "the dataset does not exist" },
    { EX_UNAVAILABLE, "gnuplot is not installed (the script is written)" },
    { EX_SOFTWARE, "gnuplot failed" },
    { EX_OSERR, "out of memory" },
    { EX_CANTCREAT, "a file cannot be created or replaced" },
    { EX_IOERR, "a file cannot be read, or the output written" },
    { EX_TEMPFAIL, "another process holds the dataset's lock" },
};
const size_t cli_nexit_statuses =
    sizeof cli_exit_statuses / sizeof cli_exit_statuses[0];

int cli_exit_code(int code)
{
    switch (code) {
    case IND_OK: return EX_OK;
    case IND_EINVAL: return EX_USAGE;
    case IND_ENOTFOUND:
    case IND_EPARSE:
    case IND_EDATA:
    case IND_EEXISTS:
    case IND_EDOMAIN:
    case IND_ENUMERIC: return EX_DATAERR;
    case IND_EIO: return EX_IOERR;
    case IND_EWRITE: return EX_CANTCREAT;
    case IND_ELOCK: return EX_TEMPFAIL;
    case IND_EUNAVAILABLE: return EX_UNAVAILABLE;
    case IND_ENOMEM: return EX_OSERR;
    default: return EX_SOFTWARE;
    }
}

int cli_fail(int code, const char *message)
{
    cli_error("%s", message && *message ? message : ind_strerror(code));
    return cli_exit_code(code);
}

const char *cli_fix_hint(char *buf, size_t size, int detail, const char *id,
                         int year)
{
    char y[16];

    if (id == NULL || *id == '\0')
        id = "ID";
    if (year != 0)
        snprintf(y, sizeof y, "%d", year);
    else
        snprintf(y, sizeof y, "YEAR");
    switch (detail) {
    case IND_DETAIL_UNKNOWN_INDICATOR:
        snprintf(buf, size, "list them with `%s list`, or add it with `%s "
                 "define %s --title T --unit U --kind stock|flow|rate`",
                 CLI_PROGRAM, CLI_PROGRAM, id);
        return buf;
    case IND_DETAIL_UNDECLARED:
        snprintf(buf, size, "add it with `%s define %s --title T --unit U "
                 "--kind stock|flow|rate`", CLI_PROGRAM, id);
        return buf;
    case IND_DETAIL_READING_EXISTS:
        snprintf(buf, size, "to replace it, repeat with --revise (the old "
                 "figure is kept in the history)");
        return buf;
    case IND_DETAIL_CONFLICT:
        snprintf(buf, size, "set role 'primary' on the one to use (or "
                 "'alternate' on the others), e.g. with `%s append %s %s "
                 "VALUE --as-of DATE --role primary --revise`", CLI_PROGRAM,
                 id, y);
        return buf;
    case IND_DETAIL_NOT_LOADED:
        snprintf(buf, size, "run `%s check` and fix it first", CLI_PROGRAM);
        return buf;
    case IND_DETAIL_NOTHING_TO_PROJECT:
        snprintf(buf, size, "give a later year to --project");
        return buf;
    case IND_DETAIL_NO_CATALOG:
        snprintf(buf, size, "`%s define` adds one", CLI_PROGRAM);
        return buf;
    case IND_DETAIL_AMBIGUOUS_READING:
        snprintf(buf, size, "name the reading with --as-of DATE (see `%s "
                 "show %s`)", CLI_PROGRAM, id);
        return buf;
    case IND_DETAIL_NO_READING:
        snprintf(buf, size, "see the readings with `%s show %s`",
                 CLI_PROGRAM, id);
        return buf;
    default:
        return NULL;
    }
}

const char *cli_error_text(char *buf, size_t size, const ind_error *err)
{
    char hint[512];
    const char *fix = cli_fix_hint(hint, sizeof hint, err->detail,
                                   err->subject, err->year);
    const char *what = *err->message ? err->message : ind_strerror(err->code);

    snprintf(buf, size, "%s%s%s", what, fix ? "; " : "", fix ? fix : "");
    return buf;
}

int cli_fail_error(const ind_error *err)
{
    char text[IND_ERROR_MESSAGE_SIZE + 600];

    cli_error("%s", cli_error_text(text, sizeof text, err));
    return cli_exit_code(err->code);
}

int cli_fail_id(const ind_dataset *ds, const char *id, const ind_error *err)
{
    const char *close[3];
    char text[IND_ERROR_MESSAGE_SIZE + 600], hint[512];
    size_t n, k, used;

    if (err->detail != IND_DETAIL_UNKNOWN_INDICATOR)
        return cli_fail_error(err);
    n = ind_compose_closest_ids(close, 3, ds, id);
    if (n == 0)
        return cli_fail_error(err);
    used = (size_t)snprintf(text, sizeof text, "%s; did you mean ",
                            err->message);
    for (k = 0; k < n && used < sizeof text; k++)
        used += (size_t)snprintf(text + used, sizeof text - used, "%s%s",
                                 k == 0 ? "" : k + 1 == n ? " or " : ", ",
                                 close[k]);
    cli_error("%s? (%s)", text, cli_fix_hint(hint, sizeof hint,
                                             err->detail, err->subject, 0));
    return cli_exit_code(err->code);
}

int cli_format(const cli_command *cmd, const char *text, out_format *out)
{
    if (out_format_parse(text, out) != 0)
        return cli_usage_error(cmd, "--format '%s': use table, csv or json",
                               text);
    return EX_OK;
}

int cli_int(const cli_command *cmd, const char *option, const char *text,
            int *out)
{
    ind_error err = IND_ERROR_INIT;

    if (ind_number_parse_year(out, text, strlen(text), &err) != IND_OK)
        return cli_usage_error(cmd, "--%s: %s", option, err.message);
    return EX_OK;
}

int cli_number(const cli_command *cmd, const char *option, const char *text,
               double *out)
{
    ind_error err = IND_ERROR_INIT;

    if (ind_number_parse(out, text, strlen(text), 0, &err) != IND_OK)
        return cli_usage_error(cmd, "--%s: %s", option, err.message);
    return EX_OK;
}

/* Say what loading inferred (a missing catalog): notes, not errors. */
static void print_notes(const ind_dataset *ds)
{
    size_t i;

    for (i = 0; i < ind_dataset_diagnostic_count(ds); i++) {
        const ind_diagnostic *d = ind_dataset_diagnostic(ds, i);
        char hint[512];
        const char *fix;
        if (d->severity != IND_SEVERITY_NOTE)
            continue;
        fix = cli_fix_hint(hint, sizeof hint, d->detail, d->subject, 0);
        fprintf(stderr, "%s: note: %s: %s%s%s\n", CLI_PROGRAM, d->path,
                d->message, fix ? "; " : "", fix ? fix : "");
    }
}

int cli_open(const cli *c, unsigned flags, ind_dataset **out)
{
    ind_error err = IND_ERROR_INIT;
    int rc = ind_dataset_open(out, c->dataset, flags, &err);

    if (rc == IND_OK) {
        print_notes(*out);
        return EX_OK;
    }
    if (rc == IND_ENOTFOUND) {
        cli_error("%s (set the dataset with -d FILE or $INDICATORS_DATASET)",
                  err.message);
        return EX_NOINPUT;
    }
    cli_error("%s", *err.message ? err.message : ind_strerror(rc));
    if (rc == IND_EPARSE || rc == IND_EDATA)
        fprintf(stderr, "%s: run `%s -d %s check` for every problem\n",
                CLI_PROGRAM, CLI_PROGRAM, c->dataset);
    return cli_exit_code(rc);
}

int cli_commit(ind_dataset *ds, int rc, const ind_error *change_err)
{
    ind_error err = IND_ERROR_INIT;

    if (rc != IND_OK)
        return cli_fail_error(change_err);
    if (ind_dataset_commit(ds, &err) != IND_OK)
        return cli_fail_error(&err);
    return EX_OK;
}

int cli_open_read(const cli *c, const char *vintage, ind_dataset **out)
{
    ind_error err = IND_ERROR_INIT;
    int rc = cli_open(c, IND_OPEN_READ, out);

    if (rc != EX_OK || vintage == NULL)
        return rc;
    if (ind_dataset_vintage(*out, vintage, &err) != IND_OK)
        return cli_fail_error(&err);
    return EX_OK;
}

int cli_series(ind_dataset *ds, const char *indicator, const char *entity,
               size_t *out)
{
    ind_error err = IND_ERROR_INIT;
    size_t at;
    int rc = ind_dataset_find_indicator(ds, indicator, &at, &err);

    if (rc == IND_OK)
        rc = ind_dataset_find_series(ds, indicator, entity, out, &err);
    if (rc != IND_OK)
        return cli_fail_id(ds, indicator, &err);
    return EX_OK;
}

int cli_print(const out_doc *doc, out_format format)
{
    if (out_doc_print(doc, format, stdout) != 0 || fflush(stdout) != 0) {
        cli_error("cannot write the output");
        return EX_IOERR;
    }
    return EX_OK;
}

int cli_print_doc(out_doc *doc, out_format format)
{
    int rc;

    if (doc == NULL) {
        cli_error("out of memory");
        return EX_OSERR;
    }
    rc = cli_print(doc, format);
    out_doc_free(doc);
    return rc;
}

int cli_figure_decimals(const double *values, size_t n)
{
    double largest = 0.0;
    size_t i;
    int d;

    for (i = 0; i < n; i++)
        if (isfinite(values[i]) && fabs(values[i]) > largest)
            largest = fabs(values[i]);
    if (largest == 0.0)
        return 0;
    d = 3 - (int)floor(log10(largest));
    return d < 0 ? 0 : d > 6 ? 6 : d;
}

int cli_list_parse(const cli_command *cmd, const char *option,
                   const char *text, cli_list *out)
{
    size_t n = 1, i;
    char *p;

    memset(out, 0, sizeof *out);
    for (i = 0; text[i]; i++)
        n += text[i] == ',';
    out->text = strdup(text);
    out->items = malloc(n * sizeof *out->items);
    if (out->text == NULL || out->items == NULL) {
        cli_list_free(out);
        cli_error("out of memory");
        return -1;
    }
    for (p = out->text;; p++) {
        char *comma = strchr(p, ',');
        if (comma != NULL)
            *comma = '\0';
        if (*p == '\0') {
            cli_list_free(out);
            return cli_usage_error(cmd, "--%s '%s': a list of words "
                                   "separated by commas, none empty",
                                   option, text), -1;
        }
        out->items[out->n++] = p;
        if (comma == NULL)
            break;
        p = comma;
    }
    return 0;
}

void cli_list_free(cli_list *l)
{
    free(l->text);
    free(l->items);
    memset(l, 0, sizeof *l);
}

/* The time written in charts and reports: $SOURCE_DATE_EPOCH when set,
 * else now (0). EX_USAGE (said) when it is not a number of seconds. */
int cli_created_time(time_t *out)
{
    const char *text = getenv("SOURCE_DATE_EPOCH");
    long long v = 0;
    const char *p;

    *out = 0;
    if (text == NULL || *text == '\0')
        return EX_OK;
    for (p = text; *p >= '0' && *p <= '9' && v < 1000000000000LL; p++)
        v = v * 10 + (*p - '0');
    if (*p != '\0' || p == text) {
        cli_error("SOURCE_DATE_EPOCH='%s' is not a number of seconds", text);
        return EX_USAGE;
    }
    *out = (time_t)v;
    return EX_OK;
}
