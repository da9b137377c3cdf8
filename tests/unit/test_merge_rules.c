/* Unit tests of merge: the rules of identities, history and conflicts
 * that review and use found wanting, each result compared byte for byte
 * (the basics are in test_merge.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "roadmap/load.h"
#include "roadmap/merge.h"

#define HEAD                                                                   \
        "roadmap: 1\n"                                                         \
        "office:\n"                                                            \
        "  id: gcc\n"                                                          \
        "  name: Gazipur City Corporation\n"                                   \
        "  ministry: lgd\n"                                                    \
        "services:\n"
#define SVC(id, name)                                                          \
        "  - id: " id "\n"                                                     \
        "    name: " name "\n"
#define PLAN                                                                   \
        "    plan:\n"                                                          \
        "      priority: 1\n"                                                  \
        "      history:\n"
#define ENTRY(d, s)                                                            \
        "        - date: " d "\n"                                              \
        "          status: " s "\n"
#define NOTE(n) "          note: " n "\n"

static struct merge_opts opts(void)
{
        struct merge_opts o;

        memset(&o, 0, sizeof(o));
        o.kind = LOAD_OFFICE;
        o.label_ours = "ours";
        o.label_theirs = "theirs";
        return o;
}

/* Merge; the result (res) is the caller's to release. */
static int run(const struct merge_opts *o, const char *b, const char *ours,
               const char *theirs, struct merge_result *res)
{
        struct merge_input in[3] = {{"base.yaml", b, strlen(b)},
                                    {"ours.yaml", ours, strlen(ours)},
                                    {"theirs.yaml", theirs, strlen(theirs)}};
        struct diag_list dl = DIAG_LIST_INIT;
        int rc;

        merge_result_init(res);
        rc = merge_run(o, &in[0], &in[1], &in[2], res, &dl);
        if (rc != 0 && rc != MERGE_CONFLICTS)
                diag_print(&dl, stderr);
        diag_list_release(&dl);
        return rc;
}

/* The merge is rc with text want and (when given) its conflicts
 * formatted, one a line, or its notes. */
static void expect(const char *b, const char *ours, const char *theirs, int rc,
                   const char *want, const char *confs, const char *notes)
{
        struct merge_opts o = opts();
        struct merge_result res;
        struct strbuf sb = STRBUF_INIT;
        int got = run(&o, b, ours, theirs, &res);
        size_t i;

        for (i = 0; i < res.nconflicts; i++) {
                merge_conflict_format(&res.conflicts[i], &sb);
                strbuf_addch(&sb, '\n');
        }
        if (got != rc || strcmp(res.out.buf, want) != 0)
                fprintf(stderr, "rc %d\n---\n%s---\n%s", got, res.out.buf,
                        sb.buf);
        assert_int_equal(got, rc);
        assert_string_equal(res.out.buf, want);
        if (confs)
                assert_string_equal(sb.buf, confs);
        if (notes)
                assert_string_equal(res.notes.buf, notes);
        strbuf_release(&sb);
        merge_result_release(&res);
}

static void marker_size_clamped(void **state)
{
        struct merge_opts o = opts();
        struct merge_result res;
        const char *b = HEAD SVC("a", "A");
        int sizes[] = {0, -5, 3, 5000}, want[] = {7, 7, 3, 1000};
        size_t i;

        (void)state;
        for (i = 0; i < 4; i++) {
                char lt[1002], *p;
                o.marker_size = sizes[i];
                assert_int_equal(
                    run(&o, b, HEAD SVC("a", "B"), HEAD SVC("a", "C"), &res),
                    MERGE_CONFLICTS);
                memset(lt, '<', (size_t)want[i]);
                lt[want[i]] = ' ';
                lt[want[i] + 1] = '\0';
                p = strstr(res.out.buf, "<<<");
                assert_non_null(p);
                assert_memory_equal(p, lt, (size_t)want[i] + 1);
                merge_result_release(&res);
        }
}

static void format_escaped(void **state)
{
        const char *b = HEAD SVC("a", "A");

        (void)state;
        expect(b, HEAD SVC("a", "\"A\\tone\"") "    \"x-\\e[2J\": 1\n",
               HEAD SVC("a", "\"A\\ttwo\"") "    \"x-\\e[2J\": 2\n",
               MERGE_CONFLICTS,
               HEAD "  - id: a\n"
                    "<<<<<<< ours\n"
                    "    name: \"A\\tone\"\n"
                    "=======\n"
                    "    name: \"A\\ttwo\"\n"
                    ">>>>>>> theirs\n"
                    "<<<<<<< ours\n"
                    "    \"x-\\e[2J\": 1\n"
                    "=======\n"
                    "    \"x-\\e[2J\": 2\n"
                    ">>>>>>> theirs\n",
               "service a: name changed on both sides: base A, ours "
               "\"A\\tone\", theirs \"A\\ttwo\"\n"
               "service a: x-\\x1b[2J added on both sides with different "
               "values: ours 1, theirs 2\n",
               NULL);
}

/* History is ordered: their reorder of entries on one date is taken. */
static void history_in_order(void **state)
{
        const char *h =
            PLAN ENTRY("2020-01-01", "planned") ENTRY("2020-01-01", "dropped");
        const char *r =
            PLAN ENTRY("2020-01-01", "dropped") ENTRY("2020-01-01", "planned");
        struct strbuf b = STRBUF_INIT, o = STRBUF_INIT, t = STRBUF_INIT,
                      w = STRBUF_INIT;

        (void)state;
        strbuf_addf(&b, "%s%s%s", HEAD, SVC("a", "A"), h);
        strbuf_addf(&o, "%s%s%s", HEAD, SVC("a", "A2"), h);
        strbuf_addf(&t, "%s%s%s", HEAD, SVC("a", "A"), r);
        strbuf_addf(&w, "%s%s%s", HEAD, SVC("a", "A2"), r);
        expect(b.buf, o.buf, t.buf, 0, w.buf, "", NULL);
        expect(b.buf, t.buf, o.buf, 0, w.buf, "", NULL);
        strbuf_release(&b);
        strbuf_release(&o);
        strbuf_release(&t);
        strbuf_release(&w);
}

/* Equal identities (date and status) match by content, then position. */
static void equal_entries_by_content(void **state)
{
        (void)state;
        expect(
            HEAD SVC("a", "A") PLAN ENTRY("2020-01-01", "planned")
                ENTRY("2020-01-01", "planned") NOTE("dup"),
            HEAD SVC("a", "A") PLAN ENTRY("2020-01-01", "planned")
                ENTRY("2020-01-01", "planned") NOTE("dup2"),
            HEAD SVC("a", "A") PLAN ENTRY("2020-01-01", "planned") NOTE("dup"),
            0,
            HEAD SVC("a", "A") PLAN ENTRY("2020-01-01", "planned") NOTE("dup2"),
            "", NULL);
        /* ours removed the second, theirs changed the first: clean */
        expect(
            HEAD SVC("a", "A") PLAN ENTRY("2020-01-01", "planned") NOTE("one")
                ENTRY("2020-01-01", "planned") NOTE("two"),
            HEAD SVC("a", "A") PLAN ENTRY("2020-01-01", "planned") NOTE("one"),
            HEAD SVC("a", "A") PLAN ENTRY("2020-01-01", "planned") NOTE("uno")
                ENTRY("2020-01-01", "planned") NOTE("two"),
            0,
            HEAD SVC("a", "A") PLAN ENTRY("2020-01-01", "planned") NOTE("uno"),
            "", NULL);
}

#define HIST_CONFLICT                                                          \
        "service a: plan.history: entries added on both sides break the "      \
        "status order, or one side removed entries while the other added "     \
        "some\n"

/* Added on both sides: strictly increasing; removed on one side and
 * added on the other; reordered by theirs with ours changed: conflicts. */
static void history_rules(void **state)
{
        const char *b = HEAD SVC("a", "A") PLAN ENTRY("2026-01-01", "planned")
            ENTRY("2026-02-01", "designing");

        (void)state;
        expect(
            HEAD SVC("a", "A") PLAN ENTRY("2026-01-01", "planned"),
            HEAD SVC("a", "A") PLAN ENTRY("2026-01-01", "planned")
                ENTRY("2026-02-01", "designing"),
            HEAD SVC("a", "A") PLAN ENTRY("2026-01-01", "planned")
                ENTRY("2026-03-01", "designing"),
            MERGE_CONFLICTS,
            HEAD SVC(
                "a",
                "A") "    plan:\n"
                     "      priority: 1\n"
                     "<<<<<<< ours\n"
                     "      history:\n" ENTRY("2026-01-01", "planned") ENTRY(
                         "2026-02-01",
                         "designing") "=======\n"
                                      "      history:\n" ENTRY("2026-01-01",
                                                               "planned")
                                          ENTRY("2026-03-01",
                                                "designing") ">>>>>>> theirs\n",
            HIST_CONFLICT, NULL);
        /* ours undid designing, theirs moved on to developing */
        expect(
            b, HEAD SVC("a", "A") PLAN ENTRY("2026-01-01", "planned"),
            HEAD SVC("a", "A") PLAN ENTRY("2026-01-01", "planned")
                ENTRY("2026-02-01", "designing")
                    ENTRY("2026-03-01", "developing"),
            MERGE_CONFLICTS,
            HEAD SVC(
                "a",
                "A") "    plan:\n"
                     "      priority: 1\n"
                     "<<<<<<< ours\n"
                     "      history:\n" ENTRY(
                         "2026-01-01",
                         "planned") "=======\n"
                                    "      history:\n" ENTRY("2026-01-01",
                                                             "planned")
                                        ENTRY("2026-02-01", "designing") ENTRY(
                                            "2026-03-01",
                                            "developing") ">>>>>>> theirs\n",
            HIST_CONFLICT, NULL);
        /* an undo on both sides and an addition on one merge */
        expect(b, HEAD SVC("a", "A") PLAN ENTRY("2026-01-01", "planned"),
               HEAD SVC("a", "A") PLAN ENTRY("2026-01-01", "planned")
                   ENTRY("2026-03-01", "developing"),
               0,
               HEAD SVC("a", "A") PLAN ENTRY("2026-01-01", "planned")
                   ENTRY("2026-03-01", "developing"),
               "", NULL);
}

#define SV(id, name, days)                                                     \
        "  - id: " id "\n"                                                     \
        "    name: " name "\n"                                                 \
        "    tcv: {days: " days ", cost: 0, visits: 1}\n"
#define CLASH(ours, theirs)                                                    \
        "<<<<<<< ours\n" ours "=======\n" theirs ">>>>>>> theirs\n"

/* A rename onto an id the other side added, or two renames onto one id:
 * a conflict on that id, never a file with the id twice. */
static void rename_onto_one_id(void **state)
{
        const char *b = HEAD SV("a", "A", "1") SV("c", "C", "3");

        (void)state;
        expect(b, HEAD SV("a", "A", "1") SV("c", "C", "3") SV("b", "Bee", "9"),
               HEAD SV("b", "A", "1") SV("c", "C", "3"), MERGE_CONFLICTS,
               HEAD SV("a", "A", "1") SV("c", "C", "3")
                   CLASH(SV("b", "Bee", "9"), SV("b", "A", "1")),
               "service b: added on both sides with different content\n", NULL);
        expect(b, HEAD SV("b", "A", "1") SV("c", "C", "3"),
               HEAD SV("a", "A", "1") SV("c", "C", "3") SV("b", "Bee", "9"),
               MERGE_CONFLICTS,
               HEAD CLASH(SV("b", "A", "1"), SV("b", "Bee", "9"))
                   SV("c", "C", "3"),
               "service b: added on both sides with different content\n", NULL);
        expect(b, HEAD SV("x", "A", "1") SV("c", "C", "3"),
               HEAD SV("a", "A", "1") SV("x", "C", "3"), MERGE_CONFLICTS,
               HEAD CLASH(SV("x", "A", "1"), SV("x", "C", "3"))
                   SV("c", "C", "3"),
               "service x: added on both sides with different content\n", NULL);
}

/* One name added twice under different ids: clean, with a note. */
static void one_name_twice(void **state)
{
        const char *b = HEAD SV("a", "A", "1");

        (void)state;
        expect(b, HEAD SV("a", "A", "1") SV("x", "Water Bill", "2"),
               HEAD SV("a", "A", "1") SV("y", "water bill", "3"), 0,
               HEAD SV("a", "A", "1") SV("x", "Water Bill", "2")
                   SV("y", "water bill", "3"),
               "",
               "services x (ours) and y (theirs) have one name: check they "
               "are not one service\n");
        expect(
            b, HEAD SV("a", "A", "1") SV("x", "X", "2") "    name_bn: পানি\n",
            HEAD SV("a", "A", "1") SV("y", "Y", "3") "    name_bn: পানি\n", 0,
            HEAD SV("a", "A", "1") SV("x", "X", "2") "    name_bn: পানি\n" SV(
                "y", "Y", "3") "    name_bn: পানি\n",
            "",
            "services x (ours) and y (theirs) have one name: check they "
            "are not one service\n");
        expect(b, HEAD SV("a", "A", "1") SV("x", "X", "2"),
               HEAD SV("a", "A", "1") SV("y", "Y", "3"), 0,
               HEAD SV("a", "A", "1") SV("x", "X", "2") SV("y", "Y", "3"), "",
               "");
}

/* Many conflicts: the markers are found and joined in O(n log n). */
static void many_conflicts(void **state)
{
        struct strbuf b = STRBUF_INIT, o = STRBUF_INIT, t = STRBUF_INIT;
        struct merge_opts mo = opts();
        struct merge_result res;
        size_t i, n = 20000;
        clock_t c0 = clock();

        (void)state;
        strbuf_addstr(&b, HEAD);
        strbuf_addstr(&o, HEAD);
        strbuf_addstr(&t, HEAD);
        for (i = 0; i < n; i++) {
                strbuf_addf(&b, SVC("s%zu", "S%zu"), i, i);
                strbuf_addf(&o, SVC("s%zu", "O%zu"), i, i);
                strbuf_addf(&t, SVC("s%zu", "T%zu"), i, i);
        }
        assert_int_equal(run(&mo, b.buf, o.buf, t.buf, &res), MERGE_CONFLICTS);
        assert_int_equal(res.nconflicts, n);
        assert_int_equal(res.conflicts[n - 1].line, 7 + 6 * (int)n - 5);
        fprintf(stderr, "merge of %zu conflicting services: %.0f ms\n", n,
                (double)(clock() - c0) * 1000 / CLOCKS_PER_SEC);
        merge_result_release(&res);
        strbuf_release(&b);
        strbuf_release(&o);
        strbuf_release(&t);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(marker_size_clamped),
            cmocka_unit_test(format_escaped),
            cmocka_unit_test(history_in_order),
            cmocka_unit_test(equal_entries_by_content),
            cmocka_unit_test(history_rules),
            cmocka_unit_test(rename_onto_one_id),
            cmocka_unit_test(one_name_twice),
            cmocka_unit_test(many_conflicts),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
