/* history: the audit trail: every append, revision, removal and
 * definition; for one indicator, each figure's revisions side by side. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int run(const cli *c, int argc, char **argv);

static const struct option options[] = {
    { "log", no_argument, NULL, 'l' }, CLI_COMMON_OPTIONS, { 0, 0, 0, 0 }
};

const cli_command cli_cmd_history = {
    "history", "the audit trail: every change, with old and new figures",
    "usage: indicators [-d DATASET] history [ID [--log]] [--format table|csv|json]\n"
    "\nWith ID: each figure of the indicator on a row (entity, year, as_of),\n"
    "its value side by side as it stood at the start of the history\n"
    "('initial': before any entry about it) and after each change to one of\n"
    "its figures (a column per time, UTC); empty where the figure did not\n"
    "exist (not yet added, or removed). `show ID --vintage DATE` gives the\n"
    "dataset at the end of a day with every detail.\n"
    "\nWithout ID, or with --log: the rows of NAME.history.csv, oldest first:\n"
    "time (UTC), action (append, revise, remove, define, void), indicator,\n"
    "entity, year, as_of, old_value, new_value, old_source, new_source,\n"
    "status, role, note and unit changes, the reason, and whether the entry\n"
    "never reached the observations (voided: an interrupted write).\n",
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
    bad |= out_bool(w->table, ch->voided);
    return bad ? IND_ENOMEM : IND_OK;
}

/* The history's column names, for the table, and whether the entry
 * never reached the observations (voided). */
static out_table *history_table(void)
{
    /* A narrow terminal gives up the old and new details first, the
     * change's figures and reason last; the id and year stay whole. */
    static const char *const give_up[] = {
        "old_unit", "new_unit", "old_role", "new_role", "old_source",
        "new_source", "old_note", "new_note", "old_status", "new_status",
        "voided", "entity", "as_of", "reason", "action", "old_value"
    };
    static const char *const keep[] = { "indicator", "year" };
    out_table *t;
    const char *names[32];
    size_t n = 0;

    while (n < 31 && (names[n] = ind_history_column_name(n)) != NULL)
        n++;
    names[n++] = "voided";
    t = out_table_new(names, n);
    out_table_give_up(t, give_up, sizeof give_up / sizeof give_up[0]);
    out_table_keep(t, keep, sizeof keep / sizeof keep[0]);
    return t;
}

/* ---- revisions side by side ---- */

typedef struct state {
    char *entity, *as_of;
    int year;
    char day[32];        /* time of the change, "" for the initial state */
    int present;
    double value;
} state;

typedef struct states {
    state *items;
    size_t count, cap;
    int failed;
} states;

static int keep_state(void *ctx, const ind_revision *r)
{
    states *s = ctx;
    state *x;

    if (s->count == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        state *p = realloc(s->items, cap * sizeof *p);
        if (p == NULL) {
            s->failed = 1;
            return IND_ENOMEM;
        }
        s->items = p;
        s->cap = cap;
    }
    x = &s->items[s->count];
    x->entity = strdup(r->entity);
    x->as_of = strdup(r->as_of);
    if (x->entity == NULL || x->as_of == NULL) {
        free(x->entity);
        free(x->as_of);
        s->failed = 1;
        return IND_ENOMEM;
    }
    x->year = r->year;
    snprintf(x->day, sizeof x->day, "%s", r->time);
    x->present = r->present;
    x->value = r->value;
    s->count++;
    return IND_OK;
}

static int compare_days(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The distinct days of the states, sorted, into *days (pointers into the
 * states). Returns how many, or -1. */
static long change_days(const states *s, const char ***days)
{
    size_t i, n = 0, k;

    *days = malloc((s->count ? s->count : 1) * sizeof **days);
    if (*days == NULL)
        return -1;
    for (i = 0; i < s->count; i++)
        if (s->items[i].day[0] != '\0')
            (*days)[n++] = s->items[i].day;
    qsort(*days, n, sizeof **days, compare_days);
    for (i = k = 0; i < n; i++)
        if (k == 0 || strcmp((*days)[k - 1], (*days)[i]) != 0)
            (*days)[k++] = (*days)[i];
    return (long)k;
}

static int same_figure(const state *a, const state *b)
{
    return a->year == b->year && strcmp(a->entity, b->entity) == 0 &&
           strcmp(a->as_of, b->as_of) == 0;
}

/* One row per figure: its key, then its value at the start and at the end
 * of each day. The states of a figure come together, in time order. */
static int revision_rows(const char *id, const states *s, const char **days,
                         size_t ndays, out_table *t)
{
    size_t i = 0, j, d;

    while (i < s->count) {
        const state *cur;
        for (j = i; j < s->count && same_figure(&s->items[i], &s->items[j]);)
            j++;
        out_text(t, id);
        out_text(t, s->items[i].entity);
        out_int(t, s->items[i].year);
        out_text(t, s->items[i].as_of);
        cur = &s->items[i]; /* the initial state */
        if (cur->present)
            out_num(t, cur->value, -1);
        else
            out_null(t);
        for (d = 0; d < ndays; d++) {
            size_t k;
            for (k = i; k < j; k++)
                if (s->items[k].day[0] != '\0' &&
                    strcmp(s->items[k].day, days[d]) <= 0)
                    cur = &s->items[k];
            if ((cur->present ? out_num(t, cur->value, -1) : out_null(t)) != 0)
                return -1;
        }
        i = j;
    }
    return 0;
}

static int print_revisions(ind_dataset *ds, const char *id, out_format format)
{
    states s = { NULL, 0, 0, 0 };
    ind_error err = IND_ERROR_INIT;
    const char **days = NULL, **names = NULL;
    out_table *t = NULL;
    out_doc *doc = NULL;
    long ndays;
    size_t i;
    int rc = ind_dataset_revisions(ds, id, keep_state, &s, &err);

    if (rc != IND_OK) {
        rc = s.failed ? EX_OSERR : cli_fail_error(&err);
        goto done;
    }
    rc = EX_OSERR;
    ndays = change_days(&s, &days);
    if (ndays < 0)
        goto done;
    names = malloc(((size_t)ndays + 5) * sizeof *names);
    if (names == NULL)
        goto done;
    names[0] = "indicator";
    names[1] = "entity";
    names[2] = "year";
    names[3] = "as_of";
    names[4] = "initial";
    for (i = 0; i < (size_t)ndays; i++)
        names[5 + i] = days[i];
    t = out_table_new(names, (size_t)ndays + 5);
    doc = out_doc_new();
    if (t != NULL && doc != NULL &&
        revision_rows(id, &s, days, (size_t)ndays, t) == 0 &&
        out_doc_table(doc, NULL, NULL, t) == 0) {
        t = NULL;
        rc = cli_print(doc, format);
    }
done:
    if (rc == EX_OSERR)
        cli_error("out of memory");
    for (i = 0; i < s.count; i++) {
        free(s.items[i].entity);
        free(s.items[i].as_of);
    }
    free(s.items);
    free(days);
    free(names);
    out_table_free(t);
    out_doc_free(doc);
    return rc;
}

/* An empty audit trail is said on stderr: the table (or the empty CSV
 * header, or []) alone would look like a failure. */
static void say_empty(const ind_dataset *ds, const char *only)
{
    if (only != NULL)
        cli_error("no changes to %s recorded in %s", only,
                  ind_dataset_history_path(ds));
    else
        cli_error("no changes recorded in %s", ind_dataset_history_path(ds));
}

static int run(const cli *c, int argc, char **argv)
{
    out_format format = OUT_TABLE;
    int log = 0;
    ind_dataset *ds = NULL;
    out_doc *doc = NULL;
    walk w = { NULL, NULL };
    ind_error err = IND_ERROR_INIT;
    size_t at;
    int opt, rc;

    for (opt = cli_getopt(argc, argv, options); opt != -1;
         opt = cli_getopt(argc, argv, options)) {
        if (opt == 'l') {
            log = 1;
        } else if (opt == 'f') {
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
    if (rc == EX_OK && w.only != NULL && !log) {
        rc = print_revisions(ds, w.only, format);
        ind_dataset_free(ds);
        return rc;
    }
    if (rc == EX_OK) {
        w.table = history_table();
        doc = out_doc_new();
        rc = w.table && doc ? ind_dataset_history(ds, on_change, &w, &err)
                            : IND_ENOMEM;
        if (rc == IND_OK && out_table_rows(w.table) == 0)
            say_empty(ds, w.only);
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
