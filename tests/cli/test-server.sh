#!/usr/bin/env bash
# A guarded central repository: 'check --rev' reads any revision from git's
# objects (a bare repository too), and 'git-setup --server' installs a
# pre-receive hook that refuses, with the findings as "remote:" lines, a
# push whose new tree fails the check -- tried with real 'git push' calls
# into a local bare repository.
. "$(dirname "$0")/lib.sh"

if ! command -v git >/dev/null; then
	skip_all "git is not installed (Debian package git)"
fi
# The hook calls the binary that ran git-setup by its absolute path.
export PATH=/usr/bin:/bin
self=${ROADMAP_REAL:-$ROADMAP}
self=$(cd "$(dirname "$self")" && pwd)/$(basename "$self")
export GIT_CONFIG_NOSYSTEM=1 HOME="$TMP/home"
mkdir -p "$HOME"
git config --global user.name "Desk Officer"
git config --global user.email "officer@example.gov.bd"
git config --global init.defaultBranch main
git config --global advice.detachedHead false

# write_office FILE ID MINISTRY [DATE]
write_office() {
	mkdir -p "$(dirname "$1")"
	cat >"$1" <<-EOF
	roadmap: 1
	office:
	  id: $2
	  name: Office $2
	  ministry: $3
	services:
	  - id: trade-licence
	    name: Trade licence
	    plan:
	      priority: 1
	      history:
	        - date: ${4:-2017-10-31}
	          status: planned
	EOF
}

# write_repo DIR: a roadmap repository of two ministries and three offices.
write_repo() {
	mkdir -p "$1"
	cat >"$1/roadmap.yaml" <<-'EOF'
	roadmap: 1
	title: Test roadmap
	ministries:
	  - id: lgd
	    name: Local Government Division
	  - id: cabinet
	    name: Cabinet Division
	EOF
	write_office "$1/offices/lgd/lged.yaml" lged lgd
	write_office "$1/offices/lgd/dphe.yaml" dphe lgd
	write_office "$1/offices/cabinet/bcs.yaml" bcs cabinet
}

commit() { git -C "$desk" add -A && git -C "$desk" commit -q -m "$1"; }

# push ARGS...: git push from the desk, capturing $OUT, $ERR and $RC.
push() {
	git -C "$desk" push "$@" >"$TMP/.out" 2>"$TMP/.err"
	RC=$?
	OUT=$(cat "$TMP/.out")
	ERR=$(cat "$TMP/.err")
}

server_head() { git -C "$bare" rev-parse -q --verify "${1:-refs/heads/main}"; }

desk="$TMP/desk"
bare="$TMP/central.git"
write_repo "$desk"
git -C "$desk" init -q
commit "first"
good=$(git -C "$desk" rev-parse HEAD)

# ---- check --rev -----------------------------------------------------------
cd "$desk" || exit 1
run check --rev HEAD
expect_rc 0 "check --rev HEAD of a valid revision exits 0"
expect_contains "$ERR" "3 offices checked, 0 errors" "check --rev counts the revision's offices"
printf 'office: [broken\n' >>offices/lgd/dphe.yaml
run check --rev HEAD
expect_rc 0 "check --rev HEAD reads the commit, not the broken work tree"
commit "broken dphe"
bad=$(git rev-parse HEAD)
run check --rev HEAD
expect_rc 1 "check --rev of an invalid revision exits 1"
expect_contains "$ERR" "HEAD:offices/lgd/dphe.yaml:15:" "the finding names REV:file:line:col"
run check --rev HEAD~1
expect_rc 0 "check --rev HEAD~1, the valid parent, exits 0"
run check --rev "$bad" lged
expect_rc 0 "check --rev REV OFFICE checks the named office only"
expect_contains "$ERR" "1 office checked" "one office checked"
run check --rev HEAD dphe
expect_rc 1 "check --rev REV OFFICE: the named invalid office fails"
run check --rev HEAD nosuch
expect_rc 1 "check --rev REV with an unknown office exits 1"
expect_contains "$ERR" "no office 'nosuch'" "it names the unknown office"
run check --rev no-such-branch
expect_rc 2 "an unknown revision exits 2"
expect_contains "$ERR" "unknown revision 'no-such-branch'" "it says the revision is unknown"
run -C "$TMP" check --rev HEAD
expect_rc 2 "check --rev outside a git repository exits 2"
expect_contains "$ERR" "not a git repository" "it says there is no git repository"
run check --pre-receive --rev HEAD
expect_rc 2 "--pre-receive with --rev is a usage error"
git reset -q --hard HEAD~1

# an office that a later version has: no did-you-mean from the revision's
# offices (bcc is near bcs)
write_office offices/cabinet/bcc.yaml bcc cabinet
run check --rev HEAD bcc
expect_rc 1 "check --rev REV of an office only in the work tree exits 1"
expect_contains "$ERR" "no office 'bcc' at HEAD" "it says the office is not at REV"
expect_contains "$ERR" "'bcc' is an office of the work tree, not at HEAD" "...but in the work tree"
expect_not_contains "$ERR" "did you mean" "...with no misleading did-you-mean"
commit "bcc"
run check --rev HEAD~1 bcc
expect_contains "$ERR" "'bcc' is an office of HEAD, not at HEAD~1" "an office added since REV: it is in HEAD"
expect_not_contains "$ERR" "did you mean" "...with no did-you-mean"
run check --rev HEAD~1 bcz
expect_contains "$ERR" "did you mean 'bcs'?" "a did-you-mean from the offices at REV where none has it"
git reset -q --hard HEAD~1

# every finding of a listing at REV is named REV:file, as the others are
deep="$TMP/deep"
write_repo "$deep"
git -C "$deep" init -q
ln -s lged.yaml "$deep/offices/lgd/link.yaml"
d=offices/lgd
for i in $(seq 1 18); do d=$d/d$i; done
write_office "$deep/$d/far.yaml" far lgd
git -C "$deep" add -A && git -C "$deep" commit -q -m deep
run -C "$deep" check --rev HEAD
expect_rc 1 "check --rev of a tree with a link and directories nested too deep exits 1"
expect_contains "$ERR" "HEAD:offices/lgd/link.yaml" "the link is named REV:file"
errors=$(grep -c ': error: ' <<<"$ERR")
named=$(grep -c '^HEAD:offices/lgd/[^ ]*: error: ' <<<"$ERR")
if [ "$errors" -ge 2 ] && [ "$errors" = "$named" ]; then
	pass "every listing error at REV names REV:offices/... ($named of $errors)"
else
	fail "every listing error at REV names REV:offices/..." "$ERR"
fi

# a bare clone: no work tree, no roadmap.yaml on disk
git clone -q --bare "$desk" "$TMP/copy.git"
git -C "$desk" push -q "$TMP/copy.git" "$bad:refs/heads/broken"
run -C "$TMP/copy.git" check --rev main
expect_rc 0 "check --rev in a bare repository reads the revision"
run -C "$TMP/copy.git" check --rev broken
expect_rc 1 "check --rev of an invalid branch in a bare repository exits 1"
expect_contains "$ERR" "broken:offices/lgd/dphe.yaml:15:" "the finding names the branch and the file"

# ---- git-setup --server ----------------------------------------------------
run git-setup --server "$desk"
expect_rc 1 "git-setup --server refuses a work tree"
expect_contains "$ERR" "not a bare git repository" "it says the repository is not bare"
mkdir "$TMP/plain"
run git-setup --server "$TMP/plain"
expect_rc 1 "git-setup --server refuses a directory that is no git repository"
run git-setup "$TMP/plain"
expect_rc 2 "git-setup without --server takes no directory"

git init -q --bare "$bare"
git -C "$desk" remote add origin "$bare"
push -q origin main
expect_rc 0 "the first push, before the hook, lands"
run -C "$bare" git-setup --server
expect_rc 0 "git-setup --server in a bare repository exits 0"
hook="$bare/hooks/pre-receive"
if [ -x "$hook" ]; then pass "the pre-receive hook is installed, executable"
else fail "the pre-receive hook is installed, executable"; fi
expect_contains "$(cat "$hook")" "roadmap='$self'" "the hook records this binary by its absolute path"
expect_contains "$(cat "$hook")" 'exec "$roadmap" check --pre-receive' "the hook runs check --pre-receive"
printf '#!/bin/sh\nexit 0\n' >"$hook"
run git-setup --server "$bare"
expect_rc 1 "a pre-receive hook roadmap did not write is left alone"
expect_contains "$ERR" "git-setup --server --force" "the hint names --force"
run git-setup --server --force "$bare"
expect_rc 0 "--force replaces it"
expect_contains "$(cat "$hook")" "installed by roadmap git-setup" "the hook bears roadmap's mark"

# ---- pushes ------------------------------------------------------------------
sed -i 's/priority: 1/priority: 2/' "$desk/offices/lgd/lged.yaml"
commit "lged priority 2"
push origin main
expect_rc 0 "a valid push lands"
expect_eq "$(server_head)" "$(git -C "$desk" rev-parse HEAD)" "the central main is the pushed commit"
expect_contains "$ERR" "remote: roadmap check: refs/heads/main" "the hook reports the ref it checked"
expect_contains "$ERR" "1 office checked, 0 errors" "only the changed office is read"

before=$(server_head)
# expect_refused WHAT PATTERN: the last push was refused with a remote:
# line matching PATTERN, and the central main did not move.
expect_refused() {
	expect_rc 1 "$1: the push is refused"
	if grep -Eq "$2" "$TMP/.err"; then pass "$1: the finding is shown as a remote: line"
	else fail "$1: the finding is shown as a remote: line" "pattern: $2" "stderr: $ERR"; fi
	expect_contains "$ERR" "pre-receive hook declined" "$1: git names the hook"
	expect_eq "$(server_head)" "$before" "$1: the central main did not move"
	git -C "$desk" reset -q --hard "$before"
}

printf 'office: [broken\n' >>"$desk/offices/lgd/dphe.yaml"
commit "bad yaml"
sha=$(git -C "$desk" rev-parse --short=7 HEAD)
push origin main
expect_refused "bad YAML" "^remote: $sha:offices/lgd/dphe\.yaml:15:[0-9]+: error: "

sed -i 's/ministry: lgd/ministry: lgdd/' "$desk/offices/lgd/lged.yaml"
commit "unknown ministry"
push origin main
expect_refused "an unknown ministry" "^remote: [0-9a-f]{7}:offices/lgd/lged\.yaml:5:13: error: .*lgdd"

write_office "$desk/offices/cabinet/lged.yaml" lged cabinet
commit "a second lged"
push origin main
expect_refused "a duplicate office id in another ministry" \
	"^remote: [0-9a-f]{7}:offices/lgd/lged\.yaml:3:7: error: office id 'lged' is also used by '[0-9a-f]{7}:offices/cabinet/lged\.yaml'"

# several commits: a bad one in between, the final tree valid
printf 'office: [broken\n' >>"$desk/offices/lgd/dphe.yaml"
commit "broken on the way"
git -C "$desk" checkout -q "$before" -- offices/lgd/dphe.yaml
sed -i 's/priority: 1/priority: 3/' "$desk/offices/cabinet/bcs.yaml"
commit "fixed, and bcs priority 3"
push origin main
expect_rc 0 "a push whose intermediate commit is invalid but whose final tree is valid lands"
expect_eq "$(server_head)" "$(git -C "$desk" rev-parse HEAD)" "the central main moved"
before=$(server_head)

# a warning does not refuse
write_office "$desk/offices/cabinet/bcs.yaml" bcs cabinet 2027-01-15
commit "a date in the future"
push origin main
expect_rc 0 "a push with warnings only lands"
expect_contains "$ERR" "remote: " "the warning is shown"
expect_contains "$ERR" "0 errors, 1 warning" "the hook counts the warning"
before=$(server_head)

# new refs (a branch, a tag) are compared with a commit the server has:
# the merge base with its HEAD; only the offices changed since are read,
# and only their findings shown
git -C "$desk" push -q origin "$bad:refs/heads/topic" 2>"$TMP/.err"
RC=$?
ERR=$(cat "$TMP/.err")
expect_rc 1 "a new branch with an invalid tree is refused"
expect_contains "$ERR" "1 office checked, 1 error" "...reading the one office it changed"
expect_eq "$(server_head refs/heads/topic)" "" "no branch topic on the server"
push origin "$good:refs/heads/topic"
expect_rc 0 "a new branch of a commit the server has lands"
expect_contains "$ERR" "0 offices checked" "...and reads no office"
push origin :refs/heads/topic
expect_rc 0 "a push that deletes a ref is allowed"
expect_eq "$(server_head refs/heads/topic)" "" "the branch is gone"
git -C "$desk" checkout -q -b feature
sed -i 's/priority: [0-9]*/priority: 7/' "$desk/offices/lgd/lged.yaml"
commit "lged priority 7, on a feature branch"
push origin feature
expect_rc 0 "a new feature branch lands"
expect_contains "$ERR" "refs/heads/feature ($(git -C "$desk" rev-parse --short=7 HEAD)): 1 office checked, 0 errors, 0 warnings" \
	"...reading only the office it changed"
expect_eq "$(grep -c '^remote: ' "$TMP/.err")" 1 \
	"...with one remote: line, none about the offices it left alone"
git -C "$desk" checkout -q main
git -C "$desk" tag -a -m "broken" v-bad "$bad"
push origin v-bad
expect_rc 1 "an annotated tag of an invalid tree is refused"
git -C "$desk" tag v-good "$good"
push origin v-good
expect_rc 0 "a tag of a valid tree lands"
expect_contains "$ERR" "0 offices checked" "a tag of a commit the server has reads no office"

# no HEAD to compare with (it names no branch): any branch will do; no
# branch at all (the first push): every office is read
other="$TMP/other.git"
git init -q --bare "$other"
"$ROADMAP" git-setup --server "$other" >/dev/null
push "$other" main
expect_rc 0 "the first push into an empty guarded repository lands"
expect_contains "$ERR" "3 offices checked, 0 errors, 1 warning" "...with every office read"
git -C "$other" symbolic-ref HEAD refs/heads/trunk
push "$other" feature
expect_rc 0 "a new branch where HEAD names no branch lands"
expect_contains "$ERR" "1 office checked, 0 errors, 0 warnings" \
	"...compared with another branch: only its changed office is read"

# only the changed offices are read: a bad office already on the server
# (pushed before the hook) does not stop a push that leaves it alone, but
# a change of roadmap.yaml checks every office
printf 'office: [broken\n' >>"$desk/offices/lgd/dphe.yaml"
commit "bad, behind the hook's back"
mv "$hook" "$hook.off"
push origin main
mv "$hook.off" "$hook"
sed -i 's/priority: [0-9]*/priority: 5/' "$desk/offices/lgd/lged.yaml"
commit "lged only"
push origin main
expect_rc 0 "a push that leaves an invalid office alone lands"
expect_contains "$ERR" "1 office checked, 0 errors" "the untouched invalid office is not read"
sed -i 's/title: Test roadmap/title: The roadmap/' "$desk/roadmap.yaml"
commit "new title"
push origin main
expect_rc 1 "a change of roadmap.yaml checks every office"
expect_contains "$ERR" "offices/lgd/dphe.yaml:15:" "and the untouched invalid office is found"

# ---- the hook's input ------------------------------------------------------
printf 'not a line of git\n' >"$TMP/in"
"$ROADMAP" -C "$bare" check --pre-receive <"$TMP/in" >/dev/null 2>"$TMP/.err"
RC=$?
ERR=$(cat "$TMP/.err")
expect_rc 2 "check --pre-receive refuses input that is not git's"
h=1111111111111111111111111111111111111111
printf '%s %s refs/heads/x\n' "$h" "${h%1}g" >"$TMP/in"
"$ROADMAP" -C "$bare" check --pre-receive <"$TMP/in" >/dev/null 2>"$TMP/.err"
RC=$?
ERR=$(cat "$TMP/.err")
expect_rc 2 "check --pre-receive refuses a line whose new id is not hexadecimal"
expect_contains "$ERR" "'$h ${h%1}g refs/heads/x'" "...and echoes the line as it came"
run -C "$bare" check --pre-receive --cached
expect_rc 2 "--pre-receive with --cached is a usage error"
z=0000000000000000000000000000000000000000
printf '%s %s refs/heads/gone\n' "$(server_head)" "$z" >"$TMP/in"
GIT_DIR="$bare" "$ROADMAP" check --pre-receive <"$TMP/in" >/dev/null 2>"$TMP/.err"
RC=$?
ERR=$(cat "$TMP/.err")
expect_rc 0 "check --pre-receive lets a deletion pass"

finish
