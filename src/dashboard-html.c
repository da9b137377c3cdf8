/*
 * dashboard-html: the page -- a head with its style sheet and a policy
 * that forbids every request, the headline figures, the charts
 * (dashboard-svg.c), the table per ministry, the workshops and the
 * overdue list.
 */
#include <string.h>

#include "dashboard-internal.h"

static const char style[] =
    "@page{size:A4;margin:12mm}\n"
    "html{font-family:\"Noto Sans Bengali\",\"Noto Sans\",\"Nirmala UI\","
    "Vrinda,\"Shonar Bangla\",\"Lohit Bengali\",\"DejaVu Sans\",Arial,"
    "sans-serif;color:#212121;background:#fff}\n"
    "body{margin:0 auto;max-width:186mm;padding:12px;font-size:14px}\n"
    "h1{font-size:22px;margin:0 0 4px}\n"
    "h2{font-size:17px;margin:20px 0 4px;border-bottom:2px solid #e0e0e0;"
    "break-after:avoid;page-break-after:avoid}\n"
    "h3{font-size:14px;margin:12px 0 4px;break-after:avoid;"
    "page-break-after:avoid}\n"
    "p{margin:4px 0}.note,.meta{color:#555;font-size:12px}\n"
    ".figs{display:flex;flex-wrap:wrap;gap:8px;margin-top:10px}\n"
    ".fig{flex:1 1 auto;min-width:90px;border:1px solid #ddd;border-radius:6px;"
    "padding:8px;break-inside:avoid}\n"
    ".fig .num{display:block;font-size:26px;font-weight:700}\n"
    ".fig .label{font-size:12px;color:#444}\n"
    ".sub{display:block;font-size:11px;color:#666}\n"
    ".lead{break-inside:avoid;page-break-inside:avoid}\n"
    "h2+.note{break-after:avoid;page-break-after:avoid}\n"
    "svg+svg{margin-top:-4px}.bd{font-size:11px;color:#555}\n"
    "svg .colhead,svg .q,svg .value{font-size:11px}"
    "svg .colhead{fill:#555}\n"
    "svg{display:block;max-width:100%;height:auto;font-size:12px}\n"
    "svg text{fill:#212121}\n"
    "table{border-collapse:collapse;width:100%;font-size:12px}\n"
    "th,td{border-bottom:1px solid #e0e0e0;padding:3px 5px;"
    "text-align:left;vertical-align:baseline}\n"
    "th{background:#f5f5f5}.n{text-align:right;white-space:nowrap}\n"
    "thead{display:table-header-group}tr{break-inside:avoid}\n"
    "@media print{body{max-width:none;padding:0}}\n";

/* ---- pieces -------------------------------------------------------------- */

static void cell_num(struct strbuf *sb, enum dashboard_lang lang,
                     const char *metric, const char *ministry, long long n)
{
        dash_figure(sb, lang, "td class=\"n\"", "td", metric, ministry, n);
}

static void cell_text(struct strbuf *sb, const char *s)
{
        strbuf_addstr(sb, "<td>");
        dash_esc(sb, s);
        strbuf_addstr(sb, "</td>");
}

static void heading(struct strbuf *sb, enum dashboard_lang lang,
                    enum dash_word w, int numeric)
{
        strbuf_addf(sb, "<th%s>%s</th>", numeric ? " class=\"n\"" : "",
                    dash_word(lang, w));
}

static void section_open(struct strbuf *sb, enum dashboard_lang lang,
                         const char *id, enum dash_word title, const char *note)
{
        strbuf_addf(sb,
                    "<section class=\"chart\" id=\"%s\">\n"
                    "<div class=\"lead\">\n<h2>%s</h2>\n",
                    id, dash_word(lang, title));
        if (note)
                strbuf_addf(sb, "<p class=\"note\">%s</p>\n", note);
}

static void figure_open(struct strbuf *sb, enum dashboard_lang lang,
                        const char *metric, long long n, enum dash_word label)
{
        strbuf_addf(sb,
                    "<div class=\"fig\"><span class=\"num\" "
                    "data-metric=\"%s\">",
                    metric);
        dash_num(sb, lang, n);
        strbuf_addf(sb, "</span><span class=\"label\">%s</span>",
                    dash_word(lang, label));
}

static void figure(struct strbuf *sb, enum dashboard_lang lang,
                   const char *metric, long long n, enum dash_word label)
{
        figure_open(sb, lang, metric, n, label);
        strbuf_addstr(sb, "</div>\n");
}

/* Offices with a roadmap, "of N offices" under them. */
static void figure_offices(struct strbuf *sb, enum dashboard_lang lang,
                           const struct dash *d)
{
        struct strbuf n = STRBUF_INIT;

        figure_open(sb, lang, "roadmap_offices", d->roadmap_offices, W_OFFICES);
        strbuf_addstr(&n, "<span data-metric=\"offices\">");
        dash_num(&n, lang, d->offices);
        strbuf_addstr(&n, "</span>");
        strbuf_addstr(sb, "<span class=\"sub\">");
        dash_fill(sb, lang, W_OF_OFFICES, n.buf);
        strbuf_addstr(sb, "</span></div>\n");
        strbuf_release(&n);
}

/* ---- the parts of the page ----------------------------------------------- */

static void head(struct strbuf *sb, const struct dashboard_options *opt)
{
        enum dashboard_lang lang = opt->lang;

        strbuf_addf(
            sb,
            "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n"
            "<meta charset=\"utf-8\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" "
            "content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, "
            "initial-scale=1\">\n<title>%s</title>\n<style>\n%s"
            "</style>\n</head>\n<body>\n",
            lang == DASHBOARD_BN ? "bn" : "en", dash_word(lang, W_TITLE),
            style);
}

static void header(struct strbuf *sb, const struct dashboard_options *opt,
                   const struct dash *d)
{
        const struct report_filter *f = &opt->report.filter;
        enum dashboard_lang lang = opt->lang;

        strbuf_addf(sb, "<header>\n<h1>%s</h1>\n<p class=\"meta\">%s: ",
                    dash_word(lang, W_TITLE), dash_word(lang, W_AS_OF));
        strbuf_addf(sb, "<time data-as-of=\"%04d-%02d-%02d\">", f->as_of.y,
                    f->as_of.m, f->as_of.d);
        dash_date_long(sb, lang, f->as_of);
        strbuf_addstr(sb, "</time>");
        if (f->period) {
                strbuf_addf(sb, " &middot; %s: ", dash_word(lang, W_PERIOD));
                dash_date_long(sb, lang, f->from);
                strbuf_addstr(sb, " &ndash; ");
                dash_date_long(sb, lang, f->as_of);
        }
        strbuf_addf(sb, "</p>\n<p class=\"note\">%s</p>\n</header>\n",
                    dash_word(lang, W_SUBTITLE));
        strbuf_addstr(sb, "<section class=\"figs\" id=\"headline\">\n");
        figure_offices(sb, lang, d);
        figure(sb, lang, "services", d->services, W_SERVICES);
        figure(sb, lang, "planned", d->planned, W_PLANNED);
        figure(sb, lang, "live", d->live, W_LIVE);
        figure(sb, lang, "participants", d->participants, W_PARTICIPANTS);
        figure(sb, lang, "overdue", d->overdue, W_OVERDUE);
        strbuf_addf(sb, "</section>\n<p class=\"note\">%s</p>\n",
                    dash_word(lang, W_HEADLINE_NOTE));
}

/* The workshops report: participants by kind of workshop, all quarters. */
static void workshop_kinds(struct strbuf *sb, enum dashboard_lang lang,
                           const struct dash *d)
{
        static const enum dash_word cols[] = {W_KIND, W_SH_OFFICES,
                                              W_SH_TRAINED, W_BATCHES, W_HEADS};
        size_t i;

        if (d->nwk == 0)
                return;
        strbuf_addstr(sb, "<table>\n<thead><tr>");
        for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
                heading(sb, lang, cols[i], i > 0);
        strbuf_addstr(sb, "</tr></thead>\n<tbody>\n");
        for (i = 0; i < d->nwk; i++) {
                const struct dash_wkind *k = &d->wk[i];

                strbuf_addstr(sb, "<tr data-kind=\"");
                dash_esc(sb, k->kind);
                strbuf_addstr(sb, "\">");
                cell_text(sb, dash_kind(lang, k->kind));
                cell_num(sb, lang, "workshops:offices", NULL, k->offices);
                cell_num(sb, lang, "workshops:participants", NULL,
                         k->participants);
                cell_num(sb, lang, "workshops:batches", NULL, k->batches);
                cell_num(sb, lang, "workshops:heads_present", NULL, k->heads);
                strbuf_addstr(sb, "</tr>\n");
        }
        strbuf_addstr(sb, "</tbody>\n</table>\n");
}

/* The training report: participants per quarter, by kind of workshop. */
static void quarter_row(struct strbuf *sb, enum dashboard_lang lang,
                        const struct dash_quarter *q)
{
        static const char *const metric[DASH_KINDS] = {
            "training:roadmap", "training:design", "training:leadership"};
        int k;

        strbuf_addstr(sb, "<tr data-kind=\"");
        dash_esc(sb, q->fy);
        strbuf_addf(sb, "/%lld\">", q->quarter);
        strbuf_addstr(sb, "<td>");
        dash_digits(sb, lang, q->fy ? q->fy : "");
        strbuf_addstr(sb, "</td>");
        cell_num(sb, lang, NULL, NULL, q->quarter);
        for (k = 0; k < DASH_KINDS; k++)
                cell_num(sb, lang, metric[k], NULL, q->kind[k]);
        cell_num(sb, lang, "training:participants", NULL, q->participants);
        cell_num(sb, lang, "training:offices", NULL, q->offices);
        cell_num(sb, lang, "training:heads_present", NULL, q->heads);
        strbuf_addstr(sb, "</tr>\n");
}

static void quarters(struct strbuf *sb, enum dashboard_lang lang,
                     const struct dash *d)
{
        static const enum dash_word cols[] = {W_FY,
                                              W_QUARTER,
                                              W_KIND_ROADMAP,
                                              W_KIND_DESIGN,
                                              W_KIND_LEADERSHIP,
                                              W_SH_TRAINED,
                                              W_SH_OFFICES,
                                              W_HEADS};
        size_t i;

        if (d->nqtr == 0)
                return;
        strbuf_addf(sb, "<h3>%s</h3>\n<table class=\"quarters\">\n<thead><tr>",
                    dash_word(lang, W_PER_QUARTER));
        for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
                heading(sb, lang, cols[i], i > 0);
        strbuf_addstr(sb, "</tr></thead>\n<tbody>\n");
        for (i = 0; i < d->nqtr; i++)
                quarter_row(sb, lang, &d->qtr[i]);
        strbuf_addstr(sb, "</tbody>\n</table>\n");
}

/* A chart per ministry: its heading, note and first part kept together
 * (class lead), the other parts after them. */
typedef void chart_fn(struct strbuf *first, struct strbuf *rest,
                      enum dashboard_lang lang, const struct dash *d);

static void chart_section(struct strbuf *sb, enum dashboard_lang lang,
                          const struct dash *d, const char *id,
                          enum dash_word title, const char *note,
                          chart_fn *draw)
{
        struct strbuf rest = STRBUF_INIT;

        section_open(sb, lang, id, title, note);
        draw(sb, &rest, lang, d);
        strbuf_addstr(sb, "</div>\n");
        strbuf_add(sb, rest.buf, rest.len);
        strbuf_addstr(sb, "</section>\n");
        strbuf_release(&rest);
}

static void charts(struct strbuf *sb, enum dashboard_lang lang,
                   const struct dash *d)
{
        struct strbuf note = STRBUF_INIT, fy = STRBUF_INIT;

        if (d->fy) {
                dash_digits(&fy, lang, d->fy);
                dash_fill(&note, lang, W_APA_NOTE, fy.buf);
        }
        chart_section(sb, lang, d, "apa", W_APA, d->fy ? note.buf : NULL,
                      dash_chart_apa);
        chart_section(sb, lang, d, "progress", W_PROGRESS,
                      dash_word(lang, W_PROGRESS_NOTE), dash_chart_progress);
        section_open(sb, lang, "tcv", W_TCV, dash_word(lang, W_TCV_NOTE));
        dash_chart_tcv(sb, lang, d);
        strbuf_addstr(sb, "</div>\n</section>\n");
        chart_section(sb, lang, d, "approvals", W_APPROVALS, NULL,
                      dash_chart_approvals);
        section_open(sb, lang, "workshops", W_WORKSHOPS,
                     dash_word(lang, W_WORKSHOPS_NOTE));
        dash_chart_workshops(sb, lang, d);
        strbuf_addstr(sb, "</div>\n");
        workshop_kinds(sb, lang, d);
        quarters(sb, lang, d);
        strbuf_addstr(sb, "</section>\n");
        strbuf_release(&note);
        strbuf_release(&fy);
}

/* The table per ministry: every figure of the ministries report shown. */
static void ministry_row(struct strbuf *sb, enum dashboard_lang lang,
                         const struct dash_ministry *m)
{
        strbuf_addstr(sb, "<tr>");
        cell_text(sb, dash_ministry_name(lang, m));
        cell_num(sb, lang, "offices", m->id, m->offices);
        cell_num(sb, lang, "services", m->id, m->services);
        cell_num(sb, lang, "planned", m->id, m->planned);
        cell_num(sb, lang, "live", m->id, m->live);
        cell_num(sb, lang, "approved_offices", m->id, m->approved);
        cell_num(sb, lang, "stale_offices", m->id, m->stale);
        cell_num(sb, lang, "participants", m->id, m->participants);
        cell_num(sb, lang, "overdue", m->id, m->overdue);
        strbuf_addstr(sb, "</tr>\n");
}

static void ministries(struct strbuf *sb, enum dashboard_lang lang,
                       const struct dash *d)
{
        static const enum dash_word cols[] = {
            W_SH_OFFICES, W_SH_SERVICES, W_PLANNED,    W_LIVE,
            W_APPROVED,   W_SH_STALE,    W_SH_TRAINED, W_OVERDUE};
        size_t i;

        strbuf_addf(sb, "<section id=\"ministries\">\n<h2>%s</h2>\n",
                    dash_word(lang, W_PER_MINISTRY));
        strbuf_addstr(sb, "<table>\n<thead><tr>");
        heading(sb, lang, W_MINISTRY, 0);
        for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
                heading(sb, lang, cols[i], 1);
        strbuf_addstr(sb, "</tr></thead>\n<tbody>\n");
        for (i = 0; i < d->nmin; i++)
                ministry_row(sb, lang, &d->min[i]);
        strbuf_addf(sb, "<tr><th>%s</th>", dash_word(lang, W_ALL));
        cell_num(sb, lang, "offices", NULL, d->offices);
        cell_num(sb, lang, "services", NULL, d->services);
        cell_num(sb, lang, "planned", NULL, d->planned);
        cell_num(sb, lang, "live", NULL, d->live);
        cell_num(sb, lang, "approved_offices", NULL, d->approved);
        cell_num(sb, lang, "stale_offices", NULL, d->stale);
        cell_num(sb, lang, "participants", NULL, d->participants);
        cell_num(sb, lang, "overdue", NULL, d->overdue);
        strbuf_addstr(sb, "</tr>\n</tbody>\n</table>\n</section>\n");
}

static void overdue_row(struct strbuf *sb, enum dashboard_lang lang,
                        const struct dash_overdue *o)
{
        enum status st;

        strbuf_addstr(sb, "<tr>");
        if (lang == DASHBOARD_BN && o->office_name_bn)
                cell_text(sb, o->office_name_bn);
        else
                cell_text(sb, o->office_name ? o->office_name : o->office);
        cell_text(sb,
                  lang == DASHBOARD_BN && o->name_bn ? o->name_bn : o->name);
        if (o->priority >= 0)
                cell_num(sb, lang, NULL, NULL, o->priority);
        else
                strbuf_addstr(sb, "<td></td>");
        strbuf_addstr(sb, "<td class=\"n\">");
        dash_date(sb, lang, o->due);
        strbuf_addstr(sb, "</td>");
        cell_text(sb, o->status && status_parse(o->status, &st) == 0
                          ? dash_status(lang, st)
                          : o->status);
        cell_num(sb, lang, NULL, NULL, o->days);
        strbuf_addstr(sb, "</tr>\n");
}

static void overdue(struct strbuf *sb, enum dashboard_lang lang,
                    const struct dash *d)
{
        static const enum dash_word cols[] = {
            W_OFFICE, W_SERVICE, W_PRIORITY, W_DUE, W_STATUS, W_DAYS_OVERDUE};
        struct strbuf more = STRBUF_INIT;
        size_t i;

        strbuf_addf(sb,
                    "<section id=\"overdue\">\n<h2>%s</h2>\n"
                    "<p class=\"note\">%s</p>\n",
                    dash_word(lang, W_OVERDUE_LIST),
                    dash_word(lang, W_OVERDUE_NOTE));
        if (d->overdue_rows == 0) {
                strbuf_addf(sb, "<p>%s</p>\n</section>\n",
                            dash_word(lang, d->overdue ? W_NO_DATA
                                                       : W_NOTHING_OVERDUE));
                return;
        }
        strbuf_addstr(sb, "<table>\n<thead><tr>");
        for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
                heading(sb, lang, cols[i], i >= 2 && i != 4);
        strbuf_addf(sb, "</tr></thead>\n<tbody data-rows=\"%lld\">\n",
                    d->overdue_rows);
        for (i = 0; i < d->novd; i++)
                overdue_row(sb, lang, &d->ovd[i]);
        strbuf_addstr(sb, "</tbody>\n</table>\n");
        if (d->overdue_rows > (long long)d->novd) {
                struct strbuf n = STRBUF_INIT;

                dash_num(&n, lang, d->overdue_rows - (long long)d->novd);
                dash_fill(&more, lang, W_MORE, n.buf);
                strbuf_addf(sb, "<p class=\"more\" data-more=\"%lld\">%s</p>\n",
                            d->overdue_rows - (long long)d->novd, more.buf);
                strbuf_release(&n);
        }
        strbuf_addstr(sb, "</section>\n");
        strbuf_release(&more);
}

void dash_page(struct strbuf *sb, const struct dashboard_options *opt,
               const struct dash *d)
{
        head(sb, opt);
        header(sb, opt, d);
        charts(sb, opt->lang, d);
        ministries(sb, opt->lang, d);
        overdue(sb, opt->lang, d);
        strbuf_addstr(sb, "</body>\n</html>\n");
}
