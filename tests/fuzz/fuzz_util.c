/* fuzz_util: helpers shared by the harnesses (see fuzz_util.h). */
#include "fuzz_util.h"
#include "indicators/dataset.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

size_t fuzz_split(const uint8_t *data, size_t size, fuzz_part *parts,
                  size_t max)
{
    size_t n = 0, start = 0, i;

    for (i = 0; i < max; i++)
        parts[i].present = 0;
    if (max == 0)
        return 0;
    for (i = 0; i <= size && n < max; i++) {
        if (i == size || (data[i] == FUZZ_PART_SEPARATOR && n + 1 < max)) {
            parts[n].data = (const char *)data + start;
            parts[n].len = i - start;
            parts[n].present = 1;
            n++;
            start = i + 1;
        }
    }
    return n;
}

static char workdir[256];

static void remove_workdir(void)
{
    if (workdir[0] != '\0') {
        fuzz_clean_dir(workdir);
        rmdir(workdir);
    }
}

const char *fuzz_workdir(void)
{
    struct stat st;

    if (workdir[0] != '\0')
        return workdir;
    snprintf(workdir, sizeof workdir, "%s/ind-fuzz.XXXXXX",
             stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) ? "/dev/shm"
             : getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    if (mkdtemp(workdir) == NULL)
        fuzz_fail("cannot make a scratch folder %s", workdir);
    atexit(remove_workdir);
    return workdir;
}

void fuzz_clean_dir(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    char path[512];

    if (d == NULL)
        return;
    while ((e = readdir(d)) != NULL) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        unlink(path);
    }
    closedir(d);
}

void fuzz_write_file(const char *path, const void *data, size_t len)
{
    FILE *f = fopen(path, "wb");

    if (f == NULL || (len > 0 && fwrite(data, 1, len, f) != len) ||
        fclose(f) != 0)
        fuzz_fail("cannot write %s", path);
}

int fuzz_file_is(const char *path, const void *data, size_t len, int present)
{
    FILE *f = fopen(path, "rb");
    char buf[4096];
    size_t at = 0, got;
    int same = 1;

    if (f == NULL)
        return !present;
    if (!present) {
        fclose(f);
        return 0;
    }
    while (same && (got = fread(buf, 1, sizeof buf, f)) > 0) {
        if (at + got > len || memcmp(buf, (const char *)data + at, got) != 0)
            same = 0;
        at += got;
    }
    fclose(f);
    return same && at == len;
}

size_t fuzz_count_files(const char *dir)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0, len;

    if (d == NULL)
        return 0;
    while ((e = readdir(d)) != NULL) {
        len = strlen(e->d_name);
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0 ||
            (len >= 5 && strcmp(e->d_name + len - 5, ".lock") == 0))
            continue;
        n++;
    }
    closedir(d);
    return n;
}

long fuzz_count_errors(const char *path, int *pending)
{
    ind_dataset *ds = NULL;
    long errors = 0;
    size_t i;
    int rc = ind_dataset_open(&ds, path, IND_OPEN_READ, NULL);

    *pending = 0;
    if (rc != IND_OK) {
        ind_dataset_free(ds);
        return -1;
    }
    ind_dataset_validate(ds, NULL);
    for (i = 0; i < ind_dataset_diagnostic_count(ds); i++) {
        const ind_diagnostic *d = ind_dataset_diagnostic(ds, i);
        errors += d->severity == IND_SEVERITY_ERROR;
        if (d->detail == IND_DETAIL_HISTORY_PENDING)
            *pending = 1;
    }
    ind_dataset_free(ds);
    return errors;
}

void fuzz_check_committed(const char *path, long errors_before,
                          const char *what)
{
    int pending;
    long errors_after = fuzz_count_errors(path, &pending);

    if (errors_after < 0) {
        ind_dataset *ds = NULL;
        ind_error err = IND_ERROR_INIT;
        ind_dataset_open(&ds, path, IND_OPEN_READ, &err);
        ind_dataset_free(ds);
        fuzz_fail("the dataset does not load after %s: %s", what,
                  err.message);
    }
    FUZZ_CHECK(errors_before != 0 || errors_after == 0,
               "check finds %ld errors after %s on a valid dataset",
               errors_after, what);
    FUZZ_CHECK(!pending, "%s looks interrupted", what);
}

void fuzz_check_untouched(const char *dir, const char *const *paths,
                          const fuzz_part *parts, const int *exists,
                          size_t n, size_t files_before, const char *what)
{
    size_t k;

    for (k = 0; k < n; k++)
        FUZZ_CHECK(fuzz_file_is(paths[k], parts[k].data, parts[k].len,
                                exists[k]),
                   "%s changed after %s", paths[k], what);
    FUZZ_CHECK(fuzz_count_files(dir) == files_before,
               "%s left a file behind", what);
}

/* Valid UTF-8; with printable, also none of the controls and line
 * separators fuzz_printable_utf8() refuses. */
static int utf8_check(const char *s, size_t len, int printable)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0, need, k;
    unsigned long cp;

    while (i < len) {
        if (u[i] < 0x80) {
            if (printable && (u[i] < 0x20 || u[i] == 0x7f))
                return 0;
            i++;
            continue;
        }
        if (u[i] >= 0xc2 && u[i] <= 0xdf) {
            need = 1;
            cp = u[i] & 0x1f;
        } else if (u[i] >= 0xe0 && u[i] <= 0xef) {
            need = 2;
            cp = u[i] & 0x0f;
        } else if (u[i] >= 0xf0 && u[i] <= 0xf4) {
            need = 3;
            cp = u[i] & 0x07;
        } else {
            return 0;
        }
        if (len - i <= need)
            return 0;
        for (k = 1; k <= need; k++) {
            if ((u[i + k] & 0xc0) != 0x80)
                return 0;
            cp = cp << 6 | (u[i + k] & 0x3f);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
            cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ||
            (printable && ((cp >= 0x80 && cp <= 0x9f) || cp == 0x2028 ||
                           cp == 0x2029)))
            return 0;
        i += need + 1;
    }
    return 1;
}

int fuzz_printable_utf8(const char *s, size_t len)
{
    return utf8_check(s, len, 1);
}

int fuzz_valid_utf8(const char *s, size_t len)
{
    return utf8_check(s, len, 0);
}

void fuzz_fail(const char *fmt, ...)
{
    va_list ap;

    fputs("fuzz: invariant broken: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    abort();
}
