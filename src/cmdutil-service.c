/*
 * cmdutil-service: finding the service a command names in the office of an
 * edit transaction, with "did you mean" when there is none.
 */
#include <stdlib.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/xalloc.h"

const struct service *cmd_service_find(const struct edit_txn *t, const char *id)
{
        const struct office *off = &t->before.m.office;
        const struct service *s = model_find_service(off, id);
        struct diag_list dl = DIAG_LIST_INIT;
        const char **ids;
        const char *near;
        struct diag *d;
        size_t i;

        if (s)
                return s;
        ids = xmalloc((off->nservices + 1) * sizeof(*ids));
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
        return NULL;
}
