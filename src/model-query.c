/*
 * model-query: what the commands ask of a model read by model.c -- finding
 * a ministry or service, a service's status on a date, the approval's
 * state -- and the names of the enums.
 */
#include "roadmap/model.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "roadmap/digest.h"
#include "roadmap/schema.h"
#include "roadmap/xalloc.h"

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

const char *model_near_ministry(const struct roadmap_meta *meta, const char *id)
{
        const char **ids = xcalloc(meta->nministries + 1, sizeof(*ids));
        const char *near;
        size_t i;

        for (i = 0; i < meta->nministries; i++)
                ids[i] = meta->ministries[i].id ? meta->ministries[i].id : "";
        near = diag_did_you_mean(id, ids, meta->nministries);
        free(ids);
        return near;
}

const char *model_near_service(const struct office *o, const char *id)
{
        const char **ids = xcalloc(o->nservices + 1, sizeof(*ids));
        const char *near;
        size_t i;

        for (i = 0; i < o->nservices; i++)
                ids[i] = o->services[i].id ? o->services[i].id : "";
        near = diag_did_you_mean(id, ids, o->nservices);
        free(ids);
        return near;
}

const struct service *model_find_service(const struct office *o, const char *id)
{
        size_t i;

        for (i = 0; i < o->nservices; i++)
                if (o->services[i].id && strcmp(o->services[i].id, id) == 0)
                        return &o->services[i];
        return NULL;
}

const struct workshop *model_find_workshop(const struct office *o,
                                           enum workshop_kind kind,
                                           struct date date, long batch)
{
        const struct workshop *w;
        size_t i;

        for (i = 0; i < o->nworkshops; i++) {
                w = &o->workshops[i];
                if (w->kind == kind && date_cmp(w->date, date) == 0 &&
                    w->batch == batch)
                        return w;
        }
        return NULL;
}

char *model_name_key(const char *s, size_t n)
{
        utf8proc_uint8_t *f = NULL;
        utf8proc_ssize_t len;
        char *key;

        len = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &f,
                           UTF8PROC_STABLE | UTF8PROC_COMPOSE |
                               UTF8PROC_CASEFOLD);
        if (len < 0) {
                free(f);
                return xstrndup(s, n);
        }
        /* utf8proc allocates with malloc: copy into the one seam */
        key = xstrndup((const char *)f, (size_t)len);
        free(f);
        return key;
}

/* Whether a and b are one name: their keys are equal. */
static bool same_name(const char *a, const char *b)
{
        char *ka = model_name_key(a, strlen(a));
        char *kb = model_name_key(b, strlen(b));
        bool same = strcmp(ka, kb) == 0;

        free(ka);
        free(kb);
        return same;
}

const struct service *model_find_service_named(const struct office *o,
                                               const char *name,
                                               const char *name_bn,
                                               const struct service *except,
                                               bool *bn_out)
{
        const struct service *s;
        size_t i;

        for (i = 0; i < o->nservices; i++) {
                s = &o->services[i];
                if (s == except)
                        continue;
                if (name && s->name && same_name(s->name, name)) {
                        if (bn_out)
                                *bn_out = false;
                        return s;
                }
                if (name_bn && s->name_bn && same_name(s->name_bn, name_bn)) {
                        if (bn_out)
                                *bn_out = true;
                        return s;
                }
        }
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

static bool is_hex(char c)
{
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') ||
               (c >= 'A' && c <= 'F');
}

bool model_text_xescape(const char *s, size_t n)
{
        size_t i;

        if (n < 7 || s[0] != '_' || (s[1] != 'x' && s[1] != 'X') || s[6] != '_')
                return false;
        for (i = 2; i < 6; i++)
                if (!is_hex(s[i]))
                        return false;
        return true;
}

size_t model_text_units(const char *s, size_t n)
{
        const unsigned char *p = (const unsigned char *)s;
        size_t i, units = 0;

        /* a byte that starts a character counts one; a four-byte
         * sequence's first byte one more (its surrogate pair); a control
         * character or the "_" of a literal "_xHHHH_" seven */
        for (i = 0; i < n; i++) {
                if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n') ||
                    p[i] == 0x7f || model_text_xescape(s + i, n - i))
                        units += 7;
                else if ((p[i] & 0xc0) != 0x80)
                        units += 1 + (p[i] >= 0xf0);
        }
        return units;
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

const struct history_entry *service_first_status(const struct service *s,
                                                 enum status st)
{
        size_t i;

        if (!s->plan.node)
                return NULL;
        for (i = 0; i < s->plan.nhistory; i++)
                if (s->plan.history[i].status == st)
                        return &s->plan.history[i];
        return NULL;
}

bool service_open_on(const struct service *s, struct date on)
{
        enum status st;

        if (!date_is_set(on)) {
                if (!service_has_plan(s))
                        return false;
                st = service_status(s);
        } else if (!service_status_on(s, on, &st, NULL)) {
                return false;
        }
        return st != STATUS_LIVE && st != STATUS_DROPPED;
}

const struct service *service_passed_over(const struct office *o,
                                          const struct service *s,
                                          struct date on)
{
        const struct history_entry *live = service_first_status(s, STATUS_LIVE);
        size_t i;

        if (!live || s->plan.priority < 3 ||
            (date_is_set(on) && date_cmp(live->date, on) > 0))
                return NULL;
        for (i = 0; i < o->nservices; i++) {
                const struct service *t = &o->services[i];

                if (t == s || !t->plan.node || t->plan.priority < 1 ||
                    t->plan.priority > 2)
                        continue;
                if (date_is_set(on) && date_is_set(t->since) &&
                    date_cmp(t->since, on) > 0)
                        continue;
                if (service_open_on(t, live->date) && service_open_on(t, on))
                        return t;
        }
        return NULL;
}

static bool same_text(const char *a, const char *b)
{
        return a && b && strcmp(a, b) == 0;
}

static bool same_history(const struct plan *a, const struct plan *b)
{
        size_t i;

        if (!a->node || !b->node || a->nhistory == 0 ||
            a->nhistory != b->nhistory)
                return false;
        for (i = 0; i < a->nhistory; i++)
                if (date_cmp(a->history[i].date, b->history[i].date) != 0 ||
                    a->history[i].status != b->history[i].status)
                        return false;
        return true;
}

bool service_looks_renamed(const struct service *a, const struct service *b)
{
        return same_text(a->name, b->name) ||
               same_text(a->name_bn, b->name_bn) ||
               same_history(&a->plan, &b->plan);
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

const char *status_name(enum status st)
{
        return st < STATUS_COUNT ? schema_status_names[st] : "";
}

int status_parse(const char *s, enum status *out)
{
        int i = schema_name_index(s, schema_status_names, 0, STATUS_COUNT);

        if (i < 0)
                return -1;
        *out = (enum status)i;
        return 0;
}

const char *recipients_name(enum recipients r)
{
        return r < RECIPIENTS_COUNT ? schema_recipients_names[r] : "";
}

int recipients_parse(const char *s, enum recipients *out)
{
        int i =
            schema_name_index(s, schema_recipients_names, 1, RECIPIENTS_COUNT);

        if (i < 0)
                return -1;
        *out = (enum recipients)i;
        return 0;
}

const char *workshop_kind_name(enum workshop_kind k)
{
        return k < WORKSHOP_COUNT ? schema_workshop_names[k] : "";
}

int workshop_kind_parse(const char *s, enum workshop_kind *out)
{
        int i = schema_name_index(s, schema_workshop_names, 0, WORKSHOP_COUNT);

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
