# The national repository in git, for the benchmarks that read git
# (diff-bench, rev-bench, hook-bench).  Sourced; defines:
#
#   bench_git_env DIR        git's identity and a home of its own in DIR,
#                            no system configuration
#   bench_git_repo DIR N S SEED
#                            DIR: N generated offices of about S services
#                            (gen-repo.py, seed SEED), one commit on main,
#                            packed (git gc) as a central repository is
#   best_ms RUNS CMD...      the fastest of RUNS runs of CMD, milliseconds

bench_git_env() {
	export GIT_CONFIG_NOSYSTEM=1 HOME=$1/home GIT_AUTHOR_NAME=bench \
		GIT_AUTHOR_EMAIL=bench@example.gov.bd GIT_COMMITTER_NAME=bench \
		GIT_COMMITTER_EMAIL=bench@example.gov.bd
	mkdir -p "$HOME"
}

bench_git_repo() {
	local dir=$1 offices=$2 services=$3 seed=$4
	mkdir -p "$dir"
	echo "# generating $offices offices x ~$services services (seed $seed)" >&2
	/usr/bin/python3 "$(dirname "${BASH_SOURCE[0]}")/gen-repo.py" "$dir" \
		--offices "$offices" --services "$services" --seed "$seed"
	echo "# committing and packing" >&2
	git -C "$dir" init -q -b main .
	git -C "$dir" config gc.auto 0 # packed once, here, not in the background
	git -C "$dir" add -A
	git -C "$dir" commit -q -m "the national roadmap"
	git -C "$dir" gc -q
}

best_ms() {
	local n=$1 i t0 t1 t best=
	shift
	for ((i = 0; i < n; i++)); do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		t=$(((t1 - t0) / 1000))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
	done
	awk -v us="$best" 'BEGIN { printf "%.1f\n", us / 1000 }'
}
