/* dataset_export: what the writers of the export formats share: the
 * series chosen by the options, built by the choice rule, and the output
 * of fields. Internal. */
#ifndef IND_DATASET_EXPORT_H
#define IND_DATASET_EXPORT_H

#include "dataset_internal.h"
#include "indicators/dataset_exchange.h"
#include <stdio.h>

/* One series to write. */
typedef struct exp_series {
    size_t index;            /* in the dataset */
    size_t indicator;        /* the indicator's index */
    ind_series *series;      /* by the choice rule */
} exp_series;

typedef struct exp_set {
    ind_dataset *ds;
    const ind_export_options *opt;
    exp_series *items;
    size_t n;
    char name[128];          /* the dataset's file name without .csv */
} exp_set;

/* The series the options pick, built. Returns IND_OK, IND_EDATA (an
 * undecided year; nothing picked), IND_ENOTFOUND (a filter names what the
 * dataset lacks) or IND_ENOMEM, with err. */
int exp_select(exp_set *x, ind_dataset *ds, const ind_export_options *opt,
               ind_error *err);
void exp_free(exp_set *x);

/* The code the export writes for an entity: the subject's for "". */
const char *exp_entity_code(const exp_set *x, const char *entity);

/* A text as one CSV field, then ',' unless last (then a line end). */
int exp_field(FILE *out, const char *text, int last);

/* A figure in its shortest round-trip form, as a field. */
int exp_number(FILE *out, double v, int last);

/* The reading a point of a series took. */
void exp_reading(const exp_set *x, const ind_point *p, ind_reading *r);

/* Write `path` atomically with fn(out, ctx). Returns IND_OK or
 * IND_EWRITE (err). */
typedef int (*exp_write_fn)(FILE *out, void *ctx);
int exp_write_file(const char *path, exp_write_fn fn, void *ctx,
                   ind_error *err);

/* Call fn for each distinct, non-empty source of the figures of
 * indicator i (or of all: i == -1); a non-zero return stops. Returns 0,
 * fn's code, or -1 (out of memory). */
typedef int (*exp_source_fn)(void *ctx, const char *source);
int exp_each_source(const exp_set *x, long indicator, exp_source_fn fn,
                    void *ctx);

/* The distinct sources of the series of indicator i (or all: i == -1),
 * joined by "; " into buf while they fit. */
void exp_sources(const exp_set *x, long indicator, char *buf, size_t n);

/* The data package writer (dataset_export_package.c). */
int exp_write_package(exp_set *x, const char *dir, ind_export_summary *sum,
                      ind_error *err);

#endif
