#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Suite 45: the offline link equals the boot-time link (issue 4).
#
# pvimage compiles the same linker core as the kernel; this proves that
# it also produces the same bytes.  For the stacks native (pvlink=native:
# under QEMU's default vmport the rules pick native+vmware), native+vmware
# (the rules' choice) and native+test (pvlink=test), boot with
# pvlink.debug, which prints every non-empty region the kernel linked:
#   pvlink: region <name> addr 0x<hex> size <decimal> sha256 <hex>
# then run "pvimage link --kernel vmlinux --backend <top>" so that it
# places every region at the kernel's address, and check each region's
# size and SHA-256 against pvimage's output (boot/linkequal.py).
#
# The kernel puts each region on pages of its own (their protections
# differ), which one --addr cannot reproduce (pvimage places regions one
# after the other): each region is placed with --region NAME=ADDR.
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
objtree=${objtree:-$srctree}
t=$srctree/tools/testing/pvlink
work=$objtree/tools/testing/pvlink/out/equal
pvimage=$objtree/scripts/pvimage/pvimage
image=$objtree/pvlink.img
vmlinux=$objtree/vmlinux
mkdir -p "$work"
# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$srctree/tools/testing/pvlink/lib/tap.sh"

if [ ! -f "$image" ] || [ ! -x "$pvimage" ]; then
	tap_skip "link-equal" "no pvlink.img or pvimage in $objtree (CONFIG_PVLINK=n?)"
	tap_done
fi

# label, top backend of the stack, extra command line
stacks=("native|native|pvlink=native" "native+vmware|vmware|" "native+test|test|pvlink=test")

cfg=$work/equal.cfg
: > "$cfg"
for s in "${stacks[@]}"; do
	IFS='|' read -r label top extra <<< "$s"
	env=equal-${label//+/-}
	cat >> "$cfg" <<-EOF
	[$env]
	append = console=ttyS0 pvlink.debug $extra
	module = $image
	timeout = 30
	log_once = ^pvlink: linked ${label//+/\\+} from
	log_must = ^pvlink: region text addr 0x

	EOF
done

for s in "${stacks[@]}"; do
	IFS='|' read -r label top extra <<< "$s"
	env=equal-${label//+/-}
	log=$work/logs/$env.log
	PVLINK_LOGDIR=$work/logs "$t/boot/run-env.sh" -s -c "$cfg" "$env" > "$work/$env.out" 2>&1
	tap_relay < <(sed "s/^\(ok\|not ok\) - $env/\1 - link-equal: $label: boot with pvlink.debug/" "$work/$env.out")
	# A failed self-test is reported above; the regions are still
	# worth comparing if the kernel printed them.
	if ! regions=$(/usr/bin/python3 "$t/boot/linkequal.py" regions "$log"); then
		tap_fail "link-equal: $label: the kernel printed its regions (\"pvlink: region ...\" lines in $log)"
		continue
	fi
	text=$(awk '$1 == "text" { print $2 }' <<< "$regions")
	if [ -z "$text" ]; then
		tap_fail "link-equal: $label: the kernel linked a text region"
		continue
	fi
	args=(--kernel "$vmlinux" --backend "$top" --addr "$text" -o "$work/$env.bin")
	while read -r name addr _; do
		[ "$name" = percpu ] || args+=(--region "$name=$addr")
	done <<< "$regions"
	if ! "$pvimage" link "${args[@]}" "$image" > "$work/$env.pvimage" 2>&1; then
		tap_fail "link-equal: $label: pvimage link ${args[*]} $image"
		tap_diag < "$work/$env.pvimage"
		continue
	fi
	tap_relay < <(/usr/bin/python3 "$t/boot/linkequal.py" compare "$label" "$log" "$work/$env.bin" "$text" |
		sed 's/^\(ok\|not ok\) - /\1 - link-equal: /')
done
tap_done
