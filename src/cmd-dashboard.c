/*
 * roadmap dashboard [options]: one self-contained HTML page for the
 * coordination meeting (roadmap-dashboard(1)).
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/dashboard.h"
#include "roadmap/fiscal.h"
#include "roadmap/outfile.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

struct args {
        struct dashboard_options opt;
        const char *output;
        int lang; /* OPT_CHOICE: enum dashboard_lang */
        bool as_of_given, fy_given;
        struct fiscal_year fy;
        long quarter; /* 0: the whole year */
        const char **ministries;
        size_t nministries, capministries;
};

static int opt_as_of(const struct cmd_syntax *syn, const struct opt *o,
                     const char *v, void *base)
{
        struct args *a = base;

        a->as_of_given = true;
        return cli_parse_date("dashboard", "--as-of", v,
                              &a->opt.report.filter.as_of);
}

static int opt_fy(const struct cmd_syntax *syn, const struct opt *o,
                  const char *v, void *base)
{
        struct args *a = base;
        const char *why;

        if (fiscal_parse(v, &a->fy, &why) != 0)
                return opt_usage_error(syn, "invalid --fy '%s': %s", v, why);
        a->fy_given = true;
        return 0;
}

static int opt_quarter(const struct cmd_syntax *syn, const struct opt *o,
                       const char *v, void *base)
{
        struct args *a = base;

        if (cli_parse_number("dashboard", "--quarter", v, &a->quarter))
                return EXIT_USAGE;
        if (a->quarter < 1 || a->quarter > 4)
                return opt_usage_error(syn, "invalid --quarter '%s' (1 to 4)",
                                       v);
        return 0;
}

static int opt_ministry(const struct cmd_syntax *syn, const struct opt *o,
                        const char *v, void *base)
{
        struct args *a = base;

        a->ministries = xgrow(a->ministries, &a->capministries,
                              a->nministries + 1, sizeof(*a->ministries));
        a->ministries[a->nministries++] = v;
        return 0;
}

#define OFF(f) offsetof(struct args, f)

static const struct opt options[] = {
    {"output", 'o', OPT_STRING, OFF(output), "FILE",
     "write the page to FILE (whole or not at all), not\n"
     "to standard output",
     NULL, NULL, OPT_OPTIONAL},
    {"as-of", 0, OPT_CALLBACK, 0, "DATE",
     "the state as of DATE (default today); with --fy or\n"
     "--quarter DATE must fall in that period",
     opt_as_of, NULL, OPT_OPTIONAL},
    {"fy", 0, OPT_CALLBACK, 0, "YYYY-YY",
     "the fiscal year (July to June): the state at its\n"
     "end, workshops within it",
     opt_fy, NULL, OPT_OPTIONAL},
    {"quarter", 0, OPT_CALLBACK, 0, "Q",
     "only quarter 1 (Jul-Sep) to 4 (Apr-Jun) of the\n"
     "fiscal year of --fy, else of --as-of, else of today",
     opt_quarter, NULL, OPT_OPTIONAL},
    {"lang", 0, OPT_CHOICE, OFF(lang), "L",
     "labels, digits and dates in en (English, default)\n"
     "or bn (Bengali)",
     NULL, "en|bn", OPT_OPTIONAL},
    {"ministry", 0, OPT_CALLBACK, 0, "M",
     "only the offices of ministry M (again for more)", opt_ministry,
     "ministry", OPT_OPTIONAL},
    {"jobs", 0, OPT_JOBS, OFF(opt.report.jobs), "N",
     "read with N threads (default: $ROADMAP_JOBS or the\n"
     "number of CPUs); the page never depends on N",
     NULL, NULL, OPT_OPTIONAL},
    {"keep-going", 0, OPT_FLAG, OFF(opt.report.keep_going), NULL,
     "skip invalid offices with a warning each, exit 3", NULL, NULL,
     OPT_OPTIONAL},
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_dashboard_syntax = {
    .name = "dashboard",
    .operands = "",
    .opts = options,
    .description =
        "Write one self-contained HTML page for the coordination meeting:\n"
        "the headline figures, the APA score, progress by status and\n"
        "approvals per ministry, time, cost and visits now and planned,\n"
        "workshops over time and the overdue list, with inline SVG charts\n"
        "that print on A4.  The page requests nothing over the network.\n"
        "Any invalid office fails it (exit 1, nothing written) unless\n"
        "--keep-going.\n",
    .help_col = 20,
};

/* The dates the page describes, as report's (report_dates_apply()). */
static int resolve_period(struct args *a)
{
        const struct report_dates d = {a->as_of_given, a->fy_given,
                                       a->opt.report.filter.as_of, a->fy,
                                       (int)a->quarter};
        struct date today = {0, 0, 0};
        struct strbuf why = STRBUF_INIT;
        int rc = 0;

        if (report_dates_need_today(&d) && cli_today(&today) != 0)
                return EXIT_USAGE;
        if (report_dates_apply(&d, today, &a->opt.report.filter, &why) != 0)
                rc = opt_usage_error(&cmd_dashboard_syntax, "%s", why.buf);
        strbuf_release(&why);
        return rc;
}

static int parse_args(int argc, char **argv, struct args *a)
{
        const struct cmd_syntax *syn = &cmd_dashboard_syntax;
        int n;

        memset(a, 0, sizeof(*a));
        if ((n = opt_parse_args(syn, argc, argv, a, 0, 0)) < 0)
                return n;
        if (opt_jobs_default(syn, &a->opt.report.jobs) != 0)
                return -1;
        if (a->output && !*a->output)
                return opt_usage_error(syn, "-o needs a file name"), -1;
        a->opt.lang = a->lang == 1 ? DASHBOARD_BN : DASHBOARD_EN;
        a->opt.report.filter.ministries = a->ministries;
        a->opt.report.filter.nministries = a->nministries;
        return resolve_period(a) != 0 ? -1 : n;
}

/* The page, rendered whole, then to the output (whose temporary file is
 * made only now).  Returns the offices left out, or -1 after printing why
 * (or adding it to dl). */
static int write_page(struct args *a, const char *root, struct outfile *of,
                      struct diag_list *dl)
{
        struct diag_list found = DIAG_LIST_INIT;
        struct strbuf html = STRBUF_INIT;
        int skipped;

        skipped = dashboard_render(root, &a->opt, &html, &found);
        cli_print_diags(&found);
        diag_list_release(&found);
        if (skipped >= 0 && outfile_start(of, dl) != 0)
                skipped = -1;
        else if (skipped >= 0 &&
                 fwrite(html.buf, 1, html.len, of->fp) != html.len) {
                if (of->path || !ferror(of->fp))
                        cli_error(NULL, NULL, "error: cannot write output: %s",
                                  strerror(errno ? errno : EIO));
                skipped = -1;
        }
        strbuf_release(&html);
        return skipped;
}

int cmd_dashboard(int argc, char **argv)
{
        struct args a;
        struct diag_list dl = DIAG_LIST_INIT;
        struct outfile of = OUTFILE_INIT;
        char *root = NULL;
        int rc, skipped;

        if ((rc = parse_args(argc, argv, &a)) < 0) {
                free(a.ministries);
                return opt_parse_exit(rc);
        }
        rc = EXIT_INVALID;
        if (!(root = cli_repo_root()))
                goto out;
        if (outfile_prepare(&of, root, a.output, false, "the dashboard", &dl) !=
            0)
                goto out;
        if ((skipped = write_page(&a, root, &of, &dl)) < 0)
                goto out;
        if (outfile_commit(&of, &dl) != 0)
                goto out;
        rc = skipped > 0 ? EXIT_PARTIAL : EXIT_OK;
out:
        cli_print_diags(&dl);
        outfile_release(&of);
        diag_list_release(&dl);
        free(root);
        free(a.ministries);
        return rc;
}
