/*
 * out: cells, and rows rendered as csv, tsv, json or an aligned table, with
 * the display width that aligns them (see out.h; the spool is
 * out-spool.c).
 */
#include "roadmap/out.h"

#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "roadmap/bangla.h"

/* Constructors. */

struct out_cell out_null(void)
{
        struct out_cell c;

        memset(&c, 0, sizeof(c));
        c.null = true;
        return c;
}

struct out_cell out_textn(const char *s, size_t n)
{
        struct out_cell c = out_null();

        if (s) {
                c.null = false;
                c.text = s;
                c.len = n;
        }
        return c;
}

struct out_cell out_text(const char *s)
{
        return out_textn(s, s ? strlen(s) : 0);
}

struct out_cell out_int(long long v)
{
        struct out_cell c = out_null();

        c.null = false;
        c.num = v;
        return c;
}

struct out_cell out_int_opt(long long v)
{
        return v < 0 ? out_null() : out_int(v);
}

struct out_cell out_bool(bool yes)
{
        struct out_cell c = out_null();

        c.null = false;
        c.yes = yes;
        return c;
}

struct out_cell out_date(struct date d)
{
        struct out_cell c = out_null();

        if (date_is_set(d)) {
                c.null = false;
                c.date = d;
        }
        return c;
}

int out_format_parse(const char *s, enum out_format *out)
{
        static const char *const names[] = {"csv", "tsv", "json", "table"};
        size_t i;

        for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
                if (strcmp(s, names[i]) == 0) {
                        *out = (enum out_format)i;
                        return 0;
                }
        return -1;
}

int out_calendar_parse(const char *s, enum out_calendar *out)
{
        if (strcmp(s, "gregorian") == 0)
                *out = OUT_GREGORIAN;
        else if (strcmp(s, "bangla") == 0)
                *out = OUT_BANGLA;
        else
                return -1;
        return 0;
}

/* Values as text. */

/* An integer in ASCII digits, right-aligned in buf; returns its start. */
static char *format_int(long long v, char *end)
{
        unsigned long long u =
            v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
        char *p = end;

        do
                *--p = (char)('0' + u % 10);
        while ((u /= 10) != 0);
        if (v < 0)
                *--p = '-';
        return p;
}

/* Append a number, boolean or date as text in the style's digits and
 * calendar. */
static void add_value(const struct out_style *st, enum out_type type,
                      const struct out_cell *c, struct strbuf *sb)
{
        char buf[32], *p;
        size_t n;

        if (type == OUT_BOOL) {
                strbuf_addstr(sb, c->yes ? "yes" : "no");
                return;
        }
        if (type == OUT_DATE && st->calendar == OUT_BANGLA) {
                bangla_format_date(c->date, sb); /* always Bengali digits */
                return;
        }
        if (type == OUT_INT) {
                p = format_int(c->num, buf + sizeof(buf));
                n = (size_t)(buf + sizeof(buf) - p);
        } else {
                date_format_iso(c->date, buf);
                p = buf;
                n = 10;
        }
        if (st->bengali_digits)
                bangla_digits(p, n, sb);
        else
                strbuf_add(sb, p, n);
}

/* A text cell a spreadsheet would run as a formula. */
static bool looks_like_formula(const char *s, size_t n)
{
        return n > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' ||
                         s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

static bool csv_needs_quotes(const char *s, size_t n)
{
        size_t i;

        for (i = 0; i < n; i++)
                if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r')
                        return true;
        return false;
}

/* A text field, formula-guarded, quoted by libcsv when it must be. */
static void add_csv_text(const char *s, size_t n, struct strbuf *sb)
{
        bool guard = looks_like_formula(s, n);
        size_t need, start = sb->len;

        if (!csv_needs_quotes(s, n)) {
                if (guard)
                        strbuf_addch(sb, '\'');
                strbuf_add(sb, s, n);
                return;
        }
        need = csv_write(NULL, 0, s, n);
        strbuf_grow(sb, need + 1);
        sb->len += csv_write(sb->buf + sb->len, need, s, n);
        if (guard) { /* '"' then the guard inside the quotes */
                memmove(sb->buf + start + 2, sb->buf + start + 1,
                        sb->len - start - 1);
                sb->buf[start + 1] = '\'';
                sb->len++;
        }
        sb->buf[sb->len] = '\0';
}

static void add_tsv_text(const char *s, size_t n, struct strbuf *sb)
{
        size_t i;

        if (looks_like_formula(s, n))
                strbuf_addch(sb, '\'');
        for (i = 0; i < n; i++) {
                switch (s[i]) {
                case '\\':
                        strbuf_addstr(sb, "\\\\");
                        break;
                case '\t':
                        strbuf_addstr(sb, "\\t");
                        break;
                case '\n':
                        strbuf_addstr(sb, "\\n");
                        break;
                case '\r':
                        strbuf_addstr(sb, "\\r");
                        break;
                default:
                        strbuf_addch(sb, s[i]);
                }
        }
}

static void render_json(const struct out_style *st,
                        const struct out_column *cols, size_t ncols,
                        const struct out_cell *cells, struct strbuf *sb)
{
        size_t i;

        strbuf_addstr(sb, ",\n{");
        for (i = 0; i < ncols; i++) {
                const struct out_cell *c = &cells[i];

                if (i)
                        strbuf_addch(sb, ',');
                strbuf_add_json_string(sb, cols[i].name, strlen(cols[i].name));
                strbuf_addch(sb, ':');
                if (c->null) {
                        strbuf_addstr(sb, "null");
                } else if (cols[i].type == OUT_INT) {
                        struct out_style ascii = *st;
                        ascii.bengali_digits = false;
                        add_value(&ascii, OUT_INT, c, sb);
                } else if (cols[i].type == OUT_BOOL) {
                        strbuf_addstr(sb, c->yes ? "true" : "false");
                } else if (cols[i].type == OUT_DATE) {
                        /* digits and month names need no escapes */
                        strbuf_addch(sb, '"');
                        add_value(st, OUT_DATE, c, sb);
                        strbuf_addch(sb, '"');
                } else {
                        strbuf_add_json_string(sb, c->text, c->len);
                }
        }
        strbuf_addch(sb, '}');
}

static void render_delimited(const struct out_style *st,
                             const struct out_column *cols, size_t ncols,
                             const struct out_cell *cells, struct strbuf *sb)
{
        const struct out_cell *c;
        size_t i;

        for (i = 0; i < ncols; i++) {
                c = &cells[i];
                if (i)
                        strbuf_addch(sb, st->format == OUT_CSV ? ',' : '\t');
                if (c->null)
                        continue;
                if (cols[i].type != OUT_TEXT)
                        add_value(st, cols[i].type, c, sb);
                else if (st->format == OUT_CSV)
                        add_csv_text(c->text, c->len, sb);
                else if (st->format == OUT_TSV)
                        add_tsv_text(c->text, c->len, sb);
                else
                        strbuf_add_escaped(sb, c->text, c->len);
        }
        if (st->format == OUT_CSV && st->excel)
                strbuf_addch(sb, '\r');
        strbuf_addch(sb, '\n');
}

/*
 * OUT_CELLS: per cell a tag -- 'N' null, 'T' text (a size_t length, then
 * the bytes), 'I' a long long, 'B' a bool byte, 'D' a struct date -- in
 * this process's byte order; out-spool.c reads them back.
 */
static void render_cells(const struct out_column *cols, size_t ncols,
                         const struct out_cell *cells, struct strbuf *sb)
{
        size_t i;

        for (i = 0; i < ncols; i++) {
                const struct out_cell *c = &cells[i];
                unsigned char yes = c->yes;

                if (c->null) {
                        strbuf_addch(sb, 'N');
                } else if (cols[i].type == OUT_TEXT) {
                        strbuf_addch(sb, 'T');
                        strbuf_add(sb, &c->len, sizeof(c->len));
                        strbuf_add(sb, c->text, c->len);
                } else if (cols[i].type == OUT_INT) {
                        strbuf_addch(sb, 'I');
                        strbuf_add(sb, &c->num, sizeof(c->num));
                } else if (cols[i].type == OUT_BOOL) {
                        strbuf_addch(sb, 'B');
                        strbuf_add(sb, &yes, 1);
                } else {
                        strbuf_addch(sb, 'D');
                        strbuf_add(sb, &c->date, sizeof(c->date));
                }
        }
}

void out_render_row(const struct out_style *st, const struct out_column *cols,
                    size_t ncols, const struct out_cell *cells,
                    struct strbuf *sb)
{
        if (st->format == OUT_CELLS)
                render_cells(cols, ncols, cells, sb);
        else if (st->format == OUT_JSON)
                render_json(st, cols, ncols, cells, sb);
        else
                render_delimited(st, cols, ncols, cells, sb);
}

/* Display width. */

/* A virama (U+09CD hasanta and its kin: canonical combining class 9). */
static bool is_virama(utf8proc_int32_t cp)
{
        return utf8proc_get_property(cp)->combining_class == 9;
}

/*
 * The cells a terminal gives one grapheme cluster, as terminals that take
 * each code point's wcwidth() draw it (xterm, tmux, VTE): the widest of its
 * base and non-spacing parts (an emoji sequence is one wide glyph), plus
 * one cell for each spacing vowel sign (category Mc: U+09BE, U+09BF, U+09C0,
 * U+09C7, U+09CB, ...), which utf8proc gives no width of its own, plus each
 * letter joined after a virama (a conjunct, drawn as its two letters), as
 * a cluster holds it where the grapheme rules keep conjuncts together.
 */
static size_t cluster_width(const utf8proc_int32_t *cps, size_t n)
{
        size_t base = 0, more = 0, i;

        for (i = 0; i < n; i++) {
                int cw = utf8proc_charwidth(cps[i]);

                if (utf8proc_category(cps[i]) == UTF8PROC_CATEGORY_MC)
                        more += 1;
                else if (i > 0 && is_virama(cps[i - 1]) && cw > 0)
                        more += (size_t)cw;
                else if ((size_t)cw > base)
                        base = (size_t)cw;
        }
        return base + more;
}

size_t out_display_width(const char *s, size_t n)
{
        const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
        utf8proc_int32_t cluster[32], prev = -1;
        utf8proc_int32_t state = 0;
        size_t i = 0, nc = 0, width = 0;

        while (i < n) {
                utf8proc_int32_t cp;
                utf8proc_ssize_t k = utf8proc_iterate(p + i, n - i, &cp);

                if (k < 0) { /* an invalid byte stands alone */
                        width += cluster_width(cluster, nc) + 1;
                        nc = 0, prev = -1, state = 0, i++;
                        continue;
                }
                if (nc > 0 && (nc == 32 || utf8proc_grapheme_break_stateful(
                                               prev, cp, &state))) {
                        width += cluster_width(cluster, nc);
                        nc = 0;
                }
                cluster[nc++] = cp;
                prev = cp;
                i += (size_t)k;
        }
        return width + cluster_width(cluster, nc);
}
