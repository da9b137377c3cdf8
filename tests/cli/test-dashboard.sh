#!/usr/bin/env bash
# roadmap dashboard: the numbers on the page are the reports' (totals,
# ministries, offices, progress, services, apa, workshops, training,
# overdue) on the bundled repository and generated ones, in English and
# Bengali; every figure called planned is the report's planned; the
# charts' numbers fit (also 4-digit ones) and the workshops chart labels
# its quarters and stays in its width for any number of them; the page
# fetches nothing; names are escaped; -o writes whole or not at all; and
# headless Chromium renders it with every host unresolvable, no console
# message, every chart with data visible in the screenshot (kept under
# the build directory as dashboard-en.png and dashboard-bn.png), and
# prints it on A4 with no heading left at the foot of a page.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
CHECK="$ROADMAP_SRC/tests/cli/dashboard-check.py"
AS_OF=2026-11-28
KINDS="totals ministries offices progress services apa workshops training overdue"
[ -x "$PY" ] || skip_all "/usr/bin/python3 is missing (Debian package python3)"

# reports DIR OUTDIR [OPTIONS...]: the CSV of every kind the page shows.
reports() {
	local dir=$1 out=$2 k
	shift 2
	mkdir -p "$out"
	for k in $KINDS; do
		(cd "$dir" && "$ROADMAP" report "$k" --as-of "$AS_OF" "$@") >"$out/$k.csv" ||
			fail "report $k in $dir"
	done
}

# page DIR FILE [OPTIONS...]
page() {
	local dir=$1 file=$2
	shift 2
	(cd "$dir" && "$ROADMAP" dashboard --as-of "$AS_OF" -o "$file" "$@") 2>"$TMP/.err"
}

# check_numbers WHAT PAGE REPORTS
check_numbers() {
	if msg=$("$PY" "$CHECK" numbers "$2" "$3" 2>&1); then pass "$1: $msg"
	else fail "$1" "$msg"; fi
}

# check_layout WHAT PAGE
check_layout() {
	if msg=$("$PY" "$CHECK" layout "$2" 2>&1); then pass "$1: ${msg//$'\n'/; }"
	else fail "$1" "$msg"; fi
}

# ---- the numbers ---------------------------------------------------------
new_repo "$TMP/data"
mkdir "$TMP/gen"
"$PY" "$ROADMAP_SRC/tests/bench/gen-repo.py" "$TMP/gen" --offices 400 \
	--services 8 --ministries 7 --seed 14 >/dev/null || fail "gen-repo.py"
for repo in data gen; do
	reports "$TMP/$repo" "$TMP/rep-$repo"
	for lang in en bn; do
		page "$TMP/$repo" "$TMP/$repo-$lang.html" --lang "$lang"
		RC=$? ERR=$(cat "$TMP/.err")
		expect_rc 0 "dashboard --lang $lang on the $repo repository"
		check_numbers "$repo, $lang: the page's numbers are the reports'" \
			"$TMP/$repo-$lang.html" "$TMP/rep-$repo"
		check_layout "$repo, $lang: every chart's numbers fit" "$TMP/$repo-$lang.html"
	done
done
# offices with a roadmap: those with an e-service planned, not all offices
cp -r "$TMP/data" "$TMP/idle"
(cd "$TMP/idle" && "$ROADMAP" add-office idle-office --ministry lgd --name "Idle Office" -q &&
	"$ROADMAP" add-service idle-office --name "A service with no plan" -q) ||
	fail "an office with no e-service planned added"
reports "$TMP/idle" "$TMP/rep-idle"
page "$TMP/idle" "$TMP/idle.html"
check_numbers "an office with no e-service planned: numbers" "$TMP/idle.html" "$TMP/rep-idle"
got=$(grep -o 'data-metric="roadmap_offices">[0-9]*' "$TMP/idle.html" | sed 's/.*>//')
all=$(sed -n 2p "$TMP/rep-idle/totals.csv" | cut -d, -f2)
expect_eq "$got" "$(($(grep -c '' "$TMP/rep-idle/offices.csv") - 2))" \
	"offices with a roadmap: the offices report's rows with planned > 0"
expect_eq "$((all - got))" 1 "offices with a roadmap: the office with none planned is not one"
# every figure called planned is the ministries report's, not all the
# services with a plan (dropped ones are not planned)
dropped=$(awk -F, 'NR > 1 { n += $8 } END { print n + 0 }' "$TMP/rep-data/progress.csv")
[ "$dropped" -gt 0 ] && pass "the bundled repository has dropped services ($dropped)" ||
	fail "the bundled repository has dropped services"
nmin=$(($(grep -c '' "$TMP/rep-data/ministries.csv") - 1))
expect_eq "$(grep -c 'data-metric="planned"' "$TMP/data-en.html")" $((2 * nmin + 2)) \
	"planned: the headline's, the progress chart's and the table's are all checked"
expect_not_contains "$(cat "$TMP/data-en.html")" "progress:planned_services" \
	"no figure adds the dropped services to those planned"

# numbers of 4 digits and more fit their charts
mkdir "$TMP/big"
"$PY" "$ROADMAP_SRC/tests/bench/gen-repo.py" "$TMP/big" --offices 2400 \
	--services 2 --ministries 2 --seed 3 >/dev/null || fail "gen-repo.py big"
reports "$TMP/big" "$TMP/rep-big"
for lang in en bn; do
	page "$TMP/big" "$TMP/big-$lang.html" --lang "$lang"
	check_numbers "big, $lang: numbers" "$TMP/big-$lang.html" "$TMP/rep-big"
	check_layout "big, $lang: numbers of 4 digits fit" "$TMP/big-$lang.html"
done
expect_contains "$(grep -o 'data-metric="apa:offices"[^<]*' "$TMP/big-en.html")" "1," \
	"big: an APA count of 4 digits"

# workshops over time: 170 quarters stay in the chart's width, the last
# 150 drawn with a note, all in the table
rm -rf "$TMP/wq" && cp -r "$TMP/data" "$TMP/wq"
for y in $(seq 1980 2022); do
	for md in 08-01 11-01 02-01 05-01; do
		(cd "$TMP/wq" && "$ROADMAP" workshop kcc --kind design --date "$y-$md" \
			--batch 90 --participants 3 -q) || fail "workshop $y-$md"
	done
done
reports "$TMP/wq" "$TMP/rep-wq"
page "$TMP/wq" "$TMP/wq.html"
check_numbers "many quarters: numbers" "$TMP/wq.html" "$TMP/rep-wq"
check_layout "many quarters: the chart keeps its width" "$TMP/wq.html"
n=$(($(grep -c '' "$TMP/rep-wq/training.csv") - 1))
expect_contains "$(cat "$TMP/wq.html")" "data-quarters-left-out=\"$((n - 150))\"" \
	"many quarters ($n): the ones left out of the chart are said"
expect_eq "$(grep -c '<g class="quarter">' "$TMP/wq.html")" 150 "many quarters: the last 150 drawn"
if "$PY" "$CHECK" layout <(sed 's/width="46" height="\([0-9]*\)" fill="#00acc1"/width="946" height="\1" fill="#00acc1"/' "$TMP/data-en.html") >/dev/null 2>&1
then fail "a bar out of its chart is found"; else pass "a bar out of its chart is found"; fi
if "$PY" "$CHECK" layout <(sed 's/text x="\([0-9]*\)" y="\([0-9]*\)" text-anchor="end" data-metric="none_offices"/text x="69\1" y="\2" text-anchor="end" data-metric="none_offices"/' "$TMP/data-en.html") >/dev/null 2>&1
then fail "a number out of its chart is found"; else pass "a number out of its chart is found"; fi
# the check is not vacuous: one number changed is found
sed 's/data-metric="planned">\([0-9]*\)</data-metric="planned">9\1</' \
	"$TMP/data-en.html" >"$TMP/wrong.html"
if "$PY" "$CHECK" numbers "$TMP/wrong.html" "$TMP/rep-data" >/dev/null 2>&1; then
	fail "a wrong number on the page is found"
else pass "a wrong number on the page is found"; fi

# a filter and a period apply to the page as to the reports
AS_OF_SAVE=$AS_OF
AS_OF=2019-02-14
reports "$TMP/gen" "$TMP/rep-fq2" --fy 2018-19 --quarter 3
page "$TMP/gen" "$TMP/gen-fq.html" --fy 2018-19 --quarter 3
RC=$? ERR=$(cat "$TMP/.err")
expect_rc 0 "dashboard --fy --quarter --as-of"
check_numbers "gen, --fy 2018-19 --quarter 3 --as-of $AS_OF: numbers" "$TMP/gen-fq.html" "$TMP/rep-fq2"
AS_OF=$AS_OF_SAVE
m=$(ls "$TMP/gen/offices" | head -n 1)
reports "$TMP/gen" "$TMP/rep-m" --ministry "$m"
page "$TMP/gen" "$TMP/gen-m.html" --ministry "$m"
check_numbers "gen, --ministry $m: numbers" "$TMP/gen-m.html" "$TMP/rep-m"

# Bengali digits with --lang bn, none with en
headline() { grep -o 'data-metric="services">[^<]*' "$1" | head -n 1 | sed 's/.*>//'; }
services=$(sed -n 2p "$TMP/rep-gen/totals.csv" | cut -d, -f3)
bn=$(printf '%s' "$services" | sed 'y/0123456789/০১২৩৪৫৬৭৮৯/')
case ${#services} in 4|5) bn="${bn:0:$((${#bn} - 3))},${bn: -3}" ;; esac
expect_eq "$(headline "$TMP/gen-bn.html")" "$bn" "--lang bn: services analysed in Bengali digits"
expect_eq "$(grep -cP '[\x{09E6}-\x{09EF}]' "$TMP/gen-en.html")" 0 "--lang en: no Bengali digit on the page"
expect_contains "$(cat "$TMP/data-bn.html")" 'lang="bn"' "--lang bn: the page says it is Bengali"
expect_contains "$(cat "$TMP/data-bn.html")" "স্থানীয় সরকার বিভাগ" "--lang bn: the ministry's Bengali name"
expect_contains "$(cat "$TMP/data-bn.html")" "অগ্রহায়ণ ১৪৩৩" "--lang bn: the date in the Bangla calendar"
# --lang bn: the overdue list's dates in both calendars, its offices'
# names in Bengali when the report has them
shown=$(($(grep -c '' "$TMP/rep-data/overdue.csv") - 1))
[ "$shown" -gt 200 ] && shown=200
expect_eq "$(grep -o '<span class="bd">[^<]*\(আষাঢ়\|পৌষ\|শ্রাবণ\|আশ্বিন\|চৈত্র\|বৈশাখ\|জ্যৈষ্ঠ\|ভাদ্র\|কার্তিক\|অগ্রহায়ণ\|মাঘ\|ফাল্গুন\)' "$TMP/data-bn.html" | wc -l)" \
	"$shown" "--lang bn: each overdue service's due date also in the Bangla calendar"
if head -n 1 "$TMP/rep-data/overdue.csv" | tr , '\n' | grep -qx office_name_bn; then
	col=$(head -n 1 "$TMP/rep-data/overdue.csv" | tr , '\n' | grep -nx office_name_bn | cut -d: -f1)
	bn_office=$("$PY" -c 'import csv,sys; r=list(csv.DictReader(open(sys.argv[1])));print(next((x["office_name_bn"] for x in r if x["office_name_bn"]), ""))' "$TMP/rep-data/overdue.csv")
	if [ -n "$bn_office" ]; then
		expect_contains "$(cat "$TMP/data-bn.html")" "<td>$bn_office</td>" \
			"--lang bn: the overdue list names offices in Bengali (column $col)"
	else skip_part "Bengali office names" "no overdue office has a Bengali name"; fi
else
	expect_contains "$(cat "$TMP/data-bn.html")" "<td>Barishal City Corporation</td>" \
		"--lang bn: without office_name_bn the office's English name"
	skip_part "Bengali office names in the overdue list" "the overdue report has no office_name_bn yet"
fi

# ---- nothing fetched, names escaped ---------------------------------------
for f in data-en data-bn gen-en; do
	if msg=$("$PY" "$CHECK" offline "$TMP/$f.html" 2>&1); then pass "$f: nothing a browser would fetch"
	else fail "$f: nothing a browser would fetch" "$msg"; fi
done
printf '<p><img src="https://example.com/x.png"></p><style>@import url(//x.org/a.css)</style>' \
	>"$TMP/fetch.html"
if "$PY" "$CHECK" offline "$TMP/fetch.html" >/dev/null 2>&1; then fail "a page that fetches is found"
else pass "a page that fetches is found"; fi

new_repo "$TMP/hostile"
(cd "$TMP/hostile" &&
	"$ROADMAP" add-ministry evil --name '<script>alert("m")</script> & Co' -q &&
	"$ROADMAP" add-office evil-office --ministry evil --name "<img src=x onerror=alert('o')>" -q &&
	"$ROADMAP" add-service evil-office --name '</td><script>x()</script>' -q) ||
	fail "hostile names added"
page "$TMP/hostile" "$TMP/hostile.html"
RC=$? ERR=$(cat "$TMP/.err")
expect_rc 0 "dashboard with hostile names"
html=$(cat "$TMP/hostile.html")
expect_not_contains "$html" "<script" "hostile names: no <script> on the page"
expect_not_contains "$html" "<img" "hostile names: no <img> on the page"
expect_contains "$html" "&lt;script&gt;alert(&quot;m&quot;)&lt;/script&gt; &amp; Co" "hostile names: the ministry's name escaped"
if msg=$("$PY" "$CHECK" offline "$TMP/hostile.html" 2>&1); then pass "hostile names: nothing fetched"
else fail "hostile names: nothing fetched" "$msg"; fi

# ---- output and errors -----------------------------------------------------
(cd "$TMP/data" && "$ROADMAP" dashboard --as-of "$AS_OF") >"$TMP/stdout.html" 2>"$TMP/.err"
RC=$?
expect_rc 0 "dashboard to standard output"
expect_same_file "$TMP/stdout.html" "$TMP/data-en.html" "standard output and -o FILE write the same page"
(cd "$TMP/data" && ROADMAP_JOBS=1 "$ROADMAP" dashboard --as-of "$AS_OF" -o "$TMP/one.html")
expect_same_file "$TMP/one.html" "$TMP/data-en.html" "the page does not depend on the number of threads"
echo keep >"$TMP/kept.html"
printf 'id: [broken\n' >"$TMP/data/offices/lgd/kcc.yaml"
cd "$TMP/data" && run dashboard --as-of "$AS_OF" -o "$TMP/kept.html"
cd - >/dev/null
expect_rc 1 "an invalid office fails the page"
expect_contains "$ERR" "kcc.yaml:" "the error names the file"
expect_eq "$(cat "$TMP/kept.html")" keep "-o FILE is left as it was"
expect_eq "$(ls -A "$TMP" | grep -c '^\.kept')" 0 "no temporary file left"
cd "$TMP/data" && run dashboard --as-of "$AS_OF" --keep-going -o "$TMP/partial.html"
cd - >/dev/null
expect_rc 3 "--keep-going leaves the office out and exits 3"
run dashboard --lang fr
expect_rc 2 "--lang fr is a usage error"
run dashboard extra
expect_rc 2 "an operand is a usage error"
run dashboard -o ''
expect_rc 2 "-o with an empty name is a usage error"
expect_contains "$ERR" "-o needs a file name" "...which says so"
cd "$TMP/gen" && run dashboard --fy 2018-19 --as-of 2020-01-01
cd - >/dev/null
expect_rc 2 "--as-of outside --fy is a usage error"

# ---- the page in a browser ---------------------------------------------------
CHROMIUM=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$CHROMIUM" ]; then
	skip_part "the page in Chromium" "chromium is missing (Debian package chromium)"
	finish
fi
if ! "$PY" -c 'import PIL' 2>/dev/null; then
	skip_part "the screenshot" "python3-pil is missing (Debian package python3-pil)"
	finish
fi
SHOTS=${ROADMAP_BUILD_DIR:-$(dirname "$ROADMAP")}
[ -w "$SHOTS" ] || SHOTS=$TMP

# shoot PAGE PNG HEIGHT: render with every host unresolvable; $ERR its log.
shoot() {
	rm -f "$2"
	timeout 120 "$CHROMIUM" --headless=new --no-sandbox --disable-gpu \
		--no-first-run --disable-background-networking \
		--disable-component-update --disable-sync \
		--user-data-dir="$(mktemp -d "$TMP/chrome.XXXXXX")" \
		--host-resolver-rules='MAP * ~NOTFOUND' --force-color-profile=srgb \
		--enable-logging=stderr --v=0 --screenshot="$2" \
		--window-size=1280,"$3" "file://$1" >"$TMP/.chrome" 2>&1
	RC=$?
	ERR=$(grep -E 'CONSOLE|Uncaught|ERR_NAME_NOT_RESOLVED|Failed to load' "$TMP/.chrome")
}

for lang in en bn; do
	shoot "$TMP/data-$lang.html" "$SHOTS/dashboard-$lang.png" 2400
	expect_rc 0 "chromium renders the $lang page"
	expect_eq "$ERR" "" "$lang page: no console message, nothing fetched"
	if msg=$("$PY" "$CHECK" charts "$TMP/data-$lang.html" "$SHOTS/dashboard-$lang.png" 2>&1)
	then pass "$lang page: every chart with data shows in the screenshot"
	else fail "$lang page: every chart with data shows in the screenshot" "$msg"; fi
	echo "# screenshot: $SHOTS/dashboard-$lang.png"
done
shoot "$TMP/gen-en.html" "$SHOTS/dashboard-gen.png" 3000
expect_eq "$ERR" "" "generated repository: no console message"
if msg=$("$PY" "$CHECK" charts "$TMP/gen-en.html" "$SHOTS/dashboard-gen.png" 2>&1)
then pass "generated repository: every chart with data shows"
else fail "generated repository: every chart with data shows" "$msg"; fi

# printed on A4: no page ends with a heading (the chart's heading and its
# first part kept together), on a repository of 60 ministries whose charts
# take several pages
if command -v pdftotext >/dev/null; then
	mkdir "$TMP/wide"
	"$PY" "$ROADMAP_SRC/tests/bench/gen-repo.py" "$TMP/wide" --offices 600 \
		--services 2 --ministries 60 --seed 5 >/dev/null || fail "gen-repo.py wide"
	for lang in en bn; do
		page "$TMP/wide" "$TMP/wide-$lang.html" --lang "$lang"
		timeout 120 "$CHROMIUM" --headless=new --no-sandbox --disable-gpu \
			--no-first-run --user-data-dir="$(mktemp -d "$TMP/chrome.XXXXXX")" \
			--host-resolver-rules='MAP * ~NOTFOUND' --no-pdf-header-footer \
			--print-to-pdf="$SHOTS/dashboard-$lang.pdf" "file://$TMP/wide-$lang.html" \
			>/dev/null 2>&1
		# a heading, or the note under it
		heads=$(grep -A1 '<h[23]>' "$TMP/wide-$lang.html" |
			grep -o '<h[23]>[^<]*\|^<p class="note">[^<]*' | sed 's/<[^>]*>//')
		pages=$(pdfinfo "$SHOTS/dashboard-$lang.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
		[ "${pages:-0}" -gt 4 ] && pass "$lang, 60 ministries: printed on $pages A4 pages" ||
			fail "$lang, 60 ministries: printed" "pages: $pages"
		foot=""
		for i in $(seq 1 "${pages:-0}"); do
			last=$(pdftotext -f "$i" -l "$i" "$SHOTS/dashboard-$lang.pdf" - |
				grep -v '^[[:space:]]*$' | tail -n 1 | sed 's/^ *//; s/ *$//')
			[ ${#last} -ge 8 ] && grep -qF -- "$last" <<<"$heads" &&
				foot="$foot page $i: $last;"
		done
		expect_eq "$foot" "" "$lang, 60 ministries: no heading at the foot of a printed page"
	done
	# the check can fail: headings forced to the foot of a page are found
	sed 's|</style>|h2{break-before:page;break-after:page}</style>|' "$TMP/wide-en.html" >"$TMP/foot.html"
	timeout 120 "$CHROMIUM" --headless=new --no-sandbox --disable-gpu --no-first-run \
		--user-data-dir="$(mktemp -d "$TMP/chrome.XXXXXX")" --no-pdf-header-footer \
		--print-to-pdf="$TMP/foot.pdf" "file://$TMP/foot.html" >/dev/null 2>&1
	last=$(pdftotext -f 2 -l 2 "$TMP/foot.pdf" - | grep -v '^[[:space:]]*$' | tail -n 1)
	expect_eq "$last" "APA score per ministry" "a heading alone on a page is seen by the check"
else
	skip_part "the printed page" "pdftotext is missing (Debian package poppler-utils)"
fi

# the checks can fail: a hidden chart is found blank, and a page that
# fetches or runs a script logs a console message
sed 's|</style>|svg[data-chart=progress]{visibility:hidden}</style>|' \
	"$TMP/data-en.html" >"$TMP/hidden.html"
shoot "$TMP/hidden.html" "$TMP/hidden.png" 2400
if "$PY" "$CHECK" charts "$TMP/hidden.html" "$TMP/hidden.png" >/dev/null 2>&1
then fail "a hidden chart is found blank in the screenshot"
else pass "a hidden chart is found blank in the screenshot"; fi
sed 's|</body>|<img src="http://example.com/x.png"><script>nosuch();</script></body>|' \
	"$TMP/data-en.html" >"$TMP/noisy.html"
shoot "$TMP/noisy.html" "$TMP/noisy.png" 800
expect_contains "$ERR" "CONSOLE" "a page that fetches or runs a script is found in the log"
finish
