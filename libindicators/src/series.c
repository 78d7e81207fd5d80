/* series: yearly points in year order, with parallel arrays for numerics. */
#include "indicators/series.h"
#include "error_internal.h"
#include "array.h"
#include "series_internal.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

struct ind_series {
    char *indicator;
    char *entity;
    char *unit;
    ind_kind kind;
    size_t length;
    size_t capacity;
    ind_point *points;
    int *years;
    double *values;
};

const char *ind_kind_name(ind_kind kind)
{
    switch (kind) {
    case IND_KIND_STOCK: return "stock";
    case IND_KIND_FLOW: return "flow";
    case IND_KIND_RATE: return "rate";
    default: return "";
    }
}

int ind_kind_parse(ind_kind *out, const char *text, ind_error *err)
{
    static const ind_kind kinds[] = { IND_KIND_UNSPECIFIED, IND_KIND_STOCK,
                                      IND_KIND_FLOW, IND_KIND_RATE };
    size_t i;

    if (out == NULL || text == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_kind_parse: NULL argument");
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (strcmp(text, ind_kind_name(kinds[i])) == 0) {
            *out = kinds[i];
            return IND_OK;
        }
    }
    return ind_error_set(err, IND_EPARSE,
                         "kind '%.40s' is not one of stock, flow, rate", text);
}

/* strdup for possibly-NULL text; "" stays shared with no allocation. */
static char *copy_text(const char *s)
{
    static char empty[] = "";
    size_t n;
    char *copy;

    if (s == NULL || *s == '\0')
        return empty;
    n = strlen(s) + 1;
    copy = malloc(n);
    if (copy != NULL)
        memcpy(copy, s, n);
    return copy;
}

static void free_text(char *s)
{
    if (s != NULL && *s != '\0')
        free(s);
}

int ind_series_new(ind_series **out, const char *indicator, const char *entity,
                   const char *unit, ind_kind kind, ind_error *err)
{
    ind_series *s;

    if (out == NULL || indicator == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_series_new: %s is NULL",
                             out == NULL ? "out" : "indicator");
    *out = NULL;
    s = calloc(1, sizeof *s);
    if (s == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    s->indicator = copy_text(indicator);
    s->entity = copy_text(entity);
    s->unit = copy_text(unit);
    s->kind = kind;
    if (s->indicator == NULL || s->entity == NULL || s->unit == NULL) {
        ind_series_free(s);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    *out = s;
    return IND_OK;
}

void ind_series_free(ind_series *s)
{
    size_t i;

    if (s == NULL)
        return;
    for (i = 0; i < s->length; i++) {
        free_text((char *)s->points[i].as_of);
        free_text((char *)s->points[i].source);
    }
    free(s->points);
    free(s->years);
    free(s->values);
    free_text(s->indicator);
    free_text(s->entity);
    free_text(s->unit);
    free(s);
}

/* Make room for one more point in all three arrays. They start empty and
 * grow by the same rule, so their capacities stay equal. */
int ind_series_reserve(ind_series *s, size_t n)
{
    size_t cap_points = s->capacity, cap_years = s->capacity,
           cap_values = s->capacity;

    if (n <= s->capacity)
        return IND_OK;
    if (IND_ARRAY_RESERVE(s->points, cap_points, n) != 0 ||
        IND_ARRAY_RESERVE(s->years, cap_years, n) != 0 ||
        IND_ARRAY_RESERVE(s->values, cap_values, n) != 0)
        return IND_ENOMEM;
    s->capacity = cap_points;
    return IND_OK;
}

/* Put a copy of point at index at (room reserved): IND_OK or IND_ENOMEM. */
static int put_point(ind_series *s, size_t at, const ind_point *point)
{
    ind_point copy = *point;

    copy.as_of = copy_text(point->as_of);
    copy.source = copy_text(point->source);
    if (copy.as_of == NULL || copy.source == NULL) {
        free_text((char *)copy.as_of);
        free_text((char *)copy.source);
        return IND_ENOMEM;
    }
    if (at < s->length) {   /* not at the end, as points usually come */
        memmove(s->points + at + 1, s->points + at,
                (s->length - at) * sizeof *s->points);
        memmove(s->years + at + 1, s->years + at,
                (s->length - at) * sizeof *s->years);
        memmove(s->values + at + 1, s->values + at,
                (s->length - at) * sizeof *s->values);
    }
    s->points[at] = copy;
    s->years[at] = copy.year;
    s->values[at] = copy.value;
    s->length++;
    return IND_OK;
}

int ind_series_add(ind_series *s, const ind_point *point, ind_error *err)
{
    size_t at;

    if (s == NULL || point == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_series_add: NULL argument");
    if (!isfinite(point->value))
        return ind_error_set(err, IND_EINVAL, "%s %d: value is not finite",
                             s->indicator, point->year);
    /* Points usually arrive in order: search from the end. */
    at = s->length;
    while (at > 0 && s->years[at - 1] > point->year)
        at--;
    if (at > 0 && s->years[at - 1] == point->year)
        return ind_error_set(err, IND_EEXISTS, "%s already has a point for %d",
                             s->indicator, point->year);
    if (ind_series_reserve(s, s->length + 1) != IND_OK ||
        put_point(s, at, point) != IND_OK)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    return IND_OK;
}

int ind_series_append(ind_series *s, const ind_point *point)
{
    return put_point(s, s->length, point);
}

size_t ind_series_length(const ind_series *s)
{
    return s ? s->length : 0;
}

const ind_point *ind_series_point(const ind_series *s, size_t i)
{
    return (s != NULL && i < s->length) ? &s->points[i] : NULL;
}

const int *ind_series_years(const ind_series *s)
{
    return (s != NULL && s->length > 0) ? s->years : NULL;
}

const double *ind_series_values(const ind_series *s)
{
    return (s != NULL && s->length > 0) ? s->values : NULL;
}

long ind_series_find(const ind_series *s, int year)
{
    size_t lo = 0, hi;

    if (s == NULL)
        return -1;
    hi = s->length;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->years[mid] < year)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (lo < s->length && s->years[lo] == year) ? (long)lo : -1;
}

const char *ind_series_indicator(const ind_series *s)
{
    return s ? s->indicator : "";
}

const char *ind_series_entity(const ind_series *s)
{
    return s ? s->entity : "";
}

const char *ind_series_unit(const ind_series *s)
{
    return s ? s->unit : "";
}

ind_kind ind_series_kind(const ind_series *s)
{
    return s ? s->kind : IND_KIND_UNSPECIFIED;
}
