/*
 * bangla: the Bangla calendar, Bengali digits, Unicode text (NFC, folding,
 * skeletons) and formatting.  The date parser is bangla-parse.c.
 */
#include "roadmap/bangla.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "bangla-internal.h"

/*
 * The month tables.  Every entry is in NFC (য়, ড়, ঢ় as base letter plus
 * nukta, which is what NFC makes of the precomposed letters), Latin
 * letters in lower case: the parser folds its input the same way.
 */
static const char *const month_names[12] = {
    "বৈশাখ",  "জ্যৈষ্ঠ",   "আষাঢ়", "শ্রাবণ", "ভাদ্র",  "আশ্বিন",
    "কার্তিক", "অগ্রহায়ণ", "পৌষ",  "মাঘ",   "ফাল্গুন", "চৈত্র",
};

static const char *const gregorian_names[12] = {
    "জানুয়ারি", "ফেব্রুয়ারি", "মার্চ",     "এপ্রিল",  "মে",     "জুন",
    "জুলাই",    "আগস্ট",     "সেপ্টেম্বর", "অক্টোবর", "নভেম্বর", "ডিসেম্বর",
};

/* ------------------------------------------------------------------ */
/* Reasons                                                             */

static _Thread_local char why_buf[200];

const char *bangla_reason(const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(why_buf, sizeof(why_buf), fmt, ap);
        va_end(ap);
        return why_buf;
}

/* ------------------------------------------------------------------ */
/* The calendar                                                        */

int bangla_days_in_month(int y, int m)
{
        bool leap = date_is_leap(y + 594);

        if (m < 1 || m > 12)
                return 0;
        if (y >= BANGLA_RULE_2019_FROM) {
                if (m <= 6)
                        return 31;
                return m == 11 ? 29 + leap : 30;
        }
        if (m <= 5)
                return 31;
        return m == 11 ? 30 + leap : 30;
}

static long new_year_days(int y)
{
        struct date d = {y + 593, 4, 14};

        return date_to_days(d);
}

int bangla_from_gregorian(struct date g, struct bdate *out)
{
        struct bdate b;
        long off;

        if (!date_valid(g))
                return -1;
        b.y = (g.m > 4 || (g.m == 4 && g.d >= 14)) ? g.y - 593 : g.y - 594;
        if (b.y < 1)
                return -1;
        off = date_to_days(g) - new_year_days(b.y);
        for (b.m = 1; off >= bangla_days_in_month(b.y, b.m); b.m++)
                off -= bangla_days_in_month(b.y, b.m);
        b.d = (int)off + 1;
        *out = b;
        return 0;
}

int bangla_to_gregorian(struct bdate b, struct date *out, const char **why)
{
        long days;
        int m, dim;

        if (b.y < 1 || b.y > BANGLA_YEAR_MAX) {
                *why = bangla_reason("year out of range (1 to %d বঙ্গাব্দ)",
                                     BANGLA_YEAR_MAX);
                return -1;
        }
        if (b.m < 1 || b.m > 12) {
                *why = "no such month";
                return -1;
        }
        dim = bangla_days_in_month(b.y, b.m);
        if (b.d < 1 || b.d > dim) {
                *why = bangla_reason("no such day: %s %d has %d days",
                                     month_names[b.m - 1], b.y, dim);
                return -1;
        }
        days = new_year_days(b.y) + b.d - 1;
        for (m = 1; m < b.m; m++)
                days += bangla_days_in_month(b.y, m);
        *out = date_from_days(days);
        return 0;
}

const char *bangla_month_name(int m)
{
        return m >= 1 && m <= 12 ? month_names[m - 1] : NULL;
}

const char *bangla_gregorian_month_name(int m)
{
        return m >= 1 && m <= 12 ? gregorian_names[m - 1] : NULL;
}

/* ------------------------------------------------------------------ */
/* Digits                                                              */

/* U+09E6 BENGALI DIGIT ZERO .. U+09EF NINE: E0 A7 A6 .. E0 A7 AF. */
int bangla_digit_at(const char *s, size_t n, size_t *len)
{
        const unsigned char *u = (const unsigned char *)s;

        if (n >= 1 && u[0] >= '0' && u[0] <= '9') {
                *len = 1;
                return u[0] - '0';
        }
        if (n >= 3 && u[0] == 0xE0 && u[1] == 0xA7 && u[2] >= 0xA6 &&
            u[2] <= 0xAF) {
                *len = 3;
                return u[2] - 0xA6;
        }
        return -1;
}

static void add_bengali_digit(struct strbuf *out, int v)
{
        char d[3] = {(char)0xE0, (char)0xA7, (char)(0xA6 + v)};

        strbuf_add(out, d, 3);
}

void bangla_digits(const char *s, size_t n, struct strbuf *out)
{
        size_t i;

        for (i = 0; i < n; i++) {
                if (s[i] >= '0' && s[i] <= '9')
                        add_bengali_digit(out, s[i] - '0');
                else
                        strbuf_addch(out, s[i]);
        }
}

void bangla_ascii_digits(const char *s, size_t n, struct strbuf *out)
{
        size_t i = 0, len;
        int v;

        while (i < n) {
                v = bangla_digit_at(s + i, n - i, &len);
                if (v >= 0 && len == 3) {
                        strbuf_addch(out, '0' + v);
                        i += 3;
                } else {
                        strbuf_addch(out, s[i++]);
                }
        }
}

static void add_bengali_int(struct strbuf *out, long v)
{
        char buf[24];
        int n = snprintf(buf, sizeof(buf), "%ld", v);

        bangla_digits(buf, (size_t)n, out);
}

int bangla_parse_number(const char *s, long *out, const char **why)
{
        size_t n = strlen(s), i, len;
        long v = 0;
        int d;

        while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
                n--;
        while (n > 0 && (*s == ' ' || *s == '\t')) {
                s++;
                n--;
        }
        if (n == 0) {
                *why = "not a number: empty";
                return -1;
        }
        for (i = 0; i < n; i += len) {
                d = bangla_digit_at(s + i, n - i, &len);
                if (d < 0) {
                        *why = "not a number: only the digits 0-9 or ০-৯ "
                               "may appear";
                        return -1;
                }
                if (v > (2147483647L - d) / 10) {
                        *why = "number too large (at most 2147483647)";
                        return -1;
                }
                v = v * 10 + d;
        }
        *out = v;
        return 0;
}

/* ------------------------------------------------------------------ */
/* Unicode                                                             */

static int map_utf8(const char *s, size_t n, int options, struct strbuf *out)
{
        utf8proc_uint8_t *dst = NULL;
        utf8proc_ssize_t len;

        if (n > (size_t)PTRDIFF_MAX)
                return -1;
        len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n,
                           &dst, (utf8proc_option_t)options);
        if (len < 0)
                return -1;
        strbuf_add(out, dst, (size_t)len);
        free(dst); /* allocated by utf8proc with malloc */
        return 0;
}

int bangla_nfc(const char *s, size_t n, struct strbuf *out)
{
        return map_utf8(s, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE, out);
}

bool bangla_valid_utf8(const char *s, size_t n)
{
        const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
        utf8proc_int32_t c;
        size_t i = 0;

        while (i < n) {
                utf8proc_ssize_t k =
                    utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &c);
                if (k <= 0)
                        return false;
                i += (size_t)k;
        }
        return true;
}

bool bangla_same_text(const char *a, const char *b)
{
        struct strbuf na, nb;
        bool same;

        if (!a || !b)
                return a == b;
        if (strcmp(a, b) == 0)
                return true;
        strbuf_init(&na);
        strbuf_init(&nb);
        same = bangla_nfc(a, strlen(a), &na) == 0 &&
               bangla_nfc(b, strlen(b), &nb) == 0 && na.len == nb.len &&
               memcmp(na.buf, nb.buf, na.len) == 0;
        strbuf_release(&na);
        strbuf_release(&nb);
        return same;
}

/* NFC, case folded, default-ignorable characters (ZWJ, ZWNJ, soft
 * hyphen) removed, Bengali digits made ASCII. */
int bangla_fold(const char *s, size_t n, struct strbuf *out)
{
        struct strbuf tmp;
        int rc;

        strbuf_init(&tmp);
        rc = map_utf8(s, n,
                      UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
                          UTF8PROC_IGNORE,
                      &tmp);
        if (rc == 0)
                bangla_ascii_digits(tmp.buf, tmp.len, out);
        strbuf_release(&tmp);
        return rc;
}

/* A character of no width, which col -b (run by man when its output is
 * not a terminal) deletes: a nonspacing or enclosing mark (in Bengali the
 * virama, the nukta, the vowel signs ু ূ ৃ ৄ ৢ ৣ, chandrabindu) or a format
 * character (ZWJ, ZWNJ). */
bool bangla_zero_width(utf8proc_int32_t c)
{
        utf8proc_category_t cat = utf8proc_category(c);

        return cat == UTF8PROC_CATEGORY_MN || cat == UTF8PROC_CATEGORY_ME ||
               cat == UTF8PROC_CATEGORY_CF;
}

int bangla_skeleton(const char *s, size_t n, struct strbuf *out)
{
        struct strbuf f;
        const utf8proc_uint8_t *p;
        utf8proc_int32_t c;
        utf8proc_ssize_t k;
        size_t i = 0;

        strbuf_init(&f);
        if (bangla_fold(s, n, &f) < 0) {
                strbuf_release(&f);
                return -1;
        }
        p = (const utf8proc_uint8_t *)f.buf;
        while (i < f.len) {
                k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(f.len - i), &c);
                if (k <= 0)
                        break; /* not reached: fold made valid UTF-8 */
                if (!bangla_zero_width(c))
                        strbuf_add(out, f.buf + i, (size_t)k);
                i += (size_t)k;
        }
        strbuf_release(&f);
        return 0;
}

/* ------------------------------------------------------------------ */
/* Formatting                                                          */

/* "১৬ কার্তিক ১৪২৪" from its parts, or d in ISO form in Bengali digits
 * when it has none (month NULL). */
static void add_dated(struct strbuf *out, struct date d, long day,
                      const char *month, long year)
{
        char iso[11];

        if (!month) {
                date_format_iso(d, iso);
                bangla_digits(iso, 10, out);
                return;
        }
        add_bengali_int(out, day);
        strbuf_addch(out, ' ');
        strbuf_addstr(out, month);
        strbuf_addch(out, ' ');
        add_bengali_int(out, year);
}

void bangla_format_date(struct date d, struct strbuf *out)
{
        struct bdate b;

        if (bangla_from_gregorian(d, &b) < 0)
                add_dated(out, d, 0, NULL, 0);
        else
                add_dated(out, d, b.d, month_names[b.m - 1], b.y);
}

void bangla_format_gregorian(struct date d, struct strbuf *out)
{
        if (!date_valid(d))
                add_dated(out, d, 0, NULL, 0);
        else
                add_dated(out, d, d.d, gregorian_names[d.m - 1], d.y);
}
