/*
 * regfile: the one rule for every file roadmap reads or writes in a
 * repository (roadmap(5), "Repository"): a regular file, opened without
 * following a symbolic link and without blocking, so a link cannot lead a
 * read or a write outside the repository and a FIFO or a device cannot
 * hang a command.  Anything else is refused with the file and the reason.
 *
 * Ownership: regfile_open() returns a descriptor the caller closes;
 * regfile_read() appends to the caller's strbuf.
 */
#ifndef ROADMAP_REGFILE_H
#define ROADMAP_REGFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

#include "roadmap/diag.h"
#include "roadmap/strbuf.h"

/* Whether name ends in .yaml after at least one character: what the
 * repository takes for an office below offices/. */
bool regfile_yaml_name(const char *name);
/* What a file of this mode is, as messages name it ("a symbolic link", "a
 * FIFO", ...), or NULL for a regular file. */
const char *regfile_refusal(mode_t mode);
/* Refuse display, a file of this mode that is not a regular file (a link,
 * a FIFO, ...): add the error and its hint to dl.  Returns -1. */
int regfile_refuse(struct diag_list *dl, const char *display, mode_t mode);

/*
 * Open path (named display in messages) with flags (O_RDONLY or O_RDWR;
 * O_NOFOLLOW, O_NONBLOCK and O_CLOEXEC are added) and fill *st.  Returns
 * the descriptor, or -1 after adding an error: "is a symbolic link",
 * "is a FIFO, not a regular file", "cannot read: ...".  errno is kept.
 */
int regfile_open(const char *path, const char *display, int flags,
                 struct stat *st, struct diag_list *dl);

/*
 * Read the regular file path into sb (reset first): at most max bytes.
 * Returns 0, or -1 after adding an error with errno kept (EFBIG: a file
 * over max, reported at file:1:1).
 */
int regfile_read(const char *path, const char *display, size_t max,
                 struct strbuf *sb, struct diag_list *dl);

#endif
