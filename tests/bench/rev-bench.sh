#!/usr/bin/env bash
# Benchmark (not a test) of `roadmap report KIND --rev HEAD`, which reads
# every office from git's objects, against the same report on the work
# tree, on a synthetic national repository (tests/bench/gen-repo.py)
# committed and packed (git gc).  Prints the best of several runs of each
# and their ratio; both outputs must be equal.
#
# usage: tests/bench/rev-bench.sh [-n OFFICES] [-s SERVICES] [-r RUNS]
#                                 [-k KIND] [-S SEED] [-b ROADMAP]
# Target: --rev HEAD within 1.3x of the work tree (wall time).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
offices=25000 services=25 runs=5 kind=offices seed=1
roadmap=${ROADMAP:-$here/../../build/roadmap}
while getopts n:s:r:k:S:b: opt; do
	case $opt in
	n) offices=$OPTARG ;;
	s) services=$OPTARG ;;
	r) runs=$OPTARG ;;
	k) kind=$OPTARG ;;
	S) seed=$OPTARG ;;
	b) roadmap=$OPTARG ;;
	*) sed -n '8,9p' "$0" >&2; exit 2 ;;
	esac
done
roadmap=$(cd "$(dirname "$roadmap")" && pwd)/$(basename "$roadmap")
[ -x "$roadmap" ] || { echo "rev-bench: no roadmap binary at $roadmap (-b)" >&2; exit 2; }
command -v git >/dev/null || { echo "rev-bench: needs git" >&2; exit 2; }
export ROADMAP_TODAY=2026-11-28

tmp=$(mktemp -d "${TMPDIR:-/tmp}/roadmap-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
. "$here/git-repo.sh"
repo=$tmp/repo
bench_git_env "$tmp"
bench_git_repo "$repo" "$offices" "$services" "$seed"
cd "$repo"
bytes=$(du -sb offices | cut -f1)
pack=$(du -sb .git/objects/pack | cut -f1)

# best N CMD...: "wall cpu", the least of each over N runs, in seconds
# (cpu = user + sys: on a busy machine the fairer comparison); output to
# $tmp/out
best() {
	local n=$1 i
	shift
	for ((i = 0; i < n; i++)); do
		/usr/bin/time -f "%e %U %S" -o "$tmp/time" "$@" >"$tmp/out"
		awk '{ printf "%s %.2f\n", $1, $2 + $3 }' "$tmp/time"
	done | awk 'NR == 1 || $1 < w { w = $1 } NR == 1 || $2 < c { c = $2 }
		END { print w, c }'
}

"$roadmap" report "$kind" >"$tmp/tree.csv"  # warm the page cache
"$roadmap" report "$kind" --rev HEAD >"$tmp/rev.csv"
if cmp -s "$tmp/tree.csv" "$tmp/rev.csv"; then same=yes; else same=NO; fi
read -r t_tree c_tree < <(best "$runs" "$roadmap" report "$kind")
read -r t_rev c_rev < <(best "$runs" "$roadmap" report "$kind" --rev HEAD)
read -r t_tree1 c_tree1 < <(best "$runs" "$roadmap" report "$kind" --jobs 1)
read -r t_rev1 c_rev1 < <(best "$runs" "$roadmap" report "$kind" --rev HEAD --jobs 1)
load=$(cut -d' ' -f1-3 /proc/loadavg)
ratio() { printf '%.2f' "$(echo "$1 / $2" | bc -l)"; }
cat <<EOF

roadmap report $kind: $offices offices, $((bytes / 1048576)) MiB of YAML, packed into $((pack / 1048576)) MiB
$(nproc) CPUs, ROADMAP_JOBS=${ROADMAP_JOBS:-} (default: the CPUs), load average at the end $load; best of $runs runs

| program                                     | wall s | CPU s |
|---------------------------------------------|-------:|------:|
| roadmap report $kind (work tree)          | $t_tree | $c_tree |
| roadmap report $kind --rev HEAD           | $t_rev | $c_rev |
| roadmap report $kind --jobs 1             | $t_tree1 | $c_tree1 |
| roadmap report $kind --rev HEAD --jobs 1  | $t_rev1 | $c_rev1 |

--rev HEAD / work tree: wall $(ratio "$t_rev" "$t_tree")x, CPU $(ratio "$c_rev" "$c_tree")x   (target <= 1.3)
with --jobs 1:          wall $(ratio "$t_rev1" "$t_tree1")x, CPU $(ratio "$c_rev1" "$c_tree1")x
output equals the work tree's: $same
EOF
[ "$same" = yes ]
