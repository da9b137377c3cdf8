/*
 * cmdutil: shared steps of the writing commands.  See cmdutil.h.
 */
#include "roadmap/cmdutil.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "roadmap/bangla.h"
#include "roadmap/cli.h"
#include "roadmap/model.h"
#include "roadmap/repo.h"
#include "roadmap/scan.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

void cmd_hint_near_office(struct diag *d, const struct office_list *l,
                          const char *id)
{
        const char *near = repo_near_office(l, id);

        if (near)
                diag_hint(d, "did you mean '%s'?", near);
}

/* Print the reasons in dl now and leave dl empty for the refusal that
 * follows from them: a refusal about no file would sort before them. */
static void reasons_first(struct diag_list *dl)
{
        cli_print_diags(dl);
        diag_list_release(dl);
        diag_list_init(dl);
}

/* The listing found what roadmap cannot read (a link, a FIFO, an
 * unreadable directory): print it, then the refusal that follows. */
static void refuse_unreadable(struct diag_list *dl)
{
        struct diag *d;

        reasons_first(dl);
        d = diag_error(dl, NULL, 0, 0,
                       "refusing to write while the repository holds what "
                       "roadmap cannot read; nothing was written");
        diag_hint(d, "fix the files above, then try again");
}

/* The id is used by more than one file: the duplicates are in dl (both
 * paths, as check names them); print them, then the refusal. */
static void refuse_duplicate(struct diag_list *dl, const char *id)
{
        struct diag *d;

        reasons_first(dl);
        d = diag_error(dl, NULL, 0, 0,
                       "refusing to write: office id '%s' is used by more "
                       "than one file; nothing was written",
                       id);
        diag_hint(d, "rename or remove all but one of them, then try again");
}

/* ---- an office named by its file ---------------------------------------- */

/* arg names a file rather than an id: it holds a '/' or ends in .yaml. */
static bool is_path(const char *arg)
{
        size_t n = strlen(arg);

        return strchr(arg, '/') ||
               (n >= 5 && strcmp(arg + n - 5, ".yaml") == 0);
}

/* arg as an absolute path with its directory resolved (".", "..", links),
 * or NULL when the directory does not exist. */
static char *absolute(const char *arg)
{
        const char *slash = strrchr(arg, '/');
        char *dir, *real, *abs = NULL;

        if (!slash)
                dir = xstrdup(".");
        else if (slash == arg)
                dir = xstrdup("/");
        else
                dir = xstrndup(arg, (size_t)(slash - arg));
        real = realpath(dir, NULL);
        if (real)
                abs = xasprintf("%s/%s", strcmp(real, "/") ? real : "",
                                slash ? slash + 1 : arg);
        free(dir);
        free(real);
        return abs;
}

/* The part of abs below root ("offices/lgd/kcc.yaml"), or NULL. */
static const char *below(const char *root, const char *abs)
{
        size_t n = strlen(root);

        if (strcmp(root, "/") == 0)
                return abs + 1;
        if (strncmp(abs, root, n) == 0 && abs[n] == '/')
                return abs + n + 1;
        return NULL;
}

/* The id of the office file rel ("offices/<dirs>/<id>.yaml"), or NULL. */
static char *office_id_of(const char *rel)
{
        const char *base = strrchr(rel, '/');
        size_t n, prefix = strlen(REPO_OFFICES);

        if (strncmp(rel, REPO_OFFICES "/", prefix + 1) != 0 || !base)
                return NULL;
        base++;
        n = strlen(base);
        if (n <= 5 || strcmp(base + n - 5, ".yaml") != 0 ||
            !model_valid_id(base, n - 5))
                return NULL;
        return xstrndup(base, n - 5);
}

/* Without a roadmap on disk: the office id of a file name, whatever its
 * directory. */
static int id_of_name(const char *arg, char **id, struct diag_list *dl)
{
        const char *slash = strrchr(arg, '/');
        char *rel = xasprintf("%s/x/%s", REPO_OFFICES, slash ? slash + 1 : arg);
        struct diag *d;

        *id = office_id_of(rel);
        free(rel);
        if (*id)
                return 0;
        d = diag_error(dl, NULL, 0, 0, "'%s' is not an office file", arg);
        diag_hint(d, "office files are %s/<ministry>/<id>.yaml", REPO_OFFICES);
        return -1;
}

int cmd_office_arg(const char *root, const char *arg, char **id, char **rel,
                   struct diag_list *dl)
{
        char *abs;
        const char *r;
        struct diag *d;

        *rel = NULL;
        if (!is_path(arg)) {
                *id = xstrdup(arg);
                return 0;
        }
        *id = NULL;
        if (!root)
                return id_of_name(arg, id, dl);
        if (!(abs = absolute(arg))) {
                diag_error(dl, NULL, 0, 0,
                           "no office file '%s': its directory does not exist",
                           arg);
                return -1;
        }
        if (!(r = below(root, abs))) {
                d = diag_error(dl, NULL, 0, 0,
                               "'%s' is outside the repository '%s'", arg,
                               root);
                diag_hint(d, "name the office by its id, or use -C DIR");
        } else if (!(*id = office_id_of(r))) {
                d = diag_error(dl, NULL, 0, 0, "'%s' is not an office file",
                               arg);
                diag_hint(d, "office files are %s/<ministry>/<id>.yaml",
                          REPO_OFFICES);
        } else {
                *rel = xstrdup(r);
        }
        free(abs);
        return *id ? 0 : -1;
}

/* The office found by the id of a path is the file the path names. */
static int same_file(const char *arg, const char *want, const char *found,
                     struct diag_list *dl)
{
        if (!want || strcmp(want, found) == 0)
                return 0;
        diag_hint(diag_error(dl, NULL, 0, 0, "no office file '%s'", arg),
                  "the office of that id is '%s'", found);
        return -1;
}

const struct office_file *cmd_office_listed(const char *root,
                                            const struct office_list *l,
                                            const char *arg,
                                            struct diag_list *dl)
{
        const struct office_file *f = NULL;
        char *id, *rel;

        if (cmd_office_arg(root, arg, &id, &rel, dl) != 0)
                return NULL;
        f = repo_office_find(l, id);
        if (!f)
                cmd_hint_near_office(
                    diag_error(dl, NULL, 0, 0, "no office '%s'", arg), l, id);
        else if (same_file(arg, rel, f->path, dl) != 0)
                f = NULL;
        free(id);
        free(rel);
        return f;
}

/* Find the office id (named arg, the file want if not NULL) in out->root. */
static int find_in_root(const char *arg, const char *id, const char *want,
                        struct cmd_office *out, struct diag_list *dl)
{
        struct office_list list = OFFICE_LIST_INIT;
        struct diag *d;
        char *rel = NULL;
        int rc = EXIT_INVALID;

        switch (scan_find_office(out->root, id, &list, &rel, dl)) {
        case SCAN_FOUND:
                if (same_file(arg, want, rel, dl) != 0)
                        break;
                out->path = xasprintf("%s/%s", out->root, rel);
                out->display = repo_display_path(out->root, rel);
                out->id = xstrdup(id);
                rc = EXIT_OK;
                break;
        case SCAN_UNREADABLE:
                refuse_unreadable(dl);
                break;
        case SCAN_DUPLICATE:
                refuse_duplicate(dl, id);
                break;
        case SCAN_NONE:
                if (want)
                        d = diag_error(dl, NULL, 0, 0, "no office file '%s'",
                                       arg);
                else
                        d = diag_error(dl, NULL, 0, 0,
                                       "no office '%s' in the repository", id);
                cmd_hint_near_office(d, &list, id);
                break;
        }
        repo_office_list_release(&list);
        free(rel);
        return rc;
}

int cmd_office_find(const char *cmd, const char *arg, struct cmd_office *out)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *id = NULL, *want = NULL;
        int rc = EXIT_INVALID;

        memset(out, 0, sizeof(*out));
        out->root = cli_repo_root();
        if (!out->root)
                return EXIT_INVALID;
        if (cmd_office_arg(out->root, arg, &id, &want, &dl) == 0)
                rc = find_in_root(arg, id, want, out, &dl);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        free(id);
        free(want);
        (void)cmd;
        return rc;
}

void cmd_office_release(struct cmd_office *o)
{
        free(o->root);
        free(o->path);
        free(o->display);
        free(o->id);
        memset(o, 0, sizeof(*o));
}

int cmd_txn_begin(struct edit_txn *t, enum edit_kind kind, const char *path,
                  const char *display, const char *expected_id)
{
        struct diag_list dl = DIAG_LIST_INIT;
        int rc = edit_txn_begin(t, kind, path, display, expected_id, &dl);

        cli_print_diags(&dl);
        diag_list_release(&dl);
        return rc == 0 ? EXIT_OK : EXIT_INVALID;
}

int cmd_txn_commit(struct edit_txn *t)
{
        struct diag_list dl = DIAG_LIST_INIT;
        int rc = edit_txn_commit(t, &dl);

        cli_print_diags(&dl);
        diag_list_release(&dl);
        return rc == 0 ? EXIT_OK : EXIT_INVALID;
}

/* The warning that an edit made the office's approval stale, at the
 * approval's digest in the new text. */
static void warn_stale(const struct edit_txn *t)
{
        const struct office *o = &t->after.m.office;
        const struct ynode *at = ynode_get(o->approval.node, "digest", NULL);
        struct diag_list dl = DIAG_LIST_INIT;
        struct diag *d;
        char date[11];

        if (!at)
                at = o->approval.node;
        date_format_iso(o->approval.date, date);
        d = diag_warning(&dl, t->display, at->line, at->col,
                         "the approval of %s is now stale: the services or "
                         "plans changed since the approval",
                         date);
        diag_hint(d,
                  "once the office head approves the roadmap again, record it "
                  "with 'roadmap approve %s --by NAME --date DATE'",
                  o->id);
        cli_print_diags(&dl);
        diag_list_release(&dl);
}

static void vsay(const char *who, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void vsay(const char *who, const char *fmt, va_list ap)
{
        struct strbuf what = STRBUF_INIT;

        strbuf_vaddf(&what, fmt, ap);
        fprintf(stderr, "%s: %s\n", cli_escaped(who), cli_escaped(what.buf));
        strbuf_release(&what);
}

void cmd_say(bool quiet, const char *who, const char *fmt, ...)
{
        va_list ap;

        if (quiet)
                return;
        va_start(ap, fmt);
        vsay(who, fmt, ap);
        va_end(ap);
}

int cmd_commit_say(struct edit_txn *t, bool quiet, const char *fmt, ...)
{
        bool office = t->kind == EDIT_OFFICE;
        const char *who = office ? t->before.m.office.id : t->display;
        va_list ap;
        int rc = cmd_txn_commit(t);

        if (rc != EXIT_OK)
                return rc;
        if (!quiet && t->changed) {
                va_start(ap, fmt);
                vsay(who, fmt, ap);
                va_end(ap);
        } else {
                cmd_say(quiet, who, "nothing to change");
        }
        if (office && t->changed &&
            office_approval_state(&t->before.m.office) == APPROVAL_APPROVED &&
            office_approval_state(&t->after.m.office) == APPROVAL_STALE)
                warn_stale(t);
        return rc;
}

/* Copies made of option values (NFC forms, office ids of paths),
 * reachable until the process ends. */
static char **kept;
static size_t nkept, capkept;

static const char *keep(char *s)
{
        kept = xgrow(kept, &capkept, nkept + 1, sizeof(*kept));
        kept[nkept++] = s;
        return s;
}

/* A path names an office only if that file is there: another directory's
 * file of the same name is not the office. */
static bool office_file_exists(const char *root, const char *rel,
                               const char *arg, struct diag_list *dl)
{
        char *path = xasprintf("%s/%s", root, rel);
        struct stat st;
        bool ok = stat(path, &st) == 0 && S_ISREG(st.st_mode);

        if (!ok)
                diag_hint(
                    diag_error(dl, NULL, 0, 0, "no office file '%s'", arg),
                    "'roadmap list offices' lists the offices; name one "
                    "by its id or its file");
        free(path);
        return ok;
}

int cmd_office_ids(const char *root, const char **args, size_t n)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *id, *rel;
        size_t i;
        int rc = EXIT_OK;

        for (i = 0; i < n; i++) {
                if (cmd_office_arg(root, args[i], &id, &rel, &dl) != 0 ||
                    (rel && !office_file_exists(root, rel, args[i], &dl))) {
                        free(id);
                        free(rel);
                        rc = EXIT_INVALID;
                        continue;
                }
                if (strcmp(id, args[i]) != 0)
                        args[i] = keep(id);
                else
                        free(id);
                free(rel);
        }
        cli_print_diags(&dl);
        diag_list_release(&dl);
        return rc;
}

/* *value in NFC: itself when it already is, else a kept copy. */
static int to_nfc(const char **value)
{
        struct strbuf nfc;

        strbuf_init(&nfc);
        if (bangla_nfc(*value, strlen(*value), &nfc) != 0) {
                strbuf_release(&nfc);
                return -1;
        }
        if (strcmp(nfc.buf, *value) != 0) {
                *value = keep(strbuf_detach(&nfc, NULL));
                return 0;
        }
        strbuf_release(&nfc);
        return 0;
}

/* Why text is not a valid option value, or NULL; *cp gets a culprit. */
static const char *bad_text(const char *s, long *cp)
{
        size_t n = strlen(s);

        if (n == 0)
                return "must not be empty";
        if (!bangla_valid_utf8(s, n))
                return "not valid UTF-8";
        if ((*cp = model_text_control(s, n)) >= 0)
                return "holds a control character";
        if (strpbrk(s, "\n\r"))
                return "holds a line break";
        return NULL;
}

int cmd_check_text(const char *cmd, const char *opt, const char **value)
{
        long cp = -1;
        const char *why = bad_text(*value, &cp);

        if (!why && to_nfc(value) != 0)
                why = "cannot be put in NFC";
        if (!why)
                return 0;
        if (cp >= 0)
                cli_error(cmd, NULL, "invalid %s: %s (U+%04lX)", opt, why, cp);
        else
                cli_error(cmd, NULL, "invalid %s: %s", opt, why);
        return -1;
}

int cmd_check_id(const char *cmd, const char *opt, const char *value)
{
        if (model_valid_id(value, strlen(value)))
                return 0;
        cli_error(cmd, NULL,
                  "invalid %s '%s': ids are 1 to 40 of a-z, 0-9 and '-', "
                  "starting with a letter or digit",
                  opt, value);
        return -1;
}

void cmd_workshop_describe(struct strbuf *sb, enum workshop_kind kind,
                           struct date date, long batch)
{
        char d[11];

        date_format_iso(date, d);
        strbuf_addf(sb, "%s workshop of %s", workshop_kind_name(kind), d);
        if (batch >= 0)
                strbuf_addf(sb, ", batch %ld", batch);
}

struct yval *cmd_tcv(struct edit *e, long days, long cost, long visits)
{
        struct yval *m;

        if (days < 0 && cost < 0 && visits < 0)
                return NULL;
        m = yval_map(e, true);
        if (days >= 0)
                yval_put(m, "days", yval_int(e, days));
        if (cost >= 0)
                yval_put(m, "cost", yval_int(e, cost));
        if (visits >= 0)
                yval_put(m, "visits", yval_int(e, visits));
        return m;
}

/* The office's ministry must be one of roadmap.yaml's, as check says. */
static int check_refs(struct edit_txn *t, const char *root)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *path = xasprintf("%s/%s", root, REPO_MARKER);
        char *display = repo_display_path(root, REPO_MARKER);
        int rc = edit_txn_check_refs(t, path, display, &dl);

        cli_print_diags(&dl);
        diag_list_release(&dl);
        free(path);
        free(display);
        return rc == 0 ? EXIT_OK : EXIT_INVALID;
}

int cmd_edit_office(const char *cmd, const char *office,
                    int (*apply)(struct edit_txn *t, const void *opts),
                    const void *opts)
{
        struct cmd_office where;
        struct edit_txn t;
        int rc;

        rc = cmd_office_find(cmd, office, &where);
        if (rc != EXIT_OK)
                goto out;
        rc =
            cmd_txn_begin(&t, EDIT_OFFICE, where.path, where.display, where.id);
        if (rc == EXIT_OK)
                rc = check_refs(&t, where.root);
        if (rc == EXIT_OK)
                rc = apply(&t, opts);
        edit_txn_release(&t);
out:
        cmd_office_release(&where);
        return rc;
}
