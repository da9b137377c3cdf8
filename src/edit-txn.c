/*
 * edit_txn: the whole write of one file -- lock, re-read under the lock,
 * edit, re-read the result, verify, replace atomically.  See edit.h.
 */
#include <stdlib.h>
#include <string.h>

#include "roadmap/edit.h"
#include "roadmap/xalloc.h"

int edit_load_roadmap_bytes(struct loaded *l, const char *display,
                            const char *buf, size_t len, struct diag_list *dl)
{
        free(l->path);
        l->path = xstrdup(display);
        strbuf_reset(&l->bytes);
        strbuf_add(&l->bytes, buf, len);
        yamldoc_release(&l->doc);
        if (yamldoc_parse(&l->doc, l->path, l->bytes.buf, l->bytes.len, dl) !=
            0)
                return -1;
        l->parsed = true;
        return model_read_roadmap(&l->doc, &l->m.meta, dl);
}

static void drop_warnings(struct diag_list *dl)
{
        size_t i, n = 0;

        for (i = 0; i < dl->n; i++) {
                if (dl->items[i].level == DIAG_ERROR) {
                        dl->items[n++] = dl->items[i];
                        continue;
                }
                free(dl->items[i].path);
                free(dl->items[i].msg);
                free(dl->items[i].hint);
        }
        dl->n = n;
}

/* Refuse to change the file of t, whose problems are in found. */
static int refuse_invalid(struct edit_txn *t, struct diag_list *found,
                          struct diag_list *dl)
{
        struct diag *d;

        drop_warnings(found);
        diag_list_move(dl, found);
        d = diag_error(dl, t->display, 0, 0,
                       "refusing to change an invalid file; nothing was "
                       "written");
        diag_hint(d, "run 'roadmap check' to see every problem, fix them, "
                     "then try again");
        diag_summary(d);
        return -1;
}

int edit_txn_begin(struct edit_txn *t, enum edit_kind kind, const char *path,
                   const char *display, const char *expected_id,
                   struct diag_list *dl)
{
        struct diag_list found = DIAG_LIST_INIT;
        int rc;

        memset(t, 0, sizeof(*t));
        t->kind = kind;
        t->path = xstrdup(path);
        t->display = xstrdup(display);
        t->expected_id = expected_id ? xstrdup(expected_id) : NULL;
        t->lock = (struct lockfile)LOCKFILE_INIT;
        loaded_init(&t->before);
        loaded_init(&t->after);
        if (lockfile_hold(&t->lock, path, display, -1, dl) != 0)
                return -1;
        if (kind == EDIT_OFFICE)
                rc =
                    load_office(&t->before, path, display, expected_id, &found);
        else
                rc = load_roadmap(&t->before, path, display, &found);
        if (rc != 0) {
                rc = refuse_invalid(t, &found, dl);
                diag_list_release(&found);
                return rc;
        }
        diag_list_release(&found);
        edit_init(&t->edit, &t->before.doc);
        t->edit.path = t->display;
        return 0;
}

int edit_txn_check_refs(struct edit_txn *t, const char *roadmap_path,
                        const char *roadmap_display, struct diag_list *dl)
{
        struct diag_list found = DIAG_LIST_INIT;
        struct loaded meta;
        int rc = 0;

        loaded_init(&meta);
        if (load_roadmap(&meta, roadmap_path, roadmap_display, &found) != 0 ||
            model_check_refs(&t->before.m.office, &meta.m.meta, &found) != 0)
                rc = refuse_invalid(t, &found, dl);
        diag_list_release(&found);
        loaded_release(&meta);
        return rc;
}

int edit_txn_commit(struct edit_txn *t, struct diag_list *dl)
{
        struct diag_list found = DIAG_LIST_INIT;
        struct strbuf out;
        const struct strbuf *old = &t->before.bytes;
        int rc = -1;

        strbuf_init(&out);
        if (edit_apply(&t->edit, &out, dl) != 0)
                goto done;
        if (out.len == old->len && memcmp(out.buf, old->buf, old->len) == 0) {
                t->changed = false;
                rc = 0;
                goto done;
        }
        if ((t->kind == EDIT_OFFICE
                 ? load_office_bytes(&t->after, t->display, out.buf, out.len,
                                     t->expected_id, &found)
                 : edit_load_roadmap_bytes(&t->after, t->display, out.buf,
                                           out.len, &found)) != 0) {
                struct diag *d;
                drop_warnings(&found);
                diag_list_move(dl, &found);
                d = diag_error(dl, t->display, 0, 0,
                               "the change would make the file invalid; "
                               "nothing was written");
                diag_hint(d, "the positions above are in the changed text");
                diag_summary(d);
                goto done;
        }
        if (edit_verify(&t->edit, &t->after.doc, dl) != 0)
                goto done;
        if (lockfile_replace(&t->lock, out.buf, out.len, old->buf, old->len,
                             dl) != 0)
                goto done;
        t->changed = true;
        rc = 0;
done:
        diag_list_release(&found);
        strbuf_release(&out);
        return rc;
}

void edit_txn_release(struct edit_txn *t)
{
        if (t->edit.tail)
                edit_release(&t->edit);
        loaded_release(&t->after);
        loaded_release(&t->before);
        lockfile_release(&t->lock);
        free(t->path);
        free(t->display);
        free(t->expected_id);
        t->path = t->display = t->expected_id = NULL;
}
