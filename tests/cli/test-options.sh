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

# ---- --help wins, wherever it is ----------------------------------------
run -C "$R" plan o1 --bogus --help
expect_rc 0 "--help after an unknown option still shows the help"
expect_contains "$OUT" "usage: roadmap plan" "...the help"
run -C "$R" textconv -- --help
expect_rc 1 "after '--', --help is a file name"
finish
