/* Unit tests of the model: reading, queries, the approval digest. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/digest.h"
#include "roadmap/load.h"
#include "roadmap/model.h"
#include "roadmap/strbuf.h"

static const char office_yaml[] =
    "roadmap: 1\n"
    "office:\n"
    "  id: lged\n"
    "  name: Local Government Engineering Department\n"
    "  name_bn: স্থানীয় সরকার প্রকৌশল অধিদপ্তর\n"
    "  ministry: lgd\n"
    "  head: Chief Engineer\n"
    "services:\n"
    "  - id: contractor-enlistment\n"
    "    name: Contractor enlistment\n"
    "    recipients: business\n"
    "    tcv: {days: 30, cost: 2500, visits: 4}\n"
    "    plan:\n"
    "      priority: 1\n"
    "      due: 2018-06-30\n"
    "      tcv: {days: 3, cost: 0, visits: 0}\n"
    "      history:\n"
    "        - date: 2017-10-31\n"
    "          status: planned\n"
    "        - date: 2017-12-10\n"
    "          status: designing\n"
    "          note: Design workshop done\n"
    "  - id: a-road-permit\n"
    "    name: Road cutting permit\n"
    "approval:\n"
    "  by: Chief Engineer\n"
    "  date: 2017-10-31\n"
    "  submitted: 2017-11-01\n"
    "workshops:\n"
    "  - kind: roadmap\n"
    "    date: 2017-08-20\n"
    "    batch: 3\n"
    "    participants: 3\n"
    "    head_present: true\n"
    "x-note: kept and ignored\n";

struct fixture {
        struct loaded l;
        struct diag_list dl;
};

static int setup(void **state)
{
        struct fixture *f = calloc(1, sizeof(*f));

        loaded_init(&f->l);
        diag_list_init(&f->dl);
        *state = f;
        return 0;
}

static int teardown(void **state)
{
        struct fixture *f = *state;

        loaded_release(&f->l);
        diag_list_release(&f->dl);
        free(f);
        return 0;
}

static int load(struct fixture *f, const char *text, const char *id)
{
        loaded_reset(&f->l);
        diag_list_release(&f->dl);
        return load_office_bytes(&f->l, "t.yaml", text, strlen(text), id,
                                 &f->dl);
}

static void test_reads_every_field(void **state)
{
        struct fixture *f = *state;
        const struct office *o = &f->l.m.office;
        const struct service *s;

        assert_int_equal(load(f, office_yaml, "lged"), 0);
        assert_int_equal(diag_count(&f->dl, DIAG_ERROR), 0);
        assert_string_equal(o->id, "lged");
        assert_string_equal(o->name_bn, "স্থানীয় সরকার প্রকৌশল অধিদপ্তর");
        assert_string_equal(o->ministry, "lgd");
        assert_int_equal(o->nservices, 2);
        s = &o->services[0];
        assert_int_equal(s->recipients, RECIPIENTS_BUSINESS);
        assert_int_equal(s->tcv.days, 30);
        assert_int_equal(s->tcv.cost, 2500);
        assert_int_equal(s->plan.priority, 1);
        assert_int_equal(s->plan.tcv.visits, 0);
        assert_int_equal(s->plan.nhistory, 2);
        assert_string_equal(s->plan.history[1].note, "Design workshop done");
        assert_int_equal(s->plan.due.y, 2018);
        assert_false(service_has_plan(&o->services[1]));
        assert_int_equal(o->services[1].tcv.days, -1);
        assert_int_equal(o->nworkshops, 1);
        assert_true(o->workshops[0].head_present);
        assert_int_equal(o->workshops[0].batch, 3);
        assert_int_equal(o->approval.submitted.d, 1);
        /* positions point at the source */
        assert_int_equal(s->node->line, 9);
        assert_int_equal(s->plan.history[1].node->line, 20);
}

static void test_status_on_dates(void **state)
{
        struct fixture *f = *state;
        const struct service *s;
        struct date since;
        enum status st;

        assert_int_equal(load(f, office_yaml, NULL), 0);
        s = &f->l.m.office.services[0];
        assert_int_equal(service_status(s), STATUS_DESIGNING);
        assert_false(
            service_status_on(s, (struct date){2017, 10, 30}, &st, NULL));
        assert_true(
            service_status_on(s, (struct date){2017, 10, 31}, &st, &since));
        assert_int_equal(st, STATUS_PLANNED);
        assert_true(
            service_status_on(s, (struct date){2017, 12, 10}, &st, &since));
        assert_int_equal(st, STATUS_DESIGNING);
        assert_int_equal(since.m, 12);
        assert_true(service_planned(s));
        assert_false(service_planned_on(s, (struct date){2017, 1, 1}));
}

static void test_digest_and_approval_state(void **state)
{
        struct fixture *f = *state;
        char digest[DIGEST_LEN + 1], *text, *approved;
        const char *p;

        assert_int_equal(load(f, office_yaml, NULL), 0);
        text = digest_serialise(&f->l.m.office);
        /* sorted by id; history is not part of it */
        assert_string_equal(text, "service a-road-permit\n"
                                  "service contractor-enlistment priority 1 "
                                  "due 2018-06-30 days 3 cost 0 visits 0\n");
        free(text);
        digest_office(&f->l.m.office, digest);
        assert_int_equal(strlen(digest), DIGEST_LEN);
        assert_int_equal(office_approval_state(&f->l.m.office),
                         APPROVAL_APPROVED);

        /* record that digest, then add progress: still approved */
        p = strstr(office_yaml, "  submitted:");
        approved = malloc(sizeof(office_yaml) + 200);
        sprintf(approved, "%.*s  digest: %s\n%s", (int)(p - office_yaml),
                office_yaml, digest, p);
        assert_int_equal(load(f, approved, NULL), 0);
        assert_int_equal(office_approval_state(&f->l.m.office),
                         APPROVAL_APPROVED);
        assert_int_equal(office_approval_state_on(&f->l.m.office,
                                                  (struct date){2017, 10, 1}),
                         APPROVAL_NONE);
        /* change the plan: stale, and check says so */
        memcpy(strstr(approved, "priority: 1"), "priority: 2", 11);
        assert_int_equal(load(f, approved, NULL), 0);
        assert_int_equal(office_approval_state(&f->l.m.office), APPROVAL_STALE);
        assert_int_equal(diag_count(&f->dl, DIAG_WARNING), 1);
        assert_non_null(strstr(f->dl.items[0].msg, "stale"));
        free(approved);
}

/* office_yaml approved with digest, and a plan for a-road-permit from
 * 2018-03-01 added after the approval; the caller frees it. */
static char *with_later_plan(const char *digest)
{
        const char *name = strstr(office_yaml, "Road cutting permit\n") + 20;
        const char *sub = strstr(office_yaml, "  submitted:");
        char *text = malloc(sizeof(office_yaml) + 300);

        sprintf(text,
                "%.*s    plan:\n      priority: 2\n      history:\n"
                "        - {date: 2018-03-01, status: planned}\n"
                "%.*s  digest: %s\n%s",
                (int)(name - office_yaml), office_yaml, (int)(sub - name), name,
                digest, sub);
        return text;
}

static void test_approval_state_on_dates(void **state)
{
        struct fixture *f = *state;
        char digest[DIGEST_LEN + 1], *before, *text;
        struct office *o = &f->l.m.office;

        assert_int_equal(load(f, office_yaml, NULL), 0);
        before = digest_serialise(o);
        digest_office(o, digest);
        text = with_later_plan(digest);
        assert_int_equal(load(f, text, NULL), 0);

        /* now the approval is stale, as check says */
        assert_int_equal(office_approval_state(o), APPROVAL_STALE);
        /* before the new plan's first entry the plans were as approved */
        assert_int_equal(
            office_approval_state_on(o, (struct date){2018, 2, 28}),
            APPROVAL_APPROVED);
        assert_int_equal(office_approval_state_on(o, (struct date){2018, 3, 1}),
                         APPROVAL_STALE);
        assert_int_equal(
            office_approval_state_on(o, (struct date){2017, 10, 30}),
            APPROVAL_NONE);
        free(text);
        text = digest_serialise_on(o, (struct date){2018, 2, 28});
        assert_string_equal(text, before);
        free(text);
        /* an unset date: every plan, as now */
        text = digest_serialise_on(o, (struct date){0, 0, 0});
        assert_non_null(strstr(text, "service a-road-permit priority 2 "));
        free(text);
        /* a plan without history (an invalid file) is taken as it is now */
        o->services[1].plan.nhistory = 0;
        text = digest_serialise_on(o, (struct date){2017, 1, 1});
        assert_string_equal(text, "service a-road-permit priority 2 due - "
                                  "days - cost - visits -\n"
                                  "service contractor-enlistment\n");
        free(text);
        free(before);
}

static void test_rules_report_every_error(void **state)
{
        struct fixture *f = *state;
        static const char bad[] = "roadmap: 1\n"
                                  "office:\n"
                                  "  id: x\n"
                                  "  ministry: lgd\n"
                                  "services:\n"
                                  "  - id: a\n"
                                  "    name: A\n"
                                  "    tcv: {days: -1, cost: x, visits: 1}\n"
                                  "  - id: a\n"
                                  "    name: B\n";

        assert_int_equal(load(f, bad, "y"), -1);
        /* office.name missing, id mismatch, days, cost, duplicate id */
        assert_int_equal(diag_count(&f->dl, DIAG_ERROR), 5);
}

/* The one diagnostic at line:col, its message and hint checked. */
static void expect_diag(const struct diag_list *dl, int line, int col,
                        enum diag_level level, const char *msg,
                        const char *hint)
{
        size_t i;

        for (i = 0; i < dl->n; i++) {
                const struct diag *d = &dl->items[i];
                if (d->line != line || d->col != col)
                        continue;
                assert_int_equal(d->level, level);
                assert_string_equal(d->msg, msg);
                if (hint)
                        assert_string_equal(d->hint, hint);
                return;
        }
        fail_msg("no diagnostic at %d:%d: %s", line, col, msg);
}

static void test_other_types_warn(void **state)
{
        struct fixture *f = *state;
        static const char text[] = "roadmap: 1\n"
                                   "office:\n"
                                   "  id: x\n"
                                   "  name: yes\n"
                                   "  ministry: lgd\n"
                                   "  head: 0123\n"
                                   "services:\n"
                                   "  - id: 123\n"
                                   "    name: =\n"
                                   "    name_bn: '0123'\n"
                                   "  - id: s2\n"
                                   "    name: 1st floor\n"
                                   "approval:\n"
                                   "  by: 2001-12-14\n"
                                   "  date: 2020-01-01\n"
                                   "  memo: 1.2_3\n";

        assert_int_equal(load(f, text, "x"), 0);
        expect_diag(&f->dl, 4, 9, DIAG_WARNING,
                    "'name' is read as a boolean by YAML 1.1 readers",
                    "quote it: name: \"yes\"");
        expect_diag(&f->dl, 6, 9, DIAG_WARNING,
                    "'head' is read as a number by other YAML readers",
                    "quote it: head: \"0123\"");
        expect_diag(&f->dl, 8, 9, DIAG_WARNING,
                    "'id' is read as a number by other YAML readers",
                    "quote it: id: \"123\"");
        expect_diag(&f->dl, 9, 11, DIAG_WARNING,
                    "'name' is read as a value key by YAML 1.1 readers",
                    "quote it: name: \"=\"");
        expect_diag(&f->dl, 14, 7, DIAG_WARNING,
                    "'by' is read as a date by YAML 1.1 readers",
                    "quote it: by: \"2001-12-14\"");
        expect_diag(&f->dl, 16, 9, DIAG_WARNING,
                    "'memo' is read as a number by YAML 1.1 readers",
                    "quote it: memo: \"1.2_3\"");
        /* quoted '0123' and plain '1st floor' are text to every reader;
         * the memo's format and the missing digest warn too */
        assert_int_equal(diag_count(&f->dl, DIAG_WARNING), 8);
        assert_int_equal(diag_count(&f->dl, DIAG_ERROR), 0);
}

static void test_yaml_directive(void **state)
{
        struct fixture *f = *state;
        static const char v11[] = "# comment\n%YAML 1.1\n---\nroadmap: 1\n"
                                  "office: {id: x, name: X, ministry: lgd}\n";
        static const char v12[] = "%YAML 1.2\n---\nroadmap: 1\n"
                                  "office: {id: x, name: X, ministry: lgd}\n";

        assert_int_equal(load(f, v11, "x"), 0);
        expect_diag(&f->dl, 2, 1, DIAG_WARNING,
                    "'%YAML 1.1' makes YAML 1.2 readers read the file by "
                    "YAML 1.1 rules (yes, no, on and off as booleans, 0123 "
                    "as octal)",
                    "remove the '%YAML 1.1' line: roadmap files are YAML 1.2");
        assert_int_equal(f->dl.n, 1);
        assert_int_equal(load(f, v12, "x"), 0);
        assert_int_equal(f->dl.n, 0);
}

static void test_control_characters(void **state)
{
        struct fixture *f = *state;
        static const char text[] = "roadmap: 1\n"
                                   "office:\n"
                                   "  id: x\n"
                                   "  name: \"a\\e[2Jb\"\n"
                                   "  name_bn: \"tab\\tand\\nbreaks\\L\"\n"
                                   "  ministry: lgd\n"
                                   "  head: \"bell\\a\"\n"
                                   "services:\n"
                                   "  - id: s\n"
                                   "    name: \"nel\\N\"\n"
                                   "approval:\n"
                                   "  by: \"del\\x7f\"\n"
                                   "  date: 2020-01-01\n";

        assert_int_equal(load(f, text, "x"), -1);
        expect_diag(&f->dl, 4, 9, DIAG_ERROR,
                    "'name' holds a control character (U+001B)", NULL);
        expect_diag(&f->dl, 7, 9, DIAG_ERROR,
                    "'head' holds a control character (U+0007)", NULL);
        expect_diag(&f->dl, 10, 11, DIAG_ERROR,
                    "'name' holds a control character (U+0085)", NULL);
        expect_diag(&f->dl, 12, 7, DIAG_ERROR,
                    "'by' holds a control character (U+007F)", NULL);
        assert_int_equal(diag_count(&f->dl, DIAG_ERROR), 4);
        assert_int_equal(model_text_control("a\tb\nc\r\n", 7), -1);
        assert_int_equal(model_text_control("\xc2\x9b", 2), 0x9b);
        assert_int_equal(model_text_control("\xc2\xa0\x01", 3), 1);
        assert_int_equal(model_text_control("\xe0\xa6\x95", 3), -1);
}

/* s repeated n times, then tail. */
static void add_times(struct strbuf *sb, const char *s, size_t n,
                      const char *tail)
{
        while (n-- > 0)
                strbuf_addstr(sb, s);
        strbuf_addstr(sb, tail);
}

/* A text value holds at most MODEL_TEXT_MAX UTF-16 code units, as a
 * spreadsheet cell: a Bengali letter counts one, an emoji two. */
static void test_text_limit(void **state)
{
        struct fixture *f = *state;
        static const char emoji[] = "\xf0\x9f\x98\x80"; /* U+1F600 */
        struct strbuf sb;

        assert_int_equal(model_text_units("", 0), 0);
        assert_int_equal(model_text_units("ab", 2), 2);
        assert_int_equal(model_text_units("\xe0\xa6\x95", 3), 1);
        assert_int_equal(model_text_units(emoji, 4), 2);
        assert_int_equal(model_text_units("a\xc2\xa0\xf0\x9f\x98\x80", 7), 4);
        /* as a workbook writes them: CR as _x000D_, a literal _xHHHH_ with
         * its "_" as _x005F_ */
        assert_int_equal(model_text_units("a\rb", 3), 9);
        assert_int_equal(model_text_units("a\tb\n", 4), 4);
        assert_int_equal(model_text_units("_x0041_", 7), 13);
        assert_int_equal(model_text_units("_x004G_ _x41_", 13), 13);

        strbuf_init(&sb);
        strbuf_addstr(&sb, "roadmap: 1\noffice:\n  id: x\n  name: ");
        add_times(&sb, "\xe0\xa6\x95", MODEL_TEXT_MAX, "\n"); /* fits */
        strbuf_addstr(&sb, "  ministry: lgd\nservices:\n  - id: a\n    name: ");
        add_times(&sb, "a", MODEL_TEXT_MAX + 1, "\n"); /* line 8 */
        strbuf_addstr(&sb, "  - id: b\n    name: ");
        add_times(&sb, emoji, MODEL_TEXT_MAX / 2, "a\n"); /* fits */
        strbuf_addstr(&sb, "  - id: c\n    name: C\n    name_bn: ");
        add_times(&sb, emoji, MODEL_TEXT_MAX / 2 + 1, "\n"); /* line 13 */
        assert_int_equal(load(f, sb.buf, "x"), -1);
        expect_diag(&f->dl, 8, 11, DIAG_ERROR,
                    "'name' is too long: 32768 characters, at most 32767",
                    "shorten it: a spreadsheet cell, where reports go, holds "
                    "32767 (a character beyond U+FFFF counts as two, a CR "
                    "as seven)");
        expect_diag(&f->dl, 13, 14, DIAG_ERROR,
                    "'name_bn' is too long: 32768 characters, at most 32767",
                    NULL);
        assert_int_equal(diag_count(&f->dl, DIAG_ERROR), 2);
        strbuf_release(&sb);
}

/* Two names are one when their keys are: NFC, case folded; Bengali digits
 * and ZWNJ are kept (the date parser's folding drops them, not this). */
static void test_name_key(void **state)
{
        struct fixture *f = *state;
        /* কো in NFC (U+0995 U+09CB); রয with a ZWNJ between */
        static const char text[] =
            "roadmap: 1\noffice: {id: x, name: X, ministry: lgd}\nservices:\n"
            "  - {id: a, name: Death registration, name_bn: "
            "\"\xe0\xa6\x95\xe0\xa7\x8b\"}\n"
            "  - {id: b, name: Form 12, name_bn: "
            "\"\xe0\xa6\xb0\xe2\x80\x8c\xe0\xa6\xaf\"}\n";
        const struct office *o;
        char *k;
        bool bn;

        assert_int_equal(load(f, text, "x"), 0);
        o = &f->l.m.office;
        assert_ptr_equal(
            model_find_service_named(o, "death REGISTRATION", NULL, NULL, &bn),
            &o->services[0]);
        assert_false(bn);
        /* কো decomposed: U+0995 U+09C7 U+09BE */
        assert_ptr_equal(
            model_find_service_named(
                o, NULL, "\xe0\xa6\x95\xe0\xa7\x87\xe0\xa6\xbe", NULL, &bn),
            &o->services[0]);
        assert_true(bn);
        /* Form ১২ and রয without the ZWNJ are other names */
        assert_null(model_find_service_named(o, "Form \xe0\xa7\xa7\xe0\xa7\xa8",
                                             NULL, NULL, NULL));
        assert_null(model_find_service_named(
            o, NULL, "\xe0\xa6\xb0\xe0\xa6\xaf", NULL, NULL));
        assert_null(model_find_service_named(o, "Form 12", NULL,
                                             &o->services[1], NULL));
        k = model_name_key("Cafe\xcc\x81", 6); /* e + combining acute */
        assert_string_equal(k, "caf\xc3\xa9");
        free(k);
        k = model_name_key("a\xff", 2); /* not UTF-8: itself */
        assert_memory_equal(k, "a\xff", 3);
        free(k);
}

static void test_valid_id(void **state)
{
        assert_true(model_valid_id("lged", 4));
        assert_true(model_valid_id("a-b-1", 5));
        assert_true(model_valid_id("0", 1));
        assert_false(model_valid_id("-a", 2));
        assert_false(model_valid_id("A", 1));
        assert_false(model_valid_id("a_b", 3));
        assert_false(model_valid_id("../x", 4));
        assert_false(model_valid_id("", 0));
        assert_true(
            model_valid_id("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 40));
        assert_false(
            model_valid_id("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 41));
}

static void test_names_round_trip(void **state)
{
        enum status st;
        enum recipients r;
        enum workshop_kind k;
        int i;

        for (i = 0; i < STATUS_COUNT; i++) {
                assert_int_equal(status_parse(status_name(i), &st), 0);
                assert_int_equal(st, i);
        }
        for (i = 1; i < RECIPIENTS_COUNT; i++) {
                assert_int_equal(recipients_parse(recipients_name(i), &r), 0);
                assert_int_equal(r, i);
        }
        for (i = 0; i < WORKSHOP_COUNT; i++) {
                assert_int_equal(workshop_kind_parse(workshop_kind_name(i), &k),
                                 0);
                assert_int_equal(k, i);
        }
        assert_int_equal(status_parse("done", &st), -1);
        assert_int_equal(recipients_parse("", &r), -1);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test_setup_teardown(test_reads_every_field, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_status_on_dates, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_digest_and_approval_state,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(test_approval_state_on_dates, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_rules_report_every_error,
                                            setup, teardown),
            cmocka_unit_test_setup_teardown(test_other_types_warn, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_yaml_directive, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_control_characters, setup,
                                            teardown),
            cmocka_unit_test_setup_teardown(test_text_limit, setup, teardown),
            cmocka_unit_test_setup_teardown(test_name_key, setup, teardown),
            cmocka_unit_test(test_valid_id),
            cmocka_unit_test(test_names_round_trip),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
