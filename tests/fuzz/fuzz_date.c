/*
 * libFuzzer harness: bytes -> the parsers of values typed on the command
 * line: bangla_parse_date, bangla_parse_number, fiscal_parse.  Any crash,
 * leak, undefined behaviour or hang is a bug, and so is a value that does
 * not survive its own formatting: what parses must be valid, and its
 * ISO, Bangla-calendar and Bengali-digit forms must parse back to it.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/bangla.h"
#include "roadmap/date.h"
#include "roadmap/fiscal.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void expect(int ok, const char *what, const char *input)
{
        if (ok)
                return;
        fprintf(stderr, "fuzz_date: %s (input \"%s\")\n", what, input);
        abort();
}

static void same_date(const char *text, struct date want, const char *input)
{
        struct date got;
        const char *why = NULL;

        expect(bangla_parse_date(text, &got, &why) == 0,
               "a formatted date does not parse back", input);
        expect(date_cmp(got, want) == 0, "a formatted date changed", input);
}

static void check_date(const char *s)
{
        struct date d;
        struct bdate b;
        struct strbuf sb;
        const char *why = NULL;
        char iso[11];

        if (bangla_parse_date(s, &d, &why) != 0) {
                expect(why && *why, "a refused date has no reason", s);
                return;
        }
        expect(date_valid(d), "an accepted date is not a real date", s);
        date_format_iso(d, iso);
        same_date(iso, d, s);
        strbuf_init(&sb);
        if (bangla_from_gregorian(d, &b) == 0 && b.y >= BANGLA_YEAR_MIN &&
            b.y <= BANGLA_YEAR_MAX) {
                /* (the parser takes Bangla years in this range only) */
                bangla_format_date(d, &sb);
                same_date(sb.buf, d, s);
                strbuf_reset(&sb);
        }
        bangla_format_gregorian(d, &sb);
        same_date(sb.buf, d, s);
        strbuf_release(&sb);
}

static void check_number(const char *s)
{
        long n, back;
        struct strbuf sb;
        const char *why = NULL;
        char ascii[32];

        if (bangla_parse_number(s, &n, &why) != 0) {
                expect(why && *why, "a refused number has no reason", s);
                return;
        }
        expect(n >= 0 && n <= INT_MAX, "a number out of range", s);
        snprintf(ascii, sizeof ascii, "%ld", n);
        strbuf_init(&sb);
        bangla_digits(ascii, strlen(ascii), &sb);
        expect(bangla_parse_number(sb.buf, &back, &why) == 0 && back == n,
               "a number in Bengali digits does not parse back", s);
        strbuf_release(&sb);
}

static void check_fiscal(const char *s)
{
        struct fiscal_year fy, back;
        struct date from, to;
        struct strbuf sb;
        const char *why = NULL;
        int q;

        if (fiscal_parse(s, &fy, &why) != 0) {
                expect(why && *why, "a refused fiscal year has no reason", s);
                return;
        }
        expect(fy.start >= 1000 && fy.start <= 9998,
               "a fiscal year out of range", s);
        strbuf_init(&sb);
        fiscal_format(fy, &sb);
        expect(fiscal_parse(sb.buf, &back, &why) == 0 && back.start == fy.start,
               "a formatted fiscal year does not parse back", s);
        for (q = 0; q <= 4; q++) {
                fiscal_range(fy, q, &from, &to);
                expect(date_valid(from) && date_valid(to) &&
                           date_cmp(from, to) < 0 &&
                           fiscal_contains(fy, q, from) &&
                           fiscal_contains(fy, q, to) &&
                           fiscal_of(from).start == fy.start,
                       "a fiscal range is wrong", s);
        }
        strbuf_release(&sb);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
        char *s;

        if (size > 4096)
                return 0;
        s = xmalloc(size + 1);
        memcpy(s, data, size);
        s[size] = '\0';
        check_date(s);
        check_number(s);
        check_fiscal(s);
        free(s);
        return 0;
}
