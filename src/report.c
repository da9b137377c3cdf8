/*
 * report: the calling thread's side of a report (see report.h): choosing
 * the files, merging the results of the workers (report-rows.c) in file
 * order through scan_run(), and the rows of the aggregated kinds.
 */
#include "roadmap/report.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/fiscal.h"
#include "roadmap/load.h"
#include "roadmap/repo.h"
#include "roadmap/report-rows.h"
#include "roadmap/scan.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

/* What the run adds to the context the workers share. */
struct run {
        struct report_ctx ctx;
        const struct office_file **files; /* to read, in order */
        size_t nfiles;
        size_t left_out; /* offices not read (keep_going): invalid, dup id */
};

/* ---- merge and aggregation (calling thread) ----------------------------- */

/* A set of batch numbers (open addressing; -1 marks a free cell). */
struct lset {
        long *v;
        size_t n, cap;
};

static void lset_add(struct lset *s, long x);

static void lset_grow(struct lset *s)
{
        struct lset bigger = {NULL, 0, s->cap ? 2 * s->cap : 16};
        size_t i;

        bigger.v = xmalloc(bigger.cap * sizeof(*bigger.v));
        for (i = 0; i < bigger.cap; i++)
                bigger.v[i] = -1;
        for (i = 0; i < s->cap; i++)
                if (s->v[i] >= 0)
                        lset_add(&bigger, s->v[i]);
        free(s->v);
        *s = bigger;
}

static void lset_add(struct lset *s, long x)
{
        size_t i;

        if (2 * (s->n + 1) > s->cap)
                lset_grow(s);
        i = ((size_t)x * 2654435761u) & (s->cap - 1);
        while (s->v[i] >= 0 && s->v[i] != x)
                i = (i + 1) & (s->cap - 1);
        if (s->v[i] < 0) {
                s->v[i] = x;
                s->n++;
        }
}

struct ministry_acc {
        const struct ministry *m;
        struct counts c;
};

struct merge {
        const struct report_ctx *run;
        struct out_cell *cells; /* one row of the aggregated kinds */
        struct diag_list *dl;
        bool failed;
        int err;        /* errno of a spool that could not be written */
        size_t skipped; /* invalid offices left out (keep_going) */
        struct counts total;
        struct ministry_acc *mins; /* sorted by id */
        size_t nmins;
        struct wk_sum wk[WORKSHOP_COUNT];
        long long wk_offices[WORKSHOP_COUNT];
        struct lset batches[WORKSHOP_COUNT];
        struct tr_list quarters; /* training */
};

static void counts_add(struct counts *a, const struct counts *b)
{
        int k;

        a->offices += b->offices;
        a->services += b->services;
        a->planned += b->planned;
        a->priority1 += b->priority1;
        a->live += b->live;
        a->dropped += b->dropped;
        a->approved += b->approved;
        a->stale += b->stale;
        a->participants += b->participants;
        a->attendances += b->attendances;
        a->changed += b->changed;
        a->overdue += b->overdue;
        a->apa_live += b->apa_live;
        a->apa_met += b->apa_met;
        a->head_trained += b->head_trained;
        a->trained += b->trained;
        a->priority_first += b->priority_first;
        for (k = 0; k < STATUS_COUNT; k++)
                a->status[k] += b->status[k];
        for (k = 0; k < TCV_COUNT; k++) {
                a->saved[k] += b->saved[k];
                a->now[k] += b->now[k];
                a->target[k] += b->target[k];
        }
}

static int acc_cmp(const void *pa, const void *pb)
{
        const struct ministry_acc *a = pa, *b = pb;

        return strcmp(a->m->id, b->m->id);
}

static struct ministry_acc *find_acc(struct merge *m, const char *id)
{
        size_t lo = 0, hi = m->nmins;

        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                int c = strcmp(m->mins[mid].m->id, id);

                if (c == 0)
                        return &m->mins[mid];
                if (c < 0)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return NULL;
}

static void skip_office(struct merge *m, struct result *r)
{
        const struct diag *first = NULL;
        size_t i;

        for (i = 0; i < r->diags.n && !first; i++)
                if (r->diags.items[i].level == DIAG_ERROR)
                        first = &r->diags.items[i];
        if (first)
                diag_warning(m->dl, first->path, first->line, first->col,
                             "office skipped: %s", first->msg);
}

/* Add an office's blocks, each to its out. */
static int add_blocks(struct merge *m, struct result *r)
{
        size_t i;

        for (i = 0; i < r->nblocks; i++) {
                struct out *out = m->run->outs[i];

                if (r->nrows[i] &&
                    out_add(out, r->key.buf, r->key.len, r->blocks[i].buf,
                            r->blocks[i].len, r->nrows[i]) != 0) {
                        m->err = out->err;
                        return -1;
                }
        }
        return 0;
}

static void spool_error(struct merge *m)
{
        diag_error(m->dl, NULL, 0, 0,
                   "cannot write the report's temporary file: %s",
                   strerror(m->err));
        m->failed = true;
}

static void merge_result(struct merge *m, struct result *r)
{
        struct ministry_acc *acc;
        size_t k;

        if (r->invalid) {
                if (m->run->opt->keep_going) {
                        skip_office(m, r);
                        m->skipped++;
                } else {
                        m->failed = true;
                        diag_list_move(m->dl, &r->diags);
                }
                return;
        }
        if (!r->included || m->failed)
                return;
        if (add_blocks(m, r) != 0) {
                spool_error(m);
                return;
        }
        counts_add(&m->total, &r->c);
        acc = find_acc(m, r->ministry);
        if (acc)
                counts_add(&acc->c, &r->c);
        for (k = 0; k < WORKSHOP_COUNT; k++) {
                m->wk[k].participants += r->wk[k].participants;
                m->wk[k].attendances += r->wk[k].attendances;
                m->wk[k].heads += r->wk[k].heads;
                m->wk_offices[k] += r->wk[k].attended;
        }
        for (k = 0; k < r->nbatches; k++)
                lset_add(&m->batches[r->batches[k].kind], r->batches[k].batch);
        report_training_add(&m->quarters, &r->quarters);
}

static void merge_init(struct merge *m, const struct report_ctx *run,
                       struct diag_list *dl)
{
        const struct report_filter *f = &run->opt->filter;
        size_t i;

        memset(m, 0, sizeof(*m));
        m->run = run;
        m->dl = dl;
        m->cells = xcalloc(run->maxcols + 1, sizeof(*m->cells));
        m->mins = xcalloc(run->meta->nministries + 1, sizeof(*m->mins));
        for (i = 0; i < run->meta->nministries; i++) {
                const struct ministry *mi = &run->meta->ministries[i];

                if (!mi->id || !report_filter_ministry(f, mi->id))
                        continue;
                m->mins[m->nmins++].m = mi;
        }
        qsort(m->mins, m->nmins, sizeof(*m->mins), acc_cmp);
}

static void merge_release(struct merge *m)
{
        int k;

        free(m->mins);
        free(m->cells);
        for (k = 0; k < WORKSHOP_COUNT; k++)
                free(m->batches[k].v);
        report_training_release(&m->quarters);
}

/* A ministry is listed unless an office or status filter left it empty. */
static bool ministry_listed(const struct merge *m, const struct ministry_acc *a)
{
        const struct report_filter *f = &m->run->opt->filter;

        return a->c.offices > 0 || (!f->noffices && !f->by_status);
}

/* Add one row of m->cells to out i under key. */
static int emit(struct merge *m, size_t i, const char *key)
{
        struct out *out = m->run->outs[i];
        struct strbuf sb;
        int rc;

        strbuf_init(&sb);
        out_render_row(out->style, out->cols, out->ncols, m->cells, &sb);
        rc = out_add(out, key, strlen(key), sb.buf, sb.len, 1);
        if (rc != 0)
                m->err = out->err;
        strbuf_release(&sb);
        return rc;
}

static int emit_ministries(struct merge *m, size_t k)
{
        size_t i;

        for (i = 0; i < m->nmins; i++) {
                const struct ministry_acc *a = &m->mins[i];

                if (!ministry_listed(m, a))
                        continue;
                report_ministry_cells(m->cells, a->m, &a->c);
                if (emit(m, k, a->m->id) != 0)
                        return -1;
        }
        return 0;
}

static int emit_totals(struct merge *m, size_t k)
{
        long long nmin = 0;
        size_t i;

        for (i = 0; i < m->nmins; i++)
                nmin += ministry_listed(m, &m->mins[i]);
        report_totals_cells(m->cells, nmin, &m->total);
        return emit(m, k, "");
}

static int emit_workshops(struct merge *m, size_t i)
{
        char key[2] = {0, 0};
        int k;

        for (k = 0; k < WORKSHOP_COUNT; k++) {
                report_workshop_cells(m->cells, (enum workshop_kind)k,
                                      m->wk_offices[k], &m->wk[k],
                                      (long long)m->batches[k].n);
                key[0] = (char)('a' + k);
                if (emit(m, i, key) != 0)
                        return -1;
        }
        return 0;
}

/* A table of progress ends with the sums of its columns, after every
 * office (ids are lowercase ASCII: the key sorts after each). */
static int emit_progress_total(struct merge *m, size_t i)
{
        if (m->run->outs[i]->style->format != OUT_TABLE)
                return 0;
        report_progress_total_cells(m->cells, &m->total);
        return emit(m, i, "\177");
}

/* After the offices of apa, in every format: a row per ministry listed,
 * then the row of all. */
static int emit_apa_sums(struct merge *m, size_t k)
{
        struct strbuf key;
        size_t i;
        int rc = 0;

        strbuf_init(&key);
        for (i = 0; i < m->nmins && rc == 0; i++) {
                if (!ministry_listed(m, &m->mins[i]))
                        continue;
                report_apa_sum_cells(m->cells, m->run, m->mins[i].m,
                                     &m->mins[i].c);
                strbuf_reset(&key);
                strbuf_addch(&key, '\177');
                strbuf_addstr(&key, m->mins[i].m->id);
                rc = emit(m, k, key.buf);
        }
        strbuf_release(&key);
        if (rc != 0)
                return rc;
        report_apa_sum_cells(m->cells, m->run, NULL, &m->total);
        return emit(m, k, "\177\177");
}

/* A row per fiscal quarter, in date order. */
static int emit_training(struct merge *m, size_t k)
{
        struct strbuf fy;
        char key[24];
        size_t i;
        int rc = 0;

        strbuf_init(&fy);
        for (i = 0; i < m->quarters.n && rc == 0; i++) {
                const struct tr_sum *q = &m->quarters.v[i];

                report_training_cells(m->cells, q, &fy);
                snprintf(key, sizeof(key), "%06d%d", q->fy, q->quarter);
                rc = emit(m, k, key);
        }
        strbuf_release(&fy);
        return rc;
}

/* The rows of an aggregated kind into out i (other kinds: none). */
static int emit_kind(struct merge *m, size_t i)
{
        switch (m->run->kinds[i]) {
        case REPORT_MINISTRIES:
                return emit_ministries(m, i);
        case REPORT_TOTALS:
                return emit_totals(m, i);
        case REPORT_WORKSHOPS:
                return emit_workshops(m, i);
        case REPORT_PROGRESS:
                return emit_progress_total(m, i);
        case REPORT_APA:
                return emit_apa_sums(m, i);
        case REPORT_TRAINING:
                return emit_training(m, i);
        default:
                return 0;
        }
}

static int merge_finish(struct merge *m)
{
        size_t i;

        if (m->failed)
                return -1;
        for (i = 0; i < m->run->nouts; i++)
                if (emit_kind(m, i) != 0) {
                        spool_error(m);
                        return -1;
                }
        return 0;
}

/* ---- choosing the files ------------------------------------------------- */

/* The ministry an office file's place suggests: its directory's name. */
static const char *dir_name(const char *path, size_t *len)
{
        const char *end = strrchr(path, '/'), *start;

        if (!end) {
                *len = 0;
                return path;
        }
        for (start = end; start > path && start[-1] != '/'; start--)
                ;
        *len = (size_t)(end - start);
        return start;
}

/* Order files as the report will be: by likely ministry, then id. */
static int file_cmp(const void *pa, const void *pb)
{
        const struct office_file *a = *(const struct office_file *const *)pa;
        const struct office_file *b = *(const struct office_file *const *)pb;
        size_t na, nb;
        const char *da = dir_name(a->path, &na), *db = dir_name(b->path, &nb);
        int c = memcmp(da, db, na < nb ? na : nb);

        if (c)
                return c;
        if (na != nb)
                return na < nb ? -1 : 1;
        c = strcmp(a->id, b->id);
        return c ? c : strcmp(a->path, b->path);
}

/*
 * Ids used by more than one file (scan_check_ids()): an error on each
 * later file, or with keep_going a warning and every such file dropped.
 */
static void drop_duplicates(struct run *run, struct diag_list *dl)
{
        bool keep_going = run->ctx.opt->keep_going;
        bool *dup = xcalloc(run->nfiles ? run->nfiles : 1, sizeof(*dup));
        size_t i, k = 0;

        if (report_source_check_ids(&run->ctx, run->files, run->nfiles,
                                    keep_going, dup, dl) > 0 &&
            keep_going) {
                for (i = 0; i < run->nfiles; i++)
                        if (!dup[i])
                                run->files[k++] = run->files[i];
                run->left_out += run->nfiles - k;
                run->nfiles = k;
        }
        free(dup);
}

/* Each office of the filter names a file: an error for each that does
 * not, with the nearest id.  Returns the number of errors. */
static size_t check_offices(const struct report_filter *f,
                            const struct office_list *all, struct diag_list *dl)
{
        size_t k, errors = 0;

        for (k = 0; k < f->noffices; k++) {
                const char *near;
                struct diag *d;

                if (repo_office_find(all, f->offices[k]))
                        continue;
                d = diag_error(dl, NULL, 0, 0, "no office '%s'", f->offices[k]);
                if ((near = repo_near_office(all, f->offices[k])))
                        diag_hint(d, "did you mean '%s'?", near);
                errors++;
        }
        return errors;
}

static int select_files(struct run *run, const struct office_list *all,
                        struct diag_list *dl)
{
        const struct report_filter *f = &run->ctx.opt->filter;
        const struct office_file **files;
        size_t i, n = 0;

        if (check_offices(f, all, dl) > 0)
                return -1;
        files = xmalloc((all->n ? all->n : 1) * sizeof(*files));
        for (i = 0; i < all->n; i++)
                if (report_filter_office(f, all->items[i].id))
                        files[n++] = &all->items[i];
        qsort(files, n, sizeof(*files), file_cmp);
        run->files = files;
        run->nfiles = n;
        drop_duplicates(run, dl);
        return 0;
}

/* ---- the whole run ------------------------------------------------------ */

static int check_ministry(const struct roadmap_meta *meta, const char *id,
                          struct diag_list *dl)
{
        const char *near;
        struct diag *d;

        if (model_find_ministry(meta, id))
                return 0;
        d = diag_error(dl, NULL, 0, 0, "no ministry '%s' in roadmap.yaml", id);
        if ((near = model_near_ministry(meta, id)))
                diag_hint(d, "did you mean '%s'?", near);
        return -1;
}

/* Every ministry of the filter is in roadmap.yaml: an error for each that
 * is not. */
static int check_ministries(const struct roadmap_meta *meta,
                            const struct report_filter *f, struct diag_list *dl)
{
        size_t i;
        int rc = 0;

        for (i = 0; i < f->nministries; i++)
                if (check_ministry(meta, f->ministries[i], dl) != 0)
                        rc = -1;
        return rc;
}

/* The report's dates; apa's fiscal year is the as-of date's, whatever
 * the period (a count toward the year's target). */
/* The report's date, the period's first day and apa's fiscal year; -1
 * with an error for apa without a date, whose fiscal year would be that
 * of 9999-12-31 (every command sets one: report_dates_apply()). */
static int resolve_dates(struct report_ctx *run, struct diag_list *dl)
{
        struct fiscal_year fy;
        struct date to;
        struct strbuf name;

        if (run->want[REPORT_APA] && !date_is_set(run->opt->filter.as_of)) {
                diag_error(dl, NULL, 0, 0,
                           "the apa report needs a report date: its fiscal "
                           "year is the date's");
                return -1;
        }
        run->as_of = run->opt->filter.as_of;
        if (!date_is_set(run->as_of))
                run->as_of = (struct date){9999, 12, 31};
        run->from = run->opt->filter.from;
        if (!date_is_set(run->from))
                run->from = (struct date){run->as_of.y, run->as_of.m, 1};
        fy = fiscal_of(run->as_of);
        fiscal_range(fy, 0, &run->fy_from, &to);
        strbuf_init(&name);
        fiscal_format(fy, &name);
        snprintf(run->fy, sizeof(run->fy), "%s", name.buf);
        strbuf_release(&name);
        return 0;
}

/* The kinds asked for, each with its out. */
static void set_kinds(struct report_ctx *run, const enum report_kind *kinds,
                      struct out *const *outs, size_t n)
{
        size_t i;

        run->kinds = kinds;
        run->outs = outs;
        run->nouts = n;
        for (i = 0; i < n; i++) {
                run->want[kinds[i]] = true;
                if (outs[i]->ncols > run->maxcols)
                        run->maxcols = outs[i]->ncols;
                out_set_groups(outs[i], report_column_groups(kinds[i]));
        }
        run->approval = run->want[REPORT_OFFICES] ||
                        run->want[REPORT_MINISTRIES] ||
                        run->want[REPORT_TOTALS] || run->want[REPORT_APA];
}

/* ---- scan_run() callbacks: ctx is the struct merge ---------------------- */

static void worker_init(void *ctx, void *w)
{
        report_worker_init(w, ((struct merge *)ctx)->run);
}

static void worker_release(void *ctx, void *w)
{
        (void)ctx;
        report_worker_release(w);
}

static void result_init(void *ctx, void *r)
{
        report_result_init(r, ((struct merge *)ctx)->run);
}

static void result_release(void *ctx, void *r)
{
        (void)ctx;
        report_result_release(r);
}

static void map_office(void *ctx, void *w, const struct office_file *f, void *r)
{
        (void)ctx;
        report_read_office(w, f, r);
}

static void consume_office(void *ctx, const struct office_file *f, void *r)
{
        (void)f;
        merge_result(ctx, r);
}

static int read_offices(struct run *run, struct diag_list *dl)
{
        struct merge m;
        struct scan_map map = {
            .files = run->files,
            .nfiles = run->nfiles,
            .jobs = run->ctx.opt->jobs,
            .worker_size = sizeof(struct report_worker),
            .result_size = sizeof(struct result),
            .ctx = &m,
            .worker_init = worker_init,
            .worker_release = worker_release,
            .result_init = result_init,
            .result_release = result_release,
            .map = map_office,
            .consume = consume_office,
        };
        int rc;

        merge_init(&m, &run->ctx, dl);
        scan_run(&map);
        rc = merge_finish(&m);
        run->left_out += m.skipped;
        merge_release(&m);
        return rc;
}

/* The repository's offices.  What the listing refuses (a link, a FIFO,
 * an unreadable directory) fails the report, or with keep_going is a
 * warning and counts as left out. */
static int list_offices(struct run *run, struct office_list *all,
                        struct diag_list *dl)
{
        struct diag_list found = DIAG_LIST_INIT;
        size_t i;
        int rc = report_source_list(&run->ctx, all, &found);

        if (rc != 0 && run->ctx.opt->keep_going) {
                for (i = 0; i < found.n; i++) {
                        if (found.items[i].level != DIAG_ERROR)
                                continue;
                        found.items[i].level = DIAG_WARNING;
                        run->left_out++;
                }
                rc = 0;
        }
        diag_list_move(dl, &found);
        return rc;
}

int report_run(const char *root, const struct report_options *opt,
               struct out *out, struct diag_list *dl)
{
        return report_run_many(root, opt, &opt->kind, &out, 1, dl);
}

int report_run_many(const char *root, const struct report_options *opt,
                    const enum report_kind *kinds, struct out *const *outs,
                    size_t n, struct diag_list *dl)
{
        struct run run;
        struct loaded meta;
        struct office_list all;
        char *prefix;
        int rc = -1;

        memset(&run, 0, sizeof(run));
        memset(&all, 0, sizeof(all));
        loaded_init(&meta);
        run.ctx.opt = opt;
        run.ctx.root = root;
        run.ctx.prefix = prefix = report_source_prefix(&run.ctx);
        run.ctx.meta = &meta.m.meta;
        set_kinds(&run.ctx, kinds, outs, n);
        if (resolve_dates(&run.ctx, dl) != 0 ||
            report_source_meta(&run.ctx, &meta, dl) != 0 ||
            check_ministries(&meta.m.meta, &opt->filter, dl) != 0 ||
            list_offices(&run, &all, dl) != 0 ||
            select_files(&run, &all, dl) != 0)
                goto out;
        if (read_offices(&run, dl) == 0 && diag_count(dl, DIAG_ERROR) == 0)
                rc = run.left_out > INT_MAX ? INT_MAX : (int)run.left_out;
out:
        free(run.files);
        repo_office_list_release(&all);
        loaded_release(&meta);
        free(prefix);
        return rc;
}
