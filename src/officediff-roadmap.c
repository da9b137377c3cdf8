/*
 * officediff-roadmap: the semantic diff of roadmap.yaml, and what every
 * file's diff shares: the list of changes, a version that did not load,
 * and the comments, found with libyaml's scanner.
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

struct comment {
        const char *s; /* from its '#' to the end of its line, without */
        size_t n;      /* trailing blanks */
        size_t at;     /* its place among the file's comments */
        bool common;   /* the other version has it too */
};

struct comments {
        struct comment *items;
        size_t n, cap;
};

/* Every comment of the YAML text b[0..len), without trailing blanks. */
static void collect(const char *b, size_t len, struct comments *cs)
{
        struct ycomments found = YCOMMENTS_INIT;
        struct comment *c;
        size_t i;

        ycomments_find(b, len, &found);
        for (i = 0; i < found.n; i++) {
                cs->items = xgrow(cs->items, &cs->cap, cs->n + 1, sizeof(*c));
                c = &cs->items[cs->n];
                c->s = b + found.items[i].at;
                c->n = found.items[i].end - found.items[i].at;
                while (c->n > 1 &&
                       (c->s[c->n - 1] == ' ' || c->s[c->n - 1] == '\t'))
                        c->n--;
                c->at = cs->n++;
                c->common = false;
        }
        ycomments_release(&found);
}

static int cmp_text(const struct comment *a, const struct comment *b)
{
        int c = memcmp(a->s, b->s, a->n < b->n ? a->n : b->n);

        if (c || a->n == b->n)
                return c;
        return a->n < b->n ? -1 : 1;
}

static int cmp_comment(const void *pa, const void *pb)
{
        const struct comment *a = *(const struct comment *const *)pa;
        const struct comment *b = *(const struct comment *const *)pb;
        int c = cmp_text(a, b);

        if (c)
                return c;
        return a->at < b->at ? -1 : a->at > b->at;
}

static struct comment **sorted_comments(struct comments *cs)
{
        struct comment **s = xcalloc(cs->n + 1, sizeof(*s));
        size_t i;

        for (i = 0; i < cs->n; i++)
                s[i] = &cs->items[i];
        qsort(s, cs->n, sizeof(*s), cmp_comment);
        return s;
}

/* Mark the comments a and b have in common, as many times as both have
 * them. */
static void mark_common(struct comments *a, struct comments *b)
{
        struct comment **sa = sorted_comments(a), **sb = sorted_comments(b);
        size_t i = 0, j = 0;

        while (i < a->n && j < b->n) {
                int c = cmp_text(sa[i], sb[j]);
                if (!c)
                        sa[i]->common = sb[j]->common = true;
                i += c <= 0;
                j += c >= 0;
        }
        free(sa);
        free(sb);
}

/* The comments of cs the other version lacks, one per line; or NULL. */
static char *only_here(const struct comments *cs)
{
        struct strbuf sb = STRBUF_INIT;
        size_t i;

        for (i = 0; i < cs->n; i++) {
                if (cs->items[i].common)
                        continue;
                if (sb.len)
                        strbuf_addch(&sb, '\n');
                strbuf_add(&sb, cs->items[i].s, cs->items[i].n);
        }
        return sb.len ? strbuf_detach(&sb, NULL) : NULL;
}

void officediff_comments(const struct loaded *a, const struct loaded *b,
                         const char *ministry, const char *office,
                         struct changes *out)
{
        struct comments ca = {NULL, 0, 0}, cb = {NULL, 0, 0};
        char *old, *new;
        struct change *c;

        if (a)
                collect(a->bytes.buf, a->bytes.len, &ca);
        if (b)
                collect(b->bytes.buf, b->bytes.len, &cb);
        mark_common(&ca, &cb);
        old = only_here(&ca);
        new = only_here(&cb);
        if (old || new) {
                c = officediff_add(out, CHANGE_COMMENTS, ministry, office);
                c->old_value = old;
                c->new_value = new;
        }
        free(ca.items);
        free(cb.items);
}
