/*
 * strbuf: a growable, always NUL-terminated byte buffer.
 *
 * Ownership: the buffer owns buf once something was added;
 * strbuf_release() frees it and strbuf_detach() hands it to the caller (who
 * frees it).  Either leaves the strbuf empty and ready for reuse, as
 * strbuf_init() and STRBUF_INIT make it.  buf is never NULL: an empty
 * strbuf that has not grown points at strbuf_slopbuf, a shared "" that is
 * never written (so it costs no allocation and no thread races on it).
 */
#ifndef ROADMAP_STRBUF_H
#define ROADMAP_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
        char *buf;
        size_t len;
        size_t cap; /* 0: buf is not ours (strbuf_slopbuf or NULL) */
};

extern char strbuf_slopbuf[];
#define STRBUF_INIT                                                            \
        {                                                                      \
                strbuf_slopbuf, 0, 0                                           \
        }

void strbuf_init(struct strbuf *sb);
void strbuf_release(struct strbuf *sb);
/* buf, always allocated (also when empty); *len (optional) gets its length. */
char *strbuf_detach(struct strbuf *sb, size_t *len);
void strbuf_reset(struct strbuf *sb);
void strbuf_grow(struct strbuf *sb, size_t extra);
void strbuf_add(struct strbuf *sb, const void *data, size_t n);
void strbuf_addstr(struct strbuf *sb, const char *s);
void strbuf_addch(struct strbuf *sb, int c);
void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Append s with control characters and invalid UTF-8 escaped (\n, \x1b). */
void strbuf_add_escaped(struct strbuf *sb, const char *s, size_t n);
/* The same, with a backslash escaped too (\\), so that no two strings
 * give the same text: a tab is \t, a backslash and a t are \\t. */
void strbuf_add_escaped_exact(struct strbuf *sb, const char *s, size_t n);
/* Append s as a JSON string, quotes included: '"', '\\' and control
 * characters escaped, each invalid UTF-8 byte as \ufffd. */
void strbuf_add_json_string(struct strbuf *sb, const char *s, size_t n);
/* Read a whole file into sb; at most max bytes (more: errno = EFBIG).
 * On error sb is as it was.
 * Returns 0, or -1 with errno set. */
int strbuf_read_file(struct strbuf *sb, const char *path, size_t max);
/* The same from an open descriptor, to its end. */
int strbuf_read_fd(struct strbuf *sb, int fd, size_t max);

#endif
