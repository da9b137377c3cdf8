/*
 * roadmap diff: the two versions, the operands, and the semantic changes
 * of the files that differ between them.  See cmd-diff.c.
 */
#include <stdlib.h>
#include <string.h>

#include "cmd-diff-internal.h"
#include "roadmap/cmdutil.h"
#include "roadmap/load.h"
#include "roadmap/model.h"
#include "roadmap/repo.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

#define GIT(fn) (gitlib()->fn)

/* ---- revisions ----------------------------------------------------------- */

/* The snapshot of A...B: the merge base of A and B. */
static int merge_base(struct run *r, const char *left, const char *right,
                      struct gitsnap *out)
{
        git_oid a, b, base;
        int rc;

        if ((rc = gitrepo_resolve(r->repo, left, &a, &r->dl)) != 0 ||
            (rc = gitrepo_resolve(r->repo, right, &b, &r->dl)) != 0)
                return rc;
        if (GIT(git_merge_base)(&base, gitrepo_git(r->repo), &a, &b) < 0) {
                diag_error(&r->dl, NULL, 0, 0, "no merge base of '%s' and '%s'",
                           left, right);
                return GITREPO_NOT_FOUND;
        }
        return gitsnap_at_commit(r->repo, &base, out, &r->dl);
}

/* A..B or A...B (an empty side is HEAD) into r->from and r->to. */
static int open_range(struct run *r, const char *spec, const char *dots)
{
        bool three = dots[2] == '.';
        char *left = dots > spec ? xstrndup(spec, (size_t)(dots - spec))
                                 : xstrdup("HEAD");
        const char *right =
            dots[three ? 3 : 2] ? dots + (three ? 3 : 2) : "HEAD";
        int rc = three ? merge_base(r, left, right, &r->from)
                       : gitsnap_at(r->repo, left, &r->from, &r->dl);

        if (rc == 0)
                rc = gitsnap_at(r->repo, right, &r->to, &r->dl);
        free(left);
        return rc;
}

int diff_open_snaps(struct run *r)
{
        const char *dots = r->nrevs == 1 ? strstr(r->revs[0], "..") : NULL;
        int rc;

        if (dots)
                return open_range(r, r->revs[0], dots);
        if (r->nrevs == 2) {
                rc = gitsnap_at(r->repo, r->revs[0], &r->from, &r->dl);
                return rc ? rc
                          : gitsnap_at(r->repo, r->revs[1], &r->to, &r->dl);
        }
        if (r->nrevs == 1 || r->a.cached)
                rc = gitsnap_at(r->repo, r->nrevs ? r->revs[0] : "HEAD",
                                &r->from, &r->dl);
        else
                rc = gitsnap_index(r->repo, &r->from, &r->dl);
        if (rc != 0)
                return rc;
        return r->a.cached ? gitsnap_index(r->repo, &r->to, &r->dl)
                           : gitsnap_worktree(r->repo, &r->to, &r->dl);
}

/* ---- operands ------------------------------------------------------------ */

static void add_office(struct run *r, char *id)
{
        r->offices = xgrow(r->offices, &r->capoffices, r->noffices + 1,
                           sizeof(*r->offices));
        r->offices[r->noffices++] = id;
}

/* The office id of arg: an id or an office file.  0, or an error in r->dl
 * (GITREPO_NOT_FOUND: not an office id). */
static int office_id(struct run *r, const char *arg, char **id)
{
        char *rel = NULL;
        const char *base;

        if (r->root) {
                int rc = cmd_office_arg(r->root, arg, id, &rel, &r->dl);
                free(rel);
                if (rc != 0)
                        return rc;
        } else {
                base = strrchr(arg, '/') ? strrchr(arg, '/') + 1 : arg;
                *id = xstrndup(base, strcspn(base, "."));
        }
        if (model_valid_id(*id, strlen(*id)))
                return 0;
        diag_error(&r->dl, NULL, 0, 0, "'%s' names no office", arg);
        free(*id);
        *id = NULL;
        return GITREPO_NOT_FOUND;
}

static bool is_revision(struct run *r, const char *w)
{
        struct diag_list ignored = DIAG_LIST_INIT;
        git_oid id;
        bool yes =
            strstr(w, "..") || gitrepo_resolve(r->repo, w, &id, &ignored) == 0;

        diag_list_release(&ignored);
        return yes;
}

/* An operand before "--": a revision if it names one, else an office of
 * the work tree. */
static int operand(struct run *r, const char *w)
{
        char *id = NULL;
        size_t count = 0;
        char *found;
        struct diag *d;

        if (r->nrevs < 2 && !r->noffices && is_revision(r, w)) {
                r->revs[r->nrevs++] = w;
                return 0;
        }
        if (r->root && office_id(r, w, &id) == 0) {
                found = repo_quick_find(r->root, id, &count);
                free(found);
                if (count || strchr(w, '/')) {
                        add_office(r, id);
                        return 0;
                }
        }
        free(id);
        diag_list_release(&r->dl);
        d = diag_error(&r->dl, NULL, 0, 0, "unknown revision or office '%s'",
                       w);
        diag_hint(d, "name offices after '--': roadmap diff [REV] -- OFFICE");
        return GITREPO_NOT_FOUND;
}

int diff_operands(struct run *r, int n, char **argv, int nbefore)
{
        char *id;
        int i, rc;

        for (i = 1; i <= n; i++) {
                if (i <= nbefore) {
                        if ((rc = operand(r, argv[i])) != 0)
                                return rc;
                } else if ((rc = office_id(r, argv[i], &id)) == 0) {
                        add_office(r, id);
                } else {
                        return rc;
                }
        }
        if ((r->nrevs == 2 || (r->nrevs && strstr(r->revs[0], ".."))) &&
            r->a.cached) {
                diag_error(&r->dl, NULL, 0, 0,
                           "--cached compares a revision with the index: "
                           "give one revision at most");
                return GITREPO_NOT_FOUND;
        }
        if (r->nrevs == 2 &&
            (strstr(r->revs[0], "..") || strstr(r->revs[1], ".."))) {
                diag_error(&r->dl, NULL, 0, 0,
                           "a range A..B is the two revisions: give no other");
                return GITREPO_NOT_FOUND;
        }
        return 0;
}

/* ---- the files that changed ---------------------------------------------- */

static bool wanted(const struct run *r, const char *id)
{
        size_t i;

        if (!r->noffices)
                return true;
        for (i = 0; id && i < r->noffices; i++)
                if (strcmp(r->offices[i], id) == 0)
                        return true;
        return false;
}

/* offices/lgd/kcc.yaml -> kcc; roadmap.yaml -> NULL. */
static char *path_id(const char *path)
{
        const char *base = strrchr(path, '/');

        if (!base)
                return NULL;
        base++;
        return xstrndup(base, strlen(base) - strlen(".yaml"));
}

static int cmp_id(const void *x, const void *y)
{
        const struct entry *a = x, *b = y;
        int c;

        if (!a->id || !b->id)
                return !a->id - !b->id;
        c = strcmp(a->id, b->id);
        return c ? c : a->status - b->status;
}

static const char *entry_path(const struct entry *e)
{
        return e->new_path ? e->new_path : e->old_path;
}

/* roadmap.yaml first, then the offices by path. */
static int cmp_path(const void *x, const void *y)
{
        const struct entry *a = x, *b = y;

        if (!a->id || !b->id)
                return !b->id - !a->id;
        return strcmp(entry_path(a), entry_path(b));
}

/* An office deleted at one path and added at another is one entry ('A'
 * sorts before 'D' among the entries of one id). */
static size_t pair_moves(struct entry *e, size_t n)
{
        size_t i, k = 0;

        qsort(e, n, sizeof(*e), cmp_id);
        for (i = 0; i < n; i++) {
                if (i + 1 < n && e[i].id && e[i + 1].id && e[i].status == 'A' &&
                    e[i + 1].status == 'D' && !strcmp(e[i].id, e[i + 1].id)) {
                        e[i].old_path = e[i + 1].old_path;
                        e[i].status = 'M';
                        free(e[i + 1].id);
                        e[k++] = e[i++];
                        continue;
                }
                e[k++] = e[i];
        }
        qsort(e, k, sizeof(*e), cmp_path);
        return k;
}

/* The changed files of interest, as entries (the caller frees the ids and
 * the array). */
static struct entry *entries(const struct run *r,
                             const struct gitsnap_changes *ch, size_t *n)
{
        struct entry *e = xcalloc(ch->n + 1, sizeof(*e));
        size_t i, k = 0;

        for (i = 0; i < ch->n; i++) {
                const struct gitsnap_change *c = &ch->items[i];
                char *id = path_id(c->path);

                if (!wanted(r, id)) {
                        free(id);
                        continue;
                }
                e[k].id = id;
                e[k].status = c->status;
                e[k].old_path = c->status != 'A' ? c->path : NULL;
                e[k].new_path = c->status != 'D' ? c->path : NULL;
                k++;
        }
        *n = pair_moves(e, k);
        return e;
}

/* ---- reading both versions ----------------------------------------------- */

/* Load path of s into l (errors of the data in errs).  Returns 1 when
 * loaded (valid or not), 0 when absent, -1 when unreadable (in r->dl). */
static int load_side(struct run *r, const struct gitsnap *s, const char *path,
                     const char *id, struct loaded *l, struct diag_list *errs)
{
        struct strbuf buf = STRBUF_INIT;
        char *display;
        int rc;

        if (!path)
                return 0;
        rc = gitsnap_read(r->repo, s, path, YAMLDOC_MAX_SIZE, &buf, &r->dl);
        if (rc != 0) {
                strbuf_release(&buf);
                return rc < 0 ? -1 : 0;
        }
        display = gitsnap_display(s, path);
        load_bytes(l, id ? LOAD_OFFICE : LOAD_ROADMAP, display, buf.buf,
                   buf.len, id, errs);
        free(display);
        strbuf_release(&buf);
        return 1;
}

/* "kcc  Khulna City Corporation  (lgd)", from the newer version that
 * reads, else the older; escaped. */
static char *heading(const struct entry *e, const struct loaded *l[2],
                     const bool ok[2])
{
        const struct office *o = ok[1]   ? &l[1]->m.office
                                 : ok[0] ? &l[0]->m.office
                                         : NULL;
        struct strbuf sb = STRBUF_INIT;

        if (!e->id) {
                strbuf_addstr(&sb, REPO_MARKER);
                return strbuf_detach(&sb, NULL);
        }
        strbuf_add_escaped(&sb, e->id, strlen(e->id));
        if (o && o->name) {
                strbuf_addstr(&sb, "  ");
                strbuf_add_escaped(&sb, o->name, strlen(o->name));
        }
        if (o && o->ministry)
                strbuf_addf(&sb, "  (%s)", o->ministry);
        return strbuf_detach(&sb, NULL);
}

static void add_group(struct run *r, char *heading, size_t first)
{
        struct group *g;

        if (r->changes.n == first) {
                free(heading);
                return;
        }
        r->groups =
            xgrow(r->groups, &r->capgroups, r->ngroups + 1, sizeof(*r->groups));
        g = &r->groups[r->ngroups++];
        g->heading = heading;
        g->first = first;
        g->n = r->changes.n - first;
}

/* The semantic changes of one file, appended to r->changes. */
static int diff_entry(struct run *r, const struct entry *e)
{
        struct diag_list errs[2] = {DIAG_LIST_INIT, DIAG_LIST_INIT};
        struct loaded la, lb;
        const struct loaded *l[2] = {&la, &lb};
        size_t first = r->changes.n;
        int ha, hb = -1, rc = -1;
        bool ok[2];

        loaded_init(&la);
        loaded_init(&lb);
        ha = load_side(r, &r->from, e->old_path, e->id, &la, &errs[0]);
        if (ha >= 0)
                hb = load_side(r, &r->to, e->new_path, e->id, &lb, &errs[1]);
        if (ha < 0 || hb < 0)
                goto out;
        ok[0] = ha && la.parsed && !diag_count(&errs[0], DIAG_ERROR);
        ok[1] = hb && lb.parsed && !diag_count(&errs[1], DIAG_ERROR);
        diag_list_move(&errs[0], &errs[1]);
        if (e->id)
                officediff_offices(ha ? &la : NULL, hb ? &lb : NULL, &errs[0],
                                   &r->changes);
        else
                officediff_roadmaps(ha ? &la : NULL, hb ? &lb : NULL, &errs[0],
                                    &r->changes);
        add_group(r, heading(e, l, ok), first);
        rc = 0;
out:
        loaded_release(&la);
        loaded_release(&lb);
        diag_list_release(&errs[0]);
        diag_list_release(&errs[1]);
        return rc;
}

int diff_compute(struct run *r)
{
        struct gitsnap_changes ch = GITSNAP_CHANGES_INIT;
        struct entry *e = NULL;
        size_t i, n = 0;
        int rc = gitsnap_changes(r->repo, &r->from, &r->to, &ch, &r->dl);

        if (rc == 0) {
                e = entries(r, &ch, &n);
                for (i = 0; i < n && rc == 0; i++)
                        rc = diff_entry(r, &e[i]);
        }
        for (i = 0; i < n; i++)
                free(e[i].id);
        free(e);
        gitsnap_changes_release(&ch);
        return rc;
}
