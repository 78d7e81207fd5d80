/* dataset_import_owid: Our World in Data's grapher CSV and the metadata
 * JSON beside it.
 *
 * `Entity,Code,Year` then one column per indicator, named by its long
 * title or, downloaded with useColumnShortNames, its short name; `Day`
 * instead of `Year` marks daily data. An empty Code is a region of Our
 * World in Data's own ("Africa", "High-income countries"); years reach
 * back to -10000. NAME.metadata.json (NAME.csv's stem) has "chart" (title,
 * citation, originalChartUrl) and "columns", keyed by the CSV's column
 * names: titleShort, titleLong, descriptionShort, unit, shortUnit,
 * timespan ("1543-2021", "10000 BCE-2023"), shortName, citationShort. */
#include "dataset_import.h"
#include "csvfile.h"
#include "error_internal.h"
#include "indicators/number.h"
#include "json.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct owid_ctx {
    imp_set *s;
    const ind_json *meta;      /* the metadata's root, or NULL */
    size_t ncolumns;
    long *ind_of;              /* per value column: the set's indicator */
} owid_ctx;

/* "1543", "10000 BCE", "100 CE": a year, BCE negative. */
static int timespan_year(const char *s, size_t len, int *out)
{
    char text[32];
    size_t n = 0;
    int bce = 0;

    while (len > 0 && s[len - 1] == ' ')
        len--;
    while (len > 0 && *s == ' ') {
        s++;
        len--;
    }
    if (len > 4 && strncmp(s + len - 3, "BCE", 3) == 0) {
        bce = 1;
        len -= 3;
    } else if (len > 3 && strncmp(s + len - 2, "CE", 2) == 0) {
        len -= 2;
    }
    while (len > 0 && s[len - 1] == ' ')
        len--;
    if (len == 0 || len >= sizeof text)
        return -1;
    for (n = 0; n < len; n++)
        text[n] = s[n];
    text[n] = '\0';
    if (ind_number_parse_year(out, text, n, NULL) != IND_OK)
        return -1;
    if (bce)
        *out = -*out;
    return 0;
}

/* A timespan as a catalog span, "" when it does not read. */
static void span_of(const char *timespan, char *out, size_t n)
{
    const char *dash;
    int from, to;

    out[0] = '\0';
    if (timespan == NULL)
        return;
    /* The separator is a '-' after a digit or an era ("BCE-2023"). */
    for (dash = timespan + 1; *dash; dash++)
        if (*dash == '-' && ((dash[-1] >= '0' && dash[-1] <= '9') ||
                             dash[-1] == 'E'))
            break;
    if (*dash == '\0') {
        if (timespan_year(timespan, strlen(timespan), &from) == 0)
            snprintf(out, n, "%d..%d", from, from);
        return;
    }
    if (timespan_year(timespan, (size_t)(dash - timespan), &from) == 0 &&
        timespan_year(dash + 1, strlen(dash + 1), &to) == 0 && from <= to)
        snprintf(out, n, "%d..%d", from, to);
}

static const char *meta_text(const ind_json *col, const char *name)
{
    const char *v = ind_json_string(ind_json_get(col, name));

    return v ? v : "";
}

/* A value column: its indicator, named and described. */
static int define_column(owid_ctx *o, const ind_csv_row *row, size_t i,
                         ind_error *err)
{
    imp_set *s = o->s;
    const char *name = row->field[i];
    const ind_json *col = ind_json_get(ind_json_get(o->meta, "columns"), name);
    const ind_json *chart = ind_json_get(o->meta, "chart");
    const char *short_name = meta_text(col, "shortName");
    const char *title, *unit, *url, *cite;
    char id[72], span[48], source[512], q[IMP_QUOTE_SIZE];
    imp_indicator *x;
    long at;
    int created;

    if ((*short_name == '\0' || imp_make_id(id, short_name, "owid_", 0) != 0)
        && imp_make_id(id, name, "owid_", 1) != 0) {
        return ind_error_set_at(err, IND_EDATA, s->path, row->line,
                                (unsigned)i + 1, "column '%s' gives no "
                                "indicator id of at most 64 characters: "
                                "name it shorter in the file",
                                imp_quote(q, name));
    }
    /* The filters take the column's name or its id. */
    at = imp_add_indicator(s, id, row->line, (unsigned)i + 1, &created);
    if (at == IMP_FILTERED && strcmp(id, name) != 0)
        at = imp_add_indicator(s, name, row->line, (unsigned)i + 1, &created);
    if (at == IMP_NOMEM)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    o->ind_of[i] = at;
    if (at < 0)
        return IND_OK;
    if (!created) {
        return ind_error_set_at(err, IND_EDATA, s->path, row->line,
                                (unsigned)i + 1, "column '%s' names the "
                                "indicator '%s' a column before it names",
                                imp_quote(q, name), id);
    }
    x = &s->inds[at];
    x->id = ind_strpool_intern(&s->pool, id, strlen(id));
    title = *meta_text(col, "titleShort") ? meta_text(col, "titleShort")
          : *meta_text(col, "titleLong") ? meta_text(col, "titleLong") : name;
    unit = *meta_text(col, "unit") ? meta_text(col, "unit")
                                   : meta_text(col, "shortUnit");
    span_of(ind_json_string(ind_json_get(col, "timespan")), span, sizeof span);
    url = meta_text(chart, "originalChartUrl");
    cite = *meta_text(col, "citationShort") ? meta_text(col, "citationShort")
                                             : meta_text(chart, "citation");
    snprintf(source, sizeof source, "%s%s%s%s",
             *url ? url : "Our World in Data", *cite ? " (" : "", cite,
             *cite ? ")" : "");
    x->title = imp_text(s, title);
    x->unit = imp_text(s, unit);
    x->description = imp_text(s, meta_text(col, "descriptionShort"));
    x->years = imp_text(s, span);
    x->source = imp_text(s, source);
    if (x->id == IND_STRID_NONE || x->title == IND_STRID_NONE ||
        x->unit == IND_STRID_NONE || x->description == IND_STRID_NONE ||
        x->years == IND_STRID_NONE || x->source == IND_STRID_NONE)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    return IND_OK;
}

static int read_header(owid_ctx *o, const ind_csv_row *row, ind_error *err)
{
    imp_set *s = o->s;
    size_t i;
    int rc;

    if (row->count >= 3 && strcmp(row->field[0], "Entity") == 0 &&
        strcmp(row->field[1], "Code") == 0 && strcmp(row->field[2], "Day") == 0)
        return ind_error_set_at(err, IND_EDATA, s->path, row->line, 3,
                                "daily data (a Day column): the store holds "
                                "yearly figures; download the chart's yearly "
                                "series");
    if (row->count < 4 || strcmp(row->field[0], "Entity") != 0 ||
        strcmp(row->field[1], "Code") != 0 ||
        strcmp(row->field[2], "Year") != 0)
        return ind_error_set_at(err, IND_EDATA, s->path, row->line, 1,
                                "not an Our World in Data file: its header "
                                "is Entity,Code,Year and then a column per "
                                "indicator");
    o->ncolumns = row->count;
    o->ind_of = malloc(row->count * sizeof *o->ind_of);
    if (o->ind_of == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    for (i = 0; i < row->count; i++)
        o->ind_of[i] = IMP_FILTERED;
    for (i = 3; i < row->count; i++)
        if ((rc = define_column(o, row, i, err)) != IND_OK)
            return rc;
    return IND_OK;
}

static int on_row(void *vctx, const ind_csv_row *row, ind_error *err)
{
    owid_ctx *o = vctx;
    imp_set *s = o->s;
    const char *code;
    long ent;
    size_t i;
    int year, rc;
    ind_error e = IND_ERROR_INIT;

    if (row->index == 0)
        return read_header(o, row, err);
    if (row->count != o->ncolumns)
        return ind_error_set_at(err, IND_EPARSE, s->path, row->line,
                                (unsigned)(row->count < o->ncolumns
                                           ? row->count : o->ncolumns) + 1,
                                "row has %zu fields, the header has %zu",
                                row->count, o->ncolumns);
    if (ind_number_parse_year(&year, row->field[2], row->field_len[2], &e)
            != IND_OK)
        return ind_error_set_at(err, IND_EPARSE, s->path, row->line, 3, "%s",
                                e.message);
    if (*row->field[0] == '\0')
        return ind_error_set_at(err, IND_EDATA, s->path, row->line, 1,
                                "a row without its entity");
    /* An entity of Our World in Data's own has no code: its name is. */
    code = *row->field[1] ? row->field[1] : row->field[0];
    ent = imp_add_entity(s, code, row->field[0]);
    if (ent == IMP_NOMEM)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    for (i = 3; i < row->count; i++) {
        if (o->ind_of[i] == IMP_FILTERED && *row->field[i]) {
            s->sum->filtered++;
            continue;
        }
        rc = imp_figure_add(s, o->ind_of[i], ent, year, row->field[i], 0,
                            NULL, row->line, (unsigned)i + 1, err);
        if (rc != IND_OK)
            return rc;
    }
    return IND_OK;
}

/* NAME.metadata.json beside NAME.csv, if there is one. */
static int read_metadata(const char *path, ind_json_doc **doc,
                         ind_error *err)
{
    size_t len = strlen(path);
    char *meta = malloc(len + 16);
    int rc;

    *doc = NULL;
    if (meta == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    if (len > 4 && strcmp(path + len - 4, ".csv") == 0)
        len -= 4;
    sprintf(meta, "%.*s.metadata.json", (int)len, path);
    rc = ind_json_read_file(doc, meta, err);
    free(meta);
    if (rc == IND_ENOTFOUND) {
        ind_error_clear(err);
        return IND_OK;
    }
    return rc;
}

int imp_read_owid(imp_set *s, ind_error *err)
{
    owid_ctx o;
    ind_json_doc *doc = NULL;
    ind_error rerr = IND_ERROR_INIT;
    int rc;

    memset(&o, 0, sizeof o);
    o.s = s;
    rc = read_metadata(s->path, &doc, err);
    if (rc != IND_OK)
        return rc;
    o.meta = ind_json_root(doc);
    rc = ind_csv_read(s->path, NULL, on_row, &o, NULL, &rerr);
    if (rc != IND_OK)
        ind_error_copy(err, &rerr);
    free(o.ind_of);
    ind_json_free(doc);
    return rc;
}
