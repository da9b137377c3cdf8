/*
 * import: an office's service inventory read from a spreadsheet saved as
 * CSV (roadmap-import(1)).
 *
 * Two layers.  import_csv reads the bytes with libcsv: a UTF-8 BOM is
 * dropped, LF, CRLF and CR end records, quoted cells may span lines, and
 * since libcsv gives no positions the reader counts them itself: each
 * cell knows the line and column (1-based, in characters) where it
 * starts, each record the line where it starts.  Bytes that are not UTF-8,
 * a NUL and broken quoting are refused at their position.
 *
 * import_sheet then finds the columns by their header, in English or
 * Bengali, in any order (or by a COLUMN=FIELD map), and reads each row's
 * cells into typed values: numbers and dates as the command line takes
 * them (Bengali digits, Bangla calendar dates), statuses and recipients
 * in English or Bengali.  Every bad cell is reported, at its position.
 *
 * Nothing here prints: problems go to a diag_list, positions in the file
 * as display names it.
 *
 * Ownership: everything an import_csv or import_sheet holds (cells, rows,
 * their strings) lives in its arena until import_csv_release() /
 * import_sheet_release(); a sheet borrows nothing from its input buffer.
 */
#ifndef ROADMAP_IMPORT_H
#define ROADMAP_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/arena.h"
#include "roadmap/date.h"
#include "roadmap/diag.h"
#include "roadmap/model.h"

/* Limits, checked as the file is read.  Cells count up to the last of a
 * record that is not blank; records with no such cell do not count. */
#define IMPORT_MAX_SIZE (8u << 20)    /* bytes of a CSV file */
#define IMPORT_MAX_CELLS 256          /* cells in one record */
#define IMPORT_MAX_ROWS 100000        /* records in a file */
#define IMPORT_MAX_FILE_CELLS 1000000 /* cells in a file */
#define IMPORT_MAX_ERRORS 100         /* problems reported, the rest counted */

/* ---- the CSV layer ---------------------------------------------------- */

struct import_cell {
        const char *text; /* the value, NUL-terminated (quotes undone) */
        size_t len;
        int line, col; /* where the cell starts (its quote, if quoted) */
};

struct import_record {
        struct import_cell *cells;
        size_t ncells;
        int line; /* of its first cell */
};

struct import_csv {
        struct arena arena;
        struct import_record *records;
        size_t nrecords, cap;
        size_t ncells; /* in all records */
};

void import_csv_init(struct import_csv *c);
/* Read buf[0..len) (the file display names) into c, after what it holds.
 * A record's blank cells at its end (empty, or white space only) are not
 * kept, nor a record with no other cell; a blank cell's text is "".
 * Returns 0, or -1 after adding the first problem to dl (a limit passed
 * is reported at the cell or record that passes it). */
int import_csv_parse(struct import_csv *c, const char *buf, size_t len,
                     const char *display, struct diag_list *dl);
void import_csv_release(struct import_csv *c);

/* ---- the inventory layer ---------------------------------------------- */

enum import_field {
        IMPORT_ID,
        IMPORT_NAME,
        IMPORT_NAME_BN,
        IMPORT_RECIPIENTS,
        IMPORT_DAYS,
        IMPORT_COST,
        IMPORT_VISITS,
        IMPORT_PRIORITY,
        IMPORT_DUE,
        IMPORT_STATUS,
        IMPORT_STATUS_DATE,
        IMPORT_FIELD_COUNT,
        IMPORT_IGNORE = IMPORT_FIELD_COUNT /* a --map to drop a column */
};

/* The field's name as --map takes it ("name_bn", "status_date"). */
const char *import_field_name(enum import_field f);
/* A field by that name ('-' for '_' is fine) or "ignore"; 0 or -1. */
int import_field_parse(const char *s, enum import_field *out);

/* Whether a header can name a column: something is left of it once white
 * space and punctuation are dropped, as headers are compared ("---" and
 * "#" name none). */
bool import_header_names(const char *column);

/* A header (column) read as a field: --map COLUMN=FIELD. */
struct import_map {
        const char *column;
        enum import_field field;
};

struct import_opts {
        const struct import_map *maps;
        size_t nmaps;
        /* A status date later than this is refused (something that has
         * happened: cli_latest_date()); unset: not checked. */
        struct date latest;
};

/* One row of the inventory.  A value not given (an empty cell, or no
 * such column) is NULL, -1, an unset date or RECIPIENTS_NONE. */
struct import_row {
        int line, col; /* of its first cell */
        /* each field's cell in this row (NULL: no such column, or the row
         * is short), for positions; given[] says whether it holds text */
        const struct import_cell *cell[IMPORT_FIELD_COUNT];
        bool given[IMPORT_FIELD_COUNT];
        const char *id;
        const char *name, *name_bn; /* NFC, white space collapsed */
        enum recipients recipients;
        long days, cost, visits, priority;
        struct date due, status_date;
        bool has_status;
        enum status status;
};

struct import_sheet {
        struct import_csv csv;
        const struct import_record *header;
        /* the header cell of each field's column, or NULL */
        const struct import_cell *column[IMPORT_FIELD_COUNT];
        /* header cells whose column no field takes (empty ones left out) */
        const struct import_cell **ignored;
        size_t nignored;
        struct import_row *rows; /* records below the header, not empty */
        size_t nrows;
        size_t more_errors; /* past IMPORT_MAX_ERRORS: counted, not in dl */
        /* rows with cells only in columns not imported (a template's
         * numbered rows): skipped as empty; the first one's position */
        size_t nskipped;
        int skipped_line, skipped_col;
};

void import_sheet_init(struct import_sheet *s);
/* Read the file at path / the bytes buf[0..len) into s.  The file is not
 * in a repository, so regfile.h's rule is not its: a symbolic link is
 * followed, "-" is standard input, a FIFO is read; a directory is refused;
 * at most IMPORT_MAX_SIZE bytes are read.  Returns 0, or -1 after
 * adding every problem found to dl (s then holds what could be read). */
int import_sheet_read(struct import_sheet *s, const char *path,
                      const char *display, const struct import_opts *o,
                      struct diag_list *dl);
int import_sheet_parse(struct import_sheet *s, const char *buf, size_t len,
                       const char *display, const struct import_opts *o,
                       struct diag_list *dl);
void import_sheet_release(struct import_sheet *s);

/* The key import compares names by: model_name_key(), by which the
 * model finds a name used twice (NFC, case folded).  The caller frees
 * it. */
char *import_name_key(const char *name);

/* ---- an office's ids and names, for an import --------------------------- */

struct import_slot;
struct import_table {
        struct import_slot *slots;
        size_t cap, n;
};

/* Hash tables of the services of an office: by id, by name and by
 * Bengali name (import_name_key(); the first service in file order with
 * that name), the ids taken (the office's and those the import takes),
 * and counters by key, for making ids without trying each again.  It
 * borrows the office (which must outlive it) and owns its keys;
 * import_index_release() frees them. */
struct import_index {
        struct import_table ids, names, names_bn, counters;
};

void import_index_init(struct import_index *x, const struct office *off);
void import_index_release(struct import_index *x);
/* The office's service of this id, or NULL. */
const struct service *import_index_service(const struct import_index *x,
                                           const char *id);
/* Whether the office has the id or the import has taken it. */
bool import_index_taken(const struct import_index *x, const char *id);
void import_index_take(struct import_index *x, const char *id);
/* The office's first service with this name (bn: Bengali name), or NULL. */
const struct service *import_index_named(const struct import_index *x,
                                         const char *name, bool bn);
/* The counter kept for key (0 at first), the caller's to use. */
int *import_index_counter(struct import_index *x, const char *key);

/* The words a header is recognised by, for messages and the manual: the
 * i-th (i from 0) in *word and its field, or false past the last. */
bool import_header_word(size_t i, const char **word, enum import_field *field);

#endif
