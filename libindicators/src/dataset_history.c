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
    const char *path;
} walk_ctx;

static const char *field(const ind_csv_row *row, size_t col)
{
    return col < row->count ? row->field[col] : "";
}

static int on_row(void *vctx, const ind_csv_row *row, ind_error *err)
{
    walk_ctx *w = vctx;
    const char *v[H_KNOWN];
    ind_change c;
    size_t i, k;

    /* What the history holds is shown by `history`: one line of text per
     * field, like every other dataset file. */
    for (i = 0; i < row->count; i++) {
        char reason[96], q[44];
        size_t at;
        if (ind_text_check(row->field[i], row->field_len[i],
                           IND_TEXT_NO_CONTROL, &at, reason,
                           sizeof reason) != 0) {
            ind_text_excerpt(q, sizeof q, row->field[i], row->field_len[i]);
            return ind_error_set_at(err, IND_EPARSE, w->path, row->line,
                                    (unsigned)i + 1, "field '%s' holds %s at "
                                    "byte %zu", q, reason, at + 1);
        }
    }
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
    c.line = row->line;
    return w->fn(w->ctx, &c);
}

int ind_dataset_history(const ind_dataset *ds, ind_change_fn fn, void *ctx,
                        ind_error *err)
{
    walk_ctx w;
    ind_error rerr = IND_ERROR_INIT;
    int rc;

    if (ds == NULL || fn == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_history: NULL "
                             "argument");
    w.fn = fn;
    w.ctx = ctx;
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

/* The fields of the last entry, copied out of the walk whole (an entity
 * or a date of any length: a cut one would not match the observations). */
enum { E_ACTION, E_INDICATOR, E_ENTITY, E_YEAR, E_AS_OF, E_NEW_VALUE,
       E_FIELDS };

typedef struct last_entry {
    int seen;
    unsigned long line;
    char *text[E_FIELDS];
    size_t cap[E_FIELDS];
} last_entry;

static int keep_last(void *vctx, const ind_change *c)
{
    last_entry *e = vctx;
    const char *v[E_FIELDS];
    size_t k, n;

    v[E_ACTION] = c->action;
    v[E_INDICATOR] = c->indicator;
    v[E_ENTITY] = c->entity;
    v[E_YEAR] = c->year;
    v[E_AS_OF] = c->as_of;
    v[E_NEW_VALUE] = c->new_value;
    e->seen = 1;
    e->line = c->line;
    for (k = 0; k < E_FIELDS; k++) {
        n = strlen(v[k]) + 1;
        if (IND_ARRAY_RESERVE(e->text[k], e->cap[k], n) != 0) {
            return IND_ENOMEM;
        }
        memcpy(e->text[k], v[k], n);
    }
    return IND_OK;
}

/* Does the dataset hold the reading the entry says was written? */
static int entry_landed(ind_dataset *ds, const last_entry *e)
{
    size_t series, k, n;
    const size_t *idx;
    double value;
    int year;

    const char *new_value = e->text[E_NEW_VALUE], *as_of = e->text[E_AS_OF];

    if (ind_number_parse(&value, new_value, strlen(new_value), 0, NULL)
            != IND_OK ||
        ind_number_parse_year(&year, e->text[E_YEAR], strlen(e->text[E_YEAR]),
                              NULL) != IND_OK)
        return 1; /* not an entry of ours to judge */
    if (ind_dataset_find_series(ds, e->text[E_INDICATOR], e->text[E_ENTITY],
                                &series, NULL)
            != IND_OK ||
        ind_dataset_series_readings(ds, series, &idx, &n, NULL) != IND_OK)
        return 0;
    for (k = 0; k < n; k++) {
        const reading_rec *r = &ds->readings[idx[k]];
        /* Judge the file as read: a revision made in memory since then
         * must not hide the figure the file holds. */
        if (r->line != 0 && r->year == year &&
            strcmp(ds_str(ds, rd_as_of(ds, r)), as_of) == 0 && r->value == value)
            return 1;
    }
    return 0;
}

int ind_dataset_history_pending(ind_dataset *ds, unsigned long *line)
{
    last_entry e;
    int pending = 0;
    size_t k;

    memset(&e, 0, sizeof e);
    if (ind_dataset_history(ds, keep_last, &e, NULL) == IND_OK && e.seen &&
        (strcmp(e.text[E_ACTION], "append") == 0 ||
         strcmp(e.text[E_ACTION], "revise") == 0)) {
        pending = !entry_landed(ds, &e);
        *line = e.line;
    }
    for (k = 0; k < E_FIELDS; k++)
        free(e.text[k]);
    return pending;
}
