#!/usr/bin/env bash
# Every fixture in tests/fixtures/check/NAME.yaml is an office file with one
# class of error; NAME.err holds the exact first diagnostic `roadmap check`
# must print for it (the file at offices/lgd/NAME.yaml).  A fixture with
# NAME.warn instead is a valid file with one class of warning: check
# passes, and its first warning is NAME.warn.  NAME.hint, if present, is
# a hint check must print.
. "$(dirname "$0")/lib.sh"

FIX="$ROADMAP_SRC/tests/fixtures/check"
repo="$TMP/repo"
mkdir -p "$repo"
printf 'roadmap: 1\ntitle: Fixtures\nministries:\n  - id: lgd\n    name: Local Government Division\n' >"$repo/roadmap.yaml"

for f in "$FIX"/*.yaml; do
	name=$(basename "$f" .yaml)
	want="$FIX/$name.err" level=error rc=1
	if [ -f "$FIX/$name.warn" ]; then
		want="$FIX/$name.warn" level=warning rc=0
	fi
	if [ ! -f "$want" ]; then
		fail "$name: has an expected diagnostic" "missing $want"
		continue
	fi
	rm -rf "$repo/offices"
	mkdir -p "$repo/offices/lgd"
	cp "$f" "$repo/offices/lgd/$name.yaml"
	run -C "$repo" check
	expect_rc "$rc" "$name: check exits $rc"
	got=$(printf '%s\n' "$ERR" | grep -m1 ": $level: ")
	expect_eq "$got" "$(head -n1 "$want")" "$name: first diagnostic"
	if [ -f "$FIX/$name.hint" ]; then
		expect_contains "$ERR" "$(cat "$FIX/$name.hint")" "$name: hint"
	fi
	expect_same_file "$repo/offices/lgd/$name.yaml" "$f" "$name: file untouched"
done
finish
