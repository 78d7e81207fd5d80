/* json: a strict reader (recursive descent over RFC 8259's grammar) and
 * the string escaping of the writers. */
#include "json.h"
#include "array.h"
#include "error_internal.h"
#include "indicators/number.h"
#include "text.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Values and texts live in blocks that are freed together. */
typedef struct block {
    struct block *next;
    size_t used, size;
    max_align_t data[];
} block;

struct ind_json_doc {
    block *blocks;
    const ind_json *root;
};

typedef struct parser {
    const char *s, *end, *p;
    const char *display;
    ind_json_doc *doc;
    ind_error *err;
    int depth;
} parser;

static void *alloc(ind_json_doc *doc, size_t n)
{
    block *b = doc->blocks;
    size_t align = sizeof(max_align_t);

    n = (n + align - 1) / align * align;
    if (b == NULL || b->size - b->used < n) {
        size_t size = n > 65536 ? n : 65536;
        b = malloc(sizeof *b + size);
        if (b == NULL)
            return NULL;
        b->size = size;
        b->used = 0;
        b->next = doc->blocks;
        doc->blocks = b;
    }
    b->used += n;
    return (char *)b->data + b->used - n;
}

/* Line and column (characters) of p. */
static void position(const parser *ps, const char *p, unsigned long *line,
                     unsigned *column)
{
    const char *q;

    *line = 1;
    *column = 1;
    for (q = ps->s; q < p && q < ps->end; q++) {
        if (*q == '\n') {
            (*line)++;
            *column = 1;
        } else if (((unsigned char)*q & 0xC0) != 0x80) {
            (*column)++;
        }
    }
}

static int fail(parser *ps, const char *at, const char *what)
{
    unsigned long line;
    unsigned column;

    position(ps, at, &line, &column);
    return ind_error_set_at(ps->err, IND_EPARSE, ps->display, line, column,
                            "%s", what);
}

static void skip_space(parser *ps)
{
    while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
                               *ps->p == '\n' || *ps->p == '\r'))
        ps->p++;
}

static int parse_value(parser *ps, const ind_json **out);

static int hex4(const char *p, unsigned long *v)
{
    int i;

    *v = 0;
    for (i = 0; i < 4; i++) {
        char c = p[i];
        *v <<= 4;
        if (c >= '0' && c <= '9')
            *v |= (unsigned long)(c - '0');
        else if (c >= 'a' && c <= 'f')
            *v |= (unsigned long)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            *v |= (unsigned long)(c - 'A' + 10);
        else
            return -1;
    }
    return 0;
}

static size_t put_utf8(char *out, unsigned long cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* A \u escape at p (after the backslash and 'u'), a pair when a high
 * surrogate. Returns the bytes consumed after "\u" or 0 when invalid. */
static size_t unicode_escape(parser *ps, const char *p, unsigned long *cp)
{
    unsigned long lo;

    if (ps->end - p < 4 || hex4(p, cp) != 0)
        return 0;
    if (*cp >= 0xDC00 && *cp <= 0xDFFF)
        return 0;
    if (*cp < 0xD800 || *cp > 0xDBFF)
        return 4;
    if (ps->end - p < 10 || p[4] != '\\' || p[5] != 'u' ||
        hex4(p + 6, &lo) != 0 || lo < 0xDC00 || lo > 0xDFFF)
        return 0;
    *cp = 0x10000 + ((*cp - 0xD800) << 10) + (lo - 0xDC00);
    return 10;
}

/* A string at ps->p (on its opening quote) into *out. */
static int parse_string(parser *ps, const char **out)
{
    const char *start = ps->p++, *q;
    char *text, *w;

    /* First pass: find the end and check; the text is never longer. */
    for (q = ps->p; q < ps->end && *q != '"'; q++) {
        if (*q == '\\')
            q++;
        else if ((unsigned char)*q < 0x20)
            return fail(ps, q, "a control character inside a string "
                        "(write it as an escape)");
    }
    if (q >= ps->end)
        return fail(ps, start, "a string is not closed");
    text = alloc(ps->doc, (size_t)(q - ps->p) + 1);
    if (text == NULL)
        return ind_error_set(ps->err, IND_ENOMEM, "out of memory");
    w = text;
    while (ps->p < q) {
        unsigned long cp;
        size_t step;
        if (*ps->p != '\\') {
            step = ind_utf8_decode(ps->p, (size_t)(q - ps->p), &cp);
            if (step == 0)
                return fail(ps, ps->p, "invalid UTF-8 in a string");
            memcpy(w, ps->p, step);
            w += step;
            ps->p += step;
            continue;
        }
        ps->p++;
        switch (*ps->p) {
        case '"': *w++ = '"'; break;
        case '\\': *w++ = '\\'; break;
        case '/': *w++ = '/'; break;
        case 'b': *w++ = '\b'; break;
        case 'f': *w++ = '\f'; break;
        case 'n': *w++ = '\n'; break;
        case 'r': *w++ = '\r'; break;
        case 't': *w++ = '\t'; break;
        case 'u':
            step = unicode_escape(ps, ps->p + 1, &cp);
            if (step == 0)
                return fail(ps, ps->p - 1, "a \\u escape that is not a "
                            "character (four hex digits, surrogates in "
                            "pairs)");
            if (cp == 0)
                return fail(ps, ps->p - 1, "\\u0000 in a string");
            w += put_utf8(w, cp);
            ps->p += step + 1; /* the 'u' and its digits */
            continue;
        default:
            return fail(ps, ps->p - 1, "an escape JSON does not have");
        }
        ps->p++;
    }
    *w = '\0';
    ps->p = q + 1;
    *out = text;
    return IND_OK;
}

/* A number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)? */
static int parse_number(parser *ps, ind_json *v)
{
    const char *start = ps->p, *q = ps->p;
    char *text;
    size_t n;

    if (q < ps->end && *q == '-')
        q++;
    if (q < ps->end && *q == '0') {
        q++;
    } else if (q < ps->end && *q >= '1' && *q <= '9') {
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    } else {
        return fail(ps, start, "not a JSON value");
    }
    if (q < ps->end && *q == '.') {
        if (++q >= ps->end || *q < '0' || *q > '9')
            return fail(ps, start, "a number with no digit after its point");
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    }
    if (q < ps->end && (*q == 'e' || *q == 'E')) {
        q++;
        if (q < ps->end && (*q == '+' || *q == '-'))
            q++;
        if (q >= ps->end || *q < '0' || *q > '9')
            return fail(ps, start, "a number with an empty exponent");
        while (q < ps->end && *q >= '0' && *q <= '9')
            q++;
    }
    n = (size_t)(q - start);
    text = alloc(ps->doc, n + 1);
    if (text == NULL)
        return ind_error_set(ps->err, IND_ENOMEM, "out of memory");
    memcpy(text, start, n);
    text[n] = '\0';
    /* The JSON grammar is a subset of the figure grammar. */
    if (ind_number_parse(&v->number, text, n, 0, NULL) != IND_OK)
        return fail(ps, start, "a number beyond the range of a double");
    v->type = IND_JSON_NUMBER;
    v->text = text;
    ps->p = q;
    return IND_OK;
}

/* Items or members into a growing list, then copied into the document. */
typedef struct list {
    const ind_json **items;
    const char **names;
    size_t n, cap, names_cap;
} list;

static int finish_list(parser *ps, list *l, ind_json *v, int object)
{
    size_t bytes = (l->n ? l->n : 1) * sizeof *v->items;

    v->count = l->n;
    v->items = alloc(ps->doc, bytes);
    v->names = object ? alloc(ps->doc, (l->n ? l->n : 1) * sizeof *v->names)
                      : NULL;
    if (v->items == NULL || (object && v->names == NULL))
        return ind_error_set(ps->err, IND_ENOMEM, "out of memory");
    if (l->n > 0) {
        memcpy(v->items, l->items, l->n * sizeof *v->items);
        if (object)
            memcpy(v->names, l->names, l->n * sizeof *v->names);
    }
    return IND_OK;
}

static int parse_container(parser *ps, ind_json *v, int object)
{
    const char close = object ? '}' : ']';
    list l = { NULL, NULL, 0, 0, 0 };
    int rc = IND_OK;

    if (++ps->depth > IND_JSON_MAX_DEPTH)
        return fail(ps, ps->p, "nested too deeply");
    v->type = object ? IND_JSON_OBJECT : IND_JSON_ARRAY;
    ps->p++;
    skip_space(ps);
    if (ps->p < ps->end && *ps->p == close) {
        ps->p++;
    } else {
        for (;;) {
            const char *name = NULL, *at;
            const ind_json *item;
            size_t k;
            skip_space(ps);
            at = ps->p;
            if (object) {
                if (ps->p >= ps->end || *ps->p != '"') {
                    rc = fail(ps, ps->p, "an object member needs a quoted "
                              "name");
                    break;
                }
                if ((rc = parse_string(ps, &name)) != IND_OK)
                    break;
                for (k = 0; k < l.n; k++)
                    if (strcmp(l.names[k], name) == 0)
                        break;
                if (k < l.n) {
                    rc = fail(ps, at, "a name given twice in one object");
                    break;
                }
                skip_space(ps);
                if (ps->p >= ps->end || *ps->p != ':') {
                    rc = fail(ps, ps->p, "':' expected after a member name");
                    break;
                }
                ps->p++;
            }
            if ((rc = parse_value(ps, &item)) != IND_OK)
                break;
            if (IND_ARRAY_RESERVE(l.items, l.cap, l.n + 1) != 0 ||
                (object && IND_ARRAY_RESERVE(l.names, l.names_cap,
                                             l.n + 1) != 0)) {
                rc = ind_error_set(ps->err, IND_ENOMEM, "out of memory");
                break;
            }
            l.items[l.n] = item;
            if (object)
                l.names[l.n] = name;
            l.n++;
            skip_space(ps);
            if (ps->p < ps->end && *ps->p == ',') {
                ps->p++;
                skip_space(ps);
                if (ps->p < ps->end && *ps->p == close) {
                    rc = fail(ps, ps->p, "a comma before the end (JSON has "
                              "no trailing commas)");
                    break;
                }
                continue;
            }
            if (ps->p < ps->end && *ps->p == close) {
                ps->p++;
                break;
            }
            rc = fail(ps, ps->p, object ? "',' or '}' expected"
                                        : "',' or ']' expected");
            break;
        }
    }
    if (rc == IND_OK)
        rc = finish_list(ps, &l, v, object);
    free(l.items);
    free(l.names);
    ps->depth--;
    return rc;
}

static int literal(parser *ps, const char *word, ind_json_type type,
                   ind_json *v)
{
    size_t n = strlen(word);

    if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, word, n) != 0)
        return fail(ps, ps->p, "not a JSON value");
    ps->p += n;
    v->type = type;
    return IND_OK;
}

static int parse_value(parser *ps, const ind_json **out)
{
    ind_json *v = alloc(ps->doc, sizeof *v);
    int rc;

    if (v == NULL)
        return ind_error_set(ps->err, IND_ENOMEM, "out of memory");
    memset(v, 0, sizeof *v);
    skip_space(ps);
    if (ps->p >= ps->end)
        return fail(ps, ps->p, "a value is missing");
    switch (*ps->p) {
    case '{': rc = parse_container(ps, v, 1); break;
    case '[': rc = parse_container(ps, v, 0); break;
    case '"':
        v->type = IND_JSON_STRING;
        rc = parse_string(ps, &v->text);
        break;
    case 't': rc = literal(ps, "true", IND_JSON_TRUE, v); break;
    case 'f': rc = literal(ps, "false", IND_JSON_FALSE, v); break;
    case 'n': rc = literal(ps, "null", IND_JSON_NULL, v); break;
    default: rc = parse_number(ps, v); break;
    }
    *out = v;
    return rc;
}

int ind_json_parse(ind_json_doc **out, const char *text, size_t len,
                   const char *display, ind_error *err)
{
    parser ps;
    ind_json_doc *doc = calloc(1, sizeof *doc);
    int rc;

    *out = NULL;
    if (doc == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    memset(&ps, 0, sizeof ps);
    ps.s = ps.p = text;
    ps.end = text + len;
    ps.display = display ? display : "JSON";
    ps.doc = doc;
    ps.err = err;
    /* A UTF-8 BOM is not JSON (RFC 8259, 8.1): refused like any text. */
    rc = parse_value(&ps, &doc->root);
    if (rc == IND_OK) {
        skip_space(&ps);
        if (ps.p < ps.end)
            rc = fail(&ps, ps.p, "text after the value");
    }
    if (rc != IND_OK) {
        ind_json_free(doc);
        return rc;
    }
    *out = doc;
    return IND_OK;
}

int ind_json_read_file(ind_json_doc **out, const char *path, ind_error *err)
{
    FILE *in = fopen(path, "rb");
    char *buf = NULL;
    size_t len = 0, cap = 0, got;
    int rc;

    *out = NULL;
    if (in == NULL)
        return ind_error_set(err, errno == ENOENT ? IND_ENOTFOUND : IND_EIO,
                             "%s: cannot open: %s", path, strerror(errno));
    for (;;) {
        if (IND_ARRAY_RESERVE(buf, cap, len + 65536) != 0) {
            fclose(in);
            free(buf);
            return ind_error_set(err, IND_ENOMEM, "out of memory");
        }
        got = fread(buf + len, 1, cap - len, in);
        len += got;
        if (got == 0 || len > IND_JSON_MAX_BYTES)
            break;
    }
    rc = ferror(in) ? IND_EIO : IND_OK;
    fclose(in);
    if (rc != IND_OK)
        rc = ind_error_set(err, IND_EIO, "%s: cannot read", path);
    else if (len > IND_JSON_MAX_BYTES)
        rc = ind_error_set(err, IND_EPARSE, "%s: larger than %u bytes", path,
                           IND_JSON_MAX_BYTES);
    else
        rc = ind_json_parse(out, buf, len, path, err);
    free(buf);
    return rc;
}

void ind_json_free(ind_json_doc *doc)
{
    block *b, *next;

    if (doc == NULL)
        return;
    for (b = doc->blocks; b != NULL; b = next) {
        next = b->next;
        free(b);
    }
    free(doc);
}

const ind_json *ind_json_root(const ind_json_doc *doc)
{
    return doc ? doc->root : NULL;
}

const ind_json *ind_json_get(const ind_json *j, const char *name)
{
    size_t i;

    if (j == NULL || j->type != IND_JSON_OBJECT)
        return NULL;
    for (i = 0; i < j->count; i++)
        if (strcmp(j->names[i], name) == 0)
            return j->items[i];
    return NULL;
}

const char *ind_json_string(const ind_json *j)
{
    return j != NULL && j->type == IND_JSON_STRING ? j->text : NULL;
}

int ind_json_put_string(FILE *out, const char *s)
{
    const unsigned char *p = (const unsigned char *)s;

    if (fputc('"', out) == EOF)
        return -1;
    for (; *p; p++) {
        int rc;
        if (*p == '"' || *p == '\\')
            rc = fprintf(out, "\\%c", *p);
        else if (*p < 0x20 || *p == 0x7F)
            rc = fprintf(out, "\\u%04x", *p);
        else if (p[0] == 0xE2 && p[1] == 0x80 &&
                 (p[2] == 0xA8 || p[2] == 0xA9)) {
            rc = fprintf(out, "\\u%04x", p[2] == 0xA8 ? 0x2028 : 0x2029);
            p += 2;
        } else
            rc = fputc(*p, out) == EOF ? -1 : 1;
        if (rc < 0)
            return -1;
    }
    return fputc('"', out) == EOF ? -1 : 0;
}
