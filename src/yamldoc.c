/*
 * yamldoc: libyaml's event parser, a node tree with exact byte spans, and
 * the YAML subset of roadmap(5).
 *
 * The work is done in three steps:
 *   1. limits and a raw pre-scan of the bytes (size, BOMs, UTF-8, NUL, line
 *      ends, git conflict markers), which libyaml would report badly or not
 *      at all;
 *   2. libyaml's event loop (yaml_parser_parse), which builds the tree in
 *      the document's arena and enforces the rest of the subset;
 *   3. libyaml's marks count characters, so a cursor walks the (validated)
 *      UTF-8 buffer to turn each mark into a byte offset.
 */
#include "roadmap/yamldoc.h"

#include <stdint.h>
#include <string.h>
#include <utf8proc.h>
#include <yaml.h>

#include "roadmap/xalloc.h"

/* Stop reporting after this many problems in one file. */
#define YAMLDOC_MAX_ERRORS 100
/* Longest key or tag echoed in a message, in bytes. */
#define YAMLDOC_SHOW_MAX 60
/* Mappings with more pairs than this find duplicates with a hash table. */
#define YAMLDOC_DUP_LINEAR 16

struct frame {
        struct ynode *node;
        size_t base; /* index of its first child in reader.kids */
};

struct reader {
        struct yamldoc *doc;
        struct diag_list *diags;
        const unsigned char *base; /* doc->buf after the BOM */
        size_t blen;
        bool ascii;    /* no byte >= 0x80 after the BOM */
        size_t ci, bi; /* cursor: character index and byte offset in base */
        size_t nerr;
        bool stop;
        int ndocs;
        struct frame stack[YAMLDOC_MAX_DEPTH];
        int depth;
        struct ynode **kids; /* children of the open collections, in order */
        size_t nkids, capkids;
        size_t *slots; /* hash table for duplicate keys */
        size_t capslots;
};

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

static struct diag *report_at(struct reader *r, size_t offset, const char *fmt,
                              ...) __attribute__((format(printf, 3, 4)));

static struct diag *report_at(struct reader *r, size_t offset, const char *fmt,
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
static int shown(const char *s, size_t len)
{
        size_t n = len;

        if (n > YAMLDOC_SHOW_MAX) {
                n = YAMLDOC_SHOW_MAX;
                while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
                        n--;
        }
        return (int)n;
}

static const char *ellipsis(size_t len)
{
        return len > YAMLDOC_SHOW_MAX ? "..." : "";
}

/* ---- step 1: the raw pre-scan ------------------------------------------- */

static bool conflict_marker(const unsigned char *b, size_t i, size_t len)
{
        unsigned char c = b[i];
        size_t k;

        if ((c != '<' && c != '=' && c != '>') || len - i < 7)
                return false;
        for (k = 1; k < 7; k++)
                if (b[i + k] != c)
                        return false;
        return i + 7 == len || b[i + 7] == ' ' || b[i + 7] == '\n' ||
               b[i + 7] == '\r';
}

enum prescan_seen { SEEN_UTF8 = 1, SEEN_NUL = 2, SEEN_CR = 4, SEEN_BREAK = 8 };

static void prescan_multibyte(struct reader *r, size_t *i, unsigned *seen)
{
        const unsigned char *b = (const unsigned char *)r->doc->buf;
        utf8proc_int32_t cp;
        utf8proc_ssize_t n;

        r->ascii = false;
        n = utf8proc_iterate(b + *i, (utf8proc_ssize_t)(r->doc->len - *i), &cp);
        if (n < 0) {
                if (!(*seen & SEEN_UTF8)) {
                        struct diag *d;
                        if (b[*i] < 0xc2 || b[*i] > 0xf4)
                                d = report_at(
                                    r, *i, "invalid UTF-8 byte 0x%02x", b[*i]);
                        else
                                d = report_at(r, *i,
                                              "invalid UTF-8 sequence "
                                              "starting with byte 0x%02x",
                                              b[*i]);
                        diag_hint(d, "save the file as UTF-8");
                }
                *seen |= SEEN_UTF8;
                *i += 1;
                return;
        }
        if ((cp == 0x85 || cp == 0x2028 || cp == 0x2029) &&
            !(*seen & SEEN_BREAK)) {
                *seen |= SEEN_BREAK;
                diag_hint(report_at(r, *i,
                                    "line break character U+%04X is not "
                                    "allowed",
                                    (unsigned)cp),
                          "use LF or CRLF line ends");
        }
        *i += (size_t)n;
}

/* The pre-scan skips printable ASCII (0x0e..0x7f) without a look. */
static bool prescan_plain(unsigned char c)
{
        return (unsigned char)(c - 0x0e) < 0x72;
}

static void prescan_line_end(struct reader *r, size_t i, unsigned *seen,
                             bool *eol_seen)
{
        const unsigned char *b = (const unsigned char *)r->doc->buf;
        size_t len = r->doc->len;

        if (b[i] == '\n') {
                if (!*eol_seen)
                        r->doc->crlf = i > 0 && b[i - 1] == '\r';
                *eol_seen = true;
                if (i + 1 < len && conflict_marker(b, i + 1, len))
                        diag_hint(report_at(r, i + 1,
                                            "unresolved merge conflict (git "
                                            "conflict marker '%.7s')",
                                            (const char *)b + i + 1),
                                  "resolve the conflict, then commit");
        } else if (b[i] == '\r' && (i + 1 == len || b[i + 1] != '\n')) {
                if (!(*seen & SEEN_CR))
                        diag_hint(report_at(r, i,
                                            "carriage return without line "
                                            "feed is not allowed"),
                                  "use LF or CRLF line ends");
                *seen |= SEEN_CR;
        } else if (b[i] == '\0') {
                if (!(*seen & SEEN_NUL))
                        report_at(r, i, "unexpected NUL byte");
                *seen |= SEEN_NUL;
        }
}

/* The first byte at or after i that is not printable ASCII. */
static size_t skip_plain(const unsigned char *b, size_t i, size_t len)
{
        const uint64_t ones = 0x0101010101010101u, high = ones * 0x80;
        uint64_t w;

        for (; i + 8 <= len; i += 8) { /* eight bytes at a time */
                memcpy(&w, b + i, 8);
                if (((w - ones * 0x0e) | w) & high)
                        break;
        }
        while (i < len && prescan_plain(b[i]))
                i++;
        return i;
}

/* Returns the number of problems found. */
static size_t prescan(struct reader *r)
{
        const unsigned char *b = (const unsigned char *)r->doc->buf;
        size_t len = r->doc->len, i = r->doc->bom, before = r->nerr;
        bool eol_seen = false;
        unsigned seen = 0;

        if (i < len && conflict_marker(b, i, len))
                diag_hint(report_at(r, i,
                                    "unresolved merge conflict (git conflict "
                                    "marker '%.7s')",
                                    (const char *)b + i),
                          "resolve the conflict, then commit");
        while (i < len && !r->stop) {
                i = skip_plain(b, i, len);
                if (i >= len)
                        break;
                if (b[i] >= 0x80) {
                        prescan_multibyte(r, &i, &seen);
                        continue;
                }
                prescan_line_end(r, i, &seen, &eol_seen);
                i++;
        }
        return r->nerr - before;
}

/* ---- step 3: marks to byte offsets ------------------------------------- */

static size_t utf8_width(unsigned char c)
{
        return c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
}

/* The byte offset in doc->buf of libyaml's character index ci. */
static size_t char_offset(struct reader *r, size_t ci)
{
        if (r->ascii)
                return r->doc->bom + (ci < r->blen ? ci : r->blen);
        while (r->ci + 8 <= ci && r->bi + 8 <= r->blen) {
                uint64_t w;
                memcpy(&w, r->base + r->bi, 8);
                if (w & 0x8080808080808080u)
                        break;
                r->bi += 8; /* eight ASCII characters */
                r->ci += 8;
        }
        while (r->ci < ci && r->bi < r->blen) {
                r->bi += utf8_width(r->base[r->bi]);
                r->ci++;
        }
        while (r->ci > ci && r->bi > 0) {
                do
                        r->bi--;
                while (r->bi > 0 && (r->base[r->bi] & 0xc0) == 0x80);
                r->ci--;
        }
        return r->doc->bom + r->bi;
}

static size_t mark_offset(struct reader *r, const yaml_mark_t *m)
{
        return char_offset(r, m->index);
}

/* ---- block scalars ------------------------------------------------------ */

static size_t line_end_from(const unsigned char *b, size_t i, size_t len)
{
        const unsigned char *q = memchr(b + i, '\n', len - i);

        return q ? (size_t)(q - b) : len;
}

/*
 * libyaml's indentation for a block scalar without an indentation
 * indicator: the deepest leading space run up to the first non-empty line,
 * at least one more than the enclosing block collection's column.
 */
static int block_auto_indent(const unsigned char *b, size_t len, size_t first,
                             int parent_indent)
{
        size_t i = first;
        int max = 0;

        while (i < len) {
                size_t sp = 0;
                while (i + sp < len && b[i + sp] == ' ')
                        sp++;
                if ((int)sp > max)
                        max = (int)sp;
                i += sp;
                if (i < len && b[i] == '\r' && i + 1 < len && b[i + 1] == '\n')
                        i++;
                if (i >= len || b[i] != '\n')
                        break;
                i++;
        }
        if (max < parent_indent + 1)
                max = parent_indent + 1;
        return max < 1 ? 1 : max;
}

/*
 * The end of a block scalar's span.  libyaml's end mark is the start of the
 * line after the scalar's trailing empty lines.  The span ends at the end of
 * the scalar's last line, before its line break: the last content line, or
 * with keeping chomping ('+') the last trailing empty line; with no content
 * at all, after the header's indicators.
 */
/* The end (without its break) of the line n lines below the line that
 * ends at pos, or of the last line there is. */
static size_t lines_below(const unsigned char *b, size_t len, size_t pos,
                          size_t n)
{
        size_t nl;

        while (n-- > 0 && (nl = line_end_from(b, pos, len)) < len)
                pos = line_end_from(b, nl + 1, len);
        return pos > 0 && b[pos - 1] == '\r' ? pos - 1 : pos;
}

/* How many line breaks end a scalar's value. */
static size_t trailing_breaks(const char *v, size_t n)
{
        size_t k = 0;

        while (k < n && v[n - 1 - k] == '\n')
                k++;
        return k;
}

/*
 * The end of a block scalar whose indicator is at start and whose end mark
 * is e: its last content line, without the break; with '+' (keep), the
 * last of the empty lines it keeps, which value (len n) counts.
 */
static size_t block_scalar_end(struct reader *r, size_t start, size_t e,
                               int parent_indent, const char *value, size_t n)
{
        const unsigned char *b = (const unsigned char *)r->doc->buf;
        size_t len = r->doc->len, h = start + 1, first, pos, last = 0;
        bool keep = false;
        int digit = 0, indent, k;

        for (k = 0; k < 2 && h < len; k++, h++) {
                if (b[h] == '+')
                        keep = true;
                else if (b[h] >= '1' && b[h] <= '9')
                        digit = b[h] - '0';
                else if (b[h] != '-')
                        break;
        }
        first = line_end_from(b, h, len) + 1;
        if (e > len)
                e = len;
        if (digit)
                indent = parent_indent >= 0 ? parent_indent + digit : digit;
        else
                indent = block_auto_indent(b, len, first, parent_indent);
        for (pos = e; e > first && pos > first && !last;) {
                size_t le = pos - 1, ls, sp = 0;
                if (b[pos - 1] != '\n') {
                        last = pos;
                        break;
                }
                if (le > first && b[le - 1] == '\r')
                        le--;
                for (ls = le; ls > first && b[ls - 1] != '\n'; ls--)
                        ;
                while (ls + sp < le && b[ls + sp] == ' ')
                        sp++;
                if (ls + sp != le || (int)sp > indent)
                        last = le;
                pos = ls;
        }
        if (!keep)
                return last ? last : h;
        /* every break of the value is in the span: the kept empty lines
         * follow the last content line, or the indicator's line when there
         * is no content */
        k = (int)trailing_breaks(value, n);
        if (k == 0)
                return last ? last : h;
        pos = last ? lines_below(b, len, last, (size_t)k - 1)
                   : lines_below(b, len, line_end_from(b, h, len), (size_t)k);
        if (pos < len)
                pos += b[pos] == '\r' ? 2 : 1;
        return pos < len ? pos : len;
}

/* ---- step 2: the event loop --------------------------------------------- */

static struct ynode *top(const struct reader *r)
{
        return r->depth ? r->stack[r->depth - 1].node : NULL;
}

static bool in_flow(const struct reader *r)
{
        const struct ynode *t = top(r);

        return t && t->flow;
}

/* libyaml's block indentation around the next node: the column of the
 * innermost block collection, or -1 at the top. */
static int parent_indent(const struct reader *r)
{
        const struct ynode *t = top(r);

        return t && !t->flow ? t->col - 1 : -1;
}

static bool is_space(unsigned char c)
{
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

static bool ends_property(unsigned char c, bool flow)
{
        return c == '\0' || is_space(c) ||
               (flow &&
                (c == ',' || c == '[' || c == ']' || c == '{' || c == '}'));
}

/* Skip spaces, line breaks and comments between node properties. */
static size_t skip_separation(const unsigned char *b, size_t i, size_t len)
{
        while (i < len) {
                if (is_space(b[i]))
                        i++;
                else if (b[i] == '#')
                        i = line_end_from(b, i, len);
                else
                        break;
        }
        return i;
}

static size_t tag_length(const unsigned char *b, size_t i, size_t len,
                         bool flow)
{
        size_t j = i + 1;

        if (j < len && b[j] == '<') {
                while (j < len && b[j] != '>' && !is_space(b[j]))
                        j++;
                return (j < len && b[j] == '>' ? j + 1 : j) - i;
        }
        while (j < len && !ends_property(b[j], flow))
                j++;
        return j - i;
}

/* Report the anchor and tag of the node starting at offset, where they are. */
static void check_properties(struct reader *r, size_t at, const char *anchor,
                             const char *tag)
{
        const unsigned char *b = (const unsigned char *)r->doc->buf;
        size_t len = r->doc->len, i = at, n = 0;
        bool flow, saw_anchor = false, saw_tag = false;
        int k;

        if (!anchor && !tag)
                return;
        flow = in_flow(r);
        for (k = 0; k < 2 && i < len; k++) {
                i = skip_separation(b, i, len);
                if (i < len && b[i] == '&' && anchor && !saw_anchor) {
                        n = 1 + strlen(anchor);
                        report_at(r, i, "anchors are not allowed ('&%.*s%s')",
                                  shown(anchor, n - 1), anchor,
                                  ellipsis(n - 1));
                        saw_anchor = true;
                } else if (i < len && b[i] == '!' && tag && !saw_tag) {
                        n = tag_length(b, i, len, flow);
                        report_at(r, i, "tags are not allowed ('%.*s%s')",
                                  shown((const char *)b + i, n),
                                  (const char *)b + i, ellipsis(n));
                        saw_tag = true;
                } else {
                        break;
                }
                i += n;
        }
        if (anchor && !saw_anchor)
                report_at(r, at, "anchors are not allowed ('&%.*s%s')",
                          shown(anchor, strlen(anchor)), anchor,
                          ellipsis(strlen(anchor)));
        if (tag && !saw_tag)
                report_at(r, at, "tags are not allowed ('%.*s%s')",
                          shown(tag, strlen(tag)), tag, ellipsis(strlen(tag)));
}

static struct ynode *node_new(struct reader *r, enum ynode_kind kind,
                              const yaml_mark_t *start)
{
        struct ynode *n = arena_alloc(&r->doc->arena, sizeof(*n));

        n->kind = kind;
        n->start = n->end = mark_offset(r, start);
        if (n->start < r->doc->len) {
                n->line = (int)start->line + 1;
                n->col = (int)start->column + 1;
        } else {
                /* libyaml ends a last line that has no break with a break
                 * of its own, so its marks there name a line that is not
                 * in the file: place the node from its byte offset. */
                yamldoc_position(r->doc, n->start, &n->line, &n->col);
        }
        n->value = "";
        return n;
}

static const char *kind_article(enum ynode_kind kind)
{
        return kind == YNODE_MAPPING ? "a mapping" : "a sequence";
}

/* Hang node under the innermost open collection; -1 stops the parse. */
static int attach(struct reader *r, struct ynode *node)
{
        struct ynode *parent = top(r);

        node->depth = r->depth + 1;
        if (node->depth > YAMLDOC_MAX_DEPTH) {
                report_at(r, node->start, "nesting is deeper than %d levels",
                          YAMLDOC_MAX_DEPTH);
                return -1;
        }
        node->parent = parent;
        if (!parent) {
                r->doc->root = node;
                return 0;
        }
        if (parent->kind == YNODE_MAPPING && node->kind != YNODE_SCALAR &&
            (r->nkids - r->stack[r->depth - 1].base) % 2 == 0)
                report_at(r, node->start,
                          "mapping keys must be scalars (found %s)",
                          kind_article(node->kind));
        r->kids = xgrow(r->kids, &r->capkids, r->nkids + 1, sizeof(*r->kids));
        r->kids[r->nkids++] = node;
        return 0;
}

static enum yscalar_style scalar_style(yaml_scalar_style_t s)
{
        switch (s) {
        case YAML_SINGLE_QUOTED_SCALAR_STYLE:
                return YSTYLE_SINGLE;
        case YAML_DOUBLE_QUOTED_SCALAR_STYLE:
                return YSTYLE_DOUBLE;
        case YAML_LITERAL_SCALAR_STYLE:
                return YSTYLE_LITERAL;
        case YAML_FOLDED_SCALAR_STYLE:
                return YSTYLE_FOLDED;
        default:
                return YSTYLE_PLAIN;
        }
}

static int on_scalar(struct reader *r, const yaml_event_t *ev)
{
        struct ynode *n = node_new(r, YNODE_SCALAR, &ev->start_mark);

        check_properties(r, n->start, (const char *)ev->data.scalar.anchor,
                         (const char *)ev->data.scalar.tag);
        n->end = mark_offset(r, &ev->end_mark);
        n->style = scalar_style(ev->data.scalar.style);
        if (n->style == YSTYLE_LITERAL || n->style == YSTYLE_FOLDED)
                n->end = block_scalar_end(r, n->start, n->end, parent_indent(r),
                                          (const char *)ev->data.scalar.value,
                                          ev->data.scalar.length);
        n->len = ev->data.scalar.length;
        n->value = arena_strndup(&r->doc->arena,
                                 (const char *)ev->data.scalar.value, n->len);
        return attach(r, n);
}

static int on_alias(struct reader *r, const yaml_event_t *ev)
{
        struct ynode *n = node_new(r, YNODE_SCALAR, &ev->start_mark);
        const char *a = (const char *)ev->data.alias.anchor;

        n->end = mark_offset(r, &ev->end_mark);
        report_at(r, n->start, "aliases are not allowed ('*%.*s%s')",
                  shown(a, strlen(a)), a, ellipsis(strlen(a)));
        return attach(r, n); /* a placeholder keeps keys and values paired */
}

static int on_start(struct reader *r, const yaml_event_t *ev,
                    enum ynode_kind kind)
{
        struct ynode *n = node_new(r, kind, &ev->start_mark);
        const char *anchor, *tag;

        if (kind == YNODE_MAPPING) {
                anchor = (const char *)ev->data.mapping_start.anchor;
                tag = (const char *)ev->data.mapping_start.tag;
                n->flow =
                    ev->data.mapping_start.style == YAML_FLOW_MAPPING_STYLE;
        } else {
                anchor = (const char *)ev->data.sequence_start.anchor;
                tag = (const char *)ev->data.sequence_start.tag;
                n->flow =
                    ev->data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
        }
        check_properties(r, n->start, anchor, tag);
        if (attach(r, n) < 0)
                return -1;
        r->stack[r->depth].node = n;
        r->stack[r->depth].base = r->nkids;
        r->depth++;
        return 0;
}

static bool same_key(const struct ynode *a, const struct ynode *b)
{
        return a->kind == YNODE_SCALAR && b->kind == YNODE_SCALAR &&
               a->len == b->len && memcmp(a->value, b->value, a->len) == 0;
}

static void report_duplicate(struct reader *r, const struct ynode *dup,
                             const struct ynode *first)
{
        report_at(r, dup->start, "duplicate key '%.*s%s' (first at line %d)",
                  shown(dup->value, dup->len), dup->value, ellipsis(dup->len),
                  first->line);
}

static size_t key_hash(const struct ynode *k)
{
        uint64_t h = 1469598103934665603u;
        size_t i;

        for (i = 0; i < k->len; i++)
                h = (h ^ (unsigned char)k->value[i]) * 1099511628211u;
        return (size_t)(h ^ (h >> 29));
}

static void check_duplicates_hashed(struct reader *r, const struct ynode *m)
{
        size_t cap = 1, i, mask;

        while (cap < 2 * m->n)
                cap <<= 1;
        if (r->capslots < cap) {
                free(r->slots);
                r->slots = xmalloc(cap * sizeof(*r->slots));
                r->capslots = cap;
        }
        memset(r->slots, 0, cap * sizeof(*r->slots));
        mask = cap - 1;
        for (i = 0; i < m->n; i++) {
                const struct ynode *k = m->pairs[i].key;
                size_t h;
                if (k->kind != YNODE_SCALAR)
                        continue;
                for (h = key_hash(k) & mask; r->slots[h]; h = (h + 1) & mask)
                        if (same_key(m->pairs[r->slots[h] - 1].key, k))
                                break;
                if (r->slots[h])
                        report_duplicate(r, k, m->pairs[r->slots[h] - 1].key);
                else
                        r->slots[h] = i + 1;
        }
}

static void check_duplicates(struct reader *r, const struct ynode *m)
{
        size_t i, j;

        if (m->n > YAMLDOC_DUP_LINEAR) {
                check_duplicates_hashed(r, m);
                return;
        }
        for (i = 1; i < m->n; i++) {
                for (j = 0; j < i; j++) {
                        if (same_key(m->pairs[i].key, m->pairs[j].key)) {
                                report_duplicate(r, m->pairs[i].key,
                                                 m->pairs[j].key);
                                break;
                        }
                }
        }
}

static void on_end(struct reader *r, const yaml_event_t *ev)
{
        struct frame *f = &r->stack[--r->depth];
        struct ynode *n = f->node, **kids = r->kids ? r->kids + f->base : NULL;
        size_t count = r->nkids - f->base, i;

        if (n->kind == YNODE_MAPPING) {
                n->n = count / 2;
                n->pairs =
                    arena_alloc(&r->doc->arena, n->n * sizeof(*n->pairs));
                for (i = 0; i < n->n; i++) {
                        n->pairs[i].key = kids[2 * i];
                        n->pairs[i].value = kids[2 * i + 1];
                }
        } else {
                n->n = count;
                n->items = arena_alloc(&r->doc->arena, count * sizeof(*kids));
                if (count)
                        memcpy(n->items, kids, count * sizeof(*kids));
        }
        if (n->flow)
                n->end = mark_offset(r, &ev->end_mark);
        else
                n->end = count ? kids[count - 1]->end : n->start;
        r->nkids = f->base;
        if (n->kind == YNODE_MAPPING)
                check_duplicates(r, n);
}

/* Where the %YAML directive at or after byte at starts, and its version. */
static void note_version(struct reader *r, size_t at,
                         const yaml_version_directive_t *v)
{
        const unsigned char *b = (const unsigned char *)r->doc->buf;
        size_t i = at;

        while (i + 5 <= r->doc->len && memcmp(b + i, "%YAML", 5) != 0)
                i = line_end_from(b, i, r->doc->len) + 1;
        r->doc->yaml_minor = v->minor;
        yamldoc_position(r->doc, i + 5 <= r->doc->len ? i : at,
                         &r->doc->yaml_line, &r->doc->yaml_col);
}

static int on_document(struct reader *r, const yaml_event_t *ev)
{
        const unsigned char *b = (const unsigned char *)r->doc->buf;
        size_t at = mark_offset(r, &ev->start_mark), end, i;

        if (++r->ndocs > 1) {
                diag_hint(report_at(r, at, "a second document is not allowed"),
                          "keep one document per file");
                return -1;
        }
        if (ev->data.document_start.version_directive)
                note_version(r, at, ev->data.document_start.version_directive);
        if (ev->data.document_start.tag_directives.start ==
            ev->data.document_start.tag_directives.end)
                return 0;
        end = mark_offset(r, &ev->end_mark);
        for (i = at; i < end; i = line_end_from(b, i, end) + 1) {
                if (end - i >= 4 && memcmp(b + i, "%TAG", 4) == 0) {
                        size_t n = line_end_from(b, i, end) - i;
                        while (n > 0 && is_space(b[i + n - 1]))
                                n--;
                        report_at(r, i, "tags are not allowed ('%.*s%s')",
                                  shown((const char *)b + i, n),
                                  (const char *)b + i, ellipsis(n));
                        return 0;
                }
        }
        report_at(r, at, "tags are not allowed ('%%TAG')");
        return 0;
}

/* 1: the stream ended; 0: go on; -1: stop. */
static int on_event(struct reader *r, const yaml_event_t *ev)
{
        switch (ev->type) {
        case YAML_STREAM_END_EVENT:
                return 1;
        case YAML_DOCUMENT_START_EVENT:
                return on_document(r, ev);
        case YAML_ALIAS_EVENT:
                return on_alias(r, ev);
        case YAML_SCALAR_EVENT:
                return on_scalar(r, ev);
        case YAML_SEQUENCE_START_EVENT:
                return on_start(r, ev, YNODE_SEQUENCE);
        case YAML_MAPPING_START_EVENT:
                return on_start(r, ev, YNODE_MAPPING);
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
                on_end(r, ev);
                return 0;
        default:
                return 0;
        }
}

static bool tab_in_indent(const unsigned char *b, size_t len, size_t off)
{
        size_t ls = off;

        if (off < len && b[off] == '\t')
                return true;
        while (ls > 0 && b[ls - 1] != '\n')
                ls--;
        for (; ls < len && (b[ls] == ' ' || b[ls] == '\t'); ls++)
                if (b[ls] == '\t')
                        return true;
        return false;
}

static void syntax_error(struct reader *r, const yaml_parser_t *p)
{
        const unsigned char *b = (const unsigned char *)r->doc->buf;
        const char *problem = p->problem ? p->problem : "invalid YAML";
        struct diag *d;
        size_t off;

        if (p->error == YAML_MEMORY_ERROR) {
                xmalloc(SIZE_MAX); /* reports out of memory */
                return;
        }
        if (p->error == YAML_READER_ERROR) {
                off = r->doc->bom + p->problem_offset;
                if (p->problem_value != -1 &&
                    strcmp(problem, "control characters are not allowed") == 0)
                        report_at(r, off,
                                  "control character U+%04X is not allowed",
                                  (unsigned)p->problem_value);
                else
                        report_at(r, off, "%s", problem);
                return;
        }
        off = mark_offset(r, &p->problem_mark);
        if (p->context)
                d = report_at(r, off, "%s (%s at line %d, column %d)", problem,
                              p->context, (int)p->context_mark.line + 1,
                              (int)p->context_mark.column + 1);
        else
                d = report_at(r, off, "%s", problem);
        if (tab_in_indent(b, r->doc->len, off))
                diag_hint(d, "indent with spaces, not tabs");
}

static int read_events(struct reader *r)
{
        yaml_parser_t p;
        yaml_event_t ev;
        int rc = 0;

        if (!yaml_parser_initialize(&p))
                xmalloc(SIZE_MAX); /* reports out of memory */
        yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
        yaml_parser_set_input_string(&p, r->base, r->blen);
        while (rc == 0 && !r->stop) {
                if (!yaml_parser_parse(&p, &ev)) {
                        syntax_error(r, &p);
                        rc = -1;
                        break;
                }
                rc = on_event(r, &ev);
                yaml_event_delete(&ev);
        }
        yaml_parser_delete(&p);
        return rc < 0 || r->stop ? -1 : 0;
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
        if (prescan(&r) > 0)
                return -1;
        rc = read_events(&r);
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
