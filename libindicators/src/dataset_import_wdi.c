/* dataset_import_wdi: the World Bank's World Development Indicators CSV.
 *
 * Two layouts, one table: `Country Name,Country Code,Indicator Name,
 * Indicator Code` then one column per year. The API download
 * (API_CODE_DS2_en_csv_v2_N.csv) starts with a UTF-8 BOM and four lines
 * ("Data Source", a blank line, "Last Updated Date", a blank line; the
 * CSV reader skips the BOM and the blank lines), quotes every field and
 * ends every line with a comma, so the header and each row have one empty
 * field more; an empty cell is a year without a figure (DataBank writes
 * ".."). Metadata_Indicator_*.csv beside it gives each code's name, source
 * note and source organisation. The bulk WDICSV.csv has no preamble, and
 * WDISeries.csv beside it the series' metadata. */
#include "dataset_import.h"
#include "csvfile.h"
#include "error_internal.h"
#include "indicators/number.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Rows before the header that may hold the preamble. */
#define PREAMBLE_ROWS 8

enum { W_COUNTRY_NAME, W_COUNTRY_CODE, W_INDICATOR_NAME, W_INDICATOR_CODE,
       W_FIRST_YEAR };

static const char *const wdi_header[W_FIRST_YEAR] = {
    "Country Name", "Country Code", "Indicator Name", "Indicator Code"
};

typedef struct wdi_ctx {
    imp_set *s;
    int header_seen;
    size_t ncolumns;
    int *year_of;               /* per column: its year, or INT_MIN */
    char data_source[128];
    char updated[32];
} wdi_ctx;

#define NOT_A_YEAR (-100000)

static int is_header(const ind_csv_row *row)
{
    size_t k;

    if (row->count < W_FIRST_YEAR)
        return 0;
    for (k = 0; k < W_FIRST_YEAR; k++)
        if (strcasecmp(row->field[k], wdi_header[k]) != 0)
            return 0;
    return 1;
}

static int read_header(wdi_ctx *w, const ind_csv_row *row, ind_error *err)
{
    char q[IMP_QUOTE_SIZE];
    size_t i;

    w->ncolumns = row->count;
    w->year_of = malloc(row->count * sizeof *w->year_of);
    if (w->year_of == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    for (i = 0; i < row->count; i++) {
        int year;
        w->year_of[i] = NOT_A_YEAR;
        if (i < W_FIRST_YEAR)
            continue;
        if (row->field_len[i] == 0 && i + 1 == row->count)
            continue; /* the API download's trailing comma */
        if (ind_number_parse_year(&year, row->field[i], row->field_len[i],
                                  NULL) != IND_OK)
            return ind_error_set_at(err, IND_EPARSE, w->s->path, row->line,
                                    (unsigned)i + 1, "column '%s' is not "
                                    "a year: after Indicator Code a WDI file "
                                    "has one column per year",
                                    imp_quote(q, row->field[i]));
        w->year_of[i] = year;
    }
    w->header_seen = 1;
    return IND_OK;
}

/* The unit in an indicator's name: its last parenthesis that reads as a
 * unit ("GDP (current US$)", "Unemployment, total (% of total labor
 * force) (modeled ILO estimate)" gives "% of total labor force"). */
static void unit_of_name(const char *name, char *unit, size_t n)
{
    static const char *const hints[] = {
        "%", "$", "per ", "number", "tons", "kg", "km", "hectare", "years",
        "index", "kwh", "lcu", "people", "days", "hours", "liters", "ppp",
        "units", "rate", "ratio", "score"
    };
    const char *p = name, *open, *close, *best = NULL, *last = NULL;
    size_t best_len = 0, last_len = 0, k;

    unit[0] = '\0';
    while ((open = strchr(p, '(')) != NULL &&
           (close = strchr(open, ')')) != NULL) {
        char part[128];
        size_t len = (size_t)(close - open - 1);
        snprintf(part, sizeof part, "%.*s", (int)len, open + 1);
        for (k = 0; part[k]; k++)
            if (part[k] >= 'A' && part[k] <= 'Z')
                part[k] = (char)(part[k] - 'A' + 'a');
        last = open + 1;
        last_len = len;
        for (k = 0; k < sizeof hints / sizeof hints[0]; k++)
            if (strstr(part, hints[k]) != NULL) {
                best = open + 1;
                best_len = len;
                break;
            }
        p = close + 1;
    }
    if (best == NULL) {
        best = last;
        best_len = last_len;
    }
    if (best != NULL)
        snprintf(unit, n, "%.*s", (int)best_len, best);
}

/* A new indicator: its metadata from the data file's row. */
static int describe(wdi_ctx *w, long at, const char *code, const char *name)
{
    imp_set *s = w->s;
    imp_indicator *x = &s->inds[at];
    char unit[128], source[256];
    size_t len = strlen(code);

    x->title = imp_text(s, name);
    unit_of_name(name, unit, sizeof unit);
    /* An "(annual %)" growth code (.ZG) is a percentage change. */
    if (len > 3 && strcmp(code + len - 3, ".ZG") == 0 &&
        strstr(name, "(annual %)") != NULL) {
        x->kind = IND_KIND_RATE;
        snprintf(unit, sizeof unit, "percent");
    }
    x->unit = imp_text(s, unit);
    snprintf(source, sizeof source, "https://data.worldbank.org/indicator/%s "
             "(World Bank, %s%s%s)", code,
             *w->data_source ? w->data_source : "World Development Indicators",
             *w->updated ? ", last updated " : "", w->updated);
    x->source = imp_text(s, source);
    return x->title == IND_STRID_NONE || x->unit == IND_STRID_NONE ||
           x->source == IND_STRID_NONE ? -1 : 0;
}

static int read_row(wdi_ctx *w, const ind_csv_row *row, ind_error *err)
{
    imp_set *s = w->s;
    const char *code = row->field[W_INDICATOR_CODE];
    long ind, ent;
    size_t i;
    int created, rc;

    if (row->count != w->ncolumns)
        return ind_error_set_at(err, IND_EPARSE, s->path, row->line,
                                (unsigned)(row->count < w->ncolumns
                                           ? row->count : w->ncolumns) + 1,
                                "row has %zu fields, the header has %zu",
                                row->count, w->ncolumns);
    if (*code == '\0' || *row->field[W_COUNTRY_CODE] == '\0')
        return ind_error_set_at(err, IND_EDATA, s->path, row->line,
                                *code ? W_COUNTRY_CODE + 1
                                      : W_INDICATOR_CODE + 1,
                                "a row without its %s code",
                                *code ? "country" : "indicator");
    ind = imp_add_indicator(s, code, row->line, W_INDICATOR_CODE + 1, &created);
    ent = imp_add_entity(s, row->field[W_COUNTRY_CODE],
                     row->field[W_COUNTRY_NAME]);
    if (ind == IMP_NOMEM || ent == IMP_NOMEM ||
        (created && describe(w, ind, code, row->field[W_INDICATOR_NAME]) != 0))
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    for (i = W_FIRST_YEAR; i < row->count; i++) {
        const char *text = row->field[i];
        if (w->year_of[i] == NOT_A_YEAR)
            continue;
        if (strcmp(text, "..") == 0)
            text = ""; /* DataBank's gap */
        rc = imp_figure_add(s, ind, ent, w->year_of[i], text, 0, NULL,
                            row->line, (unsigned)i + 1, err);
        if (rc != IND_OK)
            return rc;
    }
    return IND_OK;
}

static int on_row(void *vctx, const ind_csv_row *row, ind_error *err)
{
    wdi_ctx *w = vctx;

    if (w->header_seen)
        return read_row(w, row, err);
    if (is_header(row))
        return read_header(w, row, err);
    /* The preamble: "Data Source" and "Last Updated Date". */
    if (row->count >= 2 && strcasecmp(row->field[0], "Data Source") == 0)
        snprintf(w->data_source, sizeof w->data_source, "%s", row->field[1]);
    else if (row->count >= 2 &&
             strcasecmp(row->field[0], "Last Updated Date") == 0)
        snprintf(w->updated, sizeof w->updated, "%s", row->field[1]);
    if (row->index + 1 >= PREAMBLE_ROWS)
        return ind_error_set_at(err, IND_EDATA, w->s->path, row->line, 1,
                                "not a WDI file: no header 'Country Name,"
                                "Country Code,Indicator Name,Indicator Code,"
                                "1960,...' in its first %d rows",
                                PREAMBLE_ROWS);
    return IND_OK;
}

/* ---- the metadata beside the data ---- */

typedef struct meta_ctx {
    imp_set *s;
    long col_code, col_name, col_note, col_org, col_unit;
    int failed;
} meta_ctx;

static long column_named(const ind_csv_row *row, const char *const *names)
{
    size_t i, k;

    for (k = 0; names[k]; k++)
        for (i = 0; i < row->count; i++)
            if (strcasecmp(row->field[i], names[k]) == 0)
                return (long)i;
    return -1;
}

static const char *meta_field(const ind_csv_row *row, long col)
{
    return col >= 0 && (size_t)col < row->count ? row->field[col] : "";
}

static int on_meta_row(void *vctx, const ind_csv_row *row, ind_error *err)
{
    static const char *const code[] = { "INDICATOR_CODE", "Series Code", NULL };
    static const char *const name[] = { "INDICATOR_NAME", "Indicator Name",
                                        NULL };
    static const char *const note[] = { "SOURCE_NOTE", "Long definition",
                                        "Short definition", NULL };
    static const char *const org[] = { "SOURCE_ORGANIZATION", "Source", NULL };
    static const char *const unit[] = { "Unit of measure", NULL };
    meta_ctx *m = vctx;
    imp_set *s = m->s;
    ind_strid id;
    uint32_t at;
    imp_indicator *x;
    char *text;
    const char *n, *o;

    (void)err;
    if (row->index == 0) {
        m->col_code = column_named(row, code);
        m->col_name = column_named(row, name);
        m->col_note = column_named(row, note);
        m->col_org = column_named(row, org);
        m->col_unit = column_named(row, unit);
        return m->col_code < 0 ? IND_ERROR : IND_OK; /* not metadata */
    }
    id = ind_strpool_find(&s->pool, meta_field(row, m->col_code),
                          strlen(meta_field(row, m->col_code)));
    at = id == IND_STRID_NONE ? UINT32_MAX
                              : ind_index_map_get(&s->ind_by_code, id);
    if (at >= UINT32_MAX - 1)
        return IND_OK; /* a code the data does not have, or filtered */
    x = &s->inds[at];
    if (*meta_field(row, m->col_name))
        x->title = imp_text(s, meta_field(row, m->col_name));
    if (*meta_field(row, m->col_unit))
        x->unit = imp_text(s, meta_field(row, m->col_unit));
    n = meta_field(row, m->col_note);
    o = meta_field(row, m->col_org);
    text = malloc(strlen(n) + strlen(o) + 16);
    if (text == NULL)
        return IND_ENOMEM;
    sprintf(text, "%s%s%s%s", n, *n && *o ? " " : "", *o ? "Source: " : "", o);
    x->description = imp_text(s, text);
    free(text);
    if (x->title == IND_STRID_NONE || x->unit == IND_STRID_NONE ||
        x->description == IND_STRID_NONE)
        return IND_ENOMEM;
    return IND_OK;
}

/* Read one metadata file; a file that is not one is passed over. */
static int read_meta(imp_set *s, const char *path, ind_error *err)
{
    meta_ctx m;
    ind_error rerr = IND_ERROR_INIT;
    int rc;

    memset(&m, 0, sizeof m);
    m.s = s;
    rc = ind_csv_read(path, NULL, on_meta_row, &m, NULL, &rerr);
    if (rc == IND_ERROR || rc == IND_ENOTFOUND)
        return IND_OK;
    if (rc != IND_OK)
        ind_error_copy(err, &rerr);
    return rc;
}

/* Metadata_Indicator_<the data file's name>, else every
 * Metadata_Indicator_*.csv of the folder; WDISeries.csv for the bulk
 * file. */
static int read_metadata(imp_set *s, ind_error *err)
{
    const char *base = strrchr(s->path, '/');
    char *name, *dir;
    DIR *d;
    struct dirent *e;
    int rc = IND_OK, found = 0;
    FILE *probe;

    base = base ? base + 1 : s->path;
    name = malloc(strlen(base) + 32);
    if (name == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    sprintf(name, "Metadata_Indicator_%s", base);
    dir = imp_sibling(s->path, name);
    free(name);
    if (dir == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    if ((probe = fopen(dir, "rb")) != NULL) {
        fclose(probe);
        found = 1;
        rc = read_meta(s, dir, err);
    }
    free(dir);
    if (found || rc != IND_OK)
        return rc;
    dir = imp_sibling(s->path, "");
    if (dir == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    d = opendir(*dir ? dir : ".");
    while (rc == IND_OK && d != NULL && (e = readdir(d)) != NULL) {
        size_t len = strlen(e->d_name);
        char *path;
        if (!((strncmp(e->d_name, "Metadata_Indicator_", 19) == 0 &&
               len > 4 && strcmp(e->d_name + len - 4, ".csv") == 0) ||
              strcasecmp(e->d_name, "WDISeries.csv") == 0))
            continue;
        path = imp_sibling(s->path, e->d_name);
        rc = path ? read_meta(s, path, err)
                  : ind_error_set(err, IND_ENOMEM, "out of memory");
        free(path);
    }
    if (d != NULL)
        closedir(d);
    free(dir);
    return rc;
}

int imp_read_wdi(imp_set *s, ind_error *err)
{
    wdi_ctx w;
    ind_error rerr = IND_ERROR_INIT;
    int rc;

    memset(&w, 0, sizeof w);
    w.s = s;
    rc = ind_csv_read(s->path, NULL, on_row, &w, NULL, &rerr);
    free(w.year_of);
    if (rc != IND_OK)
        return ind_error_copy(err, &rerr);
    if (!w.header_seen)
        return ind_error_set_at(err, IND_EDATA, s->path, 1, 1, "not a WDI "
                                "file: no header 'Country Name,Country Code,"
                                "Indicator Name,Indicator Code,1960,...'");
    return read_metadata(s, err);
}
