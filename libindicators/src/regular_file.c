/* regular_file: open only regular files, never blocking (see the header). */
#include "regular_file.h"
#include "error_internal.h"

#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

const char *ind_file_kind(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    if (S_ISDIR(mode))
        return "a folder";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISLNK(mode))
        return "a symbolic link";
    return "not a regular file";
}

int ind_open_regular(const char *path, int flags, mode_t mode,
                     const char **kind)
{
    struct stat st;
    int fd, fl;

    /* O_NONBLOCK: opening a FIFO for reading would wait for a writer. */
    fd = open(path, flags | O_NONBLOCK | O_CLOEXEC, mode);
    if (fd < 0)
        return -1;
    if (fstat(fd, &st) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    if (!S_ISREG(st.st_mode)) {
        close(fd);
        if (kind != NULL)
            *kind = ind_file_kind(st.st_mode);
        errno = 0;
        return -1;
    }
    fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) != 0) {
        int e = errno;
        close(fd);
        errno = e;
        return -1;
    }
    return fd;
}

/* "1 GiB", "512 MiB" or "N bytes" for a limit, in the largest whole unit. */
static void size_words(char *buf, size_t n, uint64_t bytes)
{
    if (bytes >= (1ull << 30) && bytes % (1ull << 30) == 0)
        snprintf(buf, n, "%llu GiB", (unsigned long long)(bytes >> 30));
    else if (bytes >= (1ull << 20) && bytes % (1ull << 20) == 0)
        snprintf(buf, n, "%llu MiB", (unsigned long long)(bytes >> 20));
    else
        snprintf(buf, n, "%llu bytes", (unsigned long long)bytes);
}

FILE *ind_open_input(const char *path, const char *display, uint64_t max_size,
                     ind_error *err)
{
    const char *kind = NULL;
    char limit[32];
    struct stat st;
    FILE *f;
    int fd = ind_open_regular(path, O_RDONLY, 0, &kind), e;

    if (fd < 0 && kind != NULL) {
        ind_error_set(err, IND_EIO, "%s: not a regular file (%s)", display,
                      kind);
        return NULL;
    }
    if (fd < 0) {
        e = errno;
        ind_error_set(err, e == ENOENT ? IND_ENOTFOUND : IND_EIO,
                      "%s: cannot open: %s", display, strerror(e));
        return NULL;
    }
    if (fstat(fd, &st) == 0 && (uint64_t)st.st_size > max_size) {
        size_words(limit, sizeof limit, max_size);
        ind_error_set(err, IND_EDATA, "%s: %llu bytes, larger than the limit "
                      "of %llu bytes (%s) a dataset file may have", display,
                      (unsigned long long)st.st_size,
                      (unsigned long long)max_size, limit);
        close(fd);
        return NULL;
    }
    f = fdopen(fd, "rb");
    if (f == NULL) {
        close(fd);
        ind_error_set(err, IND_ENOMEM, "%s: cannot open: out of memory",
                      display);
    }
    return f;
}
