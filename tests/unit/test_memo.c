/* Unit tests of memo (স্মারক) numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "roadmap/memo.h"
#include "roadmap/strbuf.h"

#define NO_FORMAT                                                              \
        " match no format (2008: 2.3.3.2.2.3.4, 2014: 2.2.4.3.2.3.2 or "       \
        "2.2.4.3.3.3.4, 2024: 2.2.4.3.3.2.4.2)"

static struct memo parse_ok(const char *s)
{
        struct memo m;
        const char *why = NULL;

        memset(&m, 0x55, sizeof(m));
        if (memo_parse(s, strlen(s), &m, &why) != 0)
                fail_msg("'%s' did not parse: %s", s, why);
        return m;
}

static void assert_bad(const char *s, const char *want_why)
{
        struct memo m;
        const char *why = NULL;

        memset(&m, 0x55, sizeof(m));
        if (memo_parse(s, strlen(s), &m, &why) == 0)
                fail_msg("'%s' parsed as format %s", s,
                         memo_format_name(m.format));
        assert_string_equal(why, want_why);
        assert_int_equal(m.ngroups, 0x55555555); /* untouched */
}

static void assert_formats(const struct memo *m, bool bengali, const char *want)
{
        struct strbuf sb;

        strbuf_init(&sb);
        memo_format(m, bengali, &sb);
        assert_string_equal(sb.buf, want);
        strbuf_release(&sb);
}

static void test_format_widths(void **state)
{
        assert_int_equal(memo_format_digits(MEMO_2008), 19);
        assert_int_equal(memo_format_digits(MEMO_2014), 18);
        assert_int_equal(memo_format_digits(MEMO_2024), 22);
        assert_string_equal(memo_format_name(MEMO_2014), "2014");
}

/* A Local Government Division memo as quoted in a public document:
 * "স্মারক নং-৪৬.০০.০০০০.০৬৩.০৯.০০১.১৪ (অংশ-২)-৮৬১". */
/* The programme's own letters: the SPEC's example */
static void test_2014_wide(void **state)
{
        struct memo m = parse_ok("৪৬.০০.০০০০.০৩৯.০১৮.০০২.২০১৫-১৮৮");
        struct strbuf sb;

        assert_int_equal(m.format, MEMO_2014_WIDE);
        assert_string_equal(m.group[4], "018");
        assert_string_equal(m.group[6], "2015");
        assert_string_equal(m.serial, "188");
        strbuf_init(&sb);
        memo_format(&m, false, &sb);
        assert_string_equal(sb.buf, "46.00.0000.039.018.002.2015-188");
        strbuf_release(&sb);
}

static void test_2014_with_part(void **state)
{
        const char *s = "৪৬.০০.০০০০.০৬৩.০৯.০০১.১৪ (অংশ-২)-৮৬১";
        struct memo m = parse_ok(s);

        assert_int_equal(m.format, MEMO_2014);
        assert_int_equal(m.ngroups, 7);
        assert_string_equal(m.group[0], "46");
        assert_string_equal(m.group[2], "0000");
        assert_string_equal(m.group[3], "063");
        assert_string_equal(m.group[6], "14");
        assert_string_equal(m.part, "2");
        assert_int_equal(m.serial_sep, '-');
        assert_string_equal(m.serial, "861");
        assert_string_equal(m.forward, "");
        assert_true(m.bengali);
        assert_formats(&m, true, s);
        assert_formats(&m, false, "46.00.0000.063.09.001.14 (অংশ-2)-861");
        m = parse_ok("৪৬.০০.০০০০.০৬৩.০৯.০০১.১৪(অংশ-২)-৮৬১");
        assert_string_equal(m.part, "2");
}

static void test_2014_forms(void **state)
{
        struct memo m;

        m = parse_ok("46.00.0000.063.09.001.14-861");
        assert_int_equal(m.format, MEMO_2014);
        assert_false(m.bengali);
        assert_formats(&m, true, "৪৬.০০.০০০০.০৬৩.০৯.০০১.১৪-৮৬১");
        assert_formats(&m, false, "46.00.0000.063.09.001.14-861");
        /* Cabinet Division notice of 21 May 2024, serial after a dot */
        m = parse_ok("০৪.০০.০০০০.৪২৩.২২.০০২.২২.৪৩");
        assert_int_equal(m.format, MEMO_2014);
        assert_int_equal(m.serial_sep, '.');
        assert_string_equal(m.serial, "43");
        assert_formats(&m, true, "০৪.০০.০০০০.৪২৩.২২.০০২.২২.৪৩");
        /* no serial at all: a file number */
        m = parse_ok("46.00.0000.063.09.001.14");
        assert_int_equal(m.serial_sep, 0);
        assert_string_equal(m.serial, "");
        /* forwarding suffix */
        m = parse_ok("৪৬.০০.০০০০.০৬৩.০৯.০০১.১৪-৮৬১/১(৫)");
        assert_string_equal(m.forward, "1");
        assert_string_equal(m.forward_to, "5");
        assert_formats(&m, false, "46.00.0000.063.09.001.14-861/1(5)");
        m = parse_ok("  46.00.0000.063.09.001.14-861/2  ");
        assert_string_equal(m.forward, "2");
        assert_string_equal(m.forward_to, "");
        assert_formats(&m, true, "৪৬.০০.০০০০.০৬৩.০৯.০০১.১৪-৮৬১/২");
}

/* Ministry of Public Administration notice of 10 April 2011, numbered
 * under the 2008 instructions: "০৫.২০৬.০৩৩.০০.০০.০৬৮.২০০৮.৮৭". */
static void test_2008(void **state)
{
        struct memo m = parse_ok("০৫.২০৬.০৩৩.০০.০০.০৬৮.২০০৮.৮৭");

        assert_int_equal(m.format, MEMO_2008);
        assert_string_equal(m.group[1], "206");
        assert_string_equal(m.group[6], "2008");
        assert_string_equal(m.serial, "87");
        assert_int_equal(m.serial_sep, '.');
        m = parse_ok("05.206.033.00.00.068.2008-87/1(12)");
        assert_int_equal(m.format, MEMO_2008);
        assert_string_equal(m.forward_to, "12");
        assert_formats(&m, true, "০৫.২০৬.০৩৩.০০.০০.০৬৮.২০০৮-৮৭/১(১২)");
}

/* The 2024 layout (eight groups, 22 digits); the numbers are made up
 * to the published widths. */
static void test_2024(void **state)
{
        struct memo m = parse_ok("৪৬.০০.০০০০.০০০.০৩৯.০১.০০০২.২৪-১৮৮/১(৫)");

        assert_int_equal(m.format, MEMO_2024);
        assert_int_equal(m.ngroups, 8);
        assert_string_equal(m.group[4], "039");
        assert_string_equal(m.group[6], "0002");
        assert_string_equal(m.group[7], "24");
        assert_string_equal(m.serial, "188");
        assert_formats(&m, false, "46.00.0000.000.039.01.0002.24-188/1(5)");
        m = parse_ok("46.00.0000.000.039.01.0002.24.188");
        assert_int_equal(m.format, MEMO_2024);
        assert_int_equal(m.serial_sep, '.');
        assert_string_equal(m.serial, "188");
}

static void test_invalid(void **state)
{
        assert_bad("৪৬.০০.০০০০.০৩৯.০১৮.০০২.২০১-১৮৮",
                   "group widths 2.2.4.3.3.3.3" NO_FORMAT);
        assert_bad("৪৬.০.০০০০.০৬৩.০৯.০০১.১৪-৮৬১",
                   "group widths 2.1.4.3.2.3.2" NO_FORMAT);
        assert_bad("46.00.0000.063.09.001.2014-861",
                   "group widths 2.2.4.3.2.3.4" NO_FORMAT);
        assert_bad("04.00.0000.423.22.002.22.43-5",
                   "group widths 2.2.4.3.2.3.2.2" NO_FORMAT);
        assert_bad(
            "৪৬.০০.০০০০.০৬৩.০৯.০০১-৮৬১",
            "a memo number has 7 groups (2008, 2014) or 8 (2024), not 6");
        assert_bad(
            "46-861",
            "a memo number has 7 groups (2008, 2014) or 8 (2024), not 1");
        assert_bad("1.1.1.1.1.1.1.1.1.1", "a memo number has 7 groups (2008, "
                                          "2014) or 8 (2024), not 10 or more");
        assert_bad("৪৬.০০.০০০০.ক৬৩.০৯.০০১.১৪-৮৬১", "unexpected 'ক' in group 4");
        assert_bad("স্মারক নং ৪৬.০০.০০০০.০৬৩.০৯.০০১.১৪-৮৬১",
                   "unexpected 'স' in group 1");
        assert_bad("46.00.0000.063.09.001.14-86a",
                   "unexpected 'a' after the memo number");
        assert_bad("46.00.0000.063.09.001.14 - 861",
                   "unexpected ' ' after the memo number");
        assert_bad("46.00\x01", "unexpected '\\x01' after the memo number");
        assert_bad("46.00.0000.063.09.001.14-", "nothing after '-'");
        assert_bad("46..0000", "unexpected '.' in group 2");
        assert_bad("46.00.", "nothing in group 3");
        assert_bad("46.00.0000.063.09.001.14-1234567890",
                   "more than 9 digits after '-'");
        assert_bad("46.00.0000.063.09.001.14-861/", "nothing after '/'");
        assert_bad("46.00.0000.063.09.001.14-861/1(5",
                   "nothing after the copy count");
        assert_bad("46.00.0000.063.09.001.14 (অংশ-x)-861",
                   "unexpected 'x' in the file part");
        assert_bad("46.00.০০০০.063.09.001.14-861",
                   "mixes Bengali and ASCII digits");
        assert_bad("", "empty memo number");
        assert_bad("   ", "empty memo number");
        assert_bad("46.\xff", "not valid UTF-8");
}

static void test_explicit_length(void **state)
{
        const char *s = "46.00.0000.063.09.001.14-861 trailing";
        struct memo m;
        const char *why = NULL;

        assert_int_equal(memo_parse(s, 28, &m, &why), 0);
        assert_string_equal(m.serial, "861");
        assert_int_equal(memo_parse(s, 29, &m, &why), 0); /* trailing space */
        assert_int_equal(memo_parse(s, 30, &m, &why), -1);
}

/* Random memo numbers in each layout: written in either digit set, read
 * back to the same parts. */
static void test_round_trip(void **state)
{
        static const int widths[4][8] = {{2, 3, 3, 2, 2, 3, 4},
                                         {2, 2, 4, 3, 2, 3, 2},
                                         {2, 2, 4, 3, 3, 3, 4},
                                         {2, 2, 4, 3, 3, 2, 4, 2}};
        static const int ngroups[4] = {7, 7, 7, 8};
        static const enum memo_format formats[4] = {MEMO_2008, MEMO_2014,
                                                    MEMO_2014_WIDE, MEMO_2024};
        unsigned seed = 12345;
        struct strbuf sb;
        int i, f, g, k;

        strbuf_init(&sb);
        for (i = 0; i < 3000; i++) {
                struct memo m, back;
                const char *why = NULL;

                memset(&m, 0, sizeof(m));
                f = i % 4;
                m.format = formats[f];
                m.ngroups = ngroups[f];
                for (g = 0; g < m.ngroups; g++) {
                        for (k = 0; k < widths[f][g]; k++) {
                                seed = seed * 1103515245u + 12345u;
                                m.group[g][k] = (char)('0' + (seed >> 16) % 10);
                        }
                }
                seed = seed * 1103515245u + 12345u;
                if (seed % 4) {
                        m.serial_sep = (seed >> 8) % 2 ? '-' : '.';
                        snprintf(m.serial, sizeof(m.serial), "%u",
                                 (seed >> 12) % 100000);
                }
                if (seed % 3 == 0 && m.serial_sep == '-')
                        snprintf(m.part, sizeof(m.part), "%u", seed % 7 + 1);
                if (seed % 5 == 0) {
                        snprintf(m.forward, sizeof(m.forward), "%u",
                                 seed % 9 + 1);
                        if (seed % 2)
                                snprintf(m.forward_to, sizeof(m.forward_to),
                                         "%u", seed % 30 + 1);
                }
                m.bengali = i % 2;
                strbuf_reset(&sb);
                memo_format(&m, m.bengali, &sb);
                if (memo_parse(sb.buf, sb.len, &back, &why) != 0)
                        fail_msg("'%s' did not parse: %s", sb.buf, why);
                assert_memory_equal(&back, &m, sizeof(m));
        }
        strbuf_release(&sb);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_format_widths),
            cmocka_unit_test(test_2014_wide),
            cmocka_unit_test(test_2014_with_part),
            cmocka_unit_test(test_2014_forms),
            cmocka_unit_test(test_2008),
            cmocka_unit_test(test_2024),
            cmocka_unit_test(test_invalid),
            cmocka_unit_test(test_explicit_length),
            cmocka_unit_test(test_round_trip),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
