/*
 * conflictfile: the conflict regions of a file that git left with
 * markers, each named by what taking their side instead of ours changes
 * (officediff.h).
 */
#include "roadmap/conflictfile.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "roadmap/officediff.h"
#include "roadmap/strbuf.h"
#include "roadmap/xalloc.h"
#include "roadmap/yamldoc.h"

/* ---- the regions --------------------------------------------------------- */

enum mark { MARK_NONE, MARK_OPEN, MARK_BASE, MARK_SEP, MARK_CLOSE };

/* One region: its bytes [start, end) from the start of its '<<<<<<<' line
 * to the end of its '>>>>>>>' line; our lines [ours, ours_end), theirs
 * [theirs, theirs_end); the lines of its first and last markers. */
struct region {
        size_t start, end, ours, ours_end, theirs, theirs_end;
        size_t size; /* of its markers: 7, or more as git was told */
        int line, last_line;
};

struct scan {
        const char *buf;
        size_t len;
        const char *display;
        struct region *items, cur;
        size_t n, cap;
        enum mark state; /* NONE: outside; OPEN: ours; BASE; SEP: theirs */
};

/* The marker at b[i] (a line start), of *size characters
 * (yamldoc_conflict_marker()). */
static enum mark marker_at(const char *b, size_t i, size_t len, size_t *size)
{
        static const char marks[] = "<|=>";
        size_t n = yamldoc_conflict_marker(b, i, len);

        if (n == 0)
                return MARK_NONE;
        *size = n;
        return (enum mark)(MARK_OPEN + (strchr(marks, b[i]) - marks));
}

static const char *mark_text(enum mark m)
{
        static const char *const text[] = {"", "<<<<<<<", "|||||||",
                                           "=======", ">>>>>>>"};
        return text[m];
}

/* The marker m at line, where the state does not allow it: -1. */
static int out_of_order(struct scan *s, enum mark m, int line,
                        struct diag_list *dl)
{
        struct diag *d;

        if (s->state == MARK_NONE)
                d = diag_error(dl, s->display, line, 1,
                               "git conflict marker '%s' without its '%s'",
                               mark_text(m), mark_text(MARK_OPEN));
        else
                d = diag_error(dl, s->display, line, 1,
                               "git conflict marker '%s' out of order in the "
                               "conflict of line %d",
                               mark_text(m), s->cur.line);
        diag_hint(d, "a conflict is '<<<<<<<', our lines, optionally "
                     "'|||||||' and the base's, '=======', their lines, "
                     "'>>>>>>>'");
        return -1;
}

/* One marker m of the given size on line, at bytes [at, eol). */
static int step(struct scan *s, enum mark m, size_t size, size_t at, size_t eol,
                int line, struct diag_list *dl)
{
        struct region *r = &s->cur;

        if (s->state != MARK_NONE && size != r->size)
                return 0; /* another merge's marker, inside this region */
        if (m == MARK_OPEN && s->state == MARK_NONE) {
                memset(r, 0, sizeof(*r));
                r->start = at;
                r->ours = eol;
                r->size = size;
                r->line = line;
        } else if (m == MARK_BASE && s->state == MARK_OPEN) {
                r->ours_end = at;
        } else if (m == MARK_SEP &&
                   (s->state == MARK_OPEN || s->state == MARK_BASE)) {
                if (s->state == MARK_OPEN)
                        r->ours_end = at;
                r->theirs = eol;
        } else if (m == MARK_CLOSE && s->state == MARK_SEP) {
                r->theirs_end = at;
                r->end = eol;
                r->last_line = line;
                s->items = xgrow(s->items, &s->cap, s->n + 1, sizeof(*r));
                s->items[s->n++] = *r;
                m = MARK_NONE;
        } else {
                return out_of_order(s, m, line, dl);
        }
        s->state = m;
        return 0;
}

/* Read every region of s->buf into s->items: 0, or -1 after an error. */
static int scan_regions(struct scan *s, struct diag_list *dl)
{
        const char *b = s->buf, *nl;
        size_t i = s->len >= 3 && memcmp(b, "\xef\xbb\xbf", 3) == 0 ? 3 : 0;
        size_t eol, size;
        enum mark m;
        int line = 1;

        for (; i < s->len; i = eol, line++) {
                nl = memchr(b + i, '\n', s->len - i);
                eol = nl ? (size_t)(nl - b) + 1 : s->len;
                m = marker_at(b, i, s->len, &size);
                if (m != MARK_NONE && step(s, m, size, i, eol, line, dl) != 0)
                        return -1;
        }
        if (s->state == MARK_NONE)
                return 0;
        diag_hint(diag_error(dl, s->display, s->cur.line, 1,
                             "git conflict marker '%s' without its '%s'",
                             mark_text(MARK_OPEN), mark_text(MARK_CLOSE)),
                  "a conflict ends with '>>>>>>>'");
        return -1;
}

/* ---- the views ----------------------------------------------------------- */

/* The text with every region resolved to ours but region theirs (an
 * index; s->n: none) resolved to theirs. */
static void view(const struct scan *s, size_t theirs, struct strbuf *out)
{
        size_t pos = 0, i;

        strbuf_reset(out);
        for (i = 0; i < s->n; i++) {
                const struct region *r = &s->items[i];
                strbuf_add(out, s->buf + pos, r->start - pos);
                if (i == theirs)
                        strbuf_add(out, s->buf + r->theirs,
                                   r->theirs_end - r->theirs);
                else
                        strbuf_add(out, s->buf + r->ours,
                                   r->ours_end - r->ours);
                pos = r->end;
        }
        strbuf_add(out, s->buf + pos, s->len - pos);
}

/* Load text as kind: whether it is valid (a model with errors, such as a
 * value their side may not have, would be compared wrongly). */
static bool load_view(struct loaded *l, enum load_kind kind,
                      const char *display, const struct strbuf *text)
{
        struct diag_list ignored = DIAG_LIST_INIT;
        int rc =
            load_bytes(l, kind, display, text->buf, text->len, NULL, &ignored);

        diag_list_release(&ignored);
        return rc == 0;
}

/* ---- the words ----------------------------------------------------------- */

/* A value: none, an id, number or keyword as it is, else quoted; cut to
 * one line of a sensible length. */
static void add_value(const char *v, struct strbuf *out)
{
        const size_t max = 60;
        size_t n, k;

        if (!v) {
                strbuf_addstr(out, "none");
                return;
        }
        n = strlen(v);
        k = strspn(v, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                      "0123456789-_.:/");
        if (k == n && n > 0 && n <= max) {
                strbuf_add(out, v, n);
                return;
        }
        if (n > max) /* at a character's start */
                for (n = max; n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80;)
                        n--;
        strbuf_addch(out, '"');
        strbuf_add_escaped(out, v, n);
        strbuf_addstr(out, v[n] ? "...\"" : "\"");
}

/* What the change is about: "service trade-licence", "approval", ... */
static void add_where(const struct change *c, struct strbuf *out)
{
        switch (c->kind) {
        case CHANGE_ROADMAP_CHANGED:
                strbuf_addstr(out, "roadmap");
                break;
        case CHANGE_MINISTRY_ADDED:
        case CHANGE_MINISTRY_REMOVED:
        case CHANGE_MINISTRY_CHANGED:
                strbuf_addf(out, "ministry %s", c->ministry ? c->ministry : "");
                break;
        case CHANGE_APPROVAL_GIVEN:
        case CHANGE_APPROVAL_RENEWED:
        case CHANGE_APPROVAL_REMOVED:
        case CHANGE_APPROVAL_CHANGED:
        case CHANGE_APPROVAL_STALE:
                strbuf_addstr(out, "approval");
                break;
        case CHANGE_WORKSHOP_ADDED:
        case CHANGE_WORKSHOP_REMOVED:
        case CHANGE_WORKSHOP_CHANGED:
                strbuf_addf(out, "workshop %s", c->item ? c->item : "");
                break;
        case CHANGE_SERVICES_REORDERED:
                strbuf_addstr(out, "services");
                break;
        case CHANGE_COMMENTS:
                strbuf_addstr(out, "comments");
                break;
        default:
                if (c->service)
                        strbuf_addf(out, "service %s",
                                    c->was ? c->was : c->service);
                else
                        strbuf_addstr(out, "office");
                if (c->kind == CHANGE_HISTORY_REMOVED ||
                    c->kind == CHANGE_HISTORY_CORRECTED)
                        strbuf_addf(out, ": history %s",
                                    c->item ? c->item : "");
        }
}

/* "FIELD: ours OLD, theirs NEW" (field NULL: no "FIELD: "). */
static void add_sides(const char *field, const char *old, const char *new,
                      struct strbuf *out)
{
        if (field)
                strbuf_addf(out, "%s: ", field);
        strbuf_addstr(out, "ours ");
        add_value(old, out);
        strbuf_addstr(out, ", theirs ");
        add_value(new, out);
}

/* What differs, ours (the change's old side) against theirs (its new). */
static void add_what(const struct change *c, struct strbuf *out)
{
        char day[16];

        switch (c->kind) {
        case CHANGE_MINISTRY_ADDED:
        case CHANGE_OFFICE_ADDED:
        case CHANGE_SERVICE_ADDED:
        case CHANGE_WORKSHOP_ADDED:
                strbuf_addstr(out, "only theirs has it");
                break;
        case CHANGE_MINISTRY_REMOVED:
        case CHANGE_OFFICE_REMOVED:
        case CHANGE_SERVICE_REMOVED:
        case CHANGE_WORKSHOP_REMOVED:
        case CHANGE_HISTORY_REMOVED:
                strbuf_addstr(out, "only ours has it");
                break;
        case CHANGE_SERVICE_RENAMED:
                add_sides("id", c->was, c->service, out);
                break;
        case CHANGE_PLAN_ADDED:
        case CHANGE_PLAN_REMOVED:
                add_sides("plan", c->old_value, c->new_value, out);
                break;
        case CHANGE_PLAN_CHANGED:
                strbuf_addstr(out, "plan.");
                add_sides(c->field, c->old_value, c->new_value, out);
                break;
        case CHANGE_STATUS_MOVED:
                date_format_iso(c->date, day);
                strbuf_addf(out, "history: only theirs has %s on %s",
                            c->new_value ? c->new_value : "", day);
                break;
        case CHANGE_SERVICES_REORDERED:
                add_sides("order", c->old_value, c->new_value, out);
                break;
        case CHANGE_COMMENTS:
                strbuf_addstr(out, "ours and theirs differ");
                break;
        default:
                add_sides(c->field ? c->field : NULL, c->old_value,
                          c->new_value, out);
        }
}

/* Whether c says something of its own: an approval made stale follows
 * from the changes of data that are named. */
static bool worth_naming(const struct change *c)
{
        return c->kind != CHANGE_APPROVAL_STALE && c->kind != CHANGE_UNREADABLE;
}

/* The changes as "WHERE: WHAT; WHAT; WHERE: WHAT; and N more" (a where
 * said once for the changes in a row that share it): the number named. */
static size_t describe_changes(const struct changes *ch, struct strbuf *out)
{
        const size_t max = 3;
        struct strbuf where = STRBUF_INIT, last = STRBUF_INIT;
        size_t i, named = 0, more = 0;

        for (i = 0; i < ch->n; i++) {
                const struct change *c = &ch->items[i];
                if (!worth_naming(c))
                        continue;
                if (named == max) {
                        more++;
                        continue;
                }
                strbuf_reset(&where);
                add_where(c, &where);
                if (named)
                        strbuf_addstr(out, "; ");
                if (!named || strcmp(where.buf, last.buf) != 0)
                        strbuf_addf(out, "%s: ", where.buf);
                add_what(c, out);
                strbuf_reset(&last);
                strbuf_addstr(&last, where.buf);
                named++;
        }
        if (more)
                strbuf_addf(out, "; and %zu more", more);
        strbuf_release(&where);
        strbuf_release(&last);
        return named;
}

/* ---- describing ---------------------------------------------------------- */

struct views {
        enum load_kind kind;
        struct strbuf text;
        struct loaded ours, theirs;
        bool ours_ok;
};

/* The changes that region i makes, in words, into out: whether any (both
 * views loaded and differ). */
static bool region_words(const struct scan *s, struct views *v, size_t i,
                         struct strbuf *out)
{
        struct changes ch = CHANGES_INIT;
        bool named = false;

        if (!v->ours_ok)
                return false;
        view(s, i, &v->text);
        if (load_view(&v->theirs, v->kind, s->display, &v->text)) {
                if (v->kind == LOAD_ROADMAP)
                        officediff_roadmaps(&v->ours, &v->theirs, NULL, &ch);
                else
                        officediff_offices(&v->ours, &v->theirs, NULL, &ch);
                named = describe_changes(&ch, out) > 0;
        }
        changes_release(&ch);
        loaded_reset(&v->theirs);
        return named;
}

/* The file of display as git add takes it: a revision's or the index's
 * ("REV:path", ":path", gitrepo.h) without the revision. */
static const char *file_of(const char *display)
{
        const char *colon = strchr(display, ':');

        if (colon && memchr(display, '/', (size_t)(colon - display)) == NULL)
                return colon + 1;
        return display;
}

/* Region i, in words if it is among the first CONFLICTFILE_NAMED_MAX
 * and they can be told, else by its lines. */
static void describe_region(const struct scan *s, struct views *v, size_t i,
                            struct strbuf *words, struct diag_list *dl)
{
        const struct region *r = &s->items[i];
        const char *file = file_of(s->display);
        struct diag *d;

        strbuf_reset(words);
        if (i < CONFLICTFILE_NAMED_MAX && region_words(s, v, i, words))
                d = diag_error(dl, s->display, r->line, 1,
                               "unresolved merge conflict: %s", words->buf);
        else
                d = diag_error(dl, s->display, r->line, 1,
                               "unresolved merge conflict (lines %d-%d)",
                               r->line, r->last_line);
        diag_hint(d,
                  "keep the lines you want, delete the markers, then 'git "
                  "add %s'; 'roadmap merge-driver --explain %s' lists the "
                  "conflicts",
                  file, file);
        if (i == CONFLICTFILE_NAMED_MAX)
                diag_hint(d,
                          "only the first %d conflicts are named in words: "
                          "this one and the %zu after it by their lines",
                          CONFLICTFILE_NAMED_MAX, s->n - i - 1);
}

static void describe_regions(const struct scan *s, enum load_kind kind,
                             struct diag_list *dl)
{
        struct views v = {.kind = kind};
        struct strbuf words = STRBUF_INIT;
        size_t i;

        strbuf_init(&v.text);
        loaded_init(&v.ours);
        loaded_init(&v.theirs);
        view(s, s->n, &v.text);
        v.ours_ok = load_view(&v.ours, kind, s->display, &v.text);
        for (i = 0; i < s->n; i++)
                describe_region(s, &v, i, &words, dl);
        strbuf_release(&words);
        strbuf_release(&v.text);
        loaded_release(&v.ours);
        loaded_release(&v.theirs);
}

int conflictfile_describe(enum load_kind kind, const char *display,
                          const char *buf, size_t len, struct diag_list *dl)
{
        struct scan s = {.buf = buf, .len = len, .display = display};
        int rc = -1;

        if (scan_regions(&s, dl) != 0)
                goto out;
        describe_regions(&s, kind, dl);
        rc = (int)s.n;
out:
        free(s.items);
        return rc;
}

/* Drop dl's findings from first on about display. */
static void drop_findings(struct diag_list *dl, size_t first,
                          const char *display)
{
        struct diag_list gone = DIAG_LIST_INIT;
        size_t i, kept = first;

        for (i = first; i < dl->n; i++) {
                struct diag d = dl->items[i];
                if (d.path && strcmp(d.path, display) == 0) {
                        gone.items =
                            xgrow(gone.items, &gone.cap, gone.n + 1, sizeof(d));
                        gone.items[gone.n++] = d;
                } else {
                        d.seq = kept;
                        dl->items[kept++] = d;
                }
        }
        dl->n = kept;
        diag_list_release(&gone);
}

int conflictfile_replace(enum load_kind kind, const char *display,
                         const char *buf, size_t len, struct diag_list *dl,
                         size_t first)
{
        struct diag_list regions = DIAG_LIST_INIT;
        int n = conflictfile_describe(kind, display, buf, len, &regions);

        if (n > 0) {
                drop_findings(dl, first, display);
                diag_list_move(dl, &regions);
        }
        diag_list_release(&regions);
        return n > 0 ? n : 0;
}
