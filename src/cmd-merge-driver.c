/*
 * roadmap merge-driver BASE OURS THEIRS [PATH]: git's merge driver for
 * office files and roadmap.yaml (%O %A %B %P; roadmap-merge-driver(1)).
 * The three versions are merged at the level of the model (merge.h) and
 * the result written over OURS, git's temporary file, through the one
 * write path (txn.h): exit 0 when clean, 1 with conflict markers around
 * each conflict, each named on stderr.  A version the model cannot read
 * leaves git's own line merge (mergetext.h), as git would have without a
 * driver.
 *
 * roadmap merge-driver --explain: the same merge, written nowhere, its
 * conflicts listed; without files, those of the conflicted roadmap files
 * of git's index, merged again.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge-driver-internal.h"
#include "roadmap/cli.h"
#include "roadmap/commands.h"
#include "roadmap/conflictfile.h"
#include "roadmap/gitrepo.h"
#include "roadmap/load.h"
#include "roadmap/merge.h"
#include "roadmap/mergetext.h"
#include "roadmap/officediff.h"
#include "roadmap/regfile.h"
#include "roadmap/txn.h"
#include "roadmap/xalloc.h"
#include "roadmap/ycomment.h"

/* The longest conflict marker written (git's own limit is larger; the
 * line merge takes at most this). */
#define MARKER_SIZE_MAX 1000

#define OFF(f) offsetof(struct merge_driver_opts, f)

static const struct opt options[] = {
    {"ancestor", 0, OPT_FLAG, OFF(ancestor), NULL,
     "build the virtual ancestor of a criss-cross merge:\n"
     "where the sides conflict, the base's version, no markers",
     NULL, NULL, OPT_OPTIONAL},
    {"marker-size", 0, OPT_NUMBER, OFF(marker_size), "N",
     "the length of the conflict markers (git's %L;\n"
     "0 or absent: 7; at most 1000)",
     NULL, NULL, OPT_OPTIONAL},
    {"ours-label", 0, OPT_STRING, OFF(ours_label), "L",
     "the name after '<<<<<<<' (git's %X; default ours)", NULL, NULL,
     OPT_OPTIONAL},
    {"theirs-label", 0, OPT_STRING, OFF(theirs_label), "L",
     "the name after '>>>>>>>' (git's %Y; default theirs)", NULL, NULL,
     OPT_OPTIONAL},
    {"base-label", 0, OPT_STRING, OFF(base_label), "L",
     "the name after '|||||||' (git's %S; default base)", NULL, NULL,
     OPT_OPTIONAL},
    {"explain", 0, OPT_FLAG, OFF(explain), NULL,
     "write nothing; list the conflicts, of the files given\n"
     "or of the conflicted roadmap files of git's index",
     NULL, NULL, OPT_OPTIONAL},
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_merge_driver_syntax = {
    .name = "merge-driver",
    .operands = "BASE OURS THEIRS [PATH]",
    .opts = options,
    .usage = "roadmap merge-driver [--ancestor] [--marker-size N] "
             "[--ours-label L] [--theirs-label L] [--base-label L] BASE OURS "
             "THEIRS [PATH]\n"
             "roadmap merge-driver --explain [BASE OURS THEIRS] [PATH]",
    .description =
        "Merge two versions of an office file or of roadmap.yaml against\n"
        "their common ancestor, for git ('roadmap git-setup' installs it as\n"
        "the merge driver, called with %O %A %B %P).  Services are matched\n"
        "by id and each field merged on its own, so that two branches that\n"
        "add or change different services merge cleanly; the result, with\n"
        "our comments and layout, is written over OURS.  A true conflict is\n"
        "marked in git's format around the one field or service it is about\n"
        "and named on stderr; the exit status is then 1.  A version that is\n"
        "not valid leaves git's own line merge.\n"
        "\n"
        "With --explain, write nothing and list the conflicts; without\n"
        "files, those of the conflicted roadmap files in git's index (or the\n"
        "markers in the work tree's PATH).\n",
    .help_col = 20,
};

static const char *const side_names[] = {"base", "ours", "theirs"};

/* A label git gave: newer gits fill %S %X %Y, older ones leave them. */
static const char *label(const char *given, const char *dflt)
{
        if (!given || !*given || strcmp(given, "%S") == 0 ||
            strcmp(given, "%X") == 0 || strcmp(given, "%Y") == 0)
                return dflt;
        return given;
}

void mdjob_init(struct mdjob *j, const char *name,
                const struct merge_driver_opts *o)
{
        int s;

        memset(j, 0, sizeof(*j));
        j->name = name;
        for (s = BASE; s <= THEIRS; s++) {
                j->display[s] = xasprintf("%s (%s)", name, side_names[s]);
                strbuf_init(&j->text[s]);
        }
        j->merged = xasprintf("%s (merged)", name);
        j->mo.display = j->merged;
        j->mo.marker_size = (int)o->marker_size;
        j->mo.label_ours = label(o->ours_label, "ours");
        j->mo.label_theirs = label(o->theirs_label, "theirs");
        j->mo.label_base = label(o->base_label, "base");
        j->mo.ancestor = o->ancestor;
        j->mo.style = MERGE_STYLE_MERGE;
        merge_result_init(&j->res);
        diag_list_init(&j->dl);
}

void mdjob_release(struct mdjob *j)
{
        int s;

        for (s = BASE; s <= THEIRS; s++) {
                free(j->display[s]);
                strbuf_release(&j->text[s]);
        }
        free(j->merged);
        merge_result_release(&j->res);
        diag_list_release(&j->dl);
}

static bool has_top_key(const struct strbuf *sb, const char *key)
{
        size_t n = strlen(key);
        const char *p = sb->buf, *end = sb->buf + sb->len;

        while (p && p < end) {
                if ((size_t)(end - p) > n && memcmp(p, key, n) == 0 &&
                    p[n] == ':')
                        return true;
                p = memchr(p, '\n', (size_t)(end - p));
                p = p ? p + 1 : NULL;
        }
        return false;
}

/* roadmap.yaml at the top by its name; else an office unless the first
 * of the n texts that says (by its top-level keys) is roadmap.yaml (the
 * roadmap root in a subdirectory). */
enum load_kind mdjob_kind_of(const char *name, const struct strbuf *const *t,
                             size_t n)
{
        size_t i;

        if (strcmp(name, "roadmap.yaml") == 0)
                return LOAD_ROADMAP;
        for (i = 0; i < n; i++) {
                if (has_top_key(t[i], "office"))
                        return LOAD_OFFICE;
                if (has_top_key(t[i], "ministries"))
                        return LOAD_ROADMAP;
        }
        return LOAD_OFFICE;
}

static void job_inputs(const struct mdjob *j, struct merge_input in[3])
{
        int s;

        for (s = BASE; s <= THEIRS; s++) {
                in[s].display = j->display[s];
                in[s].buf = j->text[s].buf;
                in[s].len = j->text[s].len;
        }
}

/* merge_run() in the given style, its last result released first. */
int mdjob_merge(struct mdjob *j, enum merge_style style)
{
        struct merge_input in[3];
        const struct strbuf *order[] = {&j->text[OURS], &j->text[THEIRS],
                                        &j->text[BASE]};

        merge_result_release(&j->res);
        merge_result_init(&j->res);
        diag_list_release(&j->dl);
        j->mo.kind = mdjob_kind_of(j->name, order, 3);
        j->mo.style = style;
        job_inputs(j, in);
        return merge_run(&j->mo, &in[BASE], &in[OURS], &in[THEIRS], &j->res,
                         &j->dl);
}

/* merge.conflictStyle, given for this run ('git -c') or else read from
 * git's config (libgit2), only when a conflict is to be written. */
static enum mergetext_style conflict_style(void)
{
        struct diag_list dl = DIAG_LIST_INIT;
        enum mergetext_style style = MERGETEXT_MERGE;
        struct gitrepo *r = NULL;
        git_config *cfg = NULL;
        const char *v = NULL;
        char *given = mergetext_env_config("merge.conflictStyle");

        if (given) {
                style = mergetext_style_parse(given);
                free(given);
                return style;
        }
        if (gitrepo_open(".", NULL, 0, &r, &dl) == 0 &&
            gitlib()->git_repository_config_snapshot(&cfg, gitrepo_git(r)) ==
                0) {
                if (gitlib()->git_config_get_string(&v, cfg,
                                                    "merge.conflictStyle") == 0)
                        style = mergetext_style_parse(v);
                gitlib()->git_config_free(cfg);
        }
        gitrepo_free(r);
        diag_list_release(&dl);
        return style;
}

/* Each conflict as "PATH: what" on fp; how many. */
size_t mdjob_print_conflicts(const struct mdjob *j, FILE *fp)
{
        struct strbuf line = STRBUF_INIT;
        size_t i;

        for (i = 0; i < j->res.nconflicts; i++) {
                strbuf_reset(&line);
                merge_conflict_format(&j->res.conflicts[i], &line);
                fprintf(fp, "%s: %s\n", j->name, line.buf);
        }
        strbuf_release(&line);
        return j->res.nconflicts;
}

/* The notes of a merge, and whether its approval is stale, to stderr. */
static void print_notes(const struct mdjob *j)
{
        const char *p = j->res.notes.buf, *end = p + j->res.notes.len, *nl;

        for (; p < end; p = nl + 1) {
                if (!(nl = memchr(p, '\n', (size_t)(end - p))))
                        nl = end;
                fprintf(stderr, "%s: %.*s\n", j->name, (int)(nl - p), p);
        }
        if (j->res.approval_stale)
                fprintf(stderr,
                        "%s: the merged approval is stale: its plans "
                        "changed; run 'roadmap approve'\n",
                        j->name);
}

/* ---- their comments ----------------------------------------------------- */

/* Whether a and b hold the same comments in the same order. */
static bool same_comments(const struct ycomment_set *a,
                          const struct ycomment_set *b)
{
        size_t i;

        if (a->n != b->n)
                return false;
        for (i = 0; i < a->n; i++)
                if (a->items[i].n != b->items[i].n ||
                    memcmp(a->items[i].s, b->items[i].s, a->items[i].n) != 0)
                        return false;
        return true;
}

/* The comments of theirs (ct) that neither the base (cb) nor the merged
 * text has, as many times as theirs has them more, one a line. */
static void lost_comments(const struct mdjob *j, struct ycomment_set *ct,
                          struct ycomment_set *cb, struct strbuf *out)
{
        struct ycomment_set cm = YCOMMENT_SET_INIT;
        size_t i;

        ycomment_set_read(j->res.out.buf, j->res.out.len, &cm);
        ycomment_set_mark_common(ct, cb);
        ycomment_set_mark_common(ct, &cm);
        for (i = 0; i < ct->n; i++) {
                if (ct->items[i].common)
                        continue;
                strbuf_addstr(out, "  ");
                strbuf_add_escaped(out, ct->items[i].s, ct->items[i].n);
                strbuf_addch(out, '\n');
        }
        ycomment_set_release(&cm);
}

/* Whether every line end of text is the one of ours' first line. */
static bool line_ends_of_ours(const struct mdjob *j, const struct strbuf *text)
{
        const char *nl = memchr(j->text[OURS].buf, '\n', j->text[OURS].len);
        bool crlf = nl && nl > j->text[OURS].buf && nl[-1] == '\r';
        size_t i;

        for (i = 0; nl && i < text->len; i++)
                if (text->buf[i] == '\n' &&
                    (i > 0 && text->buf[i - 1] == '\r') != crlf)
                        return false;
        return true;
}

/* Whether a and b, both valid, mean the same but for their comments. */
static bool same_but_comments(const struct mdjob *j, const struct strbuf *a,
                              const struct strbuf *b)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct changes ch = CHANGES_INIT;
        struct loaded la, lb;
        bool same = false;
        size_t i;

        loaded_init(&la);
        loaded_init(&lb);
        if (load_bytes(&la, j->mo.kind, j->merged, a->buf, a->len, NULL, &dl) ==
                0 &&
            load_bytes(&lb, j->mo.kind, j->name, b->buf, b->len, NULL, &dl) ==
                0) {
                if (j->mo.kind == LOAD_ROADMAP)
                        officediff_roadmaps(&la, &lb, NULL, &ch);
                else
                        officediff_offices(&la, &lb, NULL, &ch);
                for (i = 0; i < ch.n && ch.items[i].kind == CHANGE_COMMENTS;)
                        i++;
                same = i == ch.n;
        }
        changes_release(&ch);
        loaded_release(&la);
        loaded_release(&lb);
        diag_list_release(&dl);
        return same;
}

/* git's line merge of the three into out, when it is clean, in our line
 * ends, and means what the model's merge means. */
static bool line_merge_same(struct mdjob *j, struct strbuf *out)
{
        struct mergetext_opts mt = {j->mo.marker_size, j->mo.label_ours,
                                    j->mo.label_theirs, j->mo.label_base,
                                    MERGETEXT_MERGE};
        struct mergetext_input in[3];
        struct diag_list dl = DIAG_LIST_INIT;
        int s, rc;

        for (s = BASE; s <= THEIRS; s++) {
                in[s].buf = j->text[s].buf;
                in[s].len = j->text[s].len;
        }
        rc = mergetext_run(&mt, &in[BASE], &in[OURS], &in[THEIRS], j->name, out,
                           &dl);
        diag_list_release(&dl);
        return rc == 0 && line_ends_of_ours(j, out) &&
               same_but_comments(j, &j->res.out, out);
}

/*
 * The text to write of a clean merge: the model's (our bytes, their
 * values) keeps our comments only.  When theirs changed comments, git's
 * line merge (into line) keeps both sides' comments and layout, if it is
 * clean and means the same; else the model's, and a note of the comments
 * of theirs it lacks.  Comments unchanged by theirs: no line merge.
 */
static const struct strbuf *with_their_comments(struct mdjob *j,
                                                struct strbuf *line)
{
        struct ycomment_set cb = YCOMMENT_SET_INIT, ct = YCOMMENT_SET_INIT;
        const struct strbuf *text = &j->res.out;
        struct strbuf lost = STRBUF_INIT;

        ycomment_set_read(j->text[BASE].buf, j->text[BASE].len, &cb);
        ycomment_set_read(j->text[THEIRS].buf, j->text[THEIRS].len, &ct);
        if (same_comments(&cb, &ct))
                goto out;
        if (line_merge_same(j, line)) {
                text = line;
                goto out;
        }
        lost_comments(j, &ct, &cb, &lost);
        if (lost.len)
                fprintf(stderr,
                        "%s: comments their side added or changed are not "
                        "kept:\n%s",
                        j->name, lost.buf);
out:
        strbuf_release(&lost);
        ycomment_set_release(&cb);
        ycomment_set_release(&ct);
        return text;
}

/* ---- the driver --------------------------------------------------------- */

/* The three files into j; ours through the transaction t that is to
 * replace it (NULL: nothing is written). */
static int job_read(struct mdjob *j, char **files, struct txn *t)
{
        int s;

        for (s = BASE; s <= THEIRS; s++) {
                if (s == OURS && t) {
                        if (txn_begin_replace(t, files[s], files[s], &j->dl))
                                return -1;
                        strbuf_add(&j->text[s], t->old.buf, t->old.len);
                } else if (regfile_read(files[s], files[s], TXN_MAX_SIZE,
                                        &j->text[s], &j->dl) != 0) {
                        return -1;
                }
        }
        return 0;
}

/* Whether text, written as PATH, loads as a valid file of its kind; its
 * errors (at their places in PATH) and what that means to stderr if not:
 * the driver then exits 1, so that git records a conflict rather than
 * commit an invalid file. */
static bool loads_valid(const struct mdjob *j, const struct strbuf *text)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct loaded l;
        bool ok;

        loaded_init(&l);
        ok = load_bytes(&l, j->mo.kind, j->name, text->buf, text->len, NULL,
                        &dl) == 0;
        cli_print_diags(&dl);
        if (!ok)
                fprintf(stderr,
                        "%s: left git's line merge, which is not valid: fix "
                        "it, then 'git add %s'\n",
                        j->name, j->name);
        diag_list_release(&dl);
        loaded_release(&l);
        return ok;
}

/* A version the model cannot merge: its diagnostics, then git's own line
 * merge of the three written through t (none: nothing written).  The exit
 * status. */
static int fallback(struct mdjob *j, struct txn *t)
{
        struct mergetext_opts mt = {j->mo.marker_size, j->mo.label_ours,
                                    j->mo.label_theirs, j->mo.label_base,
                                    conflict_style()};
        struct mergetext_input in[3];
        struct strbuf out = STRBUF_INIT;
        int s, rc;

        cli_print_diags(&j->dl);
        diag_list_release(&j->dl);
        for (s = BASE; s <= THEIRS; s++) {
                in[s].buf = j->text[s].buf;
                in[s].len = j->text[s].len;
        }
        rc = mergetext_run(&mt, &in[BASE], &in[OURS], &in[THEIRS], j->name,
                           &out, &j->dl);
        if (rc < 0 || txn_commit(t, out.buf, out.len, NULL, NULL, &j->dl) != 0)
                rc = -1;
        else if (rc == 0 && !loads_valid(j, &out))
                rc = 1;
        else
                fprintf(stderr, "%s: left git's line merge\n", j->name);
        strbuf_release(&out);
        return rc == 0 ? EXIT_OK : EXIT_INVALID;
}

/* What a person is told of a merge written with conflicts or notes. */
static void tell(const struct mdjob *j)
{
        if (mdjob_print_conflicts(j, stderr))
                fprintf(stderr,
                        "hint: resolve them, then 'git add %s'; 'roadmap "
                        "merge-driver --explain %s' lists them again\n",
                        j->name, j->name);
        print_notes(j);
}

static int drive(const struct merge_driver_opts *o, char **files,
                 const char *path)
{
        struct strbuf line = STRBUF_INIT;
        const struct strbuf *text;
        struct mdjob j;
        struct txn t;
        int rc, status = EXIT_INVALID;

        mdjob_init(&j, path ? path : files[OURS], o);
        text = &j.res.out;
        txn_init(&t);
        if (job_read(&j, files, &t) != 0)
                goto out;
        rc = mdjob_merge(&j, MERGE_STYLE_MERGE);
        if (rc == MERGE_CONFLICTS && !o->ancestor &&
            conflict_style() != MERGETEXT_MERGE)
                rc = mdjob_merge(&j, MERGE_STYLE_DIFF3);
        if (rc != 0 && rc != MERGE_CONFLICTS) {
                status = fallback(&j, &t);
                goto out;
        }
        if (rc == 0 && !o->ancestor)
                text = with_their_comments(&j, &line);
        if (txn_commit(&t, text->buf, text->len, NULL, NULL, &j.dl))
                goto out;
        if (!o->ancestor)
                tell(&j);
        status = rc == 0 ? EXIT_OK : EXIT_INVALID;
out:
        cli_print_diags(&j.dl);
        txn_release(&t);
        mdjob_release(&j);
        strbuf_release(&line);
        return status;
}

/* ---- --explain ---------------------------------------------------------- */

/* The conflicts of a merge j ran (rc), on stdout: how many, or -1 when it
 * could not be merged (its diagnostics on stderr). */
int mdjob_explain_result(struct mdjob *j, int rc)
{
        if (rc != 0 && rc != MERGE_CONFLICTS) {
                cli_print_diags(&j->dl);
                fprintf(stderr,
                        "%s: not merged by roadmap: git's line merge "
                        "applies\n",
                        j->name);
                return -1;
        }
        cli_print_diags(&j->dl);
        return (int)mdjob_print_conflicts(j, stdout);
}

static int explain_files(const struct merge_driver_opts *o, char **files,
                         const char *path)
{
        struct mdjob j;
        int n = -1;

        mdjob_init(&j, path ? path : files[OURS], o);
        if (job_read(&j, files, NULL) == 0)
                n = mdjob_explain_result(&j,
                                         mdjob_merge(&j, MERGE_STYLE_MERGE));
        else
                cli_print_diags(&j.dl);
        if (n == 0)
                puts("no conflicts");
        mdjob_release(&j);
        return n == 0 ? EXIT_OK : EXIT_INVALID;
}

int cmd_merge_driver(int argc, char **argv)
{
        struct merge_driver_opts o = {0, NULL, NULL, NULL, false, false};
        static const char *const missing[] = {"missing BASE, OURS or THEIRS",
                                              "missing OURS or THEIRS",
                                              "missing THEIRS"};
        int n = opt_parse(&cmd_merge_driver_syntax, argc, argv, &o);

        if (n < 0)
                return opt_parse_exit(n);
        if (o.marker_size <= 0)
                o.marker_size = 7;
        if (o.marker_size > MARKER_SIZE_MAX)
                o.marker_size = MARKER_SIZE_MAX;
        if (o.explain && n <= 1)
                return merge_driver_explain_index(&o, n ? argv[1] : NULL);
        if (n < 3 || n > 4)
                return opt_usage_error(&cmd_merge_driver_syntax, "%s",
                                       n > 4 ? "too many arguments"
                                             : missing[n]);
        if (o.explain)
                return explain_files(&o, argv + 1, n == 4 ? argv[4] : NULL);
        return drive(&o, argv + 1, n == 4 ? argv[4] : NULL);
}
