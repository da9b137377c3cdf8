/*
 * roadmap list offices|services|ministries [--ministry M] [--office O]:
 * ids and names, one per line, tab-separated, for scripts and completion.
 *
 * Columns (roadmap-list(1)), the listed id always first:
 *   ministries  ministry  name  name_bn
 *   offices     office    name  name_bn  ministry
 *   services    service   name  name_bn  office  ministry
 * An absent name_bn is an empty field.  Tab, line breaks and backslash in
 * a name are written \t, \n, \r and \\, other control characters \xHH, so
 * every record is one line of a fixed number of fields.  Sorted as reports
 * sort: ministry id, office id, then service order in the file.  Offices
 * are read by the ordered parallel map (scan.h); an invalid office fails
 * the list (exit 1, nothing written), as it fails a report.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/load.h"
#include "roadmap/repo.h"
#include "roadmap/scan.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

enum list_kind { LIST_OFFICES, LIST_SERVICES, LIST_MINISTRIES };

struct opts {
        enum list_kind kind;
        const char *ministry, *office;
        unsigned jobs;
};

#define OFF(f) offsetof(struct opts, f)

static const struct opt options[] = {
    {"ministry", 0, OPT_STRING, OFF(ministry), "M",
     "only ministry M, or the offices of ministry M", NULL, "ministry",
     OPT_OPTIONAL},
    {"office", 0, OPT_STRING, OFF(office), "O",
     "only office O, its services or its ministry", NULL, "office",
     OPT_OPTIONAL},
    {"jobs", 0, OPT_JOBS, OFF(jobs), "N",
     "read with N threads (default: $ROADMAP_JOBS or the\n"
     "number of CPUs)",
     NULL, NULL, OPT_OPTIONAL},
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_list_syntax = {
    .name = "list",
    .operands = "offices|services|ministries",
    .opts = options,
    .description =
        "Print ids and names, one per line, tab-separated, the id first:\n"
        "  ministries  ministry, name, name_bn\n"
        "  offices     office, name, name_bn, ministry\n"
        "  services    service, name, name_bn, office, ministry\n"
        "sorted by ministry id, office id, then service order in the file.\n",
    .help_col = 20,
};

/* What one office gives: its lines and its sort key. */
struct result {
        struct diag_list diags;
        bool invalid;
        char *ministry; /* the office's, for --office with ministries */
        struct strbuf key, text;
};

struct entry {
        char *key, *text;
};

struct ctx {
        const char *root;
        const struct opts *o;
        struct entry *entries;
        size_t n, cap;
        char *office_ministry;
        struct diag_list *dl;
        bool failed;
};

static void put_field(struct strbuf *sb, const char *s, bool last)
{
        if (s)
                strbuf_add_escaped_exact(sb, s, strlen(s));
        strbuf_addch(sb, last ? '\n' : '\t');
}

static void put_services(struct strbuf *sb, const struct office *o)
{
        size_t i;

        for (i = 0; i < o->nservices; i++) {
                const struct service *s = &o->services[i];

                put_field(sb, s->id, false);
                put_field(sb, s->name, false);
                put_field(sb, s->name_bn, false);
                put_field(sb, o->id, false);
                put_field(sb, o->ministry, true);
        }
}

static void map(void *vctx, void *worker, const struct office_file *f,
                void *vres)
{
        const struct ctx *c = vctx;
        struct loaded *ld = worker;
        struct result *r = vres;
        char *path = xasprintf("%s/%s", c->root, f->path);
        char *display = repo_display_path(c->root, f->path);
        const struct office *o = &ld->m.office;

        loaded_reset(ld);
        diag_list_release(&r->diags);
        strbuf_reset(&r->key);
        strbuf_reset(&r->text);
        free(r->ministry);
        r->ministry = NULL;
        r->invalid = load_office(ld, path, display, f->id, &r->diags) != 0;
        if (!r->invalid &&
            (!c->o->ministry || strcmp(o->ministry, c->o->ministry) == 0)) {
                r->ministry = xstrdup(o->ministry);
                strbuf_addstr(&r->key, o->ministry);
                strbuf_addch(&r->key, '\0');
                strbuf_addstr(&r->key, o->id);
                if (c->o->kind == LIST_SERVICES) {
                        put_services(&r->text, o);
                } else if (c->o->kind == LIST_OFFICES) {
                        put_field(&r->text, o->id, false);
                        put_field(&r->text, o->name, false);
                        put_field(&r->text, o->name_bn, false);
                        put_field(&r->text, o->ministry, true);
                }
        }
        free(path);
        free(display);
}

static void consume(void *vctx, const struct office_file *f, void *vres)
{
        struct ctx *c = vctx;
        struct result *r = vres;
        struct entry *e;

        if (r->invalid) {
                c->failed = true;
                diag_list_move(c->dl, &r->diags);
                return;
        }
        if (!r->ministry)
                return;
        if (!c->office_ministry)
                c->office_ministry = xstrdup(r->ministry);
        c->entries = xgrow(c->entries, &c->cap, c->n + 1, sizeof(*c->entries));
        e = &c->entries[c->n++];
        e->key = xmalloc(r->key.len + 1);
        memcpy(e->key, r->key.buf, r->key.len + 1);
        e->text = strbuf_detach(&r->text, NULL);
        (void)f;
}

static void worker_init(void *ctx, void *w)
{
        loaded_init(w);
}

static void worker_release(void *ctx, void *w)
{
        loaded_release(w);
}

static void result_init(void *ctx, void *vres)
{
        struct result *r = vres;

        diag_list_init(&r->diags);
        strbuf_init(&r->key);
        strbuf_init(&r->text);
}

static void result_release(void *ctx, void *vres)
{
        struct result *r = vres;

        diag_list_release(&r->diags);
        strbuf_release(&r->key);
        strbuf_release(&r->text);
        free(r->ministry);
}

/* Keys are "ministry\0office": compare the two parts in turn. */
static int entry_cmp(const void *pa, const void *pb)
{
        const struct entry *a = pa, *b = pb;
        int c = strcmp(a->key, b->key);

        return c ? c
                 : strcmp(a->key + strlen(a->key) + 1,
                          b->key + strlen(b->key) + 1);
}

static void ctx_release(struct ctx *c)
{
        size_t i;

        for (i = 0; i < c->n; i++) {
                free(c->entries[i].key);
                free(c->entries[i].text);
        }
        free(c->entries);
        free(c->office_ministry);
}

/* Read the offices of files[0..n) into c, in order. */
static void read_offices(struct ctx *c, const struct office_file *const *files,
                         size_t n)
{
        struct scan_map m;

        memset(&m, 0, sizeof(m));
        m.files = files;
        m.nfiles = n;
        m.jobs = c->o->jobs;
        m.worker_size = sizeof(struct loaded);
        m.result_size = sizeof(struct result);
        m.ctx = c;
        m.worker_init = worker_init;
        m.worker_release = worker_release;
        m.result_init = result_init;
        m.result_release = result_release;
        m.map = map;
        m.consume = consume;
        scan_run(&m);
}

/* --office O: its entry in the listing, or NULL after an error (with a
 * did-you-mean) in dl. */
static const struct office_file *find_office(const char *root,
                                             const struct office_list *l,
                                             const char *id,
                                             struct diag_list *dl)
{
        const struct office_file *f = scan_office_in(root, l, id, dl);
        const char *near;
        struct diag *d;

        if (f || diag_count(dl, DIAG_ERROR))
                return f;
        near = repo_near_office(l, id);
        d = diag_error(dl, NULL, 0, 0, "no office '%s' in the repository", id);
        if (near)
                diag_hint(d, "did you mean '%s'?", near);
        else
                diag_hint(d, "'roadmap list offices' lists them");
        return NULL;
}

/* --ministry M must be in roadmap.yaml; 0, or -1 after an error in dl. */
static int check_ministry(const struct roadmap_meta *meta, const char *id,
                          struct diag_list *dl)
{
        const char *near;
        struct diag *d;

        if (!id || model_find_ministry(meta, id))
                return 0;
        near = model_near_ministry(meta, id);
        d = diag_error(dl, NULL, 0, 0, "no ministry '%s' in %s", id,
                       REPO_MARKER);
        if (near)
                diag_hint(d, "did you mean '%s'?", near);
        else
                diag_hint(d, "'roadmap list ministries' lists them");
        return -1;
}

static int ministry_cmp(const void *pa, const void *pb)
{
        const struct ministry *const *a = pa, *const *b = pb;

        return strcmp((*a)->id, (*b)->id);
}

/* The ministries, by id: all, --ministry's, or (only, when set) the
 * ministry of --office. */
static void print_ministries(const struct roadmap_meta *meta, const char *only,
                             const struct opts *o)
{
        const struct ministry **v =
            xmalloc((meta->nministries + 1) * sizeof(*v));
        struct strbuf sb = STRBUF_INIT;
        size_t i, n = 0;

        for (i = 0; i < meta->nministries; i++)
                v[n++] = &meta->ministries[i];
        qsort(v, n, sizeof(*v), ministry_cmp);
        for (i = 0; i < n; i++) {
                if ((o->ministry && strcmp(v[i]->id, o->ministry)) ||
                    (o->office && (!only || strcmp(v[i]->id, only))))
                        continue;
                put_field(&sb, v[i]->id, false);
                put_field(&sb, v[i]->name, false);
                put_field(&sb, v[i]->name_bn, true);
        }
        fwrite(sb.buf, 1, sb.len, stdout);
        strbuf_release(&sb);
        free(v);
}

/* Read the offices (the one of --office, or all) and print what kind
 * asks for.  Returns the exit status. */
static int list_offices(const char *root, const struct roadmap_meta *meta,
                        const struct opts *o, struct diag_list *dl)
{
        struct office_list l = OFFICE_LIST_INIT;
        const struct office_file **files = NULL, *one;
        struct ctx c;
        size_t i, n = 0;
        int rc = EXIT_INVALID;

        memset(&c, 0, sizeof(c));
        c.root = root;
        c.o = o;
        c.dl = dl;
        if (repo_list_offices(root, &l, dl) != 0)
                goto done;
        files = xmalloc((l.n + 1) * sizeof(*files));
        for (i = 0; i < l.n; i++)
                files[i] = &l.items[i];
        if (o->office) {
                if (!(one = find_office(root, &l, o->office, dl)))
                        goto done;
                files[0] = one;
                n = 1;
        } else {
                if (scan_check_ids(root, files, l.n, false, NULL, dl) > 0)
                        goto done;
                n = l.n;
        }
        read_offices(&c, files, n);
        if (c.failed)
                goto done;
        if (c.n > 1)
                qsort(c.entries, c.n, sizeof(*c.entries), entry_cmp);
        if (o->kind == LIST_MINISTRIES)
                print_ministries(meta, c.office_ministry, o);
        for (i = 0; i < c.n; i++)
                fputs(c.entries[i].text, stdout);
        rc = EXIT_OK;
done:
        ctx_release(&c);
        free(files);
        repo_office_list_release(&l);
        return rc;
}

static int parse(int argc, char **argv, struct opts *o)
{
        static const char *const kinds[] = {"offices", "services",
                                            "ministries"};
        const struct cmd_syntax *syn = &cmd_list_syntax;
        int n, k;

        memset(o, 0, sizeof(*o));
        if ((n = opt_parse_args(syn, argc, argv, o, 1, 1)) < 0)
                return n;
        if (opt_jobs_default(syn, &o->jobs) != 0)
                return -1;
        for (k = 0; k < 3; k++)
                if (strcmp(argv[1], kinds[k]) == 0) {
                        o->kind = (enum list_kind)k;
                        return 0;
                }
        return opt_choice_error(syn, "list", argv[1], kinds, 3), -1;
}

int cmd_list(int argc, char **argv)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct loaded meta;
        struct opts o;
        char *root = NULL, *path = NULL;
        int rc = parse(argc, argv, &o);

        if (rc != 0)
                return opt_parse_exit(rc);
        rc = EXIT_INVALID;
        loaded_init(&meta);
        if (!(root = cli_repo_root()) ||
            (o.office && cmd_office_ids(root, &o.office, 1) != EXIT_OK))
                goto done;
        path = xasprintf("%s/%s", root, REPO_MARKER);
        if (load_roadmap(&meta, path, REPO_MARKER, &dl) != 0 ||
            check_ministry(&meta.m.meta, o.ministry, &dl) != 0)
                goto done;
        if (o.kind == LIST_MINISTRIES && !o.office) {
                print_ministries(&meta.m.meta, NULL, &o);
                rc = EXIT_OK;
        } else {
                rc = list_offices(root, &meta.m.meta, &o, &dl);
        }
done:
        if (rc != EXIT_OK)
                cli_print_diags(&dl);
        diag_list_release(&dl);
        loaded_release(&meta);
        free(path);
        free(root);
        return rc;
}
