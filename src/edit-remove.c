/*
 * edit-remove: the splices that remove items of a sequence.
 *
 * A run of adjacent removed items of a block sequence goes as one piece of
 * whole lines: from the start of the comment lines directly above the
 * first item's '-' (no blank line between, indented no deeper than the
 * '-') to the end of the last item's last line, with the comment lines
 * below it that are indented deeper than the '-' (they belong to it, as
 * edit_append() sees them).  Blank lines keep the spacing of the items that
 * stay: a run that does not end the sequence takes the blank lines after
 * it, one that ends it the blank lines above it (appended items go where
 * that run started).  When every item goes and none is appended, the key
 * keeps an empty flow sequence: " []" after its ':'.
 *
 * In a flow sequence an item goes with one comma (the one after it, or
 * for items that end the sequence the one before); comments stay.
 */
#include <string.h>

#include "edit-internal.h"

/* Whether the line starting at p holds only a comment; *indent gets the
 * spaces before its first character. */
static bool comment_line(const struct edit *e, size_t p, int *indent)
{
        const char *b = e->doc->buf;
        size_t i = p;

        while (i < e->doc->len && b[i] == ' ')
                i++;
        *indent = (int)(i - p);
        return i < e->doc->len && b[i] == '#';
}

static size_t next_line(const struct edit *e, size_t p)
{
        return edit_after_line(e, p + 1);
}

/* Where the lines of item i of block sequence n end: after its last line
 * and the comment lines below it indented deeper than its '-' (with the
 * blank lines between them). */
static size_t item_lines_end(const struct edit *e, const struct ynode *n,
                             size_t i)
{
        size_t pos = edit_after_line(e, edit_max_end(n->items[i])), p = pos;
        int ind;

        while (p < e->doc->len) {
                if (comment_line(e, p, &ind)) {
                        if (ind <= n->col - 1)
                                break;
                        pos = p = next_line(e, p);
                        continue;
                }
                if (!edit_only_blank_lines(e, p, next_line(e, p)))
                        break;
                p = next_line(e, p);
        }
        return pos;
}

/* The start of the line of the '-' of item i of block sequence n. */
static size_t dash_line(const struct edit *e, const struct ynode *n, size_t i)
{
        size_t p;
        int ind;

        if (i == 0)
                return edit_line_start(e, n->start);
        for (p = item_lines_end(e, n, i - 1); p < n->items[i]->start;
             p = next_line(e, p)) {
                comment_line(e, p, &ind);
                if (ind == n->col - 1 && e->doc->buf[p + ind] == '-')
                        return p;
        }
        return edit_line_start(e, n->items[i]->start);
}

/* The first of the comment lines (indented at most col) directly above
 * line start p, not above floor. */
static size_t comments_above(const struct edit *e, size_t floor, size_t p,
                             int col)
{
        int ind;

        while (p > floor) {
                size_t prev = edit_line_start(e, p - 1);
                if (prev < floor || !comment_line(e, prev, &ind) || ind > col)
                        break;
                p = prev;
        }
        return p;
}

/* The first of the blank lines directly above line start p, not above
 * floor. */
static size_t blanks_above(const struct edit *e, size_t floor, size_t p)
{
        while (p > floor) {
                size_t prev = edit_line_start(e, p - 1);
                if (prev < floor || !edit_only_blank_lines(e, prev, p))
                        break;
                p = prev;
        }
        return p;
}

/* When the lines [from, to) go, the blank lines below them would follow a
 * block scalar that ends above from: take them along when they would
 * join its value (below a keep ('+') scalar, or lines of spaces deeper
 * than its content). */
static size_t blanks_below_block(const struct edit *e, size_t from, size_t to)
{
        const struct ynode *b = edit_block_above(e, e->doc->root, from);
        size_t end;

        if (!b)
                return to;
        end = edit_skip_blank_lines(e, to);
        if (edit_chomping(e, b) == '+' ||
            edit_deeper_line(e, to, end, edit_content_indent(e, b)))
                return end;
        return to;
}

/* " []" after the ':' of key in mapping m, for a sequence left empty. */
static int leave_empty(struct edit *e, const struct edit_op *op,
                       struct splices *sp, struct strbuf *t,
                       struct diag_list *dl)
{
        const struct ynode *k;
        size_t p;

        ynode_get(op->owner, op->key, &k);
        for (p = k->end; p < e->doc->len && e->doc->buf[p] == ' '; p++)
                ;
        if (p >= e->doc->len || e->doc->buf[p] != ':') {
                diag_error(dl, e->path, k->line, k->col,
                           "internal error: no ':' after '%s'", op->key);
                return -1;
        }
        strbuf_addstr(t, " []");
        edit_add_splice(sp, p + 1, 0, t);
        return 0;
}

/* Where the lines above item i of block sequence op->node that are not
 * the item's own comments end: after the key's line, or the lines of item
 * i - 1. */
static size_t item_floor(const struct edit *e, const struct edit_op *op,
                         size_t i)
{
        const struct ynode *key;

        if (i > 0)
                return item_lines_end(e, op->node, i - 1);
        ynode_get(op->owner, op->key, &key);
        return edit_after_line(e, key->end);
}

size_t edit_item_lines_start(const struct edit *e, const struct edit_op *op,
                             size_t i)
{
        const struct ynode *n = op->node;

        return comments_above(e, item_floor(e, op, i), dash_line(e, n, i),
                              n->col - 1);
}

/* The lines [*from, *to) of the run of removed items k..l of block
 * sequence op->node. */
static void block_run_span(const struct edit *e, const struct edit_op *op,
                           size_t k, size_t l, size_t *from, size_t *to)
{
        const struct ynode *n = op->node;

        *from = edit_item_lines_start(e, op, k);
        *to = item_lines_end(e, n, l);
        if (l + 1 < n->n)
                *to = edit_skip_blank_lines(e, *to);
        else
                *from = blanks_above(e, item_floor(e, op, k), *from);
        *to = blanks_below_block(e, *from, *to);
}

bool edit_removed_tail(const struct edit *e, const struct edit_op *op,
                       size_t *from)
{
        const struct ynode *n = op->node;
        size_t k = n->n, to;

        while (k > 0 && edit_is_removed(e, n, k - 1))
                k--;
        if (k == n->n || n->flow)
                return false;
        block_run_span(e, op, k, n->n - 1, from, &to);
        return true;
}

/* Items k..l (all removed) of block sequence op->node go; when every item
 * goes and none is added, " []" stays. */
static int remove_block_run(struct edit *e, const struct edit_op *op, size_t k,
                            size_t l, struct splices *sp, struct strbuf *t,
                            struct diag_list *dl)
{
        const struct ynode *n = op->node;
        size_t from, to;

        block_run_span(e, op, k, l, &from, &to);
        if (k == 0 && l + 1 == n->n && !edit_find_op(e, OP_APPEND, n, NULL) &&
            leave_empty(e, op, sp, t, dl) != 0)
                return -1;
        edit_add_splice(sp, from, to - from, t);
        return 0;
}

static void cut(struct splices *sp, size_t from, size_t to, struct strbuf *t)
{
        edit_add_splice(sp, from, to - from, t);
}

/* Items k..l (all removed) of flow sequence n go: with the ", " after
 * them, or when they end it, before them; when comments lie in that text,
 * each item's text and one comma go, the rest stays. */
static void remove_flow_run(struct edit *e, const struct ynode *n, size_t k,
                            size_t l, struct splices *sp, struct strbuf *t)
{
        bool end = l + 1 == n->n;
        size_t from =
            end && k > 0 ? edit_max_end(n->items[k - 1]) : n->items[k]->start;
        size_t to = end ? edit_max_end(n->items[l]) : n->items[l + 1]->start;
        size_t i, c;

        if (!memchr(e->doc->buf + from, '#', to - from)) {
                cut(sp, from, to, t);
                return;
        }
        for (i = k; i <= l; i++) {
                cut(sp, n->items[i]->start, edit_max_end(n->items[i]), t);
                if (!end || (k == 0 && i < l))
                        c = edit_next_comma(e, edit_max_end(n->items[i]));
                else if (k > 0)
                        c = edit_next_comma(e, edit_max_end(n->items[i - 1]));
                else
                        continue;
                if (c < e->doc->len)
                        cut(sp, c, c + 1, t);
        }
}

int edit_apply_removes(struct edit *e, struct edit_op *first,
                       struct splices *sp, struct strbuf *t,
                       struct diag_list *dl)
{
        const struct ynode *n = first->node;
        struct edit_op *op;
        size_t k, l;

        for (op = first; op; op = op->next_kind)
                op->done = true;
        for (k = 0; k < n->n; k = l + 1) {
                l = k;
                if (!edit_is_removed(e, n, k))
                        continue;
                while (l + 1 < n->n && edit_is_removed(e, n, l + 1))
                        l++;
                if (!n->flow) {
                        if (remove_block_run(e, first, k, l, sp, t, dl) != 0)
                                return -1;
                } else {
                        remove_flow_run(e, n, k, l, sp, t);
                }
        }
        return 0;
}
