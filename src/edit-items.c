/*
 * edit-items: the splices of new items inserted before an item of a
 * sequence.  In a block sequence they go as whole lines just above the
 * comment lines directly above that item's '-' (a comment about it, as
 * edit_remove() sees one), written as the sequence's items are, each
 * followed by a blank line when the items around are separated by one; in
 * a flow sequence "item, " goes before the item.
 */
#include <stdlib.h>
#include <string.h>

#include "edit-internal.h"
#include "roadmap/xalloc.h"

int edit_item_offset(const struct ynode *n)
{
        return n->items[0]->kind == YNODE_MAPPING && !n->items[0]->flow
                   ? n->items[0]->col - n->col
                   : 2;
}

bool edit_items_spaced_at(const struct edit *e, const struct ynode *n, size_t i)
{
        if (n->n < 2)
                return false;
        if (i == 0)
                i = 1;
        if (i >= n->n)
                i = n->n - 1;
        return edit_blank_between(e, edit_max_end(n->items[i - 1]),
                                  n->items[i]->start);
}

/* The text of the items of ops [from, to) (all before one item). */
static int put_items(struct edit *e, struct layout *lo, struct edit_op **ops,
                     size_t from, size_t to, struct strbuf *t)
{
        const struct ynode *n = ops[from]->node;
        bool spaced = !n->flow && edit_items_spaced_at(e, n, ops[from]->index);
        size_t j;

        for (j = from; j < to; j++) {
                if (n->flow) {
                        if (edit_put_flow(t, ops[j]->v) != 0)
                                return -1;
                        strbuf_addstr(t, ", ");
                        continue;
                }
                if (edit_put_item(lo, t, ops[j]->v, n->col - 1,
                                  edit_item_offset(n)) != 0)
                        return -1;
                if (spaced)
                        strbuf_addstr(t, lo->eol);
        }
        return 0;
}

static int cmp_item(const void *a, const void *b)
{
        const struct edit_op *x = *(struct edit_op *const *)a;
        const struct edit_op *y = *(struct edit_op *const *)b;

        if (x->index != y->index)
                return x->index < y->index ? -1 : 1;
        return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int edit_apply_items(struct edit *e, struct layout *lo, struct edit_op *first,
                     struct splices *sp, struct strbuf *t, struct diag_list *dl)
{
        const struct ynode *n = first->node;
        size_t cnt, i = 0, j, pos;
        struct edit_op **group = edit_group_sorted(first, cmp_item, &cnt);
        int rc = 0;

        lo->step = edit_step_near(e, n);
        for (; i < cnt && rc == 0; i = j) {
                for (j = i; j < cnt && group[j]->index == group[i]->index; j++)
                        ;
                if (put_items(e, lo, group, i, j, t) != 0) {
                        rc = edit_text_error(e, first->key, dl);
                        break;
                }
                pos = n->flow
                          ? n->items[group[i]->index]->start
                          : edit_item_lines_start(e, first, group[i]->index);
                edit_add_splice(sp, pos, 0, t);
        }
        free(group);
        return rc;
}
