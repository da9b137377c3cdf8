/*
 * roadmap report [KIND] [options]: aggregate the repository into csv, tsv,
 * json or a table (roadmap-report(1)).
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roadmap/cli.h"
#include "roadmap/commands.h"
#include "roadmap/fiscal.h"
#include "roadmap/out.h"
#include "roadmap/report.h"
#include "roadmap/scan.h"
#include "roadmap/strbuf.h"

static const char usage[] =
    "roadmap report [KIND] [--format csv|tsv|json|table] [--excel] "
    "[--as-of DATE] [--ministry M] [--office O] [--status S] "
    "[--calendar gregorian|bangla] [--digits latin|bengali] "
    "[--fy YYYY-YY] [--quarter Q] [--jobs N] [--keep-going]";
static const char description[] =
    "Aggregate every office of the repository into one report.  KIND is\n"
    "offices (the default), services, ministries, workshops, totals or\n"
    "progress.  Rows are sorted by ministry id, office id, then service\n"
    "order in the file.  Any invalid office fails the report (exit 1,\n"
    "nothing written) unless --keep-going, which leaves it out (exit 3).\n"
    "\n"
    "  --format F        csv (default), tsv, json or table\n"
    "  --excel           csv for spreadsheets: UTF-8 BOM and CRLF line ends\n"
    "  --as-of DATE      each service's status, approvals and workshops as\n"
    "                    of DATE (default today); with --fy or --quarter\n"
    "                    DATE must fall in that period, which it then ends\n"
    "  --ministry M      only the offices of ministry M\n"
    "  --office O        only office O\n"
    "  --status S        only services whose status is S (planned,\n"
    "                    designing, developing, piloting, live, dropped,\n"
    "                    or none for services without a plan)\n"
    "  --calendar C      dates as gregorian (ISO) or bangla (১৬ কার্তিক ১৪২৪)\n"
    "  --digits D        numbers (and ISO dates) in latin or bengali digits\n"
    "  --fy YYYY-YY      the fiscal year (July to June): the state at its\n"
    "                    end, workshops and status changes within it\n"
    "  --quarter Q       only quarter 1 (Jul-Sep) to 4 (Apr-Jun) of the\n"
    "                    fiscal year of --fy, else of --as-of, else of today\n"
    "  --jobs N          read with N threads (default: $ROADMAP_JOBS or the\n"
    "                    number of CPUs); the output never depends on N\n"
    "  --keep-going      skip invalid offices with a warning each, exit 3\n";

enum {
        OPT_FORMAT = 256,
        OPT_EXCEL,
        OPT_AS_OF,
        OPT_MINISTRY,
        OPT_OFFICE,
        OPT_STATUS,
        OPT_CALENDAR,
        OPT_DIGITS,
        OPT_JOBS,
        OPT_KEEP_GOING,
        OPT_FY,
        OPT_QUARTER,
};

static const struct option options[] = {
    {"format", required_argument, NULL, OPT_FORMAT},
    {"excel", no_argument, NULL, OPT_EXCEL},
    {"as-of", required_argument, NULL, OPT_AS_OF},
    {"ministry", required_argument, NULL, OPT_MINISTRY},
    {"office", required_argument, NULL, OPT_OFFICE},
    {"status", required_argument, NULL, OPT_STATUS},
    {"calendar", required_argument, NULL, OPT_CALENDAR},
    {"digits", required_argument, NULL, OPT_DIGITS},
    {"jobs", required_argument, NULL, OPT_JOBS},
    {"keep-going", no_argument, NULL, OPT_KEEP_GOING},
    {"fy", required_argument, NULL, OPT_FY},
    {"quarter", required_argument, NULL, OPT_QUARTER},
    {NULL, 0, NULL, 0},
};

struct args {
        struct report_options opt;
        struct out_style style;
        bool as_of_given;
        bool fy_given;
        struct fiscal_year fy;
        long quarter; /* 0: the whole year */
};

static int bad_value(const char *opt, const char *value, const char *allowed)
{
        return cli_usage_error("report", usage, "invalid %s '%s' (%s)", opt,
                               value, allowed);
}

/* The one jobs rule (scan.h), for --jobs and $ROADMAP_JOBS. */
static int parse_jobs(const char *opt, const char *value, unsigned *jobs)
{
        const char *why = scan_jobs_parse(value, jobs);

        if (!why)
                return 0;
        return cli_usage_error("report", usage, "invalid %s '%s': %s", opt,
                               value, why);
}

static int default_jobs(unsigned *jobs)
{
        if (!scan_jobs_default(jobs))
                return 0;
        return parse_jobs(SCAN_JOBS_ENV, getenv(SCAN_JOBS_ENV), jobs);
}

static int parse_status(const char *value, struct report_filter *f)
{
        f->by_status = true;
        if (strcmp(value, "none") == 0) {
                f->status_none = true;
                return 0;
        }
        if (status_parse(value, &f->status) != 0)
                return bad_value("--status", value,
                                 "planned, designing, developing, piloting, "
                                 "live, dropped or none");
        return 0;
}

static int parse_fy(struct args *a, const char *v)
{
        const char *why;

        if (fiscal_parse(v, &a->fy, &why) != 0) {
                fprintf(stderr, "roadmap report: invalid --fy '%s': %s\n", v,
                        why);
                return EXIT_USAGE;
        }
        a->fy_given = true;
        return 0;
}

static int parse_one(struct args *a, int c, const char *v)
{
        switch (c) {
        case OPT_FORMAT:
                return out_format_parse(v, &a->style.format) == 0
                           ? 0
                           : bad_value("--format", v,
                                       "csv, tsv, json or table");
        case OPT_EXCEL:
                a->style.excel = true;
                return 0;
        case OPT_AS_OF:
                a->as_of_given = true;
                return cli_parse_date("report", "--as-of", v,
                                      &a->opt.filter.as_of) == 0
                           ? 0
                           : EXIT_USAGE;
        case OPT_MINISTRY:
                a->opt.filter.ministry = v;
                return 0;
        case OPT_OFFICE:
                a->opt.filter.office = v;
                return 0;
        case OPT_STATUS:
                return parse_status(v, &a->opt.filter);
        case OPT_CALENDAR:
                if (out_calendar_parse(v, &a->style.calendar) != 0)
                        return bad_value("--calendar", v,
                                         "gregorian or bangla");
                return 0;
        case OPT_DIGITS:
                if (strcmp(v, "latin") == 0 || strcmp(v, "bengali") == 0) {
                        a->style.bengali_digits = strcmp(v, "bengali") == 0;
                        a->opt.memo_digits = a->style.bengali_digits
                                                 ? REPORT_MEMO_BENGALI
                                                 : REPORT_MEMO_LATIN;
                        return 0;
                }
                return bad_value("--digits", v, "latin or bengali");
        case OPT_JOBS:
                return parse_jobs("--jobs", v, &a->opt.jobs);
        case OPT_KEEP_GOING:
                a->opt.keep_going = true;
                return 0;
        case OPT_FY:
                return parse_fy(a, v);
        case OPT_QUARTER:
                if (cli_parse_number("report", "--quarter", v, &a->quarter))
                        return EXIT_USAGE;
                if (a->quarter < 1 || a->quarter > 4)
                        return bad_value("--quarter", v, "1 to 4");
                return 0;
        }
        return cli_usage_error("report", usage, "unknown option");
}

static int outside_period(const struct args *a, struct date from,
                          struct date to)
{
        char as_of[11], first[11], last[11], quarter[16] = "";
        struct strbuf fy;
        int rc;

        date_format_iso(a->opt.filter.as_of, as_of);
        date_format_iso(from, first);
        date_format_iso(to, last);
        if (a->quarter)
                snprintf(quarter, sizeof(quarter), "quarter %ld of ",
                         a->quarter);
        strbuf_init(&fy);
        fiscal_format(a->fy, &fy);
        rc = cli_usage_error("report", usage,
                             "--as-of %s is outside %sfiscal year %s "
                             "(%s to %s)",
                             as_of, quarter, fy.buf, first, last);
        strbuf_release(&fy);
        return rc;
}

/*
 * The dates the report describes.  --fy and --quarter select a period: the
 * fiscal year of --fy (else of --as-of, else of today), or that year's
 * quarter, with its own first and last day.  The report's date is the end
 * of the period, or an --as-of inside it (the period is cut there); an
 * --as-of outside it is a usage error.  Without a period the date is
 * --as-of, else today.
 */
static int resolve_period(struct args *a)
{
        struct report_filter *f = &a->opt.filter;
        struct date from, to, today = {0, 0, 0};

        f->dated = a->as_of_given || a->fy_given || a->quarter;
        if (!a->as_of_given && !a->fy_given && cli_today(&today) != 0)
                return EXIT_USAGE;
        if (a->fy_given || a->quarter) {
                if (!a->fy_given)
                        a->fy = fiscal_of(a->as_of_given ? f->as_of : today);
                fiscal_range(a->fy, (int)a->quarter, &from, &to);
                if (a->as_of_given &&
                    !fiscal_contains(a->fy, (int)a->quarter, f->as_of))
                        return outside_period(a, from, to);
                f->from = from;
                f->period = true;
                if (!a->as_of_given)
                        f->as_of = to;
        }
        if (!date_is_set(f->as_of))
                f->as_of = today;
        return 0;
}

static int parse_args(int argc, char **argv, struct args *a)
{
        int c, rc;

        memset(a, 0, sizeof(*a));
        a->opt.kind = REPORT_OFFICES;
        a->style.format = OUT_CSV;
        if ((rc = default_jobs(&a->opt.jobs)) != 0)
                return rc;
        optind = 0;
        opterr = 0;
        while ((c = getopt_long(argc, argv, ":", options, NULL)) != -1) {
                if (c == '?')
                        return cli_usage_error("report", usage,
                                               "unknown option '%s'",
                                               argv[optind - 1]);
                if (c == ':')
                        return cli_usage_error("report", usage,
                                               "option '%s' needs a value",
                                               argv[optind - 1]);
                if ((rc = parse_one(a, c, optarg)) != 0)
                        return rc;
        }
        if (optind < argc && report_kind_parse(argv[optind], &a->opt.kind) != 0)
                return bad_value("report kind", argv[optind],
                                 "offices, services, ministries, workshops, "
                                 "totals or progress");
        if (optind + 1 < argc)
                return cli_usage_error("report", usage,
                                       "unexpected argument '%s'",
                                       argv[optind + 1]);
        if (a->style.excel && a->style.format != OUT_CSV)
                return cli_usage_error("report", usage,
                                       "--excel applies to --format csv");
        return resolve_period(a);
}

int cmd_report(int argc, char **argv)
{
        struct args a;
        struct diag_list dl = DIAG_LIST_INIT;
        struct out out;
        const struct out_column *cols;
        size_t ncols;
        char *root = NULL;
        int rc, skipped;

        if (cli_wants_help(argc, argv, usage, description))
                return EXIT_OK;
        if ((rc = parse_args(argc, argv, &a)) != 0)
                return rc;
        root = cli_repo_root();
        if (!root)
                return EXIT_INVALID;
        cols = report_columns(a.opt.kind, &ncols);
        out_init(&out, &a.style, cols, ncols);
        rc = EXIT_INVALID;
        skipped = report_run(root, &a.opt, &out, &dl);
        if (skipped < 0) {
                cli_print_diags(&dl);
                goto out;
        }
        cli_print_diags(&dl);
        if (out_commit(&out, stdout) != 0) {
                /* main() reports errors of the stream itself */
                if (!ferror(stdout))
                        fprintf(stderr,
                                "roadmap: error: cannot write output: %s\n",
                                strerror(errno ? errno : EIO));
                goto out;
        }
        rc = skipped > 0 ? EXIT_PARTIAL : EXIT_OK;
out:
        out_release(&out);
        diag_list_release(&dl);
        free(root);
        return rc;
}
