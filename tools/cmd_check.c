/* check: validate a whole dataset and list every finding, breaks included. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int run(const cli *c, int argc, char **argv);

static const struct option options[] = { CLI_COMMON_OPTIONS, { 0, 0, 0, 0 } };

const cli_command cli_cmd_check = {
    "check", "validate the dataset: every problem as file:line:column",
    "usage: indicators [-d DATASET] check [--format table|csv|json]\n"
    "\nReads the observations, the catalog and the history and reports every\n"
    "problem: malformed rows (numbers, years, dates, status, encoding, control\n"
    "characters, spreadsheet formulas), duplicates, conflicting readings with\n"
    "no decision, units against the catalog, indicators missing from it, and\n"
    "figures that break their series (warnings). Exit 0 when no finding is an\n"
    "error (warnings allowed), 65 otherwise.\n",
    options, NULL, CLI_PRINTS_DATA,
    run
};

static const char *severity_name(ind_severity s)
{
    return s == IND_SEVERITY_ERROR ? "error"
           : s == IND_SEVERITY_WARNING ? "warning" : "note";
}

/* "file:line:column" with the parts that are known. */
static void place(const ind_diagnostic *d, char *buf, size_t n)
{
    if (d->line > 0 && d->column > 0)
        snprintf(buf, n, "%s:%lu:%u", d->path, d->line, d->column);
    else if (d->line > 0)
        snprintf(buf, n, "%s:%lu", d->path, d->line);
    else
        snprintf(buf, n, "%s", d->path);
}

/* The finding's message, with how to fix it on the command line when its
 * detail says (a conflict's message says the fix in the data's terms). */
static const char *message(const ind_diagnostic *d, char *buf, size_t n)
{
    char hint[512];
    const char *fix = d->detail == IND_DETAIL_CONFLICT ? NULL
                      : cli_fix_hint(hint, sizeof hint, d->detail,
                                     d->subject, 0);

    snprintf(buf, n, "%s%s%s", d->message, fix ? "; " : "", fix ? fix : "");
    return buf;
}

static int print_findings(const ind_findings *f, out_format format)
{
    static const char *const columns[] = {
        "indicator", "severity", "file", "line", "column", "message"
    };
    char where[1200], text[IND_ERROR_MESSAGE_SIZE + 600];
    out_table *t;
    size_t i;
    int rc;

    if (format == OUT_TABLE) {
        for (i = 0; i < ind_findings_count(f); i++) {
            const ind_diagnostic *d = ind_findings_at(f, i);
            place(d, where, sizeof where);
            printf("%s: %s: %s\n", where, severity_name(d->severity),
                   message(d, text, sizeof text));
        }
        return fflush(stdout) == 0 ? EX_OK : EX_IOERR;
    }
    t = out_table_new(columns, 6);
    if (t == NULL)
        return EX_OSERR;
    for (i = 0; i < ind_findings_count(f); i++) {
        const ind_diagnostic *d = ind_findings_at(f, i);
        out_text(t, d->subject);
        out_text(t, severity_name(d->severity));
        out_text(t, d->path);
        out_int(t, (long long)d->line);
        out_int(t, d->column);
        out_text(t, message(d, text, sizeof text));
    }
    rc = out_table_print(t, format, stdout) == 0 ? EX_OK : EX_IOERR;
    out_table_free(t);
    return rc;
}

/* One line on stderr: the verdict, and the first error. */
static int summarise(const ind_findings *f, const char *path)
{
    size_t errors = ind_findings_with(f, IND_SEVERITY_ERROR);
    size_t warnings = ind_findings_with(f, IND_SEVERITY_WARNING), i;
    char where[1200], text[IND_ERROR_MESSAGE_SIZE + 600];
    const ind_diagnostic *d;

    if (errors == 0) {
        fprintf(stderr, "%s: check: %s is valid (%zu warning%s)\n",
                CLI_PROGRAM, path, warnings, warnings == 1 ? "" : "s");
        return EX_OK;
    }
    for (i = 0; ind_findings_at(f, i)->severity != IND_SEVERITY_ERROR; i++)
        ;
    d = ind_findings_at(f, i);
    place(d, where, sizeof where);
    cli_error("check: %zu error%s, %zu warning%s in %s; first: %s: %s",
              errors, errors == 1 ? "" : "s", warnings,
              warnings == 1 ? "" : "s", path, where,
              message(d, text, sizeof text));
    return EX_DATAERR;
}

static int run(const cli *c, int argc, char **argv)
{
    out_format format = OUT_TABLE;
    ind_findings *f = NULL;
    ind_dataset *ds = NULL;
    ind_error err = IND_ERROR_INIT;
    int opt, rc;

    for (opt = cli_getopt(argc, argv, options); opt != -1;
         opt = cli_getopt(argc, argv, options)) {
        if (opt == 'f') {
            rc = cli_format(&cli_cmd_check, optarg, &format);
            if (rc != EX_OK)
                return rc;
        } else if (opt == 'h') {
            return cli_help(&cli_cmd_check);
        } else {
            return cli_bad_option(&cli_cmd_check, opt, argv);
        }
    }
    if (optind < argc)
        return cli_usage_error(&cli_cmd_check, "unexpected argument '%s'",
                               argv[optind]);
    /* A dataset that does not load is checked too: its findings say why;
     * only one that cannot be read at all stops here. */
    rc = ind_dataset_open(&ds, c->dataset, IND_OPEN_READ, &err);
    if (ds == NULL || rc == IND_ENOTFOUND || rc == IND_EIO ||
        rc == IND_ENOMEM) {
        int code = rc == IND_ENOTFOUND ? EX_NOINPUT : cli_exit_code(rc);
        cli_error("%s", err.message);
        ind_dataset_free(ds);
        return code;
    }
    rc = ind_compose_check(&f, ds, &err) == IND_OK ? print_findings(f, format)
                                                  : cli_fail_error(&err);
    if (rc == EX_OK)
        rc = summarise(f, c->dataset);
    ind_findings_free(f);
    ind_dataset_free(ds);
    return rc;
}
