/*
 * schema: the one description of every mapping of roadmap(5) -- its keys,
 * their canonical order, type, whether each is required, and the text that
 * documents it.
 *
 * Everything else is derived from this table: the model's checks of which
 * keys a mapping may hold, which are required and what type each value
 * has (model.c), the hint for an unknown key, the order in which the
 * editors insert a new key (edit_set()), and the JSON Schemas of schema/
 * (written at build time by tools/schemagen.c, compared with the committed
 * files by a test).
 *
 * This module depends on nothing but the C library, so that the build-time
 * generator links it alone.  Ownership: every struct, array and string
 * here is static and lives as long as the program.
 */
#ifndef ROADMAP_SCHEMA_H
#define ROADMAP_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

/* The mappings of roadmap(5).  The order is that of the $defs of the JSON
 * Schemas. */
enum schema_map {
        SCHEMA_ROADMAP,     /* roadmap.yaml's top level */
        SCHEMA_MINISTRY,    /* an item of roadmap.yaml's ministries */
        SCHEMA_OFFICE_FILE, /* an office file's top level */
        SCHEMA_TCV,
        SCHEMA_HISTORY, /* an entry of a plan's history */
        SCHEMA_PLAN,
        SCHEMA_SERVICE,
        SCHEMA_OFFICE, /* the 'office' mapping of an office file */
        SCHEMA_APPROVAL,
        SCHEMA_WORKSHOP,
        SCHEMA_MAP_COUNT
};

/* The type of a key's value. */
enum schema_type {
        SCHEMA_VERSION, /* the format version, MODEL_VERSION */
        SCHEMA_TEXT,    /* text: not empty, no control character */
        SCHEMA_ID,      /* [a-z0-9][a-z0-9-]{0,39} */
        SCHEMA_INT,     /* a whole number, min to MODEL_INT_MAX */
        SCHEMA_DATE,    /* YYYY-MM-DD */
        SCHEMA_BOOL,    /* true or false */
        SCHEMA_ENUM,    /* one of names[first..count) */
        SCHEMA_DIGEST,  /* "sha256:" and 64 lowercase hex digits */
        SCHEMA_MAPPING, /* a mapping of kind 'of' */
        SCHEMA_SEQ      /* a sequence of mappings of kind 'of' */
};

struct schema_key {
        const char *name;
        enum schema_type type;
        bool required;
        /* How messages name the value ("service id"); NULL: the name. */
        const char *label;
        /* SCHEMA_INT: the least value; SCHEMA_SEQ: the fewest items (a
         * sequence that may be empty may also be null). */
        long min;
        /* SCHEMA_ENUM: the names, of which names[first..count) are
         * allowed (the index is the C enum's value). */
        const char *const *names;
        size_t first, count;
        enum schema_map of;  /* SCHEMA_MAPPING, SCHEMA_SEQ */
        const char *pattern; /* SCHEMA_DIGEST: as a JSON Schema regex */
        const char *doc;     /* NULL: the type's own says it all */
};

struct schema_mapping {
        const char *def;  /* its name in the JSON Schemas' $defs */
        const char *what; /* how messages name it: "a service" */
        const char *doc;
        const struct schema_key *keys; /* in canonical order */
        size_t nkeys;
};

/* A JSON Schema file of schema/: NAME.schema.json describes top. */
struct schema_file {
        const char *name; /* "office" */
        const char *title;
        enum schema_map top;
};

/* A definition of a value type in the JSON Schemas' $defs ("count"): the
 * type, for SCHEMA_INT its least value, and its text. */
struct schema_valuedef {
        const char *def;
        enum schema_type type;
        long min;
        const char *doc;
};

/* Every value type's definition, ended by a NULL def. */
extern const struct schema_valuedef schema_valuedefs[];

/* The definition key k's value refers to, or NULL if its type has none
 * (an enum, a boolean, a digest, a mapping or a sequence). */
const struct schema_valuedef *schema_valuedef_of(const struct schema_key *k);

/* The text on keys starting "x-". */
extern const char schema_extension_doc[];

/* The names of the enums of roadmap(5), indexed by model.h's enums. */
extern const char *const schema_status_names[];     /* STATUS_COUNT */
extern const char *const schema_recipients_names[]; /* RECIPIENTS_COUNT */
extern const char *const schema_workshop_names[];   /* WORKSHOP_COUNT */

/* The index of s among names[first..count) (an enum's names), or -1. */
int schema_name_index(const char *s, const char *const *names, size_t first,
                      size_t count);

/* The files of schema/, ended by a NULL name. */
extern const struct schema_file schema_files[];

const struct schema_mapping *schema_mapping(enum schema_map m);

/* The key of mapping m named name, or NULL. */
const struct schema_key *schema_key(enum schema_map m, const char *name);

/* The key names of mapping m in canonical order, NULL-ended: the order in
 * which a new key is inserted, and the names an unknown key is near. */
const char *const *schema_key_order(enum schema_map m);

/* True if name is a key of no meaning to roadmap: one starting "x-". */
bool schema_is_extension(const char *name, size_t len);

#endif
