/*
 * roadmap workshop OFFICE --kind K --date DATE [...]: record an office's
 * attendance at a workshop of the programme.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/schema.h"
#include "roadmap/commands.h"

#define OFF(f) offsetof(struct opts, f)

struct opts {
        const char *office;
        const char *kind_name;
        enum workshop_kind kind;
        bool head, quiet;
        struct date date;
        long batch, participants;
};

static const struct opt options[] = {
    {"kind", 0, OPT_ENUM, OFF(kind_name), "K", "roadmap, design or leadership",
     NULL, "kind", OPT_REQUIRED},
    {"date", 0, OPT_PAST_DATE, OFF(date), "DATE",
     "the date of the workshop (not later than tomorrow)", NULL, NULL,
     OPT_REQUIRED},
    {"batch", 0, OPT_POSITIVE, OFF(batch), "N", "the batch number", NULL, NULL,
     OPT_OPTIONAL},
    {"participants", 0, OPT_NUMBER, OFF(participants), "N",
     "officers of the office who took part", NULL, NULL, OPT_OPTIONAL},
    {"head-present", 0, OPT_FLAG, OFF(head), NULL,
     "the office head attended the closing", NULL, NULL, OPT_OPTIONAL},
    OPT_QUIET(OFF(quiet)),
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_workshop_syntax = {
    .name = "workshop",
    .operands = "OFFICE",
    .opts = options,
    .description = "Record the office's attendance at a workshop.\n",
    .help_col = 20,
};

static int parse(int argc, char **argv, struct opts *o)
{
        const struct cmd_syntax *syn = &cmd_workshop_syntax;
        int n;

        memset(o, 0, sizeof(*o));
        o->batch = o->participants = -1;
        if ((n = opt_parse_args(syn, argc, argv, o, 1, 1)) < 0)
                return n;
        o->office = argv[1];
        workshop_kind_parse(o->kind_name, &o->kind);
        return 0;
}

/* A workshop of that kind, date and batch already in the file: say where,
 * and return true. */
static bool recorded(const struct edit_txn *t, const struct opts *o)
{
        const struct workshop *w = model_find_workshop(
            &t->before.m.office, o->kind, o->date, o->batch);
        struct diag_list dl = DIAG_LIST_INIT;
        struct strbuf what = STRBUF_INIT;

        if (!w)
                return false;
        cmd_workshop_describe(&what, o->kind, o->date, o->batch);
        diag_hint(diag_error(&dl, t->display, w->node->line, w->node->col,
                             "the %s is already recorded", what.buf),
                  "if it was another batch, give a different --batch; to "
                  "correct this one, remove it with 'roadmap "
                  "remove-workshop' and record it again");
        cli_print_diags(&dl);
        diag_list_release(&dl);
        strbuf_release(&what);
        return true;
}

static int record(struct edit_txn *t, const void *arg)
{
        const struct opts *o = arg;
        struct edit *e = &t->edit;
        struct diag_list dl = DIAG_LIST_INIT;
        struct yval *m = yval_map(e, false);
        struct strbuf what = STRBUF_INIT;
        int rc;

        if (recorded(t, o))
                return EXIT_INVALID;

        yval_put(m, "kind", yval_str(e, workshop_kind_name(o->kind)));
        yval_put(m, "date", yval_date(e, o->date));
        if (o->batch >= 0)
                yval_put(m, "batch", yval_int(e, o->batch));
        if (o->participants >= 0)
                yval_put(m, "participants", yval_int(e, o->participants));
        if (o->head)
                yval_put(m, "head_present", yval_bool(e, true));
        rc = edit_append(e, t->before.doc.root, "workshops", m,
                         schema_key_order(SCHEMA_OFFICE_FILE), &dl);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        if (rc != 0)
                return EXIT_INVALID;
        cmd_workshop_describe(&what, o->kind, o->date, o->batch);
        rc = cmd_commit_say(t, o->quiet, "%s recorded", what.buf);
        strbuf_release(&what);
        return rc;
}

int cmd_workshop(int argc, char **argv)
{
        struct opts o;
        int stop;

        if ((stop = parse(argc, argv, &o)) != 0)
                return opt_parse_exit(stop);
        return cmd_edit_office("workshop", o.office, record, &o);
}
