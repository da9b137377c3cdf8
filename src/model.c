/*
 * model: the rules of roadmap(5) applied to a yamldoc tree: each mapping
 * read by the schema table (model-value.c), and the rules across keys,
 * items and files.
 */
#include "roadmap/model.h"

#include <stdlib.h>
#include <string.h>

#include "model-read.h"
#include "roadmap/memo.h"
#include "roadmap/xalloc.h"

static void *alloc_array(struct mctx *c, size_t n, size_t size)
{
        return n ? arena_alloc(c->arena, n * size) : NULL;
}

/* An error at each of the n ids (of what: "service") equal to an earlier
 * one; nodes[i] is the mapping of ids[i]. */
static void check_unique_ids(struct mctx *c, const char *what,
                             const char *const *ids,
                             const struct ynode *const *nodes, size_t n)
{
        size_t *first = xcalloc(n, sizeof(*first));
        size_t i;

        model_first_of_ids(ids, n, first);
        for (i = 0; i < n; i++)
                if (first[i] != i)
                        model_err(c, ynode_get(nodes[i], "id", NULL),
                                  "duplicate %s id '%s' (first at line %d)",
                                  what, ids[i], nodes[first[i]]->line);
        free(first);
}

/* ---- roadmap.yaml ------------------------------------------------------- */

static void read_ministry(struct mctx *c, const struct ynode *n,
                          struct ministry *m)
{
        m->node = n;
        m->id = m->name = m->name_bn = NULL;
        if (!model_check_mapping(c, SCHEMA_MINISTRY, NULL, n))
                return;
        model_get_key(c, SCHEMA_MINISTRY, n, "id", &m->id);
        model_get_key(c, SCHEMA_MINISTRY, n, "name", &m->name);
        model_get_key(c, SCHEMA_MINISTRY, n, "name_bn", &m->name_bn);
}

static void check_unique_ministries(struct mctx *c,
                                    const struct roadmap_meta *meta)
{
        size_t n = meta->nministries, i;
        const char **ids = xcalloc(n, sizeof(*ids));
        const struct ynode **nodes = xcalloc(n, sizeof(*nodes));

        for (i = 0; i < n; i++) {
                ids[i] = meta->ministries[i].id;
                nodes[i] = meta->ministries[i].node;
        }
        check_unique_ids(c, "ministry", ids, nodes, n);
        free(ids);
        free(nodes);
}

int model_read_roadmap(struct yamldoc *doc, struct roadmap_meta *out,
                       struct diag_list *dl)
{
        struct mctx c = {doc, &doc->arena, dl, 0};
        const struct ynode *root = doc->root, *seq;
        long version;
        size_t i;

        memset(out, 0, sizeof(*out));
        out->doc = doc;
        if (!root) {
                model_err(&c, NULL, "the file is empty");
                return -1;
        }
        if (!model_check_mapping(&c, SCHEMA_ROADMAP, NULL, root))
                return -1;
        model_check_yaml_directive(&c);
        model_get_key(&c, SCHEMA_ROADMAP, root, "roadmap", &version);
        model_get_key(&c, SCHEMA_ROADMAP, root, "title", &out->title);
        model_get_key(&c, SCHEMA_ROADMAP, root, "title_bn", &out->title_bn);
        model_get_key(&c, SCHEMA_ROADMAP, root, "ministries", &seq);
        out->ministries_node = seq;
        if (seq) {
                out->nministries = seq->n;
                out->ministries =
                    alloc_array(&c, seq->n, sizeof(*out->ministries));
                for (i = 0; i < seq->n; i++)
                        read_ministry(&c, seq->items[i], &out->ministries[i]);
        }
        check_unique_ministries(&c, out);
        return c.errors ? -1 : 0;
}

/* ---- office files ------------------------------------------------------- */

static void read_tcv(struct mctx *c, const char *what, const struct ynode *n,
                     struct tcv *t)
{
        t->node = n;
        t->days = t->cost = t->visits = -1;
        if (!model_check_mapping(c, SCHEMA_TCV, what, n))
                return;
        model_get_key(c, SCHEMA_TCV, n, "days", &t->days);
        model_get_key(c, SCHEMA_TCV, n, "cost", &t->cost);
        model_get_key(c, SCHEMA_TCV, n, "visits", &t->visits);
}

static void read_history_entry(struct mctx *c, const struct ynode *n,
                               struct history_entry *h)
{
        int st = -1;

        h->node = n;
        h->status = STATUS_PLANNED;
        h->note = NULL;
        if (!model_check_mapping(c, SCHEMA_HISTORY, NULL, n))
                return;
        model_get_key(c, SCHEMA_HISTORY, n, "date", &h->date);
        if (model_get_key(c, SCHEMA_HISTORY, n, "status", &st))
                h->status = (enum status)st;
        model_get_key(c, SCHEMA_HISTORY, n, "note", &h->note);
}

static void check_history_order(struct mctx *c, const struct plan *p)
{
        size_t i;

        for (i = 1; i < p->nhistory; i++) {
                const struct history_entry *a = &p->history[i - 1];
                const struct history_entry *b = &p->history[i];
                if (!date_is_set(a->date) || !date_is_set(b->date))
                        continue;
                if (date_cmp(b->date, a->date) < 0) {
                        char da[11], db[11];
                        date_format_iso(a->date, da);
                        date_format_iso(b->date, db);
                        model_err(c, ynode_get(b->node, "date", NULL),
                                  "history date %s is earlier than the entry "
                                  "before it (%s)",
                                  db, da);
                } else if (b->status != STATUS_DROPPED &&
                           (a->status == STATUS_DROPPED ||
                            b->status < a->status)) {
                        model_warn(c, ynode_get(b->node, "status", NULL),
                                   "status goes back from '%s' to '%s'",
                                   status_name(a->status),
                                   status_name(b->status));
                }
        }
}

static void read_plan(struct mctx *c, const struct ynode *n, struct plan *p)
{
        const struct ynode *v;
        size_t i;

        p->node = n;
        p->priority = -1;
        p->tcv.days = p->tcv.cost = p->tcv.visits = -1;
        if (!model_check_mapping(c, SCHEMA_PLAN, NULL, n))
                return;
        model_get_key(c, SCHEMA_PLAN, n, "priority", &p->priority);
        model_get_key(c, SCHEMA_PLAN, n, "due", &p->due);
        if (model_get_key(c, SCHEMA_PLAN, n, "tcv", &v))
                read_tcv(c, "a plan's tcv", v, &p->tcv);
        if (!model_get_key(c, SCHEMA_PLAN, n, "history", &v))
                return;
        p->nhistory = v->n;
        p->history = arena_alloc(c->arena, v->n * sizeof(*p->history));
        for (i = 0; i < v->n; i++)
                read_history_entry(c, v->items[i], &p->history[i]);
        check_history_order(c, p);
}

static void read_service(struct mctx *c, const struct ynode *n,
                         struct service *s)
{
        const struct ynode *v;
        int r;

        s->node = n;
        s->tcv.days = s->tcv.cost = s->tcv.visits = -1;
        s->id = s->name = s->name_bn = NULL;
        if (!model_check_mapping(c, SCHEMA_SERVICE, NULL, n))
                return;
        model_get_key(c, SCHEMA_SERVICE, n, "id", &s->id);
        model_get_key(c, SCHEMA_SERVICE, n, "name", &s->name);
        model_get_key(c, SCHEMA_SERVICE, n, "name_bn", &s->name_bn);
        if (model_get_key(c, SCHEMA_SERVICE, n, "recipients", &r))
                s->recipients = (enum recipients)r;
        if (model_get_key(c, SCHEMA_SERVICE, n, "tcv", &v))
                read_tcv(c, "a service's tcv", v, &s->tcv);
        model_get_key(c, SCHEMA_SERVICE, n, "since", &s->since);
        if (model_get_key(c, SCHEMA_SERVICE, n, "plan", &v))
                read_plan(c, v, &s->plan);
}

static void check_unique_services(struct mctx *c, const struct office *o)
{
        size_t n = o->nservices, i;
        const char **ids = xcalloc(n, sizeof(*ids));
        const struct ynode **nodes = xcalloc(n, sizeof(*nodes));

        for (i = 0; i < n; i++) {
                ids[i] = o->services[i].id;
                nodes[i] = o->services[i].node;
        }
        check_unique_ids(c, "service", ids, nodes, n);
        free(ids);
        free(nodes);
}

static int cmp_workshop_identity(const void *pa, const void *pb)
{
        const struct workshop *a = *(const struct workshop *const *)pa;
        const struct workshop *b = *(const struct workshop *const *)pb;
        int cmp = (int)a->kind - (int)b->kind;

        if (!cmp)
                cmp = date_cmp(a->date, b->date);
        if (!cmp)
                cmp = (a->batch > b->batch) - (a->batch < b->batch);
        return cmp ? cmp : (a > b) - (a < b);
}

/* A workshop is identified by its kind, date and batch: a second entry
 * with the identity of an earlier one would count twice in reports.  Warn
 * at each later one (sorted, so a long list costs n log n). */
static void check_unique_workshops(struct mctx *c, const struct office *o)
{
        size_t n = o->nworkshops, i;
        const struct workshop **v = xcalloc(n ? n : 1, sizeof(*v));
        const struct workshop *a, *b;
        struct diag *d;

        for (i = 0; i < n; i++)
                v[i] = &o->workshops[i];
        if (n > 1)
                qsort(v, n, sizeof(*v), cmp_workshop_identity);
        for (i = 1; i < n; i++) {
                a = v[i - 1];
                b = v[i];
                if (a->kind != b->kind || date_cmp(a->date, b->date) != 0 ||
                    a->batch != b->batch || !date_is_set(b->date))
                        continue;
                d = model_warn(c, b->node,
                               "this %s workshop is recorded twice (line %d "
                               "has the same kind, date and batch)",
                               workshop_kind_name(b->kind), a->node->line);
                diag_hint(d, "reports count both; if it is the same workshop, "
                             "remove one with 'roadmap remove-workshop'");
        }
        free(v);
}

static void read_approval(struct mctx *c, const struct ynode *n,
                          struct approval *a)
{
        const struct ynode *v;
        struct memo memo;
        const char *why;

        a->node = n;
        if (!model_check_mapping(c, SCHEMA_APPROVAL, NULL, n))
                return;
        model_get_key(c, SCHEMA_APPROVAL, n, "by", &a->by);
        model_get_key(c, SCHEMA_APPROVAL, n, "date", &a->date);
        model_get_key(c, SCHEMA_APPROVAL, n, "memo", &a->memo);
        v = ynode_get(n, "memo", NULL);
        if (a->memo && memo_parse(a->memo, v->len, &memo, &why) != 0) {
                struct diag *d = model_warn(c, v,
                                            "memo number '%s' fits no official "
                                            "format: %s",
                                            a->memo, why);
                diag_hint(d, "the formats are listed in roadmap(5)");
        }
        model_get_key(c, SCHEMA_APPROVAL, n, "digest", &a->digest);
        if (model_get_key(c, SCHEMA_APPROVAL, n, "submitted", &a->submitted) &&
            date_is_set(a->date) && date_cmp(a->submitted, a->date) < 0)
                model_err(c, ynode_get(n, "submitted", NULL),
                          "the roadmap was submitted before it was approved");
}

static void read_workshop(struct mctx *c, const struct ynode *n,
                          struct workshop *w)
{
        int k;

        w->node = n;
        w->batch = w->participants = -1;
        if (!model_check_mapping(c, SCHEMA_WORKSHOP, NULL, n))
                return;
        if (model_get_key(c, SCHEMA_WORKSHOP, n, "kind", &k))
                w->kind = (enum workshop_kind)k;
        model_get_key(c, SCHEMA_WORKSHOP, n, "date", &w->date);
        model_get_key(c, SCHEMA_WORKSHOP, n, "batch", &w->batch);
        model_get_key(c, SCHEMA_WORKSHOP, n, "participants", &w->participants);
        model_get_key(c, SCHEMA_WORKSHOP, n, "head_present", &w->head_present);
}

static void read_office_head(struct mctx *c, const struct ynode *n,
                             const char *expected_id, struct office *o)
{
        o->node = n;
        if (!model_check_mapping(c, SCHEMA_OFFICE, NULL, n))
                return;
        if (model_get_key(c, SCHEMA_OFFICE, n, "id", &o->id) && expected_id &&
            strcmp(o->id, expected_id) != 0) {
                struct diag *d =
                    model_err(c, ynode_get(n, "id", NULL),
                              "office id '%s' does not match the file "
                              "name '%s.yaml'",
                              o->id, expected_id);
                diag_hint(d, "rename the file or change the id");
        }
        model_get_key(c, SCHEMA_OFFICE, n, "name", &o->name);
        model_get_key(c, SCHEMA_OFFICE, n, "name_bn", &o->name_bn);
        model_get_key(c, SCHEMA_OFFICE, n, "ministry", &o->ministry);
        model_get_key(c, SCHEMA_OFFICE, n, "head", &o->head);
}

static void read_office_lists(struct mctx *c, const struct ynode *root,
                              struct office *o)
{
        const struct ynode *seq, *v;
        size_t i;

        model_get_key(c, SCHEMA_OFFICE_FILE, root, "services", &seq);
        o->services_node = seq;
        if (seq) {
                o->nservices = seq->n;
                o->services = alloc_array(c, seq->n, sizeof(*o->services));
                for (i = 0; i < seq->n; i++)
                        read_service(c, seq->items[i], &o->services[i]);
                check_unique_services(c, o);
        }
        if (model_get_key(c, SCHEMA_OFFICE_FILE, root, "approval", &v))
                read_approval(c, v, &o->approval);
        model_get_key(c, SCHEMA_OFFICE_FILE, root, "workshops", &seq);
        o->workshops_node = seq;
        if (seq) {
                o->nworkshops = seq->n;
                o->workshops = alloc_array(c, seq->n, sizeof(*o->workshops));
                for (i = 0; i < seq->n; i++)
                        read_workshop(c, seq->items[i], &o->workshops[i]);
                check_unique_workshops(c, o);
        }
}

static void check_approval_current(struct mctx *c, const struct office *o)
{
        struct diag *d;

        if (!o->approval.node || !o->id)
                return;
        if (!o->approval.digest) {
                d = model_warn(
                    c, o->approval.node,
                    "the approval has no digest, so later changes to "
                    "the services or plans cannot be detected");
                diag_hint(d, "record it with 'roadmap approve %s'", o->id);
        } else if (office_approval_state(o) == APPROVAL_STALE) {
                d = model_warn(
                    c, ynode_get(o->approval.node, "digest", NULL),
                    "the approval is stale: the services or plans changed "
                    "since the approval");
                diag_hint(d,
                          "have the office head approve again and run "
                          "'roadmap approve %s'",
                          o->id);
        }
}

int model_read_office(struct yamldoc *doc, const char *expected_id,
                      struct office *out, struct diag_list *dl)
{
        struct mctx c = {doc, &doc->arena, dl, 0};
        const struct ynode *root = doc->root, *v;
        long version;

        memset(out, 0, sizeof(*out));
        out->doc = doc;
        if (!root) {
                model_err(&c, NULL, "the file is empty");
                return -1;
        }
        if (!model_check_mapping(&c, SCHEMA_OFFICE_FILE, NULL, root))
                return -1;
        model_check_yaml_directive(&c);
        model_get_key(&c, SCHEMA_OFFICE_FILE, root, "roadmap", &version);
        if (model_get_key(&c, SCHEMA_OFFICE_FILE, root, "office", &v))
                read_office_head(&c, v, expected_id, out);
        read_office_lists(&c, root, out);
        if (!c.errors)
                check_approval_current(&c, out);
        return c.errors ? -1 : 0;
}

int model_check_refs(const struct office *o, const struct roadmap_meta *meta,
                     struct diag_list *dl)
{
        struct mctx c = {o->doc, NULL, dl, 0};
        struct diag *d;

        if (o->ministry && !model_find_ministry(meta, o->ministry)) {
                d = model_err(&c, ynode_get(o->node, "ministry", NULL),
                              "unknown ministry '%s'", o->ministry);
                diag_hint(d, "add it with 'roadmap add-ministry %s --name ...'",
                          o->ministry);
        }
        return c.errors ? -1 : 0;
}

static void warn_future(struct mctx *c, const struct ynode *n, const char *key,
                        const char *what, struct date dt, struct date tomorrow)
{
        char day[11], last[11];
        struct diag *d;

        if (!n || !date_is_set(dt) || date_cmp(dt, tomorrow) <= 0)
                return;
        date_format_iso(dt, day);
        date_format_iso(tomorrow, last);
        d = model_warn(c, ynode_get(n, key, NULL),
                       "%s %s is later than tomorrow (%s)", what, day, last);
        diag_hint(d, "a date here records what has happened; is the year "
                     "right?");
}

void model_check_future(const struct office *o, struct date tomorrow,
                        struct diag_list *dl)
{
        struct mctx c = {o->doc, NULL, dl, 0};
        const struct approval *a = &o->approval;
        size_t i, k;

        for (i = 0; i < o->nservices; i++)
                warn_future(&c, o->services[i].node, "since", "since date",
                            o->services[i].since, tomorrow);
        for (i = 0; i < o->nservices; i++)
                for (k = 0; k < o->services[i].plan.nhistory; k++) {
                        const struct history_entry *h =
                            &o->services[i].plan.history[k];
                        warn_future(&c, h->node, "date", "history date",
                                    h->date, tomorrow);
                }
        warn_future(&c, a->node, "date", "approval date", a->date, tomorrow);
        warn_future(&c, a->node, "submitted", "submission date", a->submitted,
                    tomorrow);
        for (i = 0; i < o->nworkshops; i++)
                warn_future(&c, o->workshops[i].node, "date", "workshop date",
                            o->workshops[i].date, tomorrow);
}
