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
};

void report_result_init(struct result *r);
void report_result_release(struct result *r);
void report_worker_init(struct report_worker *w, const struct report_ctx *run);
void report_worker_release(struct report_worker *w);
/* Read f into r (reset first): r->invalid with its errors in r->diags,
 * or its rows and counts.  Thread-safe for distinct w and r. */
void report_read_office(struct report_worker *w, const struct office_file *f,
                        struct result *r);

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
