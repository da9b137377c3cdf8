#!/usr/bin/env bash
# Today and dates on the command line: ROADMAP_TODAY, dates later than
# tomorrow, and what check says of them in a file.
. "$(dirname "$0")/lib.sh"

R=$TMP/repo
"$ROADMAP" init "$R" --title T >/dev/null 2>&1
"$ROADMAP" -C "$R" add-ministry lgd --name L >/dev/null 2>&1
"$ROADMAP" -C "$R" add-office o1 --ministry lgd --name O >/dev/null 2>&1
"$ROADMAP" -C "$R" add-service o1 --id s1 --name S1 >/dev/null 2>&1
"$ROADMAP" -C "$R" plan o1 s1 --priority 1 >/dev/null 2>&1
F=$R/offices/lgd/o1.yaml

# ---- ROADMAP_TODAY -------------------------------------------------------
# A command that uses today refuses an invalid ROADMAP_TODAY: a usage error
# naming the variable, nothing written.
cp "$F" "$TMP/before"
for bad in 2026-02-30 28/11/2026 2026-11-28x yesterday; do
	ROADMAP_TODAY=$bad run -C "$R" plan o1 s1 --status designing
	expect_rc 2 "plan --status: ROADMAP_TODAY '$bad' is a usage error"
	expect_contains "$ERR" "roadmap: invalid ROADMAP_TODAY '$bad': " "and is named"
	expect_same_file "$F" "$TMP/before" "nothing is written"
	ROADMAP_TODAY=$bad run -C "$R" report offices
	expect_rc 2 "report: ROADMAP_TODAY '$bad' is a usage error"
	expect_eq "$OUT" "" "no report is written"
done
ROADMAP_TODAY=2026-02-30 run -C "$R" report offices
expect_contains "$ERR" "no such day in that month" "the reason is given"
expect_contains "$ERR" "hint: " "with a hint"
ROADMAP_TODAY=$'2026\e[31m' run -C "$R" report offices
expect_contains "$ERR" "'2026\\x1b[31m'" "control characters in it are escaped"
ROADMAP_TODAY=bad run -C "$R" report progress --quarter 1
expect_rc 2 "report --quarter without --fy uses today"
ROADMAP_TODAY=bad run -C "$R" report offices --as-of 2026-11-01
expect_rc 0 "report --as-of does not need today"
ROADMAP_TODAY=bad run -C "$R" report offices --fy 2025-26
expect_rc 0 "nor does report --fy"
ROADMAP_TODAY=bad run -C "$R" add-service o1 --id s2 --name S2
expect_rc 0 "a command that does not use today ignores it"
ROADMAP_TODAY= run -C "$R" report offices
expect_rc 0 "an empty ROADMAP_TODAY means the clock"
run -C "$R" completion --complete -- plan o1 s1 --date ''
expect_eq "$OUT" "$ROADMAP_TODAY" "completion offers today for a date"
ROADMAP_TODAY=bad run -C "$R" completion --complete -- plan o1 s1 --date ''
expect_rc 0 "with an invalid ROADMAP_TODAY completion offers no date"
expect_eq "$OUT$ERR" "" "and prints nothing"

# ---- dates later than tomorrow -------------------------------------------
# ROADMAP_TODAY is 2026-11-28: tomorrow, 2026-11-29, is the latest date of
# something that has happened.
cp "$F" "$TMP/before"
run -C "$R" plan o1 s1 --status designing --date 2062-11-25
expect_rc 2 "plan --date later than tomorrow is a usage error"
expect_eq "$ERR" "roadmap plan: invalid --date '2062-11-25': later than tomorrow (2026-11-29)
hint: record it once it has happened; is the year right?" "the message names the option, the date and tomorrow"
run -C "$R" plan o1 s1 --status designing --date "১৫ অগ্রহায়ণ ১৪৩৩"
expect_rc 2 "a Bangla date later than tomorrow too"
expect_contains "$ERR" "invalid --date '১৫ অগ্রহায়ণ ১৪৩৩': that is 2026-11-30, later than tomorrow (2026-11-29)" \
	"with the date it is"
run -C "$R" approve o1 --by H --date 2026-11-30
expect_rc 2 "approve --date later than tomorrow is a usage error"
expect_contains "$ERR" "roadmap approve: invalid --date '2026-11-30': later than tomorrow" "and named"
run -C "$R" approve o1 --by H --date 2026-11-28 --submitted 2027-01-01
expect_rc 2 "approve --submitted later than tomorrow is a usage error"
expect_contains "$ERR" "roadmap approve: invalid --submitted '2027-01-01': later than tomorrow" "and named"
run -C "$R" workshop o1 --kind design --date 2026-12-01
expect_rc 2 "workshop --date later than tomorrow is a usage error"
expect_contains "$ERR" "roadmap workshop: invalid --date '2026-12-01': later than tomorrow" "and named"
expect_same_file "$F" "$TMP/before" "nothing is written"
ROADMAP_TODAY=bad run -C "$R" approve o1 --by H --date 2026-11-28
expect_rc 2 "approve needs today: an invalid ROADMAP_TODAY is a usage error"
ROADMAP_TODAY=bad run -C "$R" workshop o1 --kind design --date 2026-11-28
expect_rc 2 "workshop too"

run -C "$R" plan o1 s1 --status designing --date 2026-11-29 --due 2062-11-25
expect_rc 0 "tomorrow is accepted, and a due date may be in the future"
run -C "$R" approve o1 --by H --date 2026-11-29 --submitted 2026-11-29
expect_rc 0 "approve and submission dated tomorrow"
run -C "$R" workshop o1 --kind design --date 2026-11-29
expect_rc 0 "a workshop dated tomorrow"

# --submitted before --date
cp "$F" "$TMP/before"
run -C "$R" approve o1 --by H --date 2026-11-20 --submitted 2026-11-19
expect_rc 2 "--submitted before --date is a usage error"
expect_contains "$ERR" "--submitted 2026-11-19 is before --date 2026-11-20" "naming both options"
expect_same_file "$F" "$TMP/before" "nothing is written"

# today is the local date: tomorrow here is accepted, the day after not,
# whatever the time zone
for tz in UTC UTC-6 UTC+11; do
	next=$(TZ=$tz date -d tomorrow +%F)
	after=$(TZ=$tz date -d '2 days' +%F)
	ROADMAP_TODAY= TZ=$tz run -C "$R" workshop o1 --kind leadership --date "$after"
	expect_rc 2 "TZ=$tz: the day after tomorrow is refused"
	expect_contains "$ERR" "later than tomorrow ($next)" "TZ=$tz: tomorrow is the local one"
done

# ---- dates copied from man's output --------------------------------------
# man pipes a page through col -b when its output is not a terminal, and
# col -b deletes every zero-width character (virama, nukta, the vowel signs
# ু ূ ৃ, chandrabindu, ZWJ, ZWNJ).  A date copied from there is still read
# as the same date: each month and era word, passed through the real
# col -b -p -x as man-db runs it, stores what the intact word stores.
approved_date() { sed -n 's/^  date: //p' "$F"; }
if command -v col >/dev/null; then
	changed=0
	for word in বৈশাখ জ্যৈষ্ঠ আষাঢ় শ্রাবণ ভাদ্র আশ্বিন কার্তিক অগ্রহায়ণ পৌষ মাঘ ফাল্গুন চৈত্র \
		জানুয়ারি ফেব্রুয়ারি মার্চ এপ্রিল মে জুন জুলাই আগস্ট সেপ্টেম্বর অক্টোবর নভেম্বর ডিসেম্বর; do
		case $word in
		জানুয়ারি | ফেব্রুয়ারি | মার্চ | এপ্রিল | মে | জুন | জুলাই | আগস্ট | সেপ্টেম্বর | অক্টোবর | নভেম্বর | ডিসেম্বর)
			intact="১৬ $word ২০১৭ খ্রিস্টাব্দ" ;;
		*) intact="১৬ $word ১৪২৪ বঙ্গাব্দ" ;;
		esac
		copied=$(printf '%s\n' "$intact" | col -b -p -x)
		[ "$copied" = "$intact" ] || changed=$((changed + 1))
		run -C "$R" approve o1 --by H --date "$intact"
		expect_rc 0 "'$intact' is accepted"
		want=$(approved_date)
		run -C "$R" approve o1 --by H --date "$copied"
		expect_rc 0 "'$copied' (through col -b) is accepted"
		expect_eq "$(approved_date)" "$want" "...as the same date, $want"
	done
	# the loop is not vacuous: col -b damages most of these words
	if [ "$changed" -ge 20 ]; then pass "col -b changed $changed of the 24 dates"
	else fail "col -b changed $changed of the 24 dates" "expected at least 20"; fi
	run -C "$R" approve o1 --by H --date "$(printf '১৬ কার্তিক ১৪২৪\n' | col -b -p -x)"
	expect_eq "$(approved_date)" "2017-10-31" "the source letter's date, copied, is 2017-10-31"
else
	skip_part "dates through col -b" "col is missing (Debian package bsdextrautils)"
fi
# a near miss is still refused
cp "$F" "$TMP/before"
run -C "$R" approve o1 --by H --date "১৬ কাতিক ১৪২৪"
expect_rc 2 "a month name missing a letter is refused"
expect_contains "$ERR" "unknown month 'কাতিক'" "and named"
run -C "$R" approve o1 --by H --date "১৬ কুারতিক ১৪২৪"
expect_rc 2 "a month name with a mark it does not have is refused"
expect_same_file "$F" "$TMP/before" "nothing is written"

# ---- check warns of such dates in a file ---------------------------------
cat >"$F" <<'YAML'
roadmap: 1
office:
  id: o1
  name: O
  ministry: lgd
services:
  - id: s1
    name: S1
    plan:
      priority: 1
      due: 2062-11-25
      history:
        - date: 2026-11-29
          status: planned
        - date: 2062-11-25
          status: designing
approval:
  by: H
  date: 2026-11-30
  submitted: 2027-01-01
workshops:
  - kind: design
    date: 2026-12-01
YAML
run -C "$R" check
expect_rc 0 "dates later than tomorrow are warnings, not errors"
expect_contains "$ERR" "offices/lgd/o1.yaml:15:17: warning: history date 2062-11-25 is later than tomorrow (2026-11-29)" \
	"a history date, at its value"
expect_contains "$ERR" "offices/lgd/o1.yaml:19:9: warning: approval date 2026-11-30 is later than tomorrow (2026-11-29)" \
	"the approval date"
expect_contains "$ERR" "offices/lgd/o1.yaml:20:14: warning: submission date 2027-01-01 is later than tomorrow (2026-11-29)" \
	"the submission date"
expect_contains "$ERR" "offices/lgd/o1.yaml:23:11: warning: workshop date 2026-12-01 is later than tomorrow (2026-11-29)" \
	"a workshop date"
expect_contains "$ERR" "hint: a date here records what has happened; is the year right?" "with a hint"
expect_not_contains "$ERR" "2026-11-29 is later" "tomorrow is not warned of"
expect_not_contains "$ERR" "due" "nor a due date"
expect_contains "$ERR" "1 office checked, 0 errors, 5 warnings" "four dates and the missing digest"
ROADMAP_TODAY=bad run -C "$R" check
expect_rc 2 "check needs today: an invalid ROADMAP_TODAY is a usage error"

finish
