/*
 * The fixture the edit tests share: load a valid office, apply the edit,
 * re-read and verify the result.
 */
#ifndef ROADMAP_TEST_EDIT_FIXTURE_H
#define ROADMAP_TEST_EDIT_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
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

/* text with every "\n" turned into "\r\n" (to free). */
static inline char *fx_crlf(const char *text)
{
        struct strbuf sb;
        size_t len;

        strbuf_init(&sb);
        for (; *text; text++) {
                if (*text == '\n')
                        strbuf_addch(&sb, '\r');
                strbuf_addch(&sb, *text);
        }
        return strbuf_detach(&sb, &len);
}

/* Load in, make the intents act() states, expect want; then the same with
 * CRLF line ends in both. */
static inline void fx_expect(const char *in, const char *want,
                             void (*act)(struct fixture *f))
{
        struct fixture f;
        char *in2 = fx_crlf(in), *want2 = fx_crlf(want);
        int crlf;

        for (crlf = 0; crlf < 2; crlf++) {
                fx_load(&f, crlf ? in2 : in);
                act(&f);
                assert_string_equal(fx_apply(&f), crlf ? want2 : want);
                fx_release(&f);
        }
        free(in2);
        free(want2);
}

/* The intents of fx_script, on the sequence under fx_key of the root
 * mapping, space-separated: "rN" remove item N, "iN=s" insert the string s
 * before item N, "IN=s" insert the service {id: s, name: s} before item N,
 * "a=s" append the string s. */
static const char *fx_key, *fx_script;

static inline void fx_run_script(struct fixture *f)
{
        char buf[256], *tok, *save = NULL, *eq;
        struct yval *v;

        snprintf(buf, sizeof buf, "%s", fx_script);
        for (tok = strtok_r(buf, " ", &save); tok;
             tok = strtok_r(NULL, " ", &save)) {
                size_t n = strtoul(tok + 1, NULL, 10);
                eq = strchr(tok, '=');
                v = yval_str(&f->e, eq ? eq + 1 : "");
                if (tok[0] == 'I') {
                        v = yval_map(&f->e, false);
                        yval_put(v, "id", yval_str(&f->e, eq + 1));
                        yval_put(v, "name", yval_str(&f->e, eq + 1));
                }
                if (tok[0] == 'r')
                        assert_int_equal(
                            edit_remove(&f->e, root(f), fx_key, n, &f->dl), 0);
                else if (tok[0] == 'a')
                        assert_int_equal(edit_append(&f->e, root(f), fx_key, v,
                                                     NULL, &f->dl),
                                         0);
                else
                        assert_int_equal(edit_insert_item(&f->e, root(f),
                                                          fx_key, n, v, &f->dl),
                                         0);
        }
}

#endif
