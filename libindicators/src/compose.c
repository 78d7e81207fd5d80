/* compose: an indicator's series with its display name, and the ids
 * closest to a mistyped one. */
#include "indicators/compose.h"
#include "error_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "Title" or "Title (ENTITY)"; the id when the catalog has no title. */
static char *display_name(const ind_indicator *ind, const char *entity)
{
    const char *title = ind->title[0] ? ind->title : ind->id;
    size_t len = strlen(title) + strlen(entity) + 4;
    char *name = malloc(len);

    if (name == NULL)
        return NULL;
    if (entity[0] != '\0')
        snprintf(name, len, "%s (%s)", title, entity);
    else
        snprintf(name, len, "%s", title);
    return name;
}

int ind_compose_series(ind_series **out, char **name, ind_dataset *ds,
                       const char *id, const char *entity, ind_error *err)
{
    ind_indicator ind;
    size_t at, series;
    int rc;

    if (out == NULL || ds == NULL || id == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_compose_series: NULL "
                             "argument");
    *out = NULL;
    if (name != NULL)
        *name = NULL;
    if (entity == NULL)
        entity = "";
    rc = ind_dataset_find_indicator(ds, id, &at, err);
    if (rc == IND_OK)
        rc = ind_dataset_indicator(ds, at, &ind, err);
    if (rc == IND_OK)
        rc = ind_dataset_find_series(ds, id, entity, &series, err);
    if (rc == IND_OK)
        rc = ind_dataset_series(ds, series, out, err);
    if (rc == IND_OK && name != NULL) {
        /* An entity is named by its title when the dataset has one. */
        const char *title = ind_dataset_entity_title(ds, entity);
        *name = display_name(&ind, *title ? title : entity);
        if (*name == NULL) {
            ind_series_free(*out);
            *out = NULL;
            rc = ind_error_set(err, IND_ENOMEM, "out of memory");
        }
    }
    return rc;
}

/* Levenshtein distance of a and b, stopping at `limit` + 1 (ids are at
 * most 64 bytes: rows of 65 cells). */
static size_t edit_distance(const char *a, const char *b, size_t limit)
{
    size_t la = strlen(a), lb = strlen(b), i, j;
    size_t row[66], prev_diag, best;

    if (la > 64 || lb > 64)
        return limit + 1;
    if ((la > lb ? la - lb : lb - la) > limit)
        return limit + 1;
    for (j = 0; j <= lb; j++)
        row[j] = j;
    for (i = 1; i <= la; i++) {
        prev_diag = row[0];
        row[0] = i;
        best = row[0];
        for (j = 1; j <= lb; j++) {
            size_t up = row[j], cost = a[i - 1] != b[j - 1];
            size_t v = prev_diag + cost;
            if (up + 1 < v)
                v = up + 1;
            if (row[j - 1] + 1 < v)
                v = row[j - 1] + 1;
            prev_diag = up;
            row[j] = v;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return limit + 1;
    }
    return row[lb];
}

size_t ind_compose_closest_ids(const char **out, size_t capacity,
                               const ind_dataset *ds, const char *id)
{
    size_t dist[16], n = 0, i, k, limit;
    ind_indicator ind;

    if (out == NULL || ds == NULL || id == NULL || capacity == 0)
        return 0;
    if (capacity > sizeof dist / sizeof dist[0])
        capacity = sizeof dist / sizeof dist[0];
    limit = strlen(id) / 3 > 0 ? strlen(id) / 3 : 1;
    for (i = 0; i < ind_dataset_indicator_count(ds); i++) {
        size_t d;
        if (ind_dataset_indicator(ds, i, &ind, NULL) != IND_OK)
            continue;
        d = edit_distance(id, ind.id, limit);
        if (d > limit || d == 0)
            continue;
        /* Keep the `capacity` closest, in order (ties: catalog order). */
        for (k = n; k > 0 && dist[k - 1] > d; k--)
            if (k < capacity) {
                dist[k] = dist[k - 1];
                out[k] = out[k - 1];
            }
        if (k < capacity) {
            dist[k] = d;
            out[k] = ind.id;
            if (n < capacity)
                n++;
        }
    }
    return n;
}
