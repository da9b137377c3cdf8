/*
 * What the unit tests share: capturing what a function prints, and files
 * in a temporary directory.  Include after <cmocka.h>.
 *
 * Ownership: captured() returns a string the caller frees; put_file()
 * keeps nothing; struct unit_dir owns its strings until unit_dir_remove().
 */
#ifndef ROADMAP_TEST_UNIT_UTIL_H
#define ROADMAP_TEST_UNIT_UTIL_H

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

static int unit_cap_fd = -1, unit_cap_saved = -1;
static FILE *unit_cap_tmp;

/* Capture what is written to fd (1 or 2) until captured(). */
static inline void capture(int fd)
{
        fflush(stdout);
        fflush(stderr);
        unit_cap_tmp = tmpfile();
        assert_non_null(unit_cap_tmp);
        unit_cap_fd = fd;
        unit_cap_saved = dup(fd);
        assert_true(unit_cap_saved >= 0);
        assert_true(dup2(fileno(unit_cap_tmp), fd) >= 0);
}

/* What was written since capture(); the caller frees. */
static inline char *captured(void)
{
        struct strbuf sb;
        char buf[512];
        size_t n;

        fflush(stdout);
        fflush(stderr);
        dup2(unit_cap_saved, unit_cap_fd);
        close(unit_cap_saved);
        rewind(unit_cap_tmp);
        strbuf_init(&sb);
        while ((n = fread(buf, 1, sizeof buf, unit_cap_tmp)) > 0)
                strbuf_add(&sb, buf, n);
        fclose(unit_cap_tmp);
        return strbuf_detach(&sb, NULL);
}

/* Make dir/rel, with the directories on the way, holding text. */
static inline void put_file(const char *dir, const char *rel, const char *text)
{
        char *path = xasprintf("%s/%s", dir, rel);
        char *p;
        FILE *fp;

        for (p = path + strlen(dir) + 1; (p = strchr(p, '/')) != NULL; p++) {
                *p = '\0';
                mkdir(path, 0755);
                *p = '/';
        }
        fp = fopen(path, "w");
        assert_non_null(fp);
        fputs(text, fp);
        assert_int_equal(fclose(fp), 0);
        free(path);
}

/* A temporary directory a test works in: made by unit_dir_enter(), which
 * remembers the working directory; unit_dir_remove() goes back and deletes
 * the directory with everything in it. */
struct unit_dir {
        char tmp[64]; /* as mkdtemp made it */
        char *root;   /* its real path */
        char *saved;  /* the working directory before */
};

static inline void unit_dir_make(struct unit_dir *d, const char *name)
{
        snprintf(d->tmp, sizeof(d->tmp), "/tmp/roadmap-%s.XXXXXX", name);
        assert_non_null(mkdtemp(d->tmp));
        d->root = realpath(d->tmp, NULL);
        d->saved = getcwd(NULL, 0);
        assert_non_null(d->root);
        assert_non_null(d->saved);
}

static inline void unit_dir_remove(struct unit_dir *d)
{
        char *cmd = xasprintf("rm -rf '%s'", d->tmp);

        assert_int_equal(chdir(d->saved), 0);
        assert_int_equal(system(cmd), 0);
        free(cmd);
        free(d->root);
        free(d->saved);
}

/* The whole file at path (at most 1 MiB); the caller frees. */
static inline char *read_all(const char *path)
{
        struct strbuf sb;

        strbuf_init(&sb);
        assert_int_equal(strbuf_read_file(&sb, path, 1 << 20), 0);
        return strbuf_detach(&sb, NULL);
}

/* Number of directory entries other than . and .. */
static inline int count_entries(const char *dir)
{
        DIR *dp = opendir(dir);
        struct dirent *e;
        int n = 0;

        assert_non_null(dp);
        while ((e = readdir(dp)))
                if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
                        n++;
        closedir(dp);
        return n;
}

#endif
