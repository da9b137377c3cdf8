/*
 * assets: the files roadmap writes into a repository beside the data
 * (roadmap-init(1), roadmap-git-setup(1)): the JSON Schemas of roadmap(5)
 * in schema/, the editor settings that apply them to the YAML files
 * (.vscode/settings.json), and a yamllint configuration (.yamllint).
 *
 * Their text is the binary's own: the schemas and the yamllint
 * configuration are the source tree's schema/{office,roadmap}.schema.json and
 * data/.yamllint, embedded at build time (cmake/embed.cmake).  The schemas
 * belong to roadmap and are brought to its version whenever they differ;
 * the other files belong to the repository once written, and a different
 * one is left alone.
 *
 * Ownership: every struct and string here is static; assets_install()
 * appends to the caller's strbuf and diag_list.
 */
#ifndef ROADMAP_ASSETS_H
#define ROADMAP_ASSETS_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/diag.h"
#include "roadmap/strbuf.h"

/* A file of the source tree embedded in the binary ("data/.yamllint"). */
struct embedded {
        const char *name;
        const char *data; /* len bytes and a NUL */
        size_t len;
};
/* Every embedded file, ended by a NULL name (generated: embedded.c). */
extern const struct embedded roadmap_embedded[];

/* The embedded file of that name, or NULL. */
const struct embedded *embedded_find(const char *name);

struct asset {
        const char *path;   /* in the repository: "schema/office.schema.json" */
        const char *source; /* the embedded file it is, or NULL */
        const char *data;   /* the source's text, or the asset's own */
        size_t len;
        bool owned;         /* roadmap's: replaced when it differs */
        const char *advice; /* what to do when a different one is kept */
};

/* The assets, in the order they are written; *n gets their number. */
const struct asset *assets_list(size_t *n);

/* What assets_install() did with each asset. */
enum asset_outcome {
        ASSET_CREATED,
        ASSET_UPDATED,   /* an owned asset that differed */
        ASSET_UNCHANGED, /* already as roadmap writes it */
        ASSET_KEPT       /* a different file of the repository's, left alone */
};

struct asset_result {
        const struct asset *asset;
        enum asset_outcome outcome;
};

/*
 * Write every asset into the repository at root (display: how messages
 * name root, "" for none, else ending in '/'), creating its directory,
 * each file through txn.h.  results (n of assets_list()) gets each
 * asset's outcome.  Returns 0, or -1 after adding an error: the assets
 * before the failing one are written, those after it untouched.
 */
int assets_install(const char *root, const char *display,
                   struct asset_result *results, struct diag_list *dl);

/* Remove the assets that results says were created (an undo after a later
 * failure); a file that cannot be removed is left. */
void assets_uninstall(const char *root, const struct asset_result *results,
                      size_t n);

/* Append to sb the lines that tell the user what assets_install() did:
 * what it wrote, and for a kept file why, and for kept editor settings
 * the lines to add to them. */
void assets_describe(struct strbuf *sb, const char *display,
                     const struct asset_result *results, size_t n);

#endif
