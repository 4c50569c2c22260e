#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Run every pvlink test suite and summarise, for "make check".
#
# Usage: run_tests.sh [SUITE...]
#
# A suite is tools/testing/pvlink/suites/NN-name.sh; they run in sorted
# order (or only those named, e.g. "20-boot" or "boot").  Each prints TAP
# result lines on stdout ("ok - name", "not ok - name", "ok - name # SKIP
# why"; numbers optional) and "# " diagnostics.  This script numbers the
# results in one sequence, passes diagnostics through (any other line the
# suite prints, stderr included, becomes a "# " line), and ends with one
# line "N passed, N failed, N skipped".  A suite that exits non-zero without
# printing a "not ok" counts as one failure named after it, and so does one
# that prints no result at all.  Exit status: 0 if nothing failed.
#
# Environment passed to each suite: srctree, objtree, CC, CLANG (defaults:
# this tree, the same tree, gcc, clang).  PVLINK_SUITES names another suite
# directory (the harness tests this script on fixtures that way).
# PVLINK_SUITE_TIMEOUT (seconds, default 1200) bounds each suite, so that
# one hung suite still ends in a failure and a summary, not a killed run.
set -u
export LC_ALL=C
# The suites get the trees and compilers below, and behave the same
# whether "make check" or a person started this: nothing of the calling
# make's own state reaches them.  Its command-line variables (O=dir) would
# override those of the suites' own makes, and an inherited KBUILD_SRC
# makes a nested "make O=dir" build in the wrong tree.
unset MAKEFLAGS MAKEOVERRIDES MFLAGS MAKELEVEL O
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

# The suite's exit status travels on a line of its own after its output.
END_MARK="@@pvlink-suite-exit@@"

n=0 passed=0 failed=0 skipped=0

result()	# result ok|not-ok DESCRIPTION
{
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
	fi
}

run_suite()	# run_suite PATH
{
	local path=$1 name line rc=none results=0 notok=0 start
	local p0=$passed f0=$failed s0=$skipped
	name=$(basename "$path" .sh)

	echo "# === $name ==="
	start=$SECONDS
	while IFS= read -r line; do
		line=${line%$'\r'}
		if [[ $line =~ ^$END_MARK\ ([0-9]+)$ ]]; then
			rc=${BASH_REMATCH[1]}
		elif [[ $line =~ ^(not\ ok|ok)([[:space:]]+[0-9]+)?([[:space:]]+-)?([[:space:]]+(.*))?$ ]]; then
			results=$((results + 1))
			if [ "${BASH_REMATCH[1]}" = ok ]; then
				result ok "${BASH_REMATCH[5]}"
			else
				notok=$((notok + 1))
				result not-ok "${BASH_REMATCH[5]}"
			fi
		elif [[ $line =~ ^# ]]; then
			echo "$line"
		elif [[ $line =~ ^(TAP\ version|1\.\.[0-9]+[[:space:]]*$) || -z $line ]]; then
			:	# the suite's own framing: this runner numbers
		else
			echo "# $line"
		fi
	done < <(cd "$objtree" &&
		 timeout -k 10 "$suite_timeout" bash "$path" </dev/null 2>&1
		 echo "$END_MARK $?")

	if [ "$rc" = 124 ]; then
		result not-ok "$name: suite timed out after $suite_timeout s"
	elif [ "$rc" != 0 ] && [ $notok = 0 ]; then
		result not-ok "$name: suite exited with status $rc"
	elif [ $results = 0 ]; then
		result not-ok "$name: suite printed no result"
	fi
	echo "# $name: $((passed - p0)) passed, $((failed - f0)) failed," \
	     "$((skipped - s0)) skipped in $((SECONDS - start)) s"
}

suites=()
if [ $# = 0 ]; then
	for s in "$suitedir"/[0-9]*.sh; do
		[ -f "$s" ] && suites+=("$s")
	done
else
	for want in "$@"; do
		found=0
		for s in "$suitedir"/[0-9]*.sh; do
			base=$(basename "$s" .sh)
			if [ "$base" = "$want" ] || [ "${base#[0-9]*-}" = "$want" ]; then
				suites+=("$s")
				found=1
			fi
		done
		if [ $found = 0 ]; then
			echo "run_tests.sh: no suite named '$want' in $suitedir" >&2
			exit 2
		fi
	done
fi

echo "TAP version 13"
if [ ${#suites[@]} = 0 ]; then
	result not-ok "no test suites found in $suitedir"
fi
for s in "${suites[@]}"; do
	run_suite "$s"
done
echo "1..$n"
echo "$passed passed, $failed failed, $skipped skipped"
[ $failed = 0 ]
