#!/usr/bin/env bash
# `cmake --install` into a DESTDIR puts the binary, the manual pages, the
# completion scripts and the schemas in the GNU directories, and they work
# from there.  (The .deb is built from these rules by debian/, checked by
# tests/package.sh.)
. "$(dirname "$0")/lib.sh"

# One version: CMake's project(), the binary's, and debian/changelog's (a
# native package: no Debian revision).
cmake_version=$(sed -n 's/^project(roadmap VERSION \([^ )]*\).*/\1/p' \
	"$ROADMAP_SRC/CMakeLists.txt")
deb_version=$(sed -n '1s/^roadmap (\([^)]*\)) .*/\1/p' "$ROADMAP_SRC/debian/changelog")
if [ -n "$cmake_version" ]; then pass "CMakeLists.txt names the project version"
else fail "CMakeLists.txt names the project version"; fi
expect_eq "$deb_version" "$cmake_version" \
	"debian/changelog's version is the CMake project version"
expect_eq "$("$ROADMAP" --version)" "roadmap $cmake_version" \
	"roadmap --version prints the CMake project version"

build=$(cd "$(dirname "$ROADMAP")" && pwd)
if [ ! -f "$build/CMakeCache.txt" ] || [ ! -f "$build/cmake_install.cmake" ]; then
	not_here "$build is not a CMake build directory"
fi
dest="$TMP/dest"
if DESTDIR="$dest" cmake --install "$build" --prefix /usr >"$TMP/install.log" 2>&1; then
	pass "cmake --install into a DESTDIR"
else
	fail "cmake --install into a DESTDIR" "$(tail -n 5 "$TMP/install.log")"
fi
usr="$dest/usr"

if [ -x "$usr/bin/roadmap" ]; then pass "bin/roadmap is installed"
else fail "bin/roadmap is installed"; fi
expect_eq "$("$usr/bin/roadmap" --version)" "$("$ROADMAP" --version)" "the installed binary runs"

for page in "$ROADMAP_SRC"/man/*.1; do
	name=$(basename "$page")
	expect_same_file "$usr/share/man/man1/$name" "$page" "man1/$name is installed"
done
expect_same_file "$usr/share/man/man5/roadmap.5" "$ROADMAP_SRC/man/roadmap.5" "man5/roadmap.5 is installed"
if command -v man >/dev/null; then
	expect_eq "$(man -M "$usr/share/man" -w roadmap)" "$usr/share/man/man1/roadmap.1" \
		"man -w roadmap finds the installed page"
	expect_eq "$(man -M "$usr/share/man" -w 5 roadmap)" "$usr/share/man/man5/roadmap.5" \
		"man -w 5 roadmap finds the format page"
fi

bashc="$usr/share/bash-completion/completions/roadmap"
zshc="$usr/share/zsh/vendor-completions/_roadmap"
expect_eq "$(cat "$bashc" 2>/dev/null)" "$("$ROADMAP" completion bash)" \
	"the bash completion is installed for bash-completion"
expect_eq "$(cat "$zshc" 2>/dev/null)" "$("$ROADMAP" completion zsh)" \
	"the zsh completion is installed in vendor-completions"
# A local installation (tests/run.sh demo: /usr/local) puts the zsh
# function where zsh looks for local ones: site-functions.
if DESTDIR="$TMP/local" cmake --install "$build" --prefix /usr/local >"$TMP/install.log" 2>&1; then
	expect_eq "$(cat "$TMP/local/usr/local/share/zsh/site-functions/_roadmap" 2>/dev/null)" \
		"$("$ROADMAP" completion zsh)" "under /usr/local the zsh completion goes to site-functions"
	if command -v zsh >/dev/null; then
		expect_contains "$(zsh -fc 'print -l $fpath')" /usr/local/share/zsh/site-functions \
			"site-functions is on zsh's default fpath"
	else
		skip_part "site-functions is on zsh's default fpath" "zsh is not installed"
	fi
else
	fail "cmake --install --prefix /usr/local into a DESTDIR" "$(tail -n 5 "$TMP/install.log")"
fi
if [ -f /usr/share/bash-completion/bash_completion ]; then
	# bash-completion loads it by the command's name from that directory
	got=$(XDG_DATA_DIRS="$usr/share" bash --norc -c '
		. /usr/share/bash-completion/bash_completion
		__load_completion roadmap && complete -p roadmap' 2>&1)
	expect_contains "$got" "_roadmap" "bash-completion loads the installed script on demand"
fi
for schema in office roadmap; do
	f="$usr/share/roadmap/schema/$schema.schema.json"
	expect_same_file "$f" "$ROADMAP_SRC/schema/$schema.schema.json" \
		"share/roadmap/schema/$schema.schema.json is installed"
done

finish
