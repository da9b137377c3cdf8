#!/usr/bin/env bash
# roadmap check on a file that a real 'git merge' left with conflict
# markers (git's own line merge: no merge driver is installed here): one
# error per conflict, at its '<<<<<<<' line, naming the field in domain
# words (ours and theirs), or its lines when git's merge cut the YAML where
# a side does not parse; in the work tree, the index (--cached), a
# revision (--rev) and a push (--pre-receive); markers in diff3 style and
# of another size; roadmap.yaml too.  Other commands keep saying where the
# markers are.
. "$(dirname "$0")/lib.sh"

command -v git >/dev/null || skip_all "git is not installed (Debian package git)"
export GIT_CONFIG_NOSYSTEM=1 HOME=$TMP/home
mkdir -p "$HOME"
git config --global user.name Tester
git config --global user.email tester@example.gov.bd
git config --global init.defaultBranch main
git config --global advice.detachedHead false

F=offices/lgd/gcc.yaml

# The office with the given tcv.days of trade-licence.
office() {
	cat <<EOF
roadmap: 1
office:
  id: gcc
  name: Gazipur City Corporation
  ministry: lgd
  head: Mayor
services:
  - id: trade-licence
    name: Trade licence
    name_bn: ট্রেড লাইসেন্স
    recipients: business
    tcv:
      days: $1
      cost: 500
      visits: 3
  - id: birth-certificate
    name: Birth certificate
    recipients: citizen
EOF
}

roadmap_yaml() {
	printf 'roadmap: 1\ntitle: T\nministries:\n  - id: lgd\n    name: %s\n' "$1"
}

# repo DIR: a git repository whose main branch holds roadmap.yaml and the
# office, with tcv.days 30.
repo() {
	mkdir -p "$1/offices/lgd"
	git -C "$1" init -q
	roadmap_yaml "Local Government Division" >"$1/roadmap.yaml"
	office 30 >"$1/$F"
	git -C "$1" add -A && git -C "$1" commit -qm base
}

# branches DIR FILE OURS THEIRS: branch ours and theirs from main, each
# writing its own FILE (from files OURS and THEIRS), then merge theirs into
# ours with git's line merge (extra git options in MERGE_OPTS): it must
# conflict.
branches() {
	git -C "$1" checkout -q -b theirs main
	cp "$4" "$1/$2" && git -C "$1" commit -qam theirs
	git -C "$1" checkout -q -b ours main
	cp "$3" "$1/$2" && git -C "$1" commit -qam ours
	if git -C "$1" ${MERGE_OPTS:-} merge -q theirs >/dev/null 2>&1; then
		fail "git merge conflicts" "it merged cleanly"
	fi
}

# The line of the first marker of size 7 (or $2 characters) in file $1.
marker_line() {
	grep -n -m1 "^$(printf '<%.0s' $(seq "${2:-7}")) " "$1" | cut -d: -f1
}

# ---- one field changed on both sides -------------------------------------

R=$TMP/field
repo "$R"
office 7 >"$TMP/ours.yaml"
office 10 >"$TMP/theirs.yaml"
branches "$R" "$F" "$TMP/ours.yaml" "$TMP/theirs.yaml"
L=$(marker_line "$R/$F")
want="$F:$L:1: error: unresolved merge conflict: service trade-licence: tcv.days: ours 7, theirs 10"
run -C "$R" check
expect_rc 1 "a conflict: check exits 1"
expect_contains "$ERR" "$want" "a conflict: the field, ours and theirs, at the '<<<<<<<' line"
expect_eq "$(printf '%s\n' "$ERR" | grep -c ': error: ')" 1 "a conflict: one error, not one per marker"
expect_not_contains "$ERR" "git conflict marker" "a conflict: no error per marker"
expect_contains "$ERR" "hint: keep the lines you want, delete the markers, then 'git add $F'" \
	"a conflict: the hint says how to resolve it"
expect_contains "$ERR" "1 office checked, 1 error" "a conflict: the count"
run -C "$R" check gcc
expect_rc 1 "a named office with a conflict: exit 1"
expect_contains "$ERR" "$want" "a named office with a conflict: the field"

# other commands keep the reader's error
run -C "$R" show gcc
expect_rc 1 "a conflict: show refuses the file"
expect_contains "$ERR" "git conflict marker '<<<<<<<'" "a conflict: show says where the markers are"

# the index: git refuses an unmerged path; staged with its markers, named
run -C "$R" check --cached
expect_rc 1 "an unmerged index: check --cached exits 1"
git -C "$R" add "$F"
run -C "$R" check --cached
expect_rc 1 "markers staged: check --cached exits 1"
expect_contains "$ERR" ":$L:1: error: unresolved merge conflict: service trade-licence: tcv.days: ours 7, theirs 10" \
	"markers staged: check --cached names the field"
expect_contains "$ERR" "then 'git add $F';" "markers staged: the hint names the file, not the index's ':$F'"

# committed with its markers: a revision, and a push of it
git -C "$R" commit -qm "merged with markers" --no-verify
run -C "$R" check --rev HEAD
expect_rc 1 "markers committed: check --rev exits 1"
expect_contains "$ERR" ":$L:1: error: unresolved merge conflict: service trade-licence: tcv.days: ours 7, theirs 10" \
	"markers committed: check --rev names the field"
new=$(git -C "$R" rev-parse HEAD)
old=$(git -C "$R" rev-parse HEAD~1)
(cd "$R" && printf '%s %s refs/heads/ours\n' "$old" "$new" |
	"$ROADMAP" check --pre-receive) >"$TMP/.out" 2>"$TMP/.err"
RC=$? ERR=$(cat "$TMP/.err")
expect_rc 1 "a push of markers: check --pre-receive refuses it"
expect_contains "$ERR" ":$L:1: error: unresolved merge conflict: service trade-licence: tcv.days: ours 7, theirs 10" \
	"a push of markers: check --pre-receive names the field"

# ---- diff3 style, and markers of size 9 -----------------------------------

R=$TMP/diff3
repo "$R"
MERGE_OPTS="-c merge.conflictStyle=diff3" branches "$R" "$F" "$TMP/ours.yaml" "$TMP/theirs.yaml"
expect_contains "$(cat "$R/$F")" "||||||| " "diff3: git wrote the base's lines"
run -C "$R" check
expect_rc 1 "diff3: exit 1"
expect_contains "$ERR" "$F:$(marker_line "$R/$F"):1: error: unresolved merge conflict: service trade-licence: tcv.days: ours 7, theirs 10" \
	"diff3: the field"

R=$TMP/size9
repo "$R"
printf '*.yaml conflict-marker-size=9\n' >"$R/.gitattributes"
git -C "$R" add .gitattributes && git -C "$R" commit -qm attributes
branches "$R" "$F" "$TMP/ours.yaml" "$TMP/theirs.yaml"
L=$(marker_line "$R/$F" 9)
expect_eq "${L:+found}" found "size 9: git wrote markers of 9"
run -C "$R" check
expect_rc 1 "size 9: exit 1"
expect_contains "$ERR" "$F:$L:1: error: unresolved merge conflict: service trade-licence: tcv.days: ours 7, theirs 10" \
	"size 9: the field"

# ---- roadmap.yaml ---------------------------------------------------------

R=$TMP/meta
repo "$R"
roadmap_yaml "LGD" >"$TMP/ours.yaml"
roadmap_yaml "Local Government Division (LGD)" >"$TMP/theirs.yaml"
branches "$R" roadmap.yaml "$TMP/ours.yaml" "$TMP/theirs.yaml"
run -C "$R" check
expect_rc 1 "roadmap.yaml: exit 1"
expect_contains "$ERR" "roadmap.yaml:$(marker_line "$R/roadmap.yaml"):1: error: unresolved merge conflict: ministry lgd: name: ours LGD, theirs \"Local Government Division (LGD)\"" \
	"roadmap.yaml: the ministry's field"
expect_eq "$(printf '%s\n' "$ERR" | grep -c ': error: ')" 1 "roadmap.yaml: one error"

# ---- git's merge cuts the YAML ---------------------------------------------
# Their side turns the name into a quoted text down to the visits; ours
# changes the name and the visits: two regions (far enough apart for git
# to keep them apart), and taking theirs in either alone leaves YAML that
# does not parse or an office that is not valid.

R=$TMP/cut
repo "$R"
office 30 | sed -e 's/^    name: Trade licence$/    name: Trade licence (ours)/' \
	-e 's/^      visits: 3$/      visits: 1/' >"$TMP/ours.yaml"
office 30 | sed -e 's/^    name: Trade licence$/    name: "Trade licence,/' \
	-e 's/^      visits: 3$/      and more"/' >"$TMP/theirs.yaml"
branches "$R" "$F" "$TMP/ours.yaml" "$TMP/theirs.yaml"
mapfile -t opens < <(grep -n '^<<<<<<< ' "$R/$F" | cut -d: -f1)
mapfile -t closes < <(grep -n '^>>>>>>> ' "$R/$F" | cut -d: -f1)
expect_eq "${#opens[@]}" 2 "a cut: git wrote two regions"
run -C "$R" check
expect_rc 1 "a cut: exit 1"
expect_contains "$ERR" "$F:${opens[0]}:1: error: unresolved merge conflict (lines ${opens[0]}-${closes[0]})" \
	"a cut: a region whose side does not parse is named by its lines"
expect_eq "$(printf '%s\n' "$ERR" | grep -c ': error: ')" 2 "a cut: one error per region"
expect_eq "$(printf '%s\n' "$ERR" | grep -c "^$F:${opens[1]}:1: error: unresolved merge conflict")" 1 \
	"a cut: the second region at its '<<<<<<<' line"
expect_not_contains "$ERR" "git conflict marker" "a cut: no error per marker"

finish
