#!/usr/bin/python3
"""Write a synthetic national roadmap repository (seeded, deterministic).

usage: gen-repo.py DIR [--offices N] [--services N] [--ministries N] [--seed S]

Every file is valid for `roadmap check`: offices/<ministry>/<office>.yaml
with about --services services each, in block or flow style, with Bengali
names, comments, plans with histories, approvals and workshops.
"""
import argparse
import datetime
import os
import random

EN = ["trade", "licence", "birth", "death", "registration", "certificate",
      "holding", "tax", "water", "connection", "permit", "renewal",
      "application", "complaint", "pension", "allowance", "land", "mutation",
      "record", "survey", "school", "admission", "stipend", "health", "card",
      "fisheries", "seed", "fertiliser", "loan", "grant", "tender", "vehicle"]
BN = ["ট্রেড", "লাইসেন্স", "জন্ম", "মৃত্যু", "নিবন্ধন", "সনদ", "হোল্ডিং",
      "কর", "পানি", "সংযোগ", "অনুমতি", "নবায়ন", "আবেদন", "অভিযোগ", "পেনশন",
      "ভাতা", "ভূমি", "নামজারি", "রেকর্ড", "জরিপ", "বিদ্যালয়", "ভর্তি",
      "উপবৃত্তি", "স্বাস্থ্য", "কার্ড", "মৎস্য", "বীজ", "সার", "ঋণ", "অনুদান"]
RECIPIENTS = ["citizen", "business", "government", "institution"]
STATUSES = ["planned", "designing", "developing", "piloting", "live"]
KINDS = ["roadmap", "design", "leadership"]
DIGITS_BN = str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")


def day(rng, lo=datetime.date(2017, 7, 1), span=1200):
    return lo + datetime.timedelta(days=rng.randrange(span))


def history(rng):
    d = day(rng, span=400)
    out = [(d, "planned", None)]
    for st in STATUSES[1:rng.randrange(1, 6)]:
        d += datetime.timedelta(days=rng.randrange(1, 200))
        out.append((d, st, "কাজ চলছে" if rng.random() < 0.2 else None))
    if rng.random() < 0.08:
        d += datetime.timedelta(days=rng.randrange(1, 90))
        out.append((d, "dropped", "Dropped: merged with another service"))
    return out


def words(rng, pool, n):
    return " ".join(rng.choice(pool) for _ in range(n))


def service(rng, j):
    en = words(rng, EN, rng.randrange(2, 5))
    s = {
        "id": "svc-%02d-%s" % (j, en.split()[0]),
        "name": en.capitalize() + (", online" if rng.random() < 0.05 else ""),
        "name_bn": words(rng, BN, rng.randrange(2, 4)) if rng.random() < 0.9 else None,
        "recipients": rng.choice(RECIPIENTS) if rng.random() < 0.95 else None,
        "tcv": (rng.randrange(1, 90), rng.randrange(0, 20000, 50), rng.randrange(1, 9)),
        "plan": None,
    }
    if rng.random() < 0.3:
        s["plan"] = {
            "priority": rng.randrange(1, 6),
            "due": day(rng, datetime.date(2018, 6, 30)) if rng.random() < 0.8 else None,
            "tcv": (rng.randrange(0, 10), rng.randrange(0, 500, 50), rng.randrange(0, 2)),
            "history": history(rng),
        }
    return s


def q(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def block_service(s, out):
    out.append("  - id: %s\n" % s["id"])
    out.append("    name: %s\n" % q(s["name"]))
    if s["name_bn"]:
        out.append("    name_bn: %s\n" % s["name_bn"])
    if s["recipients"]:
        out.append("    recipients: %s  # who asks for it\n" % s["recipients"])
    out.append("    tcv:\n      days: %d\n      cost: %d\n      visits: %d\n"
               % s["tcv"])
    p = s["plan"]
    if not p:
        return
    out.append("    plan:\n      priority: %d\n" % p["priority"])
    if p["due"]:
        out.append("      due: %s\n" % p["due"])
    out.append("      tcv: {days: %d, cost: %d, visits: %d}\n" % p["tcv"])
    out.append("      history:\n")
    for d, st, note in p["history"]:
        out.append("        - date: %s\n          status: %s\n" % (d, st))
        if note:
            out.append("          note: %s\n" % q(note))


def flow_service(s, out):
    parts = ["id: %s" % s["id"], "name: %s" % q(s["name"])]
    if s["name_bn"]:
        parts.append("name_bn: %s" % q(s["name_bn"]))
    if s["recipients"]:
        parts.append("recipients: %s" % s["recipients"])
    parts.append("tcv: {days: %d, cost: %d, visits: %d}" % s["tcv"])
    p = s["plan"]
    if p:
        hist = ", ".join("{date: %s, status: %s%s}" % (d, st, ", note: %s" % q(n) if n else "")
                         for d, st, n in p["history"])
        pp = ["priority: %d" % p["priority"]]
        if p["due"]:
            pp.append("due: %s" % p["due"])
        pp.append("tcv: {days: %d, cost: %d, visits: %d}" % p["tcv"])
        pp.append("history: [%s]" % hist)
        parts.append("plan: {%s}" % ", ".join(pp))
    out.append("  - {%s}\n" % ", ".join(parts))


def office(rng, oid, ministry, nservices):
    out = ["# %s: e-Service Roadmap\n" % oid, "roadmap: 1\n"]
    name = "%s office %s" % (words(rng, EN, 2).capitalize(), oid)
    if rng.random() < 0.5:
        out.append("office:\n  id: %s\n  name: %s\n  name_bn: %s\n"
                   "  ministry: %s\n  head: Director General\n"
                   % (oid, q(name), words(rng, BN, 3), ministry))
    else:
        out.append("office: {id: %s, name: %s, name_bn: %s, ministry: %s}\n"
                   % (oid, q(name), q(words(rng, BN, 3)), ministry))
    out.append("\nservices:\n")
    flow = rng.random() < 0.3
    for j in range(nservices):
        s = service(rng, j)
        if j % 10 == 9:
            out.append("  # ---- %s ----\n" % words(rng, BN, 2))
        (flow_service if flow and rng.random() < 0.8 else block_service)(s, out)
    r = rng.random()
    if r < 0.6:
        d = day(rng, span=300)
        out.append("\napproval:\n  by: Director General\n  date: %s\n" % d)
        memo = "46.00.0000.%03d.18.%03d.%02d-%d" % (
            rng.randrange(1000), rng.randrange(1, 10), rng.randrange(15, 25),
            rng.randrange(1, 1000))
        out.append("  memo: %s\n" % memo.translate(DIGITS_BN))
        if rng.random() < 0.3:
            out.append("  digest: sha256:%064x\n" % rng.getrandbits(256))
        if rng.random() < 0.7:
            out.append("  submitted: %s\n" % (d + datetime.timedelta(days=rng.randrange(1, 30))))
    if rng.random() < 0.7:
        out.append("\nworkshops:\n")
        for _ in range(rng.randrange(1, 4)):
            out.append("  - kind: %s\n    date: %s\n    batch: %d\n"
                       "    participants: %d\n    head_present: %s\n"
                       % (rng.choice(KINDS), day(rng, span=500), rng.randrange(1, 40),
                          rng.randrange(1, 6), rng.choice(["true", "false"])))
    return "".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--offices", type=int, default=25000)
    ap.add_argument("--services", type=int, default=25)
    ap.add_argument("--ministries", type=int, default=60)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    mins = ["m%02d-%s" % (i, rng.choice(EN)) for i in range(a.ministries)]
    with open(os.path.join(a.dir, "roadmap.yaml"), "w") as f:
        f.write("roadmap: 1\ntitle: Synthetic national roadmap\n"
                "title_bn: ই-সার্ভিস রোডম্যাপ\nministries:\n")
        for m in mins:
            f.write("  - id: %s\n    name: %s\n    name_bn: %s\n"
                    % (m, q("Ministry " + m), words(rng, BN, 2)))
    for m in mins:
        os.makedirs(os.path.join(a.dir, "offices", m), exist_ok=True)
    for i in range(a.offices):
        m = mins[rng.randrange(len(mins))]
        oid = "o%05d-%s" % (i, rng.choice(EN))
        n = max(1, a.services + rng.randrange(-10, 11))
        with open(os.path.join(a.dir, "offices", m, oid + ".yaml"), "w") as f:
            f.write(office(rng, oid, m, n))


if __name__ == "__main__":
    main()
