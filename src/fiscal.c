#include "roadmap/fiscal.h"

#include <stdbool.h>
#include <string.h>

#include "roadmap/bangla.h"

#define FISCAL_SYNTAX "not a fiscal year: expected YYYY-YY (2017-18)"

static void trim(const char **s, size_t *n)
{
        while (*n > 0 && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t'))
                (*n)--;
        while (*n > 0 && (**s == ' ' || **s == '\t')) {
                (*s)++;
                (*n)--;
        }
}

/* n ASCII digits at s, or -1. */
/* The length of the separator at s: '-', or U+2013 EN DASH; 0 if none. */
static size_t dash_at(const char *s, size_t n)
{
        if (n >= 1 && s[0] == '-')
                return 1;
        if (n >= 3 && memcmp(s, "\xe2\x80\x93", 3) == 0)
                return 3;
        return 0;
}

static int parse_ascii(const char *s, size_t n, struct fiscal_year *out,
                       const char **why)
{
        size_t dash = n >= 4 ? dash_at(s + 4, n - 4) : 0;
        size_t rest = n >= 4 + dash ? n - 4 - dash : 0;
        int first, second;

        if (dash == 0 || (rest != 2 && rest != 4)) {
                *why = FISCAL_SYNTAX;
                return -1;
        }
        first = date_digits(s, 4);
        second = date_digits(s + 4 + dash, rest);
        if (first < 0 || second < 0) {
                *why = FISCAL_SYNTAX;
                return -1;
        }
        if (first < 1000 || first > 9998) {
                *why = "fiscal year out of range (1000-01 to 9998-99)";
                return -1;
        }
        if ((rest == 2 && second != (first + 1) % 100) ||
            (rest == 4 && second != first + 1)) {
                *why = "a fiscal year runs into the next year (2017-18)";
                return -1;
        }
        out->start = first;
        return 0;
}

int fiscal_parse(const char *s, struct fiscal_year *out, const char **why)
{
        struct strbuf sb;
        size_t n = strlen(s);
        int rc;

        trim(&s, &n);
        strbuf_init(&sb);
        bangla_ascii_digits(s, n, &sb);
        rc = parse_ascii(sb.buf, sb.len, out, why);
        strbuf_release(&sb);
        return rc;
}

struct fiscal_year fiscal_of(struct date d)
{
        struct fiscal_year fy = {d.m >= 7 ? d.y : d.y - 1};

        return fy;
}

int fiscal_quarter_of(struct date d)
{
        return d.m >= 7 ? (d.m - 7) / 3 + 1 : (d.m - 1) / 3 + 3;
}

void fiscal_range(struct fiscal_year fy, int quarter, struct date *from,
                  struct date *to)
{
        int m;

        if (quarter < 1 || quarter > 4) {
                from->y = fy.start, from->m = 7, from->d = 1;
                to->y = fy.start + 1, to->m = 6, to->d = 30;
                return;
        }
        m = quarter <= 2 ? 7 + 3 * (quarter - 1) : 1 + 3 * (quarter - 3);
        from->y = to->y = quarter <= 2 ? fy.start : fy.start + 1;
        from->m = m;
        from->d = 1;
        to->m = m + 2;
        to->d = date_days_in_month(to->y, to->m);
}

bool fiscal_contains(struct fiscal_year fy, int quarter, struct date d)
{
        struct date from, to;

        fiscal_range(fy, quarter, &from, &to);
        return date_cmp(from, d) <= 0 && date_cmp(d, to) <= 0;
}

void fiscal_format(struct fiscal_year fy, struct strbuf *out)
{
        strbuf_addf(out, "%04d-%02d", fy.start, (fy.start + 1) % 100);
}
