/*
 * yamldoc-subset: the rules of the YAML subset of roadmap(5) that libyaml
 * does not enforce: the raw pre-scan of the bytes, anchors and tags where
 * they are written, duplicate keys.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "roadmap/xalloc.h"
#include "yamldoc-internal.h"

/* ---- step 1: the raw pre-scan ------------------------------------------- */

size_t yamldoc_conflict_marker(const char *buf, size_t i, size_t len)
{
        char c;
        size_t k;

        if (i >= len || len - i < 7)
                return 0;
        c = buf[i];
        if (c != '<' && c != '|' && c != '=' && c != '>')
                return 0;
        for (k = 1; i + k < len && buf[i + k] == c; k++)
                ;
        if (k < 7)
                return 0;
        if (i + k < len && buf[i + k] != ' ' && buf[i + k] != '\n' &&
            buf[i + k] != '\r')
                return 0;
        return k;
}

enum prescan_seen {
        SEEN_UTF8 = 1,
        SEEN_NUL = 2,
        SEEN_CR = 4,
        SEEN_BREAK = 8,
        SEEN_MARKER = 16
};

/* The first conflict marker, at i, once: one error says the file is
 * conflicted; 'roadmap check' names each conflict. */
static void prescan_marker(struct reader *r, size_t i, unsigned *seen)
{
        if (*seen & SEEN_MARKER)
                return;
        *seen |= SEEN_MARKER;
        diag_hint(yamldoc_report_at(r, i,
                                    "unresolved merge conflict (git conflict "
                                    "marker '%.7s')",
                                    r->doc->buf + i),
                  "resolve it ('roadmap check' names each conflict), then "
                  "'git add' the file");
}

static void prescan_multibyte(struct reader *r, size_t *i, unsigned *seen)
{
        const unsigned char *b = (const unsigned char *)r->doc->buf;
        utf8proc_int32_t cp;
        utf8proc_ssize_t n;

        r->ascii = false;
        n = utf8proc_iterate(b + *i, (utf8proc_ssize_t)(r->doc->len - *i), &cp);
        if (n < 0) {
                if (!(*seen & SEEN_UTF8)) {
                        struct diag *d;
                        if (b[*i] < 0xc2 || b[*i] > 0xf4)
                                d = yamldoc_report_at(
                                    r, *i, "invalid UTF-8 byte 0x%02x", b[*i]);
                        else
                                d = yamldoc_report_at(
                                    r, *i,
                                    "invalid UTF-8 sequence "
                                    "starting with byte 0x%02x",
                                    b[*i]);
                        diag_hint(d, "save the file as UTF-8");
                }
                *seen |= SEEN_UTF8;
                *i += 1;
                return;
        }
        if ((cp == 0x85 || cp == 0x2028 || cp == 0x2029) &&
            !(*seen & SEEN_BREAK)) {
                *seen |= SEEN_BREAK;
                diag_hint(
                    yamldoc_report_at(r, *i,
                                      "line break character U+%04X is not "
                                      "allowed",
                                      (unsigned)cp),
                    "use LF or CRLF line ends");
        }
        *i += (size_t)n;
}

/* The pre-scan skips printable ASCII (0x0e..0x7f) without a look. */
static bool prescan_plain(unsigned char c)
{
        return (unsigned char)(c - 0x0e) < 0x72;
}

static void prescan_line_end(struct reader *r, size_t i, unsigned *seen,
                             bool *eol_seen)
{
        const unsigned char *b = (const unsigned char *)r->doc->buf;
        size_t len = r->doc->len;

        if (b[i] == '\n') {
                if (!*eol_seen)
                        r->doc->crlf = i > 0 && b[i - 1] == '\r';
                *eol_seen = true;
                if (i + 1 < len &&
                    yamldoc_conflict_marker(r->doc->buf, i + 1, len))
                        prescan_marker(r, i + 1, seen);
        } else if (b[i] == '\r' && (i + 1 == len || b[i + 1] != '\n')) {
                if (!(*seen & SEEN_CR))
                        diag_hint(
                            yamldoc_report_at(r, i,
                                              "carriage return without line "
                                              "feed is not allowed"),
                            "use LF or CRLF line ends");
                *seen |= SEEN_CR;
        } else if (b[i] == '\0') {
                if (!(*seen & SEEN_NUL))
                        yamldoc_report_at(r, i, "unexpected NUL byte");
                *seen |= SEEN_NUL;
        }
}

/* The first byte at or after i that is not printable ASCII. */
static size_t skip_plain(const unsigned char *b, size_t i, size_t len)
{
        const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
        uint64_t w;

        for (; i + 8 <= len; i += 8) { /* eight bytes at a time */
                memcpy(&w, b + i, 8);
                if (((w - ones * 0x0e) | w) & high)
                        break;
        }
        while (i < len && prescan_plain(b[i]))
                i++;
        return i;
}

/* Returns the number of problems found. */
size_t yamldoc_prescan(struct reader *r)
{
        const unsigned char *b = (const unsigned char *)r->doc->buf;
        size_t len = r->doc->len, i = r->doc->bom, before = r->nerr;
        bool eol_seen = false;
        unsigned seen = 0;

        if (yamldoc_conflict_marker(r->doc->buf, i, len))
                prescan_marker(r, i, &seen);
        while (i < len && !r->stop) {
                i = skip_plain(b, i, len);
                if (i >= len)
                        break;
                if (b[i] >= 0x80) {
                        prescan_multibyte(r, &i, &seen);
                        continue;
                }
                prescan_line_end(r, i, &seen, &eol_seen);
                i++;
        }
        return r->nerr - before;
}

bool yamldoc_is_space(unsigned char c)
{
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool ends_property(unsigned char c, bool flow)
{
        return c == '\0' || yamldoc_is_space(c) ||
               (flow &&
                (c == ',' || c == '[' || c == ']' || c == '{' || c == '}'));
}

/* Skip spaces, line breaks and comments between node properties. */
static size_t skip_separation(const unsigned char *b, size_t i, size_t len)
{
        while (i < len) {
                if (yamldoc_is_space(b[i]))
                        i++;
                else if (b[i] == '#')
                        i = yamldoc_line_end(b, i, len);
                else
                        break;
        }
        return i;
}

static size_t tag_length(const unsigned char *b, size_t i, size_t len,
                         bool flow)
{
        size_t j = i + 1;

        if (j < len && b[j] == '<') {
                while (j < len && b[j] != '>' && !yamldoc_is_space(b[j]))
                        j++;
                return (j < len && b[j] == '>' ? j + 1 : j) - i;
        }
        while (j < len && !ends_property(b[j], flow))
                j++;
        return j - i;
}

/* Report the anchor and tag of the node starting at offset, where they are. */
void yamldoc_check_properties(struct reader *r, size_t at, const char *anchor,
                              const char *tag)
{
        const unsigned char *b = (const unsigned char *)r->doc->buf;
        size_t len = r->doc->len, i = at, n = 0;
        bool flow, saw_anchor = false, saw_tag = false;
        int k;

        if (!anchor && !tag)
                return;
        flow = yamldoc_in_flow(r);
        for (k = 0; k < 2 && i < len; k++) {
                i = skip_separation(b, i, len);
                if (i < len && b[i] == '&' && anchor && !saw_anchor) {
                        n = 1 + strlen(anchor);
                        yamldoc_report_at(r, i,
                                          "anchors are not allowed ('&%.*s%s')",
                                          yamldoc_shown(anchor, n - 1), anchor,
                                          yamldoc_ellipsis(n - 1));
                        saw_anchor = true;
                } else if (i < len && b[i] == '!' && tag && !saw_tag) {
                        n = tag_length(b, i, len, flow);
                        yamldoc_report_at(
                            r, i, "tags are not allowed ('%.*s%s')",
                            yamldoc_shown((const char *)b + i, n),
                            (const char *)b + i, yamldoc_ellipsis(n));
                        saw_tag = true;
                } else {
                        break;
                }
                i += n;
        }
        if (anchor && !saw_anchor)
                yamldoc_report_at(r, at, "anchors are not allowed ('&%.*s%s')",
                                  yamldoc_shown(anchor, strlen(anchor)), anchor,
                                  yamldoc_ellipsis(strlen(anchor)));
        if (tag && !saw_tag)
                yamldoc_report_at(r, at, "tags are not allowed ('%.*s%s')",
                                  yamldoc_shown(tag, strlen(tag)), tag,
                                  yamldoc_ellipsis(strlen(tag)));
}

static bool same_key(const struct ynode *a, const struct ynode *b)
{
        return a->kind == YNODE_SCALAR && b->kind == YNODE_SCALAR &&
               a->len == b->len && memcmp(a->value, b->value, a->len) == 0;
}

static void report_duplicate(struct reader *r, const struct ynode *dup,
                             const struct ynode *first)
{
        yamldoc_report_at(r, dup->start,
                          "duplicate key '%.*s%s' (first at line %d)",
                          yamldoc_shown(dup->value, dup->len), dup->value,
                          yamldoc_ellipsis(dup->len), first->line);
}

static size_t key_hash(const struct ynode *k)
{
        uint64_t h = 1469598103934665603u;
        size_t i;

        for (i = 0; i < k->len; i++)
                h = (h ^ (unsigned char)k->value[i]) * 1099511628211u;
        return (size_t)(h ^ (h >> 29));
}

static void check_duplicates_hashed(struct reader *r, const struct ynode *m)
{
        size_t cap = 1, i, mask;

        while (cap < 2 * m->n)
                cap <<= 1;
        if (r->capslots < cap) {
                free(r->slots);
                r->slots = xmalloc(cap * sizeof(*r->slots));
                r->capslots = cap;
        }
        memset(r->slots, 0, cap * sizeof(*r->slots));
        mask = cap - 1;
        for (i = 0; i < m->n; i++) {
                const struct ynode *k = m->pairs[i].key;
                size_t h;
                if (k->kind != YNODE_SCALAR)
                        continue;
                for (h = key_hash(k) & mask; r->slots[h]; h = (h + 1) & mask)
                        if (same_key(m->pairs[r->slots[h] - 1].key, k))
                                break;
                if (r->slots[h])
                        report_duplicate(r, k, m->pairs[r->slots[h] - 1].key);
                else
                        r->slots[h] = i + 1;
        }
}

void yamldoc_check_duplicates(struct reader *r, const struct ynode *m)
{
        size_t i, j;

        if (m->n > YAMLDOC_DUP_LINEAR) {
                check_duplicates_hashed(r, m);
                return;
        }
        for (i = 1; i < m->n; i++) {
                for (j = 0; j < i; j++) {
                        if (same_key(m->pairs[i].key, m->pairs[j].key)) {
                                report_duplicate(r, m->pairs[i].key,
                                                 m->pairs[j].key);
                                break;
                        }
                }
        }
}
