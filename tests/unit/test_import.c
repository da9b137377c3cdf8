/* Unit tests of the CSV reader and the inventory reader of import. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/import.h"
#include "roadmap/strbuf.h"

/* A cell's text and where it starts. */
static void assert_cell(const struct import_csv *c, size_t rec, size_t cell,
                        const char *text, int line, int col)
{
        const struct import_cell *x;

        assert_true(rec < c->nrecords);
        assert_true(cell < c->records[rec].ncells);
        x = &c->records[rec].cells[cell];
        assert_string_equal(x->text, text);
        assert_int_equal(x->len, strlen(text));
        if (x->line != line || x->col != col)
                fail_msg("cell '%s' at %d:%d, expected %d:%d", text, x->line,
                         x->col, line, col);
}

static void parse_ok(struct import_csv *c, const char *s, size_t len)
{
        struct diag_list dl = DIAG_LIST_INIT;

        import_csv_init(c);
        if (import_csv_parse(c, s, len, "t.csv", &dl) != 0)
                fail_msg("did not parse: %s", dl.n ? dl.items[0].msg : "?");
        assert_int_equal(dl.n, 0);
        diag_list_release(&dl);
}

/* The first problem of a refused input, as "line:col: msg". */
static void assert_refused(const char *s, size_t len, int line, int col,
                           const char *msg)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct import_csv c;

        import_csv_init(&c);
        assert_int_equal(import_csv_parse(&c, s, len, "t.csv", &dl), -1);
        assert_true(dl.n >= 1);
        if (dl.items[0].line != line || dl.items[0].col != col ||
            !strstr(dl.items[0].msg, msg))
                fail_msg("got %d:%d: %s; expected %d:%d: ...%s...",
                         dl.items[0].line, dl.items[0].col, dl.items[0].msg,
                         line, col, msg);
        diag_list_release(&dl);
        import_csv_release(&c);
}

static void test_lf(void **state)
{
        static const char s[] = "a,b,c\n1,,3\n";
        struct import_csv c;

        (void)state;
        parse_ok(&c, s, sizeof s - 1);
        assert_int_equal(c.nrecords, 2);
        assert_cell(&c, 0, 2, "c", 1, 5);
        assert_cell(&c, 1, 1, "", 2, 3);
        assert_cell(&c, 1, 2, "3", 2, 4);
        assert_int_equal(c.records[1].line, 2);
        import_csv_release(&c);
}

/* A quoted cell over lines: the cells after it are on its last line, and
 * the next record's lines count them. */
static void test_multiline_crlf(void **state)
{
        static const char s[] = "\xEF\xBB\xBFname,days\r\n"
                                "\"Building\r\nplan\napproval\",30\r\n"
                                "\r\n"
                                "  \"x \"\"y\"\"\",  7\r\n"
                                "z";
        struct import_csv c;

        (void)state;
        parse_ok(&c, s, sizeof s - 1);
        assert_int_equal(c.nrecords, 4);
        assert_cell(&c, 0, 0, "name", 1, 1); /* the BOM is not a column */
        assert_cell(&c, 1, 0, "Building\r\nplan\napproval", 2, 1);
        assert_cell(&c, 1, 1, "30", 4, 11);
        assert_int_equal(c.records[1].line, 2);
        /* line 5 is empty; blanks before a cell are not its start */
        assert_cell(&c, 2, 0, "x \"y\"", 6, 3);
        assert_cell(&c, 2, 1, "7", 6, 15);
        assert_cell(&c, 3, 0, "z", 7, 1); /* no line end at the end */
        import_csv_release(&c);
}

/* Columns count characters, not bytes; a lone CR ends a line. */
static void test_columns_in_characters(void **state)
{
        static const char s[] = "নাম,x\rদিন,\"y\"";
        struct import_csv c;

        (void)state;
        parse_ok(&c, s, sizeof s - 1);
        assert_cell(&c, 0, 1, "x", 1, 5);
        assert_cell(&c, 1, 0, "দিন", 2, 1);
        assert_cell(&c, 1, 1, "y", 2, 5);
        import_csv_release(&c);
}

static void test_refused(void **state)
{
        (void)state;
        assert_refused("a,b\nc,\xC3(\n", 9, 2, 3, "not UTF-8");
        assert_refused("a,b\nনা\0,x\n", 14, 2, 3, "NUL");
        assert_refused("a,b\n\"c\nd,e\n", 11, 2, 1, "never closed");
        assert_refused("a,b\nab\"c,d\n", 11, 2, 3, "a quote inside");
        assert_refused("a,b\n\"ab\"c,d\n", 12, 2, 5, "after the closing");
        /* a BOM is not a character of the first line */
        assert_refused("\xEF\xBB\xBFname\xFF\n", 9, 1, 5, "not UTF-8");
}

/* Blank cells at the end of a record are dropped, and a record of blank
 * cells with them; blank cells inside are "" at their place. */
static void test_trailing_blanks(void **state)
{
        static const char s[] = "a,b,,\n,,\n1, , ,\n";
        struct import_csv c;

        (void)state;
        parse_ok(&c, s, sizeof s - 1);
        assert_int_equal(c.nrecords, 2);
        assert_int_equal(c.records[0].ncells, 2);
        assert_int_equal(c.records[1].ncells, 1);
        assert_int_equal(c.records[1].line, 3);
        assert_int_equal(c.ncells, 3);
        import_csv_release(&c);
        parse_ok(&c, "x,,\" \",y\n", 9);
        assert_cell(&c, 0, 1, "", 1, 3);
        assert_cell(&c, 0, 2, "", 1, 4); /* blank: not copied */
        assert_cell(&c, 0, 3, "y", 1, 8);
        import_csv_release(&c);
}

/* A limit passed is reported where it is passed, naming it. */
static void test_limits(void **state)
{
        struct strbuf sb = STRBUF_INIT;
        int i;

        (void)state;
        strbuf_addstr(&sb, "name\n");
        for (i = 0; i < 299; i++)
                strbuf_addch(&sb, ',');
        strbuf_addstr(&sb, "x\n");
        assert_refused(sb.buf, sb.len, 2, 300, "a row holds at most 256 cells");
        strbuf_reset(&sb);
        for (i = 0; i < 400; i++) /* empty cells at the end do not count */
                strbuf_addstr(&sb, i ? "," : "x");
        strbuf_addstr(&sb, "\ny\n");
        {
                struct import_csv c;
                parse_ok(&c, sb.buf, sb.len);
                assert_int_equal(c.records[0].ncells, 1);
                import_csv_release(&c);
        }
        strbuf_reset(&sb);
        for (i = 0; i < IMPORT_MAX_ROWS + 1; i++)
                strbuf_addstr(&sb, i == IMPORT_MAX_ROWS ? "  z\n" : "a\n");
        assert_refused(sb.buf, sb.len, IMPORT_MAX_ROWS + 1, 3,
                       "a file holds at most 100000 rows");
        strbuf_reset(&sb);
        for (i = 0; i < 4001; i++) /* 250 cells a row: row 4,001 passes */
                strbuf_addstr(&sb, "a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,"
                                   "a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,"
                                   "a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,"
                                   "a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,"
                                   "a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,"
                                   "a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,"
                                   "a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,"
                                   "a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,"
                                   "a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,"
                                   "a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,"
                                   "a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,"
                                   "a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,a,"
                                   "a,a,a,a,a,a,a,a,a,a\n");
        assert_refused(sb.buf, sb.len, 4001, 1,
                       "a file holds at most 1000000 cells");
        strbuf_release(&sb);
}

static int read_sheet(struct import_sheet *s, const char *text,
                      const struct import_opts *o, struct diag_list *dl)
{
        import_sheet_init(s);
        return import_sheet_parse(s, text, strlen(text), "t.csv", o, dl);
}

static void test_sheet(void **state)
{
        static const char text[] =
            "\n,,\nক্রমিক,নাম,Service Name,সময় (দিন),COST (Tk.),Priority,"
            "অবস্থা,Status date\n"
            "1,জন্ম নিবন্ধন,\"Birth\n  registration\",৭,\"1,500\",১,ডিজাইন,"
            "১ মাঘ ১৪২৪\n"
            ",,,,,,,\n"
            "2,,Water connection\n";
        struct import_opts o = {NULL, 0, {2026, 11, 29}};
        struct diag_list dl = DIAG_LIST_INIT;
        struct import_sheet s;
        const struct import_row *r;

        (void)state;
        assert_int_equal(read_sheet(&s, text, &o, &dl), 0);
        assert_int_equal(s.header->line, 3);
        assert_int_equal(s.nignored, 1);
        assert_string_equal(s.ignored[0]->text, "ক্রমিক");
        assert_int_equal(s.nrows, 2);
        r = &s.rows[0];
        assert_string_equal(r->name, "Birth registration");
        assert_string_equal(r->name_bn, "জন্ম নিবন্ধন");
        assert_int_equal(r->days, 7);
        assert_int_equal(r->cost, 1500);
        assert_int_equal(r->priority, 1);
        assert_int_equal(r->visits, -1);
        assert_true(r->has_status);
        assert_int_equal(r->status, STATUS_DESIGNING);
        assert_int_equal(r->status_date.y, 2018);
        assert_int_equal(r->status_date.m, 1);
        assert_int_equal(r->status_date.d, 14);
        assert_int_equal(r->cell[IMPORT_STATUS]->line, 5);
        r = &s.rows[1];
        assert_int_equal(r->line, 7);
        assert_null(r->name_bn);
        assert_null(r->cell[IMPORT_DAYS]); /* a short row */
        assert_false(r->has_status);
        import_sheet_release(&s);
        diag_list_release(&dl);
}

/* Every bad cell is reported, at its position. */
static void test_sheet_errors(void **state)
{
        static const char text[] = "name,days,due,status,priority\n"
                                   "A,x,2019-02-30,live,0\n"
                                   "B,3,,someday,\n"
                                   "a,4,,,\n";
        static const struct import_map maps[] = {{"DAYS", IMPORT_COST}};
        struct import_opts o = {NULL, 0, {0, 0, 0}};
        struct diag_list dl = DIAG_LIST_INIT;
        struct import_sheet s;
        static const int want[][2] = {{2, 3}, {2, 5}, {2, 21}, {3, 6}, {4, 1}};
        size_t i;

        (void)state;
        assert_int_equal(read_sheet(&s, text, &o, &dl), -1);
        diag_sort(&dl);
        assert_int_equal(dl.n, 5);
        for (i = 0; i < 5; i++) {
                assert_int_equal(dl.items[i].line, want[i][0]);
                assert_int_equal(dl.items[i].col, want[i][1]);
        }
        assert_non_null(strstr(dl.items[4].msg, "also on line 2"));
        import_sheet_release(&s);
        diag_list_release(&dl);
        /* --map wins over the header words */
        o.maps = maps;
        o.nmaps = 1;
        assert_int_equal(read_sheet(&s, "name,days\nA,5\n", &o, &dl), 0);
        assert_int_equal(s.rows[0].cost, 5);
        assert_int_equal(s.rows[0].days, -1);
        import_sheet_release(&s);
        diag_list_release(&dl);
}

static void test_fields(void **state)
{
        enum import_field f;

        (void)state;
        assert_int_equal(import_field_parse("status-date", &f), 0);
        assert_int_equal(f, IMPORT_STATUS_DATE);
        assert_int_equal(import_field_parse("ignore", &f), 0);
        assert_int_equal(f, IMPORT_IGNORE);
        assert_int_equal(import_field_parse("nme", &f), -1);
        assert_string_equal(import_field_name(IMPORT_NAME_BN), "name_bn");
}

/* Commas only between thousands, Western or Indian, in either digit set;
 * a fraction only of zeros. */
static void test_numbers(void **state)
{
        static const struct {
                const char *cell;
                long v;          /* -1: refused */
                const char *why; /* ... saying so */
        } t[] = {
            {"1,500", 1500, NULL},
            {"1,00,000", 100000, NULL},
            {"12,34,567", 1234567, NULL},
            {"1,000,000", 1000000, NULL},
            {"\xE0\xA7\xA7,\xE0\xA7\xA6\xE0\xA7\xA6\xE0\xA7\xA6", 1000,
             NULL}, /* ১,০০০ */
            {"1,500.00", 1500, NULL},
            {" 42 ", 42, NULL},
            {"1,5", -1, "between thousands"},
            {",1", -1, "between thousands"},
            {"1,", -1, "between thousands"},
            {"1,,000", -1, "between thousands"},
            {"1,0000", -1, "between thousands"},
            {"1234,567", -1, "between thousands"},
            {"1,00,00,000,000", -1, "between thousands"},
            {"0,500", -1, "decimal comma"},
            {"00,500", -1, "decimal comma"},
            {"\xE0\xA7\xA6,\xE0\xA7\xAB\xE0\xA7\xA6\xE0\xA7\xA6", -1,
             "decimal comma"}, /* ০,৫০০ */
            {"0", 0, NULL},
            {"1,500.50", -1, "not a whole number"},
            {"7.5", -1, "not a whole number"},
            {"7.", -1, "no digit after"},
            {"1,5a", -1, "only the digits"},
            {"1.2.0", -1, "not a whole number"},
        };
        struct import_opts o = {NULL, 0, {0, 0, 0}};
        struct diag_list dl = DIAG_LIST_INIT;
        struct import_sheet s;
        char text[100];
        size_t i;
        int rc;

        (void)state;
        for (i = 0; i < sizeof t / sizeof t[0]; i++) {
                snprintf(text, sizeof text, "name,cost\nA,\"%s\"\n", t[i].cell);
                rc = read_sheet(&s, text, &o, &dl);
                if (t[i].v >= 0 && (rc != 0 || s.rows[0].cost != t[i].v))
                        fail_msg("'%s': %ld, expected %ld", t[i].cell,
                                 rc ? -1 : s.rows[0].cost, t[i].v);
                if (t[i].v < 0 &&
                    (rc == 0 || !strstr(dl.items[0].msg, t[i].why)))
                        fail_msg("'%s': %s, expected ...%s", t[i].cell,
                                 rc ? dl.items[0].msg : "accepted", t[i].why);
                import_sheet_release(&s);
                diag_list_release(&dl);
        }
}

/* Names are one name as the model finds a name used twice
 * (model_name_key()): case and the form of য় (precomposed or not) aside;
 * the digit set and a ZWNJ make another name. */
static void test_name_key(void **state)
{
        static const char *const same[][2] = {
            {"Form 1", "FORM 1"},
            {"\xE0\xA7\x9F", "\xE0\xA6\xAF\xE0\xA6\xBC"}, /* য় */
        };
        static const char *const other[][2] = {
            {"Form 1", "Form 2"},
            {"Form \xE0\xA7\xA7", "Form 1"},         /* ১ */
            {"\xE0\xA6\xB0\xE2\x80\x8C\xE0\xA7\x8D", /* র ZWNJ ্ */
             "\xE0\xA6\xB0\xE0\xA7\x8D"},
        };
        char *a, *b;
        size_t i;

        (void)state;
        for (i = 0; i < sizeof same / sizeof same[0]; i++) {
                a = import_name_key(same[i][0]);
                b = import_name_key(same[i][1]);
                assert_string_equal(a, b);
                free(a);
                free(b);
        }
        for (i = 0; i < sizeof other / sizeof other[0]; i++) {
                a = import_name_key(other[i][0]);
                b = import_name_key(other[i][1]);
                assert_string_not_equal(a, b);
                free(a);
                free(b);
        }
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_lf),
            cmocka_unit_test(test_multiline_crlf),
            cmocka_unit_test(test_columns_in_characters),
            cmocka_unit_test(test_refused),
            cmocka_unit_test(test_trailing_blanks),
            cmocka_unit_test(test_limits),
            cmocka_unit_test(test_sheet),
            cmocka_unit_test(test_sheet_errors),
            cmocka_unit_test(test_fields),
            cmocka_unit_test(test_name_key),
            cmocka_unit_test(test_numbers),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
