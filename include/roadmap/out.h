/*
 * out: report output formats (csv, tsv, json, table) and the spool that
 * holds a whole report until it is known to be complete.
 *
 * A report is a list of typed columns and rows of cells.  Rows are rendered
 * to bytes by out_render_row(), which only reads its arguments and so may
 * run in many threads at once; the bytes are added to a struct out in
 * blocks, each with a sort key; out_commit() writes the header, every block
 * in key order (blocks with equal keys in the order they were added) and
 * the trailer.  Nothing reaches the stream before out_commit(), so a report
 * that fails half way writes nothing.  The spool keeps the first
 * OUT_SPOOL_MEMORY bytes in memory and the rest in an unlinked temporary
 * file in $TMPDIR, so memory does not grow with the report.
 *
 * Formats:
 *  csv    RFC 4180 (libcsv quotes a field holding a comma, quote, CR or
 *         LF), LF line ends; with excel, a UTF-8 BOM and CRLF line ends.
 *  tsv    tab-separated, a header row; backslash, tab, LF and CR in a cell
 *         are written as \\, \t, \n and \r.
 *  json   an array of objects; numbers are numbers, booleans booleans,
 *         empty cells null.  Digits and calendar options apply to dates
 *         (strings), never to numbers.
 *  table  columns aligned by the display width of grapheme clusters,
 *         numbers right-aligned, control characters escaped.  Adjacent
 *         columns of the same group get the group's name centred over
 *         them, ruled off, above the header.
 *  cells  each row as its typed cells (a tag byte per cell, then the
 *         value in native byte order), for out_each_row(): no header.
 * In csv and tsv a text cell that a spreadsheet would run as a formula
 * (starting with '=', '+', '-', '@', tab or CR) gets a leading "'".
 *
 * Ownership: a struct out owns its spool and index; out_release() frees
 * them.  Columns and styles are borrowed and must outlive the struct out.
 * Cells borrow their text.
 */
#ifndef ROADMAP_OUT_H
#define ROADMAP_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "roadmap/date.h"
#include "roadmap/strbuf.h"

#define OUT_SPOOL_MEMORY (4u << 20)

/* OUT_CELLS keeps each row as its typed cells, for a reader in this
 * process (the workbook, the dashboard) to take back with out_each_row();
 * out_commit() refuses it. */
enum out_format { OUT_CSV, OUT_TSV, OUT_JSON, OUT_TABLE, OUT_CELLS };

enum out_type {
        OUT_TEXT,
        OUT_INT,  /* integer; right-aligned in tables */
        OUT_BOOL, /* "yes"/"no"; JSON true/false */
        OUT_DATE  /* ISO, or the Bangla calendar when asked */
};

enum out_calendar { OUT_GREGORIAN, OUT_BANGLA };

struct out_column {
        const char *name;
        enum out_type type;
};

struct out_style {
        enum out_format format;
        bool excel;          /* csv: BOM and CRLF */
        bool bengali_digits; /* numbers and ISO dates in Bengali digits */
        enum out_calendar calendar; /* bangla: "১৬ কার্তিক ১৪২৪" */
};

/* One value; null is an empty cell.  Use the constructors below. */
struct out_cell {
        bool null;
        const char *text; /* OUT_TEXT: borrowed, len bytes */
        size_t len;
        long long num;    /* OUT_INT */
        bool yes;         /* OUT_BOOL */
        struct date date; /* OUT_DATE */
};

struct out_cell out_text(const char *s);            /* NULL: null */
struct out_cell out_textn(const char *s, size_t n); /* s NULL: null */
struct out_cell out_int(long long v);
struct out_cell out_int_opt(long long v); /* v < 0: null */
struct out_cell out_bool(bool yes);
struct out_cell out_date(struct date d); /* unset: null */
struct out_cell out_null(void);

/* Parse "csv", "tsv", "json", "table" / "gregorian", "bangla".  0 or -1.
 * (OUT_CELLS has no name: it is not a stream format.) */
int out_format_parse(const char *s, enum out_format *out);
int out_calendar_parse(const char *s, enum out_calendar *out);

/*
 * Append one row of ncols cells to sb, rendered in st's format, with its
 * line end (json: a "," and newline before the object).  Thread-safe.
 */
void out_render_row(const struct out_style *st, const struct out_column *cols,
                    size_t ncols, const struct out_cell *cells,
                    struct strbuf *sb);

/* Display width of a UTF-8 string on a terminal, by grapheme clusters, as
 * terminals that use wcwidth() draw it (a spacing vowel sign, category Mc,
 * takes a cell; invalid bytes count 1 each). */
size_t out_display_width(const char *s, size_t n);

struct out_block; /* index entry, private to out.c */

struct out {
        const struct out_style *style;
        const struct out_column *cols;
        size_t ncols;
        struct strbuf mem;       /* the first bytes of the spool */
        struct strbuf pending;   /* bytes for the spill file, unwritten */
        int fd;                  /* -1 until the spool spills to a file */
        unsigned long long size; /* bytes spooled */
        struct out_block *blocks;
        size_t nblocks, cap;
        size_t *widths;            /* table: widest cell of each column */
        const char *const *groups; /* table: out_set_groups() */
        size_t nrows;
        bool failed; /* the spill file could not be written */
        int err;     /* errno of the failure */
};

void out_init(struct out *o, const struct out_style *st,
              const struct out_column *cols, size_t ncols);
/*
 * Add nrows rendered rows (bytes from out_render_row() with the same style
 * and columns) under a sort key of keylen bytes (compared as bytes, a
 * prefix first).  Returns 0, or -1 if the spool could not be written
 * (errno set; out_commit() fails too).
 */
int out_add(struct out *o, const void *key, size_t keylen, const char *bytes,
            size_t len, size_t nrows);
/*
 * Table: groups[i] (borrowed, one per column) names a heading over column
 * i, NULL none; adjacent columns of one group share it.  NULL: no groups.
 */
void out_set_groups(struct out *o, const char *const *groups);
/* Write the whole report to fp.  Returns 0, or -1 with errno set
 * (EINVAL for OUT_CELLS). */
int out_commit(struct out *o, FILE *fp);

/*
 * OUT_CELLS: call fn with each row's cells (as many as the columns), in
 * key order, as out_commit() would write them.  The cells and their text
 * are valid only during the call.  Returns 0; fn's result when it is not
 * 0 (the walk stops there); or -1 with errno set when the spool cannot be
 * read (EINVAL: not OUT_CELLS).  May be called more than once.
 */
typedef int (*out_row_fn)(void *ctx, const struct out_cell *cells,
                          size_t ncols);
int out_each_row(struct out *o, out_row_fn fn, void *ctx);
void out_release(struct out *o);

#endif
