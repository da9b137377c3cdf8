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

# Skips.  A test that cannot run here exits 77, which ctest shows as
# "Skipped" (SKIP_RETURN_CODE in tests/CMakeLists.txt), never as "Passed".
# tests/run.sh all sets ROADMAP_NO_SKIP=1: there every tool is installed, so
# a skip for a missing tool is a failure.  A skip by design (a plain-build
# test under sanitizers, a root-only check run by another user) stays a skip.

# skip_all REASON: the whole test needs something this machine lacks.
skip_all() {
	echo "1..0 # SKIP $1"
	if [ "${ROADMAP_NO_SKIP:-0}" = 1 ]; then
		echo "# ROADMAP_NO_SKIP=1: tests/run.sh all needs this test to run"
		exit 1
	fi
	exit 77
}

# not_here REASON: the whole test does not apply to this build or user.
not_here() {
	echo "1..0 # SKIP $1"
	exit 77
}

# skip_part WHAT REASON: one part of a test needs something this machine
# lacks; a failure under ROADMAP_NO_SKIP=1.
skip_part() {
	if [ "${ROADMAP_NO_SKIP:-0}" = 1 ]; then
		fail "$1" "skipped: $2" "ROADMAP_NO_SKIP=1: tests/run.sh all needs it to run"
	else
		echo "# SKIP $1: $2"
	fi
}

# root_part_skipped WHAT: a part that runs only as root (with setpriv) did
# not run: by design for another user, a missing tool for root.
root_part_skipped() {
	if [ "$(id -u)" -eq 0 ]; then
		skip_part "$1" "setpriv (Debian util-linux) is missing"
	else
		echo "# SKIP $1: runs only as root"
	fi
}

# need_strace_plain WHAT: skip the whole test unless strace can trace here
# and the binary is the plain build (the sanitizer runtime's own system
# calls would be hit too).
need_strace_plain() {
	if ! command -v strace >/dev/null 2>&1 ||
		! strace -f -qq -o /dev/null true 2>/dev/null; then
		skip_all "strace is missing or cannot trace here (Debian package strace)"
	fi
	if [ "${ROADMAP_SANITIZED:-OFF}" = ON ]; then
		not_here "$1 runs in the plain build, not under sanitizers"
	fi
}

# as_nobody [SETPRIV-GROUP-OPTION]: set AS_NOBODY to a command prefix that
# runs the binary as uid/gid 65534 (root only, with setpriv; groups cleared
# unless an option such as --groups=3 is given), and NOBODY_ROADMAP to a copy of
# the binary that user can run: the clone may be readable by its owner only
# (a clone in /root or a mktemp -d directory).  Under memcheck the wrapper
# and the real binary are both copied.  Returns 1 when it cannot.
as_nobody() {
	[ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null &&
		setpriv --reuid=65534 --regid=65534 --clear-groups true 2>/dev/null ||
		return 1
	local groups=${1:---clear-groups} bin=$TMP/nobody-bin
	mkdir -p "$bin"
	chmod 0755 "$TMP" "$bin"
	cp "$ROADMAP" "$bin/roadmap-cmd"
	NOBODY_ROADMAP=$bin/roadmap-cmd
	AS_NOBODY=(setpriv --reuid=65534 --regid=65534 "$groups")
	if [ -n "${ROADMAP_REAL:-}" ]; then
		cp "$ROADMAP_REAL" "$bin/roadmap"
		AS_NOBODY+=(env "ROADMAP_REAL=$bin/roadmap")
	fi
	chmod 0755 "$bin"/*
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
