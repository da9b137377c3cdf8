#!/usr/bin/env bash
# Shell completion: the bash function, driven as bash drives it (COMP_WORDS,
# COMP_CWORD, then COMPREPLY), offers what the binary itself knows:
# commands from the table, options from each command's --help, ids from the
# repository.
. "$(dirname "$0")/lib.sh"

bindir=$(cd "$(dirname "$ROADMAP")" && pwd)
[ "$(basename "$ROADMAP")" = roadmap ] || { ln -s "$ROADMAP" "$TMP/roadmap"; bindir=$TMP; }
export PATH="$bindir:$PATH"

repo="$TMP/repo"
mkdir -p "$repo/offices/lgd" "$repo/subdir"
cat >"$repo/roadmap.yaml" <<'EOF'
roadmap: 1
title: Completion test
ministries:
  - id: lgd
    name: Local Government Division
  - id: cabinet
    name: Cabinet Division
EOF
cat >"$repo/offices/lgd/lged.yaml" <<'EOF'
roadmap: 1
office:
  id: lged
  name: Local Government Engineering Department
  ministry: lgd
services:
  - id: contractor-enlistment
    name: Contractor enlistment
  - id: road-cutting-permission
    name: Road cutting permission
EOF
cat >"$repo/offices/lgd/nilg.yaml" <<'EOF'
roadmap: 1
office:
  id: nilg
  name: National Institute of Local Government
  ministry: lgd
services:
  - id: training-admission
    name: Training admission
EOF

run completion bash
expect_rc 0 "completion bash"
printf '%s\n' "$OUT" >"$TMP/roadmap.bash"
# shellcheck disable=SC1091
. "$TMP/roadmap.bash"
if declare -F _roadmap >/dev/null; then pass "the bash script defines _roadmap"
else fail "the bash script defines _roadmap"; fi
expect_contains "$(complete -p roadmap 2>&1)" "_roadmap" "the function is bound to roadmap"

# comp WORD...: complete the last word as bash would; sets $GOT (sorted, one line).
comp() {
	COMP_WORDS=("$@")
	COMP_CWORD=$(($# - 1))
	COMP_LINE="$*"
	COMP_POINT=${#COMP_LINE}
	COMPREPLY=()
	_roadmap roadmap "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
	GOT=$(printf '%s\n' "${COMPREPLY[@]}" | sort | tr '\n' ' ')
	GOT=${GOT% }
}

# comp_line LINE: complete at the end of LINE, split into words as bash
# splits it (at blanks, and at '=', a word of its own: COMP_WORDBREAKS).
comp_line() {
	local -a w=()
	local t
	for t in $1; do
		while [[ $t == *=* ]]; do
			[ -n "${t%%=*}" ] && w+=("${t%%=*}")
			w+=("=")
			t=${t#*=}
		done
		[ -n "$t" ] && w+=("$t")
	done
	case $1 in *" ") w+=("") ;; esac
	comp "${w[@]}"
}

cd "$repo" || exit 1

# commands: every command of 'roadmap --help' is offered
commands=$("$ROADMAP" --help | sed -n '/^Commands:/,/^$/p' | awk 'NF > 1 {print $1}' | sort)
comp roadmap ""
expect_eq "$GOT" "$(printf '%s\n' $commands | tr '\n' ' ' | sed 's/ $//')" \
	"an empty word offers every command of roadmap --help"
comp roadmap ch
expect_eq "$GOT" "check" "a prefix narrows the commands"
comp roadmap --v
expect_eq "$GOT" "--version" "global options"

comp roadmap check ""
expect_eq "$GOT" "lged nilg" "check: office ids from the repository"
comp roadmap check n
expect_eq "$GOT" "nilg" "check: office id prefix"
comp roadmap check lged ""
expect_eq "$GOT" "lged nilg" "check: OFFICE... repeats"
comp roadmap check -
expect_eq "$GOT" "--cached --help --jobs --pre-receive --quiet --rev -q" "check: options from its option table"

cd "$TMP" || exit 1
comp roadmap -C repo check l
expect_eq "$GOT" "lged" "-C DIR: ids of that repository"
comp roadmap check ""
expect_eq "$GOT" "" "outside a repository: no ids, no noise"
cd "$repo" || exit 1
comp roadmap -C s
expect_eq "$GOT" "subdir" "-C: directories"
comp roadmap textconv offices/lgd/n
expect_eq "$GOT" "offices/lgd/nilg.yaml" "textconv: file names"
comp roadmap completion ""
expect_eq "$GOT" "bash zsh" "completion: the shells, from its usage"
comp roadmap help g
expect_eq "$GOT" "git-setup" "help: command names"
comp roadmap git-setup --
expect_eq "$GOT" "--force --help --server" "git-setup: its options"
comp roadmap diff ""
expect_eq "$GOT" "lged nilg" "diff: office ids where a revision or an office may be"
comp roadmap diff HEAD -- n
expect_eq "$GOT" "nilg" "diff: office ids after --"
comp roadmap diff --format ""
expect_eq "$GOT" "json text" "diff: --format's values from its option table"
comp roadmap nosuchcommand ""
expect_eq "$GOT" "" "an unknown command: nothing"

# Revisions: after --rev, branch and tag names read from git; diff's
# first operands, revisions and offices.
if command -v git >/dev/null; then
	g=$TMP/gitrepo
	cp -R "$repo" "$g"
	(
		export GIT_CONFIG_NOSYSTEM=1 HOME=$TMP/home
		cd "$g" && git init -q -b main . && git add -A &&
			git -c user.name=T -c user.email=t@example.gov.bd commit -qm one &&
			git tag v2026-10 && git tag v2026-11 && git branch review &&
			git branch v2026-11
	) >"$TMP/git.out" 2>&1 || fail "a git repository is made" "$(cat "$TMP/git.out")"
	cd "$g" || exit 1
	comp roadmap report --rev ""
	expect_eq "$GOT" "HEAD main review v2026-10 v2026-11" \
		"report --rev: HEAD, the branches and the tags, no office ids"
	comp roadmap report --rev v
	expect_eq "$GOT" "v2026-10 v2026-11" "report --rev: a prefix narrows them"
	comp_line "roadmap report --rev=r"
	expect_eq "$GOT" "review" "bash: report --rev=r"
	comp roadmap check --rev m
	expect_eq "$GOT" "main" "check --rev: a branch"
	comp roadmap log lged --rev v2026-1
	expect_eq "$GOT" "v2026-10 v2026-11" "log --rev: the tags"
	comp roadmap log ""
	expect_eq "$GOT" "lged nilg" "log: OFFICE is an office id, no revision"
	comp roadmap diff ""
	expect_eq "$GOT" "HEAD lged main nilg review v2026-10 v2026-11" \
		"diff: revisions and office ids where either may be"
	comp roadmap diff v2026-10 ""
	expect_eq "$GOT" "HEAD lged main nilg review v2026-10 v2026-11" \
		"diff: the second operand, revisions and offices too"
	comp roadmap diff v2026-10 main ""
	expect_eq "$GOT" "lged nilg" "diff: after two revisions, offices only"
	comp roadmap diff main -- ""
	expect_eq "$GOT" "lged nilg" "diff: after --, offices only"
	tab=$(printf '\t')
	run completion --complete --describe -- report --rev v2026-11
	expect_eq "$OUT" "v2026-11${tab}tag" \
		"--describe: a tag says it is one; a branch of its name is not offered again"
	run completion --complete --describe -- report --rev r
	expect_eq "$OUT" "review${tab}branch" "--describe: a branch says it is one"
	git clone -q --bare "$g" "$TMP/bare.git" 2>/dev/null
	cd "$TMP" || exit 1
	comp roadmap -C bare.git report --rev v
	expect_eq "$GOT" "v2026-10 v2026-11" "-C a bare repository: its tags"
	comp roadmap report --rev ""
	expect_eq "$GOT" "" "--rev outside a git repository: nothing"
	cd "$repo" || exit 1
	comp roadmap report --rev ""
	expect_eq "$GOT" "" "--rev in a roadmap that is in no git repository: nothing"
else
	skip_part "revisions" "git is not installed (Debian package git)"
fi

# Every option that a command's --help names is offered after '-'.
for cmd in $commands; do
	help=$("$ROADMAP" "$cmd" --help 2>/dev/null) || continue
	# usage lines, and option lines of the description ("  -q, --quiet  ...")
	want=$(printf '%s\n' "$help" |
		sed -nE -e 's/^(usage|   or): //p' -e 's/^ +(-[^ ].*)$/\1/p' |
		sed -E 's/^(-[^ ]*( [^ -][^ ]*)?(, -[^ ]*( [^ -][^ ]*)?)*)  .*/\1/' |
		grep -oE -- '(^|[][ ,|])--?[A-Za-z][-A-Za-z0-9]*' |
		sed 's/^[][ ,|]//' | sort -u)
	comp roadmap "$cmd" -
	missing=
	for o in $want; do
		case " $GOT " in *" $o "*) ;; *) missing="$missing $o" ;; esac
	done
	expect_eq "$missing" "" "$cmd: every option of its --help is offered"
done

# Commands other engineers build: checked once they exist.
has() { "$ROADMAP" "$1" --help >/dev/null 2>&1; }
if has plan; then
	comp roadmap plan ""
	expect_eq "$GOT" "lged nilg" "plan: OFFICE"
	comp roadmap plan lged ""
	expect_eq "$GOT" "contractor-enlistment road-cutting-permission" \
		"plan: SERVICE of that office"
	comp roadmap plan nilg t
	expect_eq "$GOT" "training-admission" "plan: SERVICE prefix"
	comp roadmap plan lged road-cutting-permission --status ""
	expect_eq "$GOT" "designing developing dropped live piloting planned" \
		"plan --status: the statuses"
	comp roadmap plan lged road-cutting-permission --date ""
	expect_eq "$GOT" "$ROADMAP_TODAY" "plan --date: today"
else
	fail "plan completion" "plan --help fails"
fi
if has add-office; then
	comp roadmap add-office x --ministry ""
	expect_eq "$GOT" "cabinet lgd" "add-office --ministry: ministry ids"
else
	fail "add-office completion" "add-office --help fails"
fi
if has add-service; then
	comp roadmap add-service lged --recipients ""
	expect_eq "$GOT" "business citizen government institution" \
		"add-service --recipients: the recipient groups"
fi
if has workshop; then
	comp roadmap workshop lged --kind ""
	expect_eq "$GOT" "design leadership roadmap" "workshop --kind: the kinds"
fi
if has report; then
	comp roadmap report ""
	expect_contains "$GOT" "offices" "report: KIND"
	for kind in $GOT; do
		run report "$kind"
		if [ "$RC" -ne 2 ]; then pass "report accepts the offered kind '$kind'"
		else fail "report accepts the offered kind '$kind'" "$ERR"; fi
	done
	comp roadmap report --format ""
	expect_eq "$GOT" "csv json table tsv xlsx" "report --format: from its usage"
	comp roadmap report --status ""
	expect_eq "$GOT" "designing developing dropped live none piloting planned" \
		"report --status: the statuses and none"
	for st in $GOT; do
		run report services --status "$st"
		if [ "$RC" -ne 2 ]; then pass "report accepts the offered status '$st'"
		else fail "report accepts the offered status '$st'" "$ERR"; fi
	done
	comp_line "roadmap report --status=n"
	expect_eq "$GOT" "none" "bash: report --status=n"
else
	fail "report completion" "report --help fails"
fi

# --OPTION=VALUE: bash breaks the word at '=' and completes what follows
comp_line "roadmap report --format=j"
expect_eq "$GOT" "json" "bash: report --format=j"
comp_line "roadmap report --format="
expect_eq "$GOT" "csv json table tsv xlsx" "bash: report --format= offers every format"
comp_line "roadmap report --format=t"
expect_eq "$GOT" "table tsv" "bash: report --format=t"
comp_line "roadmap plan lged road-cutting-permission --status=pl"
expect_eq "$GOT" "planned" "bash: plan --status=pl"
comp_line "roadmap plan lged x --status=planned --date="
expect_eq "$GOT" "$ROADMAP_TODAY" "bash: --date= after another --OPTION=VALUE"
comp_line "roadmap add-office x --ministry=c"
expect_eq "$GOT" "cabinet" "bash: add-office --ministry=c, ids from the repository"
comp_line "roadmap add-service lged --recipients=b"
expect_eq "$GOT" "business" "bash: add-service --recipients=b"
comp_line "roadmap workshop lged --kind=l"
expect_eq "$GOT" "leadership" "bash: workshop --kind=l"
comp_line "roadmap report --office=n"
expect_eq "$GOT" "nilg" "bash: report --office=n"
comp_line "roadmap plan lged --status=planned "
expect_eq "$GOT" "contractor-enlistment road-cutting-permission" \
	"bash: an operand after --OPTION=VALUE"
# where '=' does not break words, the candidates carry the '--format='
saved_breaks=$COMP_WORDBREAKS
COMP_WORDBREAKS=${COMP_WORDBREAKS//=/}
comp roadmap report --format=j
expect_eq "$GOT" "--format=json" "bash without '=' in COMP_WORDBREAKS: --format=json"
COMP_WORDBREAKS=$saved_breaks
# every option that takes a value completes the same with '=' as with a
# blank (an option that takes none is followed by what the command alone is)
for cmd in $commands; do
	bare=$("$ROADMAP" completion --complete -- "$cmd" "")
	for opt in $("$ROADMAP" completion --complete -- "$cmd" --); do
		[ "$opt" = --help ] && continue
		spaced=$("$ROADMAP" completion --complete -- "$cmd" "$opt" "")
		[ -n "$spaced" ] && [ "$spaced" != "$bare" ] || continue
		joined=$("$ROADMAP" completion --complete -- "$cmd" "$opt=")
		expect_eq "$joined" "$spaced" "$cmd $opt=: the values of $cmd $opt"
	done
done

# zsh: the script parses, and declares itself for compinit
run completion zsh
expect_rc 0 "completion zsh"
expect_eq "$(printf '%s\n' "$OUT" | head -n1)" "#compdef roadmap" "the zsh script starts with #compdef"
printf '%s\n' "$OUT" >"$TMP/_roadmap"

# --describe: a tab and the description after each candidate that has one
tab=$(printf '\t')
cd "$repo" || exit 1
run completion --complete --describe -- pla
expect_eq "$OUT" "plan${tab}make a service an e-service or record progress" \
	"--describe: a command with its summary from the table"
run completion --complete --describe -- plan lged x --prio
expect_eq "$OUT" "--priority${tab}1 is done first" \
	"--describe: an option with its text from --help"
run completion --complete --describe -- plan lged ""
expect_eq "$OUT" "contractor-enlistment${tab}Contractor enlistment
road-cutting-permission${tab}Road cutting permission" \
	"--describe: services with their names"
run completion --complete --describe -- add-office x --ministry c
expect_eq "$OUT" "cabinet${tab}Cabinet Division" "--describe: a ministry with its name"
run completion --complete --describe -- plan ""
expect_eq "$OUT" "lged${tab}Local Government Engineering Department
nilg${tab}National Institute of Local Government" "--describe: offices with their names"
run completion --complete --describe -- report --format t
expect_eq "$OUT" "tsv
table" "--describe: a candidate without a description stays bare"
run completion --complete -- plan lged ""
expect_eq "$OUT" "contractor-enlistment
road-cutting-permission" "without --describe: the bare candidates, as bash wants them"
mkdir -p "$TMP/hostile/offices"
printf 'roadmap: 1\ntitle: T\nministries:\n  - id: lgd\n    name: "L\\tD"\n' \
	>"$TMP/hostile/roadmap.yaml"
run -C "$TMP/hostile" completion --complete --describe -- add-office x --ministry ""
expect_eq "$OUT" "lgd${tab}L\\tD" \
	"--describe: a tab in a name is escaped, never sent to the terminal"
printf 'roadmap: 1\ntitle: T\nministries:\n  - id: lgd\n    name: "L\\e[31mG"\n' \
	>"$TMP/hostile/roadmap.yaml"
run -C "$TMP/hostile" completion --complete --describe -- add-office x --ministry ""
expect_not_contains "$OUT" $'\e' \
	"--describe: a name with a control character never reaches the terminal"
cd - >/dev/null || exit 1

# zsh: the script parses, and its _roadmap turns the binary's candidates
# into _describe's items (compsys itself stubbed: it needs a terminal)
if command -v zsh >/dev/null; then
	if zsh -n "$TMP/_roadmap"; then pass "the zsh script parses"
	else fail "the zsh script parses"; fi
	# zcomp WORD...: the items _roadmap hands to _describe, or "files ARGS"
	zcomp() {
		(cd "$repo" && zsh -f -c '
			compdef() { :; }
			compset() { print -r -- "compset $*"; }
			source "$1"; shift
			_describe() { print -rl -- "${(@P)4}"; }
			_files() { print -r -- files "$@"; }
			words=("$@"); CURRENT=$#
			_roadmap' zcomp "$TMP/_roadmap" "$@")
	}
	expect_eq "$(zcomp roadmap pla)" "plan:make a service an e-service or record progress" \
		"zsh: a command with its description"
	expect_eq "$(zcomp roadmap plan lged "")" "contractor-enlistment:Contractor enlistment
road-cutting-permission:Road cutting permission" "zsh: services with their names"
	expect_eq "$(zcomp roadmap report --format t)" "tsv
table" "zsh: candidates without descriptions"
	expect_eq "$(zcomp roadmap plan lged x --due "")" "$("$ROADMAP" completion --complete -- plan lged x --due "")" \
		"zsh: a date, as the binary offers it"
	expect_eq "$(zcomp roadmap -C "")" "files -/" "zsh: -C completes directories"
	expect_eq "$(PREFIX=--format=j zcomp roadmap report --format=j)" "compset -P 1 *=
json" "zsh: --format=j: the prefix moves aside and the formats that start with j are offered"
	expect_eq "$(PREFIX=--status=pl zcomp roadmap plan lged x --status=pl)" "compset -P 1 *=
planned" "zsh: plan --status=pl"
else
	skip_part "the zsh script" "zsh is not installed"
fi

run completion fish
expect_rc 2 "an unknown shell is a usage error"
run completion
expect_rc 2 "no shell is a usage error"
finish
