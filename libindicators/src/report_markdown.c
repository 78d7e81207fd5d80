/* report_markdown: the report as GitHub Flavored Markdown. Blocks are
 * separated by blank lines; every paragraph, item and cell is one line
 * (texts were cleaned of line breaks), so no text can start a block of
 * its own. */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct md {
    FILE *out;
    const ind_report *r;
    int in_table;   /* writing a table cell: '|' is escaped in code too */
    int failed;     /* out of memory */
} md;

/* A code span, when the text allows one: fenced with one more backtick
 * than its longest run; otherwise escaped text. In a table a '|' would
 * end the cell even inside the span, so such text is written plain. */
static void put_code(md *m, const char *text, int at_start)
{
    size_t run = 0, longest = 0, i;
    const char *p;

    for (p = text; *p != '\0'; p++) {
        run = *p == '`' ? run + 1 : 0;
        if (run > longest)
            longest = run;
    }
    if (text[0] == '\0' || (m->in_table && strchr(text, '|') != NULL)) {
        report_put_markdown(m->out, text, at_start);
        return;
    }
    for (i = 0; i <= longest; i++)
        fputc('`', m->out);
    /* a space on each side when the text starts or ends with a backtick
     * (or a space, which the span would strip) */
    if (text[0] == '`' || text[0] == ' ' || text[strlen(text) - 1] == '`')
        fputc(' ', m->out);
    fputs(text, m->out);
    if (text[0] == '`' || text[0] == ' ' || text[strlen(text) - 1] == '`')
        fputc(' ', m->out);
    for (i = 0; i <= longest; i++)
        fputc('`', m->out);
}

/* Styled text: the spaces at its ends go outside the marks ("** x**" is
 * not bold in Markdown). */
static void put_styled(md *m, int style, const char *text, int at_start)
{
    static const char *const marks[] = { "", "**", "*", "" };
    size_t len = strlen(text), a = 0, b = len;
    char *inner;

    while (a < len && text[a] == ' ')
        a++;
    while (b > a && text[b - 1] == ' ')
        b--;
    fwrite(text, 1, a, m->out);
    if (b > a) {
        inner = strndup(text + a, b - a);
        if (inner == NULL) {
            m->failed = 1;
            return;
        }
        if (style == IND_REPORT_CODE) {
            put_code(m, inner, at_start && a == 0);
        } else {
            fputs(marks[style], m->out);
            report_put_markdown(m->out, inner, at_start && a == 0 &&
                                               style == 0);
            fputs(marks[style], m->out);
        }
        free(inner);
    }
    fwrite(text + b, 1, len - b, m->out);
}

/* The inline content of a node, on one line. */
static void put_inline(md *m, const report_node *n)
{
    size_t i;
    /* nothing written yet: a marker would start a block (not in a cell
     * or a fact, which start after the table's bar or the term) */
    int first = n->kind == R_PARAGRAPH || n->kind == R_ITEM;

    for (i = 0; i < n->nkids; i++) {
        const report_node *k = n->kids[i];
        if (k->kind == R_TEXT && k->text[0] == '\0')
            continue;
        switch (k->kind) {
        case R_TEXT:
            put_styled(m, k->value, k->text, first);
            break;
        case R_LINK:
            if (k->target[0] != '\0') {
                fputc('[', m->out);
                report_put_markdown(m->out, k->text, 0);
                fputs("](", m->out);
                report_put_address(m->out, k->target, 0);
                fputc(')', m->out);
            } else {
                report_put_markdown(m->out, k->text, first);
                if (strcmp(k->text, k->extra) != 0) {
                    fputs(" (", m->out);
                    report_put_markdown(m->out, k->extra, 0);
                    fputc(')', m->out);
                }
            }
            break;
        case R_REF:
            fputc('[', m->out);
            report_put_markdown(m->out, k->text, 0);
            fprintf(m->out, "](#%s)", k->target);
            break;
        case R_CITE:
            fprintf(m->out, "[\\[%zu\\]](#source-%zu)", k->number,
                    k->number);
            break;
        default:
            break;
        }
        first = 0;
    }
}

static void put_heading(md *m, const report_node *n)
{
    int i;

    fprintf(m->out, "<a id=\"%s\"></a>\n\n", n->target);
    for (i = 0; i < n->value; i++)
        fputc('#', m->out);
    fputc(' ', m->out);
    report_put_markdown(m->out, n->text, 0);
    fputs("\n\n", m->out);
}

/* A list or a paragraph, each line starting with `lead` ("> " in a
 * note). */
static void put_list(md *m, const report_node *n, const char *lead)
{
    size_t i;

    for (i = 0; i < n->nkids; i++) {
        fputs(lead, m->out);
        if (n->value)
            fprintf(m->out, "%zu. ", i + 1);
        else
            fputs("- ", m->out);
        put_inline(m, n->kids[i]);
        fputc('\n', m->out);
    }
}

static void put_note(md *m, const report_node *n)
{
    size_t i;

    fprintf(m->out, "> **%s:**\n>\n", report_word(m->r->lang,
                                                   n->value ? RW_CAVEAT
                                                            : RW_NOTE));
    for (i = 0; i < n->nkids; i++) {
        if (i > 0)
            fputs(">\n", m->out);
        if (n->kids[i]->kind == R_LIST) {
            put_list(m, n->kids[i], "> ");
        } else {
            fputs("> ", m->out);
            put_inline(m, n->kids[i]);
            fputc('\n', m->out);
        }
    }
    fputc('\n', m->out);
}

static void put_table(md *m, const report_node *t)
{
    static const char *const rule[] = { "---", "--:", ":-:" };
    size_t r, c;

    if (t->text != NULL && t->text[0] != '\0') {
        fputs("**", m->out);
        report_put_markdown(m->out, t->text, 0);
        fputs("**\n\n", m->out);
    }
    m->in_table = 1;
    for (r = 0; r < t->nkids; r++) {
        const report_node *row = t->kids[r];
        fputc('|', m->out);
        for (c = 0; c < row->nkids; c++) {
            fputc(' ', m->out);
            put_inline(m, row->kids[c]);
            fputs(" |", m->out);
        }
        fputc('\n', m->out);
        if (r == 0) {
            fputc('|', m->out);
            for (c = 0; c < t->number; c++)
                fprintf(m->out, " %s |", rule[t->align[c]]);
            fputc('\n', m->out);
        }
    }
    m->in_table = 0;
    fputc('\n', m->out);
}

static void put_facts(md *m, const report_node *n)
{
    size_t i;

    for (i = 0; i < n->nkids; i++) {
        fputs("- **", m->out);
        report_put_markdown(m->out, n->kids[i]->text, 0);
        fputs(":** ", m->out);
        put_inline(m, n->kids[i]);
        fputc('\n', m->out);
    }
    fputc('\n', m->out);
}

static void put_figure(md *m, const report_node *n)
{
    if (n->target[0] != '\0') {
        fputs("![", m->out);
        report_put_markdown(m->out, n->text, 0);
        fputs("](", m->out);
        report_put_address(m->out, n->target, 0);
        fputs(")\n\n", m->out);
    }
    if (n->extra != NULL && n->extra[0] != '\0') {
        fputc('*', m->out);
        report_put_markdown(m->out, n->extra, 0);
        fputs("*\n\n", m->out);
    }
}

static void put_sources(md *m)
{
    size_t i;

    for (i = 0; i < m->r->n_sources; i++) {
        const char *s = m->r->sources[i];
        fprintf(m->out, "%zu. <a id=\"source-%zu\"></a>", i + 1, i + 1);
        if (report_is_web_address(s)) {
            fputc('[', m->out);
            report_put_markdown(m->out, s, 0);
            fputs("](", m->out);
            report_put_address(m->out, s, 0);
            fputc(')', m->out);
        } else {
            report_put_markdown(m->out, s, 0);
        }
        fputc('\n', m->out);
    }
    fputc('\n', m->out);
}

typedef struct toc {
    md *m;
    int max;
} toc;

static void toc_entry(void *ctx, const report_node *h)
{
    toc *t = ctx;
    int i;

    if (h->value < 2 || h->value > t->max)
        return;
    for (i = 2; i < h->value; i++)
        fputs("  ", t->m->out);
    fputs("- [", t->m->out);
    report_put_markdown(t->m->out, h->text, 0);
    fprintf(t->m->out, "](#%s)\n", h->target);
}

int report_markdown_write(FILE *out, const ind_report *r)
{
    md m = { out, r, 0, 0 };
    size_t i;

    for (i = 0; i < r->root.nkids; i++) {
        const report_node *n = r->root.kids[i];
        switch (n->kind) {
        case R_HEADING:
            put_heading(&m, n);
            break;
        case R_PARAGRAPH:
            put_inline(&m, n);
            fputs("\n\n", out);
            break;
        case R_LIST:
            put_list(&m, n, "");
            fputc('\n', out);
            break;
        case R_NOTE:
            put_note(&m, n);
            break;
        case R_TABLE:
            put_table(&m, n);
            break;
        case R_FACTS:
            put_facts(&m, n);
            break;
        case R_FIGURE:
            put_figure(&m, n);
            break;
        case R_SOURCES:
            put_sources(&m);
            break;
        case R_CONTENTS: {
            toc t = { &m, n->value };
            report_each_heading(r, toc_entry, &t);
            fputc('\n', out);
            break;
        }
        default:
            break;
        }
    }
    return ferror(out) || m.failed ? -1 : 0;
}
