/*
 * edit-render: the layout of the file being edited (line end, indentation
 * step, sequence style) and the rendering of new values in it.
 */
#include "roadmap/edit.h"

#include <string.h>

#include "edit-internal.h"
#include "roadmap/yquote.h"

/* ---- layout of the file ---- */

const char *edit_eol(const struct edit *e)
{
        return e->doc && e->doc->crlf ? "\r\n" : "\n";
}

/* Spaces before the keys of a block mapping, or the '-' of a sequence. */
int edit_indent_of(const struct ynode *n)
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

/* The step of the nearest nested block mapping: in n, else around it. */
int edit_step_near(struct edit *e, const struct ynode *n)
{
        int s;

        for (; n; n = n->parent)
                if ((s = find_step(n)) > 0 && s <= 8)
                        return s;
        return edit_step_of(e);
}

int edit_step_of(struct edit *e)
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

void edit_seq_style(struct layout *lo, const char *key, int *off, int *item)
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

void edit_put_spaces(struct strbuf *sb, int n)
{
        while (n-- > 0)
                strbuf_addch(sb, ' ');
}

int edit_put_scalar(struct strbuf *sb, const struct yval *v,
                    enum yquote_ctx ctx)
{
        if (v->kind == YVAL_RAW) {
                /* an empty null (as "key:" holds) is null in flow, where
                 * nothing would not be an item */
                if (v->len == 0 && ctx == YQUOTE_FLOW)
                        strbuf_addstr(sb, "null");
                strbuf_add(sb, v->s, v->len);
                return 0;
        }
        return yquote_string(sb, v->s, v->len, ctx);
}

int edit_put_key(struct strbuf *sb, const char *key, enum yquote_ctx ctx)
{
        if (yquote_string(sb, key, strlen(key), ctx) != 0)
                return -1;
        strbuf_addch(sb, ':');
        return 0;
}

int edit_put_flow(struct strbuf *sb, const struct yval *v)
{
        const struct yval *c;

        if (yval_is_scalar(v))
                return edit_put_scalar(sb, v, YQUOTE_FLOW);
        strbuf_addch(sb, v->kind == YVAL_MAP ? '{' : '[');
        for (c = v->first; c; c = c->next) {
                if (c != v->first)
                        strbuf_addstr(sb, ", ");
                if (v->kind == YVAL_MAP) {
                        if (edit_put_key(sb, c->key, YQUOTE_FLOW) != 0)
                                return -1;
                        strbuf_addch(sb, ' ');
                }
                if (edit_put_flow(sb, c) != 0)
                        return -1;
        }
        strbuf_addch(sb, v->kind == YVAL_MAP ? '}' : ']');
        return 0;
}

static bool inline_val(const struct yval *v)
{
        return yval_is_scalar(v) || v->flow || !v->first;
}

/* " value" and the line end, for a value on its key's or dash's line. */
static int put_inline(struct layout *lo, struct strbuf *sb,
                      const struct yval *v)
{
        if (v->kind != YVAL_RAW || v->len > 0) /* "key:" for an empty null */
                strbuf_addch(sb, ' ');
        if ((yval_is_scalar(v) ? edit_put_scalar(sb, v, YQUOTE_BLOCK)
                               : edit_put_flow(sb, v)) != 0)
                return -1;
        strbuf_addstr(sb, lo->eol);
        return 0;
}

/* Everything after "key:" for a value whose key is at indent. */
int edit_put_value(struct layout *lo, struct strbuf *sb, const char *key,
                   const struct yval *v, int indent)
{
        const struct yval *c;
        int off, item;

        if (inline_val(v))
                return put_inline(lo, sb, v);
        strbuf_addstr(sb, lo->eol);
        if (v->kind == YVAL_MAP) {
                for (c = v->first; c; c = c->next)
                        if (edit_put_pair(lo, sb, c->key, c,
                                          indent + lo->step) != 0)
                                return -1;
                return 0;
        }
        edit_seq_style(lo, key, &off, &item);
        for (c = v->first; c; c = c->next)
                if (edit_put_item(lo, sb, c, indent + off, item) != 0)
                        return -1;
        return 0;
}

int edit_put_pair(struct layout *lo, struct strbuf *sb, const char *key,
                  const struct yval *v, int indent)
{
        edit_put_spaces(sb, indent);
        if (edit_put_key(sb, key, YQUOTE_BLOCK) != 0)
                return -1;
        return edit_put_value(lo, sb, key, v, indent);
}

/* One block sequence item, its '-' at dash, its content item columns
 * further. */
int edit_put_item(struct layout *lo, struct strbuf *sb, const struct yval *v,
                  int dash, int item)
{
        const struct yval *c;

        edit_put_spaces(sb, dash);
        strbuf_addch(sb, '-');
        if (v->kind != YVAL_MAP || inline_val(v))
                return put_inline(lo, sb, v);
        for (c = v->first; c; c = c->next) {
                if (c == v->first) {
                        edit_put_spaces(sb, item - 1);
                        if (edit_put_key(sb, c->key, YQUOTE_BLOCK) != 0 ||
                            edit_put_value(lo, sb, c->key, c, dash + item) != 0)
                                return -1;
                } else if (edit_put_pair(lo, sb, c->key, c, dash + item) != 0) {
                        return -1;
                }
        }
        return 0;
}

int edit_text_error(struct edit *e, const char *key, struct diag_list *dl)
{
        diag_error(dl, e->path, 0, 0,
                   "cannot write the value of '%s': not valid UTF-8 text",
                   key ? key : "?");
        return -1;
}

int edit_render(struct edit *e, const struct yval *map, struct strbuf *out,
                struct diag_list *dl)
{
        struct layout lo = {e, edit_eol(e), edit_step_of(e)};
        const struct yval *c;
        size_t len = out->len;

        for (c = map->first; c; c = c->next) {
                if (edit_put_pair(&lo, out, c->key, c, 0) != 0) {
                        out->len = len; /* out as it was */
                        out->buf[len] = '\0';
                        return edit_text_error(e, c->key, dl);
                }
        }
        return 0;
}
