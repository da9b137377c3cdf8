#!/usr/bin/env bash
# roadmap report against tests/reference/report.py, an independent
# implementation written from the documentation: every kind, in csv, tsv and
# json (table is for people: its golden files are in test-report.sh), over
# the filters, dates, fiscal years and quarters, on the golden report
# repository, the bundled data, the edge cases of tests/reference/edge, a
# generated repository and a calendar of due dates.  Byte for byte, exit
# status too.
. "$(dirname "$0")/lib.sh"

py=/usr/bin/python3
if ! "$py" -c 'import yaml; yaml.CSafeLoader' 2>/dev/null; then
	skip_all "/usr/bin/python3 with PyYAML's libyaml loader is missing (Debian packages python3 python3-yaml)"
fi
reference=$ROADMAP_SRC/tests/reference/report.py

# ---- the repositories ----
golden=$TMP/golden edge=$TMP/edge data=$TMP/data gen=$TMP/gen cal=$TMP/cal
mkdir -p "$golden" "$edge" "$gen" "$cal/offices/mof"
cp -R "$ROADMAP_SRC/tests/golden/report/repo/." "$golden/"
cp -R "$ROADMAP_SRC/tests/reference/edge/." "$edge/"
new_repo "$data"
"$py" "$ROADMAP_SRC/tests/bench/gen-repo.py" "$gen" --offices 40 --services 8 --seed 11
# a due date on every fourth day of 1995 to 2035, and around each 14 April
# and the end of February: the Bangla calendar of both revisions
cp "$edge/roadmap.yaml" "$cal/"
"$py" - "$cal/offices/mof/cal.yaml" <<'EOF'
import datetime, sys
d, end = datetime.date(1995, 1, 1), datetime.date(2035, 12, 31)
days = set()
while d <= end:
    days.add(d)
    d += datetime.timedelta(days=4)
for y in range(1995, 2036):
    for m, dd in [(4, 12), (4, 13), (4, 14), (4, 15), (2, 28), (3, 1), (3, 14), (3, 15)]:
        days.add(datetime.date(y, m, dd))
    if y % 4 == 0 and (y % 100 or y % 400 == 0):
        days.add(datetime.date(y, 2, 29))
with open(sys.argv[1], "w") as f:
    f.write("roadmap: 1\noffice: {id: cal, name: Calendar, ministry: mof}\nservices:\n")
    for i, day in enumerate(sorted(days)):
        f.write("  - {id: d%d, name: D, plan: {priority: 1, due: %s, "
                "history: [{date: 2017-01-01, status: planned}]}}\n" % (i, day))
EOF
for r in "$golden" "$edge" "$data" "$gen" "$cal"; do
	run -C "$r" check
	[ "$RC" -eq 0 ] || fail "$(basename "$r") is a valid repository" "$ERR"
done

# ---- the cases: one line each, the arguments of `roadmap report`, written
# as JSON for the reference and tab-separated for the shell ----
# cases DATES FYS MINISTRIES OFFICES: DATES separated by '|', the others by
# spaces
cases() {
	"$py" - "$@" <<'EOF'
import json, sys
_, dates, fys, ministries, offices = sys.argv
dates = dates.split("|")
kinds = ["offices", "services", "ministries", "workshops", "totals", "progress",
         "overdue", "apa", "training"]
statuses = ["planned", "designing", "developing", "piloting", "live", "dropped", "none"]
out = []
for k in kinds:
    out += [[k], [k, "--excel"]]
    for f in ["csv", "tsv", "json"]:
        out += [[k, "--format", f], [k, "--format", f, "--digits", "bengali"],
                [k, "--format", f, "--digits", "latin", "--calendar", "bangla"]]
    for d in dates:
        out += [[k, "--as-of", d]]
    for fy in fys.split():
        out += [[k, "--fy", fy, "--format", "tsv"]]
        out += [[k, "--fy", fy, "--quarter", q] for q in "1234"]
    for st in statuses:
        out += [[k, "--status", st], [k, "--status", st, "--as-of", dates[-2]]]
    for m in ministries.split():
        out += [[k, "--ministry", m], [k, "--ministry", m, "--status", "live", "--fy", fys.split()[0]]]
    for o in offices.split():
        out += [[k, "--office", o, "--digits", "bengali", "--format", "json"],
                [k, "--office", o, "--digits", "latin", "--as-of", dates[3]]]
    fy0 = fys.split()[1]
    y = int(fy0[:4])
    out += [
        # the first and last day of a fiscal year and of a quarter
        [k, "--fy", fy0, "--as-of", "%d-07-01" % y], [k, "--fy", fy0, "--as-of", "%d-06-30" % (y + 1)],
        [k, "--quarter", "2", "--as-of", "%d-10-01" % y], [k, "--quarter", "2", "--as-of", "%d-12-31" % y],
        [k, "--quarter", "3", "--fy", fy0, "--as-of", "%d-03-31" % (y + 1)],
        # Bengali digits in --fy and --quarter
        [k, "--fy", fy0.translate(str.maketrans("0123456789", "০১২৩৪৫৬৭৮৯")), "--quarter", "৪"],
        # outside the period: a usage error
        [k, "--fy", fy0, "--as-of", "%d-06-30" % y], [k, "--quarter", "1", "--fy", fy0, "--as-of", "%d-10-01" % y],
        # unknown ministry and office; an office outside --ministry
        [k, "--ministry", "nosuch"], [k, "--office", "nosuch"],
        [k, "--office", offices.split()[0], "--ministry", ministries.split()[-1]],
        # --office and --ministry more than once: any of them; an unknown
        # one among known ones still refuses
        [k, "--office", offices.split()[-1], "--office", offices.split()[0]],
        [k, "--office", offices.split()[0], "--office", offices.split()[0], "--as-of", dates[4]],
        [k, "--ministry", ministries.split()[-1], "--ministry", ministries.split()[0]],
        [k, "--ministry", ministries.split()[0], "--ministry", ministries.split()[1], "--office", offices.split()[0], "--office", offices.split()[1]],
        [k, "--office", offices.split()[0], "--office", "nosuch"],
        [k, "--ministry", ministries.split()[0], "--ministry", "nosuch"],
    ]
for args in out:
    print(json.dumps(args, ensure_ascii=False))
EOF
}

# run_cases NAME K: roadmap on the cases of $TMP/NAME.tsv whose number is K
# modulo 2, into $TMP/out-NAME/N.c, N.err and N.crc (its exit status).
run_cases() {
	local name=$1 k=$2 n=0 args dir=$TMP/out-$1
	while IFS=$'\t' read -r -a args; do
		n=$((n + 1))
		[ $((n % 2)) -eq "$k" ] || continue
		"$ROADMAP" -C "$TMP/$name" report "${args[@]}" >"$dir/$n.c" 2>"$dir/$n.err"
		echo $? >"$dir/$n.crc"
	done <"$TMP/$name.tsv"
}

# compare NAME: run the cases of $TMP/NAME.cases on repository $TMP/NAME with
# both (roadmap in two processes at a time); sets CASES, the cases that
# differ in DIFFS and those whose reference output has rows in ROWS.
compare() {
	local name=$1 n dir=$TMP/out-$1
	mkdir -p "$dir"
	"$py" "$reference" "$TMP/$name" --batch "$TMP/$name.cases" "$dir" ||
		{ fail "$name: the reference runs" "exit $?"; return; }
	"$py" -c 'import json, sys
for line in sys.stdin: print("\t".join(json.loads(line)))' <"$TMP/$name.cases" >"$TMP/$name.tsv"
	run_cases "$name" 0 &
	run_cases "$name" 1
	wait
	# one line per case that differs, then "CASES ROWS"
	"$py" - "$dir" "$(grep -c '' "$TMP/$name.tsv")" >"$TMP/$name.cmp" <<'EOF'
import sys
d, n = sys.argv[1], int(sys.argv[2])
rows = 0
for i in range(1, n + 1):
    read = lambda ext: open("%s/%d.%s" % (d, i, ext), "rb").read()
    if read("c") != read("out") or read("crc") != read("rc"):
        print(i)
    # a row beyond the header (csv, tsv) or the brackets (json)
    rows += read("out").count(b"\n") > 2
print(n, rows)
EOF
	read -r CASES ROWS < <(tail -n 1 "$TMP/$name.cmp")
	DIFFS=$(($(grep -c '' "$TMP/$name.cmp") - 1))
	for n in $(head -n -1 "$TMP/$name.cmp" | head -n 5); do
		fail "$name: report $(sed -n "${n}p" "$TMP/$name.tsv" | tr '\t' ' ')" \
			"exit $(cat "$dir/$n.crc"), reference $(cat "$dir/$n.rc")" \
			"$(head -n 3 "$dir/$n.err")" \
			"$(diff "$dir/$n.c" "$dir/$n.out" | head -n 12)"
	done
	[ "$DIFFS" -eq 0 ] && pass "$name: $CASES reports equal the reference's, byte for byte, $ROWS with rows"
}

cases "1990-01-01|2017-06-30|2017-07-01|2017-11-05|2017-12-31|2018-01-01|2018-06-30|2018-07-14|2018-07-31|২০১৮-০৭-০১|২১ কার্তিক ১৪২৪|2026-11-28|2026-11-29" \
	"2017-18 2018-19 2019-20" "lgd cabinet mopa mof" "lged dphe nilg" >"$TMP/golden.cases"
# the edge cases: dates of the quarters, tomorrow, around 14 April 2019,
# around the since dates (2018-01-31, 2018-06-30, 2020-05-01) and the due
# dates (overdue from the day after)
cases "2010-01-01|2017-06-30|2017-07-01|2017-09-30|2017-10-01|2018-01-30|2018-01-31|2018-06-29|2018-06-30|2018-07-01|2019-03-14|2019-03-15|2019-04-13|2019-04-14|2019-12-31|2020-04-30|2020-05-01|2020-05-31|2020-06-01|১ বৈশাখ ১৪২৬|2026-11-29|2026-11-28" \
	"2016-17 2017-18 2018-19 2019-20 2026-27" "lgd mof empty" "alpha beta gamma delta epsilon" >"$TMP/edge.cases"
cases "2000-01-01|2017-07-01|2017-10-24|2018-01-01|2018-06-30|2019-12-31|2020-11-14|2020-11-15|2021-06-30|2026-11-28" \
	"2017-18 2018-19 2020-21 2021-22" "lgd cabinet" "gcc lged dncc cabinet-division" >"$TMP/data.cases"
cases "2017-06-30|2017-07-01|2018-03-31|2018-09-30|2019-06-30|2020-12-31|2026-11-28" \
	"2017-18 2018-19 2019-20 2020-21" "m00 m01 m02" "o00000 o00001 o00017" >"$TMP/gen.cases"
printf '%s\n' '["services", "--calendar", "bangla"]' '["services", "--calendar", "bangla", "--digits", "latin", "--format", "json"]' \
	'["services", "--digits", "bengali", "--format", "tsv"]' '["services", "--format", "csv"]' >"$TMP/cal.cases"

for name in golden edge data gen cal; do
	compare "$name"
	expect_eq "$([ "$ROWS" -gt $((CASES / 2)) ] && echo yes)" yes \
		"$name: most of the $CASES reports have rows ($ROWS), so the comparison is not vacuous"
done

# every kind has rows, on every repository: the unfiltered report of each
for name in golden edge data gen; do
	for kind in offices services ministries workshops totals progress overdue apa training; do
		n=$(grep -n -x "\[\"$kind\"\]" "$TMP/$name.cases" | cut -d: -f1)
		rows=$(($(grep -c '' "$TMP/out-$name/$n.c") - 1))
		expect_eq "$([ "$rows" -ge 1 ] && echo yes)" yes "$name: report $kind has rows ($rows)"
	done
done
expect_eq "$([ "$(grep -c '' "$TMP/out-cal/1.c")" -gt 3000 ] && echo yes)" yes \
	"cal: thousands of due dates in the Bangla calendar"
# the usage errors and refusals are among the cases, and agree
expect_eq "$(cat "$TMP"/out-*/*.rc | sort -u | tr '\n' ' ')" "0 1 2 " \
	"the cases include exit 0, 1 (unknown ministry or office) and 2 (outside the period)"

# dates typed in Bengali digits and in the Bangla calendar are read, not
# refused alike by both
case_of() { grep -n -x -F "$2" "$TMP/$1.cases" | cut -d: -f1; }
n=$(case_of golden '["offices", "--as-of", "২১ কার্তিক ১৪২৪"]')
m=$(case_of golden '["offices", "--as-of", "2017-11-05"]')
expect_eq "$(cat "$TMP/out-golden/$n.crc")" 0 "--as-of in the Bangla calendar is read"
expect_same_file "$TMP/out-golden/$n.c" "$TMP/out-golden/$m.c" "২১ কার্তিক ১৪২৪ is 2017-11-05"
n=$(case_of golden '["services", "--as-of", "২০১৮-০৭-০১"]')
expect_eq "$(cat "$TMP/out-golden/$n.crc")" 0 "--as-of in Bengali digits is read"
n=$(case_of edge '["progress", "--as-of", "১ বৈশাখ ১৪২৬"]')
m=$(case_of edge '["progress", "--as-of", "2019-04-14"]')
expect_same_file "$TMP/out-edge/$n.c" "$TMP/out-edge/$m.c" "১ বৈশাখ ১৪২৬ is 2019-04-14"

# ---- the comparison can fail ----
# a corrupted reference output is told apart
n=$(grep -n -x '\["totals"\]' "$TMP/data.cases" | cut -d: -f1)
cp "$TMP/out-data/$n.c" "$TMP/totals-before.csv"
sed 's/,/,1/' "$TMP/out-data/$n.out" >"$TMP/corrupt.out"
if cmp -s "$TMP/corrupt.out" "$TMP/out-data/$n.c"; then
	fail "a corrupted reference output differs from roadmap's"
else
	pass "a corrupted reference output differs from roadmap's"
fi
# a changed office changes both reports, alike
sed -i 's/tcv: {days: 30, cost: 2500, visits: 4}/tcv: {days: 31, cost: 2500, visits: 4}/' \
	"$data/offices/lgd/lged.yaml"
printf '%s\n' '["totals"]' '["services", "--office", "lged", "--format", "json"]' >"$TMP/data.cases"
rm -rf "$TMP/out-data"
compare data
expect_eq "$CASES" 2 "the changed repository: both cases ran"
if cmp -s "$TMP/out-data/1.c" "$TMP/totals-before.csv"; then
	fail "the changed TCV changes roadmap's totals"
else
	pass "the changed TCV changes roadmap's totals"
fi
expect_contains "$(cat "$TMP/out-data/2.out")" '"days":31,' "the changed TCV reaches the reference's services"

# ---- what the reference settled ----
# --digits rewrites only the digits of a memo number: the file part keeps
# its spelling
run -C "$edge" report offices --office gamma --digits latin
expect_contains "$OUT" ",05.00.0000.001.001.01.2024.01(অংশ-2)-15/1(5)" "--digits: the memo as typed but for its digits"
run -C "$edge" report offices --office epsilon --digits latin
expect_contains "$OUT" ",46.00.০০০০.063.09.001.14-861" "a memo of mixed digits stays as typed"

finish
