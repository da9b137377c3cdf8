#!/usr/bin/python3
"""An independent implementation of `roadmap report`, written from the
documentation (SPEC.md section 7, roadmap-report(1), roadmap(5), the dates of
roadmap(1)) rather than from src/report.c: PyYAML's libyaml loader, no
validation (the repository must pass `roadmap check`).

usage: report.py ROOT [KIND] [--format csv|tsv|json] [--excel] [--as-of DATE]
                 [--ministry M]... [--office O]... [--status S] [--fy YYYY-YY]
                 [--quarter Q] [--calendar gregorian|bangla]
                 [--digits latin|bengali]
       report.py ROOT --batch CASES OUTDIR
       report.py ROOT            (the services report, as the benchmark runs it)

The report goes to standard output; the exit status is what roadmap's would
be (2 for a usage error, 1 for an unknown --ministry or --office), with
nothing written then.  --batch reads CASES, one JSON list of arguments per
line (the arguments of `roadmap report`), and writes OUTDIR/N.out and
OUTDIR/N.rc for the Nth line (from 1), reading the repository once.  Today is
ROADMAP_TODAY, else the local date.  --format table is not implemented: it
is for people and is checked against its golden files only.
"""
import datetime
import hashlib
import json
import os
import re
import sys
import unicodedata

import yaml

Date = datetime.date
STATUSES = ["planned", "designing", "developing", "piloting", "live",
            "dropped"]
KINDS = ["offices", "services", "ministries", "workshops", "totals",
         "progress", "overdue", "apa", "training"]
WORKSHOP_KINDS = ["roadmap", "design", "leadership"]
TCV = ("days", "cost", "visits")
BN_DIGITS = "০১২৩৪৫৬৭৮৯"
TO_BN = str.maketrans("0123456789", BN_DIGITS)
TO_LATIN = str.maketrans(BN_DIGITS, "0123456789")

# Column types: T text, I integer, B yes/no, D date.
COLUMNS = {
    "services": "ministry:T office:T service:T name:T name_bn:T recipients:T "
                "days:I cost:I visits:I planned:B priority:I due:D status:T "
                "status_date:D target_days:I target_cost:I target_visits:I "
                "days_saved:I cost_saved:I visits_saved:I days_saved_pct:I "
                "cost_saved_pct:I visits_saved_pct:I overdue:B",
    "offices": "ministry:T office:T name:T services:I planned:I priority1:I "
               "live:I approval:T approved:D submitted:D participants:I "
               "name_bn:T dropped:I workshops:I days_saved:I cost_saved:I "
               "visits_saved:I memo:T overdue:I",
    "ministries": "ministry:T name:T offices:I services:I planned:I live:I "
                  "approved_offices:I participants:I name_bn:T priority1:I "
                  "stale_offices:I days_saved:I cost_saved:I visits_saved:I "
                  "overdue:I days_now:I cost_now:I visits_now:I "
                  "days_target:I cost_target:I visits_target:I",
    "workshops": "kind:T offices:I participants:I batches:I attendances:I "
                 "heads_present:I",
    "totals": "ministries:I offices:I services:I planned:I live:I "
              "approved_offices:I participants:I priority1:I stale_offices:I "
              "days_saved:I cost_saved:I visits_saved:I overdue:I "
              "days_now:I cost_now:I visits_now:I days_target:I "
              "cost_target:I visits_target:I",
    "progress": "ministry:T office:T planned:I designing:I developing:I "
                "piloting:I live:I dropped:I changed:I services:I overdue:I",
    "overdue": "ministry:T office:T service:T name:T priority:I due:D "
               "status:T status_date:D days_overdue:I name_bn:T "
               "office_name:T office_name_bn:T",
    "apa": "ministry:T office:T name:T fy:T offices:I live:I target:I met:I "
           "approval:T approved_offices:I head_trained:I trained:I "
           "priority_first:I name_bn:T",
    "training": "fy:T quarter:I from:D to:D roadmap:I design:I leadership:I "
                "participants:I offices:I heads_present:I",
}
COLUMNS = {k: [tuple(c.split(":")) for c in v.split()]
           for k, v in COLUMNS.items()}


class Usage(Exception):
    """A usage error: exit 2."""


class Refused(Exception):
    """An unknown --ministry or --office: exit 1."""


# ---- the Bangla calendar (roadmap(1), "Dates and numbers") ----

# The government's spellings, in NFC (which keeps য়, ড়, ঢ় decomposed).
BN_MONTHS = [unicodedata.normalize("NFC", m) for m in (
    "বৈশাখ", "জ্যৈষ্ঠ", "আষাঢ়", "শ্রাবণ", "ভাদ্র", "আশ্বিন", "কার্তিক",
    "অগ্রহায়ণ", "পৌষ", "মাঘ", "ফাল্গুন", "চৈত্র")]


def leap(y):
    return y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)


def bangla_month_days(by):
    """Lengths of the 12 months of Bangla year by."""
    falgun_leap = leap(by + 594)
    if by <= 1425:  # the 1987 Bangla Academy revision
        return [31] * 5 + [30] * 5 + [31 if falgun_leap else 30, 30]
    return [31] * 6 + [30] * 4 + [30 if falgun_leap else 29, 30]  # 2019


def to_bangla(d):
    by = d.year - 593 if d >= Date(d.year, 4, 14) else d.year - 594
    n = (d - Date(by + 593, 4, 14)).days
    for m, days in enumerate(bangla_month_days(by)):
        if n < days:
            return by, m + 1, n + 1
        n -= days
    raise AssertionError(d)


def from_bangla(by, bm, bd):
    days = bangla_month_days(by)
    if not (1 <= bm <= 12 and 1 <= bd <= days[bm - 1]):
        raise ValueError("no such Bangla date")
    return Date(by + 593, 4, 14) + datetime.timedelta(
        days=sum(days[:bm - 1]) + bd - 1)


def parse_date(s):
    """ISO in ASCII or Bengali digits, or "D month Y" of the Bangla calendar
    in the government's spelling."""
    s = unicodedata.normalize("NFC", s.strip()).translate(TO_LATIN)
    try:
        m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s)
        if m:
            return Date(int(m[1]), int(m[2]), int(m[3]))
        m = re.fullmatch(r"(\d{1,2}) (\S+) (\d{4})", s)
        if m and m[2] in BN_MONTHS:
            return from_bangla(int(m[3]), BN_MONTHS.index(m[2]) + 1, int(m[1]))
    except ValueError:
        pass
    raise Usage("invalid date " + s)


def parse_number(s):
    s = s.strip().translate(TO_LATIN)
    if not re.fullmatch(r"[0-9]+", s):
        raise Usage("invalid number " + s)
    return int(s)


# ---- fiscal years: July to June ----

def parse_fy(s):
    m = re.fullmatch(r"([0-9]{4})-([0-9]{2})", s.strip().translate(TO_LATIN))
    if not m or int(m[2]) != (int(m[1]) + 1) % 100:
        raise Usage("invalid --fy " + s)
    return int(m[1])


def fiscal_of(d):
    return d.year if d.month >= 7 else d.year - 1


def period_range(fy, quarter):
    if not quarter:
        return Date(fy, 7, 1), Date(fy + 1, 6, 30)
    first = [Date(fy, 7, 1), Date(fy, 10, 1), Date(fy + 1, 1, 1),
             Date(fy + 1, 4, 1)][quarter - 1]
    after = [Date(fy, 10, 1), Date(fy + 1, 1, 1), Date(fy + 1, 4, 1),
             Date(fy + 1, 7, 1)][quarter - 1]
    return first, after - datetime.timedelta(days=1)


# ---- memo numbers (the official formats of the Secretariat Instructions) ----

MEMO_GROUPS = ["2.3.3.2.2.3.4", "2.2.4.3.2.3.2", "2.2.4.3.3.3.4",
               "2.2.4.3.3.2.4.2"]


def memo_pattern(digit):
    groups = "|".join(r"\.".join("%s{%s}" % (digit, w) for w in g.split("."))
                      for g in MEMO_GROUPS)
    num = "%s{1,9}" % digit
    return re.compile(r"(?:%s)(?:\(অংশ-%s\))?(?:[-.]%s)?(?:/%s(?:\(%s\))?)?"
                      % (groups, num, num, num, num))


MEMO_RE = [memo_pattern("[0-9]"), memo_pattern("[০-৯]")]


def memo_cell(memo, digits):
    """The memo as typed, or in the digits asked for when it fits a format."""
    if memo is None or digits is None:
        return memo
    t = memo.strip(" \t")
    if not any(r.fullmatch(t) for r in MEMO_RE):
        return memo
    return t.translate(TO_BN if digits == "bengali" else TO_LATIN)


# ---- the model ----

def iso(d):
    return d.isoformat()


def as_date(v):
    if v is None or isinstance(v, Date):
        return v
    return Date.fromisoformat(str(v))


class Service:
    def __init__(self, s):
        self.id = str(s["id"])
        self.name = str(s["name"])
        self.name_bn = None if s.get("name_bn") is None else str(s["name_bn"])
        self.recipients = s.get("recipients")
        tcv = s.get("tcv") or {}
        self.tcv = [tcv.get(k) for k in TCV]
        self.since = as_date(s.get("since"))
        plan = s.get("plan")
        self.plan = plan is not None
        if plan is not None:
            self.priority = plan["priority"]
            self.due = as_date(plan.get("due"))
            target = plan.get("tcv") or {}
            self.target = [target.get(k) for k in TCV]
            self.history = [(as_date(h["date"]), h["status"])
                            for h in plan["history"]]

    def begun(self, d):
        return self.plan and self.history[0][0] <= d

    def entry(self, d):
        """(date, status) of the last history entry on or before d."""
        last = None
        if self.plan:
            for h in self.history:
                if h[0] <= d:
                    last = h
        return last

    def status(self, d):
        e = self.entry(d)
        return e[1] if e else None

    def planned(self, d):
        return self.begun(d) and self.status(d) != "dropped"

    def listed(self, d):
        """In the inventory on d: since is absent or not after d."""
        return self.since is None or self.since <= d

    def overdue(self, d):
        """Due before d, and neither live nor dropped on d."""
        return (self.begun(d) and self.due is not None and self.due < d
                and self.status(d) not in ("live", "dropped"))

    def went_live(self):
        """The date of the first history entry with status live, or None."""
        for date, status in self.history if self.plan else []:
            if status == "live":
                return date
        return None

    def open(self, d):
        """A plan whose status on d is neither live nor dropped."""
        return self.status(d) not in (None, "live", "dropped")

    def savings(self):
        return [None if a is None or b is None else a - b
                for a, b in zip(self.tcv, self.target)]

    def changed(self, first, last):
        """An entry in [first, last] with a status other than the one
        before it."""
        before = None
        for date, status in self.history if self.plan else []:
            if first <= date <= last and status != before:
                return True
            before = status
        return False

    def digest_line(self, d):
        """This service in the approval digest, its plan as of d (None: as
        it is)."""
        if d is not None and not self.listed(d):
            return ""
        if not self.plan or (d is not None and not self.begun(d)):
            return "service %s\n" % self.id
        dash = lambda v: "-" if v is None else str(v)
        return "service %s priority %d due %s days %s cost %s visits %s\n" % (
            self.id, self.priority, dash(self.due and iso(self.due)),
            *map(dash, self.target))


class Office:
    def __init__(self, doc):
        o = doc["office"]
        self.id, self.ministry = str(o["id"]), str(o["ministry"])
        self.name = str(o["name"])
        self.name_bn = None if o.get("name_bn") is None else str(o["name_bn"])
        self.services = [Service(s) for s in doc.get("services") or []]
        a = doc.get("approval")
        self.approval = a
        if a is not None:
            self.approved = as_date(a["date"])
            self.submitted = as_date(a.get("submitted"))
            self.memo = None if a.get("memo") is None else str(a["memo"])
            self.digest = a.get("digest")
        self.workshops = [(w["kind"], as_date(w["date"]), w.get("batch"),
                           w.get("participants") or 0,
                           w.get("head_present") is True)
                          for w in doc.get("workshops") or []]

    def approval_state(self, ctx):
        a = self.approval
        if a is None or self.approved > ctx.date:
            return "none"
        if self.digest is None:
            return "approved"
        when = ctx.date if ctx.dated else None
        text = "".join(s.digest_line(when) for s in
                       sorted(self.services, key=lambda s: s.id.encode()))
        ok = self.digest == "sha256:" + hashlib.sha256(text.encode()).hexdigest()
        return "approved" if ok else "stale"

    def workshops_in(self, ctx):
        return [w for w in self.workshops
                if w[1] <= ctx.date and (ctx.first is None or w[1] >= ctx.first)]


def load(root):
    with open(os.path.join(root, "roadmap.yaml"), "rb") as fp:
        top = yaml.load(fp, Loader=yaml.CSafeLoader)
    ministries = {str(m["id"]): m for m in top.get("ministries") or []}
    offices = []
    for dirpath, dirs, files in os.walk(os.path.join(root, "offices")):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for f in files:
            if f.endswith(".yaml") and not f.startswith("."):
                with open(os.path.join(dirpath, f), "rb") as fp:
                    offices.append(Office(yaml.load(fp, Loader=yaml.CSafeLoader)))
    offices.sort(key=lambda o: (o.ministry.encode(), o.id.encode()))
    return ministries, offices


# ---- options ----

class Context:
    """The options of one report, with the dates resolved."""

    def __init__(self, args, today):
        self.kind, self.format, self.excel = "offices", "csv", False
        self.ministries, self.offices = [], []
        self.status = None
        self.calendar, self.digits = "gregorian", None
        as_of = fy = None
        quarter = 0
        kind_given = False
        i = 0
        while i < len(args):
            a = args[i]
            if not a.startswith("--"):
                if kind_given or a not in KINDS:
                    raise Usage("bad argument " + a)
                self.kind, kind_given = a, True
                i += 1
                continue
            if a == "--excel":
                self.excel = True
                i += 1
                continue
            if i + 1 >= len(args):
                raise Usage(a + " needs a value")
            v = args[i + 1]
            i += 2
            if a == "--format":
                if v not in ("csv", "tsv", "json"):
                    raise Usage("format " + v)
                self.format = v
            elif a == "--as-of":
                as_of = parse_date(v)
            elif a == "--ministry":
                self.ministries.append(v)
            elif a == "--office":
                self.offices.append(v)
            elif a == "--status":
                if v not in STATUSES and v != "none":
                    raise Usage("status " + v)
                self.status = v
            elif a == "--calendar":
                if v not in ("gregorian", "bangla"):
                    raise Usage("calendar " + v)
                self.calendar = v
            elif a == "--digits":
                if v not in ("latin", "bengali"):
                    raise Usage("digits " + v)
                self.digits = v
            elif a == "--fy":
                fy = parse_fy(v)
            elif a == "--quarter":
                quarter = parse_number(v)
                if not 1 <= quarter <= 4:
                    raise Usage("quarter " + v)
            elif a == "--jobs":
                parse_number(v)
            else:
                raise Usage("unknown option " + a)
        if self.excel and self.format != "csv":
            raise Usage("--excel applies to csv")
        self.dated = as_of is not None or fy is not None or quarter > 0
        self.first = None  # the period's first day, for --fy and --quarter
        if fy is not None or quarter:
            if fy is None:
                fy = fiscal_of(as_of if as_of is not None else today())
            self.first, last = period_range(fy, quarter)
            if as_of is not None and not self.first <= as_of <= last:
                raise Usage("--as-of outside the period")
            as_of = as_of or last
        self.date = as_of if as_of is not None else today()
        # progress counts changes in the period, else in the month so far
        self.change_from = self.first or self.date.replace(day=1)


# ---- the reports ----

def keep(ctx, s):
    if ctx.status is None:
        return True
    if ctx.status == "none":
        return not s.begun(ctx.date)
    return s.status(ctx.date) == ctx.status


def select(ctx, ministries, offices):
    """[(office, its kept services)], the ministry ids the report covers.
    --ministry and --office may each be given more than once: any of them."""
    if any(m not in ministries for m in ctx.ministries):
        raise Refused("unknown ministry")
    if any(i not in {o.id for o in offices} for i in ctx.offices):
        raise Refused("unknown office")
    rows = []
    for o in offices:
        if ctx.ministries and o.ministry not in ctx.ministries:
            continue
        if ctx.offices and o.id not in ctx.offices:
            continue
        svcs = [s for s in o.services
                if s.listed(ctx.date) and keep(ctx, s)]
        if ctx.status is not None and not svcs:
            continue
        rows.append((o, svcs))
    if ctx.offices or ctx.status is not None:
        covered = sorted({o.ministry for o, _ in rows}, key=str.encode)
    elif ctx.ministries:
        covered = sorted(set(ctx.ministries), key=str.encode)
    else:
        covered = sorted(ministries, key=str.encode)
    return rows, covered


def office_numbers(ctx, o, svcs):
    d = ctx.date
    planned = [s for s in svcs if s.planned(d)]
    saved, now, target = [0, 0, 0], [0, 0, 0], [0, 0, 0]
    for s in planned:
        for i, v in enumerate(s.savings()):
            saved[i] += v or 0
            # the services that have both a value now and a target
            if s.tcv[i] is not None and s.target[i] is not None:
                now[i] += s.tcv[i]
                target[i] += s.target[i]
    ws = o.workshops_in(ctx)
    state = o.approval_state(ctx)
    return {
        "services": len(svcs), "planned": len(planned),
        "priority1": sum(1 for s in planned if s.priority == 1),
        "live": sum(1 for s in svcs if s.status(d) == "live"),
        "dropped": sum(1 for s in svcs if s.status(d) == "dropped"),
        "approval": state,
        "approved_offices": int(state == "approved"),
        "stale_offices": int(state == "stale"),
        "participants": sum(w[3] for w in ws), "workshops": len(ws),
        "days_saved": saved[0], "cost_saved": saved[1],
        "visits_saved": saved[2],
        **{k + "_now": v for k, v in zip(TCV, now)},
        **{k + "_target": v for k, v in zip(TCV, target)},
        "overdue": sum(1 for s in svcs if s.overdue(d)),
    }


def percent(part, whole):
    """100 * part / whole rounded half away from zero."""
    p = (200 * abs(part) + whole) // (2 * whole)
    return -p if part < 0 else p


def services_rows(ctx, rows, covered):
    d = ctx.date
    for o, svcs in rows:
        for s in svcs:
            r = {"ministry": o.ministry, "office": o.id, "service": s.id,
                 "name": s.name, "name_bn": s.name_bn,
                 "recipients": s.recipients, "days": s.tcv[0],
                 "cost": s.tcv[1], "visits": s.tcv[2],
                 "planned": s.planned(d)}
            if s.begun(d):
                e = s.entry(d)
                r.update(overdue=s.overdue(d))
                r.update(priority=s.priority, due=s.due, status=e[1],
                         status_date=e[0], target_days=s.target[0],
                         target_cost=s.target[1], target_visits=s.target[2])
                if s.planned(d):
                    for k, v, today in zip(TCV, s.savings(), s.tcv):
                        r[k + "_saved"] = v
                        if v is not None and today:
                            r[k + "_saved_pct"] = percent(v, today)
            yield r


def offices_rows(ctx, rows, covered):
    for o, svcs in rows:
        r = office_numbers(ctx, o, svcs)
        r.update(ministry=o.ministry, office=o.id, name=o.name,
                 name_bn=o.name_bn)
        if r["approval"] != "none":
            r["approved"] = o.approved
            if o.submitted is not None and o.submitted <= ctx.date:
                r["submitted"] = o.submitted
            r["memo"] = memo_cell(o.memo, ctx.digits)
        yield r


SUMMED = ["services", "planned", "live", "approved_offices", "participants",
          "priority1", "stale_offices", "days_saved", "cost_saved",
          "visits_saved", "overdue", "days_now", "cost_now", "visits_now",
          "days_target", "cost_target", "visits_target"]


def ministries_rows(ctx, rows, covered, ministries):
    for mid in covered:
        m = ministries[mid]
        r = {k: 0 for k in SUMMED}
        r.update(ministry=mid, name=str(m["name"]), offices=0,
                 name_bn=None if m.get("name_bn") is None else str(m["name_bn"]))
        for o, svcs in rows:
            if o.ministry == mid:
                r["offices"] += 1
                n = office_numbers(ctx, o, svcs)
                for k in SUMMED:
                    r[k] += n[k]
        yield r


def totals_rows(ctx, rows, covered):
    r = {k: 0 for k in SUMMED}
    r.update(ministries=len(covered), offices=len(rows))
    for o, svcs in rows:
        n = office_numbers(ctx, o, svcs)
        for k in SUMMED:
            r[k] += n[k]
    yield r


def workshops_rows(ctx, rows, covered):
    for kind in WORKSHOP_KINDS:
        offices, batches = set(), set()
        r = {"kind": kind, "participants": 0, "attendances": 0,
             "heads_present": 0}
        for o, _ in rows:
            for w in o.workshops_in(ctx):
                if w[0] != kind:
                    continue
                offices.add(o.id)
                if w[2] is not None:
                    batches.add(w[2])
                r["participants"] += w[3]
                r["attendances"] += 1
                r["heads_present"] += w[4]
        r.update(offices=len(offices), batches=len(batches))
        yield r


def progress_rows(ctx, rows, covered):
    for o, svcs in rows:
        r = {st: 0 for st in STATUSES}
        for s in svcs:
            st = s.status(ctx.date)
            if st is not None:
                r[st] += 1
        r.update(ministry=o.ministry, office=o.id, services=len(svcs),
                 changed=sum(1 for s in svcs
                             if s.changed(ctx.change_from, ctx.date)),
                 overdue=sum(1 for s in svcs if s.overdue(ctx.date)))
        yield r


def overdue_rows(ctx, rows, covered):
    d = ctx.date
    for o, svcs in rows:
        for s in svcs:
            if not s.overdue(d):
                continue
            e = s.entry(d)
            yield {"ministry": o.ministry, "office": o.id, "service": s.id,
                   "name": s.name, "priority": s.priority, "due": s.due,
                   "status": e[1], "status_date": e[0],
                   "days_overdue": (d - s.due).days, "name_bn": s.name_bn,
                   "office_name": o.name, "office_name_bn": o.name_bn}


def fy_name(fy):
    return "%d-%02d" % (fy, (fy + 1) % 100)


APA_SUMMED = ["offices", "live", "target", "met", "approved_offices",
              "head_trained", "trained", "priority_first"]


def priority_first(o, d, first):
    """0 if a service of priority 3+ went live in [first, d] while one of
    priority 1-2 was open that day and still is on d (among the office's
    services in the inventory on d, whatever --status)."""
    listed = [s for s in o.services if s.listed(d) and s.plan]
    for s in listed:
        day = s.went_live()
        if s.priority < 3 or day is None or not first <= day <= d:
            continue
        if any(t is not s and t.priority in (1, 2) and t.open(day)
               and t.open(d) for t in listed):
            return 0
    return 1


def apa_office(ctx, o, svcs):
    d = ctx.date
    first = Date(fiscal_of(d), 7, 1)
    live = sum(1 for s in svcs
               if s.went_live() is not None and first <= s.went_live() <= d)
    state = o.approval_state(ctx)
    return {"offices": 1, "live": live, "target": 1, "met": int(live >= 1),
            "approval": state, "approved_offices": int(state == "approved"),
            "head_trained": int(any(w[0] == "leadership" and w[1] <= d and w[4]
                                    for w in o.workshops)),
            "trained": sum(w[3] for w in o.workshops if first <= w[1] <= d),
            "priority_first": priority_first(o, d, first)}


def apa_rows(ctx, rows, covered, ministries):
    fy = fy_name(fiscal_of(ctx.date))
    per = {}
    for o, svcs in rows:
        r = apa_office(ctx, o, svcs)
        per.setdefault(o.ministry, []).append(r)
        yield dict(r, ministry=o.ministry, office=o.id, name=o.name, fy=fy,
                   name_bn=o.name_bn)
    total = {k: 0 for k in APA_SUMMED}
    for mid in covered:
        m = ministries[mid]
        r = {k: sum(x[k] for x in per.get(mid, [])) for k in APA_SUMMED}
        for k in APA_SUMMED:
            total[k] += r[k]
        yield dict(r, ministry=mid, name=str(m["name"]), fy=fy,
                   name_bn=None if m.get("name_bn") is None
                   else str(m["name_bn"]))
    yield dict(total, name="Total", fy=fy)


def training_rows(ctx, rows, covered):
    quarters = {}
    for o, _ in rows:
        for w in o.workshops_in(ctx):
            fy = fiscal_of(w[1])
            q = (w[1].month - 7) % 12 // 3 + 1
            r = quarters.setdefault((fy, q), {"offices": set(), "heads": 0,
                                              **{k: 0 for k in WORKSHOP_KINDS}})
            r[w[0]] += w[3]
            r["offices"].add(o.id)
            r["heads"] += w[4]
    for (fy, q), r in sorted(quarters.items()):
        first, last = period_range(fy, q)
        yield dict({k: r[k] for k in WORKSHOP_KINDS}, fy=fy_name(fy),
                   quarter=q, participants=sum(r[k] for k in WORKSHOP_KINDS),
                   offices=len(r["offices"]), heads_present=r["heads"],
                   **{"from": first, "to": last})


# ---- output ----

def cell_text(ctx, typ, v):
    """A cell of csv or tsv, before quoting; None for an empty cell."""
    if v is None:
        return None
    if typ == "B":
        return "yes" if v else "no"
    if typ == "I":
        s = str(v)
        return s.translate(TO_BN) if ctx.digits == "bengali" else s
    if typ == "D":
        return date_text(ctx, v)
    return "'" + v if v[:1] in ("=", "+", "-", "@", "\t", "\r") else v


def date_text(ctx, d):
    if ctx.calendar == "bangla":
        by, bm, bd = to_bangla(d)
        return ("%d %s %d" % (bd, BN_MONTHS[bm - 1], by)).translate(TO_BN)
    return iso(d).translate(TO_BN) if ctx.digits == "bengali" else iso(d)


def csv_field(s):
    if s is None:
        return ""
    if any(c in s for c in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def tsv_field(s):
    if s is None:
        return ""
    return (s.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            .replace("\r", "\\r"))


def json_value(ctx, typ, v):
    if v is None:
        return "null"
    if typ == "B":
        return "true" if v else "false"
    if typ == "I":
        return str(v)
    if typ == "D":
        v = date_text(ctx, v)
    return json.dumps(v, ensure_ascii=False)


def render(ctx, rows):
    cols = COLUMNS[ctx.kind]
    out = []
    if ctx.format == "json":
        objs = ["{" + ",".join('"%s":%s' % (n, json_value(ctx, t, r.get(n)))
                               for n, t in cols) + "}" for r in rows]
        return "[\n" + ",\n".join(objs) + ("\n" if objs else "") + "]\n"
    field = csv_field if ctx.format == "csv" else tsv_field
    sep = "," if ctx.format == "csv" else "\t"
    eol = "\r\n" if ctx.excel else "\n"
    out.append(sep.join(n for n, _ in cols))
    for r in rows:
        out.append(sep.join(field(cell_text(ctx, t, r.get(n))) for n, t in cols))
    return ("\ufeff" if ctx.excel else "") + eol.join(out) + eol


def report(repo, args, today):
    """(exit status, report text)."""
    ministries, offices = repo
    try:
        ctx = Context(args, today)
        rows, covered = select(ctx, ministries, offices)
    except Usage:
        return 2, ""
    except Refused:
        return 1, ""
    make = {"services": services_rows, "offices": offices_rows,
            "workshops": workshops_rows, "totals": totals_rows,
            "progress": progress_rows, "overdue": overdue_rows,
            "training": training_rows}.get(ctx.kind)
    if ctx.kind == "apa":
        result = apa_rows(ctx, rows, covered, ministries)
    elif make is None:
        result = ministries_rows(ctx, rows, covered, ministries)
    else:
        result = make(ctx, rows, covered)
    return 0, render(ctx, list(result))


def today():
    env = os.environ.get("ROADMAP_TODAY")
    if env:
        return parse_date(env)
    return Date.today()


def main(argv):
    if len(argv) < 2:
        sys.stderr.write(__doc__)
        return 2
    repo = load(argv[1])
    if len(argv) == 5 and argv[2] == "--batch":
        with open(argv[3], encoding="utf-8") as fp:
            cases = [json.loads(line) for line in fp if line.strip()]
        for n, args in enumerate(cases, 1):
            rc, text = report(repo, args, today)
            with open(os.path.join(argv[4], "%d.out" % n), "wb") as fp:
                fp.write(text.encode("utf-8"))
            with open(os.path.join(argv[4], "%d.rc" % n), "w") as fp:
                fp.write("%d\n" % rc)
        return 0
    args = argv[2:] or ["services"]
    rc, text = report(repo, args, today)
    sys.stdout.buffer.write(text.encode("utf-8"))
    return rc


if __name__ == "__main__":
    sys.exit(main(sys.argv))
