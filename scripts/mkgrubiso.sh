#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Build a GRUB2 rescue ISO that boots vmlinux through multiboot2 and hands
# it one module, the way a distribution's GRUB would.
#
# Usage: scripts/mkgrubiso.sh OUTPUT.iso VMLINUX MODULE [CMDLINE]
#
# Needs grub-mkrescue (grub-common) with the BIOS platform (grub-pc-bin),
# xorriso and mtools.  GRUB itself talks on COM1 too, so its errors ("file
# not found", "no multiboot header") land in the same console log as the
# kernel's output.  Exit status: 0 done, 2 a tool is missing (the reason is
# on stderr), 1 anything else.
set -euo pipefail

if [ $# -lt 3 ] || [ $# -gt 4 ]; then
	echo "usage: $0 OUTPUT.iso VMLINUX MODULE [CMDLINE]" >&2
	exit 1
fi
iso=$1 kernel=$2 module=$3 cmdline=${4:-}

for tool in grub-mkrescue xorriso mformat; do
	if ! command -v $tool >/dev/null; then
		echo "mkgrubiso: $tool not found (apt-get install grub-common grub-pc-bin xorriso mtools)" >&2
		exit 2
	fi
done
if [ ! -d /usr/lib/grub/i386-pc ]; then
	echo "mkgrubiso: GRUB's BIOS platform files are missing (apt-get install grub-pc-bin)" >&2
	exit 2
fi
case $cmdline in
*[\"\\\$\;]*)
	echo "mkgrubiso: kernel command line must not contain quotes, \\, \$ or ; (GRUB would interpret them): $cmdline" >&2
	exit 1 ;;
esac

tmp=$(mktemp -d "${iso}.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/root/boot/grub"
cp "$kernel" "$tmp/root/boot/vmlinux"
[ -n "$module" ] && cp "$module" "$tmp/root/boot/module.img"

{
	echo "serial --unit=0 --speed=115200"
	echo "terminal_input serial"
	echo "terminal_output serial"
	echo "set timeout=0"
	echo "set default=0"
	echo "menuentry pvlink {"
	echo "	multiboot2 /boot/vmlinux $cmdline"
	[ -n "$module" ] && echo "	module2 /boot/module.img"
	echo "	boot"
	# Only reached if GRUB could not boot the kernel: its errors are
	# on the console already; end the run at once instead of waiting
	# at "Press any key" until the harness's timeout (QEMU runs with
	# -no-reboot, so reboot ends QEMU).
	echo "	echo mkgrubiso: GRUB could not boot /boot/vmlinux"
	echo "	reboot"
	echo "}"
} > "$tmp/root/boot/grub/grub.cfg"

# Only the BIOS platform: the tests boot SeaBIOS, and an EFI image would
# double the build time for nothing.
if ! grub-mkrescue -o "$tmp/out.iso" -d /usr/lib/grub/i386-pc "$tmp/root" \
		>"$tmp/log" 2>&1; then
	sed 's/^/mkgrubiso: /' "$tmp/log" >&2
	exit 1
fi
mv "$tmp/out.iso" "$iso"
