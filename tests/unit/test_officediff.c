/* Unit tests of officediff: the semantic diff of two versions of an office
 * or of roadmap.yaml, read from text here, and its text and JSON lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/digest.h"
#include "roadmap/load.h"
#include "roadmap/officediff.h"

#include "unit_util.h"

static const char head[] = "roadmap: 1\n"
                           "office:\n"
                           "  id: gcc\n"
                           "  name: Gazipur City Corporation\n"
                           "  ministry: lgd\n"
                           "  head: Mayor\n"
                           "services:\n";

#define TRADE_TOP                                                              \
        "  - id: trade-licence\n"                                              \
        "    name: Trade licence\n"                                            \
        "    recipients: business\n"                                           \
        "    tcv: {days: 30, cost: 500, visits: 3}\n"
#define TRADE_PLAN                                                             \
        "    plan:\n"                                                          \
        "      priority: 1\n"                                                  \
        "      due: 2027-06-30\n"                                              \
        "      tcv: {days: 7, cost: 100, visits: 1}\n"                         \
        "      history:\n"                                                     \
        "        - date: 2026-10-01\n"                                         \
        "          status: planned\n"                                          \
        "        - date: 2026-10-20\n"                                         \
        "          status: designing\n"
#define TRADE TRADE_TOP TRADE_PLAN
#define BIRTH                                                                  \
        "  - id: birth-certificate\n"                                          \
        "    name: Birth certificate\n"                                        \
        "    name_bn: জন্ম সনদ\n"

#define WORKSHOPS_HEAD "workshops:\n"
#define WS1                                                                    \
        "  - kind: roadmap\n"                                                  \
        "    date: 2026-10-05\n"                                               \
        "    batch: 1\n"                                                       \
        "    participants: 20\n"
#define WS2                                                                    \
        "  - kind: roadmap\n"                                                  \
        "    date: 2026-10-05\n"                                               \
        "    batch: 2\n"                                                       \
        "    participants: 24\n"
#define WS3                                                                    \
        "  - kind: design\n"                                                   \
        "    date: 2026-11-10\n"                                               \
        "    participants: 8\n"                                                \
        "    head_present: true\n"

/* The office: head, then services. */
static char *office(const char *services)
{
        return xasprintf("%s%s", head, services);
}

/* The office with services and an approval dated date whose digest is that
 * of the services in approved (so stale when they differ), then tail. */
static char *approved(const char *services, const char *approved_services,
                      const char *date, const char *tail)
{
        struct loaded l;
        struct diag_list dl = DIAG_LIST_INIT;
        char *text = office(approved_services), digest[DIGEST_LEN + 1];

        loaded_init(&l);
        assert_int_equal(
            load_office_bytes(&l, "t", text, strlen(text), NULL, &dl), 0);
        digest_office(&l.m.office, digest);
        loaded_release(&l);
        diag_list_release(&dl);
        free(text);
        return xasprintf("%s%sapproval:\n  by: Mayor\n  date: %s\n"
                         "  digest: %s\n%s",
                         head, services, date, digest, tail);
}

enum how { TEXT, JSON };

/* The diff of office texts a and b (NULL: no file) as lines; the caller
 * frees.  Each text must be valid unless errors_ok. */
static char *diff_as(const char *ta, const char *tb,
                     const struct change_style *st, enum how how,
                     bool errors_ok)
{
        struct loaded a, b;
        struct diag_list dl = DIAG_LIST_INIT;
        struct changes ch = CHANGES_INIT;
        struct strbuf sb = STRBUF_INIT;
        size_t i;

        loaded_init(&a);
        loaded_init(&b);
        if (ta)
                load_office_bytes(&a, "a/gcc.yaml", ta, strlen(ta), NULL, &dl);
        if (tb)
                load_office_bytes(&b, "b/gcc.yaml", tb, strlen(tb), NULL, &dl);
        if (!errors_ok) {
                if (diag_count(&dl, DIAG_ERROR))
                        diag_print(&dl, stderr);
                assert_int_equal(diag_count(&dl, DIAG_ERROR), 0);
        }
        officediff_offices(ta ? &a : NULL, tb ? &b : NULL, &dl, &ch);
        for (i = 0; i < ch.n; i++) {
                if (how == JSON) {
                        change_format_json(&ch.items[i], &sb);
                        strbuf_addch(&sb, '\n');
                } else {
                        change_format_text(&ch.items[i], st, &sb);
                }
        }
        changes_release(&ch);
        diag_list_release(&dl);
        loaded_release(&a);
        loaded_release(&b);
        return strbuf_detach(&sb, NULL);
}

static char *diff_text(const char *ta, const char *tb)
{
        return diff_as(ta, tb, NULL, TEXT, false);
}

/* Compare the diff of a and b (both freed) with want. */
static void expect_diff(char *a, char *b, const char *want)
{
        char *got = diff_text(a, b);

        assert_string_equal(got, want);
        free(got);
        free(a);
        free(b);
}

static void test_same(void **state)
{
        (void)state;
        expect_diff(office(TRADE BIRTH), office(TRADE BIRTH), "");
        /* white space is not a change */
        expect_diff(office(TRADE BIRTH), office(TRADE "\n" BIRTH), "");
}

static void test_reordered(void **state)
{
        char *a = office(TRADE BIRTH), *b = office(BIRTH TRADE), *got;

        (void)state;
        /* services reordered by hand: one change */
        expect_diff(office(TRADE BIRTH), office(BIRTH "\n" TRADE),
                    "  ~ services reordered\n");
        /* one removed, the rest in order: no reordering */
        expect_diff(office(TRADE BIRTH), office(BIRTH),
                    "  - service trade-licence \"Trade licence\"\n");
        got = diff_as(a, b, NULL, JSON, false);
        assert_non_null(strstr(got, "\"kind\":\"services-reordered\""));
        assert_non_null(strstr(got, "\"old\":\"trade-licence, "
                                    "birth-certificate\",\"new\":\"birth-"
                                    "certificate, trade-licence\""));
        free(got);
        free(a);
        free(b);
}

static const char ext_a[] = "x-source: letter 1\n"
                            "roadmap: 1\n"
                            "office:\n"
                            "  id: gcc\n"
                            "  name: Gazipur City Corporation\n"
                            "  ministry: lgd\n"
                            "  x-contact: '01711'\n"
                            "services:\n"
                            "  - id: trade-licence\n"
                            "    name: Trade licence\n"
                            "    x-links: [a]\n"
                            "    tcv: {days: 30, x-note: slow}\n"
                            "    plan:\n"
                            "      priority: 1\n"
                            "      x-owner: ICT cell\n"
                            "      history:\n"
                            "        - date: 2026-10-01\n"
                            "          status: planned\n"
                            "          x-ref: 12\n"
                            "workshops:\n"
                            "  - kind: design\n"
                            "    date: 2026-11-10\n"
                            "    x-venue: hall\n";
static const char ext_b[] = "x-source: letter 2\n"
                            "roadmap: 1\n"
                            "office:\n"
                            "  id: gcc\n"
                            "  name: Gazipur City Corporation\n"
                            "  ministry: lgd\n"
                            "  x-contact: 01811\n"
                            "services:\n"
                            "  - id: trade-licence\n"
                            "    name: Trade licence\n"
                            "    x-links: [a, b]\n"
                            "    tcv: {days: 30}\n"
                            "    plan:\n"
                            "      priority: 1\n"
                            "      x-owner: \"ICT cell\"\n"
                            "      history:\n"
                            "        - date: 2026-10-01\n"
                            "          status: planned\n"
                            "          x-ref: 13\n"
                            "workshops:\n"
                            "  - kind: design\n"
                            "    date: 2026-11-10\n"
                            "    x-venue: {room: 2}\n"
                            "    x-new: yes\n";

/* The extension keys (x-...) that roadmap(5) keeps: a change to one is a
 * change of what holds it. */
static void test_extensions(void **state)
{
        char *a = xstrdup(ext_a), *b;

        (void)state;
        expect_diff(xstrdup(ext_a), xstrdup(ext_a), "");
        /* each x- key changed, one removed, one added */
        b = xstrdup(ext_b);
        expect_diff(a, b,
                    "  ~ office: x-contact '01711' -> 01811\n"
                    "  ~ office: x-source letter 1 -> letter 2\n"
                    "  ~ trade-licence: x-links (list) -> (changed)\n"
                    "  ~ trade-licence: tcv.x-note slow -> none\n"
                    "  ~ trade-licence: plan x-owner ICT cell -> \"ICT "
                    "cell\"\n"
                    "  ~ trade-licence: history 2026-10-01 planned corrected: "
                    "x-ref 12 -> 13\n"
                    "  ~ workshop design 2026-11-10: x-venue hall -> "
                    "(mapping)\n"
                    "  ~ workshop design 2026-11-10: x-new none -> yes\n");
}

static void test_office_fields(void **state)
{
        char *b = xasprintf("roadmap: 1\n"
                            "office:\n"
                            "  id: gcc\n"
                            "  name: Gazipur City Corp.\n"
                            "  name_bn: গাজীপুর\n"
                            "  ministry: lgd\n"
                            "services:\n%s",
                            TRADE);

        (void)state;
        expect_diff(office(TRADE), b,
                    "  ~ office: name \"Gazipur City Corporation\" -> "
                    "\"Gazipur City Corp.\"\n"
                    "  ~ office: name_bn none -> \"গাজীপুর\"\n"
                    "  ~ office: head \"Mayor\" -> none\n");
}

static void test_service_added_removed(void **state)
{
        (void)state;
        expect_diff(office(TRADE), office(TRADE BIRTH),
                    "  + service birth-certificate \"Birth certificate\"\n");
        expect_diff(office(TRADE BIRTH), office(BIRTH),
                    "  - service trade-licence \"Trade licence\"\n");
        /* a new service with a plan: its plan and statuses too */
        expect_diff(office(BIRTH), office(TRADE BIRTH),
                    "  + service trade-licence \"Trade licence\"\n"
                    "  + trade-licence: plan priority 1, due 2027-06-30, "
                    "tcv.days 7, tcv.cost 100, tcv.visits 1\n"
                    "  ~ trade-licence: status planned on 2026-10-01\n"
                    "  ~ trade-licence: status planned -> designing on "
                    "2026-10-20\n");
}

static void test_service_fields(void **state)
{
        static const char changed[] = "  - id: trade-licence\n"
                                      "    name: Trade Licence\n"
                                      "    name_bn: ট্রেড লাইসেন্স\n"
                                      "    recipients: citizen\n"
                                      "    tcv: {days: 7, cost: 500}\n"
                                      "    since: 2020-01-01\n" TRADE_PLAN;

        (void)state;
        expect_diff(office(TRADE), office(changed),
                    "  ~ trade-licence: name \"Trade licence\" -> \"Trade "
                    "Licence\"\n"
                    "  ~ trade-licence: name_bn none -> \"ট্রেড লাইসেন্স\"\n"
                    "  ~ trade-licence: recipients business -> citizen\n"
                    "  ~ trade-licence: tcv.days 30 -> 7\n"
                    "  ~ trade-licence: tcv.visits 3 -> none\n"
                    "  ~ trade-licence: since none -> 2020-01-01\n");
}

static void test_rename(void **state)
{
        static const char renamed[] =
            "  - id: trade-licence-issue\n"
            "    name: Trade licence\n"
            "    recipients: business\n"
            "    tcv: {days: 21, cost: 500, visits: 3}\n" TRADE_PLAN;
        /* the same history, another name */
        static const char by_history[] = "  - id: trade\n"
                                         "    name: Licences\n" TRADE_PLAN;

        (void)state;
        expect_diff(office(TRADE BIRTH),
                    xasprintf("%s%s%s", head, BIRTH, renamed),
                    "  ~ service trade-licence renamed to "
                    "trade-licence-issue\n"
                    "  ~ trade-licence-issue: tcv.days 30 -> 21\n");
        expect_diff(office(TRADE), office(by_history),
                    "  ~ service trade-licence renamed to trade\n"
                    "  ~ trade: name \"Trade licence\" -> \"Licences\"\n"
                    "  ~ trade: recipients business -> none\n"
                    "  ~ trade: tcv.days 30 -> none\n"
                    "  ~ trade: tcv.cost 500 -> none\n"
                    "  ~ trade: tcv.visits 3 -> none\n");
        /* nothing alike: one removed, one added */
        expect_diff(office(BIRTH),
                    office("  - id: death\n    name: Death certificate\n"),
                    "  - service birth-certificate \"Birth certificate\"\n"
                    "  + service death \"Death certificate\"\n");
}

static void test_plan(void **state)
{
        static const char changed[] =
            TRADE_TOP "    plan:\n"
                      "      priority: 2\n"
                      "      due: 2027-12-31\n"
                      "      tcv: {days: 5, cost: 100, visits: 1}\n"
                      "      history:\n"
                      "        - date: 2026-10-01\n"
                      "          status: planned\n"
                      "        - date: 2026-10-20\n"
                      "          status: designing\n";

        (void)state;
        expect_diff(office(TRADE), office(changed),
                    "  ~ trade-licence: plan priority 1 -> 2\n"
                    "  ~ trade-licence: plan due 2027-06-30 -> 2027-12-31\n"
                    "  ~ trade-licence: plan tcv.days 7 -> 5\n");
        expect_diff(office(TRADE), office(TRADE_TOP),
                    "  - trade-licence: plan priority 1, due 2027-06-30, "
                    "tcv.days 7, tcv.cost 100, tcv.visits 1\n");
}

#define MOVED                                                                  \
        "        - date: 2026-11-02\n"                                         \
        "          status: developing\n"                                       \
        "          note: \"Vendor \\\"A\\\" hired\"\n"

static void test_status_moved(void **state)
{
        (void)state;
        expect_diff(office(TRADE), office(TRADE MOVED),
                    "  ~ trade-licence: status designing -> developing on "
                    "2026-11-02 \"Vendor \"A\" hired\"\n");
}

static void test_history_corrected(void **state)
{
        static const char amended[] =
            TRADE_TOP "    plan:\n"
                      "      priority: 1\n"
                      "      due: 2027-06-30\n"
                      "      tcv: {days: 7, cost: 100, visits: 1}\n"
                      "      history:\n"
                      "        - date: 2026-10-01\n"
                      "          status: planned\n"
                      "          note: \"from the\\tletter\\nof 1 October\"\n"
                      "        - date: 2026-10-21\n"
                      "          status: developing\n";

        (void)state;
        expect_diff(office(TRADE), office(amended),
                    "  ~ trade-licence: history 2026-10-01 planned corrected: "
                    "note none -> \"from the\\tletter\\nof 1 October\"\n"
                    "  ~ trade-licence: history 2026-10-20 designing "
                    "corrected: date 2026-10-20 -> 2026-10-21\n"
                    "  ~ trade-licence: history 2026-10-20 designing "
                    "corrected: status designing -> developing\n");
}

static void test_history_removed(void **state)
{
        (void)state;
        /* plan --undo-last */
        expect_diff(office(TRADE MOVED), office(TRADE),
                    "  - trade-licence: history 2026-11-02 developing "
                    "\"Vendor \"A\" hired\"\n");
}

static void test_approval(void **state)
{
        char *a, *b, *got;

        (void)state;
        expect_diff(office(TRADE), approved(TRADE, TRADE, "2026-10-30", ""),
                    "  + approval by \"Mayor\" on 2026-10-30\n");
        expect_diff(approved(TRADE, TRADE, "2026-10-30", ""), office(TRADE),
                    "  - approval by \"Mayor\" on 2026-10-30\n");
        expect_diff(
            approved(TRADE, TRADE, "2026-10-30", ""),
            approved(TRADE MOVED, TRADE MOVED, "2026-11-30",
                     "  memo: \"46.31.0000.004.018.002.2026-88\"\n"
                     "  submitted: 2026-12-02\n"),
            "  ~ trade-licence: status designing -> developing on "
            "2026-11-02 \"Vendor \"A\" hired\"\n"
            "  ~ approval renewed: 2026-10-30 -> 2026-11-30\n"
            "  ~ approval: memo none -> \"46.31.0000.004.018.002.2026-88\"\n"
            "  ~ approval: submitted none -> 2026-12-02\n");
        /* the digest edited by hand */
        a = approved(TRADE, TRADE, "2026-10-30", "");
        b = approved(TRADE, BIRTH, "2026-10-30", "");
        got = diff_text(a, b);
        assert_true(strncmp(got, "  ~ approval: digest sha256:", 28) == 0);
        assert_non_null(strstr(got, " -> sha256:"));
        /* and no service made it stale */
        assert_string_equal(strchr(got, '\n'), "\n  ! approval made stale\n");
        free(got);
        free(a);
        free(b);
}

static void test_approval_stale(void **state)
{
        static const char due[] =
            TRADE_TOP "    plan:\n"
                      "      priority: 1\n"
                      "      due: 2027-12-31\n"
                      "      tcv: {days: 7, cost: 100, visits: 1}\n"
                      "      history:\n"
                      "        - date: 2026-10-01\n"
                      "          status: planned\n"
                      "        - date: 2026-10-20\n"
                      "          status: designing\n" BIRTH;
        char *a = approved(TRADE, TRADE, "2026-10-30", "");
        char *b = approved(due, TRADE, "2026-10-30", "");
        char *got = diff_as(a, b, NULL, JSON, false);

        (void)state;
        /* JSON: the services as an array */
        assert_non_null(strstr(got, "\"note\":null,\"services\":"
                                    "[\"birth-certificate\",\"trade-"
                                    "licence\"]}"));
        free(got);
        expect_diff(a, b,
                    "  + service birth-certificate \"Birth certificate\"\n"
                    "  ~ trade-licence: plan due 2027-06-30 -> 2027-12-31\n"
                    "  ! approval made stale by birth-certificate, "
                    "trade-licence\n");
        /* a status move is not covered by the digest */
        expect_diff(approved(TRADE, TRADE, "2026-10-30", ""),
                    approved(TRADE MOVED, TRADE, "2026-10-30", ""),
                    "  ~ trade-licence: status designing -> developing on "
                    "2026-11-02 \"Vendor \"A\" hired\"\n");
        /* stale already: not made stale again */
        expect_diff(approved(TRADE, BIRTH, "2026-10-30", ""),
                    approved(TRADE BIRTH, BIRTH, "2026-10-30", ""),
                    "  + service birth-certificate \"Birth certificate\"\n");
}

static void test_workshops(void **state)
{
        (void)state;
        /* deleting the first of three is one removal, not a rewrite */
        expect_diff(office(TRADE WORKSHOPS_HEAD WS1 WS2 WS3),
                    office(TRADE WORKSHOPS_HEAD WS2 WS3),
                    "  - workshop roadmap 2026-10-05 batch 1 (20 "
                    "participants)\n");
        expect_diff(office(TRADE WORKSHOPS_HEAD WS1 WS3),
                    office(TRADE WORKSHOPS_HEAD WS3 WS2 WS1),
                    "  + workshop roadmap 2026-10-05 batch 2 (24 "
                    "participants)\n");
        expect_diff(office(TRADE WORKSHOPS_HEAD WS3),
                    office(TRADE WORKSHOPS_HEAD "  - kind: design\n"
                                                "    date: 2026-11-10\n"
                                                "    participants: 9\n"),
                    "  ~ workshop design 2026-11-10: participants 8 -> 9\n"
                    "  ~ workshop design 2026-11-10: head_present yes -> "
                    "no\n");
        expect_diff(office(TRADE), office(TRADE WORKSHOPS_HEAD WS3),
                    "  + workshop design 2026-11-10 (8 participants, head "
                    "present)\n");
}

static void test_comments(void **state)
{
        static const char commented[] =
            "# Gazipur\n"
            "roadmap: 1 # version\n"
            "office:\n"
            "  id: gcc\n"
            "  name: \"Gazipur # City Corporation\"\n"
            "  ministry: lgd\n"
            "  head: Mayor#1 # the head\n"
            "services:\n"
            "  # the first\n"
            "  - id: trade-licence\n"
            "    name: Trade licence\n"
            "    plan:\n"
            "      priority: 1\n"
            "      history:\n"
            "        - date: 2026-10-01\n"
            "          status: planned\n"
            "          note: |  # keep\n"
            "            # not a comment\n"
            "# last\n"
            "# last\n";
        char *b = xstrdup(commented);

        (void)state;
        memcpy(strstr(b, "# the first"), "# The first", 11);
        expect_diff(xstrdup(commented), b,
                    "  # comments changed: - \"# the first\" + \"# The "
                    "first\"\n");
        /* one of two equal comments removed */
        b = xstrdup(commented);
        memcpy(strstr(b, "# Gazipur"), "\n        ", 9);
        b[strlen(b) - 7] = '\0';
        expect_diff(xstrdup(commented), b,
                    "  # comments changed: - \"# Gazipur\" - \"# last\"\n");
        /* moved to another place: not a change */
        b = xasprintf("%s# the first\n", commented);
        memcpy(strstr(b, "  # the first"), "             ", 13);
        expect_diff(xstrdup(commented), b, "");
        /* a '#' inside a scalar starts no comment */
        b = xstrdup(commented);
        memcpy(strstr(b, "# not a"), "# Not a", 7);
        memcpy(strstr(b, "# City"), "# Town", 6);
        expect_diff(xstrdup(commented), b,
                    "  ~ office: name \"Gazipur # City Corporation\" -> "
                    "\"Gazipur # Town Corporation\"\n"
                    "  ~ trade-licence: history 2026-10-01 planned corrected: "
                    "note \"# not a comment\\n\" -> \"# Not a comment\\n\"\n");
        b = xstrdup(commented);
        memcpy(strstr(b, "# keep"), "# kept", 6);
        expect_diff(xstrdup(commented), b,
                    "  # comments changed: - \"# keep\" + \"# kept\"\n");
}

/* Comments found by character marks turned into bytes: after a byte order
 * mark, Bengali text and CRLF line ends. */
static void test_comments_bytes(void **state)
{
        static const char text[] = "\xef\xbb\xbfroadmap: 1\r\n"
                                   "office:\r\n"
                                   "  id: gcc\r\n"
                                   "  name: গাজীপুর সিটি # নাম\r\n"
                                   "  ministry: lgd\r\n"
                                   "services:\r\n"
                                   "  - id: a\r\n"
                                   "    name: এক # one\r\n"
                                   "# শেষ\r\n";
        char *b = xstrdup(text);

        (void)state;
        memcpy(strstr(b, "# one"), "# two", 5);
        expect_diff(xstrdup(text), b,
                    "  # comments changed: - \"# one\" + \"# two\"\n");
        expect_diff(xstrdup(text), xstrdup(text), "");
}

static void test_office_added_removed(void **state)
{
        (void)state;
        expect_diff(NULL, office(BIRTH "# new\n"),
                    "  + office gcc \"Gazipur City Corporation\"\n"
                    "  + service birth-certificate \"Birth certificate\"\n"
                    "  # comments changed: + \"# new\"\n");
        expect_diff(office(BIRTH), NULL,
                    "  - office gcc \"Gazipur City Corporation\"\n");
        expect_diff(NULL, NULL, "");
}

/* The diff of a and b, which may not load, is one line holding want. */
static void expect_unreadable(const char *a, const char *b, enum how how,
                              const char *want)
{
        char *got = diff_as(a, b, NULL, how, true);

        if (!strstr(got, want))
                fprintf(stderr, "got: %s", got);
        assert_non_null(strstr(got, want));
        assert_ptr_equal(strchr(got, '\n'), got + strlen(got) - 1);
        free(got);
}

static void test_unreadable(void **state)
{
        char *good = office(BIRTH);

        (void)state;
        /* not YAML */
        expect_unreadable("roadmap: 1\noffice: [\n", good, TEXT,
                          "  ! unreadable: a/gcc.yaml:3:1: error: ");
        /* YAML, not an office */
        expect_unreadable(good, "roadmap: 1\noffice:\n  id: gcc\n", JSON,
                          "{\"kind\":\"unreadable\",\"ministry\":\"lgd\","
                          "\"office\":\"gcc\",\"service\":null,\"was\":null,"
                          "\"item\":null,\"field\":null,\"old\":null,"
                          "\"new\":\"b/gcc.yaml:");
        /* added unreadable */
        expect_unreadable(NULL, "office: {\n", TEXT,
                          "  ! unreadable: b/gcc.yaml:");
        free(good);
}

static void test_json(void **state)
{
        char *got;
        char *a = office(TRADE BIRTH "# one \"quoted\"\n");
        char *b = office(BIRTH "  - id: trade\n    name: Trade licence\n"
                               "    tcv: {days: 7}\n"
                               "# \\ two\n");

        (void)state;
        got = diff_as(a, b, NULL, JSON, false);
        assert_string_equal(
            got,
            "{\"kind\":\"service-renamed\",\"ministry\":\"lgd\",\"office\":"
            "\"gcc\",\"service\":\"trade\",\"was\":\"trade-licence\",\"item\":"
            "null,\"field\":null,\"old\":null,\"new\":null,\"date\":null,"
            "\"note\":null}\n"
            "{\"kind\":\"service-changed\",\"ministry\":\"lgd\",\"office\":"
            "\"gcc\",\"service\":\"trade\",\"was\":null,\"item\":null,"
            "\"field\":\"recipients\",\"old\":\"business\",\"new\":null,"
            "\"date\":null,\"note\":null}\n"
            "{\"kind\":\"service-changed\",\"ministry\":\"lgd\",\"office\":"
            "\"gcc\",\"service\":\"trade\",\"was\":null,\"item\":null,"
            "\"field\":\"tcv.days\",\"old\":30,\"new\":7,\"date\":null,"
            "\"note\":null}\n"
            "{\"kind\":\"service-changed\",\"ministry\":\"lgd\",\"office\":"
            "\"gcc\",\"service\":\"trade\",\"was\":null,\"item\":null,"
            "\"field\":\"tcv.cost\",\"old\":500,\"new\":null,\"date\":null,"
            "\"note\":null}\n"
            "{\"kind\":\"service-changed\",\"ministry\":\"lgd\",\"office\":"
            "\"gcc\",\"service\":\"trade\",\"was\":null,\"item\":null,"
            "\"field\":\"tcv.visits\",\"old\":3,\"new\":null,\"date\":null,"
            "\"note\":null}\n"
            "{\"kind\":\"plan-removed\",\"ministry\":\"lgd\",\"office\":"
            "\"gcc\",\"service\":\"trade\",\"was\":null,\"item\":null,"
            "\"field\":null,\"old\":\"priority 1, due 2027-06-30, tcv.days 7, "
            "tcv.cost 100, tcv.visits 1\",\"new\":null,\"date\":null,"
            "\"note\":null}\n"
            "{\"kind\":\"comments\",\"ministry\":\"lgd\",\"office\":\"gcc\","
            "\"service\":null,\"was\":null,\"item\":null,\"field\":null,"
            "\"old\":\"# one \\\"quoted\\\"\",\"new\":\"# \\\\ two\","
            "\"date\":null,\"note\":null}\n");
        free(got);
        free(a);
        free(b);
}

static void test_json_status(void **state)
{
        char *a = office(TRADE), *b = office(TRADE MOVED);
        char *got = diff_as(a, b, NULL, JSON, false);

        (void)state;
        assert_string_equal(
            got, "{\"kind\":\"status-moved\",\"ministry\":\"lgd\",\"office\":"
                 "\"gcc\",\"service\":\"trade-licence\",\"was\":null,\"item\":"
                 "null,\"field\":\"status\",\"old\":\"designing\",\"new\":"
                 "\"developing\",\"date\":\"2026-11-02\",\"note\":\"Vendor "
                 "\\\"A\\\" hired\"}\n");
        free(got);
        free(a);
        free(b);
}

static void test_style(void **state)
{
        struct change_style bn = {false, true, OUT_GREGORIAN};
        struct change_style cal = {false, false, OUT_BANGLA};
        struct change_style colour = {true, false, OUT_GREGORIAN};
        char *a = office(TRADE WORKSHOPS_HEAD WS1);
        char *b = office(TRADE MOVED WORKSHOPS_HEAD WS2);
        char *got;

        (void)state;
        got = diff_as(a, b, &bn, TEXT, false);
        assert_string_equal(got, "  ~ trade-licence: status designing -> "
                                 "developing on ২০২৬-১১-০২ \"Vendor \"A\" "
                                 "hired\"\n"
                                 "  - workshop roadmap ২০২৬-১০-০৫ batch ১ (২০ "
                                 "participants)\n"
                                 "  + workshop roadmap ২০২৬-১০-০৫ batch ২ (২৪ "
                                 "participants)\n");
        free(got);
        got = diff_as(a, b, &cal, TEXT, false);
        assert_string_equal(got, "  ~ trade-licence: status designing -> "
                                 "developing on ১৭ কার্তিক ১৪৩৩ \"Vendor \"A\" "
                                 "hired\"\n"
                                 "  - workshop roadmap ২০ আশ্বিন ১৪৩৩ batch 1 "
                                 "(20 participants)\n"
                                 "  + workshop roadmap ২০ আশ্বিন ১৪৩৩ batch 2 "
                                 "(24 participants)\n");
        free(got);
        got = diff_as(a, b, &colour, TEXT, false);
        assert_string_equal(got, "  \033[33m~ trade-licence: status designing "
                                 "-> developing on 2026-11-02 \"Vendor \"A\" "
                                 "hired\"\033[m\n"
                                 "  \033[31m- workshop roadmap 2026-10-05 "
                                 "batch 1 (20 participants)\033[m\n"
                                 "  \033[32m+ workshop roadmap 2026-10-05 "
                                 "batch 2 (24 participants)\033[m\n");
        free(got);
        free(a);
        free(b);
}

/* ---- roadmap.yaml ---------------------------------------------------------
 */

static const char meta[] = "# the roadmap\n"
                           "roadmap: 1\n"
                           "title: e-Service Roadmap\n"
                           "ministries:\n"
                           "  - id: lgd\n"
                           "    name: Local Government Division\n"
                           "  - id: cabinet\n"
                           "    name: Cabinet Division\n";

static char *roadmap_diff(const char *ta, const char *tb)
{
        struct loaded a, b;
        struct diag_list dl = DIAG_LIST_INIT;
        struct changes ch = CHANGES_INIT;
        struct strbuf sb = STRBUF_INIT;
        size_t i;

        loaded_init(&a);
        loaded_init(&b);
        if (ta)
                load_roadmap_bytes(&a, "a/roadmap.yaml", ta, strlen(ta), &dl);
        if (tb)
                load_roadmap_bytes(&b, "b/roadmap.yaml", tb, strlen(tb), &dl);
        officediff_roadmaps(ta ? &a : NULL, tb ? &b : NULL, &dl, &ch);
        for (i = 0; i < ch.n; i++) {
                assert_null(ch.items[i].office);
                change_format_text(&ch.items[i], NULL, &sb);
        }
        changes_release(&ch);
        diag_list_release(&dl);
        loaded_release(&a);
        loaded_release(&b);
        return strbuf_detach(&sb, NULL);
}

static void test_roadmap(void **state)
{
        static const char changed[] = "# The roadmap\n"
                                      "roadmap: 1\n"
                                      "title: e-Service Roadmap 2026\n"
                                      "ministries:\n"
                                      "  - id: lgd\n"
                                      "    name: Local Government Division\n"
                                      "    name_bn: স্থানীয় সরকার বিভাগ\n"
                                      "  - id: moe\n"
                                      "    name: Ministry of Education\n";
        char *got;

        (void)state;
        got = roadmap_diff(meta, changed);
        assert_string_equal(
            got, "  ~ roadmap title \"e-Service Roadmap\" -> \"e-Service "
                 "Roadmap 2026\"\n"
                 "  - ministry cabinet \"Cabinet Division\"\n"
                 "  ~ ministry lgd: name_bn none -> \"স্থানীয় সরকার বিভাগ\"\n"
                 "  + ministry moe \"Ministry of Education\"\n"
                 "  # comments changed: - \"# the roadmap\" + \"# The "
                 "roadmap\"\n");
        free(got);
        got = roadmap_diff(meta, meta);
        assert_string_equal(got, "");
        free(got);
        /* added: compared with an empty one */
        got = roadmap_diff(NULL, meta);
        assert_string_equal(got,
                            "  ~ roadmap title none -> \"e-Service Roadmap\"\n"
                            "  + ministry cabinet \"Cabinet Division\"\n"
                            "  + ministry lgd \"Local Government Division\"\n"
                            "  # comments changed: + \"# the roadmap\"\n");
        free(got);
        got = roadmap_diff(meta, "roadmap: 1\ntitle: [\n");
        assert_non_null(strstr(got, "  ! unreadable: b/roadmap.yaml:"));
        free(got);
}

static void test_kind_names(void **state)
{
        int k, j;

        (void)state;
        for (k = 0; k < CHANGE_KINDS; k++) {
                assert_non_null(change_kind_name((enum change_kind)k));
                for (j = 0; j < k; j++)
                        assert_string_not_equal(
                            change_kind_name((enum change_kind)k),
                            change_kind_name((enum change_kind)j));
        }
        assert_string_equal(change_kind_name(CHANGE_SERVICE_RENAMED),
                            "service-renamed");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_same),
            cmocka_unit_test(test_reordered),
            cmocka_unit_test(test_extensions),
            cmocka_unit_test(test_office_fields),
            cmocka_unit_test(test_service_added_removed),
            cmocka_unit_test(test_service_fields),
            cmocka_unit_test(test_rename),
            cmocka_unit_test(test_plan),
            cmocka_unit_test(test_status_moved),
            cmocka_unit_test(test_history_corrected),
            cmocka_unit_test(test_history_removed),
            cmocka_unit_test(test_approval),
            cmocka_unit_test(test_approval_stale),
            cmocka_unit_test(test_workshops),
            cmocka_unit_test(test_comments),
            cmocka_unit_test(test_comments_bytes),
            cmocka_unit_test(test_office_added_removed),
            cmocka_unit_test(test_unreadable),
            cmocka_unit_test(test_json),
            cmocka_unit_test(test_json_status),
            cmocka_unit_test(test_style),
            cmocka_unit_test(test_roadmap),
            cmocka_unit_test(test_kind_names),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
