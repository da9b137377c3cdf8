/*
 * lockfile: flock on the directory, write a temporary file beside the
 * target, fsync, rename, fsync the directory.  See lockfile.h.
 */
#include "roadmap/lockfile.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "roadmap/regfile.h"
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

char *lockfile_dir_of(const char *path)
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

static void lockfile_release_fds(struct lockfile *lk)
{
        if (lk->fd >= 0)
                close(lk->fd); /* drops the flock */
        if (lk->dirfd >= 0)
                close(lk->dirfd);
        lk->fd = lk->dirfd = -1;
}

/* flock with a deadline: polls, as flock() itself cannot time out. */
static int lock_wait(int fd, long timeout_ms)
{
        long deadline = now_ms() + (timeout_ms > 0 ? timeout_ms : 0);
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

static int busy(struct lockfile *lk, struct diag_list *dl)
{
        struct diag *d = diag_error(dl, lk->display, 0, 0,
                                    "cannot lock: another roadmap command is "
                                    "changing it; nothing was written");

        diag_hint(d, "wait for it to finish (a 'roadmap edit' of it may "
                     "still be open) and try again");
        return -1;
}

static bool is_temp_char(char c)
{
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
               (c >= '0' && c <= '9');
}

bool lockfile_is_temp_name(const char *name, const char *base)
{
        size_t n = strlen(name), i;

        if (n < 1 + 5 + 1 + 6 + 1 || name[0] != '.' || name[n - 7] != '.')
                return false;
        for (i = n - 6; i < n; i++)
                if (!is_temp_char(name[i]))
                        return false;
        if (base)
                return n - 8 == strlen(base) &&
                       memcmp(name + 1, base, n - 8) == 0;
        return memcmp(name + n - 12, ".yaml", 5) == 0;
}

bool lockfile_is_stale(const struct stat *st)
{
        return time(NULL) - st->st_mtime >= LOCKFILE_STALE_SECONDS;
}

/* Remove the temporary files that killed writers of the locked file left
 * in its directory, once they are stale.  Best effort. */
static void remove_stale(struct lockfile *lk)
{
        const char *base = strrchr(lk->path, '/');
        int fd = openat(lk->dirfd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
        struct dirent *e;
        struct stat st;

        base = base ? base + 1 : lk->path;
        if (!d && fd >= 0)
                close(fd);
        while (d && (e = readdir(d)) != NULL)
                if (lockfile_is_temp_name(e->d_name, base) &&
                    fstatat(lk->dirfd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) ==
                        0 &&
                    S_ISREG(st.st_mode) && lockfile_is_stale(&st))
                        unlinkat(lk->dirfd, e->d_name, 0);
        if (d)
                closedir(d);
}

static int start(struct lockfile *lk, const char *path, const char *display,
                 struct diag_list *dl)
{
        lk->path = xstrdup(path);
        lk->display = xstrdup(display ? display : path);
        lk->dir = lockfile_dir_of(path);
        lk->fd = -1;
        lk->executable = false;
        lk->dirfd = open(lk->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (lk->dirfd < 0)
                return fail(lk, dl, "open its directory");
        return 0;
}

/* Lock the file path names now; 1 if the lock is held on a file that
 * the name no longer leads to (try again), 0 once held, -1 on error. */
static int lock_once(struct lockfile *lk, long deadline, struct diag_list *dl)
{
        struct stat now;

        lk->fd = regfile_open(lk->path, lk->display, O_RDONLY, &lk->st, dl);
        if (lk->fd < 0)
                return -1;
        if (lock_wait(lk->fd, deadline - now_ms()) != 0)
                return errno == EWOULDBLOCK ? busy(lk, dl)
                                            : fail(lk, dl, "lock it");
        if (lstat(lk->path, &now) == 0 && now.st_dev == lk->st.st_dev &&
            now.st_ino == lk->st.st_ino)
                return fstat(lk->fd, &lk->st) == 0 ? 0
                                                   : fail(lk, dl, "read it");
        close(lk->fd);
        lk->fd = -1;
        return 1;
}

/* A file a rename must not replace: read-only to this writer, or one of
 * several hard links. */
static int refuse_unsafe(struct lockfile *lk, struct diag_list *dl)
{
        struct diag *d;

        if (!(lk->st.st_mode & 0222) ||
            faccessat(AT_FDCWD, lk->path, W_OK, AT_EACCESS) != 0) {
                d = diag_error(dl, lk->display, 0, 0,
                               "is read-only (mode %04o); nothing was written",
                               (unsigned)(lk->st.st_mode & 07777));
                diag_hint(d, "if it is meant to change, make it writable "
                             "('chmod u+w') and try again");
                return -1;
        }
        if (lk->st.st_nlink > 1) {
                d = diag_error(dl, lk->display, 0, 0,
                               "has %lu hard links; replacing it would split "
                               "them; nothing was written",
                               (unsigned long)lk->st.st_nlink);
                diag_hint(d, "make it a file of its own ('cp -p FILE FILE.new "
                             "&& mv FILE.new FILE') and try again");
                return -1;
        }
        return 0;
}

int lockfile_hold(struct lockfile *lk, const char *path, const char *display,
                  long timeout_ms, struct diag_list *dl)
{
        long deadline;
        int r;

        if (start(lk, path, display, dl) != 0)
                return -1;
        deadline = now_ms() + lock_timeout(timeout_ms);
        while ((r = lock_once(lk, deadline, dl)) == 1)
                ;
        if (r == 0 && refuse_unsafe(lk, dl) == 0) {
                remove_stale(lk);
                return 0;
        }
        lockfile_release_fds(lk);
        return -1;
}

int lockfile_hold_new(struct lockfile *lk, const char *path,
                      const char *display, long timeout_ms,
                      struct diag_list *dl)
{
        if (start(lk, path, display, dl) != 0)
                return -1;
        if (lock_wait(lk->dirfd, lock_timeout(timeout_ms)) == 0) {
                remove_stale(lk);
                return 0;
        } else if (errno == EWOULDBLOCK) {
                busy(lk, dl);
        } else {
                fail(lk, dl, "lock its directory");
        }
        lockfile_release_fds(lk);
        return -1;
}

void lockfile_release(struct lockfile *lk)
{
        lockfile_release_fds(lk);
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

/* Give the temporary file fd the locked file's owner and group; where
 * the owner cannot be given away, the group at least (a group-shared
 * repository stays readable to the group). */
static int keep_owner(struct lockfile *lk, int fd)
{
        struct stat now;

        if (faulted("fchown"))
                return -1;
        if (fchown(fd, lk->st.st_uid, lk->st.st_gid) == 0)
                return 0;
        if (errno != EPERM)
                return -1;
        if (fchown(fd, (uid_t)-1, lk->st.st_gid) == 0)
                return 0;
        if (errno != EPERM)
                return -1;
        if (fstat(fd, &now) == 0 && now.st_gid == lk->st.st_gid)
                return 0;
        errno = EPERM;
        return -1;
}

/* The extended attributes a replaced file keeps: the POSIX ACL and the
 * user namespace (security labels are the system's to set). */
static bool kept_xattr(const char *name)
{
        return strncmp(name, "user.", 5) == 0 ||
               strcmp(name, "system.posix_acl_access") == 0;
}

static int copy_xattr(int from, int to, const char *name)
{
        ssize_t n = fgetxattr(from, name, NULL, 0);
        char *v;
        int rc = -1;

        if (n < 0)
                return -1;
        v = xmalloc((size_t)n + 1);
        n = fgetxattr(from, name, v, (size_t)n);
        if (n >= 0)
                rc = fsetxattr(to, name, v, (size_t)n, 0);
        free(v);
        return rc;
}

static int keep_xattrs(struct lockfile *lk, int fd)
{
        ssize_t n;
        char *names, *p;
        int rc = 0;

        if (faulted("xattr"))
                return -1;
        n = flistxattr(lk->fd, NULL, 0);
        if (n <= 0)
                return n == 0 || errno == ENOTSUP ? 0 : -1;
        names = xmalloc((size_t)n + 1);
        n = flistxattr(lk->fd, names, (size_t)n);
        if (n < 0)
                rc = -1;
        for (p = names; rc == 0 && p < names + n; p += strlen(p) + 1)
                if (kept_xattr(p))
                        rc = copy_xattr(lk->fd, fd, p);
        free(names);
        return rc;
}

/* Give the new temporary file fd what the file it replaces has (keep) or
 * the mode of a new file; *what names a failure. */
static int set_metadata(struct lockfile *lk, int fd, bool keep, mode_t mode,
                        const char **what)
{
        *what = "keep its owner and group";
        if (keep && keep_owner(lk, fd) != 0)
                return -1;
        *what = "write a temporary file";
        if (faulted("fchmod") || fchmod(fd, mode) != 0)
                return -1;
        *what = "keep its ACL and extended attributes";
        if (keep && keep_xattrs(lk, fd) != 0)
                return -1;
        *what = "write a temporary file";
        return 0;
}

/*
 * Write buf to a new temporary file beside the target, with the locked
 * file's metadata (keep) or mode; *tmp gets its name.  On failure nothing
 * is left behind.
 */
static int write_temp(struct lockfile *lk, const char *buf, size_t len,
                      bool keep, mode_t mode, char **tmp, struct diag_list *dl)
{
        const char *base = strrchr(lk->path, '/');
        int fd, saved;
        const char *what = "create a temporary file";

        base = base ? base + 1 : lk->path;
        *tmp = xasprintf("%s/.%s.XXXXXX", lk->dir, base);
        fd = faulted("open") ? -1 : mkstemp(*tmp);
        if (fd < 0)
                goto fail_open;
        if (set_metadata(lk, fd, keep, mode, &what) != 0)
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
static int roll_back(struct lockfile *lk, const char *original, size_t len)
{
        struct diag_list ignore = DIAG_LIST_INIT;
        char *tmp;
        int rc = -1;

        if (write_temp(lk, original, len, true, lk->st.st_mode & 07777, &tmp,
                       &ignore) == 0) {
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

/* The mode a replacement of the locked file gets. */
static mode_t kept_mode(const struct lockfile *lk)
{
        mode_t m = lk->st.st_mode & 07777;

        return lk->executable ? m | (m & 0444) >> 2 : m;
}

int lockfile_replace(struct lockfile *lk, const char *buf, size_t len,
                     const char *original, size_t original_len,
                     struct diag_list *dl)
{
        char *tmp;
        int saved, undone;

        if (write_temp(lk, buf, len, true, kept_mode(lk), &tmp, dl) != 0)
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
                undone = roll_back(lk, original, original_len) == 0;
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
        if (write_temp(lk, buf, len, false,
                       (lk->executable ? 0777 : 0666) & ~mask, &tmp, dl) != 0)
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

int lockfile_make_parents(const char *path)
{
        char *p = xstrdup(path), *s;
        int rc = 0;

        for (s = p + 1; *s && rc == 0; s++) {
                if (*s != '/')
                        continue;
                *s = '\0';
                if (mkdir(p, 0777) != 0 && errno != EEXIST)
                        rc = -1;
                *s = '/';
        }
        free(p);
        return rc;
}
