/* Unit tests of the report composer on a small dataset whose figures are
 * worked out by hand below: the summary's latest figures, changes (one
 * across a gap, annualised), CAGR and marks; a year decided between two
 * readings, a provisional figure, a rate, a single figure, an undecided
 * conflict (reported as such, not an error); the files written for each
 * format; gnuplot missing; the options refused. The shipped dataset's
 * report is checked against the other commands in tests/cli/test_report.sh. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <string.h>
#include <sys/stat.h>

#include "indicators/compose.h"
#include "compose_report_internal.h"
#include "dataset_fixture.h"

static const char catalog[] =
    "indicator,title,unit,kind,description,growth_of\n"
    "stock,Stock of things,things,stock,Things at the year's end,\n"
    "flow,Flow of things,things,flow,,\n"
    "rate,Rate of things,percent,rate,,\n"
    "one,A single figure,things,stock,,\n"
    "tie,Undecided,things,stock,,\n";

/* stock: 100, 110, (2020 missing), 121, and 2022 decided between a
 * year-end 130 (primary) and a June 125 (alternate).
 * flow: 2019 40, 2020 44 provisional.
 * rate: 5, 7 (percent).
 * one: a single figure.
 * tie: two undated readings of 2020, no role: undecided. */
static const char observations[] =
    "indicator,year,value,as_of,source,status,role\n"
    "stock,2018,100,,https://a.example/2018,,\n"
    "stock,2019,110,,https://a.example/2019,,\n"
    "stock,2021,121,,https://a.example/2021,,\n"
    "stock,2022,130,2022-12-31,https://a.example/2022,,primary\n"
    "stock,2022,125,2022-06-30,Bulletin of June 2022,,alternate\n"
    "flow,2019,40,,https://b.example/,,\n"
    "flow,2020,44,,https://b.example/,P,\n"
    "rate,2019,5,,https://c.example/,,\n"
    "rate,2020,7,,https://c.example/,,\n"
    "one,2020,9,,https://d.example/,,\n"
    "tie,2020,1,,https://e.example/1,,\n"
    "tie,2020,2,,https://e.example/2,,\n";

static int setup(void **state)
{
    fx *f;

    if (fx_setup(state) != 0)
        return -1;
    f = *state;
    put(f->cat, catalog);
    put(f->obs, observations);
    return 0;
}

static char *slurp(const char *path)
{
    FILE *in = fopen(path, "rb");
    char *buf;
    long n;

    assert_non_null(in);
    fseek(in, 0, SEEK_END);
    n = ftell(in);
    fseek(in, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, in), (size_t)n);
    buf[n] = '\0';
    fclose(in);
    return buf;
}

static ind_dataset *open_ok(const char *path)
{
    ind_dataset *ds = NULL;
    ind_error err = IND_ERROR_INIT;

    if (ind_dataset_open(&ds, path, IND_OPEN_READ, &err) != IND_OK)
        fail_msg("%s", err.message);
    return ds;
}

static ind_compose_report_options options(void)
{
    ind_compose_report_options o = IND_COMPOSE_REPORT_OPTIONS_INIT;

    o.created = 1700000000; /* 2023-11-14 */
    o.project_to = 2025;
    o.title = "Things";
    return o;
}

/* The summary row of an indicator (a line of the Markdown table). */
static const char *row_of(const char *md, const char *anchor, char *buf,
                          size_t size)
{
    char key[128];
    const char *at, *end;

    snprintf(key, sizeof key, "](#%s) |", anchor);
    at = strstr(md, key);
    assert_non_null(at);
    while (at > md && at[-1] != '\n')
        at--;
    end = strchr(at, '\n');
    snprintf(buf, size, "%.*s", (int)(end - at), at);
    return buf;
}

/* Three significant digits, decided after rounding: a value just below a
 * power of ten rounds up to it and takes the digits of its new power. */
static void test_about_text(void **state)
{
    static const struct { double v; const char *text; } cases[] = {
        { 0.9996, "1.00" }, { 9.996, "10.0" }, { 99.96, "100" },
        { 999.6, "1,000" }, { -0.9996, "-1.00" }, { 0.0009996, "0.00100" },
        { 9996.0, "10,000" }, { -32.74, "-32.7" }, { 0.0, "0" },
        { 8.864, "8.86" }, { 913890.2, "914,000" }, { 1.0, "1.00" },
        { 0.9994, "0.999" }
    };
    char buf[64];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_string_equal(report_about_text(buf, sizeof buf, cases[i].v),
                            cases[i].text);
}

static void test_markdown(void **state)
{
    fx *f = *state;
    ind_dataset *ds = open_ok(f->obs);
    ind_compose_report_options o = options();
    ind_report_composition *c = NULL;
    ind_error err = IND_ERROR_INIT;
    char path[128], pic[160], row[1024], *md;
    struct stat st;
    size_t i, warned = 0;

    snprintf(path, sizeof path, "%s/r.md", f->dir);
    if (ind_compose_report(&c, ds, path, IND_REPORT_MARKDOWN, &o, &err) !=
        IND_OK)
        fail_msg("%s", err.message);
    md = slurp(path);
    /* Five indicators, four charts (not the single figure, not the tie):
     * the document first, then the pictures beside it. */
    assert_int_equal(ind_report_composition_nindicators(c), 5);
    assert_int_equal(ind_report_composition_ncharts(c), 3);
    assert_int_equal(ind_report_composition_nfiles(c), 4);
    assert_string_equal(ind_report_composition_file(c, 0), path);
    for (i = 1; i < 4; i++)
        assert_int_equal(stat(ind_report_composition_file(c, i), &st), 0);
    snprintf(pic, sizeof pic, "](r-files/stock.png)");
    assert_non_null(strstr(md, pic));
    /* stock: latest 130 (2022), change (130 / 121 - 1) = 7.438%, CAGR
     * (130 / 100)^(1/4) - 1 = 6.778% over 2018-2022. */
    row_of(md, "ind-stock", row, sizeof row);
    assert_non_null(strstr(row, "| 130[\\[1\\]](#source-1) | 2022 | +7.4% "
                                "| +6.8% (2018–2022) |"));
    /* flow: 44 provisional (‡), +10.0%. */
    row_of(md, "ind-flow", row, sizeof row);
    assert_non_null(strstr(row, "| 44 ‡["));
    assert_non_null(strstr(row, "| +10.0% |"));
    /* rate: 7%, +2 points, no CAGR; its projection's figure a rate too. */
    row_of(md, "ind-rate", row, sizeof row);
    /* 5, 7: 7 + 5 x 2 = 17 in 2025, with the rate's "%". */
    assert_non_null(strstr(md, "gives 17.0%: an extension of the line"));
    assert_non_null(strstr(row, "| 7%["));
    assert_non_null(strstr(row, "| +2.00 pp | — |"));
    /* The change across 2020 is annualised: (121 / 110)^(1/2) - 1 =
     * 4.881%, 5.5 a year, marked. */
    assert_non_null(strstr(md, "| 2021 | 121 | +5.5 § | +4.9% § |"));
    /* What to know: the year decided, the provisional figure, the gap. */
    assert_non_null(strstr(md, "2022: 2 readings; the one used is 130 "
                               "(2022-12-31), marked primary in the data"));
    assert_non_null(strstr(md, "not used: 125 (2022-06-30)"));
    assert_non_null(strstr(md, "Bulletin of June 2022"));
    assert_non_null(strstr(md, "2020: provisional, by its source."));
    /* Each fact once: the gap with what the trend is fitted to, the few
     * figures with the degrees of freedom they leave. */
    assert_non_null(strstr(md, "> - No figure for 2020 (1 of the 5 years "
                               "from 2018 to 2022): a change across missing "
                               "years is annualised and the trend is fitted "
                               "to the 4 years present; nothing is filled "
                               "in.\n"));
    assert_null(strstr(md, "missing (the first is"));
    assert_non_null(strstr(md, "> - Only 4 figures, leaving 2 residual "
                               "degrees of freedom: the projection rests on "
                               "few points"));
    assert_null(strstr(md, "only 2 residual"));
    /* A 2-point projection has no range: no bare figure in the summary,
     * the section calls the line's figure what it is, the chart's text
     * claims no shaded interval. */
    row_of(md, "ind-flow", row, sizeof row);
    assert_non_null(strstr(row, "| — (2 figures: no range) | — |"));
    assert_non_null(strstr(md, "> - Only 2 figures: no degree of freedom is "
                               "left to measure the uncertainty, so no range "
                               "can be given.\n"));
    /* drift through 40 (2019) and 44 (2020): 44 + 5 x 4 = 64 in 2025. */
    assert_non_null(strstr(md, "Extended to 2025, the straight line through "
                               "them (the random walk with drift) gives "
                               "64.0: an extension of the line, not a "
                               "forecast."));
    assert_non_null(strstr(md, "Flow of things, 2019–2020; the straight "
                               "line through the figures extended to 2025"));
    assert_null(strstr(md, "Flow of things, 2019–2020; projection to"));
    assert_non_null(strstr(md, "> - Every forecast starts from the figure "
                               "of 2020 and moves if it is revised.\n"));
    assert_null(strstr(md, "widened by half, and less reliable.\n> - The "
                           "forecast runs 5"));
    /* Every caveat a sentence starting with a capital (or a year). */
    {
        const char *at = md;
        while ((at = strstr(at, "\n> - ")) != NULL) {
            at += 5;
            if (!((*at >= 'A' && *at <= 'Z') || (*at >= '0' && *at <= '9')))
                fail_msg("a caveat starts with '%c': %.60s", *at, at);
        }
    }
    assert_non_null(strstr(md, "One figure only: no change, no chart"));
    /* The tie is reported as undecided, and the caller told. */
    assert_non_null(strstr(md, "Not reported: "));
    for (i = 0; i < ind_report_composition_nnotes(c); i++)
        warned += strstr(ind_report_composition_note(c, i)->text,
                         "tie: not reported") != NULL;
    assert_int_equal(warned, 1);
    /* The check's finding of the tie in the data-quality section. */
    assert_non_null(strstr(md, "**Error** (line 13 of d.csv): conflict: tie 2020"));
    /* Sources: every address linked, the citation text kept. */
    assert_non_null(strstr(md, "](https://a.example/2022)\n"));
    assert_non_null(strstr(md, "Bulletin of June 2022\n"));
    free(md);
    ind_report_composition_free(c);
    ind_dataset_free(ds);
}

static void test_html_and_lang(void **state)
{
    fx *f = *state;
    ind_dataset *ds = open_ok(f->obs);
    ind_compose_report_options o = options();
    static const char *const ids[] = { "stock", "flow" };
    ind_report_composition *c = NULL;
    ind_error err = IND_ERROR_INIT;
    char path[128], *html, *p;
    size_t svgs = 0;

    o.lang = IND_LANG_ZH;
    o.ids = ids;
    o.n_ids = 2;
    snprintf(path, sizeof path, "%s/r.html", f->dir);
    if (ind_compose_report(&c, ds, path, IND_REPORT_HTML, &o, &err) !=
        IND_OK)
        fail_msg("%s", err.message);
    assert_int_equal(ind_report_composition_nfiles(c), 1);
    assert_int_equal(ind_report_composition_nindicators(c), 2);
    html = slurp(path);
    for (p = html; (p = strstr(p, "<svg role=\"img\"")) != NULL; p++)
        svgs++;
    assert_int_equal(svgs, 2);
    assert_non_null(strstr(html, "<html lang=\"zh-CN\">"));
    assert_non_null(strstr(html, ">概览</h2>"));
    assert_non_null(strstr(html, "年份"));
    assert_null(strstr(html, ">Summary<"));
    /* Only the two indicators asked for. */
    assert_null(strstr(html, "Rate of things"));
    free(html);
    ind_report_composition_free(c);
    ind_dataset_free(ds);
}

static void test_without_gnuplot(void **state)
{
    fx *f = *state;
    ind_dataset *ds = open_ok(f->obs);
    ind_compose_report_options o = options();
    ind_report_composition *c = NULL;
    ind_error err = IND_ERROR_INIT;
    char path[128], dir[160], *md;
    struct stat st;

    o.render.gnuplot = "/nonexistent/gnuplot";
    snprintf(path, sizeof path, "%s/n.md", f->dir);
    assert_int_equal(ind_compose_report(&c, ds, path, IND_REPORT_MARKDOWN,
                                        &o, &err), IND_EUNAVAILABLE);
    assert_non_null(strstr(err.message, "apt-get install gnuplot-nox"));
    assert_non_null(c);
    assert_int_equal(ind_report_composition_ncharts(c), 0);
    md = slurp(path);
    assert_non_null(strstr(md, "The chart could not be drawn"));
    /* No empty pictures' folder is left. */
    snprintf(dir, sizeof dir, "%s/n-files", f->dir);
    assert_int_not_equal(stat(dir, &st), 0);
    free(md);
    ind_report_composition_free(c);
    ind_dataset_free(ds);
}

static void test_refused(void **state)
{
    fx *f = *state;
    ind_dataset *ds = open_ok(f->obs);
    ind_compose_report_options o = options();
    static const char *const bad_ids[] = { "stock", "nope" };
    ind_report_composition *c = (ind_report_composition *)1;
    ind_error err = IND_ERROR_INIT;
    char path[128];
    struct stat st;

    snprintf(path, sizeof path, "%s/x.md", f->dir);
    assert_int_equal(ind_compose_report(&c, NULL, path, IND_REPORT_MARKDOWN,
                                        &o, &err), IND_EINVAL);
    o.version = 99;
    assert_int_equal(ind_compose_report(&c, ds, path, IND_REPORT_MARKDOWN,
                                        &o, &err), IND_EINVAL);
    assert_null(c);
    o = options();
    o.lang = (ind_lang)9;
    assert_int_equal(ind_compose_report(&c, ds, path, IND_REPORT_MARKDOWN,
                                        &o, &err), IND_EINVAL);
    o = options();
    o.ids = bad_ids;
    o.n_ids = 2;
    assert_int_equal(ind_compose_report(&c, ds, path, IND_REPORT_MARKDOWN,
                                        &o, &err), IND_ENOTFOUND);
    assert_string_equal(err.subject, "nope");
    assert_int_not_equal(stat(path, &st), 0);
    o.n_ids = 0;
    assert_int_equal(ind_compose_report(&c, ds, path, IND_REPORT_MARKDOWN,
                                        &o, &err), IND_EINVAL);
    ind_dataset_free(ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_about_text),
        cmocka_unit_test_setup_teardown(test_markdown, setup, fx_teardown),
        cmocka_unit_test_setup_teardown(test_html_and_lang, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(test_without_gnuplot, setup,
                                        fx_teardown),
        cmocka_unit_test_setup_teardown(test_refused, setup, fx_teardown),
    };

    ind_library_init();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
