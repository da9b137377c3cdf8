#!/usr/bin/python3
"""Checks of a page written by `roadmap dashboard` (tests/cli/test-dashboard.sh).

usage:
  dashboard-check.py numbers PAGE REPORTS   every number marked data-metric
      equals the report CSVs in REPORTS (totals, ministries, offices,
      progress, services, apa, workshops, training, overdue .csv, written
      by `roadmap report`), and every figure of totals and ministries is
      on the page
  dashboard-check.py layout PAGE            every chart's numbers fit in it
      (measured at 7 pixels a character), none overlaps a bar or another,
      and the workshops chart labels each quarter and stays in its width
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
        self.svgs = []  # [chart, width, texts [(x, y, anchor, cls, text)], rects]
        self.svg_depth = 0
        self.text = None  # the open <text> of an svg: [x, y, anchor, cls, parts]
        self.quarters_left_out = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append(tag)
        self.attrs.extend(attrs)
        if tag == "tr":
            self.kind = a.get("data-kind")
        if tag == "svg" and "data-chart" in a:
            self.chart = a["data-chart"]
            self.charts.setdefault(self.chart, set())
            self.svgs.append([self.chart, int(a["width"]), [], []])
        if tag == "svg":
            self.svg_depth += 1
            if self.svg_depth > 1:  # a clipped label
                self.svgs[-1][2].append(None)
        if tag == "text" and self.svg_depth == 1:
            self.text = [float(a["x"]), float(a["y"]), a.get("text-anchor", "start"),
                         a.get("class", ""), []]
        if tag == "rect" and self.svg_depth == 1:
            self.svgs[-1][3].append((a.get("class", ""), int(a["x"]), int(a["y"]),
                                     int(a["width"]), int(a["height"])))
        if "data-quarters-left-out" in a:
            self.quarters_left_out = int(a["data-quarters-left-out"])
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
        if tag == "svg":
            self.svg_depth -= 1
        if tag == "text" and self.text is not None and self.svg_depth == 1:
            x, y, anchor, cls, parts = self.text
            self.svgs[-1][2].append((x, y, anchor, cls, "".join(parts)))
            self.text = None
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
        if self.text is not None:
            self.text[4].append(data)
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
    # offices with a roadmap: at least one e-service planned
    want[("roadmap_offices", None, None)] = sum(
        1 for r in rows(reports, "offices") if val(r["planned"]) > 0)
    for r in rows(reports, "progress"):
        key = ("progress:dropped", r["ministry"], None)
        want[key] = want.get(key, 0) + val(r["dropped"])
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
    for r in rows(reports, "training"):
        for k in ("roadmap", "design", "leadership", "participants", "offices",
                  "heads_present"):
            want[("training:" + k, None, "%s/%s" % (r["fy"], r["quarter"]))] = val(r[k])
    return want


def check_planned(reports):
    """Every figure called planned is the report's planned: the progress
    bars' statuses but dropped add up to the ministries' planned."""
    bars = {}
    for r in rows(reports, "progress"):
        bars[r["ministry"]] = bars.get(r["ministry"], 0) + sum(
            val(r[s]) for s in STATUSES if s != "dropped")
    for r in rows(reports, "ministries"):
        if bars.get(r["ministry"], 0) != val(r["planned"]):
            problem("ministry %s: progress bars without dropped %d, planned %s"
                    % (r["ministry"], bars.get(r["ministry"], 0), r["planned"]))


def check_tcv_totals(reports):
    """The totals' now and target columns, when the report has them, are
    the sums over the services report."""
    tot = rows(reports, "totals")
    if not tot or "days_now" not in tot[0]:
        return
    for t in ("days", "cost", "visits"):
        now = target = 0
        for r in rows(reports, "services"):
            if r["planned"] == "yes" and r[t] != "" and r["target_" + t] != "":
                now += int(r[t])
                target += int(r["target_" + t])
        if (val(tot[0][t + "_now"]), val(tot[0][t + "_target"])) != (now, target):
            problem("totals %s_now/%s_target %s/%s, services give %d/%d"
                    % (t, t, tot[0][t + "_now"], tot[0][t + "_target"], now, target))


def check_numbers(page, reports):
    p = read_page(page)
    want = expected(reports)
    seen = set()
    for metric, ministry, kind, text in p.metrics:
        key = (metric, ministry,
               kind if metric.startswith(("workshops:", "training:")) else None)
        got = number(text)
        if key not in want:
            problem("%s (ministry %s): no such figure in the reports" % (metric, ministry))
        elif got != want[key]:
            problem("%s (ministry %s, kind %s): page %s, report %s"
                    % (metric, ministry, kind, got, want[key]))
        seen.add(key)
    # every figure of the letter and every ministry is on the page
    check_planned(reports)
    check_tcv_totals(reports)
    must = [k for k in want if k[0] in ("offices", "roadmap_offices", "services",
                                        "planned", "live",
                                        "participants", "approved_offices",
                                        "stale_offices", "overdue")]
    must += [k for k in want if k[0].startswith(("progress:", "apa:", "tcv:",
                                                 "workshops:participants",
                                                 "training:participants"))]
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


PX = 7  # a character of a chart's 12px text, at least


def check_layout(page):
    p = read_page(page)
    for chart, width, texts, rects in p.svgs:
        texts = [t for t in texts if t is not None]
        for x, y, anchor, cls, text in texts:
            w = PX * len(text)
            left = x - w if anchor == "end" else x - w / 2 if anchor == "middle" else x
            if left < 0 or left + w > width:
                problem("chart %s: %r at x=%g (%s) does not fit in %d"
                        % (chart, text, x, anchor, width))
        for cls, x, y, w, h in rects:
            if x < 0 or x + w > width:
                problem("chart %s: a %s from %d to %d, outside %d" % (chart, cls, x, x + w, width))
        if chart == "workshops":
            continue
        # a row's numbers (anchored at their end) do not overlap each
        # other or the row's bars
        rows_ = {}
        for x, y, anchor, cls, text in texts:
            if anchor == "end" and cls == "":
                rows_.setdefault(y, []).append((x - PX * len(text), x, text))
        for y, nums in rows_.items():
            nums.sort()
            for a, b in zip(nums, nums[1:]):
                if b[0] < a[1] + 2:
                    problem("chart %s: %r and %r overlap" % (chart, a[2], b[2]))
            ends = [x + w for cls, x, ry, w, h in rects if ry <= y <= ry + h + 8]
            if ends and max(ends) + 2 > nums[0][0]:
                problem("chart %s: a bar ends at %d, under %r" % (chart, max(ends), nums[0][2]))
    check_quarters(p)


def check_quarters(p):
    """Each quarter drawn has a tooltip, a label under it when there is
    room, the fiscal year under the first of each, and its value."""
    ws = [s for s in p.svgs if s[0] == "workshops"]
    if not ws:
        return
    _, width, texts, rects = ws[0]
    bars = sorted({x for cls, x, y, w, h in rects if cls == "bar"})
    labels = [t for t in texts if t and t[3] == "q"]
    years = [t for t in texts if t and t[3] == "fy"]
    values = [t for t in texts if t and t[3] == "value"]
    step = bars[1] - bars[0] if len(bars) > 1 else 48
    if step >= 20 and len(labels) != len(bars):
        problem("workshops: %d bars, %d quarter labels" % (len(bars), len(labels)))
    if not years:
        problem("workshops: no fiscal year under the bars")
    if step >= 48 and len(values) != len(bars):
        problem("workshops: %d bars, %d values over them" % (len(bars), len(values)))
    if p.quarters_left_out is not None and len(bars) != 150:
        problem("workshops: %d quarters left out but %d drawn" % (p.quarters_left_out, len(bars)))
    print("workshops: %d bars %d apart, %d quarter labels, %d years, %d values"
          % (len(bars), step, len(labels), len(years), len(values)))


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
    elif len(sys.argv) == 3 and sys.argv[1] == "layout":
        check_layout(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "offline":
        check_offline(sys.argv[2])
    elif len(sys.argv) == 4 and sys.argv[1] == "charts":
        check_charts(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
    sys.exit(1 if PROBLEMS else 0)


main()
