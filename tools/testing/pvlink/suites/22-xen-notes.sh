#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Xen ELF notes of vmlinux, read the way Xen's domain builder reads
# them: from the PT_NOTE segment, owner "Xen" (Documentation/xen.rst).
# A linker-script change that drops or moves them breaks the xen-pv and
# xen-pvh boots with nothing but a Xen error; this names the note.
#
# Prints TAP (lib/tap.sh).  The reader is a Python program with a plan of
# its own, run by tap_prog: if it dies, the suite fails naming it.
set -u
srctree=${srctree:-$(cd "$(dirname "$0")/../../../.." && pwd)}
objtree=${objtree:-$srctree}
VMLINUX=${VMLINUX:-$objtree/vmlinux}

# shellcheck source=tools/testing/pvlink/lib/tap.sh
. "$srctree/tools/testing/pvlink/lib/tap.sh"

if [ ! -f "$VMLINUX" ]; then
	tap_error "xen notes: vmlinux" "$VMLINUX does not exist (run make first)"
	tap_done
fi

# The checks print their plan first: 9 results, or 1 if vmlinux is not
# ELF64; the exit status is 1 if one failed.
read -r -d '' notes <<'PY'
import struct
import subprocess
import sys

path = sys.argv[1]
data = open(path, 'rb').read()

# Note types: xen/include/public/elfnote.h (include/xen/elfnote.h)
ENTRY, HYPERCALL_PAGE, VIRT_BASE, PADDR_OFFSET = 1, 2, 3, 4
XEN_VERSION, GUEST_OS, LOADER, PHYS32_ENTRY = 5, 6, 8, 18
PT_LOAD, PT_NOTE, PF_X = 1, 4, 1
failed = 0


def tap(ok, name, why=''):
	global failed
	print('%s - xen notes: %s' % ('ok' if ok else 'not ok', name))
	if not ok:
		failed += 1
		if why:
			print('# ' + why)


def symbols():
	out = subprocess.run(['nm', path], capture_output=True, text=True).stdout
	syms = {}
	for line in out.splitlines():
		f = line.split()
		if len(f) == 3:
			syms[f[2]] = int(f[0], 16)
	return syms


if data[:4] != b'\x7fELF' or data[4] != 2:
	print('1..1')
	tap(False, 'vmlinux is ELF64', '%s is not an ELF64 file' % path)
	sys.exit(1)
print('1..9')
e_phoff, = struct.unpack_from('<Q', data, 0x20)
e_phentsize, e_phnum = struct.unpack_from('<HH', data, 0x36)
phdrs = [struct.unpack_from('<IIQQQQQQ', data, e_phoff + i * e_phentsize)
	 for i in range(e_phnum)]

notes = {}
for p_type, _, p_offset, _, _, p_filesz, _, _ in phdrs:
	if p_type != PT_NOTE:
		continue
	off, end = p_offset, p_offset + p_filesz
	while off + 12 <= end:
		namesz, descsz, ntype = struct.unpack_from('<III', data, off)
		name = data[off + 12:off + 12 + namesz].rstrip(b'\0')
		desc_off = off + 12 + ((namesz + 3) & ~3)
		desc = data[desc_off:desc_off + descsz]
		if name == b'Xen':
			notes.setdefault(ntype, []).append(desc)
		off = desc_off + ((descsz + 3) & ~3)

tap(bool(notes), 'a PT_NOTE segment holds notes of owner "Xen"',
    'no PT_NOTE segment or no "Xen" note in it')


def one(ntype, name):
	d = notes.get(ntype, [])
	if len(d) != 1:
		tap(False, name, 'note type %d appears %d times, expected once' %
		    (ntype, len(d)))
		return None
	return d[0]


def string_note(ntype, name, want):
	d = one(ntype, name)
	if d is not None:
		got = d.rstrip(b'\0').decode('ascii', 'replace')
		tap(got == want, name, 'got "%s", expected "%s"' % (got, want))


def addr_note(ntype, name):
	d = one(ntype, name)
	if d is None:
		return None
	if len(d) != 8:
		tap(False, name, 'descriptor is %d bytes, expected 8' % len(d))
		return None
	return struct.unpack('<Q', d)[0]


string_note(XEN_VERSION, 'XEN_VERSION is "xen-3.0"', 'xen-3.0')
string_note(LOADER, 'LOADER is "generic"', 'generic')
string_note(GUEST_OS, 'GUEST_OS is "pvlink"', 'pvlink')
for ntype, name in ((VIRT_BASE, 'VIRT_BASE is 0 (virtual = physical)'),
		    (PADDR_OFFSET, 'PADDR_OFFSET is 0')):
	v = addr_note(ntype, name)
	if v is not None:
		tap(v == 0, name, 'got %#x' % v)

syms = symbols()


def in_exec_load(addr):
	return any(t == PT_LOAD and f & PF_X and va <= addr < va + msz
		   for t, f, _, va, _, _, msz, _ in phdrs)


for ntype, name, sym in (
		(ENTRY, 'ENTRY is xen_pv_entry', 'xen_pv_entry'),
		(HYPERCALL_PAGE, 'HYPERCALL_PAGE is xen_hypercall_page',
		 'xen_hypercall_page'),
		(PHYS32_ENTRY, 'PHYS32_ENTRY (PVH) is pvh_entry', 'pvh_entry')):
	v = addr_note(ntype, name)
	if v is None:
		continue
	want = syms.get(sym)
	if want is None:
		tap(False, name, 'vmlinux has no symbol %s' % sym)
	elif v != want:
		tap(False, name, 'note says %#x, %s is at %#x' % (v, sym, want))
	elif not in_exec_load(v):
		tap(False, name, '%#x is not in an executable PT_LOAD segment' % v)
	elif ntype == HYPERCALL_PAGE and v % 4096:
		tap(False, name, '%#x is not page aligned' % v)
	elif ntype == PHYS32_ENTRY and v >= 1 << 32:
		tap(False, name, '%#x is not a 32-bit physical address' % v)
	else:
		tap(True, name)
sys.exit(1 if failed else 0)
PY
tap_prog "xen notes" /usr/bin/python3 -c "$notes" "$VMLINUX"
tap_done
