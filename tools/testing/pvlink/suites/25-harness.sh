#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2317 # the checks are functions tap_check runs
#
# Tests of the test harness itself: a harness that calls a broken run a
# pass hides every other failure.
#
# 0. run_tests.sh turns fixture suites (boot/testdata/suites/) into
#    exactly boot/testdata/run_tests.tap and exits non-zero: among them a
#    suite whose test program crashes (boot/testdata/crash_test.c, built
#    with lib/tap.h), one that prints fewer results than its plan, one
#    without a plan, one that bails out, one killed by a signal, ERROR
#    results; -l, -t and -g on the same fixtures, then on the real
#    suites as README.md and Documentation/testing.rst show them.
# 1. boot/ktap.py turns each console log in boot/testdata/ into exactly
#    the TAP next to it (nesting, SKIP, a kernel that died mid-suite, a
#    reboot loop, no KTAP, Bail out!, GRUB's escape sequences).
# 2. boot/run-env.sh judges every way a run can end, acted out by
#    boot/testdata/fake-qemu.sh: pass, kernel failure, hang (timeout),
#    reset without an exit, reboot loop, wrong module, QEMU's own error,
#    the console checks (log_must, log_once, log_must_not) and
#    the one-line summary (-s).
# 2c. boot/mkimage.py lays out images exactly as pvimage does, and its
#    tampered, truncated and foreign images are refused for the expected
#    reasons.
#    Under Xen (boot = xen) a QEMU status 0 is judged by Xen's console:
#    "Hardware Dom0 shutdown: rebooting machine" passes, "Hardware Dom0
#    crashed" fails, anything else (a Xen panic, a forged line) fails as
#    an ending without the kernel's exit.
# 3. Every environment with "expect = fail" (the real kernel faulting on
#    purpose) is judged a failure, through the kernel's own failure status
#    (isa-debug-exit 1, or under Xen SCHEDOP_shutdown crash), shows its
#    exception report, boots once and ends within seconds.
set -u
srctree=${srctree:-$(cd "$(dirname "$0")/../../../.." && pwd)}
objtree=${objtree:-$srctree}

t=$srctree/tools/testing/pvlink
boot=$t/boot
data=$boot/testdata
work=$objtree/tools/testing/pvlink/out/harness
mkdir -p "$work"

# How long a deliberate fault may take from QEMU start to QEMU exit.  It
# takes well under a second under TCG; the margin is for a loaded machine.
FAULT_SECONDS=10
# Xen reboots 5 s after its dom0 crashed (xen/common/shutdown.c,
# maybe_reboot()); a Xen boot itself takes about 2 s, and a dom0 that
# links, runs inits and undoes them (xen-pv-undo) took up to 23 s in all
# on a loaded machine.  Still well under any environment's timeout: a
# hang is caught.
XEN_CRASH_SECONDS=20

# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$t/lib/tap.sh"
check()	{ tap_check "$@"; }	# check NAME COMMAND...

# log_has RE LOG: a line of the console LOG matches RE, its \r dropped as
# run-env.sh drops it (a serial console ends lines with \r\n: RE's $
# would not match before the \r)
log_has()
{
	sed 's/\r//g' "$2" | grep -qaE -- "$1"
}

less_than()	# less_than A B: A is a number and A < B
{
	[[ $1 =~ ^[0-9]+$ ]] && [ "$1" -lt "$2" ]
}

# --- 0. the top-level runner --------------------------------------------
# run_tests.sh on fixture suites (boot/testdata/suites/): numbering, SKIP,
# ERROR, diagnostics, stderr, a suite dying without "not ok", a suite
# saying nothing, one that hangs (PVLINK_SUITE_TIMEOUT), one whose test
# program crashes, a plan not kept, a bail-out, the per-suite and final
# summaries, the lists of failures and errors, the exit status.  Timings
# vary: they become "N".
fixtures()	# fixtures ARGS...: run_tests.sh on the fixture suites
{
	PVLINK_SUITES=$data/suites PVLINK_SUITE_TIMEOUT=2 PVLINK_RESULTS=$work/results \
	PVLINK_CRASH_TEST=$work/crash_test "$t/run_tests.sh" "$@" 2>&1 |
		sed 's/ in [0-9]* s$/ in N s/'
	return "${PIPESTATUS[0]}"
}
# want_output NAME RC EXPECTED-FILE ARGS...: fixtures ARGS exits RC, says EXPECTED
want_output()
{
	local name=$1 want_rc=$2 want=$3 rc
	shift 3
	fixtures "$@" > "$work/fixtures.out"
	rc=$?
	if diff -u "$want" "$work/fixtures.out" > "$work/fixtures.diff" && [ $rc = "$want_rc" ]; then
		tap_ok "$name"
	else
		tap_fail "$name"
		tap_diag "run_tests.sh $* exited $rc (want $want_rc); expected output vs. actual:"
		tap_diag < "$work/fixtures.diff"
	fi
}
rm -rf "$work/results"
for cc in ${CC:-gcc} ${CLANG:-clang}; do
	check "harness: lib/tap.h and a test program on it build ($cc -Werror)" \
		"$cc" -std=gnu11 -Wall -Wextra -Werror -I"$t/lib" \
		-o "$work/crash_test" "$data/crash_test.c"
done
want_output "harness: run_tests.sh numbers, counts and summarises fixture suites" \
	1 "$data/run_tests.tap"
# The claim of issue 12, alone: a crashing host test fails the run and
# is named, with the last result it printed, in the summary above the
# last line.
crash='not ok [0-9]* - crash_test: killed by signal 11 (SEGV) (plan 4, 2 results, the last: "ok 2 - crash: just before the crash")'
check "harness: a crashing test program fails the run, named with its last result" \
	eval 'fixtures 50-crash > "$work/crash.out"; [ $? = 1 ] &&
	      grep -qx "#   $crash" "$work/crash.out" &&
	      tail -n 1 "$work/crash.out" | grep -qx "[0-9]* passed, [1-9][0-9]* failed, 0 skipped"'
want_output "harness: run_tests.sh -l lists the fixture suites, their groups and tests" \
	0 "$data/run_tests.list" -l
want_output "harness: run_tests.sh -t NAME runs the one test NAME (from the list)" \
	1 "$data/run_tests-t.tap" -t "it's false"
want_output "harness: run_tests.sh -t 'crash: *' selects a program's results and shows its crash" \
	1 "$data/run_tests-tglob.tap" -t 'crash: *'
fixtures -g mixed > "$work/group.out"
check "harness: run_tests.sh -g mixed runs the suites of group mixed, only them" \
	eval '[ "$(grep "^# === " "$work/group.out")" = "$(printf "# === 10-pass ===\n# === 80-error ===")" ]'
fixtures -t nosuch > "$work/nosuch.out"
rc=$?
check "harness: run_tests.sh -t with an unknown name is a usage error (status 2, got $rc)" \
	eval '[ $rc = 2 ] && grep -q "no suite or test named .nosuch." "$work/nosuch.out"'

# The commands README.md and Documentation/testing.rst show, on the real
# suites (their results kept apart from this run's).
real()		# real ARGS...: run_tests.sh on the real suites
{
	PVLINK_RESULTS=$work/results-real "$t/run_tests.sh" "$@" 2>&1
}
rm -rf "$work/results-real"
check "harness: every suite has its groups in suites/groups.cfg" \
	eval 'for s in "$t"/suites/[0-9]*.sh; do
		s=$(basename "$s" .sh)
		awk -v s="$s" '"'"'$1 == s && NF > 1 { f = 1 } END { exit !f }'"'"' \
			"$t/suites/groups.cfg" || { echo "no groups for $s"; exit 1; }
	done'
real -g docs > "$work/real-g.out"
check "harness: run_tests.sh -g docs runs suite 50-docs alone, and it passes" \
	eval '[ "$(grep "^# === " "$work/real-g.out")" = "# === 50-docs ===" ] &&
	      tail -n 1 "$work/real-g.out" | grep -qx "[1-9][0-9]* passed, 0 failed, 0 skipped"'
real -l > "$work/real-l.out"
check "harness: run_tests.sh -l lists every suite, and the tests of the one that ran" \
	eval '[ "$(grep -c "^[0-9]" "$work/real-l.out")" = "$(ls "$t"/suites/[0-9]*.sh | wc -l)" ] &&
	      grep -qx "50-docs \[docs\]" "$work/real-l.out" &&
	      grep -qx "  docs: testing.rst is in the index" "$work/real-l.out" &&
	      grep -A1 -x "10-core \[host linker\]" "$work/real-l.out" |
		grep -qx "  (its tests are listed once it has run)"'
check "harness: run_tests.sh -l lists every environment of run-env.sh --list" \
	eval '"$boot/run-env.sh" --list | sed "s/^/  /" > "$work/real-envs.want" &&
	      [ -s "$work/real-envs.want" ] &&
	      sed -n "/^environments /,\$p" "$work/real-l.out" | tail -n +2 |
		diff -u "$work/real-envs.want" -'
# Every environment has a name (issue 12): the generated ones
# (boot/gen-envs.sh) are listed, one of each kind, in their groups, and
# none in group boot, which suite 20 boots.
"$boot/run-env.sh" --list > "$work/envs-all.out" 2>&1
"$boot/run-env.sh" --list -g boot > "$work/envs-boot.out" 2>&1
"$boot/run-env.sh" --list -g nr-cpus > "$work/envs-nrcpus.out" 2>&1
check "harness: run-env.sh --list lists the generated environments, one of each kind" \
	eval 'for e in corrupt-hdr-magic boot-no-pvops inline-dup early-pvop undo-noexit \
			no-pvlink nrcpus2-xen-pv-smp4; do
		grep -qx -- "$e" "$work/envs-all.out" || { echo "$e is not listed"; exit 1; }
	done'
check "harness: run-env.sh --list -g boot lists no generated environment" \
	eval '! grep -E "^(corrupt|boot|inline|undo|no-pvlink|nrcpus2)-|^early-pvop$|^no-pvlink$" "$work/envs-boot.out"'
check "harness: run-env.sh --list -g nr-cpus lists nrcpus2-tcg-smp4 and nrcpus2-xen-pv-smp4" \
	eval '[ "$(cat "$work/envs-nrcpus.out")" = "$(printf "nrcpus2-tcg-smp4\nnrcpus2-xen-pv-smp4")" ]'
real -t 'docs: testing.rst is in the index' > "$work/real-t.out"
check "harness: run_tests.sh -t 'docs: testing.rst is in the index' reruns that test alone" \
	eval 'grep -q "^ok 1 - docs: testing.rst is in the index$" "$work/real-t.out" &&
	      tail -n 1 "$work/real-t.out" | grep -qx "1 passed, 0 failed, 0 skipped"'
real -t 'docs: testing.rst is in the index' docs > "$work/real-ts.out"
check "harness: run_tests.sh -t NAME docs finds it in the suite named" \
	eval 'tail -n 1 "$work/real-ts.out" | grep -qx "1 passed, 0 failed, 0 skipped"'

# --- 1. the KTAP parser ---------------------------------------------------
for log in "$data"/*.log; do
	name=$(basename "$log" .log)
	/usr/bin/python3 "$boot/ktap.py" t "$log" > "$work/ktap-$name.out"
	rc=$?
	want_rc=0
	grep -q '^not ok' "$data/$name.tap" && want_rc=1
	if diff -u "$data/$name.tap" "$work/ktap-$name.out" > "$work/ktap-$name.diff" &&
	   [ $rc = $want_rc ]; then
		tap_ok "harness: ktap.py reads testdata/$name.log"
	else
		tap_fail "harness: ktap.py reads testdata/$name.log"
		echo "# ktap.py exited $rc (want $want_rc); expected output vs. actual:"
		sed 's/^/# /' "$work/ktap-$name.diff"
	fi
done

# --- 2. the runner's verdicts ----------------------------------------------
# fake ENV, expected runner status, a line its output must contain, and a
# diagnostic that must follow somewhere (the reason given to a person).
verdicts=(
	"fake-pass|0|ok - fake-pass: exit status|"
	"fake-pass|0|ok - fake-pass: module matches|"
	"fake-fail|1|not ok - fake-fail: exit status|the kernel reported failure"
	"fake-fail|1|not ok - fake-fail: fake: works|"
	"fake-hang|1|not ok - fake-hang: exit status|timed out after 1 s"
	"fake-reset|1|not ok - fake-reset: exit status|without the kernel reaching isa-debug-exit"
	"fake-loop|1|not ok - fake-loop: booted|appeared 2 times"
	"fake-badmodule|1|not ok - fake-badmodule: module matches|kernel says size=4096"
	"fake-badtail|1|not ok - fake-badtail: module matches|kernel says tail=00000000000000000000000000000000"
	"fake-qemu-error|1|not ok - fake-qemu-error: exit status|QEMU failed"
	"fake-kvm|0|ok - fake-kvm # SKIP a trial KVM guest failed to start (QEMU exit 2: fake-qemu: no fake=WHAT on the command line)|"
	"fake-log-pass|0|ok - fake-log-pass: log shows /^fake: hello$/|"
	"fake-log-pass|0|ok - fake-log-pass: log shows /^fake: w.rld$/ exactly once|"
	"fake-log-pass|0|ok - fake-log-pass: log does not show /^fake: goodbye/|"
	"fake-log-fail|1|not ok - fake-log-fail: log shows /^fake: goodbye$/|no console line matches"
	"fake-log-fail|1|not ok - fake-log-fail: log shows /^fake: [hw][eo][lr]l[do]$/ exactly once|2 lines match, the first: fake: hello"
	"fake-log-fail|1|not ok - fake-log-fail: log does not show /^fake: hello/|1 lines match"
	"fake-xen-reboot|0|ok - fake-xen-reboot: exit status|"
	"fake-xen-crash|1|not ok - fake-xen-crash: exit status|the kernel reported failure (SCHEDOP_shutdown crash: Xen says \"Hardware Dom0 crashed\")"
	"fake-xen-panic|1|not ok - fake-xen-panic: exit status|Xen's console has no \"Hardware Dom0 shutdown: rebooting machine\""
	"fake-xen-forged|1|not ok - fake-xen-forged: exit status|Xen's console has no \"Hardware Dom0 shutdown: rebooting machine\""
	"fake-xen-debug-exit|0|ok - fake-xen-debug-exit: exit status|"
	"fake-reset-xenline|1|not ok - fake-reset-xenline: exit status|without the kernel reaching isa-debug-exit"
	"-s fake-pass|0|ok - fake-pass|"
	"-s fake-kvm|0|ok - fake-kvm # SKIP a trial KVM guest failed to start (QEMU exit 2: fake-qemu: no fake=WHAT on the command line)|"
	"-s fake-log-fail|1|not ok - fake-log-fail|not ok - fake-log-fail: log does not show"
)
# The derived modules need the build's image and pvimage.
if [ -f "$objtree/pvlink.img" ] && [ -x "$objtree/scripts/pvimage/pvimage" ]; then
	verdicts+=(
		"fake-tampered|0|ok - fake-tampered: module matches|tampered: flipped bit 0 of byte"
		"fake-foreign|0|ok - fake-foreign: module matches|rebuilt with section .comment.pvlink_foreign"
	)
else
	tap_skip "harness: run-env.sh makes tampered and foreign modules" "no pvlink.img or pvimage in $objtree"
fi
: > "$work/vmlinux-dummy"
: > "$work/xen-dummy"
declare -A ran
for v in "${verdicts[@]}"; do
	IFS='|' read -r env want_rc want_line want_diag <<< "$v"
	out=$work/run-${env// /}.out
	if [ -z "${ran[$env]:-}" ]; then
		# shellcheck disable=SC2086 # "-s ENV": an option and a name
		VMLINUX=$work/vmlinux-dummy XEN=$work/xen-dummy \
		QEMU=$data/fake-qemu.sh PVLINK_LOGDIR=$work/logs \
			"$boot/run-env.sh" -c "$data/fake.cfg" $env > "$out" 2>&1
		ran[$env]=$?
	fi
	# A '#' in a TAP description starts a directive: say SKIP without it.
	name="harness: run-env.sh on $env says '${want_line/\# SKIP/SKIP:}'"
	[ -n "$want_diag" ] && name+=" ($want_diag)"
	if [ "${ran[$env]}" = "$want_rc" ] && grep -qxF -- "$want_line" "$out" &&
	   { [ -z "$want_diag" ] || grep -qF -- "$want_diag" "$out"; }; then
		tap_ok "$name"
	else
		tap_fail "$name"
		echo "# run-env.sh exited ${ran[$env]} (want $want_rc); its output:"
		sed 's/^/#   /' "$out"
	fi
done

# How each run ended, as the .status file records it for other suites.
endings=(
	"fake-pass|pass" "fake-fail|fail" "fake-hang|timeout" "fake-reset|reset"
	"fake-qemu-error|qemu-error" "fake-xen-reboot|pass" "fake-xen-crash|fail"
	"fake-xen-panic|reset" "fake-xen-debug-exit|pass"
)
for e in "${endings[@]}"; do
	IFS='|' read -r env want <<< "$e"
	got=$(sed -n 's/.* end=\([a-z-]*\) .*/\1/p' "$work/logs/$env.status" 2>/dev/null)
	check "harness: run-env.sh records $env as end=$want (got ${got:-nothing})" \
		[ "$got" = "$want" ]
done

# --- 2b. why KVM is unusable -----------------------------------------------
# Each step of boot/kvm-probe.sh gives its own reason for the SKIP line.
: > "$work/not-a-device"
probes=(
	"$work/nonexistent|$work/nonexistent does not exist (no KVM on this host, or the kvm module is not loaded)"
	"$work/not-a-device|$work/not-a-device is not a character device"
	"/dev/null|a trial KVM guest failed to start (QEMU exit 1)"
)
for p in "${probes[@]}"; do
	IFS='|' read -r dev want <<< "$p"
	got=$(KVM_DEV=$dev QEMU=false "$boot/kvm-probe.sh" "$work")
	rc=$?
	if [ $rc = 1 ] && [ "$got" = "$want" ]; then
		tap_ok "harness: kvm-probe.sh says: $want"
	else
		tap_fail "harness: kvm-probe.sh says: $want"
		echo "# it exited $rc and said: $got"
	fi
done

# --- 2c. the images the boot tests make -----------------------------------
# boot/mkimage.py writes images without pvimage (the corrupt-image suite
# wraps objects pvimage refuses).  Its writer must lay out exactly what
# pvimage lays out, and the tampered and foreign images must be refused
# by pvimage for the reason the boot test expects from the kernel.
img=$objtree/pvlink.img
pvimage=$objtree/scripts/pvimage/pvimage
mk=$boot/mkimage.py
if [ ! -f "$img" ] || [ ! -x "$pvimage" ]; then
	tap_skip "harness: mkimage.py" "no pvlink.img or pvimage in $objtree (CONFIG_PVLINK=n?)"
else
	/usr/bin/python3 "$mk" repack "$img" "$work/repack.img" > "$work/mkimage.out" 2>&1
	check "harness: mkimage.py writes pvlink.img byte for byte as pvimage did" \
		cmp -s "$img" "$work/repack.img"
	/usr/bin/python3 "$mk" tamper "$img" "$work/tampered.img" >> "$work/mkimage.out" 2>&1
	"$pvimage" list "$work/tampered.img" > "$work/tampered.out" 2>&1
	rc=$?
	check "harness: a tampered image is refused by its digest (pvimage list exits $rc)" \
		grep -q 'SHA-256 of the object does not match' "$work/tampered.out"
	/usr/bin/python3 "$mk" truncate "$img" "$work/truncated.img" >> "$work/mkimage.out" 2>&1
	"$pvimage" list "$work/truncated.img" > "$work/truncated.out" 2>&1
	rc=$?
	check "harness: a truncated image is refused: its last member runs past the end (pvimage list exits $rc)" \
		grep -q 'run past the end of the image' "$work/truncated.out"
	/usr/bin/python3 "$mk" foreign "$img" "$work/foreign.img" "$pvimage" "$work/foreign" \
		>> "$work/mkimage.out" 2>&1
	"$pvimage" list "$work/foreign.img" > "$work/foreign.out" 2>&1
	check "harness: a foreign image is well formed (pvimage list)" [ $? = 0 ]
	"$pvimage" verify --kernel "$objtree/vmlinux" "$work/foreign.img" > "$work/foreign.out" 2>&1
	check "harness: a foreign image is not bound to the kernel (pvimage verify)" \
		grep -q "is not bound to this kernel" "$work/foreign.out"
	sed 's/^/# /' "$work/mkimage.out"
fi

# --- 3. the real kernel, failing on purpose --------------------------------
# shellcheck source=tools/testing/pvlink/boot/envcfg.sh
. "$boot/envcfg.sh"
declare -A env
fail_envs=$("$boot/run-env.sh" --list -g harness -e fail) || {
	tap_error "harness: read environments.cfg" "run-env.sh --list -g harness -e fail failed"
	tap_done
}
for name in $fail_envs; do
	cfg_load "$t/environments.cfg" "$name" || tap_bail "cannot read $name in environments.cfg"
	out=$work/run-$name.out
	"$boot/run-env.sh" "$name" > "$out" 2>&1
	rc=$?
	logdir=$objtree/tools/testing/pvlink/logs
	status=$(cat "$logdir/$name.status" 2>/dev/null)
	qrc=$(echo "$status" | sed -n 's/.*rc=\([0-9]*\).*/\1/p')
	ending=$(echo "$status" | sed -n 's/.* end=\([a-z-]*\).*/\1/p')
	ms=$(echo "$status" | sed -n 's/.*elapsed_ms=\([0-9]*\).*/\1/p')
	banners=$(echo "$status" | sed -n 's/.*banners=\([0-9]*\).*/\1/p')

	limit=$FAULT_SECONDS
	how="QEMU status 3"
	if [ "${env[boot]}" = xen ]; then
		limit=$((FAULT_SECONDS + XEN_CRASH_SECONDS))
		how="QEMU status 3, or Xen's \"Hardware Dom0 crashed\""
	fi
	check "harness: $name is judged a failure" [ $rc != 0 ]
	check "harness: $name ends through the kernel's failure status ($how; got status ${qrc:-none}, end=${ending:-none})" \
		[ "${ending:-none}" = fail ]
	check "harness: $name prints its exception report (/${env[expect_log]}/)" \
		log_has "${env[expect_log]}" "$logdir/$name.log"
	check "harness: $name boots once, no reboot loop (banners: ${banners:-none})" \
		[ "${banners:-0}" = 1 ]
	check "harness: $name ends within $limit s (took ${ms:-?} ms)" \
		less_than "$ms" $((limit * 1000))
	if [ $rc = 0 ] || [ "${ending:-none}" != fail ] || [ "${banners:-0}" != 1 ]; then
		echo "# run-env.sh $name said:"
		sed 's/^/#   /' "$out"
	fi
done
tap_done
