# Shared helpers for the CLI tests: source this file, call the checks,
# end with `finish`.  Each check prints "ok N - what" or "not ok N - what".
# Environment (set by ctest): ROADMAP (the binary), ROADMAP_SRC (the source
# tree).
set -u
: "${ROADMAP:?ROADMAP must name the roadmap binary}"
: "${ROADMAP_SRC:?ROADMAP_SRC must name the source tree}"
export LC_ALL=C.UTF-8
export ROADMAP_TODAY=${ROADMAP_TODAY:-2026-11-28}
unset VISUAL EDITOR

TESTS_RUN=0
TESTS_FAILED=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/roadmap-test.XXXXXX")
trap 'rm -rf "$TMP"' EXIT

pass() { TESTS_RUN=$((TESTS_RUN + 1)); echo "ok $TESTS_RUN - $1"; }
fail() {
	TESTS_RUN=$((TESTS_RUN + 1)); TESTS_FAILED=$((TESTS_FAILED + 1))
	echo "not ok $TESTS_RUN - $1"
	shift
	for line in "$@"; do printf '#   %s\n' "$line"; done
}

# run CMD...: run roadmap, capturing $OUT, $ERR and $RC.
run() {
	"$ROADMAP" "$@" >"$TMP/.out" 2>"$TMP/.err"
	RC=$?
	OUT=$(cat "$TMP/.out")
	ERR=$(cat "$TMP/.err")
}

# expect_rc N WHAT: the last run exited N.
expect_rc() {
	if [ "$RC" -eq "$1" ]; then pass "$2"
	else fail "$2" "exit $RC, expected $1" "stderr: $ERR"; fi
}

# expect_contains HAYSTACK NEEDLE WHAT
expect_contains() {
	case "$1" in
	*"$2"*) pass "$3" ;;
	*) fail "$3" "expected to find: $2" "in: $1" ;;
	esac
}

expect_not_contains() {
	case "$1" in
	*"$2"*) fail "$3" "did not expect: $2" "in: $1" ;;
	*) pass "$3" ;;
	esac
}

# expect_eq ACTUAL EXPECTED WHAT
expect_eq() {
	if [ "$1" = "$2" ]; then pass "$3"
	else fail "$3" "expected: $2" "actual:   $1"; fi
}

# expect_same_file A B WHAT: byte-identical files.
expect_same_file() {
	if cmp -s "$1" "$2"; then pass "$3"
	else fail "$3" "$(diff -u "$2" "$1" | head -n 40)"; fi
}

# new_repo DIR: a copy of the bundled data repository.
new_repo() {
	mkdir -p "$1" && cp -R "$ROADMAP_SRC/data/." "$1/"
}

# need_strace_plain WHAT: skip the whole test unless strace can trace here
# and the binary is the plain build (the sanitizer runtime's own system
# calls would be hit too).
need_strace_plain() {
	if ! command -v strace >/dev/null 2>&1 ||
		! strace -f -qq -o /dev/null true 2>/dev/null; then
		echo "# SKIP: strace is missing or cannot trace here"
		echo "1..0"
		exit 0
	fi
	if [ "${ROADMAP_SANITIZED:-OFF}" = ON ]; then
		echo "# SKIP: $1 runs in the plain build, not under sanitizers"
		echo "1..0"
		exit 0
	fi
}

# write_base DIR: a repository with office o1 (ministry lgd) holding
# service s1, and an $EDITOR that appends a comment, for the write-path
# tests.
write_base() {
	"$ROADMAP" init "$1" --title T >/dev/null 2>&1
	"$ROADMAP" -C "$1" add-ministry lgd --name L >/dev/null 2>&1
	"$ROADMAP" -C "$1" add-office o1 --ministry lgd --name O >/dev/null 2>&1
	"$ROADMAP" -C "$1" add-service o1 --id s1 --name S1 >/dev/null 2>&1
	printf '#!/bin/sh\nprintf "# edited\\n" >>"$1"\n' >"$TMP/editor"
	chmod +x "$TMP/editor"
	export EDITOR=$TMP/editor
	export TMPDIR=$TMP/tmpdir
	mkdir -p "$TMPDIR"
}

finish() {
	echo "1..$TESTS_RUN"
	[ "$TESTS_FAILED" -eq 0 ] || { echo "# $TESTS_FAILED of $TESTS_RUN failed"; exit 1; }
	exit 0
}
