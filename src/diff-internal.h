/*
 * diff-internal: what the two files of roadmap diff share: the
 * options, the run (the repository, the two versions, the changes found,
 * grouped per office), and the steps of diff-read.c.  Not a module:
 * for src/cmd-diff*.c only.
 *
 * Ownership: a struct run owns everything it points to but the revisions
 * (borrowed from argv); cmd-diff.c releases it.
 */
#ifndef ROADMAP_DIFF_INTERNAL_H
#define ROADMAP_DIFF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/cli.h"
#include "roadmap/diag.h"
#include "roadmap/gitrepo.h"
#include "roadmap/officediff.h"

struct args {
        bool cached, stat, exit_code, json;
        int format;                   /* OPT_CHOICE: 1 for json */
        int colour, calendar, digits; /* OPT_COLOR, OPT_CALENDAR, OPT_DIGITS */
        struct change_style style;
};

struct entry {
        char *id;                        /* the office id; NULL: roadmap.yaml */
        const char *old_path, *new_path; /* borrowed; NULL: absent */
        char status;
};

struct group {
        char *heading;   /* "kcc  Khulna City Corporation  (lgd)", escaped */
        size_t first, n; /* its changes */
};

struct run {
        struct args a;
        char *root; /* the roadmap on disk, or NULL (none: revisions only) */
        struct diag_list no_root; /* why there is none (repo_find_root) */
        struct gitrepo *repo;
        struct gitsnap from, to;
        bool from_empty; /* no commit yet: from is the empty tree */
        const char *revs[2];
        size_t nrevs;
        bool range;     /* revs[0] is A..B or A...B */
        char **offices; /* the office ids asked for */
        size_t noffices, capoffices;
        struct diag_list dl;
        struct changes changes;
        struct group *groups;
        size_t ngroups, capgroups;
};

/* Each step returns 0, or the exit status (EXIT_INVALID, EXIT_USAGE) with
 * why in r->dl. */

/* The exit status of a gitrepo result: 0, EXIT_USAGE for something named
 * that does not exist (GITREPO_NOT_FOUND), else EXIT_INVALID. */
int diff_exit_of(int gitrepo_rc);
/* The operands: argv[1..n], of which argv[1..nbefore] came before "--"
 * (revisions, or offices: files, or ids of the work tree) and the rest
 * after it (offices). */
int diff_operands(struct run *r, int n, char **argv, int nbefore);
/* r->from and r->to, as the revisions and --cached say. */
int diff_open_snaps(struct run *r);
/* Every changed file's semantic changes, into r->changes and r->groups;
 * an office named that neither version holds is an error (EXIT_INVALID). */
int diff_compute(struct run *r);

#endif
