"""Check, on a screen captured from tmux, that a column starts at the
same screen column on every row: the pane is exactly as wide as the
columns before it, so each row wraps there and the next screen line must
begin with the column's value.

usage: tmux-columns.py SCREEN ROW-REGEX NEXT-REGEX
A screen line matching ROW-REGEX is a row; the line below it must match
NEXT-REGEX at its start.  Prints one line per failure; exit 1 if any, 2 if
no row was found."""
import re
import sys

lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
row, nxt = re.compile(sys.argv[2]), re.compile(sys.argv[3])
rows = bad = 0
for i, line in enumerate(lines[:-1]):
    if row.search(line):
        rows += 1
        if not nxt.match(lines[i + 1]):
            bad += 1
            print("row %r wraps to %r" % (line, lines[i + 1]))
sys.exit(1 if bad else (2 if rows == 0 else 0))
