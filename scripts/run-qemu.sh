#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the kernel under QEMU with its console on this terminal.
#
# Usage: scripts/run-qemu.sh [--kvm] [--smp N] [--module FILE|none] [KERNEL-COMMAND-LINE...] [-- QEMU-OPTION...]
#
# Boots $objtree/vmlinux (objtree defaults to the current directory, so
# run it from the build tree) through its PVH entry, with qboot for a fast
# start.  The boot module is $objtree/pvlink.img if the build made one,
# else the harness's test module (tools/testing/pvlink/boot/mkmodule.py);
# --module passes another file, or none at all (the kernel then falls
# back to its built-in native pv-ops and says why).  The words up to "--"
# are the kernel command line; those after it go to QEMU as they are,
# after this script's own options (a later -machine adds to
# "-machine pc": "-- -machine pc,vmport=off").
# The kernel ends the run itself through isa-debug-exit; this script then
# exits 0 if the kernel reported success, 1 if it reported failure, 2 for
# a usage error or a missing file.  Ctrl-A X quits QEMU at any time.
#
# Environment (each with its default):
#   QEMU=qemu-system-x86_64          the QEMU binary
#   QBOOT=/usr/share/qemu/qboot.rom  the firmware; QEMU's own (SeaBIOS)
#                                    when this file does not exist
#   TIMEOUT=300                      seconds before QEMU is killed (a hang)
#   objtree=$PWD                     the build tree: vmlinux, pvlink.img
#   srctree=this script's tree       where boot/mkmodule.py is found
set -u

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(dirname "$here")}
objtree=${objtree:-$PWD}
QEMU=${QEMU:-qemu-system-x86_64}
QBOOT=${QBOOT:-/usr/share/qemu/qboot.rom}
TIMEOUT=${TIMEOUT:-300}

# The usage line and the environment, from the comment above.
usage()
{
	sed -n 's/^# Usage: /usage: /p' "$0"
	sed -n '/^# Environment/,/^[^#]/s/^# \{0,1\}//p' "$0"
}

accel=tcg smp=1 module=
while [ $# -gt 0 ]; do
	case $1 in
	--kvm) accel=kvm; shift ;;
	--smp|--module)
		[ $# -ge 2 ] || { echo "run-qemu: $1 needs a value" >&2; usage >&2; exit 2; }
		if [ "$1" = --smp ]; then smp=$2; else module=$2; fi
		shift 2 ;;
	-h|--help) usage; exit 0 ;;
	*) break ;;
	esac
done
# The kernel command line up to "--", QEMU's options after it.
words=() qemu_opts=()
while [ $# -gt 0 ]; do
	if [ "$1" = -- ]; then
		shift
		qemu_opts=("$@")
		break
	fi
	words+=("$1")
	shift
done
cmdline="${words[*]}"

vmlinux=$objtree/vmlinux
if [ ! -f "$vmlinux" ]; then
	echo "run-qemu: $vmlinux not found: build first (make defconfig && make)," \
	     "and run this from the build tree" >&2
	exit 2
fi
if [ -z "$module" ]; then
	module=$objtree/pvlink.img
	if [ ! -f "$module" ]; then
		module=$objtree/tools/testing/pvlink/out/module.img
		mkdir -p "$(dirname "$module")"
		/usr/bin/python3 "$srctree/tools/testing/pvlink/boot/mkmodule.py" "$module" || exit 2
	fi
elif [ "$module" != none ] && [ ! -f "$module" ]; then
	echo "run-qemu: --module $module: no such file" >&2
	exit 2
fi
initrd=()
[ "$module" != none ] && initrd=(-initrd "$module")
bios=()
[ -f "$QBOOT" ] && bios=(-bios "$QBOOT")

echo "run-qemu: $vmlinux, module $module, accel $accel, $smp CPU(s), command line \"$cmdline\"${qemu_opts[*]:+, QEMU options: ${qemu_opts[*]}}" >&2
timeout -k 5 "$TIMEOUT" "$QEMU" -machine pc -accel "$accel" -smp "$smp" -m 256 \
	"${bios[@]}" -kernel "$vmlinux" "${initrd[@]}" -append "$cmdline" \
	-serial mon:stdio -display none -nic none -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=4 "${qemu_opts[@]}"
rc=$?
case $rc in
1)	echo "run-qemu: the kernel reported success" >&2; exit 0 ;;
3)	echo "run-qemu: the kernel reported failure" >&2; exit 1 ;;
124)	echo "run-qemu: timed out after $TIMEOUT s" >&2; exit 1 ;;
0)	echo "run-qemu: QEMU ended without the kernel's exit (reset, triple fault, or quit)" >&2; exit 1 ;;
*)	echo "run-qemu: QEMU failed (status $rc)" >&2; exit 1 ;;
esac
