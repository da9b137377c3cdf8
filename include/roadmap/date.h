/*
 * date: Gregorian calendar dates as stored in files (ISO YYYY-MM-DD).
 *
 * Dates are plain values; nothing here allocates.
 */
#ifndef ROADMAP_DATE_H
#define ROADMAP_DATE_H

#include <stdbool.h>
#include <stddef.h>

struct date {
        int y, m, d; /* 0 0 0: no date */
};

bool date_is_leap(int y);
int date_days_in_month(int y, int m);
bool date_valid(struct date dt);
bool date_is_set(struct date dt);
/* Days since 1970-01-01 (negative before), and back. */
long date_to_days(struct date dt);
struct date date_from_days(long days);
int date_cmp(struct date a, struct date b);
/* The value of n ASCII digits, or -1 if any is not a digit (n <= 9). */
int date_digits(const char *s, size_t n);
/* Strict ISO "YYYY-MM-DD", ASCII digits, exactly n bytes; a real calendar
 * date with year 1000..9999.  Returns 0, or -1 with *why set to a static
 * reason ("not YYYY-MM-DD", "no such day: ..."). */
int date_parse_iso(const char *s, size_t n, struct date *out, const char **why);
/* Write "YYYY-MM-DD" and a NUL into buf (at least 11 bytes). */
void date_format_iso(struct date dt, char *buf);
/* Today in local time, or $ROADMAP_TODAY (YYYY-MM-DD) when set and not
 * empty, so that tests and scripts can fix the date.  Returns 0, or -1
 * with *why set to a static reason when $ROADMAP_TODAY is not a real
 * date (or the clock cannot be read); *out is then untouched. */
int date_today(struct date *out, const char **why);

#endif
