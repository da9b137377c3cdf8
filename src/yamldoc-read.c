/*
 * yamldoc-read: libyaml's event loop, which builds the node tree, with
 * libyaml's marks (characters) turned into byte offsets and the exact
 * spans of block scalars.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "roadmap/xalloc.h"
#include "yamldoc-internal.h"

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

size_t yamldoc_line_end(const unsigned char *b, size_t i, size_t len)
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

        while (n-- > 0 && (nl = yamldoc_line_end(b, pos, len)) < len)
                pos = yamldoc_line_end(b, nl + 1, len);
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
        first = yamldoc_line_end(b, h, len) + 1;
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
        pos = last
                  ? lines_below(b, len, last, (size_t)k - 1)
                  : lines_below(b, len, yamldoc_line_end(b, h, len), (size_t)k);
        if (pos < len)
                pos += b[pos] == '\r' ? 2 : 1;
        return pos < len ? pos : len;
}

/* ---- step 2: the event loop --------------------------------------------- */

static struct ynode *top(const struct reader *r)
{
        return r->depth ? r->stack[r->depth - 1].node : NULL;
}

bool yamldoc_in_flow(const struct reader *r)
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
                yamldoc_report_at(r, node->start,
                                  "nesting is deeper than %d levels",
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
                yamldoc_report_at(r, node->start,
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

        yamldoc_check_properties(r, n->start,
                                 (const char *)ev->data.scalar.anchor,
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
        yamldoc_report_at(r, n->start, "aliases are not allowed ('*%.*s%s')",
                          yamldoc_shown(a, strlen(a)), a,
                          yamldoc_ellipsis(strlen(a)));
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
        yamldoc_check_properties(r, n->start, anchor, tag);
        if (attach(r, n) < 0)
                return -1;
        r->stack[r->depth].node = n;
        r->stack[r->depth].base = r->nkids;
        r->depth++;
        return 0;
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
                yamldoc_check_duplicates(r, n);
}

/* Where the %YAML directive at or after byte at starts, and its version. */
static void note_version(struct reader *r, size_t at,
                         const yaml_version_directive_t *v)
{
        const unsigned char *b = (const unsigned char *)r->doc->buf;
        size_t i = at;

        while (i + 5 <= r->doc->len && memcmp(b + i, "%YAML", 5) != 0)
                i = yamldoc_line_end(b, i, r->doc->len) + 1;
        r->doc->yaml_minor = v->minor;
        yamldoc_position(r->doc, i + 5 <= r->doc->len ? i : at,
                         &r->doc->yaml_line, &r->doc->yaml_col);
}

static int on_document(struct reader *r, const yaml_event_t *ev)
{
        const unsigned char *b = (const unsigned char *)r->doc->buf;
        size_t at = mark_offset(r, &ev->start_mark), end, i;

        if (++r->ndocs > 1) {
                diag_hint(yamldoc_report_at(r, at,
                                            "a second document is not allowed"),
                          "keep one document per file");
                return -1;
        }
        if (ev->data.document_start.version_directive)
                note_version(r, at, ev->data.document_start.version_directive);
        if (ev->data.document_start.tag_directives.start ==
            ev->data.document_start.tag_directives.end)
                return 0;
        end = mark_offset(r, &ev->end_mark);
        for (i = at; i < end; i = yamldoc_line_end(b, i, end) + 1) {
                if (end - i >= 4 && memcmp(b + i, "%TAG", 4) == 0) {
                        size_t n = yamldoc_line_end(b, i, end) - i;
                        while (n > 0 && yamldoc_is_space(b[i + n - 1]))
                                n--;
                        yamldoc_report_at(
                            r, i, "tags are not allowed ('%.*s%s')",
                            yamldoc_shown((const char *)b + i, n),
                            (const char *)b + i, yamldoc_ellipsis(n));
                        return 0;
                }
        }
        yamldoc_report_at(r, at, "tags are not allowed ('%%TAG')");
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
                        yamldoc_report_at(
                            r, off, "control character U+%04X is not allowed",
                            (unsigned)p->problem_value);
                else
                        yamldoc_report_at(r, off, "%s", problem);
                return;
        }
        off = mark_offset(r, &p->problem_mark);
        if (p->context)
                d = yamldoc_report_at(r, off, "%s (%s at line %d, column %d)",
                                      problem, p->context,
                                      (int)p->context_mark.line + 1,
                                      (int)p->context_mark.column + 1);
        else
                d = yamldoc_report_at(r, off, "%s", problem);
        if (tab_in_indent(b, r->doc->len, off))
                diag_hint(d, "indent with spaces, not tabs");
}

int yamldoc_read_events(struct reader *r)
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
