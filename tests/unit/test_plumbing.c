/* Unit tests of the plumbing: arena, strbuf, diag, date. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/arena.h"
#include "roadmap/date.h"
#include "roadmap/diag.h"
#include "roadmap/strbuf.h"

static void test_arena_alignment_and_reset(void **state)
{
        struct arena a = ARENA_INIT;
        char *big;
        int i;

        for (i = 0; i < 10000; i++) {
                void *p = arena_alloc(&a, (size_t)(i % 37) + 1);
                assert_int_equal((uintptr_t)p % 16, 0);
        }
        big = arena_alloc(&a, 1 << 20);
        big[(1 << 20) - 1] = 'x';
        assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
        arena_reset(&a);
        assert_int_equal(a.total, 0);
        assert_non_null(a.head);
        arena_release(&a);
        assert_null(a.head);
}

/* arena.h: an arena is reused across files by arena_reset(), which keeps
 * one block; a released arena is reusable. */
static void test_arena_reuse(void **state)
{
        struct arena a = ARENA_INIT;
        struct arena_block *kept;
        int i;

        for (i = 0; i < 3; i++)
                arena_alloc(&a, 60 * 1024); /* three blocks */
        arena_reset(&a);
        kept = a.head;
        assert_non_null(kept);
        for (i = 0; i < 100; i++)
                assert_non_null(arena_alloc(&a, 100));
        assert_ptr_equal(a.head, kept); /* the next file uses the kept block */
        assert_int_equal(a.total, 100 * 112);
        arena_release(&a);
        assert_null(a.head);
        assert_string_equal(arena_strdup(&a, "again"), "again");
        arena_release(&a);
        assert_null(a.head);
}

/* strbuf.h: STRBUF_INIT, and a released or detached strbuf is empty and
 * reusable; an empty strbuf allocates nothing and shares a "" it never
 * writes. */
static void test_strbuf_init_and_reuse(void **state)
{
        struct strbuf a = STRBUF_INIT, b;
        size_t n = 99;
        char *p;

        assert_non_null(a.buf);
        assert_string_equal(a.buf, "");
        assert_int_equal(a.len, 0);
        strbuf_reset(&a);
        strbuf_release(&a); /* never grown: nothing to free */
        assert_string_equal(a.buf, "");
        strbuf_addstr(&a, "first");
        assert_string_equal(a.buf, "first");
        strbuf_release(&a);
        assert_non_null(a.buf);
        assert_string_equal(a.buf, "");
        assert_int_equal(a.len, 0);
        strbuf_addf(&a, "%s %d", "again", 2);
        assert_string_equal(a.buf, "again 2");
        p = strbuf_detach(&a, &n);
        assert_string_equal(p, "again 2");
        assert_int_equal(n, 7);
        free(p);
        assert_string_equal(a.buf, "");
        strbuf_addch(&a, 'x');
        assert_string_equal(a.buf, "x");
        strbuf_release(&a);

        strbuf_init(&b); /* an empty buffer detached is the caller's to free */
        p = strbuf_detach(&b, &n);
        assert_non_null(p);
        assert_string_equal(p, "");
        assert_int_equal(n, 0);
        free(p);
        strbuf_addf(&b, "%s", "");
        assert_string_equal(b.buf, "");
        strbuf_release(&b);
        assert_string_equal(strbuf_slopbuf, "");
}

static void test_strbuf_addf_and_escape(void **state)
{
        struct strbuf sb;
        int i;

        strbuf_init(&sb);
        for (i = 0; i < 1000; i++)
                strbuf_addf(&sb, "%d,", i);
        assert_int_equal(sb.len, strlen(sb.buf));
        assert_memory_equal(sb.buf, "0,1,2,", 6);
        strbuf_reset(&sb);
        strbuf_add_escaped(&sb, "a\x1b[31mb\n\xff\xe0\xa6\x95", 12);
        assert_string_equal(sb.buf, "a\\x1b[31mb\\n\\xff\xe0\xa6\x95");
        strbuf_reset(&sb);
        /* encoded surrogate and overlong are escaped byte by byte */
        strbuf_add_escaped(&sb, "\xed\xa0\x80\xc0\xaf", 5);
        assert_string_equal(sb.buf, "\\xed\\xa0\\x80\\xc0\\xaf");
        strbuf_reset(&sb);
        /* exact: a tab and a backslash-t never come out the same */
        strbuf_add_escaped_exact(&sb, "\t|\\t|\\\t|\\x1b|\x1b", 14);
        assert_string_equal(sb.buf, "\\t|\\\\t|\\\\\\t|\\\\x1b|\\x1b");
        strbuf_release(&sb);
}

static void test_diag_sort_and_format(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *s;

        diag_error(&dl, "b.yaml", 3, 1, "second");
        diag_warning(&dl, "a.yaml", 9, 2, "first '%s'", "x\ty");
        diag_hint(diag_error(&dl, "b.yaml", 1, 0, "line only"), "do this");
        diag_error(&dl, NULL, 0, 0, "no file");
        diag_sort(&dl);
        s = diag_format(&dl.items[0]);
        assert_string_equal(s, "roadmap: error: no file");
        free(s);
        s = diag_format(&dl.items[1]);
        assert_string_equal(s, "a.yaml:9:2: warning: first 'x\\ty'");
        free(s);
        s = diag_format(&dl.items[2]);
        assert_string_equal(s, "b.yaml:1: error: line only");
        assert_string_equal(dl.items[2].hint, "do this");
        free(s);
        assert_int_equal(diag_count(&dl, DIAG_ERROR), 3);
        assert_int_equal(diag_count(&dl, DIAG_WARNING), 1);
        diag_list_release(&dl);
}

/* A summary sorts after the findings of its file, before the next file. */
static void test_diag_summary_last(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;

        diag_summary(diag_error(&dl, "b.yaml", 0, 0, "refused"));
        diag_error(&dl, "c.yaml", 1, 1, "other file");
        diag_error(&dl, "b.yaml", 7, 3, "late");
        diag_error(&dl, "b.yaml", 0, 0, "whole file");
        diag_error(&dl, "b.yaml", 2, 1, "early");
        diag_summary(NULL);
        diag_sort(&dl);
        assert_string_equal(dl.items[0].msg, "whole file");
        assert_string_equal(dl.items[1].msg, "early");
        assert_string_equal(dl.items[2].msg, "late");
        assert_string_equal(dl.items[3].msg, "refused");
        assert_string_equal(dl.items[4].msg, "other file");
        diag_list_release(&dl);
}

static void test_did_you_mean(void **state)
{
        const char *const keys[] = {"name", "name_bn", "ministry", "head"};

        assert_string_equal(diag_did_you_mean("nmae", keys, 4), "name");
        assert_string_equal(diag_did_you_mean("ministy", keys, 4), "ministry");
        assert_null(diag_did_you_mean("zzzzzzzz", keys, 4));
}

static void test_date_round_trip(void **state)
{
        long d;

        for (d = -719162; d <= 2932896; d += 3) {
                struct date dt = date_from_days(d);
                assert_true(date_valid(dt));
                assert_int_equal(date_to_days(dt), d);
        }
        assert_int_equal(date_to_days((struct date){1970, 1, 1}), 0);
        assert_int_equal(date_to_days((struct date){2017, 10, 31}), 17470);
}

static void test_date_parse_iso(void **state)
{
        struct date dt;
        const char *why;
        char buf[11];

        assert_int_equal(date_parse_iso("2024-02-29", 10, &dt, &why), 0);
        date_format_iso(dt, buf);
        assert_string_equal(buf, "2024-02-29");
        assert_int_equal(date_parse_iso("2023-02-29", 10, &dt, &why), -1);
        assert_int_equal(date_parse_iso("2023-13-01", 10, &dt, &why), -1);
        assert_int_equal(date_parse_iso("2023-1-01", 9, &dt, &why), -1);
        assert_int_equal(date_parse_iso("2023-01-0x", 10, &dt, &why), -1);
        assert_int_equal(date_parse_iso("0999-01-01", 10, &dt, &why), -1);
}

static void test_date_today(void **state)
{
        struct date dt = {1, 2, 3};
        const char *why = NULL;

        assert_int_equal(setenv("ROADMAP_TODAY", "2026-11-28", 1), 0);
        assert_int_equal(date_today(&dt, &why), 0);
        assert_int_equal(date_cmp(dt, (struct date){2026, 11, 28}), 0);
        /* not a real date: an error, and the date is left alone */
        dt = (struct date){1, 2, 3};
        assert_int_equal(setenv("ROADMAP_TODAY", "2026-02-30", 1), 0);
        assert_int_equal(date_today(&dt, &why), -1);
        assert_non_null(why);
        assert_int_equal(date_cmp(dt, (struct date){1, 2, 3}), 0);
        assert_int_equal(setenv("ROADMAP_TODAY", "today", 1), 0);
        assert_int_equal(date_today(&dt, &why), -1);
        /* empty: the clock */
        assert_int_equal(setenv("ROADMAP_TODAY", "", 1), 0);
        assert_int_equal(date_today(&dt, &why), 0);
        assert_true(date_valid(dt));
        assert_int_equal(unsetenv("ROADMAP_TODAY"), 0);
        assert_int_equal(date_today(&dt, &why), 0);
        assert_true(date_valid(dt));
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_arena_alignment_and_reset),
            cmocka_unit_test(test_arena_reuse),
            cmocka_unit_test(test_strbuf_init_and_reuse),
            cmocka_unit_test(test_strbuf_addf_and_escape),
            cmocka_unit_test(test_diag_sort_and_format),
            cmocka_unit_test(test_diag_summary_last),
            cmocka_unit_test(test_did_you_mean),
            cmocka_unit_test(test_date_round_trip),
            cmocka_unit_test(test_date_parse_iso),
            cmocka_unit_test(test_date_today),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
