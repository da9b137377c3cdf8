/*
 * arena: bump allocation for everything read from one file.
 *
 * Ownership: memory returned by arena_alloc() and friends belongs to the
 * arena and lives until arena_reset() or arena_release(); never free() it.
 * An arena is reused across files by arena_reset(), which keeps one block.
 */
#ifndef ROADMAP_ARENA_H
#define ROADMAP_ARENA_H

#include <stddef.h>

struct arena_block;

struct arena {
        struct arena_block *head;
        size_t total; /* bytes handed out since the last reset */
};

#define ARENA_INIT                                                             \
        {                                                                      \
                NULL, 0                                                        \
        }

void arena_init(struct arena *a);
void *arena_alloc(struct arena *a, size_t n); /* zeroed, 16-byte aligned */
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_strdup(struct arena *a, const char *s);
void arena_reset(struct arena *a);   /* free all but the first block */
void arena_release(struct arena *a); /* free everything; a is reusable */

#endif
