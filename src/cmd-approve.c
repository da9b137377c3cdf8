/*
 * roadmap approve OFFICE --by NAME --date DATE [...]: record the office
 * head's approval of the roadmap and the digest of the approved plans.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/bangla.h"
#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/schema.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"
#include "roadmap/commands.h"
#include "roadmap/digest.h"
#include "roadmap/githist.h"

#define OFF(f) offsetof(struct opts, f)

struct opts {
        const char *office, *by, *memo;
        struct date date, submitted;
        bool renew, quiet;
};

static const struct opt options[] = {
    {"by", 0, OPT_TEXT, OFF(by), "NAME",
     "who approved (the office head's designation)", NULL, NULL, OPT_REQUIRED},
    {"date", 0, OPT_PAST_DATE, OFF(date), "DATE", "the date of the approval",
     NULL, NULL, OPT_REQUIRED},
    {"memo", 0, OPT_TEXT, OFF(memo), "M", "the memo (smarak) number", NULL,
     NULL, OPT_OPTIONAL},
    {"submitted", 0, OPT_PAST_DATE, OFF(submitted), "DATE",
     "the date it was sent to the ministry secretary", NULL, NULL,
     OPT_OPTIONAL},
    {"renew", 0, OPT_FLAG, OFF(renew), NULL,
     "record the current services and plans under a stale\n"
     "approval's own head and date",
     NULL, NULL, OPT_OPTIONAL},
    OPT_QUIET(OFF(quiet)),
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_approve_syntax = {
    .name = "approve",
    .operands = "OFFICE",
    .opts = options,
    .description =
        "Record the office head's approval of the roadmap with the digest of\n"
        "the services and plans as they stand; a later change to them makes\n"
        "the approval stale, progress does not.  An earlier approval is\n"
        "replaced, memo and submission date included.  A stale approval is\n"
        "replaced only by one dated after it, unless --renew says so.\n"
        "Neither date may be later than tomorrow, and --submitted may\n"
        "not be before --date.\n",
    .help_col = 20,
};

/* A roadmap is submitted on or after the day it is approved. */
static int submitted_after(const struct opts *o)
{
        char date[11], submitted[11];

        if (!date_is_set(o->submitted) || date_cmp(o->submitted, o->date) >= 0)
                return 0;
        date_format_iso(o->date, date);
        date_format_iso(o->submitted, submitted);
        return opt_usage_error(&cmd_approve_syntax,
                               "--submitted %s is before --date %s: a roadmap "
                               "is submitted on or after its approval",
                               submitted, date),
               -1;
}

static int parse(int argc, char **argv, struct opts *o)
{
        const struct cmd_syntax *syn = &cmd_approve_syntax;
        int n;

        memset(o, 0, sizeof(*o));
        if ((n = opt_parse_args(syn, argc, argv, o, 1, 1)) < 0)
                return n;
        o->office = argv[1];
        return submitted_after(o);
}

/* Whether the office's approval is the one o records (same head, as NFC,
 * same date): then what o leaves out of it (memo, submitted) stays. */
static bool same_approval(const struct approval *a, const struct opts *o)
{
        return a->node && a->by && bangla_same_text(a->by, o->by) &&
               date_cmp(a->date, o->date) == 0;
}

/* What changed since a stale approval, from git history where the
 * repository has it: 1 and *ch filled, else 0. */
static int stale_changes(const struct edit_txn *t, struct approval_changes *ch)
{
        char *dir = xstrdup(t->path), *slash = strrchr(dir, '/');
        struct diag_list dl = DIAG_LIST_INIT;
        struct githist *h;
        int rc;

        if (slash)
                *slash = '\0';
        h = githist_new(slash ? dir : ".");
        rc = githist_approval_changes(h, t->path, &t->before.m.office, ch,
                                      &dl) == 1;
        diag_list_release(&dl);
        githist_free(h);
        free(dir);
        return rc;
}

/*
 * A stale approval approved again (whatever the head) on its own date or
 * earlier, or before the change was committed, would bless the changed
 * services and plans under a date before they changed: refused unless
 * --renew.
 */
static int refuse_stale(const struct edit_txn *t, const struct opts *o)
{
        const struct approval *a = &t->before.m.office.approval;
        const struct ynode *at = ynode_get(a->node, "digest", NULL);
        struct approval_changes ch = APPROVAL_CHANGES_INIT;
        struct diag_list dl = DIAG_LIST_INIT;
        bool known = stale_changes(t, &ch) == 1;
        struct date after = a->date, latest;
        char date[11], *text;
        struct diag *d;

        /* a commit dated after tomorrow has a clock that is wrong */
        if (known && date_cmp(ch.changed_date, after) > 0 &&
            cli_latest_date(&latest) == 0 &&
            date_cmp(ch.changed_date, latest) <= 0)
                after = ch.changed_date;
        if (date_cmp(o->date, after) > 0 ||
            (date_cmp(after, a->date) != 0 && date_cmp(o->date, after) == 0)) {
                approval_changes_release(&ch);
                return 0;
        }
        date_format_iso(after, date);
        d = diag_error(&dl, t->display, at->line, at->col,
                       date_cmp(after, a->date) == 0
                           ? "the approval of %s is stale: the services or "
                             "plans changed since the approval, and a new "
                             "approval needs a date after it"
                           : "the services or plans changed on %s, after the "
                             "approval: a new approval needs a date on or "
                             "after the change",
                       date);
        if (known) {
                text = approval_changes_format(&ch);
                diag_hint(d, "%s", text);
                free(text);
        }
        date_format_iso(a->date, date);
        if (date_cmp(after, a->date) == 0)
                diag_hint(d,
                          "once the office head approves them, run 'roadmap "
                          "approve %s --by ... --date DATE' with that date, "
                          "or add --renew to record them under %s "
                          "deliberately",
                          t->before.m.office.id, date);
        else
                diag_hint(d, "if the head approved them before they were "
                             "committed, add --renew to record that date "
                             "deliberately");
        cli_print_diags(&dl);
        diag_list_release(&dl);
        approval_changes_release(&ch);
        return EXIT_INVALID;
}

/* ", replacing the approval of D (and its memo and submission date)" */
static void replacing(const struct approval *a, const struct opts *o,
                      struct strbuf *sb)
{
        bool memo = a->memo && !o->memo;
        bool sub = date_is_set(a->submitted) && !date_is_set(o->submitted);
        char date[11];

        if (!a->node)
                return;
        date_format_iso(a->date, date);
        strbuf_addf(sb, ", replacing the approval of %s", date);
        if (memo || sub)
                strbuf_addf(sb, " and its %s%s%s", memo ? "memo" : "",
                            memo && sub ? " and " : "",
                            sub ? "submission date" : "");
}

static int say(struct edit_txn *t, const struct opts *o, bool same, bool stale)
{
        struct strbuf old = STRBUF_INIT;
        char date[11];
        int rc;

        date_format_iso(o->date, date);
        if (!same) {
                replacing(&t->before.m.office.approval, o, &old);
                rc = cmd_commit_say(t, o->quiet,
                                    "approval of %s by %s recorded%s", date,
                                    o->by, old.buf);
                strbuf_release(&old);
                return rc;
        }
        if (stale)
                return cmd_commit_say(t, o->quiet,
                                      "approval of %s renewed with the "
                                      "services and plans as they stand",
                                      date);
        return cmd_commit_say(t, o->quiet, "approval of %s updated", date);
}

static int approve(struct edit_txn *t, const void *arg)
{
        const struct opts *o = arg;
        const struct office *off = &t->before.m.office;
        struct edit *e = &t->edit;
        struct diag_list dl = DIAG_LIST_INIT;
        struct yval *m = yval_map(e, false);
        char digest[DIGEST_LEN + 1];
        bool same = same_approval(&off->approval, o);
        bool stale = office_approval_state(off) == APPROVAL_STALE;
        int rc = 0;

        if (stale && !o->renew && (rc = refuse_stale(t, o)) != 0)
                return rc;
        /* Approving changes no plan: the digest of the plans as they are
         * is the digest of the plans after the change.  The same head
         * keeps the bytes the file spells the name with. */
        digest_office(off, digest);
        yval_put(m, "by", yval_str(e, same ? off->approval.by : o->by));
        yval_put(m, "date", yval_date(e, o->date));
        if (o->memo)
                yval_put(m, "memo", yval_str(e, o->memo));
        yval_put(m, "digest", yval_str(e, digest));
        if (date_is_set(o->submitted))
                yval_put(m, "submitted", yval_date(e, o->submitted));
        /* A new approval drops the old one's memo and submission. */
        if (off->approval.node && !same && !o->memo)
                rc |= edit_delete(e, off->approval.node, "memo", &dl);
        if (off->approval.node && !same && !date_is_set(o->submitted))
                rc |= edit_delete(e, off->approval.node, "submitted", &dl);
        if (rc == 0)
                rc = edit_set(e, t->before.doc.root, "approval", m,
                              schema_key_order(SCHEMA_OFFICE_FILE), &dl);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        return rc == 0 ? say(t, o, same, stale) : EXIT_INVALID;
}

int cmd_approve(int argc, char **argv)
{
        struct opts o;
        int stop;

        if ((stop = parse(argc, argv, &o)) != 0)
                return opt_parse_exit(stop);
        return cmd_edit_office("approve", o.office, approve, &o);
}
