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
        const char *office, *service, *note, *status_name;
        long priority, days, cost, visits;
        struct date due, date;
        bool has_status, amend, no_note, undo, quiet;
        enum status status;
};

static const struct opt options[] = {
    {"priority", 0, OPT_POSITIVE, OFF(priority), "N", "1 is done first", NULL,
     NULL, OPT_OPTIONAL},
    {"due", 0, OPT_DATE, OFF(due), "DATE", "target date to go live", NULL, NULL,
     OPT_OPTIONAL},
    {"target-days", 0, OPT_NUMBER, OFF(days), "D",
     "days a citizen will spend as an e-service", NULL, NULL, OPT_OPTIONAL},
    {"target-cost", 0, OPT_NUMBER, OFF(cost), "C", "taka a citizen will spend",
     NULL, NULL, OPT_JOINED},
    {"target-visits", 0, OPT_NUMBER, OFF(visits), "V",
     "office visits a citizen will make", NULL, NULL, OPT_JOINED},
    {"status", 0, OPT_ENUM, OFF(status_name), "S", "the new status", NULL,
     "status", OPT_OPTIONAL},
    {"date", 0, OPT_PAST_DATE, OFF(date), "DATE",
     "the date of the new status (default today)", NULL, NULL, OPT_NESTED},
    {"note", 0, OPT_TEXT, OFF(note), "T", "a note on the new status", NULL,
     NULL, OPT_NESTED},
    {"amend", 0, OPT_FLAG, OFF(amend), NULL,
     "correct the last history entry: its --status,\n--date or --note", NULL,
     NULL, OPT_OPTIONAL},
    {"no-note", 0, OPT_FLAG, OFF(no_note), NULL,
     "with --amend: remove the last entry's note", NULL, NULL, OPT_OPTIONAL},
    {"undo-last", 0, OPT_FLAG, OFF(undo), NULL, "remove the last history entry",
     NULL, NULL, OPT_OPTIONAL},
    OPT_QUIET(OFF(quiet)),
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_plan_syntax = {
    .name = "plan",
    .operands = "OFFICE SERVICE",
    .opts = options,
    .usage = "roadmap plan OFFICE SERVICE [--priority N] [--due DATE] "
             "[--target-days D --target-cost C --target-visits V] "
             "[--status S [--date DATE] [--note T]] [-q]\n"
             "roadmap plan OFFICE SERVICE --amend [--status S] [--date DATE] "
             "[--note T | --no-note] [-q]\n"
             "roadmap plan OFFICE SERVICE --undo-last [-q]",
    .description =
        "Make a service an e-service (a plan needs --priority), change its "
        "plan,\n"
        "or record progress: --status appends a history entry.  Statuses move\n"
        "forward: planned, designing, developing, piloting, live; or to "
        "dropped\n"
        "from any status.  Dates are ISO, ISO in Bengali digits or Bangla\n"
        "calendar dates; --date defaults to today and may not be later than\n"
        "tomorrow.  --amend corrects the last history entry instead; it must\n"
        "still follow the entry before it.  --undo-last removes it.\n",
    .help_col = 22,
};

static bool plan_options(const struct opts *o)
{
        return o->priority >= 0 || date_is_set(o->due) || o->days >= 0 ||
               o->cost >= 0 || o->visits >= 0;
}

static int check_amend(const struct cmd_syntax *syn, const struct opts *o)
{
        if (plan_options(o))
                return opt_usage_error(syn, "--amend corrects the last "
                                            "history entry only: change "
                                            "the plan without it");
        if (o->note && o->no_note)
                return opt_usage_error(syn, "--note and --no-note cannot be "
                                            "given together");
        if (!o->has_status && !date_is_set(o->date) && !o->note && !o->no_note)
                return opt_usage_error(syn, "--amend needs --status, --date, "
                                            "--note or --no-note");
        return 0;
}

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
        o->has_status = o->status_name != NULL;
        if (o->has_status)
                status_parse(o->status_name, &o->status);
        if (o->undo && (o->amend || o->no_note || o->has_status ||
                        date_is_set(o->date) || o->note || plan_options(o)))
                return opt_usage_error(syn, "--undo-last takes no other "
                                            "option but -q"),
                       -1;
        if (o->undo)
                return 0;
        if (o->no_note && !o->amend)
                return opt_usage_error(syn, "--no-note needs --amend"), -1;
        if (o->amend)
                return check_amend(syn, o) ? -1 : 0;
        if (!o->has_status && (date_is_set(o->date) || o->note))
                return opt_usage_error(syn, "--date and --note need --status"),
                       -1;
        if (!o->has_status && !plan_options(o))
                return opt_usage_error(syn, "nothing to change"), -1;
        /* a new plan's first entry is dated too */
        if (!date_is_set(o->date))
                return cli_today(&o->date);
        return 0;
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
                if (cmd_status_may_move(from, (enum status)k))
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

/* ", priority 1, due 2027-06-30, target days 3" for what the options set. */
static void say_plan(struct strbuf *sb, const struct opts *o)
{
        char day[11];

        if (o->priority >= 0)
                strbuf_addf(sb, ", priority %ld", o->priority);
        if (date_is_set(o->due)) {
                date_format_iso(o->due, day);
                strbuf_addf(sb, ", due %s", day);
        }
        if (o->days >= 0)
                strbuf_addf(sb, ", target days %ld", o->days);
        if (o->cost >= 0)
                strbuf_addf(sb, ", target cost %ld", o->cost);
        if (o->visits >= 0)
                strbuf_addf(sb, ", target visits %ld", o->visits);
}

/* "designing since 2017-12-10" */
static void say_status(struct strbuf *sb, enum status st, struct date d)
{
        char day[11];

        date_format_iso(d, day);
        strbuf_addf(sb, "%s since %s", status_name(st), day);
}

static int new_plan(struct edit_txn *t, const struct service *s,
                    const struct opts *o, struct strbuf *what,
                    struct diag_list *dl)
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
        if (later && !cmd_status_may_move(STATUS_PLANNED, o->status))
                return refuse_move(t, s, STATUS_PLANNED, o->status, dl);
        yval_push(hist,
                  entry(e, o->date, STATUS_PLANNED, later ? NULL : o->note));
        if (later)
                yval_push(hist, entry(e, o->date, o->status, o->note));
        yval_put(m, "history", hist);
        strbuf_addf(what, "%s planned", s->id);
        say_plan(what, o);
        if (later) {
                strbuf_addstr(what, "; ");
                say_status(what, o->status, o->date);
        }
        return edit_set(e, s->node, "plan", m, schema_key_order(SCHEMA_SERVICE),
                        dl) == 0
                   ? EXIT_OK
                   : EXIT_INVALID;
}

static int change_plan(struct edit_txn *t, const struct service *s,
                       const struct opts *o, struct strbuf *what,
                       struct diag_list *dl)
{
        struct edit *e = &t->edit;
        const struct plan *p = &s->plan;
        const struct history_entry *last = &p->history[p->nhistory - 1];
        struct yval *m = plan_val(e, o), *c;
        char day[16];

        if (o->has_status && !cmd_status_may_move(last->status, o->status))
                return refuse_move(t, s, last->status, o->status, dl);
        if (o->has_status && date_cmp(o->date, last->date) < 0) {
                date_format_iso(last->date, day);
                diag_hint(diag_error(dl, t->display, last->node->line,
                                     last->node->col,
                                     "the new status of '%s' would be dated "
                                     "before its last one (%s)",
                                     s->id, day),
                          "history dates never decrease: give a --date on or "
                          "after %s, or if that date is wrong correct it with "
                          "'roadmap plan %s %s --amend --date DATE'",
                          day, t->before.m.office.id, s->id);
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
        strbuf_addstr(what, s->id);
        if (plan_options(o)) {
                struct strbuf parts = STRBUF_INIT;
                say_plan(&parts, o);
                /* parts starts with ", " */
                strbuf_addf(what, " plan changed: %s", parts.buf + 2);
                strbuf_release(&parts);
        }
        if (o->has_status) {
                strbuf_addstr(what, plan_options(o) ? "; " : " ");
                say_status(what, o->status, o->date);
        }
        return EXIT_OK;
}

/* The history entry's value under key, for a message's position. */
static const struct ynode *at_key(const struct history_entry *h,
                                  const char *key)
{
        const struct ynode *n = ynode_get(h->node, key, NULL);

        return n ? n : h->node;
}

/* "roadmap plan: --date ... (file:line:col)" with a hint: a refusal of an
 * option's value against the file, at the entry it would contradict. */
static int refuse_amend(const struct edit_txn *t, const struct ynode *at,
                        const char *hint, const char *msg)
{
        cli_error("plan", hint, "%s (%s:%d:%d)", msg, t->display, at->line,
                  at->col);
        return EXIT_INVALID;
}

/* The amended entry must still follow the one before it: its status may
 * come next, its date is not earlier.  The only entry stays 'planned'. */
static int check_amended(const struct edit_txn *t, const struct plan *p,
                         const struct opts *o)
{
        const struct history_entry *last = &p->history[p->nhistory - 1];
        const struct history_entry *prev =
            p->nhistory > 1 ? &p->history[p->nhistory - 2] : NULL;
        char msg[256], day[11], given[11];

        if (o->has_status && !prev && o->status != STATUS_PLANNED) {
                snprintf(msg, sizeof msg,
                         "--status %s: the first history entry is 'planned'",
                         status_name(o->status));
                return refuse_amend(t, at_key(last, "status"),
                                    "record a new status without --amend", msg);
        }
        if (o->has_status && prev &&
            !cmd_status_may_move(prev->status, o->status)) {
                snprintf(msg, sizeof msg,
                         "--status %s cannot follow the previous entry's "
                         "status '%s'",
                         status_name(o->status), status_name(prev->status));
                return refuse_amend(t, at_key(prev, "status"),
                                    prev->status == STATUS_DROPPED
                                        ? "'dropped' is final"
                                        : "statuses move forward, or to "
                                          "'dropped'",
                                    msg);
        }
        if (date_is_set(o->date) && prev && date_cmp(o->date, prev->date) < 0) {
                date_format_iso(o->date, given);
                date_format_iso(prev->date, day);
                snprintf(msg, sizeof msg,
                         "--date %s is before the previous entry's date %s",
                         given, day);
                return refuse_amend(t, at_key(prev, "date"),
                                    "history dates never decrease", msg);
        }
        return EXIT_OK;
}

/* "x last history entry corrected to live since D (was piloting since E),
 * note changed", or "x last history entry (live since D): note removed". */
static void say_amended(struct strbuf *what, const char *id,
                        const struct history_entry *last, const struct opts *o)
{
        enum status st = o->has_status ? o->status : last->status;
        struct date d = date_is_set(o->date) ? o->date : last->date;
        const char *note = o->note                    ? "note changed"
                           : o->no_note && last->note ? "note removed"
                                                      : NULL;

        strbuf_addf(what, "%s last history entry ", id);
        if (st == last->status && date_cmp(d, last->date) == 0) {
                strbuf_addstr(what, "(");
                say_status(what, st, d);
                strbuf_addf(what, "): %s", note ? note : "unchanged");
                return;
        }
        strbuf_addstr(what, "corrected to ");
        say_status(what, st, d);
        strbuf_addstr(what, " (was ");
        say_status(what, last->status, last->date);
        strbuf_addstr(what, ")");
        if (note)
                strbuf_addf(what, ", %s", note);
}

static int amend(struct edit_txn *t, const struct service *s,
                 const struct opts *o, struct strbuf *what,
                 struct diag_list *dl)
{
        struct edit *e = &t->edit;
        const struct plan *p = &s->plan;
        const struct history_entry *last = &p->history[p->nhistory - 1];
        const char *const *order = schema_key_order(SCHEMA_HISTORY);
        int rc = check_amended(t, p, o);

        if (rc != EXIT_OK)
                return rc;
        if (o->has_status &&
            edit_set(e, last->node, "status",
                     yval_str(e, status_name(o->status)), order, dl) != 0)
                return EXIT_INVALID;
        if (date_is_set(o->date) &&
            edit_set(e, last->node, "date", yval_date(e, o->date), order, dl) !=
                0)
                return EXIT_INVALID;
        if (o->note && edit_set(e, last->node, "note", yval_str(e, o->note),
                                order, dl) != 0)
                return EXIT_INVALID;
        if (o->no_note && edit_delete(e, last->node, "note", dl) != 0)
                return EXIT_INVALID;
        say_amended(what, s->id, last, o);
        return EXIT_OK;
}

/* Remove the last history entry; the only one stays. */
static int undo_last(struct edit_txn *t, const struct service *s,
                     struct strbuf *what, struct diag_list *dl)
{
        const struct plan *p = &s->plan;
        const struct history_entry *last = &p->history[p->nhistory - 1];

        if (p->nhistory < 2) {
                diag_hint(diag_error(dl, t->display, last->node->line,
                                     last->node->col,
                                     "the history of '%s' has only this "
                                     "entry; a plan keeps at least one",
                                     s->id),
                          "correct it with --amend, or record --status "
                          "dropped to give up the plan");
                return EXIT_INVALID;
        }
        if (edit_remove(&t->edit, p->node, "history", p->nhistory - 1, dl) != 0)
                return EXIT_INVALID;
        strbuf_addf(what, "%s last history entry removed (", s->id);
        say_status(what, last->status, last->date);
        strbuf_addstr(what, "); now ");
        say_status(what, p->history[p->nhistory - 2].status,
                   p->history[p->nhistory - 2].date);
        return EXIT_OK;
}

static int no_plan(const struct edit_txn *t, const struct service *s)
{
        struct diag_list dl = DIAG_LIST_INIT;

        diag_hint(diag_error(&dl, t->display, s->node->line, s->node->col,
                             "service '%s' has no plan; there is no history "
                             "entry to correct",
                             s->id),
                  "make it an e-service with --priority N");
        cli_print_diags(&dl);
        diag_list_release(&dl);
        return EXIT_INVALID;
}

static int plan(struct edit_txn *t, const void *arg)
{
        const struct opts *o = arg;
        const struct service *s = cmd_service_find(t, o->service);
        struct diag_list dl = DIAG_LIST_INIT;
        struct strbuf what = STRBUF_INIT;
        int rc;

        if (!s)
                return EXIT_INVALID;
        if ((o->amend || o->undo) && !service_has_plan(s))
                return no_plan(t, s);
        if (o->undo)
                rc = undo_last(t, s, &what, &dl);
        else if (o->amend)
                rc = amend(t, s, o, &what, &dl);
        else if (service_has_plan(s))
                rc = change_plan(t, s, o, &what, &dl);
        else
                rc = new_plan(t, s, o, &what, &dl);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        if (rc == EXIT_OK)
                rc = cmd_commit_say(t, o->quiet, "%s", what.buf);
        strbuf_release(&what);
        return rc;
}

int cmd_plan(int argc, char **argv)
{
        struct opts o;
        int rc = parse(argc, argv, &o);

        if (rc != 0)
                return opt_parse_exit(rc);
        return cmd_edit_office("plan", o.office, plan, &o);
}
