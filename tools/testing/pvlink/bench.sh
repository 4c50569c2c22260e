#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# pvlink benchmarks ("make bench").  They measure and print; they never
# fail on a number (timings on a shared machine are not test results).
#
#  1. link cost: the linker core's plan + link of a backend stack against
#     copying the same bytes (tools/testing/pvlink/bench/link_cost.c);
#  2. offline link: "pvimage link" against GNU ld (bfd), gold, lld and
#     mold linking the same objects against the same symbols;
#  3. global symbols at scale: "pvimage link" of a stack whose bottom
#     object defines N globals and whose top object references each one,
#     for N = 1k, 10k and 100k (resolution and the duplicate-name check
#     go through a hashed index: the time should grow linearly).
#
# Environment: srctree, objtree (the build with the backends), CC.
# BENCH_RUNS: process runs per linker in part 2 (default 30).
set -u
export LC_ALL=C
srctree=${srctree:-$(cd "$(dirname "$0")/../../.." && pwd)}
objtree=${objtree:-$srctree}
CC=${CC:-gcc}
runs=${BENCH_RUNS:-30}
out=$objtree/tools/testing/pvlink/out/bench
pvimage=$objtree/scripts/pvimage/pvimage
exports=$srctree/tools/testing/pvlink/pvimage/native.exports
native=$objtree/arch/x86/pvlink/native.o
test=$objtree/arch/x86/pvlink/test.o
mkdir -p "$out"

for f in "$pvimage" "$native" "$test"; do
	[ -f "$f" ] || { echo "bench: $f is missing: run make first" >&2; exit 1; }
done

echo "# pvlink benchmarks, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) CPUs, $(uname -m)"

# 1. Link cost, with the core built as pvimage builds it (-O2).
$CC -std=gnu11 -O2 -Wall -Wextra -Werror -I"$srctree/include" \
	-I"$srctree/arch/x86/include" -I"$srctree/scripts/pvimage" \
	$(make -s -f "$srctree/lib/pvlink/sources.mk" srctree="$srctree" pvlink-sources) \
	"$srctree/tools/testing/pvlink/bench/link_cost.c" -o "$out/link_cost" || exit 1
echo
echo "## 1. link cost: plan + link in a host process, median of 15 rounds"
for stack in "$native" "$native $test"; do
	echo "### stack: $(for o in $stack; do basename "$o" .o; done | paste -sd+)"
	# shellcheck disable=SC2086
	"$out/link_cost" "$exports" $stack || exit 1
done

# 2. Offline link against the system linkers.  Every linker gets the same
# objects and the same symbol values; an address low enough for mold
# (which sizes its output file from the addresses) and still within the
# kernel code model's signed 32-bit range.
addr=0x1000000
defsyms=$(awk '!/^#/ && NF >= 3 { printf "--defsym=%s=0x%s ", $3, $1 }' "$exports")

now_us() { echo $(( $(date +%s%N) / 1000 )); }

# time_cmd NAME CMD...: median wall time of $runs runs, in microseconds.
time_cmd()
{
	local name=$1 t0 t1 i
	shift
	if ! "$@" >/dev/null 2>"$out/$name.err"; then
		printf '%-14s failed: %s\n' "$name" "$(head -1 "$out/$name.err")"
		return
	fi
	for ((i = 0; i < runs; i++)); do
		t0=$(now_us)
		"$@" >/dev/null 2>&1
		t1=$(now_us)
		echo $((t1 - t0))
	done | sort -n | awk -v n="$name" '{ v[NR] = $1 }
		END { printf "%-14s %8d us   (median of %d runs, min %d)\n", n, v[int((NR + 1) / 2)], NR, v[1] }'
}

echo
echo "## 2. offline link of native+test, whole process, median of $runs runs"
time_cmd "pvimage link" "$pvimage" link --exports "$exports" --addr "$addr" \
	-o "$out/pvimage.out" "$native" "$test"
for ld in ld.bfd ld.gold ld.lld mold; do
	if ! command -v "$ld" >/dev/null; then
		printf '%-14s not installed (Debian: %s)\n' "$ld" \
			"$(case $ld in ld.lld) echo lld;; mold) echo mold;; *) echo binutils;; esac)"
		continue
	fi
	# The upper object overrides the lower one: ld takes the first
	# definition it sees, so the stack goes top first.
	# shellcheck disable=SC2086
	time_cmd "$ld" "$ld" -m elf_x86_64 -nostdlib -static -e 0 --allow-multiple-definition \
		-Ttext=$addr $defsyms -o "$out/$ld.out" "$test" "$native"
done

# 3. Global symbols at scale.  The bottom object defines N functions, the
# top one holds an absolute reference to each: every name is indexed,
# checked for duplicates and resolved across the stack once.
echo
echo "## 3. global symbols: pvimage link of N definitions + N references, median of 5 runs"
: > "$out/none.exports"
for n in 1000 10000 100000; do
	awk -v n=$n 'BEGIN { print ".text"; for (i = 0; i < n; i++) printf ".globl g%d\ng%d: ret\n", i, i }' \
		> "$out/defs$n.s"
	awk -v n=$n 'BEGIN { print ".data"; for (i = 0; i < n; i++) printf ".quad g%d\n", i }' \
		> "$out/refs$n.s"
	if ! as -o "$out/defs$n.o" "$out/defs$n.s" || ! as -o "$out/refs$n.o" "$out/refs$n.s"; then
		echo "globals $n: the assembler failed"
		continue
	fi
	runs=5 time_cmd "$n globals" "$pvimage" link --exports "$out/none.exports" --addr "$addr" \
		-o "$out/globals$n.out" "$out/defs$n.o" "$out/refs$n.o"
done
