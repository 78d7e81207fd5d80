/* fuzz_json: the strict JSON reader (json.c; Our World in Data's metadata
 * files are read with it) on any input.
 *
 * The input is a document's bytes. Checked:
 * - a refusal is IND_EPARSE (or out of memory) with one printable line
 *   "fuzz.json:LINE:COLUMN: what", the line and column inside the input;
 * - a document that parses has texts of valid UTF-8 without NUL (checked
 *   here, apart from text.c), numbers whose value is what their text
 *   says, object names unique, nesting within IND_JSON_MAX_DEPTH;
 * - written back (names and strings with ind_json_put_string(), numbers
 *   as their text) it parses again to the same tree: the writer's escapes
 *   are read back as they were meant. */
#include "fuzz_util.h"
#include "json.h"
#include "indicators/number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void check_tree(const ind_json *j, int depth)
{
    size_t i, k;

    FUZZ_CHECK(depth <= IND_JSON_MAX_DEPTH, "nested %d deep", depth);
    switch (j->type) {
    case IND_JSON_STRING:
        FUZZ_CHECK(fuzz_valid_utf8(j->text, strlen(j->text)),
                   "a string that is not UTF-8");
        break;
    case IND_JSON_NUMBER: {
        double v;
        FUZZ_CHECK(ind_number_parse(&v, j->text, strlen(j->text), 0, NULL)
                   == IND_OK && v == j->number,
                   "the number %s is %.17g", j->text, j->number);
        break;
    }
    case IND_JSON_OBJECT:
        for (i = 0; i < j->count; i++) {
            FUZZ_CHECK(fuzz_valid_utf8(j->names[i], strlen(j->names[i])),
                       "a name that is not UTF-8");
            for (k = 0; k < i; k++)
                FUZZ_CHECK(strcmp(j->names[i], j->names[k]) != 0,
                           "the name '%s' twice", j->names[i]);
            FUZZ_CHECK(ind_json_get(j, j->names[i]) == j->items[i],
                       "ind_json_get('%s') finds another member",
                       j->names[i]);
        }
        /* fall through */
    case IND_JSON_ARRAY:
        for (i = 0; i < j->count; i++)
            check_tree(j->items[i], depth + 1);
        break;
    default:
        break;
    }
}

static void write_tree(FILE *out, const ind_json *j)
{
    size_t i;

    switch (j->type) {
    case IND_JSON_NULL: fputs("null", out); break;
    case IND_JSON_FALSE: fputs("false", out); break;
    case IND_JSON_TRUE: fputs("true", out); break;
    case IND_JSON_NUMBER: fputs(j->text, out); break;
    case IND_JSON_STRING: ind_json_put_string(out, j->text); break;
    case IND_JSON_ARRAY:
    case IND_JSON_OBJECT:
        fputc(j->type == IND_JSON_ARRAY ? '[' : '{', out);
        for (i = 0; i < j->count; i++) {
            if (i > 0)
                fputc(',', out);
            if (j->type == IND_JSON_OBJECT) {
                ind_json_put_string(out, j->names[i]);
                fputc(':', out);
            }
            write_tree(out, j->items[i]);
        }
        fputc(j->type == IND_JSON_ARRAY ? ']' : '}', out);
        break;
    }
}

static void same_tree(const ind_json *a, const ind_json *b)
{
    size_t i;

    FUZZ_CHECK(a->type == b->type, "written back, a %d became a %d",
               (int)a->type, (int)b->type);
    if (a->type == IND_JSON_STRING || a->type == IND_JSON_NUMBER)
        FUZZ_CHECK(strcmp(a->text, b->text) == 0,
                   "written back, '%s' became '%s'", a->text, b->text);
    if (a->type != IND_JSON_ARRAY && a->type != IND_JSON_OBJECT)
        return;
    FUZZ_CHECK(a->count == b->count, "written back, %zu items became %zu",
               a->count, b->count);
    for (i = 0; i < a->count; i++) {
        if (a->type == IND_JSON_OBJECT)
            FUZZ_CHECK(strcmp(a->names[i], b->names[i]) == 0,
                       "written back, the name '%s' became '%s'",
                       a->names[i], b->names[i]);
        same_tree(a->items[i], b->items[i]);
    }
}

/* The line and column just past the input's last byte, as json.c counts
 * them (characters: bytes that do not continue a UTF-8 sequence). */
static void last_place(const uint8_t *data, size_t size, unsigned long *line,
                       unsigned long *column)
{
    size_t i;

    *line = 1;
    *column = 1;
    for (i = 0; i < size; i++) {
        if (data[i] == '\n') {
            (*line)++;
            *column = 1;
        } else if ((data[i] & 0xC0) != 0x80) {
            (*column)++;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ind_json_doc *doc = NULL, *again = NULL;
    ind_error err = IND_ERROR_INIT;
    char *text = NULL, prefix[32];
    size_t len = 0;
    unsigned long line, column;
    FILE *out;
    int rc;

    rc = ind_json_parse(&doc, (const char *)data, size, "fuzz.json", &err);
    if (rc != IND_OK) {
        FUZZ_CHECK(doc == NULL, "a refusal returns a document");
        if (rc == IND_ENOMEM)
            return 0;
        FUZZ_CHECK(rc == IND_EPARSE, "refused with %d: %s", rc, err.message);
        FUZZ_CHECK(fuzz_printable_utf8(err.message, strlen(err.message)),
                   "the refusal is not one printable line: %s", err.message);
        snprintf(prefix, sizeof prefix, "fuzz.json:%lu:%u: ", err.line,
                 err.column);
        FUZZ_CHECK(strncmp(err.message, prefix, strlen(prefix)) == 0,
                   "the refusal does not start with its place (%s): %s",
                   prefix, err.message);
        last_place(data, size, &line, &column);
        FUZZ_CHECK(err.line >= 1 && err.column >= 1 &&
                   (err.line < line ||
                    (err.line == line && err.column <= column)),
                   "the refusal's place %lu:%u is past the input's end "
                   "%lu:%lu", err.line, err.column, line, column);
        return 0;
    }
    check_tree(ind_json_root(doc), 0);
    out = open_memstream(&text, &len);
    FUZZ_CHECK(out != NULL, "open_memstream");
    write_tree(out, ind_json_root(doc));
    FUZZ_CHECK(fclose(out) == 0, "writing the tree back");
    rc = ind_json_parse(&again, text, len, "again.json", &err);
    FUZZ_CHECK(rc == IND_OK || rc == IND_ENOMEM,
               "the tree written back does not parse: %s: %.200s",
               err.message, text);
    if (rc == IND_OK)
        same_tree(ind_json_root(doc), ind_json_root(again));
    ind_json_free(again);
    ind_json_free(doc);
    free(text);
    return 0;
}
