#include "roadmap/memo.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <utf8proc.h>

#include "roadmap/bangla.h"

struct layout {
        enum memo_format format;
        int ngroups;
        int width[MEMO_MAX_GROUPS];
};

static const struct layout layouts[] = {
    {MEMO_2008, 7, {2, 3, 3, 2, 2, 3, 4}},
    {MEMO_2014, 7, {2, 2, 4, 3, 2, 3, 2}},
    {MEMO_2014_WIDE, 7, {2, 2, 4, 3, 3, 3, 4}},
    {MEMO_2024, 8, {2, 2, 4, 3, 3, 2, 4, 2}},
};

#define NLAYOUTS (sizeof(layouts) / sizeof(layouts[0]))
#define FORMATS_HELP                                                           \
        "(2008: 2.3.3.2.2.3.4, 2014: 2.2.4.3.2.3.2 or 2.2.4.3.3.3.4, "         \
        "2024: 2.2.4.3.3.2.4.2)"
/* groups as read: the file number's, and a serial written after a '.' */
#define MAX_READ (MEMO_MAX_GROUPS + 1)
#define PART_OPEN "(অংশ-"

static _Thread_local char why_buf[200];

static const char *reason(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static const char *reason(const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vsnprintf(why_buf, sizeof(why_buf), fmt, ap);
        va_end(ap);
        return why_buf;
}

const char *memo_format_name(enum memo_format f)
{
        switch (f) {
        case MEMO_2008:
                return "2008";
        case MEMO_2014:
                return "2014";
        case MEMO_2014_WIDE:
                return "2014 (wide)";
        case MEMO_2024:
                return "2024";
        }
        return "?";
}

int memo_format_digits(enum memo_format f)
{
        size_t i;
        int g, sum = 0;

        for (i = 0; i < NLAYOUTS; i++)
                if (layouts[i].format == f)
                        for (g = 0; g < layouts[i].ngroups; g++)
                                sum += layouts[i].width[g];
        return sum;
}

/* ------------------------------------------------------------------ */
/* Reading                                                             */

struct cursor {
        const char *s;
        size_t n, i;
        bool ascii, bengali; /* digit sets seen */
};

/* Read a run of digits as ASCII into buf (room for max + 1); returns the
 * length of the run, which may exceed max (only max are kept). */
static size_t read_digits(struct cursor *c, char *buf, size_t max)
{
        size_t count = 0, len;
        int v;

        while ((v = bangla_digit_at(c->s + c->i, c->n - c->i, &len)) >= 0) {
                if (count < max)
                        buf[count] = (char)('0' + v);
                count++;
                c->i += len;
                if (len == 1)
                        c->ascii = true;
                else
                        c->bengali = true;
        }
        buf[count < max ? count : max] = '\0';
        return count;
}

static bool at(const struct cursor *c, const char *lit)
{
        size_t n = strlen(lit);

        return c->n - c->i >= n && memcmp(c->s + c->i, lit, n) == 0;
}

static bool take(struct cursor *c, const char *lit)
{
        if (!at(c, lit))
                return false;
        c->i += strlen(lit);
        return true;
}

/* The character at the cursor, for a message. */
static const char *char_at(const struct cursor *c)
{
        static _Thread_local char buf[8];
        utf8proc_int32_t cp;
        utf8proc_ssize_t len;

        len = utf8proc_iterate((const utf8proc_uint8_t *)c->s + c->i,
                               (utf8proc_ssize_t)(c->n - c->i), &cp);
        if (len < 1 || cp < 0x20 || cp == 0x7f)
                len = 1;
        memcpy(buf, c->s + c->i, (size_t)len);
        buf[len] = '\0';
        if (cp < 0x20 || cp == 0x7f)
                snprintf(buf, sizeof(buf), "\\x%02x",
                         (unsigned char)c->s[c->i]);
        return buf;
}

static int unexpected(const struct cursor *c, const char *where,
                      const char **why)
{
        if (c->i >= c->n)
                *why = reason("nothing %s", where);
        else
                *why = reason("unexpected '%s' %s", char_at(c), where);
        return -1;
}

/* A number of 1..MEMO_MAX_DIGITS digits into buf. */
static int read_number(struct cursor *c, char *buf, const char *where,
                       const char **why)
{
        size_t len = read_digits(c, buf, MEMO_MAX_DIGITS);

        if (len == 0)
                return unexpected(c, where, why);
        if (len > MEMO_MAX_DIGITS) {
                *why = reason("more than %d digits %s", MEMO_MAX_DIGITS, where);
                return -1;
        }
        return 0;
}

struct reading {
        char group[MAX_READ][MEMO_MAX_DIGITS + 1];
        size_t width[MAX_READ];
        int ngroups;
};

static int read_groups(struct cursor *c, struct reading *r, const char **why)
{
        char where[32];

        for (r->ngroups = 0;; r->ngroups++) {
                if (r->ngroups == MAX_READ) {
                        *why = reason("a memo number has 7 groups (2008, "
                                      "2014) or 8 (2024), not %d or more",
                                      MAX_READ + 1);
                        return -1;
                }
                snprintf(where, sizeof(where), "in group %d", r->ngroups + 1);
                r->width[r->ngroups] =
                    read_digits(c, r->group[r->ngroups], MEMO_MAX_DIGITS);
                if (r->width[r->ngroups] == 0)
                        return unexpected(c, where, why);
                if (!take(c, "."))
                        break;
        }
        r->ngroups++;
        return 0;
}

static int read_tail(struct cursor *c, struct memo *m, const char **why)
{
        if (take(c, " " PART_OPEN) || take(c, PART_OPEN)) {
                if (read_number(c, m->part, "in the file part", why) < 0)
                        return -1;
                if (!take(c, ")"))
                        return unexpected(c, "in the file part", why);
        }
        if (take(c, "-")) {
                m->serial_sep = '-';
                if (read_number(c, m->serial, "after '-'", why) < 0)
                        return -1;
        }
        if (take(c, "/")) {
                if (read_number(c, m->forward, "after '/'", why) < 0)
                        return -1;
                if (take(c, "(")) {
                        if (read_number(c, m->forward_to, "after '('", why) < 0)
                                return -1;
                        if (!take(c, ")"))
                                return unexpected(c, "after the copy count",
                                                  why);
                }
        }
        if (c->i < c->n)
                return unexpected(c, "after the memo number", why);
        return 0;
}

static bool widths_match(const struct reading *r, const struct layout *l)
{
        int g;

        for (g = 0; g < l->ngroups; g++)
                if (r->width[g] != (size_t)l->width[g])
                        return false;
        return true;
}

static void widths_text(const struct reading *r, char *buf, size_t size)
{
        size_t used = 0;
        int g;

        buf[0] = '\0';
        for (g = 0; g < r->ngroups && used < size; g++)
                used += (size_t)snprintf(buf + used, size - used, "%s%zu",
                                         g ? "." : "", r->width[g]);
}

/* Which layout the groups follow; a group after the file number is the
 * serial, written after a '.'. */
static int classify(const struct reading *r, struct memo *m, const char **why)
{
        char widths[64];
        size_t i;
        int g;

        for (i = 0; i < NLAYOUTS; i++) {
                const struct layout *l = &layouts[i];
                bool dotted = r->ngroups == l->ngroups + 1 && !m->serial_sep &&
                              !m->part[0];

                if ((r->ngroups != l->ngroups && !dotted) ||
                    !widths_match(r, l))
                        continue;
                m->format = l->format;
                m->ngroups = l->ngroups;
                for (g = 0; g < l->ngroups; g++)
                        memcpy(m->group[g], r->group[g], 5);
                if (dotted) {
                        if (r->width[l->ngroups] > MEMO_MAX_DIGITS) {
                                *why = "serial too long";
                                return -1;
                        }
                        m->serial_sep = '.';
                        memcpy(m->serial, r->group[l->ngroups],
                               sizeof(m->serial));
                }
                return 0;
        }
        if (r->ngroups < 7 || r->ngroups > 9) {
                *why = reason("a memo number has 7 groups (2008, 2014) or "
                              "8 (2024), not %d",
                              r->ngroups);
                return -1;
        }
        widths_text(r, widths, sizeof(widths));
        *why = reason("group widths %s match no format " FORMATS_HELP, widths);
        return -1;
}

static int read_memo(const char *s, size_t n, struct memo *m, const char **why)
{
        struct cursor c = {s, n, 0, false, false};
        struct reading r;

        if (n == 0) {
                *why = "empty memo number";
                return -1;
        }
        memset(&r, 0, sizeof(r)); /* groups are copied whole, NULs too */
        if (read_groups(&c, &r, why) < 0 || read_tail(&c, m, why) < 0)
                return -1;
        if (c.ascii && c.bengali) {
                *why = "mixes Bengali and ASCII digits";
                return -1;
        }
        m->bengali = c.bengali;
        return classify(&r, m, why);
}

int memo_parse(const char *s, size_t n, struct memo *out, const char **why)
{
        struct strbuf nfc;
        struct memo m;
        int rc;

        while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
                n--;
        while (n > 0 && (*s == ' ' || *s == '\t')) {
                s++;
                n--;
        }
        strbuf_init(&nfc);
        if (bangla_nfc(s, n, &nfc) < 0) {
                strbuf_release(&nfc);
                *why = "not valid UTF-8";
                return -1;
        }
        memset(&m, 0, sizeof(m));
        rc = read_memo(nfc.buf, nfc.len, &m, why);
        strbuf_release(&nfc);
        if (rc == 0)
                *out = m;
        return rc;
}

/* ------------------------------------------------------------------ */
/* Writing                                                             */

static void add_number(struct strbuf *out, const char *digits, bool bengali)
{
        if (bengali)
                bangla_digits(digits, strlen(digits), out);
        else
                strbuf_addstr(out, digits);
}

void memo_format(const struct memo *m, bool bengali, struct strbuf *out)
{
        int g;

        for (g = 0; g < m->ngroups; g++) {
                if (g)
                        strbuf_addch(out, '.');
                add_number(out, m->group[g], bengali);
        }
        if (m->part[0]) {
                strbuf_addstr(out, " " PART_OPEN);
                add_number(out, m->part, bengali);
                strbuf_addch(out, ')');
        }
        if (m->serial_sep) {
                strbuf_addch(out, m->serial_sep);
                add_number(out, m->serial, bengali);
        }
        if (m->forward[0]) {
                strbuf_addch(out, '/');
                add_number(out, m->forward, bengali);
                if (m->forward_to[0]) {
                        strbuf_addch(out, '(');
                        add_number(out, m->forward_to, bengali);
                        strbuf_addch(out, ')');
                }
        }
}
