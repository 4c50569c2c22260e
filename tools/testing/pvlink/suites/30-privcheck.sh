#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The privileged-instruction checker (scripts/check-privileged): first on
# small binaries built here, whose answer is known, then on the real
# vmlinux, which must pass.
set -u
srctree=${srctree:-$(cd "$(dirname "$0")/../../../.." && pwd)}
objtree=${objtree:-$srctree}

check=$srctree/scripts/check-privileged
work=$objtree/tools/testing/pvlink/out/privcheck
CC=${CC:-gcc}
LD=${LD:-ld}

rm -rf "$work"
mkdir -p "$work/arch/x86/boot" "$work/kernel" "$work/drivers"
cd "$work" || exit 1

# Every instruction kind the checker knows, one each (AT&T syntax).
ALL_KINDS='cli; sti; hlt; inb $0x60,%al; outb %al,$0x80; in (%dx),%al;
out %al,(%dx); insb; outsl; rep outsb; lgdt (%rax); lidt (%rax); lldt %ax;
ltr %ax; mov %cr3,%rax; mov %rax,%cr4; mov %db7,%rax; mov %rax,%db0; rdmsr;
wrmsr; invlpg (%rax); wbinvd; invd; swapgs; sysretq; iretq; cpuid; xsetbv;
clts; rdpmc; lmsw %ax; wrgsbase %rax; rdfsbase %rax; stac; clac; monitor;
mwait; invpcid (%rax),%rax; xsaves (%rax); xrstors (%rax); sysexit'
nr_kinds=$(echo "$ALL_KINDS" | tr ';' '\n' | grep -c .)

compile()	# compile OUT.o C-SOURCE
{
	printf '%s\n' "$2" > "${1%.o}.c"
	"$CC" -O2 -ffreestanding -fno-pic -fno-asynchronous-unwind-tables \
		-c "${1%.o}.c" -o "$1" 2>"$1.err" || {
		echo "# $CC failed on ${1%.o}.c:"
		sed 's/^/# /' "$1.err"
		return 1
	}
}

link()		# link OUT OBJECT...: OUT and OUT.map, GNU ld
{
	local out=$1
	shift
	"$LD" -o "$out" -e 0 -Map "$out.map" "$@" 2>"$out.err" || {
		echo "# $LD failed linking $out:"
		sed 's/^/# /' "$out.err"
		return 1
	}
}

tap()		# tap NAME COMMAND...
{
	local name=$1
	shift
	if "$@"; then
		echo "ok - $name"
	else
		echo "not ok - $name"
		[ -f "$work/last.out" ] && sed 's/^/# /' "$work/last.out"
	fi
}

run()		# run WANT_STATUS ARGS...: the checker, output to last.out
{
	local want=$1
	shift
	"$check" "$@" > "$work/last.out" 2>&1
	local rc=$?
	[ $rc = "$want" ] || { echo "checker exited $rc, expected $want" >> "$work/last.out"; return 1; }
}

has()		# has TEXT: the last output contains TEXT
{
	grep -qF -- "$1" "$work/last.out" || {
		echo "missing from the checker's output: $1" >> "$work/last.out"
		return 1
	}
}

compile arch/x86/boot/entry.o 'void fake_entry(void) { asm volatile("cli; lidt (%rax); mov %rax, %cr3"); }' &&
compile kernel/bad.o 'void bad_irq_off(void) { asm volatile("cli"); }' &&
compile kernel/clean.o 'int clean_add(int a, int b) { return a + b; }' &&
compile drivers/many.o "void every_kind(void) { asm volatile(\"$(echo $ALL_KINDS)\"); }" &&
compile kernel/partial.o 'void ok_fn(void) { asm volatile("hlt; cli"); }' || exit 1

# 1. cli outside the allowed files fails, naming function, object, insn.
link bad arch/x86/boot/entry.o kernel/bad.o kernel/clean.o || exit 1
tap "privcheck: cli in kernel/bad.o fails, named with its function and object" \
	eval 'run 1 bad && has "privileged instruction \"cli\" in bad_irq_off() (kernel/bad.o)"'
tap "privcheck: the allowed entry object is not reported" \
	eval '! grep -q fake_entry "$work/last.out"'

# 2. only allowed files: passes (and -v shows what it allowed).
link good arch/x86/boot/entry.o kernel/clean.o || exit 1
tap "privcheck: privileged code only in arch/x86/boot/ passes" \
	eval 'run 0 -v good && has "3 privileged instruction(s), all allowed"'

printf '%s\n' 'arch/x86/boot/*.o' 'kernel/gone.o	*	cli' > allow-stale
tap "privcheck: -v names an allow-list entry that nothing uses" \
	eval 'run 0 -v --allow allow-stale good && has "unused allow-list entry: allow-stale:2: kernel/gone.o"'

# 3. every kind is recognised.
link many drivers/many.o || exit 1
tap "privcheck: all $nr_kinds instruction kinds are recognised" \
	eval 'run 1 many && [ "$(grep -c "in every_kind() (drivers/many.o)" "$work/last.out")" = $nr_kinds ]'

# 4. function- and instruction-level allow entries.
printf '%s\n' '# test: only hlt in ok_fn' 'kernel/partial.o ok_fn hlt' > allow-partial
link partial kernel/partial.o || exit 1
tap "privcheck: an entry allowing hlt in ok_fn() still reports its cli" \
	eval 'run 1 --allow allow-partial partial && has "\"cli\" in ok_fn()" && ! grep -q "\"hlt\"" "$work/last.out"'
printf '%s\n' 'kernel/partial.o ok_fn hlt,typo' > allow-typo
tap "privcheck: an allow entry naming an unknown instruction is an error" \
	eval 'run 2 --allow allow-typo partial && has "not a checked instruction: typo"'

# 5. objects taken from an archive are named by the member.
ar rcs kernel/lib.a kernel/bad.o
link archived kernel/clean.o --whole-archive kernel/lib.a || exit 1
tap "privcheck: an archive member is named by its object (kernel/bad.o)" \
	eval 'run 1 archived && has "in bad_irq_off() (kernel/bad.o)"'

# 6. lld's map format (make CC=clang may link with ld.lld).
if command -v ld.lld >/dev/null; then
	ld.lld -o lld -e 0 -Map lld.map arch/x86/boot/entry.o kernel/bad.o 2>lld.err
	tap "privcheck: reads an lld map" \
		eval 'run 1 lld && has "in bad_irq_off() (kernel/bad.o)" && ! grep -q fake_entry "$work/last.out"'
else
	echo "ok - privcheck: reads an lld map # SKIP ld.lld not installed (apt-get install lld)"
fi

# 7. a missing map is an error, not a pass.
tap "privcheck: a missing linker map is an error" \
	eval 'run 2 --map nonexistent.map bad && has "cannot read linker map"'

# 8. the real kernel.
vmlinux=$objtree/vmlinux
rm -f "$work/last.out"
if [ ! -f "$vmlinux" ]; then
	echo "not ok - privcheck: vmlinux has no privileged instruction outside the allowed files"
	echo "# $vmlinux does not exist: build it first (make)"
elif [ ! -f "$vmlinux.map" ]; then
	echo "not ok - privcheck: vmlinux has no privileged instruction outside the allowed files"
	echo "# $vmlinux.map does not exist: the build must link with -Map"
else
	tap "privcheck: vmlinux has no privileged instruction outside the allowed files" \
		run 0 "$vmlinux"
	"$check" -v "$vmlinux" > "$work/allowed.out" 2>&1
	n=$(grep -c '^allowed: ' "$work/allowed.out")
	# Entries nothing needs any more: worth removing, not a failure.
	grep '^unused allow-list entry' "$work/allowed.out" | sed 's/^/# /'
	rm -f "$work/last.out"
	# A checker that sees nothing passes everything: the native pv-ops
	# and the entry code must show up as allowed.
	tap "privcheck: vmlinux's allowed privileged instructions are seen ($n)" \
		[ "$n" -gt 0 ]
fi
exit 0
