/*
 * roadmap textconv FILE: an office file as one line per fact, for git's
 * diff textconv driver (roadmap-git-setup(1)).
 *
 * Every scalar becomes "path: value".  Mapping keys join with '.'; an item
 * of a sequence is named by its "id" when it has one, else by its 1-based
 * index; the items of the top-level "services" and "ministries" lists are
 * named by id alone, so a plan change reads
 *   contractor-enlistment plan.priority: 2
 * Control characters, invalid UTF-8 and the backslash are escaped (\t,
 * \x1b, \\), so that no two values print alike.  A file that does not
 * parse (a conflict, a syntax error) is printed as it is, so a diff
 * still shows it.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "roadmap/cli.h"
#include "roadmap/commands.h"
#include "roadmap/regfile.h"
#include "roadmap/strbuf.h"
#include "roadmap/yamldoc.h"

static const struct opt no_options[] = {OPT_END_OF_TABLE};

const struct cmd_syntax cmd_textconv_syntax = {
    .name = "textconv",
    .operands = "FILE",
    .opts = no_options,
    .description =
        "Print a roadmap YAML file as one line per value, named by its path\n"
        "(services by id), for 'git diff' and 'git log -p'.  Comments are\n"
        "left out; a file that does not parse is printed unchanged.\n"
        "'roadmap git-setup' configures git to use it.\n",
};

static void walk(struct strbuf *out, const struct ynode *n, struct strbuf *path,
                 bool top);

static void emit_scalar(struct strbuf *out, const struct strbuf *path,
                        const char *value, size_t len)
{
        strbuf_add(out, path->buf, path->len);
        if (path->len && path->buf[path->len - 1] != ' ')
                strbuf_addch(out, ':');
        if (path->len && len)
                strbuf_addch(out, ' ');
        strbuf_add_escaped_exact(out, value, len);
        strbuf_addch(out, '\n');
}

static const struct ynode *item_id(const struct ynode *item)
{
        const struct ynode *id = ynode_get(item, "id", NULL);

        return id && id->kind == YNODE_SCALAR && id->len ? id : NULL;
}

static void walk_mapping(struct strbuf *out, const struct ynode *n,
                         struct strbuf *path, bool top)
{
        size_t i, keep = path->len;
        bool named = path->len && path->buf[path->len - 1] == ' ';

        for (i = 0; i < n->n; i++) {
                const struct ynode *k = n->pairs[i].key;
                const struct ynode *v = n->pairs[i].value;
                /* an item named by its id does not repeat it */
                if (named && n->n > 1 && ynode_is(k, "id") &&
                    v->kind == YNODE_SCALAR)
                        continue;
                if (path->len && !named)
                        strbuf_addch(path, '.');
                strbuf_add_escaped_exact(path, k->value, k->len);
                walk(out, v, path,
                     top && (ynode_is(k, "services") ||
                             ynode_is(k, "ministries")));
                path->len = keep;
                path->buf[keep] = '\0';
        }
}

static void walk_sequence(struct strbuf *out, const struct ynode *n,
                          struct strbuf *path, bool by_id)
{
        struct strbuf own;
        size_t i, keep = path->len;

        strbuf_init(&own);
        for (i = 0; i < n->n; i++) {
                const struct ynode *id = item_id(n->items[i]);
                struct strbuf *p = path;
                if (by_id && id) {
                        p = &own;
                        strbuf_reset(p);
                        strbuf_add_escaped_exact(p, id->value, id->len);
                        strbuf_addch(p, ' ');
                } else if (id) {
                        strbuf_addch(p, '[');
                        strbuf_add_escaped_exact(p, id->value, id->len);
                        strbuf_addstr(p, "] ");
                } else {
                        strbuf_addf(p, "[%zu]", i + 1);
                }
                walk(out, n->items[i], p, false);
                path->len = keep;
                path->buf[keep] = '\0';
        }
        strbuf_release(&own);
}

static void walk(struct strbuf *out, const struct ynode *n, struct strbuf *path,
                 bool top)
{
        if (n->kind == YNODE_SCALAR)
                emit_scalar(out, path, n->value, n->len);
        else if (n->n == 0)
                emit_scalar(out, path, n->kind == YNODE_MAPPING ? "{}" : "[]",
                            2);
        else if (n->kind == YNODE_MAPPING)
                walk_mapping(out, n, path, !path->len);
        else
                walk_sequence(out, n, path, top);
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
        struct strbuf bytes, out, path;
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
        strbuf_init(&out);
        strbuf_init(&path);
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
        if (doc.root)
                walk(&out, doc.root, &path, true);
        fwrite(out.buf, 1, out.len, stdout);
out:
        yamldoc_release(&doc);
        strbuf_release(&bytes);
        strbuf_release(&out);
        strbuf_release(&path);
        diag_list_release(&dl);
        return rc;
}
