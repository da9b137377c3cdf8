# roadmap edit: a valid result is installed, an invalid one never is, an
# unchanged one is not rewritten.
. "$ROADMAP_SRC/tests/cli/lib.sh"

R=$TMP/repo
"$ROADMAP" init "$R" --title T >/dev/null 2>&1
"$ROADMAP" -C "$R" add-ministry lgd --name L >/dev/null 2>&1
"$ROADMAP" -C "$R" add-office o1 --ministry lgd --name O >/dev/null 2>&1
F=$R/offices/lgd/o1.yaml
cp "$F" "$TMP/orig"
ino() { stat -c %i "$1"; }
export TMPDIR=$TMP/edtmp
mkdir -p "$TMPDIR"

cat >"$TMP/ed-valid" <<'ED'
#!/bin/sh
sed -i 's/^services: \[\]$/services:\n  - id: s1\n    name: From the editor/' "$1"
ED
cat >"$TMP/ed-noop" <<'ED'
#!/bin/sh
exit 0
ED
cat >"$TMP/ed-break" <<'ED'
#!/bin/sh
echo 'bogus: [' >>"$1"
ED
cat >"$TMP/ed-fail" <<'ED'
#!/bin/sh
echo 'bogus: 1' >>"$1"
exit 3
ED
chmod +x "$TMP"/ed-*

i=$(ino "$F")
EDITOR=$TMP/ed-noop run -C "$R" edit o1 </dev/null
expect_rc 0 "an unchanged file: exit 0"
expect_eq "$ERR" "o1: no changes" "...which it says"
expect_eq "$(ino "$F")" "$i" "an unchanged file is not rewritten"
EDITOR=$TMP/ed-noop run -C "$R" edit -q o1 </dev/null
expect_eq "$RC:$ERR" "0:" "edit -q says nothing of an unchanged file"

# kept: the path in "hint: your version is kept in 'PATH'"
kept() { printf '%s\n' "$ERR" | sed -n "s/^hint: your version is kept in '\(.*\)'$/\1/p"; }

EDITOR=$TMP/ed-break run -C "$R" edit o1 </dev/null
expect_rc 1 "an invalid result is refused"
expect_contains "$ERR" "o1.yaml:" "its problems are shown with their place"
expect_contains "$ERR" "o1.yaml: error: nothing was written" "...and that nothing was written"
expect_not_contains "$ERR" "discarded" "without a terminal the edit is not discarded"
k=$(kept)
if [ -n "$k" ] && [ -f "$k" ] && grep -q '^bogus: \[' "$k"; then
	pass "...the edited copy is kept, its path printed"
else
	fail "...the edited copy is kept, its path printed" "$ERR"
fi
expect_same_file "$F" "$TMP/orig" "the office is untouched"
rm -f "$k"

EDITOR=$TMP/ed-fail run -C "$R" edit o1 </dev/null
expect_rc 1 "a failing editor installs nothing"
expect_contains "$ERR" "o1.yaml: error: the editor '$TMP/ed-fail' failed; nothing was written" "...and says so"
k=$(kept)
if [ -n "$k" ] && grep -q '^bogus: 1' "$k"; then
	pass "...keeping what it changed in the copy"
else
	fail "...keeping what it changed in the copy" "$ERR"
fi
expect_same_file "$F" "$TMP/orig" "the office is untouched"
rm -f "$k"

VISUAL=$TMP/ed-valid EDITOR=$TMP/ed-break run -C "$R" edit o1 </dev/null
expect_rc 0 "a valid result is installed (\$VISUAL first)"
expect_eq "$ERR" "o1: edited" "...which it says in one line"
expect_contains "$(cat "$F")" "name: From the editor" "with the edit"
run -C "$R" check
expect_rc 0 "the result is valid"
expect_eq "$(ls -A "$R/offices/lgd")" "o1.yaml" "no temporary file is left in the repository"
expect_eq "$(ls -A "$TMPDIR")" "" "every editing copy is removed"

run -C "$R" edit nope
expect_rc 1 "an unknown office is refused"
run -C "$R" edit
expect_rc 2 "edit without OFFICE is a usage error"
finish
