/* compose_check: a dataset's whole check as findings: the dataset's own
 * diagnostics (loading and validation), then the breaks of every series
 * found by the growth engine. */
#include "indicators/compose.h"
#include "array.h"
#include "error_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct ind_findings {
    ind_diagnostic *items;
    size_t n, cap;
    size_t count[3];           /* by severity */
};

void ind_findings_free(ind_findings *f)
{
    size_t i;

    if (f == NULL)
        return;
    for (i = 0; i < f->n; i++) {
        free((char *)f->items[i].path);
        free((char *)f->items[i].message);
        free((char *)f->items[i].subject);
    }
    free(f->items);
    free(f);
}

/* Keep a copy of a finding. Returns 0 or -1. */
static int add(ind_findings *f, const ind_diagnostic *d)
{
    ind_diagnostic *x;

    if (IND_ARRAY_RESERVE(f->items, f->cap, f->n + 1) != 0)
        return -1;
    x = &f->items[f->n];
    *x = *d;
    x->path = strdup(d->path ? d->path : "");
    x->message = strdup(d->message ? d->message : "");
    x->subject = strdup(d->subject ? d->subject : "");
    if (x->path == NULL || x->message == NULL || x->subject == NULL) {
        free((char *)x->path);
        free((char *)x->message);
        free((char *)x->subject);
        return -1;
    }
    f->n++;
    if ((unsigned)d->severity < 3)
        f->count[d->severity]++;
    return 0;
}

/* A warning about reading `r` of the dataset at `path`. */
static int add_warning(ind_findings *f, const char *path,
                       const ind_reading *r, const char *message)
{
    ind_diagnostic d;

    memset(&d, 0, sizeof d);
    d.severity = IND_SEVERITY_WARNING;
    d.path = path;
    d.line = r->line;
    d.message = message;
    d.subject = r->indicator;
    return add(f, &d);
}

/* Breaks in the chosen series, and readings not used that would break it
 * (such as a rival year-end figure). Returns 0 or -1 (no memory). */
static int add_breaks(ind_findings *f, ind_dataset *ds, size_t series)
{
    const char *path = ind_dataset_path(ds);
    ind_growth_break *breaks = NULL;
    ind_series *s = NULL;
    size_t n, k, at_reading, nbreaks = 0;
    char msg[600];
    int bad = 0;

    if (ind_dataset_series(ds, series, &s, NULL) != IND_OK)
        return 0; /* an undecided conflict: validation reports it */
    /* Count first: most series have no break, and a record holds a
     * 400-byte reason. */
    ind_growth_breaks(NULL, 0, &n, s, NULL, NULL);
    if (n > 0) {
        breaks = malloc(n * sizeof *breaks);
        bad = breaks == NULL;
        if (!bad && ind_growth_breaks(breaks, n, &nbreaks, s, NULL, NULL)
                != IND_OK)
            nbreaks = 0;
    }
    for (k = 0; !bad && k < nbreaks; k++) {
        long at = ind_series_find(s, breaks[k].year);
        ind_reading r;
        if (at < 0 || ind_dataset_reading(ds, ind_series_point(
                          s, (size_t)at)->reading, &r, NULL) != IND_OK)
            continue;
        snprintf(msg, sizeof msg, "possible break in %s %d: %s",
                 r.indicator, r.year, breaks[k].reason);
        bad = add_warning(f, path, &r, msg) != 0;
    }
    free(breaks);
    /* As many readings as points: every reading is used. */
    n = ind_dataset_series_reading_count(ds, series);
    if (n == ind_series_length(s))
        n = 0;
    for (k = 0; !bad && k < n; k++) {
        ind_growth_break verdict;
        ind_reading r;
        long at;
        if (ind_dataset_series_reading(ds, series, k, &at_reading, NULL)
                != IND_OK ||
            ind_dataset_reading(ds, at_reading, &r, NULL) != IND_OK)
            continue;
        at = ind_series_find(s, r.year);
        if (at >= 0 &&
            ind_series_point(s, (size_t)at)->reading == at_reading)
            continue;
        if (ind_growth_break_test(&verdict, s, r.year, r.value, r.status,
                                  NULL, NULL) != IND_OK ||
            verdict.rule == IND_BREAK_NONE)
            continue;
        snprintf(msg, sizeof msg, "reading not used for %s %d would break "
                 "the series: %s", r.indicator, r.year, verdict.reason);
        bad = add_warning(f, path, &r, msg) != 0;
    }
    ind_series_free(s);
    return bad ? -1 : 0;
}

static int check(ind_findings *f, ind_dataset *ds, ind_error *err)
{
    ind_error verr = IND_ERROR_INIT;
    int rc = ind_dataset_validate(ds, &verr), loaded;
    size_t i;

    if (rc == IND_ENOMEM)
        return ind_error_copy(err, &verr);
    loaded = !(rc != IND_OK && verr.detail == IND_DETAIL_NOT_LOADED);
    for (i = 0; i < ind_dataset_diagnostic_count(ds); i++) {
        ind_diagnostic d = *ind_dataset_diagnostic(ds, i);
        if (*d.path == '\0')
            d.path = ind_dataset_path(ds);
        if (add(f, &d) != 0)
            return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    if (!loaded && f->count[IND_SEVERITY_ERROR] == 0) {
        ind_diagnostic d;
        memset(&d, 0, sizeof d);
        d.severity = IND_SEVERITY_ERROR;
        d.path = ind_dataset_path(ds);
        d.message = verr.message;
        d.detail = verr.detail;
        if (add(f, &d) != 0)
            return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    for (i = 0; loaded && i < ind_dataset_series_count(ds); i++)
        if (add_breaks(f, ds, i) != 0)
            return ind_error_set(err, IND_ENOMEM, "out of memory");
    return IND_OK;
}

int ind_compose_check(ind_findings **out, ind_dataset *ds, ind_error *err)
{
    ind_findings *f;
    int rc;

    if (out == NULL || ds == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_compose_check: NULL "
                             "argument");
    *out = NULL;
    f = calloc(1, sizeof *f);
    if (f == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    rc = check(f, ds, err);
    if (rc != IND_OK) {
        ind_findings_free(f);
        return rc;
    }
    *out = f;
    return IND_OK;
}

size_t ind_findings_count(const ind_findings *f)
{
    return f ? f->n : 0;
}

size_t ind_findings_with(const ind_findings *f, ind_severity severity)
{
    return f && (unsigned)severity < 3 ? f->count[severity] : 0;
}

const ind_diagnostic *ind_findings_at(const ind_findings *f, size_t i)
{
    return f && i < f->n ? &f->items[i] : NULL;
}
