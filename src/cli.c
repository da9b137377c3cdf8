#include "roadmap/cli.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "roadmap/bangla.h"
#include "roadmap/repo.h"
#include "roadmap/strbuf.h"

void cli_print_usage(FILE *fp, const char *usage)
{
        const char *line = usage, *nl;
        bool first = true;

        for (; line && *line; line = nl ? nl + 1 : NULL) {
                nl = strchr(line, '\n');
                fprintf(fp, "%s%.*s\n", first ? "usage: " : "   or: ",
                        nl ? (int)(nl - line) : (int)strlen(line), line);
                first = false;
        }
}

const char *cli_escaped(const char *s)
{
        static struct strbuf slot[4] = {STRBUF_INIT, STRBUF_INIT, STRBUF_INIT,
                                        STRBUF_INIT};
        static unsigned next;
        struct strbuf *sb = &slot[next++ % 4];

        strbuf_reset(sb);
        strbuf_add_escaped(sb, s, strlen(s));
        return sb->buf;
}

static void vmessage(const char *cmd, const char *hint, const char *fmt,
                     va_list ap) __attribute__((format(printf, 3, 0)));

static void vmessage(const char *cmd, const char *hint, const char *fmt,
                     va_list ap)
{
        struct strbuf msg;

        strbuf_init(&msg);
        strbuf_vaddf(&msg, fmt, ap);
        fprintf(stderr, "roadmap%s%s: %s\n", cmd ? " " : "", cmd ? cmd : "",
                cli_escaped(msg.buf));
        if (hint)
                fprintf(stderr, "hint: %s\n", cli_escaped(hint));
        strbuf_release(&msg);
}

void cli_error(const char *cmd, const char *hint, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vmessage(cmd, hint, fmt, ap);
        va_end(ap);
}

int cli_usage_error(const char *cmd, const char *usage, const char *fmt, ...)
{
        va_list ap;

        va_start(ap, fmt);
        vmessage(cmd, NULL, fmt, ap);
        va_end(ap);
        cli_print_usage(stderr, usage);
        return EXIT_USAGE;
}

int cli_parse_number(const char *cmd, const char *opt, const char *value,
                     long *out)
{
        const char *why;

        if (bangla_parse_number(value, out, &why) == 0)
                return 0;
        cli_error(cmd, NULL, "invalid %s '%s': %s", opt, value, why);
        return -1;
}

/* "that is 2017-10-31, " where the date was not typed in ISO form, else
 * "": what a message about a typed date says it was read as. */
static const char *read_as(struct date dt, const char *value, char buf[32])
{
        char iso[11];

        date_format_iso(dt, iso);
        if (strcmp(iso, value) == 0)
                return "";
        snprintf(buf, 32, "that is %s, ", iso);
        return buf;
}

int cli_parse_date(const char *cmd, const char *opt, const char *value,
                   struct date *out)
{
        const char *why;
        struct date dt;
        char buf[32];

        if (bangla_parse_date(value, &dt, &why) != 0) {
                cli_error(cmd, NULL, "invalid %s '%s': %s", opt, value, why);
                return -1;
        }
        if (dt.y >= CLI_YEAR_MIN && dt.y <= CLI_YEAR_MAX) {
                *out = dt;
                return 0;
        }
        /* A Gregorian year in a Bangla date, or the reverse, lands about
         * 593 years off: a slip, never a date of the programme. */
        cli_error(cmd,
                  "is the year in the calendar of the month?  A Bangla year "
                  "is about 593 less than the Gregorian year",
                  "invalid %s '%s': %soutside the years %d to %d", opt, value,
                  read_as(dt, value, buf), CLI_YEAR_MIN, CLI_YEAR_MAX);
        return -1;
}

int cli_today(struct date *out)
{
        const char *why;
        const char *env;

        if (date_today(out, &why) == 0)
                return 0;
        env = getenv("ROADMAP_TODAY");
        if (!env || !*env) {
                cli_error(NULL, NULL, "error: %s", why);
                return -1;
        }
        cli_error(NULL,
                  "set it to a date as YYYY-MM-DD, or unset it to use the "
                  "clock",
                  "invalid ROADMAP_TODAY '%s': %s", env, why);
        return -1;
}

int cli_latest_date(struct date *out)
{
        struct date today;

        if (cli_today(&today) != 0)
                return -1;
        *out = date_from_days(date_to_days(today) + 1);
        return 0;
}

int cli_parse_past_date(const char *cmd, const char *opt, const char *value,
                        struct date *out)
{
        struct date dt, latest;
        char last[11], buf[32];

        if (cli_parse_date(cmd, opt, value, &dt) != 0 ||
            cli_latest_date(&latest) != 0)
                return -1;
        if (date_cmp(dt, latest) <= 0) {
                *out = dt;
                return 0;
        }
        date_format_iso(latest, last);
        cli_error(cmd, "record it once it has happened; is the year right?",
                  "invalid %s '%s': %slater than tomorrow (%s)", opt, value,
                  read_as(dt, value, buf), last);
        return -1;
}

void cli_print_diags(struct diag_list *dl)
{
        diag_sort(dl);
        diag_print(dl, stderr);
}

char *cli_repo_root(void)
{
        struct diag_list dl = DIAG_LIST_INIT;
        char *root = repo_find_root(".", &dl);

        cli_print_diags(&dl);
        diag_list_release(&dl);
        return root;
}

bool cli_use_colour(enum cli_colour when)
{
        const char *no = getenv("NO_COLOR"), *term = getenv("TERM");

        if (when != CLI_COLOUR_AUTO)
                return when == CLI_COLOUR_ALWAYS;
        if ((no && *no) || (term && strcmp(term, "dumb") == 0))
                return false;
        return isatty(STDOUT_FILENO) != 0;
}
