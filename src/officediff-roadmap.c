/*
 * officediff-roadmap: the semantic diff of roadmap.yaml, and what every
 * file's diff shares: the list of changes, a version that did not load,
 * and the comments that differ (ycomment.h, as a multiset of texts).
 */
#include <stdlib.h>
#include <string.h>

#include "officediff-internal.h"
#include "roadmap/xalloc.h"
#include "roadmap/ycomment.h"

static char *dup_or_null(const char *s)
{
        return s ? xstrdup(s) : NULL;
}

struct change *officediff_add(struct changes *out, enum change_kind kind,
                              const char *ministry, const char *office)
{
        struct change *c;

        out->items = xgrow(out->items, &out->cap, out->n + 1, sizeof(*c));
        c = &out->items[out->n++];
        memset(c, 0, sizeof(*c));
        c->kind = kind;
        c->ministry = dup_or_null(ministry);
        c->office = dup_or_null(office);
        return c;
}

void changes_release(struct changes *c)
{
        size_t i;

        for (i = 0; i < c->n; i++) {
                struct change *ch = &c->items[i];
                free(ch->ministry);
                free(ch->office);
                free(ch->service);
                free(ch->was);
                free(ch->item);
                free(ch->field);
                free(ch->old_value);
                free(ch->new_value);
                free(ch->note);
        }
        free(c->items);
        c->items = NULL;
        c->n = c->cap = 0;
}

/* ---- a version that did not load ---------------------------------------- */

/* The first error in errors about l (or about no file), or NULL. */
static const struct diag *first_error(const struct loaded *l,
                                      const struct diag_list *errors)
{
        size_t i;

        for (i = 0; errors && l && i < errors->n; i++) {
                const struct diag *d = &errors->items[i];
                if (d->level == DIAG_ERROR &&
                    (!d->path || (l->path && strcmp(d->path, l->path) == 0)))
                        return d;
        }
        return NULL;
}

bool officediff_unreadable(const struct loaded *a, const struct loaded *b,
                           const struct diag_list *errors, const char *ministry,
                           const char *office, struct changes *out)
{
        const struct diag *da = first_error(a, errors);
        const struct diag *db = first_error(b, errors);
        bool bad_a = a && (!a->parsed || da), bad_b = b && (!b->parsed || db);
        const struct loaded *bad = bad_a ? a : b;
        const struct diag *d = bad_a ? da : db;
        struct change *c;

        if (!bad_a && !bad_b)
                return false;
        c = officediff_add(out, CHANGE_UNREADABLE, ministry, office);
        if (d)
                c->new_value = diag_format(d);
        else
                c->new_value = xasprintf("%s: cannot be read",
                                         bad->path ? bad->path : "-");
        return true;
}

/* ---- roadmap.yaml ---------------------------------------------------------
 */

static void text_field(struct changes *out, enum change_kind kind,
                       const char *ministry, const char *field, const char *a,
                       const char *b)
{
        struct change *c;

        if (a == b || (a && b && strcmp(a, b) == 0))
                return;
        c = officediff_add(out, kind, ministry, NULL);
        c->field = xstrdup(field);
        c->old_value = dup_or_null(a);
        c->new_value = dup_or_null(b);
}

static int cmp_ministry(const void *pa, const void *pb)
{
        const struct ministry *a = *(const struct ministry *const *)pa;
        const struct ministry *b = *(const struct ministry *const *)pb;

        return strcmp(a->id ? a->id : "", b->id ? b->id : "");
}

static const struct ministry **sorted_ministries(const struct roadmap_meta *m)
{
        const struct ministry **s = xcalloc(m->nministries + 1, sizeof(*s));
        size_t i;

        for (i = 0; i < m->nministries; i++)
                s[i] = &m->ministries[i];
        qsort(s, m->nministries, sizeof(*s), cmp_ministry);
        return s;
}

/* The x- keys of a and b, mappings of the files ta and tb. */
static void ext(struct changes *out, enum change_kind kind,
                const char *ministry, const struct ynode *a,
                const struct ynode *b, const char *ta, const char *tb)
{
        struct officediff_ext e = {kind, ministry, NULL, NULL,
                                   NULL, NULL,     ta,   tb};

        officediff_extensions(&e, a, b, out);
}

static void diff_ministry(struct changes *out, const struct ministry *a,
                          const struct ministry *b, const char *ta,
                          const char *tb)
{
        struct change *c;

        if (!a || !b) {
                const struct ministry *m = a ? a : b;
                c = officediff_add(
                    out, a ? CHANGE_MINISTRY_REMOVED : CHANGE_MINISTRY_ADDED,
                    m->id, NULL);
                *(a ? &c->old_value : &c->new_value) = dup_or_null(m->name);
                return;
        }
        text_field(out, CHANGE_MINISTRY_CHANGED, b->id, "name", a->name,
                   b->name);
        text_field(out, CHANGE_MINISTRY_CHANGED, b->id, "name_bn", a->name_bn,
                   b->name_bn);
        ext(out, CHANGE_MINISTRY_CHANGED, b->id, a->node, b->node, ta, tb);
}

/* The text of the file of m, or NULL. */
static const char *text_of(const struct roadmap_meta *m)
{
        return m->doc ? m->doc->buf : NULL;
}

/* Ministries matched by id, in order of id. */
static void diff_ministries(struct changes *out, const struct roadmap_meta *a,
                            const struct roadmap_meta *b)
{
        const struct ministry **sa = sorted_ministries(a);
        const struct ministry **sb = sorted_ministries(b);
        size_t i = 0, j = 0;

        while (i < a->nministries || j < b->nministries) {
                int c = i == a->nministries   ? 1
                        : j == b->nministries ? -1
                                              : cmp_ministry(&sa[i], &sb[j]);
                diff_ministry(out, c <= 0 ? sa[i] : NULL, c >= 0 ? sb[j] : NULL,
                              text_of(a), text_of(b));
                i += c <= 0;
                j += c >= 0;
        }
        free(sa);
        free(sb);
}

void officediff_roadmaps(const struct loaded *a, const struct loaded *b,
                         const struct diag_list *errors, struct changes *out)
{
        static const struct roadmap_meta empty;
        const struct roadmap_meta *ma = a ? &a->m.meta : &empty;
        const struct roadmap_meta *mb = b ? &b->m.meta : &empty;

        if (officediff_unreadable(a, b, errors, NULL, NULL, out) || (!a && !b))
                return;
        text_field(out, CHANGE_ROADMAP_CHANGED, NULL, "title", ma->title,
                   mb->title);
        text_field(out, CHANGE_ROADMAP_CHANGED, NULL, "title_bn", ma->title_bn,
                   mb->title_bn);
        ext(out, CHANGE_ROADMAP_CHANGED, NULL, ma->doc ? ma->doc->root : NULL,
            mb->doc ? mb->doc->root : NULL, text_of(ma), text_of(mb));
        diff_ministries(out, ma, mb);
        officediff_comments(a, b, NULL, NULL, out);
}

/* ---- comments ------------------------------------------------------------ */

void officediff_comments(const struct loaded *a, const struct loaded *b,
                         const char *ministry, const char *office,
                         struct changes *out)
{
        struct ycomment_set ca = YCOMMENT_SET_INIT, cb = YCOMMENT_SET_INIT;
        char *old, *new;
        struct change *c;

        if (a)
                ycomment_set_read(a->bytes.buf, a->bytes.len, &ca);
        if (b)
                ycomment_set_read(b->bytes.buf, b->bytes.len, &cb);
        ycomment_set_mark_common(&ca, &cb);
        old = ycomment_set_unmarked(&ca);
        new = ycomment_set_unmarked(&cb);
        if (old || new) {
                c = officediff_add(out, CHANGE_COMMENTS, ministry, office);
                c->old_value = old;
                c->new_value = new;
        }
        ycomment_set_release(&ca);
        ycomment_set_release(&cb);
}
