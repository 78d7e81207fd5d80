/* forecast_bench: score every projection model, and the candidate
 * defaults for `auto`, on development sets of real yearly series, and
 * write docs/FORECASTING.md. A program you run, not a test:
 *
 *   cmake --build build --target forecast_bench
 *   build/tests/forecast_bench [-o OUTPUT.md] [SET_DIR ...]
 *
 * A SET_DIR holds NAME.csv (the training years: indicator,year,value) and
 * NAME-test.csv (the next six years of each series), and may hold
 * NAME.sources.csv (indicator,collection,...: the scores are also split by
 * collection), r-scores.csv (R's figures on the same split) and README.md
 * (its first heading names the set). Default: ../shared/forecast-bench
 * beside the source tree (the M1 competition's yearly series) and
 * tests/data/projection-annual (yearly series of Debian's gretl and R
 * sample data); OUTPUT defaults to docs/FORECASTING.md.
 *
 * Scoring is exactly the M1 bench README's (h = 6): sMAPE = mean over h of
 * 200 |x - f| / (|x| + |f|), MASE = mean |x - f| over the in-sample mean
 * |y_t - y_(t-1)|, each averaged over the series; coverage = the share of
 * all test values inside the interval, ends included. A model that cannot
 * be fitted to a series forecasts it with naive (no change), without an
 * interval (counted as not covering), and the table says how often. */
#include "csvfile.h"
#include "error_internal.h"
#include "forecast_bench.h"
#include "projection_internal.h"
#include "indicators/error.h"
#include "indicators/projection.h"

#include <glob.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAX_SERIES 4096
#define MAX_SETS 4
#define MAX_COLLECTIONS 12

typedef struct bench {
    char dir[4096];
    char name[64];          /* NAME of NAME-test.csv */
    char title[160];
    fb_series *s;
    size_t count;
    char collections[MAX_COLLECTIONS][48];
    size_t ncollections;
} bench;

typedef struct load_ctx {
    bench *b;
    int what;               /* 0 training, 1 test, 2 sources */
} load_ctx;

static fb_series *find_series(bench *b, const char *id, int add)
{
    size_t i;

    for (i = b->count; i > 0; i--) {
        if (strcmp(b->s[i - 1].id, id) == 0)
            return &b->s[i - 1];
    }
    if (!add || b->count == MAX_SERIES)
        return NULL;
    memset(&b->s[b->count], 0, sizeof b->s[b->count]);
    snprintf(b->s[b->count].id, sizeof b->s[b->count].id, "%s", id);
    return &b->s[b->count++];
}

static void add_collection(bench *b, const char *name)
{
    size_t i;

    for (i = 0; i < b->ncollections; i++) {
        if (strcmp(b->collections[i], name) == 0)
            return;
    }
    if (b->ncollections < MAX_COLLECTIONS)
        snprintf(b->collections[b->ncollections++], 48, "%s", name);
}

static int on_row(void *ctx, const ind_csv_row *row, ind_error *err)
{
    load_ctx *l = ctx;
    fb_series *s;

    if (row->index == 0)
        return IND_OK;
    if (row->count < (l->what == 2 ? 2u : 3u))
        return ind_error_set(err, IND_EPARSE, "line %lu: too few fields",
                             row->line);
    s = find_series(l->b, row->field[0], l->what == 0);
    if (s == NULL)
        return l->what == 0 ? ind_error_set(err, IND_EDATA,
                                            "too many series")
                            : IND_OK;
    if (l->what == 2) {
        snprintf(s->collection, sizeof s->collection, "%s", row->field[1]);
        add_collection(l->b, s->collection);
    } else if (l->what == 1) {
        if (s->ntest < FB_H)
            s->test[s->ntest++] = strtod(row->field[2], NULL);
    } else if (s->n < FB_MAX_POINTS) {
        s->years[s->n] = strtod(row->field[1], NULL);
        s->values[s->n++] = strtod(row->field[2], NULL);
    }
    return IND_OK;
}

static int read_part(bench *b, const char *suffix, int what, int optional)
{
    char path[4400];
    ind_error err = IND_ERROR_INIT;
    load_ctx l = { b, what };
    int rc;

    snprintf(path, sizeof path, "%.4000s/%.60s%.20s", b->dir, b->name, suffix);
    rc = ind_csv_read(path, path, on_row, &l, NULL, &err);
    if (rc == IND_ENOTFOUND && optional)
        return 0;
    if (rc != IND_OK) {
        fprintf(stderr, "forecast_bench: %s\n", err.message);
        return -1;
    }
    return 0;
}

/* The set's title: the first heading of its README.md, else its name. */
static void read_title(bench *b)
{
    char path[4400], line[256];
    FILE *f;

    snprintf(b->title, sizeof b->title, "%s", b->name);
    snprintf(path, sizeof path, "%.4000s/README.md", b->dir);
    f = fopen(path, "r");
    if (f == NULL)
        return;
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, "# ", 2) == 0) {
            line[strcspn(line, "\r\n")] = '\0';
            snprintf(b->title, sizeof b->title, "%.159s", line + 2);
            break;
        }
    }
    fclose(f);
}

static int load(bench *b, const char *dir)
{
    char pattern[4200];
    glob_t g;
    const char *base;
    size_t len;

    snprintf(b->dir, sizeof b->dir, "%.4000s", dir);
    snprintf(pattern, sizeof pattern, "%.4000s/*-test.csv", dir);
    if (glob(pattern, 0, NULL, &g) != 0 || g.gl_pathc != 1) {
        fprintf(stderr, "forecast_bench: %s: expected exactly one "
                        "NAME-test.csv\n", dir);
        if (g.gl_pathc > 0)
            globfree(&g);
        return -1;
    }
    base = strrchr(g.gl_pathv[0], '/') + 1;
    len = strlen(base) - strlen("-test.csv");
    snprintf(b->name, sizeof b->name, "%.*s", (int)len, base);
    globfree(&g);
    read_title(b);
    if (read_part(b, ".csv", 0, 0) != 0 || read_part(b, "-test.csv", 1, 0)
        || read_part(b, ".sources.csv", 2, 1) != 0)
        return -1;
    return 0;
}

/* ---- scoring ---- */

static double in_sample_mae(const double *y, size_t n)
{
    double s = 0.0;
    size_t i;

    for (i = 1; i < n; i++)
        s += fabs(y[i] - y[i - 1]);
    return s / (double)(n - 1);
}

void fb_score(fb_result *r, const fb_task *t, const double *f,
              const double *lo80, const double *hi80, const double *lo95,
              const double *hi95)
{
    double sm = 0.0, ae = 0.0;
    size_t h;

    memset(r, 0, sizeof *r);
    r->chosen = -1;
    for (h = 0; h < FB_H; h++) {
        double x = t->test[h];

        sm += 200.0 * fabs(x - f[h]) / (fabs(x) + fabs(f[h]));
        ae += fabs(x - f[h]);
        if (lo80 != NULL) {
            r->inside80 += x >= lo80[h] && x <= hi80[h];
            r->inside95 += x >= lo95[h] && x <= hi95[h];
        }
        r->values++;
    }
    r->smape = sm / FB_H;
    r->mase = ae / FB_H / in_sample_mae(t->values, t->n);
}

static void score_model(fb_result *r, ind_model model, const fb_task *t)
{
    ind_projection_options o = IND_PROJECTION_OPTIONS_INIT;
    ind_projection *p = NULL;
    double f[FB_H];
    struct timespec a, b;
    size_t h;
    int ok;

    o.model = model;
    clock_gettime(CLOCK_MONOTONIC, &a);
    ok = ind_projection_fit(&p, t->years, t->values, t->n,
                            (int)t->years[t->n - 1] + FB_H, &o, NULL)
         == IND_OK;
    clock_gettime(CLOCK_MONOTONIC, &b);
    if (ok) {
        fb_score(r, t, ind_projection_mean(p), ind_projection_lower(p, 0),
                 ind_projection_upper(p, 0), ind_projection_lower(p, 1),
                 ind_projection_upper(p, 1));
        r->chosen = (int)ind_projection_model(p);
    } else {
        for (h = 0; h < FB_H; h++)
            f[h] = t->values[t->n - 1];
        fb_score(r, t, f, NULL, NULL, NULL, NULL);
        r->failed = 1;
    }
    r->seconds = (double)(b.tv_sec - a.tv_sec)
                 + 1e-9 * (double)(b.tv_nsec - a.tv_nsec);
    ind_projection_free(p);
}

static const ind_model models[] = {
    IND_MODEL_AUTO, IND_MODEL_COMBO, IND_MODEL_THETA, IND_MODEL_DRIFT,
    IND_MODEL_DAMPED, IND_MODEL_HOLT, IND_MODEL_NAIVE, IND_MODEL_LINEAR,
    IND_MODEL_EXPONENTIAL, IND_MODEL_POLYNOMIAL, IND_MODEL_LOGISTIC,
    IND_MODEL_DOTM
};
#define NMODELS (sizeof models / sizeof models[0])
/* The models of the short tables: auto, combo, theta, drift, damped,
 * naive. */
static const size_t shown[] = { 0, 1, 2, 3, 4, 6 };
#define NSHOWN (sizeof shown / sizeof shown[0])

/* The windows the robustness checks score. */
typedef enum variant {
    FULL,       /* the set's split */
    WINDOW_12,  /* only the last 12 training years */
    SHIFTED,    /* forecast the last 6 training years from the others */
    NVARIANTS
} variant;

static const char *const variant_titles[NVARIANTS] = {
    "the set's split", "last 12 training years only",
    "the 6 years before the split"
};

static int make_task(fb_task *t, const fb_series *s, variant v)
{
    t->years = s->years;
    t->values = s->values;
    t->n = s->n;
    t->test = s->test;
    if (s->ntest != FB_H || s->n < 3)
        return 0;
    if (v == WINDOW_12 && s->n > 12) {
        t->years += s->n - 12;
        t->values += s->n - 12;
        t->n = 12;
    } else if (v == SHIFTED) {
        if (s->n < FB_H + 8)
            return 0;
        t->n = s->n - FB_H;
        t->test = s->values + t->n;
    }
    return 1;
}

/* Every result of one set: [variant][model or candidate][series]. */
typedef struct results {
    fb_result *model[NVARIANTS][NMODELS];
    fb_result *cand[NVARIANTS];   /* [series * ncand + k] */
    unsigned char *used[NVARIANTS];
} results;

static int run_set(const bench *b, results *r)
{
    size_t v, m, i, nc = fb_ncandidates();

    memset(r, 0, sizeof *r);
    for (v = 0; v < NVARIANTS; v++) {
        r->used[v] = calloc(b->count, 1);
        r->cand[v] = calloc(b->count * nc, sizeof *r->cand[v]);
        if (r->used[v] == NULL || r->cand[v] == NULL)
            return -1;
        for (m = 0; m < NMODELS; m++) {
            r->model[v][m] = calloc(b->count, sizeof *r->model[v][m]);
            if (r->model[v][m] == NULL)
                return -1;
        }
        for (i = 0; i < b->count; i++) {
            fb_task t;

            if (!make_task(&t, &b->s[i], (variant)v))
                continue;
            r->used[v][i] = 1;
            for (m = 0; m < NMODELS; m++) {
                size_t k;
                int wanted = v == FULL;

                for (k = 0; k < NSHOWN; k++)
                    wanted = wanted || shown[k] == m;
                if (wanted)
                    score_model(&r->model[v][m][i], models[m], &t);
            }
            fb_candidates_run(&r->cand[v][i * nc], &t);
        }
        fprintf(stderr, "forecast_bench: %s: %s done\n", b->name,
                variant_titles[v]);
    }
    return 0;
}

static void free_results(results *r)
{
    size_t v, m;

    for (v = 0; v < NVARIANTS; v++) {
        free(r->used[v]);
        free(r->cand[v]);
        for (m = 0; m < NMODELS; m++)
            free(r->model[v][m]);
    }
}

/* Sums of results over a subset of the series. */
typedef struct total {
    double smape, mase, seconds;
    size_t series, inside80, inside95, values, failed;
} total;

/* Which series a split takes: every one (-1), the odd- or even-numbered
 * (-2, -3), or those of collection c (>= 0). */
static int in_split(const bench *b, size_t i, int split)
{
    if (split == -1)
        return 1;
    if (split == -2)
        return i % 2 == 0;
    if (split == -3)
        return i % 2 == 1;
    return strcmp(b->s[i].collection, b->collections[split]) == 0;
}

static total sum_over(const bench *b, const unsigned char *used,
                      const fb_result *res, size_t stride, int split)
{
    total t;
    size_t i;

    memset(&t, 0, sizeof t);
    for (i = 0; i < b->count; i++) {
        const fb_result *x = &res[i * stride];

        if (!used[i] || !in_split(b, i, split))
            continue;
        t.smape += x->smape;
        t.mase += x->mase;
        t.seconds += x->seconds;
        t.series++;
        t.inside80 += x->inside80;
        t.inside95 += x->inside95;
        t.values += x->values;
        t.failed += (size_t)x->failed;
    }
    return t;
}

static double pct(size_t a, size_t b)
{
    return b > 0 ? 100.0 * (double)a / (double)b : NAN;
}

static void print_full_table(FILE *f, const bench *b, const results *r)
{
    size_t m;

    fprintf(f, "| model | sMAPE | MASE | 80%% covers | 95%% covers | "
               "not fitted | ms a series |\n|---|---|---|---|---|---|---|\n");
    for (m = 0; m < NMODELS; m++) {
        total t = sum_over(b, r->used[FULL], r->model[FULL][m], 1, -1);

        fprintf(f, "| `%s` | %.2f | %.3f | %.1f%% | %.1f%% | %zu | %.1f |\n",
                ind_model_name(models[m]), t.smape / (double)t.series,
                t.mase / (double)t.series, pct(t.inside80, t.values),
                pct(t.inside95, t.values), t.failed,
                1e3 * t.seconds / (double)t.series);
    }
}

static void print_short(FILE *f, const bench *b, const results *r,
                        variant v, int split, const char *title)
{
    size_t k;
    total t0 = sum_over(b, r->used[v], r->model[v][0], 1, split);

    fprintf(f, "| %s (%zu series) | sMAPE | MASE | 80%% | 95%% |\n"
               "|---|---|---|---|---|\n", title, t0.series);
    for (k = 0; k < NSHOWN; k++) {
        total t = sum_over(b, r->used[v], r->model[v][shown[k]], 1, split);

        fprintf(f, "| `%s` | %.2f | %.3f | %.1f%% | %.1f%% |\n",
                ind_model_name(models[shown[k]]),
                t.smape / (double)t.series, t.mase / (double)t.series,
                pct(t.inside80, t.values), pct(t.inside95, t.values));
    }
    fputc('\n', f);
}

/* r-scores.csv as a Markdown table. */
static void print_r_scores(FILE *f, const bench *b)
{
    char path[4400], line[512];
    FILE *in;

    snprintf(path, sizeof path, "%.4000s/r-scores.csv", b->dir);
    in = fopen(path, "r");
    if (in == NULL)
        return;
    fprintf(f, "R's figures on the same split (`r-scores.csv`):\n\n"
               "| R 4.2.2, forecast 8.20 | sMAPE | MASE | 80%% covers | "
               "95%% covers |\n|---|---|---|---|---|\n");
    if (fgets(line, sizeof line, in) != NULL) {
        while (fgets(line, sizeof line, in) != NULL) {
            char name[64];
            double a, c, d, e;

            if (sscanf(line, "\"%63[^\"]\",%lf,%lf,%lf,%lf", name, &a, &c,
                       &d, &e) == 5)
                fprintf(f, "| `%s` | %.2f | %.3f | %.1f%% | %.1f%% |\n",
                        name, a, c, d, e);
        }
    }
    fputc('\n', f);
    fclose(in);
}

static void print_chosen(FILE *f, const bench *b, const results *r)
{
    size_t count[IND_MODEL_COUNT] = { 0 }, i, m;
    int first = 1;

    for (i = 0; i < b->count; i++) {
        int c = r->model[FULL][0][i].chosen;

        if (r->used[FULL][i] && c >= 0 && c < IND_MODEL_COUNT)
            count[c]++;
    }
    fprintf(f, "\n`auto` kept, on these series:");
    for (m = 0; m < IND_MODEL_COUNT; m++) {
        if (count[m] == 0)
            continue;
        fprintf(f, "%s `%s` %zu", first ? "" : ",",
                ind_model_name((ind_model)m), count[m]);
        first = 0;
    }
    fprintf(f, ".\n\n");
}

/* The splits of the candidates' table: every series, each half, each
 * collection, then the two other windows (split -1 of them). */
typedef struct column {
    variant v;
    int split;
    char title[64];
} column;

static size_t columns_of(const bench *b, column *c)
{
    size_t n = 0, k;

    c[n++] = (column){ FULL, -1, "all" };
    if (b->ncollections > 1) {
        for (k = 0; k < b->ncollections; k++) {
            c[n] = (column){ FULL, (int)k, "" };
            snprintf(c[n++].title, sizeof c[0].title, "%s",
                     b->collections[k]);
        }
    } else {
        c[n++] = (column){ FULL, -2, "odd half" };
        c[n++] = (column){ FULL, -3, "even half" };
    }
    c[n++] = (column){ WINDOW_12, -1, "last 12 years" };
    c[n++] = (column){ SHIFTED, -1, "6 years earlier" };
    return n;
}

/* The candidates' sMAPE / MASE on every split of the set; each column's
 * best sMAPE and best MASE in bold. */
static void print_candidates(FILE *f, const bench *b, const results *r)
{
    column col[MAX_COLLECTIONS + 4];
    size_t ncol = columns_of(b, col), nc = fb_ncandidates(), k, j;
    double best_s[MAX_COLLECTIONS + 4], best_m[MAX_COLLECTIONS + 4];

    fprintf(f, "| candidate |");
    for (j = 0; j < ncol; j++) {
        total t = sum_over(b, r->used[col[j].v], r->cand[col[j].v], nc,
                           col[j].split);

        fprintf(f, " %s (%zu) |", col[j].title, t.series);
        best_s[j] = best_m[j] = INFINITY;
        for (k = 0; k < nc; k++) {
            total c = sum_over(b, r->used[col[j].v], r->cand[col[j].v] + k,
                               nc, col[j].split);

            best_s[j] = fmin(best_s[j], c.smape / (double)c.series);
            best_m[j] = fmin(best_m[j], c.mase / (double)c.series);
        }
    }
    fprintf(f, "\n|---|");
    for (j = 0; j < ncol; j++)
        fprintf(f, "---|");
    fputc('\n', f);
    for (k = 0; k < nc; k++) {
        fprintf(f, "| `%s` |", fb_candidate_name(k));
        for (j = 0; j < ncol; j++) {
            total c = sum_over(b, r->used[col[j].v], r->cand[col[j].v] + k,
                               nc, col[j].split);
            double s = c.smape / (double)c.series;
            double m = c.mase / (double)c.series;
            const char *bs = s <= best_s[j] ? "**" : "";
            const char *bm = m <= best_m[j] ? "**" : "";

            fprintf(f, " %s%.2f%s / %s%.3f%s |", bs, s, bs, bm, m, bm);
        }
        fputc('\n', f);
    }
    fputc('\n', f);
}

/* ---- the tuning check: auto's margin chosen on one half of a set,
 * scored on the other ---- */

static const double margins[] = { 0.0, 0.05, 0.10, 0.20, 0.30, 1.0 };
#define NMARGINS (sizeof margins / sizeof margins[0])
#define DEFAULT_MARGIN 2

static void score_margin(fb_result *r, double margin, const fb_task *t)
{
    ind_projection *p = NULL;

    if (!fb_fit_auto(&p, t, margin, 1)) {
        memset(r, 0, sizeof *r);
        r->failed = 1;
        return;
    }
    fb_score(r, t, ind_projection_mean(p), ind_projection_lower(p, 0),
             ind_projection_upper(p, 0), ind_projection_lower(p, 1),
             ind_projection_upper(p, 1));
    ind_projection_free(p);
}

static void tuning_check(FILE *f, const bench *b)
{
    fb_result *res = calloc(b->count * NMARGINS, sizeof *res);
    unsigned char *used = calloc(b->count, 1);
    total t[2][NMARGINS];
    size_t half, m, i, best[2] = { 0, 0 };

    if (res == NULL || used == NULL) {
        free(res);
        free(used);
        return;
    }
    for (i = 0; i < b->count; i++) {
        fb_task task;

        if (!make_task(&task, &b->s[i], FULL))
            continue;
        used[i] = 1;
        for (m = 0; m < NMARGINS; m++)
            score_margin(&res[i * NMARGINS + m], margins[m], &task);
    }
    for (half = 0; half < 2; half++) {
        double low = INFINITY;

        for (m = 0; m < NMARGINS; m++)
            t[half][m] = sum_over(b, used, res + m, NMARGINS,
                                  half ? -3 : -2);
        for (m = 0; m < NMARGINS; m++) {
            /* sMAPE and MASE relative to the default margin's, averaged
             * (the M4 competition's overall weighted average works so) */
            double rel = 0.5 * (t[half][m].smape
                                / t[half][DEFAULT_MARGIN].smape
                                + t[half][m].mase
                                / t[half][DEFAULT_MARGIN].mase);

            if (rel < low) {
                low = rel;
                best[half] = m;
            }
        }
    }
    fprintf(f, "| margin | odd half | even half |\n|---|---|---|\n");
    for (m = 0; m < NMARGINS; m++)
        fprintf(f, "| %.0f%% | %.2f / %.3f | %.2f / %.3f |\n",
                100.0 * margins[m],
                t[0][m].smape / (double)t[0][m].series,
                t[0][m].mase / (double)t[0][m].series,
                t[1][m].smape / (double)t[1][m].series,
                t[1][m].mase / (double)t[1][m].series);
    for (half = 0; half < 2; half++) {
        const total *own = &t[1 - half][best[half]];
        const total *def = &t[1 - half][DEFAULT_MARGIN];

        fprintf(f, "\nTuned on the %s half: %.0f%%; on the %s half it "
                   "scores %.2f / %.3f against the default's %.2f / %.3f.",
                half ? "even" : "odd", 100.0 * margins[best[half]],
                half ? "odd" : "even",
                own->smape / (double)own->series,
                own->mase / (double)own->series,
                def->smape / (double)def->series,
                def->mase / (double)def->series);
    }
    fprintf(f, "\n\n");
    free(res);
    free(used);
}

extern const char forecast_bench_methods[];
extern const char forecast_bench_methods_auto[];
extern const char forecast_bench_dotm_round[];
extern const char forecast_bench_decision[];
extern const char forecast_bench_record[];

static void print_set(FILE *f, const bench *b, const results *r)
{
    fprintf(f, "## %s (`%s`, %zu series, h = 6)\n\n", b->title, b->name,
            b->count);
    print_full_table(f, b, r);
    print_chosen(f, b, r);
    print_r_scores(f, b);
}

int main(int argc, char **argv)
{
    static const char *const default_dirs[] = {
        IND_SOURCE_DIR "/../shared/forecast-bench",
        IND_SOURCE_DIR "/tests/data/projection-annual"
    };
    const char *out = IND_SOURCE_DIR "/docs/FORECASTING.md";
    const char *dirs[MAX_SETS];
    static bench b[MAX_SETS];
    static results r[MAX_SETS];
    size_t nsets = 0, k, j;
    int i;
    FILE *f;

    for (i = 1; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 && i + 1 < argc)
            out = argv[++i];
        else if (argv[i][0] == '-' || nsets == MAX_SETS) {
            fprintf(stderr, "usage: forecast_bench [-o OUTPUT.md] "
                            "[SET_DIR ...] (at most %d)\n", MAX_SETS);
            return 2;
        } else
            dirs[nsets++] = argv[i];
    }
    if (nsets == 0) {
        for (k = 0; k < 2; k++)
            dirs[nsets++] = default_dirs[k];
    }
    ind_library_init();
    for (k = 0; k < nsets; k++) {
        b[k].s = calloc(MAX_SERIES, sizeof *b[k].s);
        if (b[k].s == NULL || load(&b[k], dirs[k]) != 0
            || run_set(&b[k], &r[k]) != 0)
            return 1;
    }
    f = fopen(out, "w");
    if (f == NULL) {
        perror(out);
        return 1;
    }
    fprintf(f, "# Forecasting: methods and their accuracy\n\n"
               "Written by `tests/bench/forecast_bench.c` (`cmake --build "
               "build --target forecast_bench && build/tests/forecast_bench "
               "[SET_DIR ...]`); do not edit by hand.\n\n"
               "Every model with its default intervals (calibrated for "
               "`auto` and `combo`, the model's own for the others), "
               "scored as `../shared/forecast-bench/README.md` defines it "
               "(h = 6). \"not fitted\": series the model refused (too "
               "short, or a logistic that does not level off), forecast as "
               "naive without an interval.\n\n");
    for (k = 0; k < nsets; k++)
        print_set(f, &b[k], &r[k]);
    fprintf(f, "%s", forecast_bench_methods);
    fprintf(f, "%s", forecast_bench_methods_auto);
    fprintf(f, "%s", forecast_bench_record);
    fprintf(f, "%s", forecast_bench_decision);
    fprintf(f, "%s", forecast_bench_dotm_round);
    for (k = 0; k < nsets; k++) {
        fprintf(f, "**%s** (`%s`): sMAPE / MASE of each candidate on each "
                   "split (series counted in brackets; the best of each "
                   "column in bold).\n\n", b[k].title, b[k].name);
        print_candidates(f, &b[k], &r[k]);
    }
    fprintf(f, "\n## Robustness checks\n\n"
               "Nothing in the methods was tuned per split: the same code "
               "scores each part of each set, a shorter history, and an "
               "earlier forecast origin.\n\n");
    for (k = 0; k < nsets; k++) {
        column col[MAX_COLLECTIONS + 4];
        size_t ncol = columns_of(&b[k], col);

        fprintf(f, "### %s\n\n", b[k].title);
        for (j = 1; j < ncol; j++)
            print_short(f, &b[k], &r[k], col[j].v, col[j].split,
                        col[j].title);
    }
    fprintf(f, "## Tuning check: auto's margin\n\n"
               "auto's choice rests on two constants set by judgement "
               "before any scoring: at least 10 common past forecasts, and "
               "the margin by which a single model must beat the "
               "combination on them (100%% means always the combination). "
               "The margin is the one that moves the scores; below, each "
               "margin's sMAPE / MASE on each half of each set, and what "
               "tuning it on one half would have given on the other "
               "(lowest mean of sMAPE and MASE relative to the "
               "default's).\n\n");
    for (k = 0; k < nsets; k++) {
        fprintf(f, "**%s**\n\n", b[k].title);
        tuning_check(f, &b[k]);
    }
    fclose(f);
    for (k = 0; k < nsets; k++) {
        printf("%s\n", b[k].title);
        print_full_table(stdout, &b[k], &r[k]);
        print_candidates(stdout, &b[k], &r[k]);
        free_results(&r[k]);
        free(b[k].s);
    }
    return 0;
}
