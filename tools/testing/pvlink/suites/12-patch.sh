#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2317 # the checks are functions tap_check runs
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
# Uses the objects "make" built in $objtree; the host test programs go
# below $objtree/tools/testing/pvlink/patch (patch/Makefile), this
# suite's own files below $objtree/tools/testing/pvlink/out/patch.
# Prints TAP (lib/tap.sh); the plan follows the last result.
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
objtree=${objtree:-$srctree}
CLANG=${CLANG:-clang}
O=$objtree/tools/testing/pvlink/patch		# the host test programs
W=$objtree/tools/testing/pvlink/out/patch	# this suite's own files
S=$srctree/tools/testing/pvlink/patch
B=$objtree/arch/x86/pvlink
rm -rf "$W"
mkdir -p "$W"
# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$srctree/tools/testing/pvlink/lib/tap.sh"
# shellcheck source=tools/testing/pvlink/lib/kflags.sh
. "$srctree/tools/testing/pvlink/lib/kflags.sh"

# ---- 1. the pure files build as kernel code -----------------------------
srcs=(patch_site patch_inline patch_resolve)
# kobj_clean OBJ OBJS...: OBJS linked into OBJ need only the core, snprintf
# and string functions, and hold no writable data
kobj_clean()
{
	local undef data obj=$1
	shift
	ld -r -o "$obj" "$@" || return 1
	undef=$(nm -u "$obj" | awk '{print $2}' |
		grep -vxE 'memcpy|memset|memcmp|strcmp|snprintf|pvlink_lookup|pvlink_elf_open|pvlink_elf_section|pvlink_elf_section_by_name')
	data=$(nm "$obj" | awk '$2 ~ /^[dDbB]$/ {print $3}')
	[ -z "$undef$data" ] && return 0
	echo "unexpected undefined symbols: $undef; writable data: $data"
	return 1
}
for cc in gcc "$CLANG"; do
	# The kernel's flags (the top Makefile's, lib/kflags.sh), plus
	# -Wshadow and -Wundef.
	if ! kflags "$cc"; then
		tap_error "patch: the kernel's flags for $cc" "make kernelflags failed"
		continue
	fi
	mkdir -p "$W/kbuild/$cc"
	objs=()
	for f in "${srcs[@]}"; do
		tap_check "patch: arch/x86/pvlink/$f.c builds with the kernel's flags, -Wshadow and -Wundef ($cc)" \
			"$cc" "${KFLAGS[@]}" -Wshadow -Wundef -c "$srctree/arch/x86/pvlink/$f.c" \
			-o "$W/kbuild/$cc/$f.o" &&
			objs+=("$W/kbuild/$cc/$f.o")
	done
	name="patch: pure patch code ($cc) needs only the library and lib/ string functions, has no writable globals"
	if [ ${#objs[@]} = ${#srcs[@]} ]; then
		tap_check "$name" kobj_clean "$W/kbuild/$cc/patch.o" "${objs[@]}"
	else
		tap_skip "$name" "a file did not build"
	fi
done

# sparse, given the flags the kernel compiles with (as "make C=1" does).
if ! command -v sparse >/dev/null; then
	tap_skip "patch: sparse" "sparse is not installed"
elif ! kflags gcc; then
	tap_error "patch: sparse" "make kernelflags failed"
else
	for f in "${srcs[@]}" patch patch_result; do
		tap_check "patch: arch/x86/pvlink/$f.c is sparse-clean" \
			sparse -m64 -Wsparse-all -Wsparse-error "${KFLAGS[@]}" \
			"$srctree/arch/x86/pvlink/$f.c"
	done
fi

# ---- 2. host tests ---------------------------------------------------------
out=$(make -C "$S" srctree="$srctree" objtree="$objtree" CLANG="$CLANG" all 2>&1)
rc=$?
[ $rc = 0 ] || printf '%s\n' "$out" | tail -n 20 | tap_diag
if [ $rc != 0 ]; then
	tap_error "patch: build host tests" "make -C tools/testing/pvlink/patch failed"
else
	tap_ok "patch: build host tests"
	exports=$srctree/tools/testing/pvlink/pvimage/native.exports
	# Four backends pvlink_patch_resolve() must refuse.
	printf '%s\n' '.data' '.globl pv_halt' '.type pv_halt, @object' 'pv_halt: .quad 0' \
		'.size pv_halt, 8' > "$W/notfunc.S"
	printf '%s\n' '.section .pvlink.inline, "", @progbits' \
		'.asciz "halt"' '.byte 1' 'hlt' '.asciz "halt"' '.byte 1' 'hlt' \
		'.text' '.globl pv_halt' '.type pv_halt, @function' 'pv_halt: hlt; ret' \
		'.size pv_halt, . - pv_halt' > "$W/duprec.S"
	printf '%s\n' '.section .pvlink.inline, "a", @progbits' \
		'.asciz "halt"' '.byte 1' 'hlt' \
		'.text' '.globl pv_halt' '.type pv_halt, @function' 'pv_halt: hlt; ret' \
		'.size pv_halt, . - pv_halt' > "$W/alloc.S"
	printf '%s\n' '.section .pvlink.inline, "", @progbits' \
		'.asciz "irq_enable"' '.byte 1' 'sti' \
		'.text' '.globl pv_halt' '.type pv_halt, @function' 'pv_halt: hlt; ret' \
		'.size pv_halt, . - pv_halt' > "$W/orphan.S"
	bad=()
	for b in notfunc duprec alloc orphan; do
		as -o "$W/$b.o" "$W/$b.S" 2>&1 | tap_diag
		[ -s "$W/$b.o" ] && bad+=("$W/$b.o")
	done
	# Without the build's backends or the four above, the programs run
	# their tests of hand-made inputs only, and that is an ERROR.
	args=()
	if [ ! -e "$B/native.o" ] || [ ! -e "$B/test.o" ]; then
		tap_error "patch: the native+test stack and the bad backends" \
			"$B/native.o or test.o is missing (run make)"
	elif [ ${#bad[@]} != 4 ]; then
		tap_error "patch: the native+test stack and the bad backends" \
			"the bad backends did not assemble"
	else
		args=("$B/native.o" "$B/test.o" "$exports" "${bad[@]}")
	fi
	# Each prints its plan first; a crash, a sanitizer's report, a short
	# or long count fails here, naming the program.
	tap_prog --tests "patch" "$O/patch_test" "patch" "${args[@]}"
	tap_prog --tests "patch: asan+ubsan" "$O/patch_test_asan" "patch: asan+ubsan" "${args[@]}"
fi

# ---- 3. the NOP table, decoded by binutils ---------------------------------
# Each length of asm/pvlink.h's table is one NOP instruction.
nops=("90" "66 90" "0f 1f 00" "0f 1f 40 00" "0f 1f 44 00 00")
for n in 1 2 3 4 5; do
	bytes=${nops[$((n - 1))]}
	# shellcheck disable=SC2086 # one word per byte
	printf '%b' "$(printf '\\x%s' $bytes)" > "$W/nop$n.bin"
	out=$(objdump -D -b binary -m i386:x86-64 "$W/nop$n.bin" | grep -E '^ +[0-9a-f]+:')
	[ "$(echo "$out" | wc -l)" = 1 ] && echo "$out" | grep -qE '\s(nop|xchg +%ax,%ax|data16 nop)'
	rc=$?
	[ $rc = 0 ] || echo "$out" | tap_diag
	tap_result $rc "patch: the $n-byte NOP ($bytes) decodes as one NOP"
done
tap_check "patch: patch_site.c holds the table this suite decodes" \
	grep -q "{ 0x0f, 0x1f, 0x44, 0x00, 0x00 }" "$srctree/arch/x86/pvlink/patch_site.c"

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
	local raw="$W/inline.bin"
	objcopy --dump-section .pvlink.inline="$raw" "$1" "$W/inline.tmp.o" || return 1
	/usr/bin/python3 - "$raw" "$W" <<'EOF'
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
if [ ! -e "$B/native.o" ]; then
	tap_error "patch: native.o's bodies" "$B/native.o is missing (run make)"
elif ! got=$(bodies_of "$B/native.o") || [ -z "$got" ]; then
	tap_error "patch: native.o's bodies" "objcopy or the decoder failed on $B/native.o"
else
	while IFS= read -r line; do
		name=${line%%:*}
		have=$(printf '%s\n' "$got" | grep "^$name:")
		[ "$have" = "$line" ] || echo "got \"$have\"" | tap_diag
		[ "$have" = "$line" ]
		tap_result $? "patch: native.o's body for $name is \"${line#*:}\""
	done <<< "$want_bodies"
	extra=$(printf '%s\n' "$got" | grep -vxF "$want_bodies")
	[ -z "$extra" ] || echo "$extra" | tap_diag
	[ -z "$extra" ]
	tap_result $? "patch: native.o has no body this suite does not know"
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
	objdump -d --no-show-raw-insn "$1" > "$W/native.dis" || return 1
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
' "$W/native.dis"
}
# One line per record, or the comparison is broken.
if [ ! -e "$B/native.o" ]; then
	tap_error "patch: native's bodies against its functions" "$B/native.o is missing (run make)"
elif ! same_as_function "$B/native.o" > "$W/same.out" ||
     [ "$(wc -l < "$W/same.out")" != "$(printf '%s\n' "$got" | grep -c .)" ]; then
	tap_diag < "$W/same.out"
	tap_error "patch: native's bodies against its functions" \
		"the comparison failed or did not give one line per record"
else
	while IFS= read -r line; do
		op=${line#* }
		op=${op%%:*}
		op=${op%% *}
		case $line in
		ok*)
			tap_ok "patch: native's body for $op is what pv_$op executes${line#ok "$op"}" ;;
		*)
			echo "$line" | tap_diag
			tap_fail "patch: native's body for $op is what pv_$op executes" ;;
		esac
	done < "$W/same.out"
fi

# ---- 5. the site-table generator -------------------------------------------
T=$W/tables
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
	tap_error "$forms_name" "$PVIMAGE is missing (run make)"
	tap_error "$bad_name" "$PVIMAGE is missing (run make)"
	tap_done
fi
if tables forms; then
	# struct pvlink_site lines: ".byte TYPE, FORM" then "/* name */".
	forms=$(grep -A1 '^	\.byte [0-9]*, [0-9]*$' "$T/forms.tables.S" |
		awk '/\.byte/ { f = $3 } /\.short/ { print f, $4 }' | tr -d ',' | tr '\n' ' ')
	if [ "$forms" = "0 pv_irq_disable 2 pv_halt 1 pv_halt 2 pv_halt " ]; then
		tap_ok "$forms_name"
	else
		echo "forms: $forms" | tap_diag
		tap_diag < "$T/forms.tables.S"
		tap_fail "$forms_name"
	fi
else
	tap_diag < "$T/forms.err"
	tap_fail "$forms_name"
fi
tables bad
rc=$?
if [ $rc = 0 ]; then
	echo "it succeeded" | tap_diag
	tap_fail "$bad_name"
elif [ $rc = 1 ] && grep -q "^pvimage tables: $T/bad.elf: odd_user+0x1 (section .text) refers to pv-op pv_irq_disable with relocation type 24 (R_X86_64_PC64)" "$T/bad.err"; then
	tap_ok "$bad_name"
else
	echo "exit $rc (expected 1)" | tap_diag
	tap_diag < "$T/bad.err"
	tap_fail "$bad_name"
fi
tap_done
