/* dataset_entities: the titles of entity codes, NAME.entities.csv.
 *
 * Imported series are keyed by their source's entity codes (CHN, DEU,
 * OWID_WRL, FR); the names those sources give them ("China", "Germany")
 * are kept here, one row per code: `entity,title` (other columns are kept
 * as they are). The file is only appended to: a commit copies it byte for
 * byte and adds the rows of codes titled since opening. */
#include "dataset_internal.h"
#include "atomicfile.h"
#include "csvfile.h"
#include "error_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { ENT_ENTITY, ENT_TITLE, ENT_KNOWN };

static const char *const entity_column_names[ENT_KNOWN] = { "entity", "title" };

typedef struct entities_ctx {
    ind_dataset *ds;
    size_t col[ENT_KNOWN];
    size_t ncolumns;
    int failed;                /* a row or the header broke a rule */
    char **names;              /* header names (writing), or NULL */
    int crlf;
} entities_ctx;

/* Record a finding in the entities file. */
static void entity_error(entities_ctx *e, unsigned long line, size_t field,
                         const char *why)
{
    e->failed = 1;
    ind_dataset_diag(e->ds, IND_SEVERITY_ERROR, e->ds->entities_path, line,
                     field == NO_COLUMN ? 0 : (unsigned)field + 1, "%s", why);
}

static int read_header(entities_ctx *e, const ind_csv_row *row)
{
    size_t i, k;

    e->ncolumns = row->count;
    for (k = 0; k < ENT_KNOWN; k++)
        e->col[k] = NO_COLUMN;
    for (i = 0; i < row->count; i++)
        for (k = 0; k < ENT_KNOWN; k++)
            if (strcmp(row->field[i], entity_column_names[k]) == 0) {
                if (e->col[k] != NO_COLUMN)
                    entity_error(e, row->line, i, "duplicate column");
                e->col[k] = i;
            }
    if (e->col[ENT_ENTITY] == NO_COLUMN)
        entity_error(e, row->line, row->count, "the header has no 'entity' "
                     "column (required: entity,title)");
    return e->failed ? IND_EDATA : IND_OK;
}

static uint32_t add_entity(ind_dataset *ds, ind_strid code, ind_strid title,
                           int added)
{
    entity_rec *rec;

    if (IND_ARRAY_RESERVE(ds->entities, ds->entities_cap,
                          ds->nentities + 1) != 0 ||
        ind_index_map_put(&ds->entity_by_code, code,
                          (uint32_t)ds->nentities) != 0)
        return UINT32_MAX;
    rec = &ds->entities[ds->nentities];
    rec->code = code;
    rec->title = title;
    rec->added = added;
    return (uint32_t)ds->nentities++;
}

static int on_entity_row(void *vctx, const ind_csv_row *row, ind_error *err)
{
    entities_ctx *e = vctx;
    ind_dataset *ds = e->ds;
    ind_strid ids[ENT_KNOWN];
    char why[256];
    size_t k;

    if (row->index == 0)
        return read_header(e, row);
    if (row->count != e->ncolumns) {
        snprintf(why, sizeof why, "row has %zu fields, the header has %zu",
                 row->count, e->ncolumns);
        entity_error(e, row->line, 0, why);
        return IND_OK;
    }
    for (k = 0; k < ENT_KNOWN; k++) {
        const char *s = e->col[k] == NO_COLUMN ? "" : row->field[e->col[k]];
        size_t len = strlen(s);
        if (ind_check_text(entity_column_names[k], s, len, why, sizeof why)
                != IND_OK) {
            entity_error(e, row->line, e->col[k], why);
            return IND_OK;
        }
        ids[k] = ind_strpool_intern(&ds->pool, s, len);
        if (ids[k] == IND_STRID_NONE)
            return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    if (ind_index_map_get(&ds->entity_by_code, ids[ENT_ENTITY]) != UINT32_MAX) {
        snprintf(why, sizeof why, "entity '%.64s' has a title already",
                 ds_str(ds, ids[ENT_ENTITY]));
        entity_error(e, row->line, e->col[ENT_ENTITY], why);
        return IND_OK;
    }
    if (add_entity(ds, ids[ENT_ENTITY], ids[ENT_TITLE], 0) == UINT32_MAX)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    return IND_OK;
}

int ind_dataset_load_entities(ind_dataset *ds, ind_error *err)
{
    entities_ctx e;
    ind_error rerr = IND_ERROR_INIT;
    int rc;

    memset(&e, 0, sizeof e);
    e.ds = ds;
    if (ind_index_map_init(&ds->entity_by_code, 16) != 0)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    rc = ind_csv_read(ds->entities_path, NULL, on_entity_row, &e, NULL, &rerr);
    if (rc == IND_ENOTFOUND)
        return IND_OK;
    ds->entities_exists = 1;
    if (rc == IND_EPARSE && rerr.code == IND_EPARSE) {
        ind_dataset_diag_from_reader(ds, ds->entities_path, &rerr);
        return IND_EPARSE;
    }
    if (rc != IND_OK && rc != IND_EDATA) {
        if (rerr.code != IND_OK)
            ind_error_copy(err, &rerr);
        return rc;
    }
    return e.failed ? IND_EDATA : IND_OK;
}

void ind_dataset_free_entities(ind_dataset *ds)
{
    free(ds->entities);
    ds->entities = NULL;
    ds->nentities = ds->entities_cap = 0;
    ind_index_map_free(&ds->entity_by_code);
}

/* ---- the public calls ---- */

const char *ind_dataset_entity_title(const ind_dataset *ds, const char *entity)
{
    ind_strid code;
    uint32_t at;

    if (ds == NULL || entity == NULL)
        return "";
    code = ind_strpool_find(&ds->pool, entity, strlen(entity));
    at = code == IND_STRID_NONE ? UINT32_MAX
                                : ind_index_map_get(&ds->entity_by_code, code);
    return at == UINT32_MAX ? "" : ds_str(ds, ds->entities[at].title);
}

size_t ind_dataset_entity_count(const ind_dataset *ds)
{
    return ds ? ds->nentities : 0;
}

int ind_dataset_entity(const ind_dataset *ds, size_t i, const char **code,
                       const char **title, ind_error *err)
{
    if (ds == NULL || code == NULL || title == NULL || i >= ds->nentities)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_entity: no "
                             "entity %zu", i);
    *code = ds_str(ds, ds->entities[i].code);
    *title = ds_str(ds, ds->entities[i].title);
    return IND_OK;
}

int ind_dataset_set_entity_title(ind_dataset *ds, const char *entity,
                                 const char *title, ind_error *err)
{
    ind_strid code, name;
    char why[256];
    uint32_t at;
    int rc;

    if (ds == NULL || entity == NULL || title == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_set_entity_title: "
                             "NULL argument");
    rc = ind_dataset_writable(ds, err);
    if (rc != IND_OK)
        return rc;
    if (*entity == '\0' || *title == '\0')
        return ind_error_set(err, IND_EINVAL, "an entity title needs a code "
                             "and a title");
    if (ind_check_text("entity", entity, strlen(entity), why, sizeof why)
            != IND_OK ||
        ind_check_text("title", title, strlen(title), why, sizeof why)
            != IND_OK)
        return ind_error_set(err, IND_EPARSE, "%s", why);
    code = ind_strpool_intern(&ds->pool, entity, strlen(entity));
    name = ind_strpool_intern(&ds->pool, title, strlen(title));
    if (code == IND_STRID_NONE || name == IND_STRID_NONE)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    at = ind_index_map_get(&ds->entity_by_code, code);
    if (at != UINT32_MAX) {
        if (ds->entities[at].title == name)
            return IND_OK;
        return ind_error_set(err, IND_EEXISTS, "entity '%.64s' is titled "
                             "'%.120s' already", entity,
                             ds_str(ds, ds->entities[at].title));
    }
    if (add_entity(ds, code, name, 1) == UINT32_MAX)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    return IND_OK;
}

/* ---- writing ---- */

static int keep_header(void *vctx, const ind_csv_row *row, ind_error *err)
{
    entities_ctx *e = vctx;
    size_t i;

    (void)err;
    if (row->index > 0)
        return IND_ERROR; /* the header is all we need */
    e->names = calloc(row->count ? row->count : 1, sizeof *e->names);
    if (e->names == NULL)
        return IND_ENOMEM;
    for (i = 0; i < row->count; i++) {
        e->names[i] = strdup(row->field[i]);
        if (e->names[i] == NULL)
            return IND_ENOMEM;
        e->ncolumns++;
    }
    return IND_OK;
}

/* Copy the existing file (a final line end added if it lacked one). */
static int copy_existing(const char *path, FILE *out, int *crlf)
{
    FILE *in = fopen(path, "rb");
    char buf[65536];
    size_t got, total = 0;
    int last = '\n', rc = 0, seen_lf = 0;

    if (in == NULL)
        return -1;
    while ((got = fread(buf, 1, sizeof buf, in)) > 0) {
        size_t i;
        for (i = 0; i < got && !seen_lf; i++)
            if (buf[i] == '\n') {
                seen_lf = 1;
                *crlf = (i > 0 && buf[i - 1] == '\r');
            }
        if (fwrite(buf, 1, got, out) != got)
            rc = -1;
        last = (unsigned char)buf[got - 1];
        total += got;
    }
    if (ferror(in))
        rc = -1;
    fclose(in);
    if (rc == 0 && total > 0 && last != '\n')
        rc = fputs(*crlf ? "\r\n" : "\n", out) == EOF ? -1 : 0;
    return rc;
}

static int put_entity_rows(const ind_dataset *ds, FILE *out,
                           const entities_ctx *e)
{
    size_t i, k;

    for (i = 0; i < ds->nentities; i++) {
        const entity_rec *rec = &ds->entities[i];
        if (!rec->added)
            continue;
        for (k = 0; k < e->ncolumns; k++) {
            const char *v = strcmp(e->names[k], "entity") == 0
                            ? ds_str(ds, rec->code)
                            : strcmp(e->names[k], "title") == 0
                            ? ds_str(ds, rec->title) : "";
            if ((k > 0 && fputc(',', out) == EOF) ||
                ind_csv_write_field(out, v, strlen(v)) != 0)
                return -1;
        }
        if (fputs(e->crlf ? "\r\n" : "\n", out) == EOF)
            return -1;
    }
    return 0;
}

int ind_dataset_prepare_entities(ind_dataset *ds, ind_atomic_file **ready,
                                 ind_error *err)
{
    static const char *const fresh[ENT_KNOWN] = { "entity", "title" };
    entities_ctx e;
    ind_atomic_file *af = NULL;
    ind_error rerr = IND_ERROR_INIT;
    size_t i;
    int rc = IND_OK, any = 0;

    *ready = NULL;
    for (i = 0; i < ds->nentities; i++)
        any |= ds->entities[i].added;
    if (!any)
        return IND_OK;
    memset(&e, 0, sizeof e);
    e.ds = ds;
    e.crlf = ds->crlf;
    if (ds->entities_exists) {
        int read = ind_csv_read(ds->entities_path, NULL, keep_header, &e,
                                NULL, &rerr);
        if (read != IND_OK && read != IND_ERROR)
            rc = ind_error_set(err, read == IND_ENOMEM ? IND_ENOMEM : IND_EIO,
                               "%s: cannot read it again to extend it",
                               ds->entities_path);
    } else {
        e.names = calloc(ENT_KNOWN, sizeof *e.names);
        for (i = 0; e.names != NULL && i < ENT_KNOWN; i++)
            if ((e.names[i] = strdup(fresh[i])) != NULL)
                e.ncolumns++;
        if (e.names == NULL || e.ncolumns != ENT_KNOWN)
            rc = ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    if (rc == IND_OK)
        rc = ind_atomic_open(&af, ds->entities_path, err);
    if (rc == IND_OK) {
        FILE *out = ind_atomic_stream(af);
        int bad = ds->entities_exists
                  ? copy_existing(ds->entities_path, out, &e.crlf)
                  : fprintf(out, "entity,title%s", e.crlf ? "\r\n" : "\n") < 0;
        if (bad == 0)
            bad = put_entity_rows(ds, out, &e);
        if (bad != 0) {
            int cause = errno != 0 ? errno : EIO;
            ind_atomic_abort(af);
            rc = ind_error_set(err, IND_EWRITE, "%s: cannot write the new "
                               "version: %s; nothing was changed",
                               ds->entities_path, strerror(cause));
        } else if ((rc = ind_atomic_prepare(af, err)) != IND_OK) {
            ind_atomic_abort(af);
        } else {
            *ready = af;
        }
    }
    for (i = 0; e.names != NULL && i < e.ncolumns; i++)
        free(e.names[i]);
    free(e.names);
    return rc;
}
