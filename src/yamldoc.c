/*
 * yamldoc: the node tree (its lifetime, positions and lookups) and the
 * entry point of the reader.  A parse is done in three steps:
 *   1. limits and a raw pre-scan of the bytes (size, BOMs, UTF-8, NUL, line
 *      ends, git conflict markers), which libyaml would report badly or not
 *      at all (yamldoc-subset.c);
 *   2. libyaml's event loop (yaml_parser_parse), which builds the tree in
 *      the document's arena and enforces the rest of the subset
 *      (yamldoc-read.c, with the rules in yamldoc-subset.c);
 *   3. libyaml's marks count characters, so a cursor walks the (validated)
 *      UTF-8 buffer to turn each mark into a byte offset (yamldoc-read.c).
 */
#include "roadmap/yamldoc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "yamldoc-internal.h"

void yamldoc_init(struct yamldoc *doc)
{
        memset(doc, 0, sizeof(*doc));
        arena_init(&doc->arena);
}

void yamldoc_clear(struct yamldoc *doc)
{
        arena_reset(&doc->arena);
        doc->root = NULL;
        doc->bom = 0;
        doc->crlf = false;
        doc->yaml_minor = doc->yaml_line = doc->yaml_col = 0;
}

void yamldoc_release(struct yamldoc *doc)
{
        arena_release(&doc->arena);
        doc->root = NULL;
}

/* ---- positions ---------------------------------------------------------- */

static size_t count_chars(const unsigned char *s, size_t n)
{
        size_t i, c = 0;

        for (i = 0; i < n; i++)
                c += (s[i] & 0xc0) != 0x80;
        return c;
}

void yamldoc_position(const struct yamldoc *doc, size_t offset, int *line,
                      int *col)
{
        const unsigned char *b = (const unsigned char *)doc->buf;
        const unsigned char *p = b, *q;
        size_t ls;
        int n = 1;

        if (offset > doc->len)
                offset = doc->len;
        while ((q = memchr(p, '\n', (size_t)(b + offset - p))) != NULL) {
                n++;
                p = q + 1;
        }
        ls = (size_t)(p - b);
        if (ls < doc->bom)
                ls = offset < doc->bom ? offset : doc->bom;
        *line = n;
        *col = 1 + (int)count_chars(b + ls, offset - ls);
}

struct diag *yamldoc_report_at(struct reader *r, size_t offset, const char *fmt,
                               ...)
{
        struct diag *d;
        va_list ap;
        int line, col;

        if (r->nerr >= YAMLDOC_MAX_ERRORS) {
                r->stop = true;
                return NULL;
        }
        yamldoc_position(r->doc, offset, &line, &col);
        va_start(ap, fmt);
        d = diag_vadd(r->diags, DIAG_ERROR, r->doc->path, line, col, fmt, ap);
        va_end(ap);
        if (++r->nerr == YAMLDOC_MAX_ERRORS) {
                diag_error(r->diags, r->doc->path, 0, 0,
                           "too many errors, stopping after %d",
                           YAMLDOC_MAX_ERRORS);
                r->stop = true;
        }
        return d;
}

/* Bytes of s[0..len) to show in a message: at most YAMLDOC_SHOW_MAX, cut at
 * a character boundary. */
int yamldoc_shown(const char *s, size_t len)
{
        size_t n = len;

        if (n > YAMLDOC_SHOW_MAX) {
                n = YAMLDOC_SHOW_MAX;
                while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
                        n--;
        }
        return (int)n;
}

const char *yamldoc_ellipsis(size_t len)
{
        return len > YAMLDOC_SHOW_MAX ? "..." : "";
}

static bool wide_bom(const unsigned char *b, size_t len)
{
        return len >= 2 && ((b[0] == 0xff && b[1] == 0xfe) ||
                            (b[0] == 0xfe && b[1] == 0xff));
}

int yamldoc_parse(struct yamldoc *doc, const char *path, const char *buf,
                  size_t len, struct diag_list *diags)
{
        struct reader r;
        const unsigned char *b = (const unsigned char *)buf;
        int rc;

        doc->path = path;
        doc->buf = buf;
        doc->len = len;
        doc->bom = 0;
        doc->crlf = false;
        doc->yaml_minor = doc->yaml_line = doc->yaml_col = 0;
        doc->root = NULL;
        if (len > YAMLDOC_MAX_SIZE) {
                diag_error(diags, path, 1, 1, "file is larger than %u MiB",
                           YAMLDOC_MAX_SIZE >> 20);
                return -1;
        }
        if (wide_bom(b, len)) {
                diag_hint(diag_error(diags, path, 1, 1,
                                     "file is not UTF-8 (it starts with a "
                                     "UTF-16 byte order mark)"),
                          "save the file as UTF-8");
                return -1;
        }
        if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
                doc->bom = 3;
        memset(&r, 0, sizeof(r));
        r.doc = doc;
        r.diags = diags;
        r.base = b + doc->bom;
        r.blen = len - doc->bom;
        r.ascii = true;
        if (yamldoc_prescan(&r) > 0)
                return -1;
        rc = yamldoc_read_events(&r);
        free(r.kids);
        free(r.slots);
        if (rc < 0 || r.nerr > 0) {
                doc->root = NULL;
                return -1;
        }
        return 0;
}

/* ---- lookups ------------------------------------------------------------ */

bool ynode_is(const struct ynode *scalar, const char *s)
{
        size_t n = strlen(s);

        return scalar && scalar->kind == YNODE_SCALAR && scalar->len == n &&
               memcmp(scalar->value, s, n) == 0;
}

struct ynode *ynode_get_key(const struct ynode *m, const struct ynode *key)
{
        size_t i;

        for (i = 0; m && m->kind == YNODE_MAPPING && i < m->n; i++) {
                const struct ynode *k = m->pairs[i].key;
                if (k->len == key->len &&
                    memcmp(k->value, key->value, k->len) == 0)
                        return m->pairs[i].value;
        }
        return NULL;
}

struct ynode *ynode_get(const struct ynode *m, const char *key,
                        const struct ynode **key_out)
{
        size_t i;

        if (!m || m->kind != YNODE_MAPPING)
                return NULL;
        for (i = 0; i < m->n; i++) {
                if (ynode_is(m->pairs[i].key, key)) {
                        if (key_out)
                                *key_out = m->pairs[i].key;
                        return m->pairs[i].value;
                }
        }
        return NULL;
}

const char *ynode_kind_name(enum ynode_kind kind)
{
        switch (kind) {
        case YNODE_SCALAR:
                return "scalar";
        case YNODE_MAPPING:
                return "mapping";
        case YNODE_SEQUENCE:
                return "sequence";
        }
        return "node";
}
