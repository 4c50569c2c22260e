#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Boot the reference kernel in named environments and judge each run.
#
# Usage: run-env.sh [-c CFG] [-s] ENV...
#        run-env.sh [-c CFG] --list [-g GROUP] [-e pass|fail]
#
# Environments are sections of environments.cfg, and the generated ones
# of boot/gen-envs.sh (without -c): the corrupt images of suite 21 and the
# kernel variants of suites 26 and 27, which --list lists after the
# others and which are prepared (their kernel built, their module made,
# their section completed) before they boot; an environment that cannot
# be prepared gives "not ok - ENV: prepared # ERROR why".  For each one
# this boots its vmlinux (the build's, or that of its "kernel" tree) under
# timeout, keeps the console in $objtree/tools/testing/pvlink/logs/ENV.log
# and prints TAP:
#
#   ok - ENV: booted		the banner appeared exactly once
#   ok - ENV: exit status	QEMU ended through isa-debug-exit with 0,
#				or (boot = xen) Xen's console says its dom0
#				shut down to reboot (SCHEDOP_shutdown reboot)
#   ok - ENV: module matches	the kernel's "module: 0" line has the
#				size, first and last bytes of the file passed
#				(with "module = none": no module reported)
#   ok - ENV: SUITE: CASE	one line per KTAP result (boot/ktap.py)
#   ok - ENV: log shows /RE/	one line per log_must, log_once and
#				log_must_not check of the environment
#
# or a single "ok - ENV # SKIP reason" when the environment cannot run here
# (no usable /dev/kvm, Xen cannot be downloaded, GRUB tools missing).  On a
# failure the log's path and its last lines follow as "# " diagnostics.
# The module is made before the boot where the environment asks for one
# (environments.cfg, key "module"): the test file, or an image derived
# from $objtree/pvlink.img by boot/mkimage.py (tampered, truncated, foreign).
#
# $logdir/ENV.status keeps "rc=QEMU-STATUS end=HOW elapsed_ms=N banners=N",
# HOW being pass, fail (the kernel's failure exit: isa-debug-exit 1, or
# under Xen "Hardware Dom0 crashed"), timeout, reset, qemu-error or error.
#
# With -s (summary) each environment gives one line instead, "ok - ENV"
# or "not ok - ENV" ("ENV: TITLE" where it has a title) followed by the
# failed lines as diagnostics (the corrupt-image suite boots a hundred
# environments that way).
#
# Exit status: 0 if nothing failed, 1 otherwise, 2 on a usage error.
#
# Environment: srctree, objtree (default: this tree), VMLINUX (default
# $objtree/vmlinux), PVLINK_IMAGE (default $objtree/pvlink.img: what
# tampered, truncated and foreign modules are made from), PVIMAGE (default
# $objtree/scripts/pvimage/pvimage), QEMU (default qemu-system-x86_64),
# QBOOT (qboot.rom), PVLINK_LOGDIR (default $objtree/tools/testing/pvlink/logs),
# XEN (the hypervisor boot = xen loads; default: scripts/get-xen.sh's),
# PVLINK_ENVDIR (where the generated environments are prepared; default
# $objtree/tools/testing/pvlink/out/envs).
# An environment's "kernel" may name a kernel variant (testing, nopvlink,
# nrcpus2), which gen-envs.sh builds or brings up to date first.
set -u

here=$(cd "$(dirname "$0")" && pwd)
srctree=${srctree:-$(cd "$here/../../../.." && pwd)}
objtree=${objtree:-$srctree}
QEMU=${QEMU:-qemu-system-x86_64}
QBOOT=${QBOOT:-/usr/share/qemu/qboot.rom}
VMLINUX=${VMLINUX:-$objtree/vmlinux}
PVLINK_IMAGE=${PVLINK_IMAGE:-$objtree/pvlink.img}
PVIMAGE=${PVIMAGE:-$objtree/scripts/pvimage/pvimage}
cfg=$srctree/tools/testing/pvlink/environments.cfg
outdir=$objtree/tools/testing/pvlink/out
envdir=${PVLINK_ENVDIR:-$outdir/envs}
gen=$here/gen-envs.sh
# The kernel and image of an environment without a "kernel" tree.
VMLINUX0=$VMLINUX
PVLINK_IMAGE0=$PVLINK_IMAGE
# The file holding each environment's section: $cfg, or for a generated
# environment the one gen-envs.sh prepared (cfg_of).
declare -A cfg_of
logdir=${PVLINK_LOGDIR:-$objtree/tools/testing/pvlink/logs}

# The first line the kernel prints on every boot (init/main.c); counting
# it tells a clean run from a reboot loop.
BANNER_RE=${BANNER_RE:-'pvlink reference kernel [0-9]'}
# "module: 0 addr=0x<hex> size=<decimal> head=<hex of the first bytes>
# tail=<hex of the last bytes>" (up to 16 each, init/bootmod.c)
MODULE_RE='module: 0 addr=0x([0-9a-fA-F]+) size=([0-9]+) head=([0-9a-fA-F]*) tail=([0-9a-fA-F]*)'
TAIL_LINES=30

# shellcheck source=tools/testing/pvlink/boot/envcfg.sh
. "$here/envcfg.sh"
declare -A env

failed=0

tap()	# tap ok|not-ok NAME [DIAGNOSTIC...]
{
	local res=$1 name=$2
	shift 2
	if [ "$res" = ok ]; then
		echo "ok - $name"
	else
		echo "not ok - $name"
		failed=$((failed + 1))
	fi
	local d
	for d in "$@"; do
		echo "# $d"
	done
}

show_tail()	# show_tail FILE
{
	[ -f "$1" ] || return 0
	echo "# --- $1 (last $TAIL_LINES lines) ---"
	tail -n $TAIL_LINES "$1" | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\r//g; s/^/# /'
}

# QEMU joins -initrd modules with ',': a literal comma is written twice.
qemu_escape()
{
	printf '%s' "${1//,/,,}"
}

# bios_args: the firmware options for env[bios]
bios_args()
{
	case ${env[bios]} in
	qboot)
		if [ -f "$QBOOT" ]; then
			qargs+=(-bios "$QBOOT")
		else
			echo "# ${env[name]}: $QBOOT not found, booting with SeaBIOS (slower)"
		fi ;;
	seabios)
		;;
	*)
		echo "# ${env[name]}: unknown bios '${env[bios]}'"
		return 1 ;;
	esac
}

# prepare: check what the environment needs and build its command line in
# qargs.  Returns 2 with the reason in skip_reason if it cannot run here,
# 1 on an error (diagnostics printed).
prepare()
{
	local name=${env[name]}

	# shellcheck disable=SC2054 # the commas are QEMU's
	qargs=(-machine "${env[machine]}" -accel "${env[accel]}"
	       -smp "${env[smp]}" -m "${env[memory]}"
	       -display none -monitor none -nic none -no-reboot
	       -device isa-debug-exit,iobase=0xf4,iosize=4)
	[ -n "${env[cpu]}" ] && qargs+=(-cpu "${env[cpu]}")
	bios_args || return 1

	if [ "${env[accel]}" = kvm ]; then
		if ! skip_reason=$(QEMU=$QEMU "$here/kvm-probe.sh" "$outdir"); then
			return 2
		fi
	fi

	case ${env[boot]} in
	qemu)
		qargs+=(-kernel "$VMLINUX" -append "${env[append]}")
		[ -n "$module" ] && qargs+=(-initrd "$module")
		qargs+=(-serial "file:$log0") ;;
	xen)
		local xen=${XEN:-} rc=0
		[ -n "$xen" ] ||
			xen=$("$srctree/scripts/get-xen.sh" "$objtree/.cache/xen" 2>"$outdir/get-xen.err") ||
			rc=$?
		if [ $rc = 2 ]; then
			skip_reason=$(tail -n 1 "$outdir/get-xen.err")
			return 2
		elif [ $rc != 0 ]; then
			sed 's/^/# /' "$outdir/get-xen.err"
			return 1
		fi
		local mods
		mods="$(qemu_escape "$VMLINUX") $(qemu_escape "${env[append]}")"
		[ -n "$module" ] && mods+=",$(qemu_escape "$module")"
		qargs+=(-kernel "$xen" -append "${env[xen_append]}"
			-initrd "$mods"
			-serial "file:$log0" -serial "file:$log1") ;;
	grub)
		local iso=$outdir/$name.iso rc
		"$srctree/scripts/mkgrubiso.sh" "$iso" "$VMLINUX" "$module" \
			"${env[append]}" 2>"$outdir/mkgrubiso.err"
		rc=$?
		if [ $rc = 2 ]; then
			skip_reason=$(tail -n 1 "$outdir/mkgrubiso.err")
			return 2
		elif [ $rc != 0 ]; then
			sed 's/^/# /' "$outdir/mkgrubiso.err"
			return 1
		fi
		qargs+=(-cdrom "$iso" -boot d -serial "file:$log0") ;;
	*)
		echo "# $name: unknown boot method '${env[boot]}'"
		return 1 ;;
	esac
	if [ -n "${env[extra]}" ]; then
		local extra
		read -r -a extra <<< "${env[extra]}"
		qargs+=("${extra[@]}")
	fi
	return 0
}

# check_module CONSOLE: the kernel's report against the file we passed
check_module()
{
	local name=${env[name]} console=$1 line size head want_size want_head

	line=$(grep -aEo "$MODULE_RE" "$console" | head -n 1)
	if [ -z "$line" ]; then
		tap not-ok "$name: module matches" \
		    "no 'module: 0 addr=0x... size=... head=... tail=...' line on the console"
		return
	fi
	[[ $line =~ $MODULE_RE ]]
	size=${BASH_REMATCH[2]}
	head=${BASH_REMATCH[3],,}
	tail=${BASH_REMATCH[4],,}
	want_size=$(stat -c %s "$module")
	want_head=$(head -c 16 "$module" | od -An -v -tx1 | tr -d ' \n')
	want_tail=$(tail -c 16 "$module" | od -An -v -tx1 | tr -d ' \n')
	if [ "$size" != "$want_size" ]; then
		tap not-ok "$name: module matches" \
		    "kernel says size=$size, $module has $want_size bytes"
	elif [ "$head" != "$want_head" ]; then
		tap not-ok "$name: module matches" \
		    "kernel says head=$head, $module starts with $want_head"
	elif [ "$tail" != "$want_tail" ]; then
		tap not-ok "$name: module matches" \
		    "kernel says tail=$tail, $module ends with $want_tail"
	else
		tap ok "$name: module matches"
	fi
}

# check_log CONSOLE: the environment's log_must / log_once / log_must_not
# lines against the console.  A check never SKIPs: a message renamed or
# gone is a failure.
check_log()
{
	local name=${env[name]} console=$1 kind re n what first
	local clean=$outdir/$name.console.txt

	# GRUB's escape sequences and \r must not break a ^...$ match.
	sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\r//g' "$console" > "$clean"
	while IFS=$CFG_SEP read -r kind re; do
		[ -n "$kind" ] || continue
		case $kind in
		log_must) what="log shows /$re/" ;;
		log_once) what="log shows /$re/ exactly once" ;;
		log_must_not) what="log does not show /$re/" ;;
		esac
		# '#' would start a TAP directive in the description.
		what=${what//#/%}
		n=$(grep -acE -- "$re" "$clean")
		first=$(grep -aE -m 1 -- "$re" "$clean")
		case $kind in
		log_must)
			if [ "$n" -ge 1 ]; then
				tap ok "$name: $what"
			else
				tap not-ok "$name: $what" "no console line matches"
			fi ;;
		log_once)
			if [ "$n" = 1 ]; then
				tap ok "$name: $what"
			elif [ "$n" = 0 ]; then
				tap not-ok "$name: $what" "no console line matches"
			else
				tap not-ok "$name: $what" "$n lines match, the first: $first"
			fi ;;
		log_must_not)
			if [ "$n" = 0 ]; then
				tap ok "$name: $what"
			else
				tap not-ok "$name: $what" "$n lines match, the first: $first"
			fi ;;
		esac
	done <<< "${env[log_checks]}"
}

# check_stack: the stack the boot linked, by its summary line ("pvlink:
# linked S from ..."; none without one), is the one the environment
# states.  Every environment of environments.cfg states one; a generated
# one or one of another file (-c) may.
check_stack()
{
	local name=${env[name]} want=${env[stack]} got
	local clean=$outdir/${env[name]}.console.txt

	if [ -z "$want" ]; then
		[ "${cfg_of[$name]:-$cfg}" != "$srctree/tools/testing/pvlink/environments.cfg" ] ||
			tap not-ok "$name: links the stack it states" \
			    "environments.cfg states no stack for $name (stack = ...): add the one the rules must pick"
		return
	fi
	got=$(sed -n 's/^pvlink: linked \([^ ]*\) from .*/\1/p' "$clean" | head -n 1)
	if [ "${got:-none}" = "$want" ]; then
		tap ok "$name: links stack $want"
	else
		tap not-ok "$name: links stack $want" \
		    "environment $name: expected stack $want, the boot linked ${got:-none}"
	fi
}

# check_console_write CONSOLE: the pvops self-test announces a line it
# writes through pv_console_write(), which the kernel cannot read back:
# where the announcement is on the console, the line must be on the
# platform's console, which is either serial port (under Xen PVH with
# native pv-ops, COM1 while printk also reaches Xen's console).
check_console_write()
{
	local name=${env[name]}
	local clean=$outdir/${env[name]}.console.txt
	local what="console_write's line is on the console" f

	grep -aq 'console_write: writing one line through the pv-op' "$clean" || return 0
	for f in "$log0" "$log1"; do
		if [ -f "$f" ] && grep -aq '# pv_console_write: this line comes from the pv-op' "$f"; then
			tap ok "$name: $what"
			return 0
		fi
	done
	tap not-ok "$name: $what" "the pvops self-test announced it, no serial port shows it"
}

# make_module KIND: the image derived from $PVLINK_IMAGE into $module
make_module()
{
	local kind=$1 out
	if [ ! -f "$PVLINK_IMAGE" ]; then
		echo "$PVLINK_IMAGE does not exist: build it first (make)"
		return 1
	fi
	case $kind in
	tampered)
		out=$(/usr/bin/python3 "$here/mkimage.py" tamper "$PVLINK_IMAGE" "$module" 2>&1) ;;
	truncated)
		out=$(/usr/bin/python3 "$here/mkimage.py" truncate "$PVLINK_IMAGE" "$module" 2>&1) ;;
	foreign)
		out=$(/usr/bin/python3 "$here/mkimage.py" foreign "$PVLINK_IMAGE" "$module" \
			"$PVIMAGE" "$outdir/foreign" 2>&1) ;;
	esac || { echo "mkimage.py $kind failed: $out"; return 1; }
	echo "# ${env[name]}: module $module: $kind: $out"
}

# Xen's own console lines when its hardware domain (dom0, our kernel) ends
# (xen/common/shutdown.c, hwdom_shutdown()): SCHEDOP_shutdown with reason
# reboot ends QEMU -no-reboot at once, status 0; reason crash (the kernel's
# failure) makes Xen reboot after its 5 s delay, status 0 as well.
XEN_REBOOT_RE='^\(XEN\) (\[[^]]*\] )?Hardware Dom0 shutdown: rebooting machine'
XEN_CRASH_RE='^\(XEN\) (\[[^]]*\] )?Hardware Dom0 crashed'

# xen_ending: "reboot", "crash" or "" from Xen's console (either port:
# xen_append says which one Xen writes to).
xen_ending()
{
	local f ending re
	# A crash first: a crash line anywhere makes the run a failure.
	for ending in crash reboot; do
		[ "$ending" = crash ] && re=$XEN_CRASH_RE || re=$XEN_REBOOT_RE
		for f in "$log0" "$log1"; do
			[ -f "$f" ] || continue
			if sed 's/\r//g' "$f" | grep -aqE -- "$re"; then
				echo "$ending"
				return
			fi
		done
	done
}

# judge_exit RC: isa-debug-exit writes (value << 1) | 1; under Xen
# (boot = xen) a run may also end by SCHEDOP_shutdown, QEMU status 0,
# judged by Xen's console line.  Sets "ending" to pass, fail, timeout,
# reset, qemu-error or error (the .status file keeps it).
judge_exit()
{
	local name=${env[name]} rc=$1 err xen=

	case $rc in
	1)
		# QEMU's own start-up errors exit 1 too: they say why on stderr.
		err=$(grep -aE '^[^ ]*qemu[^ ]*: ' "$qlog" | grep -v 'warning:' | head -n 1)
		if [ -n "$err" ]; then
			ending=qemu-error
			tap not-ok "$name: exit status" "QEMU failed: $err"
		else
			ending=pass
			tap ok "$name: exit status"
		fi ;;
	3)
		ending=fail
		tap not-ok "$name: exit status" \
		    "the kernel reported failure (isa-debug-exit 1, QEMU status 3)" ;;
	124|137)
		ending=timeout
		tap not-ok "$name: exit status" \
		    "timed out after ${env[timeout]} s (the kernel hung or never reached its exit)" ;;
	0)
		[ "${env[boot]}" = xen ] && xen=$(xen_ending)
		case $xen in
		reboot)
			ending=pass
			tap ok "$name: exit status" ;;
		crash)
			ending=fail
			tap not-ok "$name: exit status" \
			    "the kernel reported failure (SCHEDOP_shutdown crash: Xen says \"Hardware Dom0 crashed\")" ;;
		*)
			ending=reset
			if [ "${env[boot]}" = xen ]; then
				tap not-ok "$name: exit status" \
				    "QEMU ended without the kernel reaching its exit: no isa-debug-exit, and Xen's console has no \"Hardware Dom0 shutdown: rebooting machine\" or \"Hardware Dom0 crashed\" (Xen panic, reset or triple fault)"
			else
				tap not-ok "$name: exit status" \
				    "QEMU ended without the kernel reaching isa-debug-exit (reset, triple fault or shutdown)"
			fi ;;
		esac ;;
	*)
		ending=error
		tap not-ok "$name: exit status" \
		    "QEMU status $rc (an error: see $qlog)" ;;
	esac
}

run_one()	# run_one NAME
{
	local name=$1 rc start end elapsed banners console ending=

	if [ "${cfg_of[$name]:-}" = unprepared ]; then
		# gen-envs.sh could not build what it needs: not the code's fault
		echo "not ok - $name: prepared # ERROR could not prepare it: $(head -n 1 "$envdir/$name.err" 2>/dev/null)"
		failed=$((failed + 1))
		tail -n +2 "$envdir/$name.err" 2>/dev/null | sed 's/^/# /'
		return
	fi
	if ! cfg_load "${cfg_of[$name]:-$cfg}" "$name" 2>"$outdir/cfg.err"; then
		tap not-ok "$name" "$(cat "$outdir/cfg.err")"
		return
	fi
	# The kernel to boot, and the tree a module of the build comes from.
	local VMLINUX=$VMLINUX0 PVLINK_IMAGE=$PVLINK_IMAGE0 tree=$objtree
	local kernel=${env[kernel]}
	case $kernel in
	testing | nopvlink | nrcpus2)
		if ! "$gen" kernel "$kernel" > "$outdir/kernel-$kernel.out" 2>&1; then
			tap not-ok "$name: booted" \
			    "could not build kernel variant $kernel (gen-envs.sh kernel $kernel); its last lines:" \
			    "$(tail -n 5 "$outdir/kernel-$kernel.out")"
			return
		fi
		kernel=$outdir/kernel-$kernel ;;
	esac
	if [ -n "$kernel" ]; then
		[[ $kernel == /* ]] || kernel=$objtree/$kernel
		VMLINUX=$kernel/vmlinux PVLINK_IMAGE=$kernel/pvlink.img tree=$kernel
	fi
	# The port carrying the kernel's console is always ENV.log.
	case ${env[console]} in
	serial0)
		log0=$logdir/$name.log
		log1=$logdir/$name.serial1.log ;;
	serial1)
		log0=$logdir/$name.serial0.log
		log1=$logdir/$name.log ;;
	*)
		tap not-ok "$name" "unknown console '${env[console]}'"
		return ;;
	esac
	console=$logdir/$name.log
	qlog=$logdir/$name.qemu.log
	rm -f "$log0" "$log1" "$qlog" "$logdir/$name.status"

	if [ ! -f "$VMLINUX" ]; then
		tap not-ok "$name: booted" "$VMLINUX does not exist: build it first (make)"
		return
	fi
	case ${env[module]} in
	none)
		module= ;;
	generated)
		module=$outdir/module.img ;;
	tampered|truncated|foreign)
		module=$outdir/$name.img
		local why
		if ! why=$(make_module "${env[module]}"); then
			tap not-ok "$name: booted" "$why"
			return
		fi
		echo "$why" ;;
	*)
		# a file of the build (pvlink.img), or an absolute path
		module=${env[module]}
		[[ $module == /* ]] || module=$tree/$module
		if [ ! -f "$module" ]; then
			tap not-ok "$name: booted" "$module does not exist: build it first (make)"
			return
		fi ;;
	esac

	local before=$failed
	skip_reason=
	prepare
	rc=$?
	if [ $rc = 2 ]; then
		echo "ok - $name # SKIP $skip_reason"
		return
	elif [ $rc != 0 ]; then
		tap not-ok "$name: booted" "could not prepare the environment"
		return
	fi

	printf '%q ' timeout -k 5 "${env[timeout]}" "$QEMU" "${qargs[@]}" \
		> "$logdir/$name.cmd"
	echo >> "$logdir/$name.cmd"
	start=$(date +%s%N)
	timeout -k 5 "${env[timeout]}" "$QEMU" "${qargs[@]}" </dev/null >"$qlog" 2>&1
	rc=$?
	end=$(date +%s%N)
	elapsed=$(( (end - start) / 1000000 ))
	touch "$console"
	banners=$(grep -acE "$BANNER_RE" "$console")
	echo "# $name: QEMU status $rc after $((elapsed / 1000)).$(printf '%03d' $((elapsed % 1000))) s"

	if [ "$banners" = 1 ]; then
		tap ok "$name: booted"
	elif [ "$banners" = 0 ]; then
		tap not-ok "$name: booted" \
		    "the kernel's banner (/$BANNER_RE/) never appeared on the console"
	else
		tap not-ok "$name: booted" \
		    "the banner appeared $banners times: the machine restarted"
	fi
	judge_exit $rc
	printf 'rc=%s end=%s elapsed_ms=%s banners=%s\n' $rc "$ending" $elapsed \
		"$banners" > "$logdir/$name.status"
	if [ -n "$module" ]; then
		check_module "$console"
	elif grep -aqE "$MODULE_RE" "$console"; then
		tap not-ok "$name: no module reported" \
		    "the kernel reports a module, but none was passed: $(grep -aEo "$MODULE_RE" "$console" | head -n 1)"
	else
		tap ok "$name: no module reported"
	fi
	/usr/bin/python3 "$here/ktap.py" "$name" "$console" || failed=$((failed + 1))
	check_log "$console"
	check_stack
	check_console_write "$console"

	if [ "$failed" != "$before" ] || [ "${PVLINK_VERBOSE:-0}" = 1 ]; then
		echo "# $name: console log: $console"
		echo "# $name: reproduce: $(cat "$logdir/$name.cmd")"
		show_tail "$console"
		[ "$console" != "$log0" ] && show_tail "$log0"
		[ "$console" != "$log1" ] && show_tail "$log1"
		[ -s "$qlog" ] && show_tail "$qlog"
	fi
}

usage()
{
	sed -n 's/^# Usage: /usage: /p; s/^#        /       /p' "$0" | head -n 2 >&2
	exit 2
}

# summarise NAME: run_one with one TAP line for the whole environment
summarise()
{
	local name=$1 out before=$failed title='' err
	out=$(run_one "$name"; echo "@@failed $failed")
	failed=${out##*@@failed }
	out=${out%@@failed *}
	# its title; of one that could not be prepared, what is known before
	if [ "${cfg_of[$name]:-}" = unprepared ]; then
		cfg_load "$envdir/generated.cfg" "$name" 2>/dev/null && title=${env[title]}
		name+=": ${title:-prepared}"
	else
		cfg_load "${cfg_of[$name]:-$cfg}" "$name" 2>/dev/null && title=${env[title]}
		name+=${title:+: $title}
	fi
	err=$(grep -m 1 "^not ok - ${1//./\\.}: prepared # ERROR " <<< "$out")
	if [ -n "$err" ]; then
		echo "not ok - $name # ERROR ${err#* # ERROR }"
		grep '^# ' <<< "$out"
		return
	fi
	if [ "$failed" = "$before" ]; then
		# Skipped whole, or a console check skipped: the point of
		# the environment was not proven, so the summary SKIPs too.
		local skip
		skip=$(grep -m 1 -E "^ok - $1( # SKIP|: log .* # SKIP)" <<< "$out")
		if [ -n "$skip" ]; then
			echo "ok - $name # SKIP ${skip#* # SKIP }"
		else
			echo "ok - $name"
		fi
		return
	fi
	echo "not ok - $name"
	# the failed results first, then the diagnostics run_one printed
	grep '^not ok - ' <<< "$out" | sed 's/^/# /'
	grep '^# ' <<< "$out"
}

list=0 group='' expect='' summary=0 custom_cfg=0
while [ $# -gt 0 ]; do
	case $1 in
	-c) cfg=$2; custom_cfg=1; shift 2 ;;
	-s) summary=1; shift ;;
	-g) group=$2; shift 2 ;;
	-e) expect=$2; shift 2 ;;
	--list) list=1; shift ;;
	-h|--help) usage ;;
	-*) usage ;;
	*) break ;;
	esac
done

# The generated environments' sections (without -c), as far as they are
# known before a build, into $envdir/generated.cfg
generated()
{
	[ $custom_cfg = 0 ] || return 1
	mkdir -p "$envdir"
	"$gen" cfg > "$envdir/generated.cfg" || {
		echo "run-env.sh: gen-envs.sh cfg failed" >&2
		exit 2
	}
}

if [ $list = 1 ]; then
	for name in $(cfg_names "$cfg"); do
		cfg_load "$cfg" "$name" || exit 2
		[ -n "$group" ] && [[ " ${env[groups]} " != *" $group "* ]] && continue
		[ -n "$expect" ] && [ "${env[expect]}" != "$expect" ] && continue
		echo "$name"
	done
	# the generated ones, a hundred and more: read in one pass
	if generated; then
		while IFS=$'\t' read -r name groups expected; do
			[ -n "$group" ] && [[ " $groups " != *" $group "* ]] && continue
			[ -n "$expect" ] && [ "$expected" != "$expect" ] && continue
			echo "$name"
		done < <(cfg_index "$envdir/generated.cfg")
	fi
	exit 0
fi
[ $# -gt 0 ] || usage

mkdir -p "$outdir" "$logdir"
# The generated environments named are prepared together (one build of
# each kernel variant, one run of mkcorrupt.py).
if generated; then
	known=" $(cfg_names "$cfg" | tr '\n' ' ') "
	genned=" $(cfg_names "$envdir/generated.cfg" | tr '\n' ' ') "
	prep=()
	for name in "$@"; do
		[[ $known != *" $name "* && $genned == *" $name "* ]] && prep+=("$name")
	done
	if [ ${#prep[@]} -gt 0 ]; then
		echo "# preparing ${#prep[@]} generated environments (boot/gen-envs.sh prepare)"
		"$gen" prepare "${prep[@]}" > "$envdir/prepare.out" 2>&1
		sed 's/^/# /' "$envdir/prepare.out"
		for name in "${prep[@]}"; do
			if [ -f "$envdir/$name.cfg" ]; then
				cfg_of[$name]=$envdir/$name.cfg
			else
				cfg_of[$name]=unprepared
			fi
		done
	fi
fi
/usr/bin/python3 "$here/mkmodule.py" "$outdir/module.img" || exit 1
for name in "$@"; do
	if [ $summary = 1 ]; then
		summarise "$name"
	else
		run_one "$name"
	fi
done
[ "$failed" = 0 ]
