/*
 * import: a service inventory from CSV records -- the header row found,
 * its columns named by fields, each row's cells read as typed values.
 * See import.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <utf8proc.h>

#include "import-internal.h"
#include "roadmap/bangla.h"
#include "roadmap/cli.h" /* CLI_YEAR_MIN, CLI_YEAR_MAX: dates as typed */
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

struct ctx {
        struct import_sheet *s;
        const char *display;
        const struct import_opts *o;
        struct diag_list *dl;
        char **map_keys; /* the folded column of each --map */
        bool *map_used;
        size_t col[IMPORT_FIELD_COUNT]; /* each field's column index */
        size_t nerr;                    /* errors found */
};

void import_sheet_init(struct import_sheet *s)
{
        memset(s, 0, sizeof(*s));
        import_csv_init(&s->csv);
}

void import_sheet_release(struct import_sheet *s)
{
        free(s->ignored);
        free(s->rows);
        import_csv_release(&s->csv);
        import_sheet_init(s);
}

/* White space as a cell may hold it: ASCII blanks, line ends, no-break
 * space; its length at s, or 0. */
static size_t blank_at(const char *s, size_t n)
{
        if (n >= 1 && import_blank(s, 1))
                return 1;
        if (n >= 2 && import_blank(s, 2))
                return 2;
        return 0;
}

/* The cell's text with each run of white space one space, none at either
 * end, into sb. */
static void collapse(const struct import_cell *c, struct strbuf *sb)
{
        size_t i = 0, k;
        bool space = false;

        strbuf_reset(sb);
        while (i < c->len) {
                if ((k = blank_at(c->text + i, c->len - i)) > 0) {
                        space = sb->len > 0;
                        i += k;
                        continue;
                }
                if (space)
                        strbuf_addch(sb, ' ');
                space = false;
                strbuf_addch(sb, c->text[i++]);
        }
}

static struct diag *sheet_error(struct ctx *c, int line, int col,
                                const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* An error at line:col; past IMPORT_MAX_ERRORS only counted (NULL). */
static struct diag *sheet_error(struct ctx *c, int line, int col,
                                const char *fmt, ...)
{
        struct strbuf msg = STRBUF_INIT;
        struct diag *d;
        va_list ap;

        if (c->nerr++ >= IMPORT_MAX_ERRORS) {
                c->s->more_errors++;
                return NULL;
        }
        va_start(ap, fmt);
        strbuf_vaddf(&msg, fmt, ap);
        va_end(ap);
        d = diag_error(c->dl, c->display, line, col, "%s", msg.buf);
        strbuf_release(&msg);
        return d;
}

#define cell_error(c, at, ...)                                                 \
        sheet_error((c), (at)->line, (at)->col, __VA_ARGS__)

/* Whether s is '?' and nothing but punctuation and spaces: what Excel's
 * "CSV (Comma delimited)" makes of Bengali text. */
static bool question_marks(const char *s)
{
        utf8proc_int32_t cp;
        utf8proc_ssize_t k;
        bool q = false;

        for (; *s; s += k) {
                k = utf8proc_iterate((const utf8proc_uint8_t *)s, -1, &cp);
                if (k <= 0)
                        return false;
                q = q || cp == '?';
                switch (utf8proc_category(cp)) {
                case UTF8PROC_CATEGORY_LU:
                case UTF8PROC_CATEGORY_LL:
                case UTF8PROC_CATEGORY_LT:
                case UTF8PROC_CATEGORY_LM:
                case UTF8PROC_CATEGORY_LO:
                case UTF8PROC_CATEGORY_ND:
                case UTF8PROC_CATEGORY_MN:
                case UTF8PROC_CATEGORY_MC:
                        return false;
                default:
                        break;
                }
        }
        return q;
}

/* ---- the header --------------------------------------------------------- */

/* The field a --map gives the folded header key, or -1 (no --map names
 * it). */
static int mapped(struct ctx *c, const char *key)
{
        size_t m;

        for (m = 0; m < c->o->nmaps; m++)
                if (strcmp(c->map_keys[m], key) == 0) {
                        c->map_used[m] = true;
                        return (int)c->o->maps[m].field;
                }
        return -1;
}

/* Column j (from 0) as a spreadsheet names it: A ... Z, AA ... */
static void column_letters(size_t j, char out[8])
{
        char rev[8];
        size_t n = 0, k;

        do {
                rev[n++] = (char)('A' + j % 26);
                j = j / 26;
        } while (j-- > 0 && n < 7);
        for (k = 0; k < n; k++)
                out[k] = rev[n - 1 - k];
        out[n] = '\0';
}

/* Two columns give one field: where, and how to leave one out. */
static void two_columns(struct ctx *c, const struct import_cell *was, size_t wj,
                        const struct import_cell *h, size_t j, int f)
{
        char a[8], b[8];
        char *ka = import_fold(was->text, was->len, true);
        char *kb = import_fold(h->text, h->len, true);
        struct diag *d;

        column_letters(wj, a);
        column_letters(j, b);
        d = cell_error(c, h,
                       "columns %s ('%s', column %zu) and %s ('%s', column "
                       "%zu) both give the %s",
                       a, was->text, wj + 1, b, h->text, j + 1,
                       import_field_name((enum import_field)f));
        if (strcmp(ka, kb) == 0)
                diag_hint(d, "rename one of them in the sheet: --map names a "
                             "column by its header, which cannot tell these "
                             "apart");
        else
                diag_hint(d,
                          "leave one out with --map '%s=ignore', or read it "
                          "as another field with --map '%s=FIELD'",
                          h->text, h->text);
        free(ka);
        free(kb);
}

static void take_column(struct ctx *c, const struct import_cell *h, size_t j,
                        int f)
{
        struct import_sheet *s = c->s;

        if (f < 0) {
                s->ignored = xrealloc(s->ignored,
                                      (s->nignored + 1) * sizeof(*s->ignored));
                s->ignored[s->nignored++] = h;
                return;
        }
        if (f == IMPORT_IGNORE)
                return;
        if (s->column[f]) {
                two_columns(c, s->column[f], c->col[f], h, j, f);
                return;
        }
        s->column[f] = h;
        c->col[f] = j;
}

/* No name column: say what the header row holds (a title row above the
 * header is read as the header), and what may be wrong. */
static void no_name_column(struct ctx *c, const struct import_record *h)
{
        struct strbuf held = STRBUF_INIT;
        bool lost = false;
        struct diag *d;
        size_t j, n = 0;

        for (j = 0; j < h->ncells; j++) {
                if (!h->cells[j].len)
                        continue;
                lost = lost || question_marks(h->cells[j].text);
                if (n++ < 5)
                        strbuf_addf(&held, "%s'%s'", n > 1 ? ", " : "",
                                    h->cells[j].text);
        }
        if (n > 5)
                strbuf_addf(&held, " and %zu more", n - 5);
        d = cell_error(c, &h->cells[0],
                       "no column of service names in the header row, "
                       "which holds %s",
                       held.buf);
        if (lost)
                diag_hint(d, "its Bengali letters were lost: Excel's \"CSV "
                             "(Comma delimited)\" writes '?' for them; save "
                             "the sheet as \"CSV UTF-8 (Comma delimited)\"");
        else
                diag_hint(d,
                          "the header is the first row that is not empty: "
                          "remove any title rows above it; name the "
                          "column 'service name' or 'নাম' (roadmap-import(1) "
                          "lists the headers it knows), or give --map "
                          "'COLUMN=name'");
        strbuf_release(&held);
}

static void read_header(struct ctx *c, const struct import_record *h)
{
        struct import_sheet *s = c->s;
        size_t j, m;
        char *key;
        int f;

        s->header = h;
        for (j = 0; j < h->ncells; j++) {
                key = import_fold(h->cells[j].text, h->cells[j].len, true);
                if (*key) {
                        if ((f = mapped(c, key)) < 0)
                                f = import_header_field(key);
                        take_column(c, &h->cells[j], j, f);
                }
                free(key);
        }
        for (m = 0; m < c->o->nmaps; m++)
                if (!c->map_used[m])
                        diag_hint(
                            cell_error(c, &h->cells[0],
                                       "no column '%s' in the header "
                                       "row (--map '%s=%s')",
                                       c->o->maps[m].column,
                                       c->o->maps[m].column,
                                       import_field_name(c->o->maps[m].field)),
                            "--map names a column by its header, as "
                            "the first row of the sheet writes it");
        if (!s->column[IMPORT_NAME] && !s->column[IMPORT_NAME_BN])
                no_name_column(c, h);
}

/* ---- the cells of a row ------------------------------------------------- */

static void read_id(struct ctx *c, struct import_row *r, struct strbuf *sb)
{
        const struct import_cell *at = r->cell[IMPORT_ID];

        collapse(at, sb);
        if (!model_valid_id(sb->buf, sb->len)) {
                diag_hint(cell_error(c, at, "invalid id '%s'", sb->buf),
                          "an id is 1 to %d of a-z, 0-9 and '-', starting "
                          "with a letter or digit; leave the cell empty to "
                          "have one made from the name",
                          MODEL_ID_MAX);
                return;
        }
        r->id = arena_strdup(&c->s->csv.arena, sb->buf);
}

static const char *read_text(struct ctx *c, const struct import_cell *at,
                             const char *what, struct strbuf *sb)
{
        struct strbuf nfc = STRBUF_INIT;
        const char *out = NULL;
        long cp;

        collapse(at, sb);
        if (bangla_nfc(sb->buf, sb->len, &nfc) != 0)
                cell_error(c, at, "the %s is not valid UTF-8", what);
        else if ((cp = model_text_control(nfc.buf, nfc.len)) >= 0)
                cell_error(c, at, "the %s holds the control character U+%04lX",
                           what, (unsigned long)cp);
        else if (model_text_units(nfc.buf, nfc.len) > MODEL_TEXT_MAX)
                cell_error(c, at,
                           "the %s is too long: %zu characters, at most %d "
                           "(a spreadsheet cell's limit)",
                           what, model_text_units(nfc.buf, nfc.len),
                           MODEL_TEXT_MAX);
        else if (question_marks(nfc.buf))
                diag_hint(cell_error(c, at,
                                     "the %s '%s' is question marks: its "
                                     "letters were lost when the file was "
                                     "saved",
                                     what, nfc.buf),
                          "Excel's \"CSV (Comma delimited)\" writes '?' for "
                          "every Bengali letter: save the sheet as \"CSV "
                          "UTF-8 (Comma delimited)\" instead");
        else
                out = arena_strdup(&c->s->csv.arena, nfc.buf);
        strbuf_release(&nfc);
        return out;
}

/* Whether the comma-separated groups of digits are thousands: 1,500 and
 * 1,000,000, or the Indian grouping 12,34,567 (last group 3 digits, the
 * ones between 2, the first 1 or 2). */
static bool thousands(size_t first, size_t last, bool threes, bool twos)
{
        return first >= 1 && last == 3 &&
               ((first <= 3 && threes) || (first <= 2 && twos));
}

/* The number a sheet's cell writes, its digits as ASCII into sb: commas
 * only between thousands, a fraction only of zeros (Calc's number format
 * writes 1,500.00).  Any other character goes into sb as it is, for
 * bangla_parse_number() to refuse.  Returns 0, or -1 with *why. */
static int sheet_number(const char *s, size_t n, struct strbuf *sb,
                        const char **why)
{
        size_t i, len, first = 0, cur = 0, commas = 0;
        bool threes = true, twos = true, other = false, frac = false;
        int d;

        strbuf_reset(sb);
        for (i = 0; i < n; i += len) {
                len = 1;
                if (s[i] == '.' && !frac) {
                        frac = true;
                        if (i + 1 == n) {
                                *why = "not a number: no digit after the '.'";
                                return -1;
                        }
                } else if (s[i] == ',' && !frac) {
                        if (commas++ == 0)
                                first = cur;
                        threes = threes && (commas == 1 || cur == 3);
                        twos = twos && (commas == 1 || cur == 2);
                        cur = 0;
                } else if ((d = bangla_digit_at(s + i, n - i, &len)) < 0) {
                        strbuf_add(sb, s + i, len);
                        other = true;
                } else if (frac && d != 0) {
                        *why = "not a whole number";
                        return -1;
                } else if (!frac) {
                        strbuf_addch(sb, (char)('0' + d));
                        cur++;
                }
        }
        if (!other && commas && sb->len && sb->buf[0] == '0') {
                *why = "a decimal comma? a number with a comma between "
                       "thousands does not start with 0: write whole "
                       "numbers";
                return -1;
        }
        if (!other && commas && !thousands(first, cur, threes, twos)) {
                *why = "a comma only between thousands (1,500 or 1,00,000)";
                return -1;
        }
        return 0;
}

static void read_number(struct ctx *c, const struct import_row *r,
                        enum import_field f, long *out, struct strbuf *sb)
{
        const struct import_cell *at = r->cell[f];
        const char *why, *name = import_field_name(f);
        struct strbuf digits = STRBUF_INIT;
        long v;
        int rc;

        collapse(at, sb);
        rc = sheet_number(sb->buf, sb->len, &digits, &why);
        if (rc == 0)
                rc = bangla_parse_number(digits.buf, &v, &why);
        strbuf_release(&digits);
        if (rc != 0) {
                diag_hint(cell_error(c, at, "invalid %s '%s': %s", name,
                                     at->text, why),
                          "a whole number, in ASCII or Bengali digits");
                return;
        }
        if (f == IMPORT_PRIORITY && v < 1) {
                diag_hint(cell_error(c, at, "invalid priority '%s': 1 or more",
                                     at->text),
                          "1 is done first");
                return;
        }
        *out = v;
}

static void read_date(struct ctx *c, const struct import_row *r,
                      enum import_field f, struct date *out)
{
        const struct import_cell *at = r->cell[f];
        const char *why, *name = f == IMPORT_DUE ? "due date" : "status date";
        const struct date latest = c->o->latest;
        struct date d;
        char day[11];

        if (bangla_parse_date(at->text, &d, &why) != 0) {
                diag_hint(cell_error(c, at, "invalid %s '%s': %s", name,
                                     at->text, why),
                          "write dates as 2017-10-31 or ১৬ কার্তিক ১৪২৪; a "
                          "spreadsheet's date column: format it as "
                          "YYYY-MM-DD (or as text) before saving");
                return;
        }
        if (d.y < CLI_YEAR_MIN || d.y > CLI_YEAR_MAX) {
                diag_hint(cell_error(c, at,
                                     "invalid %s '%s': outside the years %d "
                                     "to %d",
                                     name, at->text, CLI_YEAR_MIN,
                                     CLI_YEAR_MAX),
                          "is the year in the calendar of the month?  A "
                          "Bangla year is about 593 less than the Gregorian "
                          "year");
                return;
        }
        if (f == IMPORT_STATUS_DATE && date_is_set(latest) &&
            date_cmp(d, latest) > 0) {
                date_format_iso(latest, day);
                diag_hint(cell_error(c, at,
                                     "invalid status date '%s': later than "
                                     "tomorrow (%s)",
                                     at->text, day),
                          "a status is recorded once it has happened; is the "
                          "year right?");
                return;
        }
        *out = d;
}

static void read_status(struct ctx *c, struct import_row *r)
{
        const struct import_cell *at = r->cell[IMPORT_STATUS];

        if (import_status_word(at->text, &r->status) == 0) {
                r->has_status = true;
                return;
        }
        diag_hint(cell_error(c, at, "unknown status '%s'", at->text),
                  "a status is planned, designing, developing, piloting, "
                  "live or dropped (পরিকল্পিত, ডিজাইন, উন্নয়ন, পাইলটিং, চালু, "
                  "বাতিল)");
}

static void read_recipients(struct ctx *c, struct import_row *r)
{
        const struct import_cell *at = r->cell[IMPORT_RECIPIENTS];

        if (import_recipients_word(at->text, &r->recipients) == 0)
                return;
        diag_hint(cell_error(c, at, "unknown recipients '%s'", at->text),
                  "recipients are citizen, business, government or "
                  "institution (নাগরিক, ব্যবসা, সরকারি, প্রতিষ্ঠান)");
}

static void read_cell(struct ctx *c, struct import_row *r, enum import_field f,
                      struct strbuf *sb)
{
        switch (f) {
        case IMPORT_ID:
                read_id(c, r, sb);
                break;
        case IMPORT_NAME:
                r->name = read_text(c, r->cell[f], "name", sb);
                break;
        case IMPORT_NAME_BN:
                r->name_bn = read_text(c, r->cell[f], "Bengali name", sb);
                break;
        case IMPORT_RECIPIENTS:
                read_recipients(c, r);
                break;
        case IMPORT_DAYS:
                read_number(c, r, f, &r->days, sb);
                break;
        case IMPORT_COST:
                read_number(c, r, f, &r->cost, sb);
                break;
        case IMPORT_VISITS:
                read_number(c, r, f, &r->visits, sb);
                break;
        case IMPORT_PRIORITY:
                read_number(c, r, f, &r->priority, sb);
                break;
        case IMPORT_DUE:
        case IMPORT_STATUS_DATE:
                read_date(c, r, f, f == IMPORT_DUE ? &r->due : &r->status_date);
                break;
        case IMPORT_STATUS:
                read_status(c, r);
                break;
        default:
                break;
        }
}

/* A row needs a name; a status date needs a status. */
static void check_row(struct ctx *c, const struct import_row *r)
{
        const struct import_cell *at = r->cell[IMPORT_NAME];

        if (!at)
                at = r->cell[IMPORT_NAME_BN];
        if (!r->given[IMPORT_NAME] && !r->given[IMPORT_NAME_BN]) {
                if (at)
                        diag_hint(cell_error(c, at, "a service with no name"),
                                  "give its name in English or in Bengali");
                else
                        diag_hint(sheet_error(c, r->line, r->col,
                                              "a service with no name"),
                                  "give its name in English or in Bengali");
        }
        if (r->given[IMPORT_STATUS_DATE] && !r->given[IMPORT_STATUS])
                diag_hint(cell_error(c, r->cell[IMPORT_STATUS_DATE],
                                     "a status date with no status"),
                          "give the status it dates, or leave it empty");
}

/* Read the record into r; false (nothing read) when no field's cell of
 * it is given: a row of a template, numbered but empty. */
static bool read_row(struct ctx *c, const struct import_record *rec,
                     struct import_row *r)
{
        struct strbuf sb = STRBUF_INIT;
        bool any = false;
        int f;

        memset(r, 0, sizeof(*r));
        r->line = rec->line;
        r->col = rec->cells[0].col;
        r->days = r->cost = r->visits = r->priority = -1;
        for (f = 0; f < IMPORT_FIELD_COUNT; f++) {
                if (!c->s->column[f] || c->col[f] >= rec->ncells)
                        continue;
                r->cell[f] = &rec->cells[c->col[f]];
                r->given[f] = r->cell[f]->len > 0; /* blank: "" */
                any = any || r->given[f];
        }
        if (!any)
                return false;
        for (f = 0; f < IMPORT_FIELD_COUNT; f++)
                if (r->given[f])
                        read_cell(c, r, (enum import_field)f, &sb);
        check_row(c, r);
        strbuf_release(&sb);
        return true;
}

/* ---- one service, one row ----------------------------------------------- */

struct key {
        char *key;
        size_t row;
};

static int key_cmp(const void *a, const void *b)
{
        const struct key *x = a, *y = b;
        int d = strcmp(x->key, y->key);

        if (d)
                return d;
        return x->row < y->row ? -1 : x->row > y->row;
}

/* Each id, name and Bengali name once (names as people read them: NFC,
 * without regard to case); a repeat is an error at its cell. */
static void check_unique(struct ctx *c, enum import_field f, const char *what)
{
        struct import_sheet *s = c->s;
        struct key *k = xcalloc(s->nrows ? s->nrows : 1, sizeof(*k));
        const char *v;
        size_t i, n = 0;

        for (i = 0; i < s->nrows; i++) {
                v = f == IMPORT_ID     ? s->rows[i].id
                    : f == IMPORT_NAME ? s->rows[i].name
                                       : s->rows[i].name_bn;
                if (v)
                        k[n++] =
                            (struct key){import_fold(v, strlen(v), false), i};
        }
        qsort(k, n, sizeof(*k), key_cmp);
        for (i = 1; i < n; i++)
                if (strcmp(k[i].key, k[i - 1].key) == 0)
                        diag_hint(cell_error(c, s->rows[k[i].row].cell[f],
                                             "the %s '%s' is also on line %d",
                                             what,
                                             s->rows[k[i].row].cell[f]->text,
                                             s->rows[k[i - 1].row].line),
                                  "each service is one row: merge the two, or "
                                  "tell them apart");
        for (i = 0; i < n; i++)
                free(k[i].key);
        free(k);
}

static void read_rows(struct ctx *c, size_t from)
{
        struct import_sheet *s = c->s;
        const struct import_csv *csv = &s->csv;
        size_t i;

        s->rows = xcalloc(csv->nrecords ? csv->nrecords : 1, sizeof(*s->rows));
        for (i = from; i < csv->nrecords; i++) {
                if (read_row(c, &csv->records[i], &s->rows[s->nrows])) {
                        s->nrows++;
                } else if (!s->nskipped++) {
                        s->skipped_line = csv->records[i].line;
                        s->skipped_col = csv->records[i].cells[0].col;
                }
        }
        check_unique(c, IMPORT_ID, "id");
        check_unique(c, IMPORT_NAME, "name");
        check_unique(c, IMPORT_NAME_BN, "Bengali name");
}

static int read_sheet(struct ctx *c)
{
        const struct import_csv *csv = &c->s->csv;
        size_t h = 0;

        if (h == csv->nrecords) {
                diag_hint(sheet_error(c, 1, 1,
                                      "no header row: the file holds no "
                                      "cells"),
                          "the first row names the columns: 'service name', "
                          "'days', ...");
                return -1;
        }
        read_header(c, &csv->records[h]);
        if (c->nerr)
                return -1;
        read_rows(c, h + 1);
        return c->nerr ? -1 : 0;
}

int import_sheet_parse(struct import_sheet *s, const char *buf, size_t len,
                       const char *display, const struct import_opts *o,
                       struct diag_list *dl)
{
        struct ctx c = {.s = s, .display = display, .o = o, .dl = dl};
        size_t m;
        int rc = -1;

        if (import_csv_parse(&s->csv, buf, len, display, dl) != 0)
                return -1;
        c.map_keys = xcalloc(o->nmaps + 1, sizeof(*c.map_keys));
        c.map_used = xcalloc(o->nmaps + 1, sizeof(*c.map_used));
        for (m = 0; m < o->nmaps; m++)
                c.map_keys[m] = import_fold(o->maps[m].column,
                                            strlen(o->maps[m].column), true);
        rc = read_sheet(&c);
        for (m = 0; m < o->nmaps; m++)
                free(c.map_keys[m]);
        free(c.map_keys);
        free(c.map_used);
        return rc;
}

/* The bytes of path ("-": standard input) into sb: any file that can be
 * read (a link followed, a FIFO such as <(cat f)), at most
 * IMPORT_MAX_SIZE bytes, counted as they are read.  0, or -1 with why. */
static int read_file(const char *path, const char *display, struct strbuf *sb,
                     struct diag_list *dl)
{
        bool in = strcmp(path, "-") == 0;
        int fd = in ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
        struct stat st;
        int rc = -1;

        if (fd < 0) {
                diag_error(dl, display, 0, 0, "cannot read: %s",
                           strerror(errno));
                return -1;
        }
        if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
                diag_error(dl, display, 0, 0, "is a directory");
        else if ((rc = strbuf_read_fd(sb, fd, IMPORT_MAX_SIZE)) != 0 &&
                 errno == EFBIG)
                diag_hint(diag_error(dl, display, 1, 1,
                                     "larger than %u MiB: not a service "
                                     "inventory",
                                     IMPORT_MAX_SIZE >> 20),
                          "is it the sheet you meant?");
        else if (rc != 0)
                diag_error(dl, display, 0, 0, "cannot read: %s",
                           strerror(errno));
        if (!in)
                close(fd);
        return rc;
}

int import_sheet_read(struct import_sheet *s, const char *path,
                      const char *display, const struct import_opts *o,
                      struct diag_list *dl)
{
        struct strbuf sb = STRBUF_INIT;
        int rc = read_file(path, display, &sb, dl);

        if (rc == 0)
                rc = import_sheet_parse(s, sb.buf, sb.len, display, o, dl);
        strbuf_release(&sb);
        return rc;
}
