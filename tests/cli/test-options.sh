#!/usr/bin/env bash
# Options, parsed the same way by every command (one table each): anywhere
# before '--' (after operands too), --name=value and --name value, any
# unambiguous prefix of a long name; an ambiguous prefix or an unknown
# option is a usage error with the usage.
. "$(dirname "$0")/lib.sh"

R=$TMP/repo
write_base "$R"

# ---- options after the office id --------------------------------------
run -C "$R" check o1
expect_rc 0 "check o1 passes"
expect_contains "$ERR" "1 office checked" "check o1 prints the count"
run -C "$R" check o1 -q
expect_rc 0 "check OFFICE -q: -q after the office is taken"
expect_eq "$ERR" "" "check OFFICE -q: ...and keeps check quiet"
run -C "$R" check o1 --quiet
expect_eq "$RC:$ERR" "0:" "check OFFICE --quiet"
run -C "$R" check -- -q
expect_rc 1 "check -- -q: after '--' -q is an office id"
expect_contains "$ERR" "no office '-q'" "...which check looks for"

# ---- one abbreviation rule ----------------------------------------------
# a prefix that names one option is taken, by every command alike
run -C "$R" plan o1 s1 --prio 2 --target-d 3
expect_rc 0 "plan --prio and --target-d, unambiguous prefixes, are taken"
expect_contains "$(cat "$R/offices/lgd/o1.yaml")" "priority: 2" "...--prio set the priority"
expect_contains "$(cat "$R/offices/lgd/o1.yaml")" "days: 3" "...--target-d set the target days"
run -C "$R" check o1 --qui
expect_eq "$RC:$ERR" "0:" "check --qui is --quiet (check follows the same rule)"
run -C "$R" report --form=json --stat planned
expect_rc 0 "report --form=json --stat planned"
expect_eq "$(printf '%s\n' "$OUT" | head -n 1)" "[" "...--form chose json"

# a prefix of several is refused, naming them; so is an unknown option
before=$(cat "$R/offices/lgd/o1.yaml")
run -C "$R" plan o1 s1 --target 5
expect_rc 2 "plan --target (three options begin so) is a usage error"
expect_contains "$ERR" "roadmap plan: option '--target' is ambiguous: --target-days, --target-cost, --target-visits" \
	"...naming the options it could be"
expect_contains "$ERR" "usage: roadmap plan" "...with the usage"
run -C "$R" plan o1 s1 --d 2020-01-01
expect_rc 2 "plan --d (--due or --date) is a usage error"
expect_contains "$ERR" "option '--d' is ambiguous: --due, --date" "...naming both"
run -C "$R" add-service o1 --name-b X --na Y
expect_rc 2 "add-service --na (--name or --name-bn) is ambiguous"
run -C "$R" report --f csv
expect_rc 2 "report --f (--format or --fy) is ambiguous"
expect_contains "$ERR" "roadmap report: option '--f' is ambiguous: --format, --fy" "...report says so"
expect_eq "$(cat "$R/offices/lgd/o1.yaml")" "$before" "no refused command changed the office"
# an exact name is never ambiguous with the longer names it begins
run -C "$R" add-service o1 --name X --name-bn Y --id s9
expect_rc 0 "add-service --name beside --name-bn"
run -C "$R" plan o1 s1 --targetx 1
expect_rc 2 "an unknown long option is a usage error"
expect_contains "$ERR" "unknown option '--targetx'" "...named as typed"

# ---- values --------------------------------------------------------------
run -C "$R" plan o1 s1 --priority
expect_rc 2 "an option without its value"
expect_contains "$ERR" "option '--priority' needs a value" "...says so"
run -C "$R" workshop o1 --kind design --date 2026-01-01 --head-present=yes
expect_rc 2 "a flag given a value"
expect_contains "$ERR" "option '--head-present' takes no value" "...says so"
run -C "$R" workshop o1 --kind=design --date=2026-01-01 --head
expect_rc 0 "--name=value, and a flag by its prefix"
expect_contains "$(cat "$R/offices/lgd/o1.yaml")" "head_present: true" "...recorded"

# a value given to a flag is refused naming the option as typed: every
# flag of every command, by its full name and by every prefix that names it
# alone, and by its short name
commands=$("$ROADMAP" --help | sed -n '/^Commands:/,/^$/s/^  \([a-z-]*\) .*/\1/p')
[ -n "$commands" ] || fail "roadmap --help lists the commands"
flags_checked=0
for c in $commands; do
	help=$("$ROADMAP" help "$c" 2>/dev/null) || help=$("$ROADMAP" "$c" --help)
	# option heads: "  -q, --quiet", "  --jobs N"
	heads=$(printf '%s\n' "$help" | sed -n 's/^  \(-[a-z], \)\{0,1\}\(--[a-z-]*\)\( [A-Z][A-Z-]*\)\{0,1\}  .*$/\1\2\3/p; s/^  \(-[a-z], \)\{0,1\}\(--[a-z-]*\)\( [A-Z][A-Z-]*\)\{0,1\}$/\1\2\3/p')
	longs=$(printf '%s\n' "$heads" | sed 's/^-[a-z], //; s/ .*//')
	while IFS= read -r head; do
		long=${head#-?, }
		case $long in *" "* | "") continue ;; esac # takes a value
		name=${long#--}
		for ((k = 1; k <= ${#name}; k++)); do
			prefix=--${name:0:k}
			n=$(printf '%s\n' "$longs" | grep -c -- "^$prefix")
			[ "$n" -eq 1 ] || [ "$prefix" = "$long" ] || continue
			run -C "$R" "$c" "$prefix=false"
			if [ "$RC" -eq 2 ] &&
				printf '%s\n' "$ERR" | grep -qF "roadmap $c: option '$prefix' takes no value"; then
				flags_checked=$((flags_checked + 1))
			else
				fail "$c $prefix=false is refused naming '$prefix'" "exit $RC" "$ERR"
			fi
		done
		case $head in
		-?,*)
			short=${head%%,*}
			run -C "$R" "$c" "$short=false"
			if [ "$RC" -eq 2 ] &&
				printf '%s\n' "$ERR" | grep -qF "roadmap $c: option '$short' takes no value"; then
				flags_checked=$((flags_checked + 1))
			else
				fail "$c $short=false is refused naming '$short'" "exit $RC" "$ERR"
			fi
			;;
		esac
	done <<<"$heads"
done
# at least: workshop --head-present (12 forms) and -q (6), report --excel
# (5) and --keep-going (10), check and edit -q (6 each), git-setup --force (5)
if [ "$flags_checked" -ge 50 ]; then
	pass "every flag, by every unambiguous prefix and short name, refuses a value ($flags_checked forms)"
else
	fail "every flag refuses a value" "only $flags_checked forms were found in the commands' --help"
fi
run -C "$R" workshop o1 --kind design --date 2026-01-02 --head-present=false
expect_eq "$RC:$ERR" "2:roadmap workshop: option '--head-present' takes no value
usage: roadmap workshop OFFICE --kind K --date DATE [--batch N] [--participants N] [--head-present] [-q]" \
	"--head-present=false names --head-present, then the usage"
run -C "$R" workshop o1 --kind design --date 2026-01-02 --he=no
expect_contains "$ERR" "option '--he' takes no value" "...an abbreviation is named as typed"
run -C "$R" check -qq=1
expect_contains "$RC:$ERR" "2:roadmap check: option '-q' takes no value" "-qq=1: the short flag is named"

# numbers: a value the model would refuse is a usage error naming the
# option (exit 2), before anything is written
cp "$R/offices/lgd/o1.yaml" "$TMP/o1-before"
number_refused() { # WHAT EXPECTED-MESSAGE COMMAND...
	local what=$1 msg=$2
	shift 2
	run -C "$R" "$@"
	expect_eq "$RC" 2 "$what: exit 2"
	expect_contains "$ERR" "$msg" "...$msg"
}
number_refused "workshop --batch 0" "roadmap workshop: invalid --batch '0': 1 or more" \
	workshop o1 --kind design --date 2026-01-03 --batch 0
number_refused "workshop --bat 00" "roadmap workshop: invalid --batch '00': 1 or more" \
	workshop o1 --kind design --date 2026-01-03 --bat 00
number_refused "workshop --participants -1" "roadmap workshop: invalid --participants '-1': not a number" \
	workshop o1 --kind design --date 2026-01-03 --participants -1
number_refused "workshop --batch 2147483648" "invalid --batch '2147483648': number too large (at most 2147483647)" \
	workshop o1 --kind design --date 2026-01-03 --batch 2147483648
number_refused "plan --priority 0" "roadmap plan: invalid --priority '0': 1 or more" \
	plan o1 s1 --priority 0
number_refused "plan --target-visits 2147483648" "invalid --target-visits '2147483648': number too large" \
	plan o1 s1 --target-visits 2147483648
number_refused "add-service --days -1" "roadmap add-service: invalid --days '-1': not a number" \
	add-service o1 --name N --days -1
number_refused "add-service --cost 2147483648" "invalid --cost '2147483648': number too large" \
	add-service o1 --name N --cost 2147483648
expect_same_file "$R/offices/lgd/o1.yaml" "$TMP/o1-before" "no refused number changed the office"
run -C "$R" workshop o1 --kind design --date 2026-01-03 --batch ২147483647 --participants 0
expect_rc 0 "the largest batch (in mixed digits) and no participants are taken"
expect_contains "$(cat "$R/offices/lgd/o1.yaml")" "batch: 2147483647" "...and written"
run -C "$R" check o1
expect_rc 0 "...and the model takes them"

# an empty long name is no option, not a prefix of them all
run -C "$R" plan o1 s1 --=x
expect_rc 2 "--=x is a usage error"
expect_contains "$ERR" "unknown option '--=x'" "...an unknown option, not an ambiguous one"

# ---- operands: counted by the one rule -----------------------------------
run -C "$R" help check plan
expect_rc 2 "help with two commands"
expect_contains "$ERR" "roadmap help: too many arguments" "...too many arguments"
run -C "$R" edit
expect_rc 2 "edit without an office"
expect_contains "$ERR" "roadmap edit: missing OFFICE" "...names OFFICE"
run -C "$R" edit o1 o2
expect_rc 2 "edit with two offices"
expect_contains "$ERR" "roadmap edit: too many arguments" "...too many arguments"
run -C "$R" report offices services
expect_rc 2 "report with two kinds"
expect_contains "$ERR" "roadmap report: unexpected argument 'services'" "...names the second"
run -C "$R" report bogus
expect_rc 2 "report with an unknown kind"
expect_contains "$ERR" "invalid report kind 'bogus'" "...says so"
run -C "$R" report --excel --format tsv
expect_rc 2 "report --excel with another format"
run -C "$R" report --as-of 2020-01-01 --fy 2024-25
expect_rc 2 "report --as-of outside --fy"
expect_contains "$ERR" "is outside fiscal year" "...says so"
run -C "$R" report --help
expect_rc 0 "report --help"
expect_contains "$OUT" "usage: roadmap report" "...prints the usage"
run -C"$R" report totals
expect_rc 0 "-CDIR, the directory joined to -C"

# ---- an office by its file, as git prints it ------------------------------
F1=$R/offices/lgd/o1.yaml
for arg in offices/lgd/o1.yaml ./offices/lgd/o1.yaml "$F1"; do
	run -C "$R" check "$arg"
	expect_eq "$RC:$ERR" "0:roadmap check: 1 office checked, 0 errors, 0 warnings" "check $arg"
done
run -C "$R/offices/lgd" check o1.yaml
expect_rc 0 "check o1.yaml in offices/lgd: relative to the current directory"
run -C "$R/offices" check lgd/o1.yaml ../offices/lgd/o1.yaml
expect_contains "$RC:$ERR" "0:roadmap check: 2 offices checked" "check lgd/o1.yaml ../offices/lgd/o1.yaml in offices/"
run -C "$R/offices" plan lgd/o1.yaml s1 --due 2031-01-01
expect_eq "$RC:$ERR" "0:o1: s1 plan changed: due 2031-01-01" "plan lgd/o1.yaml in offices/"
expect_contains "$(cat "$F1")" "due: 2031-01-01" "...changed the office"
EDITOR=$TMP/editor run -C "$R" edit ./offices/lgd/o1.yaml </dev/null
expect_eq "$RC:$ERR" "0:o1: edited" "edit ./offices/lgd/o1.yaml"
run -C "$R" workshop "$F1" --kind leadership --date 2026-01-05 -q
expect_eq "$RC:$ERR" "0:" "workshop by the absolute path"
cp "$F1" "$TMP/o1-paths"
run -C "$R" plan /etc/passwd s1 --due 2032-01-01
expect_eq "$RC:$ERR" "1:roadmap: error: '/etc/passwd' is outside the repository '$(cd "$R" && pwd -P)'
hint: name the office by its id, or use -C DIR" "a path outside the repository is refused"
run -C "$R" plan roadmap.yaml s1 --due 2032-01-01
expect_eq "$RC:$ERR" "1:roadmap: error: 'roadmap.yaml' is not an office file
hint: office files are offices/<ministry>/<id>.yaml" "a file that is no office is refused"
run -C "$R/offices" report services --office lgd/o1.yaml --format tsv
expect_eq "$RC:$(printf '%s\n' "$OUT" | cut -f2 | sort -u | paste -sd,)" "0:o1,office" "report --office takes an office's file"
run -C "$R" list services --office ./offices/lgd/o1.yaml
expect_eq "$RC:$(printf '%s\n' "$OUT" | cut -f4 | sort -u)" "0:o1" "list --office takes an office's file"
mkdir -p "$R/offices/other"
run -C "$R" report --office offices/other/o1.yaml
expect_eq "$RC:$(printf '%s\n' "$ERR" | head -n 1)" "1:roadmap: error: no office file 'offices/other/o1.yaml'" \
	"report --office: a path to where the office is not is refused, not taken by its id"
rmdir "$R/offices/other"
run -C "$R" report --office /etc/passwd
expect_contains "$RC:$ERR" "1:roadmap: error: '/etc/passwd' is outside the repository" "report --office: a path outside the repository is refused"
run -C "$R" check roadmap.yaml
expect_contains "$RC:$ERR" "1:roadmap: error: 'roadmap.yaml' is not an office file" "...by check too"
run -C "$R" check ../outside.yaml
expect_contains "$RC:$ERR" "1:roadmap: error: '../outside.yaml' is outside the repository" "...and outside, by check"
run -C "$R" plan offices/lgd/o2.yaml s1 --due 2032-01-01
expect_eq "$RC:$ERR" "1:roadmap: error: no office file 'offices/lgd/o2.yaml'
hint: did you mean 'o1'?" "a path to no office is refused"
expect_same_file "$F1" "$TMP/o1-paths" "no refused path changed the office"

# ---- did you mean, for check OFFICE -----------------------------------------
run -C "$R" check o2
expect_eq "$RC:$ERR" "1:roadmap: error: no office 'o2'
hint: did you mean 'o1'?
roadmap check: 0 offices checked, 1 error, 0 warnings" "check OFFICE: did you mean"
run -C "$R" check zzzzzz
expect_eq "$RC:$(printf '%s\n' "$ERR" | head -n 2)" "1:roadmap: error: no office 'zzzzzz'
roadmap check: 0 offices checked, 1 error, 0 warnings" "...and nothing when no office is near"

# ---- --help wins, wherever it is ----------------------------------------
run -C "$R" plan o1 --bogus --help
expect_rc 0 "--help after an unknown option still shows the help"
expect_contains "$OUT" "usage: roadmap plan" "...the help"
run -C "$R" textconv -- --help
expect_rc 1 "after '--', --help is a file name"
# ---- an option given twice ------------------------------------------------
cp "$F1" "$TMP/o1-twice"
run -C "$R" plan o1 s1 --priority 1 --priority 2
expect_eq "$RC:$(printf '%s\n' "$ERR" | head -n 1)" "2:roadmap plan: --priority is given more than once" \
	"a value given twice is a usage error naming the option"
expect_same_file "$F1" "$TMP/o1-twice" "...and nothing is written"
run -C "$R" list services --office o1 --off o1
expect_eq "$RC:$(printf '%s\n' "$ERR" | head -n 1)" "2:roadmap list: --office is given more than once" \
	"list --office twice (an abbreviation too) is refused, not the last one taken"
run -C "$R" report --office o1 --office o1 --format tsv
expect_rc 0 "report --office may be repeated"
run -C "$R" check -q -q o1
expect_rc 0 "a flag may be repeated"

finish
