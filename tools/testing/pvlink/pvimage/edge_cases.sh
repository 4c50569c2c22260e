#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2317 # the checks are functions tap_check runs
#
# pvimage's edge cases, run by suite 40 (each case is a defect once found
# in the tool, see Documentation/pvimage.rst for the rules asserted):
#
#  - export lists: nm's undefined lines are skipped, local symbols (many
#    of one name in "nm vmlinux") are not exports, "nm vmlinux" works as
#    it is, a global listed twice and a name over 511 bytes each get
#    their own error;
#  - layout: a link that would pass 2^64 is refused naming the region
#    that does, never a --region that was not given; --region below
#    --addr is a usage error for every region;
#  - bss is never staged: a 2 GiB .bss links fast in little memory; OUT
#    and each staged region are refused above 1 GiB with their own error;
#  - the three relocation cases where pvlink and GNU ld could differ
#    (Documentation/pvlink.rst, "Relocations"): two relocations writing
#    the same bytes, a plain R_X86_64_GOTPCREL on mov (relaxed to lea, as
#    ld does, checked against ld by ld_oracle.py --relax), an absolute
#    symbol out of imm32 reach through GOTPCRELX (lea; ld keeps the GOT).
#
# Usage: edge_cases.sh (srctree, objtree and CC from the environment, as
# for a suite).  Writes below $objtree/tools/testing/pvlink/out/pvimage-edge.
# Prints TAP lines.
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
objtree=${objtree:-$srctree}
PVIMAGE=$objtree/scripts/pvimage/pvimage
B=$objtree/arch/x86/pvlink
O=$objtree/tools/testing/pvlink/out/pvimage-edge
EXPORTS=$here/native.exports
# The line a list made of it plus one more entry has that entry on.
NEXT=$(( $(wc -l < "$EXPORTS") + 1 ))
rm -rf "$O"
mkdir -p "$O"
# shellcheck source=tools/testing/pvlink/lib/kflags.sh
. "$srctree/tools/testing/pvlink/lib/kflags.sh"

# Results through lib/tap.sh, the plan after the last one; exit status 1
# if one failed.  Suite 40 runs this script as a test program (tap_prog):
# it runs whole, so no PVLINK_TEST here (tap_prog selects from its
# results, which is why each name starts as the program's does).
unset PVLINK_TEST
# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$srctree/tools/testing/pvlink/lib/tap.sh"
# refuse NAME RC PATTERN CMD...: the command exits RC and its stderr matches PATTERN
refuse()
{
	local name=$1 rc=$2 pat=$3 out got
	shift 3
	out=$("$@" 2>&1 >/dev/null)
	got=$?
	if [ "$got" = "$rc" ] && printf '%s\n' "$out" | grep -qE -- "$pat"; then
		tap_ok "$name"
	else
		printf 'exit %s (expected %s), stderr:\n%s\n' "$got" "$rc" "$out" | tap_diag
		tap_fail "$name"
	fi
}
asm()	# asm NAME [AS-OPTION...]: assemble stdin into $O/NAME.o
{
	local name=$1
	shift
	as --64 "$@" -o "$O/$name.o" -
}
link()	# link EXPORTS ADDR OUT OBJ... [--options]
{
	local exports=$1 addr=$2 out=$3
	shift 3
	"$PVIMAGE" link --exports "$exports" --addr "$addr" -o "$O/$out" "$@"
}

for f in "$PVIMAGE" "$B/native.o" "$objtree/vmlinux"; do
	if [ ! -e "$f" ]; then
		tap_error "edge: build products present" "$f is missing: run make (CONFIG_PVLINK=y) first"
		tap_done
	fi
done

# ---- export lists ------------------------------------------------------
# nm prints an undefined symbol as "U NAME" (weak ones: w, v) with the
# address blank: two fields.
{ cat "$EXPORTS"; printf '                 U memcpy\n                 w maybe\n'; } > "$O/undef.exports"
tap_check "edge: export list: nm's undefined lines (\"                 U memcpy\") are skipped" \
	link "$O/undef.exports" 0x2000000 undef.bin "$B/native.o"
# Two static functions of one name, as in every kernel's nm output.
{ cat "$EXPORTS"; printf '0000000000001000 t helper\n0000000000002000 t helper\n'; } \
	> "$O/locals.exports"
tap_check "edge: export list: two local symbols of one name (t helper) are accepted" \
	link "$O/locals.exports" 0x2000000 locals.bin "$B/native.o"
# A local symbol is not an export: a backend using it is refused.
sed 's/ T printk$/ t printk/' "$EXPORTS" > "$O/localprintk.exports"
refuse "edge: export list: a local symbol (t printk) is not an export" 1 \
	"native.o.*printk.*not exported" \
	link "$O/localprintk.exports" 0x2000000 x.bin "$B/native.o"
# "nm vmlinux" as it is (with the percpu mark the docs ask for), although
# it lists local names more than once.
nm "$objtree/vmlinux" > "$O/nm.raw"
if [ -n "$(awk '$2 ~ /^[a-z]$/ { print $3 }' "$O/nm.raw" | sort | uniq -d | head -n1)" ]; then
	tap_ok "edge: nm vmlinux lists some local name twice (what the next case needs)"
else
	tap_fail "edge: nm vmlinux lists some local name twice (what the next case needs)"
fi
awk '$3 == "cpu_number" { $0 = $0 " percpu" } { print }' "$O/nm.raw" > "$O/vmlinux.exports"
tap_check "edge: export list: nm vmlinux output as it is links native.o" \
	link "$O/vmlinux.exports" 0x2000000 nm.bin "$B/native.o"
{ cat "$EXPORTS"; printf '0000000000001000 T printk\n'; } > "$O/twice.exports"
refuse "edge: export list: a global symbol listed twice is refused, naming both lines" 4 \
	"twice.exports:$NEXT: global symbol printk is already listed on line 3" \
	link "$O/twice.exports" 0x2000000 x.bin "$B/native.o"
{ cat "$EXPORTS"; printf '0000000000001000 T %s\n' "$(printf '%600s' '' | tr ' ' a)"; } \
	> "$O/long.exports"
refuse "edge: export list: a 600-byte name gets its own error (more than 511)" 4 \
	"long.exports:$NEXT: the name is 600 bytes long, more than the 511" \
	link "$O/long.exports" 0x2000000 x.bin "$B/native.o"
{ cat "$EXPORTS"; printf '0000000000001000 T %s\n' "$(printf '%511s' '' | tr ' ' a)"; } \
	> "$O/max.exports"
tap_check "edge: export list: a 511-byte name is accepted" \
	link "$O/max.exports" 0x2000000 max.bin "$B/native.o"

# ---- automatic layout and 2^64 -------------------------------------------
: > "$O/empty.exports"
# 11 bytes of text (movabs $bssvar, %rax; ret), a 16-byte .bss aligned
# to 64: from 0xffffffffffffffc0, bss would start at 2^64.
asm wrapbss <<'EOF'
	.text
	.globl	f
f:	movabs	$bssvar, %rax
	ret
	.bss
	.balign	64
bssvar:	.zero	16
EOF
refuse "edge: layout: bss aligned past 2^64 is refused (exit 1), naming bss and the text before it" 1 \
	"the link does not fit below 2\\^64: bss \\(0x10 bytes, 64-byte aligned\\) would start at 2\\^64, after text ends at" \
	link "$O/empty.exports" 0xffffffffffffffc0 x.bin "$O/wrapbss.o"
asm wrapdata <<'EOF'
	.text
	.globl	f
f:	movabs	$datavar, %rax
	ret
	.data
	.balign	64
datavar: .quad	1, 2
EOF
refuse "edge: layout: data aligned past 2^64 is refused naming data, not a --region never given" 1 \
	"the link does not fit below 2\\^64: data \\(0x10 bytes, 64-byte aligned\\) would start at 2\\^64" \
	link "$O/empty.exports" 0xffffffffffffffc0 x.bin "$O/wrapdata.o"
if link "$O/empty.exports" 0xffffffffffffffc0 x.bin "$O/wrapdata.o" 2>&1 | grep -q -- --region; then
	tap_fail "edge: layout: the same wrap does not mention --region"
else
	tap_ok "edge: layout: the same wrap does not mention --region"
fi
refuse "edge: layout: text running past 2^64 is refused naming text" 1 \
	"the link does not fit below 2\\^64: text \\(0x[0-9a-f]+ bytes\\) at 0xfffffffffffffff8 runs past" \
	link "$O/empty.exports" 0xfffffffffffffff8 x.bin "$O/wrapdata.o"
asm moredata <<'EOF'
	.data
	.balign	64
	.globl	more
more:	.zero	128
EOF
refuse "edge: layout: --region data=ADDR running past 2^64 is refused naming the option" 1 \
	"the link does not fit below 2\\^64: --region data=0xffffffffffffffc0: its 0x80 bytes run past" \
	link "$O/empty.exports" 0x1000 x.bin "$O/moredata.o" --region data=0xffffffffffffffc0
tap_check "edge: layout: the same object links where it fits (bss right below 2^64)" \
	link "$O/empty.exports" 0xffffffffffffff00 fits.bin "$O/wrapbss.o"
for r in text rodata got data bss; do
	refuse "edge: layout: --region $r=ADDR below --addr is a usage error (exit 2)" 2 \
		"--region $r=0x1000 is below --addr 0x2000000" \
		link "$EXPORTS" 0x2000000 x.bin "$B/native.o" --region $r=0x1000
done

# ---- bss is never staged; the size limit --------------------------------
asm bigbss <<'EOF'
	.text
	.globl	f
f:	movabs	$big, %rax
	ret
	.bss
	.balign	64
big:	.zero	0x80000000
EOF
bigbss()
{
	/usr/bin/time -f '%e %M' -o "$O/bigbss.time" \
		"$PVIMAGE" link --exports "$O/empty.exports" --addr 0x1000000 -o "$O/bigbss.bin" \
		"$O/bigbss.o" || return 1
	read -r secs kib < "$O/bigbss.time"
	echo "# 2 GiB .bss: ${secs} s, ${kib} KiB resident; object $(stat -c %s "$O/bigbss.o") bytes"
	grep -q '^region bss 0x[0-9a-f]* 0x80000000 ' "$O/bigbss.bin.map" &&
		[ "$(stat -c %s "$O/bigbss.bin")" -lt 4096 ] &&
		[ "$kib" -lt 65536 ] && awk -v s="$secs" 'BEGIN { exit !(s < 2) }'
}
if [ -x /usr/bin/time ]; then
	tap_check "edge: bss: a 2 GiB .bss links in under 2 s and 64 MiB resident, and is not in OUT" bigbss
else
	tap_skip "edge: bss: a 2 GiB .bss links fast" "no /usr/bin/time"
fi
# verify links every stack too: a backend with a 2 GiB .bss, stacked on
# native (its only problem: it is not in this kernel's allow-list).
cat > "$O/bigbss_backend.c" <<'EOF'
// SPDX-License-Identifier: GPL-2.0
#include <linux/pvlink_backend.h>

void pv_io_delay(void);

PVLINK_BACKEND(bigbss, .entry = PVLINK_ENTRY_NATIVE, .priority = -10,
	       .requires = "native");

unsigned char bigbss_buf[1ul << 31];

void pv_io_delay(void)
{
	asm volatile("incb %0" : "+m"(bigbss_buf[12345]));
}
EOF
verify_bigbss()
{
	kflags "${CC:-gcc}" || return 1
	"${CC:-gcc}" "${KFLAGS[@]}" -c "$O/bigbss_backend.c" -o "$O/bigbss_backend.tmp.o" &&
	ld -m elf_x86_64 -r -o "$O/bigbss.backend.o" "$O/bigbss_backend.tmp.o" &&
	"$PVIMAGE" create -o "$O/bigbss.img" "$B/native.o" "$O/bigbss.backend.o" || return 1
	/usr/bin/time -f '%e %M' -o "$O/verify.time" \
		"$PVIMAGE" verify --kernel "$objtree/vmlinux" "$O/bigbss.img" > "$O/verify.out" 2>&1
	read -r secs kib < <(tail -n 1 "$O/verify.time")
	echo "# verify, 2 GiB .bss: ${secs} s, ${kib} KiB resident"
	grep -q "backend bigbss is not bound to this kernel" "$O/verify.out" &&
		! grep -q "stack native+bigbss" "$O/verify.out" &&
		[ "$kib" -lt 65536 ] && awk -v s="$secs" 'BEGIN { exit !(s < 2) }' && return 0
	cat "$O/verify.out"
	return 1
}
if [ -x /usr/bin/time ]; then
	tap_check "edge: bss: verify links a stack with a 2 GiB .bss in under 2 s and 64 MiB resident" \
		verify_bigbss
fi
refuse "edge: size: OUT over 1 GiB is refused with its own error" 1 \
	"OUT would be 0x[0-9a-f]+ bytes .*more than the 1024 MiB pvimage writes" \
	link "$O/empty.exports" 0x1000 x.bin "$O/wrapdata.o" --region data=0x80000000
# (as warns that a .data* name is NOBITS: -W, that is the point)
asm bigpercpu -W <<'EOF'
	.text
	.globl	f
f:	ret
	.section .data..percpu..bss,"aw",@nobits
	.balign	64
pcpu:	.zero	0x50000000
EOF
refuse "edge: size: a staged region over 1 GiB (percpu) is refused with its own error" 1 \
	"region percpu is 0x50000000 bytes, more than the 1024 MiB" \
	link "$O/empty.exports" 0x1000 x.bin "$O/bigpercpu.o" --percpu-size 0x100000000

# ---- relocation edge cases ------------------------------------------------
# bytes OUT ADDR SYMBOL N: N bytes of OUT (linked at ADDR) at SYMBOL, hex
bytes()
{
	local at
	at=$(awk -v s="$3" '$1 == "symbol" && $3 == s { print $4 }' "$1.map")
	[ -n "$at" ] || return 1
	od -An -v -tx1 -j $((at - $2)) -N "$4" "$1" | tr -d ' \n'
}
# le32 VALUE: the 4 little-endian bytes of a 32-bit value, hex
le32()
{
	printf '%08x' $(($1 & 0xffffffff)) | sed 's/\(..\)\(..\)\(..\)\(..\)/\4\3\2\1/'
}
# hasbytes NAME OUT ADDR SYMBOL WANT: OUT holds WANT at SYMBOL
hasbytes()
{
	local got
	got=$(bytes "$2" "$3" "$4" $((${#5} / 2)))
	if [ "$got" = "$5" ]; then
		tap_ok "$1"
	else
		echo "# at $4: $got, expected $5"
		tap_fail "$1"
	fi
}

# 1. Two relocations writing the same 8 bytes, one against an external
# symbol (printk), one against the object's own: pvlink applies an
# object's local relocations first, then its external ones, so printk's
# wins in either file order (GNU ld: the later in file order).
for order in ext-first local-first; do
	if [ $order = ext-first ]; then
		r1='printk'; r2='d1+8'
	else
		r1='d1+8'; r2='printk'
	fi
	asm overlap-$order <<EOF
	.data
	.globl	d1
d1:	.quad	0, 0
	.reloc	d1, R_X86_64_64, $r1
	.reloc	d1, R_X86_64_64, $r2
EOF
	if link "$EXPORTS" 0x2000000 overlap-$order.bin "$O/overlap-$order.o"; then
		hasbytes "edge: relocations: two writing the same bytes ($order): the external one's value stays" \
			"$O/overlap-$order.bin" 0x2000000 d1 0050100000000000
	else
		tap_fail "edge: relocations: two writing the same bytes ($order) link"
	fi
done

# 2. A plain R_X86_64_GOTPCREL (as -mrelax-relocations=no) on mov: GNU
# ld rewrites it to lea, and so does pvlink; on add (not a mov) both
# keep the GOT load.  Out of lea's reach, pvlink keeps the GOT (ld
# fails the link).
asm gotpcrel -mrelax-relocations=no <<'EOF'
	.text
	.globl	load_local, load_export
load_local:
	movq	gvar@GOTPCREL(%rip), %rax
	ret
load_export:
	movq	printk@GOTPCREL(%rip), %rcx
	ret
	.data
	.globl	gvar
gvar:	.quad	1
EOF
asm gotpcrel-add -mrelax-relocations=no <<'EOF'
	.text
	.globl	add_local
add_local:
	addq	gvar2@GOTPCREL(%rip), %rax
	ret
	.data
	.globl	gvar2
gvar2:	.quad	1
EOF
if [ "$(readelf -rW "$O/gotpcrel.o" | grep -c 'R_X86_64_GOTPCREL ')" = 2 ] &&
   link "$EXPORTS" 0x2000000 gotpcrel.bin "$O/gotpcrel.o" &&
   link "$EXPORTS" 0x2000000 gotpcrel-add.bin "$O/gotpcrel-add.o"; then
	m=$O/gotpcrel.bin.map
	ll=$(awk '$3 == "load_local" { print $4 }' "$m")
	le=$(awk '$3 == "load_export" { print $4 }' "$m")
	gv=$(awk '$3 == "gvar" { print $4 }' "$m")
	hasbytes "edge: relocations: plain GOTPCREL on mov of a local symbol becomes lea, as in GNU ld" \
		"$O/gotpcrel.bin" 0x2000000 load_local "488d05$(le32 $((gv - ll - 7)))"
	hasbytes "edge: relocations: plain GOTPCREL on mov of an export becomes lea, as in GNU ld" \
		"$O/gotpcrel.bin" 0x2000000 load_export "488d0d$(le32 $((0x105000 - le - 7)))"
	hasbytes "edge: relocations: plain GOTPCREL on add keeps the GOT load, as in GNU ld" \
		"$O/gotpcrel-add.bin" 0x2000000 add_local 480305
	mkdir -p "$O/oracle-gotpcrel"
	tap_check "edge: relocations: plain GOTPCREL object: pvimage's bytes equal GNU ld's (ld relaxing)" \
		/usr/bin/python3 "$here/ld_oracle.py" --relax "$O/oracle-gotpcrel" "$EXPORTS" \
		"$O/gotpcrel.bin" "$O/gotpcrel.o"
else
	tap_fail "edge: relocations: the plain GOTPCREL objects assemble (2 R_X86_64_GOTPCREL) and link"
fi
sed 's/ T printk$/ T printk_far/; $a 0000100000000000 T printk' "$EXPORTS" > "$O/far.exports"
if link "$O/far.exports" 0x2000000 gotpcrel-far.bin "$O/gotpcrel.o"; then
	hasbytes "edge: relocations: plain GOTPCREL on mov out of lea's reach keeps the GOT load" \
		"$O/gotpcrel-far.bin" 0x2000000 load_export 488b0d
else
	tap_fail "edge: relocations: plain GOTPCREL on mov out of lea's reach links"
fi

# 3. An absolute symbol that fits no immediate through GOTPCRELX: mov
# $imm32 would truncate it, so pvlink loads it with lea (exact: the link
# is at its final address), where GNU ld keeps the GOT load.  Both an
# SHN_ABS symbol of the object and an export of the kernel.
asm absolute <<'EOF'
	.text
	.globl	load_abs, load_abs32
load_abs:
	movq	absx@GOTPCREL(%rip), %rax
	ret
load_abs32:
	movl	printk@GOTPCREL(%rip), %eax
	ret
	.globl	absx
	.set	absx, 0x100000100
EOF
sed 's/^0*105000 T printk$/0000000100000000 T printk/' "$EXPORTS" > "$O/high.exports"
if [ "$(readelf -rW "$O/absolute.o" | grep -c 'GOTPCRELX ')" = 2 ] &&
   link "$O/high.exports" 0xc0000000 absolute.bin "$O/absolute.o"; then
	m=$O/absolute.bin.map
	la=$(awk '$3 == "load_abs" { print $4 }' "$m")
	l32=$(awk '$3 == "load_abs32" { print $4 }' "$m")
	hasbytes "edge: relocations: GOTPCRELX of an absolute symbol above imm32s becomes lea (ld: GOT)" \
		"$O/absolute.bin" 0xc0000000 load_abs "488d05$(le32 $((0x100000100 - la - 7)))"
	hasbytes "edge: relocations: GOTPCRELX movl of an export above imm32 becomes lea (ld: GOT)" \
		"$O/absolute.bin" 0xc0000000 load_abs32 "8d05$(le32 $((0x100000000 - l32 - 6)))"
else
	tap_fail "edge: relocations: the absolute-symbol object assembles (2 GOTPCRELX) and links"
fi
tap_done
