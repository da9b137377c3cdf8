/*
 * roadmap check --pre-receive: the pre-receive hook of a central
 * repository (roadmap git-setup --server).  git gives one line per updated
 * ref on stdin, "OLD NEW REF"; the push is refused (exit 1), with the
 * findings on stderr, when the new tree of any ref fails the check.
 *
 * The pushed objects are still in git's quarantine directory: the
 * repository is opened as git's environment says (GITREPO_FROM_ENV).
 * The cost follows the push: only the offices that differ between the old
 * and the new commit (by tree object id) are read, all of them when
 * roadmap.yaml changed.  A new ref (a branch, a tag) is compared with a
 * commit the server already has: its merge base with the server's HEAD,
 * else with any branch; only with none (the first push) are all offices
 * read.  So a tag of a commit already on a branch reads none.  The rules
 * across files (duplicate office ids) use the whole new tree's listing.
 * A deleted ref, or one that names no commit (a tag of a tree or a blob),
 * passes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check-internal.h"
#include "roadmap/cli.h"
#include "roadmap/xalloc.h"

#define GIT(fn) (gitlib()->fn)

struct push {
        struct gitrepo *g;
        unsigned jobs;
        struct date tomorrow;
        bool quiet;
        size_t refused; /* refs whose new tree fails the check */
};

/* The commit that id names, through tags: 0; 1 when it names no commit;
 * -1 when it cannot be read. */
static int peel_commit(struct gitrepo *g, const git_oid *id, git_oid *out)
{
        git_object *obj = NULL, *peeled = NULL;
        int rc =
            GIT(git_object_lookup)(&obj, gitrepo_git(g), id, GIT_OBJECT_ANY);

        if (rc < 0)
                return -1;
        rc = GIT(git_object_peel)(&peeled, obj, GIT_OBJECT_COMMIT);
        if (rc == 0)
                GIT(git_oid_cpy)(out, GIT(git_object_id)(peeled));
        GIT(git_object_free)(peeled);
        GIT(git_object_free)(obj);
        return rc == 0 ? 0 : 1;
}

static int cmp_path(const void *key, const void *item)
{
        return strcmp(key, ((const struct office_file *)item)->path);
}

/* The office of the listing (sorted by path) at path, or NULL. */
static const struct office_file *listed(const struct office_list *l,
                                        const char *path)
{
        return bsearch(path, l->items, l->n, sizeof(*l->items), cmp_path);
}

/* A branch's merge base with the pushed commit, for known_base(). */
struct base_search {
        git_repository *git;
        const git_oid *commit;
        git_oid base;
        bool found;
};

static int branch_base(const char *ref, void *arg)
{
        struct base_search *b = arg;
        git_oid tip;

        if (GIT(git_reference_name_to_id)(&tip, b->git, ref) == 0 &&
            GIT(git_merge_base)(&b->base, b->git, b->commit, &tip) == 0)
                b->found = true;
        GIT(git_error_clear)();
        return b->found; /* nonzero: stop */
}

/* The first branch that has a merge base with b->commit. */
static void search_branches(struct base_search *b)
{
        const struct gitlib *lib = gitlib();

        lib->git_reference_foreach_glob(b->git, "refs/heads/*", branch_base, b);
}

/*
 * What a new ref's commit is compared with, a commit the server already
 * holds: the merge base of commit with the server's HEAD (its default
 * branch), else with any branch.  0 and *base, or 1 when there is none
 * (an empty repository, or a history of its own).
 */
static int known_base(struct push *p, const git_oid *commit, git_oid *base)
{
        struct base_search b = {gitrepo_git(p->g), commit, {{0}}, false};
        git_oid head;

        if (GIT(git_reference_name_to_id)(&head, b.git, "HEAD") == 0 &&
            GIT(git_merge_base)(&b.base, b.git, commit, &head) == 0)
                b.found = true;
        else
                search_branches(&b);
        GIT(git_error_clear)();
        if (b.found)
                GIT(git_oid_cpy)(base, &b.base);
        return b.found ? 0 : 1;
}

/* The commit that the ref's new commit is compared with: its old commit,
 * or for a new ref known_base().  0, or 1 when there is none. */
static int base_commit(struct push *p, const git_oid *old,
                       const git_oid *commit, git_oid *base)
{
        if (GIT(git_oid_is_zero)(old))
                return known_base(p, commit, base);
        return peel_commit(p->g, old, base) == 0 ? 0 : 1;
}

/* The offices of c's listing that differ from the commit base (n of
 * them), or NULL for all: roadmap.yaml changed, or base holds no roadmap
 * to compare with. */
static const struct office_file **changed_offices(struct push *p,
                                                  const struct check *c,
                                                  const git_oid *base,
                                                  size_t *n)
{
        struct gitsnap before = GITSNAP_INIT;
        struct gitsnap_changes ch = GITSNAP_CHANGES_INIT;
        struct diag_list ignored = DIAG_LIST_INIT;
        const struct office_file **files = NULL, *f;
        size_t i;

        if (gitsnap_at_commit(p->g, base, &before, &ignored) ||
            gitsnap_changes(p->g, &before, c->snap, &ch, &ignored))
                goto out;
        files = xcalloc(ch.n ? ch.n : 1, sizeof(*files));
        for (*n = 0, i = 0; i < ch.n; i++) {
                if (strcmp(ch.items[i].path, REPO_MARKER) == 0) {
                        free(files);
                        files = NULL;
                        break;
                }
                if ((f = listed(&c->offices, ch.items[i].path)))
                        files[(*n)++] = f;
        }
out:
        gitsnap_changes_release(&ch);
        gitsnap_release(&before);
        diag_list_release(&ignored);
        return files;
}

/* Check the new tree of the commit new into c: the offices that differ
 * from the base commit (base_commit()), or all. */
static void check_commit(struct push *p, struct check *c, struct gitsnap *s,
                         const git_oid *old, const git_oid *commit)
{
        const struct office_file **files = NULL;
        git_oid base;
        size_t n = 0;

        if (gitsnap_at_commit(p->g, commit, s, &c->dl) != 0)
                return;
        check_snapshot_begin(c, p->g, s);
        if (base_commit(p, old, commit, &base) == 0)
                files = changed_offices(p, c, &base, &n);
        if (!files) {
                files = check_office_array(&c->offices);
                n = c->offices.n;
        }
        check_files(c, files, n);
        free(files);
}

static void check_ref(struct push *p, const git_oid *old, const git_oid *new,
                      const char *ref)
{
        struct gitsnap s = GITSNAP_INIT;
        struct check c;
        git_oid commit;
        char *what;
        int rc;

        if (GIT(git_oid_is_zero)(new))
                return; /* a deletion */
        if ((rc = peel_commit(p->g, new, &commit)) == 1)
                return; /* no tree of a roadmap */
        check_init(&c, p->jobs, p->tomorrow);
        if (rc != 0)
                diag_error(&c.dl, ref, 0, 0, "cannot read what is pushed: %s",
                           gitrepo_last_error());
        else
                check_commit(p, &c, &s, old, &commit);
        cli_print_diags(&c.dl);
        what = xasprintf("%s (%s)", ref, s.name ? s.name : "?");
        check_print_summary(&c, what, p->quiet);
        if (diag_count(&c.dl, DIAG_ERROR))
                p->refused++;
        free(what);
        gitsnap_release(&s);
        check_release(&c);
}

/* One line of git's input, "OLD NEW REF": 0, or -1 when it is not one. */
static int parse_update(char *line, git_oid *old, git_oid *new,
                        const char **ref)
{
        size_t hex = GIT_OID_HEXSZ, len = strlen(line);

        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                line[--len] = '\0';
        if (len < 2 * hex + 3 || line[hex] != ' ' || line[2 * hex + 1] != ' ')
                return -1;
        line[hex] = line[2 * hex + 1] = '\0';
        if (strspn(line, "0123456789abcdef") != hex ||
            strspn(line + hex + 1, "0123456789abcdef") != hex ||
            GIT(git_oid_fromstr)(old, line) < 0 ||
            GIT(git_oid_fromstr)(new, line + hex + 1) < 0)
                return -1;
        *ref = line + 2 * hex + 2;
        return 0;
}

/* A line of input that is not git's: the usage error, echoing the line
 * as it came (parse_update() cuts its copy into fields). */
static int bad_update(const char *line)
{
        size_t len = strlen(line);

        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                len--;
        return cli_usage_error("check", "roadmap check --pre-receive",
                               "--pre-receive: not a line of git's "
                               "pre-receive input (OLD NEW REF): '%.*s'",
                               (int)len, line);
}

static int read_updates(struct push *p)
{
        char *line = NULL, *fields;
        size_t cap = 0;
        const char *ref;
        git_oid old, new;
        int rc = EXIT_OK;

        while (rc == EXIT_OK && getline(&line, &cap, stdin) > 0) {
                fields = xstrdup(line);
                if (parse_update(fields, &old, &new, &ref) == 0)
                        check_ref(p, &old, &new, ref);
                else
                        rc = bad_update(line);
                free(fields);
        }
        free(line);
        return rc;
}

int check_pre_receive(unsigned jobs, struct date tomorrow, bool quiet)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct push p = {NULL, jobs, tomorrow, quiet, 0};
        int rc = gitrepo_open(NULL, NULL, GITREPO_FROM_ENV, &p.g, &dl);

        cli_print_diags(&dl);
        diag_list_release(&dl);
        if (rc != 0)
                return rc == GITREPO_NOT_FOUND ? EXIT_USAGE : EXIT_INVALID;
        rc = read_updates(&p);
        gitrepo_free(p.g);
        if (rc == EXIT_OK && p.refused) {
                cli_error("check",
                          "fix the findings above, commit, and push again",
                          "push refused: %zu ref%s would hold an invalid "
                          "roadmap",
                          p.refused, p.refused == 1 ? "" : "s");
                rc = EXIT_INVALID;
        }
        return rc;
}
