/*
 * edit-value: values replaced whatever their kinds (edit_replace_value),
 * and values copied from the nodes of any parsed document
 * (yval_from_node).
 *
 * A value on its key's line (a scalar, a flow collection, an empty value)
 * is replaced in place; a block collection goes with its lines and the
 * comment lines below them indented deeper than its key.  A new block
 * collection goes on the lines after the key's line, as a new key's value
 * would; anything else on the key's line.  The comment on the key's line
 * stays (on a block scalar's header line too).
 */
#include <string.h>

#include "edit-internal.h"
#include "roadmap/yquote.h"

/* v goes on the lines after its key. */
static bool new_block(const struct edit_op *op)
{
        const struct yval *v = op->v;

        return !op->owner->flow && !yval_is_scalar(v) && !v->flow && v->first;
}

/* The lines of block collection v under op's key, into t. */
static int put_lines(struct layout *lo, const struct edit_op *op,
                     struct strbuf *t)
{
        size_t n = strlen(lo->eol), len = t->len;

        if (edit_put_value(lo, t, op->key, op->v, edit_indent_of(op->owner)) !=
            0)
                return -1;
        memmove(t->buf + len, t->buf + len + n, t->len - len - n + 1);
        t->len -= n; /* without the line end after "key:" */
        return 0;
}

/* v on the line where old stood, in its place. */
static int put_inline(const struct edit *e, const struct edit_op *op,
                      struct strbuf *t)
{
        const struct ynode *old = op->node;
        const struct yval *v = op->v;
        bool flow = op->owner->flow;

        if (old->start == old->end && old->start > 0 &&
            e->doc->buf[old->start - 1] == ':' &&
            (v->kind != YVAL_RAW || v->len > 0 || flow))
                strbuf_addch(t, ' ');
        if (yval_is_scalar(v))
                return edit_put_scalar(t, v, flow ? YQUOTE_FLOW : YQUOTE_BLOCK);
        return edit_put_flow(t, v);
}

/* New lines t at pos, the start of a line (or the end of the file). */
static void add_lines(struct edit *e, struct layout *lo, size_t pos,
                      struct splices *sp, struct strbuf *t)
{
        if (pos == e->doc->len && pos > 0 && e->doc->buf[pos - 1] != '\n')
                edit_prepend(t, lo->eol);
        edit_add_splice(sp, pos, 0, t);
}

/* A value on its key's line: a scalar (a block scalar's lines with it) or
 * a flow collection. */
static int replace_inline(struct edit *e, struct layout *lo,
                          const struct edit_op *op, struct splices *sp,
                          struct strbuf *t)
{
        const struct ynode *old = op->node;
        bool block =
            old->kind == YNODE_SCALAR &&
            (old->style == YSTYLE_LITERAL || old->style == YSTYLE_FOLDED);
        size_t from = old->start, end = edit_max_end(old);

        if (block)
                end = edit_block_text_end(e, old);
        if (new_block(op)) {
                from = edit_spaces_before(e, old->start);
                if (block)
                        edit_header_comment(e, old, t);
                edit_add_splice(sp, from, end - from, t);
                if (put_lines(lo, op, t) != 0)
                        return -1;
                add_lines(e, lo, edit_after_line(e, end), sp, t);
                return 0;
        }
        if (put_inline(e, op, t) != 0)
                return -1;
        if (block)
                edit_header_comment(e, old, t);
        else if (end < e->doc->len && e->doc->buf[end] == '#')
                strbuf_addch(t, ' '); /* keep "'A'#c" apart, as edit_set */
        edit_add_splice(sp, from, end - from, t);
        return 0;
}

/* Where the lines of block collection n under a key at col end: after its
 * last line and the comment lines below it indented deeper than col (with
 * the blank lines between). */
static size_t value_lines_end(const struct edit *e, const struct ynode *n,
                              int col)
{
        const char *b = e->doc->buf;
        size_t pos = edit_after_line(e, edit_max_end(n)), p = pos, i;

        while (p < e->doc->len) {
                for (i = p; i < e->doc->len && b[i] == ' '; i++)
                        ;
                if (i < e->doc->len && b[i] == '#') {
                        if ((int)(i - p) <= col)
                                break;
                        pos = p = edit_after_line(e, i + 1);
                        continue;
                }
                if (!edit_only_blank_lines(e, p, edit_after_line(e, p + 1)))
                        break;
                p = edit_after_line(e, p + 1);
        }
        return pos;
}

/* A block collection: its lines go; the new value goes after the key's
 * ':' or on the lines after the key's. */
static int replace_block(struct edit *e, struct layout *lo,
                         const struct edit_op *op, struct splices *sp,
                         struct strbuf *t, struct diag_list *dl)
{
        const struct ynode *old = op->node, *k;
        size_t from, to, p;

        ynode_get(op->owner, op->key, &k);
        from = edit_after_line(e, k->end);
        to = value_lines_end(e, old, k->col - 1);
        if (new_block(op)) {
                if (put_lines(lo, op, t) != 0)
                        return -1;
                edit_add_splice(sp, from, to - from, t);
                return 0;
        }
        for (p = k->end; p < e->doc->len && e->doc->buf[p] == ' '; p++)
                ;
        if (p >= e->doc->len || e->doc->buf[p] != ':' || from > old->start) {
                diag_error(dl, e->path, k->line, k->col,
                           "internal error: no ':' ends the line of '%s'",
                           op->key);
                return 1;
        }
        edit_add_splice(sp, from, to - from, t);
        if (put_inline(e, op, t) != 0)
                return -1;
        if (t->len > 0 && t->buf[0] != ' ')
                edit_prepend(t, " ");
        edit_add_splice(sp, p + 1, 0, t);
        return 0;
}

int edit_apply_value(struct edit *e, struct layout *lo, struct edit_op *op,
                     struct splices *sp, struct strbuf *t, struct diag_list *dl)
{
        const struct ynode *old = op->node;
        int rc;

        op->done = true;
        lo->step = edit_step_near(e, op->owner);
        if (old->kind != YNODE_SCALAR && !old->flow)
                rc = replace_block(e, lo, op, sp, t, dl);
        else
                rc = replace_inline(e, lo, op, sp, t);
        if (rc > 0)
                return -1;
        return rc == 0 ? 0 : edit_text_error(e, op->key, dl);
}

/* ---- values from nodes ---- */

static struct yval *scalar_from(struct edit *e, const struct ynode *n)
{
        bool raw = n->style == YSTYLE_PLAIN &&
                   yquote_resolves_non_string(n->value, n->len);
        struct yval *v = yval_str(e, "");

        v->kind = raw ? YVAL_RAW : YVAL_STR;
        v->s = arena_strndup(&e->arena, n->value, n->len);
        v->len = n->len;
        return v;
}

struct yval *yval_from_node(struct edit *e, const struct ynode *n)
{
        struct yval *v, *c;
        size_t i;

        if (!n)
                return NULL;
        if (n->kind == YNODE_SCALAR)
                return scalar_from(e, n);
        if (n->kind == YNODE_SEQUENCE) {
                v = yval_seq(e, n->flow);
                for (i = 0; i < n->n; i++)
                        yval_push(v, yval_from_node(e, n->items[i]));
                return v;
        }
        v = yval_map(e, n->flow);
        for (i = 0; i < n->n; i++) {
                /* keys of a parsed mapping differ: no search (yval_put) */
                c = yval_from_node(e, n->pairs[i].value);
                c->key = arena_strndup(&e->arena, n->pairs[i].key->value,
                                       n->pairs[i].key->len);
                yval_push(v, c);
        }
        return v;
}
