/* dataset_readings: how the readings are kept (see reading_store in
 * dataset_internal.h): 14 bytes a reading for what every reading has,
 * stretches and short lists for what few have, and the readings of each
 * series as a view that needs no order array when the rows came grouped
 * by series and in order. */
#include "dataset_internal.h"
#include "array.h"

#include <stdlib.h>
#include <string.h>

/* ---- stretches ---- */

/* The stretch holding reading i: the last one starting at or before it. */
static const reading_run *run_of(const reading_runs *r, size_t i)
{
    size_t lo = 0, hi = r->count;

    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->runs[mid].first <= i)
            lo = mid;
        else
            hi = mid;
    }
    return &r->runs[lo];
}

uint32_t ind_runs_at(const reading_runs *r, size_t i)
{
    return run_of(r, i)->value;
}

uint32_t ind_line_at(const reading_runs *r, size_t i)
{
    const reading_run *run = run_of(r, i);

    return run->value ? run->value + (uint32_t)(i - run->first) : 0;
}

/* Does reading i, with 'value', go on the last stretch? A stretch of lines
 * goes on one line at a time (0 stays 0); any other stretch holds one
 * value. */
static int continues(const reading_runs *r, size_t i, uint32_t value,
                     int lines)
{
    const reading_run *last;

    if (r->count == 0)
        return 0;
    last = &r->runs[r->count - 1];
    if (!lines || last->value == 0)
        return last->value == value;
    return value == last->value + (uint32_t)(i - last->first);
}

/* ---- the sorted lists ---- */

static const reading_mark *mark_of(const ind_dataset *ds, size_t i)
{
    size_t lo = 0, hi = ds->rd.nmarks;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (ds->rd.marks[mid].reading < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ds->rd.nmarks && ds->rd.marks[lo].reading == i
           ? &ds->rd.marks[lo] : NULL;
}

char rd_status(const ind_dataset *ds, size_t i)
{
    const reading_mark *m = ds->rd.nmarks ? mark_of(ds, i) : NULL;

    return m ? m->status : 0;
}

ind_role rd_role(const ind_dataset *ds, size_t i)
{
    const reading_mark *m = ds->rd.nmarks ? mark_of(ds, i) : NULL;

    return m ? (ind_role)m->role : IND_ROLE_NONE;
}

/* Position of i in the sorted list of replaced readings, or where it
 * would go. */
static size_t replaced_at(const reading_store *st, size_t i)
{
    size_t lo = 0, hi = st->nreplaced;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (st->replaced[mid] < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int rd_state(const ind_dataset *ds, size_t i)
{
    const reading_store *st = &ds->rd;

    if (st->nreplaced > 0) {
        size_t at = replaced_at(st, i);
        if (at < st->nreplaced && st->replaced[at] == i)
            return READING_REPLACED;
    }
    return i < st->nloaded ? READING_LOADED : READING_ADDED;
}

int ind_dataset_set_replaced(ind_dataset *ds, size_t i, int replaced)
{
    reading_store *st = &ds->rd;
    size_t at = replaced_at(st, i);
    int present = at < st->nreplaced && st->replaced[at] == i;

    if (replaced == present)
        return 0;
    if (replaced) {
        if (IND_ARRAY_RESERVE(st->replaced, st->replaced_cap,
                              st->nreplaced + 1) != 0)
            return -1;
        memmove(st->replaced + at + 1, st->replaced + at,
                (st->nreplaced - at) * sizeof *st->replaced);
        st->replaced[at] = (uint32_t)i;
        st->nreplaced++;
    } else {
        memmove(st->replaced + at, st->replaced + at + 1,
                (st->nreplaced - at - 1) * sizeof *st->replaced);
        st->nreplaced--;
    }
    return 0;
}

void ind_dataset_get_reading(const ind_dataset *ds, size_t i,
                             reading_rec *out)
{
    const reading_mark *m = ds->rd.nmarks ? mark_of(ds, i) : NULL;

    out->value = rd_value(ds, i);
    out->series = rd_series(ds, i);
    out->text = rd_text(ds, i);
    out->line = rd_line(ds, i);
    out->year = (int16_t)rd_year(ds, i);
    out->status = m ? m->status : 0;
    out->role = m ? m->role : IND_ROLE_NONE;
    out->state = (uint8_t)rd_state(ds, i);
}

/* ---- changing in place (a vintage's replay) ---- */

/* Reading i of the n takes 'value' in the stretches r: its stretch is cut
 * around it when the value differs. Returns 0 or -1. */
static int set_run_value(reading_runs *r, size_t i, size_t n, uint32_t value)
{
    size_t j = (size_t)(run_of(r, i) - r->runs), next, add = 0;
    reading_run cut[2];
    uint32_t old = r->runs[j].value;

    if (old == value)
        return 0;
    next = j + 1 < r->count ? r->runs[j + 1].first : n;
    if (IND_ARRAY_RESERVE(r->runs, r->cap, r->count + 2) != 0)
        return -1;
    if (i == r->runs[j].first)
        r->runs[j].value = value;        /* the stretch starts with it */
    else
        cut[add++] = (reading_run){ (uint32_t)i, value };
    if (i + 1 < next)
        cut[add++] = (reading_run){ (uint32_t)(i + 1), old };
    memmove(r->runs + j + 1 + add, r->runs + j + 1,
            (r->count - j - 1) * sizeof *r->runs);
    memcpy(r->runs + j + 1, cut, add * sizeof *cut);
    r->count += add;
    return 0;
}

/* Reading i's status and role in the sorted list of marks. */
static int set_mark(reading_store *st, size_t i, char status, uint8_t role)
{
    size_t lo = 0, hi = st->nmarks;
    int present;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (st->marks[mid].reading < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    present = lo < st->nmarks && st->marks[lo].reading == i;
    if (status == 0 && role == 0) {
        if (present) {
            memmove(st->marks + lo, st->marks + lo + 1,
                    (st->nmarks - lo - 1) * sizeof *st->marks);
            st->nmarks--;
        }
        return 0;
    }
    if (!present) {
        if (IND_ARRAY_RESERVE(st->marks, st->marks_cap, st->nmarks + 1) != 0)
            return -1;
        memmove(st->marks + lo + 1, st->marks + lo,
                (st->nmarks - lo) * sizeof *st->marks);
        st->nmarks++;
    }
    st->marks[lo] = (reading_mark){ (uint32_t)i, status, role };
    return 0;
}

int ind_dataset_set_reading(ind_dataset *ds, size_t i, const reading_rec *r)
{
    reading_store *st = &ds->rd;

    if (set_run_value(&st->texts, i, ds->nreadings, r->text) != 0 ||
        set_mark(st, i, r->status, r->role) != 0)
        return -1;
    st->value[i] = r->value;
    return 0;
}

int ind_dataset_keep_live_readings(ind_dataset *ds)
{
    reading_rec *live;
    size_t i, n = 0;

    live = malloc((ds->nreadings ? ds->nreadings : 1) * sizeof *live);
    if (live == NULL)
        return -1;
    for (i = 0; i < ds->nreadings; i++)
        if (!rd_replaced(ds, i))
            ind_dataset_get_reading(ds, i, &live[n++]);
    ind_dataset_free_readings(ds);
    ds->nreadings = 0;
    ds->order_valid = 0;
    for (i = 0; i < ds->nseries; i++)
        ds->series[i].count = 0;
    for (i = 0; i < n; i++)
        if (ind_dataset_push_reading(ds, &live[i]) == (size_t)-1)
            break;
    free(live);
    return i == n ? 0 : -1;
}

/* ---- adding and taking back ---- */

/* Room for n readings in the three arrays. Returns 0 or -1. */
static int grow_arrays(reading_store *st, size_t n)
{
    size_t cap = st->cap ? st->cap : 1024;
    double *value;
    int16_t *year;
    uint32_t *series;

    if (n <= st->cap)
        return 0;
    while (cap < n)
        cap *= 2;
    value = realloc(st->value, cap * sizeof *value);
    if (value == NULL)
        return -1;
    st->value = value;
    year = realloc(st->year, cap * sizeof *year);
    if (year == NULL)
        return -1;
    st->year = year;
    series = realloc(st->series, cap * sizeof *series);
    if (series == NULL)
        return -1;
    st->series = series;
    st->cap = cap;
    return 0;
}

int ind_dataset_reserve_readings(ind_dataset *ds, size_t n)
{
    return grow_arrays(&ds->rd, n);
}

/* Keep a series a range of readings in order, or say it no longer is:
 * reading i is the next of series s in the file. */
static void keep_grouping(ind_dataset *ds, series_rec *s, size_t i,
                          const reading_rec *r)
{
    size_t prev = i - 1;

    if (!ds->rd.grouped)
        return;
    if (s->count == 0) {
        s->first = i;
        return;
    }
    if (s->first + s->count != i || r->year < rd_year(ds, prev)) {
        ds->rd.grouped = 0;
        return;
    }
    if (r->year == rd_year(ds, prev) && r->text != rd_text(ds, prev) &&
        ind_as_of_end(ds_str(ds, ds->texts[rd_text(ds, prev)].as_of),
                      r->year) >
            ind_as_of_end(ds_str(ds, ds->texts[r->text].as_of), r->year))
        ds->rd.grouped = 0;
}

size_t ind_dataset_push_reading(ind_dataset *ds, const reading_rec *r)
{
    reading_store *st = &ds->rd;
    size_t i = ds->nreadings;
    int new_line, new_text, marked = r->status != 0 || r->role != 0;

    if (i >= UINT32_MAX - 1 || grow_arrays(st, i + 1) != 0)
        return (size_t)-1;
    new_line = !continues(&st->lines, i, r->line, 1);
    new_text = !continues(&st->texts, i, r->text, 0);
    if ((new_line && IND_ARRAY_RESERVE(st->lines.runs, st->lines.cap,
                                       st->lines.count + 1) != 0) ||
        (new_text && IND_ARRAY_RESERVE(st->texts.runs, st->texts.cap,
                                       st->texts.count + 1) != 0) ||
        (marked && IND_ARRAY_RESERVE(st->marks, st->marks_cap,
                                     st->nmarks + 1) != 0))
        return (size_t)-1;
    if (ds->nreadings == 0)
        st->grouped = 1;
    keep_grouping(ds, &ds->series[r->series], i, r);
    if (new_line)
        st->lines.runs[st->lines.count++] =
            (reading_run){ (uint32_t)i, r->line };
    if (new_text)
        st->texts.runs[st->texts.count++] =
            (reading_run){ (uint32_t)i, r->text };
    if (marked)
        st->marks[st->nmarks++] =
            (reading_mark){ (uint32_t)i, r->status, r->role };
    st->value[i] = r->value;
    st->year[i] = r->year;
    st->series[i] = r->series;
    if (r->state == READING_LOADED && st->nloaded == i)
        st->nloaded = i + 1;
    ds->series[r->series].count++;
    ds->nreadings++;
    ds->order_valid = st->grouped;
    ind_dataset_index_reading(ds, i);
    return i;
}

void ind_dataset_pop_reading(ind_dataset *ds)
{
    reading_store *st = &ds->rd;
    size_t i;

    if (ds->nreadings == 0)
        return;
    ind_dataset_unindex_last(ds);
    i = --ds->nreadings;
    ds->series[st->series[i]].count--;
    if (st->lines.count > 0 && st->lines.runs[st->lines.count - 1].first == i)
        st->lines.count--;
    if (st->texts.count > 0 && st->texts.runs[st->texts.count - 1].first == i)
        st->texts.count--;
    if (st->nmarks > 0 && st->marks[st->nmarks - 1].reading == i)
        st->nmarks--;
    if (st->nloaded > i)
        st->nloaded = i;
    ind_dataset_set_replaced(ds, i, 0);
    ds->order_valid = 0;
}

void ind_dataset_free_readings(ind_dataset *ds)
{
    reading_store *st = &ds->rd;

    free(st->value);
    free(st->year);
    free(st->series);
    free(st->lines.runs);
    free(st->texts.runs);
    free(st->marks);
    free(st->replaced);
    free(ds->order);
    memset(st, 0, sizeof *st);
    ds->order = NULL;
}

/* ---- the reading order ---- */

/* A reading's place in its series' order: year, effective date, index. */
typedef struct order_key {
    int year;
    long end;
    uint32_t reading;
} order_key;

static order_key key_of(const ind_dataset *ds, uint32_t i)
{
    order_key k;

    k.year = rd_year(ds, i);
    k.end = ind_as_of_end(ds_str(ds, rd_as_of(ds, i)), k.year);
    k.reading = i;
    return k;
}

static int compare_keys(const void *a, const void *b)
{
    const order_key *x = a, *y = b;

    if (x->year != y->year)
        return x->year < y->year ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return (x->reading > y->reading) - (x->reading < y->reading);
}

/* Sort one series' bucket of reading indices. Buckets are usually in
 * order already (files are written by year); only the others pay for a
 * key array. Returns IND_OK or IND_ENOMEM. */
static int sort_bucket(const ind_dataset *ds, uint32_t *idx, size_t n)
{
    order_key *keys, prev, cur;
    size_t k;

    for (k = 1; k < n; k++) {
        prev = key_of(ds, idx[k - 1]);
        cur = key_of(ds, idx[k]);
        if (compare_keys(&prev, &cur) > 0)
            break;
    }
    if (k >= n)
        return IND_OK;
    keys = malloc(n * sizeof *keys);
    if (keys == NULL)
        return IND_ENOMEM;
    for (k = 0; k < n; k++)
        keys[k] = key_of(ds, idx[k]);
    qsort(keys, n, sizeof *keys, compare_keys);
    for (k = 0; k < n; k++)
        idx[k] = keys[k].reading;
    free(keys);
    return IND_OK;
}

int ind_dataset_build_order(ind_dataset *ds)
{
    size_t *fill, i, pos = 0;

    if (ds->rd.grouped || ds->nreadings == 0) {
        free(ds->order);
        ds->order = NULL;
        ds->order_valid = 1;
        if (ds->nreadings == 0)
            ds->rd.grouped = 1;
        return IND_OK;
    }
    free(ds->order);
    ds->order = malloc(ds->nreadings * sizeof *ds->order);
    fill = calloc(ds->nseries ? ds->nseries : 1, sizeof *fill);
    if (ds->order == NULL || fill == NULL) {
        free(fill);
        free(ds->order);
        ds->order = NULL;
        return IND_ENOMEM;
    }
    for (i = 0; i < ds->nseries; i++) {
        ds->series[i].first = pos;
        pos += ds->series[i].count;
    }
    /* Bucket by series in one pass (file order within a bucket). */
    for (i = 0; i < ds->nreadings; i++) {
        uint32_t s = rd_series(ds, i);
        ds->order[ds->series[s].first + fill[s]++] = (uint32_t)i;
    }
    free(fill);
    for (i = 0; i < ds->nseries; i++)
        if (sort_bucket(ds, ds->order + ds->series[i].first,
                        ds->series[i].count) != IND_OK)
            return IND_ENOMEM;
    ds->order_valid = 1;
    return IND_OK;
}

int ind_dataset_ensure_order(const ind_dataset *ds, ind_error *err)
{
    if (ds->order_valid)
        return IND_OK;
    /* The order is a cache of the records: rebuilding it is not a change
     * a reader can see. */
    if (ind_dataset_build_order((ind_dataset *)ds) != IND_OK)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    return IND_OK;
}

int ind_dataset_series_view(const ind_dataset *ds, size_t i,
                            reading_view *out, ind_error *err)
{
    int rc = ind_dataset_ensure_order(ds, err);

    if (rc != IND_OK)
        return rc;
    out->order = ds->rd.grouped ? NULL : ds->order;
    out->first = ds->series[i].first;
    out->count = ds->series[i].count;
    return IND_OK;
}
