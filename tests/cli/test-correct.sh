# Correcting an office from the command line, as a desk officer would on
# the bundled data: plan --amend / --undo-last, rename-service,
# set-service, a duplicate workshop.  Each correction changes only the
# lines it must (a golden diff of the file), shows in the report, says
# one line (none with -q), warns when the approval turns stale, and each
# refusal writes nothing.
. "$ROADMAP_SRC/tests/cli/lib.sh"

R=$TMP/repo
new_repo "$R"
F=$R/offices/lgd/kcc.yaml
D=$R/offices/lgd/dncc.yaml

# snap: keep the file as it is; changed: the diff since the snap.
snap() { cp "$F" "$TMP/snap"; }
changed() { diff "$TMP/snap" "$F"; }
# report COLUMN...: those columns of 'report services --office kcc'.
report() {
	"$ROADMAP" -C "$R" report services --office kcc | awk -F, -v want="$*" '
		NR == 1 {n = split(want, w, " "); for (i = 1; i <= NF; i++) col[$i] = i; next}
		{line = ""; for (i = 1; i <= n; i++) line = line (i > 1 ? "," : "") $col[w[i]]; print line}'
}
# refused RC WHAT: the last run exited RC and wrote nothing.
refused() {
	expect_rc "$1" "$2: exit $1"
	expect_same_file "$F" "$TMP/snap" "$2: nothing was written"
}

# ---- plan --amend --------------------------------------------------------
before=$(report service status status_date)
snap
run -C "$R" plan kcc trade-licence-issue --amend --status live --date 2019-06-02
expect_rc 0 "amend: the last entry's status and date"
expect_eq "$ERR" "kcc: trade-licence-issue last history entry corrected to live since 2019-06-02 (was piloting since 2019-05-19)" \
	"amend: one line says what was corrected"
expect_eq "$(changed)" "27,28c27,28
<         - date: 2019-05-19
<           status: piloting
---
>         - date: 2019-06-02
>           status: live" "amend: only the entry's two lines change"
expect_eq "$(report service status status_date | head -n 1)" \
	"trade-licence-issue,live,2019-06-02" "amend: the report shows the corrected status"
expect_eq "$(report service status status_date | tail -n +2)" \
	"$(printf '%s\n' "$before" | tail -n +2)" "amend: the other services' rows are unchanged"

snap
run -C "$R" plan kcc trade-licence-issue --amend --note "Launched by the mayor"
expect_rc 0 "amend: a note is added"
expect_eq "$(changed)" "28a29
>           note: Launched by the mayor" "amend: the note is one new line"
expect_eq "$ERR" "kcc: trade-licence-issue last history entry (live since 2019-06-02): note changed" \
	"amend: a note-only change says so"
snap
run -C "$R" plan kcc trade-licence-issue --amend --no-note -q
expect_rc 0 "amend --no-note"
expect_eq "$ERR" "" "-q: nothing said"
expect_eq "$(changed)" "29d28
<           note: Launched by the mayor" "amend --no-note: the note's line goes"
snap
run -C "$R" plan kcc trade-licence-issue --amend --no-note
expect_rc 0 "amend --no-note without a note"
expect_eq "$ERR" "kcc: nothing to change" "says there is nothing to change"
expect_same_file "$F" "$TMP/snap" "and writes nothing"

# refusals: the option, the value, the entry it contradicts
run -C "$R" plan kcc trade-licence-issue --amend --date 2018-01-01
refused 1 "amend: a date before the previous entry's"
expect_eq "$ERR" "roadmap plan: --date 2018-01-01 is before the previous entry's date 2018-09-30 (offices/lgd/kcc.yaml:25:17)
hint: history dates never decrease" "amend: the refusal names --date and the previous entry"
expect_eq "$(sed -n 25p "$F" | cut -c17-)" "2018-09-30" "the position is the previous entry's date"
run -C "$R" plan kcc trade-licence-issue --amend --status designing
refused 1 "amend: a status that cannot follow the previous one"
expect_eq "$ERR" "roadmap plan: --status designing cannot follow the previous entry's status 'developing' (offices/lgd/kcc.yaml:26:19)
hint: statuses move forward, or to 'dropped'" "amend: the refusal names --status and the previous entry"
run -C "$R" plan kcc waste-collection-complaint --amend --status designing
refused 1 "amend: the only entry stays planned"
expect_eq "$ERR" "roadmap plan: --status designing: the first history entry is 'planned' (offices/lgd/kcc.yaml:53:19)
hint: record a new status without --amend" "amend: the only entry's refusal"
run -C "$R" plan kcc trade-licence-issue --amend --date 2062-11-25
refused 2 "amend: a future date is a usage error"
expect_contains "$ERR" "invalid --date '2062-11-25': later than tomorrow" "amend: as --date is everywhere"
run -C "$R" plan kcc trade-licence-issue --amend
refused 2 "amend with nothing to correct"
expect_contains "$ERR" "--amend needs --status, --date, --note or --no-note" "amend: says what it needs"
run -C "$R" plan kcc trade-licence-issue --amend --priority 3
refused 2 "amend with a plan option"
run -C "$R" plan kcc trade-licence-issue --amend --note "" 
refused 2 "amend: an empty --note"
run -C "$R" plan kcc trade-licence-issue --amend --note x --no-note
refused 2 "--note with --no-note"
run -C "$R" plan kcc trade-licence-issue --no-note
refused 2 "--no-note without --amend"
run -C "$R" plan kcc death-registration --amend --date 2018-01-01
refused 1 "amend: a service without a plan"
expect_eq "$ERR" "offices/lgd/kcc.yaml:36:5: error: service 'death-registration' has no plan; there is no history entry to correct
hint: make it an e-service with --priority N" "amend: no plan, at the service"
run -C "$R" plan kcc trade-licence-isue --amend --date 2019-06-03
refused 1 "amend: an unknown service"
expect_eq "$ERR" "offices/lgd/kcc.yaml: error: no service 'trade-licence-isue' in office 'kcc'
hint: did you mean 'trade-licence-issue'?" "amend: did you mean"

snap
run -C "$R" plan kcc trade-licence-issue --status dropped --date 2019-06-01
refused 1 "a new status dated before the last entry"
expect_contains "$ERR" "error: the new status of 'trade-licence-issue' would be dated before its last one (2019-06-02)
hint: history dates never decrease: give a --date on or after 2019-06-02, or if that date is wrong correct it with 'roadmap plan kcc trade-licence-issue --amend --date DATE'" \
	"...and the hint names --amend for a wrong last date"
# ---- plan --undo-last ----------------------------------------------------
snap
run -C "$R" plan kcc trade-licence-issue --undo-last
expect_rc 0 "undo-last"
expect_eq "$ERR" "kcc: trade-licence-issue last history entry removed (live since 2019-06-02); now developing since 2018-09-30" \
	"undo-last: says what went and what the status is now"
expect_eq "$(changed)" "27,28d26
<         - date: 2019-06-02
<           status: live" "undo-last: the entry's lines go, the blank line stays"
expect_eq "$(report service status status_date | head -n 1)" \
	"trade-licence-issue,developing,2018-09-30" "undo-last: the report shows the status before"
snap
run -C "$R" plan kcc waste-collection-complaint --undo-last
refused 1 "undo-last: the only entry"
expect_eq "$(sed -n 50p "$F")" "        - date: 2017-09-26" "(line 50 is that entry)"
expect_eq "$ERR" "offices/lgd/kcc.yaml:50:11: error: the history of 'waste-collection-complaint' has only this entry; a plan keeps at least one
hint: correct it with --amend, or record --status dropped to give up the plan" \
	"undo-last: the refusal and what to do instead"
run -C "$R" plan kcc trade-licence-issue --undo-last --date 2019-01-01
refused 2 "undo-last takes no other option"
run -C "$R" plan kcc death-registration --undo-last
refused 1 "undo-last: a service without a plan"

# ---- rename-service ------------------------------------------------------
snap
run -C "$R" rename-service kcc trade-licence-issue trade-licence-renewal
expect_rc 0 "rename-service"
expect_eq "$ERR" "kcc: service trade-licence-issue renamed to trade-licence-renewal" "rename-service: its line"
expect_eq "$(changed)" "11c11
<   - id: trade-licence-issue
---
>   - id: trade-licence-renewal" "rename-service: only the id's line changes"
expect_eq "$(report service status priority | head -n 1)" \
	"trade-licence-renewal,developing,1" "rename-service: the plan stays with the service"
snap
run -C "$R" rename-service kcc trade-licence-renewal death-registration
refused 1 "rename-service: a taken id"
expect_eq "$ERR" "offices/lgd/kcc.yaml:34:5: error: service 'death-registration' already exists in office 'kcc'
hint: choose another id" "rename-service: a taken id is refused at that service"
run -C "$R" rename-service kcc trade-licence-renewal Trade_Licence
refused 2 "rename-service: an invalid id"
expect_contains "$ERR" "invalid NEW-ID 'Trade_Licence'" "rename-service: names NEW-ID"
run -C "$R" rename-service kcc trade-licence-renwal x
refused 1 "rename-service: an unknown service"
expect_contains "$ERR" "did you mean 'trade-licence-renewal'?" "rename-service: did you mean"
run -C "$R" rename-service kcc trade-licence-renewal
refused 2 "rename-service: NEW-ID is required"
run -C "$R" rename-service kcc trade-licence-renewal trade-licence-renewal
expect_rc 0 "rename-service to its own id"
expect_eq "$ERR" "kcc: nothing to change" "rename-service to its own id: nothing to change"
expect_same_file "$F" "$TMP/snap" "rename-service to its own id writes nothing"

# the id is in the approval's digest: the approval turns stale, even with -q
cp "$D" "$TMP/dncc"
run -C "$R" check dncc
expect_not_contains "$ERR" "stale" "dncc's approval is valid to start with"
run -C "$R" rename-service dncc holding-tax-assessment holding-tax -q
expect_rc 0 "rename-service on an approved office"
expect_eq "$(printf '%s\n' "$ERR" | sed 's/:[0-9]*:[0-9]*:/:L:C:/')" \
	"offices/lgd/dncc.yaml:L:C: warning: the approval of 2017-09-28 is now stale: the services or plans changed since the approval
hint: once the office head approves the roadmap again, record it with 'roadmap approve dncc --by NAME --date DATE'" \
	"rename-service: -q keeps the stale warning, and only it"
run -C "$R" rename-service dncc holding-tax holding-tax-assessment -q
expect_same_file "$D" "$TMP/dncc" "renaming back restores the file"
expect_eq "$ERR" "" "and the approval is valid again: no warning"

# ---- set-service ---------------------------------------------------------
snap
run -C "$R" set-service kcc death-registration --name "Death certificate" \
	--recipients government --days ৩ --visits 1
expect_rc 0 "set-service"
expect_eq "$ERR" "kcc: service death-registration changed: name Death certificate, recipients government, days 3, visits 1" \
	"set-service: its line"
expect_eq "$(changed)" "35c35
<     name: Death registration
---
>     name: Death certificate
37,38c37,38
<     recipients: citizen
<     tcv: {days: 7, cost: 150, visits: 2}
---
>     recipients: government
>     tcv: {days: 3, cost: 150, visits: 1}" "set-service: only those values change; cost stays"
expect_eq "$(report service name recipients days cost visits | sed -n 3p)" \
	"death-registration,Death certificate,government,3,150,1" "set-service: the report shows the new values"
snap
run -C "$R" set-service kcc death-registration --no-name-bn --no-recipients -q
expect_rc 0 "set-service: remove name_bn and recipients"
expect_eq "$ERR" "" "set-service -q: nothing said"
expect_eq "$(changed)" "36,37d35
<     name_bn: মৃত্যু নিবন্ধন
<     recipients: government" "set-service: the two lines go"
run -C "$R" check kcc
expect_rc 0 "the office is still valid"
snap
run -C "$R" set-service kcc death-registration --name "waste collection COMPLAINT"
refused 1 "set-service: another service's name"
expect_eq "$(sed -n 39p "$F" | cut -c11-)" "Waste collection complaint" "(39:11 is that name)"
expect_eq "$ERR" "offices/lgd/kcc.yaml:39:11: error: service 'waste-collection-complaint' already has the name 'Waste collection complaint'
hint: give another name, or --force to take it all the same" "set-service: the other service's name, located"
run -C "$R" set-service kcc death-registration --name-bn "বর্জ্য অপসারণ সংক্রান্ত অভিযোগ"
refused 1 "set-service: another service's Bengali name"
run -C "$R" set-service kcc death-registration
refused 2 "set-service: nothing to change"
run -C "$R" set-service kcc death-registration --name-bn x --no-name-bn
refused 2 "set-service: --name-bn with --no-name-bn"
run -C "$R" set-service kcc death-registration --recipients aliens
refused 2 "set-service: unknown recipients"
run -C "$R" set-service kcc death-registraton --days 1
refused 1 "set-service: an unknown service"
expect_contains "$ERR" "did you mean 'death-registration'?" "set-service: did you mean"
run -C "$R" set-service kcc death-registration --name "Waste collection complaint" --force
expect_rc 0 "set-service --force takes the name"

# ---- since: when a service entered the inventory ------------------------
snap
run -C "$R" set-service kcc death-registration --since 2018-03-01
expect_rc 0 "set-service --since"
expect_eq "$ERR" "kcc: service death-registration changed: since 2018-03-01" "set-service --since: its line"
expect_eq "$(changed | grep '^[<>]')" ">     since: 2018-03-01" "set-service --since: one line added"
expect_contains "$(cat "$F")" "    since: 2018-03-01" "set-service --since: the date is in the file"
asof() { "$ROADMAP" -C "$R" report services --office kcc --as-of "$1" | cut -d, -f3 | grep -c '^death-registration$'; }
expect_eq "$(asof 2018-02-28):$(asof 2018-03-01)" "0:1" "report --as-of counts the service from its since"
run -C "$R" add-service kcc --name "Late entry" --since 2017-07-01 -q
expect_rc 0 "add-service --since"
expect_contains "$(cat "$F")" "    since: 2017-07-01" "add-service --since: the date is written"
run -C "$R" add-service kcc --name "Future entry" --since 2099-01-01
expect_rc 2 "add-service --since later than tomorrow is a usage error"
run -C "$R" remove-service kcc late-entry -q
expect_rc 0 "(the late entry goes again)"
# ---- workshop: one entry per identity ------------------------------------
snap
run -C "$R" workshop kcc --kind roadmap --date 2017-09-10 --batch 5
refused 1 "workshop: the same kind, date and batch"
expect_eq "$ERR" "offices/lgd/kcc.yaml:$(grep -n 'kind: roadmap' "$F" | head -n 1 | cut -d: -f1):5: error: the roadmap workshop of 2017-09-10, batch 5 is already recorded
hint: if it was another batch, give a different --batch; to correct this one, remove it with 'roadmap remove-workshop' and record it again" \
	"workshop: refused at the existing entry, with a hint"
run -C "$R" workshop kcc --kind roadmap --date 2017-09-10 --batch 6 -q
expect_rc 0 "workshop: another batch on that day"
run -C "$R" workshop kcc --kind roadmap --date 2017-09-10
expect_rc 0 "workshop: no batch is its own identity"
snap
run -C "$R" workshop kcc --kind roadmap --date 2017-09-10
refused 1 "workshop: a second entry without a batch"

# ---- completion offers the new commands -----------------------------------
run -C "$R" completion --complete -- re
expect_contains "$OUT" "rename-service" "completion: rename-service"
run -C "$R" completion --complete -- set-service kcc death-registration --no
expect_eq "$OUT" "--no-name-bn
--no-recipients" "completion: set-service's options"
run -C "$R" completion --complete -- rename-service kcc ""
expect_contains "$OUT" "death-registration" "completion: rename-service SERVICE"

run -C "$R" check
expect_rc 0 "the repository is valid after every correction"
finish
