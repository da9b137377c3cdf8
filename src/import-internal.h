/*
 * import-internal: what the files of the import module share (import.h is
 * the interface).
 */
#ifndef ROADMAP_IMPORT_INTERNAL_H
#define ROADMAP_IMPORT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/import.h"

/* s[0..n) folded (bangla_fold()), and with strip without white space and
 * punctuation: how headers and words are compared.  The caller frees it;
 * text that is not UTF-8 is copied as it is. */
char *import_fold(const char *s, size_t n, bool strip);
/* Whether s[0..n) is blank: empty, or only white space (ASCII blanks,
 * line ends, no-break space). */
bool import_blank(const char *s, size_t n);
/* The field a folded header names, or -1. */
int import_header_field(const char *key);
/* A status / recipients cell in English or Bengali: 0, or -1. */
int import_status_word(const char *text, enum status *out);
int import_recipients_word(const char *text, enum recipients *out);

#endif
