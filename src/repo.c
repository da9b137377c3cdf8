#include "roadmap/repo.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

#define REPO_MAX_DEPTH 16

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

static bool has_yaml_suffix(const char *name)
{
        size_t n = strlen(name);

        return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

static void add_file(struct office_list *l, const char *rel, const char *name)
{
        struct office_file *f;

        l->items = xgrow(l->items, &l->cap, l->n + 1, sizeof(*l->items));
        f = &l->items[l->n++];
        f->path = xstrdup(rel);
        f->id = xstrndup(name, strlen(name) - 5);
}

static int walk(const char *root, struct strbuf *rel, int depth,
                struct office_list *l, struct diag_list *dl)
{
        struct strbuf full;
        DIR *d;
        struct dirent *e;
        size_t base = rel->len;
        int rc = 0;

        strbuf_init(&full);
        strbuf_addf(&full, "%s/%s", root, rel->buf);
        d = opendir(full.buf);
        if (!d) {
                diag_error(dl, rel->buf, 0, 0, "cannot read directory: %s",
                           strerror(errno));
                strbuf_release(&full);
                return -1;
        }
        while ((e = readdir(d)) != NULL) {
                struct stat st;

                if (e->d_name[0] == '.')
                        continue; /* hidden files, editor swap files, . and ..
                                   */
                rel->len = base;
                strbuf_addf(rel, "/%s", e->d_name);
                strbuf_reset(&full);
                strbuf_addf(&full, "%s/%s", root, rel->buf);
                if (lstat(full.buf, &st) != 0)
                        continue;
                if (S_ISDIR(st.st_mode)) {
                        if (depth >= REPO_MAX_DEPTH) {
                                diag_error(dl, rel->buf, 0, 0,
                                           "directories nested too deep");
                                rc = -1;
                        } else if (walk(root, rel, depth + 1, l, dl) != 0) {
                                rc = -1;
                        }
                } else if (has_yaml_suffix(e->d_name)) {
                        add_file(l, rel->buf, e->d_name);
                }
        }
        closedir(d);
        rel->len = base;
        rel->buf[base] = '\0';
        strbuf_release(&full);
        return rc;
}

static int cmp_file(const void *a, const void *b)
{
        return strcmp(((const struct office_file *)a)->path,
                      ((const struct office_file *)b)->path);
}

int repo_list_offices(const char *root, struct office_list *out,
                      struct diag_list *dl)
{
        struct strbuf rel, full;
        struct stat st;
        int rc = 0;

        out->items = NULL;
        out->n = out->cap = 0;
        strbuf_init(&full);
        strbuf_addf(&full, "%s/%s", root, REPO_OFFICES);
        if (stat(full.buf, &st) != 0 && errno == ENOENT) {
                strbuf_release(&full);
                return 0; /* a repository with no offices yet */
        }
        strbuf_release(&full);
        strbuf_init(&rel);
        strbuf_addstr(&rel, REPO_OFFICES);
        rc = walk(root, &rel, 0, out, dl);
        strbuf_release(&rel);
        if (out->n > 1)
                qsort(out->items, out->n, sizeof(*out->items), cmp_file);
        return rc;
}

void repo_office_list_release(struct office_list *l)
{
        size_t i;

        for (i = 0; i < l->n; i++) {
                free(l->items[i].path);
                free(l->items[i].id);
        }
        free(l->items);
        l->items = NULL;
        l->n = l->cap = 0;
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

char *repo_new_office_path(const char *ministry, const char *id)
{
        return xasprintf("%s/%s/%s.yaml", REPO_OFFICES, ministry, id);
}

char *repo_display_path(const char *root, const char *rel)
{
        char *cwd = realpath(".", NULL);
        size_t n = strlen(root);
        struct strbuf sb;
        const char *p;

        strbuf_init(&sb);
        if (cwd && strcmp(cwd, root) == 0) {
                strbuf_addstr(&sb, rel);
        } else if (cwd && strncmp(cwd, root, n) == 0 &&
                   (cwd[n] == '/' || strcmp(root, "/") == 0)) {
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

static bool is_regular(const char *path)
{
        struct stat st;

        return lstat(path, &st) == 0 &&
               (S_ISREG(st.st_mode) || S_ISLNK(st.st_mode));
}

char *repo_quick_find(const char *root, const char *id, size_t *count)
{
        struct strbuf path;
        char *found = NULL;
        size_t n = 0;
        struct dirent *e;
        DIR *d;

        strbuf_init(&path);
        strbuf_addf(&path, "%s/%s/%s.yaml", root, REPO_OFFICES, id);
        if (is_regular(path.buf)) {
                found = xasprintf("%s/%s.yaml", REPO_OFFICES, id);
                n++;
        }
        strbuf_reset(&path);
        strbuf_addf(&path, "%s/%s", root, REPO_OFFICES);
        d = opendir(path.buf);
        while (d && (e = readdir(d)) != NULL) {
                if (e->d_name[0] == '.')
                        continue;
                strbuf_reset(&path);
                strbuf_addf(&path, "%s/%s/%s/%s.yaml", root, REPO_OFFICES,
                            e->d_name, id);
                if (!is_regular(path.buf))
                        continue;
                if (n++ == 0)
                        found = xasprintf("%s/%s/%s.yaml", REPO_OFFICES,
                                          e->d_name, id);
        }
        if (d)
                closedir(d);
        strbuf_release(&path);
        if (count)
                *count = n;
        if (n != 1) {
                free(found);
                return NULL;
        }
        return found;
}
