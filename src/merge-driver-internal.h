/*
 * merge-driver-internal: what cmd-merge-driver.c (the driver, --explain
 * of files) and merge-driver-explain.c (--explain of git's index) share:
 * one merge of three versions of a file, and how its conflicts are told.
 *
 * Ownership: a struct mdjob owns its names, texts, result and
 * diagnostics (mdjob_release()); it borrows the options and the name.
 */
#ifndef ROADMAP_MERGE_DRIVER_INTERNAL_H
#define ROADMAP_MERGE_DRIVER_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "roadmap/diag.h"
#include "roadmap/load.h"
#include "roadmap/merge.h"
#include "roadmap/strbuf.h"

struct merge_driver_opts {
        long marker_size;
        const char *ours_label, *theirs_label, *base_label;
        bool ancestor, explain;
};

enum side { BASE, OURS, THEIRS };

/* One merge of three versions: what the driver and --explain share. */
struct mdjob {
        const char *name;      /* PATH, as git names the file */
        char *display[3];      /* "PATH (ours)" */
        char *merged;          /* "PATH (merged)" */
        struct strbuf text[3]; /* the versions */
        struct merge_opts mo;
        struct merge_result res;
        struct diag_list dl;
};

void mdjob_init(struct mdjob *j, const char *name,
                const struct merge_driver_opts *o);
void mdjob_release(struct mdjob *j);
/* merge_run() in the given style, its last result released first. */
int mdjob_merge(struct mdjob *j, enum merge_style style);
/* roadmap.yaml or an office, by name, else by the first of the n texts
 * that says. */
enum load_kind mdjob_kind_of(const char *name, const struct strbuf *const *t,
                             size_t n);
/* Each conflict as "PATH: what" on fp; how many. */
size_t mdjob_print_conflicts(const struct mdjob *j, FILE *fp);
/* The conflicts of a merge j ran (rc), on stdout: how many, or -1 when it
 * could not be merged (its diagnostics on stderr). */
int mdjob_explain_result(struct mdjob *j, int rc);

/* roadmap merge-driver --explain [PATH] of git's index: the exit status. */
int merge_driver_explain_index(const struct merge_driver_opts *o,
                               const char *path);

#endif
