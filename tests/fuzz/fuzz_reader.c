/*
 * libFuzzer harness: bytes -> reader -> model -> diagnostics, read both as
 * an office file and as roadmap.yaml.  Any crash, leak, undefined
 * behaviour or hang is a bug; every diagnostic must carry a position
 * inside the input, an input that loads must have no error, and no text
 * field of what loads holds a control character (C0 but tab, LF and CR;
 * DEL; C1), so none can reach a report or a terminal.
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

/* Aborts if s holds a control character: checked on the bytes, apart
 * from the model's own rule. */
static void check_text(const char *s)
{
        const unsigned char *p = (const unsigned char *)s;

        for (; p && *p; p++) {
                if ((*p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r') ||
                    *p == 0x7f || (p[0] == 0xc2 && p[1] >= 0x80 && p[1] < 0xa0))
                        abort();
        }
}

static void check_office_text(const struct office *o)
{
        size_t i, j;

        check_text(o->id);
        check_text(o->name);
        check_text(o->name_bn);
        check_text(o->ministry);
        check_text(o->head);
        for (i = 0; i < o->nservices; i++) {
                const struct service *s = &o->services[i];
                check_text(s->id);
                check_text(s->name);
                check_text(s->name_bn);
                for (j = 0; j < s->plan.nhistory; j++)
                        check_text(s->plan.history[j].note);
        }
        check_text(o->approval.by);
        check_text(o->approval.memo);
        check_text(o->approval.digest);
}

static void check_roadmap_text(const struct roadmap_meta *m)
{
        size_t i;

        check_text(m->title);
        check_text(m->title_bn);
        for (i = 0; i < m->nministries; i++) {
                check_text(m->ministries[i].id);
                check_text(m->ministries[i].name);
                check_text(m->ministries[i].name_bn);
        }
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
        if (rc == 0)
                check_office_text(&l.m.office);
        diag_list_release(&dl);
        loaded_release(&l);

        loaded_init(&l);
        rc = load_roadmap_bytes(&l, "roadmap.yaml", (const char *)data, size,
                                &dl);
        check_diags(&dl, rc, lines);
        if (rc == 0)
                check_roadmap_text(&l.m.meta);
        diag_list_release(&dl);
        loaded_release(&l);
        return 0;
}
