/*
 * roadmap check [OFFICE...]: validate the repository or the named offices.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/githist.h"
#include "roadmap/load.h"
#include "roadmap/repo.h"
#include "roadmap/scan.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

struct opts {
        bool quiet;
        unsigned jobs; /* 0: not given */
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
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_check_syntax = {
    .name = "check",
    .operands = "[OFFICE...]",
    .opts = options,
    .description =
        "Validate roadmap.yaml and every office file (or the named "
        "offices).\n"
        "Every finding is printed as 'file:line:col: error: message' or\n"
        "'warning:', sorted by file and line, then a count.  Exit 1 on any\n"
        "error, 0 with warnings only.\n",
    .help_col = 17,
    .flags = PARSE_OPERANDS_LAST,
};

struct check {
        char *root;
        char *prefix; /* how to name root/rel: prefix followed by rel */
        struct office_list offices;
        struct loaded meta;
        bool meta_ok;
        struct diag_list dl;
        size_t checked;
        unsigned jobs;        /* threads reading offices, 1..SCAN_MAX_JOBS */
        struct date tomorrow; /* dates of what happened come no later */
};

/* What reads one office at a time: its model and the buffers of its
 * path and display name, reused from office to office, and the git
 * history of the repository, opened when a stale approval asks for it
 * (one per thread: libgit2's repository is not shared between threads). */
struct reader {
        struct loaded l;
        struct strbuf path, display;
        struct githist *git;
};

static void reader_init(struct reader *r, const char *root)
{
        loaded_init(&r->l);
        strbuf_init(&r->path);
        strbuf_init(&r->display);
        r->git = githist_new(root);
}

static void reader_release(struct reader *r)
{
        loaded_release(&r->l);
        strbuf_release(&r->path);
        strbuf_release(&r->display);
        githist_free(r->git);
}

/* Every listed office, in the list's order, for the scan functions; the
 * caller frees the array (not the offices). */
static const struct office_file **office_array(const struct office_list *l)
{
        const struct office_file **files =
            xcalloc(l->n ? l->n : 1, sizeof(*files));
        size_t i;

        for (i = 0; i < l->n; i++)
                files[i] = &l->items[i];
        return files;
}

/* The one duplicate-id rule (scan.h), over every office listed. */
static void check_duplicate_ids(struct check *c,
                                const struct office_file **files)
{
        scan_check_ids(c->root, files, c->offices.n, false, NULL, &c->dl);
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
        const struct office *o = &r->l.m.office;
        struct approval_changes ch = APPROVAL_CHANGES_INIT;
        struct diag_list dl = DIAG_LIST_INIT;
        char date[11], *text;

        if (githist_approval_changes(r->git, r->path.buf, o, &ch, &dl) == 1) {
                text = approval_changes_format(&ch);
        } else {
                date_format_iso(o->approval.date, date);
                text = xasprintf("no git history of the office shows what "
                                 "was approved on %s, so which services or "
                                 "plans changed cannot be told",
                                 date);
        }
        hint_first(d, text);
        free(text);
        approval_changes_release(&ch);
        diag_list_release(&dl);
}

static void check_one(const struct check *c, struct reader *r,
                      const struct office_file *f, struct diag_list *dl)
{
        struct loaded *l = &r->l;
        size_t first = dl->n;
        struct diag *stale;

        strbuf_reset(&r->path);
        strbuf_addstr(&r->path, c->root);
        strbuf_addch(&r->path, '/');
        strbuf_addstr(&r->path, f->path);
        strbuf_reset(&r->display);
        strbuf_addstr(&r->display, c->prefix);
        strbuf_addstr(&r->display, f->path);
        /* The cross-file rules too where the office has other errors, as
         * far as its model could be read: every finding at once. */
        load_office(l, r->path.buf, r->display.buf, f->id, dl);
        if (l->parsed && c->meta_ok)
                model_check_refs(&l->m.office, &c->meta.m.meta, dl);
        if (l->parsed)
                model_check_future(&l->m.office, c->tomorrow, dl);
        if (l->parsed && (stale = stale_warning(&l->m.office, dl, first)))
                explain_stale(r, stale);
        loaded_reset(l);
}

/* Every office, read by several threads (scan_run()); each file's
 * findings go to its own list, taken in file order, so the output never
 * depends on the number of threads. */
static void worker_init(void *ctx, void *w)
{
        const struct check *c = ctx;

        reader_init(w, c->root);
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

static void check_all(struct check *c, const struct office_file **files)
{
        struct scan_map map = {
            .files = files,
            .nfiles = c->offices.n,
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

static void check_named(struct check *c, int argc, char **argv)
{
        struct reader r;
        int i;

        reader_init(&r, c->root);
        for (i = 0; i < argc; i++) {
                const struct office_file *f =
                    cmd_office_listed(c->root, &c->offices, argv[i], &c->dl);
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

static void print_summary(const struct check *c, bool quiet)
{
        size_t errors = diag_count(&c->dl, DIAG_ERROR);
        size_t warnings = diag_count(&c->dl, DIAG_WARNING);

        if (quiet && !errors && !warnings)
                return;
        fprintf(stderr,
                "roadmap check: %zu office%s checked, %zu error%s, "
                "%zu warning%s\n",
                c->checked, c->checked == 1 ? "" : "s", errors,
                errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

int cmd_check(int argc, char **argv)
{
        struct check c;
        const struct office_file **files = NULL;
        struct opts o = {false, 0};
        char *marker = NULL, *display = NULL;
        int n = opt_parse(&cmd_check_syntax, argc, argv, &o);
        int rc = EXIT_INVALID;

        if (n < 0)
                return opt_parse_exit(n);
        memset(&c, 0, sizeof(c));
        if (opt_jobs_default(&cmd_check_syntax, &o.jobs) != 0 ||
            cli_latest_date(&c.tomorrow) != 0)
                return EXIT_USAGE;
        c.jobs = o.jobs;
        loaded_init(&c.meta);
        c.root = cli_repo_root();
        if (!c.root)
                goto out;
        c.prefix = repo_display_path(c.root, "");
        marker = xasprintf("%s/%s", c.root, REPO_MARKER);
        display = xasprintf("%s%s", c.prefix, REPO_MARKER);
        c.meta_ok = load_roadmap(&c.meta, marker, display, &c.dl) == 0;
        repo_list_offices(c.root, &c.offices, &c.dl);
        warn_leftovers(&c);
        files = office_array(&c.offices);
        check_duplicate_ids(&c, files);
        if (n > 0)
                check_named(&c, n, argv + 1);
        else
                check_all(&c, files);
        cli_print_diags(&c.dl);
        print_summary(&c, o.quiet);
        rc = diag_count(&c.dl, DIAG_ERROR) ? EXIT_INVALID : EXIT_OK;
out:
        free(marker);
        free(display);
        free(files);
        loaded_release(&c.meta);
        repo_office_list_release(&c.offices);
        diag_list_release(&c.dl);
        free(c.prefix);
        free(c.root);
        return rc;
}
