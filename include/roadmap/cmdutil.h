/*
 * cmdutil: what the writing commands share -- finding an office, running
 * an edit transaction, checking option values.
 *
 * Like cli.h, these functions print (diagnostics to stderr) and are for
 * command files only.  Ownership: struct cmd_office owns its strings;
 * cmd_office_release() frees them.
 */
#ifndef ROADMAP_CMDUTIL_H
#define ROADMAP_CMDUTIL_H

#include <stdbool.h>

#include "roadmap/strbuf.h"
#include "roadmap/txn.h"

struct cmd_office {
        char *root;    /* the repository, absolute */
        char *path;    /* the office file, absolute */
        char *display; /* the office file as messages name it */
        char *id;
};

/* Find the repository and the office arg names in it: an office id, or its
 * file as git prints it ("offices/lgd/kcc.yaml", "./offices/lgd/kcc.yaml"),
 * relative to the current directory or absolute (cmd_office_arg()).
 * Returns EXIT_OK, or EXIT_INVALID after printing why ("did you mean" for
 * an id that is near one). */
int cmd_office_find(const char *cmd, const char *arg, struct cmd_office *out);
/* The office id that arg names (*id, the caller's to free): arg itself,
 * or when arg names a file (it holds a '/' or ends in ".yaml") the id of
 * that office file, which must be below root's offices/ directory, and
 * then *rel its path relative to root (the caller's to free; NULL for an
 * id).  Whether the office exists is left to the caller.  root may be
 * NULL (a git version read with no roadmap on disk): a file's id is then
 * its name without ".yaml", wherever it is.  Returns 0, or -1 with why in
 * dl (a path outside the repository, or to no office file). */
int cmd_office_arg(const char *root, const char *arg, char **id, char **rel,
                   struct diag_list *dl);
/* Replace each of args[0..n) that names an office file by the office's id
 * (cmd_office_arg(); the copies live until the process ends), for options
 * that take an office.  Returns EXIT_OK, or EXIT_INVALID after printing
 * why. */
int cmd_office_ids(const char *root, const char **args, size_t n);
struct diag;
struct office_list;
struct office_file;
/* The office of the listing l that arg names (cmd_office_arg()), or NULL
 * with why in dl ("did you mean" for an id near one of l). */
const struct office_file *cmd_office_listed(const char *root,
                                            const struct office_list *l,
                                            const char *arg,
                                            struct diag_list *dl);
/* Hint "did you mean 'ID'?" at d, when an office of l has an id near id. */
void cmd_hint_near_office(struct diag *d, const struct office_list *l,
                          const char *id);
void cmd_office_release(struct cmd_office *o);

/* Begin / commit an edit transaction, printing every diagnostic.  Return
 * EXIT_OK or EXIT_INVALID. */
int cmd_txn_begin(struct edit_txn *t, enum edit_kind kind, const char *path,
                  const char *display, const char *expected_id);
int cmd_txn_commit(struct edit_txn *t);

/* Unless quiet, say on stderr what a command changed: "<who>: <what>". */
void cmd_say(bool quiet, const char *who, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * Commit an office edit and say what happened, the last step of every
 * office-writing command: unless quiet, one line to stderr, "<office>:
 * <what>" (what from fmt), or "<office>: nothing to change" when the file
 * already said so (for roadmap.yaml, the file's display name in place of
 * the office id).  Whether quiet or not, a change that turns the office's
 * approval from approved to stale is followed by a warning that says so
 * (the services or plans changed since it) and how to approve again.
 * Returns the exit status, as cmd_txn_commit().
 */
int cmd_commit_say(struct edit_txn *t, bool quiet, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* The whole of an office-editing command once its options are parsed:
 * find the office, begin the transaction, let apply() record the edit and
 * commit it, release.  Returns the exit status. */
int cmd_edit_office(const char *cmd, const char *office,
                    int (*apply)(struct edit_txn *t, const void *opts),
                    const void *opts);

/* The service id of office o (read from the file shown as display), or
 * NULL after printing "no service 'id' in office 'o'" with a did-you-mean
 * hint (the command then exits EXIT_INVALID).  cmd_service_find() is the
 * same in the office of an edit transaction. */
const struct service *cmd_service_lookup(const struct office *o,
                                         const char *display, const char *id);
const struct service *cmd_service_find(const struct edit_txn *t,
                                       const char *id);
/* Another service of the office of t than except (NULL: any) with the name
 * or Bengali name (either NULL: not compared; model_find_service_named()):
 * NULL, or the error added to dl at that service's name ("service 'x'
 * already has the [Bengali ]name 'n'"), *bn saying which, for the caller
 * to hint at and print. */
struct diag *cmd_service_name_taken(const struct edit_txn *t, const char *name,
                                    const char *name_bn,
                                    const struct service *except,
                                    struct diag_list *dl, bool *bn);

/* The id add-service makes for a new service named name (in English):
 * lowercase letters and digits (Bengali digits as ASCII ones), every other
 * run of characters one '-', at most MODEL_ID_MAX bytes with the suffix
 * "-k" when k >= 2 (the name cut to make room).  The caller frees it; NULL
 * when the name has no letter or digit to make one from. */
char *cmd_service_id(const char *name, int k);
/* That id for a new service of office off: the first of k = 1, 2, 3...
 * that the office does not have and taken (NULL: none) does not say is
 * taken.  One try per k: for one service (add-service); an import keeps
 * its own counters (import_index_counter()). */
char *cmd_service_new_id(const struct office *off, const char *name,
                         bool (*taken)(const char *id, const void *ctx),
                         const void *ctx);

/* Whether a service's status may move from from to to: forward, or to
 * dropped from any status but dropped (plan, import). */
bool cmd_status_may_move(enum status from, enum status to);

/* A workshop as messages name it, appended to sb: "design workshop of
 * 2018-01-10, batch 2" (no batch: without it). */
void cmd_workshop_describe(struct strbuf *sb, enum workshop_kind kind,
                           struct date date, long batch);

/* Option values: text must be non-empty valid UTF-8 without control
 * characters (model_text_control()) or line breaks -- a tab is text --
 * and is stored in NFC: cmd_check_text() points *value at its
 * NFC form (a copy that lives until the process ends, where it differs).
 * An id must match roadmap(5)'s id pattern.  Print a usage error and
 * return -1 if not. */
int cmd_check_text(const char *cmd, const char *opt, const char **value);
int cmd_check_id(const char *cmd, const char *opt, const char *value);

/* A tcv mapping (flow style) of the values >= 0 among days, cost, visits,
 * or NULL if none is given. */
struct yval *cmd_tcv(struct edit *e, long days, long cost, long visits);

#endif
