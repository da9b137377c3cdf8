/*
 * edit-insert: the splices that add keys to a mapping and items to a
 * sequence (turning a null or [] value into a block sequence).
 */
#include <stdlib.h>
#include <string.h>

#include "edit-internal.h"
#include "roadmap/xalloc.h"

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
        if (i == 0 && m->n > 0 && edit_starts_line(e, m->pairs[0].key->start))
                return edit_line_start(e, m->pairs[0].key->start);
        if (i == 0 && m->n > 0)
                i = 1; /* the first key shares its line with "- " */
        if (m->n == 0)
                return edit_after_line(e, m->end);
        return edit_pair_lines_end(e, m, i - 1);
}

/* Text inserted before pair at of flow mapping m, when that pair is
 * deleted, goes after the last pair before it that stays: its index + 1,
 * or 0 when the pair stays or none before it does. */
static size_t kept_before(const struct edit *e, const struct ynode *m,
                          size_t at)
{
        return edit_is_deleted(e, m, m->pairs[at].key)
                   ? edit_deleted_run_start(e, m, at)
                   : 0;
}

/* Where the text t of the keys inserted before pair at of mapping m goes;
 * t gets what joins it to its neighbours there. */
static size_t insert_pos(struct edit *e, const struct layout *lo,
                         const struct ynode *m, size_t at, struct strbuf *t)
{
        size_t pos, k;

        if (!m->flow) {
                pos = block_insert_pos(e, m, at);
                edit_blank_after_keep(e, pos, t);
                if (pos == e->doc->len && pos > 0 &&
                    e->doc->buf[pos - 1] != '\n')
                        edit_prepend(t, lo->eol);
                return pos;
        }
        if (m->n == 0)
                return m->end - 1;
        if (at == m->n)
                return edit_max_end(m->pairs[m->n - 1].value);
        if ((k = kept_before(e, m, at)) > 0) {
                /* the pair it would precede goes: follow the last pair
                 * that stays instead */
                edit_prepend(t, ", ");
                return edit_max_end(m->pairs[k - 1].value);
        }
        strbuf_addstr(t, ", ");
        return m->pairs[at].key->start;
}

int edit_apply_inserts(struct edit *e, struct layout *lo, struct edit_op *first,
                       struct splices *sp, struct strbuf *t,
                       struct diag_list *dl)
{
        const struct ynode *m = first->node;
        size_t n, i = 0, j;
        struct edit_op **group = edit_group_sorted(first, cmp_insert, &n);
        int rc = -1;

        lo->step = edit_step_near(e, m);
        while (i < n) {
                size_t at = group[i]->index, pos;
                for (j = i; j < n && group[j]->index == at; j++) {
                        if (!m->flow) {
                                if (pairs_spaced(e, m, at))
                                        strbuf_addstr(t, lo->eol);
                                if (edit_put_pair(lo, t, group[j]->key,
                                                  group[j]->v,
                                                  edit_indent_of(m)) != 0)
                                        goto out;
                                continue;
                        }
                        if (j > i || (at == m->n && m->n > 0))
                                strbuf_addstr(t, ", ");
                        if (edit_put_key(t, group[j]->key, YQUOTE_FLOW) != 0)
                                goto out;
                        strbuf_addch(t, ' ');
                        if (edit_put_flow(t, group[j]->v) != 0)
                                goto out;
                }
                pos = insert_pos(e, lo, m, at, t);
                edit_add_splice(sp, pos, 0, t);
                i = j;
        }
        rc = 0;
out:
        if (rc != 0)
                edit_text_error(e, group[i]->key, dl);
        free(group);
        return rc;
}

/* null or [] on the key's line goes with the spaces before it; alone on
 * its line, the line goes.  Returns true in that case. */
static bool drop_empty_value(const struct edit *e, const struct ynode *n,
                             struct splices *sp, struct strbuf *t)
{
        size_t from = edit_spaces_before(e, n->start), to = n->end;
        bool own_line = from > 0 && e->doc->buf[from - 1] == '\n' &&
                        edit_blank_to_line_end(e, n->end);

        if (own_line)
                to = edit_after_line(e, n->end);
        else if (from == 0 || e->doc->buf[from - 1] != ':')
                from = n->start;
        edit_add_splice(sp, from, to - from, t);
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
        size_t from = edit_spaces_before(e, open), to = open + 1;
        bool whole = edit_blank_to_line_end(e, close + 1);

        if (e->doc->buf[to] == '#') { /* "[# ...": a space keeps it one */
                strbuf_addch(t, ' ');
                from = open;
        } else if (edit_blank_to_line_end(e, to)) {
                if (from > 0 && e->doc->buf[from - 1] != '\n')
                        to = edit_after_line(e, to) - 1; /* keep the line end */
                else
                        to = edit_after_line(e, to);
                if (to > open + 1 && e->doc->buf[to - 1] == '\r')
                        to--;
        }
        edit_add_splice(sp, from, to - from, t);
        from = edit_spaces_before(e, close);
        if (from != edit_line_start(e, close))
                from = close;
        if (whole) {
                to = edit_after_line(e, close + 1);
        } else { /* the comment after ']' takes its place, indented by
                  * the spaces before it (not tabs) */
                if (strspn(e->doc->buf + from, " ") >= close - from)
                        edit_put_spaces(t, (int)(close - from));
                for (to = close + 1;
                     e->doc->buf[to] == ' ' || e->doc->buf[to] == '\t'; to++)
                        ;
        }
        edit_add_splice(sp, from, to - from, t);
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
        size_t at = edit_after_line(e, n->end), len = e->doc->len;
        bool line_gone;
        int off, item;

        if (holds_comment(e, n))
                line_gone = drop_brackets(e, n, sp, t);
        else
                line_gone = drop_empty_value(e, n, sp, t);
        edit_seq_style(lo, first->key, &off, &item);
        for (c = items->first; c; c = c->next)
                if (edit_put_item(lo, t, c, edit_indent_of(first->owner) + off,
                                  item) != 0)
                        return -1;
        if (!line_gone && at == len &&
            (len == 0 || e->doc->buf[len - 1] != '\n'))
                edit_prepend(t, lo->eol);
        edit_add_splice(sp, at, 0, t);
        return 0;
}

/* New items of block sequence n are separated as its last two are. */
static bool items_spaced(const struct edit *e, const struct ynode *n)
{
        return n->n >= 2 &&
               edit_blank_between(e, edit_max_end(n->items[n->n - 2]),
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
        return edit_blank_between(e, edit_max_end(m->pairs[i - 1].value),
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
                p = edit_after_line(e, p + 1);
                if (i < e->doc->len && b[i] == '#')
                        pos = p;
        }
        return pos;
}

/* Items after the last of block sequence first->node, written as its
 * items are; when its last items are removed, where their lines were. */
static int append_block(struct edit *e, struct layout *lo,
                        const struct edit_op *first, const struct yval *items,
                        struct splices *sp, struct strbuf *t)
{
        const struct ynode *n = first->node;
        const struct yval *c;
        size_t pos;
        bool tail = edit_removed_tail(e, first, &pos);
        bool none_left = tail && edit_is_removed(e, n, 0);

        for (c = items->first; c; c = c->next) {
                if (items_spaced(e, n) && !(none_left && c == items->first))
                        strbuf_addstr(t, lo->eol);
                if (edit_put_item(lo, t, c, n->col - 1, edit_item_offset(n)) !=
                    0)
                        return -1;
        }
        if (!tail)
                pos = past_item_comments(e, n,
                                         edit_after_line(e, edit_max_end(n)));
        edit_blank_after_keep(e, pos, t);
        if (pos == e->doc->len && e->doc->buf[pos - 1] != '\n')
                edit_prepend(t, lo->eol);
        edit_add_splice(sp, pos, 0, t);
        return 0;
}

static bool all_removed(const struct edit *e, const struct ynode *n)
{
        size_t i;

        for (i = 0; i < n->n; i++)
                if (!edit_is_removed(e, n, i))
                        return false;
        return true;
}

/* Items in flow style: after the last item of flow sequence n, into an
 * empty [] of a flow mapping, or as a flow sequence in place of a null
 * there. */
static int append_flow(const struct edit *e, const struct ynode *n,
                       struct yval *items, struct splices *sp, struct strbuf *t)
{
        const struct yval *c;

        if (n->kind == YNODE_SEQUENCE && n->n > 0) {
                /* every item removed: the first new one has no ", " */
                bool none_left = edit_is_removed(e, n, 0) && all_removed(e, n);
                for (c = items->first; c; c = c->next) {
                        if (!(none_left && c == items->first))
                                strbuf_addstr(t, ", ");
                        if (edit_put_flow(t, c) != 0)
                                return -1;
                }
                edit_add_splice(sp, edit_max_end(n->items[n->n - 1]), 0, t);
                return 0;
        }
        items->flow = true;
        if (edit_put_flow(t, items) != 0)
                return -1;
        if (n->kind == YNODE_SEQUENCE) { /* [] in flow: fill it */
                strbuf_reset(t);
                for (c = items->first; c; c = c->next) {
                        if (c != items->first)
                                strbuf_addstr(t, ", ");
                        if (edit_put_flow(t, c) != 0)
                                return -1;
                }
                edit_add_splice(sp, n->end - 1, 0, t);
        } else {
                edit_add_splice(sp, n->start, n->end - n->start, t);
        }
        return 0;
}

int edit_apply_appends(struct edit *e, struct layout *lo, struct edit_op *first,
                       struct splices *sp, struct strbuf *t,
                       struct diag_list *dl)
{
        const struct ynode *n = first->node;
        struct yval items = {YVAL_SEQ, NULL, 0, false, NULL, NULL, NULL, NULL};
        struct edit_op *op;
        int rc;

        items.tail = &items.first;
        lo->step = edit_step_near(e, n);
        for (op = first; op; op = op->next_kind) {
                struct yval *copy = arena_alloc(&e->arena, sizeof(*copy));
                *copy = *op->v;
                yval_push(&items, copy);
                op->done = true;
        }
        if (n->kind == YNODE_SEQUENCE && !n->flow && n->n > 0)
                rc = append_block(e, lo, first, &items, sp, t);
        else if ((n->kind == YNODE_SEQUENCE && n->n > 0) || first->owner->flow)
                rc = append_flow(e, n, &items, sp, t);
        else
                rc = apply_convert(e, lo, first, &items, sp, t);
        return rc == 0 ? 0 : edit_text_error(e, first->key, dl);
}
