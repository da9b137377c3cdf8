/*
 * tempfile: temporary files removed when a signal ends the process.
 *
 * A file registered here is removed by a signal handler if the process
 * is killed by SIGINT, SIGTERM, SIGHUP, SIGQUIT or SIGPIPE before the
 * file is forgotten; the handler then lets the signal end the process as
 * it would have (as git's tempfile.c does).  A signal the process ignores
 * (nohup) stays ignored.  Removing the file in the normal course, or
 * renaming it into place, is the owner's job: forget it after that.
 *
 * A directory may be registered too: the handler removes the files in it
 * (one level: a private directory that a library fills with temporary
 * files whose names we never learn) and then the directory.
 *
 * Each file belongs to the process that registered it: in a child made
 * by fork() the handler leaves the parent's files alone.
 *
 * The handler only calls getpid(), open(), getdents64, unlinkat(), rmdir(),
 * close(), signal() and raise(), which are async-signal-safe system
 * calls, and reads slots that are filled before they are marked used.
 * Registration is for the main thread.
 *
 * Ownership: tempfile_register() copies path; tempfile_forget() frees
 * the copy.
 */
#ifndef ROADMAP_TEMPFILE_H
#define ROADMAP_TEMPFILE_H

/* How many files may be registered at once. */
#define TEMPFILE_MAX 8

/*
 * Remove path if a signal ends the process.  Returns a handle for
 * tempfile_forget(), or -1 when TEMPFILE_MAX files are registered.
 */
int tempfile_register(const char *path);
/* The same for the directory dir and the files in it. */
int tempfile_register_dir(const char *dir);
/* No longer remove the file of handle (-1: nothing).  The file is left
 * as it is. */
void tempfile_forget(int handle);

#endif
