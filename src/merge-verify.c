/*
 * merge-verify: the merged document against the three-way rule, walked
 * again from the three versions and the merged one (not from the edits):
 * for every key and identity, the merged value is theirs where ours is
 * the base's, ours where theirs is the base's or both agree, merged
 * within where both changed mappings or keyed sequences, and ours (the
 * base's, for an ancestor) where both changed it otherwise: a conflict.
 * The conflicts counted here must be those the walk recorded.
 */
#include <stdlib.h>
#include <string.h>

#include "merge-internal.h"

struct vctx {
        struct merge *m;
        const struct yamldoc *md;
        size_t nconf;
        const struct ynode *bad; /* the first merged node that is wrong */
        const char *what;
};

static bool fail(struct vctx *v, const struct ynode *at, const char *what)
{
        if (!v->bad) {
                v->bad = at;
                v->what = what;
        }
        return false;
}

static bool expect(struct vctx *v, const struct ynode *mn,
                   const struct ynode *want, int shape, const struct ynode *at)
{
        if (merge_eq(mn, want, shape))
                return true;
        return fail(v, mn ? mn : at,
                    want ? "a value"
                         : "a value that should "
                           "be absent");
}

static bool is_map(const struct ynode *n)
{
        return n && n->kind == YNODE_MAPPING;
}

static bool seqish(const struct ynode *n, int shape)
{
        return n && SHAPE_IS_SEQ(shape) &&
               (n->kind == YNODE_SEQUENCE || merge_is_null(n));
}

static const struct ynode *get(const struct ynode *m, const char *key)
{
        return is_map(m) ? ynode_get(m, key, NULL) : NULL;
}

static bool vmap(struct vctx *v, const struct ynode *b, const struct ynode *o,
                 const struct ynode *t, const struct ynode *mn, int shape);
static bool vseq(struct vctx *v, const struct ynode *b, const struct ynode *o,
                 const struct ynode *t, const struct ynode *mn, int shape);

static bool vconflict(struct vctx *v, const struct ynode *b,
                      const struct ynode *o, const struct ynode *mn, int shape,
                      const struct ynode *at)
{
        v->nconf++;
        return expect(v, mn, v->m->o->ancestor ? b : o, shape, at);
}

static bool vvalue(struct vctx *v, const struct ynode *b, const struct ynode *o,
                   const struct ynode *t, const struct ynode *mn, int shape,
                   const struct ynode *at)
{
        if (seqish(o, shape) && seqish(t, shape) &&
            !(SHAPE_ITEM(shape) == SCHEMA_HISTORY &&
              (merge_eq(o, t, shape) || merge_eq(t, b, shape) ||
               merge_eq(o, b, shape))))
                return seqish(mn, shape) ? vseq(v, b, o, t, mn, shape)
                                         : fail(v, mn ? mn : at, "a list");
        if (merge_eq(o, t, shape) || merge_eq(t, b, shape))
                return expect(v, mn, o, shape, at);
        if (merge_eq(o, b, shape))
                return expect(v, mn, t, shape, at);
        if (is_map(o) && is_map(t) && !merge_two_approvals(b, o, t, shape))
                return is_map(mn) ? vmap(v, b, o, t, mn, shape)
                                  : fail(v, mn ? mn : at, "a mapping");
        return vconflict(v, b, o, mn, shape, at);
}

static bool vmap(struct vctx *v, const struct ynode *b, const struct ynode *o,
                 const struct ynode *t, const struct ynode *mn, int shape)
{
        size_t i;

        for (i = 0; i < o->n; i++) {
                const char *k = o->pairs[i].key->value;
                if (!vvalue(v, get(b, k), o->pairs[i].value, get(t, k),
                            get(mn, k), merge_child_shape(shape, k), mn))
                        return false;
        }
        for (i = 0; i < t->n; i++) {
                const char *k = t->pairs[i].key->value;
                if (!get(o, k) &&
                    !vvalue(v, get(b, k), NULL, t->pairs[i].value, get(mn, k),
                            merge_child_shape(shape, k), mn))
                        return false;
        }
        for (i = 0; i < mn->n; i++) {
                const char *k = mn->pairs[i].key->value;
                if (!get(o, k) && !get(t, k))
                        return fail(v, mn->pairs[i].key, "a key");
        }
        return true;
}

static int cmp_ptr_item(const void *pa, const void *pb)
{
        const struct mitem *a = *(const struct mitem *const *)pa;
        const struct mitem *b = *(const struct mitem *const *)pb;
        int c = memcmp(a->ident, b->ident, a->len < b->len ? a->len : b->len);

        return c ? c : (a->len > b->len) - (a->len < b->len);
}

/* The merged item of identity ident, or NULL. */
static struct mitem *find(struct mitem **s, size_t n, const char *ident,
                          size_t len)
{
        struct mitem key = {0}, *kp = &key, **hit;

        key.ident = (char *)ident;
        key.len = len;
        hit = bsearch(&kp, s, n, sizeof(*s), cmp_ptr_item);
        return hit ? *hit : NULL;
}

/* An unused merged item of ident but for its number among equal ones
 * (an item added beside an equal one removed is numbered anew), equal to
 * want when given; or NULL. */
static struct mitem *find_equal(struct mitem **s, size_t n, const char *ident,
                                size_t len, const struct ynode *want, int shape)
{
        const char *k = memchr(ident, '\x1e', len);
        size_t i, plen = k ? (size_t)(k - ident) + 1 : len;

        for (i = 0; i < n; i++)
                if (!s[i]->renamed && s[i]->len >= plen &&
                    !memcmp(s[i]->ident, ident, plen) &&
                    (!want || merge_eq(s[i]->n, want, SHAPE_ITEM(shape))))
                        return s[i];
        return NULL;
}

/* What the merged item of one identity must be: *want (NULL: absent), or
 * merged within (returns true). */
static bool trip_want(struct vctx *v, const struct ynode *b,
                      const struct ynode *o, const struct ynode *t, int item,
                      const struct ynode **want)
{
        bool anc = v->m->o->ancestor;

        *want = NULL;
        if (o && t && (merge_eq(o, t, item) || (b && merge_eq(t, b, item))))
                *want = o;
        else if (o && t && b && merge_eq(o, b, item))
                *want = t;
        else if (o && t && b)
                return true;
        else if (o && t)
                *want = (v->nconf++, anc ? NULL : o);
        else if (o && b)
                *want = merge_eq(o, b, item) ? NULL : (v->nconf++, anc ? b : o);
        else if (t && b)
                *want =
                    merge_eq(t, b, item) ? NULL : (v->nconf++, anc ? b : NULL);
        else
                *want = o ? o : t;
        return false;
}

/* The same for triple tr; a clash (merge-internal.h) is ours' item as
 * it is, or absent, and a conflict. */
static bool item_want(struct vctx *v, const struct mtriple *tr,
                      const struct ynode *const n[SIDE_COUNT], int shape,
                      const struct ynode **want)
{
        if (tr->keeper) {
                v->nconf++;
                *want = n[SIDE_OURS];
                return false;
        }
        return trip_want(v, n[SIDE_BASE], n[SIDE_OURS], n[SIDE_THEIRS],
                         (int)SHAPE_ITEM(shape), want);
}

static bool vtrip(struct vctx *v, const struct mtriple *tr, int shape,
                  struct mitem **ms, size_t nm, const struct ynode *mn)
{
        const struct ynode *n[SIDE_COUNT], *want;
        struct mitem *x;
        const char *ident;
        size_t len;
        bool within;
        int i;

        for (i = 0; i < SIDE_COUNT; i++)
                n[i] = tr->it[i] ? tr->it[i]->n : NULL;
        within = item_want(v, tr, n, shape, &want);
        if (!within && !want)
                return true;
        ident = merge_trip_ident(v->m, tr, shape, &len);
        x = find(ms, nm, ident, len);
        if (!x || x->renamed ||
            (!within && !merge_eq(x->n, want, (int)SHAPE_ITEM(shape))))
                x = find_equal(ms, nm, ident, len, want, shape);
        if (!x || x->renamed)
                return fail(v, mn, x ? "an item twice" : "a missing item");
        x->renamed = true; /* here: used */
        if (within)
                return vmap(v, n[SIDE_BASE], n[SIDE_OURS], n[SIDE_THEIRS], x->n,
                            (int)SHAPE_ITEM(shape));
        return expect(v, x->n, want, (int)SHAPE_ITEM(shape), mn);
}

static bool vseq(struct vctx *v, const struct ynode *b, const struct ynode *o,
                 const struct ynode *t, const struct ynode *mn, int shape)
{
        const struct ynode *seq[SIDE_COUNT] = {b, o, t};
        struct merge *m = v->m;
        struct mmatch mm;
        struct mitem *mi, **ms;
        size_t nm, i;

        merge_match(m, seq, shape, &mm);
        if (SHAPE_ITEM(shape) == SCHEMA_HISTORY &&
            merge_history_broken(m, &mm, seq))
                return vconflict(v, b, o, mn, shape, mn);
        mi = merge_side_items(m, mn, SHAPE_ITEM(shape), &nm);
        ms = arena_alloc(&m->arena, (nm + 1) * sizeof(*ms));
        for (i = 0; i < nm; i++)
                ms[i] = &mi[i];
        qsort(ms, nm, sizeof(*ms), cmp_ptr_item);
        for (i = 0; i < mm.ntrips; i++)
                if (!vtrip(v, &mm.trips[i], shape, ms, nm, mn))
                        return false;
        for (i = 0; i < nm; i++)
                if (!mi[i].renamed)
                        return fail(v, mi[i].n, "an extra item");
        return true;
}

int merge_verify(struct merge *m, const struct yamldoc *md)
{
        struct vctx v = {m, md, 0, NULL, NULL};
        const struct ynode *b = m->doc[SIDE_BASE]->root;
        int shape =
            m->o->kind == LOAD_OFFICE ? SCHEMA_OFFICE_FILE : SCHEMA_ROADMAP;

        if (vmap(&v, b, m->doc[SIDE_OURS]->root, m->doc[SIDE_THEIRS]->root,
                 md->root, shape) &&
            v.nconf == m->nconfs)
                return 0;
        diag_error(m->dl, md->path, v.bad ? v.bad->line : 0,
                   v.bad ? v.bad->col : 0,
                   "internal error: the merged file is not the three-way "
                   "merge of its versions (%s); nothing was written",
                   v.what ? v.what : "the conflicts differ");
        return -1;
}
