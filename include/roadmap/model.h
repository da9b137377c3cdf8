/*
 * model: the typed meaning of roadmap.yaml and of an office file, with every
 * rule of roadmap(5).
 *
 * A model is read from a parsed yamldoc.  Every string and array in it
 * lives in the document's arena and every node pointer points into the
 * document's tree: a model is valid exactly as long as its document.
 */
#ifndef ROADMAP_MODEL_H
#define ROADMAP_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "roadmap/date.h"
#include "roadmap/diag.h"
#include "roadmap/yamldoc.h"

#define MODEL_VERSION 1
#define MODEL_ID_MAX 40
#define MODEL_INT_MAX 2147483647L
/* The longest text value, in UTF-16 code units: a spreadsheet cell's
 * (Excel's and LibreOffice's limit, as Excel counts). */
#define MODEL_TEXT_MAX 32767

enum status {
        STATUS_PLANNED,
        STATUS_DESIGNING,
        STATUS_DEVELOPING,
        STATUS_PILOTING,
        STATUS_LIVE,
        STATUS_DROPPED,
        STATUS_COUNT
};

enum recipients {
        RECIPIENTS_NONE, /* not given */
        RECIPIENTS_CITIZEN,
        RECIPIENTS_BUSINESS,
        RECIPIENTS_GOVERNMENT,
        RECIPIENTS_INSTITUTION,
        RECIPIENTS_COUNT
};

enum workshop_kind {
        WORKSHOP_ROADMAP,
        WORKSHOP_DESIGN,
        WORKSHOP_LEADERSHIP,
        WORKSHOP_COUNT
};

enum approval_state { APPROVAL_NONE, APPROVAL_APPROVED, APPROVAL_STALE };

/* Each integer is -1 when absent. */
struct tcv {
        const struct ynode *node; /* NULL: no tcv mapping */
        long days, cost, visits;
};

struct history_entry {
        const struct ynode *node;
        struct date date;
        enum status status;
        const char *note; /* NULL if absent */
};

struct plan {
        const struct ynode *node; /* NULL: the service has no plan */
        long priority;
        struct date due; /* unset if absent */
        struct tcv tcv;
        struct history_entry *history;
        size_t nhistory; /* >= 1 in a valid file */
};

struct service {
        const struct ynode *node;
        const char *id, *name, *name_bn; /* name_bn NULL if absent */
        enum recipients recipients;
        struct tcv tcv;
        struct date since; /* entered the inventory; unset if absent */
        struct plan plan;
};

struct approval {
        const struct ynode *node; /* NULL: no approval */
        const char *by;
        struct date date;
        const char *memo;   /* NULL if absent */
        const char *digest; /* NULL if absent */
        struct date submitted;
};

struct workshop {
        const struct ynode *node;
        enum workshop_kind kind;
        struct date date;
        long batch, participants; /* -1 if absent */
        bool head_present;
};

struct office {
        const struct yamldoc *doc;
        const struct ynode *node;          /* the "office" mapping */
        const struct ynode *services_node; /* NULL if absent */
        const struct ynode *workshops_node;
        const char *id, *name, *name_bn, *ministry, *head;
        struct service *services;
        size_t nservices;
        struct approval approval;
        struct workshop *workshops;
        size_t nworkshops;
};

struct ministry {
        const struct ynode *node;
        const char *id, *name, *name_bn;
};

struct roadmap_meta {
        const struct yamldoc *doc;
        const char *title, *title_bn;
        const struct ynode *ministries_node;
        struct ministry *ministries;
        size_t nministries;
};

/*
 * Read doc as roadmap.yaml / as the office whose id must be expected_id
 * (NULL: any).  Every rule violation is appended to dl (warnings too);
 * returns -1 if any error was found, else 0.  *out is filled as far as the
 * data allowed even on error.
 */
int model_read_roadmap(struct yamldoc *doc, struct roadmap_meta *out,
                       struct diag_list *dl);
int model_read_office(struct yamldoc *doc, const char *expected_id,
                      struct office *out, struct diag_list *dl);
/* Cross-file rules: the office's ministry exists in meta.  Returns -1 on
 * error. */
int model_check_refs(const struct office *o, const struct roadmap_meta *meta,
                     struct diag_list *dl);
/* Warn of every date of something that has happened (a history entry, the
 * approval and its submission, a workshop) later than tomorrow, at the
 * date's value.  The caller passes tomorrow: nothing here reads the
 * clock. */
void model_check_future(const struct office *o, struct date tomorrow,
                        struct diag_list *dl);

const struct ministry *model_find_ministry(const struct roadmap_meta *meta,
                                           const char *id);
const struct service *model_find_service(const struct office *o,
                                         const char *id);
/* The ministry / service id nearest to id (diag_did_you_mean()), for a
 * "did you mean" hint, or NULL if none is near. */
const char *model_near_ministry(const struct roadmap_meta *meta,
                                const char *id);
const char *model_near_service(const struct office *o, const char *id);
/* The key by which two names of services are one name, as people read
 * names: s[0..n) in NFC and case folded (a text that is not valid UTF-8 is
 * its own key).  Not bangla_skeleton()'s date-word folding, which also
 * makes Bengali digits ASCII and drops ZWJ and ZWNJ: "Form ১২" and "Form
 * 12" are two names.  The caller frees it. */
char *model_name_key(const char *s, size_t n);
/* The first service other than except (NULL: any) whose name is name, or
 * whose name_bn is name_bn (either NULL: not compared), as people read
 * names: equal by model_name_key(); *bn_out (optional) says whether it was
 * name_bn that matched.  NULL if none. */
const struct service *model_find_service_named(const struct office *o,
                                               const char *name,
                                               const char *name_bn,
                                               const struct service *except,
                                               bool *bn_out);
/* A workshop is identified by its kind, date and batch (-1: none, its own
 * value): the first entry with that identity, or NULL. */
const struct workshop *model_find_workshop(const struct office *o,
                                           enum workshop_kind kind,
                                           struct date date, long batch);

/* For each of n ids (NULL ids are skipped), first[i] = the index of the
 * first equal id, or i when it is the first.  O(n log n). */
void model_first_of_ids(const char *const *ids, size_t n, size_t *first);

/* The first control character in the UTF-8 text s[0..n) -- C0 but tab,
 * LF and CR; DEL; C1 -- as a code point, or -1 if there is none.  Text
 * fields must not hold one (roadmap(5)). */
long model_text_control(const char *s, size_t n);

/* Whether s (n bytes left) starts with "_xHHHH_", the escape a workbook
 * writes a character as (ECMA-376 ST_Xstring): a literal one is written
 * with its "_" escaped, as "_x005F_". */
bool model_text_xescape(const char *s, size_t n);
/* The length of the UTF-8 text s[0..n) as a workbook cell holds it, in
 * UTF-16 code units as a spreadsheet counts them: one per character, two
 * for one beyond U+FFFF, and seven for a character written escaped (CR as
 * "_x000D_", the "_" of a literal "_xHHHH_" as "_x005F_"), as
 * libxlsxwriter limits it.  Text fields hold at most MODEL_TEXT_MAX
 * (roadmap(5)), so every valid text fits a cell. */
size_t model_text_units(const char *s, size_t n);

/* True if s matches [a-z0-9][a-z0-9-]{0,39}. */
bool model_valid_id(const char *s, size_t n);

/* A service's status now, or on a date (false if it had none then). */
bool service_has_plan(const struct service *s);
enum status service_status(const struct service *s);
bool service_status_on(const struct service *s, struct date on, enum status *st,
                       struct date *since);
/* Planned: has a plan whose status (now / on a date) is not dropped. */
bool service_planned(const struct service *s);
bool service_planned_on(const struct service *s, struct date on);
/* The first history entry with status st (the day the service first went
 * live, for STATUS_LIVE), or NULL. */
const struct history_entry *service_first_status(const struct service *s,
                                                 enum status st);
/* Open on a date (unset: now): a plan whose status then is neither live
 * nor dropped. */
bool service_open_on(const struct service *s, struct date on);
/*
 * Priority first: when s, of priority 3 or more, went live (its first live
 * entry, on or before on) while a service of priority 1 or 2 was open that
 * day and is still open on on (unset: now), the first such service of o in
 * the inventory on on; else NULL.
 */
const struct service *service_passed_over(const struct office *o,
                                          const struct service *s,
                                          struct date on);
/* Whether a removed service a and an added one b look like one renamed:
 * the same name, the same Bengali name (byte for byte) or the same plan
 * history (dates and statuses). */
bool service_looks_renamed(const struct service *a, const struct service *b);

/*
 * The approval's state now: its digest against the plans as they are.  As
 * of a date: an approval dated later counts as none, and the digest is
 * checked against the plans as they stood on that date (a plan exists from
 * its first history entry's date; see digest_office_on()).
 */
enum approval_state office_approval_state(const struct office *o);
/* Whether the office has an approval dated on or before on. */
bool office_approved_by(const struct office *o, struct date on);
enum approval_state office_approval_state_on(const struct office *o,
                                             struct date on);

const char *status_name(enum status st);
int status_parse(const char *s, enum status *out); /* 0 or -1 */
const char *recipients_name(enum recipients r);
int recipients_parse(const char *s, enum recipients *out);
const char *workshop_kind_name(enum workshop_kind k);
int workshop_kind_parse(const char *s, enum workshop_kind *out);
const char *approval_state_name(enum approval_state a);

#endif
