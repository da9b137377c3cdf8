/* Unit tests of conflictfile: the regions of a file that git left with
 * conflict markers, each named by what taking their side changes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/conflictfile.h"

#include "unit_util.h"

#define HEAD                                                                   \
        "roadmap: 1\n"                                                         \
        "office:\n"                                                            \
        "  id: gcc\n"                                                          \
        "  name: Gazipur City Corporation\n"                                   \
        "  ministry: lgd\n"                                                    \
        "  head: Mayor\n"                                                      \
        "services:\n"
#define TRADE_TOP                                                              \
        "  - id: trade-licence\n"                                              \
        "    name: Trade licence\n"                                            \
        "    recipients: business\n"
#define BIRTH                                                                  \
        "  - id: birth-certificate\n"                                          \
        "    name: Birth certificate\n"

static const char hint[] =
    "keep the lines you want, delete the markers, then 'git add "
    "offices/lgd/gcc.yaml'; 'roadmap merge-driver --explain "
    "offices/lgd/gcc.yaml' lists the conflicts";

/* The errors that describing text (as kind) gives, one "line:col: msg"
 * per line (the caller frees); *rc: what conflictfile_describe returned.
 * Every region error has the hint. */
static char *describe_as(enum load_kind kind, const char *text, int *rc)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct strbuf sb = STRBUF_INIT;
        size_t i;

        *rc = conflictfile_describe(kind, "offices/lgd/gcc.yaml", text,
                                    strlen(text), &dl);
        for (i = 0; i < dl.n; i++) {
                const struct diag *d = &dl.items[i];
                assert_int_equal(d->level, DIAG_ERROR);
                assert_string_equal(d->path, "offices/lgd/gcc.yaml");
                if (*rc > 0)
                        assert_string_equal(d->hint, hint);
                strbuf_addf(&sb, "%d:%d: %s\n", d->line, d->col, d->msg);
        }
        diag_list_release(&dl);
        return strbuf_detach(&sb, NULL);
}

/* Describe the office text; expect n regions and exactly the errors
 * want. */
static void expect_described(const char *text, int n, const char *want)
{
        int rc;
        char *got = describe_as(LOAD_OFFICE, text, &rc);

        assert_string_equal(got, want);
        assert_int_equal(rc, n);
        free(got);
}

static const char scalar[] = HEAD TRADE_TOP "    tcv:\n"
                                            "<<<<<<< HEAD\n"
                                            "      days: 7\n"
                                            "=======\n"
                                            "      days: 10\n"
                                            ">>>>>>> theirs\n"
                                            "      cost: 500\n"
                                            "      visits: 3\n" BIRTH;

static void test_scalar(void **state)
{
        (void)state;
        expect_described(scalar, 1,
                         "12:1: unresolved merge conflict: service "
                         "trade-licence: tcv.days: ours 7, theirs 10\n");
}

static void test_no_markers(void **state)
{
        (void)state;
        expect_described(HEAD TRADE_TOP BIRTH, 0, "");
        /* a marker's characters that are not a marker: too few, or more
         * text after them, or not at a line's start */
        expect_described(HEAD TRADE_TOP "    name_bn: '<<<<<<< x'\n"
                                        "# <<<<<<<< HEAD\n"
                                        "#=======\n" BIRTH,
                         0, "");
}

static void test_two_services(void **state)
{
        (void)state;
        expect_described(HEAD "  - id: trade-licence\n"
                              "<<<<<<< HEAD\n"
                              "    name: Trade licence\n"
                              "=======\n"
                              "    name: Trade licence (new)\n"
                              ">>>>>>> theirs\n"
                              "    recipients: business\n"
                              "  - id: birth-certificate\n"
                              "    name: Birth certificate\n"
                              "<<<<<<< HEAD\n"
                              "    recipients: citizen\n"
                              "=======\n"
                              "    recipients: government\n"
                              ">>>>>>> theirs\n",
                         2,
                         "9:1: unresolved merge conflict: service "
                         "trade-licence: name: ours \"Trade licence\", "
                         "theirs \"Trade licence (new)\"\n"
                         "17:1: unresolved merge conflict: service "
                         "birth-certificate: recipients: ours citizen, "
                         "theirs government\n");
}

static void test_diff3(void **state)
{
        (void)state;
        expect_described(HEAD TRADE_TOP "    tcv:\n"
                                        "<<<<<<< ours\n"
                                        "      days: 7\n"
                                        "||||||| base\n"
                                        "      days: 30\n"
                                        "=======\n"
                                        "      days: 10\n"
                                        ">>>>>>> theirs\n"
                                        "      cost: 500\n"
                                        "      visits: 3\n",
                         1,
                         "12:1: unresolved merge conflict: service "
                         "trade-licence: tcv.days: ours 7, theirs 10\n");
}

/* A whole service on one side only: ours removed it, theirs changed it. */
static void test_whole_service(void **state)
{
        (void)state;
        expect_described(HEAD TRADE_TOP "<<<<<<< ours\n"
                                        "=======\n" BIRTH
                                        "    recipients: citizen\n"
                                        ">>>>>>> theirs\n",
                         1,
                         "11:1: unresolved merge conflict: service "
                         "birth-certificate: only theirs has it\n");
        expect_described(HEAD TRADE_TOP "<<<<<<< ours\n" BIRTH "=======\n"
                                        ">>>>>>> theirs\n",
                         1,
                         "11:1: unresolved merge conflict: service "
                         "birth-certificate: only ours has it\n");
}

/* git's line merge cut the YAML where their side does not parse. */
static void test_unparseable(void **state)
{
        (void)state;
        expect_described(HEAD "  - id: trade-licence\n"
                              "<<<<<<< ours\n"
                              "    name: Trade licence\n"
                              "=======\n"
                              "    name: [Trade licence\n"
                              ">>>>>>> theirs\n"
                              "    recipients: business\n",
                         1, "9:1: unresolved merge conflict (lines 9-13)\n");
        /* ours does not parse: every region has the line form */
        expect_described(HEAD "  - id: trade-licence\n"
                              "<<<<<<< ours\n"
                              "    name: 'Trade licence\n"
                              "=======\n"
                              "    name: Trade licence\n"
                              ">>>>>>> theirs\n"
                              "<<<<<<< ours\n"
                              "    recipients: business\n"
                              "=======\n"
                              "    recipients: government\n"
                              ">>>>>>> theirs\n",
                         2,
                         "9:1: unresolved merge conflict (lines 9-13)\n"
                         "14:1: unresolved merge conflict (lines 14-18)\n");
        /* their side parses but is not valid: its model would not say
         * what it holds */
        expect_described(HEAD TRADE_TOP "<<<<<<< ours\n"
                                        "    name_bn: ট্রেড লাইসেন্স\n"
                                        "=======\n"
                                        "    tcv: {days: -1}\n"
                                        ">>>>>>> theirs\n",
                         1, "11:1: unresolved merge conflict (lines 11-15)\n");
        /* both sides the same: nothing to name */
        expect_described(HEAD "  - id: trade-licence\n"
                              "<<<<<<< ours\n"
                              "    name: Trade licence\n"
                              "=======\n"
                              "    name: 'Trade licence'\n"
                              ">>>>>>> theirs\n",
                         1, "9:1: unresolved merge conflict (lines 9-13)\n");
}

/* Markers of another size (git's conflict-marker-size, or a recursive
 * merge's virtual ancestor, whose markers are longer than the outer
 * merge's): one region is one size, another size inside it is text. */
static void test_marker_size(void **state)
{
        (void)state;
        expect_described(HEAD TRADE_TOP "    tcv:\n"
                                        "<<<<<<<<< ours\n"
                                        "      days: 7\n"
                                        "=========\n"
                                        "      days: 10\n"
                                        ">>>>>>>>> theirs\n"
                                        "      cost: 500\n",
                         1,
                         "12:1: unresolved merge conflict: service "
                         "trade-licence: tcv.days: ours 7, theirs 10\n");
        expect_described(HEAD TRADE_TOP "    tcv:\n"
                                        "<<<<<<< ours\n"
                                        "      days: 7\n"
                                        "||||||| merged common ancestors\n"
                                        "<<<<<<<<< Temporary merge branch 1\n"
                                        "      days: 30\n"
                                        "=========\n"
                                        "      days: 20\n"
                                        ">>>>>>>>> Temporary merge branch 2\n"
                                        "=======\n"
                                        "      days: 10\n"
                                        ">>>>>>> theirs\n"
                                        "      cost: 500\n",
                         1,
                         "12:1: unresolved merge conflict: service "
                         "trade-licence: tcv.days: ours 7, theirs 10\n");
}

static void test_out_of_order(void **state)
{
        int rc;
        char *got;

        (void)state;
        expect_described(HEAD TRADE_TOP "=======\n", -1,
                         "11:1: git conflict marker '=======' without its "
                         "'<<<<<<<'\n");
        expect_described(HEAD TRADE_TOP "<<<<<<< ours\n"
                                        ">>>>>>> theirs\n",
                         -1,
                         "12:1: git conflict marker '>>>>>>>' out of order "
                         "in the conflict of line 11\n");
        expect_described(HEAD TRADE_TOP "<<<<<<< ours\n"
                                        "=======\n"
                                        "||||||| base\n",
                         -1,
                         "13:1: git conflict marker '|||||||' out of order "
                         "in the conflict of line 11\n");
        expect_described(HEAD TRADE_TOP "<<<<<<< ours\n"
                                        "=======\n",
                         -1,
                         "11:1: git conflict marker '<<<<<<<' without its "
                         "'>>>>>>>'\n");
        /* a region before the error is not described */
        got =
            describe_as(LOAD_OFFICE,
                        HEAD "<<<<<<< a\n=======\n>>>>>>> b\n>>>>>>> c\n", &rc);
        assert_int_equal(rc, -1);
        assert_string_equal(got, "11:1: git conflict marker '>>>>>>>' without "
                                 "its '<<<<<<<'\n");
        free(got);
}

static void test_crlf(void **state)
{
        struct strbuf sb = STRBUF_INIT;
        const char *p;

        (void)state;
        for (p = scalar; *p; p++) {
                if (*p == '\n')
                        strbuf_addch(&sb, '\r');
                strbuf_addch(&sb, *p);
        }
        expect_described(sb.buf, 1,
                         "12:1: unresolved merge conflict: service "
                         "trade-licence: tcv.days: ours 7, theirs 10\n");
        strbuf_release(&sb);
}

/* History, workshops and the approval: what they are named by. */
static void test_items(void **state)
{
        (void)state;
        expect_described(HEAD "  - id: trade-licence\n"
                              "    name: Trade licence\n"
                              "    recipients: business\n"
                              "    tcv: {days: 30, cost: 500, visits: 3}\n"
                              "    plan:\n"
                              "      priority: 1\n"
                              "      due: 2027-06-30\n"
                              "      tcv: {days: 7, cost: 100, visits: 1}\n"
                              "      history:\n"
                              "        - date: 2026-10-01\n"
                              "          status: planned\n"
                              "<<<<<<< HEAD\n"
                              "        - date: 2026-10-20\n"
                              "          status: designing\n"
                              "=======\n"
                              "        - date: 2026-10-22\n"
                              "          status: designing\n"
                              "          note: started\n"
                              ">>>>>>> theirs\n"
                              "workshops:\n"
                              "<<<<<<< HEAD\n"
                              "  - kind: roadmap\n"
                              "    date: 2026-10-05\n"
                              "    batch: 1\n"
                              "    participants: 20\n"
                              "=======\n"
                              "  - kind: design\n"
                              "    date: 2026-11-10\n"
                              "    participants: 8\n"
                              ">>>>>>> theirs\n"
                              "approval:\n"
                              "  by: Mayor\n"
                              "<<<<<<< HEAD\n"
                              "  date: 2026-10-31\n"
                              "=======\n"
                              "  date: 2026-11-02\n"
                              ">>>>>>> theirs\n",
                         3,
                         "19:1: unresolved merge conflict: service "
                         "trade-licence: history 2026-10-20 designing: date: "
                         "ours 2026-10-20, theirs 2026-10-22; note: ours "
                         "none, theirs started\n"
                         "28:1: unresolved merge conflict: workshop roadmap "
                         "2026-10-05 batch 1: only ours has it; workshop "
                         "design 2026-11-10: only theirs has it\n"
                         "40:1: unresolved merge conflict: approval: date: "
                         "ours 2026-10-31, theirs 2026-11-02\n");
}

/* Many changes in one region: the first three, then how many more. */
static void test_many(void **state)
{
        (void)state;
        expect_described(
            HEAD "<<<<<<< ours\n" TRADE_TOP
                 "    tcv: {days: 30, cost: 500, visits: 3}\n"
                 "=======\n"
                 "  - id: trade-licence\n"
                 "    name: Trade licence (new)\n"
                 "    recipients: government\n"
                 "    tcv: {days: 7, cost: 50, visits: 1}\n"
                 ">>>>>>> theirs\n",
            1,
            "8:1: unresolved merge conflict: service "
            "trade-licence: name: ours \"Trade licence\", "
            "theirs \"Trade licence (new)\"; recipients: ours "
            "business, theirs government; tcv.days: ours 30, theirs 7; "
            "and 2 more\n");
}

/* A file of n regions, one per service sK, whose name is "Ours K" in our
 * lines and "Theirs K" in theirs. */
static void many_regions(int n, struct strbuf *out)
{
        int k;

        strbuf_addstr(out, HEAD);
        for (k = 0; k < n; k++)
                strbuf_addf(out,
                            "  - id: s%d\n"
                            "<<<<<<< ours\n"
                            "    name: Ours %d\n"
                            "=======\n"
                            "    name: Theirs %d\n"
                            ">>>>>>> theirs\n"
                            "    recipients: business\n",
                            k, k, k);
}

/* Past the first CONFLICTFILE_NAMED_MAX regions, each is named by its
 * lines (naming each in words reads the file anew); the first of those
 * says so and how many follow. */
static void test_bound(void **state)
{
        const int n = 50, max = CONFLICTFILE_NAMED_MAX;
        struct diag_list dl = DIAG_LIST_INIT;
        struct strbuf text = STRBUF_INIT, want = STRBUF_INIT;
        int k, line;

        (void)state;
        assert_true(max < n);
        many_regions(n, &text);
        assert_int_equal(conflictfile_describe(LOAD_OFFICE,
                                               "offices/lgd/gcc.yaml", text.buf,
                                               text.len, &dl),
                         n);
        assert_int_equal(dl.n, (size_t)n);
        for (k = 0; k < n; k++) {
                const struct diag *d = &dl.items[k];
                line = 9 + 7 * k;
                strbuf_reset(&want);
                if (k < max)
                        strbuf_addf(&want,
                                    "unresolved merge conflict: service "
                                    "s%d: name: ours \"Ours %d\", theirs "
                                    "\"Theirs %d\"",
                                    k, k, k);
                else
                        strbuf_addf(&want,
                                    "unresolved merge conflict (lines "
                                    "%d-%d)",
                                    line, line + 4);
                assert_int_equal(d->line, line);
                assert_string_equal(d->msg, want.buf);
                strbuf_reset(&want);
                strbuf_addstr(&want, hint);
                if (k == max)
                        strbuf_addf(&want,
                                    "\nonly the first %d conflicts are "
                                    "named in words: this one and the %d "
                                    "after it by their lines",
                                    max, n - max - 1);
                assert_string_equal(d->hint, want.buf);
        }
        diag_list_release(&dl);
        strbuf_release(&text);
        strbuf_release(&want);
}

static void test_roadmap(void **state)
{
        int rc;
        char *got;

        (void)state;
        got = describe_as(LOAD_ROADMAP,
                          "roadmap: 1\n"
                          "title: e-Service Roadmap\n"
                          "ministries:\n"
                          "  - id: lgd\n"
                          "<<<<<<< HEAD\n"
                          "    name: Local Government Division\n"
                          "=======\n"
                          "    name: LGD\n"
                          ">>>>>>> theirs\n",
                          &rc);
        assert_int_equal(rc, 1);
        assert_string_equal(got, "5:1: unresolved merge conflict: ministry "
                                 "lgd: name: ours \"Local Government "
                                 "Division\", theirs LGD\n");
        free(got);
}

/* conflictfile_replace: the file's findings from first on give way to
 * its regions; others stay; without markers nothing changes. */
static void test_replace(void **state)
{
        const char *f = "offices/lgd/gcc.yaml";
        struct diag_list dl = DIAG_LIST_INIT;

        (void)state;
        diag_error(&dl, f, 1, 1, "before first");
        diag_error(&dl, f, 12, 1, "unresolved merge conflict (git ...)");
        diag_error(&dl, "offices/lgd/other.yaml", 2, 1, "another file");
        diag_warning(&dl, f, 3, 1, "a warning about the file");
        assert_int_equal(conflictfile_replace(LOAD_OFFICE, f, scalar,
                                              strlen(scalar), &dl, 1),
                         1);
        assert_int_equal(dl.n, 3);
        assert_string_equal(dl.items[0].msg, "before first");
        assert_string_equal(dl.items[1].msg, "another file");
        assert_string_equal(dl.items[2].msg,
                            "unresolved merge conflict: service "
                            "trade-licence: tcv.days: ours 7, theirs 10");
        assert_int_equal(dl.items[2].line, 12);
        assert_int_equal(
            conflictfile_replace(LOAD_OFFICE, f, HEAD, strlen(HEAD), &dl, 0),
            0);
        assert_int_equal(dl.n, 3);
        /* markers out of order: what was said stays */
        assert_int_equal(
            conflictfile_replace(LOAD_OFFICE, f, "=======\n", 8, &dl, 0), 0);
        assert_int_equal(dl.n, 3);
        diag_list_release(&dl);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_scalar),
            cmocka_unit_test(test_no_markers),
            cmocka_unit_test(test_two_services),
            cmocka_unit_test(test_diff3),
            cmocka_unit_test(test_whole_service),
            cmocka_unit_test(test_unparseable),
            cmocka_unit_test(test_marker_size),
            cmocka_unit_test(test_out_of_order),
            cmocka_unit_test(test_crlf),
            cmocka_unit_test(test_many),
            cmocka_unit_test(test_bound),
            cmocka_unit_test(test_items),
            cmocka_unit_test(test_roadmap),
            cmocka_unit_test(test_replace),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
