/*
 * dashboard-svg: the charts, drawn as inline SVG.  Each chart is an <svg>
 * with data-chart naming it; the rectangles that show data have class
 * "bar" and a fill of the chart's own palette (no two charts share a
 * colour, so a test can find each one in a screenshot).  Labels that may
 * be long are clipped by a nested <svg>, with the whole text in <title>.
 * Numbers sit in columns right-aligned at the chart's right edge, each
 * column as wide as its widest number or heading (measured generously),
 * and the bars take the room left, so no number is ever cut.  A chart per
 * ministry is drawn in parts (FIRST rows, then CHUNK rows each), each its
 * own <svg>, so that a printed page breaks between parts, never inside one,
 * and the first, small, stays with the chart's heading.  Numbers from the
 * reports carry data-metric (and data-ministry), as the page's tables do.
 */
#include <string.h>

#include "dashboard-internal.h"
#include "roadmap/out.h"

#define WIDTH 700   /* of every chart */
#define LABEL_W 200 /* the ministry names on the left */
#define BAR_X 210   /* where bars start */
#define ROW 24      /* a row's height */
#define TOP 24      /* room for the legend */
#define HEAD 18     /* room for the headings of the number columns */
#define FIRST 10    /* rows of the first part of a chart per ministry */
#define CHUNK 25    /* rows of each other part */
#define GAP 12      /* between a column and what is left of it */
#define MAXCOLS 3

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

/* ---- measures ------------------------------------------------------------ */

/* The pixels text may take at 12px, generously: 8 a column in English,
 * 10 in Bengali (whose letters are wider and stack).  Digits, Latin or
 * Bengali, and commas take 8. */
static int text_px(enum dashboard_lang lang, const char *s)
{
        int per = lang == DASHBOARD_BN ? 10 : 8;

        return per * (int)out_display_width(s, strlen(s));
}

static int num_px(enum dashboard_lang lang, long long n)
{
        struct strbuf sb = STRBUF_INIT;
        int px;

        dash_num(&sb, lang, n);
        px = 8 * (int)out_display_width(sb.buf, sb.len);
        strbuf_release(&sb);
        return px;
}

/* Number columns at the right: right[] their right edges; bar_w the
 * width left for the bars between BAR_X and the first column. */
struct layout {
        size_t n;
        int right[MAXCOLS];
        int bar_w;
};

static void layout_cols(struct layout *l, enum dashboard_lang lang,
                        const enum dash_word *head, const long long *most,
                        size_t n)
{
        int x = WIDTH - 2, w;
        size_t i;

        l->n = n;
        for (i = n; i-- > 0;) {
                w = num_px(lang, most[i]);
                if (head && text_px(lang, dash_word(lang, head[i])) > w)
                        w = text_px(lang, dash_word(lang, head[i]));
                l->right[i] = x;
                x -= w + GAP;
        }
        l->bar_w = x - BAR_X;
        if (l->bar_w < 40)
                l->bar_w = 40;
}

/* The pixels of part out of whole in a bar of width w. */
static int scale(long long part, long long whole, int w)
{
        if (whole <= 0 || part <= 0)
                return 0;
        return (int)((part * w + whole / 2) / whole);
}

/* ---- pieces ------------------------------------------------------------- */

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

/* A number as text ending at (x, y), with its data attributes (metric
 * NULL: none). */
static void number(struct strbuf *sb, enum dashboard_lang lang, int x, int y,
                   const char *metric, const char *ministry, long long n)
{
        char tag[64];

        snprintf(tag, sizeof(tag), "text x=\"%d\" y=\"%d\" text-anchor=\"end\"",
                 x, y);
        dash_figure(sb, lang, tag, "text", metric, ministry, n);
}

/* The number in column i of row y. */
static void cell(struct strbuf *sb, enum dashboard_lang lang,
                 const struct layout *l, size_t i, int y, const char *metric,
                 const char *ministry, long long n)
{
        number(sb, lang, l->right[i], y + ROW - 8, metric, ministry, n);
}

/* A legend of n coloured keys along the top. */
static void legend(struct strbuf *sb, enum dashboard_lang lang,
                   const char *const *fill, const char *const *label, size_t n)
{
        size_t i;
        int x = 0;

        for (i = 0; i < n; i++) {
                strbuf_addf(sb,
                            "<rect class=\"key\" x=\"%d\" y=\"4\" width=\"12\" "
                            "height=\"12\" fill=\"%s\"/><text x=\"%d\" "
                            "y=\"15\">",
                            x, fill[i], x + 16);
                dash_esc(sb, label[i]);
                strbuf_addstr(sb, "</text>\n");
                x += 28 + text_px(lang, label[i]);
        }
}

/* The headings of the number columns, right-aligned over them at y. */
static void col_heads(struct strbuf *sb, enum dashboard_lang lang,
                      const struct layout *l, const enum dash_word *head, int y)
{
        size_t i;

        for (i = 0; i < l->n; i++)
                strbuf_addf(sb,
                            "<text class=\"colhead\" x=\"%d\" y=\"%d\" "
                            "text-anchor=\"end\">%s</text>\n",
                            l->right[i], y + 13, dash_word(lang, head[i]));
}

/* ---- per ministry ------------------------------------------------------- */

/* A chart with a row per ministry. */
struct mchart {
        const char *name;
        const char *const *fill; /* the legend's keys (nkeys 0: none) */
        const char *const *label;
        size_t nkeys;
        const enum dash_word *head; /* the number columns */
        size_t ncols;
        bool (*shown)(const struct dash_ministry *m);
        /* the row's numbers, one a column, for their widths */
        void (*values)(const struct dash_ministry *m, long long *v);
        void (*row)(struct strbuf *sb, enum dashboard_lang lang,
                    const struct dash_ministry *m, int y,
                    const struct layout *l);
};

/* Open a part of nrows rows (the first with the legend); the y of its
 * first row. */
static int part_open(struct strbuf *sb, enum dashboard_lang lang,
                     const struct mchart *c, const struct layout *l, bool first,
                     size_t nrows)
{
        int top = first && c->nkeys ? TOP : 0;

        svg_open(sb, c->name, top + HEAD + (int)nrows * ROW + 4);
        if (first && c->nkeys)
                legend(sb, lang, c->fill, c->label, c->nkeys);
        col_heads(sb, lang, l, c->head, top);
        return top + HEAD;
}

/* The chart into first (its first part) and rest (the others). */
static void per_ministry(struct strbuf *first, struct strbuf *rest,
                         enum dashboard_lang lang, const struct dash *d,
                         const struct mchart *c)
{
        long long most[MAXCOLS] = {0}, v[MAXCOLS];
        struct strbuf *sb = first;
        struct layout l;
        size_t i, j, rows = 0, done = 0;
        int y = 0;

        for (i = 0; i < d->nmin; i++) {
                if (!c->shown(&d->min[i]))
                        continue;
                rows++;
                c->values(&d->min[i], v);
                for (j = 0; j < c->ncols; j++)
                        most[j] = v[j] > most[j] ? v[j] : most[j];
        }
        if (!rows) {
                no_data(first, lang, c->name);
                return;
        }
        layout_cols(&l, lang, c->head, most, c->ncols);
        for (i = 0; i < d->nmin; i++) {
                if (!c->shown(&d->min[i]))
                        continue;
                if (done == 0 ||
                    (done >= FIRST && (done - FIRST) % CHUNK == 0)) {
                        size_t part = done ? CHUNK : FIRST;

                        if (done) {
                                strbuf_addstr(sb, "</svg>\n");
                                sb = rest;
                        }
                        y = part_open(sb, lang, c, &l, done == 0,
                                      rows - done < part ? rows - done : part);
                }
                row_label(sb, y, dash_ministry_name(lang, &d->min[i]));
                c->row(sb, lang, &d->min[i], y, &l);
                strbuf_addch(sb, '\n');
                y += ROW;
                done++;
        }
        strbuf_addstr(sb, "</svg>\n");
}

/* APA: offices that met the target, of all. */
static bool apa_shown(const struct dash_ministry *m)
{
        return m->apa;
}

static void apa_values(const struct dash_ministry *m, long long *v)
{
        v[0] = m->apa_met;
        v[1] = m->apa_offices;
}

static void apa_row(struct strbuf *sb, enum dashboard_lang lang,
                    const struct dash_ministry *m, int y,
                    const struct layout *l)
{
        track(sb, BAR_X, y + 4, l->bar_w, ROW - 8);
        bar(sb, BAR_X, y + 4, scale(m->apa_met, m->apa_offices, l->bar_w),
            ROW - 8, APA_FILL);
        cell(sb, lang, l, 0, y, "apa:met", m->id, m->apa_met);
        cell(sb, lang, l, 1, y, "apa:offices", m->id, m->apa_offices);
}

void dash_chart_apa(struct strbuf *first, struct strbuf *rest,
                    enum dashboard_lang lang, const struct dash *d)
{
        static const enum dash_word head[] = {W_SH_MET, W_SH_OFFICES};
        const struct mchart c = {"apa", NULL,      NULL,       0,      head,
                                 2,     apa_shown, apa_values, apa_row};

        per_ministry(first, rest, lang, d, &c);
}

/* Progress: the services with a plan by status, dropped ones included
 * (as a segment of their own); the number is those planned, as the
 * ministries report counts them (dropped ones are not), then the
 * dropped. */
static bool all_shown(const struct dash_ministry *m)
{
        return m != NULL;
}

static void progress_values(const struct dash_ministry *m, long long *v)
{
        v[0] = m->planned;
        v[1] = m->status[STATUS_DROPPED];
}

static void progress_row(struct strbuf *sb, enum dashboard_lang lang,
                         const struct dash_ministry *m, int y,
                         const struct layout *l)
{
        long long all = 0;
        int st, x = BAR_X;

        track(sb, BAR_X, y + 4, l->bar_w, ROW - 8);
        for (st = 0; st < STATUS_COUNT; st++)
                all += m->status[st];
        for (st = 0; st < STATUS_COUNT; st++) {
                int w = scale(m->status[st], all, l->bar_w);

                if (x + w > BAR_X + l->bar_w)
                        w = BAR_X + l->bar_w - x;
                bar(sb, x, y + 4, w, ROW - 8, status_fill[st]);
                x += w;
        }
        cell(sb, lang, l, 0, y, "planned", m->id, m->planned);
        cell(sb, lang, l, 1, y, "progress:dropped", m->id,
             m->status[STATUS_DROPPED]);
}

void dash_chart_progress(struct strbuf *first, struct strbuf *rest,
                         enum dashboard_lang lang, const struct dash *d)
{
        static const enum dash_word head[] = {W_SH_PLANNED, W_SH_DROPPED};
        const char *labels[STATUS_COUNT];
        const struct mchart c = {
            "progress", status_fill, labels,          STATUS_COUNT, head,
            2,          all_shown,   progress_values, progress_row};
        long long dropped = 0;
        size_t i;
        int st;

        for (st = 0; st < STATUS_COUNT; st++)
                labels[st] = dash_status(lang, (enum status)st);
        for (i = 0; i < d->nmin; i++)
                dropped += d->min[i].status[STATUS_DROPPED];
        if (d->planned == 0 && dropped == 0) {
                no_data(first, lang, "progress");
                return;
        }
        per_ministry(first, rest, lang, d, &c);
}

/* Approvals: offices approved, stale and not approved. */
static void approvals_values(const struct dash_ministry *m, long long *v)
{
        v[0] = m->approved;
        v[1] = m->stale;
        v[2] = m->offices - m->approved - m->stale;
}

static void approvals_row(struct strbuf *sb, enum dashboard_lang lang,
                          const struct dash_ministry *m, int y,
                          const struct layout *l)
{
        long long none = m->offices - m->approved - m->stale;
        int wa = scale(m->approved, m->offices, l->bar_w);
        int ws = scale(m->approved + m->stale, m->offices, l->bar_w) - wa;

        bar(sb, BAR_X, y + 4, wa, ROW - 8, approval_fill[0]);
        bar(sb, BAR_X + wa, y + 4, ws, ROW - 8, approval_fill[1]);
        bar(sb, BAR_X + wa + ws, y + 4, none > 0 ? l->bar_w - wa - ws : 0,
            ROW - 8, approval_fill[2]);
        cell(sb, lang, l, 0, y, "approved_offices", m->id, m->approved);
        cell(sb, lang, l, 1, y, "stale_offices", m->id, m->stale);
        cell(sb, lang, l, 2, y, "none_offices", m->id, none);
}

void dash_chart_approvals(struct strbuf *first, struct strbuf *rest,
                          enum dashboard_lang lang, const struct dash *d)
{
        static const enum dash_word head[] = {W_SH_APPROVED, W_SH_STALE,
                                              W_SH_NONE};
        const char *labels[3] = {dash_word(lang, W_APPROVED),
                                 dash_word(lang, W_STALE),
                                 dash_word(lang, W_NONE)};
        const struct mchart c = {
            "approvals", approval_fill,    labels,       3, head, 3,
            all_shown,   approvals_values, approvals_row};

        if (d->offices == 0 || d->nmin == 0) {
                no_data(first, lang, "approvals");
                return;
        }
        per_ministry(first, rest, lang, d, &c);
}

/* ---- time, cost and visits ----------------------------------------------- */

static const char *const tcv_metric[DASH_TCV] = {"days", "cost", "visits"};

static void tcv_rows(struct strbuf *sb, enum dashboard_lang lang,
                     const struct dash *d, const struct layout *l, int t, int y)
{
        static const enum dash_word name[DASH_TCV] = {W_DAYS, W_COST, W_VISITS};
        long long most = d->now[t] > d->target[t] ? d->now[t] : d->target[t];
        char metric[32];

        row_label(sb, y + ROW / 2, dash_word(lang, name[t]));
        bar(sb, BAR_X, y + 4, scale(d->now[t], most, l->bar_w), ROW - 8,
            tcv_fill[0]);
        bar(sb, BAR_X, y + ROW + 4, scale(d->target[t], most, l->bar_w),
            ROW - 8, tcv_fill[1]);
        snprintf(metric, sizeof(metric), "tcv:%s_now", tcv_metric[t]);
        cell(sb, lang, l, 0, y, metric, NULL, d->now[t]);
        snprintf(metric, sizeof(metric), "tcv:%s_target", tcv_metric[t]);
        cell(sb, lang, l, 0, y + ROW, metric, NULL, d->target[t]);
        strbuf_addch(sb, '\n');
}

void dash_chart_tcv(struct strbuf *sb, enum dashboard_lang lang,
                    const struct dash *d)
{
        const char *labels[2] = {dash_word(lang, W_NOW),
                                 dash_word(lang, W_TARGET)};
        struct layout l;
        long long most = 0;
        int t;

        for (t = 0; t < DASH_TCV; t++) {
                most = d->now[t] > most ? d->now[t] : most;
                most = d->target[t] > most ? d->target[t] : most;
        }
        if (!d->now[0] && !d->now[1] && !d->now[2]) {
                no_data(sb, lang, "tcv");
                return;
        }
        layout_cols(&l, lang, NULL, &most, 1);
        svg_open(sb, "tcv", TOP + (3 * DASH_TCV - 1) * ROW);
        legend(sb, lang, tcv_fill, labels, 2);
        for (t = 0; t < DASH_TCV; t++)
                tcv_rows(sb, lang, d, &l, t, TOP + t * 3 * ROW);
        strbuf_addstr(sb, "</svg>\n");
}

/* ---- workshops over time ---------------------------------------------------
 */

#define PLOT_TOP (TOP + 16) /* room for the values over the bars */
#define PLOT_H 180

#define MAXQ 150 /* quarters drawn at most: bars at least 3 pixels apart */

/* A quarter's name: "Q3" (Bengali "৩"). */
static void quarter_name(struct strbuf *sb, enum dashboard_lang lang,
                         const struct dash_quarter *q)
{
        char n[24];

        snprintf(n, sizeof(n), "%lld", q->quarter);
        dash_fill(sb, lang, W_Q, n);
}

/* The tooltip of a bar: "2017-18 Q1: 42 (Roadmap 42, ...)". */
static void quarter_title(struct strbuf *sb, enum dashboard_lang lang,
                          const struct dash_quarter *q)
{
        int k;

        strbuf_addstr(sb, "<title>");
        dash_digits(sb, lang, q->fy ? q->fy : "");
        strbuf_addch(sb, ' ');
        quarter_name(sb, lang, q);
        strbuf_addstr(sb, ": ");
        dash_num(sb, lang, q->participants);
        for (k = 0; k < DASH_KINDS; k++) {
                strbuf_addstr(sb, k ? ", " : " (");
                strbuf_addf(
                    sb, "%s ",
                    dash_word(lang, (enum dash_word)(W_KIND_ROADMAP + k)));
                dash_num(sb, lang, q->kind[k]);
        }
        strbuf_addstr(sb, ")</title>");
}

/* A quarter's bar at x, w wide, its value over it when it fits in step. */
static void quarter_column(struct strbuf *sb, enum dashboard_lang lang,
                           const struct dash_quarter *q, int x, int w, int step,
                           long long most)
{
        long long sum = 0;
        int k, y = PLOT_TOP + PLOT_H;

        strbuf_addstr(sb, "<g class=\"quarter\">");
        quarter_title(sb, lang, q);
        for (k = 0; k < DASH_KINDS; k++) {
                int h = scale(q->kind[k], most, PLOT_H);

                sum += q->kind[k];
                y -= h;
                bar(sb, x, y, w, h, kind_fill[k]);
        }
        if (sum > 0 && num_px(lang, sum) <= step + 2) {
                strbuf_addf(sb,
                            "<text class=\"value\" x=\"%d\" y=\"%d\" "
                            "text-anchor=\"middle\">",
                            x + w / 2, y - 3);
                dash_num(sb, lang, sum);
                strbuf_addstr(sb, "</text>");
        }
        strbuf_addstr(sb, "</g>\n");
}

/* Under bar i at x: its quarter when there is room, and the fiscal year
 * under the first bar of each when it does not run into the last one
 * (*end: where the last one ends). */
static void quarter_labels(struct strbuf *sb, enum dashboard_lang lang,
                           const struct dash *d, size_t i, size_t first, int x,
                           int step, int *end)
{
        const struct dash_quarter *q = &d->qtr[i];
        struct strbuf fy = STRBUF_INIT;
        int base = PLOT_TOP + PLOT_H;

        if (step >= 20) {
                strbuf_addf(sb,
                            "<text class=\"q\" x=\"%d\" y=\"%d\" "
                            "text-anchor=\"middle\">",
                            x + (step - 2) / 2, base + 14);
                quarter_name(sb, lang, q);
                strbuf_addstr(sb, "</text>\n");
        }
        if (i > first && q->fy && d->qtr[i - 1].fy &&
            strcmp(q->fy, d->qtr[i - 1].fy) == 0)
                return;
        dash_digits(&fy, lang, q->fy ? q->fy : "");
        if (x >= *end) {
                strbuf_addf(sb,
                            "<text class=\"fy\" x=\"%d\" y=\"%d\">%s</text>\n",
                            x, base + 30, fy.buf);
                *end = x + text_px(lang, fy.buf) + 6;
        }
        strbuf_release(&fy);
}

static long long quarters_most(const struct dash *d)
{
        long long most = 0, sum;
        size_t i;
        int k;

        for (i = 0; i < d->nqtr; i++) {
                for (sum = 0, k = 0; k < DASH_KINDS; k++)
                        sum += d->qtr[i].kind[k];
                most = sum > most ? sum : most;
        }
        return most;
}

/* The scale left of ax: the most and 0; the bars are right of it. */
static void axis(struct strbuf *sb, enum dashboard_lang lang, long long most,
                 int ax)
{
        number(sb, lang, ax - 6, PLOT_TOP + 10, NULL, NULL, most);
        number(sb, lang, ax - 6, PLOT_TOP + PLOT_H, NULL, NULL, 0);
        strbuf_addf(sb,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" "
                    "stroke=\"#9e9e9e\"/>\n",
                    ax, PLOT_TOP + PLOT_H, WIDTH, PLOT_TOP + PLOT_H);
}

void dash_chart_workshops(struct strbuf *sb, enum dashboard_lang lang,
                          const struct dash *d)
{
        const char *labels[DASH_KINDS] = {dash_word(lang, W_KIND_ROADMAP),
                                          dash_word(lang, W_KIND_DESIGN),
                                          dash_word(lang, W_KIND_LEADERSHIP)};
        long long most = quarters_most(d);
        size_t i, first = d->nqtr > MAXQ ? d->nqtr - MAXQ : 0;
        int step, x, end = 0, ax = num_px(lang, most) + 10;

        if (most == 0) {
                no_data(sb, lang, "workshops");
                return;
        }
        ax = ax < 56 ? 56 : ax;
        step = (WIDTH - ax - 6) / (int)(d->nqtr - first);
        step = step > 48 ? 48 : step;
        svg_open(sb, "workshops", PLOT_TOP + PLOT_H + 36);
        legend(sb, lang, kind_fill, labels, DASH_KINDS);
        axis(sb, lang, most, ax);
        for (i = first, x = ax + 4; i < d->nqtr; i++, x += step) {
                quarter_column(sb, lang, &d->qtr[i], x,
                               step > 4 ? step - 2 : step, step, most);
                quarter_labels(sb, lang, d, i, first, x, step, &end);
        }
        strbuf_addstr(sb, "</svg>\n");
        if (first) {
                struct strbuf n = STRBUF_INIT;

                dash_num(&n, lang, MAXQ);
                strbuf_addstr(sb,
                              "<p class=\"note\" data-quarters-left-out=\"");
                strbuf_addf(sb, "%zu\">", first);
                dash_fill(sb, lang, W_LAST_QUARTERS, n.buf);
                strbuf_addstr(sb, "</p>\n");
                strbuf_release(&n);
        }
}
