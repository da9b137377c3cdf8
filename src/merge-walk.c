/*
 * merge-walk: the three-way merge of mappings, key by key (merge.h): a
 * key one side changed takes that change, as edits on ours; a key both
 * changed is merged within when both values are mappings or keyed
 * sequences, else it is a conflict.
 */
#include <string.h>

#include "merge-internal.h"

static const struct ynode *get(const struct ynode *m, const char *key,
                               const struct ynode **k)
{
        *k = NULL;
        if (!m || m->kind != YNODE_MAPPING)
                return NULL;
        return ynode_get(m, key, k);
}

static bool is_map(const struct ynode *n)
{
        return n && n->kind == YNODE_MAPPING;
}

/* A keyed sequence's value: a sequence or a null. */
static bool seqish(const struct ynode *n, int shape)
{
        return n && SHAPE_IS_SEQ(shape) &&
               (n->kind == YNODE_SEQUENCE || merge_is_null(n));
}

static void check(struct merge *m, int rc)
{
        if (rc != 0)
                m->err = 1;
}

const char *const *merge_order(struct merge *m, int shape,
                               const struct ynode *t, const char *key)
{
        const char **order;
        size_t i;

        if (shape >= 0 && !SHAPE_IS_SEQ(shape) &&
            schema_key((enum schema_map)shape, key))
                return schema_key_order((enum schema_map)shape);
        if (!is_map(t))
                return NULL;
        order = arena_alloc(&m->arena, (t->n + 1) * sizeof(*order));
        for (i = 0; i < t->n; i++)
                order[i] = t->pairs[i].key->value;
        return order;
}

/* Ours' value of key in om (o) becomes theirs (t), ours being the base. */
static void take(struct merge *m, const struct ynode *om, const char *key,
                 const struct ynode *b, const struct ynode *o,
                 const struct ynode *t, int cs, const char *const *order)
{
        struct edit *e = &m->edit;

        if (!t)
                check(m, edit_delete(e, om, key, m->dl));
        else if (!o)
                check(m,
                      edit_set(e, om, key, yval_from_node(e, t), order, m->dl));
        else if (o->kind == YNODE_SCALAR && t->kind == YNODE_SCALAR &&
                 !seqish(o, cs))
                check(m,
                      edit_set(e, om, key, yval_from_node(e, t), NULL, m->dl));
        else if (is_map(o) && is_map(t))
                merge_map(m, b, o, t, cs);
        else if (seqish(o, cs) && seqish(t, cs))
                merge_seq(m, om, key, b, o, t, cs);
        else
                check(m, edit_replace_value(e, om, key, yval_from_node(e, t),
                                            m->dl));
}

void merge_set_to(struct merge *m, const struct ynode *om, const char *key,
                  const struct ynode *o, const struct ynode *v, int shape,
                  const char *const *order)
{
        if (merge_eq(o, v, shape))
                return;
        take(m, om, key, o, o, v, shape, order);
}

/* The key before key in theirs' mapping t that ours' o has, or NULL. */
static const char *anchor_key(const struct ynode *o, const struct ynode *t,
                              const char *key)
{
        const struct ynode *k;
        const char *prev = NULL;
        size_t i;

        for (i = 0; is_map(t) && i < t->n; i++) {
                if (ynode_is(t->pairs[i].key, key))
                        return prev;
                if (ynode_get(o, t->pairs[i].key->value, &k))
                        prev = t->pairs[i].key->value;
        }
        return prev;
}

static enum merge_conflict_kind conflict_kind(const struct ynode *b,
                                              const struct ynode *o,
                                              const struct ynode *t)
{
        if (!b)
                return MERGE_BOTH_ADDED;
        if (!o)
                return MERGE_OURS_REMOVED;
        if (!t)
                return MERGE_THEIRS_REMOVED;
        return MERGE_BOTH_CHANGED;
}

/* One key of mappings bm, om, tm (bm may be NULL). */
static void merge_key(struct merge *m, const struct ynode *bm,
                      const struct ynode *om, const struct ynode *tm,
                      const char *key, int shape)
{
        const struct ynode *k[SIDE_COUNT], *v[SIDE_COUNT];
        const struct ynode *b, *o, *t;
        int cs = merge_child_shape(shape, key);
        const char *const *order;
        struct mstep *st;

        v[SIDE_BASE] = b = get(bm, key, &k[SIDE_BASE]);
        v[SIDE_OURS] = o = get(om, key, &k[SIDE_OURS]);
        v[SIDE_THEIRS] = t = get(tm, key, &k[SIDE_THEIRS]);
        if (seqish(o, cs) && seqish(t, cs)) { /* matched item by item */
                merge_push_key(m, key, v, k);
                merge_seq(m, om, key, b, o, t, cs);
                merge_pop(m);
                return;
        }
        if (merge_eq(o, t, cs) || merge_eq(t, b, cs))
                return;
        st = merge_push_key(m, key, v, k);
        order = merge_order(m, shape, tm, key);
        if (merge_eq(o, b, cs)) {
                take(m, om, key, b, o, t, cs, order);
        } else if (is_map(o) && is_map(t) &&
                   !merge_two_approvals(b, o, t, cs)) {
                merge_map(m, b, o, t, cs);
        } else {
                if (!o)
                        st->anchor = anchor_key(om, tm, key);
                if (st->anchor)
                        st->anchorlen = strlen(st->anchor);
                merge_conflict(m, conflict_kind(b, o, t));
                if (m->o->ancestor)
                        merge_set_to(m, om, key, o, b, cs,
                                     merge_order(m, shape, bm, key));
        }
        merge_pop(m);
}

void merge_map(struct merge *m, const struct ynode *b, const struct ynode *o,
               const struct ynode *t, int shape)
{
        const struct ynode *k;
        size_t i;

        if (!is_map(b))
                b = NULL;
        for (i = 0; i < o->n; i++)
                merge_key(m, b, o, t, o->pairs[i].key->value, shape);
        for (i = 0; i < t->n; i++)
                if (!ynode_get(o, t->pairs[i].key->value, &k))
                        merge_key(m, b, o, t, t->pairs[i].key->value, shape);
}
