/* Unit tests of outfile: -o FILE written whole or not at all. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "roadmap/outfile.h"
#include "unit_util.h"

static void test_file_replaced_on_commit(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct outfile of = OUTFILE_INIT;
        struct unit_dir d;
        char *path, *text;

        (void)state;
        unit_dir_make(&d, "outfile");
        put_file(d.root, "out.csv", "old\n");
        path = xasprintf("%s/out.csv", d.root);
        assert_int_equal(
            outfile_open(&of, NULL, path, false, "the report", &dl), 0);
        fputs("new\n", of.fp);
        /* not yet: the old file is whole, the new one beside it */
        text = read_all(path);
        assert_string_equal(text, "old\n");
        free(text);
        assert_int_equal(count_entries(d.root), 2);
        assert_int_equal(outfile_commit(&of, &dl), 0);
        outfile_release(&of);
        text = read_all(path);
        assert_string_equal(text, "new\n");
        free(text);
        assert_int_equal(count_entries(d.root), 1);
        assert_int_equal(dl.n, 0);
        free(path);
        unit_dir_remove(&d);
}

static void test_released_without_commit_leaves_nothing(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct outfile of = OUTFILE_INIT;
        struct unit_dir d;
        char *path;

        (void)state;
        unit_dir_make(&d, "outfile");
        path = xasprintf("%s/book.xlsx", d.root);
        assert_int_equal(
            outfile_open(&of, NULL, path, true, "the workbook", &dl), 0);
        fputs("half", of.fp);
        outfile_release(&of);
        assert_int_equal(count_entries(d.root), 0);
        free(path);
        unit_dir_remove(&d);
}

static void test_link_replaced_not_followed(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct outfile of = OUTFILE_INIT;
        struct unit_dir d;
        char *path, *target, *text;
        struct stat st;

        (void)state;
        unit_dir_make(&d, "outfile");
        put_file(d.root, "target", "kept\n");
        target = xasprintf("%s/target", d.root);
        path = xasprintf("%s/link", d.root);
        assert_int_equal(symlink(target, path), 0);
        assert_int_equal(
            outfile_open(&of, NULL, path, false, "the report", &dl), 0);
        fputs("x\n", of.fp);
        assert_int_equal(outfile_commit(&of, &dl), 0);
        outfile_release(&of);
        text = read_all(target);
        assert_string_equal(text, "kept\n");
        free(text);
        assert_int_equal(lstat(path, &st), 0);
        assert_true(S_ISREG(st.st_mode));
        free(path);
        free(target);
        unit_dir_remove(&d);
}

static void test_directory_and_missing_dir_refused(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct outfile of = OUTFILE_INIT;
        struct unit_dir d;
        char *path;

        (void)state;
        unit_dir_make(&d, "outfile");
        assert_int_equal(
            outfile_open(&of, NULL, d.root, false, "the report", &dl), -1);
        assert_non_null(strstr(dl.items[0].msg, "is a directory"));
        outfile_release(&of);
        path = xasprintf("%s/no/such/file", d.root);
        assert_int_equal(
            outfile_open(&of, NULL, path, false, "the report", &dl), -1);
        assert_non_null(strstr(dl.items[1].msg, "cannot write the report"));
        outfile_release(&of);
        assert_int_equal(count_entries(d.root), 0);
        diag_list_release(&dl);
        free(path);
        unit_dir_remove(&d);
}

/* Each path (relative to the roadmap) is refused, the roadmap untouched. */
static void refused(const char *root, const char *rel)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct outfile of = OUTFILE_INIT;
        char *path = xasprintf("%s/%s", root, rel);

        if (outfile_open(&of, root, path, false, "the report", &dl) != -1)
                fail_msg("-o %s was not refused", rel);
        assert_int_equal(dl.n, 1);
        assert_non_null(strstr(dl.items[0].msg, "roadmap's own file"));
        assert_string_equal(dl.items[0].path, path);
        assert_null(of.fp);
        outfile_release(&of);
        diag_list_release(&dl);
        free(path);
}

static void allowed(const char *root, const char *rel)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct outfile of = OUTFILE_INIT;
        char *path = xasprintf("%s/%s", root, rel);

        if (outfile_open(&of, root, path, false, "the report", &dl) != 0)
                fail_msg("-o %s was refused", rel);
        outfile_release(&of);
        diag_list_release(&dl);
        free(path);
}

static void test_own_files_refused(void **state)
{
        struct unit_dir d;
        char *link, *text;

        (void)state;
        unit_dir_make(&d, "outfile");
        put_file(d.root, "roadmap.yaml", "title: t\n");
        put_file(d.root, "offices/lgd/kcc.yaml", "office\n");
        put_file(d.root, ".git/config", "git\n");
        put_file(d.root, "schema/office.json", "{}\n");
        put_file(d.root, "work/keep", "");
        link = xasprintf("%s/work/to-offices", d.root);
        assert_int_equal(symlink("../offices/lgd", link), 0);
        refused(d.root, "roadmap.yaml");
        refused(d.root, "offices/lgd/kcc.yaml");
        refused(d.root, "offices/lgd/new.yaml");
        refused(d.root, "offices/x.csv");
        refused(d.root, "work/../roadmap.yaml");
        refused(d.root, "./offices/../offices/lgd/kcc.yaml");
        refused(d.root, "work/to-offices/kcc.yaml");
        refused(d.root, ".git/config");
        refused(d.root, ".git/new");
        refused(d.root, "schema/office.json");
        allowed(d.root, "report.csv");
        allowed(d.root, "roadmap.yaml.csv");
        allowed(d.root, "work/offices.csv");
        free(link);
        text = xasprintf("%s/roadmap.yaml", d.root);
        link = read_all(text);
        assert_string_equal(link, "title: t\n");
        free(link);
        free(text);
        text = xasprintf("%s/offices/lgd/kcc.yaml", d.root);
        link = read_all(text);
        assert_string_equal(link, "office\n");
        free(link);
        free(text);
        /* nothing left beside them */
        text = xasprintf("%s/offices/lgd", d.root);
        assert_int_equal(count_entries(text), 1);
        free(text);
        assert_int_equal(count_entries(d.root), 5);
        unit_dir_remove(&d);
}

/* The git directory of the repository that holds the roadmap is refused
 * too: a roadmap in a subdirectory, and a worktree whose .git is a
 * "gitdir:" file with a common directory. */
static void test_git_dir_above_refused(void **state)
{
        struct unit_dir d;
        char *root, *gitfile;

        (void)state;
        unit_dir_make(&d, "outfile");
        put_file(d.root, ".git/HEAD", "ref: refs/heads/main\n");
        put_file(d.root, "rm/roadmap.yaml", "title: t\n");
        root = xasprintf("%s/rm", d.root);
        refused(root, "../.git/HEAD");
        refused(root, "../.git/new");
        allowed(root, "../report.csv");
        free(root);
        /* a worktree: wt/.git names main/.git/worktrees/wt, whose
         * commondir is ../.. */
        put_file(d.root, "main/.git/config", "git\n");
        put_file(d.root, "main/.git/worktrees/wt/commondir", "../..\n");
        put_file(d.root, "wt/roadmap.yaml", "title: t\n");
        gitfile = xasprintf("gitdir: %s/main/.git/worktrees/wt\n", d.root);
        put_file(d.root, "wt/.git", gitfile);
        root = xasprintf("%s/wt", d.root);
        refused(root, "../main/.git/worktrees/wt/HEAD");
        refused(root, "../main/.git/config");
        refused(root, ".git");
        allowed(root, "../main/report.csv");
        free(root);
        free(gitfile);
        unit_dir_remove(&d);
}

static void test_prepare_makes_no_file(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct outfile of = OUTFILE_INIT;
        struct unit_dir d;
        char *path;

        (void)state;
        unit_dir_make(&d, "outfile");
        path = xasprintf("%s/book.xlsx", d.root);
        assert_int_equal(
            outfile_prepare(&of, NULL, path, true, "the workbook", &dl), 0);
        assert_null(of.fp);
        assert_int_equal(count_entries(d.root), 0);
        assert_int_equal(outfile_start(&of, &dl), 0);
        assert_non_null(of.fp);
        assert_int_equal(count_entries(d.root), 1);
        outfile_release(&of);
        assert_int_equal(count_entries(d.root), 0);
        /* an empty name, a directory that is not there: refused at once */
        assert_int_equal(
            outfile_prepare(&of, NULL, "", true, "the workbook", &dl), -1);
        outfile_release(&of);
        free(path);
        path = xasprintf("%s/no/book.xlsx", d.root);
        assert_int_equal(
            outfile_prepare(&of, NULL, path, true, "the workbook", &dl), -1);
        outfile_release(&of);
        assert_int_equal(dl.n, 2);
        diag_list_release(&dl);
        free(path);
        unit_dir_remove(&d);
}

/* A child writes half the output, then sig ends it: no file is left. */
static void killed_by(int sig)
{
        struct outfile of = OUTFILE_INIT;
        struct diag_list dl = DIAG_LIST_INIT;
        struct unit_dir d;
        char *path;
        pid_t pid;
        int status;

        unit_dir_make(&d, "outfile");
        path = xasprintf("%s/out.csv", d.root);
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
                if (outfile_open(&of, NULL, path, false, "the report", &dl) !=
                        0 ||
                    fputs("half", of.fp) < 0 || fflush(of.fp) != 0 ||
                    count_entries(d.root) != 1)
                        _exit(3);
                raise(sig);
                _exit(4); /* not reached */
        }
        assert_int_equal(waitpid(pid, &status, 0), pid);
        if (!WIFSIGNALED(status) || WTERMSIG(status) != sig)
                fail_msg("signal %d: the child ended with status %#x", sig,
                         status);
        assert_int_equal(count_entries(d.root), 0);
        free(path);
        unit_dir_remove(&d);
}

static void test_signal_leaves_no_temporary_file(void **state)
{
        (void)state;
        killed_by(SIGINT);
        killed_by(SIGTERM);
        killed_by(SIGHUP);
        killed_by(SIGPIPE);
        killed_by(SIGQUIT);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_file_replaced_on_commit),
            cmocka_unit_test(test_released_without_commit_leaves_nothing),
            cmocka_unit_test(test_link_replaced_not_followed),
            cmocka_unit_test(test_directory_and_missing_dir_refused),
            cmocka_unit_test(test_own_files_refused),
            cmocka_unit_test(test_git_dir_above_refused),
            cmocka_unit_test(test_prepare_makes_no_file),
            cmocka_unit_test(test_signal_leaves_no_temporary_file),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
