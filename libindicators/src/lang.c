/* lang: the languages of fixed words, by name. */
#include "indicators/lang.h"
#include "error_internal.h"

#include <ctype.h>
#include <string.h>

static const char *const names[IND_LANG_COUNT] = { "en", "zh" };
static const char *const tags[IND_LANG_COUNT] = { "en", "zh-CN" };

/* What follows the primary subtag and its separator: letters and digits,
 * in parts separated by '-' or '_', none empty. */
static int subtags_ok(const char *p)
{
    int len = 0;

    for (; *p != '\0'; p++) {
        if (*p == '-' || *p == '_') {
            if (len == 0)
                return 0;
            len = 0;
        } else if (isalnum((unsigned char)*p)) {
            len++;
        } else {
            return 0;
        }
    }
    return len > 0;
}

int ind_lang_parse(ind_lang *out, const char *text, ind_error *err)
{
    char primary[4];
    size_t n = 0;
    int i;

    if (out == NULL || text == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_lang_parse: NULL "
                             "argument");
    /* The primary subtag: letters up to '-' or '_'. */
    while (n < 3 && isalpha((unsigned char)text[n])) {
        primary[n] = (char)tolower((unsigned char)text[n]);
        n++;
    }
    primary[n] = '\0';
    if (text[n] == '\0' || ((text[n] == '-' || text[n] == '_') &&
                            subtags_ok(text + n + 1)))
        for (i = 0; i < IND_LANG_COUNT; i++)
            if (strcmp(primary, names[i]) == 0) {
                *out = (ind_lang)i;
                return IND_OK;
            }
    return ind_error_set(err, IND_EINVAL, "unknown language '%.40s': use en "
                         "or zh", text);
}

const char *ind_lang_name(ind_lang lang)
{
    return (unsigned)lang < IND_LANG_COUNT ? names[lang] : "";
}

const char *ind_lang_tag(ind_lang lang)
{
    return (unsigned)lang < IND_LANG_COUNT ? tags[lang] : "";
}
