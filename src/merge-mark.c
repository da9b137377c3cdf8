/*
 * merge-mark: the markers of the conflicts (merge.h).  Each conflict's
 * region is the whole lines of its node -- from the line of its key or of
 * its item's '-' to the line of its last byte -- in the merged text, in
 * theirs and in the base.  A node that shares its first or last line with
 * another (flow style, the first key of an item) gives way to the node
 * that holds it; so do two conflicts whose regions overlap; the last
 * resort is the whole file.  A side that lacks the node has no lines; in
 * the merged text the markers then go after the sibling before it.
 */
#include <stdlib.h>
#include <string.h>

#include "merge-internal.h"
#include "roadmap/xalloc.h"

struct region {
        size_t s, e; /* whole lines [s, e) */
        bool have;   /* false: the side lacks it (no lines) */
};

struct block {
        const struct mstep *steps;
        size_t depth; /* the node of steps[0..depth); 0: the whole file */
        struct region r[SIDE_COUNT]; /* SIDE_OURS: in the merged text */
        size_t *confs;               /* indices into m->confs */
        size_t nconfs;
        bool dead; /* merged into another */
};

struct marker {
        struct merge *m;
        const struct yamldoc *md;
        const struct yamldoc *doc[SIDE_COUNT]; /* SIDE_OURS: md */
        const struct ynode *cache_seq;         /* find_item's last sequence */
        struct mitem **cache_items;            /* its items by identity */
        size_t cache_n;
};

/* ---- lines ------------------------------------------------------------- */

static size_t line_start(const struct yamldoc *d, size_t pos)
{
        while (pos > 0 && d->buf[pos - 1] != '\n')
                pos--;
        return pos;
}

/* The start of the line after the one holding byte last. */
static size_t line_after(const struct yamldoc *d, size_t last)
{
        const char *nl = memchr(d->buf + last, '\n', d->len - last);

        return nl ? (size_t)(nl - d->buf) + 1 : d->len;
}

static bool spaces_only(const struct yamldoc *d, size_t from, size_t to)
{
        for (; from < to; from++)
                if (d->buf[from] != ' ' && d->buf[from] != '\t')
                        return false;
        return true;
}

/* Only blanks and a comment after pos on its line. */
static bool rest_blank(const struct yamldoc *d, size_t pos)
{
        if (pos > 0 && d->buf[pos - 1] == '\n')
                return true;
        while (pos < d->len && (d->buf[pos] == ' ' || d->buf[pos] == '\t'))
                pos++;
        return pos == d->len || d->buf[pos] == '#' || d->buf[pos] == '\n' ||
               d->buf[pos] == '\r';
}

static size_t max_end(const struct ynode *n)
{
        size_t e = n->end, i, x;

        for (i = 0; i < n->n && n->kind != YNODE_SCALAR; i++) {
                x = max_end(n->kind == YNODE_MAPPING ? n->pairs[i].value
                                                     : n->items[i]);
                e = x > e ? x : e;
        }
        return e;
}

/* The '-' of block sequence item n, or (size_t)-1. */
static size_t dash_of(const struct yamldoc *d, const struct ynode *n)
{
        size_t p = n->start;

        while (p > 0 && strchr(" \t\r\n", d->buf[p - 1]))
                p--;
        return p > 0 && d->buf[p - 1] == '-' ? p - 1 : (size_t)-1;
}

/* The lines of key k (NULL: an item) with value v; -1 if they hold more. */
static int node_region(const struct yamldoc *d, const struct ynode *k,
                       const struct ynode *v, struct region *r)
{
        size_t start = k ? k->start : dash_of(d, v), end = max_end(v), ls;

        if (start == (size_t)-1)
                return -1;
        if (k && end < k->end)
                end = k->end;
        ls = line_start(d, start);
        if (!spaces_only(d, ls, start) || !rest_blank(d, end))
                return -1;
        r->s = ls;
        r->e = line_after(d, end > 0 ? end - 1 : 0);
        r->have = true;
        return 0;
}

/* ---- the merged text: nodes found by path ------------------------------ */

static int cmp_ident(const void *pa, const void *pb)
{
        const struct mitem *a = *(const struct mitem *const *)pa;
        const struct mitem *b = *(const struct mitem *const *)pb;
        int c = memcmp(a->ident, b->ident, a->len < b->len ? a->len : b->len);

        return c ? c : (a->len > b->len) - (a->len < b->len);
}

static const struct ynode *find_item(struct marker *mk, const struct ynode *seq,
                                     const struct mstep *st)
{
        struct mitem key, *kp = &key, **hit, *it;
        size_t i;

        if (!seq || seq->kind != YNODE_SEQUENCE)
                return NULL;
        if (mk->cache_seq != seq) {
                it = merge_side_items(mk->m, seq, SHAPE_ITEM(st->seqshape),
                                      &mk->cache_n);
                mk->cache_items =
                    arena_alloc(&mk->m->arena,
                                (mk->cache_n + 1) * sizeof(*mk->cache_items));
                for (i = 0; i < mk->cache_n; i++)
                        mk->cache_items[i] = &it[i];
                qsort(mk->cache_items, mk->cache_n, sizeof(*mk->cache_items),
                      cmp_ident);
                mk->cache_seq = seq;
        }
        memset(&key, 0, sizeof(key));
        key.ident = (char *)st->ident;
        key.len = st->identlen;
        hit = bsearch(&kp, mk->cache_items, mk->cache_n,
                      sizeof(*mk->cache_items), cmp_ident);
        return hit ? (*hit)->n : NULL;
}

/* Where the lines of the absent node of step st of parent go. */
static int placement(struct marker *mk, const struct ynode *parent,
                     const struct mstep *st, size_t *pos)
{
        const struct yamldoc *d = mk->md;
        const struct ynode *k = NULL, *v = NULL;
        struct mstep a = *st;
        struct region r;

        if (!parent || parent->flow || parent->kind == YNODE_SCALAR ||
            parent->n == 0)
                return -1;
        if (st->key && st->anchor) {
                v = ynode_get(parent, st->anchor, &k);
        } else if (st->key) {
                k = parent->pairs[0].key;
                v = parent->pairs[0].value;
        } else if (st->anchor) {
                a.ident = st->anchor;
                a.identlen = st->anchorlen;
                v = find_item(mk, parent, &a);
        } else {
                v = parent->items[0];
        }
        if (!v || node_region(d, k, v, &r) != 0)
                return -1;
        *pos = st->anchor ? r.e : r.s;
        return 0;
}

/* The node of steps[0..depth) in the merged text: 0 and its region; 1:
 * absent, with the place for its lines; -1: not found. */
static int merged_region(struct marker *mk, const struct mstep *st,
                         size_t depth, struct region *r)
{
        const struct ynode *cur = mk->md->root, *parent, *k = NULL;
        size_t i;

        for (i = 0; i < depth; i++) {
                parent = cur;
                k = NULL;
                if (st[i].key)
                        cur = parent && parent->kind == YNODE_MAPPING
                                  ? ynode_get(parent, st[i].key, &k)
                                  : NULL;
                else
                        cur = find_item(mk, parent, &st[i]);
                if (cur)
                        continue;
                if (i + 1 < depth || placement(mk, parent, &st[i], &r->s))
                        return -1;
                r->e = r->s;
                r->have = false;
                return 1;
        }
        return node_region(mk->md, k, cur, r);
}

static int side_region(struct marker *mk, const struct mstep *st, size_t depth,
                       int side, struct region *r)
{
        const struct mstep *last = &st[depth - 1];

        memset(r, 0, sizeof(*r));
        if (!last->node[side])
                return 0;
        return node_region(mk->doc[side], last->key ? last->knode[side] : NULL,
                           last->node[side], r);
}

static void whole_file(struct marker *mk, struct block *b)
{
        int i;

        b->depth = 0;
        for (i = 0; i < SIDE_COUNT; i++) {
                b->r[i].s = 0;
                b->r[i].e = mk->doc[i]->len;
                b->r[i].have = mk->doc[i]->len > 0;
        }
}

/* The block's regions at its depth, or at the first that holds them. */
static void block_region(struct marker *mk, struct block *b)
{
        for (; b->depth > 0; b->depth--) {
                if (merged_region(mk, b->steps, b->depth, &b->r[SIDE_OURS]) < 0)
                        continue;
                if (side_region(mk, b->steps, b->depth, SIDE_THEIRS,
                                &b->r[SIDE_THEIRS]) != 0)
                        continue;
                if (mk->m->o->style == MERGE_STYLE_DIFF3 &&
                    side_region(mk, b->steps, b->depth, SIDE_BASE,
                                &b->r[SIDE_BASE]) != 0)
                        continue;
                return;
        }
        whole_file(mk, b);
}

/* ---- overlaps ------------------------------------------------------------ */

static bool same_step(const struct mstep *a, const struct mstep *b)
{
        if (a->key || b->key)
                return a->key && b->key && !strcmp(a->key, b->key);
        return a->identlen == b->identlen &&
               !memcmp(a->ident, b->ident, a->identlen);
}

static bool overlap(const struct region *a, const struct region *b)
{
        if (!a->have || !b->have)
                return a->have ? b->s > a->s && b->s < a->e
                               : b->have && a->s > b->s && a->s < b->e;
        return a->s < b->e && b->s < a->e;
}

static bool blocks_overlap(const struct marker *mk, const struct block *a,
                           const struct block *b)
{
        bool diff3 = mk->m->o->style == MERGE_STYLE_DIFF3;

        return overlap(&a->r[SIDE_OURS], &b->r[SIDE_OURS]) ||
               overlap(&a->r[SIDE_THEIRS], &b->r[SIDE_THEIRS]) ||
               (diff3 && overlap(&a->r[SIDE_BASE], &b->r[SIDE_BASE])) ||
               (a->depth == b->depth && a->depth &&
                a->r[SIDE_OURS].s == b->r[SIDE_OURS].s &&
                a->r[SIDE_OURS].have && b->r[SIDE_OURS].have);
}

/* b joins a, both in the node that holds them. */
static void join_blocks(struct marker *mk, struct block *a, struct block *b)
{
        size_t d = 0, *c;

        while (d < a->depth && d < b->depth &&
               same_step(&a->steps[d], &b->steps[d]))
                d++;
        c = arena_alloc(&mk->m->arena, (a->nconfs + b->nconfs) * sizeof(*c));
        memcpy(c, a->confs, a->nconfs * sizeof(*c));
        memcpy(c + a->nconfs, b->confs, b->nconfs * sizeof(*c));
        a->confs = c;
        a->nconfs += b->nconfs;
        a->depth = d;
        b->dead = true;
        block_region(mk, a);
}

static _Thread_local int sweep_side;

/* Live blocks first, by the start of their region on sweep_side (an
 * insertion point before lines at the same place). */
static int cmp_start(const void *pa, const void *pb)
{
        const struct block *a = *(const struct block *const *)pa;
        const struct block *b = *(const struct block *const *)pb;
        const struct region *ra = &a->r[sweep_side], *rb = &b->r[sweep_side];

        if (a->dead != b->dead)
                return a->dead ? 1 : -1;
        if (ra->s != rb->s)
                return ra->s < rb->s ? -1 : 1;
        return (ra->have > rb->have) - (ra->have < rb->have);
}

/* One sweep of the blocks by their regions on side: each joins the one
 * before it that reaches furthest, if they overlap.  Returns whether any
 * joined. */
static bool sweep(struct marker *mk, struct block **p, size_t n, int side)
{
        struct block *cur = NULL;
        bool joined = false;
        size_t i;

        sweep_side = side;
        qsort(p, n, sizeof(*p), cmp_start);
        for (i = 0; i < n && !p[i]->dead; i++) {
                if (cur && blocks_overlap(mk, cur, p[i])) {
                        join_blocks(mk, cur, p[i]);
                        joined = true;
                } else if (!cur || !cur->r[side].have ||
                           p[i]->r[side].e > cur->r[side].e) {
                        cur = p[i];
                }
        }
        return joined;
}

/* Join overlapping blocks until none overlap: sweeps by start on each
 * side, O(n log n) each, again while a join (which may widen a block to
 * the node that holds it) happened. */
static void join_overlaps(struct marker *mk, struct block *bl, size_t n)
{
        struct block **p = xcalloc(n + 1, sizeof(*p));
        int sides = mk->m->o->style == MERGE_STYLE_DIFF3 ? 3 : 2;
        bool again = true;
        size_t i;
        int s;

        for (i = 0; i < n; i++)
                p[i] = &bl[i];
        while (again) {
                again = false;
                for (s = 0; s < sides; s++)
                        again |= sweep(mk, p, n,
                                       s == 0   ? SIDE_OURS
                                       : s == 1 ? SIDE_THEIRS
                                                : SIDE_BASE);
        }
        free(p);
}

/* ---- the text ------------------------------------------------------------ */

static int cmp_block(const void *pa, const void *pb)
{
        const struct block *a = pa, *b = pb;

        if (a->dead != b->dead)
                return a->dead ? 1 : -1;
        if (a->r[SIDE_OURS].s != b->r[SIDE_OURS].s)
                return a->r[SIDE_OURS].s < b->r[SIDE_OURS].s ? -1 : 1;
        if (a->r[SIDE_OURS].have != b->r[SIDE_OURS].have) /* lines go */
                return a->r[SIDE_OURS].have ? 1 : -1;     /* before a node */
        return (a->confs[0] > b->confs[0]) - (a->confs[0] < b->confs[0]);
}

/* The lines [s, e) of d, each ended by eol. */
static void put_lines(struct strbuf *out, const struct yamldoc *d,
                      const struct region *r, const char *eol)
{
        size_t p = r->s;

        while (r->have && p < r->e) {
                const char *nl = memchr(d->buf + p, '\n', r->e - p);
                size_t end = nl ? (size_t)(nl - d->buf) : r->e;
                size_t text = end;
                if (text > p && d->buf[text - 1] == '\r')
                        text--;
                strbuf_add(out, d->buf + p, text - p);
                strbuf_addstr(out, eol);
                p = nl ? end + 1 : r->e;
        }
}

static void put_marker(struct strbuf *out, const struct merge_opts *o, char c,
                       const char *label, const char *eol)
{
        int i, n = o->marker_size > 0 ? o->marker_size : 7;

        for (i = 0; i < n; i++)
                strbuf_addch(out, c);
        if (label)
                strbuf_addf(out, " %s", label);
        strbuf_addstr(out, eol);
}

/* The number of line ends in out from *from on; *from moves to its end. */
static size_t count_lines(const struct strbuf *out, size_t *from)
{
        size_t k = 0;

        for (; *from < out->len; (*from)++)
                k += out->buf[*from] == '\n';
        return k;
}

static void put_block(struct marker *mk, struct block *b, struct strbuf *out,
                      const char *eol)
{
        const struct merge_opts *o = mk->m->o;

        put_marker(out, o, '<', o->label_ours, eol);
        put_lines(out, mk->md, &b->r[SIDE_OURS], eol);
        if (o->style == MERGE_STYLE_DIFF3) {
                put_marker(out, o, '|', o->label_base, eol);
                put_lines(out, mk->doc[SIDE_BASE], &b->r[SIDE_BASE], eol);
        }
        put_marker(out, o, '=', NULL, eol);
        put_lines(out, mk->doc[SIDE_THEIRS], &b->r[SIDE_THEIRS], eol);
        put_marker(out, o, '>', o->label_theirs, eol);
}

/* The conflicts in the order of their markers (stable). */
static void sort_conflicts(struct merge_result *res)
{
        size_t i, j;

        for (i = 1; i < res->nconflicts; i++) {
                struct merge_conflict c = res->conflicts[i];
                for (j = i; j > 0 && res->conflicts[j - 1].line > c.line; j--)
                        res->conflicts[j] = res->conflicts[j - 1];
                res->conflicts[j] = c;
        }
}

static void write_out(struct marker *mk, struct block *bl, size_t n)
{
        struct strbuf *out = &mk->m->res->out;
        const char *eol = mk->md->crlf ? "\r\n" : "\n";
        size_t pos = 0, counted = 0, line = 1, i, j;

        strbuf_reset(out);
        for (i = 0; i < n && !bl[i].dead; i++) {
                struct block *b = &bl[i];
                strbuf_add(out, mk->md->buf + pos, b->r[SIDE_OURS].s - pos);
                line += count_lines(out, &counted);
                for (j = 0; j < b->nconfs; j++)
                        mk->m->res->conflicts[mk->m->confs[b->confs[j]].pub]
                            .line = (int)line;
                put_block(mk, b, out, eol);
                pos = b->r[SIDE_OURS].have ? b->r[SIDE_OURS].e
                                           : b->r[SIDE_OURS].s;
        }
        strbuf_add(out, mk->md->buf + pos, mk->md->len - pos);
}

int merge_mark(struct merge *m, const struct yamldoc *md)
{
        struct marker mk = {
            m, md, {m->doc[SIDE_BASE], md, m->doc[SIDE_THEIRS]}, NULL, NULL, 0};
        struct block *bl = xcalloc(m->nconfs + 1, sizeof(*bl));
        size_t i;

        for (i = 0; i < m->nconfs; i++) {
                bl[i].steps = m->confs[i].steps;
                bl[i].depth = m->confs[i].nsteps;
                bl[i].confs = arena_alloc(&m->arena, sizeof(size_t));
                bl[i].confs[0] = i;
                bl[i].nconfs = 1;
                block_region(&mk, &bl[i]);
        }
        join_overlaps(&mk, bl, m->nconfs);
        qsort(bl, m->nconfs, sizeof(*bl), cmp_block);
        write_out(&mk, bl, m->nconfs);
        free(bl);
        sort_conflicts(m->res);
        return 0;
}
