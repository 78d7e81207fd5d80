/* dataset_history: read the audit trail NAME.history.csv, and tell whether
 * its last entry reached the observations (an interrupted commit). */
#include "dataset_internal.h"
#include "csvfile.h"
#include "indicators/number.h"

#include <stdio.h>
#include <string.h>

typedef struct walk_ctx {
    size_t col[H_KNOWN];
    ind_change_fn fn;
    void *ctx;
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

    (void)err;
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

/* The last append or revise entry, copied out of the walk. */
typedef struct last_entry {
    int seen;
    unsigned long line;
    char action[16], indicator[80], entity[80], year[16], as_of[16],
         new_value[64];
} last_entry;

static int keep_last(void *vctx, const ind_change *c)
{
    last_entry *e = vctx;

    e->seen = 1;
    e->line = c->line;
    snprintf(e->action, sizeof e->action, "%s", c->action);
    snprintf(e->indicator, sizeof e->indicator, "%s", c->indicator);
    snprintf(e->entity, sizeof e->entity, "%s", c->entity);
    snprintf(e->year, sizeof e->year, "%s", c->year);
    snprintf(e->as_of, sizeof e->as_of, "%s", c->as_of);
    snprintf(e->new_value, sizeof e->new_value, "%s", c->new_value);
    return IND_OK;
}

/* Does the dataset hold the reading the entry says was written? */
static int entry_landed(ind_dataset *ds, const last_entry *e)
{
    size_t series, k, n;
    const size_t *idx;
    double value;
    int year;

    if (ind_number_parse(&value, e->new_value, strlen(e->new_value), 0, NULL)
            != IND_OK ||
        ind_number_parse_year(&year, e->year, strlen(e->year), NULL) != IND_OK)
        return 1; /* not an entry of ours to judge */
    if (ind_dataset_find_series(ds, e->indicator, e->entity, &series, NULL)
            != IND_OK ||
        ind_dataset_series_readings(ds, series, &idx, &n, NULL) != IND_OK)
        return 0;
    for (k = 0; k < n; k++) {
        const reading_rec *r = &ds->readings[idx[k]];
        /* Judge the file as read: a revision made in memory since then
         * must not hide the figure the file holds. */
        if (r->line != 0 && r->year == year &&
            strcmp(ds_str(ds, rd_as_of(ds, r)), e->as_of) == 0 && r->value == value)
            return 1;
    }
    return 0;
}

int ind_dataset_history_pending(ind_dataset *ds, unsigned long *line)
{
    last_entry e;
    int landed;

    memset(&e, 0, sizeof e);
    if (ind_dataset_history(ds, keep_last, &e, NULL) != IND_OK || !e.seen)
        return 0;
    if (strcmp(e.action, "append") != 0 && strcmp(e.action, "revise") != 0)
        return 0;
    landed = entry_landed(ds, &e);
    *line = e.line;
    return !landed;
}
