/* Unit tests of digest: the approval digest of roadmap(5), "Approval
 * digest": known answers, what it covers and what it does not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/digest.h"
#include "roadmap/load.h"

/*
 * The example of roadmap(5): tender-document-sale (no plan),
 * road-cutting-permission (priority 3, nothing else) and
 * contractor-enlistment (priority 1, due 2018-06-30, target TCV 3, 0, 0),
 * in an order that is not the digest's.
 */
static const char base_yaml[] =
    "roadmap: 1\n"
    "office:\n"
    "  id: lged\n"
    "  name: Local Government Engineering Department\n"
    "  ministry: lgd\n"
    "  head: Chief Engineer\n"
    "services:\n"
    "  - id: tender-document-sale\n"
    "    name: Tender document sale\n"
    "\n"
    "  - id: road-cutting-permission\n"
    "    name: Road cutting permission\n"
    "    plan:\n"
    "      priority: 3\n"
    "      history:\n"
    "        - date: 2017-10-31\n"
    "          status: planned\n"
    "\n"
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
    "          status: planned\n";

static const char base_text[] =
    "service contractor-enlistment priority 1 due 2018-06-30 days 3 cost 0 "
    "visits 0\n"
    "service road-cutting-permission priority 3 due - days - cost - visits -\n"
    "service tender-document-sale\n";

/*
 * printf '%s' "$base_text" | sha256sum (coreutils), over the three lines
 * above; the same value roadmap(5) gives for its example.
 */
#define BASE_DIGEST                                                            \
        "sha256:"                                                              \
        "236a9edc2d3183cf5bf61d711109df8fc5c3da59e0152cf008ce51b2b22f2368"

/* printf '' | sha256sum: no services, no lines. */
#define EMPTY_DIGEST                                                           \
        "sha256:"                                                              \
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* printf 'service contractor-enlistment\nservice road-cutting-permission\n
 * service tender-document-sale\n' | sha256sum: the example before any plan
 * existed. */
#define NO_PLANS_DIGEST                                                        \
        "sha256:"                                                              \
        "16997847ca69a74a1d4b6bb8cf8a36b94746831c0d1a217c7a6c6cedb370c5be"

/* text with the one occurrence of from replaced by to; the caller frees. */
static char *replace(const char *text, const char *from, const char *to)
{
        const char *p = strstr(text, from);
        size_t n = strlen(text) - strlen(from) + strlen(to) + 1;
        char *out;

        if (!p || strstr(p + 1, from))
                fail_msg("'%s' is not in the text exactly once", from);
        out = malloc(n);
        assert_non_null(out);
        snprintf(out, n, "%.*s%s%s", (int)(p - text), text, to,
                 p + strlen(from));
        return out;
}

/* The digest of the office text (which must be valid) into out. */
static void digest_of(const char *text, char out[DIGEST_LEN + 1])
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct loaded l;

        loaded_init(&l);
        if (load_office_bytes(&l, "t.yaml", text, strlen(text), NULL, &dl) !=
            0) {
                diag_print(&dl, stderr);
                fail_msg("invalid office:\n%s", text);
        }
        digest_office(&l.m.office, out);
        loaded_release(&l);
        diag_list_release(&dl);
}

static char *serialise_of(const char *text, struct date on)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct loaded l;
        char *s;

        loaded_init(&l);
        assert_int_equal(
            load_office_bytes(&l, "t.yaml", text, strlen(text), NULL, &dl), 0);
        s = digest_serialise_on(&l.m.office, on);
        loaded_release(&l);
        diag_list_release(&dl);
        return s;
}

static void test_known_answers(void **state)
{
        char d[DIGEST_LEN + 1], *s;
        char *empty;

        s = serialise_of(base_yaml, (struct date){0, 0, 0});
        assert_string_equal(s, base_text);
        free(s);
        digest_of(base_yaml, d);
        assert_string_equal(d, BASE_DIGEST);
        assert_int_equal(strlen(d), DIGEST_LEN);

        /* before the plans' first history entry: no plans */
        s = serialise_of(base_yaml, (struct date){2017, 10, 30});
        assert_string_equal(s, "service contractor-enlistment\n"
                               "service road-cutting-permission\n"
                               "service tender-document-sale\n");
        free(s);
        {
                struct diag_list dl = DIAG_LIST_INIT;
                struct loaded l;

                loaded_init(&l);
                assert_int_equal(load_office_bytes(&l, "t.yaml", base_yaml,
                                                   strlen(base_yaml), NULL,
                                                   &dl),
                                 0);
                digest_office_on(&l.m.office, (struct date){2017, 10, 30}, d);
                assert_string_equal(d, NO_PLANS_DIGEST);
                /* on the first entry's date the plans count */
                digest_office_on(&l.m.office, (struct date){2017, 10, 31}, d);
                assert_string_equal(d, BASE_DIGEST);
                loaded_release(&l);
                diag_list_release(&dl);
        }

        /* an office without services */
        empty = replace(base_yaml, strstr(base_yaml, "services:\n"), "");
        digest_of(empty, d);
        assert_string_equal(d, EMPTY_DIGEST);
        free(empty);
}

/* Each change of what the digest covers changes it, and no two of these
 * changes give the same digest. */
static void test_covered_fields_change_it(void **state)
{
        static const char *const changes[][2] = {
            {"priority: 1", "priority: 2"},
            {"due: 2018-06-30", "due: 2018-07-01"},
            {"      due: 2018-06-30\n", ""},
            {"priority: 3\n", "priority: 3\n      due: 2018-06-30\n"},
            {"{days: 3, cost: 0, visits: 0}", "{days: 4, cost: 0, visits: 0}"},
            {"{days: 3, cost: 0, visits: 0}", "{days: 3, cost: 1, visits: 0}"},
            {"{days: 3, cost: 0, visits: 0}", "{days: 3, cost: 0, visits: 1}"},
            {"{days: 3, cost: 0, visits: 0}", "{days: 3, cost: 0}"},
            {"{days: 3, cost: 0, visits: 0}", "{cost: 0, visits: 0}"},
            {"      tcv: {days: 3, cost: 0, visits: 0}\n", ""},
            {"priority: 3\n", "priority: 3\n      tcv: {days: 0}\n"},
            {"id: tender-document-sale", "id: tender-document-sales"},
            /* a service added, one removed */
            {"  - id: tender-document-sale\n",
             "  - id: a-new-service\n    name: New\n"
             "  - id: tender-document-sale\n"},
            {"  - id: tender-document-sale\n    name: Tender document sale\n",
             ""},
            /* a plan added, one removed */
            {"    name: Tender document sale\n",
             "    name: Tender document sale\n    plan:\n      priority: 2\n"
             "      history:\n        - {date: 2017-10-31, status: planned}\n"},
            {"    plan:\n      priority: 3\n      history:\n"
             "        - date: 2017-10-31\n          status: planned\n",
             ""},
        };
        char digests[sizeof changes / sizeof changes[0] + 1][DIGEST_LEN + 1];
        size_t n = sizeof changes / sizeof changes[0], i, j;

        digest_of(base_yaml, digests[n]);
        for (i = 0; i < n; i++) {
                char *text = replace(base_yaml, changes[i][0], changes[i][1]);

                digest_of(text, digests[i]);
                if (strcmp(digests[i], digests[n]) == 0)
                        fail_msg("'%s' -> '%s' left the digest alone",
                                 changes[i][0], changes[i][1]);
                free(text);
        }
        for (i = 0; i < n; i++)
                for (j = i + 1; j < n; j++)
                        if (strcmp(digests[i], digests[j]) == 0)
                                fail_msg("changes %zu and %zu collide", i, j);
}

/* What the digest does not cover: comments, formatting, names, today's
 * TCV, progress, the approval, workshops, the office. */
static void test_uncovered_fields_keep_it(void **state)
{
        static const char *const changes[][2] = {
            {"services:\n", "# the services\nservices:  # all of them\n"},
            {"      priority: 1\n", "      priority: 1  # first\n\n"},
            {"{days: 3, cost: 0, visits: 0}",
             "\n        days: 3\n        cost: 0\n        visits: 0"},
            {"{days: 3, cost: 0, visits: 0}", "{visits: 0, days: 3, cost: 0}"},
            {"due: 2018-06-30", "due: '2018-06-30'"},
            {"id: contractor-enlistment", "id: \"contractor-enlistment\""},
            {"id: road-cutting-permission", "id: 'road-cutting-permission'"},
            {"    name: Contractor enlistment\n", "    name: Enlistment\n"},
            {"    name: Contractor enlistment\n",
             "    name: Contractor enlistment\n"
             "    name_bn: ঠিকাদার তালিকাভুক্তি\n"},
            {"recipients: business", "recipients: citizen"},
            {"tcv: {days: 30, cost: 2500, visits: 4}",
             "tcv: {days: 31, cost: 2501, visits: 5}"},
            {"    tcv: {days: 30, cost: 2500, visits: 4}\n", ""},
            /* progress */
            {"visits: 0}\n      history:\n        - date: 2017-10-31\n"
             "          status: planned\n",
             "visits: 0}\n      history:\n        - date: 2017-10-31\n"
             "          status: planned\n"
             "        - date: 2017-12-10\n"
             "          status: designing\n"
             "          note: Design workshop done\n"},
            /* the plan written with its keys in another order */
            {"      priority: 1\n      due: 2018-06-30\n",
             "      due: 2018-06-30\n      priority: 1\n"},
            /* the office, an approval, workshops, an extension */
            {"  head: Chief Engineer\n", "  head: Additional Chief Engineer\n"},
            {"  name: Local Government Engineering Department\n",
             "  name: LGED\n  name_bn: এলজিইডি\n"},
        };
        static const char tail[] = "approval:\n"
                                   "  by: Chief Engineer\n"
                                   "  date: 2017-11-01\n"
                                   "workshops:\n"
                                   "  - kind: roadmap\n"
                                   "    date: 2017-08-20\n"
                                   "x-note: ignored\n";
        size_t n = sizeof changes / sizeof changes[0], i;
        char d[DIGEST_LEN + 1];
        char *text;

        for (i = 0; i < n; i++) {
                text = replace(base_yaml, changes[i][0], changes[i][1]);
                digest_of(text, d);
                if (strcmp(d, BASE_DIGEST) != 0)
                        fail_msg("'%s' -> '%s' changed the digest",
                                 changes[i][0], changes[i][1]);
                free(text);
        }
        text = malloc(sizeof base_yaml + sizeof tail);
        assert_non_null(text);
        strcpy(text, base_yaml);
        strcat(text, tail);
        digest_of(text, d);
        assert_string_equal(d, BASE_DIGEST);
        free(text);
}

/* CRLF line ends and a byte order mark are formatting too. */
static void test_line_ends_keep_it(void **state)
{
        size_t n = strlen(base_yaml), i, k = 3;
        char *text = malloc(2 * n + 4);
        char d[DIGEST_LEN + 1];

        assert_non_null(text);
        memcpy(text, "\xef\xbb\xbf", 3);
        for (i = 0; i < n; i++) {
                if (base_yaml[i] == '\n')
                        text[k++] = '\r';
                text[k++] = base_yaml[i];
        }
        text[k] = '\0';
        digest_of(text, d);
        assert_string_equal(d, BASE_DIGEST);
        free(text);
}

/* Services are sorted by id in byte order, whatever their order in the
 * file: "b" < "b-x" (0x2d) < "b1" (0x31) < "ba". */
static void test_byte_order_of_ids(void **state)
{
        static const char *const ids[] = {"ba", "b1", "b-x", "b", "a9"};
        static const int perms[][5] = {
            {0, 1, 2, 3, 4}, {4, 3, 2, 1, 0}, {2, 0, 4, 1, 3}, {3, 4, 0, 2, 1}};
        char first[DIGEST_LEN + 1], d[DIGEST_LEN + 1];
        size_t p, i;

        for (p = 0; p < sizeof perms / sizeof perms[0]; p++) {
                char text[1024], *s;
                int len = snprintf(text, sizeof text,
                                   "roadmap: 1\noffice:\n  id: o\n  name: O\n"
                                   "  ministry: m\n  head: H\nservices:\n");

                for (i = 0; i < 5; i++)
                        len += snprintf(text + len, sizeof text - (size_t)len,
                                        "  - id: %s\n    name: S\n",
                                        ids[perms[p][i]]);
                s = serialise_of(text, (struct date){0, 0, 0});
                assert_string_equal(s, "service a9\nservice b\nservice b-x\n"
                                       "service b1\nservice ba\n");
                free(s);
                digest_of(text, d);
                if (p == 0)
                        strcpy(first, d);
                assert_string_equal(d, first);
        }
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_known_answers),
            cmocka_unit_test(test_covered_fields_change_it),
            cmocka_unit_test(test_uncovered_fields_keep_it),
            cmocka_unit_test(test_line_ends_keep_it),
            cmocka_unit_test(test_byte_order_of_ids),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
