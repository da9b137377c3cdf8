/*
 * yquote: a string as YAML scalar text that reads back as the same string.
 *
 * libyaml's emitter decides between plain and quoted styles from the
 * characters (indicators, ": ", " #", leading or trailing spaces, line
 * breaks).  It does not know type resolution, so a string that a plain
 * scalar would turn into another type -- a null, boolean, number or date
 * under the YAML 1.2 core schema or YAML 1.1 (yes, on, 0123, 12:30,
 * 2024-01-15, ...) -- is forced into quotes here.  Non-ASCII text stays
 * UTF-8 (unicode on); lines are never folded (width off); a string with a
 * line break is written double-quoted on one line.
 *
 * Ownership: results are appended to the caller's strbuf; nothing else is
 * allocated beyond the call.
 */
#ifndef ROADMAP_YQUOTE_H
#define ROADMAP_YQUOTE_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/strbuf.h"

enum yquote_ctx {
        YQUOTE_BLOCK, /* a block mapping value or block sequence item */
        YQUOTE_FLOW   /* inside [...] or {...} */
};

/* True if a plain scalar s[0..n) resolves to something other than a string
 * under YAML 1.2's core schema or YAML 1.1's types. */
bool yquote_resolves_non_string(const char *s, size_t n);

/*
 * Append s[0..n) as scalar text for ctx to out.  Returns 0, or -1 (out
 * unchanged) if s is not valid UTF-8 or holds characters YAML cannot
 * carry.
 */
int yquote_string(struct strbuf *out, const char *s, size_t n,
                  enum yquote_ctx ctx);

#endif
