/*
 * edit-splice: the splice list, the splices that replace scalars and
 * delete keys, and edit_apply(), which turns every intent into splices
 * and the splices into the new bytes.
 */
#include "roadmap/edit.h"

#include <stdlib.h>
#include <string.h>

#include "edit-internal.h"
#include "roadmap/xalloc.h"

void edit_add_splice(struct splices *s, size_t pos, size_t del,
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

/*
 * New lines t go at pos.  When t opens with a blank line (new entries are
 * separated as their neighbours are) and a keep block scalar ends at pos,
 * that line would join the scalar's value: drop it, and when the scalar
 * already ends in a kept empty line (which then separates the new text
 * from it) put the blank line below the new text instead, unless it ends
 * the file.
 */
void edit_blank_after_keep(const struct edit *e, size_t pos, struct strbuf *t)
{
        size_t n = strlen(edit_eol(e));

        if (t->len < n || memcmp(t->buf, edit_eol(e), n) != 0 ||
            !edit_keep_ends_at(e, e->doc->root, pos))
                return;
        memmove(t->buf, t->buf + n, t->len - n + 1);
        t->len -= n;
        if (edit_blank_line_before(e, pos) && pos < e->doc->len)
                strbuf_addstr(t, edit_eol(e));
}

void edit_prepend(struct strbuf *t, const char *s)
{
        struct strbuf n;

        strbuf_init(&n);
        strbuf_addstr(&n, s);
        strbuf_add(&n, t->buf, t->len);
        strbuf_release(t);
        *t = n;
}

/* A block scalar's header line may end in a comment ("|  # note"); the
 * value that replaces the scalar keeps it, with the spaces before it. */
void edit_header_comment(const struct edit *e, const struct ynode *n,
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
size_t edit_block_text_end(const struct edit *e, const struct ynode *n)
{
        const char *b = e->doc->buf;
        size_t pos = n->end, k = 0;

        while (k < n->len && n->value[n->len - 1 - k] == '\n')
                k++;
        if (edit_chomping(e, n) != '+' || pos == 0 || b[pos - 1] != '\n')
                return n->end;
        for (; k > 0 && pos > n->start; k--) {
                if (b[pos - 1] != '\n')
                        pos = edit_line_start(e, pos);
                pos--;
                if (pos > n->start && b[pos - 1] == '\r')
                        pos--;
        }
        return pos;
}

/* A block scalar replaced keeps the comment on its header line and, when
 * it keeps ('+') empty lines, those lines as blank lines; any other keeps
 * a comment that follows it with no space between. */
static int apply_replace(struct edit *e, struct edit_op *op, struct splices *sp,
                         struct strbuf *t, struct diag_list *dl)
{
        const struct ynode *n = op->node;
        bool flow = n->parent && n->parent->flow;
        size_t end = n->end;

        if (n->start == n->end && n->start > 0 &&
            e->doc->buf[n->start - 1] == ':')
                strbuf_addch(t, ' ');
        if (edit_put_scalar(t, op->v, flow ? YQUOTE_FLOW : YQUOTE_BLOCK) != 0)
                return edit_text_error(e, op->key, dl);
        if (n->style == YSTYLE_LITERAL || n->style == YSTYLE_FOLDED) {
                edit_header_comment(e, n, t);
                end = edit_block_text_end(e, n);
        } else if (end < e->doc->len && e->doc->buf[end] == '#') {
                /* a comment right after a quoted value ("'A'#c") would
                 * join a plain one: keep them apart */
                strbuf_addch(t, ' ');
        }
        edit_add_splice(sp, n->start, end - n->start, t);
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

/* The first of the run of deleted pairs of m that ends just before pair k
 * (k itself when pair k - 1 stays). */
size_t edit_deleted_run_start(const struct edit *e, const struct ynode *m,
                              size_t k)
{
        while (k > 0 && edit_is_deleted(e, m, m->pairs[k - 1].key))
                k--;
        return k;
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

        if (!edit_is_deleted(e, m, m->pairs[i].key))
                return NULL;
        k = edit_deleted_run_start(e, m, i);
        n = edit_block_above(e, e->doc->root,
                             edit_line_start(e, m->pairs[k].key->start));
        for (j = k; n && j < i; j++)
                if (!edit_only_blank_lines(
                        e, edit_after_line(e, edit_max_end(m->pairs[j].value)),
                        edit_line_start(e, m->pairs[j + 1].key->start)))
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
size_t edit_pair_lines_end(const struct edit *e, const struct ynode *m,
                           size_t i)
{
        size_t to = edit_after_line(e, edit_max_end(m->pairs[i].value)), end;
        const struct ynode *n = deleted_below_block(e, m, i);

        if (!n)
                return to;
        end = edit_skip_blank_lines(e, to);
        if (edit_chomping(e, n) == '+' ||
            edit_deeper_line(e, to, end, edit_content_indent(e, n)))
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
        int col = edit_indent_of(m);

        if (!b || (i + 1 < m->n && edit_is_deleted(e, m, m->pairs[i + 1].key)))
                return;
        pos = edit_skip_blank_lines(e, edit_pair_lines_end(e, m, i));
        while (pos + n < e->doc->len && e->doc->buf[pos + n] == ' ')
                n++;
        if (pos + n < e->doc->len && e->doc->buf[pos + n] == '#' &&
            (int)n >= edit_content_indent(e, b) && (int)n > col)
                edit_add_splice(sp, pos + (size_t)col, n - (size_t)col, t);
}

/* True if a comment lies between pairs first - 1 and last of flow mapping
 * m (between two nodes of a flow collection there are only white space,
 * commas and comments). */
static bool comments_between(const struct edit *e, const struct ynode *m,
                             size_t first, size_t last)
{
        size_t j, from, to;

        for (j = first > 0 ? first : 1; j <= last && j < m->n; j++) {
                from = edit_max_end(m->pairs[j - 1].value);
                to = m->pairs[j].key->start;
                if (to > from && memchr(e->doc->buf + from, '#', to - from))
                        return true;
        }
        return false;
}

/* The first ',' at or after pos, past white space and comments. */
size_t edit_next_comma(const struct edit *e, size_t pos)
{
        const char *b = e->doc->buf;

        while (pos < e->doc->len && b[pos] != ',') {
                if (b[pos] == '#')
                        pos = edit_after_line(e, pos + 1) - 1;
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

        for (op = edit_ops_on(e, OP_INSERT, m); op; op = op->next_kind)
                at_end |= op->index == m->n;
        if (edit_starts_line(e, from) && edit_blank_to_line_end(e, to) &&
            (!at_end || to < edit_max_end(m->pairs[m->n - 1].value))) {
                from = edit_line_start(e, from);
                to = edit_after_line(e, to);
        }
        edit_add_splice(sp, from, to - from, t);
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
        size_t to = edit_max_end(m->pairs[i].value), c;

        if (i + 1 < m->n && (i < k || k == 0)) {
                c = edit_next_comma(e, to);
                if (c < e->doc->len && edit_only_blank_lines(e, to, c) &&
                    !memchr(b + to, '\n', c - to))
                        to = c + 1; /* the comma on the pair's line */
                else if (c < e->doc->len)
                        edit_add_splice(sp, c, 1, t);
        } else if (i >= k && k > 0) {
                c = edit_next_comma(e, edit_max_end(m->pairs[i - 1].value));
                if (c < e->doc->len)
                        edit_add_splice(sp, c, 1, t);
        }
        delete_piece(e, m, from, to, sp, t);
}

/* True if pair 0 of mapping m shares its line with the '-' of the block
 * sequence item that m is. */
static bool opens_item(const struct edit *e, const struct ynode *m)
{
        return !m->flow && m->n > 0 && m->parent &&
               m->parent->kind == YNODE_SEQUENCE &&
               !edit_starts_line(e, m->pairs[0].key->start);
}

/* The start of the line after pair i of block mapping m. */
static size_t pair_end(const struct edit *e, const struct ynode *m, size_t i)
{
        return edit_after_line(e, edit_max_end(m->pairs[i].value));
}

/* Where the line of pair 0 of m's last line ends, before its break. */
static size_t first_pair_text_end(const struct edit *e, const struct ynode *m)
{
        size_t from = m->pairs[0].key->start, p = pair_end(e, m, 0);

        if (p > from && e->doc->buf[p - 1] == '\n')
                p--;
        if (p > from && e->doc->buf[p - 1] == '\r')
                p--;
        return p;
}

/*
 * The run of deleted pairs that opens a sequence item (pairs 0 to k - 1)
 * goes: the '-' stays, and the first line after pair 0 that stays (blank
 * lines and the other pairs of the run aside) -- the first staying key's,
 * or a comment line -- moves up onto its line, where pair 0's text was.
 * The other pairs of the run go with their lines.  When every pair goes,
 * the item becomes "{}" (comment lines between the pairs stay).
 */
static void delete_item_opening(struct edit *e, const struct ynode *m,
                                struct splices *sp, struct strbuf *t)
{
        size_t k = 0, j = 1, from = m->pairs[0].key->start, to;
        const char *b = e->doc->buf;

        while (k < m->n && edit_is_deleted(e, m, m->pairs[k].key))
                k++;
        if (k == m->n) {
                strbuf_addstr(t, "{}");
                to = first_pair_text_end(e, m);
        } else {
                to = edit_skip_blank_lines(e, pair_end(e, m, 0));
                while (j < k &&
                       to == edit_line_start(e, m->pairs[j].key->start))
                        to = edit_skip_blank_lines(e, pair_end(e, m, j++));
                while (to < e->doc->len && (b[to] == ' ' || b[to] == '\t'))
                        to++;
        }
        edit_add_splice(sp, from, to - from, t);
        for (; j < k; j++) {
                from = edit_line_start(e, m->pairs[j].key->start);
                edit_add_splice(sp, from, pair_end(e, m, j) - from, t);
        }
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

        if (opens_item(e, m) && edit_deleted_run_start(e, m, i + 1) == 0) {
                if (i == 0)
                        delete_item_opening(e, m, sp, t);
                return; /* pairs 1 to k - 1: with pair 0 */
        }
        if (!m->flow) {
                from = edit_line_start(e, m->pairs[i].key->start);
                to = edit_pair_lines_end(e, m, i);
                edit_add_splice(sp, from, to - from, t);
                dedent_comment_below(e, m, i, sp, t);
                return;
        }
        k = edit_deleted_run_start(e, m, m->n);
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
                from = k > 0 ? edit_max_end(m->pairs[k - 1].value)
                             : m->pairs[0].key->start;
                to = edit_max_end(m->pairs[m->n - 1].value);
        }
        edit_add_splice(sp, from, to - from, t);
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
 * its value.  Strip edit_chomping ('-') keeps the value as it was: add it to
 * the scalar's indicator ('|' to '|-', '|+' to '|-').
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
        if (n->len == 0 && edit_chomping(e, n) != '+')
                return; /* without content the value stays empty */
        for (h = n->start + 1; h < n->start + 3 && h < len; h++) {
                if (b[h] == '-')
                        return;
                if (b[h] == '+') {
                        strbuf_addch(t, '-');
                        edit_add_splice(sp, h, 1, t);
                        return;
                }
                if (b[h] < '1' || b[h] > '9')
                        break;
        }
        strbuf_addch(t, '-');
        edit_add_splice(sp, n->start + 1, 0, t);
}

/* The document's bytes with the splices in place, into out (replacing
 * what it held) only if they do not overlap. */
static int join_splices(struct edit *e, struct splices *sp, struct strbuf *out,
                        struct diag_list *dl)
{
        struct strbuf b;
        size_t i, at = 0;

        if (sp->n > 1)
                qsort(sp->items, sp->n, sizeof(*sp->items), cmp_splice);
        strbuf_init(&b);
        strbuf_grow(&b, e->doc->len + 256);
        for (i = 0; i < sp->n; i++) {
                if (sp->items[i].pos < at) {
                        strbuf_release(&b);
                        diag_error(dl, e->path, 0, 0,
                                   "internal error: overlapping changes");
                        return -1;
                }
                strbuf_add(&b, e->doc->buf + at, sp->items[i].pos - at);
                strbuf_add(&b, sp->items[i].text, sp->items[i].len);
                at = sp->items[i].pos + sp->items[i].del;
        }
        strbuf_add(&b, e->doc->buf + at, e->doc->len - at);
        strbuf_release(out);
        *out = b;
        return 0;
}

int edit_apply(struct edit *e, struct strbuf *out, struct diag_list *dl)
{
        struct layout lo = {e, edit_eol(e), edit_step_of(e)};
        struct splices sp = {NULL, 0, 0};
        struct strbuf t;
        struct edit_op *op;
        size_t i;
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
                        rc = edit_apply_inserts(e, &lo, op, &sp, &t, dl);
                else if (op->kind == OP_REMOVE)
                        rc = edit_apply_removes(e, op, &sp, &t, dl);
                else if (op->kind == OP_ITEM)
                        rc = edit_apply_items(e, &lo, op, &sp, &t, dl);
                else if (op->kind == OP_VALUE)
                        rc = edit_apply_value(e, &lo, op, &sp, &t, dl);
                else
                        rc = edit_apply_appends(e, &lo, op, &sp, &t, dl);
        }
        if (rc == 0) {
                chomp_last_block(e, &sp, &t);
                rc = join_splices(e, &sp, out, dl);
        }
        for (i = 0; i < sp.n; i++)
                free(sp.items[i].text);
        free(sp.items);
        strbuf_release(&t);
        return rc;
}
