/*
 * roadmap report [KIND] [options]: aggregate the repository into csv, tsv,
 * json or a table (roadmap-report(1)).
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/fiscal.h"
#include "roadmap/out.h"
#include "roadmap/report.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

struct args {
        struct report_options opt;
        struct out_style style;
        bool as_of_given;
        bool fy_given;
        struct fiscal_year fy;
        long quarter; /* 0: the whole year */
        /* --ministry and --office, each as often as given (the report's
         * filter borrows them) */
        const char **ministries, **offices;
        size_t nministries, noffices, capministries, capoffices;
};

static void args_release(struct args *a)
{
        free(a->ministries);
        free(a->offices);
}

static void push(const char ***v, size_t *n, size_t *cap, const char *s)
{
        *v = xgrow(*v, cap, *n + 1, sizeof(**v));
        (*v)[(*n)++] = s;
}

static int bad_value(const char *opt, const char *value, const char *allowed)
{
        return opt_usage_error(&cmd_report_syntax, "invalid %s '%s' (%s)", opt,
                               value, allowed);
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
                cli_error("report", NULL, "invalid --fy '%s': %s", v, why);
                return EXIT_USAGE;
        }
        a->fy_given = true;
        return 0;
}

static int opt_format(const struct cmd_syntax *syn, const struct opt *o,
                      const char *v, void *base)
{
        struct args *a = base;

        if (out_format_parse(v, &a->style.format) != 0)
                return bad_value("--format", v, "csv, tsv, json or table");
        return 0;
}

static int opt_as_of(const struct cmd_syntax *syn, const struct opt *o,
                     const char *v, void *base)
{
        struct args *a = base;

        a->as_of_given = true;
        return cli_parse_date("report", "--as-of", v, &a->opt.filter.as_of);
}

static int opt_ministry(const struct cmd_syntax *syn, const struct opt *o,
                        const char *v, void *base)
{
        struct args *a = base;

        push(&a->ministries, &a->nministries, &a->capministries, v);
        return 0;
}

static int opt_office(const struct cmd_syntax *syn, const struct opt *o,
                      const char *v, void *base)
{
        struct args *a = base;

        push(&a->offices, &a->noffices, &a->capoffices, v);
        return 0;
}

static int opt_status(const struct cmd_syntax *syn, const struct opt *o,
                      const char *v, void *base)
{
        return parse_status(v, &((struct args *)base)->opt.filter);
}

static int opt_calendar(const struct cmd_syntax *syn, const struct opt *o,
                        const char *v, void *base)
{
        struct args *a = base;

        if (out_calendar_parse(v, &a->style.calendar) != 0)
                return bad_value("--calendar", v, "gregorian or bangla");
        return 0;
}

static int opt_digits(const struct cmd_syntax *syn, const struct opt *o,
                      const char *v, void *base)
{
        struct args *a = base;

        if (strcmp(v, "latin") != 0 && strcmp(v, "bengali") != 0)
                return bad_value("--digits", v, "latin or bengali");
        a->style.bengali_digits = strcmp(v, "bengali") == 0;
        a->opt.memo_digits =
            a->style.bengali_digits ? REPORT_MEMO_BENGALI : REPORT_MEMO_LATIN;
        return 0;
}

static int opt_fy(const struct cmd_syntax *syn, const struct opt *o,
                  const char *v, void *base)
{
        return parse_fy(base, v);
}

static int opt_quarter(const struct cmd_syntax *syn, const struct opt *o,
                       const char *v, void *base)
{
        struct args *a = base;

        if (cli_parse_number("report", "--quarter", v, &a->quarter))
                return EXIT_USAGE;
        if (a->quarter < 1 || a->quarter > 4)
                return bad_value("--quarter", v, "1 to 4");
        return 0;
}

#define OFF(f) offsetof(struct args, f)

static const struct opt options[] = {
    {"format", 0, OPT_CALLBACK, 0, "F", "csv (default), tsv, json or table",
     opt_format, "csv|tsv|json|table", OPT_OPTIONAL},
    {"excel", 0, OPT_FLAG, OFF(style.excel), NULL,
     "csv for spreadsheets: UTF-8 BOM and CRLF line ends", NULL, NULL,
     OPT_OPTIONAL},
    {"as-of", 0, OPT_CALLBACK, 0, "DATE",
     "each service's status, approvals and workshops as\n"
     "of DATE (default today); with --fy or --quarter\n"
     "DATE must fall in that period, which it then ends",
     opt_as_of, NULL, OPT_OPTIONAL},
    {"ministry", 0, OPT_CALLBACK, 0, "M",
     "only the offices of ministry M (again for more)", opt_ministry,
     "ministry", OPT_OPTIONAL},
    {"office", 0, OPT_CALLBACK, 0, "O", "only office O (again for more)",
     opt_office, "office", OPT_OPTIONAL},
    {"status", 0, OPT_CALLBACK, 0, "S",
     "only services whose status is S (planned,\n"
     "designing, developing, piloting, live, dropped,\n"
     "or none for services without a plan)",
     opt_status, "status-or-none", OPT_OPTIONAL},
    {"calendar", 0, OPT_CALLBACK, 0, "C",
     "dates as gregorian (ISO) or bangla (১৬ কার্তিক ১৪২৪)", opt_calendar,
     "gregorian|bangla", OPT_OPTIONAL},
    {"digits", 0, OPT_CALLBACK, 0, "D",
     "numbers (and ISO dates) in latin or bengali digits", opt_digits,
     "latin|bengali", OPT_OPTIONAL},
    {"fy", 0, OPT_CALLBACK, 0, "YYYY-YY",
     "the fiscal year (July to June): the state at its\n"
     "end, workshops and status changes within it",
     opt_fy, NULL, OPT_OPTIONAL},
    {"quarter", 0, OPT_CALLBACK, 0, "Q",
     "only quarter 1 (Jul-Sep) to 4 (Apr-Jun) of the\n"
     "fiscal year of --fy, else of --as-of, else of today",
     opt_quarter, NULL, OPT_OPTIONAL},
    {"jobs", 0, OPT_JOBS, OFF(opt.jobs), "N",
     "read with N threads (default: $ROADMAP_JOBS or the\n"
     "number of CPUs); the output never depends on N",
     NULL, NULL, OPT_OPTIONAL},
    {"keep-going", 0, OPT_FLAG, OFF(opt.keep_going), NULL,
     "skip invalid offices with a warning each, exit 3", NULL, NULL,
     OPT_OPTIONAL},
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_report_syntax = {
    .name = "report",
    .operands = "[KIND]",
    .opts = options,
    .description =
        "Aggregate every office of the repository into one report.  KIND is\n"
        "offices (the default), services, ministries, workshops, totals or\n"
        "progress.  Rows are sorted by ministry id, office id, then service\n"
        "order in the file.  Any invalid office fails the report (exit 1,\n"
        "nothing written) unless --keep-going, which leaves it out (exit 3).\n",
    .help_col = 20,
};

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
        rc = opt_usage_error(&cmd_report_syntax,
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

/* The number of operands, or as opt_parse(): PARSE_HELP, or -1 after a
 * usage error. */
static int parse_args(int argc, char **argv, struct args *a)
{
        const struct cmd_syntax *syn = &cmd_report_syntax;
        int n;

        memset(a, 0, sizeof(*a));
        a->opt.kind = REPORT_OFFICES;
        a->style.format = OUT_CSV;
        if ((n = opt_parse(syn, argc, argv, a)) < 0)
                return n;
        if (opt_jobs_default(syn, &a->opt.jobs) != 0)
                return -1;
        if (n >= 1 && report_kind_parse(argv[1], &a->opt.kind) != 0)
                return bad_value("report kind", argv[1],
                                 "offices, services, ministries, workshops, "
                                 "totals or progress"),
                       -1;
        if (n > 1)
                return opt_usage_error(syn, "unexpected argument '%s'",
                                       argv[2]),
                       -1;
        if (a->style.excel && a->style.format != OUT_CSV)
                return opt_usage_error(syn, "--excel applies to --format csv"),
                       -1;
        a->opt.filter.ministries = a->ministries;
        a->opt.filter.nministries = a->nministries;
        a->opt.filter.offices = a->offices;
        a->opt.filter.noffices = a->noffices;
        return resolve_period(a) != 0 ? -1 : n;
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

        if ((rc = parse_args(argc, argv, &a)) < 0) {
                args_release(&a);
                return opt_parse_exit(rc);
        }
        root = cli_repo_root();
        if (!root || cmd_office_ids(root, a.offices, a.noffices) != EXIT_OK) {
                free(root);
                args_release(&a);
                return EXIT_INVALID;
        }
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
                        cli_error(NULL, NULL, "error: cannot write output: %s",
                                  strerror(errno ? errno : EIO));
                goto out;
        }
        rc = skipped > 0 ? EXIT_PARTIAL : EXIT_OK;
out:
        out_release(&out);
        diag_list_release(&dl);
        args_release(&a);
        free(root);
        return rc;
}
