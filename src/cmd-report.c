/*
 * roadmap report [KIND] [options]: aggregate the repository into csv, tsv,
 * json, a table or a workbook, or write the meeting pack
 * (roadmap-report(1)).
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
#include "roadmap/gitrepo.h"
#include "roadmap/out.h"
#include "roadmap/outfile.h"
#include "roadmap/pack.h"
#include "roadmap/report.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

struct args {
        struct report_options opt;
        struct out_style style;
        bool xlsx;          /* --format xlsx (style.format is OUT_CELLS) */
        bool format_given;  /* --format */
        bool pack;          /* KIND pack */
        const char *output; /* -o FILE; NULL: standard output */
        bool as_of_given;
        bool fy_given;
        struct fiscal_year fy;
        long quarter; /* 0: the whole year */
        /* --ministry and --office, each as often as given (the report's
         * filter borrows them) */
        const char **ministries, **offices;
        size_t nministries, noffices, capministries, capoffices;
        const char *rev; /* --rev: the roadmap of that revision */
        char **ids;      /* office ids made of paths (--rev), to free */
        size_t nids;
};

static void args_release(struct args *a)
{
        size_t i;

        for (i = 0; i < a->nids; i++)
                free(a->ids[i]);
        free(a->ids);
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

        a->format_given = true;
        a->xlsx = strcmp(v, "xlsx") == 0;
        if (a->xlsx) {
                a->style.format = OUT_CELLS;
                return 0;
        }
        if (out_format_parse(v, &a->style.format) != 0)
                return bad_value("--format", v,
                                 "csv, tsv, json, table or xlsx");
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
    {"format", 0, OPT_CALLBACK, 0, "F",
     "csv (default), tsv, json, table or xlsx (a\n"
     "workbook; pack writes only xlsx)",
     opt_format, "csv|tsv|json|table|xlsx", OPT_OPTIONAL},
    {"output", 'o', OPT_STRING, OFF(output), "FILE",
     "write to FILE (whole or not at all), not to\n"
     "standard output; xlsx is never written to a terminal",
     NULL, NULL, OPT_OPTIONAL},
    {"excel", 0, OPT_FLAG, OFF(style.excel), NULL,
     "csv for spreadsheets: UTF-8 BOM and CRLF line ends", NULL, NULL,
     OPT_OPTIONAL},
    {"as-of", 0, OPT_CALLBACK, 0, "DATE",
     "each service's status, approvals and workshops as\n"
     "of DATE (default today, or the day of the commit\n"
     "of --rev); with --fy or --quarter\n"
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
     "fiscal year of --fy, else of --as-of, else of today\n"
     "(with --rev, of its commit's day)",
     opt_quarter, NULL, OPT_OPTIONAL},
    {"rev", 0, OPT_STRING, OFF(rev), "REV",
     "the roadmap of git revision REV (a branch, a tag,\n"
     "a commit, HEAD~1), read from git, not the work tree;\n"
     "dated by its commit unless --as-of or --fy",
     NULL, NULL, OPT_OPTIONAL},
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
        "offices (the default), services, ministries, workshops, totals,\n"
        "progress, overdue, apa, training, or pack: one workbook for the\n"
        "meeting (a cover sheet, then a sheet of each kind).  Rows are\n"
        "sorted by ministry id, office id, then service order in the file.\n"
        "Any invalid office fails the report (exit 1, nothing written)\n"
        "unless --keep-going, which leaves it out (exit 3).\n",
    .help_col = 20,
};

/*
 * The dates the report describes (report_dates_apply()); an --as-of outside
 * the period asked for is a usage error.  day stands for today (--rev: the
 * commit's date); NULL: today's date.
 */
static int resolve_period(struct args *a, const struct date *day)
{
        const struct report_dates d = {a->as_of_given, a->fy_given,
                                       a->opt.filter.as_of, a->fy,
                                       (int)a->quarter};
        struct date today = {0, 0, 0};
        struct strbuf why = STRBUF_INIT;
        int rc = 0;

        if (day)
                today = *day;
        else if (report_dates_need_today(&d) && cli_today(&today) != 0)
                return EXIT_USAGE;
        if (report_dates_apply(&d, today, &a->opt.filter, &why) != 0)
                rc = opt_usage_error(&cmd_report_syntax, "%s", why.buf);
        strbuf_release(&why);
        return rc;
}

/* Whether the report's date is the revision's, known once it is read:
 * --rev without --as-of or --fy. */
static bool dated_by_rev(const struct args *a)
{
        return a->rev && !a->as_of_given && !a->fy_given;
}

/* KIND: a report kind, or pack, which is a workbook (xlsx) only. */
static int parse_kind(struct args *a, const char *kind)
{
        if (strcmp(kind, PACK_NAME) == 0) {
                if (a->format_given && !a->xlsx)
                        return opt_usage_error(&cmd_report_syntax,
                                               "report pack is a workbook: "
                                               "--format xlsx only");
                a->pack = a->xlsx = true;
                a->style.format = OUT_CELLS;
                return 0;
        }
        if (report_kind_parse(kind, &a->opt.kind) != 0)
                return bad_value("report kind", kind,
                                 "offices, services, ministries, workshops, "
                                 "totals, progress, overdue, apa, training "
                                 "or pack");
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
        if (n >= 1 && parse_kind(a, argv[1]) != 0)
                return -1;
        if (n > 1)
                return opt_usage_error(syn, "unexpected argument '%s'",
                                       argv[2]),
                       -1;
        if (a->output && !*a->output)
                return opt_usage_error(syn, "-o needs a file name"), -1;
        if (a->style.excel && a->style.format != OUT_CSV)
                return opt_usage_error(syn, "--excel applies to --format csv"),
                       -1;
        a->opt.filter.ministries = a->ministries;
        a->opt.filter.nministries = a->nministries;
        a->opt.filter.offices = a->offices;
        a->opt.filter.noffices = a->noffices;
        if (dated_by_rev(a))
                return n; /* open_rev() resolves it */
        return resolve_period(a, NULL) != 0 ? -1 : n;
}

/* Where the report reads the roadmap: the work tree at root, or the
 * snapshot of --rev in git (root: the roadmap found on disk, if any). */
struct source {
        char *root;
        struct gitrepo *git;
        struct gitsnap snap;
};

static void source_release(struct source *src)
{
        gitsnap_release(&src->snap);
        gitrepo_free(src->git);
        free(src->root);
}

/* The office id of each --office given as a file (cmd_office_arg()):
 * below the roadmap found on disk, else by its name alone (a bare
 * repository).  Whether the revision has it is the report's to say. */
static int rev_office_ids(struct args *a, const char *root,
                          struct diag_list *dl)
{
        size_t i;
        int rc = EXIT_OK;

        a->ids = xcalloc(a->noffices + 1, sizeof(*a->ids));
        for (i = 0; i < a->noffices; i++) {
                char *id = NULL, *rel = NULL;

                if (cmd_office_arg(root, a->offices[i], &id, &rel, dl) != 0)
                        rc = EXIT_INVALID;
                else
                        a->offices[i] = a->ids[a->nids++] = id;
                free(rel);
        }
        return rc;
}

/* The report's date, when it is the revision's (dated_by_rev()). */
static int rev_period(struct args *a, const struct source *src)
{
        struct date day = src->snap.day;

        if (!dated_by_rev(a))
                return EXIT_OK;
        return resolve_period(a, &day) != 0 ? EXIT_USAGE : EXIT_OK;
}

/* The repository of the working directory (or of $GIT_DIR) and the
 * roadmap at --rev in it.  An unknown revision or no git repository is a
 * usage error, an unreadable repository invalid. */
static int open_rev(struct args *a, struct source *src)
{
        struct diag_list dl = DIAG_LIST_INIT, none = DIAG_LIST_INIT;
        int rc;

        src->root = repo_find_root(".", &none);
        diag_list_release(&none);
        rc = gitrepo_open(".", src->root, 0, &src->git, &dl);
        if (rc == 0)
                rc = gitsnap_at(src->git, a->rev, &src->snap, &dl);
        if (rc == 0)
                rc = rev_office_ids(a, src->root, &dl);
        else
                rc = rc == GITREPO_NOT_FOUND ? EXIT_USAGE : EXIT_INVALID;
        if (rc == 0)
                rc = rev_period(a, src);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        if (rc == 0) {
                a->opt.git = src->git;
                a->opt.snap = &src->snap;
        }
        return rc;
}

static int open_source(struct args *a, struct source *src)
{
        memset(src, 0, sizeof(*src));
        src->snap = (struct gitsnap)GITSNAP_INIT;
        if (a->rev)
                return open_rev(a, src);
        src->root = cli_repo_root();
        if (!src->root)
                return EXIT_INVALID;
        return cmd_office_ids(src->root, a->offices, a->noffices);
}

/* The report's rows (or workbook) to the open output.  Returns the
 * offices left out, or -1 after printing why. */
static int write_report(struct args *a, const struct source *src,
                        struct outfile *of)
{
        struct diag_list dl = DIAG_LIST_INIT;
        const char *root = a->rev ? NULL : src->root;
        const struct out_column *cols;
        struct out out;
        size_t ncols;
        int skipped;

        if (a->pack)
                skipped =
                    report_pack(root, &a->opt, a->style.calendar, of, &dl);
        else if (a->xlsx)
                skipped =
                    report_xlsx(root, &a->opt, a->style.calendar, of, &dl);
        if (a->xlsx) {
                cli_print_diags(&dl);
                diag_list_release(&dl);
                return skipped;
        }
        cols = report_columns(a->opt.kind, &ncols);
        out_init(&out, &a->style, cols, ncols);
        skipped = report_run(root, &a->opt, &out, &dl);
        if (skipped >= 0 && outfile_start(of, &dl) != 0)
                skipped = -1;
        cli_print_diags(&dl);
        diag_list_release(&dl);
        if (skipped >= 0 && out_commit(&out, of->fp) != 0) {
                /* main() reports errors of standard output itself */
                if (of->path || !ferror(of->fp))
                        cli_error(NULL, NULL, "error: cannot write output: %s",
                                  strerror(errno ? errno : EIO));
                skipped = -1;
        }
        out_release(&out);
        return skipped;
}

int cmd_report(int argc, char **argv)
{
        struct args a;
        struct source src;
        struct diag_list dl = DIAG_LIST_INIT;
        struct outfile of = OUTFILE_INIT;
        int rc, skipped;

        if ((rc = parse_args(argc, argv, &a)) < 0) {
                args_release(&a);
                return opt_parse_exit(rc);
        }
        if ((rc = open_source(&a, &src)) != EXIT_OK)
                goto out;
        rc = EXIT_INVALID;
        if (outfile_prepare(&of, src.root, a.output, a.xlsx,
                            a.xlsx ? "a workbook" : "the report", &dl) != 0) {
                cli_print_diags(&dl);
                goto out;
        }
        skipped = write_report(&a, &src, &of);
        if (skipped < 0)
                goto out;
        if (outfile_commit(&of, &dl) != 0) {
                cli_print_diags(&dl);
                goto out;
        }
        rc = skipped > 0 ? EXIT_PARTIAL : EXIT_OK;
out:
        source_release(&src);
        outfile_release(&of);
        diag_list_release(&dl);
        args_release(&a);
        return rc;
}
