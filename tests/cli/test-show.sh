#!/usr/bin/env bash
# roadmap show: an office and a service as a person reads them, on a small
# repository and on data/; colour only at a terminal and never with
# NO_COLOR; errors and exit codes; Bengali columns where tmux draws them.
. "$(dirname "$0")/lib.sh"

export ROADMAP_TODAY=2026-11-28
unset NO_COLOR
repo=$TMP/small
"$ROADMAP" init "$repo" --title T >/dev/null 2>&1
cd "$repo" || exit 1
{
	"$ROADMAP" add-ministry lgd --name 'Local Government Division' &&
	"$ROADMAP" add-office o1 --ministry lgd --name 'Office One' --name-bn 'অফিস এক' --head Director &&
	"$ROADMAP" add-service o1 --name 'Birth registration' --name-bn 'জন্ম নিবন্ধন' \
		--recipients citizen --days 7 --cost 100 --visits 2 &&
	"$ROADMAP" add-service o1 --name Tax --days 1 &&
	"$ROADMAP" plan o1 birth-registration --priority 1 --due 2026-06-30 \
		--target-days 1 --target-cost 0 --target-visits 0 --status planned --date 2026-01-10 &&
	"$ROADMAP" approve o1 --by Director --date 2026-02-01 --memo M-1 --submitted 2026-02-02 &&
	"$ROADMAP" plan o1 birth-registration --status designing --date 2026-03-01 --note 'Design done' &&
	"$ROADMAP" workshop o1 --kind design --date 2026-03-01 --batch 2 --participants 3 --head-present
} >/dev/null 2>&1 || fail "the small repository is made"

run show o1
expect_rc 0 "show o1 exits 0"
expect_eq "$OUT" "o1  Office One
    অফিস এক
ministry    lgd  Local Government Division
head        Director
file        offices/lgd/o1.yaml
approval    approved: 2026-02-01 by Director
memo        M-1
submitted   2026-02-02

Services  2, 1 planned, 1 overdue
  PRI  SERVICE             নাম         STATUS       DATE        DUE
    1  birth-registration  জন্ম নিবন্ধন  designing    2026-03-01  2026-06-30  overdue
       Birth registration · citizen · TCV 7 days, 100 taka, 2 visits → 1 day, 0 taka, 0 visits
       tax                             not planned
       Tax · TCV 1 day

Workshops  1, 3 participants
  KIND    DATE        BATCH  PARTICIPANTS  HEAD PRESENT
  design  2026-03-01      2             3  yes" "show o1: the office, approved"
expect_eq "$ERR" "" "show o1 says nothing on stderr"

# a new plan makes the approval stale, and show says why
"$ROADMAP" plan o1 tax --priority 2 --status planned --date 2026-04-01 >/dev/null 2>&1
run show o1
expect_contains "$OUT" "approval    stale: 2026-02-01 by Director
why stale   no git history of the office shows what was approved on 2026-02-01, so which services or plans changed cannot be told" "show: a stale approval and why"
expect_contains "$OUT" "    2  tax                             planned    2026-04-01" "show: the new plan, without a due date"

run show o1 birth-registration
expect_rc 0 "show o1 SERVICE exits 0"
expect_eq "$OUT" "o1 / birth-registration
name        Birth registration
নাম         জন্ম নিবন্ধন
office      o1  Office One
recipients  citizen
listed      2026-11-28
TCV now     7 days, 100 taka, 2 visits
TCV planned 1 day, 0 taka, 0 visits
approval    stale: 2026-02-01 by Director
why stale   no git history of the office shows what was approved on 2026-02-01, so which services or plans changed cannot be told
memo        M-1
submitted   2026-02-02

Plan
priority    1
due         2026-06-30  overdue
status      designing since 2026-03-01

History  2 entries
  DATE        STATUS     NOTE
  2026-01-10  planned
  2026-03-01  designing  Design done" "show o1 SERVICE: the service and its history"

# not overdue once live, nor before its due date
ROADMAP_TODAY=2026-05-01 run show o1
expect_contains "$OUT" "Services  2, 2 planned, 0 overdue" "show: not overdue before the due date"

# ---- errors --------------------------------------------------------------
run show o2
expect_rc 1 "show: an unknown office exits 1"
expect_contains "$ERR" "no office 'o2' in the repository" "show: names the unknown office"
expect_contains "$ERR" "did you mean 'o1'?" "show: did you mean the office"
expect_eq "$OUT" "" "show: nothing on stdout for an unknown office"
run show o1 birth-registraton
expect_rc 1 "show: an unknown service exits 1"
expect_contains "$ERR" "no service 'birth-registraton' in office 'o1'" "show: names the unknown service"
expect_contains "$ERR" "did you mean 'birth-registration'?" "show: did you mean the service"
run show
expect_rc 2 "show without an office is a usage error"
run show o1 tax extra
expect_rc 2 "show with three operands is a usage error"
run show o1 --colour
expect_rc 2 "show with an unknown option is a usage error"
ROADMAP_TODAY=bad run show o1
expect_rc 2 "show with an invalid ROADMAP_TODAY is a usage error"
cp offices/lgd/o1.yaml "$TMP/o1.keep"
printf 'oops: [\n' >>offices/lgd/o1.yaml
run show o1
expect_rc 1 "show: an invalid office exits 1"
expect_contains "$ERR" "offices/lgd/o1.yaml:" "show: the error names the file"
cp "$TMP/o1.keep" offices/lgd/o1.yaml

# ---- read-only: no lock ----------------------------------------------------
if command -v flock >/dev/null; then
	flock offices/lgd/o1.yaml -c "timeout 5 '$ROADMAP' show o1 >/dev/null"
	RC=$?
	expect_rc 0 "show runs while another command holds the office's lock"
else
	skip_part "show while the office is locked" "flock (Debian util-linux) is missing"
fi

# ---- colour ----------------------------------------------------------------
esc=$(printf '\033')
run show o1
expect_not_contains "$OUT" "$esc" "show: no escape codes when stdout is not a terminal"
if command -v script >/dev/null; then
	tty_show() { # tty_show FILE ENV...: show o1 at a terminal, output in FILE
		local f=$1
		shift
		env "$@" script -qec "'$ROADMAP' show o1" /dev/null >"$f" 2>&1
	}
	tty_show "$TMP/tty" TERM=xterm
	expect_contains "$(cat "$TMP/tty")" "${esc}[1mServices${esc}[0m" "show: a bold heading at a terminal"
	expect_contains "$(cat "$TMP/tty")" "${esc}[1;31moverdue${esc}[0m" "show: overdue in red at a terminal"
	tty_show "$TMP/tty" TERM=xterm NO_COLOR=1
	expect_not_contains "$(cat "$TMP/tty")" "$esc" "show: NO_COLOR=1 at a terminal: no escape codes"
	tty_show "$TMP/tty" TERM=xterm NO_COLOR=
	expect_contains "$(cat "$TMP/tty")" "${esc}[" "show: an empty NO_COLOR leaves colour on"
	tty_show "$TMP/tty" TERM=dumb
	expect_not_contains "$(cat "$TMP/tty")" "$esc" "show: TERM=dumb: no escape codes"
else
	skip_part "show at a terminal" "script (Debian bsdutils) is missing"
fi

# ---- data/ -------------------------------------------------------------------
data=$TMP/data
new_repo "$data"
cd "$data" || exit 1
run show kcc
expect_rc 0 "show kcc on data/ exits 0"
expect_eq "$(printf '%s\n' "$OUT" | sed -n '1,2p;6p;8,10p')" "kcc  Khulna City Corporation
     খুলনা সিটি কর্পোরেশন
approval    none
Services  4, 2 planned, 2 overdue
  PRI  SERVICE                     নাম                         STATUS       DATE        DUE
    1  trade-licence-issue         ট্রেড লাইসেন্স প্রদান          piloting     2019-05-19  2019-06-30  overdue" "show kcc on data/"
run show gcc
expect_contains "$OUT" "approval    stale:" "show gcc on data/: the stale approval"
expect_contains "$OUT" "why stale   no git history of the office shows what was approved on" "show gcc on data/: why"
run show kcc trade-licence-issue
expect_contains "$OUT" "2019-05-19  piloting" "show kcc SERVICE on data/: its history"

# ---- the Bengali columns as tmux draws them ----------------------------------
# The pane is exactly as wide as the columns before the one after a Bengali
# name (counted by the C library's wcwidth(), as tmux counts): each row
# wraps there, and the next screen line must begin with the column's value.
if ! command -v tmux >/dev/null; then
	skip_part "Bengali columns in tmux" "tmux is missing (Debian package tmux)"
else
	sock=roadmap-test-$$
	tmux_columns() { # tmux_columns WHAT WORD ROW-RE NEXT-RE CMD...
		local what=$1 word=$2 row=$3 next=$4 w
		shift 4
		NO_COLOR=1 "$ROADMAP" "$@" >"$TMP/plain"
		w=$(/usr/bin/python3 "$ROADMAP_SRC/tests/cli/tmux-width.py" "$TMP/plain" "$word")
		tmux -L "$sock" -f /dev/null kill-server 2>/dev/null
		tmux -L "$sock" -f /dev/null -u new-session -d -x "$w" -y 200 \
			"cd '$data' && NO_COLOR=1 ROADMAP_TODAY=$ROADMAP_TODAY '$ROADMAP' $* ; sleep 30"
		sleep 1
		tmux -L "$sock" capture-pane -p -t 0 >"$TMP/screen"
		tmux -L "$sock" kill-server 2>/dev/null
		if out=$(/usr/bin/python3 "$ROADMAP_SRC/tests/cli/tmux-columns.py" "$TMP/screen" "$row" "$next"); then
			pass "$what"
		else
			fail "$what" "$out" "pane width $w" "$(head -n 12 "$TMP/screen")"
		fi
	}
	for office in kcc lged dncc cabinet-division; do
		ids=$("$ROADMAP" list services --office "$office" | cut -f1 | paste -sd'|')
		tmux_columns "show $office: STATUS starts at one screen column after every Bengali name" \
			STATUS "^ +[0-9]* +($ids) " '(planned|designing|developing|piloting|live|dropped|not planned)( |$)' \
			show "$office"
	done
	tmux_columns "report services --format table: recipients start at one screen column after every Bengali name" \
		recipients "^(ministry|lgd|cabinet) +[a-z0-9-]+ +[a-z0-9-]+ +[A-Za-z]" '(recipients|citizen|business|government|institution)( |$)' \
		report services --format table
fi

# ---- why stale, from git history ------------------------------------------
if command -v git >/dev/null 2>&1; then
	g=$TMP/git
	"$ROADMAP" init "$g" --title T >/dev/null 2>&1
	(
		cd "$g" &&
			"$ROADMAP" add-ministry lgd --name L -q &&
			"$ROADMAP" add-office g1 --ministry lgd --name G -q &&
			"$ROADMAP" add-service g1 --name 'Trade licence' --days 9 -q &&
			"$ROADMAP" plan g1 trade-licence --priority 1 --status planned --date 2026-01-10 -q &&
			"$ROADMAP" approve g1 --by Head --date 2026-11-28 -q &&
			git init -q && git add -A &&
			git -c user.name=T -c user.email=t@example.org commit -qm approved &&
			"$ROADMAP" rename-service g1 trade-licence trade-licence-issue -q
	) >/dev/null 2>&1 || fail "the git repository is made"
	run -C "$g" show g1
	expect_contains "$OUT" "why stale   since the approval (commit " "show: a stale approval with git history names its commit"
	expect_contains "$OUT" "renamed trade-licence to trade-licence-issue" "...and what changed since it"
	rm -rf "$g/.git"
	run -C "$g" show g1
	expect_contains "$OUT" "why stale   no git history of the office shows what was approved on 2026-11-28, so which services or plans changed cannot be told" "...and without history, that which changes cannot be told"
else
	skip_part "why stale from git history" "git is not installed"
fi

finish
