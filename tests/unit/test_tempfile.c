/* Unit tests of tempfile: a signal removes the files of the process that
 * registered them, and only those. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "roadmap/tempfile.h"
#include "unit_util.h"

static bool exists(const char *path)
{
        struct stat st;

        return lstat(path, &st) == 0;
}

/* Fork; the child registers nothing of its own, or file, then raises
 * sig.  Returns the child's wait status. */
static int child_raises(int sig, const char *file)
{
        pid_t pid = fork();
        int status;

        assert_true(pid >= 0);
        if (pid == 0) {
                if (file)
                        tempfile_register(file);
                raise(sig);
                _exit(0);
        }
        assert_int_equal(waitpid(pid, &status, 0), pid);
        return status;
}

static void test_signal_removes_own_files_only(void **state)
{
        struct unit_dir d;
        char *mine, *childs;
        int h, status;

        (void)state;
        unit_dir_make(&d, "tempfile");
        put_file(d.root, "mine", "x");
        put_file(d.root, "childs", "y");
        mine = xasprintf("%s/mine", d.root);
        childs = xasprintf("%s/childs", d.root);
        h = tempfile_register(mine);
        assert_true(h >= 0);
        /* a child killed by a signal removes its own file, not ours */
        status = child_raises(SIGTERM, childs);
        assert_true(WIFSIGNALED(status));
        assert_int_equal(WTERMSIG(status), SIGTERM);
        assert_false(exists(childs));
        assert_true(exists(mine));
        status = child_raises(SIGINT, NULL);
        assert_true(WIFSIGNALED(status));
        assert_true(exists(mine));
        tempfile_forget(h);
        assert_true(exists(mine));
        free(mine);
        free(childs);
        unit_dir_remove(&d);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_signal_removes_own_files_only),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
