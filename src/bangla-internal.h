/*
 * bangla-internal: what bangla.c and bangla-parse.c share; not for use
 * outside them.
 */
#ifndef ROADMAP_BANGLA_INTERNAL_H
#define ROADMAP_BANGLA_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <utf8proc.h>

#include "roadmap/strbuf.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* A *why reason formatted into this thread's buffer, valid until the next
 * call into the module from the same thread (bangla.h's rule). */
const char *bangla_reason(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));
/* True for a character of no width, which col -b deletes (a nonspacing or
 * enclosing mark, a format character). */
bool bangla_zero_width(utf8proc_int32_t c);

#endif
