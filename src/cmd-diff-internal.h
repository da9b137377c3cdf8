/*
 * cmd-diff-internal: what the two files of roadmap diff share: the
 * options, the run (the repository, the two versions, the changes found,
 * grouped per office), and the steps of cmd-diff-read.c.  Not a module:
 * for src/cmd-diff*.c only.
 *
 * Ownership: a struct run owns everything it points to but the revisions
 * (borrowed from argv); cmd-diff.c releases it.
 */
#ifndef ROADMAP_CMD_DIFF_INTERNAL_H
#define ROADMAP_CMD_DIFF_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/diag.h"
#include "roadmap/gitrepo.h"
#include "roadmap/officediff.h"

enum colour_when { COLOUR_AUTO, COLOUR_NEVER, COLOUR_ALWAYS };

struct args {
        bool cached, stat, exit_code, json;
        enum colour_when colour;
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
        char *root; /* the roadmap on disk, or NULL (a bare repository) */
        struct gitrepo *repo;
        struct gitsnap from, to;
        const char *revs[2];
        size_t nrevs;
        char **offices; /* the office ids asked for */
        size_t noffices, capoffices;
        struct diag_list dl;
        struct changes changes;
        struct group *groups;
        size_t ngroups, capgroups;
};

/* The operands: argv[1..n], of which argv[1..nbefore] came before "--"
 * (revisions or offices of the work tree) and the rest after it (offices).
 * 0, or an error in r->dl (GITREPO_NOT_FOUND: exit 2). */
int diff_operands(struct run *r, int n, char **argv, int nbefore);
/* r->from and r->to, as the revisions and --cached say.  As above. */
int diff_open_snaps(struct run *r);
/* Every changed file's semantic changes, into r->changes and r->groups.
 * 0, or -1 with an error in r->dl. */
int diff_compute(struct run *r);

#endif
