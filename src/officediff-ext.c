/*
 * officediff-ext: the extension keys (x-...) that roadmap(5) keeps and
 * ignores, compared so that a change to one is never an empty diff.  A
 * scalar's value is its YAML text as written; a list or mapping is
 * "(list)" or "(mapping)", and "(changed)" when it was one before too.
 */
#include <stdlib.h>
#include <string.h>

#include "officediff-internal.h"
#include "roadmap/schema.h"
#include "roadmap/xalloc.h"

static bool is_ext(const struct ynode *key)
{
        return key && key->kind == YNODE_SCALAR &&
               schema_is_extension(key->value, key->len);
}

/* Whether a and b mean the same: the same scalars (a plain one is not the
 * same as a quoted one of the same text: it may be a number), the same
 * items in order, the same keys with the same values in any order. */
static bool same_node(const struct ynode *a, const struct ynode *b)
{
        size_t i;

        if (!a || !b || a->kind != b->kind)
                return a == b;
        if (a->kind == YNODE_SCALAR)
                return a->len == b->len &&
                       memcmp(a->value, b->value, a->len) == 0 &&
                       (a->style == YSTYLE_PLAIN) == (b->style == YSTYLE_PLAIN);
        if (a->n != b->n)
                return false;
        for (i = 0; i < a->n; i++) {
                if (a->kind == YNODE_SEQUENCE &&
                    !same_node(a->items[i], b->items[i]))
                        return false;
                if (a->kind == YNODE_MAPPING &&
                    !same_node(a->pairs[i].value,
                               ynode_get_key(b, a->pairs[i].key)))
                        return false;
        }
        return true;
}

/* The text of v (NULL: absent) in the file buf. */
static char *value_text(const struct ynode *v, const char *buf,
                        const struct ynode *other)
{
        if (!v)
                return NULL;
        if (v->kind == YNODE_SCALAR)
                return buf && v->end > v->start
                           ? xstrndup(buf + v->start, v->end - v->start)
                           : xstrndup(v->value, v->len);
        if (other && other->kind != YNODE_SCALAR)
                return xstrdup("(changed)");
        return xstrdup(v->kind == YNODE_SEQUENCE ? "(list)" : "(mapping)");
}

static void ext_change(const struct officediff_ext *x, const struct ynode *key,
                       const struct ynode *va, const struct ynode *vb,
                       struct changes *out)
{
        struct change *c = officediff_add(out, x->kind, x->ministry, x->office);

        c->service = x->service ? xstrdup(x->service) : NULL;
        c->item = x->item ? xstrdup(x->item) : NULL;
        c->field = xasprintf("%s%.*s", x->prefix ? x->prefix : "",
                             (int)key->len, key->value);
        c->old_value = value_text(va, x->buf_a, NULL);
        c->new_value = value_text(vb, x->buf_b, va);
}

void officediff_extensions(const struct officediff_ext *x,
                           const struct ynode *a, const struct ynode *b,
                           struct changes *out)
{
        size_t i;

        if (a && a->kind != YNODE_MAPPING)
                a = NULL;
        if (b && b->kind != YNODE_MAPPING)
                b = NULL;
        for (i = 0; a && i < a->n; i++) {
                const struct ynode *k = a->pairs[i].key;
                const struct ynode *vb = ynode_get_key(b, k);
                if (is_ext(k) && !same_node(a->pairs[i].value, vb))
                        ext_change(x, k, a->pairs[i].value, vb, out);
        }
        for (i = 0; b && i < b->n; i++) {
                const struct ynode *k = b->pairs[i].key;
                if (is_ext(k) && !ynode_get_key(a, k))
                        ext_change(x, k, NULL, b->pairs[i].value, out);
        }
}
