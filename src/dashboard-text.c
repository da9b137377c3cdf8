/*
 * dashboard-text: the words of the page in English and Bengali, and how
 * it writes numbers, dates and text from the repository.
 */
#include <string.h>
#include <utf8proc.h>

#include "dashboard-internal.h"
#include "roadmap/bangla.h"

static const char *const words[W_WORD_COUNT][2] = {
    [W_TITLE] = {"e-Service Roadmap: coordination dashboard",
                 "ই-সার্ভিস রোডম্যাপ: সমন্বয় ড্যাশবোর্ড"},
    [W_SUBTITLE] = {"Every figure is computed by roadmap report from the "
                    "roadmap repository.",
                    "প্রতিটি সংখ্যা রোডম্যাপ রিপোজিটরি থেকে roadmap report "
                    "দিয়ে হিসাব করা।"},
    [W_AS_OF] = {"As of", "প্রতিবেদনের তারিখ"},
    [W_PERIOD] = {"Period", "সময়কাল"},
    [W_OFFICES] = {"Offices with a roadmap", "রোডম্যাপসহ দপ্তর"},
    [W_SERVICES] = {"Services analysed", "বিশ্লেষিত সেবা"},
    [W_PLANNED] = {"E-services planned", "পরিকল্পিত ই-সেবা"},
    [W_LIVE] = {"Live", "চালু"},
    [W_PARTICIPANTS] = {"Participants trained", "প্রশিক্ষিত অংশগ্রহণকারী"},
    [W_MINISTRIES] = {"Ministries and divisions", "মন্ত্রণালয় ও বিভাগ"},
    [W_OVERDUE] = {"Overdue", "মেয়াদোত্তীর্ণ"},
    [W_APA] = {"APA score per ministry", "মন্ত্রণালয়ভিত্তিক এপিএ স্কোর"},
    [W_APA_NOTE] = {"Offices that met the target of at least one e-service "
                    "going live in fiscal year {}, of all offices.",
                    "{} অর্থবছরে অন্তত একটি ই-সেবা চালুর লক্ষ্য পূরণকারী "
                    "দপ্তর, মোট দপ্তরের মধ্যে।"},
    [W_PROGRESS] = {"Progress by status per ministry",
                    "মন্ত্রণালয়ভিত্তিক অগ্রগতি, অবস্থা অনুযায়ী"},
    [W_PROGRESS_NOTE] = {"Services with a plan, by their status on the "
                         "report date.  Planned: the e-services planned, "
                         "which leave out the dropped ones (red), counted "
                         "after them.",
                         "পরিকল্পনাভুক্ত সেবা, প্রতিবেদনের তারিখের অবস্থা "
                         "অনুযায়ী।  পরিকল্পিত: পরিকল্পিত ই-সেবা, বাদ "
                         "পড়াগুলো (লাল) ছাড়া; সেগুলো পরের ঘরে।"},
    [W_TCV] = {"Time, cost and visits: now and planned",
               "সময়, খরচ ও যাতায়াত: বর্তমান ও পরিকল্পিত"},
    [W_TCV_NOTE] = {"Sums over the e-services planned that have both a "
                    "value now and a target.",
                    "বর্তমান মান ও লক্ষ্য দুটোই আছে এমন পরিকল্পিত ই-সেবার "
                    "যোগফল।"},
    [W_NOW] = {"Now", "বর্তমান"},
    [W_TARGET] = {"Planned", "পরিকল্পিত"},
    [W_SAVED] = {"Saved", "সাশ্রয়"},
    [W_DAYS] = {"Days", "দিন"},
    [W_COST] = {"Cost (Tk)", "খরচ (টাকা)"},
    [W_VISITS] = {"Visits", "যাতায়াত"},
    [W_APPROVALS] = {"Roadmap approvals per ministry",
                     "মন্ত্রণালয়ভিত্তিক রোডম্যাপ অনুমোদন"},
    [W_APPROVED] = {"Approved", "অনুমোদিত"},
    [W_STALE] = {"Stale (changed since)", "অনুমোদনের পর পরিবর্তিত"},
    [W_NONE] = {"Not approved", "অনুমোদন হয়নি"},
    [W_WORKSHOPS] = {"Workshops over time", "সময়ের সাথে কর্মশালা"},
    [W_WORKSHOPS_NOTE] = {"Participants per fiscal quarter, by kind of "
                          "workshop.",
                          "অর্থবছরের প্রতি প্রান্তিকে অংশগ্রহণকারী, "
                          "কর্মশালার ধরন অনুযায়ী।"},
    [W_KIND_ROADMAP] = {"Roadmap", "রোডম্যাপ"},
    [W_KIND_DESIGN] = {"Service design", "সেবা নকশা"},
    [W_KIND_LEADERSHIP] = {"Leadership", "নেতৃত্ব"},
    [W_OVERDUE_LIST] = {"Overdue e-services", "মেয়াদোত্তীর্ণ ই-সেবা"},
    [W_OVERDUE_NOTE] = {"Due before the report date and neither live nor "
                        "dropped, by ministry and office.",
                        "প্রতিবেদনের তারিখের আগে শেষ হওয়ার কথা, কিন্তু "
                        "চালু বা বাদ হয়নি; মন্ত্রণালয় ও দপ্তর অনুযায়ী।"},
    [W_MINISTRY] = {"Ministry", "মন্ত্রণালয়"},
    [W_OFFICE] = {"Office", "দপ্তর"},
    [W_SERVICE] = {"Service", "সেবা"},
    [W_PRIORITY] = {"Priority", "অগ্রাধিকার"},
    [W_DUE] = {"Due", "নির্ধারিত তারিখ"},
    [W_STATUS] = {"Status", "অবস্থা"},
    [W_DAYS_OVERDUE] = {"Days overdue", "বিলম্ব (দিন)"},
    [W_MORE] = {"… and {} more: roadmap report overdue lists them all.",
                "… এবং আরও {}টি: roadmap report overdue সবগুলো দেখায়।"},
    [W_NO_DATA] = {"No data.", "কোনো তথ্য নেই।"},
    [W_NOTHING_OVERDUE] = {"Nothing is overdue.",
                           "কোনো ই-সেবা মেয়াদোত্তীর্ণ নয়।"},
    [W_PER_MINISTRY] = {"Per ministry", "মন্ত্রণালয়ভিত্তিক হিসাব"},
    [W_MET] = {"Target met", "লক্ষ্য পূরণ"},
    [W_QUARTER] = {"Quarter", "প্রান্তিক"},
    [W_FY] = {"Fiscal year", "অর্থবছর"},
    [W_ALL] = {"All", "সর্বমোট"},
    [W_KIND] = {"Workshop", "কর্মশালা"},
    [W_BATCHES] = {"Batches", "ব্যাচ"},
    [W_HEADS] = {"Heads present", "দপ্তর প্রধানের উপস্থিতি"},
    [W_SH_OFFICES] = {"Offices", "দপ্তর"},
    [W_SH_SERVICES] = {"Services", "সেবা"},
    [W_SH_STALE] = {"Stale", "পরিবর্তিত"},
    [W_SH_TRAINED] = {"Trained", "প্রশিক্ষিত"},
    [W_SH_MET] = {"Met", "পূরণ"},
    [W_SH_PLANNED] = {"Planned", "পরিকল্পিত"},
    [W_SH_DROPPED] = {"Dropped", "বাদ"},
    [W_SH_APPROVED] = {"Approved", "অনুমোদিত"},
    [W_SH_NONE] = {"None", "হয়নি"},
    [W_Q] = {"Q{}", "{}"},
    [W_LAST_QUARTERS] = {"The chart draws the last {} quarters; the table "
                         "below lists them all.",
                         "চিত্রে শেষ {}টি প্রান্তিক; নিচের সারণিতে সবগুলো।"},
    [W_OF_OFFICES] = {"of {} offices", "মোট {}টি দপ্তরের মধ্যে"},
    [W_HEADLINE_NOTE] = {"An office with a roadmap has at least one "
                         "e-service planned.  E-services planned are the "
                         "services with a plan, less the dropped ones.",
                         "রোডম্যাপসহ দপ্তর: অন্তত একটি ই-সেবা পরিকল্পিত "
                         "এমন দপ্তর।  পরিকল্পিত ই-সেবা: পরিকল্পনাভুক্ত "
                         "সেবা, বাদ পড়াগুলো ছাড়া।"},
    [W_PER_QUARTER] = {"Per quarter", "প্রান্তিকভিত্তিক"},
};

static const char *const statuses[STATUS_COUNT][2] = {
    [STATUS_PLANNED] = {"Planned", "পরিকল্পিত"},
    [STATUS_DESIGNING] = {"Designing", "নকশা প্রণয়ন"},
    [STATUS_DEVELOPING] = {"Developing", "উন্নয়নাধীন"},
    [STATUS_PILOTING] = {"Piloting", "পাইলটিং"},
    [STATUS_LIVE] = {"Live", "চালু"},
    [STATUS_DROPPED] = {"Dropped", "বাদ"},
};

static const char *const months[12] = {
    "January", "February", "March",     "April",   "May",      "June",
    "July",    "August",   "September", "October", "November", "December"};

const char *dash_word(enum dashboard_lang lang, enum dash_word w)
{
        return words[w][lang == DASHBOARD_BN];
}

const char *dash_kind(enum dashboard_lang lang, const char *kind)
{
        static const char *const names[DASH_KINDS] = {"roadmap", "design",
                                                      "leadership"};
        int k;

        for (k = 0; kind && k < DASH_KINDS; k++)
                if (strcmp(kind, names[k]) == 0)
                        return dash_word(lang,
                                         (enum dash_word)(W_KIND_ROADMAP + k));
        return kind;
}

const char *dash_status(enum dashboard_lang lang, enum status st)
{
        return statuses[st][lang == DASHBOARD_BN];
}

void dash_fill(struct strbuf *sb, enum dashboard_lang lang, enum dash_word w,
               const char *arg)
{
        const char *s = dash_word(lang, w), *hole;

        while ((hole = strstr(s, "{}"))) {
                strbuf_add(sb, s, (size_t)(hole - s));
                strbuf_addstr(sb, arg);
                s = hole + 2;
        }
        strbuf_addstr(sb, s);
}

void dash_digits(struct strbuf *sb, enum dashboard_lang lang, const char *s)
{
        if (lang == DASHBOARD_BN)
                bangla_digits(s, strlen(s), sb);
        else
                strbuf_addstr(sb, s);
}

void dash_figure(struct strbuf *sb, enum dashboard_lang lang, const char *tag,
                 const char *name, const char *metric, const char *ministry,
                 long long n)
{
        strbuf_addf(sb, "<%s", tag);
        if (metric)
                strbuf_addf(sb, " data-metric=\"%s\"", metric);
        if (ministry) {
                strbuf_addstr(sb, " data-ministry=\"");
                dash_esc(sb, ministry);
                strbuf_addch(sb, '"');
        }
        strbuf_addch(sb, '>');
        dash_num(sb, lang, n);
        strbuf_addf(sb, "</%s>", name);
}

/* Grouped as en writes thousands (3 digits a group) or as Bangladesh
 * writes lakhs and crores (the last 3 digits, then 2 a group). */
void dash_num(struct strbuf *sb, enum dashboard_lang lang, long long n)
{
        char digits[32], out[64];
        size_t len, i, o = 0;
        unsigned long long v =
            n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;

        len = (size_t)snprintf(digits, sizeof(digits), "%llu", v);
        if (n < 0)
                out[o++] = '-';
        for (i = 0; i < len; i++) {
                size_t left = len - i; /* digits from here to the end */

                if (i > 0 && (lang == DASHBOARD_BN
                                  ? (left == 3 || (left > 3 && left % 2 == 1))
                                  : left % 3 == 0))
                        out[o++] = ',';
                out[o++] = digits[i];
        }
        out[o] = '\0';
        dash_digits(sb, lang, out);
}

void dash_date(struct strbuf *sb, enum dashboard_lang lang, struct date d)
{
        char iso[11];

        if (!date_is_set(d))
                return;
        if (lang == DASHBOARD_BN) {
                bangla_format_gregorian(d, sb);
                strbuf_addstr(sb, "<br><span class=\"bd\">");
                bangla_format_date(d, sb);
                strbuf_addstr(sb, "</span>");
                return;
        }
        date_format_iso(d, iso);
        strbuf_addstr(sb, iso);
}

void dash_date_long(struct strbuf *sb, enum dashboard_lang lang, struct date d)
{
        if (!date_is_set(d))
                return;
        if (lang != DASHBOARD_BN) {
                strbuf_addf(sb, "%d %s %d", d.d, months[d.m - 1], d.y);
                return;
        }
        bangla_format_gregorian(d, sb);
        strbuf_addstr(sb, " (");
        bangla_format_date(d, sb);
        strbuf_addstr(sb, " বঙ্গাব্দ)");
}

/* One character: an entity for the five HTML knows, nothing for a control
 * character, U+FFFD for a byte that starts no valid UTF-8 sequence. */
static void esc_char(struct strbuf *sb, utf8proc_int32_t cp, const char *s,
                     utf8proc_ssize_t len)
{
        switch (cp) {
        case '&':
                strbuf_addstr(sb, "&amp;");
                return;
        case '<':
                strbuf_addstr(sb, "&lt;");
                return;
        case '>':
                strbuf_addstr(sb, "&gt;");
                return;
        case '"':
                strbuf_addstr(sb, "&quot;");
                return;
        case '\'':
                strbuf_addstr(sb, "&#39;");
                return;
        }
        if (cp < 0)
                strbuf_addstr(sb, "\xEF\xBF\xBD");
        else if (cp == '\t' || cp == '\n')
                strbuf_addch(sb, ' ');
        else if (cp >= 0x20 && !(cp >= 0x7F && cp <= 0x9F))
                strbuf_add(sb, s, (size_t)len);
}

void dash_esc(struct strbuf *sb, const char *s)
{
        utf8proc_ssize_t n, len;
        utf8proc_int32_t cp;

        if (!s)
                return;
        n = (utf8proc_ssize_t)strlen(s);
        while (n > 0) {
                len = utf8proc_iterate((const utf8proc_uint8_t *)s, n, &cp);
                if (len <= 0) {
                        cp = -1;
                        len = 1;
                }
                esc_char(sb, cp, s, len);
                s += len;
                n -= len;
        }
}

const char *dash_ministry_name(enum dashboard_lang lang,
                               const struct dash_ministry *m)
{
        if (lang == DASHBOARD_BN && m->name_bn)
                return m->name_bn;
        return m->name ? m->name : m->id;
}
