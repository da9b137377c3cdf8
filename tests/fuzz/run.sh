#!/usr/bin/env bash
# Run every fuzz harness for a bounded time: tests/fuzz/run.sh BUILD SECONDS
# Seeds come from tests/fuzz/corpus/<harness>/ (every crash ever found is
# kept there as a regression input), for the reader from data/ and
# tests/fixtures/, for import from tests/fixtures/import/.  A crash, leak,
# timeout (10 s for one input) or out-of-memory fails the run and leaves the
# input in BUILD/crashes.
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR SECONDS}
seconds=${2:-60}
if ! [ "$seconds" -gt 0 ] 2>/dev/null; then
	echo "run.sh: SECONDS must be a positive number (0 would run forever)" >&2
	exit 2
fi
src=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$build/crashes"
status=0 ran=0
for bin in "$build"/tests/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	work="$build/corpus/$name"
	mkdir -p "$work"
	seeds=("$work")
	[ -d "$src/tests/fuzz/corpus/$name" ] && seeds+=("$src/tests/fuzz/corpus/$name")
	if [ "$name" = fuzz_import ]; then
		seeds+=("$src/tests/fixtures/import")
	fi
	if [ "$name" = fuzz_reader ]; then
		seeds+=("$src/tests/fixtures/check")
		while IFS= read -r d; do seeds+=("$d"); done < <(find "$src/data" -type d)
	fi
	echo "== fuzz $name for ${seconds}s"
	ran=$((ran + 1))
	start=$(date +%s)
	if ! ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
		"$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-max_len=65536 -artifact_prefix="$build/crashes/$name-" \
		-print_final_stats=1 "${seeds[@]}" >"$build/$name.log" 2>&1; then
		echo "fuzz: $name failed; see $build/$name.log" >&2
		grep -m1 -E 'ERROR|SUMMARY|fuzz_[a-z]+:' "$build/$name.log" >&2 || true
		tail -n 40 "$build/$name.log" >&2
		echo "fuzz: keep the input as tests/fuzz/corpus/$name/regress-<what>" >&2
		status=1
	else
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$build/$name.log")
		echo "fuzz: $name: ${execs:-?} inputs in $(($(date +%s) - start))s, no failure"
	fi
done
if [ "$ran" -eq 0 ]; then
	echo "run.sh: no harness in $build/tests/fuzz (configure with -DROADMAP_FUZZ=ON)" >&2
	exit 1
fi
exit $status
