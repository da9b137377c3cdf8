/*
 * gitlog: the history of one office, or of one service of it, across the
 * commits of a git repository (roadmap-log(1)), read with libgit2.
 *
 * The walk follows first parents from a start commit, newest first, and
 * stops at the commit that added the office.  A commit is in the history
 * when the office file's blob differs from its first parent's (a merge
 * too: against its first parent only).  The file is followed across a
 * move to another ministry's directory: when the parent holds no file at
 * the path, offices/<any>/<id>.yaml of the parent's tree is looked for.
 * Each commit comes with what changed in it (officediff.h).  Following a
 * service, only changes about that service count, a commit without any is
 * left out, and a rename is followed back: before it, the old id.
 *
 * Errors go to a diag_list; nothing here prints.  A walk that meets a
 * missing parent in a shallow clone reports what it found, then an error
 * saying where the history stops and how to fetch the rest.
 *
 * Ownership: everything a callback receives is borrowed for the call.
 */
#ifndef ROADMAP_GITLOG_H
#define ROADMAP_GITLOG_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/date.h"
#include "roadmap/diag.h"
#include "roadmap/gitrepo.h"
#include "roadmap/officediff.h"

/* One commit of the history. */
struct gitlog_commit {
        char hex[GIT_OID_HEXSZ + 1];      /* the commit's id */
        char short_id[GIT_OID_HEXSZ + 1]; /* its unique abbreviation */
        const char *author, *email;
        const char *subject; /* the first paragraph, on one line */
        long long time;      /* the author date: seconds since the epoch */
        int offset;          /* and its time zone, minutes east of UTC */
        struct date date;    /* the author date's day, in that zone */
        const char *path;    /* the office file relative to the roadmap
                                root (before a removal: the old one) */
        const struct changes *changes; /* what changed, newest side last */
};

struct gitlog_query {
        const char *office;  /* an office id */
        const char *service; /* a service id (now), or NULL: every change */
        struct date since, until; /* author dates; unset: no bound */
        size_t max;               /* commits at most; 0: all */
};

typedef void (*gitlog_fn)(const struct gitlog_commit *c, void *ctx);

/*
 * Call fn for each commit of q's history from the commit of start (a
 * GITSNAP_COMMIT snapshot, whose root is the roadmap's root in every
 * commit), newest first.  Returns 0; GITREPO_NOT_FOUND when the office
 * is in no commit of the history, or the service in no change of it; -1
 * when the repository cannot be read (a missing object, the boundary of
 * a shallow clone), after the commits found before it.  Errors in dl.
 */
int gitlog_walk(struct gitrepo *r, const struct gitsnap *start,
                const struct gitlog_query *q, gitlog_fn fn, void *ctx,
                struct diag_list *dl);

#endif
