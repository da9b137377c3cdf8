/*
 * roadmap add-service OFFICE --name N [--id ID] ...: add a service to an
 * office's inventory.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/schema.h"
#include "roadmap/commands.h"
#include "roadmap/xalloc.h"

#define OFF(f) offsetof(struct opts, f)

struct opts {
        const char *office, *name, *id, *name_bn, *recipients;
        long days, cost, visits;
        struct date since;
        bool force, quiet;
};

static const struct opt options[] = {
    {"name", 0, OPT_TEXT, OFF(name), "N",
     "the service's name in English (required)", NULL, NULL, OPT_REQUIRED},
    {"id", 0, OPT_ID, OFF(id), "ID", "the service id", NULL, NULL,
     OPT_OPTIONAL},
    {"name-bn", 0, OPT_TEXT, OFF(name_bn), "N", "the name in Bengali", NULL,
     NULL, OPT_OPTIONAL},
    {"recipients", 0, OPT_ENUM, OFF(recipients), "R",
     "citizen, business, government or institution", NULL, "recipients",
     OPT_OPTIONAL},
    {"days", 0, OPT_NUMBER, OFF(days), "D", "days a citizen spends today", NULL,
     NULL, OPT_OPTIONAL},
    {"cost", 0, OPT_NUMBER, OFF(cost), "C", "taka a citizen spends today", NULL,
     NULL, OPT_JOINED},
    {"visits", 0, OPT_NUMBER, OFF(visits), "V",
     "office visits a citizen makes today", NULL, NULL, OPT_JOINED},
    {"since", 0, OPT_PAST_DATE, OFF(since), "DATE",
     "the date it entered the inventory (default today)", NULL, NULL,
     OPT_OPTIONAL},
    {"force", 0, OPT_FLAG, OFF(force), NULL,
     "add it even if a service has the same name", NULL, NULL, OPT_OPTIONAL},
    OPT_QUIET(OFF(quiet)),
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_add_service_syntax = {
    .name = "add-service",
    .operands = "OFFICE",
    .opts = options,
    .description =
        "Add a service to the office's inventory.  Without --id, the id is "
        "made\n"
        "from the English name (a-z, 0-9 and '-'; a taken id gets -2, "
        "-3...).\n"
        "A name (or Bengali name) another service has is refused without\n"
        "--force.  The new id is printed.\n",
    .help_col = 18,
};

static int parse(int argc, char **argv, struct opts *o)
{
        const struct cmd_syntax *syn = &cmd_add_service_syntax;
        int n;

        memset(o, 0, sizeof(*o));
        o->days = o->cost = o->visits = -1;
        if ((n = opt_parse_args(syn, argc, argv, o, 1, 1)) < 0)
                return n;
        o->office = argv[1];
        return 0;
}

static struct yval *service_val(struct edit *e, const struct opts *o,
                                const char *id)
{
        struct yval *m = yval_map(e, false), *tcv;
        struct date since = o->since;

        yval_put(m, "id", yval_str(e, id));
        yval_put(m, "name", yval_str(e, o->name));
        if (o->name_bn)
                yval_put(m, "name_bn", yval_str(e, o->name_bn));
        if (o->recipients)
                yval_put(m, "recipients", yval_str(e, o->recipients));
        tcv = cmd_tcv(e, o->days, o->cost, o->visits);
        if (tcv)
                yval_put(m, "tcv", tcv);
        /* in the inventory from --since, or from today */
        if (date_is_set(since) || cli_today(&since) == 0)
                yval_put(m, "since", yval_date(e, since));
        return m;
}

/* A service of the office with the same name or Bengali name: refused
 * (EXIT_INVALID) unless --force. */
static int same_name(const struct edit_txn *t, const struct opts *o)
{
        struct diag_list dl = DIAG_LIST_INIT;
        bool bn;
        struct diag *d;

        if (o->force || !(d = cmd_service_name_taken(t, o->name, o->name_bn,
                                                     NULL, &dl, &bn)))
                return EXIT_OK;
        diag_hint(d,
                  "is it the same service?  If not, give another name%s, "
                  "or --force to add it all the same",
                  bn ? " with --name-bn" : "");
        cli_print_diags(&dl);
        diag_list_release(&dl);
        return EXIT_INVALID;
}

static int add(struct edit_txn *t, const void *arg)
{
        const struct opts *o = arg;
        const struct office *off = &t->before.m.office;
        const struct service *old =
            o->id ? model_find_service(off, o->id) : NULL;
        struct diag_list dl = DIAG_LIST_INIT;
        char *id;
        int rc;

        if (old) {
                diag_hint(diag_error(&dl, t->display, old->node->line,
                                     old->node->col,
                                     "service '%s' already exists in office "
                                     "'%s'",
                                     o->id, off->id),
                          "give another --id, or leave it out to have one "
                          "made from the name");
                cli_print_diags(&dl);
                diag_list_release(&dl);
                return EXIT_INVALID;
        }
        if ((rc = same_name(t, o)) != EXIT_OK)
                return rc;
        id = o->id ? xstrdup(o->id)
                   : cmd_service_new_id(off, o->name, NULL, NULL);
        if (!id) {
                cli_error("add-service", "give one with --id",
                          "cannot make an id from the name '%s'", o->name);
                return EXIT_USAGE;
        }
        rc = edit_append(&t->edit, t->before.doc.root, "services",
                         service_val(&t->edit, o, id),
                         schema_key_order(SCHEMA_OFFICE_FILE), &dl);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        if (rc == 0)
                rc = cmd_commit_say(t, o->quiet, "service %s added: %s", id,
                                    o->name);
        else
                rc = EXIT_INVALID;
        if (rc == EXIT_OK)
                printf("%s\n", id);
        free(id);
        return rc;
}

int cmd_add_service(int argc, char **argv)
{
        struct opts o;
        int stop;

        if ((stop = parse(argc, argv, &o)) != 0)
                return opt_parse_exit(stop);
        return cmd_edit_office("add-service", o.office, add, &o);
}
