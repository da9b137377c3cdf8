/* Unit tests of lockfile: locking, atomic replace, every failing call. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "roadmap/lockfile.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"
#include "unit_util.h"

static char dir[64];
static char file[128];

static void write_file(const char *path, const char *s)
{
        FILE *fp = fopen(path, "w");

        assert_non_null(fp);
        fputs(s, fp);
        assert_int_equal(fclose(fp), 0);
}

static int setup(void **state)
{
        strcpy(dir, "/tmp/roadmap-lockfile.XXXXXX");
        assert_non_null(mkdtemp(dir));
        snprintf(file, sizeof file, "%s/office.yaml", dir);
        write_file(file, "roadmap: 1\n");
        chmod(file, 0640);
        return 0;
}

static int teardown(void **state)
{
        char *cmd = xasprintf("rm -rf '%s'", dir);

        assert_int_equal(system(cmd), 0);
        free(cmd);
        lockfile_set_fault(NULL);
        return 0;
}

static void test_replace(void **state)
{
        struct lockfile lk;
        struct diag_list dl = DIAG_LIST_INIT;
        struct stat st;
        char *got;

        assert_int_equal(lockfile_hold(&lk, file, "office.yaml", 0, &dl), 0);
        assert_int_equal(
            lockfile_replace(&lk, "roadmap: 2\n", 11, "roadmap: 1\n", 11, &dl),
            0);
        lockfile_release(&lk);
        got = read_all(file);
        assert_string_equal(got, "roadmap: 2\n");
        free(got);
        assert_int_equal(stat(file, &st), 0);
        assert_int_equal(st.st_mode & 07777, 0640);
        assert_int_equal(count_entries(dir), 1);
        assert_int_equal(dl.n, 0);
        lockfile_release(&lk); /* a second release is harmless */
}

static const char *fail_op;
static int fail_nth, seen;

static int fault(const char *op)
{
        if (strcmp(op, fail_op) == 0 && ++seen == fail_nth)
                return EIO;
        return 0;
}

/* Replace "roadmap: 1" by "roadmap: 2" under the fault hook f, which must
 * make it fail; the file then holds want, alone in its directory, and dl
 * one finding. */
static void replace_failing(int (*f)(const char *op), const char *want,
                            struct diag_list *dl)
{
        struct lockfile lk;
        char *got;

        seen = 0;
        lockfile_set_fault(f);
        assert_int_equal(lockfile_hold(&lk, file, "office.yaml", 0, dl), 0);
        assert_int_equal(
            lockfile_replace(&lk, "roadmap: 2\n", 11, "roadmap: 1\n", 11, dl),
            -1);
        lockfile_release(&lk);
        lockfile_set_fault(NULL);
        got = read_all(file);
        assert_string_equal(got, want);
        free(got);
        assert_int_equal(count_entries(dir), 1);
        assert_int_equal(dl->n, 1);
}

static void check_fault(const char *op, int nth, const char *msg)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *formatted;

        fail_op = op;
        fail_nth = nth;
        replace_failing(fault, "roadmap: 1\n", &dl);
        formatted = diag_format(&dl.items[0]);
        assert_non_null(strstr(formatted, "office.yaml"));
        assert_non_null(strstr(formatted, msg));
        assert_non_null(strstr(formatted, strerror(EIO)));
        free(formatted);
        diag_list_release(&dl);
}

static void test_every_fault(void **state)
{
        check_fault("open", 1, "cannot create a temporary file");
        check_fault("fchmod", 1, "cannot write a temporary file");
        check_fault("write", 1, "cannot write a temporary file");
        check_fault("fsync", 1, "cannot sync a temporary file");
        check_fault("close", 1, "cannot close a temporary file");
        check_fault("rename", 1, "cannot replace it");
        /* The rename happened: the original must be put back. */
        check_fault("fsyncdir", 1, "cannot sync its directory");
}

/* Every directory sync fails and every file sync after the first. */
static int sync_fails(const char *op)
{
        if (strcmp(op, "fsyncdir") == 0)
                return EIO;
        if (strcmp(op, "fsync") == 0 && ++seen > 1)
                return EIO;
        return 0;
}

static int fail_sync_and_unlink(const char *op)
{
        return strcmp(op, "fsyncdir") == 0 || strcmp(op, "unlink") == 0 ? EIO
                                                                        : 0;
}

/* The directory sync fails and so does the roll-back: the file holds the
 * change, whole, and the error says so. */
static void test_roll_back_fails(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;

        replace_failing(sync_fails, "roadmap: 2\n", &dl);
        assert_non_null(strstr(dl.items[0].msg, "cannot sync its directory"));
        assert_non_null(strstr(dl.items[0].msg, "the file holds the change"));
        assert_non_null(strstr(dl.items[0].hint, "'git diff' shows it"));
        diag_list_release(&dl);
}

static void test_create(void **state)
{
        struct lockfile lk;
        struct diag_list dl = DIAG_LIST_INIT;
        char *path = xasprintf("%s/new.yaml", dir);
        char *got;

        assert_int_equal(lockfile_hold_new(&lk, file, NULL, 0, &dl), 0);
        assert_int_equal(lockfile_create(&lk, "x: 1\n", 5, &dl), -1);
        assert_int_equal(dl.n, 1);
        assert_non_null(strstr(dl.items[0].msg, "cannot create it"));
        lockfile_release(&lk);
        got = read_all(file);
        assert_string_equal(got, "roadmap: 1\n");
        free(got);
        assert_int_equal(count_entries(dir), 1);

        assert_int_equal(lockfile_hold_new(&lk, path, NULL, 0, &dl), 0);
        assert_int_equal(lockfile_create(&lk, "x: 1\n", 5, &dl), 0);
        lockfile_release(&lk);
        got = read_all(path);
        assert_string_equal(got, "x: 1\n");
        free(got);
        assert_int_equal(count_entries(dir), 2);

        /* A failing directory sync removes the new file again. */
        unlink(path);
        fail_op = "fsyncdir";
        fail_nth = 1;
        seen = 0;
        lockfile_set_fault(fault);
        assert_int_equal(lockfile_hold_new(&lk, path, NULL, 0, &dl), 0);
        assert_int_equal(lockfile_create(&lk, "x: 1\n", 5, &dl), -1);
        lockfile_release(&lk);
        lockfile_set_fault(NULL);
        assert_int_equal(count_entries(dir), 1);

        /* ... and if it cannot be removed, the error says it is there. */
        lockfile_set_fault(fail_sync_and_unlink);
        diag_list_release(&dl);
        assert_int_equal(lockfile_hold_new(&lk, path, NULL, 0, &dl), 0);
        assert_int_equal(lockfile_create(&lk, "x: 1\n", 5, &dl), -1);
        lockfile_release(&lk);
        lockfile_set_fault(NULL);
        got = read_all(path);
        assert_string_equal(got, "x: 1\n");
        free(got);
        assert_int_equal(count_entries(dir), 2);
        assert_int_equal(dl.n, 1);
        assert_non_null(strstr(dl.items[0].msg, "the file is there"));
        free(path);
        diag_list_release(&dl);
}

static void test_missing_directory(void **state)
{
        struct lockfile lk;
        struct diag_list dl = DIAG_LIST_INIT;
        char *path = xasprintf("%s/no/such/x.yaml", dir);

        assert_int_equal(lockfile_hold(&lk, path, "x.yaml", 0, &dl), -1);
        assert_int_equal(dl.n, 1);
        assert_non_null(strstr(dl.items[0].msg, "cannot open its directory"));
        lockfile_release(&lk);
        free(path);
        diag_list_release(&dl);
}

/* A child holds the lock: a second writer times out; once the child is
 * killed, the lock is free at once. */
static void test_contention_and_kill(void **state)
{
        struct lockfile lk;
        struct diag_list dl = DIAG_LIST_INIT;
        int pipefd[2];
        pid_t pid;
        char c;

        assert_int_equal(pipe(pipefd), 0);
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
                struct diag_list cdl = DIAG_LIST_INIT;
                if (lockfile_hold(&lk, file, NULL, 0, &cdl) != 0)
                        _exit(1);
                if (write(pipefd[1], "x", 1) != 1)
                        _exit(1);
                pause();
                _exit(0);
        }
        assert_int_equal(read(pipefd[0], &c, 1), 1);
        assert_int_equal(lockfile_hold(&lk, file, "office.yaml", 100, &dl), -1);
        assert_int_equal(dl.n, 1);
        assert_non_null(strstr(dl.items[0].msg, "cannot lock"));
        lockfile_release(&lk);
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        assert_int_equal(lockfile_hold(&lk, file, "office.yaml", 100, &dl), 0);
        lockfile_release(&lk);
        close(pipefd[0]);
        close(pipefd[1]);
        assert_int_equal(count_entries(dir), 1);
        diag_list_release(&dl);
}

/* Read-modify-write under the lock: no writer loses another's change. */
static void test_concurrent_appends(void **state)
{
        enum { N = 24 };
        pid_t pids[N];
        char *got, *line;
        int i, status, lines = 0;

        for (i = 0; i < N; i++) {
                pids[i] = fork();
                assert_true(pids[i] >= 0);
                if (pids[i] == 0) {
                        struct lockfile lk;
                        struct diag_list cdl = DIAG_LIST_INIT;
                        struct strbuf sb, old;
                        strbuf_init(&sb);
                        strbuf_init(&old);
                        if (lockfile_hold(&lk, file, NULL, 10000, &cdl) != 0)
                                _exit(1);
                        if (strbuf_read_file(&old, file, 1 << 20) != 0)
                                _exit(1);
                        strbuf_add(&sb, old.buf, old.len);
                        strbuf_addf(&sb, "w%d: %d\n", i, i);
                        if (lockfile_replace(&lk, sb.buf, sb.len, old.buf,
                                             old.len, &cdl) != 0)
                                _exit(1);
                        lockfile_release(&lk);
                        _exit(0);
                }
        }
        for (i = 0; i < N; i++) {
                assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
                assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
        }
        got = read_all(file);
        for (i = 0; i < N; i++) {
                char want[32];
                snprintf(want, sizeof want, "\nw%d: %d\n", i, i);
                assert_non_null(strstr(got, want));
        }
        for (line = got; *line; line++)
                lines += *line == '\n';
        assert_int_equal(lines, N + 1);
        free(got);
        assert_int_equal(count_entries(dir), 1);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup_teardown(test_replace, setup, teardown),
            cmocka_unit_test_setup_teardown(test_every_fault, setup, teardown),
            cmocka_unit_test_setup_teardown(test_roll_back_fails, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_create, setup, teardown),
            cmocka_unit_test_setup_teardown(test_missing_directory, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_contention_and_kill, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_concurrent_appends, setup,
                                            teardown),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
