/* Unit tests of report: aggregation against counts computed here, thread
 * independence, failure and --keep-going, as-of dates. */
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

#define NOFFICES 60
#define NMINISTRIES 3

static char root[64];

static void write_file(const char *rel, const char *text)
{
        char *path = xasprintf("%s/%s", root, rel);
        FILE *fp = fopen(path, "w");

        assert_non_null(fp);
        fputs(text, fp);
        fclose(fp);
        free(path);
}

static void make_dir(const char *rel)
{
        char *path = xasprintf("%s/%s", root, rel);

        mkdir(path, 0755);
        free(path);
}

/* Office i of ministry i % NMINISTRIES has i % 7 services; service j is
 * planned on 2018-01-0(1 + j % 5) and live from 2018-03-01 when j is
 * even; the office has a roadmap workshop with i % 4 participants in
 * batch 1 + i % 3. */
static void write_office(int i)
{
        struct strbuf sb;
        char rel[64];
        int j;

        strbuf_init(&sb);
        strbuf_addf(&sb,
                    "roadmap: 1\noffice:\n  id: o%02d\n  name: Office %d\n"
                    "  ministry: m%d\nservices:%s\n",
                    i, i, i % NMINISTRIES, i % 7 ? "" : " []");
        for (j = 0; j < i % 7; j++) {
                strbuf_addf(&sb,
                            "  - id: s%d\n    name: Service %d\n"
                            "    tcv: {days: %d, cost: 100, visits: 2}\n"
                            "    plan:\n      priority: %d\n"
                            "      tcv: {days: 1, cost: 0, visits: 1}\n"
                            "      history:\n"
                            "        - {date: 2018-01-0%d, status: planned}\n",
                            j, j, 10 + j, 1 + j % 2, 1 + j % 5);
                if (j % 2 == 0)
                        strbuf_addstr(&sb, "        - {date: 2018-03-01, "
                                           "status: live}\n");
        }
        strbuf_addf(&sb,
                    "workshops:\n  - {kind: roadmap, date: 2017-08-20, "
                    "batch: %d, participants: %d}\n",
                    1 + i % 3, i % 4);
        snprintf(rel, sizeof(rel), "offices/m%d/o%02d.yaml", i % NMINISTRIES,
                 i);
        write_file(rel, sb.buf);
        strbuf_release(&sb);
}

static int setup(void **state)
{
        char rel[32];
        int i;

        strcpy(root, "/tmp/roadmap-report-test.XXXXXX");
        assert_non_null(mkdtemp(root));
        write_file("roadmap.yaml", "roadmap: 1\ntitle: t\nministries:\n"
                                   "  - {id: m0, name: Zero}\n"
                                   "  - {id: m1, name: One}\n"
                                   "  - {id: m2, name: Two}\n");
        make_dir("offices");
        for (i = 0; i < NMINISTRIES; i++) {
                snprintf(rel, sizeof(rel), "offices/m%d", i);
                make_dir(rel);
        }
        for (i = 0; i < NOFFICES; i++)
                write_office(i);
        return 0;
}

static int teardown(void **state)
{
        char *cmd = xasprintf("rm -rf '%s'", root);

        assert_int_equal(system(cmd), 0);
        free(cmd);
        return 0;
}

/* What the last run's report_run() returned. */
static int run_rc;

/* Run a report; returns its bytes (caller frees) or NULL if it failed. */
static char *run(const struct report_options *opt, enum out_format fmt,
                 struct diag_list *dl)
{
        struct out_style st = {fmt, false, false, OUT_GREGORIAN};
        const struct out_column *cols;
        struct out out;
        char *buf = NULL;
        size_t ncols, len = 0;
        FILE *fp;
        int rc;

        cols = report_columns(opt->kind, &ncols);
        out_init(&out, &st, cols, ncols);
        rc = report_run(root, opt, &out, dl);
        run_rc = rc;
        if (rc >= 0) {
                fp = open_memstream(&buf, &len);
                assert_int_equal(out_commit(&out, fp), 0);
                fclose(fp);
        }
        out_release(&out);
        return buf;
}

static struct report_options options(enum report_kind kind, unsigned jobs)
{
        struct report_options o;

        memset(&o, 0, sizeof(o));
        o.kind = kind;
        o.jobs = jobs;
        return o;
}

static void test_totals_match_the_data(void **state)
{
        struct report_options o = options(REPORT_TOTALS, 3);
        struct diag_list dl = DIAG_LIST_INIT;
        long services = 0, live = 0, prio1 = 0, participants = 0, days = 0;
        char want[256], *got;
        int i, j;

        for (i = 0; i < NOFFICES; i++) {
                for (j = 0; j < i % 7; j++) {
                        services++;
                        live += j % 2 == 0;
                        prio1 += j % 2 == 0; /* priority 1 + j % 2 */
                        days += 10 + j;
                }
                participants += i % 4;
        }
        /* every service is planned; days saved are (10 + j) - 1 */
        snprintf(want, sizeof(want),
                 "ministries,offices,services,planned,live,approved_offices,"
                 "participants,priority1,");
        got = run(&o, OUT_CSV, &dl);
        assert_non_null(got);
        assert_memory_equal(got, want, strlen(want));
        snprintf(want, sizeof(want), "\n%d,%d,%ld,%ld,%ld,0,%ld,%ld,0,",
                 NMINISTRIES, NOFFICES, services, services, live, participants,
                 prio1);
        assert_non_null(strstr(got, want));
        /* now (days 10 + j, cost 100, visits 2) and target (1, 0, 1): the
         * saved columns are their difference; nothing is overdue */
        assert_non_null(strstr(got, ",days_saved,cost_saved,visits_saved,"
                                    "overdue,days_now,cost_now,visits_now,"
                                    "days_target,cost_target,visits_target\n"));
        snprintf(want, sizeof(want), ",%ld,%ld,%ld,0,%ld,%ld,%ld,%ld,0,%ld\n",
                 days - services, 100 * services, services, days,
                 100 * services, 2 * services, services, services);
        assert_non_null(strstr(got, want));
        free(got);
        diag_list_release(&dl);
}

static void test_threads_do_not_change_output(void **state)
{
        enum report_kind k;

        for (k = 0; k < REPORT_KIND_COUNT; k++) {
                struct report_options one = options(k, 1), many = options(k, 8);
                struct diag_list dl = DIAG_LIST_INIT;
                char *a, *b;

                one.filter.as_of.y = many.filter.as_of.y = 2018;
                one.filter.as_of.m = many.filter.as_of.m = 1;
                one.filter.as_of.d = many.filter.as_of.d = 3;
                a = run(&one, OUT_JSON, &dl);
                b = run(&many, OUT_JSON, &dl);
                assert_non_null(a);
                assert_non_null(b);
                assert_string_equal(a, b);
                free(a);
                free(b);
                assert_int_equal(dl.n, 0);
                diag_list_release(&dl);
        }
}

static void test_rows_sorted_by_ministry_then_office(void **state)
{
        struct report_options o = options(REPORT_OFFICES, 4);
        struct diag_list dl = DIAG_LIST_INIT;
        char *got = run(&o, OUT_CSV, &dl), *line, *save = NULL;
        char prev[64] = "";

        assert_non_null(got);
        line = strtok_r(got, "\n", &save); /* header */
        while ((line = strtok_r(NULL, "\n", &save))) {
                char key[64];
                size_t n = strcspn(line, ",");
                size_t m = strcspn(line + n + 1, ",");

                snprintf(key, sizeof(key), "%.*s %.*s", (int)n, line, (int)m,
                         line + n + 1);
                assert_true(strcmp(prev, key) < 0);
                strcpy(prev, key);
        }
        free(got);
        diag_list_release(&dl);
}

static void test_as_of_counts_status_then(void **state)
{
        static const char *const o13[] = {"o13"}; /* 6 services */
        struct report_options o = options(REPORT_PROGRESS, 2);
        struct diag_list dl = DIAG_LIST_INIT;
        char *got;
        long planned = 0, changed = 0;
        char want[128];
        int i, j;

        /* 2018-01-02: services with j % 5 == 0 or 1 are planned, and all
         * of those changed status in January */
        o.filter.as_of = (struct date){2018, 1, 2};
        o.filter.offices = o13;
        o.filter.noffices = 1;
        for (i = 13, j = 0; j < i % 7; j++)
                if (j % 5 <= 1)
                        planned++, changed++;
        got = run(&o, OUT_CSV, &dl);
        assert_non_null(got);
        snprintf(want, sizeof(want), "\nm1,o13,%ld,0,0,0,0,0,%ld,6,0\n",
                 planned, changed);
        assert_non_null(strstr(got, want));
        free(got);
        diag_list_release(&dl);
}

/* Office zz (ministry m2), for the tests of since and overdue: a has no
 * since; b entered on 2018-02-01 though planned on 2018-01-01; c entered
 * on 2018-01-01, developing, due 2018-01-31. */
static const char zz_yaml[] =
    "roadmap: 1\noffice: {id: zz, name: Zed, ministry: m2}\nservices:\n"
    "  - {id: a, name: A}\n"
    "  - {id: b, name: B, since: 2018-02-01, plan: {priority: 1, due: "
    "2018-03-01, history: [{date: 2018-01-01, status: planned}]}}\n"
    "  - {id: c, name: C, since: 2018-01-01, plan: {priority: 2, due: "
    "2018-01-31, history: [{date: 2018-01-01, status: developing}]}}\n";

static char *run_zz(enum report_kind kind, enum out_format fmt,
                    struct date as_of)
{
        static const char *const zz[] = {"zz"};
        struct report_options o = options(kind, 2);
        struct diag_list dl = DIAG_LIST_INIT;
        char *got;

        o.filter.as_of = as_of;
        o.filter.offices = zz;
        o.filter.noffices = 1;
        got = run(&o, fmt, &dl);
        assert_non_null(got);
        diag_list_release(&dl);
        return got;
}

static void remove_file(const char *rel)
{
        char *path = xasprintf("%s/%s", root, rel);

        assert_int_equal(unlink(path), 0);
        free(path);
}

static void test_since_leaves_out_later_services(void **state)
{
        char *got;

        write_file("offices/m2/zz.yaml", zz_yaml);
        got = run_zz(REPORT_SERVICES, OUT_CSV, (struct date){2017, 12, 31});
        assert_non_null(strstr(got, "\nm2,zz,a,"));
        assert_null(strstr(got, ",zz,b,"));
        assert_null(strstr(got, ",zz,c,"));
        free(got);
        /* b is left out the day before its since, its plan nonetheless */
        got = run_zz(REPORT_PROGRESS, OUT_CSV, (struct date){2018, 1, 31});
        assert_non_null(strstr(got, "\nm2,zz,0,0,1,0,0,0,1,2,0\n"));
        free(got);
        got = run_zz(REPORT_PROGRESS, OUT_CSV, (struct date){2018, 2, 1});
        assert_non_null(strstr(got, "\nm2,zz,1,0,1,0,0,0,0,3,1\n"));
        free(got);
        got = run_zz(REPORT_TOTALS, OUT_CSV, (struct date){2017, 12, 31});
        assert_non_null(strstr(got, "\n1,1,1,0,0,"));
        free(got);
        remove_file("offices/m2/zz.yaml");
}

static void test_overdue_from_the_day_after_due(void **state)
{
        char *got;

        write_file("offices/m2/zz.yaml", zz_yaml);
        got = run_zz(REPORT_SERVICES, OUT_CSV, (struct date){2018, 1, 31});
        assert_non_null(strstr(got, ",zz,c,C,,,,,,yes,2,2018-01-31,developing,"
                                    "2018-01-01,,,,,,,,,,no\n"));
        assert_non_null(strstr(got, ",zz,a,A,,,,,,no,,,,,,,,,,,,,,\n"));
        free(got);
        got = run_zz(REPORT_SERVICES, OUT_CSV, (struct date){2018, 2, 1});
        assert_non_null(strstr(got, "developing,2018-01-01,,,,,,,,,,yes\n"));
        free(got);
        got = run_zz(REPORT_OFFICES, OUT_JSON, (struct date){2018, 2, 1});
        assert_non_null(strstr(got, "\"overdue\":1}"));
        free(got);
        /* no date: the latest state, and nothing is overdue */
        got = run_zz(REPORT_PROGRESS, OUT_CSV, (struct date){0, 0, 0});
        assert_non_null(strstr(got, ",3,0\n"));
        free(got);
        remove_file("offices/m2/zz.yaml");
}

static void test_progress_table_heading_and_total(void **state)
{
        char *got, *last;

        write_file("offices/m2/zz.yaml", zz_yaml);
        got = run_zz(REPORT_PROGRESS, OUT_TABLE, (struct date){2018, 2, 1});
        assert_non_null(strstr(got, "status\n"));
        assert_memory_equal(strchr(got, '\n') + 1, "   ", 3);
        assert_non_null(strstr(got, "\nministry  office  planned"));
        got[strlen(got) - 1] = '\0';
        last = strrchr(got, '\n') + 1;
        assert_memory_equal(last, "Total", 5);
        free(got);
        got = run_zz(REPORT_PROGRESS, OUT_CSV, (struct date){2018, 2, 1});
        assert_null(strstr(got, "Total"));
        assert_memory_equal(got, "ministry,", 9);
        free(got);
        remove_file("offices/m2/zz.yaml");
}

static void test_offices_and_ministries_any_of(void **state)
{
        static const char *const offices[] = {"o02", "o01", "o02"};
        static const char *const ministries[] = {"m2", "m0"};
        static const char *const unknown[] = {"o01", "o1", "nosuch-at-all"};
        struct report_options o = options(REPORT_OFFICES, 2);
        struct diag_list dl = DIAG_LIST_INIT;
        char *got;

        o.filter.offices = offices;
        o.filter.noffices = 3;
        got = run(&o, OUT_CSV, &dl);
        assert_non_null(got);
        assert_non_null(strstr(got, "\nm1,o01,"));
        assert_non_null(strstr(got, "\nm2,o02,"));
        assert_int_equal(strstr(strstr(got, "o02,") + 1, "o02,") == NULL, 1);
        free(got);
        o = options(REPORT_MINISTRIES, 2);
        o.filter.ministries = ministries;
        o.filter.nministries = 2;
        got = run(&o, OUT_CSV, &dl);
        assert_non_null(got);
        assert_non_null(strstr(got, "\nm0,Zero,"));
        assert_non_null(strstr(got, "\nm2,Two,"));
        assert_null(strstr(got, "\nm1,"));
        free(got);
        /* each unknown office is an error, the near one with a hint */
        o = options(REPORT_OFFICES, 2);
        o.filter.offices = unknown;
        o.filter.noffices = 3;
        assert_null(run(&o, OUT_CSV, &dl));
        assert_int_equal(run_rc, -1);
        assert_int_equal(diag_count(&dl, DIAG_ERROR), 2);
        assert_string_equal(dl.items[0].msg, "no office 'o1'");
        assert_non_null(dl.items[0].hint);
        assert_memory_equal(dl.items[0].hint, "did you mean 'o", 15);
        assert_string_equal(dl.items[1].msg, "no office 'nosuch-at-all'");
        assert_null(dl.items[1].hint);
        diag_list_release(&dl);
}

static void test_invalid_office_fails_unless_keep_going(void **state)
{
        struct report_options o = options(REPORT_TOTALS, 2);
        struct diag_list dl = DIAG_LIST_INIT;
        char *got;

        write_file("offices/m1/o07.yaml",
                   "roadmap: 1\noffice: {id: o07, name: Seven, ministry: m1}\n"
                   "services:\n  - {id: x, name: X, plan: {priority: 0}}\n");
        got = run(&o, OUT_CSV, &dl);
        assert_null(got);
        assert_int_equal(run_rc, -1);
        assert_true(diag_count(&dl, DIAG_ERROR) > 0);
        assert_string_equal(dl.items[0].path + strlen(dl.items[0].path) -
                                strlen("offices/m1/o07.yaml"),
                            "offices/m1/o07.yaml");
        diag_list_release(&dl);

        diag_list_init(&dl);
        o.keep_going = true;
        got = run(&o, OUT_CSV, &dl);
        assert_non_null(got);
        assert_int_equal(run_rc, 1); /* one office left out */
        assert_int_equal(diag_count(&dl, DIAG_ERROR), 0);
        assert_int_equal(diag_count(&dl, DIAG_WARNING), 1);
        assert_non_null(strstr(got, "\n3,59,"));
        free(got);
        diag_list_release(&dl);
        write_office(7);

        diag_list_init(&dl);
        got = run(&o, OUT_CSV, &dl);
        assert_non_null(got);
        assert_int_equal(run_rc, 0); /* nothing left out */
        free(got);
        diag_list_release(&dl);
}

/* kk: p (priority 1, due 2019-03-31) open; q (priority 3) live on
 * 2019-06-30 while p is open; r (priority 2) live on 2019-07-01; a
 * leadership workshop with the head in 2018-09 and a roadmap one on
 * 2019-06-30. */
static const char kk_yaml[] =
    "roadmap: 1\noffice: {id: kk, name: Kay, ministry: m2, name_bn: কেকে}\n"
    "services:\n"
    "  - {id: p, name: P, plan: {priority: 1, due: 2019-03-31, history: "
    "[{date: 2018-08-01, status: developing}]}}\n"
    "  - {id: q, name: Q, plan: {priority: 3, history: [{date: 2018-08-01, "
    "status: planned}, {date: 2019-06-30, status: live}]}}\n"
    "  - {id: r, name: R, plan: {priority: 2, history: [{date: 2018-08-01, "
    "status: planned}, {date: 2019-07-01, status: live}]}}\n"
    "workshops:\n"
    "  - {kind: leadership, date: 2018-09-15, participants: 12, "
    "head_present: true}\n"
    "  - {kind: roadmap, date: 2019-06-30, participants: 20}\n";

static char *run_kk(enum report_kind kind, struct date as_of)
{
        static const char *const kk[] = {"kk"};
        struct report_options o = options(kind, 2);
        struct diag_list dl = DIAG_LIST_INIT;
        char *got;

        o.filter.as_of = as_of;
        o.filter.dated = true;
        o.filter.offices = kk;
        o.filter.noffices = 1;
        got = run(&o, OUT_CSV, &dl);
        assert_non_null(got);
        diag_list_release(&dl);
        return got;
}

static void test_overdue_rows(void **state)
{
        char *got;

        write_file("offices/m2/kk.yaml", kk_yaml);
        got = run_kk(REPORT_OVERDUE, (struct date){2019, 4, 1});
        assert_string_equal(got, "ministry,office,service,name,priority,due,"
                                 "status,status_date,days_overdue,name_bn,"
                                 "office_name,office_name_bn\nm2,kk,p,P,1,"
                                 "2019-03-31,developing,2018-08-01,1,,Kay,"
                                 "কেকে\n");
        free(got);
        got = run_kk(REPORT_OVERDUE, (struct date){2019, 3, 31});
        assert_null(strchr(strchr(got, '\n') + 1, '\n'));
        free(got);
        remove_file("offices/m2/kk.yaml");
}

static void test_apa_fiscal_year_and_priority(void **state)
{
        char *got;

        write_file("offices/m2/kk.yaml", kk_yaml);
        /* 2018-19: q live on its last day, while p is open */
        got = run_kk(REPORT_APA, (struct date){2019, 6, 30});
        assert_non_null(strstr(got, "\nm2,kk,Kay,2018-19,1,1,1,1,none,0,1,32,0,"
                                    "কেকে\n"
                                    "m2,,Two,2018-19,1,1,1,1,,0,1,32,0,\n"
                                    ",,Total,2018-19,1,1,1,1,,0,1,32,0,\n"));
        free(got);
        /* 2019-20 from its first day: r counts, q does not */
        got = run_kk(REPORT_APA, (struct date){2019, 7, 1});
        assert_non_null(
            strstr(got, "\nm2,kk,Kay,2019-20,1,1,1,1,none,0,1,0,1,কেকে\n"));
        free(got);
        remove_file("offices/m2/kk.yaml");
}

/* apa's fiscal year is the report date's: without one, an error, not
 * the fiscal year of 9999-12-31 */
static void test_apa_needs_a_date(void **state)
{
        static const enum report_kind kinds[] = {REPORT_TOTALS, REPORT_APA};
        struct report_options o = options(REPORT_APA, 2);
        struct diag_list dl = DIAG_LIST_INIT;
        const struct out_column *cols;
        struct out_style st = {OUT_CSV, false, false, OUT_GREGORIAN};
        struct out outs[2], *po[2] = {&outs[0], &outs[1]};
        size_t i, n;

        assert_null(run(&o, OUT_CSV, &dl));
        assert_int_equal(run_rc, -1);
        assert_int_equal(dl.n, 1);
        assert_string_equal(dl.items[0].msg,
                            "the apa report needs a report date: its fiscal "
                            "year is the date's");
        diag_list_release(&dl);
        for (i = 0; i < 2; i++) {
                cols = report_columns(kinds[i], &n);
                out_init(&outs[i], &st, cols, n);
        }
        assert_int_equal(report_run_many(root, &o, kinds, po, 2, &dl), -1);
        assert_int_equal(diag_count(&dl, DIAG_ERROR), 1);
        for (i = 0; i < 2; i++)
                out_release(&outs[i]);
        diag_list_release(&dl);
}

static void test_training_quarters(void **state)
{
        char *got;

        write_file("offices/m2/kk.yaml", kk_yaml);
        got = run_kk(REPORT_TRAINING, (struct date){2019, 12, 31});
        assert_string_equal(got,
                            "fy,quarter,from,to,roadmap,design,"
                            "leadership,participants,offices,"
                            "heads_present\n"
                            "2018-19,1,2018-07-01,2018-09-30,0,0,12,12,1,1\n"
                            "2018-19,4,2019-04-01,2019-06-30,20,0,0,20,1,0\n");
        free(got);
        remove_file("offices/m2/kk.yaml");
}

/* pp: a has days now and a target, cost now without one; b has no plan; c
 * is dropped; d has visits now and a target, a cost target without cost
 * now.  Only the pairs of a planned service count. */
static const char pp_yaml[] =
    "roadmap: 1\noffice: {id: pp, name: Pee, ministry: m2}\nservices:\n"
    "  - {id: a, name: A, tcv: {days: 10, cost: 50}, plan: {priority: 1, "
    "tcv: {days: 4}, history: [{date: 2018-01-01, status: planned}]}}\n"
    "  - {id: b, name: B, tcv: {days: 7, cost: 9, visits: 2}}\n"
    "  - {id: c, name: C, tcv: {days: 30}, plan: {priority: 1, tcv: {days: "
    "1}, history: [{date: 2018-01-01, status: dropped}]}}\n"
    "  - {id: d, name: D, tcv: {visits: 3}, plan: {priority: 2, tcv: {visits: "
    "1, cost: 5}, history: [{date: 2018-01-01, status: planned}]}}\n";

static void test_now_and_target_only_where_both(void **state)
{
        static const char *const pp[] = {"pp"};
        struct report_options o = options(REPORT_TOTALS, 2);
        struct diag_list dl = DIAG_LIST_INIT;
        char *got;

        write_file("offices/m2/pp.yaml", pp_yaml);
        o.filter.offices = pp;
        o.filter.noffices = 1;
        got = run(&o, OUT_CSV, &dl);
        assert_non_null(got);
        /* days 10 - 4, cost none, visits 3 - 1 */
        assert_non_null(strstr(got, ",6,0,2,0,10,0,3,4,0,1\n"));
        free(got);
        o.kind = REPORT_MINISTRIES;
        got = run(&o, OUT_CSV, &dl);
        assert_non_null(got);
        assert_non_null(strstr(got, "\nm2,Two,1,4,"));
        assert_non_null(strstr(got, ",6,0,2,0,10,0,3,4,0,1\n"));
        free(got);
        diag_list_release(&dl);
        remove_file("offices/m2/pp.yaml");
}

static void test_kind_names_and_columns(void **state)
{
        enum report_kind k;
        const struct out_column *cols;
        size_t n;

        assert_int_equal(report_kind_parse("workshops", &k), 0);
        assert_int_equal(k, REPORT_WORKSHOPS);
        assert_int_equal(report_kind_parse("office", &k), -1);
        for (k = 0; k < REPORT_KIND_COUNT; k++) {
                enum report_kind back;
                assert_int_equal(report_kind_parse(report_kind_name(k), &back),
                                 0);
                assert_int_equal(back, k);
        }
        cols = report_columns(REPORT_SERVICES, &n);
        assert_true(n >= 17);
        assert_string_equal(cols[0].name, "ministry");
        assert_string_equal(cols[9].name, "planned");
        assert_int_equal(cols[9].type, OUT_BOOL);
        assert_string_equal(cols[16].name, "target_visits");
        cols = report_columns(REPORT_APA, &n);
        assert_true(n >= 14);
        assert_string_equal(cols[12].name, "priority_first");
        cols = report_columns(REPORT_OVERDUE, &n);
        assert_string_equal(cols[8].name, "days_overdue");
        assert_int_equal(cols[8].type, OUT_INT);
        cols = report_columns(REPORT_TRAINING, &n);
        assert_string_equal(cols[2].name, "from");
        assert_int_equal(cols[2].type, OUT_DATE);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_kind_names_and_columns),
            cmocka_unit_test(test_totals_match_the_data),
            cmocka_unit_test(test_now_and_target_only_where_both),
            cmocka_unit_test(test_threads_do_not_change_output),
            cmocka_unit_test(test_rows_sorted_by_ministry_then_office),
            cmocka_unit_test(test_as_of_counts_status_then),
            cmocka_unit_test(test_since_leaves_out_later_services),
            cmocka_unit_test(test_overdue_from_the_day_after_due),
            cmocka_unit_test(test_progress_table_heading_and_total),
            cmocka_unit_test(test_offices_and_ministries_any_of),
            cmocka_unit_test(test_invalid_office_fails_unless_keep_going),
            cmocka_unit_test(test_overdue_rows),
            cmocka_unit_test(test_apa_fiscal_year_and_priority),
            cmocka_unit_test(test_apa_needs_a_date),
            cmocka_unit_test(test_training_quarters),
        };
        return cmocka_run_group_tests(tests, setup, teardown);
}
