/* json: a strict JSON (RFC 8259) reader into a tree, and the escaping of
 * text written as a JSON string. Internal.
 *
 * Strict means: one value, optional whitespace around it, nothing else;
 * no comments, no trailing commas, no leading zeros, no NaN, no single
 * quotes; strings valid UTF-8, with escapes only as the RFC lists them,
 * \u surrogates in pairs and no \u0000 (texts stay C strings); object
 * names unique; nesting at most IND_JSON_MAX_DEPTH. A refusal says where,
 * as "path:line:column: what" (the column counts characters). */
#ifndef IND_JSON_H
#define IND_JSON_H

#include <stddef.h>
#include <stdio.h>
#include "indicators/error.h"

#define IND_JSON_MAX_DEPTH 64
/* Largest file ind_json_read_file() takes. */
#define IND_JSON_MAX_BYTES (64u * 1024u * 1024u)

typedef enum ind_json_type {
    IND_JSON_NULL, IND_JSON_FALSE, IND_JSON_TRUE, IND_JSON_NUMBER,
    IND_JSON_STRING, IND_JSON_ARRAY, IND_JSON_OBJECT
} ind_json_type;

/* A value of the tree; every text is NUL-terminated and owned by the
 * document. */
typedef struct ind_json {
    ind_json_type type;
    const char *text;            /* a string's text; a number's as written */
    double number;               /* a number's value */
    size_t count;                /* items of an array or members of an object */
    const struct ind_json **items;
    const char **names;          /* an object's member names, in order */
} ind_json;

/* A parsed document: the root and the memory of the whole tree. */
typedef struct ind_json_doc ind_json_doc;

/* Parse text[0..len); `display` names it in messages. Returns IND_OK with
 * *out (free with ind_json_free), IND_EPARSE (err says where and why),
 * IND_ENOMEM. */
int ind_json_parse(ind_json_doc **out, const char *text, size_t len,
                   const char *display, ind_error *err);

/* Read and parse a file. Returns as ind_json_parse, or IND_ENOTFOUND /
 * IND_EIO (err says why). */
int ind_json_read_file(ind_json_doc **out, const char *path, ind_error *err);

void ind_json_free(ind_json_doc *doc);

/* The root value. */
const ind_json *ind_json_root(const ind_json_doc *doc);

/* The member `name` of an object, or NULL (also when j is not an object). */
const ind_json *ind_json_get(const ind_json *j, const char *name);

/* A string's text, or NULL when j is NULL or not a string. */
const char *ind_json_string(const ind_json *j);

/* Write s as a JSON string, quoted and escaped (control characters as
 * \uXXXX, and U+2028/U+2029 too, so the text is safe in JavaScript).
 * Returns 0 or -1 on a write error. */
int ind_json_put_string(FILE *out, const char *s);

#endif
