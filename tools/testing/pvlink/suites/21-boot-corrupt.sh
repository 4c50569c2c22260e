#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Suite 21: every malformed object of the linker-core corpus, at boot.
#
# The kernel accepts only backends built with it, so a corpus object can
# only reach the linker's own validation in a kernel built with
# CONFIG_PVLINK_TESTING=y and booted with "pvlink.unbound".  This suite
# builds that second kernel in $objtree/tools/testing/pvlink/out/
# kernel-testing (defconfig plus the option, reusing the pvimage of the
# main build), wraps each corpus case as the backend of an image
# (boot/mkcorrupt.py), boots it with "pvlink.unbound pvlink=<backend>"
# and expects a clean fallback to the built-in native pv-ops: the boot
# passes its self-tests and prints "pvlink: not linked: ..." with the
# case's error.  One TAP line per case (run-env.sh -s).  Three more
# backends test what only a boot can refuse (boot/testdata/bootcase.c):
# percpu data over the kernel's reserve, a bss larger than the guest's
# memory, and a stack that defines no pv-op.  Then pvlink.early_pvop: a
# pv-op called before the link must stop the kernel, naming it.
#
# PVLINK_CORRUPT_CASES="hdr-magic sym-tls" boots only those cases.
set -u
export LC_ALL=C

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
objtree=${objtree:-$srctree}
CC=${CC:-gcc}
t=$srctree/tools/testing/pvlink
work=$objtree/tools/testing/pvlink/out/corrupt
kernel=$objtree/tools/testing/pvlink/out/kernel-testing
pvimage=$objtree/scripts/pvimage/pvimage
mkdir -p "$work"

skip_all()	# skip_all REASON
{
	echo "ok - boot-corrupt: malformed images at boot # SKIP $1"
	exit 0
}

if ! grep -rqs --include='Kconfig*' '^config PVLINK_TESTING$' "$srctree"; then
	skip_all "no CONFIG_PVLINK_TESTING in Kconfig: this kernel cannot boot an image that is not bound to it"
fi
if [ ! -x "$pvimage" ]; then
	skip_all "$pvimage was not built (CONFIG_PVLINK=n?)"
fi

# --- the testing kernel -----------------------------------------------------
if srctree="$srctree" CC="$CC" "$t/boot/build-kernel.sh" "$kernel" CONFIG_PVLINK_TESTING=y -- PVIMAGE="$pvimage" vmlinux \
		> "$work/build.log" 2>&1; then
	echo "ok - boot-corrupt: build a kernel with CONFIG_PVLINK_TESTING=y ($CC)"
else
	echo "not ok - boot-corrupt: build a kernel with CONFIG_PVLINK_TESTING=y ($CC)"
	tail -n 25 "$work/build.log" | sed 's/^/# /'
	exit 1
fi
if ! grep -aqF 'pvlink.unbound' "$kernel/vmlinux"; then
	skip_all "the CONFIG_PVLINK_TESTING=y kernel does not know pvlink.unbound"
fi

# --- the corpus and its images ------------------------------------------------
C=$objtree/tools/testing/pvlink/corpus
if ! make -C "$t/corpus" srctree="$srctree" objtree="$objtree" CC="$CC" cases \
		> "$work/corpus.log" 2>&1; then
	echo "not ok - boot-corrupt: build the corpus"
	tail -n 25 "$work/corpus.log" | sed 's/^/# /'
	exit 1
fi
# The booted kernel's backend percpu reserve: the offline link predicting
# each boot's error uses the same one.
percpu=$(nm "$kernel/vmlinux" | awk '$3 == "__per_cpu_reserve" { b = "0x" $1 }
	$3 == "__per_cpu_reserve_size" { s = "0x" $1 } END { if (b && s) print b "," s }')
if [ -z "$percpu" ]; then
	echo "not ok - boot-corrupt: read the testing kernel's percpu reserve (__per_cpu_reserve, __per_cpu_reserve_size)"
	exit 1
fi
# shellcheck disable=SC2086 # a list of case names
if ! /usr/bin/python3 "$t/boot/mkcorrupt.py" --percpu "$percpu" --expected "$t/corpus/expected.list" \
		--cases "$C/cases/cases.list" --pvlink-c "$srctree/lib/pvlink/msg.c" \
		--pvlink-h "$srctree/include/linux/pvlink_lib.h" \
		--pvimage "$pvimage" --out "$work" ${PVLINK_CORRUPT_CASES:-} \
		> "$work/mkcorrupt.out" 2>&1; then
	echo "not ok - boot-corrupt: wrap the corpus cases as images"
	sed 's/^/# /' "$work/mkcorrupt.out"
	exit 1
fi
sed 's/^/# boot-corrupt: /' "$work/mkcorrupt.out"

# --- what only a boot can refuse ------------------------------------------------
# Objects with nothing undefined, so that the kernel's own limits are
# reached (boot/testdata/bootcase.c): its percpu reserve, the guest's
# memory, and the rule that a stack defines every pv-op.
reserve=$(sed -n 's/^CONFIG_PVLINK_PERCPU_RESERVE=//p' "$kernel/.config")
[ -n "$reserve" ] || reserve=4096
# Each: name;define;what the refusal must say;why;more backends of the
# image (the case's object is backend "corrupt"; ":requires=native" on it
# stacks it on the native.o the build made).
bootcases=(
	"percpu-over-reserve;-DBOOTCASE_PERCPU=$((reserve * 2));(PVLINK_E_PERCPU_OVERFLOW|percpu data larger than the percpu reserve);its $((reserve * 2)) bytes of percpu data exceed the kernel's $reserve-byte reserve;"
	"bss-over-memory;-DBOOTCASE_BSS=(1UL<<30);no free memory for its bss region;its 1 GiB bss does not fit the guest's 256 MiB;"
	"no-pvops;;pv_[a-z_0-9]+;it defines no pv-op;"
	"patch-before-init;-DBOOTCASE_INIT_ORPHAN;cannot be patched: backend corrupt has an inline body for irq_disable;its call sites cannot be patched, found before its init runs;:requires=native native=$objtree/arch/x86/pvlink/native.o"
)
mkdir -p "$work/bootcase"
for b in "${bootcases[@]}"; do
	IFS=';' read -r name def re why more <<< "$b"
	more_req=${more%% *}
	more_specs=
	[ "$more_req" = "$more" ] || more_specs=${more#* }
	obj=$work/bootcase/$name.o
	# shellcheck disable=SC2086 # no define, or one
	if ! "$CC" -c -O2 -mcmodel=kernel -fno-pic -mgeneral-regs-only -mno-red-zone \
			-ffreestanding -fno-common -fno-stack-protector -Wall -Wextra -Werror \
			$def "$t/boot/testdata/bootcase.c" -o "$obj" > "$work/bootcase/$name.log" 2>&1 ||
	   ! /usr/bin/python3 "$t/boot/mkimage.py" pack "$work/bootcase/$name.img" \
			"corrupt=$obj$more_req" $more_specs >> "$work/bootcase/$name.log" 2>&1; then
		echo "not ok - boot-corrupt: build the boot-only case $name"
		sed 's/^/# /' "$work/bootcase/$name.log"
		continue
	fi
	cat >> "$work/corrupt.cfg" <<-EOF

	[boot-$name]
	append = console=ttyS0 pvlink.unbound pvlink=corrupt
	module = $work/bootcase/$name.img
	timeout = 8
	log_once = ^pvlink: not linked: .*$re
	log_must_not = pvlink: linked
	log_must_not = ^bootcase: init ran
	EOF
	printf 'boot\tboot-%s\tat boot only: %s refused (%s), falls back to native\n' \
		"$name" "$name" "$why" >> "$work/corrupt.names"
done

# --- the boots -------------------------------------------------------------------
declare -A desc
envs=()
while IFS=$'\t' read -r kind name text; do
	case $kind in
	boot)
		desc[$name]=$text
		envs+=("$name") ;;
	skip)
		echo "ok - boot-corrupt: $name # SKIP $text" ;;
	esac
done < "$work/corrupt.names"
[ ${#envs[@]} -gt 0 ] || skip_all "no corpus case can be booted"

start=$SECONDS
VMLINUX=$kernel/vmlinux PVLINK_LOGDIR=$work/logs \
	"$t/boot/run-env.sh" -s -c "$work/corrupt.cfg" "${envs[@]}" > "$work/boots.out" 2>&1
while IFS= read -r line; do
	if [[ $line =~ ^(ok|not\ ok)\ -\ ((corrupt|boot)-[A-Za-z0-9_.-]+)(\ \#\ SKIP.*)?$ ]]; then
		echo "${BASH_REMATCH[1]} - boot-corrupt: ${desc[${BASH_REMATCH[2]}]}${BASH_REMATCH[4]}"
	elif [[ $line == '# '* ]]; then
		echo "$line"
	else
		echo "# $line"
	fi
done < "$work/boots.out"
echo "# boot-corrupt: ${#envs[@]} boots in $((SECONDS - start)) s; logs in $work/logs"

# --- the same images through pvimage verify ---------------------------------------
# "pvimage verify" applies the boot's rules through the same library code
# (Documentation/pvimage.rst): every image the boot refuses, verify must
# refuse too, in the same words (the pattern the boot's log is held to).
# --unbound stands for the pvlink.unbound the boots use.  Only the guest's
# memory is beyond it: the one case that needs it is a boot's alone.
declare -A vmodule vpattern
section=
while IFS= read -r line; do
	case $line in
	'['*']') section=${line#[}; section=${section%]} ;;
	'module = '*) vmodule[$section]=${line#module = } ;;
	'log_once = ^pvlink: not linked: '*) vpattern[$section]=${line#log_once = ^pvlink: not linked: } ;;
	esac
done < "$work/corrupt.cfg"
for env in "${envs[@]}"; do
	name="boot-corrupt: verify: ${desc[$env]%, falls back to native}, as the boot"
	if [ "$env" = boot-bss-over-memory ]; then
		echo "ok - $name # SKIP only a boot knows the guest's memory"
		continue
	fi
	"$pvimage" verify --kernel "$kernel/vmlinux" --unbound "${vmodule[$env]}" \
		> /dev/null 2> "$work/verify.err"
	rc=$?
	if [ $rc = 1 ] && grep -qE -- "${vpattern[$env]}" "$work/verify.err"; then
		echo "ok - $name"
	else
		echo "not ok - $name"
		echo "# want exit 1 and a problem matching: ${vpattern[$env]}; got exit $rc:"
		head -n 5 "$work/verify.err" | sed 's/^/#   /'
	fi
done

# --- a pv-op before the link ------------------------------------------------------
# The testing kernel's pvlink.early_pvop calls pv_io_delay() before
# pvlink_boot(): the kernel must stop at once with a panic naming the
# pv-op and end the run as a failure, not run on or reboot in a loop.
if grep -aqF 'pvlink.early_pvop' "$kernel/vmlinux"; then
	cat > "$work/early.cfg" <<-EOF
	[early-pvop]
	append = console=ttyS0 pvlink.early_pvop
	module = none
	timeout = 8
	expect = fail
	log_once = ^Kernel panic: pv-op io_delay called before the boot-time link
	EOF
	VMLINUX=$kernel/vmlinux PVLINK_LOGDIR=$work/logs \
		"$t/boot/run-env.sh" -c "$work/early.cfg" early-pvop > "$work/early.out" 2>&1
	status=$(cat "$work/logs/early-pvop.status" 2>/dev/null)
	if [[ $status == "rc=3 "*" banners=1" ]]; then
		echo "ok - boot-corrupt: pvlink.early_pvop: a pv-op before the link stops the kernel as a failure, once"
	else
		echo "not ok - boot-corrupt: pvlink.early_pvop: a pv-op before the link stops the kernel as a failure, once"
		echo "# want QEMU status 3 (the kernel's failure exit) and one banner; got: ${status:-no status}"
		sed 's/^/#   /' "$work/early.out"
	fi
	if grep -q '^ok - early-pvop: log shows' "$work/early.out"; then
		echo "ok - boot-corrupt: pvlink.early_pvop: the panic names the pv-op (io_delay)"
	else
		echo "not ok - boot-corrupt: pvlink.early_pvop: the panic names the pv-op (io_delay)"
		grep -A3 '^not ok - early-pvop: log' "$work/early.out" | sed 's/^/# /'
	fi
else
	echo "ok - boot-corrupt: pvlink.early_pvop # SKIP the CONFIG_PVLINK_TESTING=y kernel has no pvlink.early_pvop"
fi

# --- inits undone -----------------------------------------------------------------
# pvlink.test_refuse_after_init (a testing kernel) refuses the stack after
# every init succeeded.  The test backend has an exit: it must run, and
# the stack's pages go back.  A backend whose init has no exit cannot be
# undone: its stack's pages must stay reserved, never freed.
undo=$work/undo
mkdir -p "$undo"
if grep -aqF 'pvlink.test_refuse_after_init' "$kernel/vmlinux" &&
   "$CC" -c -O2 -mcmodel=kernel -fno-pic -mgeneral-regs-only -mno-red-zone -ffreestanding \
	-fno-common -fno-stack-protector -Wall -Wextra -Werror -DBOOTCASE_INIT \
	"$t/boot/testdata/bootcase.c" -o "$undo/noexit.o" > "$undo/build.log" 2>&1 &&
   /usr/bin/python3 "$t/boot/mkimage.py" pack "$undo/noexit.img" "corrupt=$undo/noexit.o:requires=native" \
	"native=$objtree/arch/x86/pvlink/native.o" >> "$undo/build.log" 2>&1; then
	cat > "$undo/undo.cfg" <<-EOF
	[undo-exit]
	append = console=ttyS0 pvlink.unbound pvlink=test pvlink.test_refuse_after_init
	module = $objtree/pvlink.img
	timeout = 8
	log_once = ^pvlink: not linked: stack native\+test refused after its inits
	log_once = ^test: exit undoes the init$
	log_must_not = keeping its

	[undo-noexit]
	append = console=ttyS0 pvlink.unbound pvlink=corrupt pvlink.test_refuse_after_init
	module = $undo/noexit.img
	timeout = 8
	log_once = ^bootcase: init ran$
	log_once = ^pvlink: stack native\+corrupt: keeping its [0-9]+ KiB reserved: backend corrupt's init cannot be undone
	log_once = ^pvlink: not linked: stack native\+corrupt refused after its inits
	EOF
	VMLINUX=$kernel/vmlinux PVLINK_LOGDIR=$work/logs \
		"$t/boot/run-env.sh" -c "$undo/undo.cfg" undo-exit undo-noexit > "$undo/boots.out" 2>&1
	while IFS= read -r line; do
		case $line in
		ok\ *|not\ ok\ *) echo "${line/ - / - boot-corrupt: }" ;;
		*) echo "# $line" ;;
		esac
	done < "$undo/boots.out"
else
	echo "not ok - boot-corrupt: inits undone: build the cases (or the testing kernel lacks pvlink.test_refuse_after_init)"
	sed 's/^/# /' "$undo/build.log"
fi

# --- malformed inline bodies, for the site patcher (same testing kernel) ---------
"$t/patch/boot-inline.sh" "$kernel/vmlinux" "$objtree/arch/x86/pvlink/native.o" "$work/inline"
exit 0
