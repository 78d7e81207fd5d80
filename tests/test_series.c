/* Unit tests of the series module: kinds, points kept in year order with
 * real gaps, parallel year/value arrays, copies of the strings, and the
 * refusals (a second point for a year, a value that is not finite). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "indicators/series.h"

static void test_kind_names(void **state)
{
    static const ind_kind kinds[] = { IND_KIND_UNSPECIFIED, IND_KIND_STOCK,
                                      IND_KIND_FLOW, IND_KIND_RATE };
    ind_error err = IND_ERROR_INIT;
    ind_kind k = IND_KIND_FLOW;
    size_t i;

    (void)state;
    assert_string_equal(ind_kind_name(IND_KIND_STOCK), "stock");
    assert_string_equal(ind_kind_name(IND_KIND_FLOW), "flow");
    assert_string_equal(ind_kind_name(IND_KIND_RATE), "rate");
    assert_string_equal(ind_kind_name(IND_KIND_UNSPECIFIED), "");
    assert_string_equal(ind_kind_name((ind_kind)99), "");
    for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        assert_int_equal(ind_kind_parse(&k, ind_kind_name(kinds[i]), &err),
                         IND_OK);
        assert_int_equal(k, kinds[i]);
    }
    k = IND_KIND_FLOW;
    assert_int_equal(ind_kind_parse(&k, "Stock", &err), IND_EPARSE);
    assert_int_equal(k, IND_KIND_FLOW);
    assert_non_null(strstr(err.message,
                           "'Stock' is not one of stock, flow, rate"));
    assert_int_equal(ind_kind_parse(&k, "level", &err), IND_EPARSE);
    assert_int_equal(ind_kind_parse(&k, " stock", NULL), IND_EPARSE);
    assert_int_equal(ind_kind_parse(NULL, "stock", &err), IND_EINVAL);
    assert_int_equal(ind_kind_parse(&k, NULL, &err), IND_EINVAL);
}

static void test_new_and_accessors(void **state)
{
    ind_series *s = NULL;
    char indicator[] = "valid_certificates", unit[] = "certificates";

    (void)state;
    assert_int_equal(ind_series_new(&s, indicator, NULL, unit,
                                    IND_KIND_STOCK, NULL), IND_OK);
    /* The strings are copies. */
    indicator[0] = 'X';
    unit[0] = 'X';
    assert_string_equal(ind_series_indicator(s), "valid_certificates");
    assert_string_equal(ind_series_entity(s), "");
    assert_string_equal(ind_series_unit(s), "certificates");
    assert_int_equal(ind_series_kind(s), IND_KIND_STOCK);
    assert_int_equal(ind_series_length(s), 0);
    assert_null(ind_series_years(s));
    assert_null(ind_series_values(s));
    assert_null(ind_series_point(s, 0));
    assert_int_equal(ind_series_find(s, 2019), -1);
    ind_series_free(s);

    assert_int_equal(ind_series_new(&s, "x", "CHN", "", IND_KIND_RATE, NULL), IND_OK);
    assert_string_equal(ind_series_entity(s), "CHN");
    assert_string_equal(ind_series_unit(s), "");
    ind_series_free(s);

    assert_int_equal(ind_series_new(NULL, "x", NULL, NULL, 0, NULL), IND_EINVAL);
    assert_int_equal(ind_series_new(&s, NULL, NULL, NULL, 0, NULL), IND_EINVAL);
    /* NULL handles are harmless. */
    ind_series_free(NULL);
    assert_int_equal(ind_series_length(NULL), 0);
    assert_null(ind_series_point(NULL, 0));
    assert_int_equal(ind_series_find(NULL, 2019), -1);
    assert_string_equal(ind_series_indicator(NULL), "");
    assert_int_equal(ind_series_kind(NULL), IND_KIND_UNSPECIFIED);
}

static ind_point point(int year, double value)
{
    ind_point p;

    memset(&p, 0, sizeof p);
    p.year = year;
    p.value = value;
    p.reading = IND_NO_READING;
    return p;
}

/* Points added in any order come out in year order, gaps kept. */
static void test_add_keeps_order(void **state)
{
    static const int years[] = { 2019, 2015, 2023, 2017, 2016, 2024, 2010 };
    static const int sorted[] = { 2010, 2015, 2016, 2017, 2019, 2023, 2024 };
    ind_series *s;
    ind_error err = IND_ERROR_INIT;
    size_t i;

    (void)state;
    assert_int_equal(ind_series_new(&s, "x", "", "", IND_KIND_FLOW, NULL), IND_OK);
    for (i = 0; i < 7; i++) {
        ind_point p = point(years[i], years[i] * 10.0 + 0.5);
        assert_int_equal(ind_series_add(s, &p, &err), IND_OK);
    }
    assert_int_equal(ind_series_length(s), 7);
    for (i = 0; i < 7; i++) {
        const ind_point *p = ind_series_point(s, i);
        assert_int_equal(p->year, sorted[i]);
        assert_true(p->value == sorted[i] * 10.0 + 0.5);
        assert_int_equal(ind_series_years(s)[i], sorted[i]);
        assert_true(ind_series_values(s)[i] == sorted[i] * 10.0 + 0.5);
        assert_int_equal(ind_series_find(s, sorted[i]), (long)i);
    }
    /* Gaps stay gaps: nothing is filled in. */
    assert_int_equal(ind_series_find(s, 2018), -1);
    assert_int_equal(ind_series_find(s, 2011), -1);
    assert_int_equal(ind_series_find(s, 2009), -1);
    assert_int_equal(ind_series_find(s, 2025), -1);
    assert_null(ind_series_point(s, 7));
    ind_series_free(s);
}

static void test_add_refusals(void **state)
{
    ind_series *s;
    ind_error err = IND_ERROR_INIT;
    ind_point p = point(2019, 1.0);

    (void)state;
    assert_int_equal(ind_series_new(&s, "valid_certificates", "", "",
                                    IND_KIND_STOCK, NULL), IND_OK);
    assert_int_equal(ind_series_add(s, &p, &err), IND_OK);
    p.value = 2.0;
    assert_int_equal(ind_series_add(s, &p, &err), IND_EEXISTS);
    assert_string_equal(err.message,
                        "valid_certificates already has a point for 2019");
    assert_true(ind_series_values(s)[0] == 1.0);
    p.year = 2020;
    p.value = NAN;
    assert_int_equal(ind_series_add(s, &p, &err), IND_EINVAL);
    assert_non_null(strstr(err.message, "not finite"));
    p.value = INFINITY;
    assert_int_equal(ind_series_add(s, &p, &err), IND_EINVAL);
    p.value = -INFINITY;
    assert_int_equal(ind_series_add(s, &p, NULL), IND_EINVAL);
    assert_int_equal(ind_series_length(s), 1);
    assert_int_equal(ind_series_add(s, NULL, &err), IND_EINVAL);
    assert_int_equal(ind_series_add(NULL, &p, &err), IND_EINVAL);
    ind_series_free(s);
}

/* A point's texts are copied; its other fields are kept as given. */
static void test_point_fields(void **state)
{
    ind_series *s;
    char as_of[] = "2019-09-11", source[] = "http://example.org/a";
    ind_point p = point(2019, 9790);
    const ind_point *got;

    (void)state;
    assert_int_equal(ind_series_new(&s, "x", "", "", IND_KIND_STOCK, NULL), IND_OK);
    p.as_of = as_of;
    p.source = source;
    p.status = 'E';
    p.flags = IND_POINT_CHOSEN | IND_POINT_PARTIAL_YEAR;
    p.reading = 42;
    assert_int_equal(ind_series_add(s, &p, NULL), IND_OK);
    memset(as_of, 'x', sizeof as_of - 1);
    memset(source, 'x', sizeof source - 1);
    p = point(2018, 1);          /* NULL texts read as "" */
    assert_int_equal(ind_series_add(s, &p, NULL), IND_OK);
    got = ind_series_point(s, 1);
    assert_string_equal(got->as_of, "2019-09-11");
    assert_string_equal(got->source, "http://example.org/a");
    assert_int_equal(got->status, 'E');
    assert_int_equal(got->flags, IND_POINT_CHOSEN | IND_POINT_PARTIAL_YEAR);
    assert_int_equal(got->reading, 42);
    got = ind_series_point(s, 0);
    assert_string_equal(got->as_of, "");
    assert_string_equal(got->source, "");
    assert_int_equal(got->reading, IND_NO_READING);
    ind_series_free(s);
}

static int compare_int(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* Many points in a scrambled order (arrays grow past their first size):
 * the order matches qsort's, every year is found. */
static void test_many_points(void **state)
{
    enum { N = 1000 };
    int years[N], want[N];
    ind_series *s;
    unsigned r = 12345;
    size_t i;

    (void)state;
    for (i = 0; i < N; i++)
        years[i] = 1000 + (int)i;
    for (i = N - 1; i > 0; i--) {  /* Fisher-Yates with an LCG */
        size_t j;
        int t;
        r = r * 1103515245u + 12345u;
        j = (r >> 8) % (i + 1);
        t = years[i];
        years[i] = years[j];
        years[j] = t;
    }
    memcpy(want, years, sizeof want);
    qsort(want, N, sizeof want[0], compare_int);
    assert_int_equal(ind_series_new(&s, "x", "", "", IND_KIND_FLOW, NULL), IND_OK);
    for (i = 0; i < N; i++) {
        ind_point p = point(years[i], -years[i]);
        assert_int_equal(ind_series_add(s, &p, NULL), IND_OK);
    }
    assert_int_equal(ind_series_length(s), N);
    for (i = 0; i < N; i++) {
        assert_int_equal(ind_series_years(s)[i], want[i]);
        assert_true(ind_series_values(s)[i] == -want[i]);
        assert_int_equal(ind_series_find(s, want[i]), (long)i);
    }
    ind_series_free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kind_names),
        cmocka_unit_test(test_new_and_accessors),
        cmocka_unit_test(test_add_keeps_order),
        cmocka_unit_test(test_add_refusals),
        cmocka_unit_test(test_point_fields),
        cmocka_unit_test(test_many_points),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
