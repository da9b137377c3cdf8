#!/bin/bash
# Benchmark (not a test) of whole-process add-service and plan on a typical
# 50-service office and a 1,000-service office (about 300 KB): prints the
# median wall time of each.  Usage: edit-bench.sh [ROADMAP] [RUNS] [OFFICES]
# OFFICES (default 0) other offices fill the repository beside the bench
# office, spread over 60 ministry directories: the cost of finding the
# office in a national repository (writers walk the whole tree).
# Then the many-intents case: a merge (merge-driver) where one side sets
# the cost of every service and the other adds a service, one edit of
# 1,000 and of 4,000 intents; the ratio of their times is about 4 when
# the edit engine is linear (16 when quadratic).
set -eu
ROADMAP=${1:-${ROADMAP:-build/roadmap}}
RUNS=${2:-41}
OFFICES=${3:-0}
ROADMAP=$(cd "$(dirname "$ROADMAP")" && pwd)/$(basename "$ROADMAP")
TMP=$(mktemp -d "${TMPDIR:-/tmp}/roadmap-bench.XXXXXX")
trap 'rm -rf "$TMP"' EXIT
export ROADMAP_TODAY=2026-11-28

# make_office N FILE: an office with N services, most of them planned,
# with comments, Bengali names and history, as offices keep them.
make_office() {
	{
		echo "# Bench office"
		echo "roadmap: 1"
		echo "office:"
		echo "  id: bench"
		echo "  name: Local Government Engineering Department"
		echo "  name_bn: স্থানীয় সরকার প্রকৌশল অধিদপ্তর"
		echo "  ministry: lgd"
		echo "  head: Chief Engineer"
		echo "services:"
		for i in $(seq 1 "$1"); do
			cat <<S
  - id: service-$i   # item $i
    name: Contractor enlistment $i
    name_bn: ঠিকাদার তালিকাভুক্তি $i
    recipients: business
    tcv: {days: 30, cost: 2500, visits: 4}
    plan:
      priority: $(( (i % 9) + 1 ))
      due: 2018-06-30
      tcv: {days: 3, cost: 0, visits: 0}
      history:
        - date: 2017-10-31
          status: planned
S
			[ $((i % 4)) -ne 0 ] || cat <<S
        - date: 2017-12-10
          status: designing
S
		done
		echo "approval:"
		echo "  by: Chief Engineer"
		echo "  date: 2017-10-31"
	} >"$2"
}

median() {
	awk '{printf "%.3f\n", ($2 - $1) * 1000}' | sort -n |
		awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

# time_ms CMD...: wall time of one run in milliseconds (bash 5's
# EPOCHREALTIME: no extra process in the measurement).
time_ms() {
	local t0 t1
	t0=$EPOCHREALTIME
	"$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
	t1=$EPOCHREALTIME
	echo "$t0 $t1"
}

for n in 50 1000; do
	R=$TMP/r$n
	mkdir -p "$R/offices/lgd"
	printf 'roadmap: 1\ntitle: Bench\nministries:\n  - id: lgd\n    name: L\n' >"$R/roadmap.yaml"
	make_office "$n" "$R/offices/lgd/bench.yaml"
	/usr/bin/python3 - "$R/offices" "$OFFICES" <<'P'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, "m%02d" % (i % 60))
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "o%05d.yaml" % i), "w") as f:
        f.write("roadmap: 1\noffice:\n  id: o%05d\n  name: O\n  ministry: lgd\nservices: []\n" % i)
P
	size=$(wc -c <"$R/offices/lgd/bench.yaml")
	add=$(for k in $(seq 1 "$RUNS"); do
		time_ms "$ROADMAP" -C "$R" add-service bench --id "new-$k" --name "New $k"
	done | median)
	plan=$(for k in $(seq 1 "$RUNS"); do
		time_ms "$ROADMAP" -C "$R" plan bench service-7 --priority $(( (k % 5) + 1 ))
	done | median)
	check=$(for k in $(seq 1 "$RUNS"); do
		time_ms "$ROADMAP" -C "$R" check bench
	done | median)
	[ "$OFFICES" -eq 0 ] || printf 'beside %d other offices: ' "$OFFICES"
	printf '%5d services (%7d bytes): add-service %s ms, plan %s ms, check %s ms (median of %d)\n' \
		"$n" "$size" "$add" "$plan" "$check" "$RUNS"
done

# merge_case N: median ms of merging "every cost set" with "one service
# added" on an office of N services.
merge_case() {
	local M=$TMP/m$1 k
	mkdir -p "$M"
	make_office "$1" "$M/base"
	sed 's/cost: 2500,/cost: 2600,/' "$M/base" >"$M/ours"
	awk '/^approval:/ { print "  - id: added\n    name: Added service" } { print }' \
		"$M/base" >"$M/theirs"
	for k in $(seq 1 "$RUNS"); do
		cp "$M/ours" "$M/result"
		time_ms "$ROADMAP" merge-driver "$M/base" "$M/result" "$M/theirs" \
			offices/lgd/bench.yaml
	done | median
}
m1=$(merge_case 1000)
m4=$(merge_case 4000)
printf 'merge, every cost set vs one service added: 1000 services %s ms, 4000 services %s ms (ratio %s, median of %d)\n' \
	"$m1" "$m4" "$(awk -v a="$m1" -v b="$m4" 'BEGIN {printf "%.1f", b / a}')" "$RUNS"
