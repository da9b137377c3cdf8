#!/usr/bin/env bash
# One scan of the repository, end to end: the one ROADMAP_JOBS rule of
# check and report, and the one lookup of an office by id, which every
# writer uses and which refuses an id used twice anywhere in the tree.
. "$(dirname "$0")/lib.sh"

repo="$TMP/data"
new_repo "$repo"

# ROADMAP_JOBS: 1 to 256, anything else a usage error, for both readers
for cmd in check report; do
	for bad in garbage 0 257 -3 4x; do
		ROADMAP_JOBS=$bad run -C "$repo" $cmd
		expect_rc 2 "$cmd: ROADMAP_JOBS=$bad is a usage error"
		expect_contains "$ERR" "roadmap $cmd: invalid ROADMAP_JOBS '$bad'" \
			"$cmd: ROADMAP_JOBS=$bad is named"
		expect_eq "$OUT" "" "$cmd: nothing on stdout for ROADMAP_JOBS=$bad"
	done
	ROADMAP_JOBS=256 run -C "$repo" $cmd
	expect_rc 0 "$cmd: ROADMAP_JOBS=256 is fine"
	ROADMAP_JOBS=১ run -C "$repo" $cmd
	expect_rc 0 "$cmd: ROADMAP_JOBS in Bengali digits is fine"
done
# --jobs: the same rule, and it wins over ROADMAP_JOBS (as a command line
# wins over the environment)
for cmd in check report; do
	ROADMAP_JOBS=2 run -C "$repo" $cmd --jobs 300
	expect_rc 2 "$cmd: --jobs 300 is a usage error"
	expect_contains "$ERR" "invalid --jobs '300': must be 1 to 256" "$cmd: --jobs 300 is named"
	ROADMAP_JOBS=garbage run -C "$repo" $cmd --jobs 3
	expect_rc 0 "$cmd: --jobs 3 is taken over a bad ROADMAP_JOBS"
done

# check's findings and report's output never depend on the thread count
cp "$ROADMAP_SRC/tests/fixtures/check/priority-zero.yaml" "$repo/offices/lgd/"
ROADMAP_JOBS=1 "$ROADMAP" -C "$repo" check >"$TMP/c1" 2>&1
ROADMAP_JOBS=7 "$ROADMAP" -C "$repo" check >"$TMP/c7" 2>&1
expect_same_file "$TMP/c7" "$TMP/c1" "check: ROADMAP_JOBS=7 finds what ROADMAP_JOBS=1 does"
rm "$repo/offices/lgd/priority-zero.yaml"
ROADMAP_JOBS=1 "$ROADMAP" -C "$repo" report services >"$TMP/r1" 2>&1
ROADMAP_JOBS=5 "$ROADMAP" -C "$repo" report services >"$TMP/r5" 2>&1
expect_same_file "$TMP/r5" "$TMP/r1" "report: ROADMAP_JOBS=5 writes what ROADMAP_JOBS=1 does"

# the same office id in two ministries' directories, one deeper: check
# names both files, and every writer refuses with both paths, writing
# nothing
mkdir -p "$repo/offices/cabinet/old"
cp "$repo/offices/lgd/kcc.yaml" "$repo/offices/cabinet/old/kcc.yaml"
run -C "$repo" check
expect_rc 1 "check: a duplicate id deeper in the tree fails"
expect_contains "$ERR" "offices/lgd/kcc.yaml:4:7: error: office id 'kcc' is also used by 'offices/cabinet/old/kcc.yaml'" \
	"check: the duplicate is named with both paths"
dup_line=$(printf '%s\n' "$ERR" | grep "is also used by")

snapshot() { (cd "$repo" && find . -type f -print0 | sort -z | xargs -0 sha256sum); }
snapshot >"$TMP/before"
writer() {
	local what=$1
	shift
	EDITOR=true VISUAL=true run -C "$repo" "$@"
	expect_rc 1 "$what: refuses an office id used twice"
	expect_contains "$ERR" "$dup_line" "$what: names both files as check does"
	expect_contains "$ERR" "refusing to write: office id 'kcc' is used by more than one file; nothing was written" \
		"$what: says nothing was written"
	snapshot >"$TMP/after"
	expect_same_file "$TMP/after" "$TMP/before" "$what: nothing was written"
}
writer add-service add-service kcc --name 'New service'
writer plan plan kcc trade-licence-issue --priority 2
writer approve approve kcc --by 'Chief Executive Officer' --date 2026-11-20
writer workshop workshop kcc --kind design --date 2026-11-20
writer edit edit kcc

# add-office: an id in use anywhere in the tree, once or twice, is not new
run -C "$repo" add-office kcc --ministry lgd --name 'Another corporation'
expect_rc 1 "add-office: refuses an id used twice"
expect_contains "$ERR" "$dup_line" "add-office: names both files"
snapshot >"$TMP/after"
expect_same_file "$TMP/after" "$TMP/before" "add-office: nothing was written"
cp "$repo/offices/lgd/kcc.yaml" "$repo/offices/cabinet/old/newcc.yaml"
sed -i 's/id: kcc/id: newcc/' "$repo/offices/cabinet/old/newcc.yaml"
snapshot >"$TMP/before"
run -C "$repo" add-office newcc --ministry lgd --name "New City Corporation"
expect_rc 1 "add-office: refuses an id used deeper in another ministry's tree"
expect_contains "$ERR" "offices/cabinet/old/newcc.yaml: error: office 'newcc' already exists" \
	"add-office: names the file that has the id"
snapshot >"$TMP/after"
expect_same_file "$TMP/after" "$TMP/before" "add-office: nothing was written for an id in use"
rm "$repo/offices/cabinet/old/newcc.yaml"

# once the copy is gone, the writers write again
rm -r "$repo/offices/cabinet/old"
run -C "$repo" plan kcc trade-licence-issue --priority 2
expect_rc 0 "plan writes once the id is used once"
run -C "$repo" check
expect_rc 0 "check passes once the id is used once"

finish
