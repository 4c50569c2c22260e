#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build a variant of the kernel for a test: defconfig plus some options.
#
# Usage: build-kernel.sh OUTDIR OPTION... [-- MAKE-ARG...]
#	OPTION is CONFIG_FOO=y (or any value) to set it, or CONFIG_FOO=n
#	to unset it; each must hold in the final .config (olddefconfig may
#	not drop it, e.g. for an unmet dependency).  MAKE-ARGs go to the
#	last make (default: vmlinux).
#
# Environment: srctree (the source tree), CC.  Used by the suites that
# boot a second kernel (21-boot-corrupt: CONFIG_PVLINK_TESTING=y;
# 26-no-pvlink: CONFIG_PVLINK=n).
set -eu
out=$1
shift
opts=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do
	opts+=("$1")
	shift
done
[ $# -gt 0 ] && shift
targets=("${@:-vmlinux}")
srctree=${srctree:-$(cd "$(dirname "$0")/../../../.." && pwd)}
m() { make -C "$srctree" O="$out" CC="${CC:-gcc}" "$@"; }

m defconfig
for o in "${opts[@]}"; do
	name=${o%%=*}
	sed -i "/^$name=/d; /^# $name is not set/d" "$out/.config"
	case ${o#*=} in
	n) echo "# $name is not set" ;;
	*) echo "$o" ;;
	esac >> "$out/.config"
done
m olddefconfig
for o in "${opts[@]}"; do
	name=${o%%=*}
	case ${o#*=} in
	n) ! grep -q "^$name=" "$out/.config" ;;
	*) grep -qx "$o" "$out/.config" ;;
	esac || { echo "build-kernel.sh: $o did not hold after olddefconfig" >&2; exit 1; }
done
m -j2 "${targets[@]}"
