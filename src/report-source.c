/*
 * report-source: where a report's files come from -- the work tree, or a
 * version of the roadmap in git's objects (gitrepo.h) -- named in messages
 * as each source names them (see report-rows.h).
 */
#include <stdlib.h>
#include <string.h>

#include "roadmap/load.h"
#include "roadmap/report-rows.h"
#include "roadmap/scan.h"
#include "roadmap/xalloc.h"

char *report_source_prefix(const struct report_ctx *run)
{
        if (run->opt->snap)
                return gitsnap_display(run->opt->snap, "");
        return repo_display_path(run->root, "");
}

/* rel of the snapshot into buf: 0, or -1 with an error in dl (a file the
 * listing or the tree named but git does not hold is an error too). */
static int snap_read(struct gitrepo *git, const struct gitsnap *snap,
                     const char *rel, const char *display, struct strbuf *buf,
                     struct diag_list *dl)
{
        int rc = gitsnap_read(git, snap, rel, YAMLDOC_MAX_SIZE, buf, dl);

        if (rc == 1)
                diag_error(dl, display, 0, 0, "no such file in '%s'",
                           snap->name);
        return rc == 0 ? 0 : -1;
}

int report_source_meta(const struct report_ctx *run, struct loaded *meta,
                       struct diag_list *dl)
{
        const struct report_options *opt = run->opt;
        char *display = xasprintf("%s%s", run->prefix, REPO_MARKER);
        struct strbuf buf = STRBUF_INIT;
        char *path = NULL;
        int rc;

        if (opt->snap) {
                rc = snap_read(opt->git, opt->snap, REPO_MARKER, display, &buf,
                               dl);
                if (rc == 0)
                        rc = load_roadmap_bytes(meta, display, buf.buf, buf.len,
                                                dl);
        } else {
                path = xasprintf("%s/%s", run->root, REPO_MARKER);
                rc = load_roadmap(meta, path, display, dl);
        }
        strbuf_release(&buf);
        free(path);
        free(display);
        return rc;
}

int report_source_list(const struct report_ctx *run, struct office_list *all,
                       struct diag_list *dl)
{
        if (run->opt->snap)
                return gitsnap_list_offices(run->opt->git, run->opt->snap, all,
                                            dl);
        return repo_list_offices(run->root, all, dl);
}

/* ---- the duplicate-id rule in a snapshot -------------------------------- */

static char *snap_display(void *arg, const char *rel)
{
        const struct report_ctx *run = arg;

        return xasprintf("%s%s", run->prefix, rel);
}

static void snap_id_position(void *arg, const char *rel, int *line, int *col)
{
        const struct report_ctx *run = arg;

        gitsnap_id_position(run->opt->git, run->opt->snap, rel, line, col);
}

size_t report_source_check_ids(const struct report_ctx *run,
                               const struct office_file *const *files, size_t n,
                               bool skip, bool *dup, struct diag_list *dl)
{
        struct scan_place place = {snap_display, snap_id_position, (void *)run};

        if (!run->opt->snap)
                return scan_check_ids(run->root, files, n, skip, dup, dl);
        return scan_check_ids_at(&place, files, n, skip, dup, dl);
}

/* ---- a worker's files --------------------------------------------------- */

void report_source_open(struct report_worker *w)
{
        strbuf_init(&w->path);
        strbuf_init(&w->display);
        strbuf_init(&w->blob);
        diag_list_init(&w->git_errors);
        w->git = NULL;
        if (w->run->opt->snap)
                gitrepo_reopen(w->run->opt->git, &w->git, &w->git_errors);
}

void report_source_close(struct report_worker *w)
{
        gitrepo_free(w->git);
        w->git = NULL;
        diag_list_release(&w->git_errors);
        strbuf_release(&w->path);
        strbuf_release(&w->display);
        strbuf_release(&w->blob);
}

/* This thread could not open the repository: each office fails with why. */
static int not_open(const struct report_worker *w, struct diag_list *dl)
{
        const struct diag *d = w->git_errors.n ? &w->git_errors.items[0] : NULL;

        diag_error(dl, d ? d->path : w->display.buf, 0, 0, "%s",
                   d ? d->msg : "cannot open the git repository");
        return -1;
}

int report_source_load(struct report_worker *w, const struct office_file *f,
                       struct diag_list *dl)
{
        const struct report_ctx *run = w->run;

        strbuf_reset(&w->display);
        strbuf_addstr(&w->display, run->prefix);
        strbuf_addstr(&w->display, f->path);
        if (!run->opt->snap) {
                strbuf_reset(&w->path);
                strbuf_addstr(&w->path, run->root);
                strbuf_addch(&w->path, '/');
                strbuf_addstr(&w->path, f->path);
                return load_office(&w->l, w->path.buf, w->display.buf, f->id,
                                   dl);
        }
        if (!w->git)
                return not_open(w, dl);
        if (snap_read(w->git, run->opt->snap, f->path, w->display.buf, &w->blob,
                      dl) != 0)
                return -1;
        return load_office_bytes(&w->l, w->display.buf, w->blob.buf,
                                 w->blob.len, f->id, dl);
}
