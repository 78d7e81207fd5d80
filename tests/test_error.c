/* Unit tests of the error module: code descriptions, the error record and
 * its message formats ("path:line:column: what"), and the GSL switch. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <math.h>
#include <string.h>

#include "indicators/error.h"
#include "error_internal.h"

static const int all_codes[] = {
    IND_OK, IND_ERROR, IND_ENOMEM, IND_EINVAL, IND_ENOTFOUND, IND_EPARSE,
    IND_EDATA, IND_EEXISTS, IND_EDOMAIN, IND_ENUMERIC, IND_EIO, IND_EWRITE,
    IND_ELOCK, IND_EEXTERNAL, IND_EUNAVAILABLE
};

#define NCODES (sizeof all_codes / sizeof all_codes[0])

/* Every code has its own non-empty description; others are "unknown". */
static void test_strerror_distinct(void **state)
{
    size_t i, j;

    (void)state;
    for (i = 0; i < NCODES; i++) {
        const char *a = ind_strerror(all_codes[i]);
        assert_non_null(a);
        assert_true(strlen(a) > 0);
        assert_string_not_equal(a, "unknown error");
        for (j = 0; j < i; j++)
            assert_string_not_equal(a, ind_strerror(all_codes[j]));
    }
    assert_string_equal(ind_strerror(IND_OK), "success");
    assert_string_equal(ind_strerror(IND_EPARSE), "malformed text");
    assert_string_equal(ind_strerror(-15), "unknown error");
    assert_string_equal(ind_strerror(1), "unknown error");
    assert_string_equal(ind_strerror(-1000000), "unknown error");
}

/* The codes are the documented values (callers and the CLI rely on them). */
static void test_code_values(void **state)
{
    (void)state;
    assert_int_equal(IND_OK, 0);
    for (size_t i = 1; i < NCODES; i++)
        assert_int_equal(all_codes[i], -(int)i);
}

static void test_init_and_clear(void **state)
{
    ind_error err = IND_ERROR_INIT;

    (void)state;
    assert_int_equal(err.code, IND_OK);
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
    assert_string_equal(err.message, "");
    err.code = IND_EDATA;
    err.line = 7;
    err.column = 3;
    memcpy(err.message, "x", 2);
    ind_error_clear(&err);
    assert_int_equal(err.code, IND_OK);
    assert_int_equal(err.line, 0);
    assert_int_equal(err.column, 0);
    assert_string_equal(err.message, "");
    ind_error_clear(NULL); /* harmless */
}

static void test_set_formats(void **state)
{
    ind_error err = IND_ERROR_INIT;

    (void)state;
    assert_int_equal(ind_error_set(&err, IND_EINVAL, "bad %s %d", "x", 4),
                     IND_EINVAL);
    assert_int_equal(err.code, IND_EINVAL);
    assert_string_equal(err.message, "bad x 4");
    assert_int_equal(err.line, 0);

    assert_int_equal(ind_error_set_at(&err, IND_EPARSE, "d.csv", 14, 3,
                                      "value '%s' is wrong", "1164,000"),
                     IND_EPARSE);
    assert_string_equal(err.message, "d.csv:14:3: value '1164,000' is wrong");
    assert_int_equal(err.line, 14);
    assert_int_equal(err.column, 3);

    ind_error_set_at(&err, IND_EDATA, "d.csv", 2, 0, "no column");
    assert_string_equal(err.message, "d.csv:2: no column");
    ind_error_set_at(&err, IND_EIO, "d.csv", 0, 0, "cannot read");
    assert_string_equal(err.message, "d.csv: cannot read");
    ind_error_set_at(&err, IND_EIO, NULL, 5, 5, "no path");
    assert_string_equal(err.message, "no path");
    assert_int_equal(err.line, 5);

    /* A NULL record still gives the code back. */
    assert_int_equal(ind_error_set(NULL, IND_EDATA, "x"), IND_EDATA);
    assert_int_equal(ind_error_set_at(NULL, IND_EDATA, "p", 1, 1, "x"),
                     IND_EDATA);
}

/* A path or text longer than the buffer is cut, never overflowed. */
static void test_set_truncates(void **state)
{
    char path[3000], what[3000];
    ind_error err = IND_ERROR_INIT;

    (void)state;
    memset(path, 'p', sizeof path - 1);
    path[sizeof path - 1] = '\0';
    memset(what, 'w', sizeof what - 1);
    what[sizeof what - 1] = '\0';
    ind_error_set_at(&err, IND_EPARSE, path, 1, 2, "%s", what);
    assert_int_equal(strlen(err.message), IND_ERROR_MESSAGE_SIZE - 1);
    assert_int_equal(err.message[0], 'p');
    ind_error_set_at(&err, IND_EPARSE, "f", 1, 2, "%s", what);
    assert_int_equal(strlen(err.message), IND_ERROR_MESSAGE_SIZE - 1);
    assert_memory_equal(err.message, "f:1:2: www", 10);
}

static void test_copy(void **state)
{
    ind_error a = IND_ERROR_INIT, b = IND_ERROR_INIT;

    (void)state;
    ind_error_set_at(&a, IND_EDATA, "x.csv", 9, 2, "conflict");
    assert_int_equal(ind_error_copy(&b, &a), IND_EDATA);
    assert_int_equal(b.code, IND_EDATA);
    assert_int_equal(b.line, 9);
    assert_int_equal(b.column, 2);
    assert_string_equal(b.message, "x.csv:9:2: conflict");
    assert_int_equal(ind_error_copy(NULL, &a), IND_EDATA);
    assert_int_equal(ind_error_copy(&a, &a), IND_EDATA);
    assert_string_equal(a.message, "x.csv:9:2: conflict");
}

static void test_from_gsl(void **state)
{
    ind_error err = IND_ERROR_INIT;

    (void)state;
    assert_int_equal(ind_error_from_gsl(&err, GSL_SUCCESS, "fit"), IND_OK);
    assert_int_equal(err.code, IND_OK);
    assert_string_equal(err.message, "");
    assert_int_equal(ind_error_from_gsl(&err, GSL_EDOM, "linear fit"),
                     IND_ENUMERIC);
    assert_int_equal(err.code, IND_ENUMERIC);
    assert_non_null(strstr(err.message, "linear fit failed in GSL: "));
    assert_non_null(strstr(err.message, gsl_strerror(GSL_EDOM)));
    assert_int_equal(ind_error_from_gsl(NULL, GSL_EDOM, "x"), IND_ENUMERIC);
}

/* After ind_library_init a GSL domain error returns NaN instead of
 * aborting the process (HAZARDS.md: the t quantile with 0 degrees). It is
 * idempotent. */
static void test_library_init(void **state)
{
    (void)state;
    ind_library_init();
    ind_library_init();
    assert_true(isnan(gsl_cdf_tdist_Pinv(0.975, 0)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strerror_distinct),
        cmocka_unit_test(test_code_values),
        cmocka_unit_test(test_init_and_clear),
        cmocka_unit_test(test_set_formats),
        cmocka_unit_test(test_set_truncates),
        cmocka_unit_test(test_copy),
        cmocka_unit_test(test_from_gsl),
        cmocka_unit_test(test_library_init),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
