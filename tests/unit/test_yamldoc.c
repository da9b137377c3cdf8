/*
 * Unit tests of yamldoc: spans and positions, and every rule of the YAML
 * subset with its exact message and position.
 *
 * Every document a test accepts goes through check_spans(): each scalar's
 * span, cut out of the buffer, parses back to the same value and style (a
 * block scalar with the line break that ends its span; a scalar under a
 * block collection at column c as "k: <span>" at column c, which gives
 * libyaml the same indentation; a key or a scalar at the top alone).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/diag.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"
#include "roadmap/yamldoc.h"

struct parsed {
        struct yamldoc doc;
        struct diag_list dl;
        int rc;
};

static int parse_n(struct parsed *p, const char *buf, size_t len)
{
        yamldoc_init(&p->doc);
        diag_list_init(&p->dl);
        p->rc = yamldoc_parse(&p->doc, "t.yaml", buf, len, &p->dl);
        if (p->rc < 0) {
                assert_null(p->doc.root);
                assert_true(p->dl.n > 0);
        }
        return p->rc;
}

static void parsed_release(struct parsed *p)
{
        yamldoc_release(&p->doc);
        diag_list_release(&p->dl);
}

/* The i-th diagnostic as printed, without its hint. */
static void assert_diag(const struct parsed *p, size_t i, const char *want)
{
        char *got;

        assert_true(i < p->dl.n);
        got = diag_format(&p->dl.items[i]);
        assert_string_equal(got, want);
        free(got);
}

/* Parse buf, expect failure and want as the first message. */
static void expect_error_n(const char *buf, size_t len, const char *want)
{
        struct parsed p;

        assert_int_equal(parse_n(&p, buf, len), -1);
        assert_diag(&p, 0, want);
        parsed_release(&p);
}

static void expect_error(const char *buf, const char *want)
{
        expect_error_n(buf, strlen(buf), want);
}

static const struct ynode *block_parent(const struct ynode *n)
{
        const struct ynode *p = n->parent;

        while (p && p->flow)
                p = p->parent;
        return p;
}

static bool is_key(const struct ynode *n)
{
        size_t i;

        for (i = 0;
             n->parent && n->parent->kind == YNODE_MAPPING && i < n->parent->n;
             i++)
                if (n->parent->pairs[i].key == n)
                        return true;
        return false;
}

static void check_scalar_span(const struct yamldoc *doc, const struct ynode *n)
{
        const struct ynode *bp = is_key(n) ? NULL : block_parent(n), *got;
        struct strbuf text;
        struct parsed re;
        size_t end = n->end;
        int i;

        if (n->style == YSTYLE_LITERAL || n->style == YSTYLE_FOLDED) {
                if (end < doc->len && doc->buf[end] == '\r')
                        end++;
                if (end < doc->len && doc->buf[end] == '\n')
                        end++;
        }
        strbuf_init(&text);
        for (i = 1; bp && i < bp->col; i++)
                strbuf_addch(&text, ' ');
        if (bp)
                strbuf_addstr(&text, "k: ");
        strbuf_add(&text, doc->buf + n->start, end - n->start);
        assert_int_equal(parse_n(&re, text.buf, text.len), 0);
        got = re.doc.root;
        if (bp) {
                assert_int_equal(got->kind, YNODE_MAPPING);
                got = got->pairs[0].value;
        }
        if (!got) { /* an empty span is an empty document */
                assert_int_equal(n->len, 0);
        } else {
                assert_int_equal(got->kind, YNODE_SCALAR);
                assert_int_equal(got->len, n->len);
                assert_memory_equal(got->value, n->value, n->len);
                if (n->len)
                        assert_int_equal(got->style, n->style);
        }
        parsed_release(&re);
        strbuf_release(&text);
}

static void check_spans(const struct yamldoc *doc, const struct ynode *n)
{
        size_t i;

        if (!n)
                return;
        assert_true(n->start <= n->end && n->end <= doc->len);
        if (n->parent) {
                assert_int_equal(n->depth, n->parent->depth + 1);
                assert_true(n->start >= n->parent->start);
                assert_true(n->end <= n->parent->end);
        }
        if (n->kind == YNODE_SCALAR) {
                check_scalar_span(doc, n);
                return;
        }
        for (i = 0; i < n->n; i++) {
                if (n->kind == YNODE_MAPPING) {
                        assert_ptr_equal(n->pairs[i].key->parent, n);
                        assert_int_equal(n->pairs[i].key->kind, YNODE_SCALAR);
                        check_spans(doc, n->pairs[i].key);
                        check_spans(doc, n->pairs[i].value);
                } else {
                        assert_ptr_equal(n->items[i]->parent, n);
                        check_spans(doc, n->items[i]);
                }
        }
}

/* Parse buf, expect success, check every scalar span. */
static void parse_ok(struct parsed *p, const char *buf)
{
        if (parse_n(p, buf, strlen(buf)) != 0)
                fail_msg("unexpected error: %s", p->dl.items[0].msg);
        check_spans(&p->doc, p->doc.root);
}

/* The node's source text is src, at line:col. */
static void assert_node(const struct yamldoc *doc, const struct ynode *n,
                        const char *src, int line, int col)
{
        assert_non_null(n);
        assert_int_equal(n->end - n->start, strlen(src));
        assert_memory_equal(doc->buf + n->start, src, strlen(src));
        assert_int_equal(n->line, line);
        assert_int_equal(n->col, col);
}

/* ---- spans and positions ------------------------------------------------ */

static void test_block_spans(void **state)
{
        struct parsed p;
        const struct ynode *root, *svc, *tcv, *key;

        parse_ok(&p, "# head\n"
                     "name: office\n"
                     "services:\n"
                     "  - id: a\n"
                     "    tcv: {time: 3, cost: 0}\n"
                     "  - id: b  # note\n"
                     "# trailing\n");
        root = p.doc.root;
        assert_int_equal(root->kind, YNODE_MAPPING);
        assert_false(root->flow);
        assert_int_equal(root->depth, 1);
        assert_null(root->parent);
        assert_node(&p.doc, root,
                    "name: office\nservices:\n  - id: a\n    tcv: {time: 3, "
                    "cost: 0}\n  - id: b",
                    2, 1);
        assert_node(&p.doc, ynode_get(root, "name", &key), "office", 2, 7);
        assert_node(&p.doc, key, "name", 2, 1);
        svc = ynode_get(root, "services", NULL);
        assert_int_equal(svc->kind, YNODE_SEQUENCE);
        assert_int_equal(svc->n, 2);
        assert_int_equal(svc->depth, 2);
        assert_node(&p.doc, svc,
                    "- id: a\n    tcv: {time: 3, cost: 0}\n  - id: b", 4, 3);
        assert_node(&p.doc, svc->items[0], "id: a\n    tcv: {time: 3, cost: 0}",
                    4, 5);
        assert_node(&p.doc, svc->items[1], "id: b", 6, 5);
        tcv = ynode_get(svc->items[0], "tcv", NULL);
        assert_true(tcv->flow);
        assert_int_equal(tcv->depth, 4);
        assert_node(&p.doc, tcv, "{time: 3, cost: 0}", 5, 10);
        assert_node(&p.doc, ynode_get(tcv, "cost", NULL), "0", 5, 26);
        assert_int_equal(ynode_get(tcv, "cost", NULL)->depth, 5);
        parsed_release(&p);
}

static void test_flow_and_quoted_spans(void **state)
{
        struct parsed p;
        const struct ynode *root, *v;

        parse_ok(&p, "a: 'it''s'\n"
                     "b: \"x\\ny\"\n"
                     "c:\n"
                     "d: \"\"\n"
                     "e: [1, [2, {f: g}], {}]  # c\n"
                     "h: {i: [], j: k}\n"
                     "l: \"two\n"
                     "  lines\"\n"
                     "m: plain\n"
                     "  folded  \n");
        root = p.doc.root;
        v = ynode_get(root, "a", NULL);
        assert_node(&p.doc, v, "'it''s'", 1, 4);
        assert_int_equal(v->style, YSTYLE_SINGLE);
        assert_true(ynode_is(v, "it's"));
        v = ynode_get(root, "b", NULL);
        assert_node(&p.doc, v, "\"x\\ny\"", 2, 4);
        assert_int_equal(v->style, YSTYLE_DOUBLE);
        assert_true(ynode_is(v, "x\ny"));
        v = ynode_get(root, "c", NULL); /* empty: just after the ':' */
        assert_node(&p.doc, v, "", 3, 3);
        assert_int_equal(v->len, 0);
        assert_int_equal(v->style, YSTYLE_PLAIN);
        assert_node(&p.doc, ynode_get(root, "d", NULL), "\"\"", 4, 4);
        v = ynode_get(root, "e", NULL);
        assert_node(&p.doc, v, "[1, [2, {f: g}], {}]", 5, 4);
        assert_node(&p.doc, v->items[1], "[2, {f: g}]", 5, 8);
        assert_node(&p.doc, v->items[1]->items[1], "{f: g}", 5, 12);
        assert_node(&p.doc, v->items[2], "{}", 5, 21);
        assert_int_equal(v->items[2]->n, 0);
        v = ynode_get(root, "h", NULL);
        assert_node(&p.doc, v, "{i: [], j: k}", 6, 4);
        assert_node(&p.doc, ynode_get(v, "i", NULL), "[]", 6, 8);
        assert_node(&p.doc, ynode_get(root, "l", NULL), "\"two\n  lines\"", 7,
                    4);
        v = ynode_get(root, "m", NULL);
        assert_node(&p.doc, v, "plain\n  folded", 9, 4);
        assert_true(ynode_is(v, "plain folded"));
        assert_node(&p.doc, root,
                    "a: 'it''s'\nb: \"x\\ny\"\nc:\nd: \"\"\ne: [1, [2, {f: "
                    "g}], {}]  # c\nh: {i: [], j: k}\nl: \"two\n  "
                    "lines\"\nm: plain\n  folded",
                    1, 1);
        parsed_release(&p);
}

static void test_block_scalar_spans(void **state)
{
        struct parsed p;
        const struct ynode *root, *v;

        parse_ok(&p, "lit: |\n"
                     "  one\n"
                     "  two\n"
                     "\n"
                     "keep: |+\n"
                     "  k\n"
                     "\n"
                     "strip: >-\n"
                     "  folded\n"
                     "  text\n"
                     "note: |  # header comment\n"
                     "  body\n"
                     "  \n"
                     "empty: |\n"
                     "nested:\n"
                     "  - |2\n"
                     "      two extra\n"
                     "    x\n"
                     "  - >\n"
                     "    more\n"
                     "      indented   \n"
                     "# comment\n"
                     "last: |\n"
                     "  eof");
        root = p.doc.root;
        v = ynode_get(root, "lit", NULL);
        assert_node(&p.doc, v, "|\n  one\n  two", 1, 6);
        assert_int_equal(v->style, YSTYLE_LITERAL);
        assert_true(ynode_is(v, "one\ntwo\n"));
        v = ynode_get(root, "keep", NULL);
        assert_node(&p.doc, v, "|+\n  k\n\n", 5, 7); /* every kept break */
        assert_true(ynode_is(v, "k\n\n"));
        v = ynode_get(root, "strip", NULL);
        assert_node(&p.doc, v, ">-\n  folded\n  text", 8, 8);
        assert_int_equal(v->style, YSTYLE_FOLDED);
        assert_true(ynode_is(v, "folded text"));
        v = ynode_get(root, "note", NULL);
        assert_node(&p.doc, v, "|  # header comment\n  body", 11, 7);
        assert_true(ynode_is(v, "body\n"));
        v = ynode_get(root, "empty", NULL);
        assert_node(&p.doc, v, "|", 14, 8);
        assert_true(ynode_is(v, ""));
        v = ynode_get(root, "nested", NULL);
        assert_node(&p.doc, v->items[0], "|2\n      two extra\n    x", 16, 5);
        assert_true(ynode_is(v->items[0], "  two extra\nx\n"));
        assert_node(&p.doc, v->items[1], ">\n    more\n      indented   ", 19,
                    5);
        assert_true(ynode_is(v->items[1], "more\n  indented   \n"));
        /* the sequence and the root end with their last child */
        assert_int_equal(v->end, v->items[1]->end);
        v = ynode_get(root, "last", NULL);
        assert_node(&p.doc, v, "|\n  eof", 23, 7);
        assert_true(ynode_is(v, "eof"));
        assert_int_equal(root->end, p.doc.len);
        parsed_release(&p);

        /* a line of spaces deeper than the indentation is content */
        parse_ok(&p, "ws: |\n  body\n   \n  \nnext: 1\n");
        v = ynode_get(p.doc.root, "ws", NULL);
        assert_node(&p.doc, v, "|\n  body\n   ", 1, 5);
        assert_true(ynode_is(v, "body\n \n"));
        parsed_release(&p);
        parse_ok(&p, "- |-\n   a\n  \n-  >+\n\n   b\n\n\n- x\n");
        assert_node(&p.doc, p.doc.root->items[0], "|-\n   a", 1, 3);
        assert_node(&p.doc, p.doc.root->items[1], ">+\n\n   b\n\n\n", 4, 4);
        assert_true(ynode_is(p.doc.root->items[1], "\nb\n\n\n"));
        parsed_release(&p);
}

static void test_bengali_offsets(void **state)
{
        static const char in[] = "নাম: ঢাকা বিভাগ\n"
                                 "id: dhaka\n"
                                 "list: [\"ক\", খ]\n"
                                 "বর্ণনা: |\n"
                                 "  সেবা\n";
        struct parsed p;
        const struct ynode *root, *v, *k;

        parse_ok(&p, in);
        root = p.doc.root;
        v = ynode_get(root, "নাম", &k);
        assert_node(&p.doc, k, "নাম", 1, 1);
        assert_node(&p.doc, v, "ঢাকা বিভাগ", 1, 6);
        v = ynode_get(root, "id", NULL);
        assert_int_equal(v->start, (size_t)(strstr(in, "dhaka") - in));
        assert_node(&p.doc, v, "dhaka", 2, 5);
        v = ynode_get(root, "list", NULL);
        assert_node(&p.doc, v, "[\"ক\", খ]", 3, 7);
        assert_node(&p.doc, v->items[0], "\"ক\"", 3, 8);
        assert_node(&p.doc, v->items[1], "খ", 3, 13);
        v = ynode_get(root, "বর্ণনা", &k);
        assert_node(&p.doc, k, "বর্ণনা", 4, 1);
        assert_node(&p.doc, v, "|\n  সেবা", 4, 9);
        assert_true(ynode_is(v, "সেবা\n"));
        parsed_release(&p);
}

static void test_crlf_and_bom(void **state)
{
        struct parsed p;
        const struct ynode *root, *v;

        parse_ok(&p, "a: 1\r\nb: |\r\n  x\r\n  y\r\n\r\nc: [1,\r\n 2]\r\n");
        assert_true(p.doc.crlf);
        assert_int_equal(p.doc.bom, 0);
        root = p.doc.root;
        assert_node(&p.doc, ynode_get(root, "a", NULL), "1", 1, 4);
        v = ynode_get(root, "b", NULL);
        assert_node(&p.doc, v, "|\r\n  x\r\n  y", 2, 4);
        assert_true(ynode_is(v, "x\ny\n"));
        assert_node(&p.doc, ynode_get(root, "c", NULL), "[1,\r\n 2]", 6, 4);
        parsed_release(&p);

        parse_ok(&p, "\xef\xbb\xbf"
                     "a: 1\nb: 2\r\n");
        assert_false(p.doc.crlf); /* the first line end decides */
        assert_int_equal(p.doc.bom, 3);
        assert_node(&p.doc, p.doc.root, "a: 1\nb: 2", 1, 1);
        assert_int_equal(p.doc.root->start, 3);
        assert_node(&p.doc, ynode_get(p.doc.root, "a", NULL), "1", 1, 4);
        parsed_release(&p);
}

static void test_zero_indented_and_comments(void **state)
{
        struct parsed p;
        const struct ynode *root, *v;

        parse_ok(&p, "a:\n"
                     "- x\n"
                     "- y   # c\n"
                     "b:\n"
                     "  c: 1\n"
                     "  # inside\n"
                     "\n"
                     "# after\n");
        root = p.doc.root;
        v = ynode_get(root, "a", NULL);
        assert_int_equal(v->kind, YNODE_SEQUENCE);
        assert_node(&p.doc, v, "- x\n- y", 2, 1);
        assert_node(&p.doc, v->items[1], "y", 3, 3);
        v = ynode_get(root, "b", NULL);
        assert_node(&p.doc, v, "c: 1", 5, 3);
        assert_node(&p.doc, root, "a:\n- x\n- y   # c\nb:\n  c: 1", 1, 1);
        parsed_release(&p);
}

static void test_position(void **state)
{
        static const char in[] = "\xef\xbb\xbf"
                                 "ক: খ\n"
                                 "\n"
                                 "x: y";
        struct parsed p;
        int line, col;

        parse_ok(&p, in);
        yamldoc_position(&p.doc, 0, &line, &col);
        assert_int_equal(line, 1);
        assert_int_equal(col, 1);
        yamldoc_position(&p.doc, 3, &line, &col);
        assert_int_equal(line, 1);
        assert_int_equal(col, 1);
        yamldoc_position(&p.doc, (size_t)(strstr(in, "খ") - in), &line, &col);
        assert_int_equal(line, 1);
        assert_int_equal(col, 4);
        yamldoc_position(&p.doc, (size_t)(strstr(in, "\n\n") - in) + 1, &line,
                         &col);
        assert_int_equal(line, 2);
        assert_int_equal(col, 1);
        yamldoc_position(&p.doc, sizeof(in) - 2, &line, &col);
        assert_int_equal(line, 3);
        assert_int_equal(col, 4);
        yamldoc_position(&p.doc, 1000, &line, &col); /* clamped to the end */
        assert_int_equal(line, 3);
        assert_int_equal(col, 5);
        parsed_release(&p);
}

/* libyaml closes a last line without a break with a break of its own; a
 * node that starts there is still placed on the file's last line. */
static void test_node_at_end_without_break(void **state)
{
        struct parsed p;

        parse_ok(&p, "---");
        assert_int_equal(p.doc.root->kind, YNODE_SCALAR);
        assert_int_equal(p.doc.root->start, 3);
        assert_int_equal(p.doc.root->line, 1);
        assert_int_equal(p.doc.root->col, 4);
        parsed_release(&p);
        parse_ok(&p, "a: 1\nb:");
        assert_int_equal(ynode_get(p.doc.root, "b", NULL)->line, 2);
        assert_int_equal(ynode_get(p.doc.root, "b", NULL)->col, 3);
        parsed_release(&p);
        parse_ok(&p, "---\n");
        assert_int_equal(p.doc.root->line, 2);
        assert_int_equal(p.doc.root->col, 1);
        parsed_release(&p);
}

static void test_lookup(void **state)
{
        struct parsed p;
        const struct ynode *root, *key = NULL;

        parse_ok(&p, "a: 1\nb: [x]\n");
        root = p.doc.root;
        assert_null(ynode_get(root, "c", &key));
        assert_null(key);
        assert_non_null(ynode_get(root, "b", &key));
        assert_true(ynode_is(key, "b"));
        assert_false(ynode_is(key, "bb"));
        assert_false(ynode_is(ynode_get(root, "b", NULL), "x"));
        assert_false(ynode_is(NULL, "x"));
        assert_null(ynode_get(NULL, "a", NULL));
        assert_null(ynode_get(ynode_get(root, "a", NULL), "a", NULL));
        assert_string_equal(ynode_kind_name(YNODE_SCALAR), "scalar");
        assert_string_equal(ynode_kind_name(YNODE_MAPPING), "mapping");
        assert_string_equal(ynode_kind_name(YNODE_SEQUENCE), "sequence");
        /* a cleared document parses again */
        yamldoc_clear(&p.doc);
        assert_null(p.doc.root);
        assert_int_equal(yamldoc_parse(&p.doc, "t.yaml", "[z]", 3, &p.dl), 0);
        assert_true(ynode_is(p.doc.root->items[0], "z"));
        parsed_release(&p);
}

static void test_empty_documents(void **state)
{
        struct parsed p;

        parse_ok(&p, "");
        assert_null(p.doc.root);
        parsed_release(&p);
        parse_ok(&p, "# only a comment\n\n");
        assert_null(p.doc.root);
        parsed_release(&p);
        parse_ok(&p, "%YAML 1.2\n---\na: 1\n...\n");
        assert_true(ynode_is(ynode_get(p.doc.root, "a", NULL), "1"));
        parsed_release(&p);
}

/* ---- the subset --------------------------------------------------------- */

static void test_anchors_aliases_tags(void **state)
{
        struct parsed p;

        expect_error("a: &x 1\n",
                     "t.yaml:1:4: error: anchors are not allowed ('&x')");
        expect_error("a: 1\nb: *x\n",
                     "t.yaml:2:4: error: aliases are not allowed ('*x')");
        expect_error("a: !!python/object x\n",
                     "t.yaml:1:4: error: tags are not allowed "
                     "('!!python/object')");
        expect_error("- !!python/object:os.system [ls]\n",
                     "t.yaml:1:3: error: tags are not allowed "
                     "('!!python/object:os.system')");
        expect_error("[!x a, b]\n",
                     "t.yaml:1:2: error: tags are not allowed ('!x')");
        expect_error("%TAG !e! tag:example.com,2000:\n---\na: 1\n",
                     "t.yaml:1:1: error: tags are not allowed ('%TAG !e! "
                     "tag:example.com,2000:')");
        /* both properties, each where it is */
        assert_int_equal(parse_n(&p, "k:\n  - &a !t {x: 1}\n", 20), -1);
        assert_int_equal(p.dl.n, 2);
        assert_diag(&p, 0, "t.yaml:2:5: error: anchors are not allowed ('&a')");
        assert_diag(&p, 1, "t.yaml:2:8: error: tags are not allowed ('!t')");
        parsed_release(&p);
}

static void test_billion_laughs(void **state)
{
        static const char in[] =
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
            "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
            "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
            "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
            "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
            "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
            "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
            "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
            "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";
        struct parsed p;
        struct strbuf many;
        int i;

        assert_int_equal(parse_n(&p, in, strlen(in)), -1);
        assert_int_equal(p.dl.n, 9 + 8 * 9);
        assert_diag(&p, 0, "t.yaml:1:4: error: anchors are not allowed ('&a')");
        assert_diag(&p, 1, "t.yaml:2:4: error: anchors are not allowed ('&b')");
        assert_diag(&p, 2, "t.yaml:2:8: error: aliases are not allowed ('*a')");
        parsed_release(&p);

        /* a flood of problems stops at a bound */
        strbuf_init(&many);
        strbuf_addstr(&many, "[");
        for (i = 0; i < 5000; i++)
                strbuf_addstr(&many, "*a, ");
        strbuf_addstr(&many, "]");
        assert_int_equal(parse_n(&p, many.buf, many.len), -1);
        assert_int_equal(p.dl.n, 101);
        assert_diag(&p, 100,
                    "t.yaml: error: too many errors, stopping after "
                    "100");
        parsed_release(&p);
        strbuf_release(&many);
}

static void test_keys(void **state)
{
        expect_error("? [a]\n: b\n", "t.yaml:1:3: error: mapping keys must "
                                     "be scalars (found a sequence)");
        expect_error("{{a: 1}: b}\n", "t.yaml:1:2: error: mapping keys must "
                                      "be scalars (found a mapping)");
        expect_error("a: 1\nb: 2\na: 3\n",
                     "t.yaml:3:1: error: duplicate key 'a' (first at line 1)");
        expect_error("x:\n  'a': 1\n  \"a\": 2\n",
                     "t.yaml:3:3: error: duplicate key 'a' (first at line 2)");
        expect_error("{a: 1, b: 2, a: 3}",
                     "t.yaml:1:14: error: duplicate key 'a' (first at line "
                     "1)");
        expect_error("a:\nb:\na:\n",
                     "t.yaml:3:1: error: duplicate key 'a' (first at line 1)");
}

static void test_many_keys(void **state)
{
        struct strbuf sb;
        struct parsed p;
        int i;

        strbuf_init(&sb);
        for (i = 0; i < 10000; i++)
                strbuf_addf(&sb, "k%d: %d\n", i, i);
        assert_int_equal(parse_n(&p, sb.buf, sb.len), 0);
        assert_int_equal(p.doc.root->n, 10000);
        assert_true(ynode_is(ynode_get(p.doc.root, "k9999", NULL), "9999"));
        parsed_release(&p);
        strbuf_addstr(&sb, "k5000: again\nk7: again\n");
        assert_int_equal(parse_n(&p, sb.buf, sb.len), -1);
        assert_int_equal(p.dl.n, 2);
        assert_diag(&p, 0,
                    "t.yaml:10001:1: error: duplicate key 'k5000' (first at "
                    "line 5001)");
        assert_diag(&p, 1,
                    "t.yaml:10002:1: error: duplicate key 'k7' (first at line "
                    "8)");
        parsed_release(&p);
        strbuf_release(&sb);
}

static void test_documents(void **state)
{
        expect_error("a: 1\n---\nb: 2\n",
                     "t.yaml:2:1: error: a second document is not allowed");
        expect_error("--- a\n--- b\n",
                     "t.yaml:2:1: error: a second document is not allowed");
        expect_error("a: 1\n---\n",
                     "t.yaml:2:1: error: a second document is not allowed");
}

static char *nested(int levels, bool block)
{
        struct strbuf sb;
        int i, k;

        strbuf_init(&sb);
        for (i = 0; i < levels; i++) {
                if (block) {
                        for (k = 0; k < i; k++)
                                strbuf_addch(&sb, ' ');
                        strbuf_addstr(&sb, "k:\n");
                } else {
                        strbuf_addch(&sb, '[');
                }
        }
        if (block) {
                for (k = 0; k < levels; k++)
                        strbuf_addch(&sb, ' ');
                strbuf_addstr(&sb, "leaf\n");
        } else {
                for (i = 0; i < levels; i++)
                        strbuf_addch(&sb, ']');
        }
        return strbuf_detach(&sb, NULL);
}

static void test_depth(void **state)
{
        struct parsed p;
        const struct ynode *n;
        char *s;
        int d;

        s = nested(32, false); /* 32 sequences: the innermost at depth 32 */
        parse_ok(&p, s);
        for (n = p.doc.root, d = 1; n->n; n = n->items[0], d++)
                assert_int_equal(n->depth, d);
        assert_int_equal(n->depth, 32);
        parsed_release(&p);
        free(s);
        s = nested(33, false);
        expect_error(s, "t.yaml:1:33: error: nesting is deeper than 32 levels");
        free(s);
        s = nested(31, true); /* 31 mappings and the leaf scalar */
        parse_ok(&p, s);
        parsed_release(&p);
        free(s);
        s = nested(32, true);
        /* the keys of the 32nd mapping are at depth 33 */
        expect_error(s, "t.yaml:32:32: error: nesting is deeper than 32 "
                        "levels");
        free(s);
        /* 100,000 brackets stop at the limit (libyaml alone takes ~35 s) */
        s = xmalloc(100001);
        memset(s, '[', 100000);
        s[100000] = '\0';
        assert_int_equal(parse_n(&p, s, 100000), -1);
        assert_int_equal(p.dl.n, 1);
        assert_diag(&p, 0,
                    "t.yaml:1:33: error: nesting is deeper than 32 levels");
        parsed_release(&p);
        free(s);
}

static void test_size_limit(void **state)
{
        size_t big = 20u << 20;
        char *s = xmalloc(big);
        struct parsed p;

        memset(s, 0xff, big); /* not even looked at */
        assert_int_equal(parse_n(&p, s, big), -1);
        assert_int_equal(p.dl.n, 1);
        assert_diag(&p, 0, "t.yaml:1:1: error: file is larger than 8 MiB");
        parsed_release(&p);
        /* exactly the limit is fine */
        memset(s, '#', YAMLDOC_MAX_SIZE);
        s[YAMLDOC_MAX_SIZE - 1] = '\n';
        assert_int_equal(parse_n(&p, s, YAMLDOC_MAX_SIZE), 0);
        assert_null(p.doc.root);
        parsed_release(&p);
        free(s);
}

static void test_invalid_utf8(void **state)
{
        struct parsed p;

        expect_error("a: \xc0\xaf\n",
                     "t.yaml:1:4: error: invalid UTF-8 byte 0xc0");
        expect_error("নাম: x\nb: ক\xed\xa0\x80\n",
                     "t.yaml:2:5: error: invalid UTF-8 sequence starting "
                     "with byte 0xed");
        expect_error("a: \xe0\xa6",
                     "t.yaml:1:4: error: invalid UTF-8 sequence starting "
                     "with byte 0xe0");
        expect_error("a: ক\xe0\xa6x\n",
                     "t.yaml:1:5: error: invalid UTF-8 sequence starting "
                     "with byte 0xe0");
        expect_error("a: b\nc: \xff\n",
                     "t.yaml:2:4: error: invalid UTF-8 byte 0xff");
        expect_error("\xef\xbb\xbf"
                     "a: \x80\n",
                     "t.yaml:1:4: error: invalid UTF-8 byte 0x80");
        expect_error("a: \xf4\x90\x80\x80\n", /* beyond U+10FFFF */
                     "t.yaml:1:4: error: invalid UTF-8 sequence starting "
                     "with byte 0xf4");
        assert_int_equal(parse_n(&p, "a: \xff\n", 6), -1);
        assert_string_equal(p.dl.items[0].hint, "save the file as UTF-8");
        parsed_release(&p);
}

static void test_bytes_and_line_ends(void **state)
{
        expect_error_n("a: b\0c\n", 7,
                       "t.yaml:1:5: error: unexpected NUL byte");
        expect_error("a: 1\rb: 2\n", "t.yaml:1:5: error: carriage return "
                                     "without line feed is not allowed");
        expect_error("a: x\xc2\x85y\n", "t.yaml:1:5: error: line break "
                                        "character U+0085 is not allowed");
        expect_error("a: \"\xe2\x80\xa8\"\n",
                     "t.yaml:1:5: error: line break character U+2028 is not "
                     "allowed");
        expect_error("a: ক\xe2\x80\xa9\n", "t.yaml:1:5: error: line break "
                                           "character U+2029 is not allowed");
        expect_error("a: \x07\n",
                     "t.yaml:1:4: error: control character U+0007 is not "
                     "allowed");
        /* libyaml's own reader errors come at a byte offset */
        expect_error("ক: খগ\nঘ: \x07\n", "t.yaml:2:4: error: control "
                                         "character U+0007 is not allowed");
        expect_error("a: \"\xc2\x9f\"\n", "t.yaml:1:5: error: control "
                                          "character U+009F is not allowed");
        /* UTF-16, with and without a byte order mark */
        expect_error_n("\xff\xfe"
                       "a\0:\0 \0"
                       "1\0",
                       10,
                       "t.yaml:1:1: error: file is not UTF-8 (it starts with "
                       "a UTF-16 byte order mark)");
        expect_error_n("\xfe\xff\0a", 4,
                       "t.yaml:1:1: error: file is not UTF-8 (it starts with "
                       "a UTF-16 byte order mark)");
        expect_error_n("a\0:\0", 4, "t.yaml:1:2: error: unexpected NUL byte");
}

static void test_conflict_markers(void **state)
{
        struct parsed p;
        static const char in[] = "a: \"x\n"
                                 "<<<<<<< HEAD\n"
                                 "=======\n"
                                 ">>>>>>> topic\n"
                                 "\"\n";

        /* inside a quoted scalar, where YAML itself would not notice */
        assert_int_equal(parse_n(&p, in, strlen(in)), -1);
        assert_int_equal(p.dl.n, 1); /* the first marker only */
        assert_diag(&p, 0,
                    "t.yaml:2:1: error: unresolved merge conflict (git "
                    "conflict marker '<<<<<<<')");
        parsed_release(&p);
        expect_error("a: 1\r\n<<<<<<<\r\nb: 2\n",
                     "t.yaml:2:1: error: unresolved merge conflict (git "
                     "conflict marker '<<<<<<<')");
        expect_error("a: [1,\n>>>>>>>",
                     "t.yaml:2:1: error: unresolved merge conflict (git "
                     "conflict marker '>>>>>>>')");
        expect_error("\xef\xbb\xbf=======\n",
                     "t.yaml:1:1: error: unresolved merge conflict (git "
                     "conflict marker '=======')");
        /* longer markers (conflict-marker-size, a virtual ancestor's), and
         * the diff3 base marker */
        expect_error("a: 1\n<<<<<<<<< HEAD\n",
                     "t.yaml:2:1: error: unresolved merge conflict (git "
                     "conflict marker '<<<<<<<')");
        expect_error("a: 1\n||||||| base\n",
                     "t.yaml:2:1: error: unresolved merge conflict (git "
                     "conflict marker '|||||||')");
        /* not markers: shorter runs, a run followed by other text, or not
         * at the start of a line */
        parse_ok(&p, "a: |\n  <<<<<<< x\nb: \"\n======\n=======x\"\n");
        parsed_release(&p);
}

/* yamldoc_conflict_marker: the run's length at a line's start, or 0. */
static void test_conflict_marker_length(void **state)
{
        static const char b[] = "x\n<<<<<<< HEAD\n|||||||||\r\n=======\n"
                                "======\n>>>>>>>x\n<<<<<<<";
        const size_t len = strlen(b);

        (void)state;
        assert_int_equal(yamldoc_conflict_marker(b, 0, len), 0);
        assert_int_equal(yamldoc_conflict_marker(b, 2, len), 7);  /* " HEAD" */
        assert_int_equal(yamldoc_conflict_marker(b, 15, len), 9); /* CRLF */
        assert_int_equal(yamldoc_conflict_marker(b, 26, len), 7); /* LF */
        assert_int_equal(yamldoc_conflict_marker(b, 34, len), 0); /* 6 */
        assert_int_equal(yamldoc_conflict_marker(b, 41, len), 0); /* 'x' */
        assert_int_equal(yamldoc_conflict_marker(b, 50, len), 7); /* end */
        assert_int_equal(yamldoc_conflict_marker(b, 50, len - 1), 0);
        assert_int_equal(yamldoc_conflict_marker(b, len, len), 0);
}

static void test_syntax_errors(void **state)
{
        struct parsed p;

        expect_error("a: b: c\n", "t.yaml:1:5: error: mapping values are not "
                                  "allowed in this context");
        expect_error("a:\n\tb: 1\n",
                     "t.yaml:2:1: error: found character that cannot start "
                     "any token (while scanning for the next token at line "
                     "2, column 1)");
        assert_int_equal(parse_n(&p, "a:\n\tb: 1\n", 9), -1);
        assert_int_equal(p.dl.n, 1);
        assert_string_equal(p.dl.items[0].hint, "indent with spaces, not tabs");
        parsed_release(&p);
        assert_int_equal(parse_n(&p, "a: [1, 2\n", 9), -1);
        assert_int_equal(p.dl.n, 1);
        assert_null(p.dl.items[0].hint);
        parsed_release(&p);
        /* a subset error before the syntax error is kept */
        assert_int_equal(parse_n(&p, "a: &x 1\nb: c: d\n", 16), -1);
        assert_int_equal(p.dl.n, 2);
        assert_diag(&p, 0, "t.yaml:1:4: error: anchors are not allowed ('&x')");
        assert_diag(&p, 1,
                    "t.yaml:2:5: error: mapping values are not allowed "
                    "in this context");
        parsed_release(&p);
        /* positions after Bengali text count characters */
        expect_error("ক: খ: গ\n", "t.yaml:1:5: error: mapping values are not "
                                  "allowed in this context");
}

/* yamldoc.h: a cleared document keeps its arena's block for the next
 * parse, and forgets the tree and what it knew of the last buffer. */
static void test_clear_and_reuse(void **state)
{
        static const char crlf[] = "\xef\xbb\xbf%YAML 1.2\r\n---\r\na: 1\r\n";
        struct diag_list dl = DIAG_LIST_INIT;
        struct yamldoc doc;
        struct arena_block *block;

        yamldoc_init(&doc);
        assert_int_equal(yamldoc_parse(&doc, "a.yaml", crlf, strlen(crlf), &dl),
                         0);
        assert_true(doc.crlf);
        assert_int_equal(doc.bom, 3);
        assert_int_equal(doc.yaml_minor, 2);
        block = doc.arena.head;
        assert_non_null(block);
        yamldoc_clear(&doc);
        assert_null(doc.root);
        assert_false(doc.crlf);
        assert_int_equal(doc.bom, 0);
        assert_int_equal(doc.yaml_minor, 0);
        assert_ptr_equal(doc.arena.head, block);
        assert_int_equal(yamldoc_parse(&doc, "b.yaml", "b: [x]\n", 7, &dl), 0);
        assert_ptr_equal(doc.arena.head, block);
        assert_true(ynode_is(ynode_get(doc.root, "b", NULL)->items[0], "x"));
        yamldoc_release(&doc);
        assert_null(doc.arena.head);
        assert_int_equal(dl.n, 0);
        diag_list_release(&dl);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_block_spans),
            cmocka_unit_test(test_flow_and_quoted_spans),
            cmocka_unit_test(test_block_scalar_spans),
            cmocka_unit_test(test_bengali_offsets),
            cmocka_unit_test(test_crlf_and_bom),
            cmocka_unit_test(test_zero_indented_and_comments),
            cmocka_unit_test(test_position),
            cmocka_unit_test(test_node_at_end_without_break),
            cmocka_unit_test(test_lookup),
            cmocka_unit_test(test_empty_documents),
            cmocka_unit_test(test_anchors_aliases_tags),
            cmocka_unit_test(test_billion_laughs),
            cmocka_unit_test(test_keys),
            cmocka_unit_test(test_many_keys),
            cmocka_unit_test(test_documents),
            cmocka_unit_test(test_depth),
            cmocka_unit_test(test_size_limit),
            cmocka_unit_test(test_invalid_utf8),
            cmocka_unit_test(test_bytes_and_line_ends),
            cmocka_unit_test(test_conflict_markers),
            cmocka_unit_test(test_conflict_marker_length),
            cmocka_unit_test(test_syntax_errors),
            cmocka_unit_test(test_clear_and_reuse),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
