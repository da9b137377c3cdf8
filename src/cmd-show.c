/*
 * roadmap show OFFICE [SERVICE]: an office, or one of its services, as a
 * person reads it -- names in both languages, TCV now and planned, each
 * plan's status and date, the approval and why it is stale, workshops.
 *
 * Columns are aligned by out_display_width() (the cells a terminal gives
 * Bengali text).  Colour only on a terminal, never with NO_COLOR set and
 * non-empty (https://no-color.org) or TERM=dumb.  Read-only: no lock.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/githist.h"
#include "roadmap/commands.h"
#include "roadmap/load.h"
#include "roadmap/out.h"
#include "roadmap/repo.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

static const struct opt options[] = {OPT_END_OF_TABLE};

const struct cmd_syntax cmd_show_syntax = {
    .name = "show",
    .operands = "OFFICE [SERVICE]",
    .opts = options,
    .description =
        "Show an office as a person reads it: its names, ministry and head,\n"
        "the approval (approved, stale and why, or none), every service with\n"
        "its names, recipients, TCV now and planned, priority, due date and\n"
        "status (overdue when due has passed before it went live), and the\n"
        "workshops.  With SERVICE, that service and its whole history.\n"
        "Colour at a terminal, unless NO_COLOR is set.\n",
};

/* ---- styles -------------------------------------------------------------- */

#define SGR_BOLD "1"
#define SGR_DIM "2"
#define SGR_RED "1;31"
#define SGR_GREEN "32"
#define SGR_YELLOW "33"
#define SGR_BLUE "34"
#define SGR_CYAN "36"

struct page {
        struct strbuf sb;
        bool colour;
        struct date today;
        const struct cmd_office *where; /* the office shown */
};

/* Text from the file, control characters escaped as messages escape them. */
static void put_text(struct page *p, const char *s)
{
        strbuf_add_escaped(&p->sb, s, strlen(s));
}

static void sgr_on(struct page *p, const char *sgr)
{
        if (p->colour && sgr)
                strbuf_addf(&p->sb, "\033[%sm", sgr);
}

static void sgr_off(struct page *p, const char *sgr)
{
        if (p->colour && sgr)
                strbuf_addstr(&p->sb, "\033[0m");
}

static void put_styled(struct page *p, const char *sgr, const char *s)
{
        sgr_on(p, sgr);
        put_text(p, s);
        sgr_off(p, sgr);
}

static void spaces(struct page *p, size_t n)
{
        while (n--)
                strbuf_addch(&p->sb, ' ');
}

static const char *status_sgr(enum status st)
{
        static const char *const sgr[STATUS_COUNT] = {
            SGR_BLUE, SGR_CYAN, SGR_CYAN, SGR_YELLOW, SGR_GREEN, SGR_DIM};

        return sgr[st];
}

static const char *approval_sgr(enum approval_state a)
{
        return a == APPROVAL_APPROVED ? SGR_GREEN
               : a == APPROVAL_STALE  ? SGR_YELLOW
                                      : SGR_DIM;
}

/* ---- a grid of aligned cells --------------------------------------------- */

struct cell {
        char *text; /* escaped, ready to print */
        const char *sgr;
        bool right;
};

/* A row of cells, or a note: one text that starts at column note_col and
 * takes the rest of the line (not counted in the widths). */
struct row {
        struct cell *cells;
        size_t n;
        bool note;
        size_t note_col;
};

struct grid {
        struct row *rows;
        size_t nrows, cap;
        size_t ncols;
};

static struct row *grid_row(struct grid *g)
{
        struct row *r;

        if (g->nrows == g->cap) {
                g->cap = g->cap ? 2 * g->cap : 16;
                g->rows = xrealloc(g->rows, g->cap * sizeof(*g->rows));
        }
        r = &g->rows[g->nrows++];
        memset(r, 0, sizeof(*r));
        r->cells = xcalloc(g->ncols, sizeof(*r->cells));
        return r;
}

static void row_put(struct grid *g, const char *text, const char *sgr,
                    bool right)
{
        struct row *r = &g->rows[g->nrows - 1];
        struct strbuf sb = STRBUF_INIT;

        if (r->n == g->ncols)
                return;
        strbuf_add_escaped(&sb, text ? text : "", text ? strlen(text) : 0);
        r->cells[r->n].text = strbuf_detach(&sb, NULL);
        r->cells[r->n].sgr = sgr;
        r->cells[r->n].right = right;
        r->n++;
}

static void grid_note(struct grid *g, size_t col, const char *text)
{
        struct row *r = grid_row(g);

        r->note = true;
        r->note_col = col;
        row_put(g, text, NULL, false);
}

static void grid_release(struct grid *g)
{
        size_t i, k;

        for (i = 0; i < g->nrows; i++) {
                for (k = 0; k < g->rows[i].n; k++)
                        free(g->rows[i].cells[k].text);
                free(g->rows[i].cells);
        }
        free(g->rows);
        memset(g, 0, sizeof(*g));
}

static size_t width_of(const char *s)
{
        return out_display_width(s, strlen(s));
}

/* The grid's rows, indented, columns two spaces apart; the first row is
 * the heading (bold), no line ends in spaces. */
static void grid_print(struct page *p, const struct grid *g, size_t indent)
{
        size_t *w = xcalloc(g->ncols + 1, sizeof(*w)), i, k, pad, at;

        for (i = 0; i < g->nrows; i++)
                for (k = 0; !g->rows[i].note && k < g->rows[i].n; k++)
                        if (width_of(g->rows[i].cells[k].text) > w[k])
                                w[k] = width_of(g->rows[i].cells[k].text);
        for (i = 0; i < g->nrows; i++) {
                const struct row *r = &g->rows[i];
                size_t last = r->n;

                while (last > 0 && !*r->cells[last - 1].text)
                        last--;
                spaces(p, indent);
                if (r->note) {
                        for (at = 0, k = 0; k < r->note_col; k++)
                                at += w[k] + 2;
                        spaces(p, at);
                        strbuf_addstr(&p->sb, r->cells[0].text);
                        strbuf_addch(&p->sb, '\n');
                        continue;
                }
                for (k = 0; k < last; k++) {
                        const struct cell *c = &r->cells[k];
                        const char *sgr = i == 0 ? SGR_BOLD : c->sgr;

                        pad = w[k] - width_of(c->text);
                        if (c->right)
                                spaces(p, pad);
                        sgr_on(p, *c->text ? sgr : NULL);
                        strbuf_addstr(&p->sb, c->text);
                        sgr_off(p, *c->text ? sgr : NULL);
                        if (k + 1 < last)
                                spaces(p, (c->right ? 0 : pad) + 2);
                }
                strbuf_addch(&p->sb, '\n');
        }
        free(w);
}

/* ---- the parts of a page ------------------------------------------------- */

#define LABEL_WIDTH 12

/* "label       " in the label column, by display width (a Bengali label
 * is as wide as a terminal draws it). */
static void label(struct page *p, const char *l)
{
        size_t w = width_of(l);

        sgr_on(p, SGR_BOLD);
        strbuf_addstr(&p->sb, l);
        sgr_off(p, SGR_BOLD);
        spaces(p, w < LABEL_WIDTH ? LABEL_WIDTH - w : 1);
}

static void field(struct page *p, const char *l, const char *value)
{
        if (!value)
                return;
        label(p, l);
        put_text(p, value);
        strbuf_addch(&p->sb, '\n');
}

static void heading(struct page *p, const char *title, const char *rest)
{
        strbuf_addch(&p->sb, '\n');
        put_styled(p, SGR_BOLD, title);
        if (rest) {
                strbuf_addstr(&p->sb, "  ");
                strbuf_addstr(&p->sb, rest);
        }
        strbuf_addch(&p->sb, '\n');
}

static void add_date(struct strbuf *sb, struct date d)
{
        char buf[11];

        date_format_iso(d, buf);
        strbuf_addstr(sb, buf);
}

/* "15 days, 2000 taka, 3 visits" (the parts given), or "-". */
static void add_tcv(struct strbuf *sb, const struct tcv *t)
{
        size_t at = sb->len;

        if (t->days >= 0)
                strbuf_addf(sb, "%ld day%s", t->days, t->days == 1 ? "" : "s");
        if (t->cost >= 0)
                strbuf_addf(sb, "%s%ld taka", sb->len > at ? ", " : "",
                            t->cost);
        if (t->visits >= 0)
                strbuf_addf(sb, "%s%ld visit%s", sb->len > at ? ", " : "",
                            t->visits, t->visits == 1 ? "" : "s");
        if (sb->len == at)
                strbuf_addstr(sb, "-");
}

static bool overdue(const struct page *p, const struct service *s)
{
        enum status st;

        if (!service_has_plan(s) || !date_is_set(s->plan.due))
                return false;
        st = service_status(s);
        return st != STATUS_LIVE && st != STATUS_DROPPED &&
               date_cmp(s->plan.due, p->today) < 0;
}

/*
 * Why the approval is stale, as far as can be known: the digest is one
 * hash, so which services changed comes from the git history of the office
 * (githist_why_stale()), where the repository has it; without it, why
 * that cannot be told.
 */
static void stale_why(const struct page *p, const struct office *o,
                      struct strbuf *sb)
{
        struct githist *h = githist_new(p->where->root);
        char *text = githist_why_stale(h, p->where->path, o);

        strbuf_addstr(sb, text);
        free(text);
        githist_free(h);
}

static void show_approval(struct page *p, const struct office *o)
{
        enum approval_state a = office_approval_state(o);
        const struct approval *ap = &o->approval;
        struct strbuf sb = STRBUF_INIT;

        label(p, "approval");
        put_styled(p, approval_sgr(a), approval_state_name(a));
        if (a != APPROVAL_NONE) {
                strbuf_addstr(&p->sb, ": ");
                add_date(&p->sb, ap->date);
                strbuf_addstr(&p->sb, " by ");
                put_text(p, ap->by);
        }
        strbuf_addch(&p->sb, '\n');
        if (a == APPROVAL_STALE) {
                stale_why(p, o, &sb);
                label(p, "why stale");
                put_text(p, sb.buf);
                strbuf_addch(&p->sb, '\n');
        }
        field(p, "memo", a != APPROVAL_NONE ? ap->memo : NULL);
        if (a != APPROVAL_NONE) {
                strbuf_reset(&sb);
                if (date_is_set(ap->submitted))
                        add_date(&sb, ap->submitted);
                field(p, "submitted",
                      date_is_set(ap->submitted) ? sb.buf : "not yet");
        }
        strbuf_release(&sb);
}

static void show_office_head(struct page *p, const struct office *o,
                             const struct roadmap_meta *meta,
                             const char *display)
{
        const struct ministry *m =
            meta ? model_find_ministry(meta, o->ministry) : NULL;
        struct strbuf sb = STRBUF_INIT;

        put_styled(p, SGR_BOLD, o->id);
        strbuf_addstr(&p->sb, "  ");
        put_styled(p, SGR_BOLD, o->name);
        strbuf_addch(&p->sb, '\n');
        if (o->name_bn) {
                spaces(p, width_of(o->id) + 2);
                put_text(p, o->name_bn);
                strbuf_addch(&p->sb, '\n');
        }
        strbuf_addstr(&sb, o->ministry);
        if (m && m->name)
                strbuf_addf(&sb, "  %s", m->name);
        field(p, "ministry", sb.buf);
        field(p, "head", o->head);
        field(p, "file", display);
        strbuf_release(&sb);
}

/* Status, its date and due, as the cells of a service row. */
static void status_cells(struct page *p, struct grid *g,
                         const struct service *s)
{
        struct strbuf sb = STRBUF_INIT;
        const struct plan *pl = &s->plan;
        enum status st;

        if (!service_has_plan(s)) {
                row_put(g, "not planned", SGR_DIM, false);
                return;
        }
        st = service_status(s);
        row_put(g, status_name(st), status_sgr(st), false);
        add_date(&sb, pl->history[pl->nhistory - 1].date);
        row_put(g, sb.buf, NULL, false);
        strbuf_reset(&sb);
        if (date_is_set(pl->due))
                add_date(&sb, pl->due);
        row_put(g, sb.buf, NULL, false);
        row_put(g, overdue(p, s) ? "overdue" : "", SGR_RED, false);
        strbuf_release(&sb);
}

/* The second line of a service: English name, recipients, TCV. */
static void service_note(struct grid *g, const struct service *s)
{
        struct strbuf sb = STRBUF_INIT;

        strbuf_addstr(&sb, s->name);
        if (s->recipients != RECIPIENTS_NONE)
                strbuf_addf(&sb, " · %s", recipients_name(s->recipients));
        strbuf_addstr(&sb, " · TCV ");
        add_tcv(&sb, &s->tcv);
        if (service_has_plan(s) && s->plan.tcv.node) {
                strbuf_addstr(&sb, " → ");
                add_tcv(&sb, &s->plan.tcv);
        }
        grid_note(g, 1, sb.buf);
        strbuf_release(&sb);
}

static void show_services(struct page *p, const struct office *o)
{
        static const char *const head[] = {"PRI",  "SERVICE", "নাম", "STATUS",
                                           "DATE", "DUE",     ""};
        struct grid g = {NULL, 0, 0, 7};
        struct strbuf sb = STRBUF_INIT;
        size_t i, k, planned = 0, late = 0;

        grid_row(&g);
        for (k = 0; k < g.ncols; k++)
                row_put(&g, head[k], NULL, k == 0);
        for (i = 0; i < o->nservices; i++) {
                const struct service *s = &o->services[i];

                planned += service_planned(s);
                late += overdue(p, s);
                grid_row(&g);
                strbuf_reset(&sb);
                if (service_has_plan(s))
                        strbuf_addf(&sb, "%ld", s->plan.priority);
                row_put(&g, sb.buf, NULL, true);
                row_put(&g, s->id, SGR_BOLD, false);
                row_put(&g, s->name_bn ? s->name_bn : "", NULL, false);
                status_cells(p, &g, s);
                service_note(&g, s);
        }
        strbuf_reset(&sb);
        strbuf_addf(&sb, "%zu, %zu planned, %zu overdue", o->nservices, planned,
                    late);
        heading(p, "Services", sb.buf);
        if (o->nservices)
                grid_print(p, &g, 2);
        grid_release(&g);
        strbuf_release(&sb);
}

static void show_workshops(struct page *p, const struct office *o)
{
        static const char *const head[] = {"KIND", "DATE", "BATCH",
                                           "PARTICIPANTS", "HEAD PRESENT"};
        struct grid g = {NULL, 0, 0, 5};
        struct strbuf sb = STRBUF_INIT;
        long people = 0;
        size_t i, k;

        grid_row(&g);
        for (k = 0; k < g.ncols; k++)
                row_put(&g, head[k], NULL, k == 2 || k == 3);
        for (i = 0; i < o->nworkshops; i++) {
                const struct workshop *w = &o->workshops[i];

                grid_row(&g);
                row_put(&g, workshop_kind_name(w->kind), NULL, false);
                strbuf_reset(&sb);
                add_date(&sb, w->date);
                row_put(&g, sb.buf, NULL, false);
                strbuf_reset(&sb);
                if (w->batch >= 0)
                        strbuf_addf(&sb, "%ld", w->batch);
                row_put(&g, sb.buf, NULL, true);
                strbuf_reset(&sb);
                if (w->participants >= 0) {
                        strbuf_addf(&sb, "%ld", w->participants);
                        people += w->participants;
                }
                row_put(&g, sb.buf, NULL, true);
                row_put(&g, w->head_present ? "yes" : "no", NULL, false);
        }
        strbuf_reset(&sb);
        strbuf_addf(&sb, "%zu, %ld participant%s", o->nworkshops, people,
                    people == 1 ? "" : "s");
        heading(p, "Workshops", sb.buf);
        if (o->nworkshops)
                grid_print(p, &g, 2);
        grid_release(&g);
        strbuf_release(&sb);
}

static void show_office(struct page *p, const struct office *o,
                        const struct roadmap_meta *meta, const char *display)
{
        show_office_head(p, o, meta, display);
        show_approval(p, o);
        show_services(p, o);
        show_workshops(p, o);
}

/* ---- one service ----------------------------------------------------------
 */

static void show_plan(struct page *p, const struct service *s)
{
        const struct plan *pl = &s->plan;
        struct strbuf sb = STRBUF_INIT;
        enum status st = service_status(s);
        struct grid g = {NULL, 0, 0, 3};
        size_t i;

        strbuf_addf(&sb, "%ld", pl->priority);
        field(p, "priority", sb.buf);
        strbuf_reset(&sb);
        if (date_is_set(pl->due))
                add_date(&sb, pl->due);
        label(p, "due");
        strbuf_addstr(&p->sb, sb.len ? sb.buf : "-");
        if (overdue(p, s)) {
                strbuf_addstr(&p->sb, "  ");
                put_styled(p, SGR_RED, "overdue");
        }
        strbuf_addch(&p->sb, '\n');
        label(p, "status");
        put_styled(p, status_sgr(st), status_name(st));
        strbuf_addstr(&p->sb, " since ");
        add_date(&p->sb, pl->history[pl->nhistory - 1].date);
        strbuf_addch(&p->sb, '\n');
        grid_row(&g);
        row_put(&g, "DATE", NULL, false);
        row_put(&g, "STATUS", NULL, false);
        row_put(&g, "NOTE", NULL, false);
        for (i = 0; i < pl->nhistory; i++) {
                const struct history_entry *h = &pl->history[i];

                grid_row(&g);
                strbuf_reset(&sb);
                add_date(&sb, h->date);
                row_put(&g, sb.buf, NULL, false);
                row_put(&g, status_name(h->status), status_sgr(h->status),
                        false);
                row_put(&g, h->note ? h->note : "", NULL, false);
        }
        strbuf_reset(&sb);
        strbuf_addf(&sb, "%zu entr%s", pl->nhistory,
                    pl->nhistory == 1 ? "y" : "ies");
        heading(p, "History", sb.buf);
        grid_print(p, &g, 2);
        grid_release(&g);
        strbuf_release(&sb);
}

static void show_service(struct page *p, const struct office *o,
                         const struct service *s)
{
        struct strbuf sb = STRBUF_INIT;

        put_styled(p, SGR_BOLD, o->id);
        strbuf_addstr(&p->sb, " / ");
        put_styled(p, SGR_BOLD, s->id);
        strbuf_addch(&p->sb, '\n');
        field(p, "name", s->name);
        field(p, "নাম", s->name_bn);
        strbuf_addf(&sb, "%s  %s", o->id, o->name);
        field(p, "office", sb.buf);
        field(p, "recipients",
              s->recipients != RECIPIENTS_NONE ? recipients_name(s->recipients)
                                               : NULL);
        strbuf_reset(&sb);
        if (date_is_set(s->since)) {
                add_date(&sb, s->since);
                field(p, "listed", sb.buf);
                strbuf_reset(&sb);
        }
        add_tcv(&sb, &s->tcv);
        field(p, "TCV now", sb.buf);
        if (service_has_plan(s)) {
                strbuf_reset(&sb);
                add_tcv(&sb, &s->plan.tcv);
                field(p, "TCV planned", sb.buf);
        }
        show_approval(p, o);
        if (service_has_plan(s)) {
                heading(p, "Plan", NULL);
                show_plan(p, s);
        } else {
                heading(p, "Plan", "none: not chosen as an e-service");
        }
        strbuf_release(&sb);
}

/* ---- the command ------------------------------------------------------------
 */

/* roadmap.yaml, for the ministry's name; a page without it is still
 * useful, so nothing is said when it cannot be read (check says why). */
static const struct roadmap_meta *load_meta(const char *root, struct loaded *ld)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *path = xasprintf("%s/%s", root, REPO_MARKER);
        int rc = load_roadmap(ld, path, REPO_MARKER, &dl);

        free(path);
        diag_list_release(&dl);
        return rc == 0 ? &ld->m.meta : NULL;
}

static int show(const struct cmd_office *co, const char *service)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct loaded ld, meta;
        struct page p = {
            STRBUF_INIT, cli_use_colour(CLI_COLOUR_AUTO), {0, 0, 0}, co};
        const struct service *s = NULL;
        int rc = EXIT_INVALID;

        loaded_init(&ld);
        loaded_init(&meta);
        if (cli_today(&p.today) != 0) {
                rc = EXIT_USAGE;
                goto done;
        }
        if (load_office(&ld, co->path, co->display, co->id, &dl) != 0) {
                cli_print_diags(&dl);
                goto done;
        }
        if (service &&
            !(s = cmd_service_lookup(&ld.m.office, co->display, service)))
                goto done;
        if (s)
                show_service(&p, &ld.m.office, s);
        else
                show_office(&p, &ld.m.office, load_meta(co->root, &meta),
                            co->display);
        fwrite(p.sb.buf, 1, p.sb.len, stdout);
        rc = EXIT_OK;
done:
        strbuf_release(&p.sb);
        diag_list_release(&dl);
        loaded_release(&meta);
        loaded_release(&ld);
        return rc;
}

int cmd_show(int argc, char **argv)
{
        struct cmd_office co;
        int n = opt_parse_args(&cmd_show_syntax, argc, argv, NULL, 1, 2), rc;

        if (n < 0)
                return opt_parse_exit(n);
        if ((rc = cmd_office_find("show", argv[1], &co)) != EXIT_OK)
                return rc;
        rc = show(&co, n == 2 ? argv[2] : NULL);
        cmd_office_release(&co);
        return rc;
}
