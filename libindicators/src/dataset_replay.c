/* dataset_replay: the history read as a record of states. Every append,
 * revision and removal names its reading's key and its old and new
 * figure, so the trail can be replayed backwards (a vintage: the dataset
 * as it stood at the end of a day), forwards per figure (its revisions
 * side by side), or against the observations (a reading that vanished
 * with no removal recorded). Entries that never reached the observations
 * (voided) are passed over; a reading no entry names counts as present
 * from the start. */
#include "dataset_internal.h"
#include "error_internal.h"
#include "indicators/number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* An entry's reading fields, parsed: the old (k = 0) or new (k = 1). */
typedef struct side {
    int present;
    double value;
    char status;
    uint8_t role;
    const char *source, *note, *unit;  /* valid during the callback */
    int has_unit;                      /* the history keeps units */
} side;

typedef enum entry_kind { ENTRY_OTHER, ENTRY_APPEND, ENTRY_REVISE,
                          ENTRY_REMOVE } entry_kind;

static entry_kind kind_of(const char *action)
{
    if (strcmp(action, "append") == 0)
        return ENTRY_APPEND;
    if (strcmp(action, "revise") == 0)
        return ENTRY_REVISE;
    if (strcmp(action, "remove") == 0)
        return ENTRY_REMOVE;
    return ENTRY_OTHER;
}

/* Parse one side of an entry. Returns 0, or -1 when its figure does not
 * read (an entry written by hand: passed over). */
static int read_side(const ind_change *c, int new_side, side *out)
{
    const char *value = new_side ? c->new_value : c->old_value;
    const char *status = new_side ? c->new_status : c->old_status;
    const char *role = new_side ? c->new_role : c->old_role;
    ind_role r = IND_ROLE_NONE;
    char why[8];

    memset(out, 0, sizeof *out);
    if (ind_number_parse(&out->value, value, strlen(value), 0, NULL) != IND_OK)
        return -1;
    out->present = 1;
    out->status = (*status && *status != 'A') ? *status : 0;
    ind_check_role(role, strlen(role), &r, why, sizeof why);
    out->role = (uint8_t)r;
    out->source = new_side ? c->new_source : c->old_source;
    out->note = new_side ? c->new_note : c->old_note;
    out->unit = new_side ? c->new_unit : c->old_unit;
    out->has_unit = *out->unit != '\0';
    return 0;
}

/* The states an entry moves its figure between: before and after. A
 * removal ends absent, an append starts absent. Returns -1 for an entry
 * that is not about a reading, or does not read. */
static int entry_sides(const ind_change *c, side *before, side *after)
{
    switch (kind_of(c->action)) {
    case ENTRY_APPEND:
        memset(before, 0, sizeof *before);
        return read_side(c, 1, after);
    case ENTRY_REVISE:
        return read_side(c, 0, before) == 0 && read_side(c, 1, after) == 0
               ? 0 : -1;
    case ENTRY_REMOVE:
        memset(after, 0, sizeof *after);
        return read_side(c, 0, before);
    default:
        return -1;
    }
}

/* The series and as_of of an entry's key in the dataset, without adding
 * anything: -1 when the dataset has no such series, or no such date text
 * (then no reading has the key). */
static long key_series(const ind_dataset *ds, const ind_change *c, int *year,
                       ind_strid *as_of)
{
    size_t series;

    if (ind_number_parse_year(year, c->year, strlen(c->year), NULL) != IND_OK)
        return -2;
    if (ind_dataset_find_series(ds, c->indicator, c->entity, &series, NULL)
            != IND_OK)
        return -1;
    *as_of = ind_strpool_find(&ds->pool, c->as_of, strlen(c->as_of));
    return *as_of == IND_STRID_NONE ? -1 : (long)series;
}

/* ======================================================================
 * Vintages
 * ====================================================================== */

/* An entry to undo, kept in the dataset's pool. */
typedef struct undo_rec {
    entry_kind kind;
    ind_strid indicator, entity, as_of, source, note, unit;
    int year, has_unit;
    double value;
    char status;
    uint8_t role;
} undo_rec;

typedef struct vintage_ctx {
    ind_dataset *ds;
    char cutoff[32];
    undo_rec *undo;
    size_t nundo, cap;
    int failed;
} vintage_ctx;

static int keep_later(void *vctx, const ind_change *c)
{
    vintage_ctx *v = vctx;
    ind_dataset *ds = v->ds;
    side before, after;
    undo_rec *u;
    int year;

    if (c->voided || strcmp(c->time, v->cutoff) <= 0 ||
        entry_sides(c, &before, &after) != 0 ||
        ind_number_parse_year(&year, c->year, strlen(c->year), NULL) != IND_OK)
        return IND_OK;
    if (IND_ARRAY_RESERVE(v->undo, v->cap, v->nundo + 1) != 0) {
        v->failed = 1;
        return IND_ENOMEM;
    }
    u = &v->undo[v->nundo];
    memset(u, 0, sizeof *u);
    u->kind = kind_of(c->action);
    u->year = year;
    /* What undoing restores: the state before the entry. */
    u->value = before.value;
    u->status = before.status;
    u->role = before.role;
    u->has_unit = before.has_unit;
    u->indicator = ind_strpool_intern(&ds->pool, c->indicator,
                                      strlen(c->indicator));
    u->entity = ind_strpool_intern(&ds->pool, c->entity, strlen(c->entity));
    u->as_of = ind_strpool_intern(&ds->pool, c->as_of, strlen(c->as_of));
    u->source = before.present ? ind_strpool_intern(&ds->pool, before.source,
                                                    strlen(before.source)) : 0;
    u->note = before.present ? ind_strpool_intern(&ds->pool, before.note,
                                                  strlen(before.note)) : 0;
    u->unit = before.present ? ind_strpool_intern(&ds->pool, before.unit,
                                                  strlen(before.unit)) : 0;
    if (u->indicator == IND_STRID_NONE || u->entity == IND_STRID_NONE ||
        u->as_of == IND_STRID_NONE || u->source == IND_STRID_NONE ||
        u->note == IND_STRID_NONE || u->unit == IND_STRID_NONE) {
        v->failed = 1;
        return IND_ENOMEM;
    }
    v->nundo++;
    return IND_OK;
}

/* Undo one entry on the readings. Returns IND_OK or IND_ENOMEM. */
static int undo_one(ind_dataset *ds, const undo_rec *u)
{
    uint32_t ind, series;
    long at;
    text_rec t;
    reading_rec r;

    ind = ind_dataset_indicator_of(ds, u->indicator);
    if (ind == UINT32_MAX)
        return IND_ENOMEM;
    series = ind_dataset_series_of(ds, u->indicator, u->entity, ind);
    if (series == UINT32_MAX)
        return IND_ENOMEM;
    at = ind_dataset_find_key(ds, series, u->year, u->as_of);
    if (u->kind == ENTRY_APPEND) {
        /* (none: a reading deleted by hand since, nothing to undo) */
        if (at >= 0 && ind_dataset_set_replaced(ds, (size_t)at, 1) != 0)
            return IND_ENOMEM;
        return IND_OK;
    }
    t.as_of = u->as_of;
    t.source = u->source;
    t.note = u->note;
    t.unit = u->has_unit || at < 0 ? u->unit : rd_unit(ds, (size_t)at);
    if (u->kind == ENTRY_REVISE && at >= 0) {
        reading_rec old;
        ind_dataset_get_reading(ds, (size_t)at, &old);
        old.text = ind_dataset_text_of(ds, &t);
        if (old.text == UINT32_MAX)
            return IND_ENOMEM;
        old.value = u->value;
        old.status = u->status;
        old.role = u->role;
        return ind_dataset_set_reading(ds, (size_t)at, &old) == 0
               ? IND_OK : IND_ENOMEM;
    }
    if (at >= 0)
        return IND_OK; /* a reading of that key is there already */
    /* A removal (or a revision of a reading since deleted): put the old
     * reading back. */
    memset(&r, 0, sizeof r);
    r.value = u->value;
    r.series = series;
    r.year = (int16_t)u->year;
    r.status = u->status;
    r.role = u->role;
    r.state = READING_ADDED;
    r.text = ind_dataset_text_of(ds, &t);
    if (r.text == UINT32_MAX || ind_dataset_push_reading(ds, &r) == (size_t)-1)
        return IND_ENOMEM;
    return IND_OK;
}

/* A day YYYY-MM-DD that exists. */
static int check_day(const char *date, ind_error *err)
{
    char why[128];

    if (strlen(date) != 10 ||
        ind_check_as_of(date, 10, -9999, why, sizeof why) != IND_OK)
        return ind_error_set(err, IND_EPARSE, "vintage '%.40s' is not a day "
                             "YYYY-MM-DD", date);
    return IND_OK;
}

/* Drop the readings the replay took back, so that every query (and a
 * caller walking the readings) sees the vintage's only. The handle has no
 * changes, so no change record holds a reading index. */
static int keep_live_readings(ind_dataset *ds)
{
    /* The (series, year) index holds old positions: rebuilt on use. */
    ind_index_map_free(&ds->year_heads);
    ds->year_index_built = 0;
    return ind_dataset_keep_live_readings(ds);
}

int ind_dataset_vintage(ind_dataset *ds, const char *date, ind_error *err)
{
    vintage_ctx v;
    size_t i;
    int rc;

    if (ds == NULL || date == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_vintage: NULL "
                             "argument");
    rc = check_day(date, err);
    if (rc != IND_OK)
        return rc;
    if (ds->vintage || ds->nchanges > 0 || ds->load_rc != IND_OK)
        return ind_error_set(err, IND_EINVAL, "%s: a vintage is taken of a "
                             "dataset as loaded, once", ds->path);
    memset(&v, 0, sizeof v);
    v.ds = ds;
    /* History times are UTC, "YYYY-MM-DDTHH:MM:SSZ": later than the day's
     * last second sorts after this text. */
    snprintf(v.cutoff, sizeof v.cutoff, "%sT23:59:59Z", date);
    rc = ind_dataset_history(ds, keep_later, &v, err);
    if (rc == IND_ENOMEM || v.failed)
        rc = ind_error_set(err, IND_ENOMEM, "out of memory");
    for (i = v.nundo; rc == IND_OK && i-- > 0;)
        if (undo_one(ds, &v.undo[i]) != IND_OK)
            rc = ind_error_set(err, IND_ENOMEM, "out of memory");
    free(v.undo);
    if (keep_live_readings(ds) != 0 && rc == IND_OK)
        rc = ind_error_set(err, IND_ENOMEM, "out of memory");
    /* Even a failed replay leaves readings changed: the handle is no
     * longer the file, and must not be written. */
    ds->vintage = 1;
    snprintf(ds->vintage_date, sizeof ds->vintage_date, "%s", date);
    return rc;
}

/* ======================================================================
 * Revisions of one indicator, figure by figure
 * ====================================================================== */

typedef struct state_rec {
    ind_strid time, source;
    int present;
    double value;
    char status;
    size_t next;             /* next state of the figure, or SIZE_MAX */
} state_rec;

typedef struct figure_rec {
    ind_strid entity, as_of;
    int year;
    size_t first, last;      /* states */
} figure_rec;

typedef struct revisions_ctx {
    const char *indicator;
    ind_strpool pool;        /* keys and texts, apart from the dataset's */
    ind_index_map by_key;    /* key strid -> figure */
    figure_rec *figures;
    size_t nfigures, figures_cap;
    state_rec *states;
    size_t nstates, states_cap;
    int failed;
} revisions_ctx;

#define NO_STATE ((size_t)-1)

static size_t add_state(revisions_ctx *rv, figure_rec *f, const char *time,
                        const side *s)
{
    state_rec *st;

    if (IND_ARRAY_RESERVE(rv->states, rv->states_cap, rv->nstates + 1) != 0)
        return NO_STATE;
    st = &rv->states[rv->nstates];
    memset(st, 0, sizeof *st);
    st->time = ind_strpool_intern(&rv->pool, time, strlen(time));
    st->source = s->present ? ind_strpool_intern(&rv->pool, s->source,
                                                 strlen(s->source)) : 0;
    if (st->time == IND_STRID_NONE || st->source == IND_STRID_NONE)
        return NO_STATE;
    st->present = s->present;
    st->value = s->value;
    st->status = s->status;
    st->next = NO_STATE;
    if (f->last != NO_STATE)
        rv->states[f->last].next = rv->nstates;
    else
        f->first = rv->nstates;
    f->last = rv->nstates;
    return rv->nstates++;
}

/* The figure of a key, created (with its state before the first entry,
 * 'initial') when new. NULL when memory runs out. */
static figure_rec *figure_of(revisions_ctx *rv, const char *entity, int year,
                             const char *as_of, const side *initial)
{
    char key[256];
    ind_strid id;
    uint32_t at;
    figure_rec *f;
    int n = snprintf(key, sizeof key, "%s\x1f%d\x1f%s", entity, year, as_of);

    if (n < 0 || (size_t)n >= sizeof key)
        return NULL;
    id = ind_strpool_intern(&rv->pool, key, (size_t)n);
    if (id == IND_STRID_NONE)
        return NULL;
    at = ind_index_map_get(&rv->by_key, id);
    if (at != UINT32_MAX)
        return &rv->figures[at];
    if (IND_ARRAY_RESERVE(rv->figures, rv->figures_cap, rv->nfigures + 1) != 0 ||
        ind_index_map_put(&rv->by_key, id, (uint32_t)rv->nfigures) != 0)
        return NULL;
    f = &rv->figures[rv->nfigures++];
    f->entity = ind_strpool_intern(&rv->pool, entity, strlen(entity));
    f->as_of = ind_strpool_intern(&rv->pool, as_of, strlen(as_of));
    f->year = year;
    f->first = f->last = NO_STATE;
    if (f->entity == IND_STRID_NONE || f->as_of == IND_STRID_NONE ||
        add_state(rv, f, "", initial) == NO_STATE)
        return NULL;
    return f;
}

static int collect_revision(void *vctx, const ind_change *c)
{
    revisions_ctx *rv = vctx;
    side before, after;
    figure_rec *f;
    int year;

    if (c->voided || strcmp(c->indicator, rv->indicator) != 0 ||
        entry_sides(c, &before, &after) != 0 ||
        ind_number_parse_year(&year, c->year, strlen(c->year), NULL) != IND_OK)
        return IND_OK;
    f = figure_of(rv, c->entity, year, c->as_of, &before);
    if (f == NULL || add_state(rv, f, c->time, &after) == NO_STATE) {
        rv->failed = 1;
        return IND_ENOMEM;
    }
    return IND_OK;
}

/* The readings no entry names: one state each, present from the start. */
static int add_untouched(ind_dataset *ds, revisions_ctx *rv)
{
    size_t i, k;

    for (i = 0; i < ds->nseries; i++) {
        reading_view v;
        if (strcmp(ds_str(ds, ds->series[i].indicator), rv->indicator) != 0)
            continue;
        if (ind_dataset_series_view(ds, i, &v, NULL) != IND_OK)
            return IND_ENOMEM;
        for (k = 0; k < v.count; k++) {
            size_t r = rv_at(&v, k);
            side now;
            memset(&now, 0, sizeof now);
            if (rd_replaced(ds, r))
                continue;
            now.present = 1;
            now.value = rd_value(ds, r);
            now.status = rd_status(ds, r);
            now.source = ds_str(ds, rd_source(ds, r));
            if (figure_of(rv, ds_str(ds, ds->series[i].entity), rd_year(ds, r),
                          ds_str(ds, rd_as_of(ds, r)), &now) == NULL)
                return IND_ENOMEM;
        }
    }
    return IND_OK;
}

/* A figure to sort by entity, year, as_of (its texts are in the pool,
 * which no longer grows). */
typedef struct sorted_figure {
    const char *entity, *as_of;
    int year;
    size_t figure;
} sorted_figure;

static int compare_figures(const void *a, const void *b)
{
    const sorted_figure *x = a, *y = b;
    int c = strcmp(x->entity, y->entity);

    if (c != 0)
        return c;
    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    return strcmp(x->as_of, y->as_of);
}

/* Call fn for each state, figure by figure in order. */
static int emit_revisions(revisions_ctx *rv, ind_revision_fn fn, void *ctx)
{
    sorted_figure *order = malloc((rv->nfigures ? rv->nfigures : 1) *
                                  sizeof *order);
    size_t i, s;
    int rc = IND_OK;

    if (order == NULL)
        return IND_ENOMEM;
    for (i = 0; i < rv->nfigures; i++) {
        order[i].entity = ind_strpool_get(&rv->pool, rv->figures[i].entity);
        order[i].as_of = ind_strpool_get(&rv->pool, rv->figures[i].as_of);
        order[i].year = rv->figures[i].year;
        order[i].figure = i;
    }
    qsort(order, rv->nfigures, sizeof *order, compare_figures);
    for (i = 0; rc == IND_OK && i < rv->nfigures; i++) {
        const figure_rec *f = &rv->figures[order[i].figure];
        for (s = f->first; rc == IND_OK && s != NO_STATE;
             s = rv->states[s].next) {
            const state_rec *st = &rv->states[s];
            ind_revision r;
            r.entity = order[i].entity;
            r.year = f->year;
            r.as_of = order[i].as_of;
            r.time = ind_strpool_get(&rv->pool, st->time);
            r.present = st->present;
            r.value = st->value;
            r.status = st->status;
            r.source = ind_strpool_get(&rv->pool, st->source);
            rc = fn(ctx, &r);
        }
    }
    free(order);
    return rc;
}

int ind_dataset_revisions(ind_dataset *ds, const char *indicator,
                          ind_revision_fn fn, void *ctx, ind_error *err)
{
    revisions_ctx rv;
    size_t at;
    int rc;

    if (ds == NULL || indicator == NULL || fn == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_revisions: NULL "
                             "argument");
    rc = ind_dataset_find_indicator(ds, indicator, &at, err);
    if (rc != IND_OK)
        return rc;
    memset(&rv, 0, sizeof rv);
    rv.indicator = indicator;
    if (ind_strpool_init(&rv.pool) != 0 ||
        ind_index_map_init(&rv.by_key, 64) != 0) {
        ind_strpool_free(&rv.pool);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    rc = ind_dataset_history(ds, collect_revision, &rv, err);
    if (rc == IND_ENOMEM || rv.failed)
        rc = ind_error_set(err, IND_ENOMEM, "out of memory");
    if (rc == IND_OK && add_untouched(ds, &rv) != IND_OK)
        rc = ind_error_set(err, IND_ENOMEM, "out of memory");
    if (rc == IND_OK)
        rc = emit_revisions(&rv, fn, ctx);
    free(rv.figures);
    free(rv.states);
    ind_index_map_free(&rv.by_key);
    ind_strpool_free(&rv.pool);
    return rc;
}

/* ======================================================================
 * The history against the observations (ind_dataset_validate)
 * ====================================================================== */

/* What the trail last said of a key. */
typedef struct last_said {
    unsigned long line;
    int present;
    double value;
} last_said;

typedef struct audit_ctx {
    ind_dataset *ds;
    last_said *by_reading;     /* per reading index */
    /* keys no reading of the file has */
    ind_strpool pool;
    ind_index_map by_key;
    last_said *missing;
    ind_strid *missing_key;
    size_t nmissing, missing_cap, keys_cap;
    int failed;
} audit_ctx;

static int note_missing(audit_ctx *a, const ind_change *c, const side *after)
{
    char key[300];
    int n = snprintf(key, sizeof key, "%s\x1f%s\x1f%s\x1f%s", c->indicator,
                     c->entity, c->year, c->as_of);
    ind_strid id;
    uint32_t at;

    if (n < 0 || (size_t)n >= sizeof key)
        return IND_OK; /* not a key of ours */
    id = ind_strpool_intern(&a->pool, key, (size_t)n);
    if (id == IND_STRID_NONE)
        return IND_ENOMEM;
    at = ind_index_map_get(&a->by_key, id);
    if (at == UINT32_MAX) {
        if (IND_ARRAY_RESERVE(a->missing, a->missing_cap, a->nmissing + 1) ||
            IND_ARRAY_RESERVE(a->missing_key, a->keys_cap, a->nmissing + 1) ||
            ind_index_map_put(&a->by_key, id, (uint32_t)a->nmissing) != 0)
            return IND_ENOMEM;
        at = (uint32_t)a->nmissing++;
        a->missing_key[at] = id;
    }
    a->missing[at].line = c->line;
    a->missing[at].present = after->present;
    a->missing[at].value = after->value;
    return IND_OK;
}

static int audit_entry(void *vctx, const ind_change *c)
{
    audit_ctx *a = vctx;
    ind_dataset *ds = a->ds;
    side before, after;
    ind_strid as_of;
    long series, at = -1;
    int year;

    if (c->voided || entry_sides(c, &before, &after) != 0)
        return IND_OK;
    series = key_series(ds, c, &year, &as_of);
    if (series == -2)
        return IND_OK;
    if (series >= 0) {
        /* The reading of the file with that key. */
        size_t buf[16], *idx, n = 0, k;
        idx = ind_dataset_year_list(ds, (uint32_t)series, year, buf, 16, &n);
        if (idx == NULL)
            return IND_ENOMEM;
        for (k = 0; k < n && at < 0; k++)
            if (rd_line(ds, idx[k]) != 0 && rd_as_of(ds, idx[k]) == as_of)
                at = (long)idx[k];
        if (idx != buf)
            free(idx);
    }
    if (at < 0) {
        if (note_missing(a, c, &after) != IND_OK) {
            a->failed = 1;
            return IND_ENOMEM;
        }
        return IND_OK;
    }
    /* Made at the first entry that names a reading: a panel without a
     * history costs nothing here. */
    if (a->by_reading == NULL) {
        a->by_reading = calloc(ds->nreadings, sizeof *a->by_reading);
        if (a->by_reading == NULL) {
            a->failed = 1;
            return IND_ENOMEM;
        }
    }
    a->by_reading[at].line = c->line;
    a->by_reading[at].present = after.present;
    a->by_reading[at].value = after.value;
    return IND_OK;
}

static void report_audit(audit_ctx *a)
{
    ind_dataset *ds = a->ds;
    char v[IND_NUMBER_HUMAN_BUFSIZE], w[IND_NUMBER_HUMAN_BUFSIZE];
    size_t i;

    for (i = 0; i < a->nmissing; i++) {
        const last_said *m = &a->missing[i];
        char key[300], *parts[4], *p;
        size_t k = 0;
        if (!m->present)
            continue;
        snprintf(key, sizeof key, "%s",
                 ind_strpool_get(&a->pool, a->missing_key[i]));
        for (p = key, parts[k++] = p; *p && k < 4; p++)
            if (*p == '\x1f') {
                *p = '\0';
                parts[k++] = p + 1;
            }
        if (k < 4)
            continue;
        ind_number_format_human(v, sizeof v, m->value, -1, NULL);
        ind_dataset_diag(ds, IND_SEVERITY_ERROR, ds->history_path, m->line, 0,
                         "%s%s%s %s%s%s (%s) is in the history but not in the "
                         "observations, and no removal of it is recorded: "
                         "a row deleted by hand? (withdraw figures with a "
                         "removal, which keeps them)", parts[0],
                         *parts[1] ? " " : "", parts[1], parts[2],
                         *parts[3] ? " as of " : "", parts[3], v);
        ind_dataset_diag_about(ds, IND_DETAIL_NONE, parts[0]);
    }
    for (i = 0; a->by_reading != NULL && i < ds->nreadings; i++) {
        const last_said *m = &a->by_reading[i];
        const series_rec *s;
        if (m->line == 0 || rd_line(ds, i) == 0)
            continue;
        s = &ds->series[rd_series(ds, i)];
        ind_number_format_human(v, sizeof v, m->value, -1, NULL);
        ind_number_format_human(w, sizeof w, rd_value(ds, i), -1, NULL);
        if (!m->present)
            ind_dataset_diag(ds, IND_SEVERITY_WARNING, ds->path,
                             rd_line(ds, i), 0,
                             "%s %d is in the observations, but the history "
                             "removed it (line %lu): restored by hand?",
                             ds_str(ds, s->indicator), rd_year(ds, i),
                             m->line);
        else if (m->value != rd_value(ds, i))
            ind_dataset_diag(ds, IND_SEVERITY_WARNING, ds->path,
                             rd_line(ds, i), 0,
                             "%s %d holds %s where the history's last entry "
                             "about it (line %lu) wrote %s: edited by hand?",
                             ds_str(ds, s->indicator), rd_year(ds, i), w,
                             m->line, v);
    }
}

void ind_dataset_check_history_against_file(ind_dataset *ds)
{
    audit_ctx a;
    ind_error ignored = IND_ERROR_INIT;

    memset(&a, 0, sizeof a);
    a.ds = ds;
    if (ind_strpool_init(&a.pool) != 0 ||
        ind_index_map_init(&a.by_key, 16) != 0) {
        ind_strpool_free(&a.pool);
        return; /* out of memory: the check is skipped, nothing is wrong */
    }
    if (ind_dataset_history(ds, audit_entry, &a, &ignored) == IND_OK &&
        !a.failed)
        report_audit(&a);
    free(a.by_reading);
    free(a.missing);
    free(a.missing_key);
    ind_index_map_free(&a.by_key);
    ind_strpool_free(&a.pool);
}
