/* Unit tests of the strict JSON reader and the string escaping (json.c):
 * what RFC 8259 allows is read, with its escapes decoded; everything it
 * does not allow is refused at its line and column. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"

static ind_json_doc *parse_ok(const char *text)
{
    ind_error err = IND_ERROR_INIT;
    ind_json_doc *doc = NULL;

    if (ind_json_parse(&doc, text, strlen(text), "t.json", &err) != IND_OK)
        fail_msg("'%s': %s", text, err.message);
    return doc;
}

static void refused(const char *text, const char *place, const char *why)
{
    ind_error err = IND_ERROR_INIT;
    ind_json_doc *doc = NULL;
    int rc = ind_json_parse(&doc, text, strlen(text), "t.json", &err);

    if (rc != IND_EPARSE || strstr(err.message, place) == NULL ||
        strstr(err.message, why) == NULL)
        fail_msg("'%s': %d '%s', want '%s ... %s'", text, rc, err.message,
                 place, why);
    assert_null(doc);
}

static void test_values(void **state)
{
    ind_json_doc *doc;
    const ind_json *root, *cols;

    (void)state;
    doc = parse_ok(" {\"a\": [1, -0.5, 2e3, 1E-5, true, false, null],\n"
                   "  \"b\": {\"c\": \"d\"}, \"e\": \"\"} \n");
    root = ind_json_root(doc);
    assert_int_equal(root->type, IND_JSON_OBJECT);
    assert_int_equal(root->count, 3);
    cols = ind_json_get(root, "a");
    assert_int_equal(cols->type, IND_JSON_ARRAY);
    assert_int_equal(cols->count, 7);
    assert_true(cols->items[0]->number == 1.0);
    assert_true(cols->items[1]->number == -0.5);
    assert_true(cols->items[2]->number == 2000.0);
    assert_true(cols->items[3]->number == 1e-5);
    assert_string_equal(cols->items[3]->text, "1E-5");
    assert_int_equal(cols->items[4]->type, IND_JSON_TRUE);
    assert_int_equal(cols->items[5]->type, IND_JSON_FALSE);
    assert_int_equal(cols->items[6]->type, IND_JSON_NULL);
    assert_string_equal(ind_json_string(ind_json_get(ind_json_get(root, "b"),
                                                     "c")), "d");
    assert_string_equal(ind_json_string(ind_json_get(root, "e")), "");
    assert_null(ind_json_get(root, "missing"));
    assert_null(ind_json_get(cols, "a"));
    assert_null(ind_json_string(cols));
    ind_json_free(doc);
    doc = parse_ok("[]");
    assert_int_equal(ind_json_root(doc)->count, 0);
    ind_json_free(doc);
    doc = parse_ok("\"top\"");
    assert_string_equal(ind_json_string(ind_json_root(doc)), "top");
    ind_json_free(doc);
    ind_json_free(NULL);
}

static void test_escapes(void **state)
{
    ind_json_doc *doc;

    (void)state;
    /* \u00e9 (2 bytes), \u2013 (3 bytes), a surrogate pair (4 bytes), the
     * short escapes, raw UTF-8 kept. */
    doc = parse_ok("[\"caf\\u00e9 \\u2013 \\ud83d\\ude00 \\\"\\\\\\/\\b\\f\\n"
                   "\\r\\t \xe2\x80\x9cq\xe2\x80\x9d\"]");
    assert_string_equal(ind_json_root(doc)->items[0]->text,
                        "caf\xc3\xa9 \xe2\x80\x93 \xf0\x9f\x98\x80 \"\\/\b\f\n"
                        "\r\t \xe2\x80\x9cq\xe2\x80\x9d");
    ind_json_free(doc);
}

static void test_refusals(void **state)
{
    char deep[200];
    size_t i;

    (void)state;
    refused("{\"a\": 1,}", "t.json:1:9: ", "no trailing commas");
    refused("[1,\n 2,\n ]", "t.json:3:2: ", "no trailing commas");
    refused("[01]", "t.json:1:3: ", "',' or ']' expected");
    refused("[1.]", "t.json:1:2: ", "no digit after its point");
    refused("[1e]", "t.json:1:2: ", "empty exponent");
    refused("[+1]", "t.json:1:2: ", "not a JSON value");
    refused("[NaN]", "t.json:1:2: ", "not a JSON value");
    refused("[.5]", "t.json:1:2: ", "not a JSON value");
    refused("['a']", "t.json:1:2: ", "not a JSON value");
    refused("{a: 1}", "t.json:1:2: ", "quoted name");
    refused("{\"a\": 1, \"a\": 2}", "t.json:1:10: ", "given twice");
    refused("[\"a\nb\"]", "t.json:1:4: ", "control character");
    refused("[\"\\x41\"]", "t.json:1:3: ", "escape JSON does not have");
    refused("[\"\\ud83d\"]", "t.json:1:3: ", "surrogates in pairs");
    refused("[\"\\ude00\"]", "t.json:1:3: ", "surrogates in pairs");
    refused("[\"\\u12\"]", "t.json:1:3: ", "four hex digits");
    refused("[\"\\u0000\"]", "t.json:1:3: ", "\\u0000");
    refused("[\"\xff\"]", "t.json:1:3: ", "invalid UTF-8");
    refused("[\"open]", "t.json:1:2: ", "not closed");
    refused("[1] [2]", "t.json:1:5: ", "text after the value");
    refused("\xef\xbb\xbf{}", "t.json:1:1: ", "not a JSON value");
    refused("", "t.json:1:1: ", "missing");
    refused("[1 2]", "t.json:1:4: ", "',' or ']' expected");
    refused("[1e999]", "t.json:1:2: ", "beyond the range");
    refused("tru", "t.json:1:1: ", "not a JSON value");
    for (i = 0; i < 100; i++)
        deep[i] = '[';
    deep[100] = '\0';
    refused(deep, "t.json:1:65: ", "nested too deeply");
}

static void test_put_string(void **state)
{
    char buf[256];
    FILE *out = fmemopen(buf, sizeof buf, "w");

    (void)state;
    assert_non_null(out);
    assert_int_equal(ind_json_put_string(out, "a\"b\\c\n\x01\x7f "
                                         "\xe2\x80\xa8 \xc3\xa9"), 0);
    fclose(out);
    assert_string_equal(buf, "\"a\\\"b\\\\c\\u000a\\u0001\\u007f \\u2028 "
                             "\xc3\xa9\"");
}

static void test_read_file(void **state)
{
    ind_error err = IND_ERROR_INIT;
    ind_json_doc *doc = NULL;
    char path[64];
    FILE *f;
    int fd;

    (void)state;
    snprintf(path, sizeof path, "/tmp/ind-json.XXXXXX");
    fd = mkstemp(path);
    assert_true(fd >= 0);
    f = fdopen(fd, "w");
    fputs("{\"columns\": {\"x\": {\"unit\": \"years\"}}}\n", f);
    fclose(f);
    assert_int_equal(ind_json_read_file(&doc, path, &err), IND_OK);
    assert_string_equal(ind_json_string(ind_json_get(ind_json_get(
        ind_json_get(ind_json_root(doc), "columns"), "x"), "unit")), "years");
    ind_json_free(doc);
    remove(path);
    assert_int_equal(ind_json_read_file(&doc, path, &err), IND_ENOTFOUND);
    assert_null(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_values),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_refusals),
        cmocka_unit_test(test_put_string),
        cmocka_unit_test(test_read_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
