#!/usr/bin/env bash
# roadmap report --rev REV: the roadmap of any revision, read from git's
# objects (a bare repository too), gives what the same report gives on a
# checkout of that revision; and libgit2's errors (a bad revision, no
# repository, a missing object) a clear message and exit 2 or 1.  Without
# a date option, the report's date is the commit's (its committer's day).
. "$(dirname "$0")/lib.sh"
. "$ROADMAP_SRC/tests/cli/history.sh"

if ! command -v git >/dev/null; then
	skip_all "git is not installed (Debian package git)"
fi
export GIT_CONFIG_NOSYSTEM=1 HOME="$TMP/home"
unset GIT_DIR GIT_WORK_TREE
mkdir -p "$HOME"
git config --global user.name "Desk Officer"
git config --global user.email "officer@example.gov.bd"
git config --global init.defaultBranch main
git config --global gc.auto 0
git config --global advice.detachedHead false
# Commits made today: a report of --rev HEAD is then dated as the work
# tree's (ROADMAP_TODAY).
export GIT_COMMITTER_DATE="${ROADMAP_TODAY}T12:00:00+06:00"

repo=$TMP/repo
new_repo "$repo"
git -C "$repo" init -q
git -C "$repo" add -A
git -C "$repo" commit -qm "the roadmap"

run -C "$repo" report totals --rev HEAD
case $ERR in *"cannot read git"*)
	skip_all "libgit2 cannot be loaded here (Debian package libgit2-1.5): $ERR" ;;
esac

# same_report DIR WHAT ARGS...: report ARGS --rev HEAD in DIR gives the
# output, messages and exit status of report ARGS there.
same_report() {
	local dir=$1 what=$2 rc1 rc2
	shift 2
	(cd "$dir" && "$ROADMAP" report "$@" >"$TMP/tree.out" 2>"$TMP/tree.err")
	rc1=$?
	(cd "$dir" && "$ROADMAP" report "$@" --rev HEAD >"$TMP/rev.out" 2>"$TMP/rev.err")
	rc2=$?
	if [ "$rc1" = "$rc2" ] && cmp -s "$TMP/tree.out" "$TMP/rev.out" &&
		cmp -s "$TMP/tree.err" "$TMP/rev.err"; then
		pass "$what"
	else
		fail "$what" "exit $rc2, on the work tree $rc1" \
			"$(diff "$TMP/tree.out" "$TMP/rev.out" | head -n 10)" \
			"$(diff "$TMP/tree.err" "$TMP/rev.err" | head -n 10)"
	fi
}

# --- a clean checkout: every kind, every format, the filters ------------
for kind in offices services ministries workshops totals progress; do
	for format in csv tsv json table; do
		same_report "$repo" "$kind as $format: --rev HEAD as the work tree" \
			"$kind" --format "$format"
	done
done
same_report "$repo" "csv --excel" services --excel
same_report "$repo" "--as-of" progress --as-of 2026-06-30
same_report "$repo" "--fy and --quarter" workshops --fy 2026-27 --quarter 1
same_report "$repo" "--ministry" ministries --ministry lgd
same_report "$repo" "--office by id and by file" services --office kcc \
	--office offices/lgd/dncc.yaml
same_report "$repo" "--status" services --status live
same_report "$repo" "--status none" offices --status none
same_report "$repo" "bangla calendar, bengali digits" offices \
	--calendar bangla --digits bengali --format table
same_report "$repo" "--jobs 1" services --jobs 1
same_report "$repo/offices/lgd" "run in a subdirectory" totals
same_report "$repo" "an unknown office" offices --office nosuch
same_report "$repo" "an unknown ministry" offices --ministry nosuch
run -C "$repo" report totals --rev HEAD
expect_rc 0 "report --rev HEAD exits 0"
[ -n "$OUT" ] && pass "report --rev HEAD writes the report" ||
	fail "report --rev HEAD writes the report" "no output"

# --- the revision, not the work tree -------------------------------------
run -C "$repo" report totals
first_totals=$OUT
run -C "$repo" report services
first_services=$OUT
git -C "$repo" tag v2026-10
"$ROADMAP" -C "$repo" add-service kcc --id e-trade-licence \
	--name "Trade licence online" --since 2026-11-01 -q >/dev/null
git -C "$repo" commit -qam "kcc: trade licence online"
run -C "$repo" report totals
second_totals=$OUT
expect_not_contains "$second_totals" "$first_totals" "the new commit changes the totals"
run -C "$repo" report totals --rev HEAD~1
expect_eq "$OUT" "$first_totals" "HEAD~1 gives the older numbers"
run -C "$repo" report totals --rev v2026-10
expect_eq "$OUT" "$first_totals" "a tag gives the numbers of its commit"
run -C "$repo" report services --rev v2026-10 --as-of 2026-11-28
expect_eq "$OUT" "$first_services" "--as-of with --rev"
run -C "$repo" report totals --rev main
expect_eq "$OUT" "$second_totals" "a branch gives its numbers"
id=$(git -C "$repo" rev-parse HEAD~1)
run -C "$repo" report totals --rev "${id:0:10}"
expect_eq "$OUT" "$first_totals" "an abbreviated commit id"
# an uncommitted change is the work tree's, not HEAD's
"$ROADMAP" -C "$repo" add-service kcc --id e-holding-tax \
	--name "Holding tax online" --since 2026-11-01 -q >/dev/null
run -C "$repo" report totals --rev HEAD
expect_eq "$OUT" "$second_totals" "--rev HEAD leaves out uncommitted changes"
git -C "$repo" checkout -q -- .

# --- a bare repository, GIT_DIR, a shallow clone -------------------------
git clone -q --bare "$repo" "$TMP/bare.git"
run -C "$TMP/bare.git" report totals --rev HEAD
expect_rc 0 "report --rev in a bare repository exits 0"
expect_eq "$OUT" "$second_totals" "a bare repository gives the same report"
run -C "$TMP/bare.git" report totals --rev v2026-10
expect_eq "$OUT" "$first_totals" "a tag in a bare repository"
(cd "$repo" && "$ROADMAP" report services --office kcc --format json) >"$TMP/kcc.json"
run -C "$TMP/bare.git" report services --rev HEAD --office offices/lgd/kcc.yaml \
	--format json
expect_eq "$OUT" "$(cat "$TMP/kcc.json")" "--office by file in a bare repository"
mkdir -p "$TMP/elsewhere"
(cd "$TMP/elsewhere" && GIT_DIR=$TMP/bare.git "$ROADMAP" report totals \
	--rev HEAD >"$TMP/gitdir.out" 2>&1)
expect_eq "$(cat "$TMP/gitdir.out")" "$second_totals" "GIT_DIR names the repository"
git clone -q --depth 1 "file://$repo" "$TMP/shallow"
run -C "$TMP/shallow" report totals --rev HEAD
expect_rc 0 "a shallow clone reads --rev HEAD"
expect_eq "$OUT" "$second_totals" "a shallow clone gives the same report"
run -C "$TMP/shallow" report totals --rev HEAD~1
expect_rc 2 "a revision beyond the shallow boundary is unknown (exit 2)"

# --- the roadmap in a subdirectory: roadmap.root -------------------------
mono=$TMP/mono
mkdir -p "$mono/src"
echo "int main(void) { return 0; }" >"$mono/src/main.c"
new_repo "$mono/roadmap"
git -C "$mono" init -q
git -C "$mono" add -A
git -C "$mono" commit -qm "code and roadmap"
same_report "$mono/roadmap" "the roadmap root found on disk, in a subdirectory" totals
run -C "$mono/src" report totals --rev HEAD
expect_rc 2 "outside the roadmap without roadmap.root: exit 2"
expect_contains "$ERR" "no roadmap.yaml in the tree of 'HEAD'" \
	"...saying the tree has no roadmap.yaml"
expect_contains "$ERR" "roadmap.root" "...with a hint naming roadmap.root"
git -C "$mono" config roadmap.root roadmap
run -C "$mono/src" report totals --rev HEAD
expect_eq "$OUT" "$first_totals" "roadmap.root names the roadmap's directory"
git clone -q --bare "$mono" "$TMP/mono.git"
git -C "$TMP/mono.git" config roadmap.root roadmap/
run -C "$TMP/mono.git" report totals --rev HEAD
expect_eq "$OUT" "$first_totals" "roadmap.root in a bare repository"

# --- messages name the revision: REV:offices/...:line:col ----------------
bad=$TMP/bad
new_repo "$bad"
git -C "$bad" init -q
git -C "$bad" add -A
git -C "$bad" commit -qm ok
sed -i 's/^  ministry: lgd$/  ministry: nosuch/' "$bad/offices/lgd/kcc.yaml"
cp "$bad/offices/lgd/dncc.yaml" "$bad/offices/cabinet/dncc.yaml"
git -C "$bad" commit -qam broken
git -C "$bad" add -A
git -C "$bad" commit -qm "a second dncc"
git -C "$bad" tag broken
git -C "$bad" checkout -q HEAD~2
run -C "$bad" report offices --rev broken
expect_rc 1 "an invalid office at the revision fails the report (exit 1)"
expect_eq "$OUT" "" "...and writes nothing"
expect_contains "$ERR" "broken:offices/lgd/kcc.yaml:" \
	"...naming the file as REV:path"
# the same findings, by the same names, as on a checkout of that revision
git clone -q "$bad" "$TMP/badco"
git -C "$TMP/badco" checkout -q broken
(cd "$TMP/badco" && "$ROADMAP" report offices 2>&1 >/dev/null) |
	sed "s/\(^\|'\)offices/\1broken:offices/g" >"$TMP/badco.err"
printf '%s\n' "$ERR" >"$TMP/badrev.err"
expect_same_file "$TMP/badrev.err" "$TMP/badco.err" \
	"...with the checkout's findings, lines and columns"
expect_contains "$ERR" "office id 'dncc' is also used by" \
	"a duplicate office id at the revision"
run -C "$bad" report offices --rev broken --keep-going
expect_rc 3 "--keep-going with --rev leaves the invalid offices out (exit 3)"
expect_contains "$ERR" "broken:offices/lgd/kcc.yaml" "...naming them"

# --- the report's date: the commit's, unless a date option is given -----
H=$TMP/history
(unset GIT_COMMITTER_DATE && build_history "$H") >"$TMP/history.err" 2>&1 ||
	fail "the scripted history builds" "$(cat "$TMP/history.err")"
# kcc_progress ARGS...: kcc's row of report progress ARGS, in the history
kcc_progress() {
	run -C "$H" report progress "$@"
	OUT=$(printf '%s\n' "$OUT" | grep '^lgd,kcc,')
}
kcc_progress --rev h04
expect_eq "$RC:$OUT" "0:lgd,kcc,1,0,1,0,0,0,1,3,0" \
	"--rev h04 (2026-10-05): dated by its commit, October's move counts as changed"
kcc_progress --rev h04 --as-of 2026-10-05
want=$OUT
kcc_progress --rev h04
expect_eq "$OUT" "$want" "--rev alone is --as-of the commit's day"
kcc_progress --rev h04 --as-of 2026-11-28
expect_eq "$OUT" "lgd,kcc,1,0,1,0,0,0,0,3,0" \
	"--as-of with --rev: that date, not the commit's (nothing changed in November)"
ROADMAP_TODAY=not-a-date kcc_progress --rev h04
expect_eq "$RC" 0 "--rev alone needs no today: ROADMAP_TODAY is not read"
git clone -q "$H" "$TMP/h04co" && git -C "$TMP/h04co" checkout -q h04
(cd "$TMP/h04co" && ROADMAP_TODAY=2026-10-05 "$ROADMAP" report progress) >"$TMP/h04co.out"
run -C "$H" report progress --rev h04
expect_eq "$OUT" "$(cat "$TMP/h04co.out")" \
	"--rev h04: the report a checkout of h04 gave on the day it was committed"
kcc_progress --rev h05 --quarter 1
expect_eq "$OUT" "lgd,kcc,1,1,0,0,0,0,2,3,0" \
	"--quarter with --rev: a quarter of the commit's fiscal year (2026-27)"
# the committer's day in the committer's zone, not UTC's nor the author's
Z=$TMP/zone
git clone -q "$H" "$Z"
"$ROADMAP" -C "$Z" plan -q kcc holding-tax --status designing --date 2026-11-01
git -C "$Z" add -A
GIT_AUTHOR_DATE=2026-09-01T10:00:00+06:00 \
	GIT_COMMITTER_DATE=2026-11-01T01:00:00+06:00 git -C "$Z" commit -qm z1
git -C "$Z" tag z1
run -C "$Z" report progress --rev z1
expect_contains "$OUT" "lgd,kcc,0,2,0,0,0,0,1,2,0" \
	"01:00 +0600 on 1 November is the committer's 1 November (UTC: 31 October)"

# --- errors --------------------------------------------------------------
run -C "$repo" report --rev nosuch
expect_rc 2 "an unknown revision is a usage error (exit 2)"
expect_contains "$ERR" "unknown revision 'nosuch'" "...saying so"
expect_eq "$OUT" "" "...and writes nothing"
run -C "$repo" report --rev "HEAD:roadmap.yaml"
expect_rc 2 "a revision that names no commit: exit 2"
nogit=$TMP/nogit
new_repo "$nogit"
run -C "$nogit" report --rev HEAD
expect_rc 2 "--rev outside a git repository: exit 2"
expect_contains "$ERR" "not a git repository" "...saying so"
run -C "$TMP/elsewhere" report --rev HEAD
expect_rc 2 "--rev in a directory of no repository: exit 2"
run -C "$TMP/elsewhere" report
expect_rc 1 "without --rev there, no roadmap: exit 1 as before"
run -C "$repo" report --rev
expect_rc 2 "--rev without a revision: exit 2"
run -C "$repo" report --rev HEAD --office nosuch
expect_eq "$RC:$OUT" "1:" "an unknown office at the revision: exit 1, nothing written"
expect_contains "$ERR" "no office 'nosuch'" "...saying so"
run -C "$repo" report --rev HEAD --office roadmap.yaml
expect_rc 1 "--office naming a file that is no office file: exit 1"
expect_contains "$ERR" "not an office file" "...saying so"
run -C "$TMP/bare.git" report --rev HEAD --office offices/lgd/nosuch.yaml
expect_rc 1 "a bare repository: an office file the revision does not hold, exit 1"
run -C "$TMP/bare.git" report --rev HEAD --office lgd/README
expect_rc 1 "a bare repository: --office naming no office file, exit 1"
expect_contains "$ERR" "not an office file" "...saying so"

# a missing object: the loose blob of one office deleted
loose=$TMP/loose
new_repo "$loose"
git -C "$loose" init -q
git -C "$loose" add -A
git -C "$loose" commit -qm loose
blob=$(git -C "$loose" rev-parse HEAD:offices/lgd/kcc.yaml)
rm -f "$loose/.git/objects/${blob:0:2}/${blob:2}"
run -C "$loose" report offices --rev HEAD
expect_rc 1 "a missing blob fails the report (exit 1)"
expect_contains "$ERR" "HEAD:offices/lgd/kcc.yaml: error: cannot read the file" \
	"...naming the file it could not read"
expect_eq "$OUT" "" "...and writes nothing"
run -C "$loose" report offices --rev HEAD --keep-going
expect_rc 3 "--keep-going leaves the unreadable office out (exit 3)"
expect_not_contains "$OUT" ",kcc," "...without its row"
# a missing tree: the whole listing cannot be read
tree=$(git -C "$loose" rev-parse HEAD:offices/lgd)
rm -f "$loose/.git/objects/${tree:0:2}/${tree:2}"
run -C "$loose" report offices --rev HEAD
expect_rc 1 "a missing tree fails the report (exit 1)"
expect_contains "$ERR" "cannot read the tree" "...saying so"
commit=$(git -C "$loose" rev-parse HEAD)
rm -f "$loose/.git/objects/${commit:0:2}/${commit:2}"
run -C "$loose" report offices --rev HEAD
case $RC in 1 | 2) pass "a missing commit: exit $RC, no crash" ;;
*) fail "a missing commit: exit 1 or 2, no crash" "exit $RC" "$ERR" ;; esac

finish
