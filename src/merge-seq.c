/*
 * merge-seq: keyed sequences (merge.h).  The items of the three versions
 * are matched by identity (merge-match.c); each identity is then merged,
 * removed, added (theirs after ours, in their order; plan history in date
 * order) or a conflict.
 */
#include <stdlib.h>
#include <string.h>

#include "merge-internal.h"
#include "roadmap/model.h"

static size_t seq_len(const struct ynode *n)
{
        return n && n->kind == YNODE_SEQUENCE ? n->n : 0;
}

static int cmp_bytes(const char *a, size_t na, const char *b, size_t nb)
{
        int c = memcmp(a, b, na < nb ? na : nb);

        return c ? c : (na > nb) - (na < nb);
}

/* ---- one keyed sequence ------------------------------------------------ */

struct seqctx {
        struct merge *m;
        const struct ynode *om, *o; /* ours' mapping and sequence */
        const char *key;
        int shape;
        struct mmatch mm;
        bool *removed; /* ours' items the merge removes */
        bool *readd;   /* triples whose base item an ancestor puts back */
};

static const struct ynode *node_of(const struct mtriple *tr, int side)
{
        return tr->it[side] ? tr->it[side]->n : NULL;
}

static bool item_eq(const struct seqctx *c, const struct ynode *a,
                    const struct ynode *b)
{
        return merge_eq(a, b, SHAPE_ITEM(c->shape));
}

/* Which of ours' items go. */
static void mark_removed(struct seqctx *c)
{
        size_t i;

        c->removed = arena_alloc(&c->m->arena,
                                 (seq_len(c->o) + 1) * sizeof(*c->removed));
        for (i = 0; i < c->mm.ntrips; i++) {
                const struct mtriple *tr = &c->mm.trips[i];
                const struct ynode *b = node_of(tr, SIDE_BASE),
                                   *o = node_of(tr, SIDE_OURS),
                                   *t = node_of(tr, SIDE_THEIRS);
                if (!o)
                        continue;
                if ((b && !t && item_eq(c, o, b)) ||
                    (c->m->o->ancestor && !b && t && !item_eq(c, o, t)))
                        c->removed[tr->it[SIDE_OURS]->idx] = true;
        }
}

static int cmp_date(const struct ynode *a, const struct ynode *b)
{
        size_t na, nb;
        const char *sa = merge_field(a, "date", &na);
        const char *sb = merge_field(b, "date", &nb);

        return cmp_bytes(sa, na, sb, nb);
}

/* Where a new history entry t goes in ours: after every entry dated on
 * or before it, then past the entries the merge removes. */
static size_t history_index(const struct seqctx *c, const struct ynode *t)
{
        size_t lo = 0, hi = seq_len(c->o), n = hi;

        while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (cmp_date(c->o->items[mid], t) <= 0)
                        lo = mid + 1;
                else
                        hi = mid;
        }
        while (lo < n && c->removed[lo])
                lo++;
        return lo;
}

static void add_item(struct seqctx *c, const struct ynode *n)
{
        struct edit *e = &c->m->edit;
        struct yval *v = yval_from_node(e, n);
        size_t at = seq_len(c->o);
        int rc;

        if (SHAPE_ITEM(c->shape) == SCHEMA_HISTORY)
                at = history_index(c, n);
        if (at < seq_len(c->o))
                rc = edit_insert_item(e, c->om, c->key, at, v, c->m->dl);
        else
                rc = edit_append(e, c->om, c->key, v, NULL, c->m->dl);
        if (rc != 0)
                c->m->err = 1;
}

struct hentry {
        const struct ynode *n;
        bool added;
};

/* Entry b may not follow entry a among added entries: an earlier date,
 * anything after dropped, or a status not after a's (the CLI refuses a
 * move to the same status). */
static bool goes_back(const struct ynode *a, const struct ynode *b)
{
        size_t la, lb;
        enum status sa = STATUS_PLANNED, sb = STATUS_PLANNED;
        const char *x = merge_field(a, "status", &la);
        const char *y = merge_field(b, "status", &lb);

        status_parse(x, &sa);
        status_parse(y, &sb);
        if (cmp_date(b, a) < 0)
                return true;
        return sa == STATUS_DROPPED || (sb != STATUS_DROPPED && sb <= sa);
}

static bool order_broken(const struct hentry *h, size_t n)
{
        size_t i = 0;

        while (i < n && !h[i].added)
                i++;
        for (i = i ? i : 1; i < n; i++)
                if (goes_back(h[i - 1].n, h[i].n))
                        return true;
        return false;
}

/* The history as the walk merges it: ours' entries that stay, with
 * theirs' new ones where history_index puts them; *added: how many new
 * on each side. */
static struct hentry *merged_history(struct seqctx *c, size_t *np)
{
        const struct mmatch *mm = &c->mm;
        size_t no = seq_len(c->o), j, k = 0, n = 0;
        struct hentry *h = arena_alloc(
            &c->m->arena, (no + mm->n[SIDE_THEIRS] + 1) * sizeof(*h));

        for (j = 0; j <= no; j++) {
                for (; k < mm->n[SIDE_THEIRS]; k++) {
                        const struct mitem *t = &mm->items[SIDE_THEIRS][k];
                        const struct mtriple *tr = &mm->trips[t->trip];
                        if (node_of(tr, SIDE_BASE) || node_of(tr, SIDE_OURS))
                                continue;
                        if (history_index(c, t->n) != j)
                                break;
                        h[n].n = t->n;
                        h[n++].added = true;
                }
                if (j == no || c->removed[j])
                        continue;
                h[n].n = c->o->items[j];
                h[n++].added = !node_of(
                    &mm->trips[mm->items[SIDE_OURS][j].trip], SIDE_BASE);
        }
        *np = n;
        return h;
}

/* Whether side s added an entry; removed one that the other side kept;
 * has the base's entries out of the base's order. */
static bool side_added(const struct mmatch *mm, int s)
{
        size_t j;

        for (j = 0; j < mm->n[s]; j++)
                if (!mm->trips[mm->items[s][j].trip].it[SIDE_BASE])
                        return true;
        return false;
}

static bool side_removed(const struct mmatch *mm, int s)
{
        size_t j;

        for (j = 0; j < mm->ntrips; j++)
                if (mm->trips[j].it[SIDE_BASE] && !mm->trips[j].it[s] &&
                    mm->trips[j].it[SIDE_OURS + SIDE_THEIRS - s])
                        return true;
        return false;
}

static bool side_reordered(const struct mmatch *mm, int s)
{
        size_t j, last = 0;
        bool first = true;

        for (j = 0; j < mm->n[s]; j++) {
                const struct mitem *b =
                    mm->trips[mm->items[s][j].trip].it[SIDE_BASE];
                if (!b)
                        continue;
                if (!first && b->idx < last)
                        return true;
                first = false;
                last = b->idx;
        }
        return false;
}

/* A history changed on both sides that does not merge: entries added on
 * both sides that break the status order once merged; entries removed on
 * one side (an undo, an amend) and added on the other; entries theirs
 * reordered (the walk keeps our order). */
static bool history_broken(struct seqctx *c, const struct ynode *b,
                           const struct ynode *t)
{
        const struct mmatch *mm = &c->mm;
        bool ours = side_added(mm, SIDE_OURS),
             theirs = side_added(mm, SIDE_THEIRS);
        struct hentry *h;
        size_t n;

        if ((ours && side_removed(mm, SIDE_THEIRS)) ||
            (theirs && side_removed(mm, SIDE_OURS)))
                return true;
        if (side_reordered(mm, SIDE_THEIRS) && !merge_eq(c->o, b, c->shape) &&
            !merge_eq(c->o, t, c->shape))
                return true;
        if (!ours || !theirs)
                return false;
        h = merged_history(c, &n);
        return order_broken(h, n);
}

/* Ours' history is the base's and the walk's item by item merge would
 * not give theirs (theirs reordered entries, or put one before an entry
 * of its date): theirs' history replaces ours whole. */
static bool history_taken(struct seqctx *c, const struct ynode *b,
                          const struct ynode *t)
{
        struct edit *e = &c->m->edit;
        struct hentry *h;
        size_t i, n;

        if (!merge_eq(c->o, b, c->shape) || merge_eq(t, b, c->shape))
                return false;
        h = merged_history(c, &n);
        for (i = 0; i < n && i < seq_len(t); i++)
                if (!item_eq(c, h[i].n, t->items[i]))
                        break;
        if (i == n && n == seq_len(t))
                return false;
        if (edit_replace_value(e, c->om, c->key, yval_from_node(e, t),
                               c->m->dl) != 0)
                c->m->err = 1;
        return true;
}

/* The item before theirs' item t (in their order) that the merged text
 * has: where the markers of t go when ours removed it. */
static void set_anchor(struct seqctx *c, struct mstep *st,
                       const struct mitem *t)
{
        size_t i = t->idx;

        while (i-- > 0) {
                const struct mitem *p = &c->mm.items[SIDE_THEIRS][i];
                const struct mtriple *tr = &c->mm.trips[p->trip];
                if (node_of(tr, SIDE_OURS)) {
                        st->anchor = merge_trip_ident(c->m, tr, c->shape,
                                                      &st->anchorlen);
                        return;
                }
        }
}

static struct mstep *push_trip(struct seqctx *c, const struct mtriple *tr)
{
        const struct ynode *n[SIDE_COUNT];
        const char *ident;
        size_t len;
        int i;

        for (i = 0; i < SIDE_COUNT; i++)
                n[i] = node_of(tr, i);
        ident = merge_trip_ident(c->m, tr, c->shape, &len);
        return merge_push_item(c->m, c->shape, n, ident, len);
}

/* One identity that ours has, or that ours removed. */
static void merge_trip(struct seqctx *c, const struct mtriple *tr, size_t ti)
{
        struct merge *m = c->m;
        const struct ynode *b = node_of(tr, SIDE_BASE),
                           *o = node_of(tr, SIDE_OURS),
                           *t = node_of(tr, SIDE_THEIRS);
        enum schema_map item = SHAPE_ITEM(c->shape);
        struct mstep *st;

        if (tr->keeper)
                return;
        if (!o && !(b && t && !item_eq(c, t, b)))
                return;
        if (o && !b && !t)
                return;
        if (o && t && (item_eq(c, o, t) || (b && item_eq(c, t, b))))
                return;
        if (o && b && !t && item_eq(c, o, b)) {
                if (edit_remove(&m->edit, c->om, c->key, tr->it[SIDE_OURS]->idx,
                                m->dl) != 0)
                        m->err = 1;
                return;
        }
        st = push_trip(c, tr);
        if (o && b && t) {
                merge_map(m, b, o, t, (int)item);
        } else if (o && b) {
                merge_conflict(m, MERGE_THEIRS_REMOVED);
                if (m->o->ancestor)
                        merge_map(m, o, o, b, (int)item);
        } else if (o) {
                merge_conflict(m, MERGE_BOTH_ADDED);
                if (m->o->ancestor &&
                    edit_remove(&m->edit, c->om, c->key, tr->it[SIDE_OURS]->idx,
                                m->dl) != 0)
                        m->err = 1;
        } else {
                set_anchor(c, st, tr->it[SIDE_THEIRS]);
                merge_conflict(m, MERGE_OURS_REMOVED);
                c->readd[ti] = m->o->ancestor;
        }
        merge_pop(m);
}

/* A line for res->notes when theirs reordered the items both it and the
 * base have. */
static void note_reordered(struct seqctx *c)
{
        const struct mmatch *mm = &c->mm;
        size_t i, last = 0;
        bool first = true;

        if (SHAPE_ITEM(c->shape) == SCHEMA_HISTORY)
                return;
        for (i = 0; i < mm->n[SIDE_THEIRS]; i++) {
                const struct mitem *b =
                    mm->trips[mm->items[SIDE_THEIRS][i].trip].it[SIDE_BASE];
                if (!b)
                        continue;
                if (!first && b->idx < last) {
                        strbuf_addf(&c->m->res->notes,
                                    "%s reordered by theirs: our order is "
                                    "kept\n",
                                    c->key);
                        return;
                }
                first = false;
                last = b->idx;
        }
}

/* The id that clash tr would take (theirs') is the keeper's: both
 * services as added under it. */
static void conflict_clash(struct seqctx *c, const struct mtriple *tr)
{
        const struct ynode *n[SIDE_COUNT] = {NULL, NULL, NULL};
        const char *ident;
        size_t len;

        n[SIDE_OURS] = node_of(tr->keeper, SIDE_OURS);
        n[SIDE_THEIRS] = node_of(tr, SIDE_THEIRS);
        ident = merge_trip_ident(c->m, tr->keeper, c->shape, &len);
        merge_push_item(c->m, c->shape, n, ident, len);
        merge_conflict(c->m, MERGE_BOTH_ADDED);
        merge_pop(c->m);
}

static void conflict_history(struct seqctx *c, const struct ynode *b)
{
        merge_conflict(c->m, MERGE_HISTORY);
        if (c->m->o->ancestor)
                merge_set_to(c->m, c->om, c->key, c->o, b, c->shape, NULL);
}

void merge_seq(struct merge *m, const struct ynode *om, const char *key,
               const struct ynode *b, const struct ynode *o,
               const struct ynode *t, int shape)
{
        const struct ynode *seq[SIDE_COUNT] = {b, o, t};
        struct seqctx c;
        size_t i;

        memset(&c, 0, sizeof(c));
        c.m = m;
        c.om = om;
        c.o = o;
        c.key = key;
        c.shape = shape;
        merge_match(m, seq, shape, &c.mm);
        mark_removed(&c);
        if (SHAPE_ITEM(shape) == SCHEMA_HISTORY && history_broken(&c, b, t)) {
                conflict_history(&c, b);
                return;
        }
        if (SHAPE_ITEM(shape) == SCHEMA_HISTORY && history_taken(&c, b, t))
                return;
        note_reordered(&c);
        if (SHAPE_ITEM(shape) == SCHEMA_SERVICE)
                merge_note_names(m, &c.mm);
        c.readd = arena_alloc(&m->arena, (c.mm.ntrips + 1) * sizeof(bool));
        for (i = 0; i < c.mm.ntrips; i++)
                merge_trip(&c, &c.mm.trips[i], i);
        for (i = 0; i < c.mm.n[SIDE_THEIRS]; i++) {
                const struct mitem *x = &c.mm.items[SIDE_THEIRS][i];
                const struct mtriple *tr = &c.mm.trips[x->trip];
                if (!tr->it[SIDE_BASE] && !tr->it[SIDE_OURS] && !tr->keeper)
                        add_item(&c, x->n);
        }
        for (i = 0; i < c.mm.ntrips; i++)
                if (c.mm.trips[i].keeper)
                        conflict_clash(&c, &c.mm.trips[i]);
        for (i = 0; i < c.mm.n[SIDE_BASE]; i++) {
                const struct mitem *x = &c.mm.items[SIDE_BASE][i];
                if (c.readd[x->trip])
                        add_item(&c, x->n);
        }
}

bool merge_history_broken(struct merge *m, const struct mmatch *mm,
                          const struct ynode *const seq[SIDE_COUNT])
{
        struct seqctx c;

        memset(&c, 0, sizeof(c));
        c.m = m;
        c.o = seq[SIDE_OURS];
        c.shape = SHAPE_SEQ + SCHEMA_HISTORY;
        c.mm = *mm;
        mark_removed(&c);
        return history_broken(&c, seq[SIDE_BASE], seq[SIDE_THEIRS]);
}
