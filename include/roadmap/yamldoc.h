/*
 * yamldoc: bytes to a node tree, with the YAML subset of roadmap(5).
 *
 * Every node records its byte span in the original buffer and its 1-based
 * line and column (columns count characters, as editors do).  The span of
 * a scalar covers its quotes or block indicator; the span of a collection
 * runs from its first byte ('{', '[', its first key or '-') to the end of
 * its last child (or its closing bracket), never over trailing comments.
 *
 * The subset: UTF-8 (a leading BOM is accepted), LF or CRLF line ends, one
 * document, no anchors, aliases or tags, scalar mapping keys, no duplicate
 * keys, depth at most YAMLDOC_MAX_DEPTH (the depth of every node, scalars
 * included, counting the root as 1), at most YAMLDOC_MAX_SIZE bytes, no
 * unresolved git conflict markers.  A %YAML directive is accepted (libyaml
 * knows 1.1 and 1.2) and recorded, for the model to judge.
 *
 * A block scalar ('|' or '>') spans from its indicator to the end of its
 * last content line, without that line's break; with '+' (keep), to the
 * end of the last empty line it keeps, with that line's break, so that the
 * span holds every line break of the value.  An empty value ("a:")
 * is an empty plain scalar with an empty span just after its indicator.
 *
 * Problems are reported where they are, e.g. "anchors are not allowed
 * ('&x')", "tags are not allowed ('!!python/object')", "duplicate key 'x'
 * (first at line N)", "mapping keys must be scalars (found a sequence)",
 * "a second document is not allowed", "nesting is deeper than 32 levels",
 * "invalid UTF-8 byte 0xff", "unexpected NUL byte", "unresolved merge
 * conflict (git conflict marker '<<<<<<<')"; a YAML syntax error is
 * libyaml's problem (the first one only), with its context.
 *
 * Ownership: all nodes and strings live in the document's arena; the
 * document borrows buf, which must outlive it.  yamldoc_release() frees
 * everything the document owns.
 */
#ifndef ROADMAP_YAMLDOC_H
#define ROADMAP_YAMLDOC_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/arena.h"
#include "roadmap/diag.h"

#define YAMLDOC_MAX_DEPTH 32
#define YAMLDOC_MAX_SIZE (8u << 20)

enum ynode_kind { YNODE_SCALAR, YNODE_MAPPING, YNODE_SEQUENCE };

enum yscalar_style {
        YSTYLE_PLAIN,
        YSTYLE_SINGLE,
        YSTYLE_DOUBLE,
        YSTYLE_LITERAL,
        YSTYLE_FOLDED
};

struct ynode;

struct ypair {
        struct ynode *key; /* always a scalar */
        struct ynode *value;
};

struct ynode {
        enum ynode_kind kind;
        size_t start, end; /* byte span [start, end) in the buffer */
        int line, col;     /* 1-based position of start */
        int depth;         /* 1 for the root */
        struct ynode *parent;
        /* scalars */
        const char *value; /* NUL-terminated, may hold NULs: use len */
        size_t len;
        enum yscalar_style style;
        /* collections */
        bool flow;
        struct ypair *pairs;  /* mappings */
        struct ynode **items; /* sequences */
        size_t n;             /* number of pairs or items */
};

struct yamldoc {
        const char *path; /* for messages; borrowed */
        const char *buf;  /* borrowed */
        size_t len;
        size_t bom; /* 3 if the buffer starts with a UTF-8 BOM, else 0 */
        bool crlf;  /* the first line end is CRLF */
        /* a %YAML directive: its minor version (0: none) and position */
        int yaml_minor, yaml_line, yaml_col;
        struct ynode *root; /* NULL for an empty document */
        struct arena arena;
};

void yamldoc_init(struct yamldoc *doc);
/*
 * Parse buf[0..len) into doc (which must be initialised or released).
 * Returns 0, or -1 after appending at least one error to diags.  On error
 * doc->root is NULL but the document must still be released.
 */
int yamldoc_parse(struct yamldoc *doc, const char *path, const char *buf,
                  size_t len, struct diag_list *diags);
void yamldoc_release(struct yamldoc *doc);
/* Forget the tree but keep the arena's first block, ready for a new parse. */
void yamldoc_clear(struct yamldoc *doc);

/* The value of key in mapping m, or NULL; *key_out (optional) gets the key. */
struct ynode *ynode_get(const struct ynode *m, const char *key,
                        const struct ynode **key_out);
/* The value of the key of mapping m whose text equals scalar key's, byte
 * for byte (key may be of another document), or NULL. */
struct ynode *ynode_get_key(const struct ynode *m, const struct ynode *key);
/* True if the scalar equals the NUL-terminated s. */
bool ynode_is(const struct ynode *scalar, const char *s);
const char *ynode_kind_name(enum ynode_kind kind);

/* The length of the git conflict marker at buf[i] (a line's start) in
 * buf[0..len), or 0 if there is none there: 7 or more of one of '<', '|'
 * (the diff3 base), '=' or '>', then a space or the line's end (git writes
 * longer markers with a conflict-marker-size attribute and around the
 * conflicts of a recursive merge's virtual ancestor). */
size_t yamldoc_conflict_marker(const char *buf, size_t i, size_t len);

/* Position (1-based line, character column) of a byte offset in doc. */
void yamldoc_position(const struct yamldoc *doc, size_t offset, int *line,
                      int *col);

#endif
