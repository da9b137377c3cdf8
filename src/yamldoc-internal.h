/*
 * yamldoc-internal: what the files of the reader share; not for use
 * outside src/yamldoc*.c.  The reader's parts:
 *
 *   yamldoc.c         the tree: its lifetime, positions, lookups, the
 *                     entry point and the one way problems are reported
 *   yamldoc-subset.c  the rules of the subset: the raw pre-scan of the
 *                     bytes, anchors and tags, duplicate keys
 *   yamldoc-read.c    libyaml's event loop, which builds the tree, with
 *                     marks turned into byte offsets and block scalar spans
 *
 * Ownership is yamldoc.h's: nodes live in the document's arena; a reader
 * owns kids and slots, which yamldoc_parse() frees.
 */
#ifndef ROADMAP_YAMLDOC_INTERNAL_H
#define ROADMAP_YAMLDOC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/yamldoc.h"

/* Stop reporting after this many problems in one file. */
#define YAMLDOC_MAX_ERRORS 100
/* Longest key or tag echoed in a message, in bytes. */
#define YAMLDOC_SHOW_MAX 60
/* Mappings with more pairs than this find duplicates with a hash table. */
#define YAMLDOC_DUP_LINEAR 16

struct frame {
        struct ynode *node;
        size_t base; /* index of its first child in reader.kids */
};

/* One parse: its state lives here, never in a static. */
struct reader {
        struct yamldoc *doc;
        struct diag_list *diags;
        const unsigned char *base; /* doc->buf after the BOM */
        size_t blen;
        bool ascii;    /* no byte >= 0x80 after the BOM */
        size_t ci, bi; /* cursor: character index and byte offset in base */
        size_t nerr;
        bool stop;
        int ndocs;
        struct frame stack[YAMLDOC_MAX_DEPTH];
        int depth;
        struct ynode **kids; /* children of the open collections, in order */
        size_t nkids, capkids;
        size_t *slots; /* hash table for duplicate keys */
        size_t capslots;
};

/* ---- yamldoc.c ---- */

/* An error at byte offset of the document, or NULL (and r->stop) past
 * YAMLDOC_MAX_ERRORS. */
struct diag *yamldoc_report_at(struct reader *r, size_t offset, const char *fmt,
                               ...) __attribute__((format(printf, 3, 4)));
/* Bytes of s[0..len) to show in a message: at most YAMLDOC_SHOW_MAX, cut
 * at a character boundary; and "..." when that cut something. */
int yamldoc_shown(const char *s, size_t len);
const char *yamldoc_ellipsis(size_t len);

/* ---- yamldoc-subset.c ---- */

/* The raw pre-scan: UTF-8, NUL, line ends, conflict markers.  Returns the
 * number of problems found. */
size_t yamldoc_prescan(struct reader *r);
bool yamldoc_is_space(unsigned char c);
/* Report the anchor and tag of the node starting at offset, where they
 * are. */
void yamldoc_check_properties(struct reader *r, size_t at, const char *anchor,
                              const char *tag);
void yamldoc_check_duplicates(struct reader *r, const struct ynode *m);

/* ---- yamldoc-read.c ---- */

/* The end of the line holding byte i (its '\n', or len). */
size_t yamldoc_line_end(const unsigned char *b, size_t i, size_t len);
/* True inside a flow collection. */
bool yamldoc_in_flow(const struct reader *r);
/* libyaml's events into the tree.  Returns 0, or -1 after reporting. */
int yamldoc_read_events(struct reader *r);

#endif
