/*
 * libFuzzer harness: three versions of an office file -> merge_run.
 *
 * Input: base, a NUL, ours, a NUL, theirs (fewer NULs: skipped).  The
 * first byte's low bits choose the style (diff3) and whether to build an
 * ancestor.  Checked:
 *   - no crash, leak or undefined behaviour;
 *   - a result of 0: the text loads as a valid office;
 *   - MERGE_CONFLICTS: not for an ancestor; the text holds one marker
 *     block per region ('<<<<<<<', '=======', '>>>>>>>' in order, '|||||||'
 *     in diff3), every conflict's line is the line of a '<<<<<<<', and
 *     every line outside the markers comes from ours or theirs (compared
 *     without comments, white space and quotes, since a value taken from
 *     theirs is written, without its comments, in our indentation and
 *     quoting), or part of a value that either writes on several lines,
 *     or a line with a flow collection or a quoted scalar under a key that
 *     a line of either has (a flow mapping merged within, a value written
 *     in our quoting);
 *   - MERGE_UNREADABLE: a version does not load (checked here too);
 *   - -1 (the merged text failed verification: a safe refusal, nothing
 *     written) fails only with FUZZ_MERGE_STRICT=1 set.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/diag.h"
#include "roadmap/load.h"
#include "roadmap/merge.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void die(const char *what)
{
        fprintf(stderr, "fuzz_merge: %s\n", what);
        abort();
}

static bool loads(const char *buf, size_t len)
{
        struct loaded l;
        struct diag_list dl = DIAG_LIST_INIT;
        int rc;

        loaded_init(&l);
        rc = load_bytes(&l, LOAD_OFFICE, "x", buf, len, NULL, &dl);
        loaded_release(&l);
        diag_list_release(&dl);
        return rc == 0;
}

/* A line without its comment, white space and quotes (malloc'd). */
static char *norm(const char *s, size_t n)
{
        char *r = xmalloc(n + 1);
        size_t i, k = 0;

        for (i = 0; i < n; i++) {
                if (s[i] == '#' &&
                    (i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t'))
                        break;
                if (!strchr(" \t\r'\"", s[i]))
                        r[k++] = s[i];
        }
        r[k] = '\0';
        return r;
}

struct lines {
        char **v;
        size_t n, cap;
};

static void add_lines(struct lines *ls, const char *buf, size_t len)
{
        size_t p = 0;

        while (p < len) {
                const char *nl = memchr(buf + p, '\n', len - p);
                size_t e = nl ? (size_t)(nl - buf) : len;
                ls->v = xgrow(ls->v, &ls->cap, ls->n + 1, sizeof(*ls->v));
                ls->v[ls->n++] = norm(buf + p, e - p);
                p = e + 1;
        }
}

/* Each line's key: its text up to its first ':'. */
static void add_prefixes(struct lines *ls, const struct lines *all)
{
        size_t i, k;

        for (i = 0; i < all->n; i++) {
                k = strcspn(all->v[i], ":");
                if (!all->v[i][k])
                        continue;
                ls->v = xgrow(ls->v, &ls->cap, ls->n + 1, sizeof(*ls->v));
                ls->v[ls->n++] = xstrndup(all->v[i], k + 1);
        }
}

static void free_lines(struct lines *ls)
{
        size_t i;

        for (i = 0; i < ls->n; i++)
                free(ls->v[i]);
        free(ls->v);
}

static int cmp_str(const void *a, const void *b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_marker(const char *s, size_t n, char c)
{
        size_t i;

        for (i = 0; i < 7; i++)
                if (i >= n || s[i] != c)
                        return false;
        return n == 7 || s[7] == ' ' || s[7] == '\r';
}

/* Whether a line of the result is one of ours or theirs, part of one of
 * their values written on several lines (joined: each file's normalised
 * lines joined), or a line with a flow collection or a quoted scalar (merged
 * within, or written in our quoting) under a key of theirs or ours. */
static bool known_line(const struct lines *known, const struct lines *flow,
                       const struct strbuf *joined, const char *s, size_t n)
{
        char *key = norm(s, n);
        size_t k = strcspn(key, ":");
        bool rewritten = memchr(s, '{', n) || memchr(s, '[', n) ||
                         memchr(s, '"', n) || memchr(s, '\'', n);
        bool ok = known->n &&
                  bsearch(&key, known->v, known->n, sizeof(char *), cmp_str);

        if (!ok && *key)
                ok = strstr(joined->buf, key) != NULL;

        if (!ok && rewritten && key[k] && flow->n) {
                key[k + 1] = '\0';
                ok = bsearch(&key, flow->v, flow->n, sizeof(char *), cmp_str);
        }
        free(key);
        return ok;
}

static void check_conflicts(const struct merge_result *res,
                            const struct lines *known, const struct lines *flow,
                            const struct strbuf *joined, bool diff3)
{
        const char *buf = res->out.buf;
        size_t p = 0, len = res->out.len, line = 1, blocks = 0, i;
        int state = 0; /* 0 outside, 1 ours, 2 base, 3 theirs */

        while (p < len) {
                const char *nl = memchr(buf + p, '\n', len - p);
                size_t e = nl ? (size_t)(nl - buf) : len;
                const char *s = buf + p;
                if (is_marker(s, e - p, '<')) {
                        if (state != 0)
                                die("nested '<<<<<<<'");
                        for (i = 0; i < res->nconflicts; i++)
                                blocks += res->conflicts[i].line == (int)line;
                        state = 1;
                } else if (is_marker(s, e - p, '|') && state == 1 && diff3) {
                        state = 2;
                } else if (is_marker(s, e - p, '=') &&
                           state == (diff3 ? 2 : 1)) {
                        state = 3;
                } else if (is_marker(s, e - p, '>') && state == 3) {
                        state = 0;
                } else if (state == 0 &&
                           !known_line(known, flow, joined, s, e - p)) {
                        die("a line outside the markers comes from neither "
                            "side");
                }
                p = e + 1;
                line++;
        }
        if (state != 0)
                die("an unfinished marker block");
        if (blocks != res->nconflicts || !res->nconflicts)
                die("a conflict's line is not a '<<<<<<<'");
}

static void check(const struct merge_opts *o, const struct merge_input *in,
                  const struct merge_result *res, int rc)
{
        struct lines known = {NULL, 0, 0}, flow = {NULL, 0, 0};
        struct strbuf joined = STRBUF_INIT;
        size_t i, mark;

        if (rc == 0 && !loads(res->out.buf, res->out.len))
                die("a clean merge that does not load");
        if (rc == MERGE_CONFLICTS && o->ancestor)
                die("conflict markers in an ancestor");
        if (rc == MERGE_UNREADABLE && loads(in[1].buf, in[1].len) &&
            loads(in[2].buf, in[2].len) &&
            (in[0].len == 0 || loads(in[0].buf, in[0].len)))
                die("unreadable, yet every version loads");
        if (rc == -1 && getenv("FUZZ_MERGE_STRICT"))
                die("the merged text failed verification");
        if (rc != 0 && rc != MERGE_CONFLICTS && res->out.len)
                die("text with a failed merge");
        if (rc != MERGE_CONFLICTS)
                return;
        add_lines(&known, in[1].buf, in[1].len);
        for (i = 0; i < known.n; i++)
                strbuf_addstr(&joined, known.v[i]);
        strbuf_addch(&joined, '\n');
        mark = known.n;
        add_lines(&known, in[2].buf, in[2].len);
        for (i = mark; i < known.n; i++)
                strbuf_addstr(&joined, known.v[i]);
        add_prefixes(&flow, &known);
        if (known.n)
                qsort(known.v, known.n, sizeof(char *), cmp_str);
        if (flow.n)
                qsort(flow.v, flow.n, sizeof(char *), cmp_str);
        check_conflicts(res, &known, &flow, &joined,
                        o->style == MERGE_STYLE_DIFF3);
        strbuf_release(&joined);
        free_lines(&known);
        free_lines(&flow);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        const char *p = (const char *)data, *z1, *z2;
        struct merge_input in[3];
        struct merge_opts o;
        struct merge_result res;
        struct diag_list dl = DIAG_LIST_INIT;
        int rc;

        if (size < 2 || !(z1 = memchr(p + 1, '\0', size - 1)) ||
            !(z2 = memchr(z1 + 1, '\0', size - (size_t)(z1 + 1 - p))))
                return 0;
        memset(&o, 0, sizeof(o));
        o.kind = LOAD_OFFICE;
        o.style = (data[0] & 1) ? MERGE_STYLE_DIFF3 : MERGE_STYLE_MERGE;
        o.ancestor = (data[0] & 6) == 6;
        o.label_ours = "ours";
        in[0] = (struct merge_input){"base", p + 1, (size_t)(z1 - p - 1)};
        in[1] = (struct merge_input){"ours", z1 + 1, (size_t)(z2 - z1 - 1)};
        in[2] =
            (struct merge_input){"theirs", z2 + 1, size - (size_t)(z2 + 1 - p)};
        merge_result_init(&res);
        rc = merge_run(&o, &in[0], &in[1], &in[2], &res, &dl);
        if (rc != 0 && rc != -1 && rc != MERGE_CONFLICTS &&
            rc != MERGE_UNREADABLE && rc != MERGE_INVALID)
                die("an unknown result");
        check(&o, in, &res, rc);
        merge_result_release(&res);
        diag_list_release(&dl);
        return 0;
}
