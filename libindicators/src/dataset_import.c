/* dataset_import: the import set and its application to a dataset. A
 * figure the dataset holds (same indicator, entity, year, undated) is left
 * alone when equal, revised when it changed; others are added; so a file
 * imported twice changes nothing the second time. */
#include "dataset_import.h"
#include "error_internal.h"
#include "indicators/number.h"
#include "text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the set ---- */

static int set_init(imp_set *s, const char *path,
                    const ind_import_options *opt, ind_import_summary *sum)
{
    memset(s, 0, sizeof *s);
    s->path = path;
    s->opt = opt;
    s->sum = sum;
    if (ind_strpool_init(&s->pool) != 0 ||
        ind_index_map_init(&s->ind_by_code, 64) != 0 ||
        ind_index_map_init(&s->ent_by_code, 64) != 0)
        return -1;
    return 0;
}

static void set_free(imp_set *s)
{
    free(s->inds);
    free(s->ents);
    free(s->figs);
    ind_index_map_free(&s->ind_by_code);
    ind_index_map_free(&s->ent_by_code);
    ind_strpool_free(&s->pool);
}

ind_strid imp_text(imp_set *s, const char *text)
{
    size_t n = strlen(text), i, k = 0;
    char small[512], *buf = n < sizeof small ? small : malloc(n + 1);
    ind_strid id;
    int space = 0;

    if (buf == NULL)
        return IND_STRID_NONE;
    buf[0] = '\0';
    for (i = 0; i < n; i++) {
        unsigned char c = (unsigned char)text[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' ||
            c == '\f') {
            space = k > 0;
            continue;
        }
        if (space)
            buf[k++] = ' ';
        space = 0;
        buf[k++] = (char)c;
    }
    id = ind_strpool_intern(&s->pool, buf, k);
    if (buf != small)
        free(buf);
    return id;
}

/* The set's record of a code in `map`: its index (>= 0), IMP_FILTERED,
 * IMP_NOMEM, or NEW_CODE when it is new and the filter `list` (NULL: no
 * filter) keeps it. A code left out is remembered as such. */
#define NEW_CODE (-3L)
#define FILTERED_MARK (UINT32_MAX - 1)

static long find_code(ind_index_map *map, ind_strid id,
                      const char *const *list, size_t n, const char *code)
{
    uint32_t at;

    if (id == IND_STRID_NONE)
        return IMP_NOMEM;
    at = ind_index_map_get(map, id);
    if (at == FILTERED_MARK)
        return IMP_FILTERED;
    if (at != UINT32_MAX)
        return (long)at;
    if (list != NULL && !ind_listed(list, n, code))
        return ind_index_map_put(map, id, FILTERED_MARK) == 0 ? IMP_FILTERED
                                                              : IMP_NOMEM;
    return NEW_CODE;
}

long imp_add_indicator(imp_set *s, const char *code, unsigned long line,
                       unsigned column, int *created)
{
    ind_strid id = ind_strpool_intern(&s->pool, code, strlen(code));
    long at = find_code(&s->ind_by_code, id, s->opt->indicators,
                        s->opt->nindicators, code);
    imp_indicator *ind;

    *created = 0;
    if (at != NEW_CODE)
        return at;
    if (IND_ARRAY_RESERVE(s->inds, s->inds_cap, s->ninds + 1) != 0 ||
        ind_index_map_put(&s->ind_by_code, id, (uint32_t)s->ninds) != 0)
        return IMP_NOMEM;
    ind = &s->inds[s->ninds];
    memset(ind, 0, sizeof *ind);
    ind->code = ind->id = id;
    ind->kind = s->opt->kind;
    ind->line = line;
    ind->column = column;
    *created = 1;
    return (long)s->ninds++;
}

long imp_add_entity(imp_set *s, const char *code, const char *title)
{
    ind_strid id = ind_strpool_intern(&s->pool, code, strlen(code));
    long at = find_code(&s->ent_by_code, id, s->opt->entities,
                        s->opt->nentities, code);
    imp_entity *e;

    if (at >= 0) {
        e = &s->ents[at];
        if (e->title == 0 && title != NULL && *title != '\0')
            e->title = imp_text(s, title);
        return e->title == IND_STRID_NONE ? IMP_NOMEM : at;
    }
    if (at != NEW_CODE)
        return at;
    if (IND_ARRAY_RESERVE(s->ents, s->ents_cap, s->nents + 1) != 0 ||
        ind_index_map_put(&s->ent_by_code, id, (uint32_t)s->nents) != 0)
        return IMP_NOMEM;
    e = &s->ents[s->nents];
    e->used = 0;
    e->code = id;
    e->title = title != NULL && *title != '\0' ? imp_text(s, title) : 0;
    if (e->title == IND_STRID_NONE)
        return IMP_NOMEM;
    return (long)s->nents++;
}

int imp_figure_add(imp_set *s, long indicator, long entity, int year,
                   const char *text, char status, const char *note,
                   unsigned long line, unsigned column, ind_error *err)
{
    imp_figure *f;
    ind_error e = IND_ERROR_INIT;
    double value;

    if (*text == '\0') {
        s->sum->gaps++;
        return IND_OK;
    }
    if (indicator < 0 || entity < 0) {
        s->sum->filtered++;
        return IND_OK;
    }
    if (ind_number_parse(&value, text, strlen(text), 0, &e) != IND_OK)
        return ind_error_set_at(err, IND_EPARSE, s->path, line, column, "%s",
                                e.message);
    if (year < -9999 || year > 9999) {
        s->sum->beyond_years++;
        return IND_OK;
    }
    if (IND_ARRAY_RESERVE(s->figs, s->figs_cap, s->nfigs + 1) != 0)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    f = &s->figs[s->nfigs];
    f->value = value;
    f->indicator = (uint32_t)indicator;
    f->entity = (uint32_t)entity;
    f->year = (int16_t)year;
    f->status = status;
    f->line = (uint32_t)line;
    f->column = column;
    f->note = note != NULL && *note ? imp_text(s, note) : 0;
    if (f->note == IND_STRID_NONE)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    s->inds[indicator].used = 1;
    s->ents[entity].used = 1;
    s->nfigs++;
    s->sum->figures++;
    return IND_OK;
}

int imp_make_id(char *out, const char *text, const char *lead, int lower)
{
    size_t k = 0, i;
    int sep = 0;

    if (!((text[0] >= 'a' && text[0] <= 'z') ||
          (text[0] >= 'A' && text[0] <= 'Z'))) {
        k = strlen(lead);
        if (k > 16)
            return -1;
        memcpy(out, lead, k);
    }
    for (i = 0; text[i]; i++) {
        char c = text[i];
        int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                   (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
        if (!keep) {
            sep = k > 0;
            continue;
        }
        if (k + 1 + (sep ? 1 : 0) > 64)
            return -1;
        if (sep)
            out[k++] = '_';
        sep = 0;
        out[k++] = lower && c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
    }
    out[k] = '\0';
    return k > 0 ? 0 : -1;
}

const char *imp_quote(char *q, const char *text)
{
    ind_text_excerpt(q, IMP_QUOTE_SIZE, text, strlen(text));
    return q;
}

char *imp_sibling(const char *path, const char *name)
{
    const char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    char *out = malloc(dir + strlen(name) + 1);

    if (out != NULL) {
        memcpy(out, path, dir);
        strcpy(out + dir, name);
    }
    return out;
}

/* ---- applying the set ---- */

typedef struct apply_ctx {
    ind_dataset *ds;
    imp_set *s;
    size_t first_new;        /* readings from here are the import's */
    uint32_t *line_of;       /* file line of each of them */
    size_t line_of_cap;
} apply_ctx;

static int fail_at(const imp_set *s, ind_error *err, int code,
                   unsigned long line, unsigned column, const ind_error *why)
{
    ind_error_set_at(err, code, s->path, line, column, "%s", why->message);
    ind_error_about(err, why->detail, why->subject, why->year);
    return code;
}

/* Catalog entries for the indicators the dataset lacks. */
static int define_indicators(apply_ctx *a, ind_error *err)
{
    imp_set *s = a->s;
    size_t i, at;

    for (i = 0; i < s->ninds; i++) {
        const imp_indicator *x = &s->inds[i];
        ind_indicator ind;
        ind_error e = IND_ERROR_INIT;
        int rc;
        if (!x->used ||
            ind_dataset_find_indicator(a->ds, imp_str(s, x->id), &at, NULL)
                == IND_OK)
            continue; /* no figures, or in the catalog already */
        memset(&ind, 0, sizeof ind);
        ind.id = imp_str(s, x->id);
        ind.title = imp_str(s, x->title);
        ind.unit = imp_str(s, x->unit);
        ind.description = imp_str(s, x->description);
        ind.growth_of = "";
        ind.years = imp_str(s, x->years);
        ind.kind = x->kind;
        rc = ind_dataset_define_as(a->ds, &ind, 1, &e);
        if (rc != IND_OK)
            return fail_at(s, err, rc, x->line, x->column, &e);
        s->sum->indicators_defined++;
    }
    return IND_OK;
}

static int title_entities(apply_ctx *a, ind_error *err)
{
    imp_set *s = a->s;
    size_t i;

    for (i = 0; i < s->nents; i++) {
        const imp_entity *x = &s->ents[i];
        const char *code = imp_str(s, x->code);
        int rc;
        /* The dataset's own subject, and a name that is its code, need
         * no title. */
        if (!x->used || x->title == 0 || *code == '\0' ||
            strcmp(code, imp_str(s, x->title)) == 0 ||
            *ind_dataset_entity_title(a->ds, code) != '\0')
            continue;
        rc = ind_dataset_set_entity_title(a->ds, code, imp_str(s, x->title),
                                          err);
        if (rc != IND_OK)
            return rc;
        s->sum->entities_titled++;
    }
    return IND_OK;
}

/* One figure: added, revised, or left alone. */
static int apply_figure(apply_ctx *a, const imp_figure *f, ind_error *err)
{
    ind_dataset *ds = a->ds;
    imp_set *s = a->s;
    const imp_indicator *x = &s->inds[f->indicator];
    ind_error e = IND_ERROR_INIT;
    ind_reading r;
    size_t series;
    long at = -1;
    unsigned flags = 0;
    int rc;

    memset(&r, 0, sizeof r);
    r.indicator = imp_str(s, x->id);
    r.entity = imp_str(s, s->ents[f->entity].code);
    r.year = f->year;
    r.value = f->value;
    r.unit = "";
    r.as_of = "";
    r.source = imp_str(s, x->source);
    r.note = imp_str(s, f->note);
    /* 'A' restates "normal": a flag the source dropped is dropped. */
    r.status = f->status ? f->status : 'A';
    if (ind_dataset_find_series(ds, r.indicator, r.entity, &series, NULL)
            == IND_OK) {
        at = ind_dataset_key_reading(ds, (uint32_t)series, f->year, 0,
                                     IND_ROLE_NONE, r.indicator, &e);
        if (at == -2)
            return fail_at(s, err, IND_EDATA, f->line, f->column, &e);
    }
    if (at >= 0 && (size_t)at >= a->first_new) {
        snprintf(e.message, sizeof e.message, "this figure of %s %s%s%d "
                 "repeats the one of line %u", r.indicator, r.entity,
                 *r.entity ? " " : "", f->year,
                 a->line_of[(size_t)at - a->first_new]);
        return fail_at(s, err, IND_EDATA, f->line, f->column, &e);
    }
    if (at >= 0) {
        if (rd_value(ds, (size_t)at) == f->value &&
            rd_status(ds, (size_t)at) == f->status) {
            s->sum->unchanged++;
            return IND_OK;
        }
        flags = IND_ADD_REVISE;
    }
    rc = ind_dataset_add(ds, &r, NULL, flags, &e);
    if (rc != IND_OK)
        return fail_at(s, err, rc, f->line, f->column, &e);
    if (IND_ARRAY_RESERVE(a->line_of, a->line_of_cap,
                          ds->nreadings - a->first_new) != 0)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    a->line_of[ds->nreadings - 1 - a->first_new] = f->line;
    if (at >= 0)
        s->sum->revised++;
    else
        s->sum->added++;
    return IND_OK;
}

static int apply_set(ind_dataset *ds, imp_set *s, ind_error *err)
{
    apply_ctx a;
    size_t i;
    int rc;

    memset(&a, 0, sizeof a);
    a.ds = ds;
    a.s = s;
    a.first_new = ds->nreadings;
    for (i = 0; i < s->ninds; i++)
        s->sum->indicators += s->inds[i].used;
    for (i = 0; i < s->nents; i++)
        s->sum->entities += s->ents[i].used;
    rc = define_indicators(&a, err);
    if (rc == IND_OK)
        rc = title_entities(&a, err);
    for (i = 0; rc == IND_OK && i < s->nfigs; i++)
        rc = apply_figure(&a, &s->figs[i], err);
    free(a.line_of);
    return rc;
}

int ind_dataset_import(ind_dataset *ds, ind_import_format format,
                       const char *path, const ind_import_options *opt,
                       ind_import_summary *out, ind_error *err)
{
    static const ind_import_options defaults = IND_IMPORT_OPTIONS_INIT;
    ind_import_summary sum;
    imp_set s;
    size_t changes_before, entities_before;
    int rc;

    if (ds == NULL || path == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_import: NULL "
                             "argument");
    rc = ind_dataset_writable(ds, err);
    if (rc != IND_OK)
        return rc;
    memset(&sum, 0, sizeof sum);
    if (set_init(&s, path, opt ? opt : &defaults, &sum) != 0) {
        set_free(&s);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    switch (format) {
    case IND_IMPORT_WDI: rc = imp_read_wdi(&s, err); break;
    case IND_IMPORT_OWID: rc = imp_read_owid(&s, err); break;
    case IND_IMPORT_SDMX: rc = imp_read_sdmx(&s, err); break;
    default:
        rc = ind_error_set(err, IND_EINVAL, "ind_dataset_import: unknown "
                           "format %d", (int)format);
    }
    if (rc == IND_OK && s.nfigs == 0)
        rc = ind_error_set(err, IND_EDATA, "%s: no figures to import%s",
                           path, sum.filtered ? " (the filters left none)"
                                              : "");
    changes_before = ds->nchanges;
    entities_before = ds->nentities;
    if (rc == IND_OK)
        rc = apply_set(ds, &s, err);
    if (rc != IND_OK && (ds->nchanges != changes_before ||
                         ds->nentities != entities_before))
        ds->poisoned = 1; /* part of the file is in memory */
    if (s.ninds > 0)
        snprintf(sum.source, sizeof sum.source, "%s",
                 imp_str(&s, s.inds[0].source));
    set_free(&s);
    if (rc == IND_OK && out != NULL)
        *out = sum;
    return rc;
}
