/*
 * git-setup-internal: what cmd-git-setup.c (a desk's work tree) and
 * git-setup-server.c (a central bare repository) share: running git
 * for its own settings, the binary's absolute path, and installing a hook.
 *
 * These print nothing but what they say they do; errors go to a
 * diag_list.  Returned strings are the caller's to free.
 */
#ifndef ROADMAP_GIT_SETUP_INTERNAL_H
#define ROADMAP_GIT_SETUP_INTERNAL_H

#include <stdbool.h>

#include "roadmap/diag.h"
#include "roadmap/strbuf.h"

/* In every hook roadmap writes: a hook without it is someone else's. */
#define HOOK_MARKER "installed by roadmap git-setup"

/* Run git with args in dir; capture stdout (trimmed) into out if given.
 * Returns git's exit status (127: git could not be run), or -1. */
int git_setup_run_git(const char *dir, const char *const *args,
                      struct strbuf *out);
/* Append s to sb quoted for the shell. */
void git_setup_sh_quote(struct strbuf *sb, const char *s);
/* The absolute path of the running binary (the caller frees it), or NULL
 * after adding why to dl. */
char *git_setup_self_path(struct diag_list *dl);
/* The file name names in the git directory of dir ('git rev-parse
 * --git-path'): *rel as git says it, the result absolute; NULL if git
 * cannot say. */
char *git_setup_git_path(const char *dir, const char *name, struct strbuf *rel);
/* "git cannot say where its 'name' is" at dir; returns -1. */
int git_setup_no_path(const char *dir, const char *name, struct diag_list *dl);
/*
 * Write text as the hook name ("pre-commit") of the git repository of
 * dir, executable, and say so on stdout.  A hook that lacks HOOK_MARKER is
 * replaced only with force (else an error whose hint is "call 'again
 * --force'").  Returns 0 or -1.
 */
int git_setup_install_hook(const char *dir, const char *name, const char *text,
                           const char *again, bool force, struct diag_list *dl);

/* roadmap git-setup --server [DIR]: the exit status. */
int git_setup_server(const char *dir, bool force);

#endif
