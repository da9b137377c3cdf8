/*
 * edit: intents on a parsed document, applied as text splices, verified by
 * re-reading.  See edit.h.
 */
#include "roadmap/edit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/xalloc.h"
#include "roadmap/yquote.h"

enum op_kind { OP_REPLACE, OP_INSERT, OP_DELETE, OP_APPEND };

struct edit_op {
        enum op_kind kind;
        /* REPLACE: the old scalar; INSERT, DELETE: the mapping; APPEND: the
         * sequence, or the null / [] value that becomes one */
        const struct ynode *node;
        const struct ynode *owner; /* APPEND: the mapping holding node */
        const char *key;
        struct yval *v;
        size_t index; /* INSERT: before pair index (n: at the end) */
        int rank;     /* INSERT: the key's place in the canonical order */
        size_t seq;
        size_t hits; /* verify: times matched */
        bool done;   /* apply: already rendered with its group */
        struct edit_op *next;
};

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

static bool is_scalar_val(const struct yval *v)
{
        return v->kind == YVAL_STR || v->kind == YVAL_RAW;
}

/* ---- intents ---- */

static struct edit_op *add_op(struct edit *e, enum op_kind kind,
                              const struct ynode *node, const char *key,
                              struct yval *v)
{
        struct edit_op *op = arena_alloc(&e->arena, sizeof(*op));
        static size_t seq;

        op->kind = kind;
        op->node = node;
        op->key = key;
        op->v = v;
        op->seq = seq++;
        *e->tail = op;
        e->tail = &op->next;
        return op;
}

static struct edit_op *find_op(const struct edit *e, enum op_kind kind,
                               const struct ynode *node, const char *key)
{
        struct edit_op *op;

        for (op = e->ops; op; op = op->next)
                if (op->kind == kind && op->node == node &&
                    (!key || (op->key && strcmp(op->key, key) == 0)))
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

static int insert_key(struct edit *e, const struct ynode *m, const char *key,
                      struct yval *v, const char *const *order)
{
        struct edit_op *op = find_op(e, OP_INSERT, m, key);

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
        op = add_op(e, OP_INSERT, m, key, v);
        op->index = insert_index(m, key, order);
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
        if (!old)
                return insert_key(e, m, key, v, order);
        if (old->kind == YNODE_SCALAR && is_scalar_val(v)) {
                if (holds_value(old, v))
                        return 0; /* keep its quoting and bytes */
                op = find_op(e, OP_REPLACE, old, NULL);
                if (op)
                        op->v = v;
                else
                        add_op(e, OP_REPLACE, old, key, v);
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
        const struct ynode *k;

        if (m->kind != YNODE_MAPPING)
                return kind_error(e, m, key, dl);
        if (!ynode_get(m, key, &k))
                return 0;
        if (!m->flow && m->n > 0 && m->pairs[0].key == k && m->depth > 1 &&
            m->parent && m->parent->kind == YNODE_SEQUENCE) {
                diag_error(dl, e->path, k->line, k->col,
                           "cannot remove '%s': it opens a sequence item", key);
                return -1;
        }
        if (!find_op(e, OP_DELETE, m, key))
                add_op(e, OP_DELETE, m, key, NULL);
        return 0;
}

static bool is_null_scalar(const struct ynode *n)
{
        return n->kind == YNODE_SCALAR && n->style == YSTYLE_PLAIN &&
               (n->len == 0 || ynode_is(n, "~") || ynode_is(n, "null") ||
                ynode_is(n, "Null") || ynode_is(n, "NULL"));
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
                op = find_op(e, OP_INSERT, m, key);
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
        op = add_op(e, OP_APPEND, old, key, item);
        op->owner = m;
        return 0;
}

/* ---- layout of the file ---- */

static const char *eol(const struct edit *e)
{
        return e->doc && e->doc->crlf ? "\r\n" : "\n";
}

/* Spaces before the keys of a block mapping, or the '-' of a sequence. */
static int indent_of(const struct ynode *n)
{
        return n->col - 1;
}

/* The first block mapping that is the value of a block mapping pair: its
 * indentation step. */
static int find_step(const struct ynode *n)
{
        size_t i;
        int s;

        if (n->kind == YNODE_MAPPING && !n->flow) {
                for (i = 0; i < n->n; i++) {
                        const struct ynode *v = n->pairs[i].value;
                        if (v->kind == YNODE_MAPPING && !v->flow &&
                            v->line > n->pairs[i].key->line)
                                return v->col - n->col;
                }
        }
        if (n->kind == YNODE_MAPPING)
                for (i = 0; i < n->n; i++)
                        if ((s = find_step(n->pairs[i].value)) > 0)
                                return s;
        if (n->kind == YNODE_SEQUENCE)
                for (i = 0; i < n->n; i++)
                        if ((s = find_step(n->items[i])) > 0)
                                return s;
        return 0;
}

static int step_of(struct edit *e);

/* The step of the nearest nested block mapping: in n, else around it. */
static int step_near(struct edit *e, const struct ynode *n)
{
        int s;

        for (; n; n = n->parent)
                if ((s = find_step(n)) > 0 && s <= 8)
                        return s;
        return step_of(e);
}

static int step_of(struct edit *e)
{
        if (e->step == 0) {
                int s = e->doc && e->doc->root ? find_step(e->doc->root) : 0;
                e->step = s > 0 && s <= 8 ? s : 2;
        }
        return e->step;
}

/* A block sequence under a block mapping key: how far its '-' is from the
 * key, and its first item's text from the '-'.  Prefers a sequence under
 * the same key.  Returns true if one was found. */
static bool find_seq_style(const struct ynode *n, const char *key, int *off,
                           int *item)
{
        size_t i;

        if (n->kind == YNODE_MAPPING && !n->flow) {
                for (i = 0; i < n->n; i++) {
                        const struct ynode *v = n->pairs[i].value;
                        if (v->kind != YNODE_SEQUENCE || v->flow || v->n == 0)
                                continue;
                        if (key && !ynode_is(n->pairs[i].key, key))
                                continue;
                        *off = v->col - n->pairs[i].key->col;
                        *item = v->items[0]->kind == YNODE_MAPPING &&
                                        !v->items[0]->flow
                                    ? v->items[0]->col - v->col
                                    : 2;
                        return true;
                }
        }
        if (n->kind == YNODE_MAPPING || n->kind == YNODE_SEQUENCE)
                for (i = 0; i < n->n; i++)
                        if (find_seq_style(n->kind == YNODE_MAPPING
                                               ? n->pairs[i].value
                                               : n->items[i],
                                           key, off, item))
                                return true;
        return false;
}

struct layout {
        struct edit *e;
        const char *eol;
        int step;
};

static void seq_style(struct layout *lo, const char *key, int *off, int *item)
{
        const struct ynode *root = lo->e->doc ? lo->e->doc->root : NULL;

        *off = 2;
        *item = 2;
        if (root && !find_seq_style(root, key, off, item))
                find_seq_style(root, NULL, off, item);
        if (*off < 0 || *off > 8)
                *off = 2;
        if (*item < 2 || *item > 8)
                *item = 2;
}

/* ---- rendering new text ---- */

static void put_spaces(struct strbuf *sb, int n)
{
        while (n-- > 0)
                strbuf_addch(sb, ' ');
}

static int put_scalar(struct strbuf *sb, const struct yval *v,
                      enum yquote_ctx ctx)
{
        if (v->kind == YVAL_RAW) {
                strbuf_add(sb, v->s, v->len);
                return 0;
        }
        return yquote_string(sb, v->s, v->len, ctx);
}

static int put_key(struct strbuf *sb, const char *key, enum yquote_ctx ctx)
{
        if (yquote_string(sb, key, strlen(key), ctx) != 0)
                return -1;
        strbuf_addch(sb, ':');
        return 0;
}

static int put_flow(struct strbuf *sb, const struct yval *v)
{
        const struct yval *c;

        if (is_scalar_val(v))
                return put_scalar(sb, v, YQUOTE_FLOW);
        strbuf_addch(sb, v->kind == YVAL_MAP ? '{' : '[');
        for (c = v->first; c; c = c->next) {
                if (c != v->first)
                        strbuf_addstr(sb, ", ");
                if (v->kind == YVAL_MAP) {
                        if (put_key(sb, c->key, YQUOTE_FLOW) != 0)
                                return -1;
                        strbuf_addch(sb, ' ');
                }
                if (put_flow(sb, c) != 0)
                        return -1;
        }
        strbuf_addch(sb, v->kind == YVAL_MAP ? '}' : ']');
        return 0;
}

static bool inline_val(const struct yval *v)
{
        return is_scalar_val(v) || v->flow || !v->first;
}

static int put_pair(struct layout *lo, struct strbuf *sb, const char *key,
                    const struct yval *v, int indent);

static int put_item(struct layout *lo, struct strbuf *sb, const struct yval *v,
                    int dash, int item);

/* Everything after "key:" for a value whose key is at indent. */
static int put_value(struct layout *lo, struct strbuf *sb, const char *key,
                     const struct yval *v, int indent)
{
        const struct yval *c;
        int off, item;

        if (inline_val(v)) {
                strbuf_addch(sb, ' ');
                if ((is_scalar_val(v) ? put_scalar(sb, v, YQUOTE_BLOCK)
                                      : put_flow(sb, v)) != 0)
                        return -1;
                strbuf_addstr(sb, lo->eol);
                return 0;
        }
        strbuf_addstr(sb, lo->eol);
        if (v->kind == YVAL_MAP) {
                for (c = v->first; c; c = c->next)
                        if (put_pair(lo, sb, c->key, c, indent + lo->step) != 0)
                                return -1;
                return 0;
        }
        seq_style(lo, key, &off, &item);
        for (c = v->first; c; c = c->next)
                if (put_item(lo, sb, c, indent + off, item) != 0)
                        return -1;
        return 0;
}

static int put_pair(struct layout *lo, struct strbuf *sb, const char *key,
                    const struct yval *v, int indent)
{
        put_spaces(sb, indent);
        if (put_key(sb, key, YQUOTE_BLOCK) != 0)
                return -1;
        return put_value(lo, sb, key, v, indent);
}

/* One block sequence item, its '-' at dash, its content item columns
 * further. */
static int put_item(struct layout *lo, struct strbuf *sb, const struct yval *v,
                    int dash, int item)
{
        const struct yval *c;

        put_spaces(sb, dash);
        strbuf_addch(sb, '-');
        if (v->kind != YVAL_MAP || inline_val(v)) {
                strbuf_addch(sb, ' ');
                if ((is_scalar_val(v) ? put_scalar(sb, v, YQUOTE_BLOCK)
                                      : put_flow(sb, v)) != 0)
                        return -1;
                strbuf_addstr(sb, lo->eol);
                return 0;
        }
        for (c = v->first; c; c = c->next) {
                if (c == v->first) {
                        put_spaces(sb, item - 1);
                        if (put_key(sb, c->key, YQUOTE_BLOCK) != 0 ||
                            put_value(lo, sb, c->key, c, dash + item) != 0)
                                return -1;
                } else if (put_pair(lo, sb, c->key, c, dash + item) != 0) {
                        return -1;
                }
        }
        return 0;
}

/* ---- splices ---- */

struct splice {
        size_t pos, del;
        char *text;
        size_t len;
        size_t seq;
};

struct splices {
        struct splice *items;
        size_t n, cap;
};

static void add_splice(struct splices *s, size_t pos, size_t del,
                       struct strbuf *text)
{
        struct splice *sp;

        s->items = xgrow(s->items, &s->cap, s->n + 1, sizeof(*s->items));
        sp = &s->items[s->n];
        sp->pos = pos;
        sp->del = del;
        sp->seq = s->n++;
        sp->text = strbuf_detach(text, &sp->len);
        strbuf_init(text);
}

static int cmp_splice(const void *a, const void *b)
{
        const struct splice *x = a, *y = b;

        if (x->pos != y->pos)
                return x->pos < y->pos ? -1 : 1;
        if ((x->del == 0) != (y->del == 0))
                return x->del == 0 ? -1 : 1; /* insert, then delete */
        return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static size_t max_end(const struct ynode *n)
{
        size_t end = n->end;

        if (n->kind == YNODE_MAPPING && n->n > 0) {
                size_t k = max_end(n->pairs[n->n - 1].key);
                size_t v = max_end(n->pairs[n->n - 1].value);
                end = end > k ? end : k;
                end = end > v ? end : v;
        } else if (n->kind == YNODE_SEQUENCE && n->n > 0) {
                size_t v = max_end(n->items[n->n - 1]);
                end = end > v ? end : v;
        }
        return end;
}

/* The start of the line after the one holding byte end - 1. */
static size_t after_line(const struct edit *e, size_t end)
{
        const char *nl;

        if (end > 0 && e->doc->buf[end - 1] == '\n')
                return end;
        nl = memchr(e->doc->buf + end, '\n', e->doc->len - end);
        return nl ? (size_t)(nl - e->doc->buf) + 1 : e->doc->len;
}

static size_t line_start(const struct edit *e, size_t pos)
{
        while (pos > 0 && e->doc->buf[pos - 1] != '\n')
                pos--;
        return pos;
}

/* True if only spaces lie between the line start and pos. */
static bool starts_line(const struct edit *e, size_t pos)
{
        size_t i = line_start(e, pos);

        while (i < pos && e->doc->buf[i] == ' ')
                i++;
        return i == pos;
}

/* True if the line that ends at pos (just after its break) holds only
 * white space. */
static bool blank_line_before(const struct edit *e, size_t pos)
{
        size_t i;

        if (pos == 0 || e->doc->buf[pos - 1] != '\n')
                return false;
        for (i = line_start(e, pos - 1); i < pos - 1; i++)
                if (e->doc->buf[i] != ' ' && e->doc->buf[i] != '\t' &&
                    e->doc->buf[i] != '\r')
                        return false;
        return true;
}

/* A block scalar's chomping indicator: '+' (keep), '-' (strip), or 0
 * (clip, and every other scalar). */
static char chomping(const struct edit *e, const struct ynode *n)
{
        const char *b = e->doc->buf;
        size_t h;

        if (n->kind != YNODE_SCALAR ||
            (n->style != YSTYLE_LITERAL && n->style != YSTYLE_FOLDED))
                return 0;
        for (h = n->start + 1; h < n->start + 3 && h < e->doc->len; h++)
                if (b[h] == '+' || b[h] == '-')
                        return b[h];
        return 0;
}

static bool only_blank_lines(const struct edit *e, size_t from, size_t to);

/* The block scalar under n whose last line ends just before pos (a line
 * start; blank lines may lie between), or NULL.  A keep ('+') one's value holds
 * every line break up to the next line that is not blank, so a blank line added
 * at pos would join it; and under any chomping a line of spaces deeper than its
 * content at pos would be content. */
static const struct ynode *block_above(const struct edit *e,
                                       const struct ynode *n, size_t pos)
{
        size_t i;

        if (!n || n->start >= pos || pos == 0 || e->doc->buf[pos - 1] != '\n')
                return NULL;
        if (n->kind == YNODE_SCALAR)
                return (n->style == YSTYLE_LITERAL ||
                        n->style == YSTYLE_FOLDED) &&
                               after_line(e, n->end) <= pos &&
                               only_blank_lines(e, after_line(e, n->end), pos)
                           ? n
                           : NULL;
        for (i = n->n; i-- > 0;) {
                const struct ynode *c =
                    n->kind == YNODE_MAPPING ? n->pairs[i].value : n->items[i];
                if (c->start < pos)
                        return block_above(e, c, pos);
        }
        return NULL;
}

/* True if a keep ('+') block scalar ends just above pos, with only blank
 * lines between (its span holds those it keeps). */
static bool keep_ends_at(const struct edit *e, const struct ynode *n,
                         size_t pos)
{
        const struct ynode *b = block_above(e, n, pos);

        return b && chomping(e, b) == '+';
}

/*
 * New lines t go at pos.  When t opens with a blank line (new entries are
 * separated as their neighbours are) and a keep block scalar ends at pos,
 * that line would join the scalar's value: drop it, and when the scalar
 * already ends in a kept empty line (which then separates the new text
 * from it) put the blank line below the new text instead, unless it ends
 * the file.
 */
static void blank_after_keep(const struct edit *e, size_t pos, struct strbuf *t)
{
        size_t n = strlen(eol(e));

        if (t->len < n || memcmp(t->buf, eol(e), n) != 0 ||
            !keep_ends_at(e, e->doc->root, pos))
                return;
        memmove(t->buf, t->buf + n, t->len - n + 1);
        t->len -= n;
        if (blank_line_before(e, pos) && pos < e->doc->len)
                strbuf_addstr(t, eol(e));
}

static void prepend(struct strbuf *t, const char *s)
{
        struct strbuf n;

        strbuf_init(&n);
        strbuf_addstr(&n, s);
        strbuf_add(&n, t->buf, t->len);
        strbuf_release(t);
        *t = n;
}

static int text_error(struct edit *e, const char *key, struct diag_list *dl)
{
        diag_error(dl, e->path, 0, 0,
                   "cannot write the value of '%s': not valid UTF-8 text",
                   key ? key : "?");
        return -1;
}

/* A block scalar's header line may end in a comment ("|  # note"); the
 * value that replaces the scalar keeps it, with the spaces before it. */
static void header_comment(const struct edit *e, const struct ynode *n,
                           struct strbuf *t)
{
        const char *b = e->doc->buf;
        size_t end = n->start, i;

        while (end < n->end && b[end] != '\n')
                end++;
        if (end > n->start && b[end - 1] == '\r')
                end--;
        for (i = n->start + 1; i < end; i++) {
                if (b[i] != '#' || (b[i - 1] != ' ' && b[i - 1] != '\t'))
                        continue;
                while (i > n->start + 1 &&
                       (b[i - 1] == ' ' || b[i - 1] == '\t'))
                        i--;
                strbuf_add(t, b + i, end - i);
                return;
        }
}

/* The end of a block scalar's last content line (of its header line
 * without content), before its break: a keep scalar's span runs on over
 * the line breaks its value ends in. */
static size_t block_text_end(const struct edit *e, const struct ynode *n)
{
        const char *b = e->doc->buf;
        size_t pos = n->end, k = 0;

        while (k < n->len && n->value[n->len - 1 - k] == '\n')
                k++;
        if (chomping(e, n) != '+' || pos == 0 || b[pos - 1] != '\n')
                return n->end;
        for (; k > 0 && pos > n->start; k--) {
                if (b[pos - 1] != '\n')
                        pos = line_start(e, pos);
                pos--;
                if (pos > n->start && b[pos - 1] == '\r')
                        pos--;
        }
        return pos;
}

/* A block scalar replaced keeps the comment on its header line and, when
 * it keeps ('+') empty lines, those lines as blank lines. */
static int apply_replace(struct edit *e, struct edit_op *op, struct splices *sp,
                         struct strbuf *t, struct diag_list *dl)
{
        const struct ynode *n = op->node;
        bool flow = n->parent && n->parent->flow;
        size_t end = n->end;

        if (n->start == n->end && n->start > 0 &&
            e->doc->buf[n->start - 1] == ':')
                strbuf_addch(t, ' ');
        if (put_scalar(t, op->v, flow ? YQUOTE_FLOW : YQUOTE_BLOCK) != 0)
                return text_error(e, op->key, dl);
        if (n->style == YSTYLE_LITERAL || n->style == YSTYLE_FOLDED) {
                header_comment(e, n, t);
                end = block_text_end(e, n);
        }
        add_splice(sp, n->start, end - n->start, t);
        return 0;
}

static size_t pair_index(const struct ynode *m, const char *key)
{
        size_t i;

        for (i = 0; i < m->n; i++)
                if (ynode_is(m->pairs[i].key, key))
                        return i;
        return m->n;
}

static bool deleted(const struct edit *e, const struct ynode *m,
                    const struct ynode *key);

/* The first of the run of deleted pairs of m that ends just before pair k
 * (k itself when pair k - 1 stays). */
static size_t deleted_run_start(const struct edit *e, const struct ynode *m,
                                size_t k)
{
        while (k > 0 && deleted(e, m, m->pairs[k - 1].key))
                k--;
        return k;
}

/* True if only blank lines lie in [from, to) (both at line starts). */
static bool only_blank_lines(const struct edit *e, size_t from, size_t to)
{
        for (; from < to; from++)
                if (e->doc->buf[from] != ' ' && e->doc->buf[from] != '\t' &&
                    e->doc->buf[from] != '\r' && e->doc->buf[from] != '\n')
                        return false;
        return true;
}

/* The start of the first line at or after pos (a line start) that is not
 * blank, or the end of the file. */
static size_t skip_blank_lines(const struct edit *e, size_t pos)
{
        size_t next;

        while (pos < e->doc->len) {
                next = after_line(e, pos + 1);
                if (!only_blank_lines(e, pos, next))
                        break;
                pos = next;
        }
        return pos;
}

/* True if a line in [from, to) (at line starts) has more than col
 * leading spaces. */
static bool deeper_line(const struct edit *e, size_t from, size_t to, int col)
{
        size_t i;

        for (; from < to; from = after_line(e, i + 1)) {
                for (i = from; i < to && e->doc->buf[i] == ' '; i++)
                        ;
                if ((int)(i - from) > col)
                        return true;
                if (i >= to)
                        break;
        }
        return false;
}

/* The spaces before a line of block scalar n that make it content: the
 * indentation indicator's, else the first content line's, else one more
 * than the collection around n. */
static int content_indent(const struct edit *e, const struct ynode *n)
{
        const char *b = e->doc->buf;
        int parent = n->parent ? n->parent->col - 1 : -1;
        size_t h, i;

        for (h = n->start + 1; h < n->start + 3 && h < n->end; h++)
                if (b[h] >= '1' && b[h] <= '9')
                        return (parent > 0 ? parent : 0) + (b[h] - '0');
        for (h = after_line(e, n->start + 1); h < n->end;
             h = after_line(e, i + 1)) {
                for (i = h; i < n->end && b[i] == ' '; i++)
                        ;
                if (i < n->end && b[i] != '\n' && b[i] != '\r')
                        return (int)(i - h);
        }
        return parent + 1;
}

/* The block scalar that pair i of block mapping m, once it and the
 * deleted pairs before it are gone, would leave just above the lines
 * below it: one ends just above the run of deleted pairs, with only blank
 * lines between, and only blank lines lie between the pairs of the run up
 * to i.  NULL if none or if the pair stays. */
static const struct ynode *deleted_below_block(const struct edit *e,
                                               const struct ynode *m, size_t i)
{
        const struct ynode *n;
        size_t k, j;

        if (!deleted(e, m, m->pairs[i].key))
                return NULL;
        k = deleted_run_start(e, m, i);
        n = block_above(e, e->doc->root, line_start(e, m->pairs[k].key->start));
        for (j = k; n && j < i; j++)
                if (!only_blank_lines(
                        e, after_line(e, max_end(m->pairs[j].value)),
                        line_start(e, m->pairs[j + 1].key->start)))
                        return NULL;
        return n;
}

/*
 * Where the lines of pair i of block mapping m end: after its last line.
 * A deleted pair that would leave a block scalar above the blank lines
 * below it takes them along when they would join its value: blank lines
 * below a keep ('+') scalar, lines of spaces deeper than its content's
 * indentation below any.
 */
static size_t pair_lines_end(const struct edit *e, const struct ynode *m,
                             size_t i)
{
        size_t to = after_line(e, max_end(m->pairs[i].value)), end;
        const struct ynode *n = deleted_below_block(e, m, i);

        if (!n)
                return to;
        end = skip_blank_lines(e, to);
        if (chomping(e, n) == '+' ||
            deeper_line(e, to, end, content_indent(e, n)))
                return end;
        return to;
}

/* A comment line below deleted pair i (the last of its run) that would
 * become content of the block scalar above moves to the column of m's
 * keys. */
static void dedent_comment_below(struct edit *e, const struct ynode *m,
                                 size_t i, struct splices *sp, struct strbuf *t)
{
        const struct ynode *b = deleted_below_block(e, m, i);
        size_t pos, n = 0;
        int col = indent_of(m);

        if (!b || (i + 1 < m->n && deleted(e, m, m->pairs[i + 1].key)))
                return;
        pos = skip_blank_lines(e, pair_lines_end(e, m, i));
        while (pos + n < e->doc->len && e->doc->buf[pos + n] == ' ')
                n++;
        if (pos + n < e->doc->len && e->doc->buf[pos + n] == '#' &&
            (int)n >= content_indent(e, b) && (int)n > col)
                add_splice(sp, pos + (size_t)col, n - (size_t)col, t);
}

/* True if a comment lies between pairs first - 1 and last of flow mapping
 * m (between two nodes of a flow collection there are only white space,
 * commas and comments). */
static bool comments_between(const struct edit *e, const struct ynode *m,
                             size_t first, size_t last)
{
        size_t j, from, to;

        for (j = first > 0 ? first : 1; j <= last && j < m->n; j++) {
                from = max_end(m->pairs[j - 1].value);
                to = m->pairs[j].key->start;
                if (to > from && memchr(e->doc->buf + from, '#', to - from))
                        return true;
        }
        return false;
}

static bool blank_to_line_end(const struct edit *e, size_t pos);

/* The first ',' at or after pos, past white space and comments. */
static size_t next_comma(const struct edit *e, size_t pos)
{
        const char *b = e->doc->buf;

        while (pos < e->doc->len && b[pos] != ',') {
                if (b[pos] == '#')
                        pos = after_line(e, pos + 1) - 1;
                pos++;
        }
        return pos;
}

/* Delete [from, to) of a flow pair; its line when nothing else is on it
 * (and no text is inserted at to). */
static void delete_piece(struct edit *e, const struct ynode *m, size_t from,
                         size_t to, struct splices *sp, struct strbuf *t)
{
        struct edit_op *op;
        bool at_end = false;

        for (op = e->ops; op; op = op->next)
                at_end |=
                    op->kind == OP_INSERT && op->node == m && op->index == m->n;
        if (starts_line(e, from) && blank_to_line_end(e, to) &&
            (!at_end || to < max_end(m->pairs[m->n - 1].value))) {
                from = line_start(e, from);
                to = after_line(e, to);
        }
        add_splice(sp, from, to - from, t);
}

/*
 * A pair of a flow mapping whose neighbours hold comments between them
 * goes with one comma -- the one after it, or when it is one of the pairs
 * that end the mapping, the one before it -- and leaves the comments:
 * its text goes (with its line when nothing else is on it), the commas
 * and comments around it stay.
 */
static void delete_flow_keeping_comments(struct edit *e, const struct ynode *m,
                                         size_t i, size_t k, struct splices *sp,
                                         struct strbuf *t)
{
        const char *b = e->doc->buf;
        size_t from = m->pairs[i].key->start;
        size_t to = max_end(m->pairs[i].value), c;

        if (i + 1 < m->n && (i < k || k == 0)) {
                c = next_comma(e, to);
                if (c < e->doc->len && only_blank_lines(e, to, c) &&
                    !memchr(b + to, '\n', c - to))
                        to = c + 1; /* the comma on the pair's line */
                else if (c < e->doc->len)
                        add_splice(sp, c, 1, t);
        } else if (i >= k && k > 0) {
                c = next_comma(e, max_end(m->pairs[i - 1].value));
                if (c < e->doc->len)
                        add_splice(sp, c, 1, t);
        }
        delete_piece(e, m, from, to, sp, t);
}

/* A pair of a block mapping goes with its lines.  In a flow mapping a pair
 * goes with the ", " after it; the run of deleted pairs that ends the
 * mapping goes as one piece, with the ", " before it.  Comments between
 * the pairs of a flow mapping stay. */
static void apply_delete(struct edit *e, struct edit_op *op, struct splices *sp,
                         struct strbuf *t)
{
        const struct ynode *m = op->node;
        size_t i = pair_index(m, op->key), from, to, k;

        if (!m->flow) {
                from = line_start(e, m->pairs[i].key->start);
                to = pair_lines_end(e, m, i);
                add_splice(sp, from, to - from, t);
                dedent_comment_below(e, m, i, sp, t);
                return;
        }
        k = deleted_run_start(e, m, m->n);
        if (i < k ? comments_between(e, m, i + 1, i + 1)
                  : comments_between(e, m, k, m->n - 1)) {
                delete_flow_keeping_comments(e, m, i, k, sp, t);
                return;
        }
        if (i < k) {
                from = m->pairs[i].key->start;
                to = m->pairs[i + 1].key->start;
        } else if (i != k) {
                return; /* deleted with the run that starts at pair k */
        } else {
                from = k > 0 ? max_end(m->pairs[k - 1].value)
                             : m->pairs[0].key->start;
                to = max_end(m->pairs[m->n - 1].value);
        }
        add_splice(sp, from, to - from, t);
}

static bool pairs_spaced(const struct edit *e, const struct ynode *m, size_t i);

static int cmp_insert(const void *a, const void *b)
{
        const struct edit_op *x = *(struct edit_op *const *)a;
        const struct edit_op *y = *(struct edit_op *const *)b;

        if (x->index != y->index)
                return x->index < y->index ? -1 : 1;
        if (x->rank != y->rank)
                return x->rank < y->rank ? -1 : 1;
        return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Where text inserted before pair i (i == n: at the end) of block mapping
 * m goes. */
static size_t block_insert_pos(struct edit *e, const struct ynode *m, size_t i)
{
        if (i == 0 && m->n > 0 && starts_line(e, m->pairs[0].key->start))
                return line_start(e, m->pairs[0].key->start);
        if (i == 0 && m->n > 0)
                i = 1; /* the first key shares its line with "- " */
        if (m->n == 0)
                return after_line(e, m->end);
        return pair_lines_end(e, m, i - 1);
}

/* Text inserted before pair at of flow mapping m, when that pair is
 * deleted, goes after the last pair before it that stays: its index + 1,
 * or 0 when the pair stays or none before it does. */
static size_t kept_before(const struct edit *e, const struct ynode *m,
                          size_t at)
{
        return deleted(e, m, m->pairs[at].key) ? deleted_run_start(e, m, at)
                                               : 0;
}

static int apply_inserts(struct edit *e, struct layout *lo,
                         struct edit_op *first, struct splices *sp,
                         struct strbuf *t, struct diag_list *dl)
{
        const struct ynode *m = first->node;
        struct edit_op **group = NULL, *op;
        size_t n = 0, cap = 0, i = 0, j, k;
        int rc = -1;

        for (op = first; op; op = op->next)
                if (op->kind == OP_INSERT && op->node == m) {
                        group = xgrow(group, &cap, n + 1, sizeof(*group));
                        group[n++] = op;
                        op->done = true;
                }
        qsort(group, n, sizeof(*group), cmp_insert);
        lo->step = step_near(e, m);
        while (i < n) {
                size_t at = group[i]->index, pos;
                for (j = i; j < n && group[j]->index == at; j++) {
                        if (!m->flow) {
                                if (pairs_spaced(e, m, at))
                                        strbuf_addstr(t, lo->eol);
                                if (put_pair(lo, t, group[j]->key, group[j]->v,
                                             indent_of(m)) != 0)
                                        goto out;
                                continue;
                        }
                        if (j > i || (at == m->n && m->n > 0))
                                strbuf_addstr(t, ", ");
                        if (put_key(t, group[j]->key, YQUOTE_FLOW) != 0)
                                goto out;
                        strbuf_addch(t, ' ');
                        if (put_flow(t, group[j]->v) != 0)
                                goto out;
                }
                if (!m->flow) {
                        pos = block_insert_pos(e, m, at);
                        blank_after_keep(e, pos, t);
                        if (pos == e->doc->len && pos > 0 &&
                            e->doc->buf[pos - 1] != '\n')
                                prepend(t, lo->eol);
                } else if (m->n == 0)
                        pos = m->end - 1;
                else if (at == m->n)
                        pos = max_end(m->pairs[m->n - 1].value);
                else if ((k = kept_before(e, m, at)) > 0) {
                        /* the pair it would precede goes: follow the last
                         * pair that stays instead */
                        prepend(t, ", ");
                        pos = max_end(m->pairs[k - 1].value);
                } else {
                        strbuf_addstr(t, ", ");
                        pos = m->pairs[at].key->start;
                }
                add_splice(sp, pos, 0, t);
                i = j;
        }
        rc = 0;
out:
        if (rc != 0)
                text_error(e, group[i]->key, dl);
        free(group);
        return rc;
}

/* Whether only white space follows pos on its line. */
static bool blank_to_line_end(const struct edit *e, size_t pos)
{
        for (; pos < e->doc->len && e->doc->buf[pos] != '\n'; pos++)
                if (e->doc->buf[pos] != ' ' && e->doc->buf[pos] != '\t' &&
                    e->doc->buf[pos] != '\r')
                        return false;
        return true;
}

/* The first of the spaces and tabs just before pos. */
static size_t spaces_before(const struct edit *e, size_t pos)
{
        while (pos > 0 &&
               (e->doc->buf[pos - 1] == ' ' || e->doc->buf[pos - 1] == '\t'))
                pos--;
        return pos;
}

/* null or [] on the key's line goes with the spaces before it; alone on
 * its line, the line goes.  Returns true in that case. */
static bool drop_empty_value(const struct edit *e, const struct ynode *n,
                             struct splices *sp, struct strbuf *t)
{
        size_t from = spaces_before(e, n->start), to = n->end;
        bool own_line = from > 0 && e->doc->buf[from - 1] == '\n' &&
                        blank_to_line_end(e, n->end);

        if (own_line)
                to = after_line(e, n->end);
        else if (from == 0 || e->doc->buf[from - 1] != ':')
                from = n->start;
        add_splice(sp, from, to - from, t);
        return own_line;
}

/* True if n is "[ ... ]" with a comment inside (it holds no item). */
static bool holds_comment(const struct edit *e, const struct ynode *n)
{
        return n->kind == YNODE_SEQUENCE && n->end > n->start &&
               memchr(e->doc->buf + n->start, '#', n->end - n->start);
}

/*
 * The brackets of an empty flow sequence that holds comments go, the
 * comments stay where they are: '[' with the spaces before it (and its
 * line when nothing else is on it), ']' with the white space around it
 * (and its line when nothing follows it).  Returns true if the line of
 * ']' went.
 */
static bool drop_brackets(const struct edit *e, const struct ynode *n,
                          struct splices *sp, struct strbuf *t)
{
        size_t open = n->start, close = n->end - 1;
        size_t from = spaces_before(e, open), to = open + 1;
        bool whole = blank_to_line_end(e, close + 1);

        if (e->doc->buf[to] == '#') { /* "[# ...": a space keeps it one */
                strbuf_addch(t, ' ');
                from = open;
        } else if (blank_to_line_end(e, to)) {
                if (from > 0 && e->doc->buf[from - 1] != '\n')
                        to = after_line(e, to) - 1; /* keep the line end */
                else
                        to = after_line(e, to);
                if (to > open + 1 && e->doc->buf[to - 1] == '\r')
                        to--;
        }
        add_splice(sp, from, to - from, t);
        from = spaces_before(e, close);
        if (from != line_start(e, close))
                from = close;
        if (whole) {
                to = after_line(e, close + 1);
        } else { /* the comment after ']' takes its place, indented by
                  * the spaces before it (not tabs) */
                if (strspn(e->doc->buf + from, " ") >= close - from)
                        put_spaces(t, (int)(close - from));
                for (to = close + 1;
                     e->doc->buf[to] == ' ' || e->doc->buf[to] == '\t'; to++)
                        ;
        }
        add_splice(sp, from, to - from, t);
        return whole;
}

/* null or [] under a block mapping key becomes a block sequence: drop it
 * (and the spaces before it) from the key's line, add the items below;
 * comments inside the brackets stay, above the items. */
static int apply_convert(struct edit *e, struct layout *lo,
                         const struct edit_op *first, const struct yval *items,
                         struct splices *sp, struct strbuf *t)
{
        const struct ynode *n = first->node;
        const struct yval *c;
        size_t at = after_line(e, n->end), len = e->doc->len;
        bool line_gone;
        int off, item;

        if (holds_comment(e, n))
                line_gone = drop_brackets(e, n, sp, t);
        else
                line_gone = drop_empty_value(e, n, sp, t);
        seq_style(lo, first->key, &off, &item);
        for (c = items->first; c; c = c->next)
                if (put_item(lo, t, c, indent_of(first->owner) + off, item) !=
                    0)
                        return -1;
        if (!line_gone && at == len &&
            (len == 0 || e->doc->buf[len - 1] != '\n'))
                prepend(t, lo->eol);
        add_splice(sp, at, 0, t);
        return 0;
}

/* True if a blank line lies between the line holding byte prev_end - 1 and
 * the line holding next_start. */
static bool blank_between(const struct edit *e, size_t prev_end,
                          size_t next_start)
{
        size_t from = after_line(e, prev_end), to = line_start(e, next_start);
        bool blank = true;
        size_t i;

        for (i = from; i < to; i++) {
                char c = e->doc->buf[i];
                if (c == '\n' && blank)
                        return true;
                if (c == '\n')
                        blank = true;
                else if (c != ' ' && c != '\t' && c != '\r')
                        blank = false;
        }
        return false;
}

/* New items of block sequence n are separated as its last two are. */
static bool items_spaced(const struct edit *e, const struct ynode *n)
{
        return n->n >= 2 && blank_between(e, max_end(n->items[n->n - 2]),
                                          n->items[n->n - 1]->start);
}

/* New keys before pair i of block mapping m are separated as the pairs
 * around them (at the end: as the last two). */
static bool pairs_spaced(const struct edit *e, const struct ynode *m, size_t i)
{
        if (i == 0 || m->n < 2)
                return false;
        if (i == m->n)
                i = m->n - 1;
        return blank_between(e, max_end(m->pairs[i - 1].value),
                             m->pairs[i].key->start);
}

/*
 * Where items appended to block sequence n go: after its last item's
 * lines, and past the comment lines below them (with the blank lines
 * between) that are indented at least as deep as that item's keys, which
 * belong to it.  A comment at the sequence's column belongs to what
 * follows.
 */
static size_t past_item_comments(const struct edit *e, const struct ynode *n,
                                 size_t pos)
{
        const struct ynode *last = n->items[n->n - 1];
        const char *b = e->doc->buf;
        size_t p = pos, i;

        if (last->kind != YNODE_MAPPING || last->flow)
                return pos;
        while (p < e->doc->len) {
                for (i = p; i < e->doc->len && b[i] == ' '; i++)
                        ;
                if (i < e->doc->len && b[i] == '#' &&
                    (int)(i - p) < last->col - 1)
                        break;
                if (i < e->doc->len && b[i] != '#' && b[i] != '\n' &&
                    b[i] != '\r')
                        break;
                p = after_line(e, p + 1);
                if (i < e->doc->len && b[i] == '#')
                        pos = p;
        }
        return pos;
}

static int apply_appends(struct edit *e, struct layout *lo,
                         struct edit_op *first, struct splices *sp,
                         struct strbuf *t, struct diag_list *dl)
{
        const struct ynode *n = first->node;
        struct yval items = {YVAL_SEQ, NULL, 0, false, NULL, NULL, NULL, NULL};
        const struct yval *c;
        struct edit_op *op;
        size_t pos;
        int item;

        items.tail = &items.first;
        lo->step = step_near(e, n);
        for (op = first; op; op = op->next)
                if (op->kind == OP_APPEND && op->node == n) {
                        struct yval *copy =
                            arena_alloc(&e->arena, sizeof(*copy));
                        *copy = *op->v;
                        yval_push(&items, copy);
                        op->done = true;
                }
        if (n->kind == YNODE_SEQUENCE && !n->flow && n->n > 0) {
                item = n->items[0]->kind == YNODE_MAPPING && !n->items[0]->flow
                           ? n->items[0]->col - n->col
                           : 2;
                for (c = items.first; c; c = c->next) {
                        if (items_spaced(e, n))
                                strbuf_addstr(t, lo->eol);
                        if (put_item(lo, t, c, n->col - 1, item) != 0)
                                goto bad;
                }
                pos = past_item_comments(e, n, after_line(e, max_end(n)));
                blank_after_keep(e, pos, t);
                if (pos == e->doc->len && e->doc->buf[pos - 1] != '\n')
                        prepend(t, lo->eol);
                add_splice(sp, pos, 0, t);
                return 0;
        }
        if (n->kind == YNODE_SEQUENCE && n->n > 0) {
                for (c = items.first; c; c = c->next) {
                        strbuf_addstr(t, ", ");
                        if (put_flow(t, c) != 0)
                                goto bad;
                }
                add_splice(sp, max_end(n->items[n->n - 1]), 0, t);
                return 0;
        }
        if (!first->owner->flow) {
                if (apply_convert(e, lo, first, &items, sp, t) != 0)
                        goto bad;
                return 0;
        }
        items.flow = true;
        if (put_flow(t, &items) != 0)
                goto bad;
        if (n->kind == YNODE_SEQUENCE) { /* [] in flow: fill it */
                strbuf_reset(t);
                for (c = items.first; c; c = c->next) {
                        if (c != items.first)
                                strbuf_addstr(t, ", ");
                        if (put_flow(t, c) != 0)
                                goto bad;
                }
                add_splice(sp, n->end - 1, 0, t);
        } else {
                add_splice(sp, n->start, n->end - n->start, t);
        }
        return 0;
bad:
        return text_error(e, first->key, dl);
}

/* The scalar that ends the document: the last value, all the way down. */
static const struct ynode *last_scalar(const struct ynode *n)
{
        while (n && n->kind != YNODE_SCALAR)
                n = n->n == 0                  ? NULL
                    : n->kind == YNODE_MAPPING ? n->pairs[n->n - 1].value
                                               : n->items[n->n - 1];
        return n;
}

/*
 * Text added at the end of a file without a final line break starts with
 * one; when a block scalar ends the file, that break would become part of
 * its value.  Strip chomping ('-') keeps the value as it was: add it to the
 * scalar's indicator ('|' to '|-', '|+' to '|-').
 */
static void chomp_last_block(struct edit *e, struct splices *sp,
                             struct strbuf *t)
{
        const char *b = e->doc->buf;
        size_t len = e->doc->len, i, h;
        const struct ynode *n;
        bool added = false;

        if (len == 0 || b[len - 1] == '\n')
                return;
        n = last_scalar(e->doc->root);
        for (i = 0; i < sp->n; i++) {
                added |= sp->items[i].pos == len && sp->items[i].len > 0;
                if (n && sp->items[i].del > 0 &&
                    sp->items[i].pos <= n->start + 1 &&
                    n->start + 1 < sp->items[i].pos + sp->items[i].del)
                        return; /* the scalar itself is replaced */
        }
        if (!added || !n || n->end != len ||
            (n->style != YSTYLE_LITERAL && n->style != YSTYLE_FOLDED) ||
            (n->len > 0 && n->value[n->len - 1] == '\n'))
                return;
        if (n->len == 0 && chomping(e, n) != '+')
                return; /* without content the value stays empty */
        for (h = n->start + 1; h < n->start + 3 && h < len; h++) {
                if (b[h] == '-')
                        return;
                if (b[h] == '+') {
                        strbuf_addch(t, '-');
                        add_splice(sp, h, 1, t);
                        return;
                }
                if (b[h] < '1' || b[h] > '9')
                        break;
        }
        strbuf_addch(t, '-');
        add_splice(sp, n->start + 1, 0, t);
}

int edit_apply(struct edit *e, struct strbuf *out, struct diag_list *dl)
{
        struct layout lo = {e, eol(e), step_of(e)};
        struct splices sp = {NULL, 0, 0};
        struct strbuf t;
        struct edit_op *op;
        size_t i, at = 0;
        int rc = 0;

        strbuf_init(&t);
        for (op = e->ops; op; op = op->next)
                op->done = false;
        for (op = e->ops; op && rc == 0; op = op->next) {
                if (op->done)
                        continue;
                if (op->kind == OP_REPLACE)
                        rc = apply_replace(e, op, &sp, &t, dl);
                else if (op->kind == OP_DELETE)
                        apply_delete(e, op, &sp, &t);
                else if (op->kind == OP_INSERT)
                        rc = apply_inserts(e, &lo, op, &sp, &t, dl);
                else
                        rc = apply_appends(e, &lo, op, &sp, &t, dl);
        }
        if (rc == 0)
                chomp_last_block(e, &sp, &t);
        if (rc == 0) {
                if (sp.n > 1)
                        qsort(sp.items, sp.n, sizeof(*sp.items), cmp_splice);
                strbuf_reset(out);
                strbuf_grow(out, e->doc->len + 256);
                for (i = 0; i < sp.n; i++) {
                        if (sp.items[i].pos < at) {
                                diag_error(dl, e->path, 0, 0,
                                           "internal error: overlapping "
                                           "changes");
                                rc = -1;
                                break;
                        }
                        strbuf_add(out, e->doc->buf + at, sp.items[i].pos - at);
                        strbuf_add(out, sp.items[i].text, sp.items[i].len);
                        at = sp.items[i].pos + sp.items[i].del;
                }
                strbuf_add(out, e->doc->buf + at, e->doc->len - at);
        }
        for (i = 0; i < sp.n; i++)
                free(sp.items[i].text);
        free(sp.items);
        strbuf_release(&t);
        return rc;
}

int edit_render(struct edit *e, const struct yval *map, struct strbuf *out,
                struct diag_list *dl)
{
        struct layout lo = {e, eol(e), step_of(e)};
        const struct yval *c;

        for (c = map->first; c; c = c->next)
                if (put_pair(&lo, out, c->key, c, 0) != 0)
                        return text_error(e, c->key, dl);
        return 0;
}

/* ---- verification ---- */

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

        if (is_scalar_val(v)) {
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

static bool deleted(const struct edit *e, const struct ynode *m,
                    const struct ynode *key)
{
        struct edit_op *op;

        for (op = e->ops; op; op = op->next)
                if (op->kind == OP_DELETE && op->node == m &&
                    ynode_is(key, op->key))
                        return true;
        return false;
}

static int cmp_map(struct edit *e, const struct ynode *o, const struct ynode *n,
                   struct diag_list *dl)
{
        size_t i, j = 0;
        struct edit_op *op;

        for (i = 0; i < n->n; i++) {
                const struct ynode *k = n->pairs[i].key;
                op = find_op(e, OP_INSERT, o, NULL);
                for (; op; op = op->next)
                        if (op->kind == OP_INSERT && op->node == o &&
                            ynode_is(k, op->key))
                                break;
                if (op) {
                        op->hits++;
                        if (cmp_val(e, op->v, n->pairs[i].value, dl) != 0)
                                return -1;
                        continue;
                }
                while (j < o->n && deleted(e, o, o->pairs[j].key))
                        j++;
                if (j >= o->n || !same_scalar(o->pairs[j].key, k))
                        return differ(e, k, "a key", dl);
                if (cmp_node(e, o->pairs[j].value, n->pairs[i].value, dl) != 0)
                        return -1;
                j++;
        }
        while (j < o->n && deleted(e, o, o->pairs[j].key))
                j++;
        if (j != o->n)
                return differ(e, n, "a missing key", dl);
        for (op = e->ops; op; op = op->next)
                if (op->kind == OP_INSERT && op->node == o && op->hits != 1)
                        return differ(e, n, "a new key", dl);
        return 0;
}

static int cmp_seq(struct edit *e, const struct ynode *o, const struct ynode *n,
                   struct diag_list *dl)
{
        size_t i, nold = o->kind == YNODE_SEQUENCE ? o->n : 0;
        struct edit_op *op;

        if (n->kind != YNODE_SEQUENCE || n->n < nold)
                return differ(e, n, "a sequence", dl);
        for (i = 0; i < nold; i++)
                if (cmp_node(e, o->items[i], n->items[i], dl) != 0)
                        return -1;
        for (op = e->ops; op; op = op->next) {
                if (op->kind != OP_APPEND || op->node != o)
                        continue;
                if (i >= n->n)
                        return differ(e, n, "a missing new item", dl);
                if (cmp_val(e, op->v, n->items[i++], dl) != 0)
                        return -1;
        }
        return i == n->n ? 0 : differ(e, n, "extra items", dl);
}

static int cmp_node(struct edit *e, const struct ynode *o,
                    const struct ynode *n, struct diag_list *dl)
{
        struct edit_op *op;

        if (find_op(e, OP_APPEND, o, NULL))
                return cmp_seq(e, o, n, dl);
        if (o->kind == YNODE_SCALAR) {
                op = find_op(e, OP_REPLACE, o, NULL);
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
