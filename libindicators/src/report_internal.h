/* report_internal: the report module's document model, shared by its files:
 *   report.c           the handle and the builder (nesting rules, anchors,
 *                      sources)
 *   report_escape.c    text escaped for Markdown and HTML, addresses
 *                      checked and percent-encoded
 *   report_svg.c       an SVG parsed and rebuilt from an allow-list
 *   report_markdown.c  the Markdown writer
 *   report_html.c      the HTML writer and its style sheet
 * Not part of the public API. */
#ifndef IND_REPORT_INTERNAL_H
#define IND_REPORT_INTERNAL_H

#include <stdio.h>
#include "indicators/report.h"

/* ---- The model ------------------------------------------------------------ */

typedef enum report_kind {
    /* blocks */
    R_HEADING, R_PARAGRAPH, R_LIST, R_ITEM, R_NOTE, R_TABLE, R_ROW, R_CELL,
    R_FACTS, R_FACT, R_FIGURE, R_SOURCES, R_CONTENTS,
    /* inline */
    R_TEXT, R_LINK, R_REF, R_CITE
} report_kind;

typedef struct report_node {
    report_kind kind;
    int value;           /* heading level, list ordered, note kind, row
                          * header, text style, contents depth */
    size_t number;       /* cite: the source; table: columns */
    char *text;          /* heading, inline text, link text, fact term,
                          * table caption, figure alt (cleaned) */
    char *target;        /* heading anchor, link address (cleaned, "" when
                          * not http/https), ref anchor, figure image path */
    char *extra;         /* link: the address as given when not a link;
                          * figure: caption */
    char *svg;           /* figure: the rebuilt SVG, or NULL */
    unsigned char *align; /* table: one ind_report_align per column */
    struct report_node **kids;
    size_t nkids, kids_cap;
} report_node;

#define REPORT_DEPTH 4  /* note > list > item; table > row > cell */

struct ind_report {
    ind_lang lang;
    char *title;
    report_node root;               /* the document: its kids are blocks */
    report_node *open[REPORT_DEPTH + 1]; /* open[0] is the root */
    size_t depth;
    char **sources;                 /* cleaned texts, numbered from 1 */
    size_t n_sources, sources_cap;
    char **anchors;                 /* every heading's anchor */
    size_t n_anchors, anchors_cap;
    size_t figures;                 /* figures added, for id prefixes */
};

/* The report's own words. */
typedef enum report_word_id {
    RW_CONTENTS, RW_SOURCES, RW_NOTE, RW_CAVEAT, RW_SOURCE_CITE,
    REPORT_WORD_COUNT
} report_word_id;

const char *report_word(ind_lang lang, report_word_id id);

/* ---- Escaping (report_escape.c) ----------------------------------------- */

/* 1 when text is an http or https address with a host, and nothing that
 * could end it early (spaces, quotes, angle brackets, backslashes). */
int report_is_web_address(const char *text);

/* Write an address percent-encoded: bytes outside the unreserved and
 * reserved sets of RFC 3986 (and `'`, `(`, `)`, `*`, `[`, `]`, `|` that
 * Markdown or a table would read), as %XX; a `%` not followed by two hex
 * digits as %25. With `html`, `&` is written `&amp;` (an attribute). */
void report_put_address(FILE *out, const char *address, int html);

/* HTML text or attribute value: & < > " ' as references. */
void report_put_html(FILE *out, const char *text);

/* Markdown inline text: the characters with a meaning backslash-escaped
 * (`&` and `<` as references), an `@` inside a word followed by U+2060;
 * `at_start`: the text begins a block (a list or heading marker there is
 * escaped too). */
void report_put_markdown(FILE *out, const char *text, int at_start);

/* An anchor from a heading's text: ASCII letters and digits lower-cased,
 * other runs as one '-'; "" when none. A new string, or NULL. */
char *report_slug(const char *text);

/* 1 when text is a valid anchor (see report.h). */
int report_anchor_ok(const char *text);

/* ---- SVG (report_svg.c) -------------------------------------------------- */

/* Rebuild an SVG document from the allow-list, ids prefixed with
 * `prefix`. *out receives a new string. IND_OK, IND_EPARSE (with err) or
 * IND_ENOMEM. */
int report_svg_rebuild(char **out, const char *svg, size_t len,
                       const char *prefix, ind_error *err);

/* ---- Writers -------------------------------------------------------------- */

int report_markdown_write(FILE *out, const ind_report *r);
int report_html_write(FILE *out, const ind_report *r);

/* Walk the headings of the whole report for a table of contents. */
typedef void (*report_heading_fn)(void *ctx, const report_node *heading);
void report_each_heading(const ind_report *r, report_heading_fn fn,
                         void *ctx);

#endif
