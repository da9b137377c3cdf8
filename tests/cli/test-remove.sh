#!/usr/bin/env bash
# roadmap remove-service and remove-workshop: the removed item's lines go
# and every other byte stays (golden files), the report loses the row, the
# refusals write nothing, -q, the stale-approval warning, exit codes.
. "$(dirname "$0")/lib.sh"

R=$TMP/repo
"$ROADMAP" init "$R" --title T >/dev/null 2>&1
"$ROADMAP" -C "$R" add-ministry lgd --name L >/dev/null 2>&1
"$ROADMAP" -C "$R" add-office o1 --ministry lgd --name O >/dev/null 2>&1
F=$R/offices/lgd/o1.yaml

# A hand-kept file: comments above, after and under items, blank lines
# between them, a multi-line block scalar, a plan.
cat >"$F" <<'EOF'
# office o1, kept by hand
roadmap: 1
office:
  id: o1
  name: O
  ministry: lgd
services:   # the inventory of 2017
  # the first one
  - id: s1
    name: S1

  # s2 was entered twice; s3 is the same service
  - id: s2   # check with the DC
    name: |
      Service two,
      over two lines
    # asked at the workshop

  - id: s3
    name: S3
    plan:
      priority: 1
      history:
        - date: 2017-10-31
          status: planned

  - id: s4
    name: S4
    plan:
      priority: 2
      history:
        - {date: 2017-10-31, status: planned}
        - {date: 2018-01-10, status: dropped}
workshops:
  - kind: roadmap
    date: 2017-09-10
    batch: 5
  - kind: design   # no batch
    date: 2018-01-14
  - kind: design
    date: 2018-01-14
    batch: 4
  # the last one
  - kind: leadership
    date: 2018-03-01
EOF

run -C "$R" report services --office o1
expect_contains "$OUT" "o1,s2," "before: the report lists s2"
run -C "$R" remove-service o1 s2
expect_rc 0 "remove-service removes a service without a plan"
expect_eq "$ERR" "o1: service s2 removed" "and says so on stderr, in one line"
expect_eq "$OUT" "" "stdout stays empty"
cat >"$TMP/want" <<'EOF'
# office o1, kept by hand
roadmap: 1
office:
  id: o1
  name: O
  ministry: lgd
services:   # the inventory of 2017
  # the first one
  - id: s1
    name: S1

  - id: s3
    name: S3
    plan:
      priority: 1
      history:
        - date: 2017-10-31
          status: planned

  - id: s4
    name: S4
    plan:
      priority: 2
      history:
        - {date: 2017-10-31, status: planned}
        - {date: 2018-01-10, status: dropped}
workshops:
  - kind: roadmap
    date: 2017-09-10
    batch: 5
  - kind: design   # no batch
    date: 2018-01-14
  - kind: design
    date: 2018-01-14
    batch: 4
  # the last one
  - kind: leadership
    date: 2018-03-01
EOF
expect_same_file "$F" "$TMP/want" "only s2's lines (with its comments and the blank line after it) went"
run -C "$R" report services --office o1
expect_not_contains "$OUT" "o1,s2," "after: the report has no row for s2"
expect_contains "$OUT" "o1,s3," "and keeps the others"
run -C "$R" check o1
expect_rc 0 "the file is valid"

# refusals write nothing
cp "$F" "$TMP/before"
run -C "$R" remove-service o1 s3
expect_rc 1 "a service with a plan that is not dropped is refused"
expect_contains "$ERR" "offices/lgd/o1.yaml:12:5: error: service 's3' has a plan ('planned' since 2017-10-31)" "at the service, with its status"
expect_contains "$ERR" "hint: record that it was dropped (roadmap plan o1 s3 --status dropped), or remove it with its plan: --force" "with a hint"
expect_same_file "$F" "$TMP/before" "nothing was written"
run -C "$R" remove-service o1 s33
expect_rc 1 "an unknown service is refused"
expect_contains "$ERR" "error: no service 's33' in office 'o1'" "and named"
expect_contains "$ERR" "hint: did you mean 's3'?" "with the nearest id"
expect_same_file "$F" "$TMP/before" "nothing was written"
run -C "$R" remove-service nope s3
expect_rc 1 "an unknown office is refused"
run -C "$R" remove-service o1
expect_rc 2 "a missing SERVICE is a usage error"
run -C "$R" remove-service o1 s3 --forse
expect_rc 2 "an unknown option is a usage error"
expect_same_file "$F" "$TMP/before" "nothing was written"

# a dropped plan goes without --force; -q says nothing
run -C "$R" remove-service -q o1 s4
expect_rc 0 "a service whose plan is dropped is removed"
expect_eq "$ERR" "" "-q says nothing"
expect_not_contains "$(cat "$F")" "s4" "s4 is gone"
run -C "$R" remove-service o1 s3 --force
expect_rc 0 "--force removes a service with a plan"
expect_contains "$ERR" "o1: service s3 removed, with its plan (planned since 2017-10-31)" "...and says the plan went with it"
run -C "$R" remove-service o1 s1
expect_rc 0 "the last service goes"
expect_contains "$(cat "$F")" "ministry: lgd
services: []   # the inventory of 2017
workshops:" "the list is left empty, its comment kept"
run -C "$R" check o1
expect_rc 0 "a file with services: [] is valid"

# remove-workshop: identity is kind, date and batch
cp "$F" "$TMP/before"
run -C "$R" remove-workshop o1 --kind design --date 2018-01-14 --batch 2
expect_rc 1 "no entry with that batch: refused"
expect_contains "$ERR" "offices/lgd/o1.yaml:9:3: error: office 'o1' has no design workshop of 2018-01-14, batch 2" "at the list"
expect_contains "$ERR" "hint: the office has: design workshop of 2018-01-14 (line 12); design workshop of 2018-01-14, batch 4 (line 14)" "naming the entries of that date or kind, with their batches and lines"
expect_not_contains "$ERR" "leadership" "but not the others"
expect_same_file "$F" "$TMP/before" "nothing was written"
run -C "$R" remove-workshop o1 --kind design --date 2018-01-14 --batch 4
expect_rc 0 "the entry with the batch goes"
expect_eq "$ERR" "o1: design workshop of 2018-01-14, batch 4 removed" "and it says so"
run -C "$R" remove-workshop o1 --kind design --date 2018-01-14
expect_rc 0 "without --batch the entry without a batch goes"
cat >"$TMP/want" <<'EOF'
# office o1, kept by hand
roadmap: 1
office:
  id: o1
  name: O
  ministry: lgd
services: []   # the inventory of 2017
workshops:
  - kind: roadmap
    date: 2017-09-10
    batch: 5
  # the last one
  - kind: leadership
    date: 2018-03-01
EOF
expect_same_file "$F" "$TMP/want" "only the two entries' lines went"
run -C "$R" report workshops
expect_contains "$OUT" "design,0,0,0,0,0" "the report counts no design workshop left"
run -C "$R" remove-workshop o1 --kind design --date 2018-01-14
expect_rc 1 "an entry that is gone is refused"
run -C "$R" remove-workshop o1 --kind seminar --date 2018-01-14
expect_rc 2 "an unknown kind is a usage error"
run -C "$R" remove-workshop o1 --date 2018-01-14
expect_rc 2 "--kind is required"

# two identical entries (an old hand-edited file): the first goes
cat >>"$F" <<'EOF'
  - kind: roadmap
    date: 2017-09-10
    batch: 5
EOF
run -C "$R" check o1
second=$(grep -n 'kind: roadmap' "$F" | sed -n 2p | cut -d: -f1)
first=$(grep -n 'kind: roadmap' "$F" | sed -n 1p | cut -d: -f1)
expect_contains "$RC:$ERR" "0:offices/lgd/o1.yaml:$second:5: warning: this roadmap workshop is recorded twice (line $first has the same kind, date and batch)" \
	"check warns of a workshop recorded twice, at the second entry"
run -C "$R" remove-workshop o1 --kind roadmap --date 2017-09-10 --batch 5
expect_rc 0 "one of two identical entries is removed"
left=$(grep -n 'kind: roadmap' "$F" | cut -d: -f1)
expect_contains "$ERR" "o1.yaml:$left:5: warning: the roadmap workshop of 2017-09-10, batch 5 was recorded 2 times: the first entry was removed, 1 stays" \
	"and it says so, at the entry that stays in the file as it is now"
expect_eq "$(grep -c 'kind: roadmap' "$F")" 1 "one stays"
run -C "$R" remove-workshop o1 --kind roadmap --date 2017-09-10 --batch 5 -q
run -C "$R" remove-workshop o1 --kind leadership --date 2018-03-01 -q
expect_rc 0 "the last workshop goes"
expect_contains "$(cat "$F")" "workshops: []" "and leaves an empty list"
expect_not_contains "$(cat "$F")" "the last one" "with the comment above it"

# On the bundled data: an approved office; the diff is the item's lines.
D=$TMP/data
new_repo "$D"
K=$D/offices/lgd/dncc.yaml
cp "$K" "$TMP/before"
run -C "$D" report services --office dncc
expect_contains "$OUT" "dncc,birth-registration," "before: dncc lists birth-registration"
run -C "$D" remove-service dncc birth-registration
expect_rc 0 "remove-service on an approved office"
expect_contains "$ERR" "dncc: service birth-registration removed" "says what it removed"
expect_contains "$ERR" "warning: the approval of 2017-09-28 is now stale" "and warns that the approval turned stale"
removed=$(diff "$TMP/before" "$K" | grep -v '^[0-9]')
expect_eq "$removed" "<   - id: birth-registration
<     name: Birth registration
<     name_bn: জন্ম নিবন্ধন
<     recipients: citizen
<     tcv: {days: 10, cost: 300, visits: 3}
<     # done on BDRIS of the Registrar General's office
< " "the diff shows exactly the service's lines"
run -C "$D" report services --office dncc
expect_not_contains "$OUT" "dncc,birth-registration," "after: the row is gone"
run -C "$D" remove-service dncc waste-collection-complaint --force -q
expect_rc 0 "-q on an already stale approval"
expect_eq "$ERR" "" "says nothing"
run -C "$D" check dncc
expect_contains "$ERR" "stale" "check sees the stale approval"

finish
