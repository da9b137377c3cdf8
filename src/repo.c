#include "roadmap/repo.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "roadmap/assets.h"
#include "roadmap/lockfile.h"
#include "roadmap/regfile.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

char *repo_find_root(const char *start, struct diag_list *dl)
{
        char *dir = realpath(start, NULL);
        struct strbuf path;

        if (!dir) {
                diag_error(dl, NULL, 0, 0, "cannot resolve '%s': %s", start,
                           strerror(errno));
                return NULL;
        }
        strbuf_init(&path);
        for (;;) {
                struct stat st;
                char *slash;

                strbuf_reset(&path);
                strbuf_addf(&path, "%s/%s", strcmp(dir, "/") ? dir : "",
                            REPO_MARKER);
                if (stat(path.buf, &st) == 0 && S_ISREG(st.st_mode))
                        break;
                slash = strrchr(dir, '/');
                if (!slash || strcmp(dir, "/") == 0) {
                        struct diag *d = diag_error(
                            dl, NULL, 0, 0,
                            "not a roadmap repository (or any parent up to "
                            "'/'): no %s found",
                            REPO_MARKER);
                        diag_hint(d, "create one with 'roadmap init --title "
                                     "TITLE', or use -C DIR");
                        free(dir);
                        dir = NULL;
                        break;
                }
                if (slash == dir)
                        slash[1] = '\0';
                else
                        *slash = '\0';
        }
        strbuf_release(&path);
        return dir;
}

static void add_file(struct office_list *l, const char *rel, const char *name)
{
        struct office_file *f;

        l->items = xgrow(l->items, &l->cap, l->n + 1, sizeof(*l->items));
        f = &l->items[l->n++];
        f->path = xstrdup(rel);
        f->id = xstrndup(name, strlen(name) - 5);
}

static void add_leftover(struct office_list *l, const char *rel)
{
        l->leftovers = xgrow(l->leftovers, &l->capleftovers, l->nleftovers + 1,
                             sizeof(*l->leftovers));
        l->leftovers[l->nleftovers++] = xstrdup(rel);
}

/* A hidden entry: a temporary file an interrupted write of base (NULL:
 * any *.yaml) left behind is noted when it is older than
 * LOCKFILE_STALE_SECONDS; the rest is not the repository's. */
static void note_hidden(struct office_list *l, const char *rel,
                        const char *name, const char *base,
                        const struct stat *st)
{
        if (S_ISREG(st->st_mode) && lockfile_is_temp_name(name, base) &&
            lockfile_is_stale(st))
                add_leftover(l, rel);
}

static int walk(const char *root, struct strbuf *rel, int depth,
                struct office_list *l, struct diag_list *dl);

static int dirent_type(const struct dirent *e)
{
#ifdef DT_UNKNOWN
        return e->d_type;
#else
        (void)e;
        return 0;
#endif
}

/*
 * The type (S_IFMT bits) of the entry name of dir, that readdir said is
 * of type dtype: readdir's type where it knows one (not DT_UNKNOWN) and
 * st is NULL, else lstat's, which then fills *st (when given: a caller
 * that needs more than the type, such as a hidden entry's age).  0 if the
 * entry is gone.
 */
static mode_t entry_type(const char *dir, const char *name, int dtype,
                         struct stat *st)
{
        struct stat own;
        char *full;
        int rc;

#ifdef DT_UNKNOWN
        if (dtype != DT_UNKNOWN && !st)
                return (mode_t)DTTOIF(dtype);
#else
        (void)dtype;
#endif
        if (!st)
                st = &own;
        memset(st, 0, sizeof(*st));
        full = xasprintf("%s/%s", dir, name);
        rc = lstat(full, st);
        free(full);
        return rc == 0 ? st->st_mode & S_IFMT : 0;
}

/* One entry of a directory below offices/ (rel names it): a directory is
 * walked, a regular *.yaml file is an office; a symbolic link, or a *.yaml
 * that is not a regular file, is refused (regfile.h).  Readdir's type is
 * trusted where it knows one: no lstat per office. */
static int visit(const char *root, struct strbuf *rel, const char *name,
                 int dtype, int depth, struct office_list *l,
                 struct diag_list *dl)
{
        struct stat st;
        mode_t type =
            entry_type(root, rel->buf, dtype, name[0] == '.' ? &st : NULL);

        if (type == 0)
                return 0; /* gone since the directory was read */
        if (name[0] == '.') {
                note_hidden(l, rel->buf, name, NULL, &st);
        } else if (S_ISLNK(type)) {
                return regfile_refuse(dl, rel->buf, type);
        } else if (S_ISDIR(type)) {
                if (depth < REPO_MAX_DEPTH)
                        return walk(root, rel, depth + 1, l, dl);
                diag_error(dl, rel->buf, 0, 0, "directories nested too deep");
                return -1;
        } else if (regfile_yaml_name(name)) {
                if (regfile_refusal(type))
                        return regfile_refuse(dl, rel->buf, type);
                add_file(l, rel->buf, name);
        }
        return 0;
}

static int walk(const char *root, struct strbuf *rel, int depth,
                struct office_list *l, struct diag_list *dl)
{
        char *full = xasprintf("%s/%s", root, rel->buf);
        size_t base = rel->len;
        struct dirent *e;
        DIR *d;
        int rc = 0;

        d = opendir(full);
        free(full);
        if (!d) {
                diag_error(dl, rel->buf, 0, 0, "cannot read directory: %s",
                           strerror(errno));
                return -1;
        }
        while ((e = readdir(d)) != NULL) {
                if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                        continue;
                rel->len = base;
                strbuf_addf(rel, "/%s", e->d_name);
                if (visit(root, rel, e->d_name, dirent_type(e), depth, l, dl) !=
                    0)
                        rc = -1;
        }
        closedir(d);
        rel->len = base;
        rel->buf[base] = '\0';
        return rc;
}

static int cmp_str(const void *a, const void *b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

static int cmp_file(const void *a, const void *b)
{
        return strcmp(((const struct office_file *)a)->path,
                      ((const struct office_file *)b)->path);
}

/* Temporary files an interrupted write of dir/base left in dir (rel:
 * how leftovers name dir, "" for the root). */
static void dir_leftovers(const char *root, const char *rel, const char *base,
                          struct office_list *l)
{
        char *dir = *rel ? xasprintf("%s/%s", root, rel) : xstrdup(root);
        DIR *d = opendir(dir);
        struct dirent *e;
        struct stat st;

        while (d && (e = readdir(d)) != NULL) {
                char *full, *name;

                if (!lockfile_is_temp_name(e->d_name, base))
                        continue;
                full = xasprintf("%s/%s", dir, e->d_name);
                name = *rel ? xasprintf("%s/%s", rel, e->d_name)
                            : xstrdup(e->d_name);
                if (lstat(full, &st) == 0)
                        note_hidden(l, name, e->d_name, base, &st);
                free(name);
                free(full);
        }
        if (d)
                closedir(d);
        free(dir);
}

/* Temporary files left beside roadmap.yaml, .gitattributes (git-setup)
 * and the files roadmap writes for other tools (assets.h) by an
 * interrupted write. */
static void root_leftovers(const char *root, struct office_list *l)
{
        const struct asset *a;
        size_t i, n;

        dir_leftovers(root, "", REPO_MARKER, l);
        dir_leftovers(root, "", ".gitattributes", l);
        a = assets_list(&n);
        for (i = 0; i < n; i++) {
                const char *slash = strrchr(a[i].path, '/');
                char *rel =
                    slash ? xstrndup(a[i].path, (size_t)(slash - a[i].path))
                          : xstrdup("");

                dir_leftovers(root, rel, slash ? slash + 1 : a[i].path, l);
                free(rel);
        }
}

int repo_list_offices(const char *root, struct office_list *out,
                      struct diag_list *dl)
{
        struct strbuf rel;
        struct stat st;
        char *full = xasprintf("%s/%s", root, REPO_OFFICES);
        int rc;

        memset(out, 0, sizeof(*out));
        root_leftovers(root, out);
        rc = lstat(full, &st);
        free(full);
        if (rc != 0 && errno == ENOENT)
                return 0; /* a repository with no offices yet */
        if (rc == 0 && !S_ISDIR(st.st_mode))
                return regfile_refuse(dl, REPO_OFFICES, st.st_mode);
        strbuf_init(&rel);
        strbuf_addstr(&rel, REPO_OFFICES);
        rc = walk(root, &rel, 0, out, dl);
        strbuf_release(&rel);
        repo_office_list_sort(out);
        if (out->nleftovers > 1)
                qsort(out->leftovers, out->nleftovers, sizeof(*out->leftovers),
                      cmp_str);
        return rc;
}

void repo_office_list_add(struct office_list *l, const char *rel)
{
        const char *slash = strrchr(rel, '/');

        add_file(l, rel, slash ? slash + 1 : rel);
}

void repo_office_list_sort(struct office_list *l)
{
        if (l->n > 1)
                qsort(l->items, l->n, sizeof(*l->items), cmp_file);
}

void repo_office_list_release(struct office_list *l)
{
        size_t i;

        for (i = 0; i < l->n; i++) {
                free(l->items[i].path);
                free(l->items[i].id);
        }
        free(l->items);
        for (i = 0; i < l->nleftovers; i++)
                free(l->leftovers[i]);
        free(l->leftovers);
        memset(l, 0, sizeof(*l));
}

const struct office_file *repo_office_find(const struct office_list *l,
                                           const char *id)
{
        size_t i;

        for (i = 0; i < l->n; i++)
                if (strcmp(l->items[i].id, id) == 0)
                        return &l->items[i];
        return NULL;
}

const char *repo_near_office(const struct office_list *l, const char *id)
{
        const char **ids = xcalloc(l->n + 1, sizeof(*ids));
        const char *near;
        size_t i;

        for (i = 0; i < l->n; i++)
                ids[i] = l->items[i].id;
        near = diag_did_you_mean(id, ids, l->n);
        free(ids);
        return near;
}

char *repo_new_office_path(const char *ministry, const char *id)
{
        return xasprintf("%s/%s/%s.yaml", REPO_OFFICES, ministry, id);
}

char *repo_display_path(const char *root, const char *rel)
{
        char *cwd = realpath(".", NULL);
        /* "/" is the prefix "" of every path below it */
        size_t n = strcmp(root, "/") == 0 ? 0 : strlen(root);
        struct strbuf sb;
        const char *p;

        strbuf_init(&sb);
        if (cwd && strcmp(cwd, root) == 0) {
                strbuf_addstr(&sb, rel);
        } else if (cwd && strncmp(cwd, root, n) == 0 && cwd[n] == '/') {
                for (p = cwd + n; *p; p++)
                        if (*p == '/' && p[1])
                                strbuf_addstr(&sb, "../");
                strbuf_addstr(&sb, rel);
        } else {
                strbuf_addf(&sb, "%s/%s", root, rel);
        }
        free(cwd);
        return strbuf_detach(&sb, NULL);
}

/* A walk of the tree for one file name: the name looked up in each
 * directory, and a directory read only for its subdirectories. */
struct name_walk {
        const char *name; /* "<id>.yaml" */
        size_t count;
        char *first;    /* relative to the root */
        bool trouble;   /* something only the full listing may judge */
        bool leaf_safe; /* offices/'s file system counts subdirectories in
                           nlink (set at depth 0) */
        dev_t dev;      /* the device of offices/: nlink is trusted there */
};

/* Whether a directory's link count on the file system of fd is 2 plus
 * its subdirectories, as on ext2/3/4, XFS and tmpfs (others, such as
 * btrfs, say 1): then a directory of count 2 has none and need not be
 * read.  The file systems GNU find trusts for the same reason. */
static bool nlink_counts_subdirs(int fd)
{
        struct statfs fs;

        if (fstatfs(fd, &fs) != 0)
                return false;
        switch ((unsigned long)fs.f_type) {
        case 0xEF53UL:     /* ext2, ext3, ext4 */
        case 0x58465342UL: /* XFS */
        case 0x01021994UL: /* tmpfs */
                return true;
        default:
                return false;
        }
}

static void name_walk(const char *root, struct strbuf *rel, int depth,
                      struct name_walk *w);

/* The name looked up in the directory fd (rel names it): a regular file
 * counts; anything else by that name only the listing may judge. */
static void name_lookup(int fd, const struct strbuf *rel, struct name_walk *w)
{
        struct stat st;

        if (fstatat(fd, w->name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
                w->trouble |= errno != ENOENT;
                return;
        }
        if (!S_ISREG(st.st_mode))
                w->trouble = true;
        else if (w->count++ == 0)
                w->first = xasprintf("%s/%s", rel->buf, w->name);
}

/* Every subdirectory of d walked (a link to one is not one: nothing
 * below a link is an office). */
static void name_subdirs(const char *root, DIR *d, struct strbuf *rel,
                         int depth, struct name_walk *w)
{
        char *full = xasprintf("%s/%s", root, rel->buf);
        size_t base = rel->len;
        struct dirent *e;

        while (!w->trouble && (e = readdir(d)) != NULL) {
                mode_t type;

                if (e->d_name[0] == '.')
                        continue; /* not the repository's: never an error */
                type = entry_type(full, e->d_name, dirent_type(e), NULL);
                if (!S_ISDIR(type)) /* a link is never followed */
                        continue;
                strbuf_addf(rel, "/%s", e->d_name);
                if (depth >= REPO_MAX_DEPTH)
                        w->trouble = true;
                else
                        name_walk(root, rel, depth + 1, w);
                rel->len = base;
                rel->buf[base] = '\0';
        }
        free(full);
}

static void name_walk(const char *root, struct strbuf *rel, int depth,
                      struct name_walk *w)
{
        char *full = xasprintf("%s/%s", root, rel->buf);
        int fd = open(full, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        struct stat st;
        DIR *d;

        free(full);
        if (fd < 0 || fstat(fd, &st) != 0) {
                w->trouble = true;
                if (fd >= 0)
                        close(fd);
                return;
        }
        if (depth == 0) {
                w->leaf_safe = nlink_counts_subdirs(fd);
                w->dev = st.st_dev;
        }
        name_lookup(fd, rel, w);
        /* another file system mounted below is not trusted */
        if (w->leaf_safe && st.st_dev == w->dev && st.st_nlink == 2) {
                close(fd); /* no subdirectories */
                return;
        }
        if (!(d = fdopendir(fd))) {
                w->trouble = true;
                close(fd);
                return;
        }
        name_subdirs(root, d, rel, depth, w);
        closedir(d);
}

char *repo_quick_find(const char *root, const char *id, size_t *count)
{
        char *offices = xasprintf("%s/%s", root, REPO_OFFICES);
        char *name = xasprintf("%s.yaml", id);
        struct name_walk w = {name, 0, NULL, false, false, 0};
        struct strbuf rel;
        struct stat st;

        strbuf_init(&rel);
        strbuf_addstr(&rel, REPO_OFFICES);
        if (lstat(offices, &st) != 0)
                w.trouble = errno != ENOENT;
        else if (!S_ISDIR(st.st_mode))
                w.trouble = true;
        else
                name_walk(root, &rel, 0, &w);
        strbuf_release(&rel);
        free(offices);
        free(name);
        if (count)
                *count = w.trouble ? 0 : w.count;
        if (w.trouble || w.count != 1) {
                free(w.first);
                return NULL;
        }
        return w.first;
}
