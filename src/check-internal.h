/*
 * check-internal: what cmd-check.c (the work tree, --rev) and
 * check-push.c (--pre-receive) share: one check of one version of the
 * roadmap -- the work tree's files, or a git snapshot's (gitrepo.h) -- by
 * the same rules.
 *
 * Ownership: a struct check owns its listing, its roadmap.yaml and its
 * findings (check_release()); it borrows the repository and snapshot it
 * is given.
 */
#ifndef ROADMAP_CHECK_INTERNAL_H
#define ROADMAP_CHECK_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/date.h"
#include "roadmap/diag.h"
#include "roadmap/gitrepo.h"
#include "roadmap/load.h"
#include "roadmap/repo.h"

struct check {
        char *root;   /* the work tree's roadmap root; NULL for a snapshot */
        char *prefix; /* work tree: how to name root/rel: prefix, then rel */
        struct gitrepo *git;        /* snapshot: the calling thread's */
        const struct gitsnap *snap; /* the version checked, or NULL */
        struct office_list offices;
        struct loaded meta;
        bool meta_ok;
        struct diag_list dl;
        size_t checked;
        unsigned jobs;        /* threads reading offices, 1..SCAN_MAX_JOBS */
        struct date tomorrow; /* dates of what happened come no later */
};

void check_init(struct check *c, unsigned jobs, struct date tomorrow);
void check_release(struct check *c);

/* Read roadmap.yaml of snapshot s and list its offices, with the
 * duplicate-id rule over all of them (findings in c->dl).  Returns 0, or
 * -1 when the listing failed. */
int check_snapshot_begin(struct check *c, struct gitrepo *g,
                         const struct gitsnap *s);

/* Every listed office, in the list's order (the caller frees the array,
 * not the offices). */
const struct office_file **check_office_array(const struct office_list *l);

/* Check the n offices of files (several threads; findings in file order). */
void check_files(struct check *c, const struct office_file **files, size_t n);

/* "roadmap check: N offices checked, E errors, W warnings" (with what,
 * when given, after "check:"), unless quiet and there is no finding. */
void check_print_summary(const struct check *c, const char *what, bool quiet);

/* roadmap check --pre-receive: git's pre-receive input on stdin; the exit
 * status (0: every updated ref's new tree passes). */
int check_pre_receive(unsigned jobs, struct date tomorrow, bool quiet);

#endif
