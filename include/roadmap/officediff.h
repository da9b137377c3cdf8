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
 * comment-only edit is never an empty diff.  So are services reordered by
 * hand (those both versions have, in another order): one
 * SERVICES_REORDERED.  An extension key (x-..., kept and ignored by
 * roadmap(5)) whose value differs is a change of what holds it: of the
 * office (the office mapping or the file's top), a service or its tcv
 * ("tcv.x-..."), a plan or its tcv, a history entry (HISTORY_CORRECTED),
 * the approval, a workshop, roadmap.yaml or a ministry; the field is the
 * key, old and new a scalar's YAML text as written (quotes and all), or
 * "(list)" / "(mapping)" for a collection, "(changed)" for one that was a
 * collection before too.
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
        /* ADDED: new is the name; REMOVED: old is the name */
        CHANGE_MINISTRY_ADDED,
        CHANGE_MINISTRY_REMOVED,
        CHANGE_MINISTRY_CHANGED, /* field: name, name_bn */
        /* an office file */
        CHANGE_OFFICE_ADDED,
        CHANGE_OFFICE_REMOVED,
        CHANGE_OFFICE_CHANGED, /* field: id, name, name_bn, ministry, head,
                                  x-... */
        CHANGE_SERVICE_ADDED,
        CHANGE_SERVICE_REMOVED,
        CHANGE_SERVICE_RENAMED,    /* was: the old id */
        CHANGE_SERVICE_CHANGED,    /* field: name, name_bn, recipients,
                                      tcv.days, tcv.cost, tcv.visits, since,
                                      x-..., tcv.x-... */
        CHANGE_SERVICES_REORDERED, /* old/new: the ids of the services both
                                      versions have, ", "-separated, in
                                      the order of each */
        CHANGE_PLAN_ADDED,         /* new: "priority 1, due 2027-06-30,
                                      tcv.days 3" (what the plan sets); then
                                      each history entry as a STATUS_MOVED */
        CHANGE_PLAN_REMOVED,       /* old: the same */
        CHANGE_PLAN_CHANGED,       /* field: priority, due, tcv.days ... */
        CHANGE_STATUS_MOVED,       /* field: status; old/new: statuses (old
                                      NULL: the first entry); date; note */
        CHANGE_HISTORY_CORRECTED,  /* item: the entry before; field: date,
                                      status, note */
        CHANGE_HISTORY_REMOVED,    /* item: the entry; date; note */
        CHANGE_APPROVAL_GIVEN,     /* new: by; date */
        CHANGE_APPROVAL_RENEWED,   /* field: date; old/new: the dates; date:
                                      the new one */
        CHANGE_APPROVAL_REMOVED,   /* old: by; date */
        CHANGE_APPROVAL_CHANGED,   /* field: by, memo, submitted; digest (only
                                      when not renewed: a hand edit) */
        CHANGE_APPROVAL_STALE,     /* new: the services, comma-separated, or
                                      NULL when none of them changed */
        CHANGE_WORKSHOP_ADDED,     /* item: "roadmap 2026-10-05 batch 2"; new:
                                      "24 participants, head present" or
                                      NULL; date */
        CHANGE_WORKSHOP_REMOVED,   /* the same, with old */
        CHANGE_WORKSHOP_CHANGED,   /* field: participants, head_present */
        CHANGE_COMMENTS,           /* old/new: the comments only one side has,
                                      one per line */
        CHANGE_UNREADABLE,         /* new: the first error of the version that
                                      does not load, as diag_format() writes
                                      it ("path:line:col: error: msg") */
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
        struct date date; /* STATUS_MOVED, HISTORY_REMOVED, APPROVAL_*,
                             WORKSHOP_ADDED/REMOVED: the item's date */
        char *note;       /* STATUS_MOVED, HISTORY_REMOVED: the entry's
                             note; or NULL */
};

struct changes {
        struct change *items; /* in the order of the file: roadmap.yaml,
                                 then offices by path (the caller's
                                 order); within roadmap.yaml: title,
                                 its x- keys, ministries by id, comments;
                                 within an office: office (its fields,
                                 then x- keys), services reordered,
                                 services by id (the new
                                 id; a removed one by its old id), approval,
                                 workshops by date, kind and batch,
                                 comments.  Within a service: renamed,
                                 its fields, its plan, then its history
                                 entry by entry */
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
 * first error, and nothing else).  errors holds what loading a and b
 * reported; an error about the path of a or b (as loaded, l->path) or
 * about no file makes that side unreadable, others are ignored, so one
 * list may serve many files; give the two sides different paths (say
 * "HEAD:offices/x.yaml") if it is to tell which failed.  errors NULL:
 * only a document that did not parse is unreadable.  a and b hold an
 * office (officediff_offices) or roadmap.yaml (officediff_roadmaps).
 *
 * An office added is OFFICE_ADDED then all it holds as added (services,
 * plans, approval, workshops, comments); an office removed is one
 * OFFICE_REMOVED.  roadmap.yaml added or removed is compared with an
 * empty one.
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
 * prints the office as a heading) and with its line end: two spaces, a
 * sign ('+' added, '-' removed, '~' changed, '!' approval made stale or
 * file unreadable, '#' comments), a space, then:
 *   ~ roadmap title "Old" -> "New"
 *   + ministry lgd "Local Government Division"       (- the same)
 *   ~ ministry lgd: name_bn none -> "স্থানীয় সরকার বিভাগ"
 *   + office gcc "Gazipur City Corporation"          (- the same)
 *   ~ office: head "Mayor" -> "Chief Executive Officer"
 *   + service birth-certificate "Birth certificate"  (- the same)
 *   ~ services reordered
 *   ~ office: x-contact none -> 041-720000              (YAML text as is)
 *   ~ service trade-licence-issue renamed to trade-licence
 *   ~ trade-licence: tcv.days 30 -> 7
 *   + trade-licence: plan priority 1, due 2027-06-30 (- the same)
 *   ~ trade-licence: plan due 2027-06-30 -> 2027-12-31
 *   ~ trade-licence: status designing -> developing on 2026-11-02 "note"
 *   ~ trade-licence: status planned on 2026-10-01    (a plan's first)
 *   ~ trade-licence: history 2026-10-01 designing corrected: date
 *     2026-10-01 -> 2026-10-02                       (one line)
 *   - trade-licence: history 2026-11-02 developing "note"
 *   + approval by "Mayor" on 2026-10-31              (- the same)
 *   ~ approval renewed: 2026-10-31 -> 2026-11-30
 *   ~ approval: memo none -> "46.31..."
 *   ! approval made stale by trade-licence, birth-certificate
 *   + workshop roadmap 2026-10-05 batch 2 (24 participants)  (- the same)
 *   ~ workshop design 2026-11-10: participants 8 -> 9
 *   # comments changed: - "# old" + "# new"
 *   ! unreadable: b/gcc.yaml:3:1: error: ...
 * Text people wrote (names, notes, memo, by) is quoted; an absent value
 * is none; ids and keywords (statuses, recipients, yes/no) stand as they
 * are.  Control characters are escaped (strbuf_add_escaped).  Numbers
 * and dates -- values, items, a plan's and a workshop's summary -- follow
 * the style: Bengali digits, and dates in the Bangla calendar
 * ("১৭ কার্তিক ১৪৩৩", always in Bengali digits); ids and quoted text
 * never change.  With colour the line after its two spaces is in SGR
 * green (added), red (removed, unreadable) or yellow (the rest), reset
 * before the line end.  st NULL: plain.
 */
void change_format_text(const struct change *c, const struct change_style *st,
                        struct strbuf *out);
/* One change as one JSON object, without a line end, every member always
 * there in this order (absent ones null; old and new numbers when the
 * change is numeric, else strings; date ISO; digits and calendar never
 * change); an approval-stale object has one more member at its end,
 * "services": the array of the ids its new names:
 * {"kind":"service-changed","ministry":"lgd","office":"gcc","service":
 * "trade-licence","was":null,"item":null,"field":"tcv.days","old":30,
 * "new":7,"date":null,"note":null} */
void change_format_json(const struct change *c, struct strbuf *out);

#endif
