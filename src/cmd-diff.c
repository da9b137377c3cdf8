/*
 * roadmap diff [REV [REV]] [--cached] [--] [OFFICE...]: what changed
 * between two versions of the roadmap, as the domain sees it
 * (roadmap-diff(1)).
 *
 * The versions are named as git names them: none compares the index with
 * the work tree, --cached HEAD (or REV) with the index, one REV that
 * revision with the work tree, two revisions or A..B the two, A...B their
 * merge base with B.  Only the files that differ by object id are read
 * (gitsnap_changes()), so the cost follows the change.  An office that
 * moved to another ministry's directory (deleted at one path, added with
 * the same id at another) is one office whose ministry changed.
 *
 * Everything is computed before anything is written: an error prints its
 * message and nothing else.  Read-only: no lock.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roadmap/bangla.h"
#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/gitrepo.h"
#include "roadmap/load.h"
#include "roadmap/officediff.h"
#include "roadmap/repo.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

#define GIT(fn) (gitlib()->fn)

enum colour_when { COLOUR_AUTO, COLOUR_NEVER, COLOUR_ALWAYS };

struct args {
        bool cached, stat, exit_code, json;
        enum colour_when colour;
        struct change_style style;
};

static const char *const format_names[] = {"text", "json"};
static const char *const colour_names[] = {"auto", "never", "always"};
static const char *const calendar_names[] = {"gregorian", "bangla"};
static const char *const digits_names[] = {"latin", "bengali"};

#define NAMES(a) (sizeof(a) / sizeof(*(a)))

/* The index of value in names, or a usage error (-1). */
static int choice(const char *opt, const char *v, const char *const *names,
                  size_t n)
{
        size_t i;

        for (i = 0; i < n; i++)
                if (strcmp(v, names[i]) == 0)
                        return (int)i;
        opt_choice_error(&cmd_diff_syntax, opt, v, names, n);
        return -1;
}

static int opt_format(const struct cmd_syntax *syn, const struct opt *o,
                      const char *v, void *base)
{
        int k = choice("--format", v, format_names, NAMES(format_names));

        ((struct args *)base)->json = k == 1;
        return k < 0 ? EXIT_USAGE : 0;
}

static int opt_colour(const struct cmd_syntax *syn, const struct opt *o,
                      const char *v, void *base)
{
        int k = choice("--color", v, colour_names, NAMES(colour_names));

        ((struct args *)base)->colour = (enum colour_when)(k < 0 ? 0 : k);
        return k < 0 ? EXIT_USAGE : 0;
}

static int opt_calendar(const struct cmd_syntax *syn, const struct opt *o,
                        const char *v, void *base)
{
        int k = choice("--calendar", v, calendar_names, NAMES(calendar_names));

        ((struct args *)base)->style.calendar =
            k == 1 ? OUT_BANGLA : OUT_GREGORIAN;
        return k < 0 ? EXIT_USAGE : 0;
}

static int opt_digits(const struct cmd_syntax *syn, const struct opt *o,
                      const char *v, void *base)
{
        int k = choice("--digits", v, digits_names, NAMES(digits_names));

        ((struct args *)base)->style.bengali_digits = k == 1;
        return k < 0 ? EXIT_USAGE : 0;
}

#define OFF(f) offsetof(struct args, f)

static const struct opt options[] = {
    {"cached", 0, OPT_FLAG, OFF(cached), NULL,
     "compare HEAD (or REV) with the index", NULL, NULL, OPT_OPTIONAL},
    {"stat", 0, OPT_FLAG, OFF(stat), NULL,
     "one line per office with its counts, and a total", NULL, NULL,
     OPT_OPTIONAL},
    {"format", 0, OPT_CALLBACK, 0, "F",
     "text (default) or json: an array, one object per\nchange", opt_format,
     "text|json", OPT_OPTIONAL},
    {"exit-code", 0, OPT_FLAG, OFF(exit_code), NULL,
     "exit 1 when there are changes, 0 when none", NULL, NULL, OPT_OPTIONAL},
    {"color", 0, OPT_CALLBACK, 0, "WHEN",
     "colour: auto (at a terminal, unless NO_COLOR is\nset), always or never",
     opt_colour, "auto|never|always", OPT_OPTIONAL},
    {"calendar", 0, OPT_CALLBACK, 0, "C", "dates as gregorian (ISO) or bangla",
     opt_calendar, "gregorian|bangla", OPT_OPTIONAL},
    {"digits", 0, OPT_CALLBACK, 0, "D", "numbers and dates in latin or bengali",
     opt_digits, "latin|bengali", OPT_OPTIONAL},
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_diff_syntax = {
    .name = "diff",
    .operands = "[REV [REV]] [--] [OFFICE...]",
    .opts = options,
    .usage = "roadmap diff [--cached] [--stat] [--format text|json] "
             "[--exit-code]\n"
             "             [--color auto|never|always] "
             "[--calendar gregorian|bangla]\n"
             "             [--digits latin|bengali] [REV [REV]] [--] "
             "[OFFICE...]",
    .description =
        "Show what changed between two versions of the roadmap as the domain\n"
        "sees it, per office: services added, removed or renamed, changed\n"
        "fields old -> new, status moves, corrected history, approvals given,\n"
        "renewed or made stale, workshops, comments.  Without REV, the index\n"
        "against the work tree; --cached, HEAD (or REV) against the index;\n"
        "one REV against the work tree; two (or A..B) against each other;\n"
        "A...B, the merge base of A and B against B.  OFFICE... (ids or\n"
        "office files) limits the diff to those offices.\n",
    .help_col = 20,
};

/* ---- the run ------------------------------------------------------------- */

struct entry {
        char *id;                        /* the office id; NULL: roadmap.yaml */
        const char *old_path, *new_path; /* borrowed; NULL: absent */
        char status;
};

struct group {
        char *heading;   /* "kcc  Khulna City Corporation  (lgd)", escaped */
        size_t first, n; /* its changes */
};

struct run {
        struct args a;
        char *root; /* the roadmap on disk, or NULL (a bare repository) */
        struct gitrepo *repo;
        struct gitsnap from, to;
        const char *revs[2];
        size_t nrevs;
        char **offices; /* the office ids asked for */
        size_t noffices, capoffices;
        struct diag_list dl;
        struct changes changes;
        struct group *groups;
        size_t ngroups, capgroups;
};

static void run_release(struct run *r)
{
        size_t i;

        for (i = 0; i < r->noffices; i++)
                free(r->offices[i]);
        free(r->offices);
        for (i = 0; i < r->ngroups; i++)
                free(r->groups[i].heading);
        free(r->groups);
        changes_release(&r->changes);
        gitsnap_release(&r->from);
        gitsnap_release(&r->to);
        gitrepo_free(r->repo);
        diag_list_release(&r->dl);
        free(r->root);
}

/* Print the diagnostics; EXIT_USAGE for something the user named that does
 * not exist (GITREPO_NOT_FOUND), else EXIT_INVALID. */
static int failed(struct run *r, int rc)
{
        cli_print_diags(&r->dl);
        return rc == GITREPO_NOT_FOUND ? EXIT_USAGE : EXIT_INVALID;
}

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

/* r->from and r->to as the revisions and --cached say. */
static int open_snaps(struct run *r)
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

/* The office id of arg: an id or an office file.  0, or -1 with why in
 * r->dl. */
static int office_id(struct run *r, const char *arg, char **id)
{
        char *rel = NULL;
        const char *base;

        if (r->root) {
                int rc = cmd_office_arg(r->root, arg, id, &rel, &r->dl);
                free(rel);
                return rc;
        }
        base = strrchr(arg, '/') ? strrchr(arg, '/') + 1 : arg;
        *id = xstrndup(base, strcspn(base, "."));
        return 0;
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

/* The operands: argv[1..nbefore] came before "--", the rest after it. */
static int operands(struct run *r, int n, char **argv, int nbefore)
{
        char *id;
        int i, rc;

        for (i = 1; i <= n; i++) {
                if (i <= nbefore) {
                        if ((rc = operand(r, argv[i])) != 0)
                                return rc;
                } else if (office_id(r, argv[i], &id) == 0) {
                        add_office(r, id);
                } else {
                        return -1;
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

/* Every changed file's semantic changes, into r->changes and r->groups. */
static int compute(struct run *r)
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

/* ---- output -------------------------------------------------------------- */

#define SGR_BOLD "\033[1m"
#define SGR_RESET "\033[0m"

static bool use_colour(enum colour_when when)
{
        const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

        if (when != COLOUR_AUTO)
                return when == COLOUR_ALWAYS;
        if ((no && *no) || (term && strcmp(term, "dumb") == 0))
                return false;
        return isatty(STDOUT_FILENO) != 0;
}

static void print_text(const struct run *r, struct strbuf *out)
{
        size_t i, k;

        for (i = 0; i < r->ngroups; i++) {
                const struct group *g = &r->groups[i];

                if (i)
                        strbuf_addch(out, '\n');
                strbuf_addf(out, "%s%s%s\n", r->a.style.colour ? SGR_BOLD : "",
                            g->heading, r->a.style.colour ? SGR_RESET : "");
                for (k = 0; k < g->n; k++)
                        change_format_text(&r->changes.items[g->first + k],
                                           &r->a.style, out);
        }
}

static void print_json(const struct run *r, struct strbuf *out)
{
        size_t i;

        strbuf_addch(out, '[');
        for (i = 0; i < r->changes.n; i++) {
                strbuf_addstr(out, i ? ",\n  " : "\n  ");
                change_format_json(&r->changes.items[i], out);
        }
        strbuf_addstr(out, r->changes.n ? "\n]\n" : "]\n");
}

/* What a --stat line counts a change as. */
enum tally { TALLY_ADDED, TALLY_REMOVED, TALLY_CHANGED, TALLY_N };

static enum tally tally_of(enum change_kind k)
{
        switch (k) {
        case CHANGE_MINISTRY_ADDED:
        case CHANGE_OFFICE_ADDED:
        case CHANGE_SERVICE_ADDED:
        case CHANGE_PLAN_ADDED:
        case CHANGE_APPROVAL_GIVEN:
        case CHANGE_WORKSHOP_ADDED:
                return TALLY_ADDED;
        case CHANGE_MINISTRY_REMOVED:
        case CHANGE_OFFICE_REMOVED:
        case CHANGE_SERVICE_REMOVED:
        case CHANGE_PLAN_REMOVED:
        case CHANGE_HISTORY_REMOVED:
        case CHANGE_APPROVAL_REMOVED:
        case CHANGE_WORKSHOP_REMOVED:
                return TALLY_REMOVED;
        default:
                return TALLY_CHANGED;
        }
}

/* A number as --digits asks. */
static void add_number(const struct run *r, struct strbuf *out, size_t n)
{
        char buf[24];
        int len = snprintf(buf, sizeof(buf), "%zu", n);

        if (r->a.style.bengali_digits)
                bangla_digits(buf, (size_t)len, out);
        else
                strbuf_add(out, buf, (size_t)len);
}

/* "6 changes: 1 added, 1 removed, 4 changed[, approval stale]". */
static void add_counts(const struct run *r, struct strbuf *out,
                       const size_t t[TALLY_N], bool stale)
{
        static const char *const word[TALLY_N] = {"added", "removed",
                                                  "changed"};
        size_t n = t[0] + t[1] + t[2];
        int k, parts = 0;

        add_number(r, out, n);
        strbuf_addstr(out, n == 1 ? " change:" : " changes:");
        for (k = 0; k < TALLY_N; k++) {
                if (!t[k])
                        continue;
                strbuf_addstr(out, parts++ ? ", " : " ");
                add_number(r, out, t[k]);
                strbuf_addf(out, " %s", word[k]);
        }
        if (stale)
                strbuf_addstr(out, ", approval stale");
}

/* The heading's first word: the office id or roadmap.yaml. */
static size_t name_len(const struct group *g)
{
        return strcspn(g->heading, " ");
}

static void print_stat(const struct run *r, struct strbuf *out)
{
        size_t total[TALLY_N] = {0}, i, k, w = 0;
        bool stale_any = false;

        for (i = 0; i < r->ngroups; i++)
                if (name_len(&r->groups[i]) > w)
                        w = name_len(&r->groups[i]);
        for (i = 0; i < r->ngroups; i++) {
                const struct group *g = &r->groups[i];
                size_t t[TALLY_N] = {0};
                bool stale = false;

                for (k = 0; k < g->n; k++) {
                        const struct change *c =
                            &r->changes.items[g->first + k];
                        t[tally_of(c->kind)]++;
                        stale |= c->kind == CHANGE_APPROVAL_STALE;
                }
                for (k = 0; k < TALLY_N; k++)
                        total[k] += t[k];
                stale_any |= stale;
                strbuf_addf(out, " %-*.*s  ", (int)w, (int)name_len(g),
                            g->heading);
                add_counts(r, out, t, stale);
                strbuf_addch(out, '\n');
        }
        if (!r->ngroups)
                return;
        strbuf_addch(out, ' ');
        add_number(r, out, r->ngroups);
        strbuf_addstr(out, r->ngroups == 1 ? " file, " : " files, ");
        add_counts(r, out, total, false);
        strbuf_addch(out, '\n');
}

/* ---- the command --------------------------------------------------------- */

/* The repository: the roadmap on disk and the git repository holding it
 * (or a bare repository, for revisions only). */
static int open_repo(struct run *r)
{
        struct diag_list none = DIAG_LIST_INIT;
        int rc;

        r->root = repo_find_root(".", &none);
        rc =
            gitrepo_open(r->root ? r->root : ".", r->root, 0, &r->repo, &r->dl);
        if (rc == 0 && !r->root && gitrepo_workdir(r->repo))
                rc = -1; /* a work tree without a roadmap */
        if (rc != 0 && !r->root) {
                diag_list_release(&r->dl);
                diag_list_move(&r->dl, &none);
                rc = -1;
        }
        diag_list_release(&none);
        return rc;
}

/* The words before "--" and the number of them (argc when none). */
static int before_dashes(int argc, char **argv)
{
        int i;

        for (i = 1; i < argc; i++)
                if (strcmp(argv[i], "--") == 0)
                        return i;
        return argc;
}

/* Parse argv; returns the number of operands and sets *nbefore to how
 * many came before "--", or a negative opt_parse() result. */
static int parse(struct run *r, int argc, char **argv, int *nbefore)
{
        int dashes = before_dashes(argc, argv), n, k;

        n = opt_parse(&cmd_diff_syntax, dashes, argv, &r->a);
        if (n < 0)
                return n;
        *nbefore = n;
        for (k = dashes + 1; k < argc; k++)
                argv[++n] = argv[k];
        if (r->a.stat && r->a.json) {
                opt_usage_error(&cmd_diff_syntax,
                                "--stat and --format json cannot be used "
                                "together");
                return -1;
        }
        return n;
}

static int diff(struct run *r, int n, char **argv, int nbefore)
{
        struct strbuf out = STRBUF_INIT;
        int rc;

        if ((rc = open_repo(r)) != 0 ||
            (rc = operands(r, n, argv, nbefore)) != 0 ||
            (rc = open_snaps(r)) != 0 || (rc = compute(r)) != 0)
                return failed(r, rc);
        r->a.style.colour = use_colour(r->a.colour);
        if (r->a.json)
                print_json(r, &out);
        else if (r->a.stat)
                print_stat(r, &out);
        else
                print_text(r, &out);
        fwrite(out.buf, 1, out.len, stdout);
        strbuf_release(&out);
        return r->a.exit_code && r->changes.n ? EXIT_INVALID : EXIT_OK;
}

int cmd_diff(int argc, char **argv)
{
        struct run r;
        int nbefore = 0, n, rc;

        memset(&r, 0, sizeof(r));
        diag_list_init(&r.dl);
        r.from = (struct gitsnap)GITSNAP_INIT;
        r.to = (struct gitsnap)GITSNAP_INIT;
        n = parse(&r, argc, argv, &nbefore);
        rc = n < 0 ? opt_parse_exit(n) : diff(&r, n, argv, nbefore);
        run_release(&r);
        return rc;
}
