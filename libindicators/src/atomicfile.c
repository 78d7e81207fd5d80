/* atomicfile: temporary file, fsync, rename, fsync of the folder. */
#include "atomicfile.h"
#include "error_internal.h"
#include "regular_file.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define TMP_MARK ".tmp."

struct ind_atomic_file {
    FILE *stream;   /* NULL once prepared (or failed) */
    char *path;     /* the path asked for, in messages */
    char *target;   /* the file replaced: path, or a link's target */
    char *tmp_path; /* the temporary beside the target */
    int prepared;
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
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
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

/* The file a write of 'path' replaces: path itself, or, for a symbolic
 * link, the file it leads to (the link stays a link). Newly allocated in
 * *out. Fails (IND_EWRITE) for a dangling link, which would create a file
 * wherever it points, and for a link loop. */
static int resolve_target(const char *path, char **out, ind_error *err)
{
    char link[PATH_MAX];
    struct stat st;
    ssize_t n;

    *out = NULL;
    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode)) {
        *out = strdup(path);
        return *out ? IND_OK : ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    *out = realpath(path, NULL);
    if (*out != NULL)
        return IND_OK;
    if (errno == ENOMEM)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    if (errno == ENOENT) {
        n = readlink(path, link, sizeof link - 1);
        link[n > 0 ? n : 0] = '\0';
        return ind_error_set(err, IND_EWRITE, "%s: a symbolic link to '%s', "
                             "which does not exist; nothing is created "
                             "there", path, link);
    }
    return ind_error_set(err, IND_EWRITE, "%s: cannot follow the link: %s",
                         path, strerror(errno));
}

/* May the existing file 'target' (as 'path' in messages) be replaced? Not
 * a FIFO, a device or a folder, and not a file without write permission:
 * the rename would replace it all the same, even for root. */
static int replaceable(const char *path, const char *target, ind_error *err)
{
    struct stat st;

    if (stat(target, &st) != 0)
        return errno == ENOENT ? IND_OK
               : ind_error_set(err, IND_EWRITE, "%s: %s", path,
                               strerror(errno));
    if (!S_ISREG(st.st_mode))
        return ind_error_set(err, IND_EWRITE, "%s: not a regular file (%s); "
                             "it is not replaced", path,
                             ind_file_kind(st.st_mode));
    if ((st.st_mode & 0222) == 0 || (access(target, W_OK) != 0 &&
                                     errno == EACCES))
        return ind_error_set(err, IND_EWRITE, "%s is read-only (mode %04o); "
                             "it is not replaced: make it writable to change "
                             "it", path, (unsigned)(st.st_mode & 07777));
    return IND_OK;
}

static void atomic_release(ind_atomic_file *f)
{
    free(f->path);
    free(f->target);
    free(f->tmp_path);
    free(f);
}

int ind_atomic_open(ind_atomic_file **out, const char *path, ind_error *err)
{
    ind_atomic_file *f;
    char *dir = NULL, *base = NULL;
    struct stat st;
    size_t n;
    int fd, rc;

    if (out == NULL || path == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_atomic_open: NULL argument");
    *out = NULL;
    f = calloc(1, sizeof *f);
    if (f == NULL)
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    f->path = strdup(path);
    if (f->path == NULL) {
        atomic_release(f);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    rc = resolve_target(path, &f->target, err);
    if (rc == IND_OK)
        rc = replaceable(path, f->target, err);
    if (rc != IND_OK) {
        atomic_release(f);
        return rc;
    }
    if (split_path(f->target, &dir, &base) != 0) {
        atomic_release(f);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    n = strlen(dir) + strlen(base) + sizeof "/." TMP_MARK "XXXXXX";
    f->tmp_path = malloc(n);
    if (f->tmp_path == NULL) {
        free(dir);
        free(base);
        atomic_release(f);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    snprintf(f->tmp_path, n, "%s/.%s" TMP_MARK "XXXXXX", dir, base);
    free(dir);
    free(base);
    fd = mkstemp(f->tmp_path);
    if (fd < 0) {
        int e = errno;
        atomic_release(f);
        return ind_error_set(err, IND_EWRITE, "%s: cannot create a file beside "
                             "it: %s", path, strerror(e));
    }
    fchmod(fd, stat(f->target, &st) == 0 ? (st.st_mode & 07777)
                                         : default_mode());
    f->stream = fdopen(fd, "wb");
    if (f->stream == NULL) {
        close(fd);
        unlink(f->tmp_path);
        atomic_release(f);
        return ind_error_set(err, IND_ENOMEM, "out of memory");
    }
    *out = f;
    return IND_OK;
}

FILE *ind_atomic_stream(ind_atomic_file *f)
{
    return f ? f->stream : NULL;
}

int ind_atomic_prepare(ind_atomic_file *f, ind_error *err)
{
    int failed, e;

    if (f == NULL || (f->stream == NULL && !f->prepared))
        return ind_error_set(err, IND_EINVAL, "ind_atomic_prepare: no file");
    if (f->prepared)
        return IND_OK;
    failed = fflush(f->stream) != 0 || ferror(f->stream) ||
             fsync(fileno(f->stream)) != 0;
    e = errno;
    if (fclose(f->stream) != 0 && !failed) {
        failed = 1;
        e = errno;
    }
    f->stream = NULL;
    if (failed) {
        unlink(f->tmp_path);
        return ind_error_set(err, IND_EWRITE, "%s: cannot write: %s", f->path,
                             e ? strerror(e) : "write error");
    }
    f->prepared = 1;
    return IND_OK;
}

int ind_atomic_commit(ind_atomic_file *f, ind_error *err)
{
    char *dir = NULL, *base = NULL;
    int rc, e;

    if (f == NULL)
        return ind_error_set(err, IND_EINVAL, "ind_atomic_commit: NULL handle");
    rc = ind_atomic_prepare(f, err);
    if (rc != IND_OK) {
        atomic_release(f);
        return rc;
    }
    if (rename(f->tmp_path, f->target) != 0) {
        e = errno;
        unlink(f->tmp_path);
        ind_error_set(err, IND_EWRITE, "%s: cannot write: %s", f->path,
                      strerror(e));
        atomic_release(f);
        return IND_EWRITE;
    }
    if (split_path(f->target, &dir, &base) == 0) {
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
    if (f->stream != NULL)
        fclose(f->stream);
    unlink(f->tmp_path);
    atomic_release(f);
}

void ind_atomic_sweep(const char *path)
{
    char *dir = NULL, *base = NULL, *full, *target;
    struct dirent *entry;
    size_t blen, dlen;
    DIR *d;

    if (path == NULL)
        return;
    /* Temporaries sit beside the file written: a link's target. */
    target = realpath(path, NULL);
    if (split_path(target ? target : path, &dir, &base) != 0) {
        free(target);
        return;
    }
    free(target);
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
