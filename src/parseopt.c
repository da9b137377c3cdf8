#include "roadmap/parseopt.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/model.h"
#include "roadmap/schema.h"
#include "roadmap/scan.h"
#include "roadmap/xalloc.h"
#include "roadmap/strbuf.h"

const char *opt_display(const struct opt *o)
{
        static char slot[4][64];
        static unsigned next;
        char *s = slot[next++ % 4];

        if (o->name)
                snprintf(s, 64, "--%s", o->name);
        else
                snprintf(s, 64, "-%c", o->short_name);
        return s;
}

/* ---- usage and help ------------------------------------------------------ */

static void add_option_usage(struct strbuf *sb, const struct opt *o)
{
        const char *arg =
            o->values && strchr(o->values, '|') ? o->values : o->arg;

        if (o->short_name)
                strbuf_addf(sb, "-%c", o->short_name);
        else
                strbuf_addf(sb, "--%s", o->name);
        if (arg)
                strbuf_addf(sb, " %s", arg);
}

/* "[--a A] --b B [--c C --d D] [--e E [--f F]]": an optional option's
 * bracket stays open for the joined and nested ones that follow it. */
static void add_options_usage(struct strbuf *sb, const struct opt *opts)
{
        const struct opt *o;
        bool open = false;

        for (o = opts; o->kind != OPT_END; o++) {
                bool inside = o->usage == OPT_JOINED || o->usage == OPT_NESTED;
                if (open && !inside) {
                        strbuf_addch(sb, ']');
                        open = false;
                }
                strbuf_addch(sb, ' ');
                if (o->usage == OPT_OPTIONAL || o->usage == OPT_NESTED)
                        strbuf_addch(sb, '[');
                add_option_usage(sb, o);
                if (o->usage == OPT_NESTED)
                        strbuf_addch(sb, ']');
                open |= o->usage == OPT_OPTIONAL;
        }
        if (open)
                strbuf_addch(sb, ']');
}

const char *opt_usage(const struct cmd_syntax *syn)
{
        static struct strbuf sb = STRBUF_INIT;
        bool last = syn->flags & PARSE_OPERANDS_LAST;

        if (syn->usage)
                return syn->usage;
        strbuf_reset(&sb);
        strbuf_addf(&sb, "roadmap %s", syn->name);
        if (!last && syn->operands && *syn->operands)
                strbuf_addf(&sb, " %s", syn->operands);
        add_options_usage(&sb, syn->opts);
        if (last && syn->operands && *syn->operands)
                strbuf_addf(&sb, " %s", syn->operands);
        return sb.buf;
}

static void print_option_help(const struct opt *o, int col)
{
        struct strbuf head;
        const char *h = o->help, *nl;

        strbuf_init(&head);
        strbuf_addstr(&head, "  ");
        if (o->short_name && o->name)
                strbuf_addf(&head, "-%c, ", o->short_name);
        strbuf_addstr(&head, opt_display(o));
        if (o->arg)
                strbuf_addf(&head, " %s", o->arg);
        for (; h && *h; h = nl ? nl + 1 : NULL) {
                nl = strchr(h, '\n');
                printf("%-*s%.*s\n", col, head.len ? head.buf : "",
                       nl ? (int)(nl - h) : (int)strlen(h), h);
                strbuf_reset(&head);
        }
        strbuf_release(&head);
}

void opt_print_help(const struct cmd_syntax *syn)
{
        const struct opt *o;
        bool any = syn->opts && syn->opts[0].kind != OPT_END;

        cli_print_usage(stdout, opt_usage(syn));
        if (syn->description)
                printf("\n%s", syn->description);
        if (any && syn->help_col > 0) {
                if (syn->description)
                        putchar('\n');
                for (o = syn->opts; o->kind != OPT_END; o++)
                        if (o->help)
                                print_option_help(o, syn->help_col);
        }
}

int opt_usage_error(const struct cmd_syntax *syn, const char *fmt, ...)
{
        struct strbuf msg;
        va_list ap;
        int rc;

        strbuf_init(&msg);
        va_start(ap, fmt);
        strbuf_vaddf(&msg, fmt, ap);
        va_end(ap);
        rc = cli_usage_error(syn->name, opt_usage(syn), "%s", msg.buf);
        strbuf_release(&msg);
        return rc;
}

int opt_parse_exit(int rc)
{
        return rc == PARSE_HELP ? EXIT_OK : EXIT_USAGE;
}

/* ---- finding an option -----------------------------------------------------
 */

/* The long option that the n bytes of name are or begin; *ambiguous when
 * they begin several and are none. An empty name ("--=x") is no option. */
static const struct opt *find_long(const struct opt *opts, const char *name,
                                   size_t n, bool *ambiguous)
{
        const struct opt *o, *found = NULL;
        int matches = 0;

        *ambiguous = false;
        if (n == 0)
                return NULL;
        for (o = opts; o->kind != OPT_END; o++) {
                if (!o->name || strncmp(o->name, name, n) != 0)
                        continue;
                if (o->name[n] == '\0')
                        return o;
                found = o;
                matches++;
        }
        *ambiguous = matches > 1;
        return matches == 1 ? found : NULL;
}

static const struct opt *find_short(const struct opt *opts, char c)
{
        const struct opt *o;

        for (o = opts; o->kind != OPT_END; o++)
                if (o->short_name && o->short_name == c)
                        return o;
        return NULL;
}

const struct opt *opt_find(const struct cmd_syntax *syn, const char *word)
{
        bool ambiguous;

        if (strncmp(word, "--", 2) == 0 && word[2])
                return find_long(syn->opts, word + 2, strcspn(word + 2, "="),
                                 &ambiguous);
        if (word[0] == '-' && word[1] && !word[2])
                return find_short(syn->opts, word[1]);
        return NULL;
}

static int ambiguous_error(const struct cmd_syntax *syn, const char *word,
                           size_t n)
{
        struct strbuf names;
        const struct opt *o;
        int rc;

        strbuf_init(&names);
        for (o = syn->opts; o->kind != OPT_END; o++)
                if (o->name && strncmp(o->name, word + 2, n) == 0)
                        strbuf_addf(&names, "%s--%s", names.len ? ", " : "",
                                    o->name);
        rc = opt_usage_error(syn, "option '%.*s' is ambiguous: %s", (int)n + 2,
                             word, names.buf);
        strbuf_release(&names);
        return rc;
}

/* ---- values ------------------------------------------------------------ */

/* A number of threads by the one rule (scan.h). */
static int jobs_value(const struct cmd_syntax *syn, const char *name,
                      const char *v, unsigned *jobs)
{
        const char *why = scan_jobs_parse(v, jobs);

        if (!why)
                return 0;
        opt_usage_error(syn, "invalid %s '%s': %s", name, v, why);
        return -1;
}

/* A number of 1 or more (a batch, a priority). */
static int positive_value(const struct cmd_syntax *syn, const char *name,
                          const char *v, long *out)
{
        long n;

        if (cli_parse_number(syn->name, name, v, &n) != 0)
                return -1;
        if (n < 1) {
                opt_usage_error(syn, "invalid %s '%s': 1 or more", name, v);
                return -1;
        }
        *out = n;
        return 0;
}

/* The names an OPT_ENUM's values word stands for: roadmap(5)'s enums. */
static const char *const *enum_names(const char *values, size_t *first,
                                     size_t *count)
{
        *first = 0;
        if (strcmp(values, "status") == 0) {
                *count = STATUS_COUNT;
                return schema_status_names;
        }
        if (strcmp(values, "recipients") == 0) {
                *first = RECIPIENTS_NONE + 1;
                *count = RECIPIENTS_COUNT;
                return schema_recipients_names;
        }
        *count = WORKSHOP_COUNT; /* "kind" */
        return schema_workshop_names;
}

int opt_choice_error(const struct cmd_syntax *syn, const char *what,
                     const char *value, const char *const *names, size_t n)
{
        struct strbuf all = STRBUF_INIT;
        const char *near = diag_did_you_mean(value, names, n);
        size_t i;

        for (i = 0; i < n; i++)
                strbuf_addf(&all, "%s%s", i ? ", " : "", names[i]);
        if (near)
                strbuf_addf(&all, "; did you mean '%s'?", near);
        opt_usage_error(syn, "invalid %s '%s': one of %s", what, value,
                        all.buf);
        strbuf_release(&all);
        return EXIT_USAGE;
}

/* One of an enum's names, stored as the schema spells it. */
static int enum_value(const struct cmd_syntax *syn, const struct opt *o,
                      const char *v, const char **out)
{
        size_t first, count;
        const char *const *names = enum_names(o->values, &first, &count);
        int k = schema_name_index(v, names, first, count);

        if (k >= 0) {
                *out = names[k];
                return 0;
        }
        opt_choice_error(syn, opt_display(o), v, names + first, count - first);
        return -1;
}

/* The index of v among the '|'-separated names of o->values. */
static int choice_value(const struct cmd_syntax *syn, const struct opt *o,
                        const char *v, int *out)
{
        char *copy = xstrdup(o->values), *p = copy;
        const char *names[16];
        size_t i, n = 0;
        int rc = -1;

        while (n < 16 && p) {
                names[n++] = p;
                if ((p = strchr(p, '|')))
                        *p++ = '\0';
        }
        for (i = 0; i < n && rc < 0; i++)
                if (strcmp(v, names[i]) == 0) {
                        *out = (int)i;
                        rc = 0;
                }
        if (rc < 0)
                opt_choice_error(syn, opt_display(o), v, names, n);
        free(copy);
        return rc;
}

int opt_jobs_default(const struct cmd_syntax *syn, unsigned *jobs)
{
        const char *why;

        if (*jobs)
                return 0;
        if (!(why = scan_jobs_default(jobs)))
                return 0;
        opt_usage_error(syn, "invalid %s '%s': %s", SCAN_JOBS_ENV,
                        getenv(SCAN_JOBS_ENV), why);
        return -1;
}

static int set_value(const struct cmd_syntax *syn, const struct opt *o,
                     const char *v, void *base)
{
        void *field = (char *)base + o->off;
        const char *cmd = syn->name, *name = opt_display(o);

        switch (o->kind) {
        case OPT_FLAG:
                *(bool *)field = true;
                return 0;
        case OPT_TEXT:
                if (cmd_check_text(cmd, name, &v) != 0)
                        return -1;
                *(const char **)field = v;
                return 0;
        case OPT_ID:
                if (cmd_check_id(cmd, name, v) != 0)
                        return -1;
                /* fall through */
        case OPT_STRING:
                *(const char **)field = v;
                return 0;
        case OPT_NUMBER:
                return cli_parse_number(cmd, name, v, field);
        case OPT_POSITIVE:
                return positive_value(syn, name, v, field);
        case OPT_ENUM:
                return enum_value(syn, o, v, field);
        case OPT_DATE:
                return cli_parse_date(cmd, name, v, field);
        case OPT_PAST_DATE:
                return cli_parse_past_date(cmd, name, v, field);
        case OPT_JOBS:
                return jobs_value(syn, name, v, field);
        case OPT_CHOICE:
                return choice_value(syn, o, v, field);
        case OPT_CALLBACK:
                return o->cb(syn, o, v, base);
        case OPT_END:
                break;
        }
        return -1;
}

/* ---- the loop ------------------------------------------------------------ */

struct parse {
        const struct cmd_syntax *syn;
        int argc, i;
        char **argv;
        void *base;
        unsigned long long seen; /* bit k: opts[k] was given */
};

/* Set o's value and remember that it was given.  A value given twice is
 * refused: the last would silently win.  A flag may be repeated, and a
 * callback that collects its values (report --office) says itself. */
static int set(struct parse *p, const struct opt *o, const char *value)
{
        size_t k = (size_t)(o - p->syn->opts);
        bool twice = k < 64 && (p->seen & (1ULL << k));

        if (twice && o->kind != OPT_FLAG && o->kind != OPT_CALLBACK) {
                opt_usage_error(p->syn, "%s is given more than once",
                                opt_display(o));
                return -1;
        }
        if (k < 64)
                p->seen |= 1ULL << k;
        return set_value(p->syn, o, value, p->base);
}

/* The value of the option at argv[p->i]: after '=' (eq) or the next word. */
static int take_value(struct parse *p, const struct opt *o, const char *eq,
                      const char *word)
{
        if (o->kind == OPT_FLAG) {
                if (eq)
                        return opt_usage_error(p->syn,
                                               "option '%.*s' takes no value",
                                               (int)(eq - word), word);
                return set(p, o, NULL) ? EXIT_USAGE : 0;
        }
        if (!eq && p->i + 1 >= p->argc)
                return opt_usage_error(p->syn, "option '%s' needs a value",
                                       word);
        return set(p, o, eq ? eq + 1 : p->argv[++p->i]) ? EXIT_USAGE : 0;
}

static int parse_long(struct parse *p, const char *word)
{
        const char *eq = strchr(word, '=');
        size_t n = eq ? (size_t)(eq - word - 2) : strlen(word + 2);
        bool ambiguous;
        const struct opt *o = find_long(p->syn->opts, word + 2, n, &ambiguous);

        if (ambiguous)
                return ambiguous_error(p->syn, word, n);
        if (!o)
                return opt_usage_error(p->syn, "unknown option '%s'", word);
        return take_value(p, o, eq, word);
}

/* "-q", "-qv" (flags), "-xVALUE" or "-x VALUE". */
static int parse_short(struct parse *p, const char *word)
{
        const char *c;
        const struct opt *o;
        char name[3] = "-?";

        for (c = word + 1; *c; c++) {
                o = find_short(p->syn->opts, *c);
                name[1] = *c;
                if (!o)
                        return opt_usage_error(p->syn, "unknown option '-%c'",
                                               *c);
                if (o->kind == OPT_FLAG) {
                        if (c[1] == '=')
                                return opt_usage_error(
                                    p->syn, "option '-%c' takes no value", *c);
                        if (set(p, o, NULL))
                                return EXIT_USAGE;
                        continue;
                }
                if (c[1])
                        return set(p, o, c + 1) ? EXIT_USAGE : 0;
                return take_value(p, o, NULL, name);
        }
        return 0;
}

static bool wants_help(const struct cmd_syntax *syn, int argc, char **argv)
{
        int i;

        for (i = 1; i < argc; i++) {
                if (strcmp(argv[i], "--") == 0 ||
                    ((syn->flags & PARSE_STOP_AT_OPERAND) && argv[i][0] != '-'))
                        return false;
                if (strcmp(argv[i], "--help") == 0 ||
                    strcmp(argv[i], "-h") == 0)
                        return true;
        }
        return false;
}

static int parse_all(struct parse *p)
{
        int n = 0;
        bool options = true;

        if (wants_help(p->syn, p->argc, p->argv)) {
                opt_print_help(p->syn);
                return PARSE_HELP;
        }
        for (; p->i < p->argc; p->i++) {
                char *w = p->argv[p->i];

                if (options && strcmp(w, "--") == 0) {
                        options = false;
                        continue;
                }
                if (!options || w[0] != '-' || !w[1]) {
                        p->argv[++n] = w;
                        options &= !(p->syn->flags & PARSE_STOP_AT_OPERAND);
                        continue;
                }
                if ((w[1] == '-' ? parse_long(p, w) : parse_short(p, w)) != 0)
                        return -1;
        }
        return n;
}

int opt_parse(const struct cmd_syntax *syn, int argc, char **argv, void *base)
{
        struct parse p = {syn, argc, 1, argv, base, 0};

        return parse_all(&p);
}

/* "missing OFFICE or SERVICE": the first min words of syn->operands. */
static int missing_operands(const struct cmd_syntax *syn, int min)
{
        struct strbuf sb = STRBUF_INIT;
        const char *w = syn->operands;
        int k;

        for (k = 0; k < min && *w; k++) {
                size_t len = strcspn(w, " ");

                strbuf_addf(&sb, "%s%.*s", k ? " or " : "", (int)len, w);
                w += len + strspn(w + len, " ");
        }
        opt_usage_error(syn, "missing %s", sb.buf);
        strbuf_release(&sb);
        return -1;
}

/* "--by and --date are required": every OPT_REQUIRED option, when one of
 * them was not given. */
static int missing_required(const struct parse *p)
{
        struct strbuf sb = STRBUF_INIT;
        const struct opt *o;
        size_t k, count = 0, seen = 0;

        for (o = p->syn->opts, k = 0; o->kind != OPT_END; o++, k++)
                if (o->usage == OPT_REQUIRED) {
                        count++;
                        seen += k < 64 && (p->seen >> k & 1);
                }
        if (seen == count)
                return 0;
        for (o = p->syn->opts, k = 0; o->kind != OPT_END; o++) {
                if (o->usage != OPT_REQUIRED)
                        continue;
                strbuf_addf(&sb, "%s--%s",
                            k == 0          ? ""
                            : k + 1 < count ? ", "
                                            : " and ",
                            o->name);
                k++;
        }
        opt_usage_error(p->syn, "%s %s required", sb.buf,
                        count == 1 ? "is" : "are");
        strbuf_release(&sb);
        return -1;
}

int opt_parse_args(const struct cmd_syntax *syn, int argc, char **argv,
                   void *base, int min, int max)
{
        struct parse p = {syn, argc, 1, argv, base, 0};
        int n = parse_all(&p);

        if (n < 0)
                return n;
        if (n < min)
                return missing_operands(syn, min);
        if (n > max)
                return opt_usage_error(syn, "too many arguments"), -1;
        if (missing_required(&p) != 0)
                return -1;
        return n;
}
