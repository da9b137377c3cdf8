/*
 * report-dates: the date and period a report describes, from --as-of,
 * --fy and --quarter (see report.h).
 */
#include "roadmap/report.h"

#include <stdio.h>

bool report_dates_need_today(const struct report_dates *d)
{
        return !d->as_of_given && !d->fy_given;
}

static void outside(const struct report_dates *d, struct fiscal_year fy,
                    struct date from, struct date to, struct strbuf *why)
{
        char as_of[11], first[11], last[11];

        date_format_iso(d->as_of, as_of);
        date_format_iso(from, first);
        date_format_iso(to, last);
        strbuf_addf(why, "--as-of %s is outside ", as_of);
        if (d->quarter)
                strbuf_addf(why, "quarter %d of ", d->quarter);
        strbuf_addstr(why, "fiscal year ");
        fiscal_format(fy, why);
        strbuf_addf(why, " (%s to %s)", first, last);
}

int report_dates_apply(const struct report_dates *d, struct date today,
                       struct report_filter *f, struct strbuf *why)
{
        struct fiscal_year fy = d->fy;
        struct date from, to;

        f->dated = d->as_of_given || d->fy_given || d->quarter;
        f->as_of = d->as_of_given ? d->as_of : (struct date){0, 0, 0};
        if (d->fy_given || d->quarter) {
                if (!d->fy_given)
                        fy = fiscal_of(d->as_of_given ? d->as_of : today);
                fiscal_range(fy, d->quarter, &from, &to);
                if (d->as_of_given &&
                    !fiscal_contains(fy, d->quarter, d->as_of)) {
                        outside(d, fy, from, to, why);
                        return -1;
                }
                f->from = from;
                f->period = true;
                if (!d->as_of_given)
                        f->as_of = to;
        }
        if (!date_is_set(f->as_of))
                f->as_of = today;
        return 0;
}
