/*
 * import-csv: CSV bytes to records of cells that know where they start.
 *
 * libcsv parses; it reports fields and records but no positions.  So the
 * bytes are fed to it one at a time while this file counts lines and
 * columns: the position of the first byte of each field (after the
 * blanks libcsv trims) is noted before the byte goes in, and the field
 * callback that follows takes it.  Lines end at LF, CRLF or a lone CR, in
 * a quoted cell too; columns count characters (UTF-8 lead bytes).
 */
#include <csv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "import-internal.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

struct pos {
        int line, col;
};

struct reader {
        struct import_csv *c;
        const char *display;
        struct diag_list *dl;
        struct pos at;     /* of the byte being fed */
        struct pos start;  /* of the field being read */
        bool awaiting;     /* the next field's first byte is still ahead */
        bool between_rows; /* ... and line ends come before it too */
        struct import_cell *cells; /* of the record being read (the first
                                      IMPORT_MAX_CELLS) */
        size_t nfields, cap;
        size_t kept;  /* 1 + the last of them that is not blank, or 0 */
        bool refused; /* a limit is passed: stop */
};

void import_csv_init(struct import_csv *c)
{
        memset(c, 0, sizeof(*c));
        arena_init(&c->arena);
}

void import_csv_release(struct import_csv *c)
{
        arena_release(&c->arena);
        free(c->records);
        import_csv_init(c);
}

bool import_blank(const char *s, size_t n)
{
        size_t i = 0;

        while (i < n) {
                if (strchr(" \t\r\n", s[i]) && s[i])
                        i++;
                else if (i + 1 < n && (unsigned char)s[i] == 0xC2 &&
                         (unsigned char)s[i + 1] == 0xA0)
                        i += 2; /* no-break space */
                else
                        return false;
        }
        return true;
}

static void over_limit(struct reader *r, struct pos at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* A limit passed at at: the error says which, and reading stops. */
static void over_limit(struct reader *r, struct pos at, const char *fmt, ...)
{
        struct strbuf msg = STRBUF_INIT;
        va_list ap;

        va_start(ap, fmt);
        strbuf_vaddf(&msg, fmt, ap);
        va_end(ap);
        diag_hint(diag_error(r->dl, r->display, at.line, at.col,
                             "%s: not a service inventory", msg.buf),
                  "is it the sheet you meant?  Empty cells at the end of a "
                  "row and empty rows do not count");
        strbuf_release(&msg);
        r->refused = true;
}

static void on_field(void *s, size_t len, void *data)
{
        struct reader *r = data;
        struct import_cell *cell;
        size_t i = r->nfields++;
        bool blank = !s || import_blank(s, len);

        if (r->awaiting) /* a field libcsv ends before its first byte */
                r->start = r->at;
        r->awaiting = true;
        r->between_rows = false;
        if (r->refused || (i >= IMPORT_MAX_CELLS && blank))
                return;
        if (i >= IMPORT_MAX_CELLS) {
                over_limit(r, r->start,
                           "cell %zu of a row: a row holds at most %d cells",
                           i + 1, IMPORT_MAX_CELLS);
                return;
        }
        r->cells = xgrow(r->cells, &r->cap, i + 1, sizeof(*r->cells));
        cell = &r->cells[i];
        /* a blank cell is not copied: most of a wide sheet is empty */
        cell->text = blank ? "" : arena_strndup(&r->c->arena, s, len);
        cell->len = blank ? 0 : len;
        cell->line = r->start.line;
        cell->col = r->start.col;
        if (!blank)
                r->kept = i + 1;
}

/* Keep the record read, without its blank cells at the end. */
static void on_record(int term, void *data)
{
        struct reader *r = data;
        struct import_csv *c = r->c;
        struct import_record *rec;
        size_t kept = r->kept;

        (void)term;
        r->awaiting = r->between_rows = true;
        r->nfields = r->kept = 0;
        if (r->refused || kept == 0)
                return;
        if (c->nrecords >= IMPORT_MAX_ROWS) {
                over_limit(r, (struct pos){r->cells[0].line, r->cells[0].col},
                           "row %zu: a file holds at most %d rows",
                           c->nrecords + 1, IMPORT_MAX_ROWS);
                return;
        }
        if (c->ncells + kept > IMPORT_MAX_FILE_CELLS) {
                const struct import_cell *x =
                    &r->cells[IMPORT_MAX_FILE_CELLS - c->ncells];
                over_limit(r, (struct pos){x->line, x->col},
                           "cell %d of the file: a file holds at most %d "
                           "cells",
                           IMPORT_MAX_FILE_CELLS + 1, IMPORT_MAX_FILE_CELLS);
                return;
        }
        c->records =
            xgrow(c->records, &c->cap, c->nrecords + 1, sizeof(*c->records));
        rec = &c->records[c->nrecords++];
        rec->ncells = kept;
        rec->line = r->cells[0].line;
        rec->cells = arena_alloc(&c->arena, kept * sizeof(*rec->cells));
        memcpy(rec->cells, r->cells, kept * sizeof(*rec->cells));
        c->ncells += kept;
}

/* The position after byte i of buf (whose position is *p). */
static void advance(struct pos *p, const char *buf, size_t len, size_t i)
{
        unsigned char b = (unsigned char)buf[i];

        if (b == '\n' || (b == '\r' && (i + 1 >= len || buf[i + 1] != '\n'))) {
                p->line++;
                p->col = 1;
        } else if ((b & 0xC0) != 0x80) {
                p->col++;
        }
}

/* Every byte must be UTF-8, and none NUL: the first that is not, at its
 * position, is refused. */
static int check_text(const char *buf, size_t len, const char *display,
                      struct diag_list *dl)
{
        struct pos p = {1, 1};
        utf8proc_int32_t cp;
        utf8proc_ssize_t n;
        size_t i = 0, k;

        while (i < len) {
                n = utf8proc_iterate((const utf8proc_uint8_t *)buf + i,
                                     (utf8proc_ssize_t)(len - i), &cp);
                if (n < 0) {
                        diag_hint(diag_error(dl, display, p.line, p.col,
                                             "not UTF-8 text (byte 0x%02x)",
                                             (unsigned char)buf[i]),
                                  "save the sheet as \"CSV UTF-8\" (Excel) or "
                                  "with the character set Unicode (UTF-8) "
                                  "(LibreOffice)");
                        return -1;
                }
                if (cp == 0) {
                        diag_error(dl, display, p.line, p.col,
                                   "a NUL byte: not a CSV text file");
                        return -1;
                }
                for (k = 0; k < (size_t)n; k++)
                        advance(&p, buf, len, i + k);
                i += (size_t)n;
        }
        return 0;
}

/* Note where the field that byte b begins starts. */
static void note_start(struct reader *r, unsigned char b)
{
        if (!r->awaiting || b == ' ' || b == '\t')
                return;
        if (r->between_rows && (b == '\r' || b == '\n'))
                return;
        r->start = r->at;
        r->awaiting = false;
}

static int refuse_quote(struct reader *r, unsigned char b)
{
        diag_hint(diag_error(r->dl, r->display, r->at.line, r->at.col,
                             b == '"' ? "a quote inside a cell that does not "
                                        "start with one"
                                      : "text after the closing quote of a "
                                        "cell"),
                  "a cell holding a quote is written in quotes, each quote "
                  "in it doubled: \"12\"\" drain\" (spreadsheets save it so)");
        return -1;
}

static int feed(struct reader *r, struct csv_parser *p, const char *buf,
                size_t len)
{
        size_t i;

        for (i = 0; i < len; i++) {
                unsigned char b = (unsigned char)buf[i];
                note_start(r, b);
                if (csv_parse(p, buf + i, 1, on_field, on_record, r) == 1) {
                        if (r->refused)
                                return -1;
                        advance(&r->at, buf, len, i);
                        continue;
                }
                if (csv_error(p) == CSV_EPARSE)
                        return refuse_quote(r, b);
                diag_error(r->dl, r->display, r->at.line, r->at.col, "%s",
                           csv_strerror(csv_error(p)));
                return -1;
        }
        if (csv_fini(p, on_field, on_record, r) != 0) {
                diag_hint(diag_error(r->dl, r->display, r->start.line,
                                     r->start.col,
                                     "the quote that opens this cell is never "
                                     "closed"),
                          "a quoted cell ends with a quote");
                return -1;
        }
        return r->refused ? -1 : 0;
}

int import_csv_parse(struct import_csv *c, const char *buf, size_t len,
                     const char *display, struct diag_list *dl)
{
        struct reader r = {.c = c, .display = display, .dl = dl};
        struct csv_parser p;
        int rc;

        r.at.line = r.at.col = r.start.line = r.start.col = 1;
        r.awaiting = r.between_rows = true;
        if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
                buf += 3; /* Excel's "CSV UTF-8" starts with a BOM */
                len -= 3;
        }
        if (check_text(buf, len, display, dl) != 0)
                return -1;
        if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0) {
                diag_error(dl, display, 0, 0,
                           "cannot read: the CSV reader could not start (out "
                           "of memory)");
                return -1;
        }
        csv_set_realloc_func(&p, xrealloc);
        csv_set_free_func(&p, free);
        rc = feed(&r, &p, buf, len);
        csv_free(&p);
        free(r.cells);
        return rc;
}
