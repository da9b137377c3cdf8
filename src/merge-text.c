/*
 * merge-text: git's line merge through libgit2.  See mergetext.h.
 */
#include "roadmap/mergetext.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "roadmap/gitlib.h"
#include "roadmap/gitrepo.h"
#include "roadmap/xalloc.h"

#define GIT(fn) (gitlib()->fn)

/* The largest marker git_merge_file takes (an unsigned short). */
#define MARKER_MAX 1000

static void input(git_merge_file_input *in, const struct mergetext_input *v)
{
        GIT(git_merge_file_input_init)(in, GIT_MERGE_FILE_INPUT_VERSION);
        in->ptr = v->buf;
        in->size = v->len;
}

static unsigned int style_flags(enum mergetext_style style)
{
        switch (style) {
        case MERGETEXT_DIFF3:
                return GIT_MERGE_FILE_STYLE_DIFF3;
        case MERGETEXT_ZDIFF3:
                return GIT_MERGE_FILE_STYLE_ZDIFF3;
        default:
                return GIT_MERGE_FILE_STYLE_MERGE;
        }
}

static int failed(const char *display, const char *why, struct diag_list *dl)
{
        diag_error(dl, display, 0, 0, "cannot merge the lines: %s", why);
        return -1;
}

int mergetext_run(const struct mergetext_opts *o,
                  const struct mergetext_input *base,
                  const struct mergetext_input *ours,
                  const struct mergetext_input *theirs, const char *display,
                  struct strbuf *out, struct diag_list *dl)
{
        git_merge_file_input b, a, t;
        git_merge_file_options opts;
        git_merge_file_result res;
        const git_error *e;
        int clean, size = o->marker_size > 0 ? o->marker_size : 7;

        if (!gitlib())
                return failed(display, gitlib_error(), dl);
        if (!gitrepo_start())
                return failed(display, "cannot start libgit2", dl);
        input(&b, base);
        input(&a, ours);
        input(&t, theirs);
        GIT(git_merge_file_options_init)(&opts, GIT_MERGE_FILE_OPTIONS_VERSION);
        opts.ancestor_label = o->label_base;
        opts.our_label = o->label_ours;
        opts.their_label = o->label_theirs;
        opts.flags = style_flags(o->style);
        opts.marker_size =
            (unsigned short)(size < MARKER_MAX ? size : MARKER_MAX);
        memset(&res, 0, sizeof(res));
        if (GIT(git_merge_file)(&res, &b, &a, &t, &opts) < 0) {
                e = GIT(git_error_last)();
                return failed(display,
                              e && e->message ? e->message : "unknown error",
                              dl);
        }
        strbuf_add(out, res.ptr, res.len);
        clean = res.automergeable;
        GIT(git_merge_file_result_free)(&res);
        return clean ? 0 : 1;
}

enum mergetext_style mergetext_style_parse(const char *value)
{
        if (value && strcmp(value, "diff3") == 0)
                return MERGETEXT_DIFF3;
        if (value && strcmp(value, "zdiff3") == 0)
                return MERGETEXT_ZDIFF3;
        return MERGETEXT_MERGE;
}

/* One word of GIT_CONFIG_PARAMETERS into w, as git's sq_quote wrote it
 * ('a'\''b' is a'b), up to white space or an '=' outside quotes. */
static const char *sq_word(const char *p, struct strbuf *w)
{
        strbuf_reset(w);
        while (*p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '=') {
                if (*p == '\'') {
                        for (p++; *p && *p != '\''; p++)
                                strbuf_addch(w, *p);
                        if (*p)
                                p++;
                } else if (*p == '\\' && p[1]) {
                        strbuf_addch(w, p[1]);
                        p += 2;
                } else {
                        strbuf_addch(w, *p++);
                }
        }
        return p;
}

/* The last value of key in GIT_CONFIG_PARAMETERS ("'k'='v'" entries, or
 * "'k=v'" of older gits), replacing *val. */
static void from_parameters(const char *env, const char *key, char **val)
{
        struct strbuf k = STRBUF_INIT, v = STRBUF_INIT;
        const char *p = env, *eq;

        while (p && *p) {
                while (*p == ' ' || *p == '\t' || *p == '\n')
                        p++;
                if (!*p)
                        break;
                p = sq_word(p, &k);
                if (*p == '=') {
                        p = sq_word(p + 1, &v);
                } else if ((eq = strchr(k.buf, '='))) {
                        strbuf_reset(&v);
                        strbuf_addstr(&v, eq + 1);
                        k.len = (size_t)(eq - k.buf);
                        k.buf[k.len] = '\0';
                } else {
                        continue; /* a key without a value */
                }
                if (strcasecmp(k.buf, key) == 0) {
                        free(*val);
                        *val = xstrdup(v.buf);
                }
        }
        strbuf_release(&k);
        strbuf_release(&v);
}

char *mergetext_env_config(const char *key)
{
        const char *count = getenv("GIT_CONFIG_COUNT"), *k, *v;
        char name[40], *val = NULL;
        long i, n = count ? strtol(count, NULL, 10) : 0;

        for (i = 0; i < n && i < 100000; i++) {
                snprintf(name, sizeof(name), "GIT_CONFIG_KEY_%ld", i);
                k = getenv(name);
                snprintf(name, sizeof(name), "GIT_CONFIG_VALUE_%ld", i);
                v = getenv(name);
                if (k && v && strcasecmp(k, key) == 0) {
                        free(val);
                        val = xstrdup(v);
                }
        }
        from_parameters(getenv("GIT_CONFIG_PARAMETERS"), key, &val);
        return val;
}
