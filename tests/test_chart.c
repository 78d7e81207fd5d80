/* Unit tests of the chart module: the script text (structure, escaping,
 * layout decisions) and real renders with the external gnuplot (PNG size,
 * SVG well-formed, PDF signature, texts drawn exactly, hostile texts inert).
 *
 * References, none produced by this code:
 * - tests/data/chart/reference.txt, made by make_reference.sh with
 *   coreutils sha256sum (the digest of fixture.csv a header must quote)
 *   and awk (year-on-year labels and index values of certification_bodies);
 * - figures of the shipped dataset as the brief quotes them
 *   (association_standards_cumulative, certification_bodies,
 *   valid_certificates), written out below;
 * - axis steps and wrapped lines worked out by hand in the comments.
 * Every test that writes files does so in its own temporary folder. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "indicators/chart.h"
#include "indicators/version.h"
#include "chart_internal.h"

#define DATA IND_TEST_DATA_DIR "/chart"
#define CREATED ((time_t)1700000000) /* 2023-11-14T22:13:20Z */
#define FIXTURE_SHA "1c28556b5386cc0aa8437bef87668d599b2fe87d0faa3ca7264119f5af799c1c"

/* ---- Figures from the shipped dataset --------------------------------- */

static const int bodies_years[] = { 2018, 2019, 2020, 2021, 2022, 2023, 2024,
                                    2025 };
static const double bodies_values[] = { 481, 596, 724, 932, 1128, 1242, 1230,
                                        1214 };
/* A projection for the drawing only (its numbers are not under test). */
static const int proj_years[] = { 2026, 2027, 2028, 2029, 2030 };
static const double proj_mean[] = { 1300, 1350, 1400, 1450, 1500 };
static const double proj_lo80[] = { 1250, 1270, 1290, 1300, 1310 };
static const double proj_hi80[] = { 1350, 1430, 1510, 1600, 1690 };
static const double proj_lo95[] = { 1220, 1230, 1220, 1200, 1180 };
static const double proj_hi95[] = { 1380, 1470, 1580, 1700, 1820 };

/* Set interval j of a projection, and count it. */
static void set_band(ind_chart_projection *p, size_t j, double level,
                     const double *lower, const double *upper)
{
    p->bands[j].level = level;
    p->bands[j].lower = lower;
    p->bands[j].upper = upper;
    if (p->nbands < j + 1)
        p->nbands = j + 1;
}

static const int assoc_years[] = { 2017, 2019, 2022, 2023 };
static const double assoc_values[] = { 1991, 12195, 51078, 74240 };

static const int certs_years[] = { 2018, 2019, 2020, 2021, 2022, 2023, 2024 };
static const double certs_values[] = { 1937000, 1970000, 2701200, 3020000,
                                       3366000, 3760000, 4158000 };
/* 2019 is a March reading. */
static const ind_chart_mark certs_marks[] = {
    IND_CHART_MARK_NORMAL, IND_CHART_MARK_PARTIAL, IND_CHART_MARK_NORMAL,
    IND_CHART_MARK_NORMAL, IND_CHART_MARK_NORMAL, IND_CHART_MARK_NORMAL,
    IND_CHART_MARK_NORMAL
};

/* ---- Helpers ------------------------------------------------------------ */

static int make_dir(void **state)
{
    char *dir = malloc(64);

    if (dir == NULL)
        return -1;
    snprintf(dir, 64, "/tmp/ind_chart_XXXXXX");
    if (mkdtemp(dir) == NULL) {
        free(dir);
        return -1;
    }
    *state = dir;
    return 0;
}

static int remove_dir(void **state)
{
    char *dir = *state, path[512];
    struct dirent *e;
    DIR *d = opendir(dir);

    while (d != NULL && (e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    if (d != NULL)
        closedir(d);
    rmdir(dir);
    free(dir);
    return 0;
}

static void join(char *buf, size_t size, const char *dir, const char *name)
{
    snprintf(buf, size, "%s/%s", dir, name);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len != NULL)
        *len = (size_t)n;
    return buf;
}

static int exists(const char *path)
{
    struct stat st;

    return stat(path, &st) == 0;
}

/* Names in a folder, other than . and .., joined by spaces, sorted. */
static void list_dir(char *buf, size_t size, const char *dir)
{
    char names[32][128];
    struct dirent *e;
    DIR *d = opendir(dir);
    int n = 0, i, j;

    buf[0] = '\0';
    while (d != NULL && (e = readdir(d)) != NULL && n < 32) {
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            snprintf(names[n++], 128, "%.100s", e->d_name);
    }
    if (d != NULL)
        closedir(d);
    for (i = 1; i < n; i++)
        for (j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
            char t[128];
            memcpy(t, names[j], 128);
            memcpy(names[j], names[j - 1], 128);
            memcpy(names[j - 1], t, 128);
        }
    for (i = 0; i < n; i++) {
        strncat(buf, names[i], size - strlen(buf) - 2);
        if (i + 1 < n)
            strncat(buf, " ", size - strlen(buf) - 1);
    }
}

static ind_chart *new_chart(ind_chart_kind kind, int base_year)
{
    static const char *const argv[] = { "indicators", "chart",
                                        "certification_bodies", "-o",
                                        "plots/x y.gp" };
    ind_chart_options o = IND_CHART_OPTIONS_INIT;
    ind_error err = IND_ERROR_INIT;
    ind_chart *c = NULL;

    o.kind = kind;
    o.base_year = base_year;
    o.created = CREATED;
    o.dataset_path = "datasets/china-standardization.csv";
    o.dataset_sha256 = FIXTURE_SHA;
    o.argc = 5;
    o.argv = argv;
    assert_int_equal(ind_chart_new(&c, &o, &err), IND_OK);
    return c;
}

static void add_series(ind_chart *c, const char *name, const char *unit,
                       size_t n, const int *years, const double *values,
                       const ind_chart_mark *marks, int projected)
{
    static const char *const sources[] = { "CNCA statistical bulletins",
                                           "SAMR press releases" };
    ind_chart_series s = IND_CHART_SERIES_INIT;
    ind_error err = IND_ERROR_INIT;

    s.name = name;
    s.unit = unit;
    s.length = n;
    s.years = years;
    s.values = values;
    s.marks = marks;
    s.sources = sources;
    s.n_sources = 2;
    if (projected) {
        s.projection.model = "linear trend";
        s.projection.length = 5;
        s.projection.years = proj_years;
        s.projection.mean = proj_mean;
        set_band(&s.projection, 0, 80, proj_lo80, proj_hi80);
        set_band(&s.projection, 1, 95, proj_lo95, proj_hi95);
    }
    assert_int_equal(ind_chart_add(c, &s, &err), IND_OK);
}

static void add_bodies(ind_chart *c, int projected)
{
    static const ind_chart_mark marks[] = { 0, 0, 0, 0, 0, 0,
                                            IND_CHART_MARK_ESTIMATED, 0 };
    add_series(c, "Certification bodies", "organisations", 8, bodies_years,
               bodies_values, marks, projected);
}

static void add_assoc(ind_chart *c)
{
    add_series(c, "Association standards", "standards", 4, assoc_years,
               assoc_values, NULL, 0);
}

static void add_certs(ind_chart *c)
{
    add_series(c, "Valid certificates", "certificates", 7, certs_years,
               certs_values, certs_marks, 0);
}

/* The script as text. */
static char *script_of(const ind_chart *c)
{
    ind_error err = IND_ERROR_INIT;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    assert_non_null(f);
    assert_int_equal(ind_chart_write_stream(c, f, &err), IND_OK);
    fclose(f);
    return buf;
}

/* The lines between "$name << IND_END_OF_DATA" and the terminator. */
static char *datablock(const char *script, const char *name)
{
    char head[64];
    const char *start, *end;
    char *out;

    snprintf(head, sizeof head, "%s << IND_END_OF_DATA\n", name);
    start = strstr(script, head);
    assert_non_null(start);
    start += strlen(head);
    end = strstr(start, "\nIND_END_OF_DATA\n");
    assert_non_null(end);
    out = strndup(start, (size_t)(end - start) + 1);
    assert_non_null(out);
    return out;
}

/* ---- A small gnuplot lexer: the script's structure -------------------- */

typedef struct structure {
    int blocks;        /* datablocks */
    int rows;          /* data rows in them */
    char *strings;     /* every double-quoted string's text, unescaped,
                          each followed by '\n' */
    size_t len, cap;
    char *code;        /* every line's text outside strings and comments */
    size_t clen, ccap;
} structure;

static void grow_append(char **buf, size_t *len, size_t *cap, const char *s,
                        size_t n)
{
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *buf = realloc(*buf, *cap);
        assert_non_null(*buf);
    }
    memcpy(*buf + *len, s, n);
    *len += n;
    (*buf)[*len] = '\0';
}

/* A data row: numbers written by the library, separated by spaces. */
static void check_data_row(const char *line, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        assert_non_null(strchr("0123456789.-+eENa ", line[i]));
    assert_true(n == 0 || strchr("0123456789-N", line[0]) != NULL);
}

/* Lex one line of code (not data, not a whole-line comment). Strings do
 * not span lines; outside them there is no backtick; a comment never ends
 * in a backslash (it would swallow the next line). */
static void lex_code_line(structure *st, const char *line, size_t n)
{
    size_t i = 0;
    char c;

    while (i < n && line[i] == ' ')
        i++;
    assert_true(i == n || line[i] != '!'); /* a shell escape */
    while (i < n) {
        c = line[i];
        if (c == '`')
            fail_msg("backtick outside a string: %.*s", (int)n, line);
        if (c == '#') {
            assert_true(line[n - 1] != '\\');
            break;
        }
        if (c == '\'') {
            size_t j = i + 1;
            while (j < n && line[j] != '\'')
                j++;
            assert_true(j < n);
            i = j + 1;
            continue;
        }
        if (c != '"') {
            grow_append(&st->code, &st->clen, &st->ccap, &c, 1);
            i++;
            continue;
        }
        for (i++; i < n && line[i] != '"'; i++) {
            if (line[i] == '`')
                fail_msg("unescaped backtick in a string: %.*s", (int)n, line);
            if (line[i] == '\\') {
                i++;
                assert_true(i < n);
                assert_non_null(strchr("\\\"`", line[i]));
            }
            grow_append(&st->strings, &st->len, &st->cap, line + i, 1);
        }
        assert_true(i < n); /* the string ends on its line */
        grow_append(&st->strings, &st->len, &st->cap, "\n", 1);
        i++;
    }
    grow_append(&st->code, &st->clen, &st->ccap, "\n", 1);
}

static void check_structure(structure *st, const char *script)
{
    const char *p = script, *nl;
    int in_block = 0;

    memset(st, 0, sizeof *st);
    grow_append(&st->strings, &st->len, &st->cap, "", 0);
    grow_append(&st->code, &st->clen, &st->ccap, "", 0);
    for (; *p != '\0'; p = nl + 1) {
        size_t n;
        nl = strchr(p, '\n');
        assert_non_null(nl); /* the script ends with a newline */
        n = (size_t)(nl - p);
        if (in_block) {
            if (n == 15 && strncmp(p, "IND_END_OF_DATA", 15) == 0) {
                in_block = 0;
                continue;
            }
            check_data_row(p, n);
            st->rows += n > 0;
            continue;
        }
        if (n > 19 && strncmp(p + n - 19, " << IND_END_OF_DATA", 19) == 0) {
            assert_true(p[0] == '$');
            in_block = 1;
            st->blocks++;
            continue;
        }
        if (n > 0 && p[0] == '#') {
            assert_true(p[n - 1] != '\\');
            continue;
        }
        lex_code_line(st, p, n);
    }
    assert_false(in_block);
    /* Nothing outside strings runs a program, reads or writes a file. */
    assert_null(strstr(st->code, "system"));
    assert_null(strstr(st->code, "eval"));
    assert_null(strstr(st->code, "load"));
    assert_null(strstr(st->code, "call "));
    assert_null(strstr(st->code, "import"));
    assert_null(strstr(st->code, "output"));
    assert_null(strstr(st->code, "print"));
    assert_null(strstr(st->code, "\n!"));
    assert_null(strstr(st->code, "@"));
}

static void structure_free(structure *st)
{
    free(st->strings);
    free(st->code);
}

/* ---- SVG well-formedness, without an XML library ----------------------- */

/* Skip a quoted attribute value; returns the byte after it. */
static const char *skip_attribute_value(const char *p)
{
    char q = *p++;

    while (*p != '\0' && *p != q) {
        assert_true(*p != '<');
        p++;
    }
    assert_true(*p == q);
    return p + 1;
}

/* Check text content: '<' never, '&' only in an entity, no "]]>". */
static void check_xml_text(const char *p, size_t n)
{
    static const char *const entities[] = { "&amp;", "&lt;", "&gt;",
                                            "&quot;", "&apos;" };
    size_t i, k;

    for (i = 0; i < n; i++) {
        if (p[i] == '&') {
            int ok = p[i + 1] == '#';
            for (k = 0; k < 5; k++)
                ok |= strncmp(p + i, entities[k], strlen(entities[k])) == 0;
            assert_true(ok);
        }
        if (i + 2 < n && strncmp(p + i, "]]>", 3) == 0)
            fail_msg("']]>' in XML text");
    }
}

static void check_svg(const char *svg)
{
    char stack[64][64];
    int depth = 0, root_seen = 0;
    const char *p = svg, *q;

    while (*p != '\0') {
        if (*p != '<') {
            q = strchr(p, '<');
            if (q == NULL)
                q = p + strlen(p);
            check_xml_text(p, (size_t)(q - p));
            p = q;
            continue;
        }
        if (strncmp(p, "<?", 2) == 0) {
            q = strstr(p, "?>");
            assert_non_null(q);
            p = q + 2;
        } else if (strncmp(p, "<!--", 4) == 0) {
            q = strstr(p, "-->");
            assert_non_null(q);
            p = q + 3;
        } else if (strncmp(p, "<![CDATA[", 9) == 0) {
            q = strstr(p, "]]>");
            assert_non_null(q);
            p = q + 3;
        } else if (strncmp(p, "<!", 2) == 0) {
            q = strchr(p, '>');
            assert_non_null(q);
            p = q + 1;
        } else if (p[1] == '/') {
            size_t n = strcspn(p + 2, " >");
            assert_true(depth > 0);
            depth--;
            assert_int_equal(strlen(stack[depth]), n);
            assert_memory_equal(stack[depth], p + 2, n);
            p = strchr(p, '>');
            assert_non_null(p);
            p++;
        } else {
            size_t n = strcspn(p + 1, " \t\n/>");
            assert_true(n > 0 && n < 64 && depth < 64);
            memcpy(stack[depth], p + 1, n);
            stack[depth][n] = '\0';
            p += 1 + n;
            while (*p != '>' && !(p[0] == '/' && p[1] == '>')) {
                assert_true(*p != '\0' && *p != '<');
                p = (*p == '"' || *p == '\'') ? skip_attribute_value(p)
                                               : p + 1;
            }
            if (*p == '/') {
                p += 2;
            } else {
                depth++;
                p++;
            }
            root_seen = 1;
        }
    }
    assert_true(root_seen);
    assert_int_equal(depth, 0);
}

/* Does the SVG draw `text` exactly? gnuplot writes & and < as entities. */
static int svg_shows(const char *svg, const char *text)
{
    char buf[4096];
    size_t n = 0;
    const char *p;

    for (p = text; *p != '\0' && n + 6 < sizeof buf; p++) {
        if (*p == '&') {
            memcpy(buf + n, "&amp;", 5);
            n += 5;
        } else if (*p == '<') {
            memcpy(buf + n, "&lt;", 4);
            n += 4;
        } else {
            buf[n++] = *p;
        }
    }
    buf[n] = '\0';
    return strstr(svg, buf) != NULL;
}

static void png_size(const char *path, unsigned *w, unsigned *h)
{
    unsigned char b[24];
    FILE *f = fopen(path, "rb");

    assert_non_null(f);
    assert_int_equal(fread(b, 1, 24, f), 24);
    fclose(f);
    assert_memory_equal(b, "\x89PNG\r\n\x1a\n", 8);
    assert_memory_equal(b + 12, "IHDR", 4);
    *w = (unsigned)b[16] << 24 | (unsigned)b[17] << 16 |
         (unsigned)b[18] << 8 | b[19];
    *h = (unsigned)b[20] << 24 | (unsigned)b[21] << 16 |
         (unsigned)b[22] << 8 | b[23];
}

/* Write c to DIR/NAME.gp and render it in every format; check each. */
static void write_and_render(const ind_chart *c, const char *dir,
                             const char *name, unsigned width,
                             unsigned height)
{
    char gp[512], out[512];
    ind_error err = IND_ERROR_INIT;
    unsigned w, h;
    char *svg, *pdf;
    size_t len;

    snprintf(gp, sizeof gp, "%s/%s.gp", dir, name);
    assert_int_equal(ind_chart_write(c, gp, &err), IND_OK);
    if (ind_chart_render(gp, IND_CHART_PNG, NULL, &err) != IND_OK)
        fail_msg("PNG: %s", err.message);
    snprintf(out, sizeof out, "%s/%s.png", dir, name);
    png_size(out, &w, &h);
    assert_int_equal(w, width);
    assert_int_equal(h, height);
    if (ind_chart_render(gp, IND_CHART_SVG, NULL, &err) != IND_OK)
        fail_msg("SVG: %s", err.message);
    snprintf(out, sizeof out, "%s/%s.svg", dir, name);
    svg = slurp(out, NULL);
    assert_non_null(svg);
    check_svg(svg);
    free(svg);
    if (ind_chart_render(gp, IND_CHART_PDF, NULL, &err) != IND_OK)
        fail_msg("PDF: %s", err.message);
    snprintf(out, sizeof out, "%s/%s.pdf", dir, name);
    pdf = slurp(out, &len);
    assert_non_null(pdf);
    assert_true(len > 100);
    assert_memory_equal(pdf, "%PDF-", 5);
    assert_non_null(strstr(pdf + len - 8, "%%EOF"));
    free(pdf);
}

/* ---- Reference file ------------------------------------------------------ */

/* The text after "KIND KEY " on a line of reference.txt, e.g.
 * reference_field("yoy", "2024", 2) gives "-1.0%". */
static char *reference_field(const char *kind, const char *key, int field)
{
    static char value[128];
    char line[256], *tok, *save = NULL;
    FILE *f = fopen(DATA "/reference.txt", "r");
    int i;

    assert_non_null(f);
    while (fgets(line, sizeof line, f) != NULL) {
        line[strcspn(line, "\n")] = '\0';
        tok = strtok_r(line, " ", &save);
        if (tok == NULL || strcmp(tok, kind) != 0)
            continue;
        tok = strtok_r(NULL, " ", &save);
        if (tok == NULL || strcmp(tok, key) != 0)
            continue;
        for (i = 0; i <= field && tok != NULL; i++)
            tok = strtok_r(NULL, " ", &save);
        assert_non_null(tok);
        snprintf(value, sizeof value, "%s", tok);
        fclose(f);
        return value;
    }
    fclose(f);
    fail_msg("no reference %s %s", kind, key);
    return NULL;
}

/* ======================================================================== */
/* Text helpers                                                              */

static void expect_clean(const char *in, const char *want)
{
    char *out = chart_text_clean(in);

    assert_non_null(out);
    assert_string_equal(out, want);
    free(out);
}

static void test_clean_text(void **state)
{
    char long_in[1001], *out;

    (void)state;
    expect_clean(NULL, "");
    expect_clean("plain 团体标准 \"q\" 'a' \\ @ % `x`",
                 "plain 团体标准 \"q\" 'a' \\ @ % `x`");
    expect_clean("a\nb\rc\td", "a b c d");
    expect_clean("\nlead and trail\n", "lead and trail");
    expect_clean("x\x01y\x7fz", "x y z");
    expect_clean("c1\xc2\x85!", "c1 !");                  /* U+0085 */
    expect_clean("ls\xe2\x80\xa8ps\xe2\x80\xa9", "ls ps"); /* U+2028/9 */
    expect_clean("bad\xff\xfe", "bad\xef\xbf\xbd\xef\xbf\xbd");
    expect_clean("over\xc0\xaf", "over\xef\xbf\xbd\xef\xbf\xbd");
    expect_clean("surr\xed\xa0\x80", "surr\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
    expect_clean("cut\xe5\x9b", "cut\xef\xbf\xbd\xef\xbf\xbd");
    expect_clean("rlo\xe2\x80\xae!", "rlo\xef\xbf\xbd!");
    expect_clean("zw\xe2\x80\x8bj", "zw\xe2\x80\x8bj");    /* kept */
    expect_clean("a]]>b", "a]]\xe2\x80\x8b>b");
    expect_clean("]]]>", "]]]\xe2\x80\x8b>");
    memset(long_in, 'a', 1000);
    long_in[1000] = '\0';
    out = chart_text_clean(long_in);
    assert_non_null(out);
    assert_int_equal(strlen(out), IND_CHART_TEXT_MAX + 3);
    assert_string_equal(out + IND_CHART_TEXT_MAX, "\xe2\x80\xa6");
    free(out);
}

/* Joining the lines with single spaces (none between Chinese characters
 * or in a broken URL: `glue`) gives the text back: no character is lost,
 * no word is cut. */
static void assert_whole_words(const chart_lines *l, const char *text,
                               double max_em, int glue)
{
    char joined[1024] = "";
    size_t i;

    for (i = 0; i < l->n; i++) {
        assert_true(chart_text_width(l->line[i]) <= max_em);
        if (i > 0 && !glue)
            strcat(joined, " ");
        strcat(joined, l->line[i]);
    }
    assert_string_equal(joined, text);
}

static void test_wrap_text(void **state)
{
    static const char sentence[] = "Association (group) standards on the "
                                   "national platform, registered social "
                                   "groups and certification bodies";
    static const char chinese[] = "全国团体标准信息平台上的团体标准（累计）"
                                  "与获证组织数量。";
    static const char url[] = "https://www.sesec.eu/sesec-holds-the-sesec-"
                              "china-eu-standardization-roundtable/";
    chart_lines l = { NULL, 0, 0 };
    char xs[101];
    double em;
    size_t i;

    (void)state;
    /* DejaVu Sans advances (1/2048 em) a 1255, b 1300, c 1126, space 651,
     * each widened by 1.03: "aaa" 1.8935, " " 0.3274, "bbb" 1.9614, "ccc"
     * 1.6988, so "aaa bbb" is 4.1823 em and fits 4.2, and "bbb ccc"
     * (3.9876) does not fit 3.9. */
    assert_true(fabs(chart_text_width("aaa bbb") - 4.18228) < 1e-4);
    assert_int_equal(chart_text_wrap(&l, "aaa bbb ccc", 4.2, 0), 0);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.line[0], "aaa bbb");
    assert_string_equal(l.line[1], "ccc");
    chart_lines_clear(&l);
    assert_int_equal(chart_text_wrap(&l, "aaa bbb ccc", 3.9, 0), 0);
    assert_int_equal(l.n, 3);
    chart_lines_clear(&l);
    /* Words are never cut, at any width. */
    for (em = 8; em < 60; em += 0.7) {
        assert_int_equal(chart_text_wrap(&l, sentence, em, 0), 0);
        assert_whole_words(&l, sentence, em, 0);
        assert_int_equal(chart_text_count_lines(sentence, em), l.n);
        chart_lines_clear(&l);
    }
    /* Chinese breaks between characters, never before a closing or after
     * an opening bracket, nor before the full stop. */
    for (em = 3; em < 14; em += 1) {
        assert_int_equal(chart_text_wrap(&l, chinese, em, 0), 0);
        assert_whole_words(&l, chinese, em, 1);
        for (i = 0; i < l.n; i++) {
            size_t n = strlen(l.line[i]);
            assert_true(strncmp(l.line[i], "\xef\xbc\x89", 3) != 0);
            assert_true(strncmp(l.line[i], "\xe3\x80\x82", 3) != 0);
            assert_true(n < 3 ||
                        strcmp(l.line[i] + n - 3, "\xef\xbc\x88") != 0);
        }
        chart_lines_clear(&l);
    }
    /* One em a Chinese character (Droid Sans Fallback), widened. */
    assert_true(fabs(chart_text_width("团体标准") - 4.12) < 1e-12);
    /* A URL wider than the line breaks after '/', '-' or '.'. */
    assert_int_equal(chart_text_wrap(&l, url, 14, 0), 0);
    assert_true(l.n > 2);
    assert_whole_words(&l, url, 14, 1);
    for (i = 0; i + 1 < l.n; i++) {
        char last = l.line[i][strlen(l.line[i]) - 1];
        assert_non_null(strchr("/-.", last));
    }
    chart_lines_clear(&l);
    /* Too many lines: the last one kept ends with "…" after a whole
     * word. */
    assert_int_equal(chart_text_wrap(&l, sentence, 20, 2), 0);
    assert_int_equal(l.n, 2);
    assert_true(chart_text_width(l.line[1]) <= 20);
    {
        char *dots = strstr(l.line[1], "\xe2\x80\xa6");
        char word[128];
        assert_non_null(dots);
        assert_string_equal(dots, "\xe2\x80\xa6");
        /* the text before the dots ends a word of the sentence */
        snprintf(word, sizeof word, "%.*s", (int)(dots - l.line[1]),
                 l.line[1]);
        assert_non_null(strstr(sentence, word));
        assert_true(sentence[strstr(sentence, word) - sentence +
                             strlen(word)] == ' ');
    }
    chart_lines_clear(&l);
    /* A 100-character word with no break, 10 em wide: x is 1212/2048 em
     * (0.60955 widened); with the ellipsis (1.03 em) 14 fit. */
    memset(xs, 'x', 100);
    xs[100] = '\0';
    assert_int_equal(chart_text_wrap(&l, xs, 10, 0), 0);
    assert_int_equal(l.n, 1);
    assert_int_equal(strlen(l.line[0]), 14 + 3);
    assert_true(chart_text_width(l.line[0]) <= 10.0);
    chart_lines_clear(&l);
}

static void test_source_names(void **state)
{
    static const char *const sources[] = {
        "https://www.sesec.eu/a/b", "http://m.mnw.cn/news/cj/1.html",
        "HTTPS://user:pw@Example.ORG:8080/x?y", "SAMR statistical bulletin",
        "https://www.sesec.eu/other", "ftp://[::1]/file", "https://", ""
    };
    static const char *const want[] = {
        "sesec.eu", "m.mnw.cn", "example.org", "SAMR statistical bulletin",
        "sesec.eu", "[::1]", "https://", ""
    };
    ind_chart_options o = IND_CHART_OPTIONS_INIT;
    ind_chart_series s = IND_CHART_SERIES_INIT;
    ind_chart *c;
    char *t;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof sources / sizeof sources[0]; i++) {
        t = chart_source_site(sources[i]);
        assert_string_equal(t, want[i]);
        free(t);
    }
    o.created = CREATED;
    assert_int_equal(ind_chart_new(&c, &o, NULL), IND_OK);
    s.name = "Certification bodies";
    s.length = 8;
    s.years = bodies_years;
    s.values = bodies_values;
    s.sources = sources;
    s.n_sources = 6;
    assert_int_equal(ind_chart_add(c, &s, NULL), IND_OK);
    /* Five distinct sites, in order, the repeated one once. */
    t = chart_source_line(c, 200, 1);
    assert_string_equal(t, "Sources: sesec.eu, m.mnw.cn, example.org, "
                           "SAMR statistical bulletin, [::1]");
    free(t);
    /* Too long for one line of 30 em: the rest counted. */
    t = chart_source_line(c, 30, 1);
    assert_true(chart_text_count_lines(t, 30) == 1);
    assert_non_null(strstr(t, " more"));
    assert_true(strncmp(t, "Sources: sesec.eu, m.mnw.cn", 27) == 0);
    free(t);
    ind_chart_free(c);
    /* A series' own short name replaces its sites; Chinese words. */
    o.lang = IND_LANG_ZH;
    assert_int_equal(ind_chart_new(&c, &o, NULL), IND_OK);
    s.source_name = "CNCA";
    assert_int_equal(ind_chart_add(c, &s, NULL), IND_OK);
    s.source_name = "SAMR";
    assert_int_equal(ind_chart_add(c, &s, NULL), IND_OK);
    t = chart_source_line(c, 200, 1);
    assert_string_equal(t, "\xe6\x9d\xa5\xe6\xba\x90\xef\xbc\x9a"
                           "CNCA\xe3\x80\x81SAMR");
    free(t);
    ind_chart_free(c);
}

static void expect_coordinate(double v, const char *want)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);

    assert_non_null(f);
    chart_put_coordinate(f, v);
    fclose(f);
    assert_string_equal(buf, want);
    free(buf);
}

static void test_coordinates(void **state)
{
    (void)state;
    expect_coordinate(1136.230307440422, "1136.23");
    expect_coordinate(4158000, "4158000");
    expect_coordinate(41581234567.0, "41581200000");
    expect_coordinate(0.000123456789, "0.000123457");
    expect_coordinate(-1.3, "-1.3");
    expect_coordinate(0, "0");
}

static void test_axis(void **state)
{
    chart_axis a;

    (void)state;
    /* 0..1820, 7% headroom: 1947.4 / 6 = 324.6 -> step 500, 0..2000. */
    chart_axis_make(&a, 0, 1820, 6, 0.07);
    assert_float_equal(a.step, 500, 1e-9);
    assert_float_equal(a.lo, 0, 1e-9);
    assert_float_equal(a.hi, 2000, 1e-9);
    assert_int_equal(a.decimals, 0);
    /* -1.3..28.73: 30.03 / 5 = 6.006 -> step 10, -10..30. */
    chart_axis_make(&a, -1.3, 28.73, 5, 0);
    assert_float_equal(a.step, 10, 1e-9);
    assert_float_equal(a.lo, -10, 1e-9);
    assert_float_equal(a.hi, 30, 1e-9);
    /* 0.1..0.9: 0.8 / 4 = 0.2 -> step 0.2, one decimal, 0..1. */
    chart_axis_make(&a, 0.1, 0.9, 4, 0);
    assert_float_equal(a.step, 0.2, 1e-12);
    assert_int_equal(a.decimals, 1);
    assert_float_equal(a.lo, 0, 1e-12);
    assert_float_equal(a.hi, 1.0, 1e-12);
    /* Flat at 5: padded by 10% to 4.5..5.5; 1 / 5 = 0.2 -> 4.4..5.6. */
    chart_axis_make(&a, 5, 5, 5, 0);
    assert_float_equal(a.step, 0.2, 1e-12);
    assert_float_equal(a.lo, 4.4, 1e-9);
    assert_float_equal(a.hi, 5.6, 1e-9);
    /* 2.5 steps are labelled with one decimal, thousands grouped. */
    chart_axis_make(&a, 0, 9, 4, 0);
    assert_float_equal(a.step, 2.5, 1e-12);
    assert_int_equal(a.decimals, 1);
    /* Years: 70 px a year and 48 px between labels: every year; 20 px:
     * every 5 (2 years are 40 px, too close). */
    assert_int_equal(chart_year_step(70, 48), 1);
    assert_int_equal(chart_year_step(20, 48), 5);
}

/* ======================================================================== */
/* Options and validation                                                    */

static void test_parse_helpers(void **state)
{
    ind_error err = IND_ERROR_INIT;
    ind_chart_kind kind;
    ind_chart_format format;
    unsigned w = 1, h = 1;
    char *path = NULL;

    (void)state;
    assert_int_equal(ind_chart_kind_parse(&kind, "growth", &err), IND_OK);
    assert_int_equal(kind, IND_CHART_GROWTH);
    assert_int_equal(ind_chart_kind_parse(&kind, "bar", &err), IND_EINVAL);
    assert_non_null(strstr(err.message, "line, growth or index"));
    assert_int_equal(ind_chart_format_parse(&format, "svg", &err), IND_OK);
    assert_int_equal(format, IND_CHART_SVG);
    assert_int_equal(ind_chart_format_parse(&format, "jpg", &err),
                     IND_EINVAL);
    assert_int_equal(ind_chart_size_parse(&w, &h, "1200x750", &err), IND_OK);
    assert_int_equal(w, 1200);
    assert_int_equal(h, 750);
    assert_int_equal(ind_chart_size_parse(&w, &h, "1200", &err), IND_EINVAL);
    assert_int_equal(ind_chart_size_parse(&w, &h, "12x7", &err), IND_EINVAL);
    assert_int_equal(ind_chart_size_parse(&w, &h, "1200x750px", &err),
                     IND_EINVAL);
    assert_int_equal(ind_chart_size_parse(&w, &h, "99999x600", &err),
                     IND_EINVAL);
    assert_int_equal(w, 1200);
    assert_int_equal(ind_chart_output_path(&path, "plots/a.gp",
                                           IND_CHART_PNG, &err), IND_OK);
    assert_string_equal(path, "plots/a.png");
    free(path);
    assert_int_equal(ind_chart_output_path(&path, "plots/a", IND_CHART_PDF,
                                           &err), IND_OK);
    assert_string_equal(path, "plots/a.pdf");
    free(path);
    assert_int_equal(ind_chart_output_path(&path, "x.gp.gp", IND_CHART_SVG,
                                           &err), IND_OK);
    assert_string_equal(path, "x.gp.svg");
    free(path);
    assert_string_equal(ind_chart_format_extension(IND_CHART_PDF), "pdf");
}

static void test_mark_of(void **state)
{
    ind_point p = { 2019, 1970000, 0, 0, "", "", 0 };

    (void)state;
    assert_int_equal(ind_chart_mark_of(&p), IND_CHART_MARK_NORMAL);
    p.status = 'E';
    assert_int_equal(ind_chart_mark_of(&p), IND_CHART_MARK_ESTIMATED);
    p.status = 'P';
    assert_int_equal(ind_chart_mark_of(&p), IND_CHART_MARK_ESTIMATED);
    /* A provisional mid-year reading is both. */
    p.flags = IND_POINT_PARTIAL_YEAR;
    assert_int_equal(ind_chart_mark_of(&p),
                     IND_CHART_MARK_PARTIAL | IND_CHART_MARK_ESTIMATED);
    p.status = 0;
    p.flags = IND_POINT_DERIVED;
    assert_int_equal(ind_chart_mark_of(&p), IND_CHART_MARK_DERIVED);
    assert_int_equal(ind_chart_mark_of(NULL), IND_CHART_MARK_NORMAL);
    /* The symbol on a line: partial, then estimated, then derived. */
    assert_int_equal(ind_chart_mark_stronger(IND_CHART_MARK_DERIVED,
                                             IND_CHART_MARK_ESTIMATED),
                     IND_CHART_MARK_ESTIMATED);
    assert_int_equal(ind_chart_mark_stronger(IND_CHART_MARK_ALL, 0),
                     IND_CHART_MARK_PARTIAL);
    assert_int_equal(ind_chart_mark_stronger(IND_CHART_MARK_DERIVED, 0),
                     IND_CHART_MARK_DERIVED);
    assert_int_equal(ind_chart_mark_stronger(0, 0), IND_CHART_MARK_NORMAL);
}

static void test_options_rejected(void **state)
{
    ind_chart_options o = IND_CHART_OPTIONS_INIT;
    ind_error err = IND_ERROR_INIT;
    ind_chart *c = NULL;

    (void)state;
    o.version = 99;
    assert_int_equal(ind_chart_new(&c, &o, &err), IND_EINVAL);
    assert_null(c);
    o.version = IND_CHART_OPTIONS_VERSION;
    o.kind = IND_CHART_INDEX;
    assert_int_equal(ind_chart_new(&c, &o, &err), IND_EINVAL);
    assert_non_null(strstr(err.message, "base year"));
    o.kind = IND_CHART_LINE;
    o.width = 100;
    assert_int_equal(ind_chart_new(&c, &o, &err), IND_EINVAL);
    o.width = 0;
    o.dataset_sha256 = "abc";
    assert_int_equal(ind_chart_new(&c, &o, &err), IND_EINVAL);
    o.dataset_sha256 = NULL;
    o.dataset_path = "/nonexistent/dataset.csv";
    assert_int_equal(ind_chart_new(&c, &o, &err), IND_ENOTFOUND);
    assert_int_equal(ind_chart_new(NULL, NULL, &err), IND_EINVAL);
    assert_int_equal(ind_chart_new(&c, NULL, &err), IND_OK);
    ind_chart_free(c);
    ind_chart_free(NULL);
}

/* Add s to a fresh chart of `kind`; return the code. */
static int try_add(ind_chart_kind kind, const ind_chart_series *s,
                   ind_error *err)
{
    ind_chart *c = new_chart(kind, kind == IND_CHART_INDEX ? 2019 : 0);
    int rc = ind_chart_add(c, s, err);

    assert_int_equal(ind_chart_count(c), rc == IND_OK ? 1 : 0);
    ind_chart_free(c);
    return rc;
}

static void test_series_rejected(void **state)
{
    static const int down[] = { 2019, 2018 };
    static const int same[] = { 2019, 2019 };
    static const double two[] = { 1, 2 };
    static const double nan2[] = { 1, NAN };
    static const ind_chart_mark bad_mark[] = { 0, (ind_chart_mark)9 };
    static const double index_bad[] = { 99.5, 120 };
    static const int base[] = { 2019, 2020 };
    static const double lo[] = { 1300, 1400, 1400, 1450, 1500 };
    ind_chart_series s = IND_CHART_SERIES_INIT;
    ind_error err = IND_ERROR_INIT;
    ind_chart *c;
    int i;

    (void)state;
    s.name = "x\nname";
    s.length = 2;
    s.years = down;
    s.values = two;
    assert_int_equal(try_add(IND_CHART_LINE, &s, &err), IND_EINVAL);
    assert_non_null(strstr(err.message, "ascend"));
    /* The name in the message is made printable. */
    assert_non_null(strstr(err.message, "x?name"));
    s.years = same;
    assert_int_equal(try_add(IND_CHART_LINE, &s, &err), IND_EINVAL);
    s.years = base;
    s.values = nan2;
    assert_int_equal(try_add(IND_CHART_LINE, &s, &err), IND_EINVAL);
    assert_non_null(strstr(err.message, "finite"));
    s.values = two;
    s.marks = bad_mark;
    assert_int_equal(try_add(IND_CHART_LINE, &s, &err), IND_EINVAL);
    s.marks = NULL;
    s.values = index_bad;
    assert_int_equal(try_add(IND_CHART_INDEX, &s, &err), IND_EINVAL);
    assert_non_null(strstr(err.message, "100"));
    s.values = two;
    s.length = 0;
    assert_int_equal(try_add(IND_CHART_LINE, &s, &err), IND_EINVAL);
    s.length = 2;
    s.name = "";
    assert_int_equal(try_add(IND_CHART_LINE, &s, &err), IND_EINVAL);
    s.name = "ok";
    s.version = 7;
    assert_int_equal(try_add(IND_CHART_LINE, &s, &err), IND_EINVAL);
    s.version = IND_CHART_SERIES_VERSION;
    /* Projections: after the history, ordered bounds, both bounds. */
    s.years = bodies_years;
    s.values = bodies_values;
    s.length = 8;
    s.projection.length = 5;
    s.projection.years = proj_years;
    s.projection.mean = proj_mean;
    set_band(&s.projection, 0, 80, proj_lo80, proj_hi80);
    assert_int_equal(try_add(IND_CHART_LINE, &s, &err), IND_OK);
    assert_int_equal(try_add(IND_CHART_GROWTH, &s, &err), IND_EINVAL);
    s.projection.bands[0].upper = NULL;
    assert_int_equal(try_add(IND_CHART_LINE, &s, &err), IND_EINVAL);
    s.projection.bands[0].upper = proj_hi80;
    s.projection.bands[0].lower = lo; /* 2027: lower 1400 above the mean */
    assert_int_equal(try_add(IND_CHART_LINE, &s, &err), IND_EINVAL);
    assert_non_null(strstr(err.message, "ordered"));
    s.projection.bands[0].lower = proj_lo80;
    /* Levels ascend within (0, 100); at most IND_CHART_MAX_BANDS. */
    set_band(&s.projection, 1, 50, proj_lo95, proj_hi95);
    assert_int_equal(try_add(IND_CHART_LINE, &s, &err), IND_EINVAL);
    assert_non_null(strstr(err.message, "levels must ascend"));
    set_band(&s.projection, 1, 100, proj_lo95, proj_hi95);
    assert_int_equal(try_add(IND_CHART_LINE, &s, &err), IND_EINVAL);
    set_band(&s.projection, 1, 95, proj_lo95, proj_hi95);
    assert_int_equal(try_add(IND_CHART_LINE, &s, &err), IND_OK);
    s.projection.nbands = IND_CHART_MAX_BANDS + 1;
    assert_int_equal(try_add(IND_CHART_LINE, &s, &err), IND_EINVAL);
    s.projection.nbands = 1;
    s.projection.years = bodies_years + 3; /* 2021.. overlaps history */
    assert_int_equal(try_add(IND_CHART_LINE, &s, &err), IND_EINVAL);
    /* At most seven series. */
    c = new_chart(IND_CHART_LINE, 0);
    for (i = 0; i < IND_CHART_MAX_SERIES; i++)
        add_bodies(c, 0);
    s.projection.length = 0;
    assert_int_equal(ind_chart_add(c, &s, &err), IND_EINVAL);
    assert_int_equal(ind_chart_count(c), IND_CHART_MAX_SERIES);
    ind_chart_free(c);
}

/* ======================================================================== */
/* Script text                                                               */

static void test_header(void **state)
{
    ind_chart *c = new_chart(IND_CHART_LINE, 0);
    char line[128], *s;

    (void)state;
    add_bodies(c, 1);
    s = script_of(c);
    snprintf(line, sizeof line, "# Chart written by libindicators %s on "
             "2023-11-14T22:13:20Z\n", IND_VERSION);
    assert_memory_equal(s, line, strlen(line));
    assert_non_null(strstr(s, "# Dataset: \"datasets/china-standardization"
                              ".csv\"\n"));
    assert_non_null(strstr(s, "# Dataset SHA-256: " FIXTURE_SHA "\n"));
    assert_non_null(strstr(s, "# Command: indicators chart "
                              "certification_bodies -o 'plots/x y.gp'\n"));
    assert_non_null(strstr(s, "# Sources: \"CNCA statistical bulletins\"\n"
                              "#          \"SAMR press releases\"\n"));
    free(s);
    ind_chart_free(c);
}

static void test_header_digest_from_file(void **state)
{
    ind_chart_options o = IND_CHART_OPTIONS_INIT;
    ind_error err = IND_ERROR_INIT;
    ind_chart *c;
    char want[128], *s;

    (void)state;
    o.dataset_path = DATA "/fixture.csv";
    assert_int_equal(ind_chart_new(&c, &o, &err), IND_OK);
    add_assoc(c);
    s = script_of(c);
    snprintf(want, sizeof want, "# Dataset SHA-256: %s\n",
             reference_field("sha256", "fixture.csv", 0));
    assert_non_null(strstr(s, want));
    free(s);
    ind_chart_free(c);
}

static void test_gaps_and_marks(void **state)
{
    ind_chart *c = new_chart(IND_CHART_LINE, 0);
    structure st;
    char *s, *block;

    (void)state;
    add_assoc(c);
    add_certs(c);
    s = script_of(c);
    check_structure(&st, s);
    assert_int_equal(st.blocks, 2);
    assert_int_equal(st.rows, 4 + 7);
    /* Missing years are blank lines, so gnuplot draws no line across. */
    block = datablock(s, "$ind_series_1");
    assert_string_equal(block, "2017 1991 0 1\n\n2019 12195 0 1\n\n"
                               "2022 51078 0 1\n2023 74240 0 1\n");
    free(block);
    /* The March 2019 reading is marked partial (4). */
    block = datablock(s, "$ind_series_2");
    assert_non_null(strstr(block, "2019 1970000 4 1\n"));
    free(block);
    structure_free(&st);
    free(s);
    ind_chart_free(c);
}

static void test_projection_and_labels(void **state)
{
    ind_chart *c = new_chart(IND_CHART_LINE, 0);
    structure st;
    char *s, *block;

    (void)state;
    add_bodies(c, 1);
    s = script_of(c);
    check_structure(&st, s);
    assert_int_equal(st.blocks, 2);
    block = datablock(s, "$ind_projection_1");
    /* The first row repeats the last actual figure. */
    assert_memory_equal(block, "2025 1214 1214 1214 1214 1214\n"
                               "2026 1300 1250 1350 1220 1380\n", 60);
    free(block);
    /* Thousands separators on the y axis, labels in the C locale. */
    assert_non_null(strstr(s, "\"1,000\" 1000"));
    /* Projection region, dashed line in the series colour, bands. */
    assert_non_null(strstr(s, "set object 1 rect from first 2025, graph 0"));
    assert_non_null(strstr(st.strings, "projection\n"));
    assert_non_null(strstr(s, "set style line 11 lc rgb ind_colour_1 lw "
                              "ind_line_width dt (9,5)"));
    assert_non_null(strstr(s, "using 1:5:6 with filledcurves"));
    assert_non_null(strstr(s, "using 1:3:4 with filledcurves"));
    /* The last actual value, grouped. */
    assert_non_null(strstr(st.strings, "\n1,214\n"));
    /* Title, subtitle with unit and span, axis labels, sources. */
    assert_non_null(strstr(st.strings, "\nCertification bodies\n"));
    assert_non_null(strstr(st.strings, "organisations, 2018\xe2\x80\x93"
                                       "2025; projection to 2030 (linear "
                                       "trend)\n"));
    assert_non_null(strstr(st.strings, "\nYear\n"));
    assert_non_null(strstr(st.strings, "\norganisations\n"));
    assert_non_null(strstr(st.strings, "Sources: CNCA statistical "
                                       "bulletins, SAMR press releases\n"));
    assert_non_null(strstr(st.strings, "estimated or provisional\n"));
    assert_non_null(strstr(st.strings, "80% interval\n"));
    /* The Okabe-Ito blue, and no dataset text in a format position. */
    assert_non_null(strstr(s, "ind_colour_1 = \"#0072B2\""));
    assert_null(strstr(s, "sprintf"));
    structure_free(&st);
    free(s);
    ind_chart_free(c);
}

/* Every fixed word in Chinese with --lang zh; none left in English. */
static void test_lang_words(void **state)
{
    static const char *const zh[] = {
        "\n\xe5\xb9\xb4\xe4\xbb\xbd\n",             /* 年份 Year */
        "\n\xe5\xae\x9e\xe9\x99\x85\xe5\x80\xbc\n", /* 实际值 actual */
        "\n\xe9\xa2\x84\xe6\xb5\x8b\n",             /* 预测 projection */
        "80% \xe9\xa2\x84\xe6\xb5\x8b\xe5\x8c\xba\xe9\x97\xb4\n",
        "95% \xe9\xa2\x84\xe6\xb5\x8b\xe5\x8c\xba\xe9\x97\xb4\n",
        "\xe4\xbc\xb0\xe8\xae\xa1", /* 估计 (estimated) */
        "\xe6\x9d\xa5\xe6\xba\x90\xef\xbc\x9a", /* 来源： Sources: */
        "\xe9\xa2\x84\xe6\xb5\x8b\xe8\x87\xb3 2030 \xe5\xb9\xb4"
    };
    static const char *const en[] = {
        "Year", "actual", "projection\n", "interval", "estimated",
        "Source", "projection to"
    };
    ind_chart_options o = IND_CHART_OPTIONS_INIT;
    structure st;
    ind_chart *c;
    char *s;
    size_t i;

    (void)state;
    o.lang = IND_LANG_ZH;
    o.created = CREATED;
    assert_int_equal(ind_chart_new(&c, &o, NULL), IND_OK);
    add_bodies(c, 1);
    s = script_of(c);
    check_structure(&st, s);
    for (i = 0; i < sizeof zh / sizeof zh[0]; i++)
        assert_non_null(strstr(st.strings, zh[i]));
    for (i = 0; i < sizeof en / sizeof en[0]; i++)
        assert_null(strstr(st.strings, en[i]));
    structure_free(&st);
    free(s);
    ind_chart_free(c);
    /* Growth and index words too. */
    o.kind = IND_CHART_INDEX;
    o.base_year = 2018;
    assert_int_equal(ind_chart_new(&c, &o, NULL), IND_OK);
    {
        double idx[8];
        for (i = 0; i < 8; i++)
            idx[i] = bodies_values[i] / 481 * 100;
        add_series(c, "A", "", 8, bodies_years, idx, NULL, 0);
    }
    s = script_of(c);
    check_structure(&st, s);
    /* 指数（2018 = 100） */
    assert_non_null(strstr(st.strings, "\xe6\x8c\x87\xe6\x95\xb0"
                                       "\xef\xbc\x88" "2018 = 100"));
    assert_null(strstr(st.strings, "Index"));
    assert_null(strstr(st.strings, "index"));
    structure_free(&st);
    free(s);
    ind_chart_free(c);
    /* An unknown language is refused. */
    o.lang = (ind_lang)7;
    assert_int_equal(ind_chart_new(&c, &o, NULL), IND_EINVAL);
}

/* The title, subtitle, source line and y label as given. */
static void test_text_overrides(void **state)
{
    ind_chart_options o = IND_CHART_OPTIONS_INIT;
    structure st;
    ind_chart *c;
    char *s;

    (void)state;
    o.created = CREATED;
    o.title = "Bodies";
    o.subtitle = "Accredited by CNAS, year-end";
    o.source_line = "Sources: SAMR, CNCA";
    o.ylabel = "bodies (count)";
    assert_int_equal(ind_chart_new(&c, &o, NULL), IND_OK);
    add_bodies(c, 1);
    s = script_of(c);
    check_structure(&st, s);
    assert_non_null(strstr(st.strings, "\nBodies\n"));
    assert_non_null(strstr(st.strings, "\nAccredited by CNAS, year-end\n"));
    assert_non_null(strstr(st.strings, "\nSources: SAMR, CNCA\n"));
    assert_non_null(strstr(st.strings, "\nbodies (count)\n"));
    assert_null(strstr(st.strings, "CNCA statistical bulletins"));
    assert_null(strstr(st.strings, "projection to"));
    /* The header still lists the full sources. */
    assert_non_null(strstr(s, "# Sources: \"CNCA statistical bulletins\""));
    structure_free(&st);
    free(s);
    ind_chart_free(c);
}

static void test_layout_choice(void **state)
{
    static const int added_years[] = { 2019, 2020, 2022, 2023 };
    static const double added[] = { 6227, 9155, 17675, 23162 };
    ind_chart *c;
    char *s;

    (void)state;
    /* Same unit, magnitudes 74,240 and 23,162 (3.2x): one axis. */
    c = new_chart(IND_CHART_LINE, 0);
    add_assoc(c);
    add_series(c, "Association standards added", "standards", 4,
               added_years, added, NULL, 0);
    s = script_of(c);
    assert_null(strstr(s, "set multiplot"));
    free(s);
    ind_chart_free(c);
    /* Organisations against certificates (different units, 3,400x):
     * small multiples, one panel each. */
    c = new_chart(IND_CHART_LINE, 0);
    add_bodies(c, 1);
    add_certs(c);
    s = script_of(c);
    assert_non_null(strstr(s, "set multiplot"));
    assert_non_null(strstr(s, "# ---- Panel 2"));
    assert_non_null(strstr(s, "\"4,000,000\" 4000000"));
    free(s);
    ind_chart_free(c);
}

static void test_growth_script(void **state)
{
    static const int years[] = { 2019, 2020, 2021, 2022, 2023, 2024, 2025 };
    ind_chart *c = new_chart(IND_CHART_GROWTH, 0);
    char want[64], *s;
    double yoy[7];
    structure st;
    int i;

    (void)state;
    for (i = 0; i < 7; i++) {
        char key[8];
        snprintf(key, sizeof key, "%d", years[i]);
        yoy[i] = strtod(reference_field("yoy", key, 0), NULL);
    }
    add_series(c, "Certification bodies", "organisations", 7, years, yoy,
               NULL, 0);
    s = script_of(c);
    check_structure(&st, s);
    /* Bars, falls in the second colour, every bar labelled as awk wrote. */
    assert_non_null(strstr(s, "with boxes fc rgb ind_colour_fall"));
    assert_non_null(strstr(s, "set xzeroaxis"));
    for (i = 0; i < 7; i++) {
        char key[8];
        snprintf(key, sizeof key, "%d", years[i]);
        snprintf(want, sizeof want, "\n%s\n",
                 reference_field("yoy", key, 1));
        assert_non_null(strstr(st.strings, want));
    }
    assert_non_null(strstr(st.strings, "decrease\n"));
    structure_free(&st);
    free(s);
    ind_chart_free(c);
}

static void test_index_script(void **state)
{
    ind_chart *c = new_chart(IND_CHART_INDEX, 2019);
    double idx[8];
    structure st;
    char *s;
    int i;

    (void)state;
    for (i = 0; i < 8; i++) {
        char key[8];
        snprintf(key, sizeof key, "%d", bodies_years[i]);
        idx[i] = strtod(reference_field("index", key, 0), NULL);
    }
    add_series(c, "Certification bodies", "organisations", 8, bodies_years,
               idx, NULL, 0);
    s = script_of(c);
    check_structure(&st, s);
    assert_non_null(strstr(s, "set arrow 1 from graph 0, first 100 to graph "
                              "1, first 100"));
    assert_non_null(strstr(st.strings, "2019 = 100\n"));
    assert_non_null(strstr(st.strings, "index, 2019 = 100\n"));
    assert_non_null(strstr(st.strings, "Index, 2019 = 100; 2018"));
    assert_non_null(strstr(st.strings, reference_field("index", "2025", 1)));
    assert_null(strstr(s, "set multiplot"));
    structure_free(&st);
    free(s);
    ind_chart_free(c);
}

static void test_growth_shared_refused(void **state)
{
    ind_chart_options o = IND_CHART_OPTIONS_INIT;
    ind_error err = IND_ERROR_INIT;
    ind_chart *c;
    FILE *f;

    (void)state;
    o.kind = IND_CHART_GROWTH;
    o.layout = IND_CHART_LAYOUT_SHARED;
    assert_int_equal(ind_chart_new(&c, &o, &err), IND_OK);
    add_bodies(c, 0);
    add_bodies(c, 0);
    f = fopen("/dev/null", "w");
    assert_non_null(f);
    assert_int_equal(ind_chart_write_stream(c, f, &err), IND_EINVAL);
    assert_non_null(strstr(err.message, "panels"));
    fclose(f);
    ind_chart_free(c);
    /* No series at all. */
    assert_int_equal(ind_chart_new(&c, NULL, &err), IND_OK);
    f = fopen("/dev/null", "w");
    assert_int_equal(ind_chart_write_stream(c, f, &err), IND_EINVAL);
    fclose(f);
    ind_chart_free(c);
}

/* ======================================================================== */
/* Writing files                                                             */

static void test_write_atomic(void **state)
{
    const char *dir = *state;
    ind_error err = IND_ERROR_INIT;
    ind_chart *good = new_chart(IND_CHART_LINE, 0), *empty;
    char path[512], files[512], *before, *after;

    add_bodies(good, 0);
    join(path, sizeof path, dir, "chart.gp");
    assert_int_equal(ind_chart_write(good, path, &err), IND_OK);
    before = slurp(path, NULL);
    assert_non_null(before);
    /* A chart that cannot be written leaves the good script as it was. */
    assert_int_equal(ind_chart_new(&empty, NULL, &err), IND_OK);
    assert_int_equal(ind_chart_write(empty, path, &err), IND_EINVAL);
    after = slurp(path, NULL);
    assert_string_equal(before, after);
    list_dir(files, sizeof files, dir);
    assert_string_equal(files, "chart.gp");
    /* A folder that does not exist. */
    join(path, sizeof path, dir, "missing/chart.gp");
    assert_int_equal(ind_chart_write(good, path, &err), IND_EWRITE);
    free(before);
    free(after);
    ind_chart_free(good);
    ind_chart_free(empty);
}

/* ======================================================================== */
/* Rendering with the real gnuplot                                           */

static void test_render_kinds(void **state)
{
    const char *dir = *state;
    static const int years[] = { 2019, 2020, 2021, 2022, 2023, 2024, 2025 };
    static const double yoy[] = { 23.9, 21.5, 28.7, 21.0, 10.1, -1.0, -1.3 };
    ind_chart_options o = IND_CHART_OPTIONS_INIT;
    ind_error err = IND_ERROR_INIT;
    double idx_b[8], idx_c[7];
    char path[512], *svg;
    const char *p;
    ind_chart *c;
    int i;

    c = new_chart(IND_CHART_LINE, 0);
    add_bodies(c, 1);
    write_and_render(c, dir, "line", 960, 600);
    ind_chart_free(c);
    /* Dashed twice in SVG: the projection and its key sample (the SVG
     * terminal drops an inline dash on a key arrow). */
    join(path, sizeof path, dir, "line.svg");
    svg = slurp(path, NULL);
    assert_non_null(svg);
    for (i = 0, p = svg; (p = strstr(p, "stroke-dasharray")) != NULL; p++)
        i++;
    assert_int_equal(i, 2);
    free(svg);

    c = new_chart(IND_CHART_LINE, 0);
    add_assoc(c);
    add_bodies(c, 1);
    add_certs(c);
    write_and_render(c, dir, "panels", 960, 600);
    ind_chart_free(c);

    c = new_chart(IND_CHART_GROWTH, 0);
    add_series(c, "Certification bodies", "%", 7, years, yoy, NULL, 0);
    write_and_render(c, dir, "growth", 960, 600);
    ind_chart_free(c);

    c = new_chart(IND_CHART_INDEX, 2019);
    for (i = 0; i < 8; i++)
        idx_b[i] = bodies_values[i] / 596 * 100;
    for (i = 0; i < 7; i++)
        idx_c[i] = certs_values[i] / 1970000 * 100;
    add_series(c, "Certification bodies", "", 8, bodies_years, idx_b, NULL,
               0);
    add_series(c, "Valid certificates", "", 7, certs_years, idx_c,
               certs_marks, 0);
    write_and_render(c, dir, "index", 960, 600);
    ind_chart_free(c);

    o.width = 1200;
    o.height = 750;
    o.title = "团体标准 Association standards";
    assert_int_equal(ind_chart_new(&c, &o, &err), IND_OK);
    add_assoc(c);
    write_and_render(c, dir, "sized", 1200, 750);
    ind_chart_free(c);

    o.width = IND_CHART_MIN_WIDTH;
    o.height = IND_CHART_MIN_HEIGHT;
    o.title = NULL;
    assert_int_equal(ind_chart_new(&c, &o, &err), IND_OK);
    add_bodies(c, 1);
    write_and_render(c, dir, "small", IND_CHART_MIN_WIDTH,
                     IND_CHART_MIN_HEIGHT);
    ind_chart_free(c);
}

static void test_too_small_refused(void **state)
{
    ind_chart_options o = IND_CHART_OPTIONS_INIT;
    ind_error err = IND_ERROR_INIT;
    ind_chart *c;
    FILE *f = fopen("/dev/null", "w");
    int i;

    (void)state;
    o.width = IND_CHART_MIN_WIDTH;
    o.height = IND_CHART_MIN_HEIGHT;
    o.layout = IND_CHART_LAYOUT_PANELS;
    assert_int_equal(ind_chart_new(&c, &o, &err), IND_OK);
    for (i = 0; i < IND_CHART_MAX_SERIES; i++)
        add_certs(c);
    assert_int_equal(ind_chart_write_stream(c, f, &err), IND_EINVAL);
    assert_non_null(strstr(err.message, "larger size"));
    fclose(f);
    ind_chart_free(c);
}

/* A picture straight from the chart: no script left beside it; the
 * format from the name; gnuplot missing leaves nothing. */
static void test_draw_picture(void **state)
{
    const char *dir = *state;
    ind_chart_render_options ro = IND_CHART_RENDER_OPTIONS_INIT;
    ind_error err = IND_ERROR_INIT;
    ind_chart_format f;
    char path[512], *data;
    struct dirent *e;
    ind_chart *c;
    size_t len;
    DIR *d;
    int files = 0;

    assert_int_equal(ind_chart_format_of_path(&f, "a/b.PNG", NULL), IND_OK);
    assert_int_equal(f, IND_CHART_PNG);
    assert_int_equal(ind_chart_format_of_path(&f, "b.svg", NULL), IND_OK);
    assert_int_equal(f, IND_CHART_SVG);
    assert_int_equal(ind_chart_format_of_path(&f, "b.pdf", NULL), IND_OK);
    assert_int_equal(f, IND_CHART_PDF);
    assert_int_equal(ind_chart_format_of_path(&f, "b.gp", &err), IND_EINVAL);
    assert_int_equal(ind_chart_format_of_path(&f, "dir/.png", NULL),
                     IND_EINVAL);
    c = new_chart(IND_CHART_LINE, 0);
    add_bodies(c, 1);
    join(path, sizeof path, dir, "bodies.png");
    assert_int_equal(ind_chart_draw(c, path, IND_CHART_PNG, NULL, &err),
                     IND_OK);
    data = slurp(path, &len);
    assert_non_null(data);
    assert_memory_equal(data, "\x89PNG", 4);
    free(data);
    join(path, sizeof path, dir, "bodies.svg");
    assert_int_equal(ind_chart_draw(c, path, IND_CHART_SVG, NULL, &err),
                     IND_OK);
    data = slurp(path, NULL);
    check_svg(data);
    free(data);
    ro.gnuplot = "/nonexistent/gnuplot";
    join(path, sizeof path, dir, "missing.png");
    assert_int_equal(ind_chart_draw(c, path, IND_CHART_PNG, &ro, &err),
                     IND_EUNAVAILABLE);
    assert_non_null(strstr(err.message, "apt-get install gnuplot-nox"));
    assert_null(strstr(err.message, ".gp"));
    assert_false(exists(path));
    ind_chart_free(c);
    /* Only the two pictures are in the folder: no temporary script. */
    d = opendir(dir);
    assert_non_null(d);
    while ((e = readdir(d)) != NULL)
        if (e->d_name[0] != '.' || strlen(e->d_name) > 2) {
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            files++;
            assert_true(strcmp(e->d_name, "bodies.png") == 0 ||
                        strcmp(e->d_name, "bodies.svg") == 0);
        }
    closedir(d);
    assert_int_equal(files, 2);
}

static void test_render_same_from_any_folder(void **state)
{
    const char *dir = *state;
    ind_chart *c = new_chart(IND_CHART_LINE, 0);
    ind_error err = IND_ERROR_INIT;
    char gp[512], png[512], cwd[512], *first, *second;
    size_t n1, n2;

    add_assoc(c);
    join(gp, sizeof gp, dir, "chart.gp");
    join(png, sizeof png, dir, "chart.png");
    assert_int_equal(ind_chart_write(c, gp, &err), IND_OK);
    assert_non_null(getcwd(cwd, sizeof cwd));
    /* From the script's folder, by a relative name ... */
    assert_int_equal(chdir(dir), 0);
    assert_int_equal(ind_chart_render("chart.gp", IND_CHART_PNG, NULL, &err),
                     IND_OK);
    first = slurp(png, &n1);
    /* ... and from the root, by its full path. */
    assert_int_equal(chdir("/"), 0);
    assert_int_equal(ind_chart_render(gp, IND_CHART_PNG, NULL, &err),
                     IND_OK);
    second = slurp(png, &n2);
    assert_int_equal(chdir(cwd), 0);
    assert_non_null(first);
    assert_non_null(second);
    assert_int_equal(n1, n2);
    assert_memory_equal(first, second, n1);
    free(first);
    free(second);
    ind_chart_free(c);
}

/* The script's path reaches gnuplot only as a program argument (the
 * picture comes back on its standard output): quotes, backticks, a
 * leading "<" or "-" in the name do nothing. */
static void test_render_hostile_path(void **state)
{
    static const char *const names[] = {
        "we\"ird `touch pwned` 'q' $(touch pwned) @x.gp",
        "<touch pwned.gp",
        "-e system(\"touch pwned\").gp",
        "|touch pwned.gp",
    };
    const char *dir = *state;
    ind_chart *c = new_chart(IND_CHART_LINE, 0);
    ind_error err = IND_ERROR_INIT;
    char cwd[512], out[512];
    char *png;
    size_t i;

    add_assoc(c);
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(dir), 0);
    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        assert_int_equal(ind_chart_write(c, names[i], &err), IND_OK);
        if (ind_chart_render(names[i], IND_CHART_PNG, NULL, &err) != IND_OK)
            fail_msg("%s: %s", names[i], err.message);
        assert_int_equal(ind_chart_output_path(&png, names[i],
                                               IND_CHART_PNG, &err), IND_OK);
        assert_true(exists(png));
        free(png);
    }
    assert_false(exists("pwned"));
    assert_int_equal(chdir(cwd), 0);
    join(out, sizeof out, dir, "pwned");
    assert_false(exists(out));
    ind_chart_free(c);
}

static void test_render_without_gnuplot(void **state)
{
    const char *dir = *state;
    ind_chart_render_options ro = IND_CHART_RENDER_OPTIONS_INIT;
    ind_chart *c = new_chart(IND_CHART_LINE, 0);
    ind_error err = IND_ERROR_INIT;
    char gp[512], files[512], *path_env, *saved = NULL, *before, *after;

    add_bodies(c, 0);
    join(gp, sizeof gp, dir, "chart.gp");
    assert_int_equal(ind_chart_write(c, gp, &err), IND_OK);
    before = slurp(gp, NULL);
    /* gnuplot not on the PATH: a distinct code and how to install it. */
    path_env = getenv("PATH");
    if (path_env != NULL)
        saved = strdup(path_env);
    setenv("PATH", "/nonexistent-ind-path", 1);
    assert_int_equal(ind_chart_render(gp, IND_CHART_PNG, NULL, &err),
                     IND_EUNAVAILABLE);
    if (saved != NULL)
        setenv("PATH", saved, 1);
    free(saved);
    assert_non_null(strstr(err.message, "install"));
    assert_non_null(strstr(err.message, "apt-get install gnuplot"));
    /* A named program that does not exist, likewise. */
    ro.gnuplot = "/nonexistent/gnuplot";
    assert_int_equal(ind_chart_render(gp, IND_CHART_SVG, &ro, &err),
                     IND_EUNAVAILABLE);
    /* The script is untouched and no picture, not even an empty one. */
    after = slurp(gp, NULL);
    assert_string_equal(before, after);
    list_dir(files, sizeof files, dir);
    assert_string_equal(files, "chart.gp");
    free(before);
    free(after);
    ind_chart_free(c);
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");

    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void test_render_reports_gnuplot_errors(void **state)
{
    const char *dir = *state;
    ind_chart_render_options ro = IND_CHART_RENDER_OPTIONS_INIT;
    ind_error err = IND_ERROR_INIT;
    char gp[512], files[512];
    time_t t0;

    join(gp, sizeof gp, dir, "bad.gp");
    write_text(gp, "set terminal pngcairo\nplot x\nset nonsense 1\n");
    assert_int_equal(ind_chart_render(gp, IND_CHART_PNG, NULL, &err),
                     IND_EEXTERNAL);
    assert_non_null(strstr(err.message, "exit status 1"));
    assert_non_null(strstr(err.message, "line 3"));
    list_dir(files, sizeof files, dir);
    assert_string_equal(files, "bad.gp");
    /* A script that draws nothing. */
    write_text(gp, "print \"nothing\"\n");
    assert_int_equal(ind_chart_render(gp, IND_CHART_PNG, NULL, &err),
                     IND_EEXTERNAL);
    assert_non_null(strstr(err.message, "drew nothing"));
    /* A script that runs too long is stopped. */
    write_text(gp, "pause 20\n");
    ro.timeout_seconds = 1;
    t0 = time(NULL);
    assert_int_equal(ind_chart_render(gp, IND_CHART_PNG, &ro, &err),
                     IND_EEXTERNAL);
    assert_true(time(NULL) - t0 < 10);
    assert_non_null(strstr(err.message, "in time"));
    /* A missing script. */
    join(gp, sizeof gp, dir, "missing.gp");
    assert_int_equal(ind_chart_render(gp, IND_CHART_PNG, NULL, &err),
                     IND_ENOTFOUND);
    list_dir(files, sizeof files, dir);
    assert_string_equal(files, "bad.gp");
}

/* ======================================================================== */
/* Hostile and ordinary texts                                                */

/* Texts that would run a command, write a file, or end a datablock early
 * if they reached gnuplot unescaped. MARK is replaced by the marker path
 * the test then looks for. */
static const char *const hostile[] = {
    "`touch MARK`",
    "\" . system(\"touch MARK\") . \"",
    "system(\"touch MARK\")",
    "x\" ; system(\"touch MARK\") ; \"",
    "@ind_font_title @MARK",
    "eval(\"system('touch MARK')\")",
    "\"; eval \"!touch MARK\"; \"",
    "load \"/etc/passwd\"",
    "\"\nset output \"|touch MARK\"\nplot x\n\"",
    "\nset print \"|touch MARK\"\nprint 1",
    "title\n!touch MARK",
    "title\r!touch MARK",
    "title\xe2\x80\xa8!touch MARK",
    "title\xc2\x85!touch MARK",
    "IND_END_OF_DATA\n!touch MARK\nsystem(\"touch MARK\")",
    "\nIND_END_OF_DATA\nEOD\nsystem(\"touch MARK\")",
    "ends with a backslash \\",
    "C:\\data\\\\",
    "\\\"` \\` \\\\` touch MARK",
    "%s%n%d%%%x",
    "$(touch MARK) ${IFS} ; | & < > touch MARK",
    "if (1) { system(\"touch MARK\") }",
    "\xff\xfe invalid \xc0\xaf\xed\xa0\x80\xf8\x88\x80\x80\x80 utf-8",
    "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d RTL \xe2\x80\xaeoverride\xe2\x80\xac "
    "zero\xe2\x80\x8bwidth \xe2\x81\xa6isolate\xe2\x81\xa9",
    "]]> <svg> <![CDATA[ & &amp; <!-- -->",
    "import f(x) from \"MARK:f\"",
};

/* Replace every "MARK" in `text` by `marker`. */
static char *with_marker(const char *text, const char *marker)
{
    size_t n = strlen(text) + 1, i;
    char *out;
    const char *p;

    for (p = strstr(text, "MARK"); p != NULL; p = strstr(p + 4, "MARK"))
        n += strlen(marker);
    out = malloc(n);
    assert_non_null(out);
    for (i = 0, p = text; *p != '\0';) {
        if (strncmp(p, "MARK", 4) == 0) {
            memcpy(out + i, marker, strlen(marker));
            i += strlen(marker);
            p += 4;
        } else {
            out[i++] = *p++;
        }
    }
    out[i] = '\0';
    return out;
}

/* A chart whose every text is `text`: title, note, names, units, model,
 * sources, dataset path and a command word. */
static ind_chart *chart_with_text(ind_chart_kind kind, const char *text,
                                  int panels)
{
    const char *argv[] = { "indicators", "chart", text };
    ind_chart_options o = IND_CHART_OPTIONS_INIT;
    ind_chart_series s = IND_CHART_SERIES_INIT;
    ind_error err = IND_ERROR_INIT;
    const char *sources[] = { text };
    ind_chart *c;
    int k;

    o.kind = kind;
    o.base_year = 2000; /* no point there, so the values need no rebasing */
    o.layout = panels ? IND_CHART_LAYOUT_PANELS : IND_CHART_LAYOUT_AUTO;
    o.title = text;
    o.note = text;
    o.created = CREATED;
    o.dataset_path = text;
    o.dataset_sha256 = FIXTURE_SHA;
    o.argc = 3;
    o.argv = argv;
    assert_int_equal(ind_chart_new(&c, &o, &err), IND_OK);
    for (k = 0; k < (panels ? 2 : 1); k++) {
        s.name = text[0] ? text : "x";
        s.unit = text;
        s.length = 8;
        s.years = bodies_years;
        s.values = bodies_values;
        s.sources = sources;
        s.n_sources = 1;
        if (kind != IND_CHART_GROWTH) {
            s.projection.model = text;
            s.projection.length = 5;
            s.projection.years = proj_years;
            s.projection.mean = proj_mean;
            set_band(&s.projection, 0, 80, proj_lo80, proj_hi80);
        }
        if (ind_chart_add(c, &s, &err) != IND_OK)
            fail_msg("%s", err.message);
    }
    return c;
}

/* Write and render (PNG and SVG) a chart carrying `text`; both renders
 * must succeed, the structure hold, and no marker file appear. */
static void render_hostile(const char *dir, const char *text,
                           ind_chart_kind kind, int panels)
{
    char marker[512], gp[512], svgpath[512], files[512], *t, *s, *svg;
    ind_error err = IND_ERROR_INIT;
    structure st;
    ind_chart *c;

    join(marker, sizeof marker, dir, "pwned");
    join(gp, sizeof gp, dir, "chart.gp");
    join(svgpath, sizeof svgpath, dir, "chart.svg");
    t = with_marker(text, marker);
    c = chart_with_text(kind, t, panels);
    s = script_of(c);
    check_structure(&st, s);
    /* Per series: its points, and its projection (5 years and the joining
     * row) unless bars. */
    assert_int_equal(st.blocks, (panels ? 2 : 1) *
                                (kind == IND_CHART_GROWTH ? 1 : 2));
    assert_int_equal(st.rows, (panels ? 2 : 1) *
                              (kind == IND_CHART_GROWTH ? 8 : 8 + 6));
    assert_int_equal(ind_chart_write(c, gp, &err), IND_OK);
    if (ind_chart_render(gp, IND_CHART_PNG, NULL, &err) != IND_OK)
        fail_msg("PNG of %s: %s", text, err.message);
    if (ind_chart_render(gp, IND_CHART_SVG, NULL, &err) != IND_OK)
        fail_msg("SVG of %s: %s", text, err.message);
    svg = slurp(svgpath, NULL);
    check_svg(svg);
    assert_false(exists(marker));
    list_dir(files, sizeof files, dir);
    assert_string_equal(files, "chart.gp chart.png chart.svg");
    structure_free(&st);
    free(svg);
    free(s);
    free(t);
    ind_chart_free(c);
}

static void test_hostile_texts(void **state)
{
    const char *dir = *state;
    size_t i;

    for (i = 0; i < sizeof hostile / sizeof hostile[0]; i++)
        render_hostile(dir, hostile[i], IND_CHART_LINE, 0);
    render_hostile(dir, hostile[1], IND_CHART_LINE, 1);
    render_hostile(dir, hostile[10], IND_CHART_GROWTH, 0);
    render_hostile(dir, hostile[14], IND_CHART_INDEX, 0);
}

static void test_very_long_text(void **state)
{
    const char *dir = *state;
    char *text = malloc(200001);
    size_t i;

    assert_non_null(text);
    for (i = 0; i < 200000; i++)
        text[i] = "ab\"`\\ 团\n"[i % 9];
    text[200000] = '\0';
    render_hostile(dir, text, IND_CHART_LINE, 0);
    free(text);
}

/* A small deterministic generator (xorshift), state kept by the caller. */
static uint32_t next_random(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* Random texts made of hostile pieces: each script must keep its
 * structure; every 40th is rendered for real. */
static void test_random_hostile_texts(void **state)
{
    static const char *const pieces[] = {
        "`", "\"", "'", "\\", "\n", "\r", "\t", "#", "@", "$", "!", ";",
        "|", "<", ">", "{", "}", "(", ")", "%", "%s", " . ", ",", "=",
        "system(\"touch MARK\")", "`touch MARK`", "IND_END_OF_DATA", "EOD",
        "\xe2\x80\xa8", "\xc2\x85", "\xff", "\xc0\xaf", "\xed\xa0\x80",
        "\xe5\x9b", "团", "\xe2\x80\xae", "\xe2\x80\x8b", "]]>", "&",
        "set output \"|touch MARK\"", "load '/etc/passwd'", "eval ",
        "\\\n", "\n!touch MARK\n", " ", "a", "Z", "0", "-", "1e9"
    };
    const char *dir = *state;
    size_t npieces = sizeof pieces / sizeof pieces[0];
    uint32_t seed = 20240607u;
    char text[512], marker[512];
    int round;

    join(marker, sizeof marker, dir, "pwned");
    for (round = 0; round < 400; round++) {
        size_t n = 1 + next_random(&seed) % 12, k, len = 0;
        structure st;
        ind_chart *c;
        char *s;

        text[0] = '\0';
        for (k = 0; k < n; k++) {
            const char *piece = pieces[next_random(&seed) % npieces];
            if (len + strlen(piece) + 1 >= sizeof text)
                break;
            memcpy(text + len, piece, strlen(piece) + 1);
            len += strlen(piece);
        }
        if (round % 40 == 0) {
            render_hostile(dir, text, (ind_chart_kind)(round / 40 % 3),
                           round % 80 == 0);
            continue;
        }
        c = chart_with_text(IND_CHART_LINE, text, round % 2);
        s = script_of(c);
        check_structure(&st, s);
        structure_free(&st);
        free(s);
        ind_chart_free(c);
    }
    assert_false(exists(marker));
}

/* Ordinary text is drawn exactly: quotes, apostrophes, backslashes, @, %,
 * Chinese, ampersands. */
static void test_ordinary_text_exact(void **state)
{
    static const char title[] = "Bodies \"certified\" (CNCA's list) \\ "
                                "100% @home 团体标准";
    static const char unit[] = "件/年 'per year' 50%";
    static const char source[] = "C:\\data\\bulletin.pdf @ 2024, p. 5 & "
                                 "<annex> 认证";
    static const char note[] = "Note: 2019 is a March reading; `E` marks "
                               "\"provisional\" figures";
    static const char name[] = "认证机构 Certification bodies (O'Neil & Co)";
    const char *dir = *state;
    ind_chart_options o = IND_CHART_OPTIONS_INIT;
    ind_chart_series s = IND_CHART_SERIES_INIT;
    const char *sources[] = { source };
    ind_error err = IND_ERROR_INIT;
    char gp[512], svgpath[512], want[512], *svg;
    ind_chart *c;

    o.title = title;
    o.note = note;
    o.created = CREATED;
    assert_int_equal(ind_chart_new(&c, &o, &err), IND_OK);
    s.name = name;
    s.unit = unit;
    s.length = 8;
    s.years = bodies_years;
    s.values = bodies_values;
    s.sources = sources;
    s.n_sources = 1;
    s.projection.model = "Holt's linear (damped)";
    s.projection.length = 5;
    s.projection.years = proj_years;
    s.projection.mean = proj_mean;
    assert_int_equal(ind_chart_add(c, &s, &err), IND_OK);
    join(gp, sizeof gp, dir, "chart.gp");
    join(svgpath, sizeof svgpath, dir, "chart.svg");
    assert_int_equal(ind_chart_write(c, gp, &err), IND_OK);
    assert_int_equal(ind_chart_render(gp, IND_CHART_SVG, NULL, &err),
                     IND_OK);
    svg = slurp(svgpath, NULL);
    check_svg(svg);
    assert_true(svg_shows(svg, title));
    assert_true(svg_shows(svg, note));
    assert_true(svg_shows(svg, unit)); /* the y axis label */
    snprintf(want, sizeof want, "Source: %s", source);
    assert_true(svg_shows(svg, want));
    snprintf(want, sizeof want, "%s, 2018\xe2\x80\x93" "2025; projection to "
             "2030 (Holt's linear (damped))", unit);
    assert_true(svg_shows(svg, want));
    assert_true(svg_shows(svg, "projection (Holt's linear (damped))"));
    free(svg);
    ind_chart_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_text),
        cmocka_unit_test(test_wrap_text),
        cmocka_unit_test(test_source_names),
        cmocka_unit_test(test_axis),
        cmocka_unit_test(test_coordinates),
        cmocka_unit_test(test_parse_helpers),
        cmocka_unit_test(test_mark_of),
        cmocka_unit_test(test_options_rejected),
        cmocka_unit_test(test_series_rejected),
        cmocka_unit_test(test_header),
        cmocka_unit_test(test_header_digest_from_file),
        cmocka_unit_test(test_gaps_and_marks),
        cmocka_unit_test(test_projection_and_labels),
        cmocka_unit_test(test_lang_words),
        cmocka_unit_test(test_text_overrides),
        cmocka_unit_test(test_layout_choice),
        cmocka_unit_test(test_growth_script),
        cmocka_unit_test(test_index_script),
        cmocka_unit_test(test_growth_shared_refused),
        cmocka_unit_test(test_too_small_refused),
        cmocka_unit_test_setup_teardown(test_write_atomic, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_render_kinds, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_draw_picture, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_render_same_from_any_folder,
                                        make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_render_hostile_path, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_render_without_gnuplot,
                                        make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_render_reports_gnuplot_errors,
                                        make_dir, remove_dir),
        cmocka_unit_test_setup_teardown(test_hostile_texts, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_very_long_text, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_random_hostile_texts, make_dir,
                                        remove_dir),
        cmocka_unit_test_setup_teardown(test_ordinary_text_exact, make_dir,
                                        remove_dir),
    };

    ind_library_init();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
