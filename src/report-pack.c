/*
 * report-pack: a report as a workbook, and the meeting pack (see pack.h).
 */
#include "roadmap/pack.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/bangla.h"
#include "roadmap/fiscal.h"
#include "roadmap/gitrepo.h"
#include "roadmap/load.h"
#include "roadmap/repo.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"
#include "roadmap/xlsx.h"

const enum report_kind pack_kinds[] = {
    REPORT_TOTALS,     REPORT_APA,     REPORT_PROGRESS,
    REPORT_MINISTRIES, REPORT_OFFICES, REPORT_SERVICES,
    REPORT_WORKSHOPS,  REPORT_OVERDUE, REPORT_TRAINING,
};
const size_t pack_nkinds = sizeof(pack_kinds) / sizeof(pack_kinds[0]);

#define PACK_MAX (sizeof(pack_kinds) / sizeof(pack_kinds[0]))

static const struct out_style cells_style = {.format = OUT_CELLS};

/* roadmap.yaml of the report's source, for its titles.  0 or -1. */
static int read_meta(const char *root, const struct report_options *opt,
                     struct loaded *l, struct diag_list *dl)
{
        struct strbuf buf = STRBUF_INIT;
        char *path;
        int rc;

        if (opt->snap) {
                path = gitsnap_display(opt->snap, REPO_MARKER);
                rc = gitsnap_read(opt->git, opt->snap, REPO_MARKER,
                                  YAMLDOC_MAX_SIZE, &buf, dl);
                if (rc == 1)
                        diag_error(dl, path, 0, 0, "no such file in '%s'",
                                   opt->snap->name);
                if (rc == 0)
                        rc = load_roadmap_bytes(l, path, buf.buf, buf.len, dl);
        } else {
                path = xasprintf("%s/%s", root, REPO_MARKER);
                rc = load_roadmap(l, path, path, dl);
        }
        strbuf_release(&buf);
        free(path);
        return rc == 0 ? 0 : -1;
}

/* "TITLE: KIND, as of DATE[, period FROM to DATE]": the period of the
 * report, but apa's is always its fiscal year up to the date. */
static char *sheet_title(const struct roadmap_meta *meta,
                         const struct report_options *opt,
                         enum report_kind kind)
{
        const struct report_filter *f = &opt->filter;
        struct date first = f->from, last;
        char as_of[11], from[11];
        struct strbuf sb = STRBUF_INIT;

        date_format_iso(f->as_of, as_of);
        strbuf_addf(&sb, "%s: %s, as of %s",
                    meta->title ? meta->title : "roadmap",
                    report_kind_name(kind), as_of);
        if (kind == REPORT_APA)
                fiscal_range(fiscal_of(f->as_of), 0, &first, &last);
        if (f->period || kind == REPORT_APA) {
                date_format_iso(first, from);
                strbuf_addf(&sb, ", period %s to %s", from, as_of);
        }
        return strbuf_detach(&sb, NULL);
}

static int add_sheet(struct xlsx *x, const struct roadmap_meta *meta,
                     const struct report_options *opt, enum report_kind kind,
                     struct out *rows, enum out_calendar calendar,
                     struct diag_list *dl)
{
        char *title = sheet_title(meta, opt, kind);
        int rc = xlsx_add_report(x, report_kind_name(kind), title, rows,
                                 calendar, dl);

        free(title);
        return rc;
}

/* The cover sheet: what pack.h says. */
struct cover {
        struct xlsx *x;
        const struct roadmap_meta *meta;
        const struct report_options *opt;
        enum out_calendar calendar;
        const struct out_column *cols; /* of totals */
        struct diag_list *dl;
        bool written;
};

#define COVER_HEAD 8

/* A Bangla twin of a date pair, with --calendar bangla (bn: its text). */
static void bangla_twin(const struct cover *c, struct xlsx_pair *p, size_t *n,
                        const char *label, const struct date *d,
                        struct strbuf *bn)
{
        if (c->calendar != OUT_BANGLA)
                return;
        if (d)
                bangla_format_date(*d, bn);
        p[(*n)++] = (struct xlsx_pair){
            label, OUT_TEXT, d ? out_textn(bn->buf, bn->len) : out_null()};
}

static size_t cover_head(const struct cover *c, struct xlsx_pair *p,
                         struct strbuf bn[2])
{
        const struct report_filter *f = &c->opt->filter;
        size_t n = 0;

        p[n++] =
            (struct xlsx_pair){"title", OUT_TEXT, out_text(c->meta->title)};
        p[n++] = (struct xlsx_pair){"title_bn", OUT_TEXT,
                                    out_text(c->meta->title_bn)};
        p[n++] = (struct xlsx_pair){"as_of", OUT_DATE, out_date(f->as_of)};
        bangla_twin(c, p, &n, "as_of_bangla", &f->as_of, &bn[0]);
        p[n++] = (struct xlsx_pair){"period_from", OUT_DATE,
                                    f->period ? out_date(f->from) : out_null()};
        bangla_twin(c, p, &n, "period_from_bangla", f->period ? &f->from : NULL,
                    &bn[1]);
        p[n++] = (struct xlsx_pair){NULL, OUT_TEXT, out_null()};
        return n;
}

static int cover_write(void *ctx, const struct out_cell *cells, size_t ncols)
{
        struct cover *c = ctx;
        struct xlsx_pair *p = xcalloc(COVER_HEAD + ncols, sizeof(*p));
        struct strbuf bn[2] = {STRBUF_INIT, STRBUF_INIT};
        size_t i, n = cover_head(c, p, bn);
        int rc;

        for (i = 0; i < ncols; i++)
                p[n++] = (struct xlsx_pair){c->cols[i].name, c->cols[i].type,
                                            cells[i]};
        rc = xlsx_add_pairs(c->x, "cover", p, n, c->dl);
        c->written = true;
        strbuf_release(&bn[0]);
        strbuf_release(&bn[1]);
        free(p);
        return rc == 0 ? 1 : 2; /* the first row only */
}

static int add_cover(struct cover *c, struct out *totals)
{
        int rc = out_each_row(totals, cover_write, c);

        if (rc == -1) {
                diag_error(c->dl, NULL, 0, 0, "cannot read the report back: %s",
                           strerror(errno));
                return -1;
        }
        if (rc == 2)
                return -1;
        if (!c->written) /* no totals row: the head alone */
                return cover_write(c, NULL, 0) == 1 ? 0 : -1;
        return 0;
}

static int write_pack(struct xlsx *x, const struct roadmap_meta *meta,
                      const struct report_options *opt,
                      enum out_calendar calendar, struct out *outs,
                      struct diag_list *dl)
{
        size_t i, ncols;
        struct cover c = {x, meta, opt, calendar, NULL, dl, false};

        c.cols = report_columns(REPORT_TOTALS, &ncols);
        for (i = 0; i < pack_nkinds; i++)
                if (pack_kinds[i] == REPORT_TOTALS && add_cover(&c, &outs[i]))
                        return -1;
        for (i = 0; i < pack_nkinds; i++)
                if (add_sheet(x, meta, opt, pack_kinds[i], &outs[i], calendar,
                              dl) != 0)
                        return -1;
        return 0;
}

/* The workbook of the n kinds whose rows are in outs, to of. */
static int write_book(const char *root, const struct report_options *opt,
                      enum out_calendar calendar, struct out *outs, size_t n,
                      struct outfile *of, struct diag_list *dl)
{
        struct loaded meta;
        struct xlsx *x = NULL;
        int rc = -1;

        loaded_init(&meta);
        if (read_meta(root, opt, &meta, dl) != 0 ||
            outfile_start(of, dl) != 0 ||
            !(x = xlsx_new(of->path ? of->tmp : NULL, dl)))
                goto done;
        if (n == 1
                ? add_sheet(x, &meta.m.meta, opt, opt->kind, outs, calendar, dl)
                : write_pack(x, &meta.m.meta, opt, calendar, outs, dl))
                goto done;
        rc = xlsx_finish(x, of->fp, dl);
done:
        xlsx_free(x);
        loaded_release(&meta);
        return rc;
}

int report_xlsx(const char *root, const struct report_options *opt,
                enum out_calendar calendar, struct outfile *of,
                struct diag_list *dl)
{
        size_t ncols;
        const struct out_column *cols = report_columns(opt->kind, &ncols);
        struct out out;
        int skipped;

        out_init(&out, &cells_style, cols, ncols);
        skipped = report_run(root, opt, &out, dl);
        if (skipped >= 0 &&
            write_book(root, opt, calendar, &out, 1, of, dl) != 0)
                skipped = -1;
        out_release(&out);
        return skipped;
}

int report_pack(const char *root, const struct report_options *opt,
                enum out_calendar calendar, struct outfile *of,
                struct diag_list *dl)
{
        struct out outs[PACK_MAX], *ptrs[PACK_MAX];
        const struct out_column *cols;
        size_t i, ncols;
        int skipped;

        for (i = 0; i < pack_nkinds; i++) {
                cols = report_columns(pack_kinds[i], &ncols);
                out_init(&outs[i], &cells_style, cols, ncols);
                ptrs[i] = &outs[i];
        }
        skipped = report_run_many(root, opt, pack_kinds, ptrs, pack_nkinds, dl);
        if (skipped >= 0 &&
            write_book(root, opt, calendar, outs, pack_nkinds, of, dl) != 0)
                skipped = -1;
        for (i = 0; i < pack_nkinds; i++)
                out_release(&outs[i]);
        return skipped;
}
