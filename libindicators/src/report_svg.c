/* report_svg: an SVG document parsed and written again from an allow-list,
 * to be placed inside an HTML page. gnuplot writes the pictures, but their
 * texts come from a dataset, and a page that inlines several pictures
 * needs ids that do not collide: every element and attribute outside the
 * list goes (a script, an event handler, a foreign object, an image that
 * would be fetched), every reference must point inside the picture, and
 * every id gets the figure's prefix. Text is decoded and escaped again.
 *
 * The parser reads the XML that SVG writers produce: elements, attributes
 * in single or double quotes, text with the five predefined entities and
 * character references, comments, processing instructions, CDATA and a
 * DOCTYPE without an internal subset. Anything else is an error. */
#include "report_internal.h"
#include "error_internal.h"
#include "text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DEPTH 64
#define MAX_INPUT (64u << 20)
#define MAX_NAME 64

static const char *const elements[] = {
    "svg", "g", "defs", "title", "desc", "rect", "circle", "ellipse", "line",
    "polyline", "polygon", "path", "text", "tspan", "use", "symbol",
    "clipPath", "mask", "pattern", "marker", "linearGradient",
    "radialGradient", "stop", "filter", "feFlood", "feComposite", "feOffset",
    "feGaussianBlur", "feBlend", "feMerge", "feMergeNode", "feColorMatrix"
};

/* Attributes kept as they are (their values are escaped on output and
 * any url() in them must be local). */
static const char *const attributes[] = {
    "x", "y", "x1", "y1", "x2", "y2", "cx", "cy", "r", "rx", "ry", "width",
    "height", "d", "points", "transform", "viewBox", "preserveAspectRatio",
    "dx", "dy", "rotate", "textLength", "lengthAdjust", "offset", "fill",
    "fill-opacity", "fill-rule", "stroke", "stroke-width", "stroke-opacity",
    "stroke-dasharray", "stroke-dashoffset", "stroke-linecap",
    "stroke-linejoin", "stroke-miterlimit", "opacity", "color",
    "font-family", "font-size", "font-weight", "font-style", "text-anchor",
    "dominant-baseline", "alignment-baseline", "visibility", "display",
    "clip-path", "clip-rule", "mask", "filter", "shape-rendering",
    "text-rendering", "stop-color", "stop-opacity", "flood-color",
    "flood-opacity", "marker-start", "marker-mid", "marker-end",
    "vector-effect", "filterUnits", "primitiveUnits", "in", "in2",
    "operator", "result", "stdDeviation", "mode", "values", "type", "k1",
    "k2", "k3", "k4", "patternUnits", "patternContentUnits",
    "patternTransform", "gradientUnits", "gradientTransform",
    "spreadMethod", "fx", "fy", "markerWidth", "markerHeight", "refX",
    "refY", "orient", "markerUnits", "maskUnits", "maskContentUnits",
    "clipPathUnits", "xml:space", "version"
};

/* Properties a style attribute may set: the presentation attributes. */
static const char *const properties[] = {
    "fill", "fill-opacity", "fill-rule", "stroke", "stroke-width",
    "stroke-opacity", "stroke-dasharray", "stroke-dashoffset",
    "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "opacity",
    "color", "font-family", "font-size", "font-weight", "font-style",
    "text-anchor", "dominant-baseline", "visibility", "display",
    "clip-path", "mask", "filter", "shape-rendering", "stop-color",
    "stop-opacity", "flood-color", "flood-opacity"
};

static int in_list(const char *const *list, size_t n, const char *name)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (strcmp(list[i], name) == 0)
            return 1;
    return 0;
}

#define IN(list, name) in_list(list, sizeof list / sizeof list[0], name)

/* Elements whose text is content (kept as it is, spaces included). */
static int holds_text(const char *name)
{
    return strcmp(name, "text") == 0 || strcmp(name, "tspan") == 0 ||
           strcmp(name, "title") == 0 || strcmp(name, "desc") == 0;
}

typedef struct parser {
    const char *s;
    size_t len, pos;
    FILE *out;
    const char *prefix;
    ind_error *err;
    char names[MAX_DEPTH][MAX_NAME]; /* open elements */
    unsigned char kept[MAX_DEPTH];   /* 1: written out */
    size_t depth;
    size_t skipping;                 /* depth of a dropped element, 0 */
    int root_seen;
} parser;

static unsigned long line_of(const parser *p)
{
    unsigned long line = 1;
    size_t i;

    for (i = 0; i < p->pos && i < p->len; i++)
        line += p->s[i] == '\n';
    return line;
}

static int fail(parser *p, const char *what)
{
    return ind_error_set(p->err, IND_EPARSE, "figure SVG, line %lu: %s",
                         line_of(p), what);
}

static int starts(const parser *p, const char *lit)
{
    size_t n = strlen(lit);

    return p->len - p->pos >= n && memcmp(p->s + p->pos, lit, n) == 0;
}

/* Move past the next occurrence of lit; -1 when there is none. */
static int skip_past(parser *p, const char *lit)
{
    size_t n = strlen(lit);
    const char *at;

    for (at = p->s + p->pos; (size_t)(at - p->s) + n <= p->len; at++)
        if (memcmp(at, lit, n) == 0) {
            p->pos = (size_t)(at - p->s) + n;
            return 0;
        }
    return -1;
}

static int is_name_char(int c)
{
    return isalnum(c) || c == '-' || c == '_' || c == ':' || c == '.';
}

/* Read a name into buf (at most MAX_NAME - 1 bytes); -1 when there is
 * none or it is too long. */
static int read_name(parser *p, char *buf)
{
    size_t n = 0;

    while (p->pos < p->len && is_name_char((unsigned char)p->s[p->pos])) {
        if (n + 1 >= MAX_NAME)
            return -1;
        buf[n++] = p->s[p->pos++];
    }
    buf[n] = '\0';
    return n > 0 && !isdigit((unsigned char)buf[0]) && buf[0] != '-' ? 0 : -1;
}

static void skip_space(parser *p)
{
    while (p->pos < p->len && isspace((unsigned char)p->s[p->pos]))
        p->pos++;
}

/* ---- Text and entities ------------------------------------------------ */

static void put_utf8(char *buf, size_t *n, unsigned long cp)
{
    if (cp < 0x80) {
        buf[(*n)++] = (char)cp;
    } else if (cp < 0x800) {
        buf[(*n)++] = (char)(0xC0 | (cp >> 6));
        buf[(*n)++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        buf[(*n)++] = (char)(0xE0 | (cp >> 12));
        buf[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[(*n)++] = (char)(0x80 | (cp & 0x3F));
    } else {
        buf[(*n)++] = (char)(0xF0 | (cp >> 18));
        buf[(*n)++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        buf[(*n)++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[(*n)++] = (char)(0x80 | (cp & 0x3F));
    }
}

/* Decode s[0..len) (entities and character references) into a new
 * cleaned string; NULL with *bad set for an unknown entity, NULL alone
 * when out of memory. */
static char *decode(const char *s, size_t len, int *bad)
{
    static const struct { const char *name; char c; } named[] = {
        { "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' },
        { "apos;", '\'' }
    };
    char *buf = malloc(len * 2 + 1), *out;
    size_t i = 0, n = 0, k;

    *bad = 0;
    if (buf == NULL)
        return NULL;
    while (i < len) {
        if (s[i] != '&') {
            buf[n++] = s[i++];
            continue;
        }
        if (i + 2 < len && s[i + 1] == '#') {
            unsigned long cp = 0;
            int hex = s[i + 2] == 'x' || s[i + 2] == 'X', digits = 0;
            k = i + 2 + (size_t)hex;
            while (k < len && (hex ? isxdigit((unsigned char)s[k])
                                   : isdigit((unsigned char)s[k])) &&
                   digits < 8) {
                cp = cp * (hex ? 16 : 10) +
                     (unsigned long)(isdigit((unsigned char)s[k])
                                         ? s[k] - '0'
                                         : tolower((unsigned char)s[k]) -
                                               'a' + 10);
                k++;
                digits++;
            }
            if (digits == 0 || k >= len || s[k] != ';') {
                *bad = 1;
                break;
            }
            if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                cp = 0xFFFD;
            put_utf8(buf, &n, cp);
            i = k + 1;
            continue;
        }
        for (k = 0; k < sizeof named / sizeof named[0]; k++)
            if (len - i - 1 >= strlen(named[k].name) &&
                memcmp(s + i + 1, named[k].name, strlen(named[k].name)) == 0)
                break;
        if (k == sizeof named / sizeof named[0]) {
            *bad = 1;
            break;
        }
        buf[n++] = named[k].c;
        i += 1 + strlen(named[k].name);
    }
    buf[n] = '\0';
    if (*bad) {
        free(buf);
        return NULL;
    }
    /* Invalid UTF-8 and control characters go, as for any text. */
    out = ind_text_sanitize(buf, 0, 1);
    free(buf);
    return out;
}

/* A cleaned copy of s[0..len) without decoding (CDATA is literal). */
static char *literal(const char *s, size_t len)
{
    char *t = malloc(len + 1), *out;

    if (t == NULL)
        return NULL;
    memcpy(t, s, len);
    t[len] = '\0';
    out = ind_text_sanitize(t, 0, 1);
    free(t);
    return out;
}

/* Text of the open element: entities decoded (`entities`) or literal,
 * escaped again. Whitespace-only text between elements is dropped (the
 * picture does not change); other text belongs in a text element. */
static int put_text(parser *p, const char *s, size_t len, int entities)
{
    size_t i;
    char *t;
    int bad = 0;

    for (i = 0; i < len && isspace((unsigned char)s[i]); i++)
        ;
    if (p->depth == 0) {
        if (i < len)
            return fail(p, "text outside the root element");
        return IND_OK;
    }
    if (p->skipping)
        return IND_OK;
    if (!holds_text(p->names[p->depth - 1])) {
        if (i < len)
            return fail(p, "text outside a text element");
        return IND_OK;
    }
    t = entities ? decode(s, len, &bad) : literal(s, len);
    if (t == NULL)
        return bad ? fail(p, "an unknown entity in text")
                   : ind_error_set(p->err, IND_ENOMEM, "out of memory");
    /* leading and trailing spaces count in SVG text: keep one */
    if (len > 0 && isspace((unsigned char)s[0]))
        fputc(' ', p->out);
    report_put_html(p->out, t);
    if (len > 0 && isspace((unsigned char)s[len - 1]) && t[0] != '\0')
        fputc(' ', p->out);
    free(t);
    return IND_OK;
}

/* ---- Attributes --------------------------------------------------------- */

static int is_id(const char *v)
{
    const char *q;

    if (v[0] == '\0' || strlen(v) > 100)
        return 0;
    for (q = v; *q != '\0'; q++)
        if (!isalnum((unsigned char)*q) && *q != '_' && *q != '-' &&
            *q != '.' && *q != ':')
            return 0;
    return 1;
}

/* Write v with every url(#id) rewritten to the prefixed id; returns -1
 * (nothing written) when some url() is not a local reference. */
static int put_urls(parser *p, const char *v, int write)
{
    const char *q = v, *at;
    char id[128];

    while ((at = strstr(q, "url(")) != NULL) {
        const char *s = at + 4, *e;
        size_t n;
        if (*s == '\'' || *s == '"')
            s++;
        if (*s != '#')
            return -1;
        s++;
        e = s;
        while (*e != '\0' && *e != ')' && *e != '\'' && *e != '"')
            e++;
        n = (size_t)(e - s);
        if (n == 0 || n >= sizeof id)
            return -1;
        memcpy(id, s, n);
        id[n] = '\0';
        if (!is_id(id))
            return -1;
        while (*e == '\'' || *e == '"')
            e++;
        if (*e != ')')
            return -1;
        if (write) {
            fwrite(q, 1, (size_t)(at - q), p->out);
            fputs("url(#", p->out);
            report_put_html(p->out, p->prefix);
            report_put_html(p->out, id);
            fputc(')', p->out);
        }
        q = e + 1;
    }
    if (write)
        report_put_html(p->out, q);
    return 0;
}

/* Keep from a style attribute only the allowed properties with plain
 * values (letters, digits, spaces, # . , % ( ) - and local url()). */
static void put_style(parser *p, const char *v)
{
    const char *q = v;
    int first = 1;

    while (*q != '\0') {
        const char *end = strchr(q, ';'), *colon;
        size_t n = end ? (size_t)(end - q) : strlen(q), i;
        char decl[256], prop[64], *val;
        int plain = 1;

        if (n < sizeof decl) {
            memcpy(decl, q, n);
            decl[n] = '\0';
            colon = strchr(decl, ':');
            if (colon != NULL && (size_t)(colon - decl) < sizeof prop) {
                size_t pn = (size_t)(colon - decl), a = 0, b = pn;
                while (a < b && isspace((unsigned char)decl[a]))
                    a++;
                while (b > a && isspace((unsigned char)decl[b - 1]))
                    b--;
                memcpy(prop, decl + a, b - a);
                prop[b - a] = '\0';
                val = decl + pn + 1;
                for (i = 0; val[i] != '\0'; i++)
                    if (!isalnum((unsigned char)val[i]) &&
                        strchr(" #.,%()-'\"", val[i]) == NULL)
                        plain = 0;
                if (plain && IN(properties, prop) &&
                    put_urls(p, val, 0) == 0) {
                    fputs(first ? "" : ";", p->out);
                    report_put_html(p->out, prop);
                    fputc(':', p->out);
                    put_urls(p, val, 1);
                    first = 0;
                }
            }
        }
        q += n;
        if (*q == ';')
            q++;
    }
}

/* Write one attribute of a kept element, or nothing when it goes. */
static void put_attribute(parser *p, const char *name, const char *v)
{
    if (strcmp(name, "id") == 0) {
        if (is_id(v)) {
            fputs(" id=\"", p->out);
            report_put_html(p->out, p->prefix);
            report_put_html(p->out, v);
            fputc('"', p->out);
        }
    } else if (strcmp(name, "href") == 0 || strcmp(name, "xlink:href") == 0) {
        if (v[0] == '#' && is_id(v + 1)) {
            fprintf(p->out, " %s=\"#", name);
            report_put_html(p->out, p->prefix);
            report_put_html(p->out, v + 1);
            fputc('"', p->out);
        }
    } else if (strcmp(name, "class") == 0) {
        if (strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                      "0123456789_- ") == strlen(v)) {
            fputs(" class=\"", p->out);
            report_put_html(p->out, v);
            fputc('"', p->out);
        }
    } else if (strcmp(name, "style") == 0) {
        fputs(" style=\"", p->out);
        put_style(p, v);
        fputc('"', p->out);
    } else if (IN(attributes, name) && put_urls(p, v, 0) == 0) {
        fprintf(p->out, " %s=\"", name);
        put_urls(p, v, 1);
        fputc('"', p->out);
    }
}

/* ---- Elements ------------------------------------------------------------- */

/* Read the attributes of a start tag (writing those kept when `keep`)
 * up to its end; *empty is set for "/>". */
static int read_attributes(parser *p, int keep, int *empty)
{
    char name[MAX_NAME];

    for (;;) {
        const char *v0;
        char quote, *v;
        int bad;
        size_t vlen;

        skip_space(p);
        if (starts(p, "/>")) {
            p->pos += 2;
            *empty = 1;
            return IND_OK;
        }
        if (starts(p, ">")) {
            p->pos++;
            *empty = 0;
            return IND_OK;
        }
        if (read_name(p, name) != 0)
            return fail(p, "a malformed attribute");
        skip_space(p);
        if (!starts(p, "="))
            return fail(p, "an attribute without a value");
        p->pos++;
        skip_space(p);
        if (p->pos >= p->len || (p->s[p->pos] != '"' && p->s[p->pos] != '\''))
            return fail(p, "an attribute value without quotes");
        quote = p->s[p->pos++];
        v0 = p->s + p->pos;
        v = memchr(v0, quote, p->len - p->pos);
        if (v == NULL)
            return fail(p, "an unterminated attribute value");
        vlen = (size_t)(v - v0);
        p->pos += vlen + 1;
        if (memchr(v0, '<', vlen) != NULL)
            return fail(p, "'<' in an attribute value");
        if (!keep || strncmp(name, "xmlns", 5) == 0)
            continue;
        v = decode(v0, vlen, &bad);
        if (v == NULL)
            return bad ? fail(p, "an unknown entity in an attribute")
                       : ind_error_set(p->err, IND_ENOMEM, "out of memory");
        put_attribute(p, name, v);
        free(v);
    }
}

static int start_tag(parser *p)
{
    char name[MAX_NAME];
    int keep, empty = 0, rc;

    p->pos++; /* '<' */
    if (read_name(p, name) != 0)
        return fail(p, "a malformed element name");
    if (p->depth == MAX_DEPTH)
        return fail(p, "elements nested too deeply");
    if (!p->root_seen && strcmp(name, "svg") != 0)
        return fail(p, "the root element is not svg");
    p->root_seen = 1;
    keep = !p->skipping && IN(elements, name);
    if (keep) {
        fprintf(p->out, "<%s", name);
        if (p->depth == 0)
            fputs(" xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\""
                  "http://www.w3.org/1999/xlink\"", p->out);
    }
    rc = read_attributes(p, keep, &empty);
    if (rc != IND_OK)
        return rc;
    if (keep)
        fputs(empty ? "/>" : ">", p->out);
    if (empty)
        return p->depth == 0 ? fail(p, "an empty root element") : IND_OK;
    memcpy(p->names[p->depth], name, strlen(name) + 1);
    p->kept[p->depth] = (unsigned char)keep;
    p->depth++;
    if (!keep && !p->skipping)
        p->skipping = p->depth;
    return IND_OK;
}

static int end_tag(parser *p)
{
    char name[MAX_NAME];

    p->pos += 2; /* "</" */
    if (read_name(p, name) != 0)
        return fail(p, "a malformed end tag");
    skip_space(p);
    if (!starts(p, ">"))
        return fail(p, "a malformed end tag");
    p->pos++;
    if (p->depth == 0 || strcmp(p->names[p->depth - 1], name) != 0)
        return fail(p, "an end tag that does not match its element");
    p->depth--;
    if (p->kept[p->depth])
        fprintf(p->out, "</%s>", name);
    if (p->skipping == p->depth + 1)
        p->skipping = 0;
    return p->depth == 0 ? 1 : IND_OK; /* 1: the root is closed */
}

static int parse(parser *p)
{
    int rc;

    while (p->pos < p->len) {
        if (starts(p, "<!--")) {
            if (skip_past(p, "-->") != 0)
                return fail(p, "an unterminated comment");
        } else if (starts(p, "<?")) {
            if (skip_past(p, "?>") != 0)
                return fail(p, "an unterminated processing instruction");
        } else if (starts(p, "<![CDATA[")) {
            size_t start = p->pos + 9;
            if (skip_past(p, "]]>") != 0)
                return fail(p, "an unterminated CDATA section");
            rc = put_text(p, p->s + start, p->pos - 3 - start, 0);
            if (rc != IND_OK)
                return rc;
        } else if (starts(p, "<!DOCTYPE")) {
            size_t end = p->pos;
            while (end < p->len && p->s[end] != '>' && p->s[end] != '[')
                end++;
            if (end == p->len || p->s[end] == '[')
                return fail(p, "a DOCTYPE with an internal subset");
            p->pos = end + 1;
        } else if (starts(p, "</")) {
            rc = end_tag(p);
            if (rc == 1)
                break;
            if (rc != IND_OK)
                return rc;
        } else if (starts(p, "<")) {
            rc = start_tag(p);
            if (rc != IND_OK)
                return rc;
        } else {
            const char *lt = memchr(p->s + p->pos, '<', p->len - p->pos);
            size_t n = lt ? (size_t)(lt - (p->s + p->pos)) : p->len - p->pos;
            rc = put_text(p, p->s + p->pos, n, 1);
            if (rc != IND_OK)
                return rc;
            p->pos += n;
        }
    }
    if (!p->root_seen)
        return fail(p, "no svg element");
    if (p->depth != 0)
        return fail(p, "the svg element is not closed");
    /* After the root only comments, processing instructions and space. */
    while (p->pos < p->len) {
        skip_space(p);
        if (p->pos == p->len)
            break;
        if (starts(p, "<!--") && skip_past(p, "-->") == 0)
            continue;
        if (starts(p, "<?") && skip_past(p, "?>") == 0)
            continue;
        return fail(p, "content after the svg element");
    }
    return IND_OK;
}

int report_svg_rebuild(char **out, const char *svg, size_t len,
                       const char *prefix, ind_error *err)
{
    char *buf = NULL;
    size_t size = 0;
    parser *p;
    int rc;

    *out = NULL;
    if (len > MAX_INPUT)
        return ind_error_set(err, IND_EPARSE, "figure SVG: %zu bytes is "
                             "over the %u MB accepted", len, MAX_INPUT >> 20);
    if (memchr(svg, '\0', len) != NULL)
        return ind_error_set(err, IND_EPARSE, "figure SVG: a NUL byte");
    p = calloc(1, sizeof *p);
    if (p == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    p->out = open_memstream(&buf, &size);
    if (p->out == NULL) {
        free(p);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    p->s = svg;
    p->len = len;
    p->prefix = prefix;
    p->err = err;
    rc = parse(p);
    if (fclose(p->out) != 0 && rc == IND_OK)
        rc = ind_error_set(err, IND_ENOMEM, "out of memory");
    free(p);
    if (rc != IND_OK) {
        free(buf);
        return rc;
    }
    *out = buf;
    return IND_OK;
}
