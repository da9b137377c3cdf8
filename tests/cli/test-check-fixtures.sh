#!/usr/bin/env bash
# Every fixture in tests/fixtures/check/NAME.yaml is an office file with one
# class of error; NAME.err holds the exact first diagnostic `roadmap check`
# must print for it (the file at offices/lgd/NAME.yaml).
. "$(dirname "$0")/lib.sh"

FIX="$ROADMAP_SRC/tests/fixtures/check"
repo="$TMP/repo"
mkdir -p "$repo"
printf 'roadmap: 1\ntitle: Fixtures\nministries:\n  - id: lgd\n    name: Local Government Division\n' >"$repo/roadmap.yaml"

for f in "$FIX"/*.yaml; do
	name=$(basename "$f" .yaml)
	want="$FIX/$name.err"
	if [ ! -f "$want" ]; then
		fail "$name: has an expected diagnostic" "missing $want"
		continue
	fi
	rm -rf "$repo/offices"
	mkdir -p "$repo/offices/lgd"
	cp "$f" "$repo/offices/lgd/$name.yaml"
	run -C "$repo" check
	expect_rc 1 "$name: check fails"
	got=$(printf '%s\n' "$ERR" | grep -m1 ': error: ')
	expect_eq "$got" "$(head -n1 "$want")" "$name: first diagnostic"
	if [ -f "$FIX/$name.hint" ]; then
		expect_contains "$ERR" "$(cat "$FIX/$name.hint")" "$name: hint"
	fi
	expect_same_file "$repo/offices/lgd/$name.yaml" "$f" "$name: file untouched"
done
finish
