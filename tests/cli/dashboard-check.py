#!/usr/bin/python3
"""Checks of a page written by `roadmap dashboard` (tests/cli/test-dashboard.sh).

usage:
  dashboard-check.py numbers PAGE REPORTS   every number marked data-metric
      equals the report CSVs in REPORTS (totals, ministries, progress,
      services, apa, workshops, overdue .csv, written by `roadmap report`),
      and every figure of totals and ministries is on the page
  dashboard-check.py offline PAGE           nothing a browser would fetch
  dashboard-check.py charts PAGE PNG        each chart with data shows its
      colours in the screenshot PNG (needs python3-pil)
Prints one line per problem and exits 1 if there is any.
"""
import csv
import os
import re
import sys
from html.parser import HTMLParser

BN_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
STATUSES = ["planned", "designing", "developing", "piloting", "live", "dropped"]
PROBLEMS = []


def problem(msg):
    PROBLEMS.append(msg)
    print("problem: " + msg)


class Page(HTMLParser):
    """The page's marked numbers, tags, attributes and chart colours."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.metrics = []  # (metric, ministry, kind, text)
        self.stack = []  # open elements: (tag, attrs, text parts or None)
        self.kind = None  # data-kind of the open <tr>
        self.tags = []
        self.attrs = []
        self.charts = {}  # data-chart -> set of bar fills
        self.chart = None
        self.overdue_rows = None
        self.overdue_shown = 0
        self.in_overdue = False
        self.more = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag == "tr":
            self.kind = a.get("data-kind")
        if tag == "svg" and "data-chart" in a:
            self.chart = a["data-chart"]
            self.charts[self.chart] = set()
        if tag == "rect" and self.chart and "bar" in a.get("class", ""):
            self.charts[self.chart].add(a["fill"])
        if tag == "tbody" and "data-rows" in a:
            self.overdue_rows = int(a["data-rows"])
            self.in_overdue = True
        if tag == "tr" and self.in_overdue:
            self.overdue_shown += 1
        if "data-more" in a:
            self.more = int(a["data-more"])
        if tag in ("rect", "meta", "br", "img", "input", "link", "line"):
            return  # void or self-closed here
        parts = [] if "data-metric" in a else None
        self.stack.append((tag, a, parts))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "tbody":
            self.in_overdue = False
        while self.stack:
            t, a, parts = self.stack.pop()
            if t == "svg" and "data-chart" in a:
                self.chart = None
            if parts is not None:
                self.metrics.append((a["data-metric"], a.get("data-ministry"),
                                     self.kind, "".join(parts)))
            if t == tag:
                break

    def handle_data(self, data):
        for _, _, parts in self.stack:
            if parts is not None:
                parts.append(data)


def read_page(path):
    p = Page()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return p


def number(text):
    t = text.translate(BN_DIGITS).replace(",", "").strip()
    if not re.fullmatch(r"-?[0-9]+", t):
        problem("not a number: %r" % text)
        return None
    return int(t)


def rows(reports, kind):
    path = os.path.join(reports, kind + ".csv")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def val(s):
    return int(s) if s not in ("", None) else 0


def expected(reports):
    """metric, ministry, kind -> the value the reports give."""
    want = {}
    for r in rows(reports, "totals"):
        for k, v in r.items():
            want[(k, None, None)] = val(v)
    for r in rows(reports, "ministries"):
        m = r["ministry"]
        for k, v in r.items():
            if k not in ("ministry", "name", "name_bn"):
                want[(k, m, None)] = val(v)
        want[("none_offices", m, None)] = (val(r["offices"]) - val(r["approved_offices"])
                                           - val(r["stale_offices"]))
    for r in rows(reports, "progress"):
        key = ("progress:planned_services", r["ministry"], None)
        want[key] = want.get(key, 0) + sum(val(r[s]) for s in STATUSES)
    for r in rows(reports, "apa"):
        if r["ministry"] and not r["office"]:
            for k in ("met", "offices"):
                want[("apa:" + k, r["ministry"], None)] = val(r[k])
    for t in ("days", "cost", "visits"):
        want[("tcv:%s_now" % t, None, None)] = 0
        want[("tcv:%s_target" % t, None, None)] = 0
    for r in rows(reports, "services"):
        if r["planned"] != "yes":
            continue
        for t in ("days", "cost", "visits"):
            if r[t] != "" and r["target_" + t] != "":
                want[("tcv:%s_now" % t, None, None)] += int(r[t])
                want[("tcv:%s_target" % t, None, None)] += int(r["target_" + t])
    for r in rows(reports, "workshops"):
        for k, v in r.items():
            if k != "kind":
                want[("workshops:" + k, None, r["kind"])] = val(v)
    return want


def check_numbers(page, reports):
    p = read_page(page)
    want = expected(reports)
    seen = set()
    for metric, ministry, kind, text in p.metrics:
        key = (metric, ministry, kind if metric.startswith("workshops:") else None)
        got = number(text)
        if key not in want:
            problem("%s (ministry %s): no such figure in the reports" % (metric, ministry))
        elif got != want[key]:
            problem("%s (ministry %s, kind %s): page %s, report %s"
                    % (metric, ministry, kind, got, want[key]))
        seen.add(key)
    # every figure of the letter and every ministry is on the page
    must = [k for k in want if k[0] in ("offices", "services", "planned", "live",
                                        "participants", "approved_offices",
                                        "stale_offices", "overdue")]
    must += [k for k in want if k[0].startswith(("progress:", "apa:", "tcv:",
                                                 "workshops:participants"))]
    for k in must:
        empty_tcv = k[0].startswith("tcv:") and not any(
            want[("tcv:%s_now" % t, None, None)] for t in ("days", "cost", "visits"))
        if k not in seen and not empty_tcv:
            problem("not on the page: %s (ministry %s)" % (k[0], k[1]))
    # time, cost and visits: now - planned is the totals' saved
    for t in ("days", "cost", "visits"):
        now, target = want[("tcv:%s_now" % t, None, None)], want[("tcv:%s_target" % t, None, None)]
        saved = want.get((t + "_saved", None, None))
        if saved is not None and now - target != saved:
            problem("%s: now %d - planned %d != %s_saved %d" % (t, now, target, t, saved))
    n = len(rows(reports, "overdue"))
    if n:
        if p.overdue_rows != n:
            problem("overdue rows: page says %s, report has %d" % (p.overdue_rows, n))
        shown = min(n, 200)
        if p.overdue_shown != shown or p.more != n - shown:
            problem("overdue list: %d shown and %d more, expected %d and %d"
                    % (p.overdue_shown, p.more, shown, n - shown))
    print("checked %d numbers" % len(p.metrics))


FETCHING = {"src", "href", "srcset", "poster", "data", "action", "formaction",
            "background", "xlink:href", "ping", "manifest", "codebase"}


def check_offline(page):
    with open(page, encoding="utf-8") as f:
        text = f.read()
    p = read_page(page)
    for tag in ("script", "link", "img", "iframe", "object", "embed", "image",
                "use", "video", "audio", "source", "base", "form"):
        if tag in p.tags:
            problem("a <%s> element" % tag)
    for name, value in p.attrs:
        if name in FETCHING:
            problem("attribute %s=%r" % (name, value))
        if name.startswith("on"):
            problem("event handler %s" % name)
    for pat in (r"url\s*\(", r"@import", r"https?:", r"[\"'(=]\s*//",
                r"\bwss?:", r"\bftp:", r"file:"):
        m = re.search(pat, text, re.I)
        if m:
            problem("%r at offset %d: %r" % (pat, m.start(), text[m.start():m.start() + 40]))


def check_charts(page, png):
    from PIL import Image  # python3-pil
    p = read_page(page)
    img = Image.open(png).convert("RGB")
    colours = {c: n for n, c in img.getcolors(maxcolors=1 << 24)}
    if not p.charts:
        problem("no chart on the page")
    for chart, fills in sorted(p.charts.items()):
        px = 0
        for f in fills:
            rgb = tuple(int(f[i:i + 2], 16) for i in (1, 3, 5))
            px += sum(n for c, n in colours.items()
                      if all(abs(c[i] - rgb[i]) <= 3 for i in range(3)))
        print("chart %s: %d bars' colours, %d pixels" % (chart, len(fills), px))
        if fills and px < 50:
            problem("chart %s has data but is blank in the screenshot" % chart)


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "numbers":
        check_numbers(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "offline":
        check_offline(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "charts":
        check_charts(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
    sys.exit(1 if PROBLEMS else 0)


main()
