# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# TAP for the pvlink test suites: the one set of result functions every
# suite sources, so that each prints a plan, numbers its results and says
# whether a failure is the code's (FAIL) or the harness's (ERROR).
#
#	. "$srctree/tools/testing/pvlink/lib/tap.sh"
#	tap_plan 3			# "1..3", before the first result
#	tap_check "core: builds" make -C dir	# ok / not ok from a status
#	tap_skip "core: sparse" "sparse is not installed"
#	tap_prog "unit (gcc)" ./unit_test "unit (gcc)" dir
#	tap_done			# exit 0 if nothing failed, else 1
#
# A suite that cannot know its count up front calls tap_done without
# tap_plan: the plan then follows the last result, so that a suite which
# dies before its end prints none and run_tests.sh fails it.
#
# Result lines:
#	ok N - NAME
#	ok N - NAME # SKIP why
#	not ok N - NAME				the code under test is wrong
#	not ok N - NAME # ERROR why		the test or its environment is
#						broken (a build of the harness,
#						a tool, a program that lies)
#
# PVLINK_TEST=PATTERN (run_tests.sh -t) selects results: a result whose
# NAME does not match the glob PATTERN is neither run (tap_check) nor
# printed, and the plan becomes the count of those that were.

TAP_COUNT=0
TAP_FAILED=0
TAP_PLANNED=
TAP_FILTER=${PVLINK_TEST:-}
# Tells run_tests.sh that this suite selects, so it shows all it prints.
[ -z "$TAP_FILTER" ] || echo "# selected: PVLINK_TEST=$TAP_FILTER"

# tap_selected NAME: NAME is to be run (no PVLINK_TEST, or it matches)
tap_selected()
{
	# shellcheck disable=SC2053 # the filter is a glob on purpose
	[ -z "$TAP_FILTER" ] || [ "$1" = "$TAP_FILTER" ] || [[ $1 == $TAP_FILTER ]]
}

# tap_prefix_selected PREFIX: PVLINK_TEST can select a result whose name
# starts with PREFIX (always true without it), for a suite to run only the
# part whose results the pattern may name, as a boot suite boots only the
# environments "ENV: *" names.  The pattern's text up to its first glob
# character and PREFIX: one starts with the other.
tap_prefix_selected()
{
	local lit=${TAP_FILTER%%[*?[]*}
	[ -z "$TAP_FILTER" ] || [ "${lit#"$1"}" != "$lit" ] || [ "${1#"$lit"}" != "$1" ]
}

# tap_plan N: the suite will print N results
tap_plan()
{
	TAP_PLANNED=$1
	[ -n "$TAP_FILTER" ] || echo "1..$1"
}

_tap_line()	# _tap_line ok|not-ok NAME [DIRECTIVE]
{
	tap_selected "$2" || return 0
	TAP_COUNT=$((TAP_COUNT + 1))
	if [ "$1" = ok ]; then
		echo "ok $TAP_COUNT - $2${3:+ # $3}"
	else
		TAP_FAILED=$((TAP_FAILED + 1))
		echo "not ok $TAP_COUNT - $2${3:+ # $3}"
	fi
}

tap_ok()	{ _tap_line ok "$1"; }			# tap_ok NAME
tap_fail()	{ _tap_line not-ok "$1"; }		# tap_fail NAME
tap_skip()	{ _tap_line ok "$1" "SKIP $2"; }	# tap_skip NAME WHY
tap_error()	{ _tap_line not-ok "$1" "ERROR $2"; }	# tap_error NAME WHY

# tap_result STATUS NAME: ok if STATUS is 0; returns 1 if not, so that
# "tap_result $rc NAME || tap_done" stops after a failed step
tap_result()
{
	if [ "$1" = 0 ]; then tap_ok "$2"; else tap_fail "$2"; return 1; fi
}

# tap_diag [TEXT...]: "# " lines, of TEXT or else of stdin
# shellcheck disable=SC2120 # both ways are used
tap_diag()
{
	if [ $# -gt 0 ]; then
		printf '# %s\n' "$*"
	else
		sed 's/^/# /'
	fi
}

# tap_check NAME COMMAND...: one result from COMMAND's status; its output
# (the last 20 lines) becomes diagnostics when it fails.  Returns the status.
tap_check()
{
	# Names of their own: COMMAND may be an eval reading the caller's.
	local _tap_name=$1 _tap_out _tap_rc
	shift
	tap_selected "$_tap_name" || return 0
	_tap_out=$("$@" 2>&1)
	_tap_rc=$?
	# shellcheck disable=SC2119 # stdin, not arguments
	[ $_tap_rc = 0 ] || [ -z "$_tap_out" ] ||
		printf '%s\n' "$_tap_out" | tail -n 20 | tap_diag
	tap_result $_tap_rc "$_tap_name"
	return $_tap_rc
}

# tap_bail WHY: the suite cannot go on (run_tests.sh fails it as an ERROR)
tap_bail()
{
	echo "Bail out! $*"
	exit 2
}

# tap_done: the plan if none came first; exit 1 if a result failed
tap_done()
{
	[ -n "$TAP_PLANNED" ] && [ -z "$TAP_FILTER" ] || echo "1..$TAP_COUNT"
	[ "$TAP_FAILED" = 0 ] && exit 0
	exit 1
}

# tap_relay < TAP: pass on the results of a tool that prints no plan (the
# boot runner, a checker in Python), renumbered and counted as this
# suite's; other lines become diagnostics.  Read it with "< file" or
# "< <(command)", not from a pipe: a pipe would count in a subshell.
tap_relay()
{
	local line kind desc dir
	while IFS= read -r line; do
		if [[ $line =~ ^(not\ ok|ok)([[:space:]]+[0-9]+)?([[:space:]]+-)?([[:space:]]+(.*))?$ ]]; then
			kind=${BASH_REMATCH[1]} desc=${BASH_REMATCH[5]} dir=''
			if [[ $desc =~ ^(.*[^[:space:]])[[:space:]]+#[[:space:]]*(.*)$ ]]; then
				desc=${BASH_REMATCH[1]}
				dir=${BASH_REMATCH[2]}
			fi
			_tap_line "${kind/ /-}" "$desc" "$dir"
		elif [[ $line =~ ^# ]]; then
			echo "$line"
		elif [ -n "$line" ]; then
			echo "# $line"
		fi
	done
}

# tap_relay_run NAME COMMAND...: tap_relay what COMMAND prints (stderr
# too), as it prints it, then hold COMMAND to its status: 0 with no "not
# ok", or 1 after one.  Anything else (it died, or its status and results
# disagree) is one more result, an ERROR of the tool NAME, shown whatever
# PVLINK_TEST selects.  Returns 0 if the status held.
tap_relay_run()
{
	local name=$1 line rc=none notok=0 mark="@@tap-relay-exit@@"
	shift
	while IFS= read -r line; do
		if [[ $line =~ ^$mark\ ([0-9]+)$ ]]; then
			rc=${BASH_REMATCH[1]}
			continue
		fi
		[[ $line =~ ^not\ ok ]] && notok=$((notok + 1))
		tap_relay <<< "$line"
	done < <("$@" 2>&1; echo "$mark $?")
	if { [ "$rc" = 0 ] && [ $notok = 0 ]; } || { [ "$rc" = 1 ] && [ $notok != 0 ]; }; then
		return 0
	fi
	local TAP_FILTER=
	tap_error "$name" "$1 exited with status $rc after printing $notok failures"
	return 1
}

# A test program (lib/tap.h) exits 0 (pass), 1 (a check failed), 2 (it
# is broken: usage, input) or 4 (skipped: plan "1..0"), as kselftest's.
TAP_EXIT_SKIP=4

# tap_prog [--tests] NAME COMMAND...: run a TAP test program and pass its
# results through, renumbered; diagnostics and stderr pass as "# " lines.
# --tests: COMMAND is a program of named tests (lib/tap.h's
# tap_parse_args: "-t TEST" or "--list" before its arguments, results
# named "NAME: TEST: ..."); a PVLINK_TEST of "NAME: TEST" (all of TEST's
# results) or "NAME: TEST: ..." (some of them) then runs it with -t TEST,
# so that only that test runs.  The
# program must print one plan and exactly that many results and exit 0
# (1 if it printed a "not ok"); a signal, another status, a missing or
# second plan or a wrong count is one more result naming NAME and the last
# result the program printed: a FAIL when the program died of a signal or
# after a failure, an ERROR when it lies (its plan or status disagrees
# with its results).  Returns 0 if all of that held.
tap_prog()
{
	local tests=0
	if [ "$1" = --tests ]; then
		tests=1
		shift
	fi
	local name=$1 line rc=none plan='' plans=0 n=0 notok=0 last=none why='' sel=0
	local mark="@@tap-prog-exit@@"
	shift
	# With PVLINK_TEST, run the program only if the pattern names it (all
	# its results count) or can name one of its results ("NAME: ..."),
	# which are then filtered one by one below.
	local TAP_FILTER=$TAP_FILTER
	if tap_selected "$name"; then
		TAP_FILTER=
	elif ! [[ "$name: " == "${TAP_FILTER:0:${#name}+2}" ]] &&
	   ! [[ $TAP_FILTER == *[*?[]* ]]; then
		return 0
	fi
	# One of its tests, by the name its --list gives: run only that.
	if [ $tests = 1 ] && [[ $TAP_FILTER == "$name: "* ]]; then
		local rest=${TAP_FILTER#"$name: "} one
		one=${rest%%: *}
		if ! [[ $one == *[*?[]* ]] && "$1" --list "${@:2}" 2>/dev/null | grep -qxF -- "$one"; then
			set -- "$1" -t "$one" "${@:2}"
			[ "$rest" = "$one" ] && TAP_FILTER=
		fi
	fi
	while IFS= read -r line; do
		if [[ $line =~ ^$mark\ ([0-9]+)$ ]]; then
			rc=${BASH_REMATCH[1]}
		elif [[ $line =~ ^1\.\.([0-9]+) ]]; then
			plans=$((plans + 1))
			plan=${BASH_REMATCH[1]}
		elif [[ $line =~ ^(not\ ok|ok)([[:space:]]+[0-9]+)?([[:space:]]+-)?([[:space:]]+(.*))?$ ]]; then
			local kind=${BASH_REMATCH[1]} desc=${BASH_REMATCH[5]} dir=''
			n=$((n + 1))
			last=$line
			if [[ $desc =~ ^(.*[^[:space:]])[[:space:]]+#[[:space:]]*(.*)$ ]]; then
				desc=${BASH_REMATCH[1]}
				dir=${BASH_REMATCH[2]}
			fi
			tap_selected "$desc" && sel=$((sel + 1))
			if [ "$kind" = "not ok" ]; then
				notok=$((notok + 1))
				_tap_line not-ok "$desc" "$dir"
			else
				_tap_line ok "$desc" "$dir"
			fi
		elif [[ $line =~ ^# ]]; then
			tap_selected "$name" && echo "$line"
		elif [ -n "$line" ]; then
			tap_selected "$name" && echo "# $line"
		fi
	done < <("$@" 2>&1; echo "$mark $?")

	if [ "$rc" -gt 128 ] 2>/dev/null; then
		why="killed by signal $((rc - 128)) ($(kill -l $((rc - 128)) 2>/dev/null || echo '?'))"
	elif [ "$rc" = $TAP_EXIT_SKIP ] && [ $n = 0 ] && [ "$plan" = 0 ]; then
		return 0
	elif [ "$rc" != 0 ] && [ "$rc" != 1 ]; then
		why="exited with status $rc"
	elif [ $plans = 0 ]; then
		why="printed no plan"
	elif [ $plans -gt 1 ]; then
		why="printed $plans plans"
	elif [ "$plan" -gt $n ]; then
		why="printed fewer results than its plan (status $rc)"
	elif [ "$plan" -lt $n ]; then
		why="printed more results than its plan"
	elif [ "$rc" = 1 ] && [ $notok = 0 ]; then
		why="exited with status 1 but reported no failure"
	elif [ "$rc" = 0 ] && [ $notok != 0 ]; then
		why="exited with status 0 after $notok failures"
	else
		return 0
	fi
	# A '#' would start a directive: the last result is quoted without.
	why+=" (plan ${plan:-none}, $n results, the last: \"${last//#/:}\")"
	# The program's own failure is reported if PVLINK_TEST selected any
	# of its results (it may have kept others from running).  It died (a signal, or status 1: a failed check, a sanitizer's
	# report): the code under test failed.  Anything else: the program
	# says it is broken (status 2) or lies about its results.
	[ $sel = 0 ] || TAP_FILTER=
	if [ "$rc" -gt 128 ] 2>/dev/null || [ "$rc" = 1 ]; then
		_tap_line not-ok "$name: $why"
	else
		_tap_line not-ok "$name: the test program is broken" "ERROR $why"
	fi
	return 1
}
