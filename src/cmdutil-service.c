/*
 * cmdutil-service: finding the service a command names in the office of an
 * edit transaction, with "did you mean" when there is none, and making the
 * id of a new service from its name (add-service, import).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/bangla.h"
#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/xalloc.h"

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

/* An id from an English name: lowercase letters and digits (Bengali
 * digits as ASCII ones), every other run of characters one '-', at most
 * max bytes. */
static char *slug(const char *name, size_t max)
{
        size_t len = strlen(name), n = 0, k, i;
        char *s = xmalloc(len + 1);
        int digit;

        for (i = 0; i < len; i += k) {
                char c = name[i];
                k = 1;
                if ((digit = bangla_digit_at(name + i, len - i, &k)) >= 0)
                        c = (char)('0' + digit);
                else if (c >= 'A' && c <= 'Z')
                        c = (char)(c - 'A' + 'a');
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                        s[n++] = c;
                else if (n > 0 && s[n - 1] != '-')
                        s[n++] = '-';
        }
        if (n > max)
                n = max;
        while (n > 0 && s[n - 1] == '-')
                n--;
        s[n] = '\0';
        return s;
}

char *cmd_service_id(const char *name, int k)
{
        char suffix[16] = "";
        char *base, *id;

        if (k >= 2)
                snprintf(suffix, sizeof suffix, "-%d", k);
        base = slug(name, MODEL_ID_MAX - strlen(suffix));
        if (!*base) {
                free(base);
                return NULL;
        }
        id = xasprintf("%s%s", base, suffix);
        free(base);
        return id;
}

char *cmd_service_new_id(const struct office *off, const char *name,
                         bool (*taken)(const char *id, const void *ctx),
                         const void *ctx)
{
        char *id;
        int k;

        for (k = 1;; k++) {
                if (!(id = cmd_service_id(name, k)) ||
                    (!model_find_service(off, id) &&
                     !(taken && taken(id, ctx))))
                        return id;
                free(id);
        }
}

bool cmd_status_may_move(enum status from, enum status to)
{
        if (from == STATUS_DROPPED)
                return false;
        return to == STATUS_DROPPED || to > from;
}
