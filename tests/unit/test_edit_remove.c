/*
 * Unit tests of edit_remove(): an item of a sequence goes as its whole
 * lines (block) or its text and one comma (flow), every other byte stays,
 * and the re-read document is the old one minus exactly that item.  The
 * golden texts are before/after pairs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "edit_fixture.h"

#define HEAD "roadmap: 1\noffice:\n  id: t\n  name: T\n  ministry: lgd\n"
#define S(id) "- id: " id "\n  name: " id "\n"
#define W(kind, date) "- kind: " kind "\n  date: " date "\n"
#define NONE ((size_t)-1)

/* Remove the items at (up to three, NONE-ended) of the sequence under key
 * of the root mapping of in; expect want. */
static void expect_remove(const char *in, const char *key, size_t a, size_t b,
                          const char *want)
{
        struct fixture f;

        fx_load(&f, in);
        assert_int_equal(edit_remove(&f.e, root(&f), key, a, &f.dl), 0);
        if (b != NONE)
                assert_int_equal(edit_remove(&f.e, root(&f), key, b, &f.dl), 0);
        assert_string_equal(fx_apply(&f), want);
        fx_release(&f);
}

/* Each item goes with its lines; the others' lines stay as they were. */
static void test_remove_each_block_item(void **state)
{
        static const char in[] =
            HEAD "services:\n" S("a") S("b") S("c") "workshops: []\n";

        expect_remove(in, "services", 0, NONE,
                      HEAD "services:\n" S("b") S("c") "workshops: []\n");
        expect_remove(in, "services", 1, NONE,
                      HEAD "services:\n" S("a") S("c") "workshops: []\n");
        expect_remove(in, "services", 2, NONE,
                      HEAD "services:\n" S("a") S("b") "workshops: []\n");
        expect_remove(in, "services", 0, 2,
                      HEAD "services:\n" S("b") "workshops: []\n");
}

/* A comment directly above an item goes with it, one separated by a blank
 * line stays; a comment after an item and the comment lines below it
 * indented under it go, one at the sequence's column stays (it belongs to
 * what follows). */
static void test_remove_comments(void **state)
{
        static const char in[] = HEAD "services:\n# the list\n\n" S(
            "a") "# about b\n"
                 "- id: b  # was added twice\n  name: b\n  # b's note\n"
                 "# about c\n" S("c");

        expect_remove(in, "services", 1, NONE,
                      HEAD
                      "services:\n# the list\n\n" S("a") "# about c\n" S("c"));
        expect_remove(in, "services", 0, NONE,
                      HEAD "services:\n# the list\n\n# about b\n"
                           "- id: b  # was added twice\n  name: b\n"
                           "  # b's note\n# about c\n" S("c"));
        expect_remove(in, "services", 2, NONE,
                      HEAD "services:\n# the list\n\n" S(
                          "a") "# about b\n"
                               "- id: b  # was added twice\n  name: b\n"
                               "  # b's note\n");
}

/* Items separated by blank lines stay so: an item takes the blank lines
 * below it, the last one those above it. */
static void test_remove_spaced_items(void **state)
{
        static const char in[] = HEAD "services:\n" S("a") "\n" S("b") "\n" S(
            "c") "\napproval:\n  by: X\n  date: 2017-10-31\n";

        expect_remove(in, "services", 1, NONE,
                      HEAD "services:\n" S("a") "\n" S(
                          "c") "\napproval:\n  by: X\n  date: 2017-10-31\n");
        expect_remove(in, "services", 2, NONE,
                      HEAD "services:\n" S("a") "\n" S(
                          "b") "\napproval:\n  by: X\n  date: 2017-10-31\n");
        expect_remove(in, "services", 1, 2,
                      HEAD "services:\n" S(
                          "a") "\napproval:\n  by: X\n  date: 2017-10-31\n");
}

/* The only item: the key keeps an empty list, its comment after it. */
static void test_remove_only_item(void **state)
{
        expect_remove(HEAD "services:   # none left\n" S("a") "workshops:\n" W(
                          "design", "2018-01-10"),
                      "workshops", 0, NONE,
                      HEAD
                      "services:   # none left\n" S("a") "workshops: []\n");
        expect_remove(HEAD "services:   # none left\n" S(
                          "a") "\n"
                               "workshops:\n" W("design", "2018-01-10"),
                      "services", 0, NONE,
                      HEAD "services: []   # none left\n\n"
                           "workshops:\n" W("design", "2018-01-10"));
        /* indented under its key, the last line without a line break */
        expect_remove(HEAD "services: []\nworkshops:\n"
                           "  - kind: design\n    date: 2018-01-10",
                      "workshops", 0, NONE,
                      HEAD "services: []\nworkshops: []\n");
}

/* Indented under the key, the last item without a final line break. */
static void test_remove_indented_last_without_break(void **state)
{
        expect_remove(HEAD "services: []\nworkshops:\n"
                           "    - kind: design\n      date: 2018-01-10\n"
                           "    - kind: leadership\n      date: 2018-02-10",
                      "workshops", 1, NONE,
                      HEAD "services: []\nworkshops:\n"
                           "    - kind: design\n      date: 2018-01-10\n");
        expect_remove(HEAD "services: []\nworkshops:\n"
                           "    - kind: design\n      date: 2018-01-10\n"
                           "    - kind: leadership\n      date: 2018-02-10",
                      "workshops", 0, NONE,
                      HEAD "services: []\nworkshops:\n"
                           "    - kind: leadership\n      date: 2018-02-10");
}

/* An item holding a multi-line block scalar goes with all its lines, the
 * blank lines inside the scalar too; one above a removed last item keeps
 * its value. */
static void test_remove_block_scalars(void **state)
{
        expect_remove(
            HEAD "services:\n" S(
                "a") "- id: b\n  name: |\n    two\n\n    lines\n"
                     "  plan:\n    priority: 1\n    history:\n"
                     "    - {date: 2017-10-31, status: planned}\n" S("c"),
            "services", 1, NONE, HEAD "services:\n" S("a") S("c"));
        expect_remove(HEAD "services:\n- id: a\n  name: |+\n    kept\n\n" S(
                          "b") "\n\napproval:\n  by: X\n"
                               "  date: 2017-10-31\n",
                      "services", 1, NONE,
                      HEAD "services:\n- id: a\n  name: |+\n    kept\n\n"
                           "approval:\n  by: X\n  date: 2017-10-31\n");
}

static void test_remove_crlf(void **state)
{
        expect_remove("roadmap: 1\r\noffice:\r\n  id: t\r\n  name: T\r\n"
                      "  ministry: lgd\r\nservices:\r\n- id: a\r\n"
                      "  name: A\r\n\r\n# about b\r\n- id: b\r\n  name: B\r\n"
                      "\r\n- id: c\r\n  name: C\r\n",
                      "services", 1, NONE,
                      "roadmap: 1\r\noffice:\r\n  id: t\r\n  name: T\r\n"
                      "  ministry: lgd\r\nservices:\r\n- id: a\r\n"
                      "  name: A\r\n\r\n- id: c\r\n  name: C\r\n");
        expect_remove("roadmap: 1\r\noffice:\r\n  id: t\r\n  name: T\r\n"
                      "  ministry: lgd\r\nservices:  # all\r\n- id: a\r\n"
                      "  name: A\r\n",
                      "services", 0, NONE,
                      "roadmap: 1\r\noffice:\r\n  id: t\r\n  name: T\r\n"
                      "  ministry: lgd\r\nservices: []  # all\r\n");
}

/* A history entry of a plan: the last one of a block sequence, then of a
 * flow sequence. */
static void test_remove_history_entry(void **state)
{
        struct fixture f;

        fx_load(&f, HEAD "services:\n- id: a\n  name: A\n  plan:\n"
                         "    priority: 1\n    history:\n"
                         "    - {date: 2017-10-31, status: planned}\n"
                         "    - {date: 2018-01-10, status: designing}  # oops\n"
                         "  tcv: {days: 3}\n");
        assert_int_equal(
            edit_remove(&f.e, svc(&f, 0)->plan.node, "history", 1, &f.dl), 0);
        assert_string_equal(fx_apply(&f),
                            HEAD "services:\n- id: a\n  name: A\n  plan:\n"
                                 "    priority: 1\n    history:\n"
                                 "    - {date: 2017-10-31, status: planned}\n"
                                 "  tcv: {days: 3}\n");
        fx_release(&f);
        fx_load(&f, HEAD "services:\n- id: a\n  name: A\n  plan:\n"
                         "    priority: 1\n    history: [{date: 2017-10-31, "
                         "status: planned}, {date: 2018-01-10, status: "
                         "designing}]\n");
        assert_int_equal(
            edit_remove(&f.e, svc(&f, 0)->plan.node, "history", 1, &f.dl), 0);
        assert_string_equal(fx_apply(&f),
                            HEAD "services:\n- id: a\n  name: A\n  plan:\n"
                                 "    priority: 1\n    history: [{date: "
                                 "2017-10-31, status: planned}]\n");
        fx_release(&f);
}

/* In a flow sequence an item goes with one comma; comments stay. */
static void test_remove_flow_items(void **state)
{
        static const char *const cases[][3] = {
            {"0", "[a, b, c]", "[b, c]"},
            {"1", "[a, b, c]", "[a, c]"},
            {"2", "[a, b, c]", "[a, b]"},
            {"0", "[a]", "[]"},
            {"0", "[\n  a,  # the first\n  b\n]", "[\n    # the first\n  b\n]"},
            {"1", "[a,  # the first\n  b]", "[a  # the first\n  ]"},
        };
        struct strbuf in, want;
        size_t i;

        for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                strbuf_init(&in);
                strbuf_init(&want);
                strbuf_addf(&in, HEAD "services: []\nx-tags: %s\n",
                            cases[i][1]);
                strbuf_addf(&want, HEAD "services: []\nx-tags: %s\n",
                            cases[i][2]);
                expect_remove(in.buf, "x-tags", (size_t)atoi(cases[i][0]), NONE,
                              want.buf);
                strbuf_release(&in);
                strbuf_release(&want);
        }
}

/* An item that is not there, an insert before a removed item and the
 * removal of an item something is inserted before are refused. */
static void test_remove_refused(void **state)
{
        struct fixture f;

        fx_load(&f, HEAD "services:\n" S("a") S("b"));
        assert_int_equal(edit_remove(&f.e, root(&f), "services", 2, &f.dl), -1);
        assert_int_equal(edit_remove(&f.e, root(&f), "workshops", 0, &f.dl),
                         -1);
        assert_int_equal(edit_remove(&f.e, root(&f), "services", 0, &f.dl), 0);
        assert_int_equal(edit_insert_item(&f.e, root(&f), "services", 0,
                                          yval_str(&f.e, "x"), &f.dl),
                         -1);
        assert_non_null(strstr(f.dl.items[f.dl.n - 1].msg, "it is removed"));
        assert_int_equal(edit_insert_item(&f.e, root(&f), "services", 1,
                                          yval_str(&f.e, "x"), &f.dl),
                         0);
        assert_int_equal(edit_remove(&f.e, root(&f), "services", 1, &f.dl), -1);
        assert_non_null(strstr(f.dl.items[f.dl.n - 1].msg, "inserted before"));
        fx_release(&f);
}

/* The verification refuses a result that lost another item too. */
static void test_remove_verify_catches_more(void **state)
{
        struct fixture f;
        static const char other[] = HEAD "services:\n" S("c") "\n";

        fx_load(&f, HEAD "services:\n" S("a") S("b") S("c") "\n");
        assert_int_equal(edit_remove(&f.e, root(&f), "services", 0, &f.dl), 0);
        assert_int_equal(
            yamldoc_parse(&f.after.doc, "t.yaml", other, strlen(other), &f.dl),
            0);
        assert_int_equal(edit_verify(&f.e, &f.after.doc, &f.dl), -1);
        assert_non_null(strstr(f.dl.items[f.dl.n - 1].msg, "internal error"));
        yamldoc_release(&f.after.doc);
        fx_release(&f);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_remove_each_block_item),
            cmocka_unit_test(test_remove_comments),
            cmocka_unit_test(test_remove_spaced_items),
            cmocka_unit_test(test_remove_only_item),
            cmocka_unit_test(test_remove_indented_last_without_break),
            cmocka_unit_test(test_remove_block_scalars),
            cmocka_unit_test(test_remove_crlf),
            cmocka_unit_test(test_remove_history_entry),
            cmocka_unit_test(test_remove_flow_items),
            cmocka_unit_test(test_remove_refused),
            cmocka_unit_test(test_remove_verify_catches_more),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
