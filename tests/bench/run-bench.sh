#!/usr/bin/env bash
# Benchmark `roadmap report services` on a synthetic national repository
# against (a) the same report in Python (tests/reference/report.py, the
# independent reference: PyYAML's CSafeLoader) and (b) a bare
# single-threaded libyaml event parse of the same files (the floor).
# Prints the medians of several runs, the ratios and peak RSS.
#
# usage: tests/bench/run-bench.sh [-n OFFICES] [-s SERVICES] [-r RUNS]
#                                 [-p PYTHON_RUNS] [-S SEED] [-b ROADMAP]
# Targets: >= 30x faster than Python; <= 1.0x the floor; <= 64 MiB RSS.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
offices=25000 services=25 runs=5 pyruns=3 seed=1
roadmap=${ROADMAP:-$here/../../build/roadmap}
while getopts n:s:r:p:S:b: opt; do
	case $opt in
	n) offices=$OPTARG ;;
	s) services=$OPTARG ;;
	r) runs=$OPTARG ;;
	p) pyruns=$OPTARG ;;
	S) seed=$OPTARG ;;
	b) roadmap=$OPTARG ;;
	*) sed -n '8,9p' "$0" >&2; exit 2 ;;
	esac
done
roadmap=$(cd "$(dirname "$roadmap")" && pwd)/$(basename "$roadmap")
[ -x "$roadmap" ] || { echo "run-bench: no roadmap binary at $roadmap (-b)" >&2; exit 2; }
python=/usr/bin/python3
reference=$here/../reference/report.py

tmp=$(mktemp -d "${TMPDIR:-/tmp}/roadmap-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
repo=$tmp/repo
mkdir -p "$repo"

echo "# generating $offices offices x ~$services services (seed $seed)" >&2
"$python" "$here/gen-repo.py" "$repo" --offices "$offices" \
	--services "$services" --seed "$seed"
# shellcheck disable=SC2046
cc -O2 -o "$tmp/floor" "$here/floor.c" $(pkg-config --cflags --libs yaml-0.1)

# times CMD...: "wall cpu" seconds of one run (cpu = user + sys), output
# to $tmp/out
times() {
	/usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@" >"$tmp/out"
	awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$tmp/time"
}

# median N CMD...: "wall cpu", each the median of N runs
median() {
	local n=$1 i col
	shift
	for ((i = 0; i < n; i++)); do times "$@"; done >"$tmp/runs"
	for col in 1 2; do
		cut -d' ' -f$col "$tmp/runs" | sort -g |
			awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2; printf "%.2f\n", m }'
	done | paste -sd' '
}

# rss_mib CMD...: peak resident set size in MiB
rss_mib() {
	/usr/bin/time -v "$@" 2>&1 >/dev/null |
		awk -F: '/Maximum resident set size/ { printf "%.1f\n", $2 / 1024 }'
}

cd "$repo"
bytes=$(du -sb offices | cut -f1)
"$tmp/floor" . >"$tmp/floor.txt"  # warm the page cache
echo "# $(cat "$tmp/floor.txt"), $((bytes / 1048576)) MiB" >&2

"$roadmap" report services >"$tmp/roadmap.csv"
"$python" "$reference" . services >"$tmp/python.csv"
if cmp -s "$tmp/roadmap.csv" "$tmp/python.csv"; then same=yes; else same=NO; fi
"$roadmap" report services --jobs 1 >"$tmp/roadmap1.csv"
if cmp -s "$tmp/roadmap.csv" "$tmp/roadmap1.csv"; then same1=yes; else same1=NO; fi
rows=$(($(wc -l <"$tmp/roadmap.csv") - 1))

jobs=$(nproc)
read -r t_rm c_rm < <(median "$runs" "$roadmap" report services)
read -r t_rm1 c_rm1 < <(median "$runs" "$roadmap" report services --jobs 1)
read -r t_floor c_floor < <(median "$runs" "$tmp/floor" .)
read -r t_py c_py < <(median "$pyruns" "$python" "$reference" . services)
rss=$(rss_mib "$roadmap" report services)
rss1=$(rss_mib "$roadmap" report services --jobs 1)
load=$(cut -d' ' -f1-3 /proc/loadavg)

ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }
cat <<EOF

roadmap report services: $offices offices, $rows rows, $((bytes / 1048576)) MiB of YAML
$(nproc) CPUs, load average at the end $load; medians of $runs runs ($pyruns for Python)

| program                                 | wall s | CPU s | wall vs roadmap | peak RSS MiB |
|-----------------------------------------|-------:|------:|----------------:|-------------:|
| roadmap report services (--jobs $jobs)      | $t_rm | $c_rm | 1.00 | $rss |
| roadmap report services --jobs 1        | $t_rm1 | $c_rm1 | $(ratio "$t_rm1" "$t_rm") | $rss1 |
| libyaml event parse, 1 thread (floor)   | $t_floor | $c_floor | $(ratio "$t_floor" "$t_rm") | |
| Python: tests/reference/report.py      | $t_py | $c_py | $(ratio "$t_py" "$t_rm") | |

Python / roadmap (wall):  $(ratio "$t_py" "$t_rm")x   (target >= 30)
roadmap / floor (wall):   $(ratio "$t_rm" "$t_floor")x   (target <= 1.0)
roadmap CPU / floor CPU:  $(ratio "$c_rm1" "$c_floor")x   (one thread; at most 2 meets the wall target on 2 idle CPUs)
peak RSS:                 $rss MiB   (target <= 64)
output equals the Python reference's: $same; equals --jobs 1: $same1
EOF
