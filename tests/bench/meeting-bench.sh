#!/usr/bin/env bash
# Benchmark what the coordination meeting opens, on a synthetic national
# repository (tests/bench/gen-repo.py): each output against the plain
# reading of every office (`report totals`, the reference: a report kind is
# never cheaper), and the workbook of services against its CSV.
#
#   report services (csv and xlsx), report pack (nine kinds, one reading),
#   dashboard (eight kinds, one reading), and import of a CSV of N rows
#   into one office (against add-service of one service).
#
# usage: tests/bench/meeting-bench.sh [-n OFFICES] [-s SERVICES] [-r RUNS]
#                                     [-i ROWS] [-d REPO] [-b ROADMAP]
# -d: an existing repository (read only) instead of a generated one.
# Prints the medians of RUNS runs (wall and CPU seconds), peak RSS and the
# ratios; nothing is enforced.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
offices=25000 services=25 runs=3 rows=4000 repo=
roadmap=${ROADMAP:-$here/../../build/roadmap}
while getopts n:s:r:i:d:b: opt; do
	case $opt in
	n) offices=$OPTARG ;;
	s) services=$OPTARG ;;
	r) runs=$OPTARG ;;
	i) rows=$OPTARG ;;
	d) repo=$OPTARG ;;
	b) roadmap=$OPTARG ;;
	*) sed -n '11,12p' "$0" >&2; exit 2 ;;
	esac
done
roadmap=$(cd "$(dirname "$roadmap")" && pwd)/$(basename "$roadmap")
[ -x "$roadmap" ] || { echo "meeting-bench: no roadmap binary at $roadmap (-b)" >&2; exit 2; }
python=/usr/bin/python3

tmp=$(mktemp -d "${TMPDIR:-/tmp}/roadmap-meeting.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
if [ -z "$repo" ]; then
	repo=$tmp/repo
	mkdir -p "$repo"
	echo "# generating $offices offices x ~$services services" >&2
	"$python" "$here/gen-repo.py" "$repo" --offices "$offices" \
		--services "$services" --seed 1
fi
repo=$(cd "$repo" && pwd)
as_of=2026-11-28

# one CMD...: "wall cpu rss_mib" of one run
one() {
	/usr/bin/time -f "%e %U %S %M" -o "$tmp/time" "$@" >/dev/null
	awk '{ printf "%s %.2f %.1f\n", $1, $2 + $3, $4 / 1024 }' "$tmp/time"
}

# median CMD...: "wall cpu rss_mib", each the median of $runs runs
median() {
	local i col
	for ((i = 0; i < runs; i++)); do one "$@"; done >"$tmp/runs"
	for col in 1 2 3; do
		cut -d' ' -f$col "$tmp/runs" | sort -g |
			awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%s\n", m }'
	done | paste -sd' '
}

cd "$repo"
"$roadmap" report totals --as-of "$as_of" >/dev/null # warm the page cache
printf '%-34s %8s %8s %9s %8s\n' what "wall s" "CPU s" "RSS MiB" "× ref"
row() { # NAME REF_WALL CMD...
	local name=$1 ref=$2 w c m
	shift 2
	read -r w c m < <(median "$@")
	printf '%-34s %8s %8s %9s %8s\n' "$name" "$w" "$c" "$m" \
		"$(awk -v a="$w" -v b="$ref" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "1.00" }')"
	last=$w
}
ref=0
row "report totals (reference)" 0 "$roadmap" report totals --as-of "$as_of"
ref=$last
row "report services --format csv" "$ref" "$roadmap" report services --as-of "$as_of" -o "$tmp/s.csv"
csv=$last
row "report services --format xlsx" "$ref" "$roadmap" report services --as-of "$as_of" --format xlsx -o "$tmp/s.xlsx"
echo "#   the workbook of services against its CSV: $(awk -v a="$last" -v b="$csv" 'BEGIN { printf "%.1f", a / b }')x, $(($(stat -c %s "$tmp/s.xlsx") / 1048576)) MiB against $(($(stat -c %s "$tmp/s.csv") / 1048576)) MiB"
row "report pack" "$ref" "$roadmap" report pack --as-of "$as_of" -o "$tmp/p.xlsx"
row "dashboard" "$ref" "$roadmap" dashboard --as-of "$as_of" -o "$tmp/d.html"

# import: a copy of one office, so the repository is never written
office=$(find offices -name '*.yaml' -print -quit)
mkdir -p "$tmp/imp/offices/x"
cp roadmap.yaml "$tmp/imp/"
cp "$office" "$tmp/imp/offices/x/"
id=$(basename "$office" .yaml)
"$python" - "$rows" >"$tmp/rows.csv" <<'PY'
import sys
print("name,name in bengali,days,cost,visits,priority,due")
for i in range(int(sys.argv[1])):
    print(f"Imported service {i},আমদানি সেবা {i},{i % 30 + 1},{i * 10},{i % 5 + 1},{i % 5 + 1},2027-06-30")
PY
cp "$tmp/imp/offices/x/$id.yaml" "$tmp/before.yaml"
imp() {
	cp "$tmp/before.yaml" "$tmp/imp/offices/x/$id.yaml"
	"$roadmap" -C "$tmp/imp" import "$id" "$tmp/rows.csv" 2>/dev/null
}
add() {
	cp "$tmp/before.yaml" "$tmp/imp/offices/x/$id.yaml"
	"$roadmap" -C "$tmp/imp" add-service "$id" --name 'One more service' 2>/dev/null
}
# ms CMD: the median of $runs runs of CMD, in milliseconds
ms() {
	local i t0 t1
	for ((i = 0; i < runs; i++)); do
		t0=$(date +%s%N)
		"$@" >/dev/null
		t1=$(date +%s%N)
		echo $(((t1 - t0) / 1000))
	done | sort -n | awk '{ a[NR] = $1 } END { printf "%.1f", a[int((NR + 1) / 2)] / 1000 }'
}
t_add=$(ms add)
t_imp=$(ms imp)
printf '%-34s %8s ms\n' "add-service of one service" "$t_add"
printf '%-34s %8s ms  (%s ms a row; %s x one add-service)\n' "import of $rows rows" "$t_imp" \
	"$(awk -v a="$t_imp" -v n="$rows" 'BEGIN { printf "%.3f", a / n }')" \
	"$(awk -v a="$t_imp" -v b="$t_add" 'BEGIN { printf "%.1f", a / b }')"
