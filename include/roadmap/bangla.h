/*
 * bangla: the Bangla (Bangladesh civil) calendar, Bengali digits, and the
 * one parser of dates typed on the command line.
 *
 * The calendar is the one Bangladesh uses officially: 1 Boishakh is
 * 14 April, and Bangla year Y runs from 14 April of Y + 593.
 *   - Years up to 1425 (the 1987 Bangla Academy revision): Boishakh to
 *     Bhadro 31 days, the other months 30, Falgun 31 when Gregorian
 *     Y + 594 (the year in which that Falgun falls) is a leap year.
 *   - Years from 1426 (the 2019 revision): Boishakh to Ashwin 31 days,
 *     Falgun 29 (30 when Y + 594 is a leap year), the others 30.
 * Both rules are applied proleptically outside the years they were in
 * force.  Month names come from this module's own tables (the
 * government's spellings); nothing here reads the process locale.
 *
 * Ownership: nothing here allocates except into the caller's strbuf.
 * A *why reason is a string the caller must not free; it stays valid
 * until the next call into this module from the same thread.
 */
#ifndef ROADMAP_BANGLA_H
#define ROADMAP_BANGLA_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/date.h"
#include "roadmap/strbuf.h"

struct bdate {
        int y, m, d; /* m 1..12, Boishakh = 1 */
};

/* Bangla years whose dates map to Gregorian years 1000..9999. */
#define BANGLA_YEAR_MIN 407
#define BANGLA_YEAR_MAX 9405
/* The first year of the 2019 revision. */
#define BANGLA_RULE_2019_FROM 1426

/* Days in Bangla month m (1..12) of year y under the rule of that year;
 * 0 for a month outside 1..12. */
int bangla_days_in_month(int y, int m);

/* g must be a valid Gregorian date with a Bangla year >= 1.
 * Returns 0, or -1 (out is untouched). */
int bangla_from_gregorian(struct date g, struct bdate *out);

/* Returns 0, or -1 with *why saying what is wrong with b (e.g.
 * "no such day: ফাল্গুন 1430 has 29 days"). */
int bangla_to_gregorian(struct bdate b, struct date *out, const char **why);

/* The one parser of command-line dates.  Accepts, with surrounding white
 * space trimmed and ASCII or Bengali digits anywhere:
 *   - ISO: "2017-10-31", "২০১৭-১০-৩১";
 *   - Bangla: "১৬ কার্তিক ১৪২৪", optionally followed by "বঙ্গাব্দ"; the
 *     month in the government's spelling, a common variant (বোশেখ,
 *     জৈষ্ঠ্য, শ্রাবন, কার্ত্তিক, অগ্রহায়ন, ফালগুন, ...), with য়/ড়/ঢ়
 *     precomposed or not, or transliterated (Boishakh, Kartik, ...);
 *   - Gregorian: "৩১ অক্টোবর ২০১৭" (optionally খ্রিস্টাব্দ/খ্রিষ্টাব্দ),
 *     "31 October 2017", "31 Oct 2017", "October 31, 2017".
 *   - a letter's dateline, both calendars separated by '/', which must
 *     name the same day: "তারিখ: ৩ কার্তিক ১৪২৪ বঙ্গাব্দ / ১৮ অক্টোবর
 *     ২০১৭ খ্রিস্টাব্দ" (the "তারিখ:" label is optional).
 * Ordinal endings as letters write them (১৬ই, ৩রা, ২৭শে, 1st) and
 * commas between the parts are accepted.  Latin letters match without
 * regard to case.  A month or era word may lack any of its zero-width
 * marks (virama, nukta, the vowel signs ু ূ ৃ, chandrabindu), as text
 * copied from man's output through col -b does: "১৬ কারতিক ১৪২৪" is
 * "১৬ কার্তিক ১৪২৪"; every other character must be there.  No two months
 * share a skeleton (see bangla_skeleton), so such a word names one month.
 * Returns 0, or -1 with *why set. */
int bangla_parse_date(const char *s, struct date *out, const char **why);

/* A decimal integer 0..2147483647 in ASCII or Bengali digits (mixed is
 * fine), surrounding white space trimmed, no sign, nothing inside but
 * digits.  Returns 0, or -1 with *why set. */
int bangla_parse_number(const char *s, long *out, const char **why);

/* Append "১৬ কার্তিক ১৪২৪" (Bangla calendar, Bengali digits).  A date with
 * no Bangla year >= 1 is appended as ISO in Bengali digits. */
void bangla_format_date(struct date d, struct strbuf *out);
/* Append "৩১ অক্টোবর ২০১৭" (Gregorian calendar, Bengali digits). */
void bangla_format_gregorian(struct date d, struct strbuf *out);

/* Append s[0..n) with ASCII digits replaced by Bengali digits, and the
 * reverse.  Other bytes are copied unchanged. */
void bangla_digits(const char *s, size_t n, struct strbuf *out);
void bangla_ascii_digits(const char *s, size_t n, struct strbuf *out);

/* The value 0..9 of the digit (ASCII or Bengali) at s, with its length
 * in bytes in *len; -1 when s does not start with a digit. */
int bangla_digit_at(const char *s, size_t n, size_t *len);

/* Bangla month name in the government's spelling (NFC); m 1..12, else
 * NULL.  And the Gregorian month in Bengali. */
const char *bangla_month_name(int m);
const char *bangla_gregorian_month_name(int m);

/* The i-th month spelling the date parser knows (NFC, Latin in lower
 * case; i from 0), its month 1..12 in *month, and in *bangla whether
 * that is a Bangla month (else Gregorian); NULL past the last. */
const char *bangla_month_word(size_t i, int *month, bool *bangla);

/* Append the skeleton of s[0..n): the text folded as the date parser
 * folds it (NFC, case folded, Bengali digits made ASCII) with every
 * character of zero width removed (nonspacing and enclosing marks,
 * format characters such as ZWJ and ZWNJ): what is left of a word once
 * col -b has deleted the characters it drops.  Returns 0, or -1 if s is
 * not valid UTF-8. */
int bangla_skeleton(const char *s, size_t n, struct strbuf *out);

/* Append s[0..n) in Unicode NFC.  Returns 0, or -1 if s is not valid
 * UTF-8 (out is untouched). */
int bangla_nfc(const char *s, size_t n, struct strbuf *out);
/* True if s[0..n) is valid UTF-8: no code point above U+10FFFF, no
 * surrogate, no overlong form. */
bool bangla_valid_utf8(const char *s, size_t n);

/* Append s[0..n) folded: in NFC, case folded, default-ignorable
 * characters (ZWJ, ZWNJ, soft hyphen) removed, Bengali digits made ASCII.
 * How the date parser reads words, and the key two names are the same by
 * as people read them ("জন্ম নিবন্ধন ১" is "জন্ম নিবন্ধন 1").  Returns 0, or
 * -1 if s is not valid UTF-8. */
int bangla_fold(const char *s, size_t n, struct strbuf *out);

/* Whether a and b are the same text once both are in NFC: how text typed
 * on the command line (stored in NFC) is compared with text in a file,
 * which may hold another form (say য় as U+09DF).  Text that is not valid
 * UTF-8 is compared byte for byte.  NULL equals only NULL. */
bool bangla_same_text(const char *a, const char *b);

#endif
