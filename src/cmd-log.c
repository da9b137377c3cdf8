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

#include "roadmap/bangla.h"
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
        int format; /* OPT_CHOICE: 1 for json */
        long max;
        int colour, calendar, digits; /* OPT_COLOR, OPT_CALENDAR, OPT_DIGITS */
        struct change_style style;    /* from them */
};

#define OFF(f) offsetof(struct args, f)

static const struct opt options[] = {
    {"since", 0, OPT_DATE, OFF(q.since), "DATE",
     "only commits authored on DATE or later", NULL, NULL, OPT_OPTIONAL},
    {"until", 0, OPT_DATE, OFF(q.until), "DATE",
     "only commits authored on DATE or earlier", NULL, NULL, OPT_OPTIONAL},
    {"format", 0, OPT_CHOICE, OFF(format), "F", "text (default) or json", NULL,
     "text|json", OPT_OPTIONAL},
    {"max-count", 'n', OPT_POSITIVE, OFF(max), "N", "at most N commits", NULL,
     NULL, OPT_OPTIONAL},
    {"rev", 0, OPT_STRING, OFF(rev), "REV",
     "start from commit REV (default HEAD)", NULL, NULL, OPT_OPTIONAL},
    OPT_COLOR(OFF(colour)),
    OPT_CALENDAR(OFF(calendar)),
    OPT_DIGITS(OFF(digits)),
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

/* "2026-10-06T10:00:00+06:00": the author date in its zone, for JSON. */
static void add_when_iso(struct strbuf *sb, const struct gitlog_commit *c)
{
        long long t = c->time + (long long)c->offset * 60;
        long long secs = ((t % 86400) + 86400) % 86400;
        int off = c->offset < 0 ? -c->offset : c->offset;
        char day[11];

        date_format_iso(c->date, day);
        strbuf_addf(sb, "%sT%02lld:%02lld:%02lld%c%02d:%02d", day, secs / 3600,
                    secs / 60 % 60, secs % 60, c->offset < 0 ? '-' : '+',
                    off / 60, off % 60);
}

/* "2026-10-06 10:00 +0600", for a person: the day as st writes dates
 * (ISO, or the Bangla calendar), its digits and the time's as st says. */
static void add_when(struct strbuf *sb, const struct gitlog_commit *c,
                     const struct change_style *st)
{
        long long t = c->time + (long long)c->offset * 60;
        long long secs = ((t % 86400) + 86400) % 86400;
        int off = c->offset < 0 ? -c->offset : c->offset;
        char buf[40];
        int n;

        date_format_iso(c->date, buf);
        n = snprintf(buf + 10, sizeof(buf) - 10, " %02lld:%02lld %c%02d%02d",
                     secs / 3600, secs / 60 % 60, c->offset < 0 ? '-' : '+',
                     off / 60, off % 60);
        n = n < 0 ? 0 : n;
        if (st->calendar == OUT_BANGLA) {
                bangla_format_date(c->date, sb); /* always Bengali digits */
                memmove(buf, buf + 10, (size_t)n + 1);
        } else {
                n += 10;
        }
        if (st->bengali_digits)
                bangla_digits(buf, (size_t)n, sb);
        else
                strbuf_add(sb, buf, (size_t)n);
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
        add_when(sb, c, &p->style);
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
        add_when_iso(&when, c);
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

static int exit_of(int rc, bool usage)
{
        if (rc == 0)
                return EXIT_OK;
        return rc == GITREPO_NOT_FOUND && usage ? EXIT_USAGE : EXIT_INVALID;
}

/* The office id that arg names (cmd_office_arg(): an id, or an office
 * file below the roadmap found on disk, else by its name) into *id.
 * EXIT_OK, or the exit status after printing why. */
static int office_of(const char *root, const char *arg, char **id)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *rel = NULL;
        int rc = EXIT_OK;

        if (cmd_office_arg(root, arg, id, &rel, &dl) != 0)
                rc = EXIT_INVALID;
        else if (cmd_check_id("log", "office", *id) != 0)
                rc = EXIT_USAGE;
        cli_print_diags(&dl);
        diag_list_release(&dl);
        free(rel);
        if (rc != EXIT_OK) {
                free(*id);
                *id = NULL;
        }
        return rc;
}

/* Walk the history from --rev (HEAD) in the repository of the current
 * directory, printing each commit. */
static int walk(struct args *a, const char *root, struct printer *p,
                struct diag_list *dl)
{
        struct gitsnap snap = GITSNAP_INIT;
        struct gitrepo *r = NULL;
        int rc = gitrepo_open(".", root, 0, &r, dl);

        if (rc == 0)
                rc = gitsnap_at(r, a->rev ? a->rev : "HEAD", &snap, dl);
        if (rc != 0) {
                rc = exit_of(rc, true);
        } else {
                rc = gitlog_walk(r, &snap, &a->q, print_commit, p, dl);
                print_end(p);
                rc = exit_of(rc, false);
        }
        gitsnap_release(&snap);
        gitrepo_free(r);
        return rc;
}

static int run_log(struct args *a, const char *arg)
{
        struct diag_list dl = DIAG_LIST_INIT, quiet = DIAG_LIST_INIT;
        struct printer p = {a->json, a->style, 0, STRBUF_INIT};
        char *root = repo_find_root(".", &quiet), *office = NULL;
        int rc = office_of(root, arg, &office);

        p.style.colour = !a->json && cli_use_colour((enum cli_colour)a->colour);
        a->q.office = office;
        if (rc == EXIT_OK)
                rc = walk(a, root, &p, &dl);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        diag_list_release(&quiet);
        strbuf_release(&p.sb);
        free(office);
        free(root);
        return rc;
}

int cmd_log(int argc, char **argv)
{
        struct args a;
        int n;

        memset(&a, 0, sizeof(a));
        n = opt_parse_args(&cmd_log_syntax, argc, argv, &a, 1, 2);
        if (n < 0)
                return opt_parse_exit(n);
        a.json = a.format == 1;
        a.style.calendar = (enum out_calendar)a.calendar;
        a.style.bengali_digits = a.digits == 1;
        if (n == 2 && cmd_check_id("log", "service", argv[2]) != 0)
                return EXIT_USAGE;
        a.q.service = n == 2 ? argv[2] : NULL;
        a.q.max = a.max > 0 ? (size_t)a.max : 0;
        if (date_is_set(a.q.since) && date_is_set(a.q.until) &&
            date_cmp(a.q.since, a.q.until) > 0)
                return opt_usage_error(&cmd_log_syntax,
                                       "--since is later than --until");
        return run_log(&a, argv[1]);
}
