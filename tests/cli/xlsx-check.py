#!/usr/bin/python3
"""Read a workbook of roadmap report back with openpyxl and check every
cell against the JSON report of the same data.

usage:
  xlsx-check.py kind ROADMAP BOOK KIND [REPORT-ARGS...]
      BOOK is `roadmap report KIND --format xlsx REPORT-ARGS`, run in the
      working directory (the repository).
  xlsx-check.py pack ROADMAP BOOK [REPORT-ARGS...]
      BOOK is `roadmap report pack REPORT-ARGS`.
  xlsx-check.py csv OURS THEIRS
      THEIRS is LibreOffice's CSV of a sheet, OURS `report --format csv`
      of the same kind: the same text in every cell.

The types come from the JSON reports, not from this script: a column is a
date column when its values change with --calendar bangla; numbers are
JSON numbers, booleans JSON booleans, null an empty cell.  Exit 0 when
every check holds, else 1 with one line per difference (at most 30).
"""
import csv
import datetime
import io
import json
import os
import re
import subprocess
import sys
import unicodedata

import openpyxl
from openpyxl.utils import get_column_letter

PACK = ["totals", "apa", "progress", "ministries", "offices", "services",
        "workshops", "overdue", "training"]
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
WIDTH_MIN, WIDTH_MAX = 4, 60
# LibreOffice shows a boolean cell as TRUE/FALSE only with this format
BOOL_FORMAT = '"TRUE";"TRUE";"FALSE"'
problems = []


def problem(msg):
    problems.append(msg)


def unescape(s):
    """ECMA-376 ST_Xstring: _xHHHH_ is the character HHHH."""
    return re.sub(r"_x([0-9A-Fa-f]{4})_", lambda m: chr(int(m.group(1), 16)), s)


def report(roadmap, kind, fmt, args, calendar=None):
    cmd = [roadmap, "report", kind, "--format", fmt] + list(args)
    if calendar:
        cmd += ["--calendar", calendar]
    out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE).stdout
    return out.decode("utf-8")


def without(args, name):
    """args without --NAME VALUE (the checker asks for its own)."""
    out, skip = [], False
    for a in args:
        if skip:
            skip = False
        elif a == name:
            skip = True
        elif not a.startswith(name + "="):
            out.append(a)
    return out


def expected(roadmap, kind, args):
    """(columns, rows, date columns, rows in the Bangla calendar)"""
    args = without(args, "--calendar")
    header = next(csv.reader(io.StringIO(report(roadmap, kind, "csv", args))))
    rows = json.loads(report(roadmap, kind, "json", args))
    bn = json.loads(report(roadmap, kind, "json", args, "bangla"))
    dates = set()
    for r, b in zip(rows, bn):
        for k in header:
            if r[k] is not None and r[k] != b[k]:
                dates.add(k)
    return header, rows, dates, bn


def display_width(s):
    w = 0
    for ch in s:
        cat = unicodedata.category(ch)
        if cat in ("Mn", "Me", "Cf") or ch in "\u200d":
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w


def check_date(where, cell, value):
    if not ISO.match(value):
        problem("%s: a date column holds %r in JSON" % (where, value))
    elif value < "1900-03-01":
        if cell.value != value:
            problem("%s: %r, expected the text %r" % (where, cell.value, value))
    elif not isinstance(cell.value, datetime.datetime) or not cell.is_date:
        problem("%s: %r (%s), expected the date %s" %
                (where, cell.value, cell.data_type, value))
    elif cell.value.date().isoformat() != value or cell.value.time() != datetime.time():
        problem("%s: the date %s, expected %s" % (where, cell.value, value))
    elif cell.number_format != "yyyy-mm-dd":
        problem("%s: number format %r" % (where, cell.number_format))


def check_cell(where, cell, value, is_date):
    got = cell.value
    if value is None:
        if got is not None:
            problem("%s: %r, expected an empty cell" % (where, got))
    elif isinstance(value, bool):
        if got is not value:
            problem("%s: %r, expected the boolean %r" % (where, got, value))
        elif cell.number_format != BOOL_FORMAT:
            problem("%s: number format %r, expected %r" %
                    (where, cell.number_format, BOOL_FORMAT))
    elif isinstance(value, int):
        if type(got) not in (int, float) or isinstance(got, bool) or got != value:
            problem("%s: %r, expected the number %r" % (where, got, value))
    elif is_date:
        check_date(where, cell, value)
    elif not isinstance(got, str) or cell.data_type != "s":
        problem("%s: %r (type %s), expected the text %r" %
                (where, got, cell.data_type, value))
    elif unescape(got) != value:
        problem("%s: %r, expected the text %r" % (where, unescape(got), value))


def sheet_columns(header, dates, bangla):
    cols = []
    for name in header:
        cols.append((name, False))
        if bangla and name in dates:
            cols.append((name + "_bangla", True))
    return cols


def check_widths(ws, name, texts):
    """texts[i]: the strings shown in column i (header and cells)."""
    for i, shown in enumerate(texts):
        letter = get_column_letter(i + 1)
        width = ws.column_dimensions[letter].width
        need = min(max([display_width(t) for t in shown] + [0]), WIDTH_MAX - 2)
        if not WIDTH_MIN <= width <= WIDTH_MAX + 1:
            problem("%s!%s: width %s outside %d..%d" %
                    (name, letter, width, WIDTH_MIN, WIDTH_MAX))
        elif width < need:
            problem("%s!%s: width %s, narrower than its text (%d)" %
                    (name, letter, width, need))


def shown(value):
    if isinstance(value, bool):
        return "FALSE"
    return "" if value is None else str(value)


def check_print(ws, title_rows):
    """A4 landscape, one page wide, page numbers in the footer, and
    title_rows repeated at the top of every page."""
    ps = ws.page_setup
    pr = ws.sheet_properties.pageSetUpPr
    got = (str(ps.paperSize), ps.orientation,
           int(ps.fitToWidth if ps.fitToWidth is not None else 1),
           int(ps.fitToHeight if ps.fitToHeight is not None else 1),
           bool(pr and pr.fitToPage), ws.print_title_rows,
           ws.oddFooter.center.text)
    want = ("9", "landscape", 1, 0, True, title_rows, "Page &P of &N")
    if got != want:
        problem("%s: print setup %r, expected %r" % (ws.title, got, want))


def period_from(kind, as_of):
    """The first day of a sheet's period: $XLSX_CHECK_FROM (the report's
    period), but apa's is the fiscal year (July to June) of as_of."""
    if kind == "apa":
        y, m = int(as_of[:4]), int(as_of[5:7])
        return "%d-07-01" % (y if m >= 7 else y - 1)
    return os.environ.get("XLSX_CHECK_FROM")


def check_sheet(ws, kind, exp, bangla, as_of):
    header, rows, dates, bn = exp
    if bangla and not rows:
        # no values tell the date columns apart: take the sheet's word
        dates = {v for v in header if "%s_bangla" % v in
                 [c.value for c in ws[2]]}
    cols = sheet_columns(header, dates, bangla)
    check_print(ws, "$1:$2")
    title = ws.cell(1, 1).value
    end = ": %s, as of %s" % (kind, as_of)
    start = period_from(kind, as_of)
    if start:
        end += ", period %s to %s" % (start, as_of)
    if not isinstance(title, str) or not title.endswith(end):
        problem("%s!A1: title %r, expected '...%s'" % (ws.title, title, end))
    got = [ws.cell(2, c + 1).value for c in range(len(cols))]
    if got != [c[0] for c in cols]:
        problem("%s: header %r, expected %r" % (ws.title, got, [c[0] for c in cols]))
    last = get_column_letter(len(cols))
    if ws.freeze_panes != "A3":
        problem("%s: panes frozen at %r, expected A3" % (ws.title, ws.freeze_panes))
    want_filter = "A2:%s%d" % (last, len(rows) + 2)
    if ws.auto_filter.ref != want_filter:
        problem("%s: autofilter %r, expected %r" %
                (ws.title, ws.auto_filter.ref, want_filter))
    if ws.max_row != len(rows) + 2 and rows:
        problem("%s: %d rows, expected %d" % (ws.title, ws.max_row - 2, len(rows)))
    if ws.max_column != len(cols):
        problem("%s: %d columns, expected %d" % (ws.title, ws.max_column, len(cols)))
    texts = [[c[0]] for c in cols]
    for r, (row, brow) in enumerate(zip(rows, bn)):
        c = 0
        for name in header:
            cell = ws.cell(r + 3, c + 1)
            where = "%s!%s" % (ws.title, cell.coordinate)
            check_cell(where, cell, row[name], name in dates)
            texts[c].append(shown(row[name]))
            c += 1
            if bangla and name in dates:
                cell = ws.cell(r + 3, c + 1)
                check_cell("%s!%s" % (ws.title, cell.coordinate), cell,
                           brow[name], False)
                texts[c].append(shown(brow[name]))
                c += 1
    check_widths(ws, ws.title, texts)


def as_of_of(args):
    """The report's date: --as-of, else $XLSX_CHECK_AS_OF (the end of a
    period), else $ROADMAP_TODAY (lib.sh sets it)."""
    for i, a in enumerate(args):
        if a == "--as-of":
            return args[i + 1]
    return os.environ.get("XLSX_CHECK_AS_OF") or os.environ["ROADMAP_TODAY"]


def check_kind(roadmap, book, kind, args):
    wb = openpyxl.load_workbook(book)
    if wb.sheetnames != [kind]:
        problem("sheets %r, expected [%r]" % (wb.sheetnames, kind))
        return
    bangla = "bangla" in args
    check_sheet(wb[kind], kind, expected(roadmap, kind, args), bangla,
                as_of_of(args))


def bangla_year(iso):
    """The Bangla year of an ISO date (it begins on 14 April), in Bengali
    digits."""
    y, m, d = (int(x) for x in iso.split("-"))
    year = y - 593 if (m, d) >= (4, 14) else y - 594
    return str(year).translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯"))


def check_cover(ws, totals, args):
    import yaml
    with open("roadmap.yaml", encoding="utf-8") as f:
        meta = yaml.safe_load(f)
    as_of = as_of_of(args)
    check_print(ws, None)
    want = [("title", meta.get("title")), ("title_bn", meta.get("title_bn")),
            ("as_of", as_of)]
    start = os.environ.get("XLSX_CHECK_FROM")
    if "bangla" in args:
        want.append(("as_of_bangla", as_of))
    want.append(("period_from", start))
    if "bangla" in args:
        want.append(("period_from_bangla", start))
    want.append((None, None))
    header, rows, dates, bn = totals
    want += [(k, rows[0][k]) for k in header]
    for r, (label, value) in enumerate(want):
        a, b = ws.cell(r + 1, 1), ws.cell(r + 1, 2)
        where = "cover!B%d" % (r + 1)
        if a.value != label:
            problem("cover!A%d: %r, expected %r" % (r + 1, a.value, label))
        elif label in ("as_of", "period_from"):
            check_cell(where, b, value, True)
        elif label in ("as_of_bangla", "period_from_bangla"):
            # "DAY MONTH YEAR" in the Bangla calendar: the year is checked
            want_year = bangla_year(value) if value else None
            if (b.value is None) != (value is None) or (
                    value and not b.value.endswith(" " + want_year)):
                problem("%s: %r, expected a Bangla date of the year %r" %
                        (where, b.value, want_year))
        elif label is not None:
            check_cell(where, b, value, False)
    if ws.max_row != len(want):
        problem("cover: %d rows, expected %d" % (ws.max_row, len(want)))
    check_widths(ws, "cover", [[str(w[0] or "")for w in want],
                               [str(w[1]) for w in want if w[1] is not None
                                and not isinstance(w[1], bool)
                                and not w[0].endswith("_bangla")]])


def check_pack(roadmap, book, args):
    wb = openpyxl.load_workbook(book)
    if wb.sheetnames != ["cover"] + PACK:
        problem("sheets %r, expected %r" % (wb.sheetnames, ["cover"] + PACK))
        return
    bangla = "bangla" in args
    as_of = as_of_of(args)
    for kind in PACK:
        exp = expected(roadmap, kind, args)
        if kind == "totals":
            check_cover(wb["cover"], exp, args)
        check_sheet(wb[kind], kind, exp, bangla, as_of)


def check_csv(ours, theirs):
    """LibreOffice's CSV of a sheet against ours: the title row first, then
    the same cells; ours has the formula guard ' and yes/no."""
    with open(ours, encoding="utf-8", newline="") as f:
        a = list(csv.reader(f))
    with open(theirs, encoding="utf-8", newline="") as f:
        b = list(csv.reader(f))
    if not b or "as of" not in b[0][0]:
        problem("LibreOffice: no title row: %r" % (b[:1],))
        return
    b = b[1:]
    if len(a) != len(b):
        problem("LibreOffice: %d lines, ours %d" % (len(b), len(a)))
    for r, (ra, rb) in enumerate(zip(a, b)):
        for c, (x, y) in enumerate(zip(ra, rb)):
            if x[:1] == "'" and x[1:2] in ("=", "+", "-", "@", "\t", "\r"):
                x = x[1:]
            x = {"yes": "TRUE", "no": "FALSE"}.get(x, x) if r else x
            # Calc holds a line break as LF: it reads a CR in a cell as one
            y = y.replace("\r\n", "\n").replace("\r", "\n")
            x = x.replace("\r\n", "\n").replace("\r", "\n")
            if x != y:
                problem("LibreOffice line %d column %d: %r, ours %r" %
                        (r + 2, c + 1, y, x))
        if len(ra) != len(rb):
            problem("LibreOffice line %d: %d cells, ours %d" %
                    (r + 2, len(rb), len(ra)))


def main():
    mode = sys.argv[1]
    if mode == "kind":
        check_kind(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5:])
    elif mode == "pack":
        check_pack(sys.argv[2], sys.argv[3], sys.argv[4:])
    elif mode == "csv":
        check_csv(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: see the top of " + sys.argv[0])
    for p in problems[:30]:
        print(p)
    if len(problems) > 30:
        print("... and %d more" % (len(problems) - 30))
    sys.exit(1 if problems else 0)


main()
