/*
 * roadmap edit OFFICE: edit an office file in $VISUAL or $EDITOR on a
 * copy; install it only if it is valid (as visudo and crontab -e do).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/lockfile.h"
#include "roadmap/regfile.h"
#include "roadmap/repo.h"
#include "roadmap/xalloc.h"

static const struct opt no_options[] = {OPT_END_OF_TABLE};

const struct cmd_syntax cmd_edit_syntax = {
    .name = "edit",
    .operands = "OFFICE",
    .opts = no_options,
    .description =
        "Open a copy of the office file in $VISUAL or $EDITOR (default vi).\n"
        "The office stays locked while the editor is open: other roadmap\n"
        "commands that would change it wait, then refuse.\n"
        "On save the copy is checked; a valid result replaces the file\n"
        "atomically, an unchanged one is left alone.  An invalid result is\n"
        "never installed: its problems are shown and you may edit again or\n"
        "discard it (without a terminal on stdin, it is discarded).\n",
};

struct session {
        struct cmd_office where;
        struct lockfile lk; /* held from the first read to the install */
        struct strbuf orig, edited;
        char *tmp;
};

static const char *editor(void)
{
        const char *e = getenv("VISUAL");

        if (!e || !*e)
                e = getenv("EDITOR");
        return e && *e ? e : "vi";
}

/* Run the editor on path as git does: sh -c 'EDITOR "$@"' EDITOR path. */
static int run_editor(const char *path)
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
                execl("/bin/sh", "sh", "-c", script, ed, path, (char *)NULL);
                _exit(127);
        }
        if (pid > 0)
                while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
                        ;
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGQUIT, &old_quit, NULL);
        free(script);
        if (pid < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
                fprintf(stderr,
                        "roadmap edit: error: the editor '%s' failed; "
                        "nothing was written\n",
                        ed);
                return -1;
        }
        return 0;
}

static int make_copy(struct session *s)
{
        const char *dir = getenv("TMPDIR");
        FILE *fp;
        int fd;

        s->tmp = xasprintf("%s/roadmap-%s-XXXXXX.yaml",
                           dir && *dir ? dir : "/tmp", s->where.id);
        fd = mkstemps(s->tmp, 5);
        if (fd < 0 || !(fp = fdopen(fd, "w"))) {
                fprintf(stderr, "roadmap edit: error: cannot create '%s': %s\n",
                        s->tmp, strerror(errno));
                if (fd >= 0)
                        close(fd);
                free(s->tmp);
                s->tmp = NULL;
                return -1;
        }
        fwrite(s->orig.buf, 1, s->orig.len, fp);
        if (ferror(fp) + fclose(fp) != 0) {
                fprintf(stderr, "roadmap edit: error: cannot write '%s'\n",
                        s->tmp);
                return -1;
        }
        return 0;
}

/* Check the edited bytes as the office, with the ministry reference. */
static int validate(struct session *s)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct loaded l, meta;
        char *mpath = xasprintf("%s/%s", s->where.root, REPO_MARKER);
        int rc;

        loaded_init(&l);
        loaded_init(&meta);
        rc = load_office_bytes(&l, s->where.display, s->edited.buf,
                               s->edited.len, s->where.id, &dl);
        if (rc == 0 && load_roadmap(&meta, mpath, REPO_MARKER, &dl) == 0)
                rc = model_check_refs(&l.m.office, &meta.m.meta, &dl);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        loaded_release(&l);
        loaded_release(&meta);
        free(mpath);
        return rc;
}

/* 'e': edit again; anything else: discard. */
static bool ask_again(void)
{
        char line[64];

        if (!isatty(STDIN_FILENO))
                return false;
        fputs("What now? (e)dit again, (d)iscard: ", stderr);
        fflush(stderr);
        if (!fgets(line, sizeof line, stdin))
                return false;
        return line[0] == 'e' || line[0] == 'E';
}

/* Keep the edited copy (a failed install must not lose it) and say where
 * it is. */
static void keep_copy(struct session *s, struct diag_list *dl)
{
        struct diag *d =
            diag_error(dl, s->where.display, 0, 0, "nothing was written");

        diag_hint(d, "your version is kept in '%s'", s->tmp);
        diag_summary(d);
        free(s->tmp);
        s->tmp = NULL;
}

/* Replace the file, still locked, with the edited copy, unless something
 * other than roadmap changed it meanwhile. */
static int install(struct session *s)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct strbuf now;
        int rc = EXIT_INVALID;

        strbuf_init(&now);
        if (regfile_read(s->where.path, s->where.display, YAMLDOC_MAX_SIZE,
                         &now, &dl) != 0) {
                keep_copy(s, &dl);
                goto out;
        }
        if (now.len != s->orig.len ||
            memcmp(now.buf, s->orig.buf, now.len) != 0) {
                diag_error(&dl, s->where.display, 0, 0,
                           "the file changed while you were editing");
                keep_copy(s, &dl);
                goto out;
        }
        if (lockfile_replace(&s->lk, s->edited.buf, s->edited.len, s->orig.buf,
                             s->orig.len, &dl) == 0)
                rc = EXIT_OK;
        else
                keep_copy(s, &dl);
out:
        cli_print_diags(&dl);
        diag_list_release(&dl);
        strbuf_release(&now);
        return rc;
}

/* Lock the office for the whole session and read it. */
static int begin(struct session *s)
{
        struct diag_list dl = DIAG_LIST_INIT;
        int rc = EXIT_OK;

        if (lockfile_hold(&s->lk, s->where.path, s->where.display, -1, &dl) !=
                0 ||
            regfile_read(s->where.path, s->where.display, YAMLDOC_MAX_SIZE,
                         &s->orig, &dl) != 0)
                rc = EXIT_INVALID;
        cli_print_diags(&dl);
        diag_list_release(&dl);
        return rc;
}

static int edit_loop(struct session *s)
{
        for (;;) {
                if (run_editor(s->tmp) != 0)
                        return EXIT_INVALID;
                strbuf_reset(&s->edited);
                if (strbuf_read_file(&s->edited, s->tmp, YAMLDOC_MAX_SIZE) !=
                    0) {
                        fprintf(stderr,
                                "roadmap edit: error: cannot read '%s': %s\n",
                                s->tmp, strerror(errno));
                        return EXIT_INVALID;
                }
                if (s->edited.len == s->orig.len &&
                    memcmp(s->edited.buf, s->orig.buf, s->orig.len) == 0) {
                        fprintf(stderr, "roadmap edit: no changes\n");
                        return EXIT_OK;
                }
                if (validate(s) == 0)
                        return install(s);
                if (!ask_again()) {
                        fprintf(stderr,
                                "roadmap edit: discarded; '%s' is "
                                "unchanged\n",
                                s->where.display);
                        return EXIT_INVALID;
                }
        }
}

int cmd_edit(int argc, char **argv)
{
        struct session s;
        int rc, n = opt_parse(&cmd_edit_syntax, argc, argv, NULL);

        if (n < 0)
                return opt_parse_exit(n);
        if (n != 1)
                return opt_usage_error(&cmd_edit_syntax, n < 1
                                                             ? "missing OFFICE"
                                                             : "too many "
                                                               "arguments");
        memset(&s, 0, sizeof(s));
        s.lk = (struct lockfile)LOCKFILE_INIT;
        strbuf_init(&s.orig);
        strbuf_init(&s.edited);
        rc = cmd_office_find("edit", argv[1], &s.where);
        if (rc == EXIT_OK)
                rc = begin(&s);
        if (rc == EXIT_OK)
                rc = make_copy(&s) == 0 ? edit_loop(&s) : EXIT_INVALID;
        if (s.tmp)
                unlink(s.tmp);
        free(s.tmp);
        strbuf_release(&s.orig);
        strbuf_release(&s.edited);
        lockfile_release(&s.lk);
        cmd_office_release(&s.where);
        return rc;
}
