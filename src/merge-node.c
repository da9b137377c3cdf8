/*
 * merge-node: what a node means to the merge -- equality, a hash of the
 * meaning, the identity and name of an item, a value's text -- and the
 * path of the walk with the conflicts found on it.
 */
#include <stdlib.h>
#include <string.h>

#include "merge-internal.h"
#include "roadmap/xalloc.h"
#include "roadmap/yquote.h"

int merge_child_shape(int shape, const char *key)
{
        const struct schema_key *k;

        if (shape < 0 || SHAPE_IS_SEQ(shape))
                return SHAPE_ANY;
        k = schema_key((enum schema_map)shape, key);
        if (!k)
                return SHAPE_ANY;
        if (k->type == SCHEMA_MAPPING)
                return (int)k->of;
        if (k->type == SCHEMA_SEQ)
                return SHAPE_SEQ + (int)k->of;
        return SHAPE_ANY;
}

bool merge_is_null(const struct ynode *n)
{
        return n && n->kind == YNODE_SCALAR && n->style == YSTYLE_PLAIN &&
               yquote_is_null(n->value, n->len);
}

static bool is_string(const struct ynode *n)
{
        return n->style != YSTYLE_PLAIN ||
               !yquote_resolves_non_string(n->value, n->len);
}

static bool skipped(const struct ynode *k, const char *skip)
{
        return skip && ynode_is(k, skip);
}

/* A keyed sequence's items (a null is an empty one). */
static size_t seq_len(const struct ynode *n)
{
        return n->kind == YNODE_SEQUENCE ? n->n : 0;
}

static bool map_eq(const struct ynode *a, const struct ynode *b, int shape,
                   const char *skip)
{
        size_t i, na = 0, nb = 0;

        for (i = 0; i < b->n; i++)
                nb += !skipped(b->pairs[i].key, skip);
        for (i = 0; i < a->n; i++) {
                const struct ynode *k = a->pairs[i].key;
                if (skipped(k, skip))
                        continue;
                na++;
                if (!merge_eq(a->pairs[i].value, ynode_get_key(b, k),
                              merge_child_shape(shape, k->value)))
                        return false;
        }
        return na == nb;
}

struct hnode {
        unsigned long h;
        const struct ynode *n;
};

static int cmp_hnode(const void *pa, const void *pb)
{
        const struct hnode *a = pa, *b = pb;

        return a->h < b->h ? -1 : a->h > b->h;
}

static struct hnode *hashed(const struct ynode *s, int shape)
{
        struct hnode *h = xcalloc(s->n + 1, sizeof(*h));
        size_t i;

        for (i = 0; i < s->n; i++) {
                h[i].n = s->items[i];
                h[i].h = merge_hash(s->items[i], SHAPE_ITEM(shape), NULL);
        }
        qsort(h, s->n, sizeof(*h), cmp_hnode);
        return h;
}

/* Keyed sequences: the same items in any order (plan history: in order). */
static bool keyed_eq(const struct ynode *a, const struct ynode *b, int shape)
{
        size_t i, n = seq_len(a);
        struct hnode *ha, *hb;
        bool same = true;

        if (n != seq_len(b))
                return false;
        for (i = 0; i < n; i++)
                if (!merge_eq(a->items[i], b->items[i], SHAPE_ITEM(shape)))
                        break;
        if (i == n)
                return true;
        if (SHAPE_ITEM(shape) == SCHEMA_HISTORY) /* ordered: the last entry */
                return false;                    /* is the status */
        ha = hashed(a, shape);
        hb = hashed(b, shape);
        for (i = 0; i < n && same; i++)
                same = ha[i].h == hb[i].h &&
                       merge_eq(ha[i].n, hb[i].n, SHAPE_ITEM(shape));
        free(ha);
        free(hb);
        return same;
}

bool merge_eq_except(const struct ynode *a, const struct ynode *b, int shape,
                     const char *skip)
{
        size_t i;

        if (!a || !b)
                return a == b;
        if (SHAPE_IS_SEQ(shape) &&
            (a->kind == YNODE_SEQUENCE || merge_is_null(a)) &&
            (b->kind == YNODE_SEQUENCE || merge_is_null(b)))
                return keyed_eq(a, b, shape);
        if (a->kind != b->kind)
                return false;
        if (a->kind == YNODE_SCALAR)
                return a->len == b->len &&
                       memcmp(a->value, b->value, a->len) == 0 &&
                       is_string(a) == is_string(b);
        if (a->kind == YNODE_MAPPING)
                return map_eq(a, b, shape, skip);
        if (a->n != b->n)
                return false;
        for (i = 0; i < a->n; i++)
                if (!merge_eq(a->items[i], b->items[i], SHAPE_ANY))
                        return false;
        return true;
}

bool merge_eq(const struct ynode *a, const struct ynode *b, int shape)
{
        return merge_eq_except(a, b, shape, NULL);
}

static unsigned long mix(unsigned long x)
{
        x += 0x9e3779b97f4a7c15UL;
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9UL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebUL;
        return x ^ (x >> 31);
}

static unsigned long hash_bytes(const char *s, size_t n, unsigned long h)
{
        size_t i;

        for (i = 0; i < n; i++)
                h = (h ^ (unsigned char)s[i]) * 0x100000001b3UL;
        return mix(h);
}

unsigned long merge_hash(const struct ynode *n, int shape, const char *skip)
{
        unsigned long h = 0;
        size_t i;

        if (SHAPE_IS_SEQ(shape) &&
            (n->kind == YNODE_SEQUENCE || merge_is_null(n))) {
                for (i = 0; i < seq_len(n); i++)
                        h += merge_hash(n->items[i], SHAPE_ITEM(shape), NULL);
                return mix(h ^ 3);
        }
        if (n->kind == YNODE_SCALAR)
                return hash_bytes(n->value, n->len, is_string(n) ? 1 : 2);
        if (n->kind == YNODE_SEQUENCE) {
                for (i = 0; i < n->n; i++)
                        h = mix(h ^ merge_hash(n->items[i], SHAPE_ANY, NULL));
                return mix(h ^ 5);
        }
        for (i = 0; i < n->n; i++) {
                const struct ynode *k = n->pairs[i].key;
                if (skipped(k, skip))
                        continue;
                h += mix(hash_bytes(k->value, k->len, 7) ^
                         merge_hash(n->pairs[i].value,
                                    merge_child_shape(shape, k->value), NULL));
        }
        return mix(h ^ 11);
}

const char *merge_field(const struct ynode *m, const char *key, size_t *len)
{
        const struct ynode *v = NULL;

        if (m && m->kind == YNODE_MAPPING)
                v = ynode_get(m, key, NULL);
        if (!v || v->kind != YNODE_SCALAR) {
                *len = 0;
                return "";
        }
        *len = v->len;
        return v->value;
}

/* Append key's value and a separator at p (NULL: only count). */
static size_t put_field(char *p, const struct ynode *n, const char *key)
{
        size_t len;
        const char *s = merge_field(n, key, &len);

        if (p) {
                memcpy(p, s, len);
                p[len] = '\x1f';
        }
        return len + 1;
}

static size_t put_ident(char *p, const struct ynode *n, enum schema_map item)
{
        size_t k = 0;

        if (item == SCHEMA_WORKSHOP) {
                k += put_field(p, n, "kind");
                k += put_field(p ? p + k : NULL, n, "date");
                k += put_field(p ? p + k : NULL, n, "batch");
        } else if (item == SCHEMA_HISTORY) {
                k += put_field(p, n, "date");
                k += put_field(p ? p + k : NULL, n, "status");
        } else {
                k += put_field(p, n, "id");
        }
        return k;
}

char *merge_ident(struct merge *m, const struct ynode *n, enum schema_map item,
                  size_t *len)
{
        char *s;

        *len = put_ident(NULL, n, item);
        s = arena_alloc(&m->arena, *len + 1);
        put_ident(s, n, item);
        return s;
}

static void add_value(struct strbuf *sb, const char *sep, const struct ynode *n,
                      const char *key)
{
        size_t len;
        const char *s = merge_field(n, key, &len);

        strbuf_addstr(sb, sep);
        strbuf_add(sb, s, len);
}

char *merge_label(struct merge *m, const struct ynode *n, enum schema_map item)
{
        struct strbuf sb = STRBUF_INIT;
        size_t len;
        char *s;

        if (item == SCHEMA_WORKSHOP) {
                add_value(&sb, "workshop ", n, "kind");
                add_value(&sb, " ", n, "date");
                merge_field(n, "batch", &len);
                if (len)
                        add_value(&sb, " batch ", n, "batch");
        } else if (item == SCHEMA_HISTORY) {
                add_value(&sb, "", n, "date");
                add_value(&sb, " ", n, "status");
        } else {
                add_value(&sb,
                          item == SCHEMA_MINISTRY ? "ministry " : "service ", n,
                          "id");
        }
        s = arena_strndup(&m->arena, sb.buf, sb.len);
        strbuf_release(&sb);
        return s;
}

static void add_scalar_text(struct strbuf *sb, const struct ynode *n,
                            const struct yamldoc *doc)
{
        char *t = merge_value_text(n, doc);

        strbuf_addstr(sb, t);
        free(t);
}

/* An approval (by and date scalars) as "by X on DATE", or NULL. */
static char *approval_text(const struct ynode *n, const struct yamldoc *doc)
{
        const struct ynode *by = ynode_get(n, "by", NULL);
        const struct ynode *date = ynode_get(n, "date", NULL);
        struct strbuf sb = STRBUF_INIT;

        if (!n || !by || !date || by->kind != YNODE_SCALAR ||
            date->kind != YNODE_SCALAR)
                return merge_value_text(n, doc);
        strbuf_addstr(&sb, "by ");
        add_scalar_text(&sb, by, doc);
        strbuf_addstr(&sb, " on ");
        add_scalar_text(&sb, date, doc);
        return strbuf_detach(&sb, NULL);
}

char *merge_value_text(const struct ynode *n, const struct yamldoc *doc)
{
        struct strbuf sb = STRBUF_INIT;
        const char *s;

        if (!n)
                return NULL;
        if (n->kind != YNODE_SCALAR)
                return xstrdup(n->kind == YNODE_SEQUENCE ? "(list)"
                                                         : "(mapping)");
        s = doc->buf + n->start;
        if (n->end > n->start && !memchr(s, '\n', n->end - n->start))
                return xstrndup(s, n->end - n->start);
        if (n->style == YSTYLE_PLAIN && !n->len)
                return xstrdup("null");
        strbuf_addch(&sb, '"');
        strbuf_add_escaped_exact(&sb, n->value, n->len);
        strbuf_addch(&sb, '"');
        return strbuf_detach(&sb, NULL);
}

static const struct ynode *mget(const struct ynode *m, const char *key)
{
        return m && m->kind == YNODE_MAPPING ? ynode_get(m, key, NULL) : NULL;
}

/* Whether both sides approved anew (by or date not the base's, or no
 * approval in the base), differently: two approvals are one conflict,
 * never a mix of one's date and the other's memo. */
bool merge_two_approvals(const struct ynode *b, const struct ynode *o,
                         const struct ynode *t, int cs)
{
        static const char *const keys[] = {"by", "date"};
        bool ob = true, tb = true, ot = true;
        size_t i;

        if (cs != SCHEMA_APPROVAL)
                return false;
        for (i = 0; i < 2; i++) {
                const struct ynode *bv = mget(b, keys[i]);
                const struct ynode *ov = mget(o, keys[i]);
                const struct ynode *tv = mget(t, keys[i]);

                ob = ob && merge_eq(bv, ov, SHAPE_ANY);
                tb = tb && merge_eq(bv, tv, SHAPE_ANY);
                ot = ot && merge_eq(ov, tv, SHAPE_ANY);
        }
        return !ob && !tb && !ot;
}

/* ---- the path and its conflicts ---------------------------------------- */

static struct mstep *push(struct merge *m,
                          const struct ynode *const node[SIDE_COUNT])
{
        struct mstep *s;

        m->path.steps = xgrow(m->path.steps, &m->path.cap, m->path.n + 1,
                              sizeof(*m->path.steps));
        s = &m->path.steps[m->path.n++];
        memset(s, 0, sizeof(*s));
        memcpy(s->node, node, sizeof(s->node));
        return s;
}

struct mstep *merge_push_key(struct merge *m, const char *key,
                             const struct ynode *const node[SIDE_COUNT],
                             const struct ynode *const knode[SIDE_COUNT])
{
        struct mstep *s = push(m, node);

        s->key = key;
        memcpy(s->knode, knode, sizeof(s->knode));
        return s;
}

struct mstep *merge_push_item(struct merge *m, int seqshape,
                              const struct ynode *const node[SIDE_COUNT],
                              const char *ident, size_t identlen)
{
        struct mstep *s = push(m, node);
        const struct ynode *n = node[SIDE_OURS]     ? node[SIDE_OURS]
                                : node[SIDE_THEIRS] ? node[SIDE_THEIRS]
                                                    : node[SIDE_BASE];

        s->seqshape = seqshape;
        s->ident = ident;
        s->identlen = identlen;
        s->label = merge_label(m, n, SHAPE_ITEM(seqshape));
        return s;
}

void merge_pop(struct merge *m)
{
        m->path.n--;
}

/* where and field of the conflict at steps (merge.h). */
static void name_conflict(const struct mstep *st, size_t n,
                          struct merge_conflict *c)
{
        struct strbuf field = STRBUF_INIT;
        const char *where = NULL;
        size_t i;

        for (i = 0; i < n; i++) {
                if (st[i].key && i == 0 &&
                    (!strcmp(st[i].key, "office") ||
                     !strcmp(st[i].key, "approval"))) {
                        where = st[i].key;
                } else if (st[i].key) {
                        if (field.len)
                                strbuf_addch(&field, '.');
                        strbuf_addstr(&field, st[i].key);
                } else if (SHAPE_ITEM(st[i].seqshape) == SCHEMA_HISTORY) {
                        break;
                } else {
                        where = st[i].label;
                        strbuf_reset(&field);
                }
        }
        c->where = where ? xstrdup(where) : NULL;
        c->field = field.len ? strbuf_detach(&field, NULL) : NULL;
        strbuf_release(&field);
}

/* A conflict's value on one side: the office's approval named by whom
 * and when, anything else by merge_value_text(). */
static char *conflict_value(const struct merge *m, const struct mstep *last,
                            int side)
{
        const struct ynode *n = last->node[side];

        if (m->o->kind == LOAD_OFFICE && m->path.n == 1 && last->key &&
            strcmp(last->key, "approval") == 0 && n && n->kind == YNODE_MAPPING)
                return approval_text(n, m->doc[side]);
        return merge_value_text(n, m->doc[side]);
}

void merge_conflict(struct merge *m, enum merge_conflict_kind kind)
{
        struct merge_result *res = m->res;
        const struct mstep *last = &m->path.steps[m->path.n - 1];
        struct merge_conflict *c;
        struct mconf *mc;

        res->conflicts = xgrow(res->conflicts, &res->cap, res->nconflicts + 1,
                               sizeof(*res->conflicts));
        c = &res->conflicts[res->nconflicts];
        memset(c, 0, sizeof(*c));
        c->kind = kind;
        name_conflict(m->path.steps, m->path.n, c);
        c->base = conflict_value(m, last, SIDE_BASE);
        c->ours = conflict_value(m, last, SIDE_OURS);
        c->theirs = conflict_value(m, last, SIDE_THEIRS);
        m->confs =
            xgrow(m->confs, &m->capconfs, m->nconfs + 1, sizeof(*m->confs));
        mc = &m->confs[m->nconfs++];
        mc->kind = kind;
        mc->pub = res->nconflicts++;
        mc->nsteps = m->path.n;
        mc->steps = arena_alloc(&m->arena, m->path.n * sizeof(*mc->steps));
        memcpy(mc->steps, m->path.steps, m->path.n * sizeof(*mc->steps));
}
