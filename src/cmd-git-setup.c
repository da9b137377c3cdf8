/*
 * roadmap git-setup [--force]: make the git work tree that holds a roadmap
 * repository check and show it in the domain's terms: pre-commit and
 * pre-merge-commit hooks that run 'roadmap check --cached' on the staged
 * offices, a diff driver
 * that shows office files through 'roadmap textconv', and a merge driver
 * that merges them through 'roadmap merge-driver'.
 */
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "git-setup-internal.h"
#include "roadmap/assets.h"
#include "roadmap/cli.h"
#include "roadmap/commands.h"
#include "roadmap/regfile.h"
#include "roadmap/strbuf.h"
#include "roadmap/txn.h"
#include "roadmap/xalloc.h"

struct opts {
        bool force, server;
};

#define OFF(f) offsetof(struct opts, f)

static const struct opt options[] = {
    {"server", 0, OPT_FLAG, OFF(server), NULL,
     "in the bare repository DIR (default: here), install\n"
     "a pre-receive hook that refuses pushes that fail\n"
     "'roadmap check'",
     NULL, NULL, OPT_OPTIONAL},
    {"force", 0, OPT_FLAG, OFF(force), NULL,
     "replace a hook that roadmap did not write", NULL, NULL, OPT_OPTIONAL},
    OPT_END_OF_TABLE};

const struct cmd_syntax cmd_git_setup_syntax = {
    .name = "git-setup",
    .operands = "[DIR]",
    .opts = options,
    .usage = "roadmap git-setup [--force]\n"
             "roadmap git-setup --server [--force] [DIR]",
    .description =
        "In a roadmap repository inside a git work tree, install a pre-commit\n"
        "hook that runs 'roadmap check --cached' on the staged version of the\n"
        "offices a commit adds or changes (and a pre-merge-commit hook that\n"
        "does the same for a merge that git commits itself), set "
        "'diff.roadmap.textconv' and "
        "add\n"
        "'diff=roadmap' lines to .gitattributes, so that 'git diff' and 'git\n"
        "log -p' show offices one fact per line, set the merge driver\n"
        "'merge.roadmap' ('roadmap merge-driver') and add 'merge=roadmap'\n"
        "lines, so that 'git merge', 'git rebase' and 'git cherry-pick' merge\n"
        "offices service by service and field by field, and make git ignore\n"
        "the temporary files of interrupted writes.  The hook and the drivers\n"
        "call this roadmap binary by its absolute path.  Also write the JSON\n"
        "Schemas (schema/), the editor settings that apply them\n"
        "(.vscode/settings.json) and a .yamllint where they are missing; a\n"
        "different .yamllint or settings file is left alone.  Running it "
        "again\n"
        "updates the hook, the recorded binary and the schemas.\n"
        "\n"
        "With --server, in a bare repository that people push to, install a\n"
        "pre-receive hook that refuses a push when the new tree of any ref it\n"
        "updates fails 'roadmap check' ('check --pre-receive').\n",
    .help_col = 13,
};

static const char attributes[] = "roadmap.yaml diff=roadmap\n"
                                 "offices/**/*.yaml diff=roadmap\n"
                                 "roadmap.yaml merge=roadmap\n"
                                 "offices/**/*.yaml merge=roadmap\n";

/* The hooks that check what is committed: by 'git commit', and by 'git
 * merge' when it commits a merge it made itself (then git runs no
 * pre-commit hook).  Each: its name, the command that skips it, what it
 * checks. */
static const struct commit_hook {
        const char *name, *skip, *what;
} commit_hooks[] = {
    {"pre-commit", "git commit", "a commit adds or\n# changes"},
    {"pre-merge-commit", "git merge",
     "a merge that git\n# made itself (no conflict to resolve) adds or "
     "changes"},
};

static const char hook_head[] =
    "#!/bin/sh\n"
    "# roadmap %s hook, " HOOK_MARKER " (roadmap-git-setup(1)).\n"
    "# Checks the staged version of the office files that %s, against the\n"
    "# staged roadmap.yaml, straight from git's index ('roadmap check\n"
    "# --cached').  Skip it once with '%s --no-verify'; delete this file\n"
    "# to remove it.\n";

static const char hook_body[] =
    "if git rev-parse --verify -q HEAD >/dev/null; then\n"
    "\tagainst=HEAD\n"
    "else\n"
    "\tagainst=$(git hash-object -t tree /dev/null)\n"
    "fi\n"
    "# temporary files that interrupted roadmap writes left behind\n"
    "temps=$(git -c core.quotePath=false diff --cached --name-only \\\n"
    "\t--diff-filter=d \"$against\" |\n"
    "\tgrep -E '(^|/)\\.[^/]*\\.(yaml|yamllint|json|gitattributes)\\."
    "[A-Za-z0-9]{6}$')\n"
    "if [ -n \"$temps\" ]; then\n"
    "\techo \"roadmap $hook: temporary files of interrupted writes "
    "are staged:\" >&2\n"
    "\techo \"$temps\" | sed 's/^/  /' >&2\n"
    "\techo \"hint: unstage and delete them ('git rm --cached FILE', "
    "then 'rm FILE')\" >&2\n"
    "\texit 1\n"
    "fi\n"
    "changed=$(git -c core.quotePath=false diff --cached --name-only \\\n"
    "\t--diff-filter=d \"$against\" -- \"${root}roadmap.yaml\" "
    "\"${root}offices/\") ||\n"
    "\texit 1\n"
    "[ -n \"$changed\" ] || exit 0\n"
    "all=\n"
    "set --\n"
    "while IFS= read -r f; do\n"
    "\tcase $f in\n"
    "\t\"${root}roadmap.yaml\") all=1 ;;\n"
    "\t*.yaml) f=${f##*/}; set -- \"$@\" \"${f%.yaml}\" ;;\n"
    "\tesac\n"
    "done <<EOF\n"
    "$changed\n"
    "EOF\n"
    "[ -z \"$all\" ] || set --\n"
    "[ -n \"$all\" ] || [ $# -gt 0 ] || exit 0\n"
    "if ! [ -f \"$roadmap\" ] || ! [ -x \"$roadmap\" ]; then\n"
    "\techo \"roadmap $hook: $roadmap, the roadmap that 'roadmap "
    "git-setup' recorded, is missing\" >&2\n"
    "\techo \"hint: install roadmap, then run 'roadmap git-setup' again in "
    "the roadmap repository to record where it is\" >&2\n"
    "\texit 1\n"
    "fi\n"
    "# git names its files for the hook (the index being committed: "
    "$GIT_INDEX_FILE)\n"
    "# from the top of the work tree; roadmap runs in the roadmap repository\n"
    "for v in GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE GIT_OBJECT_DIRECTORY; do\n"
    "\teval \"p=\\${$v-}\"\n"
    "\tcase $p in\n"
    "\t'' | /*) ;;\n"
    "\t*) eval \"$v=\\$PWD/\\$p; export $v\" ;;\n"
    "\tesac\n"
    "done\n"
    "# the staged files, not the work tree's\n"
    "\"$roadmap\" -C \"./$root\" check --cached -q -- \"$@\" && exit 0\n"
    "echo \"roadmap $hook: the staged roadmap data is invalid;"
    " fix it, 'git add' it and commit again\" >&2\n"
    "exit 1\n";

/* Run git with args in dir; capture stdout (trimmed) into out if given.
 * Returns git's exit status (127: git could not be run), or -1. */
int git_setup_run_git(const char *dir, const char *const *args,
                      struct strbuf *out)
{
        const char *argv[16] = {"git", "-C", dir};
        int fd[2], status, i;
        char buf[1024];
        ssize_t r;
        pid_t pid;

        for (i = 0; args[i] && i < 12; i++)
                argv[3 + i] = args[i];
        argv[3 + i] = NULL;
        fflush(stdout);
        if (pipe(fd) != 0)
                return -1;
        pid = fork();
        if (pid < 0) {
                close(fd[0]);
                close(fd[1]);
                return -1;
        }
        if (pid == 0) {
                close(fd[0]);
                dup2(fd[1], STDOUT_FILENO);
                if (!out)
                        dup2(STDERR_FILENO, STDOUT_FILENO);
                execvp("git", (char *const *)argv);
                _exit(127); /* as the shell says "not found" */
        }
        close(fd[1]);
        while ((r = read(fd[0], buf, sizeof(buf))) != 0) {
                if (r < 0 && errno == EINTR)
                        continue;
                if (r < 0)
                        break;
                if (out)
                        strbuf_add(out, buf, (size_t)r);
        }
        close(fd[0]);
        while (waitpid(pid, &status, 0) < 0)
                if (errno != EINTR)
                        return -1;
        if (out)
                while (out->len && strchr("\r\n", out->buf[out->len - 1]))
                        out->buf[--out->len] = '\0';
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

void git_setup_sh_quote(struct strbuf *sb, const char *s)
{
        strbuf_addch(sb, '\'');
        for (; *s; s++) {
                if (*s == '\'')
                        strbuf_addstr(sb, "'\\''");
                else
                        strbuf_addch(sb, *s);
        }
        strbuf_addch(sb, '\'');
}

/* Whether path names the file st describes. */
static bool same_file(const char *path, const struct stat *st)
{
        struct stat other;

        return path && path[0] == '/' && stat(path, &other) == 0 &&
               other.st_dev == st->st_dev && other.st_ino == st->st_ino;
}

/*
 * The absolute path of the running binary, for the hook and the diff
 * driver to call (the caller frees it), or NULL.  The path it was run by
 * (the execve file name: the shell's PATH search has made it absolute)
 * when that leads to this very binary: /usr/local/bin/roadmap, a link to a
 * versioned install, keeps working after an upgrade moves the link.
 * Otherwise, as for a relative path that -C made stale, the binary itself.
 */
static char *self_path(void)
{
        const char *invoked = (const char *)getauxval(AT_EXECFN);
        char buf[4096];
        struct stat self;
        ssize_t n;

        if (stat("/proc/self/exe", &self) != 0)
                return invoked && invoked[0] == '/' &&
                               access(invoked, X_OK) == 0
                           ? xstrdup(invoked)
                           : NULL;
        if (same_file(invoked, &self))
                return xstrdup(invoked);
        n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
        if (n <= 0 || buf[0] != '/')
                return NULL;
        buf[n] = '\0';
        return xstrdup(buf);
}

char *git_setup_self_path(struct diag_list *dl)
{
        char *bin = self_path();

        if (!bin)
                diag_error(dl, NULL, 0, 0,
                           "cannot tell where the roadmap binary is (is "
                           "/proc mounted?)");
        return bin;
}

/* The file name names in the git directory of the work tree at root
 * ('git rev-parse --git-path'): *rel gets it as git says it, the result
 * (the caller's to free) is absolute; NULL if git cannot say. */
char *git_setup_git_path(const char *root, const char *name, struct strbuf *rel)
{
        const char *args[] = {"rev-parse", "--git-path", name, NULL};

        if (git_setup_run_git(root, args, rel) != 0 || !rel->len)
                return NULL;
        return rel->buf[0] == '/' ? xstrdup(rel->buf)
                                  : xasprintf("%s/%s", root, rel->buf);
}

/* Append text to sb on a line of its own. */
static void add_lines(struct strbuf *sb, const char *text)
{
        if (sb->len && sb->buf[sb->len - 1] != '\n')
                strbuf_addch(sb, '\n');
        strbuf_addstr(sb, text);
}

/* The text of the hook for the roadmap repository at prefix of the work
 * tree, calling the binary bin. */
static void hook_text(struct strbuf *hook, const struct commit_hook *h,
                      const char *prefix, const char *bin)
{
        strbuf_addf(hook, hook_head, h->name, h->what, h->skip);
        strbuf_addf(hook, "hook=%s\n", h->name);
        strbuf_addstr(hook, "root=");
        git_setup_sh_quote(hook, prefix);
        strbuf_addstr(hook, "  # the roadmap repository in the work tree\n");
        strbuf_addstr(hook, "roadmap=");
        git_setup_sh_quote(hook, bin);
        strbuf_addstr(hook, "  # the binary that ran 'roadmap git-setup'\n");
        strbuf_addstr(hook, hook_body);
}

/* The file git names name in its directory could not be found. */
int git_setup_no_path(const char *root, const char *name, struct diag_list *dl)
{
        diag_error(dl, root, 0, 0, "git cannot say where its '%s' is", name);
        return -1;
}

int git_setup_install_hook(const char *dir, const char *name, const char *text,
                           const char *again, bool force, struct diag_list *dl)
{
        struct strbuf rel;
        struct txn t;
        char *hooks = xasprintf("hooks/%s", name), *path;
        int rc = -1;

        txn_init(&t);
        strbuf_init(&rel);
        if (!(path = git_setup_git_path(dir, hooks, &rel))) {
                rc = git_setup_no_path(dir, hooks, dl);
                goto out;
        }
        if (txn_begin_write(&t, path, rel.buf, dl) != 0)
                goto out;
        if (t.exists && !force && !strstr(t.old.buf, HOOK_MARKER)) {
                diag_hint(diag_error(dl, rel.buf, 0, 0,
                                     "exists and was not written by roadmap; "
                                     "nothing was written"),
                          "call '%s --force' to replace it", again);
                goto out;
        }
        t.executable = true;
        if (txn_commit(&t, text, strlen(text), NULL, NULL, dl) != 0)
                goto out;
        printf("installed the %s hook %s\n", name, rel.buf);
        rc = 0;
out:
        txn_release(&t);
        free(path);
        free(hooks);
        strbuf_release(&rel);
        return rc;
}

/* The pre-commit and pre-merge-commit hooks of the roadmap repository at
 * prefix of the work tree at root, calling the binary bin. */
static int install_hook(const char *root, const char *prefix, const char *bin,
                        bool force, struct diag_list *dl)
{
        struct strbuf hook;
        size_t i;
        int rc = 0;

        strbuf_init(&hook);
        for (i = 0; rc == 0 && i < sizeof(commit_hooks) / sizeof(*commit_hooks);
             i++) {
                strbuf_reset(&hook);
                hook_text(&hook, &commit_hooks[i], prefix, bin);
                rc =
                    git_setup_install_hook(root, commit_hooks[i].name, hook.buf,
                                           "roadmap git-setup", force, dl);
        }
        strbuf_release(&hook);
        return rc;
}

static bool has_line(const char *text, const char *line)
{
        size_t n = strlen(line);
        const char *p = text;

        while ((p = strstr(p, line))) {
                if ((p == text || p[-1] == '\n') &&
                    (p[n] == '\n' || p[n] == '\r' || p[n] == '\0'))
                        return true;
                p += n;
        }
        return false;
}

/* txn_verify_fn: the new text keeps the old (arg) whole, in front: lines
 * are only ever added. */
static int only_added(const char *display, const char *buf, size_t len,
                      void *arg, struct diag_list *dl)
{
        const struct strbuf *old = arg;

        if (len >= old->len && memcmp(buf, old->buf, old->len) == 0)
                return 0;
        diag_error(dl, display, 0, 0,
                   "would lose some of its lines; nothing was written");
        return -1;
}

/* The lines of wanted (each ending in '\n') that text lacks. */
static void missing_lines(struct strbuf *add, const char *text,
                          const char *wanted)
{
        const char *line, *end;

        for (line = wanted; (end = strchr(line, '\n')); line = end + 1) {
                char *one = xstrndup(line, (size_t)(end - line));

                if (!has_line(text, one))
                        strbuf_add(add, line, (size_t)(end - line) + 1);
                free(one);
        }
}

/* Whether the file at path (read without the lock) lacks a line of
 * wanted.  A file that cannot be read as a regular file (missing, a link,
 * a FIFO, ...) lacks them: the write that follows refuses it or creates it
 * and says why. */
static bool lacks_lines(const char *path, const char *wanted)
{
        struct diag_list scratch = DIAG_LIST_INIT;
        struct strbuf text, add;
        bool lacks = true;

        strbuf_init(&text);
        strbuf_init(&add);
        if (regfile_read(path, path, TXN_MAX_SIZE, &text, &scratch) == 0) {
                missing_lines(&add, text.buf, wanted);
                lacks = text.len == 0 || add.len > 0;
        }
        diag_list_release(&scratch);
        strbuf_release(&text);
        strbuf_release(&add);
        return lacks;
}

/*
 * Append to the file at path (display: as messages name it) each line of
 * wanted (lines ending in '\n') that it lacks, after comment (if given)
 * unless it is there already; create the file and its directories if need
 * be.  *added: whether anything was.  Returns 0, or -1 after adding an
 * error.
 */
static int add_missing_lines(const char *path, const char *display,
                             const char *comment, const char *wanted,
                             bool *added, struct diag_list *dl)
{
        struct strbuf sb, add;
        struct txn t;
        int rc = -1;

        *added = false;
        txn_init(&t);
        strbuf_init(&sb);
        strbuf_init(&add);
        rc = 0;
        if (!lacks_lines(path, wanted))
                goto out; /* no lock (nor a writable file) needed */
        rc = -1;
        if (txn_begin_write(&t, path, display, dl) != 0)
                goto out;
        strbuf_add(&sb, t.old.buf, t.old.len);
        missing_lines(&add, sb.buf, wanted);
        rc = 0;
        if (add.len == 0)
                goto out;
        if (comment && !has_line(sb.buf, comment)) {
                add_lines(&sb, comment);
                strbuf_addch(&sb, '\n');
        } else {
                add_lines(&sb, "");
        }
        strbuf_add(&sb, add.buf, add.len);
        rc = txn_commit(&t, sb.buf, sb.len, only_added, &t.old, dl);
        *added = rc == 0;
out:
        txn_release(&t);
        strbuf_release(&add);
        strbuf_release(&sb);
        return rc;
}

static int setup_attributes(const char *root, struct diag_list *dl)
{
        char *path = xasprintf("%s/.gitattributes", root);
        bool added;
        int rc = add_missing_lines(path, ".gitattributes", NULL, attributes,
                                   &added, dl);

        if (rc == 0 && added)
                printf("added 'diff=roadmap' and 'merge=roadmap' to "
                       ".gitattributes (commit it)\n");
        free(path);
        return rc;
}

#define EXCLUDE_PATTERN ".*.yaml.??????"
#define EXCLUDE_COMMENT                                                        \
        "# temporary files of interrupted roadmap writes "                     \
        "(roadmap-git-setup(1))"

/* The info/exclude lines for the temporary files of interrupted writes:
 * of any office or roadmap.yaml (.NAME.yaml.XXXXXX), of .gitattributes and
 * of each file roadmap writes for other tools
 * (/schema/.office.schema.json.XXXXXX). */
static void exclude_lines(struct strbuf *out)
{
        const struct asset *a;
        size_t i, n;

        strbuf_addstr(out, EXCLUDE_PATTERN "\n");
        strbuf_addstr(out, "/..gitattributes.??????\n");
        a = assets_list(&n);
        for (i = 0; i < n; i++) {
                const char *slash = strrchr(a[i].path, '/');
                const char *base = slash ? slash + 1 : a[i].path;

                strbuf_addf(out, "/%.*s.%s.??????\n", (int)(base - a[i].path),
                            a[i].path, base);
        }
}

/*
 * Make git ignore the temporary files of interrupted writes, in the
 * repository's info/exclude.  The file is git's, but git has no command
 * that adds a line to it (and never rewrites it once made): roadmap adds
 * its own lines, and only adds, through the one write path.
 */
static int setup_exclude(const char *root, struct diag_list *dl)
{
        struct strbuf rel, want;
        char *path;
        bool added;
        int rc = -1;

        strbuf_init(&rel);
        strbuf_init(&want);
        if (!(path = git_setup_git_path(root, "info/exclude", &rel))) {
                rc = git_setup_no_path(root, "info/exclude", dl);
                goto out;
        }
        exclude_lines(&want);
        rc = add_missing_lines(path, rel.buf, EXCLUDE_COMMENT, want.buf, &added,
                               dl);
        if (rc == 0 && added)
                printf("git ignores the temporary files of interrupted "
                       "writes (%s)\n",
                       rel.buf);
out:
        free(path);
        strbuf_release(&want);
        strbuf_release(&rel);
        return rc;
}

/* Set git's config key to value, by git; say so when told to. */
static int set_config(const char *root, const char *key, const char *value,
                      bool say, struct diag_list *dl)
{
        const char *args[] = {"config", key, value, NULL};

        if (git_setup_run_git(root, args, NULL) != 0) {
                diag_error(dl, root, 0, 0, "'git config' cannot set %s", key);
                return -1;
        }
        if (say)
                printf("set %s to %s\n", key, value);
        return 0;
}

/* Git's own configuration is written by git. */
static int setup_diff(const char *root, const char *bin, struct diag_list *dl)
{
        struct strbuf cmd;
        int rc;

        strbuf_init(&cmd);
        git_setup_sh_quote(&cmd, bin);
        strbuf_addstr(&cmd, " textconv");
        rc = set_config(root, "diff.roadmap.textconv", cmd.buf, true, dl);
        strbuf_release(&cmd);
        return rc;
}

/* The merge driver, and the one git's recursive merge runs to build the
 * virtual ancestor of a criss-cross merge (merge.roadmap.recursive). */
static int setup_merge(const char *root, const char *bin, struct diag_list *dl)
{
        struct strbuf drv, anc;
        int rc = -1;

        strbuf_init(&drv);
        strbuf_init(&anc);
        git_setup_sh_quote(&drv, bin);
        strbuf_addstr(&anc, drv.buf);
        strbuf_addstr(&drv, " merge-driver --marker-size=%L --ours-label=%X "
                            "--theirs-label=%Y --base-label=%S %O %A %B %P");
        strbuf_addstr(&anc, " merge-driver --ancestor --marker-size=%L "
                            "%O %A %B %P");
        if (set_config(root, "merge.roadmap.name",
                       "roadmap: offices merged by service and field", false,
                       dl) == 0 &&
            set_config(root, "merge.roadmap.driver", drv.buf, true, dl) == 0 &&
            set_config(root, "merge.roadmap.recursive", "roadmap-ancestor",
                       false, dl) == 0 &&
            set_config(root, "merge.roadmap-ancestor.name",
                       "roadmap: the ancestor of a criss-cross merge", false,
                       dl) == 0 &&
            set_config(root, "merge.roadmap-ancestor.driver", anc.buf, false,
                       dl) == 0)
                rc = setup_attributes(root, dl);
        strbuf_release(&drv);
        strbuf_release(&anc);
        return rc;
}

/* The schemas, editor settings and yamllint configuration (assets.h):
 * written when absent, the schemas brought to this version. */
static int setup_assets(const char *root, struct diag_list *dl)
{
        struct asset_result *res;
        struct strbuf notes;
        size_t n;
        int rc;

        assets_list(&n);
        res = xcalloc(n, sizeof(*res));
        strbuf_init(&notes);
        rc = assets_install(root, "", res, dl);
        if (rc == 0)
                assets_describe(&notes, "", res, n);
        fputs(notes.buf, stdout);
        strbuf_release(&notes);
        free(res);
        return rc;
}

/* The work tree's roadmap repository at root: where it is in the work
 * tree (prefix, "" at the top), or -1 after adding why not. */
static int work_tree_prefix(const char *root, struct strbuf *prefix,
                            struct diag_list *dl)
{
        static const char *const inside[] = {"rev-parse",
                                             "--is-inside-work-tree", NULL};
        static const char *const show_prefix[] = {"rev-parse", "--show-prefix",
                                                  NULL};
        struct strbuf answer;
        int rc;

        strbuf_init(&answer);
        rc = git_setup_run_git(root, inside, &answer);
        if (rc == 127)
                diag_hint(diag_error(dl, root, 0, 0, "cannot run git"),
                          "install git (Debian package git)");
        else if (rc != 0 || strcmp(answer.buf, "true") != 0 ||
                 git_setup_run_git(root, show_prefix, prefix) != 0)
                diag_hint(diag_error(dl, root, 0, 0, "not in a git work tree"),
                          "run 'git init' there first");
        else
                rc = 0;
        strbuf_release(&answer);
        return rc == 0 ? 0 : -1;
}

/* Everything git-setup writes, in the roadmap repository at root. */
static int setup(const char *root, bool force, struct diag_list *dl)
{
        struct strbuf prefix;
        char *bin = NULL;
        int rc = -1;

        strbuf_init(&prefix);
        if (work_tree_prefix(root, &prefix, dl) != 0)
                goto out;
        if (!(bin = git_setup_self_path(dl)))
                goto out;
        if (install_hook(root, prefix.buf, bin, force, dl) == 0 &&
            setup_exclude(root, dl) == 0 && setup_diff(root, bin, dl) == 0 &&
            setup_merge(root, bin, dl) == 0 && setup_assets(root, dl) == 0)
                rc = 0;
out:
        strbuf_release(&prefix);
        free(bin);
        return rc;
}

int cmd_git_setup(int argc, char **argv)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct opts o = {false, false};
        char *root;
        int n = opt_parse(&cmd_git_setup_syntax, argc, argv, &o);
        int rc = EXIT_INVALID;

        if (n < 0)
                return opt_parse_exit(n);
        if (n > (o.server ? 1 : 0))
                return opt_usage_error(&cmd_git_setup_syntax,
                                       "unexpected argument '%s'",
                                       argv[o.server ? 2 : 1]);
        if (o.server)
                return git_setup_server(n ? argv[1] : ".", o.force);
        root = cli_repo_root();
        if (root && setup(root, o.force, &dl) == 0)
                rc = EXIT_OK;
        cli_print_diags(&dl);
        diag_list_release(&dl);
        free(root);
        return rc;
}
