/*
 * edit: change a parsed YAML file by text splices at the byte spans the
 * reader recorded, never by re-emitting it.
 *
 * An edit is a list of intents against nodes of one parsed document: set a
 * key of a mapping (replace a scalar, merge into a mapping, or insert the
 * key), delete a key, replace a value whatever its kind, append an item to
 * the sequence under a key, insert one before an item, remove an item.
 * edit_apply() turns them into splices on the original bytes; every other
 * byte -- comments, blank lines, key order, quoting, flow or block style,
 * sequence indentation, CRLF -- stays as it was.  New text follows the
 * file's own indentation, sequence style and line end; scalars are quoted
 * by yquote.  edit_verify() then checks that the re-read document is the
 * old one plus exactly the intended change.
 *
 * The write of an edit (lock, re-read, verify, replace) is edit_txn, in
 * txn.h.
 *
 * Ownership: values (struct yval) and their strings live in the edit's
 * arena until edit_release(); keys given to yval_put() and edit_*() are
 * borrowed and must outlive the edit.  The edit borrows its document.
 */
#ifndef ROADMAP_EDIT_H
#define ROADMAP_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/arena.h"
#include "roadmap/date.h"
#include "roadmap/diag.h"
#include "roadmap/load.h"
#include "roadmap/lockfile.h"
#include "roadmap/strbuf.h"
#include "roadmap/yamldoc.h"

enum yval_kind {
        YVAL_STR, /* a string, quoted as YAML requires */
        YVAL_RAW, /* a plain scalar written as is: number, date, true */
        YVAL_MAP,
        YVAL_SEQ
};

/* A value to write. */
struct yval {
        enum yval_kind kind;
        const char *s; /* scalars */
        size_t len;
        bool flow;                  /* collections: write in flow style */
        struct yval *first, **tail; /* collections: children in order */
        const char *key;            /* as a mapping child: its key */
        struct yval *next;
};

struct edit_op;
struct edit_index;

struct edit {
        const struct yamldoc *doc;
        struct arena arena;
        struct edit_op *ops, **tail;
        struct edit_index *index; /* the ops by node (edit-index.c) */
        int step;         /* detected mapping indentation step; 0: not yet */
        const char *path; /* for messages */
};

/* doc may be NULL for an edit that only renders new files. */
void edit_init(struct edit *e, const struct yamldoc *doc);
void edit_release(struct edit *e);

/* Values, allocated in the edit's arena. */
struct yval *yval_str(struct edit *e, const char *s);
struct yval *yval_int(struct edit *e, long n);
struct yval *yval_date(struct edit *e, struct date d);
struct yval *yval_bool(struct edit *e, bool b);
struct yval *yval_map(struct edit *e, bool flow);
struct yval *yval_seq(struct edit *e, bool flow);
/* Add key: v to a map value / v to a sequence value. */
void yval_put(struct yval *map, const char *key, struct yval *v);
void yval_push(struct yval *seq, struct yval *v);

/*
 * Intents on mapping m of the edit's document.  order (NULL-terminated, or
 * NULL) is the canonical key order of m: a new key goes after the last
 * existing key that comes before it in order (at the end without one).
 *
 * edit_set: if key exists with a scalar and v is a scalar, replace the
 * scalar; if both are mappings, set each child of v in it (recursively);
 * if key is absent, insert it.  Returns -1 (with an error) when the kinds
 * differ.
 */
int edit_set(struct edit *e, const struct ynode *m, const char *key,
             struct yval *v, const char *const *order, struct diag_list *dl);
/* Remove key (and its value) from m if present.  A block mapping's pair
 * goes with its lines; the first pair of a block sequence item ("- key:
 * ...") leaves the '-', and the next line that stays moves up onto its
 * line ("- id: a"); an item whose every pair goes becomes "- {}". */
int edit_delete(struct edit *e, const struct ynode *m, const char *key,
                struct diag_list *dl);
/* Append item to the sequence under key, creating the key (block style)
 * when absent or null, turning an empty [] into a block sequence. */
int edit_append(struct edit *e, const struct ynode *m, const char *key,
                struct yval *item, const char *const *order,
                struct diag_list *dl);

/*
 * Insert item before item index (0-based; the sequence's length: after
 * the last, as edit_append does) of the sequence under key of mapping m.
 * Items inserted at one index keep the order of the calls, and come
 * before items appended.  In a block sequence the item's lines go just
 * before the comment lines directly above that item's '-' (a comment
 * about it, as edit_remove() sees one), indented as that '-'; in a flow
 * sequence "item, " goes before the item.  The sequence must exist and
 * not be empty (else edit_append()).
 */
int edit_insert_item(struct edit *e, const struct ynode *m, const char *key,
                     size_t index, struct yval *item, struct diag_list *dl);

/*
 * Replace the value under key of mapping m, whatever the kinds of the old
 * value and of v (a scalar by a sequence, a mapping by a mapping...): the
 * key stays where it is, with the comment on its line; the old value
 * (with its nested lines and the comments among them) goes, and v is
 * written as a new value would be.  No other intent may change anything
 * under that key.
 */
int edit_replace_value(struct edit *e, const struct ynode *m, const char *key,
                       struct yval *v, struct diag_list *dl);

/*
 * Remove item index (0-based) of the sequence under key of mapping m.  No
 * other intent of the edit may change that item (that is an error); other
 * items of the sequence may be changed or removed, and items may be
 * appended or inserted (at the index of an item that stays, or at the
 * end).
 *
 * In a block sequence the item goes as whole lines, from the start of the
 * line of its '-' to the end of its last line; every other line and line
 * end stays.  With it go the comment lines directly above its '-' (no
 * blank line between, indented no deeper than the '-': a comment about
 * the item; a comment separated by a blank line stays) and the comment
 * lines below its last line indented deeper than the '-' (its own, where
 * edit_append() would put new items after).  Blank lines keep the spacing
 * of the items that stay: an item that is not the last takes the blank
 * lines below it, the last item those above it.  Lines of a block scalar
 * above that would join its value go too.
 *
 * In a flow sequence the item goes with one comma (after it; for the last,
 * before it); comments stay.  Removing every item leaves an empty flow
 * sequence: "key: []" on the key's line (its comment stays after it),
 * unless items are appended: they take the place of the removed ones.
 */
int edit_remove(struct edit *e, const struct ynode *m, const char *key,
                size_t index, struct diag_list *dl);

/*
 * A copy of node n of any parsed document as a value of this edit.  A
 * scalar keeps its value: a plain scalar that YAML reads as other than a
 * string (a number, a date, true, null: yquote's rules) stays plain
 * (YVAL_RAW), any other is a YVAL_STR, quoted as yquote decides where it
 * is written.  A collection keeps its flow or block style, its keys in
 * order and its items.  Comments are not copied.
 */
struct yval *yval_from_node(struct edit *e, const struct ynode *n);

/*
 * A new file holding the block mapping map, in the canonical style of
 * files the tool creates: two-space indentation, sequences indented under
 * their key, LF line ends, scalars plain unless YAML needs quotes.
 */
int edit_render(struct edit *e, const struct yval *map, struct strbuf *out,
                struct diag_list *dl);

/* The new bytes: the document's buffer with every intent spliced in. */
int edit_apply(struct edit *e, struct strbuf *out, struct diag_list *dl);
/* 0 if after (the re-read result) is the edit's document plus exactly the
 * intents; else -1 with an error naming the first difference. */
int edit_verify(struct edit *e, const struct yamldoc *after,
                struct diag_list *dl);

#endif
