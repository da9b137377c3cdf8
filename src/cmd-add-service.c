/*
 * roadmap add-service OFFICE --name N [--id ID] ...: add a service to an
 * office's inventory.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/cli.h"
#include "roadmap/cmdutil.h"
#include "roadmap/commands.h"
#include "roadmap/xalloc.h"

static const char usage[] =
    "roadmap add-service OFFICE --name N [--id ID] [--name-bn N] "
    "[--recipients R] [--days D --cost C --visits V]";
static const char description[] =
    "Add a service to the office's inventory.  Without --id, the id is made\n"
    "from the English name (a-z, 0-9 and '-'; a taken id gets -2, -3...).\n"
    "The new id is printed.\n"
    "\n"
    "  --name N        the service's name in English (required)\n"
    "  --id ID         the service id\n"
    "  --name-bn N     the name in Bengali\n"
    "  --recipients R  citizen, business, government or institution\n"
    "  --days D        days a citizen spends today\n"
    "  --cost C        taka a citizen spends today\n"
    "  --visits V      office visits a citizen makes today\n";

struct opts {
        const char *office, *name, *id, *name_bn, *recipients;
        long days, cost, visits;
};

static const struct option longopts[] = {
    {"name", required_argument, NULL, 'n'},
    {"id", required_argument, NULL, 'i'},
    {"name-bn", required_argument, NULL, 'b'},
    {"recipients", required_argument, NULL, 'r'},
    {"days", required_argument, NULL, 'd'},
    {"cost", required_argument, NULL, 'c'},
    {"visits", required_argument, NULL, 'v'},
    {NULL, 0, NULL, 0}};

static int parse(int argc, char **argv, struct opts *o)
{
        enum recipients r;
        int c;

        memset(o, 0, sizeof(*o));
        o->days = o->cost = o->visits = -1;
        optind = 0;
        opterr = 0;
        while ((c = cmd_getopt("add-service", usage, argc, argv, longopts)) !=
               -1) {
                const char *a = optarg;
                if ((c == 'n' && cmd_check_text("add-service", "--name", &a)) ||
                    (c == 'i' && cmd_check_id("add-service", "--id", a)) ||
                    (c == 'b' &&
                     cmd_check_text("add-service", "--name-bn", &a)) ||
                    (c == 'd' &&
                     cli_parse_number("add-service", "--days", a, &o->days)) ||
                    (c == 'c' &&
                     cli_parse_number("add-service", "--cost", a, &o->cost)) ||
                    (c == 'v' && cli_parse_number("add-service", "--visits", a,
                                                  &o->visits)) ||
                    c == '?' || c == 'h')
                        return -1;
                if (c == 'r' && recipients_parse(a, &r) != 0) {
                        cli_usage_error("add-service", usage,
                                        "invalid --recipients '%s': one of "
                                        "citizen, business, government, "
                                        "institution",
                                        a);
                        return -1;
                }
                if (c == 'n')
                        o->name = a;
                else if (c == 'i')
                        o->id = a;
                else if (c == 'b')
                        o->name_bn = a;
                else if (c == 'r')
                        o->recipients = a;
        }
        if (optind + 1 != argc) {
                cli_usage_error("add-service", usage,
                                optind >= argc ? "missing OFFICE"
                                               : "too many arguments");
                return -1;
        }
        o->office = argv[optind];
        if (!o->name) {
                cli_usage_error("add-service", usage, "--name is required");
                return -1;
        }
        return 0;
}

/* An id from an English name: lowercase letters and digits, every other
 * run of characters one '-', at most MODEL_ID_MAX - suffix bytes. */
static char *slug(const char *name, size_t max)
{
        char *s = xmalloc(strlen(name) + 1);
        size_t n = 0;
        const char *p;

        for (p = name; *p; p++) {
                char c = *p;
                if (c >= 'A' && c <= 'Z')
                        c = (char)(c - 'A' + 'a');
                if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
                        s[n++] = c;
                else if (n > 0 && s[n - 1] != '-')
                        s[n++] = '-';
        }
        if (n > max)
                n = max;
        while (n > 0 && s[n - 1] == '-')
                n--;
        s[n] = '\0';
        return s;
}

/* The first free id made from name, or NULL. */
static char *new_id(const struct office *off, const char *name)
{
        char *base = slug(name, MODEL_ID_MAX), *id;
        int k;

        if (!*base) {
                free(base);
                return NULL;
        }
        if (!model_find_service(off, base))
                return base;
        for (k = 2;; k++) {
                char suffix[16];
                char *b;
                snprintf(suffix, sizeof suffix, "-%d", k);
                b = slug(base, MODEL_ID_MAX - strlen(suffix));
                id = xasprintf("%s%s", b, suffix);
                free(b);
                if (!model_find_service(off, id))
                        break;
                free(id);
        }
        free(base);
        return id;
}

static struct yval *service_val(struct edit *e, const struct opts *o,
                                const char *id)
{
        struct yval *m = yval_map(e, false), *tcv;

        yval_put(m, "id", yval_str(e, id));
        yval_put(m, "name", yval_str(e, o->name));
        if (o->name_bn)
                yval_put(m, "name_bn", yval_str(e, o->name_bn));
        if (o->recipients)
                yval_put(m, "recipients", yval_str(e, o->recipients));
        tcv = cmd_tcv(e, o->days, o->cost, o->visits);
        if (tcv)
                yval_put(m, "tcv", tcv);
        return m;
}

static int add(struct edit_txn *t, const void *arg)
{
        const struct opts *o = arg;
        const struct office *off = &t->before.m.office;
        struct diag_list dl = DIAG_LIST_INIT;
        char *id;
        int rc;

        if (o->id && model_find_service(off, o->id)) {
                fprintf(stderr,
                        "%s: error: service '%s' already exists in office "
                        "'%s'\n",
                        t->display, o->id, off->id);
                return EXIT_INVALID;
        }
        id = o->id ? xstrdup(o->id) : new_id(off, o->name);
        if (!id) {
                fprintf(stderr,
                        "roadmap add-service: cannot make an id from the name "
                        "'%s'\nhint: give one with --id\n",
                        o->name);
                return EXIT_USAGE;
        }
        rc = edit_append(&t->edit, t->before.doc.root, "services",
                         service_val(&t->edit, o, id), cmd_order_office_file,
                         &dl);
        cli_print_diags(&dl);
        diag_list_release(&dl);
        if (rc == 0)
                rc = cmd_txn_commit(t);
        else
                rc = EXIT_INVALID;
        if (rc == EXIT_OK)
                printf("%s\n", id);
        free(id);
        return rc;
}

int cmd_add_service(int argc, char **argv)
{
        struct opts o;

        if (cli_wants_help(argc, argv, usage, description))
                return EXIT_OK;
        if (parse(argc, argv, &o) != 0)
                return EXIT_USAGE;
        return cmd_edit_office("add-service", o.office, add, &o);
}
