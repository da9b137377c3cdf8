/*
 * roadmap add-ministry ID --name N [--name-bn N]: add a ministry or
 * division to roadmap.yaml.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/schema.h"
#include "roadmap/commands.h"
#include "roadmap/repo.h"
#include "roadmap/xalloc.h"

#define OFF(f) offsetof(struct opts, f)

struct opts {
        const char *id, *name, *name_bn;
        bool quiet;
};

static const struct opt options[] = {
    {"name", 0, OPT_TEXT, OFF(name), "N", "its name in English (required)",
     NULL, NULL, OPT_REQUIRED},
    {"name-bn", 0, OPT_TEXT, OFF(name_bn), "N", "its name in Bengali", NULL,
     NULL, OPT_OPTIONAL},
    OPT_QUIET(OFF(quiet)),
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_add_ministry_syntax = {
    .name = "add-ministry",
    .operands = "ID",
    .opts = options,
    .description = "Add a ministry or division to roadmap.yaml.\n",
    .help_col = 16,
};

static int parse(int argc, char **argv, struct opts *o)
{
        const struct cmd_syntax *syn = &cmd_add_ministry_syntax;
        int n;

        memset(o, 0, sizeof(*o));
        if ((n = opt_parse_args(syn, argc, argv, o, 1, 1)) < 0)
                return n;
        o->id = argv[1];
        return cmd_check_id("add-ministry", "ID", o->id);
}

static int add(struct edit_txn *t, const struct opts *o)
{
        struct edit *e = &t->edit;
        struct diag_list dl = DIAG_LIST_INIT;
        struct yval *m;
        int rc;

        if (model_find_ministry(&t->before.m.meta, o->id)) {
                diag_error(&dl, t->display, 0, 0,
                           "ministry '%s' already exists", o->id);
                rc = -1;
        } else {
                m = yval_map(e, false);
                yval_put(m, "id", yval_str(e, o->id));
                yval_put(m, "name", yval_str(e, o->name));
                if (o->name_bn)
                        yval_put(m, "name_bn", yval_str(e, o->name_bn));
                rc = edit_append(e, t->before.doc.root, "ministries", m,
                                 schema_key_order(SCHEMA_ROADMAP), &dl);
        }
        cli_print_diags(&dl);
        diag_list_release(&dl);
        return rc == 0 ? cmd_commit_say(t, o->quiet, "ministry %s added", o->id)
                       : EXIT_INVALID;
}

int cmd_add_ministry(int argc, char **argv)
{
        struct edit_txn t;
        struct opts o;
        int stop;
        char *root, *path, *display;
        int rc;

        if ((stop = parse(argc, argv, &o)) != 0)
                return opt_parse_exit(stop);
        root = cli_repo_root();
        if (!root)
                return EXIT_INVALID;
        path = xasprintf("%s/%s", root, REPO_MARKER);
        display = repo_display_path(root, REPO_MARKER);
        rc = cmd_txn_begin(&t, EDIT_ROADMAP, path, display, NULL);
        if (rc == EXIT_OK)
                rc = add(&t, &o);
        edit_txn_release(&t);
        free(root);
        free(path);
        free(display);
        return rc;
}
