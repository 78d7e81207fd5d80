/* Unit tests of the report module: the document model's nesting rules,
 * the exact Markdown and HTML it writes for a small document (worked out
 * by hand below), sources and anchors, the SVG allow-list, and hostile
 * texts (scripts, event handlers, javascript: and data: addresses,
 * Markdown and HTML markup, line breaks, bidirectional controls, invalid
 * UTF-8) written inert in both formats, also under random mixtures.
 *
 * The HTML is checked by a scanner of its own (below): every tag is one
 * the writer may write, no attribute is an event handler, every link
 * goes to an http(s) address or an anchor of the page. The Markdown is
 * rendered by GitHub's own cmark-gfm in tests/cli/test_report.sh. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "indicators/report.h"
#include "report_internal.h"

/* ---- Helpers -------------------------------------------------------------- */

static ind_report *new_report(const char *title, ind_lang lang)
{
    ind_report_options o = IND_REPORT_OPTIONS_INIT;
    ind_error err = IND_ERROR_INIT;
    ind_report *r = NULL;

    o.title = title;
    o.lang = lang;
    assert_int_equal(ind_report_new(&r, &o, &err), IND_OK);
    return r;
}

/* The report written in one format, as a string to free. */
static char *written(const ind_report *r, ind_report_format f)
{
    ind_error err = IND_ERROR_INIT;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);

    assert_non_null(out);
    assert_int_equal(ind_report_write_stream(r, f, out, &err), IND_OK);
    fclose(out);
    return buf;
}

static void paragraph(ind_report *r, const char *text)
{
    assert_int_equal(ind_report_begin_paragraph(r, NULL), IND_OK);
    assert_int_equal(ind_report_text(r, IND_REPORT_PLAIN, text, NULL),
                     IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
}

static const char *const html_tags[] = {
    "html", "head", "meta", "title", "style", "body", "main", "h1", "h2",
    "h3", "h4", "p", "ul", "ol", "li", "aside", "div", "table", "caption",
    "thead", "tbody", "tr", "th", "td", "figure", "figcaption", "dl", "dt",
    "dd", "a", "strong", "em", "code", "nav",
    /* inside figures: the SVG allow-list */
    "svg", "g", "defs", "desc", "rect", "circle", "ellipse", "line",
    "polyline", "polygon", "path", "text", "tspan", "use", "symbol",
    "clipPath", "mask", "pattern", "marker", "linearGradient",
    "radialGradient", "stop", "filter", "feFlood", "feComposite",
    "feOffset", "feGaussianBlur", "feBlend", "feMerge", "feMergeNode",
    "feColorMatrix"
};

static int known_tag(const char *name, size_t n)
{
    size_t i;

    for (i = 0; i < sizeof html_tags / sizeof html_tags[0]; i++)
        if (strlen(html_tags[i]) == n && memcmp(html_tags[i], name, n) == 0)
            return 1;
    return 0;
}

/* Scan an HTML page: known tags only, attributes in double quotes, no
 * event handler, links to http(s) or "#", entities well-formed, the
 * style sheet the writer's own (no "url(", no "@import"). */
static void check_html(const char *page)
{
    const char *p = page, *style, *end;

    assert_true(strncmp(page, "<!DOCTYPE html>\n", 16) == 0);
    style = strstr(page, "<style>");
    end = strstr(page, "</style>");
    assert_non_null(style);
    assert_non_null(end);
    assert_null(strstr(style, "url(") != NULL &&
                strstr(style, "url(") < end ? "url" : NULL);
    assert_null(strstr(page, "@import"));
    p = page + 16;
    while ((p = strpbrk(p, "<&")) != NULL) {
        if (p > style && p < end + 8) {
            p = end + 8;
            continue;
        }
        if (*p == '&') {
            size_t n = strspn(p + 1, "abcdefghijklmnopqrstuvwxyz0123456789#");
            assert_true(n > 0 && p[1 + n] == ';');
            p += n + 2;
            continue;
        }
        {
            const char *q = p + 1, *close;
            size_t n;
            if (*q == '/')
                q++;
            n = strspn(q, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVW"
                          "XYZ0123456789");
            if (!known_tag(q, n)) {
                fprintf(stderr, "unknown tag at: %.60s\n", p);
                fail();
            }
            close = strchr(q, '>');
            assert_non_null(close);
            /* attributes: name="value", no handler, safe links */
            q += n;
            while (q < close) {
                const char *eq, *v, *ve;
                while (q < close && (*q == ' ' || *q == '/'))
                    q++;
                if (q >= close)
                    break;
                eq = strchr(q, '=');
                assert_true(eq != NULL && eq < close && eq[1] == '"');
                if (eq - q >= 2 && (q[0] == 'o' || q[0] == 'O') &&
                    (q[1] == 'n' || q[1] == 'N')) {
                    fprintf(stderr, "handler at: %.60s\n", q);
                    fail();
                }
                v = eq + 2;
                ve = strchr(v, '"');
                assert_non_null(ve);
                if ((eq - q == 4 && memcmp(q, "href", 4) == 0) ||
                    (eq - q == 10 && memcmp(q, "xlink:href", 10) == 0))
                    assert_true(strncmp(v, "http://", 7) == 0 ||
                                strncmp(v, "https://", 8) == 0 ||
                                v[0] == '#');
                assert_null(memchr(v, '<', (size_t)(ve - v)));
                q = ve + 1;
                if (ve > close) {
                    close = strchr(ve, '>');
                    assert_non_null(close);
                }
            }
            p = close + 1;
        }
    }
    assert_null(strstr(page, "<script"));
}

/* ---- The document model --------------------------------------------------- */

static void test_options(void **state)
{
    ind_report_options o = IND_REPORT_OPTIONS_INIT;
    ind_error err = IND_ERROR_INIT;
    ind_report *r = (ind_report *)1;

    (void)state;
    assert_int_equal(ind_report_new(&r, NULL, &err), IND_EINVAL);
    assert_null(r);
    assert_int_equal(ind_report_new(&r, &o, &err), IND_EINVAL);
    assert_non_null(strstr(err.message, "title"));
    o.title = "  \n ";
    assert_int_equal(ind_report_new(&r, &o, &err), IND_EINVAL);
    o.title = "T";
    o.version = 9;
    assert_int_equal(ind_report_new(&r, &o, &err), IND_EINVAL);
    o.version = IND_REPORT_OPTIONS_VERSION;
    o.lang = (ind_lang)5;
    assert_int_equal(ind_report_new(&r, &o, &err), IND_EINVAL);
    ind_report_free(NULL);
}

static void test_nesting(void **state)
{
    ind_report *r = new_report("T", IND_LANG_EN);
    ind_error err = IND_ERROR_INIT;
    size_t n;

    (void)state;
    /* inline content needs a container */
    assert_int_equal(ind_report_text(r, 0, "x", &err), IND_EINVAL);
    assert_non_null(strstr(err.message, "text cannot go in the document"));
    assert_int_equal(ind_report_end(r, &err), IND_EINVAL);
    assert_int_equal(ind_report_begin_item(r, &err), IND_EINVAL);
    assert_int_equal(ind_report_begin_row(r, 1, &err), IND_EINVAL);
    assert_int_equal(ind_report_begin_cell(r, &err), IND_EINVAL);
    /* a paragraph holds inline content only */
    assert_int_equal(ind_report_begin_paragraph(r, NULL), IND_OK);
    assert_int_equal(ind_report_begin_list(r, 0, &err), IND_EINVAL);
    assert_int_equal(ind_report_heading(r, 2, "H", NULL, &err), IND_EINVAL);
    assert_int_equal(ind_report_sources_here(r, &err), IND_EINVAL);
    /* an open container stops the writer */
    {
        char *buf = NULL;
        size_t len = 0;
        FILE *out = open_memstream(&buf, &len);
        assert_int_equal(ind_report_write_stream(r, IND_REPORT_HTML, out,
                                                 &err), IND_EINVAL);
        assert_non_null(strstr(err.message, "still open"));
        fclose(out);
        free(buf);
    }
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    /* tables: the header row first, then exactly the columns */
    assert_int_equal(ind_report_begin_table(r, 0, NULL, NULL, &err),
                     IND_EINVAL);
    assert_int_equal(ind_report_begin_table(r, 2, NULL, "c", NULL), IND_OK);
    assert_int_equal(ind_report_end(r, &err), IND_EINVAL); /* no header */
    assert_int_equal(ind_report_begin_row(r, 0, &err), IND_EINVAL);
    assert_int_equal(ind_report_begin_row(r, 1, NULL), IND_OK);
    assert_int_equal(ind_report_begin_cell(r, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, &err), IND_EINVAL); /* 1 of 2 */
    assert_non_null(strstr(err.message, "1 cells in a table of 2"));
    assert_int_equal(ind_report_begin_cell(r, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_begin_cell(r, &err), IND_EINVAL); /* 3rd */
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_begin_row(r, 1, &err), IND_EINVAL);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    /* citations name a source given before */
    assert_int_equal(ind_report_begin_paragraph(r, NULL), IND_OK);
    assert_int_equal(ind_report_cite(r, 1, &err), IND_EINVAL);
    assert_int_equal(ind_report_source(r, "https://a.example/", &n, NULL),
                     IND_OK);
    assert_int_equal(ind_report_cite(r, 1, NULL), IND_OK);
    assert_int_equal(ind_report_cite(r, 2, &err), IND_EINVAL);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    /* figures need an alt text and a safe path */
    {
        ind_report_figure f = IND_REPORT_FIGURE_INIT;
        f.image = "x.png";
        assert_int_equal(ind_report_add_figure(r, &f, &err), IND_EINVAL);
        f.alt = "a chart";
        f.image = "../x.png";
        assert_int_equal(ind_report_add_figure(r, &f, &err), IND_EINVAL);
        f.image = "/etc/x.png";
        assert_int_equal(ind_report_add_figure(r, &f, &err), IND_EINVAL);
        f.image = "javascript:alert(1)";
        assert_int_equal(ind_report_add_figure(r, &f, &err), IND_EINVAL);
        f.image = "a/../../x.png";
        assert_int_equal(ind_report_add_figure(r, &f, &err), IND_EINVAL);
        f.image = "report-files/a b.png";
        assert_int_equal(ind_report_add_figure(r, &f, &err), IND_OK);
    }
    /* headings: levels 1 to 4, anchors checked */
    assert_int_equal(ind_report_heading(r, 5, "H", NULL, &err), IND_EINVAL);
    assert_int_equal(ind_report_heading(r, 2, "H", "9x", &err), IND_EINVAL);
    assert_int_equal(ind_report_heading(r, 2, "H", "a\"b", &err),
                     IND_EINVAL);
    assert_int_equal(ind_report_heading(r, 2, "", NULL, &err), IND_EINVAL);
    ind_report_free(r);
}

static void test_anchors_and_sources(void **state)
{
    ind_report *r = new_report("T", IND_LANG_EN);
    size_t a, b, c;

    (void)state;
    assert_int_equal(ind_report_heading(r, 2, "Valid certificates, 2024",
                                         NULL, NULL), IND_OK);
    assert_string_equal(ind_report_anchor(r), "valid-certificates-2024");
    assert_int_equal(ind_report_heading(r, 2, "Valid certificates: 2024!",
                                         NULL, NULL), IND_OK);
    assert_string_equal(ind_report_anchor(r), "valid-certificates-2024-2");
    assert_int_equal(ind_report_heading(r, 2, "认证机构", NULL, NULL),
                     IND_OK);
    assert_string_equal(ind_report_anchor(r), "section-3");
    assert_int_equal(ind_report_heading(r, 2, "2024 figures", NULL, NULL),
                     IND_OK);
    assert_string_equal(ind_report_anchor(r), "s-2024-figures");
    assert_int_equal(ind_report_heading(r, 3, "x", "summary", NULL), IND_OK);
    assert_int_equal(ind_report_heading(r, 3, "y", "summary", NULL), IND_OK);
    assert_string_equal(ind_report_anchor(r), "summary-2");
    /* "source-N" anchors belong to the sources list */
    assert_int_equal(ind_report_heading(r, 3, "z", "source-1", NULL),
                     IND_OK);
    assert_string_equal(ind_report_anchor(r), "source-1-2");
    /* sources: numbered in order, the same text once */
    assert_int_equal(ind_report_source(r, "https://b.example/x", &a, NULL),
                     IND_OK);
    assert_int_equal(ind_report_source(r, "SAMR bulletin", &b, NULL),
                     IND_OK);
    assert_int_equal(ind_report_source(r, " https://b.example/x ", &c,
                                       NULL), IND_OK);
    assert_int_equal(a, 1);
    assert_int_equal(b, 2);
    assert_int_equal(c, 1);
    assert_int_equal(ind_report_source_count(r), 2);
    assert_int_equal(ind_report_source(r, " ", &c, NULL), IND_EINVAL);
    ind_report_free(r);
}

/* A small document in every block kind. */
static ind_report *sample(void)
{
    static const ind_report_align align[] = { IND_REPORT_LEFT,
                                              IND_REPORT_RIGHT };
    ind_report *r = new_report("Indicators & trends", IND_LANG_EN);
    size_t s1, s2;

    assert_int_equal(ind_report_source(r, "https://example.org/a?x=1&y=2",
                                       &s1, NULL), IND_OK);
    assert_int_equal(ind_report_source(r, "CNCA bulletin 2024", &s2, NULL),
                     IND_OK);
    assert_int_equal(ind_report_heading(r, 1, "Indicators & trends", "top",
                                        NULL), IND_OK);
    assert_int_equal(ind_report_begin_facts(r, NULL), IND_OK);
    assert_int_equal(ind_report_begin_fact(r, "Dataset", NULL), IND_OK);
    assert_int_equal(ind_report_text(r, IND_REPORT_CODE, "data/x.csv", NULL),
                     IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_contents_here(r, 2, NULL), IND_OK);
    assert_int_equal(ind_report_heading(r, 2, "Summary", NULL, NULL),
                     IND_OK);
    assert_int_equal(ind_report_begin_table(r, 2, align, "Latest figures",
                                            NULL), IND_OK);
    assert_int_equal(ind_report_begin_row(r, 1, NULL), IND_OK);
    assert_int_equal(ind_report_begin_cell(r, NULL), IND_OK);
    assert_int_equal(ind_report_text(r, 0, "Indicator", NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_begin_cell(r, NULL), IND_OK);
    assert_int_equal(ind_report_text(r, 0, "2024", NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_begin_row(r, 0, NULL), IND_OK);
    assert_int_equal(ind_report_begin_cell(r, NULL), IND_OK);
    assert_int_equal(ind_report_ref(r, "Bodies", "bodies", NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_begin_cell(r, NULL), IND_OK);
    assert_int_equal(ind_report_text(r, 0, "1,214", NULL), IND_OK);
    assert_int_equal(ind_report_cite(r, s1, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_heading(r, 2, "Bodies", "bodies", NULL),
                     IND_OK);
    assert_int_equal(ind_report_begin_note(r, IND_REPORT_NOTE_CAVEAT, NULL),
                     IND_OK);
    assert_int_equal(ind_report_begin_list(r, 0, NULL), IND_OK);
    assert_int_equal(ind_report_begin_item(r, NULL), IND_OK);
    assert_int_equal(ind_report_text(r, IND_REPORT_STRONG, "2019", NULL),
                     IND_OK);
    assert_int_equal(ind_report_text(r, 0, " is a March reading", NULL),
                     IND_OK);
    assert_int_equal(ind_report_cite(r, s2, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_begin_paragraph(r, NULL), IND_OK);
    assert_int_equal(ind_report_link(r, "the platform", "https://ttbz.org.cn",
                                     NULL), IND_OK);
    assert_int_equal(ind_report_text(r, IND_REPORT_EMPHASIS, " grew", NULL),
                     IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_heading(r, 2, "Sources", NULL, NULL),
                     IND_OK);
    assert_int_equal(ind_report_sources_here(r, NULL), IND_OK);
    return r;
}

static void test_markdown_exact(void **state)
{
    static const char want[] =
        "<a id=\"top\"></a>\n\n"
        "# Indicators &amp; trends\n\n"
        "- **Dataset:** `data/x.csv`\n\n"
        "- [Summary](#summary)\n"
        "- [Bodies](#bodies)\n"
        "- [Sources](#sources)\n\n"
        "<a id=\"summary\"></a>\n\n"
        "## Summary\n\n"
        "**Latest figures**\n\n"
        "| Indicator | 2024 |\n"
        "| --- | --: |\n"
        "| [Bodies](#bodies) | 1,214[\\[1\\]](#source-1) |\n\n"
        "<a id=\"bodies\"></a>\n\n"
        "## Bodies\n\n"
        "> **Caveats:**\n>\n"
        "> - **2019** is a March reading[\\[2\\]](#source-2)\n\n"
        "[the platform](https://ttbz.org.cn) *grew*\n\n"
        "<a id=\"sources\"></a>\n\n"
        "## Sources\n\n"
        "1. <a id=\"source-1\"></a>[https://example.org/a?x=1&amp;y=2]"
        "(https://example.org/a?x=1&y=2)\n"
        "2. <a id=\"source-2\"></a>CNCA bulletin 2024\n\n";
    ind_report *r = sample();
    char *md = written(r, IND_REPORT_MARKDOWN);

    (void)state;
    assert_string_equal(md, want);
    free(md);
    ind_report_free(r);
}

static void test_html_parts(void **state)
{
    ind_report *r = sample();
    char *html = written(r, IND_REPORT_HTML);

    (void)state;
    check_html(html);
    assert_non_null(strstr(html, "<html lang=\"en\">"));
    assert_non_null(strstr(html, "<title>Indicators &amp; trends</title>"));
    assert_non_null(strstr(html, "Content-Security-Policy\" content=\""
                                 "default-src 'none'; style-src "
                                 "'unsafe-inline'; img-src data:\""));
    assert_non_null(strstr(html, "@page{size:A4"));
    assert_non_null(strstr(html, "@media print"));
    assert_non_null(strstr(html, "name=\"viewport\""));
    assert_non_null(strstr(html, "<h1 id=\"top\">Indicators &amp; "
                                 "trends</h1>"));
    assert_non_null(strstr(html, "<dl class=\"facts\">\n<dt>Dataset</dt>"
                                 "<dd><code>data/x.csv</code></dd>"));
    assert_non_null(strstr(html, "<caption>Latest figures</caption>"));
    assert_non_null(strstr(html, "<th class=\"r\" scope=\"col\">2024</th>"));
    assert_non_null(strstr(html, "<td class=\"r\">1,214<a class=\"cite\" "
                                 "href=\"#source-1\" title=\"source 1\">"
                                 "[1]</a></td>"));
    assert_non_null(strstr(html, "<aside class=\"caveat\"><p class=\""
                                 "label\">Caveats</p>"));
    assert_non_null(strstr(html, "<li><strong>2019</strong> is a March "
                                 "reading<a class=\"cite\""));
    assert_non_null(strstr(html, "<a href=\"https://ttbz.org.cn\" rel=\""
                                 "noopener noreferrer\">the platform</a>"
                                 "<em> grew</em>"));
    assert_non_null(strstr(html, "<li id=\"source-1\"><a href=\"https://"
                                 "example.org/a?x=1&amp;y=2\""));
    assert_non_null(strstr(html, "<li id=\"source-2\">CNCA bulletin 2024"
                                 "</li>"));
    assert_non_null(strstr(html, "<li class=\"l2\"><a href=\"#bodies\">"
                                 "Bodies</a></li>"));
    free(html);
    ind_report_free(r);
}

static void test_chinese_words(void **state)
{
    ind_report *r = new_report("标准化指标", IND_LANG_ZH);
    char *html, *md;

    (void)state;
    assert_int_equal(ind_report_begin_note(r, IND_REPORT_NOTE_CAVEAT, NULL),
                     IND_OK);
    paragraph(r, "2019 年为 3 月读数");
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    html = written(r, IND_REPORT_HTML);
    md = written(r, IND_REPORT_MARKDOWN);
    assert_non_null(strstr(html, "<html lang=\"zh-CN\">"));
    assert_non_null(strstr(html, ">注意</p>"));
    assert_non_null(strstr(md, "> **注意:**"));
    free(html);
    free(md);
    ind_report_free(r);
}

/* ---- Escaping -------------------------------------------------------------- */

static char *escaped_md(const char *text, int at_start)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);

    report_put_markdown(out, text, at_start);
    fclose(out);
    return buf;
}

static void expect_md(const char *text, int at_start, const char *want)
{
    char *got = escaped_md(text, at_start);

    assert_string_equal(got, want);
    free(got);
}

static void test_markdown_escaping(void **state)
{
    (void)state;
    expect_md("a*b_c`d", 0, "a\\*b\\_c\\`d");
    expect_md("[x](javascript:alert(1))", 0, "\\[x\\](javascript:alert(1))");
    expect_md("<script>&amp;", 0, "&lt;script\\>&amp;amp;");
    expect_md("a | b", 0, "a \\| b");
    expect_md("# h", 1, "\\# h");
    expect_md("- item", 1, "\\- item");
    expect_md("- item", 0, "- item");
    expect_md("+ item", 1, "\\+ item");
    expect_md("12. item", 1, "12\\. item");
    expect_md("12) item", 1, "12\\) item");
    expect_md("2024 figures.", 1, "2024 figures.");
    expect_md("> quote", 1, "\\> quote");
    expect_md("=== rule", 1, "\\=== rule");
    expect_md("mail me@example.org", 0, "mail me@\xE2\x81\xA0" "example.org");
    expect_md("@home, a @ b", 0, "@home, a @ b");
    expect_md("~~strike~~ $x$ {y}", 0, "\\~\\~strike\\~\\~ \\$x\\$ \\{y\\}");
    expect_md("a\\b", 0, "a\\\\b");
}

static void test_addresses(void **state)
{
    static const char *const web[] = {
        "http://a.example", "https://a.example/x?y=1#z", "HTTPS://A.EXAMPLE/",
        "https://a.example/中文"
    };
    static const char *const other[] = {
        "javascript:alert(1)", "JavaScript://a.example/%0Aalert(1)",
        "data:text/html,<script>", "vbscript:x", "//a.example/x",
        "https://", "https:///x", "https://user:pw@a.example/",
        "https://a.example/ x", "https://a.example/\"onmouseover=x",
        "https://a.example/<x>", "ftp://a.example/", "mailto:a@b.example",
        "file:///etc/passwd", "a.example", ""
    };
    char *buf = NULL;
    size_t len = 0, i;
    FILE *out;

    (void)state;
    for (i = 0; i < sizeof web / sizeof web[0]; i++)
        assert_true(report_is_web_address(web[i]));
    for (i = 0; i < sizeof other / sizeof other[0]; i++)
        assert_false(report_is_web_address(other[i]));
    out = open_memstream(&buf, &len);
    report_put_address(out, "https://a.example/a b(c)[d]|'e'*%zz%41&x", 0);
    fputc('\n', out);
    report_put_address(out, "https://a.example/中?q=1&r=2", 1);
    fclose(out);
    assert_string_equal(buf, "https://a.example/a%20b%28c%29%5Bd%5D%7C%27e"
                             "%27%2A%25zz%41&x\n"
                             "https://a.example/%E4%B8%AD?q=1&amp;r=2");
    free(buf);
}

/* Hostile texts in every place a text goes: both formats stay inert. */
static const char *const hostile[] = {
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(1)>",
    "javascript:alert(document.cookie)",
    "[click](javascript:alert(1))",
    "![x](https://evil.example/track.png)",
    "line one\n# injected heading\n<iframe src=x>",
    "| a | b |\n|---|---|",
    "`code` **bold** _em_ ~~del~~",
    "&lt;already escaped&gt; &#60;script&#62;",
    "\xe2\x80\xae" "gnp.exe",
    "\xff\xfe broken \xc0\xaf utf-8",
    "- list\n1. item\n> quote",
    "<a href=\"javascript:x\">x</a>",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "' onmouseover='alert(1)",
    "]]> <![CDATA[ x ]]>",
    "user@evil.example"
};

/* A report with text t in every text position, written both ways. */
static void hostile_report(const char *t, char **md, char **html)
{
    ind_report_figure f = IND_REPORT_FIGURE_INIT;
    char title[600];
    ind_report *r;
    size_t s;

    snprintf(title, sizeof title, "T %s", t);
    r = new_report(title, IND_LANG_EN);
    assert_int_equal(ind_report_heading(r, 1, title, NULL, NULL), IND_OK);
    assert_int_equal(ind_report_source(r, title, &s, NULL), IND_OK);
    assert_int_equal(ind_report_source(r, t[0] ? t : "x", &s, NULL) ==
                     IND_OK || s == 1, 1);
    assert_int_equal(ind_report_begin_facts(r, NULL), IND_OK);
    assert_int_equal(ind_report_begin_fact(r, t, NULL), IND_OK);
    assert_int_equal(ind_report_text(r, IND_REPORT_CODE, t, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_begin_paragraph(r, NULL), IND_OK);
    assert_int_equal(ind_report_text(r, 0, t, NULL), IND_OK);
    assert_int_equal(ind_report_link(r, t, t, NULL), IND_OK);
    assert_int_equal(ind_report_link(r, "x", "javascript:alert(1)", NULL),
                     IND_OK);
    assert_int_equal(ind_report_cite(r, s, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_begin_table(r, 1, NULL, t, NULL), IND_OK);
    assert_int_equal(ind_report_begin_row(r, 1, NULL), IND_OK);
    assert_int_equal(ind_report_begin_cell(r, NULL), IND_OK);
    assert_int_equal(ind_report_text(r, IND_REPORT_CODE, t, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_begin_row(r, 0, NULL), IND_OK);
    assert_int_equal(ind_report_begin_cell(r, NULL), IND_OK);
    assert_int_equal(ind_report_text(r, IND_REPORT_STRONG, t, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    assert_int_equal(ind_report_end(r, NULL), IND_OK);
    f.alt = title;
    f.caption = t;
    f.image = "a.png";
    f.svg = "<svg viewBox='0 0 10 10'><text>x</text></svg>";
    f.svg_length = strlen(f.svg);
    assert_int_equal(ind_report_add_figure(r, &f, NULL), IND_OK);
    assert_int_equal(ind_report_sources_here(r, NULL), IND_OK);
    *md = written(r, IND_REPORT_MARKDOWN);
    *html = written(r, IND_REPORT_HTML);
    ind_report_free(r);
}

/* Length of the backtick run at p. */
static size_t ticks_at(const char *p)
{
    size_t n = 0;

    while (p[n] == '`')
        n++;
    return n;
}

/* No raw HTML in the Markdown but the anchors it writes itself (code
 * spans show '<' as it is); links only to http(s) and anchors. Code spans
 * are found as CommonMark finds them: a run of n backticks up to the next
 * run of exactly n on the line. The block structure is checked by
 * cmark-gfm in tests/cli/test_report.sh. */
static void check_markdown(const char *md)
{
    const char *p = md;

    while (*p != '\0') {
        if (*p == '\\' && p[1] != '\0' && p[1] != '\n') {
            p += 2;
            continue;
        }
        if (*p == '`') {
            size_t n = ticks_at(p);
            const char *q = p + n, *close = NULL;
            while (*q != '\0' && *q != '\n') {
                if (*q == '`') {
                    size_t m = ticks_at(q);
                    if (m == n) {
                        close = q;
                        break;
                    }
                    q += m;
                } else {
                    q++;
                }
            }
            p = close ? close + n : p + n;
            continue;
        }
        if (*p == '<' && strncmp(p, "<a id=\"", 7) != 0 &&
            strncmp(p, "</a>", 4) != 0) {
            fprintf(stderr, "raw '<' at: %.60s\n", p);
            fail();
        }
        if (*p == ']' && p[1] == '(')
            assert_true(strncmp(p + 2, "http://", 7) == 0 ||
                        strncmp(p + 2, "https://", 8) == 0 ||
                        p[2] == '#' || strncmp(p + 2, "a.png)", 6) == 0);
        p++;
    }
}

static void test_hostile_texts(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof hostile / sizeof hostile[0]; i++) {
        char *md, *html;
        hostile_report(hostile[i], &md, &html);
        check_html(html);
        check_markdown(md);
        /* no hostile text starts a Markdown block of its own */
        assert_null(strstr(md, "\n# injected"));
        assert_null(strstr(md, "\n1. item"));
        assert_null(strstr(md, "\n> quote"));
        assert_null(strstr(md, "\xe2\x80\xae"));
        assert_null(strstr(html, "\xe2\x80\xae"));
        free(md);
        free(html);
    }
}

static uint32_t next_random(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void test_random_hostile(void **state)
{
    static const char *const pieces[] = {
        "<", ">", "&", "\"", "'", "`", "*", "_", "[", "]", "(", ")", "#",
        "|", "~", "\\", "\n", "\t", "-", "1.", "@", "a", " ", "javascript:",
        "https://x.example", "<script>", "on", "=", "\xe2\x80\xae", "\xff",
        "团", "&#60;", "]]>", "!", "{", "$", "%", "%00"
    };
    uint32_t seed = 20250101u;
    char text[256];
    int round;

    (void)state;
    for (round = 0; round < 300; round++) {
        size_t n = 1 + next_random(&seed) % 14, k, len = 0;
        char *md, *html;
        text[0] = '\0';
        for (k = 0; k < n; k++) {
            const char *pc = pieces[next_random(&seed) %
                                    (sizeof pieces / sizeof pieces[0])];
            if (len + strlen(pc) + 1 >= sizeof text)
                break;
            memcpy(text + len, pc, strlen(pc) + 1);
            len += strlen(pc);
        }
        hostile_report(text, &md, &html);
        check_html(html);
        check_markdown(md);
        free(md);
        free(html);
    }
}

/* ---- SVG -------------------------------------------------------------------- */

static char *rebuilt(const char *svg, int *rc, ind_error *err)
{
    char *out = NULL;

    *rc = report_svg_rebuild(&out, svg, strlen(svg), "f1-", err);
    return out;
}

static void test_svg_kept(void **state)
{
    static const char in[] =
        "<?xml version=\"1.0\" encoding=\"utf-8\"  standalone=\"no\"?>\n"
        "<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"x.dtd\">\n"
        "<svg \n width=\"960\" height=\"600\"\n viewBox=\"0 0 960 600\"\n"
        " xmlns=\"http://www.w3.org/2000/svg\"\n"
        " xmlns:xlink=\"http://www.w3.org/1999/xlink\"\n>\n\n"
        "<title>Gnuplot</title>\n<!-- a comment -->\n"
        "<defs>\n\t<circle id='gpDot' r='0.5' stroke-width='0.5'/>\n"
        "\t<pattern id='gpPat1' patternUnits='userSpaceOnUse' x='0' y='0' "
        "width='8' height='8'><path style='fill:none; stroke:currentColor; "
        "stroke-width:1' d='M0,0 L8,8'/></pattern>\n"
        "</defs>\n<g fill=\"none\" color=\"black\">\n"
        "\t<use xlink:href='#gpDot' x='1' y='2' color='rgb(0,114,178)'/>\n"
        "\t<path fill='url(#gpPat1)' d='M0,0 h5'/>\n"
        "\t<g transform=\"translate(9,9)\" font-family=\"DejaVu Sans\" "
        "font-size=\"13.33\" text-anchor=\"end\">\n"
        "\t\t<text>a&lt;b&amp;c \"q\" ]]> 团 &#x4E2D;&#20013;</text>\n"
        "\t</g>\n</g>\n</svg>\n";
    ind_error err = IND_ERROR_INIT;
    char *out;
    int rc;

    (void)state;
    out = rebuilt(in, &rc, &err);
    assert_int_equal(rc, IND_OK);
    assert_true(strncmp(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                             "xmlns:xlink=\"http://www.w3.org/1999/xlink\" "
                             "width=\"960\" height=\"600\" viewBox=\"0 0 960 "
                             "600\">", 116) == 0);
    assert_non_null(strstr(out, "<title>Gnuplot</title>"));
    assert_non_null(strstr(out, "<circle id=\"f1-gpDot\" r=\"0.5\" "
                                "stroke-width=\"0.5\"/>"));
    assert_non_null(strstr(out, "<use xlink:href=\"#f1-gpDot\" x=\"1\""));
    assert_non_null(strstr(out, "fill=\"url(#f1-gpPat1)\""));
    assert_non_null(strstr(out, "style=\"fill:none;stroke:currentColor;"
                                "stroke-width:1\""));
    assert_non_null(strstr(out, "<text>a&lt;b&amp;c &quot;q&quot; ]]&gt; "
                                "团 中中</text>"));
    assert_null(strstr(out, "comment"));
    assert_null(strstr(out, "DOCTYPE"));
    assert_null(strstr(out, "<?xml"));
    free(out);
}

static void test_svg_dropped(void **state)
{
    static const char in[] =
        "<svg viewBox='0 0 10 10' onload='alert(1)'>"
        "<script>alert(1)</script>"
        "<script><![CDATA[ alert(2) ]]></script>"
        "<foreignObject><div xmlns='http://www.w3.org/1999/xhtml'>"
        "<iframe src='https://evil.example'/></div></foreignObject>"
        "<image href='https://evil.example/x.png' width='1' height='1'/>"
        "<a href='javascript:alert(3)'><text>link</text></a>"
        "<use href='https://evil.example/s.svg#x'/>"
        "<use xlink:href='data:image/svg+xml,x'/>"
        "<rect fill='url(https://evil.example/p)' width='1' height='1' "
        "onclick='alert(4)' style='fill:url(https://evil.example);"
        "background-image:url(#x);stroke:red'/>"
        "<rect style='behavior:url(x.htc);width:expression(alert(5))'/>"
        "<style>@import url(https://evil.example/x.css);</style>"
        "<animate attributeName='href' to='javascript:alert(6)'/>"
        "<set attributeName='onmouseover' to='alert(7)'/>"
        "<text id='a\"b'>ok</text>"
        "</svg>";
    ind_error err = IND_ERROR_INIT;
    char *out;
    int rc;

    (void)state;
    out = rebuilt(in, &rc, &err);
    assert_int_equal(rc, IND_OK);
    assert_null(strstr(out, "script"));
    assert_null(strstr(out, "alert"));
    assert_null(strstr(out, "evil"));
    assert_null(strstr(out, "foreignObject"));
    assert_null(strstr(out, "iframe"));
    assert_null(strstr(out, "<image"));
    assert_null(strstr(out, "<a"));
    assert_null(strstr(out, "<style"));
    assert_null(strstr(out, "<animate"));
    assert_null(strstr(out, "<set"));
    assert_null(strstr(out, "onload"));
    assert_null(strstr(out, "onclick"));
    assert_null(strstr(out, "data:"));
    assert_null(strstr(out, "background"));
    assert_null(strstr(out, "href"));
    /* the rect keeps what is safe */
    assert_non_null(strstr(out, "style=\"stroke:red\""));
    assert_non_null(strstr(out, "<text>ok</text>"));
    free(out);
}

static void test_svg_refused(void **state)
{
    static const char *const bad[] = {
        "", "plain text", "<html><body/></html>", "<svg>", "<svg></g>",
        "<svg><g></svg>", "<svg a=b/>", "<svg a='x/>", "<svg a='<'/>",
        "<svg>text</svg>", "<svg><text>&bogus;</text></svg>",
        "<svg><text>&#;</text></svg>", "<svg/><svg/>",
        "<!DOCTYPE svg [<!ENTITY x \"y\">]><svg/>", "<svg><!-- x</svg>",
        "<svg><![CDATA[ x</svg>", "<svg/>trailing"
    };
    ind_error err = IND_ERROR_INIT;
    char deep[4096];
    size_t i;
    int rc;

    (void)state;
    for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char *out = rebuilt(bad[i], &rc, &err);
        if (rc != IND_EPARSE)
            fprintf(stderr, "accepted: %s\n", bad[i]);
        assert_int_equal(rc, IND_EPARSE);
        assert_null(out);
        assert_non_null(strstr(err.message, "figure SVG"));
    }
    /* nested too deeply */
    strcpy(deep, "<svg>");
    for (i = 0; i < 100; i++)
        strcat(deep, "<g>");
    assert_null(rebuilt(deep, &rc, &err));
    assert_int_equal(rc, IND_EPARSE);
    /* a NUL byte */
    assert_int_equal(report_svg_rebuild(&(char *){ NULL }, "<svg/>\0x", 8,
                                        "f-", &err), IND_EPARSE);
}

/* Two figures on one page: ids stay apart. */
static void test_svg_ids_apart(void **state)
{
    static const char svg[] = "<svg><defs><pattern id='p'/></defs>"
                              "<rect fill='url(#p)'/></svg>";
    ind_report *r = new_report("T", IND_LANG_EN);
    ind_report_figure f = IND_REPORT_FIGURE_INIT;
    char *html;

    (void)state;
    f.alt = "one";
    f.svg = svg;
    f.svg_length = strlen(svg);
    assert_int_equal(ind_report_add_figure(r, &f, NULL), IND_OK);
    f.alt = "two";
    assert_int_equal(ind_report_add_figure(r, &f, NULL), IND_OK);
    html = written(r, IND_REPORT_HTML);
    check_html(html);
    assert_non_null(strstr(html, "<pattern id=\"f1-p\"/>"));
    assert_non_null(strstr(html, "<pattern id=\"f2-p\"/>"));
    assert_non_null(strstr(html, "fill=\"url(#f2-p)\""));
    assert_non_null(strstr(html, "<svg role=\"img\" aria-label=\"two\" "
                                 "xmlns="));
    free(html);
    ind_report_free(r);
}

static void test_write_file(void **state)
{
    char dir[] = "/tmp/ind_report_XXXXXX", path[128], *data;
    ind_report *r = sample();
    ind_error err = IND_ERROR_INIT;
    ind_report_format f;
    FILE *in;
    long n;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/report.html", dir);
    assert_int_equal(ind_report_write(r, IND_REPORT_HTML, path, &err),
                     IND_OK);
    in = fopen(path, "rb");
    assert_non_null(in);
    fseek(in, 0, SEEK_END);
    n = ftell(in);
    fseek(in, 0, SEEK_SET);
    data = malloc((size_t)n + 1);
    assert_int_equal(fread(data, 1, (size_t)n, in), (size_t)n);
    data[n] = '\0';
    fclose(in);
    check_html(data);
    free(data);
    unlink(path);
    snprintf(path, sizeof path, "%s/missing/report.md", dir);
    assert_int_equal(ind_report_write(r, IND_REPORT_MARKDOWN, path, &err),
                     IND_EWRITE);
    rmdir(dir);
    assert_int_equal(ind_report_format_of_path(&f, "a/R.MD", NULL), IND_OK);
    assert_int_equal(f, IND_REPORT_MARKDOWN);
    assert_int_equal(ind_report_format_of_path(&f, "r.htm", NULL), IND_OK);
    assert_int_equal(f, IND_REPORT_HTML);
    assert_int_equal(ind_report_format_of_path(&f, "r.pdf", &err),
                     IND_EINVAL);
    assert_int_equal(ind_report_format_of_path(&f, "dir/.md", NULL),
                     IND_EINVAL);
    ind_report_free(r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_options),
        cmocka_unit_test(test_nesting),
        cmocka_unit_test(test_anchors_and_sources),
        cmocka_unit_test(test_markdown_exact),
        cmocka_unit_test(test_html_parts),
        cmocka_unit_test(test_chinese_words),
        cmocka_unit_test(test_markdown_escaping),
        cmocka_unit_test(test_addresses),
        cmocka_unit_test(test_hostile_texts),
        cmocka_unit_test(test_random_hostile),
        cmocka_unit_test(test_svg_kept),
        cmocka_unit_test(test_svg_dropped),
        cmocka_unit_test(test_svg_refused),
        cmocka_unit_test(test_svg_ids_apart),
        cmocka_unit_test(test_write_file),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
