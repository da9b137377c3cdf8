/*
 * roadmap check [--rev REV | --cached] [OFFICE...]: validate the
 * repository (its work tree, any revision read from git, or the index) or
 * the named offices.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check-internal.h"
#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/conflictfile.h"
#include "roadmap/githist.h"
#include "roadmap/scan.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

struct opts {
        bool quiet;
        unsigned jobs;   /* 0: not given */
        const char *rev; /* NULL: the work tree */
        bool cached;     /* the index, not the work tree */
        bool pre_receive;
};

#define OFF(f) offsetof(struct opts, f)

static const struct opt options[] = {
    {"quiet", 'q', OPT_FLAG, OFF(quiet), NULL,
     "do not print the count when there are no findings", NULL, NULL,
     OPT_OPTIONAL},
    {"jobs", 0, OPT_JOBS, OFF(jobs), "N",
     "read with N threads (default: $ROADMAP_JOBS or the\n"
     "number of CPUs); the output never depends on N",
     NULL, NULL, OPT_OPTIONAL},
    {"rev", 0, OPT_STRING, OFF(rev), "REV",
     "check the roadmap at revision REV, read from git\n"
     "(a bare repository too), not the work tree",
     NULL, NULL, OPT_OPTIONAL},
    {"cached", 0, OPT_FLAG, OFF(cached), NULL,
     "check what is staged in git's index, not the work\n"
     "tree: the pre-commit hook of git-setup",
     NULL, NULL, OPT_OPTIONAL},
    {"pre-receive", 0, OPT_FLAG, OFF(pre_receive), NULL,
     "check the new tree of each ref that git's pre-receive\n"
     "input on stdin updates: the hook of a central\n"
     "repository (git-setup --server)",
     NULL, NULL, OPT_OPTIONAL},
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_check_syntax = {
    .name = "check",
    .operands = "[OFFICE...]",
    .opts = options,
    .usage = "roadmap check [-q] [--jobs N] [--rev REV | --cached] "
             "[OFFICE...]\n"
             "roadmap check --pre-receive [-q] [--jobs N]",
    .description =
        "Validate roadmap.yaml and every office file (or the named "
        "offices),\n"
        "in the work tree, at any revision of git (--rev) or as staged in\n"
        "git's index (--cached).\n"
        "Every finding is printed as 'file:line:col: error: message' or\n"
        "'warning:', sorted by file and line, then a count.  Exit 1 on any\n"
        "error, 0 with warnings only.\n",
    .help_col = 17,
    .flags = PARSE_OPERANDS_LAST,
};

/* What reads one office at a time: its model and the buffers of its
 * path, display name and bytes, reused from office to office; the git
 * history of the work tree (the work tree's or the index's offices),
 * opened when a stale approval asks for it; and the repository of a
 * snapshot, reopened (one per thread: libgit2's repository is not shared
 * between threads). */
struct reader {
        struct loaded l;
        struct strbuf path, display, bytes;
        struct githist *git;
        struct gitrepo *repo; /* a snapshot's, this thread's own */
        bool own_repo;
};

static void reader_init(struct reader *r, const struct check *c, bool reopen)
{
        struct diag_list ignored = DIAG_LIST_INIT;

        memset(r, 0, sizeof(*r));
        loaded_init(&r->l);
        strbuf_init(&r->path);
        strbuf_init(&r->display);
        strbuf_init(&r->bytes);
        if (c->root)
                r->git = githist_new(c->root);
        if (!c->snap)
                ;
        else if (!reopen)
                r->repo = c->git;
        else if (gitrepo_reopen(c->git, &r->repo, &ignored) == 0)
                r->own_repo = true;
        diag_list_release(&ignored);
}

static void reader_release(struct reader *r)
{
        loaded_release(&r->l);
        strbuf_release(&r->path);
        strbuf_release(&r->display);
        strbuf_release(&r->bytes);
        githist_free(r->git);
        if (r->own_repo)
                gitrepo_free(r->repo);
}

const struct office_file **check_office_array(const struct office_list *l)
{
        const struct office_file **files =
            xcalloc(l->n ? l->n : 1, sizeof(*files));
        size_t i;

        for (i = 0; i < l->n; i++)
                files[i] = &l->items[i];
        return files;
}

/* The warning that the approval of o is stale among dl's items from
 * first on (the model's, at the approval's digest), or NULL. */
static struct diag *stale_warning(const struct office *o, struct diag_list *dl,
                                  size_t first)
{
        const struct ynode *at = ynode_get(o->approval.node, "digest", NULL);
        size_t i;

        if (!at || office_approval_state(o) != APPROVAL_STALE)
                return NULL;
        for (i = first; i < dl->n; i++)
                if (dl->items[i].level == DIAG_WARNING &&
                    dl->items[i].line == at->line &&
                    dl->items[i].col == at->col)
                        return &dl->items[i];
        return NULL;
}

/* Put line first among the hint lines of d. */
static void hint_first(struct diag *d, const char *line)
{
        char *rest = d->hint;

        d->hint = NULL;
        diag_hint(d, "%s", line);
        if (rest)
                diag_hint(d, "%s", rest);
        free(rest);
}

/* The stale approval's warning d says which services or plans changed, as
 * far as the git history tells. */
static void explain_stale(struct reader *r, struct diag *d)
{
        char *text = githist_why_stale(r->git, r->path.buf, &r->l.m.office);

        hint_first(d, text);
        free(text);
}

/* Read the office f of the snapshot into r->l, named as r->display (and
 * r->path, its place on disk, where the snapshot is the index of a work
 * tree). */
static void load_from_snapshot(const struct check *c, struct reader *r,
                               const struct office_file *f,
                               struct diag_list *dl)
{
        char *display = gitsnap_display(c->snap, f->path);

        if (c->root) {
                strbuf_reset(&r->path);
                strbuf_addf(&r->path, "%s/%s", c->root, f->path);
        }
        strbuf_reset(&r->display);
        strbuf_addstr(&r->display, display);
        free(display);
        if (!r->repo)
                diag_error(dl, r->display.buf, 0, 0,
                           "cannot open the git repository again: %s",
                           gitrepo_last_error());
        else if (gitsnap_read(r->repo, c->snap, f->path, YAMLDOC_MAX_SIZE,
                              &r->bytes, dl) == 0)
                load_office_bytes(&r->l, r->display.buf, r->bytes.buf,
                                  r->bytes.len, f->id, dl);
}

static void load_from_disk(const struct check *c, struct reader *r,
                           const struct office_file *f, struct diag_list *dl)
{
        strbuf_reset(&r->path);
        strbuf_addstr(&r->path, c->root);
        strbuf_addch(&r->path, '/');
        strbuf_addstr(&r->path, f->path);
        strbuf_reset(&r->display);
        strbuf_addstr(&r->display, c->prefix);
        strbuf_addstr(&r->display, f->path);
        load_office(&r->l, r->path.buf, r->display.buf, f->id, dl);
}

/*
 * A service of priority 3 or more went live while one of priority 1 or 2
 * was open and still is: the Annual Performance Agreement asks for the
 * first ones first.  At the history entry where it went live.
 */
static void warn_priority_first(const struct office *o, struct diag_list *dl)
{
        const struct date now = {0, 0, 0};
        size_t i;

        for (i = 0; i < o->nservices; i++) {
                const struct service *s = &o->services[i];
                const struct service *t = service_passed_over(o, s, now);
                const struct history_entry *h;
                struct diag *d;
                char day[11];

                if (!t)
                        continue;
                h = service_first_status(s, STATUS_LIVE);
                date_format_iso(h->date, day);
                d = diag_warning(dl, o->doc->path, h->node ? h->node->line : 1,
                                 h->node ? h->node->col : 1,
                                 "service '%s' (priority %ld) went live on %s "
                                 "while priority-%ld service '%s' is still "
                                 "open",
                                 s->id, s->plan.priority, day, t->plan.priority,
                                 t->id);
                diag_hint(d,
                          "the annual performance agreement counts priority "
                          "1 and 2 first: bring '%s' live, or change its "
                          "priority with 'roadmap plan %s %s --priority N'",
                          t->id, o->id, t->id);
        }
}

static void check_one(const struct check *c, struct reader *r,
                      const struct office_file *f, struct diag_list *dl)
{
        struct loaded *l = &r->l;
        size_t first = dl->n;
        struct diag *stale;

        if (c->snap)
                load_from_snapshot(c, r, f, dl);
        else
                load_from_disk(c, r, f, dl);
        if (dl->n > first &&
            conflictfile_replace(LOAD_OFFICE, r->display.buf, l->bytes.buf,
                                 l->bytes.len, dl, first) > 0)
                l->parsed = false; /* its conflicts are all there is to say */
        /* The cross-file rules too where the office has other errors, as
         * far as its model could be read: every finding at once. */
        if (l->parsed && c->meta_ok)
                model_check_refs(&l->m.office, &c->meta.m.meta, dl);
        if (l->parsed) {
                model_check_future(&l->m.office, c->tomorrow, dl);
                warn_priority_first(&l->m.office, dl);
        }
        /* Which services changed since the approval: the work tree's
         * history, for the work tree or the index; a revision gets the
         * plain warning. */
        if (l->parsed && r->git &&
            (stale = stale_warning(&l->m.office, dl, first)))
                explain_stale(r, stale);
        loaded_reset(l);
}

/* Every office, read by several threads (scan_run()); each file's
 * findings go to its own list, taken in file order, so the output never
 * depends on the number of threads. */
static void worker_init(void *ctx, void *w)
{
        reader_init(w, ctx, true);
}

static void worker_release(void *ctx, void *w)
{
        (void)ctx;
        reader_release(w);
}

static void found_release(void *ctx, void *found)
{
        (void)ctx;
        diag_list_release(found);
}

static void map_office(void *ctx, void *w, const struct office_file *f,
                       void *found)
{
        diag_list_init(found);
        check_one(ctx, w, f, found);
}

static void consume_office(void *ctx, const struct office_file *f, void *found)
{
        struct check *c = ctx;

        (void)f;
        diag_list_move(&c->dl, found);
        c->checked++;
}

void check_files(struct check *c, const struct office_file **files, size_t n)
{
        struct scan_map map = {
            .files = files,
            .nfiles = n,
            .jobs = c->jobs,
            .worker_size = sizeof(struct reader),
            .result_size = sizeof(struct diag_list),
            .ctx = c,
            .worker_init = worker_init,
            .worker_release = worker_release,
            .result_release = found_release,
            .map = map_office,
            .consume = consume_office,
        };

        scan_run(&map);
}

/* The office that arg names in the listing l of a snapshot: its id, or
 * its path relative to the roadmap root. */
static const struct office_file *snapshot_office(const struct office_list *l,
                                                 const char *arg)
{
        size_t i;

        if (!strchr(arg, '/'))
                return repo_office_find(l, arg);
        for (i = 0; i < l->n; i++)
                if (strcmp(l->items[i].path, arg) == 0)
                        return &l->items[i];
        return NULL;
}

/* Which other version of the roadmap than c's snapshot has the office
 * arg: "HEAD", "the work tree", or NULL for neither. */
static const char *office_elsewhere(const struct check *c, const char *arg)
{
        static const char *const where[] = {"HEAD", "the work tree"};
        struct diag_list ignored = DIAG_LIST_INIT;
        struct office_list l;
        const char *found = NULL;
        size_t i;
        int rc;

        for (i = 0; i < 2 && !found; i++) {
                struct gitsnap s = GITSNAP_INIT;
                rc = i == 0 ? gitsnap_at(c->git, "HEAD", &s, &ignored)
                            : gitsnap_worktree(c->git, &s, &ignored);
                if (rc == 0) {
                        gitsnap_list_offices(c->git, &s, &l, &ignored);
                        if (snapshot_office(&l, arg))
                                found = where[i];
                        repo_office_list_release(&l);
                }
                gitsnap_release(&s);
        }
        diag_list_release(&ignored);
        return found;
}

/* "no office 'x' at REV" (or "in the index"): where another version has
 * it, say so; else, a did-you-mean from the snapshot's own offices. */
static void no_such_office(struct check *c, const char *arg)
{
        const char *other = office_elsewhere(c, arg);
        bool index = c->snap->kind == GITSNAP_INDEX;
        struct diag *d =
            diag_error(&c->dl, NULL, 0, 0, "no office '%s' %s%s", arg,
                       index ? "in the " : "at ", c->snap->name);

        if (other)
                diag_hint(d, "'%s' is an office of %s, not %s%s", arg, other,
                          index ? "of the " : "at ", c->snap->name);
        else
                cmd_hint_near_office(d, &c->offices, arg);
}

static const struct office_file *named_office(struct check *c, const char *arg)
{
        const struct office_file *f;

        if (!c->snap)
                return cmd_office_listed(c->root, &c->offices, arg, &c->dl);
        if (!(f = snapshot_office(&c->offices, arg)))
                no_such_office(c, arg);
        return f;
}

static void check_named(struct check *c, int argc, char **argv)
{
        struct reader r;
        int i;

        reader_init(&r, c, false);
        for (i = 0; i < argc; i++) {
                const struct office_file *f = named_office(c, argv[i]);
                if (!f)
                        continue;
                check_one(c, &r, f, &c->dl);
                c->checked++;
        }
        reader_release(&r);
}

/* Temporary files that killed writers left behind. */
static void warn_leftovers(struct check *c)
{
        size_t i;

        for (i = 0; i < c->offices.nleftovers; i++) {
                char *display =
                    xasprintf("%s%s", c->prefix, c->offices.leftovers[i]);
                struct diag *d =
                    diag_warning(&c->dl, display, 0, 0,
                                 "a temporary file that an interrupted write "
                                 "left behind");
                diag_hint(d, "remove it; the next write to the same file "
                             "does, once it is a minute old");
                free(display);
        }
}

void check_print_summary(const struct check *c, const char *what, bool quiet)
{
        size_t errors = diag_count(&c->dl, DIAG_ERROR);
        size_t warnings = diag_count(&c->dl, DIAG_WARNING);

        if (quiet && !errors && !warnings)
                return;
        fprintf(stderr,
                "roadmap check: %s%s%zu office%s checked, %zu error%s, "
                "%zu warning%s\n",
                what ? what : "", what ? ": " : "", c->checked,
                c->checked == 1 ? "" : "s", errors, errors == 1 ? "" : "s",
                warnings, warnings == 1 ? "" : "s");
}

void check_init(struct check *c, unsigned jobs, struct date tomorrow)
{
        memset(c, 0, sizeof(*c));
        c->jobs = jobs;
        c->tomorrow = tomorrow;
        loaded_init(&c->meta);
}

void check_release(struct check *c)
{
        loaded_release(&c->meta);
        repo_office_list_release(&c->offices);
        diag_list_release(&c->dl);
        free(c->prefix);
        free(c->root);
}

/* ---- a snapshot --------------------------------------------------------- */

static char *snap_display(void *arg, const char *rel)
{
        const struct check *c = arg;

        return gitsnap_display(c->snap, rel);
}

static void snap_id_position(void *arg, const char *rel, int *line, int *col)
{
        const struct check *c = arg;

        gitsnap_id_position(c->git, c->snap, rel, line, col);
}

int check_snapshot_begin(struct check *c, struct gitrepo *g,
                         const struct gitsnap *s)
{
        const struct scan_place place = {snap_display, snap_id_position, c};
        const struct office_file **files;
        struct strbuf b = STRBUF_INIT;
        char *display = gitsnap_display(s, REPO_MARKER);
        size_t first = c->dl.n;
        int rc;

        c->git = g;
        c->snap = s;
        rc = gitsnap_read(g, s, REPO_MARKER, YAMLDOC_MAX_SIZE, &b, &c->dl);
        if (rc == 0) {
                c->meta_ok = load_roadmap_bytes(&c->meta, display, b.buf, b.len,
                                                &c->dl) == 0;
                if (!c->meta_ok)
                        conflictfile_replace(LOAD_ROADMAP, display, b.buf,
                                             b.len, &c->dl, first);
        } else if (rc == 1) /* the index; a commit's tree has it */
                diag_hint(diag_error(&c->dl, display, 0, 0,
                                     "no such file in the %s", s->name),
                          "stage it with 'git add'");
        rc = gitsnap_list_offices(g, s, &c->offices, &c->dl);
        files = check_office_array(&c->offices);
        scan_check_ids_at(&place, files, c->offices.n, false, NULL, &c->dl);
        free(files);
        free(display);
        strbuf_release(&b);
        return rc;
}

/* The work tree's roadmap: roadmap.yaml, the listing, the leftovers and
 * the duplicate-id rule.  0, or -1 when there is no repository. */
static int worktree_begin(struct check *c)
{
        const struct office_file **files;
        size_t first = c->dl.n;
        char *marker, *display;

        if (!(c->root = cli_repo_root()))
                return -1;
        c->prefix = repo_display_path(c->root, "");
        marker = xasprintf("%s/%s", c->root, REPO_MARKER);
        display = xasprintf("%s%s", c->prefix, REPO_MARKER);
        c->meta_ok = load_roadmap(&c->meta, marker, display, &c->dl) == 0;
        if (!c->meta_ok)
                conflictfile_replace(LOAD_ROADMAP, display, c->meta.bytes.buf,
                                     c->meta.bytes.len, &c->dl, first);
        repo_list_offices(c->root, &c->offices, &c->dl);
        warn_leftovers(c);
        files = check_office_array(&c->offices);
        scan_check_ids(c->root, files, c->offices.n, false, NULL, &c->dl);
        free(files);
        free(marker);
        free(display);
        return 0;
}

/* The exit status of opening a version (0: opened), after printing why
 * not. */
static int opened(struct check *c, int rc)
{
        if (rc == 0)
                return 0;
        cli_print_diags(&c->dl);
        return rc == GITREPO_NOT_FOUND ? EXIT_USAGE : EXIT_INVALID;
}

/* Open the git repository here and the snapshot at rev: 0, or the exit
 * status after printing why not. */
static int rev_begin(struct check *c, const char *rev, struct gitrepo **g,
                     struct gitsnap *s)
{
        struct diag_list quiet = DIAG_LIST_INIT;
        char *root = repo_find_root(".", &quiet); /* none in a bare one */
        int rc = gitrepo_open(".", root, 0, g, &c->dl);

        if (rc == 0 && (rc = gitsnap_at(*g, rev, s, &c->dl)) == 0)
                check_snapshot_begin(c, *g, s); /* errors: in c->dl */
        diag_list_release(&quiet);
        free(root);
        return opened(c, rc);
}

/* Open the git repository here, as git's environment says (in a hook,
 * GIT_INDEX_FILE names the index that is being committed), and the
 * snapshot of its index; c->root is the roadmap root on disk, for the
 * history that explains a stale approval.  0, or the exit status after
 * printing why not. */
static int cached_begin(struct check *c, struct gitrepo **g, struct gitsnap *s)
{
        struct diag_list quiet = DIAG_LIST_INIT;
        char *root = repo_find_root(".", &quiet);
        int rc = gitrepo_open(NULL, root, GITREPO_FROM_ENV, g, &c->dl);

        if (rc == 0 && (rc = gitsnap_index(*g, s, &c->dl)) == 0) {
                c->root = xasprintf("%s%s", gitrepo_workdir(*g), s->root);
                if (strlen(c->root) > 1)
                        c->root[strlen(c->root) - 1] = '\0'; /* the '/' */
                check_snapshot_begin(c, *g, s); /* errors: in c->dl */
        }
        diag_list_release(&quiet);
        free(root);
        return opened(c, rc);
}

/* check (the work tree), check --rev REV or check --cached, of every
 * office or the n named in argv. */
static int check_version(const struct opts *o, struct check *c, int n,
                         char **argv)
{
        struct gitrepo *g = NULL;
        struct gitsnap s = GITSNAP_INIT;
        const struct office_file **files;
        int rc = EXIT_INVALID;

        if (o->rev && (rc = rev_begin(c, o->rev, &g, &s)) != 0)
                goto out;
        if (o->cached && (rc = cached_begin(c, &g, &s)) != 0)
                goto out;
        if (!o->rev && !o->cached && worktree_begin(c) != 0)
                goto out;
        files = check_office_array(&c->offices);
        if (n > 0)
                check_named(c, n, argv);
        else
                check_files(c, files, c->offices.n);
        free(files);
        cli_print_diags(&c->dl);
        check_print_summary(c, NULL, o->quiet);
        rc = diag_count(&c->dl, DIAG_ERROR) ? EXIT_INVALID : EXIT_OK;
out:
        gitsnap_release(&s);
        gitrepo_free(g);
        return rc;
}

int cmd_check(int argc, char **argv)
{
        struct check c;
        struct opts o = {false, 0, NULL, false, false};
        struct date tomorrow;
        int n = opt_parse(&cmd_check_syntax, argc, argv, &o);
        int rc;

        if (n < 0)
                return opt_parse_exit(n);
        if (o.pre_receive && (o.rev || o.cached || n > 0))
                return opt_usage_error(&cmd_check_syntax,
                                       "--pre-receive reads the refs to "
                                       "check from stdin: no %s",
                                       o.rev      ? "--rev"
                                       : o.cached ? "--cached"
                                                  : "OFFICE");
        if (o.rev && o.cached)
                return opt_usage_error(&cmd_check_syntax,
                                       "--rev and --cached name two "
                                       "versions: give one");
        if (opt_jobs_default(&cmd_check_syntax, &o.jobs) != 0 ||
            cli_latest_date(&tomorrow) != 0)
                return EXIT_USAGE;
        if (o.pre_receive)
                return check_pre_receive(o.jobs, tomorrow, o.quiet);
        check_init(&c, o.jobs, tomorrow);
        rc = check_version(&o, &c, n, argv + 1);
        check_release(&c);
        return rc;
}
