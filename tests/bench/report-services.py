#!/usr/bin/python3
"""`roadmap report services` in Python, for the benchmark: PyYAML with the
libyaml loader (yaml.CSafeLoader) and the csv module, the same columns,
order and formula guard.  No validation beyond what the columns need.

usage: report-services.py ROOT > services.csv
"""
import csv
import os
import sys

import yaml

COLS = ["ministry", "office", "service", "name", "name_bn", "recipients",
        "days", "cost", "visits", "planned", "priority", "due", "status",
        "status_date", "target_days", "target_cost", "target_visits",
        "days_saved", "cost_saved", "visits_saved", "days_saved_pct",
        "cost_saved_pct", "visits_saved_pct"]
TCV = ("days", "cost", "visits")


def text(v):
    if v is None:
        return ""
    v = str(v)
    return "'" + v if v[:1] in ("=", "+", "-", "@", "\t", "\r") else v


def num(v):
    return "" if v is None else str(v)


def percent(part, whole):
    p = (200 * abs(part) + whole) // (2 * whole)
    return -p if part < 0 else p


def rows(doc):
    o = doc["office"]
    for s in doc.get("services") or []:
        tcv = s.get("tcv") or {}
        plan = s.get("plan")
        row = [o["ministry"], o["id"], text(s["id"]), text(s["name"]),
               text(s.get("name_bn")), s.get("recipients") or "",
               num(tcv.get("days")), num(tcv.get("cost")), num(tcv.get("visits"))]
        if plan:
            last = plan["history"][-1]
            target = plan.get("tcv") or {}
            planned = last["status"] != "dropped"
            row += ["yes" if planned else "no", num(plan["priority"]),
                    num(plan.get("due")), last["status"], str(last["date"]),
                    num(target.get("days")), num(target.get("cost")),
                    num(target.get("visits"))]
            saved, pct = [], []
            for k in TCV:
                a, b = tcv.get(k), target.get(k)
                ok = planned and a is not None and b is not None
                saved.append(str(a - b) if ok else "")
                pct.append(str(percent(a - b, a)) if ok and a > 0 else "")
            row += saved + pct
        else:
            row += ["no"] + [""] * 13
        yield row


def main():
    root = sys.argv[1]
    offices = []
    for dirpath, _, files in os.walk(os.path.join(root, "offices")):
        for f in files:
            if f.endswith(".yaml"):
                with open(os.path.join(dirpath, f), "rb") as fp:
                    doc = yaml.load(fp, Loader=yaml.CSafeLoader)
                offices.append(((doc["office"]["ministry"], doc["office"]["id"]),
                                list(rows(doc))))
    offices.sort(key=lambda x: x[0])
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(COLS)
    for _, rs in offices:
        w.writerows(rs)


if __name__ == "__main__":
    main()
