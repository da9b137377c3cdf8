/*
 * import-words: the words a spreadsheet uses, in English and Bengali, for
 * its columns, statuses and recipients, and how they are compared: folded
 * (bangla_fold()), without white space or punctuation ("Cost (Tk.)" is
 * "costtk", "সময় (দিন)" is "সময়দিন").  roadmap-import(1) lists them: a
 * word added here is added there.
 */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "import-internal.h"
#include "roadmap/bangla.h"
#include "roadmap/strbuf.h"
#include "roadmap/model.h"
#include "roadmap/xalloc.h"

struct word {
        const char *word;
        int value;
};

static const char *const field_names[IMPORT_FIELD_COUNT] = {
    "id",     "name",     "name_bn", "recipients", "days",       "cost",
    "visits", "priority", "due",     "status",     "status_date"};

static const struct word headers[] = {
    {"id", IMPORT_ID},
    {"service id", IMPORT_ID},
    {"code", IMPORT_ID},
    {"আইডি", IMPORT_ID},
    {"service name", IMPORT_NAME},
    {"name", IMPORT_NAME},
    {"service", IMPORT_NAME},
    {"name in English", IMPORT_NAME},
    {"English name", IMPORT_NAME},
    {"service name (English)", IMPORT_NAME},
    {"সেবার নাম (ইংরেজি)", IMPORT_NAME},
    {"ইংরেজি নাম", IMPORT_NAME},
    {"name in Bengali", IMPORT_NAME_BN},
    {"name in Bangla", IMPORT_NAME_BN},
    {"Bengali name", IMPORT_NAME_BN},
    {"Bangla name", IMPORT_NAME_BN},
    {"name_bn", IMPORT_NAME_BN},
    {"service name (Bengali)", IMPORT_NAME_BN},
    {"নাম", IMPORT_NAME_BN},
    {"সেবার নাম", IMPORT_NAME_BN},
    {"বাংলা নাম", IMPORT_NAME_BN},
    {"সেবার নাম (বাংলা)", IMPORT_NAME_BN},
    {"recipients", IMPORT_RECIPIENTS},
    {"recipient", IMPORT_RECIPIENTS},
    {"service recipients", IMPORT_RECIPIENTS},
    {"সেবাগ্রহীতা", IMPORT_RECIPIENTS},
    {"days", IMPORT_DAYS},
    {"time (days)", IMPORT_DAYS},
    {"time", IMPORT_DAYS},
    {"সময় (দিন)", IMPORT_DAYS},
    {"সময়", IMPORT_DAYS},
    {"cost", IMPORT_COST},
    {"cost (taka)", IMPORT_COST},
    {"cost (Tk.)", IMPORT_COST},
    {"cost (BDT)", IMPORT_COST},
    {"খরচ (টাকা)", IMPORT_COST},
    {"খরচ", IMPORT_COST},
    {"ব্যয় (টাকা)", IMPORT_COST},
    {"visits", IMPORT_VISITS},
    {"office visits", IMPORT_VISITS},
    {"number of visits", IMPORT_VISITS},
    {"যাতায়াত", IMPORT_VISITS},
    {"যাতায়াত (সংখ্যা)", IMPORT_VISITS},
    {"priority", IMPORT_PRIORITY},
    {"অগ্রাধিকার", IMPORT_PRIORITY},
    {"due", IMPORT_DUE},
    {"due date", IMPORT_DUE},
    {"target date", IMPORT_DUE},
    {"deadline", IMPORT_DUE},
    {"বাস্তবায়নের তারিখ", IMPORT_DUE},
    {"status", IMPORT_STATUS},
    {"অবস্থা", IMPORT_STATUS},
    {"বর্তমান অবস্থা", IMPORT_STATUS},
    {"status date", IMPORT_STATUS_DATE},
    {"date of status", IMPORT_STATUS_DATE},
    {"অবস্থার তারিখ", IMPORT_STATUS_DATE},
};

static const struct word statuses[] = {
    {"plan", STATUS_PLANNED},
    {"পরিকল্পিত", STATUS_PLANNED},
    {"পরিকল্পনা", STATUS_PLANNED},
    {"design", STATUS_DESIGNING},
    {"ডিজাইন", STATUS_DESIGNING},
    {"নকশা", STATUS_DESIGNING},
    {"development", STATUS_DEVELOPING},
    {"উন্নয়ন", STATUS_DEVELOPING},
    {"উন্নয়নাধীন", STATUS_DEVELOPING},
    {"pilot", STATUS_PILOTING},
    {"পাইলটিং", STATUS_PILOTING},
    {"পাইলট", STATUS_PILOTING},
    {"চালু", STATUS_LIVE},
    {"লাইভ", STATUS_LIVE},
    {"বাদ", STATUS_DROPPED},
    {"বাতিল", STATUS_DROPPED},
};

static const struct word recipients[] = {
    {"citizens", RECIPIENTS_CITIZEN},
    {"নাগরিক", RECIPIENTS_CITIZEN},
    {"জনসাধারণ", RECIPIENTS_CITIZEN},
    {"businesses", RECIPIENTS_BUSINESS},
    {"ব্যবসা", RECIPIENTS_BUSINESS},
    {"ব্যবসায়ী", RECIPIENTS_BUSINESS},
    {"সরকারি", RECIPIENTS_GOVERNMENT},
    {"সরকার", RECIPIENTS_GOVERNMENT},
    {"institutions", RECIPIENTS_INSTITUTION},
    {"প্রতিষ্ঠান", RECIPIENTS_INSTITUTION},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

const char *import_field_name(enum import_field f)
{
        return f < IMPORT_FIELD_COUNT ? field_names[f] : "ignore";
}

int import_field_parse(const char *s, enum import_field *out)
{
        char *k = import_fold(s, strlen(s), true);
        char *n;
        int f, rc = -1;

        if (strcmp(k, "ignore") == 0) {
                *out = IMPORT_IGNORE;
                rc = 0;
        }
        for (f = 0; rc != 0 && f < IMPORT_FIELD_COUNT; f++) {
                n = import_fold(field_names[f], strlen(field_names[f]), true);
                if (strcmp(k, n) == 0) {
                        *out = (enum import_field)f;
                        rc = 0;
                }
                free(n);
        }
        free(k);
        return rc;
}

bool import_header_names(const char *column)
{
        char *k = import_fold(column, strlen(column), true);
        bool some = *k != '\0';

        free(k);
        return some;
}

bool import_header_word(size_t i, const char **word, enum import_field *field)
{
        if (i >= COUNT(headers))
                return false;
        *word = headers[i].word;
        *field = (enum import_field)headers[i].value;
        return true;
}

/* Whether c is left out of a folded key: white space and punctuation. */
static bool dropped(utf8proc_int32_t c)
{
        utf8proc_category_t cat = utf8proc_category(c);

        if (c == 0x0964 || c == 0x0965) /* danda */
                return true;
        switch (cat) {
        case UTF8PROC_CATEGORY_ZS:
        case UTF8PROC_CATEGORY_CC:
        case UTF8PROC_CATEGORY_PC:
        case UTF8PROC_CATEGORY_PD:
        case UTF8PROC_CATEGORY_PS:
        case UTF8PROC_CATEGORY_PE:
        case UTF8PROC_CATEGORY_PI:
        case UTF8PROC_CATEGORY_PF:
        case UTF8PROC_CATEGORY_PO:
                return true;
        default:
                return false;
        }
}

char *import_fold(const char *s, size_t n, bool strip)
{
        struct strbuf f = STRBUF_INIT;
        utf8proc_int32_t c;
        utf8proc_ssize_t k;
        size_t i = 0, o = 0;
        char *out;

        if (bangla_fold(s, n, &f) != 0) {
                strbuf_release(&f);
                return xstrndup(s, n);
        }
        while (strip && i < f.len) {
                k = utf8proc_iterate((const utf8proc_uint8_t *)f.buf + i,
                                     (utf8proc_ssize_t)(f.len - i), &c);
                if (k <= 0)
                        break; /* not reached: bangla_fold made UTF-8 */
                if (!dropped(c)) {
                        memmove(f.buf + o, f.buf + i, (size_t)k);
                        o += (size_t)k;
                }
                i += (size_t)k;
        }
        out = xstrndup(f.buf, strip ? o : f.len);
        strbuf_release(&f);
        return out;
}

char *import_name_key(const char *name)
{
        return model_name_key(name, strlen(name));
}

/* The value of the word (folded) in table t[0..n), or -1. */
static int lookup(const struct word *t, size_t n, const char *key)
{
        size_t i;
        int v = -1;

        for (i = 0; i < n && v < 0; i++) {
                char *w = import_fold(t[i].word, strlen(t[i].word), true);
                if (strcmp(w, key) == 0)
                        v = t[i].value;
                free(w);
        }
        return v;
}

int import_header_field(const char *key)
{
        return lookup(headers, COUNT(headers), key);
}

int import_status_word(const char *text, enum status *out)
{
        char *k = import_fold(text, strlen(text), true);
        int v = status_parse(k, out) == 0
                    ? (int)*out
                    : lookup(statuses, COUNT(statuses), k);

        free(k);
        if (v < 0)
                return -1;
        *out = (enum status)v;
        return 0;
}

int import_recipients_word(const char *text, enum recipients *out)
{
        char *k = import_fold(text, strlen(text), true);
        int v = recipients_parse(k, out) == 0
                    ? (int)*out
                    : lookup(recipients, COUNT(recipients), k);

        free(k);
        if (v < 0 || v == RECIPIENTS_NONE)
                return -1;
        *out = (enum recipients)v;
        return 0;
}
