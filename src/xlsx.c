/*
 * xlsx: report sheets in a workbook written with libxlsxwriter (see
 * xlsx.h).
 */
#include "roadmap/xlsx.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "roadmap/bangla.h"
#include "roadmap/strbuf.h"
#include "roadmap/tempfile.h"
#include "roadmap/model.h"
#include "roadmap/xalloc.h"

struct xlsx {
        lxw_workbook *wb;
        char *path; /* the file the workbook is made in */
        bool own;   /* path is ours (in dir), to remove */
        char *dir;  /* private: path if ours, libxlsxwriter's temporary files */
        int handle; /* of dir in tempfile.h; -1: none */
        lxw_format *title, *header, *date, *boolean;
};

/* One sheet being written. */
struct sheet {
        struct xlsx *x;
        lxw_worksheet *ws;
        const char *name;
        const struct out_column *cols;
        size_t ncols;
        bool bangla;       /* a Bangla calendar column after each date */
        size_t nout;       /* columns in the sheet */
        size_t *width;     /* of each column of the sheet */
        lxw_row_t row;     /* the next row */
        struct strbuf buf; /* escaped text, a Bangla date */
        struct diag_list *dl;
        /* the row being written, and which of its cells say whose it is */
        const struct out_cell *cells; /* NULL: the title or the header */
        size_t ident[3];              /* of ident_names; SIZE_MAX: none */
};

/* The columns that name a row in a message, when a sheet has them. */
static const char *const ident_names[] = {"ministry", "office", "service"};

/*
 * A private directory in $TMPDIR (else /tmp) for libxlsxwriter's temporary
 * files and the workbook of a stream: a signal removes it with whatever
 * is in it (libxlsxwriter's files have names we never learn).
 */
static int make_dir(struct xlsx *x, struct diag_list *dl)
{
        const char *tmp = getenv("TMPDIR");
        const char *why;

        x->dir =
            xasprintf("%s/roadmap-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp");
        if (!mkdtemp(x->dir)) {
                why = strerror(errno);
                free(x->dir);
                x->dir = NULL;
        } else if ((x->handle = tempfile_register_dir(x->dir)) < 0) {
                why = "too many temporary files";
        } else {
                return 0;
        }
        diag_error(dl, NULL, 0, 0,
                   "cannot make the workbook's temporary directory: %s", why);
        return -1;
}

struct xlsx *xlsx_new(const char *path, struct diag_list *dl)
{
        struct xlsx *x = xcalloc(1, sizeof(*x));
        lxw_workbook_options o = {.constant_memory = LXW_TRUE};

        x->handle = -1;
        if (make_dir(x, dl) != 0) {
                xlsx_free(x);
                return NULL;
        }
        x->own = !path;
        x->path = path ? xstrdup(path) : xasprintf("%s/book.xlsx", x->dir);
        o.tmpdir = x->dir;
        x->wb = workbook_new_opt(x->path, &o);
        if (!x->wb) {
                diag_error(dl, NULL, 0, 0, "cannot start a workbook");
                xlsx_free(x);
                return NULL;
        }
        x->title = workbook_add_format(x->wb);
        format_set_bold(x->title);
        format_set_font_size(x->title, 13);
        x->header = workbook_add_format(x->wb);
        format_set_bold(x->header);
        format_set_bottom(x->header, LXW_BORDER_THIN);
        x->date = workbook_add_format(x->wb);
        format_set_num_format(x->date, "yyyy-mm-dd");
        /* LibreOffice reads a boolean cell as the formula =TRUE() and shows
         * its number (1, 0) unless the format says how to show it */
        x->boolean = workbook_add_format(x->wb);
        format_set_num_format(x->boolean, "\"TRUE\";\"TRUE\";\"FALSE\"");
        format_set_align(x->boolean, LXW_ALIGN_CENTER);
        return x;
}

static void drop_temp(struct xlsx *x)
{
        if (x->own)
                unlink(x->path);
        if (x->dir)
                rmdir(x->dir);
        tempfile_forget(x->handle);
        x->handle = -1;
        x->own = false;
        free(x->path);
        x->path = NULL;
        free(x->dir);
        x->dir = NULL;
}

void xlsx_free(struct xlsx *x)
{
        if (!x)
                return;
        if (x->wb)
                lxw_workbook_free(x->wb);
        drop_temp(x);
        free(x);
}

/*
 * The text of a string cell into sb, NUL-terminated: a control character
 * (but tab and LF, which XML keeps) as "_xHHHH_", and the "_" that starts
 * a literal "_xHHHH_" as "_x005F_", as the format escapes them (ECMA-376
 * part 1, 22.9.2.19 ST_Xstring), so that a reader gives the text back.
 */
static void escape_text(const char *s, size_t n, struct strbuf *sb)
{
        size_t i;

        strbuf_reset(sb);
        for (i = 0; i < n; i++) {
                unsigned char c = (unsigned char)s[i];

                if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
                        strbuf_addf(sb, "_x%04X_", c);
                else if (model_text_xescape(s + i, n - i))
                        strbuf_addstr(sb, "_x005F_");
                else
                        strbuf_addch(sb, c);
        }
        strbuf_addch(sb, '\0');
}

/* The error of a text of units code units in column colname. */
static void too_long(struct sheet *sh, const char *colname, size_t units)
{
        struct strbuf who = STRBUF_INIT;
        bool named = false;
        size_t k;

        strbuf_addf(&who, "sheet '%s'", sh->name);
        for (k = 0; sh->cells && k < 3; k++) {
                const struct out_cell *c;

                if (sh->ident[k] == SIZE_MAX)
                        continue;
                c = &sh->cells[sh->ident[k]];
                if (c->null)
                        continue;
                strbuf_addf(&who, ", %s '%.*s'", ident_names[k], (int)c->len,
                            c->text);
                named = true;
        }
        if (!named)
                strbuf_addf(&who, ", row %lu", (unsigned long)sh->row + 1);
        diag_error(sh->dl, NULL, 0, 0,
                   "%s: column '%s' has %zu characters, more than a "
                   "spreadsheet cell holds (%d)",
                   who.buf, colname, units, XLSX_TEXT_MAX);
        strbuf_release(&who);
}

static void sheet_error(struct sheet *sh, lxw_col_t col, lxw_error err)
{
        char cell[32];

        lxw_rowcol_to_cell(cell, sh->row, col);
        diag_error(sh->dl, NULL, 0, 0, "cannot write cell %s of sheet '%s': %s",
                   cell, sh->name, lxw_strerror(err));
}

static void fit(struct sheet *sh, lxw_col_t col, size_t w)
{
        if (w > sh->width[col])
                sh->width[col] = w;
}

/* Text s into column col (named colname in messages), with format f. */
static int put_text(struct sheet *sh, lxw_col_t col, const char *colname,
                    const char *s, size_t n, lxw_format *f)
{
        lxw_error err;
        size_t units;

        units = model_text_units(s, n);
        if (units > XLSX_TEXT_MAX)
                return too_long(sh, colname, units), -1;
        escape_text(s, n, &sh->buf);
        err = worksheet_write_string(sh->ws, sh->row, col, sh->buf.buf, f);
        if (err != LXW_NO_ERROR)
                return sheet_error(sh, col, err), -1;
        fit(sh, col, out_display_width(s, n));
        return 0;
}

static int put_date(struct sheet *sh, lxw_col_t col, const char *colname,
                    struct date d)
{
        lxw_datetime dt = {d.y, d.m, d.d, 0, 0, 0.0};
        char iso[11];
        lxw_error err;

        date_format_iso(d, iso);
        if (d.y < 1900 || (d.y == 1900 && d.m < 3))
                return put_text(sh, col, colname, iso, strlen(iso), NULL);
        err = worksheet_write_datetime(sh->ws, sh->row, col, &dt, sh->x->date);
        if (err != LXW_NO_ERROR)
                return sheet_error(sh, col, err), -1;
        fit(sh, col, strlen(iso));
        return 0;
}

static int put_bangla(struct sheet *sh, lxw_col_t col, const char *colname,
                      struct date d)
{
        struct strbuf b = STRBUF_INIT;
        char *name = xasprintf("%s_bangla", colname);
        int rc;

        bangla_format_date(d, &b);
        rc = put_text(sh, col, name, b.buf, b.len, NULL);
        free(name);
        strbuf_release(&b);
        return rc;
}

/* One cell of type t at column col; null cells are left empty. */
static int put_cell(struct sheet *sh, lxw_col_t col, const char *colname,
                    enum out_type t, const struct out_cell *c)
{
        char num[32];
        lxw_error err = LXW_NO_ERROR;

        if (c->null)
                return 0;
        switch (t) {
        case OUT_TEXT:
                return put_text(sh, col, colname, c->text, c->len, NULL);
        case OUT_DATE:
                return put_date(sh, col, colname, c->date);
        case OUT_INT:
                err = worksheet_write_number(sh->ws, sh->row, col,
                                             (double)c->num, NULL);
                fit(sh, col,
                    (size_t)snprintf(num, sizeof(num), "%lld", c->num));
                break;
        case OUT_BOOL:
                err = worksheet_write_boolean(sh->ws, sh->row, col, c->yes,
                                              sh->x->boolean);
                fit(sh, col, c->yes ? 4 : 5);
                break;
        }
        if (err != LXW_NO_ERROR)
                return sheet_error(sh, col, err), -1;
        return 0;
}

/* out_each_row(): 1 after adding an error */
static int put_row(void *ctx, const struct out_cell *cells, size_t ncols)
{
        struct sheet *sh = ctx;
        lxw_col_t col = 0;
        size_t i;

        if (sh->row >= LXW_ROW_MAX) {
                diag_error(sh->dl, NULL, 0, 0,
                           "sheet '%s' has more rows than a workbook sheet "
                           "holds (%d)",
                           sh->name, LXW_ROW_MAX);
                return 1;
        }
        sh->cells = cells;
        for (i = 0; i < ncols && i < sh->ncols; i++) {
                const struct out_column *oc = &sh->cols[i];

                if (put_cell(sh, col++, oc->name, oc->type, &cells[i]) != 0)
                        return 1;
                if (sh->bangla && oc->type == OUT_DATE) {
                        if (!cells[i].null &&
                            put_bangla(sh, col, oc->name, cells[i].date) != 0)
                                return 1;
                        col++;
                }
        }
        sh->cells = NULL;
        sh->row++;
        return 0;
}

static int put_header(struct sheet *sh)
{
        lxw_col_t col = 0;
        size_t i;
        int rc = 0;

        for (i = 0; i < sh->ncols && rc == 0; i++) {
                const char *name = sh->cols[i].name;

                rc = put_text(sh, col++, name, name, strlen(name),
                              sh->x->header);
                if (rc == 0 && sh->bangla && sh->cols[i].type == OUT_DATE) {
                        char *bn = xasprintf("%s_bangla", name);

                        rc = put_text(sh, col++, bn, bn, strlen(bn),
                                      sh->x->header);
                        free(bn);
                }
        }
        sh->row++;
        return rc;
}

/* A4 landscape, one page wide, page numbers in the footer. */
static void sheet_print_setup(lxw_worksheet *ws)
{
        worksheet_set_paper(ws, XLSX_PAPER_A4);
        worksheet_set_landscape(ws);
        worksheet_fit_to_pages(ws, 1, 0);
        worksheet_set_footer(ws, "&CPage &P of &N");
}

static int sheet_start(struct sheet *sh, struct xlsx *x, const char *name,
                       struct diag_list *dl)
{
        lxw_error err;

        memset(sh, 0, sizeof(*sh));
        sh->x = x;
        sh->name = name;
        sh->dl = dl;
        strbuf_init(&sh->buf);
        /* validated first: workbook_add_worksheet() would print why not */
        err = workbook_validate_sheet_name(x->wb, name);
        if (err == LXW_NO_ERROR)
                sh->ws = workbook_add_worksheet(x->wb, name);
        if (!sh->ws) {
                diag_error(
                    dl, NULL, 0, 0, "cannot add a sheet named '%s': %s", name,
                    lxw_strerror(err ? err : LXW_ERROR_MEMORY_MALLOC_FAILED));
                return -1;
        }
        sheet_print_setup(sh->ws);
        return 0;
}

static void sheet_release(struct sheet *sh)
{
        strbuf_release(&sh->buf);
        free(sh->width);
}

/* Set every column's width from the widest cell in it. */
static void sheet_widths(struct sheet *sh)
{
        lxw_col_t c;

        for (c = 0; c < sh->nout; c++) {
                size_t w = sh->width[c] + 2;

                if (w < XLSX_WIDTH_MIN)
                        w = XLSX_WIDTH_MIN;
                if (w > XLSX_WIDTH_MAX)
                        w = XLSX_WIDTH_MAX;
                worksheet_set_column(sh->ws, c, c, (double)w, NULL);
        }
}

/* Which columns say whose a row is (ident_names). */
static void find_ident(struct sheet *sh)
{
        size_t k, i;

        for (k = 0; k < 3; k++) {
                sh->ident[k] = SIZE_MAX;
                for (i = 0; i < sh->ncols; i++)
                        if (sh->cols[i].type == OUT_TEXT &&
                            strcmp(sh->cols[i].name, ident_names[k]) == 0)
                                sh->ident[k] = i;
        }
}

static int sheet_title(struct sheet *sh, const char *title)
{
        size_t keep = sh->width[0];
        int rc = put_text(sh, 0, "title", title, strlen(title), sh->x->title);

        sh->width[0] = keep; /* the title runs over, not fitted */
        sh->row++;
        return rc;
}

int xlsx_add_report(struct xlsx *x, const char *sheet, const char *title,
                    struct out *rows, enum out_calendar calendar,
                    struct diag_list *dl)
{
        struct sheet sh;
        size_t i;
        int rc = -1;

        if (sheet_start(&sh, x, sheet, dl) != 0)
                goto done;
        sh.cols = rows->cols;
        sh.ncols = rows->ncols;
        find_ident(&sh);
        sh.bangla = calendar == OUT_BANGLA;
        for (i = 0; i < sh.ncols; i++)
                sh.nout += 1 + (sh.bangla && sh.cols[i].type == OUT_DATE);
        sh.width = xcalloc(sh.nout ? sh.nout : 1, sizeof(*sh.width));
        if (sheet_title(&sh, title) != 0 || put_header(&sh) != 0)
                goto done;
        rc = out_each_row(rows, put_row, &sh); /* 1: put_row() failed */
        if (rc == -1)
                diag_error(dl, NULL, 0, 0, "cannot read the report back: %s",
                           strerror(errno));
        if (rc != 0) {
                rc = -1;
                goto done;
        }
        sheet_widths(&sh);
        worksheet_freeze_panes(sh.ws, 2, 0);
        worksheet_repeat_rows(sh.ws, 0, 1); /* the title and the header */
        if (sh.nout)
                worksheet_autofilter(sh.ws, 1, 0, sh.row - 1,
                                     (lxw_col_t)(sh.nout - 1));
        rc = 0;
done:
        sheet_release(&sh);
        return rc;
}

int xlsx_add_pairs(struct xlsx *x, const char *sheet,
                   const struct xlsx_pair *pairs, size_t n,
                   struct diag_list *dl)
{
        struct sheet sh;
        size_t i;
        int rc = -1;

        if (sheet_start(&sh, x, sheet, dl) != 0)
                goto done;
        sh.nout = 2;
        sh.width = xcalloc(2, sizeof(*sh.width));
        for (i = 0; i < n; i++, sh.row++) {
                const struct xlsx_pair *p = &pairs[i];

                if (!p->label)
                        continue;
                if (put_text(&sh, 0, "label", p->label, strlen(p->label),
                             x->header) ||
                    put_cell(&sh, 1, p->label, p->type, &p->value))
                        goto done;
        }
        sheet_widths(&sh);
        rc = 0;
done:
        sheet_release(&sh);
        return rc;
}

static int copy_file(const char *path, FILE *fp, struct diag_list *dl)
{
        char buf[65536];
        size_t n;
        FILE *in = fopen(path, "rb");
        int rc = 0;

        if (!in) {
                diag_error(dl, path, 0, 0, "cannot read the workbook: %s",
                           strerror(errno));
                return -1;
        }
        while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
                if (fwrite(buf, 1, n, fp) != n) {
                        diag_error(dl, NULL, 0, 0,
                                   "cannot write the workbook: %s",
                                   strerror(errno ? errno : EIO));
                        rc = -1;
                        break;
                }
        if (ferror(in)) {
                diag_error(dl, path, 0, 0, "cannot read the workbook: %s",
                           strerror(errno ? errno : EIO));
                rc = -1;
        }
        fclose(in);
        return rc;
}

int xlsx_finish(struct xlsx *x, FILE *fp, struct diag_list *dl)
{
        lxw_error err = workbook_close(x->wb);
        int rc = 0;

        x->wb = NULL; /* workbook_close() freed it */
        if (err != LXW_NO_ERROR) {
                diag_error(dl, NULL, 0, 0, "cannot make the workbook: %s",
                           lxw_strerror(err));
                rc = -1;
        } else if (x->own) {
                rc = copy_file(x->path, fp, dl);
        }
        drop_temp(x);
        return rc;
}
