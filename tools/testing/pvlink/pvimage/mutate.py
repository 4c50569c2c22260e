#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Write malformed or unusual variants of a backend object (malformed.sh).

Usage: mutate.py KIND IN.o OUT.o

  shstrndx-zero      e_shstrndx 0, and section 0 given a wild sh_offset
                     (the name table index points at the null section)
  shstrtab-nobits    the section name table typed SHT_NOBITS
  shdr-unaligned     the section header table moved to an odd offset
  symtab-unaligned   the symbol table's bytes moved to an odd offset

The last two are valid ELF (the gABI asks no alignment of a file offset
here that a reader copying entries out needs): they must link in full.
"""

import struct
import sys

EHDR = struct.Struct('<16sHHIQQQIHHHHHH')
SHDR = struct.Struct('<IIQQQQIIQQ')
SHT_SYMTAB, SHT_NOBITS = 2, 8


def main():
	kind, src, dst = sys.argv[1:4]
	data = bytearray(open(src, 'rb').read())
	eh = list(EHDR.unpack_from(data, 0))
	shoff, shnum, shstrndx = eh[6], eh[12], eh[13]
	sh = [list(SHDR.unpack_from(data, shoff + i * SHDR.size)) for i in range(shnum)]

	if kind == 'shstrndx-zero':
		eh[13] = 0
		sh[0][4] = 0xfffffff000000000	# sh_offset
		sh[0][5] = 64			# sh_size
	elif kind == 'shstrtab-nobits':
		sh[shstrndx][1] = SHT_NOBITS
	elif kind == 'shdr-unaligned':
		if len(data) % 2 == 0:
			data += b'\0'
		eh[6] = len(data)
		data += bytes(shnum * SHDR.size)
	elif kind == 'symtab-unaligned':
		i = next(i for i, s in enumerate(sh) if s[1] == SHT_SYMTAB)
		if len(data) % 2 == 0:
			data += b'\0'
		off, size = sh[i][4], sh[i][5]
		sh[i][4] = len(data)
		data += data[off:off + size]
	else:
		sys.exit('mutate.py: unknown kind %s' % kind)
	EHDR.pack_into(data, 0, *eh)
	for i, s in enumerate(sh):
		SHDR.pack_into(data, eh[6] + i * SHDR.size, *s)
	open(dst, 'wb').write(data)


if __name__ == '__main__':
	main()
