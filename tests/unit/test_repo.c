/* Unit tests of repo: the root, the listing of offices and its one rule for
 * what is below offices/, finding an office, display paths. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "roadmap/lockfile.h"
#include "roadmap/repo.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"
#include "unit_util.h"

static struct unit_dir dir;
static char *root; /* dir.root: the repository */

/* Make root/rel, with the directories on the way, holding text. */
static void put(const char *rel, const char *text)
{
        put_file(root, rel, text);
}

static void mkdirs(const char *rel)
{
        char *keep = xasprintf("%s/.keep", rel);

        put(keep, "");
        free(keep);
}

static char *at(const char *rel)
{
        return xasprintf("%s/%s", root, rel);
}

/* Set the modification time of root/rel seconds ago. */
static void age(const char *rel, long seconds)
{
        char *path = at(rel);
        struct timeval tv[2];

        gettimeofday(&tv[0], NULL);
        tv[0].tv_sec -= seconds;
        tv[1] = tv[0];
        assert_int_equal(lutimes(path, tv), 0);
        free(path);
}

static int setup(void **state)
{
        unit_dir_make(&dir, "repo");
        root = dir.root;
        put(REPO_MARKER, "roadmap: 1\n");
        return 0;
}

static int teardown(void **state)
{
        unit_dir_remove(&dir);
        return 0;
}

/* The errors of dl, formatted, one a line; the caller frees. */
static char *errors(struct diag_list *dl)
{
        struct strbuf sb;
        size_t i;

        strbuf_init(&sb);
        diag_sort(dl);
        for (i = 0; i < dl->n; i++) {
                char *s = diag_format(&dl->items[i]);

                strbuf_addf(&sb, "%s\n", s);
                free(s);
        }
        return strbuf_detach(&sb, NULL);
}

static void test_find_root(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *start, *found;

        mkdirs("offices/lgd/deeper");
        start = at("offices/lgd/deeper");
        found = repo_find_root(start, &dl);
        assert_non_null(found);
        assert_string_equal(found, root);
        free(found);
        free(start);
        /* a relative start, and the root itself */
        assert_int_equal(chdir(root), 0);
        found = repo_find_root("offices/lgd", &dl);
        assert_string_equal(found, root);
        free(found);
        found = repo_find_root(".", &dl);
        assert_string_equal(found, root);
        free(found);
        assert_int_equal(dl.n, 0);

        /* the nearest marker wins */
        put("offices/lgd/roadmap.yaml", "roadmap: 1\n");
        start = at("offices/lgd/deeper");
        found = repo_find_root(start, &dl);
        assert_non_null(found);
        assert_non_null(strstr(found, "/offices/lgd"));
        assert_int_equal(strlen(found), strlen(root) + strlen("/offices/lgd"));
        free(found);
        free(start);
        assert_int_equal(chdir(dir.saved), 0);
}

static void test_find_root_errors(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *start, *s;

        /* no marker up to / (a directory named roadmap.yaml is none) */
        start = at("sub");
        assert_int_equal(mkdir(start, 0755), 0);
        free(start);
        s = at(REPO_MARKER);
        assert_int_equal(unlink(s), 0);
        assert_int_equal(mkdir(s, 0755), 0);
        free(s);
        start = at("sub");
        assert_null(repo_find_root(start, &dl));
        free(start);
        assert_int_equal(diag_count(&dl, DIAG_ERROR), 1);
        s = errors(&dl);
        assert_string_equal(s, "roadmap: error: not a roadmap repository (or "
                               "any parent up to '/'): no roadmap.yaml "
                               "found\n");
        assert_non_null(dl.items[0].hint);
        free(s);
        diag_list_release(&dl);

        /* a start that does not exist */
        start = at("no-such-dir");
        assert_null(repo_find_root(start, &dl));
        assert_int_equal(diag_count(&dl, DIAG_ERROR), 1);
        assert_non_null(strstr(dl.items[0].msg, "cannot resolve"));
        assert_non_null(strstr(dl.items[0].msg, "no-such-dir"));
        free(start);
        diag_list_release(&dl);
}

static void test_list_in_byte_order(void **state)
{
        struct office_list l = OFFICE_LIST_INIT;
        struct diag_list dl = DIAG_LIST_INIT;
        static const char *const want[] = {
            "offices/a-b/z.yaml", "offices/a/b/c.yaml",      "offices/a/y.yaml",
            "offices/a/yy.yaml",  "offices/b.yaml.d/x.yaml", "offices/top.yaml",
        };
        size_t i;

        put("offices/top.yaml", "");
        put("offices/a/yy.yaml", "");
        put("offices/a/y.yaml", "");
        put("offices/a/b/c.yaml", "");
        put("offices/a-b/z.yaml", "");
        /* a directory named *.yaml is walked, not an office */
        put("offices/b.yaml.d/x.yaml", "");
        /* not offices: other suffixes, hidden entries, a bare .yaml */
        put("offices/a/notes.txt", "");
        put("offices/a/x.yml", "");
        put("offices/a/x.YAML", "");
        put("offices/a/.hidden.yaml", "");
        put("offices/.git/config.yaml", "");
        put("offices/a/.yaml", "");
        put("README.yaml", "");
        assert_int_equal(repo_list_offices(root, &l, &dl), 0);
        assert_int_equal(dl.n, 0);
        assert_int_equal(l.n, sizeof want / sizeof want[0]);
        for (i = 0; i < l.n; i++)
                assert_string_equal(l.items[i].path, want[i]);
        assert_string_equal(l.items[0].id, "z");
        assert_string_equal(l.items[1].id, "c");
        assert_string_equal(l.items[5].id, "top");
        assert_int_equal(l.nleftovers, 0);

        /* find by id, at any depth */
        assert_ptr_equal(repo_office_find(&l, "c"), &l.items[1]);
        assert_ptr_equal(repo_office_find(&l, "yy"), &l.items[3]);
        assert_null(repo_office_find(&l, "y.yaml"));
        assert_null(repo_office_find(&l, "nope"));
        repo_office_list_release(&l);
        assert_null(l.items);
        assert_int_equal(l.n, 0);
        repo_office_list_release(&l); /* twice is fine */
}

static void test_list_without_offices(void **state)
{
        struct office_list l = OFFICE_LIST_INIT;
        struct diag_list dl = DIAG_LIST_INIT;
        char *s;

        assert_int_equal(repo_list_offices(root, &l, &dl), 0);
        assert_int_equal(l.n, 0);
        assert_int_equal(dl.n, 0);
        repo_office_list_release(&l);

        /* offices/ that is a file */
        put("offices", "x\n");
        assert_int_equal(repo_list_offices(root, &l, &dl), -1);
        assert_int_equal(l.n, 0);
        s = errors(&dl);
        assert_non_null(strstr(s, "offices"));
        free(s);
        repo_office_list_release(&l);
        diag_list_release(&dl);
}

/* A symbolic link anywhere, or a *.yaml that is not a regular file, is an
 * error; the list still holds every office found. */
static void test_links_and_special_files(void **state)
{
        struct office_list l = OFFICE_LIST_INIT;
        struct diag_list dl = DIAG_LIST_INIT;
        char *p, *s;

        put("offices/a/good.yaml", "");
        put("offices/z/last.yaml", "");
        put("elsewhere/secret.yaml", "");
        p = at("offices/a/link.yaml");
        assert_int_equal(symlink("../../elsewhere/secret.yaml", p), 0);
        free(p);
        p = at("offices/a/link-to-dir");
        assert_int_equal(symlink("../../elsewhere", p), 0);
        free(p);
        p = at("offices/a/dangling.txt");
        assert_int_equal(symlink("nowhere", p), 0);
        free(p);
        p = at("offices/a/pipe.yaml");
        assert_int_equal(mkfifo(p, 0644), 0);
        free(p);
        p = at("offices/a/pipe.txt"); /* not a *.yaml: not looked at */
        assert_int_equal(mkfifo(p, 0644), 0);
        free(p);

        assert_int_equal(repo_list_offices(root, &l, &dl), -1);
        assert_int_equal(l.n, 2);
        assert_string_equal(l.items[0].path, "offices/a/good.yaml");
        assert_string_equal(l.items[1].path, "offices/z/last.yaml");
        assert_int_equal(diag_count(&dl, DIAG_ERROR), 4);
        s = errors(&dl);
        assert_non_null(strstr(s, "offices/a/link.yaml"));
        assert_non_null(strstr(s, "offices/a/link-to-dir"));
        assert_non_null(strstr(s, "offices/a/dangling.txt"));
        assert_non_null(strstr(s, "offices/a/pipe.yaml"));
        assert_null(strstr(s, "pipe.txt"));
        assert_null(strstr(s, "secret"));
        assert_non_null(strstr(s, "symbolic link"));
        assert_non_null(strstr(s, "FIFO"));
        free(s);
        repo_office_list_release(&l);
        diag_list_release(&dl);

        /* offices/ itself a link */
        p = at("offices");
        s = at("moved");
        assert_int_equal(rename(p, s), 0);
        assert_int_equal(symlink("moved", p), 0);
        free(p);
        free(s);
        assert_int_equal(repo_list_offices(root, &l, &dl), -1);
        assert_int_equal(l.n, 0);
        assert_int_equal(diag_count(&dl, DIAG_ERROR), 1);
        assert_non_null(strstr(dl.items[0].msg, "symbolic link"));
        repo_office_list_release(&l);
        diag_list_release(&dl);
}

static void test_nested_too_deep(void **state)
{
        struct office_list l = OFFICE_LIST_INIT;
        struct diag_list dl = DIAG_LIST_INIT;
        char rel[256] = "offices", file[300];
        int i;

        /* 16 levels below offices/ are walked, the 17th is refused */
        for (i = 0; i < 16; i++)
                strcat(rel, "/d");
        snprintf(file, sizeof file, "%s/deep.yaml", rel);
        put(file, "");
        assert_int_equal(repo_list_offices(root, &l, &dl), 0);
        assert_int_equal(l.n, 1);
        assert_string_equal(l.items[0].id, "deep");
        repo_office_list_release(&l);
        strcat(rel, "/d");
        snprintf(file, sizeof file, "%s/deeper.yaml", rel);
        put(file, "");
        assert_int_equal(repo_list_offices(root, &l, &dl), -1);
        assert_int_equal(l.n, 1);
        assert_int_equal(diag_count(&dl, DIAG_ERROR), 1);
        assert_string_equal(dl.items[0].msg, "directories nested too deep");
        assert_string_equal(dl.items[0].path, rel);
        repo_office_list_release(&l);
        diag_list_release(&dl);
}

/* Temporary files of interrupted writes: listed as leftovers once they
 * are stale, never as offices; other hidden files are not looked at. */
static void test_stale_temporary_files(void **state)
{
        struct office_list l = OFFICE_LIST_INIT;
        struct diag_list dl = DIAG_LIST_INIT;
        char *p;

        put("offices/lgd/lged.yaml", "");
        put("offices/lgd/.lged.yaml.Ab12Cd", "");
        put("offices/lgd/.lged.yaml.fresh1", "");
        put("offices/.top.yaml.zz99ZZ", "");
        put("offices/lgd/.lged.yaml.short", "");  /* not a temp name */
        put("offices/lgd/.notes.txt.Ab12Cd", ""); /* not of a .yaml */
        put(".roadmap.yaml.Qw34Er", "");
        put(".roadmap.yaml.new123", "");
        put(".other.yaml.Qw34Er", "");     /* beside the marker, only its own */
        put("..gitattributes.Zx09Yw", ""); /* git-setup's */
        age("offices/lgd/.lged.yaml.Ab12Cd", LOCKFILE_STALE_SECONDS + 5);
        age("offices/.top.yaml.zz99ZZ", 3600);
        age("offices/lgd/.lged.yaml.short", 3600);
        age("offices/lgd/.notes.txt.Ab12Cd", 3600);
        age(".roadmap.yaml.Qw34Er", 3600);
        age(".other.yaml.Qw34Er", 3600);
        age("..gitattributes.Zx09Yw", 3600);
        age("offices/lgd/.lged.yaml.fresh1", LOCKFILE_STALE_SECONDS - 10);
        /* a stale link with a temporary name is not a file to report */
        p = at("offices/lgd/.lged.yaml.Link99");
        assert_int_equal(symlink("lged.yaml", p), 0);
        free(p);
        age("offices/lgd/.lged.yaml.Link99", 3600);

        assert_int_equal(repo_list_offices(root, &l, &dl), 0);
        assert_int_equal(dl.n, 0);
        assert_int_equal(l.n, 1);
        assert_string_equal(l.items[0].path, "offices/lgd/lged.yaml");
        assert_int_equal(l.nleftovers, 4);
        assert_string_equal(l.leftovers[0], "..gitattributes.Zx09Yw");
        assert_string_equal(l.leftovers[1], ".roadmap.yaml.Qw34Er");
        assert_string_equal(l.leftovers[2], "offices/.top.yaml.zz99ZZ");
        assert_string_equal(l.leftovers[3], "offices/lgd/.lged.yaml.Ab12Cd");
        repo_office_list_release(&l);
        assert_null(l.leftovers);
}

static void test_quick_find(void **state)
{
        size_t count = 99;
        char *p, *found;

        /* no offices directory */
        assert_null(repo_quick_find(root, "lged", &count));
        assert_int_equal(count, 0);

        put("offices/lgd/lged.yaml", "");
        put("offices/lgd/dphe.yaml", "");
        put("offices/mopa/bpsc.yaml", "");
        put("offices/top.yaml", "");
        put("offices/a/b/deep.yaml", "");
        found = repo_quick_find(root, "lged", &count);
        assert_string_equal(found, "offices/lgd/lged.yaml");
        assert_int_equal(count, 1);
        free(found);
        found = repo_quick_find(root, "bpsc", NULL);
        assert_string_equal(found, "offices/mopa/bpsc.yaml");
        free(found);
        found = repo_quick_find(root, "top", &count);
        assert_string_equal(found, "offices/top.yaml");
        free(found);
        /* at any depth: the whole tree is walked */
        found = repo_quick_find(root, "deep", &count);
        assert_string_equal(found, "offices/a/b/deep.yaml");
        assert_int_equal(count, 1);
        free(found);
        assert_null(repo_quick_find(root, "nope", &count));
        assert_int_equal(count, 0);

        /* the same id under two ministries */
        put("offices/mopa/lged.yaml", "");
        assert_null(repo_quick_find(root, "lged", &count));
        assert_int_equal(count, 2);
        put("offices/lged.yaml", "");
        assert_null(repo_quick_find(root, "lged", &count));
        assert_int_equal(count, 3);
        /* a duplicate deeper in the tree is seen too */
        put("offices/a/b/bpsc.yaml", "");
        assert_null(repo_quick_find(root, "bpsc", &count));
        assert_int_equal(count, 2);

        /* a hidden directory is not the repository's */
        put("offices/.old/dphe.yaml", "");
        found = repo_quick_find(root, "dphe", &count);
        assert_string_equal(found, "offices/lgd/dphe.yaml");
        free(found);

        /* a FIFO by the id's name: only the full listing may judge it;
         * by another name it is not this office's concern */
        p = at("offices/a/fifo.yaml");
        assert_int_equal(mkfifo(p, 0644), 0);
        free(p);
        assert_null(repo_quick_find(root, "fifo", &count));
        assert_int_equal(count, 0);
        found = repo_quick_find(root, "top", &count);
        assert_string_equal(found, "offices/top.yaml");
        free(found);
        p = at("offices/a/fifo.yaml");
        assert_int_equal(unlink(p), 0);
        free(p);

        /* a link by the id's name, in a directory that has subdirectories
         * and in one that has none: the listing's to judge */
        put("offices/lgd/sub/x.yaml", "");
        p = at("offices/a/b/top.yaml");
        assert_int_equal(symlink("../../top.yaml", p), 0);
        free(p);
        assert_null(repo_quick_find(root, "top", &count));
        assert_int_equal(count, 0);
        p = at("offices/lgd/top.yaml");
        assert_int_equal(symlink("../top.yaml", p), 0);
        free(p);
        p = at("offices/a/b/top.yaml");
        assert_int_equal(unlink(p), 0);
        free(p);
        assert_null(repo_quick_find(root, "top", &count));
        assert_int_equal(count, 0);
        /* a link to a directory is not walked: what is below it is no
         * office (the listing says so) */
        p = at("offices/lgd/top.yaml");
        assert_int_equal(unlink(p), 0);
        free(p);
        p = at("offices/a/b/link");
        assert_int_equal(symlink("../../mopa", p), 0);
        free(p);
        assert_null(repo_quick_find(root, "lged", &count));
        assert_int_equal(count, 3);
        found = repo_quick_find(root, "top", &count);
        assert_string_equal(found, "offices/top.yaml");
        free(found);
}

static void test_display_path(void **state)
{
        char *s, *sibling, *sub;

        mkdirs("offices/lgd");
        assert_int_equal(chdir(root), 0);
        s = repo_display_path(root, "offices/lgd/lged.yaml");
        assert_string_equal(s, "offices/lgd/lged.yaml");
        free(s);
        assert_int_equal(chdir("offices/lgd"), 0);
        s = repo_display_path(root, "offices/lgd/lged.yaml");
        assert_string_equal(s, "../../offices/lgd/lged.yaml");
        free(s);
        /* outside the root: absolute */
        assert_int_equal(chdir("/"), 0);
        s = repo_display_path(root, "roadmap.yaml");
        sub = xasprintf("%s/roadmap.yaml", root);
        assert_string_equal(s, sub);
        free(s);
        free(sub);
        /* a sibling whose name starts with the root's is outside it */
        sibling = xasprintf("%s-2", root);
        assert_int_equal(mkdir(sibling, 0755), 0);
        assert_int_equal(chdir(sibling), 0);
        s = repo_display_path(root, "roadmap.yaml");
        sub = xasprintf("%s/roadmap.yaml", root);
        assert_string_equal(s, sub);
        free(s);
        free(sub);
        assert_int_equal(chdir(dir.saved), 0);
        assert_int_equal(rmdir(sibling), 0);
        free(sibling);
}

/* A repository at / names its files from a directory below it. */
static void test_display_path_at_slash(void **state)
{
        struct strbuf want;
        const char *p;
        char *s;

        assert_int_equal(chdir("/"), 0);
        s = repo_display_path("/", "offices/x.yaml");
        assert_string_equal(s, "offices/x.yaml");
        free(s);
        assert_int_equal(chdir(root), 0);
        strbuf_init(&want);
        for (p = root; *p; p++)
                if (*p == '/')
                        strbuf_addstr(&want, "../");
        strbuf_addstr(&want, "offices/x.yaml");
        s = repo_display_path("/", "offices/x.yaml");
        assert_string_equal(s, want.buf);
        free(s);
        strbuf_release(&want);
        assert_int_equal(chdir("/usr"), 0);
        s = repo_display_path("/", "offices/x.yaml");
        assert_string_equal(s, "../offices/x.yaml");
        free(s);
}

static void test_new_office_path(void **state)
{
        char *s = repo_new_office_path("lgd", "lged");

        assert_string_equal(s, "offices/lgd/lged.yaml");
        free(s);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
        const struct CMUnitTest tests[] = {
            T(test_find_root),
            T(test_find_root_errors),
            T(test_list_in_byte_order),
            T(test_list_without_offices),
            T(test_links_and_special_files),
            T(test_nested_too_deep),
            T(test_stale_temporary_files),
            T(test_quick_find),
            T(test_display_path),
            T(test_display_path_at_slash),
            T(test_new_office_path),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
