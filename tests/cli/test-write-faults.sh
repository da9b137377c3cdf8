# Fault injection on every system call of the write path: each call of
# each kind, in turn, fails with EIO (strace -e inject).  Whatever fails,
# the office stays byte-identical and no temporary file is left; once no
# call fails, the change is made.
. "$ROADMAP_SRC/tests/cli/lib.sh"

if ! command -v strace >/dev/null 2>&1 ||
	! strace -f -qq -o /dev/null true 2>/dev/null; then
	echo "# SKIP: strace is missing or cannot trace here"
	echo "1..0"
	exit 0
fi
if [ "${ROADMAP_SANITIZED:-OFF}" = ON ]; then
	# the sanitizer runtime's own system calls would fail too
	echo "# SKIP: fault injection runs in the plain build, not under sanitizers"
	echo "1..0"
	exit 0
fi

R=$TMP/repo
"$ROADMAP" init "$R" --title T >/dev/null 2>&1
"$ROADMAP" -C "$R" add-ministry lgd --name L >/dev/null 2>&1
"$ROADMAP" -C "$R" add-office o1 --ministry lgd --name O >/dev/null 2>&1
"$ROADMAP" -C "$R" add-service o1 --id s1 --name S1 >/dev/null 2>&1
F=$R/offices/lgd/o1.yaml
cp "$F" "$TMP/orig"
"$ROADMAP" -C "$R" plan o1 s1 --priority 1 >/dev/null 2>&1
cp "$F" "$TMP/want"
cp "$TMP/orig" "$F"

for sc in openat flock read newfstatat fchmod write fsync close rename; do
	# How many calls of this kind one run makes.
	strace -f -qq -o "$TMP/trace" -e trace="$sc" \
		"$ROADMAP" -C "$R" plan o1 s1 --priority 1 >/dev/null 2>&1
	cp "$TMP/orig" "$F"
	calls=$(grep -c "$sc(" "$TMP/trace")
	n=1 bad=0 named=0 failures=0
	while [ $n -le "$calls" ]; do
		strace -f -qq -o /dev/null -e trace="$sc" \
			-e inject="$sc:error=EIO:when=$n" \
			"$ROADMAP" -C "$R" plan o1 s1 --priority 1 \
			>/dev/null 2>"$TMP/err"
		rc=$?
		if [ $rc -eq 0 ]; then
			# a failure the tool may ignore (a library's close)
			cmp -s "$F" "$TMP/want" || bad=$((bad + 1))
		else
			failures=$((failures + 1))
			cmp -s "$F" "$TMP/orig" || bad=$((bad + 1))
			grep -q "o1.yaml" "$TMP/err" && named=$((named + 1))
		fi
		[ "$(ls -A "$R/offices/lgd")" = "o1.yaml" ] || bad=$((bad + 1))
		cp "$TMP/orig" "$F"
		n=$((n + 1))
	done
	expect_eq "$bad" 0 "$sc: $calls calls, $failures failed runs: the office untouched or fully changed, no temp file"
	[ "$failures" -gt 0 ] && pass "$sc: a failing call fails the command" ||
		fail "$sc: a failing call fails the command"
	case $sc in
	fchmod | write | fsync | rename)
		[ "$named" -gt 0 ] && pass "$sc: the message names the file" ||
			fail "$sc: the message names the file" "$(cat "$TMP/err")" ;;
	esac
done
"$ROADMAP" -C "$R" plan o1 s1 --priority 1 >/dev/null 2>&1
expect_same_file "$F" "$TMP/want" "without faults the change is made"
finish
