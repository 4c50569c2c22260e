#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host unit tests of reference-kernel sources (the Xen Test Framework's
# selftests pattern): lib/ (string.c, vsprintf.c, cmdline.c) and
# mm/page_alloc.c are compiled from the kernel tree for the host, with the
# kernel's own preprocessor setup; every symbol they define is renamed k_*
# so that the C library, or a model, can sit next to them as the oracle:
#
#   host/lib_test.c		lib/ against the C library
#   host/page_alloc_test.c	the page allocator against a model of every
#				page frame, over awkward maps and a random walk
#   host/ptwalk_test.c		the page-table walk of the W^X self-test over
#				synthetic tables
#   host/xen_pv_test.c		xen-pv's clock over records it writes (floor,
#				stamp ahead of the TSC) and the fault-tolerant
#				read of the M2P table over an unmapped page,
#				the overlap-trimming of boot reservations,
#				the event upcall's pending and mask bitmaps
#   host/pvlink_pages_test.c	the boot-time link's pages against a model of
#				page protections: never W+X on the way back,
#				a page that cannot be made plain data is kept
#
# Each compiler ($CC and $CLANG) builds twice: -O2 as the kernel does, and
# -O1 with AddressSanitizer and UndefinedBehaviorSanitizer, which turn any
# out-of-bounds access or undefined operation into a failure.
set -u
srctree=${srctree:-$(cd "$(dirname "$0")/../../../.." && pwd)}
objtree=${objtree:-$srctree}

CC=${CC:-gcc}
CLANG=${CLANG:-clang}
work=$objtree/tools/testing/pvlink/out/host
KERNEL_SOURCES="lib/string.c lib/vsprintf.c lib/cmdline.c mm/page_alloc.c arch/x86/mm/ptwalk.c
		arch/x86/pvlink/xen-pv/clock.c arch/x86/mm/nofault.c
		arch/x86/pvlink/xen-pv/rsv.c arch/x86/pvlink/xen-pv/events.c
		kernel/pvlink_pages.c"
# test program: the kernel objects it links with
TESTS=(
	"lib_test|string vsprintf cmdline"
	"page_alloc_test|page_alloc string vsprintf"
	"ptwalk_test|ptwalk"
	"xen_pv_test|clock nofault rsv events"
	"pvlink_pages_test|pvlink_pages vsprintf string"
)
mkdir -p "$work"
# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$srctree/tools/testing/pvlink/lib/tap.sh"

if [ ! -f "$objtree/include/generated/autoconf.h" ]; then
	tap_diag "$objtree/include/generated/autoconf.h is missing: make defconfig && make"
	tap_bail "host: build the kernel first"
fi

# The kernel's flags (make kernelflags, lib/kflags.sh), less what a host
# program cannot take (kflags_host: the one place that drops flags, and
# why).  Each variant puts its own -O after them on purpose (-O2 as the
# kernel, -O1 under the sanitizers): the last -O wins.
# shellcheck source=tools/testing/pvlink/lib/kflags.sh
. "$srctree/tools/testing/pvlink/lib/kflags.sh"
# shellcheck disable=SC2054 # one option with a comma in it
sanitize=(-fsanitize=address,undefined -fno-sanitize-recover=all
	  -fno-omit-frame-pointer)

# build NAME COMPILER OPT [SANITIZER FLAGS...]: the kernel objects and the
# test programs; prints nothing on success, the errors otherwise.
build()
{
	local name=$1 cc=$2 opt=$3
	shift 3
	local dir=$work/$name objs=() src obj syms=() t prog deps

	rm -rf "$dir"
	mkdir -p "$dir"
	kflags_host "$cc" || { echo "make kernelflags failed for $cc"; return 1; }
	for src in $KERNEL_SOURCES; do
		local extra=()
		obj=$dir/$(basename "$src" .c).o
		# as lib/Makefile: GCC must not turn memset's loop into memset()
		[ "$src" = lib/string.c ] &&
			"$cc" -fno-tree-loop-distribute-patterns -x c -c /dev/null \
				-o /dev/null 2>/dev/null &&
			extra=(-fno-tree-loop-distribute-patterns)
		"$cc" "${KFLAGS[@]}" "$opt" "$@" "${extra[@]}" \
			-c "$srctree/$src" -o "$obj" || return 1
		objs+=("$obj")
	done
	# Every symbol the kernel objects define, and what they take from the
	# rest of the kernel (printk, the image bounds), become k_*.
	while read -r sym; do
		syms+=(--redefine-sym "$sym=k_$sym")
	done < <(nm -g --defined-only "${objs[@]}" | awk 'NF == 3 { print $3 }' | sort -u;
		 printf '%s\n' printk _text _end)
	for obj in "${objs[@]}"; do
		objcopy "${syms[@]}" "$obj" || return 1
	done
	for t in "${TESTS[@]}"; do
		IFS='|' read -r prog deps <<< "$t"
		local link=()
		for obj in $deps; do
			link+=("$dir/$obj.o")
		done
		# -no-pie: the kernel objects are built -fno-pic, as in the kernel.
		"$cc" -std=gnu11 -Wall -Wextra -Werror -Wno-format-zero-length \
			-I"$srctree/tools/testing/pvlink/lib" \
			-I"$srctree/include" -I"$srctree/arch/x86/include" \
			"$opt" "$@" -no-pie -o "$dir/$prog" \
			"$srctree/tools/testing/pvlink/host/$prog.c" \
			"${link[@]}" || return 1
	done
}

variants=(
	"$CC-O2|$CC|-O2"
	"$CC-O1-asan-ubsan|$CC|-O1|${sanitize[*]}"
)
# make CC=clang: CC already is the Clang build
if [ "$(basename "$CLANG")" != "$(basename "$CC")" ]; then
	variants+=("$CLANG-O2|$CLANG|-O2"
		   "$CLANG-O1-asan-ubsan|$CLANG|-O1|${sanitize[*]}")
fi
for v in "${variants[@]}"; do
	IFS='|' read -r name cc opt extra <<< "$v"
	name=$(basename "$name")
	if ! command -v "$cc" >/dev/null; then
		tap_skip "host ($name)" "$cc is not installed"
		continue
	fi
	# shellcheck disable=SC2086 # the sanitizer flags are words
	build "$name" "$cc" "$opt" $extra > "$work/$name.log" 2>&1
	rc=$?
	[ $rc = 0 ] || tap_diag < "$work/$name.log"
	tap_result $rc "host ($name): build the kernel sources and tests for the host" || continue
	for t in "${TESTS[@]}"; do
		prog=${t%%|*}
		# Each prints its plan; a crash or a sanitizer's report (on
		# stderr, with the status it exits with) fails in tap_prog.
		# allow_user_segv_handler: xen_pv_test plays do_trap() on SIGSEGV.
		ASAN_OPTIONS=detect_leaks=0:allow_user_segv_handler=1 tap_prog --tests "host ($name): ${prog%_test}" \
			"$work/$name/$prog" "host ($name): ${prog%_test}"
	done
done
tap_done
