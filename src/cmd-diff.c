/*
 * roadmap diff [REV [REV]] [--cached] [--] [OFFICE...]: what changed
 * between two versions of the roadmap, as the domain sees it
 * (roadmap-diff(1)).
 *
 * The versions are named as git names them: none compares the index with
 * the work tree, --cached HEAD (or REV) with the index, one REV that
 * revision with the work tree, two revisions or A..B the two, A...B their
 * merge base with B.  Only the files that differ by object id are read
 * (gitsnap_changes()), so the cost follows the change.  An office that
 * moved to another ministry's directory (deleted at one path, added with
 * the same id at another) is one office whose ministry changed.
 *
 * Everything is computed before anything is written: an error prints its
 * message and nothing else.  Read-only: no lock.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff-internal.h"
#include "roadmap/bangla.h"
#include "roadmap/cli.h"
#include "roadmap/commands.h"
#include "roadmap/gitrepo.h"
#include "roadmap/repo.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

#define OFF(f) offsetof(struct args, f)

static const struct opt options[] = {
    {"cached", 0, OPT_FLAG, OFF(cached), NULL,
     "compare HEAD (or REV) with the index", NULL, NULL, OPT_OPTIONAL},
    {"stat", 0, OPT_FLAG, OFF(stat), NULL,
     "one line per office with its counts, and a total", NULL, NULL,
     OPT_OPTIONAL},
    {"format", 0, OPT_CHOICE, OFF(format), "F",
     "text (default) or json: an array, one object per\nchange", NULL,
     "text|json", OPT_OPTIONAL},
    {"exit-code", 0, OPT_FLAG, OFF(exit_code), NULL,
     "exit 1 when there are changes, 0 when none, 2 on\nan error", NULL, NULL,
     OPT_OPTIONAL},
    OPT_COLOR(OFF(colour)),
    OPT_CALENDAR(OFF(calendar)),
    OPT_DIGITS(OFF(digits)),
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_diff_syntax = {
    .name = "diff",
    .operands = "[REV [REV]] [--] [OFFICE...]",
    .opts = options,
    .description =
        "Show what changed between two versions of the roadmap as the domain\n"
        "sees it, per office: services added, removed or renamed, changed\n"
        "fields old -> new, status moves, corrected history, approvals given,\n"
        "renewed or made stale, workshops, comments.  Without REV, the index\n"
        "against the work tree; --cached, HEAD (or REV) against the index;\n"
        "one REV against the work tree; two (or A..B) against each other;\n"
        "A...B, the merge base of A and B against B.  OFFICE... (ids or\n"
        "office files) limits the diff to those offices.\n",
    .help_col = 20,
    .flags = PARSE_OPERANDS_LAST,
};

static void run_release(struct run *r)
{
        size_t i;

        for (i = 0; i < r->noffices; i++)
                free(r->offices[i]);
        free(r->offices);
        for (i = 0; i < r->ngroups; i++)
                free(r->groups[i].heading);
        free(r->groups);
        changes_release(&r->changes);
        gitsnap_release(&r->from);
        gitsnap_release(&r->to);
        gitrepo_free(r->repo);
        diag_list_release(&r->dl);
        diag_list_release(&r->no_root);
        free(r->root);
}

/* ---- output -------------------------------------------------------------- */

#define SGR_BOLD "\033[1m"
#define SGR_RESET "\033[0m"

static void print_text(const struct run *r, struct strbuf *out)
{
        size_t i, k;

        for (i = 0; i < r->ngroups; i++) {
                const struct group *g = &r->groups[i];

                if (i)
                        strbuf_addch(out, '\n');
                strbuf_addf(out, "%s%s%s\n", r->a.style.colour ? SGR_BOLD : "",
                            g->heading, r->a.style.colour ? SGR_RESET : "");
                for (k = 0; k < g->n; k++)
                        change_format_text(&r->changes.items[g->first + k],
                                           &r->a.style, out);
        }
}

static void print_json(const struct run *r, struct strbuf *out)
{
        size_t i;

        strbuf_addch(out, '[');
        for (i = 0; i < r->changes.n; i++) {
                strbuf_addstr(out, i ? ",\n  " : "\n  ");
                change_format_json(&r->changes.items[i], out);
        }
        strbuf_addstr(out, r->changes.n ? "\n]\n" : "]\n");
}

/* What a --stat line counts a change as. */
enum tally { TALLY_ADDED, TALLY_REMOVED, TALLY_CHANGED, TALLY_N };

static enum tally tally_of(enum change_kind k)
{
        switch (k) {
        case CHANGE_MINISTRY_ADDED:
        case CHANGE_OFFICE_ADDED:
        case CHANGE_SERVICE_ADDED:
        case CHANGE_PLAN_ADDED:
        case CHANGE_APPROVAL_GIVEN:
        case CHANGE_WORKSHOP_ADDED:
                return TALLY_ADDED;
        case CHANGE_MINISTRY_REMOVED:
        case CHANGE_OFFICE_REMOVED:
        case CHANGE_SERVICE_REMOVED:
        case CHANGE_PLAN_REMOVED:
        case CHANGE_HISTORY_REMOVED:
        case CHANGE_APPROVAL_REMOVED:
        case CHANGE_WORKSHOP_REMOVED:
                return TALLY_REMOVED;
        default:
                return TALLY_CHANGED;
        }
}

/* A number as --digits asks. */
static void add_number(const struct run *r, struct strbuf *out, size_t n)
{
        char buf[24];
        int len = snprintf(buf, sizeof(buf), "%zu", n);

        if (r->a.style.bengali_digits)
                bangla_digits(buf, (size_t)len, out);
        else
                strbuf_add(out, buf, (size_t)len);
}

/* "6 changes: 1 added, 1 removed, 4 changed[, approval stale]". */
static void add_counts(const struct run *r, struct strbuf *out,
                       const size_t t[TALLY_N], bool stale)
{
        static const char *const word[TALLY_N] = {"added", "removed",
                                                  "changed"};
        size_t n = t[0] + t[1] + t[2];
        int k, parts = 0;

        add_number(r, out, n);
        strbuf_addstr(out, n == 1 ? " change:" : " changes:");
        for (k = 0; k < TALLY_N; k++) {
                if (!t[k])
                        continue;
                strbuf_addstr(out, parts++ ? ", " : " ");
                add_number(r, out, t[k]);
                strbuf_addf(out, " %s", word[k]);
        }
        if (stale)
                strbuf_addstr(out, ", approval stale");
}

/* The heading's first word: the office id or roadmap.yaml. */
static size_t name_len(const struct group *g)
{
        return strcspn(g->heading, " ");
}

static void print_stat(const struct run *r, struct strbuf *out)
{
        size_t total[TALLY_N] = {0}, i, k, w = 0;

        for (i = 0; i < r->ngroups; i++)
                if (name_len(&r->groups[i]) > w)
                        w = name_len(&r->groups[i]);
        for (i = 0; i < r->ngroups; i++) {
                const struct group *g = &r->groups[i];
                size_t t[TALLY_N] = {0};
                bool stale = false;

                for (k = 0; k < g->n; k++) {
                        const struct change *c =
                            &r->changes.items[g->first + k];
                        t[tally_of(c->kind)]++;
                        stale |= c->kind == CHANGE_APPROVAL_STALE;
                }
                for (k = 0; k < TALLY_N; k++)
                        total[k] += t[k];
                strbuf_addf(out, " %-*.*s  ", (int)w, (int)name_len(g),
                            g->heading);
                add_counts(r, out, t, stale);
                strbuf_addch(out, '\n');
        }
        if (!r->ngroups)
                return;
        strbuf_addch(out, ' ');
        add_number(r, out, r->ngroups);
        strbuf_addstr(out, r->ngroups == 1 ? " file, " : " files, ");
        add_counts(r, out, total, false);
        strbuf_addch(out, '\n');
}

/* ---- the command --------------------------------------------------------- */

/* The git repository of the working directory (or of $GIT_DIR, as git
 * finds it), and the roadmap on disk if there is one: two revisions need
 * only the repository (a bare one too), the index and the work tree a
 * roadmap in them (diff_open_snaps()). */
static int open_repo(struct run *r)
{

        r->root = repo_find_root(".", &r->no_root);
        return diff_exit_of(gitrepo_open(".", r->root, 0, &r->repo, &r->dl));
}

/* The words before "--" and the number of them (argc when none). */
static int before_dashes(int argc, char **argv)
{
        int i;

        for (i = 1; i < argc; i++)
                if (strcmp(argv[i], "--") == 0)
                        return i;
        return argc;
}

/* Parse argv; returns the number of operands and sets *nbefore to how
 * many came before "--", or a negative opt_parse() result. */
static int parse(struct run *r, int argc, char **argv, int *nbefore)
{
        int dashes = before_dashes(argc, argv), n, k;

        n = opt_parse(&cmd_diff_syntax, dashes, argv, &r->a);
        if (n < 0)
                return n;
        r->a.json = r->a.format == 1;
        r->a.style.calendar = (enum out_calendar)r->a.calendar;
        r->a.style.bengali_digits = r->a.digits == 1;
        *nbefore = n;
        for (k = dashes + 1; k < argc; k++)
                argv[++n] = argv[k];
        if (r->a.stat && r->a.json) {
                opt_usage_error(&cmd_diff_syntax,
                                "--stat and --format json cannot be used "
                                "together");
                return -1;
        }
        return n;
}

/* Errors exit 1 (the repository cannot be read, an office in neither
 * version) or 2 (usage, something named that does not exist); with
 * --exit-code, whose 1 means changes, every error exits 2. */
static int diff(struct run *r, int n, char **argv, int nbefore)
{
        struct strbuf out = STRBUF_INIT;
        int rc;

        if ((rc = open_repo(r)) != 0 ||
            (rc = diff_operands(r, n, argv, nbefore)) != 0 ||
            (rc = diff_open_snaps(r)) != 0 || (rc = diff_compute(r)) != 0) {
                cli_print_diags(&r->dl);
                return r->a.exit_code ? EXIT_USAGE : rc;
        }
        r->a.style.colour =
            !r->a.json && cli_use_colour((enum cli_colour)r->a.colour);
        if (r->a.json)
                print_json(r, &out);
        else if (r->a.stat)
                print_stat(r, &out);
        else
                print_text(r, &out);
        fwrite(out.buf, 1, out.len, stdout);
        strbuf_release(&out);
        return r->a.exit_code && r->changes.n ? EXIT_INVALID : EXIT_OK;
}

int cmd_diff(int argc, char **argv)
{
        struct run r;
        int nbefore = 0, n, rc;

        memset(&r, 0, sizeof(r));
        diag_list_init(&r.dl);
        diag_list_init(&r.no_root);
        r.from = (struct gitsnap)GITSNAP_INIT;
        r.to = (struct gitsnap)GITSNAP_INIT;
        n = parse(&r, argc, argv, &nbefore);
        rc = n < 0 ? opt_parse_exit(n) : diff(&r, n, argv, nbefore);
        run_release(&r);
        return rc;
}
