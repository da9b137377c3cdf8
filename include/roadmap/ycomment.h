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
 * Ownership: a struct ycomments / ycomment_set owns its array;
 * ycomments_release() / ycomment_set_release() frees it.  The offsets and
 * texts are into the caller's text, which must outlive them.
 */
#ifndef ROADMAP_YCOMMENT_H
#define ROADMAP_YCOMMENT_H

#include <stdbool.h>
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

/*
 * The comments of a text as a multiset of their texts (from '#' to the
 * line's end, without trailing blanks), to tell which comments one
 * version has that others lack.  Texts point into the caller's buffer.
 */
struct ycomment_text {
        const char *s;
        size_t n;
        size_t at;   /* its place among the text's comments */
        bool common; /* matched with a comment of another version */
};

struct ycomment_set {
        struct ycomment_text *items; /* in file order */
        size_t n, cap;
};

#define YCOMMENT_SET_INIT                                                      \
        {                                                                      \
                NULL, 0, 0                                                     \
        }

/* Every comment of buf[0..len), appended to out, none marked common. */
void ycomment_set_read(const char *buf, size_t len, struct ycomment_set *out);
/* Mark the comments a and b have in common, as many times as both have
 * them, among those not yet marked (so a may be matched against several
 * versions in turn).  O(n log n). */
void ycomment_set_mark_common(struct ycomment_set *a, struct ycomment_set *b);
/* The unmarked comments of cs, one per line in file order, without a
 * final line end; NULL if there is none.  The caller frees. */
char *ycomment_set_unmarked(const struct ycomment_set *cs);
void ycomment_set_release(struct ycomment_set *cs);

#endif
