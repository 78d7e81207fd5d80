/* dataset_export: the figures used for each year, out to the formats
 * others read: Our World in Data's grapher CSV with its metadata JSON,
 * SDMX-CSV 1.0 and 2.0, and a wide table of one column per year. The
 * data package is in dataset_export_package.c. */
#include "dataset_export.h"
#include "atomicfile.h"
#include "csvfile.h"
#include "error_internal.h"
#include "indicators/number.h"
#include "json.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

/* ---- choosing the series ---- */

/* Every word of a filter must name something of the dataset. */
static int check_filters(const ind_dataset *ds, const ind_export_options *o,
                         ind_error *err)
{
    size_t i, at, k;

    for (i = 0; i < o->nindicators; i++) {
        int rc = ind_dataset_find_indicator(ds, o->indicators[i], &at, err);
        if (rc != IND_OK)
            return rc;
    }
    for (i = 0; i < o->nentities; i++) {
        int found = 0;
        for (k = 0; k < ds->nseries && !found; k++)
            found = strcmp(ds_str(ds, ds->series[k].entity),
                           o->entities[i]) == 0;
        if (!found)
            return ind_error_set(err, IND_ENOTFOUND, "no series of entity "
                                 "'%.40s' in %s", o->entities[i], ds->path);
    }
    return IND_OK;
}

int exp_select(exp_set *x, ind_dataset *ds, const ind_export_options *opt,
               ind_error *err)
{
    const char *base = strrchr(ds->path, '/');
    size_t i, len;
    int rc;

    memset(x, 0, sizeof *x);
    x->ds = ds;
    x->opt = opt;
    base = base ? base + 1 : ds->path;
    len = strlen(base);
    if (len > 4 && strcmp(base + len - 4, ".csv") == 0)
        len -= 4;
    snprintf(x->name, sizeof x->name, "%.*s", (int)len, base);
    rc = check_filters(ds, opt, err);
    if (rc != IND_OK)
        return rc;
    x->items = calloc(ds->nseries ? ds->nseries : 1, sizeof *x->items);
    if (x->items == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    for (i = 0; i < ds->nseries; i++) {
        const series_rec *s = &ds->series[i];
        exp_series *e = &x->items[x->n];
        if ((opt->indicators != NULL &&
             !ind_listed(opt->indicators, opt->nindicators,
                     ds_str(ds, s->indicator))) ||
            (opt->entities != NULL &&
             !ind_listed(opt->entities, opt->nentities, ds_str(ds, s->entity))))
            continue;
        rc = ind_dataset_series(ds, i, &e->series, err);
        if (rc != IND_OK)
            return rc;
        if (ind_series_length(e->series) == 0) {
            ind_series_free(e->series);
            e->series = NULL;
            continue; /* only alternates, or all removed */
        }
        e->index = i;
        e->indicator = s->indicator_index;
        x->n++;
    }
    if (x->n == 0)
        return ind_error_set(err, IND_EDATA, "%s: no figures to export%s",
                             ds->path, opt->indicators || opt->entities
                             ? " for those indicators and entities" : "");
    return IND_OK;
}

void exp_free(exp_set *x)
{
    size_t i;

    for (i = 0; i < x->n; i++)
        ind_series_free(x->items[i].series);
    free(x->items);
    memset(x, 0, sizeof *x);
}

const char *exp_entity_code(const exp_set *x, const char *entity)
{
    if (*entity == '\0')
        return x->opt->subject ? x->opt->subject : "";
    return entity;
}

int exp_field(FILE *out, const char *text, int last)
{
    if (ind_csv_write_field(out, text, strlen(text)) != 0)
        return -1;
    return fputs(last ? "\n" : ",", out) == EOF ? -1 : 0;
}

int exp_number(FILE *out, double v, int last)
{
    char text[IND_NUMBER_BUFSIZE];

    ind_number_format(text, sizeof text, v, NULL);
    return exp_field(out, text, last);
}

void exp_reading(const exp_set *x, const ind_point *p, ind_reading *r)
{
    memset(r, 0, sizeof *r);
    if (ind_dataset_reading(x->ds, p->reading, r, NULL) != IND_OK)
        r->unit = r->as_of = r->source = r->note = r->entity = "";
}

int exp_write_file(const char *path, exp_write_fn fn, void *ctx,
                   ind_error *err)
{
    ind_atomic_file *af;
    int rc = ind_atomic_open(&af, path, err);

    if (rc != IND_OK)
        return rc;
    if (fn(ind_atomic_stream(af), ctx) != 0) {
        ind_atomic_abort(af);
        return ind_error_set(err, IND_EWRITE, "%s: cannot write it", path);
    }
    return ind_atomic_commit(af, err);
}

int exp_each_source(const exp_set *x, long indicator, exp_source_fn fn,
                    void *ctx)
{
    const char **seen;
    size_t i, k, j, nseen = 0, total = 0;
    int rc = 0;

    for (i = 0; i < x->n; i++)
        total += ind_series_length(x->items[i].series);
    seen = malloc((total ? total : 1) * sizeof *seen);
    if (seen == NULL)
        return -1;
    for (i = 0; i < x->n && rc == 0; i++) {
        const ind_series *s = x->items[i].series;
        if (indicator >= 0 && x->items[i].indicator != (size_t)indicator)
            continue;
        for (k = 0; k < ind_series_length(s) && rc == 0; k++) {
            const char *src = ind_series_point(s, k)->source;
            for (j = 0; j < nseen && strcmp(seen[j], src) != 0; j++)
                ;
            if (*src == '\0' || j < nseen)
                continue; /* empty, or seen already */
            seen[nseen++] = src;
            rc = fn(ctx, src);
        }
    }
    free(seen);
    return rc;
}

/* The sources joined by "; " while they fit. */
typedef struct joined {
    char *buf;
    size_t n, used;
} joined;

static int join_source(void *vctx, const char *src)
{
    joined *j = vctx;
    size_t len = strlen(src);

    if (j->used + len + 3 >= j->n)
        return 1; /* full: stop */
    j->used += (size_t)snprintf(j->buf + j->used, j->n - j->used, "%s%s",
                                j->used ? "; " : "", src);
    return 0;
}

void exp_sources(const exp_set *x, long indicator, char *buf, size_t n)
{
    joined j = { buf, n, 0 };

    buf[0] = '\0';
    exp_each_source(x, indicator, join_source, &j);
}

/* ---- Our World in Data ---- */

/* The distinct entities as the export writes their codes (the subject's
 * given code for ""), in order of their first series. */
typedef struct entity_list {
    const char **codes;
    const char **entities;   /* the dataset's entity of each */
    size_t n;
} entity_list;

static int entities_of(const exp_set *x, entity_list *l)
{
    size_t i, k;

    l->codes = malloc((x->n ? x->n : 1) * sizeof *l->codes);
    l->entities = malloc((x->n ? x->n : 1) * sizeof *l->entities);
    l->n = 0;
    if (l->codes == NULL || l->entities == NULL)
        return -1;
    for (i = 0; i < x->n; i++) {
        const char *e = ind_series_entity(x->items[i].series);
        const char *code = exp_entity_code(x, e);
        for (k = 0; k < l->n && strcmp(l->codes[k], code) != 0; k++)
            ;
        if (k == l->n) {
            l->entities[l->n] = e;
            l->codes[l->n++] = code;
        }
    }
    return 0;
}

/* The distinct indicators, in order of their first series. */
static size_t indicators_of(const exp_set *x, size_t *out)
{
    size_t i, k, n = 0;

    for (i = 0; i < x->n; i++) {
        for (k = 0; k < n && out[k] != x->items[i].indicator; k++)
            ;
        if (k == n)
            out[n++] = x->items[i].indicator;
    }
    return n;
}

/* The series of indicator ind whose exported code is `code`, or NULL. */
static const ind_series *series_of(const exp_set *x, size_t ind,
                                   const char *code)
{
    size_t i;

    for (i = 0; i < x->n; i++)
        if (x->items[i].indicator == ind &&
            strcmp(exp_entity_code(x, ind_series_entity(x->items[i].series)),
                   code) == 0)
            return x->items[i].series;
    return NULL;
}

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;

    return (x > y) - (x < y);
}

/* The distinct years of the given series (sorted) into *years. */
static size_t years_of(const ind_series *const *s, size_t ns, int **years)
{
    size_t i, k, n = 0, total = 0;

    for (i = 0; i < ns; i++)
        total += s[i] ? ind_series_length(s[i]) : 0;
    *years = malloc((total ? total : 1) * sizeof **years);
    if (*years == NULL)
        return (size_t)-1;
    for (i = 0; i < ns; i++)
        for (k = 0; s[i] && k < ind_series_length(s[i]); k++)
            (*years)[n++] = ind_series_years(s[i])[k];
    qsort(*years, n, sizeof **years, compare_ints);
    for (i = k = 0; i < n; i++)
        if (k == 0 || (*years)[k - 1] != (*years)[i])
            (*years)[k++] = (*years)[i];
    return k;
}

typedef struct owid_ctx {
    const exp_set *x;
    size_t *inds, ninds;
    entity_list ents;
    ind_export_summary *sum;
} owid_ctx;

static int write_owid_rows(FILE *out, void *vctx)
{
    owid_ctx *o = vctx;
    const exp_set *x = o->x;
    const ind_dataset *ds = x->ds;
    const ind_series **row = malloc((o->ninds ? o->ninds : 1) * sizeof *row);
    size_t e, i, y;
    int bad = 0;

    if (row == NULL)
        return -1;
    bad |= fputs("Entity,Code,Year", out) == EOF;
    for (i = 0; i < o->ninds; i++)
        bad |= fputc(',', out) == EOF ||
               ind_csv_write_field(out, ds_str(ds, ds->indicators[o->inds[i]].id),
                                   strlen(ds_str(ds, ds->indicators[o->inds[i]].id)))
               != 0;
    bad |= fputc('\n', out) == EOF;
    for (e = 0; e < o->ents.n && !bad; e++) {
        const char *code = o->ents.codes[e];
        const char *title = *o->ents.entities[e] == '\0' &&
                            x->opt->subject_name ? x->opt->subject_name
                            : ind_dataset_entity_title(ds, code);
        int *years = NULL;
        size_t ny;
        for (i = 0; i < o->ninds; i++)
            row[i] = series_of(x, o->inds[i], code);
        ny = years_of(row, o->ninds, &years);
        if (ny == (size_t)-1) {
            bad = 1;
            break;
        }
        for (y = 0; y < ny && !bad; y++) {
            char year[16];
            snprintf(year, sizeof year, "%d", years[y]);
            bad |= exp_field(out, *title ? title : *code ? code : x->name, 0);
            bad |= exp_field(out, code, 0);
            bad |= exp_field(out, year, o->ninds == 0);
            for (i = 0; i < o->ninds; i++) {
                long at = row[i] ? ind_series_find(row[i], years[y]) : -1;
                int last = i + 1 == o->ninds;
                if (at >= 0) {
                    bad |= exp_number(out, ind_series_point(row[i],
                                                            (size_t)at)->value,
                                      last);
                    o->sum->values++;
                } else {
                    bad |= exp_field(out, "", last);
                }
            }
        }
        free(years);
    }
    free(row);
    return bad ? -1 : 0;
}

/* A year as Our World in Data writes a span's end: "10000 BCE". */
static void owid_year(char *buf, size_t n, int year)
{
    if (year < 0)
        snprintf(buf, n, "%d BCE", -year);
    else
        snprintf(buf, n, "%d", year);
}

static int put_member(FILE *out, const char *name, const char *value,
                      int first)
{
    return (first ? 0 : fputs(",", out) == EOF) ||
           fputs("\n      ", out) == EOF ||
           ind_json_put_string(out, name) != 0 ||
           fputs(": ", out) == EOF || ind_json_put_string(out, value) != 0
           ? -1 : 0;
}

static int write_owid_metadata(FILE *out, void *vctx)
{
    owid_ctx *o = vctx;
    const exp_set *x = o->x;
    const ind_dataset *ds = x->ds;
    char sources[4096], from[24], to[24], span[64], day[16];
    time_t now = time(NULL);
    struct tm tm;
    size_t i, k;
    int bad = 0;

    gmtime_r(&now, &tm);
    strftime(day, sizeof day, "%Y-%m-%d", &tm);
    exp_sources(x, -1, sources, sizeof sources);
    bad |= fputs("{\n  \"chart\": {\n    \"title\": ", out) == EOF ||
           ind_json_put_string(out, x->name) != 0 ||
           fputs(",\n    \"citation\": ", out) == EOF ||
           ind_json_put_string(out, sources) != 0 ||
           fputs("\n  },\n  \"columns\": {", out) == EOF;
    for (i = 0; i < o->ninds && !bad; i++) {
        const indicator_rec *ind = &ds->indicators[o->inds[i]];
        int lo = 0, hi = 0, any = 0;
        for (k = 0; k < x->n; k++) {
            const ind_series *s = x->items[k].series;
            size_t len = ind_series_length(s);
            if (x->items[k].indicator != o->inds[i])
                continue;
            if (!any || ind_series_years(s)[0] < lo)
                lo = ind_series_years(s)[0];
            if (!any || ind_series_years(s)[len - 1] > hi)
                hi = ind_series_years(s)[len - 1];
            any = 1;
        }
        owid_year(from, sizeof from, lo);
        owid_year(to, sizeof to, hi);
        snprintf(span, sizeof span, "%s-%s", from, to);
        exp_sources(x, (long)o->inds[i], sources, sizeof sources);
        bad |= fputs(i ? ",\n    " : "\n    ", out) == EOF ||
               ind_json_put_string(out, ds_str(ds, ind->id)) != 0 ||
               fputs(": {", out) == EOF ||
               put_member(out, "titleShort", *ds_str(ds, ind->title)
                          ? ds_str(ds, ind->title) : ds_str(ds, ind->id), 1) ||
               put_member(out, "titleLong", *ds_str(ds, ind->title)
                          ? ds_str(ds, ind->title) : ds_str(ds, ind->id), 0) ||
               put_member(out, "descriptionShort",
                          ds_str(ds, ind->description), 0) ||
               put_member(out, "unit", ds_str(ds, ind->unit), 0) ||
               put_member(out, "shortUnit", "", 0) ||
               put_member(out, "timespan", span, 0) ||
               put_member(out, "type", "Numeric", 0) ||
               put_member(out, "shortName", ds_str(ds, ind->id), 0) ||
               put_member(out, "citationShort", sources, 0) ||
               fputs("\n    }", out) == EOF;
    }
    bad |= fputs("\n  },\n  \"dateDownloaded\": ", out) == EOF ||
           ind_json_put_string(out, day) != 0 || fputs("\n}\n", out) == EOF;
    return bad ? -1 : 0;
}

static int export_owid(exp_set *x, const char *path, ind_export_summary *sum,
                       ind_error *err)
{
    owid_ctx o;
    size_t len = strlen(path);
    char *meta;
    int rc;

    memset(&o, 0, sizeof o);
    o.x = x;
    o.sum = sum;
    o.inds = malloc((x->n ? x->n : 1) * sizeof *o.inds);
    meta = malloc(len + 16);
    if (o.inds == NULL || meta == NULL || entities_of(x, &o.ents) != 0) {
        free(o.inds);
        free(meta);
        free(o.ents.codes);
        free(o.ents.entities);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    o.ninds = indicators_of(x, o.inds);
    if (len > 4 && strcmp(path + len - 4, ".csv") == 0)
        len -= 4;
    sprintf(meta, "%.*s.metadata.json", (int)len, path);
    rc = exp_write_file(path, write_owid_rows, &o, err);
    if (rc == IND_OK)
        rc = exp_write_file(meta, write_owid_metadata, &o, err);
    sum->files = rc == IND_OK ? 2 : 0;
    free(o.inds);
    free(o.ents.codes);
    free(o.ents.entities);
    free(meta);
    return rc;
}

/* ---- SDMX-CSV ---- */

typedef struct sdmx_ctx {
    const exp_set *x;
    int version;
    char flow[160];
    ind_export_summary *sum;
} sdmx_ctx;

static int write_sdmx(FILE *out, void *vctx)
{
    sdmx_ctx *c = vctx;
    const exp_set *x = c->x;
    const ind_dataset *ds = x->ds;
    size_t i, k;
    int bad = 0, notes = 0;

    /* OBS_COMMENT only when some figure has a note. */
    for (i = 0; i < x->n && !notes; i++)
        for (k = 0; k < ind_series_length(x->items[i].series) && !notes; k++) {
            ind_reading r;
            exp_reading(x, ind_series_point(x->items[i].series, k), &r);
            notes = *r.note != '\0';
        }
    bad |= fputs(c->version == 1 ? "DATAFLOW" : "STRUCTURE,STRUCTURE_ID,ACTION",
                 out) == EOF ||
           fprintf(out, ",INDICATOR,REF_AREA,FREQ,TIME_PERIOD,OBS_VALUE,"
                   "OBS_STATUS,UNIT_MEASURE%s\n", notes ? ",OBS_COMMENT" : "")
               < 0;
    for (i = 0; i < x->n && !bad; i++) {
        const ind_series *s = x->items[i].series;
        const char *area = exp_entity_code(x, ind_series_entity(s));
        const char *unit = ds_str(ds, ds->indicators[x->items[i].indicator].unit);
        for (k = 0; k < ind_series_length(s) && !bad; k++) {
            const ind_point *p = ind_series_point(s, k);
            char year[16], status[2] = { p->status ? p->status : 'A', 0 };
            ind_reading r;
            exp_reading(x, p, &r);
            snprintf(year, sizeof year, "%d", p->year);
            if (c->version == 2)
                bad |= exp_field(out, "dataflow", 0);
            bad |= exp_field(out, c->flow, 0);
            if (c->version == 2)
                bad |= exp_field(out, "I", 0);
            bad |= exp_field(out, ind_series_indicator(s), 0) ||
                   exp_field(out, *area ? area : "_Z", 0) ||
                   exp_field(out, "A", 0) || exp_field(out, year, 0) ||
                   exp_number(out, p->value, 0) || exp_field(out, status, 0) ||
                   exp_field(out, unit, !notes);
            if (notes)
                bad |= exp_field(out, r.note, 1);
            c->sum->values++;
        }
    }
    return bad ? -1 : 0;
}

static int export_sdmx(exp_set *x, const char *path, ind_export_summary *sum,
                       ind_error *err)
{
    sdmx_ctx c;
    size_t i;
    int rc;

    memset(&c, 0, sizeof c);
    c.x = x;
    c.sum = sum;
    c.version = x->opt->sdmx_version == 1 ? 1 : 2;
    if (x->opt->sdmx_version != 0 && x->opt->sdmx_version != 1 &&
        x->opt->sdmx_version != 2)
        return ind_error_set(err, IND_EINVAL, "SDMX-CSV is version 1 or 2, "
                             "not %d", x->opt->sdmx_version);
    if (x->opt->dataflow != NULL) {
        snprintf(c.flow, sizeof c.flow, "%s", x->opt->dataflow);
    } else {
        /* IND:NAME(1.0), NAME made of SDMX's id characters. */
        char id[128];
        for (i = 0; x->name[i] && i + 1 < sizeof id; i++) {
            char ch = x->name[i];
            int ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
                     (ch >= '0' && ch <= '9') || ch == '_' || ch == '-';
            id[i] = ok ? ch : '_';
        }
        id[i] = '\0';
        snprintf(c.flow, sizeof c.flow, "IND:%s(1.0)", id);
    }
    rc = exp_write_file(path, write_sdmx, &c, err);
    sum->files = rc == IND_OK ? 1 : 0;
    return rc;
}

/* ---- one column per year ---- */

typedef struct wide_ctx {
    const exp_set *x;
    ind_export_summary *sum;
} wide_ctx;

static int write_wide(FILE *out, void *vctx)
{
    wide_ctx *w = vctx;
    const exp_set *x = w->x;
    const ind_dataset *ds = x->ds;
    const ind_series **all = malloc((x->n ? x->n : 1) * sizeof *all);
    int *years = NULL, bad = 0;
    size_t i, y, ny;

    if (all == NULL)
        return -1;
    for (i = 0; i < x->n; i++)
        all[i] = x->items[i].series;
    ny = years_of(all, x->n, &years);
    free(all);
    if (ny == (size_t)-1)
        return -1;
    bad |= fputs("indicator,entity,entity_title,title,unit", out) == EOF;
    for (y = 0; y < ny; y++)
        bad |= fprintf(out, ",%d", years[y]) < 0;
    bad |= fputc('\n', out) == EOF;
    for (i = 0; i < x->n && !bad; i++) {
        const ind_series *s = x->items[i].series;
        const indicator_rec *ind = &ds->indicators[x->items[i].indicator];
        const char *entity = exp_entity_code(x, ind_series_entity(s));
        bad |= exp_field(out, ind_series_indicator(s), 0) ||
               exp_field(out, entity, 0) ||
               exp_field(out, ind_dataset_entity_title(ds, entity), 0) ||
               exp_field(out, ds_str(ds, ind->title), 0) ||
               exp_field(out, ds_str(ds, ind->unit), ny == 0);
        for (y = 0; y < ny; y++) {
            long at = ind_series_find(s, years[y]);
            if (at >= 0) {
                bad |= exp_number(out, ind_series_point(s, (size_t)at)->value,
                                  y + 1 == ny);
                w->sum->values++;
            } else {
                bad |= exp_field(out, "", y + 1 == ny);
            }
        }
    }
    free(years);
    return bad ? -1 : 0;
}

int ind_dataset_export(ind_dataset *ds, ind_export_format format,
                       const char *path, const ind_export_options *opt,
                       ind_export_summary *out, ind_error *err)
{
    static const ind_export_options defaults = IND_EXPORT_OPTIONS_INIT;
    ind_export_summary sum;
    exp_set x;
    wide_ctx w;
    int rc;

    if (ds == NULL || path == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_export: NULL "
                             "argument");
    if (ds->load_rc != IND_OK)
        return ind_dataset_not_loaded(ds, err);
    memset(&sum, 0, sizeof sum);
    rc = exp_select(&x, ds, opt ? opt : &defaults, err);
    sum.series = x.n;
    if (rc == IND_OK) {
        switch (format) {
        case IND_EXPORT_OWID: rc = export_owid(&x, path, &sum, err); break;
        case IND_EXPORT_SDMX: rc = export_sdmx(&x, path, &sum, err); break;
        case IND_EXPORT_WIDE:
            w.x = &x;
            w.sum = &sum;
            rc = exp_write_file(path, write_wide, &w, err);
            sum.files = rc == IND_OK;
            break;
        case IND_EXPORT_DATAPACKAGE:
            rc = exp_write_package(&x, path, &sum, err);
            break;
        default:
            rc = ind_error_set(err, IND_EINVAL, "ind_dataset_export: "
                               "unknown format %d", (int)format);
        }
    }
    exp_free(&x);
    if (rc == IND_OK && out != NULL)
        *out = sum;
    return rc;
}
