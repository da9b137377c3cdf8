/*
 * fiscal: Bangladesh fiscal years, 1 July to 30 June, written "2017-18".
 *
 * Fiscal years are plain values; nothing here allocates except into the
 * caller's strbuf.  A *why reason is a static string.
 */
#ifndef ROADMAP_FISCAL_H
#define ROADMAP_FISCAL_H

#include <stdbool.h>

#include "roadmap/date.h"
#include "roadmap/strbuf.h"

struct fiscal_year {
        int start; /* 2017 for 2017-18 */
};

/* "2017-18", "2017-2018", "২০১৭-১৮" (either digit set, an en dash for
 * the hyphen), surrounding white space trimmed; the first year 1000..9998.
 * Returns 0, or -1 with *why set. */
int fiscal_parse(const char *s, struct fiscal_year *out, const char **why);
/* The fiscal year a (valid) date falls in. */
struct fiscal_year fiscal_of(struct date d);
/* The quarter (1..4) of its fiscal year a date falls in: Jul-Sep,
 * Oct-Dec, Jan-Mar, Apr-Jun. */
int fiscal_quarter_of(struct date d);
/* First and last day of the fiscal year (quarter 0) or of quarter 1..4;
 * a quarter outside 0..4 is taken as 0. */
void fiscal_range(struct fiscal_year fy, int quarter, struct date *from,
                  struct date *to);
/* Whether d falls in the fiscal year (quarter 0) or in that quarter. */
bool fiscal_contains(struct fiscal_year fy, int quarter, struct date d);
/* Append "2017-18" (ASCII digits; bangla_digits() converts). */
void fiscal_format(struct fiscal_year fy, struct strbuf *out);

#endif
