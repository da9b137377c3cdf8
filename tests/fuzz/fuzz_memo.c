/*
 * libFuzzer harness: bytes -> memo_parse.  Any crash, leak, undefined
 * behaviour or hang is a bug, and so is a memo number that does not
 * survive its own formatting in either digit set.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/memo.h"
#include "roadmap/strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void expect(int ok, const char *what)
{
        if (ok)
                return;
        fprintf(stderr, "fuzz_memo: %s\n", what);
        abort();
}

/* Equal readings, whatever digit set each was typed in. */
static int same_memo(const struct memo *a, const struct memo *b)
{
        int i;

        if (a->format != b->format || a->ngroups != b->ngroups ||
            a->serial_sep != b->serial_sep || strcmp(a->part, b->part) ||
            strcmp(a->serial, b->serial) || strcmp(a->forward, b->forward) ||
            strcmp(a->forward_to, b->forward_to))
                return 0;
        for (i = 0; i < a->ngroups; i++)
                if (strcmp(a->group[i], b->group[i]))
                        return 0;
        return 1;
}

static void round_trip(const struct memo *m, int bengali)
{
        struct memo back;
        struct strbuf sb;
        const char *why = NULL;

        strbuf_init(&sb);
        memo_format(m, bengali, &sb);
        expect(memo_parse(sb.buf, sb.len, &back, &why) == 0,
               "a formatted memo number does not parse back");
        expect(same_memo(m, &back), "a formatted memo number changed");
        expect(back.bengali == (bengali != 0), "the digit set changed");
        strbuf_release(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        struct memo m;
        const char *why = NULL;
        int digits = 0, i;

        if (memo_parse((const char *)data, size, &m, &why) != 0) {
                expect(why && *why, "a refused memo number has no reason");
                return 0;
        }
        expect(m.ngroups == (m.format == MEMO_2024 ? 8 : 7),
               "wrong number of groups");
        for (i = 0; i < m.ngroups; i++)
                digits += (int)strlen(m.group[i]);
        expect(digits == memo_format_digits(m.format),
               "the groups do not add up to the format's digits");
        round_trip(&m, 0);
        round_trip(&m, 1);
        return 0;
}
