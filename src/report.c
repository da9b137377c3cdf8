/*
 * report: offices to rows, in parallel, merged in a fixed order (see
 * report.h).  The file is in four parts: columns, one office to a result
 * (run by the workers), the pool of workers, and the calling thread's
 * merge and aggregation.
 */
#include "roadmap/report.h"

#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/bangla.h"
#include "roadmap/load.h"
#include "roadmap/memo.h"
#include "roadmap/repo.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

#define KEY_SEP '\001' /* sorts before every id character */

/* ---- columns ------------------------------------------------------------ */

static const struct out_column services_cols[] = {
    {"ministry", OUT_TEXT},
    {"office", OUT_TEXT},
    {"service", OUT_TEXT},
    {"name", OUT_TEXT},
    {"name_bn", OUT_TEXT},
    {"recipients", OUT_TEXT},
    {"days", OUT_INT},
    {"cost", OUT_INT},
    {"visits", OUT_INT},
    {"planned", OUT_BOOL},
    {"priority", OUT_INT},
    {"due", OUT_DATE},
    {"status", OUT_TEXT},
    {"status_date", OUT_DATE},
    {"target_days", OUT_INT},
    {"target_cost", OUT_INT},
    {"target_visits", OUT_INT},
    {"days_saved", OUT_INT},
    {"cost_saved", OUT_INT},
    {"visits_saved", OUT_INT},
    {"days_saved_pct", OUT_INT},
    {"cost_saved_pct", OUT_INT},
    {"visits_saved_pct", OUT_INT},
};

static const struct out_column offices_cols[] = {
    {"ministry", OUT_TEXT},  {"office", OUT_TEXT},      {"name", OUT_TEXT},
    {"services", OUT_INT},   {"planned", OUT_INT},      {"priority1", OUT_INT},
    {"live", OUT_INT},       {"approval", OUT_TEXT},    {"approved", OUT_DATE},
    {"submitted", OUT_DATE}, {"participants", OUT_INT}, {"name_bn", OUT_TEXT},
    {"dropped", OUT_INT},    {"workshops", OUT_INT},    {"days_saved", OUT_INT},
    {"cost_saved", OUT_INT}, {"visits_saved", OUT_INT}, {"memo", OUT_TEXT},
};

static const struct out_column ministries_cols[] = {
    {"ministry", OUT_TEXT},        {"name", OUT_TEXT},
    {"offices", OUT_INT},          {"services", OUT_INT},
    {"planned", OUT_INT},          {"live", OUT_INT},
    {"approved_offices", OUT_INT}, {"participants", OUT_INT},
    {"name_bn", OUT_TEXT},         {"priority1", OUT_INT},
    {"stale_offices", OUT_INT},    {"days_saved", OUT_INT},
    {"cost_saved", OUT_INT},       {"visits_saved", OUT_INT},
};

static const struct out_column workshops_cols[] = {
    {"kind", OUT_TEXT},   {"offices", OUT_INT},     {"participants", OUT_INT},
    {"batches", OUT_INT}, {"attendances", OUT_INT}, {"heads_present", OUT_INT},
};

static const struct out_column totals_cols[] = {
    {"ministries", OUT_INT},    {"offices", OUT_INT},
    {"services", OUT_INT},      {"planned", OUT_INT},
    {"live", OUT_INT},          {"approved_offices", OUT_INT},
    {"participants", OUT_INT},  {"priority1", OUT_INT},
    {"stale_offices", OUT_INT}, {"days_saved", OUT_INT},
    {"cost_saved", OUT_INT},    {"visits_saved", OUT_INT},
};

static const struct out_column progress_cols[] = {
    {"ministry", OUT_TEXT}, {"office", OUT_TEXT},    {"planned", OUT_INT},
    {"designing", OUT_INT}, {"developing", OUT_INT}, {"piloting", OUT_INT},
    {"live", OUT_INT},      {"dropped", OUT_INT},    {"changed", OUT_INT},
    {"services", OUT_INT},
};

#define COLS(a) a, sizeof(a) / sizeof(a[0])

static const struct {
        const char *name;
        const struct out_column *cols;
        size_t ncols;
} kinds[REPORT_KIND_COUNT] = {
    {"offices", COLS(offices_cols)},       {"services", COLS(services_cols)},
    {"ministries", COLS(ministries_cols)}, {"workshops", COLS(workshops_cols)},
    {"totals", COLS(totals_cols)},         {"progress", COLS(progress_cols)},
};

int report_kind_parse(const char *s, enum report_kind *out)
{
        int i;

        for (i = 0; i < REPORT_KIND_COUNT; i++)
                if (strcmp(s, kinds[i].name) == 0) {
                        *out = (enum report_kind)i;
                        return 0;
                }
        return -1;
}

const char *report_kind_name(enum report_kind kind)
{
        return kind < REPORT_KIND_COUNT ? kinds[kind].name : "";
}

const struct out_column *report_columns(enum report_kind kind, size_t *n)
{
        *n = kinds[kind].ncols;
        return kinds[kind].cols;
}

/* ---- one office to a result (worker side) ------------------------------- */

enum { TCV_DAYS, TCV_COST, TCV_VISITS, TCV_COUNT };

/* Counts that add up across offices. */
struct counts {
        long long offices, services, planned, priority1, live, dropped;
        long long approved, stale, participants, attendances;
        long long status[STATUS_COUNT], changed;
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

/* What the workers share, read-only. */
struct run {
        const struct report_options *opt;
        const char *root, *prefix; /* prefix: display path of the root */
        const struct roadmap_meta *meta;
        const struct out_style *style;
        const struct out_column *cols;
        size_t ncols;
        const struct office_file **files; /* to read, in order */
        size_t nfiles;
        size_t left_out; /* offices not read (keep_going): invalid, dup id */
        struct date as_of, from;
};

struct worker {
        const struct run *run;
        struct loaded l;
        struct out_cell *cells;
        struct strbuf path, display, memo;
};

/* A service as of the report's date. */
struct svc_state {
        bool has_status, planned, changed;
        enum status st;
        struct date since;
        bool has_saved[TCV_COUNT];
        long long saved[TCV_COUNT], base[TCV_COUNT];
};

static void result_init(struct result *r)
{
        memset(r, 0, sizeof(*r));
        diag_list_init(&r->diags);
        strbuf_init(&r->key);
        strbuf_init(&r->block);
}

static void result_reset(struct result *r)
{
        diag_list_release(&r->diags);
        diag_list_init(&r->diags);
        strbuf_reset(&r->key);
        strbuf_reset(&r->block);
        r->invalid = r->included = false;
        r->ministry[0] = '\0';
        r->nrows = 0;
        memset(&r->c, 0, sizeof(r->c));
        memset(r->wk, 0, sizeof(r->wk));
        r->nbatches = 0;
}

static void result_release(struct result *r)
{
        diag_list_release(&r->diags);
        strbuf_release(&r->key);
        strbuf_release(&r->block);
        free(r->batches);
}

/* True if the service had a status change dated in [from, to]. */
static bool changed_between(const struct service *s, struct date from,
                            struct date to)
{
        size_t i;

        for (i = 0; i < s->plan.nhistory; i++) {
                const struct history_entry *h = &s->plan.history[i];

                if (date_cmp(h->date, to) > 0)
                        break;
                if (date_cmp(h->date, from) >= 0 &&
                    (i == 0 || h->status != s->plan.history[i - 1].status))
                        return true;
        }
        return false;
}

static void service_state(const struct run *run, const struct service *s,
                          struct svc_state *st)
{
        const long now[TCV_COUNT] = {s->tcv.days, s->tcv.cost, s->tcv.visits};
        const long target[TCV_COUNT] = {s->plan.tcv.days, s->plan.tcv.cost,
                                        s->plan.tcv.visits};
        int k;

        memset(st, 0, sizeof(*st));
        st->has_status = service_status_on(s, run->as_of, &st->st, &st->since);
        st->planned = st->has_status && st->st != STATUS_DROPPED;
        if (st->has_status)
                st->changed = changed_between(s, run->from, run->as_of);
        for (k = 0; k < TCV_COUNT && st->planned; k++) {
                if (now[k] < 0 || target[k] < 0)
                        continue;
                st->has_saved[k] = true;
                st->saved[k] = (long long)now[k] - target[k];
                st->base[k] = now[k];
        }
}

static bool service_matches(const struct report_filter *f,
                            const struct svc_state *st)
{
        if (!f->by_status)
                return true;
        if (f->status_none)
                return !st->has_status;
        return st->has_status && st->st == f->status;
}

/* 100 * part / whole, rounded half away from zero; whole > 0. */
static long long percent(long long part, long long whole)
{
        long long a = part < 0 ? -part : part;
        long long p = (200 * a + whole) / (2 * whole);

        return part < 0 ? -p : p;
}

static void count_service(struct counts *c, const struct service *s,
                          const struct svc_state *st)
{
        int k;

        c->services++;
        if (st->has_status)
                c->status[st->st]++;
        if (st->has_status && st->changed)
                c->changed++;
        if (st->planned) {
                c->planned++;
                if (s->plan.priority == 1)
                        c->priority1++;
        }
        if (st->has_status && st->st == STATUS_LIVE)
                c->live++;
        if (st->has_status && st->st == STATUS_DROPPED)
                c->dropped++;
        for (k = 0; k < TCV_COUNT; k++)
                if (st->has_saved[k])
                        c->saved[k] += st->saved[k];
}

static void render(struct worker *w, struct result *r)
{
        out_render_row(w->run->style, w->run->cols, w->run->ncols, w->cells,
                       &r->block);
        r->nrows++;
}

static void service_row(struct worker *w, const struct office *o,
                        const struct service *s, const struct svc_state *st,
                        struct result *r)
{
        struct out_cell *c = w->cells;
        bool plan = st->has_status;
        int k;

        c[0] = out_text(o->ministry);
        c[1] = out_text(o->id);
        c[2] = out_text(s->id);
        c[3] = out_text(s->name);
        c[4] = out_text(s->name_bn);
        c[5] = s->recipients == RECIPIENTS_NONE
                   ? out_null()
                   : out_text(recipients_name(s->recipients));
        c[6] = out_int_opt(s->tcv.days);
        c[7] = out_int_opt(s->tcv.cost);
        c[8] = out_int_opt(s->tcv.visits);
        c[9] = out_bool(st->planned);
        c[10] = plan ? out_int_opt(s->plan.priority) : out_null();
        c[11] = plan ? out_date(s->plan.due) : out_null();
        c[12] = plan ? out_text(status_name(st->st)) : out_null();
        c[13] = plan ? out_date(st->since) : out_null();
        c[14] = plan ? out_int_opt(s->plan.tcv.days) : out_null();
        c[15] = plan ? out_int_opt(s->plan.tcv.cost) : out_null();
        c[16] = plan ? out_int_opt(s->plan.tcv.visits) : out_null();
        for (k = 0; k < TCV_COUNT; k++) {
                c[17 + k] =
                    st->has_saved[k] ? out_int(st->saved[k]) : out_null();
                c[20 + k] = st->has_saved[k] && st->base[k] > 0
                                ? out_int(percent(st->saved[k], st->base[k]))
                                : out_null();
        }
        render(w, r);
}

/*
 * The memo number as typed, or, when it parses, as typed but for its
 * digits, which are those asked for: the surrounding blanks go, every other
 * character stays (roadmap-report(1) says "rewritten in the digits of
 * --digits"; memo_format() would also respell a file part "(অংশ-২)").
 */
static struct out_cell memo_cell(struct worker *w, const char *memo)
{
        struct memo m;
        const char *why;
        size_t n;

        if (!memo)
                return out_null();
        if (w->run->opt->memo_digits == REPORT_MEMO_AS_TYPED ||
            memo_parse(memo, strlen(memo), &m, &why) != 0)
                return out_text(memo);
        memo += strspn(memo, " \t");
        n = strlen(memo);
        while (n > 0 && (memo[n - 1] == ' ' || memo[n - 1] == '\t'))
                n--;
        strbuf_reset(&w->memo);
        if (w->run->opt->memo_digits == REPORT_MEMO_BENGALI)
                bangla_digits(memo, n, &w->memo);
        else
                bangla_ascii_digits(memo, n, &w->memo);
        return out_text(w->memo.buf);
}

static void office_row(struct worker *w, const struct office *o,
                       enum approval_state ap, struct result *r)
{
        struct out_cell *c = w->cells;
        bool approved = ap != APPROVAL_NONE;
        struct date sub = o->approval.submitted;

        if (!approved || !date_is_set(sub) || date_cmp(sub, w->run->as_of) > 0)
                sub = (struct date){0, 0, 0};
        c[0] = out_text(o->ministry);
        c[1] = out_text(o->id);
        c[2] = out_text(o->name);
        c[3] = out_int(r->c.services);
        c[4] = out_int(r->c.planned);
        c[5] = out_int(r->c.priority1);
        c[6] = out_int(r->c.live);
        c[7] = out_text(approval_state_name(ap));
        c[8] = approved ? out_date(o->approval.date) : out_null();
        c[9] = out_date(sub);
        c[10] = out_int(r->c.participants);
        c[11] = out_text(o->name_bn);
        c[12] = out_int(r->c.dropped);
        c[13] = out_int(r->c.attendances);
        c[14] = out_int(r->c.saved[TCV_DAYS]);
        c[15] = out_int(r->c.saved[TCV_COST]);
        c[16] = out_int(r->c.saved[TCV_VISITS]);
        c[17] = approved ? memo_cell(w, o->approval.memo) : out_null();
        render(w, r);
}

static void progress_row(struct worker *w, const struct office *o,
                         struct result *r)
{
        struct out_cell *c = w->cells;
        int k;

        c[0] = out_text(o->ministry);
        c[1] = out_text(o->id);
        for (k = 0; k < STATUS_COUNT; k++)
                c[2 + k] = out_int(r->c.status[k]);
        c[8] = out_int(r->c.changed);
        c[9] = out_int(r->c.services);
        render(w, r);
}

static void add_batch(struct result *r, enum workshop_kind kind, long batch)
{
        size_t i;

        for (i = 0; i < r->nbatches; i++)
                if (r->batches[i].kind == kind && r->batches[i].batch == batch)
                        return;
        r->batches = xgrow(r->batches, &r->capbatches, r->nbatches + 1,
                           sizeof(*r->batches));
        r->batches[r->nbatches].kind = kind;
        r->batches[r->nbatches++].batch = batch;
}

static void sum_workshops(const struct run *run, const struct office *o,
                          struct result *r)
{
        size_t i;

        for (i = 0; i < o->nworkshops; i++) {
                const struct workshop *ws = &o->workshops[i];
                struct wk_sum *k = &r->wk[ws->kind];

                if (ws->kind >= WORKSHOP_COUNT ||
                    date_cmp(ws->date, run->as_of) > 0 ||
                    (run->opt->filter.period &&
                     date_cmp(ws->date, run->from) < 0))
                        continue;
                k->attended = true;
                k->attendances++;
                k->participants += ws->participants > 0 ? ws->participants : 0;
                k->heads += ws->head_present;
                r->c.attendances++;
                r->c.participants +=
                    ws->participants > 0 ? ws->participants : 0;
                if (ws->batch >= 0)
                        add_batch(r, ws->kind, ws->batch);
        }
}

/*
 * A dated report checks the approval against the plans as they stood on
 * its date; otherwise against the plans as they stand, as check does.
 */
static enum approval_state approval_on(const struct run *run,
                                       const struct office *o)
{
        if (run->opt->filter.dated)
                return office_approval_state_on(o, run->as_of);
        return office_approved_by(o, run->as_of) ? office_approval_state(o)
                                                 : APPROVAL_NONE;
}

static void summarise(struct worker *w, const struct office *o,
                      struct result *r)
{
        const struct run *run = w->run;
        const struct report_filter *f = &run->opt->filter;
        enum report_kind kind = run->opt->kind;
        enum approval_state ap;
        size_t i;

        if (f->ministry && strcmp(o->ministry, f->ministry) != 0)
                return;
        for (i = 0; i < o->nservices; i++) {
                const struct service *s = &o->services[i];
                struct svc_state st;

                service_state(run, s, &st);
                if (!service_matches(f, &st))
                        continue;
                count_service(&r->c, s, &st);
                if (kind == REPORT_SERVICES)
                        service_row(w, o, s, &st, r);
        }
        if (f->by_status && r->c.services == 0)
                return;
        r->included = true;
        r->c.offices = 1;
        /* the digest costs a hash of the plans: only where it shows */
        ap = kind == REPORT_OFFICES || kind == REPORT_MINISTRIES ||
                     kind == REPORT_TOTALS
                 ? approval_on(run, o)
                 : APPROVAL_NONE;
        r->c.approved = ap == APPROVAL_APPROVED;
        r->c.stale = ap == APPROVAL_STALE;
        sum_workshops(run, o, r);
        snprintf(r->ministry, sizeof(r->ministry), "%s", o->ministry);
        strbuf_addstr(&r->key, o->ministry);
        strbuf_addch(&r->key, KEY_SEP);
        strbuf_addstr(&r->key, o->id);
        if (kind == REPORT_OFFICES)
                office_row(w, o, ap, r);
        else if (kind == REPORT_PROGRESS)
                progress_row(w, o, r);
}

static void read_office(struct worker *w, size_t idx, struct result *r)
{
        const struct run *run = w->run;
        const struct office_file *f = run->files[idx];

        result_reset(r);
        strbuf_reset(&w->path);
        strbuf_addstr(&w->path, run->root);
        strbuf_addch(&w->path, '/');
        strbuf_addstr(&w->path, f->path);
        strbuf_reset(&w->display);
        strbuf_addstr(&w->display, run->prefix);
        strbuf_addstr(&w->display, f->path);
        if (load_office(&w->l, w->path.buf, w->display.buf, f->id, &r->diags) !=
                0 ||
            model_check_refs(&w->l.m.office, run->meta, &r->diags) != 0 ||
            diag_count(&r->diags, DIAG_ERROR) > 0) {
                r->invalid = true;
        } else {
                /* warnings are check's business; a report shows state */
                diag_list_release(&r->diags);
                diag_list_init(&r->diags);
                summarise(w, &w->l.m.office, r);
        }
        loaded_reset(&w->l);
}

static void worker_init(struct worker *w, const struct run *run)
{
        memset(w, 0, sizeof(*w));
        w->run = run;
        loaded_init(&w->l);
        w->cells = xcalloc(run->ncols, sizeof(*w->cells));
        strbuf_init(&w->path);
        strbuf_init(&w->display);
        strbuf_init(&w->memo);
}

static void worker_release(struct worker *w)
{
        loaded_release(&w->l);
        free(w->cells);
        strbuf_release(&w->path);
        strbuf_release(&w->display);
        strbuf_release(&w->memo);
}

/* ---- the pool ----------------------------------------------------------- */

struct merge; /* the calling thread's side, below */
static void merge_result(struct merge *m, struct result *r);

/*
 * Workers take files in order, at most window ahead of the merge; file i
 * goes to slot i % window, which the merge empties before it can be
 * reused.  The merge takes slots strictly in file order.
 */
struct pool {
        pthread_mutex_t mu;
        pthread_cond_t can_take, done;
        size_t next, merged, window;
        size_t completed; /* files read, merged or not */
        size_t batch;     /* wake the merge for this many files at once */
        bool merge_waits;
        bool *ready;
        struct result *slots;
        const struct run *run;
};

/* The merge has enough to do: the next file in order is ready and a
 * batch of files (or the last of them) has been read.  Waking it per
 * batch, not per file, saves a futex wake and wait per office. */
static bool merge_can_go(const struct pool *p)
{
        return p->ready[p->merged % p->window] &&
               (p->completed - p->merged >= p->batch ||
                p->completed == p->run->nfiles);
}

struct thread {
        pthread_t tid;
        struct pool *pool;
        struct worker w;
};

static void *worker_main(void *arg)
{
        struct thread *t = arg;
        struct pool *p = t->pool;
        size_t i;

        pthread_mutex_lock(&p->mu);
        for (;;) {
                while (p->next < p->run->nfiles &&
                       p->next >= p->merged + p->window)
                        pthread_cond_wait(&p->can_take, &p->mu);
                if (p->next >= p->run->nfiles)
                        break;
                i = p->next++;
                pthread_mutex_unlock(&p->mu);
                read_office(&t->w, i, &p->slots[i % p->window]);
                pthread_mutex_lock(&p->mu);
                p->ready[i % p->window] = true;
                p->completed++;
                if (p->merge_waits && merge_can_go(p))
                        pthread_cond_signal(&p->done);
        }
        pthread_mutex_unlock(&p->mu);
        return NULL;
}

static void merge_in_order(struct pool *p, struct merge *m)
{
        size_t i, s;

        for (i = 0; i < p->run->nfiles; i++) {
                s = i % p->window;
                pthread_mutex_lock(&p->mu);
                if (!p->ready[s]) {
                        p->merge_waits = true;
                        while (!merge_can_go(p))
                                pthread_cond_wait(&p->done, &p->mu);
                        p->merge_waits = false;
                }
                pthread_mutex_unlock(&p->mu);
                merge_result(m, &p->slots[s]);
                pthread_mutex_lock(&p->mu);
                p->ready[s] = false;
                p->merged++;
                pthread_cond_broadcast(&p->can_take);
                pthread_mutex_unlock(&p->mu);
        }
}

static void run_serial(const struct run *run, struct merge *m)
{
        struct worker w;
        struct result r;
        size_t i;

        worker_init(&w, run);
        result_init(&r);
        for (i = 0; i < run->nfiles; i++) {
                read_office(&w, i, &r);
                merge_result(m, &r);
        }
        result_release(&r);
        worker_release(&w);
}

static void run_parallel(const struct run *run, unsigned jobs, struct merge *m)
{
        struct pool p;
        struct thread *t = xcalloc(jobs, sizeof(*t));
        unsigned i, started = 0;

        memset(&p, 0, sizeof(p));
        pthread_mutex_init(&p.mu, NULL);
        pthread_cond_init(&p.can_take, NULL);
        pthread_cond_init(&p.done, NULL);
        p.run = run;
        p.window = 32 * (size_t)jobs;
        p.batch = 8 * (size_t)jobs;
        p.ready = xcalloc(p.window, sizeof(*p.ready));
        p.slots = xcalloc(p.window, sizeof(*p.slots));
        for (i = 0; i < p.window; i++)
                result_init(&p.slots[i]);
        for (i = 0; i < jobs; i++) {
                t[i].pool = &p;
                worker_init(&t[i].w, run);
                if (pthread_create(&t[i].tid, NULL, worker_main, &t[i]) != 0)
                        break;
                started++;
        }
        if (started == 0) { /* no threads to be had: read here */
                run_serial(run, m);
        } else {
                merge_in_order(&p, m);
        }
        for (i = 0; i < started; i++)
                pthread_join(t[i].tid, NULL);
        for (i = 0; i < jobs; i++)
                worker_release(&t[i].w);
        for (i = 0; i < p.window; i++)
                result_release(&p.slots[i]);
        free(p.slots);
        free(p.ready);
        free(t);
        pthread_cond_destroy(&p.done);
        pthread_cond_destroy(&p.can_take);
        pthread_mutex_destroy(&p.mu);
}

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
        const struct run *run;
        struct out *out;
        struct diag_list *dl;
        bool failed;
        size_t skipped; /* invalid offices left out (keep_going) */
        struct counts total;
        struct ministry_acc *mins; /* sorted by id */
        size_t nmins;
        struct wk_sum wk[WORKSHOP_COUNT];
        long long wk_offices[WORKSHOP_COUNT];
        struct lset batches[WORKSHOP_COUNT];
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
        for (k = 0; k < STATUS_COUNT; k++)
                a->status[k] += b->status[k];
        for (k = 0; k < TCV_COUNT; k++)
                a->saved[k] += b->saved[k];
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
        if (r->nrows && out_add(m->out, r->key.buf, r->key.len, r->block.buf,
                                r->block.len, r->nrows) != 0) {
                diag_error(m->dl, NULL, 0, 0,
                           "cannot write the report's temporary file: %s",
                           strerror(m->out->err));
                m->failed = true;
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
}

static void merge_init(struct merge *m, const struct run *run, struct out *out,
                       struct diag_list *dl)
{
        const struct report_filter *f = &run->opt->filter;
        size_t i;

        memset(m, 0, sizeof(*m));
        m->run = run;
        m->out = out;
        m->dl = dl;
        m->mins = xcalloc(run->meta->nministries + 1, sizeof(*m->mins));
        for (i = 0; i < run->meta->nministries; i++) {
                const struct ministry *mi = &run->meta->ministries[i];

                if (!mi->id || (f->ministry && strcmp(mi->id, f->ministry)))
                        continue;
                m->mins[m->nmins++].m = mi;
        }
        qsort(m->mins, m->nmins, sizeof(*m->mins), acc_cmp);
}

static void merge_release(struct merge *m)
{
        int k;

        free(m->mins);
        for (k = 0; k < WORKSHOP_COUNT; k++)
                free(m->batches[k].v);
}

/* A ministry is listed unless an office or status filter left it empty. */
static bool ministry_listed(const struct merge *m, const struct ministry_acc *a)
{
        const struct report_filter *f = &m->run->opt->filter;

        return a->c.offices > 0 || (!f->office && !f->by_status);
}

static int emit(struct merge *m, const char *key, const struct out_cell *cells)
{
        struct strbuf sb;
        int rc;

        strbuf_init(&sb);
        out_render_row(m->run->style, m->run->cols, m->run->ncols, cells, &sb);
        rc = out_add(m->out, key, strlen(key), sb.buf, sb.len, 1);
        strbuf_release(&sb);
        return rc;
}

static int emit_ministries(struct merge *m)
{
        struct out_cell c[sizeof(ministries_cols) / sizeof(ministries_cols[0])];
        size_t i;

        for (i = 0; i < m->nmins; i++) {
                const struct ministry_acc *a = &m->mins[i];

                if (!ministry_listed(m, a))
                        continue;
                c[0] = out_text(a->m->id);
                c[1] = out_text(a->m->name);
                c[2] = out_int(a->c.offices);
                c[3] = out_int(a->c.services);
                c[4] = out_int(a->c.planned);
                c[5] = out_int(a->c.live);
                c[6] = out_int(a->c.approved);
                c[7] = out_int(a->c.participants);
                c[8] = out_text(a->m->name_bn);
                c[9] = out_int(a->c.priority1);
                c[10] = out_int(a->c.stale);
                c[11] = out_int(a->c.saved[TCV_DAYS]);
                c[12] = out_int(a->c.saved[TCV_COST]);
                c[13] = out_int(a->c.saved[TCV_VISITS]);
                if (emit(m, a->m->id, c) != 0)
                        return -1;
        }
        return 0;
}

static int emit_totals(struct merge *m)
{
        struct out_cell c[sizeof(totals_cols) / sizeof(totals_cols[0])];
        long long nmin = 0;
        size_t i;

        for (i = 0; i < m->nmins; i++)
                nmin += ministry_listed(m, &m->mins[i]);
        c[0] = out_int(nmin);
        c[1] = out_int(m->total.offices);
        c[2] = out_int(m->total.services);
        c[3] = out_int(m->total.planned);
        c[4] = out_int(m->total.live);
        c[5] = out_int(m->total.approved);
        c[6] = out_int(m->total.participants);
        c[7] = out_int(m->total.priority1);
        c[8] = out_int(m->total.stale);
        c[9] = out_int(m->total.saved[TCV_DAYS]);
        c[10] = out_int(m->total.saved[TCV_COST]);
        c[11] = out_int(m->total.saved[TCV_VISITS]);
        return emit(m, "", c);
}

static int emit_workshops(struct merge *m)
{
        struct out_cell c[sizeof(workshops_cols) / sizeof(workshops_cols[0])];
        char key[2] = {0, 0};
        int k;

        for (k = 0; k < WORKSHOP_COUNT; k++) {
                c[0] = out_text(workshop_kind_name((enum workshop_kind)k));
                c[1] = out_int(m->wk_offices[k]);
                c[2] = out_int(m->wk[k].participants);
                c[3] = out_int((long long)m->batches[k].n);
                c[4] = out_int(m->wk[k].attendances);
                c[5] = out_int(m->wk[k].heads);
                key[0] = (char)('a' + k);
                if (emit(m, key, c) != 0)
                        return -1;
        }
        return 0;
}

static int merge_finish(struct merge *m)
{
        int rc = 0;

        if (m->failed)
                return -1;
        if (m->run->opt->kind == REPORT_MINISTRIES)
                rc = emit_ministries(m);
        else if (m->run->opt->kind == REPORT_TOTALS)
                rc = emit_totals(m);
        else if (m->run->opt->kind == REPORT_WORKSHOPS)
                rc = emit_workshops(m);
        if (rc != 0)
                diag_error(m->dl, NULL, 0, 0,
                           "cannot write the report's temporary file: %s",
                           strerror(m->out->err));
        return rc;
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

static int id_cmp(const void *pa, const void *pb)
{
        const struct office_file *a = *(const struct office_file *const *)pa;
        const struct office_file *b = *(const struct office_file *const *)pb;
        int c = strcmp(a->id, b->id);

        return c ? c : strcmp(a->path, b->path);
}

static void dup_diag(struct diag_list *dl, bool keep_going, const char *root,
                     const char *prefix, const struct office_file *later,
                     const struct office_file *first)
{
        char *path = xasprintf("%s%s", prefix, later->path);
        char *full = xasprintf("%s/%s", root, later->path);
        int line, col;

        load_office_id_position(full, &line, &col);
        diag_add(dl, keep_going ? DIAG_WARNING : DIAG_ERROR, path, line, col,
                 "office id '%s' is also used by '%s%s'%s", later->id, prefix,
                 first->path, keep_going ? "; both skipped" : "");
        free(full);
        free(path);
}

/*
 * Ids used by more than one file: an error on each later file, or a
 * warning and the file dropped from the list with keep_going.
 */
static void drop_duplicates(struct run *run, const char *prefix,
                            bool keep_going, struct diag_list *dl)
{
        const struct office_file **byid;
        size_t i, j, n = run->nfiles;
        bool *dup = xcalloc(n ? n : 1, sizeof(*dup));

        byid = xmalloc((n ? n : 1) * sizeof(*byid));
        memcpy(byid, run->files, n * sizeof(*byid));
        qsort(byid, n, sizeof(*byid), id_cmp);
        for (i = 1; i < n; i++) {
                if (strcmp(byid[i]->id, byid[i - 1]->id) != 0)
                        continue;
                for (j = i - 1;
                     j > 0 && strcmp(byid[j - 1]->id, byid[i]->id) == 0; j--)
                        ;
                dup_diag(dl, keep_going, run->root, prefix, byid[i], byid[j]);
        }
        for (i = 0; i < n; i++)
                for (j = i + 1; j < n && strcmp(byid[i]->id, byid[j]->id) == 0;
                     j++)
                        dup[i] = dup[j] = true;
        if (keep_going) {
                size_t k = 0;
                for (i = 0; i < n; i++)
                        if (!dup[i])
                                byid[k++] = byid[i];
                memcpy(run->files, byid, k * sizeof(*byid));
                run->left_out += n - k;
                run->nfiles = k;
                qsort(run->files, k, sizeof(*run->files), file_cmp);
        }
        free(byid);
        free(dup);
}

static int select_files(struct run *run, const struct office_list *all,
                        const char *prefix, struct diag_list *dl)
{
        const char *office = run->opt->filter.office;
        const struct office_file **files;
        size_t i, n = 0;

        files = xmalloc((all->n ? all->n : 1) * sizeof(*files));
        for (i = 0; i < all->n; i++)
                if (!office || strcmp(all->items[i].id, office) == 0)
                        files[n++] = &all->items[i];
        if (office && n == 0) {
                diag_error(dl, NULL, 0, 0, "no office '%s'", office);
                free(files);
                return -1;
        }
        qsort(files, n, sizeof(*files), file_cmp);
        run->files = files;
        run->nfiles = n;
        drop_duplicates(run, prefix, run->opt->keep_going, dl);
        return 0;
}

/* ---- the whole run ------------------------------------------------------ */

static int check_ministry(const struct roadmap_meta *meta, const char *id,
                          struct diag_list *dl)
{
        const char **names;
        const char *near;
        struct diag *d;
        size_t i;

        if (!id || model_find_ministry(meta, id))
                return 0;
        d = diag_error(dl, NULL, 0, 0, "no ministry '%s' in roadmap.yaml", id);
        names = xcalloc(meta->nministries + 1, sizeof(*names));
        for (i = 0; i < meta->nministries; i++)
                names[i] = meta->ministries[i].id ? meta->ministries[i].id : "";
        near = diag_did_you_mean(id, names, meta->nministries);
        if (near)
                diag_hint(d, "did you mean '%s'?", near);
        free(names);
        return -1;
}

static void resolve_dates(struct run *run)
{
        run->as_of = run->opt->filter.as_of;
        if (!date_is_set(run->as_of))
                run->as_of = (struct date){9999, 12, 31};
        run->from = run->opt->filter.from;
        if (!date_is_set(run->from))
                run->from = (struct date){run->as_of.y, run->as_of.m, 1};
}

static int read_offices(struct run *run, struct out *out, struct diag_list *dl)
{
        struct merge m;
        unsigned jobs = run->opt->jobs;
        int rc;

        merge_init(&m, run, out, dl);
        if (jobs > REPORT_MAX_JOBS)
                jobs = REPORT_MAX_JOBS;
        if (jobs > run->nfiles)
                jobs = (unsigned)run->nfiles;
        if (jobs <= 1)
                run_serial(run, &m);
        else
                run_parallel(run, jobs, &m);
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
        int rc = repo_list_offices(run->root, all, &found);

        if (rc != 0 && run->opt->keep_going) {
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
        struct run run;
        struct loaded meta;
        struct office_list all;
        char *marker = xasprintf("%s/%s", root, REPO_MARKER);
        char *prefix = repo_display_path(root, "");
        char *display = xasprintf("%s%s", prefix, REPO_MARKER);
        int rc = -1;

        memset(&run, 0, sizeof(run));
        memset(&all, 0, sizeof(all));
        loaded_init(&meta);
        run.opt = opt;
        run.root = root;
        run.prefix = prefix;
        run.meta = &meta.m.meta;
        run.style = out->style;
        run.cols = out->cols;
        run.ncols = out->ncols;
        resolve_dates(&run);
        if (load_roadmap(&meta, marker, display, dl) != 0 ||
            check_ministry(&meta.m.meta, opt->filter.ministry, dl) != 0 ||
            list_offices(&run, &all, dl) != 0 ||
            select_files(&run, &all, prefix, dl) != 0)
                goto out;
        if (read_offices(&run, out, dl) == 0 && diag_count(dl, DIAG_ERROR) == 0)
                rc = run.left_out > INT_MAX ? INT_MAX : (int)run.left_out;
out:
        free(run.files);
        repo_office_list_release(&all);
        loaded_release(&meta);
        free(marker);
        free(prefix);
        free(display);
        return rc;
}
