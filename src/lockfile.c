/*
 * lockfile: flock on the directory, write a temporary file beside the
 * target, fsync, rename, fsync the directory.  See lockfile.h.
 */
#include "roadmap/lockfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "roadmap/xalloc.h"

static lockfile_fault_fn fault_hook;

void lockfile_set_fault(lockfile_fault_fn fn)
{
        fault_hook = fn;
}

/* True (with errno set) if the test seam fails op. */
static int faulted(const char *op)
{
        int e;

        if (!fault_hook)
                return 0;
        e = fault_hook(op);
        if (e)
                errno = e;
        return e != 0;
}

static int fail(struct lockfile *lk, struct diag_list *dl, const char *what)
{
        diag_error(dl, lk->display, 0, 0, "cannot %s: %s", what,
                   strerror(errno));
        return -1;
}

static char *dir_of(const char *path)
{
        const char *slash = strrchr(path, '/');

        if (!slash)
                return xstrdup(".");
        if (slash == path)
                return xstrdup("/");
        return xstrndup(path, (size_t)(slash - path));
}

static long lock_timeout(long timeout_ms)
{
        const char *env;

        if (timeout_ms >= 0)
                return timeout_ms;
        env = getenv("ROADMAP_LOCK_TIMEOUT");
        if (env && *env) {
                char *end;
                long v = strtol(env, &end, 10);
                if (*end == '\0' && v >= 0)
                        return v;
        }
        return LOCKFILE_TIMEOUT_MS;
}

static void sleep_ms(long ms)
{
        struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

        while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
                ;
}

static long now_ms(void)
{
        struct timespec ts;

        clock_gettime(CLOCK_MONOTONIC, &ts);
        return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* flock with a deadline: polls, as flock() itself cannot time out. */
static int lock_wait(int fd, long timeout_ms)
{
        long deadline = now_ms() + timeout_ms;
        long nap = 1;

        for (;;) {
                if (flock(fd, LOCK_EX | LOCK_NB) == 0)
                        return 0;
                if (errno != EWOULDBLOCK && errno != EINTR)
                        return -1;
                if (now_ms() >= deadline) {
                        errno = EWOULDBLOCK;
                        return -1;
                }
                sleep_ms(nap);
                if (nap < 20)
                        nap *= 2;
        }
}

int lockfile_hold(struct lockfile *lk, const char *path, const char *display,
                  long timeout_ms, struct diag_list *dl)
{
        lk->path = xstrdup(path);
        lk->display = xstrdup(display ? display : path);
        lk->dir = dir_of(path);
        lk->dirfd = open(lk->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (lk->dirfd < 0)
                return fail(lk, dl, "open its directory");
        if (lock_wait(lk->dirfd, lock_timeout(timeout_ms)) == 0)
                return 0;
        if (errno == EWOULDBLOCK) {
                struct diag *d = diag_error(
                    dl, lk->display, 0, 0,
                    "cannot lock: another roadmap command is writing to '%s'",
                    lk->dir);
                diag_hint(d, "wait for it to finish and try again");
        } else {
                fail(lk, dl, "lock its directory");
        }
        close(lk->dirfd);
        lk->dirfd = -1;
        return -1;
}

void lockfile_release(struct lockfile *lk)
{
        if (lk->dirfd >= 0)
                close(lk->dirfd); /* drops the flock */
        lk->dirfd = -1;
        free(lk->path);
        free(lk->display);
        free(lk->dir);
        lk->path = lk->display = lk->dir = NULL;
}

static int write_all(int fd, const char *buf, size_t len)
{
        while (len > 0) {
                ssize_t w;

                if (faulted("write"))
                        return -1;
                w = write(fd, buf, len);
                if (w < 0) {
                        if (errno == EINTR)
                                continue;
                        return -1;
                }
                buf += w;
                len -= (size_t)w;
        }
        return 0;
}

/*
 * Write buf to a new temporary file beside the target with mode; *tmp gets
 * its name.  On failure nothing is left behind.
 */
static int write_temp(struct lockfile *lk, const char *buf, size_t len,
                      mode_t mode, char **tmp, struct diag_list *dl)
{
        const char *base = strrchr(lk->path, '/');
        int fd, saved;
        const char *what = "create a temporary file";

        base = base ? base + 1 : lk->path;
        *tmp = xasprintf("%s/.%s.XXXXXX", lk->dir, base);
        fd = faulted("open") ? -1 : mkstemp(*tmp);
        if (fd < 0)
                goto fail_open;
        what = "write a temporary file";
        if (faulted("fchmod") || fchmod(fd, mode) != 0)
                goto fail;
        if (write_all(fd, buf, len) != 0)
                goto fail;
        what = "sync a temporary file";
        if (faulted("fsync") || fsync(fd) != 0)
                goto fail;
        what = "close a temporary file";
        if (faulted("close")) {
                saved = errno;
                close(fd);
                errno = saved;
                goto fail_closed;
        }
        if (close(fd) != 0)
                goto fail_closed;
        return 0;
fail:
        saved = errno;
        close(fd);
        errno = saved;
fail_closed:
        saved = errno;
        unlink(*tmp);
        errno = saved;
fail_open:
        fail(lk, dl, what);
        free(*tmp);
        *tmp = NULL;
        return -1;
}

static int sync_dir(struct lockfile *lk)
{
        if (faulted("fsyncdir"))
                return -1;
        return fsync(lk->dirfd);
}

/*
 * Put original back after a rename whose directory sync failed: a new
 * temporary file, synced, renamed over the file.  Returns 0 once the file
 * holds original again, -1 if it still holds what the rename put there.
 */
static int roll_back(struct lockfile *lk, const char *original, size_t len,
                     mode_t mode)
{
        struct diag_list ignore = DIAG_LIST_INIT;
        char *tmp;
        int rc = -1;

        if (write_temp(lk, original, len, mode, &tmp, &ignore) == 0) {
                if (faulted("rename") || rename(tmp, lk->path) != 0) {
                        unlink(tmp);
                } else {
                        rc = 0;
                        sync_dir(lk); /* it just failed; no more to do */
                }
                free(tmp);
        }
        diag_list_release(&ignore);
        return rc;
}

/*
 * The directory sync failed (errno) and the change could not be undone:
 * say that the file holds it, whole, and how to see it.
 */
static int fail_kept(struct lockfile *lk, struct diag_list *dl)
{
        struct diag *d = diag_error(dl, lk->display, 0, 0,
                                    "cannot sync its directory: %s, nor put "
                                    "the old file back; the file holds the "
                                    "change",
                                    strerror(errno));

        diag_hint(d, "'git diff' shows it and 'roadmap check' checks it; "
                     "keep it or undo it");
        diag_hint(d, "until the directory is synced, a system crash may "
                     "bring back the old file");
        return -1;
}

int lockfile_replace(struct lockfile *lk, const char *buf, size_t len,
                     const char *original, size_t original_len,
                     struct diag_list *dl)
{
        struct stat st;
        mode_t mode;
        char *tmp;
        int saved, undone;

        if (stat(lk->path, &st) != 0)
                return fail(lk, dl, "read its permissions");
        mode = st.st_mode & 07777;
        if (write_temp(lk, buf, len, mode, &tmp, dl) != 0)
                return -1;
        if (faulted("rename") || rename(tmp, lk->path) != 0) {
                saved = errno;
                unlink(tmp);
                free(tmp);
                errno = saved;
                return fail(lk, dl, "replace it");
        }
        free(tmp);
        if (sync_dir(lk) != 0) {
                saved = errno;
                undone = roll_back(lk, original, original_len, mode) == 0;
                errno = saved;
                return undone ? fail(lk, dl, "sync its directory")
                              : fail_kept(lk, dl);
        }
        return 0;
}

/*
 * The directory sync failed (errno) after a create and the new file could
 * not be removed: say that it is there.
 */
static int fail_created(struct lockfile *lk, struct diag_list *dl)
{
        struct diag *d = diag_error(dl, lk->display, 0, 0,
                                    "cannot sync its directory: %s, nor "
                                    "remove the new file; the file is there",
                                    strerror(errno));

        diag_hint(d, "'git status' shows it; keep it or remove it");
        diag_hint(d, "until the directory is synced, a system crash may "
                     "lose it");
        return -1;
}

/* Rename tmp to path unless path exists (renameat2 NOREPLACE where the
 * file system has it, else link and unlink). */
static int rename_noreplace(const char *tmp, const char *path)
{
#ifdef SYS_renameat2
        if (syscall(SYS_renameat2, AT_FDCWD, tmp, AT_FDCWD, path, 1u) == 0)
                return 0;
        if (errno != EINVAL && errno != ENOSYS)
                return -1;
#endif
        if (link(tmp, path) != 0)
                return -1;
        unlink(tmp);
        return 0;
}

int lockfile_create(struct lockfile *lk, const char *buf, size_t len,
                    struct diag_list *dl)
{
        mode_t mask = umask(0);
        char *tmp;
        int saved;

        umask(mask);
        if (write_temp(lk, buf, len, 0666 & ~mask, &tmp, dl) != 0)
                return -1;
        if (faulted("rename") || rename_noreplace(tmp, lk->path) != 0) {
                saved = errno;
                unlink(tmp);
                free(tmp);
                errno = saved;
                return fail(lk, dl, "create it");
        }
        free(tmp);
        if (sync_dir(lk) != 0) {
                saved = errno;
                if (!faulted("unlink") && unlink(lk->path) == 0) {
                        errno = saved;
                        return fail(lk, dl, "sync its directory");
                }
                errno = saved;
                return fail_created(lk, dl);
        }
        return 0;
}
