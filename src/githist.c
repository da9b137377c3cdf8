#include "roadmap/githist.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "roadmap/digest.h"
#include "roadmap/gitlib.h"
#include "roadmap/gitrepo.h"
#include "roadmap/load.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

/* A libgit2 function, through gitlib (loaded by open_repo()). */
#define GIT(fn) (gitlib()->fn)

#define FORMAT_MAX_IDS 5 /* ids named per kind of change, then "and N more" */

struct githist {
        char *dir;
        bool tried;           /* the repository was looked for */
        struct gitrepo *r;    /* NULL: none (or not yet looked for) */
        git_repository *repo; /* r's */
        const char *workdir;  /* its work tree, real path, ending in '/' */
        struct loaded a, b;   /* the versions read while walking: */
        struct loaded *walk;  /* the last one read */
        struct loaded *then;  /* the last one that held the digest */
};

struct githist *githist_new(const char *dir)
{
        struct githist *h = xcalloc(1, sizeof(*h));

        h->dir = xstrdup(dir);
        loaded_init(&h->a);
        loaded_init(&h->b);
        h->walk = &h->a;
        h->then = &h->b;
        return h;
}

void githist_free(struct githist *h)
{
        if (!h)
                return;
        gitrepo_free(h->r);
        loaded_release(&h->a);
        loaded_release(&h->b);
        free(h->dir);
        free(h);
}

static int git_fail(struct diag_list *dl, const char *path, const char *what)
{
        diag_error(dl, path, 0, 0, "cannot read the git history: %s: %s", what,
                   gitrepo_last_error());
        return -1;
}

/* Open the repository on the first question.  1: open; 0: none (not a
 * work tree, or a bare repository); -1: an error in dl. */
static int open_repo(struct githist *h, struct diag_list *dl)
{
        struct diag_list found = DIAG_LIST_INIT;
        int rc;

        if (h->tried)
                return h->repo ? 1 : 0;
        h->tried = true;
        rc = gitrepo_open(h->dir, NULL, 0, &h->r, &found);
        if (rc == 0 && !gitrepo_workdir(h->r)) {
                gitrepo_free(h->r);
                h->r = NULL;
        } else if (rc == 0) {
                h->repo = gitrepo_git(h->r);
                h->workdir = gitrepo_workdir(h->r);
        } else if (rc != GITREPO_NOT_FOUND) {
                diag_list_move(dl, &found);
        }
        diag_list_release(&found);
        return rc == GITREPO_NOT_FOUND ? 0 : rc < 0 ? -1 : h->repo ? 1 : 0;
}

/* office_path as a path in the repository's trees, or NULL when it is not
 * in the work tree.  Caller frees. */
static char *tree_path(const struct githist *h, const char *office_path)
{
        char *full = office_path[0] == '/'
                         ? xstrdup(office_path)
                         : xasprintf("%s/%s", h->dir, office_path);
        char *slash = strrchr(full, '/'), *dir, *out = NULL;
        size_t n = strlen(h->workdir);

        *slash = '\0';
        dir = realpath(*full ? full : "/", NULL);
        if (dir) {
                char *joined = xasprintf("%s/%s", dir, slash + 1);
                if (strncmp(joined, h->workdir, n) == 0)
                        out = xstrdup(joined + n);
                free(joined);
                free(dir);
        }
        free(full);
        return out;
}

/* The blob of path in commit c: 0 and *blob; 1 when the path holds no
 * regular file there; -1 on error. */
static int blob_at(git_commit *c, const char *path, git_oid *blob)
{
        git_tree *tree = NULL;
        int rc;

        if (GIT(git_commit_tree)(&tree, c) < 0)
                return -1;
        rc = gitrepo_blob_at(tree, path, blob);
        GIT(git_tree_free)(tree);
        return rc;
}

/* Read blob into l as an office.  -1 if it cannot be read at all. */
static int load_blob(struct githist *h, const git_oid *blob, const char *path,
                     struct loaded *l)
{
        struct diag_list ignored = DIAG_LIST_INIT;
        struct strbuf bytes = STRBUF_INIT;
        int rc = gitrepo_blob_read(h->repo, blob, YAMLDOC_MAX_SIZE, path,
                                   &bytes, &ignored);

        if (rc == 0)
                load_office_bytes(l, path, bytes.buf, bytes.len, NULL,
                                  &ignored);
        else if (errno == EFBIG)
                rc = 0; /* over the size limit: holds no approval */
        diag_list_release(&ignored);
        strbuf_release(&bytes);
        return rc;
}

/* Whether the version blob of the office holds the approval digest: 1,
 * and it is kept as h->then; 0; -1 if it cannot be read. */
static int holds_digest(struct githist *h, const git_oid *blob,
                        const char *path, const char *digest)
{
        struct loaded *l = h->walk;
        const char *d;

        loaded_reset(l);
        if (load_blob(h, blob, path, l) < 0)
                return -1;
        d = l->parsed ? l->m.office.approval.digest : NULL;
        if (!d || strcmp(d, digest) != 0)
                return 0;
        h->walk = h->then;
        h->then = l;
        return 1;
}

struct recorded {
        git_oid commit, blob;
        struct date date;
        struct date changed; /* the oldest commit since whose office's
                                plans differ from the approved ones */
};

/* Where commit c holds the office whose file is path now, when it is not
 * at path: <root>offices/<any ministry>/<the same file name> (git mv to
 * another ministry).  1 and path replaced; 0 none. */
static int moved_from(git_commit *c, struct strbuf *path)
{
        const char *name = strrchr(path->buf, '/'), *at = path->buf, *p;
        git_tree *tree = NULL;
        char *root, *found = NULL;
        git_oid blob;
        int moved;

        /* the roadmap root: what comes before offices/ */
        for (p = strstr(at, REPO_OFFICES "/"); p && p < name;
             p = strstr(p + 1, REPO_OFFICES "/"))
                if (p == path->buf || p[-1] == '/')
                        at = p + 1;
        if (!name || at == path->buf || GIT(git_commit_tree)(&tree, c) < 0)
                return 0;
        root = xstrndup(path->buf, (size_t)(at - 1 - path->buf));
        if (gitrepo_find_office(GIT(git_commit_owner)(c), tree, root, name + 1,
                                NULL, &found, &blob) == 0) {
                strbuf_reset(path);
                strbuf_addstr(path, found);
        }
        moved = found != NULL;
        GIT(git_tree_free)(tree);
        GIT(git_error_clear)();
        free(root);
        free(found);
        return moved;
}

struct walkstate {
        bool found;   /* a commit holding the digest was seen */
        int holds;    /* the last blob read holds it */
        bool differ;  /* ... and its plans differ from the approved ones */
        git_oid prev; /* the last blob read */
        struct recorded *out;
};

/* Whether the office as h->then holds it has other plans than digest. */
static bool plans_differ(const struct githist *h, const char *digest)
{
        char now[DIGEST_LEN + 1];

        digest_office(&h->then->m.office, now);
        return strcmp(now, digest) != 0;
}

/* One step of the walk: commit c, its office blob at path (following a
 * move); 1 while it holds digest, 0 at the end, -1 on error. */
static int step(struct githist *h, git_commit *c, struct strbuf *path,
                const char *digest, struct walkstate *w)
{
        git_oid blob;
        int at = blob_at(c, path->buf, &blob);

        if (at == 1 && w->found && moved_from(c, path))
                at = blob_at(c, path->buf, &blob);
        if (at != 0)
                return at < 0 ? -1 : 0;
        if (!w->found || !GIT(git_oid_equal)(&blob, &w->prev)) {
                w->holds = holds_digest(h, &blob, path->buf, digest);
                if (w->holds == 1)
                        w->differ = plans_differ(h, digest);
        }
        if (w->holds != 1)
                return w->holds;
        GIT(git_oid_cpy)(&w->prev, &blob);
        w->out->commit = *GIT(git_commit_id)(c);
        w->out->blob = blob;
        w->out->date = gitrepo_commit_date(c);
        if (w->differ)
                w->out->changed = w->out->date;
        w->found = true;
        return 1;
}

/*
 * Walk the first parents from HEAD while the office file at path holds
 * digest: the last such commit recorded it.  1 and *out; 0 when HEAD's
 * file does not hold it; -1 on error.
 */
static int find_recorded(struct githist *h, const char *path,
                         const char *digest, struct recorded *out)
{
        struct walkstate w = {false, 0, false, {{0}}, out};
        struct strbuf at = STRBUF_INIT;
        git_commit *c = NULL;
        git_oid id;
        int rc = GIT(git_reference_name_to_id)(&id, h->repo, "HEAD");

        if (rc == GIT_ENOTFOUND || rc == GIT_EUNBORNBRANCH)
                return 0;
        if (rc < 0)
                return -1;
        memset(out, 0, sizeof(*out));
        strbuf_addstr(&at, path);
        for (;;) {
                if (GIT(git_commit_lookup)(&c, h->repo, &id) < 0) {
                        rc = w.found ? 1 : -1;
                        break;
                }
                if ((rc = step(h, c, &at, digest, &w)) != 1 ||
                    GIT(git_commit_parentcount)(c) == 0)
                        break;
                GIT(git_oid_cpy)(&id, GIT(git_commit_parent_id)(c, 0));
                GIT(git_commit_free)(c);
                c = NULL;
        }
        GIT(git_commit_free)(c);
        strbuf_release(&at);
        if (rc < 0)
                return -1;
        return w.found ? 1 : 0;
}

/* ---- comparing the office then with the office now ------------------- */

static int cmp_service(const void *pa, const void *pb)
{
        const struct service *a = *(const struct service *const *)pa;
        const struct service *b = *(const struct service *const *)pb;

        return strcmp(a->id ? a->id : "", b->id ? b->id : "");
}

static const struct service **sorted_services(const struct office *o)
{
        const struct service **s =
            xcalloc(o->nservices ? o->nservices : 1, sizeof(*s));
        size_t i;

        for (i = 0; i < o->nservices; i++)
                s[i] = &o->services[i];
        qsort(s, o->nservices, sizeof(*s), cmp_service);
        return s;
}

static void add_change(struct approval_changes *c, enum approval_change_kind k,
                       const char *service, const char *was, char *detail)
{
        struct approval_change *ch;

        c->items = xgrow(c->items, &c->cap, c->n + 1, sizeof(*c->items));
        ch = &c->items[c->n++];
        ch->kind = k;
        ch->service = xstrdup(service ? service : "");
        ch->was = was ? xstrdup(was) : NULL;
        ch->detail = detail;
}

static void add_num(struct strbuf *sb, const char *what, long a, long b)
{
        if (a == b)
                return;
        if (sb->len)
                strbuf_addstr(sb, ", ");
        strbuf_addf(sb, "%s ", what);
        if (a >= 0)
                strbuf_addf(sb, "%ld", a);
        else
                strbuf_addstr(sb, "none");
        strbuf_addstr(sb, " -> ");
        if (b >= 0)
                strbuf_addf(sb, "%ld", b);
        else
                strbuf_addstr(sb, "none");
}

static void add_due(struct strbuf *sb, struct date a, struct date b)
{
        char da[11] = "none", db[11] = "none";

        if (date_cmp(a, b) == 0)
                return;
        if (date_is_set(a))
                date_format_iso(a, da);
        if (date_is_set(b))
                date_format_iso(b, db);
        if (sb->len)
                strbuf_addstr(sb, ", ");
        strbuf_addf(sb, "due %s -> %s", da, db);
}

/* What the digest covers of a plan, then against now. */
static void compare_plans(struct approval_changes *c, const char *id,
                          const struct plan *a, const struct plan *b)
{
        struct strbuf sb = STRBUF_INIT;

        if (!a->node && !b->node)
                return;
        if (!a->node || !b->node) {
                add_change(
                    c, a->node ? APPROVAL_PLAN_REMOVED : APPROVAL_PLAN_ADDED,
                    id, NULL, NULL);
                return;
        }
        add_num(&sb, "priority", a->priority, b->priority);
        add_due(&sb, a->due, b->due);
        add_num(&sb, "target days", a->tcv.days, b->tcv.days);
        add_num(&sb, "target cost", a->tcv.cost, b->tcv.cost);
        add_num(&sb, "target visits", a->tcv.visits, b->tcv.visits);
        if (sb.len)
                add_change(c, APPROVAL_PLAN_CHANGED, id, NULL,
                           strbuf_detach(&sb, NULL));
        strbuf_release(&sb);
}

/* The removed (then) and added (now) services: pair the renamed, record
 * the rest. */
static void pair_renamed(struct approval_changes *c,
                         const struct service **gone, size_t ngone,
                         const struct service **added, size_t nadded)
{
        bool *used = xcalloc(nadded ? nadded : 1, sizeof(*used));
        size_t i, k;

        for (i = 0; i < ngone; i++) {
                for (k = 0; k < nadded; k++)
                        if (!used[k] &&
                            service_looks_renamed(gone[i], added[k]))
                                break;
                if (k == nadded) {
                        add_change(c, APPROVAL_SERVICE_REMOVED, gone[i]->id,
                                   NULL, NULL);
                        continue;
                }
                used[k] = true;
                add_change(c, APPROVAL_SERVICE_RENAMED, added[k]->id,
                           gone[i]->id, NULL);
                compare_plans(c, added[k]->id, &gone[i]->plan, &added[k]->plan);
        }
        for (k = 0; k < nadded; k++)
                if (!used[k]) {
                        add_change(c, APPROVAL_SERVICE_ADDED, added[k]->id,
                                   NULL, NULL);
                }
        free(used);
}

static int cmp_change(const void *pa, const void *pb)
{
        const struct approval_change *a = pa, *b = pb;

        if (a->kind != b->kind)
                return a->kind < b->kind ? -1 : 1;
        return strcmp(a->service, b->service);
}

static void compare(const struct office *then, const struct office *now,
                    struct approval_changes *c)
{
        const struct service **a = sorted_services(then);
        const struct service **b = sorted_services(now);
        const struct service **gone = xcalloc(then->nservices + 1, sizeof(*a));
        const struct service **added = xcalloc(now->nservices + 1, sizeof(*b));
        size_t i = 0, k = 0, ngone = 0, nadded = 0;
        int r;

        while (i < then->nservices || k < now->nservices) {
                r = i == then->nservices  ? 1
                    : k == now->nservices ? -1
                                          : cmp_service(&a[i], &b[k]);
                if (r < 0) {
                        gone[ngone++] = a[i++];
                } else if (r > 0) {
                        added[nadded++] = b[k++];
                } else {
                        compare_plans(c, b[k]->id, &a[i]->plan, &b[k]->plan);
                        i++, k++;
                }
        }
        pair_renamed(c, gone, ngone, added, nadded);
        if (c->n)
                qsort(c->items, c->n, sizeof(*c->items), cmp_change);
        free(gone);
        free(added);
        free(a);
        free(b);
}

/* The office as the recording commit holds it (h->then), compared with
 * now, when it holds what was approved. */
static int compare_recorded(struct githist *h, const struct recorded *r,
                            const struct office *now,
                            struct approval_changes *out)
{
        const struct office *then = &h->then->m.office;
        char digest[DIGEST_LEN + 1];

        digest_office(then, digest);
        if (strcmp(digest, then->approval.digest) != 0)
                return 0;
        compare(then, now, out);
        GIT(git_oid_tostr)(out->commit, sizeof(out->commit), &r->commit);
        out->commit_date = r->date;
        out->changed_date = r->changed;
        return 1;
}

int githist_approval_changes(struct githist *h, const char *office_path,
                             const struct office *now,
                             struct approval_changes *out, struct diag_list *dl)
{
        struct approval_changes found = APPROVAL_CHANGES_INIT;
        struct recorded r;
        char *path = NULL;
        int rc;

        if (!now->approval.digest)
                return 0;
        if ((rc = open_repo(h, dl)) <= 0)
                return rc;
        path = tree_path(h, office_path);
        if (!path)
                return 0;
        rc = find_recorded(h, path, now->approval.digest, &r);
        if (rc == 1)
                rc = compare_recorded(h, &r, now, &found);
        if (rc < 0)
                git_fail(dl, office_path, "reading the office's history");
        loaded_reset(h->walk);
        loaded_reset(h->then);
        if (rc == 1) {
                approval_changes_release(out);
                *out = found;
        } else {
                approval_changes_release(&found);
        }
        free(path);
        return rc;
}

/* ---- for a person ------------------------------------------------------ */

static void format_ids(struct strbuf *sb, const struct approval_changes *c,
                       size_t from, size_t to, const char *what)
{
        size_t i;

        strbuf_addf(sb, "%s%s ", sb->len ? "; " : "", what);
        for (i = from; i < to && i - from < FORMAT_MAX_IDS; i++) {
                if (i > from)
                        strbuf_addstr(sb, ", ");
                if (c->items[i].was)
                        strbuf_addf(sb, "%s to %s", c->items[i].was,
                                    c->items[i].service);
                else
                        strbuf_addstr(sb, c->items[i].service);
        }
        if (to - from > FORMAT_MAX_IDS)
                strbuf_addf(sb, " and %zu more", to - from - FORMAT_MAX_IDS);
}

static void format_plans(struct strbuf *sb, const struct approval_changes *c,
                         size_t from, size_t to, const char *what)
{
        size_t i;

        for (i = from; i < to && i - from < FORMAT_MAX_IDS; i++) {
                strbuf_addf(sb, "%splan of %s %s", sb->len ? "; " : "",
                            c->items[i].service, what);
                if (c->items[i].detail)
                        strbuf_addf(sb, " (%s)", c->items[i].detail);
        }
        if (to - from > FORMAT_MAX_IDS)
                strbuf_addf(sb, "; %zu more plans %s",
                            to - from - FORMAT_MAX_IDS, what);
}

char *approval_changes_format(const struct approval_changes *c)
{
        static const char *const what[APPROVAL_CHANGE_KINDS] = {
            "added", "removed", "renamed", "added", "removed", "changed"};
        struct strbuf sb = STRBUF_INIT, head = STRBUF_INIT;
        char date[11] = "";
        size_t i = 0, k;

        while (i < c->n) {
                enum approval_change_kind kind = c->items[i].kind;
                for (k = i; k < c->n && c->items[k].kind == kind; k++)
                        ;
                if (kind <= APPROVAL_SERVICE_RENAMED)
                        format_ids(&sb, c, i, k, what[kind]);
                else
                        format_plans(&sb, c, i, k, what[kind]);
                i = k;
        }
        if (date_is_set(c->commit_date))
                date_format_iso(c->commit_date, date);
        strbuf_addf(&head, "since the approval (commit %.7s, %s): %s",
                    c->commit, date,
                    sb.len ? sb.buf : "no service or plan changed");
        strbuf_release(&sb);
        return strbuf_detach(&head, NULL);
}

void approval_changes_release(struct approval_changes *c)
{
        size_t i;

        for (i = 0; i < c->n; i++) {
                free(c->items[i].service);
                free(c->items[i].was);
                free(c->items[i].detail);
        }
        free(c->items);
        *c = (struct approval_changes)APPROVAL_CHANGES_INIT;
}

char *githist_why_stale(struct githist *h, const char *office_path,
                        const struct office *now)
{
        struct approval_changes ch = APPROVAL_CHANGES_INIT;
        struct diag_list dl = DIAG_LIST_INIT;
        char date[11] = "", *text;
        int rc = githist_approval_changes(h, office_path, now, &ch, &dl);

        if (date_is_set(now->approval.date))
                date_format_iso(now->approval.date, date);
        if (rc == 1)
                text = approval_changes_format(&ch);
        else if (rc < 0 && dl.n)
                text = xasprintf("which services or plans changed since the "
                                 "approval of %s cannot be told: %s",
                                 date, dl.items[0].msg);
        else
                text = xasprintf("no git history of the office shows what "
                                 "was approved on %s, so which services or "
                                 "plans changed cannot be told",
                                 date);
        approval_changes_release(&ch);
        diag_list_release(&dl);
        return text;
}
