/*
 * txn: the one way roadmap writes a file of the repository -- lock, read
 * under the lock, build the new text, verify it, keep the file's metadata,
 * fsync, rename, fsync the directory (lockfile.h holds the rules of each
 * step).  Every file roadmap owns is written through here: office files,
 * roadmap.yaml, the pre-commit hook, .gitattributes, the lines roadmap adds
 * to git's info/exclude, the schemas and the editor and yamllint settings.
 * Git's own configuration is written by git ('git config'), never here.
 *
 * A transaction begins in one of three modes:
 *   txn_begin_create()   a new file: its missing directories are made, its
 *                        directory is locked, an existing file is refused;
 *   txn_begin_replace()  an existing file: locked, and read under the lock
 *                        (t->old), so the new text is built from what is
 *                        there now;
 *   txn_begin_write()    either, as the file is there or not (a file that
 *                        roadmap keeps up to date, such as the hook).
 * txn_commit() then takes the whole new text and an optional verify
 * callback: text equal to the file's writes nothing (and is not verified),
 * text the callback refuses writes nothing, and a file that something
 * other than roadmap changed since it was read is refused.
 *
 * edit_txn (below) is the edit mode: an office or roadmap.yaml, read and
 * validated under the lock, changed by the intents of an edit (edit.h),
 * and verified to be the old document plus exactly those intents.
 *
 * Ownership: a transaction owns its lock, strings and buffers;
 * txn_release() / edit_txn_release() unlock and free them.  A struct txn
 * starts with txn_init() (as a strbuf does) and ends with txn_release(),
 * whether a begin failed, succeeded or never came.
 */
#ifndef ROADMAP_TXN_H
#define ROADMAP_TXN_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/diag.h"
#include "roadmap/edit.h"
#include "roadmap/load.h"
#include "roadmap/lockfile.h"
#include "roadmap/strbuf.h"

/* The largest file a transaction reads (YAMLDOC_MAX_SIZE). */
#define TXN_MAX_SIZE YAMLDOC_MAX_SIZE

struct txn {
        struct lockfile lock;
        struct strbuf old; /* the file as read under the lock; empty if new */
        bool exists;       /* the file was there at begin (it is replaced) */
        bool locked;       /* the lock is held (a failed begin may hold it) */
        bool executable;   /* set before commit: the file gets the execute
                              bits of its read bits (a hook) */
        bool changed;      /* after commit: the file was written */
        bool rejected;     /* after a failed commit: verify refused the text;
                              nothing was written and commit may be retried */
};

/*
 * Checks the new text buf[0..len) of the file display names.  Returns 0
 * to accept it, or -1 after adding errors to dl (positions in the new
 * text).
 */
typedef int (*txn_verify_fn)(const char *display, const char *buf, size_t len,
                             void *arg, struct diag_list *dl);

/* An empty transaction, safe to release; every begin starts from one. */
void txn_init(struct txn *t);

/*
 * Begin writing path (display: as messages name it) with a transaction
 * fresh from txn_init() (or released, then initialised again).  Each waits
 * for the lock as lockfile.h says, and returns 0, or -1 after adding an
 * error (the transaction must still be released).
 *
 * create refuses a path that exists, even as a dangling link ("already
 * exists; nothing was written"), and makes the missing directories.
 *
 * replace needs a file that exists and that a rename may replace
 * (lockfile_hold()); t->old gets its bytes, at most TXN_MAX_SIZE.  Should
 * only the read fail, t->locked is still true.
 *
 * write replaces if path exists (as lstat sees it), else creates.
 */
int txn_begin_create(struct txn *t, const char *path, const char *display,
                     struct diag_list *dl);
int txn_begin_replace(struct txn *t, const char *path, const char *display,
                      struct diag_list *dl);
int txn_begin_write(struct txn *t, const char *path, const char *display,
                    struct diag_list *dl);

/*
 * Make buf[0..len) the file's content.  Text equal to t->old of an existing
 * file returns 0 at once: nothing is verified or written.  Otherwise
 * verify(display, buf, len, arg, dl) first when verify is given (a refusal
 * sets t->rejected); then write it (created with mode 0666, or 0777 if
 * executable, less the umask; a replaced file keeps its metadata).
 * A replaced file is read again first: one that changed since begin is
 * refused.  Returns 0 (t->changed says whether the file was written), or
 * -1 after adding an error; the file is then as lockfile.h says.
 */
int txn_commit(struct txn *t, const char *buf, size_t len, txn_verify_fn verify,
               void *arg, struct diag_list *dl);

void txn_release(struct txn *t);

/* ---- the edit mode ---------------------------------------------------- */

enum edit_kind { EDIT_OFFICE, EDIT_ROADMAP };

struct edit_txn {
        enum edit_kind kind;
        char *path, *display, *expected_id;
        struct txn file;
        struct loaded before, after;
        struct edit edit;
        bool changed; /* after commit: the file was rewritten */
};

/*
 * Lock path and read it under the lock as an office (whose id must be
 * expected_id) or as roadmap.yaml.  A file that is already invalid is
 * refused with its problems and a pointer to 'roadmap check'.  On success
 * t->before holds the model and t->edit is ready for intents.  On error
 * the transaction must still be released.
 */
int edit_txn_begin(struct edit_txn *t, enum edit_kind kind, const char *path,
                   const char *display, const char *expected_id,
                   struct diag_list *dl);
/*
 * The cross-file rules for the office of t (its ministry is one of
 * roadmap.yaml's), read from roadmap_path (shown as roadmap_display): an
 * office that breaks them is refused like any invalid file, so every
 * writer and 'roadmap check' apply one rule.  Returns 0, or -1 after
 * adding errors.
 */
int edit_txn_check_refs(struct edit_txn *t, const char *roadmap_path,
                        const char *roadmap_display, struct diag_list *dl);
/* Apply the edit, re-read and validate the bytes, verify them, and replace
 * the file.  An edit that changes nothing writes nothing. */
int edit_txn_commit(struct edit_txn *t, struct diag_list *dl);
/* Unlock and free (also after a failed begin: every begin starts by
 * zeroing t, and a zeroed edit releases safely). */
void edit_txn_release(struct edit_txn *t);

#endif
