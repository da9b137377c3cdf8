/*
 * merge: the three-way merge of two versions of an office file or of
 * roadmap.yaml against their common ancestor, at the level of the model
 * (roadmap-merge-driver(1)).
 *
 * The result is our version with their changes applied by the edit
 * engine (edit.h), so our comments, quoting and layout stay; it is re-read
 * and verified like every write.
 *
 * Items are matched by identity, never by position: ministries and
 * services by id, workshops by kind, date and batch, plan history entries
 * by date and status (a second equal entry is a second identity).  A
 * service removed and one added on one side that differ only in id is
 * that service renamed; renamed by one side to an id that the other side
 * holds (added, or renamed to), it keeps ours' id (theirs' is not added)
 * and that id is a MERGE_BOTH_ADDED conflict, never an id twice.  Every
 * mapping is merged key by key: a key that one side changed and the
 * other did not takes that change; a key both
 * changed to one value takes it; a key both changed differently is a
 * conflict, unless both values are mappings or keyed sequences, which are
 * merged within.  An item removed on one side and untouched on the other
 * is removed; removed on one side and changed on the other is a conflict.
 * Items added on one side are added; on both, ours come first, then
 * theirs (appended in their order); the same identity added on both sides
 * with different content is a conflict.  Plan history is ordered (its
 * last entry is the status): entries of one date and status match by
 * content first, then by position.  History entries that theirs added go
 * in date order (after ours at an equal date); entries added on both
 * sides to one history must then keep the status order strictly (each
 * status after the one before it, as the CLI moves; dropped only last),
 * or the history is a conflict (MERGE_HISTORY); so is a history that one
 * side removed entries from (an undo, an amend) while the other added
 * entries, or that theirs reordered while ours changed it.  Sequences
 * that are not keyed (under x- keys) and other values are merged whole.
 * Services reordered on their side alone keep our order, and services
 * added on both sides under different ids with one name are noted
 * (res->notes says so).
 *
 * A conflict is written in git's format around the smallest region of
 * whole lines that holds it -- one field, one item, else the nearest
 * enclosing one -- with our lines (of the merged text), their lines (of
 * their file, in our line ends), and in diff3 style the base's lines.
 * Approvals merge like any field; the digest is never computed here.
 *
 * Ownership: a struct merge_result owns its text, conflicts and notes;
 * merge_result_release() frees them.  Inputs are borrowed.
 */
#ifndef ROADMAP_MERGE_H
#define ROADMAP_MERGE_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/diag.h"
#include "roadmap/load.h"
#include "roadmap/strbuf.h"

enum merge_conflict_kind {
        MERGE_BOTH_CHANGED,   /* both sides changed a value differently, or
                                 added one key with different values */
        MERGE_OURS_REMOVED,   /* ours removed it (an item or a key), theirs
                                 changed it */
        MERGE_THEIRS_REMOVED, /* theirs removed it, ours changed it */
        MERGE_BOTH_ADDED,     /* one new identity (a service id, a
                                 workshop, a ministry, a history entry)
                                 added on both sides with different
                                 content */
        MERGE_HISTORY         /* entries added on both sides to one plan's
                                 history break the status order once in
                                 date order, or one side removed entries
                                 while the other added some */
};

struct merge_conflict {
        enum merge_conflict_kind kind;
        /* What holds it, as roadmap-diff(1) names things: NULL for the
         * file's top level, "office", "service trade-licence", "approval",
         * "workshop roadmap 2026-10-05 batch 2", "ministry lgd". */
        char *where;
        /* The field under where, dotted ("name", "tcv.days", "plan.due",
         * "plan.history", "x-contact"), or NULL: the whole item. */
        char *field;
        /* Each side's value as one line of YAML text as written ("30",
         * "\"Trade licence\"", "(mapping)", "(list)"); NULL: absent. */
        char *base, *ours, *theirs;
        /* The line of its '<<<<<<<' marker in res->out (1-based), or 0
         * when no marker was written (an explanation, an ancestor). */
        int line;
};

/* The longest markers merge_run writes (as git's line merge). */
#define MERGE_MARKER_MAX 1000

enum merge_style {
        MERGE_STYLE_MERGE, /* ours, =======, theirs */
        MERGE_STYLE_DIFF3  /* ours, ||||||| base, base, =======, theirs */
};

struct merge_opts {
        enum load_kind kind; /* an office or roadmap.yaml */
        int marker_size;     /* 0 (or less): 7; at most MERGE_MARKER_MAX
                                (a larger one is taken as it) */
        /* Written after the markers ("<<<<<<< ours"); NULL: none. */
        const char *label_ours, *label_theirs, *label_base;
        enum merge_style style;
        /* Building a virtual ancestor (git's recursive merge): each
         * conflicting region takes the base's version, no marker is
         * written, and the result is clean. */
        bool ancestor;
        /* The merged text as messages name it (MERGE_INVALID, verify);
         * NULL: ours' name. */
        const char *display;
};

/* One version: bytes and the name messages give it. */
struct merge_input {
        const char *display;
        const char *buf;
        size_t len; /* the base may be empty: the file is new on both
                       sides (its base is an empty document) */
};

struct merge_result {
        struct strbuf out; /* the merged text, with markers if conflicts */
        struct merge_conflict *conflicts;
        size_t nconflicts, cap;
        /* Lines for a person about a clean merge ("services reordered by
         * theirs: our order is kept", "services x (ours) and y (theirs)
         * have one name: check they are not one service"), each ending
         * in '\n'. */
        struct strbuf notes;
        bool approval_stale; /* the merged office has an approval that its
                                plans have made stale (and ours had not) */
};

/* merge_run's results besides 0 and -1. */
#define MERGE_CONFLICTS 1     /* out holds markers */
#define MERGE_UNREADABLE (-2) /* a version does not load; dl says why */
#define MERGE_INVALID                                                          \
        (-3) /* the merged model would break a rule of                         \
                roadmap(5) that no side broke; dl says                         \
                which (positions in the merged text) */

void merge_result_init(struct merge_result *res);
void merge_result_release(struct merge_result *res);

/*
 * Merge theirs into ours against base.  Returns 0 (res->out is the clean
 * result), MERGE_CONFLICTS (res->out holds conflict markers, one
 * res->conflicts entry each, in the order of the file), MERGE_UNREADABLE,
 * MERGE_INVALID, or -1 when the merged text failed verification (an
 * error in dl).  On any result but 0 and MERGE_CONFLICTS, res->out is
 * empty and the caller falls back to a line merge.
 */
int merge_run(const struct merge_opts *o, const struct merge_input *base,
              const struct merge_input *ours, const struct merge_input *theirs,
              struct merge_result *res, struct diag_list *dl);

/* One conflict in domain words, one line without its line end:
 *   service trade-licence: tcv.days changed on both sides: base 30, ours 7,
 *   theirs 10
 *   service birth-certificate: removed by ours, changed by theirs
 *   service trade-licence: added on both sides with different content
 *   service trade-licence: plan.history: entries added on both sides break
 *   the status order, or one side removed entries while the other added
 *   some
 * Keys and values are written with control characters escaped.
 */
void merge_conflict_format(const struct merge_conflict *c, struct strbuf *out);

#endif
