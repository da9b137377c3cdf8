/*
 * Unit tests of the edit engine: splices keep every other byte, new text
 * follows the file's style, verification catches a wrong result.  The
 * property test of random edits is test_edit_random.c.
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

static void test_set_scalar_keeps_comment(void **state)
{
        struct fixture f;

        fx_load(&f, HEAD "services:\n- id: a\n  name: A\n  plan:\n"
                         "    priority: 1   # agreed at the workshop\n"
                         "    history:\n    - {date: 2017-10-31, status: "
                         "planned}\n");
        assert_int_equal(edit_set(&f.e, svc(&f, 0)->plan.node, "priority",
                                  yval_int(&f.e, 2), plan_order, &f.dl),
                         0);
        assert_string_equal(fx_apply(&f),
                            HEAD "services:\n- id: a\n  name: A\n  plan:\n"
                                 "    priority: 2   # agreed at the workshop\n"
                                 "    history:\n    - {date: 2017-10-31, "
                                 "status: planned}\n");
        fx_release(&f);
}

/* Setting a value a scalar already holds changes no byte, whatever its
 * style: a quoted date stays quoted. */
static void test_set_same_value_keeps_bytes(void **state)
{
        static const char in[] =
            HEAD "services:\n- id: a\n  name: A\n  plan:\n"
                 "    priority: 1\n    due: \"2020-01-01\"  # quoted\n"
                 "    history:\n    - {date: '2017-10-31', status: planned}\n";
        struct fixture f;

        fx_load(&f, in);
        assert_int_equal(edit_set(&f.e, svc(&f, 0)->plan.node, "due",
                                  yval_date(&f.e, (struct date){2020, 1, 1}),
                                  plan_order, &f.dl),
                         0);
        assert_int_equal(edit_set(&f.e, svc(&f, 0)->plan.node, "priority",
                                  yval_int(&f.e, 1), plan_order, &f.dl),
                         0);
        assert_string_equal(fx_apply(&f), in);
        fx_release(&f);
}

/* In a flow mapping, the pairs that end it go with the ", " before them,
 * and a key inserted before one of them follows the last pair that stays. */
#define DIGEST_AB                                                              \
        "sha256:"                                                              \
        "abababababababababababababababababababababababababababababababab"

static void test_flow_delete_trailing_and_insert(void **state)
{
        static const char *const approval_order[] = {
            "by", "date", "memo", "digest", "submitted", NULL};
        struct fixture f;
        const struct ynode *a;

        fx_load(&f, HEAD "approval: {by: H, date: 2020-01-01, memo: m1, "
                         "submitted: 2020-01-02}  # flow\n");
        a = f.before.m.office.approval.node;
        assert_int_equal(edit_delete(&f.e, a, "memo", &f.dl), 0);
        assert_int_equal(edit_delete(&f.e, a, "submitted", &f.dl), 0);
        assert_int_equal(edit_set(&f.e, a, "digest", yval_str(&f.e, DIGEST_AB),
                                  approval_order, &f.dl),
                         0);
        assert_string_equal(fx_apply(&f),
                            HEAD "approval: {by: H, date: 2020-01-01, "
                                 "digest: '" DIGEST_AB "'}  # flow\n");
        fx_release(&f);
}

/* Deleted from a flow mapping over several lines, a pair leaves the
 * comments between pairs: one on its own line, one after its comma. */
static void test_flow_delete_keeps_comments(void **state)
{
        static const char *const cases[][3] = {
            {"memo",
             "{by: H,\n  memo: m1,  # as sent\n  # dated\n  "
             "date: 2020-01-01}",
             "{by: H,\n    # as sent\n  # dated\n  date: 2020-01-01}"},
            {"memo", "{by: H,\n  memo: m1,\n  # dated\n  date: 2020-01-01}",
             "{by: H,\n  # dated\n  date: 2020-01-01}"},
            {"memo",
             "{by: H, date: 2020-01-01,  # dated\n  memo: m1  # as "
             "sent\n}",
             "{by: H, date: 2020-01-01  # dated\n    # as sent\n}"},
            {"memo", "{by: H, date: 2020-01-01,\n  # the memo\n  memo: m1\n}",
             "{by: H, date: 2020-01-01\n  # the memo\n}"},
        };
        struct strbuf in, want;
        struct fixture f;
        size_t i;

        for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                strbuf_init(&in);
                strbuf_init(&want);
                strbuf_addf(&in, HEAD "approval: %s\n", cases[i][1]);
                strbuf_addf(&want, HEAD "approval: %s\n", cases[i][2]);
                fx_load(&f, in.buf);
                assert_int_equal(edit_delete(&f.e,
                                             f.before.m.office.approval.node,
                                             cases[i][0], &f.dl),
                                 0);
                assert_string_equal(fx_apply(&f), want.buf);
                fx_release(&f);
                strbuf_release(&in);
                strbuf_release(&want);
        }
}

static struct yval *service_g(struct edit *e)
{
        struct yval *s = yval_map(e, false);

        yval_put(s, "id", yval_str(e, "g"));
        yval_put(s, "name", yval_str(e, "G"));
        return s;
}

static struct yval *workshop_design(struct edit *e)
{
        struct yval *w = yval_map(e, false);

        yval_put(w, "kind", yval_str(e, "design"));
        yval_put(w, "date", yval_date(e, (struct date){2018, 1, 10}));
        return w;
}

/* Load in, append what make() builds to the sequence under key, expect
 * want. */
static void expect_append(const char *in, const char *key,
                          struct yval *(*make)(struct edit *e),
                          const char *want)
{
        struct fixture f;

        fx_load(&f, in);
        assert_int_equal(
            edit_append(&f.e, root(&f), key, make(&f.e), office_order, &f.dl),
            0);
        assert_string_equal(fx_apply(&f), want);
        fx_release(&f);
}

/* A service appended after a keep ('|+') scalar goes below the empty lines
 * the scalar keeps, so its value stays the same. */
static void test_append_after_kept_lines(void **state)
{
        expect_append(HEAD "services:\n  - id: a\n    name: |+\n      Keep\n"
                           "\n\n  # end\n",
                      "services", service_g,
                      HEAD "services:\n  - id: a\n    name: |+\n"
                           "      Keep\n\n\n  - id: g\n    name: G\n"
                           "  # end\n");
}

/* Services separated by blank lines, the last one ending in a keep ('>+')
 * scalar whose kept empty line is the separator: the new service takes
 * that line as its own separator and repeats it below itself, instead of
 * adding one to the scalar's value. */
static void test_append_spaced_after_kept_line(void **state)
{
        expect_append(HEAD "services:\n- id: a\n  name: A\n\n- id: b\n"
                           "  name: >+\n    text\n\n# comment\n\n",
                      "services", service_g,
                      HEAD "services:\n- id: a\n  name: A\n\n- id: b\n"
                           "  name: >+\n    text\n\n- id: g\n  name: G\n\n"
                           "# comment\n\n");
        /* without a kept empty line no blank line can follow the scalar */
        expect_append(HEAD "services:\n- id: a\n  name: A\n\n- id: b\n"
                           "  name: |+\n    text\n# comment\n",
                      "services", service_g,
                      HEAD "services:\n- id: a\n  name: A\n\n- id: b\n"
                           "  name: |+\n    text\n- id: g\n  name: G\n"
                           "# comment\n");
        /* nor when it has no content, a line of spaces below it */
        expect_append(HEAD "services:\n- id: a\n  name: A\n\n- id: b\n"
                           "  name: B\n  x-note: |+\n  ",
                      "services", service_g,
                      HEAD "services:\n- id: a\n  name: A\n\n- id: b\n"
                           "  name: B\n  x-note: |+\n- id: g\n  name: G\n  ");
}

/* A pair deleted below a keep scalar takes the blank lines below it along,
 * or they would join the scalar's value; a key inserted there goes after
 * them. */
static void test_delete_below_kept_scalar(void **state)
{
        static const char *const approval_order[] = {
            "by", "date", "memo", "digest", "submitted", NULL};
        struct fixture f;
        const struct ynode *a;

        fx_load(&f, HEAD "services:\n- id: a\n  name: |+\n    text\n"
                         "  tcv: {days: 1}\n\n- id: b\n  name: B\n"
                         "approval:\n  date: 2020-01-01\n  by: >+\n    H\n\n"
                         "  memo: m\n  submitted: 2020-01-02\n\n"
                         "workshops: []\n");
        a = f.before.m.office.approval.node;
        assert_int_equal(edit_delete(&f.e, svc(&f, 0)->node, "tcv", &f.dl), 0);
        assert_int_equal(edit_delete(&f.e, a, "memo", &f.dl), 0);
        assert_int_equal(edit_delete(&f.e, a, "submitted", &f.dl), 0);
        assert_int_equal(edit_set(&f.e, a, "digest", yval_str(&f.e, DIGEST_AB),
                                  approval_order, &f.dl),
                         0);
        assert_string_equal(fx_apply(&f),
                            HEAD "services:\n- id: a\n  name: |+\n    text\n"
                                 "- id: b\n  name: B\n"
                                 "approval:\n  date: 2020-01-01\n  by: >+\n"
                                 "    H\n\n  digest: " DIGEST_AB "\n"
                                 "workshops: []\n");
        fx_release(&f);
}

/* Below any block scalar, a pair deleted takes along a line of spaces
 * under it deeper than the keys, which would be the scalar's content, and
 * a comment line there moves to the keys' column. */
static void test_delete_above_deep_spaces(void **state)
{
        struct fixture f;

        fx_load(&f, HEAD "services:\n- id: a\n  name: |\n    text\n"
                         "  tcv: {days: 1}\n        \n- id: b\n  name: B\n");
        assert_int_equal(edit_delete(&f.e, svc(&f, 0)->node, "tcv", &f.dl), 0);
        assert_string_equal(fx_apply(&f),
                            HEAD "services:\n- id: a\n  name: |\n    text\n"
                                 "- id: b\n  name: B\n");
        fx_release(&f);
        /* a comment line there would be content too: it moves to the
         * keys' column */
        fx_load(&f, HEAD "services:\n- id: a\n  name: |+\n    text\n"
                         "  tcv: {days: 1}\n\n        # days\n- id: b\n"
                         "  name: B\n");
        assert_int_equal(edit_delete(&f.e, svc(&f, 0)->node, "tcv", &f.dl), 0);
        assert_string_equal(fx_apply(&f),
                            HEAD "services:\n- id: a\n  name: |+\n    text\n"
                                 "  # days\n- id: b\n  name: B\n");
        fx_release(&f);
}

/* A keep scalar replaced by a plain value leaves its kept empty lines as
 * blank lines. */
static void test_replace_kept_scalar_keeps_blank_lines(void **state)
{
        struct fixture f;

        fx_load(&f, HEAD "services:\n- id: a\n  name: |+  # full\n"
                         "    Long\n\n\n- id: b\n  name: B\n");
        assert_int_equal(edit_set(&f.e, svc(&f, 0)->node, "name",
                                  yval_str(&f.e, "Short"), NULL, &f.dl),
                         0);
        assert_string_equal(fx_apply(&f),
                            HEAD "services:\n- id: a\n  name: Short  # full\n"
                                 "\n\n- id: b\n  name: B\n");
        fx_release(&f);
}

/* Comments below the last service indented like its keys belong to it:
 * the new service goes below them; one at the sequence's column belongs
 * to what follows and stays below the new service. */
static void test_append_after_trailing_comments(void **state)
{
        expect_append(HEAD "services:\n- id: a\n  name: A\n  # a's note\n"
                           "- id: b\n  name: B\n  # about b\n\n"
                           "  # still about b\n# next section\n",
                      "services", service_g,
                      HEAD "services:\n- id: a\n  name: A\n  # a's note\n"
                           "- id: b\n  name: B\n  # about b\n\n"
                           "  # still about b\n- id: g\n  name: G\n"
                           "# next section\n");
}

/* A file that ends in a block scalar without a final line break: the
 * appended text starts with one, and strip chomping keeps the value. */
static void test_append_after_block_at_end(void **state)
{
        static const char *const ends[][2] = {
            {"|\n      multi\n      line", "|-\n      multi\n      line\n"},
            {"|+\n      kept", "|-\n      kept\n"},
            {">2\n        two", ">-2\n        two\n"},
        };
        struct strbuf in, want;
        size_t i;

        for (i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
                strbuf_init(&in);
                strbuf_init(&want);
                strbuf_addf(&in, HEAD "services:\n  - id: a\n    name: %s",
                            ends[i][0]);
                strbuf_addf(&want,
                            HEAD "services:\n  - id: a\n    name: %s"
                                 "  - id: g\n    name: G\n",
                            ends[i][1]);
                expect_append(in.buf, "services", service_g, want.buf);
                strbuf_release(&in);
                strbuf_release(&want);
        }
}

/* For each {tail, want}: an office ending in tail, a workshop appended;
 * the result ends in want and the workshop's lines. */
static void expect_workshop_after(const char *const (*cases)[2], size_t n)
{
        struct strbuf in, want;
        size_t i;

        for (i = 0; i < n; i++) {
                const char *eol = strstr(cases[i][0], "\r") ? "\r\n" : "\n";
                strbuf_init(&in);
                strbuf_init(&want);
                strbuf_addf(&in,
                            "roadmap: 1%soffice: {id: t, name: T, "
                            "ministry: lgd}%s%s",
                            eol, eol, cases[i][0]);
                strbuf_addf(&want,
                            "roadmap: 1%soffice: {id: t, name: T, "
                            "ministry: lgd}%s%s  - kind: design%s    date: "
                            "2018-01-10%s",
                            eol, eol, cases[i][1], eol, eol);
                expect_append(in.buf, "workshops", workshop_design, want.buf);
                strbuf_release(&in);
                strbuf_release(&want);
        }
}

/* An empty block scalar that ends the file keeps its header: without
 * content its value stays empty whatever follows. */
static void test_append_after_empty_block_at_end(void **state)
{
        expect_append(HEAD "services:\n  - id: a\n    name: A\n    x-note: |",
                      "services", service_g,
                      HEAD "services:\n  - id: a\n    name: A\n    x-note: |\n"
                           "  - id: g\n    name: G\n");
        /* a keep one between spaced items takes no blank line below it
         * either: the line would be its value */
        expect_append(HEAD "services:\n  - id: a\n    name: A\n\n"
                           "  - id: b\n    name: B\n    x-note: |+#  ",
                      "services", service_g,
                      HEAD "services:\n  - id: a\n    name: A\n\n"
                           "  - id: b\n    name: B\n    x-note: |+#  \n"
                           "  - id: g\n    name: G\n");
}

/* An empty list alone on the line below its key gives way to the items,
 * line and all; with a comment the line stays as a comment. */
static void test_append_replaces_empty_list_line(void **state)
{
        static const char *const cases[][2] = {
            {"workshops:\n  []\n", "workshops:\n"},
            {"workshops:\r\n  ~", "workshops:\r\n"},
            {"workshops:\n  []  # none\n", "workshops:\n    # none\n"},
        };

        expect_workshop_after(cases, sizeof(cases) / sizeof(cases[0]));
}

/* The first item added to an empty list that holds comments: the brackets
 * go, the comments stay where they were, the items follow them. */
static void test_append_keeps_comment_in_empty_list(void **state)
{
        static const char *const cases[][2] = {
            {"workshops: [\n  # none yet\n]\n", "workshops:\n  # none yet\n"},
            {"workshops: [  # none yet\n]", "workshops:  # none yet\n"},
            {"workshops: [\r\n  # none yet\r\n]",
             "workshops:\r\n  # none yet\r\n"},
            {"workshops:\n  [\n  # none\n\n  ]  # later\n",
             "workshops:\n  # none\n\n  # later\n"},
            {"workshops:  [# none\n]\n", "workshops:   # none\n"},
            {"workshops: [  # none\n\t]\t# later\n",
             "workshops:  # none\n# later\n"},
        };

        expect_workshop_after(cases, sizeof(cases) / sizeof(cases[0]));
}

/* A block scalar replaced by a plain value keeps its header's comment. */
static void test_replace_block_keeps_header_comment(void **state)
{
        struct fixture f;

        fx_load(&f, HEAD "services:\n- id: a\n  name: >-   # in full\n"
                         "    Long\n    name\n  name_bn: x\n");
        assert_int_equal(edit_set(&f.e, svc(&f, 0)->node, "name",
                                  yval_str(&f.e, "Short"), NULL, &f.dl),
                         0);
        assert_string_equal(fx_apply(&f), HEAD "services:\n- id: a\n"
                                               "  name: Short   # in full\n"
                                               "  name_bn: x\n");
        fx_release(&f);
}

/* A comment right after a quoted value, with no space, stays a comment
 * when the value is written plain. */
static void test_replace_quoted_keeps_adjacent_comment(void **state)
{
        struct fixture f;

        fx_load(&f, HEAD "services:\n- id: a\n  name: 'A'#    c\n");
        assert_int_equal(edit_set(&f.e, svc(&f, 0)->node, "name",
                                  yval_str(&f.e, "t"), NULL, &f.dl),
                         0);
        assert_string_equal(fx_apply(&f),
                            HEAD "services:\n- id: a\n  name: t #    c\n");
        fx_release(&f);
}

/* A root mapping indented as a whole takes new keys at its own column. */
static void test_insert_into_indented_root(void **state)
{
        expect_append("  roadmap: 1\n  office: {id: t, name: T, ministry: "
                      "lgd}\n",
                      "workshops", workshop_design,
                      "  roadmap: 1\n  office: {id: t, name: T, "
                      "ministry: lgd}\n  workshops:\n    - kind: "
                      "design\n      date: 2018-01-10\n");
}

static void test_flow_insert_and_append(void **state)
{
        struct fixture f;
        struct yval *tcv, *w;

        fx_load(&f, HEAD "services:\n- id: a\n  name: A\n  tcv: {days: 3}\n"
                         "- id: b\n  name: B\n  tcv: {}\n"
                         "workshops: []   # none yet\n");
        tcv = yval_map(&f.e, true);
        yval_put(tcv, "cost", yval_int(&f.e, 10));
        yval_put(tcv, "visits", yval_int(&f.e, 1));
        assert_int_equal(
            edit_set(&f.e, svc(&f, 0)->node, "tcv", tcv, NULL, &f.dl), 0);
        tcv = yval_map(&f.e, true);
        yval_put(tcv, "days", yval_int(&f.e, 4));
        assert_int_equal(
            edit_set(&f.e, svc(&f, 1)->node, "tcv", tcv, NULL, &f.dl), 0);
        w = yval_map(&f.e, false);
        yval_put(w, "kind", yval_str(&f.e, "design"));
        yval_put(w, "date", yval_str(&f.e, "2018-01-10"));
        assert_int_equal(
            edit_append(&f.e, root(&f), "workshops", w, office_order, &f.dl),
            0);
        /* "2018-01-10" as a string must be quoted, or it reads as a date;
         * the model takes either, the verification knows the difference */
        assert_string_equal(fx_apply(&f),
                            HEAD "services:\n- id: a\n  name: A\n"
                                 "  tcv: {days: 3, cost: 10, visits: 1}\n"
                                 "- id: b\n  name: B\n  tcv: {days: 4}\n"
                                 "workshops:   # none yet\n"
                                 "- kind: design\n  date: '2018-01-10'\n");
        fx_release(&f);
}

static void test_delete_and_crlf(void **state)
{
        struct fixture f;
        const char *text =
            "roadmap: 1\r\noffice:\r\n  id: t\r\n  name: T\r\n"
            "  ministry: lgd\r\napproval:\r\n  by: X\r\n  date: 2017-10-31\r\n"
            "  memo: '12'   # old memo\r\n  submitted: 2017-11-01\r\n";

        fx_load(&f, text);
        assert_int_equal(
            edit_delete(&f.e, f.before.m.office.approval.node, "memo", &f.dl),
            0);
        assert_int_equal(edit_set(&f.e, root(&f), "services",
                                  yval_seq(&f.e, false), office_order, &f.dl),
                         0);
        assert_string_equal(
            fx_apply(&f),
            "roadmap: 1\r\noffice:\r\n  id: t\r\n  name: T\r\n"
            "  ministry: lgd\r\nservices: []\r\napproval:\r\n  by: X\r\n"
            "  date: 2017-10-31\r\n  submitted: 2017-11-01\r\n");
        fx_release(&f);
}

static void test_verify_catches_a_wrong_result(void **state)
{
        struct fixture f;
        char *bad;

        fx_load(&f, HEAD "services:\n- id: a\n  name: A\n");
        assert_int_equal(edit_append(&f.e, root(&f), "workshops",
                                     yval_str(&f.e, "x"), office_order, &f.dl),
                         0);
        assert_int_equal(edit_apply(&f.e, &f.out, &f.dl), 0);
        /* Tamper with an untouched value: verification must refuse. */
        bad = strdup(f.out.buf);
        *strstr(bad, "name: A") = 'N';
        memcpy(strstr(bad, "Name: A"), "nAme", 4);
        assert_int_equal(
            yamldoc_parse(&f.after.doc, "t.yaml", bad, strlen(bad), &f.dl), 0);
        assert_int_equal(edit_verify(&f.e, &f.after.doc, &f.dl), -1);
        assert_non_null(strstr(f.dl.items[f.dl.n - 1].msg, "internal error"));
        yamldoc_release(&f.after.doc);
        free(bad);
        fx_release(&f);
}

/* ---- items inserted, and removals with additions ---- */

#define XT HEAD "services: []\nx-tags:"

struct script_case {
        const char *script, *in, *want;
};

static void expect_scripts(const char *key, const struct script_case *c,
                           size_t n)
{
        size_t i;

        fx_key = key;
        for (i = 0; i < n; i++) {
                fx_script = c[i].script;
                fx_expect(c[i].in, c[i].want, fx_run_script);
        }
}

#define BLOCK XT "\n- a\n# about b\n- b\n- c\nx-end: 1\n"
#define SPACED XT "\n- a\n\n- b\n\n- c\n"
#define INDENTED XT "\n  - a\n    # a's own\n  - b  # b\n"

/* Block sequences: before the comment about the item, in the sequence's
 * style; spaced items stay spaced; at the end as an append. */
static void test_insert_item_block(void **state)
{
        static const struct script_case c[] = {
            {"i0=q", BLOCK, XT "\n- q\n- a\n# about b\n- b\n- c\nx-end: 1\n"},
            {"i1=q", BLOCK, XT "\n- a\n- q\n# about b\n- b\n- c\nx-end: 1\n"},
            {"i2=q", BLOCK, XT "\n- a\n# about b\n- b\n- q\n- c\nx-end: 1\n"},
            {"i3=q", BLOCK, XT "\n- a\n# about b\n- b\n- c\n- q\nx-end: 1\n"},
            {"i1=q i1=m i0=z", BLOCK,
             XT "\n- z\n- a\n- q\n- m\n# about b\n- b\n- c\nx-end: 1\n"},
            {"i1=q", INDENTED,
             XT "\n  - a\n    # a's own\n  - q\n  - b  # b\n"},
            {"i0=q", INDENTED,
             XT "\n  - q\n  - a\n    # a's own\n  - b  # b\n"},
            {"i1=q", SPACED, XT "\n- a\n\n- q\n\n- b\n\n- c\n"},
            {"i0=q i0=m", SPACED, XT "\n- q\n\n- m\n\n- a\n\n- b\n\n- c\n"},
        };

        expect_scripts("x-tags", c, sizeof c / sizeof c[0]);
}

/* Removals with inserts and appends on one sequence, block and flow. */
static void test_insert_remove_append(void **state)
{
        static const struct script_case c[] = {
            {"r0 i1=q a=z", BLOCK,
             XT "\n- q\n# about b\n- b\n- c\n- z\nx-end: 1\n"},
            {"r1 i2=q", BLOCK, XT "\n- a\n- q\n- c\nx-end: 1\n"},
            {"r2 a=z", BLOCK, XT "\n- a\n# about b\n- b\n- z\nx-end: 1\n"},
            {"a=z r2 a=w", BLOCK,
             XT "\n- a\n# about b\n- b\n- z\n- w\nx-end: 1\n"},
            {"r0 r1 r2 a=z", BLOCK, XT "\n- z\nx-end: 1\n"},
            {"r2 a=z", SPACED, XT "\n- a\n\n- b\n\n- z\n"},
            {"r0 r1 r2 a=z a=w", SPACED, XT "\n- z\n\n- w\n"},
            {"r1 i2=q", SPACED, XT "\n- a\n\n- q\n\n- c\n"},
            {"r1 a=z", INDENTED, XT "\n  - a\n    # a's own\n  - z\n"},
            {"i1=q r0 a=z", INDENTED, XT "\n  - q\n  - b  # b\n  - z\n"},
        };

        expect_scripts("x-tags", c, sizeof c / sizeof c[0]);
}

#define FLOW XT " [a, b, c]  # flow\n"

static void test_insert_item_flow(void **state)
{
        static const struct script_case c[] = {
            {"i0=q", FLOW, XT " [q, a, b, c]  # flow\n"},
            {"i2=q i2=m", FLOW, XT " [a, b, q, m, c]  # flow\n"},
            {"i3=q", FLOW, XT " [a, b, c, q]  # flow\n"},
            {"r2 a=z", FLOW, XT " [a, b, z]  # flow\n"},
            {"r0 r1 r2 a=z a=w", FLOW, XT " [z, w]  # flow\n"},
            {"r1 i2=q a=z", FLOW, XT " [a, q, c, z]  # flow\n"},
            {"i1=q", XT " [a,\n  b]\n", XT " [a,\n  q, b]\n"},
            {"i1=q r0", XT " [a,  # one\n  b]\n", XT " [  # one\n  q, b]\n"},
        };

        expect_scripts("x-tags", c, sizeof c / sizeof c[0]);
}

/* Services (block mappings) inserted, in both sequence styles. */
static void test_insert_service(void **state)
{
        static const struct script_case c[] = {
            {"I1=g", HEAD "services:\n- id: a\n  name: A\n- id: b\n  name: B\n",
             HEAD "services:\n- id: a\n  name: A\n- id: g\n  name: g\n"
                  "- id: b\n  name: B\n"},
            {"I0=g r1",
             HEAD "services:\n  # first\n  - id: a\n    name: A\n"
                  "  - id: b\n    name: B\n",
             HEAD "services:\n  - id: g\n    name: g\n  # first\n"
                  "  - id: a\n    name: A\n"},
        };

        expect_scripts("services", c, sizeof c / sizeof c[0]);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_set_scalar_keeps_comment),
            cmocka_unit_test(test_set_same_value_keeps_bytes),
            cmocka_unit_test(test_flow_delete_trailing_and_insert),
            cmocka_unit_test(test_flow_delete_keeps_comments),
            cmocka_unit_test(test_append_after_kept_lines),
            cmocka_unit_test(test_append_spaced_after_kept_line),
            cmocka_unit_test(test_delete_below_kept_scalar),
            cmocka_unit_test(test_delete_above_deep_spaces),
            cmocka_unit_test(test_replace_kept_scalar_keeps_blank_lines),
            cmocka_unit_test(test_append_after_trailing_comments),
            cmocka_unit_test(test_append_after_block_at_end),
            cmocka_unit_test(test_append_after_empty_block_at_end),
            cmocka_unit_test(test_append_replaces_empty_list_line),
            cmocka_unit_test(test_append_keeps_comment_in_empty_list),
            cmocka_unit_test(test_replace_block_keeps_header_comment),
            cmocka_unit_test(test_replace_quoted_keeps_adjacent_comment),
            cmocka_unit_test(test_insert_into_indented_root),
            cmocka_unit_test(test_flow_insert_and_append),
            cmocka_unit_test(test_delete_and_crlf),
            cmocka_unit_test(test_verify_catches_a_wrong_result),
            cmocka_unit_test(test_insert_item_block),
            cmocka_unit_test(test_insert_remove_append),
            cmocka_unit_test(test_insert_item_flow),
            cmocka_unit_test(test_insert_service),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
