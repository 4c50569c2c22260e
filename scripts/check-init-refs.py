#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""check-init-refs.py VMLINUX MAP

Init text and init data (the sections of init-y objects, see
scripts/Makefile.build) are poisoned and freed at the end of boot by
free_init_memory().  A reference that outlives them is a use after free
waiting to happen.  Two kinds can be told apart from the relocations
vmlinux keeps (--emit-relocs), and fail the build here:

  * resident data (read-only or not) that points into init text or init
    data: a kept pointer, to a function or to a string, read after boot;
  * self-test code (kernel/selftest/, which runs after the free) that
    calls or reads anything init-only.

Calls from other resident code into init code are the boot flow itself
(start_kernel() calls the link, which is init-only) and are not judged.
MAP is the GNU ld map, to name the object a reference comes from.
"""
import re
import struct
import sys

SHT_SYMTAB, SHT_RELA, SHT_NOBITS = 2, 4, 8
SHF_ALLOC, SHF_EXECINSTR = 0x2, 0x4
STT_SECTION = 3
# psABI relocation types whose field is PC-relative (S + A - P).
PC_RELATIVE = {2, 4, 9, 24, 26, 41, 42}    # PC32 PLT32 GOTPCREL PC64 GOTPC32 GOTPCRELX REX_GOTPCRELX
SELFTEST_DIR = 'kernel/selftest/'
# The linker script's names for the init ranges: their addresses are used,
# never what lies there.
BOUNDS = {'_sinittext', '_einittext', '__init_data_begin', '__init_data_end'}


def fail(msg):
    sys.stderr.write('check-init-refs: %s\n' % msg)
    sys.exit(2)


def read_elf(path):
    try:
        data = open(path, 'rb').read()
    except OSError as e:
        fail('cannot read %s: %s' % (path, e.strerror))
    if data[:4] != b'\x7fELF' or data[4] != 2 or data[5] != 1:
        fail('%s is not a little-endian ELF64 file' % path)
    shoff, = struct.unpack_from('<Q', data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x3a)
    secs = []
    for i in range(shnum):
        name, stype, flags, addr, off, size, link, info = struct.unpack_from(
            '<IIQQQQII', data, shoff + i * shentsize)
        secs.append(dict(name=name, type=stype, flags=flags, addr=addr, off=off,
                         size=size, link=link, info=info))
    strtab = secs[shstrndx]

    def cstr(base, off):
        end = data.index(b'\0', base + off)
        return data[base + off:end].decode(errors='replace')
    for s in secs:
        s['sname'] = cstr(strtab['off'], s['name'])
    return data, secs, cstr


def objects_of(mapfile):
    """[(start, end, object)] of every allocated input section in the map."""
    ranges, pending = [], None
    sec_re = re.compile(r'^ (\.\S+)$')
    in_re = re.compile(r'^ (\.\S+)?\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)\s+(\S.*?)\s*$')
    try:
        lines = open(mapfile, errors='replace').read().splitlines()
    except OSError as e:
        fail('cannot read %s: %s' % (mapfile, e.strerror))
    for line in lines:
        m = sec_re.match(line)
        if m:
            pending = m.group(1)
            continue
        m = in_re.match(line)
        if m and (m.group(1) or pending):
            start, size = int(m.group(2), 16), int(m.group(3), 16)
            if size and not m.group(4).startswith('load address'):
                ranges.append((start, start + size, m.group(4)))
        pending = None
    return sorted(ranges)


def main(argv):
    if len(argv) != 2:
        fail('usage: check-init-refs.py VMLINUX MAP')
    data, secs, cstr = read_elf(argv[0])
    objects = objects_of(argv[1])
    symtab = next((s for s in secs if s['type'] == SHT_SYMTAB), None)
    if symtab is None:
        fail('%s has no symbol table' % argv[0])
    strtab = secs[symtab['link']]
    syms = []
    for i in range(symtab['size'] // 24):
        st_name, st_info, _, st_shndx, st_value, _ = struct.unpack_from(
            '<IBBHQQ', data, symtab['off'] + 24 * i)
        syms.append((cstr(strtab['off'], st_name), st_info & 0xf, st_value))
    named = {n: v for n, t, v in syms if n}
    for need in ('_sinittext', '_einittext', '__init_data_begin', '__init_data_end'):
        if need not in named:
            fail('%s has no %s (see arch/x86/kernel/vmlinux.lds.S)' % (argv[0], need))
    init = [(named['_sinittext'], named['_einittext'], 'init text'),
            (named['__init_data_begin'], named['__init_data_end'], 'init data')]
    funcs = sorted((v, n) for n, t, v in syms if n and t in (1, 2) and v)

    def in_init(addr):
        return next((what for lo, hi, what in init if lo <= addr < hi), None)

    def name_of(addr):
        best = None
        for v, n in funcs:
            if v > addr:
                break
            best = (v, n)
        return '%s+0x%x' % (best[1], addr - best[0]) if best else '0x%x' % addr

    def object_of(addr):
        for lo, hi, obj in objects:
            if lo <= addr < hi:
                return obj
        return '?'

    problems = 0
    for rel in secs:
        if rel['type'] != SHT_RELA:
            continue
        target = secs[rel['info']]
        if not target['flags'] & SHF_ALLOC:
            continue
        code = bool(target['flags'] & SHF_EXECINSTR)
        for off in range(rel['off'], rel['off'] + rel['size'], 24):
            r_offset, r_info, r_addend = struct.unpack_from('<QQq', data, off)
            if in_init(r_offset):
                continue            # init refers to init (or to resident): fine
            name, stype, value = syms[r_info >> 32]
            dest = value + r_addend
            if stype == STT_SECTION and (r_info & 0xffffffff) in PC_RELATIVE:
                dest += 4           # the field is 4 bytes before the next insn
            elif stype != STT_SECTION:
                dest = value
            what = in_init(dest)
            if not what or name in BOUNDS:
                continue            # taking a boundary's address reads nothing
            obj = object_of(r_offset)
            if code and not obj.startswith(SELFTEST_DIR):
                continue            # the boot flow calling into the link
            sys.stderr.write(
                '%s: %s (%s, %s) refers to %s in %s, which free_init_memory() frees '
                'at the end of boot: %s\n' % (
                    argv[0], name_of(r_offset), obj, target['sname'],
                    name or name_of(dest), what,
                    'self-tests run after that; keep what they use resident'
                    if code else
                    'keep a copy in resident memory, or take the object out of init-y'))
            problems += 1
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
