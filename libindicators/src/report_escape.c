/* report_escape: untrusted text written safely into Markdown and HTML, web
 * addresses told apart from everything else and percent-encoded. */
#include "report_internal.h"
#include "text.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- Addresses ------------------------------------------------------------ */

int report_is_web_address(const char *text)
{
    size_t skip, host;
    const char *p;

    if (strncasecmp(text, "https://", 8) == 0)
        skip = 8;
    else if (strncasecmp(text, "http://", 7) == 0)
        skip = 7;
    else
        return 0;
    /* a host: up to the path, query or fragment, not empty, no
     * credentials (user:password@host hides where a link goes) */
    host = strcspn(text + skip, "/?#");
    if (host == 0 || memchr(text + skip, '@', host) != NULL)
        return 0;
    for (p = text; *p != '\0'; p++) {
        unsigned char c = (unsigned char)*p;
        if (c <= ' ' || c == '"' || c == '<' || c == '>' || c == '\\' ||
            c == '`' || c == 0x7F)
            return 0;
    }
    return 1;
}

static int is_hex(int c)
{
    return isxdigit((unsigned char)c) != 0;
}

void report_put_address(FILE *out, const char *address, int html)
{
    /* RFC 3986 unreserved and reserved characters, without those that
     * Markdown (`(`, `)`, `*`, `[`, `]`, `'`) or a table (`|`) would read */
    static const char keep[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ"
                               "RSTUVWXYZ0123456789-._~:/?#@!$&+,;=";
    const unsigned char *p;

    for (p = (const unsigned char *)address; *p != '\0'; p++) {
        if (*p == '%' && is_hex(p[1]) && is_hex(p[2]))
            fputc('%', out);
        else if (*p == '&' && html)
            fputs("&amp;", out);
        else if (*p < 0x80 && strchr(keep, *p) != NULL)
            fputc(*p, out);
        else
            fprintf(out, "%%%02X", *p);
    }
}

/* ---- HTML ----------------------------------------------------------------- */

void report_put_html(FILE *out, const char *text)
{
    const char *p;

    for (p = text; *p != '\0'; p++) {
        switch (*p) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default: fputc(*p, out);
        }
    }
}

/* ---- Markdown ------------------------------------------------------------- */

/* Characters escaped with a backslash wherever they stand. `.`, `!`, `(`
 * and `)` need no escape once `[`, `]` and line starts are taken care of;
 * they stay readable. */
static const char md_special[] = "\\`*_[]#|~>{}$";

/* Does text start with something a block would read as its marker: a
 * list ("-", "+", "1." or "1)"), a heading ("#"), a quote (">"), a setext
 * underline or a rule ("=", "-"), or an indented code block (spaces)? */
static size_t marker_length(const char *text)
{
    size_t n = 0;

    if (text[0] == '-' || text[0] == '+' || text[0] == '=' ||
        text[0] == '#' || text[0] == '>')
        return 1;
    while (text[n] >= '0' && text[n] <= '9' && n < 10)
        n++;
    if (n > 0 && (text[n] == '.' || text[n] == ')'))
        return n + 1;
    return 0;
}

/* An '@' between two word characters, as in an e-mail address. */
static int address_at(const char *text, const char *p)
{
    return *p == '@' && p > text && (isalnum((unsigned char)p[-1]) ||
                                     p[-1] == '.' || p[-1] == '_' ||
                                     p[-1] == '-' || p[-1] == '+') &&
           isalnum((unsigned char)p[1]);
}

void report_put_markdown(FILE *out, const char *text, int at_start)
{
    size_t marker = at_start ? marker_length(text) : 0;
    const char *p;

    for (p = text; *p != '\0'; p++) {
        if (marker > 0 && (size_t)(p - text) == marker - 1 &&
            strchr(md_special, *p) == NULL && *p != '<' && *p != '&')
            fputc('\\', out);
        if (*p == '&')
            fputs("&amp;", out);
        else if (*p == '<')
            fputs("&lt;", out);
        else if (strchr(md_special, *p) != NULL) {
            fputc('\\', out);
            fputc(*p, out);
        } else if (address_at(text, p)) {
            fputs("@\xE2\x81\xA0", out); /* U+2060 WORD JOINER */
        } else {
            fputc(*p, out);
        }
    }
}

/* ---- Anchors ---------------------------------------------------------------- */

char *report_slug(const char *text)
{
    size_t len = strlen(text), n = 0, i;
    char *out = malloc(len + 4);
    int dash = 0;

    if (out == NULL)
        return NULL;
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)text[i];
        if (isalnum(c) && c < 0x80) {
            if (dash && n > 0)
                out[n++] = '-';
            dash = 0;
            out[n++] = (char)tolower(c);
        } else {
            dash = 1;
        }
        if (n >= 60)
            break;
    }
    out[n] = '\0';
    /* An anchor starts with a letter. */
    if (n > 0 && !isalpha((unsigned char)out[0])) {
        memmove(out + 2, out, n + 1);
        out[0] = 's';
        out[1] = '-';
    }
    return out;
}

int report_anchor_ok(const char *text)
{
    const char *p;

    if (!isalpha((unsigned char)text[0]) || strlen(text) > 80)
        return 0;
    for (p = text; *p != '\0'; p++)
        if (!(isalnum((unsigned char)*p) && (unsigned char)*p < 0x80) &&
            *p != '-' && *p != '_')
            return 0;
    return 1;
}
