/*
 * officediff-format: one change as a line for a person or as a JSON
 * object (the format is documented in officediff.h).
 */
#include <string.h>

#include "roadmap/bangla.h"
#include "roadmap/officediff.h"

static const char *const kind_names[CHANGE_KINDS] = {
    [CHANGE_ROADMAP_CHANGED] = "roadmap-changed",
    [CHANGE_MINISTRY_ADDED] = "ministry-added",
    [CHANGE_MINISTRY_REMOVED] = "ministry-removed",
    [CHANGE_MINISTRY_CHANGED] = "ministry-changed",
    [CHANGE_OFFICE_ADDED] = "office-added",
    [CHANGE_OFFICE_REMOVED] = "office-removed",
    [CHANGE_OFFICE_CHANGED] = "office-changed",
    [CHANGE_SERVICE_ADDED] = "service-added",
    [CHANGE_SERVICE_REMOVED] = "service-removed",
    [CHANGE_SERVICE_RENAMED] = "service-renamed",
    [CHANGE_SERVICE_CHANGED] = "service-changed",
    [CHANGE_SERVICES_REORDERED] = "services-reordered",
    [CHANGE_PLAN_ADDED] = "plan-added",
    [CHANGE_PLAN_REMOVED] = "plan-removed",
    [CHANGE_PLAN_CHANGED] = "plan-changed",
    [CHANGE_STATUS_MOVED] = "status-moved",
    [CHANGE_HISTORY_CORRECTED] = "history-corrected",
    [CHANGE_HISTORY_REMOVED] = "history-removed",
    [CHANGE_APPROVAL_GIVEN] = "approval-given",
    [CHANGE_APPROVAL_RENEWED] = "approval-renewed",
    [CHANGE_APPROVAL_REMOVED] = "approval-removed",
    [CHANGE_APPROVAL_CHANGED] = "approval-changed",
    [CHANGE_APPROVAL_STALE] = "approval-stale",
    [CHANGE_WORKSHOP_ADDED] = "workshop-added",
    [CHANGE_WORKSHOP_REMOVED] = "workshop-removed",
    [CHANGE_WORKSHOP_CHANGED] = "workshop-changed",
    [CHANGE_COMMENTS] = "comments",
    [CHANGE_UNREADABLE] = "unreadable",
};

/*
 * Each kind's line: its sign, then text in which
 *   %m %o %s %w  the ministry, office, service, old id (as they are)
 *   %i           the item (dates and numbers in the style)
 *   %O %N        the old / new value ("none" if absent)
 *   %F           "field old -> new"
 *   %M           "old -> new", or "new" when there was no old
 *   %d           the date
 *   %n           " \"note\"" if there is a note
 *   %V           " value" if there is a value (new, else old)
 *   %P           " (value)" the same, in parentheses
 *   %B           " by value" if there is a new value
 *   %K           each old line as ' - "line"', then each new one as ' + ...'
 */
static const char *const templates[CHANGE_KINDS] = {
    [CHANGE_ROADMAP_CHANGED] = "~roadmap %F",
    [CHANGE_MINISTRY_ADDED] = "+ministry %m %N",
    [CHANGE_MINISTRY_REMOVED] = "-ministry %m %O",
    [CHANGE_MINISTRY_CHANGED] = "~ministry %m: %F",
    [CHANGE_OFFICE_ADDED] = "+office %o %N",
    [CHANGE_OFFICE_REMOVED] = "-office %o %O",
    [CHANGE_OFFICE_CHANGED] = "~office: %F",
    [CHANGE_SERVICE_ADDED] = "+service %s %N",
    [CHANGE_SERVICE_REMOVED] = "-service %s %O",
    [CHANGE_SERVICE_RENAMED] = "~service %w renamed to %s",
    [CHANGE_SERVICE_CHANGED] = "~%s: %F",
    [CHANGE_SERVICES_REORDERED] = "~services reordered",
    [CHANGE_PLAN_ADDED] = "+%s: plan%V",
    [CHANGE_PLAN_REMOVED] = "-%s: plan%V",
    [CHANGE_PLAN_CHANGED] = "~%s: plan %F",
    [CHANGE_STATUS_MOVED] = "~%s: status %M on %d%n",
    [CHANGE_HISTORY_CORRECTED] = "~%s: history %i corrected: %F",
    [CHANGE_HISTORY_REMOVED] = "-%s: history %i%n",
    [CHANGE_APPROVAL_GIVEN] = "+approval by %N on %d",
    [CHANGE_APPROVAL_RENEWED] = "~approval renewed: %M",
    [CHANGE_APPROVAL_REMOVED] = "-approval by %O on %d",
    [CHANGE_APPROVAL_CHANGED] = "~approval: %F",
    [CHANGE_APPROVAL_STALE] = "!approval made stale%B",
    [CHANGE_WORKSHOP_ADDED] = "+workshop %i%P",
    [CHANGE_WORKSHOP_REMOVED] = "-workshop %i%P",
    [CHANGE_WORKSHOP_CHANGED] = "~workshop %i: %F",
    [CHANGE_COMMENTS] = "#comments changed:%K",
    [CHANGE_UNREADABLE] = "!unreadable: %N",
};

const char *change_kind_name(enum change_kind k)
{
        return (unsigned)k < CHANGE_KINDS ? kind_names[k] : "unknown";
}

/* ---- values ------------------------------------------------------------- */

/* How a value is shown: text a person wrote, quoted; a keyword or id as
 * it is; data (numbers, dates, what this module wrote of them) in the
 * style's digits and calendar. */
enum vclass { V_TEXT, V_RAW, V_DATA };

static bool is_one_of(const char *s, const char *const *set)
{
        for (; s && *set; set++)
                if (strcmp(s, *set) == 0)
                        return true;
        return false;
}

static enum vclass value_class(const struct change *c)
{
        static const char *const dates[] = {"date", "due", "since", "submitted",
                                            NULL};
        static const char *const raw[] = {"id",     "ministry", "recipients",
                                          "status", "digest",   "head_present",
                                          NULL};

        if (c->field &&
            (strncmp(c->field, "x-", 2) == 0 || strstr(c->field, ".x-")))
                return V_RAW; /* an extension key: its YAML text */
        if (c->numeric || is_one_of(c->field, dates))
                return V_DATA;
        switch (c->kind) {
        case CHANGE_PLAN_ADDED:
        case CHANGE_PLAN_REMOVED:
        case CHANGE_WORKSHOP_ADDED:
        case CHANGE_WORKSHOP_REMOVED:
                return V_DATA;
        case CHANGE_APPROVAL_STALE:
        case CHANGE_UNREADABLE:
                return V_RAW;
        default:
                return is_one_of(c->field, raw) ? V_RAW : V_TEXT;
        }
}

static bool is_digit(char ch)
{
        return ch >= '0' && ch <= '9';
}

static void add_date(struct date d, const struct change_style *st,
                     struct strbuf *out)
{
        char iso[11];

        if (!date_is_set(d)) {
                strbuf_addstr(out, "none");
                return;
        }
        if (st->calendar == OUT_BANGLA) {
                bangla_format_date(d, out); /* always Bengali digits */
                return;
        }
        date_format_iso(d, iso);
        if (st->bengali_digits)
                bangla_digits(iso, 10, out);
        else
                strbuf_add(out, iso, 10);
}

/* The digits at s[0..n): an ISO date as a date, else a number. */
static size_t add_digits(const char *s, size_t n, const struct change_style *st,
                         struct strbuf *out)
{
        struct date d;
        const char *why;
        size_t k = 0;

        if (n >= 10 && (n == 10 || !is_digit(s[10])) &&
            date_parse_iso(s, 10, &d, &why) == 0) {
                add_date(d, st, out);
                return 10;
        }
        while (k < n && is_digit(s[k]))
                k++;
        if (st->bengali_digits)
                bangla_digits(s, k, out);
        else
                strbuf_add(out, s, k);
        return k;
}

/* Data: control characters escaped, dates and numbers in the style. */
static void add_data(const char *s, const struct change_style *st,
                     struct strbuf *out)
{
        size_t n = strlen(s), i = 0, j;

        while (i < n) {
                if (is_digit(s[i])) {
                        i += add_digits(s + i, n - i, st, out);
                        continue;
                }
                for (j = i; j < n && !is_digit(s[j]); j++)
                        ;
                strbuf_add_escaped(out, s + i, j - i);
                i = j;
        }
}

static void add_quoted(const char *s, size_t n, struct strbuf *out)
{
        strbuf_addch(out, '"');
        strbuf_add_escaped(out, s, n);
        strbuf_addch(out, '"');
}

static void add_value(const struct change *c, const char *v,
                      const struct change_style *st, struct strbuf *out)
{
        if (!v) {
                strbuf_addstr(out, "none");
                return;
        }
        switch (value_class(c)) {
        case V_TEXT:
                add_quoted(v, strlen(v), out);
                break;
        case V_RAW:
                strbuf_add_escaped(out, v, strlen(v));
                break;
        case V_DATA:
                add_data(v, st, out);
                break;
        }
}

static void add_id(const char *s, struct strbuf *out)
{
        if (s)
                strbuf_add_escaped(out, s, strlen(s));
        else
                strbuf_addch(out, '-');
}

/* ' - "line"' for each line of s (NULL: none). */
static void add_lines(const char *sign, const char *s, struct strbuf *out)
{
        const char *nl;

        for (; s && *s; s = nl ? nl + 1 : s + strlen(s)) {
                nl = strchr(s, '\n');
                strbuf_addf(out, " %s ", sign);
                add_quoted(s, nl ? (size_t)(nl - s) : strlen(s), out);
        }
}

/* ---- text -----------------------------------------------------------------
 */

/* The old -> new of c, or only the new when there was no old. */
static void add_move(const struct change *c, const struct change_style *st,
                     struct strbuf *out)
{
        if (c->old_value) {
                add_value(c, c->old_value, st, out);
                strbuf_addstr(out, " -> ");
        }
        add_value(c, c->new_value, st, out);
}

/* The optional parts: %V, %P, %B, %n. */
static void add_optional(const struct change *c, char what,
                         const struct change_style *st, struct strbuf *out)
{
        const char *v = c->new_value ? c->new_value : c->old_value;

        if (what == 'n' && c->note) {
                strbuf_addch(out, ' ');
                add_quoted(c->note, strlen(c->note), out);
        } else if (what == 'B' && c->new_value) {
                strbuf_addstr(out, " by ");
                add_value(c, c->new_value, st, out);
        } else if ((what == 'V' || what == 'P') && v) {
                strbuf_addstr(out, what == 'P' ? " (" : " ");
                add_value(c, v, st, out);
                if (what == 'P')
                        strbuf_addch(out, ')');
        }
}

static void add_directive(const struct change *c, char what,
                          const struct change_style *st, struct strbuf *out)
{
        switch (what) {
        case 'm':
                add_id(c->ministry, out);
                break;
        case 'o':
                add_id(c->office, out);
                break;
        case 's':
                add_id(c->service, out);
                break;
        case 'w':
                add_id(c->was, out);
                break;
        case 'i':
                add_data(c->item ? c->item : "-", st, out);
                break;
        case 'O':
                add_value(c, c->old_value, st, out);
                break;
        case 'N':
                add_value(c, c->new_value, st, out);
                break;
        case 'F':
                add_id(c->field, out);
                strbuf_addch(out, ' ');
                add_value(c, c->old_value, st, out);
                strbuf_addstr(out, " -> ");
                add_value(c, c->new_value, st, out);
                break;
        case 'M':
                add_move(c, st, out);
                break;
        case 'd':
                add_date(c->date, st, out);
                break;
        case 'K':
                add_lines("-", c->old_value, out);
                add_lines("+", c->new_value, out);
                break;
        default:
                add_optional(c, what, st, out);
        }
}

static const char *colour_of(const struct change *c, char sign)
{
        if (c->kind == CHANGE_UNREADABLE || sign == '-')
                return "\033[31m";
        return sign == '+' ? "\033[32m" : "\033[33m";
}

void change_format_text(const struct change *c, const struct change_style *st,
                        struct strbuf *out)
{
        static const struct change_style plain;
        const char *t = (unsigned)c->kind < CHANGE_KINDS ? templates[c->kind]
                                                         : "?unknown change";

        if (!st)
                st = &plain;
        strbuf_addstr(out, "  ");
        if (st->colour)
                strbuf_addstr(out, colour_of(c, t[0]));
        strbuf_addch(out, t[0]);
        strbuf_addch(out, ' ');
        for (t++; *t; t++) {
                if (*t == '%' && t[1])
                        add_directive(c, *++t, st, out);
                else
                        strbuf_addch(out, *t);
        }
        if (st->colour)
                strbuf_addstr(out, "\033[m");
        strbuf_addch(out, '\n');
}

/* ---- JSON -----------------------------------------------------------------
 */

static void json_member(const char *name, const char *v, bool numeric,
                        struct strbuf *out)
{
        strbuf_addf(out, ",\"%s\":", name);
        if (!v)
                strbuf_addstr(out, "null");
        else if (numeric)
                strbuf_addstr(out, v);
        else
                strbuf_add_json_string(out, v, strlen(v));
}

/* ,"services":["a","b"]: the ids of the ", "-separated list s (NULL:
 * none). */
static void json_services(const char *s, struct strbuf *out)
{
        const char *end;
        size_t n;

        strbuf_addstr(out, ",\"services\":[");
        for (; s && *s; s = *end ? end + 2 : end) {
                end = strstr(s, ", ");
                end = end ? end : s + strlen(s);
                n = (size_t)(end - s);
                if (out->buf[out->len - 1] != '[')
                        strbuf_addch(out, ',');
                strbuf_add_json_string(out, s, n);
        }
        strbuf_addch(out, ']');
}

void change_format_json(const struct change *c, struct strbuf *out)
{
        char date[11];
        const char *name = change_kind_name(c->kind);

        strbuf_addstr(out, "{\"kind\":");
        strbuf_add_json_string(out, name, strlen(name));
        json_member("ministry", c->ministry, false, out);
        json_member("office", c->office, false, out);
        json_member("service", c->service, false, out);
        json_member("was", c->was, false, out);
        json_member("item", c->item, false, out);
        json_member("field", c->field, false, out);
        json_member("old", c->old_value, c->numeric, out);
        json_member("new", c->new_value, c->numeric, out);
        if (date_is_set(c->date))
                date_format_iso(c->date, date);
        json_member("date", date_is_set(c->date) ? date : NULL, false, out);
        json_member("note", c->note, false, out);
        if (c->kind == CHANGE_APPROVAL_STALE)
                json_services(c->new_value, out);
        strbuf_addch(out, '}');
}
