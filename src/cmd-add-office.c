/*
 * roadmap add-office ID --ministry M --name N [...]: create an office file
 * at offices/<ministry>/<id>.yaml.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/repo.h"
#include "roadmap/scan.h"
#include "roadmap/xalloc.h"

#define OFF(f) offsetof(struct opts, f)

struct opts {
        const char *id, *ministry, *name, *name_bn, *head;
        bool quiet;
};

static const struct opt options[] = {
    {"ministry", 0, OPT_ID, OFF(ministry), "M",
     "the ministry or division id (required)", NULL, "ministry", OPT_REQUIRED},
    {"name", 0, OPT_TEXT, OFF(name), "N",
     "the office's name in English (required)", NULL, NULL, OPT_REQUIRED},
    {"name-bn", 0, OPT_TEXT, OFF(name_bn), "N", "the name in Bengali", NULL,
     NULL, OPT_OPTIONAL},
    {"head", 0, OPT_TEXT, OFF(head), "H", "the designation of the office head",
     NULL, NULL, OPT_OPTIONAL},
    OPT_QUIET(OFF(quiet)),
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_add_office_syntax = {
    .name = "add-office",
    .operands = "ID",
    .opts = options,
    .description =
        "Create the office file offices/<ministry>/<id>.yaml.  The ministry\n"
        "must be in roadmap.yaml; the office id must be new in the "
        "repository.\n",
    .help_col = 16,
};

static int parse(int argc, char **argv, struct opts *o)
{
        const struct cmd_syntax *syn = &cmd_add_office_syntax;
        int n;

        memset(o, 0, sizeof(*o));
        if ((n = opt_parse_args(syn, argc, argv, o, 1, 1)) < 0)
                return n;
        o->id = argv[1];
        if (cmd_check_id("add-office", "ID", o->id) != 0)
                return -1;
        return 0;
}

static int render(const struct opts *o, struct strbuf *out,
                  struct diag_list *dl)
{
        struct edit e;
        struct yval *root, *m;
        int rc;

        edit_init(&e, NULL);
        root = yval_map(&e, false);
        m = yval_map(&e, false);
        yval_put(root, "roadmap", yval_int(&e, MODEL_VERSION));
        yval_put(m, "id", yval_str(&e, o->id));
        yval_put(m, "name", yval_str(&e, o->name));
        if (o->name_bn)
                yval_put(m, "name_bn", yval_str(&e, o->name_bn));
        yval_put(m, "ministry", yval_str(&e, o->ministry));
        if (o->head)
                yval_put(m, "head", yval_str(&e, o->head));
        yval_put(root, "office", m);
        yval_put(root, "services", yval_seq(&e, false));
        rc = edit_render(&e, root, out, dl);
        edit_release(&e);
        return rc;
}

/* No ministry id in meta: "did you mean" a ministry near it, else how to
 * add it. */
static void no_ministry(const struct roadmap_meta *meta, const char *display,
                        const char *id, struct diag_list *dl)
{
        struct diag *d = diag_error(dl, display, 0, 0,
                                    "no ministry '%s' in the roadmap", id);
        const char *near = model_near_ministry(meta, id);

        if (near)
                diag_hint(d, "did you mean '%s'?", near);
        if (near)
                diag_hint(d,
                          "if '%s' is a new ministry, add it first with "
                          "'roadmap add-ministry %s --name NAME'",
                          id, id);
        else
                diag_hint(d,
                          "add it first with 'roadmap add-ministry %s --name "
                          "NAME'",
                          id);
}

/* The ministry exists and the id is new.  Returns 0 or -1 (with errors). */
static int check_names(const char *root, const struct opts *o,
                       struct loaded *meta, struct diag_list *dl)
{
        struct office_list list = OFFICE_LIST_INIT;
        char *path = xasprintf("%s/%s", root, REPO_MARKER), *rel = NULL;
        char *display = repo_display_path(root, REPO_MARKER);
        int rc = -1;

        if (load_roadmap(meta, path, display, dl) != 0) {
                diag_hint(diag_error(dl, display, 0, 0,
                                     "refusing to add an office to an "
                                     "invalid repository"),
                          "run 'roadmap check' to see every problem");
                goto out;
        }
        if (!model_find_ministry(&meta->m.meta, o->ministry)) {
                no_ministry(&meta->m.meta, display, o->ministry, dl);
                goto out;
        }
        switch (scan_find_office(root, o->id, &list, &rel, dl)) {
        case SCAN_NONE:
                rc = 0;
                break;
        case SCAN_FOUND:
                free(display);
                display = repo_display_path(root, rel);
                diag_error(dl, display, 0, 0, "office '%s' already exists",
                           o->id);
                break;
        case SCAN_DUPLICATE: /* already exists, twice: dl says where */
        case SCAN_UNREADABLE:
                break;
        }
out:
        free(rel);
        repo_office_list_release(&list);
        free(path);
        free(display);
        return rc;
}

/* What the new office file must be: the office id, of a ministry of
 * meta. */
struct expect {
        const char *id;
        const struct loaded *meta;
};

/* txn_verify_fn: the new office is valid, and as expected. */
static int verify_office(const char *display, const char *buf, size_t len,
                         void *arg, struct diag_list *dl)
{
        const struct expect *x = arg;
        struct loaded l;
        int rc;

        loaded_init(&l);
        rc = load_office_bytes(&l, display, buf, len, x->id, dl);
        if (rc == 0)
                rc = model_check_refs(&l.m.office, &x->meta->m.meta, dl);
        loaded_release(&l);
        return rc;
}

static int create(const char *root, const struct opts *o, struct loaded *meta,
                  struct diag_list *dl)
{
        char *rel = repo_new_office_path(o->ministry, o->id);
        char *path = xasprintf("%s/%s", root, rel);
        char *display = repo_display_path(root, rel);
        struct expect x = {o->id, meta};
        struct txn t;
        struct strbuf text;
        int rc = -1;

        txn_init(&t);
        strbuf_init(&text);
        if (render(o, &text, dl) == 0 &&
            txn_begin_create(&t, path, display, dl) == 0)
                rc = txn_commit(&t, text.buf, text.len, verify_office, &x, dl);
        if (rc == 0)
                cmd_say(o->quiet, o->id, "office created in %s", display);
        txn_release(&t);
        strbuf_release(&text);
        free(rel);
        free(path);
        free(display);
        return rc;
}

int cmd_add_office(int argc, char **argv)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct loaded meta;
        struct opts o;
        int stop;
        char *root;
        int rc = EXIT_INVALID;

        if ((stop = parse(argc, argv, &o)) != 0)
                return opt_parse_exit(stop);
        root = cli_repo_root();
        if (!root)
                return EXIT_INVALID;
        loaded_init(&meta);
        if (check_names(root, &o, &meta, &dl) == 0 &&
            create(root, &o, &meta, &dl) == 0)
                rc = EXIT_OK;
        cli_print_diags(&dl);
        diag_list_release(&dl);
        loaded_release(&meta);
        free(root);
        return rc;
}
