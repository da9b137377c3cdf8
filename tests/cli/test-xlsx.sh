# report --format xlsx, -o FILE and report pack: the workbook is read back
# with openpyxl and every cell compared with the JSON report of the same
# data (tests/cli/xlsx-check.py), on the bundled repository and on one of
# hostile text; LibreOffice converts the services sheet to CSV and its
# text equals ours; a workbook is refused on a terminal.
. "$ROADMAP_SRC/tests/cli/lib.sh"

PY=/usr/bin/python3
CHECK="$ROADMAP_SRC/tests/cli/xlsx-check.py"
KINDS="offices services ministries workshops totals progress overdue apa training"

$PY -c 'import openpyxl, yaml' 2>/dev/null ||
	skip_all "python3-openpyxl and python3-yaml are needed"

D=$TMP/data
H=$TMP/hostile
new_repo "$D"
$PY "$ROADMAP_SRC/tests/cli/xlsx-hostile-repo.py" "$H"

# checked WHAT DIR CHECK-ARGS...: xlsx-check.py in DIR finds nothing wrong.
checked() {
	local what=$1 dir=$2 msg
	shift 2
	if msg=$(cd "$dir" && ROADMAP_TODAY=$ROADMAP_TODAY $PY "$CHECK" "$@" 2>&1); then
		pass "$what"
	else
		fail "$what" "$msg"
	fi
}

# ---- every kind, every cell, on both repositories --------------------------
for repo in "$D" "$H"; do
	name=$(basename "$repo")
	for kind in $KINDS; do
		run -C "$repo" report "$kind" --format xlsx -o "$TMP/$kind.xlsx"
		if [ "$RC" -ne 0 ]; then
			fail "$name: report $kind --format xlsx" "exit $RC" "$ERR"
			continue
		fi
		checked "$name: $kind workbook equals its JSON" "$repo" \
			kind "$ROADMAP" "$TMP/$kind.xlsx" "$kind"
	done
	run -C "$repo" report services --format xlsx --calendar bangla \
		-o "$TMP/bn.xlsx"
	expect_rc 0 "$name: services --calendar bangla"
	checked "$name: a Bangla date column after each date column" "$repo" \
		kind "$ROADMAP" "$TMP/bn.xlsx" services --calendar bangla
	run -C "$repo" report pack -o "$TMP/pack.xlsx"
	expect_rc 0 "$name: report pack"
	checked "$name: pack: cover and every sheet equal the JSON" "$repo" \
		pack "$ROADMAP" "$TMP/pack.xlsx"
done

# A dated pack over a period: the title, the cover's dates and the rows.
run -C "$D" report pack --fy 2017-18 --quarter 3 --calendar bangla \
	-o "$TMP/q.xlsx"
expect_rc 0 "pack --fy --quarter --calendar bangla"
XLSX_CHECK_AS_OF=2018-03-31 XLSX_CHECK_FROM=2018-01-01 \
	checked "pack of a quarter equals its JSON" "$D" \
	pack "$ROADMAP" "$TMP/q.xlsx" --fy 2017-18 --quarter 3 --calendar bangla
run -C "$D" report offices --format xlsx --as-of 2018-01-01 -o "$TMP/o.xlsx"
checked "--as-of: the title and the cells of that day" "$D" \
	kind "$ROADMAP" "$TMP/o.xlsx" offices --as-of 2018-01-01

# The checker itself fails on a workbook of other data.
if (cd "$D" && $PY "$CHECK" kind "$ROADMAP" "$TMP/o.xlsx" offices) >/dev/null 2>&1; then
	fail "the checker finds a workbook of another day wrong"
else
	pass "the checker finds a workbook of another day wrong"
fi

# ---- -o FILE for every format; standard output ---------------------------
for fmt in csv tsv json table; do
	run -C "$D" report services --format "$fmt"
	printf '%s\n' "$OUT" >"$TMP/stdout.$fmt"
	run -C "$D" report services --format "$fmt" -o "$TMP/file.$fmt"
	expect_rc 0 "-o FILE with --format $fmt"
	expect_same_file "$TMP/file.$fmt" "$TMP/stdout.$fmt" \
		"--format $fmt -o FILE holds what standard output gets"
done
"$ROADMAP" -C "$D" report services --format xlsx >"$TMP/piped.xlsx" 2>"$TMP/err"
expect_eq "$? $(head -c 2 "$TMP/piped.xlsx")" "0 PK" "xlsx to a pipe or file"
checked "xlsx through standard output equals its JSON" "$D" \
	kind "$ROADMAP" "$TMP/piped.xlsx" services

# ---- usage ------------------------------------------------------------
run -C "$D" report pack --format csv -o "$TMP/bad.csv"
expect_rc 2 "pack --format csv is a usage error"
expect_contains "$ERR" "--format xlsx only" "pack says it is a workbook"
[ ! -e "$TMP/bad.csv" ] && pass "nothing written" || fail "nothing written"
run -C "$D" report --format xlsx --excel -o "$TMP/bad.xlsx"
expect_rc 2 "--excel applies to csv only"
run -C "$D" report totals -o ''
expect_rc 2 "-o '' is a usage error"
run -C "$D" report totals -o "$TMP/no/such/dir/x.csv"
expect_eq "$RC $(echo "$ERR" | head -1)" \
	"1 $TMP/no/such/dir/x.csv: error: cannot write the report: No such file or directory" \
	"-o in a directory that is not there: refused"
run -C "$D" report --format ods
expect_rc 2 "an unknown format"
expect_contains "$ERR" "xlsx" "the formats named include xlsx"
run -C "$D" report nosuchkind
expect_contains "$ERR" "overdue, apa, training or pack" "the kinds named"

# A failed report writes nothing and leaves the old file.
echo old >"$TMP/keep.xlsx"
run -C "$D" report --format xlsx --office nosuch -o "$TMP/keep.xlsx"
expect_eq "$RC $(cat "$TMP/keep.xlsx")" "1 old" \
	"a failed report leaves -o FILE as it was"
[ -z "$(find "$TMP" -maxdepth 1 -name '.keep.xlsx.*')" ] &&
	pass "no temporary file left" || fail "no temporary file left"

# ---- -o never writes over the roadmap's own files ---------------------------
O=$TMP/own
cp -a "$D" "$O"
mkdir -p "$O/.git" "$O/schema" "$O/work"
echo x >"$O/schema/x.json"
ln -s ../offices "$O/work/link"
(cd "$O" && find roadmap.yaml offices .git schema -type f -exec sha256sum {} + |
	sort) >"$TMP/own.before"
some_office=$(cd "$O" && find offices -name '*.yaml' | sort | head -1)
for target in roadmap.yaml "$some_office" offices/new.csv .git/x.csv \
	schema/x.json work/../roadmap.yaml "work/link/${some_office#offices/}"; do
	for cmd in "report services" "report pack" "report totals --format json" \
		dashboard; do
		run -C "$O" $cmd -o "$target"
		expect_rc 1 "$cmd -o $target: refused"
		expect_contains "$ERR" "$target: error: is the roadmap's own file" \
			"$cmd -o $target: the message names the file"
		expect_contains "$ERR" "hint: choose another name" \
			"$cmd -o $target: a hint"
	done
done
(cd "$O" && find roadmap.yaml offices .git schema -type f -exec sha256sum {} + |
	sort) >"$TMP/own.after"
expect_same_file "$TMP/own.after" "$TMP/own.before" \
	"the roadmap's files are as they were"
expect_eq "$(cd "$O" && find . -name '.*.??????' | wc -l)" 0 \
	"no temporary file beside them"
run -C "$O" report totals -o work/totals.csv
expect_rc 0 "-o elsewhere in the repository is fine"

# ---- an interrupted run leaves no temporary file ------------------------------
# A generated repository whose workbook is larger than a pipe holds.
G=$TMP/gen
mkdir -p "$G" "$TMP/tmpdir" "$TMP/outdir"
$PY "$ROADMAP_SRC/tests/bench/gen-repo.py" "$G" --offices 60 >/dev/null
# leftovers: temporary files of ours in $TMP/tmpdir and $TMP/outdir.
leftovers() { ls -A "$TMP/tmpdir" "$TMP/outdir" | grep -v '^/\|^$' | tr '\n' ' '; }

# To a pipe nobody reads: the run blocks while copying the workbook out of
# its temporary file in $TMPDIR; SIGINT, SIGTERM or SIGHUP then ends it.
for sig in INT TERM HUP; do
	rm -f "$TMP/fifo"
	mkfifo "$TMP/fifo"
	# (a background job of a script ignores SIGINT: undo that)
	TMPDIR=$TMP/tmpdir $PY -c 'import os, signal, sys
signal.signal(signal.SIGINT, signal.SIG_DFL)
os.execv(sys.argv[1], sys.argv[1:])' "$ROADMAP" -C "$G" report pack >"$TMP/fifo" 2>/dev/null &
	pid=$!
	exec 3<"$TMP/fifo"
	for _ in $(seq 200); do
		[ -n "$(ls -A "$TMP/tmpdir")" ] && break
		sleep 0.05
	done
	seen=$(ls -A "$TMP/tmpdir")
	kill -"$sig" "$pid"
	wait "$pid" 2>/dev/null
	rc=$?
	exec 3<&-
	expect_eq "$rc ${seen:+seen}" "$((128 + $(kill -l "$sig"))) seen" \
		"pack to a blocked pipe: ended by SIG$sig while its temporary file exists"
	expect_eq "$(leftovers)" "" "SIG$sig: no temporary file left"
done

# A reader that stops early: SIGPIPE.
TMPDIR=$TMP/tmpdir "$ROADMAP" -C "$G" report pack 2>/dev/null | head -c 2 >"$TMP/head"
expect_eq "$(cat "$TMP/head") $(leftovers)" "PK " \
	"SIGPIPE: no temporary file left"

# -o FILE: the signal comes as the workbook is synced, before the rename
# (strace delivers it on entering fsync).
if ! command -v strace >/dev/null 2>&1 ||
	! strace -f -qq -o /dev/null true 2>/dev/null; then
	skip_part "a signal during -o FILE" "strace is missing or cannot trace here"
elif [ "${ROADMAP_SANITIZED:-OFF}" = ON ]; then
	# by design: the sanitizer runtime's own fsync calls would be hit too
	echo "# SKIP a signal during -o FILE: strace runs on the plain build"
else
	for kind in pack "services --format csv"; do
		TMPDIR=$TMP/tmpdir strace -f -qq -o /dev/null -e trace=fsync \
			-e inject=fsync:signal=SIGINT \
			"$ROADMAP" -C "$G" report $kind -o "$TMP/outdir/out" 2>/dev/null
		expect_eq "$? $(leftovers)" "130 " \
			"report $kind -o FILE ended by SIGINT: no file, no temporary file"
	done
fi

# ---- a workbook is never written to a terminal ----------------------------
if ! command -v script >/dev/null; then
	skip_part "xlsx on a terminal" "script (bsdutils) is missing"
elif ! script -qec true /dev/null >/dev/null 2>&1 </dev/null; then
	skip_part "xlsx on a terminal" "script cannot open a terminal here (no /dev/pts)"
else
	(cd "$D" && script -qec "'$ROADMAP' report pack; echo \"rc=\$?\"" \
		"$TMP/typescript" >/dev/null 2>&1 </dev/null)
	T=$(tr -d '\r' <"$TMP/typescript")
	expect_contains "$T" "refusing to write a workbook to a terminal" \
		"pack on a terminal: refused"
	expect_contains "$T" "rc=1" "pack on a terminal: exit 1"
	expect_not_contains "$T" "PK" "pack on a terminal: no workbook bytes"
	(cd "$D" && script -qec "'$ROADMAP' report --format xlsx; echo \"rc=\$?\"" \
		"$TMP/typescript" >/dev/null 2>&1 </dev/null)
	T=$(tr -d '\r' <"$TMP/typescript")
	expect_contains "$T" "rc=1" "--format xlsx on a terminal: exit 1"
	(cd "$D" && script -qec "'$ROADMAP' report totals --format csv; echo \"rc=\$?\"" \
		"$TMP/typescript" >/dev/null 2>&1 </dev/null)
	T=$(tr -d '\r' <"$TMP/typescript")
	expect_contains "$T" "rc=0" "csv on a terminal is fine"
fi

# ---- LibreOffice reads the same text -----------------------------------
if ! command -v soffice >/dev/null; then
	skip_part "LibreOffice" "soffice (libreoffice-calc-nogui) is missing"
else
	for repo in "$D" "$H"; do
		name=$(basename "$repo")
		mkdir -p "$TMP/lo-$name"
		run -C "$repo" report services --format xlsx -o "$TMP/lo-$name/services.xlsx"
		run -C "$repo" report services -o "$TMP/lo-$name/ours.csv"
		HOME=$TMP/lo-home timeout 180 soffice \
			-env:UserInstallation=file://$TMP/lo-profile --headless \
			--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' \
			--outdir "$TMP/lo-$name/out" "$TMP/lo-$name/services.xlsx" \
			>"$TMP/lo.log" 2>&1
		if [ ! -s "$TMP/lo-$name/out/services.csv" ]; then
			fail "$name: LibreOffice converts the workbook" "$(cat "$TMP/lo.log")"
			continue
		fi
		if msg=$($PY "$CHECK" csv "$TMP/lo-$name/ours.csv" \
			"$TMP/lo-$name/out/services.csv" 2>&1); then
			pass "$name: LibreOffice's CSV of the workbook equals ours"
		else
			fail "$name: LibreOffice's CSV of the workbook equals ours" "$msg"
		fi
	done
	expect_contains "$(cat "$TMP/lo-hostile/out/services.csv")" '"0042","s01"' \
		"LibreOffice: 0042 stays 0042"
	expect_contains "$(cat "$TMP/lo-hostile/out/services.csv")" '"05.01"' \
		"LibreOffice: 05.01 stays 05.01"
	# As printed: TRUE and FALSE shown as such (not 1 and 0), A4
	# landscape, the title and header on every page, page numbers.
	if ! command -v pdftotext >/dev/null || ! command -v pdfinfo >/dev/null; then
		skip_part "LibreOffice's PDF" "pdftotext (poppler-utils) is missing"
	else
		mkdir -p "$TMP/pdf"
		run -C "$D" report services --format xlsx -o "$TMP/pdf/services.xlsx"
		run -C "$G" report overdue --format xlsx -o "$TMP/pdf/overdue.xlsx"
		HOME=$TMP/lo-home timeout 180 soffice \
			-env:UserInstallation=file://$TMP/lo-profile --headless \
			--convert-to pdf --outdir "$TMP/pdf" \
			"$TMP/pdf/services.xlsx" "$TMP/pdf/overdue.xlsx" >"$TMP/lo.log" 2>&1
		words=$(pdftotext "$TMP/pdf/services.pdf" - | grep -ow 'TRUE\|FALSE' |
			sort | uniq -c | awk '{printf "%s=%s ", $2, $1}')
		want=$("$ROADMAP" -C "$D" report services --format json | $PY -c '
import json, sys
rows = json.load(sys.stdin)
print("FALSE=%d TRUE=%d " % tuple(sum(v is b for r in rows for v in r.values())
                                  for b in (False, True)))')
		expect_eq "$words" "$want" \
			"LibreOffice prints every boolean as TRUE or FALSE"
		pages=$(pdfinfo "$TMP/pdf/overdue.pdf" | awk '/^Pages:/ {print $2}')
		[ "${pages:-0}" -ge 2 ] && pass "overdue prints on $pages pages" ||
			fail "overdue prints on several pages" "$pages"
		bad=
		for p in $(seq "${pages:-0}"); do
			size=$(pdfinfo -f "$p" -l "$p" "$TMP/pdf/overdue.pdf" |
				awk '/^Page.*size:/ {print $4, $5, $6}')
			text=$(pdftotext -f "$p" -l "$p" -layout "$TMP/pdf/overdue.pdf" -)
			[ "$size" = "841.89 x 595.304" ] || bad="$bad page $p: $size;"
			case $text in *"overdue, as of"*) ;; *) bad="$bad page $p: no title;" ;; esac
			case $text in *days_overdue*) ;; *) bad="$bad page $p: no header;" ;; esac
			case $text in *"Page $p of $pages"*) ;; *) bad="$bad page $p: no number;" ;; esac
		done
		expect_eq "$bad" "" \
			"every page: A4 landscape, the title and header, its number"
	fi
fi

finish
