#!/usr/bin/python3
"""The property test of roadmap's merge driver (roadmap-merge-driver(1)).

Each case makes a random valid office with the CLI in a git repository
where `roadmap git-setup` has installed the driver, edits it on two
branches with random sequences of CLI commands, merges the second branch
into the first with real `git merge`, and holds the result to an oracle
written here, independently of the C code: the three-way merge of the
three models (base, ours, theirs, read with PyYAML) by the rules of the
issue and of include/roadmap/merge.h:

  * services matched by id (a service removed and one added on one side
    that differ only in id is that service renamed), in ours' order, then
    theirs' new ones in theirs' order; workshops matched by kind, date and
    batch; plan history entries by date and status;
  * every mapping merged key by key: a change on one side is taken, the
    same change on both is taken, different changes are a conflict (unless
    both values are mappings, which are merged within);
  * an item removed on one side and untouched on the other is removed,
    removed on one side and changed on the other is a conflict; an item
    added on both sides is one item when equal, a conflict when not;
  * history entries added on both sides go in date order (ours first at an
    equal date) and must keep the status order strictly (no status twice,
    nothing after dropped), or the history conflicts; so does a history
    that one side removed entries from while the other added some, or
    that theirs reordered while ours changed it.  History is ordered;
    entries of one date and status match by content first.

When the oracle finds no conflict, the merge must be clean (exit 0, no
markers), `roadmap check` must pass and the merged model must equal the
oracle's.  When it finds conflicts, git must stop, the file must hold
markers, `roadmap merge-driver --explain` must name exactly the conflicts
the oracle names (where, field), and the file read with our side of each
marker ("ours view") must be a valid office equal to the oracle's merge
with every conflict resolved to ours.

When one side left the file as it was, git takes the other's and calls
no driver.  A merge whose model breaks a rule between values that neither
side broke (an approval submitted before its date, from two approvals
merged key by key) must not be called clean: git may stop, and a clean
exit must leave a file that `roadmap check` passes.

A second, coarser oracle comes from the logs of the commands run: when no
item or field is touched on both sides, the YAML oracle must find no
conflict (a check of the generator and of the oracle).

Usage: merge-property.py [--roadmap BIN] [--seed N] [--cases N] [--case I]
                         [--keep] [--verbose] [--self-test]
Environment: ROADMAP (the binary), ROADMAP_MERGE_PROP_SEED,
ROADMAP_MERGE_PROP_CASES.  A failure prints the seed, the case, both op
logs and a diff; `--seed S --case I` runs that case alone.
"""

import argparse
import copy
import datetime
import difflib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when built with it
DEFAULT_SEED = 20261128
DEFAULT_CASES = 60
TODAY = datetime.date(2026, 11, 28)

STATUSES = ["planned", "designing", "developing", "piloting", "live"]
RECIPIENTS = ["citizen", "business", "government", "institution"]
KINDS = ["roadmap", "design", "leadership"]

# ---------------------------------------------------------------------------
# The oracle: a three-way merge of models (plain Python values).

ABSENT = object()  # a key or item that a version does not have


class Conflict:
    def __init__(self, kind, where, field):
        self.kind, self.where, self.field = kind, where, field

    def key(self):
        return (self.where, self.field)

    def __repr__(self):
        return "%s: %s (%s)" % (self.where, self.field or "(whole)", self.kind)


def norm(v):
    """A model as plain data: dates as ISO text, nothing else changed."""
    if isinstance(v, dict):
        return {str(k): norm(x) for k, x in v.items()}
    if isinstance(v, list):
        return [norm(x) for x in v]
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    return v


def service_key(s):
    return s.get("id")


def workshop_key(w):
    return (w.get("kind"), str(w.get("date")), w.get("batch"))


def workshop_where(k):
    kind, date, batch = k
    return "workshop %s %s" % (kind, date) + ("" if batch is None else " batch %s" % batch)


def history_keys(hist):
    """Each entry's identity: date, status and which equal one it is."""
    seen, keys = {}, []
    for e in hist:
        k = (str(e.get("date")), e.get("status"))
        seen[k] = seen.get(k, 0) + 1
        keys.append(k + (seen[k],))
    return keys


def status_order_ok(hist):
    """Entries in a row that the CLI could have written: dates never back,
    each status after the one before (never the same), nothing after
    dropped."""
    rank = {s: i for i, s in enumerate(STATUSES)}
    for a, b in zip(hist, hist[1:]):
        sa, sb = a.get("status"), b.get("status")
        if str(b.get("date")) < str(a.get("date")) or sa == "dropped":
            return False
        if sb != "dropped" and rank.get(sb, -1) <= rank.get(sa, -1):
            return False
    return True


def history_keys_by(base, hist):
    """Identities of hist's entries numbered against the base's: an entry
    equal to a base entry of its date and status takes that one's number,
    the others the numbers left in order, then new ones."""
    bk = history_keys(base)
    groups = {}
    for k, e in zip(bk, base):
        groups.setdefault(k[:2], []).append((k[2], e))
    keys = [None] * len(hist)
    raw = [(str(e.get("date")), e.get("status")) for e in hist]
    used = {r: set() for r in raw}
    for j, e in enumerate(hist):
        for n, be in groups.get(raw[j], []):
            if n not in used[raw[j]] and be == e:
                used[raw[j]].add(n)
                keys[j] = raw[j] + (n,)
                break
    extra = {}
    for j, e in enumerate(hist):
        if keys[j] is not None:
            continue
        free = [n for n, _ in groups.get(raw[j], []) if n not in used[raw[j]]]
        if free:
            n = free[0]
        else:
            n = extra.get(raw[j], len(groups.get(raw[j], [])) + 1)
            extra[raw[j]] = n + 1
        used[raw[j]].add(n)
        keys[j] = raw[j] + (n,)
    return keys


def without_id(s):
    d = dict(s)
    d.pop("id", None)
    return d


def two_approvals(b, o, t):
    """Both sides approved anew (by or date not the base's), differently:
    one conflict on the whole approval (merge.h)."""
    def bd(a):
        return (a.get("by", ABSENT), a.get("date", ABSENT))
    return bd(o) != bd(b) and bd(t) != bd(b) and bd(o) != bd(t)


class Merger:
    """merge(base, ours, theirs) -> (merged, conflicts); at a conflict the
    merged value is ours' (the "ours view" of a conflicted file)."""

    def __init__(self):
        self.conflicts = []

    def conflict(self, kind, where, field):
        self.conflicts.append(Conflict(kind, where, field))

    def value(self, b, o, t, where, field):
        """One value (ABSENT when missing) merged three-way."""
        if o == t:
            return o
        if o == b:
            return t
        if t == b:
            return o
        if isinstance(o, dict) and isinstance(t, dict):
            bb = b if isinstance(b, dict) else {}
            if where == "approval" and field is None and two_approvals(bb, o, t):
                self.conflict("both-added" if b is ABSENT else "both-changed", where, None)
                return o
            return self.mapping(bb, o, t, where, field)
        if field == "plan.history" and isinstance(o, list) and isinstance(t, list):
            return self.history(b if isinstance(b, list) else [], o, t, where)
        if o is ABSENT:
            kind = "ours-removed"
        elif t is ABSENT:
            kind = "theirs-removed"
        else:
            kind = "both-changed"
        self.conflict(kind, where, field)
        return o

    def mapping(self, b, o, t, where, prefix):
        out = {}
        keys = list(o) + [k for k in t if k not in o]
        for k in keys + [k for k in b if k not in keys]:
            field = k if prefix is None else prefix + "." + k
            v = self.value(b.get(k, ABSENT), o.get(k, ABSENT), t.get(k, ABSENT),
                           where, field)
            if v is not ABSENT:
                out[k] = v
        return out

    def history(self, b, o, t, where):
        """Both sides changed the history (value() took the rest whole)."""
        F = "plan.history"
        bk, ok_, tk = history_keys(b), history_keys_by(b, o), history_keys_by(b, t)
        bmap, omap, tmap = dict(zip(bk, b)), dict(zip(ok_, o)), dict(zip(tk, t))
        oadd = [k for k in ok_ if k not in bmap]
        tnew = [(k, e) for k, e in zip(tk, t) if k not in bmap]
        orem = any(k not in omap and k in tmap for k in bk)
        trem = any(k not in tmap and k in omap for k in bk)
        tb = [bk.index(k) for k in tk if k in bmap]
        if (oadd and trem) or (tnew and orem) or tb != sorted(tb):
            self.conflict("history", where, F)  # does not merge
            return o
        out = []  # (entry, added)
        for k, e in zip(ok_, o):
            if k not in bmap:
                if k in tmap and tmap[k] != e:
                    self.conflict("both-added", where, F)
                out.append((e, True))
                continue
            bv, tv = bmap[k], tmap.get(k, ABSENT)
            if tv is ABSENT:
                if e != bv:
                    self.conflict("theirs-removed", where, F)
                    out.append((e, False))
                continue
            sub = Merger()
            v = sub.item(bv, e, tv, where)
            for c in sub.conflicts:
                self.conflict(c.kind, where, F)
            out.append((v, False))
        for k in bk:
            if k not in omap and k in tmap and tmap[k] != bmap[k]:
                self.conflict("ours-removed", where, F)
        for k, e in tnew:
            if k in omap:
                continue
            i = len(out)
            while i > 0 and str(out[i - 1][0].get("date")) > str(e.get("date")):
                i -= 1
            out.insert(i, (e, True))
        if oadd and tnew:
            first = next(i for i, (_, a) in enumerate(out) if a)
            if not status_order_ok([e for e, _ in out[max(first - 1, 0):]]):
                self.conflict("history", where, F)
                return o
        return [e for e, _ in out]

    def keyed(self, b, o, t, keyf, wheref, renames):
        """A list of items with identities; renames: detect id changes."""
        bm = {keyf(x): x for x in b}

        def side(items):
            m = {keyf(x): x for x in items}
            ren = {}  # base key -> side key
            if renames:
                removed = [k for k in bm if k not in m]
                added = [k for k in m if k not in bm]
                for r in removed:
                    for a in added:
                        if a not in ren.values() and without_id(bm[r]) == without_id(m[a]):
                            ren[r] = a
                            break
            return m, ren

        om, oren = side(o)
        tm, tren = side(t)
        o_of = {v: k for k, v in oren.items()}  # ours key -> base key
        t_of = {v: k for k, v in tren.items()}

        def at(m, ren, k):
            kk = ren.get(k, k)
            return m.get(kk, ABSENT)

        out = []
        for x in o:
            k = keyf(x)
            bk = o_of.get(k, k if k in bm else None)
            if bk is not None:  # a base item (maybe renamed by ours)
                tv = at(tm, tren, bk)
                bv = bm[bk]
                where = wheref(k)  # named as ours names it
                if tv is ABSENT:
                    if x != bv:
                        self.conflict("theirs-removed", where, None)
                        out.append(x)
                    continue
                tk_ = tren.get(bk)
                if k == bk and tk_ is not None and tk_ in om:
                    # theirs renamed it to an id ours holds: ours' stays
                    self.conflict("both-added", wheref(tk_), None)
                    out.append(x)
                    continue
                out.append(self.item(bv, x, tv, where))
            else:  # new in ours
                tv = tm.get(k, ABSENT)
                if k in t_of or k in bm:
                    tv = ABSENT  # theirs' is a rename target or a base item
                if tv is not ABSENT and tv != x:
                    self.conflict("both-added", wheref(k), None)
                out.append(x)
        for k, bv in bm.items():  # removed by ours
            if at(om, oren, k) is ABSENT:
                tv = at(tm, tren, k)
                if tv is not ABSENT and tv != bv:  # named as theirs names it
                    self.conflict("ours-removed", wheref(keyf(tv)), None)
        for x in t:
            k = keyf(x)
            if k in t_of or k in bm:
                continue
            if k in om and k not in o_of:
                continue  # added on both (handled above)
            if k in om:  # ours renamed a service to the id theirs added
                self.conflict("both-added", wheref(k), None)
                continue
            out.append(x)
        return out

    def item(self, b, o, t, where):
        if isinstance(b, dict) and isinstance(o, dict) and isinstance(t, dict):
            return self.mapping(b, o, t, where, None)
        return self.value(b, o, t, where, None)

    def office(self, b, o, t):
        out = {}
        keys = list(o) + [k for k in t if k not in o]
        for k in keys + [k for k in b if k not in keys]:
            bv, ov, tv = b.get(k, ABSENT), o.get(k, ABSENT), t.get(k, ABSENT)
            vals = (bv, ov, tv)
            if k in ("services", "workshops") and all(
                    isinstance(v, list) or v is ABSENT for v in vals):
                if ov is ABSENT and tv is ABSENT:
                    continue
                lists = [v if isinstance(v, list) else [] for v in vals]
                if k == "services":
                    v = self.keyed(*lists, service_key, lambda i: "service %s" % i, True)
                else:
                    v = self.keyed(*lists, workshop_key, workshop_where, False)
            elif any(isinstance(v, dict) for v in vals):
                v = self.value(bv, ov, tv, k, None)  # office, approval
            else:
                v = self.value(bv, ov, tv, None, k)
            if v is not ABSENT:
                out[k] = v
        return out


def invalid_reasons(model):
    """Rules of roadmap(5) between values that a merge of two valid sides
    can break (merge.h: MERGE_INVALID): the driver must not call such a
    merge clean."""
    ap = model.get("approval")
    if isinstance(ap, dict) and "submitted" in ap and "date" in ap and \
            str(ap["submitted"]) < str(ap["date"]):
        return ["approval.submitted %s is before approval.date %s" % (ap["submitted"], ap["date"])]
    return []


def oracle(base, ours, theirs):
    m = Merger()
    merged = m.office(base, ours, theirs)
    return merged, m.conflicts


# ---------------------------------------------------------------------------
# The oracle on hand-made triples.

def self_test():
    svc = lambda i, **kw: dict({"id": i, "name": i.title()}, **kw)
    hist = lambda *es: [{"date": d, "status": s} for d, s in es]
    office = lambda services, **kw: dict(
        {"roadmap": 1, "office": {"id": "o1", "name": "O", "ministry": "lgd"},
         "services": services}, **kw)
    cases = []
    b = office([svc("a"), svc("b")])
    # both add a service: ours then theirs
    cases.append(("both add", b, office([svc("a"), svc("b"), svc("c")]),
                  office([svc("a"), svc("b"), svc("d")]),
                  office([svc("a"), svc("b"), svc("c"), svc("d")]), set()))
    # one plans while the other adds
    p = {"priority": 1, "history": hist(("2020-01-01", "planned"))}
    cases.append(("plan and add", b, office([svc("a", plan=p), svc("b")]),
                  office([svc("a"), svc("b"), svc("d")]),
                  office([svc("a", plan=p), svc("b"), svc("d")]), set()))
    # same field, different values
    cases.append(("both change", b, office([svc("a", recipients="citizen"), svc("b")]),
                  office([svc("a", recipients="business"), svc("b")]),
                  None, {("service a", "recipients")}))
    # same field, same value
    cases.append(("same change", b, office([svc("a", recipients="citizen"), svc("b")]),
                  office([svc("a", recipients="citizen"), svc("b")]),
                  office([svc("a", recipients="citizen"), svc("b")]), set()))
    # tcv merged within
    bt = office([svc("a", tcv={"days": 1, "cost": 2})])
    cases.append(("tcv within", bt, office([svc("a", tcv={"days": 5, "cost": 2})]),
                  office([svc("a", tcv={"days": 1, "cost": 9})]),
                  office([svc("a", tcv={"days": 5, "cost": 9})]), set()))
    cases.append(("tcv days", bt, office([svc("a", tcv={"days": 5, "cost": 2})]),
                  office([svc("a", tcv={"days": 6, "cost": 2})]),
                  None, {("service a", "tcv.days")}))
    # removed and untouched; removed and changed
    cases.append(("remove", b, office([svc("b")]), office([svc("a"), svc("b"), svc("c")]),
                  office([svc("b"), svc("c")]), set()))
    cases.append(("remove/change", b, office([svc("b")]),
                  office([svc("a", name_bn="ক"), svc("b")]),
                  None, {("service a", None)}))
    cases.append(("change/remove", b, office([svc("a", name_bn="ক"), svc("b")]),
                  office([svc("b")]), None, {("service a", None)}))
    # both create a plan: merged within, the histories in date order
    pa = {"priority": 1, "history": hist(("2021-01-01", "planned"))}
    pb = {"priority": 2, "history": hist(("2021-02-01", "planned"))}
    cases.append(("both plan", b, office([svc("a", plan=pa), svc("b")]),
                  office([svc("a", plan=pb), svc("b")]), None,
                  {("service a", "plan.priority"), ("service a", "plan.history")}))
    # renamed on one side, changed on the other
    ren = dict(svc("a"), id="a2")
    cases.append(("rename/change", b, office([ren, svc("b")]),
                  office([svc("a", recipients="citizen"), svc("b")]),
                  office([dict(ren, recipients="citizen"), svc("b")]), set()))
    cases.append(("change/rename", b, office([svc("a", recipients="citizen"), svc("b")]),
                  office([svc("b"), ren]),
                  office([dict(ren, recipients="citizen"), svc("b")]), set()))
    # a rename to an id the other side added; two renames to one id
    bee = svc("b", name="Bee")
    bc = office([svc("a"), svc("c")])
    cases.append(("rename onto added id", bc, office([svc("a"), svc("c"), bee]),
                  office([dict(svc("a"), id="b"), svc("c")]),
                  office([svc("a"), svc("c"), bee]), {("service b", None)}))
    cases.append(("added id renamed onto", bc, office([dict(svc("a"), id="b"), svc("c")]),
                  office([svc("a"), svc("c"), bee]),
                  office([dict(svc("a"), id="b"), svc("c")]), {("service b", None)}))
    cases.append(("two renames onto one id", bc, office([dict(svc("a"), id="x"), svc("c")]),
                  office([svc("a"), dict(svc("c"), id="x")]),
                  office([dict(svc("a"), id="x"), svc("c")]), {("service x", None)}))
    # same new id on both sides
    cases.append(("both add same", b, office([svc("a"), svc("b"), svc("c")]),
                  office([svc("a"), svc("b"), svc("c")]),
                  office([svc("a"), svc("b"), svc("c")]), set()))
    cases.append(("both add different", b, office([svc("a"), svc("b"), svc("c")]),
                  office([svc("a"), svc("b"), svc("c", recipients="citizen")]),
                  None, {("service c", None)}))
    # history appended on both sides
    hb = office([svc("a", plan={"priority": 1, "history": hist(("2020-01-01", "planned"))})])
    ho = office([svc("a", plan={"priority": 1, "history": hist(
        ("2020-01-01", "planned"), ("2021-01-01", "designing"))})])
    ht = office([svc("a", plan={"priority": 1, "history": hist(
        ("2020-01-01", "planned"), ("2021-01-01", "designing"), ("2021-02-01", "developing"))})])
    htt = office([svc("a", plan={"priority": 1, "history": hist(
        ("2020-01-01", "planned"), ("2020-06-01", "developing"))})])
    cases.append(("history same entry", hb, ho, ht, ht, set()))
    cases.append(("history order", hb, ho, htt, None, {("service a", "plan.history")}))
    hd = office([svc("a", plan={"priority": 1, "history": hist(
        ("2020-01-01", "planned"), ("2020-12-01", "designing"))})])
    # both added designing: the CLI never moves to the same status
    cases.append(("history same status twice", hb, ho, hd, None,
                  {("service a", "plan.history")}))
    hdv = office([svc("a", plan={"priority": 1, "history": hist(
        ("2020-01-01", "planned"), ("2020-12-01", "designing"))})])
    hdo = office([svc("a", plan={"priority": 1, "history": hist(
        ("2020-01-01", "planned"), ("2021-01-01", "developing"))})])
    cases.append(("history date order", hb, hdo, hdv,
                  office([svc("a", plan={"priority": 1, "history": hist(
                      ("2020-01-01", "planned"), ("2020-12-01", "designing"),
                      ("2021-01-01", "developing"))})]), set()))
    # one side undid an entry, the other added one
    cases.append(("history undo/add", ho, hb, ht, None,
                  {("service a", "plan.history")}))
    # history is ordered: their reorder on one date is taken
    h2 = lambda n, *es: office([svc("a", name=n, plan={"priority": 1, "history": hist(*es)})])
    pd = (("2020-01-01", "planned"), ("2020-01-01", "dropped"))
    cases.append(("history reordered", h2("A", *pd), h2("A2", *pd), h2("A", *pd[::-1]),
                  h2("A2", *pd[::-1]), set()))
    # equal identities matched by content first
    ne = lambda *ns: office([svc("a", plan={"priority": 1, "history": [
        dict({"date": "2020-01-01", "status": "planned"}, **({"note": n} if n else {}))
        for n in ns]})])
    cases.append(("history equal entries", ne(None, "dup"), ne(None, "dup2"), ne("dup"),
                  ne("dup2"), set()))
    hx = office([svc("a", plan={"priority": 1, "history": hist(
        ("2020-01-01", "planned"), ("2021-01-01", "developing"))})])
    cases.append(("history equal date, ours first", hb, ho, hx,
                  office([svc("a", plan={"priority": 1, "history": hist(
                      ("2020-01-01", "planned"), ("2021-01-01", "designing"),
                      ("2021-01-01", "developing"))})]), set()))
    # workshops as a set
    w = lambda k, d, n=None, **kw: dict({"kind": k, "date": d}, **({} if n is None else {"batch": n}), **kw)
    wb = office([], workshops=[w("roadmap", "2020-01-01", 1)])
    cases.append(("workshops", wb,
                  office([], workshops=[w("roadmap", "2020-01-01", 1), w("design", "2021-01-01")]),
                  office([], workshops=[w("roadmap", "2020-01-01", 1), w("design", "2021-01-01", 2)]),
                  office([], workshops=[w("roadmap", "2020-01-01", 1), w("design", "2021-01-01"),
                                        w("design", "2021-01-01", 2)]), set()))
    cases.append(("workshop removed", wb, office([], workshops=[]),
                  office([], workshops=[w("roadmap", "2020-01-01", 1), w("design", "2021-01-01")]),
                  office([], workshops=[w("design", "2021-01-01")]), set()))
    cases.append(("workshop both added", wb,
                  office([], workshops=[w("roadmap", "2020-01-01", 1), w("design", "2021-01-01", participants=2)]),
                  office([], workshops=[w("roadmap", "2020-01-01", 1), w("design", "2021-01-01", participants=3)]),
                  None, {("workshop design 2021-01-01", None)}))
    # approvals
    ap = lambda d, **kw: dict({"by": "Head", "date": d}, **kw)
    cases.append(("approval one side", b, office(b["services"], approval=ap("2024-01-01")), b,
                  office(b["services"], approval=ap("2024-01-01")), set()))
    cases.append(("two approvals", b, office(b["services"], approval=ap("2024-01-01")),
                  office(b["services"], approval=ap("2024-02-01")), None,
                  {("approval", None)}))
    ab = office(b["services"], approval=ap("2023-01-01", memo="১"))
    cases.append(("two approvals over one", ab, office(b["services"], approval=ap("2024-01-01")),
                  office(b["services"], approval=ap("2024-02-01", memo="১")), None,
                  {("approval", None)}))
    cases.append(("approval memo/date", ab, office(b["services"], approval=ap("2023-01-01", memo="২")),
                  office(b["services"], approval=ap("2023-02-01", memo="১")),
                  office(b["services"], approval=ap("2023-02-01", memo="২")), set()))
    failed = 0
    for name, bb, oo, tt, want, want_conf in cases:
        got, conf = oracle(bb, oo, tt)
        gotc = {c.key() for c in conf}
        bad = gotc != want_conf or (want is not None and got != want)
        print("%s - oracle: %s" % ("not ok" if bad else "ok", name))
        if bad:
            failed += 1
            print("#   conflicts: %r, expected %r" % (sorted(gotc, key=str), sorted(want_conf, key=str)))
            if want is not None:
                print("#   " + "\n#   ".join(model_diff(want, got)))
    return 1 if failed else 0


def model_diff(want, got):
    a = json.dumps(want, indent=1, sort_keys=True, ensure_ascii=False).splitlines()
    b = json.dumps(got, indent=1, sort_keys=True, ensure_ascii=False).splitlines()
    return list(difflib.unified_diff(a, b, "expected", "got", lineterm="", n=2))


# ---------------------------------------------------------------------------
# The generator: CLI commands on a repository.

EN_WORDS = ["Trade licence", "Birth registration", "Death registration",
            "Holding tax assessment", "Water connection", "Road cutting permission",
            "Community centre booking", "Tender document sale", "Contractor enlistment",
            "Citizenship certificate", "Succession certificate", "Building plan approval",
            "Market shop allotment", "Drainage complaint", "Street light repair",
            "Pension file", "Land record copy", "Mutation", "Vehicle fitness"]
BN_WORDS = ["ট্রেড লাইসেন্স", "জন্ম নিবন্ধন", "মৃত্যু নিবন্ধন", "হোল্ডিং কর নির্ধারণ",
            "পানির সংযোগ", "রাস্তা খননের অনুমতি", "নাগরিকত্ব সনদ", "ওয়ারিশ সনদ",
            "ভবনের নকশা অনুমোদন", "দোকান বরাদ্দ", "পেনশন নথি", "নামজারি", "খতিয়ানের নকল"]
BN_DIGITS = "০১২৩৪৫৬৭৮৯"
NOTES = ["Design workshop done", "নকশা কর্মশালা সম্পন্ন", "Pilot in two unions",
         "সফটওয়্যার প্রস্তুত", "Went live at the UDC"]
HEADS = ["Chief Engineer", "Mayor", "প্রধান নির্বাহী কর্মকর্তা", "Director General"]


def bn(n):
    return "".join(BN_DIGITS[int(c)] for c in str(n))


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")[:30]


class Failure(Exception):
    pass


class Repo:
    def __init__(self, roadmap, path, env, log):
        self.roadmap, self.path, self.env, self.log = roadmap, path, env, log

    def rm(self, *args, ok=(0,)):
        p = subprocess.run([self.roadmap, "-C", self.path] + list(args), env=self.env,
                           capture_output=True, text=True)
        self.log.append("roadmap " + " ".join(shq(a) for a in args)
                        + ("" if p.returncode == 0 else "   # exit %d" % p.returncode))
        if p.returncode not in ok:
            raise Failure("roadmap %s: exit %d\n%s" % (" ".join(args), p.returncode, p.stderr))
        return p

    def git(self, *args, ok=(0,), extra_env=None):
        env = self.env if not extra_env else dict(self.env, **extra_env)
        p = subprocess.run(["git", "-C", self.path] + list(args), env=env,
                           capture_output=True, text=True)
        if p.returncode not in ok:
            raise Failure("git %s: exit %d\n%s%s" % (" ".join(args), p.returncode, p.stdout, p.stderr))
        return p

    def office_text(self):
        with open(os.path.join(self.path, OFFICE), encoding="utf-8") as f:
            return f.read()

    def model(self):
        return norm(yaml.load(self.office_text(), Loader=LOADER))


def shq(a):
    return a if re.fullmatch(r"[A-Za-z0-9_./:=@-]+", a) else "'" + a.replace("'", "'\\''") + "'"


OFFICE = "offices/lgd/o1.yaml"


class Dates:
    def __init__(self, rng, start, step=60):
        self.rng, self.cur, self.step = rng, start, step

    def next(self):
        self.cur = min(self.cur + datetime.timedelta(days=self.rng.randint(1, self.step)), TODAY)
        return self.cur.isoformat()


class Side:
    """The state of one side's generator: names, ids and dates of its own."""

    def __init__(self, tag, bntag, rng, dates, can_rename):
        self.tag, self.bntag, self.rng, self.dates = tag, bntag, rng, dates
        self.n = 0
        self.can_rename = can_rename
        self.touch = set()  # (item, field) touched, for the op-log oracle
        self.cur_to_base = {}  # current service id -> base id (renames)

    def fresh(self):
        self.n += 1
        return self.n

    def name(self):
        n = self.fresh()
        return "%s %s%d" % (self.rng.choice(EN_WORDS), self.tag.upper(), n)

    def name_bn(self):
        n = self.fresh()
        return "%s %s%s" % (self.rng.choice(BN_WORDS), bn(n), self.bntag)


def add_service_args(rng, side, sid, since=None):
    name = side.name()
    args = ["add-service", "o1", "--name", name]
    if sid is not None:
        args += ["--id", sid]
    if rng.random() < 0.6:
        args += ["--name-bn", side.name_bn()]
    if rng.random() < 0.6:
        args += ["--recipients", rng.choice(RECIPIENTS)]
    if rng.random() < 0.5:
        d, c, v = rng.randint(1, 30), rng.randint(0, 5000), rng.randint(0, 5)
        if rng.random() < 0.3:
            args += ["--days", bn(d), "--cost", str(c), "--visits", str(v)]
        else:
            args += ["--days", str(d), "--cost", str(c), "--visits", str(v)]
    args += ["--since", since or side.dates.next()]
    return args


def plan_new_args(rng, sid, date, note_ok=True):
    args = ["plan", "o1", sid, "--priority", str(rng.randint(1, 4))]
    if rng.random() < 0.6:
        args += ["--due", "%d-%02d-30" % (rng.randint(2024, 2029), rng.randint(4, 9))]
    if rng.random() < 0.4:
        args += ["--target-days", str(rng.randint(0, 5)), "--target-cost", str(rng.randint(0, 100)),
                 "--target-visits", str(rng.randint(0, 2))]
    args += ["--status", "planned", "--date", date]
    return args


def next_statuses(hist):
    last = hist[-1]["status"]
    if last == "dropped":
        return []
    i = STATUSES.index(last)
    return STATUSES[i + 1:] + ["dropped"]


def make_base(rng, repo, dates):
    """A random valid office, made with the CLI."""
    repo.rm("add-ministry", "lgd", "--name", "Local Government Division",
            "--name-bn", "স্থানীয় সরকার বিভাগ")
    args = ["add-office", "o1", "--ministry", "lgd", "--name", "Office of the test"]
    if rng.random() < 0.5:
        args += ["--name-bn", "পরীক্ষার দপ্তর"]
    if rng.random() < 0.5:
        args += ["--head", rng.choice(HEADS)]
    repo.rm(*args)
    side = Side("b", "", rng, dates, False)
    for i in range(rng.randint(2, 7)):
        sid = "svc-%d" % (i + 1) if rng.random() < 0.8 else None
        p = repo.rm(*add_service_args(rng, side, sid))
        sid = p.stdout.strip()
        if rng.random() < 0.6:
            repo.rm(*plan_new_args(rng, sid, dates.next()))
            for _ in range(rng.randint(0, 2)):
                hist = repo.model()["services"][-1]["plan"]["history"]
                nx = next_statuses(hist)
                if not nx:
                    break
                st = rng.choice(nx[:2] + ["dropped"] if rng.random() < 0.15 else nx[:2])
                a = ["plan", "o1", sid, "--status", st, "--date", dates.next()]
                if rng.random() < 0.3:
                    a += ["--note", rng.choice(NOTES)]
                repo.rm(*a)
    for _ in range(rng.randint(0, 3)):
        a = ["workshop", "o1", "--kind", rng.choice(KINDS), "--date", dates.next()]
        if rng.random() < 0.7:
            a += ["--batch", str(rng.randint(1, 7))]
        if rng.random() < 0.7:
            a += ["--participants", str(rng.randint(1, 9))]
        if rng.random() < 0.5:
            a.append("--head-present")
        repo.rm(*a, ok=(0, 1))  # the same identity twice is refused: fine
    if rng.random() < 0.4:
        a = ["approve", "o1", "--by", rng.choice(HEADS), "--date", dates.next()]
        if rng.random() < 0.5:
            a += ["--memo", "৪৬.০০.০০০০.০৩৯.০১৮.০০২.২০১৫-%s" % bn(rng.randint(1, 300))]
        repo.rm(*a)


def pick_service(rng, model, side):
    svcs = model.get("services") or []
    if not svcs:
        return None
    # favour the first services, so that both sides often meet there
    i = min(int(rng.expovariate(0.6)), len(svcs) - 1)
    return svcs[i]


def base_of(side, sid):
    return side.cur_to_base.get(sid, sid)


def side_op(rng, repo, side, shared):
    """One random CLI edit on this side's work tree."""
    m = repo.model()
    svcs = m.get("services") or []
    kinds = ["add", "add", "set", "set", "set", "set", "plan", "plan", "status", "status",
             "status", "workshop", "workshop", "rmworkshop", "approve"]
    if rng.random() < 0.5:
        kinds.append("remove")
    if side.can_rename:
        kinds += ["rename", "rename"]
    kind = rng.choice(kinds)
    s = pick_service(rng, m, side)
    if kind in ("set", "plan", "status", "rename", "remove") and s is None:
        kind = "add"
    if kind == "add":
        r = rng.random()
        if r < 0.12 and shared["twin"] is not None and not shared["twin_used"].get(side.tag):
            shared["twin_used"][side.tag] = True
            args = shared["twin"]
            sid = args[args.index("--id") + 1]
        elif r < 0.22 and not any(x["id"] == "shared-new" for x in svcs):
            sid = "shared-new"
            args = add_service_args(rng, side, sid)
        else:
            sid = "new-%s-%d" % (side.tag, side.fresh()) if rng.random() < 0.8 else None
            args = add_service_args(rng, side, sid)
        p = repo.rm(*args)
        sid = p.stdout.strip()
        side.touch.add(("service " + sid, "*"))
        side.cur_to_base[sid] = sid
        return
    if kind == "set":
        sid = s["id"]
        opts = ["name", "name_bn", "recipients", "days", "cost", "visits", "since"]
        if "name_bn" in s:
            opts.append("no-name-bn")
        if "recipients" in s:
            opts.append("no-recipients")
        f = rng.choice(opts)
        args = ["set-service", "o1", sid]
        field = f
        if f == "name":
            args += ["--name", side.name()]
        elif f == "name_bn":
            args += ["--name-bn", side.name_bn()]
        elif f == "no-name-bn":
            args.append("--no-name-bn")
            field = "name_bn"
        elif f == "recipients":
            args += ["--recipients", rng.choice(RECIPIENTS)]
        elif f == "no-recipients":
            args.append("--no-recipients")
            field = "recipients"
        elif f == "since":
            args += ["--since", "20%d-0%d-01" % (rng.randint(15, 22), rng.randint(1, 9))]
        else:
            args += ["--" + f, str(rng.randint(1, 4))]
            field = "tcv." + f
        repo.rm(*args)
        side.touch.add(("service " + base_of(side, sid), field))
        return
    if kind == "plan":
        sid = s["id"]
        if "plan" not in s:
            repo.rm(*plan_new_args(rng, sid, side.dates.next()))
            side.touch.add(("service " + base_of(side, sid), "plan"))
            return
        f = rng.choice(["priority", "priority", "due", "target"])
        args = ["plan", "o1", sid]
        if f == "priority":
            args += ["--priority", str(rng.randint(1, 4))]
            field = "plan.priority"
        elif f == "due":
            args += ["--due", "%d-%02d-30" % (rng.randint(2025, 2029), rng.randint(4, 9))]
            field = "plan.due"
        else:
            g = rng.choice(["days", "cost", "visits"])
            args += ["--target-" + g, str(rng.randint(0, 3))]
            field = "plan.tcv." + g
        repo.rm(*args)
        side.touch.add(("service " + base_of(side, sid), field))
        return
    if kind == "status":
        sid = s["id"]
        if "plan" not in s:
            repo.rm(*plan_new_args(rng, sid, side.dates.next()))
            side.touch.add(("service " + base_of(side, sid), "plan"))
            return
        nx = next_statuses(s["plan"]["history"])
        if not nx:
            return
        st = rng.choice(nx[:3]) if rng.random() < 0.9 else "dropped"
        args = ["plan", "o1", sid, "--status", st, "--date", side.dates.next()]
        if rng.random() < 0.3:
            args += ["--note", rng.choice(NOTES)]
        repo.rm(*args)
        side.touch.add(("service " + base_of(side, sid), "plan.history"))
        return
    if kind == "rename":
        sid = s["id"]
        new = "renamed-%s-%d" % (side.tag, side.fresh())
        repo.rm("rename-service", "o1", sid, new)
        b = base_of(side, sid)
        side.cur_to_base[new] = b
        side.cur_to_base.pop(sid, None)
        side.touch.add(("service " + b, "id"))
        return
    if kind == "remove":
        sid = s["id"]
        repo.rm("remove-service", "o1", sid, "--force")
        side.touch.add(("service " + base_of(side, sid), "REMOVED"))
        return
    ws = m.get("workshops") or []
    if kind == "rmworkshop" and ws:
        w = rng.choice(ws)
        args = ["remove-workshop", "o1", "--kind", w["kind"], "--date", w["date"]]
        if "batch" in w:
            args += ["--batch", str(w["batch"])]
        repo.rm(*args)
        side.touch.add((workshop_where(workshop_key(w)), "REMOVED"))
        return
    if kind in ("workshop", "rmworkshop"):
        if rng.random() < 0.2:
            # one identity for both sides, maybe with other participants
            kindw, date, batch = shared["workshop"]
            args = ["workshop", "o1", "--kind", kindw, "--date", date, "--batch", str(batch),
                    "--participants", str(rng.randint(2, 3))]
        else:
            args = ["workshop", "o1", "--kind", rng.choice(KINDS), "--date", side.dates.next()]
            if rng.random() < 0.7:
                args += ["--batch", str(rng.randint(1, 7))]
            if rng.random() < 0.7:
                args += ["--participants", str(rng.randint(1, 9))]
            if rng.random() < 0.4:
                args.append("--head-present")
        p = repo.rm(*args, ok=(0, 1))
        if p.returncode == 0:
            w = repo.model()["workshops"][-1]
            side.touch.add((workshop_where(workshop_key(w)), "*"))
        return
    # approve: a new approval, or the current one completed
    ap = m.get("approval")
    if ap and rng.random() < 0.4:
        args = ["approve", "o1", "--by", ap["by"], "--date", ap["date"],
                "--submitted", side.dates.next(), "--renew"]
    else:
        args = ["approve", "o1", "--by", rng.choice(HEADS), "--date", side.dates.next()]
        if rng.random() < 0.5:
            args += ["--memo", "৪৬.০০.০০০০.০৩৯.০১৮.০০২.২০১৫-%s" % bn(rng.randint(1, 300))]
    p = repo.rm(*args, ok=(0, 1))
    if p.returncode == 1:
        repo.rm(*(args + ["--renew"]))
    side.touch.add(("approval", "*"))


def touches_overlap(a, b):
    """The op-log oracle: may these two sides' edits conflict?"""
    for wa, fa in a:
        for wb, fb in b:
            if wa != wb:
                continue
            if "*" in (fa, fb) and wa.startswith("service "):
                if fa == fb == "*":
                    return True  # the same new id on both sides
                continue  # an addition is not an edit of the other's item
            if wa == "approval" or "REMOVED" in (fa, fb) or fa == fb:
                return True
            if fa.startswith("workshop") or wa.startswith("workshop"):
                return True
            if "plan" in (fa, fb) and (fa.startswith("plan") and fb.startswith("plan")):
                return True
    return False


def rename_side_fix(side):
    """A rename with other edits of the same service on its side is a
    removal and an addition, not a rename."""
    out = set(side.touch)
    for w, f in side.touch:
        if f == "id" and any(w2 == w and f2 != "id" for w2, f2 in side.touch):
            out.add((w, "REMOVED"))
    return out


# ---------------------------------------------------------------------------
# One case.

def parse_markers(text):
    """(ours view, theirs view, number of conflict blocks) of a file."""
    ours, theirs, n, state = [], [], 0, None
    for line in text.splitlines(keepends=True):
        if line.startswith("<<<<<<<") and state is None:
            state, n = "ours", n + 1
        elif line.startswith("|||||||") and state == "ours":
            state = "base"
        elif line.startswith("=======") and state in ("ours", "base"):
            state = "theirs"
        elif line.startswith(">>>>>>>") and state == "theirs":
            state = None
        elif state is None:
            ours.append(line)
            theirs.append(line)
        elif state == "ours":
            ours.append(line)
        elif state == "theirs":
            theirs.append(line)
    return "".join(ours), "".join(theirs), n


EXPLAIN_RE = re.compile(r"^(?P<where>service \S+|workshop [^:]+|approval|office|ministry \S+)"
                        r": (?P<rest>.*)$")


def parse_explain(out):
    """The (where, field) pairs that --explain names, and lines it could not read."""
    got, odd = set(), []
    for line in out.splitlines():
        line = line.rstrip()
        if not line:
            continue
        if line.startswith(OFFICE + ": "):  # "PATH: what", as the driver says
            line = line[len(OFFICE) + 2:]
        m = EXPLAIN_RE.match(line)
        if not m:
            if re.match(r"^\S+\.yaml:?\s*$", line) or line.startswith("#"):
                continue  # a heading naming the file
            odd.append(line)
            continue
        where, rest = m.group("where"), m.group("rest")
        f = re.match(r"^(\S+?):? (changed on both sides|removed by|added on both sides|entries added)", rest)
        field = None
        if f and not rest.startswith(("removed by", "added on both", "changed on both")):
            field = f.group(1)
        got.add((where, field))
    return got, odd


class Case:
    def __init__(self, args, seed, index, tmp):
        self.args, self.seed, self.index = args, seed, index
        self.rng = random.Random(seed * 1000003 + index)
        self.dir = os.path.join(tmp, "case-%d" % index)
        self.log = {"base": [], "ours": [], "theirs": []}
        self.problems = []

    def check(self, ok, what, *detail):
        if not ok:
            self.problems.append((what, detail))
        return ok

    def run(self):
        rng, args = self.rng, self.args
        os.makedirs(self.dir)
        env = dict(args.env)
        repo = Repo(args.roadmap, self.dir, env, self.log["base"])
        subprocess.run([args.roadmap, "init", self.dir, "--title", "Property test"],
                       env=env, check=True, capture_output=True)
        repo.git("init", "-q")
        repo.rm("git-setup")
        base_dates = Dates(rng, datetime.date(2017, 1, 1) + datetime.timedelta(days=rng.randint(0, 300)))
        make_base(rng, repo, base_dates)
        old = {"GIT_AUTHOR_DATE": "2022-12-31T12:00:00", "GIT_COMMITTER_DATE": "2022-12-31T12:00:00"}
        repo.git("add", "-A")
        repo.git("commit", "-q", "-m", "base", extra_env=old)
        base_text = repo.office_text()
        base = repo.model()
        # the two sides
        start = datetime.date(2023, 1, 1)
        renamer = rng.choice(["o", "t", None])
        sides = {
            "ours": Side("o", "ক", rng, Dates(rng, start + datetime.timedelta(days=rng.randint(0, 200))), renamer == "o"),
            "theirs": Side("t", "খ", rng, Dates(rng, start + datetime.timedelta(days=rng.randint(0, 200))), renamer == "t"),
        }
        twin_side = Side("w", "গ", rng, Dates(rng, start), False)
        shared = {
            "twin": add_service_args(rng, twin_side, "twin-new", since="2023-06-01") if rng.random() < 0.3 else None,
            "twin_used": {},
            "workshop": (rng.choice(KINDS), "2024-0%d-1%d" % (rng.randint(1, 9), rng.randint(0, 9)), rng.randint(1, 3)),
        }
        repo.git("branch", "theirs")
        for name, branch in (("theirs", "theirs"), ("ours", "main")):
            repo.git("checkout", "-q", branch)
            r = Repo(args.roadmap, self.dir, env, self.log[name])
            for _ in range(rng.randint(1, 6)):
                side_op(rng, r, sides[name], shared)
            repo.git("add", "-A")
            repo.git("commit", "-q", "--allow-empty", "-m", name)
        ours_text, theirs_text = repo.office_text(), None
        ours = repo.model()
        theirs_text = repo.git("show", "theirs:" + OFFICE).stdout
        theirs = norm(yaml.load(theirs_text, Loader=LOADER))
        self.texts = (base_text, ours_text, theirs_text)
        merged, conflicts = oracle(base, ours, theirs)
        # git calls no driver for a file that one side left as it was:
        # it takes the other side's, byte for byte
        if theirs_text == base_text or ours_text == theirs_text:
            merged, conflicts = ours, []
        elif ours_text == base_text:
            merged, conflicts = theirs, []
        self.conflicts = conflicts
        want_conf = {c.key() for c in conflicts}
        # the op-log oracle: disjoint edits cannot conflict
        ot, tt = rename_side_fix(sides["ours"]), rename_side_fix(sides["theirs"])
        if not touches_overlap(ot, tt):
            self.check(not conflicts, "the YAML oracle finds no conflict where the op logs touch nothing twice",
                       "oracle conflicts: %r" % conflicts, "ours touched: %r" % sorted(ot),
                       "theirs touched: %r" % sorted(tt))
        if args.generate_only:
            if invalid_reasons(merged):
                return "invalid"
            return "conflict" if conflicts else "clean"
        # the merge, through git and the installed driver
        t0 = time.monotonic()
        p = repo.git("merge", "--no-edit", "theirs", ok=(0, 1, 2, 128))
        self.merge_time = time.monotonic() - t0
        text = repo.office_text()
        _, _, nmarkers = parse_markers(text)
        self.merge_out = p.stdout + p.stderr
        # (with conflicts: merged is the ours view, which the library
        # verifies before it writes the markers)
        invalid = invalid_reasons(merged)
        if invalid:
            # a semantic conflict: the model merge must not pass it off as
            # clean; whatever git is left with, a clean exit is a valid file
            self.check(p.returncode != 0 or self.check_passes(),
                       "a merge the model cannot make valid (%s) is not clean" % invalid[0],
                       "git merge exited %d" % p.returncode, *self.merge_out.splitlines())
            return "invalid"
        if not conflicts:
            self.check(p.returncode == 0, "the merge is clean (git merge exits 0)",
                       "git merge exited %d" % p.returncode, *self.merge_out.splitlines())
            self.check(nmarkers == 0, "the merged file holds no markers", *text.splitlines()[:80])
            c = subprocess.run([args.roadmap, "-C", self.dir, "check"], env=env,
                               capture_output=True, text=True)
            self.check(c.returncode == 0, "roadmap check passes on the merged office",
                       *(c.stdout + c.stderr).splitlines())
            try:
                got = norm(yaml.load(text, Loader=LOADER))
            except yaml.YAMLError as e:
                got = {"unreadable": str(e)}
            self.check(got == merged, "the merged model equals the oracle's merge",
                       *model_diff(merged, got))
            return "clean"
        self.check(p.returncode != 0, "the merge stops with conflicts (git merge exits non-zero)",
                   "oracle conflicts: %r" % conflicts)
        self.check(nmarkers > 0, "the conflicted file holds markers", *text.splitlines()[:80])
        e = subprocess.run([args.roadmap, "-C", self.dir, "merge-driver", "--explain"], env=env,
                           capture_output=True, text=True)
        got_conf, odd = parse_explain(e.stdout)
        self.check(e.returncode in (0, 1) and got_conf == want_conf and not odd,
                   "merge-driver --explain names exactly the conflicts the oracle finds",
                   "exit %d" % e.returncode,
                   "expected: %r" % sorted(want_conf, key=str),
                   "got:      %r" % sorted(got_conf, key=str),
                   *["stdout: " + x for x in e.stdout.splitlines()],
                   *["stderr: " + x for x in e.stderr.splitlines()])
        if nmarkers:
            ours_view, _, _ = parse_markers(text)
            try:
                got = norm(yaml.load(ours_view, Loader=LOADER))
            except yaml.YAMLError as ex:
                got = {"unreadable": str(ex)}
            self.check(got == merged, "the file's ours view equals the oracle's merge with conflicts resolved to ours",
                       *model_diff(merged, got))
            with open(os.path.join(self.dir, OFFICE), "w", encoding="utf-8") as f:
                f.write(ours_view)
            c = subprocess.run([args.roadmap, "-C", self.dir, "check"], env=env,
                               capture_output=True, text=True)
            self.check(c.returncode == 0, "roadmap check passes on the ours view",
                       *(c.stdout + c.stderr).splitlines())
        return "conflict"

    def check_passes(self):
        c = subprocess.run([self.args.roadmap, "-C", self.dir, "check"], env=self.args.env,
                           capture_output=True, text=True)
        return c.returncode == 0

    def report(self, out):
        out.write("# case %d of seed %d failed (rerun: --seed %d --case %d; the repository: %s)\n"
                  % (self.index, self.seed, self.seed, self.index, self.dir))
        for what, detail in self.problems:
            out.write("#   FAILED: %s\n" % what)
            for d in detail:
                out.write("#     %s\n" % d)
        if getattr(self, "conflicts", None) is not None:
            out.write("#   oracle conflicts: %r\n" % self.conflicts)
        for name in ("base", "ours", "theirs"):
            out.write("#   %s ops:\n" % name)
            for line in self.log[name]:
                out.write("#     %s\n" % line)
        if getattr(self, "merge_out", None):
            out.write("#   git merge said:\n")
            for line in self.merge_out.splitlines():
                out.write("#     %s\n" % line)


def setup_env(tmp):
    home = os.path.join(tmp, "home")
    os.makedirs(home, exist_ok=True)
    env = dict(os.environ)
    env.update({"HOME": home, "GIT_CONFIG_NOSYSTEM": "1", "LC_ALL": "C.UTF-8",
                "ROADMAP_TODAY": TODAY.isoformat(), "GIT_AUTHOR_NAME": "Desk Officer",
                "GIT_AUTHOR_EMAIL": "officer@example.gov.bd", "GIT_COMMITTER_NAME": "Desk Officer",
                "GIT_COMMITTER_EMAIL": "officer@example.gov.bd"})
    for k in ("VISUAL", "EDITOR", "GIT_DIR", "GIT_WORK_TREE"):
        env.pop(k, None)
    subprocess.run(["git", "config", "--global", "init.defaultBranch", "main"], env=env, check=True)
    subprocess.run(["git", "config", "--global", "merge.conflictStyle", "merge"], env=env, check=True)
    return env


def driver_installed(args, tmp):
    """git-setup must install the merge driver: the test fails without it."""
    d = os.path.join(tmp, "probe")
    subprocess.run([args.roadmap, "init", d, "--title", "T"], env=args.env, check=True, capture_output=True)
    subprocess.run(["git", "-C", d, "init", "-q"], env=args.env, check=True)
    subprocess.run([args.roadmap, "-C", d, "git-setup"], env=args.env, check=True, capture_output=True)
    attr = subprocess.run(["git", "-C", d, "check-attr", "merge", "--", OFFICE], env=args.env,
                          capture_output=True, text=True).stdout.strip()
    drv = subprocess.run(["git", "-C", d, "config", "merge.roadmap.driver"], env=args.env,
                         capture_output=True, text=True).stdout.strip()
    shutil.rmtree(d)
    return attr.endswith("merge: roadmap") and drv, attr, drv


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--roadmap", default=os.environ.get("ROADMAP"))
    ap.add_argument("--seed", type=int, default=int(os.environ.get("ROADMAP_MERGE_PROP_SEED") or DEFAULT_SEED))
    ap.add_argument("--cases", type=int, default=int(os.environ.get("ROADMAP_MERGE_PROP_CASES") or DEFAULT_CASES))
    ap.add_argument("--case", type=int, default=None, help="run this case alone")
    ap.add_argument("--keep", action="store_true", help="keep the repositories")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--self-test", action="store_true", help="test the oracle on hand-made triples")
    ap.add_argument("--generate-only", action="store_true",
                    help="make the cases and run the oracle, but merge nothing")
    args = ap.parse_args()
    if args.self_test:
        return self_test()
    if not args.roadmap:
        ap.error("--roadmap or ROADMAP must name the binary")
    args.roadmap = os.path.abspath(args.roadmap)
    tmp = tempfile.mkdtemp(prefix="roadmap-merge-prop.")
    args.env = setup_env(tmp)
    print("# merge property test: seed %d, %d cases (ROADMAP_MERGE_PROP_SEED=%d ROADMAP_MERGE_PROP_CASES=%d to repeat)"
          % (args.seed, args.cases, args.seed, args.cases))
    ok, attr, drv = driver_installed(args, tmp)
    if not ok and not args.generate_only:
        print("not ok - roadmap git-setup installs the merge driver")
        print("#   git check-attr merge: %r; merge.roadmap.driver: %r" % (attr, drv))
        shutil.rmtree(tmp)
        return 1
    print("ok - roadmap git-setup installs the merge driver (%s)" % drv)
    indices = [args.case] if args.case is not None else range(args.cases)
    counts = {"clean": 0, "conflict": 0, "invalid": 0}
    failed, slowest = 0, 0.0
    keep = args.keep
    for i in indices:
        case = Case(args, args.seed, i, tmp)
        try:
            kind = case.run()
        except Failure as e:
            case.problems.append(("the case ran", tuple(str(e).splitlines())))
            kind = "error"
        counts[kind] = counts.get(kind, 0) + 1
        slowest = max(slowest, getattr(case, "merge_time", 0.0))
        if case.problems:
            failed += 1
            keep = True
            print("not ok %d - case %d (%s)" % (i + 1, i, kind))
            case.report(sys.stdout)
        else:
            if args.verbose:
                print("ok %d - case %d (%s): %s" % (i + 1, i, kind, case.conflicts))
            shutil.rmtree(case.dir)
    total = sum(counts.values())
    print("# %d cases: %d clean, %d with conflicts (%.0f%%), %d not valid merged, %d failed;"
          " slowest git merge %.0f ms"
          % (total, counts["clean"], counts["conflict"], 100.0 * counts["conflict"] / max(total, 1),
             counts["invalid"], failed, slowest * 1000))
    if keep:
        print("# repositories kept in %s" % tmp)
    else:
        shutil.rmtree(tmp)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
