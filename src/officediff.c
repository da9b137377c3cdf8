/*
 * officediff: the semantic diff of two versions of an office file or of
 * roadmap.yaml.  Items are matched by identity (officediff.h); each
 * difference becomes one struct change, in the order the header states.
 * The comments of the two texts are compared in officediff-comments.c, the
 * changes formatted in officediff-format.c.
 */
#include "roadmap/officediff.h"

#include <stdlib.h>
#include <string.h>

#include "officediff-internal.h"
#include "roadmap/xalloc.h"

/* What every change of one file shares, and what the approval needs to
 * know of the services. */
struct ctx {
        struct changes *out;
        const char *ministry, *office;
        struct strbuf stale;    /* services whose digest-covered data changed */
        const char *last_stale; /* the last one added to stale */
        const char *buf_a, *buf_b; /* the two files' text */
};

static char *dup_or_null(const char *s)
{
        return s ? xstrdup(s) : NULL;
}

static struct change *add(struct ctx *x, enum change_kind kind,
                          const char *service)
{
        struct change *c = officediff_add(x->out, kind, x->ministry, x->office);

        c->service = dup_or_null(service);
        return c;
}

/* The x- keys of mappings a and b (officediff_extensions()). */
static void ext(struct ctx *x, enum change_kind kind, const char *service,
                const char *item, const char *prefix, const struct ynode *a,
                const struct ynode *b)
{
        struct officediff_ext e = {kind, x->ministry, x->office, service,
                                   item, prefix,      x->buf_a,  x->buf_b};

        officediff_extensions(&e, a, b, x->out);
}

/* ---- one field, old -> new ------------------------------------------- */

static bool same_str(const char *a, const char *b)
{
        return a == b || (a && b && strcmp(a, b) == 0);
}

/* Add kind about service (and item) for field when a and b differ. */
static struct change *text_field(struct ctx *x, enum change_kind kind,
                                 const char *service, const char *item,
                                 const char *field, const char *a,
                                 const char *b)
{
        struct change *c;

        if (same_str(a, b))
                return NULL;
        c = add(x, kind, service);
        c->item = dup_or_null(item);
        c->field = xstrdup(field);
        c->old_value = dup_or_null(a);
        c->new_value = dup_or_null(b);
        return c;
}

static char *num_text(long v)
{
        return v < 0 ? NULL : xasprintf("%ld", v);
}

static char *date_text(struct date d)
{
        char buf[11];

        if (!date_is_set(d))
                return NULL;
        date_format_iso(d, buf);
        return xstrdup(buf);
}

/* The same for integers (-1: absent) and dates (unset: absent). */
static bool num_field(struct ctx *x, enum change_kind kind, const char *service,
                      const char *item, const char *field, long a, long b)
{
        struct change *c;

        if (a == b || (a < 0 && b < 0))
                return false;
        c = add(x, kind, service);
        c->item = dup_or_null(item);
        c->field = xstrdup(field);
        c->old_value = num_text(a);
        c->new_value = num_text(b);
        c->numeric = true;
        return true;
}

static bool date_field(struct ctx *x, enum change_kind kind,
                       const char *service, const char *item, const char *field,
                       struct date a, struct date b)
{
        struct change *c;

        if (date_cmp(a, b) == 0)
                return false;
        c = add(x, kind, service);
        c->item = dup_or_null(item);
        c->field = xstrdup(field);
        c->old_value = date_text(a);
        c->new_value = date_text(b);
        return true;
}

/* The TCV's three numbers; true if any changed. */
static bool tcv_fields(struct ctx *x, enum change_kind kind, const char *id,
                       const struct tcv *a, const struct tcv *b)
{
        bool any = num_field(x, kind, id, NULL, "tcv.days", a->days, b->days);

        any |= num_field(x, kind, id, NULL, "tcv.cost", a->cost, b->cost);
        any |= num_field(x, kind, id, NULL, "tcv.visits", a->visits, b->visits);
        return any;
}

/* Name id among the services that made the approval stale (once). */
static void stale_add(struct ctx *x, const char *id)
{
        if (!id || same_str(x->last_stale, id))
                return;
        if (x->stale.len)
                strbuf_addstr(&x->stale, ", ");
        strbuf_addstr(&x->stale, id);
        x->last_stale = id;
}

/* ---- plans and their history ----------------------------------------- */

static char *entry_text(const struct history_entry *e)
{
        char d[11];

        date_format_iso(e->date, d);
        return xasprintf("%s %s", d, status_name(e->status));
}

/* "priority 1, due 2027-06-30, tcv.days 3": what the plan sets. */
static char *plan_text(const struct plan *p)
{
        struct strbuf sb = STRBUF_INIT;
        char d[11];

        if (p->priority >= 0)
                strbuf_addf(&sb, "priority %ld", p->priority);
        if (date_is_set(p->due)) {
                date_format_iso(p->due, d);
                strbuf_addf(&sb, "%sdue %s", sb.len ? ", " : "", d);
        }
        if (p->tcv.days >= 0)
                strbuf_addf(&sb, "%stcv.days %ld", sb.len ? ", " : "",
                            p->tcv.days);
        if (p->tcv.cost >= 0)
                strbuf_addf(&sb, "%stcv.cost %ld", sb.len ? ", " : "",
                            p->tcv.cost);
        if (p->tcv.visits >= 0)
                strbuf_addf(&sb, "%stcv.visits %ld", sb.len ? ", " : "",
                            p->tcv.visits);
        if (!sb.len) {
                strbuf_release(&sb);
                return NULL;
        }
        return strbuf_detach(&sb, NULL);
}

static void status_moved(struct ctx *x, const char *id,
                         const struct history_entry *h, size_t i)
{
        struct change *c = add(x, CHANGE_STATUS_MOVED, id);

        c->field = xstrdup("status");
        c->old_value = i ? xstrdup(status_name(h[i - 1].status)) : NULL;
        c->new_value = xstrdup(status_name(h[i].status));
        c->date = h[i].date;
        c->note = dup_or_null(h[i].note);
}

/* An entry of the old version (ea) in the place of another of the new
 * one (eb): each field that differs. */
static void corrected(struct ctx *x, const char *id,
                      const struct history_entry *ea,
                      const struct history_entry *eb)
{
        char *item = entry_text(ea);

        date_field(x, CHANGE_HISTORY_CORRECTED, id, item, "date", ea->date,
                   eb->date);
        if (ea->status != eb->status)
                text_field(x, CHANGE_HISTORY_CORRECTED, id, item, "status",
                           status_name(ea->status), status_name(eb->status));
        text_field(x, CHANGE_HISTORY_CORRECTED, id, item, "note", ea->note,
                   eb->note);
        ext(x, CHANGE_HISTORY_CORRECTED, id, item, NULL, ea->node, eb->node);
        free(item);
}

static void history_removed(struct ctx *x, const char *id,
                            const struct history_entry *e)
{
        struct change *c = add(x, CHANGE_HISTORY_REMOVED, id);

        c->item = entry_text(e);
        c->date = e->date;
        c->note = dup_or_null(e->note);
}

/* For each old entry, the index of the new entry with its date and status
 * (the first one not taken), or -1; taken[j]: new entry j is matched. */
static void match_history(const struct plan *a, const struct plan *b,
                          long *match, bool *taken)
{
        size_t i, j;

        for (i = 0; i < a->nhistory; i++) {
                match[i] = -1;
                for (j = 0; j < b->nhistory; j++) {
                        const struct history_entry *ea = &a->history[i];
                        const struct history_entry *eb = &b->history[j];
                        if (!taken[j] && ea->status == eb->status &&
                            date_cmp(ea->date, eb->date) == 0) {
                                match[i] = (long)j;
                                taken[j] = true;
                                break;
                        }
                }
        }
}

/*
 * Entries matched by date and status; at each index in turn: a matched
 * entry whose note changed and an unmatched old entry in the place of an
 * unmatched new one are corrected, an unmatched old entry alone removed,
 * an unmatched new entry a status move.
 */
static void diff_history(struct ctx *x, const char *id, const struct plan *a,
                         const struct plan *b)
{
        size_t n = a->nhistory > b->nhistory ? a->nhistory : b->nhistory, i;
        long *match = xcalloc(a->nhistory + 1, sizeof(*match));
        bool *taken = xcalloc(b->nhistory + 1, sizeof(*taken));

        match_history(a, b, match, taken);
        for (i = 0; i < n; i++) {
                const struct history_entry *ea =
                    i < a->nhistory ? &a->history[i] : NULL;
                bool fresh = i < b->nhistory && !taken[i];

                if (ea && match[i] >= 0) {
                        corrected(x, id, ea, &b->history[match[i]]);
                } else if (ea && fresh) {
                        corrected(x, id, ea, &b->history[i]);
                        fresh = false;
                } else if (ea) {
                        history_removed(x, id, ea);
                }
                if (fresh)
                        status_moved(x, id, b->history, i);
        }
        free(match);
        free(taken);
}

static void diff_plan(struct ctx *x, const char *id, const struct plan *a,
                      const struct plan *b)
{
        static const struct plan none;
        struct change *c;
        bool any;

        if (!a->node && !b->node)
                return;
        if (!b->node) {
                c = add(x, CHANGE_PLAN_REMOVED, id);
                c->old_value = plan_text(a);
                stale_add(x, id);
                return;
        }
        if (!a->node) {
                c = add(x, CHANGE_PLAN_ADDED, id);
                c->new_value = plan_text(b);
                stale_add(x, id);
                diff_history(x, id, &none, b);
                return;
        }
        any = num_field(x, CHANGE_PLAN_CHANGED, id, NULL, "priority",
                        a->priority, b->priority);
        any |=
            date_field(x, CHANGE_PLAN_CHANGED, id, NULL, "due", a->due, b->due);
        any |= tcv_fields(x, CHANGE_PLAN_CHANGED, id, &a->tcv, &b->tcv);
        if (any)
                stale_add(x, id);
        ext(x, CHANGE_PLAN_CHANGED, id, NULL, NULL, a->node, b->node);
        ext(x, CHANGE_PLAN_CHANGED, id, NULL, "tcv.", a->tcv.node, b->tcv.node);
        diff_history(x, id, a, b);
}

/* ---- services --------------------------------------------------------- */

/* A service of the old version, of the new one, or both (the same id, or
 * renamed). */
struct pair {
        const struct service *a, *b;
};

static const char *pair_id(const struct pair *p)
{
        const char *id = p->b ? p->b->id : p->a->id;

        return id ? id : "";
}

static int cmp_pair(const void *pa, const void *pb)
{
        return strcmp(pair_id(pa), pair_id(pb));
}

static int cmp_service(const void *pa, const void *pb)
{
        const struct service *a = *(const struct service *const *)pa;
        const struct service *b = *(const struct service *const *)pb;

        return strcmp(a->id ? a->id : "", b->id ? b->id : "");
}

static const struct service **sorted_services(const struct office *o)
{
        const struct service **s = xcalloc(o->nservices + 1, sizeof(*s));
        size_t i;

        for (i = 0; i < o->nservices; i++)
                s[i] = &o->services[i];
        qsort(s, o->nservices, sizeof(*s), cmp_service);
        return s;
}

/* Pair each removed service with the first added one that looks like it
 * renamed (service_looks_renamed), the rest with none. */
static void pair_renamed(struct pair *p, size_t *np)
{
        size_t n = *np, i, k, kept = 0;
        bool *merged = xcalloc(n + 1, sizeof(*merged));

        for (i = 0; i < n; i++) {
                if (p[i].b)
                        continue;
                for (k = 0; k < n; k++)
                        if (!merged[k] && !p[k].a &&
                            service_looks_renamed(p[i].a, p[k].b))
                                break;
                if (k == n)
                        continue;
                p[i].b = p[k].b;
                merged[k] = true;
        }
        for (i = 0; i < n; i++)
                if (!merged[i])
                        p[kept++] = p[i];
        free(merged);
        *np = kept;
}

/* The services of a and b, paired by id, then renamed ones; in order of
 * the (new) id.  *np gets their number. */
static struct pair *pair_services(const struct office *a,
                                  const struct office *b, size_t *np)
{
        const struct service **sa = sorted_services(a),
                             **sb = sorted_services(b);
        struct pair *p = xcalloc(a->nservices + b->nservices + 1, sizeof(*p));
        size_t i = 0, j = 0, n = 0;

        while (i < a->nservices || j < b->nservices) {
                int c = i == a->nservices   ? 1
                        : j == b->nservices ? -1
                                            : cmp_service(&sa[i], &sb[j]);
                p[n].a = c <= 0 ? sa[i++] : NULL;
                p[n].b = c >= 0 ? sb[j++] : NULL;
                n++;
        }
        pair_renamed(p, &n);
        qsort(p, n, sizeof(*p), cmp_pair);
        free(sa);
        free(sb);
        *np = n;
        return p;
}

static const char *recipients_text(enum recipients r)
{
        return r == RECIPIENTS_NONE ? NULL : recipients_name(r);
}

static void diff_service(struct ctx *x, const struct service *a,
                         const struct service *b)
{
        static const struct plan none;
        struct change *c;
        const char *id = b ? b->id : a->id;

        if (!a || !b) {
                c = add(x, a ? CHANGE_SERVICE_REMOVED : CHANGE_SERVICE_ADDED,
                        id);
                *(a ? &c->old_value : &c->new_value) =
                    dup_or_null(a ? a->name : b->name);
                stale_add(x, id);
                if (b)
                        diff_plan(x, id, &none, &b->plan);
                return;
        }
        if (!same_str(a->id, b->id)) {
                c = add(x, CHANGE_SERVICE_RENAMED, id);
                c->was = dup_or_null(a->id);
                stale_add(x, id);
        }
        text_field(x, CHANGE_SERVICE_CHANGED, id, NULL, "name", a->name,
                   b->name);
        text_field(x, CHANGE_SERVICE_CHANGED, id, NULL, "name_bn", a->name_bn,
                   b->name_bn);
        text_field(x, CHANGE_SERVICE_CHANGED, id, NULL, "recipients",
                   recipients_text(a->recipients),
                   recipients_text(b->recipients));
        tcv_fields(x, CHANGE_SERVICE_CHANGED, id, &a->tcv, &b->tcv);
        date_field(x, CHANGE_SERVICE_CHANGED, id, NULL, "since", a->since,
                   b->since);
        ext(x, CHANGE_SERVICE_CHANGED, id, NULL, NULL, a->node, b->node);
        ext(x, CHANGE_SERVICE_CHANGED, id, NULL, "tcv.", a->tcv.node,
            b->tcv.node);
        diff_plan(x, id, &a->plan, &b->plan);
}

static void diff_services(struct ctx *x, const struct office *a,
                          const struct office *b)
{
        size_t n, i;
        struct pair *p = pair_services(a, b, &n);

        for (i = 0; i < n; i++)
                diff_service(x, p[i].a, p[i].b);
        free(p);
}

/* ---- the office, its approval and workshops --------------------------- */

static void diff_office_fields(struct ctx *x, const struct office *a,
                               const struct office *b)
{
        static const char *const fields[] = {"id", "name", "name_bn",
                                             "ministry", "head"};
        const char *va[] = {a->id, a->name, a->name_bn, a->ministry, a->head};
        const char *vb[] = {b->id, b->name, b->name_bn, b->ministry, b->head};
        size_t i;

        for (i = 0; i < sizeof(fields) / sizeof(*fields); i++)
                text_field(x, CHANGE_OFFICE_CHANGED, NULL, NULL, fields[i],
                           va[i], vb[i]);
        ext(x, CHANGE_OFFICE_CHANGED, NULL, NULL, NULL, a->node, b->node);
        ext(x, CHANGE_OFFICE_CHANGED, NULL, NULL, NULL,
            a->doc ? a->doc->root : NULL, b->doc ? b->doc->root : NULL);
}

static int cmp_id(const void *pa, const void *pb)
{
        return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

/* The ids of o's services, sorted (NULL ids left out); the caller frees. */
static const char **sorted_ids(const struct office *o, size_t *n)
{
        const char **ids = xcalloc(o->nservices + 1, sizeof(*ids));
        size_t i;

        for (*n = i = 0; i < o->nservices; i++)
                if (o->services[i].id)
                        ids[(*n)++] = o->services[i].id;
        qsort(ids, *n, sizeof(*ids), cmp_id);
        return ids;
}

/* The ids of the services of a that b has too, in a's order. */
static char *common_order(const struct office *a, const struct office *b)
{
        struct strbuf sb = STRBUF_INIT;
        size_t i, n;
        const char **ids = sorted_ids(b, &n);

        for (i = 0; i < a->nservices; i++) {
                const char *id = a->services[i].id;
                if (!id || !bsearch(&id, ids, n, sizeof(*ids), cmp_id))
                        continue;
                strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", id);
        }
        free(ids);
        return strbuf_detach(&sb, NULL);
}

/* One change when the services both versions have are in another order. */
static void services_reordered(struct ctx *x, const struct office *a,
                               const struct office *b)
{
        char *oa = common_order(a, b), *ob = common_order(b, a);
        struct change *c;

        if (strcmp(oa, ob) == 0) {
                free(oa);
                free(ob);
                return;
        }
        c = add(x, CHANGE_SERVICES_REORDERED, NULL);
        c->old_value = oa;
        c->new_value = ob;
}

static void approval_given(struct ctx *x, enum change_kind kind,
                           const struct approval *ap)
{
        struct change *c = add(x, kind, NULL);

        *(kind == CHANGE_APPROVAL_GIVEN ? &c->new_value : &c->old_value) =
            dup_or_null(ap->by);
        c->date = ap->date;
}

static void diff_approval(struct ctx *x, const struct office *oa,
                          const struct office *ob)
{
        const struct approval *a = &oa->approval, *b = &ob->approval;
        struct change *c;
        bool renewed = a->node && b->node && date_cmp(a->date, b->date) != 0;

        if (!a->node && b->node)
                approval_given(x, CHANGE_APPROVAL_GIVEN, b);
        if (a->node && !b->node)
                approval_given(x, CHANGE_APPROVAL_REMOVED, a);
        if (renewed) {
                date_field(x, CHANGE_APPROVAL_RENEWED, NULL, NULL, "date",
                           a->date, b->date);
                x->out->items[x->out->n - 1].date = b->date;
        }
        if (a->node && b->node) {
                text_field(x, CHANGE_APPROVAL_CHANGED, NULL, NULL, "by", a->by,
                           b->by);
                text_field(x, CHANGE_APPROVAL_CHANGED, NULL, NULL, "memo",
                           a->memo, b->memo);
                date_field(x, CHANGE_APPROVAL_CHANGED, NULL, NULL, "submitted",
                           a->submitted, b->submitted);
                if (!renewed)
                        text_field(x, CHANGE_APPROVAL_CHANGED, NULL, NULL,
                                   "digest", a->digest, b->digest);
                ext(x, CHANGE_APPROVAL_CHANGED, NULL, NULL, NULL, a->node,
                    b->node);
        }
        if (a->node && b->node &&
            office_approval_state(oa) == APPROVAL_APPROVED &&
            office_approval_state(ob) == APPROVAL_STALE) {
                c = add(x, CHANGE_APPROVAL_STALE, NULL);
                c->new_value = x->stale.len ? xstrdup(x->stale.buf) : NULL;
                c->date = b->date;
        }
}

/* "roadmap 2026-10-05 batch 2": a workshop's identity. */
static char *workshop_text(const struct workshop *w)
{
        char d[11];

        date_format_iso(w->date, d);
        if (w->batch >= 0)
                return xasprintf("%s %s batch %ld", workshop_kind_name(w->kind),
                                 d, w->batch);
        return xasprintf("%s %s", workshop_kind_name(w->kind), d);
}

/* "24 participants, head present", or NULL when it says neither. */
static char *workshop_about(const struct workshop *w)
{
        if (w->participants >= 0)
                return xasprintf("%ld participant%s%s", w->participants,
                                 w->participants == 1 ? "" : "s",
                                 w->head_present ? ", head present" : "");
        return w->head_present ? xstrdup("head present") : NULL;
}

static bool same_workshop(const struct workshop *a, const struct workshop *b)
{
        return a->kind == b->kind && date_cmp(a->date, b->date) == 0 &&
               a->batch == b->batch;
}

/* A workshop of the old version, of the new one, or both. */
struct ws_pair {
        const struct workshop *a, *b;
};

/* Workshops in order of date, kind and batch. */
static int cmp_ws_pair(const void *pa, const void *pb)
{
        const struct ws_pair *p = pa, *q = pb;
        const struct workshop *a = p->b ? p->b : p->a, *b = q->b ? q->b : q->a;
        int c = date_cmp(a->date, b->date);

        if (c)
                return c;
        if (a->kind != b->kind)
                return a->kind < b->kind ? -1 : 1;
        return a->batch < b->batch ? -1 : a->batch > b->batch;
}

/* Each old workshop with the first new one of its identity not taken. */
static struct ws_pair *pair_workshops(const struct office *a,
                                      const struct office *b, size_t *np)
{
        struct ws_pair *p =
            xcalloc(a->nworkshops + b->nworkshops + 1, sizeof(*p));
        bool *taken = xcalloc(b->nworkshops + 1, sizeof(*taken));
        size_t i, j, n = 0;

        for (i = 0; i < a->nworkshops; i++) {
                p[n].a = &a->workshops[i];
                for (j = 0; j < b->nworkshops; j++)
                        if (!taken[j] &&
                            same_workshop(&a->workshops[i], &b->workshops[j]))
                                break;
                if (j < b->nworkshops) {
                        taken[j] = true;
                        p[n].b = &b->workshops[j];
                }
                n++;
        }
        for (j = 0; j < b->nworkshops; j++)
                if (!taken[j])
                        p[n++].b = &b->workshops[j];
        free(taken);
        qsort(p, n, sizeof(*p), cmp_ws_pair);
        *np = n;
        return p;
}

static void diff_workshop(struct ctx *x, const struct workshop *a,
                          const struct workshop *b)
{
        char *item = workshop_text(b ? b : a);
        struct change *c;

        if (!a || !b) {
                c = add(x, a ? CHANGE_WORKSHOP_REMOVED : CHANGE_WORKSHOP_ADDED,
                        NULL);
                c->item = item;
                *(a ? &c->old_value : &c->new_value) =
                    workshop_about(b ? b : a);
                c->date = (b ? b : a)->date;
                return;
        }
        num_field(x, CHANGE_WORKSHOP_CHANGED, NULL, item, "participants",
                  a->participants, b->participants);
        if (a->head_present != b->head_present)
                text_field(x, CHANGE_WORKSHOP_CHANGED, NULL, item,
                           "head_present", a->head_present ? "yes" : "no",
                           b->head_present ? "yes" : "no");
        ext(x, CHANGE_WORKSHOP_CHANGED, NULL, item, NULL, a->node, b->node);
        free(item);
}

static void diff_workshops(struct ctx *x, const struct office *a,
                           const struct office *b)
{
        size_t n, i;
        struct ws_pair *p = pair_workshops(a, b, &n);

        for (i = 0; i < n; i++)
                diff_workshop(x, p[i].a, p[i].b);
        free(p);
}

/* ---- the whole file ------------------------------------------------------ */

/* The office of l, or NULL. */
static const struct office *office_of(const struct loaded *l)
{
        return l && l->parsed ? &l->m.office : NULL;
}

void officediff_offices(const struct loaded *a, const struct loaded *b,
                        const struct diag_list *errors, struct changes *out)
{
        static const struct office empty;
        const struct office *oa = office_of(a), *ob = office_of(b);
        struct ctx x = {out, NULL, NULL, STRBUF_INIT, NULL, NULL, NULL};

        x.ministry = ob && ob->ministry ? ob->ministry
                     : oa               ? oa->ministry
                                        : NULL;
        x.office = ob && ob->id ? ob->id : oa ? oa->id : NULL;
        x.buf_a = oa && oa->doc ? oa->doc->buf : NULL;
        x.buf_b = ob && ob->doc ? ob->doc->buf : NULL;
        if (officediff_unreadable(a, b, errors, x.ministry, x.office, out) ||
            (!a && !b))
                return;
        if (!b) {
                add(&x, CHANGE_OFFICE_REMOVED, NULL)->old_value =
                    dup_or_null(oa->name);
                return;
        }
        if (!a)
                add(&x, CHANGE_OFFICE_ADDED, NULL)->new_value =
                    dup_or_null(ob->name);
        else
                diff_office_fields(&x, oa, ob);
        if (a)
                services_reordered(&x, oa, ob);
        diff_services(&x, oa ? oa : &empty, ob);
        diff_approval(&x, oa ? oa : &empty, ob);
        diff_workshops(&x, oa ? oa : &empty, ob);
        officediff_comments(a, b, x.ministry, x.office, out);
        strbuf_release(&x.stale);
}
