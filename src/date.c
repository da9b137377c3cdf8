#include "roadmap/date.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

bool date_is_leap(int y)
{
        return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int date_days_in_month(int y, int m)
{
        static const int days[] = {31, 28, 31, 30, 31, 30,
                                   31, 31, 30, 31, 30, 31};

        if (m < 1 || m > 12)
                return 0;
        return days[m - 1] + (m == 2 && date_is_leap(y));
}

bool date_valid(struct date dt)
{
        return dt.y >= 1 && dt.y <= 9999 && dt.m >= 1 && dt.m <= 12 &&
               dt.d >= 1 && dt.d <= date_days_in_month(dt.y, dt.m);
}

bool date_is_set(struct date dt)
{
        return dt.y != 0;
}

/* Howard Hinnant's days_from_civil. */
long date_to_days(struct date dt)
{
        long y = dt.y - (dt.m <= 2);
        long era = (y >= 0 ? y : y - 399) / 400;
        long yoe = y - era * 400;
        long doy = (153 * (dt.m + (dt.m > 2 ? -3 : 9)) + 2) / 5 + dt.d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

        return era * 146097 + doe - 719468;
}

struct date date_from_days(long z)
{
        struct date dt;
        long era, doe, yoe, y, doy, mp;

        z += 719468;
        era = (z >= 0 ? z : z - 146096) / 146097;
        doe = z - era * 146097;
        yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        y = yoe + era * 400;
        doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        mp = (5 * doy + 2) / 153;
        dt.d = (int)(doy - (153 * mp + 2) / 5 + 1);
        dt.m = (int)(mp < 10 ? mp + 3 : mp - 9);
        dt.y = (int)(y + (dt.m <= 2));
        return dt;
}

int date_cmp(struct date a, struct date b)
{
        if (a.y != b.y)
                return a.y < b.y ? -1 : 1;
        if (a.m != b.m)
                return a.m < b.m ? -1 : 1;
        if (a.d != b.d)
                return a.d < b.d ? -1 : 1;
        return 0;
}

int date_digits(const char *s, size_t n)
{
        int v = 0;
        size_t i;

        for (i = 0; i < n; i++) {
                if (s[i] < '0' || s[i] > '9')
                        return -1;
                v = v * 10 + (s[i] - '0');
        }
        return v;
}

int date_parse_iso(const char *s, size_t n, struct date *out, const char **why)
{
        struct date dt;

        if (n != 10 || s[4] != '-' || s[7] != '-') {
                *why = "not a date in the form YYYY-MM-DD";
                return -1;
        }
        dt.y = date_digits(s, 4);
        dt.m = date_digits(s + 5, 2);
        dt.d = date_digits(s + 8, 2);
        if (dt.y < 0 || dt.m < 0 || dt.d < 0) {
                *why = "not a date in the form YYYY-MM-DD";
                return -1;
        }
        if (dt.y < 1000) {
                *why = "year out of range (1000 to 9999)";
                return -1;
        }
        if (dt.m < 1 || dt.m > 12) {
                *why = "no such month";
                return -1;
        }
        if (!date_valid(dt)) {
                *why = "no such day in that month";
                return -1;
        }
        *out = dt;
        return 0;
}

void date_format_iso(struct date dt, char *buf)
{
        static const char dig[] = "0123456789";
        int y = dt.y;

        buf[0] = dig[(y / 1000) % 10];
        buf[1] = dig[(y / 100) % 10];
        buf[2] = dig[(y / 10) % 10];
        buf[3] = dig[y % 10];
        buf[4] = '-';
        buf[5] = dig[(dt.m / 10) % 10];
        buf[6] = dig[dt.m % 10];
        buf[7] = '-';
        buf[8] = dig[(dt.d / 10) % 10];
        buf[9] = dig[dt.d % 10];
        buf[10] = '\0';
}

int date_today(struct date *out, const char **why)
{
        const char *env = getenv("ROADMAP_TODAY");
        time_t now;
        struct tm tm;

        if (env && *env)
                return date_parse_iso(env, strlen(env), out, why);
        now = time(NULL);
        if (now == (time_t)-1 || !localtime_r(&now, &tm)) {
                *why = "cannot read the clock";
                return -1;
        }
        out->y = tm.tm_year + 1900;
        out->m = tm.tm_mon + 1;
        out->d = tm.tm_mday;
        return 0;
}
