/* Unit tests of scan: the ordered parallel map (results in file order
 * whatever the number of threads, every file once, per-worker state), the
 * duplicate-id rule, the one lookup by id, and the jobs rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "roadmap/repo.h"
#include "roadmap/scan.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"
#include "unit_util.h"

static struct unit_dir dir;
static char *root;

static int setup(void **state)
{
        (void)state;
        unit_dir_make(&dir, "scan");
        root = dir.root;
        put_file(root, REPO_MARKER, "roadmap: 1\n");
        return 0;
}

static int teardown(void **state)
{
        (void)state;
        unit_dir_remove(&dir);
        return 0;
}

/* ---- the map ------------------------------------------------------------ */

#define NFILES 1000

struct map_ctx {
        struct strbuf seen; /* what consume() got, in its order */
        size_t nconsumed;
        size_t nworkers;  /* worker_init() calls */
        size_t released;  /* worker_release() calls */
        size_t mapped;    /* the sum of the workers' counts */
        size_t nresults;  /* result_init() calls */
        size_t rreleased; /* result_release() calls */
};

struct map_worker {
        size_t count; /* files this worker mapped */
        char buf[64];
};

struct map_result {
        char *text; /* malloc'd per file: map() must reset the slot */
        size_t index;
};

/* worker_init and the result callbacks run in the calling thread. */
static void w_init(void *ctx, void *w)
{
        ((struct map_ctx *)ctx)->nworkers++;
        ((struct map_worker *)w)->count = 0;
}

static void w_release(void *ctx, void *w)
{
        struct map_ctx *c = ctx;

        c->released++;
        c->mapped += ((struct map_worker *)w)->count;
}

static void r_init(void *ctx, void *r)
{
        ((struct map_ctx *)ctx)->nresults++;
        ((struct map_result *)r)->text = NULL;
}

static void r_release(void *ctx, void *r)
{
        ((struct map_ctx *)ctx)->rreleased++;
        free(((struct map_result *)r)->text);
}

static void map_one(void *ctx, void *worker, const struct office_file *f,
                    void *result)
{
        struct map_worker *w = worker;
        struct map_result *r = result;
        unsigned spin = (unsigned)(strlen(f->id) * 7919u) % 3000u;
        volatile unsigned sink = 0;

        (void)ctx;
        while (spin--) /* uneven work, so threads finish out of order */
                sink += spin;
        (void)sink;
        free(r->text);
        snprintf(w->buf, sizeof(w->buf), "%s=%s", f->id, f->path);
        r->text = xstrdup(w->buf);
        r->index = (size_t)atoi(f->id + 1);
        w->count++;
}

static void consume_one(void *ctx, const struct office_file *f, void *result)
{
        struct map_ctx *c = ctx;
        struct map_result *r = result;

        assert_int_equal(r->index, c->nconsumed);
        assert_int_equal(atoi(f->id + 1), c->nconsumed);
        strbuf_addstr(&c->seen, r->text);
        strbuf_addch(&c->seen, '\n');
        c->nconsumed++;
}

static void run_map(const struct office_file *const *files, size_t n,
                    unsigned jobs, struct map_ctx *c)
{
        struct scan_map m = {
            .files = files,
            .nfiles = n,
            .jobs = jobs,
            .worker_size = sizeof(struct map_worker),
            .result_size = sizeof(struct map_result),
            .ctx = c,
            .worker_init = w_init,
            .worker_release = w_release,
            .result_init = r_init,
            .result_release = r_release,
            .map = map_one,
            .consume = consume_one,
        };

        memset(c, 0, sizeof(*c));
        strbuf_init(&c->seen);
        scan_run(&m);
}

static void test_map_in_order(void **state)
{
        static const unsigned jobs[] = {1, 2, 3, 7, 64, 256, 1000};
        struct office_file *items = xcalloc(NFILES, sizeof(*items));
        const struct office_file **files = xcalloc(NFILES, sizeof(*files));
        struct map_ctx one, c;
        size_t i, k;

        (void)state;
        for (i = 0; i < NFILES; i++) {
                /* ids of varied length: varied work per file */
                items[i].id = xasprintf("o%zu%.*s", i, (int)(i * 13 % 17),
                                        "-xxxxxxxxxxxxxxxxx");
                items[i].path = xasprintf("offices/m/%s.yaml", items[i].id);
                files[i] = &items[i];
        }
        run_map(files, NFILES, 1, &one);
        assert_int_equal(one.nconsumed, NFILES);
        assert_int_equal(one.nworkers, 1);
        assert_int_equal(one.mapped, NFILES);
        for (k = 0; k < sizeof(jobs) / sizeof(jobs[0]); k++) {
                run_map(files, NFILES, jobs[k], &c);
                assert_int_equal(c.nconsumed, NFILES);
                assert_string_equal(c.seen.buf, one.seen.buf);
                /* one state per thread, never more than asked for or
                 * than the limit; every file mapped once */
                assert_true(c.nworkers >= 1);
                assert_true(c.nworkers <= jobs[k]);
                assert_true(c.nworkers <= SCAN_MAX_JOBS);
                assert_int_equal(c.released, c.nworkers);
                assert_int_equal(c.mapped, NFILES);
                /* a bounded window of results, all released */
                assert_true(c.nresults <= 32 * (size_t)jobs[k]);
                assert_int_equal(c.rreleased, c.nresults);
                strbuf_release(&c.seen);
        }
        /* no files: nothing consumed, nothing left behind */
        run_map(files, 0, 4, &c);
        assert_int_equal(c.nconsumed, 0);
        assert_int_equal(c.rreleased, c.nresults);
        strbuf_release(&c.seen);
        strbuf_release(&one.seen);
        for (i = 0; i < NFILES; i++) {
                free(items[i].id);
                free(items[i].path);
        }
        free(items);
        free(files);
}

/* ---- the duplicate-id rule and the lookup ------------------------------- */

static const char *office(const char *id)
{
        static char buf[128];

        snprintf(buf, sizeof(buf),
                 "roadmap: 1\noffice:\n  id: %s\n  name: N\n  ministry: m\n"
                 "services: []\n",
                 id);
        return buf;
}

/* The errors (or warnings) of dl, one a line; the caller frees. */
static char *listed(struct diag_list *dl)
{
        struct strbuf sb;
        size_t i;

        diag_sort(dl);
        strbuf_init(&sb);
        for (i = 0; i < dl->n; i++)
                strbuf_addf(&sb, "%s:%d:%d: %s: %s\n", dl->items[i].path,
                            dl->items[i].line, dl->items[i].col,
                            dl->items[i].level == DIAG_ERROR ? "error"
                                                             : "warning",
                            dl->items[i].msg);
        return strbuf_detach(&sb, NULL);
}

static void test_duplicate_ids(void **state)
{
        struct office_list l = OFFICE_LIST_INIT;
        struct diag_list dl = DIAG_LIST_INIT;
        const struct office_file *files[8];
        bool dup[8];
        char *s, *want;
        size_t i;

        (void)state;
        put_file(root, "offices/b/x.yaml", office("x"));
        put_file(root, "offices/a/x.yaml", office("x"));
        put_file(root, "offices/c/d/x.yaml", office("x"));
        put_file(root, "offices/a/y.yaml", office("y"));
        assert_int_equal(chdir(root), 0);
        assert_int_equal(repo_list_offices(root, &l, &dl), 0);
        assert_int_equal(l.n, 4);
        /* in any order: the first in path order is the one named */
        for (i = 0; i < l.n; i++)
                files[i] = &l.items[l.n - 1 - i];
        assert_int_equal(scan_check_ids(root, files, l.n, false, dup, &dl), 3);
        s = listed(&dl);
        want = "offices/b/x.yaml:3:7: error: office id 'x' is also used by "
               "'offices/a/x.yaml'\n"
               "offices/c/d/x.yaml:3:7: error: office id 'x' is also used by "
               "'offices/a/x.yaml'\n";
        assert_string_equal(s, want);
        free(s);
        for (i = 0; i < l.n; i++)
                assert_int_equal(dup[i], strcmp(files[i]->id, "x") == 0);
        diag_list_release(&dl);

        /* skipped (report --keep-going): warnings */
        assert_int_equal(scan_check_ids(root, files, l.n, true, NULL, &dl), 3);
        assert_int_equal(diag_count(&dl, DIAG_ERROR), 0);
        assert_int_equal(diag_count(&dl, DIAG_WARNING), 2);
        assert_non_null(strstr(dl.items[0].msg, "; both skipped"));
        diag_list_release(&dl);

        /* the lookup refuses the shared id with both paths, finds the other */
        assert_null(scan_office_in(root, &l, "x", &dl));
        assert_int_equal(diag_count(&dl, DIAG_ERROR), 2);
        diag_list_release(&dl);
        assert_string_equal(scan_office_in(root, &l, "y", &dl)->path,
                            "offices/a/y.yaml");
        assert_null(scan_office_in(root, &l, "z", &dl));
        assert_int_equal(dl.n, 0);
        repo_office_list_release(&l);
}

static enum scan_find find(const char *id, char **rel, struct diag_list *dl)
{
        struct office_list l;
        enum scan_find r = scan_find_office(root, id, &l, rel, dl);

        repo_office_list_release(&l);
        return r;
}

static void test_find_office(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *rel = NULL, *s;

        (void)state;
        assert_int_equal(find("lged", &rel, &dl), SCAN_NONE);
        assert_null(rel);
        put_file(root, "offices/lgd/lged.yaml", office("lged"));
        put_file(root, "offices/a/b/c/deep.yaml", office("deep"));
        assert_int_equal(find("lged", &rel, &dl), SCAN_FOUND);
        assert_string_equal(rel, "offices/lgd/lged.yaml");
        free(rel);
        assert_int_equal(find("deep", &rel, &dl), SCAN_FOUND);
        assert_string_equal(rel, "offices/a/b/c/deep.yaml");
        free(rel);
        assert_int_equal(find("nope", &rel, &dl), SCAN_NONE);
        assert_int_equal(find("../lgd/lged", &rel, &dl), SCAN_NONE);
        assert_int_equal(dl.n, 0);

        /* the same id deeper in another ministry's tree */
        put_file(root, "offices/mopa/old/lged.yaml", office("lged"));
        assert_int_equal(chdir(root), 0);
        assert_int_equal(find("lged", &rel, &dl), SCAN_DUPLICATE);
        assert_null(rel);
        s = listed(&dl);
        assert_string_equal(s, "offices/mopa/old/lged.yaml:3:7: error: office "
                               "id 'lged' is also used by "
                               "'offices/lgd/lged.yaml'\n");
        free(s);
        diag_list_release(&dl);

        /* a link by the id's name: the listing's refusal */
        s = xasprintf("%s/offices/a/b/deep.yaml", root);
        assert_int_equal(symlink("../../lgd/lged.yaml", s), 0);
        free(s);
        assert_int_equal(find("deep", &rel, &dl), SCAN_UNREADABLE);
        assert_null(rel);
        assert_true(diag_count(&dl, DIAG_ERROR) >= 1);
        diag_list_release(&dl);
}

/* ---- the jobs rule ------------------------------------------------------ */

static void test_jobs_parse(void **state)
{
        static const char *const bad[] = {"",  "0",  "257", "-1",
                                          "x", "4x", "1.5", "99999999999"};
        unsigned jobs = 77;
        size_t i;

        (void)state;
        assert_null(scan_jobs_parse("1", &jobs));
        assert_int_equal(jobs, 1);
        assert_null(scan_jobs_parse("256", &jobs));
        assert_int_equal(jobs, 256);
        assert_null(scan_jobs_parse(" 8 ", &jobs));
        assert_int_equal(jobs, 8);
        assert_null(scan_jobs_parse("\xe0\xa7\xaa", &jobs)); /* Bengali 4 */
        assert_int_equal(jobs, 4);
        for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
                jobs = 77;
                assert_non_null(scan_jobs_parse(bad[i], &jobs));
                assert_int_equal(jobs, 77);
        }
        assert_string_equal(scan_jobs_parse("0", &jobs), "must be 1 to 256");
}

static void test_jobs_default(void **state)
{
        unsigned jobs = 0;

        (void)state;
        unsetenv(SCAN_JOBS_ENV);
        assert_null(scan_jobs_default(&jobs));
        assert_true(jobs >= 1 && jobs <= SCAN_MAX_JOBS);
        setenv(SCAN_JOBS_ENV, "", 1);
        assert_null(scan_jobs_default(&jobs));
        assert_true(jobs >= 1 && jobs <= SCAN_MAX_JOBS);
        setenv(SCAN_JOBS_ENV, "3", 1);
        assert_null(scan_jobs_default(&jobs));
        assert_int_equal(jobs, 3);
        setenv(SCAN_JOBS_ENV, "garbage", 1);
        jobs = 5;
        assert_non_null(scan_jobs_default(&jobs));
        assert_int_equal(jobs, 5);
        setenv(SCAN_JOBS_ENV, "300", 1);
        assert_non_null(scan_jobs_default(&jobs));
        unsetenv(SCAN_JOBS_ENV);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_map_in_order),
            T(test_duplicate_ids),
            T(test_find_office),
            cmocka_unit_test(test_jobs_parse),
            cmocka_unit_test(test_jobs_default),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
