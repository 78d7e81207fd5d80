/* history: the audit trail: every append, revision and definition. */
#include "cli.h"

#include <string.h>

static int run(const cli *c, int argc, char **argv);

static const struct option options[] = { CLI_COMMON_OPTIONS, { 0, 0, 0, 0 } };

const cli_command cli_cmd_history = {
    "history", "the audit trail: every change, with old and new figures",
    "usage: indicators [-d DATASET] history [ID] [--format table|csv|json]\n"
    "\nRows of NAME.history.csv, oldest first, for one indicator or all:\n"
    "time (UTC), action (append, revise, define, void), indicator, entity,\n"
    "year, as_of, old_value, new_value, old_source, new_source, status,\n"
    "role and note changes.\n",
    options, NULL, CLI_TAKES_ID | CLI_PRINTS_DATA,
    run
};

typedef struct walk {
    out_table *table;
    const char *only;
} walk;

/* A figure as a number when it reads as one, else as text. */
static int figure(out_table *t, const char *text)
{
    double v;

    if (*text == '\0')
        return out_null(t);
    if (ind_number_parse(&v, text, strlen(text), 0, NULL) == IND_OK)
        return out_num(t, v, -1);
    return out_text(t, text);
}

/* A whole year as an integer, else the text (or null when empty). */
static int year_cell(out_table *t, const char *text)
{
    int year;

    if (*text == '\0')
        return out_null(t);
    if (ind_number_parse_year(&year, text, strlen(text), NULL) == IND_OK)
        return out_int(t, year);
    return out_text(t, text);
}

/* One row per entry, in the history's own columns. */
static int on_change(void *ctx, const ind_change *ch)
{
    walk *w = ctx;
    const char *name, *text;
    size_t i;
    int bad = 0;

    if (w->only != NULL && strcmp(w->only, ch->indicator) != 0)
        return IND_OK;
    for (i = 0; (name = ind_history_column_name(i)) != NULL; i++) {
        text = ind_change_field(ch, i);
        if (strcmp(name, "year") == 0)
            bad |= year_cell(w->table, text);
        else if (strcmp(name, "old_value") == 0 ||
                 strcmp(name, "new_value") == 0)
            bad |= figure(w->table, text);
        else
            bad |= out_text(w->table, text);
    }
    return bad ? IND_ENOMEM : IND_OK;
}

/* The history's column names, for the table. */
static out_table *history_table(void)
{
    const char *names[32];
    size_t n = 0;

    while (n < 32 && (names[n] = ind_history_column_name(n)) != NULL)
        n++;
    return out_table_new(names, n);
}

static int run(const cli *c, int argc, char **argv)
{
    out_format format = OUT_TABLE;
    ind_dataset *ds = NULL;
    out_doc *doc = NULL;
    walk w = { NULL, NULL };
    ind_error err = IND_ERROR_INIT;
    size_t at;
    int opt, rc;

    for (opt = cli_getopt(argc, argv, options); opt != -1;
         opt = cli_getopt(argc, argv, options)) {
        if (opt == 'f') {
            rc = cli_format(&cli_cmd_history, optarg, &format);
            if (rc != EX_OK)
                return rc;
        } else if (opt == 'h') {
            return cli_help(&cli_cmd_history);
        } else {
            return cli_bad_option(&cli_cmd_history, opt, argv);
        }
    }
    if (argc - optind > 1)
        return cli_usage_error(&cli_cmd_history, "give at most one indicator");
    w.only = optind < argc ? argv[optind] : NULL;
    rc = cli_open(c, IND_OPEN_READ, &ds);
    if (rc == EX_OK && w.only != NULL &&
        ind_dataset_find_indicator(ds, w.only, &at, &err) != IND_OK)
        rc = cli_fail_id(ds, w.only, &err);
    if (rc == EX_OK) {
        w.table = history_table();
        doc = out_doc_new();
        rc = w.table && doc ? ind_dataset_history(ds, on_change, &w, &err)
                            : IND_ENOMEM;
        if (rc == IND_OK) {
            rc = out_doc_table(doc, NULL, NULL, w.table) == 0
                 ? cli_print(doc, format) : EX_OSERR;
            w.table = NULL;
        } else {
            rc = cli_fail_error(&err);
        }
    }
    out_table_free(w.table);
    out_doc_free(doc);
    ind_dataset_free(ds);
    return rc;
}
