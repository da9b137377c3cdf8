/*
 * mergetext: git's own line merge of three versions of a file (libgit2's
 * git_merge_file, the xdiff merge that git runs), for a file the merge
 * of the model cannot read: the merge driver (roadmap-merge-driver(1))
 * then leaves what git would have left without it, since git never falls
 * back to its own merge once a driver is configured.
 *
 * Ownership: inputs are borrowed; the merged text is appended to the
 * caller's strbuf.
 */
#ifndef ROADMAP_MERGETEXT_H
#define ROADMAP_MERGETEXT_H

#include <stddef.h>

#include "roadmap/diag.h"
#include "roadmap/strbuf.h"

/* merge.conflictStyle */
enum mergetext_style { MERGETEXT_MERGE, MERGETEXT_DIFF3, MERGETEXT_ZDIFF3 };

struct mergetext_opts {
        int marker_size; /* 0: 7 */
        /* After the markers ("<<<<<<< ours"); NULL: none. */
        const char *label_ours, *label_theirs, *label_base;
        enum mergetext_style style;
};

/* One version: its bytes (the base may be empty: added on both sides). */
struct mergetext_input {
        const char *buf;
        size_t len;
};

/*
 * Merge theirs into ours against base, line by line, as git does, and
 * append the result to out: our lines where only theirs is unchanged,
 * conflict markers where both sides changed one region differently.
 * Returns 0 (clean), 1 (out holds conflict markers), or -1 after adding an
 * error at display (libgit2 cannot be loaded, or the merge failed).
 */
int mergetext_run(const struct mergetext_opts *o,
                  const struct mergetext_input *base,
                  const struct mergetext_input *ours,
                  const struct mergetext_input *theirs, const char *display,
                  struct strbuf *out, struct diag_list *dl);

/* The style that merge.conflictStyle names (diff3, zdiff3, else merge). */
enum mergetext_style mergetext_style_parse(const char *value);

/*
 * The value of the git config key (case-insensitive: no subsection) that
 * git was given for this run in the environment, which libgit2 does not
 * read: 'git -c key=value' (GIT_CONFIG_PARAMETERS) or GIT_CONFIG_COUNT
 * with GIT_CONFIG_KEY_n and GIT_CONFIG_VALUE_n; the last one, as git takes
 * it (GIT_CONFIG_PARAMETERS after the numbered ones).  NULL if none; else
 * the caller's to free.
 */
char *mergetext_env_config(const char *key);

#endif
