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

#endif
