/*
 * tempfile: temporary files removed when a signal ends the process (see
 * tempfile.h).
 */
#include "roadmap/tempfile.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "roadmap/xalloc.h"

static const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
#define NSIGNALS (sizeof(signals) / sizeof(signals[0]))

static struct slot {
        volatile sig_atomic_t used;
        bool dir;
        pid_t owner; /* the process that made it: a fork()ed child's signal
                        leaves its parent's files alone */
        char *path;
} slots[TEMPFILE_MAX];

/* Remove the files in dir, then dir: system calls only (no opendir(),
 * which allocates). */
static void remove_dir(const char *dir)
{
#ifdef SYS_getdents64
        struct entry { /* struct linux_dirent64 */
                unsigned long long ino;
                long long off;
                unsigned short reclen;
                unsigned char type;
                char name[];
        };
        _Alignas(8) char buf[4096];
        int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        long n, i;

        while (fd >= 0 &&
               (n = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0)
                for (i = 0; i < n;) {
                        struct entry *e = (struct entry *)(void *)(buf + i);

                        if (strcmp(e->name, ".") != 0 &&
                            strcmp(e->name, "..") != 0)
                                unlinkat(fd, e->name, 0);
                        i += e->reclen;
                }
        if (fd >= 0)
                close(fd);
#endif
        rmdir(dir);
}

static bool installed;

static void remove_all(int sig)
{
        int saved = errno;
        pid_t me = getpid();
        size_t i;

        for (i = 0; i < TEMPFILE_MAX; i++) {
                if (!slots[i].used || slots[i].owner != me)
                        continue;
                if (slots[i].dir)
                        remove_dir(slots[i].path);
                else
                        unlink(slots[i].path);
        }
        signal(sig, SIG_DFL);
        raise(sig); /* delivered when the handler returns */
        errno = saved;
}

/* The handler for every signal the process does not ignore. */
static void install(void)
{
        struct sigaction sa, old;
        size_t i;

        installed = true;
        memset(&sa, 0, sizeof(sa));
        sa.sa_handler = remove_all;
        sigemptyset(&sa.sa_mask);
        for (i = 0; i < NSIGNALS; i++)
                sigaddset(&sa.sa_mask, signals[i]);
        for (i = 0; i < NSIGNALS; i++) {
                if (sigaction(signals[i], NULL, &old) != 0 ||
                    old.sa_handler == SIG_IGN)
                        continue;
                sigaction(signals[i], &sa, NULL);
        }
}

static int add(const char *path, bool dir)
{
        int i;

        if (!installed)
                install();
        for (i = 0; i < TEMPFILE_MAX; i++)
                if (!slots[i].used)
                        break;
        if (i == TEMPFILE_MAX)
                return -1;
        slots[i].path = xstrdup(path);
        slots[i].dir = dir;
        slots[i].owner = getpid();
        atomic_signal_fence(memory_order_seq_cst);
        slots[i].used = 1;
        return i;
}

int tempfile_register(const char *path)
{
        return add(path, false);
}

int tempfile_register_dir(const char *dir)
{
        return add(dir, true);
}

void tempfile_forget(int handle)
{
        char *path;

        if (handle < 0 || handle >= TEMPFILE_MAX || !slots[handle].used)
                return;
        slots[handle].used = 0;
        atomic_signal_fence(memory_order_seq_cst);
        path = slots[handle].path;
        slots[handle].path = NULL;
        free(path);
}
