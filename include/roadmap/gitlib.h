/*
 * gitlib: libgit2, loaded the first time a command reads git history.
 *
 * Linked in the usual way, libgit2 brings sixteen more shared libraries
 * (TLS, SSH, Kerberos, HTTP, regular expressions) that the dynamic loader
 * maps and relocates at every start: 1.8 ms on every command, most of
 * which never read git history.  gitlib opens libgit2 by its soname with
 * dlopen() when first asked, and gives its functions by name, each typed
 * as <git2.h> declares it.  githist.c, gitrepo.c and what is built on them
 * read git this way; only git-setup runs git as a program.
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
        X(git_error_last)                                                      \
        X(git_repository_open_ext)                                             \
        X(git_repository_workdir)                                              \
        X(git_repository_free)                                                 \
        X(git_reference_name_to_id)                                            \
        X(git_reference_foreach_glob)                                          \
        X(git_reference_foreach_name)                                          \
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
        X(git_oid_tostr)                                                       \
        X(git_repository_path)                                                 \
        X(git_repository_is_bare)                                              \
        X(git_repository_is_shallow)                                           \
        X(git_repository_head_unborn)                                          \
        X(git_repository_is_empty)                                             \
        X(git_repository_config_snapshot)                                      \
        X(git_config_get_string)                                               \
        X(git_config_free)                                                     \
        X(git_repository_index)                                                \
        X(git_index_free)                                                      \
        X(git_index_get_bypath)                                                \
        X(git_index_entrycount)                                                \
        X(git_index_get_byindex)                                               \
        X(git_revparse_single)                                                 \
        X(git_revparse)                                                        \
        X(git_object_peel)                                                     \
        X(git_object_free)                                                     \
        X(git_object_id)                                                       \
        X(git_object_type)                                                     \
        X(git_object_lookup)                                                   \
        X(git_tree_lookup)                                                     \
        X(git_tree_id)                                                         \
        X(git_tree_entry_byname)                                               \
        X(git_tree_entrycount)                                                 \
        X(git_tree_entry_byindex)                                              \
        X(git_tree_entry_name)                                                 \
        X(git_tree_entry_type)                                                 \
        X(git_tree_entry_to_object)                                            \
        X(git_diff_options_init)                                               \
        X(git_diff_tree_to_tree)                                               \
        X(git_diff_tree_to_index)                                              \
        X(git_diff_index_to_workdir)                                           \
        X(git_diff_tree_to_workdir_with_index)                                 \
        X(git_diff_num_deltas)                                                 \
        X(git_diff_get_delta)                                                  \
        X(git_diff_free)                                                       \
        X(git_revwalk_new)                                                     \
        X(git_revwalk_push)                                                    \
        X(git_revwalk_push_head)                                               \
        X(git_revwalk_hide)                                                    \
        X(git_revwalk_next)                                                    \
        X(git_revwalk_sorting)                                                 \
        X(git_revwalk_simplify_first_parent)                                   \
        X(git_revwalk_free)                                                    \
        X(git_commit_id)                                                       \
        X(git_commit_owner)                                                    \
        X(git_commit_author)                                                   \
        X(git_commit_committer)                                                \
        X(git_commit_summary)                                                  \
        X(git_commit_message)                                                  \
        X(git_oid_fromstr)                                                     \
        X(git_oid_fmt)                                                         \
        X(git_oid_is_zero)                                                     \
        X(git_error_clear)                                                     \
        X(git_libgit2_opts)                                                    \
        X(git_repository_odb)                                                  \
        X(git_odb_free)                                                        \
        X(git_odb_exists)                                                      \
        X(git_odb_read)                                                        \
        X(git_odb_read_header)                                                 \
        X(git_odb_object_free)                                                 \
        X(git_odb_object_data)                                                 \
        X(git_odb_object_size)                                                 \
        X(git_object_short_id)                                                 \
        X(git_buf_dispose)                                                     \
        X(git_repository_commondir)                                            \
        X(git_merge_base)                                                      \
        X(git_merge_file)                                                      \
        X(git_merge_file_input_init)                                           \
        X(git_merge_file_options_init)                                         \
        X(git_merge_file_result_free)                                          \
        X(git_index_conflict_iterator_new)                                     \
        X(git_index_conflict_next)                                             \
        X(git_index_conflict_iterator_free)

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
