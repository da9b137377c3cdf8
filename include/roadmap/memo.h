/*
 * memo: government memo (স্মারক) numbers, the digital file number of the
 * Secretariat Instructions followed by the letter's serial.
 *
 *   MEMO_2008  19 digits, 7 groups 2.3.3.2.2.3.4 (Secretariat Instructions
 *              2008, instruction 41(7)), e.g. ০৫.২০৬.০৩৩.০০.০০.০৬৮.২০০৮.৮৭
 *   MEMO_2014  18 digits, 7 groups 2.2.4.3.2.3.2: ministry/division,
 *              attached office, geo code, branch, subject, file, year
 *              (MoPA notice of 10 April 2011; Secretariat Instructions
 *              2014), e.g. ৪৬.০০.০০০০.০৬৩.০৯.০০১.১৪-৮৬১
 *   MEMO_2024  22 digits, 8 groups 2.2.4.3.3.2.4.2: ministry/division,
 *              attached office, geo code, subordinate office, branch,
 *              subject, file, year (Secretariat Instructions 2024)
 *
 * After the groups: an optional file part "(অংশ-২)", the letter's serial
 * after '-' (or after '.', as some letters write it), and an optional
 * forwarding suffix "/১(৫)".  Either digit set, not mixed.  The caller
 * keeps the memo number as typed (NFC); struct memo is its reading.
 *
 * Ownership: struct memo holds fixed-size arrays and owns nothing.
 * A *why reason stays valid until the next memo_parse() call from the
 * same thread.
 */
#ifndef ROADMAP_MEMO_H
#define ROADMAP_MEMO_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/strbuf.h"

/* MEMO_2014_WIDE is the 2014 layout with a three-digit subject code and a
 * four-digit year (2.2.4.3.3.3.4), as the programme's own letters write it
 * (৪৬.০০.০০০০.০৩৯.০১৮.০০২.২০১৫-১৮৮). */
enum memo_format { MEMO_2008, MEMO_2014, MEMO_2014_WIDE, MEMO_2024 };

#define MEMO_MAX_GROUPS 8
#define MEMO_MAX_DIGITS 9 /* serial, part and forwarding numbers */

struct memo {
        enum memo_format format;
        int ngroups;                          /* 7, or 8 for MEMO_2024 */
        char group[MEMO_MAX_GROUPS][5];       /* ASCII digits, as typed */
        char part[MEMO_MAX_DIGITS + 1];       /* "(অংশ-২)": "2"; "" */
        char serial[MEMO_MAX_DIGITS + 1];     /* "" when there is none */
        char serial_sep;                      /* '-' or '.'; 0: no serial */
        char forward[MEMO_MAX_DIGITS + 1];    /* "/১(৫)": "1"; "" */
        char forward_to[MEMO_MAX_DIGITS + 1]; /* "/১(৫)": "5"; "" */
        bool bengali;                         /* typed in Bengali digits */
};

/* "2008", "2014", "2024". */
const char *memo_format_name(enum memo_format f);
/* Total digits of the file number in format f (19, 18, 22). */
int memo_format_digits(enum memo_format f);

/* Read s[0..n) (surrounding white space ignored).  Returns 0, or -1 with
 * *why saying why it fits no format (out is untouched). */
int memo_parse(const char *s, size_t n, struct memo *out, const char **why);

/* Append the memo number in Bengali or ASCII digits. */
void memo_format(const struct memo *m, bool bengali, struct strbuf *out);

#endif
