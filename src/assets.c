/*
 * assets: the schemas, editor settings and yamllint configuration that
 * roadmap writes into a repository.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "roadmap/assets.h"
#include "roadmap/regfile.h"
#include "roadmap/txn.h"
#include "roadmap/xalloc.h"

#define SCHEMA_LINES                                                           \
        "    \"./schema/roadmap.schema.json\": [\"/roadmap.yaml\"],\n"         \
        "    \"./schema/office.schema.json\": [\"/offices/**/*.yaml\"]\n"

/* The YAML language server's setting (VS Code's YAML extension, and the
 * editors that run the server with the same settings). */
static const char vscode_settings[] =
    "{\n"
    "  \"yaml.schemas\": {\n" SCHEMA_LINES "  }\n"
    "}\n";

static struct asset assets[] = {
    {".yamllint", "data/.yamllint", NULL, 0, false,
     "it differs from roadmap's; remove it and run 'roadmap git-setup' "
     "again for roadmap's"},
    {"schema/roadmap.schema.json", "schema/roadmap.schema.json", NULL, 0, true,
     NULL},
    {"schema/office.schema.json", "schema/office.schema.json", NULL, 0, true,
     NULL},
    {".vscode/settings.json", NULL, vscode_settings,
     sizeof(vscode_settings) - 1, false,
     "it is not roadmap's; for the editor to check roadmap.yaml and the "
     "offices against the schemas, add to it:\n"
     "  \"yaml.schemas\": {\n" SCHEMA_LINES "  }"}};

#define NASSETS (sizeof(assets) / sizeof(assets[0]))

const struct embedded *embedded_find(const char *name)
{
        const struct embedded *e;

        for (e = roadmap_embedded; e->name; e++)
                if (strcmp(e->name, name) == 0)
                        return e;
        return NULL;
}

const struct asset *assets_list(size_t *n)
{
        size_t i;

        for (i = 0; i < NASSETS; i++) {
                const struct embedded *e;
                if (assets[i].data || !assets[i].source ||
                    !(e = embedded_find(assets[i].source)))
                        continue;
                assets[i].data = e->data;
                assets[i].len = e->len;
        }
        *n = NASSETS;
        return assets;
}

/* An asset that is there: compared with a (no lock is taken for that,
 * so a file left alone is never touched). */
static int compare_one(const char *path, const char *display,
                       const struct asset *a, enum asset_outcome *out,
                       struct diag_list *dl)
{
        struct strbuf old;
        int rc;

        strbuf_init(&old);
        rc = regfile_read(path, display, TXN_MAX_SIZE, &old, dl);
        if (rc == 0)
                *out =
                    old.len == a->len && memcmp(old.buf, a->data, a->len) == 0
                        ? ASSET_UNCHANGED
                    : a->owned ? ASSET_UPDATED
                               : ASSET_KEPT;
        strbuf_release(&old);
        return rc;
}

/* Create the absent asset a, or bring an owned one that differs to a (one
 * of the repository's is never replaced). */
static int write_one(const char *path, const char *display,
                     const struct asset *a, enum asset_outcome *out,
                     struct diag_list *dl)
{
        struct txn t;
        int rc = -1;

        txn_init(&t);
        if ((*out == ASSET_CREATED ? txn_begin_create : txn_begin_replace)(
                &t, path, display, dl) == 0)
                rc = txn_commit(&t, a->data, a->len, NULL, NULL, dl);
        if (rc == 0 && !t.changed)
                *out = ASSET_UNCHANGED;
        txn_release(&t);
        return rc;
}

static int install_one(const char *path, const char *display,
                       const struct asset *a, enum asset_outcome *out,
                       struct diag_list *dl)
{
        struct stat st;

        if (lstat(path, &st) != 0) {
                if (errno != ENOENT) {
                        diag_error(dl, display, 0, 0, "cannot read: %s",
                                   strerror(errno));
                        return -1;
                }
                *out = ASSET_CREATED;
                return write_one(path, display, a, out, dl);
        }
        if (!S_ISREG(st.st_mode)) {
                *out = ASSET_KEPT;
                return a->owned ? regfile_refuse(dl, display, st.st_mode) : 0;
        }
        if (compare_one(path, display, a, out, dl) != 0)
                return -1;
        return *out == ASSET_UPDATED ? write_one(path, display, a, out, dl) : 0;
}

int assets_install(const char *root, const char *display,
                   struct asset_result *results, struct diag_list *dl)
{
        const struct asset *list;
        size_t i, n;
        int rc = 0;

        list = assets_list(&n);
        for (i = 0; i < n; i++) {
                results[i].asset = &list[i];
                results[i].outcome = ASSET_UNCHANGED;
        }
        for (i = 0; i < n && rc == 0; i++) {
                char *path = xasprintf("%s/%s", root, list[i].path);
                char *shown = xasprintf("%s%s", display, list[i].path);

                if (!list[i].data) {
                        diag_error(dl, shown, 0, 0,
                                   "this roadmap was built without it");
                        rc = -1;
                } else {
                        rc = install_one(path, shown, &list[i],
                                         &results[i].outcome, dl);
                }
                if (rc != 0)
                        results[i].outcome = ASSET_UNCHANGED;
                free(path);
                free(shown);
        }
        return rc;
}

void assets_uninstall(const char *root, const struct asset_result *results,
                      size_t n)
{
        size_t i;

        for (i = 0; i < n; i++) {
                char *path;
                if (results[i].outcome != ASSET_CREATED)
                        continue;
                path = xasprintf("%s/%s", root, results[i].asset->path);
                unlink(path);
                free(path);
        }
}

void assets_describe(struct strbuf *sb, const char *display,
                     const struct asset_result *results, size_t n)
{
        size_t i;

        for (i = 0; i < n; i++) {
                const struct asset *a = results[i].asset;
                switch (results[i].outcome) {
                case ASSET_CREATED:
                        strbuf_addf(sb, "wrote %s%s\n", display, a->path);
                        break;
                case ASSET_UPDATED:
                        strbuf_addf(sb,
                                    "updated %s%s to this roadmap's "
                                    "version\n",
                                    display, a->path);
                        break;
                case ASSET_KEPT:
                        strbuf_addf(sb, "left %s%s alone: %s\n", display,
                                    a->path, a->advice);
                        break;
                case ASSET_UNCHANGED:
                        break;
                }
        }
}
