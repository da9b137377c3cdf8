/*
 * dashboard-svg: the charts, drawn as inline SVG.  Each chart is an <svg>
 * with data-chart naming it; the rectangles that show data have class
 * "bar" and a fill of the chart's own palette (no two charts share a
 * colour, so a test can find each one in a screenshot).  Labels that may
 * be long are clipped by a nested <svg>, with the whole text in <title>.
 * Numbers from the reports carry data-metric (and data-ministry), as the
 * page's tables do.
 */
#include <string.h>

#include "dashboard-internal.h"
#include "roadmap/out.h"

#define WIDTH 700   /* of every chart */
#define LABEL_W 200 /* the ministry names on the left */
#define BAR_X 210   /* where bars start */
#define BAR_W 380   /* a bar at 100 % */
#define ROW 24      /* a row's height */
#define TOP 30      /* room for the legend */

static const char *const status_fill[STATUS_COUNT] = {
    [STATUS_PLANNED] = "#90a4ae",    [STATUS_DESIGNING] = "#4fc3f7",
    [STATUS_DEVELOPING] = "#1976d2", [STATUS_PILOTING] = "#ffb300",
    [STATUS_LIVE] = "#43a047",       [STATUS_DROPPED] = "#e53935"};
static const char *const approval_fill[3] = {"#2e7d32", "#f57c00", "#bdbdbd"};
static const char *const kind_fill[DASH_KINDS] = {"#5e35b1", "#d81b60",
                                                  "#00acc1"};
static const char *const tcv_fill[2] = {"#8d6e63", "#00897b"};
#define APA_FILL "#1b5e20"
#define TRACK_FILL "#f1f1f1"

static void svg_open(struct strbuf *sb, const char *chart, int height)
{
        strbuf_addf(sb,
                    "<svg data-chart=\"%s\" width=\"%d\" height=\"%d\" "
                    "viewBox=\"0 0 %d %d\" "
                    "role=\"img\" shape-rendering=\"crispEdges\">\n",
                    chart, WIDTH, height, WIDTH, height);
}

static void no_data(struct strbuf *sb, enum dashboard_lang lang,
                    const char *chart)
{
        strbuf_addf(sb, "<p class=\"nodata\" data-chart=\"%s\">%s</p>\n", chart,
                    dash_word(lang, W_NO_DATA));
}

static void bar(struct strbuf *sb, int x, int y, int w, int h, const char *fill)
{
        if (w > 0 && h > 0)
                strbuf_addf(
                    sb,
                    "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" "
                    "height=\"%d\" fill=\"%s\"/>\n",
                    x, y, w, h, fill);
}

static void track(struct strbuf *sb, int x, int y, int w, int h)
{
        strbuf_addf(sb,
                    "<rect class=\"track\" x=\"%d\" y=\"%d\" width=\"%d\" "
                    "height=\"%d\" fill=\"" TRACK_FILL "\"/>\n",
                    x, y, w, h);
}

/* The pixels of part out of whole in a bar of width w. */
static int scale(long long part, long long whole, int w)
{
        if (whole <= 0 || part <= 0)
                return 0;
        return (int)((part * w + whole / 2) / whole);
}

/* A clipped label at the left of row y, its whole text in a tooltip. */
static void row_label(struct strbuf *sb, int y, const char *text)
{
        strbuf_addf(sb, "<svg x=\"0\" y=\"%d\" width=\"%d\" height=\"%d\">", y,
                    LABEL_W, ROW);
        strbuf_addstr(sb, "<title>");
        dash_esc(sb, text);
        strbuf_addf(sb, "</title><text x=\"0\" y=\"%d\">", ROW - 8);
        dash_esc(sb, text);
        strbuf_addstr(sb, "</text></svg>\n");
}

/* A number as text at (x, y) with its data attributes (metric NULL:
 * none). */
static void number(struct strbuf *sb, enum dashboard_lang lang, int x, int y,
                   const char *metric, const char *ministry, long long n)
{
        strbuf_addf(sb, "<text x=\"%d\" y=\"%d\"", x, y);
        if (metric)
                strbuf_addf(sb, " data-metric=\"%s\"", metric);
        if (ministry) {
                strbuf_addstr(sb, " data-ministry=\"");
                dash_esc(sb, ministry);
                strbuf_addch(sb, '"');
        }
        strbuf_addch(sb, '>');
        dash_num(sb, lang, n);
        strbuf_addstr(sb, "</text>");
}

/* A legend of n coloured keys along the top. */
static void legend(struct strbuf *sb, const char *const *fill,
                   const char *const *label, size_t n)
{
        size_t i;
        int x = 0;

        for (i = 0; i < n; i++) {
                strbuf_addf(sb,
                            "<rect class=\"key\" x=\"%d\" y=\"6\" width=\"12\" "
                            "height=\"12\" fill=\"%s\"/><text x=\"%d\" "
                            "y=\"17\">",
                            x, fill[i], x + 16);
                dash_esc(sb, label[i]);
                strbuf_addstr(sb, "</text>\n");
                x +=
                    28 + 8 * (int)out_display_width(label[i], strlen(label[i]));
        }
}

/* ---- per ministry ------------------------------------------------------- */

void dash_chart_apa(struct strbuf *sb, enum dashboard_lang lang,
                    const struct dash *d)
{
        size_t i;
        int y = 4, rows = 0;

        for (i = 0; i < d->nmin; i++)
                rows += d->min[i].apa;
        if (!rows) {
                no_data(sb, lang, "apa");
                return;
        }
        svg_open(sb, "apa", rows * ROW + 8);
        for (i = 0; i < d->nmin; i++) {
                const struct dash_ministry *m = &d->min[i];

                if (!m->apa)
                        continue;
                row_label(sb, y, dash_ministry_name(lang, m));
                track(sb, BAR_X, y + 4, BAR_W, ROW - 8);
                bar(sb, BAR_X, y + 4, scale(m->apa_met, m->apa_offices, BAR_W),
                    ROW - 8, APA_FILL);
                number(sb, lang, BAR_X + BAR_W + 8, y + ROW - 8, "apa:met",
                       m->id, m->apa_met);
                strbuf_addf(sb, "<text x=\"%d\" y=\"%d\">/</text>",
                            BAR_X + BAR_W + 50, y + ROW - 8);
                number(sb, lang, BAR_X + BAR_W + 60, y + ROW - 8, "apa:offices",
                       m->id, m->apa_offices);
                strbuf_addch(sb, '\n');
                y += ROW;
        }
        strbuf_addstr(sb, "</svg>\n");
}

void dash_chart_progress(struct strbuf *sb, enum dashboard_lang lang,
                         const struct dash *d)
{
        const char *labels[STATUS_COUNT];
        long long all;
        size_t i;
        int st, x, y = TOP;

        for (st = 0; st < STATUS_COUNT; st++)
                labels[st] = dash_status(lang, (enum status)st);
        if (d->planned == 0 || d->nmin == 0) {
                no_data(sb, lang, "progress");
                return;
        }
        svg_open(sb, "progress", TOP + (int)d->nmin * ROW + 8);
        legend(sb, status_fill, labels, STATUS_COUNT);
        for (i = 0; i < d->nmin; i++, y += ROW) {
                const struct dash_ministry *m = &d->min[i];

                row_label(sb, y, dash_ministry_name(lang, m));
                track(sb, BAR_X, y + 4, BAR_W, ROW - 8);
                for (all = 0, st = 0; st < STATUS_COUNT; st++)
                        all += m->status[st];
                for (x = BAR_X, st = 0; st < STATUS_COUNT; st++) {
                        int w = scale(m->status[st], all, BAR_W);

                        if (x + w > BAR_X + BAR_W)
                                w = BAR_X + BAR_W - x;
                        bar(sb, x, y + 4, w, ROW - 8, status_fill[st]);
                        x += w;
                }
                number(sb, lang, BAR_X + BAR_W + 8, y + ROW - 8,
                       "progress:planned_services", m->id, all);
                strbuf_addch(sb, '\n');
        }
        strbuf_addstr(sb, "</svg>\n");
}

void dash_chart_approvals(struct strbuf *sb, enum dashboard_lang lang,
                          const struct dash *d)
{
        const char *labels[3] = {dash_word(lang, W_APPROVED),
                                 dash_word(lang, W_STALE),
                                 dash_word(lang, W_NONE)};
        size_t i;
        int y = TOP;

        if (d->offices == 0 || d->nmin == 0) {
                no_data(sb, lang, "approvals");
                return;
        }
        svg_open(sb, "approvals", TOP + (int)d->nmin * ROW + 8);
        legend(sb, approval_fill, labels, 3);
        for (i = 0; i < d->nmin; i++, y += ROW) {
                const struct dash_ministry *m = &d->min[i];
                long long none = m->offices - m->approved - m->stale;
                int wa = scale(m->approved, m->offices, BAR_W);
                int ws = scale(m->approved + m->stale, m->offices, BAR_W) - wa;

                row_label(sb, y, dash_ministry_name(lang, m));
                bar(sb, BAR_X, y + 4, wa, ROW - 8, approval_fill[0]);
                bar(sb, BAR_X + wa, y + 4, ws, ROW - 8, approval_fill[1]);
                bar(sb, BAR_X + wa + ws, y + 4, none > 0 ? BAR_W - wa - ws : 0,
                    ROW - 8, approval_fill[2]);
                number(sb, lang, BAR_X + BAR_W + 8, y + ROW - 8,
                       "approved_offices", m->id, m->approved);
                number(sb, lang, BAR_X + BAR_W + 50, y + ROW - 8,
                       "stale_offices", m->id, m->stale);
                number(sb, lang, BAR_X + BAR_W + 92, y + ROW - 8,
                       "none_offices", m->id, none);
                strbuf_addch(sb, '\n');
        }
        strbuf_addstr(sb, "</svg>\n");
}

/* ---- time, cost and visits ----------------------------------------------- */

static const char *const tcv_metric[DASH_TCV] = {"days", "cost", "visits"};

void dash_chart_tcv(struct strbuf *sb, enum dashboard_lang lang,
                    const struct dash *d)
{
        const char *labels[2] = {dash_word(lang, W_NOW),
                                 dash_word(lang, W_TARGET)};
        static const enum dash_word name[DASH_TCV] = {W_DAYS, W_COST, W_VISITS};
        char metric[32];
        int t, y = TOP;

        if (!d->now[0] && !d->now[1] && !d->now[2]) {
                no_data(sb, lang, "tcv");
                return;
        }
        svg_open(sb, "tcv", TOP + DASH_TCV * 3 * ROW);
        legend(sb, tcv_fill, labels, 2);
        for (t = 0; t < DASH_TCV; t++, y += 3 * ROW) {
                long long most =
                    d->now[t] > d->target[t] ? d->now[t] : d->target[t];

                row_label(sb, y + ROW / 2, dash_word(lang, name[t]));
                bar(sb, BAR_X, y + 4, scale(d->now[t], most, BAR_W), ROW - 8,
                    tcv_fill[0]);
                bar(sb, BAR_X, y + ROW + 4, scale(d->target[t], most, BAR_W),
                    ROW - 8, tcv_fill[1]);
                snprintf(metric, sizeof(metric), "tcv:%s_now", tcv_metric[t]);
                number(sb, lang, BAR_X + BAR_W + 8, y + ROW - 8, metric, NULL,
                       d->now[t]);
                snprintf(metric, sizeof(metric), "tcv:%s_target",
                         tcv_metric[t]);
                number(sb, lang, BAR_X + BAR_W + 8, y + 2 * ROW - 8, metric,
                       NULL, d->target[t]);
                strbuf_addch(sb, '\n');
        }
        strbuf_addstr(sb, "</svg>\n");
}

/* ---- workshops over time ---------------------------------------------------
 */

#define PLOT_H 200

static void quarter_column(struct strbuf *sb, const struct dash_quarter *q,
                           int x, int w, long long most)
{
        int k, y = TOP + PLOT_H;

        strbuf_addstr(sb, "<g><title>");
        dash_esc(sb, q->fy);
        strbuf_addf(sb, " Q%lld: %lld</title>", q->quarter, q->participants);
        for (k = 0; k < DASH_KINDS; k++) {
                int h = scale(q->kind[k], most, PLOT_H);

                y -= h;
                bar(sb, x, y, w, h, kind_fill[k]);
        }
        strbuf_addstr(sb, "</g>\n");
}

void dash_chart_workshops(struct strbuf *sb, enum dashboard_lang lang,
                          const struct dash *d)
{
        const char *labels[DASH_KINDS] = {dash_word(lang, W_KIND_ROADMAP),
                                          dash_word(lang, W_KIND_DESIGN),
                                          dash_word(lang, W_KIND_LEADERSHIP)};
        long long most = 0, sum;
        size_t i;
        int k, step, x;

        for (i = 0; i < d->nqtr; i++) {
                for (sum = 0, k = 0; k < DASH_KINDS; k++)
                        sum += d->qtr[i].kind[k];
                most = sum > most ? sum : most;
        }
        if (most == 0) {
                no_data(sb, lang, "workshops");
                return;
        }
        step = (WIDTH - 60) / (int)d->nqtr;
        step = step > 48 ? 48 : step < 2 ? 2 : step;
        svg_open(sb, "workshops", TOP + PLOT_H + 24);
        legend(sb, kind_fill, labels, DASH_KINDS);
        number(sb, lang, 0, TOP + 12, NULL, NULL, most);
        strbuf_addf(sb,
                    "<line x1=\"50\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                    "stroke=\"#9e9e9e\"/>\n",
                    TOP + PLOT_H, WIDTH, TOP + PLOT_H);
        for (i = 0, x = 56; i < d->nqtr; i++, x += step) {
                quarter_column(sb, &d->qtr[i], x, step > 4 ? step - 2 : step,
                               most);
                if (i == 0 || d->qtr[i].quarter == 1) {
                        strbuf_addf(sb, "<text x=\"%d\" y=\"%d\">", x,
                                    TOP + PLOT_H + 18);
                        dash_digits(sb, lang, d->qtr[i].fy ? d->qtr[i].fy : "");
                        strbuf_addstr(sb, "</text>\n");
                }
        }
        strbuf_addstr(sb, "</svg>\n");
}
