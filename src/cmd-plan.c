/*
 * roadmap plan OFFICE SERVICE [...]: make a service an e-service, change
 * its plan, or record its progress.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/xalloc.h"

static const char usage[] =
    "roadmap plan OFFICE SERVICE [--priority N] [--due DATE] "
    "[--target-days D --target-cost C --target-visits V] "
    "[--status S [--date DATE] [--note T]]";
static const char description[] =
    "Make a service an e-service (a plan needs --priority), change its plan,\n"
    "or record progress: --status appends a history entry.  Statuses move\n"
    "forward: planned, designing, developing, piloting, live; or to dropped\n"
    "from any status.  Dates are ISO, ISO in Bengali digits or Bangla\n"
    "calendar dates; --date defaults to today and may not be later than\n"
    "tomorrow.\n"
    "\n"
    "  --priority N        1 is done first\n"
    "  --due DATE          target date to go live\n"
    "  --target-days D     days a citizen will spend as an e-service\n"
    "  --target-cost C     taka a citizen will spend\n"
    "  --target-visits V   office visits a citizen will make\n"
    "  --status S          the new status\n"
    "  --date DATE         the date of the new status (default today)\n"
    "  --note T            a note on the new status\n";

struct opts {
        const char *office, *service, *note;
        long priority, days, cost, visits;
        struct date due, date;
        bool has_status;
        enum status status;
};

static const struct option longopts[] = {
    {"priority", required_argument, NULL, 'p'},
    {"due", required_argument, NULL, 'u'},
    {"target-days", required_argument, NULL, 'd'},
    {"target-cost", required_argument, NULL, 'c'},
    {"target-visits", required_argument, NULL, 'v'},
    {"status", required_argument, NULL, 's'},
    {"date", required_argument, NULL, 't'},
    {"note", required_argument, NULL, 'o'},
    {NULL, 0, NULL, 0}};

static int parse_opt(int c, const char *a, struct opts *o)
{
        switch (c) {
        case 'p':
                if (cli_parse_number("plan", "--priority", a, &o->priority))
                        return -1;
                if (o->priority < 1)
                        return cli_usage_error("plan", usage,
                                               "invalid --priority '%s': 1 "
                                               "or more",
                                               a),
                               -1;
                return 0;
        case 'u':
                return cli_parse_date("plan", "--due", a, &o->due);
        case 'd':
                return cli_parse_number("plan", "--target-days", a, &o->days);
        case 'c':
                return cli_parse_number("plan", "--target-cost", a, &o->cost);
        case 'v':
                return cli_parse_number("plan", "--target-visits", a,
                                        &o->visits);
        case 's':
                o->has_status = true;
                if (status_parse(a, &o->status) == 0)
                        return 0;
                cli_usage_error("plan", usage,
                                "invalid --status '%s': one of planned, "
                                "designing, developing, piloting, live, "
                                "dropped",
                                a);
                return -1;
        case 't':
                return cli_parse_past_date("plan", "--date", a, &o->date);
        case 'o':
                o->note = a;
                return cmd_check_text("plan", "--note", &o->note);
        default:
                return -1;
        }
}

static int parse(int argc, char **argv, struct opts *o)
{
        int c;

        memset(o, 0, sizeof(*o));
        o->priority = o->days = o->cost = o->visits = -1;
        optind = 0;
        opterr = 0;
        while ((c = cmd_getopt("plan", usage, argc, argv, longopts)) != -1)
                if (parse_opt(c, optarg, o) != 0)
                        return -1;
        if (optind + 2 != argc)
                return cli_usage_error("plan", usage,
                                       optind + 2 > argc ? "missing OFFICE "
                                                           "or SERVICE"
                                                         : "too many "
                                                           "arguments"),
                       -1;
        o->office = argv[optind];
        o->service = argv[optind + 1];
        if (!o->has_status && (date_is_set(o->date) || o->note))
                return cli_usage_error("plan", usage,
                                       "--date and --note need --status"),
                       -1;
        if (!o->has_status && o->priority < 0 && !date_is_set(o->due) &&
            o->days < 0 && o->cost < 0 && o->visits < 0)
                return cli_usage_error("plan", usage, "nothing to change"), -1;
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
                       enum status from, enum status to)
{
        int k;
        bool any = false;

        fprintf(stderr,
                "%s:%d:%d: error: service '%s' cannot move from '%s' to "
                "'%s'\n",
                t->display, s->node->line, s->node->col, s->id,
                status_name(from), status_name(to));
        fputs("hint: allowed next statuses:", stderr);
        for (k = 0; k < STATUS_COUNT; k++)
                if (may_move(from, (enum status)k)) {
                        fprintf(stderr, "%s %s", any ? "," : "",
                                status_name((enum status)k));
                        any = true;
                }
        fputs(any ? "\n" : " none ('dropped' is final)\n", stderr);
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
                fprintf(stderr,
                        "%s:%d:%d: error: service '%s' has no plan yet; a "
                        "plan needs a priority\nhint: give --priority N (1 "
                        "is done first)\n",
                        t->display, s->node->line, s->node->col, s->id);
                return EXIT_INVALID;
        }
        if (later && !may_move(STATUS_PLANNED, o->status))
                return refuse_move(t, s, STATUS_PLANNED, o->status);
        yval_push(hist,
                  entry(e, o->date, STATUS_PLANNED, later ? NULL : o->note));
        if (later)
                yval_push(hist, entry(e, o->date, o->status, o->note));
        yval_put(m, "history", hist);
        return edit_set(e, s->node, "plan", m, cmd_order_service, dl) == 0
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
                return refuse_move(t, s, last->status, o->status);
        if (o->has_status && date_cmp(o->date, last->date) < 0) {
                date_format_iso(last->date, day);
                fprintf(stderr,
                        "%s:%d:%d: error: the new status of '%s' would be "
                        "dated before its last one (%s)\nhint: history "
                        "dates never decrease; give --date\n",
                        t->display, last->node->line, last->node->col, s->id,
                        day);
                return EXIT_INVALID;
        }
        for (c = m->first; c; c = c->next)
                if (edit_set(e, p->node, c->key, c, cmd_order_plan, dl) != 0)
                        return EXIT_INVALID;
        if (o->has_status && edit_append(e, p->node, "history",
                                         entry(e, o->date, o->status, o->note),
                                         cmd_order_plan, dl) != 0)
                return EXIT_INVALID;
        return EXIT_OK;
}

static int plan(struct edit_txn *t, const void *arg)
{
        const struct opts *o = arg;
        const struct office *off = &t->before.m.office;
        const struct service *s = model_find_service(off, o->service);
        struct diag_list dl = DIAG_LIST_INIT;
        int rc;

        if (!s) {
                const char **ids = xmalloc((off->nservices + 1) * sizeof(*ids));
                const char *near;
                size_t i;
                for (i = 0; i < off->nservices; i++)
                        ids[i] = off->services[i].id;
                near = diag_did_you_mean(o->service, ids, off->nservices);
                fprintf(stderr, "%s: error: no service '%s' in office '%s'\n",
                        t->display, cli_escaped(o->service), off->id);
                if (near)
                        fprintf(stderr, "hint: did you mean '%s'?\n", near);
                free(ids);
                return EXIT_INVALID;
        }
        rc = service_has_plan(s) ? change_plan(t, s, o, &dl)
                                 : new_plan(t, s, o, &dl);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        return rc == EXIT_OK ? cmd_txn_commit(t) : rc;
}

int cmd_plan(int argc, char **argv)
{
        struct opts o;

        if (cli_wants_help(argc, argv, usage, description))
                return EXIT_OK;
        if (parse(argc, argv, &o) != 0)
                return EXIT_USAGE;
        return cmd_edit_office("plan", o.office, plan, &o);
}
