# roadmap init, add-ministry and add-office: new files in the canonical
# style, refusals, usage errors.
. "$ROADMAP_SRC/tests/cli/lib.sh"

R=$TMP/repo
run init "$R" --title "e-Service Roadmap 2021" --title-bn "ই-সার্ভিস রোডম্যাপ ২০২১"
expect_rc 0 "init creates a repository"
expect_eq "$ERR" "$R/roadmap.yaml: roadmap repository created" "...and says so in one line"
expect_eq "$(cat "$R/roadmap.yaml")" "roadmap: 1
title: e-Service Roadmap 2021
title_bn: ই-সার্ভিস রোডম্যাপ ২০২১
ministries: []" "roadmap.yaml is in the canonical style"
[ -d "$R/offices" ] && pass "init creates offices/" || fail "init creates offices/"
cp "$R/roadmap.yaml" "$TMP/before"
run init "$R" --title Other
expect_rc 1 "init refuses to overwrite"
expect_contains "$ERR" "already exists" "init says why"
expect_not_contains "$ERR" "created" "...and claims nothing was created"
expect_same_file "$R/roadmap.yaml" "$TMP/before" "init left roadmap.yaml alone"
run init "$TMP/x"
expect_rc 2 "init without --title is a usage error"
run init -q "$TMP/quiet" --title Q
expect_eq "$RC:$ERR" "0:" "init -q creates silently"
[ -f "$TMP/quiet/roadmap.yaml" ] && pass "...the repository" || fail "...the repository"
mkdir -p "$TMP/here"
(cd "$TMP/here" && "$ROADMAP" init --title H 2>"$TMP/here.err" >/dev/null)
expect_eq "$(cat "$TMP/here.err")" "roadmap.yaml: roadmap repository created" "init in the current directory names roadmap.yaml"
run init --help
expect_rc 0 "init --help exits 0"
expect_contains "$OUT" "usage: roadmap init" "init --help prints usage"

run -C "$R" add-ministry lgd --name "Local Government Division" --name-bn "স্থানীয় সরকার বিভাগ"
expect_rc 0 "add-ministry to an empty list"
expect_eq "$ERR" "roadmap.yaml: ministry lgd added" "...which it says in one line"
run -C "$R" add-ministry cabinet --name "Cabinet Division" -q
expect_rc 0 "add-ministry appends"
expect_eq "$ERR" "" "...and -q says nothing"
expect_eq "$(cat "$R/roadmap.yaml")" "roadmap: 1
title: e-Service Roadmap 2021
title_bn: ই-সার্ভিস রোডম্যাপ ২০২১
ministries:
  - id: lgd
    name: Local Government Division
    name_bn: স্থানীয় সরকার বিভাগ
  - id: cabinet
    name: Cabinet Division" "ministries are a block sequence"
run -C "$R" add-ministry lgd --name Again
expect_rc 1 "add-ministry refuses a duplicate"
run -C "$R" add-ministry Bad_Id --name X
expect_rc 2 "add-ministry refuses a bad id"

run -C "$R" add-office lged --ministry lgd --name "Local Government Engineering Department" --head "Chief Engineer"
expect_rc 0 "add-office creates an office"
expect_eq "$ERR" "lged: office created in offices/lgd/lged.yaml" "...which it says in one line"
expect_eq "$(cat "$R/offices/lgd/lged.yaml")" "roadmap: 1
office:
  id: lged
  name: Local Government Engineering Department
  ministry: lgd
  head: Chief Engineer
services: []" "the office file is in the canonical style"
run -C "$R" add-office lged --ministry cabinet --name Again
expect_rc 1 "add-office refuses an existing id anywhere"
expect_contains "$ERR" "offices/lgd/lged.yaml" "and names the existing file"
[ ! -e "$R/offices/cabinet/lged.yaml" ] && pass "nothing was created" || fail "nothing was created"
run -C "$R" add-office dphe --ministry nope --name X
expect_rc 1 "add-office refuses an unknown ministry"
expect_eq "$ERR" "roadmap.yaml: error: no ministry 'nope' in the roadmap
hint: add it first with 'roadmap add-ministry nope --name NAME'" "and says how to add it"
run -C "$R" add-office dphe --ministry lgdd --name X
expect_rc 1 "add-office refuses a mistyped ministry"
expect_eq "$ERR" "roadmap.yaml: error: no ministry 'lgdd' in the roadmap
hint: did you mean 'lgd'?
hint: if 'lgdd' is a new ministry, add it first with 'roadmap add-ministry lgdd --name NAME'" \
	"...did you mean, before how to add it"
[ ! -e "$R/offices/lgdd" ] && [ ! -e "$R/offices/lgd/dphe.yaml" ] && pass "...nothing was created" ||
	fail "...nothing was created"
run -C "$R/offices" add-office dphe --ministry lgd --name "DPHE" -q
expect_eq "$RC:$ERR" "0:" "add-office -q creates silently"
[ -f "$R/offices/lgd/dphe.yaml" ] && pass "...the office" || fail "...the office"
rm "$R/offices/lgd/dphe.yaml"
run -C "$R" add-office dphe --name X
expect_rc 2 "add-office without --ministry is a usage error"

run -C "$R" add-service lged --name "Contractor enlistment" --recipients business --days 30 --cost 2500 --visits 4
expect_rc 0 "add-service into services: []"
expect_eq "$OUT" "contractor-enlistment" "add-service prints the id it made"
expect_eq "$(tail -n 6 "$R/offices/lgd/lged.yaml")" "services:
  - id: contractor-enlistment
    name: Contractor enlistment
    recipients: business
    tcv: {days: 30, cost: 2500, visits: 4}
    since: 2026-11-28" "[] became a block sequence"
run -C "$R" check
expect_rc 0 "the new repository is valid"
ls -A "$R/offices/lgd" >"$TMP/ls"
expect_eq "$(cat "$TMP/ls")" "lged.yaml" "no temporary or lock file is left"
# ---- the files beside the data: schemas, editor settings, .yamllint ----
for f in office roadmap; do
	expect_same_file "$R/schema/$f.schema.json" "$ROADMAP_SRC/schema/$f.schema.json" \
		"init writes schema/$f.schema.json, byte for byte"
done
expect_same_file "$R/.yamllint" "$ROADMAP_SRC/data/.yamllint" "init writes .yamllint"
expect_eq "$(cat "$R/.vscode/settings.json")" '{
  "yaml.schemas": {
    "./schema/roadmap.schema.json": ["/roadmap.yaml"],
    "./schema/office.schema.json": ["/offices/**/*.yaml"]
  }
}' "init writes .vscode/settings.json that applies the schemas"
/usr/bin/python3 -c 'import json, sys; json.load(open(sys.argv[1]))' "$R/.vscode/settings.json" &&
	pass "the settings are JSON" || fail "the settings are JSON"
# a directory that holds a .yamllint and editor settings of its own
O=$TMP/own
mkdir -p "$O/.vscode"
printf 'extends: relaxed\n' >"$O/.yamllint"
printf '{"editor.tabSize": 4}\n' >"$O/.vscode/settings.json"
run init "$O" --title Own
expect_rc 0 "init beside a .yamllint and settings of the directory's own"
expect_eq "$(cat "$O/.yamllint")" "extends: relaxed" "init leaves the .yamllint alone"
expect_eq "$(cat "$O/.vscode/settings.json")" '{"editor.tabSize": 4}' "init leaves the settings alone"
expect_contains "$OUT" "left $O/.yamllint alone" "init says it left the .yamllint"
expect_contains "$OUT" '"./schema/office.schema.json": ["/offices/**/*.yaml"]' \
	"init prints the settings to add"
[ -f "$O/schema/office.schema.json" ] && pass "init writes the schemas there too" ||
	fail "init writes the schemas there too"
# a file where a schema goes: init fails and leaves nothing it made
F=$TMP/blocked
mkdir -p "$F"
printf 'not a directory\n' >"$F/schema"
run init "$F" --title Blocked
expect_rc 1 "init fails when a schema cannot be written"
expect_contains "$ERR" "schema/roadmap.schema.json" "...and names it"
[ ! -e "$F/roadmap.yaml" ] && [ ! -e "$F/.yamllint" ] && [ ! -e "$F/.vscode/settings.json" ] &&
	pass "...and removes what it wrote: all or nothing" ||
	fail "...and removes what it wrote: all or nothing" "$(ls -A "$F")"
rm "$F/schema"
run init "$F" --title Blocked
expect_rc 0 "init works once the way is clear"
finish
