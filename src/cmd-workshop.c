/*
 * roadmap workshop OFFICE --kind K --date DATE [...]: record an office's
 * attendance at a workshop of the programme.
 */
#include <stdio.h>
#include <string.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"

static const char usage[] =
    "roadmap workshop OFFICE --kind K --date DATE [--batch N] "
    "[--participants N] [--head-present]";
static const char description[] =
    "Record the office's attendance at a workshop.\n"
    "\n"
    "  --kind K          roadmap, design or leadership\n"
    "  --date DATE       the date of the workshop (not later than tomorrow)\n"
    "  --batch N         the batch number\n"
    "  --participants N  officers of the office who took part\n"
    "  --head-present    the office head attended the closing\n";

struct opts {
        const char *office;
        enum workshop_kind kind;
        bool has_kind, head;
        struct date date;
        long batch, participants;
};

static const struct option longopts[] = {
    {"kind", required_argument, NULL, 'k'},
    {"date", required_argument, NULL, 'd'},
    {"batch", required_argument, NULL, 'b'},
    {"participants", required_argument, NULL, 'p'},
    {"head-present", no_argument, NULL, 'H'},
    {NULL, 0, NULL, 0}};

static int parse(int argc, char **argv, struct opts *o)
{
        int c;

        memset(o, 0, sizeof(*o));
        o->batch = o->participants = -1;
        optind = 0;
        opterr = 0;
        while ((c = cmd_getopt("workshop", usage, argc, argv, longopts)) !=
               -1) {
                const char *a = optarg;
                if (c == 'k' && workshop_kind_parse(a, &o->kind) != 0)
                        return cli_usage_error("workshop", usage,
                                               "invalid --kind '%s': one of "
                                               "roadmap, design, leadership",
                                               a),
                               -1;
                o->has_kind |= c == 'k';
                o->head |= c == 'H';
                if ((c == 'd' &&
                     cli_parse_past_date("workshop", "--date", a, &o->date)) ||
                    (c == 'b' &&
                     cli_parse_number("workshop", "--batch", a, &o->batch)) ||
                    (c == 'p' && cli_parse_number("workshop", "--participants",
                                                  a, &o->participants)) ||
                    c == '?' || c == 'h')
                        return -1;
        }
        if (optind + 1 != argc)
                return cli_usage_error("workshop", usage,
                                       optind >= argc ? "missing OFFICE"
                                                      : "too many arguments"),
                       -1;
        o->office = argv[optind];
        if (!o->has_kind || !date_is_set(o->date))
                return cli_usage_error("workshop", usage,
                                       "--kind and --date are required"),
                       -1;
        return 0;
}

static int record(struct edit_txn *t, const void *arg)
{
        const struct opts *o = arg;
        struct edit *e = &t->edit;
        struct diag_list dl = DIAG_LIST_INIT;
        struct yval *m = yval_map(e, false);
        int rc;

        yval_put(m, "kind", yval_str(e, workshop_kind_name(o->kind)));
        yval_put(m, "date", yval_date(e, o->date));
        if (o->batch >= 0)
                yval_put(m, "batch", yval_int(e, o->batch));
        if (o->participants >= 0)
                yval_put(m, "participants", yval_int(e, o->participants));
        if (o->head)
                yval_put(m, "head_present", yval_bool(e, true));
        rc = edit_append(e, t->before.doc.root, "workshops", m,
                         cmd_order_office_file, &dl);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        return rc == 0 ? cmd_txn_commit(t) : EXIT_INVALID;
}

int cmd_workshop(int argc, char **argv)
{
        struct opts o;

        if (cli_wants_help(argc, argv, usage, description))
                return EXIT_OK;
        if (parse(argc, argv, &o) != 0)
                return EXIT_USAGE;
        return cmd_edit_office("workshop", o.office, record, &o);
}
