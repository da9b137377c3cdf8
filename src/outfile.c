/*
 * outfile: standard output or -o FILE, written whole or not at all (see
 * outfile.h).
 */
#include "roadmap/outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "roadmap/lockfile.h"
#include "roadmap/strbuf.h"
#include "roadmap/tempfile.h"
#include "roadmap/xalloc.h"

static bool is_stdout(const char *path)
{
        return !path || strcmp(path, "-") == 0;
}

static mode_t current_umask(void)
{
        mode_t mask = umask(0);

        umask(mask);
        return mask;
}

static int open_stdout(struct outfile *of, const char *what,
                       struct diag_list *dl)
{
        struct diag *d;

        if (of->binary && isatty(STDOUT_FILENO)) {
                d = diag_error(dl, NULL, 0, 0,
                               "refusing to write %s to a terminal", what);
                diag_hint(d, "give -o FILE, or redirect the output to a file");
                return -1;
        }
        of->fp = stdout;
        return 0;
}

/* A path that names a directory cannot take the output. */
static int refuse_directory(const char *path, struct diag_list *dl)
{
        struct stat st;

        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
                diag_error(dl, path, 0, 0, "is a directory; nothing written");
                return -1;
        }
        return 0;
}

/* The roadmap's own files, relative to its root: the file itself, or a
 * directory whose every file is the roadmap's. */
static const char *const own_files[] = {"roadmap.yaml", "offices", "schema",
                                        ".git"};

/* Whether target (resolved) is root's own file, or in its own directory. */
static bool is_own(const char *root, const char *target)
{
        size_t n = strlen(root), i, k;

        if (strncmp(target, root, n) != 0 || target[n] != '/')
                return false;
        target += n + 1;
        for (i = 0; i < sizeof(own_files) / sizeof(own_files[0]); i++) {
                k = strlen(own_files[i]);
                if (strncmp(target, own_files[i], k) == 0 &&
                    (target[k] == '\0' || (i > 0 && target[k] == '/')))
                        return true;
        }
        return false;
}

/* Whether target is dir or inside it (both resolved). */
static bool under(const char *dir, const char *target)
{
        size_t n = strlen(dir);

        return dir[0] && strncmp(target, dir, n) == 0 &&
               (target[n] == '\0' || target[n] == '/');
}

/* The first line of file, without its line end ("" if unreadable). */
static void first_line(const char *file, struct strbuf *sb)
{
        strbuf_reset(sb);
        if (strbuf_read_file(sb, file, 4096) != 0)
                strbuf_reset(sb);
        sb->len = strcspn(sb->buf, "\r\n");
        sb->buf[sb->len] = '\0';
}

/* dir/rel resolved (rel may be absolute), or NULL. */
static char *resolve_in(const char *dir, const char *rel)
{
        char *p = rel[0] == '/' ? xstrdup(rel) : xasprintf("%s/%s", dir, rel);
        char *real = realpath(p, NULL);

        free(p);
        return real;
}

/*
 * Whether target is in the git directory of the repository that holds the
 * roadmap (real_root, resolved): the ".git" found first from the root up,
 * a directory or a "gitdir: PATH" file (a worktree), and the common
 * directory its "commondir" names; or $GIT_DIR.
 */
static bool in_git_dir(const char *real_root, const char *target)
{
        struct strbuf sb = STRBUF_INIT, line = STRBUF_INIT;
        char *dir = xstrdup(real_root), *git = NULL, *common = NULL;
        const char *env = getenv("GIT_DIR");
        struct stat st;
        bool in;

        while (!git) {
                strbuf_reset(&sb);
                strbuf_addf(&sb, "%s/.git", dir);
                if (stat(sb.buf, &st) == 0) {
                        if (S_ISREG(st.st_mode)) {
                                first_line(sb.buf, &line);
                                if (strncmp(line.buf, "gitdir: ", 8) == 0)
                                        git = resolve_in(dir, line.buf + 8);
                        } else {
                                git = realpath(sb.buf, NULL);
                        }
                        break;
                }
                if (strcmp(dir, "/") == 0)
                        break;
                *strrchr(dir, '/') = '\0';
                if (!dir[0])
                        strcpy(dir, "/");
        }
        if (git) {
                strbuf_reset(&sb);
                strbuf_addf(&sb, "%s/commondir", git);
                first_line(sb.buf, &line);
                if (line.len)
                        common = resolve_in(git, line.buf);
        }
        in = (git && under(git, target)) || (common && under(common, target));
        free(git);
        free(common);
        if (!in && env && (git = realpath(env, NULL))) {
                in = under(git, target);
                free(git);
        }
        free(dir);
        strbuf_release(&sb);
        strbuf_release(&line);
        return in;
}

/* path with its directory resolved (realpath(3)), or NULL (errno set). */
static char *resolve(const char *path)
{
        const char *base = strrchr(path, '/');
        char *dir = lockfile_dir_of(path), *real = realpath(dir, NULL), *res;

        free(dir);
        if (!real)
                return NULL;
        base = base ? base + 1 : path;
        res = xasprintf("%s/%s", strcmp(real, "/") == 0 ? "" : real, base);
        free(real);
        return res;
}

/* -o FILE must not be one of root's own files (outfile.h). */
static int refuse_own(const char *root, const char *path, const char *what,
                      struct diag_list *dl)
{
        char *real_root, *target;
        bool own = false;
        struct diag *d;

        if (!root || !(real_root = realpath(root, NULL)))
                return 0;
        target = resolve(path);
        if (target)
                own =
                    is_own(real_root, target) || in_git_dir(real_root, target);
        free(target);
        free(real_root);
        if (!own)
                return 0;
        d = diag_error(dl, path, 0, 0,
                       "is the roadmap's own file; refusing to write %s over "
                       "it",
                       what);
        diag_hint(d, "choose another name for -o, outside roadmap.yaml, "
                     "offices/, schema/ and git's own directory");
        return -1;
}

/* The directory of path must exist and take a new file. */
static int check_dir(const char *path, const char *what, struct diag_list *dl)
{
        char *dir = lockfile_dir_of(path);
        struct stat st;
        int rc = 0;

        if (stat(dir, &st) != 0 || access(dir, W_OK | X_OK) != 0) {
                diag_error(dl, path, 0, 0, "cannot write %s: %s", what,
                           strerror(errno));
                rc = -1;
        } else if (!S_ISDIR(st.st_mode)) {
                diag_error(dl, path, 0, 0, "cannot write %s: %s", what,
                           strerror(ENOTDIR));
                rc = -1;
        }
        free(dir);
        return rc;
}

int outfile_prepare(struct outfile *of, const char *root, const char *path,
                    bool binary, const char *what, struct diag_list *dl)
{
        of->binary = binary;
        of->what = what;
        if (is_stdout(path))
                return open_stdout(of, what, dl);
        if (!*path) {
                diag_error(dl, NULL, 0, 0, "-o needs a file name");
                return -1;
        }
        if (refuse_directory(path, dl) != 0 ||
            refuse_own(root, path, what, dl) != 0 ||
            check_dir(path, what, dl) != 0)
                return -1;
        of->path = xstrdup(path);
        return 0;
}

static void drop_tmp(struct outfile *of)
{
        if (of->tmp)
                unlink(of->tmp);
        tempfile_forget(of->handle);
        of->handle = -1;
        free(of->tmp);
        of->tmp = NULL;
}

int outfile_start(struct outfile *of, struct diag_list *dl)
{
        const char *base;
        char *dir;
        int fd, err = 0;

        if (of->fp || !of->path)
                return 0;
        base = strrchr(of->path, '/');
        base = base ? base + 1 : of->path;
        dir = lockfile_dir_of(of->path);
        of->tmp = xasprintf("%s/.%s.XXXXXX", dir, base);
        free(dir);
        fd = mkstemp(of->tmp);
        if (fd < 0) {
                err = errno;
                free(of->tmp);
                of->tmp = NULL;
        } else if ((of->handle = tempfile_register(of->tmp)) < 0 ||
                   fchmod(fd, 0666 & ~current_umask()) != 0 ||
                   !(of->fp = fdopen(fd, "wb"))) {
                err = of->handle < 0 ? EMFILE : errno;
                close(fd);
                drop_tmp(of);
        }
        if (!of->fp) {
                diag_error(dl, of->path, 0, 0, "cannot write %s: %s", of->what,
                           strerror(err));
                return -1;
        }
        return 0;
}

int outfile_open(struct outfile *of, const char *root, const char *path,
                 bool binary, const char *what, struct diag_list *dl)
{
        if (outfile_prepare(of, root, path, binary, what, dl) != 0)
                return -1;
        return outfile_start(of, dl);
}

static int sync_dir_of(const char *path)
{
        char *dir = lockfile_dir_of(path);
        int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC), rc;

        free(dir);
        if (fd < 0)
                return -1;
        rc = fsync(fd);
        close(fd);
        return rc;
}

int outfile_commit(struct outfile *of, struct diag_list *dl)
{
        const char *what = "write";
        FILE *fp;

        if (!of->path)
                return fflush(of->fp) == 0 ? 0 : -1;
        if (outfile_start(of, dl) != 0)
                return -1;
        fp = of->fp;
        of->fp = NULL;
        if (fflush(fp) != 0 || ferror(fp) || fsync(fileno(fp)) != 0) {
                fclose(fp);
                goto fail;
        }
        what = "close";
        if (fclose(fp) != 0)
                goto fail;
        what = "rename";
        if (rename(of->tmp, of->path) != 0)
                goto fail;
        tempfile_forget(of->handle);
        of->handle = -1;
        free(of->tmp);
        of->tmp = NULL;
        if (sync_dir_of(of->path) != 0) {
                diag_error(dl, of->path, 0, 0,
                           "written, but its directory could not be synced: %s",
                           strerror(errno));
                return -1;
        }
        return 0;
fail:
        diag_error(dl, of->path, 0, 0,
                   "cannot %s the output: %s; nothing "
                   "written",
                   what, strerror(errno ? errno : EIO));
        drop_tmp(of);
        return -1;
}

void outfile_release(struct outfile *of)
{
        if (of->path && of->fp)
                fclose(of->fp);
        drop_tmp(of);
        free(of->path);
        *of = (struct outfile)OUTFILE_INIT;
}
