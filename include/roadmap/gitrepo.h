/*
 * gitrepo: a roadmap repository as git holds it -- at any revision, in the
 * index, or in the work tree -- read with libgit2 (gitlib.h), never by
 * running git.
 *
 * A struct gitrepo is one open git repository (a work tree's or a bare
 * one), for one thread at a time: another thread reopens it with
 * gitrepo_reopen().  A struct gitsnap is one version of the roadmap in
 * it: the tree of a commit, the index, or the work tree, with the path of
 * the roadmap's root inside the repository.
 *
 * The roadmap's root inside a tree is, in this order: the directory named
 * by the git config key roadmap.root (relative to the top of the tree);
 * in a work tree, the roadmap root that gitrepo_open() was given, relative
 * to the top of the work tree; else the top of the tree, which must hold
 * roadmap.yaml.
 *
 * Errors go to a diag_list, placed at the revision or directory they are
 * about.  Functions return -1 when the repository cannot be read (exit 1)
 * and GITREPO_NOT_FOUND when the user named something that does not exist
 * (an unknown revision, no git repository: exit 2).  Nothing here prints.
 *
 * Ownership: gitrepo_free() frees a repository, gitsnap_release() a
 * snapshot's strings, gitsnap_changes_release() a list of changes.  A
 * snapshot borrows nothing from its repository but may only be read
 * through the repository it was made from (or a reopened copy).
 */
#ifndef ROADMAP_GITREPO_H
#define ROADMAP_GITREPO_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/date.h"
#include "roadmap/diag.h"
#include "roadmap/gitlib.h"
#include "roadmap/repo.h"
#include "roadmap/strbuf.h"

#define GITREPO_NOT_FOUND (-2)
#define GITREPO_REFUSED (-3) /* gitsnap_read(): data roadmap does not read */
#define GITREPO_ROOT_KEY "roadmap.root"

struct gitrepo;

/* Open as git's environment says (GIT_DIR, GIT_OBJECT_DIRECTORY,
 * GIT_ALTERNATE_OBJECT_DIRECTORIES, GIT_INDEX_FILE...): a hook's view,
 * which sees the quarantined objects of a push in pre-receive.  Without
 * the flag, a set GIT_DIR has the same effect, as it has for git. */
#define GITREPO_FROM_ENV 1u

/* Start libgit2 (loaded through gitlib.h) once for the process, with the
 * options every use shares; false if it cannot be loaded or started.
 * gitrepo_open() does it; other users of libgit2 call it first. */
bool gitrepo_start(void);

/*
 * Open the git repository that holds dir (a directory of a work tree, or a
 * bare repository; searched upward from dir).  roadmap_root (NULL: none)
 * is the roadmap root that the caller found on disk, for the default root
 * of a work tree.  Returns 0, or GITREPO_NOT_FOUND ("not a git
 * repository") or -1 with an error in dl.
 */
int gitrepo_open(const char *dir, const char *roadmap_root, unsigned flags,
                 struct gitrepo **out, struct diag_list *dl);
/* The same repository opened again, for another thread.  0 or -1. */
int gitrepo_reopen(const struct gitrepo *r, struct gitrepo **out,
                   struct diag_list *dl);
void gitrepo_free(struct gitrepo *r);

/* The work tree's top, absolute and ending in '/', or NULL when bare. */
const char *gitrepo_workdir(const struct gitrepo *r);
/* The libgit2 handle, for modules that read git further (gitlog.c). */
git_repository *gitrepo_git(const struct gitrepo *r);
/* Whether the repository is a shallow clone: history stops early. */
bool gitrepo_is_shallow(const struct gitrepo *r);

/* Why the last libgit2 call failed, for a message; never NULL. */
const char *gitrepo_last_error(void);

/*
 * The commit that rev names (anything git rev-parse takes that names a
 * commit: HEAD, a branch, a tag, an id or its prefix, HEAD~2, v1^{commit},
 * @{upstream} ...).  Returns 0, GITREPO_NOT_FOUND ("unknown revision"),
 * or -1.
 */
int gitrepo_resolve(struct gitrepo *r, const char *rev, git_oid *commit,
                    struct diag_list *dl);

/*
 * The bytes of blob id, appended to out: at most max, which is checked
 * against the object's header before the object is inflated, so that a
 * few pushed bytes cannot make a reader inflate gigabytes.  display names
 * the file in messages.  0, or -1 with an error in dl ("file is larger
 * than N MiB" at display:1:1, errno EFBIG; or why it cannot be read).
 */
int gitrepo_blob_read(git_repository *git, const git_oid *id, size_t max,
                      const char *display, struct strbuf *out,
                      struct diag_list *dl);

/* The day of git time t (seconds) at offset minutes east of UTC, in that
 * time zone; unset for a time no calendar date has (hostile commits). */
struct date gitrepo_day(long long t, int offset);
/* The committer date of c, in its own time zone. */
struct date gitrepo_commit_date(const git_commit *c);

/* The blob at path (from the top of tree): 0 and *blob; 1 when path holds
 * no regular file there; -1 on error. */
int gitrepo_blob_at(git_tree *tree, const char *path, git_oid *blob);

/*
 * The office file named file ("<id>.yaml") in any ministry directory of
 * tree: <root>offices/<ministry>/<file>, the first by ministry -- where an
 * office moved to another ministry (git mv) was before.  absent (NULL:
 * none) remembers the ministry directories, by tree id, known not to hold
 * it, so that a walk through many commits reads only the directories that
 * changed.  0 with *path (the caller frees; from the top of tree) and
 * *blob; 1 when no ministry holds it; -1 on error.
 */
struct gitrepo_absent;
struct gitrepo_absent *gitrepo_absent_new(void);
void gitrepo_absent_free(struct gitrepo_absent *a);
int gitrepo_find_office(git_repository *git, git_tree *tree, const char *root,
                        const char *file, struct gitrepo_absent *absent,
                        char **path, git_oid *blob);

enum gitsnap_kind { GITSNAP_COMMIT, GITSNAP_INDEX, GITSNAP_WORKTREE };

struct gitsnap {
        enum gitsnap_kind kind;
        char *name;      /* for messages: the revision as given, "index",
                            "work tree" */
        git_oid commit;  /* COMMIT: the commit */
        char hex[41];    /* COMMIT: the commit's id in hex; else "" */
        git_oid tree;    /* COMMIT: the tree of the roadmap root */
        struct date day; /* COMMIT: the committer date, in its time zone */
        char *root;      /* the roadmap root inside the repository: "" or
                            "dir/", ending in '/' */
        char *dir; /* WORKTREE: the roadmap root on disk, absolute; else NULL */
};

#define GITSNAP_INIT                                                           \
        {                                                                      \
                GITSNAP_COMMIT, NULL, {{0}}, "", {{0}}, {0, 0, 0}, NULL, NULL  \
        }

/* The roadmap at revision rev / at commit (its id, e.g. from a push) / in
 * the index / in the work tree (not in a bare repository).  0,
 * GITREPO_NOT_FOUND or -1, with an error in dl ("REV: no roadmap.yaml at
 * the root of the tree", with a hint naming roadmap.root). */
int gitsnap_at(struct gitrepo *r, const char *rev, struct gitsnap *out,
               struct diag_list *dl);
int gitsnap_at_commit(struct gitrepo *r, const git_oid *commit,
                      struct gitsnap *out, struct diag_list *dl);
int gitsnap_index(struct gitrepo *r, struct gitsnap *out, struct diag_list *dl);
int gitsnap_worktree(struct gitrepo *r, struct gitsnap *out,
                     struct diag_list *dl);
void gitsnap_release(struct gitsnap *s);

/*
 * How to name the file rel (relative to the roadmap root) of snapshot s in
 * a message, as git names it: "REV:offices/x/y.yaml" for a commit (the
 * revision as given; "REV:sub/offices/..." for a roadmap root in a
 * subdirectory), ":offices/..." for the index, the path on disk for the
 * work tree (as repo_display_path() names it).  The caller's to free.
 */
char *gitsnap_display(const struct gitsnap *s, const char *rel);

/*
 * The offices of snapshot s, as repo_list_offices() lists a work tree and
 * by the same rule: every *.yaml below offices/, sorted by path, hidden
 * entries not the repository's, and a symbolic link (or a submodule, or a
 * *.yaml that is not a file) an error.  Returns 0, or -1 after adding
 * errors to dl (the list then holds what was found).
 */
int gitsnap_list_offices(struct gitrepo *r, const struct gitsnap *s,
                         struct office_list *out, struct diag_list *dl);

/* The bytes of rel (relative to the roadmap root, e.g. "roadmap.yaml" or
 * an office_file's path) in s, into out (reset first), at most max bytes.
 * 0; 1 when s holds no such file; GITREPO_REFUSED when it holds what
 * roadmap does not read there (a symbolic link, a submodule, a file over
 * max, an unresolved merge: that file's data); -1 when the repository
 * cannot be read (a missing object, an I/O error).  An error is in dl
 * unless 0 or 1 is returned. */
int gitsnap_read(struct gitrepo *r, const struct gitsnap *s, const char *rel,
                 size_t max, struct strbuf *out, struct diag_list *dl);

/* Where the office file rel of s names its id (line 1, column 1 when that
 * cannot be read), as load_office_id_position() on disk: the place of the
 * duplicate-id rule's findings (scan_check_ids_at()). */
void gitsnap_id_position(struct gitrepo *r, const struct gitsnap *s,
                         const char *rel, int *line, int *col);

/* A file of the roadmap that differs between two snapshots. */
struct gitsnap_change {
        char *path;  /* relative to the roadmap root: roadmap.yaml or an
                        office file below offices/ */
        char status; /* 'A' added, 'D' deleted, 'M' modified (or its type
                        changed) */
};

struct gitsnap_changes {
        struct gitsnap_change *items; /* sorted by path */
        size_t n, cap;
};

#define GITSNAP_CHANGES_INIT                                                   \
        {                                                                      \
                NULL, 0, 0                                                     \
        }

/*
 * The roadmap files (roadmap.yaml and *.yaml below offices/) that differ
 * from a to b.  The cost follows the change, not the repository: two
 * commits are compared tree by tree, by object id, so unchanged
 * directories are never read; the index and the work tree through git's
 * index (stat data).  a and b may be any two kinds but a work tree is
 * only ever b.  Returns 0, or -1 after adding an error to dl.
 */
int gitsnap_changes(struct gitrepo *r, const struct gitsnap *a,
                    const struct gitsnap *b, struct gitsnap_changes *out,
                    struct diag_list *dl);
void gitsnap_changes_release(struct gitsnap_changes *c);

#endif
