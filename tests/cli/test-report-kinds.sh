#!/usr/bin/env bash
# roadmap report overdue, apa and training on a small repository built by
# hand, whose answers are worked out in the comments: days overdue, a
# service gone live on the last day of a fiscal year (30 June) and one on
# the first day of the next (1 July), a stale approval, a head trained,
# priority 1-2 first kept and broken, workshops per fiscal quarter; in csv,
# json and table; and check's warning of priority 3 gone live first.
. "$(dirname "$0")/lib.sh"

repo=$TMP/repo
mkdir -p "$repo/offices/moa" "$repo/offices/mof"
cat >"$repo/roadmap.yaml" <<'EOF'
roadmap: 1
title: Kinds
ministries:
  - {id: moa, name: Agriculture, name_bn: কৃষি}
  - {id: mof, name: Finance}
  - {id: mop, name: Planning}
EOF
# a1: s1 (priority 1) open since 2018, due 2019-03-31; s2 (priority 3) live
# on 2019-06-30, the last day of 2018-19, while s1 is open: priority first
# broken; s3 (priority 2) live on 2019-07-01, the first day of 2019-20.
# The head attended the leadership workshop of 2018-09-15.
cat >"$repo/offices/moa/a1.yaml" <<'EOF'
roadmap: 1
office: {id: a1, name: Alpha, ministry: moa, name_bn: আলফা}
services:
  - id: s1
    name: One
    plan:
      priority: 1
      due: 2019-03-31
      history:
        - {date: 2018-08-01, status: planned}
        - {date: 2018-12-01, status: developing}
  - id: s2
    name: Two
    plan:
      priority: 3
      history:
        - {date: 2018-08-01, status: planned}
        - {date: 2019-06-30, status: live}
  - id: s3
    name: Three
    plan:
      priority: 2
      due: 2019-12-31
      history:
        - {date: 2018-08-01, status: planned}
        - {date: 2019-07-01, status: live}
workshops:
  - {kind: leadership, date: 2018-09-15, participants: 12, head_present: true}
  - {kind: roadmap, date: 2019-06-30, participants: 20}
  - {kind: design, date: 2019-07-01, participants: 8, head_present: false}
EOF
# b1: t1 (priority 1) live 2019-05-01; t2 (priority 4) live 2019-08-10
# while t3 (priority 2) was open, but t3 went live on 2019-09-01: broken
# only on a date before that.  Its head missed the leadership workshop.
cat >"$repo/offices/moa/b1.yaml" <<'EOF'
roadmap: 1
office: {id: b1, name: Beta, ministry: moa}
services:
  - id: t1
    name: T one
    plan:
      priority: 1
      due: 2019-05-31
      history:
        - {date: 2018-09-01, status: planned}
        - {date: 2019-05-01, status: live}
  - id: t2
    name: T two
    plan:
      priority: 4
      history:
        - {date: 2018-09-01, status: planned}
        - {date: 2019-08-10, status: live}
  - id: t3
    name: T three
    plan:
      priority: 2
      history:
        - {date: 2018-09-01, status: planned}
        - {date: 2019-09-01, status: live}
workshops:
  - {kind: roadmap, date: 2019-07-15, participants: 6, head_present: true}
  - {kind: leadership, date: 2019-10-05, participants: 5, head_present: false}
EOF
# c1: u1 (priority 2) designing, due 2019-06-30, dropped on 2019-09-01.
cat >"$repo/offices/mof/c1.yaml" <<'EOF'
roadmap: 1
office: {id: c1, name: Gamma, ministry: mof}
services:
  - id: u1
    name: U one
    name_bn: ইউ
    plan:
      priority: 2
      due: 2019-06-30
      history:
        - {date: 2019-01-01, status: designing}
        - {date: 2019-09-01, status: dropped}
EOF
run -C "$repo" approve a1 --by Head --date 2018-10-01
expect_rc 0 "a1 approved"
run -C "$repo" approve b1 --by Head --date 2018-10-01
expect_rc 0 "b1 approved"
# a1's plans change after its approval: stale
run -C "$repo" plan a1 s3 --due 2020-01-31
expect_rc 0 "a1's plan changed"

report() { run -C "$repo" report "$@"; }

# ---- overdue ----
# 2019-08-01: s1 due 2019-03-31, 123 days; u1 due 2019-06-30, 32 days
report overdue --as-of 2019-08-01
expect_rc 0 "overdue runs"
expect_eq "$OUT" "ministry,office,service,name,priority,due,status,status_date,days_overdue,name_bn,office_name,office_name_bn
moa,a1,s1,One,1,2019-03-31,developing,2018-12-01,123,,Alpha,আলফা
mof,c1,u1,U one,2,2019-06-30,designing,2019-01-01,32,ইউ,Gamma," "overdue: days since the due date, by ministry and office; the office's Bengali name last"
# on its due date a service is not overdue; the day after, one day
report overdue --as-of 2019-06-30
expect_eq "$(tail -n +2 <<<"$OUT" | cut -d, -f3,9)" "s1,91" "overdue: not on the due date itself"
report overdue --as-of 2019-07-01 --format json
expect_contains "$OUT" '"service":"u1","name":"U one","priority":2,"due":"2019-06-30","status":"designing","status_date":"2019-01-01","days_overdue":1,' \
	"overdue json: one day after the due date, numbers as numbers"
# dropped is not overdue
report overdue --as-of 2019-09-02
expect_eq "$(tail -n +2 <<<"$OUT" | cut -d, -f3)" "s1" "overdue: a dropped service is not"
# the filters: --status and --ministry
report overdue --as-of 2019-08-01 --status designing
expect_eq "$(tail -n +2 <<<"$OUT" | cut -d, -f3)" "u1" "overdue --status designing"
report overdue --as-of 2019-08-01 --ministry moa --format table
expect_eq "$(sed -n 3p <<<"$OUT" | tr -s ' ')" "moa a1 s1 One 1 2019-03-31 developing 2018-12-01 123 Alpha আলফা" \
	"overdue table: the row, days right-aligned"
expect_eq "$(grep -c '' <<<"$OUT")" 3 "overdue table: header, rule and one row"

# ---- apa ----
# 2018-19 (as of 2019-06-30): a1 live 1 (s2 on 30 June; s3 on 1 July is
# next year's), stale, head trained, trained 12 + 20, priority first
# broken; b1 live 1 (t1), approved, trained 0 (its workshops are later);
# c1 nothing.  Ministries: moa, mof and mop (no offices), then the total.
report apa --fy 2018-19
expect_rc 0 "apa runs"
expect_eq "$OUT" "ministry,office,name,fy,offices,live,target,met,approval,approved_offices,head_trained,trained,priority_first,name_bn
moa,a1,Alpha,2018-19,1,1,1,1,stale,0,1,32,0,আলফা
moa,b1,Beta,2018-19,1,1,1,1,approved,1,0,0,1,
mof,c1,Gamma,2018-19,1,0,1,0,none,0,0,0,1,
moa,,Agriculture,2018-19,2,2,2,2,,1,1,32,1,কৃষি
mof,,Finance,2018-19,1,0,1,0,,0,0,0,1,
mop,,Planning,2018-19,0,0,0,0,,0,0,0,0,
,,Total,2018-19,3,2,3,2,,1,1,32,2," "apa 2018-19: live on 30 June counts, sums per ministry and in total"
# the first day of 2019-20: s3 live on 1 July counts; s2 does not
report apa --fy 2019-20 --as-of 2019-07-01
expect_eq "$(sed -n 2p <<<"$OUT")" "moa,a1,Alpha,2019-20,1,1,1,1,stale,0,1,8,1,আলফা" \
	"apa 2019-20 on 1 July: live on 1 July counts, 30 June does not"
# 2019-08-31: t2 (priority 4) went live on 2019-08-10 while t3 (priority
# 2) was open, and t3 is still open: broken
report apa --as-of 2019-08-31
expect_eq "$(sed -n 3p <<<"$OUT")" "moa,b1,Beta,2019-20,1,1,1,1,approved,1,0,6,0," \
	"apa: priority 4 live while priority 2 is still open breaks priority first"
# the whole year: t3 went live since, so priority first holds
report apa --fy 2019-20
expect_eq "$(sed -n 3p <<<"$OUT")" "moa,b1,Beta,2019-20,1,2,1,1,approved,1,0,11,1," \
	"apa: once the priority 2 service is live, priority first holds"
# --quarter does not narrow the year: a count toward the annual target
report apa --fy 2019-20 --quarter 2
expect_eq "$(sed -n 3p <<<"$OUT")" "moa,b1,Beta,2019-20,1,2,1,1,approved,1,0,11,1," \
	"apa --quarter 2: the year so far"
# without --fy and --as-of: the fiscal year of today, so far (the report
# sets the date; without one the library would refuse apa)
ROADMAP_TODAY=2019-08-31 run -C "$repo" report apa
expect_rc 0 "apa without a date runs"
expect_eq "$(sed -n 3p <<<"$OUT")" "moa,b1,Beta,2019-20,1,1,1,1,approved,1,0,6,0," \
	"apa: today's fiscal year so far by default"
ROADMAP_TODAY=2019-06-30 run -C "$repo" report apa
expect_eq "$(sed -n 2p <<<"$OUT" | cut -d, -f4-8)" "2018-19,1,1,1,1" "apa: today on 30 June is the year ending"
report apa --fy 2018-19 --format json --ministry mof
expect_eq "$OUT" '[
{"ministry":"mof","office":"c1","name":"Gamma","fy":"2018-19","offices":1,"live":0,"target":1,"met":0,"approval":"none","approved_offices":0,"head_trained":0,"trained":0,"priority_first":1,"name_bn":null},
{"ministry":"mof","office":null,"name":"Finance","fy":"2018-19","offices":1,"live":0,"target":1,"met":0,"approval":null,"approved_offices":0,"head_trained":0,"trained":0,"priority_first":1,"name_bn":null},
{"ministry":null,"office":null,"name":"Total","fy":"2018-19","offices":1,"live":0,"target":1,"met":0,"approval":null,"approved_offices":0,"head_trained":0,"trained":0,"priority_first":1,"name_bn":null}
]' "apa json --ministry mof: the office, its ministry, the total"
report apa --fy 2018-19 --format table --office a1
expect_eq "$(tail -n 2 <<<"$OUT" | tr -s ' ')" "moa Agriculture 2018-19 1 1 1 1 0 1 32 0 কৃষি
 Total 2018-19 1 1 1 1 0 1 32 0" "apa table --office a1: its ministry's row (no empty ministries) and the total"
report apa --fy 2018-19 --status live
expect_eq "$(tail -n +2 <<<"$OUT" | cut -d, -f1-2,5-6 | tr '\n' ' ')" "moa,a1,1,1 moa,b1,1,1 moa,,2,2 ,,2,2 " \
	"apa --status live: offices with a live service, their ministries, the total"

# ---- training ----
# a1: leadership 2018-09-15 (12, head), roadmap 2019-06-30 (20), design
# 2019-07-01 (8); b1: roadmap 2019-07-15 (6, head), leadership 2019-10-05
# (5)
report training --as-of 2019-12-31
expect_rc 0 "training runs"
expect_eq "$OUT" "fy,quarter,from,to,roadmap,design,leadership,participants,offices,heads_present
2018-19,1,2018-07-01,2018-09-30,0,0,12,12,1,1
2018-19,4,2019-04-01,2019-06-30,20,0,0,20,1,0
2019-20,1,2019-07-01,2019-09-30,6,8,0,14,2,1
2019-20,2,2019-10-01,2019-12-31,0,0,5,5,1,0" "training: a row per fiscal quarter with workshops, in date order"
report training --as-of 2019-07-14
expect_eq "$(tail -n 1 <<<"$OUT")" "2019-20,1,2019-07-01,2019-09-30,0,8,0,8,1,0" \
	"training: workshops after the as-of date are left out"
report training --fy 2019-20 --quarter 1 --format json
expect_eq "$OUT" '[
{"fy":"2019-20","quarter":1,"from":"2019-07-01","to":"2019-09-30","roadmap":6,"design":8,"leadership":0,"participants":14,"offices":2,"heads_present":1}
]' "training json --quarter 1: only that quarter"
report training --as-of 2019-12-31 --format table --office b1
expect_eq "$(tail -n +3 <<<"$OUT" | tr -s ' ')" "2019-20 1 2019-07-01 2019-09-30 6 0 0 6 1 1
2019-20 2 2019-10-01 2019-12-31 0 0 5 5 1 0" "training table --office b1"

# ---- all at once: the same as each alone (report_run_many) ----
for kind in overdue apa training; do
	for fmt in csv json table; do
		report "$kind" --as-of 2019-08-01 --format "$fmt"
		[ "$RC" -eq 0 ] || fail "$kind $fmt runs" "$ERR"
	done
done

# ---- check: priority 3 went live first ----
run -C "$repo" check
expect_rc 0 "check passes with warnings"
expect_contains "$ERR" "offices/moa/a1.yaml:18:11: warning: service 's2' (priority 3) went live on 2019-06-30 while priority-1 service 's1' is still open" \
	"check: the priority warning, at the history entry"
expect_contains "$ERR" "hint: the annual performance agreement counts priority 1 and 2 first: bring 's1' live, or change its priority with 'roadmap plan a1 s1 --priority N'" \
	"check: its hint"
expect_not_contains "$ERR" "service 't2'" "check: t3 has gone live since, so b1 is not warned of"
expect_eq "$(grep -c 'went live on' <<<"$ERR")" 1 "check: one priority warning"
# the fixture: one service of priority 3 live before a priority-1 one
fx=$TMP/fx
mkdir -p "$fx/offices/lgd"
printf 'roadmap: 1\ntitle: F\nministries:\n  - {id: lgd, name: L}\n' >"$fx/roadmap.yaml"
cp "$ROADMAP_SRC/tests/fixtures/priority/priority-first.yaml" "$fx/offices/lgd/"
run -C "$fx" check
expect_rc 0 "fixture: check passes"
expect_eq "$(grep -m1 warning: <<<"$ERR")" "offices/lgd/priority-first.yaml:20:11: warning: service 'tree-felling' (priority 3) went live on 2018-09-02 while priority-1 service 'birth-registration' is still open" \
	"fixture: the warning"
# once birth-registration is live, no warning
run -C "$fx" plan priority-first birth-registration --status live --date 2018-09-03
expect_rc 0 "fixture: birth-registration goes live"
run -C "$fx" check
expect_not_contains "$ERR" "went live" "fixture: no warning once the priority-1 service is live"
finish
