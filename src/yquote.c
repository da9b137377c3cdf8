/*
 * yquote: libyaml's emitter chooses the style; the type-resolution rules of
 * YAML 1.2 (core schema), YAML 1.1 and the readers we know decide when a
 * plain scalar must not be used.  See yquote.h.
 */
#include "roadmap/yquote.h"

#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <yaml.h>

#include "roadmap/bangla.h"

/* ---- what a plain scalar is read as --------------------------------------
 *
 * Each matcher takes [p, e) and answers for the whole of it.  Together
 * they are the union of these patterns (each anchored at both ends):
 *
 *   YAML 1.2 core (node-yaml adds a sign to .nan):
 *     [-+]?[0-9]+  0o[0-7]+  0x[0-9a-fA-F]+
 *     [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?
 *     [-+]?\.(inf|Inf|INF|nan|NaN|NAN)
 *   YAML 1.1 (PyYAML) and ruamel.yaml's 1.2 resolver:
 *     [-+]?0b[01_]+  [-+]?0o?[0-7_]+  [-+]?[0-9_]+  [-+]?0x[0-9a-fA-F_]+
 *     [-+]?[1-9][0-9_]*(:[0-5]?[0-9])+
 *     [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\.[0-9_]*
 *     [-+]?([0-9][0-9_]*)?\.[0-9_]*([eE][-+]?[0-9]+)?
 *     [-+]?[0-9][0-9_]*[eE][-+]?[0-9]+
 *     [0-9]{4}-[0-9]{2}-[0-9]{2}
 *     [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}
 *         (\.[0-9]*)?([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?
 *
 * The YAML 1.1 specification's own float pattern also matches "." and
 * "1.2.3"; no reader we know does, so these are strings here (and are
 * quoted all the same by yquote_needs_quotes()).
 */

struct word {
        const char *text;
        enum yquote_type type;
        bool core; /* YAML 1.2 core schema; else YAML 1.1 only */
};

static const struct word words[] = {
    {"~", YQUOTE_NULL, true},     {"null", YQUOTE_NULL, true},
    {"Null", YQUOTE_NULL, true},  {"NULL", YQUOTE_NULL, true},
    {"true", YQUOTE_BOOL, true},  {"True", YQUOTE_BOOL, true},
    {"TRUE", YQUOTE_BOOL, true},  {"false", YQUOTE_BOOL, true},
    {"False", YQUOTE_BOOL, true}, {"FALSE", YQUOTE_BOOL, true},
    {"y", YQUOTE_BOOL, false},    {"Y", YQUOTE_BOOL, false},
    {"yes", YQUOTE_BOOL, false},  {"Yes", YQUOTE_BOOL, false},
    {"YES", YQUOTE_BOOL, false},  {"n", YQUOTE_BOOL, false},
    {"N", YQUOTE_BOOL, false},    {"no", YQUOTE_BOOL, false},
    {"No", YQUOTE_BOOL, false},   {"NO", YQUOTE_BOOL, false},
    {"on", YQUOTE_BOOL, false},   {"On", YQUOTE_BOOL, false},
    {"ON", YQUOTE_BOOL, false},   {"off", YQUOTE_BOOL, false},
    {"Off", YQUOTE_BOOL, false},  {"OFF", YQUOTE_BOOL, false},
    {"<<", YQUOTE_MERGE, false},  {"=", YQUOTE_VALUE, false},
};

static const char digits[] = "0123456789";
static const char digits_[] = "0123456789_";

static bool in(char ch, const char *set)
{
        return ch != '\0' && strchr(set, ch) != NULL;
}

static bool is_digit(char ch)
{
        return ch >= '0' && ch <= '9';
}

/* The number of bytes from p on (before e) that are in set. */
static size_t span(const char *p, const char *e, const char *set)
{
        const char *q = p;

        while (q < e && in(*q, set))
                q++;
        return (size_t)(q - p);
}

/* Advance *p over 1 to max digits; false if there is none. */
static bool take_digits(const char **p, const char *e, size_t max)
{
        size_t k = span(*p, e, digits);

        if (k == 0 || k > max)
                return false;
        *p += k;
        return true;
}

static bool take_char(const char **p, const char *e, const char *set)
{
        if (*p >= e || !in(**p, set))
                return false;
        (*p)++;
        return true;
}

static bool skip_sign(const char **p, const char *e)
{
        return take_char(p, e, "-+");
}

/* .inf or .nan in one of their three spellings. */
static bool inf_or_nan(const char *p, const char *e)
{
        static const char *const names[] = {".inf", ".Inf", ".INF",
                                            ".nan", ".NaN", ".NAN"};
        size_t i, n = (size_t)(e - p);

        for (i = 0; i < sizeof names / sizeof names[0]; i++)
                if (n == 4 && memcmp(p, names[i], 4) == 0)
                        return true;
        return false;
}

/* [eE][-+]?[0-9]+ to the end, or nothing. */
static bool exponent_to_end(const char *p, const char *e)
{
        if (p == e)
                return true;
        if (!take_char(&p, e, "eE"))
                return false;
        skip_sign(&p, e);
        return take_digits(&p, e, SIZE_MAX) && p == e;
}

/* [set]*(\.[set]*)? with a digit before or after the point, then an
 * exponent or nothing, to the end. */
static bool mantissa_exponent(const char *p, const char *e, const char *set)
{
        size_t whole = span(p, e, set), frac = 0;

        p += whole;
        if (p < e && *p == '.') {
                frac = span(p + 1, e, set);
                p += 1 + frac;
        }
        return (whole > 0 || frac > 0) && exponent_to_end(p, e);
}

/* The YAML 1.2 core schema's ints and floats. */
static bool core_number(const char *p, const char *e)
{
        if (e - p > 2 && p[0] == '0' && (p[1] == 'o' || p[1] == 'x'))
                return span(p + 2, e,
                            p[1] == 'o' ? "01234567"
                                        : "0123456789abcdefABCDEF") ==
                       (size_t)(e - p - 2);
        skip_sign(&p, e);
        return inf_or_nan(p, e) || mantissa_exponent(p, e, digits);
}

/* [-+]? already taken: 0b, 0o, 0x and their digits with underscores. */
static bool prefixed_int(const char *p, const char *e)
{
        const char *set;

        if (e - p < 3 || p[0] != '0')
                return false;
        set = p[1] == 'b'   ? "01_"
              : p[1] == 'o' ? "01234567_"
              : p[1] == 'x' ? "0123456789abcdefABCDEF_"
                            : NULL;
        return set && span(p + 2, e, set) == (size_t)(e - p - 2);
}

/* [-+]? already taken: base 60, "1:20" or "1:20:30.5". */
static bool sexagesimal(const char *p, const char *e)
{
        const char *q = p;
        int groups = 0;

        if (q >= e || !is_digit(*q))
                return false;
        q += span(q, e, digits_);
        while (q < e && *q == ':') {
                q++;
                if (e - q >= 2 && q[0] >= '0' && q[0] <= '5' && is_digit(q[1]))
                        q += 2;
                else if (!take_digits(&q, e, 1))
                        return false;
                groups++;
        }
        if (groups == 0)
                return false;
        if (q == e)
                return *p != '0';
        if (*q != '.')
                return false;
        q++;
        return q + span(q, e, digits_) == e;
}

/* Decimal ints and floats with underscores, in any reader's form; signed
 * tells whether a sign was taken (then '_' may come first, as ruamel.yaml
 * reads "-_1"). */
static bool decimal(const char *p, const char *e, bool signed_)
{
        if (p < e && *p == '_' && !signed_)
                return false;
        return mantissa_exponent(p, e, digits_);
}

static bool any_number(const char *p, const char *e)
{
        bool signed_ = skip_sign(&p, e);

        return inf_or_nan(p, e) || prefixed_int(p, e) || sexagesimal(p, e) ||
               decimal(p, e, signed_);
}

/* [ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?) to the end, or nothing. */
static bool zone_to_end(const char *p, const char *e)
{
        p += span(p, e, " \t");
        if (p == e)
                return false;
        if (*p == 'Z')
                return p + 1 == e;
        if (!skip_sign(&p, e) || !take_digits(&p, e, 2))
                return false;
        if (p == e)
                return true;
        return *p == ':' && span(p + 1, e, digits) == 2 && p + 3 == e;
}

/* A YAML 1.1 timestamp: a date, or a date and a time. */
static bool timestamp(const char *p, const char *e)
{
        const char *d = p;

        if (e - p < 8 || span(p, p + 4, digits) != 4 || p[4] != '-')
                return false;
        p += 5;
        if (!take_digits(&p, e, 2) || !take_char(&p, e, "-") ||
            !take_digits(&p, e, 2))
                return false;
        if (p == e)
                return e - d == 10;
        if (!take_char(&p, e, "Tt")) {
                if (span(p, e, " \t") == 0)
                        return false;
                p += span(p, e, " \t");
        }
        if (!take_digits(&p, e, 2) || !take_char(&p, e, ":") ||
            span(p, e, digits) != 2)
                return false;
        p += 2;
        if (!take_char(&p, e, ":") || span(p, e, digits) != 2)
                return false;
        p += 2;
        if (p < e && *p == '.')
                p += 1 + span(p + 1, e, digits);
        return p == e || zone_to_end(p, e);
}

/* The entry of words[] that s[0..n) is, or NULL. */
static const struct word *find_word(const char *s, size_t n)
{
        size_t i;

        for (i = 0; i < sizeof words / sizeof words[0]; i++)
                if (strlen(words[i].text) == n &&
                    memcmp(words[i].text, s, n) == 0)
                        return &words[i];
        return NULL;
}

enum yquote_type yquote_plain_type(const char *s, size_t n, bool *core)
{
        const char *e = s + n;
        const struct word *w;
        enum yquote_type t = YQUOTE_STRING;
        bool in_core = false;

        if (n == 0) {
                t = YQUOTE_NULL;
                in_core = true;
        } else if (!in(s[0], "~nNtTfFyYoO<=-+.0123456789")) {
                t = YQUOTE_STRING; /* no other type starts so */
        } else if ((w = find_word(s, n)) != NULL) {
                t = w->type;
                in_core = w->core;
        } else if (any_number(s, e)) {
                t = YQUOTE_NUMBER;
                in_core = core_number(s, e);
        } else if (timestamp(s, e)) {
                t = YQUOTE_DATE;
        }
        if (core)
                *core = in_core;
        return t;
}

/* yquote_plain_type() == YQUOTE_NULL: null is the empty scalar or a word
 * of words[], so no number or date need be tried. */
bool yquote_is_null(const char *s, size_t n)
{
        const struct word *w;

        return n == 0 || ((w = find_word(s, n)) && w->type == YQUOTE_NULL);
}

bool yquote_resolves_non_string(const char *s, size_t n)
{
        return yquote_plain_type(s, n, NULL) != YQUOTE_STRING;
}

/* Starts like a number and holds only what numbers, times and dates
 * hold. */
static bool looks_numeric(const char *s, size_t n)
{
        static const char chars[] = "0123456789_.:+- \t"
                                    "abcdefghijklmnopqrstuvwxyz"
                                    "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

        return n > 0 && in(s[0], "-+.0123456789") && span(s, s + n, chars) == n;
}

bool yquote_needs_quotes(const char *s, size_t n)
{
        return looks_numeric(s, n) || yquote_resolves_non_string(s, n);
}

const char *yquote_type_name(enum yquote_type t)
{
        static const char *const names[] = {
            "a string", "null",        "a boolean",  "a number",
            "a date",   "a merge key", "a value key"};

        return (size_t)t < sizeof names / sizeof names[0] ? names[t] : "";
}

/* LF, CR, NEL, U+2028 or U+2029: a line break to some reader. */
static bool has_line_break(const char *s, size_t n)
{
        size_t i;

        for (i = 0; i < n; i++) {
                unsigned char c = (unsigned char)s[i];
                if (c == '\n' || c == '\r')
                        return true;
                if (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] == 0x85)
                        return true;
                if (c == 0xe2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                    ((unsigned char)s[i + 2] == 0xa8 ||
                     (unsigned char)s[i + 2] == 0xa9))
                        return true;
        }
        return false;
}

static int to_strbuf(void *data, unsigned char *buf, size_t size)
{
        strbuf_add(data, buf, size);
        return 1;
}

static int emit_scalar(yaml_emitter_t *em, const char *s, size_t n,
                       int plain_ok, yaml_scalar_style_t style)
{
        yaml_event_t ev;

        if (!yaml_scalar_event_initialize(&ev, NULL, NULL,
                                          (yaml_char_t *)(uintptr_t)s, (int)n,
                                          plain_ok, 1, style))
                return 0;
        return yaml_emitter_emit(em, &ev);
}

/* Emit {k: s} as a one-entry mapping in the chosen flow or block style. */
static int emit_doc(yaml_emitter_t *em, const char *s, size_t n, bool flow,
                    int plain_ok, yaml_scalar_style_t style)
{
        yaml_event_t ev;

        if (!yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING) ||
            !yaml_emitter_emit(em, &ev))
                return 0;
        if (!yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1) ||
            !yaml_emitter_emit(em, &ev))
                return 0;
        if (!yaml_mapping_start_event_initialize(
                &ev, NULL, NULL, 1,
                flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE) ||
            !yaml_emitter_emit(em, &ev))
                return 0;
        if (!emit_scalar(em, "k", 1, 1, YAML_PLAIN_SCALAR_STYLE) ||
            !emit_scalar(em, s, n, plain_ok, style))
                return 0;
        if (!yaml_mapping_end_event_initialize(&ev) ||
            !yaml_emitter_emit(em, &ev))
                return 0;
        if (!yaml_document_end_event_initialize(&ev, 1) ||
            !yaml_emitter_emit(em, &ev))
                return 0;
        return yaml_stream_end_event_initialize(&ev) &&
               yaml_emitter_emit(em, &ev);
}

int yquote_string(struct strbuf *out, const char *s, size_t n,
                  enum yquote_ctx ctx)
{
        yaml_emitter_t em;
        struct strbuf text;
        bool flow = ctx == YQUOTE_FLOW;
        const char *open = flow ? "{k: " : "k: ";
        const char *close = flow ? "}\n" : "\n";
        size_t olen = strlen(open), clen = strlen(close);
        yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
        int ok;

        if (n > (size_t)INT_MAX || !bangla_valid_utf8(s, n))
                return -1;
        if (has_line_break(s, n))
                style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
        strbuf_init(&text);
        if (!yaml_emitter_initialize(&em)) {
                strbuf_release(&text);
                return -1;
        }
        yaml_emitter_set_output(&em, to_strbuf, &text);
        yaml_emitter_set_unicode(&em, 1);
        yaml_emitter_set_width(&em, -1);
        yaml_emitter_set_break(&em, YAML_LN_BREAK);
        ok = emit_doc(&em, s, n, flow, !yquote_needs_quotes(s, n), style);
        yaml_emitter_delete(&em);
        ok = ok && text.len >= olen + clen &&
             memcmp(text.buf, open, olen) == 0 &&
             memcmp(text.buf + text.len - clen, close, clen) == 0 &&
             !has_line_break(text.buf + olen, text.len - olen - clen);
        if (ok)
                strbuf_add(out, text.buf + olen, text.len - olen - clen);
        strbuf_release(&text);
        return ok ? 0 : -1;
}
