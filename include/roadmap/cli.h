/*
 * cli: what every command file shares: usage and help output, option
 * values (numbers and dates as officers type them), and finding the
 * repository.
 *
 * These functions print (to stderr for errors, stdout for help); they are
 * for command files only, never for library modules.
 */
#ifndef ROADMAP_CLI_H
#define ROADMAP_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "roadmap/date.h"
#include "roadmap/diag.h"

#define EXIT_OK 0
#define EXIT_INVALID 1
#define EXIT_USAGE 2
#define EXIT_PARTIAL 3 /* a report that left out offices (--keep-going) */

/* Print "usage: ..." (usage may hold several lines) to fp. */
void cli_print_usage(FILE *fp, const char *usage);
/* s with control characters escaped as diagnostics escape them (\x1b),
 * for echoing what the user typed.  The string is borrowed and stays valid
 * until the fourth call after this one. */
const char *cli_escaped(const char *s);
/* "roadmap CMD: msg" ("roadmap: msg" when cmd is NULL) and "hint: hint"
 * when hint is not NULL, both escaped, to stderr: a message that is about
 * no file (those go through a diag_list and cli_print_diags()). */
void cli_error(const char *cmd, const char *hint, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* cli_error() without a hint, then the usage; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Option values; on error print "roadmap CMD: invalid OPT 'v': why" and
 * return -1 (callers return EXIT_USAGE).  A date must fall in the years
 * CLI_YEAR_MIN..CLI_YEAR_MAX (Gregorian): outside them it is a slip of
 * calendar, a Bangla year in a Gregorian date or the reverse. */
#define CLI_YEAR_MIN 1900
#define CLI_YEAR_MAX 2100
int cli_parse_number(const char *cmd, const char *opt, const char *value,
                     long *out);
int cli_parse_date(const char *cmd, const char *opt, const char *value,
                   struct date *out);
/* The date of something that has happened (a status, an approval, a
 * submission, a workshop): cli_parse_date(), and not later than
 * cli_latest_date(), else "roadmap CMD: invalid OPT 'v': later than
 * tomorrow (D)" and a hint. */
int cli_parse_past_date(const char *cmd, const char *opt, const char *value,
                        struct date *out);
/* The latest date that something that has happened may bear: tomorrow, so
 * that a server on UTC and a desk in Dhaka, six hours ahead, agree.
 * Returns 0, or -1 after cli_today() printed why. */
int cli_latest_date(struct date *out);

/* Today (date_today()); an invalid $ROADMAP_TODAY prints "roadmap: invalid
 * ROADMAP_TODAY 'v': why" and returns -1 (callers return EXIT_USAGE). */
int cli_today(struct date *out);

/* The repository root (absolute, caller frees) or NULL after printing an
 * error. */
char *cli_repo_root(void);

/* Whether standard output gets colours: always, never, or (auto) at a
 * terminal unless NO_COLOR is set and not empty or TERM is "dumb". */
enum cli_colour { CLI_COLOUR_AUTO, CLI_COLOUR_NEVER, CLI_COLOUR_ALWAYS };
bool cli_use_colour(enum cli_colour when);

/* Print every diagnostic of dl to stderr, sorted. */
void cli_print_diags(struct diag_list *dl);

#endif
