#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# check-vmlinux-layout.sh VMLINUX
#
# GRUB loads vmlinux as a flat image through the multiboot2 address tag
# (arch/x86/boot/head.S): that is only right if every loaded segment sits
# at the same distance between file offset and physical address.  Fail
# the build, naming the segment, if the linker ever breaks that.
#
# No segment may be both writable and executable either: the page tables
# give each part of the image the protection of its section
# (arch/x86/mm/pageattr.c), and a section that put code among data (or
# data among code) would be mapped wrongly.
set -e
first=
status=0
${READELF:-readelf} -lW "$1" | grep '^ *LOAD' > "$1.layout.tmp"
while read -r type offset vaddr paddr filesz rest; do
	case $rest in
	*RWE*)
		echo "$1: LOAD segment at file offset $offset, physical $paddr is writable" \
		     "and executable: a section with code and data mixed? (see" \
		     "arch/x86/kernel/vmlinux.lds.S)" >&2
		status=1
		;;
	esac
	[ $((filesz)) -gt 0 ] || continue
	delta=$((paddr - offset))
	if [ -z "$first" ]; then
		first=$delta
	elif [ "$delta" != "$first" ]; then
		echo "$1: LOAD segment at file offset $offset, physical $paddr is not in step" \
		     "with the first one: GRUB would load it to the wrong place" \
		     "(see arch/x86/kernel/vmlinux.lds.S)" >&2
		status=1
	fi
done < "$1.layout.tmp"
rm -f "$1.layout.tmp"
exit $status
