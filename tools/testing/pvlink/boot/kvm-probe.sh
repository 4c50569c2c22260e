#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Can this machine run a KVM guest?  Exit 0 if yes; otherwise exit 1 and
# print the precise reason on stdout, for a "# SKIP" line.
#
# Usage: kvm-probe.sh WORKDIR
#
# Three steps, each with its own answer: the device exists, this user can
# open it read-write, and a real guest runs to its end.  The trial guest is
# a 64 KiB "BIOS" whose reset vector writes 0x10 to isa-debug-exit: QEMU
# must exit with status 33 ((0x10 << 1) | 1; QEMU's own errors exit 1).  That proves KVM_CREATE_VM, vCPU creation and port
# I/O exits all work, in well under a second, without any kernel.
set -u

QEMU=${QEMU:-qemu-system-x86_64}
# KVM_DEV: another device node, for the harness's own tests of this script
dev=${KVM_DEV:-/dev/kvm}
work=${1:-.}

if [ ! -e "$dev" ]; then
	echo "$dev does not exist (no KVM on this host, or the kvm module is not loaded)"
	exit 1
fi
if [ ! -c "$dev" ]; then
	echo "$dev is not a character device"
	exit 1
fi
if ! (exec 3<>"$dev") 2>/dev/null; then
	echo "$dev cannot be opened read-write by $(id -un) (add the user to group $(stat -c %G "$dev"))"
	exit 1
fi

mkdir -p "$work"
rom=$work/kvm-trial.rom
# Reset vector at 0xffff0 (the last 16 bytes of the ROM), real mode:
#   b0 10	mov $0x10, %al
#   e6 f4	out %al, $0xf4		isa-debug-exit: QEMU exits 33
#   f4		hlt
#   eb fd	jmp .-1			(back to hlt)
{
	head -c 65520 /dev/zero | tr '\0' '\364'
	printf '\260\020\346\364\364\353\375'
	head -c 9 /dev/zero | tr '\0' '\364'
} > "$rom"

timeout -k 5 30 "$QEMU" -accel kvm -machine pc -bios "$rom" -nodefaults \
	-display none -monitor none -serial none -no-reboot \
	-device isa-debug-exit,iobase=0xf4,iosize=4 \
	>"$work/kvm-trial.out" 2>&1
rc=$?
case $rc in
33)
	exit 0 ;;
124)
	echo "a trial KVM guest did not finish in 30 s (KVM present but not running guests)" ;;
*)
	msg=$(grep -v 'warning:' "$work/kvm-trial.out" | head -n 1)
	echo "a trial KVM guest failed to start (QEMU exit $rc${msg:+: $msg})" ;;
esac
exit 1
