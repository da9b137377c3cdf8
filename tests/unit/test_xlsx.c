/*
 * Unit tests of xlsx: a workbook of report sheets is made, copied out and
 * its temporary files removed; what cannot be written is an error.  (The
 * cells themselves are read back by tests/cli/test-xlsx.sh with openpyxl.)
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "roadmap/xlsx.h"
#include "unit_util.h"

static const struct out_column cols[] = {{"id", OUT_TEXT},
                                         {"count", OUT_INT},
                                         {"planned", OUT_BOOL},
                                         {"due", OUT_DATE}};
#define NCOLS (sizeof(cols) / sizeof(cols[0]))
static const struct out_style cells = {.format = OUT_CELLS};

static void add_row(struct out *o, const char *key,
                    const struct out_cell row[NCOLS])
{
        struct strbuf sb = STRBUF_INIT;

        out_render_row(&cells, cols, NCOLS, row, &sb);
        assert_int_equal(out_add(o, key, strlen(key), sb.buf, sb.len, 1), 0);
        strbuf_release(&sb);
}

static void fill(struct out *o)
{
        const struct out_cell rows[3][NCOLS] = {
            {out_text("0042"), out_int(-7), out_bool(true),
             out_date((struct date){2017, 10, 31})},
            {out_text("=SUM(A1) \xe0\xa6\x85 _x0041_ \x01\r"), out_null(),
             out_bool(false), out_date((struct date){1899, 1, 1})},
            {out_textn("a\0b", 3), out_int(1LL << 40), out_null(), out_null()},
        };

        out_init(o, &cells, cols, NCOLS);
        add_row(o, "a", rows[0]);
        add_row(o, "b", rows[1]);
        add_row(o, "c", rows[2]);
}

/* A private $TMPDIR, so that leftovers can be counted. */
static void private_tmpdir(struct unit_dir *d)
{
        unit_dir_make(d, "xlsx");
        assert_int_equal(setenv("TMPDIR", d->root, 1), 0);
}

static void test_book_written_and_cleaned_up(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct unit_dir d;
        struct out o;
        struct xlsx *x;
        const struct xlsx_pair pairs[] = {
            {"title", OUT_TEXT, out_text("\xe0\xa6\x85")},
            {NULL, OUT_TEXT, out_null()},
            {"as of", OUT_DATE, out_date((struct date){2025, 6, 30})},
        };
        char *path, *bytes;
        FILE *fp;

        (void)state;
        private_tmpdir(&d);
        fill(&o);
        x = xlsx_new(NULL, &dl);
        assert_non_null(x);
        assert_int_equal(xlsx_add_pairs(x, "cover", pairs, 3, &dl), 0);
        assert_int_equal(
            xlsx_add_report(x, "services", "a title", &o, OUT_GREGORIAN, &dl),
            0);
        assert_int_equal(
            xlsx_add_report(x, "bangla", "a title", &o, OUT_BANGLA, &dl), 0);
        path = xasprintf("%s/book.xlsx", d.root);
        fp = fopen(path, "wb");
        assert_non_null(fp);
        assert_int_equal(xlsx_finish(x, fp, &dl), 0);
        assert_int_equal(fclose(fp), 0);
        xlsx_free(x);
        assert_int_equal(dl.n, 0);
        bytes = read_all(path);
        assert_memory_equal(bytes, "PK\x03\x04", 4);
        free(bytes);
        /* only the copy is left: no temporary file of ours or the library's */
        assert_int_equal(count_entries(d.root), 1);
        out_release(&o);
        free(path);
        unit_dir_remove(&d);
}

static void test_duplicate_sheet_refused(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct unit_dir d;
        struct out o;
        struct xlsx *x;

        (void)state;
        private_tmpdir(&d);
        fill(&o);
        x = xlsx_new(NULL, &dl);
        assert_non_null(x);
        assert_int_equal(xlsx_add_report(x, "s", "t", &o, OUT_GREGORIAN, &dl),
                         0);
        assert_int_equal(xlsx_add_report(x, "s", "t", &o, OUT_GREGORIAN, &dl),
                         -1);
        assert_int_equal(dl.n, 1);
        assert_non_null(strstr(dl.items[0].msg, "'s'"));
        xlsx_free(x);
        assert_int_equal(count_entries(d.root), 0);
        out_release(&o);
        diag_list_release(&dl);
        unit_dir_remove(&d);
}

static const struct out_column named_cols[] = {{"ministry", OUT_TEXT},
                                               {"office", OUT_TEXT},
                                               {"service", OUT_TEXT},
                                               {"name", OUT_TEXT}};

/* The error of a sheet whose one row has text as its last cell: "" if
 * the workbook takes it.  The caller frees. */
static char *text_error(const struct out_column *cs, const char *text)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct strbuf sb = STRBUF_INIT;
        struct out_cell row[4] = {out_text("lgd"), out_null(),
                                  out_text("trade-licence"), out_text(text)};
        struct out o;
        struct xlsx *x;
        char *msg;
        int rc;

        out_init(&o, &cells, cs, 4);
        out_render_row(&cells, cs, 4, row, &sb);
        assert_int_equal(out_add(&o, "a", 1, sb.buf, sb.len, 1), 0);
        x = xlsx_new(NULL, &dl);
        assert_non_null(x);
        rc = xlsx_add_report(x, "s", "t", &o, OUT_GREGORIAN, &dl);
        assert_int_equal(rc == 0, dl.n == 0);
        msg = xstrdup(dl.n ? dl.items[0].msg : "");
        xlsx_free(x);
        out_release(&o);
        strbuf_release(&sb);
        diag_list_release(&dl);
        return msg;
}

/* n copies of s. */
static char *repeat(const char *s, size_t n)
{
        struct strbuf sb = STRBUF_INIT;

        while (n--)
                strbuf_addstr(&sb, s);
        return strbuf_detach(&sb, NULL);
}

static void expect_text_error(const struct out_column *cs, const char *unit,
                              size_t n, const char *want)
{
        char *text = repeat(unit, n), *msg = text_error(cs, text);

        if (strcmp(msg, want) != 0)
                fail_msg("%zu x '%s': got \"%s\", expected \"%s\"", n, unit,
                         msg, want);
        free(msg);
        free(text);
}

static const struct out_column plain_cols[] = {
    {"a", OUT_TEXT}, {"b", OUT_TEXT}, {"c", OUT_TEXT}, {"memo", OUT_TEXT}};

static void test_text_too_long_is_an_error(void **state)
{
        struct unit_dir d;

        (void)state;
        private_tmpdir(&d);
        /* the row named by its ministry and service (office is null) */
        expect_text_error(named_cols, "x", XLSX_TEXT_MAX, "");
        expect_text_error(named_cols, "x", XLSX_TEXT_MAX + 1,
                          "sheet 's', ministry 'lgd', service "
                          "'trade-licence': column 'name' has 32768 "
                          "characters, more than a spreadsheet cell holds "
                          "(32767)");
        /* no such columns: the row's number */
        expect_text_error(plain_cols, "x", XLSX_TEXT_MAX + 3,
                          "sheet 's', row 3: column 'memo' has 32770 "
                          "characters, more than a spreadsheet cell holds "
                          "(32767)");
        /* outside the BMP a character is two UTF-16 code units */
        expect_text_error(plain_cols, "\xf0\x9f\x98\x80", 16383, "");
        expect_text_error(plain_cols, "\xf0\x9f\x98\x80", 16384,
                          "sheet 's', row 3: column 'memo' has 32768 "
                          "characters, more than a spreadsheet cell holds "
                          "(32767)");
        /* Bengali is in the BMP: one each */
        expect_text_error(plain_cols, "\xe0\xa6\x85", XLSX_TEXT_MAX, "");
        /* counted after escaping: a control character is _x0001_ */
        expect_text_error(plain_cols, "\x01", 4681, "");
        expect_text_error(plain_cols, "\x01", 4682,
                          "sheet 's', row 3: column 'memo' has 32774 "
                          "characters, more than a spreadsheet cell holds "
                          "(32767)");
        assert_int_equal(count_entries(d.root), 0);
        unit_dir_remove(&d);
}

static void test_unusable_tmpdir_is_an_error(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;

        (void)state;
        assert_int_equal(setenv("TMPDIR", "/nonexistent/dir", 1), 0);
        assert_null(xlsx_new(NULL, &dl));
        assert_int_equal(dl.n, 1);
        assert_non_null(strstr(dl.items[0].msg, "temporary directory"));
        diag_list_release(&dl);
        unsetenv("TMPDIR");
}

/* Made at a path: written there, nothing in $TMPDIR, no copy. */
static void test_book_made_at_a_path(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct unit_dir d, out;
        struct out o;
        struct xlsx *x;
        char *path, *bytes;

        (void)state;
        private_tmpdir(&d);
        unit_dir_make(&out, "xlsx-out");
        fill(&o);
        path = xasprintf("%s/book.xlsx", out.root);
        x = xlsx_new(path, &dl);
        assert_non_null(x);
        assert_int_equal(count_entries(d.root), 1); /* libxlsxwriter's */
        assert_int_equal(
            xlsx_add_report(x, "services", "a title", &o, OUT_GREGORIAN, &dl),
            0);
        assert_int_equal(xlsx_finish(x, NULL, &dl), 0);
        xlsx_free(x);
        assert_int_equal(dl.n, 0);
        bytes = read_all(path);
        assert_memory_equal(bytes, "PK\x03\x04", 4);
        free(bytes);
        assert_int_equal(count_entries(d.root), 0);
        assert_int_equal(count_entries(out.root), 1);
        out_release(&o);
        free(path);
        unit_dir_remove(&out);
        unit_dir_remove(&d);
}

/* A file in each directory in dir. */
static void stray_file_in_each_dir(const char *dir)
{
        DIR *dp = opendir(dir);
        struct dirent *e;

        while (dp && (e = readdir(dp)))
                if (e->d_name[0] != '.') {
                        char *sub = xasprintf("%s/%s", dir, e->d_name);

                        put_file(sub, "tmp.stray", "x");
                        free(sub);
                }
        if (dp)
                closedir(dp);
}

/* A signal while the workbook is being made leaves no temporary file. */
static void test_signal_leaves_no_temporary_file(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct unit_dir d;
        struct out o;
        struct xlsx *x;
        pid_t pid;
        int status;

        (void)state;
        private_tmpdir(&d);
        fill(&o);
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
                x = xlsx_new(NULL, &dl);
                if (!x ||
                    xlsx_add_report(x, "s", "t", &o, OUT_GREGORIAN, &dl) != 0 ||
                    count_entries(d.root) != 1)
                        _exit(3);
                /* as libxlsxwriter's temporary file is there a moment */
                stray_file_in_each_dir(d.root);
                raise(SIGTERM);
                _exit(4); /* not reached */
        }
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFSIGNALED(status));
        assert_int_equal(WTERMSIG(status), SIGTERM);
        assert_int_equal(count_entries(d.root), 0);
        out_release(&o);
        unit_dir_remove(&d);
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_book_written_and_cleaned_up),
            cmocka_unit_test(test_duplicate_sheet_refused),
            cmocka_unit_test(test_text_too_long_is_an_error),
            cmocka_unit_test(test_unusable_tmpdir_is_an_error),
            cmocka_unit_test(test_book_made_at_a_path),
            cmocka_unit_test(test_signal_leaves_no_temporary_file),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
