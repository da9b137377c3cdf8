/*
 * report-kinds: the kinds added for the coordination meeting -- overdue
 * (one row per overdue service), apa (the Annual Performance Agreement,
 * per office, then per ministry and for all) and training (workshops per
 * fiscal quarter) -- their columns and their rows (see report-rows.h).
 */
#include "roadmap/report-rows.h"

#include <stdlib.h>
#include <string.h>

#include "roadmap/fiscal.h"
#include "roadmap/xalloc.h"

/* ---- columns (a helper may add columns at the end, never reorder) ------ */

/* One row per service due before the as-of date and neither live nor
 * dropped on it. */
#define OVERDUE_COLUMNS(X)                                                     \
        X(OV_MINISTRY, "ministry", OUT_TEXT)                                   \
        X(OV_OFFICE, "office", OUT_TEXT)                                       \
        X(OV_SERVICE, "service", OUT_TEXT)                                     \
        X(OV_NAME, "name", OUT_TEXT)                                           \
        X(OV_PRIORITY, "priority", OUT_INT)                                    \
        X(OV_DUE, "due", OUT_DATE)                                             \
        X(OV_STATUS, "status", OUT_TEXT)                                       \
        X(OV_STATUS_DATE, "status_date", OUT_DATE)                             \
        X(OV_DAYS_OVERDUE, "days_overdue", OUT_INT)                            \
        X(OV_NAME_BN, "name_bn", OUT_TEXT)                                     \
        X(OV_OFFICE_NAME, "office_name", OUT_TEXT)                             \
        X(OV_OFFICE_NAME_BN, "office_name_bn", OUT_TEXT)

/* The Annual Performance Agreement: one row per office, then one per
 * ministry (office empty) and a last one for all (ministry empty).  The
 * counting columns are 0 or 1 on an office's row and sums below. */
#define APA_COLUMNS(X)                                                         \
        X(AP_MINISTRY, "ministry", OUT_TEXT)                                   \
        X(AP_OFFICE, "office", OUT_TEXT)                                       \
        X(AP_NAME, "name", OUT_TEXT)                                           \
        X(AP_FY, "fy", OUT_TEXT)                                               \
        X(AP_OFFICES, "offices", OUT_INT)                                      \
        X(AP_LIVE, "live", OUT_INT)                                            \
        X(AP_TARGET, "target", OUT_INT)                                        \
        X(AP_MET, "met", OUT_INT)                                              \
        X(AP_APPROVAL, "approval", OUT_TEXT)                                   \
        X(AP_APPROVED_OFFICES, "approved_offices", OUT_INT)                    \
        X(AP_HEAD_TRAINED, "head_trained", OUT_INT)                            \
        X(AP_TRAINED, "trained", OUT_INT)                                      \
        X(AP_PRIORITY_FIRST, "priority_first", OUT_INT)                        \
        X(AP_NAME_BN, "name_bn", OUT_TEXT)

/* Workshops over time: one row per fiscal quarter in which a workshop was
 * held, in date order; participants by workshop kind. */
#define TRAINING_COLUMNS(X)                                                    \
        X(TR_FY, "fy", OUT_TEXT)                                               \
        X(TR_QUARTER, "quarter", OUT_INT)                                      \
        X(TR_FROM, "from", OUT_DATE)                                           \
        X(TR_TO, "to", OUT_DATE)                                               \
        X(TR_ROADMAP, "roadmap", OUT_INT)                                      \
        X(TR_DESIGN, "design", OUT_INT)                                        \
        X(TR_LEADERSHIP, "leadership", OUT_INT)                                \
        X(TR_PARTICIPANTS, "participants", OUT_INT)                            \
        X(TR_OFFICES, "offices", OUT_INT)                                      \
        X(TR_HEADS_PRESENT, "heads_present", OUT_INT)

#define COLUMN_ENUM(e, name, type) e,
#define COLUMN_ENTRY(e, name, type) [e] = {name, type},

enum { OVERDUE_COLUMNS(COLUMN_ENUM) };
enum { APA_COLUMNS(COLUMN_ENUM) };
enum { TRAINING_COLUMNS(COLUMN_ENUM) };

static const struct out_column overdue_cols[] = {OVERDUE_COLUMNS(COLUMN_ENTRY)};
static const struct out_column apa_cols[] = {APA_COLUMNS(COLUMN_ENTRY)};
static const struct out_column training_cols[] = {
    TRAINING_COLUMNS(COLUMN_ENTRY)};
/* participants by workshop kind */
static const int tr_part[WORKSHOP_COUNT] = {TR_ROADMAP, TR_DESIGN,
                                            TR_LEADERSHIP};

#define NCOLS(a) (sizeof(a) / sizeof(a[0]))

const struct out_column *report_kinds_columns(enum report_kind kind, size_t *n)
{
        switch (kind) {
        case REPORT_OVERDUE:
                *n = NCOLS(overdue_cols);
                return overdue_cols;
        case REPORT_APA:
                *n = NCOLS(apa_cols);
                return apa_cols;
        case REPORT_TRAINING:
                *n = NCOLS(training_cols);
                return training_cols;
        default:
                *n = 0;
                return NULL;
        }
}

/* ---- overdue ------------------------------------------------------------ */

void report_overdue_row(struct report_worker *w, const struct office *o,
                        const struct service *s, enum status st,
                        struct date since, struct result *r, size_t i)
{
        struct out_cell *c = w->cells;

        c[OV_MINISTRY] = out_text(o->ministry);
        c[OV_OFFICE] = out_text(o->id);
        c[OV_SERVICE] = out_text(s->id);
        c[OV_NAME] = out_text(s->name);
        c[OV_PRIORITY] = out_int_opt(s->plan.priority);
        c[OV_DUE] = out_date(s->plan.due);
        c[OV_STATUS] = out_text(status_name(st));
        c[OV_STATUS_DATE] = out_date(since);
        c[OV_DAYS_OVERDUE] = out_int((long long)date_to_days(w->run->as_of) -
                                     date_to_days(s->plan.due));
        c[OV_NAME_BN] = out_text(s->name_bn);
        c[OV_OFFICE_NAME] = out_text(o->name);
        c[OV_OFFICE_NAME_BN] = out_text(o->name_bn);
        report_render(w, r, i);
}

/* ---- apa ---------------------------------------------------------------- */

static bool in_fiscal_year(const struct report_ctx *run, struct date d)
{
        return date_cmp(d, run->fy_from) >= 0 && date_cmp(d, run->as_of) <= 0;
}

/* The office's services (counted) that first went live in the year. */
static long long live_in_year(const struct report_worker *w)
{
        const struct history_entry *h;
        long long n = 0;
        size_t i;

        for (i = 0; i < w->nkept; i++) {
                h = service_first_status(w->kept[i], STATUS_LIVE);
                n += h && in_fiscal_year(w->run, h->date);
        }
        return n;
}

/* Whether no service of priority 3 or more went live in the year while one
 * of priority 1 or 2 was open that day and is still open on the as-of
 * date (among all the office's services in the inventory then). */
static bool priority_first(const struct report_ctx *run, const struct office *o)
{
        const struct history_entry *h;
        size_t i;

        for (i = 0; i < o->nservices; i++) {
                const struct service *s = &o->services[i];

                if (date_is_set(s->since) && date_cmp(s->since, run->as_of) > 0)
                        continue;
                h = service_first_status(s, STATUS_LIVE);
                if (h && in_fiscal_year(run, h->date) &&
                    service_passed_over(o, s, run->as_of))
                        return false;
        }
        return true;
}

void report_apa_count(struct report_worker *w, const struct office *o,
                      struct result *r)
{
        const struct report_ctx *run = w->run;
        size_t i;

        r->c.apa_live = live_in_year(w);
        r->c.apa_met = r->c.apa_live >= 1;
        r->c.priority_first = priority_first(run, o);
        for (i = 0; i < o->nworkshops; i++) {
                const struct workshop *ws = &o->workshops[i];

                if (ws->kind == WORKSHOP_LEADERSHIP && ws->head_present &&
                    date_cmp(ws->date, run->as_of) <= 0)
                        r->c.head_trained = 1;
                if (in_fiscal_year(run, ws->date) && ws->participants > 0)
                        r->c.trained += ws->participants;
        }
}

void report_apa_row(struct report_worker *w, const struct office *o,
                    enum approval_state ap, struct result *r, size_t i)
{
        struct out_cell *c = w->cells;

        c[AP_MINISTRY] = out_text(o->ministry);
        c[AP_OFFICE] = out_text(o->id);
        c[AP_NAME] = out_text(o->name);
        c[AP_FY] = out_text(w->run->fy);
        c[AP_OFFICES] = out_int(1);
        c[AP_LIVE] = out_int(r->c.apa_live);
        c[AP_TARGET] = out_int(1);
        c[AP_MET] = out_int(r->c.apa_met);
        c[AP_APPROVAL] = out_text(approval_state_name(ap));
        c[AP_APPROVED_OFFICES] = out_int(r->c.approved);
        c[AP_HEAD_TRAINED] = out_int(r->c.head_trained);
        c[AP_TRAINED] = out_int(r->c.trained);
        c[AP_PRIORITY_FIRST] = out_int(r->c.priority_first);
        c[AP_NAME_BN] = out_text(o->name_bn);
        report_render(w, r, i);
}

void report_apa_sum_cells(struct out_cell *c, const struct report_ctx *run,
                          const struct ministry *m, const struct counts *n)
{
        c[AP_MINISTRY] = m ? out_text(m->id) : out_null();
        c[AP_OFFICE] = out_null();
        c[AP_NAME] = out_text(m ? m->name : "Total");
        c[AP_FY] = out_text(run->fy);
        c[AP_OFFICES] = out_int(n->offices);
        c[AP_LIVE] = out_int(n->apa_live);
        c[AP_TARGET] = out_int(n->offices);
        c[AP_MET] = out_int(n->apa_met);
        c[AP_APPROVAL] = out_null();
        c[AP_APPROVED_OFFICES] = out_int(n->approved);
        c[AP_HEAD_TRAINED] = out_int(n->head_trained);
        c[AP_TRAINED] = out_int(n->trained);
        c[AP_PRIORITY_FIRST] = out_int(n->priority_first);
        c[AP_NAME_BN] = m ? out_text(m->name_bn) : out_null();
}

/* ---- training ----------------------------------------------------------- */

static int quarter_cmp(int fy, int q, const struct tr_sum *s)
{
        if (fy != s->fy)
                return fy < s->fy ? -1 : 1;
        return q < s->quarter ? -1 : q > s->quarter;
}

/* The quarter's entry in l, inserted (zero) in order if it is not there. */
static struct tr_sum *quarter_entry(struct tr_list *l, int fy, int q)
{
        size_t lo = 0, hi = l->n;

        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                int c = quarter_cmp(fy, q, &l->v[mid]);

                if (c == 0)
                        return &l->v[mid];
                if (c > 0)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof(*l->v));
        memmove(&l->v[lo + 1], &l->v[lo], (l->n - lo) * sizeof(*l->v));
        l->n++;
        memset(&l->v[lo], 0, sizeof(*l->v));
        l->v[lo].fy = fy;
        l->v[lo].quarter = q;
        return &l->v[lo];
}

void report_training_count(const struct report_ctx *run, const struct office *o,
                           struct result *r)
{
        size_t i;

        for (i = 0; i < o->nworkshops; i++) {
                const struct workshop *ws = &o->workshops[i];
                struct tr_sum *q;

                if (ws->kind >= WORKSHOP_COUNT ||
                    date_cmp(ws->date, run->as_of) > 0 ||
                    (run->opt->filter.period &&
                     date_cmp(ws->date, run->from) < 0))
                        continue;
                q = quarter_entry(&r->quarters, fiscal_of(ws->date).start,
                                  fiscal_quarter_of(ws->date));
                q->part[ws->kind] +=
                    ws->participants > 0 ? ws->participants : 0;
                q->heads += ws->head_present;
                q->offices = 1;
        }
}

void report_training_add(struct tr_list *sum, const struct tr_list *office)
{
        size_t i;
        int k;

        for (i = 0; i < office->n; i++) {
                const struct tr_sum *from = &office->v[i];
                struct tr_sum *to = quarter_entry(sum, from->fy, from->quarter);

                for (k = 0; k < WORKSHOP_COUNT; k++)
                        to->part[k] += from->part[k];
                to->heads += from->heads;
                to->offices += from->offices;
        }
}

void report_training_release(struct tr_list *l)
{
        free(l->v);
        l->v = NULL;
        l->n = l->cap = 0;
}

void report_training_cells(struct out_cell *c, const struct tr_sum *q,
                           struct strbuf *fy)
{
        struct fiscal_year year = {q->fy};
        struct date from, to;
        long long all = 0;
        int k;

        strbuf_reset(fy);
        fiscal_format(year, fy);
        fiscal_range(year, q->quarter, &from, &to);
        c[TR_FY] = out_text(fy->buf);
        c[TR_QUARTER] = out_int(q->quarter);
        c[TR_FROM] = out_date(from);
        c[TR_TO] = out_date(to);
        for (k = 0; k < WORKSHOP_COUNT; k++) {
                c[tr_part[k]] = out_int(q->part[k]);
                all += q->part[k];
        }
        c[TR_PARTICIPANTS] = out_int(all);
        c[TR_OFFICES] = out_int(q->offices);
        c[TR_HEADS_PRESENT] = out_int(q->heads);
}
