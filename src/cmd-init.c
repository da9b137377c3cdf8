/*
 * roadmap init [DIR] --title T [--title-bn T]: create a roadmap repository.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "roadmap/assets.h"
#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/repo.h"
#include "roadmap/xalloc.h"

#define OFF(f) offsetof(struct opts, f)

struct opts {
        const char *dir, *title, *title_bn;
        bool quiet;
};

static const struct opt options[] = {
    {"title", 0, OPT_TEXT, OFF(title), "T", "the programme's title", NULL, NULL,
     OPT_REQUIRED},
    {"title-bn", 0, OPT_TEXT, OFF(title_bn), "T", "the title in Bengali", NULL,
     NULL, OPT_OPTIONAL},
    OPT_QUIET(OFF(quiet)),
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_init_syntax = {
    .name = "init",
    .operands = "[DIR]",
    .opts = options,
    .description =
        "Create roadmap.yaml and an empty offices/ directory in DIR (default:\n"
        "the current directory, created if needed), with the JSON Schemas of\n"
        "the files in schema/, .vscode/settings.json that applies them in the\n"
        "editor, and a .yamllint configuration.  An existing roadmap.yaml is\n"
        "never overwritten; an existing .yamllint or .vscode/settings.json is\n"
        "left alone.\n",
    .help_col = 17,
};

static int parse(int argc, char **argv, struct opts *o)
{
        const struct cmd_syntax *syn = &cmd_init_syntax;
        int n;

        memset(o, 0, sizeof(*o));
        if ((n = opt_parse_args(syn, argc, argv, o, 0, 1)) < 0)
                return n;
        o->dir = n == 1 ? argv[1] : ".";
        return 0;
}

static int render(const struct opts *o, struct strbuf *out,
                  struct diag_list *dl)
{
        struct edit e;
        struct yval *m;
        int rc;

        edit_init(&e, NULL);
        m = yval_map(&e, false);
        yval_put(m, "roadmap", yval_int(&e, MODEL_VERSION));
        yval_put(m, "title", yval_str(&e, o->title));
        if (o->title_bn)
                yval_put(m, "title_bn", yval_str(&e, o->title_bn));
        yval_put(m, "ministries", yval_seq(&e, false));
        rc = edit_render(&e, m, out, dl);
        edit_release(&e);
        return rc;
}

static int verify_roadmap(const char *display, const char *buf, size_t len,
                          void *arg, struct diag_list *dl)
{
        struct loaded l;
        int rc;

        loaded_init(&l);
        rc = load_roadmap_bytes(&l, display, buf, len, dl);
        loaded_release(&l);
        return rc;
}

static int create(const struct opts *o, const char *path, const char *display,
                  struct diag_list *dl)
{
        struct txn t;
        struct strbuf text;
        int rc = -1;

        txn_init(&t);
        strbuf_init(&text);
        if (render(o, &text, dl) != 0)
                goto out;
        if (txn_begin_create(&t, path, display, dl) != 0) {
                if (t.exists)
                        diag_hint(&dl->items[dl->n - 1],
                                  "a roadmap is there; roadmap init never "
                                  "overwrites roadmap.yaml");
                goto out;
        }
        rc = txn_commit(&t, text.buf, text.len, verify_roadmap, NULL, dl);
out:
        txn_release(&t);
        strbuf_release(&text);
        return rc;
}

/*
 * The schemas, editor settings and yamllint configuration (assets.h),
 * after roadmap.yaml: should one fail, what this run created is removed
 * again, roadmap.yaml too, so that init does all or nothing.  Prints what
 * needs the user's attention: a file of theirs that was left alone.
 */
static int add_assets(const char *dir, const char *roadmap,
                      struct diag_list *dl)
{
        struct asset_result *res;
        struct strbuf notes;
        char *display = xasprintf("%s/", dir);
        size_t i, n;
        int rc;

        assets_list(&n);
        res = xcalloc(n, sizeof(*res));
        rc = assets_install(dir, display, res, dl);
        if (rc != 0) {
                assets_uninstall(dir, res, n);
                unlink(roadmap);
        }
        strbuf_init(&notes);
        for (i = 0; rc == 0 && i < n; i++)
                if (res[i].outcome == ASSET_KEPT)
                        assets_describe(&notes, display, &res[i], 1);
        fputs(notes.buf, stdout);
        strbuf_release(&notes);
        free(res);
        free(display);
        return rc;
}

int cmd_init(int argc, char **argv)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct opts o;
        int stop;
        char *path = NULL, *offices = NULL;
        const char *display;
        int rc = EXIT_INVALID;

        if ((stop = parse(argc, argv, &o)) != 0)
                return opt_parse_exit(stop);
        path = xasprintf("%s/%s", o.dir, REPO_MARKER);
        display = strcmp(o.dir, ".") ? path : REPO_MARKER;
        offices = xasprintf("%s/%s", o.dir, REPO_OFFICES);
        if (lockfile_make_parents(path) != 0) {
                diag_error(&dl, o.dir, 0, 0, "cannot create the directory: %s",
                           strerror(errno));
                goto out;
        }
        /* offices/ first: roadmap.yaml marks a repository (and is removed
         * again should the files beside it fail) */
        if (mkdir(offices, 0777) != 0 && errno != EEXIST) {
                diag_error(&dl, offices, 0, 0,
                           "cannot create the directory: %s", strerror(errno));
                goto out;
        }
        if (create(&o, path, display, &dl) != 0 ||
            add_assets(o.dir, path, &dl) != 0)
                goto out;
        rc = EXIT_OK;
out:
        cli_print_diags(&dl);
        diag_list_release(&dl);
        if (rc == EXIT_OK)
                cmd_say(o.quiet, display, "roadmap repository created");
        free(path);
        free(offices);
        return rc;
}
