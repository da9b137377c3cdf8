/*
 * gitlib: libgit2, loaded the first time a command reads git history.
 *
 * Linked in the usual way, libgit2 brings sixteen more shared libraries
 * (TLS, SSH, Kerberos, HTTP, regular expressions) that the dynamic loader
 * maps and relocates at every start: 1.8 ms on every command, most of
 * which never read git history.  gitlib opens libgit2 by its soname with
 * dlopen() when first asked, and gives its functions by name, each typed
 * as <git2.h> declares it.  Only githist.c reads git this way; the rest of
 * roadmap runs git as a program or not at all.
 *
 * Ownership: the table and the library stay loaded until the process
 * ends.  Loading is done once, safely from any thread.
 */
#ifndef ROADMAP_GITLIB_H
#define ROADMAP_GITLIB_H

#include <git2.h>

/* Every function of libgit2 that roadmap calls. */
#define GITLIB_FUNCTIONS(X)                                                    \
        X(git_libgit2_init)                                                    \
        X(git_libgit2_shutdown)                                                \
        X(git_error_last)                                                      \
        X(git_repository_open_ext)                                             \
        X(git_repository_workdir)                                              \
        X(git_repository_free)                                                 \
        X(git_reference_name_to_id)                                            \
        X(git_commit_lookup)                                                   \
        X(git_commit_free)                                                     \
        X(git_commit_tree)                                                     \
        X(git_commit_time)                                                     \
        X(git_commit_time_offset)                                              \
        X(git_commit_parentcount)                                              \
        X(git_commit_parent_id)                                                \
        X(git_tree_free)                                                       \
        X(git_tree_entry_bypath)                                               \
        X(git_tree_entry_id)                                                   \
        X(git_tree_entry_free)                                                 \
        X(git_tree_entry_filemode)                                             \
        X(git_blob_lookup)                                                     \
        X(git_blob_free)                                                       \
        X(git_blob_rawsize)                                                    \
        X(git_blob_rawcontent)                                                 \
        X(git_oid_cpy)                                                         \
        X(git_oid_equal)                                                       \
        X(git_oid_tostr)

struct gitlib {
#define GITLIB_MEMBER(name) __typeof__(name) *name;
        GITLIB_FUNCTIONS(GITLIB_MEMBER)
#undef GITLIB_MEMBER
};

/* The functions, or NULL when libgit2 cannot be loaded; then
 * gitlib_error() says why. */
const struct gitlib *gitlib(void);
const char *gitlib_error(void);

#endif
