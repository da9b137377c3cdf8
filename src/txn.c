/*
 * txn: the one write path -- lock, read under the lock, verify, write
 * through lockfile (metadata, fsync, rename, directory fsync) -- and the
 * edit mode built on it.  See txn.h.
 */
#include "roadmap/txn.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "roadmap/regfile.h"
#include "roadmap/xalloc.h"

void txn_init(struct txn *t)
{
        memset(t, 0, sizeof(*t));
        t->lock = (struct lockfile)LOCKFILE_INIT;
        strbuf_init(&t->old);
}

void txn_release(struct txn *t)
{
        lockfile_release(&t->lock);
        strbuf_release(&t->old);
        t->locked = t->exists = false;
}

/* Refuse the existing file of a create. */
static int refuse_existing(struct txn *t, const char *display,
                           struct diag_list *dl)
{
        t->exists = true;
        diag_error(dl, display, 0, 0, "already exists; nothing was written");
        return -1;
}

int txn_begin_create(struct txn *t, const char *path, const char *display,
                     struct diag_list *dl)
{
        struct stat st;

        if (lockfile_make_parents(path) != 0) {
                diag_error(dl, display, 0, 0, "cannot create its directory: %s",
                           strerror(errno));
                return -1;
        }
        if (lockfile_hold_new(&t->lock, path, display, -1, dl) != 0)
                return -1;
        t->locked = true;
        if (lstat(path, &st) == 0)
                return refuse_existing(t, display, dl);
        if (errno != ENOENT) {
                diag_error(dl, display, 0, 0, "cannot read: %s",
                           strerror(errno));
                return -1;
        }
        return 0;
}

int txn_begin_replace(struct txn *t, const char *path, const char *display,
                      struct diag_list *dl)
{
        if (lockfile_hold(&t->lock, path, display, -1, dl) != 0)
                return -1;
        t->locked = true;
        t->exists = true;
        return regfile_read(path, display, TXN_MAX_SIZE, &t->old, dl);
}

int txn_begin_write(struct txn *t, const char *path, const char *display,
                    struct diag_list *dl)
{
        struct stat st;

        if (lstat(path, &st) == 0)
                return txn_begin_replace(t, path, display, dl);
        if (errno != ENOENT) {
                diag_error(dl, display, 0, 0, "cannot read: %s",
                           strerror(errno));
                return -1;
        }
        return txn_begin_create(t, path, display, dl);
}

/* The replaced file still holds t->old: nothing but roadmap writes under
 * the lock, yet an editor or a script may have. */
static int still_old(struct txn *t, struct diag_list *dl)
{
        struct strbuf now;
        int rc = -1;

        strbuf_init(&now);
        if (regfile_read(t->lock.path, t->lock.display, TXN_MAX_SIZE, &now,
                         dl) != 0)
                goto out;
        if (now.len != t->old.len || memcmp(now.buf, t->old.buf, now.len)) {
                diag_hint(diag_error(dl, t->lock.display, 0, 0,
                                     "the file changed since it was read "
                                     "(not by roadmap); nothing was written"),
                          "see what changed ('git diff') and try again");
                goto out;
        }
        rc = 0;
out:
        strbuf_release(&now);
        return rc;
}

int txn_commit(struct txn *t, const char *buf, size_t len, txn_verify_fn verify,
               void *arg, struct diag_list *dl)
{
        t->changed = t->rejected = false;
        if (t->exists && len == t->old.len && memcmp(buf, t->old.buf, len) == 0)
                return 0;
        if (verify && verify(t->lock.display, buf, len, arg, dl) != 0) {
                t->rejected = true;
                return -1;
        }
        t->lock.executable = t->executable;
        if (!t->exists)
                return (t->changed =
                            lockfile_create(&t->lock, buf, len, dl) == 0)
                           ? 0
                           : -1;
        if (still_old(t, dl) != 0 ||
            lockfile_replace(&t->lock, buf, len, t->old.buf, t->old.len, dl) !=
                0)
                return -1;
        t->changed = true;
        return 0;
}

/* ---- the edit mode ---------------------------------------------------- */

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

static enum load_kind load_kind(const struct edit_txn *t)
{
        return t->kind == EDIT_OFFICE ? LOAD_OFFICE : LOAD_ROADMAP;
}

/* Lock and read the file of t, and load it as t->before; problems of the
 * file (not of the lock) go to found. */
static int begin_load(struct edit_txn *t, struct diag_list *found,
                      struct diag_list *dl)
{
        const struct strbuf *old = &t->file.old;

        if (txn_begin_replace(&t->file, t->path, t->display, found) != 0) {
                if (!t->file.locked)
                        diag_list_move(dl, found);
                return t->file.locked ? 1 : -1;
        }
        return load_bytes(&t->before, load_kind(t), t->display, old->buf,
                          old->len, t->expected_id, found) == 0
                   ? 0
                   : 1;
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
        txn_init(&t->file);
        loaded_init(&t->before);
        loaded_init(&t->after);
        rc = begin_load(t, &found, dl);
        if (rc > 0)
                rc = refuse_invalid(t, &found, dl);
        diag_list_release(&found);
        if (rc != 0)
                return -1;
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

/* txn_verify_fn of the edit mode: the new bytes are a valid file, and the
 * old document plus exactly the edit's intents. */
static int verify_edit(const char *display, const char *buf, size_t len,
                       void *arg, struct diag_list *dl)
{
        struct edit_txn *t = arg;
        struct diag_list found = DIAG_LIST_INIT;
        struct diag *d;
        int rc;

        rc = load_bytes(&t->after, load_kind(t), display, buf, len,
                        t->expected_id, &found);
        if (rc != 0) {
                drop_warnings(&found);
                diag_list_move(dl, &found);
                d = diag_error(dl, display, 0, 0,
                               "the change would make the file invalid; "
                               "nothing was written");
                diag_hint(d, "the positions above are in the changed text");
                diag_summary(d);
        }
        diag_list_release(&found);
        return rc != 0 ? -1 : edit_verify(&t->edit, &t->after.doc, dl);
}

int edit_txn_commit(struct edit_txn *t, struct diag_list *dl)
{
        struct strbuf out;
        int rc = -1;

        strbuf_init(&out);
        t->changed = false;
        if (edit_apply(&t->edit, &out, dl) != 0)
                goto done;
        if (txn_commit(&t->file, out.buf, out.len, verify_edit, t, dl) != 0)
                goto done;
        t->changed = t->file.changed;
        rc = 0;
done:
        strbuf_release(&out);
        return rc;
}

void edit_txn_release(struct edit_txn *t)
{
        edit_release(&t->edit);
        loaded_release(&t->after);
        loaded_release(&t->before);
        txn_release(&t->file);
        free(t->path);
        free(t->display);
        free(t->expected_id);
        t->path = t->display = t->expected_id = NULL;
}
