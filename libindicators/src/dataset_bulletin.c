/* dataset_bulletin: a file of figures added in one change, all or nothing.
 *
 * Every field of every row is checked where it stands, so that a refusal
 * names the bulletin's file, line and field, before the readings go in one
 * by one through ind_dataset_add() (the rules of a typed figure, exactly).
 * The readings are found by key through the (series, year) index, so a
 * bulletin of k rows costs k lookups, not k rebuilds of the reading order. */
#include "dataset_internal.h"
#include "csvfile.h"
#include "error_internal.h"
#include "indicators/number.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct bulletin {
    ind_dataset *ds;
    const char *path;
    const ind_reading *defaults;
    unsigned flags;
    size_t col[COL_KNOWN];
    size_t ncolumns;
    size_t first_new;          /* readings from here on are the bulletin's */
    unsigned long *line_of;    /* bulletin line of each of them */
    size_t line_of_cap;
    ind_add_summary sum;
} bulletin;

/* Fail at a place of the bulletin: "path:line:column: why". */
static int fail_at(const bulletin *b, ind_error *err, int code,
                   unsigned long line, size_t field, const char *why)
{
    return ind_error_set_at(err, code, b->path, line,
                            field == NO_COLUMN ? 0 : (unsigned)field + 1,
                            "%s", why);
}

static int read_header(bulletin *b, const ind_csv_row *row, ind_error *err)
{
    static const size_t required[] = { COL_INDICATOR, COL_YEAR, COL_VALUE };
    char why[300];
    size_t i, k;

    b->ncolumns = row->count;
    for (k = 0; k < COL_KNOWN; k++)
        b->col[k] = NO_COLUMN;
    for (i = 0; i < row->count; i++) {
        for (k = 0; k < COL_KNOWN; k++)
            if (strcmp(row->field[i], ind_obs_column_names[k]) == 0)
                break;
        if (k == COL_KNOWN) {
            char q[48]; /* the cell may hold any byte: an excerpt */
            ind_text_excerpt(q, sizeof q, row->field[i], row->field_len[i]);
            snprintf(why, sizeof why, "column '%s' is not one the "
                     "observations hold (indicator, entity, year, value, "
                     "unit, status, as_of, source, note, role)", q);
            return fail_at(b, err, IND_EDATA, row->line, i, why);
        }
        if (b->col[k] != NO_COLUMN) {
            snprintf(why, sizeof why, "duplicate column '%s' (also field "
                     "%zu)", ind_obs_column_names[k], b->col[k] + 1);
            return fail_at(b, err, IND_EDATA, row->line, i, why);
        }
        b->col[k] = i;
    }
    for (k = 0; k < 3; k++)
        if (b->col[required[k]] == NO_COLUMN) {
            snprintf(why, sizeof why, "the header has no '%s' column "
                     "(required: indicator, year, value)",
                     ind_obs_column_names[required[k]]);
            return fail_at(b, err, IND_EDATA, row->line, row->count, why);
        }
    return IND_OK;
}

/* A field of the row, or the default when the cell is empty or absent. */
static const char *cell(const bulletin *b, const ind_csv_row *row, size_t k,
                        const char *fallback)
{
    const char *s = b->col[k] == NO_COLUMN ? "" : row->field[b->col[k]];

    return *s == '\0' && fallback != NULL ? fallback : s;
}

/* The field to blame for a refusal of ind_dataset_add(), by its detail. */
static size_t blamed_field(const bulletin *b, const ind_error *e)
{
    const size_t *c = b->col;

    switch (e->detail) {
    case IND_DETAIL_UNKNOWN_INDICATOR:
        return c[COL_INDICATOR];
    case IND_DETAIL_SECOND_PRIMARY:
        return c[COL_ROLE] != NO_COLUMN ? c[COL_ROLE] : c[COL_YEAR];
    case IND_DETAIL_CONFLICT:
    case IND_DETAIL_AMBIGUOUS_READING:
    case IND_DETAIL_READING_EXISTS:
        return c[COL_AS_OF] != NO_COLUMN ? c[COL_AS_OF] : c[COL_YEAR];
    default:
        /* A unit against the catalog is the unit's fault. */
        return strncmp(e->message, "unit ", 5) == 0 && c[COL_UNIT] != NO_COLUMN
               ? c[COL_UNIT] : c[COL_VALUE];
    }
}

/* Check every field where it stands; fill r (strings point into the row
 * or the defaults) and the figure. */
static int check_row(bulletin *b, const ind_csv_row *row, ind_reading *r,
                     const char **value_text, ind_error *err)
{
    ind_dataset *ds = b->ds;
    const ind_reading *d = b->defaults;
    static const size_t texts[] = { COL_ENTITY, COL_UNIT, COL_SOURCE,
                                    COL_NOTE };
    char why[300];
    const char *s;
    size_t k, at;
    double value;
    ind_error e = IND_ERROR_INIT;
    unsigned nflags = 0;
    int rc;

    if (row->count != b->ncolumns) {
        snprintf(why, sizeof why, "row has %zu fields, the header has %zu",
                 row->count, b->ncolumns);
        return fail_at(b, err, IND_EPARSE, row->line,
                       row->count < b->ncolumns ? row->count : b->ncolumns,
                       why);
    }
    memset(r, 0, sizeof *r);
    r->indicator = cell(b, row, COL_INDICATOR, NULL);
    if (ind_check_indicator_id(r->indicator, strlen(r->indicator), why,
                               sizeof why) != IND_OK)
        return fail_at(b, err, IND_EPARSE, row->line, b->col[COL_INDICATOR],
                       why);
    if (ind_dataset_find_indicator(ds, r->indicator, &at, &e) != IND_OK) {
        rc = fail_at(b, err, e.code, row->line, b->col[COL_INDICATOR],
                     e.message);
        ind_error_about(err, e.detail, e.subject, 0);
        return rc;
    }
    s = cell(b, row, COL_YEAR, NULL);
    rc = ind_check_year(s, strlen(s), &r->year, why, sizeof why);
    if (rc != IND_OK)
        return fail_at(b, err, rc, row->line, b->col[COL_YEAR], why);
    *value_text = cell(b, row, COL_VALUE, NULL);
    if (ds->indicators[at].kind == IND_KIND_RATE)
        nflags |= IND_NUMBER_ALLOW_PERCENT;
    if (ind_number_parse(&value, *value_text, strlen(*value_text), nflags,
                         &e) != IND_OK)
        return fail_at(b, err, IND_EPARSE, row->line, b->col[COL_VALUE],
                       e.message);
    r->entity = cell(b, row, COL_ENTITY, d ? d->entity : NULL);
    r->unit = cell(b, row, COL_UNIT, d ? d->unit : NULL);
    r->source = cell(b, row, COL_SOURCE, d ? d->source : NULL);
    r->note = cell(b, row, COL_NOTE, d ? d->note : NULL);
    r->as_of = cell(b, row, COL_AS_OF, d ? d->as_of : NULL);
    for (k = 0; k < 4; k++) {
        const char **field[] = { &r->entity, &r->unit, &r->source,
                                 &r->note };
        if (ind_check_text(ind_obs_column_names[texts[k]], *field[k],
                           strlen(*field[k]), why, sizeof why) != IND_OK)
            return fail_at(b, err, IND_EPARSE, row->line, b->col[texts[k]],
                           why);
    }
    rc = ind_check_as_of(r->as_of, strlen(r->as_of), r->year, why,
                         sizeof why);
    if (rc != IND_OK)
        return fail_at(b, err, rc, row->line, b->col[COL_AS_OF], why);
    s = cell(b, row, COL_STATUS, NULL);
    if (*s == '\0' && d != NULL && d->status != 0) {
        r->status = d->status;
    } else if (*s != '\0') {
        if (ind_check_status(s, strlen(s), &r->status, why, sizeof why)
                != IND_OK)
            return fail_at(b, err, IND_EPARSE, row->line, b->col[COL_STATUS],
                           why);
        if (r->status == 0)
            r->status = 'A'; /* restated: normal */
    }
    s = cell(b, row, COL_ROLE, NULL);
    if (ind_check_role(s, strlen(s), &r->role, why, sizeof why) != IND_OK)
        return fail_at(b, err, IND_EPARSE, row->line, b->col[COL_ROLE], why);
    if (r->role == IND_ROLE_NONE && d != NULL)
        r->role = d->role;
    return IND_OK;
}

/* The reading this row's key names, or -1 (-2: refused, err set). */
static long row_target(bulletin *b, const ind_reading *r, unsigned long line,
                       ind_error *err)
{
    ind_dataset *ds = b->ds;
    ind_error e = IND_ERROR_INIT;
    size_t at;
    int rc;

    if (*r->as_of == '\0' && (b->flags & IND_ADD_REVISE))
        rc = ind_dataset_find_reading(ds, r->indicator, r->entity, r->year,
                                      NULL, &at, &e);
    else
        rc = ind_dataset_find_reading(ds, r->indicator, r->entity, r->year,
                                      r->as_of, &at, &e);
    if (rc == IND_ENOTFOUND)
        return -1;
    if (rc != IND_OK) {
        fail_at(b, err, rc, line, blamed_field(b, &e), e.message);
        ind_error_about(err, e.detail, e.subject, e.year);
        return -2;
    }
    return (long)at;
}

/* Does the row restate its reading exactly (nothing to revise)? */
static int restates(const ind_dataset *ds, size_t old, const ind_reading *r,
                    double value)
{
    const char *texts[4] = { r->unit, r->source, r->note, r->as_of };
    ind_strid olds[4];
    size_t k;

    olds[0] = rd_unit(ds, old);
    olds[1] = rd_source(ds, old);
    olds[2] = rd_note(ds, old);
    olds[3] = rd_as_of(ds, old);
    if (rd_value(ds, old) != value ||
        (r->status != 0 &&
         (r->status == 'A' ? 0 : r->status) != rd_status(ds, old)) ||
        (r->role != IND_ROLE_NONE && r->role != rd_role(ds, old)))
        return 0;
    for (k = 0; k < 4; k++)
        if (*texts[k] != '\0' && strcmp(texts[k], ds_str(ds, olds[k])) != 0)
            return 0;
    return 1;
}

static int on_row(void *vctx, const ind_csv_row *row, ind_error *err)
{
    bulletin *b = vctx;
    ind_dataset *ds = b->ds;
    ind_reading r;
    const char *value_text = NULL;
    ind_error e = IND_ERROR_INIT;
    double value;
    long target;
    char why[200];
    int rc;

    if (row->index == 0)
        return read_header(b, row, err);
    b->sum.rows++;
    rc = check_row(b, row, &r, &value_text, err);
    if (rc != IND_OK)
        return rc;
    target = row_target(b, &r, row->line, err);
    if (target == -2)
        return err != NULL ? err->code : IND_EDATA;
    if (target >= 0 && (size_t)target >= b->first_new) {
        snprintf(why, sizeof why, "this row restates the figure of line "
                 "%lu (%s %d): a bulletin gives each figure once",
                 b->line_of[(size_t)target - b->first_new], r.indicator,
                 r.year);
        return fail_at(b, err, IND_EDATA, row->line, b->col[COL_YEAR], why);
    }
    ind_number_parse(&value, value_text, strlen(value_text),
                     IND_NUMBER_ALLOW_PERCENT, NULL);
    if (target >= 0 && (b->flags & IND_ADD_REVISE) &&
        restates(ds, (size_t)target, &r, value)) {
        b->sum.unchanged++;
        return IND_OK;
    }
    if (target < 0 && *r.source == '\0')
        return fail_at(b, err, IND_EDATA, row->line,
                       b->col[COL_SOURCE] != NO_COLUMN ? b->col[COL_SOURCE]
                                                       : b->ncolumns,
                       "a new figure needs its source: fill the source "
                       "column (or give one for the whole bulletin)");
    rc = ind_dataset_add(ds, &r, value_text, b->flags, &e);
    if (rc != IND_OK) {
        fail_at(b, err, rc, row->line, blamed_field(b, &e), e.message);
        ind_error_about(err, e.detail, e.subject, e.year);
        return rc;
    }
    if (IND_ARRAY_RESERVE(b->line_of, b->line_of_cap,
                          ds->nreadings - b->first_new) != 0)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    b->line_of[ds->nreadings - 1 - b->first_new] = row->line;
    if (target >= 0)
        b->sum.revised++;
    else
        b->sum.added++;
    return IND_OK;
}

int ind_dataset_add_csv(ind_dataset *ds, const char *path,
                        const ind_reading *defaults, unsigned flags,
                        ind_add_summary *out, ind_error *err)
{
    bulletin b;
    ind_csv_info info;
    ind_error rerr = IND_ERROR_INIT;
    size_t changes_before;
    int rc;

    if (ds == NULL || path == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_add_csv: NULL "
                             "argument");
    rc = ind_dataset_writable(ds, err);
    if (rc != IND_OK)
        return rc;
    memset(&b, 0, sizeof b);
    b.ds = ds;
    b.path = path;
    b.defaults = defaults;
    b.flags = flags & IND_ADD_REVISE;
    b.first_new = ds->nreadings;
    changes_before = ds->nchanges;
    rc = ind_csv_read(path, NULL, on_row, &b, &info, &rerr);
    if (rc == IND_OK && info.rows == 0)
        rc = ind_error_set_at(&rerr, IND_EDATA, path, 1, 1, "the file is "
                              "empty: it needs a header (indicator,year,"
                              "value,source...)");
    free(b.line_of);
    if (rc != IND_OK) {
        /* Part of the bulletin may be in memory: nothing may be
         * committed from this handle. */
        if (ds->nchanges != changes_before)
            ds->poisoned = 1;
        return ind_error_copy(err, &rerr);
    }
    if (out != NULL)
        *out = b.sum;
    return IND_OK;
}
