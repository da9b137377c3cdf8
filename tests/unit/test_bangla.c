/* Unit tests of the Bangla calendar, digits and the date parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/bangla.h"
#include "roadmap/date.h"
#include "roadmap/strbuf.h"

static struct date ymd(int y, int m, int d)
{
        struct date dt = {y, m, d};
        return dt;
}

static struct bdate bymd(int y, int m, int d)
{
        struct bdate b = {y, m, d};
        return b;
}

static void assert_bangla(struct date g, int by, int bm, int bd)
{
        struct bdate b;
        struct date back;
        const char *why = NULL;

        assert_int_equal(bangla_from_gregorian(g, &b), 0);
        if (b.y != by || b.m != bm || b.d != bd)
                fail_msg("%04d-%02d-%02d gave %d/%d/%d, expected %d/%d/%d", g.y,
                         g.m, g.d, b.d, b.m, b.y, bd, bm, by);
        assert_int_equal(bangla_to_gregorian(b, &back, &why), 0);
        assert_int_equal(date_cmp(back, g), 0);
}

static void assert_formats(struct date g, const char *want)
{
        struct strbuf sb;

        strbuf_init(&sb);
        bangla_format_date(g, &sb);
        assert_string_equal(sb.buf, want);
        strbuf_release(&sb);
}

static void assert_parses(const char *s, int y, int m, int d)
{
        struct date got = {0, 0, 0};
        const char *why = NULL;

        if (bangla_parse_date(s, &got, &why) != 0)
                fail_msg("'%s' did not parse: %s", s, why);
        if (got.y != y || got.m != m || got.d != d)
                fail_msg("'%s' gave %04d-%02d-%02d, expected %04d-%02d-%02d", s,
                         got.y, got.m, got.d, y, m, d);
}

static void assert_rejects(const char *s, const char *want_why)
{
        struct date got = {1, 2, 3};
        const char *why = NULL;

        if (bangla_parse_date(s, &got, &why) == 0)
                fail_msg("'%s' parsed as %04d-%02d-%02d", s, got.y, got.m,
                         got.d);
        assert_non_null(why);
        assert_string_equal(why, want_why);
        /* the out-parameter is written only on success */
        assert_int_equal(got.y, 1);
        assert_int_equal(got.d, 3);
}

/*
 * Published pairs.  Each names where it was read.
 */
static void test_source_letter(void **state)
{
        /* The source letter: "৩ কার্তিক ১৪২৪" = 18 October 2017 and
         * "১৬ কার্তিক ১৪২৪" = 31 October 2017 (1987 rule). */
        assert_bangla(ymd(2017, 10, 18), 1424, 7, 3);
        assert_bangla(ymd(2017, 10, 31), 1424, 7, 16);
        assert_formats(ymd(2017, 10, 18), "৩ কার্তিক ১৪২৪");
        assert_formats(ymd(2017, 10, 31), "১৬ কার্তিক ১৪২৪");
        assert_parses("৩ কার্তিক ১৪২৪", 2017, 10, 18);
        assert_parses("১৬ কার্তিক ১৪২৪", 2017, 10, 31);
}

static void test_published_pairs_1987_rule(void **state)
{
        /* bdnews24.com, 16 Oct 2019, "Bangladesh reworks Bangla calendar":
         * "In the old Bangla calendar, Feb 21 fell on Falgun 9 earlier
         * this year" and "Dec 16 will fall on Poush 1, not on the second
         * day of the month". */
        assert_bangla(ymd(2019, 2, 21), 1425, 11, 9);
        assert_bangla(ymd(2018, 12, 16), 1425, 9, 2);
        assert_bangla(ymd(2017, 12, 16), 1424, 9, 2);
        assert_bangla(ymd(2018, 2, 21), 1424, 11, 9);
        /* date-bengali-revised (1987 rule): 14 Apr 2018 = 1 Boishakh 1425 */
        assert_bangla(ymd(2018, 4, 14), 1425, 1, 1);
        /* 26 March is 12 Choitro under both rules */
        assert_bangla(ymd(2018, 3, 26), 1424, 12, 12);
        assert_bangla(ymd(2016, 3, 26), 1422, 12, 12);
}

static void test_published_pairs_2019_rule(void **state)
{
        /* The Daily Bangladesh, 17 Oct 2019: "Ashshin 31 was yesterday
         * (October 16)"; bdnews24.com: Kartik starts on Thursday
         * (17 October 2019). */
        assert_bangla(ymd(2019, 10, 16), 1426, 6, 31);
        assert_bangla(ymd(2019, 10, 17), 1426, 7, 1);
        /* Cabinet Division notice "তারিখ: ০৭ জ্যৈষ্ঠ ১৪৩১/ ২১ মে ২০২৪". */
        assert_bangla(ymd(2024, 5, 21), 1431, 2, 7);
        /* Newspaper datelines: bangla.bdnews24.com "০৩ জুন ২০২৪, ২০ জ্যৈষ্ঠ
         * ১৪৩১" and "১৮ এপ্রিল ২০২৫, ৫ বৈশাখ ১৪৩২"; dailykolomkotha.com
         * "২৭শে ডিসেম্বর, ২০২৪ খ্রিস্টাব্দ, ১২ই পৌষ, ১৪৩১ বঙ্গাব্দ";
         * projonmoekattor.com "১৬ই জানুয়ারি, ২০২৬ খ্রিস্টাব্দ, ২রা মাঘ,
         * ১৪৩২ বঙ্গাব্দ"; chatganrbani.com "১৯শে আশ্বিন, ১৪৩০ বঙ্গাব্দ ||
         * ৪ঠা অক্টোবর, ২০২৩ খ্রিস্টাব্দ". */
        assert_bangla(ymd(2024, 6, 3), 1431, 2, 20);
        assert_bangla(ymd(2025, 4, 18), 1432, 1, 5);
        assert_bangla(ymd(2024, 12, 27), 1431, 9, 12);
        assert_bangla(ymd(2026, 1, 16), 1432, 10, 2);
        assert_bangla(ymd(2023, 10, 4), 1430, 6, 19);
        assert_parses("১২ই পৌষ, ১৪৩১ বঙ্গাব্দ", 2024, 12, 27);
        assert_parses("২রা মাঘ, ১৪৩২ বঙ্গাব্দ", 2026, 1, 16);
        assert_parses("১৯শে আশ্বিন, ১৪৩০ বঙ্গাব্দ", 2023, 10, 4);
        assert_parses("৪ঠা অক্টোবর, ২০২৩ খ্রিস্টাব্দ", 2023, 10, 4);
        /* bangladatetime (2019 rule): 24 Dec 2020 = 9 Poush 1427;
         * bongabdo: 14 Apr 2026 = 1 Boishakh 1433. */
        assert_bangla(ymd(2020, 12, 24), 1427, 9, 9);
        assert_bangla(ymd(2026, 4, 14), 1433, 1, 1);
}

/* bdnews24.com and The Daily Bangladesh (Oct 2019): under the 2019 rule
 * 21 Feb = 8 Falgun, 26 Mar = 12 Choitro, 16 Dec = 1 Poush, 14 Apr =
 * 1 Boishakh, 8 May = 25 Boishakh, 25 May = 11 Jyoishtho, "for next 100
 * years".  Before 1426 the same days were 9 Falgun and 2 Poush. */
static void test_national_days(void **state)
{
        int y;

        for (y = 2020; y <= 2120; y++) {
                assert_bangla(ymd(y, 2, 21), y - 594, 11, 8);
                assert_bangla(ymd(y, 3, 26), y - 594, 12, 12);
        }
        for (y = 2019; y <= 2120; y++) {
                assert_bangla(ymd(y, 4, 14), y - 593, 1, 1);
                assert_bangla(ymd(y, 5, 8), y - 593, 1, 25);
                assert_bangla(ymd(y, 5, 25), y - 593, 2, 11);
                assert_bangla(ymd(y, 12, 16), y - 593, 9, 1);
        }
        for (y = 1988; y <= 2019; y++) {
                assert_bangla(ymd(y, 2, 21), y - 594, 11, 9);
                assert_bangla(ymd(y, 3, 26), y - 594, 12, 12);
                assert_bangla(ymd(y, 4, 14), y - 593, 1, 1);
        }
        for (y = 1987; y <= 2018; y++)
                assert_bangla(ymd(y, 12, 16), y - 593, 9, 2);
}

static void test_month_lengths_by_rule(void **state)
{
        static const int r1987[] = {31, 31, 31, 31, 31, 30,
                                    30, 30, 30, 30, 30, 30};
        static const int r2019[] = {31, 31, 31, 31, 31, 31,
                                    30, 30, 30, 30, 29, 30};
        int m;

        for (m = 1; m <= 12; m++) {
                assert_int_equal(bangla_days_in_month(1425, m), r1987[m - 1]);
                assert_int_equal(bangla_days_in_month(1426, m),
                                 r2019[m - 1] + (m == 11)); /* 2020 leap */
                assert_int_equal(bangla_days_in_month(1427, m), r2019[m - 1]);
                assert_int_equal(bangla_days_in_month(1422, m),
                                 r1987[m - 1] + (m == 11)); /* 2016 leap */
        }
        /* Gregorian century rule: 2100 is not a leap year, 2000 is */
        assert_int_equal(bangla_days_in_month(2100 - 594, 11), 29);
        assert_int_equal(bangla_days_in_month(2000 - 594, 11), 31);
        assert_int_equal(bangla_days_in_month(1900 - 594, 11), 30);
        assert_int_equal(bangla_days_in_month(1425, 0), 0);
        assert_int_equal(bangla_days_in_month(1425, 13), 0);
}

static void test_rule_boundary_1425_1426(void **state)
{
        const char *why = NULL;
        struct date g;

        /* last day of 1425 and first of 1426 */
        assert_bangla(ymd(2019, 4, 13), 1425, 12, 30);
        assert_bangla(ymd(2019, 4, 14), 1426, 1, 1);
        /* 1425: Ashwin has 30 days, Kartik starts 16 October */
        assert_bangla(ymd(2018, 10, 15), 1425, 6, 30);
        assert_bangla(ymd(2018, 10, 16), 1425, 7, 1);
        assert_int_equal(bangla_to_gregorian(bymd(1425, 6, 31), &g, &why), -1);
        assert_string_equal(why, "no such day: আশ্বিন 1425 has 30 days");
        /* 1426: Ashwin has 31 days */
        assert_int_equal(bangla_to_gregorian(bymd(1426, 6, 31), &g, &why), 0);
        assert_int_equal(date_cmp(g, ymd(2019, 10, 16)), 0);
        /* Falgun 1425 (Feb-Mar 2019, not leap) had 30 days under 1987 */
        assert_bangla(ymd(2019, 3, 14), 1425, 11, 30);
        assert_bangla(ymd(2019, 3, 15), 1425, 12, 1);
        /* leap years under each rule */
        assert_bangla(ymd(2016, 3, 14), 1422, 11, 31);
        assert_bangla(ymd(2020, 3, 14), 1426, 11, 30);
        assert_bangla(ymd(2024, 3, 14), 1430, 11, 30);
        assert_bangla(ymd(2025, 3, 14), 1431, 11, 29);
        assert_bangla(ymd(2025, 3, 15), 1431, 12, 1);
}

/* Every day 1900..2100: to Bangla and back, consecutive days advance by
 * one Bangla day, and the formatted date parses back to the same day. */
static void test_round_trip_1900_2100(void **state)
{
        long first = date_to_days(ymd(1900, 1, 1));
        long last = date_to_days(ymd(2100, 12, 31));
        struct bdate prev = {0, 0, 0}, b;
        struct strbuf sb;
        long z;

        strbuf_init(&sb);
        for (z = first; z <= last; z++) {
                struct date g = date_from_days(z), back;
                const char *why = NULL;

                assert_int_equal(bangla_from_gregorian(g, &b), 0);
                assert_int_equal(bangla_to_gregorian(b, &back, &why), 0);
                assert_int_equal(date_to_days(back), z);
                if (z > first) {
                        bool next_day =
                            b.y == prev.y && b.m == prev.m && b.d == prev.d + 1;
                        bool next_month =
                            b.y == prev.y && b.m == prev.m + 1 && b.d == 1 &&
                            prev.d == bangla_days_in_month(prev.y, prev.m);
                        bool next_year = b.y == prev.y + 1 && b.m == 1 &&
                                         b.d == 1 && prev.m == 12 &&
                                         prev.d == 30;
                        assert_true(next_day || next_month || next_year);
                }
                strbuf_reset(&sb);
                bangla_format_date(g, &sb);
                assert_int_equal(bangla_parse_date(sb.buf, &back, &why), 0);
                assert_int_equal(date_to_days(back), z);
                prev = b;
        }
        strbuf_release(&sb);
}

static void test_conversion_limits(void **state)
{
        struct bdate b = {7, 7, 7};
        struct date g;
        const char *why = NULL;

        assert_int_equal(bangla_from_gregorian(ymd(2017, 2, 29), &b), -1);
        assert_int_equal(bangla_from_gregorian(ymd(594, 4, 13), &b), -1);
        assert_int_equal(b.y, 7);
        assert_int_equal(bangla_from_gregorian(ymd(594, 4, 14), &b), 0);
        assert_int_equal(b.y, 1);
        assert_int_equal(bangla_from_gregorian(ymd(9999, 12, 31), &b), 0);
        assert_int_equal(b.y, 9406);
        assert_int_equal(bangla_to_gregorian(bymd(1424, 13, 1), &g, &why), -1);
        assert_string_equal(why, "no such month");
        assert_int_equal(bangla_to_gregorian(bymd(0, 1, 1), &g, &why), -1);
        assert_string_equal(why, "year out of range (1 to 9405 বঙ্গাব্দ)");
        assert_int_equal(bangla_to_gregorian(bymd(9405, 12, 30), &g, &why), 0);
        assert_int_equal(date_cmp(g, ymd(9999, 4, 13)), 0);
}

/*
 * Parsing.
 */
static void test_parse_bangla_forms(void **state)
{
        assert_parses("১৬ কার্তিক ১৪২৪ বঙ্গাব্দ", 2017, 10, 31);
        assert_parses("16 কার্তিক 1424", 2017, 10, 31);
        assert_parses("১6 কার্তিক 14২৪", 2017, 10, 31);
        assert_parses("  ১৬ কার্তিক ১৪২৪\t", 2017, 10, 31);
        assert_parses("১৬ই কার্তিক, ১৪২৪ বঙ্গাব্দ", 2017, 10, 31);
        assert_parses("১৬ কার্তিক ১৪২৪ বাং", 2017, 10, 31);
        assert_parses("১৬\u00a0কার্তিক\u00a0১৪২৪", 2017, 10, 31);
        assert_parses("16 Kartik 1424", 2017, 10, 31);
        assert_parses("16 KARTIK 1424", 2017, 10, 31);
        assert_parses("১লা বৈশাখ ১৪২৬", 2019, 4, 14);
        assert_parses("Kartik 16, 1424", 2017, 10, 31);
}

struct variant {
        const char *word;
        int month;
};

static void test_parse_month_variants(void **state)
{
        static const struct variant v[] = {
            {"বৈশাখ", 1},
            {"বোশেখ", 1},
            {"Boishakh", 1},
            {"Baishakh", 1},
            {"জ্যৈষ্ঠ", 2},
            {"জৈষ্ঠ্য", 2},
            {"জ্যেষ্ঠ", 2},
            {"জ্\u200dযৈষ্ঠ", 2}, /* with a zero-width joiner */
            {"Jyoishtho", 2},
            {"Jaishtha", 2},
            {"আষাঢ়", 3},
            {"আষা\u09dd", 3}, /* precomposed ঢ় */
            {"Asharh", 3},
            {"Ashar", 3},
            {"শ্রাবণ", 4},
            {"শ্রাবন", 4},
            {"Srabon", 4},
            {"Shraban", 4},
            {"ভাদ্র", 5},
            {"Bhadro", 5},
            {"Bhadra", 5},
            {"আশ্বিন", 6},
            {"Ashwin", 6},
            {"Ashshin", 6},
            {"কার্তিক", 7},
            {"কার্ত্তিক", 7},
            {"Kartik", 7},
            {"অগ্রহায়ণ", 8},
            {"অগ্রহা\u09dfণ", 8}, /* precomposed য় */
            {"অগ্রহায়ন", 8},
            {"অগ্রহা\u09dfন", 8},
            {"Ogrohayon", 8},
            {"Agrahayan", 8},
            {"পৌষ", 9},
            {"প\u09c7\u09d7ষ", 9}, /* ৌ typed as its two parts */
            {"Poush", 9},
            {"Paush", 9},
            {"মাঘ", 10},
            {"Magh", 10},
            {"ফাল্গুন", 11},
            {"ফালগুন", 11},
            {"Falgun", 11},
            {"Phalgun", 11},
            {"চৈত্র", 12},
            {"Choitro", 12},
            {"Chaitra", 12},
        };
        char buf[128];
        size_t i;

        for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
                struct date want;
                const char *why = NULL;

                assert_int_equal(
                    bangla_to_gregorian(bymd(1424, v[i].month, 5), &want, &why),
                    0);
                snprintf(buf, sizeof(buf), "৫ %s ১৪২৪", v[i].word);
                assert_parses(buf, want.y, want.m, want.d);
        }
}

static void test_parse_gregorian_forms(void **state)
{
        assert_parses("৩১ অক্টোবর ২০১৭", 2017, 10, 31);
        assert_parses("৩১ অক্টোবর ২০১৭ খ্রিস্টাব্দ", 2017, 10, 31);
        assert_parses("৩১ অক্টোবর ২০১৭ খ্রিষ্টাব্দ", 2017, 10, 31);
        assert_parses("৩১ অক্টোবর, ২০১৭ খ্রিঃ", 2017, 10, 31);
        assert_parses("১ জানুয়ারি ২০১৮", 2018, 1, 1);
        assert_parses("১ জানুয়ারী ২০১৮", 2018, 1, 1);
        assert_parses("১ জানু\u09dfারি ২০১৮", 2018, 1, 1);
        assert_parses("২৮ ফেব্রুয়ারি ২০১৮", 2018, 2, 28);
        assert_parses("২৮ ফেব্রুয়ারী ২০১৮", 2018, 2, 28);
        assert_parses("২৯ ফেব্রুয়ারি ২০২৪", 2024, 2, 29);
        assert_parses("৩০ সেপ্টেম্বর ২০১৭", 2017, 9, 30);
        assert_parses("১৬ ডিসেম্বর ১৯৭১", 1971, 12, 16);
        assert_parses("২১ মে ২০২৪", 2024, 5, 21);
        assert_parses("15 আগস্ট 2023", 2023, 8, 15);
        assert_parses("31 October 2017", 2017, 10, 31);
        assert_parses("31 Oct 2017", 2017, 10, 31);
        assert_parses("31 oct. 2017", 2017, 10, 31);
        assert_parses("31st October 2017", 2017, 10, 31);
        assert_parses("October 31, 2017", 2017, 10, 31);
        assert_parses("1 Sept 2017", 2017, 9, 1);
        assert_parses("3 MAY 2017", 2017, 5, 3);
}

/* The source letter's dateline: both calendars, which must agree. */
static void test_parse_dateline(void **state)
{
        assert_parses("তারিখ: ৩ কার্তিক ১৪২৪ বঙ্গাব্দ / ১৮ অক্টোবর ২০১৭ "
                      "খ্রিস্টাব্দ",
                      2017, 10, 18);
        assert_parses("১৬ কার্তিক ১৪২৪/৩১ অক্টোবর ২০১৭", 2017, 10, 31);
        assert_parses("তারিখঃ ০৭ জ্যৈষ্ঠ ১৪৩১/ ২১ মে ২০২৪", 2024, 5, 21);
        assert_parses("তারিখ ২০১৭-১০-৩১ / ১৬ কার্তিক ১৪২৪", 2017, 10, 31);
        assert_rejects("৩ কার্তিক ১৪২৪ বঙ্গাব্দ / ১৯ অক্টোবর ২০১৭",
                       "the two dates name different days: 2017-10-18 and "
                       "2017-10-19");
        assert_rejects("৩২ কার্তিক ১৪২৪ / ১৮ অক্টোবর ২০১৭",
                       "no such day: কার্তিক 1424 has 30 days");
        assert_rejects("৩ কার্তিক ১৪২৪ / ", "empty date");
        assert_rejects("1/2/3", "not a date: more than one '/'");
}

static void test_parse_iso(void **state)
{
        assert_parses("2017-10-31", 2017, 10, 31);
        assert_parses("২০১৭-১০-৩১", 2017, 10, 31);
        assert_parses(" ২০১৭-10-৩১ ", 2017, 10, 31);
        assert_rejects("2017-02-29", "no such day in that month");
        assert_rejects("২০১৭-১৩-০১", "no such month");
        assert_rejects("2017-1-31", "not a date in the form YYYY-MM-DD");
        assert_rejects("0999-01-01", "year out of range (1000 to 9999)");
}

static void test_parse_errors(void **state)
{
        assert_rejects("৩২ বৈশাখ ১৪২৪", "no such day: বৈশাখ 1424 has 31 days");
        assert_rejects("০ বৈশাখ ১৪২৪", "no such day: বৈশাখ 1424 has 31 days");
        assert_rejects("৩০ ফাল্গুন ১৪৩১", "no such day: ফাল্গুন 1431 has 29 days");
        assert_rejects("৩০ ফাল্গুন ১৪২৭", "no such day: ফাল্গুন 1427 has 29 days");
        assert_rejects("৩১ ফাল্গুন ১৪৩০", "no such day: ফাল্গুন 1430 has 30 days");
        assert_rejects("৩১ ফাল্গুন ১৪২৫", "no such day: ফাল্গুন 1425 has 30 days");
        assert_rejects("৩১ আশ্বিন ১৪২৫", "no such day: আশ্বিন 1425 has 30 days");
        assert_rejects("৩১ কার্তিক ১৪৩০",
                       "no such day: কার্তিক 1430 has 30 days");
        assert_rejects("29 February 2017",
                       "no such day: February 2017 has 28 days");
        assert_rejects("৩১ সেপ্টেম্বর ২০১৭",
                       "no such day: September 2017 has 30 days");
        assert_rejects("১৬ কার্তিক ১৪২৪ খ্রিস্টাব্দ",
                       "a Bangla month with the Gregorian era 'খ্রিস্টাব্দ'");
        assert_rejects("৩১ অক্টোবর ২০১৭ বঙ্গাব্দ",
                       "a Gregorian month with the Bangla era 'বঙ্গাব্দ'");
        assert_rejects("১৬ কার্তিক ১৪২৪ সাল", "unexpected 'সাল' after the year");
        assert_rejects("16 Kartikk 1424", "unknown month 'kartikk'");
        assert_rejects("Octobr 31 2017", "unknown month 'octobr'");
        assert_rejects("১৬x কার্তিক ১৪২৪", "not a day of the month: '16x'");
        assert_rejects("১৬ কার্তিক ১৪২৪ক", "not a year: '1424ক'");
        assert_rejects("১৬ কার্তিক ৪০০",
                       "year out of range (407 to 9405 বঙ্গাব্দ)");
        assert_rejects("31 October 999", "year out of range (1000 to 9999)");
        assert_rejects("", "empty date");
        assert_rejects("  \t ", "empty date");
        assert_rejects("১৬ কার্তিক",
                       "not a date: expected YYYY-MM-DD or day, month and "
                       "year (১৬ কার্তিক ১৪২৪, 31 October 2017)");
        assert_rejects("a b c d e f g", "not a date: too many words");
        assert_rejects("\xff\xfe", "not valid UTF-8");
}

/*
 * Numbers, digits, names.
 */
static void assert_number(const char *s, long want)
{
        long v = -1;
        const char *why = NULL;

        if (bangla_parse_number(s, &v, &why) != 0)
                fail_msg("'%s' did not parse: %s", s, why);
        assert_int_equal(v, want);
}

static void assert_not_number(const char *s, const char *want_why)
{
        long v = -7;
        const char *why = NULL;

        assert_int_equal(bangla_parse_number(s, &v, &why), -1);
        assert_string_equal(why, want_why);
        assert_int_equal(v, -7);
}

static void test_parse_number(void **state)
{
        const char *bad = "not a number: only the digits 0-9 or ০-৯ may appear";

        assert_number("0", 0);
        assert_number("১৫০", 150);
        assert_number("1৫0", 150);
        assert_number(" 48 ", 48);
        assert_number("০০৭", 7);
        assert_number("2147483647", 2147483647L);
        assert_number("২১৪৭৪৮৩৬৪৭", 2147483647L);
        assert_not_number("2147483648",
                          "number too large (at most 2147483647)");
        assert_not_number("99999999999999999999",
                          "number too large (at most 2147483647)");
        assert_not_number("", "not a number: empty");
        assert_not_number("  ", "not a number: empty");
        assert_not_number("-1", bad);
        assert_not_number("+1", bad);
        assert_not_number("1 000", bad);
        assert_not_number("১২ক", bad);
        assert_not_number("1.5", bad);
        assert_not_number("\xe0\xa7", bad); /* a cut Bengali digit */
}

static void test_digits(void **state)
{
        struct strbuf sb;
        size_t len;

        strbuf_init(&sb);
        bangla_digits("2017-18, ১৪২৪", strlen("2017-18, ১৪২৪"), &sb);
        assert_string_equal(sb.buf, "২০১৭-১৮, ১৪২৪");
        strbuf_reset(&sb);
        bangla_ascii_digits("৪৬.০০-১৮৮/১(৫) x", strlen("৪৬.০০-১৮৮/১(৫) x"),
                            &sb);
        assert_string_equal(sb.buf, "46.00-188/1(5) x");
        strbuf_reset(&sb);
        bangla_digits("0123456789", 10, &sb);
        assert_string_equal(sb.buf, "০১২৩৪৫৬৭৮৯");
        assert_int_equal(bangla_digit_at("৯", 3, &len), 9);
        assert_int_equal(len, 3);
        assert_int_equal(bangla_digit_at("৯", 2, &len), -1);
        assert_int_equal(bangla_digit_at("ক", 3, &len), -1);
        strbuf_release(&sb);
}

static void test_format(void **state)
{
        struct strbuf sb;

        assert_formats(ymd(2019, 4, 14), "১ বৈশাখ ১৪২৬");
        assert_formats(ymd(2024, 12, 16), "১ পৌষ ১৪৩১");
        assert_formats(ymd(2020, 3, 14), "৩০ ফাল্গুন ১৪২৬");
        assert_formats(ymd(500, 1, 1), "০৫০০-০১-০১");
        strbuf_init(&sb);
        bangla_format_gregorian(ymd(2017, 10, 31), &sb);
        assert_string_equal(sb.buf, "৩১ অক্টোবর ২০১৭");
        strbuf_reset(&sb);
        bangla_format_gregorian(ymd(2018, 1, 5), &sb);
        assert_string_equal(sb.buf, "৫ জানুয়ারি ২০১৮");
        strbuf_release(&sb);
}

static void test_month_names_are_nfc_and_parse(void **state)
{
        struct strbuf sb;
        char buf[128];
        int m;

        strbuf_init(&sb);
        assert_null(bangla_month_name(0));
        assert_null(bangla_month_name(13));
        assert_null(bangla_gregorian_month_name(13));
        assert_string_equal(bangla_month_name(1), "বৈশাখ");
        assert_string_equal(bangla_month_name(7), "কার্তিক");
        assert_string_equal(bangla_month_name(12), "চৈত্র");
        for (m = 1; m <= 12; m++) {
                const char *names[2] = {bangla_month_name(m),
                                        bangla_gregorian_month_name(m)};
                int k;

                for (k = 0; k < 2; k++) {
                        strbuf_reset(&sb);
                        assert_int_equal(
                            bangla_nfc(names[k], strlen(names[k]), &sb), 0);
                        assert_string_equal(sb.buf, names[k]);
                }
                /* every output name is accepted as input */
                snprintf(buf, sizeof(buf), "১ %s ১৪২৪", names[0]);
                {
                        struct date want, got;
                        const char *why = NULL;

                        assert_int_equal(
                            bangla_to_gregorian(bymd(1424, m, 1), &want, &why),
                            0);
                        assert_int_equal(bangla_parse_date(buf, &got, &why), 0);
                        assert_int_equal(date_cmp(got, want), 0);
                }
                snprintf(buf, sizeof(buf), "১ %s ২০১৭", names[1]);
                assert_parses(buf, 2017, m, 1);
        }
        strbuf_release(&sb);
}

/*
 * Text copied from man's output: col -b deletes every zero-width
 * character, so "১৬ কার্তিক ১৪২৪" arrives as "১৬ কারতিক ১৪২৪".
 */
static void test_parse_col_damaged(void **state)
{
        /* the government's spellings with every virama, nukta and
         * nonspacing vowel sign gone, as col -b leaves them */
        static const char *const bangla[12] = {
            "বৈশাখ",  "জযৈষঠ",   "আষাঢ", "শরাবণ", "ভাদর",  "আশবিন",
            "কারতিক", "অগরহাযণ", "পৌষ",  "মাঘ",   "ফালগন", "চৈতর",
        };
        static const char *const gregorian[12] = {
            "জানযারি", "ফেবরযারি", "মারচ",     "এপরিল",  "মে",     "জন",
            "জলাই",    "আগসট",     "সেপটেমবর", "অকটোবর", "নভেমবর", "ডিসেমবর",
        };
        char buf[160];
        int m;

        for (m = 1; m <= 12; m++) {
                struct date want;
                const char *why = NULL;

                assert_int_equal(
                    bangla_to_gregorian(bymd(1424, m, 5), &want, &why), 0);
                snprintf(buf, sizeof(buf), "৫ %s ১৪২৪", bangla[m - 1]);
                assert_parses(buf, want.y, want.m, want.d);
                snprintf(buf, sizeof(buf), "৫ %s ১৪২৪ বঙগাবদ", bangla[m - 1]);
                assert_parses(buf, want.y, want.m, want.d);
                snprintf(buf, sizeof(buf), "৫ %s ২০১৭ খরিসটাবদ",
                         gregorian[m - 1]);
                assert_parses(buf, 2017, m, 5);
        }
        /* the source letter's dates, damaged */
        assert_parses("১৬ কারতিক ১৪২৪", 2017, 10, 31);
        assert_parses("২৫ অগরহাযণ ১৪২৪", 2017, 12, 9);
        assert_parses("তারিখ: ৩ কারতিক ১৪২৪ বঙগাবদ / ১৮ অকটোবর ২০১৭ খরিসটাবদ",
                      2017, 10, 18);
        /* the common variants, damaged */
        assert_parses("৫ জৈষঠয ১৪২৪", 2017, 5, 19);
        assert_parses("৫ কারততিক ১৪২৪", 2017, 10, 20);
        assert_parses("৫ অগরহাযন ১৪২৪", 2017, 11, 19);
        assert_parses("৫ অঘরাণ ১৪২৪", 2017, 11, 19);
        assert_parses("৫ শরাবন ১৪২৪", 2017, 7, 20);
        /* a precomposed য় (U+09DF) survives col -b, the virama does not */
        assert_parses("৫ অগরহা\u09dfণ ১৪২৪", 2017, 11, 19);
        /* some marks left: a virama kept, another dropped */
        assert_parses("৫ জ্যৈষঠ ১৪২৪", 2017, 5, 19);
        /* with a ZWNJ where a virama was */
        assert_parses("৫ কার\u200cতিক ১৪২৪", 2017, 10, 20);

        /* near misses: a letter missing or added, or a mark the word
         * does not have, are still unknown */
        assert_rejects("৫ কাতিক ১৪২৪", "unknown month 'কাতিক'");
        assert_rejects("৫ কারতিকা ১৪২৪", "unknown month 'কারতিকা'");
        assert_rejects("৫ কুারতিক ১৪২৪", "unknown month 'কুারতিক'");
        assert_rejects("৫ কারতিক্ ১৪২৪", "unknown month 'কারতিক্'");
        assert_rejects("৫ ফালগান ১৪২৪", "unknown month 'ফালগান'");
        assert_rejects("৫ জান ২০১৭", "unknown month 'জান'");
        assert_rejects("৫ ম ২০১৭", "unknown month 'ম'");
        assert_rejects("৫ কারতিক ১৪২৪ বঙগাব",
                       "unexpected 'বঙগাব' after the year");
        assert_rejects("৫ কারতিক ১৪২৪ খরিসটাবদ",
                       "a Bangla month with the Gregorian era 'খরিসটাবদ'");
}

/* No two months share a skeleton, so a word with its zero-width marks
 * gone still names one month, and every skeleton parses to its month. */
static void test_month_skeletons_are_unique(void **state)
{
        struct strbuf a, b;
        char buf[160];
        const char *wi, *wj;
        int mi, mj, n = 0, damaged = 0;
        bool bi, bj;
        size_t i, j;

        strbuf_init(&a);
        strbuf_init(&b);
        for (i = 0; (wi = bangla_month_word(i, &mi, &bi)) != NULL; i++) {
                strbuf_reset(&a);
                assert_int_equal(bangla_skeleton(wi, strlen(wi), &a), 0);
                assert_true(a.len > 0);
                damaged += strcmp(a.buf, wi) != 0;
                for (j = i + 1; (wj = bangla_month_word(j, &mj, &bj)) != NULL;
                     j++) {
                        if (mi == mj && bi == bj)
                                continue;
                        strbuf_reset(&b);
                        assert_int_equal(bangla_skeleton(wj, strlen(wj), &b),
                                         0);
                        if (strcmp(a.buf, b.buf) == 0)
                                fail_msg("'%s' and '%s' share the skeleton "
                                         "'%s'",
                                         wi, wj, a.buf);
                }
                if (bi) {
                        struct date want;
                        const char *why = NULL;

                        assert_int_equal(
                            bangla_to_gregorian(bymd(1424, mi, 2), &want, &why),
                            0);
                        snprintf(buf, sizeof(buf), "২ %s ১৪২৪", a.buf);
                        assert_parses(buf, want.y, want.m, want.d);
                } else {
                        snprintf(buf, sizeof(buf), "2 %s 2017", a.buf);
                        assert_parses(buf, 2017, mi, 2);
                }
                n++;
        }
        /* the tables were seen, and col -b would change many words */
        assert_true(n > 100);
        assert_true(damaged >= 30);
        strbuf_reset(&a);
        assert_int_equal(bangla_skeleton("স্থানীয়", strlen("স্থানীয়"), &a), 0);
        assert_string_equal(a.buf, "সথানীয");
        strbuf_reset(&a);
        assert_int_equal(
            bangla_skeleton("Kar\u200dtik ১৬", strlen("Kar\u200dtik ১৬"), &a),
            0);
        assert_string_equal(a.buf, "kartik 16");
        assert_int_equal(bangla_skeleton("\xff", 1, &a), -1);
        strbuf_release(&a);
        strbuf_release(&b);
}

static void test_nfc(void **state)
{
        struct strbuf sb;

        strbuf_init(&sb);
        /* U+09DF (য়) is excluded from composition: NFC is য + nukta */
        assert_int_equal(bangla_nfc("\xe0\xa7\x9f", 3, &sb), 0);
        assert_string_equal(sb.buf, "\xe0\xa6\xaf\xe0\xa6\xbc");
        strbuf_reset(&sb);
        assert_int_equal(bangla_nfc("\xff", 1, &sb), -1);
        assert_int_equal(sb.len, 0);
        strbuf_release(&sb);
}

static void test_same_text(void **state)
{
        /* ময়মনসিংহ with য় precomposed (U+09DF), and in NFC */
        const char *pre = "\xe0\xa6\xae\xe0\xa7\x9f\xe0\xa6\xae";
        const char *nfc = "\xe0\xa6\xae\xe0\xa6\xaf\xe0\xa6\xbc\xe0\xa6\xae";

        assert_true(bangla_same_text(pre, nfc));
        assert_true(bangla_same_text(nfc, pre));
        assert_true(bangla_same_text(pre, pre));
        assert_true(bangla_same_text("", ""));
        assert_true(bangla_same_text(NULL, NULL));
        assert_false(bangla_same_text(pre, NULL));
        assert_false(bangla_same_text(NULL, ""));
        assert_false(bangla_same_text(pre, "\xe0\xa6\xae\xe0\xa6\xaf"));
        assert_false(bangla_same_text("Chief Engineer", "chief engineer"));
        /* not UTF-8: bytes */
        assert_true(bangla_same_text("\xff", "\xff"));
        assert_false(bangla_same_text("\xff", "\xfe"));
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_source_letter),
            cmocka_unit_test(test_published_pairs_1987_rule),
            cmocka_unit_test(test_published_pairs_2019_rule),
            cmocka_unit_test(test_national_days),
            cmocka_unit_test(test_month_lengths_by_rule),
            cmocka_unit_test(test_rule_boundary_1425_1426),
            cmocka_unit_test(test_round_trip_1900_2100),
            cmocka_unit_test(test_conversion_limits),
            cmocka_unit_test(test_parse_bangla_forms),
            cmocka_unit_test(test_parse_month_variants),
            cmocka_unit_test(test_parse_gregorian_forms),
            cmocka_unit_test(test_parse_dateline),
            cmocka_unit_test(test_parse_iso),
            cmocka_unit_test(test_parse_errors),
            cmocka_unit_test(test_parse_number),
            cmocka_unit_test(test_digits),
            cmocka_unit_test(test_format),
            cmocka_unit_test(test_month_names_are_nfc_and_parse),
            cmocka_unit_test(test_parse_col_damaged),
            cmocka_unit_test(test_month_skeletons_are_unique),
            cmocka_unit_test(test_nfc),
            cmocka_unit_test(test_same_text),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
