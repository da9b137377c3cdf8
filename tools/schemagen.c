/*
 * schemagen: write the JSON Schemas of schema/ from the schema table.
 *
 * Usage: schemagen DIR -- writes DIR/NAME.schema.json for every file of
 * schema_files[].  Run at build time; a test compares its output with the
 * committed schema/, so that the schemas never drift from 'roadmap check'.
 * The output is JSON as Python's json.dump(indent=2, ensure_ascii=False)
 * writes it, with a final newline.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/model.h"
#include "roadmap/schema.h"

struct jw {
        FILE *f;
        int depth;
        bool first;
};

static void item(struct jw *w, const char *key)
{
        int i;

        if (!w->first)
                putc(',', w->f);
        if (w->depth > 0)
                putc('\n', w->f);
        for (i = 0; i < w->depth; i++)
                fputs("  ", w->f);
        w->first = false;
        if (key)
                fprintf(w->f, "\"%s\": ", key);
}

static void put_string(struct jw *w, const char *s)
{
        putc('"', w->f);
        for (; *s; s++) {
                if (*s == '"' || *s == '\\')
                        fprintf(w->f, "\\%c", *s);
                else if ((unsigned char)*s < 0x20)
                        fprintf(w->f, "\\u%04x", *s);
                else
                        putc(*s, w->f);
        }
        putc('"', w->f);
}

static void open_(struct jw *w, const char *key, char bracket)
{
        item(w, key);
        putc(bracket, w->f);
        w->depth++;
        w->first = true;
}

static void close_(struct jw *w, char bracket)
{
        int i;

        w->depth--;
        putc('\n', w->f);
        for (i = 0; i < w->depth; i++)
                fputs("  ", w->f);
        putc(bracket, w->f);
        w->first = false;
}

static void str(struct jw *w, const char *key, const char *s)
{
        item(w, key);
        put_string(w, s);
}

static void num(struct jw *w, const char *key, long v)
{
        item(w, key);
        fprintf(w->f, "%ld", v);
}

static void raw(struct jw *w, const char *key, const char *json)
{
        item(w, key);
        fputs(json, w->f);
}

static void ref(struct jw *w, const char *def)
{
        char buf[64];

        snprintf(buf, sizeof buf, "#/$defs/%s", def);
        str(w, "$ref", buf);
}

static void type_list(struct jw *w, const char *const *types)
{
        open_(w, "type", '[');
        for (; *types; types++)
                str(w, NULL, *types);
        close_(w, ']');
}

static void key_body(struct jw *w, const struct schema_key *k)
{
        static const char *const nullable[] = {"array", "null", NULL};
        const struct schema_valuedef *vd = schema_valuedef_of(k);
        size_t i;

        if (vd) {
                ref(w, vd->def);
        } else if (k->type == SCHEMA_MAPPING) {
                ref(w, schema_mapping(k->of)->def);
        } else if (k->type == SCHEMA_SEQ) {
                if (k->min == 0)
                        type_list(w, nullable);
                else {
                        str(w, "type", "array");
                        num(w, "minItems", k->min);
                }
                open_(w, "items", '{');
                ref(w, schema_mapping(k->of)->def);
                close_(w, '}');
        } else if (k->type == SCHEMA_ENUM) {
                open_(w, "enum", '[');
                for (i = k->first; i < k->count; i++)
                        str(w, NULL, k->names[i]);
                close_(w, ']');
        } else if (k->type == SCHEMA_BOOL) {
                str(w, "type", "boolean");
        } else if (k->type == SCHEMA_DIGEST) {
                str(w, "type", "string");
                str(w, "pattern", k->pattern);
        }
        if (k->doc)
                str(w, "description", k->doc);
}

static void extension_keys(struct jw *w)
{
        open_(w, "patternProperties", '{');
        open_(w, "^x-", '{');
        str(w, "description", schema_extension_doc);
        close_(w, '}');
        close_(w, '}');
}

/* The properties, the rule on other keys and the required keys of m. */
static void mapping_body(struct jw *w, const struct schema_mapping *m)
{
        size_t i;
        bool any = false;

        open_(w, "properties", '{');
        for (i = 0; i < m->nkeys; i++) {
                open_(w, m->keys[i].name, '{');
                key_body(w, &m->keys[i]);
                close_(w, '}');
        }
        close_(w, '}');
        extension_keys(w);
        raw(w, "additionalProperties", "false");
        for (i = 0; i < m->nkeys; i++) {
                if (!m->keys[i].required)
                        continue;
                if (!any)
                        open_(w, "required", '[');
                any = true;
                str(w, NULL, m->keys[i].name);
        }
        if (any)
                close_(w, ']');
}

/* The value types' definitions. */
static void valuedef(struct jw *w, const struct schema_valuedef *vd)
{
        static const char *const text_types[] = {"string", "number", "boolean",
                                                 NULL};
        char pattern[64];

        open_(w, vd->def, '{');
        if (vd->type == SCHEMA_ID) {
                str(w, "type", "string");
                snprintf(pattern, sizeof pattern, "^[a-z0-9][a-z0-9-]{0,%d}$",
                         MODEL_ID_MAX - 1);
                str(w, "pattern", pattern);
        } else if (vd->type == SCHEMA_TEXT) {
                type_list(w, text_types);
                num(w, "minLength", 1);
                /* code points here, UTF-16 units in roadmap check: the
                 * schema's bound is the looser, never the stricter */
                num(w, "maxLength", MODEL_TEXT_MAX);
                str(w, "pattern",
                    "^[^\\u0000-\\u0008\\u000b\\u000c"
                    "\\u000e-\\u001f\\u007f-\\u009f]*$");
        } else if (vd->type == SCHEMA_DATE) {
                str(w, "type", "string");
                str(w, "format", "date");
                str(w, "pattern",
                    "^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|"
                    "3[01])$");
        } else if (vd->type == SCHEMA_INT) {
                str(w, "type", "integer");
                num(w, "minimum", vd->min);
                num(w, "maximum", MODEL_INT_MAX);
        } else if (vd->type == SCHEMA_VERSION) {
                num(w, "const", MODEL_VERSION);
        }
        str(w, "description", vd->doc);
        close_(w, '}');
}

/* Mark m and every mapping its keys lead to. */
static void reach(enum schema_map m, bool *maps, bool *values)
{
        const struct schema_mapping *sm = schema_mapping(m);
        const struct schema_valuedef *vd;
        size_t i;

        maps[m] = true;
        for (i = 0; i < sm->nkeys; i++) {
                const struct schema_key *k = &sm->keys[i];
                if ((vd = schema_valuedef_of(k)) != NULL)
                        values[vd - schema_valuedefs] = true;
                if ((k->type == SCHEMA_MAPPING || k->type == SCHEMA_SEQ) &&
                    !maps[k->of])
                        reach(k->of, maps, values);
        }
}

static void defs(struct jw *w, enum schema_map top)
{
        bool maps[SCHEMA_MAP_COUNT] = {false}, values[16] = {false};
        size_t i;

        reach(top, maps, values);
        open_(w, "$defs", '{');
        for (i = 0; schema_valuedefs[i].def; i++)
                if (values[i])
                        valuedef(w, &schema_valuedefs[i]);
        for (i = 0; i < SCHEMA_MAP_COUNT; i++) {
                const struct schema_mapping *m = schema_mapping(i);
                if (!maps[i] || i == top)
                        continue;
                open_(w, m->def, '{');
                str(w, "type", "object");
                str(w, "description", m->doc);
                mapping_body(w, m);
                close_(w, '}');
        }
        close_(w, '}');
}

static void file(FILE *f, const struct schema_file *sf)
{
        const struct schema_mapping *m = schema_mapping(sf->top);
        struct jw w = {f, 0, true};
        char id[64];

        snprintf(id, sizeof id, "urn:roadmap:schema:%s:%d", sf->name,
                 MODEL_VERSION);
        open_(&w, NULL, '{');
        str(&w, "$schema", "https://json-schema.org/draft/2020-12/schema");
        str(&w, "$id", id);
        str(&w, "title", sf->title);
        str(&w, "description", m->doc);
        str(&w, "type", "object");
        mapping_body(&w, m);
        defs(&w, sf->top);
        close_(&w, '}');
        putc('\n', f);
}

int main(int argc, char **argv)
{
        const struct schema_file *sf;

        if (argc != 2) {
                fprintf(stderr, "usage: schemagen DIR\n");
                return 2;
        }
        for (sf = schema_files; sf->name; sf++) {
                char path[4096];
                FILE *f;

                snprintf(path, sizeof path, "%s/%s.schema.json", argv[1],
                         sf->name);
                f = fopen(path, "w");
                if (!f) {
                        perror(path);
                        return 1;
                }
                file(f, sf);
                if (fclose(f) != 0) {
                        perror(path);
                        return 1;
                }
        }
        return 0;
}
