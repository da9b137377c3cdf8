/*
 * roadmap diff: the two versions, the operands, and the semantic changes
 * of the files that differ between them.  See cmd-diff.c.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "diff-internal.h"
#include "roadmap/cmdutil.h"
#include "roadmap/load.h"
#include "roadmap/model.h"
#include "roadmap/repo.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

#define GIT(fn) (gitlib()->fn)

int diff_exit_of(int gitrepo_rc)
{
        if (gitrepo_rc == 0)
                return 0;
        return gitrepo_rc == GITREPO_NOT_FOUND ? EXIT_USAGE : EXIT_INVALID;
}

/* ---- revisions ----------------------------------------------------------- */

/* The two sides of the range spec whose first ".." is at dots (an empty
 * side is HEAD), the caller's to free; whether it is A...B. */
static bool range_sides(const char *spec, char **left, char **right)
{
        const char *dots = strstr(spec, "..");
        bool three = dots[2] == '.';
        const char *end = dots + (three ? 3 : 2);

        *left = dots > spec ? xstrndup(spec, (size_t)(dots - spec))
                            : xstrdup("HEAD");
        *right = xstrdup(*end ? end : "HEAD");
        return three;
}

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
                diag_error(&r->dl, r->revs[0], 0, 0,
                           "no merge base of '%s' and '%s'", left, right);
                return GITREPO_NOT_FOUND;
        }
        return gitsnap_at_commit(r->repo, &base, out, &r->dl);
}

/* A..B or A...B into r->from and r->to. */
static int open_range(struct run *r)
{
        char *left, *right;
        bool three = range_sides(r->revs[0], &left, &right);
        int rc = three ? merge_base(r, left, right, &r->from)
                       : gitsnap_at(r->repo, left, &r->from, &r->dl);

        if (rc == 0)
                rc = gitsnap_at(r->repo, right, &r->to, &r->dl);
        free(left);
        free(right);
        return rc;
}

/* A bare repository has neither index nor work tree. */
static int bare_error(struct run *r)
{
        struct diag *d = diag_error(&r->dl, NULL, 0, 0,
                                    "a bare repository has no index or work "
                                    "tree to compare");

        diag_hint(d, "name two revisions: roadmap diff A B");
        return EXIT_USAGE;
}

/* The version compared with the index or the work tree: HEAD or the
 * revision; before the first commit, --cached compares the index with an
 * empty tree (as git does). */
static int open_from(struct run *r)
{
        git_repository *git = gitrepo_git(r->repo);

        if (!r->nrevs && r->a.cached &&
            GIT(git_repository_head_unborn)(git) == 1) {
                r->from_empty = true;
                r->from.name = xstrdup("the empty tree");
                return 0;
        }
        if (r->nrevs || r->a.cached)
                return gitsnap_at(r->repo, r->nrevs ? r->revs[0] : "HEAD",
                                  &r->from, &r->dl);
        return gitsnap_index(r->repo, &r->from, &r->dl);
}

/* The index or work tree compared must hold a roadmap: that on disk, or
 * the one at the root that git config roadmap.root names. */
static int need_roadmap(struct run *r)
{
        struct diag_list quiet = DIAG_LIST_INIT;
        struct strbuf b = STRBUF_INIT;
        int rc = r->root ? 0
                         : gitsnap_read(r->repo, &r->to, REPO_MARKER,
                                        YAMLDOC_MAX_SIZE, &b, &quiet);

        strbuf_release(&b);
        diag_list_release(&quiet);
        if (rc != 1)
                return 0;
        diag_list_move(&r->dl, &r->no_root);
        return EXIT_INVALID;
}

int diff_open_snaps(struct run *r)
{
        int rc;

        if (r->range)
                return diff_exit_of(open_range(r));
        if (r->nrevs == 2) {
                rc = gitsnap_at(r->repo, r->revs[0], &r->from, &r->dl);
                if (rc == 0)
                        rc = gitsnap_at(r->repo, r->revs[1], &r->to, &r->dl);
                return diff_exit_of(rc);
        }
        if (!gitrepo_workdir(r->repo))
                return bare_error(r);
        if ((rc = open_from(r)) != 0)
                return diff_exit_of(rc);
        rc = r->a.cached ? gitsnap_index(r->repo, &r->to, &r->dl)
                         : gitsnap_worktree(r->repo, &r->to, &r->dl);
        return rc ? diff_exit_of(rc) : need_roadmap(r);
}

/* ---- operands ------------------------------------------------------------ */

static void add_office(struct run *r, char *id)
{
        r->offices = xgrow(r->offices, &r->capoffices, r->noffices + 1,
                           sizeof(*r->offices));
        r->offices[r->noffices++] = id;
}

/* The office arg names (an id or an office file, cmd_office_arg()), added
 * to r->offices; whether it exists is checked against the versions. */
static int office_operand(struct run *r, const char *arg)
{
        char *id = NULL, *rel = NULL;

        if (cmd_office_arg(r->root, arg, &id, &rel, &r->dl) != 0)
                return EXIT_INVALID;
        free(rel);
        if (!model_valid_id(id, strlen(id))) {
                diag_error(&r->dl, NULL, 0, 0, "'%s' names no office", arg);
                free(id);
                return EXIT_INVALID;
        }
        add_office(r, id);
        return 0;
}

static bool looks_like_file(const char *w)
{
        size_t n = strlen(w);

        return strchr(w, '/') || (n > 5 && strcmp(w + n - 5, ".yaml") == 0);
}

/* Whether w names an existing office file, relative to here. */
static bool names_file(const char *w)
{
        struct stat st;

        return looks_like_file(w) && stat(w, &st) == 0 && S_ISREG(st.st_mode);
}

/* Whether w is A..B or A...B of two revisions. */
static bool is_range(struct run *r, const char *w)
{
        struct diag_list quiet = DIAG_LIST_INIT;
        char *left, *right;
        git_oid id;
        bool yes;

        if (!strstr(w, ".."))
                return false;
        range_sides(w, &left, &right);
        yes = gitrepo_resolve(r->repo, left, &id, &quiet) == 0 &&
              gitrepo_resolve(r->repo, right, &id, &quiet) == 0;
        diag_list_release(&quiet);
        free(left);
        free(right);
        return yes;
}

static int add_revision(struct run *r, const char *w, bool range)
{
        struct diag *d;

        if (r->nrevs == 2 || r->range || (range && r->nrevs)) {
                d = diag_error(&r->dl, w, 0, 0,
                               r->range || range
                                   ? "a range A..B is the two revisions: "
                                     "give no other"
                                   : "too many revisions: two at most");
                diag_hint(d, "name offices after '--': roadmap diff [REV] "
                             "-- OFFICE");
                return EXIT_USAGE;
        }
        r->revs[r->nrevs++] = w;
        r->range = range;
        return 0;
}

/* Whether the roadmap on disk has an office id. */
static bool in_work_tree(const struct run *r, const char *id)
{
        size_t count = 0;
        char *found;

        if (!r->root || !model_valid_id(id, strlen(id)))
                return false;
        found = repo_quick_find(r->root, id, &count);
        free(found);
        return count > 0;
}

/* A word before "--": an office file that exists; else A..B; else a
 * revision if it names one; else an office of the work tree.  After an
 * office, every word is an office (as git takes paths). */
static int operand(struct run *r, const char *w)
{
        struct diag_list why = DIAG_LIST_INIT;
        git_oid id;
        int rc;

        if (r->noffices || names_file(w))
                return office_operand(r, w);
        if (looks_like_file(w) && !is_range(r, w))
                return office_operand(r, w);
        if (strstr(w, ".."))
                return add_revision(r, w, true);
        rc = gitrepo_resolve(r->repo, w, &id, &why);
        if (rc == GITREPO_NOT_FOUND && in_work_tree(r, w)) {
                diag_list_release(&why);
                return office_operand(r, w);
        }
        if (rc == GITREPO_NOT_FOUND && why.n && model_valid_id(w, strlen(w)))
                diag_hint(&why.items[why.n - 1],
                          "if '%s' is an office, name it after '--': "
                          "roadmap diff [REV] -- OFFICE",
                          w);
        diag_list_move(&r->dl, &why);
        diag_list_release(&why);
        return rc == 0 ? add_revision(r, w, false) : diff_exit_of(rc);
}

int diff_operands(struct run *r, int n, char **argv, int nbefore)
{
        int i, rc;

        for (i = 1; i <= n; i++) {
                rc = i <= nbefore ? operand(r, argv[i])
                                  : office_operand(r, argv[i]);
                if (rc != 0)
                        return rc;
        }
        if ((r->nrevs == 2 || r->range) && r->a.cached) {
                diag_error(&r->dl, NULL, 0, 0,
                           "--cached compares a revision with the index: "
                           "give one revision at most");
                return EXIT_USAGE;
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
 * loaded (valid or not, or unreadable data: then l is not parsed and its
 * error in errs), 0 when absent, -1 when the repository cannot be read
 * (in r->dl). */
static int load_side(struct run *r, const struct gitsnap *s, const char *path,
                     const char *id, struct loaded *l, struct diag_list *errs)
{
        struct diag_list why = DIAG_LIST_INIT;
        struct strbuf buf = STRBUF_INIT;
        char *display;
        int rc;

        if (!path)
                return 0;
        rc = gitsnap_read(r->repo, s, path, YAMLDOC_MAX_SIZE, &buf, &why);
        display = gitsnap_display(s, path);
        if (rc == 0) {
                load_bytes(l, id ? LOAD_OFFICE : LOAD_ROADMAP, display, buf.buf,
                           buf.len, id, errs);
                rc = 1;
        } else if (rc == 1) {
                rc = 0; /* absent */
        } else if (rc == GITREPO_REFUSED) {
                /* what roadmap does not read: that file's data */
                l->path = xstrdup(display); /* not parsed: unreadable */
                diag_list_move(errs, &why);
                rc = 1;
        } else {
                diag_list_move(&r->dl, &why); /* the repository is damaged */
        }
        diag_list_release(&why);
        free(display);
        strbuf_release(&buf);
        return rc;
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

/* The group of the changes from first on, under heading; every change of
 * an office names it, though no version of it could be read. */
static void add_group(struct run *r, const struct entry *e, char *heading,
                      size_t first)
{
        struct group *g;
        size_t i;

        if (r->changes.n == first) {
                free(heading);
                return;
        }
        for (i = first; e->id && i < r->changes.n; i++)
                if (!r->changes.items[i].office)
                        r->changes.items[i].office = xstrdup(e->id);
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
        int ha, hb = -1, rc = EXIT_INVALID;
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
        add_group(r, e, heading(e, l, ok), first);
        rc = 0;
out:
        loaded_release(&la);
        loaded_release(&lb);
        diag_list_release(&errs[0]);
        diag_list_release(&errs[1]);
        return rc;
}

/* ---- the offices named --------------------------------------------------- */

/* The offices of s (none for the empty tree); what cannot be listed is
 * left out. */
static void list_quietly(struct run *r, const struct gitsnap *s,
                         struct office_list *l)
{
        struct diag_list quiet = DIAG_LIST_INIT;

        if (s != &r->from || !r->from_empty)
                gitsnap_list_offices(r->repo, s, l, &quiet);
        diag_list_release(&quiet);
}

/* Each office named that changed in no entry must be in either version:
 * "no office 'x' in A or B", with the nearest id of B as a hint. */
static int check_offices(struct run *r, const struct entry *e, size_t n)
{
        struct office_list la = OFFICE_LIST_INIT, lb = OFFICE_LIST_INIT;
        bool listed = false;
        size_t i, k;
        int rc = 0;

        for (i = 0; i < r->noffices; i++) {
                for (k = 0;
                     k < n && !(e[k].id && !strcmp(e[k].id, r->offices[i]));
                     k++)
                        ;
                if (k < n)
                        continue;
                if (!listed) {
                        list_quietly(r, &r->from, &la);
                        list_quietly(r, &r->to, &lb);
                        listed = true;
                }
                if (repo_office_find(&la, r->offices[i]) ||
                    repo_office_find(&lb, r->offices[i]))
                        continue;
                cmd_hint_near_office(
                    diag_error(&r->dl, NULL, 0, 0, "no office '%s' in %s or %s",
                               r->offices[i], r->from.name, r->to.name),
                    &lb, r->offices[i]);
                rc = EXIT_INVALID;
        }
        repo_office_list_release(&la);
        repo_office_list_release(&lb);
        return rc;
}

/* ---- the files that differ ----------------------------------------------- */

static void push_added(struct gitsnap_changes *ch, const char *path)
{
        ch->items = xgrow(ch->items, &ch->cap, ch->n + 1, sizeof(*ch->items));
        ch->items[ch->n].path = xstrdup(path);
        ch->items[ch->n].status = 'A';
        ch->n++;
}

/* Before the first commit: every file of r->to (the index) is added. */
static int all_added(struct run *r, struct gitsnap_changes *ch)
{
        struct office_list l = OFFICE_LIST_INIT;
        struct diag_list quiet = DIAG_LIST_INIT;
        struct strbuf b = STRBUF_INIT;
        size_t i;
        int rc;

        if (gitsnap_read(r->repo, &r->to, REPO_MARKER, YAMLDOC_MAX_SIZE, &b,
                         &quiet) != 1)
                push_added(ch, REPO_MARKER);
        rc = gitsnap_list_offices(r->repo, &r->to, &l, &r->dl);
        for (i = 0; i < l.n; i++)
                push_added(ch, l.items[i].path);
        repo_office_list_release(&l);
        diag_list_release(&quiet);
        strbuf_release(&b);
        return rc;
}

int diff_compute(struct run *r)
{
        struct gitsnap_changes ch = GITSNAP_CHANGES_INIT;
        struct entry *e = NULL;
        size_t i, n = 0;
        int rc = r->from_empty
                     ? all_added(r, &ch)
                     : gitsnap_changes(r->repo, &r->from, &r->to, &ch, &r->dl);

        rc = diff_exit_of(rc);
        if (rc == 0) {
                e = entries(r, &ch, &n);
                rc = check_offices(r, e, n);
                for (i = 0; i < n && rc == 0; i++)
                        rc = diff_entry(r, &e[i]);
        }
        for (i = 0; i < n; i++)
                free(e[i].id);
        free(e);
        gitsnap_changes_release(&ch);
        return rc;
}
