/*
 * roadmap log OFFICE [SERVICE]: who changed an office, or one of its
 * services, what and when, newest first (roadmap-log(1)).  The walk is
 * gitlog's; this file parses the options and prints each commit as text
 * (coloured at a terminal, as git log's header lines) or JSON.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/gitlog.h"
#include "roadmap/gitrepo.h"
#include "roadmap/model.h"
#include "roadmap/officediff.h"
#include "roadmap/repo.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

struct args {
        struct gitlog_query q;
        const char *rev;
        bool json;
        long max;
};

static int opt_format(const struct cmd_syntax *syn, const struct opt *o,
                      const char *v, void *base)
{
        struct args *a = base;

        if (strcmp(v, "text") != 0 && strcmp(v, "json") != 0)
                return opt_usage_error(syn,
                                       "invalid --format '%s' (text or "
                                       "json)",
                                       v);
        a->json = strcmp(v, "json") == 0;
        return 0;
}

#define OFF(f) offsetof(struct args, f)

static const struct opt options[] = {
    {"since", 0, OPT_DATE, OFF(q.since), "DATE",
     "only commits authored on DATE or later", NULL, NULL, OPT_OPTIONAL},
    {"until", 0, OPT_DATE, OFF(q.until), "DATE",
     "only commits authored on DATE or earlier", NULL, NULL, OPT_OPTIONAL},
    {"format", 0, OPT_CALLBACK, 0, "F", "text (default) or json", opt_format,
     "text|json", OPT_OPTIONAL},
    {"max-count", 'n', OPT_POSITIVE, OFF(max), "N", "at most N commits", NULL,
     NULL, OPT_OPTIONAL},
    {"rev", 0, OPT_STRING, OFF(rev), "REV",
     "start from commit REV (default HEAD)", NULL, NULL, OPT_OPTIONAL},
    OPT_END_OF_TABLE,
};

const struct cmd_syntax cmd_log_syntax = {
    .name = "log",
    .operands = "OFFICE [SERVICE]",
    .opts = options,
    .description =
        "The history of an office, or of one of its services, in git: each\n"
        "commit that changed the office file, newest first, with its author,\n"
        "date, id and subject, then what changed as the domain sees it (as\n"
        "roadmap diff names it).  The file is followed to another ministry's\n"
        "directory, and a service back across its renames.  Dates are the\n"
        "author's.  Colour at a terminal, unless NO_COLOR is set.\n",
    .help_col = 22,
};

/* ---- printing ------------------------------------------------------------ */

struct printer {
        bool json;
        struct change_style style;
        size_t n; /* commits printed */
        struct strbuf sb;
};

static bool use_colour(void)
{
        const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

        if (no && *no)
                return false;
        if (term && strcmp(term, "dumb") == 0)
                return false;
        return isatty(STDOUT_FILENO) != 0;
}

/* "2026-10-06 10:00 +0600" (sep ' ') or "2026-10-06T10:00:00+06:00". */
static void add_when(struct strbuf *sb, const struct gitlog_commit *c, bool iso)
{
        long long t = c->time + (long long)c->offset * 60;
        long long secs = ((t % 86400) + 86400) % 86400;
        int off = c->offset < 0 ? -c->offset : c->offset;
        char day[11];

        date_format_iso(c->date, day);
        if (iso)
                strbuf_addf(sb, "%sT%02lld:%02lld:%02lld%c%02d:%02d", day,
                            secs / 3600, secs / 60 % 60, secs % 60,
                            c->offset < 0 ? '-' : '+', off / 60, off % 60);
        else
                strbuf_addf(sb, "%s %02lld:%02lld %c%02d%02d", day, secs / 3600,
                            secs / 60 % 60, c->offset < 0 ? '-' : '+', off / 60,
                            off % 60);
}

static void add_text(struct strbuf *sb, const char *s)
{
        strbuf_add_escaped(sb, s, strlen(s));
}

static void print_text(struct printer *p, const struct gitlog_commit *c)
{
        struct strbuf *sb = &p->sb;
        size_t i;

        if (p->n)
                strbuf_addch(sb, '\n');
        strbuf_addf(sb, "%scommit %s%s\n", p->style.colour ? "\033[33m" : "",
                    c->short_id, p->style.colour ? "\033[0m" : "");
        strbuf_addstr(sb, "Author: ");
        add_text(sb, c->author);
        strbuf_addstr(sb, " <");
        add_text(sb, c->email);
        strbuf_addstr(sb, ">\nDate:   ");
        add_when(sb, c, false);
        strbuf_addstr(sb, "\n\n    ");
        add_text(sb, c->subject);
        strbuf_addstr(sb, "\n\n");
        for (i = 0; i < c->changes->n; i++)
                change_format_text(&c->changes->items[i], &p->style, sb);
}

static void add_member(struct strbuf *sb, const char *name, const char *value)
{
        strbuf_addf(sb, "\"%s\":", name);
        strbuf_add_json_string(sb, value, strlen(value));
        strbuf_addch(sb, ',');
}

static void print_json(struct printer *p, const struct gitlog_commit *c)
{
        struct strbuf *sb = &p->sb, when = STRBUF_INIT;
        size_t i;

        strbuf_addstr(sb, p->n ? ",\n{" : "[\n{");
        add_member(sb, "commit", c->hex);
        add_member(sb, "author", c->author);
        add_member(sb, "email", c->email);
        add_when(&when, c, true);
        add_member(sb, "date", when.buf);
        add_member(sb, "subject", c->subject);
        strbuf_addstr(sb, "\"changes\":[");
        for (i = 0; i < c->changes->n; i++) {
                if (i)
                        strbuf_addch(sb, ',');
                change_format_json(&c->changes->items[i], sb);
        }
        strbuf_addstr(sb, "]}");
        strbuf_release(&when);
}

/* Each commit as the walk finds it, so that what was found is printed
 * when the walk stops at an error. */
static void print_commit(const struct gitlog_commit *c, void *ctx)
{
        struct printer *p = ctx;

        strbuf_reset(&p->sb);
        if (p->json)
                print_json(p, c);
        else
                print_text(p, c);
        fwrite(p->sb.buf, 1, p->sb.len, stdout);
        p->n++;
}

static void print_end(struct printer *p)
{
        if (p->json)
                fputs(p->n ? "\n]\n" : "[\n]\n", stdout);
        fflush(stdout);
}

/* ---- the command --------------------------------------------------------- */

/* The office id arg names: an id, or an office file's path
 * ("offices/lgd/kcc.yaml"), of which the id is the name.  NULL after a
 * usage error. */
static char *office_id(const char *arg)
{
        const char *base = strrchr(arg, '/');
        size_t n;

        base = base ? base + 1 : arg;
        n = strlen(base);
        if (n > 5 && strcmp(base + n - 5, ".yaml") == 0)
                n -= 5;
        {
                char *id = xstrndup(base, n);
                if (cmd_check_id("log", "office", id) == 0)
                        return id;
                free(id);
                return NULL;
        }
}

static int exit_of(int rc, bool usage)
{
        if (rc == 0)
                return EXIT_OK;
        return rc == GITREPO_NOT_FOUND && usage ? EXIT_USAGE : EXIT_INVALID;
}

static int run_log(struct args *a)
{
        struct diag_list dl = DIAG_LIST_INIT, quiet = DIAG_LIST_INIT;
        struct printer p = {a->json, {use_colour(), false, 0}, 0, STRBUF_INIT};
        struct gitsnap snap = GITSNAP_INIT;
        struct gitrepo *r = NULL;
        char *root = repo_find_root(".", &quiet);
        int rc;

        if (a->json)
                p.style.colour = false;
        rc = gitrepo_open(".", root, 0, &r, &dl);
        if (rc == 0)
                rc = gitsnap_at(r, a->rev ? a->rev : "HEAD", &snap, &dl);
        if (rc != 0) {
                rc = exit_of(rc, true);
                goto done;
        }
        rc = gitlog_walk(r, &snap, &a->q, print_commit, &p, &dl);
        print_end(&p);
        rc = exit_of(rc, false);
done:
        cli_print_diags(&dl);
        diag_list_release(&dl);
        diag_list_release(&quiet);
        gitsnap_release(&snap);
        gitrepo_free(r);
        strbuf_release(&p.sb);
        free(root);
        return rc;
}

int cmd_log(int argc, char **argv)
{
        struct args a = {0};
        char *office = NULL;
        int n = opt_parse_args(&cmd_log_syntax, argc, argv, &a, 1, 2), rc;

        if (n < 0)
                return opt_parse_exit(n);
        if (!(office = office_id(argv[1])))
                return EXIT_USAGE;
        if (n == 2 && cmd_check_id("log", "service", argv[2]) != 0) {
                free(office);
                return EXIT_USAGE;
        }
        a.q.office = office;
        a.q.service = n == 2 ? argv[2] : NULL;
        a.q.max = a.max > 0 ? (size_t)a.max : 0;
        if (date_is_set(a.q.since) && date_is_set(a.q.until) &&
            date_cmp(a.q.since, a.q.until) > 0) {
                free(office);
                return opt_usage_error(&cmd_log_syntax,
                                       "--since is later than --until");
        }
        rc = run_log(&a);
        free(office);
        return rc;
}
