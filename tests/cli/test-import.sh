#!/usr/bin/env bash
# roadmap import OFFICE FILE.csv: an office's inventory from a spreadsheet,
# with the inventories of tests/fixtures/import/ (English and Bengali
# headers, Excel's BOM and CRLF, quoted cells over lines, empty rows, bad
# cells).
. "$(dirname "$0")/lib.sh"

FIX="$ROADMAP_SRC/tests/fixtures/import"
R="$TMP/repo"
KCC="$R/offices/lgd/kcc.yaml"
fresh() { rm -rf "$R" && new_repo "$R"; }
imp() { run -C "$R" "$@"; }
# removed_lines OLD NEW: the lines of OLD that NEW no longer has (an
# import only adds lines, or changes the ones it must)
removed_lines() { diff "$1" "$2" | grep '^<' || true; }

# ---- English headers, a quoted name over two lines, empty rows -------------
fresh
cp "$KCC" "$TMP/kcc.orig"
imp import kcc "$FIX/english.csv" --dry-run --date 2017-10-31
expect_rc 0 "dry run of english.csv"
expect_same_file "$KCC" "$TMP/kcc.orig" "a dry run writes nothing"
expect_eq "$OUT" "add birth-registration Birth registration (priority 1, due 2019-06-30, designing since 2018-01-14)
skip holding-tax-assessment (exists)
add building-plan-approval Building plan approval (priority 2, due 2020-06-30, planned since 2018-03-01)
add water-connection Water connection
add road-cutting-permission Road cutting permission (priority 3, due 2020-12-31, planned since 2017-10-31)
add street-light-complaint Street light complaint" "the dry run says what each row would do (empty rows skipped)"
expect_contains "$ERR" "english.csv:1:108: note: column 'Remarks' is not imported" "an unknown column is noted at its header cell"
expect_contains "$ERR" "would add 5, update 0, skip 1" "the dry run sums up"

imp import kcc "$FIX/english.csv" --date 2017-10-31
expect_rc 0 "import english.csv"
expect_contains "$ERR" "kcc: 5 services added, 0 updated, 1 skipped" "the import says what it did"
expect_eq "$(removed_lines "$TMP/kcc.orig" "$KCC")" "" "no line of the office file is lost or changed (comments stay)"
expect_eq "$(head -n 1 "$KCC")" "# Khulna City Corporation" "the comment at the top is still there"
imp check kcc
expect_rc 0 "the office passes check after the import"
imp show kcc building-plan-approval
expect_contains "$OUT" "Building plan approval" "a name over two lines of its cell is one line"
imp report services --office kcc --format csv
expect_contains "$OUT" "birth-registration" "the report sees an imported service"
expect_contains "$OUT" "5000" "a cost written 5,000 is 5000"
python3=/usr/bin/python3
st=$($python3 -c 'import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
s = {x["id"]: x for x in d["services"]}
b = s["birth-registration"]
print(b["since"], b["tcv"], b["plan"]["priority"], b["plan"]["due"],
      [(str(h["date"]), h["status"]) for h in b["plan"]["history"]],
      s["water-connection"]["since"], "plan" in s["water-connection"])' "$KCC")
expect_eq "$st" "2017-10-31 {'days': 7, 'cost': 150, 'visits': 2} 1 2019-06-30 [('2018-01-14', 'planned'), ('2018-01-14', 'designing')] 2017-10-31 False" \
	"a planned row: since --date (before its status date), tcv, plan and history from 'planned'; a row without a plan has none"

cp "$KCC" "$TMP/kcc.once"
imp import kcc "$FIX/english.csv" --date 2017-10-31
expect_rc 0 "import english.csv again"
expect_same_file "$KCC" "$TMP/kcc.once" "importing the same file twice changes nothing"
expect_contains "$ERR" "nothing to import" "the second import says there was nothing to import"
expect_contains "$ERR" "nothing written" "...and that nothing was written"
imp import kcc "$FIX/english.csv" --update
expect_same_file "$KCC" "$TMP/kcc.once" "...and with --update either (statuses equal, whatever the date)"
expect_contains "$OUT" "skip birth-registration (unchanged)" "--update says a row changes nothing"

# ---- --update --------------------------------------------------------------
imp import kcc "$FIX/update.csv"
expect_same_file "$KCC" "$TMP/kcc.once" "without --update, services that exist are skipped"
imp import kcc "$FIX/update.csv" --update --dry-run
expect_same_file "$KCC" "$TMP/kcc.once" "--update --dry-run writes nothing"
expect_eq "$OUT" "update birth-registration: cost 150 -> 100, status designing -> live (2019-08-01)
update holding-tax-assessment: days 45 -> 30, plan none -> priority 2, due 2021-06-30, planned since 2026-11-28
skip water-connection (unchanged)" "--update --dry-run says field: old -> new"
imp import kcc "$FIX/update.csv" --update
expect_rc 0 "import update.csv --update"
last=$($python3 -c 'import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
s = {x["id"]: x for x in d["services"]}
h = s["birth-registration"]["plan"]["history"][-1]
print(h["date"], h["status"], s["birth-registration"]["tcv"]["cost"], s["holding-tax-assessment"]["plan"]["priority"])' "$KCC")
expect_eq "$last" "2019-08-01 live 100 2" "--update appends the status and changes the cells given"
imp check kcc
expect_rc 0 "the office passes check after --update"
# a name matched without regard to case is written as the sheet has it
printf 'Service name\nWATER connection\n' >"$TMP/case.csv"
imp import kcc "$TMP/case.csv"
expect_eq "$OUT" "skip water-connection (exists)" "a name in other case finds the service"
imp import kcc "$TMP/case.csv" --update
expect_eq "$OUT" "update water-connection: name 'Water connection' -> 'WATER connection'" "--update writes the name as the sheet has it"
# a status that cannot follow the service's
printf 'Service name,Status,Status date\nBirth registration,designing,2020-01-01\n' >"$TMP/back.csv"
cp "$KCC" "$TMP/kcc.upd"
imp import kcc "$TMP/back.csv" --update
expect_rc 1 "a status that moves back is refused"
expect_contains "$ERR" "back.csv:2:20: error: service 'birth-registration' cannot move from 'live'" "...at its cell"
expect_same_file "$KCC" "$TMP/kcc.upd" "...and nothing is written"

# ---- Bengali headers, Bengali digits, Bangla dates, Bengali names only -------
fresh
imp import kcc "$FIX/bengali.csv"
expect_rc 0 "import bengali.csv"
expect_eq "$OUT" "add service-1 জন্ম নিবন্ধন (priority 1, due 2019-06-30, designing since 2018-01-14)
add service-2 ট্রেড লাইসেন্স নবায়ন
skip death-registration (exists)
add service-3 কমিউনিটি সেন্টার ভাড়া (priority 2, due 2020-06-30, live since 2020-07-01)" \
	"Bengali headers and digits, Bangla dates; a Bengali name only gets service-N; a Bengali name that is there is skipped"
bn=$($python3 -c 'import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
s = {x["id"]: x for x in d["services"]}
x = s["service-2"]
print(x["name"] == x["name_bn"], x["recipients"], x["tcv"], s["service-1"]["since"], x["since"])' "$KCC")
expect_eq "$bn" "True business {'days': 10, 'cost': 1000, 'visits': 3} 2018-01-14 2026-11-28" \
	"service-N: its English name is its Bengali name; ১,০০০ is 1000; since its first status, or today"
imp check kcc
expect_rc 0 "the office passes check after the Bengali import"
cp "$KCC" "$TMP/kcc.bn"
imp import kcc "$FIX/bengali.csv"
expect_same_file "$KCC" "$TMP/kcc.bn" "the Bengali file imported twice changes nothing (names find service-N)"

# ---- many rows: ids made from counters, not tried again per row --------------
fresh
/usr/bin/python3 -c '
print("id,Service name,নাম")
print("service-2,,সেবা প্রথম")
print("trade-licence-issue-3,,সেবা দ্বিতীয়")
for i in range(1, 3001):
    print(",,সেবা %d নং" % i)
for i in range(1, 1001):  # one slug, 1,000 names: punctuation tells them apart
    print(",Trade licence issue %s%s," % ("!" * (i % 32), "?" * (i // 32)))
' >"$TMP/many.csv"
# (the ids below were made one try at a time before; 4,000 rows took
# minutes: now well under a second)
imp import bcc "$TMP/many.csv" --dry-run
expect_rc 0 "a dry run of 4,000 rows"
expect_eq "$(grep -c '^add ' <<<"$OUT")" 4002 "...adds each row"
expect_eq "$(grep -c '^add service-[0-9]* সেবা' <<<"$OUT")" 3001 "...a service-N for each Bengali name"
expect_eq "$(sed -n 3p <<<"$OUT" | cut -d' ' -f2)" "service-1" "service-N starts at 1"
expect_eq "$(sed -n 4p <<<"$OUT" | cut -d' ' -f2)" "service-3" "...skips an id the sheet gives"
expect_eq "$(sed -n 3002p <<<"$OUT" | cut -d' ' -f2)" "service-3001" "...and counts on"
expect_eq "$(grep '^add trade.* Trade' <<<"$OUT" | sed -n '1p;2p;$p' | cut -d' ' -f2 | tr '\n' ' ')" "trade-licence-issue-2 trade-licence-issue-4 trade-licence-issue-1002 " \
	"ids of one slug: the office's is taken (-2 next), the sheet's -3 skipped, then -4 ... -1002"
expect_eq "$(cut -d' ' -f2 <<<"$OUT" | sort | uniq -d)" "" "no id is made twice"

# ---- Excel: BOM, CRLF ------------------------------------------------------
fresh
expect_eq "$(head -c 3 "$FIX/excel.csv" | od -An -tx1 | tr -d ' ')" "efbbbf" "excel.csv starts with a BOM"
expect_eq "$(grep -c $'\r$' "$FIX/excel.csv")" 7 "excel.csv has CRLF line ends"
imp import kcc "$FIX/excel.csv" --dry-run
expect_not_contains "$ERR" "note: column" "the BOM is not part of the first header"
imp import kcc "$FIX/excel.csv"
expect_rc 0 "import excel.csv"
expect_eq "$OUT" "skip trade-licence-issue (exists)
add pet-dog-registration Pet dog registration
add community-centre-booking Community centre booking (priority 3, due 2021-06-30, planned since 2019-10-01)
add hat-bazar-lease Hat-bazar lease (priority 2, due 2020-06-30, live since 2020-07-01)" "Excel's CSV: BOM, CRLF, a quoted name over two lines, empty rows of commas"
expect_eq "$(grep -c $'\r' "$KCC")" 0 "no CR reaches the office file"
imp check kcc
expect_rc 0 "the office passes check after the Excel import"

# ---- bad cells: every one reported at FILE:LINE:COL, nothing written -------------
fresh
cp "$KCC" "$TMP/kcc.orig"
imp import kcc "$FIX/bad-date.csv"
expect_rc 1 "a bad date is refused"
expect_contains "$ERR" "bad-date.csv:4:35: error: invalid due date '31/06/2020'" "a bad date after a cell over two lines: the line of the cell"
expect_contains "$ERR" "bad-date.csv:5:35: error: invalid due date '2020-02-30': no such day" "every bad cell is reported"
expect_contains "$ERR" "2 problems; nothing was imported" "the errors are counted"
expect_same_file "$KCC" "$TMP/kcc.orig" "nothing is written when a cell is bad (the good rows neither)"
imp import kcc "$FIX/duplicate.csv"
expect_rc 1 "a name twice is refused"
expect_contains "$ERR" "duplicate.csv:4:1: error: the name 'BIRTH  registration' is also on line 2" "a duplicate name (other case and spacing) at its cell"
imp import kcc "$FIX/unknown-status.csv"
expect_rc 1 "an unknown status is refused"
expect_contains "$ERR" "unknown-status.csv:2:22: error: unknown status 'ongoing'" "an unknown status at its cell"
expect_same_file "$KCC" "$TMP/kcc.orig" "nothing was written by the refused imports"
printf 'Service name,Status\nNew service,live\n' >"$TMP/nopri.csv"
imp import kcc "$TMP/nopri.csv"
expect_rc 1 "a status without a priority is refused"
expect_contains "$ERR" "nopri.csv:2:13: error: service 'new-service' would become an e-service, and a plan needs a priority" "...as plan refuses it"
printf 'Service name,Status,Status date\nNew service,live,2026-12-25\n' >"$TMP/future.csv"
imp import kcc "$TMP/future.csv"
expect_rc 1 "a status date later than tomorrow is refused"
expect_contains "$ERR" "later than tomorrow" "...saying why"
printf 'Service name\nDeath Registration\n' >"$TMP/taken.csv"
printf 'id,Service name\ndeath-reg,Death Registration\n' >"$TMP/taken.csv"
imp import kcc "$TMP/taken.csv"
expect_rc 1 "a new id with the name of another service is refused"
expect_contains "$ERR" "taken.csv:2:11: error: service 'death-registration' already has the name 'Death Registration'" "...at the name cell"
printf 'Name\n\xff\n' >"$TMP/latin1.csv"
imp import kcc "$TMP/latin1.csv"
expect_contains "$ERR" "latin1.csv:2:1: error: not UTF-8" "bytes that are not UTF-8 are refused at their position"
printf 'Name\nA\000B\n' >"$TMP/nul.csv"
imp import kcc "$TMP/nul.csv"
expect_contains "$ERR" "nul.csv:2:2: error: a NUL byte" "a NUL byte is refused at its position"
printf 'Name,Days\n"Water\nconnection,3\n' >"$TMP/open.csv"
imp import kcc "$TMP/open.csv"
expect_contains "$ERR" "open.csv:2:1: error: the quote that opens this cell is never closed" "an unclosed quote at the cell it opens"
expect_same_file "$KCC" "$TMP/kcc.orig" "still nothing written"

# many bad cells: the first 100, then how many more (as compilers do)
{ echo 'Service name,Days'; for i in $(seq 1 150); do echo "S$i,x"; done; } >"$TMP/bad150.csv"
imp import kcc "$TMP/bad150.csv"
expect_rc 1 "150 bad cells are refused"
expect_eq "$(grep -c ': error: invalid days' <<<"$ERR")" 100 "...the first 100 reported"
expect_contains "$ERR" "bad150.csv:101:6: error: invalid days 'x'" "...up to line 101"
expect_contains "$ERR" "... and 50 more errors" "...then how many more"
expect_contains "$ERR" "bad150.csv: error: 150 problems; nothing was imported" "...all of them counted"
# a sheet of 99,000 rows of 80 empty cells: nothing kept, so little memory
/usr/bin/python3 -c 'import sys; sys.stdout.write("Service name" + "," * 79 + "\n" + ("," * 79 + "\n") * 99000)' >"$TMP/empty80.csv"
if [ "${ROADMAP_SANITIZED:-OFF}" = ON ]; then
	echo "# SKIP the memory of an empty sheet: measured in the plain build"
else
	rss=$(/usr/bin/python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$ROADMAP" -C "$R" import kcc "$TMP/empty80.csv" --dry-run)
	if [ "$rss" -lt 100000 ]; then pass "99,000 rows of empty cells: $rss KB (was 379 MB)"
	else fail "99,000 rows of empty cells: $rss KB" "empty cells are not kept"; fi
fi
# a row with a cell past 256: at that cell
{ echo 'Service name'; printf 'x%.0s,' $(seq 1 299); echo y; } >"$TMP/wide.csv"
imp import kcc "$TMP/wide.csv"
expect_contains "$ERR" "wide.csv:2:513: error: cell 257 of a row: a row holds at most 256 cells" "a row too wide: at its 257th cell, naming the limit"
printf 'Days,Name\n3,Water tank cleaning\n  7\n' >"$TMP/noname.csv"
imp import kcc "$TMP/noname.csv"
expect_contains "$ERR" "noname.csv:3:3: error: a service with no name" "a row too short for its name: at its first cell"

# a template's numbered rows with nothing else are empty rows
printf 'No.,Service name,Days\n1,Water tank cleaning,3\n2,,\n3,,\n' >"$TMP/template.csv"
imp import kcc "$TMP/template.csv" --dry-run
expect_rc 0 "numbered rows with no service are not an error"
expect_eq "$OUT" "add water-tank-cleaning Water tank cleaning" "...they are skipped"
expect_contains "$ERR" "template.csv:3:1: note: 2 rows (from this one) hold cells only in columns not imported: skipped as empty" "...and --dry-run says so"
# Excel's "CSV (Comma delimited)": Bengali letters become '?'
printf 'Service name,নাম\nBirth registration 2,\x3f\x3f\x3f\x3f \x3f\x3f\x3f\x3f\x3f\n' >"$TMP/qmarks.csv"
imp import kcc "$TMP/qmarks.csv"
expect_rc 1 "a name of question marks is refused"
expect_contains "$ERR" "qmarks.csv:2:22: error: the Bengali name '???? ?????' is question marks" "...at its cell"
expect_contains "$ERR" "CSV UTF-8 (Comma delimited)" "...with how to save the sheet"
printf 'Sl,???\n1,????\n' >"$TMP/qhead.csv"
imp import kcc "$TMP/qhead.csv"
expect_contains "$ERR" "qhead.csv:1:1: error: no column of service names in the header row, which holds 'Sl', '???'" "a header of question marks: the row is shown"
expect_contains "$ERR" "CSV UTF-8" "...and how to save the sheet"
printf 'Inventory of services, KCC\nService name,Days\nWater,3\n' >"$TMP/title.csv"
imp import kcc "$TMP/title.csv"
expect_contains "$ERR" "title.csv:1:1: error: no column of service names in the header row, which holds 'Inventory of services', 'KCC'" "a title row: what it holds"
expect_contains "$ERR" "remove any title rows" "...and the hint to remove it"

# ---- --map ---------------------------------------------------------------------
imp import kcc "$FIX/map.csv"
expect_rc 1 "a sheet without a name column needs --map"
expect_contains "$ERR" "no column of service names" "...and says so"
imp import kcc "$FIX/map.csv" --map Title=name --map "citizen TIME (days)=days" --map Fee=cost --map Sl.=ignore
expect_rc 0 "--map reads other headers"
expect_eq "$OUT" "add birth-registration Birth registration
add water-connection Water connection" "--map: the rows are read"
tcv=$(/usr/bin/python3 -c 'import sys, yaml
d = yaml.safe_load(open(sys.argv[1]))
print({x["id"]: x.get("tcv") for x in d["services"]}["water-connection"])' "$KCC")
expect_eq "$tcv" "{'days': 20, 'cost': 3000}" "--map COLUMN=FIELD: a header compared without case or space"
imp import kcc "$FIX/map.csv" --map Title=naem
expect_rc 2 "an unknown field in --map is a usage error"
expect_contains "$ERR" "did you mean 'name'" "...with a hint"
imp import kcc "$FIX/map.csv" --map Nothing=name
expect_rc 1 "--map of a column the sheet lacks is refused"
expect_contains "$ERR" "no column 'Nothing'" "...naming it"

# ---- wording ----------------------------------------------------------------
fresh
printf 'Service name\nCattle market lease\n' >"$TMP/one.csv"
imp import kcc "$TMP/one.csv"
expect_contains "$ERR" "kcc: 1 service added, 0 updated, 0 skipped" "one service: singular"
imp import kcc "$TMP/one.csv"
expect_contains "$ERR" "the 1 service of $TMP/one.csv is there already" "...there already: singular"
printf 'Service name,Days\n' >"$TMP/header.csv"
imp import kcc "$TMP/header.csv"
expect_rc 0 "a file with a header only is not an error"
expect_contains "$ERR" "nothing to import: $TMP/header.csv has no rows below its header" "...and says it has no rows"
imp import kcc "$TMP/header.csv" --dry-run
expect_contains "$ERR" "nothing to import: $TMP/header.csv has no rows below its header" "...with --dry-run too"
printf 'No.,Name,Days,Name\n1,A,2,B\n' >"$TMP/twice.csv"
imp import kcc "$TMP/twice.csv"
expect_contains "$ERR" "twice.csv:1:15: error: columns B ('Name', column 2) and D ('Name', column 4) both give the name" "two columns with one header: by letter and number"
expect_contains "$ERR" "rename one of them" "...the hint is not a --map that cannot tell them apart"
printf 'Name,Service name\nA,B\n' >"$TMP/twice2.csv"
imp import kcc "$TMP/twice2.csv"
expect_contains "$ERR" "hint: leave one out with --map 'Service name=ignore'" "two headers of one field: --map tells them apart"
imp import kcc "$TMP/twice.csv" --map '---=ignore'
expect_rc 2 "a --map header of punctuation only is a usage error"
expect_contains "$ERR" "nothing is left of '---'" "...saying why"
imp import bc "$TMP/one.csv"
expect_contains "$ERR" "did you mean 'bcc'?" "an office near one: did you mean"

# ---- an approved office: the approval becomes stale, and the import says so ------
fresh
printf 'Service name,Days\nRoad maintenance complaint,10\n' >"$TMP/lged.csv"
imp import lged "$TMP/lged.csv" --dry-run
expect_contains "$ERR" "would become stale" "a dry run says the approval would become stale"
imp import lged "$TMP/lged.csv"
expect_rc 0 "import into an approved office"
expect_contains "$ERR" "is now stale" "the import says the approval is now stale"
imp report offices --office lged --format tsv
expect_contains "$OUT" "stale" "the report sees the approval stale"

# ---- usage ---------------------------------------------------------------------------
imp import kcc
expect_rc 2 "a missing FILE is a usage error"
imp import nosuch "$FIX/english.csv"
expect_rc 1 "an office that does not exist is refused"
imp import kcc "$TMP/none.csv"
expect_rc 1 "a file that does not exist is refused"
# FILE is outside the repository: links, standard input and FIFOs are read
printf 'Service name\nCattle market lease\n' >"$TMP/cattle.csv"
ln -s "$TMP/cattle.csv" "$TMP/link.csv"
imp import kcc "$TMP/link.csv" --dry-run
expect_eq "$OUT" "add cattle-market-lease Cattle market lease" "a symbolic link is followed"
"$ROADMAP" -C "$R" import kcc - --dry-run <"$TMP/cattle.csv" >"$TMP/stdin.out" 2>/dev/null
expect_eq "$(head -n 1 "$TMP/stdin.out")" "add cattle-market-lease Cattle market lease" "'-' is standard input"
run -C "$R" import kcc <(cat "$TMP/cattle.csv") --dry-run
expect_eq "$OUT" "add cattle-market-lease Cattle market lease" "a FIFO, <(cat FILE), is read"
printf 'Service name\n' >"$TMP/big.csv"
head -c 9000000 /dev/zero | tr '\0' 'a' >>"$TMP/big.csv"
run -C "$R" import kcc <(cat "$TMP/big.csv")
expect_contains "$ERR" "error: larger than 8 MiB" "...with the size limit while reading"
imp import kcc "$TMP"
expect_rc 1 "a directory is refused"
expect_contains "$ERR" "error: is a directory" "...saying so"
expect_not_contains "$ERR" "remove" "...with no advice to remove it"

finish
