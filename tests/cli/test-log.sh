#!/usr/bin/env bash
# roadmap log: the history of an office or of one service, on the scripted
# history (history.sh): golden text and JSON outputs (commit ids replaced
# by their tags, as ids depend on the build), a service followed across its
# rename, --since/--until in every date form, -n, --rev, an office removed,
# an office moved to another ministry, a merge, a bare repository, colour,
# a shallow clone's boundary, missing objects and the usage errors.
# ROADMAP_UPDATE_GOLDEN=1 rewrites the golden files (review the diff).
. "$(dirname "$0")/lib.sh"
. "$ROADMAP_SRC/tests/cli/history.sh"

command -v git >/dev/null || skip_all "git is not installed (Debian package git)"
export GIT_CONFIG_NOSYSTEM=1 HOME=$TMP/home
mkdir -p "$HOME"
git config --global user.name Tester
git config --global user.email tester@example.gov.bd
unset NO_COLOR

H=$TMP/h
build_history "$H" 2>"$TMP/history.err" || {
	fail "the scripted history builds" "$(cat "$TMP/history.err")"
	finish
}
golden=$ROADMAP_SRC/tests/golden/log

# normalise REPO FILE: each commit id in FILE (whole or short) replaced by
# <TAG>, the tag of REPO that points at it.
normalise() {
	local hex tag
	for hex in $(grep -oE '\b[0-9a-f]{7,40}\b' "$2" | sort -u); do
		tag=$(git -C "$1" tag --points-at "$hex" 2>/dev/null | head -n 1)
		[ -n "$tag" ] && sed -i "s/\b$hex\b/<$tag>/g" "$2"
	done
	return 0
}

# logged ARGS...: run `log ARGS` in the history; $OUT normalised.
logged() {
	run -C "$H" log "$@"
	normalise "$H" "$TMP/.out"
	OUT=$(cat "$TMP/.out")
}

# check_golden NAME ARGS...: `log ARGS` exits 0 and prints exactly NAME.
check_golden() {
	local name=$1
	shift
	logged "$@"
	if [ -n "${ROADMAP_UPDATE_GOLDEN:-}" ]; then
		mkdir -p "$golden"
		cp "$TMP/.out" "$golden/$name"
	fi
	if [ "$RC" -ne 0 ]; then
		fail "log $* exits 0" "exit $RC" "$ERR"
		return
	fi
	expect_same_file "$TMP/.out" "$golden/$name" "log $* = $name"
}

# tags: the commits of $OUT, by tag, in order.
tags() {
	printf '%s\n' "$OUT" | sed -n 's/^commit <\([a-z0-9]*\)>$/\1/p' | tr '\n' ' ' |
		sed 's/ $//'
}
json_tags() {
	printf '%s\n' "$OUT" | /usr/bin/python3 -c '
import json, sys
print(" ".join(c["commit"].strip("<>") for c in json.load(sys.stdin)))'
}

# ---- golden outputs ------------------------------------------------------
check_golden kcc.txt kcc
check_golden kcc-trade-licence.txt kcc trade-licence
check_golden kcc.json kcc --format json
check_golden kcc-since-until.txt kcc --since 2026-10-05 --until 2026-10-20
check_golden dncc.txt dncc
check_golden kcc-bangla.txt kcc --digits bengali --calendar bangla

# ---- which commits, and what they say ------------------------------------
logged kcc
expect_eq "$(tags)" "h11 h09 h08 h07 h06 h05 h04 h03 h02 h01" \
	"log kcc: every commit that changed kcc, newest first, none other (h10)"
expect_eq "$(printf '%s\n' "$OUT" | grep -c '^commit ')" \
	"$(printf '%s\n' "$OUT" | grep -c '^commit <h')" "every commit id is one of the history's"
expect_contains "$OUT" "Author: Kamal Hossain <kamal.hossain@example.gov.bd>
Date:   2026-10-08 10:00 +0600

    h07: a comment
" "author, email, the author date in its zone, and the subject"
expect_contains "$OUT" "comments changed" "a comment-only commit shows its change"
expect_contains "$OUT" "renamed to trade-licence" "the rename is a change"
expect_contains "$OUT" "approval made stale by trade-licence" "the stale approval is a change"
expect_contains "$OUT" "+ office kcc" "the first commit added the office"
expect_not_contains "$OUT" $'\033' "no colour when stdout is not a terminal"

want=$OUT
logged offices/lgd/kcc.yaml
expect_eq "$OUT" "$want" "the office's file names it as its id does"

logged kcc trade-licence
expect_eq "$(tags)" "h11 h06 h05 h04 h02" \
	"a service: only the commits that changed it, across its rename"
expect_contains "$OUT" "trade-licence-issue: status designing -> developing" \
	"before the rename, the changes of its old id"
expect_not_contains "$OUT" "holding-tax" "no change about another service"
expect_not_contains "$OUT" "  + workshop" "no change about the office's workshops"

logged kcc birth-certificate
expect_eq "$(tags)" "h08 h02" "a removed service is named by the id it had"
logged kcc trade-licence-issue
expect_eq "$(tags)" "h05 h04 h02" "a service named by its old id: its rename, then its history"
expect_contains "$OUT" "service trade-licence-issue renamed to trade-licence" \
	"a service named by its old id: its rename is shown"

logged kcc --format json
expect_eq "$(json_tags)" "h11 h09 h08 h07 h06 h05 h04 h03 h02 h01" "--format json: the same commits"
shape=$(printf '%s\n' "$OUT" | /usr/bin/python3 -c '
import json, sys
log = json.load(sys.stdin)
keys = {"commit", "author", "email", "date", "subject", "changes"}
assert all(set(c) == keys for c in log), "members"
h05 = [c for c in log if c["subject"].startswith("h05")][0]
kinds = [ch["kind"] for ch in h05["changes"]]
assert "service-renamed" in kinds and "approval-stale" in kinds, kinds
assert h05["date"] == "2026-10-06T10:00:00+06:00", h05["date"]
assert h05["author"] == "Rahima Khatun", h05["author"]
print("ok")' 2>&1)
expect_eq "$shape" ok "--format json: commit, author, email, date, subject and the changes"
run -C "$H" log kcc --format json --since 2027-01-01
expect_eq "$RC:$OUT" "0:[
]" "--format json with no commit: an empty array"

# ---- --digits, --calendar ---------------------------------------------------
logged kcc -n 1 --rev h05 --digits bengali
expect_contains "$OUT" "Date:   ২০২৬-১০-০৬ ১০:০০ +০৬০০" "--digits bengali: the Date line in Bengali digits"
logged kcc -n 1 --rev h09 --digits bengali
expect_contains "$OUT" "approval renewed: ২০২৬-০৯-১০ -> ২০২৬-১০-২৫" "--digits bengali: the changes' dates"
expect_contains "$OUT" '"46.43.4700.000.018.002.2026-10"' "--digits bengali: quoted text as it is"
logged kcc -n 1 --rev h05 --calendar bangla
expect_contains "$OUT" "Date:   ২১ আশ্বিন ১৪৩৩ 10:00 +0600" \
	"--calendar bangla: the day in the Bangla calendar, the time as --digits says"
logged kcc -n 1 --rev h05 --calendar gregorian --digits latin
expect_contains "$OUT" "Date:   2026-10-06 10:00 +0600" "gregorian and latin: the defaults"
logged kcc -n 1 --rev h05 --format json --digits bengali --calendar bangla
expect_contains "$OUT" '"date":"2026-10-06T10:00:00+06:00"' "JSON dates stay ISO whatever --calendar and --digits say"
run -C "$H" log kcc --calendar julian
expect_rc 2 "an unknown --calendar: usage error"
run -C "$H" log kcc --digits roman
expect_rc 2 "an unknown --digits: usage error"

# ---- --color -----------------------------------------------------------------
run -C "$H" log kcc -n 1 --rev h05 --color always
expect_contains "$OUT" $'\033[33mcommit ' "--color always: the commit line coloured, not at a terminal"
expect_contains "$OUT" $'\033[' "--color always: in a pipe too"
expect_contains "$OUT" $'~ service trade-licence-issue renamed to trade-licence\033[' \
	"--color always: the change lines coloured as diff colours them"
NO_COLOR=1 run -C "$H" log kcc -n 1 --color always
expect_contains "$OUT" $'\033[' "--color always wins over NO_COLOR"
run -C "$H" log kcc -n 1 --color always --format json
expect_not_contains "$OUT" $'\033' "--color always: JSON is never coloured"
run -C "$H" log kcc --color sometimes
expect_rc 2 "an unknown --color: usage error"

# ---- --since, --until, -n, --rev -----------------------------------------
logged kcc --since 2026-10-05 --until 2026-10-20
expect_eq "$(tags)" "h08 h07 h06 h05 h04" "--since and --until include their days"
want=$OUT
logged kcc --since ২০২৬-১০-০৫ --until ২০২৬-১০-২০
expect_eq "$OUT" "$want" "--since/--until in Bengali digits"
logged kcc --since "২০ আশ্বিন ১৪৩৩" --until "৪ কার্তিক ১৪৩৩"
expect_eq "$OUT" "$want" "--since/--until as Bangla calendar dates"
logged kcc trade-licence --until 2026-10-05
expect_eq "$(tags)" "h04 h02" "a service before a rename outside the dates is still followed"
logged kcc -n 2
expect_eq "$(tags)" "h11 h09" "-n 2: the two newest"
logged kcc --max-count=1 trade-licence
expect_eq "$(tags)" "h11" "--max-count counts the commits shown"
logged kcc --rev h05
expect_eq "$(tags)" "h05 h04 h03 h02 h01" "--rev h05 starts there"
logged kcc --rev h08~1 -n 1
expect_eq "$(tags)" "h07" "--rev takes what git rev-parse takes"
logged rcc
expect_eq "$(tags)" "h10" "an office added later: its history begins there"
logged dncc
expect_eq "$(tags)" "h10 h01" "an office removed: the removal, then its history"
expect_contains "$OUT" "- office dncc" "its removal is a change"

# ---- an office moved to another ministry ---------------------------------
M=$TMP/moved
cp -R "$H" "$M"
(
	cd "$M" && set -e
	"$ROADMAP" add-ministry -q cabinet2 --name "Cabinet Two"
	mkdir -p offices/cabinet2
	git mv offices/lgd/kcc.yaml offices/cabinet2/kcc.yaml
	sed -i 's/^  ministry: lgd$/  ministry: cabinet2/' offices/cabinet2/kcc.yaml
	"$ROADMAP" check -q kcc
	git add -A && git commit -qm "h12: kcc moved" && git tag h12
) >"$TMP/move.out" 2>&1 || fail "the office moves" "$(cat "$TMP/move.out")"
run -C "$M" log kcc
normalise "$M" "$TMP/.out"
OUT=$(cat "$TMP/.out")
expect_eq "$(tags)" "h12 h11 h09 h08 h07 h06 h05 h04 h03 h02 h01" \
	"a moved office: its history goes on past the move"
expect_contains "$OUT" "ministry lgd -> cabinet2" "the move shows as the ministry changed"
run -C "$M" log kcc trade-licence
normalise "$M" "$TMP/.out"
OUT=$(cat "$TMP/.out")
expect_eq "$(tags)" "h11 h06 h05 h04 h02" "a service of a moved office: its history before the move"

# ---- a version that does not load ------------------------------------------
U=$TMP/unreadable
cp -R "$H" "$U"
(
	cd "$U" && set -e
	sed -i 's/^  head: Mayor$/  head: [Mayor/' "$HIST_OFFICE"
	git commit -q --no-verify -am "u1: broken" && git tag u1
	sed -i 's/^  head: \[Mayor$/  head: Mayor/' "$HIST_OFFICE"
	git commit -q -am "u2: mended" && git tag u2
) >"$TMP/unreadable.out" 2>&1 || fail "the office breaks" "$(cat "$TMP/unreadable.out")"
run -C "$U" log kcc -n 3
normalise "$U" "$TMP/.out"
OUT=$(cat "$TMP/.out")
expect_eq "$RC:$(tags)" "0:u2 u1 h11" "a version that does not load: its commits are still shown"
expect_eq "$(printf '%s\n' "$OUT" | grep -c "unreadable: <u1>:$HIST_OFFICE:[0-9]*:[0-9]*: error: ")" 2 \
	"breaking and mending it show the version that does not load, with its place"
run -C "$U" log kcc trade-licence -n 1
normalise "$U" "$TMP/.out"
OUT=$(cat "$TMP/.out")
expect_eq "$(tags)" "u2" "a service: a version that does not load is shown too"

# ---- a merge -------------------------------------------------------------
G=$TMP/merge
cp -R "$H" "$G"
(
	cd "$G" && set -e
	git checkout -q -b side h11
	"$ROADMAP" set-service -q kcc holding-tax --days 20
	git commit -qam "side: holding tax faster" && git tag s1
	git checkout -q main
	"$ROADMAP" workshop -q kcc --kind design --date 2026-11-10 --participants 5
	git commit -qam "main: a workshop" && git tag m1
	git merge -q --no-ff -m "merge side" side && git tag m2
) >"$TMP/merge.out" 2>&1 || fail "the merge is made" "$(cat "$TMP/merge.out")"
run -C "$G" log kcc -n 3
normalise "$G" "$TMP/.out"
OUT=$(cat "$TMP/.out")
expect_eq "$(tags)" "m2 m1 h11" "a merge: shown against its first parent; the side's commits are not walked"
expect_contains "$OUT" "holding-tax: tcv.days 30 -> 20" "the merge shows what it brought"
run -C "$G" log kcc holding-tax -n 1
normalise "$G" "$TMP/.out"
OUT=$(cat "$TMP/.out")
expect_eq "$(tags)" "m2" "a service changed by a merge"

# ---- a bare repository ---------------------------------------------------
git clone -q --bare "$H" "$TMP/bare.git"
git -C "$TMP/bare.git" tag -l | grep -q h11 || fail "the bare clone has the tags"
run -C "$TMP/bare.git" log kcc
normalise "$TMP/bare.git" "$TMP/.out"
expect_eq "$RC:$(cat "$TMP/.out")" "0:$(cat "$golden/kcc.txt")" "a bare repository: the same history"

# ---- colour ----------------------------------------------------------------
if command -v script >/dev/null; then
	tty_log() {
		(cd "$H" && env "$@" script -qec "$(printf '%q' "$ROADMAP") log kcc -n 1" /dev/null) </dev/null 2>&1
	}
	out=$(tty_log TERM=xterm)
	expect_contains "$out" $'\033[33mcommit ' "at a terminal the commit line is coloured"
	out=$(tty_log TERM=xterm NO_COLOR=1)
	expect_not_contains "$out" $'\033[' "NO_COLOR: no colour at a terminal"
	out=$(tty_log TERM=dumb)
	expect_not_contains "$out" $'\033[' "TERM=dumb: no colour at a terminal"
	out=$(cd "$H" && TERM=xterm script -qec "$(printf '%q' "$ROADMAP") log kcc -n 1 --format json" /dev/null </dev/null 2>&1)
	expect_not_contains "$out" $'\033[' "--format json: never coloured"
else
	skip_part "colour at a terminal" "script(1) is missing (Debian package bsdutils)"
fi

# ---- a shallow clone -------------------------------------------------------
S=$TMP/shallow
git clone -q --depth 3 "file://$H" "$S"
[ -f "$S/.git/shallow" ] && pass "the clone is shallow" || fail "the clone is shallow"
run -C "$S" log kcc
normalise "$H" "$TMP/.out"
OUT=$(cat "$TMP/.out")
expect_rc 1 "a shallow clone: the walk stops at its boundary, exit 1"
expect_eq "$(tags)" "h11" "what was found before the boundary is printed"
expect_contains "$ERR" "shallow clone" "the error says the clone is shallow"
expect_contains "$ERR" "git fetch --unshallow" "and how to fetch the whole history"
expect_contains "$ERR" "fetch-depth: 0" "and how in a CI job"
expect_not_contains "$ERR" "Segmentation" "no crash"
run -C "$S" log kcc --format json
expect_rc 1 "a shallow clone with --format json: exit 1"
printf '%s\n' "$OUT" | /usr/bin/python3 -c 'import json, sys; assert len(json.load(sys.stdin)) == 1' &&
	pass "--format json: what was found is a whole JSON array" ||
	fail "--format json: what was found is a whole JSON array" "$OUT"
run -C "$S" log kcc -n 1
expect_rc 0 "a shallow clone: -n 1 needs no more than it has"
run -C "$S" log rcc
expect_rc 0 "a shallow clone: an office added within it has its whole history"
# a boundary commit without parents, as a libgit2 that reads the shallow
# file gives it: here the first commit, listed in that file
B=$TMP/boundary
cp -R "$H" "$B"
git -C "$B" rev-parse h01 >"$B/.git/shallow"
run -C "$B" log kcc
normalise "$H" "$TMP/.out"
OUT=$(cat "$TMP/.out")
expect_rc 1 "a boundary commit listed in the shallow file: exit 1"
expect_eq "$(tags)" "h11 h09 h08 h07 h06 h05 h04 h03 h02" "...after the commits above it"
expect_contains "$ERR" "shallow clone" "...saying the clone is shallow"
run -C "$B" log rcc
expect_rc 0 "...and an office added after it has its whole history"
git -C "$S" fetch -q --unshallow
run -C "$S" log kcc
expect_rc 0 "after git fetch --unshallow, the whole history"

# ---- missing objects -------------------------------------------------------
X=$TMP/missing
cp -R "$H" "$X"
blob=$(git -C "$X" rev-parse h04:offices/lgd/kcc.yaml)
rm -f "$X/.git/objects/${blob:0:2}/${blob:2}"
run -C "$X" log kcc
expect_rc 1 "a missing blob: exit 1"
expect_contains "$ERR" "offices/lgd/kcc.yaml: error: cannot read the file" "a missing blob: the file named"
expect_contains "$ERR" "$blob" "a missing blob: libgit2's reason, with its id"
normalise "$X" "$TMP/.out"
OUT=$(cat "$TMP/.out")
expect_eq "$(tags)" "h11 h09 h08 h07 h06" "what was found before is printed"
Y=$TMP/missing-commit
cp -R "$H" "$Y"
commit=$(git -C "$Y" rev-parse h03)
rm -f "$Y/.git/objects/${commit:0:2}/${commit:2}"
run -C "$Y" log kcc
expect_rc 1 "a missing commit: exit 1"
expect_contains "$ERR" "a parent commit is missing" "a missing commit: said so"

# ---- errors ----------------------------------------------------------------
run -C "$H" log kcc --rev no-such-rev
expect_eq "$RC:$OUT" "2:" "an unknown revision: exit 2, nothing on stdout"
expect_contains "$ERR" "unknown revision 'no-such-rev'" "an unknown revision: said so"
run -C "$H" log nope
expect_eq "$RC:$OUT" "1:" "an office in no commit: exit 1, nothing on stdout"
expect_contains "$ERR" "no office 'nope' in the history of 'HEAD'" "an unknown office: said so"
run -C "$H" log kcc nope
expect_eq "$RC:$OUT" "1:" "a service in no change: exit 1"
expect_contains "$ERR" "no service 'nope' in the history of office 'kcc'" "an unknown service: said so"
mkdir -p "$TMP/plain" && cp -R "$ROADMAP_SRC/data/." "$TMP/plain/"
run -C "$TMP/plain" log kcc
expect_eq "$RC:$OUT" "2:" "not a git repository: exit 2"
expect_contains "$ERR" "not a git repository" "not a git repository: said so"
run -C "$H" log 'Bad Id'
expect_rc 2 "an invalid office id: usage error"
run -C "$H" log offices/lgd/nosuch.yaml
expect_eq "$RC:$OUT" "1:" "an office file in no commit: exit 1, as an unknown id"
run -C "$H" log roadmap.yaml
expect_rc 1 "a path that is no office file: exit 1"
expect_contains "$ERR" "not an office file" "...saying so"
run -C "$H" log "$TMP/elsewhere/offices/lgd/kcc.yaml"
expect_rc 1 "an office file outside the roadmap: exit 1"
mkdir -p "$TMP/nowhere"
run -C "$TMP/nowhere" log kcc
expect_eq "$RC:$OUT" "2:" "in no roadmap and no git repository: exit 2"
expect_contains "$ERR" "not a git repository" "...saying it is in no git repository"
run -C "$TMP/bare.git" log lgd/kcc.yaml -n 1
normalise "$TMP/bare.git" "$TMP/.out"
expect_eq "$RC:$(sed -n 1p "$TMP/.out")" "0:commit <h11>" \
	"a bare repository: an office file named by its file name"
run -C "$H" log kcc --format xml
expect_rc 2 "an unknown --format: usage error"
run -C "$H" log kcc --since 2026-13-01
expect_rc 2 "an invalid --since: usage error"
run -C "$H" log kcc --since 2026-10-20 --until 2026-10-05
expect_rc 2 "--since after --until: usage error"
expect_contains "$ERR" "--since is later than --until" "--since after --until: said so"
run -C "$H" log kcc -n 0
expect_rc 2 "-n 0: usage error"
run -C "$H" log
expect_rc 2 "no office: usage error"
run -C "$H" log kcc a b
expect_rc 2 "too many operands: usage error"
git init -q "$TMP/empty"
run -C "$TMP/empty" log kcc
expect_rc 2 "a repository without commits: HEAD is an unknown revision"

finish
