#!/usr/bin/env bash
# The merge driver through real git: two desks edit one office on two
# branches with the CLI, as officers would, and 'git merge', 'git rebase'
# and 'git cherry-pick' bring the branches together.  Edits to different
# services or added services merge cleanly, keeping comments and order; a
# true conflict stops git with markers around just the field or service it
# is about, which 'roadmap check' and 'roadmap merge-driver --explain' name.
. "$(dirname "$0")/lib.sh"

if ! command -v git >/dev/null; then
	skip_all "git is not installed (Debian package git)"
fi
export GIT_CONFIG_NOSYSTEM=1 HOME="$TMP/home"
mkdir -p "$HOME"
git config --global user.name "Desk Officer"
git config --global user.email "officer@example.gov.bd"
git config --global init.defaultBranch main
git config --global advice.detachedHead false
F=offices/lgd/nilg.yaml

# fresh NAME: a git repository of the bundled data with git-setup run and
# two services of nilg planned, committed on main; cd there.
fresh() {
	repo="$TMP/$1"
	new_repo "$repo" && cd "$repo" || exit 1
	git init -q . && "$ROADMAP" git-setup >/dev/null || fail "$1: git-setup"
	ed plan nilg hostel-booking --priority 3 --due 2027-06-30 \
		--target-days 1 --target-cost 0 --target-visits 0 \
		--status planned --date 2026-01-10
	ed plan nilg research-report-request --priority 4 --due 2027-06-30 \
		--target-days 1 --target-cost 0 --target-visits 0 \
		--status planned --date 2026-01-10
	commit base
}

# ed CMD...: an edit by the CLI in the current repository; a refusal fails.
ed() {
	if ! "$ROADMAP" "$@" -q >"$TMP/ed.out" 2>&1; then
		fail "roadmap $*" "$(cat "$TMP/ed.out")"
	fi
}

commit() { git add -A && git commit -q --no-verify -m "$1" >/dev/null 2>&1; }

# branch NAME: start branch NAME from main.
branch() { git checkout -q -b "$1" main; }

# gitrun CMD...: git, capturing $OUT, $ERR and $RC, and both outputs in
# $GIT_SAID (kept when a later run replaces the others).
gitrun() {
	git "$@" >"$TMP/.out" 2>"$TMP/.err"
	RC=$?
	OUT=$(cat "$TMP/.out")
	ERR=$(cat "$TMP/.err")
	GIT_SAID="$ERR$OUT"
}

# ids: the service ids of nilg, in file order, on one line.
ids() { sed -n 's/^  - id: //p' "$F" | tr '\n' ' ' | sed 's/ $//'; }

# clean WHAT: git finished, the file has no markers, roadmap check passes
# and the comments of the base are kept.
clean() {
	expect_rc 0 "$1: git completes"
	if grep -q '^<<<<<<<\|^=======\|^>>>>>>>' "$F"; then
		fail "$1: no conflict markers" "$(grep -n '^[<=>]\{7\}' "$F")"
	else
		pass "$1: no conflict markers"
	fi
	run check nilg
	expect_rc 0 "$1: roadmap check passes"
	expect_contains "$(cat "$F")" "# postage counted in the cost" \
		"$1: the base's comments are kept"
	expect_eq "$(head -n 1 "$F")" "# National Institute of Local Government, Agargaon" \
		"$1: the head comment is kept"
}

# history SERVICE: the dates and statuses of its history, one line.
history() {
	awk -v id="$1" '
		/^  - id: / {on = ($3 == id)}
		on && /- date: / {d = $3}
		on && /status: / && d {printf "%s%s %s", sep, d, $2; sep = ", "; d = ""}
	' "$F"
}

# conflicted WHAT WORD...: git stopped, the file holds small marked
# regions (a few lines in all), check and --explain name each WORD.
conflicted() {
	local what=$1 region w
	shift
	expect_rc 1 "$what: git stops"
	expect_contains "$GIT_SAID" "CONFLICT (content)" "$what: git reports a conflict"
	region=$(awk '/^<<<<<<</ {on = 1} on {n++} /^>>>>>>>/ {on = 0} END {print n + 0}' "$F")
	if [ "$region" -gt 2 ] && [ "$region" -le 24 ]; then
		pass "$what: the markers hold a few lines ($region)"
	else
		fail "$what: the markers hold a few lines" "$region lines" "$(cat "$F")"
	fi
	expect_contains "$(head -n 3 "$F")" "roadmap: 1" "$what: the lines before it are the file's"
	run check nilg
	expect_rc 1 "$what: roadmap check fails"
	run merge-driver --explain
	expect_rc 1 "$what: --explain finds the conflict"
	for w in "$@"; do
		expect_contains "$OUT" "$w" "$what: --explain names '$w'"
	done
	expect_contains "$OUT" "$F: " "$what: --explain names the file"
	run merge-driver --explain "$F"
	expect_rc 1 "$what: --explain PATH finds it too"
	git merge --abort 2>/dev/null || git rebase --abort 2>/dev/null ||
		git cherry-pick --abort 2>/dev/null
}

# ---- clean merges ----------------------------------------------------------

fresh both-add
branch a
ed add-service nilg --id alpha-licence --name "Alpha licence" --recipients citizen \
	--days 5 --cost 100 --visits 2
commit a
branch b
ed add-service nilg --id beta-permit --name "Beta permit" --recipients business \
	--days 9 --cost 300 --visits 3
commit b
git checkout -q a
gitrun merge --no-edit b
clean "both add services (merge)"
expect_eq "$(ids)" "training-enrolment training-certificate hostel-booking research-report-request alpha-licence beta-permit" \
	"both add: ours then theirs, after the base's services"
expect_contains "$GIT_SAID" "Auto-merging $F" "both add: git ran a merge of the office"

fresh plan-add
branch a
ed plan nilg hostel-booking --status designing --date 2026-03-01 --note "Design sprint"
commit a
branch b
ed add-service nilg --id beta-permit --name "Beta permit" --recipients business \
	--days 9 --cost 300 --visits 3
commit b
gitrun rebase a
clean "one plans, the other adds (rebase)"
expect_eq "$(history hostel-booking)" "2026-01-10 planned, 2026-03-01 designing" \
	"plan-add: the plan's new entry is there"
expect_contains "$(cat "$F")" "note: Design sprint" "plan-add: with its note"
expect_eq "$(ids)" "training-enrolment training-certificate hostel-booking research-report-request beta-permit" \
	"plan-add: the added service is there"

fresh history-two
branch a
ed plan nilg hostel-booking --status designing --date 2026-03-01
commit a
branch b
ed plan nilg research-report-request --status designing --date 2026-03-02
commit b
git checkout -q a
gitrun cherry-pick b
clean "history added to different services (cherry-pick)"
expect_eq "$(history hostel-booking)" "2026-01-10 planned, 2026-03-01 designing" \
	"history-two: ours"
expect_eq "$(history research-report-request)" "2026-01-10 planned, 2026-03-02 designing" \
	"history-two: theirs"

fresh history-same
branch a
ed plan nilg hostel-booking --status designing --date 2026-03-01
ed plan nilg hostel-booking --status piloting --date 2026-07-01
commit a
branch b
ed plan nilg hostel-booking --status developing --date 2026-05-01
commit b
git checkout -q a
gitrun merge --no-edit b
clean "history added to one service on both sides (merge)"
expect_eq "$(history hostel-booking)" \
	"2026-01-10 planned, 2026-03-01 designing, 2026-05-01 developing, 2026-07-01 piloting" \
	"history-same: entries in date order"

fresh workshops
branch a
ed workshop nilg --kind roadmap --date 2026-10-05 --batch 1 --participants 20
commit a
branch b
ed workshop nilg --kind design --date 2026-10-12 --participants 5 --head-present
commit b
git checkout -q a
gitrun merge --no-edit b
clean "both record workshops (merge)"
expect_contains "$(cat "$F")" "date: 2026-10-05" "workshops: ours"
expect_contains "$(cat "$F")" "date: 2026-10-12" "workshops: theirs"
expect_eq "$(grep -c 'kind:' "$F")" 4 "workshops: the base's two and both new ones"

fresh rename
branch a
ed rename-service nilg hostel-booking hostel-reservation
commit a
branch b
ed plan nilg hostel-booking --status designing --date 2026-03-01
commit b
git checkout -q a
gitrun merge --no-edit b
clean "one renames a service, the other plans it (merge)"
expect_eq "$(history hostel-reservation)" "2026-01-10 planned, 2026-03-01 designing" \
	"rename: the renamed service has the plan"
expect_not_contains "$(cat "$F")" "id: hostel-booking" "rename: the old id is gone"

fresh stale
branch a
ed approve nilg --by "Director General" --date 2026-11-01
commit a
digest=$(grep 'digest:' "$F")
branch b
ed add-service nilg --id beta-permit --name "Beta permit" --recipients business \
	--days 9 --cost 300 --visits 3
commit b
git checkout -q a
gitrun merge --no-edit b
clean "one approves, the other adds (merge)"
expect_eq "$(grep 'digest:' "$F")" "$digest" "stale: the approval's digest is ours, not a new one"
expect_contains "$GIT_SAID" "$F: the merged approval is stale" "stale: the driver says so"
run check nilg
expect_contains "$ERR" "stale" "stale: roadmap check warns of it"

# one branch only adds a comment, the other adds a service: the comment is
# kept, through merge and through rebase (which must not drop the commit
# as already upstream)
comment_branches() {
	fresh "$1"
	branch a
	ed add-service nilg --id beta-permit --name "Beta permit" --recipients business \
		--days 9 --cost 300 --visits 3
	commit a
	branch b
	sed -i 's/^  - id: hostel-booking$/  # booked through the front desk since 2025\n&/' "$F"
	commit "a comment"
}
comment_branches comment-merge
git checkout -q a
gitrun merge --no-edit b
clean "a comment on one side, a service on the other (merge)"
expect_contains "$(cat "$F")" "  # booked through the front desk since 2025
  - id: hostel-booking" "comment-merge: their comment is kept, above its service"
expect_contains "$(ids)" "beta-permit" "comment-merge: our service is there"
comment_branches comment-rebase
gitrun rebase a
clean "a comment on one side, a service on the other (rebase)"
expect_eq "$(git rev-list --count a..HEAD)" 1 "comment-rebase: the comment's commit is not dropped"
expect_contains "$(cat "$F")" "# booked through the front desk since 2025" \
	"comment-rebase: the comment is kept"
expect_contains "$(ids)" "beta-permit" "comment-rebase: the service is there"

# a comment that git's line merge cannot keep (both sides changed its
# line): the model's merge, and the driver names the comment it lost
fresh comment-lost
branch a
ed set-service nilg hostel-booking --name "Hostel booking online"
commit a
branch b
sed -i 's/^    name: Training hostel booking$/&  # as in the gazette/' "$F"
commit "a comment"
git checkout -q a
gitrun merge --no-edit b
clean "a comment on a line our side changed (merge)"
expect_contains "$GIT_SAID" "$F: comments their side added or changed are not kept:
  # as in the gazette" "comment-lost: the driver names the comment it lost"
expect_contains "$(cat "$F")" "name: Hostel booking online" "comment-lost: our change is kept"

# ---- true conflicts --------------------------------------------------------

fresh same-field
branch a
ed set-service nilg hostel-booking --days 4 --cost 200 --visits 2
commit a
branch b
ed set-service nilg hostel-booking --days 3 --cost 200 --visits 2
commit b
git checkout -q a
gitrun merge --no-edit b
expect_contains "$ERR" "$F: service hostel-booking" "same field: the driver names the service"
expect_contains "$ERR" "git add $F" "same field: and how to go on"
check_out=$("$ROADMAP" check nilg 2>&1)
expect_contains "$check_out" "hostel-booking" "same field: roadmap check names the service"
expect_contains "$check_out" "tcv" "same field: roadmap check names the field"
conflicted "the same field changed on both sides" "service hostel-booking" "tcv"

# merge.conflictStyle given for one run, in git's environment (libgit2
# reads only the config files)
diff3_branches() {
	fresh "$1"
	branch a
	ed set-service nilg hostel-booking --days 4 --cost 200 --visits 2
	commit a
	branch b
	ed set-service nilg hostel-booking --days 3 --cost 200 --visits 2
	commit b
	git checkout -q a
}
diff3_branches diff3-c
gitrun -c merge.conflictStyle=diff3 merge --no-edit b
expect_rc 1 "git -c merge.conflictStyle=diff3: git stops"
expect_eq "$(grep -c '^||||||| ' "$F")" 1 "git -c merge.conflictStyle=diff3: the base's part is written"
git merge --abort
diff3_branches diff3-env
GIT_CONFIG_COUNT=2 GIT_CONFIG_KEY_0=merge.conflictstyle GIT_CONFIG_VALUE_0=merge \
	GIT_CONFIG_KEY_1=MERGE.ConflictStyle GIT_CONFIG_VALUE_1=diff3 gitrun merge --no-edit b
expect_eq "$(grep -c '^||||||| ' "$F")" 1 "GIT_CONFIG_COUNT: the last merge.conflictStyle, any case, is taken"
git merge --abort
diff3_branches diff3-old
GIT_CONFIG_PARAMETERS="'user.name'='O'\\''Brien' 'merge.conflictstyle=diff3'" gitrun merge --no-edit b
expect_eq "$(grep -c '^||||||| ' "$F")" 1 "GIT_CONFIG_PARAMETERS of older gits ('key=value'), after a quoted quote"
git merge --abort
git config merge.conflictStyle diff3
gitrun -c merge.conflictstyle=merge merge --no-edit b
expect_eq "$(grep -c '^||||||| ' "$F")" 0 "git -c merge.conflictstyle=merge: before the config file's diff3"
git merge --abort
git config --unset merge.conflictStyle

fresh removed
branch a
ed remove-service nilg research-report-request --force
commit a
branch b
ed set-service nilg research-report-request --name "Research report copy"
commit b
git checkout -q a
gitrun merge --no-edit b
conflicted "removed by ours, changed by theirs" "research-report-request" "removed"

fresh same-id
branch a
ed add-service nilg --id new-permit --name "New permit" --recipients citizen \
	--days 5 --cost 100 --visits 2
commit a
branch b
ed add-service nilg --id new-permit --name "New licence" --recipients business \
	--days 9 --cost 300 --visits 3
commit b
git checkout -q a
gitrun merge --no-edit b
conflicted "one new id, different content" "new-permit" "added on both sides"

fresh approvals
branch a
ed approve nilg --by "Director General" --date 2026-11-01
commit a
ours_digest=$(grep 'digest:' "$F")
branch b
ed plan nilg hostel-booking --priority 2
ed approve nilg --by "Director General" --date 2026-11-02
commit b
theirs_digest=$(grep 'digest:' "$F")
git checkout -q a
gitrun merge --no-edit b
digests=$(grep 'digest:' "$F" | sort -u)
expect_eq "$digests" "$(printf '%s\n%s\n' "$ours_digest" "$theirs_digest" | sort -u)" \
	"two approvals: the digests are ours and theirs, no new one"
conflicted "two different approvals" "approval"

fresh status-order
branch a
ed plan nilg hostel-booking --status developing --date 2026-05-01
commit a
branch b
ed plan nilg hostel-booking --status designing --date 2026-06-01
commit b
git checkout -q a
gitrun merge --no-edit b
conflicted "history that breaks the status order" "hostel-booking" "plan.history"

# ---- line ends, invalid sides, new files, criss-cross ----------------------

fresh crlf
branch a
ed add-service nilg --id alpha-licence --name "Alpha licence" --recipients citizen \
	--days 5 --cost 100 --visits 2
commit a
branch b
sed -i 's/$/\r/' "$F"
commit crlf
ed add-service nilg --id beta-permit --name "Beta permit" --recipients business \
	--days 9 --cost 300 --visits 3
commit b
git checkout -q a
gitrun merge --no-edit b
clean "CRLF on one side (merge)"
expect_contains "$(ids | tr -d '\r')" "alpha-licence beta-permit" "crlf: both services"
crs=$(grep -c $'\r$' "$F")
lines=$(wc -l <"$F")
if [ "$crs" -eq 0 ] || [ "$crs" -eq "$lines" ]; then
	pass "crlf: one line end throughout ($crs of $lines lines end in CR)"
else
	fail "crlf: one line end throughout" "$crs of $lines lines end in CR"
fi

fresh invalid
branch a
ed set-service nilg research-report-request --recipients business
commit a
branch b
sed -i 's/^    recipients: citizen$/    recipients: nobody/' "$F"
commit invalid
git checkout -q a
gitrun merge --no-edit b
expect_rc 1 "invalid on one side: git stops"
expect_contains "$ERR" "$F (theirs)" "invalid on one side: the diagnostics name their side"
expect_contains "$ERR" "$F: left git's line merge" "invalid on one side: the driver says what it left"
expect_contains "$(cat "$F")" "<<<<<<< ours" "invalid on one side: git's line merge, with markers"
expect_contains "$(cat "$F")" "recipients: nobody" "invalid on one side: their line in the markers"
expect_eq "$(grep -c '^<<<<<<< ' "$F")" 1 "invalid on one side: around the one changed line"
git merge --abort

# a line merge that is clean but invalid: ours adds a service, theirs
# renames another onto its id; git must stop, never commit two services
# with one id
fresh rename-onto
branch a
ed add-service nilg --id hostel-reservation --name "Hostel reservation" \
	--recipients citizen --days 5 --cost 100 --visits 2
commit a
branch b
ed rename-service nilg hostel-booking hostel-reservation
commit b
git checkout -q a
head_before=$(git rev-parse HEAD)
gitrun merge --no-edit b
expect_rc 1 "renamed onto the other side's new id: git stops"
expect_eq "$(git rev-parse HEAD)" "$head_before" "rename-onto: nothing was committed"
run check nilg
expect_rc 1 "rename-onto: roadmap check fails until it is resolved"
git merge --abort

fresh add-add
git checkout -q -b a
ed add-office newo --ministry lgd --name "New office" --head "Director"
ed add-service newo --id alpha-licence --name "Alpha licence" --recipients citizen \
	--days 5 --cost 100 --visits 2
commit a
git checkout -q -b b main
ed add-office newo --ministry lgd --name "New office" --head "Director"
ed add-service newo --id beta-permit --name "Beta permit" --recipients business \
	--days 9 --cost 300 --visits 3
commit b
git checkout -q a
gitrun merge --no-edit b
expect_rc 0 "one office added on both branches: git completes"
expect_eq "$(sed -n 's/^  - id: //p' offices/lgd/newo.yaml | tr '\n' ' ')" \
	"alpha-licence beta-permit " "add/add: both services, ours first"
run check newo
expect_rc 0 "add/add: roadmap check passes"

# criss-cross: a and b merge each other, then change more; their last
# merge has two merge bases, which git merges first into a virtual
# ancestor with merge.roadmap.recursive, the ancestor driver (logged here)
fresh criss-cross
anc=$(git config merge.roadmap-ancestor.driver)
git config merge.roadmap-ancestor.driver "echo ancestor >>'$TMP/ancestor.log'; $anc"
branch a
ed add-service nilg --id alpha-licence --name "Alpha licence" --recipients citizen \
	--days 5 --cost 100 --visits 2
commit a1
branch b
ed add-service nilg --id beta-permit --name "Beta permit" --recipients business \
	--days 9 --cost 300 --visits 3
commit b1
git checkout -q a && git merge -q --no-edit b~0 >/dev/null 2>&1
git checkout -q b && git merge -q --no-edit a~1 >/dev/null 2>&1
ed plan nilg research-report-request --status designing --date 2026-03-02
commit b3
git checkout -q a
ed plan nilg hostel-booking --status designing --date 2026-03-01
commit a3
expect_eq "$(git merge-base --all a b | wc -l)" 2 "criss-cross: two merge bases"
gitrun merge --no-edit b
clean "criss-cross merge"
if [ -s "$TMP/ancestor.log" ]; then pass "criss-cross: git ran the ancestor driver"
else fail "criss-cross: git ran the ancestor driver" "$ERR"; fi
expect_eq "$(ids)" "training-enrolment training-certificate hostel-booking research-report-request alpha-licence beta-permit" \
	"criss-cross: each service once"
expect_eq "$(history research-report-request)" "2026-01-10 planned, 2026-03-02 designing" \
	"criss-cross: theirs"

# ---- --explain of git's index ----------------------------------------------

fresh explain-none
run merge-driver --explain
expect_rc 0 "--explain with nothing conflicted"
expect_eq "$OUT" "no conflicted roadmap files" "--explain says no roadmap file is conflicted"

# a clone where git-setup was not run: git's own merge conflicts where the
# driver would not; --explain says so, and how to merge it again
fresh no-driver
git config --remove-section merge.roadmap
branch a
ed add-service nilg --id alpha-licence --name "Alpha licence" --recipients citizen \
	--days 5 --cost 100 --visits 2
commit a
branch b
ed add-service nilg --id beta-permit --name "Beta permit" --recipients business \
	--days 9 --cost 300 --visits 3
commit b
git checkout -q a
gitrun merge --no-edit b
expect_rc 1 "without the driver: git's own merge conflicts"
run merge-driver --explain
expect_rc 1 "no-driver: --explain fails"
expect_eq "$OUT" "$F: merges cleanly with 'roadmap merge-driver'; git did not run it (run 'roadmap git-setup' in this clone), then 'git checkout -m $F' merges it again" \
	"no-driver: --explain says git did not run the driver, and what to do"
"$ROADMAP" git-setup >/dev/null || fail "no-driver: git-setup"
gitrun checkout -m "$F"
expect_rc 0 "no-driver: 'git checkout -m' merges it again"
run check nilg
expect_rc 0 "no-driver: the file merged again passes roadmap check"
expect_eq "$(ids)" "training-enrolment training-certificate hostel-booking research-report-request alpha-licence beta-permit" \
	"no-driver: both services, ours then theirs"
git merge --abort

mkdir -p "$TMP/not-git" && cd "$TMP/not-git" || exit 1
run merge-driver --explain
expect_rc 2 "--explain outside a git repository"
expect_contains "$ERR" "not a git repository" "not-git: says so"
expect_contains "$ERR" "hint: without files, --explain reads the conflicts of a merge" \
	"not-git: with a hint about merges"
expect_not_contains "$ERR" "a revision is read" "not-git: not the hint about revisions"

# ---- the driver by hand ----------------------------------------------------

cd "$TMP" || exit 1
git -C "$TMP/both-add" show main:$F >base.yaml
git -C "$TMP/both-add" show a~1:$F >ours.yaml 2>/dev/null ||
	git -C "$TMP/both-add" show main:$F >ours.yaml
cp base.yaml theirs.yaml
run merge-driver base.yaml ours.yaml theirs.yaml
expect_rc 0 "by hand: an unchanged side merges cleanly"
run merge-driver --explain base.yaml ours.yaml theirs.yaml $F
expect_rc 0 "--explain of a clean merge"
expect_eq "$OUT" "no conflicts" "--explain says so"
# --marker-size: 0 is git's default, more than 1000 is 1000
sed 's/^    name: Training hostel booking$/    name: Hostel booking A/' base.yaml >ours.yaml
sed 's/^    name: Training hostel booking$/    name: Hostel booking B/' base.yaml >theirs.yaml
for size in 0:7 3:3 5000:1000; do
	cp ours.yaml merged.yaml
	run merge-driver --marker-size "${size%%:*}" base.yaml merged.yaml theirs.yaml $F
	expect_rc 1 "--marker-size ${size%%:*}: a conflict"
	n=$(sed -n 's/^\(<*\) ours$/\1/p' merged.yaml | tr -d '\n' | wc -c)
	expect_eq "$n" "${size##*:}" "--marker-size ${size%%:*}: markers of ${size##*:}"
done
run merge-driver --help
expect_contains "$OUT" "  --theirs-label L  the name" "--help: --theirs-label L apart from its description"
cp base.yaml theirs.yaml
cp base.yaml ours.yaml
run merge-driver --explain base.yaml ours.yaml
expect_rc 2 "--explain with two files is a usage error"
run merge-driver base.yaml ours.yaml
expect_rc 2 "two files are a usage error"
run merge-driver base.yaml ours.yaml nosuch.yaml
expect_rc 1 "a missing file fails"
expect_contains "$ERR" "nosuch.yaml" "...and is named"

finish
