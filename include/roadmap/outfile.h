/*
 * outfile: the one way a command writes its output -- to standard output,
 * or to the file of -o FILE whole or not at all: the bytes go to a
 * temporary file beside it (".NAME.XXXXXX"), which is fsynced and renamed
 * over FILE, and the directory is fsynced.  FILE is never followed through
 * a symbolic link (a link is replaced, as by mv) and must not be a
 * directory.  A binary format (a workbook) is refused on a terminal.
 * FILE is refused when it is one of the roadmap's own: ROOT/roadmap.yaml,
 * or anything in ROOT/offices/, ROOT/schema/ or ROOT/.git/ (its directory
 * resolved with realpath(3), so no path through a link or ".." gets past).
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
        FILE *fp;    /* write here; NULL until opened */
        char *path;  /* -o FILE; NULL: standard output */
        char *tmp;   /* the temporary file, until committed */
        bool binary; /* what outfile_open() was told */
};

#define OUTFILE_INIT                                                           \
        {                                                                      \
                NULL, NULL, NULL, false                                        \
        }

/*
 * Open the output: path NULL or "-" is standard output, else a temporary
 * file beside path (mode 0666 less the umask).  root is the roadmap whose
 * files path must not name (NULL: none).  what names the output in
 * messages ("the workbook").  A binary output to standard output when it
 * is a terminal is refused.  Returns 0, or -1 after adding an error.
 */
int outfile_open(struct outfile *of, const char *root, const char *path,
                 bool binary, const char *what, struct diag_list *dl);
/*
 * Finish: standard output is flushed (its errors are main.c's to report);
 * a file is flushed, fsynced and renamed over path, and its directory
 * fsynced.  Returns 0, or -1 after adding an error (path is then as it
 * was, and no temporary file is left).
 */
int outfile_commit(struct outfile *of, struct diag_list *dl);
void outfile_release(struct outfile *of);

#endif
