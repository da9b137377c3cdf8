/*
 * parseopt: one declarative option table per command (as git's
 * parse-options.h) drives its parsing, its --help text and usage line, and
 * shell completion.
 *
 * The parser is our own portable loop (no getopt, no optind): options may
 * come anywhere before "--" (after operands too, "check OFFICE -q"), as
 * "--name=value" or "--name value", short flags as "-q".  A long option may
 * be abbreviated to any prefix that names one option only ("--prio" for
 * --priority); an exact name wins over a longer one it begins ("--name"
 * beside --name-bn); an ambiguous prefix or an unknown option is a usage
 * error.  "--help" and "-h", written in full before "--", print the help.
 *
 * Like cli.h, this prints (usage errors to stderr, help to stdout) and is
 * for command files only.  Tables are static and never freed; the values
 * they name live in the caller's options struct (base).
 */
#ifndef ROADMAP_PARSEOPT_H
#define ROADMAP_PARSEOPT_H

#include <stdbool.h>
#include <stddef.h>

struct cmd_syntax;
struct opt;

enum opt_kind {
        OPT_END,    /* ends a table */
        OPT_FLAG,   /* bool, set to true; takes no value */
        OPT_STRING, /* const char *, the value as typed */
        OPT_TEXT,   /* const char *, cmd_check_text(): NFC, no controls */
        OPT_ID,     /* const char *, cmd_check_id() */
        /* The numbers the model takes, so that a value it would refuse is
         * a usage error naming the option, before anything is written: */
        OPT_NUMBER,    /* long, 0 to MODEL_INT_MAX: cli_parse_number() */
        OPT_POSITIVE,  /* long, 1 to MODEL_INT_MAX ("1 or more") */
        OPT_ENUM,      /* const char *, one of the names of roadmap(5)'s enum
                          that values names ("status", "recipients", "kind"),
                          as the schema spells it */
        OPT_DATE,      /* struct date, cli_parse_date() */
        OPT_PAST_DATE, /* struct date, cli_parse_past_date() */
        OPT_JOBS,     /* unsigned, threads: scan_jobs_parse(); 0 unless given */
        OPT_CHOICE,   /* int, the index of the value in values'
                         "a|b|c" (a wrong one: opt_choice_error()) */
        OPT_CALLBACK, /* cb() does it all */
};

/* How an option is written in the usage line. */
enum opt_usage {
        OPT_OPTIONAL = 0, /* "[--due DATE]", its bracket open to the next */
        OPT_REQUIRED,     /* "--name N" */
        OPT_JOINED,       /* inside the previous option's bracket */
        OPT_NESTED,       /* "[--date DATE]" inside the previous bracket */
};

/* Print a usage error (opt_usage_error()) and return nonzero, or 0. */
typedef int (*opt_cb)(const struct cmd_syntax *syn, const struct opt *o,
                      const char *value, void *base);

struct opt {
        const char *name; /* the long name without "--", or NULL */
        char short_name;  /* 'q' for -q, or 0 */
        enum opt_kind kind;
        size_t off;       /* of the value in the options struct */
        const char *arg;  /* the value's name in --help ("DATE"), or NULL */
        const char *help; /* the text in --help; '\n' starts a new line */
        opt_cb cb;        /* OPT_CALLBACK only */
        /* What completes the value: "csv|tsv|json|table" (also written in
         * the usage line in place of arg), or "office", "ministry",
         * "status", "status-or-none" (the statuses and "none"),
         * "recipients", "kind"; NULL: by arg ("DATE", "DIR"). */
        const char *values;
        enum opt_usage usage;
};

#define OPT_END_OF_TABLE                                                       \
        {                                                                      \
                NULL, 0, OPT_END, 0, NULL, NULL, NULL, NULL, 0                 \
        }

/* -q, --quiet of a writing command: no line saying what changed. */
/* The options of commands that print for a person and for scripts alike
 * (OPT_CHOICE: int fields): --color's index is an enum cli_colour, and
 * --calendar's an enum out_calendar; --digits is 1 for bengali. */
#define OPT_COLOR(off)                                                         \
        {                                                                      \
                "color", 0, OPT_CHOICE, (off), "WHEN",                         \
                    "colour: auto (at a terminal, unless NO_COLOR is\nset), "  \
                    "always or never",                                         \
                    NULL, "auto|never|always", OPT_OPTIONAL                    \
        }
#define OPT_CALENDAR(off)                                                      \
        {                                                                      \
                "calendar", 0, OPT_CHOICE, (off), "C",                         \
                    "dates as gregorian (ISO) or bangla", NULL,                \
                    "gregorian|bangla", OPT_OPTIONAL                           \
        }
#define OPT_DIGITS(off)                                                        \
        {                                                                      \
                "digits", 0, OPT_CHOICE, (off), "D",                           \
                    "numbers and dates in latin or bengali", NULL,             \
                    "latin|bengali", OPT_OPTIONAL                              \
        }

#define OPT_QUIET(off)                                                         \
        {                                                                      \
                "quiet", 'q', OPT_FLAG, (off), NULL,                           \
                    "do not say what changed (warnings are still given)",      \
                    NULL, NULL, OPT_OPTIONAL                                   \
        }

enum {
        PARSE_STOP_AT_OPERAND = 1, /* options only before the first operand */
        PARSE_OPERANDS_LAST = 2,   /* usage: "[-q] [OFFICE...]" */
};

struct cmd_syntax {
        const char *name;     /* "plan" */
        const char *operands; /* "OFFICE SERVICE", "[OFFICE...]", or "" */
        const struct opt *opts;
        const char *usage; /* NULL: made from operands and opts */
        /* The text between the usage and the options block, or NULL. */
        const char *description;
        int help_col; /* where the options' texts start in --help */
        unsigned flags;
};

#define PARSE_HELP (-2)

/*
 * Parse argv (argv[0] the command) into base by syn->opts.  The operands
 * are moved to argv[1..n] in their order.  Returns n, or PARSE_HELP after
 * printing --help to stdout, or -1 after printing a usage error.
 */
int opt_parse(const struct cmd_syntax *syn, int argc, char **argv, void *base);
/*
 * opt_parse(), then the rules every command states the same way: from min
 * to max operands ("missing OFFICE or SERVICE" names the first min words of
 * syn->operands; "too many arguments"), and every OPT_REQUIRED option
 * given ("--by and --date are required" names them all).  Returns the
 * number of operands, or as opt_parse().
 */
int opt_parse_args(const struct cmd_syntax *syn, int argc, char **argv,
                   void *base, int min, int max);
/* The number of threads when no OPT_JOBS option set *jobs (0): $ROADMAP_JOBS
 * or the number of CPUs, by the one jobs rule (scan.h).  Returns 0, or -1
 * after a usage error naming ROADMAP_JOBS. */
int opt_jobs_default(const struct cmd_syntax *syn, unsigned *jobs);
/* The exit status for opt_parse()'s negative results. */
int opt_parse_exit(int rc);

/* The option that word ("--prio", "-q", "--format=csv") names: exact, or
 * the one long name it is a prefix of.  NULL if none or ambiguous. */
const struct opt *opt_find(const struct cmd_syntax *syn, const char *word);

/* The usage line(s), without "usage: ", as cli_print_usage() takes them.
 * Borrowed: valid until the next call. */
const char *opt_usage(const struct cmd_syntax *syn);
/* The whole --help text to stdout. */
void opt_print_help(const struct cmd_syntax *syn);
/* "roadmap CMD: msg" and the usage to stderr; returns EXIT_USAGE. */
int opt_usage_error(const struct cmd_syntax *syn, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* "invalid WHAT 'value': one of a, b, c; did you mean 'b'?" (the hint
 * when one of names[0..n) is near) as opt_usage_error(); returns
 * EXIT_USAGE. */
int opt_choice_error(const struct cmd_syntax *syn, const char *what,
                     const char *value, const char *const *names, size_t n);
/* The "--name" (or "-q") of an option, for messages. */
const char *opt_display(const struct opt *o);

#endif
