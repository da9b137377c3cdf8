/*
 * roadmap rename-service OFFICE SERVICE NEW-ID: change a service's id,
 * keeping its names, TCV, plan and history.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/schema.h"

#define OFF(f) offsetof(struct opts, f)

struct opts {
        const char *office, *service, *new_id;
        bool quiet;
};

static const struct opt options[] = {OPT_QUIET(OFF(quiet)), OPT_END_OF_TABLE};

const struct cmd_syntax cmd_rename_service_syntax = {
    .name = "rename-service",
    .operands = "OFFICE SERVICE NEW-ID",
    .opts = options,
    .description =
        "Give a service a new id, keeping its names, TCV, plan and history.\n"
        "The id is part of the approval's digest: an approved office's\n"
        "approval turns stale.\n",
    .help_col = 14,
};

static int parse(int argc, char **argv, struct opts *o)
{
        const struct cmd_syntax *syn = &cmd_rename_service_syntax;
        int n;

        memset(o, 0, sizeof(*o));
        if ((n = opt_parse_args(syn, argc, argv, o, 3, 3)) < 0)
                return n;
        o->office = argv[1];
        o->service = argv[2];
        o->new_id = argv[3];
        if (cmd_check_id("rename-service", "NEW-ID", o->new_id) != 0)
                return -1;
        return 0;
}

static int taken(const struct edit_txn *t, const struct service *s)
{
        struct diag_list dl = DIAG_LIST_INIT;

        diag_hint(diag_error(&dl, t->display, s->node->line, s->node->col,
                             "service '%s' already exists in office '%s'",
                             s->id, t->before.m.office.id),
                  "choose another id");
        cli_print_diags(&dl);
        diag_list_release(&dl);
        return EXIT_INVALID;
}

static int rename_service(struct edit_txn *t, const void *arg)
{
        const struct opts *o = arg;
        const struct service *s = cmd_service_find(t, o->service);
        const struct service *other;
        struct diag_list dl = DIAG_LIST_INIT;
        int rc;

        if (!s)
                return EXIT_INVALID;
        other = model_find_service(&t->before.m.office, o->new_id);
        if (other && other != s)
                return taken(t, other);
        rc = edit_set(&t->edit, s->node, "id", yval_str(&t->edit, o->new_id),
                      schema_key_order(SCHEMA_SERVICE), &dl);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        if (rc != 0)
                return EXIT_INVALID;
        return cmd_commit_say(t, o->quiet, "service %s renamed to %s", s->id,
                              o->new_id);
}

int cmd_rename_service(int argc, char **argv)
{
        struct opts o;
        int stop;

        if ((stop = parse(argc, argv, &o)) != 0)
                return opt_parse_exit(stop);
        return cmd_edit_office("rename-service", o.office, rename_service, &o);
}
