#!/usr/bin/env bash
# roadmap git-setup on real git repositories: the pre-commit hook checks the
# staged offices (not the work tree's), refuses to replace a foreign hook,
# and the textconv diff driver makes 'git log -p' speak the domain.
. "$(dirname "$0")/lib.sh"

if ! command -v git >/dev/null; then
	skip_all "git is not installed (Debian package git)"
fi
# The hook and the diff driver call the binary that ran git-setup by its
# absolute path: roadmap is not on PATH here, as on a desk where it was
# built or unpacked somewhere of its own.
export PATH=/usr/bin:/bin
if command -v roadmap >/dev/null; then
	echo "# note: $(command -v roadmap) is on PATH; the hook must not use it"
fi
# the binary git-setup records when $ROADMAP runs it (under valgrind: the
# real one, which valgrind runs)
self=${ROADMAP_REAL:-$ROADMAP}
self=$(cd "$(dirname "$self")" && pwd)/$(basename "$self")
export GIT_CONFIG_NOSYSTEM=1 HOME="$TMP/home"
mkdir -p "$HOME"
git config --global user.name "Desk Officer"
git config --global user.email "officer@example.gov.bd"
git config --global init.defaultBranch main

# write_repo DIR: a roadmap repository with one valid office.
write_repo() {
	mkdir -p "$1/offices/lgd"
	cat >"$1/roadmap.yaml" <<-'EOF'
	roadmap: 1
	title: Test roadmap
	ministries:
	  - id: lgd
	    name: Local Government Division
	EOF
	cat >"$1/offices/lgd/lged.yaml" <<-'EOF'
	roadmap: 1
	office:
	  id: lged
	  name: Local Government Engineering Department
	  ministry: lgd
	services:
	  - id: contractor-enlistment
	    name: Contractor enlistment
	    plan:
	      priority: 1
	      history:
	        - date: 2017-10-31
	          status: planned
	EOF
}

office=offices/lgd/lged.yaml
set_priority() { # FILE N
	sed -i "s/priority: .*/priority: $2/" "$1"
}

# ---- setup -------------------------------------------------------------
repo="$TMP/repo"
write_repo "$repo"
run -C "$repo" git-setup
expect_rc 1 "git-setup outside a git work tree is refused"
expect_contains "$ERR" "not in a git work tree" "git-setup: says why"

git -C "$repo" init -q
run -C "$repo" git-setup
expect_rc 0 "git-setup in a git work tree"
hook="$repo/.git/hooks/pre-commit"
if [ -x "$hook" ]; then pass "the hook is installed and executable"
else fail "the hook is installed and executable" "no $hook"; fi
# quoted for the shell git runs the driver with
expect_eq "$(git -C "$repo" config diff.roadmap.textconv)" "'$self' textconv" \
	"diff.roadmap.textconv calls the binary that ran git-setup, by its absolute path"
expect_contains "$(cat "$hook")" "roadmap='$self'" \
	"the hook records the same binary"
expect_contains "$(cat "$repo/.gitattributes")" "offices/**/*.yaml diff=roadmap" \
	".gitattributes marks the office files"
expect_eq "$(git -C "$repo" check-attr diff -- "$office")" \
	"$office: diff: roadmap" "git applies the attribute to an office"
expect_eq "$(git -C "$repo" check-attr merge -- "$office")" \
	"$office: merge: roadmap" "git merges an office with the merge driver"
expect_eq "$(git -C "$repo" config merge.roadmap.driver)" \
	"'$self' merge-driver --marker-size=%L --ours-label=%X --theirs-label=%Y --base-label=%S %O %A %B %P" \
	"merge.roadmap.driver calls the same binary with git's placeholders"
expect_eq "$(git -C "$repo" config merge.roadmap.recursive)" "roadmap-ancestor" \
	"criss-cross merges build their ancestor with the ancestor driver"
expect_eq "$(git -C "$repo" config merge.roadmap-ancestor.driver)" \
	"'$self' merge-driver --ancestor --marker-size=%L %O %A %B %P" \
	"merge.roadmap-ancestor.driver is the driver in --ancestor mode"

expect_contains "$(cat "$hook")" 'check --cached' \
	"the hook checks the index itself (check --cached)"
expect_not_contains "$(cat "$hook")" 'checkout-index' \
	"...with no copy of the staged files"

# a hook of an older roadmap (one that checked a checkout-index copy) is
# roadmap's own: git-setup rewrites it
printf '#!/bin/sh\n# roadmap pre-commit hook, installed by roadmap git-setup (roadmap-git-setup(1)).\ngit checkout-index -z --stdin --prefix="$tmp/"\n' >"$hook"
run -C "$repo" git-setup
expect_rc 0 "git-setup again updates its own hook"
expect_contains "$(cat "$hook")" 'check --cached' "an older hook of roadmap's is rewritten"
expect_not_contains "$(cat "$hook")" 'checkout-index' "...and the temporary copy is gone"
expect_eq "$(grep -c 'diff=roadmap' "$repo/.gitattributes")" 2 \
	"git-setup again adds no duplicate attribute lines"

# a hook roadmap did not write is kept unless --force
printf '#!/bin/sh\necho foreign hook\n' >"$hook"
cp "$hook" "$TMP/foreign"
run -C "$repo" git-setup
expect_rc 1 "git-setup refuses to replace a foreign hook"
expect_contains "$ERR" "--force" "the refusal names --force"
expect_same_file "$hook" "$TMP/foreign" "the foreign hook is untouched"
run -C "$repo" git-setup --force
expect_rc 0 "git-setup --force replaces it"
expect_contains "$(cat "$hook")" "roadmap git-setup" "the hook is roadmap's now"
run -C "$repo" git-setup --bogus
expect_rc 2 "an unknown option is a usage error"

# a FIFO where .gitattributes goes is refused, named, and never hangs
# git-setup (nor does one at info/exclude)
fifo="$TMP/fifo"
write_repo "$fifo"
git -C "$fifo" init -q
mkfifo "$fifo/.gitattributes"
RC=0
ERR=$(timeout 10 "$ROADMAP" -C "$fifo" git-setup 2>&1 >/dev/null) || RC=$?
expect_rc 1 "git-setup with a FIFO .gitattributes fails promptly"
expect_contains "$ERR" ".gitattributes: error: is a FIFO, not a regular file" \
	"...and names the FIFO"
expect_contains "$ERR" "hint: roadmap reads and writes only regular files; remove it" \
	"...and says to remove it"
expect_not_contains "$ERR" "does not end in .yaml" \
	"...without a renaming hint meant for offices"
rm "$fifo/.gitattributes"
rm -f "$fifo/.git/info/exclude"
mkfifo "$fifo/.git/info/exclude"
RC=0
ERR=$(timeout 10 "$ROADMAP" -C "$fifo" git-setup 2>&1 >/dev/null) || RC=$?
expect_rc 1 "git-setup with a FIFO info/exclude fails promptly"
expect_contains "$ERR" "info/exclude: error: is a FIFO, not a regular file" \
	"...and names the FIFO"

# ---- the pre-commit hook -----------------------------------------------
commit() { # REPO MESSAGE
	git -C "$1" commit -q -m "$2" >"$TMP/.out" 2>"$TMP/.err"
	RC=$?
	ERR=$(cat "$TMP/.err")
}
head_of() { git -C "$1" rev-parse -q --verify HEAD 2>/dev/null || echo none; }

git -C "$repo" add -A
commit "$repo" "First inventory"
expect_rc 0 "a valid first commit passes the hook"

set_priority "$repo/$office" 0
git -C "$repo" add "$office"
before=$(head_of "$repo")
commit "$repo" "Bad priority"
expect_rc 1 "a staged invalid office is refused"
expect_contains "$ERR" "$office:" "the hook names the office file"
expect_contains "$ERR" "error: 'priority' must be at least 1" \
	"the hook prints the check diagnostic"
expect_eq "$(head_of "$repo")" "$before" "no commit was made"

# the staged content counts, not the work tree
set_priority "$repo/$office" 2
commit "$repo" "Still bad in the index"
expect_rc 1 "fixed only in the work tree: still refused"
git -C "$repo" add "$office"
set_priority "$repo/$office" 0
commit "$repo" "Good in the index"
expect_rc 0 "valid in the index, broken in the work tree: accepted"
set_priority "$repo/$office" 2

# another office: only the changed ones are checked, against staged roadmap.yaml
cat >"$repo/offices/lgd/nilg.yaml" <<-'EOF'
roadmap: 1
office:
  id: nilg
  name: National Institute of Local Government
  ministry: cabinet
EOF
git -C "$repo" add offices/lgd/nilg.yaml
commit "$repo" "Office of an unknown ministry"
expect_rc 1 "an office with an unknown ministry is refused"
expect_contains "$ERR" "unknown ministry 'cabinet'" "the hook says why"
printf '  - id: cabinet\n    name: Cabinet Division\n' >>"$repo/roadmap.yaml"
commit "$repo" "Ministry added only in the work tree"
expect_rc 1 "the ministry must be staged too"
git -C "$repo" add roadmap.yaml
commit "$repo" "Ministry and office"
expect_rc 0 "with the ministry staged the commit passes"

git -C "$repo" commit -q --allow-empty -m "Nothing to check" 2>"$TMP/.err"
expect_eq "$?" 0 "a commit that touches no office passes"

# the index being committed is the one git names ($GIT_INDEX_FILE): what
# 'commit -a' and 'commit FILE' stage on the way, not .git/index
set_priority "$repo/$office" 0
before=$(head_of "$repo")
git -C "$repo" commit -q -a -m "Bad, by commit -a" >"$TMP/.out" 2>"$TMP/.err"
RC=$? ERR=$(cat "$TMP/.err")
expect_rc 1 "commit -a of an invalid office is refused"
expect_contains "$ERR" ":$office:" "...naming the staged office (:PATH, as git names the index's)"
git -C "$repo" commit -q -m "Bad, by commit FILE" -- "$office" >"$TMP/.out" 2>"$TMP/.err"
RC=$? ERR=$(cat "$TMP/.err")
expect_rc 1 "commit FILE of an invalid office is refused"
expect_eq "$(head_of "$repo")" "$before" "no commit was made"
git -C "$repo" add "$office"
set_priority "$repo/$office" 4
git -C "$repo" commit -q -m "Good, by commit FILE" -- "$office" >"$TMP/.out" 2>"$TMP/.err"
RC=$? ERR=$(cat "$TMP/.err")
expect_rc 0 "commit FILE of a valid office passes though .git/index holds an invalid one"
run -C "$repo" check --cached lged
expect_rc 0 "check --cached: the index is valid again"

# a linked work tree ('git worktree add'): git gives the hook GIT_DIR
git -C "$repo" worktree add -q "$TMP/linked" 2>/dev/null
set_priority "$TMP/linked/$office" 0
git -C "$TMP/linked" commit -q -a -m "Bad in a linked work tree" >"$TMP/.out" 2>"$TMP/.err"
RC=$? ERR=$(cat "$TMP/.err")
expect_rc 1 "an invalid office is refused in a linked work tree"
expect_contains "$ERR" "error: 'priority' must be at least 1" "...with the finding"
set_priority "$TMP/linked/$office" 6
git -C "$TMP/linked" commit -q -a -m "Good in a linked work tree" >"$TMP/.out" 2>"$TMP/.err"
RC=$? ERR=$(cat "$TMP/.err")
expect_rc 0 "a valid office passes in a linked work tree"
git -C "$repo" worktree remove --force "$TMP/linked"

# ---- the pre-merge-commit hook ---------------------------------------------
# a merge git makes itself (nothing to resolve) runs no pre-commit hook:
# one branch adds an office of the ministry 'cabinet', the other removes
# that ministry; each valid, the merge is not
mhook="$repo/.git/hooks/pre-merge-commit"
if [ -x "$mhook" ]; then pass "the pre-merge-commit hook is installed and executable"
else fail "the pre-merge-commit hook is installed and executable" "no $mhook"; fi
expect_contains "$(cat "$mhook")" 'check --cached' "the pre-merge-commit hook checks the index"
expect_contains "$(cat "$mhook")" "roadmap='$self'" "...with the same binary"
git -C "$repo" checkout -q -b add-office
printf 'roadmap: 1\noffice:\n  id: bcc\n  name: Barishal City Corporation\n  ministry: cabinet\n' \
	>"$repo/offices/lgd/bcc.yaml"
git -C "$repo" add -A && commit "$repo" "Office of the cabinet"
expect_rc 0 "merge hook: an office of the cabinet commits"
git -C "$repo" checkout -q -b drop-ministry main
sed -i 's/ministry: cabinet/ministry: lgd/' "$repo/offices/lgd/nilg.yaml"
sed -i '/id: cabinet/,$d' "$repo/roadmap.yaml"
git -C "$repo" add -A && commit "$repo" "No cabinet"
expect_rc 0 "merge hook: removing the ministry commits"
before=$(head_of "$repo")
git -C "$repo" merge --no-edit add-office >"$TMP/.out" 2>"$TMP/.err"
RC=$? ERR=$(cat "$TMP/.err")
expect_rc 1 "a merge git made itself, invalid, is refused by the pre-merge-commit hook"
expect_contains "$ERR" "unknown ministry 'cabinet'" "...which says why"
expect_contains "$ERR" "roadmap pre-merge-commit: the staged roadmap data is invalid" \
	"...and names itself"
expect_eq "$(head_of "$repo")" "$before" "no merge commit was made"
git -C "$repo" merge --abort
git -C "$repo" merge -q --no-edit --no-verify add-office >/dev/null 2>&1
expect_eq "$(git -C "$repo" rev-list --count --merges "$before"..HEAD)" 1 \
	"git merge --no-verify skips it"
git -C "$repo" reset -q --hard "$before"
git -C "$repo" checkout -q main

# ---- check --cached ------------------------------------------------------
set_priority "$repo/$office" 0
run -C "$repo" check --cached
expect_rc 0 "check --cached reads the index, not the broken work tree"
expect_contains "$ERR" "2 offices checked, 0 errors" "...every office of the index"
git -C "$repo" add "$office"
set_priority "$repo/$office" 2
run -C "$repo/offices" check --cached lged
expect_rc 1 "check --cached OFFICE of an invalid staged office exits 1, from a subdirectory"
expect_contains "$ERR" ":$office:" "...naming the staged file"
git -C "$repo" add "$office"
cat >"$repo/offices/lgd/lgex.yaml" <<-'EOF'
roadmap: 1
office:
  id: lgex
  name: Untracked office
  ministry: lgd
EOF
run -C "$repo" check --cached lgex
expect_rc 1 "check --cached of an office only in the work tree exits 1"
expect_contains "$ERR" "no office 'lgex' in the index" "...and says it is not staged"
expect_contains "$ERR" "'lgex' is an office of the work tree" "...but in the work tree"
expect_not_contains "$ERR" "did you mean" "...with no misleading did-you-mean"
run -C "$repo" check --cached lgexx
expect_contains "$ERR" "did you mean 'lged'?" "an id near an office of the index gets a did-you-mean"
rm "$repo/offices/lgd/lgex.yaml"
run -C "$repo" check --cached --rev HEAD
expect_rc 2 "--cached with --rev is a usage error"
run -C "$TMP" check --cached
expect_rc 2 "check --cached outside a git repository exits 2"
commit "$repo" "Priority 2"
expect_rc 0 "the staged priority 2 commits"

# ---- the textconv driver ------------------------------------------------
set_priority "$repo/$office" 3
git -C "$repo" add "$office"
commit "$repo" "Priority 3"
expect_rc 0 "committing the new priority"
log=$(git -C "$repo" log -p -1 -- "$office")
expect_contains "$log" "-contractor-enlistment plan.priority: 2" \
	"git log -p shows the old value by service id"
expect_contains "$log" "+contractor-enlistment plan.priority: 3" \
	"git log -p shows the new value by service id"
raw=$(git -C "$repo" log -p -1 --no-textconv -- "$office")
expect_contains "$raw" "+      priority: 3" "--no-textconv shows the YAML"

run textconv "$repo/$office"
expect_rc 0 "textconv of an office"
expect_contains "$OUT" "office.ministry: lgd" "textconv: office keys joined by '.'"
expect_contains "$OUT" "contractor-enlistment plan.history[2017-10-31 planned].status: planned" \
	"textconv: history entries by date and status"
run textconv "$repo/roadmap.yaml"
expect_contains "$OUT" "cabinet name: Cabinet Division" "textconv: ministries by id"
# a tab and a backslash followed by t never print alike
printf 'roadmap: 1\noffice:\n  name: "a\\tb"\n  name_bn: a\\tb\n  head: "c\\\\\\td"\n  x-k: "\\e[2J"\n' \
	>"$TMP/escapes.yaml"
run textconv "$TMP/escapes.yaml"
expect_eq "$OUT" 'roadmap: 1
office.name: a\tb
office.name_bn: a\\tb
office.head: c\\\td
office.x-k: \x1b[2J' "textconv: a tab is \\t, a backslash \\\\, ESC \\x1b"
printf 'roadmap: 1\noffice:\n<<<<<<< HEAD\n  id: a\n=======\n  id: b\n>>>>>>> x\n' \
	>"$TMP/conflict.yaml"
run textconv "$TMP/conflict.yaml"
expect_rc 0 "textconv of a file that does not parse succeeds"
expect_eq "$OUT" "$(cat "$TMP/conflict.yaml")" "...and prints it unchanged"
# over the size limit (8 MiB) a file is shown as it is, from a path or
# from standard input, every byte of it
head -c 9000000 /dev/zero | tr '\0' 'y' >"$TMP/big.yaml"
"$ROADMAP" textconv "$TMP/big.yaml" >"$TMP/big.out"
expect_same_file "$TMP/big.out" "$TMP/big.yaml" "textconv of a file over 8 MiB prints it unchanged"
"$ROADMAP" textconv - <"$TMP/big.yaml" >"$TMP/big.out"
expect_same_file "$TMP/big.out" "$TMP/big.yaml" "...and so from standard input"
cat "$TMP/big.yaml" | "$ROADMAP" textconv - >"$TMP/big.out"
expect_same_file "$TMP/big.out" "$TMP/big.yaml" "...and from a pipe"
rm -f "$TMP/big.yaml" "$TMP/big.out"
run textconv "$TMP/missing.yaml"
expect_rc 1 "textconv of a missing file fails"
run textconv
expect_rc 2 "textconv without a file is a usage error"

# ---- a roadmap repository in a subdirectory of the work tree ------------
top="$TMP/top"
mkdir -p "$top"
git -C "$top" init -q
write_repo "$top/data"
printf 'project notes\n' >"$top/README"
run -C "$top/data" git-setup
expect_rc 0 "git-setup in a subdirectory"
expect_contains "$(cat "$top/.git/hooks/pre-commit")" "root='data/'" \
	"the hook knows where the roadmap repository is"
git -C "$top" add -A
commit "$top" "Data"
expect_rc 0 "valid data in a subdirectory passes"
set_priority "$top/data/$office" 0
git -C "$top" add -A
commit "$top" "Bad data"
expect_rc 1 "invalid data in a subdirectory is refused"
expect_contains "$ERR" "offices/lgd/lged.yaml" "the hook names the office"
git -C "$top" reset -q
printf 'more notes\n' >>"$top/README"
git -C "$top" add README
commit "$top" "Notes only"
expect_rc 0 "a commit of other files passes"
# ---- the recorded binary: found without PATH, moved, gone ---------------
# A copy of the binary in a directory of its own, run by its path.
mkdir -p "$TMP/opt1"
cp "$self" "$TMP/opt1/roadmap"
moved="$TMP/moved"
write_repo "$moved"
git -C "$moved" init -q
(cd "$moved" && "$TMP/opt1/roadmap" git-setup >"$TMP/.out" 2>"$TMP/.err")
expect_eq "$?" 0 "git-setup run by a path, not from PATH"
expect_eq "$(git -C "$moved" config diff.roadmap.textconv)" "'$TMP/opt1/roadmap' textconv" \
	"the diff driver records that binary"
expect_contains "$(cat "$moved/.git/hooks/pre-commit")" "roadmap='$TMP/opt1/roadmap'" \
	"the hook records that binary"
git -C "$moved" add -A
commit "$moved" "First inventory"
expect_rc 0 "a valid commit passes with roadmap not on PATH"
set_priority "$moved/$office" 2
diff=$(git -C "$moved" diff 2>&1)
expect_contains "$diff" "+contractor-enlistment plan.priority: 2" \
	"git diff on an office works through the recorded path"
set_priority "$moved/$office" 0
git -C "$moved" add "$office"
commit "$moved" "Bad priority"
expect_rc 1 "the recorded binary checks a staged office"
expect_contains "$ERR" "error: 'priority' must be at least 1" "...and prints its diagnostic"
set_priority "$moved/$office" 2
git -C "$moved" add "$office"

# the binary moves away: a commit of other files still passes
mv "$TMP/opt1" "$TMP/opt2"
git -C "$moved" stash -q
printf 'notes\n' >"$moved/NOTES"
git -C "$moved" add NOTES
commit "$moved" "Notes only"
expect_rc 0 "a commit touching no office passes while the recorded binary is gone"
git -C "$moved" stash pop -q
git -C "$moved" add "$office"
before=$(head_of "$moved")
commit "$moved" "Priority 2"
expect_rc 1 "a staged office with the recorded binary gone is refused"
expect_contains "$ERR" "$TMP/opt1/roadmap, the roadmap that 'roadmap git-setup' recorded, is missing" \
	"the hook names the missing binary"
expect_contains "$ERR" "run 'roadmap git-setup' again" "the hook says what to do"
expect_eq "$(head_of "$moved")" "$before" "no commit was made"

# git-setup run again from the new place records it in both
(cd "$moved" && "$TMP/opt2/roadmap" git-setup >"$TMP/.out" 2>"$TMP/.err")
expect_eq "$?" 0 "git-setup again after the binary moved"
expect_eq "$(git -C "$moved" config diff.roadmap.textconv)" "'$TMP/opt2/roadmap' textconv" \
	"the diff driver follows the binary"
expect_contains "$(cat "$moved/.git/hooks/pre-commit")" "roadmap='$TMP/opt2/roadmap'" \
	"the hook follows the binary"
commit "$moved" "Priority 2"
expect_rc 0 "the commit passes through the new path"
expect_contains "$(git -C "$moved" show HEAD -- "$office")" "+contractor-enlistment plan.priority: 2" \
	"git show speaks the domain through the new path"

# a binary reached through a link on PATH is recorded by the link, so
# that an upgrade that points the link elsewhere keeps working
mkdir -p "$TMP/link-bin"
ln -s "$TMP/opt2/roadmap" "$TMP/link-bin/roadmap"
(cd "$moved" && PATH="$TMP/link-bin:$PATH" roadmap git-setup >"$TMP/.out" 2>"$TMP/.err")
expect_eq "$(git -C "$moved" config diff.roadmap.textconv)" "'$TMP/link-bin/roadmap' textconv" \
	"a link found on PATH is recorded as the link"
# a relative path is recorded as the binary itself (-C would make it stale)
(cd "$TMP" && ./link-bin/roadmap -C "$moved" git-setup >"$TMP/.out" 2>"$TMP/.err")
expect_eq "$(git -C "$moved" config diff.roadmap.textconv)" "'$TMP/opt2/roadmap' textconv" \
	"a relative path is recorded as the binary it leads to"

# a foreign hook is still refused, the binary moved or not
printf '#!/bin/sh\nexit 0\n' >"$moved/.git/hooks/pre-commit"
(cd "$moved" && "$TMP/opt2/roadmap" git-setup >"$TMP/.out" 2>"$TMP/.err")
expect_eq "$?" 1 "a foreign hook is still refused on a re-run"
expect_eq "$(cat "$moved/.git/hooks/pre-commit")" "$(printf '#!/bin/sh\nexit 0\n')" \
	"...and left as it was"

# ---- the example of roadmap-git-setup(1): a hand edit the hook catches --
ex="$TMP/example"
new_repo "$ex"
git -C "$ex" init -q
run -C "$ex" git-setup
git -C "$ex" add -A
commit "$ex" "Inventory"
expect_rc 0 "the bundled data commits"
run -C "$ex" plan lged contractor-enlistment --priority 0
expect_rc 2 "plan itself refuses --priority 0 (so the hook never sees it)"
sed -i '20s/priority: 1$/priority: 0/' "$ex/offices/lgd/lged.yaml"
commit_all() { git -C "$1" commit -q -am "$2" >"$TMP/.out" 2>"$TMP/.err"; RC=$?; ERR=$(cat "$TMP/.err"); }
commit_all "$ex" "Reprioritise"
expect_rc 1 "the man page's example: a hand edit to priority 0 is refused"
expect_eq "$ERR" ":offices/lgd/lged.yaml:20:17: error: 'priority' must be at least 1
roadmap check: 1 office checked, 1 error, 0 warnings
roadmap pre-commit: the staged roadmap data is invalid; fix it, 'git add' it and commit again" \
	"...with the lines the man page shows"
# ---- the schemas, editor settings and .yamllint in an existing repository
as="$TMP/assets"
write_repo "$as"
git -C "$as" init -q
run -C "$as" git-setup
expect_rc 0 "git-setup in a repository made without init"
for f in office roadmap; do
	expect_same_file "$as/schema/$f.schema.json" "$ROADMAP_SRC/schema/$f.schema.json" \
		"git-setup writes schema/$f.schema.json"
done
expect_same_file "$as/.yamllint" "$ROADMAP_SRC/data/.yamllint" "git-setup writes .yamllint"
expect_contains "$(cat "$as/.vscode/settings.json")" '"./schema/office.schema.json": ["/offices/**/*.yaml"]' \
	"git-setup writes the editor settings"
expect_contains "$OUT" "wrote schema/office.schema.json" "git-setup says what it wrote"
run -C "$as" git-setup
expect_not_contains "$OUT" "wrote" "run again: nothing to write"
# the schemas are roadmap's: an old or edited copy is brought to this version
printf '{}\n' >"$as/schema/office.schema.json"
printf 'extends: relaxed\n' >"$as/.yamllint"
printf '{"files.eol": "\\n"}\n' >"$as/.vscode/settings.json"
run -C "$as" git-setup
expect_rc 0 "git-setup beside files of the repository's own"
expect_same_file "$as/schema/office.schema.json" "$ROADMAP_SRC/schema/office.schema.json" \
	"a schema that differs is updated"
expect_contains "$OUT" "updated schema/office.schema.json" "...and git-setup says so"
expect_eq "$(cat "$as/.yamllint")" "extends: relaxed" "a different .yamllint is left alone"
expect_contains "$OUT" "left .yamllint alone" "...and git-setup says so"
expect_eq "$(cat "$as/.vscode/settings.json")" '{"files.eol": "\n"}' "different editor settings are left alone"
expect_contains "$OUT" "left .vscode/settings.json alone" "...and git-setup says so"
expect_contains "$OUT" '    "./schema/roadmap.schema.json": ["/roadmap.yaml"],' \
	"...and prints the lines to add"
# ---- why an approval is stale, from the history -------------------------
hist="$TMP/hist"
write_repo "$hist"
git -C "$hist" init -q
git -C "$hist" add -A
GIT_COMMITTER_DATE='2017-10-30T12:00:00+06:00' git -C "$hist" commit -qm 'lged: the roadmap'
export ROADMAP_TODAY=2017-11-15
run -C "$hist" approve lged --by 'Chief Engineer' --date 2017-10-31
expect_rc 0 "approve in a git work tree"
git -C "$hist" commit -qam 'lged: approved'
GIT_COMMITTER_DATE='2017-11-01T10:00:00+06:00' git -C "$hist" commit -q --amend --no-edit
approved=$(git -C "$hist" rev-parse --short=7 HEAD)
run -C "$hist" check lged
expect_not_contains "$ERR" "stale" "the committed approval is current"
"$ROADMAP" -C "$hist" add-service lged --name 'Tender document sale' >/dev/null 2>&1
set_priority "$hist/$office" 2
git -C "$hist" commit -qam 'lged: tender document sale; contractor enlistment priority 2'
sed -i 's/^  - id: contractor-enlistment$/  - id: contractor-registration/' "$hist/$office"
run -C "$hist" check
expect_rc 0 "check with a stale approval passes"
expect_contains "$ERR" "$office:" "check names the office"
expect_contains "$ERR" "warning: the approval is stale: the services or plans changed since the approval
hint: since the approval (commit $approved, 2017-11-01): added tender-document-sale; renamed contractor-enlistment to contractor-registration; plan of contractor-registration changed (priority 1 -> 2)
hint: have the office head approve again" \
	"check says which services and plans changed since the commit that recorded the approval"
run -C "$hist" check lged
expect_contains "$ERR" "hint: since the approval (commit $approved, 2017-11-01)" \
	"check OFFICE says it too"
run -C "$hist" check --cached lged
expect_contains "$ERR" "hint: since the approval (commit $approved, 2017-11-01): added tender-document-sale; plan of contractor-enlistment changed (priority 1 -> 2)
hint: have the office head approve again" \
	"check --cached explains the staged version from the history (the rename is not staged)"
run -C "$hist" check --rev HEAD lged
expect_contains "$ERR" "warning: the approval is stale" "check --rev warns of the stale approval"
expect_not_contains "$ERR" "hint: since the approval" "...with the plain hint"
run -C "$hist/offices" check --jobs 3
expect_contains "$ERR" "hint: since the approval (commit $approved, 2017-11-01)" \
	"...from a subdirectory, with threads"
run -C "$hist" approve lged --by 'Chief Engineer' --date 2017-10-31
expect_rc 1 "approve refuses to bless the changes under the old date"
expect_contains "$ERR" "hint: since the approval (commit $approved, 2017-11-01): added tender-document-sale" \
	"...and says what changed"
# the office as the approval's commit holds it must be what was approved:
# an approval committed together with later changes shows nothing
run -C "$hist" approve lged --by 'Chief Engineer' --date 2017-11-10
expect_rc 0 "a new approval"
set_priority "$hist/$office" 3
git -C "$hist" commit -qam 'lged: approved, and then a change'
run -C "$hist" check lged
expect_contains "$ERR" "hint: no git history of the office shows what was approved on 2017-11-10, so which services or plans changed cannot be told" \
	"an approval whose commit does not hold what was approved: which changes cannot be told"
unset ROADMAP_TODAY
finish
