/*
 * officediff: what changed between two versions of roadmap.yaml or of an
 * office file, as the domain sees it (roadmap-diff(1), roadmap-log(1)).
 *
 * Items are matched by identity, never by position: ministries and
 * services by id (a service removed and one added with the same name,
 * Bengali name or plan history is one renamed), workshops by kind, date
 * and batch, history entries by date and status.  Each changed field is
 * one change, old -> new.  A history entry added after the last is a
 * status move; one whose note changed, or an unmatched entry in the place
 * of another (plan --amend), is a corrected entry.  An approval that was
 * approved in the old version and is stale in the new one is one change
 * naming the services whose digest-covered data changed.  Comments that
 * differ (as a multiset of comment texts) are one change, so that a
 * comment-only edit is never an empty diff.
 *
 * Ownership: a struct changes owns copies of every string in it, freed
 * with changes_release(); the formatters append to the caller's strbuf.
 */
#ifndef ROADMAP_OFFICEDIFF_H
#define ROADMAP_OFFICEDIFF_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/date.h"
#include "roadmap/load.h"
#include "roadmap/model.h"
#include "roadmap/out.h"
#include "roadmap/strbuf.h"

enum change_kind {
        /* roadmap.yaml */
        CHANGE_ROADMAP_CHANGED, /* field: title, title_bn */
        CHANGE_MINISTRY_ADDED,
        CHANGE_MINISTRY_REMOVED,
        CHANGE_MINISTRY_CHANGED, /* field: name, name_bn */
        /* an office file */
        CHANGE_OFFICE_ADDED,
        CHANGE_OFFICE_REMOVED,
        CHANGE_OFFICE_CHANGED, /* field: name, name_bn, ministry, head */
        CHANGE_SERVICE_ADDED,
        CHANGE_SERVICE_REMOVED,
        CHANGE_SERVICE_RENAMED, /* was: the old id */
        CHANGE_SERVICE_CHANGED, /* field: name, name_bn, recipients,
                                   tcv.days, tcv.cost, tcv.visits, since */
        CHANGE_PLAN_ADDED,      /* new: "priority 1, due 2027-06-30" */
        CHANGE_PLAN_REMOVED,
        CHANGE_PLAN_CHANGED,      /* field: priority, due, tcv.days ... */
        CHANGE_STATUS_MOVED,      /* old/new: statuses; date; note */
        CHANGE_HISTORY_CORRECTED, /* item: the entry before; field: date,
                                     status, note */
        CHANGE_HISTORY_REMOVED,   /* item: the entry */
        CHANGE_APPROVAL_GIVEN,    /* new: by; date */
        CHANGE_APPROVAL_RENEWED,  /* old/new: the dates */
        CHANGE_APPROVAL_REMOVED,
        CHANGE_APPROVAL_CHANGED, /* field: by, memo, submitted, digest */
        CHANGE_APPROVAL_STALE,   /* new: the services, comma-separated */
        CHANGE_WORKSHOP_ADDED,   /* item: "roadmap 2026-10-05 batch 2" */
        CHANGE_WORKSHOP_REMOVED,
        CHANGE_WORKSHOP_CHANGED, /* field: participants, head_present */
        CHANGE_COMMENTS,         /* old/new: the comments only one side has,
                                    one per line */
        CHANGE_UNREADABLE,       /* new: the first error of the version that
                                    does not load (path:line:col: msg) */
        CHANGE_KINDS
};

struct change {
        enum change_kind kind;
        char *ministry; /* the office's ministry (the new one, else the old),
                           or the ministry a MINISTRY_* change is about */
        char *office;   /* the office id; NULL for roadmap.yaml */
        char *service;  /* the service id (removed: its old id); or NULL */
        char *was;      /* SERVICE_RENAMED: the old id; else NULL */
        char *item;     /* the workshop or history entry; or NULL */
        char *field;    /* the field as roadmap(5) names it; or NULL */
        char *old_value, *new_value; /* as text, dates in ISO; NULL: absent */
        bool numeric;                /* old/new are integers (JSON numbers) */
        struct date date; /* STATUS_MOVED, APPROVAL_*: the entry's date */
        char *note;       /* STATUS_MOVED: the entry's note; or NULL */
};

struct changes {
        struct change *items; /* in the order of the file: roadmap.yaml,
                                 then offices by path; within an office:
                                 office, services by id, approval,
                                 workshops, comments */
        size_t n, cap;
};

#define CHANGES_INIT                                                           \
        {                                                                      \
                NULL, 0, 0                                                     \
        }

/*
 * Append what changed from a to b to out.  Either side may be NULL (the
 * file added or removed) or hold a document that did not load (parsed
 * false, or a model with errors: then one CHANGE_UNREADABLE with the
 * first error in errors, which may be NULL).  a and b hold an office
 * (officediff_offices) or roadmap.yaml (officediff_roadmaps).
 */
void officediff_offices(const struct loaded *a, const struct loaded *b,
                        const struct diag_list *errors, struct changes *out);
void officediff_roadmaps(const struct loaded *a, const struct loaded *b,
                         const struct diag_list *errors, struct changes *out);
void changes_release(struct changes *c);

/* The kind as a JSON and command-line name: "service-renamed". */
const char *change_kind_name(enum change_kind k);

struct change_style {
        bool colour;         /* SGR colours: added green, removed red */
        bool bengali_digits; /* numbers and dates in Bengali digits */
        enum out_calendar calendar;
};

/*
 * One change as one line for a person, without the office (the caller
 * prints the office as a heading) and with its line end, e.g.
 *   "  ~ trade-licence: tcv.days 30 -> 7\n"
 *   "  + workshop roadmap 2026-10-05 batch 2\n"
 *   "  ! approval made stale by trade-licence, birth-certificate\n"
 */
void change_format_text(const struct change *c, const struct change_style *st,
                        struct strbuf *out);
/* One change as one JSON object, without a line end: {"kind":
 * "service-changed", "ministry": ..., "office": ..., "service": ...,
 * "field": ..., "old": ..., "new": ...}; absent members are null, numeric
 * values numbers. */
void change_format_json(const struct change *c, struct strbuf *out);

#endif
