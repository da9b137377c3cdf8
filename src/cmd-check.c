/*
 * roadmap check [OFFICE...]: validate the repository or the named offices.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roadmap/cli.h"
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
        struct stale *stale;  /* offices whose approval is stale */
        size_t nstale, capstale;
};

/* An office whose approval is stale, and where its warning is in dl. */
struct stale {
        const struct office_file *f;
        size_t diag;
};

/* What check_one found of one office: its findings, and the index among
 * them of the stale approval's warning (-1: none). */
struct found {
        struct diag_list dl;
        long stale;
};

/* What reads one office at a time: its model and the buffers of its
 * path and display name, reused from office to office. */
struct reader {
        struct loaded l;
        struct strbuf path, display;
};

static void reader_init(struct reader *r)
{
        loaded_init(&r->l);
        strbuf_init(&r->path);
        strbuf_init(&r->display);
}

static void reader_release(struct reader *r)
{
        loaded_release(&r->l);
        strbuf_release(&r->path);
        strbuf_release(&r->display);
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

/* The index in dl (from first) of the warning that the approval of o is
 * stale, or -1: the model's warning at the approval's digest. */
static long stale_warning(const struct office *o, const struct diag_list *dl,
                          size_t first)
{
        const struct ynode *at = ynode_get(o->approval.node, "digest", NULL);
        size_t i;

        if (!at || office_approval_state(o) != APPROVAL_STALE)
                return -1;
        for (i = first; i < dl->n; i++)
                if (dl->items[i].level == DIAG_WARNING &&
                    dl->items[i].line == at->line &&
                    dl->items[i].col == at->col)
                        return (long)i;
        return -1;
}

/* Check one office into dl; the index of its stale warning, or -1. */
static long check_one(const struct check *c, struct reader *r,
                      const struct office_file *f, struct diag_list *dl)
{
        struct loaded *l = &r->l;
        size_t first = dl->n;
        long stale = -1;

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
        if (l->parsed)
                stale = stale_warning(&l->m.office, dl, first);
        loaded_reset(l);
        return stale;
}

static void note_stale(struct check *c, const struct office_file *f,
                       size_t diag)
{
        c->stale =
            xgrow(c->stale, &c->capstale, c->nstale + 1, sizeof(*c->stale));
        c->stale[c->nstale].f = f;
        c->stale[c->nstale++].diag = diag;
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

/* Why one office's approval is stale, read again from the work tree and
 * compared with git history (h). */
static void explain_stale(const struct check *c, struct githist *h,
                          struct reader *r, const struct stale *s)
{
        struct approval_changes ch = APPROVAL_CHANGES_INIT;
        struct diag_list ignored = DIAG_LIST_INIT, dl = DIAG_LIST_INIT;
        struct diag *d = &c->dl.items[s->diag];
        char date[11], *text = NULL;
        int rc = -1;

        strbuf_reset(&r->path);
        strbuf_addf(&r->path, "%s/%s", c->root, s->f->path);
        load_office(&r->l, r->path.buf, r->path.buf, s->f->id, &ignored);
        if (r->l.parsed)
                rc = githist_approval_changes(h, r->path.buf, &r->l.m.office,
                                              &ch, &dl);
        if (rc == 1) {
                text = approval_changes_format(&ch);
        } else if (r->l.parsed) {
                date_format_iso(r->l.m.office.approval.date, date);
                text = xasprintf("no git history of the office shows what "
                                 "was approved on %s, so which services or "
                                 "plans changed cannot be told",
                                 date);
        }
        if (text)
                hint_first(d, text);
        free(text);
        approval_changes_release(&ch);
        diag_list_release(&dl);
        diag_list_release(&ignored);
        loaded_reset(&r->l);
}

/* Every stale approval's warning says what changed, as far as git history
 * tells: after the scan, in this thread, one repository for all. */
static void explain_all_stale(struct check *c)
{
        struct githist *h;
        struct reader r;
        size_t i;

        if (!c->nstale)
                return;
        h = githist_new(c->root);
        reader_init(&r);
        for (i = 0; i < c->nstale; i++)
                explain_stale(c, h, &r, &c->stale[i]);
        reader_release(&r);
        githist_free(h);
}

/* Every office, read by several threads (scan_run()); each file's
 * findings go to its own list, taken in file order, so the output never
 * depends on the number of threads. */
static void worker_init(void *ctx, void *w)
{
        (void)ctx;
        reader_init(w);
}

static void worker_release(void *ctx, void *w)
{
        (void)ctx;
        reader_release(w);
}

static void found_release(void *ctx, void *found)
{
        struct found *fd = found;

        (void)ctx;
        diag_list_release(&fd->dl);
}

static void map_office(void *ctx, void *w, const struct office_file *f,
                       void *found)
{
        struct found *fd = found;

        diag_list_init(&fd->dl);
        fd->stale = check_one(ctx, w, f, &fd->dl);
}

static void consume_office(void *ctx, const struct office_file *f, void *found)
{
        struct check *c = ctx;
        struct found *fd = found;

        if (fd->stale >= 0)
                note_stale(c, f, c->dl.n + (size_t)fd->stale);
        diag_list_move(&c->dl, &fd->dl);
        c->checked++;
}

static void check_all(struct check *c, const struct office_file **files)
{
        struct scan_map map = {
            .files = files,
            .nfiles = c->offices.n,
            .jobs = c->jobs,
            .worker_size = sizeof(struct reader),
            .result_size = sizeof(struct found),
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
        long stale;
        int i;

        reader_init(&r);
        for (i = 0; i < argc; i++) {
                const struct office_file *f =
                    repo_office_find(&c->offices, argv[i]);
                if (!f) {
                        diag_error(&c->dl, NULL, 0, 0, "no office '%s'",
                                   argv[i]);
                        continue;
                }
                stale = check_one(c, &r, f, &c->dl);
                if (stale >= 0)
                        note_stale(c, f, (size_t)stale);
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
        explain_all_stale(&c);
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
        free(c.stale);
        free(c.prefix);
        free(c.root);
        return rc;
}
