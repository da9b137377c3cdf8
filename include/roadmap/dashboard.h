/*
 * dashboard: one self-contained HTML page for the coordination meeting
 * (roadmap-dashboard(1)): the headline figures, the APA score, progress by
 * status and approvals per ministry, time, cost and visits now and
 * planned, workshops over time, and the overdue list, with inline SVG
 * charts and print CSS for A4.
 *
 * Every number comes from the report code: one report_run_many() of the
 * kinds totals, ministries, offices, progress, apa, workshops, training
 * and overdue (and services, only when totals lacks days_now and the like)
 * into OUT_CELLS outs, whose rows are read back by column name
 * (report_columns()).  The page asks for nothing over the network: no
 * script, no external font, image or style sheet.  Every text from the
 * repository is HTML-escaped.  Numbers the tests compare carry
 * data-metric (a column of the totals or ministries report) and, per
 * ministry, data-ministry attributes.
 *
 * Ownership: dashboard_render() borrows its arguments and appends to the
 * caller's strbuf; it keeps nothing.
 */
#ifndef ROADMAP_DASHBOARD_H
#define ROADMAP_DASHBOARD_H

#include <stddef.h>

#include "roadmap/diag.h"
#include "roadmap/report.h"
#include "roadmap/strbuf.h"

/* The rows of the overdue list shown; the rest are counted. */
#define DASHBOARD_OVERDUE_MAX 200

enum dashboard_lang { DASHBOARD_EN, DASHBOARD_BN };

struct dashboard_options {
        /* what the reports cover (filter, jobs, keep_going, source);
         * kind is not read */
        struct report_options report;
        enum dashboard_lang lang; /* labels, digits and dates */
        size_t overdue_max;       /* 0: DASHBOARD_OVERDUE_MAX */
};

/*
 * Read the repository at root (as report_run_many()) and append the whole
 * page to html.  Returns the number of offices left out (keep_going), or
 * -1 after adding errors to dl (html must then be thrown away).
 */
int dashboard_render(const char *root, const struct dashboard_options *opt,
                     struct strbuf *html, struct diag_list *dl);

#endif
