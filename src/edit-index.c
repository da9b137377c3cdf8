/*
 * edit-index: the edit's intents by the node they change, so that every
 * question the apply and verify steps ask ("is this key deleted?", "which
 * items go before item i?", "is a value around this node replaced?") is
 * one hash lookup instead of a scan of every intent.
 *
 * A chain holds, in the order they were given, the ops of one kind on one
 * node, either all of them (linked by next_kind) or those of one key
 * (INSERT, DELETE) or of one item index (REMOVE, ITEM) (linked by
 * next_tag).  A mark chain (no ops) says an op changes the node or a node
 * under it.  Chains live in the edit's arena; the table is malloc'd and
 * freed by edit_release().  edit_group_sorted() gives one chain as an
 * array in another order (inserts by place, items by index).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "edit-internal.h"
#include "roadmap/xalloc.h"

enum tag { TAG_ALL, TAG_KEY, TAG_INDEX, TAG_MARK };

struct op_chain {
        const struct ynode *node;
        int kind;
        enum tag tag;
        const char *key; /* TAG_KEY */
        size_t klen;
        size_t index; /* TAG_INDEX */
        size_t hash;
        struct edit_op *first, *last;
};

struct edit_index {
        struct op_chain **slots;
        size_t cap, n; /* cap: a power of two */
        size_t values; /* OP_VALUE ops */
};

struct probe {
        const struct ynode *node;
        int kind;
        enum tag tag;
        const char *key;
        size_t klen, index;
};

static size_t hash_probe(const struct probe *p)
{
        uint64_t h = (uint64_t)(uintptr_t)p->node * 0x9e3779b97f4a7c15u;
        size_t i;

        h ^= (uint64_t)(p->kind * 8 + (int)p->tag) + 0x632be59bd9b4e019u;
        if (p->tag == TAG_INDEX)
                h ^= (uint64_t)p->index * 0xff51afd7ed558ccdu;
        for (i = 0; p->tag == TAG_KEY && i < p->klen; i++)
                h = (h ^ (unsigned char)p->key[i]) * 0x100000001b3u;
        return (size_t)(h ^ (h >> 29));
}

static bool matches(const struct op_chain *c, const struct probe *p,
                    size_t hash)
{
        return c->hash == hash && c->node == p->node && c->kind == p->kind &&
               c->tag == p->tag &&
               (p->tag != TAG_INDEX || c->index == p->index) &&
               (p->tag != TAG_KEY ||
                (c->klen == p->klen && memcmp(c->key, p->key, p->klen) == 0));
}

/* The slot of the chain for p, or of the empty slot where it would go. */
static struct op_chain **find_slot(const struct edit_index *x,
                                   const struct probe *p, size_t hash)
{
        size_t i = hash & (x->cap - 1);

        while (x->slots[i] && !matches(x->slots[i], p, hash))
                i = (i + 1) & (x->cap - 1);
        return &x->slots[i];
}

static struct op_chain *lookup(const struct edit *e, const struct probe *p)
{
        if (!e->index || e->index->n == 0)
                return NULL;
        return *find_slot(e->index, p, hash_probe(p));
}

static void grow(struct edit_index *x)
{
        struct op_chain **old = x->slots;
        size_t i, oldcap = x->cap;

        x->cap = oldcap ? oldcap * 2 : 64;
        x->slots = xcalloc(x->cap, sizeof(*x->slots));
        for (i = 0; i < oldcap; i++) {
                size_t j = old[i] ? old[i]->hash & (x->cap - 1) : 0;
                if (!old[i])
                        continue;
                while (x->slots[j])
                        j = (j + 1) & (x->cap - 1);
                x->slots[j] = old[i];
        }
        free(old);
}

/* The chain for p, made if new; *made tells which. */
static struct op_chain *get_chain(struct edit *e, const struct probe *p,
                                  bool *made)
{
        struct edit_index *x = e->index;
        size_t hash = hash_probe(p);
        struct op_chain **slot;

        if ((x->n + 1) * 2 > x->cap)
                grow(x);
        slot = find_slot(x, p, hash);
        *made = !*slot;
        if (*slot)
                return *slot;
        *slot = arena_alloc(&e->arena, sizeof(**slot));
        (*slot)->node = p->node;
        (*slot)->kind = p->kind;
        (*slot)->tag = p->tag;
        (*slot)->key = p->key;
        (*slot)->klen = p->klen;
        (*slot)->index = p->index;
        (*slot)->hash = hash;
        x->n++;
        return *slot;
}

static enum tag tag_of(enum op_kind kind)
{
        if (kind == OP_INSERT || kind == OP_DELETE)
                return TAG_KEY;
        if (kind == OP_REMOVE || kind == OP_ITEM)
                return TAG_INDEX;
        return TAG_ALL;
}

static void link_op(struct edit *e, struct edit_op *op, enum tag tag)
{
        struct probe p = {op->node, (int)op->kind, tag, op->key, 0, op->index};
        struct op_chain *c;
        bool made;

        if (tag == TAG_KEY)
                p.klen = strlen(op->key);
        c = get_chain(e, &p, &made);
        if (!c->first)
                c->first = op;
        else if (tag == TAG_ALL)
                c->last->next_kind = op;
        else
                c->last->next_tag = op;
        c->last = op;
}

void edit_index_add(struct edit *e, struct edit_op *op)
{
        struct probe p = {NULL, -1, TAG_MARK, NULL, 0, 0};
        const struct ynode *n;
        bool made = true;

        if (!e->index) {
                e->index = arena_alloc(&e->arena, sizeof(*e->index));
                grow(e->index);
        }
        e->index->values += op->kind == OP_VALUE;
        link_op(e, op, TAG_ALL);
        if (tag_of(op->kind) != TAG_ALL)
                link_op(e, op, tag_of(op->kind));
        for (n = op->node; n && made; n = n->parent) {
                p.node = n; /* marked nodes have marked parents */
                get_chain(e, &p, &made);
        }
}

void edit_index_release(struct edit *e)
{
        if (e->index)
                free(e->index->slots);
        e->index = NULL;
}

struct edit_op *edit_ops_on(const struct edit *e, enum op_kind kind,
                            const struct ynode *node)
{
        struct probe p = {node, (int)kind, TAG_ALL, NULL, 0, 0};
        struct op_chain *c = lookup(e, &p);

        return c ? c->first : NULL;
}

struct edit_op *edit_ops_at_key(const struct edit *e, enum op_kind kind,
                                const struct ynode *node, const char *key,
                                size_t klen)
{
        struct probe p = {node, (int)kind, TAG_KEY, key, klen, 0};
        struct op_chain *c = lookup(e, &p);

        return c ? c->first : NULL;
}

struct edit_op *edit_ops_at_index(const struct edit *e, enum op_kind kind,
                                  const struct ynode *node, size_t index)
{
        struct probe p = {node, (int)kind, TAG_INDEX, NULL, 0, index};
        struct op_chain *c = lookup(e, &p);

        return c ? c->first : NULL;
}

bool edit_changes_within(const struct edit *e, const struct ynode *n)
{
        struct probe p = {n, -1, TAG_MARK, NULL, 0, 0};

        return lookup(e, &p) != NULL;
}

bool edit_under_replaced(const struct edit *e, const struct ynode *n)
{
        const struct ynode *p;

        if (!e->index || e->index->values == 0)
                return false;
        for (p = n; p; p = p->parent)
                if (edit_ops_on(e, OP_VALUE, p))
                        return true;
        return false;
}

struct edit_op **edit_group_sorted(struct edit_op *first,
                                   int (*cmp)(const void *, const void *),
                                   size_t *n)
{
        struct edit_op **group = NULL, *op;
        size_t cap = 0;

        *n = 0;
        for (op = first; op; op = op->next_kind) {
                group = xgrow(group, &cap, *n + 1, sizeof(*group));
                op->seq = *n; /* ops are in the order given */
                group[(*n)++] = op;
                op->done = true;
        }
        qsort(group, *n, sizeof(*group), cmp);
        return group;
}
