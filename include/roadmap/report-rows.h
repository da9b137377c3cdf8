/*
 * report-rows: the report's rows (private to report.c, report-rows.c and
 * report-kinds.c).  A worker turns one office into a result -- its rendered
 * rows, a block for each of the run's outs, and the counts that add up
 * across offices -- and the merge (report.c) adds each block to its out and
 * turns the sums into the rows of the aggregated kinds, for every out.
 * Every column of every kind is declared once (report-rows.c; overdue, apa
 * and training in report-kinds.c) and filled by its name there.
 *
 * Ownership: a struct result owns its diagnostics, key, block and
 * batches; a struct report_worker its loaded office and buffers.  Both
 * borrow their struct report_ctx, which borrows everything it points to.
 */
#ifndef ROADMAP_REPORT_ROWS_H
#define ROADMAP_REPORT_ROWS_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/diag.h"
#include "roadmap/gitrepo.h"
#include "roadmap/load.h"
#include "roadmap/model.h"
#include "roadmap/out.h"
#include "roadmap/repo.h"
#include "roadmap/report.h"
#include "roadmap/strbuf.h"

enum { TCV_DAYS, TCV_COST, TCV_VISITS, TCV_COUNT };

/* Counts that add up across offices. */
struct counts {
        long long offices, services, planned, priority1, live, dropped;
        long long approved, stale, participants, attendances;
        long long status[STATUS_COUNT], changed, overdue;
        /* over the planned services with both a value now and a target:
         * now - target, now, target */
        long long saved[TCV_COUNT], now[TCV_COUNT], target[TCV_COUNT];
        /* apa (0 or 1 for an office): services that went live in the
         * fiscal year, the target met, the head trained, participants of
         * the year's workshops, priority 1-2 done first */
        long long apa_live, apa_met, head_trained, trained, priority_first;
};

struct wk_sum {
        bool attended;
        long long participants, attendances, heads;
};

struct wk_batch {
        enum workshop_kind kind;
        long batch;
};

/* Training: the workshops of one fiscal quarter (of one office, or summed
 * with the offices that attended). */
struct tr_sum {
        int fy, quarter; /* fiscal year's first calendar year; 1..4 */
        long long part[WORKSHOP_COUNT], heads, offices;
};

struct tr_list {
        struct tr_sum *v; /* in date order */
        size_t n, cap;
};

/* One office, read. */
struct result {
        bool invalid, included;
        struct diag_list diags;
        struct strbuf key; /* ministry KEY_SEP office */
        char ministry[MODEL_ID_MAX + 1];
        struct strbuf *blocks; /* rendered rows, one per out of the run */
        size_t *nrows, nblocks;
        struct counts c;
        struct wk_sum wk[WORKSHOP_COUNT];
        struct wk_batch *batches;
        size_t nbatches, capbatches;
        struct tr_list quarters; /* training */
};

/* What the workers share, read-only while they run. */
struct report_ctx {
        const struct report_options *opt;
        const char *root, *prefix; /* prefix: display path of the root */
        const struct roadmap_meta *meta;
        /* the kinds asked for, each into its out (style and columns) */
        const enum report_kind *kinds;
        struct out *const *outs;
        size_t nouts, maxcols; /* maxcols: the most columns of an out */
        bool want[REPORT_KIND_COUNT];
        bool approval; /* a kind asked for shows the approval's state */
        struct date as_of, from;
        /* apa: the fiscal year of as_of, its first day and its name */
        struct date fy_from;
        char fy[16];
};

struct report_worker {
        const struct report_ctx *run;
        struct loaded l;
        struct out_cell *cells;
        struct strbuf path, display, memo;
        const struct service **kept; /* the office's services counted */
        size_t nkept, capkept;
        /* a snapshot's (report-source.c): this thread's repository, or
         * NULL with why it could not be opened; a file's bytes */
        struct gitrepo *git;
        struct diag_list git_errors;
        struct strbuf blob;
};

void report_result_init(struct result *r, const struct report_ctx *run);
void report_result_release(struct result *r);
void report_worker_init(struct report_worker *w, const struct report_ctx *run);
void report_worker_release(struct report_worker *w);
/* Read f into r (reset first): r->invalid with its errors in r->diags,
 * or its rows and counts.  Thread-safe for distinct w and r. */
void report_read_office(struct report_worker *w, const struct office_file *f,
                        struct result *r);

/*
 * Where the files come from (report-source.c): the work tree at run->root,
 * or the snapshot of run->opt.  The display name of the roadmap root (the
 * caller's to free: "offices/" prefixes it); roadmap.yaml into meta; the
 * offices; the duplicate-id rule (scan_check_ids()); one office into
 * w->l, 0 or -1 with errors in dl.  All but the last on the calling
 * thread; a worker opens its source at init and closes it at release.
 */
char *report_source_prefix(const struct report_ctx *run);
int report_source_meta(const struct report_ctx *run, struct loaded *meta,
                       struct diag_list *dl);
int report_source_list(const struct report_ctx *run, struct office_list *all,
                       struct diag_list *dl);
size_t report_source_check_ids(const struct report_ctx *run,
                               const struct office_file *const *files, size_t n,
                               bool skip, bool *dup, struct diag_list *dl);
void report_source_open(struct report_worker *w);
void report_source_close(struct report_worker *w);
int report_source_load(struct report_worker *w, const struct office_file *f,
                       struct diag_list *dl);

/* The cells of one row of the aggregated kinds (cells: as many as the
 * kind's columns). */
void report_ministry_cells(struct out_cell *cells, const struct ministry *m,
                           const struct counts *c);
void report_totals_cells(struct out_cell *cells, long long ministries,
                         const struct counts *c);
/* The last row of progress in a table: the sums of its columns. */
void report_progress_total_cells(struct out_cell *cells,
                                 const struct counts *c);
void report_workshop_cells(struct out_cell *cells, enum workshop_kind kind,
                           long long offices, const struct wk_sum *s,
                           long long batches);

/* Render w->cells as a row of the run's out i into r's block i. */
void report_render(struct report_worker *w, struct result *r, size_t i);

/* ---- overdue, apa and training (report-kinds.c) ---- */

/* The columns of those kinds (NULL for another kind). */
const struct out_column *report_kinds_columns(enum report_kind kind, size_t *n);
/* An overdue service's row (status st since since on the as-of date) into
 * out i. */
void report_overdue_row(struct report_worker *w, const struct office *o,
                        const struct service *s, enum status st,
                        struct date since, struct result *r, size_t i);
/* The apa counts of an office whose counted services are w->kept. */
void report_apa_count(struct report_worker *w, const struct office *o,
                      struct result *r);
/* The office's apa row (its approval's state ap) into out i. */
void report_apa_row(struct report_worker *w, const struct office *o,
                    enum approval_state ap, struct result *r, size_t i);
/* The apa row of a ministry (m) or of all (m NULL) with these sums. */
void report_apa_sum_cells(struct out_cell *cells, const struct report_ctx *run,
                          const struct ministry *m, const struct counts *c);
/* The office's workshops by fiscal quarter into r->quarters. */
void report_training_count(const struct report_ctx *run, const struct office *o,
                           struct result *r);
/* Add an office's quarters (each counts one office) to the sums. */
void report_training_add(struct tr_list *sum, const struct tr_list *office);
void report_training_release(struct tr_list *l);
/* The row of one quarter's sums; fy holds its name while cells are used. */
void report_training_cells(struct out_cell *cells, const struct tr_sum *q,
                           struct strbuf *fy);

#endif
