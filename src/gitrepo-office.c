/*
 * gitrepo: a blob's bytes, the blob of a path in a tree, and where an
 * office file was before a move to another ministry.  See gitrepo.h.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "roadmap/gitrepo.h"
#include "roadmap/xalloc.h"

#define GIT(fn) (gitlib()->fn)

struct date gitrepo_day(long long t, int offset)
{
        const long long limit = 1LL << 40; /* some 35,000 years */
        time_t at;
        struct tm tm;

        if (t < -limit || t > limit || offset < -24 * 60 || offset > 24 * 60)
                return (struct date){0, 0, 0};
        at = (time_t)(t + (long long)offset * 60);
        if (!gmtime_r(&at, &tm))
                return (struct date){0, 0, 0};
        return (struct date){tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
}

struct date gitrepo_commit_date(const git_commit *c)
{
        return gitrepo_day((long long)GIT(git_commit_time)(c),
                           GIT(git_commit_time_offset)(c));
}

int gitrepo_blob_read(git_repository *git, const git_oid *id, size_t max,
                      const char *display, struct strbuf *out,
                      struct diag_list *dl)
{
        git_odb *odb = NULL;
        git_object_t type;
        git_blob *b = NULL;
        size_t n = 0;
        int rc = GIT(git_repository_odb)(&odb, git);

        if (rc == 0)
                rc = GIT(git_odb_read_header)(&n, &type, odb, id);
        GIT(git_odb_free)(odb);
        if (rc == 0 && n > max) {
                diag_error(dl, display, 1, 1, "file is larger than %zu MiB",
                           max >> 20);
                errno = EFBIG;
                return -1;
        }
        if (rc < 0 || GIT(git_blob_lookup)(&b, git, id) < 0) {
                diag_error(dl, display, 0, 0, "cannot read the file: %s",
                           gitrepo_last_error());
                return -1;
        }
        strbuf_add(out, GIT(git_blob_rawcontent)(b),
                   (size_t)GIT(git_blob_rawsize)(b));
        GIT(git_blob_free)(b);
        return 0;
}

/* A set of tree ids (open addressing; ids are hashes already). */
struct gitrepo_absent {
        git_oid *slots;
        bool *used;
        size_t cap, n;
};

struct gitrepo_absent *gitrepo_absent_new(void)
{
        return xcalloc(1, sizeof(struct gitrepo_absent));
}

void gitrepo_absent_free(struct gitrepo_absent *a)
{
        if (!a)
                return;
        free(a->slots);
        free(a->used);
        free(a);
}

int gitrepo_blob_at(git_tree *tree, const char *path, git_oid *blob)
{
        git_tree_entry *e = NULL;
        int rc = GIT(git_tree_entry_bypath)(&e, tree, path);

        if (rc == GIT_ENOTFOUND)
                return 1;
        if (rc < 0)
                return -1;
        switch (GIT(git_tree_entry_filemode)(e)) {
        case GIT_FILEMODE_BLOB:
        case GIT_FILEMODE_BLOB_EXECUTABLE:
                GIT(git_oid_cpy)(blob, GIT(git_tree_entry_id)(e));
                rc = 0;
                break;
        default:
                rc = 1;
        }
        GIT(git_tree_entry_free)(e);
        return rc;
}

static size_t oid_slot(const struct gitrepo_absent *s, const git_oid *id)
{
        size_t h;

        memcpy(&h, id->id, sizeof(h)); /* an object id is a hash already */
        for (h &= s->cap - 1; s->used[h]; h = (h + 1) & (s->cap - 1))
                if (GIT(git_oid_equal)(&s->slots[h], id))
                        break;
        return h;
}

static bool oidset_has(const struct gitrepo_absent *s, const git_oid *id)
{
        return s->cap && s->used[oid_slot(s, id)];
}

static void oidset_add(struct gitrepo_absent *s, const git_oid *id)
{
        size_t i;

        if (2 * (s->n + 1) > s->cap) {
                struct gitrepo_absent old = *s;
                s->cap = s->cap ? 2 * s->cap : 256;
                s->n = 0;
                s->slots = xcalloc(s->cap, sizeof(*s->slots));
                s->used = xcalloc(s->cap, sizeof(*s->used));
                for (i = 0; i < old.cap; i++)
                        if (old.used[i])
                                oidset_add(s, &old.slots[i]);
                free(old.slots);
                free(old.used);
        }
        i = oid_slot(s, id);
        if (!s->used[i]) {
                s->used[i] = true;
                GIT(git_oid_cpy)(&s->slots[i], id);
                s->n++;
        }
}

int gitrepo_find_office(git_repository *git, git_tree *tree, const char *root,
                        const char *file, struct gitrepo_absent *absent,
                        char **out, git_oid *blob)
{
        char *dir = xasprintf("%s%s", root, REPO_OFFICES);
        git_tree_entry *e = NULL;
        git_tree *offices = NULL;
        size_t i, n;
        int rc = GIT(git_tree_entry_bypath)(&e, tree, dir);

        *out = NULL;
        if (rc == 0 && GIT(git_tree_entry_type)(e) == GIT_OBJECT_TREE)
                rc = GIT(git_tree_lookup)(&offices, git,
                                          GIT(git_tree_entry_id)(e));
        else if (rc == 0 || rc == GIT_ENOTFOUND)
                rc = 1;
        n = rc == 0 ? GIT(git_tree_entrycount)(offices) : 0;
        for (i = 0, rc = rc == 0 ? 1 : rc; rc == 1 && i < n; i++) {
                const git_tree_entry *m =
                    GIT(git_tree_entry_byindex)(offices, i);
                const char *name = GIT(git_tree_entry_name)(m);
                const git_oid *id = GIT(git_tree_entry_id)(m);
                char *path = xasprintf("%s/%s/%s", dir, name, file);

                if (GIT(git_tree_entry_type)(m) != GIT_OBJECT_TREE ||
                    name[0] == '.' || (absent && oidset_has(absent, id))) {
                        free(path);
                        continue;
                }
                rc = gitrepo_blob_at(tree, path, blob);
                if (rc != 0) {
                        if (rc == 1 && absent)
                                oidset_add(absent, id);
                        free(path);
                        continue;
                }
                *out = path;
        }
        GIT(git_tree_free)(offices);
        GIT(git_tree_entry_free)(e);
        free(dir);
        return rc;
}
