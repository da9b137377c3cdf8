#!/usr/bin/env bash
# Benchmark `roadmap diff A B` on the synthetic national repository in git:
# its cost must follow the change, not the repository (roadmap-diff(1):
# the two trees are compared by object id, only changed blobs are read).
#
# The repository (gen-repo.py, 25,000 offices by default) is committed and
# packed (git gc), then two commits are made on top of it: one changing 10
# offices, and, from the same base, one changing 1,000 (a TCV and a comment
# in each).  Prints the best of several runs of each diff, in milliseconds.
#
# usage: tests/bench/diff-bench.sh [-n OFFICES] [-s SERVICES] [-r RUNS]
#                                  [-S SEED] [-b ROADMAP]
# Target: <= 50 ms for 10 changed offices (issue 11); 1,000 is reported.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
offices=25000 services=25 runs=7 seed=1
roadmap=${ROADMAP:-$here/../../build/roadmap}
while getopts n:s:r:S:b: opt; do
	case $opt in
	n) offices=$OPTARG ;;
	s) services=$OPTARG ;;
	r) runs=$OPTARG ;;
	S) seed=$OPTARG ;;
	b) roadmap=$OPTARG ;;
	*) sed -n '11,12p' "$0" >&2; exit 2 ;;
	esac
done
roadmap=$(cd "$(dirname "$roadmap")" && pwd)/$(basename "$roadmap")
[ -x "$roadmap" ] || { echo "diff-bench: no roadmap binary at $roadmap (-b)" >&2; exit 2; }
python=/usr/bin/python3

tmp=$(mktemp -d "${TMPDIR:-/tmp}/roadmap-diff-bench.XXXXXX")
# DIFF_BENCH_KEEP=1 keeps the repository (its path is printed) for profiling
if [ -n "${DIFF_BENCH_KEEP:-}" ]; then echo "# keeping $tmp" >&2
else trap 'rm -rf "$tmp"' EXIT; fi
. "$here/git-repo.sh"
repo=$tmp/repo
bench_git_env "$tmp"
bench_git_repo "$repo" "$offices" "$services" "$seed"
cd "$repo"
git tag base

# change N: a commit on top of base changing N offices (every
# offices/N-th file): the first TCV days value + 1, and a comment.
change() {
	local n=$1
	git checkout -q -B "change-$n" base
	git ls-files 'offices/*.yaml' |
		awk -v n="$n" -v total="$offices" 'NR % int(total / n) == 0 && ++k <= n' >"$tmp/files-$n"
	"$python" - "$tmp/files-$n" <<'PY'
import re, sys
for path in open(sys.argv[1]).read().split():
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"days: (\d+)", lambda m: "days: %d" % (int(m.group(1)) + 1),
                  text, count=1)
    text += "# reviewed for the benchmark\n"
    open(path, "w", encoding="utf-8").write(text)
PY
	git commit -qam "change $n offices"
	git tag "changed-$n"
}
change 10
change 1000
git checkout -q main
git gc -q # the changes packed too, as a central repository holds them

status=0
for n in 10 1000; do
	got=$("$roadmap" diff base "changed-$n" --stat | grep -c '^ [a-z0-9-]*  ' || true)
	"$roadmap" diff base "changed-$n" >/dev/null # warm the page cache
	ms=$(best_ms "$runs" "$roadmap" diff base "changed-$n")
	ms_json=$(best_ms "$runs" "$roadmap" diff base "changed-$n" --format json)
	echo "diff of $n changed offices (of $offices): ${ms} ms text, ${ms_json} ms json; --stat lists $got offices"
	[ "$got" -eq "$n" ] || { echo "diff-bench: expected $n offices in --stat, got $got" >&2; status=1; }
done
ms=$(best_ms "$runs" "$roadmap" diff base base)
echo "diff of a commit with itself: ${ms} ms"
exit $status
