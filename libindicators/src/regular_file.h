/* regular_file: open a file only if it is a regular one, without ever
 * blocking. A dataset path may name a FIFO (an open for reading waits for
 * a writer forever), a device (/dev/zero reads without end) or a folder;
 * none of them is a dataset file, and a writer must never replace one.
 * Internal, core. */
#ifndef IND_REGULAR_FILE_H
#define IND_REGULAR_FILE_H

#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include "indicators/error.h"

/* What a file type is, for messages: "a FIFO", "a character device",
 * "a block device", "a folder", "a socket", "a symbolic link", or "not a
 * regular file" for anything else. */
const char *ind_file_kind(mode_t mode);

/* open(path, flags | O_NONBLOCK | O_CLOEXEC, mode), then fstat: a regular
 * file is returned as a descriptor in blocking mode. Otherwise returns -1:
 * errno is open's, or, when the file is not a regular one, 0 with *kind
 * set to ind_file_kind() of it (kind may be NULL). */
int ind_open_regular(const char *path, int flags, mode_t mode,
                     const char **kind);

/* Open a file to read it whole: a regular file of at most max_size bytes,
 * opened without blocking (see ind_open_regular), as a stream. On failure
 * returns NULL with err filled, naming the file as `display`:
 * IND_ENOTFOUND (no such file), IND_EIO (cannot open it, or it is not a
 * regular file: "display: not a regular file (a FIFO)"), IND_EDATA (it is
 * larger than max_size: "display: N bytes, larger than the limit of M
 * bytes (...)", said before a byte is read), IND_ENOMEM. */
FILE *ind_open_input(const char *path, const char *display, uint64_t max_size,
                     ind_error *err);

#endif
