#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Compare the regions the kernel linked at boot with pvimage link's output.

Usage:
  linkequal.py regions CONSOLE.LOG
  linkequal.py compare PREFIX CONSOLE.LOG OUT ADDR

regions   prints the kernel's regions, one "NAME ADDR SIZE" line each
          (hexadecimal address, decimal size), from the lines pvlink.debug
          prints:
            pvlink: region <name> addr 0x<hex> size <decimal> sha256 <hex>
          Exit status 1 if there are none.
compare   reads OUT, OUT.map and OUT.percpu as "pvimage link --addr ADDR
          -o OUT" writes them (Documentation/pvimage.rst, "Link output") and
          prints TAP: one line that pvimage placed every region where the
          kernel did, then one line per region of the kernel that its
          size and SHA-256 equal pvimage's bytes for it (bss: that many
          zero bytes; percpu: the template), then one line that pvimage
          has no non-empty region the kernel did not report.
"""

import hashlib
import re
import sys

RE_REGION = re.compile(r'^pvlink: region (text|rodata|data|bss|got|percpu) '
		       r'addr 0x([0-9a-fA-F]+) size (\d+) sha256 ([0-9a-f]{64})\s*$')
RE_MAP = re.compile(r'^region (\w+) 0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+)$')


def kernel_regions(log):
	out = {}
	with open(log, errors='replace') as f:
		for line in f:
			m = RE_REGION.match(line.replace('\r', ''))
			if m:
				out[m.group(1)] = (int(m.group(2), 16), int(m.group(3)), m.group(4))
	return out


def map_regions(path):
	out = {}
	with open(path) as f:
		for line in f:
			m = RE_MAP.match(line.strip())
			if m:
				out[m.group(1)] = (int(m.group(2), 16), int(m.group(3), 16))
	return out


class Tap:
	def __init__(self, prefix):
		self.prefix = prefix
		self.failed = 0

	def __call__(self, ok, name, *diag):
		print('%s - %s: %s' % ('ok' if ok else 'not ok', self.prefix, name))
		if not ok:
			self.failed += 1
			for d in diag:
				print('# ' + d)


def compare(prefix, log, out, addr):
	tap = Tap(prefix)
	kern = kernel_regions(log)
	pvi = map_regions(out + '.map')
	if not kern:
		tap(False, 'the kernel printed its regions (pvlink.debug)',
		    'no "pvlink: region ..." line in ' + log)
		return 1
	if not pvi:
		tap(False, 'pvimage link wrote a map', 'no region line in ' + out + '.map')
		return 1
	flat = open(out, 'rb').read()
	base = int(addr, 0)	# OUT holds memory from --addr on

	moved = ['%s: kernel 0x%x, pvimage 0x%x' % (r, kern[r][0], pvi.get(r, (-1,))[0])
		 for r in kern if pvi.get(r, (None,))[0] != kern[r][0]]
	tap(not moved, 'pvimage places every region where the kernel did', *moved)

	for r, (addr, size, digest) in sorted(kern.items()):
		what = '%s (0x%x, %d bytes): size and SHA-256 equal pvimage link\'s' \
		       % (r, addr, size)
		if r not in pvi or pvi[r][1] != size:
			tap(False, what, 'pvimage has %s bytes of %s'
			    % (pvi[r][1] if r in pvi else 'no', r))
			continue
		if r == 'bss':
			data = bytes(size)
		elif r == 'percpu':
			try:
				data = open(out + '.percpu', 'rb').read()
			except OSError:
				data = b''
		else:
			start = pvi[r][0] - base
			data = flat[start:start + size]
		got = hashlib.sha256(data).hexdigest()
		tap(got == digest and len(data) == size, what,
		    'kernel %s' % digest, 'pvimage %s (%d bytes)' % (got, len(data)))

	extra = [r for r in pvi if pvi[r][1] and r not in kern]
	tap(not extra, 'the kernel reported every non-empty region pvimage has',
	    'missing from the kernel\'s lines: %s' % ' '.join(extra))
	return 1 if tap.failed else 0


def main():
	if len(sys.argv) == 3 and sys.argv[1] == 'regions':
		kern = kernel_regions(sys.argv[2])
		for r, (addr, size, _) in kern.items():
			print('%s 0x%x %d' % (r, addr, size))
		return 0 if kern else 1
	if len(sys.argv) == 6 and sys.argv[1] == 'compare':
		return compare(*sys.argv[2:])
	sys.stderr.write(__doc__.split('\n\n')[1] + '\n')
	return 2


if __name__ == '__main__':
	sys.exit(main())
