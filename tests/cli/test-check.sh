#!/usr/bin/env bash
# roadmap check, the global options and exit codes, end to end.
. "$(dirname "$0")/lib.sh"

# --help, --version, usage errors
run --version
expect_rc 0 "--version exits 0"
expect_contains "$OUT" "roadmap " "--version prints the name"
run --help
expect_rc 0 "--help exits 0"
expect_contains "$OUT" "check" "--help lists check"
run check --help
expect_rc 0 "check --help exits 0"
expect_contains "$OUT" "usage: roadmap check" "check --help prints the usage"
run help check
expect_rc 0 "help check exits 0"
run chek
expect_rc 2 "an unknown command is a usage error"
expect_contains "$ERR" "did you mean 'check'" "an unknown command gets a hint"
run
expect_rc 2 "no command is a usage error"
run check --bogus
expect_rc 2 "an unknown option is a usage error"
run -C "$TMP/does-not-exist" check
expect_rc 2 "-C to a missing directory is a usage error"

# outside a repository
mkdir -p "$TMP/empty"
run -C "$TMP/empty" check
expect_rc 1 "outside a repository check fails"
expect_contains "$ERR" "not a roadmap repository" "outside a repository: the message"

# the bundled data passes
repo="$TMP/data"
new_repo "$repo"
run -C "$repo" check
expect_rc 0 "check passes on the bundled data"
expect_not_contains "$ERR" "error:" "no error on the bundled data"
run -C "$repo/offices" check
expect_rc 0 "check works from a subdirectory (root found upward)"

# a broken office among good ones: every finding, then a count
cp "$ROADMAP_SRC/tests/fixtures/check/priority-zero.yaml" "$repo/offices/lgd/"
cp "$ROADMAP_SRC/tests/fixtures/check/unknown-status.yaml" "$repo/offices/lgd/"
run -C "$repo" check
expect_rc 1 "check fails when one office is invalid"
expect_contains "$ERR" "offices/lgd/priority-zero.yaml:11:17: error: 'priority' must be at least 1" "the first finding"
expect_contains "$ERR" "offices/lgd/unknown-status.yaml:14:19: error: unknown status 'done'" "the second finding"
expect_contains "$ERR" "2 errors" "the count"
first=$(printf '%s\n' "$ERR" | grep -n priority-zero | head -n1 | cut -d: -f1)
second=$(printf '%s\n' "$ERR" | grep -n unknown-status | head -n1 | cut -d: -f1)
[ "$first" -lt "$second" ] && pass "findings are sorted by file" || fail "findings are sorted by file" "$ERR"
run -C "$repo/offices/lgd" check
expect_contains "$ERR" "priority-zero.yaml:11:17: error:" "paths are relative to the working directory"

# the same findings, in the same order, whatever the number of threads
for f in not-integer history-order bad-boolean unknown-key; do
	cp "$ROADMAP_SRC/tests/fixtures/check/$f.yaml" "$repo/offices/lgd/"
done
ROADMAP_JOBS=1 "$ROADMAP" -C "$repo" check >"$TMP/j1.out" 2>&1
ROADMAP_JOBS=4 "$ROADMAP" -C "$repo" check >"$TMP/j4.out" 2>&1
expect_same_file "$TMP/j4.out" "$TMP/j1.out" "check prints the same with 1 and 4 threads"
expect_contains "$(cat "$TMP/j1.out")" "6 errors" "every finding of every office is counted"
rm "$repo"/offices/lgd/{not-integer,history-order,bad-boolean,unknown-key}.yaml

# named offices
run -C "$repo" check lged
expect_rc 0 "check of one good office passes"
run -C "$repo" check priority-zero
expect_rc 1 "check of one bad office fails"
run -C "$repo" check no-such-office
expect_rc 1 "check of a missing office fails"
expect_contains "$ERR" "no office 'no-such-office'" "a missing office is named"
rm "$repo/offices/lgd/priority-zero.yaml" "$repo/offices/lgd/unknown-status.yaml"

# the same id in two ministries
mkdir -p "$repo/offices/cabinet"
cp "$repo/offices/lgd/lged.yaml" "$repo/offices/cabinet/lged.yaml"
run -C "$repo" check
expect_rc 1 "a duplicate office id fails"
expect_contains "$ERR" "office id 'lged' is also used by" "the duplicate is named"
idpos=$(awk '/^office:/ {o = 1; next} o && /^  id:/ {print NR ":" index($0, "lged"); exit}' \
	"$repo/offices/lgd/lged.yaml")
expect_contains "$ERR" "offices/lgd/lged.yaml:$idpos: error: office id 'lged'" \
	"the duplicate is placed at its id"
rm "$repo/offices/cabinet/lged.yaml"

# warnings alone exit 0
printf 'roadmap: 1\noffice:\n  id: warn\n  name: W\n  ministry: lgd\nservices:\n  - id: a\n    name: A\n    plan:\n      priority: 1\n      history:\n        - {date: 2020-01-01, status: live}\n        - {date: 2020-02-01, status: planned}\n' >"$repo/offices/lgd/warn.yaml"
run -C "$repo" check warn
expect_rc 0 "warnings alone exit 0"
expect_contains "$ERR" "warning: status goes back from 'live' to 'planned'" "the warning is printed"
rm "$repo/offices/lgd/warn.yaml"

# hostile input: big and deep files fail fast with a located error
big="$repo/offices/lgd/big.yaml"
{ printf 'roadmap: 1\nx-pad: "'; head -c 20971520 /dev/zero | tr '\0' a; printf '"\n'; } >"$big"
run -C "$repo" check big
expect_rc 1 "a 20 MiB file is refused"
expect_contains "$ERR" "big.yaml:1:1: error: file is larger than 8 MiB" "the size limit is named"
rm "$big"
deep="$repo/offices/lgd/deep.yaml"
{ printf 'roadmap: 1\nx-deep: '; head -c 100000 /dev/zero | tr '\0' '['; echo; } >"$deep"
run -C "$repo" check deep
expect_rc 1 "100,000-deep flow nesting is refused"
expect_contains "$ERR" "deep.yaml:2:" "the depth error is located"
rm "$deep"

# a symbolic link out of the repository is not followed
echo "roadmap: 1" >"$TMP/outside.yaml"
ln -s "$TMP/outside.yaml" "$repo/offices/lgd/link.yaml"
run -C "$repo" check link
expect_rc 1 "a symlinked office is refused"
expect_contains "$ERR" "is a symbolic link" "the link is named"
rm "$repo/offices/lgd/link.yaml"

# every finding at once: the cross-file rules also run on an office that
# has other errors
printf 'roadmap: 1\noffice:\n  id: many\n  nmae: O\n  ministry: zz\n' \
	>"$repo/offices/lgd/many.yaml"
run -C "$repo" check many
expect_rc 1 "an office with several errors"
expect_contains "$ERR" "many.yaml:4:3: error: unknown key 'nmae'" "its own error is reported"
expect_contains "$ERR" "many.yaml:5:13: error: unknown ministry 'zz'" \
	"and the unknown ministry, in the same run"
rm "$repo/offices/lgd/many.yaml"

# output that cannot be written is an error, not exit 0
if [ -w /dev/full ]; then
	"$ROADMAP" --help >/dev/full 2>"$TMP/full.err"
	rc=$?
	expect_eq "$rc" 1 "a full stdout exits 1"
	expect_contains "$(cat "$TMP/full.err")" "cannot write output" "a full stdout is reported"
fi
# a git repository owned by another user, which git refuses to read: the
# hint says so rather than that there is no history
if [ "$(id -u)" -eq 0 ] && command -v git >/dev/null; then
	own="$TMP/owned"
	new_repo "$own"
	gitc() { git -C "$own" -c user.name=Desk -c user.email=desk@example.gov.bd "$@"; }
	gitc init -q && gitc add -A && gitc commit -qm base
	run -C "$own" approve kcc --by Mayor --date 2026-10-01 -q
	gitc commit -qam approved
	run -C "$own" plan kcc trade-licence-issue --priority 7 -q
	chown -R 65534 "$own"
	run -C "$own" check kcc
	expect_rc 0 "check in a repository owned by another user"
	expect_contains "$ERR" "hint: which services or plans changed since the approval of 2026-10-01 cannot be told: git refuses to read the repository: it is owned by another user" \
		"...says that git refuses to read it, not that there is no history"
	chown -R 0 "$own"
	run -C "$own" check kcc
	expect_contains "$ERR" "hint: since the approval (commit" "...and reads it once it is the user's own"
else
	echo "# SKIP a repository owned by another user: runs only as root"
fi
finish
