/* Unit tests of cmdutil: finding an office, edit transactions end to end
 * on a temporary repository, option values, the key-order tables.
 * What the functions print is captured. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/schema.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"
#include "unit_util.h"
#include "roadmap/yamldoc.h"

static const char roadmap_yaml[] = "roadmap: 1\n"
                                   "title: Test\n"
                                   "ministries:\n"
                                   "  - id: lgd\n"
                                   "    name: Local Government Division\n";

static const char office_fmt[] = "roadmap: 1\n"
                                 "office:\n"
                                 "  id: %s\n"
                                 "  name: An office  # kept\n"
                                 "  ministry: %s\n"
                                 "  head: Chief Engineer\n"
                                 "services:\n"
                                 "  - id: trade-licence\n"
                                 "    name: Trade licence\n";

static struct unit_dir dir;
static char *root; /* dir.root: the repository */

/* ---- a temporary repository ----------------------------------------- */

static void put(const char *rel, const char *text)
{
        put_file(root, rel, text);
}

static void put_office(const char *rel, const char *id, const char *ministry)
{
        char *text = xasprintf(office_fmt, id, ministry);

        put(rel, text);
        free(text);
}

static char *get(const char *rel)
{
        char *path = xasprintf("%s/%s", root, rel);
        struct strbuf sb;

        strbuf_init(&sb);
        assert_int_equal(strbuf_read_file(&sb, path, 1 << 20), 0);
        free(path);
        return strbuf_detach(&sb, NULL);
}

static int setup(void **state)
{
        unit_dir_make(&dir, "cmdutil");
        root = dir.root;
        put("roadmap.yaml", roadmap_yaml);
        put_office("offices/lgd/lged.yaml", "lged", "lgd");
        put_office("offices/lgd/dphe.yaml", "dphe", "lgd");
        put_office("offices/a/b/deep.yaml", "deep", "lgd");
        put_office("offices/xyz/orphan.yaml", "orphan", "xyz");
        put("offices/lgd/broken.yaml", "roadmap: 1\noffice: [\n");
        assert_int_equal(chdir(root), 0);
        return 0;
}

static int teardown(void **state)
{
        unit_dir_remove(&dir);
        return 0;
}

/* ---- finding an office ----------------------------------------------- */

static void test_office_find(void **state)
{
        struct cmd_office o;
        char *err, *want;
        int rc;

        /* quickly, from a subdirectory: named relative to it */
        assert_int_equal(chdir("offices/lgd"), 0);
        capture(2);
        rc = cmd_office_find("plan", "lged", &o);
        err = captured();
        assert_int_equal(rc, EXIT_OK);
        assert_string_equal(err, "");
        assert_string_equal(o.root, root);
        want = xasprintf("%s/offices/lgd/lged.yaml", root);
        assert_string_equal(o.path, want);
        free(want);
        assert_string_equal(o.display, "../../offices/lgd/lged.yaml");
        assert_string_equal(o.id, "lged");
        cmd_office_release(&o);
        assert_null(o.path);
        free(err);

        /* at depth: through the full listing */
        assert_int_equal(chdir(root), 0);
        capture(2);
        rc = cmd_office_find("plan", "deep", &o);
        err = captured();
        assert_int_equal(rc, EXIT_OK);
        assert_string_equal(err, "");
        assert_string_equal(o.display, "offices/a/b/deep.yaml");
        want = xasprintf("%s/offices/a/b/deep.yaml", root);
        assert_string_equal(o.path, want);
        free(want);
        cmd_office_release(&o);
        free(err);

        /* none: said, with the nearest id */
        capture(2);
        rc = cmd_office_find("plan", "lgde", &o);
        err = captured();
        assert_int_equal(rc, EXIT_INVALID);
        assert_string_equal(err, "roadmap: error: no office 'lgde' in the "
                                 "repository\n"
                                 "hint: did you mean 'lged'?\n");
        assert_null(o.path);
        cmd_office_release(&o);
        free(err);
        /* not an id at all: a path, here outside the repository (in its
         * parent directory, which exists wherever the test runs) */
        capture(2);
        rc = cmd_office_find("plan", "../lged", &o);
        err = captured();
        assert_int_equal(rc, EXIT_INVALID);
        assert_non_null(strstr(err, "roadmap: error: '../lged' is outside the "
                                    "repository"));
        assert_non_null(strstr(err, "hint: name the office by its id"));
        cmd_office_release(&o);
        free(err);
}

/* Find arg from the directory cwd (relative to root) as office id, with
 * display the name messages give it. */
static void found_by_path(const char *cwd, const char *arg, const char *id,
                          const char *display)
{
        struct cmd_office o;
        char *err, *where = xasprintf("%s/%s", root, cwd);
        int rc;

        assert_int_equal(chdir(where), 0);
        capture(2);
        rc = cmd_office_find("plan", arg, &o);
        err = captured();
        assert_string_equal(err, "");
        assert_int_equal(rc, EXIT_OK);
        assert_string_equal(o.id, id);
        assert_string_equal(o.display, display);
        cmd_office_release(&o);
        free(err);
        free(where);
        assert_int_equal(chdir(root), 0);
}

/* Refused from root, with want in the message. */
static void refused_path(const char *arg, const char *want)
{
        struct cmd_office o;
        char *err;
        int rc;

        capture(2);
        rc = cmd_office_find("plan", arg, &o);
        err = captured();
        assert_int_equal(rc, EXIT_INVALID);
        if (!strstr(err, want))
                fail_msg("'%s': expected '%s' in: %s", arg, want, err);
        assert_null(o.path);
        cmd_office_release(&o);
        free(err);
}

static void test_office_find_by_path(void **state)
{
        char *abs = xasprintf("%s/offices/lgd/lged.yaml", root);
        char *outside = xasprintf("%s-none/lged.yaml", root);

        /* as git prints it, from the root and from a subdirectory */
        found_by_path(".", "offices/lgd/lged.yaml", "lged",
                      "offices/lgd/lged.yaml");
        found_by_path(".", "./offices/lgd/lged.yaml", "lged",
                      "offices/lgd/lged.yaml");
        found_by_path(".", abs, "lged", "offices/lgd/lged.yaml");
        found_by_path("offices", "a/b/deep.yaml", "deep",
                      "../offices/a/b/deep.yaml");
        found_by_path("offices/lgd", "dphe.yaml", "dphe",
                      "../../offices/lgd/dphe.yaml");
        found_by_path("offices/a", "../lgd/./lged.yaml", "lged",
                      "../../offices/lgd/lged.yaml");
        /* refused: outside, not an office file, no such file */
        refused_path("/etc/passwd", "'/etc/passwd' is outside the repository");
        refused_path(outside, "its directory does not exist");
        refused_path("roadmap.yaml", "'roadmap.yaml' is not an office file\n"
                                     "hint: office files are "
                                     "offices/<ministry>/<id>.yaml");
        refused_path("offices/lgd/Bad_Name.yaml", "is not an office file");
        refused_path("offices/lgd/lgde.yaml",
                     "no office file 'offices/lgd/lgde.yaml'\n"
                     "hint: did you mean 'lged'?");
        /* the id's office is another file than the one named */
        refused_path("offices/xyz/lged.yaml",
                     "no office file 'offices/xyz/lged.yaml'\n"
                     "hint: the office of that id is 'offices/lgd/lged.yaml'");
        free(abs);
        free(outside);
}

static void test_office_find_refuses(void **state)
{
        struct cmd_office o;
        char *err, *p, *refusal;
        int rc;

        /* a link by the office's name beside the office: the listing's
         * refusal, nothing to write to */
        p = xasprintf("%s/offices/lgd/deep.yaml", root);
        assert_int_equal(symlink("lged.yaml", p), 0);
        free(p);
        capture(2);
        rc = cmd_office_find("plan", "deep", &o);
        err = captured();
        assert_int_equal(rc, EXIT_INVALID);
        assert_non_null(strstr(err, "offices/lgd/deep.yaml"));
        assert_non_null(strstr(err, "symbolic link"));
        /* the reasons first, then the refusal that follows from them */
        assert_non_null(refusal = strstr(err, "roadmap: error: refusing to "
                                              "write while the repository "
                                              "holds what roadmap cannot "
                                              "read"));
        assert_true(strstr(err, "symbolic link") < refusal);
        assert_non_null(strstr(refusal, "hint: fix the files above"));
        assert_null(o.path);
        cmd_office_release(&o);
        free(err);

        /* an id used twice: both files named (as check does), then the
         * refusal */
        p = xasprintf("%s/offices/lgd/deep.yaml", root);
        assert_int_equal(unlink(p), 0);
        free(p);
        put_office("offices/z/dphe.yaml", "dphe", "lgd");
        capture(2);
        rc = cmd_office_find("plan", "dphe", &o);
        err = captured();
        assert_int_equal(rc, EXIT_INVALID);
        assert_non_null(strstr(err, "is also used by"));
        assert_non_null(refusal = strstr(err, "roadmap: error: refusing to "
                                              "write: office id 'dphe' is "
                                              "used by more than one file"));
        assert_true(strstr(err, "is also used by") < refusal);
        assert_non_null(strstr(refusal, "hint: rename or remove all but one"));
        assert_null(o.path);
        cmd_office_release(&o);
        free(err);

        /* outside a repository */
        assert_int_equal(chdir("/"), 0);
        capture(2);
        rc = cmd_office_find("plan", "lged", &o);
        err = captured();
        assert_int_equal(rc, EXIT_INVALID);
        assert_non_null(strstr(err, "not a roadmap repository"));
        assert_null(o.root);
        cmd_office_release(&o);
        free(err);
}

/* ---- edit transactions ----------------------------------------------- */

struct head_opts {
        const char *head;
        int calls;
        int result; /* what apply returns without committing, or -1 */
};

/* Set office.head and commit. */
static int set_head(struct edit_txn *t, const void *opts)
{
        struct head_opts *h = (struct head_opts *)opts;
        struct diag_list dl = DIAG_LIST_INIT;
        const struct ynode *office;
        int rc;

        h->calls++;
        if (h->result >= 0)
                return h->result;
        office = ynode_get(t->before.doc.root, "office", NULL);
        rc = edit_set(&t->edit, office, "head", yval_str(&t->edit, h->head),
                      schema_key_order(SCHEMA_OFFICE), &dl);
        diag_list_release(&dl);
        if (rc != 0)
                return EXIT_INVALID;
        return cmd_txn_commit(t);
}

static void test_txn_end_to_end(void **state)
{
        struct edit_txn t;
        struct head_opts h = {"Additional Chief Engineer", 0, -1};
        char *path = xasprintf("%s/offices/lgd/dphe.yaml", root);
        char *before = get("offices/lgd/dphe.yaml"), *after, *want, *err;
        int rc;

        capture(2);
        rc = cmd_txn_begin(&t, EDIT_OFFICE, path, "offices/lgd/dphe.yaml",
                           "dphe");
        if (rc == EXIT_OK)
                rc = set_head(&t, &h);
        edit_txn_release(&t);
        err = captured();
        assert_string_equal(err, "");
        assert_int_equal(rc, EXIT_OK);
        after = get("offices/lgd/dphe.yaml");
        want = xasprintf(office_fmt, "dphe", "lgd");
        *strstr(want, "Chief Engineer") = '\0';
        assert_memory_equal(after, want, strlen(want));
        assert_string_equal(after + strlen(want), "Additional Chief Engineer\n"
                                                  "services:\n"
                                                  "  - id: trade-licence\n"
                                                  "    name: Trade licence\n");
        free(want);

        /* an edit that changes nothing writes nothing */
        capture(2);
        rc = cmd_txn_begin(&t, EDIT_OFFICE, path, "offices/lgd/dphe.yaml",
                           "dphe");
        if (rc == EXIT_OK)
                rc = set_head(&t, &h);
        assert_false(t.changed);
        edit_txn_release(&t);
        free(captured());
        assert_int_equal(rc, EXIT_OK);
        free(before);
        before = after;
        after = get("offices/lgd/dphe.yaml");
        assert_string_equal(after, before);
        free(after);
        free(before);
        free(path);
        free(err);
}

static void test_txn_refused(void **state)
{
        struct edit_txn t;
        char *path, *err, *before;
        int rc;

        /* an invalid file is refused at begin, with its problems */
        path = xasprintf("%s/offices/lgd/broken.yaml", root);
        capture(2);
        rc = cmd_txn_begin(&t, EDIT_OFFICE, path, "offices/lgd/broken.yaml",
                           "broken");
        edit_txn_release(&t);
        err = captured();
        assert_int_equal(rc, EXIT_INVALID);
        assert_non_null(strstr(err, "offices/lgd/broken.yaml:"));
        assert_non_null(strstr(err, "roadmap check"));
        free(err);
        free(path);

        /* another id than the file's */
        path = xasprintf("%s/offices/lgd/lged.yaml", root);
        before = get("offices/lgd/lged.yaml");
        capture(2);
        rc = cmd_txn_begin(&t, EDIT_OFFICE, path, "offices/lgd/lged.yaml",
                           "dphe");
        edit_txn_release(&t);
        err = captured();
        assert_int_equal(rc, EXIT_INVALID);
        assert_non_null(strstr(err, "offices/lgd/lged.yaml:3:7: error: "));
        free(err);
        free(path);
        err = get("offices/lgd/lged.yaml");
        assert_string_equal(err, before);
        free(err);
        free(before);

        /* a file that is not there */
        path = xasprintf("%s/offices/lgd/none.yaml", root);
        capture(2);
        rc = cmd_txn_begin(&t, EDIT_OFFICE, path, "offices/lgd/none.yaml",
                           "none");
        edit_txn_release(&t);
        err = captured();
        assert_int_equal(rc, EXIT_INVALID);
        assert_non_null(strstr(err, "offices/lgd/none.yaml"));
        free(err);
        free(path);
}

static void test_edit_office(void **state)
{
        struct head_opts h = {"Director General", 0, -1};
        char *before, *after, *err;
        int rc;

        /* the whole command: found by id, edited, written */
        assert_int_equal(chdir("offices"), 0);
        capture(2);
        rc = cmd_edit_office("edit", "deep", set_head, &h);
        err = captured();
        assert_int_equal(rc, EXIT_OK);
        assert_string_equal(err, "");
        assert_int_equal(h.calls, 1);
        after = get("offices/a/b/deep.yaml");
        assert_non_null(strstr(after, "  head: Director General\n"));
        assert_non_null(strstr(after, "  name: An office  # kept\n"));
        free(after);
        free(err);

        /* apply's own status is the command's, and nothing is written */
        h.result = EXIT_USAGE;
        before = get("offices/lgd/lged.yaml");
        capture(2);
        rc = cmd_edit_office("edit", "lged", set_head, &h);
        free(captured());
        assert_int_equal(rc, EXIT_USAGE);
        assert_int_equal(h.calls, 2);
        after = get("offices/lgd/lged.yaml");
        assert_string_equal(after, before);
        free(after);
        free(before);
        h.result = -1;

        /* an office whose ministry roadmap.yaml does not hold: refused
         * before apply */
        before = get("offices/xyz/orphan.yaml");
        capture(2);
        rc = cmd_edit_office("edit", "orphan", set_head, &h);
        err = captured();
        assert_int_equal(rc, EXIT_INVALID);
        assert_int_equal(h.calls, 2);
        assert_non_null(strstr(err, "unknown ministry 'xyz'"));
        after = get("offices/xyz/orphan.yaml");
        assert_string_equal(after, before);
        free(after);
        free(before);
        free(err);

        /* no such office, an invalid one: apply is never called */
        capture(2);
        rc = cmd_edit_office("edit", "nope", set_head, &h);
        assert_int_equal(cmd_edit_office("edit", "broken", set_head, &h),
                         EXIT_INVALID);
        free(captured());
        assert_int_equal(rc, EXIT_INVALID);
        assert_int_equal(h.calls, 2);
}

/* ---- option values --------------------------------------------------- */

static void test_check_text(void **state)
{
        static const struct {
                const char *in, *why;
        } bad[] = {
            {"", "must not be empty"},
            {"caf\xe9", "not valid UTF-8"},
            {"a\xed\xa0\x80", "not valid UTF-8"},
            {"red\x1b[31m", "holds a control character (U+001B)"},
            {"a\x7f", "holds a control character (U+007F)"},
            {"a\xc2\x85", "holds a control character (U+0085)"},
            {"two\nlines", "holds a line break"},
            {"cr\rhere", "holds a line break"},
        };
        const char *v, *orig;
        char *err, *want;
        size_t i;

        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
                int rc;

                v = bad[i].in;
                capture(2);
                rc = cmd_check_text("add-service", "--name", &v);
                err = captured();
                want = xasprintf("roadmap add-service: invalid --name: %s\n",
                                 bad[i].why);
                if (rc != -1 || strcmp(err, want) != 0)
                        fail_msg("case %zu: rc %d, '%s'", i, rc, err);
                assert_ptr_equal(v, bad[i].in);
                free(want);
                free(err);
        }
        /* good text is kept as it is, a tab too */
        orig = v = "Trade\tlicence, ট্রেড লাইসেন্স";
        assert_int_equal(cmd_check_text("x", "--name", &v), 0);
        assert_ptr_equal(v, orig);
        /* and stored in NFC */
        v = "Cafe\xcc\x81 \xe2\x84\xab";
        assert_int_equal(cmd_check_text("x", "--name", &v), 0);
        assert_string_equal(v, "Caf\xc3\xa9 \xc3\x85");
        /* Bengali nukta letters are already NFC decomposed: kept */
        orig = v = "\xe0\xa6\xaf\xe0\xa6\xbc";
        assert_int_equal(cmd_check_text("x", "--name", &v), 0);
        assert_string_equal(v, orig);
}

static void test_check_id(void **state)
{
        static const char *const good[] = {
            "lged",
            "a",
            "0",
            "9-to-5",
            "a-",
            "a--b",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}; /* 40 */
        static const char *const bad[] = {
            "",      "-a",
            "LGED",  "a_b",
            "a b",   "a.yaml",
            "../x",  "ক",
            "a\x1b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}; /* 41 */
        size_t i;
        char *err;

        for (i = 0; i < sizeof good / sizeof good[0]; i++)
                if (cmd_check_id("x", "--id", good[i]) != 0)
                        fail_msg("'%s' refused", good[i]);
        for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
                int rc;

                capture(2);
                rc = cmd_check_id("add-office", "--id", bad[i]);
                err = captured();
                if (rc != -1)
                        fail_msg("'%s' taken", bad[i]);
                assert_memory_equal(err, "roadmap add-office: invalid --id '",
                                    34);
                assert_non_null(strstr(err, "': ids are 1 to 40 of a-z, 0-9 "
                                            "and '-', starting with a letter "
                                            "or digit\n"));
                assert_null(strchr(err, '\x1b'));
                free(err);
        }
}

/* ---- key order and tcv ----------------------------------------------- */

/* The keys of a "properties" mapping in schema/NAME.schema.json, at path
 * (NULL: the top), as "a b c"; the caller frees. */
static char *schema_keys(const char *name, const char *def)
{
        char *path =
            xasprintf("%s/schema/%s.schema.json", ROADMAP_SOURCE_DIR, name);
        struct diag_list dl = DIAG_LIST_INIT;
        struct yamldoc doc;
        struct strbuf text, sb;
        const struct ynode *m;
        size_t i;

        strbuf_init(&text);
        strbuf_init(&sb);
        assert_int_equal(strbuf_read_file(&text, path, 1 << 20), 0);
        yamldoc_init(&doc);
        if (yamldoc_parse(&doc, path, text.buf, text.len, &dl) != 0) {
                diag_print(&dl, stderr);
                fail();
        }
        m = doc.root;
        if (def)
                m = ynode_get(ynode_get(m, "$defs", NULL), def, NULL);
        m = ynode_get(m, "properties", NULL);
        assert_non_null(m);
        for (i = 0; i < m->n; i++)
                strbuf_addf(&sb, "%s%s", i ? " " : "", m->pairs[i].key->value);
        yamldoc_release(&doc);
        strbuf_release(&text);
        diag_list_release(&dl);
        free(path);
        return strbuf_detach(&sb, NULL);
}

static char *joined(const char *const *keys)
{
        struct strbuf sb;
        size_t i;

        strbuf_init(&sb);
        for (i = 0; keys[i]; i++)
                strbuf_addf(&sb, "%s%s", i ? " " : "", keys[i]);
        return strbuf_detach(&sb, NULL);
}

/* Each table is the order of its mapping in the JSON schemas, which
 * follow roadmap(5). */
static void test_key_orders(void **state)
{
        const struct {
                const char *const *table;
                const char *schema, *def;
        } cases[] = {
            {schema_key_order(SCHEMA_OFFICE_FILE), "office", NULL},
            {schema_key_order(SCHEMA_OFFICE), "office", "office"},
            {schema_key_order(SCHEMA_SERVICE), "office", "service"},
            {schema_key_order(SCHEMA_PLAN), "office", "plan"},
            {schema_key_order(SCHEMA_APPROVAL), "office", "approval"},
            {schema_key_order(SCHEMA_ROADMAP), "roadmap", NULL},
        };
        size_t i;

        for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
                char *want = schema_keys(cases[i].schema, cases[i].def);
                char *got = joined(cases[i].table);

                assert_string_equal(got, want);
                free(want);
                free(got);
        }
}

static void test_tcv(void **state)
{
        static const struct {
                long days, cost, visits;
                const char *want;
        } cases[] = {
            {3, 0, 0, "tcv: {days: 3, cost: 0, visits: 0}\n"},
            {-1, 2500, -1, "tcv: {cost: 2500}\n"},
            {7, -1, 1, "tcv: {days: 7, visits: 1}\n"},
            {0, -1, -1, "tcv: {days: 0}\n"},
        };
        struct diag_list dl = DIAG_LIST_INIT;
        struct edit e;
        struct strbuf out;
        size_t i;

        edit_init(&e, NULL);
        assert_null(cmd_tcv(&e, -1, -1, -1));
        for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
                struct yval *m = yval_map(&e, false);

                strbuf_init(&out);
                yval_put(
                    m, "tcv",
                    cmd_tcv(&e, cases[i].days, cases[i].cost, cases[i].visits));
                assert_int_equal(edit_render(&e, m, &out, &dl), 0);
                assert_string_equal(out.buf, cases[i].want);
                strbuf_release(&out);
        }
        edit_release(&e);
        diag_list_release(&dl);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
        const struct CMUnitTest tests[] = {
            T(test_office_find),
            T(test_office_find_by_path),
            T(test_office_find_refuses),
            T(test_txn_end_to_end),
            T(test_txn_refused),
            T(test_edit_office),
            cmocka_unit_test(test_check_text),
            cmocka_unit_test(test_check_id),
            cmocka_unit_test(test_key_orders),
            cmocka_unit_test(test_tcv),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
