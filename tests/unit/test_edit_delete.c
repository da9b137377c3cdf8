/*
 * Unit tests of edit_delete() on the keys that open a block sequence item
 * ("- key: ..."): the '-' stays and the next line that stays moves up onto
 * its line; an item whose every key goes becomes "- {}".  Each golden pair
 * is checked with LF and with CRLF line ends, and re-read and verified.
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

/* The intents of act_delete: delete each of del_keys (NULL-ended) from
 * item del_item of the sequence under del_seq of the root mapping. */
static const char *del_seq;
static size_t del_item;
static const char *del_keys[4];

static void act_delete(struct fixture *f)
{
        const struct ynode *seq = ynode_get(root(f), del_seq, NULL);
        size_t i;

        assert_non_null(seq);
        for (i = 0; del_keys[i]; i++)
                assert_int_equal(edit_delete(&f->e, seq->items[del_item],
                                             del_keys[i], &f->dl),
                                 0);
}

static void expect_delete(const char *seq, size_t item, const char *a,
                          const char *b, const char *in, const char *want)
{
        del_seq = seq;
        del_item = item;
        del_keys[0] = a;
        del_keys[1] = b;
        del_keys[2] = NULL;
        fx_expect(in, want, act_delete);
}

/* The next key moves up onto the '-' line; the other lines stay, with
 * their comments. */
static void test_delete_first_key(void **state)
{
        expect_delete("services", 0, "x-owner", NULL,
                      HEAD
                      "services:\n  - x-owner: rahim\n    id: a  # the id\n"
                      "    name: A\n  - id: b\n    name: B\n",
                      HEAD "services:\n  - id: a  # the id\n    name: A\n"
                           "  - id: b\n    name: B\n");
        expect_delete("services", 1, "x-owner", NULL,
                      HEAD "services:\n- id: a\n  name: A\n"
                           "- x-owner: rahim   # who\n  id: b\n  name: B\n",
                      HEAD "services:\n- id: a\n  name: A\n"
                           "- id: b\n  name: B\n");
}

/* The first key's nested value (and the comments in it) goes with it. */
static void test_delete_first_key_nested(void **state)
{
        expect_delete("services", 0, "x-meta", NULL,
                      HEAD "services:\n  - x-meta:\n      a: 1\n"
                           "      # inside\n      b: [2, 3]\n"
                           "    id: a\n    name: A\n",
                      HEAD "services:\n  - id: a\n    name: A\n");
        expect_delete("services", 0, "x-text", NULL,
                      HEAD "services:\n  - x-text: |\n      line\n\n"
                           "      more\n    id: a\n    name: A\n",
                      HEAD "services:\n  - id: a\n    name: A\n");
}

/* A comment line between the first key and the next stays: it moves up
 * onto the '-' line; blank lines between go. */
static void test_delete_first_key_comments(void **state)
{
        expect_delete("services", 0, "x-owner", NULL,
                      HEAD "services:\n  - x-owner: rahim\n\n"
                           "    # about id\n    id: a\n    name: A\n",
                      HEAD "services:\n  - # about id\n    id: a\n"
                           "    name: A\n");
        expect_delete("services", 0, "x-owner", NULL,
                      HEAD "services:\n  # the first\n  - x-owner: rahim\n"
                           "\n    id: a\n    name: A\n",
                      HEAD "services:\n  # the first\n  - id: a\n"
                           "    name: A\n");
}

/* Keys deleted one after the other at the start of an item go as one
 * run; a later key goes with its lines. */
static void test_delete_first_keys_run(void **state)
{
        expect_delete("services", 0, "x-a", "x-b",
                      HEAD "services:\n  - x-a: 1\n    x-b: 2\n"
                           "    id: a\n    name: A\n",
                      HEAD "services:\n  - id: a\n    name: A\n");
        expect_delete("services", 0, "x-b", "x-a",
                      HEAD "services:\n  - x-a: 1\n    # about b\n"
                           "    x-b: 2\n    id: a\n    name: A\n",
                      HEAD "services:\n  - # about b\n    id: a\n"
                           "    name: A\n");
        expect_delete("services", 0, "x-a", "x-c",
                      HEAD "services:\n  - x-a: 1\n    id: a\n"
                           "    x-c: 3\n    name: A\n",
                      HEAD "services:\n  - id: a\n    name: A\n");
}

/* An item whose every key goes is an empty mapping; comment lines between
 * its keys stay. */
static void test_delete_every_key(void **state)
{
        expect_delete("x-list", 0, "x-a", NULL,
                      HEAD "x-list:\n  - x-a: 1   # one\n  - x-b: 2\n",
                      HEAD "x-list:\n  - {}\n  - x-b: 2\n");
        expect_delete("x-list", 0, "x-b", "x-a",
                      HEAD "x-list:\n  - x-a:\n      deep: 1\n"
                           "    # kept\n    x-b: 2\n",
                      HEAD "x-list:\n  - {}\n    # kept\n");
        expect_delete("x-list", 0, "x-a", NULL, HEAD "x-list:\n  - x-a: 1",
                      HEAD "x-list:\n  - {}");
}

/* In a flow item mapping a first key goes as any other. */
static void test_delete_first_key_flow(void **state)
{
        expect_delete("x-list", 0, "x-a", NULL,
                      HEAD "x-list:\n  - {x-a: 1, x-b: 2}\n",
                      HEAD "x-list:\n  - {x-b: 2}\n");
}

/* Other intents on the item's remaining keys still apply. */
static void act_delete_and_set(struct fixture *f)
{
        const struct ynode *seq = ynode_get(root(f), "services", NULL);

        assert_int_equal(edit_delete(&f->e, seq->items[0], "x-owner", &f->dl),
                         0);
        assert_int_equal(edit_set(&f->e, seq->items[0], "id",
                                  yval_str(&f->e, "a2"), NULL, &f->dl),
                         0);
}

static void test_delete_first_key_and_set(void **state)
{
        fx_expect(HEAD "services:\n  - x-owner: rahim\n    id: a\n"
                       "    name: A\n",
                  HEAD "services:\n  - id: a2\n    name: A\n",
                  act_delete_and_set);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_delete_first_key),
            cmocka_unit_test(test_delete_first_key_nested),
            cmocka_unit_test(test_delete_first_key_comments),
            cmocka_unit_test(test_delete_first_keys_run),
            cmocka_unit_test(test_delete_every_key),
            cmocka_unit_test(test_delete_first_key_flow),
            cmocka_unit_test(test_delete_first_key_and_set),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
