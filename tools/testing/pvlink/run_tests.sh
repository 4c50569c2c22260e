#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run the pvlink test suites and summarise, for "make check".
#
# Usage: run_tests.sh [-g GROUP] [-t NAME] [SUITE...]
#        run_tests.sh -l [-g GROUP] [SUITE...]
#
# A suite is tools/testing/pvlink/suites/NN-name.sh; they run in sorted
# order, or only those named ("20-boot" or "boot"), or those of a group
# (-g; suites/groups.cfg gives each suite its groups).  -t NAME runs the
# suite NAME, or the test whose result is NAME (or matches it as a glob,
# or is a test of a program whose results are "NAME: ..."): in the
# SUITEs named, else in the suite whose last run printed it.  That
# suite runs with PVLINK_TEST=NAME; one on lib/tap.sh then runs and
# prints only those tests (and a crash of the program they are in), of
# any other only the results NAME matches are counted.  -l lists the
# suites, their groups and, under each, the tests of its last run; then,
# without -g or SUITE, the boot environments (boot/run-env.sh --list).
#
# Each suite prints TAP (lib/tap.sh): a plan "1..N" before its first or
# after its last result, result lines ("ok - name", "not ok - name",
# "ok - name # SKIP why", "not ok - name # ERROR why"; numbers optional)
# and "# " diagnostics.  This script numbers the results in one sequence,
# passes diagnostics through (any other line the suite prints, stderr
# included, becomes a "# " line), and fails a suite that
#  - prints no plan, or not as many results as its plan says,
#  - exits with a status other than 0, or 1 after a "not ok",
#  - is killed, or runs longer than PVLINK_SUITE_TIMEOUT seconds (1200),
#  - prints "Bail out!",
# with one more result naming the suite and the last result it printed.
# A result is an ERROR (the harness or the environment is broken) or a
# plain failure (the code under test is wrong); both count as failed, the
# errors are listed apart, and the failures with the command that reruns
# each.  The last line is "N passed, N failed, N skipped".  Exit status: 0
# if nothing failed, 1 if something did, 2 for a usage error.
#
# Environment passed to each suite: srctree, objtree, CC, CLANG (defaults:
# this tree, the same tree, gcc, clang).  PVLINK_SUITES names another suite
# directory (the harness tests this script on fixtures that way), and
# PVLINK_RESULTS where the results of each suite are kept (for -l and -t;
# $objtree/tools/testing/pvlink/out/results).
set -u
export LC_ALL=C
# The suites get the trees and compilers below, and behave the same
# whether "make check" or a person started this: nothing of the calling
# make's own state reaches them.  Its command-line variables (O=dir) would
# override those of the suites' own makes, and an inherited KBUILD_SRC
# makes a nested "make O=dir" build in the wrong tree.
unset MAKEFLAGS MAKEOVERRIDES MFLAGS MAKELEVEL O PVLINK_TEST
for v in $(compgen -e); do
	case $v in
	KBUILD_*) unset "$v" ;;
	esac
done

here=$(cd "$(dirname "$0")" && pwd)
export srctree=${srctree:-$(cd "$here/../../.." && pwd)}
export objtree=${objtree:-$srctree}
export CC=${CC:-gcc}
export CLANG=${CLANG:-clang}

suitedir=${PVLINK_SUITES:-$here/suites}
suite_timeout=${PVLINK_SUITE_TIMEOUT:-1200}
resultdir=${PVLINK_RESULTS:-$objtree/tools/testing/pvlink/out/results}
self=tools/testing/pvlink/run_tests.sh

# The suite's exit status travels on a line of its own after its output.
END_MARK="@@pvlink-suite-exit@@"

usage()
{
	echo "usage: run_tests.sh [-g GROUP] [-t NAME] [SUITE...]" >&2
	echo "       run_tests.sh -l [-g GROUP] [SUITE...]" >&2
	exit 2
}

list=0 group='' test=''
while getopts "lg:t:h" opt; do
	case $opt in
	l) list=1 ;;
	g) group=$OPTARG ;;
	t) test=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))

groups_of()	# groups_of SUITE: its groups, from suites/groups.cfg
{
	[ -f "$suitedir/groups.cfg" ] &&
		awk -v s="$1" '$1 == s { $1 = ""; sub(/^ /, ""); print }' "$suitedir/groups.cfg"
}

# tests_of SUITE: the result names of its last run, without directives
tests_of()
{
	[ -f "$resultdir/$1.tap" ] &&
		sed -n 's/^\(not \)\{0,1\}ok [0-9]* - //p' "$resultdir/$1.tap" |
		sed 's/ # \(SKIP\|ERROR\).*$//I'
}

n=0 passed=0 failed=0 skipped=0
failures=() errors=()

# matches NAME PATTERN: NAME is PATTERN, matches it as a glob, or is one
# of the results of the test PATTERN of a program ("PATTERN: ...": a test
# program's results are named "PROGRAM: TEST: ...")
matches()
{
	# shellcheck disable=SC2053 # a glob on purpose
	[ "$1" = "$2" ] || [[ $1 == $2 ]] || [[ $1 == "$2: "* ]]
}

# result ok|not-ok DESCRIPTION [SUITE]: one result; a failure made by this
# script names its SUITE, which reruns it
result()
{
	local rerun=${3:-${2%% # *}}
	n=$((n + 1))
	if [ "$1" = ok ]; then
		echo "ok $n - $2"
		shopt -s nocasematch
		if [[ $2 =~ \#[[:space:]]*SKIP ]]; then
			skipped=$((skipped + 1))
		else
			passed=$((passed + 1))
		fi
		shopt -u nocasematch
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
		rerun="not ok $n - $2"$'\n'"#     rerun: $self -t '${rerun//\'/\'\\\'\'}'"
		if [[ $2 =~ \#[[:space:]]*ERROR ]]; then
			errors+=("$rerun")
		else
			failures+=("$rerun")
		fi
	fi
	[ -n "${log:-}" ] && echo "${1/-/ } $n - $2" >> "$log"
}

run_suite()	# run_suite PATH
{
	local path=$1 name line rc=none results=0 notok=0 start last=none
	local plan='' plans=0 bail='' log selects=0
	local p0=$passed f0=$failed s0=$skipped
	name=$(basename "$path" .sh)
	log=$resultdir/$name.tap
	[ -n "$test" ] && log=$resultdir/$name.selected.tap
	: > "$log"

	echo "# === $name ==="
	start=$SECONDS
	while IFS= read -r line; do
		line=${line%$'\r'}
		if [[ $line =~ ^$END_MARK\ ([0-9]+)$ ]]; then
			rc=${BASH_REMATCH[1]}
		elif [[ $line =~ ^(not\ ok|ok)([[:space:]]+[0-9]+)?([[:space:]]+-)?([[:space:]]+(.*))?$ ]]; then
			results=$((results + 1))
			last=$line
			local kind=${BASH_REMATCH[1]} desc=${BASH_REMATCH[5]}
			[ "$kind" = ok ] || notok=$((notok + 1))
			# -t: only the named test counts; another failure (a
			# crash that kept it from running) is still shown
			if [ -n "$test" ] && [ $selects = 0 ] && [ "$test" != "$name" ] &&
			   [ "$test" != "${name#[0-9]*-}" ] &&
			   ! matches "${desc%% # *}" "$test"; then
				[ "$kind" = ok ] || echo "# not selected: $line"
				continue
			fi
			if [ "$kind" = ok ]; then
				result ok "$desc"
			else
				result not-ok "$desc"
			fi
		elif [[ $line =~ ^1\.\.([0-9]+) ]] && [ -z "$bail" ]; then
			plans=$((plans + 1))
			plan=${BASH_REMATCH[1]}
		elif [[ $line =~ ^Bail\ out!(.*)$ ]]; then
			bail=${BASH_REMATCH[1]# }
			echo "# $line"
		elif [ "$line" = "# selected: PVLINK_TEST=$test" ]; then
			selects=1	# lib/tap.sh selects (and shows a crash)
			echo "$line"
		elif [[ $line =~ ^# ]]; then
			echo "$line"
		elif [[ $line =~ ^TAP\ version || -z $line ]]; then
			:	# this runner numbers and frames
		else
			echo "# $line"
		fi
	done < <(cd "$objtree" &&
		 PVLINK_TEST=$test timeout -k 10 "$suite_timeout" bash "$path" </dev/null 2>&1
		 echo "$END_MARK $?")

	# A '#' in the last result would start a directive: say it without.
	last="the last result: \"${last//#/:}\""
	if [ "$rc" = 124 ]; then
		result not-ok "$name: suite timed out after $suite_timeout s ($last)" "$name"
	elif [ -n "$bail" ]; then
		result not-ok "$name: suite bailed out: ${bail//#/:} # ERROR $last" "$name"
	elif [ "$rc" -gt 128 ] 2>/dev/null; then
		result not-ok "$name: suite killed by signal $((rc - 128)) # ERROR $last" "$name"
	elif [ "$rc" != 0 ] && { [ "$rc" != 1 ] || [ $notok = 0 ]; }; then
		result not-ok "$name: suite exited with status $rc # ERROR $last" "$name"
	elif [ $plans = 0 ]; then
		result not-ok "$name: suite printed no plan # ERROR $results results, $last" "$name"
	elif [ $plans -gt 1 ]; then
		result not-ok "$name: suite printed $plans plans # ERROR $last" "$name"
	elif [ -n "$plan" ] && [ "$plan" != $results ]; then
		result not-ok "$name: suite planned $plan results but printed $results # ERROR $last" "$name"
	elif [ $results = 0 ] && [ "$plan" != 0 ]; then
		result not-ok "$name: suite printed no result # ERROR $last" "$name"
	fi
	echo "# $name: $((passed - p0)) passed, $((failed - f0)) failed," \
	     "$((skipped - s0)) skipped in $((SECONDS - start)) s"
}

# ---- which suites -----------------------------------------------------
all=()
for s in "$suitedir"/[0-9]*.sh; do
	[ -f "$s" ] && all+=("$s")
done
suites=()
for s in "${all[@]}"; do
	base=$(basename "$s" .sh)
	if [ -n "$group" ] && ! [[ " $(groups_of "$base") " == *" $group "* ]]; then
		continue
	fi
	if [ $# -gt 0 ]; then
		found=0
		for want in "$@"; do
			[ "$base" = "$want" ] || [ "${base#[0-9]*-}" = "$want" ] && found=1
		done
		[ $found = 1 ] || continue
	fi
	suites+=("$s")
done
for want in "$@"; do
	found=0
	for s in "${all[@]}"; do
		base=$(basename "$s" .sh)
		[ "$base" = "$want" ] || [ "${base#[0-9]*-}" = "$want" ] && found=1
	done
	if [ $found = 0 ]; then
		echo "run_tests.sh: no suite named '$want' in $suitedir" >&2
		exit 2
	fi
done
if [ -n "$group" ] && [ ${#suites[@]} = 0 ]; then
	echo "run_tests.sh: no suite in group '$group' ($suitedir/groups.cfg)" >&2
	exit 2
fi

if [ $list = 1 ]; then
	for s in "${suites[@]}"; do
		base=$(basename "$s" .sh)
		echo "$base [$(groups_of "$base")]"
		if [ -f "$resultdir/$base.tap" ]; then
			tests_of "$base" | sed 's/^/  /'
		else
			echo "  (its tests are listed once it has run)"
		fi
	done
	# The boot environments of environments.cfg, which the boot suites
	# run (not with fixture suites: those boot nothing).
	if [ -z "${PVLINK_SUITES:-}" ] && [ -z "$group$*" ]; then
		echo "environments [boot/run-env.sh --list]"
		"$here/boot/run-env.sh" --list | sed 's/^/  /'
	fi
	exit 0
fi

# -t NAME: a suite, or the suite whose last run printed a result NAME
# (with SUITE... named, those suites, last run or not)
if [ -n "$test" ] && [ $# = 0 ]; then
	picked=()
	for s in "${suites[@]}"; do
		base=$(basename "$s" .sh)
		if [ "$base" = "$test" ] || [ "${base#[0-9]*-}" = "$test" ]; then
			picked=("$s")
			break
		fi
		while IFS= read -r t; do
			if matches "$t" "$test"; then
				picked+=("$s")
				break
			fi
		done < <(tests_of "$base")
	done
	if [ ${#picked[@]} = 0 ]; then
		echo "run_tests.sh: no suite or test named '$test'" \
		     "(run_tests.sh -l lists those of the last run)" >&2
		exit 2
	fi
	suites=("${picked[@]}")
fi

mkdir -p "$resultdir"
echo "TAP version 13"
if [ ${#suites[@]} = 0 ]; then
	result not-ok "no test suites found in $suitedir # ERROR"
fi
for s in "${suites[@]}"; do
	run_suite "$s"
done
if [ -n "$test" ] && [ $n = 0 ]; then
	result not-ok "$test: no such result in ${suites[*]##*/} # ERROR"
fi
echo "1..$n"
if [ ${#failures[@]} -gt 0 ]; then
	echo "# failed (the code under test):"
	printf '#   %s\n' "${failures[@]}"
fi
if [ ${#errors[@]} -gt 0 ]; then
	echo "# errors (the harness or its environment is broken):"
	printf '#   %s\n' "${errors[@]}"
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed = 0 ]
