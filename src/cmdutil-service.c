/*
 * cmdutil-service: finding the service a command names in the office of an
 * edit transaction, with "did you mean" when there is none.
 */

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"

const struct service *cmd_service_lookup(const struct office *o,
                                         const char *display, const char *id)
{
        const struct service *s = model_find_service(o, id);
        struct diag_list dl = DIAG_LIST_INIT;
        const char *near;
        struct diag *d;

        if (s)
                return s;
        near = model_near_service(o, id);
        d = diag_error(&dl, display, 0, 0, "no service '%s' in office '%s'", id,
                       o->id);
        if (near)
                diag_hint(d, "did you mean '%s'?", near);
        else
                diag_hint(d, "'roadmap list services --office %s' lists them",
                          o->id);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        return NULL;
}

const struct service *cmd_service_find(const struct edit_txn *t, const char *id)
{
        return cmd_service_lookup(&t->before.m.office, t->display, id);
}

struct diag *cmd_service_name_taken(const struct edit_txn *t, const char *name,
                                    const char *name_bn,
                                    const struct service *except,
                                    struct diag_list *dl, bool *bn)
{
        const struct service *s;
        const struct ynode *at;

        *bn = false;
        s = model_find_service_named(&t->before.m.office, name, name_bn, except,
                                     bn);
        if (!s)
                return NULL;
        at = ynode_get(s->node, *bn ? "name_bn" : "name", NULL);
        if (!at)
                at = s->node;
        return diag_error(dl, t->display, at->line, at->col,
                          "service '%s' already has the %sname '%s'", s->id,
                          *bn ? "Bengali " : "", *bn ? s->name_bn : s->name);
}
