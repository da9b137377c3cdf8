/*
 * diag: every message the tool prints about data goes through here.
 *
 * Library code appends located findings to a struct diag_list and returns
 * -1; only command files print, with diag_print().  A message is lowercase,
 * has no final period, and quotes its subject; diag_print() escapes control
 * characters.
 *
 * Ownership: the list owns copies of every string given to it;
 * diag_list_release() frees them.
 */
#ifndef ROADMAP_DIAG_H
#define ROADMAP_DIAG_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum diag_level { DIAG_ERROR, DIAG_WARNING };

struct diag {
        enum diag_level level;
        char *path; /* NULL: not about a file */
        int line;   /* 1-based; 0: the whole file */
        int col;    /* 1-based, in characters; 0: the whole line */
        char *msg;
        char *hint;   /* NULL or one or more lines, each printed as "hint: " */
        size_t seq;   /* insertion order, keeps sorting stable */
        bool summary; /* sums up its file's findings, sorts after them */
};

struct diag_list {
        struct diag *items;
        size_t n, cap;
};

#define DIAG_LIST_INIT                                                         \
        {                                                                      \
                NULL, 0, 0                                                     \
        }

void diag_list_init(struct diag_list *dl);
void diag_list_release(struct diag_list *dl);

/* Append a finding; returns it so a hint can be attached. */
struct diag *diag_add(struct diag_list *dl, enum diag_level level,
                      const char *path, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
struct diag *diag_vadd(struct diag_list *dl, enum diag_level level,
                       const char *path, int line, int col, const char *fmt,
                       va_list ap) __attribute__((format(printf, 6, 0)));
/* Shorthands: an error, a warning. */
#define diag_error(dl, path, line, col, ...)                                   \
        diag_add((dl), DIAG_ERROR, (path), (line), (col), __VA_ARGS__)
#define diag_warning(dl, path, line, col, ...)                                 \
        diag_add((dl), DIAG_WARNING, (path), (line), (col), __VA_ARGS__)
/* Set (or append a line to) the hint of d; d may be NULL. */
void diag_hint(struct diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/*
 * Make d the summary of the findings about its file (a refusal that
 * follows from them): sorted after them, so its hint may speak of the
 * positions above.  d may be NULL.
 */
void diag_summary(struct diag *d);

size_t diag_count(const struct diag_list *dl, enum diag_level level);
/* Move every item of src to the end of dst. */
void diag_list_move(struct diag_list *dst, struct diag_list *src);
/* Sort by path (summaries last within their file), line, column, then
 * insertion order. */
void diag_sort(struct diag_list *dl);
/* Print "path:line:col: level: msg" and hint lines. */
void diag_print(const struct diag_list *dl, FILE *fp);
void diag_print_one(const struct diag *d, FILE *fp);
/* Format one diagnostic as it would be printed (no hint), caller frees. */
char *diag_format(const struct diag *d);

/* Closest of candidates to word by edit distance, or NULL if none is near. */
const char *diag_did_you_mean(const char *word, const char *const *candidates,
                              size_t n);

#endif
