#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2317 # the checks are functions tap_check and tap_relay_run run
#
# Suite 26: the kernel without pvlink.
#
# CONFIG_PVLINK=n is the native-only flavour (the one the brief compares
# resident size and pv-op cost against): no linker, no site table, the
# built-in native pv-ops from the start.  It must keep building and
# booting as the tree changes.  This suite builds it (boot/gen-envs.sh
# kernel nopvlink, into $objtree/tools/testing/pvlink/out/kernel-nopvlink)
# and boots the environments of group no-pvlink (boot/gen-envs.sh): on one
# CPU, and on two with pvlink.img passed (which it must ignore).
#
# Prints TAP (lib/tap.sh); the plan follows the last result.
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
objtree=${objtree:-$srctree}
export srctree objtree
CC=${CC:-gcc}
t=$srctree/tools/testing/pvlink
work=$objtree/tools/testing/pvlink/out/no-pvlink
kernel=$objtree/tools/testing/pvlink/out/kernel-nopvlink
mkdir -p "$work"
export PVLINK_LOGDIR=$work/logs
# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$t/lib/tap.sh"

# The build is needed by every boot: it runs whatever PVLINK_TEST selects.
# A failure is shown whatever it selects: what it selected cannot run.
if CC=$CC "$t/boot/gen-envs.sh" kernel nopvlink > "$work/build.log" 2>&1; then
	tap_ok "no-pvlink: build a kernel with CONFIG_PVLINK=n ($CC)"
else
	TAP_FILTER=
	tap_fail "no-pvlink: build a kernel with CONFIG_PVLINK=n ($CC)"
	tail -n 25 "$work/build.log" | tap_diag
	tap_done
fi
no_linker()
{
	if nm "$kernel/vmlinux" | grep -w 'pvlink_plan'; then
		echo "pvlink_plan is in $kernel/vmlinux"
		return 1
	fi
}
tap_check "no-pvlink: the kernel holds no linker" no_linker

if ! all=$("$t/boot/run-env.sh" --list -g no-pvlink 2>&1) || [ -z "$all" ]; then
	tap_error "no-pvlink: list the environments" "run-env.sh --list -g no-pvlink: ${all:-none}"
	tap_done
fi
envs=()
for e in $all; do
	tap_prefix_selected "no-pvlink: $e" && envs+=("$e")
done
boots()
{
	"$t/boot/run-env.sh" -s "${envs[@]}" | sed -u 's/^\(ok\|not ok\) - /&no-pvlink: /'
	return "${PIPESTATUS[0]}"
}
[ ${#envs[@]} = 0 ] || tap_relay_run "no-pvlink: run-env.sh" boots
tap_done
