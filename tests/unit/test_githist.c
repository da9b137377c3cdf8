/* Unit tests of githist: which services and plans changed since the commit
 * that recorded an office's approval, in repositories made here with
 * libgit2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/digest.h"
#include "roadmap/githist.h"
#include "roadmap/load.h"

#include "unit_util.h"

#define OFFICE "offices/lgd/gcc.yaml"
#define DAY 86400
#define T0 1509494400 /* 2017-11-01 00:00 UTC */

static const char head_yaml[] = "roadmap: 1\n"
                                "office:\n"
                                "  id: gcc\n"
                                "  name: Gazipur City Corporation\n"
                                "  ministry: lgd\n"
                                "services:\n";

static const char alpha[] = "  - id: alpha\n"
                            "    name: Alpha\n"
                            "    plan:\n"
                            "      priority: 1\n"
                            "      due: 2018-06-30\n"
                            "      tcv: {days: 3, cost: 0, visits: 1}\n"
                            "      history:\n"
                            "        - date: 2017-10-01\n"
                            "          status: planned\n";
static const char beta[] = "  - id: beta\n"
                           "    name: Beta\n";
static const char gamma_[] = "  - id: gamma\n"
                             "    name: Gamma\n"
                             "    plan:\n"
                             "      priority: 2\n"
                             "      history:\n"
                             "        - date: 2017-10-02\n"
                             "          status: planned\n";

/* The office with the services text, and an approval of the services
 * approved (NULL: none) -- its digest is theirs. */
static char *office_text(const char *services, const char *approved)
{
        struct loaded l;
        struct diag_list dl = DIAG_LIST_INIT;
        char *text, digest[DIGEST_LEN + 1];

        if (!approved)
                return xasprintf("%s%s", head_yaml, services);
        text = xasprintf("%s%s", head_yaml, approved);
        loaded_init(&l);
        assert_int_equal(
            load_office_bytes(&l, "t", text, strlen(text), NULL, &dl), 0);
        digest_office(&l.m.office, digest);
        loaded_release(&l);
        diag_list_release(&dl);
        free(text);
        return xasprintf("%s%sapproval:\n  by: Mayor\n  date: 2017-10-31\n"
                         "  digest: %s\n",
                         head_yaml, services, digest);
}

struct fixture {
        struct unit_dir dir;
        git_repository *repo;
        struct loaded now;
        struct approval_changes ch;
        struct diag_list dl;
};

static int setup(void **state)
{
        struct fixture *f = xcalloc(1, sizeof(*f));

        git_libgit2_init();
        unit_dir_make(&f->dir, "githist");
        loaded_init(&f->now);
        diag_list_init(&f->dl);
        *state = f;
        return 0;
}

static int teardown(void **state)
{
        struct fixture *f = *state;

        approval_changes_release(&f->ch);
        diag_list_release(&f->dl);
        loaded_release(&f->now);
        git_repository_free(f->repo);
        unit_dir_remove(&f->dir);
        git_libgit2_shutdown();
        free(f);
        return 0;
}

static void init_repo(struct fixture *f)
{
        assert_int_equal(git_repository_init(&f->repo, f->dir.root, 0), 0);
}

/* Write the office file (in the work tree only). */
static void write_office(struct fixture *f, char *text)
{
        put_file(f->dir.root, OFFICE, text);
        free(text);
}

/* Commit every file of the work tree at time when; its id into out. */
static void commit_all(struct fixture *f, git_time_t when, git_oid *out)
{
        git_index *idx;
        git_oid tree_id, head, id;
        git_tree *tree;
        git_signature *sig;
        git_commit *parent = NULL;

        assert_int_equal(git_repository_index(&idx, f->repo), 0);
        assert_int_equal(git_index_add_all(idx, NULL, 0, NULL, NULL), 0);
        assert_int_equal(git_index_write(idx), 0);
        assert_int_equal(git_index_write_tree(&tree_id, idx), 0);
        assert_int_equal(git_tree_lookup(&tree, f->repo, &tree_id), 0);
        assert_int_equal(git_signature_new(&sig, "Desk", "d@x", when, 360), 0);
        if (git_reference_name_to_id(&head, f->repo, "HEAD") == 0)
                assert_int_equal(git_commit_lookup(&parent, f->repo, &head), 0);
        assert_int_equal(git_commit_create_v(&id, f->repo, "HEAD", sig, sig,
                                             NULL, "c", tree, parent ? 1 : 0,
                                             parent),
                         0);
        if (out)
                git_oid_cpy(out, &id);
        git_commit_free(parent);
        git_signature_free(sig);
        git_tree_free(tree);
        git_index_free(idx);
}

/* Read the office at rel (below the roadmap root root) from the work
 * tree and ask githist about it, by that relative path; its result. */
static int ask_in(struct fixture *f, const char *root, const char *rel)
{
        char *path = xasprintf("%s/%s", root, rel);
        struct githist *h = githist_new(root);
        struct diag_list warnings = DIAG_LIST_INIT; /* a stale approval */
        int rc;

        loaded_reset(&f->now);
        assert_int_equal(load_office(&f->now, path, rel, NULL, &warnings), 0);
        diag_list_release(&warnings);
        approval_changes_release(&f->ch);
        rc = githist_approval_changes(h, rel, &f->now.m.office, &f->ch, &f->dl);
        githist_free(h);
        free(path);
        return rc;
}

static int ask(struct fixture *f)
{
        return ask_in(f, f->dir.root, OFFICE);
}

/* The text for a person: the commit (abbreviated), its date, then what. */
static void expect_text(struct fixture *f, const git_oid *id, const char *date,
                        const char *what)
{
        char hex[41], *want, *got = approval_changes_format(&f->ch);

        git_oid_tostr(hex, sizeof(hex), id);
        assert_string_equal(f->ch.commit, hex);
        want = xasprintf("since the approval (commit %.7s, %s): %s", hex, date,
                         what);
        assert_string_equal(got, want);
        free(want);
        free(got);
}

static char *joined(const char *a, const char *b, const char *c)
{
        return xasprintf("%s%s%s", a, b ? b : "", c ? c : "");
}

/* Outside a git work tree there is no history, and no error. */
static void test_no_repository(void **state)
{
        struct fixture *f = *state;
        char *s = joined(alpha, beta, gamma_);

        write_office(f, office_text(s, s));
        assert_int_equal(ask(f), 0);
        assert_int_equal(f->dl.n, 0);
        free(s);
}

/* No commit yet, an untracked file, an approval not committed: none. */
static void test_not_committed(void **state)
{
        struct fixture *f = *state;
        char *s = joined(alpha, beta, gamma_), *s2;

        init_repo(f);
        write_office(f, office_text(s, s));
        assert_int_equal(ask(f), 0);
        commit_all(f, T0, NULL);
        assert_int_equal(ask(f), 1);
        /* a new approval of other services, in the work tree only */
        write_office(f, office_text(alpha, alpha));
        assert_int_equal(ask(f), 0);
        /* an office no commit holds */
        put_file(f->dir.root, "offices/lgd/new.yaml", s2 = office_text(s, s));
        assert_int_equal(ask_in(f, f->dir.root, "offices/lgd/new.yaml"), 0);
        assert_int_equal(f->dl.n, 0);
        free(s);
        free(s2);
}

/* Adding, removing and renaming services, each named. */
static void test_services(void **state)
{
        struct fixture *f = *state;
        char *approved = joined(alpha, beta, gamma_);
        char *renamed = xasprintf("%s  - id: beta-renamed\n    name: Beta\n"
                                  "%s  - id: delta\n    name: Delta\n",
                                  alpha, gamma_);
        git_oid id;

        init_repo(f);
        write_office(f, office_text(approved, approved));
        commit_all(f, T0, &id);
        assert_int_equal(ask(f), 1);
        expect_text(f, &id, "2017-11-01", "no service or plan changed");

        write_office(f, office_text(alpha, approved));
        assert_int_equal(ask(f), 1);
        assert_int_equal(f->ch.n, 2);
        assert_int_equal(f->ch.items[0].kind, APPROVAL_SERVICE_REMOVED);
        assert_string_equal(f->ch.items[0].service, "beta");
        assert_null(f->ch.items[0].was);
        expect_text(f, &id, "2017-11-01", "removed beta, gamma");

        write_office(f, office_text(renamed, approved));
        assert_int_equal(ask(f), 1);
        assert_int_equal(f->ch.n, 2);
        assert_int_equal(f->ch.items[1].kind, APPROVAL_SERVICE_RENAMED);
        assert_string_equal(f->ch.items[1].service, "beta-renamed");
        assert_string_equal(f->ch.items[1].was, "beta");
        expect_text(f, &id, "2017-11-01",
                    "added delta; renamed beta to beta-renamed");
        assert_int_equal(f->dl.n, 0);
        free(approved);
        free(renamed);
}

/* A plan added, removed or changed in what the digest covers; a renamed
 * service's plan is compared with its plan under the old id. */
static void test_plans(void **state)
{
        struct fixture *f = *state;
        char *approved = joined(alpha, beta, gamma_);
        char *now = xasprintf(
            "  - id: alpha-new\n    name: Alpha\n    plan:\n"
            "      priority: 2\n      due: 2019-06-30\n"
            "      tcv: {days: 2, cost: 0}\n"
            "      history:\n        - date: 2017-10-01\n"
            "          status: planned\n        - date: 2018-01-01\n"
            "          status: designing\n"
            "  - id: beta\n    name: Beta\n    plan:\n      priority: 3\n"
            "      history:\n        - date: 2017-11-05\n"
            "          status: planned\n"
            "  - id: gamma\n    name: Gamma\n");
        git_oid id;

        init_repo(f);
        write_office(f, office_text(approved, approved));
        commit_all(f, T0, &id);
        write_office(f, office_text(now, approved));
        assert_int_equal(ask(f), 1);
        expect_text(f, &id, "2017-11-01",
                    "renamed alpha to alpha-new; plan of beta added; plan of "
                    "gamma removed; plan of alpha-new changed (priority 1 -> "
                    "2, due 2018-06-30 -> 2019-06-30, target days 3 -> 2, "
                    "target visits 1 -> none)");
        free(approved);
        free(now);
}

/* The commit that recorded the approval, not the last one: later commits
 * that change the services, or other files, keep its digest.  A new
 * approval is recorded by its own commit. */
static void test_history(void **state)
{
        struct fixture *f = *state;
        char *approved = joined(alpha, beta, gamma_);
        char *ab = joined(alpha, beta, NULL);
        git_oid first, again;

        init_repo(f);
        put_file(f->dir.root, "roadmap.yaml", "roadmap: 1\n");
        commit_all(f, T0 - 5 * DAY, NULL);
        write_office(f, office_text(approved, NULL));
        commit_all(f, T0 - 2 * DAY, NULL);
        write_office(f, office_text(approved, approved));
        commit_all(f, T0, &first);
        write_office(f, office_text(alpha, approved));
        commit_all(f, T0 + DAY, NULL);
        put_file(f->dir.root, "roadmap.yaml", "roadmap: 1\n# x\n");
        commit_all(f, T0 + 2 * DAY, NULL);
        assert_int_equal(ask(f), 1);
        expect_text(f, &first, "2017-11-01", "removed beta, gamma");

        write_office(f, office_text(alpha, alpha));
        commit_all(f, T0 + 3 * DAY, &again);
        write_office(f, office_text(ab, alpha));
        assert_int_equal(ask(f), 1);
        expect_text(f, &again, "2017-11-04", "added beta");
        free(approved);
        free(ab);
}

/* A commit whose office does not hold the services its approval's digest
 * was taken of does not show what was approved: nothing is found. */
static void test_not_what_was_approved(void **state)
{
        struct fixture *f = *state;
        char *ab = joined(alpha, beta, NULL);

        init_repo(f);
        write_office(f, office_text(ab, alpha));
        commit_all(f, T0, NULL);
        assert_int_equal(ask(f), 0);
        assert_int_equal(f->dl.n, 0);
        free(ab);
}

/* The roadmap repository in a directory of the git work tree: the office's
 * path is relative to it, and an absolute path works too. */
static void test_subdirectory(void **state)
{
        struct fixture *f = *state;
        char *approved = joined(alpha, beta, gamma_);
        char *root = xasprintf("%s/data", f->dir.root);
        char *abs = xasprintf("%s/%s", root, OFFICE);
        char *text = office_text(approved, approved);
        struct githist *h;
        git_oid id;

        init_repo(f);
        assert_int_equal(mkdir(root, 0755), 0);
        put_file(root, OFFICE, text);
        free(text);
        commit_all(f, T0, &id);
        text = office_text(alpha, approved);
        put_file(root, OFFICE, text);
        free(text);
        assert_int_equal(ask_in(f, root, OFFICE), 1);
        expect_text(f, &id, "2017-11-01", "removed beta, gamma");
        /* one reader, asked twice, by the absolute path the second time */
        h = githist_new(root);
        approval_changes_release(&f->ch);
        assert_int_equal(
            githist_approval_changes(h, abs, &f->now.m.office, &f->ch, &f->dl),
            1);
        assert_int_equal(
            githist_approval_changes(h, abs, &f->now.m.office, &f->ch, &f->dl),
            1);
        githist_free(h);
        expect_text(f, &id, "2017-11-01", "removed beta, gamma");
        free(approved);
        free(root);
        free(abs);
}

/* The change's own commit gives its date; a move of the office file to
 * another ministry's directory does not stop the walk. */
static void test_changed_and_moved(void **state)
{
        struct fixture *f = *state;
        char *approved = joined(alpha, beta, gamma_);
        char *text;
        char *old = xasprintf("%s/%s", f->dir.root, OFFICE);
        git_oid id;

        init_repo(f);
        write_office(f, office_text(approved, approved));
        commit_all(f, T0, &id);
        write_office(f, office_text(alpha, approved)); /* not committed */
        assert_int_equal(ask(f), 1);
        assert_false(date_is_set(f->ch.changed_date));
        commit_all(f, T0 + 3 * DAY, NULL);
        commit_all(f, T0 + 5 * DAY, NULL); /* nothing changed */
        assert_int_equal(ask(f), 1);
        assert_int_equal(
            date_cmp(f->ch.changed_date, (struct date){2017, 11, 4}), 0);
        text = read_all(old);
        put_file(f->dir.root, "offices/moe/gcc.yaml", text);
        free(text);
        assert_int_equal(unlink(old), 0);
        commit_all(f, T0 + 7 * DAY, NULL);
        assert_int_equal(ask_in(f, f->dir.root, "offices/moe/gcc.yaml"), 1);
        expect_text(f, &id, "2017-11-01", "removed beta, gamma");
        assert_int_equal(
            date_cmp(f->ch.changed_date, (struct date){2017, 11, 4}), 0);
        assert_int_equal(f->dl.n, 0);
        free(approved);
        free(old);
}

/* Long lists are cut short for a person. */
static void test_format_long(void **state)
{
        struct approval_changes c = APPROVAL_CHANGES_INIT;
        struct approval_change items[9];
        char *got, id[9][8];
        size_t i;

        (void)state;
        for (i = 0; i < 9; i++) {
                snprintf(id[i], sizeof(id[i]), "s%zu", i + 1);
                items[i] = (struct approval_change){
                    i < 7 ? APPROVAL_SERVICE_ADDED : APPROVAL_PLAN_CHANGED,
                    id[i], NULL, i < 7 ? NULL : "priority 1 -> 2"};
        }
        c.items = items;
        c.n = 9;
        memcpy(c.commit, "0123456789abcdef0123456789abcdef01234567", 41);
        c.commit_date = (struct date){2020, 1, 2};
        got = approval_changes_format(&c);
        assert_string_equal(got,
                            "since the approval (commit 0123456, 2020-01-02): "
                            "added s1, s2, s3, s4, s5 and 2 more; plan of s8 "
                            "changed (priority 1 -> 2); plan of s9 changed "
                            "(priority 1 -> 2)");
        free(got);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup_teardown(test_no_repository, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_not_committed, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_services, setup, teardown),
            cmocka_unit_test_setup_teardown(test_changed_and_moved, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_plans, setup, teardown),
            cmocka_unit_test_setup_teardown(test_history, setup, teardown),
            cmocka_unit_test_setup_teardown(test_not_what_was_approved, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_subdirectory, setup, teardown),
            cmocka_unit_test(test_format_long),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
