# Load: 50 writers at once across 5 offices (each adds one service), with
# readers running alongside (`report services` where the command exists,
# `check` always).  Every write lands; every read exits 0 and sees each
# office whole, before or after each write, never half: its per-office
# service count is one the office actually passed through.
. "$ROADMAP_SRC/tests/cli/lib.sh"

WRITERS_PER_OFFICE=10
OFFICES="o1 o2 o3 o4 o5"
BASE_SERVICES=3
# Writers queue on the directory lock; give them all the time they need
# (under valgrind one write takes a second).
export ROADMAP_LOCK_TIMEOUT=600000

R=$TMP/repo
"$ROADMAP" init "$R" --title T >/dev/null 2>&1
"$ROADMAP" -C "$R" add-ministry lgd --name L >/dev/null 2>&1
"$ROADMAP" -C "$R" add-ministry mopa --name M >/dev/null 2>&1
for o in $OFFICES; do
	m=lgd
	[ "$o" = o5 ] && m=mopa # two directories, two locks
	"$ROADMAP" -C "$R" add-office "$o" --ministry $m --name "Office $o" >/dev/null 2>&1
	for i in $(seq 1 $BASE_SERVICES); do
		"$ROADMAP" -C "$R" add-service "$o" --id "base-$i" --name "Base $i" >/dev/null 2>&1
	done
done
run -C "$R" check
expect_rc 0 "the starting repository is valid"

have_report=no
"$ROADMAP" report --help >/dev/null 2>&1 && have_report=yes

# reader N: read until the writers are done, then once more.
reader() {
	local n=0 out=$TMP/reads.$1
	: >"$out"
	while :; do
		local done_now=no
		[ -e "$TMP/writers-done" ] && done_now=yes
		if [ $have_report = yes ]; then
			if "$ROADMAP" -C "$R" report services --format csv \
				>"$TMP/r.$1.csv" 2>"$TMP/r.$1.err"; then
				# per-office service counts of this one report
				awk -F, 'NR > 1 { c[$2]++ } END { for (o in c) printf "%s=%d ", o, c[o]; print "" }' \
					"$TMP/r.$1.csv" >>"$out"
			else
				echo "FAILED: report: $(head -n 1 "$TMP/r.$1.err")" >>"$out"
			fi
		fi
		"$ROADMAP" -C "$R" check >/dev/null 2>"$TMP/c.$1.err" ||
			echo "FAILED: check: $(head -n 1 "$TMP/c.$1.err")" >>"$out"
		n=$((n + 1))
		[ $done_now = yes ] && break
	done
	echo "READS $n" >>"$out"
}

reader 1 &
r1=$!
reader 2 &
r2=$!

SECONDS=0
pids=()
for o in $OFFICES; do
	for i in $(seq 1 $WRITERS_PER_OFFICE); do
		"$ROADMAP" -C "$R" add-service "$o" --id "w-$i" --name "Writer $i" \
			>/dev/null 2>"$TMP/w.$o.$i.err" &
		pids+=($!)
	done
done
failed=0
for p in "${pids[@]}"; do
	wait "$p" || failed=$((failed + 1))
done
took=$SECONDS
touch "$TMP/writers-done"
wait $r1 $r2

expect_eq "$failed" 0 "50 parallel writers all succeed (${took}s)"
[ "$failed" -eq 0 ] || fail "a writer's error" "$(cat "$TMP"/w.*.err | head -n 5)"
for o in $OFFICES; do
	f=$(find "$R/offices" -name "$o.yaml")
	got=$(grep -c '^  - id: \|^- id: ' "$f")
	expect_eq "$got" $((BASE_SERVICES + WRITERS_PER_OFFICE)) "$o: every write landed"
done
run -C "$R" check
expect_rc 0 "check passes after the load"
leftover=$(find "$R" -name '.*' ! -name . ! -name .yamllint ! -name .vscode | head -n 3)
expect_eq "$leftover" "" "no temporary file is left"

reads=$(cat "$TMP"/reads.1 "$TMP"/reads.2)
nreads=$(printf '%s\n' "$reads" | awk '/^READS / { n += $2 } END { print n + 0 }')
failures=$(printf '%s\n' "$reads" | grep '^FAILED' | head -n 3)
expect_eq "$failures" "" "every one of $nreads reads during the load exits 0"
[ "$nreads" -ge 2 ] && pass "readers ran alongside the writers ($nreads reads)" ||
	fail "readers ran alongside the writers ($nreads reads)"
if [ $have_report = yes ]; then
	bad=$(printf '%s\n' "$reads" | grep -v '^READS\|^FAILED' | tr ' ' '\n' |
		awk -F= -v lo=$BASE_SERVICES -v hi=$((BASE_SERVICES + WRITERS_PER_OFFICE)) \
			'NF == 2 && ($2 < lo || $2 > hi)' | head -n 3)
	expect_eq "$bad" "" "every report saw each office whole (between $BASE_SERVICES and $((BASE_SERVICES + WRITERS_PER_OFFICE)) services)"
	short=$(printf '%s\n' "$reads" | grep -v '^READS\|^FAILED' |
		awk '{ if (NF != 5) print }' | head -n 3)
	expect_eq "$short" "" "every report lists all 5 offices"
else
	fail "the readers ran report" "report --help fails"
fi
finish
