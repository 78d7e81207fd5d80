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

/* Start replacing 'path'. The temporary file takes the permission bits of
 * the existing file, or 0666 & ~umask for a new one.
 * Returns IND_OK, IND_EWRITE (folder not writable, ...), IND_ENOMEM. */
int ind_atomic_open(ind_atomic_file **out, const char *path, ind_error *err);

/* The stream to write the new content to. Owned by the handle. */
FILE *ind_atomic_stream(ind_atomic_file *f);

/* Flush, fsync, rename over the target, fsync the folder; frees f in every
 * case. On failure the target is untouched and the temporary is removed.
 * Returns IND_OK or IND_EWRITE. */
int ind_atomic_commit(ind_atomic_file *f, ind_error *err);

/* Give up: close and remove the temporary file; frees f. NULL is a no-op. */
void ind_atomic_abort(ind_atomic_file *f);

/* Remove temporary files that a killed writer left beside 'path'. Call it
 * only while holding the lock that serialises writers of 'path'. */
void ind_atomic_sweep(const char *path);

#endif
