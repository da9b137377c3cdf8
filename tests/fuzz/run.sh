#!/usr/bin/env bash
# Run every fuzz harness for a bounded time: tests/fuzz/run.sh BUILD SECONDS
# Seeds come from tests/fuzz/corpus/<harness>/, data/ and tests/fixtures/;
# a crash, leak or timeout fails the run and leaves the input in BUILD/crashes.
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR SECONDS}
seconds=${2:-60}
src=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$build/crashes"
status=0
for bin in "$build"/tests/fuzz/fuzz_*; do
	[ -x "$bin" ] || continue
	name=$(basename "$bin")
	work="$build/corpus/$name"
	mkdir -p "$work"
	seeds=("$work")
	[ -d "$src/tests/fuzz/corpus/$name" ] && seeds+=("$src/tests/fuzz/corpus/$name")
	if [ "$name" = fuzz_reader ]; then
		seeds+=("$src/tests/fixtures/check")
		while IFS= read -r d; do seeds+=("$d"); done < <(find "$src/data" -type d)
	fi
	echo "== fuzz $name for ${seconds}s"
	if ! "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
		-max_len=65536 -artifact_prefix="$build/crashes/$name-" \
		-print_final_stats=1 "${seeds[@]}" >"$build/$name.log" 2>&1; then
		echo "fuzz: $name failed; see $build/$name.log" >&2
		tail -n 40 "$build/$name.log" >&2
		status=1
	else
		grep -E '^stat::number_of_executed_units' "$build/$name.log" || true
	fi
done
exit $status
