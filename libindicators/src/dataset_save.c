/* dataset_save: write the changes made since opening. Each file's new
 * version is written in full to a temporary beside it first; then they
 * replace the files, history first (so a revision never loses the old
 * figure), then the catalog, the entity titles and the observations.
 * Unchanged rows are copied byte for byte from the file read under the
 * lock. */
#include "dataset_internal.h"
#include "atomicfile.h"
#include "csvfile.h"
#include "indicators/number.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

/* ---- writing rows ---- */

/* A file's new version being written, and what went wrong writing it. The
 * first failure stops the writing; prepare_file() turns it into the
 * message. */
typedef struct writer {
    FILE *out;
    int crlf;
    int open_line;         /* the text so far ends without a line end */
    int error;             /* errno of the first failed write, or 0 */
    int read_error;        /* errno of a failed read of the old version */
    uint64_t long_row;     /* bytes of a row over the row limit, or 0 */
    char row[96];          /* what that row is ("x 2020"), or "" */
} writer;

/* Record a failed write (its errno) and return -1. */
static int write_failed(writer *w)
{
    if (w->error == 0)
        w->error = errno != 0 ? errno : EIO;
    return -1;
}

static int put_bytes(writer *w, const char *s, size_t n)
{
    if (n > 0 && fwrite(s, 1, n, w->out) != n)
        return write_failed(w);
    return 0;
}

static int put_end(writer *w)
{
    w->open_line = 0;
    return put_bytes(w, w->crlf ? "\r\n" : "\n", w->crlf ? 2 : 1);
}

static int put_field(writer *w, const char *v)
{
    if (ind_csv_write_field(w->out, v, strlen(v)) != 0)
        return write_failed(w);
    return 0;
}

/* Every file is read with a row limit (csvfile.h): a row that passes it
 * could be written but never read back. 'start' is the stream's position
 * before the row, which has just been ended. */
static int check_row_size(writer *w, long start)
{
    long end = ftell(w->out);
    uint64_t bytes;

    if (start < 0 || end < 0)
        return write_failed(w);
    bytes = (uint64_t)(end - start) - 1;   /* the LF is not counted */
    if (bytes > IND_CSV_ROW_MAX) {
        w->long_row = bytes;
        return -1;
    }
    return 0;
}

/* Write a row whose fields are named by 'names': a known name takes its
 * value from known_values, any other name its old text from 'extra' (a
 * revised row's fields, by position) or "". */
static int put_row(writer *w, const char *const *names, size_t n,
                   const char *const *known_names,
                   const char *const *known_values, size_t nknown,
                   const ind_csv_fields *extra)
{
    long start = ftell(w->out);
    size_t i, k;

    for (i = 0; i < n; i++) {
        const char *v = NULL;
        if (i > 0 && put_bytes(w, ",", 1) != 0)
            return -1;
        for (k = 0; k < nknown && v == NULL; k++)
            if (strcmp(names[i], known_names[k]) == 0)
                v = known_values[k];
        if (v == NULL)
            v = (extra != NULL && i < extra->count) ? extra->field[i] : "";
        if (put_field(w, v) != 0)
            return -1;
    }
    if (put_end(w) != 0)
        return -1;
    return check_row_size(w, start);
}

/* Texts of a reading, in ind_obs_column_names order. Buffers are the caller's. */
static void reading_fields(const ind_dataset *ds, size_t reading,
                           const char **v, char *year, char *value,
                           char *status)
{
    const series_rec *s = &ds->series[rd_series(ds, reading)];

    snprintf(year, 16, "%d", rd_year(ds, reading));
    ind_number_format(value, IND_NUMBER_BUFSIZE, rd_value(ds, reading), NULL);
    status[0] = rd_status(ds, reading);
    status[1] = '\0';
    v[COL_INDICATOR] = ds_str(ds, s->indicator);
    v[COL_ENTITY] = ds_str(ds, s->entity);
    v[COL_YEAR] = year;
    v[COL_VALUE] = value;
    v[COL_UNIT] = ds_str(ds, rd_unit(ds, reading));
    v[COL_STATUS] = status;
    v[COL_AS_OF] = ds_str(ds, rd_as_of(ds, reading));
    v[COL_SOURCE] = ds_str(ds, rd_source(ds, reading));
    v[COL_NOTE] = ds_str(ds, rd_note(ds, reading));
    v[COL_ROLE] = ind_role_name(rd_role(ds, reading));
}

/* ---- streaming copy with edits ---- */

/* copy_plan.replacement of a loaded row that a removal drops. */
#define DROPPED ((size_t)-2)

/* One planned insertion of a new reading into the observations. */
typedef struct insert_plan {
    size_t anchor;   /* loaded reading it goes next to, or (size_t)-1: end */
    int after;       /* 1 after the anchor, 0 before */
    int year;
    size_t reading;
} insert_plan;

typedef struct copy_plan {
    const char *const *names;  /* header names, added ones included */
    size_t nnames, nadded;
    insert_plan *inserts;
    size_t ninserts;
    size_t *replacement;       /* per loaded reading: new reading or -1 */
} copy_plan;

/* Length of a line without its LF or CR LF. */
static size_t content_len(const char *line, size_t len)
{
    if (len > 0 && line[len - 1] == '\n')
        len--;
    if (len > 0 && line[len - 1] == '\r')
        len--;
    return len;
}

static int put_reading(const ind_dataset *ds, writer *w, const copy_plan *p,
                       size_t reading, const ind_csv_fields *extra)
{
    const char *v[COL_KNOWN];
    char year[16], value[IND_NUMBER_BUFSIZE], status[2];

    reading_fields(ds, reading, v, year, value, status);
    snprintf(w->row, sizeof w->row, "%.64s %s", v[COL_INDICATOR], year);
    return put_row(w, p->names, p->nnames, ind_obs_column_names, v, COL_KNOWN,
                   extra);
}

/* Copy a line, adding empty fields (or names, for the header). A blank
 * line is copied as it is: it is no row, and a field added to it would
 * make one. */
static int put_line(writer *w, const char *line, size_t len,
                    const copy_plan *p, int header)
{
    size_t body = content_len(line, len), k;
    long start = ftell(w->out);

    if (body == 0)
        return put_bytes(w, line, len);
    if (put_bytes(w, line, body) != 0)
        return -1;
    for (k = p->nnames - p->nadded; k < p->nnames; k++) {
        if (put_bytes(w, ",", 1) != 0)
            return -1;
        if (header && put_field(w, p->names[k]) != 0)
            return -1;
    }
    if (body == len && p->nadded == 0) {
        w->open_line = 1; /* the last line had no line end: keep it so */
        return 0;
    }
    if (body == len || line[len - 1] != '\n') {
        /* No line end, or the bare CR the reader takes as the last one:
         * a row after it needs a real one. */
        if (put_end(w) != 0)
            return -1;
    } else if (put_bytes(w, line + body, len - body) != 0) {
        return -1;
    }
    return p->nadded > 0 ? check_row_size(w, start) : 0;
}

static int put_inserts(const ind_dataset *ds, writer *w, const copy_plan *p,
                       size_t *next, size_t anchor, int after)
{
    while (*next < p->ninserts && p->inserts[*next].anchor == anchor &&
           p->inserts[*next].after == after) {
        if (put_reading(ds, w, p, p->inserts[*next].reading, NULL) != 0)
            return -1;
        (*next)++;
    }
    return 0;
}

/* End a last line copied without its line end before a row follows it. */
static int close_line(writer *w)
{
    return w->open_line ? put_end(w) : 0;
}

/* Stream 'in' to the writer applying the plan. For the catalog and the
 * history the plan has no readings: only added columns. Every row the
 * reader accepts is one line (dataset_load.c), so a line is a row. */
static int copy_with_plan(const ind_dataset *ds, FILE *in, writer *w,
                          const copy_plan *p, unsigned long header_line,
                          int observations)
{
    char *line = NULL;
    size_t cap = 0, next_reading = 0, next_insert = 0;
    unsigned long line_no = 0;
    ssize_t got;
    int rc = 0;

    while (rc == 0 && (got = getline(&line, &cap, in)) > 0) {
        size_t len = (size_t)got;
        int is_header = ++line_no == header_line;
        rc = close_line(w);
        if (rc == 0 && observations && !is_header &&
            next_reading < ds->nreadings &&
            rd_line(ds, next_reading) == line_no) {
            size_t k = next_reading++;
            rc = put_inserts(ds, w, p, &next_insert, k, 0);
            if (rc == 0 && p->replacement[k] == DROPPED) {
                /* removed: the row leaves (the history holds it) */
            } else if (rc == 0 && p->replacement[k] != (size_t)-1) {
                ind_csv_fields old;
                int split = ind_csv_split(line, len, &old);
                if (split != IND_OK) {
                    w->error = split == IND_ENOMEM ? ENOMEM : EILSEQ;
                    rc = -1;
                } else {
                    rc = put_reading(ds, w, p, p->replacement[k], &old);
                    ind_csv_fields_free(&old);
                }
            } else if (rc == 0) {
                rc = put_line(w, line, len, p, 0);
            }
            if (rc == 0 && p->ninserts > next_insert &&
                p->inserts[next_insert].anchor == k) {
                rc = close_line(w);
                if (rc == 0)
                    rc = put_inserts(ds, w, p, &next_insert, k, 1);
            }
        } else if (rc == 0) {
            rc = put_line(w, line, len, p, is_header);
        }
    }
    if (rc == 0 && ferror(in)) {
        w->read_error = errno != 0 ? errno : EIO;
        rc = -1;
    }
    if (rc == 0 && next_insert < p->ninserts) {
        rc = close_line(w);
        while (rc == 0 && next_insert < p->ninserts)
            rc = put_reading(ds, w, p, p->inserts[next_insert++].reading, NULL);
    }
    free(line);
    return rc;
}

/* ---- planning the observations ---- */

static int compare_inserts(const void *a, const void *b)
{
    const insert_plan *x = a, *y = b;

    if (x->anchor != y->anchor)
        return x->anchor < y->anchor ? -1 : 1;
    if (x->after != y->after)
        return x->after - y->after;
    if (x->year != y->year)
        return x->year - y->year;
    return (x->reading > y->reading) - (x->reading < y->reading);
}

/* The change that added reading r, or NULL. */
static const change_rec *change_of(const ind_dataset *ds, size_t r)
{
    size_t i;

    for (i = 0; i < ds->nchanges; i++)
        if (!ds->changes[i].define && !ds->changes[i].removal &&
            ds->changes[i].reading == r)
            return &ds->changes[i];
    return NULL;
}

/* The loaded row a new reading finally replaces, or (size_t)-1. */
static size_t replaced_root(const ind_dataset *ds, const change_rec *c)
{
    size_t root = c->replaced;

    while (root != (size_t)-1 && rd_line(ds, root) == 0) {
        const change_rec *prev = change_of(ds, root);
        root = prev ? prev->replaced : (size_t)-1;
    }
    return root;
}

/* Where a new reading goes: after the last row of its series (in file
 * order) whose year is not later, else before the series' first row. */
static int place(const ind_dataset *ds, size_t reading, insert_plan *ip)
{
    int year = rd_year(ds, reading);
    size_t k, after = (size_t)-1, before = (size_t)-1;
    reading_view v;

    if (ind_dataset_series_view(ds, rd_series(ds, reading), &v, NULL)
        != IND_OK)
        return IND_ENOMEM;
    for (k = 0; k < v.count; k++) {
        size_t i = rv_at(&v, k);
        if (rd_line(ds, i) == 0)
            continue;
        if (rd_year(ds, i) <= year && (after == (size_t)-1 || i > after))
            after = i;
        if (before == (size_t)-1 || i < before)
            before = i;
    }
    ip->reading = reading;
    ip->year = year;
    if (after != (size_t)-1) {
        ip->anchor = after;
        ip->after = 1;
    } else {
        ip->anchor = before;
        ip->after = 0;
    }
    return IND_OK;
}

static int plan_observations(ind_dataset *ds, copy_plan *p, const char **names)
{
    size_t i, k, nloaded = 0;

    for (i = 0; i < ds->ncolumns; i++)
        names[i] = ds_str(ds, ds->column_names[i]);
    p->names = names;
    p->nnames = ds->ncolumns;
    /* A column the file lacks is added when a new reading needs it. */
    for (k = 0; k < COL_KNOWN; k++) {
        int needed = 0;
        if (ds->col[k] != NO_COLUMN)
            continue;
        for (i = 0; i < ds->nreadings && !needed; i++) {
            const char *v[COL_KNOWN];
            char year[16], value[IND_NUMBER_BUFSIZE], status[2];
            if (rd_state(ds, i) != READING_ADDED)
                continue;
            reading_fields(ds, i, v, year, value, status);
            needed = v[k][0] != '\0';
        }
        if (needed)
            names[p->nnames++] = ind_obs_column_names[k];
    }
    p->nadded = p->nnames - ds->ncolumns;
    while (nloaded < ds->nreadings && rd_line(ds, nloaded) != 0)
        nloaded++;
    p->replacement = malloc((nloaded ? nloaded : 1) * sizeof *p->replacement);
    p->inserts = malloc((ds->nchanges ? ds->nchanges : 1) * sizeof *p->inserts);
    if (p->replacement == NULL || p->inserts == NULL)
        return IND_ENOMEM;
    memset(p->replacement, 0xff, (nloaded ? nloaded : 1) * sizeof *p->replacement);
    p->ninserts = 0;
    for (i = 0; i < ds->nchanges; i++) {
        const change_rec *c = &ds->changes[i];
        size_t root;
        if (c->removal) {
            /* The row of the file the removed reading stands for. */
            const change_rec *added = rd_line(ds, c->reading) == 0
                                      ? change_of(ds, c->reading) : NULL;
            root = rd_line(ds, c->reading) != 0 ? c->reading
                   : added != NULL ? replaced_root(ds, added) : (size_t)-1;
            if (root != (size_t)-1)
                p->replacement[root] = DROPPED;
            continue;
        }
        if (c->define || rd_state(ds, c->reading) != READING_ADDED)
            continue;
        root = replaced_root(ds, c);
        if (root != (size_t)-1)
            p->replacement[root] = c->reading;
        else if (place(ds, c->reading, &p->inserts[p->ninserts++]) != IND_OK)
            return IND_ENOMEM;
    }
    qsort(p->inserts, p->ninserts, sizeof *p->inserts, compare_inserts);
    return IND_OK;
}

/* ---- the files ---- */

/* Rows a file's new version ends with (the history's entries, the
 * catalog's definitions), after the copy of the old version. */
typedef int (*tail_fn)(ind_dataset *ds, writer *w, void *ctx);

/* Why writing 'path' stopped, from the writer, in err. */
static int write_error(const writer *w, const char *path, ind_error *err)
{
    if (w->read_error != 0)
        return ind_error_set(err, IND_EIO, "%s: cannot read: %s", path,
                             strerror(w->read_error));
    if (w->long_row > 0)
        return ind_error_set(err, IND_EDATA, "%s: the row%s%s would be %llu "
                             "bytes, longer than the limit of %u bytes "
                             "(1 MiB) the file is read with; nothing was "
                             "changed", path, w->row[0] ? " for " : "",
                             w->row, (unsigned long long)w->long_row,
                             IND_CSV_ROW_MAX);
    return ind_error_set(err, IND_EWRITE, "%s: cannot write the new version: "
                         "%s; nothing was changed", path,
                         strerror(w->error != 0 ? w->error : EIO));
}

/* Write the new version of 'path' to a temporary file beside it, synced
 * but not renamed: the old version copied through the plan, then the
 * rows of 'tail'. On success *out holds the file to commit; on failure
 * nothing is left behind and err says why. */
static int prepare_file(ind_dataset *ds, const char *path, const copy_plan *p,
                        unsigned long header_line, int crlf, int observations,
                        tail_fn tail, void *ctx, ind_atomic_file **out,
                        ind_error *err)
{
    ind_atomic_file *af;
    writer w;
    FILE *in;
    int rc;

    *out = NULL;
    in = fopen(path, "rb");
    if (in == NULL && errno != ENOENT)
        return ind_error_set(err, IND_EIO, "%s: cannot read: %s", path,
                             strerror(errno));
    rc = ind_atomic_open(&af, path, err);
    if (rc != IND_OK) {
        if (in)
            fclose(in);
        return rc;
    }
    memset(&w, 0, sizeof w);
    w.out = ind_atomic_stream(af);
    w.crlf = crlf;
    errno = 0;
    rc = 0;
    if (in != NULL)
        rc = copy_with_plan(ds, in, &w, p, header_line, observations);
    if (rc == 0 && tail != NULL)
        rc = tail(ds, &w, ctx);
    if (in)
        fclose(in);
    if (rc != 0) {
        rc = write_error(&w, path, err);
        ind_atomic_abort(af);
        return rc;
    }
    rc = ind_atomic_prepare(af, err);
    if (rc != IND_OK) {
        ind_atomic_abort(af);
        return rc;
    }
    *out = af;
    return IND_OK;
}

/* History: the file's header decides the field order. */
typedef struct history_ctx {
    const char *now, *path;
    int exists, crlf;
    size_t ncolumns;
    char **names;
    unsigned long pending_line, pending_last;
    unsigned long header_line;
} history_ctx;

static int on_history_header(void *vctx, const ind_csv_row *row, ind_error *err)
{
    history_ctx *h = vctx;
    size_t i;

    /* Every row as the history's reader takes it: a history it would
     * refuse is refused before anything is written. */
    if (ind_history_row_check(h->path, row, err) != IND_OK)
        return IND_EPARSE;
    if (row->index > 0)
        return IND_OK;
    h->header_line = row->line;
    /* Room for the known columns, should the file lack them. */
    h->names = calloc(row->count + H_KNOWN, sizeof *h->names);
    if (h->names == NULL)
        return IND_ENOMEM;
    for (i = 0; i < row->count; i++) {
        h->names[i] = strdup(row->field[i]);
        if (h->names[i] == NULL)
            return IND_ENOMEM;
        h->ncolumns++;
    }
    return IND_OK;
}

static int put_history_row(writer *w, const history_ctx *h, const char **v)
{
    return put_row(w, (const char *const *)h->names, h->ncolumns,
                   ind_history_column_names, v, H_KNOWN, NULL);
}

/* The fields of a reading in the old (old = 1) or new slots of an entry. */
static void old_new(const ind_dataset *ds, size_t r, const char **v,
                    int old, char *value, char *status)
{
    ind_number_format(value, IND_NUMBER_BUFSIZE, rd_value(ds, r), NULL);
    status[0] = rd_status(ds, r);
    status[1] = '\0';
    v[old ? H_OLD_VALUE : H_NEW_VALUE] = value;
    v[old ? H_OLD_STATUS : H_NEW_STATUS] = status;
    v[old ? H_OLD_SOURCE : H_NEW_SOURCE] = ds_str(ds, rd_source(ds, r));
    v[old ? H_OLD_NOTE : H_NEW_NOTE] = ds_str(ds, rd_note(ds, r));
    v[old ? H_OLD_ROLE : H_NEW_ROLE] = ind_role_name(rd_role(ds, r));
    v[old ? H_OLD_UNIT : H_NEW_UNIT] = ds_str(ds, rd_unit(ds, r));
}

/* The history entry of a definition: "kind=K; unit=U; title=T", whole
 * (a cut one could split a character). Newly allocated, or NULL. */
static char *definition_note(const ind_dataset *ds, const indicator_rec *ind)
{
    const char *kind = ind_kind_name(ind->kind), *unit = ds_str(ds, ind->unit),
               *title = ds_str(ds, ind->title);
    size_t n = strlen(kind) + strlen(unit) + strlen(title) + 32;
    char *note = malloc(n);

    if (note != NULL)
        snprintf(note, n, "kind=%s; unit=%s; title=%s", kind, unit, title);
    return note;
}

/* One history row for change c. */
static int put_change(ind_dataset *ds, writer *w, const history_ctx *h,
                      const change_rec *c)
{
    const char *v[H_KNOWN];
    char year[16], ov[IND_NUMBER_BUFSIZE], nv[IND_NUMBER_BUFSIZE], os[2],
         ns[2], *note = NULL;
    size_t k;
    int rc;

    for (k = 0; k < H_KNOWN; k++)
        v[k] = "";
    v[H_TIME] = h->now;
    if (c->define) {
        const indicator_rec *ind = &ds->indicators[c->reading];
        note = definition_note(ds, ind);
        if (note == NULL) {
            w->error = ENOMEM;
            return -1;
        }
        v[H_ACTION] = "define";
        v[H_INDICATOR] = ds_str(ds, ind->id);
        v[H_NEW_NOTE] = note;
        snprintf(w->row, sizeof w->row, "defining %.64s", v[H_INDICATOR]);
    } else {
        size_t r = c->reading;
        const series_rec *s = &ds->series[rd_series(ds, r)];
        v[H_ACTION] = c->removal ? "remove"
                      : c->replaced == (size_t)-1 ? "append" : "revise";
        v[H_INDICATOR] = ds_str(ds, s->indicator);
        v[H_ENTITY] = ds_str(ds, s->entity);
        snprintf(year, sizeof year, "%d", rd_year(ds, r));
        v[H_YEAR] = year;
        v[H_AS_OF] = ds_str(ds, rd_as_of(ds, r));
        v[H_REASON] = ds_str(ds, c->reason);
        if (!c->removal)
            old_new(ds, r, v, 0, nv, ns);
        if (c->replaced != (size_t)-1)
            old_new(ds, c->replaced, v, 1, ov, os);
        snprintf(w->row, sizeof w->row, "the %s of %.64s %s", v[H_ACTION],
                 v[H_INDICATOR], year);
    }
    rc = put_history_row(w, h, v);
    free(note);
    return rc;
}

static int history_tail(ind_dataset *ds, writer *w, void *vctx)
{
    history_ctx *h = vctx;
    size_t i, k;

    if (close_line(w) != 0)
        return -1;
    if (!h->exists) {
        for (k = 0; k < h->ncolumns; k++)
            if ((k > 0 && put_bytes(w, ",", 1) != 0) ||
                put_field(w, h->names[k]) != 0)
                return -1;
        if (put_end(w) != 0)
            return -1;
    }
    if (h->pending_line > 0) {
        const char *v[H_KNOWN];
        char note[160];
        for (k = 0; k < H_KNOWN; k++)
            v[k] = "";
        if (h->pending_last > h->pending_line)
            snprintf(note, sizeof note, "the entries on lines %lu-%lu did "
                     "not reach the observations (an interrupted write)",
                     h->pending_line, h->pending_last);
        else
            snprintf(note, sizeof note, "the entry on line %lu did not "
                     "reach the observations (an interrupted write)",
                     h->pending_line);
        v[H_TIME] = h->now;
        v[H_ACTION] = "void";
        v[H_NEW_NOTE] = note;
        if (put_history_row(w, h, v) != 0)
            return -1;
    }
    for (i = 0; i < ds->nchanges; i++)
        if (put_change(ds, w, h, &ds->changes[i]) != 0)
            return -1;
    return 0;
}

/* Does an entry about to be written fill history column k? */
static int history_column_needed(const ind_dataset *ds, size_t k)
{
    size_t i;

    for (i = 0; i < ds->nchanges; i++) {
        const change_rec *c = &ds->changes[i];
        if (c->define)
            continue;
        if (k == H_REASON && c->reason != 0)
            return 1;
        if (k == H_OLD_UNIT && c->replaced != (size_t)-1 &&
            rd_unit(ds, c->replaced) != 0)
            return 1;
        if (k == H_NEW_UNIT && !c->removal &&
            rd_unit(ds, c->reading) != 0)
            return 1;
    }
    return 0;
}

/* A history file lacking known columns gains them (its old rows get empty
 * fields): always the ones every entry fills (a revision must keep the old
 * figure and source), those kept on demand (units, reasons, added later)
 * when an entry needs one. */
static int add_history_columns(const ind_dataset *ds, history_ctx *h,
                               size_t *nadded, ind_error *err)
{
    size_t k, i;

    *nadded = 0;
    for (k = 0; k < H_KNOWN; k++) {
        int present = 0;
        for (i = 0; i < h->ncolumns && !present; i++)
            present = strcmp(h->names[i], ind_history_column_names[k]) == 0;
        if (present ||
            (k >= H_FIRST_KEPT_ON_DEMAND && !history_column_needed(ds, k)))
            continue;
        h->names[h->ncolumns] = strdup(ind_history_column_names[k]);
        if (h->names[h->ncolumns] == NULL)
            return ind_error_set(err, IND_ENOMEM, "out of memory");
        h->ncolumns++;
        (*nadded)++;
    }
    return IND_OK;
}

/* The names of a new history: every known column. Returns 0 or -1. */
static int fresh_history_names(history_ctx *h)
{
    size_t i;

    for (i = 0; h->names != NULL && i < h->ncolumns; i++)
        free(h->names[i]);
    free(h->names);
    h->ncolumns = 0;
    h->names = calloc(H_KNOWN, sizeof *h->names);
    if (h->names == NULL)
        return -1;
    for (i = 0; i < H_KNOWN; i++) {
        h->names[i] = strdup(ind_history_column_names[i]);
        if (h->names[i] == NULL)
            return -1;
        h->ncolumns++;
    }
    return 0;
}

static int prepare_history(ind_dataset *ds, const char *now,
                           ind_atomic_file **out, ind_error *err)
{
    history_ctx h;
    ind_csv_info info;
    ind_error rerr = IND_ERROR_INIT;
    copy_plan plain;
    size_t i;
    int rc;

    memset(&h, 0, sizeof h);
    memset(&plain, 0, sizeof plain);
    h.now = now;
    h.path = ds->history_path;
    h.crlf = ds->crlf;
    if (ind_dataset_history_pending_range(ds, &h.pending_line,
                                          &h.pending_last) == 0)
        h.pending_line = h.pending_last = 0;
    rc = ind_csv_read(ds->history_path, NULL, on_history_header, &h, &info,
                      &rerr);
    if (rc == IND_ENOTFOUND) {
        rc = IND_OK;
    } else if (rc == IND_OK) {
        /* An empty file (or one of blank lines) has no header yet. */
        h.exists = info.rows > 0;
        if (h.exists)
            h.crlf = info.crlf;
    } else {
        rc = ind_error_set(err, rc, "%s; the history must be readable "
                           "before anything is changed", rerr.message);
    }
    if (rc == IND_OK && !h.exists && fresh_history_names(&h) != 0)
        rc = ind_error_set(err, IND_ENOMEM, "out of memory");
    if (rc == IND_OK && h.exists)
        rc = add_history_columns(ds, &h, &plain.nadded, err);
    if (rc == IND_OK) {
        plain.names = (const char *const *)h.names;
        plain.nnames = h.ncolumns;
        rc = prepare_file(ds, ds->history_path, &plain,
                          plain.nadded ? h.header_line : 0, h.crlf, 0,
                          history_tail, &h, out, err);
    }
    for (i = 0; h.names != NULL && i < h.ncolumns; i++)
        free(h.names[i]);
    free(h.names);
    return rc;
}

/* Catalog rows for indicators defined now, or, for a new catalog, all. */
static int catalog_tail(ind_dataset *ds, writer *w, void *vctx)
{
    const copy_plan *p = vctx;
    size_t i, k;

    if (close_line(w) != 0)
        return -1;
    if (!ds->catalog_exists) {
        for (k = 0; k < p->nnames; k++)
            if ((k > 0 && put_bytes(w, ",", 1) != 0) ||
                put_field(w, p->names[k]) != 0)
                return -1;
        if (put_end(w) != 0)
            return -1;
    }
    for (i = 0; i < ds->nindicators; i++) {
        const indicator_rec *ind = &ds->indicators[i];
        const char *v[CAT_KNOWN];
        if (ds->catalog_exists && !ind->added)
            continue;
        v[CAT_INDICATOR] = ds_str(ds, ind->id);
        v[CAT_TITLE] = ds_str(ds, ind->title);
        v[CAT_UNIT] = ds_str(ds, ind->unit);
        v[CAT_KIND] = ind_kind_name(ind->kind);
        v[CAT_DESCRIPTION] = ds_str(ds, ind->description);
        v[CAT_GROWTH_OF] = ds_str(ds, ind->growth_of);
        v[CAT_YEARS] = ds_str(ds, ind->years);
        v[CAT_SOURCE_NAME] = ds_str(ds, ind->source_name);
        snprintf(w->row, sizeof w->row, "%.64s", v[CAT_INDICATOR]);
        if (put_row(w, p->names, p->nnames, ind_cat_column_names, v,
                    CAT_KNOWN, NULL) != 0)
            return -1;
    }
    return 0;
}

/* Does an indicator defined now declare its span? The column is added
 * to a catalog only then. */
static int spans_declared(const ind_dataset *ds)
{
    size_t i;

    for (i = 0; i < ds->nindicators; i++)
        if (ds->indicators[i].added && ds->indicators[i].years != 0)
            return 1;
    return 0;
}

static int source_names_declared(const ind_dataset *ds)
{
    size_t i;

    for (i = 0; i < ds->nindicators; i++)
        if (ds->indicators[i].added && ds->indicators[i].source_name != 0)
            return 1;
    return 0;
}

/* The optional catalog columns (a span, a source name) join a header only
 * when an indicator defined now has one. */
static int column_wanted(const ind_dataset *ds, size_t k)
{
    return k == CAT_YEARS ? spans_declared(ds)
           : k == CAT_SOURCE_NAME ? source_names_declared(ds) : 1;
}

static int prepare_catalog(ind_dataset *ds, ind_atomic_file **out,
                           ind_error *err)
{
    const char *names[64];
    copy_plan p;
    size_t k, i;

    memset(&p, 0, sizeof p);
    if (!ds->catalog_exists) {
        for (k = 0; k < CAT_KNOWN; k++)
            if (column_wanted(ds, k))
                names[p.nnames++] = ind_cat_column_names[k];
        p.names = names;
        return prepare_file(ds, ds->catalog_path, &p, 0, ds->crlf, 0,
                            catalog_tail, &p, out, err);
    }
    /* Reuse the existing header; add the known columns it lacks. The
     * header is re-read because the catalog does not keep its names. */
    if (ds->cat_ncolumns + CAT_KNOWN > sizeof names / sizeof names[0])
        return ind_error_set(err, IND_EDATA, "%s has too many columns to "
                             "extend", ds->catalog_path);
    for (i = 0; i < ds->cat_ncolumns; i++) {
        names[i] = "";
        for (k = 0; k < CAT_KNOWN; k++)
            if (ds->cat_col[k] == i)
                names[i] = ind_cat_column_names[k];
    }
    p.nnames = ds->cat_ncolumns;
    for (k = 0; k < CAT_KNOWN; k++)
        if (ds->cat_col[k] == NO_COLUMN && column_wanted(ds, k))
            names[p.nnames++] = ind_cat_column_names[k];
    p.names = names;
    p.nadded = p.nnames - ds->cat_ncolumns;
    return prepare_file(ds, ds->catalog_path, &p, ds->cat_header_line,
                        ds->cat_crlf, 0, catalog_tail, &p, out, err);
}

/* A dataset being created: the header of every known column, then the
 * readings grouped by series, by year. */
static int new_observations_tail(ind_dataset *ds, writer *w, void *vctx)
{
    copy_plan *p = vctx;
    size_t i, k;

    for (k = 0; k < p->nnames; k++)
        if ((k > 0 && put_bytes(w, ",", 1) != 0) ||
            put_field(w, p->names[k]) != 0)
            return -1;
    if (put_end(w) != 0)
        return -1;
    for (i = 0; i < ds->nseries; i++) {
        reading_view v;
        if (ind_dataset_series_view(ds, i, &v, NULL) != IND_OK) {
            w->error = ENOMEM;
            return -1;
        }
        for (k = 0; k < v.count; k++) {
            size_t r = rv_at(&v, k);
            if (rd_state(ds, r) == READING_ADDED &&
                put_reading(ds, w, p, r, NULL) != 0)
                return -1;
        }
    }
    return 0;
}

static int prepare_observations(ind_dataset *ds, ind_atomic_file **out,
                                ind_error *err)
{
    const char **names;
    copy_plan p;
    int rc;

    memset(&p, 0, sizeof p);
    if (!ds->obs_exists) {
        p.names = ind_obs_column_names;
        p.nnames = COL_KNOWN;
        return prepare_file(ds, ds->path, &p, 0, ds->crlf, 1,
                            new_observations_tail, &p, out, err);
    }
    names = malloc((ds->ncolumns + COL_KNOWN) * sizeof *names);
    if (names == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    rc = plan_observations(ds, &p, names);
    if (rc == IND_OK)
        rc = prepare_file(ds, ds->path, &p, ds->header_line, ds->crlf, 1,
                          NULL, NULL, out, err);
    else
        rc = ind_error_set(err, rc, "out of memory");
    free(p.replacement);
    free(p.inserts);
    free(names);
    return rc;
}

/* ---- commit ---- */

static int entities_added(const ind_dataset *ds)
{
    size_t i;

    for (i = 0; i < ds->nentities; i++)
        if (ds->entities[i].added)
            return 1;
    return 0;
}

static int unchanged_on_disk(const ind_dataset *ds, ind_error *err)
{
    struct stat st;

    if (!ds->obs_exists) {
        if (stat(ds->path, &st) == 0 || errno != ENOENT)
            return ind_error_set(err, IND_EIO, "%s appeared on disk while "
                                 "it was being created; nothing was "
                                 "written", ds->path);
        return IND_OK;
    }
    if (stat(ds->path, &st) != 0 || (uint64_t)st.st_size != ds->file_size ||
        st.st_ino != ds->file_ino || st.st_mtim.tv_sec != ds->file_mtime.tv_sec ||
        st.st_mtim.tv_nsec != ds->file_mtime.tv_nsec)
        return ind_error_set(err, IND_EIO, "%s changed on disk while it was "
                             "locked (edited by a program that does not "
                             "take the lock?); nothing was written",
                             ds->path);
    return IND_OK;
}

/* The files of a commit, in the order they are replaced: the history first,
 * so that a revision never loses the old figure. */
enum { F_HISTORY, F_CATALOG, F_ENTITIES, F_OBSERVATIONS, F_FILES };

/* Write every new version first, then replace the files: a full disk or
 * any other failure while writing changes nothing. Only the renames are
 * left to fail after the history is replaced, and that state (an entry the
 * observations lack) is what validation reports and the next write voids. */
static int write_files(ind_dataset *ds, const char *now, int defines,
                       int readings, ind_error *err)
{
    ind_atomic_file *f[F_FILES] = { NULL, NULL, NULL, NULL };
    size_t k;
    int rc = IND_OK, history_replaced = 0;

    if (ds->nchanges > 0)
        rc = prepare_history(ds, now, &f[F_HISTORY], err);
    if (rc == IND_OK && defines)
        rc = prepare_catalog(ds, &f[F_CATALOG], err);
    if (rc == IND_OK)
        rc = ind_dataset_prepare_entities(ds, &f[F_ENTITIES], err);
    if (rc == IND_OK && (readings || !ds->obs_exists))
        rc = prepare_observations(ds, &f[F_OBSERVATIONS], err);
    for (k = 0; k < F_FILES; k++) {
        if (f[k] == NULL)
            continue;
        if (rc != IND_OK) {
            ind_atomic_abort(f[k]);
        } else if ((rc = ind_atomic_commit(f[k], err)) == IND_OK) {
            history_replaced |= k == F_HISTORY;
        } else if (history_replaced && err != NULL) {
            size_t n = strlen(err->message);
            snprintf(err->message + n, sizeof err->message - n, "; the "
                     "history records the change all the same: check warns "
                     "of it and the next write marks it void");
        }
        f[k] = NULL;
    }
    return rc;
}

int ind_dataset_commit(ind_dataset *ds, ind_error *err)
{
    char now[32];
    time_t t = time(NULL);
    struct tm tm;
    size_t i;
    int rc, defines = 0, readings = 0;

    if (ds == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_commit: NULL "
                             "dataset");
    if (!(ds->flags & IND_OPEN_WRITE) || ds->lock_fd < 0) {
        ind_error_set(err, IND_EINVAL, "%s was opened read-only", ds->path);
        ind_error_about(err, IND_DETAIL_READ_ONLY, NULL, 0);
        return IND_EINVAL;
    }
    if (ds->poisoned || ds->vintage)
        return ind_dataset_writable(ds, err);
    if (ds->nchanges == 0 && !entities_added(ds))
        return IND_OK;
    for (i = 0; i < ds->nchanges; i++) {
        defines |= ds->changes[i].define;
        readings |= !ds->changes[i].define;
    }
    rc = unchanged_on_disk(ds, err);
    if (rc != IND_OK)
        return rc;
    rc = ind_dataset_ensure_order(ds, err);
    if (rc != IND_OK)
        return rc;
    ind_atomic_sweep(ds->path);
    ind_atomic_sweep(ds->catalog_path);
    ind_atomic_sweep(ds->history_path);
    ind_atomic_sweep(ds->entities_path);
    gmtime_r(&t, &tm);
    strftime(now, sizeof now, "%Y-%m-%dT%H:%M:%SZ", &tm);
    rc = write_files(ds, now, defines, readings, err);
    if (rc == IND_OK) {
        ds->nchanges = 0;
        /* Line numbers now describe the old file: no second commit. */
        ds->committed = 1;
    }
    return rc;
}
