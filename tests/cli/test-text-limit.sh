#!/usr/bin/env bash
# A text value holds at most 32767 characters, a spreadsheet cell's limit,
# counted in UTF-16 code units as Excel counts them (roadmap(5) Limits):
# check reports a longer one at its place, and add-service, plan --note and
# import refuse one and leave the file alone; 32767 is accepted, and the
# workbook takes it whole.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
# times N STRING: STRING repeated N times
times() { "$PY" -c 'import sys; print(sys.argv[2] * int(sys.argv[1]), end="")' "$1" "$2"; }

R=$TMP/repo
"$ROADMAP" init "$R" --title T >/dev/null 2>&1
"$ROADMAP" -C "$R" add-ministry lgd --name L >/dev/null 2>&1
"$ROADMAP" -C "$R" add-office o1 --ministry lgd --name O >/dev/null 2>&1
F=$R/offices/lgd/o1.yaml

# ---- check: the fixture of a 40,000-character name ----
fix="$ROADMAP_SRC/tests/fixtures/check/long-name.yaml"
expect_eq "$(sed -n 8p "$fix" | "$PY" -c 'import sys; print(len(sys.stdin.read()) - len("    name: \"\"\n"))')" 40000 \
	"the fixture's name is 40000 characters"
c=$TMP/check
mkdir -p "$c/offices/lgd"
printf 'roadmap: 1\ntitle: T\nministries:\n  - {id: lgd, name: L}\n' >"$c/roadmap.yaml"
cp "$fix" "$c/offices/lgd/"
run -C "$c" check
expect_rc 1 "check fails on a 40000-character name"
expect_contains "$ERR" "offices/lgd/long-name.yaml:8:11: error: 'name' is too long: 40000 characters, at most 32767" \
	"check names the file, line, column, key and length"
expect_contains "$ERR" "hint: shorten it: a spreadsheet cell, where reports go, holds 32767" "with a hint"
expect_contains "$ERR" "1 error," "one error"

# ---- add-service ----
cp "$F" "$TMP/before"
run -C "$R" add-service o1 --id long --name "$(times 40000 a)"
expect_rc 1 "add-service refuses a 40000-character name"
expect_contains "$ERR" "error: 'name' is too long: 40000 characters, at most 32767" "...saying how long it is"
expect_same_file "$F" "$TMP/before" "...and leaves the file alone"
# an emoji is two code units: 16384 of them are 32768
run -C "$R" add-service o1 --id emoji --name E --name-bn "$(times 16384 😀)"
expect_rc 1 "add-service refuses 16384 emoji (32768 UTF-16 code units)"
expect_contains "$ERR" "'name_bn' is too long: 32768 characters" "...counted as Excel counts"
expect_same_file "$F" "$TMP/before" "...and leaves the file alone"
run -C "$R" add-service o1 --id fits --name "$(times 32766 a)b" --name-bn "$(times 32767 ক)" -q
expect_rc 0 "add-service accepts 32767 characters (English and Bengali)"
run -C "$R" check
expect_rc 0 "check accepts them"

# a text the workbook writes escaped counts as written: CR as _x000D_, the
# "_" of a literal _xHHHH_ as _x005F_ (seven each), so what check accepts
# always fits a cell
cp "$F" "$TMP/before"
run -C "$R" add-service o1 --id escape --name "$(times 4681 _x0041_)"
expect_rc 1 "add-service refuses 4681 literal _x0041_ (32767 characters, 60853 as written)"
expect_contains "$ERR" "'name' is too long: 60853 characters, at most 32767" "...counted as a workbook cell holds them"
expect_same_file "$F" "$TMP/before" "...and leaves the file alone"
cr=$TMP/cr
mkdir -p "$cr/offices/lgd"
cp "$c/roadmap.yaml" "$cr/"
{
	printf 'roadmap: 1\noffice:\n  id: o\n  name: O\n  ministry: lgd\nservices:\n  - id: a\n    name: "'
	times 6000 'a\r'
	times 20766 b
	printf '"\n'
} >"$cr/offices/lgd/o.yaml"
run -C "$cr" check
expect_rc 1 "check refuses a name of 32766 characters holding 6000 CRs"
expect_contains "$ERR" "o.yaml:8:11: error: 'name' is too long: 68766 characters, at most 32767" \
	"...as a workbook cell would hold it"

# ---- plan --note ----
cp "$F" "$TMP/before"
run -C "$R" plan o1 fits --priority 1 --status planned --date 2024-01-01 --note "$(times 32768 n)"
expect_rc 1 "plan --note refuses 32768 characters"
expect_contains "$ERR" "'note' is too long: 32768 characters, at most 32767" "...naming the note"
expect_same_file "$F" "$TMP/before" "...and leaves the file alone"
run -C "$R" plan o1 fits --priority 1 --status planned --date 2024-01-01 --note "$(times 32767 n)" -q
expect_rc 0 "plan --note accepts 32767 characters"

# ---- import ----
cp "$F" "$TMP/before"
{
	echo "name,days"
	echo "Short,3"
	echo "$(times 40000 x),4"
} >"$TMP/long.csv"
run -C "$R" import o1 "$TMP/long.csv"
expect_rc 1 "import refuses a 40000-character name"
expect_contains "$ERR" "long.csv:3:1: error: the name is too long: 40000 characters, at most 32767" \
	"...at the cell of the spreadsheet, saying how long it is"
expect_same_file "$F" "$TMP/before" "...and adds nothing, not even the short row"

# ---- the workbook takes a 32767-character cell whole ----
run -C "$R" report services --format xlsx -o "$TMP/s.xlsx"
expect_rc 0 "report --format xlsx with a 32767-character name"
if "$PY" -c 'import openpyxl' 2>/dev/null; then
	got=$("$PY" - "$TMP/s.xlsx" <<'EOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
print(max(len(str(c.value)) for row in ws.iter_rows() for c in row if c.value is not None))
EOF
	)
	expect_eq "$got" 32767 "the longest cell of the workbook is the whole name"
else
	skip_part "reading the workbook back" "needs python3-openpyxl"
fi
finish
