/* Unit tests of the output formats and the spool. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/out.h"
#include "roadmap/strbuf.h"

static const struct out_column cols[] = {
    {"name", OUT_TEXT},
    {"days", OUT_INT},
    {"planned", OUT_BOOL},
    {"due", OUT_DATE},
};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))

/* Render rows (NCOLS cells each) as one block and commit to a string. */
static char *report(const struct out_style *st, const struct out_cell *cells,
                    size_t nrows)
{
        struct out o;
        struct strbuf sb;
        char *buf = NULL;
        size_t len = 0, i;
        FILE *fp = open_memstream(&buf, &len);

        assert_non_null(fp);
        strbuf_init(&sb);
        out_init(&o, st, cols, NCOLS);
        for (i = 0; i < nrows; i++)
                out_render_row(st, cols, NCOLS, cells + i * NCOLS, &sb);
        assert_int_equal(out_add(&o, "k", 1, sb.buf, sb.len, nrows), 0);
        assert_int_equal(out_commit(&o, fp), 0);
        out_release(&o);
        strbuf_release(&sb);
        fclose(fp);
        return buf;
}

static struct date d(int y, int m, int dd)
{
        struct date dt = {y, m, dd};
        return dt;
}

static void test_csv_quoting_and_formula_guard(void **state)
{
        struct out_style st = {OUT_CSV, false, false, OUT_GREGORIAN};
        struct out_cell cells[] = {
            out_text("a, \"b\""), out_int(30),
            out_bool(true),       out_date(d(2018, 6, 30)),
            out_text("=SUM(A1)"), out_int_opt(-1),
            out_bool(false),      out_null(),
            out_text("-1\n2"),    out_int(0),
            out_null(),           out_date(d(0, 0, 0)),
            out_text("ঠিকাদার"),  out_int(7),
            out_null(),           out_null(),
        };
        char *s = report(&st, cells, 4);

        assert_string_equal(s, "name,days,planned,due\n"
                               "\"a, \"\"b\"\"\",30,yes,2018-06-30\n"
                               "'=SUM(A1),,no,\n"
                               "\"'-1\n2\",0,,\n"
                               "ঠিকাদার,7,,\n");
        free(s);
}

static void test_csv_excel_profile(void **state)
{
        struct out_style st = {OUT_CSV, true, false, OUT_GREGORIAN};
        struct out_cell cells[] = {out_text("@x"), out_int(1), out_bool(true),
                                   out_null()};
        char *s = report(&st, cells, 1);

        assert_string_equal(s, "\xef\xbb\xbfname,days,planned,due\r\n"
                               "'@x,1,yes,\r\n");
        free(s);
}

static void test_tsv_escapes(void **state)
{
        struct out_style st = {OUT_TSV, false, false, OUT_GREGORIAN};
        struct out_cell cells[] = {out_text("\ta\\b\nc\r"), out_int(5),
                                   out_bool(false), out_date(d(2017, 10, 31))};
        char *s = report(&st, cells, 1);

        assert_string_equal(s, "name\tdays\tplanned\tdue\n"
                               "'\\ta\\\\b\\nc\\r\t5\tno\t2017-10-31\n");
        free(s);
}

static void test_json_typed_values(void **state)
{
        struct out_style st = {OUT_JSON, false, false, OUT_GREGORIAN};
        struct out_cell cells[] = {
            out_text("q\"\\\x01\n=x"), out_int(12), out_bool(true),
            out_date(d(2018, 6, 30)),  out_null(),  out_null(),
            out_bool(false),           out_null(),
        };
        char *s = report(&st, cells, 2);

        assert_string_equal(
            s, "[\n"
               "{\"name\":\"q\\\"\\\\\\u0001\\n=x\",\"days\":12,\"planned\":"
               "true,\"due\":\"2018-06-30\"},\n"
               "{\"name\":null,\"days\":null,\"planned\":false,\"due\":null}"
               "\n]\n");
        free(s);
        s = report(&st, cells, 0);
        assert_string_equal(s, "[\n]\n");
        free(s);
}

static void test_display_width(void **state)
{
        assert_int_equal(out_display_width("abc", 3), 3);
        assert_int_equal(out_display_width("", 0), 0);
        /* e + combining acute: one cluster, one column */
        assert_int_equal(out_display_width("e\xcc\x81", 3), 1);
        /* CJK is wide */
        assert_int_equal(out_display_width("漢字", strlen("漢字")), 4);
        /* a vowel sign that takes a cell (category Mc) counts one cell, as
         * terminals draw it: ka + vowel sign i is one cluster, two cells */
        assert_int_equal(out_display_width("ক", strlen("ক")), 1);
        assert_int_equal(out_display_width("কি", strlen("কি")), 2);
        assert_int_equal(out_display_width("কিকি", strlen("কিকি")), 4);
        /* aa, i, ii, e, o (U+09BE U+09BF U+09C0 U+09C7 U+09CB) */
        assert_int_equal(out_display_width("\u0995\u09be", 6), 2);
        assert_int_equal(out_display_width("\u0995\u09bf", 6), 2);
        assert_int_equal(out_display_width("\u0995\u09c0", 6), 2);
        assert_int_equal(out_display_width("\u0995\u09c7", 6), 2);
        assert_int_equal(out_display_width("\u0995\u09cb", 6), 2);
        /* non-spacing signs (Mn) take none: candrabindu, nukta, u */
        assert_int_equal(out_display_width("\u0995\u0981", 6), 1);
        assert_int_equal(out_display_width("\u09a1\u09bc", 6), 1);
        assert_int_equal(out_display_width("\u0995\u09c1", 6), 1);
        /* a conjunct (ka, hasanta, ssa) is drawn as its two letters */
        assert_int_equal(out_display_width("ক্ষ", strlen("ক্ষ")), 2);
        /* names from data/, each as wide as tmux draws it */
        assert_int_equal(out_display_width("খুলনা সিটি কর্পোরেশন",
                                           strlen("খুলনা সিটি কর্পোরেশন")),
                         18);
        assert_int_equal(out_display_width("ট্রেড লাইসেন্স প্রদান",
                                           strlen("ট্রেড লাইসেন্স প্রদান")),
                         18);
        /* an invalid byte counts one column */
        assert_int_equal(out_display_width("a\xff", 2), 2);
}

static void test_table_alignment(void **state)
{
        struct out_style st = {OUT_TABLE, false, false, OUT_GREGORIAN};
        struct out_cell cells[] = {
            out_text("স্থানীয় সরকার"), out_int(5),
            out_bool(true),           out_date(d(2018, 6, 30)),
            out_text("a\x1b[31m"),    out_int(1234),
            out_bool(false),          out_null(),
        };
        char *s = report(&st, cells, 2);
        char *lines[4], *p = s;
        size_t i, due_col = 0, days_end = 0;

        for (i = 0; i < 4; i++) {
                lines[i] = p;
                p = strchr(p, '\n');
                assert_non_null(p);
                *p++ = '\0';
        }
        assert_string_equal(p, "");
        /* the escape is shown, not sent */
        assert_null(strchr(lines[3], '\x1b'));
        assert_non_null(strstr(lines[3], "a\\x1b[31m"));
        /* every line puts "due" / its dates at the same display column */
        due_col =
            out_display_width(lines[0], strstr(lines[0], "due") - lines[0]);
        assert_int_equal(
            out_display_width(lines[2], strstr(lines[2], "2018") - lines[2]),
            due_col);
        /* numbers are right-aligned: "5" and "1234" end at one column */
        days_end =
            out_display_width(lines[2], strstr(lines[2], "5 ") - lines[2]) + 1;
        assert_int_equal(
            out_display_width(lines[3], strstr(lines[3], "1234") - lines[3]) +
                4,
            days_end);
        /* no trailing blanks */
        for (i = 0; i < 4; i++)
                assert_true(lines[i][0] == '\0' ||
                            lines[i][strlen(lines[i]) - 1] != ' ');
        free(s);
}

static void test_blocks_sorted_by_key(void **state)
{
        struct out_style st = {OUT_CSV, false, false, OUT_GREGORIAN};
        const char *keys[] = {"lgd\001b", "lgd\001a", "a\001z", "lgd\001a"};
        const char *names[] = {"1", "2", "3", "4"};
        struct out o;
        char *buf = NULL;
        size_t len = 0, i;
        FILE *fp = open_memstream(&buf, &len);

        out_init(&o, &st, cols, NCOLS);
        for (i = 0; i < 4; i++) {
                struct strbuf sb;
                struct out_cell c[] = {out_text(names[i]), out_null(),
                                       out_null(), out_null()};
                strbuf_init(&sb);
                out_render_row(&st, cols, NCOLS, c, &sb);
                assert_int_equal(
                    out_add(&o, keys[i], strlen(keys[i]), sb.buf, sb.len, 1),
                    0);
                strbuf_release(&sb);
        }
        assert_int_equal(out_commit(&o, fp), 0);
        fclose(fp);
        assert_string_equal(buf,
                            "name,days,planned,due\n3,,,\n2,,,\n4,,,\n1,,,\n");
        out_release(&o);
        free(buf);
}

/* A report larger than the memory spool spills to a file and comes back
 * whole and in order. */
static void test_spool_spills(void **state)
{
        struct out_style st = {OUT_CSV, false, false, OUT_GREGORIAN};
        struct strbuf expect, row;
        struct out o;
        char *buf = NULL, key[16];
        size_t len = 0, i, n = 100000;
        FILE *fp = open_memstream(&buf, &len);

        strbuf_init(&expect);
        strbuf_init(&row);
        strbuf_addstr(&expect, "name,days,planned,due\n");
        out_init(&o, &st, cols, NCOLS);
        for (i = 0; i < n; i++) {
                struct out_cell c[] = {out_text("a fairly long service name "
                                                "to fill the spool quickly"),
                                       out_int((long long)i), out_bool(i & 1),
                                       out_null()};
                strbuf_reset(&row);
                out_render_row(&st, cols, NCOLS, c, &row);
                strbuf_add(&expect, row.buf, row.len);
                snprintf(key, sizeof(key), "%08zu", i);
                assert_int_equal(out_add(&o, key, 8, row.buf, row.len, 1), 0);
        }
        assert_true(expect.len > OUT_SPOOL_MEMORY);
        assert_true(o.fd >= 0);
        assert_int_equal(out_commit(&o, fp), 0);
        fclose(fp);
        assert_int_equal(len, expect.len);
        assert_memory_equal(buf, expect.buf, len);
        /* a real file takes the sendfile() path */
        fp = tmpfile();
        assert_non_null(fp);
        assert_int_equal(out_commit(&o, fp), 0);
        assert_int_equal(ftell(fp), (long)expect.len);
        rewind(fp);
        free(buf);
        buf = malloc(expect.len);
        assert_int_equal(fread(buf, 1, expect.len, fp), expect.len);
        assert_memory_equal(buf, expect.buf, expect.len);
        fclose(fp);
        out_release(&o);
        strbuf_release(&expect);
        strbuf_release(&row);
        free(buf);
}

/* Read a whole stream back. */
static char *slurp(FILE *fp, size_t *len)
{
        long n;
        char *buf;

        assert_int_equal(fseek(fp, 0, SEEK_END), 0);
        n = ftell(fp);
        rewind(fp);
        buf = malloc((size_t)n + 1);
        assert_int_equal(fread(buf, 1, (size_t)n, fp), (size_t)n);
        buf[n] = '\0';
        *len = (size_t)n;
        return buf;
}

/* Blocks added in reverse key order, most of them spilled: the output is
 * in key order through both ways of copying (pread and sendfile). */
static void test_spilled_blocks_reordered(void **state)
{
        struct out_style st = {OUT_CSV, false, false, OUT_GREGORIAN};
        struct strbuf row;
        struct out o;
        char key[24], *buf = NULL, *p;
        size_t len = 0, i, n = 80000;
        long long prev = -1;
        FILE *fp;
        int pass;

        strbuf_init(&row);
        out_init(&o, &st, cols, NCOLS);
        for (i = n; i-- > 0;) {
                struct out_cell c[] = {out_text("padding padding padding "
                                                "padding padding padding"),
                                       out_int((long long)i), out_bool(true),
                                       out_null()};
                strbuf_reset(&row);
                out_render_row(&st, cols, NCOLS, c, &row);
                snprintf(key, sizeof(key), "%08zu", i);
                assert_int_equal(out_add(&o, key, 8, row.buf, row.len, 1), 0);
        }
        assert_true(o.fd >= 0);
        for (pass = 0; pass < 2; pass++) {
                fp = pass ? tmpfile() : open_memstream(&buf, &len);
                assert_non_null(fp);
                assert_int_equal(out_commit(&o, fp), 0);
                if (pass) {
                        free(buf);
                        buf = slurp(fp, &len);
                }
                fclose(fp);
                p = strchr(buf, '\n') + 1;
                for (i = 0; i < n; i++) {
                        long long v = strtoll(strchr(p, ',') + 1, NULL, 10);
                        assert_int_equal(v, prev + 1);
                        prev = v;
                        p = strchr(p, '\n') + 1;
                }
                assert_int_equal(*p, '\0');
                prev = -1;
        }
        free(buf);
        out_release(&o);
        strbuf_release(&row);
}

/* What out_each_row() hands back, as text: "name|days|planned|due;" per
 * row, "-" for a null cell. */
static int collect_row(void *ctx, const struct out_cell *c, size_t n)
{
        struct strbuf *sb = ctx;
        char iso[11];

        assert_int_equal(n, NCOLS);
        if (c[0].null)
                strbuf_addch(sb, '-');
        else
                strbuf_add(sb, c[0].text, c[0].len);
        if (c[1].null)
                strbuf_addstr(sb, "|-");
        else
                strbuf_addf(sb, "|%lld", c[1].num);
        strbuf_addstr(sb, c[2].null ? "|-" : c[2].yes ? "|yes" : "|no");
        if (c[3].null) {
                strbuf_addstr(sb, "|-;");
        } else {
                date_format_iso(c[3].date, iso);
                strbuf_addf(sb, "|%s;", iso);
        }
        return 0;
}

static int stop_at_second(void *ctx, const struct out_cell *c, size_t n)
{
        int *seen = ctx;

        (void)c;
        (void)n;
        return ++*seen == 2 ? 7 : 0;
}

static void test_cells_round_trip(void **state)
{
        const struct out_style st = {.format = OUT_CELLS};
        struct out_cell rows[2][NCOLS] = {
            {out_text("=1+1 \xe0\xa6\x85"), out_int(-42), out_bool(true),
             out_date((struct date){2017, 10, 31})},
            {out_textn("a\0b", 3), out_null(), out_bool(false), out_null()},
        };
        static const char want[] =
            "=1+1 \xe0\xa6\x85|-42|yes|2017-10-31;a\0b|-|no|-;";
        struct strbuf sb, got;
        struct out o;
        FILE *fp = fopen("/dev/null", "w");
        int seen = 0;

        (void)state;
        strbuf_init(&sb);
        strbuf_init(&got);
        out_init(&o, &st, cols, NCOLS);
        out_render_row(&st, cols, NCOLS, rows[1], &sb);
        assert_int_equal(out_add(&o, "b", 1, sb.buf, sb.len, 1), 0);
        strbuf_reset(&sb);
        out_render_row(&st, cols, NCOLS, rows[0], &sb);
        assert_int_equal(out_add(&o, "a", 1, sb.buf, sb.len, 1), 0);
        assert_int_equal(out_each_row(&o, collect_row, &got), 0);
        assert_int_equal(got.len, sizeof(want) - 1);
        assert_memory_equal(got.buf, want, got.len);
        assert_int_equal(out_each_row(&o, stop_at_second, &seen), 7);
        assert_int_equal(out_commit(&o, fp), -1);
        out_release(&o);
        fclose(fp);
        strbuf_release(&sb);
        strbuf_release(&got);
}

/* Rows past the memory part of the spool come back from its file. */
static void test_cells_spilled(void **state)
{
        const struct out_style st = {.format = OUT_CELLS};
        struct out_cell row[NCOLS];
        char name[96];
        struct strbuf sb, got, want;
        struct out o;
        long i, n = 60000;

        (void)state;
        strbuf_init(&sb);
        strbuf_init(&got);
        strbuf_init(&want);
        out_init(&o, &st, cols, NCOLS);
        for (i = n - 1; i >= 0; i--) {
                snprintf(name, sizeof(name), "%06ld%070d", i, 0);
                row[0] = out_text(name);
                row[1] = out_int(i);
                row[2] = out_bool(i % 2);
                row[3] = out_date((struct date){2000 + (int)(i % 50), 1, 2});
                strbuf_reset(&sb);
                out_render_row(&st, cols, NCOLS, row, &sb);
                assert_int_equal(out_add(&o, name, 6, sb.buf, sb.len, 1), 0);
        }
        assert_true(o.fd >= 0);
        for (i = 0; i < n; i++)
                strbuf_addf(&want, "%06ld%070d|%ld|%s|%04ld-01-02;", i, 0, i,
                            i % 2 ? "yes" : "no", 2000 + i % 50);
        assert_int_equal(out_each_row(&o, collect_row, &got), 0);
        assert_int_equal(got.len, want.len);
        assert_memory_equal(got.buf, want.buf, want.len);
        out_release(&o);
        strbuf_release(&sb);
        strbuf_release(&got);
        strbuf_release(&want);
}

static void test_parse_names(void **state)
{
        enum out_format f;
        enum out_calendar c;

        assert_int_equal(out_format_parse("json", &f), 0);
        assert_int_equal(f, OUT_JSON);
        assert_int_equal(out_format_parse("xlsx", &f), -1);
        assert_int_equal(out_calendar_parse("bangla", &c), 0);
        assert_int_equal(c, OUT_BANGLA);
        assert_int_equal(out_calendar_parse("julian", &c), -1);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_csv_quoting_and_formula_guard),
            cmocka_unit_test(test_csv_excel_profile),
            cmocka_unit_test(test_tsv_escapes),
            cmocka_unit_test(test_json_typed_values),
            cmocka_unit_test(test_display_width),
            cmocka_unit_test(test_table_alignment),
            cmocka_unit_test(test_blocks_sorted_by_key),
            cmocka_unit_test(test_spool_spills),
            cmocka_unit_test(test_spilled_blocks_reordered),
            cmocka_unit_test(test_cells_round_trip),
            cmocka_unit_test(test_cells_spilled),
            cmocka_unit_test(test_parse_names),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
