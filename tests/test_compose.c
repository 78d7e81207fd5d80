/* Unit tests of the compose layer: series and names, the closest ids,
 * charts of series with their projections (marks, index rebasing, the
 * projection's own levels, notes), rate/level links, the whole check.
 * Expected figures are worked out by hand in the comments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "indicators/indicators.h"
#include "dataset_fixture.h"

static const char catalog[] =
    "indicator,title,unit,kind,description,growth_of\n"
    "lvl,Level,units,stock,,\n"
    "line,Line,units,stock,,\n"
    "members,Members,people,stock,,\n"
    "members_growth_pct,Growth of members,percent,rate,,members\n";

/* lvl: 2019 estimated, 2020 missing (2021 annualised), 2022 partial.
 * line: five points on 10 + 2 (year - 2016) plus a little noise, for a
 * projection with degrees of freedom. members and its stated growth. */
static const char observations[] =
    "indicator,entity,year,value,status,as_of,source\n"
    "lvl,,2018,100,,,a\n"
    "lvl,,2019,110,E,,b\n"
    "lvl,,2021,121,,,c\n"
    "lvl,,2022,130,,2022-06,d\n"
    "lvl,CN,2020,5,,,e\n"
    "line,,2016,10,,,l\n"
    "line,,2017,12.5,,,l\n"
    "line,,2018,13.5,,,l\n"
    "line,,2019,16.5,,,l\n"
    "line,,2020,17.5,,,l\n"
    "members,,2018,1100,,,m\n"
    "members,,2019,1210,,,m\n"
    "members_growth_pct,,2018,10,,,g\n"
    "members_growth_pct,,2019,10,,,g\n";

/* The fixture's dataset: the catalog and observations above. */
static int compose_setup(void **state)
{
    fx *f;

    if (fx_setup(state) != 0)
        return -1;
    f = *state;
    put(f->obs, observations);
    put(f->cat, catalog);
    return 0;
}

static ind_dataset *open_ok(const char *path)
{
    ind_error err = IND_ERROR_INIT;
    ind_dataset *ds = NULL;

    if (ind_dataset_open(&ds, path, IND_OPEN_READ, &err) != IND_OK)
        fail_msg("open %s: %s", path, err.message);
    return ds;
}

static ind_series *series_of(ind_dataset *ds, const char *id)
{
    ind_error err = IND_ERROR_INIT;
    ind_series *s = NULL;

    if (ind_compose_series(&s, NULL, ds, id, NULL, &err) != IND_OK)
        fail_msg("%s: %s", id, err.message);
    return s;
}

/* The chart's script as text, to free(). */
static char *script_of(const ind_chart_composition *c)
{
    ind_error err = IND_ERROR_INIT;
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);

    assert_non_null(out);
    if (ind_chart_write_stream(ind_chart_composition_chart(c), out, &err)
            != IND_OK)
        fail_msg("%s", err.message);
    assert_int_equal(fclose(out), 0);
    return text;
}

/* The row of `year` in a data block of the script ("$ind_series_1" or
 * "$ind_projection_1"): its numbers after the year, into v[0..n). */
static int block_row(const char *script, const char *block, int year,
                     double *v, int n)
{
    const char *at = strstr(script, block), *end;
    char head[16];
    int k;

    if (at == NULL)
        return -1;
    end = strstr(at, "\nEOD");
    snprintf(head, sizeof head, "\n%d ", year);
    at = strstr(at, head);
    if (at == NULL || (end != NULL && at > end))
        return -1;
    at += strlen(head);
    for (k = 0; k < n; k++) {
        char *next;
        v[k] = strtod(at, &next);
        if (next == at)
            return -1;
        at = next;
    }
    return 0;
}

/* ---- series and names ---- */

static void test_series_and_name(void **state)
{
    fx *f = *state;
    ind_dataset *ds = open_ok(f->obs);
    ind_error err = IND_ERROR_INIT;
    ind_series *s = NULL;
    char *name = NULL;

    assert_int_equal(ind_compose_series(&s, &name, ds, "lvl", NULL, &err),
                     IND_OK);
    assert_string_equal(name, "Level");
    assert_int_equal(ind_series_length(s), 4);
    ind_series_free(s);
    free(name);
    assert_int_equal(ind_compose_series(&s, &name, ds, "lvl", "CN", &err),
                     IND_OK);
    assert_string_equal(name, "Level (CN)");
    ind_series_free(s);
    free(name);
    assert_int_equal(ind_compose_series(&s, &name, ds, "lvx", NULL, &err),
                     IND_ENOTFOUND);
    assert_null(s);
    assert_null(name);
    assert_int_equal(err.detail, IND_DETAIL_UNKNOWN_INDICATOR);
    assert_string_equal(err.subject, "lvx");
    assert_int_equal(ind_compose_series(&s, NULL, ds, "lvl", "EU", &err),
                     IND_ENOTFOUND);
    assert_int_equal(err.detail, IND_DETAIL_NO_SERIES);
    ind_dataset_free(ds);
}

static void test_closest_ids(void **state)
{
    fx *f = *state;
    ind_dataset *ds = open_ok(f->obs);
    const char *close[3];

    /* "lvk" is one substitution from "lvl", two from "line". */
    assert_int_equal(ind_compose_closest_ids(close, 3, ds, "lvk"), 1);
    assert_string_equal(close[0], "lvl");
    /* "member": one deletion from "members", far from the rest. */
    assert_int_equal(ind_compose_closest_ids(close, 3, ds, "member"), 1);
    assert_string_equal(close[0], "members");
    assert_int_equal(ind_compose_closest_ids(close, 3, ds, "zzzzzzzz"), 0);
    assert_int_equal(ind_compose_closest_ids(close, 0, ds, "lvk"), 0);
    ind_dataset_free(ds);
}

/* ---- charts ---- */

static void test_mark_precedence(void **state)
{
    (void)state;
    /* partial > estimated > derived > normal, whichever comes first */
    assert_int_equal(ind_chart_mark_stronger(IND_CHART_MARK_NORMAL,
                                             IND_CHART_MARK_DERIVED),
                     IND_CHART_MARK_DERIVED);
    assert_int_equal(ind_chart_mark_stronger(IND_CHART_MARK_ESTIMATED,
                                             IND_CHART_MARK_DERIVED),
                     IND_CHART_MARK_ESTIMATED);
    assert_int_equal(ind_chart_mark_stronger(IND_CHART_MARK_DERIVED,
                                             IND_CHART_MARK_ESTIMATED),
                     IND_CHART_MARK_ESTIMATED);
    assert_int_equal(ind_chart_mark_stronger(IND_CHART_MARK_PARTIAL,
                                             IND_CHART_MARK_ESTIMATED),
                     IND_CHART_MARK_PARTIAL);
    assert_int_equal(ind_chart_mark_stronger(IND_CHART_MARK_NORMAL,
                                             IND_CHART_MARK_NORMAL),
                     IND_CHART_MARK_NORMAL);
}

static void test_growth_bars(void **state)
{
    fx *f = *state;
    ind_dataset *ds = open_ok(f->obs);
    ind_series *s = series_of(ds, "lvl");
    ind_compose_input in = { NULL, "Level", NULL };
    ind_compose_chart_options o = IND_COMPOSE_CHART_OPTIONS_INIT;
    ind_chart_composition *c = NULL;
    ind_error err = IND_ERROR_INIT;
    double v[2];
    char *script;
    int first, last;

    in.series = s;
    o.chart.kind = IND_CHART_GROWTH;
    o.chart.created = 1;
    if (ind_compose_chart(&c, &in, 1, &o, &err) != IND_OK)
        fail_msg("%s", err.message);
    /* Bars for 2019, 2021 and 2022 (2018 has no year before). */
    assert_int_equal(ind_chart_composition_span(c, 0, &first, &last), 3);
    assert_int_equal(first, 2019);
    assert_int_equal(last, 2022);
    script = script_of(c);
    /* 2019: 110/100 - 1 = 10%, from an estimated figure: estimated. */
    assert_int_equal(block_row(script, "$ind_series_1", 2019, v, 2), 0);
    assert_true(fabs(v[0] - 10.0) < 1e-9);
    assert_int_equal((int)v[1], IND_CHART_MARK_ESTIMATED);
    /* 2021: (121/110)^(1/2) - 1 = 4.8809%, annualised (derived) from an
     * estimated figure: both marks, and the bar shows both. */
    assert_int_equal(block_row(script, "$ind_series_1", 2021, v, 2), 0);
    assert_true(fabs(v[0] - 100.0 * (sqrt(121.0 / 110.0) - 1.0)) < 1e-9);
    assert_int_equal((int)v[1],
                     IND_CHART_MARK_ESTIMATED | IND_CHART_MARK_DERIVED);
    /* 2022: to a mid-year reading: partial. */
    assert_int_equal(block_row(script, "$ind_series_1", 2022, v, 2), 0);
    assert_int_equal((int)v[1], IND_CHART_MARK_PARTIAL);
    /* The footer explains the marks drawn. */
    assert_non_null(strstr(script, "Pale bars: a change"));
    assert_non_null(strstr(script, "Outlined bars: a change"));
    assert_non_null(strstr(script, "Hatched bars: the average"));
    free(script);
    ind_chart_composition_free(c);
    /* No projection on growth bars. */
    o.project_to = 2025;
    assert_int_equal(ind_compose_chart(&c, &in, 1, &o, &err), IND_EINVAL);
    assert_null(c);
    ind_series_free(s);
    ind_dataset_free(ds);
}

static void test_index_with_projection(void **state)
{
    fx *f = *state;
    ind_dataset *ds = open_ok(f->obs);
    ind_series *lvl = series_of(ds, "lvl"), *members = series_of(ds, "members");
    ind_compose_input in[2] = { { NULL, NULL, NULL }, { NULL, NULL, NULL } };
    ind_compose_chart_options o = IND_COMPOSE_CHART_OPTIONS_INIT;
    ind_chart_composition *c = NULL;
    ind_error err = IND_ERROR_INIT;
    const ind_projection *p;
    const ind_compose_note *note;
    double v[5];
    char *script;

    in[0].series = lvl;
    in[1].series = members;
    o.chart.kind = IND_CHART_INDEX;
    o.chart.created = 1;
    o.project_to = 2021;
    o.projection.model = IND_MODEL_LINEAR;
    if (ind_compose_chart(&c, in, 2, &o, &err) != IND_OK)
        fail_msg("%s", err.message);
    /* The first year both have: 2018. */
    assert_int_equal(ind_chart_composition_base_year(c), 2018);
    /* lvl reaches 2022: not projected, said in a warning. */
    assert_null(ind_chart_composition_projection(c, 0));
    note = ind_chart_composition_note(c, 0);
    assert_non_null(note);
    assert_int_equal(note->severity, IND_SEVERITY_WARNING);
    assert_int_equal(note->series, 0);
    assert_non_null(strstr(note->text, "lvl: not projected"));
    /* members: a line through 1100 and 1210, 110 a year: 1320, 1430. */
    p = ind_chart_composition_projection(c, 1);
    assert_non_null(p);
    assert_true(fabs(ind_projection_mean(p)[0] - 1320.0) < 1e-9);
    assert_true(fabs(ind_projection_mean(p)[1] - 1430.0) < 1e-9);
    script = script_of(c);
    /* Rebased with the history: 2018 = 100, so 2021 is 143000/1100. */
    assert_int_equal(block_row(script, "$ind_series_2", 2019, v, 1), 0);
    assert_true(fabs(v[0] - 121000.0 / 1100.0) < 1e-9);
    assert_int_equal(block_row(script, "$ind_projection_2", 2021, v, 1), 0);
    assert_true(fabs(v[0] - 143000.0 / 1100.0) < 1e-9);
    /* Two points leave no degree of freedom: no interval is drawn. */
    assert_null(strstr(script, "% interval"));
    free(script);
    ind_chart_composition_free(c);

    /* Nothing ends before 2019: nothing to project, said so. */
    o.project_to = 2019;
    assert_int_equal(ind_compose_chart(&c, in, 2, &o, &err), IND_EDOMAIN);
    assert_int_equal(err.detail, IND_DETAIL_NOTHING_TO_PROJECT);
    assert_int_equal(err.year, 2019);
    ind_series_free(lvl);
    ind_series_free(members);
    ind_dataset_free(ds);
}

static void test_levels_from_projection(void **state)
{
    fx *f = *state;
    ind_dataset *ds = open_ok(f->obs);
    ind_series *s = series_of(ds, "line");
    ind_compose_input in = { NULL, NULL, NULL };
    ind_compose_chart_options o = IND_COMPOSE_CHART_OPTIONS_INIT;
    ind_chart_composition *c = NULL;
    ind_error err = IND_ERROR_INIT;
    const ind_projection *p;
    double v[5];
    char *script;

    in.series = s;
    o.chart.created = 1;
    o.project_to = 2022;
    o.projection.model = IND_MODEL_LINEAR;
    /* Three levels, not in order: the chart draws the narrowest (50) and
     * the widest (95), its bands ordered. */
    o.projection.nlevels = 3;
    o.projection.levels[0] = 95;
    o.projection.levels[1] = 50;
    o.projection.levels[2] = 80;
    if (ind_compose_chart(&c, &in, 1, &o, &err) != IND_OK)
        fail_msg("%s", err.message);
    p = ind_chart_composition_projection(c, 0);
    script = script_of(c);
    assert_non_null(strstr(script, "lower 50%, upper 50%, lower 95%, "
                                   "upper 95%"));
    assert_non_null(strstr(script, "50% interval"));
    assert_non_null(strstr(script, "95% interval"));
    assert_null(strstr(script, "80% interval"));
    /* The bounds are the projection's own: level j = 1 is 50%. */
    assert_int_equal(block_row(script, "$ind_projection_1", 2022, v, 5), 0);
    assert_true(fabs(v[0] - ind_projection_mean(p)[1]) < 1e-9);
    assert_true(fabs(v[1] - ind_projection_lower(p, 1)[1]) < 1e-9);
    assert_true(fabs(v[2] - ind_projection_upper(p, 1)[1]) < 1e-9);
    assert_true(fabs(v[3] - ind_projection_lower(p, 0)[1]) < 1e-9);
    assert_true(fabs(v[4] - ind_projection_upper(p, 0)[1]) < 1e-9);
    assert_true(v[3] < v[1] && v[1] < v[0] && v[0] < v[2] && v[2] < v[4]);
    /* The legend names the model. */
    assert_non_null(strstr(script, "linear trend"));
    free(script);
    ind_chart_composition_free(c);
    ind_series_free(s);
    ind_dataset_free(ds);
}

static void test_chart_refusals(void **state)
{
    fx *f = *state;
    ind_dataset *ds = open_ok(f->obs);
    ind_series *rate = series_of(ds, "members_growth_pct");
    ind_compose_input in = { NULL, NULL, NULL };
    ind_compose_chart_options o = IND_COMPOSE_CHART_OPTIONS_INIT;
    ind_chart_composition *c = NULL;
    ind_error err = IND_ERROR_INIT;

    in.series = rate;
    o.chart.kind = IND_CHART_INDEX;
    assert_int_equal(ind_compose_chart(&c, &in, 1, &o, &err), IND_EDOMAIN);
    assert_non_null(strstr(err.message, "members_growth_pct is a rate"));
    assert_int_equal(ind_compose_chart(&c, &in, 0, &o, &err), IND_EINVAL);
    assert_int_equal(ind_compose_chart(&c, NULL, 1, &o, &err), IND_EINVAL);
    o.version = 99;
    assert_int_equal(ind_compose_chart(&c, &in, 1, &o, &err), IND_EINVAL);
    ind_chart_composition_free(NULL);
    ind_series_free(rate);
    ind_dataset_free(ds);
}

/* ---- links ---- */

static void test_links(void **state)
{
    fx *f = *state;
    ind_dataset *ds = open_ok(f->obs);
    ind_series *members = series_of(ds, "members");
    ind_series *rate = series_of(ds, "members_growth_pct"), *more = NULL;
    ind_links *l = NULL;
    ind_error err = IND_ERROR_INIT;
    const ind_series *implied;
    long at;

    /* From the level: the one rate declared as its growth. */
    assert_int_equal(ind_links_find(&l, ds, members, &err), IND_OK);
    assert_int_equal(ind_links_count(l), 1);
    assert_string_equal(ind_series_indicator(ind_links_rate(l, 0)),
                        "members_growth_pct");
    assert_ptr_equal(ind_links_level(l, 0), members);
    assert_int_equal(ind_links_nproblems(l), 0);
    /* 10% in 2018 on 1100: 1000 in 2017, derived. */
    implied = ind_links_implied(l, 0);
    at = ind_series_find(implied, 2017);
    assert_true(at >= 0);
    assert_true(fabs(ind_series_point(implied, (size_t)at)->value - 1000.0)
                < 1e-9);
    assert_true(ind_series_point(implied, (size_t)at)->flags &
                IND_POINT_DERIVED);
    assert_int_equal(ind_links_with_derived(&more, members, l, &err), IND_OK);
    assert_int_equal(ind_series_length(more), 3);
    assert_int_equal(ind_series_years(more)[0], 2017);
    ind_series_free(more);
    ind_links_free(l);
    /* From the rate: its level. */
    assert_int_equal(ind_links_find(&l, ds, rate, &err), IND_OK);
    assert_int_equal(ind_links_count(l), 1);
    assert_string_equal(ind_series_indicator(ind_links_level(l, 0)),
                        "members");
    ind_links_free(l);
    ind_links_free(NULL);
    assert_int_equal(ind_links_find(&l, ds, NULL, &err), IND_EINVAL);
    ind_series_free(members);
    ind_series_free(rate);
    ind_dataset_free(ds);
}

/* ---- the whole check ---- */

static size_t with_text(const ind_findings *f, const char *text)
{
    size_t i, n = 0;

    for (i = 0; i < ind_findings_count(f); i++)
        n += strstr(ind_findings_at(f, i)->message, text) != NULL;
    return n;
}

static void test_check(void **state)
{
    fx *f = *state;
    ind_findings *fs = NULL;
    ind_error err = IND_ERROR_INIT;
    ind_dataset *ds;
    const ind_diagnostic *d = NULL;
    size_t i;

    /* lvl falls by half in 2023 (a stock losing more than a third in a
     * year is a break); "stray" is not in the catalog. */
    put(f->obs, "indicator,year,value,source\n"
                "lvl,2020,100,a\nlvl,2021,101,a\nlvl,2022,102,a\n"
                "lvl,2023,50,a\nstray,2020,1,a\n");
    ds = open_ok(f->obs);
    assert_int_equal(ind_compose_check(&fs, ds, &err), IND_OK);
    assert_int_equal(with_text(fs, "possible break in lvl 2023"), 1);
    assert_int_equal(ind_findings_with(fs, IND_SEVERITY_ERROR), 1);
    for (i = 0; i < ind_findings_count(fs); i++)
        if (ind_findings_at(fs, i)->severity == IND_SEVERITY_ERROR)
            d = ind_findings_at(fs, i);
    assert_non_null(d);
    assert_int_equal(d->detail, IND_DETAIL_UNDECLARED);
    assert_string_equal(d->subject, "stray");
    assert_int_equal(d->line, 6);
    ind_findings_free(fs);
    ind_dataset_free(ds);

    /* A dataset that does not load: its finding, no breaks. */
    put(f->obs, "indicator,year,value,source\nlvl,2020,1164,000,a\n");
    ds = NULL;
    assert_int_not_equal(ind_dataset_open(&ds, f->obs, IND_OPEN_READ, &err),
                         IND_OK);
    assert_int_equal(ind_compose_check(&fs, ds, &err), IND_OK);
    assert_true(ind_findings_with(fs, IND_SEVERITY_ERROR) >= 1);
    assert_int_equal(with_text(fs, "break"), 0);
    ind_findings_free(fs);
    ind_findings_free(NULL);
    ind_dataset_free(ds);
}

#define T(name) \
    cmocka_unit_test_setup_teardown(name, compose_setup, fx_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        T(test_series_and_name),
        T(test_closest_ids),
        cmocka_unit_test(test_mark_precedence),
        T(test_growth_bars),
        T(test_index_with_projection),
        T(test_levels_from_projection),
        T(test_chart_refusals),
        T(test_links),
        T(test_check),
    };

    ind_library_init();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
