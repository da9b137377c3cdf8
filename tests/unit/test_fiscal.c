/* Unit tests of fiscal years (July to June). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "roadmap/date.h"
#include "roadmap/fiscal.h"
#include "roadmap/strbuf.h"

static struct date ymd(int y, int m, int d)
{
        struct date dt = {y, m, d};
        return dt;
}

static void assert_fy(const char *s, int start)
{
        struct fiscal_year fy = {0};
        const char *why = NULL;

        if (fiscal_parse(s, &fy, &why) != 0)
                fail_msg("'%s' did not parse: %s", s, why);
        assert_int_equal(fy.start, start);
}

static void assert_not_fy(const char *s, const char *want_why)
{
        struct fiscal_year fy = {-5};
        const char *why = NULL;

        if (fiscal_parse(s, &fy, &why) == 0)
                fail_msg("'%s' parsed as %d", s, fy.start);
        assert_string_equal(why, want_why);
        assert_int_equal(fy.start, -5);
}

static void test_parse(void **state)
{
        const char *syntax = "not a fiscal year: expected YYYY-YY (2017-18)";
        const char *order = "a fiscal year runs into the next year (2017-18)";

        assert_fy("2017-18", 2017);
        assert_fy("২০১৭-১৮", 2017);
        assert_fy("2017-2018", 2017);
        assert_fy("২০১৭-২০১৮", 2017);
        assert_fy(" 2017-18 ", 2017);
        assert_fy("2017\xe2\x80\x93"
                  "18",
                  2017);
        assert_fy("1999-00", 1999);
        assert_fy("1999-2000", 1999);
        assert_not_fy("2017-19", order);
        assert_not_fy("2017-17", order);
        assert_not_fy("2017-2019", order);
        assert_not_fy("1999-2100", order);
        assert_not_fy("2017", syntax);
        assert_not_fy("2017-8", syntax);
        assert_not_fy("2017-018", syntax);
        assert_not_fy("17-18", syntax);
        assert_not_fy("2017/18", syntax);
        assert_not_fy("2017 - 18", syntax);
        assert_not_fy("FY2017-18", syntax);
        assert_not_fy("201x-18", syntax);
        assert_not_fy("", syntax);
        assert_not_fy("0999-00",
                      "fiscal year out of range (1000-01 to 9998-99)");
        assert_not_fy("9999-00",
                      "fiscal year out of range (1000-01 to 9998-99)");
}

static void test_fiscal_of_boundaries(void **state)
{
        assert_int_equal(fiscal_of(ymd(2018, 6, 30)).start, 2017);
        assert_int_equal(fiscal_of(ymd(2018, 7, 1)).start, 2018);
        assert_int_equal(fiscal_of(ymd(2017, 7, 1)).start, 2017);
        assert_int_equal(fiscal_of(ymd(2017, 12, 31)).start, 2017);
        assert_int_equal(fiscal_of(ymd(2018, 1, 1)).start, 2017);
        assert_int_equal(fiscal_of(ymd(2017, 10, 31)).start, 2017);
}

static void assert_range(int start, int q, struct date want_from,
                         struct date want_to)
{
        struct fiscal_year fy = {start};
        struct date from, to;

        fiscal_range(fy, q, &from, &to);
        assert_int_equal(date_cmp(from, want_from), 0);
        assert_int_equal(date_cmp(to, want_to), 0);
}

static void test_ranges_and_quarters(void **state)
{
        struct fiscal_year fy = {2017};
        long z;
        int q;

        assert_range(2017, 0, ymd(2017, 7, 1), ymd(2018, 6, 30));
        assert_range(2017, 1, ymd(2017, 7, 1), ymd(2017, 9, 30));
        assert_range(2017, 2, ymd(2017, 10, 1), ymd(2017, 12, 31));
        assert_range(2017, 3, ymd(2018, 1, 1), ymd(2018, 3, 31));
        assert_range(2017, 4, ymd(2018, 4, 1), ymd(2018, 6, 30));
        assert_range(2017, 5, ymd(2017, 7, 1), ymd(2018, 6, 30));
        assert_range(2017, -1, ymd(2017, 7, 1), ymd(2018, 6, 30));
        /* every day of 2010-2030 lies in exactly one quarter of its year */
        for (z = date_to_days(ymd(2010, 1, 1));
             z <= date_to_days(ymd(2030, 12, 31)); z++) {
                struct date d = date_from_days(z);
                struct fiscal_year f = fiscal_of(d);
                int n = 0;

                assert_true(fiscal_contains(f, 0, d));
                fy.start = f.start + 1;
                assert_false(fiscal_contains(fy, 0, d));
                fy.start = f.start - 1;
                assert_false(fiscal_contains(fy, 0, d));
                for (q = 1; q <= 4; q++)
                        n += fiscal_contains(f, q, d);
                assert_int_equal(n, 1);
                assert_true(fiscal_contains(f, fiscal_quarter_of(d), d));
        }
}

static void test_format(void **state)
{
        struct strbuf sb;
        struct fiscal_year fy = {2017};

        strbuf_init(&sb);
        fiscal_format(fy, &sb);
        assert_string_equal(sb.buf, "2017-18");
        strbuf_reset(&sb);
        fy.start = 1999;
        fiscal_format(fy, &sb);
        assert_string_equal(sb.buf, "1999-00");
        strbuf_reset(&sb);
        fy.start = 2009;
        fiscal_format(fy, &sb);
        assert_string_equal(sb.buf, "2009-10");
        /* what is formatted parses back */
        for (fy.start = 1000; fy.start <= 9998; fy.start++) {
                struct fiscal_year back;
                const char *why;

                strbuf_reset(&sb);
                fiscal_format(fy, &sb);
                assert_int_equal(fiscal_parse(sb.buf, &back, &why), 0);
                assert_int_equal(back.start, fy.start);
        }
        strbuf_release(&sb);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_parse),
            cmocka_unit_test(test_fiscal_of_boundaries),
            cmocka_unit_test(test_ranges_and_quarters),
            cmocka_unit_test(test_format),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
