/*
 * commands: the subcommand contract (as git's builtin.h).
 *
 * A command gets argv with argv[0] the command's name, parses its options
 * by its syntax (parseopt.h: the one table that also makes its --help and
 * its completion), prints its own output and diagnostics, and returns the
 * exit status: 0 ok, 1 data invalid or operation refused, 2 usage.  It
 * never exits; main() flushes and checks stdout after it returns.
 */
#ifndef ROADMAP_COMMANDS_H
#define ROADMAP_COMMANDS_H

#include <stdbool.h>

#include "roadmap/parseopt.h"

struct command {
        const char *name;
        int (*fn)(int argc, char **argv);
        const char *summary;
        const struct cmd_syntax *syntax;
        bool needs_repo; /* works in a roadmap repository (as git.c's
                            RUN_SETUP): completion offers its ids */
};

extern const struct cmd_syntax cmd_check_syntax;
extern const struct cmd_syntax cmd_init_syntax;
extern const struct cmd_syntax cmd_add_ministry_syntax;
extern const struct cmd_syntax cmd_add_office_syntax;
extern const struct cmd_syntax cmd_add_service_syntax;
extern const struct cmd_syntax cmd_plan_syntax;
extern const struct cmd_syntax cmd_approve_syntax;
extern const struct cmd_syntax cmd_workshop_syntax;
extern const struct cmd_syntax cmd_remove_service_syntax;
extern const struct cmd_syntax cmd_remove_workshop_syntax;
extern const struct cmd_syntax cmd_edit_syntax;
extern const struct cmd_syntax cmd_completion_syntax;
extern const struct cmd_syntax cmd_git_setup_syntax;
extern const struct cmd_syntax cmd_textconv_syntax;
extern const struct cmd_syntax cmd_merge_driver_syntax;
extern const struct cmd_syntax cmd_report_syntax;
extern const struct cmd_syntax cmd_show_syntax;
extern const struct cmd_syntax cmd_list_syntax;
extern const struct cmd_syntax cmd_rename_service_syntax;
extern const struct cmd_syntax cmd_set_service_syntax;
extern const struct cmd_syntax cmd_diff_syntax;
extern const struct cmd_syntax cmd_log_syntax;
extern const struct cmd_syntax cmd_dashboard_syntax;
extern const struct cmd_syntax cmd_import_syntax;

int cmd_check(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_add_ministry(int argc, char **argv);
int cmd_add_office(int argc, char **argv);
int cmd_add_service(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_approve(int argc, char **argv);
int cmd_workshop(int argc, char **argv);
int cmd_remove_service(int argc, char **argv);
int cmd_remove_workshop(int argc, char **argv);
int cmd_edit(int argc, char **argv);
int cmd_completion(int argc, char **argv);
int cmd_git_setup(int argc, char **argv);
int cmd_textconv(int argc, char **argv);
int cmd_merge_driver(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_show(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_rename_service(int argc, char **argv);
int cmd_set_service(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_log(int argc, char **argv);
int cmd_dashboard(int argc, char **argv);
int cmd_import(int argc, char **argv);

/* The table, ended by a NULL name (defined in main.c). */
extern const struct command roadmap_commands[];
/* The entry of roadmap_commands named name, or NULL. */
const struct command *roadmap_command_find(const char *name);

#endif
