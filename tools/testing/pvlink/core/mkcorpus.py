#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# Derive the malformed-object corpus from one good object.
#
#   mkcorpus.py PVLINK_H GOOD.o OUTDIR
#
# Each case changes a few bytes of a real backend object (built with -g,
# so it also has debug sections and their relocations) to break exactly
# one rule of the validation list in Documentation/pvlink.rst, and names
# the error code pvlink must refuse it with.  Writes OUTDIR/NAME.o per
# case and OUTDIR/manifest with "NAME.o CODE_NUMBER CODE_NAME" lines.
# The code numbers are read from the enum in include/linux/pvlink.h, so
# the corpus follows the header.
#
# The good object must be tb_base.o from tools/testing/pvlink/core/backends
# (it has the sections, symbols and relocations the cases edit).
import re
import struct
import sys

EHDR = struct.Struct('<16sHHIQQQIHHHHHH')
SHDR = struct.Struct('<IIQQQQIIQQ')
SYM = struct.Struct('<IBBHQQ')
RELA = struct.Struct('<QQq')

# gABI / psABI numbers the cases use
SHT_PROGBITS, SHT_SYMTAB, SHT_STRTAB, SHT_RELA, SHT_NOBITS, SHT_REL = 1, 2, 3, 4, 8, 9
SHT_INIT_ARRAY = 14
SHF_TLS = 0x400
SHN_COMMON = 0xfff2
STB_LOCAL, STB_GLOBAL, STB_GNU_UNIQUE = 0, 1, 10
STT_TLS, STT_GNU_IFUNC = 6, 10
R_X86_64_PC32, R_X86_64_32, R_X86_64_32S = 2, 10, 11
R_X86_64_IRELATIVE, R_X86_64_NUM = 37, 43
ET_EXEC = 2
EM_386 = 3


def error_codes(header):
    """Map PVLINK_E_* names to their values, in enum order."""
    text = open(header).read()
    body = re.search(r'enum pvlink_err \{(.*?)\};', text, re.S).group(1)
    names = re.findall(r'^\s*(PVLINK_[A-Z0-9_]+)\s*(?:=\s*0)?\s*,', body, re.M)
    return {n: i for i, n in enumerate(names)}


class Obj:
    """A mutable ELF64 relocatable object."""

    def __init__(self, data):
        self.b = bytearray(data)
        self.eh = list(EHDR.unpack_from(self.b, 0))

    # e_* fields by name
    EH_FIELDS = ['ident', 'type', 'machine', 'version', 'entry', 'phoff', 'shoff',
                 'flags', 'ehsize', 'phentsize', 'phnum', 'shentsize', 'shnum',
                 'shstrndx']
    SH_FIELDS = ['name', 'type', 'flags', 'addr', 'offset', 'size', 'link', 'info',
                 'addralign', 'entsize']
    SYM_FIELDS = ['name', 'info', 'other', 'shndx', 'value', 'size']
    RELA_FIELDS = ['offset', 'info', 'addend']

    def set_eh(self, field, value):
        self.eh[self.EH_FIELDS.index(field)] = value
        EHDR.pack_into(self.b, 0, *self.eh)

    def get_eh(self, field):
        return self.eh[self.EH_FIELDS.index(field)]

    def shdr_off(self, i):
        return self.get_eh('shoff') + i * SHDR.size

    def sh(self, i):
        return dict(zip(self.SH_FIELDS, SHDR.unpack_from(self.b, self.shdr_off(i))))

    def set_sh(self, i, **kw):
        s = self.sh(i)
        s.update(kw)
        SHDR.pack_into(self.b, self.shdr_off(i), *[s[f] for f in self.SH_FIELDS])

    def secname(self, i):
        strtab = self.sh(self.get_eh('shstrndx'))
        start = strtab['offset'] + self.sh(i)['name']
        return bytes(self.b[start:self.b.index(0, start)]).decode()

    def find(self, name):
        for i in range(self.get_eh('shnum')):
            if self.secname(i) == name:
                return i
        raise KeyError(name)

    def find_type(self, t):
        return [i for i in range(self.get_eh('shnum')) if self.sh(i)['type'] == t]

    def symtab(self):
        return self.find_type(SHT_SYMTAB)[0]

    def sym_off(self, i):
        return self.sh(self.symtab())['offset'] + i * SYM.size

    def sym(self, i):
        return dict(zip(self.SYM_FIELDS, SYM.unpack_from(self.b, self.sym_off(i))))

    def set_sym(self, i, **kw):
        s = self.sym(i)
        s.update(kw)
        SYM.pack_into(self.b, self.sym_off(i), *[s[f] for f in self.SYM_FIELDS])

    def symname(self, i):
        st = self.sh(self.sh(self.symtab())['link'])
        start = st['offset'] + self.sym(i)['name']
        return bytes(self.b[start:self.b.index(0, start)]).decode()

    def find_sym(self, name):
        n = self.sh(self.symtab())['size'] // SYM.size
        for i in range(n):
            if self.symname(i) == name:
                return i
        raise KeyError(name)

    def rela_off(self, sec, e):
        return self.sh(sec)['offset'] + e * RELA.size

    def rela(self, sec, e):
        return dict(zip(self.RELA_FIELDS, RELA.unpack_from(self.b, self.rela_off(sec, e))))

    def set_rela(self, sec, e, **kw):
        r = self.rela(sec, e)
        r.update(kw)
        RELA.pack_into(self.b, self.rela_off(sec, e), *[r[f] for f in self.RELA_FIELDS])

    def find_rela(self, sec, rtype=None, sym=None):
        n = self.sh(sec)['size'] // RELA.size
        for e in range(n):
            r = self.rela(sec, e)
            if (rtype is None or r['info'] & 0xffffffff == rtype) and \
               (sym is None or r['info'] >> 32 == sym):
                return e
        raise KeyError((sec, rtype, sym))


def info(sym, rtype):
    return (sym << 32) | rtype


def st_info(bind, typ):
    return (bind << 4) | typ


# Each case: (name, expected code, mutation).  A mutation edits an Obj
# in place, or returns replacement bytes.
def cases():
    c = []

    def case(name, code):
        def wrap(fn):
            c.append((name, code, fn))
            return fn
        return wrap

    # -- step 1: the ELF header
    @case('truncated', 'PVLINK_E_TRUNCATED')
    def _(o): return bytes(o.b[:40])

    @case('bad-magic', 'PVLINK_E_MAGIC')
    def _(o): o.b[1] = ord('X')

    @case('class32', 'PVLINK_E_CLASS')
    def _(o): o.b[4] = 1

    @case('big-endian', 'PVLINK_E_DATA')
    def _(o): o.b[5] = 2

    @case('ident-version', 'PVLINK_E_VERSION')
    def _(o): o.b[6] = 0

    @case('e-version', 'PVLINK_E_VERSION')
    def _(o): o.set_eh('version', 2)

    @case('executable', 'PVLINK_E_TYPE')
    def _(o): o.set_eh('type', ET_EXEC)

    @case('machine-i386', 'PVLINK_E_MACHINE')
    def _(o): o.set_eh('machine', EM_386)

    @case('ehsize', 'PVLINK_E_EHSIZE')
    def _(o): o.set_eh('ehsize', 63)

    @case('phnum', 'PVLINK_E_PHNUM')
    def _(o): o.set_eh('phnum', 1)

    @case('shentsize', 'PVLINK_E_SHENTSIZE')
    def _(o): o.set_eh('shentsize', 40)

    @case('shnum-zero', 'PVLINK_E_SHNUM')
    def _(o): o.set_eh('shnum', 0)

    @case('shnum-cap', 'PVLINK_E_SHNUM')
    def _(o): o.set_eh('shnum', 5000)

    @case('shoff-past-end', 'PVLINK_E_SHOFF')
    def _(o): o.set_eh('shoff', len(o.b) - 100)

    @case('shoff-wraps', 'PVLINK_E_SHOFF')
    def _(o): o.set_eh('shoff', 0xffffffffffffff00)

    @case('shstrndx-range', 'PVLINK_E_SHSTRNDX')
    def _(o): o.set_eh('shstrndx', o.get_eh('shnum'))

    @case('shstrndx-not-strtab', 'PVLINK_E_SHSTRNDX')
    def _(o): o.set_eh('shstrndx', o.find('.text'))

    # -- step 2: section headers
    @case('section-past-end', 'PVLINK_E_SEC_BOUNDS')
    def _(o): o.set_sh(o.find('.text'), offset=len(o.b) - 8)

    @case('section-size-wraps', 'PVLINK_E_SEC_BOUNDS')
    def _(o): o.set_sh(o.find('.rodata'), size=0xffffffffffffff00)

    @case('sections-overlap', 'PVLINK_E_SEC_OVERLAP')
    def _(o): o.set_sh(o.find('.rodata'), offset=o.sh(o.find('.text'))['offset'] + 8)

    @case('section-over-headers', 'PVLINK_E_SEC_OVERLAP')
    def _(o): o.set_sh(o.find('.comment'), offset=o.get_eh('shoff'))

    @case('align-not-pow2', 'PVLINK_E_SEC_ALIGN')
    def _(o): o.set_sh(o.find('.text'), addralign=3)

    @case('align-cap', 'PVLINK_E_SEC_ALIGN_CAP')
    def _(o): o.set_sh(o.find('.rodata'), addralign=8192)

    @case('section-name-range', 'PVLINK_E_SEC_NAME')
    def _(o): o.set_sh(o.find('.bss'), name=0x7fffffff)

    @case('alloc-init-array', 'PVLINK_E_SEC_TYPE')
    def _(o): o.set_sh(o.find('.rodata'), type=SHT_INIT_ARRAY)

    @case('tls-section', 'PVLINK_E_SEC_TLS')
    def _(o):
        i = o.find('.bss')
        o.set_sh(i, flags=o.sh(i)['flags'] | SHF_TLS)

    # -- step 3: string tables
    @case('shstrtab-no-final-nul', 'PVLINK_E_STRTAB')
    def _(o):
        s = o.sh(o.get_eh('shstrndx'))
        o.b[s['offset'] + s['size'] - 1] = ord('x')

    @case('strtab-no-leading-nul', 'PVLINK_E_STRTAB')
    def _(o):
        s = o.sh(o.sh(o.symtab())['link'])
        o.b[s['offset']] = ord('x')

    # -- step 4: symbol table and symbols
    @case('no-symtab', 'PVLINK_E_SYMTAB_NONE')
    def _(o): o.set_sh(o.symtab(), type=SHT_PROGBITS)

    @case('two-symtabs', 'PVLINK_E_SYMTAB_MULTI')
    def _(o): o.set_sh(o.find('.debug_abbrev'), type=SHT_SYMTAB)

    @case('symtab-entsize', 'PVLINK_E_SYMTAB_ENTSIZE')
    def _(o): o.set_sh(o.symtab(), entsize=16)

    @case('symtab-link', 'PVLINK_E_SYMTAB_LINK')
    def _(o): o.set_sh(o.symtab(), link=o.find('.text'))

    @case('symtab-info', 'PVLINK_E_SYMTAB_INFO')
    def _(o):
        s = o.sh(o.symtab())
        o.set_sh(o.symtab(), info=s['size'] // SYM.size + 1)

    @case('symbol-name-range', 'PVLINK_E_SYM_NAME')
    def _(o): o.set_sym(o.find_sym('pv_op_a'), name=0x10000000)

    @case('symbol-shndx-reserved', 'PVLINK_E_SYM_SHNDX')
    def _(o): o.set_sym(o.find_sym('pv_op_c'), shndx=0xff00)

    @case('symbol-shndx-range', 'PVLINK_E_SYM_SHNDX')
    def _(o): o.set_sym(o.find_sym('pv_op_c'), shndx=o.get_eh('shnum'))

    @case('local-after-globals', 'PVLINK_E_SYM_BIND')
    def _(o):
        i = o.find_sym('pv_op_b')
        o.set_sym(i, info=st_info(STB_LOCAL, o.sym(i)['info'] & 0xf))

    @case('gnu-unique', 'PVLINK_E_SYM_BIND')
    def _(o):
        i = o.find_sym('pv_op_b')
        o.set_sym(i, info=st_info(STB_GNU_UNIQUE, o.sym(i)['info'] & 0xf))

    @case('symbol-type', 'PVLINK_E_SYM_TYPE')
    def _(o): o.set_sym(o.find_sym('pv_op_b'), info=st_info(STB_GLOBAL, 7))

    @case('symbol-past-section', 'PVLINK_E_SYM_VALUE')
    def _(o): o.set_sym(o.find_sym('pv_op_c'), value=0x100000)

    @case('common', 'PVLINK_E_SYM_COMMON')
    def _(o): o.set_sym(o.find_sym('base_ops'), shndx=SHN_COMMON)

    @case('tls-symbol', 'PVLINK_E_SYM_TLS')
    def _(o): o.set_sym(o.find_sym('base_ops'), info=st_info(STB_GLOBAL, STT_TLS))

    @case('ifunc', 'PVLINK_E_SYM_IFUNC')
    def _(o): o.set_sym(o.find_sym('pv_op_c'), info=st_info(STB_GLOBAL, STT_GNU_IFUNC))

    @case('duplicate-global', 'PVLINK_E_SYM_DUP')
    def _(o): o.set_sym(o.find_sym('pv_op_b'), name=o.sym(o.find_sym('pv_op_a'))['name'])

    # -- step 5: relocation sections and entries
    @case('sht-rel', 'PVLINK_E_REL')
    def _(o): o.set_sh(o.find('.rela.text'), type=SHT_REL)

    @case('rela-entsize', 'PVLINK_E_RELA_ENTSIZE')
    def _(o): o.set_sh(o.find('.rela.text'), entsize=16)

    @case('rela-link', 'PVLINK_E_RELA_LINK')
    def _(o): o.set_sh(o.find('.rela.text'), link=0)

    @case('rela-info-range', 'PVLINK_E_RELA_INFO')
    def _(o): o.set_sh(o.find('.rela.text'), info=o.get_eh('shnum') + 3)

    @case('rela-info-symtab', 'PVLINK_E_RELA_INFO')
    def _(o): o.set_sh(o.find('.rela.text'), info=o.symtab())

    @case('rela-twice', 'PVLINK_E_RELA_MULTI')
    def _(o): o.set_sh(o.find('.rela.rodata'), info=o.find('.text'))

    @case('rela-nobits', 'PVLINK_E_RELA_NOBITS')
    def _(o): o.set_sh(o.find('.rela.rodata'), info=o.find('.bss'))

    @case('rela-symbol-range', 'PVLINK_E_RELA_SYM')
    def _(o):
        n = o.sh(o.symtab())['size'] // SYM.size
        o.set_rela(o.find('.rela.text'), 0, info=info(n, R_X86_64_32S))

    @case('rela-type-irelative', 'PVLINK_E_RELA_TYPE')
    def _(o):
        r = o.rela(o.find('.rela.text'), 1)
        o.set_rela(o.find('.rela.text'), 1, info=info(r['info'] >> 32, R_X86_64_IRELATIVE))

    @case('rela-type-num', 'PVLINK_E_RELA_TYPE')
    def _(o):
        r = o.rela(o.find('.rela.text'), 1)
        o.set_rela(o.find('.rela.text'), 1, info=info(r['info'] >> 32, R_X86_64_NUM))

    @case('rela-offset-end', 'PVLINK_E_RELA_OFFSET')
    def _(o):
        o.set_rela(o.find('.rela.text'), 2, offset=o.sh(o.find('.text'))['size'] - 2)

    @case('rela-offset-wraps', 'PVLINK_E_RELA_OFFSET')
    def _(o): o.set_rela(o.find('.rela.text'), 2, offset=0xfffffffffffffffe)

    @case('rela-debug-symbol', 'PVLINK_E_RELA_NONALLOC_SYM')
    def _(o):
        rt = o.find('.rela.text')
        e = o.find_rela(rt, R_X86_64_32S)
        o.set_rela(rt, e, info=info(debug_section_symbol(o), R_X86_64_32S))

    @case('rela-pc32-percpu', 'PVLINK_E_RELA_PERCPU')
    def _(o):
        rt = o.find('.rela.text')
        e = o.find_rela(rt, R_X86_64_PC32)
        o.set_rela(rt, e, info=info(o.find_sym('base_hits'), R_X86_64_PC32))

    @case('rela-32-kernel-address', 'PVLINK_E_RELA_OVERFLOW')
    def _(o):
        rt = o.find('.rela.text')
        e = o.find_rela(rt, R_X86_64_32S, o.find_sym('base_ops'))
        o.set_rela(rt, e, info=info(o.find_sym('base_ops'), R_X86_64_32))

    # -- resolution and layout
    @case('unexported-symbol', 'PVLINK_E_UNDEFINED')
    def _(o):
        st = o.sh(o.sh(o.symtab())['link'])
        name = o.sym(o.find_sym('kernel_add'))['name']
        o.b[st['offset'] + name + len('kernel_ad')] = ord('X')

    @case('unreferenced-undefined', 'PVLINK_E_UNDEFINED')
    def _(o):
        # point every kernel_add relocation at kernel_apply, then rename
        # kernel_add: unexported, and referenced by no relocation at all
        rt = o.find('.rela.text')
        add, apply = o.find_sym('kernel_add'), o.find_sym('kernel_apply')
        for e in range(o.sh(rt)['size'] // RELA.size):
            r = o.rela(rt, e)
            if r['info'] >> 32 == add:
                o.set_rela(rt, e, info=info(apply, r['info'] & 0xffffffff))
        st = o.sh(o.sh(o.symtab())['link'])
        o.b[st['offset'] + o.sym(add)['name'] + len('kernel_ad')] = ord('X')

    @case('percpu-overflow', 'PVLINK_E_PERCPU_OVERFLOW')
    def _(o): o.set_sh(o.find('.data..percpu'), type=SHT_NOBITS, size=0x100000)

    @case('bss-2-to-the-60', 'PVLINK_E_LAYOUT')
    def _(o): o.set_sh(o.find('.bss'), size=1 << 60)

    return c


def debug_section_symbol(o):
    """Index of the STT_SECTION symbol of .debug_info (not loaded)."""
    want = o.find('.debug_info')
    n = o.sh(o.symtab())['size'] // SYM.size
    for i in range(n):
        s = o.sym(i)
        if s['info'] & 0xf == 3 and s['shndx'] == want:
            return i
    raise KeyError('no .debug_info section symbol')


def main():
    if len(sys.argv) != 4:
        sys.exit('usage: mkcorpus.py PVLINK_H GOOD.o OUTDIR')
    codes = error_codes(sys.argv[1])
    good = open(sys.argv[2], 'rb').read()
    out = sys.argv[3]
    lines = []
    for name, code, fn in cases():
        o = Obj(good)
        res = fn(o)
        data = res if isinstance(res, (bytes, bytearray)) else o.b
        with open('%s/%s.o' % (out, name), 'wb') as f:
            f.write(data)
        lines.append('%s.o %d %s\n' % (name, codes[code], code))
    with open('%s/manifest' % out, 'w') as f:
        f.writelines(lines)
    print('# %d malformed objects, %d distinct error codes' %
          (len(lines), len({l.split()[2] for l in lines})))


if __name__ == '__main__':
    main()
