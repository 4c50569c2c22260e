# SPDX-License-Identifier: GPL-2.0
#
# The kernel's own compiler flags, for the tests that compile kernel code
# as the kernel compiles it.  Their one definition is the top Makefile's
# (KBUILD_CPPFLAGS and KBUILD_CFLAGS, printed by "make kernelflags"): no
# suite writes a list of its own.  A test may add warnings of its own on
# top, and says so in the name of its check.
#
#	. "$srctree/tools/testing/pvlink/lib/kflags.sh"
#	kflags gcc || ...		# KFLAGS=( ... ) for that compiler
#	gcc "${KFLAGS[@]}" -c x.c -o x.o
#
# Needs a configured build tree ($objtree: make defconfig), as the kernel
# build does.

# kflags CC: fill the array KFLAGS with the kernel's flags for compiler CC.
kflags()
{
	local out

	out=$(make -s --no-print-directory -C "$srctree" O="$objtree" CC="$1" kernelflags) ||
		return 1
	[ -n "$out" ] || return 1
	read -ra KFLAGS <<< "$out"
}
