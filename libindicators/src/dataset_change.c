/* dataset_change: add a reading or define an indicator, in memory, with
 * exactly the checks a loaded row meets. ind_dataset_commit() writes. */
#include "dataset_internal.h"
#include "error_internal.h"
#include "indicators/number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int record_change(ind_dataset *ds, int define, size_t what,
                         size_t replaced, ind_error *err)
{
    if (IND_ARRAY_RESERVE(ds->changes, ds->changes_cap, ds->nchanges + 1) != 0)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    ds->changes[ds->nchanges].define = define;
    ds->changes[ds->nchanges].reading = what;
    ds->changes[ds->nchanges].replaced = replaced;
    ds->changes[ds->nchanges].removal = 0;
    ds->changes[ds->nchanges].reason = 0;
    ds->nchanges++;
    return IND_OK;
}

int ind_dataset_writable(const ind_dataset *ds, ind_error *err)
{
    if (!(ds->flags & IND_OPEN_WRITE)) {
        ind_error_set(err, IND_EINVAL, "%s was opened read-only", ds->path);
        ind_error_about(err, IND_DETAIL_READ_ONLY, NULL, 0);
        return IND_EINVAL;
    }
    if (ds->committed) {
        ind_error_set(err, IND_EINVAL, "%s: this handle has already "
                      "committed its changes; open the dataset again to "
                      "change it further", ds->path);
        ind_error_about(err, IND_DETAIL_COMMITTED, NULL, 0);
        return IND_EINVAL;
    }
    if (ds->load_rc != IND_OK)
        return ind_dataset_not_loaded(ds, err);
    if (ds->vintage) {
        ind_error_set(err, IND_EINVAL, "%s shows the vintage of %s: an "
                      "earlier state cannot change", ds->path,
                      ds->vintage_date);
        ind_error_about(err, IND_DETAIL_VINTAGE, NULL, 0);
        return IND_EINVAL;
    }
    if (ds->poisoned) {
        ind_error_set(err, IND_EINVAL, "%s: a change of many readings "
                      "failed part way; release the handle without "
                      "committing", ds->path);
        return IND_EINVAL;
    }
    return IND_OK;
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

/* Intern a text checked against the text rules into *out. Returns IND_OK,
 * IND_EPARSE (err says why) or IND_ENOMEM. */
static int checked_text(ind_dataset *ds, const char *name, const char *s,
                        ind_strid *out, ind_error *err)
{
    char why[256];

    s = or_empty(s);
    if (ind_check_text(name, s, strlen(s), why, sizeof why) != IND_OK)
        return ind_error_set(err, IND_EPARSE, "%s", why);
    *out = ind_strpool_intern(&ds->pool, s, strlen(s));
    if (*out == IND_STRID_NONE)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    return IND_OK;
}

/* The first live reading of a series and year, other than 'except', that
 * has this as_of (when as_of is not IND_STRID_NONE) and, when 'primary' is
 * set, role primary; -1 when there is none. */
static long find_live(ind_dataset *ds, uint32_t series, int year,
                      ind_strid as_of, int primary, long except)
{
    size_t buf[16], *idx, n = 0, k;
    long found = -1;

    idx = ind_dataset_year_list(ds, series, year, buf, 16, &n);
    for (k = 0; idx != NULL && k < n && found < 0; k++) {
        if ((long)idx[k] != except &&
            (as_of == IND_STRID_NONE || rd_as_of(ds, idx[k]) == as_of) &&
            (!primary || rd_role(ds, idx[k]) == IND_ROLE_PRIMARY))
            found = (long)idx[k];
    }
    if (idx != buf)
        free(idx);
    return found;
}

/* Do readings of the series tie for the year (an undecided conflict)?
 * err (may be NULL) then names them. */
static int year_in_conflict(ind_dataset *ds, uint32_t series, int year,
                            ind_error *err)
{
    return ind_dataset_year_conflict(ds, series, year, err);
}

/* A revision keeps what it does not restate: the status, note, unit, the
 * date and the decision (role) stay with the figure, and the source when
 * none is given. Status 'A' restates "normal". */
static void carry_over(const ind_dataset *ds, size_t old,
                       const ind_reading *in, reading_rec *rec, text_rec *txt)
{
    txt->as_of = rd_as_of(ds, old);
    if (txt->unit == 0)
        txt->unit = rd_unit(ds, old);
    if (txt->note == 0)
        txt->note = rd_note(ds, old);
    if (txt->source == 0)
        txt->source = rd_source(ds, old);
    if (in->status == 0)
        rec->status = rd_status(ds, old);
    if (in->role == IND_ROLE_NONE)
        rec->role = (uint8_t)rd_role(ds, old);
}

/* Parse and check the key fields and the figure into rec. */
static int check_new_reading(ind_dataset *ds, const ind_reading *in,
                             const char *value_text, reading_rec *rec,
                             text_rec *txt, uint32_t *ind_index,
                             ind_strid *entity, ind_error *err)
{
    const char *id = or_empty(in->indicator);
    const indicator_rec *ind;
    char why[256], year_text[16], status_text[2] = { in->status, 0 },
         text[IND_NUMBER_BUFSIZE];
    size_t at;
    ind_error nerr;
    int year = in->year, rc;
    unsigned flags = 0;

    if (ind_check_indicator_id(id, strlen(id), why, sizeof why) != IND_OK)
        return ind_error_set(err, IND_EPARSE, "%s", why);
    rc = ind_dataset_find_indicator(ds, id, &at, err);
    if (rc != IND_OK)
        return rc;
    *ind_index = (uint32_t)at;
    ind = &ds->indicators[at];
    snprintf(year_text, sizeof year_text, "%d", year);
    rc = ind_check_year(year_text, strlen(year_text), &year, why, sizeof why);
    if (rc != IND_OK)
        return ind_error_set(err, rc, "%s", why);
    rec->year = (int16_t)year;
    rc = checked_text(ds, "entity", in->entity, entity, err);
    if (rc == IND_OK)
        rc = checked_text(ds, "unit", in->unit, &txt->unit, err);
    if (rc == IND_OK)
        rc = checked_text(ds, "source", in->source, &txt->source, err);
    if (rc == IND_OK)
        rc = checked_text(ds, "note", in->note, &txt->note, err);
    if (rc != IND_OK)
        return rc;
    rc = ind_check_as_of(or_empty(in->as_of), strlen(or_empty(in->as_of)), year,
                         why, sizeof why);
    if (rc != IND_OK)
        return ind_error_set(err, rc, "%s", why);
    txt->as_of = ind_strpool_intern(&ds->pool, or_empty(in->as_of),
                                    strlen(or_empty(in->as_of)));
    if (in->status != 0 && ind_check_status(status_text, 1, &rec->status, why,
                                            sizeof why) != IND_OK)
        return ind_error_set(err, IND_EPARSE, "%s", why);
    rec->role = (uint8_t)in->role;
    if (ind->kind == IND_KIND_RATE)
        flags |= IND_NUMBER_ALLOW_PERCENT;
    if (value_text != NULL) {
        if (ind_number_parse(&rec->value, value_text, strlen(value_text), flags,
                             &nerr) != IND_OK)
            return ind_error_copy(err, &nerr);
    } else if (ind_number_format(text, sizeof text, in->value, NULL) != IND_OK ||
               ind_number_parse(&rec->value, text, strlen(text), 0, NULL)
                   != IND_OK) {
        /* The file must be able to hold it: its text has to read back. */
        return ind_error_set(err, IND_EDATA, "value %g is not a finite "
                             "figure that reads back", in->value);
    }
    if (*ds_str(ds, txt->unit) && *ds_str(ds, ind->unit) && txt->unit != ind->unit)
        return ind_error_set(err, IND_EDATA, "unit '%s' contradicts the "
                             "catalog: %s is counted in '%s'",
                             ds_str(ds, txt->unit), id, ds_str(ds, ind->unit));
    if (ind->kind == IND_KIND_RATE && *ds_str(ds, txt->unit) &&
        strcmp(ds_str(ds, txt->unit), "percent") != 0)
        return ind_error_set(err, IND_EDATA, "unit '%s': %s is a rate, its "
                             "unit is 'percent'", ds_str(ds, txt->unit), id);
    return IND_OK;
}

int ind_dataset_add(ind_dataset *ds, const ind_reading *in,
                    const char *value_text, unsigned flags, ind_error *err)
{
    reading_rec rec;
    text_rec txt;
    uint32_t ind_index, series;
    ind_strid entity;
    long existing, primary;
    size_t added;
    int rc, was_conflict;

    if (ds == NULL || in == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_add: NULL "
                             "argument");
    rc = ind_dataset_writable(ds, err);
    if (rc != IND_OK)
        return rc;
    memset(&rec, 0, sizeof rec);
    memset(&txt, 0, sizeof txt);
    rc = check_new_reading(ds, in, value_text, &rec, &txt, &ind_index, &entity,
                           err);
    if (rc != IND_OK)
        return rc;
    series = ind_dataset_series_of(ds, ds->indicators[ind_index].id, entity,
                                   ind_index);
    if (series == UINT32_MAX)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    existing = !(flags & IND_ADD_REVISE)
               ? find_live(ds, series, rec.year, txt.as_of, 0, -1)
               : ind_dataset_key_reading(ds, series, rec.year, txt.as_of,
                                         in->role, in->indicator, err);
    if (existing == -2)
        return IND_EDATA;
    if (existing < 0 && (flags & IND_ADD_REVISE) && txt.as_of == 0) {
        existing = ind_dataset_only_reading(ds, series, rec.year,
                                            in->indicator, err);
        if (existing == -2)
            return IND_EDATA;
    }
    if (existing >= 0 && !(flags & IND_ADD_REVISE)) {
        const char *source = ds_str(ds, rd_source(ds, (size_t)existing));
        char v[IND_NUMBER_HUMAN_BUFSIZE];
        ind_number_format_human(v, sizeof v, rd_value(ds, (size_t)existing),
                                -1, NULL);
        ind_error_set(err, IND_EEXISTS, "%s:%u: %s %d%s%s already has a "
                      "reading (%s from %s)", ds->path,
                      (unsigned)rd_line(ds, (size_t)existing), in->indicator,
                      rec.year, *ds_str(ds, txt.as_of) ? " as of " : "",
                      ds_str(ds, txt.as_of), v,
                      *source ? source : "no source");
        ind_error_about(err, IND_DETAIL_READING_EXISTS, in->indicator,
                        rec.year);
        return IND_EEXISTS;
    }
    if (existing >= 0)
        carry_over(ds, (size_t)existing, in, &rec, &txt);
    else if (txt.unit == 0 && (ds->col[COL_UNIT] != NO_COLUMN ||
                               !ds->obs_exists))
        txt.unit = ds->indicators[ind_index].unit; /* the catalog's */
    primary = rec.role == IND_ROLE_PRIMARY
              ? find_live(ds, series, rec.year, IND_STRID_NONE, 1, existing)
              : -1;
    if (primary >= 0) {
        ind_error_set(err, IND_EDATA, "%s %d already has a primary reading "
                      "(line %u); revise that one to 'alternate' first",
                      in->indicator, rec.year,
                      (unsigned)rd_line(ds, (size_t)primary));
        ind_error_about(err, IND_DETAIL_SECOND_PRIMARY, in->indicator,
                        rec.year);
        return IND_EDATA;
    }
    was_conflict = year_in_conflict(ds, series, rec.year, NULL);
    rec.series = series;
    rec.text = ind_dataset_text_of(ds, &txt);
    if (rec.text == UINT32_MAX)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    rec.state = READING_ADDED;
    added = ind_dataset_push_reading(ds, &rec);
    if (added == (size_t)-1)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    if (existing >= 0 &&
        ind_dataset_set_replaced(ds, (size_t)existing, 1) != 0) {
        ind_dataset_pop_reading(ds);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    if (!was_conflict && year_in_conflict(ds, series, rec.year, err)) {
        /* A tie nobody decided: refuse, and take the reading back. */
        if (existing >= 0)
            ind_dataset_set_replaced(ds, (size_t)existing, 0);
        ind_dataset_pop_reading(ds);
        return IND_EDATA;
    }
    return record_change(ds, 0, added,
                         existing >= 0 ? (size_t)existing : (size_t)-1, err);
}

int ind_dataset_define_as(ind_dataset *ds, const ind_indicator *in,
                          int kind_optional, ind_error *err)
{
    const char *id;
    char why[256];
    ind_strid ids[7];
    const char *texts[7], *names[7] = { "title", "unit", "description",
                                        "growth_of", "indicator", "years",
                                        "source_name" };
    int from, to;
    uint32_t at;
    size_t k;
    int rc;

    if (ds == NULL || in == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_define: NULL "
                             "argument");
    rc = ind_dataset_writable(ds, err);
    if (rc != IND_OK)
        return rc;
    id = or_empty(in->id);
    if (ind_check_indicator_id(id, strlen(id), why, sizeof why) != IND_OK)
        return ind_error_set(err, IND_EPARSE, "%s", why);
    texts[0] = in->title;
    texts[1] = in->unit;
    texts[2] = in->description;
    texts[3] = in->growth_of;
    texts[4] = id;
    texts[5] = in->years;
    texts[6] = in->source_name;
    for (k = 0; k < 7; k++) {
        if (k == 5)
            continue; /* the span has a grammar of its own, below */
        rc = checked_text(ds, names[k], texts[k], &ids[k], err);
        if (rc != IND_OK)
            return rc;
    }
    /* A span has a grammar of its own (it may start with '-'). */
    ids[5] = ind_strpool_intern(&ds->pool, or_empty(texts[5]),
                                strlen(or_empty(texts[5])));
    if (ids[5] == IND_STRID_NONE)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    at = ind_index_map_get(&ds->indicator_by_id, ids[4]);
    if (at != UINT32_MAX && ds->indicators[at].declared)
        return ind_error_set(err, IND_EEXISTS, "indicator '%s' is already "
                             "in the catalog %s", id, ds->catalog_path);
    if (ids[5] != 0 && ind_check_span(ds_str(ds, ids[5]),
                                      strlen(ds_str(ds, ids[5])), &from, &to,
                                      why, sizeof why) != IND_OK)
        return ind_error_set(err, IND_EPARSE, "%s", why);
    if (in->kind == IND_KIND_UNSPECIFIED && !kind_optional)
        return ind_error_set(err, IND_EINVAL, "give the kind of '%s': stock "
                             "(a level at a date), flow (a count during the "
                             "year) or rate (a percentage change)", id);
    if (in->kind == IND_KIND_RATE && strcmp(ds_str(ds, ids[1]), "percent") != 0)
        return ind_error_set(err, IND_EDATA, "'%s' is a rate: its unit must "
                             "be 'percent'", id);
    if (ids[3] != 0) {
        uint32_t target = ind_index_map_get(&ds->indicator_by_id, ids[3]);
        if (in->kind != IND_KIND_RATE || target == UINT32_MAX ||
            ds->indicators[target].kind != IND_KIND_STOCK)
            return ind_error_set(err, IND_EDATA, "growth_of '%s': only a "
                                 "rate can be the growth of an indicator, "
                                 "and it must be a stock in the catalog",
                                 ds_str(ds, ids[3]));
    }
    at = ind_dataset_indicator_of(ds, ids[4]);
    if (at == UINT32_MAX)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    ds->indicators[at].title = ids[0];
    ds->indicators[at].unit = ids[1];
    ds->indicators[at].description = ids[2];
    ds->indicators[at].growth_of = ids[3];
    ds->indicators[at].years = ids[5];
    ds->indicators[at].source_name = ids[6];
    ds->indicators[at].kind = in->kind;
    ds->indicators[at].declared = 1;
    ds->indicators[at].added = 1;
    return record_change(ds, 1, at, (size_t)-1, err);
}

int ind_dataset_define(ind_dataset *ds, const ind_indicator *in,
                       ind_error *err)
{
    return ind_dataset_define_as(ds, in, 0, err);
}
