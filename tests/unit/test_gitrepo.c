/* Unit tests of gitrepo: the roadmap at a revision, in the index and in the
 * work tree, in repositories that git itself makes here. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <git2.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/gitrepo.h"

#include "unit_util.h"

static const char roadmap_yaml[] = "roadmap: 1\nministries: []\n";

struct fixture {
        struct unit_dir d;
        struct gitrepo *r;
        struct diag_list dl;
};

static void sh(const struct fixture *f, const char *script)
{
        char *cmd =
            xasprintf("cd '%s' && { %s ; } >/dev/null 2>&1", f->d.root, script);

        assert_int_equal(system(cmd), 0);
        free(cmd);
}

#define GIT_ENV                                                                \
        "export GIT_CONFIG_NOSYSTEM=1 HOME=/nonexistent "                      \
        "GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org "                    \
        "GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org; "

/* v1: offices a and b; HEAD: a changed, b removed, c added; then a
 * changed again in the index, and d (untracked) and b in the work tree. */
static int setup(void **state)
{
        struct fixture *f = xcalloc(1, sizeof(*f));

        unit_dir_make(&f->d, "gitrepo");
        put_file(f->d.root, "roadmap.yaml", roadmap_yaml);
        put_file(f->d.root, "offices/lgd/a.yaml", "a: 1\n");
        put_file(f->d.root, "offices/lgd/b.yaml", "b: 1\n");
        put_file(f->d.root, "offices/lgd/.hidden.yaml", "h: 1\n");
        put_file(f->d.root, "offices/lgd/notes.txt", "n\n");
        sh(f, GIT_ENV "git init -q -b main . && git add -A && "
                      "git commit -qm one && git tag v1");
        put_file(f->d.root, "offices/lgd/a.yaml", "a: 2\n");
        put_file(f->d.root, "offices/moe/c.yaml", "c: 1\n");
        sh(f, GIT_ENV "git rm -q offices/lgd/b.yaml && git add -A && "
                      "git commit -qm two");
        put_file(f->d.root, "offices/lgd/a.yaml", "a: 3\n");
        sh(f, "git add offices/lgd/a.yaml");
        put_file(f->d.root, "offices/lgd/a.yaml", "a: 4\n");
        put_file(f->d.root, "offices/lgd/d.yaml", "d: 1\n");
        diag_list_init(&f->dl);
        assert_int_equal(gitrepo_open(f->d.root, f->d.root, 0, &f->r, &f->dl),
                         0);
        *state = f;
        return 0;
}

static int teardown(void **state)
{
        struct fixture *f = *state;

        gitrepo_free(f->r);
        diag_list_release(&f->dl);
        unit_dir_remove(&f->d);
        free(f);
        return 0;
}

static char *listing(struct fixture *f, const struct gitsnap *s)
{
        struct office_list l;
        struct strbuf sb = STRBUF_INIT;
        size_t i;

        assert_int_equal(gitsnap_list_offices(f->r, s, &l, &f->dl), 0);
        for (i = 0; i < l.n; i++)
                strbuf_addf(&sb, "%s=%s ", l.items[i].id, l.items[i].path);
        repo_office_list_release(&l);
        return strbuf_detach(&sb, NULL);
}

static char *changes(struct fixture *f, const struct gitsnap *a,
                     const struct gitsnap *b)
{
        struct gitsnap_changes c = GITSNAP_CHANGES_INIT;
        struct strbuf sb = STRBUF_INIT;
        size_t i;

        assert_int_equal(gitsnap_changes(f->r, a, b, &c, &f->dl), 0);
        for (i = 0; i < c.n; i++)
                strbuf_addf(&sb, "%c %s,", c.items[i].status, c.items[i].path);
        gitsnap_changes_release(&c);
        return strbuf_detach(&sb, NULL);
}

static void expect_read(struct fixture *f, const struct gitsnap *s,
                        const char *rel, const char *want)
{
        struct strbuf sb = STRBUF_INIT;

        assert_int_equal(gitsnap_read(f->r, s, rel, 1024, &sb, &f->dl),
                         want ? 0 : 1);
        if (want)
                assert_string_equal(sb.buf, want);
        strbuf_release(&sb);
}

static void test_revisions(void **state)
{
        struct fixture *f = *state;
        struct gitsnap v1 = GITSNAP_INIT, head = GITSNAP_INIT;
        char *s;

        assert_int_equal(gitsnap_at(f->r, "v1", &v1, &f->dl), 0);
        assert_int_equal(gitsnap_at(f->r, "HEAD", &head, &f->dl), 0);
        assert_string_equal(v1.root, "");
        s = listing(f, &v1);
        assert_string_equal(s, "a=offices/lgd/a.yaml b=offices/lgd/b.yaml ");
        free(s);
        s = listing(f, &head);
        assert_string_equal(s, "a=offices/lgd/a.yaml c=offices/moe/c.yaml ");
        free(s);
        expect_read(f, &v1, "offices/lgd/a.yaml", "a: 1\n");
        expect_read(f, &head, "offices/lgd/a.yaml", "a: 2\n");
        expect_read(f, &head, "offices/lgd/b.yaml", NULL);
        expect_read(f, &head, "roadmap.yaml", roadmap_yaml);
        s = changes(f, &v1, &head);
        assert_string_equal(s, "M offices/lgd/a.yaml,D offices/lgd/b.yaml,"
                               "A offices/moe/c.yaml,");
        free(s);
        s = gitsnap_display(&v1, "offices/lgd/a.yaml");
        assert_string_equal(s, "v1:offices/lgd/a.yaml");
        free(s);
        assert_int_equal(f->dl.n, 0);
        gitsnap_release(&v1);
        gitsnap_release(&head);
}

static void test_index_and_work_tree(void **state)
{
        struct fixture *f = *state;
        struct gitsnap head = GITSNAP_INIT, idx = GITSNAP_INIT,
                       wt = GITSNAP_INIT;
        char *s;

        assert_int_equal(gitsnap_at(f->r, "HEAD", &head, &f->dl), 0);
        assert_int_equal(gitsnap_index(f->r, &idx, &f->dl), 0);
        assert_int_equal(gitsnap_worktree(f->r, &wt, &f->dl), 0);
        expect_read(f, &idx, "offices/lgd/a.yaml", "a: 3\n");
        expect_read(f, &wt, "offices/lgd/a.yaml", "a: 4\n");
        expect_read(f, &wt, "offices/lgd/zz.yaml", NULL);
        s = listing(f, &idx);
        assert_string_equal(s, "a=offices/lgd/a.yaml c=offices/moe/c.yaml ");
        free(s);
        s = changes(f, &head, &idx);
        assert_string_equal(s, "M offices/lgd/a.yaml,");
        free(s);
        s = changes(f, &idx, &wt);
        assert_string_equal(s, "M offices/lgd/a.yaml,");
        free(s);
        s = changes(f, &head, &wt);
        assert_string_equal(s, "M offices/lgd/a.yaml,");
        free(s);
        assert_int_equal(f->dl.n, 0);
        gitsnap_release(&head);
        gitsnap_release(&idx);
        gitsnap_release(&wt);
}

static void test_errors(void **state)
{
        struct fixture *f = *state;
        struct gitsnap s = GITSNAP_INIT;
        struct gitrepo *none = NULL;
        struct office_list l;

        assert_int_equal(gitsnap_at(f->r, "no-such-rev", &s, &f->dl),
                         GITREPO_NOT_FOUND);
        assert_non_null(strstr(f->dl.items[0].msg, "unknown revision"));
        gitsnap_release(&s);
        assert_int_equal(gitrepo_open("/", NULL, 0, &none, &f->dl),
                         GITREPO_NOT_FOUND);
        assert_null(none);
        /* a link below offices/ is refused, in a commit as on disk */
        sh(f, GIT_ENV "ln -s ../../roadmap.yaml offices/lgd/l.yaml && "
                      "git add offices/lgd/l.yaml && git commit -qm link");
        assert_int_equal(gitsnap_at(f->r, "HEAD", &s, &f->dl), 0);
        assert_int_equal(gitsnap_list_offices(f->r, &s, &l, &f->dl), -1);
        assert_non_null(strstr(f->dl.items[f->dl.n - 1].path, "HEAD:"));
        repo_office_list_release(&l);
        gitsnap_release(&s);
}

/* A roadmap in a subdirectory, and a bare clone with roadmap.root. */
static void test_roots(void **state)
{
        struct fixture *f = *state;
        struct gitsnap s = GITSNAP_INIT;
        struct gitrepo *bare = NULL;
        char *dir = xasprintf("%s/bare.git", f->d.root), *list;

        sh(f, GIT_ENV "mkdir -p sub && git mv roadmap.yaml offices sub/ && "
                      "git commit -qm move && git clone -q --bare . bare.git");
        assert_int_equal(gitsnap_at(f->r, "HEAD", &s, &f->dl),
                         GITREPO_NOT_FOUND);
        gitsnap_release(&s);
        assert_int_equal(gitrepo_open(dir, NULL, 0, &bare, &f->dl), 0);
        assert_null(gitrepo_workdir(bare));
        assert_int_equal(gitsnap_worktree(bare, &s, &f->dl), GITREPO_NOT_FOUND);
        gitsnap_release(&s);
        gitrepo_free(bare);
        sh(f, "git -C bare.git config roadmap.root sub");
        assert_int_equal(gitrepo_open(dir, NULL, 0, &bare, &f->dl), 0);
        assert_int_equal(gitsnap_at(bare, "v1", &s, &f->dl), GITREPO_NOT_FOUND);
        gitsnap_release(&s);
        assert_int_equal(gitsnap_at(bare, "main", &s, &f->dl), 0);
        assert_string_equal(s.root, "sub/");
        list = listing(f, &s);
        assert_string_equal(list, "a=offices/lgd/a.yaml c=offices/moe/c.yaml ");
        free(list);
        gitsnap_release(&s);
        gitrepo_free(bare);
        free(dir);
}

/* A hidden directory below offices/ is not the repository's: not in the
 * changes, and a copy of a ministry there does not hide the ministry from
 * the search for a moved office. */
static void test_hidden(void **state)
{
        struct fixture *f = *state;
        struct gitsnap a = GITSNAP_INIT, b = GITSNAP_INIT;
        struct gitrepo_absent *absent = gitrepo_absent_new();
        git_commit *c = NULL;
        git_tree *t = NULL;
        char *s, *path = NULL;
        git_oid blob;

        sh(f, GIT_ENV "cp -R offices/lgd offices/.old && git add -A && "
                      "git commit -qm backup");
        assert_int_equal(gitsnap_at(f->r, "HEAD~1", &a, &f->dl), 0);
        assert_int_equal(gitsnap_at(f->r, "HEAD", &b, &f->dl), 0);
        s = changes(f, &a, &b);
        /* what was staged and untracked came along; .old/ did not */
        assert_string_equal(s, "M offices/lgd/a.yaml,A offices/lgd/d.yaml,");
        free(s);
        assert_int_equal(git_commit_lookup(&c, gitrepo_git(f->r), &b.commit),
                         0);
        assert_int_equal(git_commit_tree(&t, c), 0);
        assert_int_equal(gitrepo_find_office(gitrepo_git(f->r), t, "", "a.yaml",
                                             absent, &path, &blob),
                         0);
        assert_string_equal(path, "offices/lgd/a.yaml");
        free(path);
        assert_int_equal(gitrepo_find_office(gitrepo_git(f->r), t, "",
                                             "zz.yaml", absent, &path, &blob),
                         1);
        assert_null(path);
        git_tree_free(t);
        git_commit_free(c);
        gitrepo_absent_free(absent);
        gitsnap_release(&a);
        gitsnap_release(&b);
}

/* A blob over the limit is refused from its header, not inflated. */
static void test_large_blob(void **state)
{
        struct fixture *f = *state;
        struct gitsnap s = GITSNAP_INIT;
        struct strbuf sb = STRBUF_INIT;
        struct rusage before, after;

        sh(f, GIT_ENV "head -c 100000000 /dev/zero > offices/lgd/big.yaml && "
                      "git add offices/lgd/big.yaml && git commit -qm big");
        assert_int_equal(gitsnap_at(f->r, "HEAD", &s, &f->dl), 0);
        getrusage(RUSAGE_SELF, &before);
        errno = 0;
        assert_int_equal(gitsnap_read(f->r, &s, "offices/lgd/big.yaml",
                                      8u << 20, &sb, &f->dl),
                         GITREPO_REFUSED);
        assert_int_equal(errno, EFBIG);
        getrusage(RUSAGE_SELF, &after);
        assert_true(after.ru_maxrss - before.ru_maxrss < 50000); /* KiB */
        assert_string_equal(f->dl.items[f->dl.n - 1].msg,
                            "file is larger than 8 MiB");
        assert_string_equal(f->dl.items[f->dl.n - 1].path,
                            "HEAD:offices/lgd/big.yaml");
        strbuf_release(&sb);
        gitsnap_release(&s);
}

/* roadmap.root may not lead outside the tree. */
static void test_root_outside(void **state)
{
        struct fixture *f = *state;
        struct gitsnap s = GITSNAP_INIT;
        struct gitrepo *r = NULL;

        sh(f, "git config roadmap.root ../..");
        assert_int_equal(gitrepo_open(f->d.root, NULL, 0, &r, &f->dl), 0);
        assert_int_equal(gitsnap_worktree(r, &s, &f->dl), GITREPO_NOT_FOUND);
        assert_non_null(strstr(f->dl.items[f->dl.n - 1].msg,
                               "leads outside the repository's tree"));
        gitsnap_release(&s);
        assert_int_equal(gitsnap_at(r, "HEAD", &s, &f->dl), GITREPO_NOT_FOUND);
        gitsnap_release(&s);
        gitrepo_free(r);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup_teardown(test_revisions, setup, teardown),
            cmocka_unit_test_setup_teardown(test_index_and_work_tree, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
            cmocka_unit_test_setup_teardown(test_roots, setup, teardown),
            cmocka_unit_test_setup_teardown(test_hidden, setup, teardown),
            cmocka_unit_test_setup_teardown(test_large_blob, setup, teardown),
            cmocka_unit_test_setup_teardown(test_root_outside, setup, teardown),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
