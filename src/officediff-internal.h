/*
 * What the parts of officediff share (officediff.c: an office;
 * officediff-roadmap.c: roadmap.yaml, unreadable versions, comments).
 */
#ifndef ROADMAP_OFFICEDIFF_INTERNAL_H
#define ROADMAP_OFFICEDIFF_INTERNAL_H

#include "roadmap/officediff.h"

/* Append a change of kind, all else zero but copies of ministry and office
 * (either may be NULL). */
struct change *officediff_add(struct changes *out, enum change_kind kind,
                              const char *ministry, const char *office);
/* If a or b (either may be NULL) did not load, append the one
 * CHANGE_UNREADABLE and return true. */
bool officediff_unreadable(const struct loaded *a, const struct loaded *b,
                           const struct diag_list *errors, const char *ministry,
                           const char *office, struct changes *out);
/* Append one CHANGE_COMMENTS if the comments of a and b (NULL: none)
 * differ as multisets. */
void officediff_comments(const struct loaded *a, const struct loaded *b,
                         const char *ministry, const char *office,
                         struct changes *out);

/* What a change to an extension key (x-...) is about: its kind, ministry,
 * office, service and item (each may be NULL), the field's prefix ("tcv."
 * or NULL), and the text of the two files (for a scalar's YAML text). */
struct officediff_ext {
        enum change_kind kind;
        const char *ministry, *office, *service, *item, *prefix;
        const char *buf_a, *buf_b;
};
/* Append one change of x->kind for each x- key of mappings a and b (either
 * NULL) whose value differs: the keys of a in order, then those only b
 * has.  The field is prefix + key; old and new the values' text. */
void officediff_extensions(const struct officediff_ext *x,
                           const struct ynode *a, const struct ynode *b,
                           struct changes *out);

#endif
