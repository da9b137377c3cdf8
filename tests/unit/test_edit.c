/*
 * Unit tests of the edit engine: splices keep every other byte, new text
 * follows the file's style, verification catches a wrong result; and a
 * property test of random edits on random valid files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "roadmap/edit.h"
#include "roadmap/load.h"
#include "roadmap/strbuf.h"

static const char *const office_order[] = {"roadmap",  "office",    "services",
                                           "approval", "workshops", NULL};
static const char *const plan_order[] = {"priority", "due", "tcv", "history",
                                         NULL};

struct fixture {
        struct loaded before, after;
        struct edit e;
        struct strbuf out;
        struct diag_list dl;
};

static void fx_load(struct fixture *f, const char *text)
{
        loaded_init(&f->before);
        loaded_init(&f->after);
        strbuf_init(&f->out);
        diag_list_init(&f->dl);
        if (load_office_bytes(&f->before, "t.yaml", text, strlen(text), NULL,
                              &f->dl) != 0) {
                diag_print(&f->dl, stderr);
                fail_msg("fixture is invalid:\n%s", text);
        }
        edit_init(&f->e, &f->before.doc);
}

/* Apply, re-read, verify; the result must be valid and as intended. */
static const char *fx_apply(struct fixture *f)
{
        assert_int_equal(edit_apply(&f->e, &f->out, &f->dl), 0);
        if (load_office_bytes(&f->after, "t.yaml", f->out.buf, f->out.len, NULL,
                              &f->dl) != 0) {
                diag_print(&f->dl, stderr);
                fail_msg("result is invalid:\n%s", f->out.buf);
        }
        if (edit_verify(&f->e, &f->after.doc, &f->dl) != 0) {
                diag_print(&f->dl, stderr);
                fail_msg("result does not verify:\n%s", f->out.buf);
        }
        return f->out.buf;
}

static void fx_release(struct fixture *f)
{
        edit_release(&f->e);
        loaded_release(&f->before);
        loaded_release(&f->after);
        strbuf_release(&f->out);
        diag_list_release(&f->dl);
}

static const struct ynode *root(struct fixture *f)
{
        return f->before.doc.root;
}

static const struct service *svc(struct fixture *f, size_t i)
{
        return &f->before.m.office.services[i];
}

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

/* An empty list alone on the line below its key gives way to the items,
 * line and all; with a comment the line stays as a comment. */
static void test_append_replaces_empty_list_line(void **state)
{
        static const char *const cases[][2] = {
            {"workshops:\n  []\n", "workshops:\n"},
            {"workshops:\r\n  ~", "workshops:\r\n"},
            {"workshops:\n  []  # none\n", "workshops:\n    # none\n"},
        };
        struct strbuf in, want;
        size_t i;

        for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
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

/* ---- property test ---- */

static unsigned long long rng;

static unsigned rnd(unsigned n)
{
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        return (unsigned)((rng >> 33) % n);
}

struct exp_service {
        char id[16];
        long priority; /* -1: no plan */
        size_t nhistory;
        long days;
};

struct expect {
        struct exp_service s[64];
        size_t n;
        size_t nworkshops;
};

static const char *const names[] = {"Birth registration",
                                    "yes",
                                    "12:30",
                                    "Design lab: 2 days # not a comment",
                                    "জন্ম নিবন্ধন",
                                    "'quoted'",
                                    "- dash"};

/* A random valid office in one of many hand-kept styles. */
static void random_office(struct strbuf *sb, struct expect *x)
{
        const char *nl = rnd(4) ? "\n" : "\r\n";
        int ind = rnd(2) ? 2 : 4, sq = rnd(2) ? 0 : 2;
        size_t i, n = rnd(6);

        memset(x, 0, sizeof(*x));
        strbuf_addf(sb, "# office%sroadmap: 1%soffice:%s", nl, nl, nl);
        strbuf_addf(sb, "%*sid: t   # id%s%*sname: \"T\"%s%*sministry: lgd%s",
                    ind, "", nl, ind, "", nl, ind, "", nl);
        if (rnd(2))
                strbuf_addf(sb, "%s", nl);
        strbuf_addf(sb, "services:%s", n ? nl : " []\n");
        if (!n && strcmp(nl, "\n") != 0)
                sb->buf[sb->len - 1] = '\r', strbuf_addch(sb, '\n');
        for (i = 0; i < n; i++) {
                struct exp_service *s = &x->s[x->n++];
                snprintf(s->id, sizeof s->id, "s%zu", i);
                s->priority = -1;
                s->days = -1;
                strbuf_addf(sb, "%*s- id: %s%s%*sname: '%s'%s", sq, "", s->id,
                            nl, sq + 2, "", "Name", nl);
                if (rnd(2)) {
                        s->days = rnd(50);
                        if (rnd(2))
                                strbuf_addf(sb, "%*stcv: {days: %ld}%s", sq + 2,
                                            "", s->days, nl);
                        else
                                strbuf_addf(sb, "%*stcv:%s%*sdays: %ld%s",
                                            sq + 2, "", nl, sq + 2 + ind, "",
                                            s->days, nl);
                }
                if (rnd(2)) {
                        s->priority = 1 + rnd(5);
                        s->nhistory = 1;
                        strbuf_addf(sb,
                                    "%*splan:%s%*spriority: %ld  # p%s"
                                    "%*shistory:%s%*s- date: 2017-01-01%s"
                                    "%*sstatus: planned%s",
                                    sq + 2, "", nl, sq + 2 + ind, "",
                                    s->priority, nl, sq + 2 + ind, "", nl,
                                    sq + 2 + ind + sq, "", nl,
                                    sq + 4 + ind + sq, "", nl);
                }
                if (rnd(3) == 0)
                        strbuf_addf(sb, "%s# between items%s", nl, nl);
        }
        if (rnd(2)) {
                x->nworkshops = 1;
                strbuf_addf(sb,
                            "workshops: [{kind: design, date: "
                            "2017-02-02}]%s",
                            nl);
        }
}

/* One random edit through the engine; updates the expectation. */
static int random_edit(struct fixture *f, struct expect *x, int *line)
{
        struct edit *e = &f->e;
        unsigned what = rnd(4);
        struct yval *v;

        *line = 0;
        if (what == 0 || x->n == 0) {
                struct exp_service *s = &x->s[x->n++];
                const struct ynode *seq = f->before.m.office.services_node;
                if (seq && seq->flow) /* [] becomes a block sequence */
                        *line = seq->line;
                snprintf(s->id, sizeof s->id, "n%zu", x->n + rnd(1000) * 64);
                s->priority = -1;
                s->days = -1;
                v = yval_map(e, false);
                yval_put(v, "id", yval_str(e, s->id));
                yval_put(v, "name", yval_str(e, names[rnd(7)]));
                return edit_append(e, root(f), "services", v, office_order,
                                   &f->dl);
        }
        if (what == 1) {
                size_t i = rnd((unsigned)x->n);
                const struct service *s = svc(f, i);
                struct yval *tcv = yval_map(e, true);
                x->s[i].days = rnd(90);
                yval_put(tcv, "days", yval_int(e, x->s[i].days));
                if (s->tcv.node && s->tcv.days >= 0)
                        *line = ynode_get(s->tcv.node, "days", NULL)->line;
                return edit_set(e, s->node, "tcv", tcv, NULL, &f->dl);
        }
        if (what == 2) {
                size_t i = rnd((unsigned)x->n);
                const struct service *s = svc(f, i);
                struct yval *h = yval_map(e, false);
                yval_put(h, "date", yval_str(e, "2018-01-01"));
                yval_put(h, "status", yval_str(e, "dropped"));
                if (!s->plan.node) {
                        struct yval *p = yval_map(e, false), *hs;
                        hs = yval_seq(e, false);
                        x->s[i].priority = 1 + rnd(9);
                        x->s[i].nhistory = 1;
                        yval_put(p, "priority", yval_int(e, x->s[i].priority));
                        yval_push(hs, h);
                        yval_put(p, "history", hs);
                        return edit_set(e, s->node, "plan", p, NULL, &f->dl);
                }
                if (service_status(s) == STATUS_DROPPED) {
                        x->s[i].priority = 1 + rnd(9);
                        *line = ynode_get(s->plan.node, "priority", NULL)->line;
                        return edit_set(e, s->plan.node, "priority",
                                        yval_int(e, x->s[i].priority),
                                        plan_order, &f->dl);
                }
                x->s[i].nhistory++;
                return edit_append(e, s->plan.node, "history", h, plan_order,
                                   &f->dl);
        }
        if (f->before.m.office.workshops_node &&
            f->before.m.office.workshops_node->flow)
                *line = f->before.m.office.workshops_node->line;
        v = yval_map(e, false);
        yval_put(v, "kind", yval_str(e, "roadmap"));
        yval_put(v, "date", yval_date(e, (struct date){2019, 3, 1 + rnd(28)}));
        x->nworkshops++;
        return edit_append(e, root(f), "workshops", v, office_order, &f->dl);
}

static void check_expect(const struct office *o, const struct expect *x)
{
        size_t i;

        assert_int_equal(o->nservices, x->n);
        assert_int_equal(o->nworkshops, x->nworkshops);
        for (i = 0; i < x->n; i++) {
                const struct service *s = &o->services[i];
                assert_string_equal(s->id, x->s[i].id);
                assert_int_equal(s->tcv.days, x->s[i].days);
                if (x->s[i].priority < 0) {
                        assert_false(service_has_plan(s));
                        continue;
                }
                assert_int_equal(s->plan.priority, x->s[i].priority);
                assert_int_equal(s->plan.nhistory, x->s[i].nhistory);
        }
}

/* Every line of old but the replaced one appears in new, in order. */
static void check_untouched(const char *old, const char *new, int skip)
{
        const char *o = old, *n = new;
        int line = 1;

        while (*o) {
                const char *oe = strchr(o, '\n');
                size_t olen = oe ? (size_t)(oe - o + 1) : strlen(o);
                if (line++ != skip) {
                        for (;;) {
                                const char *ne = strchr(n, '\n');
                                size_t nlen =
                                    ne ? (size_t)(ne - n + 1) : strlen(n);
                                if (!*n)
                                        fail_msg("untouched line lost: %.*s",
                                                 (int)olen, o);
                                n += nlen;
                                if (nlen == olen && !memcmp(n - nlen, o, olen))
                                        break;
                        }
                }
                o += olen;
        }
}

static void test_random_edits(void **state)
{
        const char *env = getenv("ROADMAP_SEED");
        unsigned long long seed =
            env ? strtoull(env, NULL, 10) : (unsigned long long)time(NULL);
        int round;

        printf("# property test seed %llu (set ROADMAP_SEED to repeat)\n",
               seed);
        rng = seed;
        for (round = 0; round < 300; round++) {
                struct strbuf text;
                struct expect x;
                int step;

                strbuf_init(&text);
                random_office(&text, &x);
                for (step = 0; step < 6; step++) {
                        struct fixture f;
                        int line;
                        fx_load(&f, text.buf);
                        check_expect(&f.before.m.office, &x);
                        assert_int_equal(random_edit(&f, &x, &line), 0);
                        fx_apply(&f);
                        check_expect(&f.after.m.office, &x);
                        check_untouched(text.buf, f.out.buf, line);
                        strbuf_reset(&text);
                        strbuf_add(&text, f.out.buf, f.out.len);
                        fx_release(&f);
                }
                strbuf_release(&text);
        }
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_set_scalar_keeps_comment),
            cmocka_unit_test(test_set_same_value_keeps_bytes),
            cmocka_unit_test(test_flow_delete_trailing_and_insert),
            cmocka_unit_test(test_append_after_kept_lines),
            cmocka_unit_test(test_append_spaced_after_kept_line),
            cmocka_unit_test(test_delete_below_kept_scalar),
            cmocka_unit_test(test_replace_kept_scalar_keeps_blank_lines),
            cmocka_unit_test(test_append_after_block_at_end),
            cmocka_unit_test(test_append_replaces_empty_list_line),
            cmocka_unit_test(test_replace_block_keeps_header_comment),
            cmocka_unit_test(test_insert_into_indented_root),
            cmocka_unit_test(test_flow_insert_and_append),
            cmocka_unit_test(test_delete_and_crlf),
            cmocka_unit_test(test_verify_catches_a_wrong_result),
            cmocka_unit_test(test_random_edits),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
