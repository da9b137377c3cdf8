/*
 * xlsx: a spreadsheet workbook (Office Open XML, .xlsx) written with
 * libxlsxwriter, one sheet per report (roadmap-report(1), WORKBOOK).
 *
 * A sheet made of an OUT_CELLS report (out.h) has a title row (row 1, one
 * text cell), the header row (row 2, frozen below it, with an autofilter
 * over the header and every row) and one row per report row, cell by cell:
 *   OUT_TEXT  a string, exactly as the report has it: never a number, a
 *             date or a formula, no guard character.  Control characters
 *             and text that looks like the format's own _xHHHH_ escape
 *             are escaped so that a reader gives the text back.
 *   OUT_INT   a number.
 *   OUT_BOOL  a boolean (TRUE/FALSE), as JSON gives true/false, with the
 *             number format "TRUE";"TRUE";"FALSE" (LibreOffice shows a
 *             boolean cell as 1 or 0 without it).
 *   OUT_DATE  a date with the number format yyyy-mm-dd; a date before
 *             1900-03-01, which a spreadsheet cannot hold, is its ISO text.
 *             With OUT_BANGLA, a text column after it ("NAME_bangla") holds
 *             the day in the Bangla calendar (bangla_format_date()).
 *   null      an empty cell.
 * Every sheet prints on A4 paper in landscape, one page wide (as many
 * pages high as it takes), with "Page N of M" in the footer; a report
 * sheet repeats its title and header rows at the top of every page.
 * Column widths are fitted to the widest cell (out_display_width()), within
 * XLSX_WIDTH_MIN..XLSX_WIDTH_MAX characters; the title row is left out of
 * the fit (its text runs over the empty cells to its right).
 *
 * Sheets are written in constant-memory mode: a row at a time to a
 * temporary file of libxlsxwriter, so memory does not grow with the rows.
 * The workbook is made in the file the caller names (the temporary file of
 * outfile.h), or, for a stream (libxlsxwriter 1.1.4 cannot write to
 * memory), in a temporary file, and copied to the stream by xlsx_finish().
 * That file and libxlsxwriter's own temporary files are made in a private
 * directory in $TMPDIR (else /tmp), which a signal that ends the process
 * removes with everything in it (tempfile.h).
 *
 * Nothing here prints: failures are errors added to a diag_list.
 *
 * Ownership: a struct xlsx owns its workbook and temporary directory,
 * which xlsx_free() removes.  Everything passed in is borrowed for the call.
 */
#ifndef ROADMAP_XLSX_H
#define ROADMAP_XLSX_H

#include <stddef.h>
#include <stdio.h>

#include "roadmap/diag.h"
#include "roadmap/out.h"

#define XLSX_WIDTH_MIN 4
#define XLSX_WIDTH_MAX 60
/* The paper size of every sheet (ECMA-376 paperSize: 9 is A4). */
#define XLSX_PAPER_A4 9
/* The longest text a cell holds, counted by model_text_units(): UTF-16
 * code units (Excel's limit: a character outside the BMP counts two)
 * after the _xHHHH_ escaping.  The model refuses such text where it
 * enters, counted the same way; a longer cell
 * is still an error naming the row (its ministry, office and service
 * cells, when the sheet has them, else its number) and the column. */
#define XLSX_TEXT_MAX 32767

struct xlsx;

/* A new, empty workbook, to be made in the file path (replaced), or,
 * path NULL, in a temporary file for a stream.  NULL after adding an
 * error. */
struct xlsx *xlsx_new(const char *path, struct diag_list *dl);

/*
 * Add a sheet named sheet (at most 31 characters, unique) of the rows of
 * rows (an OUT_CELLS struct out), under a title row holding title.
 * Returns 0, or -1 after adding an error (the workbook is then unusable:
 * only xlsx_free() it).
 */
int xlsx_add_report(struct xlsx *x, const char *sheet, const char *title,
                    struct out *rows, enum out_calendar calendar,
                    struct diag_list *dl);

/* One line of a sheet of labels and values: label NULL is an empty line;
 * value is typed as a report cell is, of type type. */
struct xlsx_pair {
        const char *label;
        enum out_type type;
        struct out_cell value;
};

/* Add a sheet of pairs: column A the labels, column B the values (fitted
 * as a report's columns are).  As xlsx_add_report(). */
int xlsx_add_pairs(struct xlsx *x, const char *sheet,
                   const struct xlsx_pair *pairs, size_t n,
                   struct diag_list *dl);

/* Close the workbook, which writes its file; a workbook made for a stream
 * is copied to fp (not flushed; fp is unused with a path).  Returns 0, or
 * -1 after adding an error.  The temporary file is removed either way;
 * only xlsx_free() remains to be called. */
int xlsx_finish(struct xlsx *x, FILE *fp, struct diag_list *dl);
void xlsx_free(struct xlsx *x);

#endif
