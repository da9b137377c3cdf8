/*
 * githist: why an office's approval is stale, from git history.
 *
 * The approval digest is one hash of every service id and every plan
 * (digest.h), so it says that something changed, not what.  Where the
 * roadmap repository is a git work tree, githist finds the commit that
 * recorded the office's current approval -- walking the first-parent
 * history of the office file's path from HEAD, the oldest commit from
 * which the file's approval digest has stayed the digest the office holds
 * now -- reads the office as it stood there (load_office_bytes()), and
 * compares it with the office now: services added, removed, renamed
 * (one removed and one added with the same name or the same plan
 * history), and plans added, removed or changed in what the digest covers
 * (priority, due date, target TCV).  The office as it stood there must
 * have the approval's digest itself, or the history does not show what
 * was approved and nothing is found.  The walk follows the office file
 * across a move to another ministry's directory (offices/<m>/<id>.yaml).
 *
 * The repository is read with libgit2, never by running git, and opened
 * once per struct githist, on the first question.  A struct githist must
 * not be used by two threads at once.  Nothing here prints.
 *
 * Ownership: struct githist is the caller's, freed with githist_free(); a
 * struct approval_changes owns copies of every string in it, freed with
 * approval_changes_release(); approval_changes_format() returns text for
 * the caller to free.
 */
#ifndef ROADMAP_GITHIST_H
#define ROADMAP_GITHIST_H

#include <stddef.h>

#include "roadmap/date.h"
#include "roadmap/diag.h"
#include "roadmap/model.h"

enum approval_change_kind {
        APPROVAL_SERVICE_ADDED,
        APPROVAL_SERVICE_REMOVED,
        APPROVAL_SERVICE_RENAMED,
        APPROVAL_PLAN_ADDED,
        APPROVAL_PLAN_REMOVED,
        APPROVAL_PLAN_CHANGED,
        APPROVAL_CHANGE_KINDS
};

struct approval_change {
        enum approval_change_kind kind;
        char *service; /* the id now; for a removed service, the id then */
        char *was;     /* renamed: the id then; else NULL */
        char *detail;  /* plan changed: "priority 1 -> 2, due none -> ..." */
};

struct approval_changes {
        char commit[41]; /* the commit that recorded the approval, in hex */
        struct date commit_date;  /* its committer date, in its time zone */
        struct date changed_date; /* the committer date of the first commit
                                     since then whose services or plans
                                     differ from the approved ones; unset
                                     when the change is not committed */
        struct approval_change *items; /* kind order, then by id */
        size_t n, cap;
};

#define APPROVAL_CHANGES_INIT                                                  \
        {                                                                      \
                "", {0, 0, 0}, {0, 0, 0}, NULL, 0, 0                           \
        }

struct githist;

/* A reader of the git repository whose work tree holds dir (a directory of
 * the roadmap repository; the git work tree may be an ancestor of it).
 * Opens nothing yet; never NULL. */
struct githist *githist_new(const char *dir);
void githist_free(struct githist *h);

/*
 * What changed in the office now (as read from the work tree) since the
 * commit that recorded its current approval.  office_path names the
 * office file: absolute, or relative to the dir given to githist_new().
 * Returns 1 with *out filled (n may be 0 if nothing the digest covers
 * changed); 0 when there is no such history (not a git work tree, no
 * commit yet, the file untracked, the approval not committed, no digest,
 * or the commit's office does not hold the approved services and plans);
 * -1 when the repository cannot be read, with an error in dl.  *out is
 * written only when 1 is returned; release it either way.
 */
int githist_approval_changes(struct githist *h, const char *office_path,
                             const struct office *now,
                             struct approval_changes *out,
                             struct diag_list *dl);

/* The changes as one line for a person: "since the approval (commit
 * 1a2b3c4, 2017-10-31): added birth-certificate; removed trade-licence;
 * plan of gcc-enlistment changed (priority 1 -> 2)".  Long lists are cut
 * short ("and 12 more"). */
char *approval_changes_format(const struct approval_changes *c);
void approval_changes_release(struct approval_changes *c);

/*
 * Why the office now's approval is stale, as one line for a person:
 * approval_changes_format() where the history shows what changed; else
 * why it cannot be told -- the git history cannot be read (and libgit2's
 * reason, such as a repository owned by another user), or no git history
 * of the office shows what was approved on its date.  The caller frees.
 */
char *githist_why_stale(struct githist *h, const char *office_path,
                        const struct office *now);

#endif
