/*
 * yquote: libyaml's emitter chooses the style; the type-resolution rules of
 * YAML 1.2 (core schema) and YAML 1.1 decide when a plain scalar must not
 * be used.  See yquote.h.
 */
#include "roadmap/yquote.h"

#include <limits.h>
#include <regex.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "roadmap/xalloc.h"

/*
 * Plain scalars that resolve to a non-string: the YAML 1.2 core schema
 * (null, bool, int, float) and the YAML 1.1 type repository (bool, int with
 * binary, octal, underscores and base 60, float with base 60, null,
 * timestamp, merge and value keys).  POSIX extended regular expressions,
 * matched against the whole scalar.
 */
static const char *const non_string_patterns[] = {
    /* null: 1.2 core and 1.1 */
    "~|null|Null|NULL",
    /* bool: 1.2 core and 1.1 */
    "true|True|TRUE|false|False|FALSE",
    "y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF",
    /* int: 1.2 core */
    "[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+",
    /* int: 1.1 */
    "[-+]?0b[01_]+|[-+]?0[0-7_]+|[-+]?(0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+",
    "[-+]?[1-9][0-9_]*(:[0-5]?[0-9])+",
    /* float: 1.2 core */
    "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?",
    "[-+]?\\.(inf|Inf|INF)|\\.nan|\\.NaN|\\.NAN",
    /* float: 1.1 */
    "[-+]?([0-9][0-9_]*)?\\.[0-9.]*([eE][-+][0-9]+)?",
    "[-+]?[0-9][0-9_]*(:[0-5]?[0-9])+\\.[0-9_]*",
    /* timestamp: 1.1 */
    "[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}"
    "(([Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(\\.[0-9]*)?"
    "([ \t]*(Z|[-+][0-9]{1,2}(:[0-9]{2})?))?)?",
    /* merge and value keys: 1.1 */
    "<<|=",
};

#define NPATTERNS (sizeof non_string_patterns / sizeof non_string_patterns[0])

static regex_t compiled;
static bool compiled_ok;

/* One alternation of every pattern, anchored, compiled once. */
static const regex_t *non_string_regex(void)
{
        struct strbuf sb;
        size_t i;

        if (compiled_ok)
                return &compiled;
        strbuf_init(&sb);
        strbuf_addstr(&sb, "^(");
        for (i = 0; i < NPATTERNS; i++)
                strbuf_addf(&sb, "%s(%s)", i ? "|" : "",
                            non_string_patterns[i]);
        strbuf_addstr(&sb, ")$");
        if (regcomp(&compiled, sb.buf, REG_EXTENDED | REG_NOSUB) != 0)
                xmalloc((size_t)-1); /* a broken pattern is a build bug */
        strbuf_release(&sb);
        compiled_ok = true;
        return &compiled;
}

bool yquote_resolves_non_string(const char *s, size_t n)
{
        char *copy;
        bool hit;

        if (n == 0)
                return true; /* the empty plain scalar is null */
        if (n > 64 || memchr(s, '\0', n))
                return false; /* longer than any number or date we match */
        copy = xstrndup(s, n);
        hit = regexec(non_string_regex(), copy, 0, NULL, 0) == 0;
        free(copy);
        return hit;
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

        if (n > (size_t)INT_MAX)
                return -1;
        if (memchr(s, '\n', n) || memchr(s, '\r', n))
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
        ok =
            emit_doc(&em, s, n, flow, !yquote_resolves_non_string(s, n), style);
        yaml_emitter_delete(&em);
        ok = ok && text.len >= olen + clen &&
             memcmp(text.buf, open, olen) == 0 &&
             memcmp(text.buf + text.len - clen, close, clen) == 0 &&
             !memchr(text.buf + olen, '\n', text.len - olen - clen);
        if (ok)
                strbuf_add(out, text.buf + olen, text.len - olen - clen);
        strbuf_release(&text);
        return ok ? 0 : -1;
}
