#include "roadmap/strbuf.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "roadmap/xalloc.h"

char strbuf_slopbuf[1];

void strbuf_init(struct strbuf *sb)
{
        sb->buf = strbuf_slopbuf;
        sb->len = sb->cap = 0;
}

void strbuf_release(struct strbuf *sb)
{
        if (sb->cap)
                free(sb->buf);
        strbuf_init(sb);
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
        char *p;

        if (!sb->cap)
                strbuf_grow(sb, 0);
        p = sb->buf;
        if (len)
                *len = sb->len;
        strbuf_init(sb);
        return p;
}

void strbuf_reset(struct strbuf *sb)
{
        sb->len = 0;
        if (sb->cap)
                sb->buf[0] = '\0';
}

void strbuf_grow(struct strbuf *sb, size_t extra)
{
        bool fresh = !sb->cap;

        if (extra >= (size_t)-1 - sb->len)
                xmalloc((size_t)-1); /* reports out of memory */
        sb->buf =
            xgrow(fresh ? NULL : sb->buf, &sb->cap, sb->len + extra + 1, 1);
        if (fresh)
                sb->buf[0] = '\0';
}

void strbuf_add(struct strbuf *sb, const void *data, size_t n)
{
        strbuf_grow(sb, n);
        memcpy(sb->buf + sb->len, data, n);
        sb->len += n;
        sb->buf[sb->len] = '\0';
}

void strbuf_addstr(struct strbuf *sb, const char *s)
{
        strbuf_add(sb, s, strlen(s));
}

void strbuf_addch(struct strbuf *sb, int c)
{
        char ch = (char)c;

        strbuf_add(sb, &ch, 1);
}

void strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
        va_list cp;
        int n;

        va_copy(cp, ap);
        n = vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, cp);
        va_end(cp);
        if (n < 0)
                return;
        if ((size_t)n >= sb->cap - sb->len) {
                strbuf_grow(sb, (size_t)n);
                vsnprintf(sb->buf + sb->len, sb->cap - sb->len, fmt, ap);
        }
        sb->len += (size_t)n;
}

void strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        strbuf_vaddf(sb, fmt, ap);
        va_end(ap);
}

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
        unsigned c = s[0];
        size_t len, i;
        unsigned cp;

        if (c < 0x80)
                return 1;
        if (c >= 0xc2 && c <= 0xdf)
                len = 2, cp = c & 0x1f;
        else if (c >= 0xe0 && c <= 0xef)
                len = 3, cp = c & 0x0f;
        else if (c >= 0xf0 && c <= 0xf4)
                len = 4, cp = c & 0x07;
        else
                return 0;
        if (len > n)
                return 0;
        for (i = 1; i < len; i++) {
                if ((s[i] & 0xc0) != 0x80)
                        return 0;
                cp = (cp << 6) | (s[i] & 0x3f);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
                return 0;
        /* C1 controls are escaped too */
        if (cp >= 0x80 && cp < 0xa0)
                return 0;
        return len;
}

static void add_escaped(struct strbuf *sb, const char *s, size_t n,
                        bool backslash)
{
        const unsigned char *p = (const unsigned char *)s;
        size_t i = 0;

        while (i < n) {
                unsigned c = p[i];
                size_t k;

                if (c == '\\' && backslash) {
                        strbuf_addstr(sb, "\\\\");
                        i++;
                } else if (c == '\n') {
                        strbuf_addstr(sb, "\\n");
                        i++;
                } else if (c == '\t') {
                        strbuf_addstr(sb, "\\t");
                        i++;
                } else if (c == '\r') {
                        strbuf_addstr(sb, "\\r");
                        i++;
                } else if (c < 0x20 || c == 0x7f) {
                        strbuf_addf(sb, "\\x%02x", c);
                        i++;
                } else if ((k = utf8_seq(p + i, n - i)) == 0) {
                        strbuf_addf(sb, "\\x%02x", c);
                        i++;
                } else {
                        strbuf_add(sb, p + i, k);
                        i += k;
                }
        }
}

void strbuf_add_escaped(struct strbuf *sb, const char *s, size_t n)
{
        add_escaped(sb, s, n, false);
}

void strbuf_add_escaped_exact(struct strbuf *sb, const char *s, size_t n)
{
        add_escaped(sb, s, n, true);
}

void strbuf_add_json_string(struct strbuf *sb, const char *s, size_t n)
{
        const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
        size_t i = 0;

        strbuf_addch(sb, '"');
        while (i < n) {
                utf8proc_int32_t cp;
                utf8proc_ssize_t k = utf8proc_iterate(p + i, n - i, &cp);

                if (k < 0) {
                        strbuf_addstr(sb, "\\ufffd");
                        i++;
                        continue;
                }
                if (cp == '"' || cp == '\\')
                        strbuf_addch(sb, '\\'), strbuf_addch(sb, (int)cp);
                else if (cp == '\n')
                        strbuf_addstr(sb, "\\n");
                else if (cp == '\t')
                        strbuf_addstr(sb, "\\t");
                else if (cp == '\r')
                        strbuf_addstr(sb, "\\r");
                else if (cp < 0x20)
                        strbuf_addf(sb, "\\u%04x", (unsigned)cp);
                else
                        strbuf_add(sb, p + i, (size_t)k);
                i += (size_t)k;
        }
        strbuf_addch(sb, '"');
}

int strbuf_read_fd(struct strbuf *sb, int fd, size_t max)
{
        struct stat st;
        size_t len = sb->len;
        int saved;

        if (fstat(fd, &st) < 0)
                return -1;
        if (S_ISDIR(st.st_mode)) {
                errno = EISDIR;
                return -1;
        }
        if (S_ISREG(st.st_mode) && (size_t)st.st_size > max) {
                errno = EFBIG;
                return -1;
        }
        if (S_ISREG(st.st_mode))
                strbuf_grow(sb, (size_t)st.st_size);
        for (;;) {
                ssize_t r;

                strbuf_grow(sb, 8192);
                r = read(fd, sb->buf + sb->len, sb->cap - sb->len - 1);
                if (r < 0 && errno == EINTR)
                        continue;
                if (r < 0)
                        break;
                if (r == 0) {
                        sb->buf[sb->len] = '\0';
                        return 0;
                }
                sb->len += (size_t)r;
                if (sb->len > max) {
                        errno = EFBIG;
                        break;
                }
        }
        saved = errno;
        sb->len = len; /* sb as it was */
        sb->buf[len] = '\0';
        errno = saved;
        return -1;
}

int strbuf_read_file(struct strbuf *sb, const char *path, size_t max)
{
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        int rc, saved;

        if (fd < 0)
                return -1;
        rc = strbuf_read_fd(sb, fd, max);
        saved = errno;
        close(fd);
        errno = saved;
        return rc;
}
