/*
 * roadmap edit OFFICE: edit an office file in $VISUAL or $EDITOR on a
 * copy; install it only if it is valid (as visudo and crontab -e do).
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/repo.h"
#include "roadmap/xalloc.h"

struct options {
        bool quiet;
};

#define OFF(f) offsetof(struct options, f)
static const struct opt options[] = {
    OPT_QUIET(OFF(quiet)),
    OPT_END_OF_TABLE,
};

const struct cmd_syntax cmd_edit_syntax = {
    .name = "edit",
    .operands = "OFFICE",
    .opts = options,
    .help_col = 17,
    .description =
        "Open a copy of the office file in $VISUAL or $EDITOR (default vi).\n"
        "The office stays locked while the editor is open: other roadmap\n"
        "commands that would change it wait, then refuse.\n"
        "On save the copy is checked; a valid result replaces the file\n"
        "atomically, an unchanged one is left alone.  An invalid result is\n"
        "never installed: its problems are shown and you may edit again or\n"
        "discard it; without a terminal on stdin, or at the end of input,\n"
        "the edited copy is kept and its path printed.\n",
};

struct session {
        struct cmd_office where;
        struct txn file; /* held from the first read to the install */
        struct strbuf edited;
        char *tmp;
        struct diag_list dl; /* printed at each step */
        bool quiet;
};

static const char *editor(void)
{
        const char *e = getenv("VISUAL");

        if (!e || !*e)
                e = getenv("EDITOR");
        return e && *e ? e : "vi";
}

/* Print and forget the diagnostics so far; returns rc. */
static int flush(struct session *s, int rc)
{
        cli_print_diags(&s->dl);
        diag_list_release(&s->dl);
        return rc;
}

/* Run the editor on path as git does: sh -c 'EDITOR "$@"' EDITOR path. */
static int run_editor(struct session *s)
{
        const char *ed = editor();
        char *script = xasprintf("%s \"$@\"", ed);
        struct sigaction ign, old_int, old_quit;
        int status = -1;
        pid_t pid;

        memset(&ign, 0, sizeof(ign));
        ign.sa_handler = SIG_IGN;
        sigaction(SIGINT, &ign, &old_int);
        sigaction(SIGQUIT, &ign, &old_quit);
        pid = fork();
        if (pid == 0) {
                sigaction(SIGINT, &old_int, NULL);
                sigaction(SIGQUIT, &old_quit, NULL);
                execl("/bin/sh", "sh", "-c", script, ed, s->tmp, (char *)NULL);
                _exit(127);
        }
        if (pid > 0)
                while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                        ;
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGQUIT, &old_quit, NULL);
        free(script);
        return pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0 ? -1
                                                                         : 0;
}

/* The copy the editor opens, outside the repository (TMPDIR). */
static int make_copy(struct session *s)
{
        const char *dir = getenv("TMPDIR");
        const struct strbuf *orig = &s->file.old;
        FILE *fp;
        int fd;

        s->tmp = xasprintf("%s/roadmap-%s-XXXXXX.yaml",
                           dir && *dir ? dir : "/tmp", s->where.id);
        fd = mkstemps(s->tmp, 5);
        if (fd < 0 || !(fp = fdopen(fd, "w"))) {
                diag_error(&s->dl, s->tmp, 0, 0, "cannot create: %s",
                           strerror(errno));
                if (fd >= 0)
                        close(fd);
                free(s->tmp);
                s->tmp = NULL;
                return -1;
        }
        fwrite(orig->buf, 1, orig->len, fp);
        if (ferror(fp) + fclose(fp) != 0) {
                diag_error(&s->dl, s->tmp, 0, 0, "cannot write it");
                return -1;
        }
        return 0;
}

/* txn_verify_fn: the edited bytes are the office, with the ministry
 * reference. */
static int verify_office(const char *display, const char *buf, size_t len,
                         void *arg, struct diag_list *dl)
{
        struct session *s = arg;
        struct loaded l, meta;
        char *mpath = xasprintf("%s/%s", s->where.root, REPO_MARKER);
        int rc;

        loaded_init(&l);
        loaded_init(&meta);
        rc = load_office_bytes(&l, display, buf, len, s->where.id, dl);
        if (rc == 0 && load_roadmap(&meta, mpath, REPO_MARKER, dl) == 0)
                rc = model_check_refs(&l.m.office, &meta.m.meta, dl);
        loaded_release(&l);
        loaded_release(&meta);
        free(mpath);
        return rc;
}

/* What the officer wants after an invalid save. */
enum answer {
        ANSWER_EDIT,
        ANSWER_DISCARD,
        ANSWER_KEEP, /* no terminal, or end of input: keep the copy */
};

/* The answer in line, trimmed and in either case: "e" or "edit", "d" or
 * "discard"; -1 for anything else. */
static int parse_answer(const char *line)
{
        static const char *const words[] = {"e", "edit", "d", "discard"};
        size_t start = strspn(line, " \t"),
               len = strcspn(line + start, " \t\r\n");
        size_t k;

        if (line[start + len + strspn(line + start + len, " \t\r\n")] != '\0')
                return -1;
        for (k = 0; k < 4; k++)
                if (strlen(words[k]) == len &&
                    strncasecmp(line + start, words[k], len) == 0)
                        return k < 2 ? ANSWER_EDIT : ANSWER_DISCARD;
        return -1;
}

/* Ask until the answer is e or d: a stray key never decides. */
static enum answer ask(void)
{
        char line[64];
        int a;

        if (!isatty(STDIN_FILENO))
                return ANSWER_KEEP;
        for (;;) {
                fputs("What now? (e)dit again, (d)iscard: ", stderr);
                fflush(stderr);
                if (!fgets(line, sizeof line, stdin)) {
                        fputc('\n', stderr);
                        return ANSWER_KEEP;
                }
                a = strchr(line, '\n') || feof(stdin) ? parse_answer(line) : -1;
                while (!strchr(line, '\n') && fgets(line, sizeof line, stdin))
                        ; /* the rest of a long line */
                if (a >= 0)
                        return (enum answer)a;
                fputs("Please answer e to edit again or d to discard.\n",
                      stderr);
        }
}

/* Keep the edited copy (a failed install must not lose it) and say where
 * it is, in d's hint (d NULL: a "nothing was written" of its own). */
static void keep_copy(struct session *s, struct diag *d)
{
        if (!d)
                d = diag_error(&s->dl, s->where.display, 0, 0,
                               "nothing was written");
        diag_hint(d, "your version is kept in '%s'", s->tmp);
        diag_summary(d);
        free(s->tmp);
        s->tmp = NULL;
}

/* Read the edited copy: 0, 1 if it is unchanged, -1 on error. */
static int read_copy(struct session *s)
{
        const struct strbuf *orig = &s->file.old;

        strbuf_reset(&s->edited);
        if (strbuf_read_file(&s->edited, s->tmp, YAMLDOC_MAX_SIZE) != 0) {
                diag_error(&s->dl, s->tmp, 0, 0, "cannot read: %s",
                           strerror(errno));
                return -1;
        }
        return s->edited.len == orig->len &&
               memcmp(s->edited.buf, orig->buf, orig->len) == 0;
}

/* The editor failed: keep the copy unless it is the file unchanged. */
static int editor_failed(struct session *s)
{
        struct diag *d = diag_error(&s->dl, s->where.display, 0, 0,
                                    "the editor '%s' failed; nothing was "
                                    "written",
                                    editor());

        if (read_copy(s) != 1)
                keep_copy(s, d);
        return flush(s, EXIT_INVALID);
}

static int edit_loop(struct session *s)
{
        int r;

        for (;;) {
                if (run_editor(s) != 0)
                        return editor_failed(s);
                if ((r = read_copy(s)) < 0) {
                        keep_copy(s, NULL);
                        return flush(s, EXIT_INVALID);
                }
                if (r == 1) {
                        cmd_say(s->quiet, s->where.id, "no changes");
                        return EXIT_OK;
                }
                if (txn_commit(&s->file, s->edited.buf, s->edited.len,
                               verify_office, s, &s->dl) == 0) {
                        flush(s, 0);
                        cmd_say(s->quiet, s->where.id, "edited");
                        return EXIT_OK;
                }
                if (!s->file.rejected) {
                        keep_copy(s, NULL);
                        return flush(s, EXIT_INVALID);
                }
                flush(s, 0);
                switch (ask()) {
                case ANSWER_EDIT:
                        continue;
                case ANSWER_KEEP:
                        keep_copy(s, NULL);
                        return flush(s, EXIT_INVALID);
                case ANSWER_DISCARD:
                        break;
                }
                diag_error(&s->dl, s->where.display, 0, 0,
                           "discarded the edit; the file is unchanged");
                return flush(s, EXIT_INVALID);
        }
}

int cmd_edit(int argc, char **argv)
{
        struct session s;
        struct options opts = {false};
        int rc, n = opt_parse_args(&cmd_edit_syntax, argc, argv, &opts, 1, 1);

        if (n < 0)
                return opt_parse_exit(n);
        memset(&s, 0, sizeof(s));
        s.quiet = opts.quiet;
        txn_init(&s.file);
        strbuf_init(&s.edited);
        rc = cmd_office_find("edit", argv[1], &s.where);
        if (rc == EXIT_OK && txn_begin_replace(&s.file, s.where.path,
                                               s.where.display, &s.dl) != 0)
                rc = EXIT_INVALID;
        if (rc == EXIT_OK)
                rc = make_copy(&s) == 0 ? edit_loop(&s) : EXIT_INVALID;
        flush(&s, 0);
        if (s.tmp)
                unlink(s.tmp);
        free(s.tmp);
        strbuf_release(&s.edited);
        txn_release(&s.file);
        cmd_office_release(&s.where);
        return rc;
}
