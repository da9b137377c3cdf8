/*
 * scan: find an office by id, the duplicate-id rule, the jobs rule and the
 * ordered parallel map (see scan.h).
 */
#include "roadmap/scan.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roadmap/bangla.h"
#include "roadmap/load.h"
#include "roadmap/model.h"
#include "roadmap/xalloc.h"

/* ---- the jobs rule ------------------------------------------------------ */

#define STR_(x) #x
#define STR(x) STR_(x)

const char *scan_jobs_parse(const char *s, unsigned *jobs)
{
        const char *why;
        long n;

        if (bangla_parse_number(s, &n, &why) != 0)
                return why;
        if (n < 1 || n > SCAN_MAX_JOBS)
                return "must be 1 to " STR(SCAN_MAX_JOBS);
        *jobs = (unsigned)n;
        return NULL;
}

const char *scan_jobs_default(unsigned *jobs)
{
        const char *env = getenv(SCAN_JOBS_ENV);
        long n;

        if (env && *env)
                return scan_jobs_parse(env, jobs);
        n = sysconf(_SC_NPROCESSORS_ONLN);
        *jobs = n < 1 ? 1 : n > SCAN_MAX_JOBS ? SCAN_MAX_JOBS : (unsigned)n;
        return NULL;
}

/* ---- the duplicate-id rule and the lookup ------------------------------- */

static int id_cmp(const void *pa, const void *pb)
{
        const struct office_file *a = *(const struct office_file *const *)pa;
        const struct office_file *b = *(const struct office_file *const *)pb;
        int c = strcmp(a->id, b->id);

        return c ? c : strcmp(a->path, b->path);
}

static void dup_diag(struct diag_list *dl, bool skip,
                     const struct scan_place *place,
                     const struct office_file *later,
                     const struct office_file *first)
{
        char *path = place->display(place->arg, later->path);
        char *other = place->display(place->arg, first->path);
        int line, col;

        place->id_position(place->arg, later->path, &line, &col);
        diag_add(dl, skip ? DIAG_WARNING : DIAG_ERROR, path, line, col,
                 "office id '%s' is also used by '%s'%s", later->id, other,
                 skip ? "; both skipped" : "");
        free(other);
        free(path);
}

size_t scan_check_ids_at(const struct scan_place *place,
                         const struct office_file *const *files, size_t n,
                         bool skip, bool *dup, struct diag_list *dl)
{
        const struct office_file **byid = xmalloc((n ? n : 1) * sizeof(*byid));
        size_t i, first = 0, count = 0;

        memcpy(byid, files, n * sizeof(*byid));
        qsort(byid, n, sizeof(*byid), id_cmp);
        for (i = 1; i <= n; i++) {
                if (i < n && strcmp(byid[i]->id, byid[first]->id) == 0) {
                        dup_diag(dl, skip, place, byid[i], byid[first]);
                        continue;
                }
                if (i - first > 1)
                        count += i - first;
                first = i;
        }
        if (dup && count) {
                for (i = 0; i < n; i++) {
                        const struct office_file **hit;

                        hit =
                            bsearch(&files[i], byid, n, sizeof(*byid), id_cmp);
                        dup[i] =
                            (hit > byid && !strcmp((*hit)->id, hit[-1]->id)) ||
                            (hit + 1 < byid + n &&
                             !strcmp((*hit)->id, hit[1]->id));
                }
        }
        free(byid);
        return count;
}

/* The work tree's files: named as repo_display_path() names them, the id
 * read from disk. */
static char *disk_display(void *arg, const char *rel)
{
        return repo_display_path(arg, rel);
}

static void disk_id_position(void *arg, const char *rel, int *line, int *col)
{
        char *full = xasprintf("%s/%s", (const char *)arg, rel);

        load_office_id_position(full, line, col);
        free(full);
}

size_t scan_check_ids(const char *root, const struct office_file *const *files,
                      size_t n, bool skip, bool *dup, struct diag_list *dl)
{
        const struct scan_place disk = {disk_display, disk_id_position,
                                        (void *)root};

        return scan_check_ids_at(&disk, files, n, skip, dup, dl);
}

const struct office_file *scan_office_in(const char *root,
                                         const struct office_list *l,
                                         const char *id, struct diag_list *dl)
{
        const struct office_file **same = NULL;
        const struct office_file *found = NULL;
        size_t i, n = 0, cap = 0;

        for (i = 0; i < l->n; i++) {
                if (strcmp(l->items[i].id, id) != 0)
                        continue;
                same = xgrow(same, &cap, n + 1, sizeof(*same));
                same[n++] = &l->items[i];
        }
        if (n == 1)
                found = same[0];
        else if (n > 1)
                scan_check_ids(root, same, n, false, NULL, dl);
        free(same);
        return found;
}

enum scan_find scan_find_office(const char *root, const char *id,
                                struct office_list *l, char **rel,
                                struct diag_list *dl)
{
        size_t before = diag_count(dl, DIAG_ERROR);
        const struct office_file *f;

        memset(l, 0, sizeof(*l));
        *rel = model_valid_id(id, strlen(id)) ? repo_quick_find(root, id, NULL)
                                              : NULL;
        if (*rel)
                return SCAN_FOUND;
        if (repo_list_offices(root, l, dl) != 0)
                return SCAN_UNREADABLE;
        f = scan_office_in(root, l, id, dl);
        if (f) {
                *rel = xstrdup(f->path);
                return SCAN_FOUND;
        }
        return diag_count(dl, DIAG_ERROR) > before ? SCAN_DUPLICATE : SCAN_NONE;
}

/* ---- the ordered parallel map ------------------------------------------- */

/*
 * Workers take files in order, at most window ahead of the consumer;
 * file i goes to slot i % window, which the consumer empties before it
 * can be reused.  The consumer takes slots strictly in file order.
 */
struct pool {
        const struct scan_map *m;
        pthread_mutex_t mu;
        pthread_cond_t can_take, done;
        size_t next, consumed, window;
        size_t completed; /* files mapped, consumed or not */
        size_t batch;     /* wake the consumer for this many files at once */
        bool consumer_waits;
        bool *ready;
        char *slots; /* window results of m->result_size bytes */
};

struct thread {
        pthread_t tid;
        struct pool *pool;
        void *worker;
};

static void *slot(const struct pool *p, size_t i)
{
        return p->slots + (i % p->window) * p->m->result_size;
}

/* The consumer has enough to do: the next file in order is ready and a
 * batch of files (or the last of them) has been mapped.  Waking it per
 * batch, not per file, saves a futex wake and wait per office. */
static bool can_consume(const struct pool *p)
{
        return p->ready[p->consumed % p->window] &&
               (p->completed - p->consumed >= p->batch ||
                p->completed == p->m->nfiles);
}

static void *worker_main(void *arg)
{
        struct thread *t = arg;
        struct pool *p = t->pool;
        const struct scan_map *m = p->m;
        size_t i;

        pthread_mutex_lock(&p->mu);
        for (;;) {
                while (p->next < m->nfiles &&
                       p->next >= p->consumed + p->window)
                        pthread_cond_wait(&p->can_take, &p->mu);
                if (p->next >= m->nfiles)
                        break;
                i = p->next++;
                pthread_mutex_unlock(&p->mu);
                m->map(m->ctx, t->worker, m->files[i], slot(p, i));
                pthread_mutex_lock(&p->mu);
                p->ready[i % p->window] = true;
                p->completed++;
                if (p->consumer_waits && can_consume(p))
                        pthread_cond_signal(&p->done);
        }
        pthread_mutex_unlock(&p->mu);
        return NULL;
}

static void consume_in_order(struct pool *p)
{
        const struct scan_map *m = p->m;
        size_t i, s;

        for (i = 0; i < m->nfiles; i++) {
                s = i % p->window;
                pthread_mutex_lock(&p->mu);
                if (!p->ready[s]) {
                        p->consumer_waits = true;
                        while (!can_consume(p))
                                pthread_cond_wait(&p->done, &p->mu);
                        p->consumer_waits = false;
                }
                pthread_mutex_unlock(&p->mu);
                m->consume(m->ctx, m->files[i], slot(p, i));
                pthread_mutex_lock(&p->mu);
                p->ready[s] = false;
                p->consumed++;
                pthread_cond_broadcast(&p->can_take);
                pthread_mutex_unlock(&p->mu);
        }
}

static void *state_new(const struct scan_map *m, size_t size,
                       void (*init)(void *, void *))
{
        void *s = xcalloc(1, size ? size : 1);

        if (init)
                init(m->ctx, s);
        return s;
}

static void state_free(const struct scan_map *m, void *s,
                       void (*release)(void *, void *))
{
        if (release)
                release(m->ctx, s);
        free(s);
}

static void run_serial(const struct scan_map *m)
{
        void *w = state_new(m, m->worker_size, m->worker_init);
        void *r = state_new(m, m->result_size, m->result_init);
        size_t i;

        for (i = 0; i < m->nfiles; i++) {
                m->map(m->ctx, w, m->files[i], r);
                m->consume(m->ctx, m->files[i], r);
        }
        state_free(m, r, m->result_release);
        state_free(m, w, m->worker_release);
}

static void pool_init(struct pool *p, const struct scan_map *m, unsigned jobs)
{
        size_t i;

        memset(p, 0, sizeof(*p));
        p->m = m;
        pthread_mutex_init(&p->mu, NULL);
        pthread_cond_init(&p->can_take, NULL);
        pthread_cond_init(&p->done, NULL);
        p->window = 32 * (size_t)jobs;
        p->batch = 8 * (size_t)jobs;
        p->ready = xcalloc(p->window, sizeof(*p->ready));
        p->slots = xcalloc(p->window, m->result_size ? m->result_size : 1);
        for (i = 0; i < p->window && m->result_init; i++)
                m->result_init(m->ctx, slot(p, i));
}

static void pool_release(struct pool *p)
{
        size_t i;

        for (i = 0; i < p->window && p->m->result_release; i++)
                p->m->result_release(p->m->ctx, slot(p, i));
        free(p->slots);
        free(p->ready);
        pthread_cond_destroy(&p->done);
        pthread_cond_destroy(&p->can_take);
        pthread_mutex_destroy(&p->mu);
}

static void run_parallel(const struct scan_map *m, unsigned jobs)
{
        struct pool p;
        struct thread *t = xcalloc(jobs, sizeof(*t));
        unsigned i, started = 0;

        pool_init(&p, m, jobs);
        for (i = 0; i < jobs; i++) {
                t[i].pool = &p;
                t[i].worker = state_new(m, m->worker_size, m->worker_init);
                if (pthread_create(&t[i].tid, NULL, worker_main, &t[i]) != 0)
                        break;
                started++;
        }
        if (started == 0) /* no threads to be had: map here */
                run_serial(m);
        else
                consume_in_order(&p);
        for (i = 0; i < started; i++)
                pthread_join(t[i].tid, NULL);
        for (i = 0; i < jobs; i++)
                if (t[i].worker)
                        state_free(m, t[i].worker, m->worker_release);
        pool_release(&p);
        free(t);
}

void scan_run(const struct scan_map *m)
{
        unsigned jobs = m->jobs;

        if (jobs > SCAN_MAX_JOBS)
                jobs = SCAN_MAX_JOBS;
        if (jobs > m->nfiles)
                jobs = (unsigned)m->nfiles;
        if (jobs <= 1)
                run_serial(m);
        else
                run_parallel(m, jobs);
}
