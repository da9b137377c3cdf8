#!/usr/bin/env bash
# roadmap report: every kind and format against golden files, --as-of,
# filters, the formula guard, failure on an invalid office, threads.
# ROADMAP_UPDATE_GOLDEN=1 rewrites the golden files (review the diff).
. "$(dirname "$0")/lib.sh"

golden=$ROADMAP_SRC/tests/golden/report
repo=$TMP/repo
mkdir -p "$repo" && cp -R "$golden/repo/." "$repo/"

# check_golden NAME ARGS...: `report ARGS` in the fixture equals NAME.
check_golden() {
	local name=$1
	shift
	run -C "$repo" report "$@"
	if [ -n "${ROADMAP_UPDATE_GOLDEN:-}" ]; then
		cp "$TMP/.out" "$golden/$name"
	fi
	if [ "$RC" -ne 0 ]; then
		fail "report $* exits 0" "exit $RC" "$ERR"
		return
	fi
	expect_same_file "$TMP/.out" "$golden/$name" "report $* = $name"
}

# ---- every kind in every format ----
for kind in offices services ministries workshops totals progress; do
	asof=()
	[ "$kind" = progress ] && asof=(--as-of 2018-07-31)
	for fmt in csv tsv json table; do
		ext=$fmt
		[ "$fmt" = table ] && ext=txt
		check_golden "$kind.$ext" "$kind" --format "$fmt" "${asof[@]}"
	done
done
check_golden offices.excel.csv --excel
check_golden services-2018-01-01.csv services --as-of 2018-01-01
check_golden offices-2017-11-05.csv offices --as-of 2017-11-05
check_golden offices.bangla.txt offices --calendar bangla --format table
check_golden services.bangla.csv services --calendar bangla
check_golden totals.bengali.csv totals --digits bengali
check_golden workshops.fy2017-18.csv workshops --fy 2017-18
check_golden progress.fy2018-19q1.csv progress --fy 2018-19 --quarter 1

# the default kind is offices and the default format csv
run -C "$repo" report
cp "$TMP/.out" "$TMP/default.csv"
expect_same_file "$TMP/default.csv" "$golden/offices.csv" "report = report offices --format csv"

# ---- the same rows as an independent implementation ----
if /usr/bin/python3 -c 'import yaml; yaml.CSafeLoader' 2>/dev/null; then
	/usr/bin/python3 "$ROADMAP_SRC/tests/bench/report-services.py" "$repo" >"$TMP/py.csv"
	expect_same_file "$golden/services.csv" "$TMP/py.csv" "services.csv equals the PyYAML script's output"
fi

# ---- the header names of SPEC section 7 ----
spec_header() {
	case $1 in
	services) echo "ministry,office,service,name,name_bn,recipients,days,cost,visits,planned,priority,due,status,status_date,target_days,target_cost,target_visits" ;;
	offices) echo "ministry,office,name,services,planned,priority1,live,approval,approved,submitted,participants" ;;
	ministries) echo "ministry,name,offices,services,planned,live,approved_offices,participants" ;;
	workshops) echo "kind,offices,participants,batches" ;;
	totals) echo "ministries,offices,services,planned,live,approved_offices,participants" ;;
	progress) echo "ministry,office,planned,designing,developing,piloting,live,dropped,changed" ;;
	esac
}
for kind in offices services ministries workshops totals progress; do
	head=$(head -n1 "$golden/$kind.csv")
	want=$(spec_header "$kind")
	case "$head" in
	"$want" | "$want",*) pass "$kind has the columns of SPEC section 7 first" ;;
	*) fail "$kind has the columns of SPEC section 7 first" "header: $head" ;;
	esac
done

# ---- --as-of ----
run -C "$repo" report services --as-of 2018-01-01 --office lged
expect_contains "$OUT" "contractor-enlistment,Contractor enlistment,ঠিকাদার তালিকাভুক্তি,business,30,2500,4,yes,1,2018-06-30,designing,2017-12-10," \
	"--as-of: the status on that date"
run -C "$repo" report services --as-of 2017-10-30 --office lged
expect_contains "$OUT" "contractor-enlistment,Contractor enlistment,ঠিকাদার তালিকাভুক্তি,business,30,2500,4,no,,,,," \
	"--as-of before the first history entry: not planned, no status"
run -C "$repo" report offices --as-of 2017-11-04 --office lged
expect_contains "$OUT" ",none,,," "--as-of before the approval: approval none"
run -C "$repo" report offices --as-of 2017-11-05 --office lged
expect_contains "$OUT" ",approved,2017-11-05,," "--as-of on the approval day, before submission"
run -C "$repo" report progress --as-of 2018-07-14 --office lged
expect_eq "$(sed -n 2p "$TMP/.out")" "lgd,lged,0,1,0,0,0,1,1,3,1" "progress --as-of: counts and changes in the month so far (one plan overdue)"
run -C "$repo" report progress --office lged
expect_eq "$(sed -n 2p "$TMP/.out")" "lgd,lged,0,0,0,0,1,1,0,3,0" "progress defaults to today (ROADMAP_TODAY)"
run -C "$repo" report workshops --as-of 2018-01-01 --format tsv
expect_eq "$(sed -n 2p "$TMP/.out")" "roadmap	2	5	1	2	1" "--as-of leaves out later workshops"

# the approval as of a date is checked against the plans of that date: in
# the bundled data gcc approved its roadmap on 2017-10-24 and added the plan
# of road-cutting-permission (history from 2020-11-15) later
data=$TMP/data
new_repo "$data"
run -C "$data" report offices --office gcc --as-of 2018-01-01
expect_contains "$OUT" ",approved,2017-10-24,2017-10-29," \
	"--as-of: the approval against the plans as they stood then"
run -C "$data" report offices --office gcc --as-of 2020-11-14
expect_contains "$OUT" ",approved,2017-10-24," "--as-of the day before a plan starts: approved"
run -C "$data" report offices --office gcc --as-of 2020-11-15
expect_contains "$OUT" ",stale,2017-10-24," "--as-of the day a plan starts: stale"
run -C "$data" report offices --office gcc --fy 2017-18
expect_contains "$OUT" ",approved,2017-10-24," "--fy: the approval against the plans at the year's end"
ROADMAP_TODAY=2019-01-01 run -C "$data" report offices --office gcc
expect_contains "$OUT" ",stale,2017-10-24," \
	"without --as-of: the approval against the plans as they are, as check says"
run -C "$data" report ministries --as-of 2018-01-01 --ministry lgd
expect_eq "$(sed -n 2p "$TMP/.out" | cut -d, -f7)" 9 "ministries --as-of: gcc counted as approved"
run -C "$data" report totals --as-of 2018-01-01 --ministry lgd
expect_eq "$(sed -n 2p "$TMP/.out" | cut -d, -f6,9)" 9,0 "totals --as-of: approved, not stale"

run -C "$repo" report offices --as-of "২১ কার্তিক ১৪২৪"
cp "$TMP/.out" "$TMP/bn.csv"
expect_same_file "$TMP/bn.csv" "$golden/offices-2017-11-05.csv" "--as-of takes a Bangla calendar date"

# ---- Bangla calendar and digits ----
run -C "$repo" report offices --office lged --calendar bangla
expect_contains "$OUT" ",approved,২১ কার্তিক ১৪২৪,২২ কার্তিক ১৪২৪,5," "--calendar bangla: dates as letters write them"
run -C "$repo" report offices --office lged --calendar bangla --digits bengali
expect_contains "$OUT" ",approved,২১ কার্তিক ১৪২৪,২২ কার্তিক ১৪২৪,৫," "--digits bengali: numbers in Bengali digits"
run -C "$repo" report offices --office lged --digits bengali
expect_contains "$OUT" ",approved,২০১৭-১১-০৫,২০১৭-১১-০৬,৫," "--digits bengali: ISO dates in Bengali digits"
run -C "$repo" report offices --office lged --calendar bangla --format json
expect_contains "$OUT" '"approved":"২১ কার্তিক ১৪২৪"' "json: Bangla dates are strings"
expect_contains "$OUT" '"services":3,' "json: numbers stay numbers"
run -C "$repo" report totals --digits bengali --format json
expect_contains "$OUT" '"offices":5,' "json: --digits leaves numbers as numbers"
run -C "$repo" report offices --office lged --digits bengali --format json
expect_contains "$OUT" '"services":3,' "json --digits bengali: numbers in ASCII digits"
expect_contains "$OUT" '"approved":"২০১৭-১১-০৫"' "json --digits bengali: dates are strings in Bengali digits"

# ---- fiscal years ----
run -C "$repo" report workshops --fy ২০১৭-১৮ --format tsv
expect_eq "$(sed -n 2p "$TMP/.out")" "roadmap	2	5	1	2	1" "--fy: workshops held in the year only"
expect_eq "$(sed -n 4p "$TMP/.out")" "leadership	0	0	0	0	0" "--fy: later workshops left out"
run -C "$repo" report services --fy 2017-18 --office lged
expect_contains "$OUT" "contractor-enlistment,Contractor enlistment,ঠিকাদার তালিকাভুক্তি,business,30,2500,4,yes,1,2018-06-30,designing,2017-12-10," \
	"--fy: the status at the end of the year"
run -C "$repo" report progress --quarter 1 --as-of 2018-08-15 --office dphe
expect_eq "$(sed -n 2p "$TMP/.out")" "lgd,dphe,0,0,1,1,0,0,2,5,0" "--quarter without --fy: the fiscal year of --as-of"
# --quarter is that quarter's own dates; an --as-of inside the period cuts
# it there, one outside it is a usage error
run -C "$repo" report workshops --quarter 2 --as-of 2017-12-31 --format tsv
expect_eq "$(sed -n 2,3p "$TMP/.out" | cut -f1,2 | tr '\n' ' ')" "roadmap	0 design	1 " \
	"--quarter 2 --as-of its last day: that quarter only"
run -C "$repo" report workshops --quarter 2 --as-of 2017-12-02 --format tsv
expect_eq "$(sed -n 3p "$TMP/.out" | cut -f1,2)" "design	0" \
	"--as-of inside the quarter: the quarter up to that day"
run -C "$repo" report workshops --fy 2017-18 --as-of 2017-07-01 --format tsv
expect_eq "$(sed -n 2p "$TMP/.out" | cut -f1,2)" "roadmap	0" \
	"--as-of the first day of --fy: the year up to that day"
run -C "$repo" report workshops --as-of 2018-06-30 --quarter 2
expect_rc 2 "--as-of after the quarter of its fiscal year is a usage error"
expect_contains "$ERR" "--as-of 2018-06-30 is outside quarter 2 of fiscal year 2017-18 (2017-10-01 to 2017-12-31)" \
	"the message names the period"
expect_eq "$OUT" "" "nothing written on a usage error"
run -C "$repo" report workshops --fy 2017-18 --as-of 2017-08-01 --quarter 4
expect_rc 2 "--as-of before the --quarter of --fy is a usage error"
run -C "$repo" report totals --fy 2017-18 --as-of 2019-05-01
expect_rc 2 "--as-of after --fy is a usage error"
expect_contains "$ERR" "outside fiscal year 2017-18 (2017-07-01 to 2018-06-30)" "the message names the year"
run -C "$repo" report --fy 2017-19
expect_rc 2 "a malformed --fy is a usage error"
run -C "$repo" report --quarter 5
expect_rc 2 "--quarter 5 is a usage error"

# ---- filters ----
run -C "$repo" report offices --ministry lgd
expect_eq "$(cut -d, -f1 "$TMP/.out" | sort -u | tr '\n' ' ')" "lgd ministry " "--ministry keeps its offices only"
run -C "$repo" report services --office lged
expect_eq "$(tail -n +2 "$TMP/.out" | cut -d, -f2 | sort -u)" "lged" "--office keeps that office only"
run -C "$repo" report services --status live
expect_eq "$(tail -n +2 "$TMP/.out" | cut -d, -f3 | tr '\n' ' ')" "contractor-enlistment exam-application " "--status live"
run -C "$repo" report services --status none --office lged
expect_eq "$(tail -n +2 "$TMP/.out" | cut -d, -f3)" "tender-document-sale" "--status none: services without a plan"
run -C "$repo" report offices --status live
expect_eq "$(tail -n +2 "$TMP/.out" | cut -d, -f2 | tr '\n' ' ')" "lged bpsc " "--status drops offices without such a service"
run -C "$repo" report totals --ministry mopa
expect_eq "$(sed -n 2p "$TMP/.out" | cut -d, -f1-4)" "1,1,1,1" "totals --ministry"
run -C "$repo" report offices --ministry lgdd
expect_rc 1 "an unknown --ministry fails"
expect_contains "$ERR" "did you mean 'lgd'" "an unknown --ministry gets a hint"
run -C "$repo" report offices --office nosuch
expect_rc 1 "an unknown --office fails"

# ---- the formula guard ----
expect_contains "$(cat "$golden/services.csv")" "'=SUM(1+1)" "csv: '=' is guarded"
expect_contains "$(cat "$golden/services.csv")" "'-minus" "csv: '-' is guarded"
expect_contains "$(cat "$golden/services.csv")" "'@at" "csv: '@' is guarded"
expect_contains "$(cat "$golden/services.csv")" "\"'	Tabbed" "csv: tab is guarded inside the quotes"
expect_contains "$(cat "$golden/services.tsv")" "'\\tTabbed\\nline" "tsv: guarded and escaped"
expect_contains "$(cat "$golden/services.json")" "\"=SUM(1+1)\"" "json: text is left as it is"
expect_not_contains "$(cat "$golden"/services.*)" $'\e' "no report holds a raw ESC"

# ---- usage ----
run -C "$repo" report bogus
expect_rc 2 "an unknown kind is a usage error"
run -C "$repo" report --format xml
expect_rc 2 "an unknown format is a usage error"
run -C "$repo" report --as-of 2018-02-30
expect_rc 2 "an impossible --as-of is a usage error"
run -C "$repo" report --jobs 0
expect_rc 2 "--jobs 0 is a usage error"
run -C "$repo" report --status done
expect_rc 2 "an unknown --status is a usage error"
run -C "$repo" report --help
expect_rc 0 "report --help exits 0"
expect_contains "$OUT" "usage: roadmap report" "report --help prints the usage"

# ---- a full disk is an error ----
if [ -w /dev/full ]; then
	"$ROADMAP" -C "$repo" report services >/dev/full 2>"$TMP/full.err"
	expect_eq "$?" 1 "writing to a full disk fails"
	expect_contains "$(cat "$TMP/full.err")" "cannot write output" "a full disk is reported"
fi

# ---- memo numbers: as typed, or in the digits asked for ----
run -C "$repo" report offices --office lged
expect_contains "$OUT" ",৪৬.০০.০০০০.০৩৯.০১৮.০০২.২০১৫-১৮৮" "the memo number as typed"
run -C "$repo" report offices --office lged --digits latin
expect_contains "$OUT" ",46.00.0000.039.018.002.2015-188" "the memo number in latin digits"
run -C "$repo" report offices --office lged --digits bengali --format json
expect_contains "$OUT" '"memo":"৪৬.০০.০০০০.০৩৯.০১৮.০০২.২০১৫-১৮৮"' "the memo number in bengali digits"

# ---- from a subdirectory ----
run -C "$repo/offices/lgd" report offices
expect_rc 0 "report works from a subdirectory"
expect_same_file "$TMP/.out" "$golden/offices.csv" "the same report from a subdirectory"

# ---- an invalid office fails the whole report ----
bad=$TMP/bad
mkdir -p "$bad" && cp -R "$repo/." "$bad/"
sed -i 's/priority: 2/priority: 0/' "$bad/offices/lgd/lged.yaml"
for kind in offices services totals; do
	run -C "$bad" report "$kind"
	expect_rc 1 "$kind: an invalid office fails the report"
	expect_eq "$OUT" "" "$kind: nothing on stdout when an office is invalid"
	expect_contains "$ERR" "offices/lgd/lged.yaml:" "$kind: the diagnostic names the file"
done
run -C "$bad" report totals --keep-going
expect_rc 3 "--keep-going reports the rest, and exits 3 for the office left out"
expect_contains "$ERR" "offices/lgd/lged.yaml:" "--keep-going warns about the skipped office"
expect_contains "$ERR" "warning: office skipped" "--keep-going: one warning"
expect_eq "$(sed -n 2p "$TMP/.out" | cut -d, -f2,3)" "4,7" "--keep-going: totals without the skipped office"
run -C "$bad" report offices --office dphe
expect_rc 0 "--office reads only that office"
run -C "$bad" report offices --office dphe --keep-going
expect_rc 0 "--keep-going that leaves nothing out exits 0"
run -C "$repo" report totals --keep-going
expect_rc 0 "--keep-going on a valid repository exits 0"
expect_same_file "$TMP/.out" "$golden/totals.csv" "and writes the whole report"

# an office whose ministry is not in roadmap.yaml
bad2=$TMP/bad2
mkdir -p "$bad2" && cp -R "$repo/." "$bad2/"
sed -i 's/ministry: mopa/ministry: nosuch/' "$bad2/offices/aaa/bpsc.yaml"
run -C "$bad2" report ministries
expect_rc 1 "an office of an unknown ministry fails the report"
expect_contains "$ERR" "nosuch" "the unknown ministry is named"
expect_eq "$OUT" "" "nothing on stdout for an unknown ministry"

# the same office id twice
bad3=$TMP/bad3
mkdir -p "$bad3" && cp -R "$repo/." "$bad3/"
mkdir -p "$bad3/offices/mopa"
cp "$bad3/offices/aaa/bpsc.yaml" "$bad3/offices/mopa/bpsc.yaml"
run -C "$bad3" report totals
expect_rc 1 "a duplicate office id fails the report"
expect_contains "$ERR" "office id 'bpsc' is also used by" "the duplicate is named"
idpos=$(awk '/^office:/ {o = 1; next} o && /^  id:/ {print NR ":" index($0, "bpsc"); exit}' \
	"$bad3/offices/mopa/bpsc.yaml")
expect_contains "$ERR" "offices/mopa/bpsc.yaml:$idpos: error: office id 'bpsc'" \
	"the duplicate is placed at its id"
expect_eq "$OUT" "" "nothing on stdout for a duplicate id"
run -C "$bad3" report totals --keep-going
expect_rc 3 "--keep-going leaves out both offices of a duplicate id, and exits 3"
expect_contains "$ERR" "; both skipped" "and says so"

# ---- threads never change the output ----
gen=$TMP/gen
mkdir -p "$gen"
if /usr/bin/python3 "$ROADMAP_SRC/tests/bench/gen-repo.py" "$gen" --offices 400 --services 12 --seed 7; then
	# put some offices where their directory does not name their ministry
	mkdir -p "$gen/offices/zz/deeper"
	for f in $(ls "$gen"/offices/m0*/*.yaml | head -n 5); do mv "$f" "$gen/offices/zz/deeper/"; done
	for kind in services offices ministries workshops totals progress; do
		"$ROADMAP" -C "$gen" report "$kind" --jobs 1 >"$TMP/j1.$kind" 2>"$TMP/j1.err"
		rc1=$?
		"$ROADMAP" -C "$gen" report "$kind" --jobs 7 >"$TMP/j7.$kind" 2>/dev/null
		ROADMAP_JOBS=3 "$ROADMAP" -C "$gen" report "$kind" >"$TMP/j3.$kind" 2>/dev/null
		[ $rc1 -eq 0 ] && pass "$kind on the generated repository" || fail "$kind on the generated repository" "$(cat "$TMP/j1.err")"
		expect_same_file "$TMP/j7.$kind" "$TMP/j1.$kind" "$kind: --jobs 7 = --jobs 1"
		expect_same_file "$TMP/j3.$kind" "$TMP/j1.$kind" "$kind: ROADMAP_JOBS=3 = --jobs 1"
	done
	tail -n +2 "$TMP/j1.offices" | sort -t, -k1,1 -k2,2 -s | cmp -s - <(tail -n +2 "$TMP/j1.offices") &&
		pass "rows are sorted by ministry and office" ||
		fail "rows are sorted by ministry and office"
	/usr/bin/python3 "$ROADMAP_SRC/tests/bench/report-services.py" "$gen" >"$TMP/py.csv"
	expect_same_file "$TMP/j1.services" "$TMP/py.csv" "generated services equal the PyYAML script's output"
fi

# ---- since: the inventory as it stood on --as-of ----
sr=$TMP/since
mkdir -p "$sr/offices/lgd"
cp "$golden/repo/roadmap.yaml" "$sr/"
cat >"$sr/offices/lgd/s.yaml" <<'EOF'
roadmap: 1
office: {id: s, name: Since office, ministry: lgd}
services:
  - {id: old, name: Old}
  - {id: new, name: New, since: 2026-01-10, plan: {priority: 1, due: 2026-06-30, history: [{date: 2025-12-01, status: planned}]}}
  - {id: on-day, name: On the day, since: 2018-01-01, plan: {priority: 2, due: 2018-03-31, history: [{date: 2018-01-01, status: designing}]}}
EOF
run -C "$sr" check
expect_rc 0 "a history that begins before since is valid"
expect_contains "$ERR" "0 errors, 0 warnings" "and not even a warning"
run -C "$sr" report services --as-of 2017-12-31
expect_eq "$(cut -d, -f3 "$TMP/.out" | tr '\n' ' ')" "service old " \
	"--as-of before since leaves both later services out; one without since counts"
run -C "$sr" report services --as-of 2018-01-01
expect_eq "$(cut -d, -f3 "$TMP/.out" | tr '\n' ' ')" "service old on-day " "a service counts from its since date on"
run -C "$sr" report services --as-of 2026-01-09
expect_not_contains "$OUT" ",new," "the day before since: left out, though its plan began earlier"
run -C "$sr" report services --as-of 2026-01-10
expect_contains "$OUT" ",new,New,,,,,,yes,1,2026-06-30,planned,2025-12-01," "on its since date: in, with its plan"
for kind in offices ministries totals progress; do
	run -C "$sr" report "$kind" --as-of 2017-12-31 --format json
	expect_contains "$OUT" '"services":1' "$kind --as-of before since: one service"
done
run -C "$sr" report progress --as-of 2026-01-10
expect_eq "$(sed -n 2p "$TMP/.out")" "lgd,s,1,1,0,0,0,0,0,3,1" "progress on since: all three (on-day overdue)"
# add-service writes since (today), so a report as of yesterday leaves it out
ROADMAP_TODAY=2026-11-28 run -C "$sr" add-service s --name "Added today"
expect_contains "$(cat "$sr/offices/lgd/s.yaml")" "    since: 2026-11-28" "add-service writes since: today"
run -C "$sr" report services --as-of 2026-11-27
expect_not_contains "$OUT" "added-today" "the added service is left out as of yesterday"
run -C "$sr" report services --as-of 2026-11-28
expect_contains "$OUT" ",added-today,Added today," "and counted as of today"
# a since later than tomorrow is a warning, like every date of the past
sed -i 's/since: 2018-01-01/since: 2062-01-01/' "$sr/offices/lgd/s.yaml"
run -C "$sr" check
expect_rc 0 "a since in the future is no error"
expect_contains "$ERR" "offices/lgd/s.yaml:6:" "the warning is at the service's since"
expect_contains "$ERR" "warning: since date 2062-01-01 is later than tomorrow (2026-11-29)" "and names the date"
# an approval (gcc's, approved 2017-10-24, its plans unchanged until
# 2020-11-15) stays approved as of a date before a later service's since
sd=$TMP/since-data
new_repo "$sd"
run -C "$sd" report offices --office gcc --as-of 2018-06-01
expect_contains "$OUT" ",approved,2017-10-24," "gcc is approved before a service is added"
printf '  - {id: late, name: Late, since: 2018-06-01}\n' >"$TMP/late"
sed -i "/^services:/r $TMP/late" "$sd/offices/lgd/gcc.yaml"
run -C "$sd" report offices --office gcc --as-of 2018-05-31
expect_contains "$OUT" ",approved,2017-10-24," "not stale as of a date before the new service's since"
run -C "$sd" report offices --office gcc --as-of 2018-06-01
expect_contains "$OUT" ",stale,2017-10-24," "stale from its since on"

# ---- overdue: due before the date, neither live nor dropped then ----
od=$TMP/overdue
mkdir -p "$od/offices/lgd"
cp "$golden/repo/roadmap.yaml" "$od/"
cat >"$od/offices/lgd/od.yaml" <<'EOF'
roadmap: 1
office: {id: od, name: Overdue office, ministry: lgd}
services:
  - {id: due, name: Due, plan: {priority: 1, due: 2018-06-30, history: [{date: 2018-01-01, status: developing}]}}
  - {id: live, name: Live late, plan: {priority: 1, due: 2018-06-30, history: [{date: 2018-01-01, status: planned}, {date: 2018-09-01, status: live}]}}
  - {id: dropped, name: Dropped, plan: {priority: 1, due: 2018-06-30, history: [{date: 2018-01-01, status: planned}, {date: 2018-08-01, status: dropped}]}}
  - {id: undated, name: No due date, plan: {priority: 1, history: [{date: 2018-01-01, status: planned}]}}
  - {id: none, name: No plan}
EOF
overdue_col() {
	run -C "$od" report services --as-of "$1"
	cut -d, -f3,24 "$TMP/.out" | tail -n +2 | tr '\n' ' '
}
expect_eq "$(head -n1 "$golden/services.csv" | tr ',' '\n' | tail -n1)" overdue "services: overdue is the last column"
expect_eq "$(overdue_col 2018-06-30)" "due,no live,no dropped,no undated,no none, " "due on the as-of date: not overdue"
expect_eq "$(overdue_col 2018-07-01)" "due,yes live,yes dropped,yes undated,no none, " \
	"the day after: overdue; no due date: never; no plan: empty"
expect_eq "$(overdue_col 2018-08-01)" "due,yes live,yes dropped,no undated,no none, " "dropped on the date: not overdue"
expect_eq "$(overdue_col 2018-09-01)" "due,yes live,no dropped,no undated,no none, " "live on the date: not overdue"
expect_eq "$(overdue_col 2017-12-31)" "due, live, dropped, undated, none, " "before the plan began: empty"
ROADMAP_TODAY=2018-07-01 run -C "$od" report services
expect_contains "$OUT" ",due,Due,,,,,,yes,1,2018-06-30,developing,2018-01-01,,,,,,,,,,yes" "the default date is today"
for kind in offices ministries totals progress; do
	run -C "$od" report "$kind" --as-of 2018-08-01 --format json
	expect_contains "$OUT" '"overdue":2' "$kind counts the overdue plans"
	run -C "$od" report "$kind" --as-of 2018-06-30 --format json
	expect_contains "$OUT" '"overdue":0' "$kind: none overdue on the due date"
	run -C "$od" report "$kind"
	case "$(head -n1 "$TMP/.out")" in
	*,overdue | *,overdue,days_now,cost_now,visits_now,days_target,cost_target,visits_target)
		pass "$kind: overdue is appended after the other columns" ;;
	*) fail "$kind: overdue is appended after the other columns" "$(head -n1 "$TMP/.out")" ;;
	esac
done

# ---- progress as a table: the status heading and the totals row ----
run -C "$repo" report progress --as-of 2018-07-31 --format table
expect_eq "$(sed -n 1p "$TMP/.out" | tr -s ' ')" " status" "a heading over the status columns"
expect_eq "$(sed -n 2p "$TMP/.out" | cut -c1-28 | tr -d ' ')" "" "the rule starts at the status columns"
expect_eq "$(sed -n 2p "$TMP/.out" | tr -d ' ')" "$(sed -n 3p "$TMP/.out" | sed 's/^.*office *//; s/  changed.*//' | tr -c '\n' '-')" \
	"the rule spans planned to dropped"
expect_eq "$(tail -n1 "$TMP/.out" | tr -s ' ')" "Total 1 0 1 1 2 1 5 10 0" "the last row sums every column"
expect_eq "$(tail -n +5 "$TMP/.out" | head -n -1 | awk '{t += $(NF - 1)} END {print t}')" 10 \
	"the services of the rows add up to the total's"
run -C "$repo" report progress --as-of 2018-07-31 --format csv
expect_not_contains "$OUT" "Total" "csv has no totals row (scripts sum themselves)"
run -C "$repo" report progress --as-of 2018-07-31 --format table --office lged
expect_eq "$(tail -n1 "$TMP/.out" | tr -s ' ')" "Total 0 0 0 0 1 1 2 3 0" "the totals row of one office"
run -C "$repo" report offices --format table
expect_eq "$(sed -n 1p "$TMP/.out" | cut -c1-8)" "ministry" "other kinds have no heading line"

# ---- --office and --ministry more than once ----
run -C "$repo" report offices --office lged --office bpsc
expect_eq "$(cut -d, -f2 "$TMP/.out" | tr '\n' ' ')" "office lged bpsc " "two --office: rows for both"
run -C "$repo" report offices --office lged --office lged
expect_eq "$(cut -d, -f2 "$TMP/.out" | tr '\n' ' ')" "office lged " "the same office twice: once"
run -C "$repo" report ministries --ministry mopa --ministry cabinet
expect_eq "$(cut -d, -f1 "$TMP/.out" | tr '\n' ' ')" "ministry cabinet mopa " "two --ministry: rows for both, sorted"
run -C "$repo" report totals --ministry mopa --ministry cabinet
expect_eq "$(sed -n 2p "$TMP/.out" | cut -d, -f1-3)" "2,2,2" "totals over both ministries"
run -C "$repo" report offices --ministry lgd --ministry mopa --office bpsc --office dphe
expect_eq "$(cut -d, -f2 "$TMP/.out" | tr '\n' ' ')" "office dphe bpsc " "--office within the --ministry given"
run -C "$repo" report offices --office lged --office lgde --office nilgg
expect_rc 1 "an unknown office among known ones refuses"
expect_eq "$ERR" "roadmap: error: no office 'lgde'
hint: did you mean 'lged'?
roadmap: error: no office 'nilgg'
hint: did you mean 'nilg'?" "each unknown office, with the nearest id"
expect_eq "$OUT" "" "and nothing is written"
run -C "$repo" report offices --office zzzzzzzz
expect_rc 1 "a far-off office id refuses"
expect_not_contains "$ERR" "did you mean" "with no suggestion"
run -C "$repo" report offices --ministry lgd --ministry cabinett
expect_rc 1 "an unknown ministry among known ones refuses"
expect_contains "$ERR" "did you mean 'cabinet'?" "with the nearest id"

finish
