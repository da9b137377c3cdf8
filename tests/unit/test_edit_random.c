/*
 * The property test of the edit engine: random edits on random valid
 * office files in many hand-kept styles.  Each edit must be accepted,
 * re-read as the old model plus the change, keep every line outside the
 * edited node and every comment (but those of a removed item).
 *
 * The styles: LF or CRLF, indentation 2 or 4, sequences at or under their
 * key, services with or without blank lines between them, comments between
 * and after them, text values (names, notes, the approval's by and memo,
 * x- keys) plain, quoted or as block scalars -- literal or folded; clip,
 * strip or keep chomping; with or without an indentation indicator or a
 * header comment -- followed by blank lines, lines of spaces and comment
 * lines in any combination; empty lists and maps with a comment inside;
 * a file with or without its final line break.
 *
 * ROADMAP_SEED repeats a run; ROADMAP_ROUNDS sets the number of files.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "edit_fixture.h"

static unsigned long long rng;

static unsigned rnd(unsigned n)
{
        rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
        return (unsigned)((rng >> 33) % n);
}

/* Every comment the generator writes says "# kept" and no edit may lose
 * one; comments that go with a deleted pair say "# gone". */
#define KEPT "# kept"

struct exp_service {
        char id[16];
        char *name, *name_bn; /* NULL: not known yet / absent */
        long priority;        /* -1: no plan */
        size_t nhistory;
        long days;
        bool tcv; /* has a tcv mapping */
};

struct expect {
        struct exp_service s[64];
        size_t n;
        size_t nworkshops;
        bool approval, memo;
        char *by;
};

struct gen {
        struct strbuf *sb;
        const char *nl;
        int ind; /* a nested mapping's indentation step */
        int sq;  /* a block sequence's '-' from its key's column */
};

static const char *const names[] = {"Birth registration",
                                    "yes",
                                    "12:30",
                                    "Design lab: 2 days # not a comment",
                                    "জন্ম নিবন্ধন",
                                    "'quoted'",
                                    "- dash"};

static void expect_release(struct expect *x)
{
        size_t i;

        for (i = 0; i < x->n; i++) {
                free(x->s[i].name);
                free(x->s[i].name_bn);
        }
        free(x->by);
        memset(x, 0, sizeof(*x));
}

static void set_str(char **dst, const char *s)
{
        free(*dst);
        *dst = s ? strdup(s) : NULL;
}

/* ---- files ---- */

/* Lines after a value: blank, spaces only (now and then deeper than col,
 * which after a block scalar are its content) and comments, in any
 * order. */
static void put_tail(struct gen *g, int col)
{
        unsigned i, n = rnd(3) == 0 ? 1 + rnd(3) : 0;

        for (i = 0; i < n; i++) {
                int sp = (int)rnd((unsigned)col + 1);
                switch (rnd(3)) {
                case 0:
                        strbuf_addstr(g->sb, g->nl);
                        break;
                case 1:
                        if (rnd(8) == 0)
                                sp = col + 1 + (int)rnd(8);
                        strbuf_addf(g->sb, "%*s%s", sp, "", g->nl);
                        break;
                default:
                        strbuf_addf(g->sb, "%*s" KEPT "%s", sp, "", g->nl);
                }
        }
}

/* The header of a block scalar: '|' or '>', chomping, maybe an indentation
 * indicator (before or after it) and a comment saying mark. */
static void put_block_header(struct gen *g, const char *mark)
{
        static const char *const chomp[] = {"", "-", "+"};
        const char *c = chomp[rnd(3)];
        unsigned digit = rnd(4);

        strbuf_addf(g->sb, " %c", rnd(2) ? '|' : '>');
        if (digit == 0)
                strbuf_addf(g->sb, "%d%s", g->ind, c);
        else if (digit == 1)
                strbuf_addf(g->sb, "%s%d", c, g->ind);
        else
                strbuf_addstr(g->sb, c);
        if (rnd(4) == 0)
                strbuf_addf(g->sb, "  %s", mark);
        strbuf_addstr(g->sb, g->nl);
}

/* "key: text" at column col, the text plain, quoted or a block scalar, then
 * a random tail; mark is what a comment on the key's line says. */
static void put_text(struct gen *g, int col, const char *key, const char *mark)
{
        int in = col + g->ind;

        strbuf_addf(g->sb, "%*s%s:", col, "", key);
        switch (rnd(5)) {
        case 0:
                strbuf_addf(g->sb, " Name%s", g->nl);
                break;
        case 1:
                strbuf_addf(g->sb, " 'Name'  %s%s", mark, g->nl);
                break;
        default:
                put_block_header(g, mark);
                strbuf_addf(g->sb, "%*sText%s", in, "", g->nl);
                if (rnd(3) == 0)
                        strbuf_addstr(g->sb, g->nl);
                if (rnd(2))
                        strbuf_addf(g->sb, "%*s  more text%s", in, "", g->nl);
        }
        put_tail(g, col);
}

/* An empty list (or null) after "key:", maybe with a comment inside. */
static void put_empty_list(struct gen *g, int col)
{
        switch (rnd(6)) {
        case 0:
                strbuf_addf(g->sb, " []%s", g->nl);
                break;
        case 1:
                strbuf_addf(g->sb, " [ ]%s", g->nl);
                break;
        case 2:
                strbuf_addf(g->sb, " [%s%*s" KEPT " none yet%s%*s]%s", g->nl,
                            col + g->ind, "", g->nl, col, "", g->nl);
                break;
        case 3:
                strbuf_addf(g->sb, " [  " KEPT "%s%*s]%s", g->nl, col, "",
                            g->nl);
                break;
        case 4:
                strbuf_addf(g->sb, " [%s" KEPT "%s%s  ]  " KEPT "%s", g->nl,
                            g->nl, g->nl, g->nl);
                break;
        default:
                strbuf_addstr(g->sb, g->nl);
        }
}

static void put_tcv(struct gen *g, int col, struct exp_service *s)
{
        s->tcv = true;
        switch (rnd(4)) {
        case 0:
                s->days = rnd(50);
                strbuf_addf(g->sb, "%*stcv: {days: %ld}%s", col, "", s->days,
                            g->nl);
                break;
        case 1:
                s->days = rnd(50);
                strbuf_addf(g->sb, "%*stcv:%s%*sdays: %ld%s", col, "", g->nl,
                            col + g->ind, "", s->days, g->nl);
                break;
        case 2:
                strbuf_addf(g->sb, "%*stcv: {}%s", col, "", g->nl);
                break;
        default:
                strbuf_addf(g->sb, "%*stcv: {%s%*s# gone%s%*s}%s", col, "",
                            g->nl, col + g->ind, "", g->nl, col, "", g->nl);
        }
}

static void put_plan(struct gen *g, int col, struct exp_service *s)
{
        int in = col + g->ind, dash = in + g->sq;

        s->priority = 1 + rnd(5);
        s->nhistory = 1;
        strbuf_addf(g->sb,
                    "%*splan:%s%*spriority: %ld  " KEPT "%s%*shistory:%s"
                    "%*s- date: 2017-01-01%s%*sstatus: planned%s",
                    col, "", g->nl, in, "", s->priority, g->nl, in, "", g->nl,
                    dash, "", g->nl, dash + 2, "", g->nl);
        if (rnd(2))
                put_text(g, dash + 2, "note", KEPT);
}

static void put_service(struct gen *g, struct expect *x, size_t i)
{
        struct exp_service *s = &x->s[x->n++];
        int col = g->sq + 2;

        snprintf(s->id, sizeof s->id, "s%zu", i);
        s->priority = -1;
        s->days = -1;
        strbuf_addf(g->sb, "%*s- id: %s%s", g->sq, "", s->id, g->nl);
        put_text(g, col, "name", KEPT);
        if (rnd(3) == 0)
                put_text(g, col, "name_bn", KEPT);
        if (rnd(2)) {
                put_tcv(g, col, s);
                put_tail(g, col);
        }
        if (rnd(2))
                put_plan(g, col, s);
        if (rnd(4) == 0)
                put_text(g, col, "x-note", KEPT);
}

static void put_services(struct gen *g, struct expect *x)
{
        size_t i, n = rnd(6);
        bool spaced = rnd(2);

        strbuf_addstr(g->sb, "services:");
        if (n == 0) {
                put_empty_list(g, 0);
                return;
        }
        strbuf_addstr(g->sb, g->nl);
        for (i = 0; i < n; i++) {
                if (i > 0 && spaced)
                        strbuf_addstr(g->sb, g->nl);
                if (i > 0 && rnd(4) == 0)
                        strbuf_addf(g->sb, "%*s" KEPT " between%s",
                                    rnd(2) ? g->sq : g->sq + 2, "", g->nl);
                put_service(g, x, i);
        }
        if (spaced && rnd(2))
                strbuf_addstr(g->sb, g->nl);
}

/* A flow approval over several lines, comments between its pairs. */
static void put_flow_approval(struct gen *g, struct expect *x)
{
        const char *sep[] = {",", ",  " KEPT, ",\n  " KEPT};
        const char *nl = g->nl;

        x->memo = rnd(2);
        strbuf_addf(g->sb, "approval: {by: H%s%s  date: 2017-10-31",
                    sep[rnd(3)], nl);
        if (x->memo)
                strbuf_addf(g->sb, "%s%s  memo: m1", sep[rnd(3)], nl);
        if (rnd(2))
                strbuf_addf(g->sb, "%s%s  submitted: 2017-11-01", sep[rnd(3)],
                            nl);
        strbuf_addf(g->sb, "%s%s}%s", rnd(2) ? "  " KEPT : "", nl, nl);
}

static void put_approval(struct gen *g, struct expect *x)
{
        x->approval = true;
        if (rnd(3) == 0) {
                put_flow_approval(g, x);
                return;
        }
        strbuf_addf(g->sb, "approval:%s", g->nl);
        put_text(g, g->ind, "by", KEPT);
        strbuf_addf(g->sb, "%*sdate: 2017-10-31%s", g->ind, "", g->nl);
        if ((x->memo = rnd(2)))
                put_text(g, g->ind, "memo", "# gone");
        if (rnd(2))
                strbuf_addf(g->sb, "%*ssubmitted: 2017-11-01%s", g->ind, "",
                            g->nl);
}

static void put_workshops(struct gen *g, struct expect *x)
{
        switch (rnd(4)) {
        case 0:
                return;
        case 1:
                x->nworkshops = 1;
                strbuf_addf(g->sb,
                            "workshops: [{kind: design, date: 2017-02-02}]%s",
                            g->nl);
                return;
        case 2:
                x->nworkshops = 1;
                strbuf_addf(g->sb,
                            "workshops:%s%*s- kind: design%s%*sdate: "
                            "2017-02-02%s",
                            g->nl, g->sq, "", g->nl, g->sq + 2, "", g->nl);
                return;
        default:
                strbuf_addstr(g->sb, "workshops:");
                put_empty_list(g, 0);
        }
}

/* A random valid office in one of many hand-kept styles. */
static void random_office(struct strbuf *sb, struct expect *x)
{
        struct gen g = {sb, rnd(4) ? "\n" : "\r\n", rnd(2) ? 2 : 4,
                        rnd(2) ? 0 : 2};

        memset(x, 0, sizeof(*x));
        strbuf_addf(sb, KEPT " office%sroadmap: 1%soffice:%s", g.nl, g.nl,
                    g.nl);
        strbuf_addf(sb, "%*sid: t   " KEPT "%s", g.ind, "", g.nl);
        put_text(&g, g.ind, "name", KEPT);
        strbuf_addf(sb, "%*sministry: lgd%s", g.ind, "", g.nl);
        if (rnd(2))
                put_text(&g, g.ind, "head", KEPT);
        if (rnd(2))
                strbuf_addstr(sb, g.nl);
        if (rnd(6))
                put_services(&g, x);
        if (rnd(2))
                put_approval(&g, x);
        put_workshops(&g, x);
        if (rnd(4) == 0)
                put_text(&g, 0, "x-end", KEPT);
        if (rnd(6) == 0) /* no final line break */
                while (sb->len > 0 && (sb->buf[sb->len - 1] == '\n' ||
                                       sb->buf[sb->len - 1] == '\r'))
                        sb->buf[--sb->len] = '\0';
}

/* ---- edits ---- */

/* The lines of the old text an edit may rewrite, 1-based (0: none); and
 * the header line of a block scalar that ends a file without a final line
 * break, which gains strip chomping when text is added after it. */
struct lines {
        int lo, hi;
        int header;
};

static void node_lines(struct fixture *f, const struct ynode *n,
                       const struct ynode *from, struct lines *l)
{
        const struct ynode *last = n;
        size_t end = n->end;
        int col;

        while (last->kind != YNODE_SCALAR && last->n > 0) {
                last = last->kind == YNODE_MAPPING
                           ? last->pairs[last->n - 1].value
                           : last->items[last->n - 1];
                end = last->end > end ? last->end : end;
        }
        l->lo = (from ? from : n)->line;
        yamldoc_position(&f->before.doc, end > n->start ? end - 1 : end, &l->hi,
                         &col);
}

static int edit_add_service(struct fixture *f, struct expect *x,
                            struct lines *l)
{
        static unsigned serial;
        struct edit *e = &f->e;
        struct exp_service *s = &x->s[x->n++];
        const struct ynode *seq = f->before.m.office.services_node;
        const char *name = names[rnd(7)];
        struct yval *v;

        if (seq && seq->kind == YNODE_SEQUENCE && seq->flow)
                node_lines(f, seq, NULL, l); /* becomes a block sequence */
        memset(s, 0, sizeof(*s));
        /* unique even after removals: the serial number counts up */
        snprintf(s->id, sizeof s->id, "n%u", ++serial * 1000 + rnd(1000));
        s->priority = -1;
        s->days = -1;
        set_str(&s->name, name);
        v = yval_map(e, false);
        yval_put(v, "id", yval_str(e, s->id));
        yval_put(v, "name", yval_str(e, name));
        return edit_append(e, root(f), "services", v, office_order, &f->dl);
}

static int edit_tcv(struct fixture *f, struct expect *x, size_t i,
                    struct lines *l)
{
        struct edit *e = &f->e;
        const struct service *s = svc(f, i);
        struct yval *tcv = yval_map(e, true);
        const struct ynode *days;

        x->s[i].days = rnd(90);
        x->s[i].tcv = true;
        yval_put(tcv, "days", yval_int(e, x->s[i].days));
        if (s->tcv.node && s->tcv.node->flow)
                node_lines(f, s->tcv.node, NULL, l);
        else if (s->tcv.node && (days = ynode_get(s->tcv.node, "days", NULL)))
                node_lines(f, days, NULL, l);
        return edit_set(e, s->node, "tcv", tcv, NULL, &f->dl);
}

static int edit_plan(struct fixture *f, struct expect *x, size_t i,
                     struct lines *l)
{
        struct edit *e = &f->e;
        const struct service *s = svc(f, i);
        struct yval *h = yval_map(e, false);

        yval_put(h, "date", yval_str(e, "2018-01-01"));
        yval_put(h, "status", yval_str(e, "dropped"));
        if (!s->plan.node) {
                struct yval *p = yval_map(e, false), *hs = yval_seq(e, false);
                x->s[i].priority = 1 + rnd(9);
                x->s[i].nhistory = 1;
                yval_put(p, "priority", yval_int(e, x->s[i].priority));
                yval_push(hs, h);
                yval_put(p, "history", hs);
                return edit_set(e, s->node, "plan", p, NULL, &f->dl);
        }
        if (service_status(s) == STATUS_DROPPED) {
                x->s[i].priority = 1 + rnd(9);
                node_lines(f, ynode_get(s->plan.node, "priority", NULL), NULL,
                           l);
                return edit_set(e, s->plan.node, "priority",
                                yval_int(e, x->s[i].priority), plan_order,
                                &f->dl);
        }
        x->s[i].nhistory++;
        return edit_append(e, s->plan.node, "history", h, plan_order, &f->dl);
}

static int edit_workshop(struct fixture *f, struct expect *x, struct lines *l)
{
        struct edit *e = &f->e;
        const struct ynode *w = f->before.m.office.workshops_node;
        struct yval *v = yval_map(e, false);

        if (w && w->kind == YNODE_SEQUENCE && w->flow)
                node_lines(f, w, NULL, l);
        yval_put(v, "kind", yval_str(e, "roadmap"));
        yval_put(v, "date", yval_date(e, (struct date){2019, 3, 1 + rnd(28)}));
        x->nworkshops++;
        return edit_append(e, root(f), "workshops", v, office_order, &f->dl);
}

/* Replace (or insert) the name or name_bn of service i. */
static int edit_name(struct fixture *f, struct expect *x, size_t i,
                     struct lines *l)
{
        const struct service *s = svc(f, i);
        const char *key = rnd(2) ? "name" : "name_bn";
        const char *name = names[rnd(7)];
        static const char *const order[] = {"id",  "name", "name_bn",
                                            "tcv", "plan", NULL};
        const struct ynode *old = ynode_get(s->node, key, NULL);

        if (old)
                node_lines(f, old, NULL, l);
        set_str(strcmp(key, "name") == 0 ? &x->s[i].name : &x->s[i].name_bn,
                name);
        return edit_set(&f->e, s->node, key, yval_str(&f->e, name), order,
                        &f->dl);
}

static int edit_delete_tcv(struct fixture *f, struct expect *x, size_t i,
                           struct lines *l)
{
        const struct service *s = svc(f, i);
        const struct ynode *k;

        ynode_get(s->node, "tcv", &k);
        node_lines(f, s->tcv.node, k, l);
        x->s[i].days = -1;
        x->s[i].tcv = false;
        return edit_delete(&f->e, s->node, "tcv", &f->dl);
}

/* Delete the memo, or set the submission date, or add an approval. */
static int edit_approval(struct fixture *f, struct expect *x, struct lines *l)
{
        static const char *const order[] = {"by",     "date",      "memo",
                                            "digest", "submitted", NULL};
        struct edit *e = &f->e;
        const struct ynode *a = f->before.m.office.approval.node, *k, *v;
        struct yval *m;

        if (!a) {
                const char *by = names[rnd(7)];
                m = yval_map(e, false);
                yval_put(m, "by", yval_str(e, by));
                yval_put(m, "date", yval_date(e, (struct date){2019, 1, 2}));
                x->approval = true;
                set_str(&x->by, by);
                return edit_set(e, root(f), "approval", m, office_order,
                                &f->dl);
        }
        if (a->flow) /* its commas may move */
                node_lines(f, a, NULL, l);
        if (x->memo) {
                v = ynode_get(a, "memo", &k);
                if (!a->flow)
                        node_lines(f, v, k, l);
                x->memo = false;
                return edit_delete(e, a, "memo", &f->dl);
        }
        if ((v = ynode_get(a, "submitted", NULL)) && !a->flow)
                node_lines(f, v, NULL, l);
        return edit_set(e, a, "submitted",
                        yval_date(e, (struct date){2019, 1, 3}), order, &f->dl);
}

/* The lines a removal of item i of the sequence under key of m may
 * rewrite: from the line after item i - 1 (from the key's line for the
 * first) to the line before what follows the item (the next item, or the
 * next key after the sequence somewhere above; the end of the file). */
static void removal_lines(struct fixture *f, const struct ynode *m,
                          const char *key, size_t i, struct lines *l)
{
        const struct ynode *k, *seq = ynode_get(m, key, &k), *c, *p;
        struct lines prev;
        size_t j;

        if (seq->flow) {
                node_lines(f, seq, k, l);
                return;
        }
        l->lo = k->line;
        if (i > 0) {
                node_lines(f, seq->items[i - 1], NULL, &prev);
                l->lo = prev.hi + 1;
        }
        l->hi = 1 << 30;
        if (i + 1 < seq->n) {
                l->hi = seq->items[i + 1]->line - 1;
                return;
        }
        for (c = seq; (p = c->parent); c = p)
                for (j = 0; j + 1 < p->n; j++)
                        if ((p->kind == YNODE_MAPPING ? p->pairs[j].value
                                                      : p->items[j]) == c) {
                                l->hi = (p->kind == YNODE_MAPPING
                                             ? p->pairs[j + 1].key->line
                                             : p->items[j + 1]->line) -
                                        1;
                                return;
                        }
}

/* Whether the edit under test removes an item (and may take the comments
 * about it along). */
static bool removing;

/* Remove service i, or a workshop, or the last history entry of service
 * i; the comments that go with the item may go. */
static int edit_remove_item(struct fixture *f, struct expect *x, size_t i,
                            unsigned what, struct lines *l)
{
        const struct service *s = svc(f, i);

        removing = true;
        if (what == 1 && x->nworkshops > 0) {
                size_t w = rnd((unsigned)x->nworkshops);
                removal_lines(f, root(f), "workshops", w, l);
                x->nworkshops--;
                return edit_remove(&f->e, root(f), "workshops", w, &f->dl);
        }
        if (what == 2 && s->plan.node && s->plan.nhistory >= 2) {
                removal_lines(f, s->plan.node, "history", s->plan.nhistory - 1,
                              l);
                x->s[i].nhistory--;
                return edit_remove(&f->e, s->plan.node, "history",
                                   s->plan.nhistory - 1, &f->dl);
        }
        removal_lines(f, root(f), "services", i, l);
        free(x->s[i].name);
        free(x->s[i].name_bn);
        memmove(&x->s[i], &x->s[i + 1], (x->n - i - 1) * sizeof(x->s[0]));
        x->n--;
        return edit_remove(&f->e, root(f), "services", i, &f->dl);
}

/* One random edit through the engine; updates the expectation. */
static int random_edit(struct fixture *f, struct expect *x, struct lines *l)
{
        unsigned what = rnd(11);
        size_t i = x->n ? rnd((unsigned)x->n) : 0;

        l->lo = l->hi = l->header = 0;
        if (what == 0 || (x->n == 0 && what < 6))
                return edit_add_service(f, x, l);
        if (what == 1)
                return edit_tcv(f, x, i, l);
        if (what == 2)
                return edit_plan(f, x, i, l);
        if (what == 3)
                return edit_name(f, x, i, l);
        if (what == 4 && x->s[i].tcv)
                return edit_delete_tcv(f, x, i, l);
        if (what == 5)
                return edit_approval(f, x, l);
        if (what >= 8 && x->n > 0)
                return edit_remove_item(f, x, i, what - 8, l);
        return edit_workshop(f, x, l);
}

/* ---- checks ---- */

/* The text before and after the edit under test, shown when a check
 * fails. */
static const char *shown_before, *shown_after;

#define CHECK(cond, ...)                                                       \
        do {                                                                   \
                if (!(cond)) {                                                 \
                        fprintf(stderr, "--- before:\n%s\n--- after:\n%s\n",   \
                                shown_before, shown_after ? shown_after : ""); \
                        fail_msg(__VA_ARGS__);                                 \
                }                                                              \
        } while (0)

static void expect_str(const char *want, const char *got, const char *what)
{
        CHECK(!want || (got && strcmp(want, got) == 0),
              "%s changed: '%s' became '%s'", what, want ? want : "",
              got ? got : "(none)");
}

/* The model is the expected one; texts not yet known are learnt. */
static void check_expect(const struct office *o, struct expect *x)
{
        size_t i;

        CHECK(o->nservices == x->n, "%zu services, not %zu", o->nservices,
              x->n);
        CHECK(o->nworkshops == x->nworkshops, "%zu workshops, not %zu",
              o->nworkshops, x->nworkshops);
        CHECK((o->approval.node != NULL) == x->approval, "approval");
        CHECK((o->approval.memo != NULL) == x->memo, "the approval's memo");
        if (x->approval && !x->by)
                set_str(&x->by, o->approval.by);
        expect_str(x->by, o->approval.by, "the approval's by");
        for (i = 0; i < x->n; i++) {
                const struct service *s = &o->services[i];
                struct exp_service *w = &x->s[i];
                CHECK(strcmp(s->id, w->id) == 0, "id %s, not %s", s->id, w->id);
                CHECK(s->tcv.days == w->days, "%s: days", w->id);
                CHECK((s->tcv.node != NULL) == w->tcv, "%s: tcv", w->id);
                if (!w->name)
                        set_str(&w->name, s->name);
                if (!w->name_bn)
                        set_str(&w->name_bn, s->name_bn);
                expect_str(w->name, s->name, "a service's name");
                expect_str(w->name_bn, s->name_bn, "a service's name_bn");
                CHECK(service_has_plan(s) == (w->priority >= 0), "%s: plan",
                      w->id);
                CHECK(w->priority < 0 || (s->plan.priority == w->priority &&
                                          s->plan.nhistory == w->nhistory),
                      "%s: priority or history", w->id);
        }
}

static size_t line_len(const char *s)
{
        const char *e = strchr(s, '\n');

        return e ? (size_t)(e - s + 1) : strlen(s);
}

static bool blank(const char *s, size_t n)
{
        return strspn(s, " \r\n") >= n;
}

/* Line n of new is line o of old; the last line may have gained a break. */
static bool same_line(const char *o, size_t olen, const char *n, size_t nlen)
{
        if (nlen < olen || memcmp(o, n, olen) != 0)
                return false;
        return nlen == olen || (o[olen - 1] != '\n' &&
                                (strncmp(n + olen, "\n", nlen - olen) == 0 ||
                                 strncmp(n + olen, "\r\n", nlen - olen) == 0));
}

/* Every line of old appears in new, in order, but the lines in l and the
 * blank lines right below them. */
static void check_untouched(const char *old, const char *new,
                            const struct lines *l)
{
        const char *o = old, *n = new;
        int line = 1;
        bool below = false;
        size_t olen, nlen;

        for (; *o; o += olen, line++) {
                olen = line_len(o);
                if (line >= l->lo && line <= l->hi) {
                        below = true;
                        continue;
                }
                if (line == l->header)
                        continue;
                if (below && blank(o, olen))
                        continue;
                below = false;
                do {
                        CHECK(*n, "untouched line %d lost: %.*s", line,
                              (int)olen, o);
                        nlen = line_len(n);
                        n += nlen;
                } while (!same_line(o, olen, n - nlen, nlen));
        }
}

static size_t count(const char *s, const char *what)
{
        size_t n = 0;

        while ((s = strstr(s, what))) {
                n++;
                s++;
        }
        return n;
}

/* The line of the last scalar of the document. */
static int last_block_line(struct fixture *f)
{
        const struct ynode *n = root(f);

        while (n->kind != YNODE_SCALAR && n->n > 0)
                n = n->kind == YNODE_MAPPING ? n->pairs[n->n - 1].value
                                             : n->items[n->n - 1];
        return n->line;
}

static void one_edit(struct strbuf *text, struct expect *x)
{
        struct fixture f;
        struct lines l;

        fx_load(&f, text->buf);
        shown_before = text->buf;
        shown_after = NULL;
        check_expect(&f.before.m.office, x);
        removing = false;
        assert_int_equal(random_edit(&f, x, &l), 0);
        if (text->len > 0 && text->buf[text->len - 1] != '\n')
                l.header = last_block_line(&f);
        shown_before = text->buf;
        shown_after = NULL;
        if (edit_apply(&f.e, &f.out, &f.dl) == 0)
                shown_after = f.out.buf;
        if (!shown_after ||
            load_office_bytes(&f.after, "t.yaml", f.out.buf, f.out.len, NULL,
                              &f.dl) != 0 ||
            edit_verify(&f.e, &f.after.doc, &f.dl) != 0) {
                diag_print(&f.dl, stderr);
                CHECK(false, "edit refused");
        }
        check_expect(&f.after.m.office, x);
        check_untouched(text->buf, f.out.buf, &l);
        CHECK(removing || count(f.out.buf, KEPT) >= count(text->buf, KEPT),
              "a comment was lost");
        strbuf_reset(text);
        strbuf_add(text, f.out.buf, f.out.len);
        fx_release(&f);
}

static void test_random_edits(void **state)
{
        const char *env = getenv("ROADMAP_SEED");
        const char *rounds = getenv("ROADMAP_ROUNDS");
        unsigned long long seed =
            env ? strtoull(env, NULL, 10) : (unsigned long long)time(NULL);
        int round, n = rounds ? atoi(rounds) : 300;

        (void)state;
        printf("# property test seed %llu (set ROADMAP_SEED to repeat)\n",
               seed);
        rng = seed;
        for (round = 0; round < n; round++) {
                struct strbuf text;
                struct expect x;
                int step;

                strbuf_init(&text);
                random_office(&text, &x);
                for (step = 0; step < 6; step++)
                        one_edit(&text, &x);
                expect_release(&x);
                strbuf_release(&text);
        }
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_random_edits),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
