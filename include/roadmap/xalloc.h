/*
 * xalloc: the one allocation seam.
 *
 * Ownership: every pointer returned here is the caller's, released with
 * free().  Running out of memory is the one condition on which library code
 * ends the process: it prints "roadmap: out of memory" and exits 1, as git's
 * xmalloc does, so that no caller has to carry a path it cannot test.
 */
#ifndef ROADMAP_XALLOC_H
#define ROADMAP_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of *cap elements of size elem so it holds at least need. */
void *xgrow(void *p, size_t *cap, size_t need, size_t elem);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* A formatted string, the caller's to free. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
