# Fault injection on every system call of the write path of every writing
# command (init, add-ministry, add-office, add-service, plan, approve,
# workshop, edit): each call of each kind, in turn, fails with EIO
# (strace -e inject).  Whatever fails, the file is byte-identical (or, for
# a command that creates it, absent), no temporary file is left, the next
# write succeeds and `check` passes; once no call fails, the change is made.
. "$ROADMAP_SRC/tests/cli/lib.sh"

need_strace_plain "fault injection"

# The repository every run starts from.
BASE=$TMP/base
write_base "$BASE"

R=$TMP/repo
fresh() { rm -rf "$R" && cp -a "$BASE" "$R"; }
listing() { (cd "$R" && find . | sort); }

# only_empty_dirs_added BEFORE: the repository holds what BEFORE lists,
# plus at most directories without files (init may leave the directories
# it made).
only_empty_dirs_added() {
	local x
	for x in $(comm -13 <(printf '%s\n' "$1") <(listing)); do
		[ -d "$R/$x" ] && [ -z "$(find "$R/$x" ! -type d)" ] || return 1
	done
	[ -z "$(comm -23 <(printf '%s\n' "$1") <(listing))" ]
}

# fault NAME FILE -- CMD...: FILE (relative to the repository) is what CMD
# writes; inject every failure of the write path into CMD.
fault() {
	local name=$1 file=$2
	shift 3
	local sc calls n rc bad failures named trace_f=-f
	# edit runs the editor in a child, which must not fail: trace only
	# the roadmap process itself.
	[ "$1" = edit ] && trace_f=
	fresh
	[ -e "$R/$file" ] && cp "$R/$file" "$TMP/orig" || rm -f "$TMP/orig"
	local before
	before=$(listing)
	"$ROADMAP" -C "$R" "$@" >/dev/null 2>"$TMP/err" </dev/null ||
		{ fail "$name: runs without faults" "$(cat "$TMP/err")"; return; }
	cp "$R/$file" "$TMP/want"
	local after
	after=$(listing)
	for sc in openat flock fchmod write fsync close rename renameat2 link mkdir; do
		fresh
		strace $trace_f -qq -o "$TMP/trace" -e trace="$sc" \
			"$ROADMAP" -C "$R" "$@" >/dev/null 2>&1 </dev/null
		calls=$(grep -c "^[0-9 ]*$sc(" "$TMP/trace")
		[ "$calls" -gt 0 ] || continue
		n=1 bad=0 named=0 failures=0
		while [ "$n" -le "$calls" ]; do
			fresh
			strace $trace_f -qq -o /dev/null -e trace="$sc" \
				-e inject="$sc:error=EIO:when=$n" \
				"$ROADMAP" -C "$R" "$@" >/dev/null 2>"$TMP/err" </dev/null
			rc=$?
			if [ $rc -eq 0 ]; then
				# a failure the tool may ignore (a library's close)
				cmp -s "$R/$file" "$TMP/want" || bad=$((bad + 1))
				[ "$(listing)" = "$after" ] || bad=$((bad + 1))
			elif grep -q "cannot write output" "$TMP/err"; then
				# stdout failed after the change was made: exit 1 and
				# say so; the change stands, whole
				failures=$((failures + 1))
				cmp -s "$R/$file" "$TMP/want" || bad=$((bad + 1))
				[ "$(listing)" = "$after" ] || bad=$((bad + 1))
			else
				failures=$((failures + 1))
				if [ -f "$TMP/orig" ]; then
					cmp -s "$R/$file" "$TMP/orig" || bad=$((bad + 1))
				else
					[ ! -e "$R/$file" ] || bad=$((bad + 1))
				fi
				only_empty_dirs_added "$before" || bad=$((bad + 1))
				grep -q "$(basename "$file")" "$TMP/err" && named=$((named + 1))
				# the next writer is not blocked, and the result is valid
				"$ROADMAP" -C "$R" "$@" >/dev/null 2>&1 </dev/null &&
					cmp -s "$R/$file" "$TMP/want" || bad=$((bad + 1))
				"$ROADMAP" -C "$R" check >/dev/null 2>&1 || bad=$((bad + 1))
			fi
			[ -z "$(ls -A "$TMPDIR")" ] || { bad=$((bad + 1)); rm -rf "${TMPDIR:?}"/*; }
			n=$((n + 1))
		done
		expect_eq "$bad" 0 "$name: $sc: $calls calls, $failures failed runs: the file untouched or fully changed, no temp file, the next write works"
		case $sc in
		write | fsync | rename | renameat2)
			[ "$failures" -gt 0 ] && pass "$name: $sc: a failing call fails the command" ||
				fail "$name: $sc: a failing call fails the command"
			[ "$named" -gt 0 ] && pass "$name: $sc: the message names the file" ||
				fail "$name: $sc: the message names the file" "$(cat "$TMP/err")" ;;
		esac
	done
}

fault init new/roadmap.yaml -- init new --title T
fault add-ministry roadmap.yaml -- add-ministry mopa --name M
fault add-office offices/lgd/o2.yaml -- add-office o2 --ministry lgd --name O2
fault add-service offices/lgd/o1.yaml -- add-service o1 --id s2 --name S2
fault plan offices/lgd/o1.yaml -- plan o1 s1 --priority 1
fault approve offices/lgd/o1.yaml -- approve o1 --by Head --date 2020-01-01
fault workshop offices/lgd/o1.yaml -- workshop o1 --kind design --date 2020-01-01
fault edit offices/lgd/o1.yaml -- edit o1
finish
