/*
 * edit-internal: what the files of the edit module share; not for use
 * outside src/edit*.c.  The module's parts:
 *
 *   edit.c         values and intents (the list of edit_op)
 *   edit-index.c   the intents by node, key and item index
 *   edit-render.c  the file's layout (line end, indentation step, sequence
 *                  style) and the rendering of new values
 *   edit-text.c    where things are in the original bytes: lines, blank
 *                  lines, block scalars
 *   edit-splice.c  the splice list, replacements and deletions, and
 *                  edit_apply
 *   edit-insert.c  new keys and new sequence items
 *   edit-remove.c  removed sequence items
 *   edit-items.c   new items before an item of a sequence
 *   edit-value.c   values replaced whatever their kind, and values copied
 *                  from parsed nodes
 *   edit-verify.c  the re-read document against the intents
 *
 * Ownership is edit.h's: ops and values live in the edit's arena; splice
 * texts are the splice list's until edit_apply() frees them.
 */
#ifndef ROADMAP_EDIT_INTERNAL_H
#define ROADMAP_EDIT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/edit.h"
#include "roadmap/yquote.h"

enum op_kind {
        OP_REPLACE,
        OP_INSERT,
        OP_DELETE,
        OP_APPEND,
        OP_REMOVE,
        OP_ITEM, /* a new item before an item of a sequence */
        OP_VALUE /* a value replaced whatever its kind */
};

struct edit_op {
        enum op_kind kind;
        /* REPLACE: the old scalar; INSERT, DELETE: the mapping; APPEND: the
         * sequence, or the null / [] value that becomes one; REMOVE, ITEM:
         * the sequence; VALUE: the old value */
        const struct ynode *node;
        const struct ynode *owner; /* APPEND, REMOVE, ITEM, VALUE: the
                                    * mapping holding node */
        const char *key;
        struct yval *v;
        size_t index; /* INSERT: before pair index (n: at the end);
                       * REMOVE: the item removed; ITEM: before item index */
        int rank;     /* INSERT: the key's place in the canonical order */
        size_t seq;   /* INSERT: its place among the inserts into its
                       * mapping, so that keys of one rank keep the order
                       * they were set in (set by edit_apply_inserts) */
        size_t hits;  /* verify: times matched */
        bool done;    /* apply: already rendered with its group */
        struct edit_op *next;
        struct edit_op *next_kind; /* the next op of its kind on its node */
        struct edit_op *next_tag;  /* the next of its kind on its node with
                                    * its key (INSERT, DELETE) or item index
                                    * (REMOVE, ITEM) */
};

static inline bool yval_is_scalar(const struct yval *v)
{
        return v->kind == YVAL_STR || v->kind == YVAL_RAW;
}

/* ---- intents (edit.c) ---- */

/* The first op of kind on node (and key, unless NULL), or NULL. */
struct edit_op *edit_find_op(const struct edit *e, enum op_kind kind,
                             const struct ynode *node, const char *key);
/* True if an intent deletes key from mapping m. */
bool edit_is_deleted(const struct edit *e, const struct ynode *m,
                     const struct ynode *key);
/* True if an intent removes item i of sequence seq. */
bool edit_is_removed(const struct edit *e, const struct ynode *seq, size_t i);

/* ---- the ops by node (edit-index.c) ---- */

/* Index op (its kind, node, key and index set). */
void edit_index_add(struct edit *e, struct edit_op *op);
void edit_index_release(struct edit *e);
/* The first op of kind on node; the others follow by next_kind. */
struct edit_op *edit_ops_on(const struct edit *e, enum op_kind kind,
                            const struct ynode *node);
/* The first INSERT or DELETE op on node with key (klen bytes); the others
 * follow by next_tag. */
struct edit_op *edit_ops_at_key(const struct edit *e, enum op_kind kind,
                                const struct ynode *node, const char *key,
                                size_t klen);
/* The first REMOVE or ITEM op on node at item index; the others follow by
 * next_tag. */
struct edit_op *edit_ops_at_index(const struct edit *e, enum op_kind kind,
                                  const struct ynode *node, size_t index);
/* The ops of first's kind on its node (first, then by next_kind), each
 * marked done and numbered in the order given (seq), sorted by cmp; *n
 * gets their number.  The caller frees the array. */
struct edit_op **edit_group_sorted(struct edit_op *first,
                                   int (*cmp)(const void *, const void *),
                                   size_t *n);
/* True if an op changes n or a node under it. */
bool edit_changes_within(const struct edit *e, const struct ynode *n);
/* True if n or a node around it is replaced by edit_replace_value(). */
bool edit_under_replaced(const struct edit *e, const struct ynode *n);

/* ---- layout and rendering (edit-render.c) ---- */

struct layout {
        struct edit *e;
        const char *eol;
        int step;
};

const char *edit_eol(const struct edit *e);
/* Spaces before the keys of a block mapping, or the '-' of a sequence. */
int edit_indent_of(const struct ynode *n);
/* The document's mapping indentation step, and the step of the nearest
 * nested block mapping in n, else around it. */
int edit_step_of(struct edit *e);
int edit_step_near(struct edit *e, const struct ynode *n);
/* How far a new block sequence's '-' goes from its key, and its items'
 * text from the '-', as the file's sequences (under key if any) do. */
void edit_seq_style(struct layout *lo, const char *key, int *off, int *item);

void edit_put_spaces(struct strbuf *sb, int n);
int edit_put_scalar(struct strbuf *sb, const struct yval *v,
                    enum yquote_ctx ctx);
int edit_put_key(struct strbuf *sb, const char *key, enum yquote_ctx ctx);
int edit_put_flow(struct strbuf *sb, const struct yval *v);
/* Everything after "key:" for a value whose key is at indent: " value"
 * and the line end, or the line end and the nested lines. */
int edit_put_value(struct layout *lo, struct strbuf *sb, const char *key,
                   const struct yval *v, int indent);
/* "key: value" at indent, with its line end and nested lines. */
int edit_put_pair(struct layout *lo, struct strbuf *sb, const char *key,
                  const struct yval *v, int indent);
/* One block sequence item, its '-' at dash, its content item columns
 * further. */
int edit_put_item(struct layout *lo, struct strbuf *sb, const struct yval *v,
                  int dash, int item);
/* The error for a value that cannot be written; returns -1. */
int edit_text_error(struct edit *e, const char *key, struct diag_list *dl);

/* ---- the original text (edit-text.c) ---- */

/* The end of n's span, or of its last descendant's when that is further. */
size_t edit_max_end(const struct ynode *n);
/* The start of the line after the one holding byte end - 1. */
size_t edit_after_line(const struct edit *e, size_t end);
size_t edit_line_start(const struct edit *e, size_t pos);
/* True if only spaces lie between the line start and pos. */
bool edit_starts_line(const struct edit *e, size_t pos);
/* True if the line that ends at pos (just after its break) is blank. */
bool edit_blank_line_before(const struct edit *e, size_t pos);
/* A block scalar's chomping indicator: '+', '-', or 0. */
char edit_chomping(const struct edit *e, const struct ynode *n);
/* The block scalar under n whose last line ends just before pos, or NULL. */
const struct ynode *edit_block_above(const struct edit *e,
                                     const struct ynode *n, size_t pos);
/* True if a keep ('+') block scalar ends just above pos. */
bool edit_keep_ends_at(const struct edit *e, const struct ynode *n, size_t pos);
/* True if only blank lines lie in [from, to) (both at line starts). */
bool edit_only_blank_lines(const struct edit *e, size_t from, size_t to);
/* The first line at or after pos that is not blank, or the end. */
size_t edit_skip_blank_lines(const struct edit *e, size_t pos);
/* True if a line in [from, to) has more than col leading spaces. */
bool edit_deeper_line(const struct edit *e, size_t from, size_t to, int col);
/* The spaces before a line of block scalar n that make it content. */
int edit_content_indent(const struct edit *e, const struct ynode *n);
/* Whether only white space follows pos on its line. */
bool edit_blank_to_line_end(const struct edit *e, size_t pos);
/* The first of the spaces and tabs just before pos. */
size_t edit_spaces_before(const struct edit *e, size_t pos);
/* True if a blank line lies between the line holding byte prev_end - 1
 * and the line holding next_start. */
bool edit_blank_between(const struct edit *e, size_t prev_end,
                        size_t next_start);

/* ---- splices (edit-splice.c) ---- */

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

/* Replace del bytes at pos by text, which is taken (and left empty). */
void edit_add_splice(struct splices *s, size_t pos, size_t del,
                     struct strbuf *text);
void edit_prepend(struct strbuf *t, const char *s);
/* New lines t go at pos: keep a blank line in t from joining a keep block
 * scalar that ends there. */
void edit_blank_after_keep(const struct edit *e, size_t pos, struct strbuf *t);
/* The first of the run of deleted pairs of m that ends just before pair k. */
size_t edit_deleted_run_start(const struct edit *e, const struct ynode *m,
                              size_t k);
/* Where the lines of pair i of block mapping m end. */
size_t edit_pair_lines_end(const struct edit *e, const struct ynode *m,
                           size_t i);
/* The first ',' at or after pos, past white space and comments. */
size_t edit_next_comma(const struct edit *e, size_t pos);
/* The comment on block scalar n's header line, with the spaces before
 * it, added to t (nothing without one). */
void edit_header_comment(const struct edit *e, const struct ynode *n,
                         struct strbuf *t);
/* The end of block scalar n's last content line (of its header line
 * without content), before its break. */
size_t edit_block_text_end(const struct edit *e, const struct ynode *n);

/* ---- additions (edit-insert.c) ---- */

/* The splices of every insert into first's mapping / append to first's
 * sequence; each op handled is marked done. */
int edit_apply_inserts(struct edit *e, struct layout *lo, struct edit_op *first,
                       struct splices *sp, struct strbuf *t,
                       struct diag_list *dl);
int edit_apply_appends(struct edit *e, struct layout *lo, struct edit_op *first,
                       struct splices *sp, struct strbuf *t,
                       struct diag_list *dl);

/* ---- removals (edit-remove.c) ---- */

/* The splices of every removal from first's sequence; each op handled is
 * marked done. */
int edit_apply_removes(struct edit *e, struct edit_op *first,
                       struct splices *sp, struct strbuf *t,
                       struct diag_list *dl);
/* The start of the comment lines directly above the '-' of item i of
 * block sequence op->node (op: an intent on it), or of that line. */
size_t edit_item_lines_start(const struct edit *e, const struct edit_op *op,
                             size_t i);
/* True if the last items of block sequence op->node are removed; *from
 * gets where the lines of their run start. */
bool edit_removed_tail(const struct edit *e, const struct edit_op *op,
                       size_t *from);

/* ---- new items before others (edit-items.c) ---- */

/* The splices of every item inserted into first's sequence; each op
 * handled is marked done. */
int edit_apply_items(struct edit *e, struct layout *lo, struct edit_op *first,
                     struct splices *sp, struct strbuf *t,
                     struct diag_list *dl);
/* How far the text of the items of block sequence n goes from its '-'. */
int edit_item_offset(const struct ynode *n);
/* True if the items of block sequence n around item i (i > 0: i - 1 and
 * i; else the first two) are separated by a blank line. */
bool edit_items_spaced_at(const struct edit *e, const struct ynode *n,
                          size_t i);

/* ---- replaced values (edit-value.c) ---- */

int edit_apply_value(struct edit *e, struct layout *lo, struct edit_op *op,
                     struct splices *sp, struct strbuf *t,
                     struct diag_list *dl);

#endif
