/*
 * dashboard: read the reports the page shows (one report_run_many() into
 * OUT_CELLS outs) and take their rows back, each column found by its name,
 * then draw the page (dashboard-html.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "dashboard-internal.h"
#include "roadmap/out.h"
#include "roadmap/xalloc.h"

enum { MAXCOLS = 24 };

/* The columns a reader takes, by name, and their indices once found
 * (-1: the report has no such column, read as empty). */
struct reader {
        enum report_kind kind;
        const char *const *names;
        out_row_fn fn;
        bool (*wanted)(void); /* NULL: always read */
};

struct walk {
        struct dash *d;
        int ix[MAXCOLS];
        size_t ncols;
};

/* ---- cells ------------------------------------------------------------- */

static bool present(const struct walk *w, const struct out_cell *c, int col)
{
        int i = w->ix[col];

        return i >= 0 && (size_t)i < w->ncols && !c[i].null;
}

static long long num(const struct walk *w, const struct out_cell *c, int col)
{
        return present(w, c, col) ? c[w->ix[col]].num : 0;
}

/* An empty text cell is absent, as it is in a CSV report. */
static bool has_text(const struct walk *w, const struct out_cell *c, int col)
{
        return present(w, c, col) && c[w->ix[col]].len > 0;
}

static char *text(const struct walk *w, const struct out_cell *c, int col)
{
        if (!has_text(w, c, col))
                return NULL;
        return xstrndup(c[w->ix[col]].text, c[w->ix[col]].len);
}

static bool same(const char *id, const struct out_cell *c)
{
        return strlen(id) == c->len && memcmp(id, c->text, c->len) == 0;
}

/* The ministry of a row (col holds its id), added when new; NULL when the
 * row has none. */
static struct dash_ministry *ministry(struct dash *d, const struct walk *w,
                                      const struct out_cell *c, int col)
{
        const struct out_cell *id;
        size_t i;

        if (!has_text(w, c, col))
                return NULL;
        id = &c[w->ix[col]];
        if (d->last < d->nmin && same(d->min[d->last].id, id))
                return &d->min[d->last];
        for (i = 0; i < d->nmin; i++)
                if (same(d->min[i].id, id))
                        return &d->min[d->last = i];
        d->min = xgrow(d->min, &d->capmin, d->nmin + 1, sizeof(*d->min));
        memset(&d->min[d->nmin], 0, sizeof(*d->min));
        d->min[d->nmin].id = xstrndup(id->text, id->len);
        return &d->min[d->last = d->nmin++];
}

/* ---- totals and ministries --------------------------------------------- */

static const char *const totals_names[] = {
    "ministries",   "offices",          "services",      "planned",
    "live",         "approved_offices", "stale_offices", "participants",
    "overdue",      "priority1",        "days_saved",    "cost_saved",
    "visits_saved", "days_now",         "cost_now",      "visits_now",
    "days_target",  "cost_target",      "visits_target", NULL};

enum { TOTALS_SAVED = 10, TOTALS_NOW = 13, TOTALS_TARGET = 16 };

static int totals_row(void *ctx, const struct out_cell *c, size_t n)
{
        struct walk *w = ctx;
        struct dash *d = w->d;
        int t;

        d->ministries = num(w, c, 0);
        d->offices = num(w, c, 1);
        d->services = num(w, c, 2);
        d->planned = num(w, c, 3);
        d->live = num(w, c, 4);
        d->approved = num(w, c, 5);
        d->stale = num(w, c, 6);
        d->participants = num(w, c, 7);
        d->overdue = num(w, c, 8);
        d->priority1 = num(w, c, 9);
        for (t = 0; t < DASH_TCV; t++) {
                d->saved[t] = num(w, c, TOTALS_SAVED + t);
                if (w->ix[TOTALS_NOW + t] >= 0) {
                        d->now[t] = num(w, c, TOTALS_NOW + t);
                        d->target[t] = num(w, c, TOTALS_TARGET + t);
                }
        }
        return 0;
}

static const char *const ministries_names[] = {
    "ministry",      "name",         "name_bn",      "offices",
    "services",      "planned",      "live",         "approved_offices",
    "stale_offices", "participants", "overdue",      "priority1",
    "days_saved",    "cost_saved",   "visits_saved", NULL};

static int ministries_row(void *ctx, const struct out_cell *c, size_t n)
{
        struct walk *w = ctx;
        struct dash_ministry *m = ministry(w->d, w, c, 0);
        int t;

        if (!m)
                return 0;
        free(m->name);
        free(m->name_bn);
        m->name = text(w, c, 1);
        m->name_bn = text(w, c, 2);
        m->offices = num(w, c, 3);
        m->services = num(w, c, 4);
        m->planned = num(w, c, 5);
        m->live = num(w, c, 6);
        m->approved = num(w, c, 7);
        m->stale = num(w, c, 8);
        m->participants = num(w, c, 9);
        m->overdue = num(w, c, 10);
        m->priority1 = num(w, c, 11);
        for (t = 0; t < DASH_TCV; t++)
                m->saved[t] = num(w, c, 12 + t);
        return 0;
}

/* ---- offices, progress and services -------------------------------------- */

/* An office with a roadmap: at least one e-service planned. */
static const char *const offices_names[] = {"planned", NULL};

static int offices_row(void *ctx, const struct out_cell *c, size_t n)
{
        struct walk *w = ctx;

        if (num(w, c, 0) > 0)
                w->d->roadmap_offices++;
        return 0;
}

/* "ministry", then the statuses by status_name(), in enum order (see
 * column_name()). */
static const char *const progress_names[] = {"ministry", NULL};

static int progress_row(void *ctx, const struct out_cell *c, size_t n)
{
        struct walk *w = ctx;
        struct dash_ministry *m = ministry(w->d, w, c, 0);
        int st;

        if (!m)
                return 0;
        for (st = 0; st < STATUS_COUNT; st++)
                m->status[st] += num(w, c, 1 + st);
        return 0;
}

static const char *const services_names[] = {
    "planned",     "days",        "cost",          "visits",
    "target_days", "target_cost", "target_visits", NULL};

/* The services report only for the sums of time, cost and visits now and
 * planned, when the totals report does not give them. */
static bool services_wanted(void)
{
        const struct out_column *cols;
        size_t i, n;

        cols = report_columns(REPORT_TOTALS, &n);
        for (i = 0; i < n; i++)
                if (strcmp(cols[i].name, "days_now") == 0)
                        return false;
        return true;
}

static int services_row(void *ctx, const struct out_cell *c, size_t n)
{
        struct walk *w = ctx;
        int t;

        if (!present(w, c, 0) || !c[w->ix[0]].yes)
                return 0;
        for (t = 0; t < DASH_TCV; t++)
                if (present(w, c, 1 + t) && present(w, c, 4 + t)) {
                        w->d->now[t] += num(w, c, 1 + t);
                        w->d->target[t] += num(w, c, 4 + t);
                }
        return 0;
}

/* ---- apa, workshops, training, overdue ----------------------------------- */

static const char *const apa_names[] = {"ministry", "office", "fy", "offices",
                                        "met",      "live",   NULL};

static int apa_row(void *ctx, const struct out_cell *c, size_t n)
{
        struct walk *w = ctx;
        struct dash *d = w->d;
        struct dash_ministry *m;

        if (!d->fy)
                d->fy = text(w, c, 2);
        if (has_text(w, c, 1))
                return 0; /* an office's row */
        if (!has_text(w, c, 0)) {
                d->apa = true;
                d->apa_offices = num(w, c, 3);
                d->apa_met = num(w, c, 4);
                return 0;
        }
        m = ministry(d, w, c, 0);
        m->apa = true;
        m->apa_offices = num(w, c, 3);
        m->apa_met = num(w, c, 4);
        m->apa_live = num(w, c, 5);
        return 0;
}

static const char *const workshops_names[] = {
    "kind", "offices", "participants", "batches", "heads_present", NULL};

static int workshops_row(void *ctx, const struct out_cell *c, size_t n)
{
        struct walk *w = ctx;
        struct dash *d = w->d;
        struct dash_wkind *k;

        d->wk = xgrow(d->wk, &d->capwk, d->nwk + 1, sizeof(*d->wk));
        k = &d->wk[d->nwk++];
        k->kind = text(w, c, 0);
        k->offices = num(w, c, 1);
        k->participants = num(w, c, 2);
        k->batches = num(w, c, 3);
        k->heads = num(w, c, 4);
        return 0;
}

static const char *const training_names[] = {
    "fy",           "quarter", "roadmap",       "design", "leadership",
    "participants", "offices", "heads_present", NULL};

static int training_row(void *ctx, const struct out_cell *c, size_t n)
{
        struct walk *w = ctx;
        struct dash *d = w->d;
        struct dash_quarter *q;
        int k;

        d->qtr = xgrow(d->qtr, &d->capqtr, d->nqtr + 1, sizeof(*d->qtr));
        q = &d->qtr[d->nqtr++];
        q->fy = text(w, c, 0);
        q->quarter = num(w, c, 1);
        for (k = 0; k < DASH_KINDS; k++)
                q->kind[k] = num(w, c, 2 + k);
        q->participants = num(w, c, 5);
        q->offices = num(w, c, 6);
        q->heads = num(w, c, 7);
        return 0;
}

static const char *const overdue_names[] = {
    "ministry",     "office",  "office_name",    "service",
    "name",         "name_bn", "status",         "priority",
    "days_overdue", "due",     "office_name_bn", NULL};

static int overdue_row(void *ctx, const struct out_cell *c, size_t n)
{
        struct walk *w = ctx;
        struct dash *d = w->d;
        struct dash_overdue *o;

        if (d->overdue_rows++ >= (long long)d->overdue_max)
                return 0;
        d->ovd = xgrow(d->ovd, &d->capovd, d->novd + 1, sizeof(*d->ovd));
        o = &d->ovd[d->novd++];
        o->ministry = text(w, c, 0);
        o->office = text(w, c, 1);
        o->office_name = text(w, c, 2);
        o->service = text(w, c, 3);
        o->name = text(w, c, 4);
        o->name_bn = text(w, c, 5);
        o->status = text(w, c, 6);
        o->priority = present(w, c, 7) ? num(w, c, 7) : -1;
        o->days = num(w, c, 8);
        o->due = present(w, c, 9) ? c[w->ix[9]].date : (struct date){0, 0, 0};
        o->office_name_bn = text(w, c, 10);
        return 0;
}

/* ---- the reports --------------------------------------------------------- */

static const struct reader readers[] = {
    {REPORT_TOTALS, totals_names, totals_row, NULL},
    {REPORT_MINISTRIES, ministries_names, ministries_row, NULL},
    {REPORT_OFFICES, offices_names, offices_row, NULL},
    {REPORT_PROGRESS, progress_names, progress_row, NULL},
    {REPORT_SERVICES, services_names, services_row, services_wanted},
    {REPORT_APA, apa_names, apa_row, NULL},
    {REPORT_WORKSHOPS, workshops_names, workshops_row, NULL},
    {REPORT_TRAINING, training_names, training_row, NULL},
    {REPORT_OVERDUE, overdue_names, overdue_row, NULL},
};

#define NREADERS (sizeof(readers) / sizeof(readers[0]))

/* The i-th column a reader takes: its names, and for progress the
 * statuses after them; NULL past the last. */
static const char *column_name(const struct reader *r, size_t i)
{
        size_t n = 0;

        while (r->names[n])
                n++;
        if (i < n)
                return r->names[i];
        if (r->kind == REPORT_PROGRESS && i - n < STATUS_COUNT)
                return status_name((enum status)(i - n));
        return NULL;
}

static void find_columns(const struct reader *r, struct walk *w)
{
        const struct out_column *cols = report_columns(r->kind, &w->ncols);
        const char *name;
        size_t i, j;

        for (i = 0; i < MAXCOLS; i++) {
                w->ix[i] = -1;
                if (!(name = column_name(r, i)))
                        break;
                for (j = 0; j < w->ncols; j++)
                        if (strcmp(cols[j].name, name) == 0)
                                w->ix[i] = (int)j;
        }
}

/* The readers of the reports this page needs, in order; their number. */
static size_t readers_wanted(const struct reader **use)
{
        size_t i, n = 0;

        for (i = 0; i < NREADERS; i++)
                if (!readers[i].wanted || readers[i].wanted())
                        use[n++] = &readers[i];
        return n;
}

static int read_rows(const struct reader **use, size_t n, struct out *outs,
                     struct dash *d, struct diag_list *dl)
{
        size_t i;

        for (i = 0; i < n; i++) {
                struct walk w = {d, {0}, 0};

                find_columns(use[i], &w);
                if (out_each_row(&outs[i], use[i]->fn, &w) != 0) {
                        diag_error(dl, NULL, 0, 0,
                                   "cannot read the rows of report '%s': %s",
                                   report_kind_name(use[i]->kind),
                                   strerror(errno ? errno : EIO));
                        return -1;
                }
        }
        return 0;
}

int dash_gather(const char *root, const struct dashboard_options *opt,
                struct dash *d, int *skipped, struct diag_list *dl)
{
        struct out_style st = {OUT_CELLS, false, false, OUT_GREGORIAN};
        struct out outs[NREADERS], *po[NREADERS];
        const struct reader *use[NREADERS];
        enum report_kind kinds[NREADERS];
        const struct out_column *cols;
        size_t i, n, nuse = readers_wanted(use);
        int rc;

        d->overdue_max =
            opt->overdue_max ? opt->overdue_max : DASHBOARD_OVERDUE_MAX;
        for (i = 0; i < nuse; i++) {
                kinds[i] = use[i]->kind;
                cols = report_columns(kinds[i], &n);
                out_init(&outs[i], &st, cols, n);
                po[i] = &outs[i];
        }
        rc = report_run_many(root, &opt->report, kinds, po, nuse, dl);
        if (rc >= 0) {
                *skipped = rc;
                rc = read_rows(use, nuse, outs, d, dl);
        }
        for (i = 0; i < nuse; i++)
                out_release(&outs[i]);
        return rc < 0 ? -1 : 0;
}

void dash_release(struct dash *d)
{
        size_t i;

        for (i = 0; i < d->nmin; i++) {
                free(d->min[i].id);
                free(d->min[i].name);
                free(d->min[i].name_bn);
        }
        for (i = 0; i < d->nqtr; i++)
                free(d->qtr[i].fy);
        for (i = 0; i < d->nwk; i++)
                free(d->wk[i].kind);
        for (i = 0; i < d->novd; i++) {
                struct dash_overdue *o = &d->ovd[i];

                free(o->ministry);
                free(o->office);
                free(o->office_name);
                free(o->office_name_bn);
                free(o->service);
                free(o->name);
                free(o->name_bn);
                free(o->status);
        }
        free(d->min);
        free(d->qtr);
        free(d->wk);
        free(d->ovd);
        free(d->fy);
        memset(d, 0, sizeof(*d));
}

int dashboard_render(const char *root, const struct dashboard_options *opt,
                     struct strbuf *html, struct diag_list *dl)
{
        struct dash d;
        int skipped = 0;

        memset(&d, 0, sizeof(d));
        if (dash_gather(root, opt, &d, &skipped, dl) != 0) {
                dash_release(&d);
                return -1;
        }
        dash_page(html, opt, &d);
        dash_release(&d);
        return skipped;
}
