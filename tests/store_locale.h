/* A decimal-comma locale for the tests of locale independence
 * (test_number.c, test_dataset.c): under it strtod("1164,000") is 1164
 * and printf("%.1f", 1.5) writes "1,5", so a parser or writer that
 * followed the locale would show it. */
#ifndef IND_TESTS_STORE_LOCALE_H
#define IND_TESTS_STORE_LOCALE_H

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Switch the process to de_DE.UTF-8: the installed one, else one made
 * with localedef from the glibc sources into a new folder under /tmp
 * (used through LOCPATH). Returns 1 when the process now writes "1,5",
 * 0 (with the reason in why) when no such locale can be had. *made
 * receives the folder to pass to store_locale_leave(), "" if none. */
static inline int store_locale_enter(char *made, size_t size, char *why,
                                     size_t whysize)
{
    char cmd[512], probe[16];

    made[0] = '\0';
    if (setlocale(LC_ALL, "de_DE.UTF-8") == NULL) {
        snprintf(made, size, "/tmp/ind-locale.XXXXXX");
        if (mkdtemp(made) == NULL) {
            made[0] = '\0';
            snprintf(why, whysize, "no de_DE.UTF-8 and no temporary folder");
            return 0;
        }
        snprintf(cmd, sizeof cmd, "localedef -i de_DE -f UTF-8 "
                 "%s/de_DE.UTF-8 >/dev/null 2>&1", made);
        if (system(cmd) == -1 || setenv("LOCPATH", made, 1) != 0 ||
            setlocale(LC_ALL, "de_DE.UTF-8") == NULL) {
            snprintf(why, whysize, "de_DE.UTF-8 is not installed and "
                     "localedef could not make it");
            return 0;
        }
    }
    snprintf(probe, sizeof probe, "%.1f", 1.5);
    if (strcmp(probe, "1,5") != 0) {
        snprintf(why, whysize, "de_DE.UTF-8 writes 1.5 as '%s'", probe);
        return 0;
    }
    return 1;
}

/* Back to the C locale; remove a folder store_locale_enter() made. */
static inline void store_locale_leave(const char *made)
{
    char cmd[512];

    setlocale(LC_ALL, "C");
    if (made[0] != '\0' && strncmp(made, "/tmp/ind-locale.", 16) == 0) {
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", made);
        if (system(cmd) != 0)
            fprintf(stderr, "could not remove %s\n", made);
        unsetenv("LOCPATH");
    }
}

#endif
