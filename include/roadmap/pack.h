/*
 * pack: reports as workbooks (xlsx.h) -- one kind as one sheet
 * (report --format xlsx), or the meeting pack (report pack): a cover sheet
 * and one sheet per kind, all from one report_run_many().
 *
 * The cover sheet holds the roadmap's title in English and Bengali
 * (roadmap.yaml), the report's date, the first day of its period when it
 * has one (each date with its Bangla twin under --calendar bangla), and
 * every column of the totals report as a label and its value.  Every
 * other sheet's title row is "TITLE: KIND, as of DATE" and, with a
 * period, ", period FROM to DATE"; apa's always names its period, the
 * fiscal year of DATE from its first day to DATE.
 *
 * Nothing here prints: errors are added to dl.
 *
 * Ownership: everything is borrowed for the call.
 */
#ifndef ROADMAP_PACK_H
#define ROADMAP_PACK_H

#include <stdio.h>

#include "roadmap/diag.h"
#include "roadmap/out.h"
#include "roadmap/outfile.h"
#include "roadmap/report.h"

/* The name of the pack where a report kind goes (report pack). */
#define PACK_NAME "pack"

/* The kinds of the pack, in the order of its sheets (after the cover). */
extern const enum report_kind pack_kinds[];
extern const size_t pack_nkinds;

/*
 * Write the workbook of opt->kind (report_xlsx()) or the pack
 * (report_pack()) to of, prepared (outfile_prepare()) and not committed:
 * once the rows are read, of is started and the workbook made straight in
 * its temporary file (or, for standard output, copied to it, not
 * flushed).  root, opt: as report_run(); calendar: OUT_BANGLA adds a
 * Bangla date column after each date column.  Returns as report_run():
 * the number of offices left out (keep_going), or -1 after adding errors
 * to dl, when of may have received part of a workbook (outfile_release()
 * throws it away).
 */
int report_xlsx(const char *root, const struct report_options *opt,
                enum out_calendar calendar, struct outfile *of,
                struct diag_list *dl);
int report_pack(const char *root, const struct report_options *opt,
                enum out_calendar calendar, struct outfile *of,
                struct diag_list *dl);

#endif
