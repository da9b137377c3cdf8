/*
 * outfile: the one way a command writes its output -- to standard output,
 * or to the file of -o FILE whole or not at all: the bytes go to a
 * temporary file beside it (".NAME.XXXXXX"), which is fsynced and renamed
 * over FILE, and the directory is fsynced.  The temporary file is made
 * only when the output is ready to be written, and a signal that ends the
 * process removes it (tempfile.h).  FILE is never followed through
 * a symbolic link (a link is replaced, as by mv) and must not be a
 * directory.  A binary format (a workbook) is refused on a terminal.
 * FILE is refused when it is one of the roadmap's own: ROOT/roadmap.yaml,
 * or anything in ROOT/offices/, ROOT/schema/ or ROOT/.git/, or in the git
 * directory of the repository that holds ROOT (the first .git from ROOT
 * up: a directory, or a worktree's "gitdir:" file and the common
 * directory it names; and $GIT_DIR) -- its directory resolved with
 * realpath(3), so no path through a link or ".." gets past.
 *
 * Ownership: a struct outfile owns its strings and its temporary file;
 * outfile_release() removes a temporary file that was not committed.
 */
#ifndef ROADMAP_OUTFILE_H
#define ROADMAP_OUTFILE_H

#include <stdbool.h>
#include <stdio.h>

#include "roadmap/diag.h"

struct outfile {
        FILE *fp;         /* write here; NULL until started */
        char *path;       /* -o FILE; NULL: standard output */
        char *tmp;        /* the temporary file, until committed */
        bool binary;      /* what outfile_prepare() was told */
        const char *what; /* borrowed: names the output in messages */
        int handle;       /* of tmp in tempfile.h; -1: none */
};

#define OUTFILE_INIT                                                           \
        {                                                                      \
                NULL, NULL, NULL, false, NULL, -1                              \
        }

/*
 * Check the output before any work: path NULL or "-" is standard output
 * (fp is then stdout), else a file whose directory must exist and be
 * writable; no file is made yet.  root is the roadmap whose files path
 * must not name (NULL: none).  what names the output in messages ("the
 * workbook"; borrowed until outfile_release()).  A binary output to
 * standard output when it is a terminal is refused, and so is an empty
 * path.  Returns 0, or -1 after adding an error.
 */
int outfile_prepare(struct outfile *of, const char *root, const char *path,
                    bool binary, const char *what, struct diag_list *dl);
/*
 * Make the temporary file beside path (mode 0666 less the umask) and open
 * fp on it, once the output is about to be written; it is removed if a
 * signal ends the process (tempfile.h).  Nothing to do for standard output
 * or when started already.  Returns 0, or -1 after adding an error.
 */
int outfile_start(struct outfile *of, struct diag_list *dl);
/* outfile_prepare(), then outfile_start(). */
int outfile_open(struct outfile *of, const char *root, const char *path,
                 bool binary, const char *what, struct diag_list *dl);
/*
 * Finish (starting first if need be): standard output is flushed (its
 * errors are main.c's to report); a file is flushed, fsynced and renamed over
 * path, and its directory fsynced.  Returns 0, or -1 after adding an error
 * (path is then as it was, and no temporary file is left).
 */
int outfile_commit(struct outfile *of, struct diag_list *dl);
void outfile_release(struct outfile *of);

#endif
