#include "roadmap/xalloc.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void *die_oom(void)
{
        fputs("roadmap: out of memory\n", stderr);
        exit(1);
}

void *xmalloc(size_t n)
{
        void *p = malloc(n ? n : 1);
        return p ? p : die_oom();
}

void *xcalloc(size_t count, size_t size)
{
        void *p = calloc(count ? count : 1, size ? size : 1);
        return p ? p : die_oom();
}

void *xrealloc(void *p, size_t n)
{
        void *q = realloc(p, n ? n : 1);
        return q ? q : die_oom();
}

void *xgrow(void *p, size_t *cap, size_t need, size_t elem)
{
        size_t c = *cap;

        if (need <= c)
                return p;
        c = c ? c : 8;
        while (c < need) {
                if (c > SIZE_MAX / 2)
                        return die_oom();
                c *= 2;
        }
        if (c > SIZE_MAX / elem)
                return die_oom();
        *cap = c;
        return xrealloc(p, c * elem);
}

char *xstrdup(const char *s)
{
        return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
        char *p = xmalloc(n + 1);

        memcpy(p, s, n);
        p[n] = '\0';
        return p;
}

char *xasprintf(const char *fmt, ...)
{
        va_list ap;
        int n;
        char *p;

        va_start(ap, fmt);
        n = vsnprintf(NULL, 0, fmt, ap);
        va_end(ap);
        if (n < 0)
                return xstrdup("");
        p = xmalloc((size_t)n + 1);
        va_start(ap, fmt);
        vsnprintf(p, (size_t)n + 1, fmt, ap);
        va_end(ap);
        return p;
}
