#!/usr/bin/env bash
# roadmap dashboard: the numbers on the page are the reports' (totals,
# ministries, progress, services, apa, workshops, overdue) on the bundled
# repository and a generated one, in English and Bengali; the page fetches
# nothing; names are escaped; -o writes whole or not at all; and headless
# Chromium renders it with every host unresolvable, no console message,
# and every chart with data visible in the screenshot (kept under the
# build directory as dashboard-en.png and dashboard-bn.png).
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
CHECK="$ROADMAP_SRC/tests/cli/dashboard-check.py"
AS_OF=2026-11-28
KINDS="totals ministries progress services apa workshops overdue"
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
	done
done
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
