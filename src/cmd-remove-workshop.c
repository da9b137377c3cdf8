/*
 * roadmap remove-workshop OFFICE --kind K --date DATE [--batch N] [-q]:
 * remove the one workshop entry with that identity (kind, date and batch;
 * a missing batch is its own value).
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/strbuf.h"

#define OFF(f) offsetof(struct opts, f)

struct opts {
        const char *office;
        const char *kind_name;
        enum workshop_kind kind;
        struct date date;
        long batch;
        bool quiet;
};

static const struct opt options[] = {
    {"kind", 0, OPT_ENUM, OFF(kind_name), "K", "roadmap, design or leadership",
     NULL, "kind", OPT_REQUIRED},
    {"date", 0, OPT_DATE, OFF(date), "DATE", "the date of the workshop", NULL,
     NULL, OPT_REQUIRED},
    {"batch", 0, OPT_POSITIVE, OFF(batch), "N",
     "its batch number (without it: the entry without a batch)", NULL, NULL,
     OPT_OPTIONAL},
    OPT_QUIET(OFF(quiet)),
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_remove_workshop_syntax = {
    .name = "remove-workshop",
    .operands = "OFFICE",
    .opts = options,
    .description =
        "Remove the office's workshop entry with this kind, date and batch\n"
        "(without --batch: the entry that has no batch).  Its lines go from\n"
        "the file, every other line stays.\n",
    .help_col = 20,
};

static int parse(int argc, char **argv, struct opts *o)
{
        int n;

        memset(o, 0, sizeof(*o));
        o->batch = -1;
        if ((n = opt_parse_args(&cmd_remove_workshop_syntax, argc, argv, o, 1,
                                1)) < 0)
                return n;
        o->office = argv[1];
        workshop_kind_parse(o->kind_name, &o->kind);
        return 0;
}

/* No such entry: name the office's workshops on that date or of that
 * kind, so that the right batch can be given. */
static int refuse_missing(const struct edit_txn *t, const struct opts *o)
{
        const struct office *off = &t->before.m.office;
        const struct ynode *at = off->workshops_node;
        struct diag_list dl = DIAG_LIST_INIT;
        struct strbuf sb = STRBUF_INIT;
        struct diag *d;
        size_t i, near = 0;

        cmd_workshop_describe(&sb, o->kind, o->date, o->batch);
        d = diag_error(&dl, t->display, at ? at->line : 0, at ? at->col : 0,
                       "office '%s' has no %s", off->id, sb.buf);
        strbuf_reset(&sb);
        for (i = 0; i < off->nworkshops; i++) {
                const struct workshop *w = &off->workshops[i];
                if (w->kind != o->kind && date_cmp(w->date, o->date) != 0)
                        continue;
                strbuf_addstr(&sb, near++ ? "; " : "");
                cmd_workshop_describe(&sb, w->kind, w->date, w->batch);
                strbuf_addf(&sb, " (line %d)", w->node->line);
        }
        if (near)
                diag_hint(d, "the office has: %s", sb.buf);
        else
                diag_hint(d, "the office has no workshop on that date or of "
                             "that kind");
        cli_print_diags(&dl);
        diag_list_release(&dl);
        strbuf_release(&sb);
        return EXIT_INVALID;
}

/* An old hand-edited file may hold the same entry twice: the first goes,
 * and the officer is told that the others stay. */
/* After the removal: warn, at the first that stays, when entries with the
 * same identity are left in the file. */
static void warn_duplicates(const struct edit_txn *t, const struct opts *o,
                            const char *what)
{
        const struct office *now = &t->after.m.office;
        const struct workshop *left =
            model_find_workshop(now, o->kind, o->date, o->batch);
        struct diag_list dl = DIAG_LIST_INIT;
        size_t i, same = 0;

        if (!t->changed || !left)
                return;
        for (i = 0; i < now->nworkshops; i++)
                same += now->workshops[i].kind == o->kind &&
                        date_cmp(now->workshops[i].date, o->date) == 0 &&
                        now->workshops[i].batch == o->batch;
        diag_warning(&dl, t->display, left->node->line, left->node->col,
                     "the %s was recorded %zu times: the first entry was "
                     "removed, %zu stay%s",
                     what, same + 1, same, same == 1 ? "s" : "");
        cli_print_diags(&dl);
        diag_list_release(&dl);
}

static int remove_workshop(struct edit_txn *t, const void *arg)
{
        const struct opts *o = arg;
        const struct office *off = &t->before.m.office;
        const struct workshop *w =
            model_find_workshop(off, o->kind, o->date, o->batch);
        struct diag_list dl = DIAG_LIST_INIT;
        struct strbuf sb = STRBUF_INIT;
        int rc;

        if (!w)
                return refuse_missing(t, o);
        rc = edit_remove(&t->edit, t->before.doc.root, "workshops",
                         (size_t)(w - off->workshops), &dl);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        cmd_workshop_describe(&sb, o->kind, o->date, o->batch);
        if (rc == 0) {
                rc = cmd_commit_say(t, o->quiet, "%s removed", sb.buf);
                if (rc == EXIT_OK)
                        warn_duplicates(t, o, sb.buf);
        } else {
                rc = EXIT_INVALID;
        }
        strbuf_release(&sb);
        return rc;
}

int cmd_remove_workshop(int argc, char **argv)
{
        struct opts o;
        int stop;

        if ((stop = parse(argc, argv, &o)) != 0)
                return opt_parse_exit(stop);
        return cmd_edit_office("remove-workshop", o.office, remove_workshop,
                               &o);
}
