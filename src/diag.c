#include "roadmap/diag.h"

#include <stdlib.h>
#include <string.h>

#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

void diag_list_init(struct diag_list *dl)
{
        dl->items = NULL;
        dl->n = dl->cap = 0;
}

void diag_list_release(struct diag_list *dl)
{
        size_t i;

        for (i = 0; i < dl->n; i++) {
                free(dl->items[i].path);
                free(dl->items[i].msg);
                free(dl->items[i].hint);
        }
        free(dl->items);
        diag_list_init(dl);
}

struct diag *diag_vadd(struct diag_list *dl, enum diag_level level,
                       const char *path, int line, int col, const char *fmt,
                       va_list ap)
{
        struct strbuf sb;
        struct diag *d;

        dl->items = xgrow(dl->items, &dl->cap, dl->n + 1, sizeof(*dl->items));
        d = &dl->items[dl->n];
        d->seq = dl->n++;
        d->level = level;
        d->path = path ? xstrdup(path) : NULL;
        d->line = line > 0 ? line : 0;
        d->col = col > 0 && line > 0 ? col : 0;
        strbuf_init(&sb);
        strbuf_vaddf(&sb, fmt, ap);
        d->msg = strbuf_detach(&sb, NULL);
        d->hint = NULL;
        d->summary = false;
        return d;
}

struct diag *diag_add(struct diag_list *dl, enum diag_level level,
                      const char *path, int line, int col, const char *fmt, ...)
{
        va_list ap;
        struct diag *d;

        va_start(ap, fmt);
        d = diag_vadd(dl, level, path, line, col, fmt, ap);
        va_end(ap);
        return d;
}

void diag_hint(struct diag *d, const char *fmt, ...)
{
        struct strbuf sb;
        va_list ap;

        if (!d)
                return;
        strbuf_init(&sb);
        if (d->hint) {
                strbuf_addstr(&sb, d->hint);
                strbuf_addch(&sb, '\n');
                free(d->hint);
        }
        va_start(ap, fmt);
        strbuf_vaddf(&sb, fmt, ap);
        va_end(ap);
        d->hint = strbuf_detach(&sb, NULL);
}

void diag_summary(struct diag *d)
{
        if (d)
                d->summary = true;
}

size_t diag_count(const struct diag_list *dl, enum diag_level level)
{
        size_t i, n = 0;

        for (i = 0; i < dl->n; i++)
                n += dl->items[i].level == level;
        return n;
}

void diag_list_move(struct diag_list *dst, struct diag_list *src)
{
        size_t i;

        for (i = 0; i < src->n; i++) {
                dst->items = xgrow(dst->items, &dst->cap, dst->n + 1,
                                   sizeof(*dst->items));
                dst->items[dst->n] = src->items[i];
                dst->items[dst->n].seq = dst->n;
                dst->n++;
        }
        free(src->items);
        diag_list_init(src);
}

static int cmp_diag(const void *pa, const void *pb)
{
        const struct diag *a = pa, *b = pb;
        int c;

        if (!a->path != !b->path)
                return a->path ? 1 : -1;
        if (a->path && (c = strcmp(a->path, b->path)) != 0)
                return c;
        if (a->summary != b->summary)
                return a->summary ? 1 : -1;
        if (a->line != b->line)
                return a->line < b->line ? -1 : 1;
        if (a->col != b->col)
                return a->col < b->col ? -1 : 1;
        return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void diag_sort(struct diag_list *dl)
{
        if (dl->n > 1)
                qsort(dl->items, dl->n, sizeof(*dl->items), cmp_diag);
}

static void add_location(struct strbuf *sb, const struct diag *d)
{
        if (d->path) {
                strbuf_add_escaped(sb, d->path, strlen(d->path));
                if (d->line) {
                        strbuf_addf(sb, ":%d", d->line);
                        if (d->col)
                                strbuf_addf(sb, ":%d", d->col);
                }
                strbuf_addstr(sb, ": ");
        } else {
                strbuf_addstr(sb, "roadmap: ");
        }
}

char *diag_format(const struct diag *d)
{
        struct strbuf sb;

        strbuf_init(&sb);
        add_location(&sb, d);
        strbuf_addstr(&sb, d->level == DIAG_ERROR ? "error: " : "warning: ");
        strbuf_add_escaped(&sb, d->msg, strlen(d->msg));
        return strbuf_detach(&sb, NULL);
}

void diag_print_one(const struct diag *d, FILE *fp)
{
        char *line = diag_format(d);
        const char *h, *nl;

        fprintf(fp, "%s\n", line);
        free(line);
        for (h = d->hint; h && *h; h = nl ? nl + 1 : NULL) {
                struct strbuf sb;

                nl = strchr(h, '\n');
                strbuf_init(&sb);
                strbuf_add_escaped(&sb, h, nl ? (size_t)(nl - h) : strlen(h));
                fprintf(fp, "hint: %s\n", sb.buf);
                strbuf_release(&sb);
        }
}

void diag_print(const struct diag_list *dl, FILE *fp)
{
        size_t i;

        for (i = 0; i < dl->n; i++)
                diag_print_one(&dl->items[i], fp);
}

static size_t edit_distance(const char *a, const char *b)
{
        size_t la = strlen(a), lb = strlen(b), i, j;
        size_t *row, result;

        if (la > 64 || lb > 64)
                return (size_t)-1;
        row = xmalloc((lb + 1) * sizeof(*row));
        for (j = 0; j <= lb; j++)
                row[j] = j;
        for (i = 1; i <= la; i++) {
                size_t diag = row[0];
                row[0] = i;
                for (j = 1; j <= lb; j++) {
                        size_t up = row[j];
                        size_t best = diag + (a[i - 1] != b[j - 1]);
                        if (up + 1 < best)
                                best = up + 1;
                        if (row[j - 1] + 1 < best)
                                best = row[j - 1] + 1;
                        row[j] = best;
                        diag = up;
                }
        }
        result = row[lb];
        free(row);
        return result;
}

const char *diag_did_you_mean(const char *word, const char *const *candidates,
                              size_t n)
{
        const char *best = NULL;
        size_t best_d = (size_t)-1, i, len = strlen(word);
        size_t limit = len < 4 ? 1 : len < 8 ? 2 : 3;

        for (i = 0; i < n; i++) {
                size_t d = edit_distance(word, candidates[i]);
                if (d < best_d) {
                        best_d = d;
                        best = candidates[i];
                }
        }
        return best_d <= limit ? best : NULL;
}
