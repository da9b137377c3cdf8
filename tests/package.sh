#!/usr/bin/env bash
# The Debian package, built the Debian way and used as installed:
#   1. copy the source tree (the files git knows, no build directory) to a
#      temporary directory and run `dpkg-buildpackage -us -uc -b` there (it
#      writes the .deb into the parent directory, so nothing is written
#      outside this repository but build-deb/);
#   2. copy the .deb and the build log into build-deb/;
#   3. lintian: no error and no warning;
#   4. the hardening of the binary: PIE, RELRO, BIND_NOW, stack protector,
#      fortified functions, and Debian's flags on every compiler line;
#   5. dpkg -i, then /usr/bin/roadmap (named in full: the README's demo may
#      have put another copy in /usr/local/bin): its version, its manual
#      pages, its bash completion, a check of data/; then dpkg -r.
# As root (dpkg -i); tests/run.sh all runs it.  Under a minute (about 15 s
# of CPU: a Release build of a small C project, then lintian).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
start=$(date +%s)
export LC_ALL=C.UTF-8

FAILED=0
ok() { echo "ok - $1"; }
not_ok() {
	FAILED=$((FAILED + 1))
	echo "not ok - $1"
	shift
	for line in "$@"; do printf '#   %s\n' "$line"; done
}
check() { # WHAT CMD...: ok if CMD succeeds
	local what=$1
	shift
	if "$@"; then ok "$what"; else not_ok "$what"; fi
}
die() {
	echo "package.sh: $*" >&2
	exit 1
}

[ "$(id -u)" -eq 0 ] || die "run as root: the package is installed with dpkg -i"
for tool in git dpkg-buildpackage dh lintian readelf man; do
	command -v "$tool" >/dev/null || die "$tool is missing (see PACKAGES in tests/run.sh)"
done
if dpkg-query -W -f='${Status}' roadmap 2>/dev/null | grep -q 'install ok installed'; then
	die "a roadmap package is installed already; remove it first (dpkg -r roadmap)"
fi

version=$(sed -n 's/^project(roadmap VERSION \([^ )]*\).*/\1/p' CMakeLists.txt)
[ -n "$version" ] || die "no version in CMakeLists.txt's project()"
arch=$(dpkg --print-architecture)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/roadmap-package.XXXXXX")
installed=0
cleanup() {
	if [ "$installed" = 1 ]; then dpkg -r roadmap >/dev/null 2>&1 || true; fi
	rm -rf "$tmp"
}
trap cleanup EXIT

# ---- 1. build ----------------------------------------------------------------
src="$tmp/roadmap-$version"
mkdir "$src"
git ls-files -z --cached --others --exclude-standard |
	while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
	tar --null -T - -cf - | tar -C "$src" -xf -
[ -f "$src/debian/rules" ] || die "the copy of the source tree has no debian/rules"

mkdir -p build-deb
rm -f build-deb/roadmap_*.deb build-deb/dpkg-buildpackage.log
echo "== package: dpkg-buildpackage -us -uc -b"
if ! (cd "$src" && DEB_BUILD_OPTIONS="parallel=$(nproc) ${DEB_BUILD_OPTIONS:-}" \
	timeout 900 dpkg-buildpackage -us -uc -b) >build-deb/dpkg-buildpackage.log 2>&1; then
	tail -n 30 build-deb/dpkg-buildpackage.log
	die "dpkg-buildpackage failed (log: build-deb/dpkg-buildpackage.log)"
fi
deb="$tmp/roadmap_${version}_${arch}.deb"
changes="$tmp/roadmap_${version}_${arch}.changes"
[ -f "$deb" ] || die "dpkg-buildpackage wrote no $(basename "$deb"): $(ls "$tmp")"
cp "$deb" build-deb/
ok "dpkg-buildpackage built build-deb/$(basename "$deb")"

# ---- 2. the control fields -----------------------------------------------------
expect_field() { # FIELD EXPECTED
	local got
	got=$(dpkg-deb -f "$deb" "$1")
	if [ "$got" = "$2" ]; then ok "$1: $2"; else not_ok "$1" "expected: $2" "actual:   $got"; fi
}
expect_field Package roadmap
expect_field Version "$version"
expect_field Recommends "git, man-db | mandoc"
expect_field Suggests bash-completion
depends=$(dpkg-deb -f "$deb" Depends)
names=$(echo "$depends" | tr ',|' '\n\n' | sed 's/(.*//; s/ //g' | sed '/^$/d')
dups=$(echo "$names" | sort | uniq -d)
if [ -z "$dups" ]; then ok "Depends names each package once"
else not_ok "Depends names each package once" "$depends"; fi
for lib in libc6 libyaml-0-2 libcsv3 libutf8proc2 libnettle8 libgit2-1.5; do
	if echo "$names" | grep -qx "$lib"; then ok "Depends on $lib"
	else not_ok "Depends on $lib" "$depends"; fi
done

# ---- 3. lintian ------------------------------------------------------------------
echo "== package: lintian"
lint=$(timeout 300 lintian "$changes" 2>&1 |
	grep -v '^running with root privileges is not recommended!$' || true)
[ -z "$lint" ] || printf '%s\n' "$lint"
bad=$(printf '%s\n' "$lint" | grep -E '^[EW]: ' || true)
if [ -z "$bad" ]; then ok "lintian: no error, no warning (.deb, dbgsym, .buildinfo, .changes)"
else not_ok "lintian: no error, no warning" "$bad"; fi

# ---- 4. hardening ------------------------------------------------------------------
# Every compiler line of the build has Debian's hardening flags (CMake took
# dpkg-buildflags' CFLAGS and CPPFLAGS, with nothing of its own after them).
log=build-deb/dpkg-buildpackage.log
cc_lines=$(grep -E ' -c [^ ]*/src/[a-z-]+\.c$' "$log" || true)
if [ -z "$cc_lines" ]; then
	not_ok "the build log shows the compiler lines" "$(tail -n 5 "$log")"
else
	flags="-O2 -fstack-protector-strong -Werror=format-security -D_FORTIFY_SOURCE="
	case $arch in amd64 | arm64) flags="$flags -fstack-clash-protection" ;; esac
	for flag in $flags; do
		missing=$(printf '%s\n' "$cc_lines" | grep -v -e " $flag" || true)
		if [ -z "$missing" ]; then ok "every file of src/ is compiled with $flag"
		else not_ok "every file of src/ is compiled with $flag" "$(echo "$missing" | head -n 1)"; fi
	done
fi

echo "== package: dpkg -i"
if ! dpkg -i "$deb" >"$tmp/dpkg-i.log" 2>&1; then
	cat "$tmp/dpkg-i.log"
	die "dpkg -i $(basename "$deb") failed"
fi
installed=1
bin=/usr/bin/roadmap
ok "dpkg -i $(basename "$deb")"

# The installed binary, read as the loader reads it.
hdr=$(readelf -h "$bin")
check "$bin is position independent (PIE: ELF type DYN)" \
	grep -q 'Type:[[:space:]]*DYN' <<<"$hdr"
check "$bin has a read-only relocation segment (GNU_RELRO)" \
	grep -q GNU_RELRO <<<"$(readelf -lW "$bin")"
dyn=$(readelf -dW "$bin")
if grep -q '(BIND_NOW)' <<<"$dyn" || grep -q 'FLAGS_1.*NOW' <<<"$dyn"; then
	ok "$bin binds now (BIND_NOW)"
else
	not_ok "$bin binds now (BIND_NOW)" "$(grep FLAGS <<<"$dyn")"
fi
syms=$(readelf --dyn-syms -W "$bin")
check "$bin has the stack protector (__stack_chk_fail)" grep -q '__stack_chk_fail' <<<"$syms"
fortified=$(grep -oE '__[a-z_]+_chk\b' <<<"$syms" | grep -v __stack_chk_fail | sort -u |
	paste -sd ' ')
if [ -n "$fortified" ]; then ok "$bin calls fortified functions: $fortified"
else not_ok "$bin calls fortified functions (__*_chk)"; fi

# ---- 5. the installed package, used ---------------------------------------------
expect_eq() { # ACTUAL EXPECTED WHAT
	if [ "$1" = "$2" ]; then ok "$3"; else not_ok "$3" "expected: $2" "actual:   $1"; fi
}
expect_eq "$("$bin" --version)" "roadmap $version" "$bin --version is the project version"
# man -aw lists every page found: the package's must be among them (a copy
# under /usr/local may come first).
for page in "roadmap man1/roadmap.1" "5 roadmap man5/roadmap.5" \
	"roadmap-plan man1/roadmap-plan.1"; do
	args=${page% *}
	want=/usr/share/man/${page##* }.gz
	got=$(man -aw $args 2>&1 || true)
	if grep -qx "$want" <<<"$got"; then ok "man -w $args finds $want"
	else not_ok "man -w $args finds $want" "$got"; fi
done
completion=/usr/share/bash-completion/completions/roadmap
if [ -f "$completion" ]; then
	expect_eq "$(cat "$completion")" "$("$bin" completion bash)" \
		"the bash completion is installed ($completion)"
else
	not_ok "the bash completion is installed ($completion)"
fi
if "$bin" -C "$repo/data" check -q >"$tmp/check.log" 2>&1; then
	ok "$bin -C data check -q passes"
else
	not_ok "$bin -C data check -q passes" "$(tail -n 5 "$tmp/check.log")"
fi

if dpkg -r roadmap >"$tmp/dpkg-r.log" 2>&1 && [ ! -e "$bin" ]; then
	installed=0
	ok "dpkg -r roadmap removes $bin"
else
	not_ok "dpkg -r roadmap removes $bin" "$(cat "$tmp/dpkg-r.log")"
fi

echo "package: $((FAILED)) failure(s), $(($(date +%s) - start))s"
[ "$FAILED" -eq 0 ]
