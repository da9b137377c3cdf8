/*
 * lockfile: serialise writers of a file and replace it atomically.
 *
 * A writer of an existing file holds a kernel lock (flock) on the file
 * itself, opened as regfile.h says (never through a link, never a FIFO),
 * and checks after locking that the name still leads to the file it
 * locked (a writer before it may have renamed a new file over it).  A
 * writer that creates a file locks its directory instead.  A killed
 * process never leaves a lock behind and no lock file ever appears in
 * the repository; writers of different offices never wait for each other.
 * A second writer of the same file waits up to the timeout, then fails:
 * `roadmap edit` holds the lock while the editor is open.
 *
 * The new content goes to a temporary file in the same directory
 * (".<name>.XXXXXX", never read as an office) that is given the file's
 * owner (where permitted), group, mode, POSIX ACL and user extended
 * attributes, fsynced, renamed over the file, and the directory fsynced.
 * A file that is read-only to the writer, or that has more than one hard
 * link (a rename would split it), is refused.  Temporary files of killed
 * writers of the same file, older than LOCKFILE_STALE_SECONDS, are
 * removed by the next writer under the lock.
 *
 * On any failure the original file is left byte for byte as it was and no
 * temporary file is left, with one exception: should the directory fsync
 * fail and the undoing of the rename fail too, the file holds the new
 * content, whole, and the error says so.
 *
 * Ownership: the lockfile owns its strings and descriptors;
 * lockfile_release() unlocks and frees them (it accepts a released lockfile
 * or one set to LOCKFILE_INIT).
 */
#ifndef ROADMAP_LOCKFILE_H
#define ROADMAP_LOCKFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "roadmap/diag.h"

#define LOCKFILE_TIMEOUT_MS 5000
#define LOCKFILE_STALE_SECONDS 60

struct lockfile {
        char *path;      /* the file to write */
        char *display;   /* the file as named in messages */
        char *dir;       /* its directory */
        int fd;          /* the locked file (or directory, to create); -1 */
        int dirfd;       /* its directory, to sync; -1 when not held */
        struct stat st;  /* the locked file as it was locked */
        bool executable; /* set after holding: a created file gets mode
                            0777 less the umask, a replaced one the execute
                            bits of its read bits (a hook) */
};

#define LOCKFILE_INIT                                                          \
        {                                                                      \
                NULL, NULL, NULL, -1, -1, {0}, false                           \
        }

/*
 * Lock the existing file path, to replace it.  Waits up to timeout_ms
 * (< 0: LOCKFILE_TIMEOUT_MS, or $ROADMAP_LOCK_TIMEOUT in milliseconds when
 * set).  Returns 0, or -1 after adding an error (the file is a link or not
 * regular, read-only, has several links, or another writer holds it).
 */
int lockfile_hold(struct lockfile *lk, const char *path, const char *display,
                  long timeout_ms, struct diag_list *dl);
/* Lock the directory of path (which must exist; the file need not), to
 * create path.  Returns 0, or -1 after adding an error. */
int lockfile_hold_new(struct lockfile *lk, const char *path,
                      const char *display, long timeout_ms,
                      struct diag_list *dl);

/* True if name is a temporary file of this module for base (a file name
 * such as "kcc.yaml"; NULL: any *.yaml), and if st is older than
 * LOCKFILE_STALE_SECONDS. */
bool lockfile_is_temp_name(const char *name, const char *base);
bool lockfile_is_stale(const struct stat *st);

/*
 * Replace the locked file with buf[0..len) atomically.  original is the
 * file's current content, used to put it back should the final directory
 * fsync fail after the rename.  The file keeps its owner (where
 * permitted), group, mode (plus execute bits, if executable), POSIX ACL
 * and user extended attributes; one that cannot be kept fails the
 * replace.
 * Returns 0, or -1 after adding an error naming the file; the file then
 * holds original, unless the error says "the file holds the change" (the
 * directory fsync failed and original could not be put back).
 */
int lockfile_replace(struct lockfile *lk, const char *buf, size_t len,
                     const char *original, size_t original_len,
                     struct diag_list *dl);

/*
 * Create the file locked by lockfile_hold_new() with buf[0..len); refuses
 * (-1) if it exists.
 * Mode 0666 (0777 if executable) less the umask.  On -1 the file is absent,
 * unless the error says "the file is there" (the directory fsync failed and the
 * new file could not be removed).
 */
int lockfile_create(struct lockfile *lk, const char *buf, size_t len,
                    struct diag_list *dl);

void lockfile_release(struct lockfile *lk);

/* The directory of path: "." for a bare name, "/" for one at the root.
 * The caller frees it. */
char *lockfile_dir_of(const char *path);

/* Make every missing directory on the way to path (mkdir -p of its
 * directory; mode 0777 less the umask), before a file is created there.
 * Returns 0, or -1 with errno set. */
int lockfile_make_parents(const char *path);

/*
 * Test seam: fault(op) is called before each system call of the write
 * path ("open", "fchown", "fchmod", "xattr", "write", "fsync", "close",
 * "rename", "fsyncdir", and "unlink" of a created file whose directory sync
 * failed); a non-zero result fails that call with that errno.
 * NULL restores normal operation.
 */
typedef int (*lockfile_fault_fn)(const char *op);
void lockfile_set_fault(lockfile_fault_fn fn);

#endif
