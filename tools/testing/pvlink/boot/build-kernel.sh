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
# Environment: srctree (the source tree), CC.  Used by boot/gen-envs.sh
# for the kernel variants its environments boot (CONFIG_PVLINK_TESTING=y,
# CONFIG_PVLINK=n, CONFIG_NR_CPUS=2).
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

# The configuration is made in a scratch tree and replaces $out/.config
# only when it differs: a .config rewritten with the same contents would
# regenerate the configuration headers and rebuild the whole kernel, and
# the suites ask for their variant again each time they boot it.
cfg=$out/.config-new
rm -rf "$cfg"
mkdir -p "$cfg"
make -C "$srctree" O="$cfg" CC="${CC:-gcc}" defconfig
for o in "${opts[@]}"; do
	name=${o%%=*}
	sed -i "/^$name=/d; /^# $name is not set/d" "$cfg/.config"
	case ${o#*=} in
	n) echo "# $name is not set" ;;
	*) echo "$o" ;;
	esac >> "$cfg/.config"
done
make -C "$srctree" O="$cfg" CC="${CC:-gcc}" olddefconfig
for o in "${opts[@]}"; do
	name=${o%%=*}
	case ${o#*=} in
	n) ! grep -q "^$name=" "$cfg/.config" ;;
	*) grep -qx "$o" "$cfg/.config" ;;
	esac || { echo "build-kernel.sh: $o did not hold after olddefconfig" >&2; exit 1; }
done
cmp -s "$cfg/.config" "$out/.config" || cp "$cfg/.config" "$out/.config"
rm -rf "$cfg"
m -j2 "${targets[@]}"
