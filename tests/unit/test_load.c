/* Unit tests of load: bytes or a file to a model, every class of error
 * with its position, line ends, byte order mark, encoding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "roadmap/load.h"
#include "roadmap/xalloc.h"

#define FIXTURES ROADMAP_SOURCE_DIR "/tests/fixtures/check"

static const char office_yaml[] = "roadmap: 1\n"
                                  "office:\n"
                                  "  id: lged\n"
                                  "  name: Local Government Engineering\n"
                                  "  ministry: lgd\n"
                                  "  head: Chief Engineer\n"
                                  "services:\n"
                                  "  - id: trade-licence\n"
                                  "    name: Trade licence\n"
                                  "    tcv: {days: 7, cost: 500, visits: 3}\n"
                                  "    plan:\n"
                                  "      priority: 2\n"
                                  "      history:\n"
                                  "        - date: 2017-10-31\n"
                                  "          status: planned\n";

static const char roadmap_yaml[] = "roadmap: 1\n"
                                   "title: Fixtures\n"
                                   "ministries:\n"
                                   "  - id: lgd\n"
                                   "    name: Local Government Division\n";

static char tmp[64];

static int setup(void **state)
{
        strcpy(tmp, "/tmp/roadmap-load.XXXXXX");
        assert_non_null(mkdtemp(tmp));
        return 0;
}

static int teardown(void **state)
{
        char *cmd = xasprintf("rm -rf '%s'", tmp);

        assert_int_equal(system(cmd), 0);
        free(cmd);
        return 0;
}

static char *write_tmp(const char *name, const char *buf, size_t len)
{
        char *path = xasprintf("%s/%s", tmp, name);
        FILE *fp = fopen(path, "wb");

        assert_non_null(fp);
        assert_int_equal(fwrite(buf, 1, len, fp), len);
        assert_int_equal(fclose(fp), 0);
        return path;
}

static char *read_text(const char *path)
{
        struct strbuf sb;

        strbuf_init(&sb);
        assert_int_equal(strbuf_read_file(&sb, path, 1 << 20), 0);
        return strbuf_detach(&sb, NULL);
}

/* The first diagnostic of level in dl (sorted), formatted; caller frees. */
static char *first(struct diag_list *dl, enum diag_level level)
{
        size_t i;

        diag_sort(dl);
        for (i = 0; i < dl->n; i++)
                if (dl->items[i].level == level)
                        return diag_format(&dl->items[i]);
        return NULL;
}

/* Every error names display and a line and a column. */
static void expect_positioned(const struct diag_list *dl, const char *display)
{
        size_t i;

        for (i = 0; i < dl->n; i++) {
                const struct diag *d = &dl->items[i];

                assert_non_null(d->path);
                assert_string_equal(d->path, display);
                if (d->line < 1 || d->col < 1)
                        fail_msg("%s: '%s' at %d:%d", display, d->msg, d->line,
                                 d->col);
        }
}

/* Nothing of a document that did not parse is handed out. */
static void expect_no_result(const struct loaded *l)
{
        assert_false(l->parsed);
        assert_null(l->doc.root);
        assert_null(l->m.office.id);
        assert_null(l->m.office.services);
        assert_int_equal(l->m.office.nservices, 0);
}

static void test_bytes_to_model(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct loaded l;
        const struct office *o = &l.m.office;

        loaded_init(&l);
        assert_int_equal(load_office_bytes(&l, "x.yaml", office_yaml,
                                           strlen(office_yaml), "lged", &dl),
                         0);
        assert_int_equal(dl.n, 0);
        assert_true(l.parsed);
        assert_string_equal(l.path, "x.yaml");
        assert_int_equal(l.bytes.len, strlen(office_yaml));
        assert_string_equal(o->id, "lged");
        assert_string_equal(o->ministry, "lgd");
        assert_int_equal(o->nservices, 1);
        assert_string_equal(o->services[0].id, "trade-licence");
        assert_int_equal(o->services[0].tcv.cost, 500);
        assert_int_equal(o->services[0].plan.priority, 2);
        assert_int_equal(o->services[0].node->line, 8);
        assert_int_equal(o->services[0].node->col, 5);

        /* the model lives in l, not in the caller's buffer */
        {
                char *copy = xstrdup(office_yaml);

                loaded_reset(&l);
                assert_int_equal(load_office_bytes(&l, "y.yaml", copy,
                                                   strlen(copy), NULL, &dl),
                                 0);
                memset(copy, 'x', strlen(copy));
                free(copy);
                assert_string_equal(o->services[0].name, "Trade licence");
                assert_string_equal(l.path, "y.yaml");
        }

        /* another id was expected: an error at the id */
        loaded_reset(&l);
        assert_int_equal(load_office_bytes(&l, "z.yaml", office_yaml,
                                           strlen(office_yaml), "dphe", &dl),
                         -1);
        assert_true(l.parsed);
        assert_int_equal(diag_count(&dl, DIAG_ERROR), 1);
        assert_int_equal(dl.items[0].line, 3);
        assert_int_equal(dl.items[0].col, 7);
        expect_positioned(&dl, "z.yaml");
        loaded_release(&l);
        diag_list_release(&dl);
}

static void test_files(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct loaded l;
        char *office = write_tmp("lged.yaml", office_yaml, strlen(office_yaml));
        char *roadmap =
            write_tmp("roadmap.yaml", roadmap_yaml, strlen(roadmap_yaml));

        loaded_init(&l);
        assert_int_equal(
            load_office(&l, office, "offices/lgd/lged.yaml", "lged", &dl), 0);
        assert_string_equal(l.path, "offices/lgd/lged.yaml");
        assert_string_equal(l.m.office.head, "Chief Engineer");
        loaded_reset(&l);
        assert_int_equal(load_roadmap(&l, roadmap, "roadmap.yaml", &dl), 0);
        assert_string_equal(l.m.meta.title, "Fixtures");
        assert_int_equal(l.m.meta.nministries, 1);
        assert_string_equal(l.m.meta.ministries[0].id, "lgd");
        assert_int_equal(dl.n, 0);

        /* an office is not a roadmap.yaml, nor the reverse */
        loaded_reset(&l);
        assert_int_equal(load_roadmap(&l, office, "roadmap.yaml", &dl), -1);
        assert_true(diag_count(&dl, DIAG_ERROR) > 0);
        expect_positioned(&dl, "roadmap.yaml");
        diag_list_release(&dl);
        loaded_reset(&l);
        assert_int_equal(load_office(&l, roadmap, "o.yaml", NULL, &dl), -1);
        assert_true(diag_count(&dl, DIAG_ERROR) > 0);
        expect_positioned(&dl, "o.yaml");
        diag_list_release(&dl);
        loaded_release(&l);
        free(office);
        free(roadmap);
}

/* A file that cannot be read: an error naming it, nothing parsed. */
static void test_unreadable_files(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct loaded l;
        char *path, *big, *s;
        FILE *fp;

        loaded_init(&l);
        path = xasprintf("%s/missing.yaml", tmp);
        assert_int_equal(load_office(&l, path, "missing.yaml", NULL, &dl), -1);
        expect_no_result(&l);
        assert_int_equal(diag_count(&dl, DIAG_ERROR), 1);
        assert_string_equal(dl.items[0].path, "missing.yaml");
        free(path);
        diag_list_release(&dl);

        /* a link is not followed, a FIFO does not hang */
        loaded_reset(&l);
        free(write_tmp("real.yaml", office_yaml, strlen(office_yaml)));
        path = xasprintf("%s/link.yaml", tmp);
        assert_int_equal(symlink("real.yaml", path), 0);
        assert_int_equal(load_office(&l, path, "link.yaml", NULL, &dl), -1);
        expect_no_result(&l);
        s = first(&dl, DIAG_ERROR);
        assert_non_null(strstr(s, "link.yaml"));
        assert_non_null(strstr(s, "symbolic link"));
        free(s);
        free(path);
        diag_list_release(&dl);
        loaded_reset(&l);
        path = xasprintf("%s/fifo.yaml", tmp);
        assert_int_equal(mkfifo(path, 0644), 0);
        assert_int_equal(load_office(&l, path, "fifo.yaml", NULL, &dl), -1);
        expect_no_result(&l);
        s = first(&dl, DIAG_ERROR);
        assert_non_null(strstr(s, "FIFO"));
        free(s);
        free(path);
        diag_list_release(&dl);

        /* over the size limit: at 1:1, not read */
        loaded_reset(&l);
        big = xasprintf("%s/big.yaml", tmp);
        fp = fopen(big, "w");
        assert_non_null(fp);
        fputs(office_yaml, fp);
        assert_int_equal(fclose(fp), 0);
        assert_int_equal(truncate(big, (off_t)YAMLDOC_MAX_SIZE + 1), 0);
        assert_int_equal(load_office(&l, big, "big.yaml", NULL, &dl), -1);
        expect_no_result(&l);
        assert_int_equal(diag_count(&dl, DIAG_ERROR), 1);
        assert_int_equal(dl.items[0].line, 1);
        assert_int_equal(dl.items[0].col, 1);
        /* at the limit it is read */
        diag_list_release(&dl);
        loaded_reset(&l);
        assert_int_equal(truncate(big, (off_t)YAMLDOC_MAX_SIZE), 0);
        load_office(&l, big, "big.yaml", NULL, &dl);
        assert_int_equal(l.bytes.len, YAMLDOC_MAX_SIZE);
        free(big);
        diag_list_release(&dl);
        loaded_release(&l);
}

/*
 * Every fixture of tests/fixtures/check: read from the file and from its
 * bytes, each error class gives the first diagnostic NAME.err names,
 * at file:line:col, and -1; a file that does not parse gives no result.
 * NAME.warn fixtures load with that warning.
 */
static void check_fixture(const char *name)
{
        struct diag_list dl = DIAG_LIST_INIT, dl2 = DIAG_LIST_INIT;
        char *path = xasprintf("%s/%s.yaml", FIXTURES, name);
        char *err = xasprintf("%s/%s.err", FIXTURES, name);
        char *warn = xasprintf("%s/%s.warn", FIXTURES, name);
        char *display = xasprintf("offices/lgd/%s.yaml", name);
        bool is_warn = access(warn, F_OK) == 0;
        char *want = read_text(is_warn ? warn : err);
        char *got, *got2, *bytes;
        struct loaded l, l2;
        int rc, rc2;

        *strchr(want, '\n') = '\0';
        loaded_init(&l);
        loaded_init(&l2);
        rc = load_office(&l, path, display, name, &dl);
        bytes = read_text(path);
        rc2 = load_office_bytes(&l2, display, l.bytes.buf, l.bytes.len, name,
                                &dl2);
        got = first(&dl, is_warn ? DIAG_WARNING : DIAG_ERROR);
        got2 = first(&dl2, is_warn ? DIAG_WARNING : DIAG_ERROR);
        if (strcmp(name, "unknown-ministry") == 0) {
                /* a cross-file rule, not the reader's */
                assert_int_equal(rc, 0);
                assert_null(got);
                goto done;
        }
        if (strcmp(name, "conflict-marker") == 0) {
                /* check names the conflict (conflictfile.h); the reader
                 * says where its first marker is */
                free(want);
                want = xasprintf("%s:4:1: error: unresolved merge conflict "
                                 "(git conflict marker '<<<<<<<')",
                                 display);
        }
        if (!got || strcmp(got, want) != 0)
                fail_msg("%s: got '%s', want '%s'", name, got ? got : "(none)",
                         want);
        assert_string_equal(got2, got);
        assert_int_equal(rc, is_warn ? 0 : -1);
        assert_int_equal(rc2, rc);
        assert_int_equal(dl2.n, dl.n);
        expect_positioned(&dl, display);
        if (!l.parsed)
                expect_no_result(&l);
        if (!is_warn)
                assert_int_equal(diag_count(&dl, DIAG_ERROR) > 0, 1);
done:
        free(got);
        free(got2);
        free(bytes);
        free(want);
        free(path);
        free(err);
        free(warn);
        free(display);
        loaded_release(&l);
        loaded_release(&l2);
        diag_list_release(&dl);
        diag_list_release(&dl2);
}

static void test_every_fixture(void **state)
{
        DIR *d = opendir(FIXTURES);
        struct dirent *e;
        int n = 0;

        assert_non_null(d);
        while ((e = readdir(d)) != NULL) {
                size_t len = strlen(e->d_name);
                char *name;

                if (len < 6 || strcmp(e->d_name + len - 5, ".yaml") != 0)
                        continue;
                name = xstrndup(e->d_name, len - 5);
                check_fixture(name);
                free(name);
                n++;
        }
        closedir(d);
        /* the fixtures are there: as many as tests/fixtures/check holds */
        assert_true(n >= 50);
}

/* Some error classes stop the reader: no document, no model; each is
 * told at its place. */
#define S(lit) lit, sizeof(lit) - 1
static void test_parse_errors_give_nothing(void **state)
{
        static const struct {
                const char *text;
                size_t len;
                int line, col;
                const char *msg;
        } cases[] = {
            {S(""), 1, 1, "the file is empty"},
            {S("roadmap: 1\noffice: [a\n"), 3, 1, NULL},
            {S("roadmap: 1\noffice:\n  id: caf\xe9\n"), 3, 10,
             "invalid UTF-8 sequence starting with byte 0xe9"},
            {S("roadmap: 1\r\noffice: x\rservices: []\r\n"), 2, 10,
             "carriage return without line feed is not allowed"},
            {S("roadmap: 1\n\0office:\n"), 2, 1, "unexpected NUL byte"},
            {S("roadmap: 1\n---\nroadmap: 1\n"), 2, 1,
             "a second document is not allowed"},
            {S("\xff\xfer\0"), 1, 1,
             "file is not UTF-8 (it starts with a UTF-16 byte order mark)"},
        };
        size_t i;

        for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
                struct diag_list dl = DIAG_LIST_INIT;
                struct loaded l;

                loaded_init(&l);
                assert_int_equal(load_office_bytes(&l, "f.yaml", cases[i].text,
                                                   cases[i].len, NULL, &dl),
                                 -1);
                /* an empty file is an empty document: no root, no model */
                if (cases[i].len == 0)
                        l.parsed = false;
                expect_no_result(&l);
                diag_sort(&dl);
                assert_true(dl.n >= 1);
                expect_positioned(&dl, "f.yaml");
                if (dl.items[0].line != cases[i].line ||
                    dl.items[0].col != cases[i].col)
                        fail_msg("case %zu: '%s' at %d:%d, want %d:%d", i,
                                 dl.items[0].msg, dl.items[0].line,
                                 dl.items[0].col, cases[i].line, cases[i].col);
                if (cases[i].msg)
                        assert_string_equal(dl.items[0].msg, cases[i].msg);
                loaded_release(&l);
                diag_list_release(&dl);
        }
}

/* CRLF line ends and a leading byte order mark read as the same model at
 * the same positions. */
static void test_crlf_and_bom(void **state)
{
        size_t n = strlen(office_yaml), i, k;
        char *crlf = malloc(2 * n + 4);
        struct diag_list dl = DIAG_LIST_INIT;
        struct loaded a, b;
        int with_bom;

        assert_non_null(crlf);
        loaded_init(&a);
        assert_int_equal(
            load_office_bytes(&a, "a.yaml", office_yaml, n, "lged", &dl), 0);
        for (with_bom = 0; with_bom < 2; with_bom++) {
                int use_crlf;

                for (use_crlf = 0; use_crlf < 2; use_crlf++) {
                        const struct service *sa = &a.m.office.services[0];
                        const struct service *sb;

                        k = 0;
                        if (with_bom) {
                                memcpy(crlf, "\xef\xbb\xbf", 3);
                                k = 3;
                        }
                        for (i = 0; i < n; i++) {
                                if (use_crlf && office_yaml[i] == '\n')
                                        crlf[k++] = '\r';
                                crlf[k++] = office_yaml[i];
                        }
                        loaded_init(&b);
                        assert_int_equal(load_office_bytes(&b, "b.yaml", crlf,
                                                           k, "lged", &dl),
                                         0);
                        assert_int_equal(dl.n, 0);
                        assert_int_equal(b.doc.crlf, use_crlf);
                        assert_int_equal(b.doc.bom, with_bom ? 3 : 0);
                        sb = &b.m.office.services[0];
                        assert_string_equal(b.m.office.name, a.m.office.name);
                        assert_string_equal(sb->name, sa->name);
                        assert_int_equal(sb->tcv.visits, sa->tcv.visits);
                        assert_int_equal(sb->plan.history[0].date.d, 31);
                        assert_int_equal(sb->node->line, sa->node->line);
                        assert_int_equal(sb->node->col, sa->node->col);
                        assert_int_equal(sb->plan.node->line,
                                         sa->plan.node->line);
                        /* no CR in any value */
                        assert_null(strchr(b.m.office.head, '\r'));
                        loaded_release(&b);
                }
        }
        loaded_release(&a);
        diag_list_release(&dl);
        free(crlf);
}

/* One struct loaded reads file after file; a failure leaves nothing of
 * the previous file behind. */
static void test_reuse(void **state)
{
        struct diag_list dl = DIAG_LIST_INIT;
        struct loaded l;
        struct arena_block *block = NULL;
        const char *bytes = NULL;
        int i;

        loaded_init(&l);
        for (i = 0; i < 4; i++) {
                loaded_reset(&l);
                assert_int_equal(load_office_bytes(&l, "ok.yaml", office_yaml,
                                                   strlen(office_yaml), NULL,
                                                   &dl),
                                 0);
                assert_true(l.parsed);
                assert_string_equal(l.m.office.id, "lged");
                /* load.h: loaded_reset keeps the buffers for the next file:
                 * the bytes' buffer and a block of the document's arena */
                if (i == 0) {
                        block = l.doc.arena.head;
                        bytes = l.bytes.buf;
                }
                assert_ptr_equal(l.doc.arena.head, block);
                assert_ptr_equal(l.bytes.buf, bytes);
                loaded_reset(&l);
                assert_ptr_equal(l.doc.arena.head, block);
                assert_ptr_equal(l.bytes.buf, bytes);
                assert_null(l.doc.root);
                assert_null(l.path);
                assert_false(l.parsed);
                assert_int_equal(l.bytes.len, 0);
                assert_int_equal(
                    load_office_bytes(&l, "bad.yaml", "a: [", 4, NULL, &dl),
                    -1);
                expect_no_result(&l);
        }
        assert_int_equal(diag_count(&dl, DIAG_ERROR), 4);
        loaded_release(&l);
        diag_list_release(&dl);
}

static void test_office_id_position(void **state)
{
        static const char shifted[] = "# an office\n"
                                      "roadmap: 1\n"
                                      "office:\n"
                                      "    name: X\n"
                                      "    id:   far\n";
        char *path;
        int line = 0, col = 0;

        path = write_tmp("lged.yaml", office_yaml, strlen(office_yaml));
        load_office_id_position(path, &line, &col);
        assert_int_equal(line, 3);
        assert_int_equal(col, 7);
        free(path);
        /* found even in a file that is not valid */
        path = write_tmp("far.yaml", shifted, strlen(shifted));
        load_office_id_position(path, &line, &col);
        assert_int_equal(line, 5);
        assert_int_equal(col, 11);
        free(path);
        /* else 1:1 */
        path = write_tmp("bad.yaml", "office: [", 9);
        load_office_id_position(path, &line, &col);
        assert_int_equal(line, 1);
        assert_int_equal(col, 1);
        free(path);
        path = write_tmp("noid.yaml", "roadmap: 1\noffice:\n  name: x\n", 29);
        line = col = 0;
        load_office_id_position(path, &line, &col);
        assert_int_equal(line, 1);
        assert_int_equal(col, 1);
        free(path);
        line = col = 0;
        load_office_id_position("/nonexistent/x.yaml", &line, &col);
        assert_int_equal(line, 1);
        assert_int_equal(col, 1);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
        const struct CMUnitTest tests[] = {
            T(test_bytes_to_model),
            T(test_files),
            T(test_unreadable_files),
            cmocka_unit_test(test_every_fixture),
            cmocka_unit_test(test_parse_errors_give_nothing),
            T(test_crlf_and_bom),
            cmocka_unit_test(test_reuse),
            T(test_office_id_position),
        };
        return cmocka_run_group_tests(tests, NULL, NULL);
}
