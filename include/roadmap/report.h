/*
 * report: read every office of a repository (in parallel) and turn it into
 * the rows of one report kind (roadmap(1), roadmap-report(1)).
 *
 * Offices are read by scan_run() (scan.h), one per worker at a time, each
 * worker with its own struct loaded reset per file; a worker renders an
 * office's rows into a block (report-rows.c), and the calling thread takes
 * the blocks in file order (through a bounded window) and adds them to a
 * struct out keyed by ministry id and office id, so the output never
 * depends on the number of threads.  Every office is validated (model
 * rules, its ministry in roadmap.yaml, a unique id by scan_check_ids())
 * before anything may be written: an invalid office fails the report
 * unless keep_going, which skips it with one warning.
 *
 * Ownership: report_run() borrows its arguments and keeps nothing; the
 * columns of report_columns() are static.
 */
#ifndef ROADMAP_REPORT_H
#define ROADMAP_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/date.h"
#include "roadmap/diag.h"
#include "roadmap/fiscal.h"
#include "roadmap/gitrepo.h"
#include "roadmap/model.h"
#include "roadmap/out.h"
#include "roadmap/scan.h"

#define REPORT_MAX_JOBS SCAN_MAX_JOBS

enum report_kind {
        REPORT_OFFICES,
        REPORT_SERVICES,
        REPORT_MINISTRIES,
        REPORT_WORKSHOPS,
        REPORT_TOTALS,
        REPORT_PROGRESS,
        REPORT_OVERDUE,
        REPORT_APA,
        REPORT_TRAINING,
        REPORT_KIND_COUNT
};

/*
 * What a report covers.  Services are counted by their state on as_of:
 * those that entered the inventory (since) after it are left out
 * everywhere; status and "planned" from plan.history, approvals dated on
 * or before it, workshops held on or before it; a plan is overdue when its
 * due date is before as_of and its status then is neither live nor
 * dropped.  An unset as_of means the latest state of every file, with
 * nothing overdue (the command passes today).  When dated (the date was asked
 * for, not today by default), an approval's digest is checked against the
 * plans as they stood on as_of (office_approval_state_on()); otherwise
 * against the plans as they are, as check does.  "changed" (progress) counts
 * services whose status changed in [from, as_of]; an unset from means the first
 * day of as_of's month.  With period (a fiscal year or quarter), only workshops
 * held in [from, as_of] count.  The apa kind's fiscal year is as_of's: a
 * caller sets as_of (every command does, by report_dates_apply()); apa
 * without it is an error, not the fiscal year of 9999-12-31.
 */
struct report_filter {
        const char *const *ministries; /* any of them; none: every one */
        size_t nministries;
        const char *const *offices; /* any of them; none: every office */
        size_t noffices;
        bool by_status;     /* only services with status... */
        bool status_none;   /* ...none (no plan as of the date), or */
        enum status status; /* ...this one; offices without any drop out */
        struct date as_of;
        bool dated; /* as_of was asked for; see above */
        struct date from;
        bool period;
};

struct report_options {
        enum report_kind kind;
        struct report_filter filter;
        unsigned jobs; /* worker threads, 1..REPORT_MAX_JOBS */
        bool keep_going;
        /* memo numbers (offices): as typed (REPORT_MEMO_AS_TYPED) or
         * rewritten in latin or bengali digits when they parse */
        enum {
                REPORT_MEMO_AS_TYPED,
                REPORT_MEMO_LATIN,
                REPORT_MEMO_BENGALI
        } memo_digits;
        /* The roadmap of a git snapshot (gitrepo.h), read from git's
         * objects in place of the work tree: both set or both NULL.  The
         * calling thread reads through git, each worker through its own
         * gitrepo_reopen() of it. */
        struct gitrepo *git;
        const struct gitsnap *snap;
};

/* What --as-of, --fy and --quarter asked for (roadmap-report(1)). */
struct report_dates {
        bool as_of_given, fy_given;
        struct date as_of;     /* --as-of */
        struct fiscal_year fy; /* --fy */
        int quarter;           /* --quarter 1 to 4; 0: none */
};

/* Whether report_dates_apply() reads today: neither --as-of nor --fy. */
bool report_dates_need_today(const struct report_dates *d);
/*
 * Set f's as_of, from, period and dated as d asks.  --fy and --quarter
 * select a period: the fiscal year of --fy (else of --as-of, else of
 * today), or that year's quarter.  The report's date is the period's last
 * day, or an --as-of inside it (the period is cut there).  Without a
 * period it is --as-of, else today (which stands for a commit's day with
 * --rev).  Returns 0, or -1 with why ("--as-of D is outside quarter 2 of
 * fiscal year 2026-27 (2026-10-01 to 2026-12-31)") when --as-of is
 * outside the period.
 */
int report_dates_apply(const struct report_dates *d, struct date today,
                       struct report_filter *f, struct strbuf *why);

/* Whether the filter takes the ministry / office of that id. */
bool report_filter_ministry(const struct report_filter *f, const char *id);
bool report_filter_office(const struct report_filter *f, const char *id);

int report_kind_parse(const char *s, enum report_kind *out); /* 0 or -1 */
const char *report_kind_name(enum report_kind kind);
/* The columns of a kind: the names of roadmap(1) first, then extras. */
const struct out_column *report_columns(enum report_kind kind, size_t *n);
/* The headings over a kind's columns in a table (out_set_groups()), or
 * NULL: progress groups its counts by status under "status". */
const char *const *report_column_groups(enum report_kind kind);

/*
 * Read the repository at root (absolute; NULL with opt->snap: the
 * snapshot's files, named as gitsnap_display() names them) and add the report's
 * rows to out, which must have been initialised with report_columns(opt->kind).
 * Returns the number of offices left out because they could not be read
 * (0 unless keep_going; each adds one warning), or -1 after adding errors
 * to dl (the rows in out must then be thrown away).
 */
int report_run(const char *root, const struct report_options *opt,
               struct out *out, struct diag_list *dl);

/*
 * report_run() for n kinds at once (opt->kind is not read): outs[i], made
 * with report_columns(kinds[i]) in any style, gets the rows of kinds[i],
 * byte for byte as report_run() would give them.  The offices are read
 * once: each worker renders an office's rows for every out, the merge adds
 * each block to its out and the aggregated rows to each out of their kind.
 * An office left out is warned of once.  The same result as report_run();
 * on -1 the rows of every out must be thrown away.  report_run() is this
 * with one kind.
 */
int report_run_many(const char *root, const struct report_options *opt,
                    const enum report_kind *kinds, struct out *const *outs,
                    size_t n, struct diag_list *dl);

#endif
