/* Unit tests of the dataset module (and the internal parts it stands on:
 * the strict CSV reader, the string pool, the index map, atomic files).
 *
 * Every test works in its own temporary folder on files it writes. The
 * expected files after a change are written out in full in the test, by
 * hand from the rules of dataset.h (rows not changed are copied byte for
 * byte, a new reading goes after the last row of its series whose year is
 * not later, missing columns are added in the order
 * indicator,entity,year,value,unit,status,as_of,source,note,role), never
 * taken from an earlier run. The choice rule is checked on readings whose
 * winner is worked out in the comments. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "indicators/dataset.h"
#include "indicators/dataset_exchange.h"
#include "indicators/number.h"
#include "atomicfile.h"
#include "csvfile.h"
#include "dataset_internal.h"
#include "strpool.h"
#include "store_locale.h"
#include "dataset_fixture.h"

#define SHIPPED IND_SOURCE_DIR "/datasets/china-standardization.csv"
#define SHIPPED_CATALOG \
    IND_SOURCE_DIR "/datasets/china-standardization.indicators.csv"

/* ---- fixture: a temporary folder with d.csv and its siblings ---- */

/* The whole file, NUL-terminated (NULL when it does not exist). */
static char *slurp(const char *path, size_t *len)
{
    FILE *in = fopen(path, "rb");
    char *buf;
    long n;

    if (in == NULL)
        return NULL;
    assert_int_equal(fseek(in, 0, SEEK_END), 0);
    n = ftell(in);
    assert_true(n >= 0);
    rewind(in);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, in), (size_t)n);
    buf[n] = '\0';
    fclose(in);
    if (len != NULL)
        *len = (size_t)n;
    return buf;
}

/* The file holds exactly 'want'. */
static void expect_file(const char *path, const char *want)
{
    size_t len;
    char *got = slurp(path, &len);

    assert_non_null(got);
    if (len != strlen(want) || memcmp(got, want, len) != 0)
        fail_msg("%s holds:\n%s\nwant:\n%s", path, got, want);
    free(got);
}

static int exists(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0;
}

static ind_dataset *open_ok(const char *path, unsigned flags)
{
    ind_error err = IND_ERROR_INIT;
    ind_dataset *ds = NULL;
    int rc = ind_dataset_open(&ds, path, flags, &err);

    if (rc != IND_OK)
        fail_msg("open %s: %d: %s", path, rc, err.message);
    return ds;
}

static ind_reading reading(const char *indicator, int year, const char *source)
{
    ind_reading r;

    memset(&r, 0, sizeof r);
    r.indicator = indicator;
    r.entity = "";
    r.year = year;
    r.unit = "";
    r.as_of = "";
    r.source = source;
    r.note = "";
    return r;
}

/* Open for writing, add one figure, commit, close. */
static void add_one(const char *path, const ind_reading *r, const char *value,
                    unsigned flags)
{
    ind_error err = IND_ERROR_INIT;
    ind_dataset *ds = open_ok(path, IND_OPEN_WRITE);
    int rc = ind_dataset_add(ds, r, value, flags, &err);

    if (rc != IND_OK)
        fail_msg("add %s %d %s: %s", r->indicator, r->year, value,
                 err.message);
    rc = ind_dataset_commit(ds, &err);
    if (rc != IND_OK)
        fail_msg("commit: %s", err.message);
    ind_dataset_free(ds);
}

/* Number of diagnostics of a severity whose message contains 'text'. */
static size_t count_diags(const ind_dataset *ds, ind_severity sev,
                          const char *text)
{
    size_t i, n = 0;

    for (i = 0; i < ind_dataset_diagnostic_count(ds); i++) {
        const ind_diagnostic *d = ind_dataset_diagnostic(ds, i);
        n += d->severity == sev && strstr(d->message, text) != NULL;
    }
    return n;
}

static const char catalog[] =
    "indicator,title,unit,kind,description,growth_of\n"
    "lvl,A level,standards,stock,A stock,\n"
    "pct,Growth of lvl,percent,rate,A rate,lvl\n";

/* ---- the shipped dataset ---- */

static size_t count_lines(const char *path)
{
    size_t len, i, n = 0;
    char *text = slurp(path, &len);

    assert_non_null(text);
    for (i = 0; i < len; i++)
        n += text[i] == '\n';
    free(text);
    return n;
}

/* It loads and validates; counts and one series checked against the file
 * as read by hand (valid_certificates: roles decide 2019, 2022, 2023). */
static void test_shipped(void **state)
{
    static const int years[] = { 2018, 2019, 2020, 2021, 2022, 2023, 2024 };
    static const double values[] = { 1937000, 1970000, 2701200, 3020000,
                                     3366000, 3760000, 4158000 };
    ind_dataset *ds = open_ok(SHIPPED, IND_OPEN_READ);
    ind_series_info info;
    ind_series *s = NULL;
    size_t i, at;

    (void)state;
    assert_int_equal(ind_dataset_reading_count(ds), count_lines(SHIPPED) - 1);
    assert_int_equal(ind_dataset_indicator_count(ds),
                     count_lines(SHIPPED_CATALOG) - 1);
    assert_int_equal(ind_dataset_series_count(ds), 40);
    assert_int_equal(ind_dataset_validate(ds, NULL), IND_OK);
    assert_int_equal(count_diags(ds, IND_SEVERITY_ERROR, ""), 0);
    assert_int_equal(ind_dataset_find_series(ds, "valid_certificates", NULL,
                                             &at, NULL), IND_OK);
    assert_int_equal(ind_dataset_series_info(ds, at, &info, NULL), IND_OK);
    assert_int_equal(info.first_year, 2018);
    assert_int_equal(info.last_year, 2024);
    assert_int_equal(info.years, 7);
    assert_int_equal(info.readings, 10);
    assert_int_equal(info.conflicts, 0);
    assert_int_equal(ind_dataset_series(ds, at, &s, NULL), IND_OK);
    assert_int_equal(ind_series_length(s), 7);
    for (i = 0; i < 7; i++) {
        assert_int_equal(ind_series_years(s)[i], years[i]);
        assert_true(ind_series_values(s)[i] == values[i]);
    }
    assert_int_equal(ind_series_kind(s), IND_KIND_STOCK);
    assert_string_equal(ind_series_unit(s), "certificates");
    ind_series_free(s);
    ind_dataset_free(ds);
}

/* ---- opening ---- */

static void test_open_errors(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_dataset *ds = NULL;

    assert_int_equal(ind_dataset_open(NULL, f->obs, 0, &err), IND_EINVAL);
    assert_int_equal(ind_dataset_open(&ds, NULL, 0, &err), IND_EINVAL);
    assert_int_equal(ind_dataset_open(&ds, f->obs, IND_OPEN_READ, &err),
                     IND_ENOTFOUND);
    assert_non_null(ds);
    assert_non_null(strstr(err.message, f->obs));
    assert_int_equal(err.code, IND_ENOTFOUND);
    ind_dataset_free(ds);
    ind_dataset_free(NULL);
    /* Without a record, only the code. */
    ds = NULL;
    assert_int_equal(ind_dataset_open(&ds, f->obs, IND_OPEN_READ, NULL),
                     IND_ENOTFOUND);
    ind_dataset_free(ds);
}

static void test_paths(void **state)
{
    fx *f = *state;
    char other[128], want[160];
    ind_dataset *ds;

    put(f->obs, "indicator,year,value\n");
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_string_equal(ind_dataset_path(ds), f->obs);
    assert_string_equal(ind_dataset_catalog_path(ds), f->cat);
    assert_string_equal(ind_dataset_history_path(ds), f->hist);
    assert_int_equal(ind_dataset_reading_count(ds), 0);
    ind_dataset_free(ds);
    /* A name without .csv takes the suffixes as they are. */
    snprintf(other, sizeof other, "%s/data", f->dir);
    put(other, "indicator,year,value\n");
    ds = open_ok(other, IND_OPEN_READ);
    snprintf(want, sizeof want, "%s/data.indicators.csv", f->dir);
    assert_string_equal(ind_dataset_catalog_path(ds), want);
    ind_dataset_free(ds);
}

/* Without a catalog the dataset loads and says what it inferred. */
static void test_no_catalog(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_dataset *ds;
    ind_indicator ind;
    ind_reading r;
    size_t at;

    put(f->obs, "indicator,year,value,unit\n"
                "lvl,2018,100,standards\n"
                "share,2018,5%,percent\n"
                "lvl,2019,110,standards\n");
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(count_diags(ds, IND_SEVERITY_NOTE,
                                 "no catalog file: 2 indicators inferred"), 1);
    assert_int_equal(ind_dataset_indicator_count(ds), 2);
    assert_int_equal(ind_dataset_indicator(ds, 0, &ind, &err), IND_OK);
    assert_string_equal(ind.id, "lvl");
    assert_int_equal(ind.declared, 0);
    assert_int_equal(ind.kind, IND_KIND_UNSPECIFIED);
    assert_string_equal(ind.title, "");
    /* An undeclared indicator counted in percent takes a '%'. */
    assert_int_equal(ind_dataset_reading(ds, 1, &r, &err), IND_OK);
    assert_true(r.value == 5.0);
    assert_int_equal(ind_dataset_validate(ds, &err), IND_OK);
    /* Inferred indicators take new figures; unknown ones do not. */
    r = reading("lvl", 2020, "http://example.org/b");
    assert_int_equal(ind_dataset_add(ds, &r, "120", 0, &err), IND_OK);
    r = reading("nope", 2020, "x");
    assert_int_equal(ind_dataset_add(ds, &r, "1", 0, &err), IND_ENOTFOUND);
    assert_non_null(strstr(err.message, "unknown indicator 'nope'"));
    /* The library says what is wrong; how to fix it is the program's. */
    assert_null(strstr(err.message, "indicators define"));
    assert_int_equal(err.detail, IND_DETAIL_UNKNOWN_INDICATOR);
    assert_string_equal(err.subject, "nope");
    assert_int_equal(ind_dataset_find_indicator(ds, "share", &at, &err), IND_OK);
    assert_int_equal(ind_dataset_commit(ds, &err), IND_OK);
    ind_dataset_free(ds);
    /* Adding readings does not invent a catalog. */
    assert_false(exists(f->cat));
    expect_file(f->obs, "indicator,year,value,unit,source\n"
                        "lvl,2018,100,standards,\n"
                        "share,2018,5%,percent,\n"
                        "lvl,2019,110,standards,\n"
                        "lvl,2020,120,standards,http://example.org/b\n");
}

/* ---- rewrites keep what they do not change ---- */

/* Unknown columns, odd quoting and spacing survive byte for byte. */
static void test_unknown_columns_kept(void **state)
{
    fx *f = *state;
    ind_reading r = reading("lvl", 2019, "new");

    put(f->cat, catalog);
    put(f->obs, "indicator,year,value,comment,source,\"x y\"\n"
                "lvl,2018,100,\"kept, as is\",src,  spaced  \n"
                "lvl,2020,120,\"\"\"quoted\"\"\",src,\n"
                "pct,2019,5,plain,\"src\",z\n");
    add_one(f->obs, &r, "110", 0);
    expect_file(f->obs, "indicator,year,value,comment,source,\"x y\"\n"
                        "lvl,2018,100,\"kept, as is\",src,  spaced  \n"
                        "lvl,2019,110,,new,\n"
                        "lvl,2020,120,\"\"\"quoted\"\"\",src,\n"
                        "pct,2019,5,plain,\"src\",z\n");
    expect_file(f->cat, catalog);
}

/* A revised row keeps the values of the columns the library does not
 * know (re-quoted as needed), and its unit. */
static void test_revise_keeps_unknown_values(void **state)
{
    fx *f = *state;
    ind_reading r = reading("lvl", 2018, "rev");

    put(f->cat, catalog);
    put(f->obs, "indicator,year,value,unit,comment,source,extra\n"
                "lvl,2018,100,standards,\"kept, as is\",src,  spaced  \n"
                "lvl,2020,120,standards,other,src,\n");
    add_one(f->obs, &r, "101", IND_ADD_REVISE);
    expect_file(f->obs, "indicator,year,value,unit,comment,source,extra\n"
                        "lvl,2018,101,standards,\"kept, as is\",rev,"
                        "\"  spaced  \"\n"
                        "lvl,2020,120,standards,other,src,\n");
}

/* A CRLF dataset stays CRLF in all three files. */
static void test_crlf_stays_crlf(void **state)
{
    fx *f = *state;
    ind_dataset *ds;
    ind_indicator def;
    ind_reading r = reading("lvl", 2019, "s");
    char *text;
    size_t len, i, lines = 0;

    put(f->cat, "indicator,title,unit,kind,description,growth_of\r\n"
                "lvl,A level,standards,stock,A stock,\r\n");
    put(f->obs, "indicator,year,value,source\r\n"
                "lvl,2018,100,a\r\n"
                "lvl,2020,120,b\r\n");
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    memset(&def, 0, sizeof def);
    def.id = "flw";
    def.title = "A flow";
    def.unit = "items";
    def.kind = IND_KIND_FLOW;
    def.description = "";
    def.growth_of = "";
    assert_int_equal(ind_dataset_define(ds, &def, NULL), IND_OK);
    assert_int_equal(ind_dataset_add(ds, &r, "110", 0, NULL), IND_OK);
    assert_int_equal(ind_dataset_commit(ds, NULL), IND_OK);
    ind_dataset_free(ds);
    expect_file(f->obs, "indicator,year,value,source\r\n"
                        "lvl,2018,100,a\r\n"
                        "lvl,2019,110,s\r\n"
                        "lvl,2020,120,b\r\n");
    expect_file(f->cat, "indicator,title,unit,kind,description,growth_of\r\n"
                        "lvl,A level,standards,stock,A stock,\r\n"
                        "flw,A flow,items,flow,,\r\n");
    text = slurp(f->hist, &len);
    assert_non_null(text);
    for (i = 0; i < len; i++) {
        if (text[i] == '\n') {
            assert_true(i > 0 && text[i - 1] == '\r');
            lines++;
        }
    }
    assert_int_equal(lines, 3); /* header, define, append */
    free(text);
}

/* A file without a final newline: rows go in the right place and the
 * old bytes stay as they were. */
static void test_no_final_newline(void **state)
{
    fx *f = *state;
    ind_reading r = reading("lvl", 2019, "");

    put(f->obs, "indicator,year,value\nlvl,2018,100");
    add_one(f->obs, &r, "110", 0);
    expect_file(f->obs, "indicator,year,value\nlvl,2018,100\nlvl,2019,110\n");

    /* A row that goes before the last line leaves that line as it is. */
    put(f->obs, "indicator,year,value\nlvl,2018,100");
    r.year = 2017;
    add_one(f->obs, &r, "90", 0);
    expect_file(f->obs, "indicator,year,value\nlvl,2017,90\nlvl,2018,100");

    /* Revising the unterminated last row. */
    put(f->obs, "indicator,year,value\nlvl,2018,100");
    r.year = 2018;
    add_one(f->obs, &r, "101", IND_ADD_REVISE);
    expect_file(f->obs, "indicator,year,value\nlvl,2018,101\n");
}

/* A BOM stays at the start, also when the header grows. */
static void test_bom_kept(void **state)
{
    fx *f = *state;
    ind_reading r = reading("lvl", 2019, "");

    put(f->obs, "\xEF\xBB\xBFindicator,year,value\nlvl,2018,100\n");
    add_one(f->obs, &r, "110", 0);
    expect_file(f->obs, "\xEF\xBB\xBFindicator,year,value\n"
                        "lvl,2018,100\nlvl,2019,110\n");
    r.year = 2020;
    r.status = 'P';
    add_one(f->obs, &r, "120", 0);
    expect_file(f->obs, "\xEF\xBB\xBFindicator,year,value,status\n"
                        "lvl,2018,100,\nlvl,2019,110,\nlvl,2020,120,P\n");
}

/* A figure that needs a column the file lacks adds it to every row. */
static void test_add_missing_column(void **state)
{
    fx *f = *state;
    ind_reading r = reading("lvl", 2019, "http://example.org/s");
    ind_dataset *ds;
    ind_reading got;

    put(f->cat, catalog);
    put(f->obs, "indicator,year,value,note\n"
                "lvl,2018,100,a\n"
                "lvl,2020,120,b\n");
    r.status = 'E';
    add_one(f->obs, &r, "110", 0);
    expect_file(f->obs, "indicator,year,value,note,status,source\n"
                        "lvl,2018,100,a,,\n"
                        "lvl,2019,110,,E,http://example.org/s\n"
                        "lvl,2020,120,b,,\n");
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_reading(ds, 1, &got, NULL), IND_OK);
    assert_int_equal(got.status, 'E');
    assert_string_equal(got.source, "http://example.org/s");
    assert_int_equal(got.line, 3);
    ind_dataset_free(ds);
}

/* Other series and entities: a new series goes to the end. */
static void test_new_series_and_entity(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_reading r = reading("lvl", 2019, "s");
    ind_dataset *ds;
    size_t a, b;

    put(f->cat, catalog);
    put(f->obs, "indicator,entity,year,value\n"
                "lvl,,2018,100\n"
                "pct,,2019,5\n");
    r.entity = "EU";
    add_one(f->obs, &r, "7", 0);
    expect_file(f->obs, "indicator,entity,year,value,source\n"
                        "lvl,,2018,100,\n"
                        "pct,,2019,5,\n"
                        "lvl,EU,2019,7,s\n");
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_find_series(ds, "lvl", "", &a, &err), IND_OK);
    assert_int_equal(ind_dataset_find_series(ds, "lvl", "EU", &b, &err), IND_OK);
    assert_true(a != b);
    assert_int_equal(ind_dataset_find_series(ds, "lvl", "US", &b, &err),
                     IND_ENOTFOUND);
    assert_non_null(strstr(err.message, "entity 'US'"));
    ind_dataset_free(ds);
}

/* ---- the choice rule ---- */

/* The readings of lvl and, for each year, the one the rule of dataset.h
 * picks:
 *   2015  one reading                                  -> 10
 *   2016  mid-year 2016-06-30 vs empty (= year end)    -> 21 (later)
 *   2017  primary dated 2017-12-11 beats a later 2017-12-31 and an
 *         alternate                                    -> 30 (explicit)
 *   2018  in-year 2018-09 beats after-year 2019-01     -> 40 (partial year)
 *   2019  both after the year: earliest, 2020-01-15    -> 51
 *   2020  only an alternate                            -> no point */
static const char choice_rows[] =
    "indicator,year,value,as_of,role,source\n"
    "lvl,2015,10,,,a\n"
    "lvl,2016,20,2016-06-30,,a\n"
    "lvl,2016,21,,,b\n"
    "lvl,2017,31,2018-01,alternate,b\n"
    "lvl,2017,32,2017-12-31,,c\n"
    "lvl,2017,30,2017-12-11,primary,a\n"
    "lvl,2018,41,2019-01,,b\n"
    "lvl,2018,40,2018-09,,a\n"
    "lvl,2019,50,2020-03,,a\n"
    "lvl,2019,51,2020-01-15,,b\n"
    "lvl,2020,60,,alternate,a\n";

static void test_choice_rule(void **state)
{
    ind_error err = IND_ERROR_INIT;
    static const int years[] = { 2015, 2016, 2017, 2018, 2019 };
    static const double values[] = { 10, 21, 30, 40, 51 };
    static const unsigned flags[] = {
        0, IND_POINT_CHOSEN, IND_POINT_CHOSEN | IND_POINT_EXPLICIT |
        IND_POINT_PARTIAL_YEAR, IND_POINT_CHOSEN | IND_POINT_PARTIAL_YEAR,
        IND_POINT_CHOSEN
    };
    static const char *const as_of[] = { "", "", "2017-12-11", "2018-09",
                                         "2020-01-15" };
    fx *f = *state;
    ind_dataset *ds;
    ind_series *s = NULL;
    ind_series_info info;
    ind_reading r;
    size_t n, i, at, chosen;

    put(f->cat, catalog);
    put(f->obs, choice_rows);
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_validate(ds, &err), IND_OK);
    assert_int_equal(ind_dataset_find_series(ds, "lvl", "", &at, &err), IND_OK);
    assert_int_equal(ind_dataset_series(ds, at, &s, &err), IND_OK);
    assert_int_equal(ind_series_length(s), 5);
    for (i = 0; i < 5; i++) {
        const ind_point *p = ind_series_point(s, i);
        assert_int_equal(p->year, years[i]);
        assert_true(p->value == values[i]);
        if (p->flags != flags[i])
            fail_msg("%d: flags %u, want %u", p->year, p->flags, flags[i]);
        assert_string_equal(p->as_of, as_of[i]);
        assert_int_equal(ind_dataset_reading(ds, p->reading, &r, &err), IND_OK);
        assert_true(r.value == values[i]);
    }
    ind_series_free(s);
    assert_int_equal(ind_dataset_chosen_reading(ds, at, 2017, &chosen, &err), IND_OK);
    assert_int_equal(ind_dataset_reading(ds, chosen, &r, &err), IND_OK);
    assert_int_equal(r.line, 7);
    assert_int_equal(r.role, IND_ROLE_PRIMARY);
    assert_int_equal(ind_dataset_chosen_reading(ds, at, 2020, &chosen, &err),
                     IND_ENOTFOUND);
    assert_non_null(strstr(err.message, "only alternate"));
    assert_int_equal(ind_dataset_chosen_reading(ds, at, 2021, &chosen, &err),
                     IND_ENOTFOUND);
    /* Readings come by year, then by effective date. */
    n = ind_dataset_series_reading_count(ds, at);
    assert_int_equal(n, 11);
    assert_int_equal(ind_dataset_series_reading(ds, at, n, &chosen, &err),
                     IND_EINVAL);
    {
        static const double order[] = { 10, 20, 21, 30, 32, 31, 40, 41, 51,
                                        50, 60 };
        for (i = 0; i < n; i++) {
            assert_int_equal(ind_dataset_series_reading(ds, at, i, &chosen,
                                                        &err), IND_OK);
            assert_int_equal(ind_dataset_reading(ds, chosen, &r, &err), IND_OK);
            if (r.value != order[i])
                fail_msg("reading %zu is %g, want %g", i, r.value, order[i]);
        }
    }
    assert_int_equal(ind_dataset_series_info(ds, at, &info, &err), IND_OK);
    assert_int_equal(info.first_year, 2015);
    assert_int_equal(info.last_year, 2020);
    assert_int_equal(info.years, 6);
    assert_int_equal(info.readings, 11);
    assert_int_equal(info.conflicts, 0);
    ind_dataset_free(ds);
}

/* Ties are conflicts: reported by validate, refused by ind_dataset_series,
 * and resolved by a role.
 *   2021  "2021" (a bare year: Dec 31) ties with "2021-12" (Dec 31)
 *   2022  "" (the year's end) ties with "2022-12-31"
 *   2023  two readings with the same as_of
 *   2024  two primaries */
static void test_conflicts(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_dataset *ds;
    ind_series *s = NULL;
    ind_series_info info;
    ind_reading r;
    size_t at, chosen;

    put(f->cat, catalog);
    put(f->obs, "indicator,year,value,as_of,role,source\n"
                "lvl,2021,70,2021,,a\n"
                "lvl,2021,71,2021-12,,b\n"
                "lvl,2022,80,,,a\n"
                "lvl,2022,81,2022-12-31,,b\n"
                "lvl,2023,90,2023-06,,a\n"
                "lvl,2023,91,2023-06,,b\n"
                "lvl,2024,95,,primary,a\n"
                "lvl,2024,96,2024-06,primary,b\n");
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(ind_dataset_find_series(ds, "lvl", "", &at, &err), IND_OK);
    assert_int_equal(ind_dataset_series(ds, at, &s, &err), IND_EDATA);
    assert_null(s);
    assert_non_null(strstr(err.message,
                           "lvl 2021 has conflicting readings (line 2: 70 as "
                           "of 2021; line 3: 71 as of 2021-12)"));
    assert_int_equal(err.detail, IND_DETAIL_CONFLICT);
    assert_string_equal(err.subject, "lvl");
    assert_int_equal(err.year, 2021);
    assert_int_equal(ind_dataset_chosen_reading(ds, at, 2023, &chosen, &err),
                     IND_EDATA);
    assert_int_equal(ind_dataset_chosen_reading(ds, at, 2024, &chosen, &err),
                     IND_EDATA);
    assert_int_equal(ind_dataset_series_info(ds, at, &info, &err), IND_OK);
    assert_int_equal(info.conflicts, 4);
    assert_int_equal(ind_dataset_validate(ds, &err), IND_EDATA);
    assert_int_equal(count_diags(ds, IND_SEVERITY_ERROR, "conflict: lvl 2021"),
                     1);
    assert_int_equal(count_diags(ds, IND_SEVERITY_ERROR, "conflict: lvl 2022"),
                     1);
    assert_int_equal(count_diags(ds, IND_SEVERITY_ERROR, "conflict: lvl 2023"),
                     1);
    assert_int_equal(count_diags(ds, IND_SEVERITY_ERROR,
                                 "lvl 2024 has two readings marked primary"),
                     1);
    /* The first error is the handle's, with its place. */
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 3);
    /* A second primary is refused; a role on one reading decides. */
    r = reading("lvl", 2023, "c");
    r.as_of = "2023-09";
    r.role = IND_ROLE_PRIMARY;
    assert_int_equal(ind_dataset_add(ds, &r, "92", 0, &err), IND_OK);
    assert_int_equal(ind_dataset_chosen_reading(ds, at, 2023, &chosen, &err), IND_OK);
    assert_int_equal(ind_dataset_reading(ds, chosen, &r, &err), IND_OK);
    assert_true(r.value == 92);
    r = reading("lvl", 2023, "d");
    r.role = IND_ROLE_PRIMARY;
    assert_int_equal(ind_dataset_add(ds, &r, "93", 0, &err), IND_EDATA);
    assert_non_null(strstr(err.message, "already has a primary"));
    ind_dataset_free(ds);
}

/* A figure that would tie with a reading of its year (an undecided
 * conflict check would reject) is refused; another as_of or a role
 * makes it welcome. */
static void test_add_refuses_new_tie(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_dataset *ds;
    ind_reading r = reading("lvl", 2018, "b");
    size_t at, chosen;

    put(f->cat, catalog);
    put(f->obs, "indicator,year,value,as_of,source\n"
                "lvl,2018,100,2018-12-31,a\n");
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(ind_dataset_add(ds, &r, "101", 0, &err), IND_EDATA);
    assert_non_null(strstr(err.message,
                           "lvl 2018 has conflicting readings (line 2: 100 "
                           "as of 2018-12-31; new: 101)"));
    r.as_of = "2018-12";                 /* also the year's last day */
    assert_int_equal(ind_dataset_add(ds, &r, "101", 0, &err), IND_EDATA);
    assert_int_equal(ind_dataset_reading_count(ds), 1);
    assert_int_equal(ind_dataset_find_series(ds, "lvl", "", &at, &err), IND_OK);
    r.as_of = "2018-06";
    assert_int_equal(ind_dataset_add(ds, &r, "99", 0, &err), IND_OK);
    r.as_of = "";
    r.role = IND_ROLE_ALTERNATE;
    assert_int_equal(ind_dataset_add(ds, &r, "101", 0, &err), IND_OK);
    assert_int_equal(ind_dataset_chosen_reading(ds, at, 2018, &chosen, &err), IND_OK);
    assert_int_equal(chosen, 0);
    assert_int_equal(ind_dataset_validate(ds, &err), IND_OK);
    assert_int_equal(ind_dataset_commit(ds, &err), IND_OK);
    ind_dataset_free(ds);
    expect_file(f->obs, "indicator,year,value,as_of,source,role\n"
                        "lvl,2018,100,2018-12-31,a,\n"
                        "lvl,2018,99,2018-06,b,\n"
                        "lvl,2018,101,,b,alternate\n");
}

/* ---- figures ---- */

/* A rate takes a trailing '%' (stored without it); a stock does not. */
static void test_rate_percent(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_dataset *ds;
    ind_reading r;

    put(f->cat, catalog);
    put(f->obs, "indicator,year,value,unit\n"
                "pct,2019,21.5%,percent\n"
                "pct,2020,-3.2,\n"
                "lvl,2019,5,\n");
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(ind_dataset_reading(ds, 0, &r, &err), IND_OK);
    assert_true(r.value == 21.5);
    assert_int_equal(ind_dataset_reading(ds, 1, &r, &err), IND_OK);
    assert_true(r.value == -3.2);
    assert_int_equal(ind_dataset_validate(ds, &err), IND_OK);
    r = reading("pct", 2021, "s");
    assert_int_equal(ind_dataset_add(ds, &r, "10.61%", 0, &err), IND_OK);
    r = reading("lvl", 2020, "s");
    assert_int_equal(ind_dataset_add(ds, &r, "7%", 0, &err), IND_EPARSE);
    assert_non_null(strstr(err.message,
                           "a percent sign is accepted only for a rate"));
    r = reading("pct", 2022, "s");
    r.unit = "standards";
    assert_int_equal(ind_dataset_add(ds, &r, "1", 0, &err), IND_EDATA);
    assert_non_null(strstr(err.message, "contradicts the catalog"));
    assert_int_equal(ind_dataset_commit(ds, &err), IND_OK);
    ind_dataset_free(ds);
    expect_file(f->obs, "indicator,year,value,unit,source\n"
                        "pct,2019,21.5%,percent,\n"
                        "pct,2020,-3.2,,\n"
                        "pct,2021,10.61,percent,s\n"
                        "lvl,2019,5,,\n");
    /* A '%' on a stock in the file is a row error at its place. */
    put(f->obs, "indicator,year,value\nlvl,2019,5%\n");
    ds = NULL;
    assert_int_equal(ind_dataset_open(&ds, f->obs, IND_OPEN_READ, &err), IND_EPARSE);
    assert_int_equal(err.line, 2);
    assert_int_equal(err.column, 3);
    ind_dataset_free(ds);
}

/* Under a decimal-comma locale a dataset reads and writes exactly as
 * under C. */
static void test_locale_independence(void **state)
{
    fx *f = *state;
    char made[128], why[160];
    ind_dataset *ds;
    ind_reading r;

    if (!store_locale_enter(made, sizeof made, why, sizeof why)) {
        store_locale_leave(made);
        printf("skipped: no decimal-comma locale (%s)\n", why);
        skip();
    }
    put(f->cat, catalog);
    put(f->obs, "indicator,year,value\n"
                "lvl,2018,1.5\n"
                "lvl,2019,\"1,164,000\"\n"
                "pct,2019,21.5%\n");
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(ind_dataset_reading(ds, 0, &r, NULL), IND_OK);
    assert_true(r.value == 1.5);
    assert_int_equal(ind_dataset_reading(ds, 1, &r, NULL), IND_OK);
    assert_true(r.value == 1164000.0);
    assert_int_equal(ind_dataset_reading(ds, 2, &r, NULL), IND_OK);
    assert_true(r.value == 21.5);
    r = reading("lvl", 2020, "");
    assert_int_equal(ind_dataset_add(ds, &r, "1164,000", 0, NULL), IND_EPARSE);
    assert_int_equal(ind_dataset_add(ds, &r, "2.25", 0, NULL), IND_OK);
    assert_int_equal(ind_dataset_commit(ds, NULL), IND_OK);
    ind_dataset_free(ds);
    store_locale_leave(made);
    expect_file(f->obs, "indicator,year,value\n"
                        "lvl,2018,1.5\n"
                        "lvl,2019,\"1,164,000\"\n"
                        "lvl,2020,2.25\n"
                        "pct,2019,21.5%\n");
}

/* A figure given as a double (no text) must be one that reads back. */
static void test_add_value_without_text(void **state)
{
    static const double refused[] = { NAN, INFINITY, -INFINITY, 1e-310 };
    fx *f = *state;
    ind_dataset *ds;
    ind_reading r = reading("lvl", 2019, "s");
    size_t i;

    put(f->obs, "indicator,year,value\nlvl,2018,100\n");
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    for (i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        r.value = refused[i];
        if (ind_dataset_add(ds, &r, NULL, 0, NULL) == IND_OK)
            fail_msg("the value %g was taken", refused[i]);
    }
    r.value = 0.1 + 0.2;
    assert_int_equal(ind_dataset_add(ds, &r, NULL, 0, NULL), IND_OK);
    assert_int_equal(ind_dataset_commit(ds, NULL), IND_OK);
    ind_dataset_free(ds);
    expect_file(f->obs, "indicator,year,value,source\nlvl,2018,100,\n"
                        "lvl,2019,0.30000000000000004,s\n");
    ds = open_ok(f->obs, IND_OPEN_READ);
    ind_dataset_free(ds);
}

/* ---- refusals change nothing ---- */

typedef struct refusal {
    const char *indicator;
    int year;
    const char *value;
    const char *source;
    const char *note;
    const char *unit;
    const char *as_of;
    char status;
    int code;
    const char *why;
} refusal;

static const refusal refusals[] = {
    { "lvl", 2018, "105", "s", "", "", "", 0, IND_EEXISTS,
      "lvl 2018 already has a reading (100 from a)" },
    { "nope", 2019, "1", "s", "", "", "", 0, IND_ENOTFOUND,
      "unknown indicator 'nope'" },
    { "lvl", 2019, "1164,000", "s", "", "", "", 0, IND_EPARSE,
      "misplaced thousands separators" },
    { "lvl", 2019, "12 195", "s", "", "", "", 0, IND_EPARSE, "a space" },
    { "lvl", 2019, "1.164.000", "s", "", "", "", 0, IND_EPARSE,
      "more than one decimal point" },
    { "lvl", 2019, "nan", "s", "", "", "", 0, IND_EPARSE, "not a finite" },
    { "lvl", 2019, "0x10", "s", "", "", "", 0, IND_EPARSE, "hexadecimal" },
    { "lvl", 2019, "", "s", "", "", "", 0, IND_EPARSE, "empty value" },
    { "lvl", 2019, "1", "s", "", "items", "", 0, IND_EDATA,
      "unit 'items' contradicts the catalog" },
    { "lvl", -10000, "1", "s", "", "", "", 0, IND_EDATA, "outside -9999..9999" },
    { "lvl", 10000, "1", "s", "", "", "", 0, IND_EDATA, "outside -9999..9999" },
    { "lvl", 2019, "1", "=cmd|' /C calc'!A0", "", "", "", 0, IND_EPARSE,
      "starts with '='" },
    { "lvl", 2019, "1", "+1", "", "", "", 0, IND_EPARSE, "starts with '+'" },
    { "lvl", 2019, "1", "s", "-2", "", "", 0, IND_EPARSE, "starts with '-'" },
    { "lvl", 2019, "1", "@SUM(A1)", "", "", "", 0, IND_EPARSE,
      "starts with '@'" },
    { "lvl", 2019, "1", "line\nbreak", "", "", "", 0, IND_EPARSE,
      "source 'line?break' is refused: a control character (U+000A)" },
    { "lvl", 2019, "1", "s", "\x1b[31mred", "", "", 0, IND_EPARSE,
      "note '?[31mred' is refused: a control character (U+001B)" },
    { "lvl", 2019, "1", "caf\xe9", "", "", "", 0, IND_EPARSE,
      "invalid UTF-8" },
    { "lvl", 2019, "1", "s", "", "", "2019-13", 0, IND_EPARSE,
      "as_of '2019-13' is not a date" },
    { "lvl", 2019, "1", "s", "", "", "2018-12-31", 0, IND_EDATA,
      "before the year 2019" },
    { "lvl", 2019, "1", "s", "", "", "", 'Z', IND_EPARSE,
      "status 'Z' is not an OBS_STATUS letter" },
    { "9lvl", 2019, "1", "s", "", "", "", 0, IND_EPARSE,
      "must start with a letter" },
    { "lv\x1bl", 2019, "1", "s", "", "", "", 0, IND_EPARSE,
      "indicator id 'lv?l' may hold only letters" },
};

/* Each refused figure leaves every file byte-identical, even when a good
 * figure in the same session is committed... and then only that one is. */
static void test_refusals_change_nothing(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    static const char obs[] = "indicator,year,value,source\nlvl,2018,100,a\n";
    size_t i;

    put(f->cat, catalog);
    put(f->obs, obs);
    for (i = 0; i < sizeof refusals / sizeof refusals[0]; i++) {
        const refusal *x = &refusals[i];
        ind_dataset *ds = open_ok(f->obs, IND_OPEN_WRITE);
        ind_reading r = reading(x->indicator, x->year, x->source);
        int rc;
        r.note = x->note;
        r.unit = x->unit;
        r.as_of = x->as_of;
        r.status = x->status;
        rc = ind_dataset_add(ds, &r, x->value, 0, &err);
        if (rc != x->code || strstr(err.message, x->why) == NULL)
            fail_msg("refusal %zu: %d '%s', want %d '...%s...'", i, rc,
                     err.message, x->code, x->why);
        assert_int_equal(ind_dataset_commit(ds, &err), IND_OK);
        ind_dataset_free(ds);
        expect_file(f->obs, obs);
        expect_file(f->cat, catalog);
        assert_false(exists(f->hist));
    }
}

static void test_read_only_and_commit_once(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_dataset *ds;
    ind_reading r = reading("lvl", 2019, "s");

    put(f->obs, "indicator,year,value\nlvl,2018,100\n");
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_add(ds, &r, "1", 0, &err), IND_EINVAL);
    assert_non_null(strstr(err.message, "read-only"));
    assert_int_equal(ind_dataset_commit(ds, &err), IND_EINVAL);
    ind_dataset_free(ds);
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(ind_dataset_commit(ds, &err), IND_OK); /* nothing to write */
    assert_false(exists(f->hist));
    assert_int_equal(ind_dataset_add(ds, &r, "110", 0, &err), IND_OK);
    assert_int_equal(ind_dataset_commit(ds, &err), IND_OK);
    r.year = 2020;
    assert_int_equal(ind_dataset_add(ds, &r, "120", 0, &err), IND_EINVAL);
    ind_dataset_free(ds);
    expect_file(f->obs, "indicator,year,value,source\n"
                        "lvl,2018,100,\nlvl,2019,110,s\n");
}

/* A dataset that does not load cleanly takes no change. */
static void test_malformed_takes_no_change(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_dataset *ds = NULL;
    ind_reading r = reading("lvl", 2019, "s");
    static const char obs[] = "indicator,year,value\nlvl,2018,1164,000\n";

    put(f->obs, obs);
    assert_int_equal(ind_dataset_open(&ds, f->obs, IND_OPEN_WRITE, &err), IND_EPARSE);
    assert_int_equal(ind_dataset_add(ds, &r, "1", 0, &err), IND_EPARSE);
    assert_non_null(strstr(err.message, "did not load cleanly"));
    ind_dataset_free(ds);
    expect_file(f->obs, obs);
    assert_false(exists(f->hist));
}

/* ---- revisions and the history ---- */

typedef struct trail {
    size_t n;
    char action[8][16], year[8][8], old_value[8][32], new_value[8][32],
         old_source[8][32], new_source[8][32], old_note[8][32],
         new_note[8][160], time[8][32];
} trail;

static int keep_change(void *ctx, const ind_change *c)
{
    trail *t = ctx;

    if (t->n == 8)
        return IND_ERROR;
    snprintf(t->action[t->n], 16, "%s", c->action);
    snprintf(t->year[t->n], 8, "%s", c->year);
    snprintf(t->old_value[t->n], 32, "%s", c->old_value);
    snprintf(t->new_value[t->n], 32, "%s", c->new_value);
    snprintf(t->old_source[t->n], 32, "%s", c->old_source);
    snprintf(t->new_source[t->n], 32, "%s", c->new_source);
    snprintf(t->old_note[t->n], 32, "%s", c->old_note);
    snprintf(t->new_note[t->n], 160, "%s", c->new_note);
    snprintf(t->time[t->n], 32, "%s", c->time);
    t->n++;
    return IND_OK;
}

static void read_trail(const char *path, trail *t)
{
    ind_dataset *ds = open_ok(path, IND_OPEN_READ);

    memset(t, 0, sizeof *t);
    assert_int_equal(ind_dataset_history(ds, keep_change, t, NULL), IND_OK);
    ind_dataset_free(ds);
}

/* "2026-11-25T22:30:00Z" */
static int is_utc_time(const char *s)
{
    static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
    size_t i;

    if (strlen(s) != sizeof shape - 1)
        return 0;
    for (i = 0; shape[i]; i++)
        if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != shape[i])
            return 0;
    return 1;
}

static void test_revise_and_history(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_dataset *ds;
    ind_reading r = reading("lvl", 2018, "http://example.org/new");
    trail t;

    put(f->cat, catalog);
    put(f->obs, "indicator,year,value,source,note,status\n"
                "lvl,2018,100,http://example.org/old,first,P\n");
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(ind_dataset_add(ds, &r, "101", 0, &err), IND_EEXISTS);
    assert_non_null(strstr(err.message, "d.csv:2: lvl 2018"));
    r.note = "second";
    assert_int_equal(ind_dataset_add(ds, &r, "101", IND_ADD_REVISE, &err), IND_OK);
    /* Revise without a reading of that key: an append. */
    r = reading("lvl", 2019, "s");
    assert_int_equal(ind_dataset_add(ds, &r, "110", IND_ADD_REVISE, &err), IND_OK);
    /* A different as_of is another reading, not a revision. */
    r.as_of = "2019-06";
    assert_int_equal(ind_dataset_add(ds, &r, "105", 0, &err), IND_OK);
    assert_int_equal(ind_dataset_commit(ds, &err), IND_OK);
    ind_dataset_free(ds);
    expect_file(f->obs, "indicator,year,value,source,note,status,as_of\n"
                        "lvl,2018,101,http://example.org/new,second,P,\n"
                        "lvl,2019,110,s,,,\n"
                        "lvl,2019,105,s,,,2019-06\n");
    read_trail(f->obs, &t);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.action[0], "revise");
    assert_string_equal(t.year[0], "2018");
    assert_string_equal(t.old_value[0], "100");
    assert_string_equal(t.new_value[0], "101");
    assert_string_equal(t.old_source[0], "http://example.org/old");
    assert_string_equal(t.new_source[0], "http://example.org/new");
    assert_string_equal(t.old_note[0], "first");
    assert_string_equal(t.new_note[0], "second");
    assert_true(is_utc_time(t.time[0]));
    assert_string_equal(t.action[1], "append");
    assert_string_equal(t.old_value[1], "");
    assert_string_equal(t.new_value[1], "110");
    assert_string_equal(t.action[2], "append");
    assert_string_equal(t.new_value[2], "105");
}

/* The history records a change before the observations take it; a change
 * that never reached the observations (simulated by putting the old file
 * back) is reported by validate as a warning, and the next write notes it
 * with a 'void' entry. */
static void test_history_reconciliation(void **state)
{
    fx *f = *state;
    ind_dataset *ds;
    ind_reading r = reading("lvl", 2019, "s");
    static const char before[] = "indicator,year,value,source\n"
                                 "lvl,2018,100,a\n";
    const ind_diagnostic *d;
    trail t;
    size_t i;

    put(f->cat, catalog);
    put(f->obs, before);
    add_one(f->obs, &r, "110", 0);
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_validate(ds, NULL), IND_OK);
    assert_int_equal(count_diags(ds, IND_SEVERITY_WARNING, "interrupted"), 0);
    ind_dataset_free(ds);

    put(f->obs, before);                 /* the write "was interrupted" */
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_validate(ds, NULL), IND_OK); /* a warning only */
    assert_int_equal(count_diags(ds, IND_SEVERITY_WARNING,
                                 "a write was interrupted"), 1);
    for (i = 0; i < ind_dataset_diagnostic_count(ds); i++) {
        d = ind_dataset_diagnostic(ds, i);
        if (d->severity == IND_SEVERITY_WARNING) {
            assert_string_equal(d->path, f->hist);
            assert_int_equal(d->line, 2);
        }
    }
    ind_dataset_free(ds);

    r.year = 2020;
    add_one(f->obs, &r, "120", 0);
    read_trail(f->obs, &t);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.action[0], "append");
    assert_string_equal(t.action[1], "void");
    assert_non_null(strstr(t.new_note[1], "line 2 did not reach"));
    assert_string_equal(t.action[2], "append");
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_validate(ds, NULL), IND_OK);
    assert_int_equal(count_diags(ds, IND_SEVERITY_WARNING, "interrupted"), 0);
    ind_dataset_free(ds);
}

static void test_define(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_dataset *ds;
    ind_indicator def;
    trail t;
    size_t at;

    put(f->cat, "indicator,title,unit,kind,description\n"
                "lvl,A level,standards,stock,A stock\n");
    put(f->obs, "indicator,year,value\nlvl,2018,100\n");
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    memset(&def, 0, sizeof def);
    def.id = "growth";
    def.title = "Growth of lvl";
    def.unit = "standards";
    def.kind = IND_KIND_RATE;
    def.growth_of = "lvl";
    assert_int_equal(ind_dataset_define(ds, &def, &err), IND_EDATA);
    assert_non_null(strstr(err.message, "unit must be 'percent'"));
    def.unit = "percent";
    def.growth_of = "nope";
    assert_int_equal(ind_dataset_define(ds, &def, &err), IND_EDATA);
    def.growth_of = "lvl";
    def.kind = IND_KIND_UNSPECIFIED;
    assert_int_equal(ind_dataset_define(ds, &def, &err), IND_EINVAL);
    def.kind = IND_KIND_RATE;
    def.title = "=HYPERLINK()";
    assert_int_equal(ind_dataset_define(ds, &def, &err), IND_EPARSE);
    def.title = "Growth of lvl";
    def.id = "lvl";
    assert_int_equal(ind_dataset_define(ds, &def, &err), IND_EEXISTS);
    def.id = "1bad";
    assert_int_equal(ind_dataset_define(ds, &def, &err), IND_EPARSE);
    def.id = "growth";
    assert_int_equal(ind_dataset_define(ds, &def, &err), IND_OK);
    assert_int_equal(ind_dataset_find_indicator(ds, "growth", &at, &err), IND_OK);
    assert_int_equal(ind_dataset_commit(ds, &err), IND_OK);
    ind_dataset_free(ds);
    expect_file(f->cat, "indicator,title,unit,kind,description,growth_of\n"
                        "lvl,A level,standards,stock,A stock,\n"
                        "growth,Growth of lvl,percent,rate,,lvl\n");
    expect_file(f->obs, "indicator,year,value\nlvl,2018,100\n");
    read_trail(f->obs, &t);
    assert_int_equal(t.n, 1);
    assert_string_equal(t.action[0], "define");
    assert_string_equal(t.new_note[0],
                        "kind=rate; unit=percent; title=Growth of lvl");
}

/* ---- writes: lock, temporaries, files changed behind our back ---- */

/* Try the dataset's lock from another process: 1 if it could be taken. */
static int lock_free_elsewhere(const char *lock_path)
{
    pid_t pid = fork();
    int status;

    assert_true(pid >= 0);
    if (pid == 0) {
        int fd = open(lock_path, O_RDWR | O_CREAT, 0666);
        _exit(fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) == 0 ? 0 : 1);
    }
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static void test_lock(void **state)
{
    fx *f = *state;
    char lock[128];
    ind_dataset *ds;

    snprintf(lock, sizeof lock, "%s/d.lock", f->dir);
    put(f->obs, "indicator,year,value\nlvl,2018,100\n");
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_true(lock_free_elsewhere(lock));
    ind_dataset_free(ds);
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_false(lock_free_elsewhere(lock));
    ind_dataset_free(ds);
    assert_true(lock_free_elsewhere(lock));
}

/* Temporary files a killed writer left beside the three files are removed
 * by the next write; other files are not touched. */
static void test_stale_temporaries(void **state)
{
    static const char *const stale[] = {
        ".d.csv.tmp.ABC123", ".d.history.csv.tmp.xyz789",
        ".d.indicators.csv.tmp.Q1w2E3"
    };
    static const char *const kept[] = {
        ".d.csv.tmp.TOOLONG7", ".d.csv.tmp.SHORT", ".e.csv.tmp.ABC123",
        "d.csv.tmp.ABC123", ".d.csv.bak"
    };
    fx *f = *state;
    ind_reading r = reading("lvl", 2019, "s");
    char path[160];
    size_t i;

    put(f->obs, "indicator,year,value\nlvl,2018,100\n");
    for (i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", f->dir, stale[i]);
        put(path, "lvl,2019,1");
    }
    for (i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s", f->dir, kept[i]);
        put(path, "x");
    }
    add_one(f->obs, &r, "110", 0);
    for (i = 0; i < 3; i++) {
        snprintf(path, sizeof path, "%s/%s", f->dir, stale[i]);
        if (exists(path))
            fail_msg("%s was not swept", stale[i]);
    }
    for (i = 0; i < 5; i++) {
        snprintf(path, sizeof path, "%s/%s", f->dir, kept[i]);
        if (!exists(path))
            fail_msg("%s was removed", kept[i]);
    }
}

/* A file changed on disk between loading and committing (by a program
 * that does not take the lock) is not overwritten. */
static void test_changed_on_disk(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_dataset *ds;
    ind_reading r = reading("lvl", 2019, "s");
    static const char edited[] = "indicator,year,value\nlvl,2018,100\n"
                                 "lvl,2017,90\n";

    put(f->obs, "indicator,year,value\nlvl,2018,100\n");
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(ind_dataset_add(ds, &r, "110", 0, &err), IND_OK);
    put(f->obs, edited);
    assert_int_equal(ind_dataset_commit(ds, &err), IND_EIO);
    assert_non_null(strstr(err.message, "changed on disk"));
    ind_dataset_free(ds);
    expect_file(f->obs, edited);
    assert_false(exists(f->hist));
}

/* The history must be readable before anything changes. */
static void test_unreadable_history_blocks_writes(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_dataset *ds;
    ind_reading r = reading("lvl", 2019, "s");
    static const char hist[] = "time,action\n\"2026";

    put(f->obs, "indicator,year,value\nlvl,2018,100\n");
    put(f->hist, hist);
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(ind_dataset_validate(ds, &err), IND_EDATA);
    assert_int_equal(err.line, 2);
    assert_non_null(strstr(err.message, "d.history.csv:2:1: "));
    ind_dataset_free(ds);
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(ind_dataset_add(ds, &r, "110", 0, &err), IND_OK);
    assert_int_equal(ind_dataset_commit(ds, &err), IND_EPARSE);
    assert_non_null(strstr(err.message, "history must be readable"));
    ind_dataset_free(ds);
    expect_file(f->obs, "indicator,year,value\nlvl,2018,100\n");
    expect_file(f->hist, hist);
}

/* ---- loading: every row problem, at its place, with a cap ---- */

static void test_row_errors_all_reported(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_dataset *ds = NULL;
    FILE *out;
    size_t i;

    out = fopen(f->obs, "wb");
    assert_non_null(out);
    fputs("indicator,year,value\n", out);
    for (i = 0; i < 250; i++)
        fprintf(out, "lvl,%zu,1\n", 10000 + i);  /* years out of range */
    fputs("lvl,2019,1\n", out);
    assert_int_equal(fclose(out), 0);
    assert_int_equal(ind_dataset_open(&ds, f->obs, IND_OPEN_READ, &err), IND_EPARSE);
    assert_int_equal(count_diags(ds, IND_SEVERITY_ERROR,
                                 "outside -9999..9999"), 200);
    assert_int_equal(count_diags(ds, IND_SEVERITY_NOTE,
                                 "50 more row errors not listed"), 1);
    assert_int_equal(ind_dataset_diagnostic(ds, 0)->line, 2);
    assert_int_equal(ind_dataset_diagnostic(ds, 0)->column, 2);
    assert_int_equal(ind_dataset_diagnostic(ds, 199)->line, 201);
    assert_int_equal(err.line, 2);
    assert_null(ind_dataset_diagnostic(ds, 1000));
    ind_dataset_free(ds);
}

/* ---- loading: a row repeating the last one's other fields ---- */

/* Rows that differ from the last stored row only in year and value (a
 * panel's) take a shorter path in the loader when the year and value
 * columns are neighbours. Every row below, written once with those
 * columns side by side and once with the unit between them (the full
 * path for every row), must give the same readings and the same
 * diagnostics at the same lines, the column numbers moved with the
 * columns. Quoted rows take the strict reader, so both reader paths meet
 * the shorter one. */
static const char *const repeat_rows[][7] = {
    /* indicator, year, value, unit, as_of, source, note */
    { "a", "2001", "1.5", "t", "", "src", "" },
    { "a", "2002", "2.5", "t", "", "src", "" },
    { "a", "2003", "x", "t", "", "src", "" },
    { "a", "20x4", "3", "t", "", "src", "" },
    { "a", "2005", "4", "t", "", "src", "" },
    { "a", "2006", "5", "t", "2006-12-31", "src", "" },
    { "a", "2007", "6", "t", "2006-12-31", "src", "" },
    { "a", "2008", "7", "t", "2009-01-05", "src", "" },
    { "a", "2009", "8", "t", "2009-01-05", "src", "" },
    { "a", "10000", "9", "t", "2009-01-05", "src", "" },
    { "a", "2010", "-", "t", "2009-01-05", "src", "" },
    { "a", "2011", "50%", "t", "2009-01-05", "src", "" },
    { "a", "", "1", "t", "2009-01-05", "src", "" },
    { "b", "2001", "1", "percent", "", "", "" },
    { "b", "2002", "5%", "percent", "", "", "" },
    { "b", "2003", "", "percent", "", "", "" },
    { "b", "2004", "1,234.5", "percent", "", "", "" },
    { "a", "2012", "1", "t", "", "src", "n" },
    { "a", "2013", "2", "t", "", "src", "n" },
    { "\"a\"", "2014", "4", "\"t\"", "", "\"src\"", "\"n\"" },
    { "\"a\"", "\"2015\"", "\"5\"", "\"t\"", "", "\"src\"", "\"n\"" },
    { "a", "2016", "=1", "t", "", "src", "n" },
    { "a", "2017", "7", "t", "", "src", "=n" },
    { "a", "2018", "8", "t", "", "src", "=n" },
    { "a", "2019", "9", "t", "2020-13-01", "src", "n" },
    { "a", "2020", "10", "t", "2020-13-01", "src", "n" },
};

/* Write repeat_rows with the columns in the order 'order' (indexes into
 * a row) and load them. */
static ind_dataset *load_repeat_rows(const fx *f, const size_t order[7])
{
    static const char *const names[7] = { "indicator", "year", "value",
                                          "unit", "as_of", "source",
                                          "note" };
    ind_error err = IND_ERROR_INIT;
    ind_dataset *ds = NULL;
    FILE *out = fopen(f->obs, "wb");
    size_t r, c;

    assert_non_null(out);
    for (c = 0; c < 7; c++)
        fprintf(out, "%s%s", c ? "," : "", names[order[c]]);
    fputc('\n', out);
    for (r = 0; r < sizeof repeat_rows / sizeof repeat_rows[0]; r++) {
        for (c = 0; c < 7; c++)
            fprintf(out, "%s%s", c ? "," : "", repeat_rows[r][order[c]]);
        fputc('\n', out);
    }
    assert_int_equal(fclose(out), 0);
    assert_int_equal(ind_dataset_open(&ds, f->obs, IND_OPEN_READ, &err),
                     IND_EPARSE);
    return ds;
}

static void test_repeated_rows_same_as_full_path(void **state)
{
    static const size_t side_by_side[7] = { 0, 1, 2, 3, 4, 5, 6 };
    static const size_t apart[7] = { 0, 1, 3, 2, 4, 5, 6 };
    fx *f = *state;
    ind_dataset *a = load_repeat_rows(f, side_by_side);
    ind_dataset *b = load_repeat_rows(f, apart);
    size_t i, n = ind_dataset_diagnostic_count(a);

    assert_true(n >= 10);
    assert_int_equal(ind_dataset_diagnostic_count(b), n);
    for (i = 0; i < n; i++) {
        const ind_diagnostic *x = ind_dataset_diagnostic(a, i),
                             *y = ind_dataset_diagnostic(b, i);
        /* Columns 3 and 4 (value, unit) trade places. */
        unsigned col = y->column == 3 ? 4 : y->column == 4 ? 3 : y->column;
        assert_int_equal(x->severity, y->severity);
        assert_int_equal(x->line, y->line);
        assert_int_equal(x->column, col);
        assert_string_equal(x->message, y->message);
    }
    assert_int_equal(ind_dataset_series_count(a),
                     ind_dataset_series_count(b));
    for (i = 0; i < ind_dataset_series_count(a); i++) {
        ind_series *sa = NULL, *sb = NULL;
        size_t k;
        ind_dataset_series(a, i, &sa, NULL);
        ind_dataset_series(b, i, &sb, NULL);
        assert_non_null(sa);
        assert_non_null(sb);
        assert_int_equal(ind_series_length(sa), ind_series_length(sb));
        for (k = 0; k < ind_series_length(sa); k++) {
            const ind_point *pa = ind_series_point(sa, k),
                            *pb = ind_series_point(sb, k);
            assert_int_equal(pa->year, pb->year);
            assert_true(pa->value == pb->value);
            assert_int_equal(pa->flags, pb->flags);
            assert_string_equal(pa->as_of, pb->as_of);
            assert_string_equal(pa->source, pb->source);
        }
        ind_series_free(sa);
        ind_series_free(sb);
    }
    ind_dataset_free(a);
    ind_dataset_free(b);
}

/* ---- internals: CSV reader and writer ---- */

typedef struct rows_seen {
    size_t n;
    unsigned long line[8];
    uint64_t offset[8], length[8];
    size_t count[8];
    char first[8][32], last[8][32];
} rows_seen;

static int on_row(void *ctx, const ind_csv_row *row, ind_error *err)
{
    rows_seen *s = ctx;

    (void)err;
    if (s->n == 8)
        return IND_ERROR;
    s->line[s->n] = row->line;
    s->offset[s->n] = row->offset;
    s->length[s->n] = row->length;
    s->count[s->n] = row->count;
    snprintf(s->first[s->n], 32, "%s", row->field[0]);
    snprintf(s->last[s->n], 32, "%s", row->field[row->count - 1]);
    s->n++;
    return IND_OK;
}

/* Lines, byte ranges and fields of rows, through a BOM, CRLF, blank
 * lines and a quoted field over two lines. */
static void test_csv_reader_positions(void **state)
{
    fx *f = *state;
    static const char text[] = "\xEF\xBB\xBF" "a,b\r\n"   /* 3 + 5 bytes */
                               "\r\n"                      /* blank */
                               "1,\"x\r\ny\"\r\n"          /* 10 bytes */
                               " 2 ,\"\"\r\n"              /* 8 bytes */
                               "3,last";                   /* no line end */
    rows_seen s;
    ind_csv_info info;
    ind_error err = IND_ERROR_INIT;

    memset(&s, 0, sizeof s);
    put(f->obs, text);
    assert_int_equal(ind_csv_read(f->obs, "shown.csv", on_row, &s, &info,
                                  &err), IND_OK);
    assert_true(info.has_bom);
    assert_true(info.crlf);
    assert_false(info.ends_with_newline);
    assert_int_equal(info.rows, 4);
    assert_int_equal(info.size, sizeof text - 1);
    assert_int_equal(s.n, 4);
    assert_int_equal(s.line[0], 1);
    assert_int_equal(s.offset[0], 3);
    assert_int_equal(s.length[0], 5);
    assert_int_equal(s.line[1], 3);
    assert_int_equal(s.offset[1], 10);
    assert_int_equal(s.length[1], 10);
    assert_string_equal(s.last[1], "x\r\ny");
    assert_int_equal(s.line[2], 5);
    assert_string_equal(s.first[2], " 2 ");    /* spaces are data */
    assert_string_equal(s.last[2], "");
    assert_int_equal(s.count[2], 2);
    assert_int_equal(s.line[3], 6);
    assert_int_equal(s.length[3], 6);
    assert_string_equal(s.last[3], "last");

    /* Errors carry the display name and the place. */
    put(f->obs, "a,b\n1,2\n3,\"4\n");
    assert_int_equal(ind_csv_read(f->obs, "shown.csv", on_row, &s, NULL, &err),
                     IND_EPARSE);
    assert_string_equal(err.message, "shown.csv:3:2: unterminated quoted "
                                     "field: the closing quote is missing");
    assert_int_equal(ind_csv_read("/nonexistent/x.csv", NULL, on_row, &s, NULL,
                                  &err), IND_ENOTFOUND);
}

static void test_csv_split_and_write(void **state)
{
    static const struct { const char *text; size_t len; } fields[] = {
        { "plain", 5 }, { "a,b", 3 }, { "say \"hi\"", 8 }, { " lead", 5 },
        { "trail ", 6 }, { "", 0 }, { "two\nlines", 9 }, { "cr\r", 3 },
        { "\t", 1 }
    };
    static const char *const written[] = {
        "plain", "\"a,b\"", "\"say \"\"hi\"\"\"", "\" lead\"", "\"trail \"",
        "", "\"two\nlines\"", "\"cr\r\"", "\"\t\""
    };
    fx *f = *state;
    ind_csv_fields out;
    size_t i, n = sizeof fields / sizeof fields[0];
    char *line, *got;
    FILE *file;

    (void)f;
    assert_int_equal(ind_csv_split("a,\"b,c\",\"d\"\"e\",\n", 15, &out),
                     IND_OK);
    assert_int_equal(out.count, 4);
    assert_string_equal(out.field[0], "a");
    assert_string_equal(out.field[1], "b,c");
    assert_string_equal(out.field[2], "d\"e");
    assert_string_equal(out.field[3], "");
    ind_csv_fields_free(&out);
    assert_int_equal(ind_csv_split("a,\"b", 4, &out), IND_EPARSE);
    assert_int_equal(out.count, 0);
    assert_int_equal(ind_csv_split("a,b\"c", 5, &out), IND_EPARSE);

    /* Each field written, then read back as one row. */
    for (i = 0; i < n; i++) {
        file = fopen(f->obs, "wb");
        assert_non_null(file);
        assert_int_equal(ind_csv_write_field(file, fields[i].text,
                                             fields[i].len), 0);
        assert_int_equal(fclose(file), 0);
        got = slurp(f->obs, NULL);
        assert_string_equal(got, written[i]);
        free(got);
    }
    line = malloc(512);
    assert_non_null(line);
    file = fmemopen(line, 512, "wb");
    assert_non_null(file);
    for (i = 0; i < n; i++) {
        if (i > 0)
            fputc(',', file);
        ind_csv_write_field(file, fields[i].text, fields[i].len);
    }
    fputc('\0', file);
    fclose(file);
    assert_int_equal(ind_csv_split(line, strlen(line), &out), IND_OK);
    assert_int_equal(out.count, n);
    for (i = 0; i < n; i++)
        assert_memory_equal(out.field[i], fields[i].text, fields[i].len + 1);
    ind_csv_fields_free(&out);
    free(line);
}

/* ---- internals: string pool, index map, atomic files ---- */

static void test_strpool(void **state)
{
    ind_strpool p;
    char text[32];
    ind_strid ids[20000];
    size_t i;

    (void)state;
    assert_int_equal(ind_strpool_init(&p), 0);
    assert_int_equal(ind_strpool_find(&p, "", 0), 0);
    assert_int_equal(ind_strpool_intern(&p, "", 0), 0);
    assert_string_equal(ind_strpool_get(&p, 0), "");
    for (i = 0; i < 20000; i++) {
        snprintf(text, sizeof text, "source-%zu", i * 7919);
        ids[i] = ind_strpool_intern(&p, text, strlen(text));
        assert_true(ids[i] != IND_STRID_NONE);
    }
    for (i = 0; i < 20000; i++) {
        snprintf(text, sizeof text, "source-%zu", i * 7919);
        assert_int_equal(ind_strpool_find(&p, text, strlen(text)), ids[i]);
        assert_int_equal(ind_strpool_intern(&p, text, strlen(text)), ids[i]);
        assert_string_equal(ind_strpool_get(&p, ids[i]), text);
    }
    /* Length-bounded: a prefix is another string. */
    assert_int_equal(ind_strpool_find(&p, "source-0xyz", 8), ids[0]);
    assert_int_equal(ind_strpool_find(&p, "source-", 7), IND_STRID_NONE);
    ind_strpool_free(&p);
}

static void test_index_map(void **state)
{
    ind_index_map m;
    uint32_t i;

    (void)state;
    assert_int_equal(ind_index_map_init(&m, 4), 0);
    /* Series keys: indicator id in the high half, entity 0 in the low. */
    for (i = 0; i < 100000; i++)
        assert_int_equal(ind_index_map_put(&m, (uint64_t)(i * 13 + 1) << 32, i),
                         0);
    for (i = 0; i < 100000; i++)
        assert_int_equal(ind_index_map_get(&m, (uint64_t)(i * 13 + 1) << 32),
                         i);
    assert_int_equal(ind_index_map_get(&m, (uint64_t)2 << 32), UINT32_MAX);
    assert_int_equal(ind_index_map_get(&m, 0), UINT32_MAX);
    assert_int_equal(ind_index_map_put(&m, (uint64_t)1 << 32, 77), 0);
    assert_int_equal(ind_index_map_get(&m, (uint64_t)1 << 32), 77);
    assert_int_equal(m.count, 100000);
    ind_index_map_free(&m);
    assert_int_equal(ind_index_map_get(&m, 5), UINT32_MAX);
}

static void test_atomic_file(void **state)
{
    fx *f = *state;
    ind_atomic_file *af;
    ind_error err = IND_ERROR_INIT;
    struct stat st;
    char bad[160];

    put(f->obs, "old\n");
    assert_int_equal(chmod(f->obs, 0640), 0);
    assert_int_equal(ind_atomic_open(&af, f->obs, &err), IND_OK);
    fputs("new\n", ind_atomic_stream(af));
    expect_file(f->obs, "old\n");          /* nothing visible before */
    assert_int_equal(ind_atomic_commit(af, &err), IND_OK);
    expect_file(f->obs, "new\n");
    assert_int_equal(stat(f->obs, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0640);

    assert_int_equal(ind_atomic_open(&af, f->obs, &err), IND_OK);
    fputs("abandoned\n", ind_atomic_stream(af));
    ind_atomic_abort(af);
    ind_atomic_abort(NULL);
    expect_file(f->obs, "new\n");

    snprintf(bad, sizeof bad, "%s/no/such/folder/x.csv", f->dir);
    assert_int_equal(ind_atomic_open(&af, bad, &err), IND_EWRITE);
    assert_non_null(strstr(err.message, "cannot create a file beside it"));
    {
        /* No temporary is left behind by any of this. */
        char cmd[200];
        snprintf(cmd, sizeof cmd, "test -z \"$(ls -A '%s' | grep tmp)\"",
                 f->dir);
        assert_int_equal(system(cmd), 0);
    }
}

/* The reading layout (dataset_readings.c): lines, texts, status and role
 * as stretches and lists come back exactly per reading; a file grouped by
 * series and in order needs no order array; the same rows shuffled give
 * the same series through one; adding and revising keep every view. */
static const char layout_header[] =
    "indicator,year,value,unit,status,as_of,source,note,role\n";
static const char *const layout_rows[] = {
    "a,2001,1,u,,,s1,,\n",
    "a,2002,2,u,,,s1,,\n",
    "a,2003,3,u,P,,s1,,\n",
    "a,2004,4,u,,,s2,\"two, lines\",\n",
    "a,2005,5,u,,,s2,,primary\n",
    "a,2005,6,u,,,s2,,alternate\n",
    "b,2001,7,u,,2001-06,s1,,\n",
    "b,2001,8,u,,,s1,,\n",
};

/* What each row above must read back as: value, line in the grouped file
 * (a blank line after the third row and after the fourth, which is quoted
 * and so read by libcsv), status, role, as_of, source, note. */
static const struct {
    double value;
    unsigned long line;
    char status;
    ind_role role;
    const char *as_of, *source, *note;
} layout_want[] = {
    { 1, 2, 0, IND_ROLE_NONE, "", "s1", "" },
    { 2, 3, 0, IND_ROLE_NONE, "", "s1", "" },
    { 3, 4, 'P', IND_ROLE_NONE, "", "s1", "" },
    { 4, 6, 0, IND_ROLE_NONE, "", "s2", "two, lines" },
    { 5, 8, 0, IND_ROLE_PRIMARY, "", "s2", "" },
    { 6, 9, 0, IND_ROLE_ALTERNATE, "", "s2", "" },
    { 7, 10, 0, IND_ROLE_NONE, "2001-06", "s1", "" },
    { 8, 11, 0, IND_ROLE_NONE, "", "s1", "" },
};

/* The values of series `id` in its order. */
static void expect_series_order(ind_dataset *ds, const char *id,
                                const double *want, size_t n)
{
    ind_error err = IND_ERROR_INIT;
    size_t series, k, at;
    ind_reading r;

    assert_int_equal(ind_dataset_find_series(ds, id, NULL, &series, &err),
                     IND_OK);
    assert_int_equal(ind_dataset_series_reading_count(ds, series), n);
    for (k = 0; k < n; k++) {
        assert_int_equal(ind_dataset_series_reading(ds, series, k, &at, &err),
                         IND_OK);
        assert_int_equal(ind_dataset_reading(ds, at, &r, &err), IND_OK);
        if (r.value != want[k])
            fail_msg("%s reading %zu is %g, want %g", id, k, r.value, want[k]);
    }
}

static void test_reading_layout(void **state)
{
    static const double a_order[] = { 1, 2, 3, 4, 5, 6 },
                        b_order[] = { 7, 8 };
    static const size_t shuffled[] = { 7, 4, 0, 6, 3, 5, 1, 2 };
    fx *f = *state;
    ind_error err = IND_ERROR_INIT;
    ind_dataset *ds = NULL;
    char text[1024];
    size_t i, n = 0;
    ind_reading r;

    n = (size_t)snprintf(text, sizeof text, "%s", layout_header);
    for (i = 0; i < 8; i++) {
        n += (size_t)snprintf(text + n, sizeof text - n, "%s", layout_rows[i]);
        if (i == 2 || i == 3)
            n += (size_t)snprintf(text + n, sizeof text - n, "\n");
    }
    put(f->obs, text);
    assert_int_equal(ind_dataset_open(&ds, f->obs, IND_OPEN_WRITE, &err),
                     IND_OK);
    assert_int_equal(ind_dataset_reading_count(ds), 8);
    for (i = 0; i < 8; i++) {
        assert_int_equal(ind_dataset_reading(ds, i, &r, &err), IND_OK);
        assert_true(r.value == layout_want[i].value);
        assert_int_equal(r.line, layout_want[i].line);
        assert_int_equal(r.status, layout_want[i].status);
        assert_int_equal(r.role, layout_want[i].role);
        assert_string_equal(r.as_of, layout_want[i].as_of);
        assert_string_equal(r.source, layout_want[i].source);
        assert_string_equal(r.note, layout_want[i].note);
        assert_string_equal(r.unit, "u");
    }
    /* Grouped and in order: no order array, three stretches of lines,
     * five of texts, three marks. */
    expect_series_order(ds, "a", a_order, 6);
    expect_series_order(ds, "b", b_order, 2);
    assert_true(ds->rd.grouped);
    assert_null(ds->order);
    assert_int_equal(ds->rd.lines.count, 3);
    assert_int_equal(ds->rd.texts.count, 5);
    assert_int_equal(ds->rd.nmarks, 3);
    /* An addition to the first series breaks the grouping: the order array
     * appears, and the views stay right; a revision replaces a reading. */
    r.indicator = "a";
    r.entity = "";
    r.year = 2006;
    r.unit = "";
    r.status = 0;
    r.as_of = "";
    r.source = "s3";
    r.note = "";
    r.role = IND_ROLE_NONE;
    assert_int_equal(ind_dataset_add(ds, &r, "9", 0, &err), IND_OK);
    r.year = 2001;
    assert_int_equal(ind_dataset_add(ds, &r, "10", IND_ADD_REVISE, &err),
                     IND_OK);
    assert_false(ds->rd.grouped);
    {
        static const double a_after[] = { 1, 10, 2, 3, 4, 5, 6, 9 };
        ind_series *s = NULL;
        expect_series_order(ds, "a", a_after, 8);
        expect_series_order(ds, "b", b_order, 2);
        assert_non_null(ds->order);   /* built for the views */
        assert_int_equal(ind_dataset_reading(ds, 9, &r, &err), IND_OK);
        assert_int_equal(r.line, 0);   /* not in the file yet */
        assert_int_equal(ind_dataset_series(ds, 0, &s, &err), IND_OK);
        assert_true(ind_series_values(s)[0] == 10);   /* 1 is replaced */
        assert_int_equal(ind_series_length(s), 6);
        ind_series_free(s);
    }
    ind_dataset_free(ds);
    /* The same rows shuffled: one order array, the same series. */
    n = (size_t)snprintf(text, sizeof text, "%s", layout_header);
    for (i = 0; i < 8; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%s",
                              layout_rows[shuffled[i]]);
    put(f->obs, text);
    assert_int_equal(ind_dataset_open(&ds, f->obs, IND_OPEN_READ, &err),
                     IND_OK);
    expect_series_order(ds, "a", a_order, 6);
    expect_series_order(ds, "b", b_order, 2);
    assert_false(ds->rd.grouped);
    assert_non_null(ds->order);
    for (i = 0; i < 8; i++) {
        assert_int_equal(ind_dataset_reading(ds, i, &r, &err), IND_OK);
        assert_true(r.value == layout_want[shuffled[i]].value);
        assert_int_equal(r.status, layout_want[shuffled[i]].status);
        assert_int_equal(r.role, layout_want[shuffled[i]].role);
        assert_string_equal(r.note, layout_want[shuffled[i]].note);
    }
    ind_dataset_free(ds);
}

/* ---- bulletins, carry-over, removals, vintages (issue 10) ---- */

/* A bulletin goes in whole: three figures, one history entry each, the
 * catalog's unit for new rows of a file with a unit column. */
static void test_bulletin(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    char bulletin[128];
    ind_add_summary sum;
    ind_dataset *ds;
    trail t;

    snprintf(bulletin, sizeof bulletin, "%s/b.csv", f->dir);
    put(f->cat, catalog);
    put(f->obs, "indicator,year,value,unit,source\n"
                "lvl,2018,100,standards,a\n");
    put(bulletin, "\xef\xbb\xbfyear,indicator,value,note\r\n"
                  "2019,lvl,110,first\r\n"
                  "2020,lvl,\"1,210\",\r\n"
                  "2020,pct,10%,\r\n");
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(ind_dataset_add_csv(ds, bulletin, NULL, 0, &sum, &err),
                     IND_EDATA);
    /* No source: the place is the first row, after the last column. */
    assert_non_null(strstr(err.message, "b.csv:2:5: "));
    ind_dataset_free(ds);
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    {
        ind_reading d = reading("", 0, "http://example.org/b");
        assert_int_equal(ind_dataset_add_csv(ds, bulletin, &d, 0, &sum, &err),
                         IND_OK);
    }
    assert_int_equal(sum.rows, 3);
    assert_int_equal(sum.added, 3);
    assert_int_equal(ind_dataset_commit(ds, &err), IND_OK);
    ind_dataset_free(ds);
    expect_file(f->obs, "indicator,year,value,unit,source,note\n"
                        "lvl,2018,100,standards,a,\n"
                        "lvl,2019,110,standards,http://example.org/b,first\n"
                        "lvl,2020,1210,standards,http://example.org/b,\n"
                        "pct,2020,10,percent,http://example.org/b,\n");
    read_trail(f->obs, &t);
    assert_int_equal(t.n, 3);
    assert_string_equal(t.action[2], "append");
    assert_string_equal(t.new_value[1], "1210");
}

/* A refused row leaves nothing: the handle that took part of the
 * bulletin refuses to commit. */
static void test_bulletin_all_or_nothing(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    char bulletin[128];
    static const char obs[] = "indicator,year,value,source\nlvl,2018,100,a\n";
    ind_dataset *ds;

    snprintf(bulletin, sizeof bulletin, "%s/b.csv", f->dir);
    put(f->cat, catalog);
    put(f->obs, obs);
    put(bulletin, "indicator,year,value,source\n"
                  "lvl,2019,110,s\n"
                  "lvl,2020,1164,000,s\n");
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(ind_dataset_add_csv(ds, bulletin, NULL, 0, NULL, &err),
                     IND_EPARSE);
    assert_non_null(strstr(err.message, "b.csv:3:5: row has 5 fields"));
    assert_int_equal(err.line, 3);
    assert_int_equal(ind_dataset_commit(ds, &err), IND_EINVAL);
    ind_dataset_free(ds);
    expect_file(f->obs, obs);
    assert_false(exists(f->hist));
    /* A row restating an existing figure, without revise: refused. */
    put(bulletin, "indicator,year,value,source\nlvl,2018,101,s\n");
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(ind_dataset_add_csv(ds, bulletin, NULL, 0, NULL, &err),
                     IND_EEXISTS);
    assert_non_null(strstr(err.message, "b.csv:2:2: "));
    assert_int_equal(err.detail, IND_DETAIL_READING_EXISTS);
    ind_dataset_free(ds);
    expect_file(f->obs, obs);
}

/* What a revision does not restate carries over; status 'A' restates
 * "normal"; a revision without as_of takes the year's only reading. */
static void test_revision_carries_over(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_reading r;

    put(f->cat, catalog);
    put(f->obs, "indicator,year,value,unit,status,as_of,source,note,role\n"
                "lvl,2018,100,standards,P,2018-12,a,first,primary\n"
                "lvl,2018,90,,,2018-06,b,,alternate\n"
                "lvl,2019,110,,E,2019-12-31,c,kept,\n");
    r = reading("lvl", 2018, "http://example.org/new");
    r.as_of = "2018-12";
    add_one(f->obs, &r, "101", IND_ADD_REVISE);
    r = reading("lvl", 2019, "");
    add_one(f->obs, &r, "111", IND_ADD_REVISE);
    expect_file(f->obs,
                "indicator,year,value,unit,status,as_of,source,note,role\n"
                "lvl,2018,101,standards,P,2018-12,http://example.org/new,"
                "first,primary\n"
                "lvl,2018,90,,,2018-06,b,,alternate\n"
                "lvl,2019,111,,E,2019-12-31,c,kept,\n");
    r = reading("lvl", 2019, "d");
    r.status = 'A';
    add_one(f->obs, &r, "112", IND_ADD_REVISE);
    expect_file(f->obs,
                "indicator,year,value,unit,status,as_of,source,note,role\n"
                "lvl,2018,101,standards,P,2018-12,http://example.org/new,"
                "first,primary\n"
                "lvl,2018,90,,,2018-06,b,,alternate\n"
                "lvl,2019,112,,,2019-12-31,d,kept,\n");
    /* 2018 has two readings: a revision must name its date. */
    {
        ind_dataset *ds = open_ok(f->obs, IND_OPEN_WRITE);
        r = reading("lvl", 2018, "e");
        assert_int_equal(ind_dataset_add(ds, &r, "1", IND_ADD_REVISE, &err),
                         IND_EDATA);
        assert_int_equal(err.detail, IND_DETAIL_AMBIGUOUS_READING);
        assert_non_null(strstr(err.message, "lvl 2018 has 2 readings"));
        ind_dataset_free(ds);
    }
}

/* A removal keeps the reading, whole, in the history; a vintage of a day
 * before brings it back, and one of a day before the first entry gives
 * the file as it was. */
static void test_remove_and_vintage(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_dataset *ds;
    ind_reading r;
    size_t at;

    put(f->cat, catalog);
    put(f->obs, "indicator,year,value,unit,source,note\n"
                "lvl,2018,100,standards,a,n1\n"
                "lvl,2019,110,standards,b,n2\n");
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(ind_dataset_remove(ds, "lvl", "", 2019, NULL, "",
                                        &err), IND_EINVAL);
    assert_int_equal(ind_dataset_remove(ds, "lvl", "", 2017, NULL, "why",
                                        &err), IND_ENOTFOUND);
    assert_int_equal(err.detail, IND_DETAIL_NO_READING);
    assert_int_equal(ind_dataset_remove(ds, "lvl", "", 2019, NULL,
                                        "double count", &err), IND_OK);
    assert_int_equal(ind_dataset_commit(ds, &err), IND_OK);
    ind_dataset_free(ds);
    expect_file(f->obs, "indicator,year,value,unit,source,note\n"
                        "lvl,2018,100,standards,a,n1\n");
    /* The history, with its times set to days of 2024 (entries on the
     * 1st of March: an append of 2020 that landed, the removal). */
    put(f->hist, "time,action,indicator,entity,year,as_of,old_value,"
                 "new_value,old_status,new_status,old_source,new_source,"
                 "old_note,new_note,old_role,new_role,old_unit,new_unit,"
                 "reason\n"
                 "2024-02-01T10:00:00Z,revise,lvl,,2018,,99,100,,,z,a,n0,n1,"
                 ",,standards,standards,\n"
                 "2024-03-01T10:00:00Z,remove,lvl,,2019,,110,,,,b,,n2,,,,"
                 "standards,,double count\n");
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_validate(ds, &err), IND_OK);
    ind_dataset_free(ds);
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_vintage(ds, "2024-02-29", &err), IND_OK);
    assert_int_equal(ind_dataset_reading_count(ds), 2);
    assert_int_equal(ind_dataset_find_reading(ds, "lvl", "", 2019, NULL, &at,
                                              &err), IND_OK);
    assert_int_equal(ind_dataset_reading(ds, at, &r, &err), IND_OK);
    assert_true(r.value == 110.0);
    assert_string_equal(r.source, "b");
    assert_string_equal(r.note, "n2");
    assert_string_equal(r.unit, "standards");
    r = reading("lvl", 2020, "x");
    assert_int_equal(ind_dataset_add(ds, &r, "1", 0, &err), IND_EINVAL);
    ind_dataset_free(ds);
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_vintage(ds, "2024-01-31", &err), IND_OK);
    assert_int_equal(ind_dataset_find_reading(ds, "lvl", "", 2018, NULL, &at,
                                              &err), IND_OK);
    assert_int_equal(ind_dataset_reading(ds, at, &r, &err), IND_OK);
    assert_true(r.value == 99.0);
    assert_string_equal(r.source, "z");
    assert_string_equal(r.note, "n0");
    assert_int_equal(ind_dataset_vintage(ds, "2024-01-31", &err), IND_EINVAL);
    ind_dataset_free(ds);
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_vintage(ds, "2024-02-30", &err), IND_EPARSE);
    ind_dataset_free(ds);
}

/* A row deleted by hand, which the history last left present, is an
 * error of validate; one edited by hand a warning. */
static void test_history_against_file(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_dataset *ds;

    put(f->cat, catalog);
    put(f->obs, "indicator,year,value,source\nlvl,2018,100,a\n"
                "lvl,2020,121,s\nlvl,2021,130,s\n");
    /* Three appends on three days; the last one landed, so none is an
     * interrupted write. */
    put(f->hist, "time,action,indicator,entity,year,as_of,old_value,"
                 "new_value,old_status,new_status,old_source,new_source,"
                 "old_note,new_note,old_role,new_role\n"
                 "2024-01-01T10:00:00Z,append,lvl,,2019,,,110,,,,s,,,,\n"
                 "2024-02-01T10:00:00Z,append,lvl,,2020,,,120,,,,s,,,,\n"
                 "2024-03-01T10:00:00Z,append,lvl,,2021,,,130,,,,s,,,,\n");
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_validate(ds, &err), IND_EDATA);
    assert_int_equal(count_diags(ds, IND_SEVERITY_ERROR,
                                 "lvl 2019 (110) is in the history but not "
                                 "in the observations"), 1);
    assert_int_equal(count_diags(ds, IND_SEVERITY_WARNING,
                                 "lvl 2020 holds 121 where the history's "
                                 "last entry about it (line 3) wrote 120"), 1);
    ind_dataset_free(ds);
}

/* IND_OPEN_CREATE: a dataset that does not exist opens empty; its first
 * commit writes the files; released without one it leaves nothing. */
static void test_create(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_indicator ind;
    ind_dataset *ds = NULL;
    ind_reading r;
    char lock[128], ents[128];

    snprintf(lock, sizeof lock, "%s/d.lock", f->dir);
    snprintf(ents, sizeof ents, "%s/d.entities.csv", f->dir);
    assert_int_equal(ind_dataset_open(&ds, f->obs, IND_OPEN_WRITE, &err),
                     IND_ENOTFOUND);
    ind_dataset_free(ds);
    ds = open_ok(f->obs, IND_OPEN_WRITE | IND_OPEN_CREATE);
    assert_int_equal(ind_dataset_diagnostic_count(ds), 0);
    ind_dataset_free(ds);
    assert_false(exists(lock));
    assert_false(exists(f->obs));
    ds = open_ok(f->obs, IND_OPEN_WRITE | IND_OPEN_CREATE);
    memset(&ind, 0, sizeof ind);
    ind.id = "SP.POP.TOTL";
    ind.title = "Population, total";
    ind.unit = "";
    ind.years = "1960..";
    ind.kind = IND_KIND_STOCK;
    assert_int_equal(ind_dataset_define(ds, &ind, &err), IND_OK);
    r = reading("SP.POP.TOTL", 2020, "World Bank");
    r.entity = "CHN";
    assert_int_equal(ind_dataset_add(ds, &r, "1411100000", 0, &err), IND_OK);
    assert_int_equal(ind_dataset_set_entity_title(ds, "CHN", "China", &err),
                     IND_OK);
    assert_int_equal(ind_dataset_set_entity_title(ds, "CHN", "China", &err),
                     IND_OK);
    assert_int_equal(ind_dataset_set_entity_title(ds, "CHN", "PRC", &err),
                     IND_EEXISTS);
    assert_int_equal(ind_dataset_commit(ds, &err), IND_OK);
    ind_dataset_free(ds);
    expect_file(f->obs, "indicator,entity,year,value,unit,status,as_of,"
                        "source,note,role\n"
                        "SP.POP.TOTL,CHN,2020,1411100000,,,,World Bank,,\n");
    expect_file(f->cat, "indicator,title,unit,kind,description,growth_of,"
                        "years\n"
                        "SP.POP.TOTL,\"Population, total\",,stock,,,"
                        "1960..\n");
    expect_file(ents, "entity,title\nCHN,China\n");
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_string_equal(ind_dataset_entity_title(ds, "CHN"), "China");
    assert_string_equal(ind_dataset_entity_title(ds, "DEU"), "");
    assert_int_equal(ind_dataset_validate(ds, &err), IND_OK);
    ind_dataset_free(ds);
}

/* Years -9999..9999 load; those outside 1800-2100 (without a declared
 * span) or far from the rest of their series are warnings. */
static void test_year_spans(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_dataset *ds = NULL;

    put(f->cat, "indicator,title,unit,kind,description,years\n"
                "lvl,A level,standards,stock,,\n"
                "pop,People,people,stock,,-10000..2023\n");
    put(f->obs, "indicator,year,value\n"
                "lvl,-9999,1\nlvl,2010,1\nlvl,2011,1\nlvl,2012,1\n"
                "pop,-9999,4000000\npop,1800,1000000000\npop,2023,8e9\n"
                "pop,2024,8.1e9\n");
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_validate(ds, &err), IND_OK);
    assert_int_equal(count_diags(ds, IND_SEVERITY_WARNING,
                                 "year -9999 of lvl is outside 1800-2100"), 1);
    assert_int_equal(count_diags(ds, IND_SEVERITY_WARNING,
                                 "year 2024 of pop is outside the span "
                                 "-10000..2023"), 1);
    ind_dataset_free(ds);
    put(f->obs, "indicator,year,value\n"
                "lvl,2010,1\nlvl,2011,1\nlvl,2012,1\nlvl,2204,1\n");
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_validate(ds, &err), IND_OK);
    assert_int_equal(count_diags(ds, IND_SEVERITY_WARNING,
                                 "year 2204 of lvl is outside"), 1);
    ind_dataset_free(ds);
    put(f->obs, "indicator,year,value\n"
                "lvl,1950,1\nlvl,2010,1\nlvl,2011,1\nlvl,2012,1\n");
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_validate(ds, &err), IND_OK);
    assert_int_equal(count_diags(ds, IND_SEVERITY_WARNING,
                                 "year 1950 of lvl is 60 years before"), 1);
    ind_dataset_free(ds);
    put(f->cat, "indicator,title,unit,kind,description,years\n"
                "lvl,A level,standards,stock,,2000..1999\n");
    ds = NULL;
    assert_int_equal(ind_dataset_open(&ds, f->obs, IND_OPEN_READ, &err),
                     IND_EPARSE);
    assert_non_null(strstr(err.message, "d.indicators.csv:2:6: "));
    ind_dataset_free(ds);
}

/* The natural way to revise through the API: copy a reading, give it a
 * long new source, add it back with IND_ADD_REVISE. The copy's texts point
 * into the dataset's string pool, which interning the source moves; once
 * they were read after the move (issue 13, defect 1: a use after free;
 * without the sanitizers, "note '??q???' is refused: invalid UTF-8"). The
 * same with a definition of an indicator the catalog lacks, and with an
 * entity's title. */
static void test_revise_copied_reading(void **state)
{
    fx *f = *state;
    ind_error err = IND_ERROR_INIT;
    ind_dataset *ds;
    ind_reading r;
    ind_indicator ind;
    size_t i, at, n = 60000;
    char *source = malloc(n + 1), *got;

    assert_non_null(source);
    memset(source, 's', n);
    source[n] = '\0';
    put(f->obs, "indicator,entity,year,value,as_of,source,note\n"
                "lvl,CN,2020,1,2020-06,a,first note\n"
                "lvl,CN,2021,2,,b,\n");
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(ind_dataset_reading(ds, 0, &r, NULL), IND_OK);
    r.source = source;
    r.value = 1.5;
    if (ind_dataset_add(ds, &r, NULL, IND_ADD_REVISE, &err) != IND_OK)
        fail_msg("revise of a copied reading: %s", err.message);
    /* An inferred indicator, copied and defined with a long title. */
    assert_int_equal(ind_dataset_find_indicator(ds, "lvl", &at, NULL), IND_OK);
    assert_int_equal(ind_dataset_indicator(ds, at, &ind, NULL), IND_OK);
    ind.title = source + n - 30000;
    ind.unit = "items";
    ind.kind = IND_KIND_STOCK;
    if (ind_dataset_define(ds, &ind, &err) != IND_OK)
        fail_msg("define of a copied indicator: %s", err.message);
    /* An entity code taken from a copied reading, titled at length. */
    assert_int_equal(ind_dataset_reading(ds, 1, &r, NULL), IND_OK);
    if (ind_dataset_set_entity_title(ds, r.entity, source + n - 20000, &err)
            != IND_OK)
        fail_msg("title of a copied entity: %s", err.message);
    assert_int_equal(ind_dataset_commit(ds, &err), IND_OK);
    ind_dataset_free(ds);

    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_reading_count(ds), 2);
    for (i = 0; i < 2; i++) {
        assert_int_equal(ind_dataset_reading(ds, i, &r, NULL), IND_OK);
        if (r.year != 2020)
            continue;
        assert_string_equal(r.entity, "CN");
        assert_string_equal(r.as_of, "2020-06");
        assert_string_equal(r.note, "first note");
        assert_string_equal(r.source, source);
        assert_true(r.value == 1.5);
    }
    assert_int_equal(ind_dataset_find_indicator(ds, "lvl", &at, NULL), IND_OK);
    assert_int_equal(ind_dataset_indicator(ds, at, &ind, NULL), IND_OK);
    assert_string_equal(ind.title, source + n - 30000);
    assert_true(ind.declared);
    ind_dataset_free(ds);
    got = slurp(f->hist, NULL);
    assert_non_null(strstr(got, ",revise,lvl,CN,2020,2020-06,1,1.5,"));
    free(got);
    free(source);
}

/* The catalog's source_name: read, given to a definition, and written as
 * a column only when a definition has one. */
static void test_source_names(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    ind_dataset *ds;
    ind_indicator ind;
    char *cat;
    size_t at;

    put(f->cat, "indicator,title,unit,kind,description,source_name\n"
                "lvl,A level,standards,stock,,SAMR; CNCA\n");
    put(f->obs, "indicator,year,value\nlvl,2018,100\n");
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_find_indicator(ds, "lvl", &at, NULL), IND_OK);
    assert_int_equal(ind_dataset_indicator(ds, at, &ind, NULL), IND_OK);
    assert_string_equal(ind.source_name, "SAMR; CNCA");
    ind_dataset_free(ds);
    /* A definition without one adds no such column; with one, the
     * column joins the header. */
    put(f->cat, "indicator,title,unit,kind,description\n"
                "lvl,A level,standards,stock,\n");
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    memset(&ind, 0, sizeof ind);
    ind.id = "plain";
    ind.title = "Plain";
    ind.unit = "standards";
    ind.kind = IND_KIND_STOCK;
    assert_int_equal(ind_dataset_define(ds, &ind, &err), IND_OK);
    assert_int_equal(ind_dataset_commit(ds, &err), IND_OK);
    ind_dataset_free(ds);
    cat = slurp(f->cat, NULL);
    assert_null(strstr(cat, "source_name"));
    free(cat);
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    ind.id = "named";
    ind.source_name = "CCAA";
    assert_int_equal(ind_dataset_define(ds, &ind, &err), IND_OK);
    assert_int_equal(ind_dataset_commit(ds, &err), IND_OK);
    ind_dataset_free(ds);
    cat = slurp(f->cat, NULL);
    assert_non_null(strstr(cat, ",growth_of,source_name\n"));
    assert_non_null(strstr(cat, "\nnamed,"));
    assert_non_null(strstr(cat, ",CCAA\n"));
    free(cat);
    ds = open_ok(f->obs, IND_OPEN_READ);
    assert_int_equal(ind_dataset_find_indicator(ds, "named", &at, NULL),
                     IND_OK);
    assert_int_equal(ind_dataset_indicator(ds, at, &ind, NULL), IND_OK);
    assert_string_equal(ind.source_name, "CCAA");
    ind_dataset_free(ds);
    /* It is text like the others: a formula start is refused. */
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    memset(&ind, 0, sizeof ind);
    ind.id = "bad";
    ind.title = "Bad";
    ind.unit = "standards";
    ind.kind = IND_KIND_STOCK;
    ind.source_name = "=HYPERLINK(1)";
    assert_int_not_equal(ind_dataset_define(ds, &ind, &err), IND_OK);
    ind_dataset_free(ds);
}

/* An import defines what the catalog lacks from the file: a WDI
 * "(annual %)" growth code is a rate in percent; the same file again
 * changes nothing; a changed figure is a revision. (Figures made up.) */
static void test_import_wdi_rate(void **state)
{
    ind_error err = IND_ERROR_INIT;
    fx *f = *state;
    char wdi[128];
    ind_import_summary sum;
    ind_indicator ind;
    ind_dataset *ds;
    size_t at;
    static const char head[] =
        "\xef\xbb\xbf\"Data Source\",\"World Development Indicators\",\n\n"
        "\"Last Updated Date\",\"2024-06-28\",\n\n"
        "\"Country Name\",\"Country Code\",\"Indicator Name\",\"Indicator "
        "Code\",\"2021\",\"2022\",\n";

    snprintf(wdi, sizeof wdi, "%s/API_X.csv", f->dir);
    put(f->cat, catalog);
    put(f->obs, "indicator,year,value,source\nlvl,2018,100,a\n");
    {
        char text[1024];
        snprintf(text, sizeof text, "%s\"China\",\"CHN\",\"GDP growth "
                 "(annual %%)\",\"NY.GDP.MKTP.KD.ZG\",\"8.4\",\"3\",\n", head);
        put(wdi, text);
    }
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(ind_dataset_import(ds, IND_IMPORT_WDI, wdi, NULL, &sum,
                                        &err), IND_OK);
    assert_int_equal(sum.added, 2);
    assert_int_equal(sum.indicators_defined, 1);
    assert_int_equal(sum.entities_titled, 1);
    assert_int_equal(ind_dataset_commit(ds, &err), IND_OK);
    ind_dataset_free(ds);
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(ind_dataset_find_indicator(ds, "NY.GDP.MKTP.KD.ZG", &at,
                                                &err), IND_OK);
    assert_int_equal(ind_dataset_indicator(ds, at, &ind, &err), IND_OK);
    assert_int_equal(ind.kind, IND_KIND_RATE);
    assert_string_equal(ind.unit, "percent");
    assert_string_equal(ind_dataset_entity_title(ds, "CHN"), "China");
    assert_int_equal(ind_dataset_import(ds, IND_IMPORT_WDI, wdi, NULL, &sum,
                                        &err), IND_OK);
    assert_int_equal(sum.unchanged, 2);
    assert_int_equal(sum.added + sum.revised, 0);
    ind_dataset_free(ds);
    {
        char text[1024];
        snprintf(text, sizeof text, "%s\"China\",\"CHN\",\"GDP growth "
                 "(annual %%)\",\"NY.GDP.MKTP.KD.ZG\",\"8.5\",\"x\",\n", head);
        put(wdi, text);
    }
    ds = open_ok(f->obs, IND_OPEN_WRITE);
    assert_int_equal(ind_dataset_import(ds, IND_IMPORT_WDI, wdi, NULL, &sum,
                                        &err), IND_EPARSE);
    assert_non_null(strstr(err.message, "API_X.csv:6:6: "));
    ind_dataset_free(ds);
}

#define T(name) cmocka_unit_test_setup_teardown(name, fx_setup, fx_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shipped),
        T(test_open_errors),
        T(test_paths),
        T(test_no_catalog),
        T(test_unknown_columns_kept),
        T(test_revise_keeps_unknown_values),
        T(test_crlf_stays_crlf),
        T(test_no_final_newline),
        T(test_bom_kept),
        T(test_add_missing_column),
        T(test_new_series_and_entity),
        T(test_choice_rule),
        T(test_conflicts),
        T(test_add_refuses_new_tie),
        T(test_rate_percent),
        T(test_locale_independence),
        T(test_add_value_without_text),
        T(test_refusals_change_nothing),
        T(test_read_only_and_commit_once),
        T(test_malformed_takes_no_change),
        T(test_revise_and_history),
        T(test_revise_copied_reading),
        T(test_history_reconciliation),
        T(test_define),
        T(test_lock),
        T(test_stale_temporaries),
        T(test_changed_on_disk),
        T(test_unreadable_history_blocks_writes),
        T(test_row_errors_all_reported),
        T(test_repeated_rows_same_as_full_path),
        T(test_csv_reader_positions),
        T(test_csv_split_and_write),
        T(test_bulletin),
        T(test_bulletin_all_or_nothing),
        T(test_revision_carries_over),
        T(test_remove_and_vintage),
        T(test_history_against_file),
        T(test_create),
        T(test_year_spans),
        T(test_source_names),
        T(test_import_wdi_rate),
        cmocka_unit_test(test_strpool),
        cmocka_unit_test(test_index_map),
        T(test_atomic_file),
        T(test_reading_layout),
    };
    ind_library_init();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
