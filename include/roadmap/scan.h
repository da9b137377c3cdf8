/*
 * scan: what every reader of a repository's offices shares -- the one
 * lookup of an office by id, the one duplicate-id rule, the one
 * ROADMAP_JOBS / --jobs rule, and an ordered parallel map over offices.
 * The offices themselves come from a listing (repo_list_offices(): the
 * work tree, with its symbolic-link and regular-file rule).
 *
 * The map reads offices with several threads, each with its own worker
 * state (e.g. a struct loaded reset per file), into result slots; the
 * calling thread consumes the results strictly in the order of the list,
 * through a window of a few slots per thread, so memory does not grow
 * with the repository and the outcome never depends on the number of
 * threads.
 *
 * Ownership: scan borrows its arguments and keeps nothing; the messages of
 * scan_jobs_parse() and scan_jobs_default() are static.
 */
#ifndef ROADMAP_SCAN_H
#define ROADMAP_SCAN_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/diag.h"
#include "roadmap/repo.h"

#define SCAN_MAX_JOBS 256
#define SCAN_JOBS_ENV "ROADMAP_JOBS"

/* A number of threads: 1 to SCAN_MAX_JOBS, in ASCII or Bengali digits
 * (bangla_parse_number()).  Returns NULL, or why s is not one (the
 * caller says where it came from: "invalid --jobs 'x': why"). */
const char *scan_jobs_parse(const char *s, unsigned *jobs);
/* $ROADMAP_JOBS when set and not empty (scan_jobs_parse()), else the
 * number of CPUs (at most SCAN_MAX_JOBS).  Returns NULL, or why
 * $ROADMAP_JOBS is refused. */
const char *scan_jobs_default(unsigned *jobs);

/*
 * The one duplicate-id rule: an id used by more than one of the n files
 * (in any order) is an error at each file but the first in path order,
 * "office id 'X' is also used by 'FIRST'", placed at its office.id
 * (root: absolute, to read that place and name the files).  With skip, a
 * warning ending "; both skipped" instead.  dup (optional, n entries) is
 * set for every file of a shared id.  Returns the number of such files.
 */
size_t scan_check_ids(const char *root, const struct office_file *const *files,
                      size_t n, bool skip, bool *dup, struct diag_list *dl);

/* The same rule over files that are not in the work tree (a git
 * revision's): place names a file (rel relative to the roadmap root; the
 * result the caller's to free) and finds where it names its id. */
struct scan_place {
        char *(*display)(void *arg, const char *rel);
        void (*id_position)(void *arg, const char *rel, int *line, int *col);
        void *arg;
};
size_t scan_check_ids_at(const struct scan_place *place,
                         const struct office_file *const *files, size_t n,
                         bool skip, bool *dup, struct diag_list *dl);

/*
 * The one lookup of an office by id, in a listing of root: the entry, or
 * NULL when no file has the id (nothing added to dl) or more than one has
 * (scan_check_ids()'s error for each later file: both paths).
 */
const struct office_file *scan_office_in(const char *root,
                                         const struct office_list *l,
                                         const char *id, struct diag_list *dl);

enum scan_find {
        SCAN_FOUND,
        SCAN_NONE,       /* no office has the id; dl untouched */
        SCAN_UNREADABLE, /* the listing refused something (errors in dl) */
        SCAN_DUPLICATE   /* the id is used twice (errors in dl) */
};

/*
 * Find the office file of id below root: *rel (the caller's to free),
 * relative to root, when SCAN_FOUND.  A walk by names (repo_quick_find())
 * finds the one file quickly; anything else -- no file or several with the
 * id, or what the walk leaves to the listing (<id>.yaml that is a link or
 * not a regular file, an unreadable or too deep directory) -- is judged by
 * the full listing, left in *l (the caller releases it, whatever the
 * result) for hints.  What the listing would refuse elsewhere in the tree
 * does not stop a quick find.
 */
enum scan_find scan_find_office(const char *root, const char *id,
                                struct office_list *l, char **rel,
                                struct diag_list *dl);

/*
 * An ordered parallel map.  worker_size and result_size bytes are
 * allocated (zeroed) per worker and per result slot, and handed to the
 * init and release callbacks (either may be NULL).  map() runs in worker
 * threads, several at once: it reads files[i] into a result with its own
 * worker state and may only read ctx.  consume() runs in the calling
 * thread, for i = 0, 1, ... nfiles - 1 in order, and may change ctx and
 * the result (a slot is reused once consumed: map() must reset it).
 */
struct scan_map {
        const struct office_file *const *files;
        size_t nfiles;
        unsigned jobs; /* threads; capped at nfiles and SCAN_MAX_JOBS */
        size_t worker_size, result_size;
        void *ctx;
        void (*worker_init)(void *ctx, void *worker);
        void (*worker_release)(void *ctx, void *worker);
        void (*result_init)(void *ctx, void *result);
        void (*result_release)(void *ctx, void *result);
        void (*map)(void *ctx, void *worker, const struct office_file *f,
                    void *result);
        void (*consume)(void *ctx, const struct office_file *f, void *result);
};

/* Run m: every file mapped and consumed, in order.  With one job (or
 * when no thread can be started) everything runs in the calling thread. */
void scan_run(const struct scan_map *m);

#endif
