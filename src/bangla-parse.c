/*
 * bangla-parse: the one parser of dates typed on the command line, with
 * the month and era spellings it knows.  See bangla.h.
 */
#include "roadmap/bangla.h"

#include <stdbool.h>
#include <string.h>
#include <utf8proc.h>

#include "bangla-internal.h"

/*
 * The spellings the parser knows.  Every entry is in NFC, Latin letters in
 * lower case: the parser folds its input the same way.  The English names
 * are for reasons.
 */
static const char *const english_names[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December",
};

struct month_word {
        const char *word;
        int month;
};

/* Bangla months: spellings found in letters, then transliterations. */
static const struct month_word bangla_words[] = {
    {"বৈশাখ", 1},     {"বোশেখ", 1},      {"boishakh", 1},  {"baishakh", 1},
    {"baisakh", 1},   {"boisakh", 1},    {"boishak", 1},   {"baishak", 1},
    {"vaisakh", 1},   {"vaishakh", 1},   {"জ্যৈষ্ঠ", 2},     {"জৈষ্ঠ্য", 2},
    {"জ্যেষ্ঠ", 2},     {"জৈষ্ঠ", 2},       {"জ্যৈষ্ঠ্য", 2},    {"jyoishtho", 2},
    {"joishtho", 2},  {"jaishtha", 2},   {"jyaistha", 2},  {"jyoishtha", 2},
    {"jaistha", 2},   {"jyeshtha", 2},   {"jaishtho", 2},  {"joishtha", 2},
    {"jyaishtha", 2}, {"jaishto", 2},    {"joishto", 2},   {"আষাঢ়", 3},
    {"আষাঢ", 3},      {"asharh", 3},     {"ashar", 3},     {"asadh", 3},
    {"ashadh", 3},    {"asar", 3},       {"ashad", 3},     {"ashara", 3},
    {"শ্রাবণ", 4},     {"শ্রাবন", 4},      {"srabon", 4},    {"shrabon", 4},
    {"shraban", 4},   {"sraban", 4},     {"shravan", 4},   {"sravan", 4},
    {"ভাদ্র", 5},      {"bhadro", 5},     {"bhadra", 5},    {"vadro", 5},
    {"আশ্বিন", 6},     {"আশ্বীন", 6},      {"ashwin", 6},    {"ashshin", 6},
    {"ashin", 6},     {"aswin", 6},      {"ashbin", 6},    {"ashvin", 6},
    {"ashsin", 6},    {"কার্তিক", 7},     {"কার্ত্তিক", 7},   {"kartik", 7},
    {"kartick", 7},   {"kartika", 7},    {"karthik", 7},   {"অগ্রহায়ণ", 8},
    {"অগ্রহায়ন", 8},   {"অঘ্রাণ", 8},      {"অঘ্রান", 8},     {"ogrohayon", 8},
    {"agrahayan", 8}, {"agrahayon", 8},  {"ograhayon", 8}, {"aghrayan", 8},
    {"ogrohayan", 8}, {"agrahayana", 8}, {"পৌষ", 9},       {"poush", 9},
    {"paush", 9},     {"pous", 9},       {"push", 9},      {"pausha", 9},
    {"pousha", 9},    {"মাঘ", 10},       {"magh", 10},     {"magha", 10},
    {"ফাল্গুন", 11},    {"ফালগুন", 11},     {"ফাগুন", 11},     {"falgun", 11},
    {"phalgun", 11},  {"falgoon", 11},   {"phalguna", 11}, {"phalgoon", 11},
    {"চৈত্র", 12},     {"choitro", 12},   {"chaitra", 12},  {"chaitro", 12},
    {"choitra", 12},
};

/* Gregorian months in Bengali (with the spellings letters use) and
 * English, full and abbreviated. */
static const struct month_word gregorian_words[] = {
    {"জানুয়ারি", 1},   {"জানুয়ারী", 1},   {"ফেব্রুয়ারি", 2},  {"ফেব্রুয়ারী", 2},
    {"ফেব্রুআরি", 2},   {"মার্চ", 3},      {"এপ্রিল", 4},     {"মে", 5},
    {"জুন", 6},        {"জুলাই", 7},      {"আগস্ট", 8},      {"আগষ্ট", 8},
    {"অগাস্ট", 8},     {"সেপ্টেম্বর", 9},  {"সেপ্টেম্বার", 9}, {"অক্টোবর", 10},
    {"অক্টোবার", 10},  {"নভেম্বর", 11},   {"নভেম্বার", 11},  {"ডিসেম্বর", 12},
    {"ডিসেম্বার", 12}, {"january", 1},   {"february", 2},  {"march", 3},
    {"april", 4},     {"may", 5},       {"june", 6},      {"july", 7},
    {"august", 8},    {"september", 9}, {"october", 10},  {"november", 11},
    {"december", 12}, {"jan", 1},       {"feb", 2},       {"mar", 3},
    {"apr", 4},       {"jun", 6},       {"jul", 7},       {"aug", 8},
    {"sep", 9},       {"sept", 9},      {"oct", 10},      {"nov", 11},
    {"dec", 12},
};

static const char *const bangla_era_words[] = {"বঙ্গাব্দ", "বঙ্গাব্দে", "বাং"};
static const char *const gregorian_era_words[] = {
    "খ্রিস্টাব্দ", "খ্রিষ্টাব্দ", "খ্রীস্টাব্দ", "খ্রীষ্টাব্দ", "খ্রিঃ",
    "খ্রি.",     "খ্রি",      "ইং",       "ইং."};

/* Ordinal endings of a day: ১লা, ২রা, ৪ঠা, ৫ই, ১৯শে; 1st, 2nd, 3rd, 4th. */
static const char *const ordinal_words[] = {"",   "ই",  "লা", "রা", "ঠা",
                                            "শে", "st", "nd", "rd", "th"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *bangla_month_word(size_t i, int *month, bool *bangla)
{
        size_t nb = COUNT(bangla_words);

        if (i < nb) {
                *month = bangla_words[i].month;
                *bangla = true;
                return bangla_words[i].word;
        }
        if (i - nb < COUNT(gregorian_words)) {
                *month = gregorian_words[i - nb].month;
                *bangla = false;
                return gregorian_words[i - nb].word;
        }
        return NULL;
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */

struct token {
        const char *s;
        size_t n;
};

#define MAX_TOKENS 6

enum calendar { CAL_NONE, CAL_BANGLA, CAL_GREGORIAN };

/* Whether t is word, or word with some of its zero-width marks left out,
 * as text copied from man's output through col -b comes: "কারতিক" for
 * "কার্তিক" (virama gone), "অগরহাযণ" for "অগ্রহায়ণ" (virama and nukta
 * gone).  Any other character must be there, in its place. */
static bool token_is(struct token t, const char *word)
{
        const utf8proc_uint8_t *w = (const utf8proc_uint8_t *)word;
        size_t i = 0, j = 0, wn = strlen(word), k;
        utf8proc_int32_t c;
        utf8proc_ssize_t len;

        while (j < wn) {
                len = utf8proc_iterate(w + j, (utf8proc_ssize_t)(wn - j), &c);
                if (len <= 0)
                        return false;
                k = (size_t)len;
                if (t.n - i >= k && memcmp(t.s + i, word + j, k) == 0)
                        i += k;
                else if (!bangla_zero_width(c))
                        return false;
                j += k;
        }
        return i == t.n;
}

static bool word_in(struct token t, const char *const *words, size_t n)
{
        size_t i;

        for (i = 0; i < n; i++)
                if (token_is(t, words[i]))
                        return true;
        return false;
}

static int month_in(struct token t, const struct month_word *w, size_t n)
{
        size_t i;

        for (i = 0; i < n; i++)
                if (token_is(t, w[i].word))
                        return w[i].month;
        return 0;
}

/* The month a token names, and its calendar; 0 if none.  A Latin
 * abbreviation may end in a period ("Oct."). */
static int month_of(struct token t, enum calendar *cal)
{
        int m;

        if (t.n > 1 && t.s[t.n - 1] == '.')
                t.n--;
        if ((m = month_in(t, bangla_words, COUNT(bangla_words))) > 0) {
                *cal = CAL_BANGLA;
                return m;
        }
        if ((m = month_in(t, gregorian_words, COUNT(gregorian_words))) > 0) {
                *cal = CAL_GREGORIAN;
                return m;
        }
        return 0;
}

static bool is_space_at(const char *s, size_t n, size_t *len)
{
        if (n >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' ||
                       s[0] == '\r' || s[0] == ',')) {
                *len = 1;
                return true;
        }
        /* U+00A0 NO-BREAK SPACE */
        if (n >= 2 && (unsigned char)s[0] == 0xC2 &&
            (unsigned char)s[1] == 0xA0) {
                *len = 2;
                return true;
        }
        return false;
}

/* Split on white space and commas; -1 if there are too many parts. */
static int tokenize(const char *s, size_t n, struct token *tok, int max)
{
        size_t i = 0, len;
        int nt = 0;

        while (i < n) {
                if (is_space_at(s + i, n - i, &len)) {
                        i += len;
                        continue;
                }
                if (nt == max)
                        return -1;
                tok[nt].s = s + i;
                while (i < n && !is_space_at(s + i, n - i, &len))
                        i++;
                tok[nt].n = (size_t)(s + i - tok[nt].s);
                nt++;
        }
        return nt;
}

/* A number of at most 9 ASCII digits at the start of t; *rest is what
 * follows.  -1 if t does not start with a digit. */
static long leading_number(struct token t, struct token *rest)
{
        size_t i = 0;
        long v = 0;

        while (i < t.n && t.s[i] >= '0' && t.s[i] <= '9' && i < 9)
                v = v * 10 + (t.s[i++] - '0');
        if (i == 0)
                return -1;
        rest->s = t.s + i;
        rest->n = t.n - i;
        return v;
}

static long parse_day(struct token t)
{
        struct token rest;
        long v = leading_number(t, &rest);

        if (v < 0 || !word_in(rest, ordinal_words, COUNT(ordinal_words)))
                return -1;
        return v;
}

static long parse_year(struct token t)
{
        struct token rest;
        long v = leading_number(t, &rest);

        return v < 0 || rest.n > 0 ? -1 : v;
}

/* The parts of "D MONTH Y [ERA]" or "MONTH D Y [ERA]". */
struct dmy {
        long d, y;
        int m;
        enum calendar cal;
};

static const char *quoted(struct token t)
{
        static _Thread_local char buf[64];
        size_t n = t.n;

        if (n > sizeof(buf) - 1) {
                n = sizeof(buf) - 1;
                /* do not cut a UTF-8 sequence */
                while (n > 0 && ((unsigned char)t.s[n] & 0xC0) == 0x80)
                        n--;
        }
        memcpy(buf, t.s, n);
        buf[n] = '\0';
        return buf;
}

static int check_era(struct token t, enum calendar cal, const char **why)
{
        bool bangla = word_in(t, bangla_era_words, COUNT(bangla_era_words));
        bool greg = word_in(t, gregorian_era_words, COUNT(gregorian_era_words));

        if (!bangla && !greg) {
                *why =
                    bangla_reason("unexpected '%s' after the year", quoted(t));
                return -1;
        }
        if (bangla && cal != CAL_BANGLA) {
                *why = "a Gregorian month with the Bangla era 'বঙ্গাব্দ'";
                return -1;
        }
        if (greg && cal != CAL_GREGORIAN) {
                *why = bangla_reason(
                    "a Bangla month with the Gregorian era '%s'", quoted(t));
                return -1;
        }
        return 0;
}

static int split_dmy(struct token *tok, int nt, struct dmy *p, const char **why)
{
        int mi;

        if (nt < 3 || nt > 4) {
                *why = "not a date: expected YYYY-MM-DD or day, month and "
                       "year (১৬ কার্তিক ১৪২৪, 31 October 2017)";
                return -1;
        }
        mi = tok[0].s[0] >= '0' && tok[0].s[0] <= '9' ? 1 : 0;
        p->m = month_of(tok[mi], &p->cal);
        if (p->m == 0) {
                *why = bangla_reason("unknown month '%s'", quoted(tok[mi]));
                return -1;
        }
        p->d = parse_day(tok[mi == 0 ? 1 : 0]);
        if (p->d < 0) {
                *why = bangla_reason("not a day of the month: '%s'",
                                     quoted(tok[mi == 0 ? 1 : 0]));
                return -1;
        }
        p->y = parse_year(tok[2]);
        if (p->y < 0) {
                *why = bangla_reason("not a year: '%s'", quoted(tok[2]));
                return -1;
        }
        return nt == 4 ? check_era(tok[3], p->cal, why) : 0;
}

static int dmy_to_date(const struct dmy *p, struct date *out, const char **why)
{
        struct bdate b;
        struct date g;

        if (p->cal == CAL_BANGLA) {
                if (p->y < BANGLA_YEAR_MIN || p->y > BANGLA_YEAR_MAX) {
                        *why =
                            bangla_reason("year out of range (%d to %d বঙ্গাব্দ)",
                                          BANGLA_YEAR_MIN, BANGLA_YEAR_MAX);
                        return -1;
                }
                b.y = (int)p->y;
                b.m = p->m;
                b.d = p->d > 99 ? 99 : (int)p->d;
                return bangla_to_gregorian(b, out, why);
        }
        if (p->y < 1000 || p->y > 9999) {
                *why = "year out of range (1000 to 9999)";
                return -1;
        }
        g.y = (int)p->y;
        g.m = p->m;
        g.d = p->d > 99 ? 99 : (int)p->d;
        if (!date_valid(g)) {
                *why = bangla_reason("no such day: %s %d has %d days",
                                     english_names[g.m - 1], g.y,
                                     date_days_in_month(g.y, g.m));
                return -1;
        }
        *out = g;
        return 0;
}

static int parse_one(const char *s, size_t n, struct date *out,
                     const char **why)
{
        struct token tok[MAX_TOKENS];
        struct dmy p;
        int nt = tokenize(s, n, tok, MAX_TOKENS);

        if (nt == 0) {
                *why = "empty date";
                return -1;
        }
        if (nt < 0) {
                *why = "not a date: too many words";
                return -1;
        }
        if (nt == 1)
                return date_parse_iso(tok[0].s, tok[0].n, out, why);
        if (split_dmy(tok, nt, &p, why) < 0)
                return -1;
        return dmy_to_date(&p, out, why);
}

/* Both calendars, as letters date themselves: "৩ কার্তিক ১৪২৪ বঙ্গাব্দ /
 * ১৮ অক্টোবর ২০১৭ খ্রিস্টাব্দ".  The two must name the same day. */
static int parse_pair(const char *s, size_t n, size_t slash, struct date *out,
                      const char **why)
{
        struct date a, b;
        char ia[11], ib[11];

        if (parse_one(s, slash, &a, why) < 0 ||
            parse_one(s + slash + 1, n - slash - 1, &b, why) < 0)
                return -1;
        if (date_cmp(a, b) != 0) {
                date_format_iso(a, ia);
                date_format_iso(b, ib);
                *why = bangla_reason(
                    "the two dates name different days: %s and %s", ia, ib);
                return -1;
        }
        *out = a;
        return 0;
}

#define DATE_LABEL "তারিখ"

/* Step over word at *s, if it is there. */
static bool skip(const char **s, size_t *n, const char *word)
{
        size_t len = strlen(word);

        if (*n < len || memcmp(*s, word, len) != 0)
                return false;
        *s += len;
        *n -= len;
        return true;
}

static int parse_folded(const char *s, size_t n, struct date *out,
                        const char **why)
{
        const char *slash;
        size_t len;

        while (n > 0 && is_space_at(s, n, &len)) {
                s += len;
                n -= len;
        }
        /* a "তারিখ:" label copied with the date */
        if (skip(&s, &n, DATE_LABEL) && !skip(&s, &n, ":"))
                skip(&s, &n, "ঃ");
        slash = memchr(s, '/', n);
        if (slash && !memchr(slash + 1, '/', n - (size_t)(slash + 1 - s)))
                return parse_pair(s, n, (size_t)(slash - s), out, why);
        if (slash) {
                *why = "not a date: more than one '/'";
                return -1;
        }
        return parse_one(s, n, out, why);
}

int bangla_parse_date(const char *s, struct date *out, const char **why)
{
        struct strbuf f;
        struct date d;
        int rc;

        strbuf_init(&f);
        if (bangla_fold(s, strlen(s), &f) < 0) {
                strbuf_release(&f);
                *why = "not valid UTF-8";
                return -1;
        }
        rc = parse_folded(f.buf, f.len, &d, why);
        strbuf_release(&f);
        if (rc == 0)
                *out = d;
        return rc;
}
