#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# shellcheck disable=SC2317 # the checks are functions tap_check runs
#
# Suite 40: backends as objects and the pvimage tool.
#
#  - every backend object is ET_REL and "readelf -n" shows its
#    PVLINK_BACKEND note (name, entry modes, priority, requires);
#  - pvimage links native alone, and native+test as a stack, against an
#    nm-style export list, and refuses an unexported symbol;
#  - the kernel's export table holds exactly what it marks, and "link
#    --kernel" equals "link --exports" with the same symbols;
#  - create/list/dump round-trip, binutils read the image, the image is
#    byte-identical across runs, argument orders and build directories;
#  - verify passes on make's image and catches an unexported symbol, a
#    missing pv-op, a percpu overflow, a tampered byte, a foreign kernel;
#  - pvimage link gives GNU ld's bytes for every section (ld_oracle.py);
#  - export lists, layout near 2^64, --region, bss and the size limit
#    (edge_cases.sh);
#  - malformed objects and the whole malformed-object corpus through a
#    pvimage built with ASan and UBSan (malformed.sh);
#  - "make" fails when a backend uses a symbol the kernel does not export,
#    or leaves a pv-op unimplemented;
#  - the site table holds every pv-op reference vmlinux kept, call forms
#    checked against the opcode;
#  - lib/sha256.c equals sha256sum.
#
# Uses the objects "make" built in $objtree (arch/x86/pvlink/*.o,
# scripts/pvimage/pvimage); writes only below
# $objtree/tools/testing/pvlink/out/ (and the corpus build's folder, by
# malformed.sh).  Prints TAP (lib/tap.sh); the plan follows the last
# result.  A missing build product or a test input that does not build is
# an ERROR; edge_cases.sh, malformed.sh and sha256_test run as test
# programs (tap_prog).
#
# What the build holds is learnt from the build, never listed here: the
# backends are the folders arch/x86/pvlink/<name>/ with a Makefile (the
# top Makefile's rule), the kernel's exports are the records of vmlinux's
# .pvlink.exports section.  native and test are also fixed test inputs
# (their notes, the native+test stack, native.exports): adding a backend
# or an export needs no edit here.
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
objtree=${objtree:-$srctree}
S=$srctree/tools/testing/pvlink/pvimage
O=$objtree/tools/testing/pvlink/out/pvimage
PVIMAGE=$objtree/scripts/pvimage/pvimage
B=$objtree/arch/x86/pvlink
rm -rf "$O"
mkdir -p "$O"

# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$srctree/tools/testing/pvlink/lib/tap.sh"
# refuse NAME RC PATTERN CMD...: the command exits RC and its stderr matches PATTERN
refuse()
{
	local name=$1 rc=$2 pat=$3 out got
	shift 3
	tap_selected "$name" || return 0
	out=$("$@" 2>&1 >/dev/null)
	got=$?
	if [ "$got" = "$rc" ] && printf '%s\n' "$out" | grep -qE -- "$pat"; then
		tap_ok "$name"
	else
		printf 'exit %s (expected %s), stderr:\n%s\n' "$got" "$rc" "$out" | tap_diag
		tap_fail "$name"
	fi
}
# produce NAME CMD...: a check whose command makes what later checks use,
# so it runs whatever PVLINK_TEST selects
produce()
{
	local name=$1 out rc
	shift
	out=$("$@" 2>&1)
	rc=$?
	if tap_selected "$name" && [ $rc != 0 ]; then
		printf '%s\n' "$out" | tail -n 20 | tap_diag
	fi
	tap_result $rc "$name"
}

# The backends "make" builds, sorted as the image sorts them (C locale).
backends=()
for mk in "$srctree"/arch/x86/pvlink/*/Makefile; do
	[ -e "$mk" ] && backends+=("$(basename "$(dirname "$mk")")")
done
backend_objs=()
for b in "${backends[@]}"; do
	backend_objs+=("$B/$b.o")
done
echo "# backends of this tree: ${backends[*]}"

for f in "$PVIMAGE" "$B/native.o" "$B/test.o" "${backend_objs[@]}"; do
	if [ ! -e "$f" ]; then
		tap_error "pvimage: build products present" "$f is missing: run make (CONFIG_PVLINK=y) first"
		tap_done
	fi
done

# ---- 1. backend objects and their notes ------------------------------
# note_field OBJ: the description bytes of the pvlink note, hex, one line
note_hex()
{
	readelf -W -n "$1" | awk '/description data:/ { sub(/.*description data: */, ""); print }'
}
# The descriptor's layout (include/linux/pvlink_abi.h): version u16,
# entry u16, priority s32, name[32], requires[32], cpuid[12].
note_check()	# note_check OBJ NAME ENTRY PRIORITY REQUIRES
{
	local hex want
	hex=$(note_hex "$1" | tr -d ' ')
	want=$(printf '%04x' 1 | sed 's/\(..\)\(..\)/\2\1/')
	want+=$(printf '%04x' "$3" | sed 's/\(..\)\(..\)/\2\1/')
	want+=$(printf '%08x' $(( $4 & 0xffffffff )) | sed 's/\(..\)\(..\)\(..\)\(..\)/\4\3\2\1/')
	want+=$(printf '%-32s' "$2" | od -An -v -tx1 | tr -d ' \n' | sed 's/20/00/g')
	want+=$(printf '%-32s' "$5" | od -An -v -tx1 | tr -d ' \n' | sed 's/20/00/g')
	want+=000000000000000000000000
	[ "$hex" = "$want" ] && return 0
	echo "note of $1: $hex"
	echo "expected:   $want"
	return 1
}
# note_name OBJ: the name field of the note (descriptor bytes 8..39)
note_name()
{
	printf '%b' "$(note_hex "$1" | tr -d ' ' | cut -c17-80 | sed 's/\(00\)*$//; s/../\\x&/g')"
}
for b in "${backends[@]}"; do
	if readelf -h "$B/$b.o" | grep -q 'Type: *REL'; then
		tap_ok "backend $b.o is a relocatable object (ET_REL)"
	else
		tap_fail "backend $b.o is a relocatable object (ET_REL)"
	fi
	if readelf -W -n "$B/$b.o" | grep -q '^ *pvlink .*0x504c0001'; then
		tap_ok "readelf -n shows the pvlink note of $b.o"
	else
		readelf -W -n "$B/$b.o" 2>&1 | tap_diag
		tap_fail "readelf -n shows the pvlink note of $b.o"
	fi
	got=$(note_name "$B/$b.o")
	if [ "$got" = "$b" ]; then
		tap_ok "the note of $b.o names it $b, as its folder"
	else
		echo "# the note says \"$got\""
		tap_fail "the note of $b.o names it $b, as its folder"
	fi
done
tap_check "native note: name native, entry native+pvh, priority 0, no requires" \
	note_check "$B/native.o" native 3 0 ""
tap_check "test note: name test, entry native+pvh, priority -1, requires native" \
	note_check "$B/test.o" test 3 -1 native
# The implementation is shared with the kernel's built-in fallback: every
# pv-op of the list is a global function of native.o, nothing else is.
pvops=$(printf '#include <asm/pvops.h>\n#define X(t, n, p, a) PVOP_NAME pv_##n\n#define V(n, p, a) PVOP_NAME pv_##n\nPV_OPS(X, V, V)\n' |
	gcc -E -P -I"$srctree/include" -I"$srctree/arch/x86/include" -x c - 2>/dev/null |
	grep -o 'PVOP_NAME pv_[a-z0-9_]*' | awk '{ print $2 }' | sort -u)
natdefs=$(nm --defined-only "$B/native.o" | awk '$2 == "T" { print $3 }' | sort -u)
tap_diag "asm/pvops.h lists $(echo "$pvops" | grep -c .) pv-ops"
if [ -n "$pvops" ] && [ "$pvops" = "$natdefs" ]; then
	tap_ok "native.o defines exactly the pv-ops of asm/pvops.h as global functions"
else
	diff <(echo "$pvops") <(echo "$natdefs") | tap_diag
	tap_fail "native.o defines exactly the pv-ops of asm/pvops.h as global functions"
fi

# ---- 2. link against an nm-style export list -------------------------
tap_check "pvimage link --exports: native.o links" \
	"$PVIMAGE" link --exports "$S/native.exports" --addr 0x2000000 -o "$O/native.bin" "$B/native.o"
produce "pvimage link --exports: stack native.o + test.o links" \
	"$PVIMAGE" link --exports "$S/native.exports" --addr 0x2000000 -o "$O/stack.bin" \
	"$B/native.o" "$B/test.o"
# The stack takes test's overrides and native's other pv-ops.
stack_owner()	# stack_owner SYMBOL: the object the map says defines it
{
	awk -v s="$1" '$1 == "symbol" && $3 == s { print $2 }' "$O/stack.bin.map" | xargs -r basename
}
if [ "$(stack_owner pv_io_delay)" = test.o ] && [ "$(stack_owner pv_cpuid)" = test.o ] &&
   [ "$(stack_owner pv_irq_disable)" = native.o ] && [ "$(stack_owner pv_halt)" = native.o ]; then
	tap_ok "stack native+test: pv_io_delay and pv_cpuid from test, the rest from native"
else
	grep '^symbol' "$O/stack.bin.map" | tap_diag
	tap_fail "stack native+test: pv_io_delay and pv_cpuid from test, the rest from native"
fi
if grep -q '^symbol .*test.o test_io_delays 0x[0-9a-f]* percpu$' "$O/stack.bin.map" &&
   [ -s "$O/stack.bin.percpu" ]; then
	tap_ok "stack native+test: the test backend's percpu variable is placed in the percpu template"
else
	tap_fail "stack native+test: the test backend's percpu variable is placed in the percpu template"
fi
grep -v printk "$S/native.exports" > "$O/noprintk.exports"
refuse "pvimage link --exports: an unexported symbol (printk) is refused, naming it" 1 \
	"native.o.*printk.*not exported" \
	"$PVIMAGE" link --exports "$O/noprintk.exports" --addr 0x2000000 -o "$O/x.bin" "$B/native.o"
refuse "pvimage: an unknown command is a usage error (exit 2)" 2 "unknown command" \
	"$PVIMAGE" frobnicate
if "$PVIMAGE" --help | grep -q '^usage: pvimage'; then
	tap_ok "pvimage --help prints the usage and exits 0"
else
	tap_fail "pvimage --help prints the usage and exits 0"
fi
# ---- 3. the kernel's export table and allow-list ---------------------
K=$objtree/vmlinux
IMG=$objtree/pvlink.img
if [ ! -e "$IMG" ] || ! nm "$K" | grep -q ' pvlink_kernel_exports$'; then
	tap_error "vmlinux has pvlink_kernel_exports and pvlink_allowed_digests; make built pvlink.img" \
		"$IMG or the export table in $K is missing: build with CONFIG_PVLINK=y"
	tap_done
fi
tap_ok "vmlinux has pvlink_kernel_exports and pvlink_allowed_digests; make built pvlink.img"
# The kernel's table, as pvimage reads it, holds exactly the marked symbols
# at their addresses.  What is marked: the records "<kind><name>" of the
# non-allocated section .pvlink.exports (PVLINK_EXPORT(): kind F, a
# function or data; PVLINK_EXPORT_PERCPU(): kind P, a percpu offset).
"$PVIMAGE" link --kernel "$K" --backend test --addr 0x2000000 -o "$O/k.bin" "$IMG" \
	> "$O/k.out" 2>&1
objcopy --dump-section .pvlink.exports="$O/exports.raw" "$K" "$O/vmlinux.scratch" 2>/dev/null
rm -f "$O/vmlinux.scratch"
tr '\0' '\n' < "$O/exports.raw" 2>/dev/null | sed '/^$/d' > "$O/exports.records"
nexports=$(wc -l < "$O/exports.records")
nm "$K" | awk 'NR == FNR { kind[substr($0, 2)] = substr($0, 1, 1); next }
	$2 ~ /^[A-Z]$/ && ($3 in kind) {
		if (kind[$3] == "P") print $1, "D", $3, "percpu"; else print $1, "T", $3
	}' "$O/exports.records" - > "$O/kernel.exports"
if [ "$nexports" -gt 0 ] && [ "$(wc -l < "$O/kernel.exports")" = "$nexports" ] &&
   grep -qx 'Fprintk' "$O/exports.records"; then
	tap_diag "vmlinux's .pvlink.exports names $nexports exports"
	tap_ok "vmlinux's .pvlink.exports names its exports, each a global symbol of vmlinux (printk among them)"
else
	tap_diag < "$O/exports.records"
	tap_fail "vmlinux's .pvlink.exports names its exports, each a global symbol of vmlinux (printk among them)"
fi
tap_check "pvimage link --kernel vmlinux --backend test: the stack links against the kernel" \
	test -s "$O/k.bin"
pbase=$(nm "$K" | awk '$3 == "__per_cpu_reserve" { print "0x" $1 }')
tap_check "link --kernel gives the same bytes and map as link --exports with the kernel's exports" \
	bash -c "'$PVIMAGE' link --exports '$O/kernel.exports' --percpu-base $pbase --percpu-size 4096 \
		--addr 0x2000000 -o '$O/e.bin' '$B/native.o' '$B/test.o' &&
		cmp '$O/k.bin' '$O/e.bin' && cmp '$O/k.bin.percpu' '$O/e.bin.percpu' &&
		diff <(sed 's/^\(section\|symbol\) [^ ]*\/\([a-z]*\)\.o /\1 \2 /' '$O/e.bin.map') '$O/k.bin.map'"
# Only the marked names are in it (panic, defined in vmlinux, is not: see
# the unexported-symbol case of verify below).
tap_check "the kernel's export table holds exactly its PVLINK_EXPORT()s ($nexports exports)" \
	bash -c "'$PVIMAGE' verify --kernel '$K' '$IMG' | grep -q '($nexports exports, '"

# ---- 3b. pvimage tables: the tables linked into vmlinux ----------------
# "pvimage tables" generates them for each link of vmlinux
# (scripts/Makefile.vmlinux); check its output on the real kernel against
# an independent reading, then its refusals on small linked files.
TB=$O/tables
mkdir -p "$TB"
"$PVIMAGE" tables --vmlinux "$K" --digests "$objtree/pvlink.digests" > "$TB/vmlinux.S" \
	2> "$TB/vmlinux.err"
tap_check "pvimage tables: vmlinux's export table, allow-list and pv-op entries match objdump and pvlink.digests" \
	/usr/bin/python3 "$S/check_tables.py" "$K" "$objtree/pvlink.digests" "$TB/vmlinux.S"
tap_check "pvimage tables: regenerated from the final vmlinux, the tables are the ones linked into it" \
	cmp "$TB/vmlinux.S" "$objtree/.tmp_pvtables2.S"
printf '%s\n' '/* Generated by pvimage tables: do not edit. */' \
	'	.section .rodata.pvlink_tables, "a"' '	.balign 8' \
	'	.globl pvlink_kernel_exports, pvlink_allowed_digests' 'pvlink_kernel_exports:' \
	'	.long 1, 0' '	.quad .Lpvlink_buckets, .Lpvlink_entries' '.Lpvlink_buckets:' \
	'	.long 0' '	.long 0' '	.balign 8' '.Lpvlink_entries:' 'pvlink_allowed_digests:' \
	'	.long 0, 0' '	.balign 8' '	.globl pvlink_sites' 'pvlink_sites:' '	.long 0, 0' \
	'	.balign 8' '	.globl pvlink_pvop_entries' 'pvlink_pvop_entries:' '	.long 0, 0' \
	'	.section .note.GNU-stack, "", @progbits' > "$TB/empty.want"
tap_check "pvimage tables without --vmlinux (the first link): empty tables of the documented shape" \
	bash -c "'$PVIMAGE' tables | diff '$TB/empty.want' -"
# tables_elf NAME EXPORTS PVOPS: a small linked file (ld -q) with the
# export records EXPORTS and the pv-op list PVOPS (space-separated), a
# function "func", a percpu variable "pcpu" and a function pv_a.
tables_elf()
{
	{
		echo '	.section .pvlink.exports, "", @progbits'
		for r in $2; do echo "	.asciz \"$r\""; done
		echo '	.section .pvlink.pvops, "", @progbits'
		for r in $3; do echo "	.asciz \"$r\""; done
		printf '%s\n' '	.section .data..percpu, "aw", @progbits' '	.globl pcpu' \
			'pcpu:	.quad 0' '	.text' '	.globl _start, func, pv_a' \
			'	.type func, @function' '	.type pv_a, @function' '_start:' \
			'func:	ret' '	.size func, 1' 'pv_a:	call func' '	.size pv_a, 5'
	} > "$TB/$1.S"
	as -o "$TB/$1.o" "$TB/$1.S" && ld -q --unique=.data..percpu -o "$TB/$1.elf" "$TB/$1.o"
}
if tables_elf good "Ffunc Ppcpu" "pv_a" && tables_elf unknown "Fnosuch" "" &&
   tables_elf notpercpu "Pfunc" "" && tables_elf percpu "Fpcpu" "" &&
   tables_elf twice "Ffunc Ppcpu Ffunc" "" && tables_elf record "Xfunc" "" &&
   tables_elf nofunc "" "pv_a pv_b pcpu" && tables_elf dupop "" "pv_a pv_a"; then
	want_good="	.long 0x7c96fe71, 0
	.quad .Lpvlink_name0, 0x$(nm "$TB/good.elf" | awk '$3 == "func" { print $1 }' | sed 's/^0*//')	/* func */
	.long 0x7c9c2dfd, 1
	.quad .Lpvlink_name1, 0x$(nm "$TB/good.elf" | awk '$3 == "pcpu" { print $1 }' | sed 's/^0*//')	/* pcpu */"
	tap_check "pvimage tables: each export's hash, percpu flag and value from the symbol table" \
		bash -c "'$PVIMAGE' tables --vmlinux '$TB/good.elf' | grep -A4 '^\.Lpvlink_entries:' |
			tail -n 4 | diff - <(printf '%s\n' '$want_good')"
	refuse "pvimage tables: PVLINK_EXPORT() of a symbol the kernel lacks (exit 1)" 1 \
		"unknown.elf: PVLINK_EXPORT\(nosuch\): no global symbol nosuch in the kernel" \
		"$PVIMAGE" tables --vmlinux "$TB/unknown.elf"
	refuse "pvimage tables: PVLINK_EXPORT_PERCPU() of a function (exit 1)" 1 \
		"notpercpu.elf: func is not a percpu variable: use PVLINK_EXPORT\(\)" \
		"$PVIMAGE" tables --vmlinux "$TB/notpercpu.elf"
	refuse "pvimage tables: PVLINK_EXPORT() of a percpu variable (exit 1)" 1 \
		"percpu.elf: pcpu is a percpu variable: use PVLINK_EXPORT_PERCPU\(\)" \
		"$PVIMAGE" tables --vmlinux "$TB/percpu.elf"
	refuse "pvimage tables: a symbol exported twice (exit 1)" 1 \
		"twice.elf: func is exported twice" "$PVIMAGE" tables --vmlinux "$TB/twice.elf"
	refuse "pvimage tables: an export record that is not F<name> or P<name> (exit 4)" 4 \
		"record.elf: .pvlink.exports record 0 \"Xfunc\"" \
		"$PVIMAGE" tables --vmlinux "$TB/record.elf"
	refuse "pvimage tables: pv-ops with no global function, all named (exit 1)" 1 \
		"nofunc.elf: no global function for pv-op pv_b, pcpu$" \
		"$PVIMAGE" tables --vmlinux "$TB/nofunc.elf"
	refuse "pvimage tables: a pv-op listed twice (exit 4)" 4 \
		"dupop.elf: .pvlink.pvops lists pv-op pv_a twice" \
		"$PVIMAGE" tables --vmlinux "$TB/dupop.elf"
	refuse "pvimage tables: a relocatable object is not a linked kernel (exit 4)" 4 \
		"good.o: ELF type 1, not a linked kernel" "$PVIMAGE" tables --vmlinux "$TB/good.o"
	# The relocation sections are checked before use (lib/pvlink/elfscan.c):
	# good.elf with one field of .rela.text or of its entry changed.
	relamut()	# relamut OUT FIELD VALUE: sh_link, sh_info or r_sym of .rela.text
	{
		/usr/bin/python3 - "$TB/good.elf" "$TB/$1" "$2" "$3" <<'EOF'
import struct, sys
src, out, field, value = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
d = bytearray(open(src, 'rb').read())
shoff, = struct.unpack_from('<Q', d, 0x28)
shnum, shstrndx = struct.unpack_from('<HH', d, 0x3c)
strs = struct.unpack_from('<Q', d, shoff + 64 * shstrndx + 24)[0]
for i in range(shnum):
    sh = shoff + 64 * i
    name = struct.unpack_from('<I', d, sh)[0]
    if d[strs + name:d.index(b'\0', strs + name)] == b'.rela.text':
        if field == 'r_sym':
            off = struct.unpack_from('<Q', d, sh + 24)[0]
            struct.pack_into('<I', d, off + 12, value)
        else:
            struct.pack_into('<I', d, sh + {'sh_link': 40, 'sh_info': 44}[field], value)
open(out, 'wb').write(d)
EOF
	}
	if relamut link.elf sh_link 0 && relamut info.elf sh_info 99 && relamut sym.elf r_sym 999; then
		refuse "pvimage tables: a relocation section not on the symbol table (exit 4)" 4 \
			"link.elf: relocation section .rela.text \(section [0-9]+\): its symbol table is section 0, not" \
			"$PVIMAGE" tables --vmlinux "$TB/link.elf"
		refuse "pvimage tables: a relocation section for a section that does not exist (exit 4)" 4 \
			"info.elf: relocation section .rela.text \(section [0-9]+\) applies to section 99, which does not exist" \
			"$PVIMAGE" tables --vmlinux "$TB/info.elf"
		refuse "pvimage tables: a relocation naming a symbol that does not exist (exit 4)" 4 \
			"sym.elf: relocation 0 of .rela.text: symbol 999, the symbol table has [0-9]+" \
			"$PVIMAGE" tables --vmlinux "$TB/sym.elf"
	else
		tap_error "pvimage tables: make the files with a broken relocation section" "relamut failed"
	fi
else
	tap_error "pvimage tables: assemble and link the small test files" "as or ld failed"
fi
printf '%s\n' "$(printf '%064d' 0) native.o" '' "$(printf 'ab%062d' 0) test.o" > "$TB/digests.ok"
tap_check "pvimage tables: --digests writes each digest as 32 bytes, blank lines skipped" \
	bash -c "'$PVIMAGE' tables --digests '$TB/digests.ok' | grep -A2 '^pvlink_allowed_digests:' |
		diff - <(printf '%s\n' 'pvlink_allowed_digests:' '	.long 2, 0' \
			\"	.byte 0x00\$(printf ', 0x00%.0s' \$(seq 31))\")"
printf '%s\n' "$(printf '%064d' 0) native.o" "$(printf 'g%063d' 0) test.o" > "$TB/digests.bad"
refuse "pvimage tables: a digest line that is not 64 hex digits, named by file and line (exit 4)" 4 \
	"digests.bad:2: \"g0+ test.o\" is not a SHA-256 line" \
	"$PVIMAGE" tables --digests "$TB/digests.bad"
refuse "pvimage tables: a vmlinux that is not an ELF file (exit 4)" 4 \
	"digests.bad: not an ELF file|too small" "$PVIMAGE" tables --vmlinux "$TB/digests.bad"
refuse "pvimage tables: a missing vmlinux (exit 3)" 3 "nosuch: cannot open" \
	"$PVIMAGE" tables --vmlinux "$TB/nosuch"
refuse "pvimage tables: an unknown argument (exit 2)" 2 "unknown argument --kernel" \
	"$PVIMAGE" tables --kernel "$K"
refuse "pvimage tables: an option without its file (exit 2)" 2 "--digests needs a file name" \
	"$PVIMAGE" tables --digests
if [ -w /dev/full ]; then
	refuse "pvimage tables: output that cannot be written (exit 3)" 3 "cannot write the tables" \
		bash -c "'$PVIMAGE' tables --vmlinux '$K' > /dev/full"
else
	tap_skip "pvimage tables: output that cannot be written (exit 3)" "no /dev/full"
fi

# ---- 4. the image: create, list, dump, reproducible -------------------
reversed=()
for ((i = ${#backend_objs[@]} - 1; i >= 0; i--)); do
	reversed+=("${backend_objs[i]}")
done
produce "pvimage create -o IMG ${backends[*]/%/.o}" \
	"$PVIMAGE" create -o "$O/a.img" "${backend_objs[@]}"
tap_check "pvimage create is byte-identical across runs and argument order, and equals make's pvlink.img" \
	bash -c "'$PVIMAGE' create -o '$O/b.img' ${reversed[*]} &&
		cmp '$O/a.img' '$O/b.img' && cmp '$O/a.img' '$IMG'"
tap_check "binutils read the image: ar t lists pvlink.idx ${backends[*]/%/.o}" \
	bash -c "[ \"\$(ar t '$O/a.img' | tr '\n' ' ')\" = 'pvlink.idx ${backends[*]/%/.o} ' ]"
ar_same()
{
	local b
	for b in "${backends[@]}"; do
		ar p "$O/a.img" "$b.o" | cmp - "$B/$b.o" || return 1
	done
}
tap_check "ar p extracts each backend byte-identical to its object" ar_same
"$PVIMAGE" list "$O/a.img" > "$O/list" 2>&1
for b in "${backends[@]}"; do
	sum=$(sha256sum < "$B/$b.o" | awk '{ print $1 }')
	size=$(stat -c %s "$B/$b.o")
	# native and test: their rules are known; any backend: its size and sum.
	case $b in
	native|test)	rules='-?[0-9]+ +native,pvh +- +[a-z_-]+' ;;
	*)		rules='-?[0-9]+ +[a-z0-9,-]+ +[^ ]+ +[a-z0-9_-]+' ;;
	esac
	if grep -qE "^$b +$rules +$size +$sum\$" "$O/list"; then
		tap_ok "pvimage list: $b with its rules, size and SHA-256 (= sha256sum)"
	else
		tap_diag < "$O/list"
		tap_fail "pvimage list: $b with its rules, size and SHA-256 (= sha256sum)"
	fi
done
dump_all()
{
	local b
	for b in "${backends[@]}"; do
		if ! "$PVIMAGE" dump --backend "$b" "$O/a.img" > "$O/dump-$b" 2>&1 ||
		   ! grep -q "^backend $b\$" "$O/dump-$b"; then
			cat "$O/dump-$b"
			return 1
		fi
	done
}
tap_check "pvimage dump --backend NAME works for every backend of the image" dump_all
"$PVIMAGE" dump --backend native "$O/a.img" > "$O/dump" 2>&1
tap_check "pvimage dump shows native's note, sections, symbols and relocations" \
	bash -c "grep -q 'note: entry=native,pvh priority=0' '$O/dump' &&
		grep -qE '\\] \\.text +PROGBITS' '$O/dump' && grep -qE 'FUNC +GLOBAL +pv_irq_disable' '$O/dump' &&
		grep -qE 'R_X86_64_(PLT32|PC32) +printk' '$O/dump'"
# Two builds in two directories give the same objects, so the same image.
repro()
{
	local d b objs
	for d in r1 r2; do
		make -s -C "$srctree" O="$O/$d" defconfig >/dev/null &&
		make -s -C "$srctree" O="$O/$d" CC="${CC:-gcc}" backends scripts/pvimage/pvimage >/dev/null || return 1
		objs=()
		for b in "${backends[@]}"; do
			objs+=("$O/$d/arch/x86/pvlink/$b.o")
		done
		"$O/$d/scripts/pvimage/pvimage" create -o "$O/$d.img" "${objs[@]}" || return 1
	done
	cmp "$O/r1.img" "$O/r2.img"
}
tap_check "two clean builds in different directories give byte-identical images" repro

# ---- 5. verify --------------------------------------------------------
tap_check "pvimage verify --kernel vmlinux pvlink.img passes" \
	"$PVIMAGE" verify --kernel "$K" "$IMG"
# shellcheck source=tools/testing/pvlink/lib/kflags.sh
. "$srctree/tools/testing/pvlink/lib/kflags.sh"
bcc()	# bcc SRC OBJ: a backend object built with the kernel's flags
{
	kflags "${CC:-gcc}" || { echo "make kernelflags failed" >&2; return 1; }
	"${CC:-gcc}" "${KFLAGS[@]}" -c "$1" -o "$O/tmp.o" &&
		ld -m elf_x86_64 -r -o "$2" "$O/tmp.o"
}
for t in bad_unexported bad_missing bad_percpu bad_init_percpu; do
	bcc "$S/$t.c" "$O/$t.o" || tap_error "build test backend $t" "it does not build with the kernel's flags"
	"$PVIMAGE" create -o "$O/$t.img" "$B/native.o" "$B/test.o" "$O/$t.o" 2>/dev/null
done
# The percpu reserve starts page-aligned (PVLINK_MAX_ALIGN): a backend's
# page-aligned percpu data links (--unbound: it was not built with K).
if bcc "$S/page_percpu.c" "$O/page_percpu.o" &&
   "$PVIMAGE" create -o "$O/page_percpu.img" "$B/native.o" "$O/page_percpu.o"; then
	tap_check "verify: a backend's page-aligned percpu data fits the kernel's page-aligned reserve" \
		"$PVIMAGE" verify --kernel "$K" --unbound "$O/page_percpu.img"
else
	tap_error "verify: a backend's page-aligned percpu data fits the kernel's page-aligned reserve" \
		"the test backend does not build or pack"
fi
refuse "verify: a backend using an unexported kernel symbol is refused, naming both and where exports are declared" 1 \
	"stack native\\+badexport refused by the linker: badexport: symbol .*'panic' .*exported by the kernel; the kernel's exports are declared with PVLINK_EXPORT\\(\\) in kernel/pvlink_exports.c" \
	"$PVIMAGE" verify --kernel "$K" "$O/bad_unexported.img"
refuse "verify: a stack that leaves a pv-op unimplemented is refused, naming stack and pv-op" 1 \
	"stack lonely does not define pv-op pv_irq_disable" \
	"$PVIMAGE" verify --kernel "$K" "$O/bad_missing.img"
# Every missing pv-op is a line; the likely fix (a .requires) is one line
# after them, naming the image's base backend.
hint_once()	# hint_once IMAGE: exactly one hint line, and it names native
{
	local n
	n=$("$PVIMAGE" verify --kernel "$K" --unbound "$1" 2>&1 >/dev/null | grep -c '^pvimage verify: hint: ')
	[ "$n" = 1 ] || { echo "$n hint lines"; return 1; }
	"$PVIMAGE" verify --kernel "$K" --unbound "$1" 2>&1 >/dev/null |
		grep -qx 'pvimage verify: hint: backend lonely is the bottom of its stack (no .requires) but does not define every pv-op: it probably needs .requires = "native" in its PVLINK_BACKEND(), to sit on native and override only some'
}
tap_check "verify: a stack missing pv-ops gets one hint line naming the .requires it probably needs" \
	hint_once "$O/bad_missing.img"
refuse "verify: percpu data beyond the kernel's reserve is refused" 1 \
	"stack native\\+bigpercpu refused by the linker: .*percpu data does not fit.*CONFIG_PVLINK_PERCPU_RESERVE" \
	"$PVIMAGE" verify --kernel "$K" "$O/bad_percpu.img"
refuse "verify: an init that writes percpu data (through a helper) is refused, naming backend, hook, function and symbol" 1 \
	"stack native\\+initpcpu: backend initpcpu's init pvlink_backend_init_initpcpu uses percpu symbol initpcpu_started in function initpcpu_mark, called as pvlink_backend_init_initpcpu -> initpcpu_mark: .*before the percpu areas exist" \
	"$PVIMAGE" verify --kernel "$K" --unbound "$O/bad_init_percpu.img"
refuse "verify: a backend the kernel was not built with is refused (allow-list)" 1 \
	"backend lonely is not bound to this kernel" \
	"$PVIMAGE" verify --kernel "$K" "$O/bad_missing.img"
# A tampered byte: one byte of native's code in the image.
cp "$IMG" "$O/tampered.img"
off=$(( $(grep -boa 'native.o/' "$O/tampered.img" | head -n1 | cut -d: -f1) + 60 + 0x50 ))
printf '\xcc' | dd of="$O/tampered.img" bs=1 seek=$off conv=notrunc status=none
refuse "verify: a tampered byte in a backend is refused (SHA-256 mismatch)" 1 \
	"backend native: SHA-256 of the object does not match" \
	"$PVIMAGE" verify --kernel "$K" "$O/tampered.img"
refuse "list: a tampered image is refused as malformed (exit 4)" 4 "does not match" \
	"$PVIMAGE" list "$O/tampered.img"
# A foreign kernel: the same kernel with another allow-list.
/usr/bin/python3 - "$K" "$O/foreign-vmlinux" <<'PY'
import struct, subprocess, sys
src, dst = sys.argv[1:]
data = bytearray(open(src, 'rb').read())
addr = int(subprocess.check_output(['nm', src]).decode().split(' R pvlink_allowed_digests')[0].split()[-1], 16)
shoff, = struct.unpack_from('<Q', data, 0x28)
shnum, = struct.unpack_from('<H', data, 0x3c)
for i in range(shnum):
    _, typ, flags, a, off, size = struct.unpack_from('<IIQQQQ', data, shoff + 64 * i)
    if flags & 2 and typ != 8 and a <= addr < a + size:
        pos = off + addr - a + 8
        data[pos] ^= 0xff          # first byte of the first allowed digest
open(dst, 'wb').write(data)
PY
# The first digest is whichever backend's sorts first.
refuse "verify: an image built for another kernel (foreign allow-list) is refused" 1 \
	"backend [a-z0-9_-]* is not bound to this kernel" \
	"$PVIMAGE" verify --kernel "$O/foreign-vmlinux" "$IMG"
# The image reader (lib/pvlink/image.c, shared with the kernel): each
# malformation gets its own message.
head -c $(( $(stat -c %s "$IMG") - 100 )) "$IMG" > "$O/truncated.img"
refuse "list: a truncated image is refused (member past the end)" 4 "${backends[-1]}.o/: its .* bytes run past the end" \
	"$PVIMAGE" list "$O/truncated.img"
{ cat "$IMG"; printf 'xx'; } > "$O/trailing.img"
refuse "list: bytes after the last member are refused" 4 "2 bytes follow the last member" \
	"$PVIMAGE" list "$O/trailing.img"
cp "$IMG" "$O/version.img"
printf '\x02' | dd of="$O/version.img" bs=1 seek=$((8 + 60 + 8)) conv=notrunc status=none
refuse "list: an index of another version is refused" 4 "index: version 2" \
	"$PVIMAGE" list "$O/version.img"
cp "$IMG" "$O/reserved.img"
printf '\x01' | dd of="$O/reserved.img" bs=1 seek=$((8 + 60 + 32 + 78)) conv=notrunc status=none
refuse "list: a reserved index byte that is not zero is refused" 4 "index entry 0: reserved bytes" \
	"$PVIMAGE" list "$O/reserved.img"
refuse "verify: a file that is not an image is refused" 1 "not a pvlink image" \
	"$PVIMAGE" verify --kernel "$K" "$B/native.o"
# ---- 6. pvimage link equals GNU ld ----------------------------------
# ld with --no-relax, and with its default relaxation (pvlink relaxes
# GOT loads as ld does: Documentation/pvlink.rst, "Relocations").
for stack in native "native test"; do
	objs=()
	for b in $stack; do objs+=("$B/$b.o"); done
	label=${stack// /+}
	for mode in --no-relax --relax; do
		d=$O/oracle-$label$mode
		mkdir -p "$d"
		tap_check "pvimage link --exports of $label: every section's bytes equal GNU ld's (ld $mode)" \
			bash -c "'$PVIMAGE' link --exports '$S/native.exports' --addr 0x3000000 \
				-o '$d/out' ${objs[*]} &&
				/usr/bin/python3 '$S/ld_oracle.py' ${mode/--no-relax/} '$d' \
				'$S/native.exports' '$d/out' ${objs[*]}"
	done
done

# ---- 6b. edge cases of export lists and layout (their own script) ----
# Each script is a test program to tap_prog: a plan, its status, and if
# it dies halfway the suite fails naming it.
srctree=$srctree objtree=$objtree tap_prog "edge" bash "$S/edge_cases.sh"

# ---- 6c. malformed input under ASan and UBSan (their own script) ----
srctree=$srctree objtree=$objtree CLANG="${CLANG:-clang}" tap_prog "malformed" bash "$S/malformed.sh"

# ---- 7. the build refuses a bad backend ------------------------------
# "make" with one more backend object: pvlink.img must not be made, and
# the message must name the backend and the symbol or pv-op.
badbuild()	# badbuild OBJ PATTERN
{
	local d=$O/badbuild log=$O/badbuild.log
	make -s -C "$srctree" O="$d" defconfig >/dev/null || return 1
	rm -f "$d/pvlink.img"
	if make -C "$srctree" O="$d" CC="${CC:-gcc}" -j2 PVLINK_EXTRA_BACKENDS="$1" pvlink.img \
		> "$log" 2>&1; then
		echo "make succeeded with $1"
		return 1
	fi
	grep -qE "$2" "$log" && [ ! -e "$d/pvlink.img" ] && return 0
	grep -v '^  [A-Z]' "$log" | tail -n 20
	return 1
}
tap_check "make fails (no pvlink.img) when a backend uses an unexported symbol, naming both" \
	badbuild "$O/bad_unexported.o" "badexport: symbol .*'panic'"
tap_check "make fails (no pvlink.img) when a stack leaves a pv-op unimplemented, naming both" \
	badbuild "$O/bad_missing.o" "stack lonely does not define pv-op pv_[a-z0-9_]*"
tap_check "make fails (no pvlink.img) when a backend's init touches percpu data, naming backend and symbol" \
	badbuild "$O/bad_init_percpu.o" "backend initpcpu's init .* uses percpu symbol initpcpu_started"
# ---- 8. the site table ------------------------------------------------
tap_check "vmlinux's pvlink_sites lists every relocation naming a pv-op, with its form" \
	/usr/bin/python3 "$S/check_sites.py" "$K"
# ---- 9. SHA-256 (lib/sha256.c, shared by kernel and pvimage) ----------
# sha256_test (lib/tap.h) checks FIPS 180-2's examples, then every file of
# sha256sum's list fed in each chunk size: every length around the one-
# and two-block padding boundaries, and more.
d=$O/sha
mkdir -p "$d"
if "${CC:-gcc}" -std=gnu11 -O2 -Wall -Wextra -Werror -I"$srctree/tools/testing/pvlink/lib" \
		-I"$srctree/include" -o "$d/sha256_test" "$S/sha256_test.c" \
		"$srctree/lib/sha256.c" > "$d/build.log" 2>&1; then
	for i in $(seq 0 200) 1000 4096 65537; do
		head -c "$i" /dev/urandom > "$d/f$i"
	done
	if sha256sum "$d"/f* > "$d/want"; then
		tap_prog --tests "sha256" "$d/sha256_test" "$d/want" 1 7 64 1000000
	else
		tap_error "sha256: the test files' sums" "sha256sum failed"
	fi
else
	tap_diag < "$d/build.log"
	tap_error "sha256: build sha256_test" "the test program does not build"
fi
tap_done
