/*
 * report-rows: the columns of every report kind, one office to a result
 * (run by the workers), and the rows of the aggregated kinds (see
 * report-rows.h).
 */
#include "roadmap/report-rows.h"

#include <stdlib.h>
#include <string.h>

#include "roadmap/bangla.h"
#include "roadmap/memo.h"
#include "roadmap/xalloc.h"

#define KEY_SEP '\001' /* sorts before every id character */

/* ---- columns ------------------------------------------------------------ */

/*
 * Each kind's columns, in output order: the names of roadmap(1) first,
 * then extras.  X(NAME, "name", type) gives the enum NAME, by which the
 * rows below fill the cell, and the column itself.
 */
#define SERVICES_COLUMNS(X)                                                    \
        X(SV_MINISTRY, "ministry", OUT_TEXT)                                   \
        X(SV_OFFICE, "office", OUT_TEXT)                                       \
        X(SV_SERVICE, "service", OUT_TEXT)                                     \
        X(SV_NAME, "name", OUT_TEXT)                                           \
        X(SV_NAME_BN, "name_bn", OUT_TEXT)                                     \
        X(SV_RECIPIENTS, "recipients", OUT_TEXT)                               \
        X(SV_DAYS, "days", OUT_INT)                                            \
        X(SV_COST, "cost", OUT_INT)                                            \
        X(SV_VISITS, "visits", OUT_INT)                                        \
        X(SV_PLANNED, "planned", OUT_BOOL)                                     \
        X(SV_PRIORITY, "priority", OUT_INT)                                    \
        X(SV_DUE, "due", OUT_DATE)                                             \
        X(SV_STATUS, "status", OUT_TEXT)                                       \
        X(SV_STATUS_DATE, "status_date", OUT_DATE)                             \
        X(SV_TARGET_DAYS, "target_days", OUT_INT)                              \
        X(SV_TARGET_COST, "target_cost", OUT_INT)                              \
        X(SV_TARGET_VISITS, "target_visits", OUT_INT)                          \
        X(SV_DAYS_SAVED, "days_saved", OUT_INT)                                \
        X(SV_COST_SAVED, "cost_saved", OUT_INT)                                \
        X(SV_VISITS_SAVED, "visits_saved", OUT_INT)                            \
        X(SV_DAYS_SAVED_PCT, "days_saved_pct", OUT_INT)                        \
        X(SV_COST_SAVED_PCT, "cost_saved_pct", OUT_INT)                        \
        X(SV_VISITS_SAVED_PCT, "visits_saved_pct", OUT_INT)                    \
        X(SV_OVERDUE, "overdue", OUT_BOOL)

#define OFFICES_COLUMNS(X)                                                     \
        X(OF_MINISTRY, "ministry", OUT_TEXT)                                   \
        X(OF_OFFICE, "office", OUT_TEXT)                                       \
        X(OF_NAME, "name", OUT_TEXT)                                           \
        X(OF_SERVICES, "services", OUT_INT)                                    \
        X(OF_PLANNED, "planned", OUT_INT)                                      \
        X(OF_PRIORITY1, "priority1", OUT_INT)                                  \
        X(OF_LIVE, "live", OUT_INT)                                            \
        X(OF_APPROVAL, "approval", OUT_TEXT)                                   \
        X(OF_APPROVED, "approved", OUT_DATE)                                   \
        X(OF_SUBMITTED, "submitted", OUT_DATE)                                 \
        X(OF_PARTICIPANTS, "participants", OUT_INT)                            \
        X(OF_NAME_BN, "name_bn", OUT_TEXT)                                     \
        X(OF_DROPPED, "dropped", OUT_INT)                                      \
        X(OF_WORKSHOPS, "workshops", OUT_INT)                                  \
        X(OF_DAYS_SAVED, "days_saved", OUT_INT)                                \
        X(OF_COST_SAVED, "cost_saved", OUT_INT)                                \
        X(OF_VISITS_SAVED, "visits_saved", OUT_INT)                            \
        X(OF_MEMO, "memo", OUT_TEXT)                                           \
        X(OF_OVERDUE, "overdue", OUT_INT)

#define MINISTRIES_COLUMNS(X)                                                  \
        X(MI_MINISTRY, "ministry", OUT_TEXT)                                   \
        X(MI_NAME, "name", OUT_TEXT)                                           \
        X(MI_OFFICES, "offices", OUT_INT)                                      \
        X(MI_SERVICES, "services", OUT_INT)                                    \
        X(MI_PLANNED, "planned", OUT_INT)                                      \
        X(MI_LIVE, "live", OUT_INT)                                            \
        X(MI_APPROVED_OFFICES, "approved_offices", OUT_INT)                    \
        X(MI_PARTICIPANTS, "participants", OUT_INT)                            \
        X(MI_NAME_BN, "name_bn", OUT_TEXT)                                     \
        X(MI_PRIORITY1, "priority1", OUT_INT)                                  \
        X(MI_STALE_OFFICES, "stale_offices", OUT_INT)                          \
        X(MI_DAYS_SAVED, "days_saved", OUT_INT)                                \
        X(MI_COST_SAVED, "cost_saved", OUT_INT)                                \
        X(MI_VISITS_SAVED, "visits_saved", OUT_INT)                            \
        X(MI_OVERDUE, "overdue", OUT_INT)                                      \
        X(MI_DAYS_NOW, "days_now", OUT_INT)                                    \
        X(MI_COST_NOW, "cost_now", OUT_INT)                                    \
        X(MI_VISITS_NOW, "visits_now", OUT_INT)                                \
        X(MI_DAYS_TARGET, "days_target", OUT_INT)                              \
        X(MI_COST_TARGET, "cost_target", OUT_INT)                              \
        X(MI_VISITS_TARGET, "visits_target", OUT_INT)

#define WORKSHOPS_COLUMNS(X)                                                   \
        X(WK_KIND, "kind", OUT_TEXT)                                           \
        X(WK_OFFICES, "offices", OUT_INT)                                      \
        X(WK_PARTICIPANTS, "participants", OUT_INT)                            \
        X(WK_BATCHES, "batches", OUT_INT)                                      \
        X(WK_ATTENDANCES, "attendances", OUT_INT)                              \
        X(WK_HEADS_PRESENT, "heads_present", OUT_INT)

#define TOTALS_COLUMNS(X)                                                      \
        X(TO_MINISTRIES, "ministries", OUT_INT)                                \
        X(TO_OFFICES, "offices", OUT_INT)                                      \
        X(TO_SERVICES, "services", OUT_INT)                                    \
        X(TO_PLANNED, "planned", OUT_INT)                                      \
        X(TO_LIVE, "live", OUT_INT)                                            \
        X(TO_APPROVED_OFFICES, "approved_offices", OUT_INT)                    \
        X(TO_PARTICIPANTS, "participants", OUT_INT)                            \
        X(TO_PRIORITY1, "priority1", OUT_INT)                                  \
        X(TO_STALE_OFFICES, "stale_offices", OUT_INT)                          \
        X(TO_DAYS_SAVED, "days_saved", OUT_INT)                                \
        X(TO_COST_SAVED, "cost_saved", OUT_INT)                                \
        X(TO_VISITS_SAVED, "visits_saved", OUT_INT)                            \
        X(TO_OVERDUE, "overdue", OUT_INT)                                      \
        X(TO_DAYS_NOW, "days_now", OUT_INT)                                    \
        X(TO_COST_NOW, "cost_now", OUT_INT)                                    \
        X(TO_VISITS_NOW, "visits_now", OUT_INT)                                \
        X(TO_DAYS_TARGET, "days_target", OUT_INT)                              \
        X(TO_COST_TARGET, "cost_target", OUT_INT)                              \
        X(TO_VISITS_TARGET, "visits_target", OUT_INT)

#define PROGRESS_COLUMNS(X)                                                    \
        X(PG_MINISTRY, "ministry", OUT_TEXT, NULL)                             \
        X(PG_OFFICE, "office", OUT_TEXT, NULL)                                 \
        X(PG_PLANNED, "planned", OUT_INT, "status")                            \
        X(PG_DESIGNING, "designing", OUT_INT, "status")                        \
        X(PG_DEVELOPING, "developing", OUT_INT, "status")                      \
        X(PG_PILOTING, "piloting", OUT_INT, "status")                          \
        X(PG_LIVE, "live", OUT_INT, "status")                                  \
        X(PG_DROPPED, "dropped", OUT_INT, "status")                            \
        X(PG_CHANGED, "changed", OUT_INT, NULL)                                \
        X(PG_SERVICES, "services", OUT_INT, NULL)                              \
        X(PG_OVERDUE, "overdue", OUT_INT, NULL)

#define COLUMN_ENUM(e, name, type) e,
#define COLUMN_ENTRY(e, name, type) [e] = {name, type},
#define GROUPED_ENUM(e, name, type, group) e,
#define GROUPED_ENTRY(e, name, type, group) [e] = {name, type},
#define GROUP_ENTRY(e, name, type, group) [e] = group,

enum { SERVICES_COLUMNS(COLUMN_ENUM) };
enum { OFFICES_COLUMNS(COLUMN_ENUM) };
enum { MINISTRIES_COLUMNS(COLUMN_ENUM) };
enum { WORKSHOPS_COLUMNS(COLUMN_ENUM) };
enum { TOTALS_COLUMNS(COLUMN_ENUM) };
enum { PROGRESS_COLUMNS(GROUPED_ENUM) };

static const struct out_column services_cols[] = {
    SERVICES_COLUMNS(COLUMN_ENTRY)};
static const struct out_column offices_cols[] = {OFFICES_COLUMNS(COLUMN_ENTRY)};
static const struct out_column ministries_cols[] = {
    MINISTRIES_COLUMNS(COLUMN_ENTRY)};
static const struct out_column workshops_cols[] = {
    WORKSHOPS_COLUMNS(COLUMN_ENTRY)};
static const struct out_column totals_cols[] = {TOTALS_COLUMNS(COLUMN_ENTRY)};
static const struct out_column progress_cols[] = {
    PROGRESS_COLUMNS(GROUPED_ENTRY)};
static const char *const progress_groups[] = {PROGRESS_COLUMNS(GROUP_ENTRY)};

/* The columns of the quantities counted per time, cost and visits, and
 * per status. */
static const int sv_tcv[TCV_COUNT] = {SV_DAYS, SV_COST, SV_VISITS};
static const int sv_target[TCV_COUNT] = {SV_TARGET_DAYS, SV_TARGET_COST,
                                         SV_TARGET_VISITS};
static const int sv_saved[TCV_COUNT] = {SV_DAYS_SAVED, SV_COST_SAVED,
                                        SV_VISITS_SAVED};
static const int sv_saved_pct[TCV_COUNT] = {
    SV_DAYS_SAVED_PCT, SV_COST_SAVED_PCT, SV_VISITS_SAVED_PCT};
static const int of_saved[TCV_COUNT] = {OF_DAYS_SAVED, OF_COST_SAVED,
                                        OF_VISITS_SAVED};
static const int mi_saved[TCV_COUNT] = {MI_DAYS_SAVED, MI_COST_SAVED,
                                        MI_VISITS_SAVED};
static const int to_saved[TCV_COUNT] = {TO_DAYS_SAVED, TO_COST_SAVED,
                                        TO_VISITS_SAVED};
/* the sums of which days_saved etc. are the difference */
static const int mi_now[TCV_COUNT] = {MI_DAYS_NOW, MI_COST_NOW, MI_VISITS_NOW};
static const int mi_target[TCV_COUNT] = {MI_DAYS_TARGET, MI_COST_TARGET,
                                         MI_VISITS_TARGET};
static const int to_now[TCV_COUNT] = {TO_DAYS_NOW, TO_COST_NOW, TO_VISITS_NOW};
static const int to_target[TCV_COUNT] = {TO_DAYS_TARGET, TO_COST_TARGET,
                                         TO_VISITS_TARGET};
static const int pg_status[STATUS_COUNT] = {[STATUS_PLANNED] = PG_PLANNED,
                                            [STATUS_DESIGNING] = PG_DESIGNING,
                                            [STATUS_DEVELOPING] = PG_DEVELOPING,
                                            [STATUS_PILOTING] = PG_PILOTING,
                                            [STATUS_LIVE] = PG_LIVE,
                                            [STATUS_DROPPED] = PG_DROPPED};

#define COLS(a) a, sizeof(a) / sizeof(a[0])

static const struct {
        const char *name;
        const struct out_column *cols;
        size_t ncols;
} kinds[REPORT_KIND_COUNT] = {
    {"offices", COLS(offices_cols)},
    {"services", COLS(services_cols)},
    {"ministries", COLS(ministries_cols)},
    {"workshops", COLS(workshops_cols)},
    {"totals", COLS(totals_cols)},
    {"progress", COLS(progress_cols)},
    {"overdue", NULL, 0},
    {"apa", NULL, 0},
    {"training", NULL, 0},
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

const char *const *report_column_groups(enum report_kind kind)
{
        return kind == REPORT_PROGRESS ? progress_groups : NULL;
}

const struct out_column *report_columns(enum report_kind kind, size_t *n)
{
        if (!kinds[kind].cols)
                return report_kinds_columns(kind, n);
        *n = kinds[kind].ncols;
        return kinds[kind].cols;
}

static bool listed(const char *const *ids, size_t n, const char *id)
{
        size_t i;

        for (i = 0; i < n; i++)
                if (strcmp(ids[i], id) == 0)
                        return true;
        return n == 0;
}

bool report_filter_ministry(const struct report_filter *f, const char *id)
{
        return listed(f->ministries, f->nministries, id);
}

bool report_filter_office(const struct report_filter *f, const char *id)
{
        return listed(f->offices, f->noffices, id);
}

/* ---- one office to a result (worker side) ------------------------------- */

struct svc_state {
        bool has_status, planned, changed, overdue;
        enum status st;
        struct date since;
        bool has_saved[TCV_COUNT];
        long long saved[TCV_COUNT], base[TCV_COUNT], target[TCV_COUNT];
};

void report_result_init(struct result *r, const struct report_ctx *run)
{
        size_t i;

        memset(r, 0, sizeof(*r));
        diag_list_init(&r->diags);
        strbuf_init(&r->key);
        r->nblocks = run->nouts;
        r->blocks = xcalloc(r->nblocks + 1, sizeof(*r->blocks));
        r->nrows = xcalloc(r->nblocks + 1, sizeof(*r->nrows));
        for (i = 0; i < r->nblocks; i++)
                strbuf_init(&r->blocks[i]);
}

static void result_reset(struct result *r)
{
        size_t i;

        diag_list_release(&r->diags);
        diag_list_init(&r->diags);
        strbuf_reset(&r->key);
        for (i = 0; i < r->nblocks; i++) {
                strbuf_reset(&r->blocks[i]);
                r->nrows[i] = 0;
        }
        r->invalid = r->included = false;
        r->ministry[0] = '\0';
        memset(&r->c, 0, sizeof(r->c));
        memset(r->wk, 0, sizeof(r->wk));
        r->nbatches = 0;
        r->quarters.n = 0;
}

void report_result_release(struct result *r)
{
        size_t i;

        diag_list_release(&r->diags);
        strbuf_release(&r->key);
        for (i = 0; i < r->nblocks; i++)
                strbuf_release(&r->blocks[i]);
        free(r->blocks);
        free(r->nrows);
        free(r->batches);
        report_training_release(&r->quarters);
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

static void service_state(const struct report_ctx *run, const struct service *s,
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
        st->overdue = st->has_status && st->st != STATUS_LIVE &&
                      st->st != STATUS_DROPPED && date_is_set(s->plan.due) &&
                      date_is_set(run->opt->filter.as_of) &&
                      date_cmp(s->plan.due, run->as_of) < 0;
        for (k = 0; k < TCV_COUNT && st->planned; k++) {
                if (now[k] < 0 || target[k] < 0)
                        continue;
                st->has_saved[k] = true;
                st->saved[k] = (long long)now[k] - target[k];
                st->base[k] = now[k];
                st->target[k] = target[k];
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
        c->overdue += st->overdue;
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
                if (st->has_saved[k]) {
                        c->saved[k] += st->saved[k];
                        c->now[k] += st->base[k];
                        c->target[k] += st->target[k];
                }
}

void report_render(struct report_worker *w, struct result *r, size_t i)
{
        const struct out *out = w->run->outs[i];

        out_render_row(out->style, out->cols, out->ncols, w->cells,
                       &r->blocks[i]);
        r->nrows[i]++;
}

static void service_row(struct report_worker *w, const struct office *o,
                        const struct service *s, const struct svc_state *st,
                        struct result *r, size_t i)
{
        const long now[TCV_COUNT] = {s->tcv.days, s->tcv.cost, s->tcv.visits};
        const long target[TCV_COUNT] = {s->plan.tcv.days, s->plan.tcv.cost,
                                        s->plan.tcv.visits};
        struct out_cell *c = w->cells;
        bool plan = st->has_status;
        int k;

        c[SV_MINISTRY] = out_text(o->ministry);
        c[SV_OFFICE] = out_text(o->id);
        c[SV_SERVICE] = out_text(s->id);
        c[SV_NAME] = out_text(s->name);
        c[SV_NAME_BN] = out_text(s->name_bn);
        c[SV_RECIPIENTS] = s->recipients == RECIPIENTS_NONE
                               ? out_null()
                               : out_text(recipients_name(s->recipients));
        c[SV_PLANNED] = out_bool(st->planned);
        c[SV_PRIORITY] = plan ? out_int_opt(s->plan.priority) : out_null();
        c[SV_DUE] = plan ? out_date(s->plan.due) : out_null();
        c[SV_STATUS] = plan ? out_text(status_name(st->st)) : out_null();
        c[SV_STATUS_DATE] = plan ? out_date(st->since) : out_null();
        c[SV_OVERDUE] = plan ? out_bool(st->overdue) : out_null();
        for (k = 0; k < TCV_COUNT; k++) {
                c[sv_tcv[k]] = out_int_opt(now[k]);
                c[sv_target[k]] = plan ? out_int_opt(target[k]) : out_null();
                c[sv_saved[k]] =
                    st->has_saved[k] ? out_int(st->saved[k]) : out_null();
                c[sv_saved_pct[k]] =
                    st->has_saved[k] && st->base[k] > 0
                        ? out_int(percent(st->saved[k], st->base[k]))
                        : out_null();
        }
        report_render(w, r, i);
}

/*
 * The memo number as typed, or, when it parses, as typed but for its
 * digits, which are those asked for: the surrounding blanks go, every other
 * character stays (roadmap-report(1) says "rewritten in the digits of
 * --digits"; memo_format() would also respell a file part "(অংশ-২)").
 */
static struct out_cell memo_cell(struct report_worker *w, const char *memo)
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

static void office_row(struct report_worker *w, const struct office *o,
                       enum approval_state ap, struct result *r, size_t i)
{
        struct out_cell *c = w->cells;
        bool approved = ap != APPROVAL_NONE;
        struct date sub = o->approval.submitted;
        int k;

        if (!approved || !date_is_set(sub) || date_cmp(sub, w->run->as_of) > 0)
                sub = (struct date){0, 0, 0};
        c[OF_MINISTRY] = out_text(o->ministry);
        c[OF_OFFICE] = out_text(o->id);
        c[OF_NAME] = out_text(o->name);
        c[OF_SERVICES] = out_int(r->c.services);
        c[OF_PLANNED] = out_int(r->c.planned);
        c[OF_PRIORITY1] = out_int(r->c.priority1);
        c[OF_LIVE] = out_int(r->c.live);
        c[OF_APPROVAL] = out_text(approval_state_name(ap));
        c[OF_APPROVED] = approved ? out_date(o->approval.date) : out_null();
        c[OF_SUBMITTED] = out_date(sub);
        c[OF_PARTICIPANTS] = out_int(r->c.participants);
        c[OF_NAME_BN] = out_text(o->name_bn);
        c[OF_DROPPED] = out_int(r->c.dropped);
        c[OF_WORKSHOPS] = out_int(r->c.attendances);
        for (k = 0; k < TCV_COUNT; k++)
                c[of_saved[k]] = out_int(r->c.saved[k]);
        c[OF_MEMO] = approved ? memo_cell(w, o->approval.memo) : out_null();
        c[OF_OVERDUE] = out_int(r->c.overdue);
        report_render(w, r, i);
}

static void progress_row(struct report_worker *w, const struct office *o,
                         struct result *r, size_t i)
{
        struct out_cell *c = w->cells;
        int k;

        c[PG_MINISTRY] = out_text(o->ministry);
        c[PG_OFFICE] = out_text(o->id);
        for (k = 0; k < STATUS_COUNT; k++)
                c[pg_status[k]] = out_int(r->c.status[k]);
        c[PG_CHANGED] = out_int(r->c.changed);
        c[PG_SERVICES] = out_int(r->c.services);
        c[PG_OVERDUE] = out_int(r->c.overdue);
        report_render(w, r, i);
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

static void sum_workshops(const struct report_ctx *run, const struct office *o,
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
static enum approval_state approval_on(const struct report_ctx *run,
                                       const struct office *o)
{
        if (run->opt->filter.dated)
                return office_approval_state_on(o, run->as_of);
        return office_approved_by(o, run->as_of) ? office_approval_state(o)
                                                 : APPROVAL_NONE;
}

/* The rows of one counted service, for each out of a kind that lists
 * services. */
static void service_rows(struct report_worker *w, const struct office *o,
                         const struct service *s, const struct svc_state *st,
                         struct result *r)
{
        size_t i;

        for (i = 0; i < w->run->nouts; i++) {
                if (w->run->kinds[i] == REPORT_SERVICES)
                        service_row(w, o, s, st, r, i);
                else if (w->run->kinds[i] == REPORT_OVERDUE && st->overdue)
                        report_overdue_row(w, o, s, st->st, st->since, r, i);
        }
}

/* Count the services kept by the filter (into w->kept), with their rows. */
static void count_services(struct report_worker *w, const struct office *o,
                           struct result *r)
{
        const struct report_ctx *run = w->run;
        size_t i;

        w->nkept = 0;
        for (i = 0; i < o->nservices; i++) {
                const struct service *s = &o->services[i];
                struct svc_state st;

                if (date_is_set(s->since) && date_cmp(s->since, run->as_of) > 0)
                        continue; /* not in the inventory yet */
                service_state(run, s, &st);
                if (!service_matches(&run->opt->filter, &st))
                        continue;
                count_service(&r->c, s, &st);
                w->kept =
                    xgrow(w->kept, &w->capkept, w->nkept + 1, sizeof(*w->kept));
                w->kept[w->nkept++] = s;
                service_rows(w, o, s, &st, r);
        }
}

/* The office's rows of the kinds with one row per office. */
static void office_rows(struct report_worker *w, const struct office *o,
                        enum approval_state ap, struct result *r)
{
        size_t i;

        for (i = 0; i < w->run->nouts; i++) {
                if (w->run->kinds[i] == REPORT_OFFICES)
                        office_row(w, o, ap, r, i);
                else if (w->run->kinds[i] == REPORT_PROGRESS)
                        progress_row(w, o, r, i);
                else if (w->run->kinds[i] == REPORT_APA)
                        report_apa_row(w, o, ap, r, i);
        }
}

static void summarise(struct report_worker *w, const struct office *o,
                      struct result *r)
{
        const struct report_ctx *run = w->run;
        enum approval_state ap;

        if (!report_filter_ministry(&run->opt->filter, o->ministry))
                return;
        count_services(w, o, r);
        if (run->opt->filter.by_status && r->c.services == 0)
                return;
        r->included = true;
        r->c.offices = 1;
        /* the digest costs a hash of the plans: only where it shows */
        ap = run->approval ? approval_on(run, o) : APPROVAL_NONE;
        r->c.approved = ap == APPROVAL_APPROVED;
        r->c.stale = ap == APPROVAL_STALE;
        sum_workshops(run, o, r);
        if (run->want[REPORT_APA])
                report_apa_count(w, o, r);
        if (run->want[REPORT_TRAINING])
                report_training_count(run, o, r);
        snprintf(r->ministry, sizeof(r->ministry), "%s", o->ministry);
        strbuf_addstr(&r->key, o->ministry);
        strbuf_addch(&r->key, KEY_SEP);
        strbuf_addstr(&r->key, o->id);
        office_rows(w, o, ap, r);
}

void report_read_office(struct report_worker *w, const struct office_file *f,
                        struct result *r)
{
        const struct report_ctx *run = w->run;

        result_reset(r);
        if (report_source_load(w, f, &r->diags) != 0 ||
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

void report_worker_init(struct report_worker *w, const struct report_ctx *run)
{
        memset(w, 0, sizeof(*w));
        w->run = run;
        loaded_init(&w->l);
        w->cells = xcalloc(run->maxcols + 1, sizeof(*w->cells));
        strbuf_init(&w->memo);
        report_source_open(w);
}

void report_worker_release(struct report_worker *w)
{
        loaded_release(&w->l);
        free(w->cells);
        free(w->kept);
        strbuf_release(&w->memo);
        report_source_close(w);
}

/* ---- the rows of the aggregated kinds (merge side) ---------------------- */

void report_ministry_cells(struct out_cell *c, const struct ministry *m,
                           const struct counts *n)
{
        int k;

        c[MI_MINISTRY] = out_text(m->id);
        c[MI_NAME] = out_text(m->name);
        c[MI_OFFICES] = out_int(n->offices);
        c[MI_SERVICES] = out_int(n->services);
        c[MI_PLANNED] = out_int(n->planned);
        c[MI_LIVE] = out_int(n->live);
        c[MI_APPROVED_OFFICES] = out_int(n->approved);
        c[MI_PARTICIPANTS] = out_int(n->participants);
        c[MI_NAME_BN] = out_text(m->name_bn);
        c[MI_PRIORITY1] = out_int(n->priority1);
        c[MI_STALE_OFFICES] = out_int(n->stale);
        c[MI_OVERDUE] = out_int(n->overdue);
        for (k = 0; k < TCV_COUNT; k++) {
                c[mi_saved[k]] = out_int(n->saved[k]);
                c[mi_now[k]] = out_int(n->now[k]);
                c[mi_target[k]] = out_int(n->target[k]);
        }
}

void report_totals_cells(struct out_cell *c, long long ministries,
                         const struct counts *n)
{
        int k;

        c[TO_MINISTRIES] = out_int(ministries);
        c[TO_OFFICES] = out_int(n->offices);
        c[TO_SERVICES] = out_int(n->services);
        c[TO_PLANNED] = out_int(n->planned);
        c[TO_LIVE] = out_int(n->live);
        c[TO_APPROVED_OFFICES] = out_int(n->approved);
        c[TO_PARTICIPANTS] = out_int(n->participants);
        c[TO_PRIORITY1] = out_int(n->priority1);
        c[TO_STALE_OFFICES] = out_int(n->stale);
        c[TO_OVERDUE] = out_int(n->overdue);
        for (k = 0; k < TCV_COUNT; k++) {
                c[to_saved[k]] = out_int(n->saved[k]);
                c[to_now[k]] = out_int(n->now[k]);
                c[to_target[k]] = out_int(n->target[k]);
        }
}

void report_progress_total_cells(struct out_cell *c, const struct counts *n)
{
        int k;

        c[PG_MINISTRY] = out_text("Total");
        c[PG_OFFICE] = out_null();
        for (k = 0; k < STATUS_COUNT; k++)
                c[pg_status[k]] = out_int(n->status[k]);
        c[PG_CHANGED] = out_int(n->changed);
        c[PG_SERVICES] = out_int(n->services);
        c[PG_OVERDUE] = out_int(n->overdue);
}

void report_workshop_cells(struct out_cell *c, enum workshop_kind kind,
                           long long offices, const struct wk_sum *s,
                           long long batches)
{
        c[WK_KIND] = out_text(workshop_kind_name(kind));
        c[WK_OFFICES] = out_int(offices);
        c[WK_PARTICIPANTS] = out_int(s->participants);
        c[WK_BATCHES] = out_int(batches);
        c[WK_ATTENDANCES] = out_int(s->attendances);
        c[WK_HEADS_PRESENT] = out_int(s->heads);
}
