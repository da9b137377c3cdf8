/*
 * Unit tests of the edit intents a three-way merge needs besides
 * edit_insert_item() (in test_edit.c): edit_replace_value() whatever the
 * kinds, yval_from_node() of every scalar style, and verification of
 * both.  Every case runs with LF and with CRLF line ends.
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
#include "roadmap/yquote.h"

#define HEAD "roadmap: 1\noffice:\n  id: t\n  name: T\n  ministry: lgd\n"
#define XT HEAD "services: []\nx-tags:"

/* ---- values replaced ---- */

#define XV HEAD "services: []\nx-v:"

static const char *rv_key = "x-v";
static struct yval *(*rv_make)(struct edit *e);

static void rv_act(struct fixture *f)
{
        const struct ynode *m = root(f);

        if (strcmp(rv_key, "x-v") != 0) /* a key of the mapping x-v */
                m = ynode_get(m, "x-v", NULL);
        assert_int_equal(
            edit_replace_value(&f->e, m, rv_key, rv_make(&f->e), &f->dl), 0);
}

static struct yval *map_ab(struct edit *e)
{
        struct yval *m = yval_map(e, false), *s = yval_seq(e, true);

        yval_push(s, yval_str(e, "x"));
        yval_push(s, yval_int(e, 2));
        yval_put(m, "a", yval_int(e, 1));
        yval_put(m, "b", s);
        return m;
}

static struct yval *seq_xy(struct edit *e)
{
        struct yval *s = yval_seq(e, false), *m = yval_map(e, false);

        yval_put(m, "k", yval_str(e, "0042"));
        yval_put(m, "l", yval_seq(e, false));
        yval_push(s, yval_str(e, "x"));
        yval_push(s, m);
        return s;
}

static struct yval *str_s(struct edit *e)
{
        return yval_str(e, "s");
}

static struct yval *flow_map(struct edit *e)
{
        struct yval *m = yval_map(e, true);

        yval_put(m, "k", yval_str(e, "v w"));
        return m;
}

struct replace_case {
        const char *key;
        struct yval *(*make)(struct edit *e);
        const char *in, *want;
};

static void test_replace_value(void **state)
{
        static const struct replace_case c[] = {
            {"x-v", map_ab, XV " 1  # c\nx-w: 2\n",
             XV "  # c\n  a: 1\n  b: [x, 2]\nx-w: 2\n"},
            {"x-v", str_s,
             XV "  # c\n  a: 1\n  # inner\n  b:\n  - x\n\n    # deep\n"
                "# after\nx-w: 2\n",
             XV " s  # c\n# after\nx-w: 2\n"},
            {"x-v", seq_xy, XV " {a: 1}  # c\n",
             XV "  # c\n  - x\n  - k: '0042'\n    l: []\n"},
            {"x-v", flow_map, XV "\n- a\n- b\nx-w: 2\n",
             XV " {k: v w}\nx-w: 2\n"},
            {"x-v", map_ab, XV " |  # lit\n  text\n  more\nx-w: 1\n",
             XV "  # lit\n  a: 1\n  b: [x, 2]\nx-w: 1\n"},
            {"x-v", str_s, XV " |-\n  text\nx-w: 1\n", XV " s\nx-w: 1\n"},
            {"x-v", map_ab, XV "\nx-w: 1\n",
             XV "\n  a: 1\n  b: [x, 2]\nx-w: 1\n"},
            {"x-v", map_ab, XV " 1", XV "\n  a: 1\n  b: [x, 2]\n"},
            {"b", map_ab, XV " {a: 1, b: [x]}\n",
             XV " {a: 1, b: {a: 1, b: [x, 2]}}\n"},
            {"b", str_s,
             XV "\n  a: 1  # one\n  b:  # bee\n    # about c\n    c: 2\n"
                "    d: [1]\n  # after b\nx-w: 1\n",
             XV "\n  a: 1  # one\n  b: s  # bee\n  # after b\nx-w: 1\n"},
            {"b", seq_xy, XV "\n  b:\n    c: 2\n  e: 1\n",
             XV "\n  b:\n    - x\n    - k: '0042'\n      l: []\n  e: 1\n"},
        };
        size_t i;

        for (i = 0; i < sizeof c / sizeof c[0]; i++) {
                rv_key = c[i].key;
                rv_make = c[i].make;
                fx_expect(c[i].in, c[i].want, rv_act);
        }
}

/* A value replaced, and an intent under it, are refused together. */
static void test_replace_value_refused(void **state)
{
        struct fixture f;
        const struct ynode *v;

        fx_load(&f, XV "\n  a: 1\n  b: [x]\n");
        v = ynode_get(root(&f), "x-v", NULL);
        assert_int_equal(edit_set(&f.e, v, "a", yval_int(&f.e, 2), NULL, &f.dl),
                         0);
        assert_int_equal(
            edit_replace_value(&f.e, root(&f), "x-v", str_s(&f.e), &f.dl), -1);
        assert_int_equal(edit_replace_value(&f.e, v, "b", str_s(&f.e), &f.dl),
                         0);
        assert_int_equal(edit_append(&f.e, v, "b", str_s(&f.e), NULL, &f.dl),
                         -1);
        assert_int_equal(
            edit_replace_value(&f.e, root(&f), "x-none", str_s(&f.e), &f.dl),
            -1);
        assert_string_equal(fx_apply(&f), XV "\n  a: 2\n  b: s\n");
        fx_release(&f);
}

/* ---- values copied from another document ---- */

static void test_yval_from_node(void **state)
{
        static const char src[] =
            "a: plain text\nb: 0042\nc: '0042'\nd: |\n  one\n  two\n"
            "e: a\n  b\nf:\ng: null\nh: ~\ni: 2020-01-01\nj: \"t\\tq\"\n"
            "k: ''\nl: true\nm: {x: [1, '2'], y: 3}\nn:\n  - p: |-\n"
            "      q\n  - [r]\n";
        struct yamldoc doc;
        struct fixture f;
        const struct ynode *a, *b;
        struct yval *v;
        size_t i;

        fx_load(&f, XV " 1\n");
        yamldoc_init(&doc);
        assert_int_equal(yamldoc_parse(&doc, "s.yaml", src, strlen(src), &f.dl),
                         0);
        v = yval_from_node(&f.e, doc.root);
        assert_int_equal(v->first->kind, YVAL_STR);
        assert_int_equal(v->first->next->kind, YVAL_RAW); /* 0042 */
        assert_int_equal(v->first->next->next->kind, YVAL_STR);
        yamldoc_release(&doc); /* the copy lives in the edit's arena */
        assert_int_equal(edit_replace_value(&f.e, root(&f), "x-v", v, &f.dl),
                         0);
        fx_apply(&f);
        yamldoc_init(&doc);
        assert_int_equal(yamldoc_parse(&doc, "s.yaml", src, strlen(src), &f.dl),
                         0);
        a = doc.root;
        b = ynode_get(f.after.doc.root, "x-v", NULL);
        assert_int_equal(a->n, b->n);
        for (i = 0; i < a->n; i++) {
                const struct ynode *x = a->pairs[i].value,
                                   *y = b->pairs[i].value;
                assert_true(ynode_is(b->pairs[i].key, a->pairs[i].key->value));
                assert_int_equal(x->kind, y->kind);
                assert_int_equal(x->flow, y->flow);
                if (x->kind != YNODE_SCALAR)
                        continue;
                assert_int_equal(x->len, y->len);
                assert_memory_equal(x->value, y->value, x->len);
                assert_int_equal(
                    x->style == YSTYLE_PLAIN &&
                        yquote_resolves_non_string(x->value, x->len),
                    y->style == YSTYLE_PLAIN &&
                        yquote_resolves_non_string(y->value, y->len));
        }
        yamldoc_release(&doc);
        fx_release(&f);
}

/* Verification refuses an insert in the wrong place and a replaced value
 * that is not the new one. */
static void test_verify_catches_wrong_items(void **state)
{
        static const char *const bad[] = {
            XT "\n- a\n- b\n- q\n", XT "\n- a\n- q\n- b\n- z\n",
            XT "\n- q\n- b\n", XT "\n- a\n- q\n- b\nx-v: 1\n"};
        struct fixture f;
        size_t i;

        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
                fx_load(&f, XT "\n- a\n- b\nx-v: 1\n");
                assert_int_equal(edit_insert_item(&f.e, root(&f), "x-tags", 1,
                                                  yval_str(&f.e, "q"), &f.dl),
                                 0);
                assert_int_equal(edit_replace_value(&f.e, root(&f), "x-v",
                                                    yval_seq(&f.e, true),
                                                    &f.dl),
                                 0);
                assert_string_equal(fx_apply(&f),
                                    XT "\n- a\n- q\n- b\nx-v: []\n");
                yamldoc_release(&f.after.doc);
                yamldoc_init(&f.after.doc);
                assert_int_equal(yamldoc_parse(&f.after.doc, "t.yaml", bad[i],
                                               strlen(bad[i]), &f.dl),
                                 0);
                assert_int_equal(edit_verify(&f.e, &f.after.doc, &f.dl), -1);
                fx_release(&f);
        }
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_replace_value),
            cmocka_unit_test(test_replace_value_refused),
            cmocka_unit_test(test_yval_from_node),
            cmocka_unit_test(test_verify_catches_wrong_items),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
