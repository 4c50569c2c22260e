#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2317 # boots is a function tap_relay_run runs
#
# Suite 21: every malformed object of the linker-core corpus, at boot.
#
# The kernel accepts only backends built with it, so a corpus object can
# only reach the linker's own validation in a kernel built with
# CONFIG_PVLINK_TESTING=y and booted with "pvlink.unbound".  This suite
# builds that second kernel in $objtree/tools/testing/pvlink/out/
# kernel-testing (defconfig plus the option, reusing the pvimage of the
# main build), wraps each corpus case as the backend of an image
# (boot/mkcorrupt.py), boots it with "pvlink.unbound pvlink=<backend>"
# and expects a clean fallback to the built-in native pv-ops: the boot
# passes its self-tests and prints "pvlink: not linked: ..." with the
# case's error.  One TAP line per case (run-env.sh -s).  Three more
# backends test what only a boot can refuse (boot/testdata/bootcase.c):
# percpu data over the kernel's reserve, a bss larger than the guest's
# memory, and a stack that defines no pv-op.  Then pvlink.early_pvop: a
# pv-op called before the link must stop the kernel, naming it.
#
# PVLINK_CORRUPT_CASES="hdr-magic sym-tls" boots only those cases.
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
objtree=${objtree:-$srctree}
export srctree objtree
CC=${CC:-gcc}
t=$srctree/tools/testing/pvlink
work=$objtree/tools/testing/pvlink/out/corrupt
kernel=$objtree/tools/testing/pvlink/out/kernel-testing
envdir=$objtree/tools/testing/pvlink/out/envs
pvimage=$objtree/scripts/pvimage/pvimage
runenv=$t/boot/run-env.sh
mkdir -p "$work"
export PVLINK_LOGDIR=$work/logs PVLINK_ENVDIR=$envdir
# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$t/lib/tap.sh"
# shellcheck source=tools/testing/pvlink/boot/envcfg.sh
. "$t/boot/envcfg.sh"
declare -A env

skip_all()	# skip_all REASON
{
	tap_skip "boot-corrupt: malformed images at boot" "$1"
	tap_done
}

if ! grep -rqs --include='Kconfig*' '^config PVLINK_TESTING$' "$srctree"; then
	skip_all "no CONFIG_PVLINK_TESTING in Kconfig: this kernel cannot boot an image that is not bound to it"
fi
if [ ! -x "$pvimage" ]; then
	skip_all "$pvimage was not built (CONFIG_PVLINK=n?)"
fi

# --- the testing kernel -----------------------------------------------------
# Every boot needs it: it is built whatever PVLINK_TEST selects, and its
# failure is shown whatever that selects.
if CC=$CC "$t/boot/gen-envs.sh" kernel testing > "$work/build.log" 2>&1; then
	tap_ok "boot-corrupt: build a kernel with CONFIG_PVLINK_TESTING=y ($CC)"
else
	TAP_FILTER=
	tap_fail "boot-corrupt: build a kernel with CONFIG_PVLINK_TESTING=y ($CC)"
	tail -n 25 "$work/build.log" | tap_diag
	tap_done
fi
if ! grep -aqF 'pvlink.unbound' "$kernel/vmlinux"; then
	skip_all "the CONFIG_PVLINK_TESTING=y kernel does not know pvlink.unbound"
fi

# listed ENV...: the environments of run-env.sh --list ARGS whose results
# ("boot-corrupt: ENV: ...", "boot-corrupt: verify: ENV: ...") PVLINK_TEST
# can name, into the array "envs"
listed()
{
	local all e
	envs=()
	if ! all=$("$runenv" --list "$@" 2>&1) || [ -z "$all" ]; then
		tap_error "boot-corrupt: list the environments ($*)" "run-env.sh --list $*: ${all:-none}"
		return 1
	fi
	for e in $all; do
		tap_prefix_selected "boot-corrupt: $e: " ||
			tap_prefix_selected "boot-corrupt: verify: $e: " || continue
		if [ -n "${PVLINK_CORRUPT_CASES:-}" ] && [[ $e == corrupt-* ]] &&
		   [[ " $PVLINK_CORRUPT_CASES " != *" ${e#corrupt-} "* ]]; then
			continue
		fi
		envs+=("$e")
	done
}

boots()		# boots RUN-ENV-ARG...: run-env.sh, its results named for this suite
{
	"$runenv" "$@" | sed -u 's/^\(ok\|not ok\) - /&boot-corrupt: /'
	return "${PIPESTATUS[0]}"
}

# --- the corpus cases a boot cannot reproduce ----------------------------------
if /usr/bin/python3 "$t/boot/mkcorrupt.py" --list --expected "$t/corpus/expected.list" \
		> "$work/list.out" 2>&1; then
	while IFS=$'\t' read -r kind name text; do
		[ "$kind" = skip ] || continue
		[ -z "${PVLINK_CORRUPT_CASES:-}" ] || [[ " $PVLINK_CORRUPT_CASES " == *" $name "* ]] ||
			continue
		tap_skip "boot-corrupt: $name" "$text"
	done < "$work/list.out"
else
	tap_error "boot-corrupt: list the corpus cases" "mkcorrupt.py --list failed: $(head -n 3 "$work/list.out")"
fi

# --- the refused images ------------------------------------------------------------
start=$SECONDS
if listed -g corrupt && [ ${#envs[@]} -gt 0 ]; then
	tap_relay_run "boot-corrupt: run-env.sh -s" boots -s "${envs[@]}"
	tap_diag "boot-corrupt: ${#envs[@]} boots in $((SECONDS - start)) s; logs in $work/logs"
fi

# --- the same images through pvimage verify ---------------------------------------
# "pvimage verify" applies the boot's rules through the same library code
# (Documentation/pvimage.rst): every image the boot refuses, verify must
# refuse too, in the same words (the pattern the boot's log is held to).
# --unbound stands for the pvlink.unbound the boots use.  Only the guest's
# memory is beyond it: the one case that needs it is a boot's alone.
for e in "${envs[@]}"; do
	case $e in
	corrupt-*|boot-*) ;;
	*) continue ;;
	esac
	if ! cfg_load "$envdir/$e.cfg" "$e" 2> "$work/verify.err"; then
		tap_error "boot-corrupt: verify: $e: prepared" "$(head -n 1 "$work/verify.err")"
		continue
	fi
	name="boot-corrupt: verify: $e: ${env[title]%, falls back to native}, as the boot"
	if [ "$e" = boot-bss-over-memory ]; then
		tap_skip "$name" "only a boot knows the guest's memory"
		continue
	fi
	tap_selected "$name" || continue
	# The refusal's words, after "not linked: " or (an image holding
	# native, the next candidate) "passed over: "
	want=$(sed -n -e 's/^log_once.\^pvlink: not linked: //p' \
		-e 's/^log_once.\^pvlink: (not linked: |linked native from \.\*; passed over: )//p' \
		<<< "${env[log_checks]}")
	"$pvimage" verify --kernel "$kernel/vmlinux" --unbound "${env[module]}" \
		> /dev/null 2> "$work/verify.err"
	rc=$?
	if [ -n "$want" ] && [ $rc = 1 ] && grep -qE -- "$want" "$work/verify.err"; then
		tap_ok "$name"
	else
		tap_fail "$name"
		tap_diag "want exit 1 and a problem matching: ${want:-(none in its section)}; got exit $rc:"
		head -n 5 "$work/verify.err" | sed 's/^/#   /'
	fi
done

# --- a pv-op before the link ------------------------------------------------------
# The testing kernel's pvlink.early_pvop calls pv_io_delay() before
# pvlink_boot(): the kernel must stop at once with a panic naming the
# pv-op and end the run as a failure, not run on or reboot in a loop.
early="boot-corrupt: pvlink.early_pvop"
if ! grep -aqF 'pvlink.early_pvop' "$kernel/vmlinux"; then
	tap_skip "$early" "the CONFIG_PVLINK_TESTING=y kernel has no pvlink.early_pvop"
elif tap_prefix_selected "$early: "; then
	rm -f "$PVLINK_LOGDIR/early-pvop.status"
	"$runenv" early-pvop > "$work/early.out" 2>&1
	status=$(cat "$PVLINK_LOGDIR/early-pvop.status" 2>/dev/null)
	if grep -q '^not ok - early-pvop: prepared # ERROR' "$work/early.out"; then
		tap_error "$early: prepared" "$(grep -m 1 '^not ok - early-pvop: prepared # ERROR' "$work/early.out")"
		tap_diag < "$work/early.out"
	else
		if [[ $status == "rc=3 "*" banners=1" ]]; then
			tap_ok "$early: a pv-op before the link stops the kernel as a failure, once"
		else
			tap_fail "$early: a pv-op before the link stops the kernel as a failure, once"
			tap_diag "want QEMU status 3 (the kernel's failure exit) and one banner; got: ${status:-no status}"
			sed 's/^/#   /' "$work/early.out"
		fi
		if grep -q '^ok - early-pvop: log shows' "$work/early.out"; then
			tap_ok "$early: the panic names the pv-op (io_delay)"
		else
			tap_fail "$early: the panic names the pv-op (io_delay)"
			grep -A3 '^not ok - early-pvop: log' "$work/early.out" | tap_diag
		fi
	fi
fi

# --- inits undone -----------------------------------------------------------------
# pvlink.test_refuse_after_init (a testing kernel) refuses the stack after
# every init succeeded.  The test backend has an exit: it must run, and
# the stack's pages go back.  A backend whose init has no exit cannot be
# undone: its stack's pages must stay reserved, never freed.
if ! grep -aqF 'pvlink.test_refuse_after_init' "$kernel/vmlinux"; then
	tap_fail "boot-corrupt: inits undone: the testing kernel knows pvlink.test_refuse_after_init"
elif listed -g undo && [ ${#envs[@]} -gt 0 ]; then
	tap_relay_run "boot-corrupt: run-env.sh (undo)" boots "${envs[@]}"
fi
tap_done
