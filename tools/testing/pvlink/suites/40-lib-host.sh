#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host unit tests of the kernel's lib/ (string.c, vsprintf.c, cmdline.c):
# the kernel sources are compiled for the host with the kernel's own
# preprocessor setup, every symbol they define is renamed k_* so that the
# C library can sit next to them as the oracle, and host/lib_test.c
# compares the two (the Xen Test Framework's selftests pattern).
#
# Each compiler ($CC and $CLANG) builds twice: -O2 as the kernel does, and
# -O1 with AddressSanitizer and UndefinedBehaviorSanitizer, which turn any
# out-of-bounds access or undefined operation in lib/ into a failure.
set -u
srctree=${srctree:-$(cd "$(dirname "$0")/../../../.." && pwd)}
objtree=${objtree:-$srctree}

CC=${CC:-gcc}
CLANG=${CLANG:-clang}
work=$objtree/tools/testing/pvlink/out/lib-host
LIB_SOURCES="lib/string.c lib/vsprintf.c lib/cmdline.c"
mkdir -p "$work"

if [ ! -f "$objtree/include/generated/autoconf.h" ]; then
	echo "not ok - lib-host: build the kernel first"
	echo "# $objtree/include/generated/autoconf.h is missing: make defconfig && make"
	exit 0
fi

# The kernel's include setup (Makefile: KBUILD_CPPFLAGS), for the host.
kernel_cppflags=(-nostdinc -I"$objtree/include" -I"$srctree/arch/x86/include"
		 -I"$srctree/include" -include "$srctree/include/linux/kconfig.h"
		 -D__KERNEL__)
kernel_cflags=(-std=gnu11 -Wall -Wextra -Werror -ffreestanding -fno-pic
	       -fno-strict-aliasing -fno-common -g -Wno-unused-parameter
	       -Wno-sign-compare)
# shellcheck disable=SC2054 # one option with a comma in it
sanitize=(-fsanitize=address,undefined -fno-sanitize-recover=all
	  -fno-omit-frame-pointer)

# build NAME COMPILER OPT [SANITIZER FLAGS...]: lib_test built from the
# kernel's lib/ sources; prints nothing on success, the errors otherwise.
build()
{
	local name=$1 cc=$2 opt=$3
	shift 3
	local dir=$work/$name objs=() src obj syms=()

	rm -rf "$dir"
	mkdir -p "$dir"
	for src in $LIB_SOURCES; do
		local extra=()
		obj=$dir/$(basename "$src" .c).o
		# as lib/Makefile: GCC must not turn memset's loop into memset()
		[ "$src" = lib/string.c ] &&
			"$cc" -fno-tree-loop-distribute-patterns -x c -c /dev/null \
				-o /dev/null 2>/dev/null &&
			extra=(-fno-tree-loop-distribute-patterns)
		"$cc" "${kernel_cppflags[@]}" -isystem "$("$cc" -print-file-name=include)" \
			"${kernel_cflags[@]}" "$opt" "$@" "${extra[@]}" \
			-c "$srctree/$src" -o "$obj" || return 1
		objs+=("$obj")
	done
	# Every symbol lib/ defines, and printk, which it calls, become k_*.
	while read -r sym; do
		syms+=(--redefine-sym "$sym=k_$sym")
	done < <(nm -g --defined-only "${objs[@]}" | awk 'NF == 3 { print $3 }' | sort -u;
		 echo printk)
	for obj in "${objs[@]}"; do
		objcopy "${syms[@]}" "$obj" || return 1
	done
	# -no-pie: lib/ is built -fno-pic, as in the kernel.
	"$cc" -std=gnu11 -Wall -Wextra -Werror -Wno-format-zero-length \
		"$opt" "$@" -no-pie -o "$dir/lib_test" \
		"$srctree/tools/testing/pvlink/host/lib_test.c" \
		"${objs[@]}" || return 1
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
		echo "ok - lib-host ($name) # SKIP $cc is not installed"
		continue
	fi
	# shellcheck disable=SC2086 # the sanitizer flags are words
	if ! build "$name" "$cc" "$opt" $extra > "$work/$name.log" 2>&1; then
		echo "not ok - lib-host ($name): build lib/ for the host"
		sed 's/^/# /' "$work/$name.log"
		continue
	fi
	echo "ok - lib-host ($name): build lib/ for the host"
	ASAN_OPTIONS=detect_leaks=0 "$work/$name/lib_test" "lib-host ($name)"
	rc=$?
	# The test prints its own TAP; a crash (a sanitizer report) prints
	# what it found on stderr and leaves a status above 1.
	if [ $rc -gt 1 ]; then
		echo "not ok - lib-host ($name): lib_test ended with status $rc (crash or sanitizer report above)"
	fi
done
exit 0
