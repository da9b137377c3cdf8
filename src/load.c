#include "roadmap/load.h"

#include <stdlib.h>
#include <string.h>

#include "roadmap/regfile.h"
#include "roadmap/xalloc.h"

void loaded_init(struct loaded *l)
{
        memset(l, 0, sizeof(*l));
        strbuf_init(&l->bytes);
        yamldoc_init(&l->doc);
}

void loaded_reset(struct loaded *l)
{
        free(l->path);
        l->path = NULL;
        strbuf_reset(&l->bytes);
        yamldoc_clear(&l->doc); /* keeps a block of its arena */
        l->parsed = false;
        memset(&l->m, 0, sizeof(l->m));
}

void loaded_release(struct loaded *l)
{
        loaded_reset(l);
        strbuf_release(&l->bytes);
        arena_release(&l->doc.arena);
}

/* Read path into l->bytes: a regular file (regfile.h), at most the size
 * limit. */
static int read_bytes(struct loaded *l, const char *path, const char *display,
                      struct diag_list *dl)
{
        free(l->path);
        l->path = xstrdup(display);
        return regfile_read(path, display, YAMLDOC_MAX_SIZE, &l->bytes, dl);
}

static int parse(struct loaded *l, struct diag_list *dl)
{
        if (yamldoc_parse(&l->doc, l->path, l->bytes.buf, l->bytes.len, dl) !=
            0)
                return -1;
        l->parsed = true;
        return 0;
}

/* Parse l->bytes and read them as an office whose id must be expected_id,
 * or as roadmap.yaml. */
static int read_model(struct loaded *l, enum load_kind kind,
                      const char *expected_id, struct diag_list *dl)
{
        if (parse(l, dl) != 0)
                return -1;
        if (kind == LOAD_ROADMAP)
                return model_read_roadmap(&l->doc, &l->m.meta, dl);
        return model_read_office(&l->doc, expected_id, &l->m.office, dl);
}

/* Make buf[0..len) the bytes of l, named display, in place of any file it
 * held. */
static void take_bytes(struct loaded *l, const char *display, const char *buf,
                       size_t len)
{
        free(l->path);
        l->path = xstrdup(display);
        strbuf_reset(&l->bytes);
        strbuf_add(&l->bytes, buf, len);
        yamldoc_clear(&l->doc); /* keeps a block of its arena */
        l->parsed = false;
}

int load_office(struct loaded *l, const char *path, const char *display,
                const char *expected_id, struct diag_list *dl)
{
        if (read_bytes(l, path, display, dl) != 0)
                return -1;
        return read_model(l, LOAD_OFFICE, expected_id, dl);
}

int load_roadmap(struct loaded *l, const char *path, const char *display,
                 struct diag_list *dl)
{
        if (read_bytes(l, path, display, dl) != 0)
                return -1;
        return read_model(l, LOAD_ROADMAP, NULL, dl);
}

int load_bytes(struct loaded *l, enum load_kind kind, const char *display,
               const char *buf, size_t len, const char *expected_id,
               struct diag_list *dl)
{
        take_bytes(l, display, buf, len);
        return read_model(l, kind, expected_id, dl);
}

int load_office_bytes(struct loaded *l, const char *display, const char *buf,
                      size_t len, const char *expected_id, struct diag_list *dl)
{
        return load_bytes(l, LOAD_OFFICE, display, buf, len, expected_id, dl);
}

int load_roadmap_bytes(struct loaded *l, const char *display, const char *buf,
                       size_t len, struct diag_list *dl)
{
        return load_bytes(l, LOAD_ROADMAP, display, buf, len, NULL, dl);
}

/* Where l, if it parsed, names the office's id. */
static void id_position(const struct loaded *l, int *line, int *col)
{
        const struct ynode *id =
            l->parsed
                ? ynode_get(ynode_get(l->doc.root, "office", NULL), "id", NULL)
                : NULL;

        *line = id ? id->line : 1;
        *col = id ? id->col : 1;
}

void load_office_id_position(const char *path, int *line, int *col)
{
        struct diag_list ignored = DIAG_LIST_INIT;
        struct loaded l;

        loaded_init(&l);
        load_office(&l, path, path, NULL, &ignored);
        id_position(&l, line, col);
        loaded_release(&l);
        diag_list_release(&ignored);
}

void load_office_id_position_bytes(const char *buf, size_t len, int *line,
                                   int *col)
{
        struct diag_list ignored = DIAG_LIST_INIT;
        struct loaded l;

        loaded_init(&l);
        load_office_bytes(&l, "", buf, len, NULL, &ignored);
        id_position(&l, line, col);
        loaded_release(&l);
        diag_list_release(&ignored);
}
