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
finish
