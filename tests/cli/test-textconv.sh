#!/usr/bin/env bash
# roadmap textconv: list items named by identity and comments shown where
# they are, so that git's line diff of an office (the diff driver
# 'roadmap git-setup' configures) shows one added or removed item as that
# item's lines only, and a comment-only change as a changed line.
. "$(dirname "$0")/lib.sh"

# ---- golden output of an office built with the CLI ----------------------
R="$TMP/golden"
new_repo "$R"
o="$R/offices/lgd/tco.yaml"
{
	"$ROADMAP" -C "$R" add-office tco --ministry lgd --name "Test City Office" \
		--name-bn "পরীক্ষা অফিস" --head "Chief Executive"
	"$ROADMAP" -C "$R" add-service tco --id trade --name "Trade licence" \
		--recipients business --days 15 --cost 2000 --visits 3 --since 2026-01-05
	"$ROADMAP" -C "$R" add-service tco --id fees --name "Fees #1 and #2" --since 2026-01-05
	"$ROADMAP" -C "$R" add-service tco --id birth --name "C#" --since 2026-01-05
	"$ROADMAP" -C "$R" plan tco trade --priority 1 --due 2027-06-30 --target-days 3 \
		--target-cost 300 --target-visits 1 --status planned --date 2026-09-01
	"$ROADMAP" -C "$R" plan tco trade --status designing --date 2026-10-01 \
		--note "Design workshop done"
	"$ROADMAP" -C "$R" workshop tco --kind roadmap --date 2026-10-05 --batch 1 \
		--participants 3 --head-present
	"$ROADMAP" -C "$R" workshop tco --kind roadmap --date 2026-10-05 --batch 2 \
		--participants 24
	"$ROADMAP" -C "$R" workshop tco --kind design --date 2026-11-02 --participants 5
} >"$TMP/build.out" 2>&1
expect_eq "$?" 0 "the sample office is built with the CLI"
# comments by hand: at the top, above an item, at the end of a line
sed -i -e '1i # Test City Office: the roadmap of 2026' \
	-e 's/^  - id: birth$/  # added at the October meeting\n&/' \
	-e 's/^      priority: 1$/&  # agreed/' "$o"
run textconv "$o"
expect_rc 0 "textconv of the sample office"
expect_eq "$OUT" '# Test City Office: the roadmap of 2026
roadmap: 1
office.id: tco
office.name: Test City Office
office.name_bn: পরীক্ষা অফিস
office.ministry: lgd
office.head: Chief Executive
trade name: Trade licence
trade recipients: business
trade tcv.days: 15
trade tcv.cost: 2000
trade tcv.visits: 3
trade since: 2026-01-05
trade plan.priority: 1
# trade plan.priority: agreed
trade plan.due: 2027-06-30
trade plan.tcv.days: 3
trade plan.tcv.cost: 300
trade plan.tcv.visits: 1
trade plan.history[2026-09-01 planned].date: 2026-09-01
trade plan.history[2026-09-01 planned].status: planned
trade plan.history[2026-10-01 designing].date: 2026-10-01
trade plan.history[2026-10-01 designing].status: designing
trade plan.history[2026-10-01 designing].note: Design workshop done
fees name: Fees #1 and #2
fees since: 2026-01-05
# birth: added at the October meeting
birth name: C#
birth since: 2026-01-05
workshops[roadmap 2026-10-05 #1].kind: roadmap
workshops[roadmap 2026-10-05 #1].date: 2026-10-05
workshops[roadmap 2026-10-05 #1].batch: 1
workshops[roadmap 2026-10-05 #1].participants: 3
workshops[roadmap 2026-10-05 #1].head_present: true
workshops[roadmap 2026-10-05 #2].kind: roadmap
workshops[roadmap 2026-10-05 #2].date: 2026-10-05
workshops[roadmap 2026-10-05 #2].batch: 2
workshops[roadmap 2026-10-05 #2].participants: 24
workshops[design 2026-11-02].kind: design
workshops[design 2026-11-02].date: 2026-11-02
workshops[design 2026-11-02].participants: 5' "textconv: the golden output of the sample office"
# a '#' inside a value is never a comment: the values above hold their '#'
expect_contains "$(grep 'Fees' "$o" | tr '"' "'")" "name: 'Fees #1 and #2'" \
	"...the CLI quoted the name holding ' #'"
golden=$OUT
run textconv - <"$o"
expect_eq "$OUT" "$golden" "textconv - reads standard input alike"

# ---- comments: precisely the '#' that starts one -------------------------
cat >"$TMP/c.yaml" <<'EOF'
roadmap: 1   # version one
office:
  id: x  # the id
  name: 'a # b' # quoted
  name_bn: "c#d"
  head: e#f
  x-note: |  # header
    line # inside
    # inside too

  # above x-flow
  x-flow: {a: 1, # in flow
    b: "#"}
  x-tcv: {days: 3, cost: 300}  # per visit
# last
EOF
run textconv "$TMP/c.yaml"
expect_eq "$OUT" 'roadmap: 1
# roadmap: version one
office.id: x
# office.id: the id
office.name: a # b
# office.name: quoted
office.name_bn: c#d
office.head: e#f
office.x-note: line # inside\n# inside too\n
# office.x-note: header
# office.x-flow: above x-flow
office.x-flow.a: 1
# office.x-flow.a: in flow
office.x-flow.b: #
office.x-tcv.days: 3
office.x-tcv.cost: 300
# office.x-tcv.cost: per visit
# last' "textconv: comments after the last value of their line or before the next, never a '#' in a scalar"
printf '\xef\xbb\xbfroadmap: 1 # এক\r\noffice:\r\n  name: খুলনা # নাম\r\n  #\tশেষ\r\n  head: "#x"\r\n' \
	>"$TMP/crlf.yaml"
run textconv "$TMP/crlf.yaml"
expect_eq "$OUT" 'roadmap: 1
# roadmap: এক
office.name: খুলনা
# office.name: নাম
# office.head:\tশেষ
office.head: #x' "textconv: comments after Bengali text, with a BOM and CRLF line ends"
printf '# nothing but a comment\n' >"$TMP/only.yaml"
run textconv "$TMP/only.yaml"
expect_eq "$OUT" "# nothing but a comment" "textconv: a file of comments only"

# ---- duplicates: every item keeps lines of its own ------------------------
cat >"$TMP/dup.yaml" <<'EOF'
roadmap: 1
services:
  - id: s1
    name: first
  - id: s1
    name: second
workshops:
  - {kind: roadmap, date: 2026-10-05, participants: 1}
  - {kind: roadmap, date: 2026-10-05, participants: 2}
  - {kind: roadmap, date: 2026-10-05, batch: 2, participants: 3}
  - {participants: 4}
EOF
run textconv "$TMP/dup.yaml"
expect_eq "$OUT" 'roadmap: 1
s1 name: first
s1 (2) name: second
workshops[roadmap 2026-10-05].kind: roadmap
workshops[roadmap 2026-10-05].date: 2026-10-05
workshops[roadmap 2026-10-05].participants: 1
workshops[roadmap 2026-10-05 (2)].kind: roadmap
workshops[roadmap 2026-10-05 (2)].date: 2026-10-05
workshops[roadmap 2026-10-05 (2)].participants: 2
workshops[roadmap 2026-10-05 #2].kind: roadmap
workshops[roadmap 2026-10-05 #2].date: 2026-10-05
workshops[roadmap 2026-10-05 #2].batch: 2
workshops[roadmap 2026-10-05 #2].participants: 3
workshops[4].participants: 4' "textconv: a duplicate gets (2); an item without its key its position"
expect_eq "$(printf '%s\n' "$OUT" | sort | uniq -d)" "" "...no two lines alike"

# ---- git diff through the driver -------------------------------------------
if ! command -v git >/dev/null; then
	skip_part "git diff through the textconv driver" "git is not installed (Debian package git)"
	finish
fi
export GIT_CONFIG_NOSYSTEM=1 HOME="$TMP/home"
mkdir -p "$HOME"
git config --global user.name "Desk Officer"
git config --global user.email "officer@example.gov.bd"
git config --global init.defaultBranch main
G="$TMP/repo"
new_repo "$G"
git -C "$G" init -q
run -C "$G" git-setup
expect_rc 0 "git-setup"
git -C "$G" add -A && git -C "$G" commit -q -m "The roadmap" >/dev/null 2>&1
expect_eq "$?" 0 "the bundled roadmap is committed"
f=offices/lgd/lged.yaml

# gitdiff: the -/+ lines of 'git diff' of $f, into $MINUS and $PLUS
gitdiff() {
	D=$(git -C "$G" diff -- "$f")
	MINUS=$(printf '%s\n' "$D" | grep -v '^---' | grep '^-' || true)
	PLUS=$(printf '%s\n' "$D" | grep -v '^+++' | grep '^+' || true)
}
count() { [ -z "$1" ] && echo 0 || printf '%s\n' "$1" | wc -l; }
commit_all() {
	git -C "$G" commit -q -a -m "$1" >/dev/null 2>&1
	expect_eq "$?" 0 "committed: $1"
}

run -C "$G" remove-workshop lged --kind roadmap --date 2017-08-20 --batch 3
expect_rc 0 "remove-workshop: the first of three workshops"
gitdiff
expect_eq "$(count "$MINUS")" 5 "git diff: the removed workshop's five lines go"
expect_eq "$(count "$PLUS")" 0 "...and no line comes"
expect_eq "$(printf '%s\n' "$MINUS" | grep -vc '^-workshops\[roadmap 2017-08-20 #3\]\.')" 0 \
	"...every line gone is the removed workshop's"
expect_contains "$MINUS" "-workshops[roadmap 2017-08-20 #3].participants: 3" \
	"...its participants among them"
commit_all "Workshop removed"

run -C "$G" plan lged road-cutting-permission --undo-last
expect_rc 0 "plan --undo-last"
gitdiff
expect_eq "$(count "$PLUS")" 0 "git diff of --undo-last: no line comes"
expect_eq "$MINUS" "-road-cutting-permission plan.history[2018-05-20 designing].date: 2018-05-20
-road-cutting-permission plan.history[2018-05-20 designing].status: designing" \
	"...the last entry's two lines go"
commit_all "Last entry undone"

run -C "$G" plan lged road-cutting-permission --amend --note "Kick-off with the ministry"
expect_rc 0 "plan --amend --note"
gitdiff
expect_eq "$(count "$MINUS")" 0 "git diff of a note added: no line goes"
expect_eq "$PLUS" "+road-cutting-permission plan.history[2017-09-14 planned].note: Kick-off with the ministry" \
	"...the note's line comes"
commit_all "Note added"

# a forgotten entry put back in the middle of a history by hand
sed -i 's/^        - date: 2018-03-15$/        - date: 2018-01-20\n          status: designing\n          note: Second round\n&/' \
	"$G/$f"
gitdiff
expect_eq "$(count "$MINUS")" 0 "git diff of an entry inserted by hand: no line goes"
expect_eq "$(count "$PLUS")" 3 "...its three lines come"
expect_eq "$(printf '%s\n' "$PLUS" | grep -vc '^+contractor-enlistment plan.history\[2018-01-20 designing\]\.')" 0 \
	"...all of them the new entry's"
git -C "$G" checkout -q -- "$f"

# comment-only changes
sed -i 's/^    # sold through e-GP since 2012: not part of the roadmap$/    # sold through e-GP since 2013/' \
	"$G/$f"
gitdiff
expect_eq "$(count "$MINUS"),$(count "$PLUS")" "1,1" "git diff of a comment changed: one line each way"
expect_contains "$MINUS" "since 2012: not part of the roadmap" "...the old comment goes"
expect_contains "$PLUS" "since 2013" "...the new one comes"
expect_eq "$(printf '%s\n' "$PLUS" | cut -c1-3)" "+# " "...as a comment line"
git -C "$G" checkout -q -- "$f"
sed -i 's/^  - kind: design$/  # the design workshop\n&/' "$G/$f"
gitdiff
expect_eq "$(count "$MINUS")" 0 "git diff of a comment added: no line goes"
expect_eq "$PLUS" "+# workshops[design 2017-12-10 #3]: the design workshop" \
	"...one line comes, naming the workshop it is above"
git -C "$G" checkout -q -- "$f"

# unchanged items print alike before and after a change elsewhere
git -C "$G" show HEAD:"$f" >"$TMP/before.yaml"
"$ROADMAP" textconv "$TMP/before.yaml" >"$TMP/before.txt"
run -C "$G" workshop lged --kind roadmap --date 2017-08-20 --batch 3 --participants 3 --head-present
expect_rc 0 "the workshop recorded again"
"$ROADMAP" textconv "$G/$f" >"$TMP/after.txt"
expect_eq "$(diff "$TMP/before.txt" "$TMP/after.txt" | grep -c '^<')" 0 \
	"textconv: every line of before is still there after a workshop is added"
expect_eq "$(diff "$TMP/before.txt" "$TMP/after.txt" | grep -c '^>')" 5 \
	"...and five lines are new"

finish
