/* atomicfile: replace a file so that readers see the old or the new
 * version, never a torn one, even if the process is killed mid-write.
 *
 * The new content goes to a temporary file in the same folder
 * (".NAME.tmp.XXXXXX"), which is flushed, fsync'ed, renamed over NAME, and
 * then the folder is fsync'ed so the rename itself survives a crash.
 * Internal to the library. Locking is the caller's concern. */
#ifndef IND_ATOMICFILE_H
#define IND_ATOMICFILE_H

#include <stdio.h>
#include "indicators/error.h"

typedef struct ind_atomic_file ind_atomic_file;

/* Start replacing 'path'. A symbolic link is followed: its target is
 * replaced and the link stays (a dangling link is refused, as it would
 * create a file wherever it points). An existing target that is not a
 * regular file (a FIFO, a device) or has no write permission is refused.
 * The temporary file takes the permission bits of the existing file, or
 * 0666 & ~umask for a new one.
 * Returns IND_OK, IND_EWRITE (folder not writable, read-only file, ...,
 * with the cause in err), IND_ENOMEM. */
int ind_atomic_open(ind_atomic_file **out, const char *path, ind_error *err);

/* The stream to write the new content to. Owned by the handle. */
FILE *ind_atomic_stream(ind_atomic_file *f);

/* Flush and fsync the new content and close its stream, without renaming:
 * a writer of several files prepares them all, so that a full disk is met
 * before any file is replaced. On failure (IND_EWRITE, the cause in err)
 * the temporary is removed; f must still be aborted. */
int ind_atomic_prepare(ind_atomic_file *f, ind_error *err);

/* Prepare (if not done), rename over the target, fsync the folder; frees f
 * in every case. On failure the target is untouched and the temporary is
 * removed. Returns IND_OK or IND_EWRITE. */
int ind_atomic_commit(ind_atomic_file *f, ind_error *err);

/* Give up: close and remove the temporary file; frees f. NULL is a no-op. */
void ind_atomic_abort(ind_atomic_file *f);

/* Remove temporary files that a killed writer left beside 'path'. Call it
 * only while holding the lock that serialises writers of 'path'. */
void ind_atomic_sweep(const char *path);

#endif
