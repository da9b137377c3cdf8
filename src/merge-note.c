/*
 * merge-note: lines of res->notes about a clean merge that a person
 * should check: services added on both sides under different ids with
 * one name or Bengali name (as model_find_service_named compares them:
 * NFC, case folded), which may be one service added twice.
 */
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "merge-internal.h"

struct named {
        char *fold; /* the name folded (arena) */
        int side;
        const struct ynode *n;
};

/* The name under key of service n, folded; NULL if it has none. */
static char *folded(struct merge *m, const struct ynode *n, const char *key)
{
        size_t len;
        const char *s = merge_field(n, key, &len);
        utf8proc_uint8_t *f = NULL;
        char *r;

        if (!len)
                return NULL;
        if (utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &f,
                         UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                             UTF8PROC_CASEFOLD) < 0)
                return arena_strndup(&m->arena, s, len);
        r = arena_strdup(&m->arena, (const char *)f);
        free(f);
        return r;
}

static int cmp_named(const void *pa, const void *pb)
{
        const struct named *a = pa, *b = pb;
        int c = strcmp(a->fold, b->fold);

        return c ? c : a->side - b->side;
}

static bool one_name(struct merge *m, const struct ynode *a,
                     const struct ynode *b, const char *key)
{
        char *x = folded(m, a, key), *y = folded(m, b, key);

        return x && y && !strcmp(x, y);
}

static void note(struct merge *m, const struct named *o, const struct named *t,
                 const char *key)
{
        size_t lo, lt;
        const char *io = merge_field(o->n, "id", &lo);
        const char *it = merge_field(t->n, "id", &lt);

        /* a pair with one name and one Bengali name: one line */
        if (!strcmp(key, "name_bn") && one_name(m, o->n, t->n, "name"))
                return;
        strbuf_addf(&m->res->notes,
                    "services %.*s (ours) and %.*s (theirs) have one name: "
                    "check they are not one service\n",
                    (int)lo, io, (int)lt, it);
}

/* Services added on one side only (not a clash) under key, sorted. */
static struct named *added(struct merge *m, const struct mmatch *mm,
                           const char *key, size_t *np)
{
        struct named *v = arena_alloc(&m->arena, (mm->ntrips + 1) * sizeof(*v));
        size_t i, n = 0;

        for (i = 0; i < mm->ntrips; i++) {
                const struct mtriple *tr = &mm->trips[i];
                int side = tr->it[SIDE_OURS] ? SIDE_OURS : SIDE_THEIRS;
                if (tr->it[SIDE_BASE] || tr->keeper ||
                    (tr->it[SIDE_OURS] && tr->it[SIDE_THEIRS]))
                        continue;
                v[n].n = tr->it[side]->n;
                v[n].side = side;
                if ((v[n].fold = folded(m, v[n].n, key)))
                        n++;
        }
        qsort(v, n, sizeof(*v), cmp_named);
        *np = n;
        return v;
}

void merge_note_names(struct merge *m, const struct mmatch *mm)
{
        static const char *const keys[] = {"name", "name_bn"};
        size_t k, i, j, e, n;

        for (k = 0; k < 2; k++) {
                struct named *v = added(m, mm, keys[k], &n);
                for (i = 0; i < n; i = e) {
                        for (e = i + 1; e < n && !strcmp(v[e].fold, v[i].fold);
                             e++)
                                ;
                        for (j = i; j < e && v[j].side == SIDE_OURS; j++) {
                                size_t t;
                                for (t = j + 1; t < e; t++)
                                        if (v[t].side == SIDE_THEIRS)
                                                note(m, &v[j], &v[t], keys[k]);
                        }
                }
        }
}
