/*
 * gitlib: libgit2 by dlopen() on first use.  See gitlib.h.
 */
#include "roadmap/gitlib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

#ifndef ROADMAP_LIBGIT2_SONAME
#error "the build names libgit2's soname in ROADMAP_LIBGIT2_SONAME"
#endif

static struct gitlib table;
static const struct gitlib *loaded;
static char why[256];
static pthread_once_t once = PTHREAD_ONCE_INIT;

/* dlsym() into a function pointer, as POSIX has it done. */
static int bind(void *lib, const char *name, void *slot)
{
        void *fn = dlsym(lib, name);

        if (!fn) {
                snprintf(why, sizeof(why), "%s has no %s",
                         ROADMAP_LIBGIT2_SONAME, name);
                return -1;
        }
        *(void **)slot = fn;
        return 0;
}

static void load(void)
{
        void *lib = dlopen(ROADMAP_LIBGIT2_SONAME, RTLD_NOW | RTLD_LOCAL);
        int rc = 0;

        if (!lib) {
                const char *e = dlerror();

                snprintf(why, sizeof(why), "cannot load %s: %s",
                         ROADMAP_LIBGIT2_SONAME, e ? e : "unknown error");
                return;
        }
#define GITLIB_BIND(name) rc |= bind(lib, #name, &table.name);
        GITLIB_FUNCTIONS(GITLIB_BIND)
#undef GITLIB_BIND
        if (rc == 0)
                loaded = &table;
}

const struct gitlib *gitlib(void)
{
        pthread_once(&once, load);
        return loaded;
}

const char *gitlib_error(void)
{
        return why;
}
