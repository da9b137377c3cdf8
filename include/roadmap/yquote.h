/*
 * yquote: a string as YAML scalar text that reads back as the same string
 * in every reader: roadmap's own, YAML 1.1 readers (PyYAML) and YAML 1.2
 * readers (ruamel.yaml, node-yaml's core schema).
 *
 * libyaml's emitter decides between plain and quoted styles from the
 * characters (indicators, ": ", " #", leading or trailing spaces, line
 * breaks).  It does not know type resolution, and the readers disagree
 * on it (node-yaml reads 1_000 and 2001-12-14 as strings, ruamel.yaml as
 * a number and a date), so yquote_string() forces quotes on any string
 * yquote_needs_quotes() names: one that some reader's plain scalar turns
 * into another type, and any other string that starts like a number and
 * holds only characters a number, time or date can hold.  Non-ASCII text
 * stays UTF-8 (unicode on); lines are never folded (width off); a string
 * with a line break (LF, CR, NEL, U+2028, U+2029) is written
 * double-quoted on one line, the break escaped.
 *
 * Everything here is a pure function of its arguments: no hidden state.
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

/* What a plain scalar is read as. */
enum yquote_type {
        YQUOTE_STRING,
        YQUOTE_NULL,   /* ~, null, the empty scalar */
        YQUOTE_BOOL,   /* true, false; YAML 1.1: yes, no, on, off, y, n */
        YQUOTE_NUMBER, /* ints and floats of every form a reader knows */
        YQUOTE_DATE,   /* YAML 1.1 timestamps (ruamel.yaml reads them too) */
        YQUOTE_MERGE,  /* "<<", YAML 1.1's merge key */
        YQUOTE_VALUE   /* "=", YAML 1.1's value key */
};

/*
 * The type a plain scalar s[0..n) resolves to in some reader: the union
 * of the YAML 1.2 core schema, YAML 1.1's type repository as PyYAML reads
 * it, and ruamel.yaml's and node-yaml's resolvers.  *core (optional) is
 * set to true if the YAML 1.2 core schema itself gives that type, false
 * if only YAML 1.1 rules do.
 */
enum yquote_type yquote_plain_type(const char *s, size_t n, bool *core);

/* True if the plain scalar s[0..n) is null: empty, ~, null, Null or NULL.
 * The one rule of YAML null: yquote_plain_type() == YQUOTE_NULL. */
bool yquote_is_null(const char *s, size_t n);

/* yquote_plain_type(s, n, NULL) != YQUOTE_STRING. */
bool yquote_resolves_non_string(const char *s, size_t n);

/*
 * True if s[0..n) must not be written as a plain scalar: it resolves to a
 * non-string, or it starts with one of "-+.0123456789" and holds only
 * characters of numbers, times and dates (ASCII letters and digits,
 * "_.:+-", space, tab), where readers' rules differ in corners.  A few
 * such strings ("1st floor") are quoted that need not be.
 */
bool yquote_needs_quotes(const char *s, size_t n);

/* The type's name in a message: "a number", "a boolean", ... */
const char *yquote_type_name(enum yquote_type t);

/*
 * Append s[0..n) as scalar text for ctx to out.  Returns 0, or -1 (out
 * unchanged) if s is not valid UTF-8 or holds characters YAML cannot
 * carry.
 */
int yquote_string(struct strbuf *out, const char *s, size_t n,
                  enum yquote_ctx ctx);

#endif
