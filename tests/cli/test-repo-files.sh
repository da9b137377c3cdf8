# The repository's one rule for files (roadmap(5) RELIABILITY): nothing is
# read or written through a symbolic link, anything but a regular file is
# refused and never hangs a command, a replaced office keeps its owner,
# group, mode, ACL and extended attributes, read-only and hard-linked
# offices are refused, temporary files of killed writers are found,
# ignored by git and cleaned up, and `roadmap edit` holds the office's
# lock while the editor is open.
. "$ROADMAP_SRC/tests/cli/lib.sh"

R=$TMP/repo
OUTSIDE=$TMP/outside
T="timeout 20"

fresh() {
	rm -rf "$R" "$OUTSIDE"
	mkdir -p "$OUTSIDE"
	write_base "$R"
	"$ROADMAP" -C "$R" add-office o2 --ministry lgd --name O2 >/dev/null 2>&1
	"$ROADMAP" -C "$R" add-service o2 --id s1 --name S1 >/dev/null 2>&1
}

# refused_everywhere WHAT MESSAGE: check, report and completion refuse the
# repository as it stands, naming the file and the reason, in time.
refused_everywhere() {
	local what=$1 msg=$2
	RC=0
	ERR=$($T "$ROADMAP" -C "$R" check 2>&1) || RC=$?
	expect_rc 1 "$what: check fails"
	expect_contains "$ERR" "$msg" "$what: check names the file and the reason"
	RC=0
	ERR=$($T "$ROADMAP" -C "$R" report totals 2>&1) || RC=$?
	expect_rc 1 "$what: report fails"
	expect_contains "$ERR" "$msg" "$what: report names the file and the reason"
	RC=0
	ERR=$($T "$ROADMAP" -C "$R" report totals --keep-going 2>&1 >/dev/null) || RC=$?
	expect_rc 3 "$what: report --keep-going leaves it out and exits 3"
	expect_contains "$ERR" "${msg/error:/warning:}" "$what: report --keep-going warns about it"
	RC=0
	(cd "$R" && $T "$ROADMAP" completion --complete plan '' >/dev/null 2>&1) || RC=$?
	[ "$RC" -ne 124 ] && pass "$what: completion finishes" ||
		fail "$what: completion finishes"
}

# writer_refuses WHAT OFFICE MESSAGE: a writer of OFFICE refuses, says
# why, and writes nothing.
writer_refuses() {
	local what=$1 office=$2 msg=$3 f
	f=$(find "$R/offices/" -name "$office.yaml" -type f | head -n 1)
	[ -n "$f" ] && cp "$f" "$TMP/before"
	RC=0
	ERR=$($T "$ROADMAP" -C "$R" plan "$office" s1 --priority 1 2>&1) || RC=$?
	expect_rc 1 "$what: a writer of $office refuses"
	expect_contains "$ERR" "$msg" "$what: the writer of $office says why"
	[ -z "$f" ] || expect_same_file "$f" "$TMP/before" "$what: nothing was written to $office"
}

# ---- symbolic links below offices/ ----
fresh
mv "$R/offices/lgd" "$OUTSIDE/lgd"
ln -s "$OUTSIDE/lgd" "$R/offices/lgd"
cp "$OUTSIDE/lgd/o1.yaml" "$TMP/outside.before"
refused_everywhere "a symlinked ministry directory" "offices/lgd: error: is a symbolic link"
writer_refuses "a symlinked ministry directory" o1 "offices/lgd: error: is a symbolic link"
expect_same_file "$OUTSIDE/lgd/o1.yaml" "$TMP/outside.before" \
	"a symlinked ministry directory: nothing is written outside the repository"
run -C "$R" edit o1
expect_rc 1 "a symlinked ministry directory: edit refuses"
expect_same_file "$OUTSIDE/lgd/o1.yaml" "$TMP/outside.before" \
	"a symlinked ministry directory: edit writes nothing outside"

fresh
mv "$R/offices/lgd/o2.yaml" "$OUTSIDE/o2.yaml"
ln -s "$OUTSIDE/o2.yaml" "$R/offices/lgd/o2.yaml"
cp "$OUTSIDE/o2.yaml" "$TMP/outside.before"
refused_everywhere "a symlinked office" "offices/lgd/o2.yaml: error: is a symbolic link"
writer_refuses "a symlinked office" o2 "offices/lgd/o2.yaml: error: is a symbolic link"
run -C "$R" edit o2
expect_rc 1 "a symlinked office: edit refuses"
[ -L "$R/offices/lgd/o2.yaml" ] && pass "a symlinked office: edit leaves the link a link" ||
	fail "a symlinked office: edit leaves the link a link"
expect_same_file "$OUTSIDE/o2.yaml" "$TMP/outside.before" \
	"a symlinked office: nothing is written through the link"
run textconv "$R/offices/lgd/o2.yaml"
expect_rc 1 "a symlinked office: textconv refuses the link"
expect_contains "$ERR" "is a symbolic link" "a symlinked office: textconv says why"

fresh
mv "$R/offices" "$OUTSIDE/offices"
ln -s "$OUTSIDE/offices" "$R/offices"
refused_everywhere "a symlinked offices directory" "offices: error: is a symbolic link"
writer_refuses "a symlinked offices directory" o1 "offices: error: is a symbolic link"

# ---- files that are not regular ----
fresh
mkfifo "$R/offices/lgd/o3.yaml"
refused_everywhere "a FIFO named *.yaml" "offices/lgd/o3.yaml: error: is a FIFO, not a regular file"
writer_refuses "a FIFO named *.yaml" o3 "offices/lgd/o3.yaml: error: is a FIFO, not a regular file"
RC=0
$T "$ROADMAP" textconv "$R/offices/lgd/o3.yaml" >/dev/null 2>&1 || RC=$?
expect_rc 1 "a FIFO named *.yaml: textconv refuses it, without hanging"
rm "$R/offices/lgd/o3.yaml"
run -C "$R" check -q
expect_rc 0 "the FIFO removed: check passes again"

# ---- a replaced office keeps its metadata ----
fresh
F=$R/offices/lgd/o1.yaml
if [ "$(id -u)" -eq 0 ]; then
	chown 65534:1 "$F" && chmod 0640 "$F"
	run -C "$R" plan o1 s1 --priority 1
	expect_rc 0 "root edits an office owned by another user"
	expect_eq "$(stat -c '%u:%g %a' "$F")" "65534:1 640" \
		"root's edit keeps the owner, the group and the mode"
	chmod g+s "$R/offices/lgd" && chgrp 2 "$R/offices/lgd"
	run -C "$R" plan o1 s1 --priority 2
	expect_eq "$(stat -c '%u:%g %a' "$F")" "65534:1 640" \
		"in a setgid directory of another group, the file keeps its own group"
	chmod g-s "$R/offices/lgd"
else
	root_part_skipped "owner and group of another user's file"
fi
if command -v setfacl >/dev/null && setfacl -m u:65534:rw "$F" 2>/dev/null; then
	run -C "$R" plan o1 s1 --priority 3
	expect_contains "$(getfacl -pn "$F" 2>/dev/null)" "user:65534:rw-" \
		"an edit keeps the office's POSIX ACL"
else
	fail "an edit keeps the office's POSIX ACL" "setfacl (Debian acl) is needed"
fi
if python3 -c 'import os,sys; os.setxattr(sys.argv[1], "user.roadmap-test", b"kept")' "$F" 2>/dev/null; then
	run -C "$R" plan o1 s1 --priority 4
	expect_eq "$(python3 -c 'import os,sys; print(os.getxattr(sys.argv[1], "user.roadmap-test").decode())' "$F")" \
		"kept" "an edit keeps the office's user extended attributes"
else
	skip_part "an edit keeps user extended attributes" "the file system takes none"
fi

# A group-shared repository without the setgid bit: a member's edit keeps
# the group, so the others can still read the file.
if as_nobody --groups=3; then
	fresh
	F=$R/offices/lgd/o1.yaml
	chgrp -R 3 "$R" && chmod -R g+w "$R"
	chmod 0664 "$F"
	RC=0
	"${AS_NOBODY[@]}" "$NOBODY_ROADMAP" -C "$R" plan o1 s1 --priority 1 >/dev/null 2>"$TMP/err" || RC=$?
	ERR=$(cat "$TMP/err")
	expect_rc 0 "a group member edits a shared office"
	expect_eq "$(stat -c '%u:%g %a' "$F")" "65534:3 664" \
		"a group member's edit keeps the group and the mode (owner becomes the member)"
	chmod 0700 "$TMP"
else
	root_part_skipped "group-shared repository"
fi

# ---- offices a rename must not replace ----
fresh
F=$R/offices/lgd/o1.yaml
cp "$F" "$TMP/before"
chmod 0444 "$F"
run -C "$R" plan o1 s1 --priority 1
expect_rc 1 "a read-only office is refused"
expect_contains "$ERR" "offices/lgd/o1.yaml: error: is read-only (mode 0444)" \
	"a read-only office: the message names the file and the mode"
expect_same_file "$F" "$TMP/before" "a read-only office: nothing was written"
chmod 0644 "$F"
ln "$F" "$TMP/second-link"
run -C "$R" plan o1 s1 --priority 1
expect_rc 1 "an office with two hard links is refused"
expect_contains "$ERR" "has 2 hard links" "a hard-linked office: the message says why"
expect_same_file "$TMP/second-link" "$F" "a hard-linked office: the links are not split"
rm "$TMP/second-link"

# ---- temporary files of killed writers ----
fresh
D=$R/offices/lgd
printf 'roadmap: 1\n' >"$D/.o1.yaml.AbC123"
printf 'roadmap: 1\n' >"$D/.o1.yaml.XyZ789"
printf 'roadmap: 1\n' >"$R/.roadmap.yaml.Qq1234"
# and of the files written for other tools (roadmap-init(1))
mkdir -p "$R/schema" "$R/.vscode"
printf '{}\n' >"$R/schema/.office.schema.json.Sc1234"
printf 'x\n' >"$R/..yamllint.Yl1234"
printf '{}\n' >"$R/.vscode/.settings.json.Vs1234"
touch -d '2 minutes ago' "$D/.o1.yaml.AbC123" "$R/.roadmap.yaml.Qq1234" \
	"$R/schema/.office.schema.json.Sc1234" "$R/..yamllint.Yl1234" \
	"$R/.vscode/.settings.json.Vs1234"
run -C "$R" check
expect_rc 0 "stale temporary files: check still passes"
expect_contains "$ERR" "offices/lgd/.o1.yaml.AbC123: warning: a temporary file that an interrupted write left behind" \
	"check warns about a stale temporary file of an office"
expect_contains "$ERR" ".roadmap.yaml.Qq1234: warning: a temporary file" \
	"check warns about a stale temporary file of roadmap.yaml"
for f in schema/.office.schema.json.Sc1234 ..yamllint.Yl1234 .vscode/.settings.json.Vs1234; do
	expect_contains "$ERR" "$f: warning: a temporary file" "check warns about a stale temporary file: $f"
done
expect_not_contains "$ERR" "XyZ789" "check leaves a fresh one (a writer may be at work) alone"
run -C "$R" plan o1 s1 --priority 1
expect_rc 0 "the next writer works"
[ ! -e "$D/.o1.yaml.AbC123" ] && pass "the next writer under the lock removes its file's stale temporary file" ||
	fail "the next writer under the lock removes its file's stale temporary file"
[ -e "$D/.o1.yaml.XyZ789" ] && pass "the next writer keeps a fresh one" ||
	fail "the next writer keeps a fresh one"
if command -v git >/dev/null; then
	(cd "$R" && git init -q . && "$ROADMAP" git-setup >/dev/null 2>&1)
	expect_eq "$(cd "$R" && git status --porcelain --ignored=no -uall | grep -c '\.[A-Za-z0-9]\{6\}$')" "0" \
		"git-setup: git does not see temporary files (offices, roadmap.yaml, schemas, settings, .yamllint)"
	(cd "$R" && "$ROADMAP" git-setup >/dev/null 2>&1)
	expect_eq "$(grep -c 'temporary files of interrupted' "$R/.git/info/exclude")" "1" \
		"git-setup run again adds nothing to info/exclude"
	(cd "$R" && git add -A && git add -f offices/lgd/.o1.yaml.XyZ789)
	RC=0
	ERR=$(cd "$R" && PATH=$(dirname "$ROADMAP"):$PATH git -c user.name=T -c user.email=t@example.org \
		commit -qm start 2>&1) || RC=$?
	expect_rc 1 "the pre-commit hook refuses a staged temporary file"
	expect_contains "$ERR" "offices/lgd/.o1.yaml.XyZ789" "the hook names it"
	(cd "$R" && git rm -q --cached offices/lgd/.o1.yaml.XyZ789 && git add -f schema/.office.schema.json.Sc1234)
	ERR=$(cd "$R" && git -c user.name=T -c user.email=t@example.org commit -qm start 2>&1) || RC=$?
	expect_contains "$ERR" "schema/.office.schema.json.Sc1234" "the hook refuses a staged temporary file of a schema"
else
	fail "git-setup and the hook handle temporary files" "git is needed"
fi

# ---- roadmap edit holds the office's lock ----
fresh
cat >"$TMP/slow-editor" <<EOF
#!/bin/sh
touch "$TMP/editing"
while [ ! -e "$TMP/done" ]; do sleep 0.05; done
printf '# edited\n' >>"\$1"
EOF
chmod +x "$TMP/slow-editor"
rm -f "$TMP/editing" "$TMP/done"
EDITOR=$TMP/slow-editor "$ROADMAP" -C "$R" edit o1 </dev/null >/dev/null 2>"$TMP/edit.err" &
EDIT_PID=$!
for _ in $(seq 200); do [ -e "$TMP/editing" ] && break; sleep 0.05; done
ROADMAP_LOCK_TIMEOUT=200 run -C "$R" plan o1 s1 --priority 1
expect_rc 1 "while 'roadmap edit' is open, another writer of the office refuses"
expect_contains "$ERR" "offices/lgd/o1.yaml: error: cannot lock: another roadmap command is changing it" \
	"the refusal names the office and says why"
ROADMAP_LOCK_TIMEOUT=200 run -C "$R" plan o2 s1 --priority 1
expect_rc 0 "a writer of another office of the same ministry does not wait"
touch "$TMP/done"
wait "$EDIT_PID"
RC=$?
ERR=$(cat "$TMP/edit.err")
expect_rc 0 "the edit installs its result"
expect_contains "$(tail -n 1 "$R/offices/lgd/o1.yaml")" "# edited" "the edited copy is the file"
run -C "$R" plan o1 s1 --priority 1
expect_rc 0 "once the editor is closed, the other writer works"

# ---- one rule for an office whose ministry is unknown ----
fresh
sed -i 's/ministry: lgd/ministry: nowhere/' "$R/offices/lgd/o1.yaml"
cp "$R/offices/lgd/o1.yaml" "$TMP/before"
run -C "$R" plan o1 s1 --priority 1
expect_rc 1 "a writer refuses an office whose ministry is unknown, as check does"
expect_contains "$ERR" "error: unknown ministry 'nowhere'" "the writer shows check's finding"
expect_same_file "$R/offices/lgd/o1.yaml" "$TMP/before" "unknown ministry: nothing was written"

finish
