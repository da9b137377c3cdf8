/*
 * lockfile: serialise writers of a file and replace it atomically.
 *
 * A writer holds a kernel lock (flock) on the directory that holds the
 * file, so a killed process never leaves a lock behind and no lock file
 * ever appears in the repository.  A second writer waits up to the timeout,
 * then fails.  The new content goes to a temporary file in the same
 * directory (".<name>.XXXXXX", never read as an office), which is fsynced,
 * renamed over the file, and the directory fsynced.  On any failure the
 * original file is left byte for byte as it was and no temporary file is
 * left, with one exception: should the directory fsync fail and the
 * undoing of the rename fail too, the file holds the new content, whole,
 * and the error says so.
 *
 * Ownership: the lockfile owns its strings and descriptor;
 * lockfile_release() unlocks and frees them (it accepts a released or
 * zeroed lockfile).
 */
#ifndef ROADMAP_LOCKFILE_H
#define ROADMAP_LOCKFILE_H

#include <stddef.h>

#include "roadmap/diag.h"

#define LOCKFILE_TIMEOUT_MS 5000

struct lockfile {
        char *path;    /* the file to write */
        char *display; /* the file as named in messages */
        char *dir;     /* its directory */
        int dirfd;     /* the locked directory; -1 when not held */
};

/*
 * Lock the directory of path (which must exist; the file need not).
 * Waits up to timeout_ms (< 0: LOCKFILE_TIMEOUT_MS, or $ROADMAP_LOCK_TIMEOUT
 * in milliseconds when set).  Returns 0, or -1 after adding an error.
 */
int lockfile_hold(struct lockfile *lk, const char *path, const char *display,
                  long timeout_ms, struct diag_list *dl);

/*
 * Replace the locked file with buf[0..len) atomically.  original is the
 * file's current content, used to put it back should the final directory
 * fsync fail after the rename.  The file keeps its permission bits.
 * Returns 0, or -1 after adding an error naming the file; the file then
 * holds original, unless the error says "the file holds the change" (the
 * directory fsync failed and original could not be put back).
 */
int lockfile_replace(struct lockfile *lk, const char *buf, size_t len,
                     const char *original, size_t original_len,
                     struct diag_list *dl);

/*
 * Create the locked file with buf[0..len); refuses (-1) if it exists.
 * Mode 0666 less the umask.  On -1 the file is absent, unless the error
 * says "the file is there" (the directory fsync failed and the new file
 * could not be removed).
 */
int lockfile_create(struct lockfile *lk, const char *buf, size_t len,
                    struct diag_list *dl);

void lockfile_release(struct lockfile *lk);

/*
 * Test seam: fault(op) is called before each system call of the write
 * path ("open", "fchmod", "write", "fsync", "close", "rename",
 * "fsyncdir", and "unlink" of a created file whose directory sync
 * failed); a non-zero result fails that call with that errno.
 * NULL restores normal operation.
 */
typedef int (*lockfile_fault_fn)(const char *op);
void lockfile_set_fault(lockfile_fault_fn fn);

#endif
