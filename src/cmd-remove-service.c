/*
 * roadmap remove-service OFFICE SERVICE [--force] [-q]: remove a service
 * (its whole item, with its plan) from an office.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"

#define OFF(f) offsetof(struct opts, f)

struct opts {
        const char *office, *service;
        bool force, quiet;
};

static const struct opt options[] = {
    {"force", 0, OPT_FLAG, OFF(force), NULL,
     "remove it even while it has a plan that is not dropped", NULL, NULL,
     OPT_OPTIONAL},
    OPT_QUIET(OFF(quiet)),
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_remove_service_syntax = {
    .name = "remove-service",
    .operands = "OFFICE SERVICE",
    .opts = options,
    .description =
        "Remove a service from the office's inventory: its lines go from the\n"
        "file, every other line stays.  A service with a plan that is not\n"
        "dropped is kept unless --force is given.\n",
    .help_col = 20,
};

static int parse(int argc, char **argv, struct opts *o)
{
        int n;

        memset(o, 0, sizeof(*o));
        if ((n = opt_parse_args(&cmd_remove_service_syntax, argc, argv, o, 2,
                                2)) < 0)
                return n;
        o->office = argv[1];
        o->service = argv[2];
        return 0;
}

/* A service whose plan is not dropped stays without --force. */
static int refuse_planned(const struct edit_txn *t, const struct service *s)
{
        const struct history_entry *h = &s->plan.history[s->plan.nhistory - 1];
        struct diag_list dl = DIAG_LIST_INIT;
        struct diag *d;
        char date[11];

        date_format_iso(h->date, date);
        d = diag_error(&dl, t->display, s->node->line, s->node->col,
                       "service '%s' has a plan ('%s' since %s)", s->id,
                       status_name(h->status), date);
        diag_hint(d,
                  "record that it was dropped (roadmap plan %s %s --status "
                  "dropped), or remove it with its plan: --force",
                  t->before.m.office.id, s->id);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        return EXIT_INVALID;
}

static int remove_service(struct edit_txn *t, const void *arg)
{
        const struct opts *o = arg;
        const struct office *off = &t->before.m.office;
        const struct service *s = cmd_service_find(t, o->service);
        const struct history_entry *h;
        struct diag_list dl = DIAG_LIST_INIT;
        char date[11];
        int rc;

        if (!s)
                return EXIT_INVALID;
        if (!o->force && service_has_plan(s) &&
            service_status(s) != STATUS_DROPPED)
                return refuse_planned(t, s);
        rc = edit_remove(&t->edit, t->before.doc.root, "services",
                         (size_t)(s - off->services), &dl);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        if (rc != 0)
                return EXIT_INVALID;
        if (!service_has_plan(s))
                return cmd_commit_say(t, o->quiet, "service %s removed",
                                      o->service);
        h = &s->plan.history[s->plan.nhistory - 1];
        date_format_iso(h->date, date);
        return cmd_commit_say(t, o->quiet,
                              "service %s removed, with its plan (%s since %s)",
                              o->service, status_name(h->status), date);
}

int cmd_remove_service(int argc, char **argv)
{
        struct opts o;
        int stop;

        if ((stop = parse(argc, argv, &o)) != 0)
                return opt_parse_exit(stop);
        return cmd_edit_office("remove-service", o.office, remove_service, &o);
}
