/**
 * @file indicators/report.h
 * @brief Report documents: headings, paragraphs, lists, tables, figures,
 *        notes and numbered sources, written as Markdown or as one
 *        self-contained HTML file.
 *
 * A report is built block by block, like a document is written, and then
 * written out in either format:
 *
 * - **Markdown** (GitHub Flavored): readable as text and on a
 *   code-hosting site. Figures are images beside the file, named by
 *   relative paths; each heading, and each source, carries an anchor
 *   (`<a id="...">`), so that citations and the contents link within the
 *   page.
 * - **HTML**: one file, with its CSS inline and each figure's SVG inline,
 *   that fetches nothing (a Content-Security-Policy forbids every fetch
 *   and every script), reads on a phone (it reflows; wide tables scroll
 *   sideways), and prints on A4 (print styles: page margins, no figure or
 *   table row split across pages, link addresses written out in the list
 *   of sources).
 *
 * ## Building
 *
 * Blocks go one after another at the top level: ind_report_heading(),
 * ind_report_add_figure(), ind_report_sources_here(),
 * ind_report_contents_here(), and the containers opened with an
 * `ind_report_begin_*()` function and closed with ind_report_end():
 * a paragraph, a list of items, a note (a box of paragraphs and lists),
 * a table of rows of cells, a list of facts (term and value). Inline
 * content (ind_report_text(), ind_report_link(), ind_report_ref(),
 * ind_report_cite()) goes into a paragraph, an item, a cell or a fact.
 * A call in the wrong place fails with ::IND_EINVAL and changes nothing.
 *
 * ## Sources
 *
 * ind_report_source() numbers sources in the order they are first given
 * (the same text again gets the same number); ind_report_cite() writes
 * "[n]" linked to entry n of the list that ind_report_sources_here()
 * places. An http or https address is written as a link; any other text
 * as text.
 *
 * ## Safety
 *
 * Every text is untrusted (a dataset's titles, notes, sources and
 * addresses end up here). It is cleaned when it is added: invalid UTF-8
 * becomes U+FFFD, control characters spaces, bidirectional controls
 * U+FFFD. When written it is escaped for the format: in HTML `&`, `<`,
 * `>`, `"` and `'` become references; in Markdown every character with a
 * meaning there (`\`, `` ` ``, `*`, `_`, `[`, `]`, `<`, `>`, `#`, `|`,
 * `~`, `&`, and a list or heading marker at the start of a block) is
 * escaped, and an `@` between two words gets a word joiner (U+2060) after
 * it, so that no address turns into a `mailto:` link. Only http and https
 * addresses become links; their characters outside the safe set are
 * percent-encoded. A figure's SVG is parsed and rebuilt from an allow-list
 * of elements and attributes (shapes, paths, text, gradients, patterns,
 * filters; no scripts, no event handlers, no references outside the
 * picture), its ids prefixed so that several pictures share a page.
 *
 * Lifecycle: ind_report_new(), blocks, ind_report_write(),
 * ind_report_free().
 */
#ifndef INDICATORS_REPORT_H
#define INDICATORS_REPORT_H

#include <stddef.h>
#include <stdio.h>
#include "indicators/export.h"
#include "indicators/error.h"
#include "indicators/lang.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque report; ind_report_new() makes one, ind_report_free() releases it. */
typedef struct ind_report ind_report;

/** Version of ::ind_report_options this header describes. */
#define IND_REPORT_OPTIONS_VERSION 1

/** The document as a whole. */
typedef struct ind_report_options {
    unsigned version;  /**< ::IND_REPORT_OPTIONS_VERSION. */
    const char *title; /**< The document's title (the HTML `<title>`; the
                            first heading is the caller's); required. */
    ind_lang lang;     /**< The document's language (HTML `lang`) and that
                            of the words the module writes itself
                            ("Contents", "Sources", "Table"). */
} ind_report_options;

/** Defaults: no title (one must be given), English. */
#define IND_REPORT_OPTIONS_INIT \
    { IND_REPORT_OPTIONS_VERSION, NULL, IND_LANG_EN }

/** How inline text is set. */
typedef enum ind_report_style {
    IND_REPORT_PLAIN = 0, /**< Plain text. */
    IND_REPORT_STRONG,    /**< Bold. */
    IND_REPORT_EMPHASIS,  /**< Italic. */
    IND_REPORT_CODE       /**< Monospace (ids, commands). */
} ind_report_style;

/** Horizontal alignment of a table column. */
typedef enum ind_report_align {
    IND_REPORT_LEFT = 0,  /**< Text. */
    IND_REPORT_RIGHT,     /**< Figures: right-aligned, tabular digits. */
    IND_REPORT_CENTER     /**< Short marks. */
} ind_report_align;

/** What a note is about. */
typedef enum ind_report_note {
    IND_REPORT_NOTE_INFO = 0, /**< Information. */
    IND_REPORT_NOTE_CAVEAT    /**< What a reader must know before using the figures. */
} ind_report_note;

/** Output formats. */
typedef enum ind_report_format {
    IND_REPORT_MARKDOWN = 0, /**< GitHub Flavored Markdown, `.md`. */
    IND_REPORT_HTML          /**< One self-contained HTML file, `.html`. */
} ind_report_format;

/**
 * Start a report.
 * @param out  receives the handle, to be released with ind_report_free()
 * @param opts NULL is refused: a report needs a title
 * @return IND_OK; ::IND_EINVAL for a NULL argument, an unknown version or
 *         language, or an empty title; ::IND_ENOMEM.
 */
IND_EXTERN int ind_report_new(ind_report **out, const ind_report_options *opts,
                              ind_error *err);

/** Release a report and everything it copied. NULL is a no-op. */
IND_EXTERN void ind_report_free(ind_report *report);

/**
 * A heading of level 1 (the document's title) to 4.
 * @param anchor the id links use ("summary"): letters, digits, `-` and
 *        `_`, starting with a letter; NULL or "": made from the text (or
 *        "section-N" when that leaves nothing). A repeated anchor gets
 *        "-2", "-3"...; ind_report_anchor() says what was given.
 * @return IND_OK; ::IND_EINVAL for a level outside 1..4, an empty text,
 *         a malformed anchor, or a container still open; ::IND_ENOMEM.
 */
IND_EXTERN int ind_report_heading(ind_report *report, int level,
                                  const char *text, const char *anchor,
                                  ind_error *err);

/** The anchor of the last heading added ("" when none). Valid until the
 *  next heading or ind_report_free(). */
IND_EXTERN const char *ind_report_anchor(const ind_report *report);

/** Open a paragraph (top level or in a note). */
IND_EXTERN int ind_report_begin_paragraph(ind_report *report, ind_error *err);

/** Open a list (top level or in a note): numbered when `ordered`. */
IND_EXTERN int ind_report_begin_list(ind_report *report, int ordered,
                                     ind_error *err);

/** Open an item of the open list. */
IND_EXTERN int ind_report_begin_item(ind_report *report, ind_error *err);

/** Open a note (top level): a box of paragraphs and lists. */
IND_EXTERN int ind_report_begin_note(ind_report *report, ind_report_note kind,
                                     ind_error *err);

/**
 * Open a table (top level) of `columns` columns (1..64). Its first row
 * must be a header row; every row has exactly `columns` cells.
 * @param align    one per column, or NULL for all left
 * @param caption  what the table shows, or NULL
 */
IND_EXTERN int ind_report_begin_table(ind_report *report, size_t columns,
                                      const ind_report_align *align,
                                      const char *caption, ind_error *err);

/** Open a row of the open table; `header` for the header row (first only). */
IND_EXTERN int ind_report_begin_row(ind_report *report, int header,
                                    ind_error *err);

/** Open a cell of the open row. */
IND_EXTERN int ind_report_begin_cell(ind_report *report, ind_error *err);

/** Open a list of facts (top level): terms with their values. */
IND_EXTERN int ind_report_begin_facts(ind_report *report, ind_error *err);

/** Open a fact of the open list of facts; its value is the inline content. */
IND_EXTERN int ind_report_begin_fact(ind_report *report, const char *term,
                                     ind_error *err);

/**
 * Close the innermost open container.
 * @return IND_OK; ::IND_EINVAL when nothing is open, or when a row closes
 *         with a number of cells other than the table's columns, or a
 *         table's first row is not a header row.
 */
IND_EXTERN int ind_report_end(ind_report *report, ind_error *err);

/** Inline text in the open paragraph, item, cell or fact. */
IND_EXTERN int ind_report_text(ind_report *report, ind_report_style style,
                               const char *text, ind_error *err);

/**
 * A link. An http or https `url` (with a host) becomes a link; any other
 * is written as plain text after the link text, in parentheses (never as
 * a link: `javascript:`, `data:` and relative addresses included). An
 * empty text shows the address.
 */
IND_EXTERN int ind_report_link(ind_report *report, const char *text,
                               const char *url, ind_error *err);

/** A link to a heading of this report by its anchor. */
IND_EXTERN int ind_report_ref(ind_report *report, const char *text,
                              const char *anchor, ind_error *err);

/**
 * "[n]", linked to source n of the list ind_report_sources_here() places.
 * @return IND_OK; ::IND_EINVAL when n is not a number ind_report_source()
 *         gave.
 */
IND_EXTERN int ind_report_cite(ind_report *report, size_t source,
                               ind_error *err);

/** Version of ::ind_report_figure this header describes. */
#define IND_REPORT_FIGURE_VERSION 1

/** A picture: an image file for Markdown, its SVG inline in HTML. */
typedef struct ind_report_figure {
    unsigned version;     /**< ::IND_REPORT_FIGURE_VERSION. */
    const char *image;    /**< Path of the picture relative to the Markdown
                               file ("report-files/x.png"), or NULL. */
    const char *svg;      /**< The SVG document (as gnuplot writes it), for
                               HTML; NULL: the HTML shows no picture. */
    size_t svg_length;    /**< Bytes of svg. */
    const char *alt;      /**< What the picture shows, for readers who
                               cannot see it; required. */
    const char *caption;  /**< Caption under the picture, or NULL. */
} ind_report_figure;

/** An empty figure, for `ind_report_figure f = IND_REPORT_FIGURE_INIT;`. */
#define IND_REPORT_FIGURE_INIT \
    { IND_REPORT_FIGURE_VERSION, NULL, NULL, 0, NULL, NULL }

/**
 * Add a figure (top level). The SVG is parsed and rebuilt (see the file
 * comment) when it is added; an image path must be relative, without
 * `..`, and is percent-encoded where it needs to be.
 * @return IND_OK; ::IND_EINVAL for a missing alt text, neither image nor
 *         svg, an unsafe image path, or a container still open;
 *         ::IND_EPARSE when the SVG is not well-formed or has no `svg`
 *         root (the message says where); ::IND_ENOMEM.
 */
IND_EXTERN int ind_report_add_figure(ind_report *report,
                                     const ind_report_figure *figure,
                                     ind_error *err);

/**
 * The number of a source (1-based): a new one, or that of the same text
 * given before.
 * @param text an http/https address, or a citation ("SAMR bulletin 2024")
 * @return IND_OK; ::IND_EINVAL for an empty text; ::IND_ENOMEM.
 */
IND_EXTERN int ind_report_source(ind_report *report, const char *text,
                                 size_t *number, ind_error *err);

/** Number of sources given so far. */
IND_EXTERN size_t ind_report_source_count(const ind_report *report);

/** Place the numbered list of every source (top level), each with its
 *  anchor "source-N" for the citations. */
IND_EXTERN int ind_report_sources_here(ind_report *report, ind_error *err);

/** Place a list of links to the headings of levels 2..max_level
 *  (2..4) of the whole report (top level). */
IND_EXTERN int ind_report_contents_here(ind_report *report, int max_level,
                                        ind_error *err);

/**
 * Write the report to an open stream.
 * @return IND_OK; ::IND_EINVAL for NULL, an unknown format or a
 *         container still open; ::IND_EWRITE when the stream fails.
 */
IND_EXTERN int ind_report_write_stream(const ind_report *report,
                                       ind_report_format format, FILE *out,
                                       ind_error *err);

/**
 * Write the report to `path` atomically (a temporary file beside it,
 * synced and renamed).
 * @return as ind_report_write_stream(); ::IND_EWRITE when the file cannot
 *         be created, written or renamed.
 */
IND_EXTERN int ind_report_write(const ind_report *report,
                                ind_report_format format, const char *path,
                                ind_error *err);

/** Version of ::ind_report_pdf_options this header describes. */
#define IND_REPORT_PDF_OPTIONS_VERSION 1

/** How to run Chromium for ind_report_print_pdf(). */
typedef struct ind_report_pdf_options {
    unsigned version;         /**< ::IND_REPORT_PDF_OPTIONS_VERSION. */
    const char *chromium;     /**< Program name or path; NULL: "chromium",
                                   then "chromium-browser", then
                                   "google-chrome", searched on PATH. */
    unsigned timeout_seconds; /**< Chromium is killed after this long; 0: 120. */
} ind_report_pdf_options;

/** Defaults: Chromium from PATH, 120 seconds. */
#define IND_REPORT_PDF_OPTIONS_INIT \
    { IND_REPORT_PDF_OPTIONS_VERSION, NULL, 0 }

/**
 * Print an HTML report (as ind_report_write() makes it) to PDF with
 * headless Chromium, as a browser prints it: A4, by the page's print
 * styles, without header and footer lines. Chromium runs without a shell,
 * headless, in a fresh profile that is removed afterwards, without network
 * services, sync or extensions; as root with `--no-sandbox` (its sandbox
 * does not run as root). The PDF replaces `pdf_path` atomically, only
 * when Chromium succeeded and wrote one.
 *
 * @return IND_OK; ::IND_EUNAVAILABLE when Chromium is not installed (the
 *   message says how to install it); ::IND_EEXTERNAL when it fails, runs
 *   past the timeout or writes no PDF (the message quotes its error
 *   output); ::IND_ENOTFOUND when the page does not exist; ::IND_EWRITE;
 *   ::IND_EINVAL; ::IND_ENOMEM.
 */
IND_EXTERN int ind_report_print_pdf(const char *html_path,
                                    const char *pdf_path,
                                    const ind_report_pdf_options *opts,
                                    ind_error *err);

/** The format a file name asks for: ".md" or ".markdown" is Markdown,
 *  ".html" or ".htm" HTML (any case). @return IND_OK or ::IND_EINVAL. */
IND_EXTERN int ind_report_format_of_path(ind_report_format *out,
                                         const char *path, ind_error *err);

#ifdef __cplusplus
}
#endif

#endif /* INDICATORS_REPORT_H */
