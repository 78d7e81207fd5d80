/* A dataset in a temporary folder, for the unit tests that read and write
 * one (test_dataset.c, test_compose.c): d.csv and its siblings, made by
 * cmocka setup and removed by teardown, and put() to write a file. */
#ifndef IND_TESTS_DATASET_FIXTURE_H
#define IND_TESTS_DATASET_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct fx {
    char dir[64];
    char obs[96], cat[96], hist[96];
} fx;

/* A new folder /tmp/ind-test.XXXXXX and the paths in it. */
static inline int fx_setup(void **state)
{
    fx *f = calloc(1, sizeof *f);

    if (f == NULL)
        return -1;
    snprintf(f->dir, sizeof f->dir, "/tmp/ind-test.XXXXXX");
    if (mkdtemp(f->dir) == NULL) {
        free(f);
        return -1;
    }
    snprintf(f->obs, sizeof f->obs, "%s/d.csv", f->dir);
    snprintf(f->cat, sizeof f->cat, "%s/d.indicators.csv", f->dir);
    snprintf(f->hist, sizeof f->hist, "%s/d.history.csv", f->dir);
    *state = f;
    return 0;
}

/* Remove the folder and everything in it. */
static inline int fx_teardown(void **state)
{
    fx *f = *state;
    char cmd[128];
    int rc;

    snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
    rc = system(cmd);
    free(f);
    return rc == 0 ? 0 : -1;
}

/* Write len bytes of text to path (a failed check on error). */
static inline void put_bytes(const char *path, const char *text, size_t len)
{
    FILE *out = fopen(path, "wb");

    assert_non_null(out);
    assert_int_equal(fwrite(text, 1, len, out), len);
    assert_int_equal(fclose(out), 0);
}

static inline void put(const char *path, const char *text)
{
    put_bytes(path, text, strlen(text));
}

#endif
