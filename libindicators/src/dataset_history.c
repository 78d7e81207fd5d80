/* dataset_history: read the audit trail NAME.history.csv, and tell whether
 * its last entry reached the observations (an interrupted commit). */
#include "dataset_internal.h"
#include "array.h"
#include "csvfile.h"
#include "error_internal.h"
#include "indicators/number.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct walk_ctx {
    size_t col[H_KNOWN];
    ind_change_fn fn;
    void *ctx;
    const unsigned char *voided;   /* per line, or NULL */
    unsigned long nlines;
    const char *path;
} walk_ctx;

static const char *field(const ind_csv_row *row, size_t col)
{
    return col < row->count ? row->field[col] : "";
}

int ind_history_row_check(const char *path, const ind_csv_row *row,
                          ind_error *err)
{
    char why[200];
    size_t field;

    /* What the history holds is shown by `history`: one line of text per
     * field, like every other dataset file. */
    if (ind_check_row_lines(row, &field, why, sizeof why) != IND_OK)
        return ind_error_set_at(err, IND_EPARSE, path, row->line,
                                (unsigned)field + 1, "%s", why);
    return IND_OK;
}

static int on_row(void *vctx, const ind_csv_row *row, ind_error *err)
{
    walk_ctx *w = vctx;
    const char *v[H_KNOWN];
    ind_change c;
    size_t i, k;

    if (ind_history_row_check(w->path, row, err) != IND_OK)
        return IND_EPARSE;
    if (row->index == 0) {
        for (k = 0; k < H_KNOWN; k++) {
            w->col[k] = (size_t)-1;
            for (i = 0; i < row->count; i++)
                if (strcmp(row->field[i], ind_history_column_names[k]) == 0)
                    w->col[k] = i;
        }
        return IND_OK;
    }
    for (k = 0; k < H_KNOWN; k++)
        v[k] = field(row, w->col[k]);
    c.time = v[H_TIME];
    c.action = v[H_ACTION];
    c.indicator = v[H_INDICATOR];
    c.entity = v[H_ENTITY];
    c.year = v[H_YEAR];
    c.as_of = v[H_AS_OF];
    c.old_value = v[H_OLD_VALUE];
    c.new_value = v[H_NEW_VALUE];
    c.old_source = v[H_OLD_SOURCE];
    c.new_source = v[H_NEW_SOURCE];
    c.old_status = v[H_OLD_STATUS];
    c.new_status = v[H_NEW_STATUS];
    c.old_note = v[H_OLD_NOTE];
    c.new_note = v[H_NEW_NOTE];
    c.old_role = v[H_OLD_ROLE];
    c.new_role = v[H_NEW_ROLE];
    c.old_unit = v[H_OLD_UNIT];
    c.new_unit = v[H_NEW_UNIT];
    c.reason = v[H_REASON];
    c.line = row->line;
    c.voided = w->voided != NULL && row->line <= w->nlines &&
               w->voided[row->line];
    return w->fn(w->ctx, &c);
}

/* Walk the trail, each entry marked from voided[] (NULL: none marked). */
static int walk(const ind_dataset *ds, ind_change_fn fn, void *ctx,
                const unsigned char *voided, unsigned long nlines,
                ind_error *err)
{
    walk_ctx w;
    ind_error rerr = IND_ERROR_INIT;
    int rc;

    w.fn = fn;
    w.ctx = ctx;
    w.voided = voided;
    w.nlines = nlines;
    w.path = ds->history_path;
    rc = ind_csv_read(ds->history_path, NULL, on_row, &w, NULL, &rerr);
    if (rc == IND_ENOTFOUND)
        return IND_OK;
    if (rc != IND_OK && rerr.code != IND_OK)
        ind_error_copy(err, &rerr);
    else if (rc != IND_OK)
        ind_error_set(err, rc, "%s: reading the history stopped: %s",
                      ds->history_path, ind_strerror(rc));
    return rc;
}

int ind_dataset_history(const ind_dataset *ds, ind_change_fn fn, void *ctx,
                        ind_error *err)
{
    unsigned char *voided = NULL;
    unsigned long nlines = 0;
    int rc;

    if (ds == NULL || fn == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_history: NULL "
                             "argument");
    /* The handle's tables are a cache the marks consult: not a change. */
    rc = ind_dataset_history_voided((ind_dataset *)ds, &voided, &nlines, err);
    if (rc == IND_OK)
        rc = walk(ds, fn, ctx, voided, nlines, err);
    free(voided);
    return rc;
}

/* What a first walk learns: the last entry, where the run of entries
 * sharing its time starts, the void notes' ranges and the line count. */
enum { E_TIME, E_ACTION, E_INDICATOR, E_ENTITY, E_YEAR, E_AS_OF, E_VALUE,
       E_FIELDS };

typedef struct last_entry {
    int seen;
    unsigned long line, run_start, lines;
    /* The last entry's texts, whole (an entity or a date of any length: a
     * cut one would not match the observations). */
    char *text[E_FIELDS];
    size_t cap[E_FIELDS];
    unsigned long (*voids)[2];   /* [first, last] lines voided */
    size_t nvoids, voids_cap;
    int failed;                  /* out of memory */
} last_entry;

/* Keep a copy of s as text k of the entry. Returns 0 or -1. */
static int keep_text(last_entry *e, int k, const char *s)
{
    size_t n = strlen(s) + 1;

    if (IND_ARRAY_RESERVE(e->text[k], e->cap[k], n) != 0)
        return -1;
    memcpy(e->text[k], s, n);
    return 0;
}

static void last_entry_free(last_entry *e)
{
    size_t k;

    for (k = 0; k < E_FIELDS; k++)
        free(e->text[k]);
    free(e->voids);
}

static int is_reading_entry(const char *action)
{
    return strcmp(action, "append") == 0 || strcmp(action, "revise") == 0 ||
           strcmp(action, "remove") == 0;
}

/* The lines a void note names: "line N" or "lines N-M". Returns 0 or -1. */
static int voided_lines(const char *note, unsigned long *first,
                        unsigned long *last)
{
    const char *at = strstr(note, "line");
    char *end;

    if (at == NULL)
        return -1;
    at += 4;
    if (*at == 's')
        at++;
    if (*at++ != ' ')
        return -1;
    *first = strtoul(at, &end, 10);
    *last = *first;
    if (end == at)
        return -1;
    if (*end == '-')
        *last = strtoul(end + 1, &end, 10);
    return *first > 0 && *last >= *first ? 0 : -1;
}

static int keep_last(void *vctx, const ind_change *c)
{
    last_entry *e = vctx;
    unsigned long first, last;

    if (strcmp(c->action, "void") == 0 &&
        voided_lines(c->new_note, &first, &last) == 0) {
        if (IND_ARRAY_RESERVE(e->voids, e->voids_cap, e->nvoids + 1) != 0) {
            e->failed = 1;
            return IND_ENOMEM;
        }
        e->voids[e->nvoids][0] = first;
        e->voids[e->nvoids][1] = last;
        e->nvoids++;
    }
    if (!e->seen || strcmp(e->text[E_TIME], c->time) != 0)
        e->run_start = c->line;
    e->seen = 1;
    e->line = c->line;
    e->lines = c->line;
    if (keep_text(e, E_TIME, c->time) != 0 ||
        keep_text(e, E_ACTION, c->action) != 0 ||
        keep_text(e, E_INDICATOR, c->indicator) != 0 ||
        keep_text(e, E_ENTITY, c->entity) != 0 ||
        keep_text(e, E_YEAR, c->year) != 0 ||
        keep_text(e, E_AS_OF, c->as_of) != 0 ||
        keep_text(e, E_VALUE, strcmp(c->action, "remove") == 0
                              ? c->old_value : c->new_value) != 0) {
        e->failed = 1;
        e->seen = 0;
        return IND_ENOMEM;
    }
    return IND_OK;
}

/* Does the observations file (as read) hold a reading of this key with
 * this figure? -1 when the entry is not one of ours to judge. */
static int file_holds(ind_dataset *ds, const char *indicator,
                      const char *entity, const char *year_text,
                      const char *as_of, const char *value_text)
{
    size_t series, k;
    reading_view v;
    double value;
    int year;

    if (ind_number_parse(&value, value_text, strlen(value_text), 0, NULL)
            != IND_OK ||
        ind_number_parse_year(&year, year_text, strlen(year_text), NULL)
            != IND_OK)
        return -1;
    if (ind_dataset_find_series(ds, indicator, entity, &series, NULL)
            != IND_OK ||
        ind_dataset_series_view(ds, series, &v, NULL) != IND_OK)
        return 0;
    for (k = 0; k < v.count; k++) {
        size_t r = rv_at(&v, k);
        /* Judge the file as read: a change made in memory since then
         * must not hide what the file holds. */
        if (rd_line(ds, r) != 0 && rd_year(ds, r) == year &&
            strcmp(ds_str(ds, rd_as_of(ds, r)), as_of) == 0 &&
            rd_value(ds, r) == value)
            return 1;
    }
    return 0;
}

/* Did a reading entry reach the observations? A removal did when the file
 * no longer holds the figure, the others when it does. */
static int entry_landed(ind_dataset *ds, const char *action,
                        const char *indicator, const char *entity,
                        const char *year, const char *as_of,
                        const char *value)
{
    int holds = file_holds(ds, indicator, entity, year, as_of, value);

    if (holds < 0)
        return 1; /* not an entry of ours to judge */
    return strcmp(action, "remove") == 0 ? !holds : holds;
}

/* Second walk, only after an interrupted write: within the last run of
 * entries sharing a time (one commit, or several in the same second), the
 * pending ones are those after the last that landed. */
typedef struct pending_walk {
    ind_dataset *ds;
    unsigned long run_start, first_pending;
} pending_walk;

static int find_pending(void *vctx, const ind_change *c)
{
    pending_walk *p = vctx;

    if (c->line < p->run_start || !is_reading_entry(c->action))
        return IND_OK;
    if (entry_landed(p->ds, c->action, c->indicator, c->entity, c->year,
                     c->as_of, strcmp(c->action, "remove") == 0
                     ? c->old_value : c->new_value))
        p->first_pending = 0;
    else if (p->first_pending == 0)
        p->first_pending = c->line;
    return IND_OK;
}

/* First walk (and the second when needed): fills e; the pending range in
 * *first..*last (0, 0 when none). Returns IND_OK or a code with err. */
static int scan_history(ind_dataset *ds, last_entry *e, unsigned long *first,
                        unsigned long *last, ind_error *err)
{
    pending_walk p;
    int rc;

    memset(e, 0, sizeof *e);
    *first = *last = 0;
    rc = walk(ds, keep_last, e, NULL, 0, err);
    if (rc != IND_OK || !e->seen || !is_reading_entry(e->text[E_ACTION]) ||
        entry_landed(ds, e->text[E_ACTION], e->text[E_INDICATOR],
                     e->text[E_ENTITY], e->text[E_YEAR], e->text[E_AS_OF],
                     e->text[E_VALUE]))
        return rc;
    p.ds = ds;
    p.run_start = e->run_start;
    p.first_pending = 0;
    rc = walk(ds, find_pending, &p, NULL, 0, err);
    if (rc == IND_OK && p.first_pending != 0) {
        *first = p.first_pending;
        *last = e->line;
    }
    return rc;
}

int ind_dataset_history_pending_range(ind_dataset *ds, unsigned long *first,
                                      unsigned long *last)
{
    last_entry e;
    int rc = scan_history(ds, &e, first, last, NULL);

    last_entry_free(&e);
    if (rc != IND_OK)
        *first = *last = 0;
    return *first != 0;
}

int ind_dataset_history_pending(ind_dataset *ds, unsigned long *line)
{
    unsigned long last;

    return ind_dataset_history_pending_range(ds, line, &last);
}

int ind_dataset_history_voided(ind_dataset *ds, unsigned char **out,
                               unsigned long *nlines, ind_error *err)
{
    last_entry e;
    unsigned long first, last, l;
    unsigned char *marks;
    size_t i;
    int rc;

    *out = NULL;
    *nlines = 0;
    rc = scan_history(ds, &e, &first, &last, err);
    if (rc == IND_OK && e.failed)
        rc = ind_error_set(err, IND_ENOMEM, "out of memory");
    if (rc != IND_OK || !e.seen) {
        last_entry_free(&e);
        return rc;
    }
    marks = calloc(e.lines + 1, 1);
    if (marks == NULL) {
        last_entry_free(&e);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    for (i = 0; i < e.nvoids; i++)
        for (l = e.voids[i][0]; l <= e.voids[i][1] && l <= e.lines; l++)
            marks[l] = 1;
    for (l = first; first != 0 && l <= last; l++)
        marks[l] = 1;
    last_entry_free(&e);
    *out = marks;
    *nlines = e.lines;
    return IND_OK;
}
