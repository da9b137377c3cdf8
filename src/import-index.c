/*
 * import-index: an office's ids and names in hash tables, so that an
 * import of many rows finds a service, or a free id, in constant time
 * (a list scanned per row made 4,000 rows take minutes).  See import.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/import.h"
#include "roadmap/xalloc.h"

struct import_slot {
        char *key; /* NULL: free */
        const struct service *s;
        int count;
};

static uint64_t hash(const char *s)
{
        uint64_t h = 14695981039346656037u; /* FNV-1a */

        while (*s) {
                h ^= (unsigned char)*s++;
                h *= 1099511628211u;
        }
        return h;
}

/* The slot of key in t: its own, or the free one it would take. */
static struct import_slot *slot(const struct import_table *t, const char *key)
{
        size_t mask = t->cap - 1, i = (size_t)hash(key) & mask;

        while (t->slots[i].key && strcmp(t->slots[i].key, key) != 0)
                i = (i + 1) & mask;
        return &t->slots[i];
}

static void grow(struct import_table *t)
{
        struct import_table old = *t;
        size_t i;

        t->cap = old.cap ? old.cap * 2 : 64;
        t->slots = xcalloc(t->cap, sizeof(*t->slots));
        for (i = 0; i < old.cap; i++)
                if (old.slots[i].key)
                        *slot(t, old.slots[i].key) = old.slots[i];
        free(old.slots);
}

/* The entry for key, made (zeroed) if there is none. */
static struct import_slot *put(struct import_table *t, const char *key)
{
        struct import_slot *e;

        if (2 * (t->n + 1) > t->cap)
                grow(t);
        e = slot(t, key);
        if (!e->key) {
                e->key = xstrdup(key);
                t->n++;
        }
        return e;
}

static const struct import_slot *get(const struct import_table *t,
                                     const char *key)
{
        const struct import_slot *e;

        if (!t->cap)
                return NULL;
        e = slot(t, key);
        return e->key ? e : NULL;
}

static void table_release(struct import_table *t)
{
        size_t i;

        for (i = 0; i < t->cap; i++)
                free(t->slots[i].key);
        free(t->slots);
        memset(t, 0, sizeof(*t));
}

/* The first service in file order keeps a name that several have. */
static void put_name(struct import_table *t, const char *name,
                     const struct service *s)
{
        char *key;
        struct import_slot *e;

        if (!name)
                return;
        key = import_name_key(name);
        e = put(t, key);
        if (!e->s)
                e->s = s;
        free(key);
}

void import_index_init(struct import_index *x, const struct office *off)
{
        size_t i;

        memset(x, 0, sizeof(*x));
        for (i = 0; i < off->nservices; i++) {
                const struct service *s = &off->services[i];
                if (s->id && !get(&x->ids, s->id))
                        put(&x->ids, s->id)->s = s;
                put_name(&x->names, s->name, s);
                put_name(&x->names_bn, s->name_bn, s);
        }
}

void import_index_release(struct import_index *x)
{
        table_release(&x->ids);
        table_release(&x->names);
        table_release(&x->names_bn);
        table_release(&x->counters);
}

const struct service *import_index_service(const struct import_index *x,
                                           const char *id)
{
        const struct import_slot *e = get(&x->ids, id);

        return e ? e->s : NULL;
}

bool import_index_taken(const struct import_index *x, const char *id)
{
        return get(&x->ids, id) != NULL;
}

void import_index_take(struct import_index *x, const char *id)
{
        put(&x->ids, id);
}

const struct service *import_index_named(const struct import_index *x,
                                         const char *name, bool bn)
{
        char *key = import_name_key(name);
        const struct import_slot *e = get(bn ? &x->names_bn : &x->names, key);

        free(key);
        return e ? e->s : NULL;
}

int *import_index_counter(struct import_index *x, const char *key)
{
        return &put(&x->counters, key)->count;
}
