#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the reference kernel in every environment of group "boot" that is
# expected to pass (tools/testing/pvlink/environments.cfg), one after the
# other: the machine has two cores and TCG is single-threaded per vCPU.
#
# PVLINK_ENVS="tcg kvm" narrows the set (e.g. make check PVLINK_ENVS=tcg);
# so does PVLINK_TEST (run_tests.sh -t 'tcg-smp2: *' boots tcg-smp2
# alone).  Prints TAP (lib/tap.sh); the plan follows the last result.
set -u
srctree=${srctree:-$(cd "$(dirname "$0")/../../../.." && pwd)}
objtree=${objtree:-$srctree}
export srctree objtree

boot=$srctree/tools/testing/pvlink/boot
# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$srctree/tools/testing/pvlink/lib/tap.sh"

if [ -n "${PVLINK_ENVS:-}" ]; then
	all=$PVLINK_ENVS
elif ! all=$("$boot/run-env.sh" --list -g boot -e pass 2>&1); then
	tap_error "boot: list the environments" "run-env.sh --list failed: $all"
	tap_done
fi
# Only those whose results ("ENV: ...", or "ENV # SKIP") PVLINK_TEST may name.
envs=()
for e in $all; do
	tap_prefix_selected "$e: " && envs+=("$e")
done
[ ${#envs[@]} = 0 ] || tap_relay_run "boot: run-env.sh" "$boot/run-env.sh" "${envs[@]}"
tap_done
