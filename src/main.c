/*
 * main: global options, the command table, dispatch, and the final check
 * that everything written to stdout reached it.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "roadmap/cli.h"
#include "roadmap/commands.h"
#include "roadmap/diag.h"
#include "roadmap/version.h"

static int cmd_help(int argc, char **argv);

static const struct opt no_options[] = {OPT_END_OF_TABLE};

static const struct cmd_syntax help_syntax = {
    .name = "help",
    .operands = "[COMMAND]",
    .opts = no_options,
    .description =
        "Show the manual page roadmap-COMMAND(1) at a terminal (the command's\n"
        "--help text elsewhere, or when man is missing).\n",
};

/* name, function, summary, syntax, needs a repository */
const struct command roadmap_commands[] = {
    {"init", cmd_init, "create a roadmap repository", &cmd_init_syntax, false},
    {"add-ministry", cmd_add_ministry, "add a ministry or division",
     &cmd_add_ministry_syntax, true},
    {"add-office", cmd_add_office, "create an office file",
     &cmd_add_office_syntax, true},
    {"add-service", cmd_add_service, "add a service to an office",
     &cmd_add_service_syntax, true},
    {"plan", cmd_plan, "make a service an e-service or record progress",
     &cmd_plan_syntax, true},
    {"import", cmd_import, "add an office's services from a spreadsheet (CSV)",
     &cmd_import_syntax, true},
    {"rename-service", cmd_rename_service, "change a service's id",
     &cmd_rename_service_syntax, true},
    {"set-service", cmd_set_service, "correct a service's names or TCV",
     &cmd_set_service_syntax, true},
    {"approve", cmd_approve, "record the office head's approval",
     &cmd_approve_syntax, true},
    {"workshop", cmd_workshop, "record workshop attendance",
     &cmd_workshop_syntax, true},
    {"remove-service", cmd_remove_service, "remove a service from an office",
     &cmd_remove_service_syntax, true},
    {"remove-workshop", cmd_remove_workshop,
     "remove a workshop entry of an office", &cmd_remove_workshop_syntax, true},
    {"edit", cmd_edit, "edit an office file in $VISUAL or $EDITOR",
     &cmd_edit_syntax, true},
    {"check", cmd_check, "validate the repository or the named offices",
     &cmd_check_syntax, true},
    {"report", cmd_report,
     "aggregate the repository into csv, tsv, json, a table or xlsx",
     &cmd_report_syntax, true},
    {"dashboard", cmd_dashboard,
     "write the meeting's dashboard as one HTML page", &cmd_dashboard_syntax,
     true},
    {"show", cmd_show, "show an office or a service as a person reads it",
     &cmd_show_syntax, true},
    {"diff", cmd_diff, "show what changed between two versions, per office",
     &cmd_diff_syntax, true},
    {"log", cmd_log, "show who changed an office or a service, and what",
     &cmd_log_syntax, true},
    {"list", cmd_list, "list office, service or ministry ids and names",
     &cmd_list_syntax, true},
    {"help", cmd_help, "show help for a command", &help_syntax, false},
    {"completion", cmd_completion, "print a bash or zsh completion script",
     &cmd_completion_syntax, false},
    {"git-setup", cmd_git_setup,
     "install the git pre-commit hook and diff driver", &cmd_git_setup_syntax,
     true},
    {"textconv", cmd_textconv,
     "show an office file one fact per line (for git diff)",
     &cmd_textconv_syntax, false},
    {"merge-driver", cmd_merge_driver,
     "merge two versions of an office file (for git merge)",
     &cmd_merge_driver_syntax, false},
    {NULL, NULL, NULL, NULL, false},
};

static const char main_usage[] =
    "roadmap [-C DIR] [--help] [--version] COMMAND [ARGS...]";

const struct command *roadmap_command_find(const char *name)
{
        const struct command *c;

        for (c = roadmap_commands; c->name; c++)
                if (strcmp(c->name, name) == 0)
                        return c;
        return NULL;
}

static void print_main_help(FILE *fp)
{
        const struct command *c;

        cli_print_usage(fp, main_usage);
        fputs("\nKeep an office's e-Service Roadmap (ই-সার্ভিস রোডম্যাপ) in a "
              "git repository.\n\nCommands:\n",
              fp);
        for (c = roadmap_commands; c->name; c++)
                fprintf(fp, "  %-14s %s\n", c->name, c->summary);
        fputs("\nOptions:\n"
              "  -C DIR         run as if started in DIR\n"
              "  --help         show this help\n"
              "  --version      show the version\n"
              "\nSee 'roadmap help COMMAND' or roadmap(1).\n",
              fp);
}

/*
 * Show the manual page when a person reads at a terminal and man has the
 * page ("roadmap help plan" is "man roadmap-plan"); returns -1 when it did
 * not, so the caller prints the --help text instead.
 */
static int show_man_page(const char *command)
{
        char page[80];
        char *check[] = {"man", "-w", page, NULL};
        char *show[] = {"man", page, NULL};
        char **argvs[] = {check, show};
        int i, status;
        pid_t pid;

        if (!isatty(STDOUT_FILENO))
                return -1;
        snprintf(page, sizeof(page), "roadmap-%s", command);
        for (i = 0; i < 2; i++) {
                fflush(stdout);
                pid = fork();
                if (pid < 0)
                        return -1;
                if (pid == 0) {
                        if (i == 0 && (!freopen("/dev/null", "w", stdout) ||
                                       !freopen("/dev/null", "w", stderr)))
                                _exit(127);
                        execvp("man", argvs[i]);
                        _exit(127);
                }
                if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
                    WEXITSTATUS(status) != 0)
                        return -1;
        }
        return 0;
}

static int cmd_help(int argc, char **argv)
{
        const struct command *c;
        char *args[] = {NULL, "--help", NULL};
        int n = opt_parse_args(&help_syntax, argc, argv, NULL, 0, 1);

        if (n < 0)
                return opt_parse_exit(n);
        if (n == 0) {
                print_main_help(stdout);
                return EXIT_OK;
        }
        c = roadmap_command_find(argv[1]);
        if (!c) {
                cli_error(NULL, NULL, "'%s' is not a roadmap command", argv[1]);
                return EXIT_USAGE;
        }
        if (show_man_page(c->name) == 0)
                return EXIT_OK;
        args[0] = (char *)c->name;
        return c->fn(2, args);
}

static int unknown_command(const char *name)
{
        const char *names[64];
        const struct command *c;
        const char *near;
        char hint[80];
        size_t n = 0;

        for (c = roadmap_commands; c->name && n < 64; c++)
                names[n++] = c->name;
        near = diag_did_you_mean(name, names, n);
        if (near)
                snprintf(hint, sizeof(hint), "did you mean '%s'?", near);
        cli_error(NULL, near ? hint : NULL,
                  "'%s' is not a roadmap command; see 'roadmap --help'", name);
        return EXIT_USAGE;
}

/* The command's output must have reached stdout: a full disk is an error. */
static int finish_stdout(int status)
{
        if (fflush(stdout) != 0 || ferror(stdout)) {
                cli_error(NULL, NULL, "error: cannot write output: %s",
                          strerror(errno ? errno : EIO));
                return EXIT_INVALID;
        }
        return status;
}

int main(int argc, char **argv)
{
        int i = 1;
        const struct command *c;

        while (i < argc && argv[i][0] == '-') {
                const char *a = argv[i];

                if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
                        print_main_help(stdout);
                        return finish_stdout(EXIT_OK);
                } else if (strcmp(a, "--version") == 0) {
                        printf("roadmap %s\n", ROADMAP_VERSION);
                        return finish_stdout(EXIT_OK);
                } else if (strncmp(a, "-C", 2) == 0) {
                        const char *dir = a[2] ? a + 2 : argv[++i];
                        if (!dir) {
                                cli_error(NULL, NULL, "-C needs a directory");
                                return EXIT_USAGE;
                        }
                        if (*dir && chdir(dir) != 0) {
                                cli_error(NULL, NULL,
                                          "error: cannot change to '%s': %s",
                                          dir, strerror(errno));
                                return EXIT_USAGE;
                        }
                        i++;
                } else if (strcmp(a, "--") == 0) {
                        i++;
                        break;
                } else {
                        return cli_usage_error(NULL, main_usage,
                                               "unknown option '%s'", a);
                }
        }
        if (i >= argc) {
                print_main_help(stderr);
                return EXIT_USAGE;
        }
        c = roadmap_command_find(argv[i]);
        if (!c)
                return unknown_command(argv[i]);
        return finish_stdout(c->fn(argc - i, argv + i));
}
