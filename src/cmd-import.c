/*
 * roadmap import OFFICE FILE: bring an office's service inventory in from a
 * spreadsheet saved as CSV (import.h reads it), in one edit of the office
 * file: every service added or changed, or none.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/bangla.h"
#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/import.h"
#include "roadmap/schema.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

#define OFF(f) offsetof(struct opts, f)

struct opts {
        const char *office, *file, *display;
        struct import_map *maps;
        size_t nmaps, capmaps;
        struct date date;
        bool dry_run, update, quiet;
};

static int opt_map(const struct cmd_syntax *syn, const struct opt *o,
                   const char *v, void *base);

static const struct opt options[] = {
    {"map", 0, OPT_CALLBACK, 0, "COLUMN=FIELD",
     "read the column headed COLUMN as FIELD (again for\n"
     "more): id, name, name_bn, recipients, days, cost,\n"
     "visits, priority, due, status, status_date, or\n"
     "ignore to leave it out",
     opt_map, NULL, OPT_OPTIONAL},
    {"update", 0, OPT_FLAG, OFF(update), NULL,
     "change services that exist to what the file says\n"
     "(without it they are skipped)",
     NULL, NULL, OPT_OPTIONAL},
    {"date", 0, OPT_PAST_DATE, OFF(date), "DATE",
     "the date of a status with no status date, and of\n"
     "entry into the inventory (default today)",
     NULL, NULL, OPT_OPTIONAL},
    {"dry-run", 0, OPT_FLAG, OFF(dry_run), NULL,
     "say what would be added or changed; write nothing", NULL, NULL,
     OPT_OPTIONAL},
    OPT_QUIET(OFF(quiet)),
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_import_syntax = {
    .name = "import",
    .operands = "OFFICE FILE",
    .opts = options,
    .description =
        "Bring an office's service inventory in from a spreadsheet saved as "
        "CSV\n"
        "(UTF-8).  Columns are found by their header, in English or Bengali,\n"
        "in any order.  A service's id is made from its English name as\n"
        "add-service makes it, taken from an id column, or (a Bengali name\n"
        "only) is the next free service-N.  Services that exist are skipped\n"
        "unless --update.  Every bad cell is reported as FILE:LINE:COL; then\n"
        "nothing is written.  One line per service says what is done.\n",
    .help_col = 22,
};

static int opt_map(const struct cmd_syntax *syn, const struct opt *o,
                   const char *v, void *base)
{
        static const char *const names[] = {
            "id",   "name",   "name_bn",     "recipients",
            "days", "cost",   "visits",      "priority",
            "due",  "status", "status_date", "ignore"};
        struct opts *a = base;
        const char *eq = strrchr(v, '=');
        struct import_map *m;

        if (!eq || eq == v)
                return opt_usage_error(syn,
                                       "invalid --map '%s': give it as "
                                       "COLUMN=FIELD",
                                       cli_escaped(v));
        a->maps = xgrow(a->maps, &a->capmaps, a->nmaps + 1, sizeof(*a->maps));
        m = &a->maps[a->nmaps];
        if (import_field_parse(eq + 1, &m->field) != 0)
                return opt_choice_error(syn, "--map field", eq + 1, names,
                                        sizeof names / sizeof names[0]);
        m->column = xstrndup(v, (size_t)(eq - v));
        if (!import_header_names(m->column)) {
                free((char *)m->column);
                return opt_usage_error(syn,
                                       "invalid --map '%s': a header is "
                                       "compared without white space or "
                                       "punctuation, and nothing is left of "
                                       "'%.*s'",
                                       cli_escaped(v), (int)(eq - v), v);
        }
        a->nmaps++;
        return 0;
}

static void opts_release(struct opts *o)
{
        size_t i;

        for (i = 0; i < o->nmaps; i++)
                free((char *)o->maps[i].column);
        free(o->maps);
}

static int parse(int argc, char **argv, struct opts *o)
{
        int n;

        memset(o, 0, sizeof(*o));
        if ((n = opt_parse_args(&cmd_import_syntax, argc, argv, o, 2, 2)) < 0)
                return n;
        o->office = argv[1];
        o->file = argv[2];
        o->display = strcmp(o->file, "-") == 0 ? "(standard input)" : o->file;
        if (!date_is_set(o->date) && cli_today(&o->date) != 0)
                return -1;
        return 0;
}

/* ---- what each row does ------------------------------------------------- */

enum act_kind { ACT_SKIP, ACT_ADD, ACT_UPDATE };

struct act {
        enum act_kind kind;
        const struct service *s; /* the service that exists, or NULL */
        char *id;                /* a new service's id */
        struct strbuf what;      /* the line that says so */
};

struct job {
        const struct opts *o;
        struct import_sheet sheet;
        struct edit_txn *t;
        const struct office *off;
        struct act *acts;       /* one per row */
        struct import_index ix; /* the office's ids and names */
        size_t *claimed; /* per service of the office: 1 + its row, or 0 */
        size_t nadd, nupdate, nskip;
        bool plans_changed; /* a digest of the approval changes */
        struct diag_list dl;
        size_t nerr; /* errors found (past IMPORT_MAX_ERRORS: only counted) */
};

/* The service of the office a row names by its name, else by its Bengali
 * name, except `except`; or NULL.  *bn says which matched. */
static const struct service *by_name(const struct job *j,
                                     const struct import_row *r,
                                     const struct service *except, bool *bn)
{
        const struct service *s = NULL;

        *bn = false;
        if (r->name)
                s = import_index_named(&j->ix, r->name, false);
        if (s && s != except)
                return s;
        *bn = true;
        if (r->name_bn)
                s = import_index_named(&j->ix, r->name_bn, true);
        return s && s != except ? s : NULL;
}

/* A new service's id: from its English name as add-service makes it, or
 * (a Bengali name only) service-N; the first free one, each counter
 * moving on from the last id it made. */
static char *new_id(struct job *j, const char *name)
{
        char *base = name ? cmd_service_id(name, 1) : NULL, *id;
        int *k;

        if (base && !import_index_taken(&j->ix, base))
                return base;
        k = import_index_counter(&j->ix, base ? base : "");
        if (*k == 0)
                *k = base ? 2 : 1;
        for (;; (*k)++) {
                id = base ? cmd_service_id(base, *k)
                          : xasprintf("service-%d", *k);
                if (!import_index_taken(&j->ix, id))
                        break;
                free(id);
        }
        (*k)++;
        free(base);
        return id;
}

/* A cell's position, for an error about its row. */
static const struct import_cell *
cell_of(const struct import_row *r, enum import_field f, enum import_field or)
{
        return r->cell[f] ? r->cell[f] : r->cell[or];
}

static struct diag *row_error(struct job *j, const struct import_row *r,
                              const struct import_cell *at, const char *fmt,
                              ...) __attribute__((format(printf, 4, 5)));

static struct diag *row_error(struct job *j, const struct import_row *r,
                              const struct import_cell *at, const char *fmt,
                              ...)
{
        struct strbuf msg = STRBUF_INIT;
        struct diag *d;
        va_list ap;

        if (j->nerr++ >= IMPORT_MAX_ERRORS)
                return NULL;
        va_start(ap, fmt);
        strbuf_vaddf(&msg, fmt, ap);
        va_end(ap);
        d = diag_error(&j->dl, j->o->display, at ? at->line : r->line,
                       at ? at->col : r->col, "%s", msg.buf);
        strbuf_release(&msg);
        return d;
}

/* ---- new services ------------------------------------------------------- */

static struct yval *entry(struct edit *e, struct date d, enum status st)
{
        struct yval *m = yval_map(e, false);

        yval_put(m, "date", yval_date(e, d));
        yval_put(m, "status", yval_str(e, status_name(st)));
        return m;
}

/* The date a row's status is recorded with: its status date, or --date. */
static struct date status_date(const struct job *j, const struct import_row *r)
{
        return date_is_set(r->status_date) ? r->status_date : j->o->date;
}

/* A priority, due date or status makes a service an e-service. */
static bool wants_plan(const struct import_row *r)
{
        return r->priority >= 0 || date_is_set(r->due) || r->has_status;
}

static int need_priority(struct job *j, const struct import_row *r,
                         const char *id)
{
        if (r->priority >= 0)
                return 0;
        diag_hint(row_error(j, r,
                            r->given[IMPORT_STATUS] ? r->cell[IMPORT_STATUS]
                                                    : r->cell[IMPORT_DUE],
                            "service '%s' would become an e-service, and a "
                            "plan needs a priority",
                            id),
                  "give its priority in the priority column (1 is done "
                  "first), or leave its status and due date empty");
        return -1;
}

/* A new plan, from 'planned' to the row's status on one date; what says
 * "priority 1, due 2019-06-30, designing since 2018-01-14". */
static struct yval *new_plan(struct job *j, const struct import_row *r,
                             struct strbuf *what)
{
        struct edit *e = &j->t->edit;
        struct yval *m = yval_map(e, false), *hist = yval_seq(e, false);
        struct date d = status_date(j, r);
        enum status st = r->has_status ? r->status : STATUS_PLANNED;
        char day[11];

        yval_put(m, "priority", yval_int(e, r->priority));
        strbuf_addf(what, "priority %ld", r->priority);
        if (date_is_set(r->due)) {
                yval_put(m, "due", yval_date(e, r->due));
                date_format_iso(r->due, day);
                strbuf_addf(what, ", due %s", day);
        }
        yval_push(hist, entry(e, d, STATUS_PLANNED));
        if (st != STATUS_PLANNED)
                yval_push(hist, entry(e, d, st));
        yval_put(m, "history", hist);
        date_format_iso(d, day);
        strbuf_addf(what, ", %s since %s", status_name(st), day);
        j->plans_changed = true;
        return m;
}

static void add(struct job *j, const struct import_row *r, struct act *a)
{
        struct edit *e = &j->t->edit;
        struct yval *m = yval_map(e, false), *tcv;
        const char *name = r->name ? r->name : r->name_bn;
        struct date since = j->o->date;
        struct strbuf plan = STRBUF_INIT;

        if (wants_plan(r) && need_priority(j, r, a->id) != 0)
                return;
        yval_put(m, "id", yval_str(e, a->id));
        yval_put(m, "name", yval_str(e, name));
        if (r->name_bn)
                yval_put(m, "name_bn", yval_str(e, r->name_bn));
        if (r->recipients != RECIPIENTS_NONE)
                yval_put(m, "recipients",
                         yval_str(e, recipients_name(r->recipients)));
        if ((tcv = cmd_tcv(e, r->days, r->cost, r->visits)) != NULL)
                yval_put(m, "tcv", tcv);
        /* in the inventory from --date, or from its first status */
        if (wants_plan(r) && date_cmp(status_date(j, r), since) < 0)
                since = status_date(j, r);
        yval_put(m, "since", yval_date(e, since));
        if (wants_plan(r))
                yval_put(m, "plan", new_plan(j, r, &plan));
        edit_append(e, j->t->before.doc.root, "services", m,
                    schema_key_order(SCHEMA_OFFICE_FILE), &j->dl);
        a->kind = ACT_ADD;
        j->nadd++;
        strbuf_addf(&a->what, "add %s %s", a->id, name);
        if (plan.len)
                strbuf_addf(&a->what, " (%s)", plan.buf);
        strbuf_release(&plan);
}

static void new_row(struct job *j, const struct import_row *r, struct act *a)
{
        if (r->id) {
                a->id = xstrdup(r->id); /* taken before the first row */
        } else {
                a->id = new_id(j, r->name);
                import_index_take(&j->ix, a->id);
        }
        add(j, r, a);
}

/* ---- services that exist ------------------------------------------------ */

static void name_change(struct job *j, const struct import_row *r,
                        const struct service *s, bool bn, struct strbuf *ch)
{
        const char *now = bn ? r->name_bn : r->name;
        const char *was = bn ? s->name_bn : s->name;
        const char *key = bn ? "name_bn" : "name";
        const struct service *other;
        struct edit *e = &j->t->edit;

        if (!now || (was && bangla_same_text(was, now)))
                return;
        other = import_index_named(&j->ix, now, bn);
        if (other && other != s) {
                diag_hint(row_error(j, r,
                                    r->cell[bn ? IMPORT_NAME_BN : IMPORT_NAME],
                                    "service '%s' already has the %sname "
                                    "'%s'",
                                    other->id, bn ? "Bengali " : "", now),
                          "two services of an office have two names");
                return;
        }
        edit_set(e, s->node, key, yval_str(e, now),
                 schema_key_order(SCHEMA_SERVICE), &j->dl);
        strbuf_addf(ch, ", %s '%s' -> '%s'", key, was ? was : "", now);
}

static void tcv_changes(struct job *j, const struct import_row *r,
                        const struct service *s, struct strbuf *ch)
{
        static const char *const key[3] = {"days", "cost", "visits"};
        const long now[3] = {r->days, r->cost, r->visits};
        const long was[3] = {s->tcv.days, s->tcv.cost, s->tcv.visits};
        long set[3] = {-1, -1, -1};
        struct edit *e = &j->t->edit;
        bool any = false;
        int k;

        for (k = 0; k < 3; k++) {
                if (now[k] < 0 || now[k] == was[k])
                        continue;
                set[k] = now[k];
                any = true;
                if (was[k] < 0)
                        strbuf_addf(ch, ", %s none -> %ld", key[k], now[k]);
                else
                        strbuf_addf(ch, ", %s %ld -> %ld", key[k], was[k],
                                    now[k]);
        }
        if (any)
                edit_set(e, s->node, "tcv", cmd_tcv(e, set[0], set[1], set[2]),
                         schema_key_order(SCHEMA_SERVICE), &j->dl);
}

static void status_change(struct job *j, const struct import_row *r,
                          const struct service *s, struct strbuf *ch)
{
        const struct plan *p = &s->plan;
        const struct history_entry *last = &p->history[p->nhistory - 1];
        struct date d = status_date(j, r);
        char day[11], was[11];

        if (r->status == last->status)
                return;
        date_format_iso(last->date, was);
        if (!cmd_status_may_move(last->status, r->status)) {
                diag_hint(row_error(j, r, r->cell[IMPORT_STATUS],
                                    "service '%s' cannot move from '%s' "
                                    "(since %s) to '%s'",
                                    s->id, status_name(last->status), was,
                                    status_name(r->status)),
                          "statuses move forward, or to dropped; correct a "
                          "wrong one with 'roadmap plan %s %s --amend'",
                          j->off->id, s->id);
                return;
        }
        date_format_iso(d, day);
        if (date_cmp(d, last->date) < 0) {
                diag_hint(
                    row_error(j, r,
                              cell_of(r, IMPORT_STATUS_DATE, IMPORT_STATUS),
                              "the status '%s' of '%s' would be dated "
                              "%s, before its last one (%s since %s)",
                              status_name(r->status), s->id, day,
                              status_name(last->status), was),
                    "history dates never decrease: give a status date "
                    "on or after %s",
                    was);
                return;
        }
        edit_append(&j->t->edit, p->node, "history",
                    entry(&j->t->edit, d, r->status),
                    schema_key_order(SCHEMA_PLAN), &j->dl);
        strbuf_addf(ch, ", status %s -> %s (%s)", status_name(last->status),
                    status_name(r->status), day);
}

static void plan_changes(struct job *j, const struct import_row *r,
                         const struct service *s, struct strbuf *ch)
{
        const struct plan *p = &s->plan;
        struct edit *e = &j->t->edit;
        const char *const *order = schema_key_order(SCHEMA_PLAN);
        struct strbuf what = STRBUF_INIT;
        char day[11], was[11];

        if (!service_has_plan(s)) {
                if (wants_plan(r) && need_priority(j, r, s->id) == 0) {
                        edit_set(e, s->node, "plan", new_plan(j, r, &what),
                                 schema_key_order(SCHEMA_SERVICE), &j->dl);
                        strbuf_addf(ch, ", plan none -> %s", what.buf);
                }
                strbuf_release(&what);
                return;
        }
        if (r->priority >= 0 && r->priority != p->priority) {
                edit_set(e, p->node, "priority", yval_int(e, r->priority),
                         order, &j->dl);
                strbuf_addf(ch, ", priority %ld -> %ld", p->priority,
                            r->priority);
                j->plans_changed = true;
        }
        if (date_is_set(r->due) && date_cmp(r->due, p->due) != 0) {
                edit_set(e, p->node, "due", yval_date(e, r->due), order,
                         &j->dl);
                date_format_iso(r->due, day);
                date_format_iso(p->due, was);
                strbuf_addf(ch, ", due %s -> %s",
                            date_is_set(p->due) ? was : "none", day);
                j->plans_changed = true;
        }
        if (r->has_status)
                status_change(j, r, s, ch);
}

static void update(struct job *j, const struct import_row *r, struct act *a)
{
        const struct service *s = a->s;
        struct strbuf ch = STRBUF_INIT;
        struct edit *e = &j->t->edit;

        name_change(j, r, s, false, &ch);
        name_change(j, r, s, true, &ch);
        if (r->recipients != RECIPIENTS_NONE &&
            r->recipients != s->recipients) {
                edit_set(e, s->node, "recipients",
                         yval_str(e, recipients_name(r->recipients)),
                         schema_key_order(SCHEMA_SERVICE), &j->dl);
                strbuf_addf(&ch, ", recipients %s -> %s",
                            s->recipients ? recipients_name(s->recipients)
                                          : "none",
                            recipients_name(r->recipients));
        }
        tcv_changes(j, r, s, &ch);
        plan_changes(j, r, s, &ch);
        if (ch.len) {
                a->kind = ACT_UPDATE;
                j->nupdate++;
                strbuf_addf(&a->what, "update %s: %s", s->id, ch.buf + 2);
        } else {
                j->nskip++;
                strbuf_addf(&a->what, "skip %s (unchanged)", s->id);
        }
        strbuf_release(&ch);
}

/* ---- each row ------------------------------------------------------------ */

/* One row per service of the office. */
static int claim(struct job *j, size_t i, const struct service *s)
{
        const struct import_row *r = &j->sheet.rows[i];
        size_t k = (size_t)(s - j->off->services);

        if (j->claimed[k]) {
                diag_hint(
                    row_error(j, r,
                              cell_of(r, IMPORT_ID,
                                      r->name ? IMPORT_NAME : IMPORT_NAME_BN),
                              "service '%s' is also on line %d", s->id,
                              j->sheet.rows[j->claimed[k] - 1].line),
                    "each service is one row: merge the two");
                return -1;
        }
        j->claimed[k] = i + 1;
        return 0;
}

static void name_taken(struct job *j, const struct import_row *r,
                       const struct service *other, bool bn)
{
        diag_hint(row_error(j, r, r->cell[bn ? IMPORT_NAME_BN : IMPORT_NAME],
                            "service '%s' already has the %sname '%s'",
                            other->id, bn ? "Bengali " : "",
                            bn ? r->name_bn : r->name),
                  "to change that service, give its id '%s' in the id "
                  "column (and --update); else give this one another name",
                  other->id);
}

static void do_row(struct job *j, size_t i)
{
        const struct import_row *r = &j->sheet.rows[i];
        struct act *a = &j->acts[i];
        const struct service *s = NULL, *other;
        bool bn;

        if (r->id)
                s = import_index_service(&j->ix, r->id);
        else
                s = by_name(j, r, NULL, &bn);
        if (!s && r->id && (other = by_name(j, r, NULL, &bn)) != NULL) {
                name_taken(j, r, other, bn);
                return;
        }
        if (!s) {
                new_row(j, r, a);
                return;
        }
        if (claim(j, i, s) != 0)
                return;
        a->s = s;
        if (j->o->update) {
                update(j, r, a);
                return;
        }
        j->nskip++;
        strbuf_addf(&a->what, "skip %s (exists)", s->id);
}

/* ---- the outcome --------------------------------------------------------- */

/* Print the problems found (the first IMPORT_MAX_ERRORS), how many more
 * there are, and that nothing was imported. */
static int refuse(struct job *j, size_t more)
{
        size_t n = diag_count(&j->dl, DIAG_ERROR) + more;
        struct diag_list sum = DIAG_LIST_INIT;

        cli_print_diags(&j->dl);
        if (more)
                fprintf(stderr, "... and %zu more error%s\n", more,
                        more == 1 ? "" : "s");
        diag_error(&sum, j->o->display, 0, 0,
                   "%zu problem%s; nothing was imported", n, n == 1 ? "" : "s");
        cli_print_diags(&sum);
        diag_list_release(&sum);
        return EXIT_INVALID;
}

static void print_lines(const struct job *j)
{
        size_t i;

        for (i = 0; i < j->sheet.nrows; i++)
                if (j->acts[i].what.len)
                        printf("%s\n", j->acts[i].what.buf);
}

/* The header cells no field takes, as notes (--dry-run). */
static void note_ignored(const struct job *j)
{
        const struct import_cell *h;
        size_t i;

        for (i = 0; i < j->sheet.nignored; i++) {
                h = j->sheet.ignored[i];
                fprintf(stderr,
                        "%s:%d:%d: note: column '%s' is not imported: no "
                        "field has that header\n",
                        cli_escaped(j->o->display), h->line, h->col,
                        cli_escaped(h->text));
                fprintf(stderr, "hint: --map '%s=FIELD' reads it as FIELD\n",
                        cli_escaped(h->text));
        }
}

/* Rows skipped with nothing but cells of columns not imported (--dry-run). */
static void note_skipped(const struct job *j)
{
        const struct import_sheet *s = &j->sheet;

        if (!s->nskipped)
                return;
        fprintf(stderr,
                "%s:%d:%d: note: %zu row%s (from this one) hold%s cells only "
                "in columns not imported: skipped as empty\n",
                cli_escaped(j->o->display), s->skipped_line, s->skipped_col,
                s->nskipped, s->nskipped == 1 ? "" : "s",
                s->nskipped == 1 ? "s" : "");
}

static void warn_would_stale(struct job *j)
{
        const struct office *o = j->off;
        struct diag_list dl = DIAG_LIST_INIT;
        char date[11];

        if (office_approval_state(o) != APPROVAL_APPROVED ||
            (!j->nadd && !j->plans_changed))
                return;
        date_format_iso(o->approval.date, date);
        diag_hint(diag_warning(&dl, j->t->display, o->approval.node->line,
                               o->approval.node->col,
                               "the approval of %s would become stale: the "
                               "import adds services or changes plans",
                               date),
                  "once the office head approves the roadmap again, record "
                  "it with 'roadmap approve %s --by NAME --date DATE'",
                  o->id);
        cli_print_diags(&dl);
        diag_list_release(&dl);
}

static int finish(struct job *j)
{
        const char *office = j->off->id;

        if (j->o->dry_run) {
                note_ignored(j);
                note_skipped(j);
        }
        if (j->sheet.nrows == 0) {
                cmd_say(j->o->quiet, office,
                        "nothing to import: %s has no rows below its header; "
                        "nothing written",
                        j->o->display);
                return EXIT_OK;
        }
        if (j->o->dry_run) {
                print_lines(j);
                warn_would_stale(j);
                cmd_say(j->o->quiet, office,
                        "would add %zu, update %zu, skip %zu of the %zu "
                        "service%s of %s (dry run: nothing written)",
                        j->nadd, j->nupdate, j->nskip, j->sheet.nrows,
                        j->sheet.nrows == 1 ? "" : "s", j->o->display);
                return EXIT_OK;
        }
        if (j->nadd + j->nupdate == 0) {
                print_lines(j);
                cmd_say(j->o->quiet, office,
                        "nothing to import: the %zu service%s of %s %s there "
                        "already; nothing written",
                        j->nskip, j->nskip == 1 ? "" : "s", j->o->display,
                        j->nskip == 1 ? "is" : "are");
                return EXIT_OK;
        }
        /* the lines once the file is written, then what they sum to */
        if (cmd_commit_say(j->t, true, "import") != EXIT_OK)
                return EXIT_INVALID;
        print_lines(j);
        fflush(stdout);
        cmd_say(j->o->quiet, office,
                "%zu service%s added, %zu updated, %zu skipped (from %s)",
                j->nadd, j->nadd == 1 ? "" : "s", j->nupdate, j->nskip,
                j->o->display);
        return EXIT_OK;
}

static int apply(struct edit_txn *t, const void *arg)
{
        struct job *j = (struct job *)arg;
        const struct import_row *rows = j->sheet.rows;
        size_t i, n = j->sheet.nrows;

        j->t = t;
        j->off = &t->before.m.office;
        import_index_init(&j->ix, j->off);
        j->claimed = xcalloc(j->off->nservices + 1, sizeof(*j->claimed));
        j->acts = xcalloc(n + 1, sizeof(*j->acts));
        for (i = 0; i < n; i++) {
                strbuf_init(&j->acts[i].what);
                if (rows[i].id)
                        import_index_take(&j->ix, rows[i].id);
        }
        for (i = 0; i < n; i++)
                do_row(j, i);
        if (j->nerr > 0 || diag_count(&j->dl, DIAG_ERROR) > 0)
                return refuse(j, j->nerr > IMPORT_MAX_ERRORS
                                     ? j->nerr - IMPORT_MAX_ERRORS
                                     : 0);
        return finish(j);
}

static void job_release(struct job *j)
{
        size_t i;

        for (i = 0; j->acts && i < j->sheet.nrows; i++) {
                free(j->acts[i].id);
                strbuf_release(&j->acts[i].what);
        }
        free(j->acts);
        import_index_release(&j->ix);
        free(j->claimed);
        import_sheet_release(&j->sheet);
        diag_list_release(&j->dl);
}

int cmd_import(int argc, char **argv)
{
        struct import_opts io;
        struct opts o;
        struct job j;
        int rc = parse(argc, argv, &o);

        if (rc != 0) {
                opts_release(&o);
                return opt_parse_exit(rc);
        }
        memset(&j, 0, sizeof(j));
        j.o = &o;
        import_sheet_init(&j.sheet);
        memset(&io, 0, sizeof(io));
        io.maps = o.maps;
        io.nmaps = o.nmaps;
        if (cli_latest_date(&io.latest) != 0)
                rc = EXIT_USAGE;
        else if (import_sheet_read(&j.sheet, o.file, o.display, &io, &j.dl) !=
                 0)
                rc = refuse(&j, j.sheet.more_errors);
        else
                rc = cmd_edit_office("import", o.office, apply, &j);
        job_release(&j);
        opts_release(&o);
        return rc;
}
