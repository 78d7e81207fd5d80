/* dataset_import_sdmx: SDMX-CSV, versions 1.0 and 2.0 (SDMX technical
 * working group's field guides).
 *
 * 1.0: `DATAFLOW` (AGENCY:ID(VERSION)), then the dimensions, TIME_PERIOD,
 * OBS_VALUE and the attributes. 2.0: `STRUCTURE` (dataflow,
 * datastructure or dataprovision), `STRUCTURE_ID`, optional
 * `STRUCTURE_NAME` (labels=name: every component column is followed by
 * one of its names), optional `ACTION` (I, A, R; D deletes), optional
 * `SERIES_KEY`, `OBS_KEY`, then the components. With labels=both a header
 * is "ID: Name" and a coded value "CODE: Name". The file does not say
 * which columns are dimensions: as the field guides order them, those
 * before OBS_VALUE are (known attributes and custom columns such as
 * Eurostat's "LAST UPDATE" aside), those after it attributes. Eurostat
 * writes its dimensions in lower case (freq, geo) and flags as OBS_FLAG
 * (e estimated, p provisional, b break, combined as "bep"). */
#include "dataset_import.h"
#include "csvfile.h"
#include "error_internal.h"
#include "indicators/number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum col_role {
    C_OTHER, C_STRUCTURE, C_STRUCTURE_ID, C_STRUCTURE_NAME, C_ACTION, C_KEY,
    C_DIM, C_LABEL, C_TIME, C_VALUE, C_STATUS, C_FLAG, C_UNIT, C_UNIT_MULT,
    C_COMMENT, C_UPDATED, C_ATTR
};

#define MAX_DIMS 32

typedef struct sdmx_ctx {
    imp_set *s;
    int version;                /* 1 or 2 */
    int name_mode;              /* labels=name */
    size_t ncolumns;
    int *role;                  /* per column */
    long *label_of;             /* per column: its label column, or -1 */
    long flow, flow_name, action, area, freq, time, value, status, flag,
         unit, unit_mult, comment, updated;
    long dims[MAX_DIMS];        /* the dimensions naming the indicator */
    size_t ndims;
    int lone_indicator;         /* the only one is INDICATOR */
} sdmx_ctx;

/* Attributes the field guides and the big publishers use; any other
 * column after OBS_VALUE is an attribute too. */
static const char *const known_attributes[] = {
    "CONF_STATUS", "OBS_CONF", "DECIMALS", "OBS_PRE_BREAK", "TIME_FORMAT",
    "TITLE", "TITLE_COMPL", "BASE_PER", "COLLECTION", "DATA_COMP",
    "SOURCE_AGENCY", "COMPILING_ORG", "DISS_ORG", "UNIT_INDEX_BASE",
    "REF_YEAR_PRICE", "BREAKS", "SERIES_NOTE", NULL
};

static int one_of(const char *id, const char *const *names)
{
    size_t k;

    for (k = 0; names[k]; k++)
        if (strcasecmp(id, names[k]) == 0)
            return 1;
    return 0;
}

/* The id of a header "ID: Name" or "ID[...]" into out. */
static void header_id(const char *h, char *out, size_t n)
{
    const char *colon = strstr(h, ": ");
    size_t len = colon ? (size_t)(colon - h) : strlen(h);
    const char *bracket = memchr(h, '[', len);

    if (bracket != NULL)
        len = (size_t)(bracket - h);
    snprintf(out, n, "%.*s", (int)len, h);
}

/* A coded value "CODE: Name": the code into code, the name (or "") into
 * name. */
static void split_label(const char *v, char *code, size_t cn, char *name,
                        size_t nn)
{
    const char *colon = strstr(v, ": ");

    if (colon == NULL) {
        snprintf(code, cn, "%s", v);
        name[0] = '\0';
        return;
    }
    snprintf(code, cn, "%.*s", (int)(colon - v), v);
    snprintf(name, nn, "%s", colon + 2);
}

static int classify(sdmx_ctx *x, const ind_csv_row *row, ind_error *err)
{
    static const char *const areas[] = { "REF_AREA", "GEO", "COUNTRY",
                                         "LOCATION", "AREA", NULL };
    imp_set *s = x->s;
    char id[128], q[IMP_QUOTE_SIZE];
    size_t i, first;
    long value = -1;

    /* SDMX-CSV may follow the reader's locale (';'); this is a comma file. */
    if (row->count == 1 && strpbrk(row->field[0], ";\t") != NULL)
        return ind_error_set_at(err, IND_EDATA, s->path, row->line, 1,
                                "the fields are separated by %s: only "
                                "comma-separated SDMX-CSV is read",
                                *strpbrk(row->field[0], ";\t") == ';'
                                ? "';'" : "tabs");
    header_id(row->field[0], id, sizeof id);
    if (strcasecmp(id, "DATAFLOW") == 0)
        x->version = 1;
    else if (strcasecmp(id, "STRUCTURE") == 0)
        x->version = 2;
    else
        return ind_error_set_at(err, IND_EDATA, s->path, row->line, 1,
                                "not SDMX-CSV: the first column is DATAFLOW "
                                "(1.0) or STRUCTURE (2.0), not '%s'",
                                imp_quote(q, row->field[0]));
    x->ncolumns = row->count;
    x->role = calloc(row->count, sizeof *x->role);
    x->label_of = malloc(row->count * sizeof *x->label_of);
    if (x->role == NULL || x->label_of == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    x->flow = 0;
    x->flow_name = -1;
    x->action = x->area = x->freq = x->time = x->status = x->flag = -1;
    x->unit = x->unit_mult = x->comment = x->updated = -1;
    x->role[0] = C_STRUCTURE;
    for (i = 0; i < row->count; i++)
        x->label_of[i] = -1;
    /* The structure's columns. */
    for (first = 1; first < row->count; first++) {
        header_id(row->field[first], id, sizeof id);
        if (x->version == 2 && strcasecmp(id, "STRUCTURE_ID") == 0) {
            x->role[first] = C_STRUCTURE_ID;
            x->flow = (long)first;
        } else if (x->version == 2 && strcasecmp(id, "STRUCTURE_NAME") == 0) {
            x->role[first] = C_STRUCTURE_NAME;
            x->flow_name = (long)first;
            x->name_mode = 1;
        } else if (strcasecmp(id, "ACTION") == 0) {
            x->role[first] = C_ACTION;
            x->action = (long)first;
        } else if (strcasecmp(id, "SERIES_KEY") == 0 ||
                   strcasecmp(id, "OBS_KEY") == 0) {
            x->role[first] = C_KEY;
        } else {
            break;
        }
    }
    for (i = first; i < row->count; i++) {
        header_id(row->field[i], id, sizeof id);
        if (strcasecmp(id, "OBS_VALUE") == 0)
            value = (long)i;
    }
    if (value < 0)
        return ind_error_set_at(err, IND_EDATA, s->path, row->line,
                                (unsigned)row->count + 1, "no OBS_VALUE "
                                "column: the figures of SDMX-CSV are there");
    for (i = first; i < row->count; i++) {
        int r;
        header_id(row->field[i], id, sizeof id);
        if (strcasecmp(id, "TIME_PERIOD") == 0)
            r = C_TIME, x->time = (long)i;
        else if ((long)i == value)
            r = C_VALUE, x->value = (long)i;
        else if (strcasecmp(id, "OBS_STATUS") == 0)
            r = C_STATUS, x->status = (long)i;
        else if (strcasecmp(id, "OBS_FLAG") == 0)
            r = C_FLAG, x->flag = (long)i;
        else if (strcasecmp(id, "UNIT_MULT") == 0)
            r = C_UNIT_MULT, x->unit_mult = (long)i;
        else if (strcasecmp(id, "OBS_COMMENT") == 0 ||
                 strcasecmp(id, "COMMENT_OBS") == 0)
            r = C_COMMENT, x->comment = (long)i;
        else if (strcasecmp(id, "LAST UPDATE") == 0 ||
                 strcasecmp(id, "UPDATED") == 0)
            r = C_UPDATED, x->updated = (long)i;
        else if (one_of(id, known_attributes) || (long)i > value)
            r = strcasecmp(id, "UNIT_MEASURE") == 0 ? C_UNIT : C_ATTR;
        else
            r = C_DIM;
        if (strcasecmp(id, "UNIT_MEASURE") == 0 ||
            (r == C_DIM && strcasecmp(id, "unit") == 0))
            x->unit = (long)i;
        x->role[i] = r;
        if (x->name_mode && i + 1 < row->count) {
            x->label_of[i] = (long)i + 1;
            x->role[++i] = C_LABEL;
        }
    }
    if (x->time < 0)
        return ind_error_set_at(err, IND_EDATA, s->path, row->line,
                                (unsigned)row->count + 1, "no TIME_PERIOD "
                                "column");
    /* The area, the frequency, and the dimensions naming the indicator. */
    for (i = first; i < row->count; i++) {
        if (x->role[i] != C_DIM)
            continue;
        header_id(row->field[i], id, sizeof id);
        if (x->area < 0 && (s->opt->area != NULL
                            ? strcasecmp(id, s->opt->area) == 0
                            : one_of(id, areas) ||
                              strncasecmp(id, "REF_AREA", 8) == 0))
            x->area = (long)i;
        else if (x->freq < 0 && strcasecmp(id, "FREQ") == 0)
            x->freq = (long)i;
        else if (x->ndims < MAX_DIMS)
            x->dims[x->ndims++] = (long)i;
        else
            return ind_error_set_at(err, IND_EDATA, s->path, row->line,
                                    (unsigned)i + 1, "more than %d "
                                    "dimensions", MAX_DIMS);
    }
    if (s->opt->area != NULL && x->area < 0)
        return ind_error_set_at(err, IND_EDATA, s->path, row->line, 1,
                                "no dimension '%s' before OBS_VALUE for the "
                                "area", s->opt->area);
    if (x->ndims == 1) {
        header_id(row->field[x->dims[0]], id, sizeof id);
        x->lone_indicator = strcasecmp(id, "INDICATOR") == 0;
    }
    return IND_OK;
}

/* ---- a row ---- */

/* The dataflow's id in "AGENCY:ID(VERSION)" ("DF_QNA" of
 * "OECD.SDD.NAD:DSD_NAMAIN1@DF_QNA(1.1)"). */
static void flow_id(const char *flow, char *out, size_t n)
{
    const char *start = strchr(flow, ':'), *end, *at;

    start = start ? start + 1 : flow;
    end = strchr(start, '(');
    if (end == NULL)
        end = start + strlen(start);
    for (at = start; at < end; at++)
        if (*at == '@')
            start = at + 1;
    snprintf(out, n, "%.*s", (int)(end - start), start);
}

/* A year of TIME_PERIOD: "2019", or "2019-A1". */
static int period_year(const char *period, int *year)
{
    size_t len = strlen(period);

    if (len == 7 && strcmp(period + 4, "-A1") == 0)
        len = 4;
    return ind_number_parse_year(year, period, len, NULL) == IND_OK ? 0 : -1;
}

/* OBS_STATUS (SDMX, upper case) or Eurostat's OBS_FLAG (lower case,
 * letters combined) as one status letter; what the letter cannot say
 * goes into note. */
static char status_of(const char *code, int flag, char *note, size_t n)
{
    static const char ours[] = "ABDEFGIPUV";
    static const char eurostat[] = "bdepfu"; /* in order of weight */
    size_t len = strlen(code), k;
    char q[IMP_QUOTE_SIZE];
    char status = 0;

    note[0] = '\0';
    if (len == 0)
        return 0;
    if (!flag && len == 1 && strchr(ours, code[0]) != NULL)
        return code[0] == 'A' ? 0 : code[0];
    if (flag) {
        for (k = 0; eurostat[k] && status == 0; k++)
            if (strchr(code, eurostat[k]) != NULL)
                status = (char)(eurostat[k] - 'a' + 'A');
        if (status == 0 && strchr(code, 's') != NULL)
            status = 'E'; /* s: Eurostat's estimate */
        if (len == 1 && status != 0 && code[0] != 's')
            return status;
    }
    snprintf(note, n, "%s '%s'", flag ? "OBS_FLAG" : "OBS_STATUS",
             imp_quote(q, code));
    return status;
}

/* The indicator of a row into *out (created and described when new;
 * IMP_FILTERED when the filters leave it out). */
static int row_indicator(sdmx_ctx *x, const ind_csv_row *row, long *out,
                         ind_error *err)
{
    imp_set *s = x->s;
    char flow[128], code[512], title[1024], part[256], label[256], id[72];
    char q[IMP_QUOTE_SIZE];
    size_t k, used = 0, tused = 0;
    long at;
    int created;

    split_label(row->field[x->flow], part, sizeof part, label, sizeof label);
    flow_id(part, flow, sizeof flow);
    if (x->flow_name >= 0)
        snprintf(label, sizeof label, "%s", row->field[x->flow_name]);
    code[0] = title[0] = '\0';
    if (x->lone_indicator && s->opt->prefix == NULL) {
        used = 0;
    } else {
        const char *prefix = s->opt->prefix ? s->opt->prefix : flow;
        used = (size_t)snprintf(code, sizeof code, "%s", prefix);
    }
    tused = (size_t)snprintf(title, sizeof title, "%s", *label ? label : flow);
    for (k = 0; k < x->ndims; k++) {
        long c = x->dims[k];
        char name[256];
        split_label(row->field[c], part, sizeof part, name, sizeof name);
        if (x->label_of[c] >= 0)
            snprintf(name, sizeof name, "%s", row->field[x->label_of[c]]);
        if (used + strlen(part) + 2 < sizeof code)
            used += (size_t)snprintf(code + used, sizeof code - used, "%s%s",
                                     used ? "." : "", part);
        if (tused + strlen(part) + strlen(name) + 3 < sizeof title)
            tused += (size_t)snprintf(title + tused, sizeof title - tused,
                                      "%s%s", k ? ", " : ": ",
                                      *name ? name : part);
    }
    at = imp_add_indicator(s, code, row->line, (unsigned)x->value + 1, &created);
    if (at == IMP_NOMEM)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    *out = at;
    if (!created)
        return IND_OK;
    if (imp_make_id(id, code, "sdmx_", 0) != 0)
        return ind_error_set_at(err, IND_EDATA, s->path, row->line,
                                (unsigned)x->flow + 1, "the indicator '%s' "
                                "(the dataflow's id and the dimensions' "
                                "codes) is longer than 64 characters: give "
                                "a shorter prefix", imp_quote(q, code));
    s->inds[at].id = ind_strpool_intern(&s->pool, id, strlen(id));
    s->inds[at].title = imp_text(s, title);
    if (x->unit >= 0) {
        char unit[400], mult[64] = "";
        split_label(row->field[x->unit], part, sizeof part, label,
                    sizeof label);
        if (x->label_of[x->unit] >= 0)
            snprintf(label, sizeof label, "%s", row->field[x->label_of[x->unit]]);
        if (x->unit_mult >= 0 && *row->field[x->unit_mult]) {
            char power[32], words[64];
            split_label(row->field[x->unit_mult], power, sizeof power, words,
                        sizeof words);
            if (strcmp(power, "0") != 0)
                snprintf(mult, sizeof mult, " (x 10^%s)", power);
        }
        snprintf(unit, sizeof unit, "%s%s", *label ? label : part, mult);
        s->inds[at].unit = imp_text(s, unit);
    }
    split_label(row->field[x->flow], part, sizeof part, label, sizeof label);
    snprintf(title, sizeof title, "SDMX %s%s%s", part,
             x->updated >= 0 ? ", last update " : "",
             x->updated >= 0 ? row->field[x->updated] : "");
    s->inds[at].source = imp_text(s, title);
    if (s->inds[at].id == IND_STRID_NONE || s->inds[at].title == IND_STRID_NONE
        || s->inds[at].unit == IND_STRID_NONE ||
        s->inds[at].source == IND_STRID_NONE)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    return IND_OK;
}

static int on_row(void *vctx, const ind_csv_row *row, ind_error *err)
{
    sdmx_ctx *x = vctx;
    imp_set *s = x->s;
    char code[256], name[256], note[600], flag_note[64] = "";
    char q[IMP_QUOTE_SIZE];
    const char *value;
    long ind = IMP_FILTERED, ent;
    char status = 0;
    int year, rc;

    if (row->index == 0)
        return classify(x, row, err);
    if (row->count != x->ncolumns)
        return ind_error_set_at(err, IND_EPARSE, s->path, row->line,
                                (unsigned)(row->count < x->ncolumns
                                           ? row->count : x->ncolumns) + 1,
                                "row has %zu fields, the header has %zu",
                                row->count, x->ncolumns);
    if (x->action >= 0) {
        split_label(row->field[x->action], code, sizeof code, name,
                    sizeof name);
        if (strcmp(code, "D") == 0)
            return ind_error_set_at(err, IND_EDATA, s->path, row->line,
                                    (unsigned)x->action + 1, "ACTION D "
                                    "deletes: an import adds and revises; "
                                    "withdraw figures with a removal");
    }
    if (x->freq >= 0) {
        split_label(row->field[x->freq], code, sizeof code, name, sizeof name);
        if (strcmp(code, "A") != 0) {
            s->sum->not_yearly++;
            return IND_OK;
        }
    }
    split_label(row->field[x->time], code, sizeof code, name, sizeof name);
    if (period_year(code, &year) != 0) {
        if (x->freq >= 0)
            return ind_error_set_at(err, IND_EPARSE, s->path, row->line,
                                    (unsigned)x->time + 1, "TIME_PERIOD "
                                    "'%s' is not a year, yet FREQ is A",
                                    imp_quote(q, code));
        s->sum->not_yearly++;
        return IND_OK;
    }
    rc = row_indicator(x, row, &ind, err);
    if (rc != IND_OK)
        return rc;
    if (x->area >= 0) {
        split_label(row->field[x->area], code, sizeof code, name, sizeof name);
        if (x->label_of[x->area] >= 0)
            snprintf(name, sizeof name, "%s", row->field[x->label_of[x->area]]);
        if (strcmp(code, "_Z") == 0) /* not applicable: the subject */
            code[0] = name[0] = '\0';
    } else {
        code[0] = name[0] = '\0';
    }
    ent = imp_add_entity(s, code, name);
    if (ent == IMP_NOMEM)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    if (x->status >= 0 && *row->field[x->status]) {
        split_label(row->field[x->status], code, sizeof code, name,
                    sizeof name);
        status = status_of(code, 0, flag_note, sizeof flag_note);
    } else if (x->flag >= 0 && *row->field[x->flag]) {
        split_label(row->field[x->flag], code, sizeof code, name, sizeof name);
        status = status_of(code, 1, flag_note, sizeof flag_note);
    }
    snprintf(note, sizeof note, "%s%s%s",
             x->comment >= 0 ? row->field[x->comment] : "",
             x->comment >= 0 && *row->field[x->comment] && *flag_note
             ? "; " : "", flag_note);
    value = row->field[x->value];
    if (strcmp(value, "NaN") == 0 || strcmp(value, "NA") == 0 ||
        strcmp(value, ":") == 0 || strcmp(value, "-") == 0)
        value = "";
    return imp_figure_add(s, ind, ent, year, value, status, note, row->line,
                          (unsigned)x->value + 1, err);
}

int imp_read_sdmx(imp_set *s, ind_error *err)
{
    sdmx_ctx x;
    ind_error rerr = IND_ERROR_INIT;
    int rc;

    memset(&x, 0, sizeof x);
    x.s = s;
    rc = ind_csv_read(s->path, NULL, on_row, &x, NULL, &rerr);
    if (rc != IND_OK)
        ind_error_copy(err, &rerr);
    free(x.role);
    free(x.label_of);
    return rc;
}
