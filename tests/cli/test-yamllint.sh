#!/usr/bin/env bash
# yamllint (Debian package yamllint) with the configuration roadmap ships
# (data/.yamllint, embedded in the binary and written by init and
# git-setup): the bundled data/ passes it, and so does every file that
# every writing command writes, in new files and in files written by hand
# in the other styles roadmap(5) allows.  The configuration is strict:
# what it must refuse, it refuses.
. "$(dirname "$0")/lib.sh"

if ! command -v yamllint >/dev/null; then
	skip_all "yamllint is not installed (Debian package yamllint)"
fi

# lint DIR WHAT: yamllint -s over DIR with DIR's own .yamllint.
lint() {
	local out
	out=$(cd "$1" && yamllint -s -f parsable . 2>&1)
	RC=$?
	if [ "$RC" -eq 0 ]; then pass "$2"
	else fail "$2" "$out"; fi
}

lint "$ROADMAP_SRC/data" "data/ passes yamllint with data/.yamllint"

R=$TMP/repo
run init "$R" --title "e-Service Roadmap 2021" --title-bn "ই-সার্ভিস রোডম্যাপ ২০২১"
expect_rc 0 "init"
expect_same_file "$R/.yamllint" "$ROADMAP_SRC/data/.yamllint" \
	"init writes data/.yamllint, byte for byte"
lint "$R" "init: the new repository passes"
run -C "$R" add-ministry lgd --name "Local Government Division" --name-bn "স্থানীয় সরকার বিভাগ"
expect_rc 0 "add-ministry"
run -C "$R" add-ministry yes --name "no"
expect_rc 0 "add-ministry with names YAML 1.1 reads as booleans"
lint "$R" "add-ministry: passes"
run -C "$R" add-office lged --ministry lgd --name "Local Government Engineering Department" \
	--name-bn "স্থানীয় সরকার প্রকৌশল অধিদপ্তর" --head "Chief Engineer"
expect_rc 0 "add-office"
run -C "$R" add-office on --ministry yes --name "off" --head "1st floor"
expect_rc 0 "add-office with awkward names"
lint "$R" "add-office: passes"
run -C "$R" add-service lged --name "Contractor enlistment" --name-bn "ঠিকাদার তালিকাভুক্তি" \
	--recipients business --days 30 --cost 2500 --visits 4
expect_rc 0 "add-service"
run -C "$R" add-service lged --name "true" --id road-cutting
expect_rc 0 "add-service named true"
run -C "$R" add-service lged --name "$(printf 'Two\tparts: a # b')" --id odd
expect_rc 0 "add-service with a tab, a colon and a hash in its name"
lint "$R" "add-service: passes"
run -C "$R" plan lged contractor-enlistment --priority 1 --due 2022-06-30 \
	--target-days 7 --target-cost 500 --target-visits 1 --status planned --date 2021-01-10 --note "agreed: yes"
expect_rc 0 "plan"
run -C "$R" plan lged contractor-enlistment --status designing --date 2021-03-01
expect_rc 0 "plan: a second status"
run -C "$R" plan lged road-cutting --priority 2 --status planned --date 2021-01-10
expect_rc 0 "plan another service"
lint "$R" "plan: passes"
run -C "$R" approve lged --by "Chief Engineer" --date 2021-02-01
expect_rc 0 "approve"
lint "$R" "approve: passes"
run -C "$R" workshop lged --kind design --date 2021-02-15 --batch 1 --participants 20 --head-present
expect_rc 0 "workshop"
run -C "$R" workshop lged --kind roadmap --date 2021-03-15
expect_rc 0 "a second workshop"
lint "$R" "workshop: passes"
run -C "$R" check
expect_rc 0 "the repository is valid"

# the writers on hand-written files in the other styles the format allows:
# non-indented sequences and CRLF line ends
H=$TMP/hand
new_repo "$H"
cp "$ROADMAP_SRC/data/.yamllint" "$H/.yamllint"
kwasa=$(grep -l '^- id:' "$H"/offices/*/*.yaml | head -n 1)
[ -n "$kwasa" ] && pass "data/ has an office with non-indented sequences" ||
	fail "data/ has an office with non-indented sequences"
id=$(basename "$kwasa" .yaml)
run -C "$H" add-service "$id" --name "Hand-style service" --days 3 --cost 0 --visits 1
expect_rc 0 "add-service into a non-indented office"
svc=$(tail -n 20 "$kwasa" | sed -n 's/^- id: //p' | tail -n 1)
run -C "$H" plan "$id" "$svc" --priority 9 --status planned --date 2021-01-10
expect_rc 0 "plan in a non-indented office"
run -C "$H" workshop "$id" --kind leadership --date 2021-02-02
expect_rc 0 "workshop in a non-indented office"
sed -i 's/$/\r/' "$H/offices/lgd/lged.yaml"
run -C "$H" plan lged contractor-enlistment --priority 7
expect_rc 0 "plan in a CRLF office"
lint "$H" "the writers keep hand-written styles, and they pass"

# the configuration is strict where roadmap's output is canonical
S=$TMP/strict
mkdir -p "$S"
cp "$ROADMAP_SRC/data/.yamllint" "$S/.yamllint"
refused() { # WHAT TEXT
	printf '%s' "$2" >"$S/x.yaml"
	(cd "$S" && yamllint -s x.yaml >/dev/null 2>&1)
	if [ $? -ne 0 ]; then pass "refused: $1"; else fail "refused: $1" "$2"; fi
}
refused "trailing spaces" $'roadmap: 1 \ntitle: T\n'
refused "a duplicate key" $'roadmap: 1\nroadmap: 1\n'
refused "a YAML 1.1 boolean" $'roadmap: 1\nflag: yes\n'
refused "a document start marker" $'---\nroadmap: 1\n'
refused "inconsistent indentation" $'office:\n  id: a\n   name: b\n'
refused "no final newline" $'roadmap: 1'
refused "an implicit octal" $'roadmap: 010\n'
refused "spaces inside a flow mapping" $'tcv: { days: 1 }\n'
printf 'name: %s\n' "$(printf 'ই%.0s' $(seq 1 200))" >"$S/x.yaml"
(cd "$S" && yamllint -s x.yaml >/dev/null 2>&1) && pass "accepted: a long Bengali name" ||
	fail "accepted: a long Bengali name"
finish
