/* dataset_load: open a dataset: lock, read the catalog, then stream the
 * observations into compact records, checking every field. */
#include "dataset_internal.h"
#include "csvfile.h"
#include "error_internal.h"
#include "indicators/number.h"
#include "text.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* Row problems recorded before the rest are only counted. */
#define MAX_ROW_DIAGNOSTICS 200
#define LOCK_WAIT_SECONDS 30

/* ---- locking ---- */

static int take_lock(ind_dataset *ds, ind_error *err)
{
    struct timespec pause = { 0, 10 * 1000 * 1000 };
    long waited_ms = 0;

    /* No lock file beside a dataset that does not exist, unless it is to
     * be created (the lock is removed again if nothing is committed). */
    if (access(ds->path, F_OK) != 0 &&
        (errno != ENOENT || !(ds->flags & IND_OPEN_CREATE)))
        return ind_error_set(err, IND_ENOTFOUND, "%s: cannot open: %s",
                             ds->path, strerror(errno));
    ds->lock_fd = open(ds->lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
    if (ds->lock_fd < 0)
        return ind_error_set(err, IND_EWRITE, "%s: cannot create the lock "
                             "file: %s", ds->lock_path, strerror(errno));
    while (flock(ds->lock_fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK && errno != EINTR)
            return ind_error_set(err, IND_ELOCK, "%s: cannot lock: %s",
                                 ds->lock_path, strerror(errno));
        if (waited_ms >= LOCK_WAIT_SECONDS * 1000L)
            return ind_error_set(err, IND_ELOCK, "%s: another process has "
                                 "held the lock for %d seconds; try again",
                                 ds->lock_path, LOCK_WAIT_SECONDS);
        nanosleep(&pause, NULL);
        waited_ms += 10;
    }
    return IND_OK;
}

/* ---- headers ---- */

/* Map header names to known columns; report duplicates, empty names and
 * missing required ones. Returns IND_OK or IND_EDATA. */
static int map_header(ind_dataset *ds, const char *path, const ind_csv_row *row,
                      const char *const *names, size_t nknown, size_t *col,
                      const size_t *required, size_t nrequired)
{
    size_t i, k;
    int rc = IND_OK;

    for (k = 0; k < nknown; k++)
        col[k] = NO_COLUMN;
    for (i = 0; i < row->count; i++) {
        if (row->field_len[i] == 0) {
            ind_dataset_diag(ds, IND_SEVERITY_ERROR, path, row->line,
                             (unsigned)i + 1, "empty column name in the header");
            rc = IND_EDATA;
        }
        for (k = 0; k < nknown; k++) {
            if (strcmp(row->field[i], names[k]) != 0)
                continue;
            if (col[k] != NO_COLUMN) {
                ind_dataset_diag(ds, IND_SEVERITY_ERROR, path, row->line,
                                 (unsigned)i + 1, "duplicate column '%s' "
                                 "(also field %zu)", names[k], col[k] + 1);
                rc = IND_EDATA;
            }
            col[k] = i;
        }
    }
    for (k = 0; k < nrequired; k++) {
        if (col[required[k]] == NO_COLUMN) {
            ind_dataset_diag(ds, IND_SEVERITY_ERROR, path, row->line,
                             (unsigned)row->count + 1,
                             "the header has no '%s' column (required; the "
                             "header is: %.200s...)", names[required[k]],
                             row->count ? row->field[0] : "");
            rc = IND_EDATA;
        }
    }
    return rc;
}

/* Text of a known column in a row, "" when the file lacks the column. */
static const char *field_of(const ind_csv_row *row, const size_t *col,
                            size_t k, size_t *len)
{
    if (col[k] == NO_COLUMN) {
        *len = 0;
        return "";
    }
    *len = row->field_len[col[k]];
    return row->field[col[k]];
}

/* Loading context passed through the CSV reader. */
typedef struct load_ctx {
    ind_dataset *ds;
    const char *path;
    size_t row_errors;
    int header_ok;
} load_ctx;

/* Record a row problem, counting those beyond the cap. */
static void row_error(load_ctx *lc, unsigned long line, size_t field,
                      const char *why)
{
    lc->row_errors++;
    if (lc->row_errors <= MAX_ROW_DIAGNOSTICS)
        ind_dataset_diag(lc->ds, IND_SEVERITY_ERROR, lc->path, line,
                         field == NO_COLUMN ? 0 : (unsigned)field + 1, "%s", why);
}

/* A row has as many fields as the header; a ragged one is recorded at the
 * first field beyond the shorter of the two. Returns 0 or -1. */
static int check_field_count(load_ctx *lc, const ind_csv_row *row,
                             size_t ncolumns)
{
    char why[96];

    if (row->count == ncolumns)
        return 0;
    snprintf(why, sizeof why, "row has %zu fields, the header has %zu",
             row->count, ncolumns);
    row_error(lc, row->line, row->count < ncolumns ? row->count : ncolumns,
              why);
    return -1;
}

/* Every field, unknown columns included, is one line without control
 * characters (the reader has checked UTF-8): a row is one line. */
static int check_controls(load_ctx *lc, const ind_csv_row *row)
{
    char reason[96], why[200], q[44];
    size_t i, at;

    for (i = 0; i < row->count; i++) {
        if (ind_text_check(row->field[i], row->field_len[i],
                           IND_TEXT_NO_CONTROL, &at, reason,
                           sizeof reason) != 0) {
            ind_text_excerpt(q, sizeof q, row->field[i], row->field_len[i]);
            snprintf(why, sizeof why, "field '%s' holds %s at byte %zu",
                     q, reason, at + 1);
            row_error(lc, row->line, i, why);
            return -1;
        }
    }
    return 0;
}

/* ---- catalog ---- */

static int on_catalog_row(void *vctx, const ind_csv_row *row, ind_error *err)
{
    static const size_t required[] = { CAT_INDICATOR };
    load_ctx *lc = vctx;
    ind_dataset *ds = lc->ds;
    const char *s;
    char why[256];
    size_t len, k;
    ind_strid ids[CAT_KNOWN];
    uint32_t at;
    ind_kind kind = IND_KIND_UNSPECIFIED;
    ind_error kerr;
    int from, to;

    if (row->index == 0) {
        ds->cat_ncolumns = row->count;
        ds->cat_header_line = row->line;
        lc->header_ok = map_header(ds, lc->path, row, ind_cat_column_names, CAT_KNOWN,
                                   ds->cat_col, required, 1) == IND_OK;
        return lc->header_ok ? IND_OK : IND_EDATA;
    }
    if (check_field_count(lc, row, ds->cat_ncolumns) != 0 ||
        check_controls(lc, row) != 0)
        return IND_OK;
    s = field_of(row, ds->cat_col, CAT_INDICATOR, &len);
    if (ind_check_indicator_id(s, len, why, sizeof why) != IND_OK) {
        row_error(lc, row->line, ds->cat_col[CAT_INDICATOR], why);
        return IND_OK;
    }
    for (k = CAT_TITLE; k < CAT_KNOWN; k++) {
        s = field_of(row, ds->cat_col, k, &len);
        if (k != CAT_KIND && k != CAT_YEARS && /* their own grammars */
            ind_check_text(ind_cat_column_names[k], s, len, why, sizeof why) != IND_OK) {
            row_error(lc, row->line, ds->cat_col[k], why);
            return IND_OK;
        }
    }
    s = field_of(row, ds->cat_col, CAT_KIND, &len);
    if (ind_kind_parse(&kind, s, &kerr) != IND_OK) {
        row_error(lc, row->line, ds->cat_col[CAT_KIND], kerr.message);
        return IND_OK;
    }
    s = field_of(row, ds->cat_col, CAT_YEARS, &len);
    if (len > 0 && ind_check_span(s, len, &from, &to, why, sizeof why)
            != IND_OK) {
        row_error(lc, row->line, ds->cat_col[CAT_YEARS], why);
        return IND_OK;
    }
    for (k = 0; k < CAT_KNOWN; k++) {
        s = field_of(row, ds->cat_col, k, &len);
        ids[k] = k == CAT_KIND ? 0 : ind_strpool_intern(&ds->pool, s, len);
        if (ids[k] == IND_STRID_NONE)
            return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    if (ind_index_map_get(&ds->indicator_by_id, ids[CAT_INDICATOR]) != UINT32_MAX) {
        snprintf(why, sizeof why, "indicator '%s' is declared twice",
                 ds_str(ds, ids[CAT_INDICATOR]));
        row_error(lc, row->line, ds->cat_col[CAT_INDICATOR], why);
        return IND_OK;
    }
    at = ind_dataset_indicator_of(ds, ids[CAT_INDICATOR]);
    if (at == UINT32_MAX)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    ds->indicators[at].title = ids[CAT_TITLE];
    ds->indicators[at].unit = ids[CAT_UNIT];
    ds->indicators[at].description = ids[CAT_DESCRIPTION];
    ds->indicators[at].growth_of = ids[CAT_GROWTH_OF];
    ds->indicators[at].years = ids[CAT_YEARS];
    ds->indicators[at].kind = kind;
    ds->indicators[at].declared = 1;
    ds->indicators[at].line = (uint32_t)row->line;
    return IND_OK;
}

static int load_catalog(ind_dataset *ds, ind_error *err)
{
    load_ctx lc = { ds, ds->catalog_path, 0, 0 };
    ind_csv_info info;
    ind_error rerr = IND_ERROR_INIT;
    int rc;

    rc = ind_csv_read(ds->catalog_path, NULL, on_catalog_row, &lc, &info,
                      &rerr);
    if (rc == IND_ENOTFOUND) {
        ds->catalog_exists = 0;
        return IND_OK;
    }
    ds->catalog_exists = 1;
    ds->cat_crlf = info.crlf;
    ds->cat_ends_with_newline = info.ends_with_newline;
    if (rc == IND_EPARSE && rerr.code == IND_EPARSE) {
        /* A syntax error from the reader: it is also a finding. */
        ind_dataset_diag_from_reader(ds, ds->catalog_path, &rerr);
    } else if (rc != IND_OK && rc != IND_EDATA) {
        if (rerr.code != IND_OK)
            ind_error_copy(err, &rerr);
        return rc;
    }
    if (info.rows == 0 && rc == IND_OK)
        ind_dataset_diag(ds, IND_SEVERITY_ERROR, ds->catalog_path, 1, 1,
                         "the catalog is empty: it needs at least a header");
    return lc.row_errors > 0 || ds->nerrors > 0 ? IND_EPARSE : rc;
}

/* ---- observations ---- */

/* Check one data row and store it as a reading. */
static int store_row(load_ctx *lc, const ind_csv_row *row, ind_error *err)
{
    ind_dataset *ds = lc->ds;
    const size_t *col = ds->col;
    reading_rec r;
    text_rec t;
    ind_strid indicator, entity;
    uint32_t ind_index;
    const char *s, *unit;
    char why[256];
    size_t len, unit_len;
    int year, rc;
    unsigned flags = 0;
    ind_error nerr;
    ind_role role;

    memset(&r, 0, sizeof r);
    s = field_of(row, col, COL_INDICATOR, &len);
    if (ind_check_indicator_id(s, len, why, sizeof why) != IND_OK) {
        row_error(lc, row->line, col[COL_INDICATOR], why);
        return IND_OK;
    }
    indicator = ind_strpool_intern(&ds->pool, s, len);
    s = field_of(row, col, COL_YEAR, &len);
    if (ind_check_year(s, len, &year, why, sizeof why) != IND_OK) {
        row_error(lc, row->line, col[COL_YEAR], why);
        return IND_OK;
    }
    r.year = (int16_t)year;
    s = field_of(row, col, COL_ENTITY, &len);
    if (ind_check_text("entity", s, len, why, sizeof why) != IND_OK) {
        row_error(lc, row->line, col[COL_ENTITY], why);
        return IND_OK;
    }
    entity = ind_strpool_intern(&ds->pool, s, len);
    unit = field_of(row, col, COL_UNIT, &unit_len);
    if (indicator == IND_STRID_NONE || entity == IND_STRID_NONE)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    ind_index = ind_dataset_indicator_of(ds, indicator);
    if (ind_index == UINT32_MAX)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    if (ds->indicators[ind_index].kind == IND_KIND_RATE ||
        (!ds->indicators[ind_index].declared && unit_len == 7 &&
         memcmp(unit, "percent", 7) == 0))
        flags |= IND_NUMBER_ALLOW_PERCENT;
    s = field_of(row, col, COL_VALUE, &len);
    if (ind_number_parse(&r.value, s, len, flags, &nerr) != IND_OK) {
        row_error(lc, row->line, col[COL_VALUE], nerr.message);
        return IND_OK;
    }
    s = field_of(row, col, COL_STATUS, &len);
    if (ind_check_status(s, len, &r.status, why, sizeof why) != IND_OK) {
        row_error(lc, row->line, col[COL_STATUS], why);
        return IND_OK;
    }
    s = field_of(row, col, COL_ROLE, &len);
    if (ind_check_role(s, len, &role, why, sizeof why) != IND_OK) {
        row_error(lc, row->line, col[COL_ROLE], why);
        return IND_OK;
    }
    r.role = (uint8_t)role;
    s = field_of(row, col, COL_AS_OF, &len);
    rc = ind_check_as_of(s, len, year, why, sizeof why);
    if (rc != IND_OK) {
        row_error(lc, row->line, col[COL_AS_OF], why);
        return IND_OK;
    }
    t.as_of = ind_strpool_intern(&ds->pool, s, len);
    {
        static const size_t text_cols[] = { COL_UNIT, COL_SOURCE, COL_NOTE };
        ind_strid *dest[] = { &t.unit, &t.source, &t.note };
        size_t k;
        for (k = 0; k < 3; k++) {
            s = field_of(row, col, text_cols[k], &len);
            if (ind_check_text(ind_obs_column_names[text_cols[k]], s, len, why,
                               sizeof why) != IND_OK) {
                row_error(lc, row->line, col[text_cols[k]], why);
                return IND_OK;
            }
            *dest[k] = ind_strpool_intern(&ds->pool, s, len);
            if (*dest[k] == IND_STRID_NONE)
                return ind_error_set(err, IND_ENOMEM, "out of memory");
        }
    }
    /* An indicator the catalog lacks takes its unit from its first row. */
    if (!ds->indicators[ind_index].declared &&
        ds->indicators[ind_index].unit == 0)
        ds->indicators[ind_index].unit = t.unit;
    r.text = t.as_of == IND_STRID_NONE ? UINT32_MAX
                                       : ind_dataset_text_of(ds, &t);
    if (r.text == UINT32_MAX)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    r.series = ind_dataset_series_of(ds, indicator, entity, ind_index);
    if (r.series == UINT32_MAX)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    r.line = (uint32_t)row->line;
    r.state = READING_LOADED;
    if (ind_dataset_push_reading(ds, &r) == (size_t)-1)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    return IND_OK;
}

static int on_observation_row(void *vctx, const ind_csv_row *row,
                              ind_error *err)
{
    static const size_t required[] = { COL_INDICATOR, COL_YEAR, COL_VALUE };
    load_ctx *lc = vctx;
    ind_dataset *ds = lc->ds;
    size_t i;

    if (row->index == 0) {
        ds->ncolumns = row->count;
        ds->header_line = row->line;
        ds->column_names = malloc(row->count * sizeof *ds->column_names);
        if (ds->column_names == NULL)
            return ind_error_set(err, IND_ENOMEM, "out of memory");
        for (i = 0; i < row->count; i++) {
            ds->column_names[i] = ind_strpool_intern(&ds->pool, row->field[i],
                                                     row->field_len[i]);
            if (ds->column_names[i] == IND_STRID_NONE)
                return ind_error_set(err, IND_ENOMEM, "out of memory");
        }
        lc->header_ok = map_header(ds, lc->path, row, ind_obs_column_names, COL_KNOWN,
                                   ds->col, required, 3) == IND_OK;
        return lc->header_ok ? IND_OK : IND_EDATA;
    }
    if (check_field_count(lc, row, ds->ncolumns) != 0 ||
        check_controls(lc, row) != 0)
        return IND_OK;
    return store_row(lc, row, err);
}

/* A dataset to be created: no observations yet; the first commit writes
 * the file with every known column. */
static int start_empty(ind_dataset *ds)
{
    size_t k;

    for (k = 0; k < COL_KNOWN; k++)
        ds->col[k] = NO_COLUMN;
    ds->obs_exists = 0;
    ds->ends_with_newline = 1;
    return IND_OK;
}

static int load_observations(ind_dataset *ds, ind_error *err)
{
    load_ctx lc = { ds, ds->path, 0, 0 };
    ind_csv_info info;
    ind_error rerr = IND_ERROR_INIT;
    struct stat st;
    int rc;

    /* Reserve for the rows the file can hold (about 32 bytes or more a
     * row): one allocation instead of copies while doubling. Pages not
     * used are never touched. */
    if (stat(ds->path, &st) == 0 && st.st_size / 32 > 1024) {
        size_t rows = (size_t)(st.st_size / 32);
        reading_rec *p = malloc(rows * sizeof *p);
        if (p != NULL) {
            ds->readings = p;
            ds->readings_cap = rows;
        }
    }
    rc = ind_csv_read(ds->path, NULL, on_observation_row, &lc, &info, &rerr);
    if (rc == IND_ENOTFOUND && (ds->flags & IND_OPEN_CREATE) &&
        (ds->flags & IND_OPEN_WRITE))
        return start_empty(ds);
    if (rc == IND_ENOTFOUND || rc == IND_EIO || rc == IND_ENOMEM) {
        if (rerr.code != IND_OK)
            ind_error_copy(err, &rerr);
        return rc;
    }
    if (rc == IND_EPARSE && rerr.code == IND_EPARSE)
        ind_dataset_diag_from_reader(ds, ds->path, &rerr);
    ds->crlf = info.crlf;
    ds->ends_with_newline = info.ends_with_newline;
    if (info.rows == 0 && rc == IND_OK) {
        ind_dataset_diag(ds, IND_SEVERITY_ERROR, ds->path, 1, 1,
                         "the file is empty: it needs at least a header "
                         "(indicator,year,value)");
        return IND_EDATA;
    }
    if (lc.row_errors > MAX_ROW_DIAGNOSTICS)
        ind_dataset_diag(ds, IND_SEVERITY_NOTE, ds->path, 0, 0,
                         "%zu more row errors not listed",
                         lc.row_errors - MAX_ROW_DIAGNOSTICS);
    if (stat(ds->path, &st) == 0) {
        ds->file_size = (uint64_t)st.st_size;
        ds->file_mtime = st.st_mtim;
        ds->file_ino = st.st_ino;
    }
    if (rc == IND_EDATA)
        return rc;
    return lc.row_errors > 0 || ds->nerrors > 0 ? IND_EPARSE : rc;
}

/* Say what was inferred for indicators that the catalog lacks. */
static void note_inferred(ind_dataset *ds)
{
    size_t i, inferred = 0;

    for (i = 0; i < ds->nindicators; i++)
        inferred += !ds->indicators[i].declared;
    if (!ds->obs_exists)
        return; /* a new dataset: nothing was inferred */
    if (!ds->catalog_exists)
        ind_dataset_diag(ds, IND_SEVERITY_NOTE, ds->catalog_path, 0, 0,
                         "no catalog file: %zu indicators inferred from the "
                         "observations (no titles, kind unspecified, unit "
                         "from the rows)", inferred);
    if (!ds->catalog_exists)
        ind_dataset_diag_about(ds, IND_DETAIL_NO_CATALOG, NULL);
}

/* Load catalog then observations; every problem with the data becomes a
 * diagnostic (ind_dataset_open reports the first), any other failure is
 * written to err. */
static int dataset_load(ind_dataset *ds, ind_error *err)
{
    int rc, orc;

    if (ds->flags & IND_OPEN_WRITE) {
        rc = take_lock(ds, err);
        if (rc != IND_OK)
            return rc;
    }
    rc = load_catalog(ds, err);
    if (rc != IND_OK && rc != IND_EPARSE && rc != IND_EDATA)
        return rc;
    orc = ind_dataset_load_entities(ds, err);
    if (orc != IND_OK && orc != IND_EPARSE && orc != IND_EDATA)
        return orc;
    if (rc == IND_OK)
        rc = orc;
    /* Read the observations even after a catalog problem: check wants
     * every finding at once. */
    orc = load_observations(ds, err);
    if (orc == IND_ENOTFOUND || orc == IND_EIO || orc == IND_ENOMEM ||
        rc == IND_OK)
        rc = orc;
    if (rc != IND_OK)
        return rc;
    note_inferred(ds);
    if (ind_dataset_build_order(ds) != IND_OK)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    return IND_OK;
}

int ind_dataset_open(ind_dataset **out, const char *path, unsigned flags,
                     ind_error *err)
{
    ind_dataset *ds;
    int rc;

    if (out == NULL || path == NULL) {
        if (out != NULL)
            *out = NULL;
        return ind_error_set(err, IND_EINVAL, "ind_dataset_open: NULL "
                             "argument");
    }
    *out = NULL;
    ds = ind_dataset_alloc(path, flags);
    if (ds == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    *out = ds;
    rc = dataset_load(ds, err);
    if (rc == IND_EPARSE || rc == IND_EDATA)
        ind_dataset_first_error(ds, rc, err);
    ds->load_rc = rc;
    return rc;
}
