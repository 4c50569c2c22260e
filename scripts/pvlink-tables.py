#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""Generate the kernel's pvlink tables, as assembly for the next link.

Usage: pvlink-tables.py [--vmlinux FILE] [--digests FILE] > tables.S

  pvlink_kernel_exports   struct pvlink_export_table (include/linux/pvlink.h):
                          every symbol marked PVLINK_EXPORT() or
                          PVLINK_EXPORT_PERCPU() (include/linux/pvlink.h),
                          read from the ".pvlink.exports" section of FILE, with
                          its address (percpu: its offset) from FILE's symbol
                          table.  Without --vmlinux: an empty table (first pass).
  pvlink_allowed_digests  u32 count, u32 0, then count SHA-256 digests: the
                          backends built with this kernel ("pvimage digests"
                          output, one "HEX NAME" line each).  The image's
                          backends must be among them (the binding).

  pvlink_sites            u32 count, u32 0, then count struct pvlink_site
                          (include/linux/pvlink.h): every relocation
                          FILE kept (--emit-relocs) that names a pv-op (the
                          names in FILE's ".pvlink.pvops"), with its
                          instruction form: call rel32, jmp rel32 or other.
                          A relocation type the table cannot describe is an
                          error naming the function.

The build links vmlinux three times (scripts/Makefile.vmlinux): the tables
have their final size from the second link on, so the third takes its
values from the second and no symbol moves; the build then checks that
the final vmlinux gives the same tables.

Exit status: 0, or 1 with a message naming the export or site that is wrong.
"""

import struct
import sys

SHT_SYMTAB = 2
STB_LOCAL = 0
SHN_UNDEF = 0
PERCPU_SECTION = '.data..percpu'
EXPORT_SECTION = '.pvlink.exports'


def fail(msg):
    sys.stderr.write('pvlink-tables: %s\n' % msg)
    sys.exit(1)


def pvlink_hash(name):
    """include/linux/pvlink.h pvlink_hash(): h = h * 33 + c from 5381, mod 2^32."""
    h = 5381
    for c in name:
        h = (h * 33 + c) & 0xffffffff
    return h


def read_elf(path):
    with open(path, 'rb') as f:
        data = f.read()
    if data[:4] != b'\x7fELF' or data[4] != 2 or data[5] != 1:
        fail('%s: not an ELF64 little-endian file' % path)
    shoff, = struct.unpack_from('<Q', data, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 0x3a)
    secs = []
    for i in range(shnum):
        (name, typ, flags, addr, off, size, link, info, align,
         entsize) = struct.unpack_from('<IIQQQQIIQQ', data, shoff + i * shentsize)
        secs.append(dict(name=name, type=typ, flags=flags, addr=addr, off=off,
                         size=size, link=link, info=info))
    strtab = secs[shstrndx]

    def cstr(base, off):
        end = data.index(b'\0', base + off)
        return data[base + off:end]

    for s in secs:
        s['sname'] = cstr(strtab['off'], s['name']).decode()
    return data, secs, cstr


def exports_of(path):
    data, secs, cstr = read_elf(path)
    names = []
    for s in secs:
        if s['sname'] == EXPORT_SECTION:
            raw = data[s['off']:s['off'] + s['size']]
            names = [r for r in raw.split(b'\0') if r]
    symtab = next((s for s in secs if s['type'] == SHT_SYMTAB), None)
    if symtab is None:
        fail('%s: no symbol table' % path)
    strtab = secs[symtab['link']]
    defined = {}
    for off in range(symtab['off'], symtab['off'] + symtab['size'], 24):
        st_name, st_info, st_other, st_shndx, st_value, st_size = \
            struct.unpack_from('<IBBHQQ', data, off)
        if st_info >> 4 == STB_LOCAL or st_shndx == SHN_UNDEF:
            continue
        sname = secs[st_shndx]['sname'] if st_shndx < len(secs) else ''
        defined[cstr(strtab['off'], st_name)] = (st_value, sname)
    out = {}
    for rec in names:
        kind, name = rec[:1], rec[1:]
        if name in out:
            fail('%s: %s is exported twice (PVLINK_EXPORT)' % (path, name.decode()))
        if name not in defined:
            fail('%s: PVLINK_EXPORT(%s): no global symbol %s in the kernel'
                 % (path, name.decode(), name.decode()))
        value, sname = defined[name]
        percpu = kind == b'P'
        if percpu != (sname == PERCPU_SECTION):
            fail('%s: %s is %sa percpu variable: use %s' % (
                path, name.decode(), '' if sname == PERCPU_SECTION else 'not ',
                'PVLINK_EXPORT_PERCPU()' if sname == PERCPU_SECTION else 'PVLINK_EXPORT()'))
        out[name] = (value, 1 if percpu else 0)
    return out


# x86-64 psABI relocation types a pv-op reference may carry.
R_X86_64_64, R_X86_64_PC32, R_X86_64_PLT32, R_X86_64_32, R_X86_64_32S = 1, 2, 4, 10, 11
SITE_TYPES = {R_X86_64_64, R_X86_64_PC32, R_X86_64_PLT32, R_X86_64_32, R_X86_64_32S}
# Instruction forms (struct pvlink_site.form).
FORM_CALL, FORM_JMP, FORM_OTHER = 0, 1, 2
OPCODE_CALL_REL32, OPCODE_JMP_REL32 = 0xe8, 0xe9
SHF_ALLOC, SHF_EXECINSTR, SHT_RELA, SHT_NOBITS = 0x2, 0x4, 4, 8


def sites_of(path):
    """Every relocation vmlinux kept (--emit-relocs) that names a pv-op."""
    data, secs, cstr = read_elf(path)
    pvops = []
    for s in secs:
        if s['sname'] == '.pvlink.pvops':
            pvops = [r for r in data[s['off']:s['off'] + s['size']].split(b'\0') if r]
    index = {name: i for i, name in enumerate(pvops)}
    symtab = next(s for s in secs if s['type'] == SHT_SYMTAB)
    strtab = secs[symtab['link']]

    def sym(i):
        off = symtab['off'] + 24 * i
        st_name, st_info, _, st_shndx, st_value, st_size = \
            struct.unpack_from('<IBBHQQ', data, off)
        return cstr(strtab['off'], st_name), st_info & 0xf, st_value, st_size

    funcs = sorted((v, sz, n) for n, t, v, sz in
                   (sym(i) for i in range(symtab['size'] // 24)) if t == 2)

    def where(addr):
        best = None
        for v, sz, n in funcs:
            if v <= addr:
                best = (v, sz, n)
        if best and addr < best[0] + max(best[1], 1):
            return '%s+0x%x' % (best[2].decode(), addr - best[0])
        return 'address 0x%x (no function)' % addr

    def text_byte(addr):
        for s in secs:
            if (s['flags'] & SHF_ALLOC and s['type'] != SHT_NOBITS and
                    s['addr'] <= addr < s['addr'] + s['size']):
                return data[s['off'] + addr - s['addr']], bool(s['flags'] & SHF_EXECINSTR)
        return None, False

    sites = []
    for s in secs:
        if s['type'] != SHT_RELA or not secs[s['info']]['flags'] & SHF_ALLOC:
            continue
        target = secs[s['info']]['sname']
        for off in range(s['off'], s['off'] + s['size'], 24):
            r_offset, r_info, r_addend = struct.unpack_from('<QQq', data, off)
            name = sym(r_info >> 32)[0]
            if name not in index:
                continue
            rtype = r_info & 0xffffffff
            if rtype not in SITE_TYPES:
                fail('%s: %s (section %s) refers to pv-op %s with relocation type %d, '
                     'which the site table cannot describe'
                     % (path, where(r_offset), target, name.decode(), rtype))
            op, is_text = text_byte(r_offset - 1)
            form = FORM_OTHER
            if is_text and rtype in (R_X86_64_PC32, R_X86_64_PLT32) and r_addend == -4:
                if op == OPCODE_CALL_REL32:
                    form = FORM_CALL
                elif op == OPCODE_JMP_REL32:
                    form = FORM_JMP
            sites.append((r_offset, index[name], rtype, form, name))
    return sorted(sites)


def entries_of(path):
    """The address of the kernel's own pv_<op> entry, in .pvlink.pvops order.

    Numbers, not relocations: a table of pointers to the entries would
    itself be a reference to every pv-op, that is one more site each.
    """
    data, secs, cstr = read_elf(path)
    pvops = []
    for s in secs:
        if s['sname'] == '.pvlink.pvops':
            pvops = [r for r in data[s['off']:s['off'] + s['size']].split(b'\0') if r]
    symtab = next(s for s in secs if s['type'] == SHT_SYMTAB)
    strtab = secs[symtab['link']]
    value = {}
    for i in range(symtab['size'] // 24):
        st_name, st_info, _, st_shndx, st_value, _ = \
            struct.unpack_from('<IBBHQQ', data, symtab['off'] + 24 * i)
        if st_info >> 4 == 1 and st_info & 0xf == 2 and st_shndx:  # global function
            value[cstr(strtab['off'], st_name)] = st_value
    missing = [n.decode() for n in pvops if n not in value]
    if missing:
        fail('%s: no global function for pv-op %s' % (path, ', '.join(missing)))
    return [(value[n], n) for n in pvops]


def read_digests(path):
    digests = []
    with open(path) as f:
        for line in f:
            words = line.split()
            if not words:
                continue
            if len(words[0]) != 64:
                fail('%s: "%s" is not a SHA-256 line' % (path, line.strip()))
            digests.append(bytes.fromhex(words[0]))
    return digests


def main(argv):
    vmlinux = digests = None
    args = iter(argv)
    for a in args:
        if a == '--vmlinux':
            vmlinux = next(args, None)
        elif a == '--digests':
            digests = next(args, None)
        else:
            fail('unknown argument %s (see the comment at the top)' % a)
    exports = exports_of(vmlinux) if vmlinux else {}
    sites = sites_of(vmlinux) if vmlinux else []
    entries = entries_of(vmlinux) if vmlinux else []
    allowed = read_digests(digests) if digests else []

    nb = len(exports) // 2 + 1
    order = sorted(exports, key=lambda n: (pvlink_hash(n) % nb, n))
    bucket, i = [], 0
    for b in range(nb + 1):
        while i < len(order) and pvlink_hash(order[i]) % nb < b:
            i += 1
        bucket.append(i)

    w = sys.stdout.write
    w('/* Generated by scripts/pvlink-tables.py: do not edit. */\n')
    w('\t.section .rodata.pvlink_tables, "a"\n\t.balign 8\n')
    w('\t.globl pvlink_kernel_exports, pvlink_allowed_digests\n')
    w('pvlink_kernel_exports:\n\t.long %d, %d\n' % (nb, len(order)))
    w('\t.quad .Lpvlink_buckets, .Lpvlink_entries\n')
    w('.Lpvlink_buckets:\n')
    for b in bucket:
        w('\t.long %d\n' % b)
    w('\t.balign 8\n.Lpvlink_entries:\n')
    for k, name in enumerate(order):
        value, flags = exports[name]
        w('\t.long 0x%08x, %d\n\t.quad .Lpvlink_name%d, 0x%x\t/* %s */\n'
          % (pvlink_hash(name), flags, k, value, name.decode()))
    w('pvlink_allowed_digests:\n\t.long %d, 0\n' % len(allowed))
    for d in allowed:
        w('\t.byte %s\n' % ', '.join('0x%02x' % x for x in d))
    # struct pvlink_site: u64 addr, u32 pv-op index (.pvlink.pvops order),
    # u8 relocation type, u8 form (0 call, 1 jmp, 2 other), u16 0.
    w('\t.balign 8\n\t.globl pvlink_sites\npvlink_sites:\n\t.long %d, 0\n' % len(sites))
    for addr, op, rtype, form, name in sites:
        w('\t.quad 0x%x\n\t.long %d\n\t.byte %d, %d\n\t.short 0\t/* %s */\n'
          % (addr, op, rtype, form, name.decode()))
    # u32 count, u32 0, then count u64: the address of each pv_<op> entry.
    w('\t.balign 8\n\t.globl pvlink_pvop_entries\npvlink_pvop_entries:\n\t.long %d, 0\n'
      % len(entries))
    for value, name in entries:
        w('\t.quad 0x%x\t/* %s */\n' % (value, name.decode()))
    for k, name in enumerate(order):
        w('.Lpvlink_name%d:\t.asciz "%s"\n' % (k, name.decode()))
    w('\t.section .note.GNU-stack, "", @progbits\n')


if __name__ == '__main__':
    main(sys.argv[1:])
