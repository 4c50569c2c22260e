#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Mutation testing of the pvlink tests ("make mutants", suite 60-mutants):
# every deliberate bug of mutants.cfg must make the suite that owns the
# code fail, or that suite cannot see the bug.
#
# Usage: run-mutants.sh [-l] [NAME...]
#
# For each mutant (those NAMEd, or all): copy the files "git ls-files"
# gives of $srctree into $objtree/tools/testing/pvlink/out/mutants/NAME,
# replace the mutant's text (it must occur exactly once), build the copy
# ("make defconfig && make -j2") and run only the owning suite there,
# through the copy's run_tests.sh (narrowed by PVLINK_ENVS or -t as
# mutants.cfg says).  One TAP result per mutant (lib/tap.sh):
#
#   ok N - mutant NAME -> SUITE: caught		the suite failed
#   not ok N - mutant NAME -> SUITE: missed	the suite passed: a hole
#   not ok N - mutant NAME -> SUITE # ERROR why	the mutant no longer
#		applies, does not build, or the suite broke (errors only)
#
# -l lists the mutants.  The source tree is never written; the copy of a
# caught mutant is removed, that of any other kept with its logs
# (NAME.build.log, NAME.suite.log beside it).  PVLINK_MUTANTS="a b"
# selects as NAMEs do; PVLINK_TEST (run_tests.sh -t) selects by result
# name.  PVLINK_MUTANTS_CFG reads another file (the harness tests).
set -u
export LC_ALL=C
# The copies are built by their own make: nothing of a calling make's
# state (its O=, KBUILD_SRC, command-line variables) may reach it.
unset MAKEFLAGS MAKEOVERRIDES MFLAGS MAKELEVEL O
for v in $(compgen -e); do
	case $v in
	KBUILD_*) unset "$v" ;;
	esac
done

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
objtree=${objtree:-$srctree}
cfg=${PVLINK_MUTANTS_CFG:-$srctree/tools/testing/pvlink/mutants/mutants.cfg}
out=$objtree/tools/testing/pvlink/out/mutants
# One mutant's build, and its suite, get this long (seconds).
BUILD_TIMEOUT=${PVLINK_MUTANT_BUILD_TIMEOUT:-600}
SUITE_TIMEOUT=${PVLINK_MUTANT_SUITE_TIMEOUT:-600}
KEYS=" file find replace suite envs test why "

# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$srctree/tools/testing/pvlink/lib/tap.sh"

list=0
if [ "${1:-}" = -l ]; then
	list=1
	shift
fi

# ---- mutants.cfg -------------------------------------------------------
declare -A m
names=()
[ -f "$cfg" ] || tap_bail "no $cfg"
lineno=0 cur=''
while IFS= read -r line || [ -n "$line" ]; do
	lineno=$((lineno + 1))
	if [[ $line =~ ^[[:space:]]*(#|$) ]]; then
		continue
	elif [[ $line =~ ^\[([A-Za-z0-9_.-]+)\][[:space:]]*$ ]]; then
		cur=${BASH_REMATCH[1]}
		[ -z "${m[$cur.suite]+x}${m[$cur.file]+x}" ] ||
			tap_bail "$cfg:$lineno: mutant $cur is defined twice"
		names+=("$cur")
	elif [[ $line =~ ^([a-z]+)[[:space:]]*=[[:space:]]?(.*)$ ]]; then
		key=${BASH_REMATCH[1]} val=${BASH_REMATCH[2]}
		[ -n "$cur" ] || tap_bail "$cfg:$lineno: '$key' before the first [mutant]"
		[[ $KEYS == *" $key "* ]] || tap_bail "$cfg:$lineno: unknown key '$key'"
		m[$cur.$key]=$val
	else
		tap_bail "$cfg:$lineno: not a section, key or comment: $line"
	fi
done < "$cfg"
for n in "${names[@]}"; do
	for key in file find suite; do
		[ -n "${m[$n.$key]:-}" ] || tap_bail "$cfg: mutant $n has no '$key'"
	done
	[ "${m[$n.find]}" != "${m[$n.replace]:-}" ] ||
		tap_bail "$cfg: mutant $n replaces its text with the same text"
	[ -f "$srctree/tools/testing/pvlink/suites/${m[$n.suite]}.sh" ] ||
		tap_bail "$cfg: mutant $n: no suite ${m[$n.suite]}"
done

if [ $list = 1 ]; then
	for n in "${names[@]}"; do
		printf '%-28s %-10s %s\n' "$n" "${m[$n.suite]}" "${m[$n.file]}"
	done
	exit 0
fi

# ---- which mutants -------------------------------------------------------
want=("$@")
[ ${#want[@]} -gt 0 ] || read -ra want <<< "${PVLINK_MUTANTS:-}"
for w in "${want[@]}"; do
	[ -n "${m[$w.file]+x}" ] || tap_bail "no mutant named '$w' in $cfg"
done
selected()	# selected NAME: asked for by name (or none named) and PVLINK_TEST
{
	local n=$1 base="mutant $1 -> ${m[$1.suite]}"

	[ ${#want[@]} = 0 ] || [[ " ${want[*]} " == *" $n "* ]] || return 1
	tap_selected "$base" || tap_selected "$base: caught" || tap_selected "$base: missed"
}
run=()
for n in "${names[@]}"; do
	selected "$n" && run+=("$n")
done
tap_plan ${#run[@]}

# ---- one mutant ------------------------------------------------------------
unescape()	# unescape TEXT: \t, \n and \\ of mutants.cfg
{
	local s=$1 r='' c
	while [ -n "$s" ]; do
		c=${s:0:1}
		if [ "$c" = "\\" ] && [ ${#s} -gt 1 ]; then
			case ${s:1:1} in
			t) r+=$'\t' ;;
			n) r+=$'\n' ;;
			*) r+=${s:1:1} ;;
			esac
			s=${s:2}
		else
			r+=$c
			s=${s:1}
		fi
	done
	printf '%s' "$r"
}

# mutate FILE FIND REPLACE: replace the one occurrence; prints how many
# there were and fails unless exactly one
mutate()
{
	python3 - "$1" "$2" "$3" <<'EOF'
import sys
path, find, repl = sys.argv[1:4]
with open(path, encoding='utf-8', newline='') as f:
    text = f.read()
n = text.count(find)
print(n)
if n != 1:
    sys.exit(1)
with open(path, 'w', encoding='utf-8', newline='') as f:
    f.write(text.replace(find, repl, 1))
EOF
}

# copy_tree DIR: the files git knows of the source tree, as they are now
copy_tree()
{
	local dir=$1
	rm -rf "$dir"
	mkdir -p "$dir"
	git -C "$srctree" ls-files -z --cached --others --exclude-standard |
		(cd "$srctree" && tar --null -T - --ignore-failed-read -cf - 2>/dev/null) |
		tar -C "$dir" -xf -
}

run_mutant()	# run_mutant NAME
{
	local n=$1 suite=${m[$1.suite]} file=${m[$1.file]} dir=$out/$1
	local base="mutant $1 -> ${m[$1.suite]}" find repl count rc t0 t1 t2 sargs=()
	local blog=$out/$1.build.log slog=$out/$1.suite.log
	# Its results keep their names whatever PVLINK_TEST named (caught,
	# missed or an error): the mutant was selected, so all of it shows.
	# shellcheck disable=SC2034 # read by lib/tap.sh's functions
	local TAP_FILTER=

	t0=$SECONDS
	copy_tree "$dir"
	if [ ! -f "$dir/$file" ]; then
		tap_error "$base" "mutant $n no longer applies to $file: no such file: update mutants.cfg"
		return
	fi
	find=$(unescape "${m[$n.find]}")
	repl=$(unescape "${m[$n.replace]:-}")
	if ! count=$(mutate "$dir/$file" "$find" "$repl" 2>&1); then
		tap_error "$base" "mutant $n no longer applies to $file ($count occurrences of its text, want 1): update mutants.cfg"
		return
	fi
	if ! (cd "$dir" && timeout "$BUILD_TIMEOUT" make defconfig &&
	      timeout "$BUILD_TIMEOUT" make -j2) > "$blog" 2>&1; then
		tail -n 15 "$blog" | tap_diag
		tap_error "$base" "mutant $n does not build ($blog): mutants must compile"
		return
	fi
	t1=$SECONDS
	[ -n "${m[$n.test]:-}" ] && sargs=(-t "${m[$n.test]}")
	# The copy's own harness, on the copy alone: nothing of this run's
	# selection or result files reaches it.
	(cd "$dir" && env -u PVLINK_TEST -u PVLINK_SUITES -u PVLINK_RESULTS \
		-u PVLINK_MUTANTS -u PVLINK_MUTANTS_CFG \
		srctree="$dir" objtree="$dir" PVLINK_ENVS="${m[$n.envs]:-}" \
		PVLINK_SUITE_TIMEOUT="$SUITE_TIMEOUT" \
		bash "$dir/tools/testing/pvlink/run_tests.sh" "${sargs[@]}" "$suite") \
		> "$slog" 2>&1 < /dev/null
	rc=$?
	t2=$SECONDS
	tap_diag "mutant $n ($file): copy and build $((t1 - t0)) s, $suite${m[$n.envs]:+ (${m[$n.envs]})} $((t2 - t1)) s"
	if [ $rc = 0 ]; then
		tail -n 3 "$slog" | tap_diag
		tap_fail "$base: missed"
	elif [ $rc = 1 ] && sed -n '/^# failed (the code under test):/,/^# errors/p' "$slog" |
			   grep -q '^#   not ok'; then
		sed -n '/^# failed (the code under test):/,/^# errors/p' "$slog" |
			grep '^#   not ok' | head -n 3 | sed 's/^#   /caught by: /' | tap_diag
		tap_ok "$base: caught"
		rm -rf "$dir"
	else
		tail -n 10 "$slog" | tap_diag
		tap_error "$base" "$suite ended with status $rc and no plain failure ($slog)"
	fi
}

command -v python3 >/dev/null || tap_bail "python3 is needed to apply the mutants"
git -C "$srctree" rev-parse --git-dir >/dev/null 2>&1 ||
	tap_bail "$srctree is not a git work tree: the mutants copy what git ls-files lists"
mkdir -p "$out"
for n in "${run[@]}"; do
	run_mutant "$n"
done
tap_done
