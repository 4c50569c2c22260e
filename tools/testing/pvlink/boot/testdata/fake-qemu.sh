#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A stand-in for qemu-system-x86_64 that lets 25-harness.sh check how the
# boot runner judges each way a run can end, without booting anything.
# It reads the options the runner passes (-serial file:LOG, -initrd MODULE,
# -append CMDLINE) and acts out "fake=WHAT" from the command line:
#   pass	 banner, module line, "fake: hello" and "fake: world", KTAP
#		 all ok, debug-exit 0 (status 1)
#   fail	 the same with one failing case, debug-exit 1 (status 3)
#   hang	 prints the banner, then never ends
#   reset	 prints the banner, ends with status 0 (no debug-exit)
#   loop	 prints the banner twice, as a reboot loop would
#   badmodule	 reports the wrong module size and bytes
#   qemu-error	 QEMU's own start-up failure: message, status 1
# and, as Xen 4.17 would (boot = xen: "fake=WHAT" in Xen's command line,
# which is what -append carries then):
#   xen-reboot	 the pass run, ended by SCHEDOP_shutdown reboot: Xen's
#		 "Hardware Dom0 shutdown: rebooting machine", status 0
#   xen-crash	 a failing case, ended by SCHEDOP_shutdown crash: Xen's
#		 "Hardware Dom0 crashed: rebooting machine in 5 seconds.",
#		 status 0
#   xen-panic	 Xen panics after the banner and restarts: status 0
#   xen-forged	 the kernel itself prints Xen's reboot line (no "(XEN) "
#		 prefix), then the machine resets: status 0
set -u

log='' module='' cmdline=''
while [ $# -gt 0 ]; do
	case $1 in
	# The last port logged to a file is the console: the only one of a
	# QEMU boot, and COM2 under Xen (console=com2, where the kernel
	# writes through console_io too).  "-serial none" is not a file.
	-serial) case $2 in file:*) log=${2#file:} ;; esac; shift 2 ;;
	-initrd) module=$2; shift 2 ;;
	-append) cmdline=$2; shift 2 ;;
	*) shift ;;
	esac
done
what=$(echo "$cmdline" | sed -n 's/.*fake=\([a-z-]*\).*/\1/p')
log=${log:-/dev/null}	# no console file (the KVM probe: "-serial none")

banner()
{
	echo "pvlink reference kernel 0.0-fake, entry fake" >> "$log"
}

module_line()	# module_line SIZE HEAD TAIL
{
	echo "module: 0 addr=0x1000000 size=$1 head=$2 tail=$3" >> "$log"
}

real_module()	# under Xen -initrd is "KERNEL CMDLINE[,MODULE]": no file
{
	[ -f "$module" ] || return 0
	module_line "$(stat -c %s "$module")" \
		"$(head -c 16 "$module" | od -An -v -tx1 | tr -d ' \n')" \
		"$(tail -c 16 "$module" | od -An -v -tx1 | tr -d ' \n')"
}

ktap()	# ktap ok|not ok
{
	printf 'KTAP version 1\n1..1\n    KTAP version 1\n    # Subtest: fake\n    1..1\n    %s 1 works\n%s 1 fake\n' \
		"$1" "$1" >> "$log"
}

: > "$log"
case $what in
pass)	banner; real_module; printf 'fake: hello\r\nfake: world\n' >> "$log"; ktap ok; exit 1 ;;
fail)	banner; real_module; ktap "not ok"; exit 3 ;;
hang)	banner; exec sleep 600 ;;
reset)	banner; exit 0 ;;
loop)	banner; banner; exit 0 ;;
badmodule) banner; module_line 4096 00112233445566778899aabbccddeeff 00112233445566778899aabbccddeeff; ktap ok; exit 1 ;;
# The right size and first bytes, but not the file's last ones.
badtail) banner; module_line "$(stat -c %s "$module")" \
		"$(head -c 16 "$module" | od -An -v -tx1 | tr -d ' \n')" \
		00000000000000000000000000000000; ktap ok; exit 1 ;;
xen-reboot)
	banner; ktap ok
	echo "(XEN) Hardware Dom0 shutdown: rebooting machine" >> "$log"
	exit 0 ;;
xen-crash)
	banner; ktap "not ok"
	echo "(XEN) Hardware Dom0 crashed: rebooting machine in 5 seconds." >> "$log"
	exit 0 ;;
xen-panic)
	banner
	printf '(XEN) Panic on CPU 0:\n(XEN) fake\n(XEN) Reboot in five seconds...\n' >> "$log"
	exit 0 ;;
xen-forged)
	banner; ktap ok
	echo "Hardware Dom0 shutdown: rebooting machine" >> "$log"
	exit 0 ;;
qemu-error)
	echo "qemu-system-x86_64: -kernel: could not load kernel" >&2
	exit 1 ;;
esac
echo "fake-qemu: no fake=WHAT on the command line" >&2
exit 2
