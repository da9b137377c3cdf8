/*
 * report-rows: the report's rows (private to report.c and report-rows.c).
 * A worker turns one office into a result -- its rendered rows and the
 * counts that add up across offices -- and the merge (report.c) turns the
 * sums into the rows of the aggregated kinds.  Every column of every kind
 * is declared once, in report-rows.c, and filled by its name there.
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
        long long saved[TCV_COUNT];
};

struct wk_sum {
        bool attended;
        long long participants, attendances, heads;
};

struct wk_batch {
        enum workshop_kind kind;
        long batch;
};

/* One office, read. */
struct result {
        bool invalid, included;
        struct diag_list diags;
        struct strbuf key; /* ministry KEY_SEP office */
        char ministry[MODEL_ID_MAX + 1];
        struct strbuf block; /* rendered rows */
        size_t nrows;
        struct counts c;
        struct wk_sum wk[WORKSHOP_COUNT];
        struct wk_batch *batches;
        size_t nbatches, capbatches;
};

/* What the workers share, read-only while they run. */
struct report_ctx {
        const struct report_options *opt;
        const char *root, *prefix; /* prefix: display path of the root */
        const struct roadmap_meta *meta;
        const struct out_style *style;
        const struct out_column *cols;
        size_t ncols;
        struct date as_of, from;
};

struct report_worker {
        const struct report_ctx *run;
        struct loaded l;
        struct out_cell *cells;
        struct strbuf path, display, memo;
        /* a snapshot's (report-source.c): this thread's repository, or
         * NULL with why it could not be opened; a file's bytes */
        struct gitrepo *git;
        struct diag_list git_errors;
        struct strbuf blob;
};

void report_result_init(struct result *r);
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

#endif
