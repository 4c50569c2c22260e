#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2317 # the checks are functions tap_check runs
#
# Init-only objects (init-y, scripts/Makefile.build): the section renaming
# (scripts/init-sections.sh) and the link-time check for references that
# would outlive free_init_memory() (scripts/check-init-refs.py), first on
# small objects built here, whose answer is known, then on the real
# vmlinux, which must pass.
set -u
srctree=${srctree:-$(cd "$(dirname "$0")/../../../.." && pwd)}
objtree=${objtree:-$srctree}

rename=$srctree/scripts/init-sections.sh
refs=$srctree/scripts/check-init-refs.py
work=$objtree/tools/testing/pvlink/out/init
CC=${CC:-gcc}
LD=${LD:-ld}

# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$srctree/tools/testing/pvlink/lib/tap.sh"
rm -rf "$work"
mkdir -p "$work/kernel/selftest" "$work/lib"
cd "$work" || tap_bail "cannot enter $work"

# The test objects are kernel code: the kernel's flags (lib/kflags.sh),
# debug information included, as in the kernel's own init-y objects.
# shellcheck source=tools/testing/pvlink/lib/kflags.sh
. "$srctree/tools/testing/pvlink/lib/kflags.sh"
kflags "$CC" || tap_bail "make kernelflags failed for $CC"
compile()	# compile OUT.o C-SOURCE
{
	printf '%s\n' "$2" > "${1%.o}.c"
	"$CC" "${KFLAGS[@]}" -c "${1%.o}.c" -o "$1" 2>"$1.err" && return 0
	tap_diag "$CC failed on ${1%.o}.c:"
	tap_diag < "$1.err"
	return 1
}

tap()		# tap NAME COMMAND...
{
	tap_check "init: $1" "${@:2}"
}

sections()	# sections OBJECT: the names of its sections, one a line
{
	readelf -SW "$1" | sed -n 's/^ *\[ *[0-9]*\] \([^ ]*\).*/\1/p'
}

renamed()	# an object with code, data, rodata and .bss: all ".init", relocations too
{
	"$rename" lib/plain.o || return 1
	local s
	s=$(sections lib/plain.o)
	for want in '\.init\.text' '\.rela\.init\.text' '\.init\.data' '\.init\.bss' \
		    '\.init\.rodata.*'; do
		echo "$s" | grep -qx -- "$want" || { echo "no $want in: $s"; return 1; }
	done
	if echo "$s" | grep -qx -- '.text'; then
		echo "still a .text in: $s"
		return 1
	fi
}

refused()	# refused OBJECT SECTION: init-sections.sh fails naming SECTION, removes OBJECT
{
	if "$rename" "$1" 2>"$work/err"; then
		echo "$1 was accepted"
		return 1
	fi
	cat "$work/err"
	grep -q -- "section $2 cannot be init-only" "$work/err" || return 1
	[ ! -e "$1" ] || { echo "$1 was left behind"; return 1; }
}

# A vmlinux-like link: the init ranges named as vmlinux.lds.S names them.
LDS='SECTIONS {
	. = 0x100000;
	.text : { *(.text .text.*) }
	. = ALIGN(4096);
	.init.text : { _sinittext = .; *(.init.text .init.text.*) . = ALIGN(4096); _einittext = .; }
	.rodata : { *(.rodata .rodata.*) }
	.data : { *(.data .data.*) }
	. = ALIGN(4096);
	.init.data : { __init_data_begin = .; *(.init.data .init.data.* .init.rodata .init.rodata.* .init.bss .init.bss.*) . = ALIGN(4096); __init_data_end = .; }
	.bss : { *(.bss .bss.*) }
	/DISCARD/ : { *(.comment) *(.note.*) *(.init.note.*) *(.eh_frame) *(.init.eh_frame) }
}'

link_refs()	# link_refs OUT OBJECT...: linked with relocations kept, and a map
{
	local out=$1
	shift
	printf '%s\n' "$LDS" > "$work/test.lds"
	"$LD" -m elf_x86_64 --emit-relocs -e 0 -T "$work/test.lds" -Map "$out.map" \
		-o "$out" "$@"
}

refs_pass()	# refs_pass OUT OBJECT...
{
	link_refs "$@" || return 1
	"$refs" "$1" "$1.map"
}

refs_fail()	# refs_fail WANT OUT OBJECT...: the check fails and says WANT
{
	local want=$1
	shift
	link_refs "$@" || return 1
	if "$refs" "$1" "$1.map" 2>"$work/err"; then
		echo "check-init-refs.py passed $1"
		return 1
	fi
	cat "$work/err"
	grep -qF -- "$want" "$work/err"
}

if ! { compile lib/plain.o 'static int counter = 3; int zero; const char *msg = "hello";
static const long table[8] = { 2, 3, 5, 7, 11, 13, 17, 19 };
int init_work(int x); int init_work(int x) { return counter + zero + msg[x] + table[x & 7]; }' &&
compile lib/extable.o 'void f(void); void f(void) { asm volatile("1: nop\n.pushsection __ex_table, \"a\"\n.quad 1b, 1b\n.popsection"); }' &&
compile lib/suite.o 'static void run(void) {} __attribute__((used, section(".selftest_suites"))) static void (*const s)(void) = run;' &&
compile lib/percpu.o 'extern int cpu_var; __attribute__((section(".data..percpu"))) int cpu_var;' &&
compile lib/link.o 'const char *init_name(void); int init_step(void);
const char *init_name(void) { return "init"; } int init_step(void) { return 1; }' &&
compile kernel/boot.o 'int init_step(void); int boot(void); int boot(void) { return init_step(); }' &&
compile kernel/kept.o 'const char *init_name(void); const char *(*kept)(void) = init_name;' &&
compile kernel/selftest/late.o 'int init_step(void); int late_test(void); int late_test(void) { return init_step(); }' &&
compile kernel/selftest/bounds.o 'extern char _sinittext[], __init_data_end[]; unsigned long bounds(void);
unsigned long bounds(void) { return __init_data_end - _sinittext; }'; }; then
	tap_bail "$CC cannot compile the test objects with the kernel's flags"
fi
tap_plan 9

tap "an init-y object's sections and their relocations are renamed .init.*" renamed
tap "an object with an exception table cannot be init-only" refused lib/extable.o __ex_table
tap "an object with a self-test suite cannot be init-only" refused lib/suite.o .selftest_suites
tap "an object with percpu data cannot be init-only" refused lib/percpu.o .data..percpu
"$rename" lib/link.o 2>/dev/null || tap_diag "init-sections.sh failed on lib/link.o"
tap "resident code calling into init code (the boot flow) passes" \
	refs_pass boot.elf kernel/boot.o lib/link.o
tap "taking the addresses of the init range bounds passes" \
	refs_pass bounds.elf kernel/selftest/bounds.o lib/link.o
tap "resident data pointing into init text fails, naming both" \
	refs_fail "kept+0x0 (kernel/kept.o, .data) refers to init_name in init text" \
	kept.elf kernel/kept.o lib/link.o
tap "a self-test calling init code fails, naming both" \
	refs_fail "(kernel/selftest/late.o, .text) refers to init_step in init text" \
	late.elf kernel/selftest/late.o lib/link.o

if [ -f "$objtree/vmlinux" ] && [ -f "$objtree/vmlinux.map" ]; then
	tap "vmlinux has no reference that outlives the init sections" \
		"$refs" "$objtree/vmlinux" "$objtree/vmlinux.map"
else
	tap_skip "init: vmlinux has no reference that outlives the init sections" \
		"no vmlinux in $objtree: build it first"
fi
tap_done
