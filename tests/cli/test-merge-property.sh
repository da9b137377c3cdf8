#!/usr/bin/env bash
# The merge driver's property test (roadmap-merge-driver(1)): random CLI
# edits of a random office on two branches, merged by real 'git merge'
# through the driver that 'roadmap git-setup' installs, held to an oracle
# written in Python (merge-property.py, which says what it checks).  The
# driver is required: without it the test fails, it does not skip.
#
# Bounded for CI: a fixed seed and a number of cases (fewer under the
# sanitizers, whose processes are slower).  To repeat or run longer:
#   ROADMAP_MERGE_PROP_SEED=N ROADMAP_MERGE_PROP_CASES=M ctest -R merge-property
# and one failing case alone, with its repository kept:
#   ROADMAP=build/roadmap /usr/bin/python3 tests/cli/merge-property.py --seed N --case I
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
if ! command -v git >/dev/null; then
	skip_all "git is not installed (Debian package git)"
fi
if ! "$PY" -c 'import yaml' 2>/dev/null; then
	skip_all "PyYAML is not installed (Debian package python3-yaml)"
fi
# roadmap is not on PATH here: git runs the driver git-setup recorded
export PATH=/usr/bin:/bin
# Hundreds of commits and atomic writes, each synced: on a tmpfs when
# there is one, where a sync costs nothing.
work=$TMP
if [ -d /dev/shm ] && [ -w /dev/shm ] &&
	shm=$(mktemp -d /dev/shm/roadmap-merge-prop.XXXXXX 2>/dev/null); then
	work=$shm
	trap 'rm -rf "$TMP" "$shm"' EXIT
fi
export TMPDIR=$work
script=$ROADMAP_SRC/tests/cli/merge-property.py

"$PY" "$script" --self-test >"$TMP/self.out" 2>&1
rc=$?
if [ "$rc" -eq 0 ] && grep -q '^ok - oracle' "$TMP/self.out"; then
	pass "the oracle merges hand-made triples as the rules say"
else
	fail "the oracle merges hand-made triples as the rules say" "$(grep -v '^ok' "$TMP/self.out")"
fi

cases=60
[ "${ROADMAP_SANITIZED:-OFF}" = ON ] && cases=15
export ROADMAP_MERGE_PROP_CASES=${ROADMAP_MERGE_PROP_CASES:-$cases}
"$PY" "$script" --roadmap "$ROADMAP" >"$TMP/prop.out" 2>&1
rc=$?
sed 's/^/# /' "$TMP/prop.out" # its own ok/not ok lines are not this test's
summary=$(grep '^# [0-9]* cases:' "$TMP/prop.out")
if [ "$rc" -eq 0 ] && [ -n "$summary" ]; then
	pass "random edits on two branches merge as the oracle says (${summary#\# })"
else
	fail "random edits on two branches merge as the oracle says" \
		"merge-property.py exited $rc; its output is above"
fi
# The generator must reach both outcomes, or the test proves little.
clean=$(sed -n 's/.*cases: \([0-9]*\) clean.*/\1/p' <<<"$summary")
conflicted=$(sed -n 's/.* \([0-9]*\) with conflicts.*/\1/p' <<<"$summary")
if [ "${clean:-0}" -gt 0 ] && [ "${conflicted:-0}" -gt 0 ]; then
	pass "the cases hold clean merges ($clean) and conflicts ($conflicted)"
else
	fail "the cases hold clean merges and conflicts" "summary: $summary"
fi
finish
