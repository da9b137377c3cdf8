#!/usr/bin/env bash
# roadmap approve: the digest, staleness, and edits that keep what is there.
. "$(dirname "$0")/lib.sh"

repo="$TMP/repo"
new_repo "$repo"
f="$repo/offices/lgd/rcc.yaml"
cp "$f" "$TMP/before"

# approving again with the same facts changes nothing, quoting included
run -C "$repo" approve rcc --by 'Chief Executive Officer' --date 2017-11-02 \
	--memo 46.42.8100.000.018.002.2017-311 --submitted 2017-11-06
expect_rc 0 "re-approval with the same facts succeeds"
expect_same_file "$f" "$TMP/before" "re-approval with the same facts leaves the file byte-identical"
expect_contains "$(cat "$f")" 'memo: "46.42.8100.000.018.002.2017-311"   # ASCII' "the quoted memo and its comment are kept"

# a new plan makes the approval stale; check warns, approve renews it
run -C "$repo" plan rcc community-centre-booking --priority 3
expect_rc 0 "a new plan is added"
run -C "$repo" check rcc
expect_rc 0 "a stale approval is a warning, not an error"
expect_contains "$ERR" "rcc.yaml:76:11: warning: the approval is stale" "check warns that the approval is stale"
run -C "$repo" approve rcc --by 'Chief Executive Officer' --date ২০২০-০১-০৬ \
	--memo 46.42.8100.000.018.002.2017-311 --submitted '৭ জানুয়ারি ২০২০'
expect_rc 0 "approve records a new digest"
run -C "$repo" check rcc
expect_not_contains "$ERR" "stale" "after approve the approval is current"
expect_contains "$(cat "$f")" "date: 2020-01-06" "a date in Bengali digits is stored as ISO"
expect_contains "$(cat "$f")" "submitted: 2020-01-07" "a Gregorian date in Bengali is stored as ISO"
diffs=$(diff "$TMP/before" "$f" | grep -c '^[<>]')
expect_eq "$diffs" 11 "only the plan's lines and the changed approval lines differ"

# progress alone keeps the approval valid
run -C "$repo" plan rcc community-centre-booking --status designing
expect_rc 0 "progress is recorded"
run -C "$repo" check rcc
expect_not_contains "$ERR" "stale" "progress leaves the approval valid"

# the same approval again (same head, same date) keeps what is left out;
# a new approval drops the old memo and submission
run -C "$repo" approve rcc --by 'Chief Executive Officer' --date 2020-01-06 \
	--submitted 2020-01-09
expect_rc 0 "the same approval, a new submission date"
expect_contains "$(cat "$f")" "memo: \"46.42.8100.000.018.002.2017-311\"   # ASCII digits" "the memo stays, with its comment"
expect_contains "$(cat "$f")" "submitted: 2020-01-09" "the submission date is replaced"
run -C "$repo" approve rcc --by 'Chief Executive Officer' --date 2020-02-01
expect_rc 0 "a new approval"
expect_not_contains "$(cat "$f")" "memo:" "a new approval drops the old memo"
expect_not_contains "$(cat "$f")" "submitted:" "and the old submission date"

# the head's name compares as NFC: a file holding য় precomposed (U+09DF,
# which NFC spells য + nukta) is the same approval when the same bytes
# are typed again
by=$(printf 'প্রধান নির্বাহী কর্মকর্তা, ময\xe0\xa7\x9fমনসিংহ')
sed -i "s/^  by: .*/  by: $by/; s/^  date: 2020-02-01/  date: 2020-02-01\n  memo: ১২৩/" "$f"
expect_contains "$(cat "$f")" "memo: ১২৩" "the file holds a memo"
cp "$f" "$TMP/before"
run -C "$repo" approve rcc --by "$by" --date 2020-02-01 --submitted 2020-02-03
expect_rc 0 "the same approval, its head spelt with U+09DF"
expect_contains "$(cat "$f")" "memo: ১২৩" "the memo stays: the head is the same as NFC"
expect_contains "$(cat "$f")" "by: $by" "the head keeps the file's bytes"
diffs=$(diff "$TMP/before" "$f" | grep -c '^[<>]')
expect_eq "$diffs" 1 "only the submission date is added"

# usage errors and refusals
run -C "$repo" approve rcc --date 2020-01-01
expect_rc 2 "approve without --by is a usage error"
run -C "$repo" approve rcc --by X --date 2020-02-30
expect_rc 2 "an impossible date is a usage error"
run -C "$repo" approve no-such-office --by X --date 2020-01-01
expect_rc 1 "approve of a missing office is refused"
# ---- a stale approval is not blessed again under its own head and date ----
repo="$TMP/stale"
new_repo "$repo"
f="$repo/offices/lgd/rcc.yaml"
export ROADMAP_TODAY=2026-12-01
run -C "$repo" approve rcc --by 'Chief Executive Officer' --date 2026-11-01
expect_rc 0 "a new approval"
expect_eq "$ERR" "rcc: approval of 2026-11-01 by Chief Executive Officer recorded, replacing the approval of 2017-11-02 and its memo and submission date" \
	"approve says what it recorded, and what it replaced"
run -C "$repo" approve rcc --by 'Chief Executive Officer' --date 2026-11-01
expect_rc 0 "the same approval again, valid"
expect_eq "$ERR" "rcc: nothing to change" "...changes nothing, and says so"
run -C "$repo" approve rcc --by 'Chief Executive Officer' --date 2026-11-01 --submitted 2026-11-03 -q
expect_rc 0 "the same approval with its submission, quietly"
expect_eq "$ERR" "" "-q silences the line"
expect_contains "$(cat "$f")" "submitted: 2026-11-03" "...and the submission is recorded"

run -C "$repo" plan rcc trade-licence-issue --priority 4
expect_rc 0 "a plan changes"
line=$(grep -n '^  digest:' "$f" | cut -d: -f1)
cp "$f" "$TMP/stale-before"
run -C "$repo" approve rcc --by 'Chief Executive Officer' --date 2026-11-01
expect_rc 1 "approve on a stale approval with the same head and date is refused"
expect_contains "$ERR" "offices/lgd/rcc.yaml:$line:11: error: the approval of 2026-11-01 is stale: the services or plans changed since the approval, and a new approval needs a date after it" \
	"...at the approval's digest, saying why"
expect_contains "$ERR" "or add --renew to record them under 2026-11-01 deliberately" \
	"...and the hint names --renew"
expect_same_file "$f" "$TMP/stale-before" "...and the old digest is kept: nothing written"
run -C "$repo" approve rcc --by 'Chief Executive Officer' --date 2026-11-01 -q
expect_rc 1 "refused with -q too"
expect_contains "$ERR" "error: the approval of 2026-11-01 is stale" "...and the refusal is still printed"
run -C "$repo" check rcc
expect_contains "$ERR" "warning: the approval is stale: the services or plans changed since the approval" \
	"check still says it is stale"
expect_contains "$ERR" "hint: no git history of the office shows what was approved on 2026-11-01, so which services or plans changed cannot be told" \
	"...and, without git history, that which ones cannot be told"
run -C "$repo" approve rcc --by 'Chief Executive Officer' --date 2026-11-01 --renew
expect_rc 0 "--renew records the new digest under the same date"
expect_eq "$ERR" "rcc: approval of 2026-11-01 renewed with the services and plans as they stand" \
	"...and says so"
expect_contains "$(cat "$f")" "submitted: 2026-11-03" "...keeping the same approval's submission"
run -C "$repo" check rcc
expect_not_contains "$ERR" "stale" "after --renew the approval is current"
run -C "$repo" approve rcc --by 'Chief Executive Officer' --date 2026-11-01 --renew
expect_eq "$ERR" "rcc: nothing to change" "--renew on a valid approval changes nothing"
run -C "$repo" plan rcc trade-licence-issue --priority 5
cp "$f" "$TMP/stale-before"
run -C "$repo" approve rcc --by 'Mayor' --date 2026-11-01
expect_rc 1 "another head on a stale approval's date is refused too"
expect_same_file "$f" "$TMP/stale-before" "...and writes nothing"
run -C "$repo" approve rcc --by 'Chief Executive Officer ' --date 2026-11-01
expect_rc 1 "the head's name with a trailing space on the same date is refused"
run -C "$repo" approve rcc --by 'Chief Executive Officer' --date 2026-10-31
expect_rc 1 "an approval dated before the stale one is refused"
expect_contains "$ERR" "a new approval needs a date after it" "...saying why"
expect_same_file "$f" "$TMP/stale-before" "...and writes nothing"
run -C "$repo" plan rcc trade-licence-issue --priority 6
run -C "$repo" approve rcc --by 'Mayor' --date 2026-11-20
expect_rc 0 "a new date records the new digest"
expect_contains "$(cat "$f")" "date: 2026-11-20" "...with the new date"
run -C "$repo" check rcc
expect_not_contains "$ERR" "stale" "...and the approval is current"

# adding, removing or renaming a service, planned or not, makes it stale
stale_after() { # WHAT: the approval is current, then stale after the edit
	run -C "$repo" check rcc
	expect_not_contains "$ERR" "stale" "$1: current before"
	"${@:2}"
	run -C "$repo" check rcc
	expect_contains "$ERR" "warning: the approval is stale: the services or plans changed since the approval" \
		"$1: stale after"
	day=$((day + 1))
	run -C "$repo" approve rcc --by 'Mayor' --date "2026-11-$day"
	expect_rc 0 "$1: approved again, with a new date"
}
day=20
add_one() { "$ROADMAP" -C "$repo" add-service rcc --name 'Birth certificate' >/dev/null 2>&1; }
stale_after "adding a service without a plan" add_one
stale_after "renaming a service" sed -i 's/^- id: birth-certificate$/- id: birth-certificate-issue/' "$f"
remove_one() {
	/usr/bin/python3 - "$f" <<-'PY'
	import sys
	p = sys.argv[1]
	lines = open(p, encoding="utf-8").read().split("\n")
	i = lines.index("- id: birth-certificate-issue")
	j = i + 1
	while j < len(lines) and lines[j].startswith("  "):
	    j += 1
	open(p, "w", encoding="utf-8").write("\n".join(lines[:i] + lines[j:]))
	PY
}
stale_after "removing a service without a plan" remove_one

# dates: not in the future; --submitted not before --date
cp "$f" "$TMP/dates-before"
run -C "$repo" approve rcc --by X --date 2026-12-03
expect_rc 2 "an approval date after tomorrow is a usage error"
expect_contains "$ERR" "invalid --date '2026-12-03': later than tomorrow (2026-12-02)" "...naming --date"
run -C "$repo" approve rcc --by X --date 2026-12-01 --submitted 2027-01-01
expect_rc 2 "a submission date after tomorrow is a usage error"
expect_contains "$ERR" "invalid --submitted '2027-01-01'" "...naming --submitted"
run -C "$repo" approve rcc --by X --date 2026-11-05 --submitted 2026-11-04
expect_rc 2 "--submitted before --date is a usage error"
expect_contains "$ERR" "--submitted 2026-11-04 is before --date 2026-11-05" "...naming both options"
expect_not_contains "$ERR" "rcc.yaml:" "...and no position in the file"
expect_same_file "$f" "$TMP/dates-before" "usage errors write nothing"
unset ROADMAP_TODAY

# an approval dated between a stale approval and the committed change that
# made it stale would bless the change before it was made: git history
# gives the change's date
if command -v git >/dev/null; then
	g="$TMP/gitrepo"
	new_repo "$g"
	export GIT_AUTHOR_NAME="Desk Officer" GIT_AUTHOR_EMAIL=officer@example.gov.bd
	export GIT_COMMITTER_NAME="Desk Officer" GIT_COMMITTER_EMAIL=officer@example.gov.bd
	export GIT_CONFIG_NOSYSTEM=1 ROADMAP_TODAY=2026-11-28
	git -C "$g" init -q && git -C "$g" add -A && git -C "$g" commit -qm base
	run -C "$g" approve kcc --by Mayor --date 2026-10-01 -q
	GIT_COMMITTER_DATE='2026-10-01T12:00:00+06:00' git -C "$g" commit -qam approved
	run -C "$g" plan kcc trade-licence-issue --priority 9 -q
	GIT_COMMITTER_DATE='2026-10-20T12:00:00+06:00' git -C "$g" commit -qam change
	kf="$g/offices/lgd/kcc.yaml"
	cp "$kf" "$TMP/between-before"
	run -C "$g" approve kcc --by Mayor --date 2026-10-10
	expect_rc 1 "an approval dated before the committed change is refused"
	expect_contains "$ERR" "error: the services or plans changed on 2026-10-20, after the approval: a new approval needs a date on or after the change" \
		"...naming the change's date"
	expect_contains "$ERR" "hint: since the approval (commit" "...and what changed"
	expect_contains "$ERR" "hint: if the head approved them before they were committed, add --renew to record that date deliberately" \
		"...and how to insist"
	expect_same_file "$kf" "$TMP/between-before" "...writing nothing"
	run -C "$g" approve kcc --by Mayor --date 2026-10-20
	expect_rc 0 "an approval on the day of the change is recorded"
	git -C "$g" commit -qam reapproved
	unset ROADMAP_TODAY
else
	skip_part "approvals against git history" "git is not installed"
fi
finish
