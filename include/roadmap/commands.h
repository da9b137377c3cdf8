/*
 * commands: the subcommand contract (as git's builtin.h).
 *
 * A command gets argv with argv[0] the command's name, parses its own
 * options, prints its own output and diagnostics, and returns the exit
 * status: 0 ok, 1 data invalid or operation refused, 2 usage.  It never
 * exits; main() flushes and checks stdout after it returns.
 */
#ifndef ROADMAP_COMMANDS_H
#define ROADMAP_COMMANDS_H

struct command {
        const char *name;
        int (*fn)(int argc, char **argv);
        const char *summary;
};

int cmd_check(int argc, char **argv);
int cmd_init(int argc, char **argv);
int cmd_add_ministry(int argc, char **argv);
int cmd_add_office(int argc, char **argv);
int cmd_add_service(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_approve(int argc, char **argv);
int cmd_workshop(int argc, char **argv);
int cmd_edit(int argc, char **argv);
int cmd_completion(int argc, char **argv);
int cmd_git_setup(int argc, char **argv);
int cmd_textconv(int argc, char **argv);
int cmd_report(int argc, char **argv);

/* The table, ended by a NULL name (defined in main.c). */
extern const struct command roadmap_commands[];

#endif
