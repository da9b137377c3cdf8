#!/usr/bin/python3
"""Write a roadmap repository whose text a spreadsheet would mangle: ids
and memos made of digits (0042, 05.01), names that start as formulas
(= + - @), Bengali, emoji, very long names, control characters, text that
looks like a number, a date, a boolean or the format's own _xHHHH_ escape.

usage: xlsx-hostile-repo.py DIR
"""
import json
import os
import sys

HOSTILE = [
    "=1+1",
    "+SUM(A1:A9)",
    "-2",
    "@cmd",
    "=HYPERLINK(\"http://example.invalid\",\"x\")",
    "0042",
    "05.01",
    "1e5",
    "TRUE",
    "2017-10-31",
    " leading and trailing spaces ",
    "_x0041_ and _x005F_x0042_",
    "tab\there, line\nbreak, cr\rand crlf\r\n end",
    "জন্ম নিবন্ধন সনদ 🚀 👩🏽‍💻 ১২৩",
    "কর্মকর্তাদের বিদেশ ভ্রমণের সরকারি আদেশ " * 6,
    "A very long English name " * 40,
    "quote \" and apostrophe ' and <tag> & amp",
]


def q(s):
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(s, ensure_ascii=False)


def service(i, name):
    sid = "0042" if i == 0 else "s%02d" % i
    lines = [
        "  - id: %s" % q(sid),
        "    name: %s" % q(name),
        "    name_bn: %s" % q(HOSTILE[(i + 7) % len(HOSTILE)]),
        "    recipients: citizen",
        "    tcv: {days: %d, cost: %d, visits: %d}" % (10 + i, 100 * i, 1 + i % 3),
    ]
    if i % 2 == 0:
        lines += [
            "    plan:",
            "      priority: %d" % (1 + i % 5),
            "      due: 20%02d-06-30" % (18 + i % 8),
            "      tcv: {days: 1, cost: 0, visits: 0}",
            "      history:",
            "        - date: 2017-10-10",
            "          status: planned",
        ]
        if i % 4 == 0:
            lines += ["        - date: 2018-03-01", "          status: live"]
    return lines


def office(oid, name, services, memo):
    lines = [
        "roadmap: 1",
        "office:",
        "  id: %s" % q(oid),
        "  name: %s" % q(name),
        "  name_bn: %s" % q("অফিস " + name[:20]),
        "  ministry: m0042",
        "  head: %s" % q("=Head"),
        "services:",
    ]
    for i, s in enumerate(services):
        lines += service(i, s)
    lines += [
        "approval:",
        "  by: %s" % q("@Secretary"),
        "  date: 2017-11-05",
        "  memo: %s" % q(memo),
        "  digest: sha256:" + "0" * 64,
        "  submitted: 2017-11-05",
        "workshops:",
        "  - kind: roadmap",
        "    date: 2017-09-10",
        "    batch: 1",
        "    participants: 3",
        "    head_present: true",
        "  - kind: leadership",
        "    date: 2018-01-21",
        "    batch: 2",
        "    participants: 1",
        "    head_present: true",
    ]
    return "\n".join(lines) + "\n"


def main():
    root = sys.argv[1]
    os.makedirs(os.path.join(root, "offices", "m0042"), exist_ok=True)
    with open(os.path.join(root, "roadmap.yaml"), "w", encoding="utf-8") as f:
        f.write("roadmap: 1\n")
        f.write("title: %s\n" % q("=Roadmap \"0042\" 🚀"))
        f.write("title_bn: %s\n" % q("ই-সার্ভিস রোডম্যাপ ০০৪২"))
        f.write("ministries:\n  - id: m0042\n")
        f.write("    name: %s\n    name_bn: %s\n" % (q("+Ministry"), q("মন্ত্রণালয়")))
    offices = [("0042", "0042", HOSTILE, "05.01"),
               ("o-2", "-Office", HOSTILE[::-1], "০৫.০১"),
               ("o-3", "@Office", HOSTILE[3:9], "=1")]
    for oid, name, services, memo in offices:
        path = os.path.join(root, "offices", "m0042", oid + ".yaml")
        with open(path, "w", encoding="utf-8") as f:
            f.write(office(oid, name, services, memo))


main()
