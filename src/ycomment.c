/*
 * ycomment: the comments of a YAML text.  See ycomment.h.
 */
#include "roadmap/ycomment.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

/* libyaml's marks count characters: a cursor turns them into byte offsets
 * (moving either way, as the marks of the tokens libyaml inserts, such as
 * KEY, may lie before the end of the token before them). */
struct cursor {
        const unsigned char *b;
        size_t len, bi, ci;
};

static size_t cursor_byte(struct cursor *c, size_t ci)
{
        while (c->ci < ci && c->bi < c->len) {
                unsigned char u = c->b[c->bi];
                c->bi += u < 0x80 ? 1 : u < 0xe0 ? 2 : u < 0xf0 ? 3 : 4;
                c->ci++;
        }
        while (c->ci > ci && c->bi > 0) {
                do
                        c->bi--;
                while (c->bi > 0 && (c->b[c->bi] & 0xc0) == 0x80);
                c->ci--;
        }
        return c->bi < c->len ? c->bi : c->len;
}

/* The comment whose '#' is at b[i], up to the line's end or to; returns
 * where its line's text ends. */
static size_t add(struct ycomments *cs, const char *b, size_t i, size_t to)
{
        size_t e = i;

        while (e < to && b[e] != '\n' && b[e] != '\r')
                e++;
        cs->items = xgrow(cs->items, &cs->cap, cs->n + 1, sizeof(*cs->items));
        cs->items[cs->n].at = i;
        cs->items[cs->n].end = e;
        cs->n++;
        return e;
}

/* Between two tokens there is only white space and comments. */
static void scan_gap(struct ycomments *cs, const char *b, size_t from,
                     size_t to)
{
        size_t i = from;

        while (i < to)
                i = b[i] == '#' ? add(cs, b, i, to) : i + 1;
}

/* The header line of a block scalar, from its '|' or '>': indicators,
 * blanks, and maybe a comment. */
static void scan_header(struct ycomments *cs, const char *b, size_t from,
                        size_t to)
{
        size_t i = from + 1;

        while (i < to && b[i] && strchr("+-0123456789", b[i]))
                i++;
        while (i < to && (b[i] == ' ' || b[i] == '\t'))
                i++;
        if (i < to && b[i] == '#')
                add(cs, b, i, to);
}

static bool block_scalar(const yaml_token_t *t)
{
        return t->type == YAML_SCALAR_TOKEN &&
               (t->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                t->data.scalar.style == YAML_FOLDED_SCALAR_STYLE);
}

void ycomments_find(const char *buf, size_t len, struct ycomments *out)
{
        size_t bom = len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
        struct cursor cur = {(const unsigned char *)buf + bom, len - bom, 0, 0};
        size_t pos = 0, s, e; /* byte offsets from buf + bom */
        bool done = false;
        yaml_parser_t p;
        yaml_token_t t;

        if (!yaml_parser_initialize(&p))
                return;
        yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
        yaml_parser_set_input_string(&p, cur.b, cur.len);
        while (!done && yaml_parser_scan(&p, &t)) {
                done =
                    t.type == YAML_STREAM_END_TOKEN || t.type == YAML_NO_TOKEN;
                s = cursor_byte(&cur, t.start_mark.index);
                e = cursor_byte(&cur, t.end_mark.index);
                if (s > pos)
                        scan_gap(out, buf, bom + pos, bom + s);
                if (block_scalar(&t) && s >= pos)
                        scan_header(out, buf, bom + s, bom + e);
                pos = e > pos ? e : pos;
                yaml_token_delete(&t);
        }
        if (done && pos < len - bom)
                scan_gap(out, buf, bom + pos, len);
        yaml_parser_delete(&p);
}

void ycomments_release(struct ycomments *c)
{
        free(c->items);
        *c = (struct ycomments)YCOMMENTS_INIT;
}

/* ---- comments as a multiset of texts ----------------------------------- */

void ycomment_set_read(const char *b, size_t len, struct ycomment_set *cs)
{
        struct ycomments found = YCOMMENTS_INIT;
        struct ycomment_text *c;
        size_t i;

        ycomments_find(b, len, &found);
        for (i = 0; i < found.n; i++) {
                cs->items = xgrow(cs->items, &cs->cap, cs->n + 1, sizeof(*c));
                c = &cs->items[cs->n];
                c->s = b + found.items[i].at;
                c->n = found.items[i].end - found.items[i].at;
                while (c->n > 1 &&
                       (c->s[c->n - 1] == ' ' || c->s[c->n - 1] == '\t'))
                        c->n--;
                c->at = cs->n++;
                c->common = false;
        }
        ycomments_release(&found);
}

static int cmp_text(const struct ycomment_text *a,
                    const struct ycomment_text *b)
{
        int c = memcmp(a->s, b->s, a->n < b->n ? a->n : b->n);

        if (c || a->n == b->n)
                return c;
        return a->n < b->n ? -1 : 1;
}

static int cmp_comment(const void *pa, const void *pb)
{
        const struct ycomment_text *a =
            *(const struct ycomment_text *const *)pa;
        const struct ycomment_text *b =
            *(const struct ycomment_text *const *)pb;
        int c = cmp_text(a, b);

        if (c)
                return c;
        return a->at < b->at ? -1 : a->at > b->at;
}

static struct ycomment_text **sorted_comments(struct ycomment_set *cs)
{
        struct ycomment_text **s = xcalloc(cs->n + 1, sizeof(*s));
        size_t i;

        for (i = 0; i < cs->n; i++)
                s[i] = &cs->items[i];
        qsort(s, cs->n, sizeof(*s), cmp_comment);
        return s;
}

void ycomment_set_mark_common(struct ycomment_set *a, struct ycomment_set *b)
{
        struct ycomment_text **sa = sorted_comments(a),
                             **sb = sorted_comments(b);
        size_t i = 0, j = 0;

        while (i < a->n && j < b->n) {
                int c;
                if (sa[i]->common || sb[j]->common) {
                        i += sa[i]->common;
                        j += sb[j]->common;
                        continue;
                }
                c = cmp_text(sa[i], sb[j]);
                if (!c)
                        sa[i]->common = sb[j]->common = true;
                i += c <= 0;
                j += c >= 0;
        }
        free(sa);
        free(sb);
}

char *ycomment_set_unmarked(const struct ycomment_set *cs)
{
        struct strbuf sb = STRBUF_INIT;
        size_t i;

        for (i = 0; i < cs->n; i++) {
                if (cs->items[i].common)
                        continue;
                if (sb.len)
                        strbuf_addch(&sb, '\n');
                strbuf_add(&sb, cs->items[i].s, cs->items[i].n);
        }
        return sb.len ? strbuf_detach(&sb, NULL) : NULL;
}

void ycomment_set_release(struct ycomment_set *cs)
{
        free(cs->items);
        cs->items = NULL;
        cs->n = cs->cap = 0;
}
