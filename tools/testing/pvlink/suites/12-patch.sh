#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Suite 12: patching the kernel's pv-op sites, on the host.
#
#  - arch/x86/pvlink/patch_*.c (the pure part of patching) build with the
#    kernel's flags under GCC and Clang and need nothing but the core and
#    snprintf, with no writable globals;
#  - host tests of that same code (plain, and ASan+UBSan): every site
#    form, inline bodies with every NOP length, overflow, wrong opcode,
#    wrong current target, bad site tables, bad inline records and
#    sections, nothing written on any error, and the real native+test
#    stack linked by the real core (a body comes from the defining
#    object only); 20000 mutated objects and 20000 random site tables
#    (no crash, nothing read outside, refusals write nothing);
#  - the NOP table decodes as one NOP instruction per length (objdump);
#  - native.o's inline bodies disassemble to the documented instructions;
#  - "pvimage tables" (the kernel build's table generator) classifies
#    call/jmp/other forms and refuses (exit 1), naming file, function and
#    relocation type, a pv-op relocation it cannot describe.
#
# Uses the objects "make" built in $objtree; writes only below
# $objtree/tools/testing/pvlink/patch.  Prints TAP lines.
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
objtree=${objtree:-$srctree}
CLANG=${CLANG:-clang}
O=$objtree/tools/testing/pvlink/patch
S=$srctree/tools/testing/pvlink/patch
B=$objtree/arch/x86/pvlink
mkdir -p "$O"

ok()	{ echo "ok - $*"; }
notok()	{ echo "not ok - $*"; }
diag()	{ sed 's/^/# /'; }
check()	# check NAME CMD...: one TAP line from a command's status
{
	local name=$1 out rc
	shift
	out=$("$@" 2>&1)
	rc=$?
	if [ $rc = 0 ]; then
		ok "$name"
	else
		printf '%s\n' "$out" | tail -n 20 | diag
		notok "$name"
	fi
	return $rc
}

# ---- 1. the pure files build as kernel code -----------------------------
srcs=(patch_site patch_inline patch_resolve)
# The kernel's flags (the top Makefile's, lib/kflags.sh), plus -Wshadow
# and -Wundef.
# shellcheck source=tools/testing/pvlink/lib/kflags.sh
. "$srctree/tools/testing/pvlink/lib/kflags.sh"
kbuild()	# kbuild CC SRC OBJ
{
	kflags "$1" || { echo "make kernelflags failed for $1"; return 1; }
	"$1" "${KFLAGS[@]}" -Wshadow -Wundef -c "$2" -o "$3"
}
kobj_clean()	# kobj_clean OBJ: only the core, snprintf and string functions; no writable data
{
	local undef data
	undef=$(nm -u "$1" | awk '{print $2}' |
		grep -vxE 'memcpy|memset|memcmp|strcmp|snprintf|pvlink_lookup|pvlink_elf_open|pvlink_elf_section|pvlink_elf_section_by_name')
	data=$(nm "$1" | awk '$2 ~ /^[dDbB]$/ {print $3}')
	[ -z "$undef$data" ] && return 0
	echo "unexpected undefined symbols: $undef; writable data: $data"
	return 1
}
for cc in gcc "$CLANG"; do
	mkdir -p "$O/kbuild/$cc"
	objs=()
	for f in "${srcs[@]}"; do
		check "patch: arch/x86/pvlink/$f.c builds with the kernel's flags, -Wshadow and -Wundef ($cc)" \
			kbuild "$cc" "$srctree/arch/x86/pvlink/$f.c" "$O/kbuild/$cc/$f.o" &&
			objs+=("$O/kbuild/$cc/$f.o")
	done
	if [ ${#objs[@]} = ${#srcs[@]} ] && ld -r -o "$O/kbuild/$cc/patch.o" "${objs[@]}"; then
		check "patch: pure patch code ($cc) needs only the library and lib/ string functions, has no writable globals" \
			kobj_clean "$O/kbuild/$cc/patch.o"
	else
		notok "patch: pure patch code ($cc) needs only the library and lib/ string functions, has no writable globals"
	fi
done

if command -v sparse >/dev/null; then
	for f in "${srcs[@]}" patch patch_result; do
		check "patch: arch/x86/pvlink/$f.c is sparse-clean" \
			sparse -Wsparse-all -Wsparse-error -ffreestanding -nostdinc \
			-isystem "$(gcc -print-file-name=include)" -I"$objtree/include" \
			-I"$srctree/include" \
			-I"$srctree/arch/x86/include" -D__KERNEL__ -m64 \
			-include "$srctree/include/linux/kconfig.h" "$srctree/arch/x86/pvlink/$f.c"
	done
else
	ok "patch: sparse # SKIP sparse is not installed"
fi

# ---- 2. host tests ---------------------------------------------------------
if check "patch: build host tests" \
	make -C "$S" srctree="$srctree" objtree="$objtree" CLANG="$CLANG" all; then
	exports=$srctree/tools/testing/pvlink/pvimage/native.exports
	# Four backends pvlink_patch_resolve() must refuse.
	printf '%s\n' '.data' '.globl pv_halt' '.type pv_halt, @object' 'pv_halt: .quad 0' \
		'.size pv_halt, 8' > "$O/notfunc.S"
	printf '%s\n' '.section .pvlink.inline, "", @progbits' \
		'.asciz "halt"' '.byte 1' 'hlt' '.asciz "halt"' '.byte 1' 'hlt' \
		'.text' '.globl pv_halt' '.type pv_halt, @function' 'pv_halt: hlt; ret' \
		'.size pv_halt, . - pv_halt' > "$O/duprec.S"
	printf '%s\n' '.section .pvlink.inline, "a", @progbits' \
		'.asciz "halt"' '.byte 1' 'hlt' \
		'.text' '.globl pv_halt' '.type pv_halt, @function' 'pv_halt: hlt; ret' \
		'.size pv_halt, . - pv_halt' > "$O/alloc.S"
	printf '%s\n' '.section .pvlink.inline, "", @progbits' \
		'.asciz "irq_enable"' '.byte 1' 'sti' \
		'.text' '.globl pv_halt' '.type pv_halt, @function' 'pv_halt: hlt; ret' \
		'.size pv_halt, . - pv_halt' > "$O/orphan.S"
	bad=()
	for b in notfunc duprec alloc orphan; do
		as -o "$O/$b.o" "$O/$b.S" && bad+=("$O/$b.o")
	done
	if [ -e "$B/native.o" ] && [ -e "$B/test.o" ] && [ ${#bad[@]} = 4 ]; then
		args=("$B/native.o" "$B/test.o" "$exports" "${bad[@]}")
	else
		args=()
	fi
	# run_host PROG LABEL: its TAP lines (names prefixed with LABEL), and
	# a failure if it did not run to its end (a crash, a sanitizer).
	run_host()
	{
		local out rc
		out=$("$1" "${args[@]}" 2>&1)
		rc=$?
		printf '%s\n' "$out" | sed -e "s/^\(not \)\?ok - patch: /&$2/" \
			-e '/^\(not \)\?ok - \|^# /!s/^/# /'
		if ! printf '%s\n' "$out" | grep -q '^# patch_test: ran to the end'; then
			notok "patch: ${2}host tests ran to the end (status $rc)"
		fi
	}
	run_host "$O/patch_test" ""
	run_host "$O/patch_test_asan" "asan+ubsan: "
fi

# ---- 3. the NOP table, decoded by binutils ---------------------------------
# Each length of asm/pvlink.h's table is one NOP instruction.
nops=("90" "66 90" "0f 1f 00" "0f 1f 40 00" "0f 1f 44 00 00")
for n in 1 2 3 4 5; do
	bytes=${nops[$((n - 1))]}
	# shellcheck disable=SC2086 # one word per byte
	printf '%b' "$(printf '\\x%s' $bytes)" > "$O/nop$n.bin"
	out=$(objdump -D -b binary -m i386:x86-64 "$O/nop$n.bin" | grep -E '^ +[0-9a-f]+:')
	if [ "$(echo "$out" | wc -l)" = 1 ] && echo "$out" | grep -qE '\s(nop|xchg +%ax,%ax|data16 nop)'; then
		ok "patch: the $n-byte NOP ($bytes) decodes as one NOP"
	else
		echo "$out" | diag
		notok "patch: the $n-byte NOP ($bytes) decodes as one NOP"
	fi
done
if grep -q "{ 0x0f, 0x1f, 0x44, 0x00, 0x00 }" "$srctree/arch/x86/pvlink/patch_site.c"; then
	ok "patch: patch_site.c holds the table this suite decodes"
else
	notok "patch: patch_site.c holds the table this suite decodes"
fi

# ---- 4. native.o's bodies, disassembled ------------------------------------
# name:instructions, as objdump prints them (AT&T, one per ';').
# shellcheck disable=SC2016 # $0x80 is an operand, not an expansion
want_bodies='irq_disable:cli
irq_enable:sti
irq_save:pushf;pop %rax;cli
safe_halt:sti;hlt
halt:hlt
read_cr0:mov %cr0,%rax
write_cr0:mov %rdi,%cr0
read_cr2:mov %cr2,%rax
write_cr2:mov %rdi,%cr2
read_cr3:mov %cr3,%rax
write_cr3:mov %rdi,%cr3
read_cr4:mov %cr4,%rax
write_cr4:mov %rdi,%cr4
flush_tlb_one:invlpg (%rdi)
set_pte:mov %rsi,(%rdi)
read_pte:mov (%rdi),%rax
pt_alloc:nopl 0x0(%rax,%rax,1)
pt_free:xor %eax,%eax
inb:mov %edi,%edx;in (%dx),%al
inw:mov %edi,%edx;in (%dx),%ax
inl:mov %edi,%edx;in (%dx),%eax
outb:mov %edi,%eax;mov %esi,%edx;out %al,(%dx)
outl:mov %edi,%eax;mov %esi,%edx;out %eax,(%dx)
outw:mov %edi,%eax;mov %esi,%edx;out %ax,(%dx)
io_delay:xor %eax,%eax;out %al,$0x80'
bodies_of()	# bodies_of OBJ: "name:insn;insn" per record of .pvlink.inline
{
	local raw="$O/inline.bin"
	objcopy --dump-section .pvlink.inline="$raw" "$1" "$O/inline.tmp.o" || return 1
	/usr/bin/python3 - "$raw" "$O" <<'EOF'
import subprocess, sys
data = open(sys.argv[1], 'rb').read()
off = 0
while off < len(data):
    end = data.index(b'\0', off)
    name = data[off:end].decode()
    n = data[end + 1]
    body = data[end + 2:end + 2 + n]
    off = end + 2 + n
    path = sys.argv[2] + '/body.bin'
    open(path, 'wb').write(body)
    out = subprocess.check_output(['objdump', '-D', '-b', 'binary', '-m', 'i386:x86-64', path]).decode()
    insns = []
    for line in out.splitlines():
        parts = line.split('\t')
        if len(parts) >= 3 and parts[0].strip().endswith(':'):
            insns.append(' '.join(parts[2].split()))
    print('%s:%s' % (name, ';'.join(insns)))
EOF
}
if [ -e "$B/native.o" ]; then
	got=$(bodies_of "$B/native.o")
	while IFS= read -r line; do
		name=${line%%:*}
		have=$(printf '%s\n' "$got" | grep "^$name:")
		if [ "$have" = "$line" ]; then
			ok "patch: native.o's body for $name is \"${line#*:}\""
		else
			echo "got \"$have\"" | diag
			notok "patch: native.o's body for $name is \"${line#*:}\""
		fi
	done <<< "$want_bodies"
	extra=$(printf '%s\n' "$got" | grep -vxF "$want_bodies")
	if [ -z "$extra" ]; then
		ok "patch: native.o has no body this suite does not know"
	else
		echo "$extra" | diag
		notok "patch: native.o has no body this suite does not know"
	fi
else
	ok "patch: native.o's bodies # SKIP $B/native.o is missing (run make)"
fi

# ---- 4b. each native body is what native's function executes --------------
# The body replaces a call of pv_<op>: it must do what that function
# does.  Compare each record with the function's own instructions up to
# its ret, ignoring a frame-pointer prologue/epilogue and padding; the
# order may differ only between independent moves (Clang orders them
# its own way).  A function that branches has no body that does the
# same (irq_restore: arch/x86/pvlink/native/inline.c), so a record for
# one is a failure.
same_as_function()	# same_as_function OBJ: one "ok/mismatch NAME: ..." line per record
{
	objdump -d --no-show-raw-insn "$1" > "$O/native.dis" || return 1
	bodies_of "$1" | /usr/bin/python3 -c '
import re, sys
funcs, name = {}, None
for line in open(sys.argv[1]):
    m = re.match(r"^[0-9a-f]+ <(pv_[a-z0-9_]+)>:", line)
    if m:
        name = m.group(1)
        funcs[name] = []
        continue
    m = re.match(r"^ +[0-9a-f]+:\t(.*)$", line)
    if m and name:
        funcs[name].append(" ".join(m.group(1).split()))
frame = {"push %rbp", "mov %rsp,%rbp", "pop %rbp"}
for rec in sys.stdin.read().split("\n"):
    if ":" not in rec:
        continue
    op, body = rec.split(":", 1)
    # A body of NOPs does nothing, as an empty function (pt_alloc).
    body = [i for i in body.split(";") if not i.startswith("nop")]
    insns = []
    for i in funcs.get("pv_" + op, []):
        if i.startswith("ret"):
            break
        if i in frame or i.startswith("nop") or i.startswith("xchg %ax,%ax"):
            continue
        insns.append(i)
    branches = [i for i in insns if re.match(r"j[a-z]+ ", i)]
    if branches:
        print("branches %s: %s" % (op, "; ".join(insns)))
    elif insns == body:
        print("ok %s" % op)
    elif sorted(insns) == sorted(body) and all(i.startswith("mov ") for i in insns if i not in body[-1:]):
        print("ok %s (its moves in another order)" % op)
    else:
        print("mismatch %s: function %s" % (op, "; ".join(insns)))
' "$O/native.dis"
}
if [ -e "$B/native.o" ]; then
	while IFS= read -r line; do
		op=${line#* }
		op=${op%%:*}
		op=${op%% *}
		case $line in
		ok*)
			ok "patch: native's body for $op is what pv_$op executes${line#ok "$op"}" ;;
		*)
			echo "$line" | diag
			notok "patch: native's body for $op is what pv_$op executes" ;;
		esac
	done < <(same_as_function "$B/native.o")
else
	ok "patch: native's bodies against its functions # SKIP $B/native.o is missing (run make)"
fi

# ---- 5. the site-table generator -------------------------------------------
T=$O/tables
mkdir -p "$T"
cat > "$T/forms.S" <<'EOF'
	.section .pvlink.pvops, "", @progbits
	.asciz "pv_irq_disable"
	.asciz "pv_halt"
	.section .text.pvops, "ax", @progbits
	.globl pv_irq_disable, pv_halt
	.type pv_irq_disable, @function
pv_irq_disable:
	ret
	.size pv_irq_disable, . - pv_irq_disable
	.type pv_halt, @function
pv_halt:
	ret
	.size pv_halt, . - pv_halt
	.text
	.globl _start
	.type _start, @function
_start:
	call pv_irq_disable
	lea pv_halt(%rip), %rax
	jmp pv_halt
	.size _start, . - _start
	.data
	.quad pv_halt
EOF
cat > "$T/bad.S" <<'EOF'
	.section .pvlink.pvops, "", @progbits
	.asciz "pv_irq_disable"
	.section .text.pvops, "ax", @progbits
	.globl pv_irq_disable
	.type pv_irq_disable, @function
pv_irq_disable:
	ret
	.size pv_irq_disable, . - pv_irq_disable
	.text
	.globl _start
	.type _start, @function
_start:
	ret
	.size _start, . - _start
	.type odd_user, @function
odd_user:
	nop
	/* a 64-bit PC-relative use: R_X86_64_PC64, no site form describes it */
	.quad pv_irq_disable - .
	.size odd_user, . - odd_user
EOF
PVIMAGE=$objtree/scripts/pvimage/pvimage
tables()	# tables NAME: assemble, link keeping relocations, generate
{
	as -o "$T/$1.o" "$T/$1.S" && ld -q -o "$T/$1.elf" "$T/$1.o" &&
	"$PVIMAGE" tables --vmlinux "$T/$1.elf" > "$T/$1.tables.S" 2> "$T/$1.err"
}
forms_name="patch: pvimage tables: call, lea, jmp and data uses get forms call, other, jmp, other"
bad_name="patch: pvimage tables refuses an R_X86_64_PC64 use of a pv-op (exit 1), naming file, function and type"
if [ ! -x "$PVIMAGE" ]; then
	ok "$forms_name # SKIP $PVIMAGE is missing (run make)"
	ok "$bad_name # SKIP $PVIMAGE is missing (run make)"
	exit 0
fi
if tables forms; then
	# struct pvlink_site lines: ".byte TYPE, FORM" then "/* name */".
	forms=$(grep -A1 '^	\.byte [0-9]*, [0-9]*$' "$T/forms.tables.S" |
		awk '/\.byte/ { f = $3 } /\.short/ { print f, $4 }' | tr -d ',' | tr '\n' ' ')
	if [ "$forms" = "0 pv_irq_disable 2 pv_halt 1 pv_halt 2 pv_halt " ]; then
		ok "$forms_name"
	else
		echo "forms: $forms" | diag
		diag < "$T/forms.tables.S"
		notok "$forms_name"
	fi
else
	diag < "$T/forms.err"
	notok "$forms_name"
fi
tables bad
rc=$?
if [ $rc = 0 ]; then
	echo "it succeeded" | diag
	notok "$bad_name"
elif [ $rc = 1 ] && grep -q "^pvimage tables: $T/bad.elf: odd_user+0x1 (section .text) refers to pv-op pv_irq_disable with relocation type 24 (R_X86_64_PC64)" "$T/bad.err"; then
	ok "$bad_name"
else
	echo "exit $rc (expected 1)" | diag
	diag < "$T/bad.err"
	notok "$bad_name"
fi
