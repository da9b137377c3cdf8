/*
 * The fixture the edit tests share: load a valid office, apply the edit,
 * re-read and verify the result.
 */
#ifndef ROADMAP_TEST_EDIT_FIXTURE_H
#define ROADMAP_TEST_EDIT_FIXTURE_H

#include <stdio.h>
#include <string.h>

#include "roadmap/edit.h"
#include "roadmap/load.h"
#include "roadmap/strbuf.h"

static const char *const office_order[] = {"roadmap",  "office",    "services",
                                           "approval", "workshops", NULL};
static const char *const plan_order[] = {"priority", "due", "tcv", "history",
                                         NULL};

struct fixture {
        struct loaded before, after;
        struct edit e;
        struct strbuf out;
        struct diag_list dl;
};

static inline void fx_load(struct fixture *f, const char *text)
{
        loaded_init(&f->before);
        loaded_init(&f->after);
        strbuf_init(&f->out);
        diag_list_init(&f->dl);
        if (load_office_bytes(&f->before, "t.yaml", text, strlen(text), NULL,
                              &f->dl) != 0) {
                diag_print(&f->dl, stderr);
                fail_msg("fixture is invalid:\n%s", text);
        }
        edit_init(&f->e, &f->before.doc);
}

/* Apply, re-read, verify; the result must be valid and as intended. */
static inline const char *fx_apply(struct fixture *f)
{
        assert_int_equal(edit_apply(&f->e, &f->out, &f->dl), 0);
        if (load_office_bytes(&f->after, "t.yaml", f->out.buf, f->out.len, NULL,
                              &f->dl) != 0) {
                diag_print(&f->dl, stderr);
                fail_msg("result is invalid:\n%s", f->out.buf);
        }
        if (edit_verify(&f->e, &f->after.doc, &f->dl) != 0) {
                diag_print(&f->dl, stderr);
                fail_msg("result does not verify:\n%s", f->out.buf);
        }
        return f->out.buf;
}

static inline void fx_release(struct fixture *f)
{
        edit_release(&f->e);
        loaded_release(&f->before);
        loaded_release(&f->after);
        strbuf_release(&f->out);
        diag_list_release(&f->dl);
}

static inline const struct ynode *root(struct fixture *f)
{
        return f->before.doc.root;
}

static inline const struct service *svc(struct fixture *f, size_t i)
{
        return &f->before.m.office.services[i];
}

#endif
