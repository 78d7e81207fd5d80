/* Unit tests of the CSV reader (csvfile.c and its fast path, csvfile_fast.c):
 * both paths give the same rows, the same positions and the same errors.
 *
 * - Every CSV file of the test suite (tests/data/ and datasets/, the 53
 *   malformed datasets included) is read both ways, with the fast path
 *   and with IND_CSV_STRICT_ONLY (libcsv for every row): the rows (index,
 *   line, byte offset and length, every field's bytes), the file facts
 *   (BOM, CRLF, final newline, size, rows) and the return code and message
 *   must be identical.
 * - So must they for inputs made here to probe the fast path's edges: CR LF,
 *   a lone CR, a CR at the end of the file and at the end of a read chunk,
 *   blank lines, no final newline, a BOM, empty fields, quotes, control
 *   characters, DEL, NUL, UTF-8 and invalid bytes, fields and rows over the
 *   size limits, and a 3 MiB file of mixed rows that cross the reader's
 *   1 MiB reads at every kind of byte.
 * - Every observations file of the suite is opened as a dataset both ways
 *   (IND_OPEN_CSV_STRICT_ONLY): the same return code and message, the same
 *   diagnostics, the same readings, before and after validation.
 * The test fails if the fast path read too few rows to mean anything. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "csvfile.h"
#include "dataset_internal.h"
#include "indicators/dataset.h"

/* The reader's read size (csvfile.c), for inputs that straddle it. */
#define READ_CHUNK (1024u * 1024u)

/* ---- growing text ---- */

typedef struct text {
    char *s;
    size_t len, cap;
} text;

static void put(text *t, const void *bytes, size_t n)
{
    if (t->len + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 256;
        while (cap < t->len + n + 1)
            cap *= 2;
        t->s = realloc(t->s, cap);
        assert_non_null(t->s);
        t->cap = cap;
    }
    memcpy(t->s + t->len, bytes, n);
    t->len += n;
    t->s[t->len] = '\0';
}

static void putf(text *t, const char *fmt, ...)
{
    char buf[512];
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    assert_true(n >= 0 && (size_t)n < sizeof buf);
    put(t, buf, (size_t)n);
}

/* ---- reading a file both ways ---- */

typedef struct capture {
    text rows;
    size_t plain;
} capture;

/* Every fact of a row, and its fields' bytes; the fields must be
 * NUL-terminated at their length. */
static int on_row(void *ctx, const ind_csv_row *row, ind_error *err)
{
    capture *c = ctx;
    size_t i;

    (void)err;
    putf(&c->rows, "row %zu line %lu at %llu+%llu, %zu fields:", row->index,
         row->line, (unsigned long long)row->offset,
         (unsigned long long)row->length, row->count);
    for (i = 0; i < row->count; i++) {
        assert_int_equal(row->field[i][row->field_len[i]], '\0');
        /* Fields one after another (the loader compares runs of them). */
        if (i + 1 < row->count)
            assert_ptr_equal(row->field[i + 1],
                             row->field[i] + row->field_len[i] + 1);
        putf(&c->rows, " [%zu]", row->field_len[i]);
        put(&c->rows, row->field[i], row->field_len[i]);
    }
    put(&c->rows, "\n", 1);
    c->plain += row->plain != 0;
    return IND_OK;
}

static size_t fast_rows_total, files_read;

/* Read 'path' both ways; everything must agree. */
static void read_both(const char *path)
{
    capture fast = { { NULL, 0, 0 }, 0 }, strict = { { NULL, 0, 0 }, 0 };
    ind_csv_info fi, si;
    ind_error fe = IND_ERROR_INIT, se = IND_ERROR_INIT;
    int frc, src;

    frc = ind_csv_read_with(path, NULL, 0, on_row, &fast, &fi, &fe);
    src = ind_csv_read_with(path, NULL, IND_CSV_STRICT_ONLY, on_row, &strict,
                            &si, &se);
    if (frc != src)
        fail_msg("%s: fast path %d, strict %d (%s | %s)", path, frc, src,
                 fe.message, se.message);
    if (frc != IND_OK && strcmp(fe.message, se.message) != 0)
        fail_msg("%s: fast path says '%s', strict '%s'", path, fe.message,
                 se.message);
    assert_int_equal(fe.line, se.line);
    assert_int_equal(fe.column, se.column);
    assert_int_equal(fi.has_bom, si.has_bom);
    assert_int_equal(fi.crlf, si.crlf);
    assert_int_equal(fi.ends_with_newline, si.ends_with_newline);
    assert_int_equal(fi.size, si.size);
    assert_int_equal(fi.rows, si.rows);
    if (fast.rows.len != strict.rows.len ||
        (fast.rows.len && memcmp(fast.rows.s, strict.rows.s,
                                 fast.rows.len) != 0))
        fail_msg("%s: the rows differ:\n--- fast\n%.2000s\n--- strict\n"
                 "%.2000s", path, fast.rows.s ? fast.rows.s : "",
                 strict.rows.s ? strict.rows.s : "");
    assert_int_equal(strict.plain, 0);
    fast_rows_total += fast.plain;
    files_read++;
    free(fast.rows.s);
    free(strict.rows.s);
}

/* ---- loading a dataset both ways ---- */

static void describe_dataset(const ind_dataset *ds, text *t)
{
    size_t i;

    putf(t, "%zu readings, %zu indicators, %zu series\n",
         ind_dataset_reading_count(ds), ind_dataset_indicator_count(ds),
         ind_dataset_series_count(ds));
    for (i = 0; i < ind_dataset_diagnostic_count(ds); i++) {
        const ind_diagnostic *d = ind_dataset_diagnostic(ds, i);
        putf(t, "diag %d %s:%lu:%u: ", (int)d->severity, d->path, d->line,
             d->column);
        put(t, d->message, strlen(d->message));
        put(t, "\n", 1);
    }
    for (i = 0; i < ind_dataset_reading_count(ds); i++) {
        ind_reading r;
        assert_int_equal(ind_dataset_reading(ds, i, &r, NULL), IND_OK);
        putf(t, "reading %s|%s|%d|%a|%s|%d|%s|%d|%lu|", r.indicator, r.entity,
             r.year, r.value, r.unit, r.status, r.as_of, (int)r.role, r.line);
        put(t, r.source, strlen(r.source));
        put(t, "|", 1);
        put(t, r.note, strlen(r.note));
        put(t, "\n", 1);
    }
    for (i = 0; i < ind_dataset_indicator_count(ds); i++) {
        ind_indicator x;
        assert_int_equal(ind_dataset_indicator(ds, i, &x, NULL), IND_OK);
        putf(t, "indicator %s|%s|%s|%d|%d\n", x.id, x.title, x.unit,
             (int)x.kind, x.declared);
    }
}

static size_t datasets_opened;

/* Open the dataset 'path' both ways, then validate both. */
static void load_both(const char *path)
{
    ind_dataset *a = NULL, *b = NULL;
    ind_error ea = IND_ERROR_INIT, eb = IND_ERROR_INIT;
    text ta = { NULL, 0, 0 }, tb = { NULL, 0, 0 };
    int ra, rb;

    ra = ind_dataset_open(&a, path, IND_OPEN_READ, &ea);
    rb = ind_dataset_open(&b, path, IND_OPEN_READ | IND_OPEN_CSV_STRICT_ONLY,
                          &eb);
    if (ra != rb || strcmp(ea.message, eb.message) != 0)
        fail_msg("%s: opened %d '%s' with the fast path, %d '%s' without",
                 path, ra, ea.message, rb, eb.message);
    if (a == NULL || b == NULL) {
        assert_true(a == NULL && b == NULL);
        return;
    }
    if (ra == IND_OK) {
        ind_error va = IND_ERROR_INIT, vb = IND_ERROR_INIT;
        assert_int_equal(ind_dataset_validate(a, &va),
                         ind_dataset_validate(b, &vb));
        assert_string_equal(va.message, vb.message);
    }
    describe_dataset(a, &ta);
    describe_dataset(b, &tb);
    if (ta.len != tb.len || memcmp(ta.s, tb.s, ta.len) != 0)
        fail_msg("%s: the datasets differ:\n--- fast\n%.3000s\n--- strict\n"
                 "%.3000s", path, ta.s, tb.s);
    datasets_opened++;
    free(ta.s);
    free(tb.s);
    ind_dataset_free(a);
    ind_dataset_free(b);
}

/* ---- the files of the suite ---- */

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);

    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* Every *.csv under dir, depth first, in name order. */
static void walk(const char *dir, void (*fn)(const char *path))
{
    struct dirent **names = NULL;
    int n = scandir(dir, &names, NULL, alphasort), i;

    assert_true(n >= 0);
    for (i = 0; i < n; i++) {
        char path[4096];
        struct stat st;
        if (names[i]->d_name[0] == '.') {
            free(names[i]);
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", dir, names[i]->d_name);
        free(names[i]);
        assert_int_equal(stat(path, &st), 0);
        if (S_ISDIR(st.st_mode))
            walk(path, fn);
        else if (ends_with(path, ".csv"))
            fn(path);
    }
    free(names);
}

static void load_if_observations(const char *path)
{
    if (!ends_with(path, ".indicators.csv") && !ends_with(path, ".history.csv"))
        load_both(path);
}

static void test_suite_files(void **state)
{
    (void)state;
    files_read = fast_rows_total = 0;
    walk(IND_TEST_DATA_DIR, read_both);
    walk(IND_SOURCE_DIR "/datasets", read_both);
    assert_true(files_read >= 80);
    assert_true(fast_rows_total >= 1000);
}

static void test_suite_datasets(void **state)
{
    (void)state;
    datasets_opened = 0;
    walk(IND_TEST_DATA_DIR, load_if_observations);
    walk(IND_SOURCE_DIR "/datasets", load_if_observations);
    assert_true(datasets_opened >= 50);
}

/* ---- made inputs ---- */

static char tmpdir[256];

static void write_file(const char *path, const char *bytes, size_t n)
{
    FILE *f = fopen(path, "wb");

    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, n, f), n);
    assert_int_equal(fclose(f), 0);
}

/* Write bytes[0..n) as a file and read it both ways; as a dataset too. */
static void both_ways(const char *bytes, size_t n)
{
    char path[512];

    snprintf(path, sizeof path, "%s/case.csv", tmpdir);
    write_file(path, bytes, n);
    read_both(path);
    load_both(path);
    remove(path);
}

#define BOTH(literal) both_ways(literal, sizeof literal - 1)

static void test_edges(void **state)
{
    static const char header[] = "indicator,year,value,as_of,source,note\n";
    text big = { NULL, 0, 0 };
    size_t i;

    (void)state;
    BOTH("");
    BOTH("\n");
    BOTH("\r\n");
    BOTH("\n\n\nindicator,year,value\n\nx,2020,1\n\n");
    BOTH("indicator,year,value\nx,2020,1\n");
    BOTH("indicator,year,value\r\nx,2020,1\r\n");
    BOTH("indicator,year,value\r\nx,2020,1\r\n\r\nx,2021,2");
    BOTH("indicator,year,value\nx,2020,1");
    BOTH("indicator,year,value\nx,2020,1\r");
    BOTH("indicator,year,value\nx,2020\r,1\n");
    BOTH("indicator,year,value\nx,2020,1\rx,2021,2\n");
    BOTH("\xEF\xBB\xBFindicator,year,value\nx,2020,1\n");
    BOTH("\xEF\xBB\xBF");
    BOTH("indicator,year,value\n,,\n,\nx,,\n");
    BOTH("indicator,year,value\nx,2020,1,\n");
    BOTH("indicator,year,value\n\"x\",2020,1\n");
    BOTH("indicator,year,value\nx\"y,2020,1\n");
    BOTH("indicator,year,value,note\nx,2020,1,\"a\nb\"\nx,2021,2,\n");
    BOTH("indicator,year,value\nx,2020,\"1\n");
    BOTH("indicator,year,value\nx,2020,1\x7f\n");
    BOTH("indicator,year,value\nx,2020,\t1\n");
    BOTH("indicator,year,value\nx,2020,\x01\n");
    BOTH("indicator,year,value\nx\0y,2020,1\n");
    BOTH("indicator,year,value,note\nx,2020,1,\xc3\xa9t\xc3\xa9\n");
    BOTH("indicator,year,value,note\nx,2020,1,\xff\n");
    BOTH("indicator,year,value,note\nx,2020,1,\xe2\x80\xa8\n");
    BOTH("indicator,year,value\nx, 2020 ,1 \n");
    BOTH("indicator,year,value,note\nx,2020,1,=cmd\nx,2021,2,@a\n");
    BOTH("indicator,year,value\nx,2020,1\nx,2020,1\n");
    /* A field over the 64 KiB limit, a plain row just under it, a row
     * over 1 MiB. */
    put(&big, header, sizeof header - 1);
    put(&big, "x,2020,1,,,", 11);
    for (i = 0; i < 70000; i++)
        put(&big, "a", 1);
    put(&big, "\n", 1);
    both_ways(big.s, big.len);
    big.len = 0;
    put(&big, header, sizeof header - 1);
    put(&big, "x,2020,1,,", 10);
    for (i = 0; i < 65000; i++)
        put(&big, i % 1000 == 999 ? "," : "a", 1);
    put(&big, "\nx,2021,2,,,\n", 13);
    both_ways(big.s, big.len);
    big.len = 0;
    put(&big, header, sizeof header - 1);
    for (i = 0; i < 1100000; i++)
        put(&big, i % 60000 == 59999 ? "," : "b", 1);
    put(&big, "\n", 1);
    both_ways(big.s, big.len);
    free(big.s);
}

/* xorshift64*: a fixed sequence. */
static uint64_t next_bits(uint64_t *s)
{
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 2685821657736338717u;
}

/* 3 MiB of rows of every kind, and files whose read chunks end on a CR,
 * inside a quoted field and on a row end. */
static void test_chunks(void **state)
{
    static const char *const kinds[] = {
        "s%06u,%u,%u.%u,,,\n", "s%06u,%u,%u.%u,,,\r\n",
        "\"s%06u\",%u,%u.%u,,,\n", "s%06u,%u,%u.%u,,\"a,b\nc\",\n",
        "s%06u,%u,%u.%u,,,caf\xc3\xa9\n", "\n", "s%06u,%u,%u.%u,,,x\"\n",
    };
    static const char header[] = "indicator,year,value,as_of,source,note\n";
    uint64_t seed = 42;
    text t = { NULL, 0, 0 };
    size_t pad, k;

    (void)state;
    put(&t, header, sizeof header - 1);
    while (t.len < 3u * READ_CHUNK) {
        uint64_t r = next_bits(&seed);
        unsigned kind = (unsigned)(r % 100);
        kind = kind < 80 ? 0 : kind < 86 ? 1 : kind < 90 ? 2 : kind < 93 ? 3
             : kind < 96 ? 4 : kind < 99 ? 5 : 6;
        putf(&t, kinds[kind], (unsigned)(r >> 8) % 5000,
             1950 + (unsigned)(r >> 24) % 70, (unsigned)(r >> 32) % 100000,
             (unsigned)(r >> 50) % 1000);
    }
    both_ways(t.s, t.len);
    /* The byte at the end of the first read: CR of a CR LF, CR alone, the
     * quote of a field and the LF of a row, after plain rows that fill the
     * read up to it (the last of them padded to land it there). */
    for (k = 0; k < 4; k++) {
        static const char *const ends[] = { "\r\nx,2021,2,,,\n",
                                            "\rx,2021,2,,,\n",
                                            "\"q\nr\",2021,2,,,\n",
                                            "\nx,2021,2,,,\n" };
        t.len = 0;
        put(&t, header, sizeof header - 1);
        while (t.len + 2 * 16 < READ_CHUNK - 1)
            put(&t, "x,2020,1,,,pad\n", 15);
        put(&t, "x,2020,1,,,", 11);
        pad = READ_CHUNK - 1 - t.len;
        while (pad-- > 0)
            put(&t, "n", 1);
        put(&t, ends[k], strlen(ends[k]));
        assert_int_equal(t.s[READ_CHUNK - 1], ends[k][0]);
        both_ways(t.s, t.len);
    }
    free(t.s);
}

static int setup(void **state)
{
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/test_csvfile.XXXXXX");
    return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    return rmdir(tmpdir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suite_files),
        cmocka_unit_test(test_suite_datasets),
        cmocka_unit_test(test_edges),
        cmocka_unit_test(test_chunks),
    };

    ind_library_init();
    return cmocka_run_group_tests(tests, setup, teardown);
}
