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

typedef struct finding {
    ind_severity severity;
    char *path;
    unsigned long line;
    unsigned column;
    char *message;
} finding;

typedef struct findings {
    finding *items;
    size_t count, cap, errors, warnings;
    int failed;
} findings;

static void add(findings *f, ind_severity sev, const char *path,
                unsigned long line, unsigned column, const char *message)
{
    finding *x;

    if (f->count == f->cap) {
        size_t cap = f->cap ? f->cap * 2 : 32;
        finding *p = realloc(f->items, cap * sizeof *p);
        if (p == NULL) {
            f->failed = 1;
            return;
        }
        f->items = p;
        f->cap = cap;
    }
    x = &f->items[f->count];
    x->severity = sev;
    x->path = strdup(path);
    x->line = line;
    x->column = column;
    x->message = strdup(message);
    if (x->path == NULL || x->message == NULL) {
        free(x->path);
        free(x->message);
        f->failed = 1;
        return;
    }
    f->count++;
    f->errors += sev == IND_SEVERITY_ERROR;
    f->warnings += sev == IND_SEVERITY_WARNING;
}

static void findings_free(findings *f)
{
    size_t i;

    for (i = 0; i < f->count; i++) {
        free(f->items[i].path);
        free(f->items[i].message);
    }
    free(f->items);
}

/* "file:line:column" with the parts that are known. */
static void place(const finding *x, char *buf, size_t n)
{
    if (x->line > 0 && x->column > 0)
        snprintf(buf, n, "%s:%lu:%u", x->path, x->line, x->column);
    else if (x->line > 0)
        snprintf(buf, n, "%s:%lu", x->path, x->line);
    else
        snprintf(buf, n, "%s", x->path);
}

/* Breaks in the chosen series, and readings not used that would break it
 * (such as a rival year-end figure). */
static void check_breaks(ind_dataset *ds, size_t series, findings *f)
{
    ind_growth_break *breaks;
    ind_series *s = NULL;
    const size_t *idx;
    size_t n, k, nbreaks = 0;
    char msg[600];

    if (ind_dataset_series(ds, series, &s, NULL) != IND_OK)
        return; /* an undecided conflict: validation reports it */
    n = ind_series_length(s);
    breaks = calloc(n ? n : 1, sizeof *breaks);
    if (breaks != NULL &&
        ind_growth_breaks(breaks, n, &nbreaks, s, NULL, NULL) == IND_OK) {
        for (k = 0; k < nbreaks; k++) {
            long at = ind_series_find(s, breaks[k].year);
            ind_reading r;
            ind_dataset_reading(ds, ind_series_point(s, (size_t)at)->reading, &r, NULL);
            snprintf(msg, sizeof msg, "possible break in %s %d: %s",
                     r.indicator, r.year, breaks[k].reason);
            add(f, IND_SEVERITY_WARNING, ind_dataset_path(ds), r.line, 0, msg);
        }
    }
    free(breaks);
    ind_dataset_series_readings(ds, series, &idx, &n, NULL);
    for (k = 0; k < n; k++) {
        ind_growth_break verdict;
        ind_reading r;
        long at;
        ind_dataset_reading(ds, idx[k], &r, NULL);
        at = ind_series_find(s, r.year);
        if (at >= 0 && ind_series_point(s, (size_t)at)->reading == idx[k])
            continue;
        if (ind_growth_break_test(&verdict, s, r.year, r.value, r.status,
                                  NULL, NULL) != IND_OK ||
            verdict.rule == IND_BREAK_NONE)
            continue;
        snprintf(msg, sizeof msg, "reading not used for %s %d would break "
                 "the series: %s", r.indicator, r.year, verdict.reason);
        add(f, IND_SEVERITY_WARNING, ind_dataset_path(ds), r.line, 0, msg);
    }
    ind_series_free(s);
}

static int print_findings(const findings *f, out_format format)
{
    static const char *const columns[] = {
        "severity", "file", "line", "column", "message"
    };
    char where[1200];
    out_table *t;
    size_t i;
    int rc;

    if (format == OUT_TABLE) {
        for (i = 0; i < f->count; i++) {
            place(&f->items[i], where, sizeof where);
            printf("%s: %s: %s\n", where, severity_name(f->items[i].severity),
                   f->items[i].message);
        }
        return fflush(stdout) == 0 ? EX_OK : EX_IOERR;
    }
    t = out_table_new(columns, 5);
    if (t == NULL)
        return EX_OSERR;
    for (i = 0; i < f->count; i++) {
        out_text(t, severity_name(f->items[i].severity));
        out_text(t, f->items[i].path);
        out_int(t, (long long)f->items[i].line);
        out_int(t, f->items[i].column);
        out_text(t, f->items[i].message);
    }
    rc = out_table_print(t, format, stdout) == 0 ? EX_OK : EX_IOERR;
    out_table_free(t);
    return rc;
}

/* One line on stderr: the verdict, and the first error. */
static int summarise(const findings *f, const char *path)
{
    char where[1200];
    size_t i;

    if (f->errors == 0) {
        fprintf(stderr, "%s: check: %s is valid (%zu warning%s)\n",
                CLI_PROGRAM, path, f->warnings, f->warnings == 1 ? "" : "s");
        return EX_OK;
    }
    for (i = 0; f->items[i].severity != IND_SEVERITY_ERROR; i++)
        ;
    place(&f->items[i], where, sizeof where);
    cli_error("check: %zu error%s, %zu warning%s in %s; first: %s: %s",
              f->errors, f->errors == 1 ? "" : "s", f->warnings,
              f->warnings == 1 ? "" : "s", path, where, f->items[i].message);
    return EX_DATAERR;
}

static int run(const cli *c, int argc, char **argv)
{
    out_format format = OUT_TABLE;
    findings f;
    ind_dataset *ds = NULL;
    ind_error err = IND_ERROR_INIT;
    size_t i;
    int opt, rc, loaded;

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
    rc = ind_dataset_open(&ds, c->dataset, IND_OPEN_READ, &err);
    if (ds == NULL || rc == IND_ENOTFOUND || rc == IND_EIO || rc == IND_ENOMEM) {
        int code = rc == IND_ENOTFOUND ? EX_NOINPUT : cli_exit_code(rc);
        cli_error("%s", err.message);
        ind_dataset_free(ds);
        return code;
    }
    loaded = rc == IND_OK;
    if (loaded)
        ind_dataset_validate(ds, &err);
    memset(&f, 0, sizeof f);
    for (i = 0; i < ind_dataset_diagnostic_count(ds); i++) {
        const ind_diagnostic *d = ind_dataset_diagnostic(ds, i);
        char text[IND_ERROR_MESSAGE_SIZE + 512], hint[512];
        /* A conflict's message says the fix in the data's terms already. */
        const char *fix = d->detail == IND_DETAIL_CONFLICT ? NULL
                          : cli_fix_hint(hint, sizeof hint, d->detail,
                                         d->subject, 0);
        snprintf(text, sizeof text, "%s%s%s", d->message, fix ? "; " : "",
                 fix ? fix : "");
        add(&f, d->severity, *d->path ? d->path : c->dataset, d->line,
            d->column, text);
    }
    if (!loaded && f.errors == 0)
        add(&f, IND_SEVERITY_ERROR, c->dataset, 0, 0, err.message);
    for (i = 0; loaded && i < ind_dataset_series_count(ds); i++)
        check_breaks(ds, i, &f);
    if (f.failed) {
        cli_error("out of memory");
        rc = EX_OSERR;
    } else {
        rc = print_findings(&f, format);
        if (rc == EX_OK)
            rc = summarise(&f, c->dataset);
    }
    findings_free(&f);
    ind_dataset_free(ds);
    return rc;
}
