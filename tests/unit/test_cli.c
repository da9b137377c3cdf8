/* Unit tests of cli: option values as officers type them (numbers, dates
 * in every form, dates of what has happened), ROADMAP_TODAY, usage and
 * help, the repository root.  What the functions print is captured. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "roadmap/cli.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"
#include "unit_util.h"

static int set_today(void **state)
{
        setenv("ROADMAP_TODAY", "2024-05-10", 1);
        return 0;
}

static int unset_today(void **state)
{
        unsetenv("ROADMAP_TODAY");
        return 0;
}

static void test_numbers(void **state)
{
        static const struct {
                const char *in;
                long want;
        } good[] = {
            {"0", 0},
            {"42", 42},
            {"১২৩", 123},
            {"১2৩", 123},
            {"০০৭", 7},
            {" 15 ", 15},
            {"2147483647", 2147483647L},
            {"২১৪৭৪৮৩৬৪৭", 2147483647L},
        };
        static const char *const bad[] = {"",
                                          " ",
                                          "-1",
                                          "+1",
                                          "1.5",
                                          "1e3",
                                          "abc",
                                          "12x",
                                          "1 2",
                                          "2147483648",
                                          "99999999999999999999",
                                          "০x১০",
                                          "১২৩৪৫৬৭৮৯০১"};
        size_t i;
        char *err;
        long v;

        for (i = 0; i < sizeof good / sizeof good[0]; i++) {
                v = -5;
                capture(2);
                if (cli_parse_number("plan", "--priority", good[i].in, &v) !=
                    0) {
                        err = captured();
                        fail_msg("'%s': %s", good[i].in, err);
                }
                err = captured();
                assert_string_equal(err, "");
                free(err);
                assert_int_equal(v, good[i].want);
        }
        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
                char *prefix = xasprintf("roadmap plan: invalid --priority "
                                         "'%s': ",
                                         bad[i]);
                int rc;

                v = -5;
                capture(2);
                rc = cli_parse_number("plan", "--priority", bad[i], &v);
                err = captured();
                if (rc != -1)
                        fail_msg("'%s' was taken as %ld", bad[i], v);
                assert_int_equal(v, -5);
                if (strncmp(err, prefix, strlen(prefix)) != 0 ||
                    err[strlen(err) - 1] != '\n' ||
                    strlen(err) <= strlen(prefix) + 1)
                        fail_msg("'%s': %s", bad[i], err);
                free(prefix);
                free(err);
        }
        /* what the user typed is echoed escaped */
        capture(2);
        assert_int_equal(cli_parse_number("plan", "--cost", "1\x1b[2J", &v),
                         -1);
        err = captured();
        assert_non_null(strstr(err, "'1\\x1b[2J'"));
        assert_null(strchr(err, '\x1b'));
        free(err);
}

static void expect_date(const char *in, int y, int m, int d)
{
        struct date dt = {0, 0, 0};
        char *err;
        int rc;

        capture(2);
        rc = cli_parse_date("approve", "--date", in, &dt);
        err = captured();
        if (rc != 0 || dt.y != y || dt.m != m || dt.d != d)
                fail_msg("'%s': rc %d, %04d-%02d-%02d, want %04d-%02d-%02d: %s",
                         in, rc, dt.y, dt.m, dt.d, y, m, d, err);
        assert_string_equal(err, "");
        free(err);
}

/* The error cli_parse_date() prints for in, which must be refused. */
static char *date_error(const char *in)
{
        struct date dt = {1, 2, 3};
        char *err;
        int rc;

        capture(2);
        rc = cli_parse_date("approve", "--date", in, &dt);
        err = captured();
        if (rc != -1)
                fail_msg("'%s' was taken as %04d-%02d-%02d", in, dt.y, dt.m,
                         dt.d);
        /* written only on success */
        assert_int_equal(dt.y, 1);
        assert_int_equal(dt.m, 2);
        assert_int_equal(dt.d, 3);
        return err;
}

static void test_dates_in_every_form(void **state)
{
        /* ISO, in either digits */
        expect_date("2017-10-31", 2017, 10, 31);
        expect_date("২০১৭-১০-৩১", 2017, 10, 31);
        expect_date("  2017-10-31\t", 2017, 10, 31);
        /* the Bangla calendar: 16 Kartik 1424 is 31 October 2017 */
        expect_date("১৬ কার্তিক ১৪২৪", 2017, 10, 31);
        expect_date("১৬ কার্তিক ১৪২৪ বঙ্গাব্দ", 2017, 10, 31);
        expect_date("১৬ই কার্ত্তিক, ১৪২৪", 2017, 10, 31);
        expect_date("16 Kartik 1424", 2017, 10, 31);
        expect_date("১ বৈশাখ ১৪৩১", 2024, 4, 14);
        /* the Gregorian calendar in words */
        expect_date("৩১ অক্টোবর ২০১৭", 2017, 10, 31);
        expect_date("৩১ অক্টোবর ২০১৭ খ্রিস্টাব্দ", 2017, 10, 31);
        expect_date("31 October 2017", 2017, 10, 31);
        expect_date("31 Oct 2017", 2017, 10, 31);
        expect_date("October 31, 2017", 2017, 10, 31);
        expect_date("1st january 2018", 2018, 1, 1);
        /* a letter's dateline: both calendars, the same day */
        expect_date("তারিখ: ৩ কার্তিক ১৪২৪ বঙ্গাব্দ / ১৮ অক্টোবর ২০১৭ "
                    "খ্রিস্টাব্দ",
                    2017, 10, 18);
        expect_date("৩ কার্তিক ১৪২৪ / ১৮ অক্টোবর ২০১৭", 2017, 10, 18);
        /* the years allowed, at both ends */
        expect_date("1900-01-01", 1900, 1, 1);
        expect_date("2100-12-31", 2100, 12, 31);
        expect_date("2024-02-29", 2024, 2, 29);
}

static void test_bad_dates(void **state)
{
        static const char *const bad[] = {
            "",
            "2023-02-29",
            "2017-13-01",
            "31/10/2017",
            "yesterday",
            "৩২ কার্তিক ১৪২৪",
            "৩ কার্তিক ১৪২৪ / ১৯ অক্টোবর ২০১৭", /* not the same day */
        };
        size_t i;
        char *err;

        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
                char *prefix = xasprintf("roadmap approve: invalid --date "
                                         "'%s': ",
                                         bad[i]);

                err = date_error(bad[i]);
                if (strncmp(err, prefix, strlen(prefix)) != 0)
                        fail_msg("'%s': %s", bad[i], err);
                free(prefix);
                free(err);
        }

        /* outside 1900..2100: a slip of calendar, said with a hint */
        err = date_error("1899-12-31");
        assert_string_equal(
            err, "roadmap approve: invalid --date '1899-12-31': outside the "
                 "years 1900 to 2100\n"
                 "hint: is the year in the calendar of the month?  A Bangla "
                 "year is about 593 less than the Gregorian year\n");
        free(err);
        err = date_error("2101-01-01");
        assert_non_null(strstr(err, "'2101-01-01': outside the years"));
        free(err);
        /* a Bangla year in an ISO date */
        err = date_error("1424-07-15");
        assert_non_null(strstr(err, "'1424-07-15': outside the years"));
        free(err);
        /* a Gregorian year in a Bangla date: the date it would be is said */
        err = date_error("১৬ কার্তিক ২০১৭");
        assert_non_null(strstr(err, "'১৬ কার্তিক ২০১৭': that is 2610-"));
        assert_non_null(strstr(err, ", outside the years 1900 to 2100\n"));
        assert_non_null(strstr(err, "\nhint: "));
        free(err);
}

static void test_today_and_latest(void **state)
{
        struct date d = {0, 0, 0};
        char *err;

        setenv("ROADMAP_TODAY", "2024-05-10", 1);
        assert_int_equal(cli_today(&d), 0);
        assert_int_equal(date_cmp(d, (struct date){2024, 5, 10}), 0);
        assert_int_equal(cli_latest_date(&d), 0);
        assert_int_equal(date_cmp(d, (struct date){2024, 5, 11}), 0);
        /* tomorrow across a month, a leap day, a year */
        setenv("ROADMAP_TODAY", "2024-02-28", 1);
        assert_int_equal(cli_latest_date(&d), 0);
        assert_int_equal(date_cmp(d, (struct date){2024, 2, 29}), 0);
        setenv("ROADMAP_TODAY", "2023-02-28", 1);
        assert_int_equal(cli_latest_date(&d), 0);
        assert_int_equal(date_cmp(d, (struct date){2023, 3, 1}), 0);
        setenv("ROADMAP_TODAY", "2024-12-31", 1);
        assert_int_equal(cli_latest_date(&d), 0);
        assert_int_equal(date_cmp(d, (struct date){2025, 1, 1}), 0);

        /* unset or empty: the clock */
        unsetenv("ROADMAP_TODAY");
        d = (struct date){0, 0, 0};
        assert_int_equal(cli_today(&d), 0);
        assert_true(date_valid(d));
        assert_true(d.y >= 2024);
        setenv("ROADMAP_TODAY", "", 1);
        assert_int_equal(cli_today(&d), 0);
        assert_true(date_valid(d));

        /* invalid: said, with a hint, and nothing written */
        setenv("ROADMAP_TODAY", "2024-02-30", 1);
        d = (struct date){1, 2, 3};
        capture(2);
        assert_int_equal(cli_today(&d), -1);
        err = captured();
        assert_int_equal(d.y, 1);
        assert_string_equal(
            strstr(err, "\nhint: "),
            "\nhint: set it to a date as YYYY-MM-DD, or unset it to use the "
            "clock\n");
        assert_memory_equal(
            err, "roadmap: invalid ROADMAP_TODAY '2024-02-30': ", 43);
        free(err);
        setenv("ROADMAP_TODAY", "now\x1b[1m", 1);
        capture(2);
        assert_int_equal(cli_latest_date(&d), -1);
        err = captured();
        assert_int_equal(d.y, 1);
        assert_non_null(strstr(err, "'now\\x1b[1m'"));
        free(err);
        unsetenv("ROADMAP_TODAY");
}

/* Dates of what has happened: not later than tomorrow. */
static void test_past_dates(void **state)
{
        struct date d;
        char *err;

        /* set_today: 2024-05-10 */
        assert_int_equal(cli_parse_past_date("plan", "--on", "2024-05-10", &d),
                         0);
        assert_int_equal(date_cmp(d, (struct date){2024, 5, 10}), 0);
        assert_int_equal(cli_parse_past_date("plan", "--on", "2024-05-11", &d),
                         0);
        assert_int_equal(date_cmp(d, (struct date){2024, 5, 11}), 0);
        assert_int_equal(cli_parse_past_date("plan", "--on", "1900-01-01", &d),
                         0);
        /* 28 Boishakh 1431 = 11 May 2024 */
        assert_int_equal(
            cli_parse_past_date("plan", "--on", "২৮ বৈশাখ ১৪৩১", &d), 0);
        assert_int_equal(date_cmp(d, (struct date){2024, 5, 11}), 0);

        d = (struct date){1, 2, 3};
        capture(2);
        assert_int_equal(cli_parse_past_date("plan", "--on", "2024-05-12", &d),
                         -1);
        err = captured();
        assert_int_equal(d.y, 1);
        assert_string_equal(err, "roadmap plan: invalid --on '2024-05-12': "
                                 "later than tomorrow (2024-05-11)\n"
                                 "hint: record it once it has happened; is "
                                 "the year right?\n");
        free(err);
        capture(2);
        assert_int_equal(
            cli_parse_past_date("plan", "--on", "২৯ বৈশাখ ১৪৩১", &d), -1);
        err = captured();
        assert_int_equal(d.y, 1);
        assert_non_null(strstr(err, "'২৯ বৈশাখ ১৪৩১': that is 2024-05-12, "
                                    "later than tomorrow (2024-05-11)\n"));
        free(err);
        /* a date that is not one is refused as such */
        capture(2);
        assert_int_equal(cli_parse_past_date("plan", "--on", "2024-05-32", &d),
                         -1);
        err = captured();
        assert_null(strstr(err, "later than"));
        free(err);
        /* an invalid ROADMAP_TODAY refuses every date */
        setenv("ROADMAP_TODAY", "soon", 1);
        capture(2);
        assert_int_equal(cli_parse_past_date("plan", "--on", "2020-01-01", &d),
                         -1);
        err = captured();
        assert_int_equal(d.y, 1);
        assert_non_null(strstr(err, "invalid ROADMAP_TODAY 'soon'"));
        free(err);
}

static void test_usage_and_errors(void **state)
{
        static const char usage[] = "roadmap plan OFFICE SERVICE [--due DATE]\n"
                                    "roadmap plan --help";
        char *out;

        capture(2);
        assert_int_equal(
            cli_usage_error("plan", usage, "unknown option '%s'", "--x\x07"),
            EXIT_USAGE);
        out = captured();
        assert_string_equal(out,
                            "roadmap plan: unknown option '--x\\x07'\n"
                            "usage: roadmap plan OFFICE SERVICE [--due DATE]\n"
                            "   or: roadmap plan --help\n");
        free(out);
        /* without a command, with a hint: both escaped */
        capture(2);
        cli_error(NULL, "did you mean '\x1b'?", "'%s' is not a command",
                  "\x1b[2J");
        out = captured();
        assert_string_equal(out, "roadmap: '\\x1b[2J' is not a command\n"
                                 "hint: did you mean '\\x1b'?\n");
        free(out);
}

/* cli_escaped(): four results stay valid at once. */
static void test_escaped(void **state)
{
        const char *a = cli_escaped("a\x1b");
        const char *b = cli_escaped("b\n");
        const char *c = cli_escaped("c\t");
        const char *d = cli_escaped("বাংলা\x7f");

        assert_string_equal(a, "a\\x1b");
        assert_string_equal(b, "b\\n");
        assert_string_equal(c, "c\\t");
        assert_string_equal(d, "বাংলা\\x7f");
        assert_string_equal(cli_escaped(""), "");
}

static void test_print_diags_sorted(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *err;

        diag_error(&dl, "b.yaml", 2, 1, "second");
        diag_error(&dl, "a.yaml", 9, 4, "first");
        capture(2);
        cli_print_diags(&dl);
        err = captured();
        assert_string_equal(err, "a.yaml:9:4: error: first\n"
                                 "b.yaml:2:1: error: second\n");
        free(err);
        diag_list_release(&dl);
}

static void test_repo_root(void **state)
{
        char tmp[] = "/tmp/roadmap-cli.XXXXXX";
        char *saved = getcwd(NULL, 0), *real, *sub, *marker, *root, *err;
        FILE *fp;

        assert_non_null(mkdtemp(tmp));
        real = realpath(tmp, NULL);
        sub = xasprintf("%s/offices", tmp);
        marker = xasprintf("%s/roadmap.yaml", tmp);
        assert_int_equal(mkdir(sub, 0755), 0);

        /* no roadmap.yaml: NULL, and why */
        assert_int_equal(chdir(sub), 0);
        capture(2);
        root = cli_repo_root();
        err = captured();
        assert_null(root);
        assert_non_null(strstr(err, "not a roadmap repository"));
        assert_non_null(strstr(err, "\nhint: "));
        free(err);

        fp = fopen(marker, "w");
        assert_non_null(fp);
        fputs("roadmap: 1\n", fp);
        fclose(fp);
        capture(2);
        root = cli_repo_root();
        err = captured();
        assert_string_equal(err, "");
        assert_string_equal(root, real);
        free(root);
        free(err);

        assert_int_equal(chdir(saved), 0);
        unlink(marker);
        rmdir(sub);
        rmdir(tmp);
        free(marker);
        free(sub);
        free(real);
        free(saved);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_numbers),
            cmocka_unit_test(test_dates_in_every_form),
            cmocka_unit_test(test_bad_dates),
            cmocka_unit_test(test_today_and_latest),
            cmocka_unit_test_setup_teardown(test_past_dates, set_today,
                                            unset_today),
            cmocka_unit_test(test_usage_and_errors),
            cmocka_unit_test(test_escaped),
            cmocka_unit_test(test_print_diags_sorted),
            cmocka_unit_test(test_repo_root),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
