/*
 * model-value: a mapping's keys and their values checked and read by the
 * schema table.  See model-read.h.
 */
#include "model-read.h"

#include <string.h>

#include "roadmap/bangla.h"
#include "roadmap/digest.h"
#include "roadmap/strbuf.h"
#include "roadmap/yquote.h"

struct diag *model_add(struct mctx *c, enum diag_level level,
                       const struct ynode *n, const char *fmt, ...)
{
        va_list ap;
        struct diag *d;

        va_start(ap, fmt);
        d = diag_vadd(c->dl, level, c->doc->path, n ? n->line : 1,
                      n ? n->col : 1, fmt, ap);
        va_end(ap);
        c->errors += level == DIAG_ERROR;
        return d;
}

/* ---- scalars ------------------------------------------------------------ */

static const char *kind_word(const struct ynode *n)
{
        return n->kind == YNODE_MAPPING    ? "a mapping"
               : n->kind == YNODE_SEQUENCE ? "a sequence"
                                           : "a scalar";
}

bool model_is_null(const struct ynode *n)
{
        return n->kind == YNODE_SCALAR && n->style == YSTYLE_PLAIN &&
               yquote_is_null(n->value, n->len);
}

/* The key of value n in its mapping, or what for a value elsewhere. */
static const char *key_of(const struct ynode *n, const char *what)
{
        const struct ynode *m = n->parent;
        size_t i;

        for (i = 0; m && m->kind == YNODE_MAPPING && i < m->n; i++)
                if (m->pairs[i].value == n)
                        return m->pairs[i].key->value;
        return what;
}

/* A plain scalar that some YAML reader reads as another type than text:
 * a warning, with the quoted form as the fix. */
static void warn_other_type(struct mctx *c, const char *key,
                            const struct ynode *n)
{
        enum yquote_type t;
        struct diag *d;
        bool core;

        if (n->style != YSTYLE_PLAIN)
                return;
        t = yquote_plain_type(n->value, n->len, &core);
        if (t == YQUOTE_STRING)
                return;
        key = key_of(n, key);
        d = model_warn(c, n, "'%s' is read as %s by %s", key,
                       yquote_type_name(t),
                       core ? "other YAML readers" : "YAML 1.1 readers");
        diag_hint(d, "quote it: %s: \"%s\"", key, n->value);
}

/* The text of scalar n, or NULL after an error: not a collection, not
 * empty or null, no NUL. */
static const char *get_scalar_text(struct mctx *c, const char *key,
                                   const struct ynode *n)
{
        if (n->kind != YNODE_SCALAR) {
                model_err(c, n, "'%s' must be text, not %s", key, kind_word(n));
                return NULL;
        }
        if (model_is_null(n) || n->len == 0) {
                model_err(c, n, "'%s' must not be empty", key);
                return NULL;
        }
        if (memchr(n->value, '\0', n->len)) {
                model_err(c, n, "'%s' must not contain a NUL character", key);
                return NULL;
        }
        return n->value;
}

/* True if text n fits a spreadsheet cell; else an error. */
static bool text_fits(struct mctx *c, const char *key, const struct ynode *n)
{
        size_t units;
        struct diag *d;

        /* no byte counts more than 7 units */
        if (n->len <= MODEL_TEXT_MAX / 7 ||
            (units = model_text_units(n->value, n->len)) <= MODEL_TEXT_MAX)
                return true;
        d = model_err(c, n, "'%s' is too long: %zu characters, at most %d", key,
                      units, MODEL_TEXT_MAX);
        diag_hint(d,
                  "shorten it: a spreadsheet cell, where reports go, holds "
                  "%d (a character beyond U+FFFF counts as two, a CR as "
                  "seven)",
                  MODEL_TEXT_MAX);
        return false;
}

/* A text field: not longer than a spreadsheet cell, no control character,
 * and a warning if other readers read its plain scalar as another type. */
static const char *get_str(struct mctx *c, const char *key,
                           const struct ynode *n)
{
        const char *s = get_scalar_text(c, key, n);
        long cp;

        if (!s || !text_fits(c, key, n))
                return NULL;
        if ((cp = model_text_control(s, n->len)) >= 0) {
                model_err(c, n, "'%s' holds a control character (U+%04lX)", key,
                          cp);
                return NULL;
        }
        warn_other_type(c, key, n);
        return s;
}

/* The hint at d that gives the number to write for what a person typed
 * (Bengali digits, quotes), when it reads as one the key takes. */
static void hint_number(struct diag *d, const struct ynode *n, long min)
{
        const char *why;
        long v;

        if (n->kind == YNODE_SCALAR &&
            bangla_parse_number(n->value, &v, &why) == 0 && v >= min)
                diag_hint(d, "write %ld", v);
}

static bool get_int(struct mctx *c, const char *key, const struct ynode *n,
                    long min, long *out)
{
        long v = 0;
        size_t i;

        if (n->kind == YNODE_SCALAR && n->style != YSTYLE_PLAIN) {
                hint_number(model_err(c, n,
                                      "'%s' must be a whole number, not "
                                      "quoted text",
                                      key),
                            n, min);
                return false;
        }
        if (n->kind != YNODE_SCALAR || n->len == 0) {
                model_err(c, n, "'%s' must be a whole number", key);
                return false;
        }
        for (i = 0; i < n->len; i++) {
                char ch = n->value[i];
                if (ch < '0' || ch > '9') {
                        hint_number(model_err(c, n,
                                              "'%s' must be a whole number in "
                                              "decimal digits, not '%s'",
                                              key, n->value),
                                    n, min);
                        return false;
                }
                if (v > (MODEL_INT_MAX - (ch - '0')) / 10) {
                        model_err(c, n, "'%s' is out of range (at most %ld)",
                                  key, MODEL_INT_MAX);
                        return false;
                }
                v = v * 10 + (ch - '0');
        }
        if (n->len > 1 && n->value[0] == '0') {
                model_err(c, n, "'%s' must not have leading zeros ('%s')", key,
                          n->value);
                return false;
        }
        if (v < min) {
                model_err(c, n, "'%s' must be at least %ld", key, min);
                return false;
        }
        *out = v;
        return true;
}

/* The hint at d that gives the ISO date to write for a date as a person
 * writes it ("১৬ কার্তিক ১৪২৪", "2017-১০-৩১"), when it reads as one. */
static void hint_date(struct diag *d, const struct ynode *n)
{
        const char *why;
        struct date dt;
        char iso[11];

        if (bangla_parse_date(n->value, &dt, &why) != 0)
                return;
        date_format_iso(dt, iso);
        if (strcmp(iso, n->value) != 0)
                diag_hint(d, "write %s", iso);
}

static bool get_date(struct mctx *c, const char *key, const struct ynode *n,
                     struct date *out)
{
        const char *why;

        if (n->kind != YNODE_SCALAR) {
                model_err(c, n, "'%s' must be a date (YYYY-MM-DD), not %s", key,
                          kind_word(n));
                return false;
        }
        if (date_parse_iso(n->value, n->len, out, &why) != 0) {
                hint_date(model_err(c, n, "'%s' is not a valid date '%s': %s",
                                    key, n->value, why),
                          n);
                return false;
        }
        return true;
}

static bool get_bool(struct mctx *c, const char *key, const struct ynode *n,
                     bool *out)
{
        if (n->kind == YNODE_SCALAR && n->style == YSTYLE_PLAIN) {
                if (ynode_is(n, "true")) {
                        *out = true;
                        return true;
                }
                if (ynode_is(n, "false")) {
                        *out = false;
                        return true;
                }
        }
        model_err(c, n, "'%s' must be true or false", key);
        return false;
}

/* An id: its pattern holds no control character. */
static const char *get_id(struct mctx *c, const char *key,
                          const struct ynode *n)
{
        const char *s = get_scalar_text(c, key, n);

        if (!s)
                return NULL;
        if (!model_valid_id(s, n->len)) {
                struct diag *d = model_err(c, n, "invalid %s '%s'", key, s);
                diag_hint(d, "ids are 1 to 40 characters: lowercase letters, "
                             "digits and '-', starting with a letter or digit");
                return NULL;
        }
        warn_other_type(c, key, n);
        return s;
}

/* The hint "one of: a, b, c" with names[first..count). */
static void hint_one_of(struct diag *d, const char *const *names, size_t first,
                        size_t count)
{
        struct strbuf list = STRBUF_INIT;
        size_t i;

        for (i = first; i < count; i++) {
                strbuf_addstr(&list, i > first ? ", " : "");
                strbuf_addstr(&list, names[i]);
        }
        diag_hint(d, "one of: %s", list.buf);
        strbuf_release(&list);
}

static bool get_enum(struct mctx *c, const char *key, const struct ynode *n,
                     const struct schema_key *k, int *out)
{
        const char *const *names = k->names;
        size_t first = k->first, count = k->count;
        const char *s = get_str(c, key, n);
        const char *near;
        struct diag *d;
        int found;

        if (!s)
                return false;
        if ((found = schema_name_index(s, names, first, count)) >= 0) {
                *out = found;
                return true;
        }
        d = model_err(c, n, "unknown %s '%s'", key, s);
        near = diag_did_you_mean(s, names + first, count - first);
        if (near)
                diag_hint(d, "did you mean '%s'?", near);
        else
                hint_one_of(d, names, first, count);
        return false;
}

/* ---- mappings ----------------------------------------------------------- */

static void check_key_known(struct mctx *c, enum schema_map m, const char *what,
                            const struct ynode *key)
{
        const char *near;
        struct diag *d;

        if (schema_is_extension(key->value, key->len) ||
            schema_key(m, key->value))
                return;
        near = diag_did_you_mean(key->value, schema_key_order(m),
                                 schema_mapping(m)->nkeys);
        d = model_err(c, key, "unknown key '%s' in %s", key->value, what);
        if (near)
                diag_hint(d, "did you mean '%s'?", near);
        else
                diag_hint(d, "keys starting with 'x-' are kept and ignored");
}

bool model_check_mapping(struct mctx *c, enum schema_map m, const char *what,
                         const struct ynode *n)
{
        size_t i;

        if (!what)
                what = schema_mapping(m)->what;
        if (!n || n->kind != YNODE_MAPPING) {
                model_err(c, n, "%s must be a mapping, not %s", what,
                          n ? kind_word(n) : "nothing");
                return false;
        }
        for (i = 0; i < n->n; i++)
                check_key_known(c, m, what, n->pairs[i].key);
        return true;
}

static const struct ynode *want_seq(struct mctx *c, const char *key,
                                    const struct ynode *n)
{
        if (n && n->kind != YNODE_SEQUENCE && !model_is_null(n)) {
                model_err(c, n, "'%s' must be a sequence, not %s", key,
                          kind_word(n));
                return NULL;
        }
        return n && n->kind == YNODE_SEQUENCE ? n : NULL;
}

/* A %YAML 1.1 directive turns YAML 1.2 readers to YAML 1.1's types. */
void model_check_yaml_directive(struct mctx *c)
{
        struct diag *d;

        if (c->doc->yaml_minor != 1)
                return;
        d = diag_add(c->dl, DIAG_WARNING, c->doc->path, c->doc->yaml_line,
                     c->doc->yaml_col,
                     "'%%YAML 1.1' makes YAML 1.2 readers read the file by "
                     "YAML 1.1 rules (yes, no, on and off as booleans, 0123 "
                     "as octal)");
        diag_hint(d, "remove the '%%YAML 1.1' line: roadmap files are YAML "
                     "1.2");
}

static bool get_version(struct mctx *c, const char *key, const struct ynode *v,
                        long *out)
{
        long version;
        struct diag *d;

        if (!get_int(c, key, v, 0, &version))
                return false;
        if (version != MODEL_VERSION) {
                d = model_err(c, v, "unsupported format version %ld", version);
                diag_hint(d, "this roadmap reads version %d", MODEL_VERSION);
                return false;
        }
        *out = version;
        return true;
}

static const char *get_digest(struct mctx *c, const char *key,
                              const struct ynode *v)
{
        const char *s = get_str(c, key, v);

        if (s && (v->len != DIGEST_LEN || strncmp(s, "sha256:", 7) != 0 ||
                  strspn(s + 7, "0123456789abcdef") != 64)) {
                model_err(c, v, "'%s' must be 'sha256:' and 64 hex digits",
                          key);
                return NULL;
        }
        return s;
}

/* A sequence of at least k->min items; may be null if that is 0. */
static const struct ynode *get_seq(struct mctx *c, const struct schema_key *k,
                                   const struct ynode *v)
{
        if (k->min > 0 && (v->kind != YNODE_SEQUENCE || v->n == 0)) {
                model_err(c, v, "'%s' must be a sequence of at least one entry",
                          k->name);
                return NULL;
        }
        return want_seq(c, k->name, v);
}

static bool get_value(struct mctx *c, const struct schema_key *k,
                      const struct ynode *v, void *out)
{
        const char *label = k->label ? k->label : k->name;

        switch (k->type) {
        case SCHEMA_VERSION:
                return get_version(c, label, v, out);
        case SCHEMA_TEXT:
                return (*(const char **)out = get_str(c, label, v)) != NULL;
        case SCHEMA_ID:
                return (*(const char **)out = get_id(c, label, v)) != NULL;
        case SCHEMA_DIGEST:
                return (*(const char **)out = get_digest(c, label, v)) != NULL;
        case SCHEMA_INT:
                return get_int(c, label, v, k->min, out);
        case SCHEMA_DATE:
                return get_date(c, label, v, out);
        case SCHEMA_BOOL:
                return get_bool(c, label, v, out);
        case SCHEMA_ENUM:
                return get_enum(c, label, v, k, out);
        case SCHEMA_MAPPING:
                *(const struct ynode **)out = v;
                return true;
        case SCHEMA_SEQ:
                *(const struct ynode **)out = get_seq(c, k, v);
                return *(const struct ynode **)out != NULL;
        }
        return false;
}

static bool is_text(const struct schema_key *k)
{
        return k->type == SCHEMA_TEXT || k->type == SCHEMA_ID ||
               k->type == SCHEMA_DIGEST;
}

bool model_get_key(struct mctx *c, enum schema_map m, const struct ynode *n,
                   const char *key, void *out)
{
        const struct schema_key *k = schema_key(m, key);
        const struct ynode *v = ynode_get(n, key, NULL);

        if (is_text(k))
                *(const char **)out = NULL;
        else if (k->type == SCHEMA_MAPPING || k->type == SCHEMA_SEQ)
                *(const struct ynode **)out = NULL;
        if (!v) {
                /* the version is the file's, whichever its kind */
                if (k->required)
                        model_err(c, n, "missing required key '%s' in %s", key,
                                  k->type == SCHEMA_VERSION
                                      ? "the file"
                                      : schema_mapping(m)->what);
                return false;
        }
        if (is_text(k) && !k->required && model_is_null(v))
                return false;
        return get_value(c, k, v, out);
}
