/*
 * roadmap add-ministry ID --name N [--name-bn N]: add a ministry or
 * division to roadmap.yaml.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/repo.h"
#include "roadmap/xalloc.h"

static const char usage[] = "roadmap add-ministry ID --name N [--name-bn N]";
static const char description[] =
    "Add a ministry or division to roadmap.yaml.\n"
    "\n"
    "  --name N      its name in English (required)\n"
    "  --name-bn N   its name in Bengali\n";

struct opts {
        const char *id, *name, *name_bn;
};

static const struct option longopts[] = {
    {"name", required_argument, NULL, 'n'},
    {"name-bn", required_argument, NULL, 'b'},
    {NULL, 0, NULL, 0}};

static int parse(int argc, char **argv, struct opts *o)
{
        int c;

        memset(o, 0, sizeof(*o));
        optind = 0;
        opterr = 0;
        while ((c = cmd_getopt("add-ministry", usage, argc, argv, longopts)) !=
               -1) {
                if (c == 'n')
                        o->name = optarg;
                else if (c == 'b')
                        o->name_bn = optarg;
                if ((c == 'n' &&
                     cmd_check_text("add-ministry", "--name", &o->name)) ||
                    (c == 'b' && cmd_check_text("add-ministry", "--name-bn",
                                                &o->name_bn)) ||
                    c == '?' || c == 'h')
                        return -1;
        }
        if (optind + 1 != argc)
                return cli_usage_error("add-ministry", usage,
                                       optind >= argc ? "missing ID"
                                                      : "too many arguments"),
                       -1;
        o->id = argv[optind];
        if (cmd_check_id("add-ministry", "ID", o->id) != 0)
                return -1;
        if (!o->name)
                return cli_usage_error("add-ministry", usage,
                                       "--name is required"),
                       -1;
        return 0;
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
                                 cmd_order_roadmap, &dl);
        }
        cli_print_diags(&dl);
        diag_list_release(&dl);
        return rc == 0 ? cmd_txn_commit(t) : EXIT_INVALID;
}

int cmd_add_ministry(int argc, char **argv)
{
        struct edit_txn t;
        struct opts o;
        char *root, *path, *display;
        int rc;

        if (cli_wants_help(argc, argv, usage, description))
                return EXIT_OK;
        if (parse(argc, argv, &o) != 0)
                return EXIT_USAGE;
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
