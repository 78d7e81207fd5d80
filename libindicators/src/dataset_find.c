/* dataset_find: the readings of one series and year, found without the
 * reading order. The order is a sorted cache rebuilt after any change; a
 * bulk change (a bulletin, an import) that consulted it for each reading
 * would rebuild it each time and take time quadratic in the dataset. This
 * index is built once per handle, in one pass, on first use, and each
 * reading pushed afterwards is linked in as it comes: a lookup costs the
 * readings of its year. */
#include "dataset_internal.h"
#include "error_internal.h"
#include "indicators/number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_READING UINT32_MAX

static uint64_t year_key(uint32_t series, int year)
{
    /* Years are -9999..9999: shifted, they fit the low half. */
    return ((uint64_t)series << 32) | (uint32_t)(year + 0x10000);
}

/* Put reading i at the head of its chain. Returns 0 or -1. */
static int link(ind_dataset *ds, size_t i)
{
    uint64_t key = year_key(rd_series(ds, i), rd_year(ds, i));

    if (i >= NO_READING ||
        IND_ARRAY_RESERVE(ds->year_next, ds->year_next_cap, i + 1) != 0)
        return -1;
    ds->year_next[i] = ind_index_map_get(&ds->year_heads, key);
    return ind_index_map_put(&ds->year_heads, key, (uint32_t)i);
}

static void drop(ind_dataset *ds)
{
    ind_index_map_free(&ds->year_heads);
    free(ds->year_next);
    ds->year_next = NULL;
    ds->year_next_cap = 0;
    ds->year_index_built = 0;
}

/* Build the index over every reading. Returns 0 or -1 (out of memory). */
static int build(ind_dataset *ds)
{
    size_t i;

    if (ds->year_index_built)
        return 0;
    if (ind_index_map_init(&ds->year_heads, ds->nreadings) != 0)
        return -1;
    for (i = 0; i < ds->nreadings; i++) {
        if (link(ds, i) != 0) {
            drop(ds);
            return -1;
        }
    }
    ds->year_index_built = 1;
    return 0;
}

void ind_dataset_index_reading(ind_dataset *ds, size_t reading)
{
    if (ds->year_index_built && link(ds, reading) != 0)
        drop(ds);
}

void ind_dataset_unindex_last(ind_dataset *ds)
{
    size_t last = ds->nreadings - 1;

    if (!ds->year_index_built || ds->nreadings == 0)
        return;
    /* The last reading is the head of its chain: unhook it. */
    if (ind_index_map_put(&ds->year_heads,
                          year_key(rd_series(ds, last), rd_year(ds, last)),
                          ds->year_next[last]) != 0)
        drop(ds);
}

long ind_dataset_year_readings(ind_dataset *ds, uint32_t series, int year,
                               size_t *out, size_t cap)
{
    uint32_t i;
    long n = 0;

    if (build(ds) != 0)
        return -1;
    for (i = ind_index_map_get(&ds->year_heads, year_key(series, year));
         i != NO_READING; i = ds->year_next[i]) {
        if (rd_replaced(ds, i))
            continue;
        if ((size_t)n < cap)
            out[n] = i;
        n++;
    }
    return n;
}

long ind_dataset_find_key(ind_dataset *ds, uint32_t series, int year,
                          ind_strid as_of)
{
    uint32_t i;

    if (build(ds) != 0)
        return -1;
    for (i = ind_index_map_get(&ds->year_heads, year_key(series, year));
         i != NO_READING; i = ds->year_next[i]) {
        if (!rd_replaced(ds, i) && rd_as_of(ds, i) == as_of)
            return (long)i;
    }
    return -1;
}

size_t *ind_dataset_year_list(ind_dataset *ds, uint32_t series, int year,
                              size_t *buf, size_t cap, size_t *n)
{
    long got = ind_dataset_year_readings(ds, series, year, buf, cap);
    size_t *idx = buf;

    if (got < 0)
        return NULL;
    if ((size_t)got > cap) {
        idx = malloc((size_t)got * sizeof *idx);
        if (idx == NULL)
            return NULL;
        ind_dataset_year_readings(ds, series, year, idx, (size_t)got);
    }
    *n = (size_t)got;
    return idx;
}

int ind_dataset_year_conflict(ind_dataset *ds, uint32_t series, int year,
                              ind_error *err)
{
    size_t buf[16], *idx, n = 0, k, tie = 0, chosen;
    uint32_t order_buf[16], *order;
    reading_view v;
    int conflict = 0;

    idx = ind_dataset_year_list(ds, series, year, buf, 16, &n);
    if (idx == NULL)
        return 0;
    /* The readings as a view for the choice rule. */
    order = n <= 16 ? order_buf : malloc(n * sizeof *order);
    if (order != NULL && n > 1) {
        for (k = 0; k < n; k++)
            order[k] = (uint32_t)idx[k];
        v.order = order;
        v.first = 0;
        v.count = n;
        conflict = ind_choose_reading(ds, &v, &tie) == -2;
    }
    if (order != order_buf)
        free(order);
    if (idx != buf)
        free(idx);
    /* The message names the tied readings as the queries do (this builds
     * the reading order once, on the way to a refusal). */
    if (conflict && err != NULL)
        ind_dataset_chosen_reading(ds, series, year, &chosen, err);
    return conflict;
}

long ind_dataset_only_reading(ind_dataset *ds, uint32_t series, int year,
                              const char *id, ind_error *err)
{
    size_t buf[16], *idx, n = 0, k, used = 0;
    char list[400], v[IND_NUMBER_HUMAN_BUFSIZE];
    long found;

    idx = ind_dataset_year_list(ds, series, year, buf, 16, &n);
    if (idx == NULL)
        return -1;
    found = n == 1 ? (long)idx[0] : n == 0 ? -1 : -2;
    list[0] = '\0';
    for (k = 0; found == -2 && k < n && used + 80 < sizeof list; k++) {
        const char *as_of = ds_str(ds, rd_as_of(ds, idx[k]));
        ind_number_format_human(v, sizeof v, rd_value(ds, idx[k]), -1, NULL);
        used += (size_t)snprintf(list + used, sizeof list - used, "%s%s as "
                                 "of %.24s", k ? "; " : "", v,
                                 *as_of ? as_of : "the year's end");
    }
    if (idx != buf)
        free(idx);
    if (found == -2) {
        ind_error_set(err, IND_EDATA, "%s %d has %zu readings (%s): say "
                      "which by its as_of", id, year, n, list);
        ind_error_about(err, IND_DETAIL_AMBIGUOUS_READING, id, year);
    }
    return found;
}

long ind_dataset_key_reading(ind_dataset *ds, uint32_t series, int year,
                             ind_strid as_of, ind_role role, const char *id,
                             ind_error *err)
{
    size_t buf[16], *idx, n = 0, k, used = 0, matches = 0, with_role = 0;
    char list[400], v[IND_NUMBER_HUMAN_BUFSIZE];
    long found = -1, found_role = -1;

    idx = ind_dataset_year_list(ds, series, year, buf, 16, &n);
    if (idx == NULL)
        return -1;
    list[0] = '\0';
    for (k = 0; k < n; k++) {
        ind_role r_role = rd_role(ds, idx[k]);
        if (rd_as_of(ds, idx[k]) != as_of)
            continue;
        matches++;
        found = (long)idx[k];
        if (role != IND_ROLE_NONE && r_role == role) {
            with_role++;
            found_role = (long)idx[k];
        }
        if (used + 80 < sizeof list) {
            ind_number_format_human(v, sizeof v, rd_value(ds, idx[k]), -1,
                                    NULL);
            used += (size_t)snprintf(list + used, sizeof list - used,
                                     "%s%s%s%s", used ? "; " : "", v,
                                     r_role ? " " : "", ind_role_name(r_role));
        }
    }
    if (idx != buf)
        free(idx);
    if (matches <= 1)
        return found;
    if (with_role == 1)
        return found_role;
    ind_error_set(err, IND_EDATA, "%s %d has %zu readings as of %s (%s): "
                  "a change cannot tell them apart%s", id, year, matches,
                  *ds_str(ds, as_of) ? ds_str(ds, as_of) : "the year's end",
                  list, role == IND_ROLE_NONE
                  ? " unless it names the role of the one it changes" : "");
    ind_error_about(err, IND_DETAIL_AMBIGUOUS_READING, id, year);
    return -2;
}

int ind_dataset_find_reading(ind_dataset *ds, const char *indicator,
                             const char *entity, int year, const char *as_of,
                             size_t *out, ind_error *err)
{
    size_t at, series;
    ind_strid date;
    long found;
    int rc;

    if (ds == NULL || indicator == NULL || out == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_dataset_find_reading: "
                             "NULL argument");
    rc = ind_dataset_find_indicator(ds, indicator, &at, err);
    if (rc == IND_OK)
        rc = ind_dataset_find_series(ds, indicator, entity, &series, err);
    if (rc != IND_OK)
        return rc;
    if (as_of == NULL) {
        found = ind_dataset_only_reading(ds, (uint32_t)series, year,
                                         indicator, err);
        if (found == -2)
            return IND_EDATA;
    } else {
        date = ind_strpool_find(&ds->pool, as_of, strlen(as_of));
        found = date == IND_STRID_NONE ? -1
                : ind_dataset_key_reading(ds, (uint32_t)series, year, date,
                                          IND_ROLE_NONE, indicator, err);
        if (found == -2)
            return IND_EDATA;
    }
    if (found < 0) {
        ind_error_set(err, IND_ENOTFOUND, "%s has no reading for %d%s%.16s",
                      indicator, year, as_of && *as_of ? " as of " : "",
                      as_of ? as_of : "");
        ind_error_about(err, IND_DETAIL_NO_READING, indicator, year);
        return IND_ENOTFOUND;
    }
    *out = (size_t)found;
    return IND_OK;
}

int ind_listed(const char *const *list, size_t n, const char *word)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(list[i], word) == 0)
            return 1;
    return 0;
}
