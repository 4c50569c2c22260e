#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the reference kernel in every environment of group "boot" that is
# expected to pass (tools/testing/pvlink/environments.cfg), one after the
# other: the machine has two cores and TCG is single-threaded per vCPU.
#
# PVLINK_ENVS="tcg kvm" narrows the set (e.g. make check PVLINK_ENVS=tcg).
set -u
srctree=${srctree:-$(cd "$(dirname "$0")/../../../.." && pwd)}
objtree=${objtree:-$srctree}

boot=$srctree/tools/testing/pvlink/boot
envs=${PVLINK_ENVS:-$("$boot/run-env.sh" --list -g boot -e pass)} || exit 1
# shellcheck disable=SC2086 # one word per environment
"$boot/run-env.sh" $envs
