/*
 * The property test of the edit engine: random edits on random valid
 * office files in many hand-kept styles.  ROADMAP_SEED repeats a run.
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

struct exp_service {
        char id[16];
        long priority; /* -1: no plan */
        size_t nhistory;
        long days;
};

struct expect {
        struct exp_service s[64];
        size_t n;
        size_t nworkshops;
};

static const char *const names[] = {"Birth registration",
                                    "yes",
                                    "12:30",
                                    "Design lab: 2 days # not a comment",
                                    "জন্ম নিবন্ধন",
                                    "'quoted'",
                                    "- dash"};

/* A random valid office in one of many hand-kept styles. */
static void random_office(struct strbuf *sb, struct expect *x)
{
        const char *nl = rnd(4) ? "\n" : "\r\n";
        int ind = rnd(2) ? 2 : 4, sq = rnd(2) ? 0 : 2;
        size_t i, n = rnd(6);

        memset(x, 0, sizeof(*x));
        strbuf_addf(sb, "# office%sroadmap: 1%soffice:%s", nl, nl, nl);
        strbuf_addf(sb, "%*sid: t   # id%s%*sname: \"T\"%s%*sministry: lgd%s",
                    ind, "", nl, ind, "", nl, ind, "", nl);
        if (rnd(2))
                strbuf_addf(sb, "%s", nl);
        strbuf_addf(sb, "services:%s", n ? nl : " []\n");
        if (!n && strcmp(nl, "\n") != 0)
                sb->buf[sb->len - 1] = '\r', strbuf_addch(sb, '\n');
        for (i = 0; i < n; i++) {
                struct exp_service *s = &x->s[x->n++];
                snprintf(s->id, sizeof s->id, "s%zu", i);
                s->priority = -1;
                s->days = -1;
                strbuf_addf(sb, "%*s- id: %s%s%*sname: '%s'%s", sq, "", s->id,
                            nl, sq + 2, "", "Name", nl);
                if (rnd(2)) {
                        s->days = rnd(50);
                        if (rnd(2))
                                strbuf_addf(sb, "%*stcv: {days: %ld}%s", sq + 2,
                                            "", s->days, nl);
                        else
                                strbuf_addf(sb, "%*stcv:%s%*sdays: %ld%s",
                                            sq + 2, "", nl, sq + 2 + ind, "",
                                            s->days, nl);
                }
                if (rnd(2)) {
                        s->priority = 1 + rnd(5);
                        s->nhistory = 1;
                        strbuf_addf(sb,
                                    "%*splan:%s%*spriority: %ld  # p%s"
                                    "%*shistory:%s%*s- date: 2017-01-01%s"
                                    "%*sstatus: planned%s",
                                    sq + 2, "", nl, sq + 2 + ind, "",
                                    s->priority, nl, sq + 2 + ind, "", nl,
                                    sq + 2 + ind + sq, "", nl,
                                    sq + 4 + ind + sq, "", nl);
                }
                if (rnd(3) == 0)
                        strbuf_addf(sb, "%s# between items%s", nl, nl);
        }
        if (rnd(2)) {
                x->nworkshops = 1;
                strbuf_addf(sb,
                            "workshops: [{kind: design, date: "
                            "2017-02-02}]%s",
                            nl);
        }
}

/* One random edit through the engine; updates the expectation. */
static int random_edit(struct fixture *f, struct expect *x, int *line)
{
        struct edit *e = &f->e;
        unsigned what = rnd(4);
        struct yval *v;

        *line = 0;
        if (what == 0 || x->n == 0) {
                struct exp_service *s = &x->s[x->n++];
                const struct ynode *seq = f->before.m.office.services_node;
                if (seq && seq->flow) /* [] becomes a block sequence */
                        *line = seq->line;
                snprintf(s->id, sizeof s->id, "n%zu", x->n + rnd(1000) * 64);
                s->priority = -1;
                s->days = -1;
                v = yval_map(e, false);
                yval_put(v, "id", yval_str(e, s->id));
                yval_put(v, "name", yval_str(e, names[rnd(7)]));
                return edit_append(e, root(f), "services", v, office_order,
                                   &f->dl);
        }
        if (what == 1) {
                size_t i = rnd((unsigned)x->n);
                const struct service *s = svc(f, i);
                struct yval *tcv = yval_map(e, true);
                x->s[i].days = rnd(90);
                yval_put(tcv, "days", yval_int(e, x->s[i].days));
                if (s->tcv.node && s->tcv.days >= 0)
                        *line = ynode_get(s->tcv.node, "days", NULL)->line;
                return edit_set(e, s->node, "tcv", tcv, NULL, &f->dl);
        }
        if (what == 2) {
                size_t i = rnd((unsigned)x->n);
                const struct service *s = svc(f, i);
                struct yval *h = yval_map(e, false);
                yval_put(h, "date", yval_str(e, "2018-01-01"));
                yval_put(h, "status", yval_str(e, "dropped"));
                if (!s->plan.node) {
                        struct yval *p = yval_map(e, false), *hs;
                        hs = yval_seq(e, false);
                        x->s[i].priority = 1 + rnd(9);
                        x->s[i].nhistory = 1;
                        yval_put(p, "priority", yval_int(e, x->s[i].priority));
                        yval_push(hs, h);
                        yval_put(p, "history", hs);
                        return edit_set(e, s->node, "plan", p, NULL, &f->dl);
                }
                if (service_status(s) == STATUS_DROPPED) {
                        x->s[i].priority = 1 + rnd(9);
                        *line = ynode_get(s->plan.node, "priority", NULL)->line;
                        return edit_set(e, s->plan.node, "priority",
                                        yval_int(e, x->s[i].priority),
                                        plan_order, &f->dl);
                }
                x->s[i].nhistory++;
                return edit_append(e, s->plan.node, "history", h, plan_order,
                                   &f->dl);
        }
        if (f->before.m.office.workshops_node &&
            f->before.m.office.workshops_node->flow)
                *line = f->before.m.office.workshops_node->line;
        v = yval_map(e, false);
        yval_put(v, "kind", yval_str(e, "roadmap"));
        yval_put(v, "date", yval_date(e, (struct date){2019, 3, 1 + rnd(28)}));
        x->nworkshops++;
        return edit_append(e, root(f), "workshops", v, office_order, &f->dl);
}

static void check_expect(const struct office *o, const struct expect *x)
{
        size_t i;

        assert_int_equal(o->nservices, x->n);
        assert_int_equal(o->nworkshops, x->nworkshops);
        for (i = 0; i < x->n; i++) {
                const struct service *s = &o->services[i];
                assert_string_equal(s->id, x->s[i].id);
                assert_int_equal(s->tcv.days, x->s[i].days);
                if (x->s[i].priority < 0) {
                        assert_false(service_has_plan(s));
                        continue;
                }
                assert_int_equal(s->plan.priority, x->s[i].priority);
                assert_int_equal(s->plan.nhistory, x->s[i].nhistory);
        }
}

/* Every line of old but the replaced one appears in new, in order. */
static void check_untouched(const char *old, const char *new, int skip)
{
        const char *o = old, *n = new;
        int line = 1;

        while (*o) {
                const char *oe = strchr(o, '\n');
                size_t olen = oe ? (size_t)(oe - o + 1) : strlen(o);
                if (line++ != skip) {
                        for (;;) {
                                const char *ne = strchr(n, '\n');
                                size_t nlen =
                                    ne ? (size_t)(ne - n + 1) : strlen(n);
                                if (!*n)
                                        fail_msg("untouched line lost: %.*s",
                                                 (int)olen, o);
                                n += nlen;
                                if (nlen == olen && !memcmp(n - nlen, o, olen))
                                        break;
                        }
                }
                o += olen;
        }
}

static void test_random_edits(void **state)
{
        const char *env = getenv("ROADMAP_SEED");
        unsigned long long seed =
            env ? strtoull(env, NULL, 10) : (unsigned long long)time(NULL);
        int round;

        printf("# property test seed %llu (set ROADMAP_SEED to repeat)\n",
               seed);
        rng = seed;
        for (round = 0; round < 300; round++) {
                struct strbuf text;
                struct expect x;
                int step;

                strbuf_init(&text);
                random_office(&text, &x);
                for (step = 0; step < 6; step++) {
                        struct fixture f;
                        int line;
                        fx_load(&f, text.buf);
                        check_expect(&f.before.m.office, &x);
                        assert_int_equal(random_edit(&f, &x, &line), 0);
                        fx_apply(&f);
                        check_expect(&f.after.m.office, &x);
                        check_untouched(text.buf, f.out.buf, line);
                        strbuf_reset(&text);
                        strbuf_add(&text, f.out.buf, f.out.len);
                        fx_release(&f);
                }
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
