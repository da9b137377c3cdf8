/*
 * roadmap plan OFFICE SERVICE [...]: make a service an e-service, change
 * its plan, or record its progress.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/schema.h"
#include "roadmap/commands.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

#define OFF(f) offsetof(struct opts, f)

struct opts {
        const char *office, *service, *note;
        long priority, days, cost, visits;
        struct date due, date;
        bool has_status;
        enum status status;
};

static int parse_priority(const struct cmd_syntax *syn, const struct opt *op,
                          const char *a, void *base)
{
        struct opts *o = base;

        if (cli_parse_number("plan", "--priority", a, &o->priority))
                return -1;
        if (o->priority < 1)
                return opt_usage_error(syn,
                                       "invalid --priority '%s': 1 or more", a);
        return 0;
}

static int parse_status(const struct cmd_syntax *syn, const struct opt *op,
                        const char *a, void *base)
{
        struct opts *o = base;

        o->has_status = true;
        if (status_parse(a, &o->status) == 0)
                return 0;
        return opt_usage_error(syn,
                               "invalid --status '%s': one of planned, "
                               "designing, developing, piloting, live, "
                               "dropped",
                               a);
}

static const struct opt options[] = {
    {"priority", 0, OPT_CALLBACK, 0, "N", "1 is done first", parse_priority,
     NULL, OPT_OPTIONAL},
    {"due", 0, OPT_DATE, OFF(due), "DATE", "target date to go live", NULL, NULL,
     OPT_OPTIONAL},
    {"target-days", 0, OPT_NUMBER, OFF(days), "D",
     "days a citizen will spend as an e-service", NULL, NULL, OPT_OPTIONAL},
    {"target-cost", 0, OPT_NUMBER, OFF(cost), "C", "taka a citizen will spend",
     NULL, NULL, OPT_JOINED},
    {"target-visits", 0, OPT_NUMBER, OFF(visits), "V",
     "office visits a citizen will make", NULL, NULL, OPT_JOINED},
    {"status", 0, OPT_CALLBACK, 0, "S", "the new status", parse_status,
     "status", OPT_OPTIONAL},
    {"date", 0, OPT_PAST_DATE, OFF(date), "DATE",
     "the date of the new status (default today)", NULL, NULL, OPT_NESTED},
    {"note", 0, OPT_TEXT, OFF(note), "T", "a note on the new status", NULL,
     NULL, OPT_NESTED},
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_plan_syntax = {
    .name = "plan",
    .operands = "OFFICE SERVICE",
    .opts = options,
    .description =
        "Make a service an e-service (a plan needs --priority), change its "
        "plan,\n"
        "or record progress: --status appends a history entry.  Statuses move\n"
        "forward: planned, designing, developing, piloting, live; or to "
        "dropped\n"
        "from any status.  Dates are ISO, ISO in Bengali digits or Bangla\n"
        "calendar dates; --date defaults to today and may not be later than\n"
        "tomorrow.\n",
    .help_col = 22,
};

static int parse(int argc, char **argv, struct opts *o)
{
        const struct cmd_syntax *syn = &cmd_plan_syntax;
        int n;

        memset(o, 0, sizeof(*o));
        o->priority = o->days = o->cost = o->visits = -1;
        if ((n = opt_parse_args(syn, argc, argv, o, 2, 2)) < 0)
                return n;
        o->office = argv[1];
        o->service = argv[2];
        if (!o->has_status && (date_is_set(o->date) || o->note))
                return opt_usage_error(syn, "--date and --note need --status"),
                       -1;
        if (!o->has_status && o->priority < 0 && !date_is_set(o->due) &&
            o->days < 0 && o->cost < 0 && o->visits < 0)
                return opt_usage_error(syn, "nothing to change"), -1;
        /* a new plan's first entry is dated too */
        if (!date_is_set(o->date))
                return cli_today(&o->date);
        return 0;
}

/* Statuses move forward, or to dropped from any status but dropped. */
static bool may_move(enum status from, enum status to)
{
        if (from == STATUS_DROPPED)
                return false;
        return to == STATUS_DROPPED || to > from;
}

static int refuse_move(const struct edit_txn *t, const struct service *s,
                       enum status from, enum status to, struct diag_list *dl)
{
        struct diag *d = diag_error(dl, t->display, s->node->line, s->node->col,
                                    "service '%s' cannot move from '%s' to "
                                    "'%s'",
                                    s->id, status_name(from), status_name(to));
        struct strbuf next;
        int k;

        strbuf_init(&next);
        for (k = 0; k < STATUS_COUNT; k++)
                if (may_move(from, (enum status)k))
                        strbuf_addf(&next, "%s %s", next.len ? "," : "",
                                    status_name((enum status)k));
        diag_hint(d, "allowed next statuses:%s",
                  next.len ? next.buf : " none ('dropped' is final)");
        strbuf_release(&next);
        return EXIT_INVALID;
}

static struct yval *entry(struct edit *e, struct date d, enum status st,
                          const char *note)
{
        struct yval *m = yval_map(e, false);

        yval_put(m, "date", yval_date(e, d));
        yval_put(m, "status", yval_str(e, status_name(st)));
        if (note)
                yval_put(m, "note", yval_str(e, note));
        return m;
}

static struct yval *plan_val(struct edit *e, const struct opts *o)
{
        struct yval *m = yval_map(e, false), *tcv;

        if (o->priority >= 0)
                yval_put(m, "priority", yval_int(e, o->priority));
        if (date_is_set(o->due))
                yval_put(m, "due", yval_date(e, o->due));
        tcv = cmd_tcv(e, o->days, o->cost, o->visits);
        if (tcv)
                yval_put(m, "tcv", tcv);
        return m;
}

static int new_plan(struct edit_txn *t, const struct service *s,
                    const struct opts *o, struct diag_list *dl)
{
        struct edit *e = &t->edit;
        struct yval *m = plan_val(e, o), *hist = yval_seq(e, false);
        bool later = o->has_status && o->status != STATUS_PLANNED;

        if (o->priority < 0) {
                diag_hint(diag_error(dl, t->display, s->node->line,
                                     s->node->col,
                                     "service '%s' has no plan yet; a plan "
                                     "needs a priority",
                                     s->id),
                          "give --priority N (1 is done first)");
                return EXIT_INVALID;
        }
        if (later && !may_move(STATUS_PLANNED, o->status))
                return refuse_move(t, s, STATUS_PLANNED, o->status, dl);
        yval_push(hist,
                  entry(e, o->date, STATUS_PLANNED, later ? NULL : o->note));
        if (later)
                yval_push(hist, entry(e, o->date, o->status, o->note));
        yval_put(m, "history", hist);
        return edit_set(e, s->node, "plan", m, schema_key_order(SCHEMA_SERVICE),
                        dl) == 0
                   ? EXIT_OK
                   : EXIT_INVALID;
}

static int change_plan(struct edit_txn *t, const struct service *s,
                       const struct opts *o, struct diag_list *dl)
{
        struct edit *e = &t->edit;
        const struct plan *p = &s->plan;
        const struct history_entry *last = &p->history[p->nhistory - 1];
        struct yval *m = plan_val(e, o), *c;
        char day[16];

        if (o->has_status && !may_move(last->status, o->status))
                return refuse_move(t, s, last->status, o->status, dl);
        if (o->has_status && date_cmp(o->date, last->date) < 0) {
                date_format_iso(last->date, day);
                diag_hint(diag_error(dl, t->display, last->node->line,
                                     last->node->col,
                                     "the new status of '%s' would be dated "
                                     "before its last one (%s)",
                                     s->id, day),
                          "history dates never decrease; give --date");
                return EXIT_INVALID;
        }
        for (c = m->first; c; c = c->next)
                if (edit_set(e, p->node, c->key, c,
                             schema_key_order(SCHEMA_PLAN), dl) != 0)
                        return EXIT_INVALID;
        if (o->has_status &&
            edit_append(e, p->node, "history",
                        entry(e, o->date, o->status, o->note),
                        schema_key_order(SCHEMA_PLAN), dl) != 0)
                return EXIT_INVALID;
        return EXIT_OK;
}

static int no_service(const struct edit_txn *t, const char *id)
{
        const struct office *off = &t->before.m.office;
        const char **ids = xmalloc((off->nservices + 1) * sizeof(*ids));
        struct diag_list dl = DIAG_LIST_INIT;
        struct diag *d;
        const char *near;
        size_t i;

        for (i = 0; i < off->nservices; i++)
                ids[i] = off->services[i].id;
        near = diag_did_you_mean(id, ids, off->nservices);
        d = diag_error(&dl, t->display, 0, 0, "no service '%s' in office '%s'",
                       id, off->id);
        if (near)
                diag_hint(d, "did you mean '%s'?", near);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        free(ids);
        return EXIT_INVALID;
}

static int plan(struct edit_txn *t, const void *arg)
{
        const struct opts *o = arg;
        const struct office *off = &t->before.m.office;
        const struct service *s = model_find_service(off, o->service);
        struct diag_list dl = DIAG_LIST_INIT;
        int rc;

        if (!s)
                return no_service(t, o->service);
        rc = service_has_plan(s) ? change_plan(t, s, o, &dl)
                                 : new_plan(t, s, o, &dl);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        return rc == EXIT_OK
                   ? cmd_commit_say(t, false, "%s: plan changed", o->service)
                   : rc;
}

int cmd_plan(int argc, char **argv)
{
        struct opts o;
        int rc = parse(argc, argv, &o);

        if (rc != 0)
                return opt_parse_exit(rc);
        return cmd_edit_office("plan", o.office, plan, &o);
}
