/* dataset_load: open a dataset: lock, read the catalog, then stream the
 * observations into compact records, checking every field. */
#include "dataset_internal.h"
#include "csvfile.h"
#include "error_internal.h"
#include "indicators/number.h"
#include "regular_file.h"
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
    const char *kind = NULL;
    long waited_ms = 0;

    /* No lock file beside a dataset that does not exist, unless it is to
     * be created (the lock is removed again if nothing is committed). */
    if (access(ds->path, F_OK) != 0 &&
        (errno != ENOENT || !(ds->flags & IND_OPEN_CREATE)))
        return ind_error_set(err, IND_ENOTFOUND, "%s: cannot open: %s",
                             ds->path, strerror(errno));
    /* A file of our own: never a link (whose target would be created or
     * locked), a FIFO or a device. */
    ds->lock_fd = ind_open_regular(ds->lock_path, O_RDWR | O_CREAT |
                                   O_NOFOLLOW, 0666, &kind);
    if (ds->lock_fd < 0 && kind != NULL)
        return ind_error_set(err, IND_EWRITE, "%s: not a regular file (%s); "
                             "the lock must be a file of its own: remove it",
                             ds->lock_path, kind);
    if (ds->lock_fd < 0 && errno == ELOOP)
        return ind_error_set(err, IND_EWRITE, "%s: a symbolic link; the lock "
                             "must be a file of its own: remove the link",
                             ds->lock_path);
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
            char q[44];
            ind_text_excerpt(q, sizeof q, row->count ? row->field[0] : "",
                             row->count ? row->field_len[0] : 0);
            ind_dataset_diag(ds, IND_SEVERITY_ERROR, path, row->line,
                             (unsigned)row->count + 1,
                             "the header has no '%s' column (required; the "
                             "header starts with '%s')", names[required[k]],
                             q);
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

/* What the last stored row held, reused when the next row repeats its
 * bytes: a panel's rows repeat the indicator, the entity and every text,
 * so most rows need no check, interning or lookup of any of them. */
typedef struct row_memo {
    int have;                  /* a row has been stored */
    ind_strid indicator, entity;
    size_t indicator_len, entity_len;
    uint32_t ind_index, series;
    text_rec texts;            /* unit, as_of, source, note */
    size_t text_len[4];
    uint32_t text;             /* their tuple */
} row_memo;

/* Most bytes a row's rest (below) may have to be kept. */
#define ROW_REST_MAX 512

/* The bytes of the last stored row other than its year and value, where
 * those two columns are neighbours: when the next row repeats them (a
 * panel's rows differ only in year and value), its indicator, entity,
 * status, role and texts are the last row's, checked and interned then,
 * and only the year, the value and the as_of date against the year are
 * checked. The fields of a row lie one after another, each ended by its
 * NUL (ind_csv_row), so the rest is two byte ranges: the fields before the
 * pair and those after it. */
typedef struct row_rest {
    int valid;                 /* bytes[] holds the last stored row's */
    size_t head_len, tail_len; /* bytes[0..head_len), then the tail */
    char status;               /* what its status and role gave */
    uint8_t role;
    unsigned flags;            /* its value's ind_number_parse flags */
    char bytes[ROW_REST_MAX];
} row_rest;

/* Loading context passed through the CSV reader. */
typedef struct load_ctx {
    ind_dataset *ds;
    const char *path;
    size_t row_errors;
    int header_ok;
    row_memo memo;
    size_t *unknown;             /* the columns the library does not know */
    size_t nunknown;
    size_t pair;                 /* first of the year and value columns when
                                  * they are neighbours, else NO_COLUMN */
    row_rest rest;               /* the last stored row's, zero at first */
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
    char why[200];
    size_t field;

    if (ind_check_row_lines(row, &field, why, sizeof why) == IND_OK)
        return 0;
    row_error(lc, row->line, field, why);
    return -1;
}

/* The header's names obey the cell rules (dataset_rules.c: one line, no
 * bidirectional control, no spreadsheet formula), like the fields of the
 * columns the library does not know (check_unknown_cells). Returns 0 or
 * -1. */
static int check_header_cells(load_ctx *lc, const ind_csv_row *row)
{
    char why[200];
    size_t i;

    for (i = 0; i < row->count; i++) {
        if (ind_check_cell(row->field[i], row->field_len[i], why,
                           sizeof why) != IND_OK) {
            row_error(lc, row->line, i, why);
            return -1;
        }
    }
    return 0;
}

/* List the columns the library does not know, from the header's map.
 * Returns 0 or -1 (out of memory). */
static int list_unknown(load_ctx *lc, const ind_csv_row *row,
                        const size_t *col, size_t nknown)
{
    size_t i, k;

    lc->unknown = malloc((row->count ? row->count : 1) * sizeof *lc->unknown);
    if (lc->unknown == NULL)
        return -1;
    for (i = 0; i < row->count; i++) {
        for (k = 0; k < nknown && col[k] != i; k++)
            ;
        if (k == nknown)
            lc->unknown[lc->nunknown++] = i;
    }
    return 0;
}

/* The fields of the unknown columns obey the cell rules; the known columns
 * have rules of their own. A plain row (printable ASCII) can break only
 * the formula rule. Returns 0 or -1 (a row error, recorded). */
static int check_unknown_cells(load_ctx *lc, const ind_csv_row *row)
{
    char why[200];
    size_t k, i;

    for (k = 0; k < lc->nunknown; k++) {
        i = lc->unknown[k];
        if (i >= row->count || (row->plain && (row->field_len[i] == 0 ||
                                !ind_text_formula_start(row->field[i][0]))))
            continue;
        if (ind_check_cell(row->field[i], row->field_len[i], why,
                           sizeof why) != IND_OK) {
            row_error(lc, row->line, i, why);
            return -1;
        }
    }
    return 0;
}

/* The CSV reader's options for this handle's files. */
static unsigned csv_options(const ind_dataset *ds)
{
    return ds->flags & IND_OPEN_CSV_STRICT_ONLY ? IND_CSV_STRICT_ONLY : 0;
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
        lc->header_ok = check_header_cells(lc, row) == 0 &&
                        map_header(ds, lc->path, row, ind_cat_column_names,
                                   CAT_KNOWN, ds->cat_col, required, 1)
                            == IND_OK;
        if (lc->header_ok && list_unknown(lc, row, ds->cat_col, CAT_KNOWN))
            return ind_error_set(err, IND_ENOMEM, "out of memory");
        return lc->header_ok ? IND_OK : IND_EDATA;
    }
    if (check_field_count(lc, row, ds->cat_ncolumns) != 0 ||
        check_controls(lc, row) != 0 || check_unknown_cells(lc, row) != 0)
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
    ds->indicators[at].source_name = ids[CAT_SOURCE_NAME];
    ds->indicators[at].kind = kind;
    ds->indicators[at].declared = 1;
    ds->indicators[at].line = (uint32_t)row->line;
    return IND_OK;
}

static int load_catalog(ind_dataset *ds, ind_error *err)
{
    load_ctx lc = { ds, ds->catalog_path, 0, 0, { 0 }, NULL, 0, NO_COLUMN,
                    { 0 } };
    ind_csv_info info;
    ind_error rerr = IND_ERROR_INIT;
    int rc;

    rc = ind_csv_read_with(ds->catalog_path, NULL, csv_options(ds),
                           on_catalog_row, &lc, &info,
                      &rerr);
    free(lc.unknown);
    if (rc == IND_ENOTFOUND) {
        ds->catalog_exists = 0;
        return IND_OK;
    }
    ds->catalog_exists = 1;
    ds->cat_crlf = info.crlf;
    ds->cat_ends_with_newline = info.ends_with_newline;
    if ((rc == IND_EPARSE || rc == IND_EDATA) && rerr.code == rc) {
        /* A syntax error or a size from the reader: also a finding. */
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

/* The first w and the last w bytes of a and b (n >= w, w <= 8) agree:
 * all n when n <= 2 w. */
static inline int ends_equal(const char *a, const char *b, size_t n,
                             size_t w)
{
    uint64_t a0 = 0, a1 = 0, b0 = 0, b1 = 0;

    memcpy(&a0, a, w);
    memcpy(&b0, b, w);
    memcpy(&a1, a + n - w, w);
    memcpy(&b1, b + n - w, w);
    return ((a0 ^ b0) | (a1 ^ b1)) == 0;
}

/* Two byte strings of one length n: from 4 to 16 bytes as two words each
 * (they may overlap), without a call. */
static inline int equal_bytes(const char *a, const char *b, size_t n)
{
    if (n >= 8 && n <= 16)
        return ends_equal(a, b, n, 8);
    if (n >= 4 && n < 8)
        return ends_equal(a, b, n, 4);
    return n == 0 || memcmp(a, b, n) == 0;
}

/* s[0..len) is the pool text 'id' of length id_len. */
static inline int same_bytes(const ind_dataset *ds, ind_strid id,
                             size_t id_len, const char *s, size_t len)
{
    return len == id_len && equal_bytes(ds_str(ds, id), s, len);
}

/* The text rules of a field (ind_check_text). A plain row (printable
 * ASCII, see ind_csv_row) can break only the formula rule, so only a text
 * starting with a formula character needs the full check. */
static int check_text_field(const ind_csv_row *row, const char *name,
                            const char *s, size_t len, char *why, size_t n)
{
    if (row->plain && (len == 0 || !ind_text_formula_start(s[0])))
        return IND_OK;
    return ind_check_text(name, s, len, why, n);
}

/* The indicator and entity of a row: the last row's when the bytes
 * repeat, else checked, interned and looked up. Returns IND_OK, IND_EPARSE
 * (a row error, recorded) or IND_ENOMEM. */
static int row_series(load_ctx *lc, const ind_csv_row *row, row_memo *m,
                      int *year)
{
    ind_dataset *ds = lc->ds;
    const size_t *col = ds->col;
    const char *id, *entity, *s;
    size_t id_len, entity_len, len;
    char why[256];

    id = field_of(row, col, COL_INDICATOR, &id_len);
    entity = field_of(row, col, COL_ENTITY, &entity_len);
    if (lc->memo.have &&
        same_bytes(ds, lc->memo.indicator, lc->memo.indicator_len, id, id_len)) {
        m->indicator = lc->memo.indicator;
        m->ind_index = lc->memo.ind_index;
    } else {
        if (ind_check_indicator_id(id, id_len, why, sizeof why) != IND_OK) {
            row_error(lc, row->line, col[COL_INDICATOR], why);
            return IND_EPARSE;
        }
        m->indicator = IND_STRID_NONE;
    }
    m->indicator_len = id_len;
    s = field_of(row, col, COL_YEAR, &len);
    if (ind_check_year(s, len, year, why, sizeof why) != IND_OK) {
        row_error(lc, row->line, col[COL_YEAR], why);
        return IND_EPARSE;
    }
    m->entity_len = entity_len;
    if (m->indicator != IND_STRID_NONE && same_bytes(ds, lc->memo.entity,
                                                     lc->memo.entity_len,
                                                     entity, entity_len)) {
        m->entity = lc->memo.entity;
        m->series = lc->memo.series;
        return IND_OK;
    }
    if (check_text_field(row, "entity", entity, entity_len, why,
                         sizeof why) != IND_OK) {
        row_error(lc, row->line, col[COL_ENTITY], why);
        return IND_EPARSE;
    }
    if (m->indicator == IND_STRID_NONE) {
        m->indicator = ind_strpool_intern(&ds->pool, id, id_len);
        if (m->indicator == IND_STRID_NONE)
            return IND_ENOMEM;
        m->ind_index = ind_dataset_indicator_of(ds, m->indicator);
        if (m->ind_index == UINT32_MAX)
            return IND_ENOMEM;
    }
    m->entity = ind_strpool_intern(&ds->pool, entity, entity_len);
    if (m->entity == IND_STRID_NONE)
        return IND_ENOMEM;
    m->series = ind_dataset_series_of(ds, m->indicator, m->entity,
                                      m->ind_index);
    return m->series == UINT32_MAX ? IND_ENOMEM : IND_OK;
}

/* The unit, as_of, source and note of a row as a text tuple: the last
 * row's when the bytes repeat (as_of is still checked against the year),
 * else checked and interned. Returns IND_OK, IND_EPARSE or IND_ENOMEM. */
static int row_texts(load_ctx *lc, const ind_csv_row *row, row_memo *m,
                     int year)
{
    static const size_t cols[4] = { COL_UNIT, COL_AS_OF, COL_SOURCE,
                                    COL_NOTE };
    ind_dataset *ds = lc->ds;
    const char *s[4];
    ind_strid *ids[4] = { &m->texts.unit, &m->texts.as_of, &m->texts.source,
                          &m->texts.note };
    const ind_strid memo_ids[4] = { lc->memo.texts.unit, lc->memo.texts.as_of,
                                    lc->memo.texts.source,
                                    lc->memo.texts.note };
    char why[256];
    size_t k;
    int same = lc->memo.have;

    for (k = 0; k < 4; k++) {
        s[k] = field_of(row, ds->col, cols[k], &m->text_len[k]);
        same = same && same_bytes(ds, memo_ids[k], lc->memo.text_len[k], s[k],
                                  m->text_len[k]);
    }
    if (ind_check_as_of(s[1], m->text_len[1], year, why, sizeof why)
        != IND_OK) {
        row_error(lc, row->line, ds->col[COL_AS_OF], why);
        return IND_EPARSE;
    }
    if (same) {
        m->texts = lc->memo.texts;
        m->text = lc->memo.text;
        return IND_OK;
    }
    for (k = 0; k < 4; k++) {
        if (k != 1 && check_text_field(row, ind_obs_column_names[cols[k]],
                                       s[k], m->text_len[k], why,
                                       sizeof why) != IND_OK) {
            row_error(lc, row->line, ds->col[cols[k]], why);
            return IND_EPARSE;
        }
    }
    for (k = 0; k < 4; k++) {
        *ids[k] = ind_strpool_intern(&ds->pool, s[k], m->text_len[k]);
        if (*ids[k] == IND_STRID_NONE)
            return IND_ENOMEM;
    }
    m->text = ind_dataset_text_of(ds, &m->texts);
    return m->text == UINT32_MAX ? IND_ENOMEM : IND_OK;
}

/* The two ranges of a row's rest (see row_rest): the fields before the
 * year and value pair, from the first field's start, and those after it,
 * from the NUL that ends the pair. */
static void rest_ranges(const load_ctx *lc, const ind_csv_row *row,
                        const char **head, size_t *head_len,
                        const char **tail, size_t *tail_len)
{
    size_t b = lc->pair + 1, last = row->count - 1;

    *head = row->field[0];
    *head_len = (size_t)(row->field[lc->pair] - row->field[0]);
    *tail = row->field[b] + row->field_len[b];
    *tail_len = (size_t)(row->field[last] + row->field_len[last] - *tail);
}

/* Keep the rest of a row just stored (with what its status, role and
 * value flags were), or forget it when it is too long to keep. */
static void keep_rest(load_ctx *lc, const ind_csv_row *row, char status,
                      uint8_t role, unsigned flags)
{
    row_rest *k = &lc->rest;
    const char *head, *tail;
    size_t head_len, tail_len;

    k->valid = 0;
    if (lc->pair == NO_COLUMN)
        return;
    rest_ranges(lc, row, &head, &head_len, &tail, &tail_len);
    if (head_len + tail_len > sizeof k->bytes)
        return;
    memcpy(k->bytes, head, head_len);
    memcpy(k->bytes + head_len, tail, tail_len);
    k->head_len = head_len;
    k->tail_len = tail_len;
    k->status = status;
    k->role = role;
    k->flags = flags;
    k->valid = 1;
}

/* The row repeats the last stored row's rest. */
static int repeats_rest(const load_ctx *lc, const ind_csv_row *row)
{
    const row_rest *k = &lc->rest;
    const char *head, *tail;
    size_t head_len, tail_len;

    if (!k->valid)
        return 0;
    rest_ranges(lc, row, &head, &head_len, &tail, &tail_len);
    return head_len == k->head_len && tail_len == k->tail_len &&
           memcmp(head, k->bytes, head_len) == 0 &&
           memcmp(tail, k->bytes + head_len, tail_len) == 0;
}

/* Store a row that repeats the last stored row's rest: its year, value and
 * as_of date (against the year) checked in the order store_row checks
 * them, the rest taken from the last row. */
static int store_repeat(load_ctx *lc, const ind_csv_row *row, ind_error *err)
{
    ind_dataset *ds = lc->ds;
    const size_t *col = ds->col;
    const row_memo *m = &lc->memo;
    reading_rec r;
    const char *s;
    char why[256];
    size_t len;
    int year;
    ind_error nerr;

    s = field_of(row, col, COL_YEAR, &len);
    if (ind_check_year(s, len, &year, why, sizeof why) != IND_OK) {
        row_error(lc, row->line, col[COL_YEAR], why);
        return IND_OK;
    }
    memset(&r, 0, sizeof r);
    r.year = (int16_t)year;
    s = field_of(row, col, COL_VALUE, &len);
    if (ind_number_parse(&r.value, s, len, lc->rest.flags, &nerr) != IND_OK) {
        row_error(lc, row->line, col[COL_VALUE], nerr.message);
        return IND_OK;
    }
    s = field_of(row, col, COL_AS_OF, &len);
    if (ind_check_as_of(s, len, year, why, sizeof why) != IND_OK) {
        row_error(lc, row->line, col[COL_AS_OF], why);
        return IND_OK;
    }
    r.status = lc->rest.status;
    r.role = lc->rest.role;
    r.text = m->text;
    r.series = m->series;
    r.line = (uint32_t)row->line;
    r.state = READING_LOADED;
    if (ind_dataset_push_reading(ds, &r) == (size_t)-1)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    return IND_OK;
}

/* Check one data row and store it as a reading. The fields are checked in
 * the order of the columns' rules (indicator, year, entity, value, status,
 * role, as_of, unit, source, note): the first broken one is reported. */
static int store_row(load_ctx *lc, const ind_csv_row *row, ind_error *err)
{
    ind_dataset *ds = lc->ds;
    const size_t *col = ds->col;
    const indicator_rec *ind;
    reading_rec r;
    row_memo m;
    const char *s, *unit;
    char why[256];
    size_t len, unit_len;
    int year, rc;
    unsigned flags = 0;
    ind_error nerr;
    ind_role role;

    memset(&r, 0, sizeof r);
    rc = row_series(lc, row, &m, &year);
    if (rc != IND_OK)
        return rc == IND_ENOMEM ? ind_error_set(err, IND_ENOMEM,
                                                "out of memory") : IND_OK;
    r.year = (int16_t)year;
    ind = &ds->indicators[m.ind_index];
    unit = field_of(row, col, COL_UNIT, &unit_len);
    if (ind->kind == IND_KIND_RATE ||
        (!ind->declared && unit_len == 7 && memcmp(unit, "percent", 7) == 0))
        flags |= IND_NUMBER_ALLOW_PERCENT;
    s = field_of(row, col, COL_VALUE, &len);
    if (ind_number_parse(&r.value, s, len, flags, &nerr) != IND_OK) {
        row_error(lc, row->line, col[COL_VALUE], nerr.message);
        return IND_OK;
    }
    s = field_of(row, col, COL_STATUS, &len);
    if (len > 0 &&     /* empty: no status, as ind_check_status says */
        ind_check_status(s, len, &r.status, why, sizeof why) != IND_OK) {
        row_error(lc, row->line, col[COL_STATUS], why);
        return IND_OK;
    }
    s = field_of(row, col, COL_ROLE, &len);
    role = IND_ROLE_NONE;
    if (len > 0 &&
        ind_check_role(s, len, &role, why, sizeof why) != IND_OK) {
        row_error(lc, row->line, col[COL_ROLE], why);
        return IND_OK;
    }
    r.role = (uint8_t)role;
    rc = row_texts(lc, row, &m, year);
    if (rc != IND_OK)
        return rc == IND_ENOMEM ? ind_error_set(err, IND_ENOMEM,
                                                "out of memory") : IND_OK;
    /* An indicator the catalog lacks takes its unit from its first row. */
    if (!ind->declared && ind->unit == 0)
        ds->indicators[m.ind_index].unit = m.texts.unit;
    r.text = m.text;
    r.series = m.series;
    r.line = (uint32_t)row->line;
    r.state = READING_LOADED;
    if (ind_dataset_push_reading(ds, &r) == (size_t)-1)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    m.have = 1;
    lc->memo = m;
    keep_rest(lc, row, r.status, r.role, flags);
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
        lc->header_ok = check_header_cells(lc, row) == 0 &&
                        map_header(ds, lc->path, row, ind_obs_column_names,
                                   COL_KNOWN, ds->col, required, 3) == IND_OK;
        if (lc->header_ok && list_unknown(lc, row, ds->col, COL_KNOWN))
            return ind_error_set(err, IND_ENOMEM, "out of memory");
        lc->pair = NO_COLUMN;
        if (lc->header_ok && ds->col[COL_YEAR] + 1 == ds->col[COL_VALUE])
            lc->pair = ds->col[COL_YEAR];
        else if (lc->header_ok && ds->col[COL_VALUE] + 1 == ds->col[COL_YEAR])
            lc->pair = ds->col[COL_VALUE];
        return lc->header_ok ? IND_OK : IND_EDATA;
    }
    if (check_field_count(lc, row, ds->ncolumns) != 0 ||
        (!row->plain && check_controls(lc, row) != 0) ||
        (lc->nunknown > 0 && check_unknown_cells(lc, row) != 0))
        return IND_OK;
    if (repeats_rest(lc, row))
        return store_repeat(lc, row, err);
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
    load_ctx lc = { ds, ds->path, 0, 0, { 0 }, NULL, 0, NO_COLUMN, { 0 } };
    ind_csv_info info;
    ind_error rerr = IND_ERROR_INIT;
    struct stat st;
    int rc;

    /* Reserve for the rows the file can hold (24 bytes or more a row, as
     * a rule): one allocation instead of copies while doubling. Pages not
     * used are never touched. Without the room, the arrays still grow. A
     * file over the size limit is refused by the reader, with nothing
     * reserved for it. */
    if (stat(ds->path, &st) == 0 && st.st_size / 24 > 1024 &&
        (uint64_t)st.st_size <= IND_CSV_FILE_MAX)
        ind_dataset_reserve_readings(ds, (size_t)(st.st_size / 24));
    rc = ind_csv_read_with(ds->path, NULL, csv_options(ds),
                           on_observation_row, &lc, &info, &rerr);
    free(lc.unknown);
    if (rc == IND_ENOTFOUND && (ds->flags & IND_OPEN_CREATE) &&
        (ds->flags & IND_OPEN_WRITE))
        return start_empty(ds);
    if (rc == IND_ENOTFOUND || rc == IND_EIO || rc == IND_ENOMEM) {
        if (rerr.code != IND_OK)
            ind_error_copy(err, &rerr);
        return rc;
    }
    if ((rc == IND_EPARSE || rc == IND_EDATA) && rerr.code == rc)
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
