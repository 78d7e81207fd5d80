/* Unit tests of the growth module.
 *
 * Expected numbers come from outside the C code:
 * - tests/data/growth/reference.csv, written by reference.R in the same
 *   folder (textbook formulas in R: plain ratios and powers; see the
 *   script for each case), read here by ref();
 * - hand computations written out next to the assertion that uses them.
 * Figures must agree to 1e-9 relative (REL).
 *
 * Shipped-dataset series used (year: value), as in
 * datasets/china-standardization.csv:
 *   certification_bodies 2018-2025: 481 596 724 932 1128 1242 1230 1214
 *   association_standards_cumulative: 2017 1991, 2019 12195, 2022 51078,
 *     2023 74240 (year-end readings; 2018, 2020, 2021 missing)
 *   valid_certificates 2018-2024: 1937000 1970000 (March reading) 2701200
 *     3020000 3366000 3760000 4158000; another 2019 reading: 1164000
 *   valid_certificates_growth_pct 2021-2024: 12 11.46 12 10.61
 *
 * Setting IND_GROWTH_BENCH=1 in the environment runs a timing loop over
 * 100,000 synthetic series of 60 years (no assertion on time).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "indicators/error.h"
#include "indicators/growth.h"
#include "indicators/number.h"
#include "indicators/series.h"

#define REL 1e-9
#define REF_MAX 512

/* ------------------------------------------------------------------ */
/* Reference file                                                       */
/* ------------------------------------------------------------------ */

typedef struct ref_entry {
    char key[96];  /* "case,year,field" */
    double value;  /* NaN for NA */
} ref_entry;

static ref_entry refs[REF_MAX];
static size_t nrefs;

static int load_refs(void **state)
{
    char line[256];
    FILE *f;

    (void)state;
    f = fopen(IND_TEST_DATA_DIR "/growth/reference.csv", "r");
    if (f == NULL)
        return -1;
    while (fgets(line, sizeof line, f) != NULL && nrefs < REF_MAX) {
        char *comma = strrchr(line, ',');
        size_t len;
        if (comma == NULL)
            continue;
        len = (size_t)(comma - line);
        if (len >= sizeof refs[0].key)
            continue;
        memcpy(refs[nrefs].key, line, len);
        refs[nrefs].key[len] = '\0';
        comma++;
        comma[strcspn(comma, "\r\n")] = '\0';
        if (strcmp(comma, "NA") == 0)
            refs[nrefs].value = NAN;
        else if (ind_number_parse(&refs[nrefs].value, comma, strlen(comma),
                                  0, NULL) != IND_OK)
            continue;
        nrefs++;
    }
    fclose(f);
    return nrefs > 0 ? 0 : -1;
}

/* The reference value for (case, year, field); year 0 for none. */
static double ref(const char *c, int year, const char *field)
{
    char key[96];
    size_t i;

    if (year != 0)
        snprintf(key, sizeof key, "%s,%d,%s", c, year, field);
    else
        snprintf(key, sizeof key, "%s,,%s", c, field);
    for (i = 0; i < nrefs; i++)
        if (strcmp(refs[i].key, key) == 0)
            return refs[i].value;
    print_error("no reference value for %s\n", key);
    fail();
    return NAN;
}

static void near_(double actual, double expected, const char *what, int line)
{
    double tol = REL * fmax(fabs(expected), 1e-300);

    if (isnan(expected) && isnan(actual))
        return;
    if (expected == 0.0)
        tol = 1e-12;
    if (!(fabs(actual - expected) <= tol)) {
        print_error("line %d: %s: got %.17g, expected %.17g\n", line, what,
                    actual, expected);
        fail();
    }
}
#define NEAR(a, e) near_((a), (e), #a, __LINE__)

/* ------------------------------------------------------------------ */
/* Series builders                                                      */
/* ------------------------------------------------------------------ */

static ind_series *make(const char *name, ind_kind kind, const int *years,
                        const double *values, size_t n)
{
    ind_series *s = NULL;
    size_t i;

    assert_int_equal(ind_series_new(&s, name, NULL, "units", kind, NULL), IND_OK);
    for (i = 0; i < n; i++) {
        ind_point p = { years[i], values[i], 0, 0, "", "", i };
        assert_int_equal(ind_series_add(s, &p, NULL), IND_OK);
    }
    return s;
}

/* Years first..first+n-1. */
static ind_series *make_run(const char *name, ind_kind kind, int first,
                            const double *values, size_t n)
{
    int years[64];
    size_t i;

    assert_true(n <= 64);
    for (i = 0; i < n; i++)
        years[i] = first + (int)i;
    return make(name, kind, years, values, n);
}

static const double cb_v[] = { 481, 596, 724, 932, 1128, 1242, 1230, 1214 };
static const int as_y[] = { 2017, 2019, 2022, 2023 };
static const double as_v[] = { 1991, 12195, 51078, 74240 };
static const double vc_v[] = { 1937000, 1970000, 2701200, 3020000,
                               3366000, 3760000, 4158000 };
static const double vcr_v[] = { 12, 11.46, 12, 10.61 };

static ind_series *cert_bodies(void)
{
    return make_run("certification_bodies", IND_KIND_STOCK, 2018, cb_v, 8);
}

static ind_series *assoc(void)
{
    return make("association_standards_cumulative", IND_KIND_STOCK, as_y,
                as_v, 4);
}

static ind_series *valid_certs(void)
{
    return make_run("valid_certificates", IND_KIND_STOCK, 2018, vc_v, 7);
}

static ind_series *valid_certs_rate(void)
{
    return make_run("valid_certificates_growth_pct", IND_KIND_RATE, 2021,
                    vcr_v, 4);
}

static ind_growth *compute(const ind_series *s, int from, int to, int base)
{
    ind_growth_options o = IND_GROWTH_OPTIONS_INIT;
    ind_error err = IND_ERROR_INIT;
    ind_growth *g = NULL;

    o.from = from;
    o.to = to;
    o.base = base;
    if (ind_growth_compute(&g, s, &o, &err) != IND_OK) {
        print_error("%s\n", err.message);
        fail();
    }
    return g;
}

/* Compare every row of a table with the R reference of case c. */
static void check_rows(const ind_growth *g, const char *c)
{
    size_t i;

    for (i = 0; i < ind_growth_length(g); i++) {
        const ind_growth_row *r = ind_growth_row_at(g, i);
        NEAR(r->index, ref(c, r->year, "index"));
        assert_int_equal(r->index_why, IND_GROWTH_DEFINED);
        if (r->prev_year == IND_GROWTH_NO_YEAR)
            continue;
        assert_int_equal(r->gap_years, (int)ref(c, r->year, "gap_years"));
        assert_int_equal(r->annualised, r->gap_years > 1);
        NEAR(r->abs_change, ref(c, r->year, "abs_change"));
        NEAR(r->abs_change_per_year, ref(c, r->year, "abs_change_per_year"));
        NEAR(r->yoy_pct, ref(c, r->year, "yoy_pct"));
        NEAR(r->log_growth, ref(c, r->year, "log_growth"));
    }
}

static void check_extreme(const ind_growth_extreme *e, double year,
                          ind_growth_why none)
{
    if (isnan(year)) {
        assert_int_equal(e->year, IND_GROWTH_NO_YEAR);
        assert_int_equal(e->why, none);
    } else {
        assert_int_equal(e->year, (int)year);
        assert_int_equal(e->why, IND_GROWTH_DEFINED);
    }
}

/* Compare a summary with the R reference of case c. */
static void check_summary(const ind_growth_summary *m, const char *c)
{
    NEAR(m->cagr_pct, ref(c, 0, "cagr_pct"));
    NEAR(m->abs_change_per_year, ref(c, 0, "abs_change_per_year"));
    NEAR(m->change_total, ref(c, 0, "change_total"));
    NEAR(m->doubling_years, ref(c, 0, "doubling_years"));
    NEAR(m->halving_years, ref(c, 0, "halving_years"));
    check_extreme(&m->rise_pct, ref(c, 0, "rise_pct_year"),
                  IND_GROWTH_NO_RISE);
    check_extreme(&m->fall_pct, ref(c, 0, "fall_pct_year"),
                  IND_GROWTH_NO_FALL);
    check_extreme(&m->rise_abs, ref(c, 0, "rise_abs_year"),
                  IND_GROWTH_NO_RISE);
    check_extreme(&m->fall_abs, ref(c, 0, "fall_abs_year"),
                  IND_GROWTH_NO_FALL);
    NEAR(m->rise_pct.yoy_pct, ref(c, 0, "rise_pct"));
    NEAR(m->fall_pct.yoy_pct, ref(c, 0, "fall_pct"));
}

/* ------------------------------------------------------------------ */
/* Tables and summaries against R                                       */
/* ------------------------------------------------------------------ */

static void test_cert_bodies_table(void **state)
{
    ind_series *s = cert_bodies();
    ind_growth *g = compute(s, IND_GROWTH_NO_YEAR, IND_GROWTH_NO_YEAR,
                            IND_GROWTH_NO_YEAR);
    const ind_growth_summary *m = ind_growth_get_summary(g);
    const ind_growth_row *first = ind_growth_row_at(g, 0);

    (void)state;
    assert_int_equal(ind_growth_length(g), 8);
    check_rows(g, "cb");
    /* The first year has nothing to compare with. */
    assert_int_equal(first->prev_year, IND_GROWTH_NO_YEAR);
    assert_true(isnan(first->abs_change) && isnan(first->yoy_pct) &&
                isnan(first->log_growth));
    assert_int_equal(first->change_why, IND_GROWTH_NO_PREVIOUS);
    assert_int_equal(first->yoy_why, IND_GROWTH_NO_PREVIOUS);
    assert_int_equal(first->log_why, IND_GROWTH_NO_PREVIOUS);
    check_summary(m, "cb");
    assert_int_equal(m->from, 2018);
    assert_int_equal(m->to, 2025);
    assert_int_equal(m->span_years, 7);
    assert_int_equal(m->points, 8);
    assert_int_equal(m->missing_years, 0);
    assert_int_equal(m->base_year, 2018);
    assert_int_equal(m->halving_why, IND_GROWTH_NOT_FALLING);
    assert_int_equal(m->flow_why, IND_GROWTH_NOT_FLOW);
    assert_true(isnan(m->flow_total));
    ind_growth_free(g);
    ind_series_free(s);
}

static void test_cert_bodies_base_and_span(void **state)
{
    ind_series *s = cert_bodies();
    ind_growth *g = compute(s, IND_GROWTH_NO_YEAR, IND_GROWTH_NO_YEAR, 2020);
    const ind_growth_row *r;

    (void)state;
    check_rows(g, "cb_base2020");
    assert_int_equal(ind_growth_get_summary(g)->base_year, 2020);
    NEAR(ind_growth_row_at(g, 2)->index, 100.0);
    ind_growth_free(g);

    g = compute(s, 2019, 2023, IND_GROWTH_NO_YEAR);
    assert_int_equal(ind_growth_length(g), 5);
    check_summary(ind_growth_get_summary(g), "cb_2019_2023");
    ind_growth_free(g);
    /* From 2021 the 2021 row (+28.7% on 2020) lies outside the span's
     * changes: the largest rise is 2022's. */
    g = compute(s, 2021, 2025, IND_GROWTH_NO_YEAR);
    check_summary(ind_growth_get_summary(g), "cb_2021_2025");
    ind_growth_free(g);
    g = compute(s, 2019, 2023, IND_GROWTH_NO_YEAR);
    /* The first row of a span still compares with the year before it. */
    r = ind_growth_row_at(g, 0);
    assert_int_equal(r->year, 2019);
    assert_int_equal(r->prev_year, 2018);
    NEAR(r->yoy_pct, ref("cb", 2019, "yoy_pct"));
    /* The index base defaults to the span's first year. */
    NEAR(r->index, 100.0);
    NEAR(ind_growth_row_at(g, 4)->index, 100.0 * 1242.0 / 596.0);
    ind_growth_free(g);
    ind_series_free(s);
}

static void test_assoc_gaps_annualised(void **state)
{
    ind_series *s = assoc();
    ind_growth *g = compute(s, IND_GROWTH_NO_YEAR, IND_GROWTH_NO_YEAR,
                            IND_GROWTH_NO_YEAR);
    const ind_growth_row *r2019 = ind_growth_row_at(g, 1);
    const ind_growth_row *r2022 = ind_growth_row_at(g, 2);
    const ind_growth_row *r2023 = ind_growth_row_at(g, 3);
    const ind_growth_summary *m = ind_growth_get_summary(g);

    (void)state;
    check_rows(g, "as");
    check_summary(m, "as");
    /* Hand check of 2019: two years from 1991 to 12195, total change
     * 10204, per year 5102, annualised sqrt(12195/1991) - 1. */
    assert_int_equal(r2019->gap_years, 2);
    assert_int_equal(r2019->annualised, 1);
    NEAR(r2019->abs_change, 10204.0);
    NEAR(r2019->abs_change_per_year, 5102.0);
    NEAR(r2019->yoy_pct, (sqrt(12195.0 / 1991.0) - 1.0) * 100.0);
    assert_int_equal(r2022->gap_years, 3);
    NEAR(r2022->abs_change, 51078.0 - 12195.0);
    assert_int_equal(r2023->gap_years, 1);
    assert_int_equal(r2023->annualised, 0);
    /* log_growth == ln(1 + yoy_pct/100) holds across a gap. */
    NEAR(r2022->log_growth, log1p(r2022->yoy_pct / 100.0));
    assert_int_equal(m->missing_years, 3);
    assert_int_equal(m->points, 4);
    ind_growth_free(g);
    ind_series_free(s);
}

static void test_valid_certs_table(void **state)
{
    ind_series *s = valid_certs();
    ind_growth *g = compute(s, IND_GROWTH_NO_YEAR, IND_GROWTH_NO_YEAR,
                            IND_GROWTH_NO_YEAR);
    double cagr = 0.0;

    (void)state;
    check_rows(g, "vc");
    check_summary(ind_growth_get_summary(g), "vc");
    assert_int_equal(ind_growth_cagr(&cagr, s, IND_GROWTH_NO_YEAR,
                                     IND_GROWTH_NO_YEAR, NULL), IND_OK);
    NEAR(cagr, ref("vc", 0, "cagr_pct"));
    /* Hand check: CAGR 2020-2024 = (4158000/2701200)^(1/4) - 1. */
    assert_int_equal(ind_growth_cagr(&cagr, s, 2020, 2024, NULL), IND_OK);
    NEAR(cagr, (pow(4158000.0 / 2701200.0, 0.25) - 1.0) * 100.0);
    ind_growth_free(g);
    ind_series_free(s);
}

static void test_dip(void **state)
{
    static const double v[] = { 100, 110, 90, 99, 120 };
    ind_series *s = make_run("dip", IND_KIND_STOCK, 2000, v, 5);
    ind_growth *g = compute(s, IND_GROWTH_NO_YEAR, IND_GROWTH_NO_YEAR,
                            IND_GROWTH_NO_YEAR);
    const ind_growth_summary *m = ind_growth_get_summary(g);

    (void)state;
    check_rows(g, "dip");
    check_summary(m, "dip");
    /* Hand: the fall 110 -> 90 is -20, -18.18...% */
    NEAR(m->fall_abs.abs_change_per_year, -20.0);
    NEAR(m->fall_pct.yoy_pct, -20.0 / 110.0 * 100.0);
    assert_int_equal(m->fall_pct.prev_year, 2001);
    ind_growth_free(g);
    ind_series_free(s);
}

static void test_flat(void **state)
{
    static const double v[] = { 50, 50, 50, 50 };
    ind_series *s = make_run("flat", IND_KIND_STOCK, 2010, v, 4);
    ind_growth *g = compute(s, IND_GROWTH_NO_YEAR, IND_GROWTH_NO_YEAR,
                            IND_GROWTH_NO_YEAR);
    const ind_growth_summary *m = ind_growth_get_summary(g);
    size_t i;

    (void)state;
    /* Hand: nothing changes, every index is 100, CAGR 0. */
    for (i = 1; i < 4; i++) {
        const ind_growth_row *r = ind_growth_row_at(g, i);
        assert_true(r->yoy_pct == 0.0 && r->log_growth == 0.0 &&
                    r->abs_change == 0.0 && r->index == 100.0);
    }
    assert_true(m->cagr_pct == 0.0);
    assert_int_equal(m->cagr_why, IND_GROWTH_DEFINED);
    assert_int_equal(m->doubling_why, IND_GROWTH_NO_GROWTH);
    assert_int_equal(m->halving_why, IND_GROWTH_NO_GROWTH);
    assert_true(isnan(m->doubling_years) && isnan(m->halving_years));
    check_extreme(&m->rise_pct, NAN, IND_GROWTH_NO_RISE);
    check_extreme(&m->fall_pct, NAN, IND_GROWTH_NO_FALL);
    ind_growth_free(g);
    ind_series_free(s);
}

static void test_two_points_and_precision(void **state)
{
    static const int ty[] = { 2010, 2015 };
    static const double tv[] = { 200, 250 };
    static const int ny[] = { 1990, 2000 };
    static const double nv[] = { 1e9, 1e9 + 1 };
    static const int fy[] = { 2000, 2009 };
    static const double fv[] = { 800, 100 };
    ind_series *s = make("two", IND_KIND_STOCK, ty, tv, 2);
    ind_growth *g = compute(s, IND_GROWTH_NO_YEAR, IND_GROWTH_NO_YEAR,
                            IND_GROWTH_NO_YEAR);
    const ind_growth_row *r;

    (void)state;
    check_rows(g, "two");
    check_summary(ind_growth_get_summary(g), "two");
    ind_growth_free(g);
    ind_series_free(s);

    /* A growth of 1e-10 a year across a 10-year gap keeps its digits
     * (the R reference sums the binomial series). */
    s = make("tiny", IND_KIND_STOCK, ny, nv, 2);
    g = compute(s, IND_GROWTH_NO_YEAR, IND_GROWTH_NO_YEAR,
                IND_GROWTH_NO_YEAR);
    r = ind_growth_row_at(g, 1);
    NEAR(r->yoy_pct, ref("tiny", 2000, "yoy_pct"));
    NEAR(r->log_growth, ref("tiny", 2000, "log_growth"));
    ind_growth_free(g);
    ind_series_free(s);

    /* Falling to an eighth in 9 years halves every 3 years exactly. */
    s = make("fall", IND_KIND_STOCK, fy, fv, 2);
    g = compute(s, IND_GROWTH_NO_YEAR, IND_GROWTH_NO_YEAR,
                IND_GROWTH_NO_YEAR);
    check_summary(ind_growth_get_summary(g), "fall");
    NEAR(ind_growth_get_summary(g)->halving_years, 3.0);
    assert_int_equal(ind_growth_get_summary(g)->doubling_why,
                     IND_GROWTH_NOT_RISING);
    ind_growth_free(g);
    ind_series_free(s);
}

/* ------------------------------------------------------------------ */
/* Undefined figures and errors                                         */
/* ------------------------------------------------------------------ */

static void test_one_point_and_empty(void **state)
{
    static const double v[] = { 42 };
    ind_series *s = make_run("one", IND_KIND_STOCK, 2020, v, 1);
    ind_error err = IND_ERROR_INIT;
    ind_growth *g = compute(s, IND_GROWTH_NO_YEAR, IND_GROWTH_NO_YEAR,
                            IND_GROWTH_NO_YEAR);
    const ind_growth_summary *m = ind_growth_get_summary(g);
    double cagr = 0.0;

    (void)state;
    assert_int_equal(ind_growth_length(g), 1);
    NEAR(ind_growth_row_at(g, 0)->index, 100.0);
    assert_int_equal(m->cagr_why, IND_GROWTH_SINGLE_YEAR);
    assert_int_equal(m->abs_why, IND_GROWTH_SINGLE_YEAR);
    assert_int_equal(m->doubling_why, IND_GROWTH_SINGLE_YEAR);
    assert_true(isnan(m->cagr_pct) && isnan(m->abs_change_per_year));
    ind_growth_free(g);
    assert_int_equal(ind_growth_cagr(&cagr, s, IND_GROWTH_NO_YEAR,
                                     IND_GROWTH_NO_YEAR, &err), IND_EDOMAIN);
    assert_non_null(strstr(err.message, "single year"));
    assert_true(isnan(cagr));
    ind_series_free(s);

    assert_int_equal(ind_series_new(&s, "empty", NULL, NULL, IND_KIND_STOCK, NULL),
                     IND_OK);
    g = (ind_growth *)&err; /* must be reset to NULL */
    assert_int_equal(ind_growth_compute(&g, s, NULL, &err), IND_EDOMAIN);
    assert_null(g);
    assert_string_equal(err.message, "empty has no values");
    assert_int_equal(ind_growth_cagr(&cagr, s, IND_GROWTH_NO_YEAR,
                                     IND_GROWTH_NO_YEAR, &err), IND_EDOMAIN);
    ind_series_free(s);
}

static void test_zero_and_negative(void **state)
{
    /* 2000: 0, 2001: 5, 2002: 0, 2004: -3, 2005: 4, 2006: -2, 2008: 10,
     * 2010: -5 (hand-derived reasons below). */
    static const int y[] = { 2000, 2001, 2002, 2004, 2005, 2006, 2008, 2010 };
    static const double v[] = { 0, 5, 0, -3, 4, -2, 10, -5 };
    ind_series *s = make("signs", IND_KIND_UNSPECIFIED, y, v, 8);
    ind_growth *g = compute(s, IND_GROWTH_NO_YEAR, IND_GROWTH_NO_YEAR,
                            IND_GROWTH_NO_YEAR);
    ind_error err = IND_ERROR_INIT;
    const ind_growth_row *r;
    double cagr;

    (void)state;
    r = ind_growth_row_at(g, 0); /* base value 0: no index anywhere */
    assert_int_equal(r->index_why, IND_GROWTH_BASE_NONPOSITIVE);
    assert_true(isnan(r->index));
    r = ind_growth_row_at(g, 1); /* 0 -> 5 */
    assert_int_equal(r->yoy_why, IND_GROWTH_PREVIOUS_ZERO);
    assert_int_equal(r->log_why, IND_GROWTH_NONPOSITIVE);
    NEAR(r->abs_change, 5.0);
    r = ind_growth_row_at(g, 2); /* 5 -> 0 in one year: -100% */
    NEAR(r->yoy_pct, -100.0);
    assert_int_equal(r->log_why, IND_GROWTH_NONPOSITIVE);
    r = ind_growth_row_at(g, 3); /* 0 -> -3 over two years */
    assert_int_equal(r->yoy_why, IND_GROWTH_PREVIOUS_ZERO);
    r = ind_growth_row_at(g, 4); /* -3 -> 4 */
    assert_int_equal(r->yoy_why, IND_GROWTH_PREVIOUS_NEGATIVE);
    NEAR(r->abs_change, 7.0);
    r = ind_growth_row_at(g, 5); /* 4 -> -2 in one year: -150% */
    NEAR(r->yoy_pct, -150.0);
    r = ind_growth_row_at(g, 7); /* 10 -> -5 over two years */
    assert_int_equal(r->yoy_why, IND_GROWTH_NEGATIVE_VALUE);
    assert_true(isnan(r->yoy_pct));
    NEAR(r->abs_change_per_year, -7.5);
    ind_growth_free(g);

    /* CAGR from a zero start, to a negative end; to zero is -100%. */
    assert_int_equal(ind_growth_cagr(&cagr, s, 2000, 2001, &err),
                     IND_EDOMAIN);
    assert_non_null(strstr(err.message, "zero"));
    assert_int_equal(ind_growth_cagr(&cagr, s, 2008, 2010, &err),
                     IND_EDOMAIN);
    assert_non_null(strstr(err.message, "negative"));
    assert_int_equal(ind_growth_cagr(&cagr, s, 2001, 2002, &err), IND_OK);
    NEAR(cagr, -100.0);
    assert_int_equal(ind_growth_cagr(&cagr, s, 2005, 2006, &err),
                     IND_EDOMAIN);
    /* Index with base 2005 (value 4): hand 100 * v / 4. */
    g = compute(s, IND_GROWTH_NO_YEAR, IND_GROWTH_NO_YEAR, 2005);
    NEAR(ind_growth_row_at(g, 3)->index, -75.0);
    ind_growth_free(g);
    ind_series_free(s);
}

static void test_rate_kind(void **state)
{
    ind_series *s = valid_certs_rate();
    ind_growth *g = compute(s, IND_GROWTH_NO_YEAR, IND_GROWTH_NO_YEAR,
                            IND_GROWTH_NO_YEAR);
    const ind_growth_summary *m = ind_growth_get_summary(g);
    const ind_growth_row *r = ind_growth_row_at(g, 1);
    ind_growth_target_result t;
    ind_error err = IND_ERROR_INIT;
    double cagr;

    (void)state;
    /* Shown as stated; changes in percentage points (hand: 11.46 - 12). */
    NEAR(r->value, 11.46);
    NEAR(r->abs_change, 11.46 - 12.0);
    assert_int_equal(r->yoy_why, IND_GROWTH_RATE);
    assert_int_equal(r->log_why, IND_GROWTH_RATE);
    assert_int_equal(r->index_why, IND_GROWTH_RATE);
    assert_int_equal(m->cagr_why, IND_GROWTH_RATE);
    assert_int_equal(m->doubling_why, IND_GROWTH_RATE);
    assert_int_equal(m->rise_pct.why, IND_GROWTH_RATE);
    /* The abs extremes still exist (pp): largest rise 2023 (+0.54). */
    assert_int_equal(m->rise_abs.year, 2023);
    ind_growth_free(g);
    assert_int_equal(ind_growth_cagr(&cagr, s, IND_GROWTH_NO_YEAR,
                                     IND_GROWTH_NO_YEAR, &err), IND_EDOMAIN);
    assert_non_null(strstr(err.message, "valid_certificates_growth_pct"));
    assert_non_null(strstr(err.message, "rate"));
    assert_non_null(strstr(err.message, "compounding"));
    assert_int_equal(ind_growth_target(&t, s, 20, 2030, NULL, &err),
                     IND_EDOMAIN);
    ind_series_free(s);
}

static void test_flow_sum(void **state)
{
    /* national_standards_released 2015-2020 (2018 missing). */
    static const int y[] = { 2013, 2015, 2016, 2017, 2019, 2020, 2022 };
    static const double v[] = { 1870, 1931, 1763, 3811, 2021, 2252, 2266 };
    ind_series *s = make("national_standards_released", IND_KIND_FLOW, y, v,
                         7);
    ind_growth *g = compute(s, 2015, 2020, IND_GROWTH_NO_YEAR);
    const ind_growth_summary *m = ind_growth_get_summary(g);

    (void)state;
    /* Hand: 1931 + 1763 + 3811 + 2021 + 2252 = 11778, 2018 missing. */
    assert_int_equal(m->flow_why, IND_GROWTH_DEFINED);
    NEAR(m->flow_total, 11778.0);
    assert_int_equal(m->missing_years, 1);
    assert_int_equal(m->points, 5);
    ind_growth_free(g);
    ind_series_free(s);
}

static void test_errors(void **state)
{
    ind_series *s = assoc();
    ind_growth_options o = IND_GROWTH_OPTIONS_INIT;
    ind_error err = IND_ERROR_INIT;
    ind_growth *g = NULL;
    double x;

    (void)state;
    o.from = 2018;
    assert_int_equal(ind_growth_compute(&g, s, &o, &err), IND_ENOTFOUND);
    assert_null(g);
    assert_string_equal(err.message,
                        "association_standards_cumulative: start year 2018 "
                        "has no value; the nearest years with one are 2017 "
                        "and 2019");
    o.from = 2023;
    o.to = 2017;
    assert_int_equal(ind_growth_compute(&g, s, &o, &err), IND_EINVAL);
    o = (ind_growth_options)IND_GROWTH_OPTIONS_INIT;
    o.base = 2030;
    assert_int_equal(ind_growth_compute(&g, s, &o, &err), IND_ENOTFOUND);
    assert_non_null(strstr(err.message, "last year with one is 2023"));
    o.base = 2010;
    assert_int_equal(ind_growth_compute(&g, s, &o, &err), IND_ENOTFOUND);
    assert_non_null(strstr(err.message, "first year with one is 2017"));
    o = (ind_growth_options)IND_GROWTH_OPTIONS_INIT;
    o.version = 99;
    assert_int_equal(ind_growth_compute(&g, s, &o, &err), IND_EINVAL);
    assert_int_equal(ind_growth_compute(NULL, s, NULL, &err), IND_EINVAL);
    assert_int_equal(ind_growth_compute(&g, NULL, NULL, NULL), IND_EINVAL);
    assert_int_equal(ind_growth_cagr(NULL, s, 0, 0, NULL), IND_EINVAL);
    assert_int_equal(ind_growth_cagr(&x, s, 2020, 2023, &err),
                     IND_ENOTFOUND);
    ind_growth_free(NULL);
    assert_int_equal(ind_growth_length(NULL), 0);
    assert_null(ind_growth_row_at(NULL, 0));
    assert_null(ind_growth_get_summary(NULL));
    ind_series_free(s);
}

/* No figure is ever infinite: finite or NaN with a reason. */
static void not_inf(double x, ind_growth_why why)
{
    assert_false(isinf(x));
    if (isnan(x))
        assert_int_not_equal(why, IND_GROWTH_DEFINED);
}

static void check_all_finite(const ind_series *s)
{
    ind_growth *g = compute(s, IND_GROWTH_NO_YEAR, IND_GROWTH_NO_YEAR,
                            IND_GROWTH_NO_YEAR);
    const ind_growth_summary *m = ind_growth_get_summary(g);
    ind_growth_overview_row o;
    ind_growth_break b[16];
    size_t i, n;

    for (i = 0; i < ind_growth_length(g); i++) {
        const ind_growth_row *r = ind_growth_row_at(g, i);
        not_inf(r->abs_change, r->change_why);
        not_inf(r->abs_change_per_year, r->change_why);
        not_inf(r->yoy_pct, r->yoy_why);
        not_inf(r->log_growth, r->log_why);
        not_inf(r->index, r->index_why);
    }
    not_inf(m->change_total, m->abs_why);
    not_inf(m->abs_change_per_year, m->abs_why);
    not_inf(m->cagr_pct, m->cagr_why);
    not_inf(m->doubling_years, m->doubling_why);
    not_inf(m->halving_years, m->halving_why);
    ind_growth_free(g);
    assert_int_equal(ind_growth_overview(&o, s, NULL), IND_OK);
    not_inf(o.yoy_pct, o.yoy_why);
    not_inf(o.cagr_pct, o.cagr_why);
    assert_int_equal(ind_growth_breaks(b, 16, &n, s, NULL, NULL), IND_OK);
    for (i = 0; i < n; i++) {
        assert_false(isinf(b[i].change_pct) || isinf(b[i].annual_pct));
        assert_true(strlen(b[i].reason) > 0);
    }
}

static void test_extreme_values(void **state)
{
    static const double sets[][5] = {
        { 1.7e308, -1.7e308, 1.7e308, 1e-308, 1.7e308 },
        { 1e-308, 1.7e308, 5e-324, 1.7e308, 0 },
        { -1e-300, -1.7e308, 0, 1e300, -5e-324 },
    };
    ind_kind kinds[] = { IND_KIND_STOCK, IND_KIND_FLOW, IND_KIND_RATE };
    ind_growth_target_result t;
    ind_series *s;
    size_t i, k;

    (void)state;
    for (i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        for (k = 0; k < 3; k++) {
            /* 2000, 2001, 2003, 2004, 2010: gaps of 2 and 6 years too */
            static const int y[] = { 2000, 2001, 2003, 2004, 2010 };
            s = make("extreme", kinds[k], y, sets[i], 5);
            check_all_finite(s);
            ind_series_free(s);
        }
    }
    /* A target 1e600 times the latest figure: the ratio is beyond a
     * double, the growth over two years (1e300 a year) is not. Over one
     * year it is, and that is said. */
    s = make_run("tiny", IND_KIND_STOCK, 2000, (double[]){ 1e-300, 1e-300 },
                 2);
    assert_int_equal(ind_growth_target(&t, s, 1e300, 2003, NULL, NULL),
                     IND_OK);
    NEAR(t.required_cagr_pct, 1e302);
    assert_int_equal(ind_growth_target(&t, s, 1e300, 2002, NULL, NULL),
                     IND_EDOMAIN);
    ind_series_free(s);
}

static void test_why_texts(void **state)
{
    int w;

    (void)state;
    for (w = IND_GROWTH_DEFINED; w <= IND_GROWTH_OVERFLOW; w++) {
        const char *t = ind_growth_why_text((ind_growth_why)w);
        assert_non_null(t);
        assert_true(strlen(t) > 5);
        if (w > IND_GROWTH_DEFINED)
            assert_string_not_equal(t, ind_growth_why_text(
                                           (ind_growth_why)(w - 1)));
    }
    assert_non_null(ind_growth_why_text((ind_growth_why)999));
}

/* ------------------------------------------------------------------ */
/* Targets                                                              */
/* ------------------------------------------------------------------ */

static void check_target(const ind_series *s, const char *c, double target,
                         int by, int from)
{
    ind_growth_options o = IND_GROWTH_OPTIONS_INIT;
    ind_growth_target_result t;
    double reach = ref(c, 0, "reach_year");

    o.from = from;
    assert_int_equal(ind_growth_target(&t, s, target, by, &o, NULL), IND_OK);
    NEAR(t.required_cagr_pct, ref(c, 0, "required_cagr_pct"));
    NEAR(t.pace_cagr_pct, ref(c, 0, "pace_cagr_pct"));
    NEAR(t.value_at_by, ref(c, 0, "value_at_by"));
    assert_int_equal(t.reach_year, (int)reach);
    assert_int_equal(t.reaches, t.reach_year <= by);
    assert_int_equal(t.by, by);
}

static void test_targets(void **state)
{
    ind_series *vc = valid_certs();
    ind_series *cb = cert_bodies();

    (void)state;
    check_target(vc, "vc_target", 6e6, 2030, IND_GROWTH_NO_YEAR);
    check_target(vc, "vc_target_from2020", 6e6, 2030, 2020);
    check_target(vc, "vc_target_far", 2e7, 2030, IND_GROWTH_NO_YEAR);
    check_target(cb, "cb_target_down", 1000, 2030, 2023);
    ind_series_free(vc);
    ind_series_free(cb);
}

static void test_target_edges(void **state)
{
    static const int y[] = { 2000, 2002 };
    static const double v[] = { 100, 121 };
    ind_series *s = make("ten", IND_KIND_STOCK, y, v, 2);
    ind_series *cb = cert_bodies();
    ind_growth_options o = IND_GROWTH_OPTIONS_INIT;
    ind_growth_target_result t;
    ind_error err = IND_ERROR_INIT;
    static const double one[] = { 5 };
    ind_series *single;
    int m;

    (void)state;
    /* Pace 10% a year (hand: sqrt(1.21) - 1); 121 * 1.1^3 = 161.051 is
     * reached in 2005 exactly, not a year later. */
    assert_int_equal(ind_growth_target(&t, s, 161.051, 2010, NULL, &err),
                     IND_OK);
    NEAR(t.pace_cagr_pct, 10.0);
    assert_int_equal(t.reach_year, 2005);
    assert_int_equal(t.reaches, 1);
    /* Every target 121 * 1.1^m is reached in 2002 + m exactly, however
     * the logarithms round. */
    for (m = 1; m <= 40; m++) {
        assert_int_equal(ind_growth_target(&t, s, 121.0 * pow(1.1, m), 2100,
                                           NULL, &err), IND_OK);
        assert_int_equal(t.reach_year, 2002 + m);
    }
    /* By 2004 it is not reached: 121 * 1.21 = 146.41 < 161.051. */
    assert_int_equal(ind_growth_target(&t, s, 161.051, 2004, NULL, &err),
                     IND_OK);
    NEAR(t.value_at_by, 146.41);
    assert_int_equal(t.reaches, 0);
    /* The target is the latest figure: reached already. */
    assert_int_equal(ind_growth_target(&t, s, 121, 2003, NULL, &err), IND_OK);
    NEAR(t.required_cagr_pct, 0.0);
    assert_int_equal(t.reach_year, 2002);
    /* Falling certification bodies (2023-2025) never reach 2000. */
    o.from = 2023;
    assert_int_equal(ind_growth_target(&t, cb, 2000, 2030, &o, &err), IND_OK);
    assert_int_equal(t.reach_why, IND_GROWTH_NEVER);
    assert_int_equal(t.reach_year, IND_GROWTH_NO_YEAR);
    assert_int_equal(t.reaches, 0);
    /* Errors: the year, the target, the kind. */
    assert_int_equal(ind_growth_target(&t, s, 200, 2002, NULL, &err),
                     IND_EINVAL);
    assert_non_null(strstr(err.message, "not after the latest figure (2002)"));
    assert_int_equal(ind_growth_target(&t, s, 0, 2010, NULL, &err),
                     IND_EDOMAIN);
    assert_int_equal(ind_growth_target(&t, s, NAN, 2010, NULL, &err),
                     IND_EINVAL);
    /* One point: the required CAGR exists, the pace does not. Hand:
     * from 5 to 10 in 5 years, 2^(1/5) - 1. */
    single = make_run("single", IND_KIND_STOCK, 2020, one, 1);
    assert_int_equal(ind_growth_target(&t, single, 10, 2025, NULL, &err),
                     IND_OK);
    NEAR(t.required_cagr_pct, (pow(2.0, 0.2) - 1.0) * 100.0);
    assert_int_equal(t.pace_why, IND_GROWTH_SINGLE_YEAR);
    assert_int_equal(t.reaches, -1);
    assert_true(isnan(t.pace_cagr_pct) && isnan(t.value_at_by));
    ind_series_free(single);
    ind_series_free(s);
    ind_series_free(cb);
}

/* ------------------------------------------------------------------ */
/* --all rows                                                           */
/* ------------------------------------------------------------------ */

static void test_overview(void **state)
{
    ind_series *vc = valid_certs(), *as = assoc(), *rate = valid_certs_rate();
    ind_growth_overview_row r;
    ind_series *empty;

    (void)state;
    assert_int_equal(ind_growth_overview(&r, vc, NULL), IND_OK);
    assert_string_equal(r.indicator, "valid_certificates");
    assert_int_equal(r.points, 7);
    assert_int_equal(r.first_year, 2018);
    assert_int_equal(r.last_year, 2024);
    NEAR(r.latest_value, 4158000.0);
    NEAR(r.yoy_pct, ref("vc", 2024, "yoy_pct"));
    NEAR(r.cagr_pct, ref("vc", 0, "cagr_pct"));
    assert_int_equal(ind_growth_overview(&r, as, NULL), IND_OK);
    assert_int_equal(r.missing_years, 3);
    assert_int_equal(r.prev_year, 2022);
    NEAR(r.yoy_pct, ref("as", 2023, "yoy_pct"));
    NEAR(r.cagr_pct, ref("as", 0, "cagr_pct"));
    assert_int_equal(ind_growth_overview(&r, rate, NULL), IND_OK);
    assert_int_equal(r.cagr_why, IND_GROWTH_RATE);
    assert_int_equal(r.yoy_why, IND_GROWTH_RATE);
    NEAR(r.latest_value, 10.61);
    assert_int_equal(ind_series_new(&empty, "none", NULL, NULL,
                                    IND_KIND_FLOW, NULL), IND_OK);
    assert_int_equal(ind_growth_overview(&r, empty, NULL), IND_EDOMAIN);
    assert_int_equal(r.points, 0);
    assert_int_equal(r.first_year, IND_GROWTH_NO_YEAR);
    assert_true(isnan(r.cagr_pct));
    ind_series_free(empty);
    ind_series_free(vc);
    ind_series_free(as);
    ind_series_free(rate);
}

/* ------------------------------------------------------------------ */
/* Rate declared as the growth of a level                               */
/* ------------------------------------------------------------------ */

static void test_rate_check_shipped(void **state)
{
    ind_series *vc = valid_certs(), *rate = valid_certs_rate();
    ind_growth_agreement a[4];
    ind_error err = IND_ERROR_INIT;
    size_t n = 0, i;

    (void)state;
    assert_int_equal(ind_growth_rate_check(a, 4, &n, rate, vc,
                                           IND_GROWTH_TOLERANCE_AUTO, &err),
                     IND_OK);
    assert_int_equal(n, 4);
    for (i = 0; i < n; i++) {
        int y = a[i].year;
        assert_int_equal(y, 2021 + (int)i);
        NEAR(a[i].actual_pct, ref("vc_rate", y, "actual_pct"));
        NEAR(a[i].diff_pp, ref("vc_rate", y, "diff_pp"));
        NEAR(a[i].implied_prev_level, ref("vc_rate", y, "implied_prev_level"));
        NEAR(a[i].actual_low_pct, ref("vc_rate", y, "actual_low_pct"));
        NEAR(a[i].actual_high_pct, ref("vc_rate", y, "actual_high_pct"));
        assert_int_equal(a[i].agrees, (int)ref("vc_rate", y, "agrees"));
    }
    /* Hand: 12 stated as a whole number covers [11.5, 12.5]. */
    NEAR(a[0].stated_low_pct, 11.5);
    NEAR(a[1].stated_high_pct, 11.465);
    /* A fixed tolerance of 0.1 point: 2021 (0.198) and 2023 (0.295)
     * no longer agree, 2022 (0.003) and 2024 (0.025) do. */
    assert_int_equal(ind_growth_rate_check(a, 4, &n, rate, vc, 0.1, &err),
                     IND_OK);
    assert_true(!a[0].agrees && a[1].agrees && !a[2].agrees && a[3].agrees);
    /* Too small an array says how many records are needed. */
    assert_int_equal(ind_growth_rate_check(a, 2, &n, rate, vc, 0.1, &err),
                     IND_EINVAL);
    assert_int_equal(n, 4);
    /* Kinds are checked. */
    assert_int_equal(ind_growth_rate_check(a, 4, &n, vc, vc, 0.1, &err),
                     IND_EDATA);
    assert_int_equal(ind_growth_rate_check(a, 4, &n, rate, rate, 0.1, &err),
                     IND_EDATA);
    ind_series_free(vc);
    ind_series_free(rate);
}

static void test_implied_levels(void **state)
{
    /* certified_products_growth_pct 2019: 21.5, with a made-up level of
     * 1215 in 2019 and 1400 in 2020 plus a rate of 10 for 2021 where 2020
     * exists (no derivation there). Hand: 1215 / 1.215 = 1000. */
    static const double r_v[] = { 21.5 };
    static const int l_y[] = { 2019, 2020 };
    static const double l_v[] = { 1215, 1400 };
    static const double bad_v[] = { -100 };
    ind_series *rate = make_run("certified_products_growth_pct",
                                IND_KIND_RATE, 2019, r_v, 1);
    ind_series *level = make("certified_products", IND_KIND_STOCK, l_y, l_v,
                             2);
    ind_series *out = NULL, *vc, *vcr, *bad;
    ind_error err = IND_ERROR_INIT;
    const ind_point *p;

    (void)state;
    assert_int_equal(ind_growth_implied_levels(&out, rate, level, &err),
                     IND_OK);
    assert_int_equal(ind_series_length(out), 3);
    p = ind_series_point(out, 0);
    assert_int_equal(p->year, 2018);
    NEAR(p->value, 1000.0);
    assert_true(p->flags & IND_POINT_DERIVED);
    assert_true(p->reading == IND_NO_READING);
    assert_non_null(strstr(p->source, "certified_products_growth_pct 2019"));
    assert_false(ind_series_point(out, 1)->flags & IND_POINT_DERIVED);
    assert_string_equal(ind_series_indicator(out), "certified_products");
    assert_int_equal(ind_series_kind(out), IND_KIND_STOCK);
    ind_series_free(out);

    /* Shipped: every year before a stated rate already has a level. */
    vc = valid_certs();
    vcr = valid_certs_rate();
    assert_int_equal(ind_growth_implied_levels(&out, vcr, vc, &err), IND_OK);
    assert_int_equal(ind_series_length(out), 7);
    ind_series_free(out);

    bad = make_run("bad", IND_KIND_RATE, 2019, bad_v, 1);
    assert_int_equal(ind_growth_implied_levels(&out, bad, level, &err),
                     IND_EDOMAIN);
    assert_null(out);
    assert_non_null(strstr(err.message, "2018"));
    assert_int_equal(ind_growth_implied_levels(&out, level, level, &err),
                     IND_EDATA);
    ind_series_free(bad);
    ind_series_free(vc);
    ind_series_free(vcr);
    ind_series_free(rate);
    ind_series_free(level);
}

/* ------------------------------------------------------------------ */
/* Breaks                                                               */
/* ------------------------------------------------------------------ */

static size_t breaks(ind_growth_break *out, size_t cap, const ind_series *s)
{
    ind_error err = IND_ERROR_INIT;
    size_t n = 99;

    if (ind_growth_breaks(out, cap, &n, s, NULL, &err) != IND_OK) {
        print_error("%s\n", err.message);
        fail();
    }
    return n;
}

static void test_breaks_shipped(void **state)
{
    double seed[7];
    ind_growth_break b[8];
    ind_series *s;
    ind_error err = IND_ERROR_INIT;

    (void)state;
    /* The indicators of the brief, as chosen: no break. */
    s = valid_certs();
    assert_int_equal(breaks(b, 8, s), 0);
    /* The seed article's 1,164,000 tested against the chosen series. */
    assert_int_equal(ind_growth_break_test(b, s, 2019, 1164000, 0, NULL,
                                           &err), IND_OK);
    assert_int_equal(b[0].rule, IND_BREAK_STOCK_FALL);
    assert_int_equal(b[0].year, 2019);
    assert_int_equal(b[0].prev_year, 2018);
    NEAR(b[0].prev_value, 1937000.0);
    assert_int_equal(b[0].against_next, 0);
    NEAR(b[0].change_pct, ref("vc_break", 2019, "change_pct"));
    assert_string_equal(b[0].reason,
                        "1,164,000 in 2019 is 39.91% below 1,937,000 in "
                        "2018: a stock losing more than 33.33% in a year is "
                        "taken as a break");
    /* The March reading itself fits. */
    assert_int_equal(ind_growth_break_test(b, s, 2019, 1970000, 0, NULL,
                                           &err), IND_OK);
    assert_int_equal(b[0].rule, IND_BREAK_NONE);
    assert_string_equal(b[0].reason, "");
    /* Acknowledged as a break ('B'): not reported. */
    assert_int_equal(ind_growth_break_test(b, s, 2019, 1164000, 'B', NULL,
                                           &err), IND_OK);
    assert_int_equal(b[0].rule, IND_BREAK_NONE);
    ind_series_free(s);

    /* With 1,164,000 chosen for 2019, check finds it once: 2020 returns
     * to the old path and is not a second break. */
    memcpy(seed, vc_v, sizeof seed);
    seed[1] = 1164000;
    s = make_run("valid_certificates", IND_KIND_STOCK, 2018, seed, 7);
    assert_int_equal(breaks(b, 8, s), 1);
    assert_int_equal(b[0].year, 2019);
    assert_int_equal(b[0].rule, IND_BREAK_STOCK_FALL);
    ind_series_free(s);

    s = cert_bodies();
    assert_int_equal(breaks(b, 8, s), 0);
    ind_series_free(s);
    s = assoc();
    assert_int_equal(breaks(b, 8, s), 0);
    ind_series_free(s);
    s = valid_certs_rate();
    assert_int_equal(breaks(b, 8, s), 0);
    ind_series_free(s);
}

static void test_breaks_status_b(void **state)
{
    ind_series *s = NULL;
    ind_growth_break b[8];
    size_t i;

    (void)state;
    assert_int_equal(ind_series_new(&s, "v", NULL, NULL, IND_KIND_STOCK, NULL),
                     IND_OK);
    for (i = 0; i < 7; i++) {
        ind_point p = { 2018 + (int)i, vc_v[i], 0, 0, "", "", i };
        if (i == 1) {
            p.value = 1164000;
            p.status = 'B';
        }
        assert_int_equal(ind_series_add(s, &p, NULL), IND_OK);
    }
    /* 2019 is acknowledged; 2020 (+132% on 2019) follows a new segment
     * with no history: not a break either. */
    assert_int_equal(breaks(b, 8, s), 0);
    ind_series_free(s);
}

static void test_breaks_outlier(void **state)
{
    /* Growth 10%, 12%, 9%, 11%, 10% a year, then 60%: the R reference
     * gives the median and MAD of the log growth. */
    static const double f[] = { 1.10, 1.12, 1.09, 1.11, 1.10, 1.60 };
    double v[7];
    ind_growth_break b[8];
    ind_series *s;
    size_t i;

    (void)state;
    v[0] = 100;
    for (i = 0; i < 6; i++)
        v[i + 1] = v[i] * f[i];
    s = make_run("flowing", IND_KIND_FLOW, 2000, v, 7);
    assert_int_equal(breaks(b, 8, s), 1);
    assert_int_equal(b[0].rule, IND_BREAK_OUTLIER);
    assert_int_equal(b[0].year, 2006);
    assert_int_equal(b[0].history, 5);
    NEAR(b[0].typical, ref("outlier", 0, "typical_pct"));
    NEAR(b[0].spread, 100.0 * ref("outlier", 0, "spread_log"));
    NEAR(b[0].annual_pct, 60.0);
    assert_non_null(strstr(b[0].reason, "60% a year"));
    assert_non_null(strstr(b[0].reason, "usual 10% a year"));
    assert_non_null(strstr(b[0].reason, "0.37 off"));
    ind_series_free(s);

    /* 30% is 0.167 off in log growth, under the 0.25 floor. */
    v[6] = v[5] * 1.3;
    s = make_run("flowing", IND_KIND_FLOW, 2000, v, 7);
    assert_int_equal(breaks(b, 8, s), 0);
    ind_series_free(s);

    /* Three earlier steps are needed: a 60% jump after two is fine. */
    s = make_run("short", IND_KIND_FLOW, 2000, (double[]){ 100, 110, 121,
                                                           193.6 }, 4);
    assert_int_equal(breaks(b, 8, s), 0);
    ind_series_free(s);
}

static void test_breaks_flat_and_factor(void **state)
{
    ind_growth_break b[8];
    ind_series *s;

    (void)state;
    /* A flat history has no spread: the floor decides. +2% fits,
     * +50% (log 0.405 > 0.25) is a break. */
    s = make_run("flat", IND_KIND_FLOW, 2000,
                 (double[]){ 50, 50, 50, 50, 50, 51 }, 6);
    assert_int_equal(breaks(b, 8, s), 0);
    ind_series_free(s);
    s = make_run("flat", IND_KIND_FLOW, 2000,
                 (double[]){ 50, 50, 50, 50, 50, 75 }, 6);
    assert_int_equal(breaks(b, 8, s), 1);
    assert_int_equal(b[0].rule, IND_BREAK_OUTLIER);
    ind_series_free(s);

    /* A unit slip: 4,158 then 4,158,000 (a factor of 1000). */
    s = make_run("slip", IND_KIND_STOCK, 2023,
                 (double[]){ 3760, 4158, 4158000 }, 3);
    assert_int_equal(breaks(b, 8, s), 1);
    assert_int_equal(b[0].rule, IND_BREAK_FACTOR);
    assert_string_equal(b[0].reason,
                        "4,158,000 in 2025 is 1,000 times 4,158 in 2024: a "
                        "change by a factor of 10 or more in a year is taken "
                        "as a slip of unit or scope");
    ind_series_free(s);
    /* A flow divided by 12: no stock rule, the factor rule. */
    s = make_run("flow", IND_KIND_FLOW, 2020, (double[]){ 1200, 100 }, 2);
    assert_int_equal(breaks(b, 8, s), 1);
    assert_int_equal(b[0].rule, IND_BREAK_FACTOR);
    assert_non_null(strstr(b[0].reason, "is 1/12 of 1,200 in 2020"));
    ind_series_free(s);
    /* A flow falling by half is not a break (no history). */
    s = make_run("flow", IND_KIND_FLOW, 2020, (double[]){ 8105, 3501 }, 2);
    assert_int_equal(breaks(b, 8, s), 0);
    ind_series_free(s);
}

static void test_breaks_level_shift(void **state)
{
    ind_growth_break b[8];
    ind_series *s;

    (void)state;
    /* A stock halves in 2004 and grows on from there: one break. */
    s = make_run("shift", IND_KIND_STOCK, 2000,
                 (double[]){ 100, 110, 121, 133.1, 60, 66, 72.6 }, 7);
    assert_int_equal(breaks(b, 8, s), 1);
    assert_int_equal(b[0].year, 2004);
    ind_series_free(s);
    /* A one-off low figure: one break, the return is not another. */
    s = make_run("oneoff", IND_KIND_STOCK, 2000,
                 (double[]){ 100, 110, 121, 50, 146.41, 161.05 }, 6);
    assert_int_equal(breaks(b, 8, s), 1);
    assert_int_equal(b[0].year, 2003);
    ind_series_free(s);
    /* Two bad figures in a row that fit neither neighbour: both found. */
    s = make_run("twice", IND_KIND_STOCK, 2000,
                 (double[]){ 100, 110, 50, 10, 133.1 }, 5);
    assert_int_equal(breaks(b, 8, s), 2);
    assert_int_equal(b[0].year, 2002);
    assert_int_equal(b[1].year, 2003);
    assert_int_equal(b[1].prev_year, 2001);
    ind_series_free(s);
    /* A stock falling to zero. */
    s = make_run("zero", IND_KIND_STOCK, 2000, (double[]){ 10, 0 }, 2);
    assert_int_equal(breaks(b, 8, s), 1);
    assert_non_null(strstr(b[0].reason, "zero or below"));
    assert_true(isnan(b[0].annual_pct) || b[0].annual_pct == -100.0);
    ind_series_free(s);
}

static void test_break_test_against_next(void **state)
{
    static const int y[] = { 2018, 2020 };
    static const double v[] = { 1937000, 2701200 };
    ind_series *s = make("valid_certificates", IND_KIND_STOCK, y, v, 2);
    ind_growth_break b;

    (void)state;
    /* 5,000,000 for 2019 fits 2018 (+158%, no history) but the stock
     * would then fall by 46% into 2020, while 2020 fits 2018. */
    assert_int_equal(ind_growth_break_test(&b, s, 2019, 5e6, 0, NULL, NULL),
                     IND_OK);
    assert_int_equal(b.rule, IND_BREAK_STOCK_FALL);
    assert_int_equal(b.against_next, 1);
    assert_int_equal(b.year, 2019);
    assert_int_equal(b.prev_year, 2020);
    NEAR(b.change_pct, (5e6 / 2701200.0 - 1.0) * 100.0);
    assert_non_null(strstr(b.reason, "the figure after it breaks from it: "
                                     "2,701,200 in 2020 is 45.98% below"));
    /* As the first figure: judged only against the next one. 9,000,000
     * in 2017 would fall to 1,937,000 (-78%) in a year; in 2010 the same
     * fall spreads over 8 years (-17.5% a year) and fits. */
    assert_int_equal(ind_growth_break_test(&b, s, 2010, 9e6, 0, NULL, NULL),
                     IND_OK);
    assert_int_equal(b.rule, IND_BREAK_NONE);
    assert_int_equal(ind_growth_break_test(&b, s, 2017, 9e6, 0, NULL, NULL),
                     IND_OK);
    assert_int_equal(b.rule, IND_BREAK_STOCK_FALL);
    assert_int_equal(b.against_next, 1);
    assert_int_equal(b.prev_year, 2018);
    /* When the following figure breaks from the earlier ones anyway, the
     * figure tested is not blamed for it: 100 in 2019 between 100 (2018)
     * and 30 (2020, itself 45% a year below 2018). */
    {
        static const double odd[] = { 100, 30 };
        ind_series *t = make("odd", IND_KIND_STOCK, y, odd, 2);
        assert_int_equal(ind_growth_break_test(&b, t, 2019, 100, 0, NULL,
                                               NULL), IND_OK);
        assert_int_equal(b.rule, IND_BREAK_NONE);
        ind_series_free(t);
    }
    /* A new latest figure that fits. */
    assert_int_equal(ind_growth_break_test(&b, s, 2021, 3020000, 0, NULL,
                                           NULL), IND_OK);
    assert_int_equal(b.rule, IND_BREAK_NONE);
    /* Errors. */
    assert_int_equal(ind_growth_break_test(&b, s, 2021, NAN, 0, NULL, NULL),
                     IND_EINVAL);
    assert_int_equal(ind_growth_break_test(NULL, s, 2021, 1, 0, NULL, NULL),
                     IND_EINVAL);
    ind_series_free(s);
}

static void test_breaks_rate(void **state)
{
    ind_growth_break b[8];
    ind_series *s;

    (void)state;
    /* Stated rates 12, 11.46, 12, 10.61 then 35: median 11.73, 23.27
     * points off, over the 10-point floor. */
    s = make_run("valid_certificates_growth_pct", IND_KIND_RATE, 2021,
                 (double[]){ 12, 11.46, 12, 10.61, 35 }, 5);
    assert_int_equal(breaks(b, 8, s), 1);
    assert_int_equal(b[0].rule, IND_BREAK_OUTLIER);
    NEAR(b[0].typical, (11.46 + 12.0) / 2.0);
    assert_true(isnan(b[0].change_pct));
    ind_series_free(s);
}

static void test_break_options_and_capacity(void **state)
{
    ind_growth_break_options o = IND_GROWTH_BREAK_OPTIONS_INIT;
    ind_growth_break b[2];
    ind_error err = IND_ERROR_INIT;
    ind_series *s = make_run("twice", IND_KIND_STOCK, 2000,
                             (double[]){ 100, 110, 50, 10, 133.1 }, 5);
    size_t n;

    (void)state;
    assert_int_equal(ind_growth_breaks(b, 1, &n, s, NULL, &err), IND_EINVAL);
    assert_int_equal(n, 2);
    assert_int_equal(ind_growth_breaks(NULL, 0, &n, s, NULL, &err),
                     IND_EINVAL);
    o.window = 40;
    assert_int_equal(ind_growth_breaks(b, 2, &n, s, &o, &err), IND_EINVAL);
    o = (ind_growth_break_options)IND_GROWTH_BREAK_OPTIONS_INIT;
    o.stock_fall = 1.5;
    assert_int_equal(ind_growth_breaks(b, 2, &n, s, &o, &err), IND_EINVAL);
    o = (ind_growth_break_options)IND_GROWTH_BREAK_OPTIONS_INIT;
    o.version = 7;
    assert_int_equal(ind_growth_breaks(b, 2, &n, s, &o, &err), IND_EINVAL);
    /* A laxer stock rule (falls of more than 60%): 110 -> 50 passes,
     * 50 -> 10 (-80%) does not. */
    o = (ind_growth_break_options)IND_GROWTH_BREAK_OPTIONS_INIT;
    o.stock_fall = 0.6;
    assert_int_equal(ind_growth_breaks(b, 2, &n, s, &o, &err), IND_OK);
    assert_int_equal(n, 1);
    assert_int_equal(b[0].year, 2003);
    ind_series_free(s);
}

/* ------------------------------------------------------------------ */
/* Timing loop (only with IND_GROWTH_BENCH set)                          */
/* ------------------------------------------------------------------ */

static double seconds_since(const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (double)(t1.tv_sec - t0->tv_sec) +
           (double)(t1.tv_nsec - t0->tv_nsec) * 1e-9;
}

static void test_bench(void **state)
{
    enum { SERIES = 100000, YEARS = 60 };
    ind_growth_break b[YEARS];
    unsigned long rng = 42, nbreaks = 0;
    double build = 0, over = 0, table = 0, brk = 0, check = 0;
    struct timespec t0;
    size_t i, n;
    int k;

    (void)state;
    if (getenv("IND_GROWTH_BENCH") == NULL)
        skip();
    for (i = 0; i < SERIES; i++) {
        ind_series *s = NULL;
        ind_growth_overview_row r;
        ind_growth *g = NULL;
        double level = 100 + (double)(i % 9973), gr = 0.03;

        clock_gettime(CLOCK_MONOTONIC, &t0);
        assert_int_equal(ind_series_new(&s, "series", NULL, "units",
                                        IND_KIND_STOCK, NULL), IND_OK);
        for (k = 0; k < YEARS; k++) {
            ind_point p = { 1964 + k, 0, 0, 0, "", "", 0 };
            rng = rng * 6364136223846793005UL + 1442695040888963407UL;
            if ((rng >> 33) % 100 < 3)
                continue; /* a missing year now and then */
            p.value = level * exp(gr * k) *
                      (1.0 + ((double)((rng >> 40) % 1000) / 1000.0 - 0.5) *
                                 0.1);
            assert_int_equal(ind_series_add(s, &p, NULL), IND_OK);
        }
        build += seconds_since(&t0);
        clock_gettime(CLOCK_MONOTONIC, &t0);
        assert_int_equal(ind_growth_overview(&r, s, NULL), IND_OK);
        check += r.cagr_pct;
        over += seconds_since(&t0);
        clock_gettime(CLOCK_MONOTONIC, &t0);
        assert_int_equal(ind_growth_compute(&g, s, NULL, NULL), IND_OK);
        check += ind_growth_get_summary(g)->cagr_pct;
        ind_growth_free(g);
        table += seconds_since(&t0);
        clock_gettime(CLOCK_MONOTONIC, &t0);
        assert_int_equal(ind_growth_breaks(b, YEARS, &n, s, NULL, NULL),
                         IND_OK);
        nbreaks += n;
        brk += seconds_since(&t0);
        ind_series_free(s);
    }
    print_message("bench: %d series x %d years: build %.3f s, overview "
                  "%.3f s, full table %.3f s, breaks %.3f s (%lu found); "
                  "checksum %.6g\n", SERIES, YEARS, build, over, table, brk,
                  nbreaks, check);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cert_bodies_table),
        cmocka_unit_test(test_cert_bodies_base_and_span),
        cmocka_unit_test(test_assoc_gaps_annualised),
        cmocka_unit_test(test_valid_certs_table),
        cmocka_unit_test(test_dip),
        cmocka_unit_test(test_flat),
        cmocka_unit_test(test_two_points_and_precision),
        cmocka_unit_test(test_one_point_and_empty),
        cmocka_unit_test(test_zero_and_negative),
        cmocka_unit_test(test_rate_kind),
        cmocka_unit_test(test_flow_sum),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_extreme_values),
        cmocka_unit_test(test_why_texts),
        cmocka_unit_test(test_targets),
        cmocka_unit_test(test_target_edges),
        cmocka_unit_test(test_overview),
        cmocka_unit_test(test_rate_check_shipped),
        cmocka_unit_test(test_implied_levels),
        cmocka_unit_test(test_breaks_shipped),
        cmocka_unit_test(test_breaks_status_b),
        cmocka_unit_test(test_breaks_outlier),
        cmocka_unit_test(test_breaks_flat_and_factor),
        cmocka_unit_test(test_breaks_level_shift),
        cmocka_unit_test(test_break_test_against_next),
        cmocka_unit_test(test_breaks_rate),
        cmocka_unit_test(test_break_options_and_capacity),
        cmocka_unit_test(test_bench),
    };

    ind_library_init();
    return cmocka_run_group_tests(tests, load_refs, NULL);
}
