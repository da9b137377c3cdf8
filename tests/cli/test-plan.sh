# roadmap plan, approve and workshop: status moves, new plans, digests,
# refusals.
. "$ROADMAP_SRC/tests/cli/lib.sh"

R=$TMP/repo
"$ROADMAP" init "$R" --title T >/dev/null 2>&1
"$ROADMAP" -C "$R" add-ministry lgd --name L >/dev/null 2>&1
"$ROADMAP" -C "$R" add-office o1 --ministry lgd --name O >/dev/null 2>&1
"$ROADMAP" -C "$R" add-service o1 --id s1 --name S1 >/dev/null 2>&1
"$ROADMAP" -C "$R" add-service o1 --id s2 --name S2 >/dev/null 2>&1
F=$R/offices/lgd/o1.yaml

cp "$F" "$TMP/before"
run -C "$R" plan o1 s1 --due 2027-01-01
expect_rc 1 "a new plan needs --priority"
expect_contains "$ERR" "--priority" "and says so"
expect_same_file "$F" "$TMP/before" "nothing was written"
run -C "$R" plan o1 s1 --priority 1
expect_rc 0 "plan creates a plan"
expect_contains "$(cat "$F")" "      history:
        - date: 2026-11-28
          status: planned" "history starts with planned, dated today"
expect_eq "$ERR" "o1: s1 planned, priority 1" "plan: one line says the service is planned"
run -C "$R" plan o1 s1 --status developing --date 2026-11-29 --note "Vendor chosen"
expect_rc 0 "status moves forward (skipping is allowed)"
expect_eq "$ERR" "o1: s1 developing since 2026-11-29" "plan --status: one line, the status and its date"
cp "$F" "$TMP/before"
run -C "$R" plan o1 s1 --status designing --date 2026-11-29
expect_rc 1 "status never moves back"
expect_contains "$ERR" "allowed next statuses: piloting, live, dropped" "the allowed statuses are named"
run -C "$R" plan o1 s1 --status live --date 2026-11-01
expect_rc 1 "a status dated before the last one is refused"
expect_same_file "$F" "$TMP/before" "nothing was written"
run -C "$R" plan o1 s1 --status dropped --date 2026-11-29
expect_rc 0 "dropped from any status"
run -C "$R" plan o1 s1 --status live
expect_rc 1 "dropped is final"
run -C "$R" plan o1 s1 --status finished
expect_rc 2 "an unknown status is a usage error"
run -C "$R" plan o1 s1 --note x
expect_rc 2 "--note needs --status"
run -C "$R" plan o1 s1
expect_rc 2 "nothing to change is a usage error"
run -C "$R" plan o1 nope --priority 1
expect_rc 1 "an unknown service is refused"
expect_contains "$ERR" "no service 'nope'" "and named"

# what plan says: a new plan with its values, a plan change, -q silence
run -C "$R" plan o1 s2 --priority 2 --due 2027-06-30 --target-days 3 -q
expect_rc 0 "plan -q"
expect_eq "$ERR" "" "plan -q says nothing"
run -C "$R" plan o1 s2 --priority 4 --target-cost 0 --status designing --date 2026-11-28
expect_eq "$ERR" "o1: s2 plan changed: priority 4, target cost 0; designing since 2026-11-28" \
	"plan: a change and a status in one line"
run -C "$R" plan o1 s2 --undo-last -q
expect_rc 0 "plan --undo-last -q"
expect_eq "$ERR" "" "plan --undo-last -q says nothing"
run -C "$R" plan o1 s2 --priority 2 --target-cost 500
expect_rc 0 "back to the plan before"
"$ROADMAP" -C "$R" add-service o1 --id s9 --name S9 -q >/dev/null
run -C "$R" plan o1 s9 --priority 1 --due 2027-06-30 --status designing --date 2026-11-20
expect_eq "$ERR" "o1: s9 planned, priority 1, due 2027-06-30; designing since 2026-11-20" \
	"plan: a new plan with a status"

# approve: the digest is the plans' digest; progress keeps it valid,
# a plan change makes it stale.
run -C "$R" plan o1 s2 --priority 2
run -C "$R" approve o1 --by "Chief Engineer" --date 2026-11-20 --memo "৪৬.০০.০০০০.০৩৯"
expect_rc 0 "approve records the approval"
expect_contains "$(cat "$F")" "approval:
  by: Chief Engineer
  date: 2026-11-20
  memo: ৪৬.০০.০০০০.০৩৯
  digest: sha256:" "approval keys in order, the memo in Bengali"
run -C "$R" check
expect_not_contains "$ERR" "stale" "a fresh approval is not stale"
run -C "$R" plan o1 s2 --status designing
run -C "$R" check
expect_not_contains "$ERR" "stale" "progress keeps the approval valid"
run -C "$R" plan o1 s2 --priority 3
expect_contains "$ERR" "o1: s2 plan changed: priority 3
offices/lgd/o1.yaml:" "plan: its line, then the warning"
expect_contains "$ERR" "warning: the approval of 2026-11-20 is now stale" "plan: warns the approval is stale"
run -C "$R" check
expect_contains "$ERR" "warning:" "a plan change makes the approval stale"
run -C "$R" approve o1 --by "Chief Engineer" --date 2026-11-25
expect_rc 0 "approving again"
expect_not_contains "$(cat "$F")" "memo:" "a new approval replaces the old memo"
run -C "$R" check
expect_not_contains "$ERR" "warning:" "and is valid again"
run -C "$R" approve o1 --by X
expect_rc 2 "approve needs --date"

run -C "$R" workshop o1 --kind design --date 2026-10-01 --batch 3 --participants 4 --head-present
expect_rc 0 "workshop records attendance"
expect_contains "$(cat "$F")" "workshops:
  - kind: design
    date: 2026-10-01
    batch: 3
    participants: 4
    head_present: true" "the workshop entry"
run -C "$R" workshop o1 --kind party --date 2026-10-01
expect_rc 2 "an unknown kind is a usage error"
run -C "$R" workshop o1 --kind design --date 2026-02-30
expect_rc 2 "an impossible date is a usage error"
run -C "$R" check
expect_rc 0 "the office is valid"

# A value the model would refuse is a usage error naming the option, before
# anything is written (never a position in text that was never written).
cp "$F" "$TMP/before"
run -C "$R" workshop o1 --kind design --date 2026-10-02 --batch 0
expect_rc 2 "a workshop with batch 0 is a usage error"
expect_eq "$(printf '%s\n' "$ERR" | head -n 1)" \
	"roadmap workshop: invalid --batch '0': 1 or more" \
	"workshop: the message names --batch and the range"
expect_not_contains "$ERR" "o1.yaml" "...and no position in the file"
expect_same_file "$F" "$TMP/before" "nothing was written"
run -C "$R" approve o1 --by "Chief Engineer" --date 2026-11-25 --submitted 2026-11-24
expect_rc 2 "an approval dated after its submission is a usage error"
expect_eq "$(printf '%s\n' "$ERR" | head -n 1)" \
	"roadmap approve: --submitted 2026-11-24 is before --date 2026-11-25: a roadmap is submitted on or after its approval" \
	"approve: the message names both options and their dates"
expect_same_file "$F" "$TMP/before" "nothing was written"
# An invalid file is not changed: its findings, then the refusal.
sed 's/batch: 3/batch: 0/' "$TMP/before" >"$F"
run -C "$R" plan o1 s2 --priority 5
expect_rc 1 "a plan in an invalid file is refused"
expect_eq "$(printf '%s\n' "$ERR" | sed 's/:[0-9]*:[0-9]*:/:L:C:/')" \
	"offices/lgd/o1.yaml:L:C: error: 'batch' must be at least 1
offices/lgd/o1.yaml: error: refusing to change an invalid file; nothing was written
hint: run 'roadmap check' to see every problem, fix them, then try again" \
	"an invalid file: the finding, then the refusal and its hint"
cp "$TMP/before" "$F"

# Numbers in Bengali digits, dates in Bengali digits and the Bangla calendar.
"$ROADMAP" -C "$R" add-service o1 --id s3 --name S3 --days ৩০ >/dev/null 2>&1
run -C "$R" plan o1 s3 --priority ২ --status designing --date "১৬ কার্তিক ১৪২৪"
expect_rc 0 "Bengali numbers and a Bangla calendar date"
expect_contains "$(cat "$F")" "  - id: s3
    name: S3
    tcv: {days: 30}
    since: 2026-11-28
    plan:
      priority: 2
      history:
        - date: 2017-10-31
          status: planned
        - date: 2017-10-31
          status: designing" "are stored as ASCII and ISO"

# A year in the other calendar is a slip, refused with the date it would be.
cp "$F" "$TMP/before-slip"
run -C "$R" plan o1 s3 --status developing --date "১৬ কার্তিক ২০১৭"
expect_rc 2 "a Gregorian year in a Bangla date is refused"
expect_contains "$ERR" "that is 2610-11-01, outside the years 1900 to 2100" \
	"the message names the date it would be"
expect_contains "$ERR" "hint: is the year in the calendar of the month?" "and suggests the slip"
run -C "$R" plan o1 s3 --status developing --date "৩১ অক্টোবর ১৪২৪"
expect_rc 2 "a Bangla year in a Gregorian date is refused"
expect_same_file "$F" "$TMP/before-slip" "nothing is written"
run -C "$R" plan o1 s3 --status live --date ২০১৮-০১-০৫
expect_rc 0 "an ISO date in Bengali digits"
expect_contains "$(cat "$F")" "date: 2018-01-05" "is stored as ISO"
for c in plan approve workshop add-ministry add-office edit rename-service set-service; do
	run "$c" --help
	expect_rc 0 "$c --help exits 0"
	expect_contains "$OUT" "usage: roadmap $c" "$c --help prints its usage"
done
finish
