/* Unit tests of the dates a report describes: --as-of, --fy, --quarter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "roadmap/report.h"

static const struct date today = {2026, 12, 2};

static void apply(const struct report_dates *d, struct report_filter *f,
                  int want_rc, const char *want_why)
{
        struct strbuf why = STRBUF_INIT;

        memset(f, 0, sizeof(*f));
        assert_int_equal(report_dates_apply(d, today, f, &why), want_rc);
        assert_string_equal(why.len ? why.buf : "", want_why);
        strbuf_release(&why);
}

static void assert_date(struct date got, int y, int m, int day)
{
        assert_int_equal(got.y, y);
        assert_int_equal(got.m, m);
        assert_int_equal(got.d, day);
}

static void test_today_without_options(void **state)
{
        struct report_dates d = {0};
        struct report_filter f;

        (void)state;
        assert_true(report_dates_need_today(&d));
        apply(&d, &f, 0, "");
        assert_date(f.as_of, 2026, 12, 2);
        assert_false(f.dated);
        assert_false(f.period);
}

static void test_fiscal_year_ends_at_its_last_day(void **state)
{
        struct report_dates d = {.fy_given = true, .fy = {2025}};
        struct report_filter f;

        (void)state;
        assert_false(report_dates_need_today(&d));
        apply(&d, &f, 0, "");
        assert_date(f.from, 2025, 7, 1);
        assert_date(f.as_of, 2026, 6, 30);
        assert_true(f.dated);
        assert_true(f.period);
}

static void test_quarter_of_today_and_as_of_inside(void **state)
{
        struct report_dates d = {.quarter = 2};
        struct report_filter f;

        (void)state;
        apply(&d, &f, 0, ""); /* quarter 2 of 2026-27: Oct to Dec 2026 */
        assert_date(f.from, 2026, 10, 1);
        assert_date(f.as_of, 2026, 12, 31);
        d.as_of_given = true;
        d.as_of = (struct date){2026, 11, 15};
        apply(&d, &f, 0, "");
        assert_date(f.from, 2026, 10, 1);
        assert_date(f.as_of, 2026, 11, 15);
}

static void test_as_of_outside_the_period(void **state)
{
        struct report_dates d = {.as_of_given = true,
                                 .as_of = {2026, 1, 15},
                                 .fy_given = true,
                                 .fy = {2026},
                                 .quarter = 2};
        struct report_filter f;

        (void)state;
        apply(&d, &f, -1,
              "--as-of 2026-01-15 is outside quarter 2 of fiscal year "
              "2026-27 (2026-10-01 to 2026-12-31)");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_today_without_options),
            cmocka_unit_test(test_fiscal_year_ends_at_its_last_day),
            cmocka_unit_test(test_quarter_of_today_and_as_of_inside),
            cmocka_unit_test(test_as_of_outside_the_period),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
