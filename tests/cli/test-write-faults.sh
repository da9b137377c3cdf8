# Fault injection on every system call of the write path of every writing
# command (init, add-ministry, add-office, add-service, plan, approve,
# workshop, edit): each call of each kind, in turn, fails with EIO
# (strace -e inject).  Whatever fails, the file is byte-identical (or, for
# a command that creates it, absent), no temporary file is left, the next
# write succeeds and `check` passes; once no call fails, the change is made.
# And every sync after the first fails (a disk that refuses every sync):
# the roll-back fails too, and the message says what the file holds.
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

# kept_copy: roadmap edit keeps the officer's edited copy when the file
# could not be replaced, and says where; remove the copy it names.
kept_copy() {
	local kept
	kept=$(sed -n "s/^hint: your version is kept in '\(.*\)'$/\1/p" "$TMP/err")
	[ -z "$kept" ] || rm -f "$kept"
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
	for sc in openat flock fchown fchmod flistxattr write fsync close rename renameat2 link mkdir; do
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
			kept_copy
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

# persistent NAME FILE -- CMD...: every fsync but the first fails (strace
# when=2+): the temporary file is synced and renamed, the directory sync
# fails, and so does the roll-back's own sync.  A file that was replaced
# holds the change, whole, and the message says so and how to see it; a
# file that was created is removed again.  Either way no temporary file is
# left, `check` passes and the next write works.
persistent() {
	local name=$1 file=$2 trace_f=-f
	shift 3
	[ "$1" = edit ] && trace_f=
	fresh
	[ -e "$R/$file" ] && cp "$R/$file" "$TMP/orig" || rm -f "$TMP/orig"
	"$ROADMAP" -C "$R" "$@" >/dev/null 2>&1 </dev/null
	cp "$R/$file" "$TMP/want"
	fresh
	strace $trace_f -qq -o /dev/null -e trace=fsync \
		-e inject=fsync:error=EIO:when=2+ \
		"$ROADMAP" -C "$R" "$@" >/dev/null 2>"$TMP/err" </dev/null
	RC=$? ERR=$(cat "$TMP/err")
	expect_rc 1 "$name: fsync fails from the 2nd call on: exit 1"
	expect_contains "$ERR" "$file: error: cannot sync its directory: Input/output error" \
		"$name: persistent fsync failure: the message names the file and the failure"
	if [ -f "$TMP/orig" ]; then
		expect_same_file "$R/$file" "$TMP/want" "$name: persistent fsync failure: the file holds the change, whole"
		expect_contains "$ERR" "the file holds the change" "$name: persistent fsync failure: the message says the file holds the change"
		expect_contains "$ERR" "'git diff' shows it" "$name: persistent fsync failure: the message says how to see it"
		expect_contains "$ERR" "'roadmap check'" "$name: persistent fsync failure: the message points to check"
	else
		[ ! -e "$R/$file" ] && pass "$name: persistent fsync failure: the new file is removed" ||
			fail "$name: persistent fsync failure: the new file is removed"
		expect_not_contains "$ERR" "holds the change" "$name: persistent fsync failure: no claim of a change"
	fi
	expect_eq "$(cd "$R" && find . -name '.*.??????' | sort)" "" "$name: persistent fsync failure: no temporary file is left"
	kept_copy
	expect_eq "$(ls -A "$TMPDIR")" "" "$name: persistent fsync failure: nothing left in TMPDIR but a copy the message names"
	rm -rf "${TMPDIR:?}"/*
	"$ROADMAP" -C "$R" check >/dev/null 2>&1 && pass "$name: persistent fsync failure: check passes" ||
		fail "$name: persistent fsync failure: check passes"
}

# The directory syncs fail (when=2+2) but the roll-back's own file sync
# works: the old file is put back and the command says only that the
# directory could not be synced.
rolled_back() {
	fresh
	cp "$R/offices/lgd/o1.yaml" "$TMP/orig"
	strace -f -qq -o /dev/null -e trace=fsync \
		-e inject=fsync:error=EIO:when=2+2 \
		"$ROADMAP" -C "$R" plan o1 s1 --priority 1 >/dev/null 2>"$TMP/err" </dev/null
	RC=$? ERR=$(cat "$TMP/err")
	expect_rc 1 "plan: the directory syncs fail, the roll-back works: exit 1"
	expect_same_file "$R/offices/lgd/o1.yaml" "$TMP/orig" "plan: the roll-back puts the file back byte for byte"
	expect_eq "$ERR" "offices/lgd/o1.yaml: error: cannot sync its directory: Input/output error" \
		"plan: the roll-back worked: the message is the plain failure"
}

# every_write_path RUNNER: RUNNER NAME FILE -- ARGS... for each writing
# command, FILE being the file it writes.
every_write_path() {
	"$1" init new/roadmap.yaml -- init new --title T
	"$1" add-ministry roadmap.yaml -- add-ministry mopa --name M
	"$1" add-office offices/lgd/o2.yaml -- add-office o2 --ministry lgd --name O2
	"$1" add-service offices/lgd/o1.yaml -- add-service o1 --id s2 --name S2
	"$1" plan offices/lgd/o1.yaml -- plan o1 s1 --priority 1
	"$1" approve offices/lgd/o1.yaml -- approve o1 --by Head --date 2020-01-01
	"$1" workshop offices/lgd/o1.yaml -- workshop o1 --kind design --date 2020-01-01
	"$1" edit offices/lgd/o1.yaml -- edit o1
}

every_write_path persistent
rolled_back
every_write_path fault
finish
