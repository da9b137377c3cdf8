/*
 * libFuzzer harness: a valid office file plus random edit intents -> the
 * edit engine.
 *
 * Input: the file's bytes, a NUL, then the intent bytes (without a NUL
 * the whole input is the file and a fixed schedule of intents is used).
 * A file that is not a valid office is skipped.  Each intent is applied
 * alone to the current text, as a writing command would: apply, re-read,
 * validate, verify.  The re-read model must be the old model plus exactly
 * the intended change (compared field by field against an expectation
 * kept here, not by the engine's own verifier), and every byte outside
 * the one changed region, which must lie within the lines of the edited
 * node (for a removal, from its key's line) and the blank and comment
 * lines below them, must be identical.  A new
 * name comes from the input bytes.
 *
 * An edit the harness accepts must also pass the writer's own verify step
 * (edit_verify, as edit_txn_commit runs it), and every string it wrote
 * must follow the quoting rule: yquote's text for it, read back by
 * roadmap's reader in block and in flow context, is the same string and
 * not another type; a name it set stands in the file exactly as yquote
 * writes it there.
 *
 * Bytes 248 to 255 are a merge's intents: an item inserted (a copy from
 * another parse), a value replaced, removals with additions together.
 *
 * A wrong write -- bytes that pass the engine's verification yet mean
 * something else, or changed bytes outside the edited node -- always
 * fails, and so does a verifier that refuses a right edit.  A safe
 * refusal of a valid intent (the engine made bytes that are invalid, so a
 * command would write nothing) is counted and fails only with
 * FUZZ_EDIT_STRICT=1 set: such a refusal loses no data, and the bounded
 * CI run must not turn on which corner of the engine a minute of fuzzing
 * happens to reach.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/diag.h"
#include "roadmap/edit.h"
#include "roadmap/load.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"
#include "roadmap/yquote.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_SERVICES 4096
#define MAX_STEPS 12

static const char *const office_order[] = {"roadmap",  "office",    "services",
                                           "approval", "workshops", NULL};
static const char *const service_order[] = {
    "id", "name", "name_bn", "recipients", "tcv", "plan", NULL};
static const char *const plan_order[] = {"priority", "due", "tcv", "history",
                                         NULL};

/* The intent bytes, consumed one at a time (0 once used up). */
struct bytes {
        const uint8_t *p;
        size_t n;
};

static unsigned take(struct bytes *b, unsigned range)
{
        unsigned v;

        if (b->n == 0)
                return 0;
        v = *b->p++;
        b->n--;
        return range ? v % range : v;
}

/* What a service must look like after the edit. */
struct svc_snap {
        const char *id, *name, *name_bn;
        enum recipients recipients;
        long days, cost, visits;
        bool plan;
        long priority, pdays, pcost, pvisits;
        struct date due;
        size_t nhistory;
        enum status status;
        struct date status_date;
};

struct snap {
        const char *id, *name, *name_bn, *ministry, *head;
        struct svc_snap *s;
        size_t n;
        size_t nworkshops;
        bool approval;
        const char *by;
        struct date approved;
};

static void die(const char *what, const char *detail)
{
        fprintf(stderr, "fuzz_edit: %s%s%s\n", what, detail ? ": " : "",
                detail ? detail : "");
        abort();
}

static void snap_take(struct snap *sn, const struct office *o)
{
        size_t i;

        memset(sn, 0, sizeof(*sn));
        sn->id = o->id;
        sn->name = o->name;
        sn->name_bn = o->name_bn;
        sn->ministry = o->ministry;
        sn->head = o->head;
        sn->n = o->nservices;
        sn->s = xcalloc(o->nservices + 1, sizeof(*sn->s));
        for (i = 0; i < o->nservices; i++) {
                const struct service *v = &o->services[i];
                struct svc_snap *s = &sn->s[i];
                s->id = v->id;
                s->name = v->name;
                s->name_bn = v->name_bn;
                s->recipients = v->recipients;
                s->days = v->tcv.days;
                s->cost = v->tcv.cost;
                s->visits = v->tcv.visits;
                s->plan = service_has_plan(v);
                if (!s->plan)
                        continue;
                s->priority = v->plan.priority;
                s->due = v->plan.due;
                s->pdays = v->plan.tcv.days;
                s->pcost = v->plan.tcv.cost;
                s->pvisits = v->plan.tcv.visits;
                s->nhistory = v->plan.nhistory;
                s->status = service_status(v);
                s->status_date = v->plan.history[v->plan.nhistory - 1].date;
        }
        sn->nworkshops = o->nworkshops;
        sn->approval = o->approval.node != NULL;
        sn->by = o->approval.by;
        sn->approved = o->approval.date;
}

static bool str_eq(const char *a, const char *b)
{
        return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

static void snap_expect(const struct snap *want, const struct snap *got)
{
        size_t i;

        if (!str_eq(want->id, got->id) || !str_eq(want->name, got->name) ||
            !str_eq(want->name_bn, got->name_bn) ||
            !str_eq(want->ministry, got->ministry) ||
            !str_eq(want->head, got->head))
                die("the office mapping changed", got->id);
        if (want->n != got->n)
                die("wrong number of services", NULL);
        if (want->nworkshops != got->nworkshops)
                die("wrong number of workshops", NULL);
        if (want->approval != got->approval || !str_eq(want->by, got->by) ||
            date_cmp(want->approved, got->approved) != 0)
                die("the approval changed", NULL);
        for (i = 0; i < want->n; i++) {
                const struct svc_snap *a = &want->s[i], *b = &got->s[i];
                if (!str_eq(a->id, b->id) || !str_eq(a->name, b->name) ||
                    !str_eq(a->name_bn, b->name_bn) ||
                    a->recipients != b->recipients)
                        die("a service's names changed", b->id);
                if (a->days != b->days || a->cost != b->cost ||
                    a->visits != b->visits)
                        die("a service's tcv is wrong", b->id);
                if (a->plan != b->plan)
                        die("a service's plan appeared or vanished", b->id);
                if (!a->plan)
                        continue;
                if (a->priority != b->priority ||
                    date_cmp(a->due, b->due) != 0 || a->pdays != b->pdays ||
                    a->pcost != b->pcost || a->pvisits != b->pvisits ||
                    a->nhistory != b->nhistory || a->status != b->status ||
                    date_cmp(a->status_date, b->status_date) != 0)
                        die("a service's plan is wrong", b->id);
        }
}

/* The line span [start of the line of from, end of the line of to], and
 * the blank and comment lines below it. */
static void line_span(const char *buf, size_t len, size_t from, size_t to,
                      size_t *lo, size_t *hi)
{
        while (from > 0 && buf[from - 1] != '\n')
                from--;
        while (to < len && buf[to] != '\n')
                to++;
        *lo = from;
        *hi = to < len ? to + 1 : len;
        /* and the blank and comment lines below: an edit may take blank
         * lines along when they would join a block scalar's value, and a
         * new item goes below the comments that trail the last one */
        for (to = *hi; to < len; to++) {
                if (buf[to] == '#')
                        while (to + 1 < len && buf[to + 1] != '\n')
                                to++;
                else if (buf[to] != ' ' && buf[to] != '\r' && buf[to] != '\n')
                        break;
                if (buf[to] == '\n' || to + 1 == len)
                        *hi = to + 1;
        }
}

/* Every byte of old outside [lo, hi) is in new, unchanged and in place:
 * old[0, lo) starts new and old[hi, olen) ends it. */
static void expect_untouched(const char *old, size_t olen, const char *new,
                             size_t nlen, size_t lo, size_t hi)
{
        if (lo + (olen - hi) <= nlen && memcmp(old, new, lo) == 0 &&
            memcmp(old + hi, new + nlen - (olen - hi), olen - hi) == 0)
                return;
        fprintf(stderr,
                "the node's lines are [%zu, %zu)\n--- old:\n%.*s\n"
                "--- new:\n%.*s\n",
                lo, hi, (int)olen, old, (int)nlen, new);
        die("bytes outside the edited node changed", NULL);
}

/* A name from the input bytes (length byte, then bytes; no NUL). */
static char *take_name(struct bytes *b)
{
        unsigned n = take(b, 0) % 48, i;
        char *s = xmalloc(n + 2);

        for (i = 0; i < n && b->n; i++) {
                s[i] = (char)take(b, 0);
                if (!s[i])
                        s[i] = ' ';
        }
        if (i == 0)
                s[i++] = 'N';
        s[i] = '\0';
        return s;
}

/* A name the engine may refuse: one YAML cannot carry, or one with a
 * control character, which the model refuses (as commands refuse it in
 * an option). */
static bool name_refused(const char *name)
{
        struct strbuf q;
        bool bad;

        strbuf_init(&q);
        bad = yquote_string(&q, name, strlen(name), YQUOTE_BLOCK) != 0 ||
              model_text_control(name, strlen(name)) >= 0;
        strbuf_release(&q);
        return bad;
}

/* A fresh service id: not used in the office. */
static const char *fresh_id(struct edit *e, const struct office *o,
                            struct bytes *b)
{
        char buf[48];
        unsigned k = take(b, 0);

        for (;;) {
                snprintf(buf, sizeof buf, "fz-%u", k++);
                if (!model_find_service(o, buf))
                        return arena_strdup(&e->arena, buf);
        }
}

/* One intent against the office in f; updates want.  *node is the node
 * whose lines may change; *name the new name the fuzzer supplied (or
 * NULL); *must_work whether the engine may refuse. */
#define MAX_STRS 4

struct step {
        struct loaded before, after;
        struct edit e;
        struct strbuf out;
        struct diag_list dl;
        const struct ynode *node;
        const struct ynode *from; /* a removal: the key above node */
        char *name;
        bool may_refuse;
        const char *strs[MAX_STRS]; /* the strings the intent writes */
        size_t nstrs;
        long named;                /* the service whose name is set, or -1 */
        const struct strbuf *text; /* the bytes before the intent */
};

/* A string value the intent writes; the quoting rule is checked on it. */
static struct yval *str_val(struct step *st, const char *s)
{
        if (st->nstrs < MAX_STRS)
                st->strs[st->nstrs++] = s;
        return yval_str(&st->e, s);
}

static int intent_append_service(struct step *st, struct snap *want,
                                 struct bytes *b)
{
        const struct office *o = &st->before.m.office;
        struct edit *e = &st->e;
        struct svc_snap *s = &want->s[want->n++];
        struct yval *v = yval_map(e, false);

        memset(s, 0, sizeof(*s));
        s->id = fresh_id(e, o, b);
        st->name = take_name(b);
        s->name = st->name;
        s->days = s->cost = s->visits = -1;
        st->may_refuse = name_refused(st->name);
        yval_put(v, "id", str_val(st, s->id));
        yval_put(v, "name", str_val(st, st->name));
        st->named = (long)want->n - 1;
        st->node = o->services_node ? o->services_node : st->before.doc.root;
        return edit_append(e, st->before.doc.root, "services", v, office_order,
                           &st->dl);
}

static int intent_tcv(struct step *st, struct snap *want, size_t i,
                      struct bytes *b)
{
        const struct service *v = &st->before.m.office.services[i];
        struct svc_snap *s = &want->s[i];
        struct edit *e = &st->e;
        struct yval *tcv = yval_map(e, take(b, 2));
        unsigned what = take(b, 3);
        long n = (long)take(b, 0) * 7;

        if (v->tcv.node && v->tcv.node->kind != YNODE_MAPPING)
                return 1;
        if (what == 0)
                s->days = n;
        else if (what == 1)
                s->cost = n;
        else
                s->visits = n;
        yval_put(tcv,
                 what == 0   ? "days"
                 : what == 1 ? "cost"
                             : "visits",
                 yval_int(e, n));
        st->node = v->node;
        return edit_set(e, v->node, "tcv", tcv, service_order, &st->dl);
}

static int intent_plan(struct step *st, struct snap *want, size_t i,
                       struct bytes *b)
{
        const struct service *v = &st->before.m.office.services[i];
        struct svc_snap *s = &want->s[i];
        struct edit *e = &st->e;
        struct yval *h = yval_map(e, take(b, 2));
        struct date d = {2099, 12, 31}; /* after any date a file holds */
        unsigned prio = 1 + take(b, 99), append = take(b, 2);

        yval_put(h, "date", yval_date(e, d));
        yval_put(h, "status", str_val(st, "dropped"));
        if (!v->plan.node) {
                struct yval *p = yval_map(e, false), *hs = yval_seq(e, false);
                s->plan = true;
                s->priority = prio;
                s->pdays = s->pcost = s->pvisits = -1;
                s->nhistory = 1;
                s->status = STATUS_DROPPED;
                s->status_date = d;
                yval_put(p, "priority", yval_int(e, s->priority));
                yval_push(hs, h);
                yval_put(p, "history", hs);
                st->node = v->node;
                return edit_set(e, v->node, "plan", p, service_order, &st->dl);
        }
        if (!append) {
                s->priority = prio;
                st->node = v->plan.node;
                return edit_set(e, v->plan.node, "priority",
                                yval_int(e, s->priority), plan_order, &st->dl);
        }
        if (date_cmp(v->plan.history[v->plan.nhistory - 1].date, d) > 0)
                return 1; /* the file's last entry is later still */
        s->nhistory++;
        s->status = STATUS_DROPPED;
        s->status_date = d;
        st->node = v->plan.node;
        return edit_append(e, v->plan.node, "history", h, plan_order, &st->dl);
}

/* A new name set, or (replace) the value under "name" replaced. */
static int intent_rename(struct step *st, struct snap *want, size_t i,
                         struct bytes *b, bool replace)
{
        const struct service *v = &st->before.m.office.services[i];

        st->name = take_name(b);
        want->s[i].name = st->name;
        st->may_refuse = name_refused(st->name);
        st->node = v->node;
        if (!str_eq(v->name, st->name))
                st->named = (long)i;
        if (replace)
                return edit_replace_value(&st->e, v->node, "name",
                                          str_val(st, st->name), &st->dl);
        return edit_set(&st->e, v->node, "name", str_val(st, st->name),
                        service_order, &st->dl);
}

static int intent_delete_tcv(struct step *st, struct snap *want, size_t i)
{
        const struct service *v = &st->before.m.office.services[i];

        want->s[i].days = want->s[i].cost = want->s[i].visits = -1;
        st->node = v->node;
        return edit_delete(&st->e, v->node, "tcv", &st->dl);
}

/* A workshop appended, or (insert) inserted before workshop k. */
static int intent_workshop(struct step *st, struct snap *want, struct bytes *b,
                           bool insert)
{
        const struct office *o = &st->before.m.office;
        struct edit *e = &st->e;
        struct yval *w = yval_map(e, take(b, 2));
        struct date d = {2000 + (int)take(b, 50), 1 + (int)take(b, 12),
                         1 + (int)take(b, 28)};

        if (o->workshops_node && o->workshops_node->kind != YNODE_SEQUENCE)
                return 1;
        yval_put(w, "kind", str_val(st, take(b, 2) ? "design" : "roadmap"));
        yval_put(w, "date", yval_date(e, d));
        if (take(b, 2))
                yval_put(w, "participants", yval_int(e, take(b, 0)));
        want->nworkshops++;
        st->node = o->workshops_node ? o->workshops_node : st->before.doc.root;
        if (insert && o->nworkshops > 0)
                return edit_insert_item(e, st->before.doc.root, "workshops",
                                        take(b, 0) % o->nworkshops, w, &st->dl);
        return edit_append(e, st->before.doc.root, "workshops", w, office_order,
                           &st->dl);
}

/* Remove service i, or a workshop, or the last history entry of service
 * i (as plan --undo-last would). */
static int intent_remove(struct step *st, struct snap *want, size_t i,
                         struct bytes *b)
{
        const struct office *o = &st->before.m.office;
        const struct service *v = &o->services[i];
        const struct ynode *root = st->before.doc.root;
        unsigned what = take(b, 3);

        if (what == 1 && o->nworkshops > 0) {
                want->nworkshops--;
                st->node = ynode_get(root, "workshops", &st->from);
                return edit_remove(&st->e, root, "workshops",
                                   take(b, 0) % o->nworkshops, &st->dl);
        }
        if (what == 2 && v->plan.node && v->plan.nhistory >= 2) {
                const struct history_entry *h =
                    &v->plan.history[v->plan.nhistory - 2];
                want->s[i].nhistory--;
                want->s[i].status = h->status;
                want->s[i].status_date = h->date;
                st->node = ynode_get(v->plan.node, "history", &st->from);
                return edit_remove(&st->e, v->plan.node, "history",
                                   v->plan.nhistory - 1, &st->dl);
        }
        memmove(&want->s[i], &want->s[i + 1],
                (want->n - i - 1) * sizeof(want->s[0]));
        want->n--;
        st->node = ynode_get(root, "services", &st->from);
        return edit_remove(&st->e, root, "services", i, &st->dl);
}

/* Service j of a parse of text of its own (another document, released
 * before the edit is applied), copied as a value of the edit. */
static struct yval *copy_service(struct step *st, size_t j, const char *key)
{
        struct diag_list dl = DIAG_LIST_INIT;
        const struct ynode *n;
        struct yamldoc d;
        struct yval *v;

        yamldoc_init(&d);
        if (yamldoc_parse(&d, "o.yaml", st->text->buf, st->text->len, &dl) != 0)
                die("a valid office does not parse again", NULL);
        n = ynode_get(d.root, "services", NULL)->items[j];
        v = yval_from_node(&st->e, key ? ynode_get(n, key, NULL) : n);
        yamldoc_release(&d);
        diag_list_release(&dl);
        return v;
}

/* A copy of service j (with a fresh id) inserted before service i. */
static int intent_insert_copy(struct step *st, struct snap *want, size_t i,
                              struct bytes *b)
{
        const struct office *o = &st->before.m.office;
        const struct ynode *root = st->before.doc.root;
        size_t j = take(b, 0) % o->nservices;
        struct svc_snap s = want->s[j];
        struct yval *v = copy_service(st, j, NULL);

        if (want->n >= MAX_SERVICES)
                return 1;
        s.id = fresh_id(&st->e, o, b);
        yval_put(v, "id", str_val(st, s.id));
        memmove(&want->s[i + 1], &want->s[i], (want->n - i) * sizeof(s));
        want->s[i] = s;
        want->n++;
        st->node = ynode_get(root, "services", &st->from);
        return edit_insert_item(&st->e, root, "services", i, v, &st->dl);
}

/* Service i (all services, when few) removed, and a service appended, or
 * a copy of service j inserted before service i + 1, in one edit. */
static int intent_remove_add(struct step *st, struct snap *want, size_t i,
                             unsigned how, struct bytes *b)
{
        const struct ynode *root = st->before.doc.root, *key;
        size_t k, n = st->before.m.office.nservices;
        bool insert = how == 1 && i + 1 < n, all = how == 2 && n <= 8;
        int rc = insert ? intent_insert_copy(st, want, i + 1, b) : 0;

        for (k = all ? 0 : i; k < (all ? n : i + 1) && rc == 0; k++)
                rc = edit_remove(&st->e, root, "services", k, &st->dl);
        memmove(&want->s[all ? 0 : i], &want->s[i + 1],
                (want->n - i - 1) * sizeof(want->s[0]));
        want->n = all ? 0 : want->n - 1;
        if (rc == 0 && !insert)
                rc = intent_append_service(st, want, b);
        st->node = ynode_get(root, "services", &key);
        st->from = key;
        return rc;
}

/* A value of service i replaced whatever it was: its tcv by a mapping,
 * its plan by a copy of service j's, its name by a new one. */
static int intent_replace(struct step *st, struct snap *want, size_t i,
                          struct bytes *b)
{
        const struct service *v = &st->before.m.office.services[i];
        struct svc_snap *s = &want->s[i];
        unsigned what = take(b, 3);
        size_t j = take(b, 0) % st->before.m.office.nservices;
        struct yval *val = yval_map(&st->e, take(b, 2));

        st->node = v->node;
        if (what == 0 && v->tcv.node) {
                s->days = (long)take(b, 0);
                s->cost = s->visits = -1;
                yval_put(val, "days", yval_int(&st->e, s->days));
                return edit_replace_value(&st->e, v->node, "tcv", val, &st->dl);
        }
        if (what == 1 && v->plan.node && want->s[j].plan) {
                memmove(&s->plan, &want->s[j].plan, /* the plan's fields */
                        sizeof(*s) - offsetof(struct svc_snap, plan));
                return edit_replace_value(&st->e, v->node, "plan",
                                          copy_service(st, j, "plan"), &st->dl);
        }
        return intent_rename(st, want, i, b, true);
}

/* Returns 1 when the intent does not apply to this file. */
static int intent(struct step *st, struct snap *want, struct bytes *b)
{
        const struct office *o = &st->before.m.office;
        unsigned raw = take(b, 0), what = raw % 7;
        size_t i;

        if ((what == 0 && raw < 248) || o->nservices == 0) {
                if (want->n >= MAX_SERVICES)
                        return 1;
                return intent_append_service(st, want, b);
        }
        i = take(b, 0) % o->nservices;
        if (raw >= 253) /* the merge's intents, from 248 */
                return intent_remove_add(st, want, i, raw - 253, b);
        if (raw >= 251)
                return intent_replace(st, want, i, b);
        if (raw >= 250)
                return intent_workshop(st, want, b, true);
        if (raw >= 248)
                return intent_insert_copy(st, want, i, b);
        if (what == 1)
                return intent_tcv(st, want, i, b);
        if (what == 2)
                return intent_plan(st, want, i, b);
        if (what == 3)
                return intent_rename(st, want, i, b, false);
        if (what == 4)
                return o->services[i].tcv.node ? intent_delete_tcv(st, want, i)
                                               : 1;
        if (what == 6)
                return intent_remove(st, want, i, b);
        return intent_workshop(st, want, b, false);
}

static void report(const struct step *st, const char *what)
{
        size_t i;

        for (i = 0; i < st->dl.n; i++) {
                char *s = diag_format(&st->dl.items[i]);
                fprintf(stderr, "%s\n", s);
                free(s);
        }
        fprintf(stderr, "--- before:\n%.*s\n", (int)st->text->len,
                st->text->buf);
        fprintf(stderr, "--- after:\n%.*s\n---\n", (int)st->out.len,
                st->out.buf ? st->out.buf : "");
        die(what, st->name);
}

/* The quoting rule: s as yquote writes it for ctx reads back through
 * roadmap's reader as the string s, and not as another type. */
static void expect_reads_back(const char *s, enum yquote_ctx ctx)
{
        struct strbuf q, doc;
        struct yamldoc d;
        struct diag_list dl = DIAG_LIST_INIT;
        const struct ynode *v = NULL;
        size_t n = strlen(s);

        strbuf_init(&q);
        strbuf_init(&doc);
        yamldoc_init(&d);
        if (yquote_string(&q, s, n, ctx) == 0) {
                strbuf_addstr(&doc, ctx == YQUOTE_FLOW ? "[" : "k: ");
                strbuf_add(&doc, q.buf, q.len);
                strbuf_addstr(&doc, ctx == YQUOTE_FLOW ? "]\n" : "\n");
                if (yamldoc_parse(&d, "q.yaml", doc.buf, doc.len, &dl) != 0 ||
                    !d.root || d.root->n != 1)
                        die("a quoted string does not read back", doc.buf);
                v = ctx == YQUOTE_FLOW ? d.root->items[0]
                                       : d.root->pairs[0].value;
                if (v->kind != YNODE_SCALAR || v->len != n ||
                    memcmp(v->value, s, n) != 0)
                        die("a quoted string reads back as another", doc.buf);
                if (v->style == YSTYLE_PLAIN &&
                    yquote_resolves_non_string(s, n))
                        die("a quoted string reads back as another type",
                            doc.buf);
        }
        yamldoc_release(&d);
        diag_list_release(&dl);
        strbuf_release(&doc);
        strbuf_release(&q);
}

/* Every string the intent wrote follows the quoting rule, and a name it
 * set is in the file exactly as yquote writes it where it stands. */
static void expect_quoting(const struct step *st)
{
        const struct office *o = &st->after.m.office;
        const struct ynode *name;
        enum yquote_ctx ctx;
        struct strbuf q;
        size_t i;

        for (i = 0; i < st->nstrs; i++) {
                expect_reads_back(st->strs[i], YQUOTE_BLOCK);
                expect_reads_back(st->strs[i], YQUOTE_FLOW);
        }
        if (st->named < 0 || (size_t)st->named >= o->nservices)
                return;
        name = ynode_get(o->services[st->named].node, "name", NULL);
        ctx = name->parent->flow ? YQUOTE_FLOW : YQUOTE_BLOCK;
        strbuf_init(&q);
        if (yquote_string(&q, st->name, strlen(st->name), ctx) != 0 ||
            q.len != name->end - name->start ||
            memcmp(q.buf, st->out.buf + name->start, q.len) != 0)
                report(st, "a new name is not written as yquote writes it");
        strbuf_release(&q);
}

/* A safe refusal of a valid intent: a bug only in strict mode. */
static void refused(const struct step *st, const char *what)
{
        static unsigned long count;

        if (getenv("FUZZ_EDIT_STRICT"))
                report(st, what);
        if (count++ == 0)
                fprintf(stderr,
                        "fuzz_edit: a valid edit was refused (%s); "
                        "set FUZZ_EDIT_STRICT=1 to stop on it\n",
                        what);
}

/* One intent on text; on success text becomes the new bytes.  Returns 0 to
 * go on, 1 to stop. */
static int one_step(struct strbuf *text, struct bytes *b)
{
        struct step st;
        struct snap want, got;
        size_t lo, hi;
        int r, stop = 1;

        memset(&st, 0, sizeof(st));
        st.named = -1;
        st.text = text;
        loaded_init(&st.before);
        loaded_init(&st.after);
        strbuf_init(&st.out);
        diag_list_init(&st.dl);
        memset(&want, 0, sizeof(want));
        if (load_office_bytes(&st.before, "f.yaml", text->buf, text->len, NULL,
                              &st.dl) != 0)
                goto out_nodoc;
        edit_init(&st.e, &st.before.doc);
        snap_take(&want, &st.before.m.office);
        want.s = xrealloc(want.s, (want.n + 2) * sizeof(*want.s));
        r = intent(&st, &want, b);
        if (r == 1)
                goto out;
        if (r != 0) {
                if (!st.may_refuse)
                        refused(&st, "an intent was refused");
                goto out;
        }
        if (edit_apply(&st.e, &st.out, &st.dl) != 0) {
                if (!st.may_refuse)
                        refused(&st, "edit_apply failed");
                goto out;
        }
        if (load_office_bytes(&st.after, "f.yaml", st.out.buf, st.out.len,
                              want.id, &st.dl) != 0) {
                if (!st.may_refuse)
                        refused(&st, "the edited bytes are invalid");
                goto out;
        }
        snap_take(&got, &st.after.m.office);
        snap_expect(&want, &got);
        free(got.s);
        line_span(text->buf, text->len,
                  st.from ? st.from->start : st.node->start, st.node->end, &lo,
                  &hi);
        expect_untouched(text->buf, text->len, st.out.buf, st.out.len, lo, hi);
        if (edit_verify(&st.e, &st.after.doc, &st.dl) != 0)
                report(&st, "the writer's verify step refuses an edit the "
                            "harness accepts");
        expect_quoting(&st);
        strbuf_reset(text);
        strbuf_add(text, st.out.buf, st.out.len);
        stop = 0;
out:
        free(want.s);
        edit_release(&st.e);
out_nodoc:
        loaded_release(&st.before);
        loaded_release(&st.after);
        strbuf_release(&st.out);
        diag_list_release(&st.dl);
        free(st.name);
        return stop;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        /* Without intent bytes: one of each kind (see intent()). */
        static const uint8_t schedule[] = {
            0, 7, 3, 'N', 'e', 'w',         /* append service "New" */
            1, 0, 0, 0, 5,                  /* service 0: tcv days 35 */
            2, 0, 1, 0, 4,                  /* service 0: plan or history */
            3, 1, 4, 0xe0, 0xa6, 0x95, 'x', /* rename service 1 */
            4, 0,                           /* service 0: delete tcv */
            5, 1, 20, 5, 10, 0, 1, 30,      /* a workshop */
            0, 9, 2, '#', ' ',              /* append service "# " */
            6, 0, 2,                        /* undo service 0's last */
            6, 0, 1, 1,                     /* remove workshop 1 */
            6, 2, 0,                        /* remove service 2 */
            /* copy service 0 before 1; service 0: copy 1's plan */
            0xf8, 1, 0, 9, 0xfc, 0, 1, 1, 0};
        const uint8_t *nul = memchr(data, 0, size);
        struct strbuf text;
        struct bytes b;
        int i;

        if (size > 256 * 1024)
                return 0;
        b.p = nul ? nul + 1 : schedule;
        b.n = nul ? size - (size_t)(nul + 1 - data) : sizeof schedule;
        strbuf_init(&text);
        strbuf_add(&text, data, nul ? (size_t)(nul - data) : size);
        for (i = 0; i < MAX_STEPS && (i == 0 || b.n > 0); i++)
                if (one_step(&text, &b) != 0)
                        break;
        if (getenv("FUZZ_EDIT_VERBOSE"))
                fprintf(stderr, "fuzz_edit: %d edits made\n%s\n", i,
                        text.buf ? text.buf : "");
        strbuf_release(&text);
        return 0;
}
