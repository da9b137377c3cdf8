#!/usr/bin/env bash
# The README's tutorial, run as written: every command succeeds on a copy
# of the bundled data, and the results are the ones it describes.
. "$(dirname "$0")/lib.sh"

# roadmap on PATH, as tests/run.sh demo installs it; a home of its own, so
# the tutorial's own `git config --global` gives git its identity.
export PATH="$(dirname "$ROADMAP"):$PATH"
export HOME=$TMP/home GIT_CONFIG_NOSYSTEM=1
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
mkdir -p "$HOME"
script="$TMP/tutorial.sh"
awk '/^## Tutorial/ {t = 1} t && /^```sh$/ {c = 1; next} c && /^```$/ {exit} c' \
	"$ROADMAP_SRC/README.md" | sed "s|/tmp/lgd|$TMP/lgd|g; s|^cp -R data|cp -R \"\$ROADMAP_SRC/data\"|" >"$script"
lines=$(grep -c '^roadmap ' "$script")
[ "$lines" -ge 10 ] && pass "the tutorial has its commands ($lines)" ||
	fail "the tutorial has its commands" "found $lines in $(cat "$script")"

(cd "$TMP" && set -e && . "$script") >"$TMP/tut.out" 2>"$TMP/tut.err"
rc=$?
expect_eq "$rc" 0 "every tutorial command succeeds"
[ "$rc" -eq 0 ] || cat "$TMP/tut.err" | sed 's/^/#   /'

f="$TMP/lgd/offices/lgd/kcc.yaml"
run -C "$TMP/lgd" check kcc
expect_rc 0 "the office is valid afterwards"
expect_contains "$(cat "$f")" "name_bn: ট্রেড লাইসেন্স নবায়ন" "the Bengali name is stored as typed"
expect_contains "$(cat "$f")" "tcv: {days: 15, cost: 800, visits: 3}" "Bengali digits are stored as numbers"
expect_contains "$(cat "$f")" "date: 2026-11-01" "১৬ কার্তিক ১৪৩৩ is stored as 2026-11-01"
expect_contains "$(cat "$TMP/tut.out")" "trade-licence-renewal" "add-service prints the new id"
expect_contains "$(cat "$TMP/tut.out")" "1 file changed, 29 insertions(+)" "the YAML diff only adds lines"
expect_contains "$(cat "$TMP/tut.out")" "+approval.memo: ৪৬.৪৩.৪৭০০.০০০.০১৮.০০২.২০২৬-১২" "git diff speaks the domain"
expect_contains "$(cat "$TMP/tut.out")" "২,২১,৯৯" "the totals come in Bengali digits"
expect_contains "$(cat "$TMP/tut.out")" "১৬ আষাঢ় ১৪৩৪" "the services report gives the due date 2027-06-30 in the Bangla calendar"
expect_contains "$(cat "$f")" "        - date: 2026-11-24
          status: designing" "--amend corrected the last entry's date"
expect_contains "$(cat "$TMP/tut.out")" "2026-11-24  designing  Design workshop done" "show lists the corrected history"
expect_contains "$(cat "$TMP/tut.err")" "kcc: trade-licence-renewal last history entry corrected" "each write says what it did"
expect_eq "$(git -C "$TMP/lgd" log -1 --skip=1 --format='%an: %s')" "Your Name: kcc: trade licence renewal planned and approved" \
	"the tutorial's commit passes the hook, under the identity it set"
ncc="$TMP/lgd/offices/lgd/ncc.yaml"
expect_contains "$(cat "$ncc")" "id: market-lease" "import added the first row, its id made from its English name"
expect_contains "$(cat "$ncc")" "name_bn: ওয়ারিশ সনদ" "import kept the Bengali name as typed"
expect_contains "$(cat "$TMP/tut.err")" "would add 2" "the dry run says what it would add"
expect_contains "$(cat "$TMP/tut.err")" "is now stale" "the import says the approval is now stale"
expect_eq "$(git -C "$TMP/lgd" log -1 --format='%s')" "ncc: inventory imported from the spreadsheet" \
	"the imported office passes the hook"
expect_eq "$(grep -cE '^ +Total +2018-19 +21 +18 +21 +13 ' "$TMP/tut.out")" 1 \
	"the APA of 2018-19: 18 services went live, 13 of 21 offices met the target"
expect_eq "$(head -c 2 "$TMP/meeting.xlsx")" "PK" "the meeting's workbook is written"
for page in dashboard dashboard-bn; do
	expect_contains "$(cat "$TMP/$page.html")" "<svg" "$page.html holds its charts"
done
expect_contains "$(cat "$TMP/dashboard-bn.html")" "lang=\"bn\"" "the Bengali dashboard says its language"
expect_eq "$(git -C "$TMP/lgd" status --porcelain -- offices schema .vscode .gitattributes)" "" \
	"the commit holds the office and the files git-setup wrote"
finish
