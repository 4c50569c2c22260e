#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# init-sections.sh OBJECT
#
# Make OBJECT init-only (an object a Makefile lists in init-y, see
# scripts/Makefile.build): prefix every allocated section name with
# ".init" (its relocation sections follow: .rela.text -> .rela.init.text),
# so that arch/x86/kernel/vmlinux.lds.S collects the code into init text
# and everything else into init data, which free_init_memory() frees at
# the end of boot.
#
# Only sections the linker script has an init place for may be renamed:
# code, data, read-only data and .bss (plus unwind tables and property
# notes, which the script discards).  Anything else (exception tables,
# self-test suites, percpu variables, pvlink exports, ...) must stay
# resident, so the object cannot be init-only: fail, naming the section.
# On failure OBJECT is removed, so that make tries again next time.
set -e
obj=$1
tmp=$obj.init.tmp

trap 'rm -f "$tmp"' EXIT
if ! ${OBJCOPY:-objcopy} --prefix-alloc-sections=.init "$obj" "$tmp"; then
	rm -f "$obj"
	exit 1
fi

# readelf -SW: "[Nr] Name Type Address Off Size ES Flg Lk Inf Al"; Flg is
# empty for sections without flags.
bad=$(${READELF:-readelf} -SW "$tmp" | sed -n 's/^ *\[ *[0-9]*\] //p' |
	awk 'NF == 10 && $7 ~ /A/ { print $1 }' |
	while read -r name; do
		case $name in
		.init.data..percpu*) echo "$name" ;;
		.init.text | .init.text.*) ;;
		.init.data | .init.data.*) ;;
		.init.rodata | .init.rodata.*) ;;
		.init.bss | .init.bss.*) ;;
		.init.eh_frame | .init.note.gnu.property) ;;
		*) echo "$name" ;;
		esac
	done)
if [ -n "$bad" ]; then
	for name in $bad; do
		echo "$obj: section ${name#.init} cannot be init-only: it must stay after" \
		     "free_init_memory() (vmlinux.lds.S has no init place for it)." \
		     "Take the object out of init-y, or move what defines that section" \
		     "into a resident file." >&2
	done
	rm -f "$obj"
	exit 1
fi
mv "$tmp" "$obj"
trap - EXIT
