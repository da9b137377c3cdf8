#include "roadmap/digest.h"

#include <nettle/sha2.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

static int cmp_service_id(const void *pa, const void *pb)
{
        const struct service *a = *(const struct service *const *)pa;
        const struct service *b = *(const struct service *const *)pb;

        return strcmp(a->id ? a->id : "", b->id ? b->id : "");
}

static void add_num(struct strbuf *sb, const char *name, long v)
{
        if (v >= 0)
                strbuf_addf(sb, " %s %ld", name, v);
        else
                strbuf_addf(sb, " %s -", name);
}

/*
 * Whether a service's plan is part of the digest on a date: a plan exists
 * from its first history entry's date.  A plan without history (only in an
 * invalid file) has no such date and is taken as it is now, as is every
 * plan when the date is unset.  A service that entered the inventory
 * (since) after the date is not part of it at all.
 */
static bool plan_exists_on(const struct plan *p, struct date on)
{
        if (!p->node)
                return false;
        if (!date_is_set(on) || p->nhistory == 0)
                return true;
        return date_cmp(p->history[0].date, on) <= 0;
}

static void add_service(struct strbuf *sb, const struct service *s,
                        struct date on)
{
        const struct plan *p = &s->plan;
        char due[11];

        strbuf_addf(sb, "service %s", s->id ? s->id : "");
        if (plan_exists_on(p, on)) {
                add_num(sb, "priority", p->priority);
                if (date_is_set(p->due)) {
                        date_format_iso(p->due, due);
                        strbuf_addf(sb, " due %s", due);
                } else {
                        strbuf_addstr(sb, " due -");
                }
                add_num(sb, "days", p->tcv.days);
                add_num(sb, "cost", p->tcv.cost);
                add_num(sb, "visits", p->tcv.visits);
        }
        strbuf_addch(sb, '\n');
}

char *digest_serialise(const struct office *o)
{
        return digest_serialise_on(o, (struct date){0, 0, 0});
}

char *digest_serialise_on(const struct office *o, struct date on)
{
        const struct service **sorted;
        struct strbuf sb;
        size_t i;

        sorted = xcalloc(o->nservices ? o->nservices : 1, sizeof(*sorted));
        for (i = 0; i < o->nservices; i++)
                sorted[i] = &o->services[i];
        qsort(sorted, o->nservices, sizeof(*sorted), cmp_service_id);
        strbuf_init(&sb);
        for (i = 0; i < o->nservices; i++)
                if (!date_is_set(on) || !date_is_set(sorted[i]->since) ||
                    date_cmp(sorted[i]->since, on) <= 0)
                        add_service(&sb, sorted[i], on);
        free(sorted);
        return strbuf_detach(&sb, NULL);
}

void digest_office(const struct office *o, char *out)
{
        digest_office_on(o, (struct date){0, 0, 0}, out);
}

void digest_office_on(const struct office *o, struct date on, char *out)
{
        static const char hex[] = "0123456789abcdef";
        uint8_t md[SHA256_DIGEST_SIZE];
        struct sha256_ctx ctx;
        char *text = digest_serialise_on(o, on);
        size_t i;

        sha256_init(&ctx);
        sha256_update(&ctx, strlen(text), (const uint8_t *)text);
        sha256_digest(&ctx, sizeof(md), md);
        free(text);
        memcpy(out, "sha256:", 7);
        for (i = 0; i < sizeof(md); i++) {
                out[7 + 2 * i] = hex[md[i] >> 4];
                out[8 + 2 * i] = hex[md[i] & 15];
        }
        out[DIGEST_LEN] = '\0';
}
