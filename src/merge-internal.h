/*
 * merge-internal: what the files of the merge module share; not for use
 * outside src/merge*.c.  The module's parts:
 *
 *   merge.c         merge_run: load, walk, apply, re-read, verify, markers
 *   merge-node.c    meaning of nodes: equality, identities of items, the
 *                   text of a value, paths and conflicts
 *   merge-walk.c    the three-way walk of mappings (the edits and
 *                   conflicts of the merge)
 *   merge-match.c   keyed sequences: items matched by identity, renamed
 *                   services, clashes of ids
 *   merge-seq.c     keyed sequences merged: plan history in date order
 *   merge-verify.c  the merged model against the three-way rule, walked
 *                   again without the walk's code
 *   merge-mark.c    the region of each conflict and the markers
 *   merge-note.c    notes on a clean merge (one name added twice)
 *
 * Ownership: everything the walk allocates (paths, identities, item
 * arrays) lives in the merge's arena until merge_run returns; the public
 * struct merge_conflict strings are the result's (merge.h).
 */
#ifndef ROADMAP_MERGE_INTERNAL_H
#define ROADMAP_MERGE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/arena.h"
#include "roadmap/edit.h"
#include "roadmap/merge.h"
#include "roadmap/schema.h"
#include "roadmap/yamldoc.h"

/* The shape of a value: SHAPE_ANY (an x- key's, or a scalar), a mapping
 * of roadmap(5) (an enum schema_map), or a keyed sequence of such
 * mappings (SHAPE_SEQ + the item's schema_map). */
#define SHAPE_ANY (-1)
#define SHAPE_SEQ 100
#define SHAPE_IS_SEQ(s) ((s) >= SHAPE_SEQ)
#define SHAPE_ITEM(s) ((enum schema_map)((s)-SHAPE_SEQ))

/* The sides of a merge, in this order everywhere. */
enum { SIDE_BASE, SIDE_OURS, SIDE_THEIRS, SIDE_COUNT };

/* One step of a path from the root: a key of a mapping, or an item of a
 * keyed sequence. */
struct mstep {
        const char *key;    /* a key step: the key; NULL: an item step */
        const char *ident;  /* an item: its identity in the merged text */
        size_t identlen;    /* (as merge_ident() makes it) */
        int seqshape;       /* an item: the sequence's shape */
        const char *label;  /* an item: "service x", "workshop ..." */
        const char *anchor; /* absent from the merged text: the sibling
                               after which it would be (a key, or an
                               item's merged identity); NULL: first */
        size_t anchorlen;
        /* the node at this step on each side (the value of the key, or
         * the item), and a key step's key; NULL: absent */
        const struct ynode *node[SIDE_COUNT], *knode[SIDE_COUNT];
};

struct mpath {
        struct mstep *steps;
        size_t n, cap;
};

/* A conflict as the walk found it. */
struct mconf {
        enum merge_conflict_kind kind;
        struct mstep *steps; /* copied path (arena) */
        size_t nsteps;
        size_t pub; /* its index in res->conflicts */
};

struct merge {
        const struct merge_opts *o;
        const struct yamldoc *doc[SIDE_COUNT]; /* base's root may be NULL */
        struct edit edit;
        struct arena arena;
        struct merge_result *res;
        struct diag_list *dl;
        struct mpath path;
        struct mconf *confs;
        size_t nconfs, capconfs;
        int err; /* an edit intent failed */
};

/* ---- nodes (merge-node.c) ---- */

/* The shape of the value of key in a mapping of shape. */
int merge_child_shape(int shape, const char *key);
/* Whether a and b (either NULL: absent) mean the same (merge.h). */
bool merge_eq(const struct ynode *a, const struct ynode *b, int shape);
/* The same, ignoring key skip of both (NULL: none). */
bool merge_eq_except(const struct ynode *a, const struct ynode *b, int shape,
                     const char *skip);
/* A hash of what n means, ignoring key skip; equal nodes hash equal. */
unsigned long merge_hash(const struct ynode *n, int shape, const char *skip);
/* True if n is a null scalar (an empty keyed sequence). */
bool merge_is_null(const struct ynode *n);
/* Whether approvals b, o, t (values of shape) are two approvals: both
 * sides approved anew (by or date not the base's, or no approval in the
 * base), differently.  They are one conflict, never merged key by key
 * into a mix of one's date and the other's memo. */
bool merge_two_approvals(const struct ynode *b, const struct ynode *o,
                         const struct ynode *t, int shape);
/* A string scalar's value in a mapping, or "" (length in *len). */
const char *merge_field(const struct ynode *m, const char *key, size_t *len);
/* The identity of item n of a sequence of item shape (without the
 * number of equal ones before it), in the arena; *len its length. */
char *merge_ident(struct merge *m, const struct ynode *n, enum schema_map item,
                  size_t *len);
/* How the item is named: "service x", "workshop roadmap 2026-10-05". */
char *merge_label(struct merge *m, const struct ynode *n, enum schema_map item);
/* A value as one line of YAML text (merge.h), or NULL; the caller frees. */
char *merge_value_text(const struct ynode *n, const struct yamldoc *doc);

/* The path: push a key or an item step; pop the last. */
struct mstep *merge_push_key(struct merge *m, const char *key,
                             const struct ynode *const node[SIDE_COUNT],
                             const struct ynode *const knode[SIDE_COUNT]);
struct mstep *merge_push_item(struct merge *m, int seqshape,
                              const struct ynode *const node[SIDE_COUNT],
                              const char *ident, size_t identlen);
void merge_pop(struct merge *m);
/* Record a conflict at the current path. */
void merge_conflict(struct merge *m, enum merge_conflict_kind kind);

/* ---- the walk (merge-walk.c, merge-seq.c) ---- */

/* Merge mapping values b, o, t (o and t mappings; b NULL or anything) of
 * shape, o the node of ours that the edits change. */
void merge_map(struct merge *m, const struct ynode *b, const struct ynode *o,
               const struct ynode *t, int shape);
/* Make the value under key of ours' mapping om (o: its value, NULL:
 * absent) equal to v (NULL: absent): the ancestor of a conflict. */
void merge_set_to(struct merge *m, const struct ynode *om, const char *key,
                  const struct ynode *o, const struct ynode *v, int shape,
                  const char *const *order);
/* The key order for a new key of a mapping of shape, whose version t holds
 * it: the schema's, else t's (arena). */
const char *const *merge_order(struct merge *m, int shape,
                               const struct ynode *t, const char *key);
/* Keyed sequences under key of ours' mapping om (o, b, t: the values,
 * each NULL, null or a sequence). */
void merge_seq(struct merge *m, const struct ynode *om, const char *key,
               const struct ynode *b, const struct ynode *o,
               const struct ynode *t, int shape);

/* Items of one side of a keyed sequence, matched by identity. */
struct mitem {
        const struct ynode *n;
        size_t idx;  /* in its sequence */
        char *ident; /* with the count of equal ones before it */
        size_t len;
        size_t rawlen; /* of ident without that count */
        size_t trip;   /* its triple */
        bool renamed;  /* a service renamed on its side */
};
struct mtriple {
        struct mitem *it[SIDE_COUNT];
        /* a service whose merged id (theirs') another's has (keeper):
         * it keeps ours' id (or is not added) and the id is a
         * MERGE_BOTH_ADDED conflict */
        const struct mtriple *keeper;
};
struct mmatch {
        struct mitem *items[SIDE_COUNT];
        size_t n[SIDE_COUNT];
        struct mtriple *trips;
        size_t ntrips;
};
/* Match the items of the three sequences (each may be NULL or null). */
void merge_match(struct merge *m, const struct ynode *const seq[SIDE_COUNT],
                 int shape, struct mmatch *mm);
/* The identity the item of triple tr has in the merged text (a service's
 * id merged three-way). */
const char *merge_trip_ident(struct merge *m, const struct mtriple *tr,
                             int shape, size_t *len);

/* Whether history seq (the three versions, matched in mm) changed on
 * both sides in a way that does not merge: a MERGE_HISTORY conflict. */
bool merge_history_broken(struct merge *m, const struct mmatch *mm,
                          const struct ynode *const seq[SIDE_COUNT]);
/* Lines of res->notes for services added on both sides under different
 * ids with one name or Bengali name (merge-note.c). */
void merge_note_names(struct merge *m, const struct mmatch *mm);
/* The items of one sequence with their identities (as merge_match). */
struct mitem *merge_side_items(struct merge *m, const struct ynode *seq,
                               enum schema_map item, size_t *np);

/* ---- verify and markers ---- */

/* 0 if the merged document md is the three-way merge of m's documents;
 * else -1 with an error. */
int merge_verify(struct merge *m, const struct yamldoc *md);
/* Write res->out from the merged text md with a marker block for each
 * conflict; set each conflict's line.  Returns 0 or -1. */
int merge_mark(struct merge *m, const struct yamldoc *md);

#endif
