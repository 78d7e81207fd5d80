/* atomicfile: temporary file, fsync, rename, fsync of the folder. */
#include "atomicfile.h"
#include "error_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_MARK ".tmp."

struct ind_atomic_file {
    FILE *stream;
    char *path;     /* the target */
    char *tmp_path; /* the temporary beside it */
};

/* Split path into its folder ("." when none) and base name; both are
 * newly allocated. Returns 0 or -1 on allocation failure. */
static int split_path(const char *path, char **dir, char **base)
{
    const char *slash = strrchr(path, '/');
    size_t dlen = slash ? (size_t)(slash - path) : 1;

    *dir = malloc(dlen + 1);
    *base = strdup(slash ? slash + 1 : path);
    if (*dir == NULL || *base == NULL) {
        free(*dir);
        free(*base);
        return -1;
    }
    if (slash == NULL)
        memcpy(*dir, ".", 2);
    else if (dlen == 0)
        memcpy(*dir, "/", 2);
    else {
        memcpy(*dir, path, dlen);
        (*dir)[dlen] = '\0';
    }
    return 0;
}

/* fsync a folder so that a rename inside it is durable. */
static int sync_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    int rc;

    if (fd < 0)
        return -1;
    rc = fsync(fd);
    close(fd);
    return rc;
}

static mode_t default_mode(void)
{
    mode_t mask = umask(0);

    umask(mask);
    return 0666 & ~mask;
}

int ind_atomic_open(ind_atomic_file **out, const char *path, ind_error *err)
{
    ind_atomic_file *f;
    char *dir = NULL, *base = NULL;
    struct stat st;
    size_t n;
    int fd;

    if (out == NULL || path == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_atomic_open: NULL argument");
    *out = NULL;
    f = calloc(1, sizeof *f);
    if (f == NULL || split_path(path, &dir, &base) != 0) {
        free(f);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    n = strlen(dir) + strlen(base) + sizeof "/." TMP_MARK "XXXXXX";
    f->path = strdup(path);
    f->tmp_path = malloc(n);
    if (f->path == NULL || f->tmp_path == NULL) {
        free(dir);
        free(base);
        free(f->path);
        free(f->tmp_path);
        free(f);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    snprintf(f->tmp_path, n, "%s/.%s" TMP_MARK "XXXXXX", dir, base);
    free(dir);
    free(base);
    fd = mkstemp(f->tmp_path);
    if (fd < 0) {
        int e = errno;
        free(f->path);
        free(f->tmp_path);
        free(f);
        return ind_error_set(err, IND_EWRITE, "%s: cannot create a file beside "
                             "it: %s", path, strerror(e));
    }
    fchmod(fd, stat(path, &st) == 0 ? (st.st_mode & 07777) : default_mode());
    f->stream = fdopen(fd, "wb");
    if (f->stream == NULL) {
        close(fd);
        unlink(f->tmp_path);
        free(f->path);
        free(f->tmp_path);
        free(f);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    *out = f;
    return IND_OK;
}

FILE *ind_atomic_stream(ind_atomic_file *f)
{
    return f ? f->stream : NULL;
}

static void atomic_release(ind_atomic_file *f)
{
    free(f->path);
    free(f->tmp_path);
    free(f);
}

int ind_atomic_commit(ind_atomic_file *f, ind_error *err)
{
    char *dir = NULL, *base = NULL;
    int failed, e;

    if (f == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_atomic_commit: NULL handle");
    failed = fflush(f->stream) != 0 || ferror(f->stream) ||
             fsync(fileno(f->stream)) != 0;
    e = errno;
    if (fclose(f->stream) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    if (!failed && rename(f->tmp_path, f->path) != 0) {
        failed = 1;
        e = errno;
    }
    if (failed) {
        unlink(f->tmp_path);
        ind_error_set(err, IND_EWRITE, "%s: cannot write: %s", f->path,
                      strerror(e));
        atomic_release(f);
        return IND_EWRITE;
    }
    if (split_path(f->path, &dir, &base) == 0) {
        if (sync_dir(dir) != 0) {
            e = errno;
            ind_error_set(err, IND_EWRITE, "%s: written, but the folder could "
                          "not be synced: %s", f->path, strerror(e));
            free(dir);
            free(base);
            atomic_release(f);
            return IND_EWRITE;
        }
        free(dir);
        free(base);
    }
    atomic_release(f);
    return IND_OK;
}

void ind_atomic_abort(ind_atomic_file *f)
{
    if (f == NULL)
        return;
    fclose(f->stream);
    unlink(f->tmp_path);
    atomic_release(f);
}

void ind_atomic_sweep(const char *path)
{
    char *dir = NULL, *base = NULL, *full;
    struct dirent *entry;
    size_t blen, dlen;
    DIR *d;

    if (path == NULL || split_path(path, &dir, &base) != 0)
        return;
    d = opendir(dir);
    blen = strlen(base);
    dlen = strlen(dir);
    for (entry = d ? readdir(d) : NULL; entry != NULL; entry = readdir(d)) {
        const char *name = entry->d_name;
        if (name[0] != '.' || strncmp(name + 1, base, blen) != 0 ||
            strncmp(name + 1 + blen, TMP_MARK, sizeof TMP_MARK - 1) != 0 ||
            strlen(name + 1 + blen + sizeof TMP_MARK - 1) != 6)
            continue;
        full = malloc(dlen + strlen(name) + 2);
        if (full == NULL)
            break;
        snprintf(full, dlen + strlen(name) + 2, "%s/%s", dir, name);
        unlink(full);
        free(full);
    }
    if (d != NULL)
        closedir(d);
    free(dir);
    free(base);
}
