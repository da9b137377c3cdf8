/* Unit tests of txn: the create, replace and write modes, the verify
 * callback, the directory fsync, and the edit mode on top. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "roadmap/txn.h"
#include "unit_util.h"

static struct unit_dir d;

static int setup(void **state)
{
        unit_dir_make(&d, "txn");
        return 0;
}

static int teardown(void **state)
{
        lockfile_set_fault(NULL);
        unit_dir_remove(&d);
        return 0;
}

static char *at(const char *rel)
{
        return xasprintf("%s/%s", d.root, rel);
}

static int calls;

/* Counts the verify calls; refuses text that begins with "bad". */
static int verify(const char *display, const char *buf, size_t len, void *arg,
                  struct diag_list *dl)
{
        calls++;
        if (len < 3 || memcmp(buf, "bad", 3) != 0)
                return 0;
        diag_error(dl, display, 1, 1, "bad text");
        return -1;
}

static void test_create_makes_directories(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *path = at("a/b/new.yaml"), *got;
        struct txn t;
        struct stat st;

        calls = 0;
        txn_init(&t);
        assert_int_equal(txn_begin_create(&t, path, "new.yaml", &dl), 0);
        assert_false(t.exists);
        assert_int_equal(txn_commit(&t, "x: 1\n", 5, verify, NULL, &dl), 0);
        assert_true(t.changed);
        assert_int_equal(calls, 1);
        txn_release(&t);
        txn_release(&t); /* a second release is harmless */
        got = read_all(path);
        assert_string_equal(got, "x: 1\n");
        assert_int_equal(stat(path, &st), 0);
        assert_int_equal(st.st_mode & 0111, 0);
        assert_int_equal(dl.n, 0);
        free(got);
        free(path);
}

static void test_create_refuses_existing(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *path = at("old.yaml"), *link = at("dangling"), *got;
        struct txn t;

        put_file(d.root, "old.yaml", "mine\n");
        txn_init(&t);
        assert_int_equal(txn_begin_create(&t, path, "old.yaml", &dl), -1);
        assert_true(t.exists);
        txn_release(&t);
        assert_int_equal(dl.n, 1);
        assert_string_equal(dl.items[0].path, "old.yaml");
        assert_non_null(strstr(dl.items[0].msg, "already exists"));
        got = read_all(path);
        assert_string_equal(got, "mine\n");
        free(got);
        /* a link to nothing is there too */
        assert_int_equal(symlink("nowhere", link), 0);
        txn_init(&t);
        assert_int_equal(txn_begin_create(&t, link, "dangling", &dl), -1);
        txn_release(&t);
        assert_int_equal(dl.n, 2);
        assert_int_equal(count_entries(d.root), 2);
        diag_list_release(&dl);
        free(path);
        free(link);
}

static void test_failed_verify_writes_nothing(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *path = at("f.yaml"), *fresh = at("g.yaml"), *got;
        struct txn t;

        put_file(d.root, "f.yaml", "good: 1\n");
        txn_init(&t);
        assert_int_equal(txn_begin_replace(&t, path, "f.yaml", &dl), 0);
        assert_string_equal(t.old.buf, "good: 1\n");
        assert_int_equal(txn_commit(&t, "bad: 1\n", 7, verify, NULL, &dl), -1);
        assert_true(t.rejected);
        assert_false(t.changed);
        got = read_all(path);
        assert_string_equal(got, "good: 1\n");
        free(got);
        assert_int_equal(count_entries(d.root), 1);
        /* the transaction is still open: a good text goes in */
        assert_int_equal(txn_commit(&t, "good: 2\n", 8, verify, NULL, &dl), 0);
        assert_false(t.rejected);
        assert_true(t.changed);
        txn_release(&t);
        got = read_all(path);
        assert_string_equal(got, "good: 2\n");
        free(got);
        /* nor is a refused new file created */
        txn_init(&t);
        assert_int_equal(txn_begin_create(&t, fresh, "g.yaml", &dl), 0);
        assert_int_equal(txn_commit(&t, "bad\n", 4, verify, NULL, &dl), -1);
        txn_release(&t);
        assert_int_equal(access(fresh, F_OK), -1);
        assert_int_equal(count_entries(d.root), 1);
        assert_int_equal(dl.n, 2);
        diag_list_release(&dl);
        free(path);
        free(fresh);
}

static void test_unchanged_and_changed_behind(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *path = at("f.yaml"), *got;
        struct stat before, after;
        struct txn t;

        put_file(d.root, "f.yaml", "a: 1\n");
        assert_int_equal(stat(path, &before), 0);
        txn_init(&t);
        assert_int_equal(txn_begin_replace(&t, path, "f.yaml", &dl), 0);
        assert_int_equal(txn_commit(&t, "a: 1\n", 5, NULL, NULL, &dl), 0);
        assert_false(t.changed);
        assert_int_equal(stat(path, &after), 0);
        assert_int_equal(before.st_ino, after.st_ino);
        /* unchanged text is not verified either: nothing to refuse */
        txn_release(&t);
        put_file(d.root, "f.yaml", "bad: 1\n");
        txn_init(&t);
        assert_int_equal(txn_begin_replace(&t, path, "f.yaml", &dl), 0);
        calls = 0;
        assert_int_equal(txn_commit(&t, "bad: 1\n", 7, verify, NULL, &dl), 0);
        assert_int_equal(calls, 0);
        assert_false(t.rejected);
        assert_false(t.changed);
        assert_int_equal(dl.n, 0);
        txn_release(&t);
        put_file(d.root, "f.yaml", "a: 1\n");
        txn_init(&t);
        assert_int_equal(txn_begin_replace(&t, path, "f.yaml", &dl), 0);
        /* something other than roadmap writes it meanwhile */
        put_file(d.root, "f.yaml", "a: 3\n");
        assert_int_equal(txn_commit(&t, "a: 2\n", 5, NULL, NULL, &dl), -1);
        txn_release(&t);
        got = read_all(path);
        assert_string_equal(got, "a: 3\n");
        assert_int_equal(dl.n, 1);
        assert_non_null(strstr(dl.items[0].msg, "changed since it was read"));
        diag_list_release(&dl);
        free(got);
        free(path);
}

static void test_write_mode_and_executable(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *path = at("hooks/pre-commit"), *got;
        struct stat st;
        struct txn t;
        mode_t mask = umask(022);

        txn_init(&t);

        assert_int_equal(txn_begin_write(&t, path, "pre-commit", &dl), 0);
        assert_false(t.exists);
        t.executable = true;
        assert_int_equal(txn_commit(&t, "#!/bin/sh\n", 10, NULL, NULL, &dl), 0);
        txn_release(&t);
        assert_int_equal(stat(path, &st), 0);
        assert_int_equal(st.st_mode & 0777, 0755);
        /* again: replaced, and a hook made not executable becomes so */
        assert_int_equal(chmod(path, 0640), 0);
        txn_init(&t);
        assert_int_equal(txn_begin_write(&t, path, "pre-commit", &dl), 0);
        assert_true(t.exists);
        t.executable = true;
        assert_int_equal(txn_commit(&t, "#!/bin/sh\n:\n", 12, NULL, NULL, &dl),
                         0);
        txn_release(&t);
        assert_int_equal(stat(path, &st), 0);
        assert_int_equal(st.st_mode & 0777, 0750);
        got = read_all(path);
        assert_string_equal(got, "#!/bin/sh\n:\n");
        assert_int_equal(dl.n, 0);
        umask(mask);
        free(got);
        free(path);
}

static int fail_fsyncdir(const char *op)
{
        return strcmp(op, "fsyncdir") == 0 ? EIO : 0;
}

/* The directory sync of each mode fails: a create leaves no file, a
 * replace puts the old text back, and the message says so. */
static void test_directory_fsync(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *path = at("f.yaml"), *fresh = at("n/g.yaml"), *dir = at("n");
        char *got;
        struct txn t;

        put_file(d.root, "f.yaml", "a: 1\n");
        lockfile_set_fault(fail_fsyncdir);
        txn_init(&t);
        assert_int_equal(txn_begin_replace(&t, path, "f.yaml", &dl), 0);
        assert_int_equal(txn_commit(&t, "a: 2\n", 5, NULL, NULL, &dl), -1);
        assert_false(t.changed);
        txn_release(&t);
        txn_init(&t);
        assert_int_equal(txn_begin_create(&t, fresh, "n/g.yaml", &dl), 0);
        assert_int_equal(txn_commit(&t, "b: 1\n", 5, NULL, NULL, &dl), -1);
        txn_release(&t);
        lockfile_set_fault(NULL);
        got = read_all(path);
        assert_string_equal(got, "a: 1\n");
        assert_int_equal(access(fresh, F_OK), -1);
        assert_int_equal(count_entries(d.root), 2); /* f.yaml, n/ */
        assert_int_equal(count_entries(dir), 0);
        assert_int_equal(dl.n, 2);
        assert_non_null(strstr(dl.items[0].msg, "cannot sync its directory"));
        assert_non_null(strstr(dl.items[1].msg, "cannot sync its directory"));
        diag_list_release(&dl);
        free(got);
        free(path);
        free(fresh);
        free(dir);
}

static const char roadmap_yaml[] = "roadmap: 1\n"
                                   "title: T\n"
                                   "ministries: []\n";

/* The edit mode: an intent is spliced in and verified; an invalid file is
 * refused before any edit. */
static void test_edit_mode(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *path = at("roadmap.yaml"), *got;
        struct edit_txn t;

        put_file(d.root, "roadmap.yaml", roadmap_yaml);
        assert_int_equal(
            edit_txn_begin(&t, EDIT_ROADMAP, path, "roadmap.yaml", NULL, &dl),
            0);
        assert_int_equal(edit_set(&t.edit, t.before.doc.root, "title",
                                  yval_str(&t.edit, "New"), NULL, &dl),
                         0);
        assert_int_equal(edit_txn_commit(&t, &dl), 0);
        assert_true(t.changed);
        edit_txn_release(&t);
        got = read_all(path);
        assert_string_equal(got, "roadmap: 1\ntitle: New\nministries: []\n");
        free(got);
        put_file(d.root, "roadmap.yaml", "roadmap: 1\n");
        assert_int_equal(
            edit_txn_begin(&t, EDIT_ROADMAP, path, "roadmap.yaml", NULL, &dl),
            -1);
        edit_txn_release(&t);
        assert_true(dl.n >= 2);
        assert_non_null(strstr(dl.items[dl.n - 1].msg, "invalid file"));
        diag_list_release(&dl);
        free(path);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup_teardown(test_create_makes_directories,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(test_create_refuses_existing, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_failed_verify_writes_nothing,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(test_unchanged_and_changed_behind,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(test_write_mode_and_executable,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(test_directory_fsync, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_edit_mode, setup, teardown),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
