/*
 * tempfile: temporary files removed when a signal ends the process (see
 * tempfile.h).
 */
#include "roadmap/tempfile.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roadmap/xalloc.h"

static const int signals[] = {SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGPIPE};
#define NSIGNALS (sizeof(signals) / sizeof(signals[0]))

static struct slot {
        volatile sig_atomic_t used;
        char *path;
} slots[TEMPFILE_MAX];

static bool installed;

static void remove_all(int sig)
{
        int saved = errno;
        size_t i;

        for (i = 0; i < TEMPFILE_MAX; i++)
                if (slots[i].used)
                        unlink(slots[i].path);
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

int tempfile_register(const char *path)
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
        atomic_signal_fence(memory_order_seq_cst);
        slots[i].used = 1;
        return i;
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
