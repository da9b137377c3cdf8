/*
 * edit: values and intents on a parsed document.  The intents are applied
 * as text splices (edit-splice.c, edit-insert.c) and verified by re-reading
 * (edit-verify.c); edit-internal.h names the parts.  See edit.h.
 */
#include "roadmap/edit.h"

#include <stdio.h>
#include <string.h>

#include "edit-internal.h"
#include "roadmap/yquote.h"

void edit_init(struct edit *e, const struct yamldoc *doc)
{
        memset(e, 0, sizeof(*e));
        e->doc = doc;
        e->path = doc ? doc->path : NULL;
        arena_init(&e->arena);
        e->tail = &e->ops;
}

void edit_release(struct edit *e)
{
        edit_index_release(e);
        arena_release(&e->arena);
        e->ops = NULL;
        e->tail = &e->ops;
}

/* ---- values ---- */

static struct yval *new_val(struct edit *e, enum yval_kind kind)
{
        struct yval *v = arena_alloc(&e->arena, sizeof(*v));

        v->kind = kind;
        v->tail = &v->first;
        return v;
}

static struct yval *scalar_val(struct edit *e, enum yval_kind kind,
                               const char *s)
{
        struct yval *v = new_val(e, kind);

        v->len = strlen(s);
        v->s = arena_strndup(&e->arena, s, v->len);
        return v;
}

struct yval *yval_str(struct edit *e, const char *s)
{
        return scalar_val(e, YVAL_STR, s);
}

struct yval *yval_int(struct edit *e, long n)
{
        char buf[32];

        snprintf(buf, sizeof buf, "%ld", n);
        return scalar_val(e, YVAL_RAW, buf);
}

struct yval *yval_date(struct edit *e, struct date d)
{
        char buf[16];

        date_format_iso(d, buf);
        return scalar_val(e, YVAL_RAW, buf);
}

struct yval *yval_bool(struct edit *e, bool b)
{
        return scalar_val(e, YVAL_RAW, b ? "true" : "false");
}

struct yval *yval_map(struct edit *e, bool flow)
{
        struct yval *v = new_val(e, YVAL_MAP);

        v->flow = flow;
        return v;
}

struct yval *yval_seq(struct edit *e, bool flow)
{
        struct yval *v = new_val(e, YVAL_SEQ);

        v->flow = flow;
        return v;
}

void yval_put(struct yval *map, const char *key, struct yval *v)
{
        struct yval *c;

        for (c = map->first; c; c = c->next)
                if (strcmp(c->key, key) == 0)
                        break;
        if (c) { /* replace in place, keeping the position */
                struct yval *next = c->next;
                *c = *v;
                c->key = key;
                c->next = next;
                if (!c->first)
                        c->tail = &c->first;
                else if (v->tail == &v->first)
                        c->tail = &c->first;
                return;
        }
        v->key = key;
        v->next = NULL;
        *map->tail = v;
        map->tail = &v->next;
}

void yval_push(struct yval *seq, struct yval *v)
{
        v->next = NULL;
        *seq->tail = v;
        seq->tail = &v->next;
}

/* ---- intents ---- */

/* A new op, at the end of the list and in the index; owner and index as
 * op_kind tells (index is part of the key of REMOVE and ITEM ops). */
static struct edit_op *add_op(struct edit *e, enum op_kind kind,
                              const struct ynode *node, const char *key,
                              struct yval *v, const struct ynode *owner,
                              size_t index)
{
        struct edit_op *op = arena_alloc(&e->arena, sizeof(*op));

        op->kind = kind;
        op->node = node;
        op->key = key;
        op->v = v;
        op->owner = owner;
        op->index = index;
        *e->tail = op;
        e->tail = &op->next;
        edit_index_add(e, op);
        return op;
}

struct edit_op *edit_find_op(const struct edit *e, enum op_kind kind,
                             const struct ynode *node, const char *key)
{
        struct edit_op *op;

        if (!key)
                return edit_ops_on(e, kind, node);
        if (kind == OP_INSERT || kind == OP_DELETE)
                return edit_ops_at_key(e, kind, node, key, strlen(key));
        for (op = edit_ops_on(e, kind, node); op; op = op->next_kind)
                if (op->key && strcmp(op->key, key) == 0)
                        return op;
        return NULL;
}

static int order_rank(const char *const *order, const char *key)
{
        int i;

        for (i = 0; order && order[i]; i++)
                if (strcmp(order[i], key) == 0)
                        return i;
        return -1;
}

/* Insert before the first existing key that comes after key in order. */
static size_t insert_index(const struct ynode *m, const char *key,
                           const char *const *order)
{
        int rank = order_rank(order, key);
        size_t i, at = m->n;

        if (rank < 0)
                return m->n;
        for (i = m->n; i-- > 0;) {
                int r = order_rank(order, m->pairs[i].key->value);
                if (r >= 0 && r < rank)
                        return i + 1;
                if (r > rank)
                        at = i;
        }
        return at;
}

static const char *const *child_order(const struct yval *v, struct edit *e)
{
        const struct yval *c;
        const char **order;
        size_t n = 0;

        for (c = v->first; c; c = c->next)
                n++;
        order = arena_alloc(&e->arena, (n + 1) * sizeof(*order));
        n = 0;
        for (c = v->first; c; c = c->next)
                order[n++] = c->key;
        return order;
}

static int kind_error(struct edit *e, const struct ynode *n, const char *key,
                      struct diag_list *dl)
{
        diag_error(dl, e->path, n->line, n->col,
                   "cannot set '%s': the file holds %s there", key,
                   ynode_kind_name(n->kind));
        return -1;
}

static int replaced_error(struct edit *e, const struct ynode *n,
                          const char *key, struct diag_list *dl)
{
        diag_error(dl, e->path, n->line, n->col,
                   "internal error: cannot change '%s': a value around it is "
                   "replaced in the same change",
                   key);
        return -1;
}

static int insert_key(struct edit *e, const struct ynode *m, const char *key,
                      struct yval *v, const char *const *order)
{
        struct edit_op *op = edit_find_op(e, OP_INSERT, m, key);

        if (op) { /* set twice: the last value wins, maps merge */
                if (op->v->kind == YVAL_MAP && v->kind == YVAL_MAP) {
                        struct yval *c, *next;
                        for (c = v->first; c; c = next) {
                                next = c->next;
                                yval_put(op->v, c->key, c);
                        }
                } else {
                        op->v = v;
                }
                return 0;
        }
        op = add_op(e, OP_INSERT, m, key, v, NULL, insert_index(m, key, order));
        op->rank = order_rank(order, key);
        return 0;
}

/* The scalar already holds v with the same meaning: a string in quotes or
 * in plain text that reads as a string, or a raw value (number, date,
 * boolean) in any style, since the file being edited is valid and its
 * model read that text as the value. */
static bool holds_value(const struct ynode *old, const struct yval *v)
{
        if (old->len != v->len || memcmp(old->value, v->s, v->len) != 0)
                return false;
        if (v->kind == YVAL_RAW)
                return true;
        return old->style != YSTYLE_PLAIN ||
               !yquote_resolves_non_string(v->s, v->len);
}

int edit_set(struct edit *e, const struct ynode *m, const char *key,
             struct yval *v, const char *const *order, struct diag_list *dl)
{
        struct ynode *old = ynode_get(m, key, NULL);
        struct edit_op *op;
        struct yval *c;

        if (m->kind != YNODE_MAPPING)
                return kind_error(e, m, key, dl);
        if (edit_under_replaced(e, old ? old : m))
                return replaced_error(e, old ? old : m, key, dl);
        if (!old)
                return insert_key(e, m, key, v, order);
        if (old->kind == YNODE_SCALAR && yval_is_scalar(v)) {
                if (holds_value(old, v))
                        return 0; /* keep its quoting and bytes */
                op = edit_find_op(e, OP_REPLACE, old, NULL);
                if (op)
                        op->v = v;
                else
                        add_op(e, OP_REPLACE, old, key, v, NULL, 0);
                return 0;
        }
        if (old->kind == YNODE_MAPPING && v->kind == YVAL_MAP) {
                const char *const *sub = child_order(v, e);
                for (c = v->first; c; c = c->next)
                        if (edit_set(e, old, c->key, c, sub, dl) != 0)
                                return -1;
                return 0;
        }
        return kind_error(e, old, key, dl);
}

int edit_delete(struct edit *e, const struct ynode *m, const char *key,
                struct diag_list *dl)
{
        const struct ynode *v;

        if (m->kind != YNODE_MAPPING)
                return kind_error(e, m, key, dl);
        if (!(v = ynode_get(m, key, NULL)))
                return 0;
        if (edit_under_replaced(e, v))
                return replaced_error(e, v, key, dl);
        if (!edit_find_op(e, OP_DELETE, m, key))
                add_op(e, OP_DELETE, m, key, NULL, NULL, 0);
        return 0;
}

static bool is_null_scalar(const struct ynode *n)
{
        return n->kind == YNODE_SCALAR && n->style == YSTYLE_PLAIN &&
               yquote_is_null(n->value, n->len);
}

int edit_append(struct edit *e, const struct ynode *m, const char *key,
                struct yval *item, const char *const *order,
                struct diag_list *dl)
{
        struct ynode *old = ynode_get(m, key, NULL);
        struct edit_op *op;

        if (m->kind != YNODE_MAPPING)
                return kind_error(e, m, key, dl);
        if (!old) {
                op = edit_find_op(e, OP_INSERT, m, key);
                if (op && op->v->kind == YVAL_SEQ) {
                        yval_push(op->v, item);
                        return 0;
                }
                struct yval *seq = yval_seq(e, false);
                yval_push(seq, item);
                return insert_key(e, m, key, seq, order);
        }
        if (old->kind != YNODE_SEQUENCE && !is_null_scalar(old))
                return kind_error(e, old, key, dl);
        if (edit_under_replaced(e, old))
                return replaced_error(e, old, key, dl);
        add_op(e, OP_APPEND, old, key, item, m, 0);
        return 0;
}

bool edit_is_deleted(const struct edit *e, const struct ynode *m,
                     const struct ynode *key)
{
        return key && key->kind == YNODE_SCALAR &&
               edit_ops_at_key(e, OP_DELETE, m, key->value, key->len);
}

int edit_remove(struct edit *e, const struct ynode *m, const char *key,
                size_t index, struct diag_list *dl)
{
        const struct ynode *seq;

        if (m->kind != YNODE_MAPPING)
                return kind_error(e, m, key, dl);
        seq = ynode_get(m, key, NULL);
        if (!seq || seq->kind != YNODE_SEQUENCE || index >= seq->n) {
                const struct ynode *at = seq ? seq : m;
                diag_error(dl, e->path, at->line, at->col,
                           "internal error: '%s' has no item %zu to remove",
                           key, index + 1);
                return -1;
        }
        if (edit_under_replaced(e, seq))
                return replaced_error(e, seq, key, dl);
        if (edit_ops_at_index(e, OP_ITEM, seq, index)) {
                diag_error(dl, e->path, seq->items[index]->line,
                           seq->items[index]->col,
                           "internal error: cannot remove item %zu of "
                           "'%s': an item is inserted before it",
                           index + 1, key);
                return -1;
        }
        if (!edit_is_removed(e, seq, index))
                add_op(e, OP_REMOVE, seq, key, NULL, m, index);
        return 0;
}

bool edit_is_removed(const struct edit *e, const struct ynode *seq, size_t i)
{
        return edit_ops_at_index(e, OP_REMOVE, seq, i) != NULL;
}

int edit_insert_item(struct edit *e, const struct ynode *m, const char *key,
                     size_t index, struct yval *item, struct diag_list *dl)
{
        const struct ynode *seq;

        if (m->kind != YNODE_MAPPING)
                return kind_error(e, m, key, dl);
        seq = ynode_get(m, key, NULL);
        if (!seq || seq->kind != YNODE_SEQUENCE || seq->n == 0 ||
            index > seq->n) {
                const struct ynode *at = seq ? seq : m;
                diag_error(dl, e->path, at->line, at->col,
                           "internal error: '%s' has no item %zu to insert "
                           "before",
                           key, index + 1);
                return -1;
        }
        if (index == seq->n)
                return edit_append(e, m, key, item, NULL, dl);
        if (edit_under_replaced(e, seq))
                return replaced_error(e, seq, key, dl);
        if (edit_is_removed(e, seq, index)) {
                diag_error(dl, e->path, seq->items[index]->line,
                           seq->items[index]->col,
                           "internal error: cannot insert before item %zu of "
                           "'%s': it is removed in the same change",
                           index + 1, key);
                return -1;
        }
        add_op(e, OP_ITEM, seq, key, item, m, index);
        return 0;
}

int edit_replace_value(struct edit *e, const struct ynode *m, const char *key,
                       struct yval *v, struct diag_list *dl)
{
        const struct ynode *old;
        struct edit_op *op;

        if (m->kind != YNODE_MAPPING)
                return kind_error(e, m, key, dl);
        old = ynode_get(m, key, NULL);
        if (!old) {
                diag_error(dl, e->path, m->line, m->col,
                           "internal error: no '%s' to replace", key);
                return -1;
        }
        if ((op = edit_find_op(e, OP_VALUE, old, NULL))) {
                op->v = v; /* replaced twice: the last value wins */
                return 0;
        }
        if (edit_changes_within(e, old) || edit_find_op(e, OP_DELETE, m, key))
                return replaced_error(e, old, key, dl);
        if (edit_under_replaced(e, m))
                return replaced_error(e, m, key, dl);
        add_op(e, OP_VALUE, old, key, v, m, 0);
        return 0;
}
