/* chart_sources: the footer's short source line. The script's header keeps
 * every source in full; the picture names them briefly ("Sources: SAMR,
 * cnca.gov.cn and 3 more"), in as many lines as the plan gives it. */
#include "chart_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* Length of a URL scheme with "://" that names a site: http, https, ftp
 * (any case); 0 for other texts. */
static size_t site_scheme(const char *s)
{
    static const char *const schemes[] = { "http://", "https://", "ftp://" };
    size_t i, n;

    for (i = 0; i < sizeof schemes / sizeof schemes[0]; i++) {
        n = strlen(schemes[i]);
        if (strncasecmp(s, schemes[i], n) == 0)
            return n;
    }
    return 0;
}

char *chart_source_site(const char *source)
{
    size_t at = site_scheme(source), end, i;
    const char *host, *user;
    char *out;

    if (at == 0)
        return strdup(source);
    host = source + at;
    end = strcspn(host, "/?#");
    /* user:password@ before the host is not part of its name */
    user = memchr(host, '@', end);
    if (user != NULL) {
        end -= (size_t)(user + 1 - host);
        host = user + 1;
    }
    /* the port is not either; an IPv6 literal keeps its colons */
    if (host[0] != '[') {
        const char *colon = memchr(host, ':', end);
        if (colon != NULL)
            end = (size_t)(colon - host);
    }
    if (end > 4 && strncasecmp(host, "www.", 4) == 0) {
        host += 4;
        end -= 4;
    }
    if (end == 0)
        return strdup(source);
    out = malloc(end + 1);
    if (out == NULL)
        return NULL;
    for (i = 0; i < end; i++)
        out[i] = (char)tolower((unsigned char)host[i]);
    out[end] = '\0';
    return out;
}


/* "Sources: a, b, c" with the first `shown` names, and " and N more" for
 * the rest. A name holding the short separator takes the long one for
 * the whole list. */
static char *line_with(const ind_chart *c, size_t shown)
{
    const char *sep = chart_word(c->lang, W_LIST_SEP);
    char more[64], *t = NULL;
    size_t len = 0, i;
    int bad = 0;

    for (i = 0; i < c->n_source_names; i++)
        if (strstr(c->source_names[i], sep) != NULL)
            sep = chart_word(c->lang, W_LIST_SEP_LONG);
    bad |= chart_cat(&t, &len, chart_word(c->lang, c->n_source_names == 1
                                                 ? W_SOURCE : W_SOURCES));
    for (i = 0; i < shown; i++) {
        if (i > 0)
            bad |= chart_cat(&t, &len, sep);
        bad |= chart_cat(&t, &len, c->source_names[i]);
    }
    if (shown < c->n_source_names) {
        char count[24];
        snprintf(count, sizeof count, "%zu", c->n_source_names - shown);
        bad |= chart_cat(&t, &len, chart_word_fill(more, sizeof more, c->lang,
                                             W_MORE, count));
    }
    if (bad) {
        free(t);
        return NULL;
    }
    return t;
}

char *chart_source_line(const ind_chart *c, double max_em, size_t max_lines)
{
    size_t shown = c->n_source_names, lines;
    char *t;

    if (c->n_source_names == 0)
        return calloc(1, 1);
    for (;;) {
        t = line_with(c, shown);
        if (t == NULL)
            return NULL;
        lines = chart_text_count_lines(t, max_em);
        if (lines == (size_t)-1) {
            free(t);
            return NULL;
        }
        /* With one name left the wrapping shortens it, if it must. */
        if (lines <= max_lines || shown <= 1)
            return t;
        free(t);
        shown--;
    }
}
