/* report_html: the report as one HTML file. Its style sheet is inline, its
 * figures are inline SVG, and a Content-Security-Policy forbids every
 * fetch and every script, so the page shows the same everywhere, offline,
 * and nothing in it can run. Print styles lay it out on A4. */
#include "report_internal.h"

#include <string.h>

/* The style sheet. Fonts: the ones the charts are drawn in first, then
 * what phones and other systems have; tables scroll sideways on a narrow
 * screen rather than squeeze figures; nothing is split across pages. */
static const char style[] =
    ":root{--text:#1f2328;--muted:#59636e;--rule:#d1d9e0;--link:#0062a3;"
    "--note:#eef5fb;--note-rule:#0072b2;--caveat:#fff8e6;"
    "--caveat-rule:#c48a00;--stripe:#f6f8fa}\n"
    "*{box-sizing:border-box}\n"
    "html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\n"
    "body{margin:0 auto;max-width:72rem;padding:1.5rem 1.25rem 3rem;"
    "font:16px/1.55 \"DejaVu Sans\",\"Noto Sans\",\"Segoe UI\",Roboto,"
    "\"Helvetica Neue\",Arial,\"Droid Sans Fallback\",\"Noto Sans CJK SC\","
    "\"PingFang SC\",\"Microsoft YaHei\",sans-serif;color:var(--text);"
    "background:#fff}\n"
    "h1{font-size:1.9rem;line-height:1.25;margin:0 0 .6rem}\n"
    "h2{font-size:1.4rem;line-height:1.3;margin:2.4rem 0 .6rem;"
    "padding-bottom:.25rem;border-bottom:1px solid var(--rule)}\n"
    "h3{font-size:1.15rem;margin:1.8rem 0 .5rem}\n"
    "h4{font-size:1rem;margin:1.2rem 0 .4rem}\n"
    "p,ul,ol,dl{margin:.6rem 0}\n"
    "li{margin:.15rem 0}\n"
    "a{color:var(--link)}\n"
    "a.cite{text-decoration:none;white-space:nowrap;font-size:.85em}\n"
    "code{font-family:\"DejaVu Sans Mono\",ui-monospace,Menlo,Consolas,"
    "monospace;font-size:.88em;background:#f1f3f5;padding:.05em .3em;"
    "border-radius:3px;overflow-wrap:anywhere}\n"
    ".table{overflow-x:auto;margin:.9rem 0}\n"
    "table{border-collapse:collapse;font-size:.9rem}\n"
    "caption{text-align:left;font-weight:bold;padding:0 0 .4rem}\n"
    "th,td{padding:.3rem .55rem;border-bottom:1px solid var(--rule);"
    "text-align:left;vertical-align:top}\n"
    "thead th{border-bottom:2px solid #8c959f;vertical-align:bottom}\n"
    "tbody tr:nth-child(even){background:var(--stripe)}\n"
    ".r{text-align:right;font-variant-numeric:tabular-nums;"
    "white-space:nowrap}\n"
    "td:first-child{min-width:11rem}\n"
    "figure{max-width:60rem}\n"
    ".c{text-align:center}\n"
    "figure{margin:1.1rem 0}\n"
    "figure svg{display:block;width:100%;height:auto}\n"
    "figcaption{color:var(--muted);font-size:.9rem;margin-top:.35rem}\n"
    "aside{border-left:4px solid var(--note-rule);background:var(--note);"
    "padding:.45rem 1rem;margin:1rem 0}\n"
    "aside.caveat{border-left-color:var(--caveat-rule);"
    "background:var(--caveat)}\n"
    "aside .label{font-weight:bold;margin:.2rem 0}\n"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;"
    "gap:.2rem 1.2rem}\n"
    "dl.facts dt{font-weight:bold}\n"
    "dl.facts dd{margin:0;overflow-wrap:anywhere}\n"
    "ol.sources{font-size:.9rem;padding-left:2.6rem}\n"
    "ol.sources li{overflow-wrap:anywhere}\n"
    "ol.sources li:target{background:#fff3bf}\n"
    "nav.contents ul{padding-left:1.4rem}\n"
    "nav.contents .l3{margin-left:1.3rem}nav.contents .l4{margin-left:2.6rem}"
    "\n"
    "@media (max-width:40rem){body{font-size:15px;padding:1rem .8rem 2rem}"
    "h1{font-size:1.5rem}h2{font-size:1.25rem}"
    "dl.facts{grid-template-columns:1fr;gap:0}"
    "dl.facts dd{margin-bottom:.45rem}}\n"
    "@page{size:A4;margin:16mm 14mm 18mm}\n"
    "@media print{body{max-width:none;padding:0;font-size:9.5pt}"
    "a{color:inherit;text-decoration:none}"
    "h2,h3,h4{break-after:avoid}"
    "figure,tr,aside,dl.facts,li{break-inside:avoid}"
    ".table{overflow:visible}"
    "table{font-size:7.5pt;width:100%}"
    ".r{white-space:normal}td:first-child{min-width:9em}"
    "thead{display:table-header-group}"
    "tbody tr:nth-child(even){background:none}}\n";

typedef struct html {
    FILE *out;
    const ind_report *r;
} html;

static void put_address_link(html *h, const char *address,
                             const char *text)
{
    fputs("<a href=\"", h->out);
    report_put_address(h->out, address, 1);
    fputs("\" rel=\"noopener noreferrer\">", h->out);
    report_put_html(h->out, text);
    fputs("</a>", h->out);
}

static void put_inline(html *h, const report_node *n)
{
    static const char *const open[] = { "", "<strong>", "<em>", "<code>" };
    static const char *const close[] = { "", "</strong>", "</em>",
                                         "</code>" };
    size_t i;

    for (i = 0; i < n->nkids; i++) {
        const report_node *k = n->kids[i];
        switch (k->kind) {
        case R_TEXT:
            fputs(open[k->value], h->out);
            report_put_html(h->out, k->text);
            fputs(close[k->value], h->out);
            break;
        case R_LINK:
            if (k->target[0] != '\0') {
                put_address_link(h, k->target, k->text);
            } else {
                report_put_html(h->out, k->text);
                if (strcmp(k->text, k->extra) != 0) {
                    fputs(" (", h->out);
                    report_put_html(h->out, k->extra);
                    fputc(')', h->out);
                }
            }
            break;
        case R_REF:
            fprintf(h->out, "<a href=\"#%s\">", k->target);
            report_put_html(h->out, k->text);
            fputs("</a>", h->out);
            break;
        case R_CITE:
            fprintf(h->out, "<a class=\"cite\" href=\"#source-%zu\" "
                    "title=\"%s %zu\">[%zu]</a>", k->number,
                    report_word(h->r->lang, RW_SOURCE_CITE), k->number,
                    k->number);
            break;
        default:
            break;
        }
    }
}

static void put_list(html *h, const report_node *n)
{
    size_t i;

    fputs(n->value ? "<ol>\n" : "<ul>\n", h->out);
    for (i = 0; i < n->nkids; i++) {
        fputs("<li>", h->out);
        put_inline(h, n->kids[i]);
        fputs("</li>\n", h->out);
    }
    fputs(n->value ? "</ol>\n" : "</ul>\n", h->out);
}

static void put_note(html *h, const report_node *n)
{
    size_t i;

    fprintf(h->out, "<aside class=\"%s\"><p class=\"label\">%s</p>\n",
            n->value ? "caveat" : "note",
            report_word(h->r->lang, n->value ? RW_CAVEAT : RW_NOTE));
    for (i = 0; i < n->nkids; i++) {
        if (n->kids[i]->kind == R_LIST) {
            put_list(h, n->kids[i]);
        } else {
            fputs("<p>", h->out);
            put_inline(h, n->kids[i]);
            fputs("</p>\n", h->out);
        }
    }
    fputs("</aside>\n", h->out);
}

static void put_table(html *h, const report_node *t)
{
    static const char *const cls[] = { "", " class=\"r\"", " class=\"c\"" };
    size_t r, c;

    fputs("<div class=\"table\"><table>\n", h->out);
    if (t->text != NULL && t->text[0] != '\0') {
        fputs("<caption>", h->out);
        report_put_html(h->out, t->text);
        fputs("</caption>\n", h->out);
    }
    for (r = 0; r < t->nkids; r++) {
        const report_node *row = t->kids[r];
        const char *cell = row->value ? "th" : "td";
        if (r == 0)
            fputs("<thead>\n", h->out);
        if (r == 1)
            fputs("<tbody>\n", h->out);
        fputs("<tr>", h->out);
        for (c = 0; c < row->nkids; c++) {
            fprintf(h->out, "<%s%s%s>", cell, cls[t->align[c]],
                    row->value ? " scope=\"col\"" : "");
            put_inline(h, row->kids[c]);
            fprintf(h->out, "</%s>", cell);
        }
        fputs("</tr>\n", h->out);
        if (r == 0)
            fputs("</thead>\n", h->out);
    }
    if (t->nkids > 1)
        fputs("</tbody>\n", h->out);
    fputs("</table></div>\n", h->out);
}

static void put_facts(html *h, const report_node *n)
{
    size_t i;

    fputs("<dl class=\"facts\">\n", h->out);
    for (i = 0; i < n->nkids; i++) {
        fputs("<dt>", h->out);
        report_put_html(h->out, n->kids[i]->text);
        fputs("</dt><dd>", h->out);
        put_inline(h, n->kids[i]);
        fputs("</dd>\n", h->out);
    }
    fputs("</dl>\n", h->out);
}

/* The SVG inline, labelled for screen readers by the alt text. */
static void put_figure(html *h, const report_node *n)
{
    fputs("<figure>\n", h->out);
    if (n->svg != NULL) {
        /* the rebuilt SVG starts with "<svg"; the label goes in its tag */
        fputs("<svg role=\"img\" aria-label=\"", h->out);
        report_put_html(h->out, n->text);
        fputc('"', h->out);
        fputs(n->svg + 4, h->out);
        fputc('\n', h->out);
    }
    if (n->extra != NULL && n->extra[0] != '\0') {
        fputs("<figcaption>", h->out);
        report_put_html(h->out, n->extra);
        fputs("</figcaption>\n", h->out);
    }
    fputs("</figure>\n", h->out);
}

static void put_sources(html *h)
{
    size_t i;

    fputs("<ol class=\"sources\">\n", h->out);
    for (i = 0; i < h->r->n_sources; i++) {
        const char *s = h->r->sources[i];
        fprintf(h->out, "<li id=\"source-%zu\">", i + 1);
        if (report_is_web_address(s))
            put_address_link(h, s, s);
        else
            report_put_html(h->out, s);
        fputs("</li>\n", h->out);
    }
    fputs("</ol>\n", h->out);
}

typedef struct toc {
    html *h;
    int max;
} toc;

/* One entry of the contents; deeper levels are indented by their class
 * (a flat list: every heading one item). */
static void toc_entry(void *ctx, const report_node *hd)
{
    toc *t = ctx;

    if (hd->value < 2 || hd->value > t->max)
        return;
    fprintf(t->h->out, "<li class=\"l%d\"><a href=\"#%s\">", hd->value,
            hd->target);
    report_put_html(t->h->out, hd->text);
    fputs("</a></li>\n", t->h->out);
}

static void put_contents(html *h, int max)
{
    toc t = { h, max };

    fprintf(h->out, "<nav class=\"contents\" aria-label=\"%s\"><ul>\n",
            report_word(h->r->lang, RW_CONTENTS));
    report_each_heading(h->r, toc_entry, &t);
    fputs("</ul></nav>\n", h->out);
}

int report_html_write(FILE *out, const ind_report *r)
{
    html h = { out, r };
    size_t i;

    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
            "<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, "
            "initial-scale=1\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\""
            "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
            "\">\n<title>", ind_lang_tag(r->lang));
    report_put_html(out, r->title);
    fprintf(out, "</title>\n<style>\n%s</style>\n</head>\n<body>\n<main>\n",
            style);
    for (i = 0; i < r->root.nkids; i++) {
        const report_node *n = r->root.kids[i];
        switch (n->kind) {
        case R_HEADING:
            fprintf(out, "<h%d id=\"%s\">", n->value, n->target);
            report_put_html(out, n->text);
            fprintf(out, "</h%d>\n", n->value);
            break;
        case R_PARAGRAPH:
            fputs("<p>", out);
            put_inline(&h, n);
            fputs("</p>\n", out);
            break;
        case R_LIST:
            put_list(&h, n);
            break;
        case R_NOTE:
            put_note(&h, n);
            break;
        case R_TABLE:
            put_table(&h, n);
            break;
        case R_FACTS:
            put_facts(&h, n);
            break;
        case R_FIGURE:
            put_figure(&h, n);
            break;
        case R_SOURCES:
            put_sources(&h);
            break;
        case R_CONTENTS:
            put_contents(&h, n->value);
            break;
        default:
            break;
        }
    }
    fputs("</main>\n</body>\n</html>\n", out);
    return ferror(out) ? -1 : 0;
}
