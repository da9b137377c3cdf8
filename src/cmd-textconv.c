/*
 * roadmap textconv FILE: an office file as one line per fact, for git's
 * diff textconv driver (roadmap-git-setup(1)).
 *
 * Every scalar becomes "path: value".  Mapping keys join with '.'.  A list
 * item is named by its identity, so that inserting or deleting one item
 * changes that item's lines only: the items of the top-level "services"
 * and "ministries" lists by their id alone (without repeating it),
 *   contractor-enlistment plan.priority: 2
 * workshops by kind, date and batch, plan history entries by date and
 * status,
 *   workshops[roadmap 2026-10-05 #2].participants: 24
 *   contractor-enlistment plan.history[2026-10-01 designing].note: ok
 * other items by their "id" in brackets (not repeated either), and items
 * without one by their 1-based position.  The second item of one name (a
 * duplicate) gets " (2)", the third " (3)", so that no two items of a list
 * share a name.
 *
 * Comments are found with libyaml's scanner: between two tokens there is
 * only white space and comments, so a '#' there starts a comment to the
 * end of its line; a '#' inside a scalar is never one.  (A block scalar's
 * header comment lies inside its token and is looked for after '|'.)  A
 * comment prints, in file order, as '#', the name of what it is about and
 * ':', then its text after the '#':
 *   # contractor-enlistment plan.priority: agreed in the meeting
 * A comment at the end of a line is about the last value on that line (a
 * block scalar's header comment about that scalar), a comment on a line of
 * its own about the value or item below it; one above the first value,
 * or on a line of its own below the last, names nothing and prints as
 * written.
 *
 * Control characters, invalid UTF-8 and the backslash are escaped (\t,
 * \x1b, \\), so that no two values print alike.  A file that does not
 * parse (a conflict, a syntax error) is printed as it is, so a diff
 * still shows it; so is one over the size limit.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roadmap/cli.h"
#include "roadmap/commands.h"
#include "roadmap/regfile.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"
#include "roadmap/yamldoc.h"
#include "roadmap/ycomment.h"

static const struct opt no_options[] = {OPT_END_OF_TABLE};

const struct cmd_syntax cmd_textconv_syntax = {
    .name = "textconv",
    .operands = "FILE",
    .opts = no_options,
    .description =
        "Print a roadmap YAML file as one line per value, named by its path,\n"
        "for 'git diff' and 'git log -p'.  List items are named by identity:\n"
        "services by id, workshops by kind, date and batch, history entries\n"
        "by date and status, so that one item added or removed changes its\n"
        "own lines only.  A comment prints as '# WHERE: TEXT', in file\n"
        "order, WHERE naming the value it is about.  A file that does not\n"
        "parse is printed unchanged.  'roadmap git-setup' configures git to\n"
        "use it.\n",
};

struct textconv {
        struct strbuf out;
        const char *buf; /* the file, borrowed */
        size_t len;
        struct ycomments c; /* in file order */
        size_t next;        /* the first comment not yet printed */
        /* the path of the last value printed and the end of its line */
        struct strbuf last;
        size_t last_eol;
};

/* What a node is, for naming the items of the lists in it. */
enum ctx {
        CTX_ROOT,
        CTX_PLAN,
        CTX_OTHER,
        CTX_BY_ID,     /* services, ministries: items by bare id */
        CTX_WORKSHOPS, /* by kind, date and batch */
        CTX_HISTORY    /* by date and status */
};

enum naming { BY_KEY, BY_ID, BY_POSITION };

/* ---- comments ----------------------------------------------------------- */

/* Print the comments before offset limit: about the last value if on its
 * line, else about path (nothing if empty). */
static void comments_to(struct textconv *t, size_t limit,
                        const struct strbuf *path)
{
        for (; t->next < t->c.n && t->c.items[t->next].at < limit; t->next++) {
                const struct ycomment *c = &t->c.items[t->next];
                const struct strbuf *p = c->at < t->last_eol ? &t->last : path;
                size_t len = p->len;
                if (len && p->buf[len - 1] == ' ')
                        len--; /* an item named by its id */
                strbuf_addch(&t->out, '#');
                if (len) {
                        strbuf_addch(&t->out, ' ');
                        strbuf_add(&t->out, p->buf, len);
                        strbuf_addch(&t->out, ':');
                }
                strbuf_add_escaped_exact(&t->out, t->buf + c->at + 1,
                                         c->end - c->at - 1);
                strbuf_addch(&t->out, '\n');
        }
}

/* n, at path, is printed: a comment before the end of its line (or in a
 * block scalar's header) is about it. */
static void printed(struct textconv *t, const struct strbuf *path,
                    const struct ynode *n)
{
        const char *nl = memchr(t->buf + n->end, '\n', t->len - n->end);

        strbuf_reset(&t->last);
        strbuf_add(&t->last, path->buf, path->len);
        if (n->end > n->start && t->buf[n->end - 1] == '\n')
                t->last_eol = n->end; /* a block scalar keeping its breaks */
        else
                t->last_eol = nl ? (size_t)(nl - t->buf) : t->len;
}

/* ---- item names -----------------------------------------------------------
 */

/* The names given so far in one list, in a hash table, each with the next
 * occurrence number to try for a duplicate of it. */
struct names {
        char **s;
        size_t *again;
        size_t n;
        size_t *slot; /* index + 1 into s; 0: empty */
        size_t mask;
};

static void names_init(struct names *nm, size_t n)
{
        size_t size = 4;

        while (size < 2 * n)
                size *= 2;
        nm->s = xcalloc(n, sizeof(*nm->s));
        nm->again = xcalloc(n, sizeof(*nm->again));
        nm->slot = xcalloc(size, sizeof(*nm->slot));
        nm->mask = size - 1;
        nm->n = 0;
}

static void names_release(struct names *nm)
{
        size_t i;

        for (i = 0; i < nm->n; i++)
                free(nm->s[i]);
        free(nm->s);
        free(nm->again);
        free(nm->slot);
}

/* The slot holding s, or the empty slot where it belongs. */
static size_t names_find(const struct names *nm, const char *s)
{
        uint64_t h = 14695981039346656037u; /* FNV-1a */
        size_t i;

        for (i = 0; s[i]; i++)
                h = (h ^ (unsigned char)s[i]) * 1099511628211u;
        for (i = (size_t)h & nm->mask; nm->slot[i]; i = (i + 1) & nm->mask)
                if (strcmp(nm->s[nm->slot[i] - 1], s) == 0)
                        break;
        return i;
}

/* Add the name in sb, made unique: the k-th of one name gets " (k)". */
static const char *names_add(struct names *nm, struct strbuf *sb)
{
        size_t base = names_find(nm, sb->buf), len = sb->len, i = base, k;

        if (nm->slot[base]) {
                size_t *again = &nm->again[nm->slot[base] - 1];
                for (k = *again; nm->slot[i]; k++) {
                        sb->len = len;
                        sb->buf[len] = '\0';
                        strbuf_addf(sb, " (%zu)", k);
                        i = names_find(nm, sb->buf);
                }
                *again = k;
        }
        nm->s[nm->n] = strbuf_detach(sb, NULL);
        nm->again[nm->n] = 2;
        nm->slot[i] = ++nm->n;
        return nm->s[nm->n - 1];
}

static const struct ynode *set_scalar(const struct ynode *item, const char *key)
{
        const struct ynode *v = ynode_get(item, key, NULL);

        return v && v->kind == YNODE_SCALAR && v->len ? v : NULL;
}

/* The identity of item i of a list in context c, into sb. */
static enum naming item_name(const struct ynode *item, enum ctx c, size_t i,
                             struct strbuf *sb)
{
        bool w = c == CTX_WORKSHOPS, h = c == CTX_HISTORY;
        const struct ynode *a = set_scalar(item, w ? "kind" : "date");
        const struct ynode *b = set_scalar(item, w ? "date" : "status");
        const struct ynode *batch = w ? set_scalar(item, "batch") : NULL;
        const struct ynode *id = set_scalar(item, "id");

        if ((w || h) && a && b) {
                strbuf_add_escaped_exact(sb, a->value, a->len);
                strbuf_addch(sb, ' ');
                strbuf_add_escaped_exact(sb, b->value, b->len);
                if (batch) {
                        strbuf_addstr(sb, " #");
                        strbuf_add_escaped_exact(sb, batch->value, batch->len);
                }
                return BY_KEY;
        }
        if (id) {
                strbuf_add_escaped_exact(sb, id->value, id->len);
                return BY_ID;
        }
        strbuf_addf(sb, "%zu", i + 1);
        return BY_POSITION;
}

/* ---- the walk -------------------------------------------------------------
 */

static void walk(struct textconv *t, const struct ynode *n, struct strbuf *path,
                 enum ctx c);

static void emit_value(struct textconv *t, const struct strbuf *path,
                       const struct ynode *n, const char *value, size_t len)
{
        struct strbuf *out = &t->out;

        comments_to(t, n->start, path);
        strbuf_add(out, path->buf, path->len);
        if (path->len && path->buf[path->len - 1] != ' ')
                strbuf_addch(out, ':');
        if (path->len && len)
                strbuf_addch(out, ' ');
        strbuf_add_escaped_exact(out, value, len);
        strbuf_addch(out, '\n');
        printed(t, path, n);
}

static enum ctx child_ctx(enum ctx c, const struct ynode *key)
{
        if (c == CTX_ROOT &&
            (ynode_is(key, "services") || ynode_is(key, "ministries")))
                return CTX_BY_ID;
        if (c == CTX_ROOT && ynode_is(key, "workshops"))
                return CTX_WORKSHOPS;
        if (c == CTX_PLAN && ynode_is(key, "history"))
                return CTX_HISTORY;
        return ynode_is(key, "plan") ? CTX_PLAN : CTX_OTHER;
}

static void walk_mapping(struct textconv *t, const struct ynode *n,
                         struct strbuf *path, enum ctx c)
{
        size_t i, keep = path->len;
        bool named = path->len && path->buf[path->len - 1] == ' ';

        for (i = 0; i < n->n; i++) {
                const struct ynode *k = n->pairs[i].key;
                const struct ynode *v = n->pairs[i].value;
                /* an item named by its id does not repeat it */
                if (named && n->n > 1 && ynode_is(k, "id") &&
                    v->kind == YNODE_SCALAR) {
                        printed(t, path, v);
                        continue;
                }
                if (path->len && !named)
                        strbuf_addch(path, '.');
                strbuf_add_escaped_exact(path, k->value, k->len);
                comments_to(t, k->start, path);
                walk(t, v, path, child_ctx(c, k));
                path->len = keep;
                path->buf[keep] = '\0';
        }
}

static void walk_sequence(struct textconv *t, const struct ynode *n,
                          struct strbuf *path, enum ctx c)
{
        struct strbuf own, name;
        struct names nm;
        size_t i, keep = path->len;

        strbuf_init(&own);
        strbuf_init(&name);
        names_init(&nm, n->n);
        for (i = 0; i < n->n; i++) {
                enum naming how = item_name(n->items[i], c, i, &name);
                const char *s = names_add(&nm, &name);
                struct strbuf *p = path;
                if (how == BY_ID && c == CTX_BY_ID) {
                        p = &own;
                        strbuf_reset(p);
                        strbuf_addstr(p, s);
                        strbuf_addch(p, ' ');
                } else {
                        strbuf_addf(p, "[%s]%s", s, how == BY_ID ? " " : "");
                }
                comments_to(t, n->items[i]->start, p);
                walk(t, n->items[i], p, CTX_OTHER);
                path->len = keep;
                path->buf[keep] = '\0';
        }
        names_release(&nm);
        strbuf_release(&name);
        strbuf_release(&own);
}

static void walk(struct textconv *t, const struct ynode *n, struct strbuf *path,
                 enum ctx c)
{
        if (n->kind == YNODE_SCALAR)
                emit_value(t, path, n, n->value, n->len);
        else if (n->n == 0)
                emit_value(t, path, n, n->kind == YNODE_MAPPING ? "{}" : "[]",
                           2);
        else if (n->kind == YNODE_MAPPING)
                walk_mapping(t, n, path, c);
        else
                walk_sequence(t, n, path, c);
}

/* The lines of a file that parsed into doc, comments and all, to stdout. */
static void print_lines(const struct yamldoc *doc, const struct strbuf *bytes)
{
        struct textconv t = {
            STRBUF_INIT, bytes->buf,  bytes->len, YCOMMENTS_INIT,
            0,           STRBUF_INIT, 0};
        struct strbuf path = STRBUF_INIT;

        ycomments_find(bytes->buf, bytes->len, &t.c);
        comments_to(&t, doc->root ? doc->root->start : SIZE_MAX, &path);
        if (doc->root)
                walk(&t, doc->root, &path, CTX_ROOT);
        comments_to(&t, SIZE_MAX, &path);
        fwrite(t.out.buf, 1, t.out.len, stdout);
        strbuf_release(&t.out);
        strbuf_release(&t.last);
        strbuf_release(&path);
        ycomments_release(&t.c);
}

static int copy_raw(const char *file)
{
        FILE *fp = strcmp(file, "-") == 0 ? stdin : fopen(file, "rb");
        char buf[8192];
        size_t r;

        if (!fp) {
                cli_error("textconv", NULL, "cannot read '%s': %s", file,
                          strerror(errno));
                return EXIT_INVALID;
        }
        while ((r = fread(buf, 1, sizeof(buf), fp)) > 0)
                fwrite(buf, 1, r, stdout);
        if (fp != stdin)
                fclose(fp);
        return EXIT_OK;
}

/* Standard input into sb, up to max bytes.  Returns 0, or -1 with what
 * was read (more than max bytes, or up to a read error) left in sb. */
static int read_stdin(struct strbuf *sb, size_t max)
{
        char buf[65536];
        ssize_t r;

        for (;;) {
                r = read(STDIN_FILENO, buf, sizeof(buf));
                if (r < 0 && errno == EINTR)
                        continue;
                if (r <= 0)
                        return r < 0 ? -1 : 0;
                strbuf_add(sb, buf, (size_t)r);
                if (sb->len > max)
                        return -1;
        }
}

int cmd_textconv(int argc, char **argv)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct strbuf bytes;
        struct yamldoc doc;
        const char *file;
        int rc = EXIT_OK, n = opt_parse(&cmd_textconv_syntax, argc, argv, NULL);

        if (n < 0)
                return opt_parse_exit(n);
        if (n != 1)
                return opt_usage_error(&cmd_textconv_syntax, "%s",
                                       n < 1 ? "which file?"
                                             : "too many arguments");
        file = argv[1];
        strbuf_init(&bytes);
        yamldoc_init(&doc);
        if (strcmp(file, "-") != 0 &&
            regfile_read(file, file, YAMLDOC_MAX_SIZE, &bytes, &dl) != 0) {
                /* a file over the size limit is shown as it is; one
                 * roadmap must not read (a link, a FIFO) is refused */
                if (errno == EFBIG) {
                        rc = copy_raw(file);
                } else {
                        cli_print_diags(&dl);
                        rc = EXIT_INVALID;
                }
                goto out;
        }
        if (strcmp(file, "-") == 0 &&
            read_stdin(&bytes, YAMLDOC_MAX_SIZE) != 0) {
                /* over the limit: what was read, then the rest, as is */
                fwrite(bytes.buf, 1, bytes.len, stdout);
                rc = copy_raw(file);
                goto out;
        }
        if (yamldoc_parse(&doc, file, bytes.buf, bytes.len, &dl) != 0) {
                fwrite(bytes.buf, 1, bytes.len, stdout);
                goto out;
        }
        print_lines(&doc, &bytes);
out:
        yamldoc_release(&doc);
        strbuf_release(&bytes);
        diag_list_release(&dl);
        return rc;
}
