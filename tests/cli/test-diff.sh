#!/usr/bin/env bash
# roadmap diff: the semantic changes between two versions of the roadmap,
# on the scripted history (history.sh): golden text, JSON and --stat
# outputs for its commits, every change kind a reviewer reads, the index
# and the work tree, --cached, OFFICE limits, a moved office, A...B, a bare
# repository, --exit-code, colour, and the errors (exit 2 for what does not
# exist, exit 1 for what cannot be read; nothing on stdout either way).
# ROADMAP_UPDATE_GOLDEN=1 rewrites the golden files (review the diff).
. "$(dirname "$0")/lib.sh"
. "$ROADMAP_SRC/tests/cli/history.sh"

command -v git >/dev/null || skip_all "git is not installed (Debian package git)"
export GIT_CONFIG_NOSYSTEM=1 HOME=$TMP/home
mkdir -p "$HOME"
git config --global user.name Tester
git config --global user.email tester@example.gov.bd

H=$TMP/h
build_history "$H" 2>"$TMP/history.err" || {
	fail "the scripted history builds" "$(cat "$TMP/history.err")"
	finish
}
golden=$ROADMAP_SRC/tests/golden/diff

# check_golden NAME ARGS...: `diff ARGS` in the history exits 0 and prints
# exactly the golden file NAME.
check_golden() {
	local name=$1
	shift
	run -C "$H" diff "$@"
	if [ -n "${ROADMAP_UPDATE_GOLDEN:-}" ]; then
		mkdir -p "$golden"
		cp "$TMP/.out" "$golden/$name"
	fi
	if [ "$RC" -ne 0 ]; then
		fail "diff $* exits 0" "exit $RC" "$ERR"
		return
	fi
	expect_same_file "$TMP/.out" "$golden/$name" "diff $* = $name"
}

# ---- golden outputs ------------------------------------------------------
for i in 01 02 03 04 05 06 07 08 09 10; do
	j=$(printf %02d $((10#$i + 1)))
	check_golden "h$i-h$j.txt" "h$i" "h$j"
done
for pair in 01-02 03-04 04-05 05-06 08-09 09-10 10-11; do
	check_golden "h${pair%-*}-h${pair#*-}.json" "h${pair%-*}" "h${pair#*-}" --format json
done
check_golden h01-h11.txt h01..h11
check_golden h01-h11.stat h01 h11 --stat
check_golden h09-h10.stat h09..h10 --stat
check_golden h03-h04.bangla.txt h03 h04 --calendar bangla --digits bengali
check_golden h01-h11.bengali.stat h01 h11 --stat --digits bengali

# every golden text is non-empty: each commit changes something
for f in "$golden"/h*.txt; do
	[ -s "$f" ] || fail "$(basename "$f") is not empty"
done

# ---- the change kinds, as a reviewer reads them ---------------------------
run -C "$H" diff h05 h06
removed=$(printf '%s\n' "$OUT" | grep -c '^  - workshop')
added=$(printf '%s\n' "$OUT" | grep -c '^  + workshop')
expect_eq "$removed/$added" "1/1" "a deleted workshop is one removal (and the one recorded one addition), not a rewrite of the others"
expect_contains "$OUT" "- workshop roadmap 2026-09-15" "the workshop removed is the one named by kind and date"
expect_contains "$OUT" "corrected: date 2026-10-05 -> 2026-10-04" "a corrected history entry: its date old -> new"

run -C "$H" diff h04 h05
expect_contains "$OUT" "service trade-licence-issue renamed to trade-licence" "a rename is one change"
expect_not_contains "$OUT" "+ service" "a rename adds no service"
expect_not_contains "$OUT" "- service" "a rename removes no service"
expect_contains "$OUT" "approval made stale by trade-licence" "the approval made stale, and by which service"

run -C "$H" diff h06 h07 --exit-code
expect_rc 1 "a comment-only change is a change (--exit-code 1)"
expect_contains "$OUT" "Reviewed at the October coordination meeting" "a comment-only change shows the comment"

run -C "$H" diff h09 h10
expect_contains "$OUT" "+ ministry cabinet" "a ministry added"
expect_contains "$OUT" "- office dncc" "an office removed"
expect_contains "$OUT" "+ office rcc" "an office added"
case $OUT in roadmap.yaml*) pass "roadmap.yaml's changes come first" ;;
*) fail "roadmap.yaml's changes come first" "$OUT" ;; esac

# JSON: valid, one object per change line of the text
if command -v /usr/bin/python3 >/dev/null; then
	for pair in "h01 h11" "h09 h10" "h05 h06"; do
		run -C "$H" diff $pair --format json
		n_json=$(printf '%s\n' "$OUT" | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' 2>&1)
		run -C "$H" diff $pair
		n_text=$(printf '%s\n' "$OUT" | grep -c '^  ')
		expect_eq "$n_json" "$n_text" "diff $pair --format json: one object per change ($n_text)"
	done
	run -C "$H" diff h10 h10 --format json
	expect_eq "$OUT" "[]" "no changes in JSON: an empty array"
else
	skip_part "JSON validity" "/usr/bin/python3 is missing"
fi

# ---- nothing changed -------------------------------------------------------
run -C "$H" diff
expect_rc 0 "diff in a clean work tree exits 0"
expect_eq "$OUT$ERR" "" "diff in a clean work tree prints nothing"
run -C "$H" diff --exit-code
expect_rc 0 "--exit-code: 0 when nothing changed"
run -C "$H" diff h11 h11 --exit-code --stat
expect_rc 0 "a revision with itself: exit 0"
expect_eq "$OUT" "" "a revision with itself: nothing, no total line"

# ---- the index, the work tree, --cached, HEAD -----------------------------
W=$TMP/w
git clone -q "$H" "$W"
"$ROADMAP" -C "$W" plan -q kcc holding-tax --status designing --date 2026-11-20
run -C "$W" diff
expect_rc 0 "diff after a change: exit 0 without --exit-code"
expect_contains "$OUT" "holding-tax: status planned -> designing on 2026-11-20" "no revision: the work tree's change against the index"
run -C "$W" diff --exit-code
expect_rc 1 "--exit-code: 1 after a change"
run -C "$W" diff --cached
expect_eq "$OUT" "" "--cached: nothing staged yet"
run -C "$W" diff HEAD
expect_contains "$OUT" "status planned -> designing" "HEAD against the work tree"
git -C "$W" add -A
run -C "$W" diff
expect_eq "$OUT" "" "staged: the index equals the work tree"
run -C "$W" diff --cached --exit-code
expect_rc 1 "--cached --exit-code: 1 with a staged change"
expect_contains "$OUT" "status planned -> designing" "--cached: HEAD against the index"
run -C "$W" diff --cached h10
expect_contains "$OUT" "- trade-licence: history 2026-10-04 developing" "--cached REV: that revision against the index"
expect_contains "$OUT" "status planned -> designing" "--cached REV: and the staged change"

# a moved office (git mv to another ministry's directory) is one office
mkdir -p "$W/offices/moe"
git -C "$W" mv offices/lgd/rcc.yaml offices/moe/rcc.yaml
sed -i 's/^  ministry: lgd$/  ministry: moe/' "$W/offices/moe/rcc.yaml"
run -C "$W" diff HEAD
expect_contains "$OUT" "rcc  Rajshahi City Corporation  (moe)" "a moved office: one heading, its new ministry"
expect_contains "$OUT" "office: ministry lgd -> moe" "a moved office: its ministry changed"
expect_not_contains "$OUT" "office rcc" "a moved office is neither removed nor added"

# ---- OFFICE... -------------------------------------------------------------
run -C "$W" diff HEAD kcc
expect_contains "$OUT" "holding-tax" "OFFICE: that office's changes"
expect_not_contains "$OUT" "rcc" "OFFICE: not the others"
run -C "$W" diff HEAD -- rcc
expect_contains "$OUT" "ministry lgd -> moe" "-- OFFICE"
expect_not_contains "$OUT" "kcc" "-- OFFICE: only that one"
run -C "$W/offices" diff HEAD lgd/kcc.yaml
expect_contains "$OUT" "holding-tax" "an office file, relative to the current directory"
expect_not_contains "$OUT" "rcc" "an office file: only that office"
run -C "$H" diff h09 h10 kcc
expect_eq "$OUT" "" "OFFICE: roadmap.yaml's changes are left out"
run -C "$H" diff --stat h09 h10 -- dncc rcc
expect_eq "$(printf '%s\n' "$OUT" | awk '{print $1}' | tr '\n' ' ')" "dncc rcc 2 " "two offices after --: those two, and the total"
run -C "$H" diff h09 h10 -- --stat
expect_rc 1 "after --, every word is an office: --stat is none (exit 1)"
expect_contains "$ERR" "'--stat' names no office" "a word after -- that is no office id: said"
run -C "$H" diff h09 h10 dncc
expect_rc 2 "an office not in the work tree, without --: exit 2 (as git)"
expect_contains "$ERR" "dncc: error: unknown revision 'dncc'" "a word neither revision nor office of the work tree: the resolver's message, at the word"
expect_contains "$ERR" "hint: if 'dncc' is an office, name it after '--'" "an office not in the work tree: the hint says --"

# ---- ranges ----------------------------------------------------------------
run -C "$H" diff h09..h11 --stat
expect_eq "$OUT" "$("$ROADMAP" -C "$H" diff h09 h11 --stat)" "A..B is A B"
git -C "$H" checkout -q -b side h09
"$ROADMAP" -C "$H" workshop -q kcc --kind leadership --date 2026-10-26 --participants 5
git -C "$H" commit -qam "side: a workshop"
git -C "$H" checkout -q main
run -C "$H" diff main...side
expect_rc 0 "A...B exits 0"
expect_contains "$OUT" "+ workshop leadership 2026-10-26" "A...B: B's change since the merge base"
expect_not_contains "$OUT" "rcc" "A...B: not A's changes since the merge base"
run -C "$H" diff main..side
expect_contains "$OUT" "- office rcc" "A..B: A against B, A's changes undone"

# ---- a bare repository -----------------------------------------------------
B=$TMP/bare.git
git clone -q --bare "$H" "$B"
run -C "$B" diff h09 h10 --stat
expect_rc 0 "a bare repository: two revisions"
expect_eq "$OUT" "$("$ROADMAP" -C "$H" diff h09 h10 --stat)" "a bare repository: the same diff"
run -C "$B" diff h09 h10 -- rcc
expect_contains "$OUT" "+ office rcc" "a bare repository: -- OFFICE"
run -C "$B" diff
expect_rc 2 "a bare repository has no index: exit 2"
expect_eq "$OUT" "" "a bare repository without revisions: nothing on stdout"

# ---- errors ----------------------------------------------------------------
run -C "$H" diff no-such-rev
expect_rc 2 "an unknown revision: exit 2"
expect_contains "$ERR" "no-such-rev: error: unknown revision 'no-such-rev'" "an unknown revision: named, at the revision"
expect_eq "$OUT" "" "an unknown revision: nothing on stdout"
run -C "$H" diff h01 no-such-rev
expect_rc 2 "an unknown second revision: exit 2"
run -C "$H" diff h01..no-such-rev
expect_rc 2 "an unknown revision in a range: exit 2"
expect_contains "$ERR" "unknown revision 'no-such-rev'" "a range: the revision named"
run -C "$H" diff h01 h02 h03
expect_rc 2 "three revisions: exit 2"
run -C "$H" diff --cached h01 h02
expect_rc 2 "--cached with two revisions: exit 2"
run -C "$H" diff --stat --format json
expect_rc 2 "--stat with --format json: exit 2"
run -C "$H" diff --format yaml
expect_rc 2 "an unknown --format: exit 2"
run -C "$H" diff --color sometimes
expect_rc 2 "an unknown --color: exit 2"

N=$TMP/not-git
mkdir -p "$N" && "$ROADMAP" init -q "$N" --title "Not in git"
run -C "$N" diff
expect_rc 2 "a roadmap that is not in git: exit 2"
expect_contains "$ERR" "not a git repository" "not a git repository: said"
O=$TMP/outside
mkdir -p "$O" && git init -q "$O"
run -C "$O" diff
expect_rc 1 "a git repository without a roadmap: exit 1"
expect_contains "$ERR" "not a roadmap repository" "outside a roadmap: said"
run -C "$TMP" diff
expect_rc 2 "outside both a roadmap and a git repository: exit 2 (as log)"
expect_contains "$ERR" "not a git repository" "outside both: not a git repository"

# a missing object: the blob of kcc at h11, gone from a copy
M=$TMP/missing
cp -R "$H" "$M"
blob=$(git -C "$M" rev-parse h11:offices/lgd/kcc.yaml)
rm -f "$M/.git/objects/${blob:0:2}/${blob:2}"
if git -C "$M" cat-file -e "$blob" 2>/dev/null; then
	skip_part "a missing object" "the blob is packed"
else
	run -C "$M" diff h10 h11
	expect_rc 1 "a missing object: exit 1"
	expect_contains "$ERR" "h11:offices/lgd/kcc.yaml" "a missing object: the file named"
	expect_eq "$OUT" "" "a missing object: nothing on stdout"
fi

# an office that does not parse in one version: one unreadable change
hist_edit "$W/offices/lgd/kcc.yaml" '1i services: [unclosed'
run -C "$W" diff HEAD kcc
expect_rc 0 "an office that does not parse: still a diff"
expect_contains "$OUT" "kcc" "an office that does not parse: named"

# ---- an office file by its path ------------------------------------------
# a path holding ".." is an office file when it names one, not a range
run -C "$W/offices/moe" diff HEAD ../lgd/kcc.yaml
expect_rc 0 "an office file ../lgd/kcc.yaml from another ministry's directory: exit 0"
expect_contains "$OUT" "kcc  Khulna City Corporation" "../lgd/kcc.yaml is an office file, not a range"
expect_not_contains "$OUT" "rcc" "../lgd/kcc.yaml: only that office"
run -C "$W/offices/moe" diff HEAD -- ../lgd/kcc.yaml
expect_contains "$OUT" "kcc  Khulna City Corporation" "../lgd/kcc.yaml after --"
# a file's id is its name without .yaml, also with no roadmap on disk
run -C "$B" diff h09 h10 -- offices/lgd/rcc.old.yaml
expect_rc 1 "a bare repository: offices/lgd/rcc.old.yaml is no office rcc (exit 1)"
expect_eq "$OUT" "" "rcc.old.yaml: nothing on stdout"
run -C "$B" diff h09 h10 -- offices/lgd/rcc.yaml
expect_contains "$OUT" "+ office rcc" "a bare repository: an office file by its path"

# ---- offices named that neither version holds --------------------------------
run -C "$H" diff -- nosuch
expect_rc 1 "-- an office in neither version: exit 1"
expect_contains "$ERR" "no office 'nosuch' in index or work tree" "-- an office in neither version: said"
run -C "$H" diff h09 h10 -- kc
expect_rc 1 "an office near another: exit 1"
expect_contains "$ERR" "no office 'kc' in h09 or h10" "an office in neither revision: said"
expect_contains "$ERR" "did you mean 'kcc'?" "an office near another: did you mean"
run -C "$H" diff h09 h10 -- dncc
expect_rc 0 "an office only in the older version: exit 0"
run -C "$H" diff h10 h11 -- dncc
expect_rc 1 "an office removed before both versions: exit 1"
run -C "$H" diff h10 h11 -- kcc
expect_rc 0 "an office in both versions: exit 0"

# ---- no roadmap on disk: revisions need only the git repository ------------
S=$TMP/sub
mkdir -p "$S/sub" && git -C "$S" init -q -b main
"$ROADMAP" init -q "$S/sub" --title "In a subdirectory"
git -C "$S" add -A && git -C "$S" commit -qm one
"$ROADMAP" -C "$S/sub" add-ministry -q lgd --name "Local Government Division"
git -C "$S" add -A && git -C "$S" commit -qm two
git -C "$S" config roadmap.root sub
run -C "$S" diff HEAD~1 HEAD
expect_rc 0 "the top of a work tree whose roadmap is in roadmap.root: two revisions"
expect_contains "$OUT" "+ ministry lgd" "roadmap.root: the change"
run -C "$S" diff
expect_rc 0 "the top of a work tree whose roadmap is in roadmap.root: the work tree"
GIT_DIR="$H/.git" run -C "$TMP" diff h09 h10 --stat
expect_rc 0 "GIT_DIR names the repository"
expect_eq "$OUT" "$("$ROADMAP" -C "$H" diff h09 h10 --stat)" "GIT_DIR: the same diff"

# ---- the resolver's messages ---------------------------------------------------
run -C "$H" diff h01 h02 h03
expect_contains "$ERR" "h03: error: too many revisions" "three revisions: too many, at the third"
expect_not_contains "$ERR" "unknown" "three revisions: h03 is not unknown"
SH=$TMP/shallow
git clone -q --depth 1 "file://$H" "$SH" 2>/dev/null
run -C "$SH" diff HEAD~1 HEAD
expect_rc 2 "a shallow clone, past its history: exit 2"
expect_contains "$ERR" "HEAD~1: error: unknown revision 'HEAD~1'" "a shallow clone: the revision named, at the revision"
expect_contains "$ERR" "shallow clone" "a shallow clone: said"

# ---- before the first commit -----------------------------------------------------
E=$TMP/empty
mkdir -p "$E" && git -C "$E" init -q
"$ROADMAP" init -q "$E" --title "Not yet committed"
"$ROADMAP" -C "$E" add-ministry -q lgd --name "Local Government Division"
git -C "$E" add -A
run -C "$E" diff --cached
expect_rc 0 "--cached before the first commit: the index against an empty tree"
expect_contains "$OUT" "+ ministry lgd" "--cached before the first commit: everything added"
run -C "$E" diff HEAD
expect_rc 2 "HEAD before the first commit: exit 2"
expect_contains "$ERR" "no commit yet" "HEAD before the first commit: said"

# ---- a bare repository without revisions -------------------------------------------
run -C "$B" diff
expect_contains "$ERR" "hint: name two revisions: roadmap diff A B" "a bare repository: the hint names two revisions"
expect_not_contains "$ERR" ".: error" "a bare repository: not placed at ."

# ---- --exit-code: 1 means changes, errors exit 2 -----------------------------------
run -C "$H" diff --exit-code -- nosuch
expect_rc 2 "--exit-code: an error exits 2"

# ---- one file that cannot be read does not stop the diff ----------------------------
U=$TMP/unreadable
git clone -q "$H" "$U"
rm "$U/offices/lgd/rcc.yaml" && ln -s kcc.yaml "$U/offices/lgd/rcc.yaml"
"$ROADMAP" -C "$U" workshop -q kcc --kind leadership --date 2026-10-27 --participants 7
git -C "$U" add -A && git -C "$U" commit -qm "a link"
run -C "$U" diff HEAD~1 HEAD
expect_rc 0 "a symbolic link at a changed path: still a diff"
expect_contains "$OUT" "! unreadable: HEAD:offices/lgd/rcc.yaml: error: is a symbolic link" "a symbolic link: one unreadable change"
expect_contains "$OUT" "+ workshop leadership 2026-10-27" "a symbolic link: the other offices' changes too"
git -C "$U" checkout -q -b other HEAD~1
"$ROADMAP" -C "$U" workshop -q kcc --kind leadership --date 2026-10-28 --participants 8
git -C "$U" commit -qam "other"
git -C "$U" checkout -q main 2>/dev/null || git -C "$U" checkout -q master
git -C "$U" merge -q other >/dev/null 2>&1
run -C "$U" diff --cached
expect_rc 0 "an unresolved merge: still a diff"
expect_contains "$OUT" "unresolved merge conflicts" "an unresolved merge: one unreadable change"
run -C "$U" diff --format json --cached
expect_contains "$OUT" '"kind":"unreadable","ministry":"lgd","office":"kcc"' "an unreadable office in JSON: its id"
run -C "$U" diff --format json
expect_rc 0 "an unresolved merge, the index against the work tree: exit 0"
expect_contains "$OUT" '"kind":"unreadable","ministry":null,"office":"kcc"' "no version of an office reads: its id still in JSON"
run -C "$U" diff
expect_contains "$OUT" "kcc" "no version of an office reads: its id in the heading"
git -C "$U" reset -q --hard HEAD
head -c 9000000 /dev/zero | tr '\0' '#' >"$U/offices/lgd/big.yaml"
git -C "$U" add -A && git -C "$U" commit -qm "a file too large"
run -C "$U" diff HEAD~1 HEAD
expect_rc 0 "a file over the size limit: still a diff"
expect_contains "$OUT" "! unreadable: HEAD:offices/lgd/big.yaml:1:1: error: file is larger than 8 MiB" "a file over the size limit: one unreadable change"

# ---- extension keys and services reordered by hand ------------------------------
X=$TMP/ext
git clone -q "$H" "$X"
hist_edit "$X/offices/lgd/kcc.yaml" '/^  head:/a\  x-contact: 041-720000'
run -C "$X" diff
expect_contains "$OUT" "~ office: x-contact none -> 041-720000" "an extension key added: a change of the office"
run -C "$X" diff --format json
expect_contains "$OUT" '"kind":"office-changed","ministry":"lgd","office":"kcc","service":null,"was":null,"item":null,"field":"x-contact","old":null,"new":"041-720000"' "an extension key in JSON"

# ---- colour ------------------------------------------------------------------
esc=$(printf '\033')
run -C "$H" diff h04 h05
expect_not_contains "$OUT" "$esc" "no colour when stdout is not a terminal"
run -C "$H" diff h04 h05 --color always
expect_contains "$OUT" "$esc[1mkcc" "--color always: a bold heading"
if script -qec true /dev/null >/dev/null 2>&1; then
	tty_out=$(cd "$H" && TERM=xterm script -qec "$ROADMAP diff h04 h05" /dev/null)
	expect_contains "$tty_out" "$esc[" "colour at a terminal"
	tty_out=$(cd "$H" && NO_COLOR=1 TERM=xterm script -qec "$ROADMAP diff h04 h05" /dev/null)
	expect_not_contains "$tty_out" "$esc[" "NO_COLOR: no colour at a terminal"
	tty_out=$(cd "$H" && TERM=dumb script -qec "$ROADMAP diff h04 h05" /dev/null)
	expect_not_contains "$tty_out" "$esc[" "TERM=dumb: no colour"
	tty_out=$(cd "$H" && TERM=xterm script -qec "$ROADMAP diff h04 h05 --color never" /dev/null)
	expect_not_contains "$tty_out" "$esc[" "--color never at a terminal"
else
	skip_part "colour at a terminal" "script (Debian util-linux) cannot run here"
fi

finish
