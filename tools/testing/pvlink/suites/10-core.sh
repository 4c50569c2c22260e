#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2317 # the checks are functions tap_check runs
#
# Suite 10: the pvlink linker core, on the host.
#
#  - the pvlink library (lib/pvlink/sources.mk) compiles with the kernel's
#    freestanding flags under GCC and Clang, need nothing but
#    memcpy/memset/memcmp, and hold no writable global state;
#  - unit tests, plain and with ASan+UBSan;
#  - execution tests: backends linked into this process and called;
#  - the GNU ld oracle: pvlink's bytes equal ld's for every backend,
#    compiler and optimisation level;
#  (the malformed-object corpus and the fuzzer: suites 15 and 16).
#
# Prints TAP (lib/tap.sh); the plan follows the last result.
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
objtree=${objtree:-$srctree}
CLANG=${CLANG:-clang}
O=$objtree/tools/testing/pvlink/core
S=$srctree/tools/testing/pvlink/core
W=$objtree/tools/testing/pvlink/out/core	# this suite's own files
mkdir -p "$O" "$W"
# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$srctree/tools/testing/pvlink/lib/tap.sh"

# ---- 1. the core builds as kernel code --------------------------------
# The pvlink library: the files the kernel, pvimage and these tests share,
# from its one list (lib/pvlink/sources.mk).
mapfile -t core_srcs < <(make -s -f "$srctree/lib/pvlink/sources.mk" \
	srctree="$srctree" pvlink-sources | tr ' ' '\n')
# The kernel's flags (the top Makefile's, lib/kflags.sh), plus -Wshadow
# and -Wundef: the library is held to a little more than the kernel.
# shellcheck source=tools/testing/pvlink/lib/kflags.sh
. "$srctree/tools/testing/pvlink/lib/kflags.sh"
kbuild()	# kbuild CC SRC OBJ
{
	kflags "$1" || { echo "make kernelflags failed for $1"; return 1; }
	"$1" "${KFLAGS[@]}" -Wshadow -Wundef -c "$2" -o "$3"
}
# Only the kernel's lib string and formatting functions may be needed, and
# no writable globals may exist: the context struct is the linker's only
# state.
kobj_clean()	# kobj_clean OBJ
{
	local undef data
	undef=$(nm -u "$1" | awk '{print $2}' | grep -vxE 'memcpy|memset|memcmp|strlen|strnlen|strcmp|snprintf')
	data=$(nm "$1" | awk '$2 ~ /^[dDbB]$/ {print $3}')
	[ -z "$undef$data" ] && return 0
	echo "unexpected undefined symbols: $undef; writable data: $data"
	return 1
}
for cc in gcc "$CLANG"; do
	mkdir -p "$O/kbuild/$cc"
	objs=()
	for src in "${core_srcs[@]}"; do
		rel=${src#"$srctree"/}
		obj=$O/kbuild/$cc/$(echo "$rel" | tr / _).o
		tap_check "core: $rel builds with the kernel's flags, -Wshadow and -Wundef ($cc)" kbuild "$cc" "$src" "$obj" &&
			objs+=("$obj")
	done
	if [ ${#objs[@]} = ${#core_srcs[@]} ] && ld -r -o "$O/kbuild/$cc/core.o" "${objs[@]}"; then
		tap_check "core: linked core ($cc) needs only lib/ string functions and snprintf, has no writable globals" \
			kobj_clean "$O/kbuild/$cc/core.o"
	else
		tap_fail "core: linked core ($cc) needs only lib/ string functions and snprintf, has no writable globals"
	fi
done

# sparse, given the flags the kernel compiles with (as "make C=1" does).
if ! command -v sparse >/dev/null; then
	tap_skip "core: sparse" "sparse is not installed"
elif ! kflags gcc; then
	tap_error "core: sparse" "make kernelflags failed"
else
	for src in "${core_srcs[@]}"; do
		tap_check "core: ${src#"$srctree"/} is sparse-clean" \
			sparse -m64 -Wsparse-all -Wsparse-error "${KFLAGS[@]}" "$src"
	done
fi

# ---- 2. host test programs and test backends ---------------------------
# (built whatever PVLINK_TEST selects: every test below needs them)
out=$(make -C "$S" srctree="$srctree" objtree="$objtree" CLANG="$CLANG" -j2 all 2>&1)
rc=$?
[ $rc = 0 ] || printf '%s\n' "$out" | tail -n 20 | tap_diag
tap_result $rc "core: build host tests and test backends" || tap_done

# ---- 3. unit tests ---------------------------------------------------------
# Each program prints its plan; tap_prog fails a crash, a sanitizer's
# exit, a missing result or a wrong count, naming the program.
for c in gcc clang; do
	tap_prog --tests "unit ($c-O2 objects)" "$O/unit_test" "unit ($c-O2 objects)" "$O/obj/$c-O2"
	tap_prog --tests "unit asan+ubsan ($c-Os objects)" \
		"$O/unit_test_asan" "unit asan+ubsan ($c-Os objects)" "$O/obj/$c-Os"
done

# Selection: --list names every test, -t NAME runs that one alone (its
# own plan), and an unknown name is an error, not an empty pass.
# shellcheck disable=SC2016 # eval expands them
selection()	# selection PROGRAM FIRST ONE: --list, -t ONE, -t nosuch
{
	local prog=$1 first=$2 one=$3
	tap_check "core: $prog --list names its tests, $first first" \
		eval '"$O/$prog" --list > "$W/$prog.list" &&
		      [ "$(head -n 1 "$W/$prog.list")" = "$first" ] &&
		      grep -qx "$one" "$W/$prog.list"'
	tap_check "core: $prog -t $one runs test $one alone, to its plan" \
		eval '"$O/$prog" -t "$one" x "$O/obj/gcc-O2" > "$W/$prog-t.out" &&
		      n=$(grep -c "^ok [0-9]* - x: $one: " "$W/$prog-t.out") &&
		      [ "$n" -gt 0 ] && [ "$(head -n 1 "$W/$prog-t.out")" = "1..$n" ] &&
		      [ "$(grep -c "^\(not \)\{0,1\}ok" "$W/$prog-t.out")" = "$n" ]'
	tap_check "core: $prog -t nosuch is an error (status 2)" \
		eval '"$O/$prog" -t nosuch x "$O/obj/gcc-O2"; [ $? = 2 ]'
}
selection unit_test reloc_table apply
selection exec_test base got

# ---- 4. execution tests ------------------------------------------------------
for d in "$O"/obj/*-*; do
	tap_prog --tests "exec $(basename "$d")" "$O/exec_test" "exec $(basename "$d")" "$d"
done

# ---- 5. the GNU ld oracle ------------------------------------------------
# pvlink links each object at a kernel address; ld links the same object
# with a script generated from pvlink's plan; every loaded byte must match.
# Above the oracle's kernel exports (oracle.syms), and far enough above
# -2 GiB that %gs:var(%rip) fields (percpu offset minus P) fit 32 bits,
# as they do in Linux, whose text starts at -2 GiB + 16 MiB.
ORACLE_BASE=0xffffffff82000000
oracle_case()	# oracle_case NAME OBJ...
{
	local name=$1 dir
	shift
	dir=$O/oracle.d/$name
	mkdir -p "$dir"
	"$O/oracle" script "$dir" "$S/oracle.syms" "$ORACLE_BASE" "$@" &&
	ld -m elf_x86_64 -static -nostdlib --no-warn-rwx-segments -T "$dir/link.ld" \
		-o "$dir/ld.elf" "$@" &&
	"$O/oracle" compare "$dir" "$S/oracle.syms" "$ORACLE_BASE" "$dir/ld.elf" "$@"
}
for d in "$O"/obj/*-*; do
	cfg=$(basename "$d")
	for b in tb_base tb_top tb_weak tb_got; do
		tap_check "oracle $cfg $b: pvlink bytes == GNU ld bytes" oracle_case "$cfg-$b" "$d/$b.o"
	done
	tap_check "oracle $cfg tb_base+tb_weak+tb_got linked together: pvlink == GNU ld" \
		oracle_case "$cfg-stack" "$d/tb_base.o" "$d/tb_weak.o" "$d/tb_got.o"
	tap_check "oracle $cfg tb_all (made by ld -r): pvlink == GNU ld" \
		oracle_case "$cfg-all" "$d/tb_all.o"
done

# The malformed-object corpus and the fuzzer are suites 15 and 16.
tap_done
