/*
 * roadmap set-service OFFICE SERVICE [--name N] ...: correct the fields of
 * a service of the inventory, keeping its id, plan and history.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/schema.h"
#include "roadmap/strbuf.h"

#define OFF(f) offsetof(struct opts, f)

struct opts {
        const char *office, *service, *name, *name_bn, *recipients;
        long days, cost, visits;
        struct date since;
        bool no_name_bn, no_recipients, force, quiet;
};

static const struct opt options[] = {
    {"name", 0, OPT_TEXT, OFF(name), "N", "the name in English", NULL, NULL,
     OPT_OPTIONAL},
    {"name-bn", 0, OPT_TEXT, OFF(name_bn), "N", "the name in Bengali", NULL,
     NULL, OPT_OPTIONAL},
    {"no-name-bn", 0, OPT_FLAG, OFF(no_name_bn), NULL,
     "remove the name in Bengali", NULL, NULL, OPT_OPTIONAL},
    {"recipients", 0, OPT_ENUM, OFF(recipients), "R",
     "citizen, business, government or institution", NULL, "recipients",
     OPT_OPTIONAL},
    {"no-recipients", 0, OPT_FLAG, OFF(no_recipients), NULL,
     "remove the recipients", NULL, NULL, OPT_OPTIONAL},
    {"days", 0, OPT_NUMBER, OFF(days), "D", "days a citizen spends today", NULL,
     NULL, OPT_OPTIONAL},
    {"cost", 0, OPT_NUMBER, OFF(cost), "C", "taka a citizen spends today", NULL,
     NULL, OPT_JOINED},
    {"visits", 0, OPT_NUMBER, OFF(visits), "V",
     "office visits a citizen makes today", NULL, NULL, OPT_JOINED},
    {"since", 0, OPT_PAST_DATE, OFF(since), "DATE",
     "the date it entered the inventory", NULL, NULL, OPT_OPTIONAL},
    {"force", 0, OPT_FLAG, OFF(force), NULL, "take a name another service has",
     NULL, NULL, OPT_OPTIONAL},
    OPT_QUIET(OFF(quiet)),
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_set_service_syntax = {
    .name = "set-service",
    .operands = "OFFICE SERVICE",
    .opts = options,
    .description =
        "Correct a service of the inventory: its names, recipients or TCV\n"
        "today (the values given replace those in the file; the others stay).\n"
        "A name another service has is refused without --force.  The id is\n"
        "changed by rename-service, the plan by plan.\n",
    .help_col = 20,
};

static int parse(int argc, char **argv, struct opts *o)
{
        const struct cmd_syntax *syn = &cmd_set_service_syntax;
        int n;

        memset(o, 0, sizeof(*o));
        o->days = o->cost = o->visits = -1;
        if ((n = opt_parse_args(syn, argc, argv, o, 2, 2)) < 0)
                return n;
        o->office = argv[1];
        o->service = argv[2];
        if (o->name_bn && o->no_name_bn)
                return opt_usage_error(syn, "--name-bn and --no-name-bn "
                                            "cannot be given together"),
                       -1;
        if (o->recipients && o->no_recipients)
                return opt_usage_error(syn, "--recipients and --no-recipients "
                                            "cannot be given together"),
                       -1;
        if (!o->name && !o->name_bn && !o->no_name_bn && !o->recipients &&
            !o->no_recipients && o->days < 0 && o->cost < 0 && o->visits < 0 &&
            !date_is_set(o->since))
                return opt_usage_error(syn, "nothing to change"), -1;
        return 0;
}

/* Another service with the new name or Bengali name: refused unless
 * --force. */
static int same_name(const struct edit_txn *t, const struct service *s,
                     const struct opts *o)
{
        struct diag_list dl = DIAG_LIST_INIT;
        bool bn;
        struct diag *d;

        if (o->force ||
            !(d = cmd_service_name_taken(t, o->name, o->name_bn, s, &dl, &bn)))
                return EXIT_OK;
        diag_hint(d, "give another name, or --force to take it all the same");
        cli_print_diags(&dl);
        diag_list_release(&dl);
        return EXIT_INVALID;
}

static int set_text(struct edit_txn *t, const struct service *s,
                    const char *key, const char *v, struct diag_list *dl)
{
        return edit_set(&t->edit, s->node, key, yval_str(&t->edit, v),
                        schema_key_order(SCHEMA_SERVICE), dl);
}

/* Record every change; what gets ", name_bn ..." for each. */
static int set_fields(struct edit_txn *t, const struct service *s,
                      const struct opts *o, struct strbuf *what,
                      struct diag_list *dl)
{
        struct yval *tcv = cmd_tcv(&t->edit, o->days, o->cost, o->visits);
        char since[11];

        if (o->name && set_text(t, s, "name", o->name, dl) != 0)
                return -1;
        if (o->name_bn && set_text(t, s, "name_bn", o->name_bn, dl) != 0)
                return -1;
        if (o->no_name_bn && edit_delete(&t->edit, s->node, "name_bn", dl))
                return -1;
        if (o->recipients &&
            set_text(t, s, "recipients", o->recipients, dl) != 0)
                return -1;
        if (o->no_recipients &&
            edit_delete(&t->edit, s->node, "recipients", dl) != 0)
                return -1;
        if (tcv && edit_set(&t->edit, s->node, "tcv", tcv,
                            schema_key_order(SCHEMA_SERVICE), dl) != 0)
                return -1;
        if (date_is_set(o->since) &&
            edit_set(&t->edit, s->node, "since", yval_date(&t->edit, o->since),
                     schema_key_order(SCHEMA_SERVICE), dl) != 0)
                return -1;
        if (o->name)
                strbuf_addf(what, ", name %s", o->name);
        if (o->name_bn)
                strbuf_addf(what, ", name_bn %s", o->name_bn);
        if (o->no_name_bn)
                strbuf_addstr(what, ", name_bn removed");
        if (o->recipients)
                strbuf_addf(what, ", recipients %s", o->recipients);
        if (o->no_recipients)
                strbuf_addstr(what, ", recipients removed");
        if (o->days >= 0)
                strbuf_addf(what, ", days %ld", o->days);
        if (o->cost >= 0)
                strbuf_addf(what, ", cost %ld", o->cost);
        if (o->visits >= 0)
                strbuf_addf(what, ", visits %ld", o->visits);
        if (date_is_set(o->since)) {
                date_format_iso(o->since, since);
                strbuf_addf(what, ", since %s", since);
        }
        return 0;
}

static int set_service(struct edit_txn *t, const void *arg)
{
        const struct opts *o = arg;
        const struct service *s = cmd_service_find(t, o->service);
        struct diag_list dl = DIAG_LIST_INIT;
        struct strbuf what = STRBUF_INIT;
        int rc;

        if (!s)
                return EXIT_INVALID;
        if ((rc = same_name(t, s, o)) != EXIT_OK)
                return rc;
        rc = set_fields(t, s, o, &what, &dl);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        /* what starts with ", " */
        rc = rc == 0 ? cmd_commit_say(t, o->quiet, "service %s changed: %s",
                                      s->id, what.buf + 2)
                     : EXIT_INVALID;
        strbuf_release(&what);
        return rc;
}

int cmd_set_service(int argc, char **argv)
{
        struct opts o;
        int stop;

        if ((stop = parse(argc, argv, &o)) != 0)
                return opt_parse_exit(stop);
        return cmd_edit_office("set-service", o.office, set_service, &o);
}
