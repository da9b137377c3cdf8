/*
 * gitlog: the history of an office or of one of its services across the
 * commits of a git repository.  See gitlog.h.
 */
#include "roadmap/gitlog.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "roadmap/load.h"
#include "roadmap/repo.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"
#include "roadmap/yamldoc.h"

/* A libgit2 function, through gitlib (loaded by gitrepo_open()). */
#define GIT(fn) (gitlib()->fn)

/* The office file in one commit. */
struct side {
        char *path; /* relative to the top of the tree; NULL: no file */
        git_oid blob;
};

/* One version of the office, read and loaded. */
struct version {
        struct loaded l;
        struct diag_list errors; /* why it did not load */
        git_oid blob;
        bool valid; /* l holds blob */
};

struct walk {
        git_repository *git;
        const struct gitsnap *start;
        const struct gitlog_query *q;
        gitlog_fn fn;
        void *ctx;
        struct diag_list *dl;
        char *file;    /* "<id>.yaml" */
        char *service; /* the service followed: its id at this point */
        bool shallow;  /* the repository is a shallow clone */
        struct gitrepo_absent *absent; /* ministries without the office */
        char *last;     /* the office file where last seen, or NULL */
        bool found;     /* the office was in a commit of the walk */
        bool mentioned; /* a change was about the service */
        size_t shown;
        struct version v[2];
        struct version *newer, *older; /* the two sides of a commit */
};

static int fail(struct diag_list *dl, const char *where, const char *what)
{
        diag_error(dl, where, 0, 0, "%s: %s", what, gitrepo_last_error());
        return -1;
}

static void side_clear(struct side *s)
{
        free(s->path);
        s->path = NULL;
}

/* ---- finding the office file in a commit ---------------------------------
 */

/* offices/<any>/<id>.yaml below the roadmap root of tree: 0 and out; 1
 * when none; -1 on error. */
static int search(struct walk *w, git_tree *tree, struct side *out)
{
        return gitrepo_find_office(w->git, tree, w->start->root, w->file,
                                   w->absent, &out->path, &out->blob);
}

/* The office file in commit c, at hint (the path of a newer commit) or
 * else wherever it is: 0 and out (out->path NULL when c holds none); -1
 * on error. */
static int find_office(struct walk *w, git_commit *c, const char *hint,
                       struct side *out)
{
        git_tree *tree = NULL;
        int rc;

        out->path = NULL;
        if (GIT(git_commit_tree)(&tree, c) < 0)
                return -1;
        rc = hint ? gitrepo_blob_at(tree, hint, &out->blob) : 1;
        if (rc == 0)
                out->path = xstrdup(hint);
        else if (rc == 1)
                rc = search(w, tree, out);
        GIT(git_tree_free)(tree);
        return rc < 0 ? -1 : 0;
}

/* ---- reading a version ----------------------------------------------------
 */

static void version_init(struct version *v)
{
        loaded_init(&v->l);
        diag_list_init(&v->errors);
        v->valid = false;
}

static void version_release(struct version *v)
{
        loaded_release(&v->l);
        diag_list_release(&v->errors);
}

/* Load the blob of s, of the commit hex, into v.  0, or -1 when the blob
 * cannot be read. */
static int version_load(struct walk *w, struct version *v, const char *hex,
                        const struct side *s)
{
        char *display = xasprintf("%.7s:%s", hex, s->path);
        struct strbuf bytes = STRBUF_INIT;
        struct diag_list found = DIAG_LIST_INIT;
        int rc = gitrepo_blob_read(w->git, &s->blob, YAMLDOC_MAX_SIZE, display,
                                   &bytes, &found);

        v->valid = false;
        loaded_reset(&v->l);
        diag_list_release(&v->errors);
        diag_list_init(&v->errors);
        if (rc == 0 || errno == EFBIG) {
                /* a version over the size limit is one that does not load */
                if (rc == 0)
                        load_office_bytes(&v->l, display, bytes.buf, bytes.len,
                                          NULL, &v->errors);
                else
                        diag_list_move(&v->errors, &found);
                GIT(git_oid_cpy)(&v->blob, &s->blob);
                v->valid = true;
                rc = 0;
        } else {
                diag_list_move(w->dl, &found);
        }
        diag_list_release(&found);
        strbuf_release(&bytes);
        free(display);
        return rc;
}

/* The first error of v, again in errors. */
static void first_error(const struct version *v, struct diag_list *errors)
{
        size_t i;

        for (i = 0; i < v->errors.n; i++) {
                const struct diag *d = &v->errors.items[i];
                if (d->level == DIAG_ERROR) {
                        diag_error(errors, d->path, d->line, d->col, "%s",
                                   d->msg);
                        return;
                }
        }
}

/* What changed from the office in parent (older) to the office in c
 * (newer), by the two versions' blobs, into out.  The version read for
 * the older side of one commit is the newer side of the next one shown,
 * so it is kept.  0, or -1 when a blob cannot be read. */
static int diff_sides(struct walk *w, const char *hex, const char *parent_hex,
                      const struct side *newer, const struct side *older,
                      struct changes *out)
{
        struct diag_list errors = DIAG_LIST_INIT;
        const struct loaded *a = NULL, *b = NULL;

        if (newer->path) {
                if (w->older->valid &&
                    GIT(git_oid_equal)(&w->older->blob, &newer->blob)) {
                        struct version *t = w->newer;
                        w->newer = w->older;
                        w->older = t;
                } else if (version_load(w, w->newer, hex, newer) < 0) {
                        return -1;
                }
                b = &w->newer->l;
                first_error(w->newer, &errors);
        }
        if (older->path) {
                if (version_load(w, w->older, parent_hex, older) < 0)
                        return -1;
                a = &w->older->l;
                first_error(w->older, &errors);
        }
        officediff_offices(a, b, &errors, out);
        diag_list_release(&errors);
        return 0;
}

/* ---- following a service ---------------------------------------------------
 */

/* Whether list, "a, b, c" or "a,b,c", names id. */
static bool names_service(const char *list, const char *id)
{
        size_t n = strlen(id);
        const char *p = list;

        while (p && *p) {
                p += strspn(p, ", ");
                if (strncmp(p, id, n) == 0 &&
                    (p[n] == ',' || p[n] == '\0' || p[n] == ' '))
                        return true;
                p = strchr(p, ',');
        }
        return false;
}

static bool office_has_service(const struct loaded *l, const char *id)
{
        size_t i;

        for (i = 0; l && l->parsed && i < l->m.office.nservices; i++)
                if (l->m.office.services[i].id &&
                    strcmp(l->m.office.services[i].id, id) == 0)
                        return true;
        return false;
}

/* Whether change c is about the service followed (its id in the newer
 * version: w->service), given the older version of the office. */
static bool about_service(const struct walk *w, const struct change *c,
                          const struct loaded *older)
{
        switch (c->kind) {
        case CHANGE_APPROVAL_STALE:
                return c->new_value && names_service(c->new_value, w->service);
        case CHANGE_OFFICE_REMOVED:
                return office_has_service(older, w->service);
        case CHANGE_UNREADABLE:
                return true;
        case CHANGE_SERVICE_RENAMED: /* to it, or from it (named by its
                                        old id) */
                return (c->service && strcmp(c->service, w->service) == 0) ||
                       (c->was && strcmp(c->was, w->service) == 0);
        default:
                return c->service && strcmp(c->service, w->service) == 0;
        }
}

static void change_move(struct changes *to, struct change *c)
{
        to->items = xgrow(to->items, &to->cap, to->n + 1, sizeof(*to->items));
        to->items[to->n++] = *c;
        memset(c, 0, sizeof(*c));
}

/* Keep of all only the changes about the service followed (moving them to
 * out); a rename makes the service followed its old id. */
static void keep_service(struct walk *w, struct changes *all,
                         const struct loaded *older, struct changes *out)
{
        const char *was = NULL;
        size_t i;

        for (i = 0; i < all->n; i++) {
                struct change *c = &all->items[i];
                if (!about_service(w, c, older))
                        continue;
                if (c->kind == CHANGE_SERVICE_RENAMED && c->was)
                        was = c->was;
                change_move(out, c);
        }
        if (out->n)
                w->mentioned = true;
        if (was) {
                free(w->service);
                w->service = xstrdup(was);
        }
}

/* ---- one commit ------------------------------------------------------------
 */

static bool in_range(const struct gitlog_query *q, struct date d)
{
        if (date_is_set(q->since) && date_cmp(d, q->since) < 0)
                return false;
        return !date_is_set(q->until) || date_cmp(d, q->until) <= 0;
}

/* The commit's id, author and subject into out. */
static void describe(git_commit *c, struct gitlog_commit *out)
{
        const git_signature *a = GIT(git_commit_author)(c);
        git_buf buf = {NULL, 0, 0};

        GIT(git_oid_tostr)(out->hex, sizeof(out->hex), GIT(git_commit_id)(c));
        if (GIT(git_object_short_id)(&buf, (const git_object *)c) == 0 &&
            buf.ptr && buf.size < sizeof(out->short_id))
                memcpy(out->short_id, buf.ptr, buf.size + 1);
        else
                snprintf(out->short_id, sizeof(out->short_id), "%.7s",
                         out->hex);
        GIT(git_buf_dispose)(&buf);
        out->author = a && a->name ? a->name : "";
        out->email = a && a->email ? a->email : "";
        out->time = a ? (long long)a->when.time : 0;
        out->offset = a ? a->when.offset : 0;
        out->date = gitrepo_day(out->time, out->offset);
        out->subject = GIT(git_commit_summary)(c);
        if (!out->subject)
                out->subject = "";
}

/* Commit c changed the office from older (its first parent's) to newer:
 * hand it to the caller if the query wants it.  0, or -1 on error. */
static int show_commit(struct walk *w, git_commit *c, const char *parent_hex,
                       const struct side *newer, const struct side *older)
{
        struct changes all = CHANGES_INIT, kept = CHANGES_INIT;
        struct gitlog_commit gc;
        bool wanted;

        describe(c, &gc);
        wanted = in_range(w->q, gc.date);
        if (!wanted && !w->service)
                return 0; /* nothing to follow: no need to read it */
        if (diff_sides(w, gc.hex, parent_hex, newer, older, &all) < 0)
                return -1;
        if (w->service)
                keep_service(w, &all, older->path ? &w->older->l : NULL, &kept);
        gc.changes = w->service ? &kept : &all;
        gc.path =
            (newer->path ? newer->path : older->path) + strlen(w->start->root);
        if (wanted && (!w->service || kept.n)) {
                w->fn(&gc, w->ctx);
                w->shown++;
        }
        changes_release(&all);
        changes_release(&kept);
        return 0;
}

/* ---- the walk --------------------------------------------------------------
 */

/* The history stops at a missing parent: in a shallow clone, say where and
 * how to fetch the rest. */
static int missing_parent(struct walk *w, git_commit *c)
{
        char child[GIT_OID_HEXSZ + 1];
        struct diag *d;

        GIT(git_oid_tostr)(child, sizeof(child), GIT(git_commit_id)(c));
        if (!w->shallow)
                return fail(w->dl, w->start->name,
                            "cannot read the history: a parent commit is "
                            "missing");
        d = diag_error(w->dl, w->start->name, 0, 0,
                       "the history stops at commit %.7s: this repository is "
                       "a shallow clone, and the parents of that commit "
                       "were not fetched",
                       child);
        diag_hint(d, "fetch the whole history: git fetch --unshallow (in a CI "
                     "job, fetch-depth: 0)");
        return -1;
}

/* Whether c is a boundary of the shallow clone, listed in its shallow
 * file: a libgit2 that reads the file itself gives such a commit no
 * parents. */
static bool shallow_boundary(struct walk *w, git_commit *c)
{
        const char *dir = GIT(git_repository_commondir)(w->git);
        char *path = xasprintf("%sshallow", dir ? dir : "");
        char hex[GIT_OID_HEXSZ + 2];
        struct strbuf sb = STRBUF_INIT;
        bool found = false;

        GIT(git_oid_tostr)(hex, GIT_OID_HEXSZ + 1, GIT(git_commit_id)(c));
        strcat(hex, "\n");
        if (strbuf_read_file(&sb, path, 1u << 26) == 0 && sb.buf)
                found = strstr(sb.buf, hex) != NULL;
        strbuf_release(&sb);
        free(path);
        return found;
}

/* The first parent of c into *out: 0; 1 when c has none (the first
 * commit); -1 on error. */
static int first_parent(struct walk *w, git_commit *c, git_commit **out)
{
        const git_oid *id;
        int rc;

        *out = NULL;
        if (GIT(git_commit_parentcount)(c) == 0)
                return w->shallow && shallow_boundary(w, c)
                           ? missing_parent(w, c)
                           : 1;
        id = GIT(git_commit_parent_id)(c, 0);
        rc = GIT(git_commit_lookup)(out, w->git, id);
        if (rc == GIT_ENOTFOUND)
                return missing_parent(w, c);
        if (rc < 0)
                return fail(w->dl, w->start->name, "cannot read a commit");
        return 0;
}

static bool same_side(const struct side *a, const struct side *b)
{
        if (!a->path || !b->path)
                return !a->path && !b->path;
        return GIT(git_oid_equal)(&a->blob, &b->blob);
}

/* One step: commit c, where the office is cur, against its first parent
 * (which becomes *c, its office *cur).  0: go on; 1: the walk is over;
 * -1 on error. */
static int step(struct walk *w, git_commit **c, struct side *cur)
{
        struct side par = {NULL, {{0}}};
        git_commit *p = NULL;
        char hex[GIT_OID_HEXSZ + 1] = "";
        int rc = first_parent(w, *c, &p);

        if (rc < 0)
                return -1;
        if (p && find_office(w, p, cur->path ? cur->path : w->last, &par) < 0) {
                GIT(git_commit_free)(p);
                return fail(w->dl, w->start->name, "cannot read a tree");
        }
        if (p)
                GIT(git_oid_tostr)(hex, sizeof(hex), GIT(git_commit_id)(p));
        if (!same_side(cur, &par) && show_commit(w, *c, hex, cur, &par) < 0)
                rc = -1;
        else if ((cur->path && !par.path) || !p)
                rc = 1; /* the office was added here, or the first commit */
        else if (w->q->max && w->shown >= w->q->max)
                rc = 1;
        GIT(git_commit_free)(*c);
        *c = p;
        side_clear(cur);
        *cur = par;
        if (cur->path) {
                w->found = true;
                free(w->last);
                w->last = xstrdup(cur->path);
        }
        return rc;
}

static int not_found(struct walk *w)
{
        struct diag *d;

        if (!w->found) {
                d = diag_error(w->dl, w->start->name, 0, 0,
                               "no office '%s' in the history of '%s'",
                               w->q->office, w->start->name);
                diag_hint(d, "an office is named by its id: the name of its "
                             "file, offices/MINISTRY/ID.yaml");
                return GITREPO_NOT_FOUND;
        }
        d = diag_error(w->dl, w->start->name, 0, 0,
                       "no service '%s' in the history of office '%s'",
                       w->q->service, w->q->office);
        diag_hint(d,
                  "'roadmap list services --office %s' lists its services now",
                  w->q->office);
        return GITREPO_NOT_FOUND;
}

static void walk_release(struct walk *w)
{
        version_release(&w->v[0]);
        version_release(&w->v[1]);
        free(w->file);
        free(w->service);
        free(w->last);
        gitrepo_absent_free(w->absent);
}

int gitlog_walk(struct gitrepo *r, const struct gitsnap *start,
                const struct gitlog_query *q, gitlog_fn fn, void *ctx,
                struct diag_list *dl)
{
        struct walk w = {0};
        struct side cur = {NULL, {{0}}};
        git_commit *c = NULL;
        int rc = 0;

        w.git = gitrepo_git(r);
        w.start = start;
        w.q = q;
        w.fn = fn;
        w.ctx = ctx;
        w.dl = dl;
        w.file = xasprintf("%s.yaml", q->office);
        w.service = q->service ? xstrdup(q->service) : NULL;
        w.shallow = gitrepo_is_shallow(r);
        w.absent = gitrepo_absent_new();
        version_init(&w.v[0]);
        version_init(&w.v[1]);
        w.newer = &w.v[0];
        w.older = &w.v[1];
        if (GIT(git_commit_lookup)(&c, w.git, &start->commit) < 0 ||
            find_office(&w, c, NULL, &cur) < 0)
                rc = fail(dl, start->name, "cannot read the commit");
        w.found = cur.path != NULL;
        while (rc == 0)
                rc = step(&w, &c, &cur);
        if (rc == 1 && (!w.found || (w.service && !w.mentioned &&
                                     !(q->max && w.shown >= q->max))))
                rc = not_found(&w);
        GIT(git_commit_free)(c);
        side_clear(&cur);
        walk_release(&w);
        return rc < 0 ? rc : 0;
}
