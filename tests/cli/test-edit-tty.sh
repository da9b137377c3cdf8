#!/usr/bin/env bash
# roadmap edit at a terminal, as visudo: an invalid save shows the
# problems and asks; (e)dit again reopens the editor on the same copy, and
# a fixed result is installed; (d)iscard leaves the file untouched; any
# other answer asks again, and the end of input keeps the copy.
. "$(dirname "$0")/lib.sh"

if ! command -v script >/dev/null 2>&1; then
	skip_all "script(1) is missing, no pseudo-terminal to test with (Debian bsdutils)"
fi

R=$TMP/repo
"$ROADMAP" init "$R" --title T >/dev/null 2>&1
"$ROADMAP" -C "$R" add-ministry lgd --name L >/dev/null 2>&1
"$ROADMAP" -C "$R" add-office o1 --ministry lgd --name O >/dev/null 2>&1
F=$R/offices/lgd/o1.yaml
cp "$F" "$TMP/orig"
export TMPDIR=$TMP/edtmp
mkdir -p "$TMPDIR"

# The editor breaks the file on its first run and mends it on the next.
cat >"$TMP/ed" <<ED
#!/bin/sh
n=\$(cat "$TMP/runs" 2>/dev/null || echo 0)
echo \$((n + 1)) >"$TMP/runs"
if [ "\$n" -eq 0 ]; then
	echo 'bogus: [' >>"\$1"
else
	sed -i '/^bogus/d; s/^services: \[\]\$/services:\n  - id: s1\n    name: Mended/' "\$1"
fi
ED
chmod +x "$TMP/ed"

# at_tty INPUT CMD...: run CMD on a pseudo-terminal, INPUT typed at it
at_tty() {
	local input=$1
	shift
	printf '%s' "$input" | EDITOR="$TMP/ed" script -qefc "$*" /dev/null \
		>"$TMP/tty.out" 2>&1
}

rm -f "$TMP/runs"
at_tty 'd
' "$ROADMAP" -C "$R" edit o1
rc=$?
expect_eq "$rc" 1 "discard after an invalid save exits 1"
expect_contains "$(cat "$TMP/tty.out")" "What now? (e)dit again, (d)iscard:" "the prompt is shown"
expect_contains "$(cat "$TMP/tty.out")" "error:" "the problems are shown"
expect_same_file "$F" "$TMP/orig" "discard leaves the file untouched"
expect_contains "$(cat "$TMP/tty.out")" "discarded the edit; the file is unchanged" "...and says so"
expect_eq "$(ls -A "$TMPDIR")" "" "discard removes the edited copy"

# a stray key asks again; only e or d decides
rm -f "$TMP/runs"
at_tty 'x
discard please
D
' "$ROADMAP" -C "$R" edit o1
rc=$?
expect_eq "$rc" 1 "stray answers, then D: exit 1"
expect_eq "$(grep -c 'What now?' "$TMP/tty.out")" 3 "...the prompt was asked three times"
expect_eq "$(grep -c 'Please answer e to edit again or d to discard.' "$TMP/tty.out")" 2 \
	"...each stray answer is told what to type"
expect_eq "$(cat "$TMP/runs")" 1 "...the editor ran once"
expect_same_file "$F" "$TMP/orig" "...the file is untouched"
expect_eq "$(ls -A "$TMPDIR")" "" "...and D discarded the copy"

# end of input at the prompt keeps the copy and says where
rm -f "$TMP/runs"
at_tty 'x
' "$ROADMAP" -C "$R" edit o1
rc=$?
expect_eq "$rc" 1 "end of input at the prompt: exit 1"
expect_contains "$(cat "$TMP/tty.out")" "error: nothing was written" "...nothing was written"
kept=$(sed -n "s/^hint: your version is kept in '\(.*\)'\r*$/\1/p" "$TMP/tty.out")
if [ -n "$kept" ] && grep -q '^bogus: \[' "$kept"; then
	pass "...the edited copy is kept at the path it prints"
else
	fail "...the edited copy is kept at the path it prints" "$(cat "$TMP/tty.out")"
fi
expect_same_file "$F" "$TMP/orig" "...the file is untouched"
rm -f "$kept"

rm -f "$TMP/runs"
at_tty 'e
' "$ROADMAP" -C "$R" edit o1
rc=$?
expect_eq "$rc" 0 "edit again, then a valid save, exits 0"
expect_eq "$(cat "$TMP/runs")" 2 "the editor ran twice"
expect_contains "$(cat "$TMP/tty.out")" "o1: edited" "...and it says so"
expect_contains "$(cat "$F")" "name: Mended" "the mended file is installed"
expect_not_contains "$(cat "$F")" "bogus" "nothing of the invalid save is installed"
run -C "$R" check o1
expect_rc 0 "the installed file is valid"
finish
