/*
 * merge-match: the items of the three versions of a keyed sequence
 * matched by identity -- sorted, so O(n log n) -- with a service renamed
 * on one side taking the identity of its base, history entries of one
 * date and status matched by content first, and services that would end
 * with one id found (clashes).
 */
#include <stdlib.h>
#include <string.h>

#include "merge-internal.h"

static size_t seq_len(const struct ynode *n)
{
        return n && n->kind == YNODE_SEQUENCE ? n->n : 0;
}

static int cmp_bytes(const char *a, size_t na, const char *b, size_t nb)
{
        int c = memcmp(a, b, na < nb ? na : nb);

        return c ? c : (na > nb) - (na < nb);
}

static int cmp_item(const void *pa, const void *pb)
{
        const struct mitem *a = *(const struct mitem *const *)pa;
        const struct mitem *b = *(const struct mitem *const *)pb;
        int c = cmp_bytes(a->ident, a->len, b->ident, b->len);

        return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}

static struct mitem **sorted(struct merge *m, struct mitem *it, size_t n)
{
        struct mitem **p = arena_alloc(&m->arena, (n + 1) * sizeof(*p));
        size_t i;

        for (i = 0; i < n; i++)
                p[i] = &it[i];
        qsort(p, n, sizeof(*p), cmp_item);
        return p;
}

/* Give the k-th of equal identities its own: ident "\x1e" k. */
static void number_equal(struct merge *m, struct mitem *it, size_t n)
{
        struct mitem **p = sorted(m, it, n);
        size_t *k = arena_alloc(&m->arena, (n + 1) * sizeof(*k));
        struct strbuf sb = STRBUF_INIT;
        size_t i;

        for (i = 1; i < n; i++)
                if (!cmp_bytes(p[i]->ident, p[i]->len, p[i - 1]->ident,
                               p[i - 1]->len))
                        k[i] = k[i - 1] + 1;
        for (i = 0; i < n; i++) {
                strbuf_reset(&sb);
                strbuf_add(&sb, p[i]->ident, p[i]->len);
                strbuf_addf(&sb, "\x1e%zu", k[i]);
                p[i]->rawlen = p[i]->len;
                p[i]->ident = arena_strndup(&m->arena, sb.buf, sb.len);
                p[i]->len = sb.len;
        }
        strbuf_release(&sb);
}

static struct mitem *side_items(struct merge *m, const struct ynode *seq,
                                enum schema_map item, size_t *np)
{
        size_t n = seq_len(seq), i;
        struct mitem *it = arena_alloc(&m->arena, (n + 1) * sizeof(*it));

        for (i = 0; i < n; i++) {
                it[i].n = seq->items[i];
                it[i].idx = i;
                it[i].ident = merge_ident(m, it[i].n, item, &it[i].len);
        }
        number_equal(m, it, n);
        *np = n;
        return it;
}

static bool has_ident(struct mitem **s, size_t n, const struct mitem *x)
{
        size_t lo = 0, hi = n;

        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                int c = cmp_bytes(s[mid]->ident, s[mid]->len, x->ident, x->len);
                if (c == 0)
                        return true;
                if (c < 0)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        return false;
}

struct cand {
        unsigned long h;
        struct mitem *it;
        bool taken;
};

static int cmp_cand(const void *pa, const void *pb)
{
        const struct cand *a = pa, *b = pb;

        return a->h < b->h ? -1 : a->h > b->h;
}

/* The first base service not taken that equals a but for its id. */
static struct cand *find_renamed(struct cand *c, size_t n, struct mitem *a)
{
        unsigned long h = merge_hash(a->n, SCHEMA_SERVICE, "id");
        size_t lo = 0, hi = n;

        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (c[mid].h < h)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        for (; lo < n && c[lo].h == h; lo++)
                if (!c[lo].taken &&
                    merge_eq_except(c[lo].it->n, a->n, SCHEMA_SERVICE, "id"))
                        return &c[lo];
        return NULL;
}

/* Services of side s that are base services renamed take their identity. */
static void find_renames(struct merge *m, struct mmatch *mm, int s)
{
        size_t nb = mm->n[SIDE_BASE], ns = mm->n[s], nc = 0, i;
        struct mitem **bs = sorted(m, mm->items[SIDE_BASE], nb);
        struct mitem **ss = sorted(m, mm->items[s], ns);
        struct cand *c = arena_alloc(&m->arena, (nb + 1) * sizeof(*c));
        struct cand *r;

        for (i = 0; i < nb; i++) {
                struct mitem *it = &mm->items[SIDE_BASE][i];
                if (has_ident(ss, ns, it))
                        continue;
                c[nc].it = it;
                c[nc++].h = merge_hash(it->n, SCHEMA_SERVICE, "id");
        }
        qsort(c, nc, sizeof(*c), cmp_cand);
        for (i = 0; nc && i < ns; i++) {
                struct mitem *it = &mm->items[s][i];
                if (has_ident(bs, nb, it) || !(r = find_renamed(c, nc, it)))
                        continue;
                r->taken = true;
                it->ident = r->it->ident;
                it->len = r->it->len;
                it->renamed = true;
        }
}

static void set_number(struct merge *m, struct mitem *x, size_t k)
{
        struct strbuf sb = STRBUF_INIT;

        strbuf_add(&sb, x->ident, x->rawlen);
        strbuf_addf(&sb, "\x1e%zu", k);
        x->ident = arena_strndup(&m->arena, sb.buf, sb.len);
        x->len = sb.len;
        strbuf_release(&sb);
}

/* The largest group of equal identities numbered by content. */
#define GROUP_MAX 64

/* Items s[0..ns) of one identity (in their order) against the base's
 * b[0..nb): an item equal to a base item takes its number, the others
 * the numbers left, in order, then new ones. */
static void number_group(struct merge *m, struct mitem **b, size_t nb,
                         struct mitem **s, size_t ns)
{
        bool used[GROUP_MAX] = {false}, done[GROUP_MAX] = {false};
        size_t i, j, next = 0, extra = nb;

        if (nb > GROUP_MAX || ns > GROUP_MAX || (nb < 2 && ns < 2))
                return;
        for (j = 0; j < ns; j++)
                for (i = 0; i < nb && !done[j]; i++)
                        if (!used[i] &&
                            merge_eq(b[i]->n, s[j]->n, SCHEMA_HISTORY)) {
                                used[i] = done[j] = true;
                                set_number(m, s[j], i);
                        }
        for (j = 0; j < ns; j++) {
                if (done[j])
                        continue;
                while (next < nb && used[next])
                        next++;
                set_number(m, s[j], next < nb ? next++ : extra++);
        }
}

static int cmp_raw(const void *pa, const void *pb)
{
        const struct mitem *a = *(const struct mitem *const *)pa;
        const struct mitem *b = *(const struct mitem *const *)pb;
        int c = cmp_bytes(a->ident, a->rawlen, b->ident, b->rawlen);

        return c ? c : (a->idx > b->idx) - (a->idx < b->idx);
}

static int cmp_raw_eq(const struct mitem *a, const struct mitem *b)
{
        return cmp_bytes(a->ident, a->rawlen, b->ident, b->rawlen);
}

static struct mitem **by_raw(struct merge *m, struct mitem *it, size_t n)
{
        struct mitem **p = sorted(m, it, n);

        qsort(p, n, sizeof(*p), cmp_raw);
        return p;
}

/* History entries of side s with equal identities (date and status) are
 * matched to the base's by content first, then by position. */
static void number_by_base(struct merge *m, struct mmatch *mm, int s)
{
        size_t nb = mm->n[SIDE_BASE], ns = mm->n[s], i = 0, j = 0, i2, j2;
        struct mitem **b = by_raw(m, mm->items[SIDE_BASE], nb);
        struct mitem **x = by_raw(m, mm->items[s], ns);

        while (j < ns) {
                int c = i < nb ? cmp_bytes(b[i]->ident, b[i]->rawlen,
                                           x[j]->ident, x[j]->rawlen)
                               : 1;
                if (c < 0) {
                        i++;
                        continue;
                }
                for (j2 = j; j2 < ns && !cmp_raw_eq(x[j2], x[j]); j2++)
                        ;
                for (i2 = i; c == 0 && i2 < nb && !cmp_raw_eq(b[i2], x[j]);
                     i2++)
                        ;
                number_group(m, b + i, c == 0 ? i2 - i : 0, x + j, j2 - j);
                i = c == 0 ? i2 : i;
                j = j2;
        }
}

/* The triples: each identity with its item on each side. */
static void join(struct merge *m, struct mmatch *mm)
{
        struct mitem **s[SIDE_COUNT];
        size_t at[SIDE_COUNT] = {0}, total = 0;
        int i;

        for (i = 0; i < SIDE_COUNT; i++) {
                s[i] = sorted(m, mm->items[i], mm->n[i]);
                total += mm->n[i];
        }
        mm->trips = arena_alloc(&m->arena, (total + 1) * sizeof(*mm->trips));
        mm->ntrips = 0;
        for (;;) {
                struct mitem *min = NULL;
                for (i = 0; i < SIDE_COUNT; i++)
                        if (at[i] < mm->n[i] &&
                            (!min ||
                             cmp_bytes(s[i][at[i]]->ident, s[i][at[i]]->len,
                                       min->ident, min->len) < 0))
                                min = s[i][at[i]];
                if (!min)
                        break;
                for (i = 0; i < SIDE_COUNT; i++) {
                        struct mitem *x = at[i] < mm->n[i] ? s[i][at[i]] : NULL;
                        if (!x || cmp_bytes(x->ident, x->len, min->ident,
                                            min->len) != 0)
                                continue;
                        mm->trips[mm->ntrips].it[i] = x;
                        x->trip = mm->ntrips;
                        at[i]++;
                }
                mm->ntrips++;
        }
}

struct tident {
        const char *s;
        size_t len;
        struct mtriple *tr;
};

static int cmp_tident(const void *pa, const void *pb)
{
        const struct tident *a = pa, *b = pb;

        return cmp_bytes(a->s, a->len, b->s, b->len);
}

/* Whether ours' item of tr has the identity x (its id). */
static bool ours_holds(const struct mtriple *tr, const struct tident *x)
{
        const struct mitem *o = tr->it[SIDE_OURS];

        return o && o->rawlen + 2 == x->len &&
               !memcmp(o->ident, x->s, o->rawlen);
}

/* Services that would end with one id (renamed by one side to an id the
 * other added, or two renamed to one): the one ours holds under it keeps
 * it, the others are clashes. */
static void find_clashes(struct merge *m, struct mmatch *mm)
{
        struct tident *t =
            arena_alloc(&m->arena, (mm->ntrips + 1) * sizeof(*t));
        size_t i, j, k;

        for (i = 0; i < mm->ntrips; i++) {
                t[i].tr = &mm->trips[i];
                t[i].s = merge_trip_ident(
                    m, t[i].tr, SHAPE_SEQ + SCHEMA_SERVICE, &t[i].len);
        }
        qsort(t, mm->ntrips, sizeof(*t), cmp_tident);
        for (i = 0; i < mm->ntrips; i = j) {
                size_t keep = i;
                for (j = i + 1; j < mm->ntrips && !cmp_tident(&t[i], &t[j]);
                     j++)
                        if (ours_holds(t[j].tr, &t[j]))
                                keep = j;
                for (k = i; j - i > 1 && k < j; k++)
                        if (k != keep)
                                t[k].tr->keeper = t[keep].tr;
        }
}

void merge_match(struct merge *m, const struct ynode *const seq[SIDE_COUNT],
                 int shape, struct mmatch *mm)
{
        int i;

        for (i = 0; i < SIDE_COUNT; i++)
                mm->items[i] =
                    side_items(m, seq[i], SHAPE_ITEM(shape), &mm->n[i]);
        if (SHAPE_ITEM(shape) == SCHEMA_HISTORY) {
                number_by_base(m, mm, SIDE_OURS);
                number_by_base(m, mm, SIDE_THEIRS);
        }
        if (SHAPE_ITEM(shape) == SCHEMA_SERVICE) {
                find_renames(m, mm, SIDE_OURS);
                find_renames(m, mm, SIDE_THEIRS);
        }
        join(m, mm);
        if (SHAPE_ITEM(shape) == SCHEMA_SERVICE)
                find_clashes(m, mm);
}

static bool same_id(const struct ynode *a, const struct ynode *b)
{
        size_t na, nb;
        const char *sa = merge_field(a, "id", &na);
        const char *sb = merge_field(b, "id", &nb);

        return !cmp_bytes(sa, na, sb, nb);
}

/* The item whose id the merged service has (merge_trip_ident). */
static const struct ynode *id_source(struct merge *m, const struct ynode *b,
                                     const struct ynode *o,
                                     const struct ynode *t)
{
        if (o && t) {
                if (same_id(o, t))
                        return o;
                if (b && same_id(o, b))
                        return t;
                if (b && same_id(t, b))
                        return o;
                return m->o->ancestor && b ? b : o;
        }
        if (o) /* theirs removed it: an ancestor takes the base's */
                return m->o->ancestor && b ? b : o;
        return b ? b : t;
}

const char *merge_trip_ident(struct merge *m, const struct mtriple *tr,
                             int shape, size_t *len)
{
        const struct ynode *n[SIDE_COUNT];
        struct strbuf sb = STRBUF_INIT;
        const char *s;
        int i;

        for (i = 0; i < SIDE_COUNT; i++)
                n[i] = tr->it[i] ? tr->it[i]->n : NULL;
        if (SHAPE_ITEM(shape) != SCHEMA_SERVICE) {
                const struct mitem *x = tr->it[SIDE_OURS] ? tr->it[SIDE_OURS]
                                        : tr->it[SIDE_THEIRS]
                                            ? tr->it[SIDE_THEIRS]
                                            : tr->it[SIDE_BASE];
                *len = x->len;
                return x->ident;
        }
        s = merge_ident(
            m,
            tr->keeper && n[SIDE_OURS]
                ? n[SIDE_OURS]
                : id_source(m, n[SIDE_BASE], n[SIDE_OURS], n[SIDE_THEIRS]),
            SCHEMA_SERVICE, len);
        strbuf_add(&sb, s, *len);
        strbuf_addstr(&sb, "\x1e"
                           "0");
        s = arena_strndup(&m->arena, sb.buf, sb.len);
        *len = sb.len;
        strbuf_release(&sb);
        return s;
}

struct mitem *merge_side_items(struct merge *m, const struct ynode *seq,
                               enum schema_map item, size_t *np)
{
        return side_items(m, seq, item, np);
}
