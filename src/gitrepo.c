/*
 * gitrepo: the roadmap at any revision, in the index or in the work tree,
 * read with libgit2.  See gitrepo.h.
 */
#include "roadmap/gitrepo.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "roadmap/regfile.h"
#include "roadmap/xalloc.h"

/* A libgit2 function, through gitlib (loaded by gitrepo_open()). */
#define GIT(fn) (gitlib()->fn)

/* The largest tree libgit2 keeps in its object cache. */
#define TREE_CACHE_MAX ((size_t)1 << 20)

struct gitrepo {
        git_repository *repo;
        char *dir;          /* as given to gitrepo_open() */
        char *roadmap_root; /* as given, or NULL */
        unsigned flags;
        char *workdir;      /* the work tree's top, real path, ending in '/' */
        char *default_root; /* the roadmap root in the work tree: "" or "d/" */
        char *config_root;  /* roadmap.root: "" or "d/"; NULL if unset */
        bool bad_root;      /* roadmap.root names a place outside the tree */
};

const char *gitrepo_last_error(void)
{
        const git_error *e = gitlib() ? GIT(git_error_last)() : NULL;

        if (!gitlib())
                return gitlib_error();
        return e && e->message ? e->message : "unknown error";
}

static int fail(struct diag_list *dl, const char *where, const char *what)
{
        diag_error(dl, where, 0, 0, "%s: %s", what, gitrepo_last_error());
        return -1;
}

/* "d", "/d/", "./d" -> "d/"; "", ".", "/" -> "". */
static char *dir_prefix(const char *s)
{
        size_t n;

        while (s[0] == '/' || (s[0] == '.' && s[1] == '/'))
                s += s[0] == '/' ? 1 : 2;
        if (strcmp(s, ".") == 0)
                s = "";
        n = strlen(s);
        while (n && s[n - 1] == '/')
                n--;
        return n ? xasprintf("%.*s/", (int)n, s) : xstrdup("");
}

/* The roadmap root given on disk, relative to the work tree, or NULL. */
static char *root_in_workdir(const char *workdir, const char *roadmap_root)
{
        char *real = roadmap_root ? realpath(roadmap_root, NULL) : NULL;
        size_t n = strlen(workdir);
        char *out = NULL;

        if (!real)
                return NULL;
        if (strncmp(real, workdir, n - 1) == 0 &&
            (real[n - 1] == '\0' || real[n - 1] == '/'))
                out = dir_prefix(real + n - 1);
        free(real);
        return out;
}

/* Whether the "d/" prefix p has a ".." component. */
static bool has_dotdot(const char *p)
{
        for (;;) {
                if (p[0] == '.' && p[1] == '.' && (p[2] == '/' || !p[2]))
                        return true;
                if (!(p = strchr(p, '/')))
                        return false;
                p++;
        }
}

static void read_config(struct gitrepo *r)
{
        git_config *cfg = NULL;
        const char *v = NULL;

        if (GIT(git_repository_config_snapshot)(&cfg, r->repo) < 0)
                return;
        if (GIT(git_config_get_string)(&v, cfg, GITREPO_ROOT_KEY) == 0)
                r->config_root = dir_prefix(v);
        /* a root outside the tree is no root: ".." is refused */
        if (r->config_root && has_dotdot(r->config_root)) {
                free(r->config_root);
                r->config_root = NULL;
                r->bad_root = true;
        }
        GIT(git_config_free)(cfg);
        GIT(git_error_clear)();
}

/* libgit2 1.5 reports a repository owned by another user, which git
 * refuses to read unless safe.directory allows it, as "not found" with a
 * configuration error: told apart by the error's class. */
static bool owned_elsewhere(void)
{
        const git_error *e = GIT(git_error_last)();

        return e && e->klass == GIT_ERROR_CONFIG;
}

static int owner_error(struct diag_list *dl, const char *where)
{
        struct diag *d = diag_error(dl, where, 0, 0,
                                    "git refuses to read the repository: it "
                                    "is owned by another user");
        diag_hint(d, "if it is to be trusted, run 'git config --global --add "
                     "safe.directory DIR' with its directory");
        return -1;
}

static int open_git(struct gitrepo *r, struct diag_list *dl)
{
        const char *where = r->dir ? r->dir : ".";
        int rc;

        /* git's environment names the repository (a hook; GIT_DIR=...) */
        if ((r->flags & GITREPO_FROM_ENV) || getenv("GIT_DIR"))
                rc = GIT(git_repository_open_ext)(
                    &r->repo, NULL, GIT_REPOSITORY_OPEN_FROM_ENV, NULL);
        else
                rc = GIT(git_repository_open_ext)(&r->repo, where, 0, NULL);
        if (rc == GIT_ENOTFOUND && owned_elsewhere())
                return owner_error(dl, where);
        if (rc == GIT_ENOTFOUND) {
                struct diag *d =
                    diag_error(dl, where, 0, 0, "not a git repository");
                diag_hint(d, "a revision is read from the git repository "
                             "that holds the roadmap");
                return GITREPO_NOT_FOUND;
        }
        if (rc < 0)
                return fail(dl, where, "cannot open the git repository");
        return 0;
}

static void set_roots(struct gitrepo *r)
{
        const char *wd = GIT(git_repository_workdir)(r->repo);
        char *real = wd ? realpath(wd, NULL) : NULL;

        if (real) {
                r->workdir = xasprintf("%s/", strcmp(real, "/") ? real : "");
                r->default_root = root_in_workdir(r->workdir, r->roadmap_root);
        }
        free(real);
        if (!r->default_root)
                r->default_root = xstrdup("");
        read_config(r);
}

/*
 * libgit2's settings (process-wide) for reading whole trees: keep trees of
 * any size in the object cache (libgit2 keeps those of at most 4 KiB), or
 * reading every office of a ministry directory of hundreds inflates its
 * tree again for each; and do not hash every object read again (git checks
 * objects when they arrive; a damaged pack still fails its checksums).
 */
static bool started; /* libgit2 started (gitrepo_start()) */

static void start_once(void)
{
        int (*opts)(int, ...) = GIT(git_libgit2_opts);
        size_t max = TREE_CACHE_MAX;

        if (GIT(git_libgit2_init)() < 0)
                return;
        started = true;
        opts(GIT_OPT_SET_CACHE_OBJECT_LIMIT, GIT_OBJECT_TREE, max);
        opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
}

/*
 * libgit2 is started once for the process and never shut down: a shutdown
 * while another thread still holds libgit2's per-thread state (its last
 * error) would leave that state behind, and the options are the
 * process's.  Each thread's state goes with the thread.
 */
bool gitrepo_start(void)
{
        static pthread_once_t once = PTHREAD_ONCE_INIT;

        pthread_once(&once, start_once);
        return started;
}

int gitrepo_open(const char *dir, const char *roadmap_root, unsigned flags,
                 struct gitrepo **out, struct diag_list *dl)
{
        struct gitrepo *r;
        int rc;

        *out = NULL;
        if (!gitlib()) {
                diag_error(dl, dir, 0, 0, "cannot read git: %s",
                           gitlib_error());
                return -1;
        }
        if (!gitrepo_start())
                return fail(dl, dir, "cannot start libgit2");
        r = xcalloc(1, sizeof(*r));
        r->dir = dir ? xstrdup(dir) : NULL;
        r->roadmap_root = roadmap_root ? xstrdup(roadmap_root) : NULL;
        r->flags = flags;
        if ((rc = open_git(r, dl)) != 0) {
                gitrepo_free(r);
                return rc;
        }
        set_roots(r);
        *out = r;
        return 0;
}

int gitrepo_reopen(const struct gitrepo *r, struct gitrepo **out,
                   struct diag_list *dl)
{
        return gitrepo_open(r->dir, r->roadmap_root, r->flags, out, dl) == 0
                   ? 0
                   : -1;
}

void gitrepo_free(struct gitrepo *r)
{
        if (!r)
                return;
        if (r->repo)
                GIT(git_repository_free)(r->repo);
        free(r->dir);
        free(r->roadmap_root);
        free(r->workdir);
        free(r->default_root);
        free(r->config_root);
        free(r);
}

const char *gitrepo_workdir(const struct gitrepo *r)
{
        return r->workdir;
}

git_repository *gitrepo_git(const struct gitrepo *r)
{
        return r->repo;
}

bool gitrepo_is_shallow(const struct gitrepo *r)
{
        return GIT(git_repository_is_shallow)(r->repo) == 1;
}

/* A revision that names no commit: why, and what to do. */
static int unknown_revision(struct gitrepo *r, const char *rev, int rc,
                            struct diag_list *dl)
{
        struct diag *d;

        if (GIT(git_repository_is_empty)(r->repo) == 1) {
                d = diag_error(dl, rev, 0, 0,
                               "unknown revision '%s': the repository has no "
                               "commit yet",
                               rev);
                diag_hint(d, "commit first; until then 'roadmap diff' "
                             "compares the index with the work tree");
                return GITREPO_NOT_FOUND;
        }
        d = diag_error(dl, rev, 0, 0,
                       rc == GIT_EAMBIGUOUS ? "ambiguous revision '%s'"
                                            : "unknown revision '%s'",
                       rev);
        if (gitrepo_is_shallow(r))
                diag_hint(d, "this is a shallow clone, whose history stops "
                             "early: fetch the rest with 'git fetch "
                             "--unshallow' (in CI: fetch-depth 0)");
        else
                diag_hint(d, "name a commit: a branch, a tag, a commit id, "
                             "HEAD or HEAD~N");
        return GITREPO_NOT_FOUND;
}

int gitrepo_resolve(struct gitrepo *r, const char *rev, git_oid *commit,
                    struct diag_list *dl)
{
        git_object *obj = NULL, *peeled = NULL;
        int rc = GIT(git_revparse_single)(&obj, r->repo, rev);

        if (rc == GIT_ENOTFOUND || rc == GIT_EAMBIGUOUS ||
            rc == GIT_EINVALIDSPEC || rc == GIT_EUNBORNBRANCH)
                return unknown_revision(r, rev, rc, dl);
        if (rc < 0)
                return fail(dl, rev, "cannot read the revision");
        rc = GIT(git_object_peel)(&peeled, obj, GIT_OBJECT_COMMIT);
        GIT(git_object_free)(obj);
        if (rc < 0) {
                diag_error(dl, rev, 0, 0, "'%s' does not name a commit", rev);
                return GITREPO_NOT_FOUND;
        }
        GIT(git_oid_cpy)(commit, GIT(git_object_id)(peeled));
        GIT(git_object_free)(peeled);
        return 0;
}

/* ---- snapshots ---------------------------------------------------------- */

/* roadmap.root must name a directory of the tree. */
static int root_refused(const struct gitrepo *r, const char *name,
                        struct diag_list *dl)
{
        struct diag *d;

        if (!r->bad_root)
                return 0;
        d = diag_error(dl, name, 0, 0,
                       "the git config key " GITREPO_ROOT_KEY
                       " leads outside the repository's tree");
        diag_hint(d, "set it to the directory of the tree that holds "
                     "roadmap.yaml, without '..'");
        return GITREPO_NOT_FOUND;
}

static const char *snap_root(const struct gitrepo *r)
{
        return r->config_root ? r->config_root : r->default_root;
}

/* The tree of root (e.g. "sub/", or "" for the top) in commit c's tree,
 * holding roadmap.yaml: 0, or an error (GITREPO_NOT_FOUND: no roadmap). */
static int root_tree(git_tree *top, const char *root, const char *name,
                     git_oid *out, struct diag_list *dl)
{
        git_tree_entry *e = NULL;
        char *marker = xasprintf("%s%s", root, REPO_MARKER);
        int rc = GIT(git_tree_entry_bypath)(&e, top, marker);
        struct diag *d;

        if (rc == 0 && GIT(git_tree_entry_type)(e) == GIT_OBJECT_BLOB) {
                GIT(git_tree_entry_free)(e);
                e = NULL;
                if (!*root)
                        GIT(git_oid_cpy)(out, GIT(git_tree_id)(top));
                else
                        rc = GIT(git_tree_entry_bypath)(&e, top, root);
                if (rc == 0 && e)
                        GIT(git_oid_cpy)(out, GIT(git_tree_entry_id)(e));
        } else if (rc == 0 || rc == GIT_ENOTFOUND) {
                d = diag_error(dl, name, 0, 0, "no %s in the tree of '%s'",
                               marker, name);
                diag_hint(d, "set the git config key " GITREPO_ROOT_KEY
                             " to the directory of the tree that holds "
                             "roadmap.yaml");
                rc = GITREPO_NOT_FOUND;
        }
        if (rc < 0 && rc != GITREPO_NOT_FOUND)
                rc = fail(dl, name, "cannot read the tree");
        GIT(git_tree_entry_free)(e);
        free(marker);
        return rc;
}

int gitsnap_at_commit(struct gitrepo *r, const git_oid *commit,
                      struct gitsnap *out, struct diag_list *dl)
{
        git_commit *c = NULL;
        git_tree *top = NULL;
        char hex[GIT_OID_HEXSZ + 1];
        int rc;

        GIT(git_oid_tostr)(hex, sizeof(hex), commit);
        if (!out->name)
                out->name = xstrndup(hex, 7);
        out->kind = GITSNAP_COMMIT;
        GIT(git_oid_cpy)(&out->commit, commit);
        memcpy(out->hex, hex, sizeof(out->hex));
        out->root = xstrdup(snap_root(r));
        if (root_refused(r, out->name, dl))
                return GITREPO_NOT_FOUND;
        if (GIT(git_commit_lookup)(&c, r->repo, commit) < 0 ||
            GIT(git_commit_tree)(&top, c) < 0) {
                rc = fail(dl, out->name, "cannot read the commit");
        } else {
                rc = root_tree(top, out->root, out->name, &out->tree, dl);
                out->day = gitrepo_commit_date(c);
        }
        GIT(git_tree_free)(top);
        GIT(git_commit_free)(c);
        return rc;
}

int gitsnap_at(struct gitrepo *r, const char *rev, struct gitsnap *out,
               struct diag_list *dl)
{
        git_oid id;
        int rc = gitrepo_resolve(r, rev, &id, dl);

        if (rc != 0)
                return rc;
        out->name = xstrdup(rev);
        return gitsnap_at_commit(r, &id, out, dl);
}

int gitsnap_index(struct gitrepo *r, struct gitsnap *out, struct diag_list *dl)
{
        if (!r->workdir) {
                diag_error(dl, r->dir, 0, 0,
                           "a bare repository has no index to compare");
                return GITREPO_NOT_FOUND;
        }
        out->kind = GITSNAP_INDEX;
        out->name = xstrdup("index");
        out->root = xstrdup(snap_root(r));
        return root_refused(r, out->name, dl);
}

int gitsnap_worktree(struct gitrepo *r, struct gitsnap *out,
                     struct diag_list *dl)
{
        if (!r->workdir) {
                diag_error(dl, r->dir, 0, 0,
                           "a bare repository has no work "
                           "tree");
                return GITREPO_NOT_FOUND;
        }
        out->kind = GITSNAP_WORKTREE;
        out->name = xstrdup("work tree");
        out->root = xstrdup(snap_root(r));
        if (root_refused(r, out->name, dl))
                return GITREPO_NOT_FOUND;
        out->dir = xasprintf("%s%s", r->workdir, out->root);
        if (out->dir[strlen(out->dir) - 1] == '/' && strlen(out->dir) > 1)
                out->dir[strlen(out->dir) - 1] = '\0';
        return 0;
}

void gitsnap_release(struct gitsnap *s)
{
        free(s->name);
        free(s->root);
        free(s->dir);
        *s = (struct gitsnap)GITSNAP_INIT;
}

char *gitsnap_display(const struct gitsnap *s, const char *rel)
{
        switch (s->kind) {
        case GITSNAP_COMMIT:
                return xasprintf("%s:%s%s", s->name, s->root, rel);
        case GITSNAP_INDEX:
                return xasprintf(":%s%s", s->root, rel);
        case GITSNAP_WORKTREE:
        default:
                return repo_display_path(s->dir, rel);
        }
}
