/* forecast_bench: score every projection model on the M1 competition's
 * yearly series (the development set in ../shared/forecast-bench/) and
 * write docs/FORECASTING.md. A program you run, not a test:
 *
 *   cmake --build build --target forecast_bench
 *   build/tests/forecast_bench [BENCH_DIR [OUTPUT.md]]
 *
 * BENCH_DIR holds m1-yearly.csv, m1-yearly-test.csv and r-scores.csv
 * (default ../shared/forecast-bench beside the source tree, as laid out on
 * the project's machines); OUTPUT defaults to docs/FORECASTING.md.
 *
 * Scoring is exactly the bench README's (h = 6): sMAPE = mean over h of
 * 200 |x - f| / (|x| + |f|), MASE = mean |x - f| over the in-sample mean
 * |y_t - y_(t-1)|, each averaged over the series; coverage = the share of
 * all test values inside the interval, ends included. A model that cannot
 * be fitted to a series forecasts it with naive (no change), without an
 * interval (counted as not covering), and the table says how often. */
#include "csvfile.h"
#include "error_internal.h"
#include "projection_internal.h"
#include "indicators/error.h"
#include "indicators/projection.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define H 6
#define MAX_SERIES 512
#define MAX_POINTS 128

typedef struct series {
    char id[32];
    size_t n;
    double years[MAX_POINTS];
    double values[MAX_POINTS];
    size_t ntest;
    double test[H];
} series;

typedef struct bench {
    series *s;
    size_t count;
} bench;

typedef struct load_ctx {
    bench *b;
    int test;
} load_ctx;

static series *find_or_add(bench *b, const char *id)
{
    size_t i;

    for (i = b->count; i > 0; i--) {
        if (strcmp(b->s[i - 1].id, id) == 0)
            return &b->s[i - 1];
    }
    if (b->count == MAX_SERIES)
        return NULL;
    memset(&b->s[b->count], 0, sizeof b->s[b->count]);
    snprintf(b->s[b->count].id, sizeof b->s[b->count].id, "%s", id);
    return &b->s[b->count++];
}

static int on_row(void *ctx, const ind_csv_row *row, ind_error *err)
{
    load_ctx *l = ctx;
    series *s;

    if (row->index == 0)
        return IND_OK;
    if (row->count < 3)
        return ind_error_set(err, IND_EPARSE, "line %lu: 3 fields expected",
                             row->line);
    s = find_or_add(l->b, row->field[0]);
    if (s == NULL)
        return ind_error_set(err, IND_EDATA, "too many series");
    if (l->test) {
        if (s->ntest < H)
            s->test[s->ntest++] = strtod(row->field[2], NULL);
    } else if (s->n < MAX_POINTS) {
        s->years[s->n] = strtod(row->field[1], NULL);
        s->values[s->n++] = strtod(row->field[2], NULL);
    }
    return IND_OK;
}

static int load(bench *b, const char *dir)
{
    char path[4096];
    ind_error err = IND_ERROR_INIT;
    load_ctx l = { b, 0 };

    snprintf(path, sizeof path, "%s/m1-yearly.csv", dir);
    if (ind_csv_read(path, path, on_row, &l, NULL, &err) != IND_OK) {
        fprintf(stderr, "forecast_bench: %s\n", err.message);
        return -1;
    }
    l.test = 1;
    snprintf(path, sizeof path, "%s/m1-yearly-test.csv", dir);
    if (ind_csv_read(path, path, on_row, &l, NULL, &err) != IND_OK) {
        fprintf(stderr, "forecast_bench: %s\n", err.message);
        return -1;
    }
    return 0;
}

/* One evaluation: a training series and the values to forecast. */
typedef struct task {
    const double *years;
    const double *values;
    size_t n;
    const double *test;
} task;

typedef struct score {
    double smape, mase;     /* sums over series */
    size_t series;
    size_t inside80, inside95, values;
    size_t failed;
    double seconds;
    size_t chosen[IND_MODEL_COUNT];   /* auto: the model it kept */
} score;

static double in_sample_mae(const double *y, size_t n)
{
    double s = 0.0;
    size_t i;

    for (i = 1; i < n; i++)
        s += fabs(y[i] - y[i - 1]);
    return s / (double)(n - 1);
}

static void score_task(score *sc, ind_model model, const task *t)
{
    ind_projection_options o = IND_PROJECTION_OPTIONS_INIT;
    ind_projection *p = NULL;
    double f[H], lo80[H], hi80[H], lo95[H], hi95[H], sm = 0.0, ae = 0.0;
    size_t h;
    struct timespec a, b;

    o.model = model;
    clock_gettime(CLOCK_MONOTONIC, &a);
    if (ind_projection_fit(&p, t->years, t->values, t->n,
                           (int)t->years[t->n - 1] + H, &o, NULL) == IND_OK) {
        sc->chosen[ind_projection_model(p)]++;
        for (h = 0; h < H; h++) {
            f[h] = ind_projection_mean(p)[h];
            lo80[h] = ind_projection_lower(p, 0)[h];
            hi80[h] = ind_projection_upper(p, 0)[h];
            lo95[h] = ind_projection_lower(p, 1)[h];
            hi95[h] = ind_projection_upper(p, 1)[h];
        }
    } else {
        sc->failed++;
        for (h = 0; h < H; h++) {
            f[h] = t->values[t->n - 1];
            lo80[h] = hi80[h] = lo95[h] = hi95[h] = NAN;
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    sc->seconds += (double)(b.tv_sec - a.tv_sec)
                   + 1e-9 * (double)(b.tv_nsec - a.tv_nsec);
    ind_projection_free(p);
    for (h = 0; h < H; h++) {
        double x = t->test[h];

        sm += 200.0 * fabs(x - f[h]) / (fabs(x) + fabs(f[h]));
        ae += fabs(x - f[h]);
        sc->inside80 += x >= lo80[h] && x <= hi80[h];
        sc->inside95 += x >= lo95[h] && x <= hi95[h];
        sc->values++;
    }
    sc->smape += sm / H;
    sc->mase += ae / H / in_sample_mae(t->values, t->n);
    sc->series++;
}

static const ind_model models[] = {
    IND_MODEL_AUTO, IND_MODEL_COMBO, IND_MODEL_THETA, IND_MODEL_DRIFT,
    IND_MODEL_DAMPED, IND_MODEL_HOLT, IND_MODEL_NAIVE, IND_MODEL_LINEAR,
    IND_MODEL_EXPONENTIAL, IND_MODEL_POLYNOMIAL, IND_MODEL_LOGISTIC
};
#define NMODELS (sizeof models / sizeof models[0])

/* The variants of the development set the robustness checks score. */
typedef enum variant {
    FULL,       /* the competition's split */
    HALF_A,     /* odd-numbered series */
    HALF_B,     /* even-numbered series */
    WINDOW_12,  /* only the last 12 training years */
    SHIFTED     /* forecast the last 6 training years from the others */
} variant;

static int make_task(task *t, const series *s, size_t index, variant v)
{
    t->years = s->years;
    t->values = s->values;
    t->n = s->n;
    t->test = s->test;
    if (s->ntest != H)
        return 0;
    switch (v) {
    case HALF_A:
        return index % 2 == 0;
    case HALF_B:
        return index % 2 == 1;
    case WINDOW_12:
        if (s->n > 12) {
            t->years += s->n - 12;
            t->values += s->n - 12;
            t->n = 12;
        }
        return 1;
    case SHIFTED:
        if (s->n < H + 8)
            return 0;
        t->n = s->n - H;
        t->test = s->values + t->n;
        return 1;
    case FULL:
    default:
        return 1;
    }
}

static void run_variant(const bench *b, variant v, score *out)
{
    size_t m, i;

    memset(out, 0, NMODELS * sizeof *out);
    for (m = 0; m < NMODELS; m++) {
        for (i = 0; i < b->count; i++) {
            task t;

            if (make_task(&t, &b->s[i], i, v))
                score_task(&out[m], models[m], &t);
        }
    }
}

static void print_row(FILE *f, const char *name, const score *s)
{
    fprintf(f, "| `%s` | %.2f | %.3f | %.1f%% | %.1f%% | %zu | %.1f |\n",
            name, s->smape / (double)s->series, s->mase / (double)s->series,
            100.0 * (double)s->inside80 / (double)s->values,
            100.0 * (double)s->inside95 / (double)s->values, s->failed,
            1e3 * s->seconds / (double)s->series);
}

static void print_table(FILE *f, const score *sc)
{
    size_t m;

    fprintf(f, "| model | sMAPE | MASE | 80%% covers | 95%% covers | "
               "not fitted | ms a series |\n|---|---|---|---|---|---|---|\n");
    for (m = 0; m < NMODELS; m++)
        print_row(f, ind_model_name(models[m]), &sc[m]);
}

static void print_short(FILE *f, const char *title, const score *sc,
                        size_t nseries)
{
    static const size_t shown[] = { 0, 1, 2, 3, 4, 6 };
    size_t k;

    fprintf(f, "| %s (%zu series) | sMAPE | MASE | 80%% | 95%% |\n"
               "|---|---|---|---|---|\n", title, nseries);
    for (k = 0; k < sizeof shown / sizeof shown[0]; k++) {
        const score *s = &sc[shown[k]];

        fprintf(f, "| `%s` | %.2f | %.3f | %.1f%% | %.1f%% |\n",
                ind_model_name(models[shown[k]]),
                s->smape / (double)s->series, s->mase / (double)s->series,
                100.0 * (double)s->inside80 / (double)s->values,
                100.0 * (double)s->inside95 / (double)s->values);
    }
    fputc('\n', f);
}

/* r-scores.csv as a Markdown table. */
static void print_r_scores(FILE *f, const char *dir)
{
    char path[4096], line[512];
    FILE *in;

    snprintf(path, sizeof path, "%s/r-scores.csv", dir);
    in = fopen(path, "r");
    if (in == NULL) {
        fprintf(f, "(r-scores.csv not found)\n\n");
        return;
    }
    fprintf(f, "| R 4.2.2, forecast 8.20 | sMAPE | MASE | 80%% covers | "
               "95%% covers |\n|---|---|---|---|---|\n");
    if (fgets(line, sizeof line, in) != NULL) {
        while (fgets(line, sizeof line, in) != NULL) {
            char name[64];
            double a, b, c, d;

            if (sscanf(line, "\"%63[^\"]\",%lf,%lf,%lf,%lf", name, &a, &b,
                       &c, &d) == 5)
                fprintf(f, "| `%s` | %.2f | %.3f | %.1f%% | %.1f%% |\n",
                        name, a, b, c, d);
        }
    }
    fputc('\n', f);
    fclose(in);
}

/* ---- the tuning check: auto's one constant chosen on one half of the
 * series, scored on the other ---- */

static const double margins[] = { 0.0, 0.05, 0.10, 0.20, 0.30, 1.0 };
#define NMARGINS (sizeof margins / sizeof margins[0])

/* auto with its margin set, through the library's internal entry. */
static void score_margin(score *sc, double margin, const task *t)
{
    ind_proj_input in;
    ind_projection *p = NULL;
    double sm = 0.0, ae = 0.0;
    size_t h;

    memset(&in, 0, sizeof in);
    in.years = t->years;
    in.values = t->values;
    in.n = t->n;
    in.to_year = (int)t->years[t->n - 1] + H;
    in.opts = (ind_projection_options)IND_PROJECTION_OPTIONS_INIT;
    in.max_origins = IND_PROJ_RECENT_ORIGINS;
    in.auto_margin = margin;
    if (ind_proj_fit_auto(&p, &in, NULL) != IND_OK) {
        sc->failed++;
        return;
    }
    for (h = 0; h < H; h++) {
        double x = t->test[h], f = ind_projection_mean(p)[h];

        sm += 200.0 * fabs(x - f) / (fabs(x) + fabs(f));
        ae += fabs(x - f);
        sc->inside80 += x >= ind_projection_lower(p, 0)[h]
                        && x <= ind_projection_upper(p, 0)[h];
        sc->inside95 += x >= ind_projection_lower(p, 1)[h]
                        && x <= ind_projection_upper(p, 1)[h];
        sc->values++;
    }
    sc->smape += sm / H;
    sc->mase += ae / H / in_sample_mae(t->values, t->n);
    sc->series++;
    ind_projection_free(p);
}

/* The margin with the lowest sMAPE + MASE relative to the default's, on
 * half `v`; every margin's scores on both halves into sc[half][margin]. */
static void tuning_check(FILE *f, const bench *b)
{
    static score sc[2][NMARGINS];
    size_t half, m, i, best[2] = { 0, 0 };

    memset(sc, 0, sizeof sc);
    for (half = 0; half < 2; half++) {
        for (m = 0; m < NMARGINS; m++) {
            for (i = 0; i < b->count; i++) {
                task t;

                if (make_task(&t, &b->s[i], i, half ? HALF_B : HALF_A))
                    score_margin(&sc[half][m], margins[m], &t);
            }
        }
    }
    for (half = 0; half < 2; half++) {
        double low = INFINITY;

        for (m = 0; m < NMARGINS; m++) {
            const score *s = &sc[half][m];
            /* sMAPE and MASE relative to the default margin's, averaged
             * (the M4 competition's overall weighted average works so) */
            double r = 0.5 * (s->smape / sc[half][2].smape
                              + s->mase / sc[half][2].mase);

            if (r < low) {
                low = r;
                best[half] = m;
            }
        }
    }
    fprintf(f, "**Tuning on one half, scoring on the other.** auto's "
               "choice rests on two constants set by judgement before any "
               "scoring: at least 10 common past forecasts, and the margin "
               "by which a single model must beat the combination on them "
               "(10%%; 100%% means always the combination). The margin is "
               "the one that moves the scores. Each margin's "
               "sMAPE / MASE on each half (odd- and even-numbered series):\n"
               "\n| margin | odd half | even half |\n|---|---|---|\n");
    for (m = 0; m < NMARGINS; m++)
        fprintf(f, "| %.0f%% | %.2f / %.3f | %.2f / %.3f |\n",
                100.0 * margins[m],
                sc[0][m].smape / (double)sc[0][m].series,
                sc[0][m].mase / (double)sc[0][m].series,
                sc[1][m].smape / (double)sc[1][m].series,
                sc[1][m].mase / (double)sc[1][m].series);
    for (half = 0; half < 2; half++) {
        const score *own = &sc[1 - half][best[half]];
        const score *def = &sc[1 - half][2];

        fprintf(f, "\nTuned on the %s half (lowest mean of sMAPE and MASE "
                   "relative to the default's): %.0f%%; on the %s half it "
                   "scores %.2f / %.3f against the default's %.2f / %.3f.",
                half ? "even" : "odd", 100.0 * margins[best[half]],
                half ? "odd" : "even",
                own->smape / (double)own->series,
                own->mase / (double)own->series,
                def->smape / (double)def->series,
                def->mase / (double)def->series);
    }
    fprintf(f, "\n\n");
}

extern const char forecast_bench_methods[];

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : IND_SOURCE_DIR
                                          "/../shared/forecast-bench";
    const char *out = argc > 2 ? argv[2] : IND_SOURCE_DIR
                                          "/docs/FORECASTING.md";
    static score sc[5][NMODELS];
    static const char *const titles[5] = {
        "the competition's split", "odd-numbered series",
        "even-numbered series", "last 12 training years only",
        "the 6 years before the split"
    };
    bench b;
    size_t v, counts[5];
    FILE *f;

    ind_library_init();
    b.s = calloc(MAX_SERIES, sizeof *b.s);
    b.count = 0;
    if (b.s == NULL || load(&b, dir) != 0)
        return 1;
    for (v = 0; v < 5; v++) {
        run_variant(&b, (variant)v, sc[v]);
        counts[v] = sc[v][0].series;
        fprintf(stderr, "forecast_bench: %s done\n", titles[v]);
    }
    f = fopen(out, "w");
    if (f == NULL) {
        perror(out);
        return 1;
    }
    fprintf(f, "# Forecasting: methods and their accuracy\n\n"
               "Written by `tests/bench/forecast_bench.c` (`cmake --build "
               "build --target forecast_bench && build/tests/forecast_bench "
               "[BENCH_DIR]`); do not edit by hand.\n\n"
               "## The development set: M1's %zu yearly series, h = 6\n\n"
               "Every model with its default intervals (calibrated for "
               "`auto` and `combo`, the model's own for the others), "
               "scored as `../shared/forecast-bench/README.md` defines it. "
               "\"not fitted\": series the model refused (too short, or a "
               "logistic that does not level off), forecast as naive "
               "without an interval.\n\n", b.count);
    print_table(f, sc[FULL]);
    fprintf(f, "\n`auto` kept, on these series:");
    {
        size_t m, first = 1;

        for (m = 0; m < IND_MODEL_COUNT; m++) {
            if (sc[FULL][0].chosen[m] == 0)
                continue;
            fprintf(f, "%s `%s` %zu", first ? "" : ",",
                    ind_model_name((ind_model)m), sc[FULL][0].chosen[m]);
            first = 0;
        }
    }
    fprintf(f, ".\n\nR's figures on the same split (`r-scores.csv`):\n\n");
    print_r_scores(f, dir);
    fprintf(f, "%s", forecast_bench_methods);
    fprintf(f, "\n## Robustness checks\n\n"
               "Nothing in the methods was tuned per half: the same code "
               "scores each half of the series, a shorter history, and an "
               "earlier forecast origin.\n\n");
    for (v = 1; v < 5; v++)
        print_short(f, titles[v], sc[v], counts[v]);
    tuning_check(f, &b);
    fclose(f);
    print_table(stdout, sc[FULL]);
    for (v = 1; v < 5; v++)
        print_short(stdout, titles[v], sc[v], counts[v]);
    free(b.s);
    return 0;
}
