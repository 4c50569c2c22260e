#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Make the pvlink images the boot tests need, other than the build's own.

Usage:
  mkimage.py pack OUT NAME=OBJ[:requires=R][:priority=P][:entry=MASK]...
  mkimage.py unpack IMAGE DIR
  mkimage.py repack IMAGE OUT
  mkimage.py tamper IMAGE OUT
  mkimage.py truncate IMAGE OUT
  mkimage.py foreign IMAGE OUT PVIMAGE WORKDIR

pack      writes an image holding the given objects as backends NAME, from
          the format description in Documentation/pvlink.rst ("The
          image"), without pvimage: the boot tests wrap the malformed
          objects of the linker-core corpus, which have no backend note
          and which pvimage therefore refuses.  entry defaults to 0x3
          (native and pvh), priority to 0, requires to none.
unpack    writes every backend object of IMAGE as DIR/NAME.o and prints
          the names, bottom of nothing in particular: index order.
repack    reads IMAGE's index and objects and packs them again with the
          writer above: for an image pvimage made, the output must be
          byte-identical (25-harness.sh checks it).
tamper    copies IMAGE with one byte flipped in the middle of the first
          backend's object; the index (and its SHA-256) stay as they
          were, so the kernel's digest check must refuse it.
truncate  copies IMAGE without the second half of its last backend, as
          a download or a copy cut short would leave it.
foreign   rebuilds IMAGE from the same backends, each given one more
          non-loaded section (as another compiler or another flag would
          give other bytes): a well-formed image whose digests match its
          objects but are not in the kernel's allow-list.  The objects
          are changed with objcopy and packed by PVIMAGE create.

This is a second, independent implementation of the format on purpose: a
reader and a writer sharing one misreading of the specification would
agree with each other and prove nothing.
"""

import hashlib
import os
import struct
import subprocess
import sys

AR_MAGIC = b'!<arch>\n'
AR_HDR = 60
IDX_MAGIC = b'PVLNKIDX'
IDX_VERSION = 1
IDX_HDR_SIZE = 32
IDX_ENT_SIZE = 136
ENTRY_NATIVE, ENTRY_PVH, ENTRY_XEN_PV = 0x1, 0x2, 0x4
NAME_MAX = 13		# so that "<name>.o/" fits ar's 16-byte name field
NAME_CHARS = set('abcdefghijklmnopqrstuvwxyz0123456789_-')


class ImageError(Exception):
	pass


def ar_member(name, data):
	"""One ar member: the 60-byte header, the data, '\\n' to an even offset."""
	field = (name + '/').encode()
	if len(field) > 16:
		raise ImageError('member name %s is longer than 15 characters' % name)
	hdr = b''.join([field.ljust(16), b'0'.ljust(12), b'0'.ljust(6),
			b'0'.ljust(6), b'644'.ljust(8),
			str(len(data)).encode().ljust(10), b'`\n'])
	assert len(hdr) == AR_HDR
	return hdr + data + (b'\n' if len(data) & 1 else b'')


def check_name(name, what):
	if (not 1 <= len(name) <= NAME_MAX or not set(name) <= NAME_CHARS or
	    name.startswith('-')):
		raise ImageError('%s "%s": 1 to %d characters of [a-z0-9_-], not starting with -'
				 % (what, name, NAME_MAX))


def pack(backends):
	"""backends: [{name, data, requires, priority, entry, cpuid}]."""
	backends = sorted(backends, key=lambda b: b['name'])
	names = [b['name'] for b in backends]
	if len(set(names)) != len(names):
		raise ImageError('a backend name appears twice: %s' % names)
	if not 1 <= len(backends) <= 64:
		raise ImageError('1 to 64 backends, not %d' % len(backends))
	for b in backends:
		check_name(b['name'], 'backend')
		if b['requires']:
			check_name(b['requires'], 'requires')
	idx_size = IDX_HDR_SIZE + IDX_ENT_SIZE * len(backends)
	# Data offsets: magic, index member, then each member in order.
	off = len(AR_MAGIC) + AR_HDR + idx_size + (idx_size & 1)
	entries = []
	for b in backends:
		data_off = off + AR_HDR
		entries.append(struct.pack(
			'<32s32s12sHHiIQQ32s',
			b['name'].encode(), b['requires'].encode(),
			b['cpuid'].encode(), b['entry'], 0, b['priority'], 0,
			data_off, len(b['data']),
			hashlib.sha256(b['data']).digest()))
		off = data_off + len(b['data']) + (len(b['data']) & 1)
	idx = struct.pack('<8sIIII8s', IDX_MAGIC, IDX_VERSION, len(backends),
			  IDX_HDR_SIZE, IDX_ENT_SIZE, bytes(8)) + b''.join(entries)
	out = AR_MAGIC + ar_member('pvlink.idx', idx)
	for b in backends:
		out += ar_member(b['name'] + '.o', b['data'])
	assert len(out) == off
	return out


def read(image):
	"""The backends of an image, as pack() takes them plus offset and
	size, lightly checked
	(this is test tooling; the kernel and pvimage do the full check)."""
	if image[:8] != AR_MAGIC:
		raise ImageError('not an ar archive')
	idx_off = 8 + AR_HDR
	if image[8:24].split(b'/')[0] != b'pvlink.idx':
		raise ImageError('the first member is not pvlink.idx')
	magic, version, count, hsz, esz, _ = struct.unpack_from(
		'<8sIIII8s', image, idx_off)
	if magic != IDX_MAGIC or version != IDX_VERSION or \
	   hsz != IDX_HDR_SIZE or esz != IDX_ENT_SIZE:
		raise ImageError('unknown index header')
	out = []
	for i in range(count):
		name, req, cpuid, entry, _, prio, _, off, size, _ = \
			struct.unpack_from('<32s32s12sHHiIQQ32s', image,
					   idx_off + IDX_HDR_SIZE + i * IDX_ENT_SIZE)
		name = name.rstrip(b'\0').decode()
		if off + size > len(image):
			raise ImageError('backend %s lies outside the image' % name)
		out.append({'name': name, 'requires': req.rstrip(b'\0').decode(),
			    'cpuid': cpuid.rstrip(b'\0').decode(), 'entry': entry,
			    'priority': prio, 'offset': off, 'size': size,
			    'data': image[off:off + size]})
	return out


def parse_spec(spec):
	"""NAME=OBJ[:key=value...] -> a backend dict."""
	head, *opts = spec.split(':')
	if '=' not in head:
		raise ImageError('expected NAME=OBJ, got "%s"' % spec)
	name, path = head.split('=', 1)
	b = {'name': name, 'requires': '', 'priority': 0,
	     'entry': ENTRY_NATIVE | ENTRY_PVH, 'cpuid': ''}
	with open(path, 'rb') as f:
		b['data'] = f.read()
	for o in opts:
		key, _, val = o.partition('=')
		if key == 'requires':
			b['requires'] = val
		elif key == 'priority':
			b['priority'] = int(val, 0)
		elif key == 'entry':
			b['entry'] = int(val, 0)
		else:
			raise ImageError('unknown option "%s" in "%s"' % (key, spec))
	return b


def write(path, data):
	tmp = path + '.tmp'
	with open(tmp, 'wb') as f:
		f.write(data)
	os.replace(tmp, path)


def cmd_pack(args):
	if len(args) < 2:
		return usage()
	write(args[0], pack([parse_spec(s) for s in args[1:]]))
	return 0


def cmd_unpack(args):
	if len(args) != 2:
		return usage()
	image = open(args[0], 'rb').read()
	os.makedirs(args[1], exist_ok=True)
	for b in read(image):
		write(os.path.join(args[1], b['name'] + '.o'), b['data'])
		print(b['name'])
	return 0


def cmd_repack(args):
	if len(args) != 2:
		return usage()
	write(args[1], pack(read(open(args[0], 'rb').read())))
	return 0


def cmd_tamper(args):
	if len(args) != 2:
		return usage()
	image = bytearray(open(args[0], 'rb').read())
	first = read(bytes(image))[0]
	name, off, size = first['name'], first['offset'], first['size']
	at = off + size // 2
	image[at] ^= 0x01
	write(args[1], bytes(image))
	print('flipped bit 0 of byte %d of backend %s (image offset %d)'
	      % (size // 2, name, at))
	return 0


def cmd_truncate(args):
	if len(args) != 2:
		return usage()
	image = open(args[0], 'rb').read()
	last = read(image)[-1]
	cut = last['offset'] + last['size'] // 2
	write(args[1], image[:cut])
	print('cut after byte %d of %d, in the middle of backend %s'
	      % (cut, len(image), last['name']))
	return 0


def cmd_foreign(args):
	if len(args) != 4:
		return usage()
	src, out, pvimage, work = args
	image = open(src, 'rb').read()
	os.makedirs(work, exist_ok=True)
	note = os.path.join(work, 'foreign.txt')
	write(note, b'built apart from the kernel it is booted with\n')
	objs = []
	for b in read(image):
		orig = os.path.join(work, b['name'] + '.orig.o')
		obj = os.path.join(work, b['name'] + '.o')
		write(orig, b['data'])
		subprocess.run(['objcopy', '--add-section',
				'.comment.pvlink_foreign=' + note, orig, obj],
			       check=True)
		objs.append(obj)
	subprocess.run([pvimage, 'create', '-o', out] + objs, check=True)
	print('%s rebuilt with section .comment.pvlink_foreign'
	      % ', '.join(os.path.basename(o)[:-2] for o in objs))
	return 0


def usage():
	sys.stderr.write(__doc__.split('\n\n')[1] + '\n')
	return 2


def main():
	cmds = {'pack': cmd_pack, 'unpack': cmd_unpack, 'repack': cmd_repack,
		'tamper': cmd_tamper, 'truncate': cmd_truncate,
		'foreign': cmd_foreign}
	if len(sys.argv) < 2 or sys.argv[1] not in cmds:
		return usage()
	try:
		return cmds[sys.argv[1]](sys.argv[2:])
	except (ImageError, OSError, subprocess.CalledProcessError) as e:
		sys.stderr.write('mkimage.py %s: %s\n' % (sys.argv[1], e))
		return 1


if __name__ == '__main__':
	sys.exit(main())
