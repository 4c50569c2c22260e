#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2317 # the checks are functions tap_check and tap_relay_run run
#
# Suite 27: more CPUs than the kernel was built for.
#
# A kernel built with CONFIG_NR_CPUS=2 on a machine with 4 CPUs (QEMU
# -smp 4, and a Xen PV dom0 with 4 vCPUs) must boot on the 2 it has
# areas for, say how many it left out, and pass every self-test.  This
# suite builds that kernel and its image (boot/gen-envs.sh kernel
# nrcpus2, into $objtree/tools/testing/pvlink/out/kernel-nrcpus2) and
# boots the environments of group nr-cpus (boot/gen-envs.sh).
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
work=$objtree/tools/testing/pvlink/out/nr-cpus
mkdir -p "$work"
export PVLINK_LOGDIR=$work/logs
# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$t/lib/tap.sh"

# The build is needed by every boot: it runs whatever PVLINK_TEST selects,
# and its failure is shown whatever it selects.
if CC=$CC "$t/boot/gen-envs.sh" kernel nrcpus2 > "$work/build.log" 2>&1; then
	tap_ok "nr-cpus: build a kernel with CONFIG_NR_CPUS=2 ($CC)"
else
	TAP_FILTER=
	tap_fail "nr-cpus: build a kernel with CONFIG_NR_CPUS=2 ($CC)"
	tail -n 25 "$work/build.log" | tap_diag
	tap_done
fi

if ! all=$("$t/boot/run-env.sh" --list -g nr-cpus 2>&1) || [ -z "$all" ]; then
	tap_error "nr-cpus: list the environments" "run-env.sh --list -g nr-cpus: ${all:-none}"
	tap_done
fi
envs=()
for e in $all; do
	tap_prefix_selected "nr-cpus: $e: " && envs+=("$e")
done
boots()
{
	"$t/boot/run-env.sh" "${envs[@]}" | sed -u 's/^\(ok\|not ok\) - /&nr-cpus: /'
	return "${PIPESTATUS[0]}"
}
[ ${#envs[@]} = 0 ] || tap_relay_run "nr-cpus: run-env.sh" boots
tap_done
