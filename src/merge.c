/*
 * merge: merge_run (merge.h) -- load the three versions, walk them
 * (merge-walk.c, merge-seq.c) into edits on ours, apply them, re-read
 * and verify the result twice (edit_verify against the intents,
 * merge_verify against the three-way rule), then write the markers of the
 * conflicts (merge-mark.c).
 */
#include "roadmap/merge.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "merge-internal.h"
#include "roadmap/model.h"
#include "roadmap/xalloc.h"

void merge_result_init(struct merge_result *res)
{
        memset(res, 0, sizeof(*res));
        strbuf_init(&res->out);
        strbuf_init(&res->notes);
}

void merge_result_release(struct merge_result *res)
{
        size_t i;

        for (i = 0; i < res->nconflicts; i++) {
                struct merge_conflict *c = &res->conflicts[i];
                free(c->where);
                free(c->field);
                free(c->base);
                free(c->ours);
                free(c->theirs);
        }
        free(res->conflicts);
        strbuf_release(&res->out);
        strbuf_release(&res->notes);
        merge_result_init(res);
}

/* The three versions, read. */
struct versions {
        struct loaded l[SIDE_COUNT];
        struct loaded after;
        bool base_empty;
};

/* Load one version; a base that is an empty document (comments at most)
 * sets *empty instead. */
static int load_one(const struct merge_opts *o, struct loaded *l,
                    const struct merge_input *in, bool *empty,
                    struct diag_list *dl)
{
        struct diag_list mine = DIAG_LIST_INIT;
        int rc =
            load_bytes(l, o->kind, in->display, in->buf, in->len, NULL, &mine);

        if (rc != 0 && empty && l->parsed && !l->doc.root) {
                *empty = true;
                rc = 0;
        } else if (rc != 0) {
                diag_list_move(dl, &mine);
        }
        diag_list_release(&mine);
        return rc;
}

/* One version's load, run on a thread of its own for big files. */
struct load_job {
        const struct merge_opts *o;
        struct loaded *l;
        const struct merge_input *in;
        bool *empty;
        struct diag_list dl;
        int rc;
};

static void *load_job_run(void *arg)
{
        struct load_job *j = arg;

        j->rc = load_one(j->o, j->l, j->in, j->empty, &j->dl);
        return NULL;
}

/* Versions of at least this many bytes in all are read on three threads
 * (a 1,000-service office: a third of the driver's time is reading). */
#define LOAD_THREADED_BYTES (128u * 1024u)

static int load_all(const struct merge_opts *o, struct versions *v,
                    const struct merge_input *const in[SIDE_COUNT],
                    struct diag_list *dl)
{
        struct load_job job[SIDE_COUNT];
        pthread_t th[SIDE_COUNT];
        bool started[SIDE_COUNT] = {false, false, false};
        size_t total = in[0]->len + in[1]->len + in[2]->len;
        int i, rc = 0;

        v->base_empty = in[SIDE_BASE]->len == 0;
        for (i = 0; i < SIDE_COUNT; i++) {
                job[i].o = o;
                job[i].l = &v->l[i];
                job[i].in = in[i];
                job[i].empty = i == SIDE_BASE ? &v->base_empty : NULL;
                diag_list_init(&job[i].dl);
                job[i].rc = 0;
                if (i != SIDE_OURS && total >= LOAD_THREADED_BYTES &&
                    !(i == SIDE_BASE && v->base_empty))
                        started[i] = pthread_create(&th[i], NULL, load_job_run,
                                                    &job[i]) == 0;
        }
        for (i = 0; i < SIDE_COUNT; i++)
                if (!started[i] && !(i == SIDE_BASE && v->base_empty))
                        load_job_run(&job[i]);
        for (i = 0; i < SIDE_COUNT; i++) {
                if (started[i])
                        pthread_join(th[i], NULL);
                if (job[i].rc != 0)
                        rc = MERGE_UNREADABLE;
                diag_list_move(dl, &job[i].dl);
                diag_list_release(&job[i].dl);
        }
        return rc;
}

static void merge_init(struct merge *m, const struct merge_opts *o,
                       struct versions *v, struct merge_result *res,
                       struct diag_list *dl)
{
        static struct yamldoc empty;
        int i;

        memset(m, 0, sizeof(*m));
        m->o = o;
        for (i = 0; i < SIDE_COUNT; i++)
                m->doc[i] = &v->l[i].doc;
        if (v->base_empty)
                m->doc[SIDE_BASE] = &empty;
        arena_init(&m->arena);
        edit_init(&m->edit, m->doc[SIDE_OURS]);
        m->res = res;
        m->dl = dl;
}

static void merge_release(struct merge *m)
{
        edit_release(&m->edit);
        arena_release(&m->arena);
        free(m->path.steps);
        free(m->confs);
}

static int top_shape(const struct merge_opts *o)
{
        return o->kind == LOAD_OFFICE ? SCHEMA_OFFICE_FILE : SCHEMA_ROADMAP;
}

/* Apply the edits, re-read (MERGE_INVALID) and verify the result. */
static int apply(struct merge *m, struct versions *v,
                 const struct merge_input *ours, struct strbuf *out)
{
        struct diag_list mine = DIAG_LIST_INIT;
        int rc = -1;
        const char *display = m->o->display ? m->o->display : ours->display;

        if (edit_apply(&m->edit, out, m->dl) != 0)
                return -1;
        if (load_bytes(&v->after, m->o->kind, display, out->buf, out->len, NULL,
                       &mine) != 0) {
                diag_list_move(m->dl, &mine);
                rc = MERGE_INVALID;
                goto done;
        }
        if (edit_verify(&m->edit, &v->after.doc, m->dl) != 0 ||
            merge_verify(m, &v->after.doc) != 0)
                goto done;
        rc = 0;
done:
        diag_list_release(&mine);
        return rc;
}

static bool stale(const struct loaded *l)
{
        return office_approval_state(&l->m.office) == APPROVAL_STALE;
}

static int run(struct merge *m, struct versions *v,
               const struct merge_input *ours, struct merge_result *res)
{
        struct strbuf out = STRBUF_INIT;
        int rc;

        merge_map(m, m->doc[SIDE_BASE]->root, m->doc[SIDE_OURS]->root,
                  m->doc[SIDE_THEIRS]->root, top_shape(m->o));
        rc = m->err ? -1 : apply(m, v, ours, &out);
        if (rc == 0 && m->o->kind == LOAD_OFFICE)
                res->approval_stale =
                    stale(&v->after) && !stale(&v->l[SIDE_OURS]);
        if (rc == 0 && m->nconfs && !m->o->ancestor) {
                rc = merge_mark(m, &v->after.doc) ? -1 : MERGE_CONFLICTS;
        } else if (rc == 0) {
                strbuf_release(&res->out);
                res->out = out;
                strbuf_init(&out);
        }
        strbuf_release(&out);
        return rc;
}

int merge_run(const struct merge_opts *o, const struct merge_input *base,
              const struct merge_input *ours, const struct merge_input *theirs,
              struct merge_result *res, struct diag_list *dl)
{
        const struct merge_input *in[SIDE_COUNT] = {base, ours, theirs};
        struct merge_opts oc = *o;
        struct versions v;
        struct merge m;
        int i, rc;

        if (oc.marker_size <= 0)
                oc.marker_size = 7;
        else if (oc.marker_size > MERGE_MARKER_MAX)
                oc.marker_size = MERGE_MARKER_MAX;
        o = &oc;
        memset(&v, 0, sizeof(v));
        for (i = 0; i < SIDE_COUNT; i++)
                loaded_init(&v.l[i]);
        loaded_init(&v.after);
        rc = load_all(o, &v, in, dl);
        if (rc == 0) {
                merge_init(&m, o, &v, res, dl);
                rc = run(&m, &v, ours, res);
                merge_release(&m);
        }
        if (rc != 0 && rc != MERGE_CONFLICTS)
                strbuf_reset(&res->out);
        for (i = 0; i < SIDE_COUNT; i++)
                loaded_release(&v.l[i]);
        loaded_release(&v.after);
        return rc;
}

/* Text of the merged files as a person reads it: control characters and
 * invalid UTF-8 escaped, as everywhere in the tool; NULL is "(none)". */
static void put(struct strbuf *out, const char *s)
{
        if (!s)
                s = "(none)";
        strbuf_add_escaped(out, s, strlen(s));
}

/* A value text that says no more than what it is: a list, a mapping. */
static bool is_collection(const char *v)
{
        return !v || !strcmp(v, "(list)") || !strcmp(v, "(mapping)");
}

/* " ours X, theirs Y" (and " base Z, " before when base is set). */
static void put_sides(struct strbuf *out, const struct merge_conflict *c,
                      bool base)
{
        if (base) {
                strbuf_addstr(out, "base ");
                put(out, c->base);
                strbuf_addstr(out, ", ");
        }
        strbuf_addstr(out, "ours ");
        put(out, c->ours);
        strbuf_addstr(out, ", theirs ");
        put(out, c->theirs);
}

static void put_field(struct strbuf *out, const char *field, const char *end)
{
        if (!field)
                return;
        put(out, field);
        strbuf_addstr(out, end);
}

void merge_conflict_format(const struct merge_conflict *c, struct strbuf *out)
{
        put_field(out, c->where, ": ");
        switch (c->kind) {
        case MERGE_BOTH_CHANGED:
                put_field(out, c->field, " ");
                strbuf_addstr(out, "changed on both sides: ");
                put_sides(out, c, true);
                return;
        case MERGE_BOTH_ADDED:
                put_field(out, c->field, " ");
                strbuf_addstr(out, c->field ? "added on both sides with "
                                              "different values: "
                                            : "added on both sides with "
                                              "different content");
                if (c->field)
                        put_sides(out, c, false);
                else if (!is_collection(c->ours)) {
                        strbuf_addstr(out, ": ");
                        put_sides(out, c, false);
                }
                return;
        case MERGE_HISTORY:
                put(out, c->field ? c->field : "plan.history");
                strbuf_addstr(out, ": entries added on both sides break the "
                                   "status order, or one side removed "
                                   "entries while the other added some");
                return;
        default:
                break;
        }
        put_field(out, c->field, ": ");
        strbuf_addstr(out, c->kind == MERGE_OURS_REMOVED
                               ? "removed by ours, changed by theirs"
                               : "removed by theirs, changed by ours");
}
