/*
 * ycomment: the comments of a YAML text, found with libyaml's scanner.
 *
 * libyaml drops comments, but every comment lies in the text between two
 * tokens (where there is only white space and comments), or ends the
 * header line of a block scalar ('|' or '>' and its indicators), which
 * libyaml counts as part of the scalar's token.  A '#' inside a quoted or
 * plain scalar, or in a block scalar's content, is never taken for one.
 * Text the scanner cannot read past is not searched.
 *
 * Ownership: a struct ycomments owns its array; ycomments_release() frees
 * it.  The offsets are into the caller's text.
 */
#ifndef ROADMAP_YCOMMENT_H
#define ROADMAP_YCOMMENT_H

#include <stddef.h>

struct ycomment {
        size_t at;  /* the byte offset of its '#' */
        size_t end; /* the end of its text: the line's end, before a CR */
};

struct ycomments {
        struct ycomment *items; /* in file order */
        size_t n, cap;
};

#define YCOMMENTS_INIT                                                         \
        {                                                                      \
                NULL, 0, 0                                                     \
        }

/* Every comment of the YAML text buf[0..len) (a UTF-8 BOM at its start is
 * skipped), appended to out. */
void ycomments_find(const char *buf, size_t len, struct ycomments *out);
void ycomments_release(struct ycomments *c);

#endif
