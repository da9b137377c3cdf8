#include "roadmap/arena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/xalloc.h"

#define ARENA_BLOCK (64u * 1024u)
#define ARENA_ALIGN 16u

struct arena_block {
        struct arena_block *next;
        size_t size, used;
        _Alignas(16) unsigned char data[];
};

void arena_init(struct arena *a)
{
        a->head = NULL;
        a->total = 0;
}

static struct arena_block *block_new(size_t want, struct arena_block *next)
{
        size_t size = want > ARENA_BLOCK ? want : ARENA_BLOCK;
        struct arena_block *b;

        if (size > SIZE_MAX - sizeof(*b))
                return xmalloc(SIZE_MAX); /* reports out of memory */
        b = xmalloc(sizeof(*b) + size);
        b->next = next;
        b->size = size;
        b->used = 0;
        return b;
}

void *arena_alloc(struct arena *a, size_t n)
{
        struct arena_block *b = a->head;
        size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
        void *p;

        if (need < n)
                return xmalloc(SIZE_MAX);
        if (!b || b->size - b->used < need) {
                if (b && need > ARENA_BLOCK / 4) {
                        /* a large request gets its own block behind the head */
                        struct arena_block *big = block_new(need, b->next);
                        b->next = big;
                        b = big;
                } else {
                        b = a->head = block_new(need, a->head);
                }
        }
        p = b->data + b->used;
        b->used += need;
        a->total += need;
        memset(p, 0, n);
        return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
        char *p = arena_alloc(a, n + 1);

        memcpy(p, s, n);
        p[n] = '\0';
        return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
        return arena_strndup(a, s, strlen(s));
}

void arena_reset(struct arena *a)
{
        struct arena_block *b, *keep = NULL;

        for (b = a->head; b;) {
                struct arena_block *next = b->next;
                if (!keep && b->size == ARENA_BLOCK) {
                        keep = b;
                } else {
                        free(b);
                }
                b = next;
        }
        if (keep) {
                keep->next = NULL;
                keep->used = 0;
        }
        a->head = keep;
        a->total = 0;
}

void arena_release(struct arena *a)
{
        arena_reset(a);
        free(a->head);
        a->head = NULL;
}
