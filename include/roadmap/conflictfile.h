/*
 * conflictfile: a file that still holds git conflict markers, read as
 * regions (our lines, the base's in diff3 style, their lines) and named
 * in domain words by comparing, region by region, the versions that
 * taking one side would give (officediff.h), so that 'roadmap check' says
 * which field a conflict is about rather than only where its markers are.
 *
 * Ownership: nothing is kept; errors go to the caller's list.
 */
#ifndef ROADMAP_CONFLICTFILE_H
#define ROADMAP_CONFLICTFILE_H

#include <stddef.h>

#include "roadmap/diag.h"
#include "roadmap/load.h"

/* How many conflict regions of a file, at most, are named in words. */
#define CONFLICTFILE_NAMED_MAX 20

/*
 * Describe each conflict region of buf[0..len) (the file display, an
 * office or roadmap.yaml as kind says) with one error at the line of its
 * '<<<<<<<' marker, e.g.
 *   unresolved merge conflict: service trade-licence: tcv.days: ours 7,
 *   theirs 10
 * and a hint to resolve it.  A region whose sides cannot be read as the
 * model (git's own line merge may cut YAML anywhere) is still one error,
 * naming its lines.  So is every region after the first
 * CONFLICTFILE_NAMED_MAX (each named in words costs reading the file
 * anew), the first of them with a hint saying so and how many follow.
 * Returns the number of regions (0: no markers; then
 * nothing is added), or -1 after an error for markers out of order (a
 * '=======' or '>>>>>>>' without its '<<<<<<<').
 */
int conflictfile_describe(enum load_kind kind, const char *display,
                          const char *buf, size_t len, struct diag_list *dl);

/*
 * Where buf[0..len) holds conflict regions (conflictfile_describe() > 0),
 * put their descriptions in place of dl's findings from index first on
 * about display (what yamldoc said of each marker, and what else reading
 * the file with its markers gave: none of it means anything until the
 * conflicts are resolved), and return the number of regions; else leave
 * dl as it is and return 0.  What 'roadmap check' reports of a file.
 */
int conflictfile_replace(enum load_kind kind, const char *display,
                         const char *buf, size_t len, struct diag_list *dl,
                         size_t first);

#endif
