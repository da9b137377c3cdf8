# Hostile input: ids on the command line that try to leave the repository,
# office files that are links, directories or unreadable, huge and deeply
# nested files, invalid UTF-8 in every kind of place, terminal escapes in
# names.  Every case gets a clear error (or the behaviour roadmap(5)
# documents under RELIABILITY) and nothing is written anywhere.
. "$ROADMAP_SRC/tests/cli/lib.sh"

ESC=$(printf '\033')
R=$TMP/repo
OUTSIDE=$TMP/outside
new_repo "$R"
mkdir -p "$OUTSIDE"

# snapshot: every path below $TMP (but the captured output) with a digest
# of each file, its mode and its link target.
snapshot() {
	(cd "$TMP" && find . -mindepth 1 \( -name .out -o -name .err \) -prune -o \
		-printf '%p %y %m %l\n' | sort
	cd "$TMP" && find . -type f ! -name .out ! -name .err -print0 |
		sort -z | xargs -0 sha256sum)
}

# refused WHAT CMD...: the command fails (1 or 2), prints an error, names no
# raw ESC, and nothing below $TMP (the repository and beside it) changed.
refused() {
	local what=$1 before
	shift
	before=$(snapshot)
	run -C "$R" "$@"
	if [ "$RC" -ne 1 ] && [ "$RC" -ne 2 ]; then
		fail "$what: refused" "exit $RC" "stderr: $ERR"
		return
	fi
	if [ -z "$ERR" ]; then
		fail "$what: refused with a message" "no message"
		return
	fi
	case "$ERR$OUT" in
	*"$ESC"*) fail "$what: no raw ESC in the output" "$(printf '%s' "$ERR" | cat -v)"
		return ;;
	esac
	if [ "$(snapshot)" != "$before" ]; then
		fail "$what: nothing written" "$(diff <(echo "$before") <(snapshot) | head -n 10)"
		return
	fi
	[ ! -e /x.yaml ] && [ ! -e "$R/../x.yaml" ] && [ ! -e "$R/offices/x.yaml" ] ||
		{ fail "$what: no file outside the repository"; return; }
	pass "$what: refused, nothing written"
}

# ---- ids that try to escape the repository, for every command taking one ----
BAD_IDS=("../x" "a/b" "$OUTSIDE/x" "/x" "ABC" "$(printf 'a%.0s' {1..41})"
	"" "a b" "x.yaml" ".x" "${ESC}[31m" "x${ESC}]0;pwned${ESC}\\" "é")
n=0
for id in "${BAD_IDS[@]}"; do
	n=$((n + 1))
	refused "add-office id #$n" add-office "$id" --ministry lgd --name N
	refused "add-office --ministry #$n" add-office okid --ministry "$id" --name N
	refused "add-ministry id #$n" add-ministry "$id" --name N
	refused "add-service office #$n" add-service "$id" --name N
	refused "add-service --id #$n" add-service lged --id "$id" --name N
	refused "plan office #$n" plan "$id" x --priority 1
	refused "plan service #$n" plan lged "$id" --priority 1
	refused "approve office #$n" approve "$id" --by X --date 2020-01-01
	refused "workshop office #$n" workshop "$id" --kind design --date 2020-01-01
	EDITOR="touch $OUTSIDE/editor-ran" refused "edit office #$n" edit "$id"
	refused "check office #$n" check "$id"
done
# A leading '-' is an option unless it follows "--": refused either way.
for cmd in "add-office --ministry lgd --name N" "add-ministry --name N" \
	"add-service lged --name N --id" "plan lged" "approve --by X --date 2020-01-01" \
	"workshop --kind design --date 2020-01-01" "edit" "check"; do
	# shellcheck disable=SC2086
	refused "${cmd%% *}: id '-x'" $cmd -x
	# shellcheck disable=SC2086
	refused "${cmd%% *}: id '-x' after --" $cmd -- -x
done
[ ! -e "$OUTSIDE/editor-ran" ] && pass "edit never started the editor for a bad id" ||
	fail "edit never started the editor for a bad id"

# ---- terminal escapes in option values: refused, echoed escaped ----------
refused "add-service --name with ESC" add-service lged --name "x${ESC}[2J"
refused "add-service --recipients with ESC" add-service lged --name N --recipients "${ESC}[2J"
refused "plan --status with ESC" plan lged contractor-enlistment --status "${ESC}[2J"
refused "plan --note with ESC" plan lged contractor-enlistment --status live --note "${ESC}[2J"
refused "workshop --kind with ESC" workshop lged --kind "${ESC}[2J" --date 2020-01-01
refused "approve --date with ESC" approve lged --by X --date "${ESC}[2J"
refused "approve --by with ESC" approve lged --by "${ESC}[2J" --date 2020-01-01
refused "add-service --days with ESC" add-service lged --name N --days "${ESC}[2J"
refused "unknown option with ESC" check "--${ESC}[2J"
refused "unknown command with ESC" "${ESC}[2J"

# ---- every text option of every writer refuses every kind of control ----
n=0
for bad in $'\a' $'\x7f' $'\u0085' $'\u009b' $'\x01'; do
	n=$((n + 1))
	refused "init --title control #$n" init "$TMP/new" --title "T${bad}"
	refused "init --title-bn control #$n" init "$TMP/new" --title T --title-bn "T${bad}"
	refused "add-ministry --name control #$n" add-ministry newm --name "M${bad}"
	refused "add-ministry --name-bn control #$n" add-ministry newm --name M --name-bn "M${bad}"
	refused "add-office --name control #$n" add-office newo --ministry lgd --name "O${bad}"
	refused "add-office --name-bn control #$n" add-office newo --ministry lgd --name O --name-bn "O${bad}"
	refused "add-office --head control #$n" add-office newo --ministry lgd --name O --head "H${bad}"
	refused "add-service --name control #$n" add-service lged --name "S${bad}"
	refused "add-service --name-bn control #$n" add-service lged --name S --name-bn "S${bad}"
	refused "plan --note control #$n" plan lged contractor-enlistment --status live --note "N${bad}"
	refused "approve --by control #$n" approve lged --by "B${bad}" --date 2020-01-01
	refused "approve --memo control #$n" approve lged --by B --date 2020-01-01 --memo "M${bad}"
done

# ---- office files that are not plain files in the repository --------------
E=$TMP/evil
new_repo "$E"
printf 'roadmap: 1\noffice:\n  id: evil\n  name: E\n  ministry: lgd\n' >"$OUTSIDE/evil.yaml"
cp "$OUTSIDE/evil.yaml" "$TMP/evil.orig"
ln -s "$OUTSIDE/evil.yaml" "$E/offices/lgd/evil.yaml"
run -C "$E" check
expect_rc 1 "check: an office that is a symlink is an error"
expect_contains "$ERR" "offices/lgd/evil.yaml: error: is a symbolic link" "check: the link is named"
for c in "add-service evil --name X" "plan evil x --priority 1" \
	"approve evil --by X --date 2020-01-01" \
	"workshop evil --kind design --date 2020-01-01"; do
	# shellcheck disable=SC2086
	run -C "$E" $c
	expect_rc 1 "${c%% *} through a symlink: refused"
done
expect_same_file "$OUTSIDE/evil.yaml" "$TMP/evil.orig" "the link's target outside the repository is untouched"
[ -L "$E/offices/lgd/evil.yaml" ] && pass "the link itself is left as it was" ||
	fail "the link itself is left as it was"
rm "$E/offices/lgd/evil.yaml"

# A directory named like an office is a directory: searched, not read.
mkdir -p "$E/offices/lgd/dir.yaml"
run -C "$E" check
expect_rc 0 "check: a directory named dir.yaml is not an office"
run -C "$E" add-office dir --ministry lgd --name D
expect_rc 1 "add-office over a directory named dir.yaml: refused"
[ -d "$E/offices/lgd/dir.yaml" ] && [ -z "$(ls -A "$E/offices/lgd/dir.yaml")" ] &&
	pass "the directory is left as it was" || fail "the directory is left as it was"
printf 'roadmap: 1\noffice:\n  id: deep\n  name: D\n  ministry: lgd\n' >"$E/offices/lgd/dir.yaml/deep.yaml"
run -C "$E" add-service deep --name "Found at depth"
expect_rc 0 "an office inside a directory named dir.yaml is found (any depth)"
rm -rf "$E/offices/lgd/dir.yaml"

# An unreadable office: root reads everything, so drop to nobody.
U=$TMP/unreadable
new_repo "$U"
chmod 000 "$U/offices/lgd/bcc.yaml"
RUN_AS=()
U_ROADMAP=$ROADMAP
can=yes
if [ "$(id -u)" -eq 0 ]; then
	if as_nobody; then
		RUN_AS=("${AS_NOBODY[@]}")
		U_ROADMAP=$NOBODY_ROADMAP
		chmod -R a+rX "$U"
		chmod 000 "$U/offices/lgd/bcc.yaml"
	else
		can=no
	fi
fi
if [ $can = no ]; then
	skip_part "an unreadable office" "root without setpriv cannot make a file unreadable"
else
	"${RUN_AS[@]}" "$U_ROADMAP" -C "$U" check >"$TMP/.out" 2>"$TMP/.err"
	RC=$?
	ERR=$(cat "$TMP/.err")
	expect_rc 1 "check: an unreadable office is an error"
	expect_contains "$ERR" "offices/lgd/bcc.yaml: error: cannot read: Permission denied" \
		"check: the unreadable file is named with the reason"
	expect_contains "$ERR" "21 offices checked" "check: the other offices are still checked"
	"${RUN_AS[@]}" "$U_ROADMAP" -C "$U" add-service bcc --name X >"$TMP/.out" 2>"$TMP/.err"
	RC=$?
	expect_rc 1 "add-service on an unreadable office: refused"
	chmod 644 "$U/offices/lgd/bcc.yaml"
	expect_same_file "$U/offices/lgd/bcc.yaml" "$ROADMAP_SRC/data/offices/lgd/bcc.yaml" \
		"the unreadable office is untouched"
	chmod 700 "$TMP"
fi

# A repository with no offices: valid, empty.
Z=$TMP/empty
"$ROADMAP" init "$Z" --title T >/dev/null 2>&1
run -C "$Z" check
expect_rc 0 "check: a repository with no offices is valid"
expect_contains "$ERR$OUT" "0 offices checked" "check: says it checked no office"
run -C "$Z" add-service x --name Y
expect_rc 1 "add-service in a repository with no offices: refused"
expect_contains "$ERR" "no office 'x'" "add-service: says there is no such office"

# ---- hostile file contents -------------------------------------------------
F=$TMP/files
mkdir -p "$F/offices/lgd"
printf 'roadmap: 1\ntitle: T\nministries:\n  - id: lgd\n    name: L\n' >"$F/roadmap.yaml"
HEAD='roadmap: 1\noffice:\n  id: o\n  name: O\n  ministry: lgd\n'
O=$F/offices/lgd/o.yaml

# with_body WHAT RC MESSAGE: stdin is appended to an office head; check
# exits RC within 20 s with MESSAGE (if any) and leaves the file as it was.
with_body() {
	printf "$HEAD" >"$O"
	cat >>"$O"
	cp "$O" "$TMP/body.orig"
	SECONDS=0
	run -C "$F" check
	local took=$SECONDS
	expect_rc "$2" "$1: check exits $2"
	[ -n "$3" ] && expect_contains "$ERR" "$3" "$1: $3"
	[ "$took" -le 20 ] && pass "$1: done in ${took}s" || fail "$1: done in ${took}s"
	case "$ERR$OUT" in
	*"$ESC"*) fail "$1: no raw ESC in the output" ;;
	*) pass "$1: no raw ESC in the output" ;;
	esac
	[ "${#ERR}" -le 4096 ] && pass "$1: the message is short (${#ERR} bytes)" ||
		fail "$1: the message is short (${#ERR} bytes)"
	expect_same_file "$O" "$TMP/body.orig" "$1: file untouched"
}

with_body "a 1 MiB name on one line" 1 "o.yaml:8:9: error: 'name' is too long: 1048576 characters, at most 32767" < <(python3 -c "print('services:\n- id: a\n  name: ' + 'x' * (1 << 20))")
with_body "a 4 MiB ignored scalar" 0 "" < <(python3 -c "print('  x-long: ' + 'y' * (4 << 20))")
with_body "a 100,000-character key" 1 "o.yaml:6:" < <(python3 -c "print('  x-' + 'k' * 100000 + ': 1')")
with_body "a 9 MiB file" 1 "larger than 8 MiB" < <(python3 -c "print('services:\n- id: a\n  name: x\n# ' + 'c' * (9 << 20))")
with_body "100,000 nested flow sequences" 1 "nesting is deeper than 32 levels" < <(python3 -c "print('x-deep: ' + '[' * 100000 + ']' * 100000)")
with_body "5,000 nested flow mappings" 1 "nesting is deeper than 32 levels" < <(python3 -c "print('x-deep: ' + '{a: ' * 5000 + '1' + '}' * 5000)")
with_body "2,000 nested block mappings" 1 "nesting is deeper than 32 levels" < <(python3 -c "print('x-deep:\n' + ''.join(' ' * (2 * i + 2) + 'k%d:\n' % i for i in range(2000)))")
with_body "2,000 nested block sequences" 1 "nesting is deeper than 32 levels" < <(python3 -c "print('x-deep:\n' + ''.join(' ' * (2 * i + 2) + '-\n' for i in range(2000)))")
with_body "100,000 services" 0 "" < <(python3 -c "print('services:\n' + ''.join('- id: s%d\n  name: S\n' % i for i in range(100000)))")
with_body "escapes in a quoted name" 1 "o.yaml:8:9: error: 'name' holds a control character (U+001B)" < <(printf 'services:\n- id: a\n  name: "x\\e[2J\\e]0;t\\a"\n')
with_body "a BEL in a quoted head" 1 "o.yaml:6:9: error: 'head' holds a control character (U+0007)" < <(printf '  head: "x\\a"\n')
with_body "an escaped C1 control in a name" 1 "'name' holds a control character (U+009B)" < <(printf 'services:\n- id: a\n  name: "x\\u009b2J"\n')
with_body "an escaped DEL in a note" 1 "o.yaml:14:13: error: 'note' holds a control character (U+007F)" < <(printf 'services:\n- id: a\n  name: S\n  plan:\n    priority: 1\n    history:\n    - date: 2020-01-01\n      status: planned\n      note: "x\\x7f"\n')
with_body "a tab in a quoted name" 0 "" < <(printf 'services:\n- id: a\n  name: "x\\ty"\n')
# Such a file never reaches a report, in any format: no raw ESC or BEL.
printf "$HEAD" >"$O"
printf 'services:\n- id: a\n  name: "x\\e[2J\\e]0;t\\a"\n' >>"$O"
for fmt in csv tsv json table; do
	run -C "$F" report services --format "$fmt"
	expect_rc 1 "report --format $fmt: an office with ESC and BEL in a name fails"
	case "$OUT$ERR" in
	*"$ESC"* | *$'\a'*) fail "report --format $fmt: no raw ESC or BEL in the output" ;;
	*) pass "report --format $fmt: no raw ESC or BEL in the output" ;;
	esac
	run -C "$F" report services --format "$fmt" --keep-going
	expect_not_contains "$OUT" "[2J" "report --format $fmt --keep-going: the office is left out"
done
with_body "a raw ESC in a key" 1 "control character U+001B" < <(printf '  x-k\033[2J: 1\n')
with_body "an escaped ESC in a key" 1 "unknown key 'x\\x1b[2J'" < <(printf '  "x\\e[2J": 1\n')
with_body "an escaped ESC in an id" 1 "invalid service id 'a\\x1b[31m'" < <(printf 'services:\n- id: "a\\e[31m"\n  name: x\n')

# invalid UTF-8, by place and by kind (the position is the bad byte's)
with_body "invalid UTF-8 in a key" 1 "o.yaml:6:6: error: invalid UTF-8" < <(printf '  x-k\377: 1\n')
with_body "invalid UTF-8 in a plain value" 1 "o.yaml:6:9: error: invalid UTF-8" < <(printf '  x-k: v\200\n')
with_body "invalid UTF-8 in a comment" 1 "o.yaml:6:6: error: invalid UTF-8" < <(printf '  # c\351 x\n')
with_body "invalid UTF-8 in a quoted scalar" 1 "o.yaml:6:10: error: invalid UTF-8" < <(printf '  x-k: "a\303"\n')
with_body "invalid UTF-8 in a single-quoted scalar" 1 "o.yaml:6:10: error: invalid UTF-8" < <(printf "  x-k: 'a\303'\n")
with_body "invalid UTF-8 in a block scalar" 1 "o.yaml:7:9: error: invalid UTF-8" < <(printf '  x-k: |\n    line\376\n')
with_body "an overlong 2-byte encoding" 1 "o.yaml:6:8: error: invalid UTF-8" < <(printf '  x-k: \300\257\n')
with_body "an overlong 3-byte encoding" 1 "o.yaml:6:8: error: invalid UTF-8" < <(printf '  x-k: \340\200\257\n')
with_body "an encoded surrogate" 1 "o.yaml:6:8: error: invalid UTF-8" < <(printf '  x-k: \355\240\200\n')
with_body "a code point above U+10FFFF" 1 "o.yaml:6:8: error: invalid UTF-8" < <(printf '  x-k: \364\220\200\200\n')
with_body "an escaped surrogate" 1 "o.yaml:6:" < <(printf '  x-k: "\\ud800"\n')

finish
