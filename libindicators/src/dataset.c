/* dataset: the handle's core: allocation and release, the column names of
 * the three files, diagnostics, the records' tables and lookups. Loading (dataset_load.c), the choice
 * rule's queries (dataset_query.c), changes (dataset_change.c) and saving
 * (dataset_save.c) build on it; the readings are kept by
 * dataset_readings.c. */
#include "dataset_internal.h"
#include "error_internal.h"
#include "text.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *const ind_obs_column_names[COL_KNOWN] = {
    "indicator", "entity", "year", "value", "unit", "status",
    "as_of", "source", "note", "role"
};

const char *const ind_cat_column_names[CAT_KNOWN] = {
    "indicator", "title", "unit", "kind", "description", "growth_of", "years",
    "source_name"
};

const char *const ind_history_column_names[H_KNOWN] = {
    "time", "action", "indicator", "entity", "year", "as_of", "old_value",
    "new_value", "old_status", "new_status", "old_source", "new_source",
    "old_note", "new_note", "old_role", "new_role", "old_unit", "new_unit",
    "reason"
};

const char *ind_history_column_name(size_t i)
{
    return i < H_KNOWN ? ind_history_column_names[i] : NULL;
}

const char *ind_change_field(const ind_change *c, size_t i)
{
    if (c == NULL)
        return NULL;
    switch (i) {
    case H_TIME: return c->time;
    case H_ACTION: return c->action;
    case H_INDICATOR: return c->indicator;
    case H_ENTITY: return c->entity;
    case H_YEAR: return c->year;
    case H_AS_OF: return c->as_of;
    case H_OLD_VALUE: return c->old_value;
    case H_NEW_VALUE: return c->new_value;
    case H_OLD_STATUS: return c->old_status;
    case H_NEW_STATUS: return c->new_status;
    case H_OLD_SOURCE: return c->old_source;
    case H_NEW_SOURCE: return c->new_source;
    case H_OLD_NOTE: return c->old_note;
    case H_NEW_NOTE: return c->new_note;
    case H_OLD_ROLE: return c->old_role;
    case H_NEW_ROLE: return c->new_role;
    case H_OLD_UNIT: return c->old_unit;
    case H_NEW_UNIT: return c->new_unit;
    case H_REASON: return c->reason;
    default: return NULL;
    }
}

/* ---- allocation ---- */

/* Derive NAME.indicators.csv, NAME.history.csv, NAME.lock from NAME.csv. */
static char *sibling(const char *path, const char *suffix)
{
    size_t len = strlen(path), n;
    char *out;

    if (len > 4 && strcmp(path + len - 4, ".csv") == 0)
        len -= 4;
    n = len + strlen(suffix) + 1;
    out = malloc(n);
    if (out != NULL)
        snprintf(out, n, "%.*s%s", (int)len, path, suffix);
    return out;
}

ind_dataset *ind_dataset_alloc(const char *path, unsigned flags)
{
    ind_dataset *ds = calloc(1, sizeof *ds);

    if (ds == NULL)
        return NULL;
    ds->lock_fd = -1;
    ds->flags = flags;
    ds->path = strdup(path);
    ds->catalog_path = sibling(path, ".indicators.csv");
    ds->history_path = sibling(path, ".history.csv");
    ds->lock_path = sibling(path, ".lock");
    ds->entities_path = sibling(path, ".entities.csv");
    ds->obs_exists = 1;
    if (ds->path == NULL || ds->catalog_path == NULL ||
        ds->history_path == NULL || ds->lock_path == NULL ||
        ds->entities_path == NULL ||
        ind_strpool_init(&ds->pool) != 0 ||
        ind_index_map_init(&ds->indicator_by_id, 64) != 0 ||
        ind_index_map_init(&ds->series_by_key, 64) != 0) {
        ind_dataset_free(ds);
        return NULL;
    }
    return ds;
}

void ind_dataset_free(ind_dataset *ds)
{
    size_t i;

    if (ds == NULL)
        return;
    /* A dataset to be created that was not: leave no lock file behind
     * (a writer waiting on it finds no observations and fails to commit
     * if another has created them meanwhile). */
    if (ds->lock_fd >= 0 && !ds->obs_exists && !ds->committed &&
        access(ds->path, F_OK) != 0)
        unlink(ds->lock_path);
    if (ds->lock_fd >= 0)
        close(ds->lock_fd); /* releases the flock */
    for (i = 0; i < ds->ndiags; i++)
        free(ds->diag_texts[i]);
    free(ds->diag_texts);
    free(ds->diags);
    free(ds->path);
    free(ds->entities_path);
    free(ds->catalog_path);
    free(ds->history_path);
    free(ds->lock_path);
    free(ds->column_names);
    ind_dataset_free_readings(ds);
    free(ds->texts);
    free(ds->text_slots);
    free(ds->indicators);
    free(ds->series);
    free(ds->changes);
    free(ds->year_next);
    ind_index_map_free(&ds->year_heads);
    ind_dataset_free_entities(ds);
    ind_index_map_free(&ds->indicator_by_id);
    ind_index_map_free(&ds->series_by_key);
    ind_strpool_free(&ds->pool);
    free(ds);
}

const char *ind_dataset_path(const ind_dataset *ds)
{
    return ds ? ds->path : "";
}

const char *ind_dataset_catalog_path(const ind_dataset *ds)
{
    return ds ? ds->catalog_path : "";
}

const char *ind_dataset_history_path(const ind_dataset *ds)
{
    return ds ? ds->history_path : "";
}

/* ---- diagnostics ---- */

int ind_dataset_diag(ind_dataset *ds, ind_severity sev, const char *path,
                     unsigned long line, unsigned column, const char *fmt, ...)
{
    char text[IND_ERROR_MESSAGE_SIZE];
    ind_diagnostic *d;
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    if (IND_ARRAY_RESERVE(ds->diags, ds->diags_cap, ds->ndiags + 1) != 0 ||
        IND_ARRAY_RESERVE(ds->diag_texts, ds->diag_texts_cap,
                          ds->ndiags + 1) != 0)
        return -1;
    ds->diag_texts[ds->ndiags] = strdup(text);
    if (ds->diag_texts[ds->ndiags] == NULL)
        return -1;
    d = &ds->diags[ds->ndiags++];
    d->severity = sev;
    d->path = path ? path : "";
    d->line = line;
    d->column = column;
    d->message = ds->diag_texts[ds->ndiags - 1];
    d->detail = IND_DETAIL_NONE;
    d->subject = "";
    if (sev == IND_SEVERITY_ERROR)
        ds->nerrors++;
    return 0;
}

int ind_dataset_diag_about(ind_dataset *ds, int detail, const char *subject)
{
    ind_diagnostic *d;
    size_t mlen, slen;
    char *both;

    if (ds->ndiags == 0)
        return -1;
    d = &ds->diags[ds->ndiags - 1];
    d->detail = detail;
    if (subject == NULL || *subject == '\0')
        return 0;
    /* The subject lives after the message, in the same allocation. */
    mlen = strlen(d->message);
    slen = strlen(subject);
    both = realloc(ds->diag_texts[ds->ndiags - 1], mlen + slen + 2);
    if (both == NULL)
        return -1;
    memcpy(both + mlen + 1, subject, slen + 1);
    ds->diag_texts[ds->ndiags - 1] = both;
    d->message = both;
    d->subject = both + mlen + 1;
    return 0;
}

void ind_dataset_diag_from_reader(ind_dataset *ds, const char *path,
                                  const ind_error *reader_error)
{
    const char *text = reader_error->message;
    size_t plen = strlen(path);

    if (strncmp(text, path, plen) == 0 && text[plen] == ':') {
        const char *space = strstr(text + plen, ": ");
        if (space != NULL)
            text = space + 2;
    }
    ind_dataset_diag(ds, IND_SEVERITY_ERROR, path, reader_error->line,
                     reader_error->column, "%s", text);
}

int ind_dataset_first_error(const ind_dataset *ds, int code, ind_error *err)
{
    size_t i;

    for (i = 0; i < ds->ndiags; i++) {
        const ind_diagnostic *d = &ds->diags[i];
        if (d->severity != IND_SEVERITY_ERROR)
            continue;
        ind_error_set_at(err, code, *d->path ? d->path : NULL, d->line,
                         d->column, "%s", d->message);
        ind_error_about(err, d->detail, d->subject, 0);
        return code;
    }
    return ind_error_set(err, code, "%s: %s", ds->path, ind_strerror(code));
}

int ind_dataset_not_loaded(const ind_dataset *ds, ind_error *err)
{
    ind_error_set(err, ds->load_rc, "%s did not load cleanly", ds->path);
    ind_error_about(err, IND_DETAIL_NOT_LOADED, NULL, 0);
    return ds->load_rc;
}

size_t ind_dataset_diagnostic_count(const ind_dataset *ds)
{
    return ds ? ds->ndiags : 0;
}

const ind_diagnostic *ind_dataset_diagnostic(const ind_dataset *ds, size_t i)
{
    return (ds != NULL && i < ds->ndiags) ? &ds->diags[i] : NULL;
}

/* ---- records ---- */

uint32_t ind_dataset_indicator_of(ind_dataset *ds, ind_strid id)
{
    uint32_t at = ind_index_map_get(&ds->indicator_by_id, id);
    indicator_rec *rec;

    if (at != UINT32_MAX)
        return at;
    if (IND_ARRAY_RESERVE(ds->indicators, ds->indicators_cap,
                          ds->nindicators + 1) != 0)
        return UINT32_MAX;
    rec = &ds->indicators[ds->nindicators];
    memset(rec, 0, sizeof *rec);
    rec->id = id;
    at = (uint32_t)ds->nindicators;
    if (ind_index_map_put(&ds->indicator_by_id, id, at) != 0)
        return UINT32_MAX;
    ds->nindicators++;
    return at;
}

uint32_t ind_dataset_series_of(ind_dataset *ds, ind_strid indicator,
                               ind_strid entity, uint32_t indicator_index)
{
    uint64_t key = ((uint64_t)indicator << 32) | entity;
    uint32_t at = ind_index_map_get(&ds->series_by_key, key);
    series_rec *rec;

    if (at != UINT32_MAX)
        return at;
    if (IND_ARRAY_RESERVE(ds->series, ds->series_cap, ds->nseries + 1) != 0)
        return UINT32_MAX;
    rec = &ds->series[ds->nseries];
    memset(rec, 0, sizeof *rec);
    rec->indicator = indicator;
    rec->entity = entity;
    rec->indicator_index = indicator_index;
    at = (uint32_t)ds->nseries;
    if (ind_index_map_put(&ds->series_by_key, key, at) != 0)
        return UINT32_MAX;
    ds->nseries++;
    ds->order_valid = 0;
    return at;
}

/* ---- readings, indicators and series by index and by name ---- */

size_t ind_dataset_reading_count(const ind_dataset *ds)
{
    return ds ? ds->nreadings : 0;
}

int ind_dataset_reading(const ind_dataset *ds, size_t i, ind_reading *out,
                        ind_error *err)
{
    const series_rec *s;
    reading_rec r;
    const text_rec *t;

    if (ds == NULL || out == NULL || i >= ds->nreadings)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_reading: no "
                             "reading %zu", i);
    ind_dataset_get_reading(ds, i, &r);
    s = &ds->series[r.series];
    t = &ds->texts[r.text];
    out->indicator = ds_str(ds, s->indicator);
    out->entity = ds_str(ds, s->entity);
    out->year = r.year;
    out->value = r.value;
    out->unit = ds_str(ds, t->unit);
    out->status = r.status;
    out->as_of = ds_str(ds, t->as_of);
    out->source = ds_str(ds, t->source);
    out->note = ds_str(ds, t->note);
    out->role = (ind_role)r.role;
    out->line = r.state == READING_LOADED ? r.line : 0;
    return IND_OK;
}

size_t ind_dataset_indicator_count(const ind_dataset *ds)
{
    return ds ? ds->nindicators : 0;
}

int ind_dataset_indicator(const ind_dataset *ds, size_t i, ind_indicator *out,
                          ind_error *err)
{
    const indicator_rec *r;

    if (ds == NULL || out == NULL || i >= ds->nindicators)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_indicator: no "
                             "indicator %zu", i);
    r = &ds->indicators[i];
    out->id = ds_str(ds, r->id);
    out->title = ds_str(ds, r->title);
    out->unit = ds_str(ds, r->unit);
    out->kind = r->kind;
    out->description = ds_str(ds, r->description);
    out->growth_of = ds_str(ds, r->growth_of);
    out->years = ds_str(ds, r->years);
    out->source_name = ds_str(ds, r->source_name);
    out->declared = r->declared;
    return IND_OK;
}

uint32_t ind_dataset_indicator_index(const ind_dataset *ds, const char *id)
{
    ind_strid sid = ind_strpool_find(&ds->pool, id, strlen(id));

    return sid == IND_STRID_NONE ? UINT32_MAX
                                 : ind_index_map_get(&ds->indicator_by_id, sid);
}

int ind_dataset_find_indicator(const ind_dataset *ds, const char *id,
                               size_t *out, ind_error *err)
{
    char q[IND_ERROR_SUBJECT_SIZE];
    uint32_t at;

    if (ds == NULL || id == NULL || out == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_find_indicator: "
                             "NULL argument");
    at = ind_dataset_indicator_index(ds, id);
    if (at == UINT32_MAX) {
        ind_text_excerpt(q, sizeof q, id, strlen(id));
        ind_error_set(err, IND_ENOTFOUND, "unknown indicator '%s' in %s", q,
                      ds->path);
        ind_error_about(err, IND_DETAIL_UNKNOWN_INDICATOR, q, 0);
        return IND_ENOTFOUND;
    }
    *out = at;
    return IND_OK;
}

size_t ind_dataset_series_count(const ind_dataset *ds)
{
    return ds ? ds->nseries : 0;
}

int ind_dataset_find_series(const ind_dataset *ds, const char *indicator,
                            const char *entity, size_t *out, ind_error *err)
{
    char qi[IND_ERROR_SUBJECT_SIZE], qe[44];
    ind_strid ind, ent;
    uint32_t at = UINT32_MAX;

    if (ds == NULL || indicator == NULL || out == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_find_series: "
                             "NULL argument");
    if (entity == NULL)
        entity = "";
    ind = ind_strpool_find(&ds->pool, indicator, strlen(indicator));
    ent = ind_strpool_find(&ds->pool, entity, strlen(entity));
    if (ind != IND_STRID_NONE && ent != IND_STRID_NONE)
        at = ind_index_map_get(&ds->series_by_key, ((uint64_t)ind << 32) | ent);
    if (at == UINT32_MAX) {
        ind_text_excerpt(qi, sizeof qi, indicator, strlen(indicator));
        ind_text_excerpt(qe, sizeof qe, entity, strlen(entity));
        ind_error_set(err, IND_ENOTFOUND, "no readings of '%s'%s%s%s in %s",
                      qi, *entity ? " (entity '" : "", qe,
                      *entity ? "')" : "", ds->path);
        ind_error_about(err, IND_DETAIL_NO_SERIES, qi, 0);
        return IND_ENOTFOUND;
    }
    *out = at;
    return IND_OK;
}

size_t ind_dataset_series_reading_count(const ind_dataset *ds, size_t i)
{
    return ds != NULL && i < ds->nseries ? ds->series[i].count : 0;
}

int ind_dataset_series_reading(const ind_dataset *ds, size_t i, size_t k,
                               size_t *out, ind_error *err)
{
    reading_view v;
    int rc;

    if (ds == NULL || out == NULL || i >= ds->nseries ||
        k >= ds->series[i].count)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_series_reading: "
                             "no reading %zu of series %zu", k, i);
    rc = ind_dataset_series_view(ds, i, &v, err);
    if (rc != IND_OK)
        return rc;
    *out = rv_at(&v, k);
    return IND_OK;
}
