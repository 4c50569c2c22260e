#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2317 # the checks are functions tap_check runs
# shellcheck disable=SC2016 # tap_check evals them, expanding then
#
# The privileged-instruction checker (scripts/check-privileged): first on
# small binaries built here, whose answer is known, then on the real
# vmlinux, which must pass; then its --backends mode the same way, on
# small backend objects and on the real backends.
#
# Prints TAP (lib/tap.sh), with its plan first.  A test object that does
# not build or link is an ERROR of the checks that need it.
set -u
srctree=${srctree:-$(cd "$(dirname "$0")/../../../.." && pwd)}
objtree=${objtree:-$srctree}

check=$srctree/scripts/check-privileged
work=$objtree/tools/testing/pvlink/out/privcheck
CC=${CC:-gcc}
LD=${LD:-ld}

# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$srctree/tools/testing/pvlink/lib/tap.sh"
# shellcheck source=tools/testing/pvlink/lib/kflags.sh
. "$srctree/tools/testing/pvlink/lib/kflags.sh"
tap_plan 20

rm -rf "$work"
mkdir -p "$work/arch/x86/boot" "$work/kernel" "$work/drivers"
cd "$work" || tap_bail "cannot enter $work"

# Every instruction kind the checker knows, one each (AT&T syntax).
ALL_KINDS='cli; sti; hlt; inb $0x60,%al; outb %al,$0x80; in (%dx),%al;
out %al,(%dx); insb; outsl; rep outsb; lgdt (%rax); lidt (%rax); lldt %ax;
ltr %ax; mov %cr3,%rax; mov %rax,%cr4; mov %db7,%rax; mov %rax,%db0; rdmsr;
wrmsr; invlpg (%rax); wbinvd; invd; swapgs; sysretq; iretq; cpuid; xsetbv;
clts; rdpmc; lmsw %ax; wrgsbase %rax; rdfsbase %rax; stac; clac; monitor;
mwait; invpcid (%rax),%rax; xsaves (%rax); xrstors (%rax); sysexit'
nr_kinds=$(echo "$ALL_KINDS" | tr ';' '\n' | grep -c .)

# The test objects are kernel code, built as the kernel builds it
# (lib/kflags.sh).
KFLAGS=()
kflags "$CC" || tap_diag "make kernelflags failed for $CC"
compile()	# compile OUT.o C-SOURCE
{
	printf '%s\n' "$2" > "${1%.o}.c"
	[ ${#KFLAGS[@]} -gt 0 ] || return 1
	"$CC" "${KFLAGS[@]}" -c "${1%.o}.c" -o "$1" 2>"$1.err" && return 0
	tap_diag "$CC failed on ${1%.o}.c:"
	tap_diag < "$1.err"
	return 1
}

link()		# link OUT OBJECT...: OUT and OUT.map, GNU ld
{
	local out=$1
	shift
	"$LD" -o "$out" -e 0 -Map "$out.map" "$@" 2>"$out.err" || {
		tap_diag "$LD failed linking $out:"
		tap_diag < "$out.err"
		return 1
	}
}

# pcheck NAME COMMAND...: a check of the checker; the output of its last
# run (last.out) becomes diagnostics when it fails
pcheck()
{
	rm -f "$work/last.out"
	tap_check "privcheck: $1" "${@:2}" ||
		{ [ ! -f "$work/last.out" ] || tap_diag < "$work/last.out"; }
}

# fixture WHY NAME...: the checks NAME... cannot run (an ERROR each)
fixture()
{
	local why=$1 name
	shift
	for name; do
		tap_error "privcheck: $name" "$why"
	done
}

run()		# run WANT_STATUS ARGS...: the checker, output to last.out
{
	local want=$1
	shift
	"$check" "$@" > "$work/last.out" 2>&1
	local rc=$?
	[ "$rc" = "$want" ] || { echo "checker exited $rc, expected $want" >> "$work/last.out"; return 1; }
}

has()		# has TEXT: the last output contains TEXT
{
	grep -qF -- "$1" "$work/last.out" || {
		echo "missing from the checker's output: $1" >> "$work/last.out"
		return 1
	}
}

if ! compile arch/x86/boot/entry.o 'void fake_entry(void); void fake_entry(void) { asm volatile("cli; lidt (%rax); mov %rax, %cr3"); }' ||
   ! compile kernel/bad.o 'void bad_irq_off(void); void bad_irq_off(void) { asm volatile("cli"); }' ||
   ! compile kernel/clean.o 'int clean_add(int a, int b); int clean_add(int a, int b) { return a + b; }' ||
   ! compile drivers/many.o "void every_kind(void); void every_kind(void) { asm volatile(\"${ALL_KINDS//$'\n'/ }\"); }" ||
   ! compile kernel/partial.o 'void ok_fn(void); void ok_fn(void) { asm volatile("hlt; cli"); }'; then
	tap_bail "$CC cannot build the test objects with the kernel's flags"
fi

# 1. cli outside the allowed files fails, naming function, object, insn.
if link bad arch/x86/boot/entry.o kernel/bad.o kernel/clean.o; then
	pcheck "cli in kernel/bad.o fails, named with its function and object" \
		eval 'run 1 bad && has "privileged instruction \"cli\" in bad_irq_off() (kernel/bad.o)"'
	pcheck "the allowed entry object is not reported" \
		eval 'run 1 bad && ! grep -q fake_entry "$work/last.out"'
else
	fixture "the test binary does not link" \
		"cli in kernel/bad.o fails, named with its function and object" \
		"the allowed entry object is not reported"
fi

# 2. only allowed files: passes (and -v shows what it allowed).
printf '%s\n' 'arch/x86/boot/*.o' 'kernel/gone.o	*	cli' > allow-stale
if link good arch/x86/boot/entry.o kernel/clean.o; then
	pcheck "privileged code only in arch/x86/boot/ passes" \
		eval 'run 0 -v good && has "3 privileged instruction(s), all allowed"'
	pcheck "-v names an allow-list entry that nothing uses" \
		eval 'run 0 -v --allow allow-stale good && has "unused allow-list entry: allow-stale:2: kernel/gone.o"'
else
	fixture "the test binary does not link" \
		"privileged code only in arch/x86/boot/ passes" \
		"-v names an allow-list entry that nothing uses"
fi

# 3. every kind is recognised.
if link many drivers/many.o; then
	pcheck "all $nr_kinds instruction kinds are recognised" \
		eval 'run 1 many && [ "$(grep -c "in every_kind() (drivers/many.o)" "$work/last.out")" = $nr_kinds ]'
else
	fixture "the test binary does not link" "all $nr_kinds instruction kinds are recognised"
fi

# 4. function- and instruction-level allow entries.
printf '%s\n' '# test: only hlt in ok_fn' 'kernel/partial.o ok_fn hlt' > allow-partial
printf '%s\n' 'kernel/partial.o ok_fn hlt,typo' > allow-typo
if link partial kernel/partial.o; then
	pcheck "an entry allowing hlt in ok_fn() still reports its cli" \
		eval 'run 1 --allow allow-partial partial && has "\"cli\" in ok_fn()" && ! grep -q "\"hlt\"" "$work/last.out"'
	pcheck "an allow entry naming an unknown instruction is an error" \
		eval 'run 2 --allow allow-typo partial && has "not a checked instruction: typo"'
else
	fixture "the test binary does not link" \
		"an entry allowing hlt in ok_fn() still reports its cli" \
		"an allow entry naming an unknown instruction is an error"
fi

# 5. objects taken from an archive are named by the member.
if ar rcs kernel/lib.a kernel/bad.o && link archived kernel/clean.o --whole-archive kernel/lib.a; then
	pcheck "an archive member is named by its object (kernel/bad.o)" \
		eval 'run 1 archived && has "in bad_irq_off() (kernel/bad.o)"'
else
	fixture "the test archive does not link" "an archive member is named by its object (kernel/bad.o)"
fi

# 6. lld's map format (make CC=clang may link with ld.lld).
if ! command -v ld.lld >/dev/null; then
	tap_skip "privcheck: reads an lld map" "ld.lld not installed (apt-get install lld)"
elif ld.lld -o lld -e 0 -Map lld.map arch/x86/boot/entry.o kernel/bad.o 2>lld.err; then
	pcheck "reads an lld map" \
		eval 'run 1 lld && has "in bad_irq_off() (kernel/bad.o)" && ! grep -q fake_entry "$work/last.out"'
else
	tap_diag < lld.err
	fixture "ld.lld cannot link the test binary" "reads an lld map"
fi

# 7. a missing map is an error, not a pass.
if [ -f bad ]; then
	pcheck "a missing linker map is an error" \
		eval 'run 2 --map nonexistent.map bad && has "cannot read linker map"'
else
	fixture "the test binary does not link" "a missing linker map is an error"
fi

# 8. the real kernel.
vmlinux=$objtree/vmlinux
vmname="vmlinux has no privileged instruction outside the allowed files"
seen="vmlinux's allowed privileged instructions are seen"
if [ ! -f "$vmlinux" ]; then
	fixture "$vmlinux does not exist: build it first (make)" "$vmname" "$seen"
elif [ ! -f "$vmlinux.map" ]; then
	fixture "$vmlinux.map does not exist: the build must link with -Map" "$vmname" "$seen"
else
	pcheck "$vmname" run 0 "$vmlinux"
	"$check" -v "$vmlinux" > "$work/allowed.out" 2>&1
	n=$(grep -c '^allowed: ' "$work/allowed.out")
	# Entries nothing needs any more: worth removing, not a failure.
	grep '^unused allow-list entry' "$work/allowed.out" | tap_diag
	# A checker that sees nothing passes everything: the native pv-ops
	# and the entry code must show up as allowed.
	tap_diag "$n allowed privileged instructions in vmlinux"
	tap_check "privcheck: $seen" [ "$n" -gt 0 ]
fi

# 9. backends, against the entry modes their PVLINK_BACKEND() note
# declares (read with pvimage).  One object per case: a note and a
# function with the instruction.
PVIMAGE=$objtree/scripts/pvimage/pvimage
backend()	# backend NAME ENTRY INSNS: NAME.o
{
	compile "$1.o" "#include <linux/pvlink_backend.h>
PVLINK_BACKEND($1, .entry = $2, .priority = -5, .requires = \"native\");
void $1_fn(void);
void $1_fn(void) { asm volatile(\"$3\"); }"
}
bcheck()	# bcheck NAME COMMAND...: a check of --backends
{
	pcheck "backends: $1" "${@:2}"
}
bnames=("a backend selectable under Xen PV with a cli is refused, naming backend, function, instruction and entry mode"
	"a Xen PV backend's cli is refused even where the allow-list names it"
	"a Xen PV backend may use what Xen emulates (rdmsr) where the allow-list names it"
	"a ring-0 backend's cli that the allow-list does not name is refused, naming its entry modes"
	"a ring-0 backend's cli that the allow-list names passes"
	"an object without a backend note is an error, not a pass")
printf '%s\n' 'xpvcli	xpvcli_fn	cli' 'xpvmsr	xpvmsr_fn	rdmsr' 'r0cli	r0cli_fn	cli' > allow-backends
: > allow-none
if [ ! -x "$PVIMAGE" ]; then
	fixture "$PVIMAGE does not exist: build it first (make)" "${bnames[@]/#/backends: }"
elif ! backend xpvcli PVLINK_ENTRY_XEN_PV 'cli' ||
     ! backend xpvmsr 'PVLINK_ENTRY_NATIVE | PVLINK_ENTRY_XEN_PV' 'rdmsr' ||
     ! backend r0cli PVLINK_ENTRY_NATIVE 'cli'; then
	fixture "$CC cannot build the test backends with the kernel's flags" "${bnames[@]/#/backends: }"
else
	bcheck "${bnames[0]}" eval 'run 1 --backends --pvimage "$PVIMAGE" --allow allow-none xpvcli.o &&
		has "xpvcli.o: backend xpvcli: privileged instruction \"cli\" in xpvcli_fn()" &&
		has "selectable under Xen PV (entry xen-pv), where it runs in ring 3: cli faults there"'
	bcheck "${bnames[1]}" eval 'run 1 --backends --pvimage "$PVIMAGE" --allow allow-backends xpvcli.o &&
		has "Xen does not emulate it"'
	bcheck "${bnames[2]}" eval 'run 0 --backends --pvimage "$PVIMAGE" --allow allow-backends xpvmsr.o &&
		run 1 --backends --pvimage "$PVIMAGE" --allow allow-none xpvmsr.o &&
		has "(entry native,xen-pv), where it runs in ring 3: Xen emulates rdmsr, but allow-none does not list it for xpvmsr_fn()"'
	bcheck "${bnames[3]}" eval 'run 1 --backends --pvimage "$PVIMAGE" --allow allow-none r0cli.o &&
		has "backend r0cli: privileged instruction \"cli\" in r0cli_fn()" &&
		has "runs in ring 0 only (entry native), and allow-none does not list cli for r0cli_fn()"'
	bcheck "${bnames[4]}" eval 'run 0 -v --backends --pvimage "$PVIMAGE" --allow allow-backends r0cli.o &&
		has "1 backend(s), 1 privileged instruction(s), all allowed"'
	bcheck "${bnames[5]}" eval 'run 2 --backends --pvimage "$PVIMAGE" kernel/bad.o &&
		has "kernel/bad.o"'
fi

# 10. the real backends, as the build makes them (the top Makefile's
# backend-objs: one object per folder of arch/x86/pvlink/ with a Makefile).
objs=()
for mk in "$srctree"/arch/x86/pvlink/*/Makefile; do
	d=${mk%/Makefile}
	objs+=("$objtree/arch/x86/pvlink/${d##*/}.o")
done
rname="every backend passes against its entry modes"
rseen="the backends' allowed privileged instructions are seen"
missing=$(for o in "${objs[@]}"; do [ -f "$o" ] || echo "$o"; done)
if [ ! -x "$PVIMAGE" ] || [ -n "$missing" ]; then
	fixture "the backends or pvimage are not built: build them first (make)" \
		"backends: $rname" "backends: $rseen"
else
	pcheck "backends: $rname" run 0 --backends --pvimage "$PVIMAGE" "${objs[@]}"
	"$check" -v --backends --pvimage "$PVIMAGE" "${objs[@]}" > "$work/ballowed.out" 2>&1
	grep '^unused allow-list entry' "$work/ballowed.out" | tap_diag
	n=$(grep -c '^allowed: ' "$work/ballowed.out")
	tap_diag "$n allowed privileged instructions in ${#objs[@]} backends"
	# native implements the hardware pv-ops: a checker that sees none is blind.
	tap_check "privcheck: backends: $rseen" [ "$n" -gt 0 ]
fi
tap_done
