/*
 * roadmap git-setup --server [DIR]: guard a central bare repository with a
 * pre-receive hook that runs 'roadmap check --pre-receive' (see
 * check-push.c), so that no push leaves a ref whose roadmap fails the
 * check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "git-setup-internal.h"
#include "roadmap/cli.h"
#include "roadmap/xalloc.h"

static const char hook_head[] =
    "#!/bin/sh\n"
    "# roadmap pre-receive hook, " HOOK_MARKER " --server\n"
    "# (roadmap-git-setup(1)).  Refuses a push when the new tree of any ref\n"
    "# it updates fails 'roadmap check'; only the offices the push changes\n"
    "# are read.  The findings reach the pusher as \"remote:\" lines.\n"
    "# Delete this file to remove it.\n";

static const char hook_body[] =
    "if ! [ -f \"$roadmap\" ] || ! [ -x \"$roadmap\" ]; then\n"
    "\techo \"roadmap pre-receive: $roadmap, the roadmap that 'roadmap "
    "git-setup --server' recorded, is missing\" >&2\n"
    "\techo \"hint: install roadmap, then run 'roadmap git-setup --server' "
    "again in this repository\" >&2\n"
    "\texit 1\n"
    "fi\n"
    "exec \"$roadmap\" check --pre-receive\n";

static void hook_text(struct strbuf *hook, const char *bin)
{
        strbuf_addstr(hook, hook_head);
        strbuf_addstr(hook, "roadmap=");
        git_setup_sh_quote(hook, bin);
        strbuf_addstr(hook, "  # the binary that ran 'roadmap git-setup "
                            "--server'\n");
        strbuf_addstr(hook, hook_body);
}

/* dir is a bare git repository: 0, or -1 after adding why not. */
static int check_bare(const char *dir, struct diag_list *dl)
{
        static const char *const bare[] = {"rev-parse", "--is-bare-repository",
                                           NULL};
        struct strbuf answer = STRBUF_INIT;
        int rc = git_setup_run_git(dir, bare, &answer);

        if (rc == 127)
                diag_hint(diag_error(dl, dir, 0, 0, "cannot run git"),
                          "install git (Debian package git)");
        else if (rc != 0)
                diag_hint(diag_error(dl, dir, 0, 0, "not a git repository"),
                          "a central repository is made with 'git init "
                          "--bare DIR' or 'git clone --bare URL DIR'");
        else if (strcmp(answer.buf, "true") != 0)
                diag_hint(
                    diag_error(dl, dir, 0, 0, "not a bare git repository"),
                    "--server guards the bare repository that people "
                    "push to; in a desk's clone, run 'roadmap "
                    "git-setup' without --server");
        strbuf_release(&answer);
        return rc == 0 && dl->n == 0 ? 0 : -1;
}

static int setup_server(const char *dir, bool force, struct diag_list *dl)
{
        struct strbuf hook = STRBUF_INIT;
        char *bin = NULL;
        int rc = -1;

        if (check_bare(dir, dl) != 0)
                goto out;
        if (!(bin = git_setup_self_path(dl)))
                goto out;
        hook_text(&hook, bin);
        rc = git_setup_install_hook(dir, "pre-receive", hook.buf,
                                    "roadmap git-setup --server", force, dl);
        if (rc == 0)
                printf("pushes are checked by '%s check --pre-receive'\n", bin);
out:
        strbuf_release(&hook);
        free(bin);
        return rc;
}

int git_setup_server(const char *dir, bool force)
{
        struct diag_list dl = DIAG_LIST_INIT;
        int rc = setup_server(dir, force, &dl) == 0 ? EXIT_OK : EXIT_INVALID;

        cli_print_diags(&dl);
        diag_list_release(&dl);
        return rc;
}
