#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Write the boot test module: SIZE deterministic pseudo-random bytes.

Usage: mkmodule.py OUTPUT [SIZE]

The bytes are SHA-256 in counter mode over a fixed label, so every run and
every machine produces the same file, yet no two 16-byte windows look alike:
a kernel that reports the wrong address or an off-by-a-page copy of the
module cannot match its first bytes by accident.  The default size is not a
multiple of the page size so that rounding errors show.
"""

import hashlib
import os
import sys

DEFAULT_SIZE = 100 * 1024 + 13
LABEL = b'pvlink boot test module'


def main():
	if len(sys.argv) not in (2, 3):
		sys.stderr.write('usage: mkmodule.py OUTPUT [SIZE]\n')
		return 2
	out = sys.argv[1]
	size = int(sys.argv[2]) if len(sys.argv) == 3 else DEFAULT_SIZE
	data = bytearray()
	counter = 0
	while len(data) < size:
		data += hashlib.sha256(LABEL + counter.to_bytes(8, 'little')).digest()
		counter += 1
	tmp = out + '.tmp'
	with open(tmp, 'wb') as f:
		f.write(data[:size])
	os.replace(tmp, out)
	return 0


if __name__ == '__main__':
	sys.exit(main())
