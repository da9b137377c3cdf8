#!/usr/bin/env bash
# Today and dates on the command line: ROADMAP_TODAY, dates later than
# tomorrow, and what check says of them in a file.
. "$(dirname "$0")/lib.sh"

R=$TMP/repo
"$ROADMAP" init "$R" --title T >/dev/null 2>&1
"$ROADMAP" -C "$R" add-ministry lgd --name L >/dev/null 2>&1
"$ROADMAP" -C "$R" add-office o1 --ministry lgd --name O >/dev/null 2>&1
"$ROADMAP" -C "$R" add-service o1 --id s1 --name S1 >/dev/null 2>&1
"$ROADMAP" -C "$R" plan o1 s1 --priority 1 >/dev/null 2>&1
F=$R/offices/lgd/o1.yaml

# ---- ROADMAP_TODAY -------------------------------------------------------
# A command that uses today refuses an invalid ROADMAP_TODAY: a usage error
# naming the variable, nothing written.
cp "$F" "$TMP/before"
for bad in 2026-02-30 28/11/2026 2026-11-28x yesterday; do
	ROADMAP_TODAY=$bad run -C "$R" plan o1 s1 --status designing
	expect_rc 2 "plan --status: ROADMAP_TODAY '$bad' is a usage error"
	expect_contains "$ERR" "roadmap: invalid ROADMAP_TODAY '$bad': " "and is named"
	expect_same_file "$F" "$TMP/before" "nothing is written"
	ROADMAP_TODAY=$bad run -C "$R" report offices
	expect_rc 2 "report: ROADMAP_TODAY '$bad' is a usage error"
	expect_eq "$OUT" "" "no report is written"
done
ROADMAP_TODAY=2026-02-30 run -C "$R" report offices
expect_contains "$ERR" "no such day in that month" "the reason is given"
expect_contains "$ERR" "hint: " "with a hint"
ROADMAP_TODAY=$'2026\e[31m' run -C "$R" report offices
expect_contains "$ERR" "'2026\\x1b[31m'" "control characters in it are escaped"
ROADMAP_TODAY=bad run -C "$R" report progress --quarter 1
expect_rc 2 "report --quarter without --fy uses today"
ROADMAP_TODAY=bad run -C "$R" report offices --as-of 2026-11-01
expect_rc 0 "report --as-of does not need today"
ROADMAP_TODAY=bad run -C "$R" report offices --fy 2025-26
expect_rc 0 "nor does report --fy"
ROADMAP_TODAY=bad run -C "$R" add-service o1 --id s2 --name S2
expect_rc 0 "a command that does not use today ignores it"
ROADMAP_TODAY= run -C "$R" report offices
expect_rc 0 "an empty ROADMAP_TODAY means the clock"
run -C "$R" completion --complete -- plan o1 s1 --date ''
expect_eq "$OUT" "$ROADMAP_TODAY" "completion offers today for a date"
ROADMAP_TODAY=bad run -C "$R" completion --complete -- plan o1 s1 --date ''
expect_rc 0 "with an invalid ROADMAP_TODAY completion offers no date"
expect_eq "$OUT$ERR" "" "and prints nothing"

finish
