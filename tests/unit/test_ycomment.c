/* Unit tests of ycomment: the comments of a YAML text, never a '#' in a
 * value. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/strbuf.h"
#include "roadmap/ycomment.h"

/* The comments of text, each as "[text]". */
static char *comments(const char *text)
{
        struct ycomments c = YCOMMENTS_INIT;
        struct strbuf sb = STRBUF_INIT;
        size_t i;

        ycomments_find(text, strlen(text), &c);
        for (i = 0; i < c.n; i++)
                strbuf_addf(&sb, "[%.*s]",
                            (int)(c.items[i].end - c.items[i].at),
                            text + c.items[i].at);
        ycomments_release(&c);
        return strbuf_detach(&sb, NULL);
}

static void expect(const char *text, const char *want)
{
        char *got = comments(text);

        assert_string_equal(got, want);
        free(got);
}

static void test_values_are_not_comments(void **state)
{
        (void)state;
        expect("a: 'x # y'\nb: \"# z\"\nc: C#\nd: e #f\n", "[#f]");
        expect("# top\na: 1 # one\n# between\nb: [1, # in flow\n  2]\n# end",
               "[# top][# one][# between][# in flow][# end]");
        expect("a: |  # header\n  # content\n  text\nb: >-\n  x # y\n",
               "[# header]");
}

static void test_bytes(void **state)
{
        (void)state;
        /* a BOM, Bengali text before a comment, CRLF line ends */
        expect("\xef\xbb\xbfname: খুলনা # নাম\r\n# two\r\n", "[# নাম][# two]");
        expect("", "");
        /* the scanner stops at an error: nothing after it is searched,
         * so the '#' of a quoted value left open is not a comment */
        expect("# before\na: \"open\n# inside\n", "[# before]");
}

int main(void)
{
        const struct CMUnitTest tests[] = {
            cmocka_unit_test(test_values_are_not_comments),
            cmocka_unit_test(test_bytes),
        };

        return cmocka_run_group_tests(tests, NULL, NULL);
}
