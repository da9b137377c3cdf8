/*
 * load: the one path by which a command reads a file: bytes, then yamldoc,
 * then model.
 *
 * Ownership: a struct loaded owns the bytes, the document and the model;
 * loaded_release() frees them, loaded_reset() keeps buffers for reuse by
 * the next file (one arena per worker, reset per file).
 */
#ifndef ROADMAP_LOAD_H
#define ROADMAP_LOAD_H

#include "roadmap/model.h"
#include "roadmap/strbuf.h"
#include "roadmap/yamldoc.h"

struct loaded {
        char *path; /* as given, for messages */
        struct strbuf bytes;
        struct yamldoc doc;
        bool parsed; /* the document parsed (the model may still be invalid) */
        union {
                struct office office;
                struct roadmap_meta meta;
        } m;
};

void loaded_init(struct loaded *l);
void loaded_reset(struct loaded *l);
void loaded_release(struct loaded *l);

/*
 * Read path (shown as display in messages) as an office whose id must be
 * expected_id (NULL: any) / as roadmap.yaml.  Returns 0 if the file is
 * valid, -1 after adding errors to dl.  Warnings may be added either way.
 */
int load_office(struct loaded *l, const char *path, const char *display,
                const char *expected_id, struct diag_list *dl);
int load_roadmap(struct loaded *l, const char *path, const char *display,
                 struct diag_list *dl);
/* Parse bytes already in memory the same way (the verify step of every
 * write), in place of the file l held. */
int load_office_bytes(struct loaded *l, const char *display, const char *buf,
                      size_t len, const char *expected_id,
                      struct diag_list *dl);
int load_roadmap_bytes(struct loaded *l, const char *display, const char *buf,
                       size_t len, struct diag_list *dl);
/* Either, as kind says (expected_id: for an office). */
enum load_kind { LOAD_OFFICE, LOAD_ROADMAP };
int load_bytes(struct loaded *l, enum load_kind kind, const char *display,
               const char *buf, size_t len, const char *expected_id,
               struct diag_list *dl);
/* Where the office file at path names its id (the value of office.id), or
 * line 1, column 1 when that cannot be read: the place of a finding about
 * the id across files, such as a duplicate. */
void load_office_id_position(const char *path, int *line, int *col);
/* The same of an office file's bytes. */
void load_office_id_position_bytes(const char *buf, size_t len, int *line,
                                   int *col);

#endif
