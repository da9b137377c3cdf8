/* Unit tests of the schema table: its invariants, its agreement with the
 * model, and the one YAML null rule. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "roadmap/load.h"
#include "roadmap/model.h"
#include "roadmap/schema.h"
#include "roadmap/yquote.h"

/* Each mapping's key order lists each of its keys once, in table order,
 * NULL-ended; every key is found by name. */
static void test_orders(void **state)
{
        size_t m, i, j;

        for (m = 0; m < SCHEMA_MAP_COUNT; m++) {
                const struct schema_mapping *sm = schema_mapping(m);
                const char *const *order = schema_key_order(m);

                assert_non_null(sm->what);
                assert_non_null(sm->doc);
                assert_true(sm->nkeys > 0);
                for (i = 0; i < sm->nkeys; i++) {
                        assert_non_null(order[i]);
                        assert_string_equal(order[i], sm->keys[i].name);
                        assert_ptr_equal(schema_key(m, order[i]), &sm->keys[i]);
                        for (j = 0; j < i; j++)
                                assert_string_not_equal(order[i], order[j]);
                }
                assert_null(order[sm->nkeys]);
                assert_null(schema_key(m, "x-note"));
        }
}

/* Every key has what its type needs, and the mappings it leads to have a
 * name in the JSON Schemas. */
static void test_keys_are_complete(void **state)
{
        size_t m, i;

        for (m = 0; m < SCHEMA_MAP_COUNT; m++) {
                const struct schema_mapping *sm = schema_mapping(m);
                for (i = 0; i < sm->nkeys; i++) {
                        const struct schema_key *k = &sm->keys[i];
                        switch (k->type) {
                        case SCHEMA_MAPPING:
                        case SCHEMA_SEQ:
                                assert_true(k->of < SCHEMA_MAP_COUNT);
                                assert_non_null(schema_mapping(k->of)->def);
                                assert_true(k->min == 0 || k->min == 1);
                                break;
                        case SCHEMA_ENUM:
                                assert_non_null(k->names);
                                assert_true(k->first < k->count);
                                break;
                        case SCHEMA_DIGEST:
                                assert_non_null(k->pattern);
                                break;
                        case SCHEMA_BOOL:
                                break;
                        default:
                                assert_non_null(schema_valuedef_of(k));
                        }
                        if (k->type == SCHEMA_ID || k->type == SCHEMA_VERSION)
                                assert_true(k->required);
                        if (k->type != SCHEMA_MAPPING &&
                            k->type != SCHEMA_VERSION)
                                assert_non_null(k->doc);
                }
        }
}

/* The enums' names are the ones the model's parse and name functions
 * know, at the C enum's values. */
static void test_enum_names_match_model(void **state)
{
        const struct schema_key *st = schema_key(SCHEMA_HISTORY, "status");
        const struct schema_key *r = schema_key(SCHEMA_SERVICE, "recipients");
        const struct schema_key *k = schema_key(SCHEMA_WORKSHOP, "kind");
        size_t i;

        assert_int_equal(st->count, STATUS_COUNT);
        for (i = st->first; i < st->count; i++) {
                enum status v;
                assert_int_equal(status_parse(st->names[i], &v), 0);
                assert_int_equal(v, i);
                assert_string_equal(status_name(v), st->names[i]);
        }
        assert_int_equal(r->count, RECIPIENTS_COUNT);
        assert_int_equal(r->first, RECIPIENTS_CITIZEN);
        for (i = r->first; i < r->count; i++) {
                enum recipients v;
                assert_int_equal(recipients_parse(r->names[i], &v), 0);
                assert_int_equal(v, i);
        }
        assert_int_equal(k->count, WORKSHOP_COUNT);
        for (i = k->first; i < k->count; i++) {
                enum workshop_kind v;
                assert_int_equal(workshop_kind_parse(k->names[i], &v), 0);
                assert_int_equal(v, i);
        }
        /* an index among names[first..count) only */
        assert_int_equal(schema_name_index("live", st->names, 0, st->count),
                         STATUS_LIVE);
        assert_int_equal(schema_name_index("Live", st->names, 0, st->count),
                         -1);
        assert_int_equal(
            schema_name_index(r->names[0], r->names, r->first, r->count), -1);
}

/* What the files of schema/ describe: each top mapping, and the rule
 * for x- keys. */
static void test_files(void **state)
{
        assert_string_equal(schema_files[0].name, "office");
        assert_int_equal(schema_files[0].top, SCHEMA_OFFICE_FILE);
        assert_string_equal(schema_files[1].name, "roadmap");
        assert_int_equal(schema_files[1].top, SCHEMA_ROADMAP);
        assert_null(schema_files[2].name);
        assert_true(schema_is_extension("x-note", 6));
        assert_false(schema_is_extension("x", 1));
        assert_false(schema_is_extension("xnote", 5));
}

static void test_null_rule(void **state)
{
        static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
        static const char *const texts[] = {"nULL",  "none", "~~", "Nil",
                                            "null ", "nul",  "0"};
        size_t i;

        for (i = 0; i < sizeof nulls / sizeof nulls[0]; i++)
                assert_true(yquote_is_null(nulls[i], strlen(nulls[i])));
        for (i = 0; i < sizeof texts / sizeof texts[0]; i++)
                assert_false(yquote_is_null(texts[i], strlen(texts[i])));
}

/* The model reads by the table: an optional text that is null is absent,
 * a quoted null is text, a required one must not be null, and an unknown
 * key is near the table's keys. */
static void test_model_follows_table(void **state)
{
        static const char head[] = "roadmap: 1\n"
                                   "office:\n"
                                   "  id: lged\n"
                                   "  ministry: lgd\n";
        const struct {
                const char *rest;
                int rc;
                const char *first_error;
        } cases[] = {
            {"  name: L\n  head: ~\n", 0, NULL},
            {"  name: L\n  head: \"null\"\n", 0, NULL},
            {"  name: null\n", -1, "'name' must not be empty"},
            {"  name: L\n  hed: H\n", -1, "unknown key 'hed' in 'office'"},
            {"  nmae: L\n", -1, "unknown key 'nmae' in 'office'"},
        };
        size_t i;

        for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
                char text[256];
                struct loaded l;
                struct diag_list dl = DIAG_LIST_INIT;

                snprintf(text, sizeof text, "%s%s", head, cases[i].rest);
                loaded_init(&l);
                assert_int_equal(load_office_bytes(&l, "t.yaml", text,
                                                   strlen(text), "lged", &dl),
                                 cases[i].rc);
                if (cases[i].first_error)
                        assert_string_equal(dl.items[0].msg,
                                            cases[i].first_error);
                else if (strstr(cases[i].rest, "\"null\""))
                        assert_string_equal(l.m.office.head, "null");
                else
                        assert_null(l.m.office.head);
                loaded_release(&l);
                diag_list_release(&dl);
        }
}

/* An id equal to an earlier one is an error at it, naming the first's
 * line; a third names the first too. */
static void test_duplicate_ids(void **state)
{
        static const char roadmap[] = "roadmap: 1\n"
                                      "title: T\n"
                                      "ministries:\n"
                                      "  - {id: a, name: A}\n"
                                      "  - {id: b, name: B}\n"
                                      "  - {id: a, name: A2}\n"
                                      "  - {id: b, name: B2}\n"
                                      "  - {id: a, name: A3}\n";
        static const char office[] = "roadmap: 1\n"
                                     "office: {id: lged, name: L, ministry: "
                                     "lgd}\n"
                                     "services:\n"
                                     "  - {id: s, name: S}\n"
                                     "  - {id: t, name: T}\n"
                                     "  - {id: s, name: S2}\n";
        struct loaded l;
        struct diag_list dl = DIAG_LIST_INIT;

        loaded_init(&l);
        assert_int_equal(load_roadmap_bytes(&l, "roadmap.yaml", roadmap,
                                            strlen(roadmap), &dl),
                         -1);
        assert_int_equal(dl.n, 3);
        assert_string_equal(dl.items[0].msg,
                            "duplicate ministry id 'a' (first at line 4)");
        assert_int_equal(dl.items[0].line, 6);
        assert_string_equal(dl.items[1].msg,
                            "duplicate ministry id 'b' (first at line 5)");
        assert_string_equal(dl.items[2].msg,
                            "duplicate ministry id 'a' (first at line 4)");
        assert_int_equal(dl.items[2].line, 8);
        loaded_release(&l);
        diag_list_release(&dl);

        loaded_init(&l);
        assert_int_equal(load_office_bytes(&l, "t.yaml", office, strlen(office),
                                           "lged", &dl),
                         -1);
        assert_int_equal(dl.n, 1);
        assert_string_equal(dl.items[0].msg,
                            "duplicate service id 's' (first at line 4)");
        assert_int_equal(dl.items[0].line, 6);
        loaded_release(&l);
        diag_list_release(&dl);
}

/* An unknown enum name far from every name lists them all. */
static void test_enum_hint(void **state)
{
        static const char office[] = "roadmap: 1\n"
                                     "office: {id: lged, name: L, ministry: "
                                     "lgd}\n"
                                     "services:\n"
                                     "  - {id: s, name: S, recipients: "
                                     "zzzzzzzzzzzz}\n";
        struct loaded l;
        struct diag_list dl = DIAG_LIST_INIT;

        loaded_init(&l);
        assert_int_equal(load_office_bytes(&l, "t.yaml", office, strlen(office),
                                           "lged", &dl),
                         -1);
        assert_int_equal(dl.n, 1);
        assert_string_equal(dl.items[0].msg,
                            "unknown recipients 'zzzzzzzzzzzz'");
        assert_string_equal(dl.items[0].hint,
                            "one of: citizen, business, government, "
                            "institution");
        loaded_release(&l);
        diag_list_release(&dl);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_orders),
            cmocka_unit_test(test_keys_are_complete),
            cmocka_unit_test(test_enum_names_match_model),
            cmocka_unit_test(test_files),
            cmocka_unit_test(test_null_rule),
            cmocka_unit_test(test_model_follows_table),
            cmocka_unit_test(test_duplicate_ids),
            cmocka_unit_test(test_enum_hint),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
