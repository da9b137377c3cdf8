/* Unit tests of yquote: every string reads back as the same string. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "roadmap/strbuf.h"
#include "roadmap/yquote.h"

/* Parse doc with libyaml; return the value scalar of its mapping's only
 * pair (or of the flow sequence's only item) and its style. */
static char *parse_value(const char *doc, yaml_scalar_style_t *style,
                         size_t *len)
{
        yaml_parser_t p;
        yaml_event_t ev;
        int scalars = 0;
        char *got = NULL;

        assert_true(yaml_parser_initialize(&p));
        yaml_parser_set_input_string(&p, (const unsigned char *)doc,
                                     strlen(doc));
        for (;;) {
                if (!yaml_parser_parse(&p, &ev)) {
                        fail_msg("does not parse: %s (%s)", doc, p.problem);
                }
                if (ev.type == YAML_SCALAR_EVENT && ++scalars == 2) {
                        got = malloc(ev.data.scalar.length + 1);
                        memcpy(got, ev.data.scalar.value,
                               ev.data.scalar.length + 1);
                        *len = ev.data.scalar.length;
                        *style = ev.data.scalar.style;
                }
                if (ev.type == YAML_STREAM_END_EVENT) {
                        yaml_event_delete(&ev);
                        break;
                }
                yaml_event_delete(&ev);
        }
        yaml_parser_delete(&p);
        assert_non_null(got);
        return got;
}

/* s quoted for both contexts reads back as s, and plain only when plain
 * is safe.  Returns the block text, caller frees. */
static char *round_trip(const char *s, size_t n)
{
        static const char *const wrap[2][2] = {{"k: ", "   # comment\n"},
                                               {"x: [", ", z]\n"}};
        struct strbuf q, doc;
        char *block = NULL;
        int ctx;

        for (ctx = 0; ctx < 2; ctx++) {
                yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
                size_t len = 0;
                char *got;

                strbuf_init(&q);
                strbuf_init(&doc);
                assert_int_equal(yquote_string(&q, s, n, (enum yquote_ctx)ctx),
                                 0);
                assert_null(memchr(q.buf, '\n', q.len));
                strbuf_addf(&doc, "%s%s%s", wrap[ctx][0], q.buf, wrap[ctx][1]);
                got = parse_value(doc.buf, &style, &len);
                if (len != n || memcmp(got, s, n) != 0)
                        fail_msg("'%s' read back as '%s' from %s", s, got,
                                 doc.buf);
                if (style == YAML_PLAIN_SCALAR_STYLE)
                        assert_false(yquote_resolves_non_string(s, n));
                free(got);
                if (ctx == 0)
                        block = strbuf_detach(&q, NULL);
                else
                        strbuf_release(&q);
                strbuf_release(&doc);
        }
        return block;
}

static void expect_text(const char *s, const char *want)
{
        char *got = round_trip(s, strlen(s));

        assert_string_equal(got, want);
        free(got);
}

static void test_plain_when_safe(void **state)
{
        expect_text("Contractor enlistment", "Contractor enlistment");
        expect_text("ঠিকাদার তালিকাভুক্তি", "ঠিকাদার তালিকাভুক্তি");
        expect_text("৪৬.০০.০০০০.০৩৯.০১৮.০০২.২০১৫-১৮৮",
                    "৪৬.০০.০০০০.০৩৯.০১৮.০০২.২০১৫-১৮৮");
        expect_text("contractor-enlistment", "contractor-enlistment");
        expect_text("e-Service Roadmap 2021", "e-Service Roadmap 2021");
}

static void test_indicators_are_quoted(void **state)
{
        expect_text("Design lab: 2 days # not a comment",
                    "'Design lab: 2 days # not a comment'");
        expect_text("", "''");
        expect_text(" lead", "' lead'");
        expect_text("- dash", "'- dash'");
        expect_text("#hash", "'#hash'");
        expect_text("it's", "it's");
}

static void test_other_types_are_quoted(void **state)
{
        static const char *const typed[] = {"yes",
                                            "Yes",
                                            "NO",
                                            "on",
                                            "off",
                                            "y",
                                            "n",
                                            "true",
                                            "False",
                                            "null",
                                            "Null",
                                            "~",
                                            "0123",
                                            "123",
                                            "-7",
                                            "+1",
                                            "0x1F",
                                            "0o17",
                                            "0b101",
                                            "1_000",
                                            "1.5",
                                            ".5",
                                            "1e3",
                                            "1.0e+3",
                                            ".inf",
                                            "-.Inf",
                                            ".nan",
                                            "12:30",
                                            "1:20:30",
                                            "2024-01-15",
                                            "2001-12-14t21:59:43.10-05:00",
                                            "2001-12-14 21:59:43.10 -5",
                                            "<<",
                                            "="};
        size_t i;

        for (i = 0; i < sizeof typed / sizeof typed[0]; i++) {
                char *got = round_trip(typed[i], strlen(typed[i]));
                if (got[0] != '\'' && got[0] != '"')
                        fail_msg("'%s' was left plain", typed[i]);
                assert_true(
                    yquote_resolves_non_string(typed[i], strlen(typed[i])));
                free(got);
        }
        /* Near misses stay plain, but for those that start like a number
         * (test_number_like_text_is_quoted). */
        expect_text("yes please", "yes please");
        expect_text("Batch 3", "Batch 3");
        expect_text("v1.2.3", "v1.2.3");
}

/* The quoted text of s in block context; caller frees. */
static char *quoted(const char *s)
{
        char *got = round_trip(s, strlen(s));

        if (got[0] != '\'' && got[0] != '"')
                fail_msg("'%s' was left plain", s);
        return got;
}

static void expect_type(const char *s, enum yquote_type want, bool want_core)
{
        bool core = !want_core;

        if (yquote_plain_type(s, strlen(s), &core) != want || core != want_core)
                fail_msg("'%s' is read as type %d (core %d), not %d (core %d)",
                         s, (int)yquote_plain_type(s, strlen(s), NULL),
                         (int)core, (int)want, (int)want_core);
        free(quoted(s));
}

/* No length is too long to be a number: 70 ones are an int to every
 * reader, and are quoted. */
static void test_long_numbers_are_quoted(void **state)
{
        char s[200];

        memset(s, '1', 70);
        s[70] = '\0';
        expect_type(s, YQUOTE_NUMBER, true);
        strcpy(s + 70, ".5e+10");
        expect_type(s, YQUOTE_NUMBER, true);
        memset(s, '0', 150);
        s[0] = '-';
        s[150] = '\0';
        expect_type(s, YQUOTE_NUMBER, true);
        strcpy(s, "1");
        while (strlen(s) < 150)
                strcat(s, ":30");
        expect_type(s, YQUOTE_NUMBER, false);
}

/* Each reader's own forms, with the schema that reads them. */
static void test_every_readers_forms(void **state)
{
        expect_type("1.2_3", YQUOTE_NUMBER, false); /* PyYAML: 1.23 */
        expect_type("1_000", YQUOTE_NUMBER, false); /* PyYAML, ruamel */
        expect_type("-_1", YQUOTE_NUMBER, false);   /* ruamel's int */
        expect_type("0b101", YQUOTE_NUMBER, false); /* YAML 1.1 binary */
        expect_type("0o17", YQUOTE_NUMBER, true);   /* YAML 1.2 octal */
        expect_type("0123", YQUOTE_NUMBER, true);   /* 1.1 octal, 1.2 int */
        expect_type("0x_1F", YQUOTE_NUMBER, false); /* YAML 1.1 hex */
        expect_type("1e3", YQUOTE_NUMBER, true);    /* YAML 1.2 float */
        expect_type("12:30", YQUOTE_NUMBER, false); /* base 60 */
        expect_type("1:20:30.5", YQUOTE_NUMBER, false);
        expect_type(".inf", YQUOTE_NUMBER, true);
        expect_type("+.nan", YQUOTE_NUMBER, true); /* node-yaml */
        expect_type("2001-12-14", YQUOTE_DATE, false);
        expect_type("2001-12-14t21:59:43.10-05:00", YQUOTE_DATE, false);
        expect_type("2001-1-4 1:59:43 Z", YQUOTE_DATE, false);
        assert_int_equal(yquote_plain_type("0:30", 4, NULL), YQUOTE_STRING);
        assert_int_equal(yquote_plain_type("2001-1-4", 8, NULL), YQUOTE_STRING);
        assert_int_equal(yquote_plain_type("2001-12-14 ", 11, NULL),
                         YQUOTE_STRING);
}

static void test_words_are_quoted(void **state)
{
        expect_type("yes", YQUOTE_BOOL, false);
        expect_type("Yes", YQUOTE_BOOL, false);
        expect_type("OFF", YQUOTE_BOOL, false);
        expect_type("n", YQUOTE_BOOL, false);
        expect_type("TRUE", YQUOTE_BOOL, true);
        expect_type("~", YQUOTE_NULL, true);
        expect_type("=", YQUOTE_VALUE, false);
        expect_type("<<", YQUOTE_MERGE, false);
        assert_int_equal(yquote_plain_type("yES", 3, NULL), YQUOTE_STRING);
        assert_int_equal(yquote_plain_type("nULL", 4, NULL), YQUOTE_STRING);
}

/* yquote_is_null() is yquote_plain_type() == YQUOTE_NULL, for every type
 * and for text near a null word. */
static void test_is_null_is_the_type(void **state)
{
        static const char *const s[] = {"",
                                        "~",
                                        "null",
                                        "Null",
                                        "NULL",
                                        "nULL",
                                        "nul",
                                        "null ",
                                        " null",
                                        "~~",
                                        "none",
                                        "Nil",
                                        "n",
                                        "N",
                                        "no",
                                        "yes",
                                        "true",
                                        "TRUE",
                                        "off",
                                        "=",
                                        "<<",
                                        "0",
                                        "-1",
                                        ".5",
                                        "1e3",
                                        ".nan",
                                        ".inf",
                                        "0x1f",
                                        "1:30",
                                        "2024-01-15",
                                        "2001-12-14t21:59:43.10-05:00",
                                        "1st floor",
                                        "text",
                                        "~x",
                                        "null\n"};
        size_t i;

        for (i = 0; i < sizeof s / sizeof s[0]; i++)
                assert_int_equal(yquote_is_null(s[i], strlen(s[i])),
                                 yquote_plain_type(s[i], strlen(s[i]), NULL) ==
                                     YQUOTE_NULL);
        assert_true(yquote_is_null("", 0));
        assert_true(yquote_is_null("null", 4));
        assert_true(yquote_is_null("nullx", 4)); /* n bytes, not the string */
        assert_false(yquote_is_null("nul", 3));
        assert_false(yquote_is_null("0", 1));
}

/* A string that starts like a number and holds only what numbers and
 * dates hold is quoted though no reader types it; text that does not is
 * left plain. */
static void test_number_like_text_is_quoted(void **state)
{
        static const char *const like[] = {
            "1st floor", "2024-1-5", "1.2.3",    "3 days",
            "-x",        ".",        "10:30 am", "2024-01-15 workshop"};
        size_t i;

        for (i = 0; i < sizeof like / sizeof like[0]; i++) {
                assert_int_equal(
                    yquote_plain_type(like[i], strlen(like[i]), NULL),
                    YQUOTE_STRING);
                assert_true(yquote_needs_quotes(like[i], strlen(like[i])));
                free(quoted(like[i]));
        }
        expect_text("Ward 1st floor", "Ward 1st floor");
        expect_text("১ম তলা", "১ম তলা");
        expect_text("১২৩", "১২৩");
        expect_text("1st floor, ward 3", "1st floor, ward 3");
        expect_text("1 (one)", "1 (one)");
}

/* A line separator is a line break to YAML 1.1 and text to YAML 1.2: it
 * is written escaped in double quotes, and so is NEL. */
static void test_line_separators_are_escaped(void **state)
{
        expect_text("a\xe2\x80\xa8"
                    "b",
                    "\"a\\Lb\"");
        expect_text("a\xe2\x80\xa9"
                    "b",
                    "\"a\\Pb\"");
        expect_text("a\xc2\x85"
                    "b",
                    "\"a\\Nb\"");
        expect_text("\xe2\x80\xa8", "\"\\L\"");
}

static void test_hard_strings_round_trip(void **state)
{
        static const char *const hard[] = {"a\nb",
                                           "line\r\nbreak",
                                           "tab\there",
                                           "\x01"
                                           "ctrl",
                                           "'single'",
                                           "\"double\"",
                                           "back\\slash",
                                           "trail ",
                                           "a, b",
                                           "[x]",
                                           "{x}",
                                           "*alias",
                                           "&anchor",
                                           "!tag",
                                           "%pct",
                                           "|",
                                           ">",
                                           "? q",
                                           "@at",
                                           "`bt",
                                           "x: y",
                                           "a #b",
                                           "---",
                                           "...",
                                           "ঠিকাদার: তালিকা",
                                           "\xc2\x85nel",
                                           "\xef\xbb\xbf"
                                           "bom"};
        size_t i;

        for (i = 0; i < sizeof hard / sizeof hard[0]; i++)
                free(round_trip(hard[i], strlen(hard[i])));
        /* Flow context quotes flow indicators that block context allows. */
        {
                struct strbuf q;
                strbuf_init(&q);
                assert_int_equal(yquote_string(&q, "a, b", 4, YQUOTE_BLOCK), 0);
                assert_string_equal(q.buf, "a, b");
                strbuf_reset(&q);
                assert_int_equal(yquote_string(&q, "a, b", 4, YQUOTE_FLOW), 0);
                assert_string_equal(q.buf, "'a, b'");
                strbuf_release(&q);
        }
}

static void test_invalid_utf8_is_refused(void **state)
{
        struct strbuf q;

        strbuf_init(&q);
        strbuf_addstr(&q, "keep");
        assert_int_equal(yquote_string(&q, "bad \xff", 5, YQUOTE_BLOCK), -1);
        assert_string_equal(q.buf, "keep");
        /* above U+10FFFF, a surrogate, an overlong form */
        assert_int_equal(
            yquote_string(&q, "a\xf6\x98\xa3\x95z", 6, YQUOTE_BLOCK), -1);
        assert_int_equal(yquote_string(&q, "a\xed\xa0\x80z", 5, YQUOTE_BLOCK),
                         -1);
        assert_int_equal(yquote_string(&q, "a\xc0\xafz", 4, YQUOTE_BLOCK), -1);
        assert_string_equal(q.buf, "keep");
        strbuf_release(&q);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_plain_when_safe),
            cmocka_unit_test(test_indicators_are_quoted),
            cmocka_unit_test(test_other_types_are_quoted),
            cmocka_unit_test(test_long_numbers_are_quoted),
            cmocka_unit_test(test_every_readers_forms),
            cmocka_unit_test(test_words_are_quoted),
            cmocka_unit_test(test_is_null_is_the_type),
            cmocka_unit_test(test_number_like_text_is_quoted),
            cmocka_unit_test(test_line_separators_are_escaped),
            cmocka_unit_test(test_hard_strings_round_trip),
            cmocka_unit_test(test_invalid_utf8_is_refused),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
