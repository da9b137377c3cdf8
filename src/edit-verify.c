/*
 * edit-verify: the re-read document must be the old one plus exactly the
 * intents: every item of a sequence that is not removed, in order, with
 * the inserted ones before the item they go before, then the appended
 * ones; a replaced value is the new one, whatever the old.
 */
#include "roadmap/edit.h"

#include <string.h>

#include "edit-internal.h"
#include "roadmap/yquote.h"

static int differ(struct edit *e, const struct ynode *n, const char *what,
                  struct diag_list *dl)
{
        diag_error(dl, e->path, n ? n->line : 0, n ? n->col : 0,
                   "internal error: the edited file does not read back as "
                   "intended (%s); nothing was written",
                   what);
        return -1;
}

static bool same_scalar(const struct ynode *a, const struct ynode *b)
{
        return a->len == b->len && memcmp(a->value, b->value, a->len) == 0 &&
               (a->style == YSTYLE_PLAIN) == (b->style == YSTYLE_PLAIN);
}

static int cmp_val(struct edit *e, const struct yval *v, const struct ynode *n,
                   struct diag_list *dl)
{
        const struct yval *c;
        size_t i = 0;

        if (yval_is_scalar(v)) {
                if (v->kind == YVAL_RAW && v->len == 0 &&
                    n->kind == YNODE_SCALAR && n->style == YSTYLE_PLAIN &&
                    yquote_is_null(n->value, n->len))
                        return 0; /* an empty null, written "null" in flow */
                if (n->kind != YNODE_SCALAR || n->len != v->len ||
                    memcmp(n->value, v->s, v->len) != 0)
                        return differ(e, n, "a new value", dl);
                if ((v->kind == YVAL_RAW) != (n->style == YSTYLE_PLAIN) &&
                    (v->kind == YVAL_RAW ||
                     yquote_resolves_non_string(n->value, n->len)))
                        return differ(e, n, "the type of a new value", dl);
                return 0;
        }
        if (n->kind != (v->kind == YVAL_MAP ? YNODE_MAPPING : YNODE_SEQUENCE))
                return differ(e, n, "a new collection", dl);
        for (c = v->first; c; c = c->next, i++) {
                if (i >= n->n)
                        return differ(e, n, "missing new entries", dl);
                if (v->kind == YVAL_MAP && !ynode_is(n->pairs[i].key, c->key))
                        return differ(e, n->pairs[i].key, "a new key", dl);
                if (cmp_val(e, c,
                            v->kind == YVAL_MAP ? n->pairs[i].value
                                                : n->items[i],
                            dl) != 0)
                        return -1;
        }
        return i == n->n ? 0 : differ(e, n, "extra entries", dl);
}

static int cmp_node(struct edit *e, const struct ynode *o,
                    const struct ynode *n, struct diag_list *dl);

static int cmp_map(struct edit *e, const struct ynode *o, const struct ynode *n,
                   struct diag_list *dl)
{
        size_t i, j = 0;
        struct edit_op *op;

        for (i = 0; i < n->n; i++) {
                const struct ynode *k = n->pairs[i].key;
                op = k->kind == YNODE_SCALAR
                         ? edit_ops_at_key(e, OP_INSERT, o, k->value, k->len)
                         : NULL;
                if (op) {
                        op->hits++;
                        if (cmp_val(e, op->v, n->pairs[i].value, dl) != 0)
                                return -1;
                        continue;
                }
                while (j < o->n && edit_is_deleted(e, o, o->pairs[j].key))
                        j++;
                if (j >= o->n || !same_scalar(o->pairs[j].key, k))
                        return differ(e, k, "a key", dl);
                if (cmp_node(e, o->pairs[j].value, n->pairs[i].value, dl) != 0)
                        return -1;
                j++;
        }
        while (j < o->n && edit_is_deleted(e, o, o->pairs[j].key))
                j++;
        if (j != o->n)
                return differ(e, n, "a missing key", dl);
        for (op = edit_ops_on(e, OP_INSERT, o); op; op = op->next_kind)
                if (op->hits != 1)
                        return differ(e, n, "a new key", dl);
        return 0;
}

/* The items inserted before item i of o match n's from *j on. */
static int cmp_inserted(struct edit *e, const struct ynode *o, size_t i,
                        const struct ynode *n, size_t *j, struct diag_list *dl)
{
        struct edit_op *op;

        for (op = edit_ops_at_index(e, OP_ITEM, o, i); op; op = op->next_tag) {
                if (*j >= n->n)
                        return differ(e, n, "a missing new item", dl);
                if (cmp_val(e, op->v, n->items[(*j)++], dl) != 0)
                        return -1;
        }
        return 0;
}

/* The items of o that stay, in order, with the inserted ones before the
 * item they were inserted before, then the appended ones. */
static int cmp_seq(struct edit *e, const struct ynode *o, const struct ynode *n,
                   struct diag_list *dl)
{
        size_t i, j = 0, nold = o->kind == YNODE_SEQUENCE ? o->n : 0;
        bool items = edit_find_op(e, OP_ITEM, o, NULL) != NULL;
        struct edit_op *op;

        if (n->kind != YNODE_SEQUENCE)
                return differ(e, n, "a sequence", dl);
        for (i = 0; i < nold; i++) {
                if (items && cmp_inserted(e, o, i, n, &j, dl) != 0)
                        return -1;
                if (edit_is_removed(e, o, i))
                        continue;
                if (j >= n->n)
                        return differ(e, n, "a missing item", dl);
                if (cmp_node(e, o->items[i], n->items[j++], dl) != 0)
                        return -1;
        }
        for (op = edit_ops_on(e, OP_APPEND, o); op; op = op->next_kind) {
                if (j >= n->n)
                        return differ(e, n, "a missing new item", dl);
                if (cmp_val(e, op->v, n->items[j++], dl) != 0)
                        return -1;
        }
        return j == n->n ? 0 : differ(e, n, "extra items", dl);
}

/* The intent on node o that decides how it compares: a replaced value or
 * scalar, or a change of its items (*items set); NULL if none. */
static struct edit_op *op_on(const struct edit *e, const struct ynode *o,
                             bool *items)
{
        struct edit_op *op = edit_ops_on(e, OP_VALUE, o);

        *items = false;
        if (op)
                return op;
        *items = edit_ops_on(e, OP_APPEND, o) || edit_ops_on(e, OP_REMOVE, o) ||
                 edit_ops_on(e, OP_ITEM, o);
        return edit_ops_on(e, OP_REPLACE, o);
}

static int cmp_node(struct edit *e, const struct ynode *o,
                    const struct ynode *n, struct diag_list *dl)
{
        bool items;
        struct edit_op *op = op_on(e, o, &items);

        if (op && op->kind == OP_VALUE)
                return cmp_val(e, op->v, n, dl);
        if (items)
                return cmp_seq(e, o, n, dl);
        if (o->kind == YNODE_SCALAR) {
                if (op)
                        return cmp_val(e, op->v, n, dl);
                if (n->kind != YNODE_SCALAR || !same_scalar(o, n))
                        return differ(e, n, "a value", dl);
                return 0;
        }
        if (n->kind != o->kind || (o->kind == YNODE_SEQUENCE && n->n != o->n))
                return differ(e, n, "a collection", dl);
        if (o->kind == YNODE_MAPPING)
                return cmp_map(e, o, n, dl);
        return cmp_seq(e, o, n, dl);
}

int edit_verify(struct edit *e, const struct yamldoc *after,
                struct diag_list *dl)
{
        struct edit_op *op;

        for (op = e->ops; op; op = op->next)
                op->hits = 0;
        if (!e->doc->root || !after->root)
                return differ(e, NULL, "an empty document", dl);
        return cmp_node(e, e->doc->root, after->root, dl);
}
