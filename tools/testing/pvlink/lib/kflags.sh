# SPDX-License-Identifier: GPL-2.0
# shellcheck shell=bash
#
# The kernel's own compiler flags, for the tests that compile kernel code
# as the kernel compiles it.  Their one definition is the top Makefile's
# (KBUILD_CPPFLAGS and KBUILD_CFLAGS, printed by "make kernelflags"): no
# suite or test Makefile writes a list of its own.  A test may add flags
# of its own on top, and says why next to them.
#
#	. "$srctree/tools/testing/pvlink/lib/kflags.sh"
#	kflags gcc || ...		# KFLAGS=( ... ) for that compiler
#	gcc "${KFLAGS[@]}" -c x.c -o x.o
#	kflags_host gcc || ...		# the same, less what a host program
#					# cannot take (see below)
#
# Run as a program it prints them, for a Makefile (tools/testing/pvlink/
# host.mk: $(call kernelflags,CC) and $(call kernelflags_host,CC)):
#
#	bash kflags.sh [--host] CC
#
# Needs a configured build tree ($objtree: make defconfig), as the kernel
# build does.

# kflags CC: fill the array KFLAGS with the kernel's flags for compiler CC.
kflags()
{
	local out

	# The nested make is a fresh one: a calling make's command-line
	# variables (srctree=, objtree=, CC= of a test Makefile) travel in
	# MAKEFLAGS and would override the top Makefile's own.
	out=$(env -u MAKEFLAGS -u MAKEOVERRIDES -u MFLAGS -u MAKELEVEL \
		make -s --no-print-directory -C "$srctree" O="$objtree" CC="$1" kernelflags) ||
		return 1
	[ -n "$out" ] || return 1
	read -ra KFLAGS <<< "$out"
}

# The flags a host build of kernel code drops: the one place they are
# dropped, and why.  Kernel sources compiled into a host test program
# (suite 35: linked into it with -no-pie, called, run under ASan and
# UBSan) keep every other flag: -ffreestanding, -mno-red-zone,
# -mgeneral-regs-only, -fno-pic and the unwind-table flags all hold for
# code a host program calls, and keep the code what the kernel runs.
#  -mcmodel=kernel  promises the linker that code and data sit in the top
#		    2 GiB (addresses are sign-extended 32-bit values); a
#		    host program is linked low, at the user-space default,
#		    so the host build takes the default (small) model,
#		    whose promise -no-pie keeps.
KFLAGS_HOST_DROP=(-mcmodel=kernel)

# kflags_host CC: KFLAGS as kflags fills it, less KFLAGS_HOST_DROP.
kflags_host()
{
	local f d keep=()

	kflags "$1" || return 1
	for f in "${KFLAGS[@]}"; do
		for d in "${KFLAGS_HOST_DROP[@]}"; do
			[ "$f" = "$d" ] && continue 2
		done
		keep+=("$f")
	done
	KFLAGS=("${keep[@]}")
}

# As a program: print them on one line (exit 1 if make kernelflags fails).
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	srctree=${srctree:-$(cd "$(dirname "$0")/../../../.." && pwd)}
	objtree=${objtree:-$srctree}
	if [ "${1:-}" = --host ] && [ $# = 2 ]; then
		kflags_host "$2" || exit 1
	elif [ $# = 1 ]; then
		kflags "$1" || exit 1
	else
		echo "usage: kflags.sh [--host] CC" >&2
		exit 2
	fi
	echo "${KFLAGS[*]}"
fi
