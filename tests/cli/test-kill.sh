# SIGKILL at every system call that touches the file system, of every
# writing command (strace -e inject=NAME:signal=SIGKILL:when=K, for the
# K-th call of each NAME in turn): the process dies as it enters the call,
# before the call takes effect, with no chance to clean up.  Afterwards the file is either the original
# or the whole new version (never a mix, never empty), anything left
# behind is only a hidden temporary file that is never read as an office,
# the next writer is not blocked, and `check` passes.  Killed at the
# rename, the original is there; at the call after it, the new file.
. "$ROADMAP_SRC/tests/cli/lib.sh"

need_strace_plain "kill injection"

# The repository every run starts from.
BASE=$TMP/base
write_base "$BASE"

# The calls that touch the file system (the others, mmap and the like,
# cannot leave anything behind).
KINDS='openat|open|read|write|close|fstat|newfstatat|lseek|flock|fchmod|fsync|fdatasync|rename|renameat|renameat2|link|linkat|unlink|unlinkat|mkdir|mkdirat|getdents64|exit_group'

R=$TMP/repo
fresh() { rm -rf "$R" && cp -a "$BASE" "$R"; }
listing() { (cd "$R" && find . | sort); }

# leftovers_ok BEFORE FILE [WHOLE]: what was added since BEFORE is only FILE,
# hidden temporary files (".NAME.XXXXXX", not ending in .yaml) and
# directories without other files; nothing was removed.  WHOLE, a copy of
# the repository after the complete run: the other files that run makes
# (init's schemas, editor settings and .yamllint) may be there, whole, or
# their temporary files.
leftovers_ok() {
	local x t
	for x in $(comm -13 <(printf '%s\n' "$1") <(listing)); do
		x=${x#./}
		[ "$x" = "$2" ] && continue
		if [ -n "${3:-}" ]; then
			[ -d "$3/$x" ] && [ -d "$R/$x" ] && continue
			[ -f "$3/$x" ] && cmp -s "$R/$x" "$3/$x" && continue
			t=$(basename "$x")
			t=${t#.}
			case $t in
			*.??????) [ -f "$3/$(dirname "$x")/${t%.??????}" ] && continue ;;
			esac
		fi
		case $(basename "$x") in
		.*.yaml.??????) [ -f "$R/$x" ] && continue ;;
		esac
		[ -d "$R/$x" ] &&
			[ -z "$(find "$R/$x" ! -type d ! -name '.*.yaml.??????' ! -path "$R/$2")" ] &&
			continue
		return 1
	done
	[ -z "$(comm -23 <(printf '%s\n' "$1") <(listing))" ]
}

# kill_each NAME FILE NEXT -- CMD...: FILE (relative to the repository) is
# what CMD writes; NEXT is another write to the same directory, run after
# each kill (it must not be blocked).
kill_each() {
	local name=$1 file=$2 next=$3
	shift 4
	local trace_f=-f calls n bad=0 old=0 new=0 kill_rename=x kill_after=x
	[ "$1" = edit ] && trace_f=
	fresh
	[ -e "$R/$file" ] && cp "$R/$file" "$TMP/orig" || rm -f "$TMP/orig"
	local before
	before=$(listing)
	strace $trace_f -qq -o "$TMP/trace" "$ROADMAP" -C "$R" "$@" \
		>/dev/null 2>"$TMP/err" </dev/null ||
		{ fail "$name: runs under strace" "$(cat "$TMP/err")"; return; }
	cp "$R/$file" "$TMP/want"
	rm -rf "$TMP/whole" && cp -a "$R" "$TMP/whole"
	# Each call that touches the file system, in order, as "NAME K" (the
	# K-th call of NAME; strace counts "when" per system call).
	awk -v re="^($KINDS)\\(" '{ sub(/^[0-9]+ +/, "") }
		$0 ~ re { name = $0; sub(/\(.*/, "", name); k[name]++
			print name, k[name], ($0 ~ /\.yaml"[,)]/ && name ~ /^(rename|renameat2|link)$/) }' \
		"$TMP/trace" >"$TMP/calls"
	calls=$(wc -l <"$TMP/calls")
	local sc k installs prev=
	while read -r sc k installs; do
		fresh
		# (in a subshell, so that bash's "Killed" notice goes nowhere)
		(strace $trace_f -qq -o /dev/null \
			-e trace="$sc" -e inject="$sc":signal=SIGKILL:when="$k" \
			"$ROADMAP" -C "$R" "$@" >/dev/null 2>&1 </dev/null
		true) 2>/dev/null
		local state=bad
		if [ -f "$TMP/orig" ] && cmp -s "$R/$file" "$TMP/orig"; then
			state=old
		elif [ ! -f "$TMP/orig" ] && [ ! -e "$R/$file" ]; then
			state=old
		elif cmp -s "$R/$file" "$TMP/want"; then
			state=new
		fi
		case $state in
		old) old=$((old + 1)) ;;
		new) new=$((new + 1)) ;;
		*) bad=$((bad + 1))
			echo "# $name: killed at $sc #$k: the file is neither old nor new" ;;
		esac
		[ "$prev" = 1 ] && kill_after=$state
		[ "$installs" = 1 ] && kill_rename=$state
		prev=$installs
		leftovers_ok "$before" "$file" "$TMP/whole" ||
			{ bad=$((bad + 1)); echo "# $name: killed at $sc #$k: left $(comm -13 <(printf '%s\n' "$before") <(listing) | tr '\n' ' ')"; }
		# shellcheck disable=SC2086
		"$ROADMAP" -C "$R" $next >/dev/null 2>"$TMP/err" </dev/null ||
			{ bad=$((bad + 1)); echo "# $name: killed at $sc #$k: the next write failed: $(head -n 1 "$TMP/err")"; }
		"$ROADMAP" -C "$R" check >/dev/null 2>"$TMP/err" ||
			{ bad=$((bad + 1)); echo "# $name: killed at $sc #$k: check failed: $(head -n 1 "$TMP/err")"; }
		rm -rf "${TMPDIR:?}"/*
	done <"$TMP/calls"
	expect_eq "$bad" 0 "$name: killed at each of $calls calls: the file old ($old) or new ($new), never a mix; the next write works; check passes"
	expect_eq "$kill_rename" old "$name: killed at the rename: the original is intact"
	expect_eq "$kill_after" new "$name: killed at the call after the rename: the new file is whole"
}

OFFICE=offices/lgd/o1.yaml
NEXT_OFFICE="workshop o1 --kind roadmap --date 2021-01-01"
kill_each add-service $OFFICE "$NEXT_OFFICE" -- add-service o1 --id s2 --name S2
kill_each plan $OFFICE "$NEXT_OFFICE" -- plan o1 s1 --priority 1 --status planned --date 2020-01-01
kill_each approve $OFFICE "$NEXT_OFFICE" -- approve o1 --by Head --date 2020-01-01
kill_each workshop $OFFICE "add-service o1 --id s9 --name S9" -- workshop o1 --kind design --date 2020-01-01
kill_each edit $OFFICE "$NEXT_OFFICE" -- edit o1
kill_each add-office offices/lgd/o2.yaml "$NEXT_OFFICE" -- add-office o2 --ministry lgd --name O2
kill_each add-ministry roadmap.yaml "add-ministry zz --name Z" -- add-ministry mopa --name M
kill_each init new/roadmap.yaml "add-ministry zz --name Z" -- init new --title T
finish
