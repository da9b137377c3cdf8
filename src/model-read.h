/*
 * model-read: the steps the model's readers share (model.c, model-value.c):
 * where a finding goes, and each mapping's keys read and checked by the
 * schema table (schema.h).  Private to the model.
 */
#ifndef ROADMAP_MODEL_READ_H
#define ROADMAP_MODEL_READ_H

#include <stdbool.h>

#include "roadmap/diag.h"
#include "roadmap/model.h"
#include "roadmap/schema.h"
#include "roadmap/yamldoc.h"

struct mctx {
        const struct yamldoc *doc;
        struct arena *arena;
        struct diag_list *dl;
        int errors;
};

/* A finding at node n, or at the start of the file (n NULL: the file as a
 * whole, say an empty one); an error is counted in c->errors. */
struct diag *model_add(struct mctx *c, enum diag_level level,
                       const struct ynode *n, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
#define model_err(c, n, ...) model_add((c), DIAG_ERROR, (n), __VA_ARGS__)
#define model_warn(c, n, ...) model_add((c), DIAG_WARNING, (n), __VA_ARGS__)

/* A plain scalar that YAML resolves to null. */
bool model_is_null(const struct ynode *n);

/*
 * Check that n is a mapping of kind m: only its keys (and x- keys), an
 * unknown one with a hint.  what names it in messages (NULL: the table's
 * name for it).  False if n is not a mapping.
 */
bool model_check_mapping(struct mctx *c, enum schema_map m, const char *what,
                         const struct ynode *n);

/*
 * Read key of mapping n (of kind m) as the table types it, into *out:
 *   text, id, digest  const char *  (NULL if absent, null or invalid)
 *   integer, version  long
 *   date              struct date
 *   boolean           bool
 *   enum              int (the index of its name)
 *   mapping, sequence const struct ynode *  (NULL if absent or null)
 * A required key that is absent is an error; *out is written only when
 * the value is valid (text, ids and nodes: always).  Returns whether a
 * valid value was read.
 */
bool model_get_key(struct mctx *c, enum schema_map m, const struct ynode *n,
                   const char *key, void *out);

/* A %YAML 1.1 directive: a warning. */
void model_check_yaml_directive(struct mctx *c);

#endif
