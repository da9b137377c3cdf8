/*
 * libFuzzer harness: bytes -> reader -> model -> diagnostics, read both as
 * an office file and as roadmap.yaml.  Any crash, leak, undefined
 * behaviour or hang is a bug; every diagnostic must carry a position
 * inside the input, and an input that loads must have no error.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/diag.h"
#include "roadmap/edit.h"
#include "roadmap/load.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int lines_in(const uint8_t *data, size_t size)
{
        int n = 1;
        size_t i;

        for (i = 0; i < size; i++)
                n += data[i] == '\n';
        return n;
}

static void check_diags(const struct diag_list *dl, int rc, int lines)
{
        size_t i;

        if (rc == 0 && diag_count(dl, DIAG_ERROR) != 0)
                abort(); /* loaded, yet an error */
        if (rc != 0 && diag_count(dl, DIAG_ERROR) == 0)
                abort(); /* refused without a reason */
        for (i = 0; i < dl->n; i++) {
                char *s = diag_format(&dl->items[i]);
                if (dl->items[i].line < 0 || dl->items[i].col < 0 ||
                    dl->items[i].line > lines || !*s)
                        abort();
                free(s);
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct loaded l;
        struct diag_list dl = DIAG_LIST_INIT;
        int lines = lines_in(data, size), rc;

        loaded_init(&l);
        rc = load_office_bytes(&l, "fuzz.yaml", (const char *)data, size, NULL,
                               &dl);
        check_diags(&dl, rc, lines);
        diag_list_release(&dl);
        loaded_release(&l);

        loaded_init(&l);
        rc = edit_load_roadmap_bytes(&l, "roadmap.yaml", (const char *)data,
                                     size, &dl);
        check_diags(&dl, rc, lines);
        diag_list_release(&dl);
        loaded_release(&l);
        return 0;
}
