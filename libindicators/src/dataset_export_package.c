/* dataset_export_package: a Frictionless Tabular Data Package (Data
 * Package and Table Schema, version 1): a folder of CSV files and the
 * datapackage.json that describes them, each with its fields' types and
 * constraints, its primary key and foreign keys, and the package's
 * sources (every distinct source of the figures).
 *
 * Empty texts are values here, not missing ones (missingValues is []): an
 * empty entity is the dataset's own subject, and the key fields
 * (indicator, entity, year) are then never null. */
#include "dataset_export.h"
#include "error_internal.h"
#include "json.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

typedef struct package_ctx {
    exp_set *x;
    ind_export_summary *sum;
} package_ctx;

/* ---- the CSV files ---- */

static int write_values(FILE *out, void *vctx)
{
    package_ctx *c = vctx;
    exp_set *x = c->x;
    size_t i, k;
    int bad = 0;

    bad |= fputs("indicator,entity,year,value,status,as_of,source,note\n",
                 out) == EOF;
    for (i = 0; i < x->n && !bad; i++) {
        const ind_series *s = x->items[i].series;
        for (k = 0; k < ind_series_length(s) && !bad; k++) {
            const ind_point *p = ind_series_point(s, k);
            char year[16], status[2] = { p->status, 0 };
            ind_reading r;
            exp_reading(x, p, &r);
            snprintf(year, sizeof year, "%d", p->year);
            bad |= exp_field(out, ind_series_indicator(s), 0) ||
                   exp_field(out, exp_entity_code(x, ind_series_entity(s)),
                             0) ||
                   exp_field(out, year, 0) || exp_number(out, p->value, 0) ||
                   exp_field(out, status, 0) || exp_field(out, p->as_of, 0) ||
                   exp_field(out, p->source, 0) || exp_field(out, r.note, 1);
            c->sum->values++;
        }
    }
    return bad ? -1 : 0;
}

static int write_readings(FILE *out, void *vctx)
{
    package_ctx *c = vctx;
    exp_set *x = c->x;
    size_t i, k, n;
    int bad = 0;

    bad |= fputs("indicator,entity,year,value,unit,status,as_of,source,note,"
                 "role\n", out) == EOF;
    for (i = 0; i < x->n && !bad; i++) {
        n = ind_dataset_series_reading_count(x->ds, x->items[i].index);
        for (k = 0; k < n && !bad; k++) {
            char year[16], status[2] = { 0, 0 };
            ind_reading r;
            size_t at;
            if (ind_dataset_series_reading(x->ds, x->items[i].index, k, &at,
                                           NULL) != IND_OK)
                return -1;
            if (rd_replaced(x->ds, at))
                continue;
            ind_dataset_reading(x->ds, at, &r, NULL);
            status[0] = r.status;
            snprintf(year, sizeof year, "%d", r.year);
            bad |= exp_field(out, r.indicator, 0) ||
                   exp_field(out, exp_entity_code(x, r.entity), 0) ||
                   exp_field(out, year, 0) || exp_number(out, r.value, 0) ||
                   exp_field(out, r.unit, 0) || exp_field(out, status, 0) ||
                   exp_field(out, r.as_of, 0) || exp_field(out, r.source, 0) ||
                   exp_field(out, r.note, 0) ||
                   exp_field(out, ind_role_name(r.role), 1);
        }
    }
    return bad ? -1 : 0;
}

/* Has indicator i a series in the export (and is it not listed yet)? */
static int exported_indicator(const exp_set *x, size_t i, size_t upto)
{
    size_t k;

    for (k = 0; k < upto; k++)
        if (x->items[k].indicator == i)
            return 0;
    for (k = upto; k < x->n; k++)
        if (x->items[k].indicator == i)
            return 1;
    return 0;
}

static int write_indicators(FILE *out, void *vctx)
{
    package_ctx *c = vctx;
    exp_set *x = c->x;
    const ind_dataset *ds = x->ds;
    size_t i;
    int bad = 0;

    bad |= fputs("indicator,title,unit,kind,description,growth_of,years\n",
                 out) == EOF;
    for (i = 0; i < x->n && !bad; i++) {
        const indicator_rec *ind = &ds->indicators[x->items[i].indicator];
        if (!exported_indicator(x, x->items[i].indicator, i))
            continue;
        bad |= exp_field(out, ds_str(ds, ind->id), 0) ||
               exp_field(out, ds_str(ds, ind->title), 0) ||
               exp_field(out, ds_str(ds, ind->unit), 0) ||
               exp_field(out, ind_kind_name(ind->kind), 0) ||
               exp_field(out, ds_str(ds, ind->description), 0) ||
               exp_field(out, ds_str(ds, ind->growth_of), 0) ||
               exp_field(out, ds_str(ds, ind->years), 1);
    }
    return bad ? -1 : 0;
}

static int write_entities(FILE *out, void *vctx)
{
    package_ctx *c = vctx;
    exp_set *x = c->x;
    size_t i, k;
    int bad = 0;

    bad |= fputs("entity,title\n", out) == EOF;
    for (i = 0; i < x->n && !bad; i++) {
        const char *code = exp_entity_code(x, ind_series_entity(
                                                   x->items[i].series));
        for (k = 0; k < i; k++)
            if (strcmp(code, exp_entity_code(x, ind_series_entity(
                                                   x->items[k].series))) == 0)
                break;
        if (k < i || *code == '\0')
            continue; /* listed, or the subject with no code */
        bad |= exp_field(out, code, 0) ||
               exp_field(out, ind_dataset_entity_title(x->ds, code), 1);
    }
    return bad ? -1 : 0;
}

/* ---- datapackage.json ---- */

/* One field of a Table Schema: name, type, description, and constraints
 * given as JSON text (or NULL). */
typedef struct field_def {
    const char *name, *type, *description, *constraints;
} field_def;

/* The fields values.csv and readings.csv share. */
#define F_INDICATOR { "indicator", "string", "Indicator id (indicators.csv)", \
                      "{\"required\": true}" }
#define F_ENTITY { "entity", "string", "Entity code; empty for the " \
                   "dataset's own subject", NULL }
#define F_YEAR { "year", "integer", "Calendar year", "{\"required\": " \
                 "true, \"minimum\": -9999, \"maximum\": 9999}" }
#define F_STATUS { "status", "string", "SDMX OBS_STATUS letter; empty when " \
                   "normal", "{\"enum\": [\"\", \"B\", \"D\", \"E\", " \
                   "\"F\", \"G\", \"I\", \"P\", \"U\", \"V\"]}" }
#define F_AS_OF { "as_of", "string", "Date the figure refers to (YYYY, " \
                  "YYYY-MM or YYYY-MM-DD); empty for the year's end", \
                  "{\"pattern\": \"([0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?)?\"}" }
#define F_SOURCE { "source", "string", "Where the figure comes from", NULL }
#define F_NOTE { "note", "string", "Note", NULL }

static const field_def value_fields[] = {
    F_INDICATOR, F_ENTITY, F_YEAR,
    { "value", "number", "The figure used for the year",
      "{\"required\": true}" },
    F_STATUS, F_AS_OF, F_SOURCE, F_NOTE
};

static const field_def reading_fields[] = {
    F_INDICATOR, F_ENTITY, F_YEAR,
    { "value", "number", "The figure", "{\"required\": true}" },
    { "unit", "string", "Unit as written; empty: the catalog's", NULL },
    F_STATUS, F_AS_OF, F_SOURCE, F_NOTE,
    { "role", "string", "primary: used for its year; alternate: kept, not "
      "used; empty: chosen by the dataset's rule",
      "{\"enum\": [\"\", \"primary\", \"alternate\"]}" },
};

static const field_def indicator_fields[] = {
    { "indicator", "string", "Indicator id",
      "{\"required\": true, \"unique\": true}" },
    { "title", "string", "Title", NULL },
    { "unit", "string", "Unit", NULL },
    { "kind", "string", "stock: a level at a date; flow: a count during the "
      "year; rate: a percentage change",
      "{\"enum\": [\"\", \"stock\", \"flow\", \"rate\"]}" },
    { "description", "string", "Description", NULL },
    { "growth_of", "string", "For a rate: the stock it is the growth of",
      NULL },
    { "years", "string", "The span of years its series hold (FROM..TO)",
      NULL },
};

static const field_def entity_fields[] = {
    { "entity", "string", "Entity code",
      "{\"required\": true, \"unique\": true}" },
    { "title", "string", "Its name", NULL },
};

#define NFIELDS(a) (sizeof a / sizeof a[0])

typedef struct resource_def {
    const char *name, *title;
    const field_def *fields;
    size_t nfields;
    const char *primary_key;   /* JSON, or NULL */
    int indicator_key;         /* a foreign key to indicators */
} resource_def;

static const resource_def resources[] = {
    { "values", "The figure used for each year (the dataset's choice rule)",
      value_fields, NFIELDS(value_fields),
      "[\"indicator\", \"entity\", \"year\"]", 1 },
    { "readings", "Every reading, those not used included", reading_fields,
      NFIELDS(reading_fields), NULL, 1 },
    { "indicators", "The catalog", indicator_fields, NFIELDS(indicator_fields),
      "[\"indicator\"]", 0 },
    { "entities", "The entities' names", entity_fields, NFIELDS(entity_fields),
      "[\"entity\"]", 0 },
};

static int put_resource(FILE *out, const resource_def *r, int first)
{
    size_t k;
    int bad = 0;

    bad |= fprintf(out, "%s    {\n      \"profile\": \"tabular-data-resource\","
                   "\n      \"name\": \"%s\",\n      \"path\": \"%s.csv\",\n"
                   "      \"title\": ", first ? "" : ",\n", r->name,
                   r->name) < 0 ||
           ind_json_put_string(out, r->title) != 0 ||
           fputs(",\n      \"format\": \"csv\",\n      \"mediatype\": "
                 "\"text/csv\",\n      \"encoding\": \"utf-8\",\n"
                 "      \"schema\": {\n        \"fields\": [", out) == EOF;
    for (k = 0; k < r->nfields && !bad; k++) {
        const field_def *f = &r->fields[k];
        bad |= fprintf(out, "%s\n          {\"name\": \"%s\", \"type\": "
                       "\"%s\", \"description\": ", k ? "," : "", f->name,
                       f->type) < 0 ||
               ind_json_put_string(out, f->description) != 0 ||
               (f->constraints != NULL &&
                fprintf(out, ", \"constraints\": %s", f->constraints) < 0) ||
               fputc('}', out) == EOF;
    }
    bad |= fputs("\n        ],\n        \"missingValues\": []", out) == EOF;
    if (r->primary_key != NULL)
        bad |= fprintf(out, ",\n        \"primaryKey\": %s",
                       r->primary_key) < 0;
    if (r->indicator_key)
        bad |= fputs(",\n        \"foreignKeys\": [{\"fields\": [\"indicator"
                     "\"], \"reference\": {\"resource\": \"indicators\", "
                     "\"fields\": [\"indicator\"]}}]", out) == EOF;
    bad |= fputs("\n      }\n    }", out) == EOF;
    return bad ? -1 : 0;
}

/* The package's sources: each distinct source of the figures, its path
 * when it is a web address. */
typedef struct sources_ctx {
    FILE *out;
    size_t n;
} sources_ctx;

static int put_source(void *vctx, const char *src)
{
    sources_ctx *c = vctx;
    FILE *out = c->out;
    int bad = fputs(c->n++ ? ",\n    {\"title\": " : "\n    {\"title\": ",
                    out) == EOF || ind_json_put_string(out, src) != 0;

    if (strncmp(src, "http://", 7) == 0 || strncmp(src, "https://", 8) == 0)
        bad |= fputs(", \"path\": ", out) == EOF ||
               ind_json_put_string(out, src) != 0;
    bad |= fputc('}', out) == EOF;
    return bad ? -1 : 0;
}

static int put_sources(FILE *out, const exp_set *x)
{
    sources_ctx c = { out, 0 };

    if (fputs("  \"sources\": [", out) == EOF ||
        exp_each_source(x, -1, put_source, &c) != 0)
        return -1;
    return fputs(c.n ? "\n  ],\n" : "],\n", out) == EOF ? -1 : 0;
}

static int write_descriptor(FILE *out, void *vctx)
{
    package_ctx *c = vctx;
    const exp_set *x = c->x;
    char name[128], created[32];
    time_t now = time(NULL);
    struct tm tm;
    size_t i;
    int bad = 0;

    /* The package's name: lower case, digits, '.', '_', '-'. */
    for (i = 0; x->name[i] && i + 1 < sizeof name; i++) {
        char ch = x->name[i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        name[i] = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
                  ch == '.' || ch == '_' || ch == '-' ? ch : '-';
    }
    name[i] = '\0';
    if (x->opt->name != NULL)
        snprintf(name, sizeof name, "%s", x->opt->name);
    gmtime_r(&now, &tm);
    strftime(created, sizeof created, "%Y-%m-%dT%H:%M:%SZ", &tm);
    bad |= fputs("{\n  \"profile\": \"tabular-data-package\",\n  \"name\": ",
                 out) == EOF ||
           ind_json_put_string(out, name) != 0 ||
           fputs(",\n  \"title\": ", out) == EOF ||
           ind_json_put_string(out, x->name) != 0 ||
           fprintf(out, ",\n  \"created\": \"%s\",\n", created) < 0 ||
           put_sources(out, x) != 0 ||
           fputs("  \"resources\": [\n", out) == EOF;
    for (i = 0; i < NFIELDS(resources) && !bad; i++)
        bad |= put_resource(out, &resources[i], i == 0);
    bad |= fputs("\n  ]\n}\n", out) == EOF;
    return bad ? -1 : 0;
}

int exp_write_package(exp_set *x, const char *dir, ind_export_summary *sum,
                      ind_error *err)
{
    static const exp_write_fn writers[] = {
        write_values, write_readings, write_indicators, write_entities
    };
    package_ctx c;
    size_t len = strlen(dir), i;
    char *path;
    struct stat st;
    int rc = IND_OK;

    if (mkdir(dir, 0777) != 0 && errno != EEXIST)
        return ind_error_set(err, IND_EWRITE, "%s: cannot create the "
                             "folder: %s", dir, strerror(errno));
    if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
        return ind_error_set(err, IND_EWRITE, "%s is not a folder", dir);
    path = malloc(len + 32);
    if (path == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    c.x = x;
    c.sum = sum;
    for (i = 0; rc == IND_OK && i < NFIELDS(writers); i++) {
        sprintf(path, "%s/%s.csv", dir, resources[i].name);
        rc = exp_write_file(path, writers[i], &c, err);
        sum->files += rc == IND_OK;
    }
    if (rc == IND_OK) {
        sprintf(path, "%s/datapackage.json", dir);
        rc = exp_write_file(path, write_descriptor, &c, err);
        sum->files += rc == IND_OK;
    }
    free(path);
    return rc;
}
