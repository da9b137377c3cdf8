#!/usr/bin/env bash
# One meaning for every reader: thousands of tricky strings written through
# every free-text option of every writing command read back as the same
# string in PyYAML (YAML 1.1), ruamel.yaml (YAML 1.2) and node-yaml (the
# YAML 1.2 core schema), and in roadmap itself; strings the tool refuses
# are refused with exit 2.  The work is in readers.py.  The readers are
# Debian packages (python3-yaml, python3-ruamel.yaml, nodejs, node-yaml):
# without them the test fails, it does not skip.
. "$(dirname "$0")/lib.sh"

PY=/usr/bin/python3
missing=
"$PY" -c 'import yaml' 2>/dev/null || missing="$missing python3-yaml"
"$PY" -c 'import ruamel.yaml' 2>/dev/null || missing="$missing python3-ruamel.yaml"
command -v node >/dev/null || missing="$missing nodejs"
NODE_PATH=/usr/share/nodejs node -e 'require("yaml")' 2>/dev/null ||
	missing="$missing node-yaml"
if [ -n "$missing" ]; then
	fail "the readers are installed" "missing Debian packages:$missing"
	finish
fi
pass "the readers are installed"

# Under the sanitizers each process is slower: every 6th string.
every=1
[ "${ROADMAP_SANITIZED:-OFF}" = ON ] && every=6
"$PY" "$ROADMAP_SRC/tests/cli/readers.py" "$ROADMAP" "$TMP" "$every" >"$TMP/readers.out" 2>&1
rc=$?
cat "$TMP/readers.out"
if [ "$rc" -eq 0 ]; then
	pass "what roadmap writes, every reader reads as written"
else
	fail "what roadmap writes, every reader reads as written" "readers.py exited $rc"
fi
finish
