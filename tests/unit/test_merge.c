/* Unit tests of merge: the three-way merge of office files and of
 * roadmap.yaml, each result compared byte for byte. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "roadmap/digest.h"
#include "roadmap/load.h"
#include "roadmap/merge.h"

#include "unit_util.h"

#define HEAD                                                                   \
        "# Gazipur\n"                                                          \
        "roadmap: 1\n"                                                         \
        "office:\n"                                                            \
        "  id: gcc\n"                                                          \
        "  name: Gazipur City Corporation\n"                                   \
        "  ministry: lgd\n"                                                    \
        "  head: Mayor\n"                                                      \
        "services:\n"
#define TRADE                                                                  \
        "  - id: trade-licence\n"                                              \
        "    name: Trade licence\n"                                            \
        "    tcv: {days: 30, cost: 500, visits: 3}\n"
#define TRADE_PLAN                                                             \
        "    plan:\n"                                                          \
        "      priority: 1\n"                                                  \
        "      history:\n"                                                     \
        "        - date: 2026-10-01\n"                                         \
        "          status: planned\n"
#define BIRTH                                                                  \
        "  - id: birth-certificate\n"                                          \
        "    name: Birth certificate\n"
#define BIRTH_PLAN                                                             \
        "    plan:\n"                                                          \
        "      priority: 2\n"                                                  \
        "      history:\n"                                                     \
        "        - date: 2026-10-01\n"                                         \
        "          status: planned\n"
#define HOLDING                                                                \
        "  - id: holding-tax\n"                                                \
        "    name: Holding tax\n"
#define WATER                                                                  \
        "  - id: water\n"                                                      \
        "    name: Water connection\n"
#define ENTRY(d, s)                                                            \
        "        - date: " d "\n"                                              \
        "          status: " s "\n"
#define WS(kind, date, batch)                                                  \
        "  - kind: " kind "\n"                                                 \
        "    date: " date "\n" batch

static struct merge_opts opts(void)
{
        struct merge_opts o;

        memset(&o, 0, sizeof(o));
        o.kind = LOAD_OFFICE;
        o.label_ours = "ours";
        o.label_theirs = "theirs";
        o.label_base = "base";
        return o;
}

/* Merge and return the result code; res is the caller's to release. */
static int run(const struct merge_opts *o, const char *b, const char *ours,
               const char *theirs, struct merge_result *res,
               struct diag_list *dl)
{
        struct merge_input in[3] = {{"base.yaml", b, strlen(b)},
                                    {"ours.yaml", ours, strlen(ours)},
                                    {"theirs.yaml", theirs, strlen(theirs)}};

        merge_result_init(res);
        return merge_run(o, &in[0], &in[1], &in[2], res, dl);
}

/* The merge of o with the given style is rc and want (byte for byte). */
static void expect_merge(const struct merge_opts *o, const char *b,
                         const char *ours, const char *theirs, int rc,
                         const char *want)
{
        struct merge_result res;
        struct diag_list dl = DIAG_LIST_INIT;
        int got = run(o, b, ours, theirs, &res, &dl);

        if (got != rc || strcmp(res.out.buf, want) != 0) {
                diag_print(&dl, stderr);
                fprintf(stderr, "rc %d\n---\n%s---\n", got, res.out.buf);
        }
        assert_int_equal(got, rc);
        assert_string_equal(res.out.buf, want);
        merge_result_release(&res);
        diag_list_release(&dl);
}

static void expect_clean(const char *b, const char *ours, const char *theirs,
                         const char *want)
{
        struct merge_opts o = opts();

        expect_merge(&o, b, ours, theirs, 0, want);
}

/* The one conflict of a merge, formatted; the caller frees. */
static char *one_conflict(const char *b, const char *ours, const char *theirs,
                          int *line)
{
        struct merge_opts o = opts();
        struct merge_result res;
        struct diag_list dl = DIAG_LIST_INIT;
        struct strbuf sb = STRBUF_INIT;

        assert_int_equal(run(&o, b, ours, theirs, &res, &dl), MERGE_CONFLICTS);
        assert_int_equal(res.nconflicts, 1);
        merge_conflict_format(&res.conflicts[0], &sb);
        if (line)
                *line = res.conflicts[0].line;
        merge_result_release(&res);
        diag_list_release(&dl);
        return strbuf_detach(&sb, NULL);
}

static void both_add_services(void **state)
{
        (void)state;
        expect_clean(HEAD TRADE BIRTH, HEAD TRADE BIRTH HOLDING,
                     HEAD TRADE BIRTH WATER, HEAD TRADE BIRTH HOLDING WATER);
        /* the same service added on both sides is added once */
        expect_clean(HEAD TRADE, HEAD TRADE WATER, HEAD TRADE WATER,
                     HEAD TRADE WATER);
}

static void plan_while_add(void **state)
{
        (void)state;
        expect_clean(HEAD TRADE BIRTH, HEAD TRADE TRADE_PLAN BIRTH,
                     HEAD TRADE BIRTH WATER, HEAD TRADE TRADE_PLAN BIRTH WATER);
}

static void history_different_services(void **state)
{
        (void)state;
        expect_clean(HEAD TRADE TRADE_PLAN BIRTH BIRTH_PLAN,
                     HEAD TRADE TRADE_PLAN ENTRY("2026-11-01", "designing")
                         BIRTH BIRTH_PLAN,
                     HEAD TRADE TRADE_PLAN BIRTH BIRTH_PLAN ENTRY("2026-11-02",
                                                                  "designing"),
                     HEAD TRADE TRADE_PLAN ENTRY("2026-11-01", "designing")
                         BIRTH BIRTH_PLAN ENTRY("2026-11-02", "designing"));
}

static void history_interleaved(void **state)
{
        (void)state;
        /* in date order, theirs after ours on an equal date */
        expect_clean(HEAD TRADE TRADE_PLAN,
                     HEAD TRADE TRADE_PLAN ENTRY("2026-11-01", "designing")
                         ENTRY("2026-12-01", "piloting"),
                     HEAD TRADE TRADE_PLAN ENTRY("2026-11-01", "developing"),
                     HEAD TRADE TRADE_PLAN ENTRY("2026-11-01", "designing")
                         ENTRY("2026-11-01", "developing")
                             ENTRY("2026-12-01", "piloting"));
}

static void history_order_conflict(void **state)
{
        struct merge_opts o = opts();
        char *c;

        (void)state;
        expect_merge(
            &o, HEAD TRADE TRADE_PLAN BIRTH,
            HEAD TRADE TRADE_PLAN ENTRY("2026-11-01", "developing") BIRTH,
            HEAD TRADE TRADE_PLAN ENTRY("2026-11-02", "designing") BIRTH,
            MERGE_CONFLICTS,
            HEAD TRADE
            "    plan:\n"
            "      priority: 1\n"
            "<<<<<<< ours\n"
            "      history:\n" ENTRY("2026-10-01", "planned") ENTRY(
                "2026-11-01",
                "developing") "=======\n"
                              "      history:\n" ENTRY("2026-10-01", "planned")
                                  ENTRY("2026-11-02",
                                        "designing") ">>>>>>> theirs\n" BIRTH);
        c = one_conflict(HEAD TRADE TRADE_PLAN,
                         HEAD TRADE TRADE_PLAN ENTRY("2026-11-01", "live"),
                         HEAD TRADE TRADE_PLAN ENTRY("2026-11-02", "piloting"),
                         NULL);
        assert_string_equal(c, "service trade-licence: plan.history: entries "
                               "added on both sides break the status order, "
                               "or one side removed entries while the other "
                               "added some");
        free(c);
}

static void workshops_as_a_set(void **state)
{
        (void)state;
        expect_clean(
            HEAD TRADE
            "workshops:\n" WS("roadmap", "2026-10-05", "    batch: 1\n"),
            HEAD TRADE
            "workshops:\n" WS("roadmap", "2026-10-05", "    batch: 1\n")
                WS("design", "2026-11-10", ""),
            HEAD TRADE
            "workshops:\n" WS("roadmap", "2026-10-05", "    batch: 2\n")
                WS("roadmap", "2026-10-05", "    batch: 1\n"),
            HEAD TRADE
            "workshops:\n" WS("roadmap", "2026-10-05", "    batch: 1\n")
                WS("design", "2026-11-10", "")
                    WS("roadmap", "2026-10-05", "    batch: 2\n"));
}

static void rename_and_change(void **state)
{
        struct merge_result res;
        struct diag_list dl = DIAG_LIST_INIT;
        struct merge_opts o = opts();

        (void)state;
        /* renamed by ours, its name changed by theirs, and the reverse */
        expect_clean(HEAD TRADE BIRTH,
                     HEAD TRADE "  - id: birth-reg\n"
                                "    name: Birth certificate\n",
                     HEAD TRADE "  - id: birth-certificate\n"
                                "    name: Birth registration\n",
                     HEAD TRADE "  - id: birth-reg\n"
                                "    name: Birth registration\n");
        expect_clean(HEAD TRADE BIRTH,
                     HEAD TRADE "  - id: birth-certificate\n"
                                "    name: Birth registration\n",
                     HEAD TRADE "  - id: birth-reg\n"
                                "    name: Birth certificate\n",
                     HEAD TRADE "  - id: birth-reg\n"
                                "    name: Birth registration\n");
        /* services reordered by theirs: ours' order, and a note */
        assert_int_equal(run(&o, HEAD TRADE BIRTH, HEAD TRADE BIRTH,
                             HEAD BIRTH TRADE, &res, &dl),
                         0);
        assert_string_equal(res.out.buf, HEAD TRADE BIRTH);
        assert_string_equal(
            res.notes.buf, "services reordered by theirs: our order is kept\n");
        merge_result_release(&res);
        diag_list_release(&dl);
}

static void removed_untouched(void **state)
{
        (void)state;
        expect_clean(HEAD TRADE BIRTH HOLDING, HEAD TRADE BIRTH HOLDING WATER,
                     HEAD TRADE HOLDING, HEAD TRADE HOLDING WATER);
        expect_clean(HEAD TRADE BIRTH HOLDING, HEAD BIRTH HOLDING,
                     HEAD TRADE BIRTH WATER, HEAD BIRTH WATER);
}

#define BIRTH2                                                                 \
        "  - id: birth-certificate\n"                                          \
        "    name: Birth registration\n"

static void removed_vs_changed(void **state)
{
        struct merge_opts o = opts();
        char *c;
        int line;

        (void)state;
        expect_merge(&o, HEAD TRADE BIRTH HOLDING, HEAD TRADE HOLDING,
                     HEAD TRADE BIRTH2 HOLDING, MERGE_CONFLICTS,
                     HEAD TRADE "<<<<<<< ours\n"
                                "=======\n" BIRTH2 ">>>>>>> theirs\n" HOLDING);
        expect_merge(&o, HEAD TRADE BIRTH HOLDING, HEAD TRADE BIRTH2 HOLDING,
                     HEAD TRADE HOLDING, MERGE_CONFLICTS,
                     HEAD TRADE "<<<<<<< ours\n" BIRTH2 "=======\n"
                                ">>>>>>> theirs\n" HOLDING);
        c = one_conflict(HEAD TRADE BIRTH, HEAD TRADE, HEAD TRADE BIRTH2,
                         &line);
        assert_string_equal(
            c, "service birth-certificate: removed by ours, changed by theirs");
        assert_int_equal(line, 12);
        free(c);
        c = one_conflict(HEAD TRADE BIRTH, HEAD TRADE BIRTH2, HEAD TRADE, NULL);
        assert_string_equal(
            c, "service birth-certificate: removed by theirs, changed by ours");
        free(c);
}

#define TRADE_DAYS(n)                                                          \
        "  - id: trade-licence\n"                                              \
        "    name: Trade licence\n"                                            \
        "    tcv: {days: " n ", cost: 500, visits: 3}\n"

static void same_field(void **state)
{
        struct merge_opts o = opts();
        char *c;
        int line;

        (void)state;
        expect_merge(&o, HEAD TRADE BIRTH, HEAD TRADE_DAYS("7") BIRTH,
                     HEAD TRADE_DAYS("10") BIRTH2, MERGE_CONFLICTS,
                     HEAD "  - id: trade-licence\n"
                          "    name: Trade licence\n"
                          "<<<<<<< ours\n"
                          "    tcv: {days: 7, cost: 500, visits: 3}\n"
                          "=======\n"
                          "    tcv: {days: 10, cost: 500, visits: 3}\n"
                          ">>>>>>> theirs\n" BIRTH2);
        o.style = MERGE_STYLE_DIFF3;
        o.marker_size = 9;
        o.label_base = NULL;
        expect_merge(&o, HEAD TRADE BIRTH, HEAD TRADE_DAYS("7") BIRTH,
                     HEAD TRADE_DAYS("10") BIRTH2, MERGE_CONFLICTS,
                     HEAD "  - id: trade-licence\n"
                          "    name: Trade licence\n"
                          "<<<<<<<<< ours\n"
                          "    tcv: {days: 7, cost: 500, visits: 3}\n"
                          "|||||||||\n"
                          "    tcv: {days: 30, cost: 500, visits: 3}\n"
                          "=========\n"
                          "    tcv: {days: 10, cost: 500, visits: 3}\n"
                          ">>>>>>>>> theirs\n" BIRTH2);
        c = one_conflict(HEAD TRADE, HEAD TRADE_DAYS("7"),
                         HEAD TRADE_DAYS("10"), &line);
        assert_string_equal(c, "service trade-licence: tcv.days changed on "
                               "both sides: base 30, ours 7, theirs 10");
        assert_int_equal(line, 11);
        free(c);
        /* a service's id is on the line of its '-': the whole service */
        expect_merge(&o, HEAD BIRTH,
                     HEAD "  - id: birth-a\n"
                          "    name: Birth certificate\n",
                     HEAD "  - id: birth-b\n"
                          "    name: Birth certificate\n",
                     MERGE_CONFLICTS,
                     HEAD "<<<<<<<<< ours\n"
                          "  - id: birth-a\n"
                          "    name: Birth certificate\n"
                          "|||||||||\n" BIRTH "=========\n"
                          "  - id: birth-b\n"
                          "    name: Birth certificate\n"
                          ">>>>>>>>> theirs\n");
}

#define APPROVAL(by, date)                                                     \
        "approval:\n"                                                          \
        "  by: " by "\n"                                                       \
        "  date: " date "\n"

static void two_approvals(void **state)
{
        struct merge_opts o = opts();
        struct merge_result res;
        struct diag_list dl = DIAG_LIST_INIT;
        struct strbuf sb = STRBUF_INIT;

        (void)state;
        expect_merge(&o, HEAD TRADE, HEAD TRADE APPROVAL("Mayor", "2026-10-01"),
                     HEAD TRADE APPROVAL("Mayor", "2026-10-02"),
                     MERGE_CONFLICTS,
                     HEAD TRADE "<<<<<<< ours\n"
                                "approval:\n"
                                "  by: Mayor\n"
                                "  date: 2026-10-01\n"
                                "=======\n"
                                "approval:\n"
                                "  by: Mayor\n"
                                "  date: 2026-10-02\n"
                                ">>>>>>> theirs\n");
        assert_int_equal(
            run(&o, HEAD TRADE, HEAD TRADE APPROVAL("Mayor", "2026-10-01"),
                HEAD TRADE APPROVAL("Mayor", "2026-10-02"), &res, &dl),
            MERGE_CONFLICTS);
        merge_conflict_format(&res.conflicts[0], &sb);
        assert_string_equal(sb.buf, "approval: added on both sides with "
                                    "different content: ours by Mayor on "
                                    "2026-10-01, theirs by Mayor on "
                                    "2026-10-02");
        strbuf_release(&sb);
        merge_result_release(&res);
        diag_list_release(&dl);
}

/* Approved anew on both sides over an approval: one conflict; one side
 * renewing while the other adds a memo merges key by key. */
static void approvals_over_one(void **state)
{
        char *c;

        (void)state;
        c = one_conflict(
            HEAD TRADE APPROVAL("Mayor", "2026-09-01"),
            HEAD TRADE APPROVAL("Mayor", "2026-10-01"),
            HEAD TRADE APPROVAL("CEO", "2026-09-01") "  memo: \"12\"\n", NULL);
        assert_string_equal(c, "approval: changed on both sides: base by Mayor "
                               "on 2026-09-01, ours by Mayor on 2026-10-01, "
                               "theirs by CEO on 2026-09-01");
        free(c);
        expect_clean(
            HEAD TRADE APPROVAL("Mayor", "2026-09-01"),
            HEAD TRADE APPROVAL("Mayor", "2026-10-01"),
            HEAD TRADE APPROVAL("Mayor", "2026-09-01") "  memo: \"12\"\n",
            HEAD TRADE APPROVAL("Mayor", "2026-10-01") "  memo: '12'\n");
}

static void add_add_empty_base(void **state)
{
        char *c;

        (void)state;
        expect_clean("", HEAD TRADE, HEAD TRADE BIRTH, HEAD TRADE BIRTH);
        c = one_conflict("", HEAD TRADE BIRTH, HEAD TRADE BIRTH2, NULL);
        assert_string_equal(c, "service birth-certificate: added on both "
                               "sides with different content");
        free(c);
}

/* s with every LF as CRLF; the caller frees. */
static char *crlf(const char *s)
{
        struct strbuf sb = STRBUF_INIT;

        for (; *s; s++) {
                if (*s == '\n')
                        strbuf_addch(&sb, '\r');
                strbuf_addch(&sb, *s);
        }
        return strbuf_detach(&sb, NULL);
}

static void line_ends(void **state)
{
        struct merge_opts o = opts();
        char *b = crlf(HEAD TRADE BIRTH), *oc = crlf(HEAD TRADE BIRTH HOLDING);
        char *want = crlf(HEAD TRADE BIRTH HOLDING WATER);
        char *oc2 = crlf(HEAD TRADE_DAYS("7") BIRTH);
        char *want2 = crlf(HEAD "  - id: trade-licence\n"
                                "    name: Trade licence\n"
                                "<<<<<<< ours\n"
                                "    tcv: {days: 7, cost: 500, visits: "
                                "3}\n"
                                "=======\n"
                                "    tcv: {days: 10, cost: 500, visits: "
                                "3}\n"
                                ">>>>>>> theirs\n" BIRTH);
        char *tc = crlf(HEAD TRADE BIRTH WATER);

        (void)state;
        /* CRLF ours, LF theirs: CRLF throughout, markers too */
        expect_clean(b, oc, HEAD TRADE BIRTH WATER, want);
        expect_merge(&o, HEAD TRADE BIRTH, oc2, HEAD TRADE_DAYS("10") BIRTH,
                     MERGE_CONFLICTS, want2);
        /* LF ours, CRLF theirs: LF */
        expect_clean(b, HEAD TRADE BIRTH HOLDING, tc,
                     HEAD TRADE BIRTH HOLDING WATER);
        free(b);
        free(oc);
        free(want);
        free(oc2);
        free(want2);
        free(tc);
}

static void comments_and_flow_kept(void **state)
{
        (void)state;
        expect_clean(HEAD TRADE BIRTH,
                     HEAD "  # the busiest service\n"
                          "  - id: trade-licence\n"
                          "    name: 'Trade licence'  # as on the form\n"
                          "    tcv: {days: 30, cost: 500, visits: 3}\n" BIRTH,
                     HEAD TRADE_DAYS("9") BIRTH,
                     HEAD "  # the busiest service\n"
                          "  - id: trade-licence\n"
                          "    name: 'Trade licence'  # as on the form\n"
                          "    tcv: {days: 9, cost: 500, visits: 3}\n" BIRTH);
}

static void extension_keys(void **state)
{
        (void)state;
        /* a scalar and a mapping changed by theirs, a list added */
        expect_clean(HEAD TRADE "    x-note: old\n"
                                "    x-contact:\n"
                                "      phone: 1\n",
                     HEAD TRADE "    x-note: old\n"
                                "    x-contact:\n"
                                "      phone: 1\n"
                                "      mail: a@b\n",
                     HEAD TRADE "    x-note: new\n"
                                "    x-contact:\n"
                                "      phone: 2\n"
                                "    x-tags: [a, b]\n",
                     HEAD TRADE "    x-note: new\n"
                                "    x-contact:\n"
                                "      phone: 2\n"
                                "      mail: a@b\n"
                                "    x-tags: [a, b]\n");
        /* a list changed by theirs is taken whole */
        expect_clean(HEAD TRADE "    x-tags: [a, b]\n",
                     HEAD TRADE "    x-tags: [a, b]\n" HOLDING,
                     HEAD TRADE "    x-tags: [a, c]\n",
                     HEAD TRADE "    x-tags: [a, c]\n" HOLDING);
}

#define ROADMAP_HEAD                                                           \
        "roadmap: 1\n"                                                         \
        "title: e-Service Roadmap\n"                                           \
        "ministries:\n"
#define LGD                                                                    \
        "  - id: lgd\n"                                                        \
        "    name: Local Government Division\n"
#define CABINET                                                                \
        "  - id: cabinet\n"                                                    \
        "    name: Cabinet Division\n"
#define ICT                                                                    \
        "  - id: ict\n"                                                        \
        "    name: ICT Division\n"

static void roadmap_ministries(void **state)
{
        struct merge_opts o = opts();

        (void)state;
        o.kind = LOAD_ROADMAP;
        expect_merge(&o, ROADMAP_HEAD LGD, ROADMAP_HEAD LGD CABINET,
                     "roadmap: 1\n"
                     "title: e-Service Roadmap 2026\n"
                     "ministries:\n" LGD ICT,
                     0,
                     "roadmap: 1\n"
                     "title: e-Service Roadmap 2026\n"
                     "ministries:\n" LGD CABINET ICT);
}

static void unreadable_and_invalid(void **state)
{
        struct merge_opts o = opts();
        struct merge_result res;
        struct diag_list dl = DIAG_LIST_INIT;

        (void)state;
        /* theirs does not parse */
        assert_int_equal(run(&o, HEAD TRADE, HEAD TRADE, "a: [\n", &res, &dl),
                         MERGE_UNREADABLE);
        assert_true(dl.n > 0);
        assert_string_equal(dl.items[0].path, "theirs.yaml");
        assert_int_equal(res.out.len, 0);
        merge_result_release(&res);
        diag_list_release(&dl);
        /* two services renamed to one id */
        assert_int_equal(
            run(&o, HEAD TRADE BIRTH,
                HEAD "  - id: one\n"
                     "    name: Trade licence\n"
                     "    tcv: {days: 30, cost: 500, visits: 3}\n" BIRTH,
                HEAD TRADE "  - id: one\n"
                           "    name: Birth certificate\n",
                &res, &dl),
            MERGE_INVALID);
        assert_true(dl.n > 0);
        assert_string_equal(dl.items[0].path, "ours.yaml");
        assert_int_equal(res.out.len, 0);
        merge_result_release(&res);
        diag_list_release(&dl);
}

static void ancestor(void **state)
{
        struct merge_opts o = opts();
        struct merge_result res;
        struct diag_list dl = DIAG_LIST_INIT;

        (void)state;
        o.ancestor = true;
        /* both changed: the base's value; theirs' other change taken */
        expect_merge(&o, HEAD TRADE BIRTH, HEAD TRADE_DAYS("7") BIRTH,
                     HEAD TRADE_DAYS("10") BIRTH2, 0, HEAD TRADE BIRTH2);
        /* removed by ours, changed by theirs: the base's service again */
        expect_merge(&o, HEAD TRADE BIRTH, HEAD BIRTH,
                     HEAD TRADE_DAYS("7") BIRTH, 0, HEAD BIRTH TRADE);
        /* added on both sides differently: not there */
        expect_merge(&o, HEAD TRADE, HEAD TRADE BIRTH, HEAD TRADE BIRTH2, 0,
                     HEAD TRADE);
        assert_int_equal(
            run(&o, HEAD TRADE, HEAD TRADE BIRTH, HEAD TRADE BIRTH2, &res, &dl),
            0);
        assert_int_equal(res.nconflicts, 1);
        assert_int_equal(res.conflicts[0].line, 0);
        merge_result_release(&res);
        diag_list_release(&dl);
}

/* The office HEAD services, approved with the digest of HEAD approved. */
static char *approved(const char *services, const char *approved_services)
{
        struct loaded l;
        struct diag_list dl = DIAG_LIST_INIT;
        char *text = xasprintf(HEAD "%s", approved_services);
        char digest[DIGEST_LEN + 1];

        loaded_init(&l);
        assert_int_equal(
            load_office_bytes(&l, "t", text, strlen(text), NULL, &dl), 0);
        digest_office(&l.m.office, digest);
        loaded_release(&l);
        diag_list_release(&dl);
        free(text);
        return xasprintf(HEAD "%sapproval:\n  by: Mayor\n  date: 2026-10-01\n"
                              "  digest: %s\n",
                         services, digest);
}

static void approval_made_stale(void **state)
{
        struct merge_opts o = opts();
        struct merge_result res;
        struct diag_list dl = DIAG_LIST_INIT;
        char *b = approved(TRADE TRADE_PLAN BIRTH, TRADE TRADE_PLAN BIRTH);
        char *ours =
            approved(TRADE TRADE_PLAN ENTRY("2026-11-01", "designing") BIRTH,
                     TRADE TRADE_PLAN BIRTH);
        char *theirs =
            approved(TRADE TRADE_PLAN BIRTH BIRTH_PLAN, TRADE TRADE_PLAN BIRTH);

        (void)state;
        /* ours' progress leaves it approved; theirs added a plan: stale
         * now */
        assert_int_equal(run(&o, b, ours, theirs, &res, &dl), 0);
        assert_true(res.approval_stale);
        merge_result_release(&res);
        assert_int_equal(run(&o, b, ours, b, &res, &dl), 0);
        assert_false(res.approval_stale);
        merge_result_release(&res);
        diag_list_release(&dl);
        free(b);
        free(ours);
        free(theirs);
}

/* Not an assertion: the time of a merge of a large office, printed. */
static void timing(void **state)
{
        struct strbuf b = STRBUF_INIT, ours, theirs;
        struct merge_opts o = opts();
        struct merge_result res;
        struct diag_list dl = DIAG_LIST_INIT;
        struct timespec t0, t1;
        int i;

        (void)state;
        strbuf_addstr(&b, HEAD);
        for (i = 0; i < 1000; i++)
                strbuf_addf(&b,
                            "  - id: s%d\n    name: Service %d\n"
                            "    tcv: {days: %d, cost: 1, visits: 1}\n",
                            i, i, i % 9 + 1);
        strbuf_init(&ours);
        strbuf_init(&theirs);
        strbuf_add(&ours, b.buf, b.len);
        strbuf_addstr(&ours, "  - id: new-ours\n    name: N\n");
        strbuf_add(&theirs, b.buf, b.len);
        strbuf_addstr(&theirs, "  - id: new-theirs\n    name: T\n");
        clock_gettime(CLOCK_MONOTONIC, &t0);
        assert_int_equal(run(&o, b.buf, ours.buf, theirs.buf, &res, &dl), 0);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        fprintf(stderr, "merge of a 1000-service office: %.1f ms\n",
                (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
                    (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
        merge_result_release(&res);
        diag_list_release(&dl);
        strbuf_release(&b);
        strbuf_release(&ours);
        strbuf_release(&theirs);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(both_add_services),
            cmocka_unit_test(plan_while_add),
            cmocka_unit_test(history_different_services),
            cmocka_unit_test(history_interleaved),
            cmocka_unit_test(history_order_conflict),
            cmocka_unit_test(workshops_as_a_set),
            cmocka_unit_test(rename_and_change),
            cmocka_unit_test(removed_untouched),
            cmocka_unit_test(removed_vs_changed),
            cmocka_unit_test(same_field),
            cmocka_unit_test(two_approvals),
            cmocka_unit_test(approvals_over_one),
            cmocka_unit_test(add_add_empty_base),
            cmocka_unit_test(line_ends),
            cmocka_unit_test(comments_and_flow_kept),
            cmocka_unit_test(extension_keys),
            cmocka_unit_test(roadmap_ministries),
            cmocka_unit_test(unreadable_and_invalid),
            cmocka_unit_test(ancestor),
            cmocka_unit_test(approval_made_stale),
            cmocka_unit_test(timing),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
