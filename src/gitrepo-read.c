/*
 * gitrepo: a snapshot's offices, its files, and what differs between two
 * snapshots.  See gitrepo.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "roadmap/gitrepo.h"
#include "roadmap/load.h"
#include "roadmap/regfile.h"
#include "roadmap/xalloc.h"

#define GIT(fn) (gitlib()->fn)

static int fail(struct diag_list *dl, const char *where, const char *what)
{
        diag_error(dl, where, 0, 0, "%s: %s", what, gitrepo_last_error());
        return -1;
}

/* What a tree or index entry of mode is, as regfile names a file that is
 * not a regular one; NULL for a blob.  A submodule counts as a directory
 * that is not the repository's. */
static mode_t entry_mode(git_filemode_t mode)
{
        switch (mode) {
        case GIT_FILEMODE_BLOB:
        case GIT_FILEMODE_BLOB_EXECUTABLE:
                return S_IFREG;
        case GIT_FILEMODE_LINK:
                return S_IFLNK;
        case GIT_FILEMODE_TREE:
                return S_IFDIR;
        default:
                return S_IFSOCK; /* a submodule: neither file nor directory */
        }
}

static int refuse(const struct gitsnap *s, const char *rel, mode_t mode,
                  struct diag_list *dl)
{
        char *display = gitsnap_display(s, rel);
        int rc;

        if (mode == S_IFSOCK) {
                struct diag *d = diag_error(dl, display, 0, 0,
                                            "is a submodule, not an office "
                                            "file or directory");
                diag_hint(d, "offices/ holds the office files themselves");
                rc = -1;
        } else {
                rc = regfile_refuse(dl, display, mode);
        }
        free(display);
        return rc;
}

static int too_deep(const struct gitsnap *s, const char *rel,
                    struct diag_list *dl)
{
        char *display = gitsnap_display(s, rel);

        diag_error(dl, display, 0, 0, "directories nested too deep");
        free(display);
        return -1;
}

/* ---- listing ------------------------------------------------------------ */

static int list_tree(git_repository *repo, const struct gitsnap *s,
                     const git_oid *id, struct strbuf *rel, int depth,
                     struct office_list *out, struct diag_list *dl);

static int list_entry(git_repository *repo, const struct gitsnap *s,
                      const git_tree_entry *e, struct strbuf *rel, int depth,
                      struct office_list *out, struct diag_list *dl)
{
        const char *name = GIT(git_tree_entry_name)(e);
        mode_t mode = entry_mode(GIT(git_tree_entry_filemode)(e));

        if (name[0] == '.')
                return 0; /* not the repository's */
        if (mode == S_IFDIR) {
                if (depth < REPO_MAX_DEPTH)
                        return list_tree(repo, s, GIT(git_tree_entry_id)(e),
                                         rel, depth + 1, out, dl);
                return too_deep(s, rel->buf, dl);
        }
        if (mode == S_IFREG)
                return regfile_yaml_name(name)
                           ? (repo_office_list_add(out, rel->buf), 0)
                           : 0;
        return mode == S_IFLNK || regfile_yaml_name(name) || mode == S_IFSOCK
                   ? refuse(s, rel->buf, mode, dl)
                   : 0;
}

static int list_tree(git_repository *repo, const struct gitsnap *s,
                     const git_oid *id, struct strbuf *rel, int depth,
                     struct office_list *out, struct diag_list *dl)
{
        git_tree *t = NULL;
        size_t i, n, base = rel->len;
        int rc = 0;

        if (GIT(git_tree_lookup)(&t, repo, id) < 0)
                return fail(dl, s->name, "cannot read the tree");
        n = GIT(git_tree_entrycount)(t);
        for (i = 0; i < n; i++) {
                const git_tree_entry *e = GIT(git_tree_entry_byindex)(t, i);
                rel->len = base;
                rel->buf[base] = '\0';
                strbuf_addf(rel, "/%s", GIT(git_tree_entry_name)(e));
                if (list_entry(repo, s, e, rel, depth, out, dl) != 0)
                        rc = -1;
        }
        rel->len = base;
        rel->buf[base] = '\0';
        GIT(git_tree_free)(t);
        return rc;
}

static int list_commit(struct gitrepo *r, const struct gitsnap *s,
                       struct office_list *out, struct diag_list *dl)
{
        git_tree *root = NULL;
        git_tree_entry *e = NULL;
        struct strbuf rel = STRBUF_INIT;
        int rc = GIT(git_tree_lookup)(&root, gitrepo_git(r), &s->tree);

        if (rc < 0)
                return fail(dl, s->name, "cannot read the tree");
        rc = GIT(git_tree_entry_bypath)(&e, root, REPO_OFFICES);
        if (rc == GIT_ENOTFOUND) {
                rc = 0; /* no offices yet */
        } else if (rc < 0) {
                rc = fail(dl, s->name, "cannot read the tree");
        } else if (GIT(git_tree_entry_type)(e) != GIT_OBJECT_TREE) {
                rc = refuse(s, REPO_OFFICES,
                            entry_mode(GIT(git_tree_entry_filemode)(e)), dl);
        } else {
                strbuf_addstr(&rel, REPO_OFFICES);
                rc = list_tree(gitrepo_git(r), s, GIT(git_tree_entry_id)(e),
                               &rel, 0, out, dl);
        }
        GIT(git_tree_entry_free)(e);
        GIT(git_tree_free)(root);
        strbuf_release(&rel);
        return rc;
}

/* Whether a path below offices/ has a hidden component, and how deep it
 * is. */
static bool hidden_path(const char *rel, int *depth)
{
        const char *p = rel;

        *depth = 0;
        for (;;) {
                const char *slash = strchr(p, '/');
                if (*p == '.')
                        return true;
                if (!slash)
                        return false;
                (*depth)++;
                p = slash + 1;
        }
}

/* Whether path has entries of an unresolved merge (stages 1 to 3). */
static bool conflicted(git_index *idx, const char *path)
{
        int stage;

        for (stage = 1; stage <= 3; stage++)
                if (GIT(git_index_get_bypath)(idx, path, stage))
                        return true;
        return false;
}

static int conflict_error(const struct gitsnap *s, const char *rel,
                          struct diag_list *dl)
{
        char *display = gitsnap_display(s, rel);
        struct diag *d =
            diag_error(dl, display, 0, 0, "has unresolved merge conflicts");

        diag_hint(d, "resolve them and 'git add' the file");
        free(display);
        return -1;
}

static int list_index_entry(const struct gitsnap *s, const git_index_entry *e,
                            const char *last, struct office_list *out,
                            struct diag_list *dl)
{
        const char *rel = e->path + strlen(s->root);
        const char *name = strrchr(rel, '/') + 1;
        mode_t mode = entry_mode((git_filemode_t)e->mode);
        int depth;

        if (hidden_path(rel, &depth) || (last && strcmp(last, rel) == 0))
                return 0;
        if (GIT_INDEX_ENTRY_STAGE(e) != 0)
                return conflict_error(s, rel, dl);
        if (depth > REPO_MAX_DEPTH + 1)
                return too_deep(s, rel, dl);
        if (mode == S_IFREG && regfile_yaml_name(name)) {
                repo_office_list_add(out, rel);
                return 0;
        }
        return mode != S_IFREG ? refuse(s, rel, mode, dl) : 0;
}

static int list_index(struct gitrepo *r, const struct gitsnap *s,
                      struct office_list *out, struct diag_list *dl)
{
        git_index *idx = NULL;
        char *prefix = xasprintf("%s%s/", s->root, REPO_OFFICES);
        size_t i, n, plen = strlen(prefix);
        const char *last = NULL;
        int rc = 0;

        if (GIT(git_repository_index)(&idx, gitrepo_git(r)) < 0) {
                free(prefix);
                return fail(dl, s->name, "cannot read the index");
        }
        n = GIT(git_index_entrycount)(idx);
        for (i = 0; i < n; i++) {
                const git_index_entry *e = GIT(git_index_get_byindex)(idx, i);
                if (strncmp(e->path, prefix, plen) != 0)
                        continue;
                if (list_index_entry(s, e, last, out, dl) != 0)
                        rc = -1;
                last = e->path + strlen(s->root);
        }
        GIT(git_index_free)(idx);
        free(prefix);
        return rc;
}

int gitsnap_list_offices(struct gitrepo *r, const struct gitsnap *s,
                         struct office_list *out, struct diag_list *dl)
{
        int rc;

        memset(out, 0, sizeof(*out));
        if (s->kind == GITSNAP_WORKTREE)
                return repo_list_offices(s->dir, out, dl);
        rc = s->kind == GITSNAP_COMMIT ? list_commit(r, s, out, dl)
                                       : list_index(r, s, out, dl);
        repo_office_list_sort(out);
        return rc;
}

/* ---- reading ------------------------------------------------------------ */

static int read_blob(struct gitrepo *r, const struct gitsnap *s,
                     const char *rel, const git_oid *id, size_t max,
                     struct strbuf *out, struct diag_list *dl)
{
        char *display = gitsnap_display(s, rel);
        int rc = gitrepo_blob_read(gitrepo_git(r), id, max, display, out, dl);

        free(display);
        return rc != 0 && errno == EFBIG ? GITREPO_REFUSED : rc;
}

static int read_commit(struct gitrepo *r, const struct gitsnap *s,
                       const char *rel, size_t max, struct strbuf *out,
                       struct diag_list *dl)
{
        git_tree *root = NULL;
        git_tree_entry *e = NULL;
        int rc = GIT(git_tree_lookup)(&root, gitrepo_git(r), &s->tree);

        if (rc < 0)
                return fail(dl, s->name, "cannot read the tree");
        rc = GIT(git_tree_entry_bypath)(&e, root, rel);
        if (rc == GIT_ENOTFOUND) {
                rc = 1;
        } else if (rc < 0) {
                rc = fail(dl, s->name, "cannot read the tree");
        } else {
                mode_t mode = entry_mode(GIT(git_tree_entry_filemode)(e));
                rc = mode == S_IFREG
                         ? read_blob(r, s, rel, GIT(git_tree_entry_id)(e), max,
                                     out, dl)
                         : (refuse(s, rel, mode, dl), GITREPO_REFUSED);
        }
        GIT(git_tree_entry_free)(e);
        GIT(git_tree_free)(root);
        return rc;
}

static int read_index(struct gitrepo *r, const struct gitsnap *s,
                      const char *rel, size_t max, struct strbuf *out,
                      struct diag_list *dl)
{
        git_index *idx = NULL;
        const git_index_entry *e;
        char *path = xasprintf("%s%s", s->root, rel);
        int rc;

        if (GIT(git_repository_index)(&idx, gitrepo_git(r)) < 0) {
                free(path);
                return fail(dl, s->name, "cannot read the index");
        }
        e = GIT(git_index_get_bypath)(idx, path, 0);
        if (!e && conflicted(idx, path))
                rc = (conflict_error(s, rel, dl), GITREPO_REFUSED);
        else if (!e)
                rc = 1;
        else if (entry_mode((git_filemode_t)e->mode) != S_IFREG)
                rc = (refuse(s, rel, entry_mode((git_filemode_t)e->mode), dl),
                      GITREPO_REFUSED);
        else
                rc = read_blob(r, s, rel, &e->id, max, out, dl);
        GIT(git_index_free)(idx);
        free(path);
        return rc;
}

int gitsnap_read(struct gitrepo *r, const struct gitsnap *s, const char *rel,
                 size_t max, struct strbuf *out, struct diag_list *dl)
{
        strbuf_reset(out);
        if (s->kind == GITSNAP_COMMIT)
                return read_commit(r, s, rel, max, out, dl);
        if (s->kind == GITSNAP_INDEX)
                return read_index(r, s, rel, max, out, dl);
        {
                char *path = xasprintf("%s/%s", s->dir, rel);
                char *display = gitsnap_display(s, rel);
                struct diag_list found = DIAG_LIST_INIT;
                int rc = regfile_read(path, display, max, out, &found);

                if (rc != 0 && errno == ENOENT)
                        rc = 1;
                else if (rc != 0 &&
                         (errno == ELOOP || errno == EINVAL || errno == EFBIG))
                        rc = GITREPO_REFUSED; /* a link, a FIFO, too large */
                if (rc != 1)
                        diag_list_move(dl, &found);
                diag_list_release(&found);
                free(path);
                free(display);
                return rc;
        }
}

void gitsnap_id_position(struct gitrepo *r, const struct gitsnap *s,
                         const char *rel, int *line, int *col)
{
        struct diag_list ignored = DIAG_LIST_INIT;
        struct strbuf b = STRBUF_INIT;

        *line = *col = 1;
        if (gitsnap_read(r, s, rel, YAMLDOC_MAX_SIZE, &b, &ignored) == 0)
                load_office_id_position_bytes(b.buf, b.len, line, col);
        strbuf_release(&b);
        diag_list_release(&ignored);
}

/* ---- changes ------------------------------------------------------------ */

/* Whether path (relative to the roadmap root) is a roadmap file: by the
 * listing's rule, a *.yaml below offices/ with no hidden component. */
static bool roadmap_file(const char *path)
{
        const char *name = strrchr(path, '/');
        int depth;

        if (strcmp(path, REPO_MARKER) == 0)
                return true;
        return strncmp(path, REPO_OFFICES "/", sizeof(REPO_OFFICES)) == 0 &&
               regfile_yaml_name(name + 1) &&
               !hidden_path(path + sizeof(REPO_OFFICES), &depth);
}

static void push_change(struct gitsnap_changes *c, const char *path, char st)
{
        c->items = xgrow(c->items, &c->cap, c->n + 1, sizeof(*c->items));
        c->items[c->n].path = xstrdup(path);
        c->items[c->n].status = st;
        c->n++;
}

static void collect(git_diff *d, const char *root, struct gitsnap_changes *out)
{
        size_t i, n = GIT(git_diff_num_deltas)(d), plen = strlen(root);

        for (i = 0; i < n; i++) {
                const git_diff_delta *x = GIT(git_diff_get_delta)(d, i);
                const char *path = x->status == GIT_DELTA_DELETED
                                       ? x->old_file.path
                                       : x->new_file.path;
                char st = x->status == GIT_DELTA_ADDED     ? 'A'
                          : x->status == GIT_DELTA_DELETED ? 'D'
                                                           : 'M';
                if (strncmp(path, root, plen) != 0 ||
                    !roadmap_file(path + plen))
                        continue;
                push_change(out, path + plen, st);
        }
}

static int cmp_change(const void *a, const void *b)
{
        return strcmp(((const struct gitsnap_change *)a)->path,
                      ((const struct gitsnap_change *)b)->path);
}

/* The whole tree of a commit snapshot (the top, not the roadmap root). */
static int top_tree(struct gitrepo *r, const struct gitsnap *s, git_tree **t,
                    struct diag_list *dl)
{
        git_commit *c = NULL;
        int rc = GIT(git_commit_lookup)(&c, gitrepo_git(r), &s->commit);

        if (rc == 0)
                rc = GIT(git_commit_tree)(t, c);
        GIT(git_commit_free)(c);
        return rc < 0 ? fail(dl, s->name, "cannot read the commit") : 0;
}

/*
 * Two commits, tree by tree: a subtree whose object id is the same on both
 * sides is never read (git_diff_tree_to_tree() expands every tree of both
 * sides: 25 ms on 25,000 offices for two equal trees).  a or b may be NULL
 * (the whole subtree added or deleted); path is the prefix, "" or "d/".
 */
#define TOO_DEEP (-2) /* walk_trees(): directories nested too deep */

static int walk_trees(git_repository *repo, const git_oid *a, const git_oid *b,
                      struct strbuf *path, int depth,
                      struct gitsnap_changes *out);

/* What entry name of tree t is (a tree or not), or absent. */
static const git_tree_entry *walk_side(git_tree *t, const char *name,
                                       const git_oid **tree)
{
        const git_tree_entry *e =
            t ? GIT(git_tree_entry_byname)(t, name) : NULL;

        *tree = e && GIT(git_tree_entry_type)(e) == GIT_OBJECT_TREE
                    ? GIT(git_tree_entry_id)(e)
                    : NULL;
        return e && *tree ? NULL : e;
}

/* The entry name of ta or tb (or both), compared once: a file that
 * differs is one change, a subtree that differs is walked (below the
 * roadmap root, only offices/). */
static int walk_entry(git_repository *repo, git_tree *ta, git_tree *tb,
                      const char *name, struct strbuf *path, int depth,
                      struct gitsnap_changes *out)
{
        const git_oid *da, *db;
        const git_tree_entry *fa = walk_side(ta, name, &da);
        const git_tree_entry *fb = walk_side(tb, name, &db);
        size_t base = path->len;
        int rc = 0;

        strbuf_addstr(path, name);
        if ((fa || fb) && roadmap_file(path->buf) &&
            (!fa || !fb ||
             !GIT(git_oid_equal)(GIT(git_tree_entry_id)(fa),
                                 GIT(git_tree_entry_id)(fb)) ||
             GIT(git_tree_entry_filemode)(fa) !=
                 GIT(git_tree_entry_filemode)(fb)))
                push_change(out, path->buf, !fa ? 'A' : !fb ? 'D' : 'M');
        if ((da || db) && !(da && db && GIT(git_oid_equal)(da, db)) &&
            (depth > 0 ? name[0] != '.' : strcmp(name, REPO_OFFICES) == 0)) {
                strbuf_addch(path, '/');
                rc = walk_trees(repo, da, db, path, depth + 1, out);
        }
        path->len = base;
        path->buf[base] = '\0';
        return rc;
}

static int walk_trees(git_repository *repo, const git_oid *a, const git_oid *b,
                      struct strbuf *path, int depth,
                      struct gitsnap_changes *out)
{
        git_tree *t[2] = {NULL, NULL};
        size_t i, n;
        int k, rc = 0;

        if (depth > REPO_MAX_DEPTH + 1)
                return TOO_DEEP;
        if ((a && GIT(git_tree_lookup)(&t[0], repo, a) < 0) ||
            (b && GIT(git_tree_lookup)(&t[1], repo, b) < 0))
                rc = -1;
        for (k = 0; k < 2 && rc == 0; k++) {
                n = t[k] ? GIT(git_tree_entrycount)(t[k]) : 0;
                for (i = 0; i < n && rc == 0; i++) {
                        const char *name = GIT(git_tree_entry_name)(
                            GIT(git_tree_entry_byindex)(t[k], i));
                        if (k == 1 && t[0] &&
                            GIT(git_tree_entry_byname)(t[0], name))
                                continue; /* seen from a */
                        rc = walk_entry(repo, t[0], t[1], name, path, depth,
                                        out);
                }
        }
        GIT(git_tree_free)(t[0]);
        GIT(git_tree_free)(t[1]);
        return rc;
}

static int diff_trees(struct gitrepo *r, const struct gitsnap *a,
                      const struct gitsnap *b, struct gitsnap_changes *out,
                      struct diag_list *dl)
{
        struct strbuf path = STRBUF_INIT;
        int rc = walk_trees(gitrepo_git(r), &a->tree, &b->tree, &path, 0, out);

        strbuf_release(&path);
        if (rc == TOO_DEEP)
                return too_deep(b, REPO_OFFICES, dl);
        return rc < 0 ? fail(dl, b->name, "cannot compare the trees") : 0;
}

/* Any other pair, through the index, limited to the roadmap root. */
static int diff_index(struct gitrepo *r, const struct gitsnap *a,
                      const struct gitsnap *b, git_diff **d,
                      struct diag_list *dl)
{
        git_repository *repo = gitrepo_git(r);
        git_diff_options o;
        git_tree *ta = NULL;
        char *spec[2];
        int rc = 0;

        GIT(git_diff_options_init)(&o, GIT_DIFF_OPTIONS_VERSION);
        spec[0] = xasprintf("%s%s", b->root, REPO_MARKER);
        spec[1] = xasprintf("%s%s/", b->root, REPO_OFFICES);
        o.pathspec.strings = spec;
        o.pathspec.count = 2;
        o.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
        if (a->kind == GITSNAP_COMMIT && (rc = top_tree(r, a, &ta, dl)) != 0)
                goto out;
        if (a->kind == GITSNAP_INDEX)
                rc = GIT(git_diff_index_to_workdir)(d, repo, NULL, &o);
        else if (b->kind == GITSNAP_INDEX)
                rc = GIT(git_diff_tree_to_index)(d, repo, ta, NULL, &o);
        else
                rc = GIT(git_diff_tree_to_workdir_with_index)(d, repo, ta, &o);
        if (rc < 0)
                rc = fail(dl, b->name, "cannot compare");
out:
        GIT(git_tree_free)(ta);
        free(spec[0]);
        free(spec[1]);
        return rc;
}

/* A path that git's diff gives twice in the sorted list (its type changed:
 * deleted as one kind of entry, added as another) is one modification. */
static void merge_type_changes(struct gitsnap_changes *c)
{
        size_t i, k = 0;

        for (i = 0; i < c->n; i++) {
                if (k && strcmp(c->items[k - 1].path, c->items[i].path) == 0) {
                        c->items[k - 1].status = 'M';
                        free(c->items[i].path);
                        continue;
                }
                c->items[k++] = c->items[i];
        }
        c->n = k;
}

int gitsnap_changes(struct gitrepo *r, const struct gitsnap *a,
                    const struct gitsnap *b, struct gitsnap_changes *out,
                    struct diag_list *dl)
{
        git_diff *d = NULL;
        int rc;

        if (a->kind == GITSNAP_COMMIT && b->kind == GITSNAP_COMMIT)
                rc = diff_trees(r, a, b, out, dl);
        else if ((rc = diff_index(r, a, b, &d, dl)) == 0)
                collect(d, b->root, out);
        GIT(git_diff_free)(d);
        if (rc != 0)
                return rc;
        if (out->n > 1)
                qsort(out->items, out->n, sizeof(*out->items), cmp_change);
        merge_type_changes(out);
        return 0;
}

void gitsnap_changes_release(struct gitsnap_changes *c)
{
        size_t i;

        for (i = 0; i < c->n; i++)
                free(c->items[i].path);
        free(c->items);
        *c = (struct gitsnap_changes)GITSNAP_CHANGES_INIT;
}
