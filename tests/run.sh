#!/usr/bin/env bash
# The README's two commands:
#   tests/run.sh demo   install what is missing, build, report on data/,
#                       and (as root) install roadmap under /usr/local
#   tests/run.sh all    install what is missing, build, run every test
#                       (plain, then under ASan + UBSan), end with a summary
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-all}
jobs=$(nproc 2>/dev/null || echo 2)

# Debian packages the build and the tests need.
PACKAGES=(cmake ninja-build gcc pkg-config git libyaml-dev libcsv-dev
	libcmocka-dev libutf8proc-dev nettle-dev libgit2-dev libxlsxwriter-dev
	libmimalloc-dev mandoc strace python3-openpyxl libreoffice-calc-nogui
	chromium fonts-noto-core python3-pil poppler-utils
	python3 python3-yaml python3-jsonschema python3-ruamel.yaml nodejs node-yaml
	clang libclang-rt-14-dev tmux
	valgrind bash-completion man-db bsdextrautils zsh acl
	build-essential debhelper lintian yamllint)

install_deps() {
	local missing=()
	for p in "${PACKAGES[@]}"; do
		dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
			grep -q 'install ok installed' || missing+=("$p")
	done
	[ ${#missing[@]} -eq 0 ] && return 0
	if [ "$(id -u)" -ne 0 ]; then
		echo "run.sh: missing packages: ${missing[*]}" >&2
		echo "run.sh: install them with: sudo apt-get install ${missing[*]}" >&2
		exit 1
	fi
	echo "run.sh: installing ${missing[*]}" >&2
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >/dev/null
}

build() { # DIR [cmake options...]
	local dir=$1
	shift
	cmake -S . -B "$dir" -G Ninja -DROADMAP_WERROR=ON "$@" >/dev/null
	cmake --build "$dir" -j "$jobs"
}

run_tests() { # DIR LABEL
	echo "== tests: $2"
	ctest --test-dir "$1" -j "$jobs" --output-on-failure
}

# Build the .deb the Debian way (debian/), lintian it, check its hardening,
# install it with dpkg, use what it installed, remove it.
package_test() {
	bash tests/package.sh
}

# The binary, its manual pages and its bash and zsh completion under
# /usr/local, so that the tutorial, git's diff driver and the pre-commit
# hook find `roadmap` (tests/package.sh tests the .deb's /usr/bin copy).
install_local() {
	if [ "$(id -u)" -ne 0 ]; then
		echo "run.sh: to install roadmap, its manual pages and completion: sudo cmake --install build" >&2
		return 0
	fi
	cmake --install build --prefix /usr/local >/dev/null
	echo "run.sh: installed $(command -v roadmap || echo /usr/local/bin/roadmap)," \
		"its manual pages and its bash and zsh completion under /usr/local" >&2
}

install_deps
case $mode in
demo)
	build build >/dev/null
	./build/roadmap -C data check
	./build/roadmap -C data report --format table
	install_local
	;;
all)
	# Every tool is installed now: a test skipped for a missing tool fails.
	export ROADMAP_NO_SKIP=1
	build build
	run_tests build plain
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		build build-sanitize -DROADMAP_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
	ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
		run_tests build-sanitize "ASan + UBSan"
	# Fuzzing, bounded: each libFuzzer harness (clang, ASan + UBSan) for
	# ROADMAP_FUZZ_SECONDS (default 60) from its committed seeds; any crash,
	# leak or timeout fails.  About 5 minutes on 2 cores.
	echo "== fuzz: every harness for ${ROADMAP_FUZZ_SECONDS:-60}s"
	CC=clang cmake -S . -B build-fuzz -G Ninja -DROADMAP_WERROR=ON \
		-DROADMAP_FUZZ=ON -DROADMAP_SANITIZE=ON >/dev/null
	cmake --build build-fuzz -j "$jobs" --target \
		$(cd tests/fuzz && ls fuzz_*.c | sed 's/\.c$//') >/dev/null
	bash tests/fuzz/run.sh build-fuzz "${ROADMAP_FUZZ_SECONDS:-60}"
	# valgrind memcheck on the CLI tests (the subset in tests/CMakeLists.txt).
	build build-memcheck -DROADMAP_MEMCHECK=ON >/dev/null
	echo "== tests: valgrind memcheck"
	ctest --test-dir build-memcheck -L memcheck -j "$jobs" --output-on-failure
	if [ "$(id -u)" -eq 0 ]; then package_test; fi
	echo "== all tests passed (plain and ASan + UBSan)"
	;;
*)
	echo "usage: tests/run.sh demo|all" >&2
	exit 2
	;;
esac
