/*
 * regfile: open and read only regular files, never through a link, never
 * blocking.  See regfile.h.
 */
#include "roadmap/regfile.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

const char *regfile_refusal(mode_t mode)
{
        if (S_ISREG(mode))
                return NULL;
        if (S_ISLNK(mode))
                return "a symbolic link";
        if (S_ISDIR(mode))
                return "a directory";
        if (S_ISFIFO(mode))
                return "a FIFO";
        if (S_ISSOCK(mode))
                return "a socket";
        if (S_ISCHR(mode) || S_ISBLK(mode))
                return "a device";
        return "not a regular file";
}

bool regfile_yaml_name(const char *name)
{
        size_t n = strlen(name);

        return n > 5 && strcmp(name + n - 5, ".yaml") == 0;
}

int regfile_refuse(struct diag_list *dl, const char *display, mode_t mode)
{
        struct diag *d;

        if (S_ISLNK(mode)) {
                d = diag_error(dl, display, 0, 0,
                               "is a symbolic link; roadmap reads and writes "
                               "only regular files in the repository");
                diag_hint(d, "replace the link with the file or directory "
                             "itself");
                return -1;
        }
        d = diag_error(dl, display, 0, 0, "is %s, not a regular file",
                       regfile_refusal(mode));
        /* a *.yaml below offices/ is taken for an office: renamed, it is
         * not; any other file roadmap writes has its one name */
        if (regfile_yaml_name(display))
                diag_hint(d, "roadmap reads and writes only regular files; "
                             "remove it or rename it so that it does not end "
                             "in .yaml");
        else
                diag_hint(d, "roadmap reads and writes only regular files; "
                             "remove it");
        return -1;
}

int regfile_open(const char *path, const char *display, int flags,
                 struct stat *st, struct diag_list *dl)
{
        int fd, saved;

        fd = open(path, flags | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
        if (fd < 0) {
                saved = errno;
                if (errno == ELOOP)
                        regfile_refuse(dl, display, S_IFLNK);
                else
                        diag_error(dl, display, 0, 0, "cannot read: %s",
                                   strerror(errno));
                errno = saved;
                return -1;
        }
        if (fstat(fd, st) != 0) {
                saved = errno;
                diag_error(dl, display, 0, 0, "cannot read: %s",
                           strerror(errno));
                close(fd);
                errno = saved;
                return -1;
        }
        if (regfile_refusal(st->st_mode)) {
                regfile_refuse(dl, display, st->st_mode);
                close(fd);
                errno = EINVAL;
                return -1;
        }
        return fd;
}

int regfile_read(const char *path, const char *display, size_t max,
                 struct strbuf *sb, struct diag_list *dl)
{
        struct stat st;
        int fd = regfile_open(path, display, O_RDONLY, &st, dl);
        int rc, saved = 0;

        strbuf_reset(sb);
        if (fd < 0)
                return -1;
        rc = strbuf_read_fd(sb, fd, max);
        if (rc != 0) {
                saved = errno;
                if (errno == EFBIG)
                        diag_error(dl, display, 1, 1,
                                   "file is larger than %zu MiB", max >> 20);
                else
                        diag_error(dl, display, 0, 0, "cannot read: %s",
                                   strerror(errno));
        }
        close(fd);
        if (rc != 0)
                errno = saved;
        return rc;
}
