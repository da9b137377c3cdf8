/*
 * out-spool: the spool that holds rendered rows until the report is
 * complete, then writes them in key order with the table's header (see
 * out.h).
 */
#include "roadmap/out.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <unistd.h>

#include "roadmap/xalloc.h"

struct out_block {
        char *key;
        size_t keylen;
        size_t seq;
        unsigned long long off, len;
        size_t nrows;
};

/* The spool. */

void out_init(struct out *o, const struct out_style *st,
              const struct out_column *cols, size_t ncols)
{
        memset(o, 0, sizeof(*o));
        o->style = st;
        o->cols = cols;
        o->ncols = ncols;
        o->fd = -1;
        strbuf_init(&o->mem);
        strbuf_init(&o->pending);
        o->widths = xcalloc(ncols ? ncols : 1, sizeof(*o->widths));
}

void out_release(struct out *o)
{
        size_t i;

        for (i = 0; i < o->nblocks; i++)
                free(o->blocks[i].key);
        free(o->blocks);
        free(o->widths);
        strbuf_release(&o->mem);
        strbuf_release(&o->pending);
        if (o->fd >= 0)
                close(o->fd);
        memset(o, 0, sizeof(*o));
        o->fd = -1;
}

static int write_all(int fd, const char *p, size_t n)
{
        while (n > 0) {
                ssize_t w = write(fd, p, n);

                if (w < 0) {
                        if (errno == EINTR)
                                continue;
                        return -1;
                }
                p += w;
                n -= (size_t)w;
        }
        return 0;
}

static int spill_open(struct out *o)
{
        const char *dir = getenv("TMPDIR");
        char *tmpl;
        int fd;

        if (!dir || !*dir)
                dir = "/tmp";
        tmpl = xasprintf("%s/roadmap-report.XXXXXX", dir);
        fd = mkstemp(tmpl);
        if (fd >= 0)
                unlink(tmpl);
        free(tmpl);
        if (fd < 0)
                return -1;
        o->fd = fd;
        return 0;
}

#define SPILL_CHUNK (1u << 20)

static int spool_flush(struct out *o)
{
        int rc = 0;

        if (o->pending.len > 0)
                rc = write_all(o->fd, o->pending.buf, o->pending.len);
        strbuf_reset(&o->pending);
        return rc;
}

/* Append to the spool: memory first, then the file in large writes. */
static int spool_write(struct out *o, const char *bytes, size_t len)
{
        if (o->fd < 0 && o->mem.len + len <= OUT_SPOOL_MEMORY) {
                strbuf_add(&o->mem, bytes, len);
                return 0;
        }
        if (o->fd < 0 && spill_open(o) < 0)
                return -1;
        strbuf_add(&o->pending, bytes, len);
        return o->pending.len >= SPILL_CHUNK ? spool_flush(o) : 0;
}

/* Widen the table's columns to fit the rows of bytes. */
static void table_measure(struct out *o, const char *p, size_t len)
{
        const char *end = p + len;
        size_t col = 0;

        while (p < end) {
                size_t n = strcspn(p, "\t\n");
                size_t w;

                if (p + n > end)
                        n = (size_t)(end - p);
                w = out_display_width(p, n);
                if (col < o->ncols && w > o->widths[col])
                        o->widths[col] = w;
                p += n;
                if (p < end && *p == '\n')
                        col = 0;
                else
                        col++;
                p++;
        }
}

int out_add(struct out *o, const void *key, size_t keylen, const char *bytes,
            size_t len, size_t nrows)
{
        struct out_block *b;

        if (o->failed) {
                errno = o->err;
                return -1;
        }
        if (o->style->format == OUT_TABLE)
                table_measure(o, bytes, len);
        if (spool_write(o, bytes, len) < 0) {
                o->failed = true;
                o->err = errno;
                return -1;
        }
        o->blocks = xgrow(o->blocks, &o->cap, o->nblocks + 1, sizeof(*b));
        b = &o->blocks[o->nblocks];
        b->key = xmalloc(keylen + 1);
        memcpy(b->key, key, keylen);
        b->key[keylen] = '\0';
        b->keylen = keylen;
        b->seq = o->nblocks;
        b->off = o->size;
        b->len = len;
        b->nrows = nrows;
        o->nblocks++;
        o->size += len;
        o->nrows += nrows;
        return 0;
}

static int block_cmp(const void *pa, const void *pb)
{
        const struct out_block *a = pa, *b = pb;
        size_t n = a->keylen < b->keylen ? a->keylen : b->keylen;
        int c = memcmp(a->key, b->key, n);

        if (c)
                return c;
        if (a->keylen != b->keylen)
                return a->keylen < b->keylen ? -1 : 1;
        return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static bool blocks_sorted(const struct out *o)
{
        size_t i;

        for (i = 1; i < o->nblocks; i++)
                if (block_cmp(&o->blocks[i - 1], &o->blocks[i]) > 0)
                        return false;
        return true;
}

/*
 * Reading the spool back: a sink gets every byte of the blocks in order,
 * in pieces that never split a row (rows end at '\n'; a piece ends at a
 * block's end or just after a line end).
 */
struct sink {
        struct out *o;
        FILE *fp;
        bool first;         /* json: no row written yet */
        bool failed;        /* sendfile() failed half way */
        struct strbuf pend; /* table: an incomplete line */
        struct strbuf line; /* table: scratch */
};

static int sink_table_line(struct sink *s, const char *p, size_t n);

static int sink_bytes(struct sink *s, const char *p, size_t n)
{
        if (n == 0)
                return 0;
        if (s->o->style->format == OUT_JSON && s->first) {
                if (*p == ',')
                        p++, n--;
                s->first = false;
        }
        if (s->o->style->format != OUT_TABLE)
                return fwrite(p, 1, n, s->fp) == n ? 0 : -1;
        while (n > 0) {
                const char *nl = memchr(p, '\n', n);
                size_t k = nl ? (size_t)(nl - p) : n;

                strbuf_add(&s->pend, p, k);
                if (!nl)
                        break;
                if (sink_table_line(s, s->pend.buf, s->pend.len) < 0)
                        return -1;
                strbuf_reset(&s->pend);
                p += k + 1;
                n -= k + 1;
        }
        return 0;
}

/*
 * Bytes that need no change (csv, tsv) go from the spill file to the
 * stream's descriptor by sendfile(), without a copy through user space.
 * Returns 0, or -1 if the caller must copy them itself (nothing sent).
 */
static int sink_send(struct sink *s, unsigned long long off,
                     unsigned long long len)
{
        off_t pos = (off_t)off;
        int out = fileno(s->fp);
        bool first = true;

        if (s->o->style->format == OUT_JSON ||
            s->o->style->format == OUT_TABLE || out < 0 || fflush(s->fp) != 0)
                return -1;
        while (len > 0) {
                ssize_t w = sendfile(out, s->o->fd, &pos,
                                     len < (1u << 30) ? (size_t)len : 1u << 30);

                if (w < 0 && errno == EINTR)
                        continue;
                if (w <= 0) {
                        if (first) /* unsupported here: copy instead */
                                return -1;
                        s->failed = true;
                        return 0;
                }
                first = false;
                len -= (unsigned long long)w;
        }
        return 0;
}

/* Take n bytes of the spool; 0, or -1 to stop. */
typedef int (*spool_bytes_fn)(void *ctx, const char *p, size_t n);
/* Take len bytes at off of the spool's file whole: 0, or -1 when the
 * caller must read them itself (nothing taken). */
typedef int (*spool_send_fn)(void *ctx, unsigned long long off,
                             unsigned long long len);

/*
 * The len bytes of the spool at off, in order, to fn: the part in memory
 * at once, the part in the file through buf (bufsize bytes) unless send
 * (if not NULL) takes it whole.  Returns 0, or -1 (errno set; a short
 * file is EIO).
 */
static int spool_range(const struct out *o, unsigned long long off,
                       unsigned long long len, char *buf, size_t bufsize,
                       spool_bytes_fn fn, spool_send_fn send, void *ctx)
{
        unsigned long long memlen = o->mem.len;

        if (off < memlen) {
                size_t k = (size_t)(len < memlen - off ? len : memlen - off);

                if (fn(ctx, o->mem.buf + off, k) < 0)
                        return -1;
                off += k;
                len -= k;
        }
        if (len > 0 && send && send(ctx, off - memlen, len) == 0)
                return 0;
        while (len > 0) {
                size_t want = (size_t)(len < bufsize ? len : bufsize);
                ssize_t r = pread(o->fd, buf, want, (off_t)(off - memlen));

                if (r < 0 && errno == EINTR)
                        continue;
                if (r <= 0) {
                        if (r == 0)
                                errno = EIO;
                        return -1;
                }
                if (fn(ctx, buf, (size_t)r) < 0)
                        return -1;
                off += (unsigned long long)r;
                len -= (unsigned long long)r;
        }
        return 0;
}

static int sink_take(void *ctx, const char *p, size_t n)
{
        return sink_bytes(ctx, p, n);
}

static int sink_take_file(void *ctx, unsigned long long off,
                          unsigned long long len)
{
        return sink_send(ctx, off, len);
}

static int copy_range(struct sink *s, unsigned long long off,
                      unsigned long long len, char *buf, size_t bufsize)
{
        return spool_range(s->o, off, len, buf, bufsize, sink_take,
                           sink_take_file, s);
}

/* Copy every block in key order, merging runs that lie end to end. */
static int copy_blocks(struct sink *s)
{
        struct out *o = s->o;
        size_t bufsize = 1u << 16, i = 0;
        char *buf = xmalloc(bufsize);
        int rc = 0;

        if (!blocks_sorted(o))
                qsort(o->blocks, o->nblocks, sizeof(*o->blocks), block_cmp);
        while (rc == 0 && i < o->nblocks) {
                unsigned long long off = o->blocks[i].off;
                unsigned long long len = o->blocks[i].len;

                for (i++; i < o->nblocks && o->blocks[i].off == off + len; i++)
                        len += o->blocks[i].len;
                rc = copy_range(s, off, len, buf, bufsize);
                if (s->failed)
                        rc = -1;
        }
        free(buf);
        return rc;
}

/* Table rendering: cells of a spooled line are separated by tabs. */
static int sink_table_line(struct sink *s, const char *p, size_t n)
{
        struct out *o = s->o;
        const char *end = p + n;
        size_t col;

        strbuf_reset(&s->line);
        for (col = 0; col < o->ncols; col++) {
                const char *tab = memchr(p, '\t', (size_t)(end - p));
                size_t k = tab ? (size_t)(tab - p) : (size_t)(end - p);
                size_t w = out_display_width(p, k), pad;
                bool last = col + 1 == o->ncols;
                bool right = o->cols[col].type == OUT_INT;

                pad = o->widths[col] > w ? o->widths[col] - w : 0;
                if (col)
                        strbuf_addstr(&s->line, "  ");
                while (right && pad > 0)
                        strbuf_addch(&s->line, ' '), pad--;
                strbuf_add(&s->line, p, k);
                while (!last && pad > 0)
                        strbuf_addch(&s->line, ' '), pad--;
                p = tab ? tab + 1 : end;
        }
        while (s->line.len > 0 && s->line.buf[s->line.len - 1] == ' ')
                s->line.len--;
        strbuf_addch(&s->line, '\n');
        return fwrite(s->line.buf, 1, s->line.len, s->fp) == s->line.len ? 0
                                                                         : -1;
}

static void render_header(const struct out *o, struct strbuf *sb)
{
        struct out_column *text = xcalloc(o->ncols, sizeof(*text));
        struct out_cell *cells = xcalloc(o->ncols, sizeof(*cells));
        size_t i;

        for (i = 0; i < o->ncols; i++) {
                text[i].name = o->cols[i].name;
                text[i].type = OUT_TEXT;
                cells[i] = out_text(o->cols[i].name);
        }
        out_render_row(o->style, text, o->ncols, cells, sb);
        free(text);
        free(cells);
}

void out_set_groups(struct out *o, const char *const *groups)
{
        o->groups = groups;
}

static bool same_group(const char *a, const char *b)
{
        return a && b && strcmp(a, b) == 0;
}

/*
 * Table: above the header, each run of adjacent columns of one group gets
 * the group's name centred over the run and a rule as wide as the run;
 * nothing when no column has a group.
 */
static void render_groups(const struct out *o, struct strbuf *sb)
{
        struct strbuf rule;
        size_t i = 0, x = 0, at = 0, k;
        bool any = false;

        if (!o->groups)
                return;
        strbuf_init(&rule);
        while (i < o->ncols) {
                size_t j = i, start = x, span, w, pad;

                while (j + 1 < o->ncols &&
                       same_group(o->groups[i], o->groups[j + 1]))
                        j++;
                for (k = i; k <= j; k++)
                        x += o->widths[k] + 2;
                if (!o->groups[i]) {
                        i = j + 1;
                        continue;
                }
                any = true;
                span = x - 2 - start;
                w = out_display_width(o->groups[i], strlen(o->groups[i]));
                pad = span > w ? (span - w) / 2 : 0;
                for (; at < start + pad; at++)
                        strbuf_addch(sb, ' ');
                strbuf_addstr(sb, o->groups[i]);
                at += w;
                while (rule.len < start)
                        strbuf_addch(&rule, ' ');
                while (rule.len < start + span)
                        strbuf_addch(&rule, '-');
                i = j + 1;
        }
        if (any) {
                strbuf_addch(sb, '\n');
                strbuf_add(sb, rule.buf, rule.len);
                strbuf_addch(sb, '\n');
        }
        strbuf_release(&rule);
}

static int write_header(struct sink *s)
{
        struct out *o = s->o;
        struct strbuf sb;
        size_t i;
        int rc = 0;

        strbuf_init(&sb);
        if (o->style->format == OUT_JSON) {
                strbuf_addch(&sb, '[');
        } else {
                if (o->style->format == OUT_CSV && o->style->excel)
                        strbuf_addstr(&sb, "\xef\xbb\xbf");
                render_header(o, &sb);
        }
        if (o->style->format == OUT_TABLE) {
                struct strbuf groups;

                table_measure(o, sb.buf, sb.len);
                strbuf_init(&groups);
                render_groups(o, &groups);
                if (fwrite(groups.buf, 1, groups.len, s->fp) != groups.len)
                        rc = -1;
                strbuf_release(&groups);
                if (rc == 0)
                        rc = sink_bytes(s, sb.buf, sb.len);
                strbuf_reset(&sb);
                for (i = 0; i < o->ncols; i++) {
                        size_t k;
                        if (i)
                                strbuf_addch(&sb, '\t');
                        for (k = 0; k < o->widths[i]; k++)
                                strbuf_addch(&sb, '-');
                }
                strbuf_addch(&sb, '\n');
                if (rc == 0)
                        rc = sink_bytes(s, sb.buf, sb.len);
        } else if (fwrite(sb.buf, 1, sb.len, s->fp) != sb.len) {
                rc = -1;
        }
        strbuf_release(&sb);
        return rc;
}

/* The spool complete on disk, or -1 with errno set. */
static int spool_finish(struct out *o)
{
        if (!o->failed && o->fd >= 0 && spool_flush(o) != 0) {
                o->failed = true;
                o->err = errno;
        }
        if (o->failed) {
                errno = o->err;
                return -1;
        }
        return 0;
}

int out_commit(struct out *o, FILE *fp)
{
        struct sink s;
        int rc;

        if (o->style->format == OUT_CELLS) {
                errno = EINVAL;
                return -1;
        }
        if (spool_finish(o) != 0)
                return -1;
        memset(&s, 0, sizeof(s));
        s.o = o;
        s.fp = fp;
        s.first = true;
        strbuf_init(&s.pend);
        strbuf_init(&s.line);
        rc = write_header(&s);
        if (rc == 0)
                rc = copy_blocks(&s);
        if (rc == 0 && o->style->format == OUT_JSON)
                rc = fputs("\n]\n", fp) < 0 ? -1 : 0;
        strbuf_release(&s.pend);
        strbuf_release(&s.line);
        if (rc == 0 && fflush(fp) != 0)
                rc = -1;
        return rc;
}

/* ---- OUT_CELLS: the rows back as cells ---------------------------------- */

static int buf_take(void *ctx, const char *p, size_t n)
{
        strbuf_add(ctx, p, n);
        return 0;
}

/* The len bytes of the spool at off into buf. */
static int spool_read(const struct out *o, unsigned long long off,
                      unsigned long long len, struct strbuf *buf)
{
        char chunk[1 << 14];

        strbuf_reset(buf);
        return spool_range(o, off, len, chunk, sizeof(chunk), buf_take, NULL,
                           buf);
}

/* Take n bytes at *p into dst; false past end. */
static bool take(const char **p, const char *end, void *dst, size_t n)
{
        if ((size_t)(end - *p) < n)
                return false;
        memcpy(dst, *p, n);
        *p += n;
        return true;
}

/* One cell of render_cells() (out.c) at *p; false on a corrupt spool. */
static bool decode_cell(const char **p, const char *end, struct out_cell *c)
{
        unsigned char yes = 0;
        char tag;

        *c = out_null();
        if (!take(p, end, &tag, 1))
                return false;
        c->null = tag == 'N';
        if (tag == 'T') {
                if (!take(p, end, &c->len, sizeof(c->len)) ||
                    (size_t)(end - *p) < c->len)
                        return false;
                c->text = *p;
                *p += c->len;
                return true;
        }
        if (tag == 'I')
                return take(p, end, &c->num, sizeof(c->num));
        if (tag == 'B') {
                if (!take(p, end, &yes, 1))
                        return false;
                c->yes = yes != 0;
                return true;
        }
        if (tag == 'D')
                return take(p, end, &c->date, sizeof(c->date));
        return tag == 'N';
}

static int decode_block(const struct out *o, const struct out_block *b,
                        const struct strbuf *buf, struct out_cell *cells,
                        out_row_fn fn, void *ctx)
{
        const char *p = buf->buf, *end = buf->buf + buf->len;
        size_t r, i;
        int rc;

        for (r = 0; r < b->nrows; r++) {
                for (i = 0; i < o->ncols; i++)
                        if (!decode_cell(&p, end, &cells[i])) {
                                errno = EIO;
                                return -1;
                        }
                if ((rc = fn(ctx, cells, o->ncols)) != 0)
                        return rc;
        }
        return 0;
}

int out_each_row(struct out *o, out_row_fn fn, void *ctx)
{
        struct out_cell *cells;
        struct strbuf buf;
        size_t i;
        int rc = 0;

        if (o->style->format != OUT_CELLS) {
                errno = EINVAL;
                return -1;
        }
        if (spool_finish(o) != 0)
                return -1;
        if (!blocks_sorted(o))
                qsort(o->blocks, o->nblocks, sizeof(*o->blocks), block_cmp);
        cells = xcalloc(o->ncols ? o->ncols : 1, sizeof(*cells));
        strbuf_init(&buf);
        for (i = 0; rc == 0 && i < o->nblocks; i++) {
                const struct out_block *b = &o->blocks[i];

                rc = spool_read(o, b->off, b->len, &buf);
                if (rc == 0)
                        rc = decode_block(o, b, &buf, cells, fn, ctx);
        }
        strbuf_release(&buf);
        free(cells);
        return rc;
}
