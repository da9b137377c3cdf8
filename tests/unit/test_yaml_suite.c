/*
 * The YAML test suite (ROADMAP_YAML_SUITE_DIR: tests/yaml-test-suite, a
 * copy of its cases) run through yamldoc.
 *
 * For every case (a directory with in.yaml, or its numbered sub-folders):
 *   - a case marked `error` must be rejected;
 *   - a case outside the subset (anchors, aliases, tags, several documents,
 *     complex or duplicate keys, read from test.event) must be rejected
 *     with the subset's own messages only, never a libyaml syntax message;
 *   - every other case must be accepted and mean what in.json says: plain
 *     scalars resolve by the YAML 1.2 core schema, other scalars are
 *     strings, keys compare as their text;
 *   - in every accepted case, every scalar's span, cut out of the input,
 *     parses back to the same value and style (see check_span()).
 * The cases libyaml 0.2.5 itself gets wrong are listed in misread[] with
 * the reason; the test asserts that exactly those cases disagree.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "roadmap/diag.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"
#include "roadmap/yamldoc.h"

#define SUITE_DIR ROADMAP_YAML_SUITE_DIR

struct misread {
        const char *id;
        const char *reason;
};

/*
 * Cases where libyaml 0.2.5 itself disagrees with the suite (and so does
 * yamldoc, which takes libyaml's reading): each reason says what libyaml
 * does.  "rejects" cases are valid YAML libyaml refuses; "accepts" cases
 * are invalid YAML libyaml takes; "reads"/"drops" cases get another value.
 */
static const struct misread misread[] = {
    {"2JQS", "rejects an empty implicit key (': a') in a block mapping"},
    {"2LFX", "rejects a reserved directive (%FOO) that YAML says to ignore"},
    {"4ABK",
     "rejects ':' followed by ',' in a flow mapping ('omitted value:,')"},
    {"4MUZ/00", "rejects a flow mapping ':' on the line after a quoted key"},
    {"4MUZ/01", "rejects a flow mapping ':' on the line after a quoted key"},
    {"4MUZ/02", "rejects a flow mapping ':' on the line after its key"},
    {"58MP", "rejects a flow value that starts with ':' ('{x: :x}')"},
    {"5MUD", "rejects a flow mapping ':' on the line after a quoted key"},
    {"5T43", "rejects a flow value that starts with ':' after a quoted key"},
    {"652Z", "reads '?foo' in a flow mapping as the explicit key 'foo'"},
    {"6BCT", "rejects a tab after '-' as separation ('-\tbaz')"},
    {"6CA3", "rejects a tab before a top-level flow sequence"},
    {"6LVF", "rejects a reserved directive (%FOO) that YAML says to ignore"},
    {"7Z25", "rejects a bare document after '...'"},
    {"8XYN", "rejects an anchor name with non-ASCII characters"},
    {"96NN/00", "rejects a tab at the start of a block scalar's content"},
    {"96NN/01", "rejects a tab at the start of a block scalar's content"},
    {"9C9N", "accepts a flow sequence indented less than its key"},
    {"9JBA", "accepts a comment without a space after ']'"},
    {"9SA2", "rejects a multi-line double-quoted key in a flow mapping"},
    {"A2M4", "rejects a tab after '-' as separation"},
    {"BEC7", "rejects %YAML 1.3 (YAML says: warn and go on)"},
    {"CFD4", "rejects an empty key in a single-pair flow sequence ('[ : x ]')"},
    {"CVW2", "accepts a comment without a space after ','"},
    {"DBG4", "rejects a plain scalar starting with '::' in a flow sequence"},
    {"DK3J", "rejects a top-level block scalar at indentation 0"},
    {"DK95/00", "rejects a tab after the indentation before a mapping value"},
    {"DK95/01", "accepts a tab as indentation of a quoted continuation line"},
    {"DK95/03", "rejects a line of a space and a tab before the first key"},
    {"DK95/04", "rejects a line holding only a tab between mapping entries"},
    {"FP8R", "rejects a top-level block scalar at indentation 0"},
    {"FRK4", "rejects ':' followed by ',' in a flow mapping ('? foo :,')"},
    {"G5U8", "accepts '-' as a plain scalar in a flow sequence"},
    {"HM87/00", "rejects a flow plain scalar that starts with ':' ('[:x]')"},
    {"HM87/01", "reads '[?x]' as a mapping with the explicit key 'x'"},
    {"HWV9", "rejects a stream holding only '...'"},
    {"JEF9/02",
     "drops the line break kept by '|+' before a last line of spaces"},
    {"K3WX", "rejects a flow mapping ':' after a comment on the next line"},
    {"L24T/01", "drops a last line of spaces from a literal scalar"},
    {"M7A3", "rejects a bare document after '...'"},
    {"MUS6/00", "accepts '%YAML 1.1#...' (a comment without a space)"},
    {"MUS6/05", "rejects a reserved directive (%YAM)"},
    {"MUS6/06", "rejects a reserved directive (%YAMLL)"},
    {"NHX8", "rejects an empty implicit key (':') in a block mapping"},
    {"NJ66", "rejects a multi-line plain key in a flow mapping"},
    {"NKF9",
     "rejects an empty implicit key (': empty key') in a block mapping"},
    {"Q5MG", "rejects a tab before a top-level flow mapping"},
    {"QB6E", "accepts a quoted continuation line indented less than its key"},
    {"QT73", "rejects a stream of a comment and '...'"},
    {"R4YG", "rejects a tab on a leading empty line of a folded scalar"},
    {"S3PD",
     "rejects an empty implicit key (': # Both empty') in a block mapping"},
    {"S98Z", "accepts a block scalar's leading empty line more indented than "
             "its content"},
    {"SM9W/01", "rejects a stream of one ':'"},
    {"SU5Z", "accepts a comment without a space after a quoted scalar"},
    {"UKK6/00", "rejects '- :' (an empty key and value)"},
    {"UT92",
     "reads '%' at the start of a line in a flow mapping as a directive"},
    {"VJP3/01", "rejects a flow mapping ':' on the line after its key"},
    {"W4TN", "rejects a top-level literal at indentation 0 ('%!PS' read as a "
             "directive)"},
    {"W5VH", "rejects an anchor name with ':@*!$\"<>' characters"},
    {"X4QW",
     "accepts a comment without a space after a block scalar indicator"},
    {"Y79Y/001", "rejects a tab on an empty line of a literal scalar"},
    {"Y79Y/003", "accepts a tab as indentation in a flow sequence"},
    {"Y79Y/010", "rejects a tab after '-' as separation"},
    {"YJV2", "accepts '-' as a flow sequence entry"},
    {NULL, NULL},
};

/* ---- files -------------------------------------------------------------- */

static bool read_file(const char *dir, const char *name, struct strbuf *sb)
{
        char *path = xasprintf("%s/%s", dir, name);
        int rc;

        strbuf_reset(sb);
        rc = strbuf_read_file(sb, path, 64u << 20);
        free(path);
        return rc == 0;
}

static bool file_exists(const char *dir, const char *name)
{
        char *path = xasprintf("%s/%s", dir, name);
        struct stat st;
        bool ok = stat(path, &st) == 0;

        free(path);
        return ok;
}

static int cmp_str(const void *a, const void *b)
{
        return strcmp(*(char *const *)a, *(char *const *)b);
}

static bool is_case_name(const char *s)
{
        size_t i;

        if (strlen(s) != 4)
                return false;
        for (i = 0; i < 4; i++)
                if (!((s[i] >= '0' && s[i] <= '9') ||
                      (s[i] >= 'A' && s[i] <= 'Z')))
                        return false;
        return true;
}

/* Case ids ("229Q", "2G84/00"), sorted. */
static char **list_cases(size_t *n)
{
        DIR *d = opendir(SUITE_DIR), *sub;
        struct dirent *e, *se;
        char **ids = NULL, *dir;
        size_t cap = 0;

        *n = 0;
        if (!d)
                return NULL;
        while ((e = readdir(d)) != NULL) {
                if (!is_case_name(e->d_name))
                        continue;
                dir = xasprintf("%s/%s", SUITE_DIR, e->d_name);
                if (file_exists(dir, "in.yaml")) {
                        ids = xgrow(ids, &cap, *n + 1, sizeof(*ids));
                        ids[(*n)++] = xstrdup(e->d_name);
                } else if ((sub = opendir(dir)) != NULL) {
                        while ((se = readdir(sub)) != NULL) {
                                char *sd;
                                if (se->d_name[0] < '0' || se->d_name[0] > '9')
                                        continue;
                                sd = xasprintf("%s/%s", dir, se->d_name);
                                if (file_exists(sd, "in.yaml")) {
                                        ids = xgrow(ids, &cap, *n + 1,
                                                    sizeof(*ids));
                                        ids[(*n)++] = xasprintf(
                                            "%s/%s", e->d_name, se->d_name);
                                }
                                free(sd);
                        }
                        closedir(sub);
                }
                free(dir);
        }
        closedir(d);
        qsort(ids, *n, sizeof(*ids), cmp_str);
        return ids;
}

/* ---- canonical form ------------------------------------------------------ */

static void canon_string(struct strbuf *sb, const char *s, size_t n)
{
        strbuf_addf(sb, "s%zu:", n);
        strbuf_add(sb, s, n);
}

static void canon_number(struct strbuf *sb, double d)
{
        if (isnan(d))
                strbuf_addstr(sb, "nan");
        else
                strbuf_addf(sb, "n%.17g", d);
}

static bool all_of(const char *s, size_t n, const char *set)
{
        size_t i;

        for (i = 0; i < n; i++)
                if (!strchr(set, s[i]))
                        return false;
        return n > 0;
}

static bool one_of(const char *s, size_t n, const char *const *words)
{
        for (; *words; words++)
                if (strlen(*words) == n && memcmp(*words, s, n) == 0)
                        return true;
        return false;
}

/* A YAML 1.2 core schema float:
 * [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)? */
static bool core_float(const char *s, size_t n)
{
        size_t i = 0, digits = 0;

        if (i < n && (s[i] == '-' || s[i] == '+'))
                i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
                i++, digits++;
        if (i < n && s[i] == '.') {
                size_t frac = 0;
                i++;
                while (i < n && s[i] >= '0' && s[i] <= '9')
                        i++, frac++;
                if (!digits && !frac)
                        return false;
        } else if (!digits) {
                return false;
        }
        if (i < n && (s[i] == 'e' || s[i] == 'E')) {
                size_t exp = 0;
                i++;
                if (i < n && (s[i] == '-' || s[i] == '+'))
                        i++;
                while (i < n && s[i] >= '0' && s[i] <= '9')
                        i++, exp++;
                if (!exp)
                        return false;
        }
        return i == n;
}

static void canon_plain(struct strbuf *sb, const char *s, size_t n)
{
        static const char *const nulls[] = {"",     "~",    "null",
                                            "Null", "NULL", NULL};
        static const char *const trues[] = {"true", "True", "TRUE", NULL};
        static const char *const falses[] = {"false", "False", "FALSE", NULL};
        static const char *const infs[] = {".inf",  ".Inf",  ".INF", "+.inf",
                                           "+.Inf", "+.INF", NULL};
        static const char *const ninfs[] = {"-.inf", "-.Inf", "-.INF", NULL};
        static const char *const nans[] = {".nan", ".NaN", ".NAN", NULL};
        char *tmp;

        if (one_of(s, n, nulls))
                strbuf_addstr(sb, "null");
        else if (one_of(s, n, trues))
                strbuf_addstr(sb, "true");
        else if (one_of(s, n, falses))
                strbuf_addstr(sb, "false");
        else if (one_of(s, n, infs))
                canon_number(sb, HUGE_VAL);
        else if (one_of(s, n, ninfs))
                canon_number(sb, -HUGE_VAL);
        else if (one_of(s, n, nans))
                canon_number(sb, NAN);
        else if (n > 2 && s[0] == '0' && s[1] == 'o' &&
                 all_of(s + 2, n - 2, "01234567")) {
                tmp = xstrndup(s + 2, n - 2);
                canon_number(sb, (double)strtoull(tmp, NULL, 8));
                free(tmp);
        } else if (n > 2 && s[0] == '0' && s[1] == 'x' &&
                   all_of(s + 2, n - 2, "0123456789abcdefABCDEF")) {
                tmp = xstrndup(s + 2, n - 2);
                canon_number(sb, (double)strtoull(tmp, NULL, 16));
                free(tmp);
        } else if (core_float(s, n)) {
                tmp = xstrndup(s, n);
                canon_number(sb, strtod(tmp, NULL));
                free(tmp);
        } else {
                canon_string(sb, s, n);
        }
}

static void canon_node(struct strbuf *sb, const struct ynode *n);

/* Entries "key=value," sorted, so that mappings compare as sets. */
static void canon_sorted(struct strbuf *sb, char **entries, size_t n)
{
        size_t i;

        qsort(entries, n, sizeof(*entries), cmp_str);
        strbuf_addch(sb, '{');
        for (i = 0; i < n; i++) {
                strbuf_addstr(sb, entries[i]);
                free(entries[i]);
        }
        strbuf_addch(sb, '}');
        free(entries);
}

static void canon_mapping(struct strbuf *sb, const struct ynode *m)
{
        char **entries = xcalloc(m->n + 1, sizeof(*entries));
        struct strbuf e;
        size_t i;

        for (i = 0; i < m->n; i++) {
                const struct ynode *k = m->pairs[i].key;
                strbuf_init(&e);
                canon_string(&e, k->value, k->len);
                strbuf_addch(&e, '=');
                canon_node(&e, m->pairs[i].value);
                strbuf_addch(&e, ',');
                entries[i] = strbuf_detach(&e, NULL);
        }
        canon_sorted(sb, entries, m->n);
}

static void canon_node(struct strbuf *sb, const struct ynode *n)
{
        size_t i;

        switch (n->kind) {
        case YNODE_SCALAR:
                if (n->style == YSTYLE_PLAIN)
                        canon_plain(sb, n->value, n->len);
                else
                        canon_string(sb, n->value, n->len);
                break;
        case YNODE_MAPPING:
                canon_mapping(sb, n);
                break;
        case YNODE_SEQUENCE:
                strbuf_addch(sb, '[');
                for (i = 0; i < n->n; i++) {
                        canon_node(sb, n->items[i]);
                        strbuf_addch(sb, ',');
                }
                strbuf_addch(sb, ']');
                break;
        }
}

/* ---- a small JSON reader producing the same canonical form -------------- */

struct json {
        const char *p, *end;
        bool bad;
};

static void json_ws(struct json *j)
{
        while (j->p < j->end && strchr(" \t\r\n", *j->p))
                j->p++;
}

static bool json_lit(struct json *j, const char *w)
{
        size_t n = strlen(w);

        if ((size_t)(j->end - j->p) >= n && memcmp(j->p, w, n) == 0) {
                j->p += n;
                return true;
        }
        return false;
}

static unsigned json_hex4(struct json *j)
{
        unsigned v = 0;
        int i;

        for (i = 0; i < 4; i++, j->p++) {
                char c = j->p < j->end ? *j->p : 'x';
                v <<= 4;
                if (c >= '0' && c <= '9')
                        v |= (unsigned)(c - '0');
                else if (c >= 'a' && c <= 'f')
                        v |= (unsigned)(c - 'a' + 10);
                else if (c >= 'A' && c <= 'F')
                        v |= (unsigned)(c - 'A' + 10);
                else
                        j->bad = true;
        }
        return v;
}

static void utf8_put(struct strbuf *sb, unsigned cp)
{
        if (cp < 0x80) {
                strbuf_addch(sb, (int)cp);
        } else if (cp < 0x800) {
                strbuf_addch(sb, (int)(0xc0 | (cp >> 6)));
                strbuf_addch(sb, (int)(0x80 | (cp & 0x3f)));
        } else if (cp < 0x10000) {
                strbuf_addch(sb, (int)(0xe0 | (cp >> 12)));
                strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3f)));
                strbuf_addch(sb, (int)(0x80 | (cp & 0x3f)));
        } else {
                strbuf_addch(sb, (int)(0xf0 | (cp >> 18)));
                strbuf_addch(sb, (int)(0x80 | ((cp >> 12) & 0x3f)));
                strbuf_addch(sb, (int)(0x80 | ((cp >> 6) & 0x3f)));
                strbuf_addch(sb, (int)(0x80 | (cp & 0x3f)));
        }
}

static void json_escape(struct json *j, struct strbuf *out)
{
        static const char from[] = "\"\\/bfnrt", to[] = "\"\\/\b\f\n\r\t";
        const char *k;
        unsigned cp, lo;

        if (*j->p == 'u') {
                j->p++;
                cp = json_hex4(j);
                if (cp >= 0xd800 && cp < 0xdc00 && json_lit(j, "\\u")) {
                        lo = json_hex4(j);
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
                }
                utf8_put(out, cp);
                return;
        }
        k = strchr(from, *j->p);
        if (!k || !*j->p)
                j->bad = true;
        else
                strbuf_addch(out, to[k - from]);
        j->p++;
}

static void json_string(struct json *j, struct strbuf *sb)
{
        struct strbuf s;

        strbuf_init(&s);
        j->p++; /* the opening quote */
        while (j->p < j->end && *j->p != '"') {
                if (*j->p == '\\') {
                        j->p++;
                        if (j->p >= j->end)
                                break;
                        json_escape(j, &s);
                } else {
                        strbuf_addch(&s, *j->p++);
                }
        }
        if (j->p >= j->end)
                j->bad = true;
        else
                j->p++;
        canon_string(sb, s.buf, s.len);
        strbuf_release(&s);
}

static void json_value(struct json *j, struct strbuf *sb, int depth);

static void json_container(struct json *j, struct strbuf *sb, int depth,
                           char close)
{
        bool object = close == '}';
        char **entries = NULL;
        size_t n = 0, cap = 0;
        struct strbuf e;

        j->p++;
        while (!j->bad) {
                json_ws(j);
                if (n == 0 && j->p < j->end && *j->p == close) {
                        j->p++;
                        break;
                }
                strbuf_init(&e);
                if (object) {
                        if (j->p >= j->end || *j->p != '"')
                                j->bad = true;
                        else
                                json_string(j, &e);
                        json_ws(j);
                        if (!json_lit(j, ":"))
                                j->bad = true;
                        strbuf_addch(&e, '=');
                }
                json_value(j, &e, depth + 1);
                strbuf_addch(&e, ',');
                entries = xgrow(entries, &cap, n + 1, sizeof(*entries));
                entries[n++] = strbuf_detach(&e, NULL);
                json_ws(j);
                if (json_lit(j, ","))
                        continue;
                if (j->p < j->end && *j->p == close)
                        j->p++;
                else
                        j->bad = true;
                break;
        }
        if (object) {
                canon_sorted(sb, entries ? entries : xcalloc(1, sizeof(char *)),
                             n);
                return;
        }
        strbuf_addch(sb, '[');
        for (size_t i = 0; i < n; i++) {
                strbuf_addstr(sb, entries[i]);
                free(entries[i]);
        }
        free(entries);
        strbuf_addch(sb, ']');
}

static void json_value(struct json *j, struct strbuf *sb, int depth)
{
        char *endp;
        double d;

        json_ws(j);
        if (j->p >= j->end || depth > 200) {
                j->bad = true;
        } else if (*j->p == '{') {
                json_container(j, sb, depth, '}');
        } else if (*j->p == '[') {
                json_container(j, sb, depth, ']');
        } else if (*j->p == '"') {
                json_string(j, sb);
        } else if (json_lit(j, "null")) {
                strbuf_addstr(sb, "null");
        } else if (json_lit(j, "true")) {
                strbuf_addstr(sb, "true");
        } else if (json_lit(j, "false")) {
                strbuf_addstr(sb, "false");
        } else {
                d = strtod(j->p, &endp);
                if (endp == j->p)
                        j->bad = true;
                else
                        canon_number(sb, d);
                j->p = endp > j->p ? endp : j->p + 1;
        }
}

/* The canonical form of every JSON value in text; returns their number or
 * -1 if the text is not JSON. */
static int json_canon(const char *text, size_t len, struct strbuf *sb)
{
        struct json j = {text, text + len, false};
        int n = 0;

        for (;;) {
                json_ws(&j);
                if (j.p >= j.end)
                        break;
                if (n++)
                        strbuf_addch(sb, '|');
                json_value(&j, sb, 0);
                if (j.bad)
                        return -1;
        }
        return n;
}

/* ---- what a case holds, from test.event --------------------------------- */

enum feature {
        F_ANCHOR = 1,
        F_ALIAS = 2,
        F_TAG = 4,
        F_DOCS = 8,
        F_COMPLEX_KEY = 16,
        F_DUP_KEY = 32,
        F_DEPTH = 64,
};

static const char *const feature_msg[] = {
    "anchors are not allowed",      "aliases are not allowed",
    "tags are not allowed",         "a second document is not allowed",
    "mapping keys must be scalars", "duplicate key",
    "nesting is deeper than",
};

#define EV_MAX_DEPTH 256

struct ev_frame {
        bool map;
        size_t count;
        size_t nkeys;
        char *keys[64];
};

/* The properties of an event line ("+MAP {} &a <tag>", "=VAL &a :x"). */
static unsigned event_properties(const char *line)
{
        const char *p = strchr(line, ' ');
        unsigned f = 0;

        while (p && *p == ' ') {
                p++;
                if (*p == '&')
                        f |= F_ANCHOR;
                else if (*p == '<')
                        f |= F_TAG;
                else if (strncmp(p, "{}", 2) != 0 && strncmp(p, "[]", 2) != 0)
                        break;
                p = strchr(p, ' ');
        }
        return f;
}

/* The scalar text of a "=VAL" line ("=VAL :x" gives ":x"), kept escaped. */
static const char *event_value(const char *line)
{
        const char *p = line + 4;

        while (*p == ' ') {
                p++;
                if (*p == '&' || *p == '<')
                        p = strchr(p, ' ');
                else
                        return p + 1;
                if (!p)
                        return "";
        }
        return "";
}

static void frame_child(struct ev_frame *f, unsigned *feat, bool collection,
                        const char *key)
{
        size_t i;

        if (!f)
                return;
        if (f->map && f->count % 2 == 0) {
                if (collection) {
                        *feat |= F_COMPLEX_KEY;
                } else if (key) {
                        for (i = 0; i < f->nkeys; i++)
                                if (strcmp(f->keys[i], key) == 0)
                                        *feat |= F_DUP_KEY;
                        if (f->nkeys < 64)
                                f->keys[f->nkeys++] = xstrdup(key);
                }
        }
        f->count++;
}

static void frame_free(struct ev_frame *f)
{
        size_t i;

        for (i = 0; i < f->nkeys; i++)
                free(f->keys[i]);
}

static unsigned case_features(const char *events)
{
        struct ev_frame *st = xcalloc(EV_MAX_DEPTH, sizeof(*st));
        char *copy = xstrdup(events), *save = NULL, *line;
        unsigned feat = 0;
        int depth = 0, docs = 0;

        for (line = strtok_r(copy, "\n", &save); line;
             line = strtok_r(NULL, "\n", &save)) {
                struct ev_frame *f = depth ? &st[depth - 1] : NULL;
                feat |= event_properties(line);
                if (strncmp(line, "+DOC", 4) == 0 && ++docs > 1)
                        feat |= F_DOCS;
                if (strncmp(line, "=ALI", 4) == 0) {
                        feat |= F_ALIAS;
                        frame_child(f, &feat, false, NULL);
                } else if (strncmp(line, "=VAL", 4) == 0) {
                        frame_child(f, &feat, false, event_value(line));
                } else if (strncmp(line, "+MAP", 4) == 0 ||
                           strncmp(line, "+SEQ", 4) == 0) {
                        frame_child(f, &feat, true, NULL);
                        if (depth >= EV_MAX_DEPTH)
                                break;
                        memset(&st[depth], 0, sizeof(st[depth]));
                        st[depth].map = line[1] == 'M';
                        depth++;
                        if (depth > YAMLDOC_MAX_DEPTH)
                                feat |= F_DEPTH;
                } else if ((strncmp(line, "-MAP", 4) == 0 ||
                            strncmp(line, "-SEQ", 4) == 0) &&
                           depth > 0) {
                        frame_free(&st[--depth]);
                }
        }
        while (depth > 0)
                frame_free(&st[--depth]);
        free(copy);
        free(st);
        return feat;
}

/* ---- spans --------------------------------------------------------------- */

static const struct ynode *block_ancestor(const struct ynode *n)
{
        const struct ynode *p = n->parent;

        while (p && p->flow)
                p = p->parent;
        return p;
}

static bool is_key(const struct ynode *n)
{
        const struct ynode *m = n->parent;
        size_t i;

        for (i = 0; m && m->kind == YNODE_MAPPING && i < m->n; i++)
                if (m->pairs[i].key == n)
                        return true;
        return false;
}

static void add_spaces(struct strbuf *sb, int n)
{
        while (n-- > 0)
                strbuf_addch(sb, ' ');
}

/* Where the scalar sits in the wrapped document (see check_span()). */
static const struct ynode *unwrap(const struct ynode *root, bool value_of_k,
                                  bool flow, bool key)
{
        const struct ynode *n = root;

        if (n && value_of_k)
                n = n->kind == YNODE_MAPPING && n->n == 1 ? n->pairs[0].value
                                                          : NULL;
        if (n && flow && !key)
                n = n->kind == YNODE_SEQUENCE && n->n == 1 ? n->items[0] : NULL;
        if (n && key)
                n = n->kind == YNODE_MAPPING && n->n == 1 ? n->pairs[0].key
                                                          : NULL;
        return n;
}

/*
 * Cut the scalar's span out of the input and parse it again, in the same
 * context at its original indentation.  libyaml decides where multi-line
 * and block scalars end, and what an indentation indicator means, from the
 * column of the innermost block collection, so a scalar whose nearest block
 * ancestor sits at column c is read inside a one-key mapping at column c
 * ("k: " + span); in a flow collection it is read inside "[span]" (or
 * "{span: x}" for a key); a block mapping's key is read as a key at column
 * c ("span: x", or "? span" + newline + ": x" when it spans lines).  A
 * scalar with no block ancestor is read at the top.  A block scalar's span
 * ends before the line break of its last line, so that line break (if any)
 * is added back.  The value and the style must come back.
 */
static void wrap_span(const struct yamldoc *doc, const struct ynode *n,
                      struct strbuf *text, bool *value_of_k, bool *flow,
                      bool *key)
{
        const struct ynode *p = block_ancestor(n);
        size_t end = n->end;
        bool multiline;

        if (n->style == YSTYLE_LITERAL || n->style == YSTYLE_FOLDED) {
                if (end < doc->len && doc->buf[end] == '\r')
                        end++;
                if (end < doc->len && doc->buf[end] == '\n')
                        end++;
        }
        multiline = memchr(doc->buf + n->start, '\n', end - n->start) != NULL;
        *key = is_key(n);
        *flow = n->parent && n->parent->flow;
        *value_of_k = p && (*flow || !*key);
        if (p)
                add_spaces(text, p->col - 1);
        if (*value_of_k)
                strbuf_addstr(text, "k: ");
        if (*flow)
                strbuf_addstr(text, !*key ? "[" : multiline ? "{? " : "{");
        else if (*key && multiline)
                strbuf_addstr(text, "? ");
        strbuf_add(text, doc->buf + n->start, end - n->start);
        if (*flow) {
                strbuf_addstr(text, *key ? ": x}" : "]");
        } else if (*key && multiline) {
                if (text->buf[text->len - 1] != '\n')
                        strbuf_addch(text, '\n');
                add_spaces(text, p ? p->col - 1 : 0);
                strbuf_addstr(text, ": x");
        } else if (*key) {
                strbuf_addstr(text, ": x");
        }
}

static bool check_span(const struct yamldoc *doc, const struct ynode *n,
                       struct strbuf *why)
{
        const struct ynode *got;
        struct strbuf text;
        struct diag_list dl = DIAG_LIST_INIT;
        struct yamldoc re;
        bool ok, value_of_k, flow, key;

        if (n->start == n->end) /* an empty node: nothing to read back */
                return n->len == 0 && n->style == YSTYLE_PLAIN;
        strbuf_init(&text);
        wrap_span(doc, n, &text, &value_of_k, &flow, &key);
        yamldoc_init(&re);
        if (yamldoc_parse(&re, "span", text.buf, text.len, &dl) < 0)
                got = NULL;
        else
                got = unwrap(re.root, value_of_k, flow, key);
        if (!got && !re.root && n->len == 0 && dl.n == 0)
                ok = true; /* an empty span is an empty document */
        else
                ok = got && got->kind == YNODE_SCALAR && got->len == n->len &&
                     memcmp(got->value, n->value, n->len) == 0 &&
                     (got->style == n->style || n->len == 0);
        if (!ok) {
                strbuf_addf(why, "span %zu..%zu of '", n->start, n->end);
                strbuf_add_escaped(why, n->value, n->len);
                strbuf_addstr(why, "' reads back as ");
                if (got) {
                        strbuf_addch(why, '\'');
                        strbuf_add_escaped(why, got->value, got->len);
                        strbuf_addch(why, '\'');
                } else {
                        strbuf_addstr(why, "nothing from '");
                        strbuf_add_escaped(why, text.buf, text.len);
                        strbuf_addch(why, '\'');
                        if (dl.n)
                                strbuf_addf(why, " (%s)", dl.items[0].msg);
                }
        }
        yamldoc_release(&re);
        diag_list_release(&dl);
        strbuf_release(&text);
        return ok;
}

static bool check_spans(const struct yamldoc *doc, const struct ynode *n,
                        struct strbuf *why)
{
        size_t i;

        if (!n)
                return true;
        if (n->start > n->end || n->end > doc->len) {
                strbuf_addf(why, "bad span %zu..%zu", n->start, n->end);
                return false;
        }
        if (n->kind == YNODE_SCALAR)
                return check_span(doc, n, why);
        for (i = 0; i < n->n; i++) {
                if (n->kind == YNODE_MAPPING) {
                        if (!check_spans(doc, n->pairs[i].key, why) ||
                            !check_spans(doc, n->pairs[i].value, why))
                                return false;
                } else if (!check_spans(doc, n->items[i], why)) {
                        return false;
                }
        }
        return true;
}

/* ---- one case ------------------------------------------------------------ */

struct tally {
        size_t cases, accepted_match, rejected_error, rejected_subset;
        char **wrong;  /* case ids */
        char **detail; /* what went wrong, for each */
        size_t nwrong, capwrong, capdetail;
};

static void wrong(struct tally *t, const char *id, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void wrong(struct tally *t, const char *id, const char *fmt, ...)
{
        va_list ap;
        struct strbuf sb;

        strbuf_init(&sb);
        va_start(ap, fmt);
        strbuf_vaddf(&sb, fmt, ap);
        va_end(ap);
        t->wrong =
            xgrow(t->wrong, &t->capwrong, t->nwrong + 1, sizeof(*t->wrong));
        t->detail =
            xgrow(t->detail, &t->capdetail, t->nwrong + 1, sizeof(*t->detail));
        t->wrong[t->nwrong] = xstrdup(id);
        t->detail[t->nwrong++] = strbuf_detach(&sb, NULL);
}

/* The first message is one of the subset's, for a feature the case has. */
static bool subset_message(const struct diag_list *dl, unsigned feat)
{
        size_t k;

        if (dl->n == 0)
                return false;
        for (k = 0; k < sizeof(feature_msg) / sizeof(*feature_msg); k++)
                if ((feat & (1u << k)) &&
                    strncmp(dl->items[0].msg, feature_msg[k],
                            strlen(feature_msg[k])) == 0)
                        return true;
        return false;
}

static void check_accepted(struct tally *t, const char *id, const char *dir,
                           const struct yamldoc *doc)
{
        struct strbuf json, want, got, why;
        int nvalues = 0;

        strbuf_init(&json);
        strbuf_init(&want);
        strbuf_init(&got);
        strbuf_init(&why);
        if (read_file(dir, "in.json", &json)) {
                nvalues = json_canon(json.buf, json.len, &want);
                if (doc->root)
                        canon_node(&got, doc->root);
                if (nvalues < 0)
                        wrong(t, id, "in.json is not JSON");
                else if (nvalues != (doc->root != NULL) ||
                         strcmp(want.buf, got.buf) != 0)
                        wrong(t, id, "tree %s, in.json %s", got.buf, want.buf);
                else if (!check_spans(doc, doc->root, &why))
                        wrong(t, id, "%s", why.buf);
                else
                        t->accepted_match++;
        } else if (!check_spans(doc, doc->root, &why)) {
                wrong(t, id, "%s", why.buf);
        } else {
                t->accepted_match++;
        }
        strbuf_release(&json);
        strbuf_release(&want);
        strbuf_release(&got);
        strbuf_release(&why);
}

static void run_case(struct tally *t, const char *id)
{
        char *dir = xasprintf("%s/%s", SUITE_DIR, id);
        struct strbuf yaml, events;
        struct diag_list dl = DIAG_LIST_INIT;
        struct yamldoc doc;
        bool error = file_exists(dir, "error");
        unsigned feat;
        int rc;

        strbuf_init(&yaml);
        strbuf_init(&events);
        assert_true(read_file(dir, "in.yaml", &yaml));
        feat = read_file(dir, "test.event", &events) ? case_features(events.buf)
                                                     : 0;
        yamldoc_init(&doc);
        rc = yamldoc_parse(&doc, "in.yaml", yaml.buf, yaml.len, &dl);
        t->cases++;
        if (rc < 0 && (doc.root || dl.n == 0))
                wrong(t, id, "failed without a message or kept a tree");
        else if (error && rc == 0)
                wrong(t, id, "accepted, the suite says it is invalid");
        else if (error)
                t->rejected_error++;
        else if (feat && rc == 0)
                wrong(t, id, "accepted outside the subset (features 0x%x)",
                      feat);
        else if (feat && !subset_message(&dl, feat))
                wrong(t, id, "rejected with '%s'", dl.items[0].msg);
        else if (feat)
                t->rejected_subset++;
        else if (rc < 0)
                wrong(t, id, "rejected: %d:%d: %s", dl.items[0].line,
                      dl.items[0].col, dl.items[0].msg);
        else
                check_accepted(t, id, dir, &doc);
        yamldoc_release(&doc);
        diag_list_release(&dl);
        strbuf_release(&yaml);
        strbuf_release(&events);
        free(dir);
}

/* The invariants of any parse: a failure leaves no tree and says why; a
 * tree's spans nest inside the buffer and their parents. */
static void check_tree(const struct yamldoc *doc, const struct ynode *n)
{
        size_t i;

        if (!n)
                return;
        assert_true(n->start <= n->end && n->end <= doc->len);
        assert_true(n->line >= 1 && n->col >= 1);
        assert_true(n->depth >= 1 && n->depth <= YAMLDOC_MAX_DEPTH);
        if (n->parent)
                assert_true(n->start >= n->parent->start &&
                            n->end <= n->parent->end);
        for (i = 0; n->kind != YNODE_SCALAR && i < n->n; i++) {
                if (n->kind == YNODE_MAPPING) {
                        assert_int_equal(n->pairs[i].key->kind, YNODE_SCALAR);
                        check_tree(doc, n->pairs[i].key);
                        check_tree(doc, n->pairs[i].value);
                } else {
                        check_tree(doc, n->items[i]);
                }
        }
}

/* Every prefix of every input: never a crash, a tree only on success. */
static void test_yaml_suite_prefixes(void **state)
{
        struct strbuf yaml;
        struct yamldoc doc;
        size_t n = 0, i, cut, parses = 0;
        char **ids = list_cases(&n);
        char *dir;

        if (!ids)
                fail_msg("the YAML test suite is missing: %s", SUITE_DIR);
        strbuf_init(&yaml);
        yamldoc_init(&doc);
        for (i = 0; i < n; i++) {
                dir = xasprintf("%s/%s", SUITE_DIR, ids[i]);
                assert_true(read_file(dir, "in.yaml", &yaml));
                for (cut = 0; cut <= yaml.len; cut++, parses++) {
                        struct diag_list dl = DIAG_LIST_INIT;
                        char *copy = xmalloc(cut + 1); /* exact size for ASan */
                        memcpy(copy, yaml.buf, cut);
                        if (yamldoc_parse(&doc, "p", copy, cut, &dl) < 0) {
                                assert_null(doc.root);
                                assert_true(dl.n > 0);
                        } else {
                                assert_int_equal(dl.n, 0);
                                check_tree(&doc, doc.root);
                        }
                        yamldoc_clear(&doc);
                        diag_list_release(&dl);
                        free(copy);
                }
                free(dir);
                free(ids[i]);
        }
        print_message("%zu parses of prefixes of %zu inputs\n", parses, n);
        free(ids);
        yamldoc_release(&doc);
        strbuf_release(&yaml);
}

static void test_yaml_suite(void **state)
{
        struct tally t = {0};
        struct stat st;
        size_t n = 0, i, k, nmis = sizeof(misread) / sizeof(*misread) - 1;
        char **ids;
        bool same = true;

        if (stat(SUITE_DIR, &st) != 0 || !S_ISDIR(st.st_mode))
                fail_msg("the YAML test suite is missing: %s (set "
                         "-DROADMAP_YAML_SUITE_DIR)",
                         SUITE_DIR);
        ids = list_cases(&n);
        assert_true(n > 300);
        for (i = 0; i < n; i++)
                run_case(&t, ids[i]);
        print_message("%zu cases: %zu accepted and agree with in.json, %zu "
                      "rejected as invalid, %zu rejected outside the subset, "
                      "%zu misread by libyaml\n",
                      t.cases, t.accepted_match, t.rejected_error,
                      t.rejected_subset, t.nwrong);
        for (i = 0; i < t.nwrong; i++) {
                for (k = 0; k < nmis && strcmp(misread[k].id, t.wrong[i]); k++)
                        ;
                if (k == nmis) {
                        print_message("not in the misread list: %s: %s\n",
                                      t.wrong[i], t.detail[i]);
                        same = false;
                }
        }
        for (k = 0; k < nmis; k++) {
                for (i = 0; i < t.nwrong && strcmp(misread[k].id, t.wrong[i]);
                     i++)
                        ;
                if (i == t.nwrong) {
                        print_message("listed as misread but now agrees: %s\n",
                                      misread[k].id);
                        same = false;
                }
        }
        for (i = 0; i < n; i++)
                free(ids[i]);
        free(ids);
        for (i = 0; i < t.nwrong; i++) {
                free(t.wrong[i]);
                free(t.detail[i]);
        }
        free(t.wrong);
        free(t.detail);
        assert_true(same);
        assert_int_equal(t.cases, t.accepted_match + t.rejected_error +
                                      t.rejected_subset + t.nwrong);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_yaml_suite),
            cmocka_unit_test(test_yaml_suite_prefixes),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
