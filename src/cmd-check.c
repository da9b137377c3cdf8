/*
 * roadmap check [OFFICE...]: validate the repository or the named offices.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roadmap/cli.h"
#include "roadmap/commands.h"
#include "roadmap/load.h"
#include "roadmap/repo.h"
#include "roadmap/xalloc.h"

/* The options are one bool, quiet: the table's base. */
static const struct opt options[] = {
    {"quiet", 'q', OPT_FLAG, 0, NULL,
     "do not print the count when there are no findings", NULL, NULL,
     OPT_OPTIONAL},
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
        struct office_list offices;
        struct loaded meta;
        bool meta_ok;
        struct diag_list dl;
        size_t checked;
        struct date tomorrow; /* dates of what happened come no later */
};

static void check_duplicate_ids(struct check *c)
{
        size_t n = c->offices.n, i;
        const char **ids = xcalloc(n ? n : 1, sizeof(*ids));
        size_t *first = xcalloc(n ? n : 1, sizeof(*first));

        for (i = 0; i < n; i++)
                ids[i] = c->offices.items[i].id;
        model_first_of_ids(ids, n, first);
        for (i = 0; i < n; i++) {
                char *a, *b, *full;
                int line, col;

                if (first[i] == i)
                        continue;
                a = repo_display_path(c->root, c->offices.items[i].path);
                b = repo_display_path(c->root, c->offices.items[first[i]].path);
                full = xasprintf("%s/%s", c->root, c->offices.items[i].path);
                load_office_id_position(full, &line, &col);
                free(full);
                diag_error(&c->dl, a, line, col,
                           "office id '%s' is also used by '%s'", ids[i], b);
                free(a);
                free(b);
        }
        free(ids);
        free(first);
}

static void check_one(const struct check *c, struct loaded *l,
                      const struct office_file *f, struct diag_list *dl)
{
        char *full = xasprintf("%s/%s", c->root, f->path);
        char *display = repo_display_path(c->root, f->path);

        /* The cross-file rules too where the office has other errors, as
         * far as its model could be read: every finding at once. */
        load_office(l, full, display, f->id, dl);
        if (l->parsed && c->meta_ok)
                model_check_refs(&l->m.office, &c->meta.m.meta, dl);
        if (l->parsed)
                model_check_future(&l->m.office, c->tomorrow, dl);
        loaded_reset(l);
        free(full);
        free(display);
}

/* Every office, read by several threads; each file's findings go to its
 * own list, joined in file order, so the output never depends on the
 * number of threads. */
struct pool {
        const struct check *c;
        struct diag_list *found; /* one per office */
        size_t next;
        pthread_mutex_t mu;
};

static void *check_worker(void *arg)
{
        struct pool *p = arg;
        struct loaded l;
        size_t i;

        loaded_init(&l);
        for (;;) {
                pthread_mutex_lock(&p->mu);
                i = p->next++;
                pthread_mutex_unlock(&p->mu);
                if (i >= p->c->offices.n)
                        break;
                check_one(p->c, &l, &p->c->offices.items[i], &p->found[i]);
        }
        loaded_release(&l);
        return NULL;
}

static unsigned check_jobs(size_t nfiles)
{
        const char *env = getenv("ROADMAP_JOBS");
        long n =
            env && *env ? strtol(env, NULL, 10) : sysconf(_SC_NPROCESSORS_ONLN);

        if (n < 1)
                n = 1;
        if (n > 64)
                n = 64;
        if ((size_t)n > nfiles)
                n = nfiles ? (long)nfiles : 1;
        return (unsigned)n;
}

static void check_all(struct check *c)
{
        struct pool p = {c, NULL, 0, PTHREAD_MUTEX_INITIALIZER};
        unsigned jobs = check_jobs(c->offices.n), started = 0, t;
        pthread_t tid[64];
        size_t i;

        p.found = xcalloc(c->offices.n ? c->offices.n : 1, sizeof(*p.found));
        for (t = 1; t < jobs; t++)
                if (pthread_create(&tid[started], NULL, check_worker, &p) == 0)
                        started++;
        check_worker(&p); /* this thread reads too */
        for (t = 0; t < started; t++)
                pthread_join(tid[t], NULL);
        for (i = 0; i < c->offices.n; i++)
                diag_list_move(&c->dl, &p.found[i]);
        c->checked += c->offices.n;
        free(p.found);
}

static int check_named(struct check *c, struct loaded *l, int argc, char **argv)
{
        int i;

        for (i = 0; i < argc; i++) {
                const struct office_file *f =
                    repo_office_find(&c->offices, argv[i]);
                if (!f) {
                        diag_error(&c->dl, NULL, 0, 0, "no office '%s'",
                                   argv[i]);
                        continue;
                }
                check_one(c, l, f, &c->dl);
                c->checked++;
        }
        return 0;
}

/* Temporary files that killed writers left behind. */
static void warn_leftovers(struct check *c)
{
        size_t i;

        for (i = 0; i < c->offices.nleftovers; i++) {
                char *display =
                    repo_display_path(c->root, c->offices.leftovers[i]);
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
        struct loaded l;
        bool quiet = false;
        char *marker = NULL, *display = NULL;
        int n = opt_parse(&cmd_check_syntax, argc, argv, &quiet);
        int rc = EXIT_INVALID;

        if (n < 0)
                return opt_parse_exit(n);
        memset(&c, 0, sizeof(c));
        if (cli_latest_date(&c.tomorrow) != 0)
                return EXIT_USAGE;
        loaded_init(&c.meta);
        loaded_init(&l);
        c.root = cli_repo_root();
        if (!c.root)
                goto out;
        marker = xasprintf("%s/%s", c.root, REPO_MARKER);
        display = repo_display_path(c.root, REPO_MARKER);
        c.meta_ok = load_roadmap(&c.meta, marker, display, &c.dl) == 0;
        repo_list_offices(c.root, &c.offices, &c.dl);
        warn_leftovers(&c);
        check_duplicate_ids(&c);
        if (n > 0)
                check_named(&c, &l, n, argv + 1);
        else
                check_all(&c);
        cli_print_diags(&c.dl);
        print_summary(&c, quiet);
        rc = diag_count(&c.dl, DIAG_ERROR) ? EXIT_INVALID : EXIT_OK;
out:
        free(marker);
        free(display);
        loaded_release(&l);
        loaded_release(&c.meta);
        repo_office_list_release(&c.offices);
        diag_list_release(&c.dl);
        free(c.root);
        return rc;
}
