/*
 * repo: a roadmap repository on disk (roadmap(5), "Repository").
 *
 * Ownership: every char * result and the array of repo_list_offices() is
 * the caller's; repo_office_list_release() frees a list.
 */
#ifndef ROADMAP_REPO_H
#define ROADMAP_REPO_H

#include <stddef.h>

#include "roadmap/diag.h"

#define REPO_MARKER "roadmap.yaml"
#define REPO_OFFICES "offices"
#define REPO_MAX_DEPTH 16 /* directories below offices/ */

struct office_file {
        char *path; /* relative to the root: offices/<ministry>/<id>.yaml */
        char *id;   /* the file name without .yaml */
};

struct office_list {
        struct office_file *items;
        size_t n, cap;
        /* Temporary files that interrupted writes left (lockfile.h), older
         * than LOCKFILE_STALE_SECONDS, relative to the root, sorted. */
        char **leftovers;
        size_t nleftovers, capleftovers;
};

#define OFFICE_LIST_INIT                                                       \
        {                                                                      \
                NULL, 0, 0, NULL, 0, 0                                         \
        }

/* The nearest directory from start upward that holds roadmap.yaml, as an
 * absolute path.  Returns NULL after adding an error to dl. */
char *repo_find_root(const char *start, struct diag_list *dl);

/*
 * Every *.yaml below root/offices, sorted by path (bytes).  The one rule
 * for what is below offices/: directories are walked, regular *.yaml files
 * are offices, hidden entries are not the repository's (stale temporary
 * files of interrupted writes are listed as leftovers), and a symbolic
 * link anywhere, or a *.yaml that is not a regular file, is an error
 * (regfile.h): nothing is read through a link.  Returns 0, or -1 after
 * adding errors to dl; the list then holds every office that was found.
 */
int repo_list_offices(const char *root, struct office_list *out,
                      struct diag_list *dl);
void repo_office_list_release(struct office_list *l);
/* Add the office file rel (relative to the root, ending in .yaml), and
 * sort a list by path: for listings of other sources (gitrepo.h). */
void repo_office_list_add(struct office_list *l, const char *rel);
void repo_office_list_sort(struct office_list *l);
/*
 * The office file of id, relative to root (the caller's to free), found by
 * a walk of every directory below offices/ (links are not followed): the
 * name <id>.yaml looked up in each, and a directory read only for its
 * subdirectories -- not at all where its link count says it has none, on
 * the file systems whose count says so (offices/'s: not another file
 * system mounted below it).  scan_find_office()'s fast path.
 * NULL if no file or more than one file has the id, or when the walk meets
 * what only repo_list_offices() may judge (<id>.yaml that is a link or not
 * a regular file, an unreadable or too deep directory); *count (optional)
 * is then 0, else the number of files with the id.
 */
char *repo_quick_find(const char *root, const char *id, size_t *count);

/* The first entry of l whose id is id, or NULL (scan_office_in() also
 * refuses an id used twice). */
const struct office_file *repo_office_find(const struct office_list *l,
                                           const char *id);
/* The office id of l nearest to id, for a "did you mean" hint, or NULL. */
const char *repo_near_office(const struct office_list *l, const char *id);

/* How to name root/rel to the user: relative to the working directory
 * when that is inside root, else absolute.  The caller's to free. */
char *repo_display_path(const char *root, const char *rel);

/* "offices/<ministry>/<id>.yaml", the caller's to free. */
char *repo_new_office_path(const char *ministry, const char *id);

#endif
