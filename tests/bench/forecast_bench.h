/* Shared pieces of the forecast benchmark (forecast_bench.c, the program;
 * forecast_candidates.c, the candidate defaults it compares). */
#ifndef FORECAST_BENCH_H
#define FORECAST_BENCH_H

#include <stddef.h>

#define FB_H 6
#define FB_MAX_POINTS 128

/* One series of a development set: training years and the FB_H years to
 * forecast. */
typedef struct fb_series {
    char id[72];
    char collection[48];   /* from NAME.sources.csv, "" when none */
    size_t n;
    double years[FB_MAX_POINTS];
    double values[FB_MAX_POINTS];
    size_t ntest;
    double test[FB_H];
} fb_series;

/* One evaluation: a training window and the values to forecast. */
typedef struct fb_task {
    const double *years;
    const double *values;
    size_t n;
    const double *test;
} fb_task;

/* The scores of one forecast of one task. */
typedef struct fb_result {
    double smape, mase;   /* this series' */
    size_t inside80, inside95, values;
    int failed;           /* the model refused: naive was scored instead */
    double seconds;
    int chosen;           /* auto: the model it kept; else -1 */
} fb_result;

/* Score the point forecasts f[0..FB_H) (and bounds, NULL for none). */
void fb_score(fb_result *r, const fb_task *t, const double *f,
              const double *lo80, const double *hi80, const double *lo95,
              const double *hi95);

struct ind_projection;
/* auto with its margin set (the library's internal entry), its intervals
 * calibrated or the model's; 1 when it fitted. */
int fb_fit_auto(struct ind_projection **out, const fb_task *t, double margin,
                int calibrated);

/* The candidate defaults compared (forecast_candidates.c). */
size_t fb_ncandidates(void);
const char *fb_candidate_name(size_t k);
const char *fb_candidate_text(size_t k);
/* Point forecasts of every candidate for t into r[0..fb_ncandidates()). */
void fb_candidates_run(fb_result *r, const fb_task *t);

#endif
