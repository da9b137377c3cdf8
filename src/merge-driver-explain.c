/*
 * roadmap merge-driver --explain [PATH] without files: the conflicted
 * roadmap files of git's index, each merged again from its three stages
 * and its conflicts listed (roadmap-merge-driver(1)).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge-driver-internal.h"
#include "roadmap/cli.h"
#include "roadmap/conflictfile.h"
#include "roadmap/gitlib.h"
#include "roadmap/gitrepo.h"
#include "roadmap/regfile.h"
#include "roadmap/txn.h"
#include "roadmap/xalloc.h"

/* The conflicts of git's index, merged again. */
struct index_explain {
        const struct merge_driver_opts *o;
        struct gitrepo *r;
        const char *only; /* the one path asked about, or NULL: all */
        size_t found;     /* conflicted entries explained */
        size_t conflicts;
        size_t clean; /* entries that merge cleanly: git ran no driver */
        bool failed;
};

/* An office file or roadmap.yaml, by its path in the work tree. */
static bool is_roadmap_file(const char *p)
{
        const char *slash = strrchr(p, '/'), *base = slash ? slash + 1 : p;
        size_t n = strlen(p);

        if (n < 5 || strcmp(p + n - 5, ".yaml") != 0)
                return false;
        return strcmp(base, "roadmap.yaml") == 0 ||
               strncmp(p, "offices/", 8) == 0 || strstr(p, "/offices/");
}

/* A conflicted entry that merges cleanly: git did not run the driver. */
static void told_clean(struct index_explain *x, const char *name)
{
        printf("%s: merges cleanly with 'roadmap merge-driver'; git did not "
               "run it (run 'roadmap git-setup' in this clone), then 'git "
               "checkout -m %s' merges it again\n",
               name, name);
        x->clean++;
}

static void explain_entry(struct index_explain *x,
                          const git_index_entry *const e[3], const char *name)
{
        git_repository *git = gitrepo_git(x->r);
        struct mdjob j;
        int s, n = -1;

        x->found++;
        if (!e[OURS] || !e[THEIRS]) {
                printf("%s: removed by %s, changed by %s\n", name,
                       e[OURS] ? "theirs" : "ours",
                       e[OURS] ? "ours" : "theirs");
                x->conflicts++;
                return;
        }
        mdjob_init(&j, name, x->o);
        for (s = BASE; s <= THEIRS; s++)
                if (e[s] &&
                    gitrepo_blob_read(git, &e[s]->id, TXN_MAX_SIZE,
                                      j.display[s], &j.text[s], &j.dl) != 0)
                        break;
        if (s > THEIRS)
                n = mdjob_explain_result(&j,
                                         mdjob_merge(&j, MERGE_STYLE_MERGE));
        else
                cli_print_diags(&j.dl);
        if (n == 0)
                told_clean(x, name);
        if (n < 0)
                x->failed = true;
        else
                x->conflicts += (size_t)n;
        mdjob_release(&j);
}

/* PATH, not conflicted in the index: the markers left in the work tree. */
static void explain_worktree(struct index_explain *x)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct strbuf text = STRBUF_INIT;
        const struct strbuf *t[] = {&text};
        char *full = xasprintf("%s%s", gitrepo_workdir(x->r), x->only);
        int n = -1;

        if (regfile_read(full, x->only, TXN_MAX_SIZE, &text, &dl) == 0)
                n = conflictfile_describe(mdjob_kind_of(x->only, t, 1), x->only,
                                          text.buf, text.len, &dl);
        diag_sort(&dl);
        diag_print(&dl, n > 0 ? stdout : stderr);
        if (n < 0)
                x->failed = true;
        else
                x->conflicts += (size_t)n;
        diag_list_release(&dl);
        strbuf_release(&text);
        free(full);
}

/* Each conflicted roadmap file of the index (or x->only), explained. */
static int explain_conflicts(struct index_explain *x, struct diag_list *dl)
{
        const git_index_entry *e[3];
        git_index_conflict_iterator *it = NULL;
        git_index *idx = NULL;
        const char *name;
        int rc = -1;

        if (gitlib()->git_repository_index(&idx, gitrepo_git(x->r)) < 0 ||
            gitlib()->git_index_conflict_iterator_new(&it, idx) < 0)
                goto out;
        while ((rc = gitlib()->git_index_conflict_next(&e[BASE], &e[OURS],
                                                       &e[THEIRS], it)) == 0) {
                name = (e[OURS]     ? e[OURS]
                        : e[THEIRS] ? e[THEIRS]
                                    : e[BASE])
                           ->path;
                if (x->only ? strcmp(name, x->only) == 0
                            : is_roadmap_file(name))
                        explain_entry(x, e, name);
        }
        rc = rc == GIT_ITEROVER ? 0 : -1;
out:
        if (rc != 0)
                diag_error(dl, ".", 0, 0, "cannot read git's index: %s",
                           gitrepo_last_error());
        if (it)
                gitlib()->git_index_conflict_iterator_free(it);
        if (idx)
                gitlib()->git_index_free(idx);
        return rc;
}

/* path (as given, from the current directory) from the top of the work
 * tree workdir (ending in '/'), or NULL after an error. */
static char *workdir_relative(const char *workdir, const char *path,
                              struct diag_list *dl)
{
        char *abs = realpath(path, NULL), *cwd, *rel = NULL;
        size_t n = strlen(workdir);

        if (!abs && (cwd = realpath(".", NULL))) {
                abs = xasprintf("%s/%s", cwd, path);
                free(cwd);
        }
        if (abs && strncmp(abs, workdir, n) == 0)
                rel = xstrdup(abs + n);
        else
                diag_error(dl, path, 0, 0, "is not in the git work tree");
        free(abs);
        return rel;
}

/* The git repository of the current directory; outside one, a hint
 * about merges in place of gitrepo's. */
static int open_repo(struct gitrepo **r, struct diag_list *dl)
{
        int rc = gitrepo_open(".", NULL, 0, r, dl);
        struct diag *d = dl->n ? &dl->items[dl->n - 1] : NULL;

        if (rc == GITREPO_NOT_FOUND && d) {
                free(d->hint);
                d->hint = NULL;
                diag_hint(d, "without files, --explain reads the conflicts "
                             "of a merge from git's index: run it in the "
                             "work tree of the merge, or give BASE OURS "
                             "THEIRS");
        }
        return rc;
}

int merge_driver_explain_index(const struct merge_driver_opts *o,
                               const char *path)
{
        struct index_explain x = {o, NULL, NULL, 0, 0, 0, false};
        struct diag_list dl = DIAG_LIST_INIT;
        char *only = NULL;
        int rc = open_repo(&x.r, &dl);

        if (rc == 0 && !gitrepo_workdir(x.r)) {
                diag_error(&dl, ".", 0, 0, "a bare repository merges nothing");
                rc = GITREPO_NOT_FOUND;
        }
        if (rc == 0 && path &&
            !(x.only = only =
                  workdir_relative(gitrepo_workdir(x.r), path, &dl)))
                rc = GITREPO_NOT_FOUND;
        if (rc == 0 && (rc = explain_conflicts(&x, &dl)) == 0 && only &&
            !x.found)
                explain_worktree(&x);
        cli_print_diags(&dl);
        if (rc == 0 && !x.conflicts && !x.failed && !x.clean)
                puts(only ? "no conflicts" : "no conflicted roadmap files");
        free(only);
        gitrepo_free(x.r);
        diag_list_release(&dl);
        if (rc == GITREPO_NOT_FOUND)
                return EXIT_USAGE;
        return rc == 0 && !x.conflicts && !x.failed && !x.clean ? EXIT_OK
                                                                : EXIT_INVALID;
}
