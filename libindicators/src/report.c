/* report: the handle and the builder. Every block and inline piece is
 * checked against the nesting rules and copied (text cleaned) here, so
 * the writers only walk a valid tree. */
#include "report_internal.h"
#include "array.h"
#include "atomicfile.h"
#include "error_internal.h"
#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MAX_COLUMNS 64
#define TEXT_MAX 20000   /* characters kept of one text */

static const char *const words[REPORT_WORD_COUNT][IND_LANG_COUNT] = {
    [RW_CONTENTS] = { "Contents", "目录" },
    [RW_SOURCES] = { "Sources", "来源" },
    [RW_NOTE] = { "Note", "说明" },
    [RW_CAVEAT] = { "Caveats", "注意" },
    [RW_SOURCE_CITE] = { "source", "来源" },
};

const char *report_word(ind_lang lang, report_word_id id)
{
    if ((unsigned)lang >= IND_LANG_COUNT)
        lang = IND_LANG_EN;
    return words[id][lang];
}

/* ---- Nodes ------------------------------------------------------------ */

static void node_release(report_node *n)
{
    size_t i;

    for (i = 0; i < n->nkids; i++) {
        node_release(n->kids[i]);
        free(n->kids[i]);
    }
    free(n->kids);
    free(n->text);
    free(n->target);
    free(n->extra);
    free(n->svg);
    free(n->align);
}

/* A new child of the innermost open node, or NULL when out of memory.
 * Its texts are the caller's to fill. */
static report_node *add_child(ind_report *r, report_kind kind)
{
    report_node *parent = r->open[r->depth], *n;

    if (IND_ARRAY_RESERVE(parent->kids, parent->kids_cap,
                          parent->nkids + 1) != 0)
        return NULL;
    n = calloc(1, sizeof *n);
    if (n == NULL)
        return NULL;
    n->kind = kind;
    parent->kids[parent->nkids++] = n;
    return n;
}

/* Undo the last add_child() (its texts could not be copied). */
static void drop_last_child(ind_report *r)
{
    report_node *parent = r->open[r->depth];
    report_node *n = parent->kids[--parent->nkids];

    node_release(n);
    free(n);
}

static int nomem(ind_error *err)
{
    return ind_error_set(err, IND_ENOMEM, "out of memory");
}

/* The kind of the innermost open container (R_HEADING stands for the
 * document itself). */
static report_kind open_kind(const ind_report *r)
{
    return r->depth == 0 ? R_HEADING : r->open[r->depth]->kind;
}

static const char *kind_name(report_kind k)
{
    static const char *const names[] = {
        "the document", "a paragraph", "a list", "an item", "a note",
        "a table", "a row", "a cell", "a list of facts", "a fact",
        "a figure", "sources", "contents", "text", "a link", "a reference",
        "a citation"
    };

    return names[k];
}

/* May a block of kind `k` go in the innermost open container? */
static int block_allowed(const ind_report *r, report_kind k)
{
    report_kind in = open_kind(r);

    switch (k) {
    case R_PARAGRAPH:
    case R_LIST:
        return in == R_HEADING || in == R_NOTE;
    case R_ITEM:
        return in == R_LIST;
    case R_ROW:
        return in == R_TABLE;
    case R_CELL:
        return in == R_ROW;
    case R_FACT:
        return in == R_FACTS;
    default:
        return in == R_HEADING;
    }
}

static int misplaced(const ind_report *r, report_kind k, ind_error *err)
{
    return ind_error_set(err, IND_EINVAL, "report: %s cannot go in %s",
                         kind_name(k), kind_name(open_kind(r)));
}

/* Add a container and open it. */
static int open_block(ind_report *r, report_kind k, int value,
                      ind_error *err)
{
    report_node *n;

    if (r == NULL)
        return ind_error_set(err, IND_EINVAL, "report: NULL handle");
    if (!block_allowed(r, k))
        return misplaced(r, k, err);
    n = add_child(r, k);
    if (n == NULL)
        return nomem(err);
    n->value = value;
    r->open[++r->depth] = n;
    return IND_OK;
}

/* A cleaned copy of text, or NULL when out of memory. */
static char *clean(const char *text)
{
    return ind_text_sanitize(text, TEXT_MAX, 1);
}

/* Inline text keeps its spaces: it runs on from the text before. */
static char *clean_inline(const char *text)
{
    return ind_text_sanitize(text, TEXT_MAX, 0);
}

/* ---- The handle --------------------------------------------------------- */

int ind_report_new(ind_report **out, const ind_report_options *opts,
                   ind_error *err)
{
    ind_report *r;

    if (out != NULL)
        *out = NULL;
    if (out == NULL || opts == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_report_new: NULL "
                             "argument");
    if (opts->version != IND_REPORT_OPTIONS_VERSION)
        return ind_error_set(err, IND_EINVAL, "report options: version %u "
                             "is not %d (initialise with "
                             "IND_REPORT_OPTIONS_INIT)", opts->version,
                             IND_REPORT_OPTIONS_VERSION);
    if ((unsigned)opts->lang >= IND_LANG_COUNT)
        return ind_error_set(err, IND_EINVAL, "report options: unknown "
                             "language %d", (int)opts->lang);
    r = calloc(1, sizeof *r);
    if (r == NULL)
        return nomem(err);
    r->lang = opts->lang;
    r->title = clean(opts->title);
    r->open[0] = &r->root;
    if (r->title == NULL) {
        free(r);
        return nomem(err);
    }
    if (r->title[0] == '\0') {
        ind_report_free(r);
        return ind_error_set(err, IND_EINVAL, "a report needs a title");
    }
    *out = r;
    return IND_OK;
}

void ind_report_free(ind_report *r)
{
    size_t i;

    if (r == NULL)
        return;
    node_release(&r->root);
    for (i = 0; i < r->n_sources; i++)
        free(r->sources[i]);
    free(r->sources);
    for (i = 0; i < r->n_anchors; i++)
        free(r->anchors[i]);
    free(r->anchors);
    free(r->title);
    free(r);
}

/* ---- Headings and anchors ---------------------------------------------- */

static int anchor_taken(const ind_report *r, const char *a)
{
    size_t i;

    /* "source-N" belong to the sources list */
    if (strncmp(a, "source-", 7) == 0 && a[7] != '\0' &&
        strspn(a + 7, "0123456789") == strlen(a + 7))
        return 1;
    for (i = 0; i < r->n_anchors; i++)
        if (strcmp(r->anchors[i], a) == 0)
            return 1;
    return 0;
}

/* The anchor for a heading: the one given or made from the text, made
 * unique with "-2", "-3"... A new string, or NULL. */
static char *unique_anchor(const ind_report *r, const char *given,
                           const char *text)
{
    char *base = given && given[0] ? strdup(given) : report_slug(text);
    char *a;
    size_t len, k;

    if (base == NULL)
        return NULL;
    if (base[0] == '\0') {
        free(base);
        base = malloc(32);
        if (base == NULL)
            return NULL;
        snprintf(base, 32, "section-%zu", r->n_anchors + 1);
    }
    len = strlen(base) + 24;
    a = malloc(len);
    if (a == NULL) {
        free(base);
        return NULL;
    }
    snprintf(a, len, "%s", base);
    for (k = 2; anchor_taken(r, a); k++)
        snprintf(a, len, "%s-%zu", base, k);
    free(base);
    return a;
}

int ind_report_heading(ind_report *r, int level, const char *text,
                       const char *anchor, ind_error *err)
{
    report_node *n;
    char *t, *a;

    if (r == NULL || text == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_report_heading: NULL "
                             "argument");
    if (level < 1 || level > 4)
        return ind_error_set(err, IND_EINVAL, "report: heading level %d "
                             "is not 1 to 4", level);
    if (anchor != NULL && anchor[0] != '\0' && !report_anchor_ok(anchor))
        return ind_error_set(err, IND_EINVAL, "report: anchor '%.40s' must "
                             "be letters, digits, '-' and '_', starting "
                             "with a letter", anchor);
    if (!block_allowed(r, R_HEADING))
        return misplaced(r, R_HEADING, err);
    t = clean(text);
    if (t == NULL)
        return nomem(err);
    if (t[0] == '\0') {
        free(t);
        return ind_error_set(err, IND_EINVAL, "report: a heading needs a "
                             "text");
    }
    a = unique_anchor(r, anchor, t);
    n = NULL;
    if (a == NULL || IND_ARRAY_RESERVE(r->anchors, r->anchors_cap,
                                       r->n_anchors + 1) != 0 ||
        (n = add_child(r, R_HEADING)) == NULL ||
        (r->anchors[r->n_anchors] = strdup(a)) == NULL) {
        if (n != NULL)
            drop_last_child(r);
        free(t);
        free(a);
        return nomem(err);
    }
    r->n_anchors++;
    n->value = level;
    n->text = t;
    n->target = a;
    return IND_OK;
}

const char *ind_report_anchor(const ind_report *r)
{
    return r && r->n_anchors ? r->anchors[r->n_anchors - 1] : "";
}

/* ---- Containers --------------------------------------------------------- */

int ind_report_begin_paragraph(ind_report *r, ind_error *err)
{
    return open_block(r, R_PARAGRAPH, 0, err);
}

int ind_report_begin_list(ind_report *r, int ordered, ind_error *err)
{
    return open_block(r, R_LIST, ordered != 0, err);
}

int ind_report_begin_item(ind_report *r, ind_error *err)
{
    return open_block(r, R_ITEM, 0, err);
}

int ind_report_begin_note(ind_report *r, ind_report_note kind,
                          ind_error *err)
{
    if ((unsigned)kind > IND_REPORT_NOTE_CAVEAT)
        return ind_error_set(err, IND_EINVAL, "report: unknown note kind "
                             "%d", (int)kind);
    return open_block(r, R_NOTE, (int)kind, err);
}

int ind_report_begin_table(ind_report *r, size_t columns,
                           const ind_report_align *align, const char *caption,
                           ind_error *err)
{
    report_node *n;
    size_t i;
    int rc;

    if (columns < 1 || columns > MAX_COLUMNS)
        return ind_error_set(err, IND_EINVAL, "report: a table has 1 to %d "
                             "columns, not %zu", MAX_COLUMNS, columns);
    for (i = 0; align != NULL && i < columns; i++)
        if ((unsigned)align[i] > IND_REPORT_CENTER)
            return ind_error_set(err, IND_EINVAL, "report: unknown "
                                 "alignment %d for column %zu",
                                 (int)align[i], i + 1);
    rc = open_block(r, R_TABLE, 0, err);
    if (rc != IND_OK)
        return rc;
    n = r->open[r->depth];
    n->number = columns;
    n->align = calloc(columns, 1);
    n->text = caption ? clean(caption) : NULL;
    if (n->align == NULL || (caption != NULL && n->text == NULL)) {
        r->depth--;
        drop_last_child(r);
        return nomem(err);
    }
    for (i = 0; align != NULL && i < columns; i++)
        n->align[i] = (unsigned char)align[i];
    return IND_OK;
}

int ind_report_begin_row(ind_report *r, int header, ind_error *err)
{
    report_node *table;

    if (r != NULL && open_kind(r) == R_TABLE) {
        table = r->open[r->depth];
        if (header && table->nkids > 0)
            return ind_error_set(err, IND_EINVAL, "report: only a table's "
                                 "first row can be its header");
        if (!header && table->nkids == 0)
            return ind_error_set(err, IND_EINVAL, "report: a table's first "
                                 "row is its header row");
    }
    return open_block(r, R_ROW, header != 0, err);
}

int ind_report_begin_cell(ind_report *r, ind_error *err)
{
    if (r != NULL && open_kind(r) == R_ROW &&
        r->open[r->depth]->nkids == r->open[r->depth - 1]->number)
        return ind_error_set(err, IND_EINVAL, "report: the table has %zu "
                             "columns; this row has them all",
                             r->open[r->depth - 1]->number);
    return open_block(r, R_CELL, 0, err);
}

int ind_report_begin_facts(ind_report *r, ind_error *err)
{
    return open_block(r, R_FACTS, 0, err);
}

int ind_report_begin_fact(ind_report *r, const char *term, ind_error *err)
{
    char *t;
    int rc;

    if (term == NULL)
        return ind_error_set(err, IND_EINVAL, "report: a fact needs a term");
    t = clean(term);
    if (t == NULL)
        return nomem(err);
    rc = open_block(r, R_FACT, 0, err);
    if (rc != IND_OK) {
        free(t);
        return rc;
    }
    r->open[r->depth]->text = t;
    return IND_OK;
}

int ind_report_end(ind_report *r, ind_error *err)
{
    report_node *n;

    if (r == NULL || r->depth == 0)
        return ind_error_set(err, IND_EINVAL, "report: nothing is open");
    n = r->open[r->depth];
    if (n->kind == R_ROW && n->nkids != r->open[r->depth - 1]->number)
        return ind_error_set(err, IND_EINVAL, "report: a row of %zu cells in "
                             "a table of %zu columns", n->nkids,
                             r->open[r->depth - 1]->number);
    if (n->kind == R_TABLE && n->nkids == 0)
        return ind_error_set(err, IND_EINVAL, "report: a table needs its "
                             "header row");
    r->depth--;
    return IND_OK;
}

/* ---- Inline content ------------------------------------------------------ */

static int inline_allowed(const ind_report *r)
{
    report_kind in = open_kind(r);

    return in == R_PARAGRAPH || in == R_ITEM || in == R_CELL || in == R_FACT;
}

/* Add an inline node with copies of text, target and extra (each may be
 * NULL). */
static int add_inline(ind_report *r, report_kind k, int value,
                      const char *text, const char *target,
                      const char *extra, ind_error *err)
{
    report_node *n;

    if (r == NULL)
        return ind_error_set(err, IND_EINVAL, "report: NULL handle");
    if (!inline_allowed(r))
        return misplaced(r, k, err);
    n = add_child(r, k);
    if (n == NULL)
        return nomem(err);
    n->value = value;
    n->text = text ? clean_inline(text) : NULL;
    n->target = target ? clean(target) : NULL;
    n->extra = extra ? clean(extra) : NULL;
    if ((text && !n->text) || (target && !n->target) ||
        (extra && !n->extra)) {
        drop_last_child(r);
        return nomem(err);
    }
    return IND_OK;
}

int ind_report_text(ind_report *r, ind_report_style style, const char *text,
                    ind_error *err)
{
    if (text == NULL || (unsigned)style > IND_REPORT_CODE)
        return ind_error_set(err, IND_EINVAL, "ind_report_text: NULL text "
                             "or unknown style");
    return add_inline(r, R_TEXT, (int)style, text, NULL, NULL, err);
}

int ind_report_link(ind_report *r, const char *text, const char *url,
                    ind_error *err)
{
    char *address;
    int rc, web;

    if (url == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_report_link: NULL "
                             "address");
    address = clean(url);
    if (address == NULL)
        return nomem(err);
    web = report_is_web_address(address);
    rc = add_inline(r, R_LINK, 0, text && text[0] ? text : address,
                    web ? address : "", web ? NULL : address, err);
    free(address);
    return rc;
}

int ind_report_ref(ind_report *r, const char *text, const char *anchor,
                   ind_error *err)
{
    if (text == NULL || anchor == NULL || !report_anchor_ok(anchor))
        return ind_error_set(err, IND_EINVAL, "ind_report_ref: a text and "
                             "a valid anchor are needed");
    return add_inline(r, R_REF, 0, text, anchor, NULL, err);
}

int ind_report_cite(ind_report *r, size_t source, ind_error *err)
{
    int rc;

    if (r == NULL || source < 1 || source > r->n_sources)
        return ind_error_set(err, IND_EINVAL, "report: no source %zu to "
                             "cite", source);
    rc = add_inline(r, R_CITE, 0, NULL, NULL, NULL, err);
    if (rc == IND_OK) {
        report_node *p = r->open[r->depth];
        p->kids[p->nkids - 1]->number = source;
    }
    return rc;
}

/* ---- Figures, sources, contents ----------------------------------------- */

/* A relative path without "..": safe to name beside the report. */
static int image_path_ok(const char *p)
{
    const char *seg = p;

    if (p[0] == '\0' || p[0] == '/' || strchr(p, '\\') != NULL ||
        strstr(p, "://") != NULL || strchr(p, ':') != NULL)
        return 0;
    while (seg != NULL) {
        if (strncmp(seg, "..", 2) == 0 && (seg[2] == '/' || seg[2] == '\0'))
            return 0;
        seg = strchr(seg, '/');
        if (seg != NULL)
            seg++;
    }
    return 1;
}

int ind_report_add_figure(ind_report *r, const ind_report_figure *f,
                          ind_error *err)
{
    char prefix[32], *svg = NULL;
    report_node *n;
    int rc;

    if (r == NULL || f == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_report_add_figure: NULL "
                             "argument");
    if (f->version != IND_REPORT_FIGURE_VERSION)
        return ind_error_set(err, IND_EINVAL, "report figure: version %u is "
                             "not %d", f->version, IND_REPORT_FIGURE_VERSION);
    if (f->alt == NULL || f->alt[0] == '\0')
        return ind_error_set(err, IND_EINVAL, "report: a figure needs an alt "
                             "text (what it shows)");
    if ((f->image == NULL || f->image[0] == '\0') && f->svg == NULL)
        return ind_error_set(err, IND_EINVAL, "report: a figure needs an "
                             "image or an SVG");
    if (f->image != NULL && f->image[0] != '\0' && !image_path_ok(f->image))
        return ind_error_set(err, IND_EINVAL, "report: image path "
                             "'%.80s' must be relative, without '..'",
                             f->image);
    if (!block_allowed(r, R_FIGURE))
        return misplaced(r, R_FIGURE, err);
    if (f->svg != NULL) {
        snprintf(prefix, sizeof prefix, "f%zu-", r->figures + 1);
        rc = report_svg_rebuild(&svg, f->svg, f->svg_length, prefix, err);
        if (rc != IND_OK)
            return rc;
    }
    n = add_child(r, R_FIGURE);
    if (n == NULL) {
        free(svg);
        return nomem(err);
    }
    n->svg = svg;
    n->text = clean(f->alt);
    n->target = clean(f->image && f->image[0] ? f->image : NULL);
    n->extra = f->caption ? clean(f->caption) : NULL;
    if (!n->text || !n->target || (f->caption && !n->extra)) {
        drop_last_child(r);
        return nomem(err);
    }
    r->figures++;
    return IND_OK;
}

int ind_report_source(ind_report *r, const char *text, size_t *number,
                      ind_error *err)
{
    char *t;
    size_t i;

    if (r == NULL || text == NULL || number == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_report_source: NULL "
                             "argument");
    t = clean(text);
    if (t == NULL)
        return nomem(err);
    if (t[0] == '\0') {
        free(t);
        return ind_error_set(err, IND_EINVAL, "report: a source needs a "
                             "text");
    }
    for (i = 0; i < r->n_sources; i++)
        if (strcmp(r->sources[i], t) == 0) {
            free(t);
            *number = i + 1;
            return IND_OK;
        }
    if (IND_ARRAY_RESERVE(r->sources, r->sources_cap, r->n_sources + 1)) {
        free(t);
        return nomem(err);
    }
    r->sources[r->n_sources++] = t;
    *number = r->n_sources;
    return IND_OK;
}

size_t ind_report_source_count(const ind_report *r)
{
    return r ? r->n_sources : 0;
}

int ind_report_sources_here(ind_report *r, ind_error *err)
{
    if (r == NULL)
        return ind_error_set(err, IND_EINVAL, "report: NULL handle");
    if (!block_allowed(r, R_SOURCES))
        return misplaced(r, R_SOURCES, err);
    return add_child(r, R_SOURCES) ? IND_OK : nomem(err);
}

int ind_report_contents_here(ind_report *r, int max_level, ind_error *err)
{
    report_node *n;

    if (r == NULL || max_level < 2 || max_level > 4)
        return ind_error_set(err, IND_EINVAL, "report: contents go to "
                             "level 2, 3 or 4");
    if (!block_allowed(r, R_CONTENTS))
        return misplaced(r, R_CONTENTS, err);
    n = add_child(r, R_CONTENTS);
    if (n == NULL)
        return nomem(err);
    n->value = max_level;
    return IND_OK;
}

void report_each_heading(const ind_report *r, report_heading_fn fn, void *ctx)
{
    size_t i;

    for (i = 0; i < r->root.nkids; i++)
        if (r->root.kids[i]->kind == R_HEADING)
            fn(ctx, r->root.kids[i]);
}

/* ---- Writing --------------------------------------------------------------- */

int ind_report_write_stream(const ind_report *r, ind_report_format format,
                            FILE *out, ind_error *err)
{
    int bad;

    if (r == NULL || out == NULL || (unsigned)format > IND_REPORT_HTML)
        return ind_error_set(err, IND_EINVAL, "ind_report_write: NULL "
                             "argument or unknown format");
    if (r->depth != 0)
        return ind_error_set(err, IND_EINVAL, "report: %s is still open",
                             kind_name(open_kind(r)));
    bad = format == IND_REPORT_MARKDOWN ? report_markdown_write(out, r)
                                        : report_html_write(out, r);
    if (bad || fflush(out) != 0 || ferror(out))
        return ind_error_set(err, IND_EWRITE, "cannot write the report");
    return IND_OK;
}

int ind_report_write(const ind_report *r, ind_report_format format,
                     const char *path, ind_error *err)
{
    ind_atomic_file *f;
    int rc;

    if (r == NULL || path == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_report_write: NULL "
                             "argument");
    if (r->depth != 0)
        return ind_error_set(err, IND_EINVAL, "report: %s is still open",
                             kind_name(open_kind(r)));
    rc = ind_atomic_open(&f, path, err);
    if (rc != IND_OK)
        return rc;
    rc = ind_report_write_stream(r, format, ind_atomic_stream(f), err);
    if (rc != IND_OK) {
        ind_atomic_abort(f);
        return rc == IND_EWRITE
                   ? ind_error_set(err, IND_EWRITE, "%s: cannot write the "
                                   "report", path)
                   : rc;
    }
    return ind_atomic_commit(f, err);
}

int ind_report_format_of_path(ind_report_format *out, const char *path,
                              ind_error *err)
{
    static const struct { const char *end; ind_report_format f; } ends[] = {
        { ".md", IND_REPORT_MARKDOWN }, { ".markdown", IND_REPORT_MARKDOWN },
        { ".html", IND_REPORT_HTML }, { ".htm", IND_REPORT_HTML }
    };
    size_t len = path ? strlen(path) : 0, i, n;

    for (i = 0; out != NULL && i < sizeof ends / sizeof ends[0]; i++) {
        n = strlen(ends[i].end);
        if (len > n && strcasecmp(path + len - n, ends[i].end) == 0 &&
            path[len - n - 1] != '/') {
            *out = ends[i].f;
            return IND_OK;
        }
    }
    return ind_error_set(err, IND_EINVAL, "'%.80s' does not end in .md or "
                         ".html", path ? path : "(null)");
}
