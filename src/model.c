/*
 * model: the rules of roadmap(5) applied to a yamldoc tree.
 */
#include "roadmap/model.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "roadmap/digest.h"
#include "roadmap/memo.h"
#include "roadmap/xalloc.h"
#include "roadmap/yquote.h"

struct mctx {
        const struct yamldoc *doc;
        struct arena *arena;
        struct diag_list *dl;
        int errors;
};

static const char *const status_names[] = {
    "planned", "designing", "developing", "piloting", "live", "dropped"};
static const char *const recipients_names[] = {"", "citizen", "business",
                                               "government", "institution"};
static const char *const kind_names[] = {"roadmap", "design", "leadership"};

static struct diag *err(struct mctx *c, const struct ynode *n, const char *fmt,
                        ...) __attribute__((format(printf, 3, 4)));
static struct diag *warn(struct mctx *c, const struct ynode *n, const char *fmt,
                         ...) __attribute__((format(printf, 3, 4)));

/* A finding at node n, or at the start of the file (n NULL: the file as a
 * whole, say an empty one). */
static struct diag *err(struct mctx *c, const struct ynode *n, const char *fmt,
                        ...)
{
        va_list ap;
        struct diag *d;

        va_start(ap, fmt);
        d = diag_vadd(c->dl, DIAG_ERROR, c->doc->path, n ? n->line : 1,
                      n ? n->col : 1, fmt, ap);
        va_end(ap);
        c->errors++;
        return d;
}

static struct diag *warn(struct mctx *c, const struct ynode *n, const char *fmt,
                         ...)
{
        va_list ap;
        struct diag *d;

        va_start(ap, fmt);
        d = diag_vadd(c->dl, DIAG_WARNING, c->doc->path, n ? n->line : 1,
                      n ? n->col : 1, fmt, ap);
        va_end(ap);
        return d;
}

static void *alloc_array(struct mctx *c, size_t n, size_t size)
{
        return n ? arena_alloc(c->arena, n * size) : NULL;
}

/* ---- scalars ------------------------------------------------------------ */

static const char *kind_word(const struct ynode *n)
{
        return n->kind == YNODE_MAPPING    ? "a mapping"
               : n->kind == YNODE_SEQUENCE ? "a sequence"
                                           : "a scalar";
}

/* A plain scalar that YAML resolves to null. */
static bool is_null(const struct ynode *n)
{
        return n->kind == YNODE_SCALAR && n->style == YSTYLE_PLAIN &&
               (n->len == 0 || ynode_is(n, "~") || ynode_is(n, "null") ||
                ynode_is(n, "Null") || ynode_is(n, "NULL"));
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
        d = warn(c, n, "'%s' is read as %s by %s", key, yquote_type_name(t),
                 core ? "other YAML readers" : "YAML 1.1 readers");
        diag_hint(d, "quote it: %s: \"%s\"", key, n->value);
}

/* The text of scalar n, or NULL after an error: not a collection, not
 * empty or null, no NUL. */
static const char *get_scalar_text(struct mctx *c, const char *key,
                                   const struct ynode *n)
{
        if (n->kind != YNODE_SCALAR) {
                err(c, n, "'%s' must be text, not %s", key, kind_word(n));
                return NULL;
        }
        if (is_null(n) || n->len == 0) {
                err(c, n, "'%s' must not be empty", key);
                return NULL;
        }
        if (memchr(n->value, '\0', n->len)) {
                err(c, n, "'%s' must not contain a NUL character", key);
                return NULL;
        }
        return n->value;
}

/* A text field: no control character, and a warning if other readers
 * read its plain scalar as another type. */
static const char *get_str(struct mctx *c, const char *key,
                           const struct ynode *n)
{
        const char *s = get_scalar_text(c, key, n);
        long cp;

        if (!s)
                return NULL;
        if ((cp = model_text_control(s, n->len)) >= 0) {
                err(c, n, "'%s' holds a control character (U+%04lX)", key, cp);
                return NULL;
        }
        warn_other_type(c, key, n);
        return s;
}

static bool get_int(struct mctx *c, const char *key, const struct ynode *n,
                    long min, long *out)
{
        long v = 0;
        size_t i;

        if (n->kind == YNODE_SCALAR && n->style != YSTYLE_PLAIN) {
                err(c, n, "'%s' must be a whole number, not quoted text", key);
                return false;
        }
        if (n->kind != YNODE_SCALAR || n->len == 0) {
                err(c, n, "'%s' must be a whole number", key);
                return false;
        }
        for (i = 0; i < n->len; i++) {
                char ch = n->value[i];
                if (ch < '0' || ch > '9') {
                        err(c, n,
                            "'%s' must be a whole number in decimal "
                            "digits, not '%s'",
                            key, n->value);
                        return false;
                }
                if (v > (MODEL_INT_MAX - (ch - '0')) / 10) {
                        err(c, n, "'%s' is out of range (at most %ld)", key,
                            MODEL_INT_MAX);
                        return false;
                }
                v = v * 10 + (ch - '0');
        }
        if (n->len > 1 && n->value[0] == '0') {
                err(c, n, "'%s' must not have leading zeros ('%s')", key,
                    n->value);
                return false;
        }
        if (v < min) {
                err(c, n, "'%s' must be at least %ld", key, min);
                return false;
        }
        *out = v;
        return true;
}

static bool get_date(struct mctx *c, const char *key, const struct ynode *n,
                     struct date *out)
{
        const char *why;

        if (n->kind != YNODE_SCALAR) {
                err(c, n, "'%s' must be a date (YYYY-MM-DD), not %s", key,
                    kind_word(n));
                return false;
        }
        if (date_parse_iso(n->value, n->len, out, &why) != 0) {
                err(c, n, "'%s' is not a valid date '%s': %s", key, n->value,
                    why);
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
        err(c, n, "'%s' must be true or false", key);
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
                struct diag *d = err(c, n, "invalid %s '%s'", key, s);
                diag_hint(d, "ids are 1 to 40 characters: lowercase letters, "
                             "digits and '-', starting with a letter or digit");
                return NULL;
        }
        warn_other_type(c, key, n);
        return s;
}

static bool get_enum(struct mctx *c, const char *key, const struct ynode *n,
                     const char *const *names, size_t count, size_t first,
                     int *out)
{
        const char *s = get_str(c, key, n);
        const char *near;
        struct diag *d;
        size_t i;

        if (!s)
                return false;
        for (i = first; i < count; i++) {
                if (strcmp(s, names[i]) == 0) {
                        *out = (int)i;
                        return true;
                }
        }
        d = err(c, n, "unknown %s '%s'", key, s);
        near = diag_did_you_mean(s, names + first, count - first);
        if (near)
                diag_hint(d, "did you mean '%s'?", near);
        else {
                char list[128] = "";
                for (i = first; i < count; i++) {
                        strcat(list, i > first ? ", " : "");
                        strcat(list, names[i]);
                }
                diag_hint(d, "one of: %s", list);
        }
        return false;
}

/* ---- mappings ----------------------------------------------------------- */

/* Check that n is a mapping with only known keys (and x- keys). */
static bool check_mapping(struct mctx *c, const char *what,
                          const struct ynode *n, const char *const *keys,
                          size_t nkeys)
{
        size_t i, k;

        if (!n || n->kind != YNODE_MAPPING) {
                err(c, n, "%s must be a mapping, not %s", what,
                    n ? kind_word(n) : "nothing");
                return false;
        }
        for (i = 0; i < n->n; i++) {
                const struct ynode *key = n->pairs[i].key;
                bool known = key->len >= 2 && strncmp(key->value, "x-", 2) == 0;
                for (k = 0; k < nkeys && !known; k++)
                        known = ynode_is(key, keys[k]);
                if (!known) {
                        const char *near =
                            diag_did_you_mean(key->value, keys, nkeys);
                        struct diag *d = err(c, key, "unknown key '%s' in %s",
                                             key->value, what);
                        if (near)
                                diag_hint(d, "did you mean '%s'?", near);
                        else
                                diag_hint(d, "keys starting with 'x-' are "
                                             "kept and ignored");
                }
        }
        return true;
}

/* The value of a required key, or NULL after an error. */
static const struct ynode *need(struct mctx *c, const char *what,
                                const struct ynode *m, const char *key)
{
        const struct ynode *v = ynode_get(m, key, NULL);

        if (!v)
                err(c, m, "missing required key '%s' in %s", key, what);
        return v;
}

static const struct ynode *want_seq(struct mctx *c, const char *key,
                                    const struct ynode *n)
{
        if (n && n->kind != YNODE_SEQUENCE && !is_null(n)) {
                err(c, n, "'%s' must be a sequence, not %s", key, kind_word(n));
                return NULL;
        }
        return n && n->kind == YNODE_SEQUENCE ? n : NULL;
}

/* A %YAML 1.1 directive turns YAML 1.2 readers to YAML 1.1's types. */
static void check_yaml_directive(struct mctx *c)
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

static void read_version(struct mctx *c, const struct ynode *root)
{
        const struct ynode *v = need(c, "the file", root, "roadmap");
        long version;

        if (v && get_int(c, "roadmap", v, 0, &version) &&
            version != MODEL_VERSION) {
                struct diag *d =
                    err(c, v, "unsupported format version %ld", version);
                diag_hint(d, "this roadmap reads version %d", MODEL_VERSION);
        }
}

static void opt_str(struct mctx *c, const struct ynode *m, const char *key,
                    const char **out)
{
        const struct ynode *v = ynode_get(m, key, NULL);

        *out = v && !is_null(v) ? get_str(c, key, v) : NULL;
}

static void req_str(struct mctx *c, const char *what, const struct ynode *m,
                    const char *key, const char **out)
{
        const struct ynode *v = need(c, what, m, key);

        *out = v ? get_str(c, key, v) : NULL;
}

/* ---- roadmap.yaml ------------------------------------------------------- */

static void read_ministry(struct mctx *c, const struct ynode *n,
                          struct ministry *m)
{
        static const char *const keys[] = {"id", "name", "name_bn"};
        const struct ynode *v;

        m->node = n;
        if (!check_mapping(c, "a ministry", n, keys, 3))
                return;
        v = need(c, "a ministry", n, "id");
        m->id = v ? get_id(c, "ministry id", v) : NULL;
        req_str(c, "a ministry", n, "name", &m->name);
        opt_str(c, n, "name_bn", &m->name_bn);
}

int model_read_roadmap(struct yamldoc *doc, struct roadmap_meta *out,
                       struct diag_list *dl)
{
        static const char *const keys[] = {"roadmap", "title", "title_bn",
                                           "ministries"};
        struct mctx c = {doc, &doc->arena, dl, 0};
        const struct ynode *root = doc->root, *seq;
        size_t i, j;

        memset(out, 0, sizeof(*out));
        out->doc = doc;
        if (!root) {
                err(&c, NULL, "the file is empty");
                return -1;
        }
        if (!check_mapping(&c, "roadmap.yaml", root, keys, 4))
                return -1;
        check_yaml_directive(&c);
        read_version(&c, root);
        req_str(&c, "roadmap.yaml", root, "title", &out->title);
        opt_str(&c, root, "title_bn", &out->title_bn);
        seq = need(&c, "roadmap.yaml", root, "ministries");
        out->ministries_node = seq = want_seq(&c, "ministries", seq);
        if (seq) {
                out->nministries = seq->n;
                out->ministries =
                    alloc_array(&c, seq->n, sizeof(*out->ministries));
                for (i = 0; i < seq->n; i++)
                        read_ministry(&c, seq->items[i], &out->ministries[i]);
        }
        for (i = 0; i < out->nministries; i++) {
                const struct ministry *m = &out->ministries[i];
                for (j = 0; j < i && m->id; j++) {
                        const struct ministry *p = &out->ministries[j];
                        if (p->id && strcmp(p->id, m->id) == 0) {
                                err(&c, ynode_get(m->node, "id", NULL),
                                    "duplicate ministry id '%s' (first at line "
                                    "%d)",
                                    m->id, p->node->line);
                                break;
                        }
                }
        }
        return c.errors ? -1 : 0;
}

/* ---- office files ------------------------------------------------------- */

static void read_tcv(struct mctx *c, const char *what, const struct ynode *n,
                     struct tcv *t)
{
        static const char *const keys[] = {"days", "cost", "visits"};
        const struct ynode *v;

        t->node = n;
        t->days = t->cost = t->visits = -1;
        if (!check_mapping(c, what, n, keys, 3))
                return;
        if ((v = ynode_get(n, "days", NULL)))
                get_int(c, "days", v, 0, &t->days);
        if ((v = ynode_get(n, "cost", NULL)))
                get_int(c, "cost", v, 0, &t->cost);
        if ((v = ynode_get(n, "visits", NULL)))
                get_int(c, "visits", v, 0, &t->visits);
}

static void read_history_entry(struct mctx *c, const struct ynode *n,
                               struct history_entry *h)
{
        static const char *const keys[] = {"date", "status", "note"};
        const struct ynode *v;
        int st = -1;

        h->node = n;
        h->status = STATUS_PLANNED;
        if (!check_mapping(c, "a history entry", n, keys, 3))
                return;
        if ((v = need(c, "a history entry", n, "date")))
                get_date(c, "date", v, &h->date);
        if ((v = need(c, "a history entry", n, "status")) &&
            get_enum(c, "status", v, status_names, STATUS_COUNT, 0, &st))
                h->status = (enum status)st;
        opt_str(c, n, "note", &h->note);
}

static void check_history_order(struct mctx *c, const struct plan *p)
{
        size_t i;

        for (i = 1; i < p->nhistory; i++) {
                const struct history_entry *a = &p->history[i - 1];
                const struct history_entry *b = &p->history[i];
                if (!date_is_set(a->date) || !date_is_set(b->date))
                        continue;
                if (date_cmp(b->date, a->date) < 0) {
                        char da[11], db[11];
                        date_format_iso(a->date, da);
                        date_format_iso(b->date, db);
                        err(c, ynode_get(b->node, "date", NULL),
                            "history date %s is earlier than the entry "
                            "before it (%s)",
                            db, da);
                } else if (b->status != STATUS_DROPPED &&
                           (a->status == STATUS_DROPPED ||
                            b->status < a->status)) {
                        warn(c, ynode_get(b->node, "status", NULL),
                             "status goes back from '%s' to '%s'",
                             status_names[a->status], status_names[b->status]);
                }
        }
}

static void read_plan(struct mctx *c, const struct ynode *n, struct plan *p)
{
        static const char *const keys[] = {"priority", "due", "tcv", "history"};
        const struct ynode *v;
        size_t i;

        p->node = n;
        p->priority = -1;
        p->tcv.days = p->tcv.cost = p->tcv.visits = -1;
        if (!check_mapping(c, "a plan", n, keys, 4))
                return;
        if ((v = need(c, "a plan", n, "priority")))
                get_int(c, "priority", v, 1, &p->priority);
        if ((v = ynode_get(n, "due", NULL)))
                get_date(c, "due", v, &p->due);
        if ((v = ynode_get(n, "tcv", NULL)))
                read_tcv(c, "a plan's tcv", v, &p->tcv);
        v = need(c, "a plan", n, "history");
        if (!v)
                return;
        if (v->kind != YNODE_SEQUENCE || v->n == 0) {
                err(c, v, "'history' must be a sequence of at least one entry");
                return;
        }
        p->nhistory = v->n;
        p->history = arena_alloc(c->arena, v->n * sizeof(*p->history));
        for (i = 0; i < v->n; i++)
                read_history_entry(c, v->items[i], &p->history[i]);
        check_history_order(c, p);
}

static void read_service(struct mctx *c, const struct ynode *n,
                         struct service *s)
{
        static const char *const keys[] = {"id",         "name", "name_bn",
                                           "recipients", "tcv",  "plan"};
        const struct ynode *v;
        int r;

        s->node = n;
        s->tcv.days = s->tcv.cost = s->tcv.visits = -1;
        if (!check_mapping(c, "a service", n, keys, 6))
                return;
        v = need(c, "a service", n, "id");
        s->id = v ? get_id(c, "service id", v) : NULL;
        req_str(c, "a service", n, "name", &s->name);
        opt_str(c, n, "name_bn", &s->name_bn);
        if ((v = ynode_get(n, "recipients", NULL)) &&
            get_enum(c, "recipients", v, recipients_names, RECIPIENTS_COUNT, 1,
                     &r))
                s->recipients = (enum recipients)r;
        if ((v = ynode_get(n, "tcv", NULL)))
                read_tcv(c, "a service's tcv", v, &s->tcv);
        if ((v = ynode_get(n, "plan", NULL)))
                read_plan(c, v, &s->plan);
}

static void check_unique_services(struct mctx *c, const struct office *o)
{
        const char **ids = xcalloc(o->nservices, sizeof(*ids));
        size_t *first = xcalloc(o->nservices, sizeof(*first));
        size_t i;

        for (i = 0; i < o->nservices; i++)
                ids[i] = o->services[i].id;
        model_first_of_ids(ids, o->nservices, first);
        for (i = 0; i < o->nservices; i++) {
                const struct service *s = &o->services[i];
                if (first[i] == i)
                        continue;
                err(c, ynode_get(s->node, "id", NULL),
                    "duplicate service id '%s' (first at line %d)", s->id,
                    o->services[first[i]].node->line);
        }
        free(ids);
        free(first);
}

static void read_approval(struct mctx *c, const struct ynode *n,
                          struct approval *a)
{
        static const char *const keys[] = {"by", "date", "memo", "digest",
                                           "submitted"};
        const struct ynode *v;
        struct memo memo;
        const char *why;

        a->node = n;
        if (!check_mapping(c, "the approval", n, keys, 5))
                return;
        req_str(c, "the approval", n, "by", &a->by);
        if ((v = need(c, "the approval", n, "date")))
                get_date(c, "date", v, &a->date);
        opt_str(c, n, "memo", &a->memo);
        v = ynode_get(n, "memo", NULL);
        if (a->memo && memo_parse(a->memo, v->len, &memo, &why) != 0) {
                struct diag *d = warn(c, v,
                                      "memo number '%s' fits no official "
                                      "format: %s",
                                      a->memo, why);
                diag_hint(d, "the formats are listed in roadmap(5)");
        }
        opt_str(c, n, "digest", &a->digest);
        v = ynode_get(n, "digest", NULL);
        if (a->digest &&
            (v->len != DIGEST_LEN || strncmp(a->digest, "sha256:", 7) != 0 ||
             strspn(a->digest + 7, "0123456789abcdef") != 64)) {
                err(c, v, "'digest' must be 'sha256:' and 64 hex digits");
                a->digest = NULL;
        }
        if ((v = ynode_get(n, "submitted", NULL)) &&
            get_date(c, "submitted", v, &a->submitted) &&
            date_is_set(a->date) && date_cmp(a->submitted, a->date) < 0)
                err(c, v, "the roadmap was submitted before it was approved");
}

static void read_workshop(struct mctx *c, const struct ynode *n,
                          struct workshop *w)
{
        static const char *const keys[] = {"kind", "date", "batch",
                                           "participants", "head_present"};
        const struct ynode *v;
        int k;

        w->node = n;
        w->batch = w->participants = -1;
        if (!check_mapping(c, "a workshop", n, keys, 5))
                return;
        if ((v = need(c, "a workshop", n, "kind")) &&
            get_enum(c, "workshop kind", v, kind_names, WORKSHOP_COUNT, 0, &k))
                w->kind = (enum workshop_kind)k;
        if ((v = need(c, "a workshop", n, "date")))
                get_date(c, "date", v, &w->date);
        if ((v = ynode_get(n, "batch", NULL)))
                get_int(c, "batch", v, 1, &w->batch);
        if ((v = ynode_get(n, "participants", NULL)))
                get_int(c, "participants", v, 0, &w->participants);
        if ((v = ynode_get(n, "head_present", NULL)))
                get_bool(c, "head_present", v, &w->head_present);
}

static void read_office_head(struct mctx *c, const struct ynode *n,
                             const char *expected_id, struct office *o)
{
        static const char *const keys[] = {"id", "name", "name_bn", "ministry",
                                           "head"};
        const struct ynode *v;

        o->node = n;
        if (!check_mapping(c, "'office'", n, keys, 5))
                return;
        v = need(c, "'office'", n, "id");
        o->id = v ? get_id(c, "office id", v) : NULL;
        if (o->id && expected_id && strcmp(o->id, expected_id) != 0) {
                struct diag *d = err(c, v,
                                     "office id '%s' does not match the file "
                                     "name '%s.yaml'",
                                     o->id, expected_id);
                diag_hint(d, "rename the file or change the id");
        }
        req_str(c, "'office'", n, "name", &o->name);
        opt_str(c, n, "name_bn", &o->name_bn);
        v = need(c, "'office'", n, "ministry");
        o->ministry = v ? get_id(c, "ministry", v) : NULL;
        opt_str(c, n, "head", &o->head);
}

static void read_office_lists(struct mctx *c, const struct ynode *root,
                              struct office *o)
{
        const struct ynode *seq, *v;
        size_t i;

        seq = want_seq(c, "services", ynode_get(root, "services", NULL));
        o->services_node = seq;
        if (seq) {
                o->nservices = seq->n;
                o->services = alloc_array(c, seq->n, sizeof(*o->services));
                for (i = 0; i < seq->n; i++)
                        read_service(c, seq->items[i], &o->services[i]);
                check_unique_services(c, o);
        }
        if ((v = ynode_get(root, "approval", NULL)))
                read_approval(c, v, &o->approval);
        seq = want_seq(c, "workshops", ynode_get(root, "workshops", NULL));
        o->workshops_node = seq;
        if (seq) {
                o->nworkshops = seq->n;
                o->workshops = alloc_array(c, seq->n, sizeof(*o->workshops));
                for (i = 0; i < seq->n; i++)
                        read_workshop(c, seq->items[i], &o->workshops[i]);
        }
}

static void check_approval_current(struct mctx *c, const struct office *o)
{
        struct diag *d;

        if (!o->approval.node || !o->id)
                return;
        if (!o->approval.digest) {
                d = warn(c, o->approval.node,
                         "the approval has no digest, so later changes to "
                         "the plans cannot be detected");
                diag_hint(d, "record it with 'roadmap approve %s'", o->id);
        } else if (office_approval_state(o) == APPROVAL_STALE) {
                d = warn(c, ynode_get(o->approval.node, "digest", NULL),
                         "the approval is stale: the plans changed after it "
                         "was approved");
                diag_hint(d,
                          "have the office head approve again and run "
                          "'roadmap approve %s'",
                          o->id);
        }
}

int model_read_office(struct yamldoc *doc, const char *expected_id,
                      struct office *out, struct diag_list *dl)
{
        static const char *const keys[] = {"roadmap", "office", "services",
                                           "approval", "workshops"};
        struct mctx c = {doc, &doc->arena, dl, 0};
        const struct ynode *root = doc->root, *v;

        memset(out, 0, sizeof(*out));
        out->doc = doc;
        if (!root) {
                err(&c, NULL, "the file is empty");
                return -1;
        }
        if (!check_mapping(&c, "an office file", root, keys, 5))
                return -1;
        check_yaml_directive(&c);
        read_version(&c, root);
        if ((v = need(&c, "an office file", root, "office")))
                read_office_head(&c, v, expected_id, out);
        read_office_lists(&c, root, out);
        if (!c.errors)
                check_approval_current(&c, out);
        return c.errors ? -1 : 0;
}

int model_check_refs(const struct office *o, const struct roadmap_meta *meta,
                     struct diag_list *dl)
{
        struct mctx c = {o->doc, NULL, dl, 0};
        struct diag *d;

        if (o->ministry && !model_find_ministry(meta, o->ministry)) {
                d = err(&c, ynode_get(o->node, "ministry", NULL),
                        "unknown ministry '%s'", o->ministry);
                diag_hint(d, "add it with 'roadmap add-ministry %s --name ...'",
                          o->ministry);
        }
        return c.errors ? -1 : 0;
}

static void warn_future(struct mctx *c, const struct ynode *n, const char *key,
                        const char *what, struct date dt, struct date tomorrow)
{
        char day[11], last[11];
        struct diag *d;

        if (!n || !date_is_set(dt) || date_cmp(dt, tomorrow) <= 0)
                return;
        date_format_iso(dt, day);
        date_format_iso(tomorrow, last);
        d = warn(c, ynode_get(n, key, NULL),
                 "%s %s is later than tomorrow (%s)", what, day, last);
        diag_hint(d, "a date here records what has happened; is the year "
                     "right?");
}

void model_check_future(const struct office *o, struct date tomorrow,
                        struct diag_list *dl)
{
        struct mctx c = {o->doc, NULL, dl, 0};
        const struct approval *a = &o->approval;
        size_t i, k;

        for (i = 0; i < o->nservices; i++)
                for (k = 0; k < o->services[i].plan.nhistory; k++) {
                        const struct history_entry *h =
                            &o->services[i].plan.history[k];
                        warn_future(&c, h->node, "date", "history date",
                                    h->date, tomorrow);
                }
        warn_future(&c, a->node, "date", "approval date", a->date, tomorrow);
        warn_future(&c, a->node, "submitted", "submission date", a->submitted,
                    tomorrow);
        for (i = 0; i < o->nworkshops; i++)
                warn_future(&c, o->workshops[i].node, "date", "workshop date",
                            o->workshops[i].date, tomorrow);
}

/* ---- queries ------------------------------------------------------------ */

const struct ministry *model_find_ministry(const struct roadmap_meta *meta,
                                           const char *id)
{
        size_t i;

        for (i = 0; i < meta->nministries; i++)
                if (meta->ministries[i].id &&
                    strcmp(meta->ministries[i].id, id) == 0)
                        return &meta->ministries[i];
        return NULL;
}

const struct service *model_find_service(const struct office *o, const char *id)
{
        size_t i;

        for (i = 0; i < o->nservices; i++)
                if (o->services[i].id && strcmp(o->services[i].id, id) == 0)
                        return &o->services[i];
        return NULL;
}

static _Thread_local const char *const *sort_ids;

static int cmp_index(const void *pa, const void *pb)
{
        size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
        int cmp = strcmp(sort_ids[a], sort_ids[b]);

        return cmp ? cmp : (a > b) - (a < b);
}

void model_first_of_ids(const char *const *ids, size_t n, size_t *first)
{
        size_t *order = xcalloc(n ? n : 1, sizeof(*order));
        size_t i, m = 0;

        for (i = 0; i < n; i++) {
                first[i] = i;
                if (ids[i])
                        order[m++] = i;
        }
        /* qsort has no context argument: a per-thread pointer serves */
        sort_ids = ids;
        qsort(order, m, sizeof(*order), cmp_index);
        for (i = 1; i < m; i++)
                if (strcmp(ids[order[i]], ids[order[i - 1]]) == 0)
                        first[order[i]] = first[order[i - 1]];
        free(order);
}

long model_text_control(const char *s, size_t n)
{
        const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
        utf8proc_int32_t cp;
        utf8proc_ssize_t k;
        size_t i = 0;

        while (i < n) {
                k = utf8proc_iterate(p + i, (utf8proc_ssize_t)(n - i), &cp);
                if (k < 0) {
                        i++;
                        continue;
                }
                if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
                    (cp >= 0x7f && cp < 0xa0))
                        return cp;
                i += (size_t)k;
        }
        return -1;
}

bool model_valid_id(const char *s, size_t n)
{
        size_t i;

        if (n < 1 || n > MODEL_ID_MAX)
                return false;
        for (i = 0; i < n; i++) {
                char ch = s[i];
                bool ok = (ch >= 'a' && ch <= 'z') ||
                          (ch >= '0' && ch <= '9') || (ch == '-' && i > 0);
                if (!ok)
                        return false;
        }
        return true;
}

bool service_has_plan(const struct service *s)
{
        return s->plan.node && s->plan.nhistory > 0;
}

enum status service_status(const struct service *s)
{
        return s->plan.history[s->plan.nhistory - 1].status;
}

bool service_status_on(const struct service *s, struct date on, enum status *st,
                       struct date *since)
{
        const struct history_entry *found = NULL;
        size_t i;

        if (!service_has_plan(s))
                return false;
        for (i = 0; i < s->plan.nhistory; i++) {
                if (date_cmp(s->plan.history[i].date, on) > 0)
                        break;
                found = &s->plan.history[i];
        }
        if (!found)
                return false;
        *st = found->status;
        if (since)
                *since = found->date;
        return true;
}

bool service_planned(const struct service *s)
{
        return service_has_plan(s) && service_status(s) != STATUS_DROPPED;
}

bool service_planned_on(const struct service *s, struct date on)
{
        enum status st;

        return service_status_on(s, on, &st, NULL) && st != STATUS_DROPPED;
}

/* The approval compared with the digest of the plans on a date (unset: now). */
static enum approval_state approval_state_against(const struct office *o,
                                                  struct date plans_on)
{
        char digest[DIGEST_LEN + 1];

        if (!o->approval.node || !date_is_set(o->approval.date))
                return APPROVAL_NONE;
        if (!o->approval.digest)
                return APPROVAL_APPROVED;
        digest_office_on(o, plans_on, digest);
        return strcmp(digest, o->approval.digest) == 0 ? APPROVAL_APPROVED
                                                       : APPROVAL_STALE;
}

enum approval_state office_approval_state(const struct office *o)
{
        return approval_state_against(o, (struct date){0, 0, 0});
}

bool office_approved_by(const struct office *o, struct date on)
{
        return o->approval.node && date_is_set(o->approval.date) &&
               date_cmp(o->approval.date, on) <= 0;
}

enum approval_state office_approval_state_on(const struct office *o,
                                             struct date on)
{
        if (!office_approved_by(o, on))
                return APPROVAL_NONE;
        return approval_state_against(o, on);
}

static int parse_name(const char *s, const char *const *names, size_t first,
                      size_t count)
{
        size_t i;

        for (i = first; i < count; i++)
                if (strcmp(s, names[i]) == 0)
                        return (int)i;
        return -1;
}

const char *status_name(enum status st)
{
        return st < STATUS_COUNT ? status_names[st] : "";
}

int status_parse(const char *s, enum status *out)
{
        int i = parse_name(s, status_names, 0, STATUS_COUNT);

        if (i < 0)
                return -1;
        *out = (enum status)i;
        return 0;
}

const char *recipients_name(enum recipients r)
{
        return r < RECIPIENTS_COUNT ? recipients_names[r] : "";
}

int recipients_parse(const char *s, enum recipients *out)
{
        int i = parse_name(s, recipients_names, 1, RECIPIENTS_COUNT);

        if (i < 0)
                return -1;
        *out = (enum recipients)i;
        return 0;
}

const char *workshop_kind_name(enum workshop_kind k)
{
        return k < WORKSHOP_COUNT ? kind_names[k] : "";
}

int workshop_kind_parse(const char *s, enum workshop_kind *out)
{
        int i = parse_name(s, kind_names, 0, WORKSHOP_COUNT);

        if (i < 0)
                return -1;
        *out = (enum workshop_kind)i;
        return 0;
}

const char *approval_state_name(enum approval_state a)
{
        static const char *const names[] = {"none", "approved", "stale"};

        return names[a];
}
