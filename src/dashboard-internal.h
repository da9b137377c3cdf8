/*
 * dashboard-internal: the figures of the page, as read from the report
 * rows (dashboard.c), and the parts that draw them: the words of each
 * language and the way numbers and text are written (dashboard-text.c),
 * the SVG charts (dashboard-svg.c) and the page (dashboard-html.c).
 *
 * Ownership: a struct dash owns every string and array in it;
 * dash_release() frees them.
 */
#ifndef ROADMAP_DASHBOARD_INTERNAL_H
#define ROADMAP_DASHBOARD_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/dashboard.h"
#include "roadmap/date.h"
#include "roadmap/model.h"
#include "roadmap/strbuf.h"

enum { DASH_DAYS, DASH_COST, DASH_VISITS, DASH_TCV };

/* The workshop kinds, as the training report's columns name them. */
enum { DASH_ROADMAP, DASH_DESIGN, DASH_LEADERSHIP, DASH_KINDS };

struct dash_ministry {
        char *id, *name, *name_bn;
        long long offices, services, planned, live, approved, stale;
        long long participants, overdue, priority1;
        long long saved[DASH_TCV];
        long long status[STATUS_COUNT]; /* progress: services by status */
        bool apa;                       /* an apa row was read */
        long long apa_offices, apa_met, apa_live;
};

struct dash_quarter {
        char *fy;
        long long quarter;
        long long kind[DASH_KINDS]; /* participants by workshop kind */
        long long participants, offices, heads;
};

struct dash_overdue {
        char *ministry, *office, *office_name, *office_name_bn;
        char *service, *name, *name_bn;
        char *status;
        long long priority, days;
        struct date due;
};

/* A row of the workshops report: one workshop kind, all quarters. */
struct dash_wkind {
        char *kind;
        long long offices, participants, batches, heads;
};

struct dash {
        /* the totals row */
        long long ministries, offices, services, planned, live, approved;
        long long stale, participants, overdue, priority1;
        long long saved[DASH_TCV];
        /* offices: those with at least one e-service planned */
        long long roadmap_offices;
        /* totals (or services): planned services with both a value now
         * and a target */
        long long now[DASH_TCV], target[DASH_TCV];
        struct dash_ministry *min;
        size_t nmin, capmin;
        size_t last; /* the ministry of the last row, as a hint */
        struct dash_quarter *qtr;
        size_t nqtr, capqtr;
        struct dash_wkind *wk;
        size_t nwk, capwk;
        struct dash_overdue *ovd;
        size_t novd, capovd, overdue_max;
        long long overdue_rows; /* all rows, shown or not */
        char *fy;               /* the APA's fiscal year, from its rows */
        bool apa;               /* the APA's total row was read */
        long long apa_offices, apa_met;
};

/* Read the reports (one report_run_many()); 0 and *skipped, or -1. */
int dash_gather(const char *root, const struct dashboard_options *opt,
                struct dash *d, int *skipped, struct diag_list *dl);
void dash_release(struct dash *d);

/* ---- words and numbers (dashboard-text.c) -------------------------------- */

enum dash_word {
        W_TITLE,
        W_SUBTITLE,
        W_AS_OF,
        W_PERIOD,
        W_OFFICES,
        W_SERVICES,
        W_PLANNED,
        W_LIVE,
        W_PARTICIPANTS,
        W_MINISTRIES,
        W_OVERDUE,
        W_APA,
        W_APA_NOTE,
        W_PROGRESS,
        W_PROGRESS_NOTE,
        W_TCV,
        W_TCV_NOTE,
        W_NOW,
        W_TARGET,
        W_SAVED,
        W_DAYS,
        W_COST,
        W_VISITS,
        W_APPROVALS,
        W_APPROVED,
        W_STALE,
        W_NONE,
        W_WORKSHOPS,
        W_WORKSHOPS_NOTE,
        W_KIND_ROADMAP,
        W_KIND_DESIGN,
        W_KIND_LEADERSHIP,
        W_OVERDUE_LIST,
        W_OVERDUE_NOTE,
        W_MINISTRY,
        W_OFFICE,
        W_SERVICE,
        W_PRIORITY,
        W_DUE,
        W_STATUS,
        W_DAYS_OVERDUE,
        W_MORE,
        W_NO_DATA,
        W_NOTHING_OVERDUE,
        W_PER_MINISTRY,
        W_MET,
        W_QUARTER,
        W_FY,
        W_ALL,
        W_KIND,
        W_BATCHES,
        W_HEADS,
        W_SH_OFFICES,
        W_SH_SERVICES,
        W_SH_STALE,
        W_SH_TRAINED,
        W_SH_MET,
        W_SH_PLANNED,
        W_SH_DROPPED,
        W_SH_APPROVED,
        W_SH_NONE,
        W_Q,
        W_LAST_QUARTERS,
        W_OF_OFFICES,
        W_HEADLINE_NOTE,
        W_PER_QUARTER,
        W_WORD_COUNT
};

const char *dash_word(enum dashboard_lang lang, enum dash_word w);
/* A workshop kind's name in the language (kind as reports write it). */
const char *dash_kind(enum dashboard_lang lang, const char *kind);
/* A status's name in the language. */
const char *dash_status(enum dashboard_lang lang, enum status st);
/* Append n, its thousands grouped (en: 1,234,567; bn: ১২,৩৪,৫৬৭ in
 * Bengali digits). */
void dash_num(struct strbuf *sb, enum dashboard_lang lang, long long n);
/* Append the element tag (an open tag's name and its own attributes,
 * e.g. "td class=\"n\""), the data-metric and data-ministry attributes
 * by which the tests find a figure (metric, ministry NULL: none), then n
 * as dash_num() writes it, and the closing tag of name. */
void dash_figure(struct strbuf *sb, enum dashboard_lang lang, const char *tag,
                 const char *name, const char *metric, const char *ministry,
                 long long n);
/* Append a date: en ISO "2026-11-28", bn "২৮ নভেম্বর ২০২৬" and under it
 * the Bangla calendar's "১৩ অগ্রহায়ণ ১৪৩৩" (for a table's cell); and the long
 * form of the page's heading: en "28 November 2026", bn with the Bangla
 * calendar after it, "২৮ নভেম্বর ২০২৬ (১৩ অগ্রহায়ণ ১৪৩৩ বঙ্গাব্দ)". */
void dash_date(struct strbuf *sb, enum dashboard_lang lang, struct date d);
void dash_date_long(struct strbuf *sb, enum dashboard_lang lang, struct date d);
/* Append word w with each "{}" in it replaced by arg. */
void dash_fill(struct strbuf *sb, enum dashboard_lang lang, enum dash_word w,
               const char *arg);
/* Append text (NULL: nothing) with &, <, >, " and ' escaped and control
 * characters and invalid UTF-8 dropped: safe in an element and in an
 * attribute value in double quotes. */
void dash_esc(struct strbuf *sb, const char *s);
/* The name of a ministry in the language (Bengali when there is one). */
const char *dash_ministry_name(enum dashboard_lang lang,
                               const struct dash_ministry *m);
/* Append ASCII text s with its digits made Bengali for bn. */
void dash_digits(struct strbuf *sb, enum dashboard_lang lang, const char *s);

/* ---- charts (dashboard-svg.c) -------------------------------------------- */

/* A chart per ministry: its first part to first (to be kept on a page
 * with its heading), the other parts, if any, to rest. */
void dash_chart_apa(struct strbuf *first, struct strbuf *rest,
                    enum dashboard_lang lang, const struct dash *d);
void dash_chart_progress(struct strbuf *first, struct strbuf *rest,
                         enum dashboard_lang lang, const struct dash *d);
void dash_chart_approvals(struct strbuf *first, struct strbuf *rest,
                          enum dashboard_lang lang, const struct dash *d);
void dash_chart_tcv(struct strbuf *sb, enum dashboard_lang lang,
                    const struct dash *d);
void dash_chart_workshops(struct strbuf *sb, enum dashboard_lang lang,
                          const struct dash *d);

/* ---- the page (dashboard-html.c) ------------------------------------------
 */

void dash_page(struct strbuf *sb, const struct dashboard_options *opt,
               const struct dash *d);

#endif
