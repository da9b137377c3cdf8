# Golden tests: hand-kept office files (comments, blank lines, mixed
# quoting, flow and block, zero-indented sequences, CRLF, Bengali) through
# each writing command, compared byte for byte with the expected file in
# tests/golden/expected/.  Every untouched line stays as it was.
. "$ROADMAP_SRC/tests/cli/lib.sh"

G=$ROADMAP_SRC/tests/golden
while IFS='|' read -r name input args; do
	case "$name" in '#'* | '') continue ;; esac
	repo=$TMP/$name
	mkdir -p "$repo/offices/lgd"
	cp "$G/roadmap.yaml" "$repo/roadmap.yaml"
	cp "$G/$input" "$repo/offices/lgd/golden.yaml"
	eval "set -- $args"
	run -C "$repo" "$@"
	expect_rc 0 "$name: exit 0"
	expect_same_file "$repo/offices/lgd/golden.yaml" "$G/expected/$name.yaml" \
		"$name: the file is exactly as expected"
	# Every line of the input is still there, in order (only additions and
	# the intended replacements differ).
	changed=$(diff "$G/$input" "$repo/offices/lgd/golden.yaml" | grep -c '^<')
	expected_changed=$(diff "$G/$input" "$G/expected/$name.yaml" | grep -c '^<')
	expect_eq "$changed" "$expected_changed" "$name: only the intended lines change"
	run -C "$repo" check
	expect_rc 0 "$name: the result is valid"
done <"$G/cases"
finish
