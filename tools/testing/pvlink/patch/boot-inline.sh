#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Malformed inline bodies at boot: each image holds the build's native.o
# and, on top of it, a small backend whose .pvlink.inline records (or
# pv-op definition) the patcher must refuse.  The kernel must name the
# problem and fall back to its built-in native pv-ops; nothing may be
# patched.  One more image overrides pv_irq_disable without a body: it
# must link, and native's "cli" must not be inlined for it.
#
# Usage: boot-inline.sh KERNEL NATIVE.o WORKDIR
#
# KERNEL is a vmlinux built with CONFIG_PVLINK_TESTING=y (booted with
# "pvlink.unbound": the objects are not in its allow-list); suite 21
# builds one.  Prints TAP lines "ok - boot-inline: ..."; writes only
# below WORKDIR.  Environment: srctree (default: this tree).
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
t=$srctree/tools/testing/pvlink

if [ $# != 3 ]; then
	echo "usage: $0 KERNEL NATIVE.o WORKDIR" >&2
	exit 2
fi
kernel=$1
native=$2
work=$3
mkdir -p "$work"
if [ ! -e "$kernel" ] || [ ! -e "$native" ]; then
	echo "ok - boot-inline: malformed inline bodies at boot # SKIP $kernel or $native is missing"
	exit 0
fi

# A pv-op the top backend defines, so that the stack links.  (A pv-op
# that is data is refused before patching, by the boot-time link's own
# lookup; the case checks that it is refused, whoever says so.)
func='.text
	.globl pv_irq_disable
	.type pv_irq_disable, @function
pv_irq_disable:
	cli
	ret
	.size pv_irq_disable, . - pv_irq_disable'
rec()	# rec NAME LEN INSNS: one record
{
	printf '\t.asciz "%s"\n\t.byte %s\n\t%s\n' "$1" "$2" "$3"
}
inl='	.section .pvlink.inline, "", @progbits'

# name|what|expected reason (ERE)|assembly
cases=(
	"dup|two records for irq_disable|cannot be patched: .*both give a body for irq_disable|$inl
$(rec irq_disable 1 cli)
$(rec irq_disable 1 cli)
$func"
	"name|a record for an unknown op|cannot be patched: .*\"irq_off\" is not a pv-op|$inl
$(rec irq_off 1 cli)
$func"
	"trunc|a body running past the section|cannot be patched: .*its 5-byte body runs past the section|$inl
$(rec irq_disable 5 cli)
$func"
	"empty|an empty body|cannot be patched: .*body of 0 bytes|$inl
$(rec irq_disable 0 '')
$func"
	"alloc|an allocated .pvlink.inline|cannot be patched: .*must be PROGBITS and not allocated|	.section .pvlink.inline, \"a\", @progbits
$(rec irq_disable 1 cli)
$func"
	"orphan|a body for irq_enable, which native defines|cannot be patched: .*body for irq_enable but does not define pv_irq_enable \\(backend native does\\)|$inl
$(rec irq_enable 1 sti)
$func"
	"data|pv_irq_disable defined as data|pv_irq_disable.* is not a function|	.data
	.globl pv_irq_disable
	.type pv_irq_disable, @object
pv_irq_disable:
	.quad 0
	.size pv_irq_disable, 8"
)

cfg=$work/inline.cfg
: > "$cfg"
declare -A desc
envs=()
for c in "${cases[@]}"; do
	IFS='|' read -r name what re _ <<< "$c"
	asm=${c#*|*|*|}
	printf '%s\n' "$asm" > "$work/$name.S"
	if ! as -o "$work/$name.o" "$work/$name.S" > "$work/$name.log" 2>&1 ||
	   ! /usr/bin/python3 "$t/boot/mkimage.py" pack "$work/$name.img" "native=$native" \
			"inl$name=$work/$name.o:requires=native" >> "$work/$name.log" 2>&1; then
		echo "not ok - boot-inline: build the image with $what"
		sed 's/^/# /' "$work/$name.log"
		continue
	fi
	cat >> "$cfg" <<-EOF

	[inline-$name]
	append = console=ttyS0 pvlink.unbound pvlink=inl$name
	module = $work/$name.img
	timeout = 20
	log_once = ^pvlink: not linked: stack native\+inl$name: .*$re
	log_must_not = pvlink: linked
	EOF
	desc[inline-$name]="$what: refused, named, falls back to native"
	envs+=("inline-$name")
done

# An override without a body: linked, and irq_disable's calls are direct.
printf '%s\n' "$func" > "$work/override.S"
if as -o "$work/override.o" "$work/override.S" > "$work/override.log" 2>&1 &&
   /usr/bin/python3 "$t/boot/mkimage.py" pack "$work/override.img" "native=$native" \
		"override=$work/override.o:requires=native" >> "$work/override.log" 2>&1; then
	cat >> "$cfg" <<-EOF

	[inline-override]
	append = console=ttyS0 pvlink.unbound pvlink=override
	module = $work/override.img
	timeout = 20
	log_once = ^pvlink: linked native\+override from
	log_must = ok [0-9]+ a call of pv_irq_disable is cli \+ 4-byte NOP # SKIP pv_irq_disable comes from backend override, not native
	log_must = ok [0-9]+ every resident call/jmp site holds what its op's backend asks for
	EOF
	desc[inline-override]="an override of irq_disable without a body: linked, its calls direct, native's cli not inlined"
	envs+=("inline-override")
else
	echo "not ok - boot-inline: build the image of an override without a body"
	sed 's/^/# /' "$work/override.log"
fi

[ ${#envs[@]} -gt 0 ] || exit 0
VMLINUX=$kernel PVLINK_LOGDIR=$work/logs \
	"$t/boot/run-env.sh" -s -c "$cfg" "${envs[@]}" > "$work/boots.out" 2>&1
while IFS= read -r line; do
	if [[ $line =~ ^(ok|not\ ok)\ -\ (inline-[a-z]+)(\ \#\ SKIP.*)?$ ]]; then
		echo "${BASH_REMATCH[1]} - boot-inline: ${desc[${BASH_REMATCH[2]}]}${BASH_REMATCH[3]}"
	elif [[ $line == '# '* ]]; then
		echo "$line"
	else
		echo "# $line"
	fi
done < "$work/boots.out"
exit 0
