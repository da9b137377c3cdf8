#!/usr/bin/env bash
# The manual pages: every page lints clean with mandoc, every command has a
# page, and each command's --help usage equals its page's SYNOPSIS (as git's
# t0450-txt-doc-vs-help.sh does).  'roadmap help CMD' shows the page at a
# terminal and the --help text elsewhere.
. "$(dirname "$0")/lib.sh"

MAN="$ROADMAP_SRC/man"
if ! command -v mandoc >/dev/null; then
	skip_all "mandoc is not installed (Debian package mandoc)"
fi

# ---- lint ----------------------------------------------------------------
pages=$(cd "$MAN" && ls roadmap*.[15])
for page in $pages; do
	# STYLE and above; a roadmap page not installed yet, or a system page
	# missing from this machine's database, is not the page's fault.
	out=$(mandoc -Tlint -W style "$MAN/$page" 2>&1 |
		grep -v -e 'referenced manual not found' -e 'mandoc.db' -e 'makewhatis')
	expect_eq "$out" "" "$page: mandoc -Tlint is clean"
done

# every roadmap page that a page refers to exists
refs=$(cat "$MAN"/roadmap*.[15] | sed -n 's/^\.Xr \(roadmap[-a-zA-Z]*\) \([15]\).*/\1.\2/p' | sort -u)
missing=
for r in $refs; do
	case $r in roadmap-COMMAND.1) continue ;; esac
	[ -f "$MAN/$r" ] || missing="$missing $r"
done
expect_eq "$missing" "" "every .Xr to a roadmap page names an existing page"

# ---- one page per command ------------------------------------------------
commands=$("$ROADMAP" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 {print $1}')
# The commands of the contract (SPEC section 6), built or not yet.
spec_commands="init add-ministry add-office add-service plan approve workshop check report edit"
for cmd in $commands $spec_commands; do
	if [ -f "$MAN/roadmap-$cmd.1" ]; then pass "roadmap-$cmd.1 exists"
	else fail "roadmap-$cmd.1 exists"; fi
done
rendered_main=$(mandoc -T utf8 "$MAN/roadmap.1" | col -b)
for cmd in $commands $spec_commands; do
	expect_contains "$rendered_main" "roadmap-$cmd(1)" "roadmap(1) refers to roadmap-$cmd(1)"
done

# ---- SYNOPSIS = --help usage ---------------------------------------------
# normalise: one space between words, none inside brackets, '...' for '…'
norm() {
	sed -e 's/…/.../g' -e 's/[[:space:]]\{1,\}/ /g' -e 's/^ //' -e 's/ $//' \
		-e 's/\[ /[/g' -e 's/ \]/]/g' -e 's/ *| */|/g' -e 's/ \.\.\./.../g'
}
# synopsis PAGE: the SYNOPSIS entries of a page, one per line.
synopsis() {
	mandoc -T utf8 "$1" | col -b |
		awk '/^SYNOPSIS/ {on = 1; next} /^[A-Z]/ {on = 0}
		     on && /^     roadmap/ {if (s != "") print s; s = $0; next}
		     on && NF {s = s " " $0}
		     END {if (s != "") print s}' | norm
}
# usage CMD...: the usage lines of --help, one per line.
usage_of() {
	"$ROADMAP" "$@" --help 2>/dev/null |
		sed -n -e 's/^usage: //p' -e 's/^ *or: //p' | norm
}

checked=
expect_eq "$(usage_of)" "$(synopsis "$MAN/roadmap.1")" "roadmap --help usage = roadmap(1) SYNOPSIS"
for cmd in $commands $spec_commands; do
	case " $checked " in *" $cmd "*) continue ;; esac
	checked="$checked $cmd"
	if ! "$ROADMAP" "$cmd" --help >/dev/null 2>&1; then
		fail "$cmd --help usage = roadmap-$cmd(1) SYNOPSIS" "$cmd --help fails"
		continue
	fi
	expect_eq "$(usage_of "$cmd")" "$(synopsis "$MAN/roadmap-$cmd.1")" \
		"$cmd --help usage = roadmap-$cmd(1) SYNOPSIS"
done

# The comparison is not vacuous: a page whose SYNOPSIS lacks an option differs.
sed 's/^\.Op Fl q$//' "$MAN/roadmap-check.1" >"$TMP/broken.1"
if [ "$(usage_of check)" != "$(synopsis "$TMP/broken.1")" ]; then
	pass "a SYNOPSIS that drifted from --help is caught"
else
	fail "a SYNOPSIS that drifted from --help is caught"
fi

# ---- what a page says the binary does -------------------------------------
# roadmap-plan(1): a new plan needs only --priority; its history starts with
# a 'planned' entry dated today.
plan_page=$(mandoc -T utf8 "$MAN/roadmap-plan.1" | col -bx | tr -s ' \n' '  ')
expect_contains "$plan_page" "A new plan needs --priority; --status is optional. Its history starts with a planned entry dated --date, or today without it; like --note, --date goes with a --status" \
	"roadmap-plan(1): a new plan needs only --priority"
new_repo "$TMP/repo"
run -C "$TMP/repo" plan gcc holding-tax-assessment --priority 3
expect_rc 0 "plan --priority without --status makes a new plan"
expect_contains "$(cat "$TMP/repo/offices/lgd/gcc.yaml")" "    plan:
      priority: 3
      history:
        - date: $ROADMAP_TODAY
          status: planned
" "...whose history starts with 'planned', dated today"

# roadmap --help names every report format that report --help offers.
formats=$("$ROADMAP" report --help | sed -n 's/^ *--format F *//p' | tr -c 'a-z\n' ' ')
report_line=$("$ROADMAP" --help | grep '^  report ')
for f in $formats; do
	case $f in default | or) continue ;; esac
	expect_contains "$report_line" "$f" "roadmap --help: report writes $f"
done

# roadmap-report(1): the TSV escapes and the JSON array, one object a line.
write_base "$TMP/fmt"
"$ROADMAP" -C "$TMP/fmt" add-service o1 --id s2 --name $'=a\tb\\c' >/dev/null 2>&1
tsv=$("$ROADMAP" -C "$TMP/fmt" report services --format tsv)
expect_contains "$tsv" $'\t'"'=a\\tb\\\\c"$'\t' "roadmap-report(1): tsv writes a tab as \\t and a backslash as \\\\, formula-guarded"
json=$("$ROADMAP" -C "$TMP/fmt" report services --format json)
csvhead=$("$ROADMAP" -C "$TMP/fmt" report services | head -n 1)
shape=$(/usr/bin/python3 -c '
import json, sys
lines = sys.stdin.read().rstrip("\n").split("\n")
assert lines[0] == "[" and lines[-1] == "]", "brackets"
rows = [json.loads(l.rstrip(",")) for l in lines[1:-1]]
assert all(l.endswith(",") for l in lines[1:-2]) and not lines[-2].endswith(","), "commas"
assert json.loads("\n".join(lines)) == rows, "one array"
print(len(rows), ",".join(rows[0]), rows[1]["name"] == "=a\tb\\c", rows[0]["name_bn"])
' <<<"$json" 2>&1)
expect_eq "$shape" "2 $csvhead True None" "roadmap-report(1): json is one array, an object per line, keys in CSV order, null for a missing value"
empty=$("$ROADMAP" -C "$TMP/fmt" report services --status live --format json)
expect_eq "$empty" $'[\n]' "roadmap-report(1): a json report without rows is '[' and ']'"

# roadmap(5): a file roadmap creates has no blank lines, and a service
# added to a list separated by blank lines is separated so too.
expect_not_contains "$(cat "$TMP/fmt/offices/lgd/o1.yaml")" $'\n\n' "roadmap(5): no blank line between services roadmap adds"
new_repo "$TMP/blank"
expect_contains "$(cat "$TMP/blank/offices/lgd/lged.yaml")" $'\n\n  - id: ' "data's lged.yaml separates its services by blank lines"
"$ROADMAP" -C "$TMP/blank" add-service lged --id zz --name Z >/dev/null 2>&1
expect_contains "$(cat "$TMP/blank/offices/lgd/lged.yaml")" $'\n\n  - id: zz\n' "roadmap(5): ...and one added there is separated the same way"

# roadmap-check(1): its example is what check says of the bundled data with
# the priority the page names set to 0.
new_repo "$TMP/chk"
want=$(awk '/^\.Sh EXAMPLES/ {on = 1; next} on && /^\$ roadmap check$/ {p = 1; next}
	on && /^\$/ {p = 0} p && !/^\./' "$MAN/roadmap-check.1")
at=$(sed -n 's/^offices\/lgd\/lged.yaml:\([0-9]*\):.*/\1/p' <<<"$want")
sed -i "${at:-0}s/priority: 1\$/priority: 0/" "$TMP/chk/offices/lgd/lged.yaml"
run -C "$TMP/chk" check
expect_rc 1 "roadmap-check(1): the example's check fails"
expect_eq "$ERR" "$want" "roadmap-check(1): its example output is what check prints"

# ---- roadmap help --------------------------------------------------------
run help check
expect_rc 0 "help check without a terminal"
expect_eq "$OUT" "$("$ROADMAP" check --help)" "help check prints check --help when not at a terminal"
run help nosuch
expect_rc 2 "help for an unknown command is a usage error"
run help --help
expect_contains "$OUT" "usage: roadmap help [COMMAND]" "help --help"

if command -v script >/dev/null && command -v man >/dev/null; then
	mkdir -p "$TMP/manroot/man1" "$TMP/empty/man1"
	cp "$MAN"/roadmap*.1 "$TMP/manroot/man1/"
	at_tty() { # MANPATH CMD...: run at a pseudo-terminal
		local mp=$1
		shift
		MANPATH=$mp MANPAGER=cat PAGER=cat MANWIDTH=80 \
			script -qec "$(printf '%q ' "$@")" /dev/null 2>&1 | tr -d '\r' | col -b
	}
	got=$(at_tty "$TMP/manroot" "$ROADMAP" help check)
	expect_contains "$got" "ROADMAP-CHECK(1)" "help check at a terminal shows the manual page"
	got=$(at_tty "$TMP/empty" "$ROADMAP" help check)
	expect_contains "$got" "usage: roadmap check" \
		"help check at a terminal without the page falls back to --help"
	expect_not_contains "$got" "No manual entry" "...without man's complaint"
else
	skip_part "'roadmap help' at a terminal" "script(1) or man(1) is missing"
fi
# ---- roadmap(5)'s memo layouts: each example is one check accepts -----
memos=$(sed -n '/^\.It Ic memo$/,/^\.It Ic digest$/p' "$MAN/roadmap.5" |
	grep -E '^\.Li [০১২৩৪৫৬৭৮৯]+\.' | cut -d' ' -f2)
expect_eq "$(printf '%s\n' "$memos" | grep -c .)" 3 "roadmap(5) gives an example of each numbered memo layout"
M=$TMP/memo
new_repo "$M"
for m in $memos; do
	"$ROADMAP" -C "$M" approve kcc --by X --date 2026-11-01 --memo "$m" >/dev/null 2>&1
	run -C "$M" check kcc
	expect_not_contains "$ERR" "memo number" "roadmap(5)'s memo example $m fits its layout"
done
"$ROADMAP" -C "$M" approve kcc --by X --date 2026-11-01 --memo "৪৬.০০.০০০০.০৩৯" >/dev/null 2>&1
run -C "$M" check kcc
expect_contains "$ERR" "the formats are listed in roadmap(5)" "a memo of no layout is warned about, pointing at roadmap(5)"
finish
