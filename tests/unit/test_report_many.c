/* Unit tests of report_run_many(): every kind at once, reading the offices
 * once, gives each kind's report byte for byte as report_run() does alone,
 * on the bundled data and on a generated repository, over the filters and
 * dates; an invalid office is warned about once, not once per kind. */
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

#include "roadmap/out.h"
#include "roadmap/report.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

#define NOFFICES 90
#define NMINISTRIES 4

static char gen[64];
static const char *data = ROADMAP_SOURCE_DIR "/data";

static void write_file(const char *rel, const char *text)
{
        char *path = xasprintf("%s/%s", gen, rel);
        FILE *fp = fopen(path, "w");

        assert_non_null(fp);
        fputs(text, fp);
        fclose(fp);
        free(path);
}

static unsigned long seed = 12345;

static unsigned rnd(unsigned n)
{
        seed = seed * 6364136223846793005ul + 1442695040888963407ul;
        return (unsigned)((seed >> 33) % n);
}

static const char *const statuses[] = {"planned",  "designing", "developing",
                                       "piloting", "live",      "dropped"};
static const char *const wkinds[] = {"roadmap", "design", "leadership"};

/* A history of 1 to 4 entries from 2017 on, forward in time. */
static void add_history(struct strbuf *sb)
{
        int n = 1 + (int)rnd(4), k, day = (int)rnd(300), st = 0;

        strbuf_addstr(sb, "      history:\n");
        for (k = 0; k < n; k++) {
                int y = 2017 + day / 336, m = 1 + (day / 28) % 12;

                strbuf_addf(sb, "        - {date: %d-%02d-%02d, status: %s}\n",
                            y, m, 1 + day % 28, statuses[st]);
                day += 20 + (int)rnd(200);
                /* on, skipping one at times; at times dropped at last */
                st = k == n - 2 && rnd(3) == 0 ? 5 : st + 1 + (int)rnd(2);
                if (st > 5)
                        st = 4;
        }
}

static void add_service(struct strbuf *sb, int j)
{
        strbuf_addf(sb, "  - id: s%d\n    name: Service %d\n", j, j);
        if (rnd(5) == 0)
                strbuf_addf(sb, "    since: 2018-%02d-01\n", 1 + (int)rnd(12));
        strbuf_addf(sb, "    tcv: {days: %u, cost: %u, visits: %u}\n",
                    5 + rnd(30), rnd(900), 1 + rnd(5));
        if (rnd(6) == 0)
                return;
        strbuf_addf(sb,
                    "    plan:\n      priority: %u\n      due: 20%u-%02u-28\n"
                    "      tcv: {days: 1, cost: %u, visits: 1}\n",
                    1 + rnd(4), 18 + rnd(3), 1 + rnd(12), rnd(100));
        add_history(sb);
}

static void add_workshops(struct strbuf *sb)
{
        int n = (int)rnd(4), k;

        strbuf_addstr(sb, n ? "workshops:\n" : "");
        for (k = 0; k < n; k++)
                strbuf_addf(sb,
                            "  - {kind: %s, date: 20%u-%02u-%02u, batch: %u, "
                            "participants: %u, head_present: %s}\n",
                            wkinds[rnd(3)], 17 + rnd(3), 1 + rnd(12),
                            1 + rnd(28), 1 + rnd(4), rnd(30),
                            rnd(2) ? "true" : "false");
}

/* Office i of ministry i % NMINISTRIES, drawn at random: services with and
 * without plans, since dates, workshops, some approved. */
static void write_office(int i)
{
        struct strbuf sb;
        char rel[64];
        int j, n = (int)rnd(9);

        strbuf_init(&sb);
        strbuf_addf(&sb,
                    "roadmap: 1\noffice:\n  id: o%02d\n  name: Office %d\n"
                    "  ministry: m%d\nservices:%s\n",
                    i, i, i % NMINISTRIES, n ? "" : " []");
        for (j = 0; j < n; j++)
                add_service(&sb, j);
        add_workshops(&sb);
        if (rnd(3) == 0)
                strbuf_addf(&sb,
                            "approval: {by: Secretary, date: 2018-%02u-10}\n",
                            1 + rnd(12));
        snprintf(rel, sizeof(rel), "offices/m%d/o%02d.yaml", i % NMINISTRIES,
                 i);
        write_file(rel, sb.buf);
        strbuf_release(&sb);
}

static int setup(void **state)
{
        char rel[128];
        int i;

        strcpy(gen, "/tmp/roadmap-many-test.XXXXXX");
        assert_non_null(mkdtemp(gen));
        write_file("roadmap.yaml", "roadmap: 1\ntitle: t\nministries:\n"
                                   "  - {id: m0, name: Zero}\n"
                                   "  - {id: m1, name: One}\n"
                                   "  - {id: m2, name: Two}\n"
                                   "  - {id: m3, name: Three}\n"
                                   "  - {id: m4, name: Four}\n");
        snprintf(rel, sizeof(rel), "%s/offices", gen);
        mkdir(rel, 0755);
        for (i = 0; i < NMINISTRIES; i++) {
                snprintf(rel, sizeof(rel), "%s/offices/m%d", gen, i);
                mkdir(rel, 0755);
        }
        for (i = 0; i < NOFFICES; i++)
                write_office(i);
        return 0;
}

static int teardown(void **state)
{
        char *cmd = xasprintf("rm -rf '%s'", gen);

        assert_int_equal(system(cmd), 0);
        free(cmd);
        return 0;
}

static char *commit(struct out *out)
{
        char *buf = NULL;
        size_t len = 0;
        FILE *fp = open_memstream(&buf, &len);

        assert_int_equal(out_commit(out, fp), 0);
        fclose(fp);
        return buf;
}

/* Each kind alone (report_run(), one thread) and all at once (several
 * threads, formats by fmt[kind]): the same bytes; the same result and
 * diagnostics.  Without a date, every kind but apa (which needs one). */
static size_t compare(const char *root, struct report_options opt,
                      const enum out_format *fmt)
{
        struct out_style st[REPORT_KIND_COUNT];
        struct out outs[REPORT_KIND_COUNT], *po[REPORT_KIND_COUNT];
        enum report_kind kinds[REPORT_KIND_COUNT];
        struct diag_list one = DIAG_LIST_INIT, many = DIAG_LIST_INIT;
        const struct out_column *cols;
        size_t ncols, n, i, nk = 0;
        int k, rc_one = 0, rc, rc_many;

        for (k = 0; k < REPORT_KIND_COUNT; k++) {
                if (k == REPORT_APA && !date_is_set(opt.filter.as_of))
                        continue;
                st[nk] =
                    (struct out_style){fmt[k], false, false, OUT_GREGORIAN};
                kinds[nk] = (enum report_kind)k;
                cols = report_columns(kinds[nk], &ncols);
                out_init(&outs[nk], &st[nk], cols, ncols);
                po[nk] = &outs[nk];
                nk++;
        }
        opt.jobs = 3;
        rc_many = report_run_many(root, &opt, kinds, po, nk, &many);
        opt.jobs = 1;
        for (i = 0; i < nk; i++) {
                struct out alone;
                char *a, *b;

                cols = report_columns(kinds[i], &ncols);
                out_init(&alone, &st[i], cols, ncols);
                opt.kind = kinds[i];
                rc = report_run(root, &opt, &alone, &one);
                if (i > 0 && rc >= 0)
                        assert_int_equal(rc, rc_one);
                rc_one = rc;
                if (rc >= 0 && rc_many >= 0) {
                        a = commit(&alone);
                        b = commit(&outs[i]);
                        assert_string_equal(a, b);
                        assert_true(strchr(a, '\n') != NULL);
                        free(a);
                        free(b);
                }
                out_release(&alone);
                out_release(&outs[i]);
        }
        assert_int_equal(rc_many, rc_one);
        /* report_run() once per kind: its diagnostics once per kind */
        assert_int_equal(one.n, many.n * nk);
        n = many.n;
        diag_list_release(&one);
        diag_list_release(&many);
        return n;
}

static const enum out_format all_csv[REPORT_KIND_COUNT] = {OUT_CSV};
static const enum out_format mixed[REPORT_KIND_COUNT] = {
    OUT_TABLE, OUT_JSON, OUT_TSV,   OUT_TABLE, OUT_JSON,
    OUT_TABLE, OUT_TSV,  OUT_TABLE, OUT_JSON};

static struct report_options dated(struct date as_of)
{
        struct report_options o;

        memset(&o, 0, sizeof(o));
        o.filter.as_of = as_of;
        o.filter.dated = date_is_set(as_of);
        return o;
}

/* A fiscal year (quarter 0) or quarter from its first day to as_of. */
static struct report_options period(struct date from, struct date as_of)
{
        struct report_options o = dated(as_of);

        o.filter.from = from;
        o.filter.period = true;
        return o;
}

static void test_filters(const char *root, const char *const *ministry,
                         const char *const *offices)
{
        static const enum status sts[] = {STATUS_LIVE, STATUS_DEVELOPING,
                                          STATUS_PLANNED};
        struct report_options o;
        size_t i;

        compare(root, dated((struct date){0, 0, 0}), all_csv);
        compare(root, dated((struct date){2019, 3, 15}), all_csv);
        compare(root, dated((struct date){2019, 3, 15}), mixed);
        compare(root,
                period((struct date){2018, 7, 1}, (struct date){2019, 6, 30}),
                all_csv);
        compare(root,
                period((struct date){2018, 10, 1}, (struct date){2018, 12, 31}),
                all_csv);
        compare(root,
                period((struct date){2018, 7, 1}, (struct date){2018, 8, 10}),
                mixed);
        o = dated((struct date){2020, 6, 30});
        o.filter.ministries = ministry;
        o.filter.nministries = 1;
        compare(root, o, all_csv);
        o = dated((struct date){2020, 7, 1});
        o.filter.offices = offices;
        o.filter.noffices = 2;
        compare(root, o, all_csv);
        for (i = 0; i < sizeof(sts) / sizeof(sts[0]); i++) {
                o = dated((struct date){2019, 12, 31});
                o.filter.by_status = true;
                o.filter.status = sts[i];
                compare(root, o, all_csv);
        }
        o = period((struct date){2018, 7, 1}, (struct date){2019, 6, 30});
        o.filter.by_status = o.filter.status_none = true;
        compare(root, o, all_csv);
}

static void test_bundled_data(void **state)
{
        static const char *const lgd[] = {"lgd"};
        static const char *const offices[] = {"lged", "dphe"};

        test_filters(data, lgd, offices);
}

static void test_generated(void **state)
{
        static const char *const m1[] = {"m1"};
        static const char *const offices[] = {"o05", "o10"};

        test_filters(gen, m1, offices);
}

/* An invalid office: with keep_going, one warning for all the kinds. */
static void test_keep_going_warns_once(void **state)
{
        struct report_options o = dated((struct date){2019, 1, 1});

        write_file("offices/m1/o97.yaml",
                   "roadmap: 1\noffice: {id: o97, name: X, ministry: m1}\n"
                   "services:\n  - {id: x, name: X, plan: {priority: 0}}\n");
        o.keep_going = true;
        assert_int_equal(compare(gen, o, all_csv), 1);
        o.keep_going = false;
        assert_true(compare(gen, o, all_csv) >= 1);
        write_file("offices/m1/o97.yaml",
                   "roadmap: 1\noffice: {id: o97, name: X, ministry: m1}\n"
                   "services: []\n");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_bundled_data),
            cmocka_unit_test(test_generated),
            cmocka_unit_test(test_keep_going_warns_once),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
