/*
 * libFuzzer harness: bytes -> the CSV reader of import and its inventory
 * reader (import_sheet_parse).  Any crash, leak, undefined behaviour or
 * hang is a bug, and so is a refusal without a reason or a reading that
 * breaks the reader's promises: every record and cell has a position,
 * records start on lines that never decrease, a cell's text has its
 * length, and the names of an accepted sheet are valid UTF-8 text without
 * control characters.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/bangla.h"
#include "roadmap/import.h"
#include "roadmap/model.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void expect(int ok, const char *what)
{
        if (ok)
                return;
        fprintf(stderr, "fuzz_import: %s\n", what);
        abort();
}

static void check_csv(const struct import_csv *c)
{
        const struct import_record *r;
        int last = 1;
        size_t i, k;

        for (i = 0; i < c->nrecords; i++) {
                r = &c->records[i];
                expect(r->ncells > 0 && r->line >= last,
                       "a record without cells or out of line order");
                last = r->line;
                for (k = 0; k < r->ncells; k++) {
                        expect(r->cells[k].line >= r->line &&
                                   r->cells[k].col >= 1,
                               "a cell without a position");
                        expect(strlen(r->cells[k].text) == r->cells[k].len,
                               "a cell's text is not its length");
                }
                expect(r->cells[r->ncells - 1].len > 0,
                       "a record ends in a blank cell");
        }
}

static void check_text(const char *s)
{
        if (!s)
                return;
        expect(bangla_valid_utf8(s, strlen(s)), "a name is not UTF-8");
        expect(model_text_control(s, strlen(s)) < 0,
               "a name holds a control character");
        expect(!strpbrk(s, "\r\n"), "a name holds a line break");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        static const struct import_map maps[] = {{"x", IMPORT_NAME}};
        struct import_opts o = {NULL, 0, {2026, 1, 1}};
        struct diag_list dl = DIAG_LIST_INIT;
        struct import_sheet s;
        size_t i;
        int rc;

        if (size > 65536)
                return 0;
        /* the first byte chooses whether a --map is given */
        if (size > 0 && data[0] == 'M') {
                o.maps = maps;
                o.nmaps = 1;
        }
        import_sheet_init(&s);
        rc = import_sheet_parse(&s, (const char *)data, size, "f.csv", &o, &dl);
        expect(rc == 0 || diag_count(&dl, DIAG_ERROR) > 0,
               "a refusal without an error");
        check_csv(&s.csv);
        expect(dl.n <= IMPORT_MAX_ERRORS, "more errors than the limit");
        for (i = 0; i < dl.n; i++)
                expect(dl.items[i].line == 0 || dl.items[i].col >= 1,
                       "an error on a line without a column");
        for (i = 0; rc == 0 && i < s.nrows; i++) {
                check_text(s.rows[i].name);
                check_text(s.rows[i].name_bn);
                expect(s.rows[i].name || s.rows[i].name_bn,
                       "an accepted row without a name");
                expect(!s.rows[i].id ||
                           model_valid_id(s.rows[i].id, strlen(s.rows[i].id)),
                       "an accepted invalid id");
        }
        import_sheet_release(&s);
        diag_list_release(&dl);
        return 0;
}
