/*
 * What the unit tests share: capturing what a function prints, and files
 * in a temporary directory.  Include after <cmocka.h>.
 *
 * Ownership: captured() returns a string the caller frees; put_file()
 * keeps nothing.
 */
#ifndef ROADMAP_TEST_UNIT_UTIL_H
#define ROADMAP_TEST_UNIT_UTIL_H

#include <stdio.h>
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

#endif
