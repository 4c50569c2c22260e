#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The generated boot environments: those that boot a kernel variant (not
# the build's own vmlinux) or a module made for them.  Each has a name
# and a section in the format of environments.cfg, so that boot/run-env.sh
# lists them (--list) and boots any of them by name, building what it
# needs first.
#
# Usage: gen-envs.sh cfg
#        gen-envs.sh kernel VARIANT
#        gen-envs.sh prepare NAME...
#
# cfg      prints every generated environment as a section, building
#          nothing: its name, groups, kernel and what is known before
#          anything is built (enough for run-env.sh --list).
# kernel   builds kernel VARIANT (testing, nopvlink, nrcpus2: below) with
#          boot/build-kernel.sh into $objtree/tools/testing/pvlink/out/
#          kernel-VARIANT; a variant that is up to date costs a make.
# prepare  builds what each NAME needs (its kernel, its module) and
#          writes its complete section to $envdir/NAME.cfg; where that
#          fails, the reason goes to $envdir/NAME.err instead, and the
#          exit status is 1.
#
# The kernel variants:
#   testing   CONFIG_PVLINK_TESTING=y: boots images not bound to it with
#             "pvlink.unbound", and knows pvlink.early_pvop and
#             pvlink.test_refuse_after_init (reuses the build's pvimage;
#             its own pvlink.img, for environments.cfg's "kernel = testing")
#   nopvlink  CONFIG_PVLINK=n: the native-only flavour
#   nrcpus2   CONFIG_NR_CPUS=2, with its own pvlink.img
#
# The environments (groups in brackets):
#   corrupt-CASE     [testing corrupt] every malformed case of the
#                    linker-core corpus a boot can reproduce, wrapped as
#                    an image by boot/mkcorrupt.py: refused, named, the
#                    kernel falls back to native (its expected error comes
#                    from the corpus and an offline link: known once the
#                    environment is prepared)
#   boot-NAME        [testing corrupt] what only a boot can refuse
#                    (boot/testdata/bootcase.c, built with the kernel's
#                    flags: lib/kflags.sh)
#   inline-NAME      [testing corrupt inline] malformed inline bodies
#                    for the site patcher, and an override without one
#   early-pvop       [testing early] a pv-op called before the link
#   undo-exit, undo-noexit  [testing undo] a stack refused after its
#                    inits: undone by the backend's exit, or kept
#   no-pvlink, no-pvlink-smp2-image  [no-pvlink] the CONFIG_PVLINK=n
#                    kernel, without a module and with pvlink.img
#   nrcpus2-tcg-smp4, nrcpus2-xen-pv-smp4  [nr-cpus] the CONFIG_NR_CPUS=2
#                    kernel on 4 CPUs
# None is in group "boot": suite 20 boots only environments.cfg's.
#
# Environment: srctree, objtree (default: this tree), CC (default gcc),
# PVLINK_ENVDIR (default $objtree/tools/testing/pvlink/out/envs).
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
objtree=${objtree:-$srctree}
export srctree objtree
CC=${CC:-gcc}
t=$srctree/tools/testing/pvlink
out=$objtree/tools/testing/pvlink/out
envdir=${PVLINK_ENVDIR:-$out/envs}
pvimage=$objtree/scripts/pvimage/pvimage
native=$objtree/arch/x86/pvlink/native.o

# The one BOOT_TIMEOUT of mkcorrupt.py, for the other refused images too:
# each boot takes well under a second.
REFUSED_TIMEOUT=8

kdir()	# kdir VARIANT: its build tree
{
	echo "$out/kernel-$1"
}

# build_kernel VARIANT: build it; its log is $out/kernel-VARIANT.log
build_kernel()
{
	local v=$1 args
	case $v in
	testing) args=(CONFIG_PVLINK_TESTING=y -- PVIMAGE="$pvimage" vmlinux pvlink.img) ;;
	nopvlink) args=(CONFIG_PVLINK=n) ;;
	nrcpus2) args=(CONFIG_NR_CPUS=2 -- vmlinux pvlink.img) ;;
	*) echo "gen-envs.sh: no kernel variant '$v' (testing, nopvlink, nrcpus2)" >&2
	   return 2 ;;
	esac
	mkdir -p "$out"
	if ! CC=$CC "$here/build-kernel.sh" "$(kdir "$v")" "${args[@]}" \
			> "$out/kernel-$v.log" 2>&1; then
		echo "building kernel variant $v failed ($out/kernel-$v.log):"
		tail -n 25 "$out/kernel-$v.log"
		return 1
	fi
}

variant_of()	# variant_of NAME: the kernel variant environment NAME boots
{
	case $1 in
	corrupt-*|boot-*|inline-*|early-pvop|undo-*) echo testing ;;
	no-pvlink*) echo nopvlink ;;
	nrcpus2-*) echo nrcpus2 ;;
	esac
}

# ---- the cases of each family --------------------------------------------
# boot-NAME: bootcase.c define;what the refusal must say;title;image
# spec of more backends (the case's object is backend "corrupt";
# ":requires=native" on it stacks it on the build's native.o).  @RESERVE2@
# is twice the testing kernel's percpu reserve, known once it is built.
bootcases=(
	"percpu-over-reserve;-DBOOTCASE_PERCPU=@RESERVE2@;(PVLINK_E_PERCPU_OVERFLOW|percpu data larger than the percpu reserve);its percpu data (twice the kernel's reserve) exceed the reserve;"
	"bss-over-memory;-DBOOTCASE_BSS=(1UL<<30);no free memory for its bss region;its 1 GiB bss does not fit the guest's 256 MiB;"
	"no-pvops;;pv_[a-z_0-9]+;it defines no pv-op;"
	"patch-before-init;-DBOOTCASE_INIT_ORPHAN;cannot be patched: backend corrupt has an inline body for irq_disable;its call sites cannot be patched, found before its init runs;:requires=native native=$native"
)

# inline-NAME: a backend on top of the build's native.o whose
# .pvlink.inline records (or pv-op definition) the patcher must refuse.
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
inlines=(
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

corrupt_names()	# the corrupt-* environments, from expected.list alone
{
	/usr/bin/python3 "$here/mkcorrupt.py" --list --expected "$t/corpus/expected.list" |
		awk -F '\t' '$1 == "boot" { print $2 }'
}

# ---- the sections ------------------------------------------------------------
# section NAME: the section of NAME as far as it is known without a build
# (all of it but a corrupt-* case's append, checks and title)
section()
{
	local name=$1 kernel b what re asm
	kernel=$(kdir "$(variant_of "$name")")
	echo "[$name]"
	echo "kernel = $kernel"
	case $name in
	corrupt-*)
		echo "module = $envdir/corrupt/${name#corrupt-}.img"
		echo "timeout = $REFUSED_TIMEOUT"
		echo "groups = testing corrupt" ;;
	boot-*)
		for b in "${bootcases[@]}"; do
			IFS=';' read -r bname _ re what _ <<< "$b"
			[ "boot-$bname" = "$name" ] || continue
			cat <<-EOF
			append = console=ttyS0 pvlink.unbound pvlink=corrupt
			module = $envdir/bootcase/$bname.img
			timeout = $REFUSED_TIMEOUT
			groups = testing corrupt
			title = at boot only: $bname refused ($what), falls back to native
			# Refused; then native, where the image holds it (the
			# next candidate), or the built-in pv-ops where not.
			log_once = ^pvlink: (not linked: |linked native from .*; passed over: ).*$re
			log_must_not = ^pvlink: linked native\+corrupt
			log_must_not = ^bootcase: init ran
			EOF
			# A stack missing pv-ops: one line with the likely
			# fix after the refusal, in pvimage verify's words.
			[ "$bname" != no-pvops ] ||
				echo 'log_once = ^pvlink: hint: backend corrupt is the bottom of its stack \(no \.requires\) but does not define every pv-op: it probably needs \.requires = "native" in its PVLINK_BACKEND\(\)'
		done ;;
	inline-override)
		cat <<-EOF
		append = console=ttyS0 pvlink.unbound pvlink=override
		module = $envdir/inline/override.img
		timeout = $REFUSED_TIMEOUT
		groups = testing corrupt inline
		title = an override of irq_disable without a body: linked, its calls direct, native's cli not inlined
		log_once = ^pvlink: linked native\+override from
		log_must = ok [0-9]+ a call of pv_irq_disable is cli \+ 4-byte NOP # SKIP pv_irq_disable comes from backend override, not native
		log_must = ok [0-9]+ every resident call/jmp site holds what its op's backend asks for
		EOF
		;;
	inline-*)
		for b in "${inlines[@]}"; do
			IFS='|' read -r bname what re _ <<< "$b"
			[ "inline-$bname" = "$name" ] || continue
			cat <<-EOF
			append = console=ttyS0 pvlink.unbound pvlink=inl$bname
			module = $envdir/inline/$bname.img
			timeout = $REFUSED_TIMEOUT
			groups = testing corrupt inline
			title = $what: refused, named, native linked instead
			log_once = ^pvlink: linked native from .*; passed over: stack native\+inl$bname: .*$re
			log_must_not = pvlink: not linked
			EOF
		done ;;
	early-pvop)
		# A pv-op before pvlink_boot() must stop the kernel at once
		# with a panic naming it: a failure, not a run or a loop.
		cat <<-EOF
		append = console=ttyS0 pvlink.early_pvop
		module = none
		timeout = $REFUSED_TIMEOUT
		expect = fail
		expect_log = ^Kernel panic: pv-op io_delay called before the boot-time link
		groups = testing early
		log_once = ^Kernel panic: pv-op io_delay called before the boot-time link
		EOF
		;;
	undo-exit)
		# pvlink.test_refuse_after_init refuses the stack after every
		# init succeeded: the test backend's exit must run, and the
		# stack's pages go back.
		cat <<-EOF
		append = console=ttyS0 pvlink.unbound pvlink=test pvlink.test_refuse_after_init
		module = $objtree/pvlink.img
		timeout = $REFUSED_TIMEOUT
		groups = testing undo
		# Every candidate (native+test, then native) is refused.
		log_once = ^pvlink: not linked: .*stack native\+test refused after its inits
		log_once = ^test: exit undoes the init$
		log_must_not = keeping its
		EOF
		;;
	undo-noexit)
		# A backend whose init has no exit cannot be undone: its
		# stack's pages must stay reserved, never freed.
		cat <<-EOF
		append = console=ttyS0 pvlink.unbound pvlink=corrupt pvlink.test_refuse_after_init
		module = $envdir/undo/noexit.img
		timeout = $REFUSED_TIMEOUT
		groups = testing undo
		log_once = ^bootcase: init ran$
		log_once = ^pvlink: stack native\+corrupt: keeping its [0-9]+ KiB reserved: backend corrupt's init cannot be undone
		log_once = ^pvlink: not linked: .*stack native\+corrupt refused after its inits
		EOF
		;;
	no-pvlink|no-pvlink-smp2-image)
		local smp=1 module=none
		if [ "$name" = no-pvlink-smp2-image ]; then
			smp=2
			# pvlink.img is passed where there is one: it must be ignored.
			[ -f "$objtree/pvlink.img" ] && module=$objtree/pvlink.img
		fi
		cat <<-EOF
		append = console=ttyS0
		smp = $smp
		module = $module
		timeout = 30
		groups = no-pvlink
		log_once = ^pvlink: not linked: the kernel is built without CONFIG_PVLINK
		log_must_not = pvlink: linked
		EOF
		[ $smp = 1 ] || echo "log_must = ^smp: 2 CPUs online"
		;;
	nrcpus2-tcg-smp4)
		cat <<-EOF
		append = console=ttyS0
		smp = 4
		module = $kernel/pvlink.img
		timeout = 60
		groups = nr-cpus
		log_must_not = pvlink: not linked
		log_once = ^smp: 2 more CPUs in the ACPI MADT not started: CONFIG_NR_CPUS is 2$
		log_must = ^smp: 2 CPUs online
		EOF
		;;
	nrcpus2-xen-pv-smp4)
		cat <<-EOF
		boot = xen
		smp = 4
		memory = 512
		bios = seabios
		cpu = max
		xen_append = console=com2 com2=115200,8n1 dom0_mem=128M dom0_max_vcpus=4
		append = console=ttyS0
		console = serial1
		module = $kernel/pvlink.img
		timeout = 90
		groups = nr-cpus
		log_must_not = pvlink: not linked
		log_once = ^smp: 2 of Xen's 4 vCPUs not started: CONFIG_NR_CPUS is 2$
		log_must = ^smp: 2 CPUs online
		EOF
		;;
	esac
	echo
}

all_names()
{
	local b
	corrupt_names
	for b in "${bootcases[@]}"; do echo "boot-${b%%;*}"; done
	for b in "${inlines[@]}"; do echo "inline-${b%%|*}"; done
	echo inline-override
	printf '%s\n' early-pvop undo-exit undo-noexit no-pvlink no-pvlink-smp2-image \
		nrcpus2-tcg-smp4 nrcpus2-xen-pv-smp4
}

# ---- preparing -------------------------------------------------------------------
# Each prepare_* makes the modules of the NAMEs given and writes their
# sections; a failure writes NAME.err.  The testing kernel is built.

fail()	# fail NAME REASON [LOG]: NAME cannot be booted
{
	{ echo "$2"; [ -z "${3:-}" ] || tail -n 25 "$3"; } > "$envdir/$1.err"
	failed=1
}

prepare_corrupt()	# prepare_corrupt NAME...
{
	local w=$envdir/corrupt kernel percpu cases=() n name
	kernel=$(kdir testing)
	mkdir -p "$w"
	for n in "$@"; do cases+=("${n#corrupt-}"); done
	if ! make -C "$t/corpus" srctree="$srctree" objtree="$objtree" CC="$CC" cases \
			> "$w/corpus.log" 2>&1; then
		for n in "$@"; do fail "$n" "building the corpus failed" "$w/corpus.log"; done
		return
	fi
	# The booted kernel's backend percpu reserve: the offline link
	# predicting each boot's error uses the same one.
	percpu=$(nm "$kernel/vmlinux" | awk '$3 == "__per_cpu_reserve" { b = "0x" $1 }
		$3 == "__per_cpu_reserve_size" { s = "0x" $1 } END { if (b && s) print b "," s }')
	if [ -z "$percpu" ]; then
		for n in "$@"; do
			fail "$n" "no __per_cpu_reserve, __per_cpu_reserve_size in $kernel/vmlinux"
		done
		return
	fi
	if ! /usr/bin/python3 "$here/mkcorrupt.py" --percpu "$percpu" \
			--expected "$t/corpus/expected.list" \
			--cases "$objtree/tools/testing/pvlink/corpus/cases/cases.list" \
			--pvlink-c "$srctree/lib/pvlink/msg.c" \
			--pvlink-h "$srctree/include/linux/pvlink_lib.h" \
			--pvimage "$pvimage" --out "$w" "${cases[@]}" > "$w/mkcorrupt.out" 2>&1; then
		for n in "$@"; do fail "$n" "mkcorrupt.py failed" "$w/mkcorrupt.out"; done
		return
	fi
	# mkcorrupt.py's sections, with the kernel, groups and title added
	declare -A title
	while IFS=$'\t' read -r kind name text; do
		[ "$kind" = boot ] && title[$name]=$text
	done < "$w/corrupt.names"
	for n in "$@"; do
		if [ -z "${title[$n]:-}" ]; then
			fail "$n" "mkcorrupt.py made no environment $n (is it a case of expected.list a boot can reproduce?)" \
				"$w/mkcorrupt.out"
			continue
		fi
		awk -v want="[$n]" '/^\[/ { on = ($0 == want) } on' "$w/corrupt.cfg" > "$envdir/$n.cfg"
		{
			echo "kernel = $kernel"
			echo "groups = testing corrupt"
			echo "title = ${title[$n]}"
		} >> "$envdir/$n.cfg"
	done
}

# bootcase OBJ DEFINE LOG: bootcase.c compiled as a backend is, with the
# testing kernel's flags (make kernelflags, lib/kflags.sh)
bootcase()
{
	local objtree
	objtree=$(kdir testing)
	kflags "$CC" || { echo "make kernelflags failed in $objtree" >> "$3"; return 1; }
	# shellcheck disable=SC2086 # no define, or one
	"$CC" "${KFLAGS[@]}" $2 -c "$t/boot/testdata/bootcase.c" -o "$1" >> "$3" 2>&1
}

prepare_bootcase()	# prepare_bootcase NAME
{
	local name=${1#boot-} w=$envdir/bootcase b bname def more reserve req specs
	mkdir -p "$w"
	reserve=$(sed -n 's/^CONFIG_PVLINK_PERCPU_RESERVE=//p' "$(kdir testing)/.config")
	[ -n "$reserve" ] || reserve=4096
	for b in "${bootcases[@]}"; do
		IFS=';' read -r bname def _ _ more <<< "$b"
		[ "$bname" = "$name" ] || continue
		def=${def//@RESERVE2@/$((reserve * 2))}
		req=${more%% *}
		specs=
		[ "$req" = "$more" ] || specs=${more#* }
		: > "$w/$name.log"
		# shellcheck disable=SC2086 # no more specs, or some
		if bootcase "$w/$name.o" "$def" "$w/$name.log" &&
		   /usr/bin/python3 "$here/mkimage.py" pack "$w/$name.img" \
				"corrupt=$w/$name.o$req" $specs >> "$w/$name.log" 2>&1; then
			section "$1" > "$envdir/$1.cfg"
		else
			fail "$1" "building the image of $1 failed" "$w/$name.log"
		fi
	done
}

prepare_inline()	# prepare_inline NAME
{
	local name=${1#inline-} w=$envdir/inline c cname asm src
	mkdir -p "$w"
	if [ "$name" = override ]; then
		src=$func
	else
		for c in "${inlines[@]}"; do
			IFS='|' read -r cname _ <<< "$c"
			[ "$cname" = "$name" ] && src=${c#*|*|*|}
		done
	fi
	printf '%s\n' "$src" > "$w/$name.S"
	asm=inl$name
	[ "$name" = override ] && asm=override
	if as -o "$w/$name.o" "$w/$name.S" > "$w/$name.log" 2>&1 &&
	   /usr/bin/python3 "$here/mkimage.py" pack "$w/$name.img" "native=$native" \
			"$asm=$w/$name.o:requires=native" >> "$w/$name.log" 2>&1; then
		section "$1" > "$envdir/$1.cfg"
	else
		fail "$1" "building the image of $1 failed" "$w/$name.log"
	fi
}

prepare_undo_noexit()
{
	local w=$envdir/undo
	mkdir -p "$w"
	: > "$w/build.log"
	if bootcase "$w/noexit.o" -DBOOTCASE_INIT "$w/build.log" &&
	   /usr/bin/python3 "$here/mkimage.py" pack "$w/noexit.img" "corrupt=$w/noexit.o:requires=native" \
			"native=$native" >> "$w/build.log" 2>&1; then
		section undo-noexit > "$envdir/undo-noexit.cfg"
	else
		fail undo-noexit "building the image of undo-noexit failed" "$w/build.log"
	fi
}

prepare()	# prepare NAME...
{
	local name v corrupt=() known
	declare -A built
	known=" $(all_names | tr '\n' ' ') "
	mkdir -p "$envdir"
	for name in "$@"; do
		rm -f "$envdir/$name.cfg" "$envdir/$name.err"
		if [[ $known != *" $name "* ]]; then
			fail "$name" "no generated environment named '$name' (gen-envs.sh cfg lists them)"
			continue
		fi
		v=$(variant_of "$name")
		if [ -z "${built[$v]:-}" ]; then
			if build_kernel "$v" > "$envdir/kernel-$v.err"; then
				built[$v]=ok
			else
				built[$v]=failed
			fi
		fi
		if [ "${built[$v]}" != ok ]; then
			cp "$envdir/kernel-$v.err" "$envdir/$name.err"
			failed=1
			continue
		fi
		case $name in
		corrupt-*) corrupt+=("$name") ;;
		boot-*) prepare_bootcase "$name" ;;
		inline-*) prepare_inline "$name" ;;
		undo-noexit) prepare_undo_noexit ;;
		*) section "$name" > "$envdir/$name.cfg" ;;
		esac
	done
	[ ${#corrupt[@]} = 0 ] || prepare_corrupt "${corrupt[@]}"
}

# shellcheck source=tools/testing/pvlink/lib/kflags.sh
. "$t/lib/kflags.sh"

failed=0
case ${1:-} in
cfg)
	[ $# = 1 ] || exit 2
	echo "# generated by boot/gen-envs.sh cfg; do not edit"
	echo
	for name in $(all_names); do
		section "$name"
	done ;;
kernel)
	[ $# = 2 ] || exit 2
	build_kernel "$2" ;;
prepare)
	shift
	[ $# -gt 0 ] || exit 2
	prepare "$@"
	exit $failed ;;
*)
	sed -n 's/^# Usage: /usage: /p; s/^#        /       /p' "$0" | head -n 3 >&2
	exit 2 ;;
esac
