#!/usr/bin/env bash
# Benchmark (not a test) of a central repository's pre-receive hook
# ('roadmap git-setup --server', which runs 'roadmap check --pre-receive')
# on a synthetic national repository, packed, for a push that changes 10
# offices.  Prints the median, in milliseconds, of
#   - the hook's command alone, given git's input for the push;
#   - a real 'git push' of the commit into a bare copy with the hook, and
#     the same push without it (their difference: what the hook adds);
#   - the same two for the commit pushed as a new branch (a feature
#     branch: compared with its merge base with the server's main);
#   - 'roadmap check --rev' of the whole new tree, for scale.
#
# usage: tests/bench/hook-bench.sh [-n OFFICES] [-c CHANGED] [-r RUNS]
#                                  [-S SEED] [-b ROADMAP]
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
offices=25000 changed=10 runs=11 seed=1
roadmap=${ROADMAP:-$here/../../build/roadmap}
while getopts n:c:r:S:b: opt; do
	case $opt in
	n) offices=$OPTARG ;;
	c) changed=$OPTARG ;;
	r) runs=$OPTARG ;;
	S) seed=$OPTARG ;;
	b) roadmap=$OPTARG ;;
	*) sed -n '13,14p' "$0" >&2; exit 2 ;;
	esac
done
roadmap=$(cd "$(dirname "$roadmap")" && pwd)/$(basename "$roadmap")
[ -x "$roadmap" ] || { echo "hook-bench: no roadmap binary at $roadmap (-b)" >&2; exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/roadmap-hook-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export ROADMAP_TODAY=2026-11-28
. "$here/git-repo.sh"
bench_git_env "$tmp"
desk=$tmp/desk
bench_git_repo "$desk" "$offices" 25 "$seed"
git clone -q --bare "$desk" "$tmp/plain.git" # packed by the clone
git -C "$tmp/plain.git" gc -q
cp -R "$tmp/plain.git" "$tmp/hooked.git"
"$roadmap" git-setup --server "$tmp/hooked.git" >/dev/null
old=$(git -C "$desk" rev-parse HEAD)

# the push: CHANGED offices, spread over the tree, get a new comment line
git -C "$desk" ls-files 'offices/*.yaml' |
	awk -v n="$offices" -v c="$changed" 'NR % int(n / c) == 1' | head -n "$changed" |
	while IFS= read -r f; do echo "# reviewed" >>"$desk/$f"; done
git -C "$desk" commit -q -a -m "$changed offices"
new=$(git -C "$desk" rev-parse HEAD)
git -C "$desk" push -q "$tmp/plain.git" main
git -C "$desk" push -q "$tmp/hooked.git" main 2>/dev/null
git -C "$tmp/plain.git" update-ref refs/heads/main "$old"
git -C "$tmp/hooked.git" update-ref refs/heads/main "$old"

# ms CMD...: wall milliseconds of one run
ms() {
	local t0 t1
	t0=$(date +%s%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000000))
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

zero=0000000000000000000000000000000000000000
hook_once() { # [OLD REF]: git's input line for the push
	printf '%s %s %s\n' "${1:-$old}" "$new" "${2:-refs/heads/main}" |
		GIT_DIR=$tmp/hooked.git "$roadmap" check --pre-receive
}
branch_once() { hook_once "$zero" refs/heads/feature; }
push_once() { # BARE
	git -C "$1" update-ref refs/heads/main "$old"
	git -C "$desk" push -q "$1" main
}
push_branch_once() { # BARE: the commit as a new branch
	git -C "$1" update-ref -d refs/heads/feature 2>/dev/null || true
	git -C "$desk" push -q "$1" main:refs/heads/feature
}

# the hook reads exactly the changed offices, for an update and a new branch
for f in hook_once branch_once; do
	$f >"$tmp/out" 2>&1 || { cat "$tmp/out" >&2; echo "hook-bench: the hook refused the push ($f)" >&2; exit 1; }
	grep -q "$changed offices checked, 0 errors" "$tmp/out" ||
		{ cat "$tmp/out" >&2; echo "hook-bench: the hook did not read $changed offices ($f)" >&2; exit 1; }
done

for ((i = 0; i < runs; i++)); do ms hook_once; done | median >"$tmp/hook"
for ((i = 0; i < runs; i++)); do ms push_once "$tmp/hooked.git"; done | median >"$tmp/hooked"
for ((i = 0; i < runs; i++)); do ms push_once "$tmp/plain.git"; done | median >"$tmp/plain"
for ((i = 0; i < runs; i++)); do ms branch_once; done | median >"$tmp/bhook"
for ((i = 0; i < runs; i++)); do ms push_branch_once "$tmp/hooked.git"; done | median >"$tmp/bhooked"
for ((i = 0; i < runs; i++)); do ms push_branch_once "$tmp/plain.git"; done | median >"$tmp/bplain"
for ((i = 0; i < 3; i++)); do
	ms "$roadmap" -C "$tmp/hooked.git" check --rev "$new"
done | median >"$tmp/full"

echo "offices: $offices, changed by the push: $changed, runs: $runs (medians)"
echo "hook command (check --pre-receive): $(cat "$tmp/hook") ms"
echo "git push with the hook:             $(cat "$tmp/hooked") ms"
echo "git push without a hook:            $(cat "$tmp/plain") ms"
echo "new branch: hook command:           $(cat "$tmp/bhook") ms"
echo "new branch: git push with the hook: $(cat "$tmp/bhooked") ms"
echo "new branch: git push without hook:  $(cat "$tmp/bplain") ms"
echo "check --rev of the whole tree:      $(cat "$tmp/full") ms"
