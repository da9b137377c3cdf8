/*
 * edit-text: where things are in the bytes of the document being edited:
 * lines, blank lines, the ends of nodes, block scalars and their
 * chomping.  Every function here only reads.
 */
#include <string.h>

#include "edit-internal.h"

size_t edit_max_end(const struct ynode *n)
{
        size_t end = n->end;

        if (n->kind == YNODE_MAPPING && n->n > 0) {
                size_t k = edit_max_end(n->pairs[n->n - 1].key);
                size_t v = edit_max_end(n->pairs[n->n - 1].value);
                end = end > k ? end : k;
                end = end > v ? end : v;
        } else if (n->kind == YNODE_SEQUENCE && n->n > 0) {
                size_t v = edit_max_end(n->items[n->n - 1]);
                end = end > v ? end : v;
        }
        return end;
}

/* The start of the line after the one holding byte end - 1. */
size_t edit_after_line(const struct edit *e, size_t end)
{
        const char *nl;

        if (end > 0 && e->doc->buf[end - 1] == '\n')
                return end;
        nl = memchr(e->doc->buf + end, '\n', e->doc->len - end);
        return nl ? (size_t)(nl - e->doc->buf) + 1 : e->doc->len;
}

size_t edit_line_start(const struct edit *e, size_t pos)
{
        while (pos > 0 && e->doc->buf[pos - 1] != '\n')
                pos--;
        return pos;
}

/* True if only spaces lie between the line start and pos. */
bool edit_starts_line(const struct edit *e, size_t pos)
{
        size_t i = edit_line_start(e, pos);

        while (i < pos && e->doc->buf[i] == ' ')
                i++;
        return i == pos;
}

/* True if the line that ends at pos (just after its break) holds only
 * white space. */
bool edit_blank_line_before(const struct edit *e, size_t pos)
{
        size_t i;

        if (pos == 0 || e->doc->buf[pos - 1] != '\n')
                return false;
        for (i = edit_line_start(e, pos - 1); i < pos - 1; i++)
                if (e->doc->buf[i] != ' ' && e->doc->buf[i] != '\t' &&
                    e->doc->buf[i] != '\r')
                        return false;
        return true;
}

/* A block scalar's chomping indicator: '+' (keep), '-' (strip), or 0
 * (clip, and every other scalar). */
char edit_chomping(const struct edit *e, const struct ynode *n)
{
        const char *b = e->doc->buf;
        size_t h;

        if (n->kind != YNODE_SCALAR ||
            (n->style != YSTYLE_LITERAL && n->style != YSTYLE_FOLDED))
                return 0;
        for (h = n->start + 1; h < n->start + 3 && h < e->doc->len; h++)
                if (b[h] == '+' || b[h] == '-')
                        return b[h];
        return 0;
}

/* The block scalar under n whose last line ends just before pos (a line
 * start or the end of the file; blank lines may lie between), or NULL.  A keep
 * ('+') one's value holds every line break up to the next line that is not
 * blank, so a blank line added at pos would join it; and under any chomping a
 * line of spaces deeper than its content at pos would be content. */
const struct ynode *edit_block_above(const struct edit *e,
                                     const struct ynode *n, size_t pos)
{
        size_t i;

        /* pos is a line start, or the end of a file without a final line
         * break (where the new text brings its own) */
        if (!n || n->start >= pos || pos == 0 ||
            (e->doc->buf[pos - 1] != '\n' && pos != e->doc->len))
                return NULL;
        if (n->kind == YNODE_SCALAR)
                return (n->style == YSTYLE_LITERAL ||
                        n->style == YSTYLE_FOLDED) &&
                               edit_after_line(e, n->end) <= pos &&
                               edit_only_blank_lines(
                                   e, edit_after_line(e, n->end), pos)
                           ? n
                           : NULL;
        for (i = n->n; i-- > 0;) {
                const struct ynode *c =
                    n->kind == YNODE_MAPPING ? n->pairs[i].value : n->items[i];
                if (c->start < pos)
                        return edit_block_above(e, c, pos);
        }
        return NULL;
}

/* True if a keep ('+') block scalar ends just above pos, with only blank
 * lines between (its span holds those it keeps). */
bool edit_keep_ends_at(const struct edit *e, const struct ynode *n, size_t pos)
{
        const struct ynode *b = edit_block_above(e, n, pos);

        return b && edit_chomping(e, b) == '+';
}

/* True if only blank lines lie in [from, to) (both at line starts). */
bool edit_only_blank_lines(const struct edit *e, size_t from, size_t to)
{
        for (; from < to; from++)
                if (e->doc->buf[from] != ' ' && e->doc->buf[from] != '\t' &&
                    e->doc->buf[from] != '\r' && e->doc->buf[from] != '\n')
                        return false;
        return true;
}

/* The start of the first line at or after pos (a line start) that is not
 * blank, or the end of the file. */
size_t edit_skip_blank_lines(const struct edit *e, size_t pos)
{
        size_t next;

        while (pos < e->doc->len) {
                next = edit_after_line(e, pos + 1);
                if (!edit_only_blank_lines(e, pos, next))
                        break;
                pos = next;
        }
        return pos;
}

/* True if a line in [from, to) (at line starts) has more than col
 * leading spaces. */
bool edit_deeper_line(const struct edit *e, size_t from, size_t to, int col)
{
        size_t i;

        for (; from < to; from = edit_after_line(e, i + 1)) {
                for (i = from; i < to && e->doc->buf[i] == ' '; i++)
                        ;
                if ((int)(i - from) > col)
                        return true;
                if (i >= to)
                        break;
        }
        return false;
}

/* The spaces before a line of block scalar n that make it content: the
 * indentation indicator's, else the first content line's, else one more
 * than the collection around n. */
int edit_content_indent(const struct edit *e, const struct ynode *n)
{
        const char *b = e->doc->buf;
        int parent = n->parent ? n->parent->col - 1 : -1;
        size_t h, i;

        for (h = n->start + 1; h < n->start + 3 && h < n->end; h++)
                if (b[h] >= '1' && b[h] <= '9')
                        return (parent > 0 ? parent : 0) + (b[h] - '0');
        for (h = edit_after_line(e, n->start + 1); h < n->end;
             h = edit_after_line(e, i + 1)) {
                for (i = h; i < n->end && b[i] == ' '; i++)
                        ;
                if (i < n->end && b[i] != '\n' && b[i] != '\r')
                        return (int)(i - h);
        }
        return parent + 1;
}

/* Whether only white space follows pos on its line. */
bool edit_blank_to_line_end(const struct edit *e, size_t pos)
{
        for (; pos < e->doc->len && e->doc->buf[pos] != '\n'; pos++)
                if (e->doc->buf[pos] != ' ' && e->doc->buf[pos] != '\t' &&
                    e->doc->buf[pos] != '\r')
                        return false;
        return true;
}

/* The first of the spaces and tabs just before pos. */
size_t edit_spaces_before(const struct edit *e, size_t pos)
{
        while (pos > 0 &&
               (e->doc->buf[pos - 1] == ' ' || e->doc->buf[pos - 1] == '\t'))
                pos--;
        return pos;
}

/* True if a blank line lies between the line holding byte prev_end - 1 and
 * the line holding next_start. */
bool edit_blank_between(const struct edit *e, size_t prev_end,
                        size_t next_start)
{
        size_t from = edit_after_line(e, prev_end),
               to = edit_line_start(e, next_start);
        bool blank = true;
        size_t i;

        for (i = from; i < to; i++) {
                char c = e->doc->buf[i];
                if (c == '\n' && blank)
                        return true;
                if (c == '\n')
                        blank = true;
                else if (c != ' ' && c != '\t' && c != '\r')
                        blank = false;
        }
        return false;
}
