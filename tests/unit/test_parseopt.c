/* Unit tests of parseopt: long options and their prefixes, ambiguity,
 * --name=value and --name value, missing and unwanted values, "--",
 * options after operands, short flags, --help, the usage line and help
 * text made from the table.  What the parser prints is captured. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/cli.h"
#include "roadmap/parseopt.h"
#include "unit_util.h"

struct opts {
        const char *note, *target_days, *target_cost, *name, *name_bn, *kind;
        long count, batch;
        struct date due;
        bool quiet, dry_run;
        int calls;
};

static int count_calls(const struct cmd_syntax *syn, const struct opt *o,
                       const char *v, void *base)
{
        struct opts *p = base;

        p->calls++;
        if (strcmp(v, "bad") == 0)
                return opt_usage_error(syn, "invalid %s '%s'", opt_display(o),
                                       v);
        return 0;
}

#define OFF(f) offsetof(struct opts, f)

static const struct opt options[] = {
    {"due", 0, OPT_DATE, OFF(due), "DATE", "the date", NULL, NULL,
     OPT_OPTIONAL},
    {"note", 0, OPT_STRING, OFF(note), "T", "a note\non two lines", NULL, NULL,
     OPT_NESTED},
    {"target-days", 0, OPT_STRING, OFF(target_days), "D", "days", NULL, NULL,
     OPT_OPTIONAL},
    {"target-cost", 0, OPT_STRING, OFF(target_cost), "C", "cost", NULL, NULL,
     OPT_JOINED},
    {"name", 0, OPT_STRING, OFF(name), "N", "name", NULL, NULL, OPT_REQUIRED},
    {"name-bn", 0, OPT_STRING, OFF(name_bn), "N", "name in Bengali", NULL, NULL,
     OPT_OPTIONAL},
    {"count", 0, OPT_NUMBER, OFF(count), "N", "a number", NULL, NULL,
     OPT_OPTIONAL},
    {"batch", 0, OPT_POSITIVE, OFF(batch), "N", "1 or more", NULL, NULL,
     OPT_OPTIONAL},
    {"quiet", 'q', OPT_FLAG, OFF(quiet), NULL, "say less", NULL, NULL,
     OPT_OPTIONAL},
    {"dry-run", 'n', OPT_FLAG, OFF(dry_run), NULL, "do nothing", NULL, NULL,
     OPT_OPTIONAL},
    {"call", 0, OPT_CALLBACK, 0, "V", "a callback", count_calls, "one|two",
     OPT_OPTIONAL},
    {"kind", 0, OPT_ENUM, OFF(kind), "K", "a workshop kind", NULL, "kind",
     OPT_OPTIONAL},
    OPT_END_OF_TABLE};

static const struct cmd_syntax syntax = {
    .name = "demo",
    .operands = "OFFICE [SERVICE]",
    .opts = options,
    .description = "A demo.\n",
    .help_col = 18,
};

#define USAGE                                                                  \
        "usage: roadmap demo OFFICE [SERVICE] [--due DATE [--note T]] "        \
        "[--target-days D --target-cost C] --name N [--name-bn N] "            \
        "[--count N] [--batch N] [-q] [-n] [--call one|two] [--kind K]\n"

/* Parse argv; *err gets stderr, the result's operands are joined by ' '. */
static int parse(int argc, char **argv, struct opts *o, char **err,
                 char **operands)
{
        struct strbuf sb;
        int n, i;

        memset(o, 0, sizeof(*o));
        capture(2);
        n = opt_parse(&syntax, argc, argv, o);
        *err = captured();
        strbuf_init(&sb);
        for (i = 1; i <= n; i++)
                strbuf_addf(&sb, "%s%s", i > 1 ? " " : "", argv[i]);
        *operands = strbuf_detach(&sb, NULL);
        return n;
}

static void test_values_and_operands(void **state)
{
        char *a[] = {"demo",     "lged", "--due",  "2024-01-01", "svc",
                     "--name=X", "-q",   "--note", "",           NULL};
        char *b[] = {"demo", "--name", "--count", "--", "--due", "-q", NULL};
        struct opts o;
        char *err, *ops;

        /* options before, between and after operands, in both forms */
        assert_int_equal(parse(9, a, &o, &err, &ops), 2);
        assert_string_equal(ops, "lged svc");
        assert_string_equal(err, "");
        assert_int_equal(o.due.y, 2024);
        assert_string_equal(o.name, "X");
        assert_string_equal(o.note, "");
        assert_true(o.quiet);
        free(err);
        free(ops);
        /* a value is the next word whatever it looks like; after "--"
         * every word is an operand */
        assert_int_equal(parse(6, b, &o, &err, &ops), 2);
        assert_string_equal(o.name, "--count");
        assert_string_equal(ops, "--due -q");
        assert_false(o.quiet);
        assert_string_equal(err, "");
        free(err);
        free(ops);
}

/* opt_parse_args() on argv: the result, and stderr's first line in *err. */
static int parse_args(int argc, char **argv, int min, int max, char **err)
{
        struct opts o;
        int n;

        memset(&o, 0, sizeof(o));
        capture(2);
        n = opt_parse_args(&syntax, argc, argv, &o, min, max);
        *err = captured();
        (*err)[strcspn(*err, "\n")] = '\0';
        return n;
}

static void test_operand_count_and_required(void **state)
{
        char *none[] = {"demo", "--name", "N", NULL};
        char *one[] = {"demo", "x", "--name", "N", NULL};
        char *three[] = {"demo", "x", "y", "z", "--name=N", NULL};
        char *unnamed[] = {"demo", "x", "y", NULL};
        char *err;

        (void)state;
        assert_int_equal(parse_args(3, none, 1, 2, &err), -1);
        assert_string_equal(err, "roadmap demo: missing OFFICE");
        free(err);
        assert_int_equal(parse_args(3, none, 2, 2, &err), -1);
        assert_string_equal(err, "roadmap demo: missing OFFICE or [SERVICE]");
        free(err);
        assert_int_equal(parse_args(4, one, 1, 2, &err), 1);
        assert_string_equal(err, "");
        free(err);
        assert_int_equal(parse_args(5, three, 1, 2, &err), -1);
        assert_string_equal(err, "roadmap demo: too many arguments");
        free(err);
        /* the operands are counted before the required options */
        assert_int_equal(parse_args(3, unnamed, 1, 2, &err), -1);
        assert_string_equal(err, "roadmap demo: --name is required");
        free(err);
}

static void test_prefixes(void **state)
{
        char *a[] = {"demo", "--du=2024-02-03", "--qui", "--dry", NULL};
        char *b[] = {"demo", "--name", "N", "--name-", "B", NULL};
        char *c[] = {"demo", "--target", "3", NULL};
        char *d[] = {"demo", "--target-d", "3", "--n", "x", NULL};
        struct opts o;
        char *err, *ops;

        /* any unambiguous prefix */
        assert_int_equal(parse(4, a, &o, &err, &ops), 0);
        assert_int_equal(o.due.m, 2);
        assert_true(o.quiet && o.dry_run);
        assert_string_equal(err, "");
        free(err);
        free(ops);
        /* an exact name wins over the longer names it begins */
        assert_int_equal(parse(5, b, &o, &err, &ops), 0);
        assert_string_equal(o.name, "N");
        assert_string_equal(o.name_bn, "B");
        free(err);
        free(ops);
        /* an ambiguous prefix is a usage error naming the candidates */
        assert_int_equal(parse(3, c, &o, &err, &ops), -1);
        assert_string_equal(err,
                            "roadmap demo: option '--target' is "
                            "ambiguous: --target-days, --target-cost\n" USAGE);
        free(err);
        free(ops);
        assert_int_equal(parse(5, d, &o, &err, &ops), -1);
        assert_string_equal(o.target_days, "3");
        assert_string_equal(err, "roadmap demo: option '--n' is ambiguous: "
                                 "--note, --name, --name-bn\n" USAGE);
        free(err);
        free(ops);
}

static void test_errors(void **state)
{
        static const struct {
                int argc;
                char *argv[4];
                const char *err;
        } cases[] = {
            {2, {"demo", "--bogus"}, "unknown option '--bogus'"},
            {2, {"demo", "--bogus=1"}, "unknown option '--bogus=1'"},
            {2, {"demo", "-x"}, "unknown option '-x'"},
            {2, {"demo", "-qx"}, "unknown option '-x'"},
            {2, {"demo", "--due"}, "option '--due' needs a value"},
            {2, {"demo", "--du"}, "option '--du' needs a value"},
            {2, {"demo", "--quiet=yes"}, "option '--quiet' takes no value"},
            {2, {"demo", "--qu="}, "option '--qu' takes no value"},
            {2, {"demo", "--\x1b[2J"}, "unknown option '--\\x1b[2J'"},
            {2, {"demo", "--=x"}, "unknown option '--=x'"},
            {2, {"demo", "--="}, "unknown option '--='"},
            {2, {"demo", "--call=bad"}, "invalid --call 'bad'"},
            {2, {"demo", "--batch=0"}, "invalid --batch '0': 1 or more"},
            {3, {"demo", "--bat", "০"}, "invalid --batch '০': 1 or more"},
            {2, {"demo", "-q=1"}, "option '-q' takes no value"},
            {2, {"demo", "-nq=false"}, "option '-q' takes no value"},
            {2,
             {"demo", "--kind=Design"},
             "invalid --kind 'Design': one of roadmap, design, leadership; "
             "did you mean 'design'?"},
            {3,
             {"demo", "--ki", ""},
             "invalid --kind '': one of roadmap, design, leadership"},
        };
        struct opts o;
        char *err, *ops, want[400];
        size_t i;

        for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
                assert_int_equal(parse(cases[i].argc, (char **)cases[i].argv,
                                       &o, &err, &ops),
                                 -1);
                snprintf(want, sizeof(want), "roadmap demo: %s\n%s",
                         cases[i].err, USAGE);
                assert_string_equal(err, want);
                free(err);
                free(ops);
        }
        /* a positive number in either digits; a bad one is refused by the
         * number parser, its range said once */
        {
                char *a[] = {"demo", "--batch", "১২", "--count", "0", NULL};
                assert_int_equal(parse(5, a, &o, &err, &ops), 0);
                assert_int_equal(o.batch, 12);
                assert_int_equal(o.count, 0);
                assert_string_equal(err, "");
                free(err);
                free(ops);
        }
        /* an enum's value is stored as the schema spells it */
        {
                char *a[] = {"demo", "--kind", "leadership", NULL};
                assert_int_equal(parse(3, a, &o, &err, &ops), 0);
                assert_string_equal(o.kind, "leadership");
                free(err);
                free(ops);
        }
        {
                char *a[] = {"demo", "--batch", "2147483648", NULL};
                assert_int_equal(parse(3, a, &o, &err, &ops), -1);
                assert_non_null(strstr(err, "roadmap demo: invalid --batch "
                                            "'2147483648': number too large"));
                free(err);
                free(ops);
        }
        {
                char *a[] = {"demo", "--count", "x1", NULL};
                assert_int_equal(parse(3, a, &o, &err, &ops), -1);
                assert_non_null(strstr(err, "roadmap demo: invalid --count "
                                            "'x1'"));
                free(err);
                free(ops);
        }
}

static void test_short_flags_and_callback(void **state)
{
        char *a[] = {"demo", "-qn", "x", "--call", "one", "--ca=two", NULL};
        char *b[] = {"demo", "-", NULL};
        struct opts o;
        char *err, *ops;

        assert_int_equal(parse(6, a, &o, &err, &ops), 1);
        assert_true(o.quiet && o.dry_run);
        assert_int_equal(o.calls, 2);
        assert_string_equal(ops, "x");
        free(err);
        free(ops);
        /* "-" alone is an operand (stdin) */
        assert_int_equal(parse(2, b, &o, &err, &ops), 1);
        assert_string_equal(ops, "-");
        free(err);
        free(ops);
}

static void test_help(void **state)
{
        char *a[] = {"demo", "--bogus", "--help", NULL};
        char *b[] = {"demo", "--", "--help", NULL};
        char *out;
        struct opts o;

        /* --help wins over any error before it */
        capture(1);
        assert_int_equal(opt_parse(&syntax, 3, a, &o), PARSE_HELP);
        out = captured();
        assert_string_equal(out, USAGE "\n"
                                       "A demo.\n"
                                       "\n"
                                       "  --due DATE      the date\n"
                                       "  --note T        a note\n"
                                       "                  on two lines\n"
                                       "  --target-days D days\n"
                                       "  --target-cost C cost\n"
                                       "  --name N        name\n"
                                       "  --name-bn N     name in Bengali\n"
                                       "  --count N       a number\n"
                                       "  --batch N       1 or more\n"
                                       "  -q, --quiet     say less\n"
                                       "  -n, --dry-run   do nothing\n"
                                       "  --call V        a callback\n"
                                       "  --kind K        a workshop kind\n");
        free(out);
        assert_int_equal(opt_parse_exit(PARSE_HELP), EXIT_OK);
        assert_int_equal(opt_parse_exit(-1), EXIT_USAGE);
        /* after "--" it is an operand */
        memset(&o, 0, sizeof(o));
        assert_int_equal(opt_parse(&syntax, 3, b, &o), 1);
        assert_string_equal(b[1], "--help");
}

static void test_find(void **state)
{
        assert_string_equal(opt_find(&syntax, "--du")->name, "due");
        assert_string_equal(opt_find(&syntax, "--du=x")->name, "due");
        assert_string_equal(opt_find(&syntax, "-q")->name, "quiet");
        assert_string_equal(opt_find(&syntax, "--name")->name, "name");
        assert_null(opt_find(&syntax, "--target"));
        assert_null(opt_find(&syntax, "--zzz"));
        assert_null(opt_find(&syntax, "x"));
}

/* OPT_CHOICE: the index of the value among its names; a wrong one is a
 * usage error naming them all, with a did-you-mean. */
struct choices {
        int colour, calendar;
};

static const struct opt choice_options[] = {
    OPT_COLOR(offsetof(struct choices, colour)),
    OPT_CALENDAR(offsetof(struct choices, calendar)), OPT_END_OF_TABLE};

static const struct cmd_syntax choice_syntax = {.name = "pick",
                                                .operands = "",
                                                .opts = choice_options,
                                                .description = "Choices.\n"};

static void test_choice(void **state)
{
        char *a[] = {"pick", "--color=never", "--calendar", "bangla", NULL};
        char *b[] = {"pick", "--color", "alway", NULL};
        struct choices c = {0, 0};
        char *err;

        assert_int_equal(opt_parse(&choice_syntax, 4, a, &c), 0);
        assert_int_equal(c.colour, CLI_COLOUR_NEVER);
        assert_int_equal(c.calendar, 1);
        capture(2);
        assert_true(opt_parse(&choice_syntax, 3, b, &c) < 0);
        err = captured();
        assert_non_null(strstr(err, "invalid --color 'alway': one of auto, "
                                    "never, always; did you mean 'always'?"));
        free(err);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_values_and_operands),
            cmocka_unit_test(test_operand_count_and_required),
            cmocka_unit_test(test_prefixes),
            cmocka_unit_test(test_errors),
            cmocka_unit_test(test_short_flags_and_callback),
            cmocka_unit_test(test_help),
            cmocka_unit_test(test_find),
            cmocka_unit_test(test_choice),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
